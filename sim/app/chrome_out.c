/* chrome_out.c - Trace Event Format JSON for Perfetto and chrome://tracing
 * (see chrome_out.h). Every event is one line, so the file also reads well
 * with grep; each line but the first starts with the comma that separates
 * it from the one before, so the array can be closed at any point. */
#include "app/chrome_out.h"

#include <string.h>

#include "trace/trace.h"

#define TID_PROCESS 1
#define TID_STREAM0 2

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
    c->f = f;
    c->sim = sim;
    c->tick_us = sim_scenario(sim)->tick_us;
    c->notes = true;
    c->failed = false;
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
        meta(c, "thread_sort_index", TID_STREAM0 + i, "sort_index", NULL, i + 1, false);
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

void chrome_out_event(void *user, const Event *ev)
{
    ChromeOut *c = user;
    int tid = ev->subject >= 0 ? TID_STREAM0 + ev->subject : TID_PROCESS;
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
