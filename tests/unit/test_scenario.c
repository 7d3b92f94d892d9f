/* test_scenario.c - the scenario model (defaults, sorting, validation) and the YAML reader. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/scenario.h"
#include "scenario/scenario_yaml.h"
#include "scenario/like.h"
#include "scenario/scenario_write.h"

#define KIB INT64_C(1024)

static char err[512];

/* Loads `yaml` as the file "t.yaml"; 0 or 2 as the reader returns. */
static int load(const char *yaml, Scenario *sc)
{
    return scenario_load_string(yaml, strlen(yaml), "t.yaml", sc, err, sizeof err);
}

/* Loads a scenario that must be valid; fails the test with the reader's message otherwise. */
static void load_ok(const char *yaml, Scenario *sc)
{
    int rc = load(yaml, sc);
    if (rc)
        fail_msg("expected a valid scenario, got: %s", err);
    assert_int_equal(scenario_validate(sc, err, sizeof err, "t.yaml"), 0);
}

/* Loads a scenario that must fail with exactly `want` (without the "t.yaml:" prefix). */
static void load_err(const char *yaml, const char *want)
{
    Scenario sc;
    char full[600];
    snprintf(full, sizeof full, "t.yaml:%s", want);
    int rc = load(yaml, &sc);
    if (rc == 0)
        scenario_free(&sc);
    assert_int_equal(rc, 2);
    assert_string_equal(err, full);
    /* Left freed and initialised. */
    assert_int_equal(sc.nstreams, 0);
    assert_null(sc.actions);
    assert_null(sc.title);
}

/* One stream with an extra key, e.g. one_stream("source", "chunk: 4KiB"). */
static const char *one_stream(char *buf, size_t cap, const char *kind, const char *extra)
{
    snprintf(buf, cap, "streams:\n  - id: s\n    kind: %s\n    %s\n", kind, extra);
    return buf;
}

/* ---- scenario.c ---- */

static void test_init_defaults(void **state)
{
    (void)state;
    Scenario sc;
    memset(&sc, 0xAB, sizeof sc);
    scenario_init(&sc);
    assert_int_equal(sc.ticks, 100);
    assert_int_equal(sc.tick_us, 1000);
    assert_int_equal(sc.node, 26);
    assert_int_equal(sc.nstreams, 0);
    assert_int_equal(sc.nactions, 0);
    assert_null(sc.actions);
    assert_int_equal(sc.memory_limit, 0);
    scenario_free(&sc);
    assert_int_equal(sc.ticks, 100);
}

static void test_streamdef_default(void **state)
{
    (void)state;
    StreamDef src = streamdef_default(SK_SOURCE, 20);
    assert_int_equal(src.rhwm, 16 * KIB);
    assert_int_equal(src.whwm, 0);
    assert_int_equal(src.chunk, 16 * KIB);
    assert_int_equal(src.total, -1);
    assert_int_equal(src.rate, 16 * KIB);
    assert_int_equal(src.object_size, KIB);
    assert_true(src.handle_errors);
    assert_false(src.robj || src.wobj || src.ignores_backpressure);

    StreamDef t = streamdef_default(SK_TRANSFORM, 22);
    assert_int_equal(t.rhwm, 64 * KIB);
    assert_int_equal(t.whwm, 64 * KIB);
    assert_int_equal(t.ratio_num, 1);
    assert_int_equal(t.ratio_den, 1);
    assert_int_equal(t.batch, 1);

    StreamDef sink = streamdef_default(SK_SINK, 22);
    assert_int_equal(sink.rhwm, 0);
    assert_int_equal(sink.whwm, 64 * KIB);
    assert_int_equal(sink.rate, 16 * KIB);
    assert_false(sink.sync || sink.writev);
}

static void test_kind_names(void **state)
{
    (void)state;
    assert_string_equal(wire_kind_name(WIRE_PIPE), "pipe");
    assert_string_equal(wire_kind_name(WIRE_PIPELINE_PROMISE), "promisesPipeline");
    assert_string_equal(wire_kind_name(WIRE_FOR_AWAIT), "forAwait");
    assert_string_equal(wire_kind_name(WIRE_READABLE), "readable");
    assert_string_equal(wire_kind_name(WIRE__COUNT), "?");
    assert_string_equal(action_kind_name(ACT_NOTE), "note");
    assert_string_equal(action_kind_name(ACT_UNCORK), "uncork");
    assert_string_equal(action_kind_name(ACT_FAIL), "fail");
    assert_string_equal(action_kind_name((ActionKind)-1), "?");
}

static Scenario *two_stream_scenario(void)
{
    Scenario *sc = malloc(sizeof *sc);
    assert_non_null(sc);
    scenario_init(sc);
    strcpy(sc->name, "t");
    sc->streams[0] = streamdef_default(SK_SOURCE, 20);
    strcpy(sc->streams[0].id, "src");
    sc->streams[1] = streamdef_default(SK_SINK, 20);
    strcpy(sc->streams[1].id, "dst");
    sc->nstreams = 2;
    return sc;
}

static void test_add_find_sort(void **state)
{
    (void)state;
    Scenario *sc = two_stream_scenario();
    assert_int_equal(scenario_find(sc, "dst"), 1);
    assert_int_equal(scenario_find(sc, "nope"), -1);
    /* 200 actions at ticks 5,4,3,2,1,5,4,...: sorted by tick, file order kept within a tick. */
    for (int i = 0; i < 200; i++) {
        ActionDef a;
        memset(&a, 0, sizeof a);
        a.at = 5 - i % 5;
        a.kind = ACT_RATE;
        a.stream = 1;
        a.target = -1;
        a.value = i;
        assert_int_equal(scenario_add_action(sc, &a), 0);
    }
    assert_int_equal(scenario_sort_actions(sc), 0);
    for (int i = 1; i < 200; i++) {
        const ActionDef *p = &sc->actions[i - 1], *a = &sc->actions[i];
        assert_true(p->at < a->at || (p->at == a->at && p->value < a->value));
    }
    assert_int_equal(sc->actions[0].at, 1);
    assert_int_equal(sc->actions[0].value, 4);
    assert_int_equal(scenario_validate(sc, err, sizeof err, "x"), 0);
    scenario_free(sc);
    assert_int_equal(sc->nactions, 0);
    free(sc);
}

static void test_validate(void **state)
{
    (void)state;
    Scenario *sc = two_stream_scenario();
    sc->streams[0].line = 3;
    sc->streams[1].line = 7;
    sc->streams[1].col = 5;
    assert_int_equal(scenario_validate(sc, NULL, 0, NULL), 0);

    strcpy(sc->streams[1].id, "src");
    assert_int_equal(scenario_validate(sc, err, sizeof err, "v.yaml"), 2);
    assert_string_equal(err, "v.yaml:7:5: duplicate stream id 'src' (first at line 3)");
    strcpy(sc->streams[1].id, "dst");

    sc->wires[0] = (WireDef){.kind = WIRE_PIPE, .n = 2, .s = {1, 0}, .end = true, .line = 9, .col = 3};
    sc->nwires = 1;
    assert_int_equal(scenario_validate(sc, err, sizeof err, "v.yaml"), 2);
    assert_string_equal(err, "v.yaml:9:3: 'dst' is a sink: it cannot be upstream in a wire");

    sc->wires[0].s[0] = 0;
    sc->wires[0].s[1] = 1;
    sc->wires[1] = sc->wires[0];
    sc->wires[1].line = 10;
    sc->nwires = 2;
    assert_int_equal(scenario_validate(sc, err, sizeof err, NULL), 2);
    assert_string_equal(err, "<scenario>:10:3: 'dst' is written to by two wires");
    sc->nwires = 1;

    ActionDef a = {.at = 101, .kind = ACT_END, .stream = 1, .target = -1, .line = 12, .col = 5};
    assert_int_equal(scenario_add_action(sc, &a), 0);
    assert_int_equal(scenario_validate(sc, err, sizeof err, "v.yaml"), 2);
    assert_string_equal(err, "v.yaml:12:5: at: 101 is outside ticks 1..100");
    sc->actions[0].at = 100;
    sc->actions[0].stream = 0;
    assert_int_equal(scenario_validate(sc, err, sizeof err, "v.yaml"), 2);
    assert_string_equal(err, "v.yaml:12:5: end needs a writable stream: 'src' is a source");
    sc->actions[0].stream = 1;
    assert_int_equal(scenario_validate(sc, err, sizeof err, "v.yaml"), 0);

    sc->streams[0].rate = SC_RATE_LIMIT;
    assert_int_equal(scenario_validate(sc, err, sizeof err, "v.yaml"), 2);
    sc->streams[0].rate = SC_RATE_LIMIT - 1;
    sc->node = 18;
    assert_int_equal(scenario_validate(sc, err, sizeof err, "v.yaml"), 2);
    assert_string_equal(err, "v.yaml:1:1: node: expected 20, 22, 24 or 26, got 18");
    scenario_free(sc);
    free(sc);
}

/* The work one tick may do: a stream's own rate can ask for at most
 * SC_TICK_PUSHES_MAX pushes per tick, checked where the value is written. */
static void test_validate_tick_work(void **state)
{
    (void)state;
    load_err("streams:\n  - {id: src, kind: source, highWaterMark: 1TiB, chunk: 1, rate: 1TiB}\n",
             "2:5: stream 'src': rate 1 TiB in 1-byte chunks is 2^40 pushes per tick; at most 2^18 are "
             "supported: raise chunk or lower rate");
    load_err("streams:\n  - {id: src, kind: source}\n"
             "  - {id: t, kind: transform, ratio: 1000000, outChunk: 1}\n",
             "3:5: stream 't': rate 16384 bytes at ratio 1000000/1 in outChunk 1-byte pieces is 16384000000 "
             "pushes per tick; at most 2^18 are supported: raise outChunk, or lower rate or ratio");
    load_err("streams:\n  - {id: src, kind: source, objectMode: true, rate: 1000000}\n",
             "2:5: stream 'src': rate 1000000 objects is 1000000 pushes per tick; at most 2^18 are "
             "supported: lower the rate");
    load_err("ticks: 10\nstreams:\n  - {id: src, kind: source, chunk: 1}\n"
             "timeline:\n  - {at: 3, do: rate, stream: src, rate: 1GiB}\n",
             "5:5: stream 'src': rate action 1 GiB in 1-byte chunks is 2^30 pushes per tick; at most 2^18 "
             "are supported: raise chunk or lower rate");
    /* exactly the bound, and a finite source whose whole total fits */
    Scenario sc;
    load_ok("streams:\n  - {id: src, kind: source, chunk: 1, rate: 256KiB}\n", &sc);
    scenario_free(&sc);
    load_ok("streams:\n  - {id: src, kind: source, chunk: 1KiB, total: 1KiB, rate: 1TiB}\n", &sc);
    scenario_free(&sc);
    load_err("streams:\n  - {id: src, kind: source, chunk: 1, rate: 262145}\n",
             "2:5: stream 'src': rate 262145 bytes in 1-byte chunks is 262145 pushes per tick; at most 2^18 "
             "are supported: raise chunk or lower rate");
}

static void test_validate_cycle(void **state)
{
    (void)state;
    Scenario *sc = two_stream_scenario();
    for (int i = 0; i < 2; i++) {
        sc->streams[2 + i] = streamdef_default(SK_TRANSFORM, 20);
        snprintf(sc->streams[2 + i].id, SC_ID_MAX, "t%d", i);
    }
    sc->nstreams = 4;
    sc->wires[0] = (WireDef){.kind = WIRE_PIPE, .n = 2, .s = {2, 3}, .end = true, .line = 4};
    sc->wires[1] = (WireDef){.kind = WIRE_NAIVE, .n = 2, .s = {3, 2}, .end = true, .line = 5};
    sc->nwires = 2;
    assert_int_equal(scenario_validate(sc, err, sizeof err, "c"), 2);
    assert_string_equal(err, "c:5:1: wiring forms a cycle through 't0'");
    scenario_free(sc);
    free(sc);
}

/* ---- the reader: values ---- */

static void test_minimal_and_name(void **state)
{
    (void)state;
    Scenario sc;
    const char *y = "streams:\n  - {id: file, kind: source}\n";
    assert_int_equal(scenario_load_string(y, strlen(y), "lessons/01-first.pipe.yaml", &sc, err, sizeof err), 0);
    assert_string_equal(sc.name, "01-first.pipe");
    assert_int_equal(sc.ticks, 100);
    assert_int_equal(sc.tick_us, 1000);
    assert_int_equal(sc.node, 26);
    assert_int_equal(sc.nstreams, 1);
    assert_int_equal(sc.streams[0].line, 2);
    assert_int_equal(sc.streams[0].col, 5);
    assert_null(sc.title);
    scenario_free(&sc);

    assert_int_equal(scenario_load_string(y, strlen(y), "my lesson (v2).yml", &sc, err, sizeof err), 0);
    assert_string_equal(sc.name, "my_lesson__v2_");
    scenario_free(&sc);
    assert_int_equal(scenario_load_string(y, strlen(y), NULL, &sc, err, sizeof err), 0);
    assert_string_equal(sc.name, "scenario");
    scenario_free(&sc);
    assert_int_equal(scenario_load_string(y, strlen(y), "dir/.hidden", &sc, err, sizeof err), 0);
    assert_string_equal(sc.name, "_hidden");
    scenario_free(&sc);

    load_ok("name: lesson-1.b\ntitle: 'A title: with colon'\ndescription: |\n  two\n  lines\n"
            "streams:\n  - {id: file, kind: source}\n", &sc);
    assert_string_equal(sc.name, "lesson-1.b");
    assert_string_equal(sc.title, "A title: with colon");
    assert_string_equal(sc.description, "two\nlines");
    scenario_free(&sc);
}

static void test_top_level_values(void **state)
{
    (void)state;
    Scenario sc;
    load_ok("ticks: 1000000000\ntick: 250us\nnode: 22\nmemoryLimit: 64MiB\nseed: 18446744073709551615\n"
            "streams:\n  - {id: a, kind: source}\n", &sc);
    assert_int_equal(sc.ticks, 1000000000);
    assert_int_equal(sc.tick_us, 250);
    assert_int_equal(sc.node, 22);
    assert_int_equal(sc.memory_limit, 64 * KIB * KIB);
    assert_true(sc.seed == UINT64_MAX);
    scenario_free(&sc);
    load_err("ticks: 1000000001\nstreams: [{id: a, kind: source}]\n",
             "1:8: ticks: '1000000001' is out of range (1..1000000000)");
    load_err("ticks: -3\nstreams: [{id: a, kind: source}]\n", "1:8: ticks: '-3' is out of range (1..1000000000)");
    load_err("ticks: 1e3\nstreams: [{id: a, kind: source}]\n", "1:8: ticks: expected an integer, got '1e3'");
    load_err("ticks: [1]\nstreams: [{id: a, kind: source}]\n", "1:8: ticks: expected an integer, got a sequence");
    load_err("ticks:\nstreams: [{id: a, kind: source}]\n", "1:7: ticks: expected an integer, got nothing");
    load_err("seed: 18446744073709551616\nstreams: [{id: a, kind: source}]\n",
             "1:7: seed: '18446744073709551616' is out of range (0..18446744073709551615)");
    load_err("node: '22'\nstreams: [{id: a, kind: source}]\n", "1:7: node: expected 20, 22, 24 or 26, got the string \"22\"");
    load_err("title: [a]\nstreams: [{id: a, kind: source}]\n", "1:8: title: expected a string, got a sequence");
}

static void test_sizes(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t bytes;
    } ok[] = {
        {"0", 0}, {"1500", 1500}, {"7B", 7}, {"16KiB", 16 * KIB}, {"3MiB", 3 * KIB * KIB},
        {"2GiB", INT64_C(2) << 30}, {"1TiB", INT64_C(1) << 40}, {"5KB", 5000}, {"5MB", 5000000},
        {"5GB", INT64_C(5000000000)}, {"5TB", INT64_C(5000000000000)},
        {"4611686018427387903", (INT64_C(1) << 62) - 1}, {"4194303TiB", INT64_C(4194303) << 40},
        {"007", 7},
    };
    char buf[256];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        Scenario sc;
        char extra[64];
        snprintf(extra, sizeof extra, "total: %s", ok[i].text);
        load_ok(one_stream(buf, sizeof buf, "source", extra), &sc);
        if (sc.streams[0].total != ok[i].bytes)
            fail_msg("total: %s: expected %lld, got %lld", ok[i].text, (long long)ok[i].bytes,
                     (long long)sc.streams[0].total);
        scenario_free(&sc);
    }
    load_err(one_stream(buf, sizeof buf, "source", "total: 4611686018427387904"),
             "4:12: total: '4611686018427387904' is too large (sizes must be below 2^62)");
    load_err(one_stream(buf, sizeof buf, "source", "total: 4194304TiB"),
             "4:12: total: '4194304TiB' is too large (sizes must be below 2^62)");
    load_err(one_stream(buf, sizeof buf, "source", "total: 99999999999999999999999999TiB"),
             "4:12: total: '99999999999999999999999999TiB' is too large (sizes must be below 2^62)");
    load_err(one_stream(buf, sizeof buf, "source", "chunk: 16mb"),
             "4:12: chunk: unknown unit 'mb' in '16mb' (did you mean 'MB'?)");
    load_err(one_stream(buf, sizeof buf, "source", "chunk: 16k"),
             "4:12: chunk: unknown unit 'k' in '16k' (use B, KiB, MiB, GiB, TiB, KB, MB, GB or TB)");
    load_err(one_stream(buf, sizeof buf, "source", "chunk: 16 KiB"),
             "4:12: chunk: write the unit right after the number, got '16 KiB'");
    load_err(one_stream(buf, sizeof buf, "source", "chunk: KiB"),
             "4:12: chunk: expected a size like 16KiB, got 'KiB'");
    load_err(one_stream(buf, sizeof buf, "source", "chunk: \"16KiB\""),
             "4:12: chunk: expected a size like 16KiB, got the string \"16KiB\"");
    load_err(one_stream(buf, sizeof buf, "source", "chunk: 0"), "4:12: chunk: must be at least 1 byte");
    load_err(one_stream(buf, sizeof buf, "source", "total: -1"), "4:12: total: '-1' is negative");
    load_err(one_stream(buf, sizeof buf, "source", "total: forever"),
             "4:12: total: expected a size like 4GiB, or endless, got 'forever'");
    Scenario sc;
    load_ok(one_stream(buf, sizeof buf, "source", "total: endless"), &sc);
    assert_int_equal(sc.streams[0].total, -1);
    scenario_free(&sc);
}

static void test_rates(void **state)
{
    (void)state;
    static const struct {
        const char *tick, *rate;
        int64_t per_tick;
    } ok[] = {
        {"1ms", "16KiB", 16 * KIB},
        {"1ms", "0", 0},
        {"1ms", "0/s", 0},
        {"1ms", "100MiB/s", 104857},      /* 104857.6 rounds down */
        {"250us", "1MB/s", 250},
        {"1s", "1000/s", 1000},
        {"1us", "1000000/s", 1},
        {"1000s", "1TiB/s", INT64_C(1000) << 40},
        {"1ms", "1125899906842623", (INT64_C(1) << 50) - 1},
    };
    char y[256];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        Scenario sc;
        /* tick after the streams: the conversion must not depend on key order */
        snprintf(y, sizeof y, "streams:\n  - {id: s, kind: sink, rate: %s}\ntick: %s\n", ok[i].rate, ok[i].tick);
        load_ok(y, &sc);
        if (sc.streams[0].rate != ok[i].per_tick)
            fail_msg("rate %s at tick %s: expected %lld, got %lld", ok[i].rate, ok[i].tick,
                     (long long)ok[i].per_tick, (long long)sc.streams[0].rate);
        scenario_free(&sc);
    }
    load_err("streams:\n  - {id: s, kind: sink, rate: 999/s}\n",
             "2:31: rate: '999/s' is less than 1 byte per tick (tick: 1ms)");
    load_err("tick: 250us\nstreams:\n  - {id: s, kind: sink, objectMode: true, rate: 3999/s}\n",
             "3:49: rate: '3999/s' is less than 1 object per tick (tick: 250us)");
    load_err("streams:\n  - {id: s, kind: sink, rate: 1125899906842624}\n",
             "2:31: rate: '1125899906842624' is too large (rates must be below 2^50 per tick)");
    load_err("tick: 1000s\nstreams:\n  - {id: s, kind: sink, rate: 1126TiB/s}\n",
             "3:31: rate: '1126TiB/s' is too large (rates must be below 2^50 per tick)");
    load_err("streams:\n  - {id: s, kind: sink, rate: 16KiB/ms}\n",
             "2:31: rate: expected a rate like 16KiB (per tick) or 16MiB/s, got '16KiB/ms'");
    load_err("streams:\n  - {id: s, kind: sink, rate: /s}\n",
             "2:31: rate: expected a rate like 16KiB (per tick) or 16MiB/s, got '/s'");
    load_err("streams:\n  - {id: s, kind: sink, objectMode: true, rate: 1KiB}\n",
             "2:49: rate: counts objects in objectMode: write a plain integer, not '1KiB'");
}

static void test_durations(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t us;
    } ok[] = {{"1us", 1}, {"250us", 250}, {"1ms", 1000}, {"2s", 2000000}, {"1000s", 1000000000},
              {"1000000000us", 1000000000}};
    char y[128];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        Scenario sc;
        snprintf(y, sizeof y, "tick: %s\nstreams: [{id: a, kind: source}]\n", ok[i].text);
        load_ok(y, &sc);
        assert_int_equal(sc.tick_us, ok[i].us);
        scenario_free(&sc);
    }
    load_err("tick: 1001s\nstreams: [{id: a, kind: source}]\n", "1:7: tick: '1001s' is out of range (1us..1000s)");
    load_err("tick: 0ms\nstreams: [{id: a, kind: source}]\n", "1:7: tick: '0ms' is out of range (1us..1000s)");
    load_err("tick: 99999999999999999999999s\nstreams: [{id: a, kind: source}]\n",
             "1:7: tick: '99999999999999999999999s' is out of range (1us..1000s)");
    load_err("tick: 1.5ms\nstreams: [{id: a, kind: source}]\n",
             "1:7: tick: unknown unit '.5ms' in '1.5ms' (use us, ms or s)");
    load_err("tick: fast\nstreams: [{id: a, kind: source}]\n",
             "1:7: tick: expected a duration like 1ms (us, ms or s), got 'fast'");
}

static void test_ratio_batch_bools(void **state)
{
    (void)state;
    Scenario sc;
    load_ok("streams:\n  - {id: a, kind: transform, ratio: 6/4, batch: 10}\n"
            "  - {id: b, kind: transform, ratio: 3}\n"
            "  - {id: c, kind: sink, sync: true, writev: True, handleErrors: FALSE}\n"
            "  - {id: d, kind: source, ignoresBackpressure: true}\n", &sc);
    assert_int_equal(sc.streams[0].ratio_num, 3);
    assert_int_equal(sc.streams[0].ratio_den, 2);
    assert_int_equal(sc.streams[0].batch, 10);
    assert_int_equal(sc.streams[1].ratio_num, 3);
    assert_int_equal(sc.streams[1].ratio_den, 1);
    assert_true(sc.streams[2].sync && sc.streams[2].writev && !sc.streams[2].handle_errors);
    assert_true(sc.streams[3].ignores_backpressure);
    scenario_free(&sc);
    load_err("streams:\n  - {id: a, kind: transform, ratio: 1000001}\n",
             "2:37: ratio: '1000001' is out of range (N and M are 1..1000000)");
    load_err("streams:\n  - {id: a, kind: transform, ratio: 1/}\n",
             "2:37: ratio: expected a ratio like 1/4, 3 or 5/2 (whole numbers), got '1/'");
    load_err("streams:\n  - {id: a, kind: transform, batch: 0}\n",
             "2:37: batch: '0' is out of range (1..1000000)");
    load_err("streams:\n  - {id: a, kind: sink, sync: \"true\"}\n",
             "2:31: sync: expected true or false, got the string \"true\"");
    load_err("streams:\n  - {id: a, kind: transform, readableObjectMode: true, ratio: 2}\n",
             "2:56: 'ratio' does not apply with an objectMode readable side (each output is one object)");
}

/* ---- highWaterMark resolution (Node's rules) ---- */

typedef struct {
    int node;
    const char *keys;
    int64_t rhwm, whwm;
} HwmCase;

static void check_hwm(const char *kind, const HwmCase *c)
{
    char y[256];
    Scenario sc;
    snprintf(y, sizeof y, "node: %d\nstreams:\n  - {id: s, kind: %s%s%s}\n", c->node, kind,
             c->keys[0] ? ", " : "", c->keys);
    load_ok(y, &sc);
    if (sc.streams[0].rhwm != c->rhwm || sc.streams[0].whwm != c->whwm)
        fail_msg("%s {%s} under node %d: expected readable %lld writable %lld, got %lld %lld", kind,
                 c->keys, c->node, (long long)c->rhwm, (long long)c->whwm,
                 (long long)sc.streams[0].rhwm, (long long)sc.streams[0].whwm);
    scenario_free(&sc);
}

static void test_hwm_transform(void **state)
{
    (void)state;
    static HwmCase cases[] = {
        {20, "", 16384, 16384},
        {22, "", 65536, 65536},
        /* the cases of Node's test-stream-transform-split-highwatermark.js */
        {20, "readableHighWaterMark: 666", 666, 16384},
        {20, "writableHighWaterMark: 777", 16384, 777},
        {20, "readableHighWaterMark: 666, writableHighWaterMark: 777", 666, 777},
        {20, "highWaterMark: 555, readableHighWaterMark: 666", 555, 555},
        {20, "highWaterMark: 555, writableHighWaterMark: 777", 555, 555},
        {20, "highWaterMark: 555, readableHighWaterMark: 666, writableHighWaterMark: 777", 555, 555},
        /* Transform's own rule: a readable side of 0 makes the writable side
         * writableHighWaterMark || 0, and drops highWaterMark for it. */
        {20, "readableHighWaterMark: 0", 0, 0},
        {22, "readableHighWaterMark: 0", 0, 0},
        {20, "readableHighWaterMark: 0, writableHighWaterMark: 5", 0, 5},
        {20, "highWaterMark: 0", 0, 0},
        {20, "highWaterMark: 0, writableHighWaterMark: 777", 0, 777},
        {20, "writableHighWaterMark: 0", 16384, 0},
        {20, "highWaterMark: 0, readableHighWaterMark: 666", 0, 0},
        /* objectMode: 16 objects on an objectMode side, under both presets */
        {20, "objectMode: true", 16, 16},
        {22, "objectMode: true", 16, 16},
        {22, "readableObjectMode: true", 16, 65536},
        {22, "writableObjectMode: true", 65536, 16},
        {20, "objectMode: true, readableObjectMode: false", 16, 16},
        {20, "objectMode: true, highWaterMark: 4", 4, 4},
        {22, "readableObjectMode: true, writableHighWaterMark: 1KiB", 16, 1024},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_hwm("transform", &cases[i]);
}

static void test_hwm_source_sink(void **state)
{
    (void)state;
    static HwmCase src[] = {
        {20, "", 16384, 0}, {22, "", 65536, 0}, {20, "objectMode: true", 16, 0},
        {22, "objectMode: true", 16, 0}, {22, "highWaterMark: 64KiB", 65536, 0},
        {20, "highWaterMark: 0", 0, 0},
    };
    static HwmCase sink[] = {
        {20, "", 0, 16384}, {22, "", 0, 65536}, {22, "objectMode: true", 0, 16},
        {20, "highWaterMark: 1MB", 0, 1000000},
    };
    for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
        check_hwm("source", &src[i]);
    for (size_t i = 0; i < sizeof sink / sizeof sink[0]; i++)
        check_hwm("sink", &sink[i]);
    load_err("streams:\n  - {id: s, kind: source, objectMode: true, highWaterMark: 16B}\n",
             "2:60: highWaterMark: counts objects in objectMode: write a plain integer, not '16B'");
    load_err("streams:\n  - {id: s, kind: transform, writableObjectMode: true, highWaterMark: 1KiB}\n",
             "2:71: highWaterMark: counts objects in objectMode: write a plain integer, not '1KiB'");
    load_err("streams:\n  - {id: s, kind: transform, readableObjectMode: true, readableHighWaterMark: 1KiB}\n",
             "2:79: readableHighWaterMark: counts objects in objectMode: write a plain integer, not '1KiB'");
    load_err("streams:\n  - {id: s, kind: sink, writableHighWaterMark: 1KiB}\n",
             "2:25: 'writableHighWaterMark' does not apply to a sink (only to transforms; use 'highWaterMark')");
    load_err("streams:\n  - {id: s, kind: source, readableObjectMode: true}\n",
             "2:27: 'readableObjectMode' does not apply to a source (only to transforms; use 'objectMode')");
}

static void test_stream_defaults(void **state)
{
    (void)state;
    Scenario sc;
    load_ok("node: 22\nstreams:\n"
            "  - {id: file, kind: source}\n"
            "  - {id: rows, kind: source, objectMode: true, objectSize: 200, total: 1000}\n"
            "  - {id: fast, kind: source, chunk: 64KiB}\n"
            "  - {id: parse, kind: transform, readableObjectMode: true}\n"
            "  - {id: ser, kind: transform, writableObjectMode: true}\n"
            "  - {id: db, kind: sink, objectMode: true}\n"
            "  - {id: net, kind: sink}\n", &sc);
    const StreamDef *s = sc.streams;
    assert_int_equal(s[0].chunk, 16 * KIB);
    assert_int_equal(s[0].rate, 16 * KIB);
    assert_int_equal(s[0].total, -1);
    assert_int_equal(s[1].chunk, 1);
    assert_int_equal(s[1].rate, 1);
    assert_int_equal(s[1].total, 1000);
    assert_int_equal(s[1].object_size, 200);
    assert_true(s[1].robj);
    assert_int_equal(s[2].rate, 64 * KIB);
    assert_int_equal(s[3].rate, 16 * KIB); /* bytes in */
    assert_true(s[3].robj && !s[3].wobj);
    assert_int_equal(s[4].rate, 1);        /* objects in */
    assert_int_equal(s[4].rhwm, 64 * KIB);
    assert_int_equal(s[4].whwm, 16);
    assert_int_equal(s[5].rate, 1);
    assert_int_equal(s[5].object_size, KIB);
    assert_int_equal(s[6].rate, 16 * KIB);
    for (int i = 0; i < sc.nstreams; i++) {
        assert_true(s[i].handle_errors);
        assert_int_equal(s[i].ratio_num, 1);
        assert_int_equal(s[i].ratio_den, 1);
        assert_int_equal(s[i].batch, 1);
    }
    scenario_free(&sc);
}

/* ---- structure errors with exact positions ---- */

static void test_duplicates(void **state)
{
    (void)state;
    load_err("ticks: 5\nstreams: [{id: a, kind: source}]\nticks: 6\n", "3:1: duplicate key 'ticks' (first at line 1)");
    load_err("streams:\n  - id: a\n    kind: source\n    id: b\n", "4:5: duplicate key 'id' (first at line 2)");
    load_err("streams:\n  - {id: a, kind: source}\n  - {id: a, kind: sink}\n",
             "3:10: duplicate stream id 'a' (first at line 2)");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1, at: 2, note: x}\n",
             "3:13: duplicate key 'at' (first at line 3)");
    load_err("streams: [{id: a, kind: source, kind: sink}]\n", "1:33: duplicate key 'kind' (first at line 1)");
}

static void test_unknown_keys(void **state)
{
    (void)state;
    load_err("streams: [{id: a, kind: source, highwatermark: 1}]\n",
             "1:33: unknown key 'highwatermark' (did you mean 'highWaterMark'?)");
    load_err("streams: [{id: a, kind: source, objectmode: true}]\n",
             "1:33: unknown key 'objectmode' (did you mean 'objectMode'?)");
    load_err("stream: [{id: a, kind: source}]\n", "1:1: unknown key 'stream' (did you mean 'streams'?)");
    load_err("streams: [{id: a, kind: source}]\nwiring:\n  - pipes: [a, a]\n",
             "3:5: unknown key 'pipes' (did you mean 'pipe'?)");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1, do: pause, stream: a, dset: a}\n",
             "3:35: unknown key 'dset' (did you mean 'dest'?)");
    load_err("streams: [{id: a, kind: source}]\nfoo: 1\n", "2:1: unknown key 'foo'");
    load_err("streams: [{id: a, kind: source}]\n\"x\\ty\": 1\n", "2:1: unknown key 'x\\ty'");
    load_err("streams: [{id: a, kind: source}]\n[a]: 1\n", "2:1: a key must be a name, got a sequence");
    load_err("streams: [{id: a, kind: source}]\n? \n: 1\n", "2:2: a key must be a name, got nothing");
}

static void test_wiring(void **state)
{
    (void)state;
    Scenario sc;
    load_ok("streams:\n"
            "  - {id: a, kind: source}\n  - {id: b, kind: transform}\n  - {id: c, kind: sink}\n"
            "  - {id: d, kind: source}\n  - {id: e, kind: sink}\n  - {id: f, kind: sink}\n"
            "wiring:\n"
            "  - {pipe: [a, b, c], end: false}\n"
            "  - forAwait: [d, e]\n"
            "  - readable: [d, f]\n", &sc);
    assert_int_equal(sc.nwires, 3);
    assert_int_equal(sc.wires[0].kind, WIRE_PIPE);
    assert_int_equal(sc.wires[0].n, 3);
    assert_int_equal(sc.wires[0].s[0], 0);
    assert_int_equal(sc.wires[0].s[2], 2);
    assert_false(sc.wires[0].end);
    assert_int_equal(sc.wires[0].line, 9);
    assert_int_equal(sc.wires[0].col, 5);
    assert_int_equal(sc.wires[1].kind, WIRE_FOR_AWAIT);
    assert_true(sc.wires[1].end);
    assert_int_equal(sc.wires[2].kind, WIRE_READABLE);
    assert_int_equal(sc.wires[2].s[0], 3);
    scenario_free(&sc);

    const char *s3 = "streams:\n  - {id: a, kind: source}\n  - {id: t, kind: transform}\n  - {id: z, kind: sink}\n";
    char y[512];
    snprintf(y, sizeof y, "%swiring:\n  - pipe: [a, t, t]\n", s3);
    load_err(y, "6:18: 't' appears twice in this chain");
    snprintf(y, sizeof y, "%swiring:\n  - pipe: [a, z, t]\n", s3);
    load_err(y, "6:15: 'z' is a sink: it cannot be upstream in a wire");
    snprintf(y, sizeof y, "%swiring:\n  - pipe: [a]\n", s3);
    load_err(y, "6:11: pipe: needs at least 2 streams, got 1");
    snprintf(y, sizeof y, "%swiring:\n  - pipe: a\n", s3);
    load_err(y, "6:11: pipe: expected a list of stream ids like [a, b], got 'a'");
    snprintf(y, sizeof y, "%swiring:\n  - promisesPipeline: [a, [t], z]\n", s3);
    load_err(y, "6:27: promisesPipeline: expected a stream id, got a sequence");
    snprintf(y, sizeof y, "%swiring:\n  - {pipe: [a, t], end: no}\n", s3);
    load_err(y, "6:25: end: expected true or false, got 'no'");
    snprintf(y, sizeof y, "%swiring:\n  - pipe: [a, t]\n  - manual: [t, t]\n", s3);
    load_err(y, "7:17: 't' is already written to by the wire at line 6");
    snprintf(y, sizeof y, "%swiring: {pipe: [a, t]}\n", s3);
    load_err(y, "5:9: wiring: expected a list of wires like '- pipe: [a, b]', got a mapping");
    snprintf(y, sizeof y, "%swiring:\n  - [a, t]\n", s3);
    load_err(y, "6:5: a wire is a mapping like {pipe: [a, b]}, got a sequence");

    /* 17 transforms in one chain; 65 sinks (the count is checked before any stream is read) */
    char big[8192];
    size_t o = (size_t)snprintf(big, sizeof big, "streams:\n");
    for (int i = 0; i < 17; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "  - {id: t%d, kind: transform}\n", i);
    o += (size_t)snprintf(big + o, sizeof big - o, "wiring:\n  - pipe: [t0");
    for (int i = 1; i < 17; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, ", t%d", i);
    snprintf(big + o, sizeof big - o, "]\n");
    load_err(big, "20:11: pipe: at most 16 streams in a chain, got 17");
    o = (size_t)snprintf(big, sizeof big, "streams:\n  - {id: s, kind: source}\n");
    for (int i = 0; i < 65; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "  - {id: k%d, kind: sink}\n", i);
    o += (size_t)snprintf(big + o, sizeof big - o, "wiring:\n");
    for (int i = 0; i < 65; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "  - naive: [s, k%d]\n", i);
    load_err(big, "66:5: too many streams (at most 64)");
}

static void test_timeline(void **state)
{
    (void)state;
    Scenario sc;
    load_ok("ticks: 50\nstreams:\n"
            "  - {id: src, kind: source}\n  - {id: mid, kind: transform, writableObjectMode: true}\n"
            "  - {id: dst, kind: sink}\n"
            "timeline:\n"
            "  - {at: 30, note: \"third\"}\n"
            "  - {at: 10, do: rate, stream: dst, rate: 1KiB}\n"
            "  - {at: 30, do: unpipe, stream: mid, dest: dst}\n"
            "  - {at: 10, do: write, stream: mid, bytes: 4KiB}\n"
            "  - {at: 1, do: destroy, stream: src, error: ECONNRESET}\n"
            "  - {at: 50, do: fail, stream: dst, error: EIO}\n"
            "  - {at: 30, do: unpipe, stream: src}\n"
            "  - {at: 20, do: rate, stream: mid, rate: 5}\n"
            "  - {at: 10, do: cork, stream: dst}\n", &sc);
    assert_int_equal(sc.nactions, 9);
    static const struct {
        int64_t at;
        ActionKind kind;
        int line;
    } want[] = {
        {1, ACT_DESTROY, 11}, {10, ACT_RATE, 8}, {10, ACT_WRITE, 10}, {10, ACT_CORK, 15},
        {20, ACT_RATE, 14}, {30, ACT_NOTE, 7}, {30, ACT_UNPIPE, 9}, {30, ACT_UNPIPE, 13},
        {50, ACT_FAIL, 12},
    };
    for (int i = 0; i < 9; i++) {
        const ActionDef *a = &sc.actions[i];
        if (a->at != want[i].at || a->kind != want[i].kind || (int)a->line != want[i].line)
            fail_msg("action %d: expected at %lld %s line %d, got at %lld %s line %u", i,
                     (long long)want[i].at, action_kind_name(want[i].kind), want[i].line,
                     (long long)a->at, action_kind_name(a->kind), a->line);
    }
    assert_string_equal(sc.actions[0].code, "ECONNRESET");
    assert_int_equal(sc.actions[0].stream, 0);
    assert_int_equal(sc.actions[1].value, 1024);
    assert_int_equal(sc.actions[2].value, 4096);
    assert_int_equal(sc.actions[4].value, 5); /* objects: mid's writable side */
    assert_string_equal(sc.actions[5].text, "third");
    assert_int_equal(sc.actions[5].stream, -1);
    assert_int_equal(sc.actions[6].target, 2);
    assert_int_equal(sc.actions[7].target, -1);
    assert_string_equal(sc.actions[8].code, "EIO");
    scenario_free(&sc);

    load_err("ticks: 9\nstreams: [{id: a, kind: source}]\ntimeline:\n  - {at: 99999999999999999999999, note: x}\n",
             "4:10: at: '99999999999999999999999' is after the last tick (ticks: 9)");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: -1, note: x}\n",
             "3:10: at: '-1' is before tick 1 (tick 0 is the setup)");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {note: x}\n", "3:5: a timeline entry needs 'at'");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1}\n",
             "3:5: a timeline entry needs 'do' (an action) or 'note'");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1, note: x, stream: a}\n",
             "3:22: 'stream' does not apply to a note");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1, do: write, stream: a, bytes: 1}\n",
             "3:32: write needs a writable stream: 'a' is a source");
    load_err("streams: [{id: a, kind: sink}]\ntimeline:\n  - {at: 1, do: write, stream: a}\n",
             "3:5: 'do: write' needs 'bytes'");
    load_err("streams: [{id: a, kind: source}, {id: b, kind: source}]\ntimeline:\n"
             "  - {at: 1, do: unpipe, stream: a, dest: b}\n",
             "3:42: dest: 'b' is a source: it cannot be a destination");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1, do: resume, stream: A}\n",
             "3:33: unknown stream 'A' (did you mean 'a'?)");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1, do: note, stream: a}\n",
             "3:17: do: unknown action 'note' (expected rate, pause, resume, unpipe, write, end, cork, "
             "uncork, destroy, fail or pipe)");
    load_err("streams: [{id: a, kind: source}]\ntimeline:\n  - {at: 1, do: pause, stream: a}\n  - 5\n",
             "4:5: a timeline entry is a mapping like {at: 5, do: pause, stream: s}, got '5'");
    load_err("streams: [{id: a, kind: sink}]\ntimeline:\n  - {at: 1, do: fail, stream: a, error: E\"IO}\n",
             "3:41: error: 'E\"IO' is not a valid error code ([A-Za-z_][A-Za-z0-9_-]*, at most 39 characters)");
}

/* ---- hostile input ---- */

static void test_hostile_input(void **state)
{
    (void)state;
    Scenario sc;
    char small[12];
    load_err("", "1:1: empty file (a scenario needs at least 'streams')");
    load_err("---\n...\n", "1:1: empty file (a scenario needs at least 'streams')");
    load_err("just a string\n", "1:1: the top level must be a mapping of keys, got 'just a string'");
    load_err("streams: [{id: a, kind: source}]\n---\nx: 1\n", "2:1: a second YAML document: a scenario file holds one");
    load_err("a: &x 1\nb: *x\n", "2:4: alias '*x' is not supported: write the value out in full");
    load_err("<<: {ticks: 5}\nstreams: [{id: a, kind: source}]\n", "1:1: unknown key '<<'");
    load_err("streams: [{id: a, kind: !!str source}]\n", "1:25: YAML tags ('!...') are not supported: remove the tag");
    load_err("streams: [{id: a, kind: source}]\nticks: 1\n  bad: 2\n",
             "3:6: syntax error: mapping values are not allowed in this context");

    /* NUL bytes: in the text (libyaml refuses them) and in a quoted key */
    static const char nul[] = "streams: [{id: a, kind: source}]\ntitle: a\0b\n";
    assert_int_equal(scenario_load_string(nul, sizeof nul - 1, "n.yaml", &sc, err, sizeof err), 2);
    assert_string_equal(err, "n.yaml:2:9: bad input: control characters are not allowed (0x00)");
    load_err("streams: [{id: a, kind: source}]\n\"ti\\0cks\": 1\n", "2:1: unknown key 'ti\\x00cks' (did you mean 'ticks'?)");
    load_err("streams: [{id: a, kind: source}]\ntitle: \"a\\0b\"\n", "2:8: title: contains a NUL character");
    load_err("streams: [{id: \"a\\0\", kind: source}]\n",
             "1:16: id: 'a\\x00' is not a valid stream id ([A-Za-z_][A-Za-z0-9_-]*, at most 31 characters)");

    /* deep nesting, both flow and block */
    char deep[4096];
    size_t o = (size_t)snprintf(deep, sizeof deep, "x: ");
    for (int i = 0; i < 1000; i++)
        deep[o++] = '[';
    deep[o] = '\0';
    load_err(deep, "1:23: nested too deeply (more than 20 levels)");
    o = 0;
    for (int i = 0; i < 30; i++)
        o += (size_t)snprintf(deep + o, sizeof deep - o, "%*sk:\n", 2 * i, "");
    load_err(deep, "21:41: nested too deeply (more than 20 levels)");

    /* long values are cut in messages */
    load_err("streams: [{id: a, kind: source}]\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1\n",
             "2:1: unknown key 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'");
    load_err("streams: [{id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, kind: source}]\n",
             "1:16: id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a valid stream id ([A-Za-z_][A-Za-z0-9_-]*, at most 31 characters)");

    /* tiny and missing error buffers */
    const char *bad = "tikcs: 1\n";
    assert_int_equal(scenario_load_string(bad, strlen(bad), "t.yaml", &sc, small, sizeof small), 2);
    assert_string_equal(small, "t.yaml:1:1:");
    assert_int_equal(scenario_load_string(bad, strlen(bad), "t.yaml", &sc, NULL, 0), 2);
    assert_int_equal(scenario_load_string(NULL, 0, NULL, &sc, err, sizeof err), 2);
    assert_string_equal(err, "<string>:1:1: empty file (a scenario needs at least 'streams')");
    /* a newline in the file name cannot split the message */
    assert_int_equal(scenario_load_string(bad, strlen(bad), "a\nb.yaml", &sc, err, sizeof err), 2);
    assert_null(strchr(err, '\n'));

    /* the length is honoured: no terminator is read */
    const char *two = "streams: [{id: a, kind: source}]\nGARBAGE";
    assert_int_equal(scenario_load_string(two, 33, "t.yaml", &sc, err, sizeof err), 0);
    scenario_free(&sc);
}

/* `like:` (scenario/like.h): a closed list, checked against the kind and
 * objectMode, at its own position; written back by scenario_write. */
static void test_like(void **state)
{
    (void)state;
    char buf[256];
    Scenario sc;
    load_ok(one_stream(buf, sizeof buf, "source", "like: fs.createReadStream"), &sc);
    assert_int_equal(sc.streams[0].like, LIKE_FS_READ);
    assert_string_equal(like_name(sc.streams[0].like), "fs.createReadStream");
    scenario_free(&sc);
    load_ok(one_stream(buf, sizeof buf, "sink", "like: net.Socket"), &sc);
    assert_int_equal(sc.streams[0].like, LIKE_NET_SOCKET);
    scenario_free(&sc);
    load_ok(one_stream(buf, sizeof buf, "sink", "rate: 1KiB"), &sc);
    assert_int_equal(sc.streams[0].like, LIKE_NONE);
    scenario_free(&sc);
    load_err(one_stream(buf, sizeof buf, "source", "like: fs.createReadStrem"),
             "4:11: like: unknown Node API 'fs.createReadStrem' (did you mean 'fs.createReadStream'?)");
    load_err(one_stream(buf, sizeof buf, "sink", "like: zlib.createGzip"),
             "4:11: like: zlib.createGzip is a transform, but 's' is a sink");
    load_err(one_stream(buf, sizeof buf, "transform", "like: net.Socket"),
             "4:11: like: net.Socket is a source or a sink, but 's' is a transform");
    load_err("streams:\n  - {id: s, kind: source, objectMode: true, like: process.stdin}\n",
             "2:45: 'like: process.stdin' is a byte stream, but 's' is in objectMode");
    load_err("streams:\n  - {id: a, kind: sink, like: http.ServerResponse}\n"
             "  - {id: b, kind: sink, like: http.ServerResponse}\n",
             "3:31: like: http.ServerResponse: 'a' (line 2) already is one; a handler has one request and one response");
    /* every name of the list reads back as itself */
    for (int i = LIKE_NONE + 1; i < LIKE__COUNT; i++) {
        const char *n = like_name(i);
        assert_int_equal(like_find(n, strlen(n)), i);
        assert_string_equal(like_names()[i - 1], n);
        assert_true(like_kinds(i) != 0);
    }
    /* the writer writes it back */
    load_ok("streams:\n  - {id: a, kind: source, like: process.stdin}\n"
            "  - {id: b, kind: transform, like: zlib.createGunzip}\n  - {id: c, kind: sink}\n"
            "wiring:\n  - pipe: [a, b, c]\n", &sc);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(scenario_write(f, &sc), 0);
    fclose(f);
    assert_non_null(strstr(text, "{id: a, kind: source, "));
    assert_non_null(strstr(text, ", like: process.stdin}\n"));
    assert_non_null(strstr(text, ", like: zlib.createGunzip}\n"));
    Scenario back;
    load_ok(text, &back);
    for (int i = 0; i < 3; i++)
        assert_int_equal(back.streams[i].like, sc.streams[i].like);
    assert_int_equal(back.streams[2].like, LIKE_NONE);
    scenario_free(&back);
    scenario_free(&sc);
    free(text);
}

/* `from: array` (Readable.from() of an array): objectMode, highWaterMark 1
 * unless given (from.js on every major), no rate; the keys that describe
 * the scenario's own _read are refused at their position; written back. */
static void test_from_array(void **state)
{
    (void)state;
    Scenario sc;
    load_ok("node: 20\nstreams:\n  - {id: rows, kind: source, from: array, items: 12}\n", &sc);
    const StreamDef *d = &sc.streams[0];
    assert_true(d->from_array);
    assert_true(d->robj);
    assert_int_equal(d->rhwm, 1);
    assert_int_equal(d->total, 12);
    assert_int_equal(d->rate, 0);
    scenario_free(&sc);
    load_ok("streams:\n  - {id: rows, kind: source, from: array, items: 3, highWaterMark: 16, objectSize: 64}\n", &sc);
    assert_int_equal(sc.streams[0].rhwm, 16);
    assert_int_equal(sc.streams[0].object_size, 64);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(scenario_write(f, &sc), 0);
    fclose(f);
    assert_non_null(strstr(text, "from: array, items: 3, highWaterMark: 16"));
    Scenario back;
    load_ok(text, &back);
    assert_true(back.streams[0].from_array);
    assert_int_equal(back.streams[0].total, 3);
    assert_int_equal(back.streams[0].rhwm, 16);
    scenario_free(&back);
    free(text);
    /* a rate (live edit, --vary) goes through scenario_validate and is refused */
    sc.streams[0].rate = 5;
    assert_int_equal(scenario_validate(&sc, err, sizeof err, "t.yaml"), 2);
    assert_non_null(strstr(err, "a Readable.from() source has no rate"));
    scenario_free(&sc);
    load_err("streams:\n  - {id: rows, kind: source, from: array}\n",
             "2:5: 'from: array' needs 'items' (how many objects the array holds)");
    load_err("streams:\n  - {id: rows, kind: source, from: array, items: 2, rate: 4}\n",
             "2:53: 'rate' does not apply to 'from: array' (Readable.from() pushes the array's items "
             "itself, as fast as the stream takes them)");
    load_err("streams:\n  - {id: rows, kind: source, from: array, items: 2, objectMode: false}\n",
             "2:65: objectMode: Readable.from() of an array is an objectMode stream (its items are objects)");
    load_err("streams:\n  - {id: rows, kind: source, items: 2}\n",
             "2:30: 'items' needs 'from: array' (the array Readable.from() reads)");
    load_err("streams:\n  - {id: rows, kind: source, from: aray, items: 2}\n",
             "2:36: from: unknown source 'aray' (did you mean 'array'?)");
    load_err("streams:\n  - {id: rows, kind: sink, from: array}\n",
             "2:28: 'from' does not apply to a sink (only to sources)");
}

/* `{generator: NAME}` in a pipeline's list: the stage between two streams
 * (WireDef.gen_at), read at its position, written back by scenario_write. */
static void test_generator_stage(void **state)
{
    (void)state;
    Scenario sc;
    const char *head = "streams:\n  - {id: a, kind: source}\n  - {id: t, kind: transform}\n"
                       "  - {id: b, kind: sink}\nwiring:\n";
    char y[512];
    snprintf(y, sizeof y, "%s  - pipeline: [a, t, {generator: up-case}, b]\n", head);
    load_ok(y, &sc);
    assert_int_equal(sc.wires[0].n, 3);
    assert_int_equal(sc.wires[0].gen_at, 2);
    assert_string_equal(sc.wires[0].gen_name, "up-case");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(scenario_write(f, &sc), 0);
    fclose(f);
    assert_non_null(strstr(text, "  - {pipeline: [a, t, {generator: up-case}, b]}\n"));
    Scenario back;
    load_ok(text, &back);
    assert_int_equal(back.wires[0].gen_at, 2);
    assert_string_equal(back.wires[0].gen_name, "up-case");
    scenario_free(&back);
    free(text);
    /* validate refuses a stage out of place (live edits go through it) */
    sc.wires[0].kind = WIRE_PIPE;
    assert_int_equal(scenario_validate(&sc, err, sizeof err, "t.yaml"), 2);
    assert_non_null(strstr(err, "an async generator stage goes between two streams of a pipeline"));
    scenario_free(&sc);
    snprintf(y, sizeof y, "%s  - pipe: [a, {generator: g}, b]\n", head);
    load_err(y, "6:15: pipe: an async generator stage goes only in pipeline or promisesPipeline");
    snprintf(y, sizeof y, "%s  - pipeline: [{generator: g}, a, b]\n", head);
    load_err(y, "6:16: pipeline: the async generator needs a stream before it to read from");
    snprintf(y, sizeof y, "%s  - pipeline: [a, t, {generator: g}]\n", head);
    load_err(y, "6:15: pipeline: the async generator needs a stream after it to write into");
    snprintf(y, sizeof y, "%s  - pipeline: [a, {generator: g}, t, {generator: h}, b]\n", head);
    load_err(y, "6:38: pipeline: at most one async generator stage per pipeline");
    snprintf(y, sizeof y, "%s  - pipeline: [a, {gen: g}, b]\n", head);
    load_err(y, "6:19: pipeline: a stage in the list is a stream id or {generator: NAME}, got a mapping");
    snprintf(y, sizeof y, "%s  - pipeline: [a, {generator: 9x}, b]\n", head);
    load_err(y, "6:31: generator: '9x' is not a valid function name ([A-Za-z_][A-Za-z0-9_-]*, at most 31 characters)");
}

/* `do: pipe` (src.pipe(dest) on a tick): dest required, never the stream
 * itself, objects only into objectMode; a rate on a from() source refused. */
static void test_pipe_action(void **state)
{
    (void)state;
    const char *head = "ticks: 5\nstreams:\n  - {id: a, kind: source}\n  - {id: o, kind: source, objectMode: true}\n"
                       "  - {id: t, kind: transform}\n  - {id: b, kind: sink}\ntimeline:\n";
    char y[512];
    Scenario sc;
    snprintf(y, sizeof y, "%s  - {at: 2, do: pipe, stream: a, dest: b}\n", head);
    load_ok(y, &sc);
    assert_int_equal(sc.actions[0].kind, ACT_PIPE);
    assert_int_equal(sc.actions[0].target, 3);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    assert_int_equal(scenario_write(f, &sc), 0);
    fclose(f);
    assert_non_null(strstr(text, "do: pipe, stream: a, dest: b}"));
    free(text);
    scenario_free(&sc);
    snprintf(y, sizeof y, "%s  - {at: 2, do: pipe, stream: a}\n", head);
    load_err(y, "8:5: 'do: pipe' needs 'dest'");
    snprintf(y, sizeof y, "%s  - {at: 2, do: pipe, stream: t, dest: t}\n", head);
    load_err(y, "8:40: dest: 't' cannot be piped into itself");
    snprintf(y, sizeof y, "%s  - {at: 2, do: pipe, stream: o, dest: b}\n", head);
    load_err(y, "8:40: dest: 'o' emits objects but 'b' takes bytes: make it objectMode");
    snprintf(y, sizeof y, "%s  - {at: 2, do: pipe, stream: b, dest: t}\n", head);
    load_err(y, "8:31: pipe needs a readable stream: 'b' is a sink");
    load_err("ticks: 5\nstreams:\n  - {id: r, kind: source, from: array, items: 2}\n"
             "timeline:\n  - {at: 1, do: rate, stream: r, rate: 3}\n",
             "5:31: rate: 'r' is Readable.from() of an array: it has no rate");
}

/* --node M reads the file as if it said node: M: the highWaterMarks it
 * leaves out are M's defaults (16 KiB on 20, 64 KiB from 22), those it
 * gives are kept. Before, --node was set after the defaults were taken. */
static void test_load_file_for_node(void **state)
{
    (void)state;
    char path[] = "/tmp/test_scenario.XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *y = "node: 26\nstreams:\n  - {id: file, kind: source}\n"
                    "  - {id: net, kind: sink, highWaterMark: 1KiB}\nwiring:\n  - pipe: [file, net]\n";
    assert_int_equal(write(fd, y, strlen(y)), (ssize_t)strlen(y));
    close(fd);
    Scenario sc;
    const int want[][2] = {{0, 64}, {20, 16}, {22, 64}, {24, 64}, {26, 64}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(scenario_load_file_for(path, want[i][0], &sc, err, sizeof err), 0);
        assert_int_equal(sc.node, want[i][0] ? want[i][0] : 26);
        assert_int_equal(sc.streams[0].rhwm, want[i][1] * KIB);
        assert_int_equal(sc.streams[1].whwm, KIB);
        scenario_free(&sc);
    }
    unlink(path);
}

static void test_load_file_errors(void **state)
{
    (void)state;
    Scenario sc;
    assert_int_equal(scenario_load_file("/nonexistent/x.yaml", &sc, err, sizeof err), 2);
    assert_string_equal(err, "/nonexistent/x.yaml:1:1: cannot open: No such file or directory");
    assert_int_equal(scenario_load_file("/", &sc, err, sizeof err), 2);
    assert_string_equal(err, "/:1:1: cannot read: Is a directory");
    assert_int_equal(sc.nstreams, 0);
}

/* Every tests/bad/NAME.yaml fails with exactly tests/bad/NAME.err (run from the repo root). */
static void test_bad_corpus(void **state)
{
    (void)state;
    DIR *d = opendir("tests/bad");
    if (!d)
        skip();
    int checked = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml"))
            continue;
        char path[512], errpath[512], want[1024] = "";
        snprintf(path, sizeof path, "tests/bad/%s", e->d_name);
        snprintf(errpath, sizeof errpath, "tests/bad/%.*s.err", (int)(n - 5), e->d_name);
        FILE *f = fopen(errpath, "r");
        if (!f)
            fail_msg("%s has no .err file", path);
        if (!fgets(want, sizeof want, f))
            want[0] = '\0';
        fclose(f);
        want[strcspn(want, "\n")] = '\0';
        Scenario sc;
        int rc = scenario_load_file(path, &sc, err, sizeof err);
        if (rc == 0)
            scenario_free(&sc);
        if (rc != 2 || strcmp(err, want))
            fail_msg("%s:\n  expected: %s\n  got:      %s (status %d)", path, want, err, rc);
        checked++;
    }
    closedir(d);
    assert_true(checked >= 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_defaults),
        cmocka_unit_test(test_streamdef_default),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_add_find_sort),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_validate_tick_work),
        cmocka_unit_test(test_validate_cycle),
        cmocka_unit_test(test_minimal_and_name),
        cmocka_unit_test(test_top_level_values),
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_rates),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_ratio_batch_bools),
        cmocka_unit_test(test_hwm_transform),
        cmocka_unit_test(test_hwm_source_sink),
        cmocka_unit_test(test_stream_defaults),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_unknown_keys),
        cmocka_unit_test(test_wiring),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_load_file_for_node),
        cmocka_unit_test(test_load_file_errors),
        cmocka_unit_test(test_bad_corpus),
        cmocka_unit_test(test_like),
        cmocka_unit_test(test_from_array),
        cmocka_unit_test(test_generator_stage),
        cmocka_unit_test(test_pipe_action),
    };
    return cmocka_run_group_tests_name("scenario", tests, NULL, NULL);
}
