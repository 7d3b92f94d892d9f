/* content.c - content bytes, UTF-8 boundaries and per-chunk decoding. */
#include "content.h"

uint8_t content_byte(const StreamDef *src, int64_t off)
{
    if (!src->content || src->content_len <= 0)
        return 0;
    return (uint8_t)src->content[off % src->content_len];
}

/* Length of the UTF-8 sequence a lead byte starts (0 for a continuation or invalid byte). */
static int seq_len(uint8_t b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

int64_t content_char_boundary(const StreamDef *src, int64_t start, int64_t end)
{
    /* walk back over at most 3 continuation bytes to the last lead byte */
    for (int64_t p = end - 1; p >= start && p >= end - 4; p--) {
        int n = seq_len(content_byte(src, p));
        if (n == 0)
            continue;
        return p + n > end ? p : end;
    }
    return end;
}

int64_t content_utf16_len(const StreamDef *src, int64_t a, int64_t b)
{
    int64_t n = 0;
    for (int64_t p = a; p < b; p++) {
        uint8_t c = content_byte(src, p);
        if ((c & 0xC0) != 0x80)
            n += c >= 0xF0 ? 2 : 1;
    }
    return n;
}

static size_t put_bytes(char *out, size_t o, size_t cap, const uint8_t *b, int n)
{
    if (o + (size_t)n + 1 > cap)
        return o;
    for (int k = 0; k < n; k++)
        out[o + (size_t)k] = (char)b[k];
    return o + (size_t)n;
}

size_t content_decode(const StreamDef *src, int64_t off, int64_t len, char *out, size_t cap)
{
    static const uint8_t fffd[3] = {0xEF, 0xBF, 0xBD};
    size_t o = 0;
    int64_t p = off, end = off + len;
    if (cap == 0)
        return 0;
    while (p < end && o + 5 < cap) {
        uint8_t b = content_byte(src, p);
        int n = seq_len(b);
        if (n == 0) {
            o = put_bytes(out, o, cap, fffd, 3);
            p++;
            continue;
        }
        /* WHATWG: the second byte's allowed range depends on the lead byte */
        uint8_t lo = 0x80, hi = 0xBF;
        if (b == 0xE0)
            lo = 0xA0;
        else if (b == 0xED)
            hi = 0x9F;
        else if (b == 0xF0)
            lo = 0x90;
        else if (b == 0xF4)
            hi = 0x8F;
        int k = 1;
        while (k < n && p + k < end) {
            uint8_t c = content_byte(src, p + k);
            if (c < lo || c > hi)
                break;
            lo = 0x80;
            hi = 0xBF;
            k++;
        }
        if (k == n) {
            uint8_t seq[4];
            for (int j = 0; j < n; j++)
                seq[j] = content_byte(src, p + j);
            o = put_bytes(out, o, cap, seq, n);
        } else {
            o = put_bytes(out, o, cap, fffd, 3); /* one U+FFFD per maximal subpart */
        }
        p += k;
    }
    out[o] = 0;
    return o;
}

size_t content_hex(const StreamDef *src, int64_t off, int64_t len, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    for (int64_t p = off; p < off + len && o + 3 <= cap; p++) {
        uint8_t b = content_byte(src, p);
        out[o++] = hex[b >> 4];
        out[o++] = hex[b & 15];
    }
    if (cap)
        out[o < cap ? o : cap - 1] = 0;
    return o;
}
