/* test_model.c - the model's rules, one scenario built in C per rule.
 * Each test runs a tiny scenario and looks for trace lines (as the trace
 * writer formats them), so a failure message shows the line it expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/sim.h"
#include "trace/trace.h"

typedef struct {
    char *text;
    size_t len, cap;
    const Sim *sim;
} Trace;

static void on_event(void *user, const Event *ev)
{
    Trace *t = user;
    char line[TRACE_LINE_MAX + 1];
    size_t n = trace_format(t->sim, ev, line);
    line[n++] = '\n';
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->cap + n + 1) * 2;
        t->text = realloc(t->text, t->cap);
        assert_non_null(t->text);
    }
    memcpy(t->text + t->len, line, n);
    t->len += n;
    t->text[t->len] = 0;
}

static Scenario base(int64_t ticks)
{
    Scenario sc;
    scenario_init(&sc);
    strcpy(sc.name, "unit");
    sc.ticks = ticks;
    return sc;
}

static int add_stream(Scenario *sc, const char *id, StreamKind k)
{
    StreamDef d = streamdef_default(k, 20);
    snprintf(d.id, sizeof d.id, "%s", id);
    sc->streams[sc->nstreams] = d;
    return sc->nstreams++;
}

static void add_wire(Scenario *sc, WireKind k, int a, int b)
{
    WireDef w = {0};
    w.kind = k;
    w.n = 2;
    w.s[0] = (int16_t)a;
    w.s[1] = (int16_t)b;
    w.end = true;
    sc->wires[sc->nwires++] = w;
}

static void add_action(Scenario *sc, int64_t at, ActionKind k, int stream, int64_t value)
{
    ActionDef a = {0};
    a.at = at;
    a.kind = k;
    a.stream = (int16_t)stream;
    a.target = -1;
    a.value = value;
    assert_int_equal(scenario_add_action(sc, &a), 0);
}

static Trace run(const Scenario *sc)
{
    Trace t = {0};
    Sim *s = sim_create(sc);
    assert_non_null(s);
    t.sim = s;
    sim_set_sink(s, on_event, &t);
    while (!sim_finished(s))
        sim_step(s);
    sim_destroy(s);
    t.sim = NULL;
    if (!t.text)
        t.text = calloc(1, 1);
    return t;
}

static void expect_line(const Trace *t, const char *line)
{
    char want[512];
    snprintf(want, sizeof want, "%s\n", line);
    if (!strstr(t->text, want)) {
        fprintf(stderr, "expected the line  %s\nin the trace:\n%s\n", line, t->text);
        fail();
    }
}

static void expect_no_line(const Trace *t, const char *line)
{
    char want[512];
    snprintf(want, sizeof want, "%s\n", line);
    if (strstr(t->text, want)) {
        fprintf(stderr, "did not expect the line  %s\nin the trace:\n%s\n", line, t->text);
        fail();
    }
}

/* `first` occurs before `second` */
static void expect_order(const Trace *t, const char *first, const char *second)
{
    char a[512], b[512];
    snprintf(a, sizeof a, "%s\n", first);
    snprintf(b, sizeof b, "%s\n", second);
    const char *pa = strstr(t->text, a), *pb = strstr(t->text, b);
    if (!pa || !pb || pa > pb) {
        fprintf(stderr, "expected  %s  before  %s  in:\n%s\n", first, second, t->text);
        fail();
    }
}

/* W2: write() returns false once length reaches hwm, counting the in-flight chunk. */
static void test_write_false_at_hwm(void **state)
{
    (void)state;
    Scenario sc = base(2);
    int k = add_stream(&sc, "sink", SK_SINK);
    sc.streams[k].whwm = 4;
    sc.streams[k].rate = 0;
    add_action(&sc, 1, ACT_WRITE, k, 3);
    add_action(&sc, 1, ACT_WRITE, k, 1);
    add_action(&sc, 1, ACT_WRITE, k, 1);
    Trace t = run(&sc);
    expect_order(&t, "1 sink write bytes=3", "1 sink wrote ret=true");
    expect_order(&t, "1 sink write bytes=1", "1 sink wrote ret=false");
    expect_line(&t, "1 sink state wlen=5 needdrain=true wended=false wfinished=false destroyed=false");
    free(t.text);
    scenario_free(&sc);
}

/* W2: one chunk larger than hwm is accepted whole; only the return value says so. */
static void test_oversized_write_accepted(void **state)
{
    (void)state;
    Scenario sc = base(1);
    int k = add_stream(&sc, "sink", SK_SINK);
    sc.streams[k].whwm = 4;
    sc.streams[k].rate = 0;
    add_action(&sc, 1, ACT_WRITE, k, 10);
    Trace t = run(&sc);
    expect_line(&t, "1 sink begin bytes=10");
    expect_line(&t, "1 sink wrote ret=false");
    expect_line(&t, "1 - mem external=10 heap=0 total=10");
    free(t.text);
    scenario_free(&sc);
}

/* W5: 'drain' only when the length reaches 0, not when it drops below hwm. */
static void test_drain_at_zero_only(void **state)
{
    (void)state;
    Scenario sc = base(12);
    int k = add_stream(&sc, "sink", SK_SINK);
    sc.streams[k].whwm = 10;
    sc.streams[k].rate = 4;
    add_action(&sc, 1, ACT_WRITE, k, 4);
    add_action(&sc, 1, ACT_WRITE, k, 4);
    add_action(&sc, 1, ACT_WRITE, k, 4);
    Trace t = run(&sc);
    expect_line(&t, "1 sink wrote ret=false");
    /* at tick 2 the length (4) is below hwm (10): still no drain */
    expect_line(&t, "2 sink state wlen=4 needdrain=true wended=false wfinished=false destroyed=false");
    expect_no_line(&t, "1 sink drain");
    expect_no_line(&t, "2 sink drain");
    expect_line(&t, "3 sink drain");
    free(t.text);
    scenario_free(&sc);
}

/* W3: a sync sink whose work covers the chunk hides backpressure. */
static void test_sync_sink_hides_backpressure(void **state)
{
    (void)state;
    Scenario sc = base(1);
    int k = add_stream(&sc, "sock", SK_SINK);
    sc.streams[k].whwm = 4;
    sc.streams[k].rate = 100;
    sc.streams[k].sync = true;
    add_action(&sc, 1, ACT_WRITE, k, 10);
    Trace t = run(&sc);
    expect_order(&t, "1 sock begin bytes=10", "1 sock done bytes=10");
    expect_line(&t, "1 sock wrote ret=true");
    free(t.text);
    scenario_free(&sc);
}

/* R2/P2: a fast source piped to a slow sink pauses when write() returns false
 * and resumes only after 'drain'. */
static void test_pipe_pause_resume(void **state)
{
    (void)state;
    Scenario sc = base(20);
    int a = add_stream(&sc, "src", SK_SOURCE);
    int b = add_stream(&sc, "dst", SK_SINK);
    sc.streams[a].rhwm = 4;
    sc.streams[a].chunk = 2;
    sc.streams[a].rate = 2;
    sc.streams[a].total = 12;
    sc.streams[b].whwm = 4;
    sc.streams[b].rate = 1;
    add_wire(&sc, WIRE_PIPE, a, b);
    Trace t = run(&sc);
    expect_line(&t, "0 dst pipe src=src");
    expect_order(&t, "0 src read size=4", "0 src resume");
    expect_line(&t, "1 src push bytes=2");
    expect_order(&t, "2 dst wrote ret=false", "2 src pause");
    expect_order(&t, "2 src pause", "5 dst drain");
    expect_order(&t, "5 dst drain", "5 src resume");
    expect_line(&t, "0 - mem external=0 heap=0 total=0");
    free(t.text);
    scenario_free(&sc);
}

/* R8: 'end' comes after the buffered data is consumed; the pipe then ends the sink. */
static void test_end_and_finish(void **state)
{
    (void)state;
    Scenario sc = base(20);
    int a = add_stream(&sc, "src", SK_SOURCE);
    int b = add_stream(&sc, "dst", SK_SINK);
    sc.streams[a].chunk = 4;
    sc.streams[a].rate = 4;
    sc.streams[a].total = 8;
    sc.streams[b].rate = 100;
    add_wire(&sc, WIRE_PIPE, a, b);
    Trace t = run(&sc);
    expect_order(&t, "2 src push eof=true", "2 src end");
    expect_line(&t, "2 dst state wlen=4 needdrain=false wended=true wfinished=false destroyed=false");
    expect_order(&t, "2 src end", "3 dst prefinish");
    expect_order(&t, "3 dst prefinish", "3 dst finish");
    expect_order(&t, "3 dst finish", "3 dst close");
    free(t.text);
    scenario_free(&sc);
}

/* R11 / memory: objectMode lengths count objects; memory counts their size on the heap. */
static void test_object_mode_heap(void **state)
{
    (void)state;
    Scenario sc = base(1);
    int k = add_stream(&sc, "rows", SK_SINK);
    sc.streams[k].wobj = true;
    sc.streams[k].whwm = 16;
    sc.streams[k].object_size = 100;
    sc.streams[k].rate = 0;
    add_action(&sc, 1, ACT_WRITE, k, 100);
    add_action(&sc, 1, ACT_WRITE, k, 100);
    Trace t = run(&sc);
    expect_line(&t, "1 rows state wlen=2 needdrain=false wended=false wfinished=false destroyed=false");
    expect_line(&t, "1 - mem external=0 heap=200 total=200");
    free(t.text);
    scenario_free(&sc);
}

/* Memory limit: an unbounded buffer ends the run with oom. */
static void test_oom(void **state)
{
    (void)state;
    Scenario sc = base(100);
    int a = add_stream(&sc, "src", SK_SOURCE);
    int b = add_stream(&sc, "dst", SK_SINK);
    sc.memory_limit = 100;
    sc.streams[a].chunk = 10;
    sc.streams[a].rate = 10;
    sc.streams[b].rate = 1;
    add_wire(&sc, WIRE_NAIVE, a, b);
    Trace t = run(&sc);
    /* 100 bytes is not over the limit; the next tick's push is */
    expect_line(&t, "10 - mem external=100 heap=0 total=100");
    expect_line(&t, "12 - oom bytes=110");
    free(t.text);
    scenario_free(&sc);
}

/* W10: write after end is refused and destroys the stream with the error. */
static void test_write_after_end(void **state)
{
    (void)state;
    Scenario sc = base(3);
    int k = add_stream(&sc, "sink", SK_SINK);
    sc.streams[k].rate = 0;
    add_action(&sc, 1, ACT_WRITE, k, 1);
    add_action(&sc, 1, ACT_END, k, 0);
    add_action(&sc, 2, ACT_WRITE, k, 1);
    Trace t = run(&sc);
    expect_line(&t, "2 sink wrote ret=false");
    expect_order(&t, "2 sink error code=ERR_STREAM_WRITE_AFTER_END", "2 sink close");
    expect_no_line(&t, "2 sink finish");
    free(t.text);
    scenario_free(&sc);
}

/* handleErrors: false -> an emitted 'error' with no listener kills the process. */
static void test_uncaught(void **state)
{
    (void)state;
    Scenario sc = base(5);
    int k = add_stream(&sc, "sink", SK_SINK);
    sc.streams[k].handle_errors = false;
    ActionDef a = {0};
    a.at = 2;
    a.kind = ACT_DESTROY;
    a.stream = (int16_t)k;
    a.target = -1;
    strcpy(a.code, "EIO");
    assert_int_equal(scenario_add_action(&sc, &a), 0);
    Trace t = run(&sc);
    expect_order(&t, "2 sink error code=EIO", "2 - uncaught code=EIO");
    expect_no_line(&t, "2 sink close");
    free(t.text);
    scenario_free(&sc);
}

/* Snapshots: load a saved state and the rest of the run is the same. */
static void test_snapshot_replay(void **state)
{
    (void)state;
    Scenario sc = base(40);
    int a = add_stream(&sc, "src", SK_SOURCE);
    int b = add_stream(&sc, "dst", SK_SINK);
    sc.streams[a].rhwm = 8;
    sc.streams[a].chunk = 3;
    sc.streams[a].rate = 5;
    sc.streams[a].total = 60;
    sc.streams[b].whwm = 8;
    sc.streams[b].rate = 2;
    add_wire(&sc, WIRE_PIPE, a, b);
    Sim *s = sim_create(&sc);
    for (int k = 0; k <= 10; k++)
        sim_step(s);
    void *snap = malloc(sim_state_size(s));
    sim_save(s, snap);
    Trace t1 = {0}, t2 = {0};
    t1.sim = s;
    sim_set_sink(s, on_event, &t1);
    while (!sim_finished(s))
        sim_step(s);
    sim_load(s, snap);
    t2.sim = s;
    sim_set_sink(s, on_event, &t2);
    while (!sim_finished(s))
        sim_step(s);
    assert_non_null(t1.text);
    assert_string_equal(t1.text, t2.text);
    free(t1.text);
    free(t2.text);
    free(snap);
    sim_destroy(s);
    scenario_free(&sc);
}

/* W2 with hwm 0: every non-empty write returns false, even into an idle stream. */
static void test_hwm0_write_false(void **state)
{
    (void)state;
    Scenario sc = base(2);
    int k = add_stream(&sc, "sink", SK_SINK);
    sc.streams[k].whwm = 0;
    sc.streams[k].rate = 100;
    add_action(&sc, 1, ACT_WRITE, k, 1);
    Trace t = run(&sc);
    expect_order(&t, "1 sink begin bytes=1", "1 sink wrote ret=false");
    expect_order(&t, "1 sink done bytes=1", "1 sink drain");
    free(t.text);
    scenario_free(&sc);
}

/* R2: push() returns false once the readable length reaches hwm; a paused
 * source with nobody reading stops being asked (no further _read). */
static void test_push_false_at_hwm(void **state)
{
    (void)state;
    Scenario sc = base(6);
    int a = add_stream(&sc, "src", SK_SOURCE);
    int b = add_stream(&sc, "dst", SK_SINK);
    sc.streams[a].rhwm = 4;
    sc.streams[a].chunk = 2;
    sc.streams[a].rate = 2;
    sc.streams[b].rate = 0;
    sc.streams[b].whwm = 2;
    add_wire(&sc, WIRE_PIPE, a, b);
    Trace t = run(&sc);
    /* the sink takes the first chunk and says false; the source buffers 2, then 4 */
    expect_order(&t, "1 dst wrote ret=false", "1 src pause");
    expect_line(&t, "3 src state rlen=4 rflow=false rended=false destroyed=false");
    expect_order(&t, "3 src push bytes=2", "3 src pushed ret=false");
    expect_no_line(&t, "4 src push bytes=2");
    free(t.text);
    scenario_free(&sc);
}

/* X2: a transform holds its callback while its readable side is full, so
 * its writable side fills too and write() into it returns false. */
static void test_transform_holds_callback(void **state)
{
    (void)state;
    Scenario sc = base(12);
    int a = add_stream(&sc, "src", SK_SOURCE);
    int m = add_stream(&sc, "mid", SK_TRANSFORM);
    int b = add_stream(&sc, "dst", SK_SINK);
    sc.streams[a].rhwm = 2;
    sc.streams[a].chunk = 2;
    sc.streams[a].rate = 2;
    sc.streams[m].rhwm = 2;
    sc.streams[m].whwm = 2;
    sc.streams[m].rate = 2;
    sc.streams[b].whwm = 2;
    sc.streams[b].rate = 0;
    add_wire(&sc, WIRE_PIPE, a, m);
    add_wire(&sc, WIRE_PIPE, m, b);
    Trace t = run(&sc);
    expect_line(&t, "2 mid wrote ret=false");
    /* a 'done' without the next 'begin': the callback is held */
    expect_line(&t, "3 mid done bytes=2");
    expect_no_line(&t, "3 mid begin bytes=2");
    free(t.text);
    scenario_free(&sc);
}


/* Objects whose sizes add past 2^63 (objectSize 2^62-1, three queued):
 * ChunkQ.bytes saturates, and taking one out must not count down from
 * the saturated total (the -DSIM_TESTING build's sim_check after every
 * event aborted at tick 2: tests/fuzz/open/objsize-saturated-bytes.yaml of
 * make fuzz). */
static void test_saturated_object_sizes(void **state)
{
    (void)state;
    Scenario sc = base(5);
    int a = add_stream(&sc, "src", SK_SOURCE);
    int b = add_stream(&sc, "dst", SK_SINK);
    sc.streams[a].robj = true;
    sc.streams[a].rhwm = 16;
    sc.streams[a].chunk = 1;
    sc.streams[a].object_size = (INT64_C(1) << 62) - 1;
    sc.streams[a].rate = 4;
    sc.streams[b].wobj = true;
    sc.streams[b].whwm = 16;
    sc.streams[b].rate = 5;
    add_wire(&sc, WIRE_PIPE, a, b);
    Sim *s = sim_create(&sc);
    assert_non_null(s);
    while (!sim_finished(s)) {
        sim_step(s);
        const char *why = sim_check(s);
        if (why)
            fail_msg("tick %lld: %s", (long long)sim_tick(s), why);
    }
    sim_destroy(s);
    scenario_free(&sc);
}

/* A flood of 1-byte chunks piles up behind a sink at rate 0; at tick 20
 * the sink's rate jumps and it would complete about 2^22 writes in one tick:
 * the run ends there with the model's tick-limit line and nothing after it. */
static Scenario flood_then_release(void)
{
    Scenario sc = base(30);
    int src = add_stream(&sc, "src", SK_SOURCE);
    int dst = add_stream(&sc, "dst", SK_SINK);
    sc.streams[src].chunk = 1;
    sc.streams[src].rate = 256 * 1024;
    sc.streams[src].ignores_backpressure = true;
    sc.streams[dst].rate = 0;
    add_wire(&sc, WIRE_PIPE, src, dst);
    add_action(&sc, 20, ACT_RATE, dst, INT64_C(1) << 40);
    return sc;
}

static void test_tick_limit(void **state)
{
    (void)state;
    Scenario sc = flood_then_release();
    assert_int_equal(scenario_validate(&sc, NULL, 0, NULL), 0);
    Trace t = run(&sc);
    expect_line(&t, "20 - uncaught code=HW_TICK_LIMIT");
    const char *end = strstr(t.text, "20 - uncaught code=HW_TICK_LIMIT\n");
    assert_non_null(end);
    assert_string_equal(end, "20 - uncaught code=HW_TICK_LIMIT\n"); /* the last line */
    expect_no_line(&t, "21 src push bytes=1");
    free(t.text);
    scenario_free(&sc);
}

typedef struct {
    int calls;
    int stop_at;
} Interrupter;

static bool interrupt_after(void *user)
{
    Interrupter *in = user;
    return ++in->calls >= in->stop_at;
}

/* The hook is asked inside a tick: the run stops at once, mid-tick, with
 * no line of its own, and the events logged stop there too. */
static void test_interrupt_inside_tick(void **state)
{
    (void)state;
    Scenario sc = flood_then_release();
    Sim *s = sim_create(&sc);
    assert_non_null(s);
    Trace t = {0};
    t.sim = s;
    sim_set_sink(s, on_event, &t);
    Interrupter in = {0, 3};
    sim_set_interrupt(s, interrupt_after, &in);
    sim_step(s); /* tick 0 has too little work to ask */
    assert_int_equal(in.calls, 0);
    sim_step(s); /* tick 1: 2^18 pushes, several thousand events */
    assert_int_equal(in.calls, 3);
    assert_true(sim_finished(s));
    assert_int_equal(sim_status(s), SIM_INTERRUPTED);
    assert_int_equal(sim_tick(s), 1);
    size_t len = t.len;
    sim_step(s); /* no-op once finished */
    assert_int_equal(t.len, len);
    assert_null(strstr(t.text, "uncaught"));
    assert_null(strstr(t.text, "1 src state")); /* the tick's sample never ran */
    sim_destroy(s);
    free(t.text);
    scenario_free(&sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_false_at_hwm),
        cmocka_unit_test(test_saturated_object_sizes),
        cmocka_unit_test(test_tick_limit),
        cmocka_unit_test(test_interrupt_inside_tick),
        cmocka_unit_test(test_oversized_write_accepted),
        cmocka_unit_test(test_drain_at_zero_only),
        cmocka_unit_test(test_sync_sink_hides_backpressure),
        cmocka_unit_test(test_pipe_pause_resume),
        cmocka_unit_test(test_end_and_finish),
        cmocka_unit_test(test_object_mode_heap),
        cmocka_unit_test(test_oom),
        cmocka_unit_test(test_write_after_end),
        cmocka_unit_test(test_uncaught),
        cmocka_unit_test(test_snapshot_replay),
        cmocka_unit_test(test_hwm0_write_false),
        cmocka_unit_test(test_push_false_at_hwm),
        cmocka_unit_test(test_transform_holds_callback),
    };
    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
