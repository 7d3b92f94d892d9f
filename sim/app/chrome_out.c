/* chrome_out.c - Trace Event Format JSON for Perfetto and chrome://tracing
 * (see chrome_out.h). Every event is one line, so the file also reads well
 * with grep; each line but the first starts with the comma that separates
 * it from the one before, so the array can be closed at any point. */
#include "app/chrome_out.h"

#include <stdio.h>
#include <string.h>

#include "trace/trace.h"

#define TID_PROCESS 1
#define TID_STREAM0 2
#define TID_SLICE0 100

enum { SL_PAUSED, SL_INFLIGHT, SL_HELD };
static const char *const slice_thread[] = {"paused", "in flight", "held"};

static int slice_tid(int stream, int kind)
{
    return TID_SLICE0 + 3 * stream + kind;
}

static void out(ChromeOut *c, const char *s)
{
    if (fputs(s, c->f) == EOF)
        c->failed = true;
}

static void out_i64(ChromeOut *c, int64_t v)
{
    char buf[24];
    buf[trace_fmt_i64(buf, v)] = '\0';
    out(c, buf);
}

/* A JSON string: quotes, backslashes and control characters escaped; the
 * reader only lets valid UTF-8 through, which JSON takes as it is. */
static void out_str(ChromeOut *c, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    char buf[256];
    size_t n = 0;
    buf[n++] = '"';
    for (; *s; s++) {
        if (n > sizeof buf - 8) {
            buf[n] = '\0';
            out(c, buf);
            n = 0;
        }
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            buf[n++] = '\\';
            buf[n++] = (char)ch;
        } else if (ch < 0x20 || ch == 0x7f) {
            buf[n++] = '\\';
            buf[n++] = 'u';
            buf[n++] = '0';
            buf[n++] = '0';
            buf[n++] = hex[ch >> 4];
            buf[n++] = hex[ch & 15];
        } else {
            buf[n++] = (char)ch;
        }
    }
    buf[n++] = '"';
    buf[n] = '\0';
    out(c, buf);
}

/* The common head of an event, up to and including "ts". */
static void head(ChromeOut *c, const char *name, const char *ph, int tid, int64_t tick)
{
    out(c, ",\n{\"name\":");
    out_str(c, name);
    out(c, ",\"cat\":\"highwater\",\"ph\":\"");
    out(c, ph);
    out(c, "\",\"pid\":1,\"tid\":");
    out_i64(c, tid);
    out(c, ",\"ts\":");
    /* Ticks and tick lengths are both at most 10^9, so this fits. */
    out_i64(c, tick * c->tick_us);
}

static void meta(ChromeOut *c, const char *what, int tid, const char *key, const char *name,
                 int64_t index, bool first)
{
    out(c, first ? "\n{\"name\":\"" : ",\n{\"name\":\"");
    out(c, what);
    out(c, "\",\"ph\":\"M\",\"pid\":1,\"tid\":");
    out_i64(c, tid);
    out(c, ",\"args\":{\"");
    out(c, key);
    out(c, "\":");
    if (name)
        out_str(c, name);
    else
        out_i64(c, index);
    out(c, "}}");
}

void chrome_out_init(ChromeOut *c, FILE *f, const Sim *sim)
{
    const Scenario *sc = sim_scenario(sim);
    c->f = f;
    c->sim = sim;
    c->tick_us = sc->tick_us;
    c->notes = true;
    c->failed = false;
    c->next_flow = 1;
    c->ntransforms = 0;
    for (int i = 0; i < SC_MAX_STREAMS; i++)
        c->spans[i] = (ChromeSpans){-1, -1, 0, -1, -1, -1};
    for (int i = 0; i < sc->nstreams; i++)
        if (sc->streams[i].kind == SK_TRANSFORM)
            c->transforms[c->ntransforms++] = i;
}

/* Which slice threads a stream has: paused (a readable side), in flight (a
 * writable side), held (a transform). */
static bool has_slices(StreamKind kind, int k)
{
    return k == SL_PAUSED ? kind != SK_SINK : k == SL_INFLIGHT ? kind != SK_SOURCE : kind == SK_TRANSFORM;
}

void chrome_out_begin(ChromeOut *c)
{
    const Scenario *sc = sim_scenario(c->sim);
    char pname[96];
    snprintf(pname, sizeof pname, "highwater: %s", sc->name);
    out(c, "{\"traceEvents\":[");
    meta(c, "process_name", TID_PROCESS, "name", pname, 0, true);
    meta(c, "thread_name", TID_PROCESS, "name", "- (process)", 0, false);
    meta(c, "thread_sort_index", TID_PROCESS, "sort_index", NULL, 0, false);
    for (int i = 0; i < sc->nstreams; i++) {
        meta(c, "thread_name", TID_STREAM0 + i, "name", sc->streams[i].id, 0, false);
        meta(c, "thread_sort_index", TID_STREAM0 + i, "sort_index", NULL, 4 * i + 1, false);
        for (int k = SL_PAUSED; k <= SL_HELD; k++) {
            if (!has_slices(sc->streams[i].kind, k))
                continue;
            char name[64];
            snprintf(name, sizeof name, "%s %s", sc->streams[i].id, slice_thread[k]);
            meta(c, "thread_name", slice_tid(i, k), "name", name, 0, false);
            meta(c, "thread_sort_index", slice_tid(i, k), "sort_index", NULL, 4 * i + 2 + k, false);
        }
    }
}

static void counters(ChromeOut *c, const Event *ev)
{
    StreamView v = sim_stream(c->sim, ev->subject);
    head(c, v.def->id, "C", TID_STREAM0 + ev->subject, ev->tick);
    out(c, ",\"args\":{");
    if (v.has_readable) {
        out(c, "\"rlen\":");
        out_i64(c, v.rlen);
    }
    if (v.has_writable) {
        out(c, v.has_readable ? ",\"wlen\":" : "\"wlen\":");
        out_i64(c, v.wlen);
    }
    out(c, "}}");
}

static void instant(ChromeOut *c, const Event *ev, int tid, const char *key, int64_t num,
                    const char *str)
{
    head(c, event_kind_name(ev->kind), "i", tid, ev->tick);
    out(c, ",\"s\":\"t\"");
    if (key) {
        out(c, ",\"args\":{\"");
        out(c, key);
        out(c, "\":");
        if (str)
            out_str(c, str);
        else
            out_i64(c, num);
        out(c, "}");
    }
    out(c, "}");
}

/* A duration slice from tick `from` to tick `to`; bytes > 0 goes into args,
 * and so does open (the run ended first). */
static void slice(ChromeOut *c, const char *name, int tid, int64_t from, int64_t to, int64_t bytes, bool open)
{
    head(c, name, "X", tid, from);
    out(c, ",\"dur\":");
    out_i64(c, (to - from) * c->tick_us);
    if (bytes > 0 || open) {
        out(c, ",\"args\":{");
        if (bytes > 0) {
            out(c, "\"bytes\":");
            out_i64(c, bytes);
        }
        if (open)
            out(c, bytes > 0 ? ",\"open\":true" : "\"open\":true");
        out(c, "}");
    }
    out(c, "}");
}

/* The 1 us slice a flow event binds to (same pid, tid and ts). */
static void anchor(ChromeOut *c, const char *name, int tid, int64_t tick)
{
    head(c, name, "X", tid, tick);
    out(c, ",\"dur\":1}");
}

static void flow(ChromeOut *c, const char *ph, int tid, int64_t tick, int64_t id)
{
    head(c, "backpressure", ph, tid, tick);
    out(c, *ph == 'f' ? ",\"bp\":\"e\",\"id\":" : ",\"id\":");
    out_i64(c, id);
    out(c, "}");
}

static void end_paused(ChromeOut *c, int i, int64_t tick, bool open)
{
    ChromeSpans *sp = &c->spans[i];
    if (sp->paused >= 0)
        slice(c, "paused", slice_tid(i, SL_PAUSED), sp->paused, tick, 0, open);
    sp->paused = -1;
}

static void end_inflight(ChromeOut *c, int i, int64_t tick, bool open)
{
    ChromeSpans *sp = &c->spans[i];
    bool transform = sim_stream(c->sim, i).def->kind == SK_TRANSFORM;
    if (sp->inflight >= 0)
        slice(c, transform ? "_transform" : "_write", slice_tid(i, SL_INFLIGHT), sp->inflight, tick,
              sp->inflight_bytes, open);
    sp->inflight = -1;
}

/* The held callbacks have no event of their own: the model's flag is read
 * before every event. A callback is held right after its 'done'. */
static void poll_held(ChromeOut *c, int64_t tick, bool at_end)
{
    for (int k = 0; k < c->ntransforms; k++) {
        int i = c->transforms[k];
        ChromeSpans *sp = &c->spans[i];
        bool held = sim_stream(c->sim, i).held;
        if (held && sp->held < 0)
            sp->held = sp->last_done >= 0 ? sp->last_done : tick;
        if ((!held || at_end) && sp->held >= 0) {
            slice(c, "callback held", slice_tid(i, SL_HELD), sp->held, tick, 0, held);
            sp->held = -1;
        }
    }
}

/* The spans that events open and close; drain answers a false write. */
static void spans_event(ChromeOut *c, const Event *ev)
{
    int i = ev->subject;
    ChromeSpans *sp = &c->spans[i];
    int tid = TID_STREAM0 + i;
    switch (ev->kind) {
    case EV_PAUSE:
        if (sp->paused < 0)
            sp->paused = ev->tick;
        break;
    case EV_RESUME:
        end_paused(c, i, ev->tick, false);
        break;
    case EV_BEGIN:
        sp->inflight = ev->tick;
        sp->inflight_bytes = ev->bytes;
        break;
    case EV_DONE:
        end_inflight(c, i, ev->tick, false);
        sp->last_done = ev->tick;
        break;
    case EV_ERROR:
        end_inflight(c, i, ev->tick, false);
        break;
    case EV_CLOSE:
        end_inflight(c, i, ev->tick, false);
        end_paused(c, i, ev->tick, false);
        break;
    case EV_WROTE:
        if (!ev->ret && sp->false_write < 0)
            sp->false_write = ev->tick;
        break;
    case EV_DRAIN:
        if (sp->false_write >= 0) {
            int64_t id = c->next_flow++;
            anchor(c, "write() false", tid, sp->false_write);
            flow(c, "s", tid, sp->false_write, id);
            anchor(c, "drain", tid, ev->tick);
            flow(c, "f", tid, ev->tick, id);
        }
        sp->false_write = -1;
        break;
    default:
        break;
    }
}

void chrome_out_event(void *user, const Event *ev)
{
    ChromeOut *c = user;
    int tid = ev->subject >= 0 ? TID_STREAM0 + ev->subject : TID_PROCESS;
    poll_held(c, ev->tick, false);
    if (ev->subject >= 0 && ev->subject < SC_MAX_STREAMS)
        spans_event(c, ev);
    switch (ev->kind) {
    case EV_STATE:
        if (ev->subject >= 0)
            counters(c, ev);
        break;
    case EV_MEM:
        head(c, "memory", "C", TID_PROCESS, ev->tick);
        out(c, ",\"args\":{\"total\":");
        out_i64(c, sim_memory(c->sim).total);
        out(c, "}}");
        break;
    case EV_DRAIN:
    case EV_PAUSE:
    case EV_RESUME:
    case EV_END:
    case EV_FINISH:
        instant(c, ev, tid, NULL, 0, NULL);
        break;
    case EV_ERROR:
    case EV_UNCAUGHT:
        instant(c, ev, tid, "code", 0, sim_code_name(c->sim, ev->code));
        break;
    case EV_OOM:
        instant(c, ev, tid, "bytes", ev->bytes, NULL);
        break;
    case EV_NOTE:
        if (c->notes && ev->text)
            instant(c, ev, tid, "text", 0, ev->text);
        break;
    default:
        break;
    }
}

int chrome_out_end(ChromeOut *c)
{
    const Scenario *sc = sim_scenario(c->sim);
    static const char *const status[] = {"running", "done", "oom", "uncaught"};
    SimStatus st = sim_status(c->sim);
    const char *how = (unsigned)st < 4 ? status[st] : "?";
    /* What is still open ends with the run. */
    int64_t last = sim_tick(c->sim);
    if (last >= 0) {
        poll_held(c, last, true);
        for (int i = 0; i < sc->nstreams; i++) {
            end_paused(c, i, last, true);
            end_inflight(c, i, last, true);
            if (c->spans[i].false_write >= 0)
                anchor(c, "write() false", TID_STREAM0 + i, c->spans[i].false_write);
        }
    }
    /* The last tick that ran, marked, so the timeline spans the whole run
     * even when its last ticks are quiet. */
    if (sim_tick(c->sim) >= 0) {
        head(c, "end of run", "i", TID_PROCESS, sim_tick(c->sim));
        out(c, ",\"s\":\"t\",\"args\":{\"status\":\"");
        out(c, how);
        out(c, "\"}}");
    }
    out(c, "\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":{\"scenario\":");
    out_str(c, sc->name);
    out(c, ",\"last_tick\":");
    out_i64(c, sim_tick(c->sim));
    out(c, ",\"tick_us\":");
    out_i64(c, c->tick_us);
    out(c, ",\"status\":\"");
    out(c, how);
    out(c, "\"}}\n");
    if (fflush(c->f) != 0)
        c->failed = true;
    return c->failed ? -1 : 0;
}
