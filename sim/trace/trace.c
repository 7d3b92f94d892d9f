/* trace.c - event -> trace line, and a buffered writer for whole traces. */
#include "trace/trace.h"

#include <string.h>

#include "core/content.h"

typedef struct {
    char *p;
    char *end;
} Out;

static void put(Out *o, const char *s)
{
    while (*s && o->p < o->end)
        *o->p++ = *s++;
}

static void putc_(Out *o, char c)
{
    if (o->p < o->end)
        *o->p++ = c;
}

static void put_i64(Out *o, int64_t v)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        putc_(o, '-');
    while (n)
        putc_(o, tmp[--n]);
}

static void kv_i(Out *o, const char *k, int64_t v)
{
    putc_(o, ' ');
    put(o, k);
    putc_(o, '=');
    put_i64(o, v);
}

static void kv_b(Out *o, const char *k, bool v)
{
    putc_(o, ' ');
    put(o, k);
    putc_(o, '=');
    put(o, v ? "true" : "false");
}

static void kv_s(Out *o, const char *k, const char *v)
{
    putc_(o, ' ');
    put(o, k);
    putc_(o, '=');
    put(o, v);
}

/* JSON string escaping, cut with "..." when the line would overflow. */
static void put_json(Out *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    putc_(o, '"');
    for (; *s; s++) {
        if (o->end - o->p < 12) {
            put(o, "...");
            break;
        }
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            putc_(o, '\\');
            putc_(o, (char)c);
        } else if (c == '\n') {
            put(o, "\\n");
        } else if (c == '\t') {
            put(o, "\\t");
        } else if (c == '\r') {
            put(o, "\\r");
        } else if (c == '\b') {
            put(o, "\\b");
        } else if (c == '\f') {
            put(o, "\\f");
        } else if (c < 0x20) {
            put(o, "\\u00");
            putc_(o, hex[c >> 4]);
            putc_(o, hex[c & 15]);
        } else {
            putc_(o, (char)c);
        }
    }
    putc_(o, '"');
}

/* text="..." (the chunk decoded as the application would see it) and, for
 * strings, chars=N; only in scenarios whose chunks carry content. */
static void put_content(Out *o, const Sim *s, const Event *ev)
{
    if (ev->str)
        kv_i(o, "chars", ev->units);
    if (!ev->has_content)
        return;
    const StreamDef *src = &sim_scenario(s)->streams[ev->csrc];
    char text[TRACE_LINE_MAX / 2];
    content_decode(src, ev->coff, ev->bytes, text, sizeof text);
    put(o, " text=");
    put_json(o, text);
}

static const char *subject_name(const Sim *s, int subject)
{
    if (subject < 0)
        return "-";
    return sim_scenario(s)->streams[subject].id;
}

static void put_rflow(Out *o, int8_t f)
{
    put(o, " rflow=");
    put(o, f < 0 ? "null" : f ? "true" : "false");
}

size_t trace_format(const Sim *s, const Event *ev, char *out)
{
    Out o = {out, out + TRACE_LINE_MAX - 1};
    put_i64(&o, ev->tick);
    putc_(&o, ' ');
    put(&o, subject_name(s, ev->subject));
    putc_(&o, ' ');
    put(&o, event_kind_name(ev->kind));
    switch (ev->kind) {
    case EV_READ:
        kv_i(&o, "size", ev->bytes);
        break;
    case EV_PUSH:
        if (ev->eof) {
            kv_s(&o, "eof", "true");
        } else {
            kv_i(&o, "bytes", ev->bytes);
            if (ev->has_content) {
                char hex[TRACE_LINE_MAX / 2];
                content_hex(&sim_scenario(s)->streams[ev->csrc], ev->coff, ev->bytes, hex, sizeof hex);
                kv_s(&o, "hex", "\"");
                put(&o, hex);
                putc_(&o, '"');
            }
        }
        break;
    case EV_PUSHED:
    case EV_WROTE:
        kv_b(&o, "ret", ev->ret);
        break;
    case EV_WRITE:
    case EV_DATA:
        kv_i(&o, "bytes", ev->bytes);
        put_content(&o, s, ev);
        break;
    case EV_BEGIN:
        kv_i(&o, "bytes", ev->bytes);
        if (ev->chunks > 0)
            kv_i(&o, "chunks", ev->chunks);
        else
            put_content(&o, s, ev);
        break;
    case EV_DONE:
        kv_i(&o, "bytes", ev->bytes);
        if (ev->code)
            kv_s(&o, "error", sim_code_name(s, ev->code));
        break;
    case EV_ERROR:
    case EV_UNCAUGHT:
        kv_s(&o, "code", sim_code_name(s, ev->code));
        break;
    case EV_PIPE:
    case EV_UNPIPE:
        kv_s(&o, "src", subject_name(s, ev->other));
        break;
    case EV_ACTION:
        kv_s(&o, "do", action_kind_name((ActionKind)ev->act));
        if (ev->act == ACT_UNPIPE && ev->other >= 0)
            kv_s(&o, "dest", subject_name(s, ev->other));
        if (ev->act == ACT_WRITE)
            kv_i(&o, "bytes", ev->bytes);
        if (ev->act == ACT_RATE)
            kv_i(&o, "rate", ev->bytes);
        if (ev->code)
            kv_s(&o, "error", sim_code_name(s, ev->code));
        break;
    case EV_PIPELINE:
        kv_s(&o, "error", ev->code ? sim_code_name(s, ev->code) : "null");
        break;
    case EV_OOM:
        kv_i(&o, "bytes", ev->bytes);
        break;
    case EV_NOTE:
        put(&o, " text=");
        put_json(&o, ev->text ? ev->text : "");
        break;
    case EV_STATE: {
        StreamView v = sim_stream(s, ev->subject);
        if (v.has_readable) {
            kv_i(&o, "rlen", v.rlen);
            put_rflow(&o, v.rflow);
            kv_b(&o, "rended", v.rended);
        }
        if (v.has_writable) {
            kv_i(&o, "wlen", v.wlen);
            kv_b(&o, "needdrain", v.needdrain);
            kv_b(&o, "wended", v.wended);
            kv_b(&o, "wfinished", v.wfinished);
        }
        kv_b(&o, "destroyed", v.destroyed);
        break;
    }
    case EV_MEM: {
        MemView m = sim_memory(s);
        kv_i(&o, "external", m.external);
        kv_i(&o, "heap", m.heap);
        if (m.has_retained)
            kv_i(&o, "retained", m.retained);
        kv_i(&o, "total", m.total);
        break;
    }
    default:
        break;
    }
    *o.p = 0;
    return (size_t)(o.p - out);
}

size_t trace_header(const Scenario *sc, int64_t ticks, char *out)
{
    Out o = {out, out + TRACE_LINE_MAX - 1};
    put(&o, "# highwater-trace 1 scenario=");
    put(&o, sc->name);
    kv_i(&o, "ticks", ticks);
    kv_i(&o, "node", sc->node);
    *o.p = 0;
    return (size_t)(o.p - out);
}

void trace_writer_init(TraceWriter *w, FILE *f, const Sim *sim)
{
    w->f = f;
    w->sim = sim;
    w->failed = false;
    w->notes = true;
    w->n = 0;
}

static void drain(TraceWriter *w)
{
    if (w->n && fwrite(w->buf, 1, w->n, w->f) != w->n)
        w->failed = true;
    w->n = 0;
}

void trace_writer_raw(TraceWriter *w, const char *line, size_t len)
{
    if (w->n + len + 1 > sizeof w->buf)
        drain(w);
    if (len + 1 > sizeof w->buf) {
        if (fwrite(line, 1, len, w->f) != len || fputc('\n', w->f) == EOF)
            w->failed = true;
        return;
    }
    memcpy(w->buf + w->n, line, len);
    w->n += len;
    w->buf[w->n++] = '\n';
}

void trace_writer_event(void *user, const Event *ev)
{
    TraceWriter *w = user;
    if (ev->kind == EV_NOTE && !w->notes)
        return;
    if (sizeof w->buf - w->n < TRACE_LINE_MAX + 1)
        drain(w);
    size_t len = trace_format(w->sim, ev, w->buf + w->n);
    w->n += len;
    w->buf[w->n++] = '\n';
}

int trace_writer_flush(TraceWriter *w)
{
    drain(w);
    if (fflush(w->f) != 0)
        w->failed = true;
    return w->failed ? -1 : 0;
}
