/* encoding.c - refusing scenario files that are not UTF-8 (see encoding.h). */
#include "scenario/encoding.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SNIFF_BYTES 4096  /* enough of the start to tell UTF-16/32 from text */

static bool starts(const unsigned char *t, size_t len, const char *bom, size_t n)
{
    return len >= n && !memcmp(t, bom, n);
}

/* NUL bytes at each offset modulo 4 in the first SNIFF_BYTES bytes. */
static void count_nuls(const unsigned char *t, size_t len, size_t nul[4], size_t all[4])
{
    if (len > SNIFF_BYTES)
        len = SNIFF_BYTES;
    for (size_t i = 0; i < len; i++) {
        all[i & 3]++;
        nul[i & 3] += t[i] == 0;
    }
}

/* The wide encoding the file looks like, or NULL. ASCII text in UTF-16 has
 * a NUL in every other byte, in UTF-32 three NULs in every four; UTF-8 text
 * has none (a stray NUL is the reader's to report, with its position). */
static const char *wide_encoding(const unsigned char *t, size_t len)
{
    if (starts(t, len, "\xFF\xFE\0\0", 4))
        return "UTF-32 (little-endian, with a byte-order mark)";
    if (starts(t, len, "\0\0\xFE\xFF", 4))
        return "UTF-32 (big-endian, with a byte-order mark)";
    if (starts(t, len, "\xFF\xFE", 2))
        return "UTF-16 (little-endian, with a byte-order mark)";
    if (starts(t, len, "\xFE\xFF", 2))
        return "UTF-16 (big-endian, with a byte-order mark)";
    size_t nul[4] = {0}, all[4] = {0};
    count_nuls(t, len, nul, all);
    if (len < 4)
        return NULL;
    /* More than half of the bytes at the offsets ASCII leaves empty. */
#define MOSTLY(k) (2 * nul[k] > all[k])
#define FEW(k) (8 * nul[k] < all[k])
    if (MOSTLY(1) && MOSTLY(2) && MOSTLY(3) && FEW(0))
        return "UTF-32 (little-endian)";
    if (MOSTLY(0) && MOSTLY(1) && MOSTLY(2) && FEW(3))
        return "UTF-32 (big-endian)";
    if (MOSTLY(1) && MOSTLY(3) && FEW(0) && FEW(2))
        return "UTF-16 (little-endian)";
    if (MOSTLY(0) && MOSTLY(2) && FEW(1) && FEW(3))
        return "UTF-16 (big-endian)";
#undef MOSTLY
#undef FEW
    return NULL;
}

/* The offset of the first byte that does not belong to valid UTF-8, or len. */
static size_t first_bad_utf8(const unsigned char *t, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned c = t[i];
        size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        if (n == 0 || i + n > len)
            return i;
        uint32_t v = c & (0xFFu >> (n + 1));
        for (size_t k = 1; k < n; k++) {
            if ((t[i + k] & 0xC0) != 0x80)
                return i;
            v = v << 6 | (t[i + k] & 0x3F);
        }
        if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
            return i;
        i += n;
    }
    return len;
}

/* 1-based line and column (in characters) of offset off. */
static void position(const unsigned char *t, size_t off, unsigned long *line, unsigned long *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (t[i] == '\n') {
            ++*line;
            *col = 1;
        } else if ((t[i] & 0xC0) != 0x80) {
            ++*col;
        }
    }
}

int encoding_check(const char *text, size_t len, char *msg, size_t cap)
{
    const unsigned char *t = (const unsigned char *)text;
    const char *wide = wide_encoding(t, len);
    if (wide) {
        snprintf(msg, cap, "this file is %s; save it as UTF-8", wide);
        return -1;
    }
    size_t bad = first_bad_utf8(t, len);
    if (bad == len)
        return 0;
    unsigned long line, col;
    position(t, bad, &line, &col);
    snprintf(msg, cap,
             "this file is not UTF-8 text (byte 0x%02X at line %lu, column %lu; Latin-1 or Windows-1252?); "
             "save it as UTF-8",
             t[bad], line, col);
    return -1;
}
