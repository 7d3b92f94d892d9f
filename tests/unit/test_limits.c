/* test_limits.c - arithmetic near the limits of the scenario format.
 *
 * The format allows sizes below 2^62, rates below 2^50 per tick for up to
 * 10^9 ticks and chunks and writes up to 4 GiB (Node's largest Buffer), and
 * a transform may multiply its input by up to 10^6, so a legal scenario can
 * move more than 2^63 bytes. These tests drive the reader and the model there:
 *   - the reader accepts the largest legal values and rejects the next ones
 *     with one clear line (never a wrapped or truncated value);
 *   - a 16 GiB source runs to its end with exact byte counts;
 *   - a run whose counters pass 2^63, whose buffers grow without bound, or
 *     whose objects or transform outputs are too big never shows a negative
 *     or shrinking figure: statistics saturate, and a length or memory total
 *     that would pass 2^62 ends the run with `uncaught code=HW_MODEL_LIMIT`.
 * The last group needs the model's checked arithmetic (SIM_CHECKED_LIMITS in
 * sim.h) and is skipped, saying so, on a model without it. Under the
 * sanitizer suite (80-sanitize.sh) any overflow here is a failure.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/sim.h"
#include "scenario/scenario_yaml.h"
#include "trace/trace.h"

#define GIB (INT64_C(1) << 30)
#define SIZE_MAX_OK (SC_SIZE_LIMIT - 1) /* 2^62 - 1, the largest legal size */
#define RATE_MAX_OK (SC_RATE_LIMIT - 1) /* 2^50 - 1 per tick */

/* ---- the reader -------------------------------------------------------- */

typedef struct {
    const char *yaml;
    const char *err; /* NULL: must load */
} ReaderCase;

static void check_reader_cases(const ReaderCase *cases, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        Scenario sc;
        char err[512] = "";
        int rc = scenario_load_string(cases[i].yaml, strlen(cases[i].yaml), "t.yaml", &sc, err, sizeof err);
        if (!cases[i].err && rc != 0) {
            print_error("expected to load:\n%s\ngot: %s\n", cases[i].yaml, err);
            bad++;
        } else if (cases[i].err && (rc != 2 || strcmp(err, cases[i].err) != 0)) {
            print_error("expected: %s\ngot:      %s (status %d)\nfor:\n%s\n", cases[i].err, err, rc,
                        cases[i].yaml);
            bad++;
        }
        if (rc == 0)
            scenario_free(&sc);
    }
    assert_int_equal(bad, 0);
}

static void test_reader_sizes_at_the_limit(void **state)
{
    (void)state;
    static const ReaderCase cases[] = {
        {"streams:\n  - {id: s, kind: source, total: 4611686018427387903}\n", NULL},
        {"streams:\n  - {id: s, kind: source, total: 4611686018427387904}\n",
         "t.yaml:2:34: total: '4611686018427387904' is too large (sizes must be below 2^62)"},
        {"streams:\n  - {id: s, kind: source, total: 4194303TiB}\n", NULL},
        {"streams:\n  - {id: s, kind: source, total: 4194304TiB}\n",
         "t.yaml:2:34: total: '4194304TiB' is too large (sizes must be below 2^62)"},
        /* past 2^64 and far past it: no wrap to a small number */
        {"streams:\n  - {id: s, kind: source, total: 18446744073709551617}\n",
         "t.yaml:2:34: total: '18446744073709551617' is too large (sizes must be below 2^62)"},
        {"streams:\n  - {id: s, kind: source, total: 99999999999999999999999999}\n",
         "t.yaml:2:34: total: '99999999999999999999999999' is too large (sizes must be below 2^62)"},
        {"streams:\n  - {id: s, kind: source, chunk: 4611686018427387904}\n",
         "t.yaml:2:34: chunk: '4611686018427387904' is too large (sizes must be below 2^62)"},
        {"streams:\n  - {id: s, kind: source, highWaterMark: 4611686018427387904}\n",
         "t.yaml:2:42: highWaterMark: '4611686018427387904' is too large (sizes must be below 2^62)"},
        {"streams:\n  - {id: s, kind: source, objectMode: true, objectSize: 4611686018427387904}\n",
         "t.yaml:2:57: objectSize: '4611686018427387904' is too large (sizes must be below 2^62)"},
        {"memoryLimit: 4611686018427387903\nstreams:\n  - {id: s, kind: source}\n", NULL},
        {"memoryLimit: 4611686018427387904\nstreams:\n  - {id: s, kind: source}\n",
         "t.yaml:1:14: memoryLimit: '4611686018427387904' is too large (sizes must be below 2^62)"},
        /* chunks and writes are Buffers: at most 4 GiB */
        {"streams:\n  - {id: s, kind: source, chunk: 4GiB}\n", NULL},
        {"streams:\n  - {id: s, kind: source, chunk: 4294967297}\n",
         "t.yaml:2:34: chunk: Node's Buffers hold at most 4 GiB (buffer.constants.MAX_LENGTH)"},
        {"ticks: 5\nstreams:\n  - {id: s, kind: sink}\ntimeline:\n"
         "  - {at: 1, do: write, stream: s, bytes: 4GiB}\n",
         NULL},
        {"ticks: 5\nstreams:\n  - {id: s, kind: sink}\ntimeline:\n"
         "  - {at: 1, do: write, stream: s, bytes: 4294967297}\n",
         "t.yaml:5:42: bytes: Node's Buffers hold at most 4 GiB (buffer.constants.MAX_LENGTH)"},
        {"ticks: 5\nstreams:\n  - {id: s, kind: sink}\ntimeline:\n"
         "  - {at: 1, do: write, stream: s, bytes: 4611686018427387904}\n",
         "t.yaml:5:42: bytes: '4611686018427387904' is too large (sizes must be below 2^62)"},
        {"streams:\n  - {id: s, kind: source, total: -1}\n",
         "t.yaml:2:34: total: '-1' is negative"},
    };
    check_reader_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_reader_rates_at_the_limit(void **state)
{
    (void)state;
    static const ReaderCase cases[] = {
        /* a sink: a source this fast would ask for more pushes per tick than the model does */
        {"streams:\n  - {id: s, kind: sink, rate: 1125899906842623}\n", NULL},
        {"streams:\n  - {id: s, kind: source, rate: 1125899906842624}\n",
         "t.yaml:2:33: rate: '1125899906842624' is too large (rates must be below 2^50 per tick)"},
        {"streams:\n  - {id: s, kind: source, rate: 1024TiB}\n",
         "t.yaml:2:33: rate: '1024TiB' is too large (rates must be below 2^50 per tick)"},
        /* per second, times the longest tick (1000 s): 1000 TiB fits, 2000 does not */
        {"tick: 1000s\nstreams:\n  - {id: s, kind: sink, rate: 1TiB/s}\n", NULL},
        {"tick: 1000s\nstreams:\n  - {id: s, kind: source, rate: 2TiB/s}\n",
         "t.yaml:3:33: rate: '2TiB/s' is too large (rates must be below 2^50 per tick)"},
        /* the product of a huge rate and a long tick must not wrap into range */
        {"tick: 1000s\nstreams:\n  - {id: s, kind: source, rate: 4194303TiB/s}\n",
         "t.yaml:3:33: rate: '4194303TiB/s' is too large (rates must be below 2^50 per tick)"},
        {"tick: 1us\nstreams:\n  - {id: s, kind: source, rate: 1B/s}\n",
         "t.yaml:3:33: rate: '1B/s' is less than 1 byte per tick (tick: 1us)"},
        {"ticks: 5\nstreams:\n  - {id: s, kind: sink}\ntimeline:\n"
         "  - {at: 1, do: rate, stream: s, rate: 1125899906842624}\n",
         "t.yaml:5:40: rate: '1125899906842624' is too large (rates must be below 2^50 per tick)"},
    };
    check_reader_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_reader_counts_at_the_limit(void **state)
{
    (void)state;
    static const ReaderCase cases[] = {
        {"ticks: 1000000000\nstreams:\n  - {id: s, kind: source}\n", NULL},
        {"ticks: 1000000001\nstreams:\n  - {id: s, kind: source}\n",
         "t.yaml:1:8: ticks: '1000000001' is out of range (1..1000000000)"},
        {"ticks: 9223372036854775808\nstreams:\n  - {id: s, kind: source}\n",
         "t.yaml:1:8: ticks: '9223372036854775808' is out of range (1..1000000000)"},
        {"tick: 1000s\nstreams:\n  - {id: s, kind: source}\n", NULL},
        {"tick: 1000001s\nstreams:\n  - {id: s, kind: source}\n",
         "t.yaml:1:7: tick: '1000001s' is out of range (1us..1000s)"},
        {"seed: 18446744073709551615\nstreams:\n  - {id: s, kind: source}\n", NULL},
        {"seed: 18446744073709551616\nstreams:\n  - {id: s, kind: source}\n",
         "t.yaml:1:7: seed: '18446744073709551616' is out of range (0..18446744073709551615)"},
        {"streams:\n  - {id: s, kind: transform, ratio: 1000000/1}\n", NULL},
        {"streams:\n  - {id: s, kind: transform, ratio: 1000001/1}\n",
         "t.yaml:2:37: ratio: '1000001/1' is out of range (N and M are 1..1000000)"},
        {"streams:\n  - {id: s, kind: transform, batch: 1000001}\n",
         "t.yaml:2:37: batch: '1000001' is out of range (1..1000000)"},
    };
    check_reader_cases(cases, sizeof cases / sizeof cases[0]);
}

/* ---- trace formatting of extreme integers ------------------------------ */

static void test_trace_formats_extreme_integers(void **state)
{
    (void)state;
    Scenario sc;
    char err[256];
    const char *y = "streams:\n  - {id: s, kind: source}\n";
    assert_int_equal(scenario_load_string(y, strlen(y), "t.yaml", &sc, err, sizeof err), 0);
    Sim *sim = sim_create(&sc);
    assert_non_null(sim);
    char line[TRACE_LINE_MAX];
    Event ev = {0};
    ev.other = -1;
    ev.kind = EV_OOM;
    ev.subject = -1;
    ev.tick = INT64_C(1000000000000);
    ev.bytes = INT64_MAX;
    trace_format(sim, &ev, line);
    assert_string_equal(line, "1000000000000 - oom bytes=9223372036854775807");
    ev.bytes = INT64_MIN; /* never produced, but must not crash or misprint */
    trace_format(sim, &ev, line);
    assert_string_equal(line, "1000000000000 - oom bytes=-9223372036854775808");
    ev.kind = EV_READ;
    ev.subject = 0;
    ev.tick = 0;
    ev.bytes = SIZE_MAX_OK;
    trace_format(sim, &ev, line);
    assert_string_equal(line, "0 s read size=4611686018427387903");
    static const int64_t edges[] = {0, 9, 10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000,
                                    INT64_C(999999999999999999), INT64_C(1000000000000000000)};
    for (size_t k = 0; k < sizeof edges / sizeof edges[0]; k++) {
        char want[64];
        snprintf(want, sizeof want, "0 s read size=%lld", (long long)edges[k]);
        ev.bytes = edges[k];
        trace_format(sim, &ev, line);
        assert_string_equal(line, want);
    }
    sim_destroy(sim);
    scenario_free(&sc);
}

/* ---- running near the limits -------------------------------------------- */

typedef struct {
    const Sim *sim;
    int negative_bytes;       /* events with bytes < 0 */
    char first_negative[TRACE_LINE_MAX];
    int64_t push_last;        /* bytes of the last push */
    int ends, finishes, ooms, uncaught;
    int64_t oom_bytes;
    char uncaught_code[64];
    int64_t mem_max;          /* largest mem total seen in the sample */
    int mem_negative;
} Watch;

static void watch_event(void *user, const Event *ev)
{
    Watch *w = user;
    if (ev->bytes < 0) {
        if (!w->negative_bytes)
            trace_format(w->sim, ev, w->first_negative);
        w->negative_bytes++;
    }
    switch (ev->kind) {
    case EV_PUSH:
        if (!ev->eof)
            w->push_last = ev->bytes;
        break;
    case EV_END:
        w->ends++;
        break;
    case EV_FINISH:
        w->finishes++;
        break;
    case EV_OOM:
        w->ooms++;
        w->oom_bytes = ev->bytes;
        break;
    case EV_UNCAUGHT:
        w->uncaught++;
        snprintf(w->uncaught_code, sizeof w->uncaught_code, "%s", sim_code_name(w->sim, ev->code));
        break;
    case EV_MEM: {
        MemView m = sim_memory(w->sim);
        if (m.total < 0 || m.external < 0 || m.heap < 0)
            w->mem_negative++;
        if (m.total > w->mem_max)
            w->mem_max = m.total;
        break;
    }
    default:
        break;
    }
}

typedef struct {
    Watch w;
    SimStatus status;
    int64_t last_tick;
    int64_t produced[SC_MAX_STREAMS], bytes_done[SC_MAX_STREAMS], consumed[SC_MAX_STREAMS];
    int shrinking;            /* a counter that went down from one tick to the next */
    int negative_view;        /* a negative length or counter in a StreamView */
} Run;

/* Loads `yaml`, runs it to its end and checks, after every tick, that no
 * view figure is negative and no counter shrinks. */
static Run run_yaml(const char *yaml)
{
    Scenario sc;
    char err[512] = "";
    if (scenario_load_string(yaml, strlen(yaml), "t.yaml", &sc, err, sizeof err) != 0)
        fail_msg("scenario does not load: %s", err);
    Sim *sim = sim_create(&sc);
    assert_non_null(sim);
    Run *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->w.sim = sim;
    sim_set_sink(sim, watch_event, &r->w);
    while (!sim_finished(sim)) {
        sim_step(sim);
        for (int i = 0; i < sim_stream_count(sim); i++) {
            StreamView v = sim_stream(sim, i);
            if (v.rlen < 0 || v.wlen < 0 || v.produced < 0 || v.consumed < 0 || v.bytes_done < 0 ||
                v.mem_bytes < 0 || v.peak_bytes < 0)
                r->negative_view++;
            if (v.produced < r->produced[i] || v.bytes_done < r->bytes_done[i] ||
                v.consumed < r->consumed[i])
                r->shrinking++;
            r->produced[i] = v.produced;
            r->bytes_done[i] = v.bytes_done;
            r->consumed[i] = v.consumed;
        }
    }
    Run out = *r;
    out.status = sim_status(sim);
    out.last_tick = sim_tick(sim);
    free(r);
    sim_destroy(sim);
    scenario_free(&sc);
    return out;
}

static void assert_no_wrap(const Run *r)
{
    if (r->w.negative_bytes)
        fail_msg("%d event(s) with negative bytes, first: %s", r->w.negative_bytes, r->w.first_negative);
    assert_int_equal(r->w.mem_negative, 0);
    assert_int_equal(r->negative_view, 0);
    assert_int_equal(r->shrinking, 0);
}

static void assert_model_limit(const Run *r)
{
    assert_int_equal(r->status, SIM_UNCAUGHT);
    assert_int_equal(r->w.uncaught, 1);
    assert_string_equal(r->w.uncaught_code, "HW_MODEL_LIMIT");
    assert_true(r->w.mem_max < SC_SIZE_LIMIT);
}

/* 16 GiB in 1 GiB chunks, plus one byte so the last chunk is short. */
static void test_16gib_source_runs_to_its_end(void **state)
{
    (void)state;
    Run r = run_yaml("ticks: 40\n"
                     "streams:\n"
                     "  - {id: file, kind: source, highWaterMark: 1GiB, chunk: 1GiB, total: 17179869185, rate: 1GiB}\n"
                     "  - {id: sock, kind: sink, highWaterMark: 1GiB, rate: 1GiB}\n"
                     "wiring:\n"
                     "  - pipe: [file, sock]\n");
    assert_no_wrap(&r);
    assert_int_equal(r.status, SIM_DONE);
    assert_int_equal(r.produced[0], 16 * GIB + 1);
    assert_int_equal(r.bytes_done[1], 16 * GIB + 1);
    assert_int_equal(r.consumed[1], 17);
    assert_int_equal(r.w.push_last, 1);
    assert_int_equal(r.w.ends, 1);
    assert_int_equal(r.w.finishes, 1);
    assert_true(r.w.mem_max >= GIB && r.w.mem_max <= 3 * GIB);
}

/* The amplifier the limits below are reached with: 4 GiB chunks (the
 * largest Buffer) through ratio 10^6 come out as 2^32 * 10^6 = 4.3e15-byte
 * chunks, about 2^52, one a tick. */
#define AMP_STREAMS                                                                       \
    "  - {id: src, kind: source, chunk: 4GiB, rate: 4GiB}\n"                               \
    "  - {id: amp, kind: transform, ratio: 1000000, rate: 4GiB}\n"
#define AMP_OUT (INT64_C(4294967296) * 1000000)

/* A total just below 2^62 counts down exactly (the run ends long before). */
static void test_total_near_2_62(void **state)
{
    (void)state;
    Run r = run_yaml("ticks: 100\n"
                     "streams:\n"
                     "  - {id: src, kind: source, highWaterMark: 4GiB, chunk: 4GiB, total: 4611686018427387903,"
                     " rate: 4GiB}\n"
                     "  - {id: dst, kind: sink, highWaterMark: 4GiB, rate: 4GiB}\n"
                     "wiring:\n"
                     "  - pipe: [src, dst]\n");
    assert_no_wrap(&r);
    assert_int_equal(r.status, SIM_DONE);
    assert_int_equal(r.produced[0] % (4 * GIB), 0);
    assert_true(r.produced[0] >= 98 * 4 * GIB && r.produced[0] <= 100 * 4 * GIB);
    assert_int_equal(r.w.ends, 0);
}

/* The amplifier into a stalled sink without backpressure grows by 2^52 a
 * tick; a memoryLimit just under 2^62 must end the run with `oom`. */
static void test_memory_limit_near_2_62(void **state)
{
    (void)state;
    Run r = run_yaml("ticks: 2000\n"
                     "memoryLimit: 4602678819172646912\n" /* 2^62 - 2^53 */
                     "streams:\n" AMP_STREAMS
                     "  - {id: dst, kind: sink, rate: 0}\n"
                     "wiring:\n"
                     "  - pipe: [src, amp]\n"
                     "  - naive: [amp, dst]\n");
    assert_no_wrap(&r);
    assert_int_equal(r.status, SIM_OOM);
    assert_int_equal(r.w.ooms, 1);
    assert_true(r.w.oom_bytes > INT64_C(4602678819172646912));
    assert_true(r.w.oom_bytes <= INT64_C(4602678819172646912) + 3 * AMP_OUT);
}

#ifdef SIM_CHECKED_LIMITS
#define NEEDS_CHECKED_LIMITS() ((void)0)
#else
#define NEEDS_CHECKED_LIMITS()                                                                      \
    do {                                                                                           \
        print_message("# this model has no SIM_CHECKED_LIMITS: it overflows here (issue 6)\n");    \
        skip();                                                                                    \
    } while (0)
#endif

/* 2^50 bytes a tick for 9000 ticks: the byte counters pass 2^63. */
static void test_counters_pass_2_63(void **state)
{
    (void)state;
    NEEDS_CHECKED_LIMITS();
    Run r = run_yaml("ticks: 9000\n"
                     "streams:\n" AMP_STREAMS
                     "  - {id: dst, kind: sink, rate: 1125899906842623}\n"
                     "wiring:\n"
                     "  - pipe: [src, amp, dst]\n");
    assert_no_wrap(&r);
    assert_int_equal(r.status, SIM_DONE);
    assert_int_equal(r.last_tick, 9000);
    /* saturated, not wrapped: past 2^63 - 1 they stay there */
    assert_true(r.bytes_done[2] >= INT64_C(8000) * RATE_MAX_OK);
    assert_true(r.produced[1] >= INT64_C(8000) * RATE_MAX_OK);
}

/* Without backpressure and without a memoryLimit the buffer grows until it
 * would pass 2^62: the run ends there, with the model's limit. */
static void test_unbounded_buffer_stops_before_2_62(void **state)
{
    (void)state;
    NEEDS_CHECKED_LIMITS();
    Run r = run_yaml("ticks: 2000\n"
                     "streams:\n" AMP_STREAMS
                     "  - {id: dst, kind: sink, rate: 0}\n"
                     "wiring:\n"
                     "  - pipe: [src, amp]\n"
                     "  - naive: [amp, dst]\n");
    assert_no_wrap(&r);
    assert_model_limit(&r);
    /* 2^62 / 4.3e15 = 1073.7 chunks */
    assert_true(r.last_tick > 1000 && r.last_tick < 1100);
}

/* An ignoresBackpressure source keeps receiving its rate after it ended. */
static void test_ended_flooding_source_idles(void **state)
{
    (void)state;
    NEEDS_CHECKED_LIMITS();
    Run r = run_yaml("ticks: 10000\n"
                     "streams:\n"
                     "  - {id: src, kind: source, chunk: 1KiB, total: 1KiB, rate: 1125899906842623,"
                     " ignoresBackpressure: true}\n"
                     "  - {id: dst, kind: sink}\n"
                     "wiring:\n"
                     "  - pipe: [src, dst]\n");
    assert_no_wrap(&r);
    assert_int_equal(r.status, SIM_DONE);
    assert_int_equal(r.bytes_done[1], 1024);
    assert_int_equal(r.w.finishes, 1);
}

/* Three buffered objects of 2^62 - 1 bytes each: the heap passes 2^62. */
static void test_object_heap_past_2_62(void **state)
{
    (void)state;
    NEEDS_CHECKED_LIMITS();
    Run r = run_yaml("ticks: 5\n"
                     "streams:\n"
                     "  - {id: src, kind: source, objectMode: true, objectSize: 4611686018427387903, rate: 4}\n"
                     /* heap counts each side's objects at that stream's objectSize */
                     "  - {id: dst, kind: sink, objectMode: true, objectSize: 4611686018427387903, rate: 0}\n"
                     "wiring:\n"
                     "  - pipe: [src, dst]\n");
    assert_no_wrap(&r);
    assert_model_limit(&r);
    assert_int_equal(r.last_tick, 1);
}

/* Two amplifiers in a row: 4 GiB * 10^6 * 10^6 = 4.3e21 bytes, past 2^63. */
static void test_transform_output_past_2_62(void **state)
{
    (void)state;
    NEEDS_CHECKED_LIMITS();
    Run r = run_yaml("ticks: 50\n"
                     "streams:\n" AMP_STREAMS
                     "  - {id: amp2, kind: transform, ratio: 1000000, rate: 1125899906842623}\n"
                     "  - {id: dst, kind: sink, rate: 0}\n"
                     "wiring:\n"
                     "  - pipe: [src, amp, amp2, dst]\n");
    assert_no_wrap(&r);
    assert_model_limit(&r);
    assert_true(r.last_tick < 20);
}

/* A batch of 2000 amplified inputs: its total passes 2^62 at input 1074. */
static void test_transform_batch_past_2_62(void **state)
{
    (void)state;
    NEEDS_CHECKED_LIMITS();
    Run r = run_yaml("ticks: 6000\n"
                     "streams:\n" AMP_STREAMS
                     "  - {id: batcher, kind: transform, batch: 2000, rate: 1125899906842623}\n"
                     "  - {id: dst, kind: sink}\n"
                     "wiring:\n"
                     "  - pipe: [src, amp, batcher, dst]\n");
    assert_no_wrap(&r);
    assert_model_limit(&r);
    assert_true(r.last_tick > 4000 && r.last_tick < 4500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_sizes_at_the_limit),
        cmocka_unit_test(test_reader_rates_at_the_limit),
        cmocka_unit_test(test_reader_counts_at_the_limit),
        cmocka_unit_test(test_trace_formats_extreme_integers),
        cmocka_unit_test(test_16gib_source_runs_to_its_end),
        cmocka_unit_test(test_total_near_2_62),
        cmocka_unit_test(test_memory_limit_near_2_62),
        cmocka_unit_test(test_counters_pass_2_63),
        cmocka_unit_test(test_unbounded_buffer_stops_before_2_62),
        cmocka_unit_test(test_ended_flooding_source_idles),
        cmocka_unit_test(test_object_heap_past_2_62),
        cmocka_unit_test(test_transform_output_past_2_62),
        cmocka_unit_test(test_transform_batch_past_2_62),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
