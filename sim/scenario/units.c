/* units.c - sizes, per-second rates and durations as written (see units.h). */
#include "scenario/units.h"

#include <stdio.h>
#include <string.h>

#include "core/scenario.h"

static const struct {
    const char *name;
    uint64_t mult;
} size_units[] = {
    {"B", 1},
    {"KiB", UINT64_C(1) << 10},
    {"MiB", UINT64_C(1) << 20},
    {"GiB", UINT64_C(1) << 30},
    {"TiB", UINT64_C(1) << 40},
    {"KB", UINT64_C(1000)},
    {"MB", UINT64_C(1000000)},
    {"GB", UINT64_C(1000000000)},
    {"TB", UINT64_C(1000000000000)},
};
#define NUNITS (int)(sizeof size_units / sizeof size_units[0])

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same_nocase(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

/* Leading digits of s into *v (saturating, *over set past UINT64_MAX). */
static size_t read_digits(const char *s, size_t len, uint64_t *v, bool *over)
{
    uint64_t x = 0;
    size_t i = 0;
    *over = false;
    for (; i < len && is_digit(s[i]); i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (x > (UINT64_MAX - d) / 10) {
            *over = true;
            x = UINT64_MAX;
        } else if (!*over) {
            x = x * 10 + d;
        }
    }
    *v = x;
    return i;
}

UnitsStatus units_parse_size(const char *s, size_t len, bool objects, int64_t *out, UnitsWhy *why)
{
    UnitsWhy none;
    if (!why)
        why = &none;
    memset(why, 0, sizeof *why);
    if (len > 1 && s[0] == '-' && is_digit(s[1]))
        return UNITS_NEGATIVE;
    uint64_t v;
    bool over;
    size_t d = read_digits(s, len, &v, &over);
    if (d == 0)
        return UNITS_NO_NUMBER;
    const char *u = s + d;
    size_t ul = len - d;
    uint64_t mult = 1;
    if (ul > 0) {
        if ((u[0] == '.' || u[0] == ',') && ul > 1 && is_digit(u[1]))
            return UNITS_FRACTION;
        if (u[0] == ' ')
            return UNITS_SPACE;
        int k = -1;
        for (int i = 0; i < NUNITS && k < 0; i++)
            if (strlen(size_units[i].name) == ul && !memcmp(u, size_units[i].name, ul))
                k = i;
        if (k < 0) {
            why->unit_at = d;
            why->unit_len = ul;
            for (int i = 0; i < NUNITS && !why->suggest; i++)
                if (strlen(size_units[i].name) == ul && same_nocase(u, size_units[i].name, ul))
                    why->suggest = size_units[i].name;
            return UNITS_UNKNOWN_UNIT;
        }
        if (objects)
            return UNITS_OBJECTS;
        mult = size_units[k].mult;
    }
    if (over || v > (uint64_t)(SC_SIZE_LIMIT - 1) / mult)
        return UNITS_TOO_LARGE;
    *out = (int64_t)(v * mult);
    return UNITS_OK;
}

bool units_is_per_second(const char *s, size_t len)
{
    return len > 2 && s[len - 2] == '/' && s[len - 1] == 's';
}

UnitsStatus units_per_tick(int64_t per_second, int64_t tick_us, int64_t *out)
{
    if (per_second < 0 || tick_us < 1)
        return UNITS_OUT_OF_RANGE;
    uint64_t v = (uint64_t)per_second, us = (uint64_t)tick_us;
    uint64_t q = v / 1000000, rem = v % 1000000;
    if (q > (uint64_t)SC_RATE_LIMIT / us)
        return UNITS_TOO_LARGE;
    uint64_t n = q * us + rem * us / 1000000;
    if (v > 0 && n == 0)
        return UNITS_BELOW_ONE;
    if (n >= (uint64_t)SC_RATE_LIMIT)
        return UNITS_TOO_LARGE;
    *out = (int64_t)n;
    return UNITS_OK;
}

UnitsStatus units_parse_duration(const char *s, size_t len, int64_t *out_us, UnitsWhy *why)
{
    UnitsWhy none;
    if (!why)
        why = &none;
    memset(why, 0, sizeof *why);
    uint64_t v;
    bool over;
    size_t d = read_digits(s, len, &v, &over);
    if (d == 0)
        return UNITS_NO_NUMBER;
    const char *u = s + d;
    size_t ul = len - d;
    uint64_t mult;
    if (ul == 0)
        return UNITS_NEEDS_UNIT;
    if (ul == 2 && !memcmp(u, "us", 2))
        mult = 1;
    else if (ul == 2 && !memcmp(u, "ms", 2))
        mult = 1000;
    else if (ul == 1 && u[0] == 's')
        mult = 1000000;
    else {
        why->unit_at = d;
        why->unit_len = ul;
        return UNITS_UNKNOWN_UNIT;
    }
    if (over || v == 0 || v > (uint64_t)UNITS_MAX_TICK_US / mult)
        return UNITS_OUT_OF_RANGE;
    *out_us = (int64_t)(v * mult);
    return UNITS_OK;
}

void units_format_duration(char *out, size_t cap, int64_t us)
{
    if (us % 1000000 == 0)
        snprintf(out, cap, "%llds", (long long)(us / 1000000));
    else if (us % 1000 == 0)
        snprintf(out, cap, "%lldms", (long long)(us / 1000));
    else
        snprintf(out, cap, "%lldus", (long long)us);
}
