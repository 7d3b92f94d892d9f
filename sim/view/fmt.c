/* fmt.c - human units (see fmt.h). */
#include <stdio.h>
#include <string.h>

#include "view/fmt.h"

/* Three significant figures at most, trailing ".0" dropped. */
static void scaled(double v, const char *unit, char *buf, size_t len)
{
    if (v < 9.995) snprintf(buf, len, "%.2f", v);
    else if (v < 99.95) snprintf(buf, len, "%.1f", v);
    else snprintf(buf, len, "%.0f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf) - 1;
        while (e > dot && *e == '0') *e-- = 0;
        if (e == dot) *e = 0;
    }
    size_t n = strlen(buf);
    snprintf(buf + n, len - n, " %s", unit);
}

char *fmt_bytes(int64_t v, char *buf, size_t len)
{
    static const char *const unit[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    const char *sign = v < 0 ? "-" : "";
    double x = v < 0 ? -(double)v : (double)v;
    int u = 0;
    while (x >= 1023.995 && u < 6) {
        x /= 1024.0;
        u++;
    }
    char tmp[48];
    if (u == 0) snprintf(tmp, sizeof tmp, "%.0f B", x);
    else scaled(x, unit[u], tmp, sizeof tmp);
    snprintf(buf, len, "%s%s", sign, tmp);
    return buf;
}

char *fmt_units(int64_t v, bool objects, char *buf, size_t len)
{
    if (!objects) return fmt_bytes(v, buf, len);
    snprintf(buf, len, "%lld object%s", (long long)v, v == 1 ? "" : "s");
    return buf;
}

char *fmt_rate(double bps, char *buf, size_t len)
{
    static const char *const unit[] = {"B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s"};
    int u = 0;
    while (bps >= 1023.995 && u < 4) {
        bps /= 1024.0;
        u++;
    }
    if (u == 0) snprintf(buf, len, "%.0f B/s", bps);
    else scaled(bps, unit[u], buf, len);
    return buf;
}

char *fmt_duration(int64_t us, char *buf, size_t len)
{
    if (us == 0) snprintf(buf, len, "0 ms");
    else if (us < 1000) snprintf(buf, len, "%lld µs", (long long)us);
    else if (us < 1000000) scaled((double)us / 1000.0, "ms", buf, len);
    else scaled((double)us / 1e6, "s", buf, len);
    return buf;
}

char *fmt_int(int64_t v, char *buf, size_t len)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)(v < 0 ? -v : v));
    size_t n = strlen(digits), o = 0;
    if (v < 0 && o + 1 < len) buf[o++] = '-';
    for (size_t i = 0; i < n && o + 4 < len; i++) {
        if (i > 0 && (n - i) % 3 == 0) {
            /* U+2009 THIN SPACE: groups without suggesting a decimal point */
            buf[o++] = (char)0xE2;
            buf[o++] = (char)0x80;
            buf[o++] = (char)0x89;
        }
        buf[o++] = digits[i];
    }
    buf[o] = 0;
    return buf;
}
