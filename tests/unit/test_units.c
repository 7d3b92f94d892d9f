/* test_units.c - one set of units and limits (sim/scenario/units.h,
 * limits.h): the scenario reader and a `--vary` value (vary.c, which the
 * window's live edits also use) accept the same text as the same number and
 * refuse it with the same words; vary_target_make() builds what
 * vary_parse_target() reads; scenario_check() holds a scenario to the limits
 * whoever changed it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scenario/limits.h"
#include "scenario/scenario_yaml.h"
#include "scenario/units.h"
#include "scenario/vary.h"

/* A scenario with `dst.KEY: VALUE` (tick 1ms), loaded by the reader. */
static int load(const char *key, const char *value, Scenario *sc, char *err, size_t errlen)
{
    char yaml[1024];
    int n = snprintf(yaml, sizeof yaml,
                     "name: units\n"
                     "ticks: 50\n"
                     "tick: 1ms\n"
                     "streams:\n"
                     "  - {id: src, kind: source, chunk: 4KiB, total: 1MiB}\n"
                     "  - {id: dst, kind: sink, %s: %s}\n"
                     "wiring:\n"
                     "  - pipe: [src, dst]\n",
                     key, value);
    assert_true(n > 0 && (size_t)n < sizeof yaml);
    return scenario_load_string(yaml, (size_t)n, "units.yaml", sc, err, errlen);
}

/* The reader's and vary's answers for dst.KEY = VALUE are the same: both
 * accept it as the same number, or both refuse it and the message after
 * "KEY: " is the same text. Returns the reader's message (or ""). */
static void agree(const char *key, const char *value, char *why, size_t cap)
{
    Scenario file, base;
    char ferr[512] = "", verr[512] = "";
    int frc = load(key, value, &file, ferr, sizeof ferr);
    assert_int_equal(load(key, "1", &base, verr, sizeof verr), 0);
    char spec[256];
    snprintf(spec, sizeof spec, "dst.%s=%s", key, value);
    Vary v;
    int vrc = vary_parse(spec, &base, &v, verr, sizeof verr);
    if (frc != vrc)
        fail_msg("%s: the reader says %d (%s), --vary says %d (%s)", spec, frc, ferr, vrc, verr);
    if (frc == 0) {
        int64_t fv = strcmp(key, "rate") == 0 ? file.streams[1].rate : file.streams[1].whwm;
        assert_int_equal(v.count, 1);
        if (fv != v.values[0].n)
            fail_msg("%s: the reader reads %lld, --vary %lld", spec, (long long)fv, (long long)v.values[0].n);
        vary_free(&v);
        scenario_free(&file);
        why[0] = '\0';
    } else {
        char needle[64];
        snprintf(needle, sizeof needle, "%s: ", key);
        const char *f = strstr(ferr, needle), *g = strstr(verr, needle);
        assert_non_null(f);
        assert_non_null(g);
        if (strcmp(f, g) != 0)
            fail_msg("%s: the reader says '%s', --vary '%s'", spec, f, g);
        snprintf(why, cap, "%s", f);
    }
    scenario_free(&base);
}

static void test_sizes_agree(void **state)
{
    (void)state;
    char why[512];
    const char *ok[] = {"16KiB", "1MB", "0", "1500", "1TiB", "4611686018427387903"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        agree("highWaterMark", ok[i], why, sizeof why);
        assert_string_equal(why, "");
    }
    /* Before the units moved into one module, --vary had no suggestion. */
    agree("highWaterMark", "16kib", why, sizeof why);
    assert_non_null(strstr(why, "did you mean 'KiB'?"));
    agree("highWaterMark", "16 KiB", why, sizeof why);
    assert_non_null(strstr(why, "right after the number"));
    agree("highWaterMark", "16K", why, sizeof why);
    assert_non_null(strstr(why, "(use " UNITS_SIZE_LIST ")"));
    agree("highWaterMark", "1.5KiB", why, sizeof why);
    assert_non_null(strstr(why, "whole number"));
    agree("highWaterMark", "-5", why, sizeof why);
    assert_non_null(strstr(why, "is negative"));
    agree("highWaterMark", "99999999TiB", why, sizeof why);
    assert_non_null(strstr(why, "below 2^62"));
}

static void test_rates_agree(void **state)
{
    (void)state;
    char why[512];
    const char *ok[] = {"16MiB/s", "1MB/s", "1000/s", "4KiB", "1999/s"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        agree("rate", ok[i], why, sizeof why);
        assert_string_equal(why, "");
    }
    agree("rate", "999/s", why, sizeof why);
    assert_non_null(strstr(why, "less than 1 byte per tick (tick: 1ms)"));
    agree("rate", "16kib/s", why, sizeof why);
    assert_non_null(strstr(why, "did you mean 'KiB'?"));
    agree("rate", "2PB/s", why, sizeof why);
}

static void test_units_direct(void **state)
{
    (void)state;
    int64_t v = -1;
    UnitsWhy why;
    assert_int_equal(units_parse_size("16kib", 5, false, &v, &why), UNITS_UNKNOWN_UNIT);
    assert_string_equal(why.suggest, "KiB");
    assert_int_equal(why.unit_at, 2);
    assert_int_equal(why.unit_len, 3);
    assert_int_equal(units_parse_size("16KiB", 5, true, &v, NULL), UNITS_OBJECTS);
    assert_int_equal(units_parse_size("16KiB", 5, false, &v, NULL), UNITS_OK);
    assert_int_equal(v, 16384);
    /* 16 MiB/s at 1 ms: 16777.216 bytes, rounded down. */
    assert_int_equal(units_per_tick(16 << 20, 1000, &v), UNITS_OK);
    assert_int_equal(v, 16777);
    assert_int_equal(units_per_tick(999, 1000, &v), UNITS_BELOW_ONE);
    assert_int_equal(units_per_tick(0, 1000, &v), UNITS_OK);
    assert_int_equal(v, 0);
    assert_int_equal(units_per_tick(INT64_C(1) << 61, 1000000, &v), UNITS_TOO_LARGE);
    assert_int_equal(units_parse_duration("250ms", 5, &v, NULL), UNITS_OK);
    assert_int_equal(v, 250000);
    assert_int_equal(units_parse_duration("1001s", 5, &v, NULL), UNITS_OUT_OF_RANGE);
    assert_int_equal(units_parse_duration("5", 1, &v, NULL), UNITS_NEEDS_UNIT);
    char text[32];
    units_format_duration(text, sizeof text, 250000);
    assert_string_equal(text, "250ms");
    units_format_duration(text, sizeof text, 7);
    assert_string_equal(text, "7us");
}

/* Every (stream, parameter): the target built directly is the one read from
 * its text, or both are refused. */
static void test_target_make(void **state)
{
    (void)state;
    static const char yaml[] =
        "name: targets\n"
        "streams:\n"
        "  - {id: src, kind: source, chunk: 4KiB, total: 1MiB}\n"
        "  - {id: mid, kind: transform, ratio: 3/2}\n"
        "  - {id: obj, kind: transform, readableObjectMode: true}\n"
        "  - {id: dst, kind: sink, objectMode: true}\n"
        "  - {id: rows, kind: source, objectMode: true, total: 12}\n"
        "  - {id: db, kind: sink, objectMode: true}\n"
        "wiring:\n"
        "  - pipe: [src, mid, obj, dst]\n"
        "  - pipe: [rows, db]\n";
    Scenario sc;
    char err[512];
    assert_int_equal(scenario_load_string(yaml, sizeof yaml - 1, "t.yaml", &sc, err, sizeof err), 0);
    int accepted = 0, refused = 0;
    for (int s = -1; s < sc.nstreams; s++)
        for (int p = 0; p < VP__COUNT; p++) {
            char text[128];
            if (s < 0)
                snprintf(text, sizeof text, "%s", vary_param_name((VaryParam)p));
            else
                snprintf(text, sizeof text, "%s.%s", sc.streams[s].id, vary_param_name((VaryParam)p));
            VaryTarget a, b;
            int ra = vary_target_make(&sc, s, (VaryParam)p, &a, err, sizeof err);
            int rb = vary_parse_target(text, strlen(text), &sc, &b, err, sizeof err);
            if (ra != rb)
                fail_msg("%s: built %d, read %d", text, ra, rb);
            if (ra == 0) {
                assert_int_equal(a.param, b.param);
                assert_int_equal(a.stream, b.stream);
                assert_string_equal(a.stream_id, b.stream_id);
                assert_int_equal(a.objects, b.objects);
                accepted++;
            } else {
                refused++;
            }
        }
    assert_true(accepted > 20 && refused > 20);
    VaryTarget t;
    assert_int_equal(vary_target_make(&sc, sc.nstreams, VP_HWM, &t, NULL, 0), 2);
    scenario_free(&sc);
}

/* A value within each key's own range can still break a limit of the
 * scenario as a whole; scenario_check() refuses it for every caller. */
static void test_limits(void **state)
{
    (void)state;
    Scenario sc;
    char err[512];
    assert_int_equal(load("highWaterMark", "16KiB", &sc, err, sizeof err), 0);
    assert_int_equal(scenario_check(&sc, err, sizeof err, "x.yaml"), 0);
    Vary v;
    /* 5 GiB is a valid size, but not one Buffer. */
    assert_int_equal(vary_parse("src.chunk=5GiB", &sc, &v, err, sizeof err), 0);
    assert_int_equal(vary_apply(&sc, &v.target, &v.values[0], err, sizeof err), 2);
    assert_non_null(strstr(err, "at most 4 GiB"));
    assert_int_equal(sc.streams[0].chunk, 4096);
    vary_free(&v);
    sc.ticks = LIMIT_TICKS + 1;
    assert_int_equal(scenario_check(&sc, err, sizeof err, "x.yaml"), 2);
    assert_non_null(strstr(err, "x.yaml:1:1: ticks:"));
    sc.ticks = LIMIT_TICKS;
    assert_int_equal(scenario_check(&sc, err, sizeof err, "x.yaml"), 0);
    scenario_free(&sc);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes_agree),
        cmocka_unit_test(test_rates_agree),
        cmocka_unit_test(test_units_direct),
        cmocka_unit_test(test_target_make),
        cmocka_unit_test(test_limits),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
