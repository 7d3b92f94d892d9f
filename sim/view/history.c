/* history.c - random access over a forward-only model (see history.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/history.h"

#define SNAP_BUDGET (64u << 20)    /* bytes of snapshots kept, at most */
#define MAX_SAMPLES 8192           /* chart buckets over the whole run */
#define TICKBUF_CAP 65536          /* events kept per tick; busier ticks keep their first ones */

/* Growable list of the events of one tick. */
typedef struct {
    LoggedEvent *e;
    int n, cap;
    int dropped;
} EvList;

struct History {
    const Scenario *sc;
    Sim *scout, *cursor;
    StopHook stop;             /* installed on both; handed on by hist_stop */
    size_t state_size;
    int nstreams;
    bool sink_is_sink[SC_MAX_STREAMS];

    /* snapshots: snap[j] is the state before tick j*K runs (snap[0]: fresh) */
    int64_t K;
    unsigned char **snap;
    int64_t nsnap, snapcap;

    /* chart samples */
    int64_t bucket;
    HistSample *samp;
    int64_t *samp_per;         /* nsamp * nstreams */
    int64_t *samp_heap, *samp_ret; /* the same, the heap and retained parts */
    int64_t nsamp, sampcap;
    int64_t peak;
    int64_t end;               /* -1 while unknown */

    /* display */
    TickState cur, next;
    bool has_next;
    EvList cur_ev, next_ev, *capture;
    LoggedEvent log[HIST_LOG_CAP];
    int log_head, log_n;       /* ring: newest at (head - 1) */
};

static void on_event(void *user, const Event *ev)
{
    History *h = user;
    EvList *l = h->capture;
    if (!l || ev->kind == EV_STATE || ev->kind == EV_MEM) return;
    if (l->n == l->cap) {
        if (l->cap >= TICKBUF_CAP) {
            l->dropped++;
            return;
        }
        int cap = l->cap ? l->cap * 2 : 64;
        LoggedEvent *e = realloc(l->e, (size_t)cap * sizeof *e);
        if (!e) {
            l->dropped++;
            return;
        }
        l->e = e;
        l->cap = cap;
    }
    LoggedEvent *le = &l->e[l->n++];
    le->ev = *ev;
    le->ev.text = NULL;
    le->text[0] = 0;
    if (ev->text) snprintf(le->text, sizeof le->text, "%s", ev->text);
}

static void fill_state(const Sim *s, TickState *t)
{
    t->tick = sim_tick(s);
    t->status = sim_status(s);
    t->finished = sim_finished(s);
    t->n = sim_stream_count(s);
    if (t->n > SC_MAX_STREAMS) t->n = SC_MAX_STREAMS;
    for (int i = 0; i < t->n; i++) t->v[i] = sim_stream(s, i);
    t->mem = sim_memory(s);
}

static int64_t done_now(const History *h, const Sim *s)
{
    int64_t d = 0;
    for (int i = 0; i < h->nstreams; i++)
        if (h->sink_is_sink[i]) d += sim_stream(s, i).bytes_done;
    return d;
}

static int push_snapshot(History *h)
{
    if (h->nsnap == h->snapcap) {
        int64_t cap = h->snapcap ? h->snapcap * 2 : 64;
        unsigned char **n = realloc(h->snap, (size_t)cap * sizeof *n);
        if (!n) return -1;
        h->snap = n;
        h->snapcap = cap;
    }
    unsigned char *buf = malloc(h->state_size);
    if (!buf) return -1;
    sim_save(h->scout, buf);
    h->snap[h->nsnap++] = buf;
    return 0;
}

MemSplit hist_mem_split(const StreamView *v)
{
    MemSplit m = {0, 0, 0};
    const StreamDef *d = v->def;
    int64_t osz = d && d->object_size > 0 ? d->object_size : 1;
    int64_t sides = 0;
    if (v->has_readable && d) {
        int64_t b = d->robj ? v->rlen * osz : v->rlen;
        if (d->robj || d->encoding_utf8) m.heap += b;
        sides += b;
    }
    if (v->has_writable && d) {
        int64_t b = d->wobj ? v->wlen * osz : v->wlen;
        if (d->wobj) m.heap += b;
        sides += b;
    }
    m.retained = v->mem_bytes > sides ? v->mem_bytes - sides : 0;
    m.external = v->mem_bytes - m.heap - m.retained;
    if (m.external < 0) m.external = 0;   /* saturated counters: never a negative band */
    return m;
}

static void record_sample(History *h)
{
    int64_t t = sim_tick(h->scout);
    int64_t k = t / h->bucket;
    MemView m = sim_memory(h->scout);
    if (m.total > h->peak) h->peak = m.total;
    if (k >= h->sampcap) {
        int64_t cap = h->sampcap ? h->sampcap * 2 : 256;
        while (cap <= k) cap *= 2;
        HistSample *s = realloc(h->samp, (size_t)cap * sizeof *s);
        if (!s) return;
        h->samp = s;
        size_t per = (size_t)(cap * h->nstreams) * sizeof(int64_t);
        int64_t *p = realloc(h->samp_per, per);
        if (!p) return;
        h->samp_per = p;
        p = realloc(h->samp_heap, per);
        if (!p) return;
        h->samp_heap = p;
        p = realloc(h->samp_ret, per);
        if (!p) return;
        h->samp_ret = p;
        h->sampcap = cap;
    }
    bool fresh = k >= h->nsamp;
    if (fresh) h->nsamp = k + 1;
    HistSample *s = &h->samp[k];
    if (fresh || m.total > s->total) {
        s->tick = t;
        s->total = m.total;
        for (int i = 0; i < h->nstreams; i++) {
            StreamView v = sim_stream(h->scout, i);
            MemSplit ms = hist_mem_split(&v);
            h->samp_per[k * h->nstreams + i] = v.mem_bytes;
            h->samp_heap[k * h->nstreams + i] = ms.heap;
            h->samp_ret[k * h->nstreams + i] = ms.retained;
        }
    }
    s->done = done_now(h, h->scout);
}

/* The hook between ticks too: the core asks it every SIM_INTERRUPT_EVERY
 * events of one tick, so a look-ahead of a million light ticks would never
 * ask it at all. */
static bool stop_asked(const History *h)
{
    return h->stop.fn && h->stop.fn(h->stop.user);
}

bool hist_extend(History *h, int64_t budget)
{
    bool stopped = false;
    while (budget-- > 0 && !sim_finished(h->scout) && !(stopped = stop_asked(h))) {
        int64_t t = sim_tick(h->scout) + 1;   /* the tick about to run */
        if (t % h->K == 0 && t / h->K == h->nsnap) push_snapshot(h);
        sim_step(h->scout);
        record_sample(h);
    }
    if (sim_finished(h->scout)) h->end = sim_tick(h->scout);
    /* Stopped: false too, or a caller looping until the end is known never returns. */
    return h->end < 0 && !stopped;
}

History *hist_create(const Scenario *sc, StopHook stop, char *err, size_t errlen)
{
    History *h = calloc(1, sizeof *h);
    if (!h) goto nomem;
    h->sc = sc;
    h->end = -1;
    h->stop = stop;
    h->scout = sim_create(sc);
    h->cursor = sim_create(sc);
    if (!h->scout || !h->cursor) {
        snprintf(err, errlen, "the model could not start this scenario");
        hist_destroy(h);
        return NULL;
    }
    /* Before the first step: the look-ahead below and every later one may
     * be minutes of heavy ticks that a signal must be able to cut. */
    sim_set_interrupt(h->scout, stop.fn, stop.user);
    sim_set_interrupt(h->cursor, stop.fn, stop.user);
    h->state_size = sim_state_size(h->scout);
    h->nstreams = sim_stream_count(h->scout);
    for (int i = 0; i < h->nstreams && i < SC_MAX_STREAMS; i++)
        h->sink_is_sink[i] = sc->streams[i].kind == SK_SINK;
    int64_t ticks = sim_ticks(h->scout) + 1;
    int64_t maxsnap = (int64_t)(SNAP_BUDGET / (h->state_size ? h->state_size : 1));
    if (maxsnap < 16) maxsnap = 16;
    h->K = (ticks + maxsnap - 1) / maxsnap;
    if (h->K < 4) h->K = 4;   /* a few replayed ticks cost less than copying states */
    h->bucket = (ticks + MAX_SAMPLES - 1) / MAX_SAMPLES;
    if (h->bucket < 1) h->bucket = 1;
    if (push_snapshot(h) != 0) goto nomem;
    sim_set_sink(h->cursor, on_event, h);
    hist_extend(h, 2);
    hist_seek(h, 0);
    return h;
nomem:
    snprintf(err, errlen, "out of memory");
    hist_destroy(h);
    return NULL;
}

void hist_destroy(History *h)
{
    if (!h) return;
    if (h->scout) sim_destroy(h->scout);
    if (h->cursor) sim_destroy(h->cursor);
    for (int64_t i = 0; i < h->nsnap; i++) free(h->snap[i]);
    free(h->snap);
    free(h->samp);
    free(h->samp_per);
    free(h->samp_heap);
    free(h->samp_ret);
    free(h->cur_ev.e);
    free(h->next_ev.e);
    free(h);
}

StopHook hist_stop(const History *h) { return h->stop; }
int64_t hist_end(const History *h) { return h->end; }
int64_t hist_known(const History *h) { return sim_tick(h->scout); }

int64_t hist_last(const History *h)
{
    return h->end >= 0 ? h->end : sim_ticks(h->scout);
}

static void log_append(History *h, const EvList *l)
{
    for (int i = 0; i < l->n; i++) {
        h->log[h->log_head] = l->e[i];
        h->log_head = (h->log_head + 1) % HIST_LOG_CAP;
        if (h->log_n < HIST_LOG_CAP) h->log_n++;
    }
}

/* One cursor step with its events captured into l. */
static void step_into(History *h, EvList *l)
{
    l->n = 0;
    l->dropped = 0;
    h->capture = l;
    sim_step(h->cursor);
    h->capture = NULL;
}

static void load_next(History *h)
{
    h->has_next = !sim_finished(h->cursor);
    h->next_ev.n = 0;
    if (!h->has_next) return;
    step_into(h, &h->next_ev);
    fill_state(h->cursor, &h->next);
}

void hist_seek(History *h, int64_t tick)
{
    if (tick < 0) tick = 0;
    while (hist_known(h) < tick + 1 && hist_extend(h, 4096)) {
    }
    if (tick > hist_last(h)) tick = hist_last(h);
    if (tick > hist_known(h)) tick = hist_known(h);   /* stopped before the scout got there */
    int64_t from = tick + 1 - HIST_LOG_SPAN;
    if (from < 0) from = 0;
    int64_t j = from / h->K;
    if (j >= h->nsnap) j = h->nsnap - 1;
    sim_load(h->cursor, h->snap[j]);
    h->log_n = h->log_head = 0;
    /* Ticks before the log's span run with the sink off: nothing to keep. */
    h->capture = NULL;
    while (sim_tick(h->cursor) + 1 < from && !stop_asked(h)) sim_step(h->cursor);
    do {
        step_into(h, &h->cur_ev);
        log_append(h, &h->cur_ev);
    } while (sim_tick(h->cursor) < tick && !sim_finished(h->cursor) && !stop_asked(h));
    fill_state(h->cursor, &h->cur);
    load_next(h);
}

void hist_forward(History *h)
{
    if (!h->has_next) return;
    EvList t = h->cur_ev;
    h->cur_ev = h->next_ev;
    h->next_ev = t;
    h->cur = h->next;
    log_append(h, &h->cur_ev);
    if (hist_known(h) < h->cur.tick + 1) hist_extend(h, h->cur.tick + 1 - hist_known(h));
    load_next(h);
}

const TickState *hist_cur(const History *h) { return &h->cur; }
const TickState *hist_next(const History *h) { return h->has_next ? &h->next : NULL; }

const LoggedEvent *hist_events(const History *h, bool next, int *n)
{
    const EvList *l = next ? &h->next_ev : &h->cur_ev;
    if (next && !h->has_next) {
        *n = 0;
        return NULL;
    }
    *n = l->n;
    return l->e;
}

const LoggedEvent *hist_log(const History *h, int i)
{
    if (i < 0 || i >= h->log_n) return NULL;
    return &h->log[((h->log_head - 1 - i) % HIST_LOG_CAP + HIST_LOG_CAP) % HIST_LOG_CAP];
}

int hist_log_count(const History *h) { return h->log_n; }

const HistSample *hist_samples(const History *h, int *count, int64_t *bucket, const int64_t **per_stream)
{
    *count = (int)h->nsamp;
    *bucket = h->bucket;
    *per_stream = h->samp_per;
    return h->samp;
}

int64_t hist_peak(const History *h) { return h->peak; }

void hist_samples_kind(const History *h, const int64_t **heap, const int64_t **retained)
{
    *heap = h->samp_heap;
    *retained = h->samp_ret;
}

int64_t hist_done_at(const History *h, int64_t t)
{
    if (t < 0 || h->nsamp == 0) return 0;
    int64_t k = t / h->bucket;
    if (k >= h->nsamp) k = h->nsamp - 1;
    return h->samp[k].done;
}

int hist_state_before(const History *h, Sim *s, int64_t tick)
{
    if (tick < 0 || tick > hist_known(h) || h->nsnap == 0) return -1;
    int64_t j = tick / h->K;
    if (j >= h->nsnap) j = h->nsnap - 1;
    sim_load(s, h->snap[j]);
    while (sim_tick(s) + 1 < tick && !sim_finished(s) && !stop_asked(h)) sim_step(s);
    /* An interrupted Sim may have stopped inside the tick before: not that state. */
    return sim_tick(s) + 1 == tick && sim_status(s) != SIM_INTERRUPTED ? 0 : -1;
}

const Sim *hist_sim(const History *h) { return h->cursor; }
const Scenario *hist_scenario(const History *h) { return h->sc; }
