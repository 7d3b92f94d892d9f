/* units.h - the units a person writes a size, a rate or a duration in: the
 * one table and the one set of rules shared by the scenario reader
 * (scenario_yaml.c), `--vary` and `sweep` specs and the window's live edits
 * (vary.c), so that `16kib` or `16MiB/s` means the same, and is refused the
 * same way, wherever it is written.
 *
 *   sizes      digits, then at once an optional unit: B KiB MiB GiB TiB
 *              (powers of 1024) or KB MB GB TB (powers of 1000); on an
 *              objectMode side a plain count, no unit; below SC_SIZE_LIMIT
 *   rates      a size per tick, or per second with "/s", converted with the
 *              scenario's tick and rounded down: 16MiB/s at 1ms is 16777 B
 *   durations  digits and us, ms or s (the scenario's `tick`)
 *
 * The functions only classify: each caller words its own message (the reader
 * prefixes file:line:col and the key, vary the spec part), from the status
 * and the UnitsWhy details. No globals, nothing printed, nothing allocated.
 */
#ifndef HW_UNITS_H
#define HW_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UNITS_SIZE_LIST "B, KiB, MiB, GiB, TiB, KB, MB, GB or TB"
#define UNITS_DURATION_LIST "us, ms or s"

typedef enum {
    UNITS_OK = 0,
    UNITS_NEGATIVE,     /* "-5": a minus sign before digits */
    UNITS_NO_NUMBER,    /* no digits at the start */
    UNITS_FRACTION,     /* "1.5KiB", "1,5": whole numbers only */
    UNITS_SPACE,        /* "16 KiB": the unit must follow the digits */
    UNITS_UNKNOWN_UNIT, /* why->unit_*; why->suggest when only the case differs */
    UNITS_NEEDS_UNIT,   /* a duration without one */
    UNITS_OBJECTS,      /* a unit on a count of objects */
    UNITS_TOO_LARGE,    /* a size >= SC_SIZE_LIMIT, a rate >= SC_RATE_LIMIT per tick */
    UNITS_OUT_OF_RANGE, /* a duration of 0 or above UNITS_MAX_TICK_US */
    UNITS_BELOW_ONE,    /* a positive per-second rate that is 0 per tick */
} UnitsStatus;

typedef struct {
    size_t unit_at, unit_len; /* UNITS_UNKNOWN_UNIT: the unit's bytes in the text */
    const char *suggest;      /* UNITS_UNKNOWN_UNIT: "KiB" for "kib", else NULL */
} UnitsWhy;

/* The longest tick a scenario may have (1000 s), in microseconds. */
#define UNITS_MAX_TICK_US INT64_C(1000000000)

/* s[0..len) as a size (bytes; a count of objects when `objects`) into *out.
 * `why` may be NULL. */
UnitsStatus units_parse_size(const char *s, size_t len, bool objects, int64_t *out, UnitsWhy *why);

/* Whether s[0..len) ends in "/s" after at least one other byte: a rate per
 * second; the amount is then the first len - 2 bytes. */
bool units_is_per_second(const char *s, size_t len);

/* A per-second amount (>= 0) as units per tick of tick_us microseconds,
 * rounded down. UNITS_TOO_LARGE at or above SC_RATE_LIMIT per tick,
 * UNITS_BELOW_ONE when positive but less than one per tick. */
UnitsStatus units_per_tick(int64_t per_second, int64_t tick_us, int64_t *out);

/* s[0..len) as a duration in microseconds (1us..1000s). */
UnitsStatus units_parse_duration(const char *s, size_t len, int64_t *out_us, UnitsWhy *why);

/* A duration as the shortest exact text: "1s", "250ms", "7us". */
void units_format_duration(char *out, size_t cap, int64_t us);

#endif
