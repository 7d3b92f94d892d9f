/* args.c - option values shared by the commands' parsers. */
#include "app/args.h"

#include <errno.h>
#include <stdlib.h>

int args_size(const char *s, int *w, int *h)
{
    char *end;
    long a = strtol(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X'))
        return -1;
    const char *b0 = end + 1;
    long b = strtol(b0, &end, 10);
    if (end == b0 || *end || a < 320 || b < 200 || a > 7680 || b > 4320)
        return -1;
    *w = (int)a;
    *h = (int)b;
    return 0;
}

int args_i64(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}
