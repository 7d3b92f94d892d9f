/* micro.c - one tick, event by event (see micro.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/evtext.h"
#include "view/micro.h"

typedef struct {
    Micro *m;
    int cap;
    bool failed;
} Capture;

static bool grow(Capture *c)
{
    Micro *m = c->m;
    int cap = c->cap ? c->cap * 2 : 64;
    if (cap > MICRO_MAX_EVENTS) cap = MICRO_MAX_EVENTS;
    MicroStep *st = realloc(m->step, (size_t)cap * sizeof *st);
    if (!st) return false;
    m->step = st;
    StreamView *v = realloc(m->views, (size_t)(cap + 1) * (size_t)m->nstreams * sizeof *v);
    if (!v) return false;
    m->views = v;
    MemView *mv = realloc(m->mem, (size_t)(cap + 1) * sizeof *mv);
    if (!mv) return false;
    m->mem = mv;
    c->cap = cap;
    return true;
}

static void snapshot(Micro *m, int k)
{
    MemView mv = sim_memory(m->sim);
    /* The model sums its memory when a tick's sample is taken; inside the
     * tick the streams' own lengths are current, so the sums come from them. */
    mv.external = mv.heap = mv.retained = 0;
    for (int i = 0; i < m->nstreams; i++) {
        StreamView v = sim_stream(m->sim, i);
        m->views[(size_t)k * (size_t)m->nstreams + (size_t)i] = v;
        MemSplit ms = hist_mem_split(&v);
        mv.external += ms.external;
        mv.heap += ms.heap;
        mv.retained += ms.retained;
    }
    mv.total = mv.external + mv.heap + mv.retained;
    /* The model raises its peak at the tick's sample too; inside the tick the
     * peak so far is the one before it or a moment of this tick, whichever
     * is higher (the end of the tick's peak would tell the future). */
    int64_t before = k > 0 ? m->mem[k - 1].peak_total : mv.peak_total;
    mv.peak_total = before > mv.total ? before : mv.total;
    m->mem[k] = mv;
}

/* Calls are logged as they are entered (write(), push(), _write's start,
 * its callback); what they did shows only at the next event. */
static bool logged_before_effect(EventKind k)
{
    return k == EV_WRITE || k == EV_PUSH || k == EV_BEGIN || k == EV_DONE;
}

static void on_event(void *user, const Event *ev)
{
    Capture *c = user;
    Micro *m = c->m;
    if (ev->kind == EV_STATE || ev->kind == EV_MEM || ev->kind == EV_NOTE || c->failed) return;
    /* Most events are logged once they have taken effect ('resume' after
     * the stream flows), calls before (logged_before_effect): the moment
     * after a call is the state just before the next event. */
    if (m->n > 0 && !m->more && logged_before_effect(m->step[m->n - 1].ev.ev.kind)) snapshot(m, m->n);
    if (m->n == MICRO_MAX_EVENTS) {
        m->more++;
        return;
    }
    if (m->n == c->cap && !grow(c)) {
        c->failed = true;
        return;
    }
    MicroStep *s = &m->step[m->n];
    s->ev.ev = *ev;
    s->ev.ev.text = NULL;
    s->ev.text[0] = 0;
    if (ev->text) snprintf(s->ev.text, sizeof s->ev.text, "%s", ev->text);
    PendingWork all[256];
    s->npend = sim_pending(m->sim, all, 256);
    int keep = s->npend < MICRO_MAX_PENDING ? s->npend : MICRO_MAX_PENDING;
    memcpy(s->pend, all, (size_t)keep * sizeof all[0]);
    m->n++;
    snapshot(m, m->n);
}

void micro_free(Micro *m)
{
    free(m->step);
    free(m->views);
    free(m->mem);
    if (m->sim) sim_destroy(m->sim);
    memset(m, 0, sizeof *m);
}

int micro_capture(Micro *m, const History *h, int64_t tick)
{
    micro_free(m);
    m->tick = tick;
    m->sim = sim_create(hist_scenario(h));
    if (!m->sim) return -1;
    /* The replay to the tick and the tick itself can each be long. */
    StopHook stop = hist_stop(h);
    sim_set_interrupt(m->sim, stop.fn, stop.user);
    m->nstreams = sim_stream_count(m->sim);
    if (m->nstreams > SC_MAX_STREAMS) m->nstreams = SC_MAX_STREAMS;
    Capture c = {m, 0, false};
    if (hist_state_before(h, m->sim, tick) != 0 || !grow(&c)) {
        micro_free(m);
        return -1;
    }
    snapshot(m, 0);
    sim_set_sink(m->sim, on_event, &c);
    sim_step(m->sim);
    sim_set_sink(m->sim, NULL, NULL);
    if (m->n > 0 && !m->more && !c.failed) snapshot(m, m->n);   /* the last event's moment: the tick's end */
    if (c.failed || sim_status(m->sim) == SIM_INTERRUPTED) {
        micro_free(m);
        return -1;
    }
    m->tick = tick;
    micro_seek(m, 0);
    return 0;
}

void micro_seek(Micro *m, int pos)
{
    if (pos < 0) pos = 0;
    if (pos > m->n) pos = m->n;
    m->pos = pos;
    TickState *t = &m->shown;
    t->tick = m->tick;
    t->status = SIM_RUNNING;
    t->finished = false;
    t->n = m->nstreams;
    if (!m->views) return;
    memcpy(t->v, &m->views[(size_t)pos * (size_t)m->nstreams], (size_t)m->nstreams * sizeof t->v[0]);
    t->mem = m->mem[pos];
}

void micro_move(Micro *m, int delta)
{
    micro_seek(m, m->pos + delta);
}

const TickState *micro_state(const Micro *m) { return &m->shown; }

const MicroStep *micro_current(const Micro *m)
{
    return m->pos > 0 && m->pos <= m->n ? &m->step[m->pos - 1] : NULL;
}

int micro_pending(const Micro *m, const PendingWork **out)
{
    const MicroStep *s = micro_current(m);
    *out = s ? s->pend : NULL;
    if (!s) return 0;
    return s->npend < MICRO_MAX_PENDING ? s->npend : MICRO_MAX_PENDING;
}

int micro_focus(const Micro *m)
{
    const MicroStep *s = micro_current(m);
    return s ? s->ev.ev.subject : -1;
}

static bool queued(const MicroStep *s, const char *what, int stream)
{
    int n = s->npend < MICRO_MAX_PENDING ? s->npend : MICRO_MAX_PENDING;
    for (int i = 0; i < n; i++)
        if (!strcmp(s->pend[i].what, what) && (stream < 0 || s->pend[i].stream == stream)) return true;
    return false;
}

/* Whether `what` for `stream` was queued at the moment before step s. */
static bool was_queued(const Micro *m, const MicroStep *s, const char *what, int stream)
{
    return s > m->step && queued(s - 1, what, stream);
}

void micro_caption(const Micro *m, const Scenario *sc, char *buf, size_t len)
{
    const MicroStep *s = micro_current(m);
    if (!s) {
        snprintf(buf, len,
                 "Inside tick %lld: its %d event%s one at a time, in the order Node runs them (Right: the next). "
                 "On the right: the work queued with process.nextTick, waiting for the running code to return.",
                 (long long)m->tick, m->n, m->n == 1 ? "" : "s");
        return;
    }
    const Event *e = &s->ev.ev;
    const char *who = e->subject >= 0 && e->subject < sc->nstreams ? sc->streams[e->subject].id : "the process";
    char tail[160] = "";
    if (s->npend > 0)
        snprintf(tail, sizeof tail, " %d queued callback%s: %s only when the code running now returns.", s->npend,
                 s->npend == 1 ? " waits" : "s wait", s->npend == 1 ? "it runs" : "they run");
    switch (e->kind) {
    case EV_WRITE:
        snprintf(buf, len, "%s.write(chunk) is called: the chunk goes into %s's buffer and write() answers at once, "
                 "true or false.%s", who, who, tail);
        break;
    case EV_WROTE:
        if (e->ret)
            snprintf(buf, len, "write() returned true: %s's buffer is still below its highWaterMark.%s", who, tail);
        else
            snprintf(buf, len,
                     "write() returned false: %s's buffer is at or over its highWaterMark. Writing on in a loop only "
                     "grows it: 'drain' cannot fire before this code returns to the event loop.",
                     who);
        break;
    case EV_DONE:
        if (queued(s, "afterWrite", e->subject))
            snprintf(buf, len,
                     "%s's _write called back at once (synchronously). No 'drain' yet: Node queued afterWrite with "
                     "process.nextTick, and it runs only when the code running now returns.",
                     who);
        else
            snprintf(buf, len, "%s's _write calls its callback: the chunk has left the buffer.%s", who, tail);
        break;
    case EV_DRAIN:
        if (was_queued(m, s, "afterWrite", e->subject))
            snprintf(buf, len,
                     "'drain' on %s: the queued afterWrite ran, now that the code that wrote has returned. A loop "
                     "of write() calls that never returns never lets it run.",
                     who);
        else
            snprintf(buf, len,
                     "'drain' on %s: its buffer is empty. It is emitted from a write's callback, which the event "
                     "loop runs, never inside write(): a loop of write() calls that never yields cannot see it.",
                     who);
        break;
    case EV_PAUSE: snprintf(buf, len, "%s.pause(): no more 'data' events until something resumes it.%s", who, tail); break;
    case EV_RESUME:
        if (queued(s, "resume_", e->subject))
            snprintf(buf, len,
                     "%s.resume(): flowing again, but no data moves yet: Node queued resume_ with process.nextTick; "
                     "the data flows when it runs.",
                     who);
        else
            snprintf(buf, len, "%s resumes: readableFlowing is true again.%s", who, tail);
        break;
    case EV_READ: snprintf(buf, len, "%s._read(size): the stream asks for more data.%s", who, tail); break;
    case EV_PUSH:
        if (e->eof) snprintf(buf, len, "%s.push(null): no more data will come.%s", who, tail);
        else snprintf(buf, len, "%s.push(chunk): the chunk joins its readable buffer.%s", who, tail);
        break;
    case EV_PUSHED:
        snprintf(buf, len, "push() returned %s: %s%s", e->ret ? "true" : "false",
                 e->ret ? "room is left below the highWaterMark." : "the readable buffer is full; no more _read() until it is read.",
                 tail);
        break;
    case EV_DATA: snprintf(buf, len, "'data' on %s: a chunk goes to the consumer's handler.%s", who, tail); break;
    case EV_BEGIN: {
        bool tf = e->subject >= 0 && e->subject < sc->nstreams && sc->streams[e->subject].kind == SK_TRANSFORM;
        snprintf(buf, len, "%s's %s starts on the chunk at the head of its buffer.%s", who,
                 tf ? "_transform" : e->chunks > 0 ? "_writev" : "_write", tail);
        break;
    }
    default: {
        char desc[200];
        evtext_describe(m->sim, sc, e, s->ev.text, desc, sizeof desc);
        snprintf(buf, len, "%s: %s.%s", who, desc, tail);
        break;
    }
    }
}
