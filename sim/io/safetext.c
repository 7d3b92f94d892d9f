/* safetext.c - escaping untrusted text for terminals and the window (see safetext.h). */
#include "io/safetext.h"

#include <string.h>

/* The length of the valid UTF-8 sequence at s and its code point, or 0
 * when s does not start one (overlong forms and surrogates included). */
static size_t utf8_seq(const unsigned char *s, unsigned *cp)
{
    unsigned c = s[0];
    size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    if (n == 0 || c >= 0xF5)
        return 0;
    unsigned v = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

static bool is_bidi(unsigned cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* The escape for the character at s in esc (at most 7 bytes), or "" when
 * it prints as it is; *len is the character's length in bytes. */
static void escape_one(const char *s, size_t *len, char esc[8])
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned char c = (unsigned char)s[0];
    unsigned cp;
    esc[0] = '\0';
    *len = 1;
    if (c == '\n' || c == '\t' || c == '\r') {
        esc[0] = '\\';
        esc[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
        esc[2] = '\0';
    } else if (c < 0x20 || c == 0x7F) {
        memcpy(esc, "\\x", 2);
        esc[2] = hex[c >> 4], esc[3] = hex[c & 15], esc[4] = '\0';
    } else if (c >= 0x80) {
        size_t n = utf8_seq((const unsigned char *)s, &cp);
        if (n == 0) {
            memcpy(esc, "\\x", 2);
            esc[2] = hex[c >> 4], esc[3] = hex[c & 15], esc[4] = '\0';
            return;
        }
        *len = n;
        if ((cp >= 0x80 && cp <= 0x9F) || is_bidi(cp)) {
            memcpy(esc, "\\u", 2);
            for (int i = 0; i < 4; i++)
                esc[2 + i] = hex[cp >> (12 - 4 * i) & 15];
            esc[6] = '\0';
        }
    }
}

bool safetext_is_plain(const char *s)
{
    while (*s) {
        size_t n;
        char esc[8];
        escape_one(s, &n, esc);
        if (esc[0])
            return false;
        s += n;
    }
    return true;
}

size_t safetext_escape(char *out, size_t cap, const char *s)
{
    size_t total = 0, kept = 0;
    bool cut = false;
    while (*s) {
        size_t n;
        char esc[8];
        escape_one(s, &n, esc);
        const char *piece = esc[0] ? esc : s;
        size_t len = esc[0] ? strlen(esc) : n;
        if (!cut && kept + len < cap) {
            memcpy(out + kept, piece, len);
            kept += len;
        } else {
            cut = true;
        }
        total += len;
        s += n;
    }
    if (cap > 0)
        out[kept] = '\0';
    return total;
}

int safetext_fputs(const char *s, FILE *f)
{
    while (*s) {
        size_t n;
        char esc[8];
        escape_one(s, &n, esc);
        if (esc[0]) {
            if (fputs(esc, f) == EOF)
                return EOF;
        } else if (fwrite(s, 1, n, f) != n) {
            return EOF;
        }
        s += n;
    }
    return 0;
}
