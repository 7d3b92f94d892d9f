/* sim.c - the public model API (sim.h): creation, tick 0 setup, stepping,
 * the end-of-tick sample (state and mem lines, the memory limit), read-only
 * views and flat snapshots. */
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *const builtin_codes[CODE__BUILTIN] = {
    [CODE_NONE] = "",
    [CODE_PREMATURE_CLOSE] = "ERR_STREAM_PREMATURE_CLOSE",
    [CODE_WRITE_AFTER_END] = "ERR_STREAM_WRITE_AFTER_END",
    [CODE_DESTROYED] = "ERR_STREAM_DESTROYED",
    [CODE_PUSH_AFTER_EOF] = "ERR_STREAM_PUSH_AFTER_EOF",
    [CODE_MULTIPLE_CALLBACK] = "ERR_MULTIPLE_CALLBACK",
    [CODE_ALREADY_FINISHED] = "ERR_STREAM_ALREADY_FINISHED",
    [CODE_ABORT] = "ABORT_ERR",
    [CODE_MODEL_LIMIT] = "HW_MODEL_LIMIT",
    [CODE_TICK_LIMIT] = "HW_TICK_LIMIT",
};

int32_t code_intern(Sim *s, const char *name)
{
    for (int32_t k = 1; k < s->ncodes; k++)
        if (!strcmp(s->codes[k], name))
            return k;
    if (s->ncodes == CODE_CAP)
        return CODE_MODEL_LIMIT;
    int32_t k = s->ncodes++;
    strncpy(s->codes[k], name, SC_CODE_MAX - 1);
    s->codes[k][SC_CODE_MAX - 1] = 0;
    return k;
}

const char *sim_code_name(const Sim *s, int32_t code)
{
    if (code <= 0 || code >= s->ncodes)
        return "";
    return s->codes[code];
}

static size_t state_size(int nstreams)
{
    return sizeof(Sim) + sizeof(Stream) * (size_t)nstreams;
}

Sim *sim_create(const Scenario *sc)
{
    if (!sc || sc->nstreams < 1 || sc->nstreams > SC_MAX_STREAMS)
        return NULL;
    Sim *s = calloc(1, state_size(sc->nstreams));
    if (!s)
        return NULL;
    s->sc = sc;
    s->tick = -1;
    s->ticks = sc->ticks;
    s->status = SIM_RUNNING;
    s->nstreams = sc->nstreams;
    s->ncodes = CODE__BUILTIN;
    for (int k = 0; k < CODE__BUILTIN; k++)
        strcpy(s->codes[k], builtin_codes[k]);
    for (int i = 0; i < sc->nstreams; i++) {
        const StreamDef *d = &sc->streams[i];
        Stream *st = &s->st[i];
        if (d->keep > 0)
            s->has_keep = true;
        st->def = d;
        st->has_r = d->kind != SK_SINK;
        st->has_w = d->kind != SK_SOURCE;
        st->rhwm = d->rhwm;
        st->whwm = d->whwm;
        st->robj = d->robj;
        st->wobj = d->wobj;
        st->r_sync = d->kind == SK_SOURCE; /* Transform clears it in its constructor */
        /* WritableState starts with sync set (cleared after the first
         * _write): Node 26's writeKnownBuffer() refuses a stream never written */
        st->w_sync = st->has_w;
        st->adw_single = -1;
        st->pipe_fast = -1;
        st->rate = d->rate;
        st->remaining = d->kind == SK_SOURCE ? d->total : -1;
        cq_clear(&st->rq);
        cq_clear(&st->wq);
    }
    return s;
}

void sim_destroy(Sim *s)
{
    free(s);
}

void sim_set_sink(Sim *s, SimEventFn fn, void *user)
{
    s->sink = fn;
    s->sink_user = user;
}

/* Memory as both programs compute it from public lengths: Buffers are
 * external, objects (objectSize each) and strings (1 byte per code unit) are
 * on the heap, and kept slices pin their whole parent Buffer. */
static int64_t side_bytes(int64_t len, bool objects, int64_t object_size)
{
    /* 128-bit so objects times their size cannot wrap before the check */
    __int128 b = objects ? (__int128)len * object_size : len;
    return b > MODEL_MAX ? MODEL_MAX + 1 : (int64_t)b;
}

static void compute_mem(Sim *s)
{
    __int128 ext = 0, heap = 0, retained = 0;
    for (int i = 0; i < s->nstreams; i++) {
        Stream *st = &s->st[i];
        __int128 mine = st->retained;
        retained += st->retained;
        if (st->has_r) {
            bool on_heap = st->robj || st->def->encoding_utf8;
            int64_t b = side_bytes(st->rlen, st->robj, st->def->object_size);
            if (on_heap)
                heap += b;
            else
                ext += b;
            mine += b;
        }
        if (st->has_w) {
            int64_t b = side_bytes(st->wlen, st->wobj, st->def->object_size);
            if (st->wobj)
                heap += b;
            else
                ext += b;
            mine += b;
        }
        if (mine > MODEL_MAX)
            mine = MODEL_MAX;
        if (mine > st->peak_bytes)
            st->peak_bytes = (int64_t)mine;
    }
    if (ext + heap + retained > MODEL_MAX) {
        sim_fail_limit(s, "memory past 2^62");
        return;
    }
    s->mem_external = (int64_t)ext;
    s->mem_heap = (int64_t)heap;
    s->mem_retained = (int64_t)retained;
    s->mem_total = (int64_t)(ext + heap + retained);
    if (s->mem_total > s->mem_peak)
        s->mem_peak = s->mem_total;
}

static int8_t rflow_of(const Stream *st)
{
    return st->r_has_flowing ? (int8_t)st->r_flowing : -1;
}

static void sample(Sim *s)
{
    for (int i = 0; i < s->nstreams; i++) {
        Stream *st = &s->st[i];
        int8_t rflow = rflow_of(st);
        bool nd = wr_need_drain_getter(st);
        bool changed = !st->s_valid || st->s_rlen != st->rlen || st->s_rflow != rflow ||
                       st->s_rended != st->r_end_emitted || st->s_wlen != st->wlen ||
                       st->s_needdrain != nd || st->s_wended != st->w_ending ||
                       st->s_wfinished != st->w_finished || st->s_destroyed != st->destroyed;
        if (!changed)
            continue;
        st->s_valid = true;
        st->s_rlen = st->rlen;
        st->s_rflow = rflow;
        st->s_rended = st->r_end_emitted;
        st->s_wlen = st->wlen;
        st->s_needdrain = nd;
        st->s_wended = st->w_ending;
        st->s_wfinished = st->w_finished;
        st->s_destroyed = st->destroyed;
        log_simple(s, EV_STATE, i, 0, 0);
    }
    compute_mem(s);
    if (sim_dead(s))
        return;
    if (!s->s_mem_valid || s->s_mem_total != s->mem_total || s->s_mem_external != s->mem_external ||
        s->s_mem_heap != s->mem_heap || s->s_mem_retained != s->mem_retained) {
        s->s_mem_valid = true;
        s->s_mem_retained = s->mem_retained;
        s->s_mem_total = s->mem_total;
        s->s_mem_external = s->mem_external;
        s->s_mem_heap = s->mem_heap;
        log_simple(s, EV_MEM, -1, 0, 0);
    }
    if (s->sc->memory_limit > 0 && s->mem_total > s->sc->memory_limit) {
        log_simple(s, EV_OOM, -1, s->mem_total, 0);
        s->status = SIM_OOM;
    }
}

static void setup(Sim *s)
{
    for (int i = 0; i < s->nstreams; i++) {
        if (s->st[i].def->kind == SK_TRANSFORM)
            on(s, i, E_PREFINISH, L_NOOP, -1, false); /* Transform's own listener */
        if (s->st[i].def->handle_errors)
            on(s, i, E_ERROR, L_NOOP, -1, false);
    }
    for (int w = 0; w < s->sc->nwires && !sim_dead(s); w++)
        wire_apply(s, w);
    settle(s);
}

void sim_step(Sim *s)
{
    if (s->status != SIM_RUNNING)
        return;
    s->tick++;
    s->tick_work = 0;
    if (s->tick == 0)
        setup(s);
    else
        schedule_tick(s);
    if (sim_dead(s))
        return;
    sample(s);
    if (s->status == SIM_RUNNING && s->tick >= s->ticks)
        s->status = SIM_DONE;
    SIM_TESTING_CHECK(s, true);
}

void sim_set_interrupt(Sim *s, SimInterruptFn fn, void *user)
{
    s->interrupt = fn;
    s->interrupt_user = user;
}

bool sim_finished(const Sim *s)
{
    return s->status != SIM_RUNNING;
}

SimStatus sim_status(const Sim *s)
{
    return (SimStatus)s->status;
}

int64_t sim_tick(const Sim *s)
{
    return s->tick;
}

int64_t sim_ticks(const Sim *s)
{
    return s->ticks;
}

const Scenario *sim_scenario(const Sim *s)
{
    return s->sc;
}

int sim_stream_count(const Sim *s)
{
    return s->nstreams;
}

StreamView sim_stream(const Sim *s, int i)
{
    const Stream *st = &s->st[i];
    StreamView v = {0};
    v.def = st->def;
    v.has_readable = st->has_r;
    v.has_writable = st->has_w;
    v.rlen = st->rlen;
    v.rhwm = st->rhwm;
    v.rflow = rflow_of(st);
    v.rended = st->r_end_emitted;
    v.reading = st->outstanding || (st->has_r && st->r_reading);
    v.wlen = st->wlen;
    v.whwm = st->whwm;
    v.inflight = st->fl_active ? st->fl_units : 0;
    v.inflight_done = st->fl_done;
    v.needdrain = wr_need_drain_getter(st);
    v.wended = st->w_ending;
    v.wfinished = st->w_finished;
    v.corked = st->corked > 0;
    v.held = st->held;
    v.destroyed = st->destroyed;
    v.errored = st->errored || st->r_errored;
    v.closed = st->close_emitted;
    v.rate = st->rate;
    v.produced = st->produced;
    v.consumed = st->consumed;
    v.bytes_done = st->bytes_done;
    v.pushes_false = st->pushes_false;
    v.writes_false = st->writes_false;
    v.pauses = st->pauses;
    v.resumes = st->resumes;
    v.drains = st->drains;
    v.peak_rlen = st->peak_rlen;
    v.peak_wlen = st->peak_wlen;
    v.peak_bytes = st->peak_bytes;
    __int128 mine = st->retained;
    if (st->has_r)
        mine += side_bytes(st->rlen, st->robj, st->def->object_size);
    if (st->has_w)
        mine += side_bytes(st->wlen, st->wobj, st->def->object_size);
    v.mem_bytes = mine > MODEL_MAX ? MODEL_MAX : (int64_t)mine;
    return v;
}

MemView sim_memory(const Sim *s)
{
    MemView m = {s->mem_external, s->mem_heap, s->mem_total, s->mem_peak, s->sc->memory_limit,
                 s->mem_retained, s->has_keep};
    return m;
}

size_t sim_state_size(const Sim *s)
{
    return state_size(s->nstreams);
}

void sim_save(const Sim *s, void *buf)
{
    memcpy(buf, s, state_size(s->nstreams));
}

void sim_load(Sim *s, const void *buf)
{
    const Scenario *sc = s->sc;
    SimEventFn fn = s->sink;
    void *user = s->sink_user;
    memcpy(s, buf, state_size(s->nstreams));
    s->sc = sc;
    s->sink = fn;
    s->sink_user = user;
}

const char *event_kind_name(EventKind k)
{
    static const char *const names[EV__COUNT] = {
        [EV_READ] = "read", [EV_PUSH] = "push", [EV_PUSHED] = "pushed",
        [EV_WRITE] = "write", [EV_WROTE] = "wrote", [EV_BEGIN] = "begin",
        [EV_DONE] = "done", [EV_DATA] = "data", [EV_READABLE] = "readable",
        [EV_DRAIN] = "drain", [EV_PAUSE] = "pause", [EV_RESUME] = "resume",
        [EV_END] = "end", [EV_PREFINISH] = "prefinish", [EV_FINISH] = "finish",
        [EV_CLOSE] = "close", [EV_ERROR] = "error", [EV_PIPE] = "pipe",
        [EV_UNPIPE] = "unpipe", [EV_ACTION] = "action", [EV_PIPELINE] = "pipeline",
        [EV_UNCAUGHT] = "uncaught", [EV_OOM] = "oom", [EV_NOTE] = "note",
        [EV_STATE] = "state", [EV_MEM] = "mem",
    };
    return (unsigned)k < EV__COUNT ? names[k] : "?";
}
