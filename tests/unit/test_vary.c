/* test_vary.c - the TARGET=VALUES syntax of `sweep --vary` and the window's
 * live edits (sim/scenario/vary.h): targets, lists, ranges, units, limits,
 * error messages, applying a value and the deep copy of a scenario. vary.c
 * is part of the library (sim/scenario/) that unit tests link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scenario/vary.h"
#include "core/sim.h"
#include "scenario/scenario_yaml.h"

static const char yaml[] =
    "name: unit\n"
    "ticks: 50\n"
    "streams:\n"
    "  - {id: src, kind: source, highWaterMark: 8KiB, chunk: 4KiB, total: 1MiB, rate: 4KiB}\n"
    "  - {id: mid, kind: transform, highWaterMark: 16KiB, rate: 8KiB, ratio: 3/2}\n"
    "  - {id: dst, kind: sink, highWaterMark: 16KiB, rate: 2KiB}\n"
    "  - {id: rows, kind: source, objectMode: true, highWaterMark: 4, total: 12, objectSize: 16}\n"
    "  - {id: db, kind: sink, objectMode: true, highWaterMark: 3, rate: 1}\n"
    "wiring:\n"
    "  - pipe: [src, mid, dst]\n"
    "  - pipe: [rows, db]\n"
    "timeline:\n"
    "  - {at: 40, note: \"late note\"}\n"
    "  - {at: 45, do: rate, stream: dst, rate: 1KiB}\n";

static int setup(void **state)
{
    Scenario *sc = malloc(sizeof *sc);
    char err[512];
    assert_non_null(sc);
    if (scenario_load_string(yaml, sizeof yaml - 1, "unit.yaml", sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(sc);
        return -1;
    }
    *state = sc;
    return 0;
}

static int teardown(void **state)
{
    scenario_free(*state);
    free(*state);
    return 0;
}

/* Parses spec; on success checks the values' n against want (count of them). */
static void expect_values(const Scenario *sc, const char *spec, const int64_t *want, int nwant)
{
    Vary v;
    char err[512] = "";
    int rc = vary_parse(spec, sc, &v, err, sizeof err);
    if (rc != 0)
        fail_msg("%s: unexpected error: %s", spec, err);
    if (v.count != nwant)
        fail_msg("%s: %d values, expected %d", spec, v.count, nwant);
    for (int i = 0; i < nwant; i++)
        if (v.values[i].n != want[i])
            fail_msg("%s: value %d is %lld, expected %lld", spec, i, (long long)v.values[i].n,
                     (long long)want[i]);
    vary_free(&v);
}

/* Parses spec, which must fail with a message containing `needle`. */
static void expect_error(const Scenario *sc, const char *spec, const char *needle)
{
    Vary v;
    char err[512] = "";
    int rc = vary_parse(spec, sc, &v, err, sizeof err);
    if (rc == 0) {
        vary_free(&v);
        fail_msg("%s: parsed, expected an error with '%s'", spec, needle);
    }
    assert_int_equal(rc, 2);
    if (!strstr(err, needle))
        fail_msg("%s: error '%s' does not contain '%s'", spec, err, needle);
    assert_null(v.values);
}

static void test_list(void **state)
{
    const Scenario *sc = *state;
    const int64_t want[] = {1024, 16384, 1048576};
    expect_values(sc, "src.highWaterMark=1KiB,16KiB,1MiB", want, 3);
    const int64_t units[] = {1500, 1000, 1000000, 1, 1099511627776};
    expect_values(sc, "dst.rate=1500,1KB,1MB,1B,1TiB", units, 5);
}

static void test_doubling(void **state)
{
    const Scenario *sc = *state;
    int64_t want[11];
    for (int i = 0; i < 11; i++)
        want[i] = INT64_C(1024) << i;
    expect_values(sc, "dst.highWaterMark=1KiB..1MiB", want, 11);
    /* B is a bound, not a value: doubling stops at the last value <= B. */
    const int64_t odd[] = {3, 6, 12};
    expect_values(sc, "dst.highWaterMark=3..20", odd, 3);
    const int64_t one[] = {5};
    expect_values(sc, "dst.highWaterMark=5..5", one, 1);
}

static void test_linear_and_mixed(void **state)
{
    const Scenario *sc = *state;
    const int64_t lin[] = {0, 16384, 32768, 49152, 65536};
    expect_values(sc, "dst.highWaterMark=0..64KiB:16KiB", lin, 5);
    const int64_t uneven[] = {1, 4, 7};
    expect_values(sc, "dst.highWaterMark=1..9:3", uneven, 3);
    const int64_t mixed[] = {1, 2, 4, 8, 100};
    expect_values(sc, "dst.highWaterMark=1,2..8,100", mixed, 5);
}

static void test_bad_values(void **state)
{
    const Scenario *sc = *state;
    expect_error(sc, "dst.highWaterMark=16kib", "unknown unit 'kib'");
    expect_error(sc, "dst.highWaterMark=1.5KiB", "whole number");
    expect_error(sc, "dst.highWaterMark=-1", "negative");
    expect_error(sc, "dst.highWaterMark=big", "a size like 16KiB");
    expect_error(sc, "dst.highWaterMark=99999999TiB", "below 2^62");
    expect_error(sc, "dst.highWaterMark=", "no values");
    expect_error(sc, "dst.highWaterMark=1,,2", "empty value");
    expect_error(sc, "dst.highWaterMark=1,", "empty value");
    expect_error(sc, "dst.highWaterMark", "expected STREAM.PARAM=VALUES");
    expect_error(sc, "src.chunk=0", "at least 1 byte");
    expect_error(sc, "src.chunk=0..4KiB:1KiB", "at least 1 byte");
    expect_error(sc, "mid.batch=0", "out of range (1..1000000)");
    expect_error(sc, "mid.batch=1KiB", "plain integer");
}

static void test_bad_ranges(void **state)
{
    const Scenario *sc = *state;
    expect_error(sc, "dst.highWaterMark=8..1", "goes down");
    expect_error(sc, "dst.highWaterMark=0..8", "doubling range starts at 1");
    expect_error(sc, "dst.highWaterMark=0..8:0", "at least 1");
    expect_error(sc, "dst.highWaterMark=0..8:", "bad step");
    expect_error(sc, "dst.highWaterMark=8:2", "after a range");
    expect_error(sc, "dst.highWaterMark=1..", "empty value");
    expect_error(sc, "src.total=endless..5", "cannot be the end of a range");
}

static void test_cap(void **state)
{
    const Scenario *sc = *state;
    expect_error(sc, "dst.highWaterMark=0..100000:1", "more than the 10000 allowed");
    /* Counted before anything is made: this would be 2^40 values. */
    expect_error(sc, "dst.highWaterMark=1..1TiB:1", "more than the 10000 allowed");
    Vary v;
    char err[256];
    assert_int_equal(vary_parse("dst.highWaterMark=1..10000:1", sc, &v, err, sizeof err), 0);
    assert_int_equal(v.count, 10000);
    vary_free(&v);
    /* The cap holds across items too. */
    expect_error(sc, "dst.highWaterMark=1..10000:1,5", "more than 10000 values");
}

static void test_targets(void **state)
{
    const Scenario *sc = *state;
    VaryTarget t;
    char err[512];
    assert_int_equal(vary_parse_target("mid.highWaterMark", 17, sc, &t, err, sizeof err), 0);
    assert_int_equal(t.param, VP_HWM);
    assert_int_equal(t.stream, 1);
    assert_string_equal(t.stream_id, "mid");
    assert_int_equal(vary_parse_target("memoryLimit", 11, sc, &t, err, sizeof err), 0);
    assert_int_equal(t.param, VP_MEMORY_LIMIT);
    assert_int_equal(t.stream, -1);
    assert_int_equal(vary_parse_target("-.ticks", 7, sc, &t, err, sizeof err), 0);
    assert_int_equal(t.param, VP_TICKS);
    /* Only the text up to `len` counts. */
    assert_int_equal(vary_parse_target("dst.rate=1", 8, sc, &t, err, sizeof err), 0);
    assert_int_equal(t.param, VP_RATE);

    expect_error(sc, "nosuch.rate=1", "no stream 'nosuch' in the scenario (streams: src, mid, dst, rows, db)");
    expect_error(sc, "src.highwatermark=1", "did you mean 'highWaterMark'");
    expect_error(sc, "src.speed=1", "unknown parameter 'speed'");
    expect_error(sc, "speed=1", "unknown parameter");
    expect_error(sc, "highWaterMark=1", "belongs to a stream");
    expect_error(sc, "src.ticks=5", "scenario-wide");
    expect_error(sc, "src.ratio=2", "only transforms have ratio");
    expect_error(sc, "dst.chunk=1KiB", "only sources have chunk");
    expect_error(sc, "dst.readableHighWaterMark=1KiB", "use highWaterMark");
    expect_error(sc, "src.objectSize=16", "only in objectMode");
    expect_error(sc, "rows.chunk=2", "objectMode");
    expect_error(sc, ".rate=1", "expected STREAM.PARAM");
}

static void test_object_mode(void **state)
{
    const Scenario *sc = *state;
    const int64_t want[] = {4, 8, 16};
    expect_values(sc, "rows.highWaterMark=4..16", want, 3);
    expect_error(sc, "rows.highWaterMark=16KiB", "counts objects in objectMode");
    expect_error(sc, "db.rate=1KiB", "counts objects");
    const int64_t sizes[] = {16, 1024};
    expect_values(sc, "rows.objectSize=16,1KiB", sizes, 2);
    const int64_t totals[] = {VARY_NONE, 5};
    expect_values(sc, "rows.total=endless,5", totals, 2);
}

static void test_rate_per_second(void **state)
{
    const Scenario *sc = *state; /* tick: 1ms */
    Vary v;
    char err[512], text[64];
    assert_int_equal(vary_parse("dst.rate=16MiB/s,1MB/s..4MB/s", sc, &v, err, sizeof err), 0);
    assert_int_equal(v.count, 4);
    assert_int_equal(v.values[0].n, 16777); /* 16777216 * 1ms, rounded down */
    assert_true(v.values[0].per_second);
    vary_format_value(&v.target, &v.values[0], text, sizeof text);
    assert_string_equal(text, "16777216"); /* as written: per second */
    assert_int_equal(v.values[1].n, 1000);
    assert_int_equal(v.values[3].n, 4000);
    vary_free(&v);
    expect_error(sc, "dst.rate=1/s", "less than 1 byte per tick (tick: 1ms)");
    expect_error(sc, "dst.rate=1KiB..1MiB/s", "per second, or neither");
    expect_error(sc, "dst.rate=2000TiB", "below 2^50");
}

static void test_ratio(void **state)
{
    const Scenario *sc = *state;
    Vary v;
    char err[512], text[64];
    assert_int_equal(vary_parse("mid.ratio=1/4,3,5/2,4/8", sc, &v, err, sizeof err), 0);
    assert_int_equal(v.count, 4);
    assert_int_equal(v.values[0].n, 1);
    assert_int_equal(v.values[0].d, 4);
    assert_int_equal(v.values[1].n, 3);
    assert_int_equal(v.values[1].d, 1);
    assert_int_equal(v.values[3].n, 1); /* reduced, like the reader */
    assert_int_equal(v.values[3].d, 2);
    vary_format_value(&v.target, &v.values[2], text, sizeof text);
    assert_string_equal(text, "5/2");
    vary_format_value(&v.target, &v.values[1], text, sizeof text);
    assert_string_equal(text, "3");
    vary_free(&v);
    const int64_t range[] = {1, 2, 4, 8};
    expect_values(sc, "mid.ratio=1..8", range, 4);
    expect_error(sc, "mid.ratio=1/2..4", "between whole numbers");
    expect_error(sc, "mid.ratio=0/1", "out of range");
    expect_error(sc, "mid.ratio=1/x", "a ratio like 1/4");
}

static void test_scenario_wide(void **state)
{
    const Scenario *sc = *state;
    const int64_t lim[] = {VARY_NONE, 1024, 2048};
    expect_values(sc, "memoryLimit=none,1KiB..2KiB", lim, 3);
    expect_error(sc, "memoryLimit=0", "'none' for no limit");
    const int64_t ticks[] = {10, 20, 40};
    expect_values(sc, "ticks=10..40", ticks, 3);
    expect_error(sc, "ticks=1KiB", "plain integer");
    expect_error(sc, "ticks=2000000000", "out of range");
}

static void apply_ok(Scenario *sc, const char *spec, int index)
{
    Vary v;
    char err[512];
    if (vary_parse(spec, sc, &v, err, sizeof err) != 0)
        fail_msg("%s: %s", spec, err);
    if (vary_apply(sc, &v.target, &v.values[index], err, sizeof err) != 0)
        fail_msg("%s: apply: %s", spec, err);
    vary_free(&v);
}

static void test_apply(void **state)
{
    Scenario sc;
    char err[512];
    assert_int_equal(scenario_clone(&sc, *state), 0);
    apply_ok(&sc, "mid.highWaterMark=1KiB", 0);
    assert_int_equal(sc.streams[1].rhwm, 1024);
    assert_int_equal(sc.streams[1].whwm, 1024);
    apply_ok(&sc, "mid.writableHighWaterMark=5", 0);
    assert_int_equal(sc.streams[1].rhwm, 1024);
    assert_int_equal(sc.streams[1].whwm, 5);
    apply_ok(&sc, "src.highWaterMark=2KiB", 0);
    assert_int_equal(sc.streams[0].rhwm, 2048);
    assert_int_equal(sc.streams[0].whwm, 0);
    apply_ok(&sc, "dst.highWaterMark=3KiB", 0);
    assert_int_equal(sc.streams[2].whwm, 3072);
    apply_ok(&sc, "src.total=endless", 0);
    assert_int_equal(sc.streams[0].total, -1);
    apply_ok(&sc, "mid.ratio=5/2", 0);
    assert_int_equal(sc.streams[1].ratio_num, 5);
    assert_int_equal(sc.streams[1].ratio_den, 2);
    apply_ok(&sc, "memoryLimit=none,1MiB", 1);
    assert_int_equal(sc.memory_limit, 1048576);
    apply_ok(&sc, "memoryLimit=none", 0);
    assert_int_equal(sc.memory_limit, 0);

    /* A value out of range changes nothing and says why. */
    VaryTarget t;
    assert_int_equal(vary_parse_target("src.chunk", 9, &sc, &t, err, sizeof err), 0);
    VaryValue bad = {0, 1, 0, false};
    StreamDef before = sc.streams[0];
    assert_int_equal(vary_apply(&sc, &t, &bad, err, sizeof err), 2);
    assert_non_null(strstr(err, "src.chunk"));
    assert_memory_equal(&before, &sc.streams[0], sizeof before);
    /* A target that does not fit the stream is refused when applied too. */
    t.stream = 2; /* dst, a sink */
    VaryValue one = {1, 1, 1, false};
    assert_int_equal(vary_apply(&sc, &t, &one, err, sizeof err), 2);
    assert_non_null(strstr(err, "only sources have chunk"));
    scenario_free(&sc);
}

static void test_apply_ticks(void **state)
{
    Scenario sc;
    assert_int_equal(scenario_clone(&sc, *state), 0);
    /* Like run --ticks: the actions at 40 and 45 stay and never run... */
    apply_ok(&sc, "ticks=10", 0);
    assert_int_equal(sc.ticks, 10);
    assert_int_equal(sc.nactions, 2);
    /* ...and a later value is not judged against the shorter run. */
    apply_ok(&sc, "ticks=20", 0);
    assert_int_equal(sc.ticks, 20);
    apply_ok(&sc, "ticks=1000", 0);
    assert_int_equal(sc.ticks, 1000);
    Sim *sim = sim_create(&sc);
    assert_non_null(sim);
    while (!sim_finished(sim))
        sim_step(sim);
    assert_int_equal(sim_tick(sim), 1000);
    sim_destroy(sim);
    scenario_free(&sc);
}

static void test_get_and_equal(void **state)
{
    const Scenario *sc = *state;
    VaryTarget t;
    char err[256], text[64];
    assert_int_equal(vary_parse_target("mid.ratio", 9, sc, &t, err, sizeof err), 0);
    VaryValue v = vary_get(sc, &t);
    assert_int_equal(v.n, 3);
    assert_int_equal(v.d, 2);
    VaryValue same = {3, 2, 3, false}, other = {3, 1, 3, false};
    assert_true(vary_value_equal(&v, &same));
    assert_false(vary_value_equal(&v, &other));
    assert_int_equal(vary_parse_target("src.total", 9, sc, &t, err, sizeof err), 0);
    assert_int_equal(vary_get(sc, &t).n, 1048576);
    assert_int_equal(vary_parse_target("memoryLimit", 11, sc, &t, err, sizeof err), 0);
    v = vary_get(sc, &t);
    assert_int_equal(v.n, VARY_NONE);
    vary_format_value(&t, &v, text, sizeof text);
    assert_string_equal(text, "none");
    assert_int_equal(vary_parse_target("dst.highWaterMark", 17, sc, &t, err, sizeof err), 0);
    assert_int_equal(vary_get(sc, &t).n, 16384);
}

static void test_clone(void **state)
{
    const Scenario *src = *state;
    Scenario a;
    assert_int_equal(scenario_clone(&a, src), 0);
    assert_int_equal(a.nactions, src->nactions);
    assert_int_equal(a.nstreams, src->nstreams);
    assert_ptr_not_equal(a.actions, src->actions);
    assert_ptr_not_equal(a.actions[0].text, src->actions[0].text);
    assert_string_equal(a.actions[0].text, "late note");
    assert_null(a.actions[1].text);
    /* Changing the copy leaves the original alone. */
    a.actions[0].text[0] = 'L';
    a.streams[0].rate = 1;
    assert_string_equal(src->actions[0].text, "late note");
    assert_int_equal(src->streams[0].rate, 4096);
    Scenario b;
    assert_int_equal(scenario_clone(&b, &a), 0);
    scenario_free(&a);
    assert_string_equal(b.actions[0].text, "Late note");
    scenario_free(&b);

    Scenario empty, c;
    scenario_init(&empty);
    assert_int_equal(scenario_clone(&c, &empty), 0);
    assert_null(c.actions);
    assert_null(c.title);
    scenario_free(&c);
}

static void test_size_parser(void **state)
{
    (void)state;
    int64_t v;
    char err[256];
    assert_int_equal(vary_parse_size("64KiB", 5, false, &v, err, sizeof err), 0);
    assert_int_equal(v, 65536);
    /* `len` bounds the text: "16" of "16KiB". */
    assert_int_equal(vary_parse_size("16KiB", 2, true, &v, err, sizeof err), 0);
    assert_int_equal(v, 16);
    assert_int_equal(vary_parse_size("4611686018427387904", 19, false, &v, err, sizeof err), 2);
    assert_int_equal(vary_parse_size("4611686018427387903", 19, false, &v, err, sizeof err), 0);
    assert_int_equal(vary_parse_size("99999999999999999999999", 23, false, &v, err, sizeof err), 2);
    assert_non_null(strstr(err, "too large"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_doubling),
        cmocka_unit_test(test_linear_and_mixed),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_bad_ranges),
        cmocka_unit_test(test_cap),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_object_mode),
        cmocka_unit_test(test_rate_per_second),
        cmocka_unit_test(test_ratio),
        cmocka_unit_test(test_scenario_wide),
        cmocka_unit_test(test_apply),
        cmocka_unit_test(test_apply_ticks),
        cmocka_unit_test(test_get_and_equal),
        cmocka_unit_test(test_clone),
        cmocka_unit_test(test_size_parser),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
