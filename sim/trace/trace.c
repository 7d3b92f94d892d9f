/* trace.c - event -> trace line, and a buffered writer for whole traces.
 *
 * A full trace is millions of lines, so formatting is on the hot path of
 * `highwater run`: strings are copied with known lengths (no per-character
 * bounds checks), integers are formatted two digits at a time, and the
 * writer reuses the formatted tick, which most consecutive lines share. */
#include "trace/trace.h"

#include <string.h>

#include "core/content.h"

typedef struct {
    char *p;
    char *end;
} Out;

/* The rare case of a line that reaches TRACE_LINE_MAX: cut it there. */
static void put_cut(Out *o, const char *s, size_t n)
{
    size_t room = (size_t)(o->end - o->p);
    if (n > room)
        n = room;
    memcpy(o->p, s, n);
    o->p += n;
}

/* Copies n bytes. Inlined with a constant n (literals), the memcpy becomes a
 * couple of moves; a libc call per key would cost more than the key. */
static inline void put_n(Out *o, const char *s, size_t n)
{
    if ((size_t)(o->end - o->p) >= n) {
        memcpy(o->p, s, n);
        o->p += n;
    } else {
        put_cut(o, s, n);
    }
}

/* For string literals: the length is known at compile time. */
#define PUT_LIT(o, lit) put_n((o), (lit), sizeof(lit) - 1)

/* Runtime strings here are ids and names of a few characters: a byte loop
 * beats strlen + memcpy calls. */
static inline void put(Out *o, const char *s)
{
    while (*s && o->p < o->end)
        *o->p++ = *s++;
}

static void putc_(Out *o, char c)
{
    if (o->p < o->end)
        *o->p++ = c;
}

static const char digit_pairs[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static inline int count_digits(uint64_t u)
{
    int n = 1;
    for (;;) {
        if (u < 10)
            return n;
        if (u < 100)
            return n + 1;
        if (u < 1000)
            return n + 2;
        if (u < 10000)
            return n + 3;
        u /= 10000;
        n += 4;
    }
}

/* Writes v in decimal at p (room for 20 characters); returns the length. */
static inline size_t fmt_i64(char *p, int64_t v)
{
    size_t neg = v < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (neg)
        *p++ = '-';
    int n = count_digits(u);
    char *q = p + n;
    while (u >= 100) {
        unsigned d = (unsigned)(u % 100) * 2;
        u /= 100;
        *--q = digit_pairs[d + 1];
        *--q = digit_pairs[d];
    }
    if (u >= 10) {
        *--q = digit_pairs[u * 2 + 1];
        *--q = digit_pairs[u * 2];
    } else {
        *--q = (char)('0' + u);
    }
    return neg + (size_t)n;
}

size_t trace_fmt_i64(char *p, int64_t v)
{
    return fmt_i64(p, v);
}

static inline void put_i64(Out *o, int64_t v)
{
    if (o->end - o->p >= 21) {
        o->p += fmt_i64(o->p, v);
    } else {
        char tmp[24];
        put_cut(o, tmp, fmt_i64(tmp, v));
    }
}

/* ` key=value`; the key is a literal so its length is free. */
#define KV_I(o, key, v) (PUT_LIT((o), " " key "="), put_i64((o), (v)))
#define KV_B(o, key, v) ((v) ? PUT_LIT((o), " " key "=true") : PUT_LIT((o), " " key "=false"))
#define KV_S(o, key, v) (PUT_LIT((o), " " key "="), put((o), (v)))

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
        KV_I(o, "chars", ev->units);
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
    if (f < 0)
        PUT_LIT(o, " rflow=null");
    else if (f)
        PUT_LIT(o, " rflow=true");
    else
        PUT_LIT(o, " rflow=false");
}

/* The line after its tick: ` SUBJECT KIND [KEY=VALUE ...]`, NUL-terminated.
 * With a writer, ` SUBJECT` and ` KIND` come from its tables. */
static size_t format_rest(const Sim *s, const Event *ev, char *out, Out o, const TraceWriter *w)
{
    unsigned subj = ev->subject < 0 ? 0 : (unsigned)ev->subject + 1;
    if (w && subj <= SC_MAX_STREAMS && (unsigned)ev->kind < EV__COUNT && w->kind_len[ev->kind] &&
        o.end - o.p >= (ptrdiff_t)(sizeof w->subj[0] + sizeof w->kind[0])) {
        /* Whole fixed-size slots: the bytes past the name are overwritten next. */
        memcpy(o.p, w->subj[subj], sizeof w->subj[0]);
        o.p += w->subj_len[subj];
        memcpy(o.p, w->kind[ev->kind], sizeof w->kind[0]);
        o.p += w->kind_len[ev->kind];
    } else {
        putc_(&o, ' ');
        put(&o, subject_name(s, ev->subject));
        putc_(&o, ' ');
        put(&o, event_kind_name(ev->kind));
    }
    switch (ev->kind) {
    case EV_READ:
        KV_I(&o, "size", ev->bytes);
        break;
    case EV_PUSH:
        if (ev->eof) {
            KV_S(&o, "eof", "true");
        } else {
            KV_I(&o, "bytes", ev->bytes);
            if (ev->has_content) {
                char hex[TRACE_LINE_MAX / 2];
                content_hex(&sim_scenario(s)->streams[ev->csrc], ev->coff, ev->bytes, hex, sizeof hex);
                KV_S(&o, "hex", "\"");
                put(&o, hex);
                putc_(&o, '"');
            }
        }
        break;
    case EV_PUSHED:
    case EV_WROTE:
        KV_B(&o, "ret", ev->ret);
        break;
    case EV_WRITE:
    case EV_DATA:
        KV_I(&o, "bytes", ev->bytes);
        put_content(&o, s, ev);
        break;
    case EV_BEGIN:
        KV_I(&o, "bytes", ev->bytes);
        if (ev->chunks > 0)
            KV_I(&o, "chunks", ev->chunks);
        else
            put_content(&o, s, ev);
        break;
    case EV_DONE:
        KV_I(&o, "bytes", ev->bytes);
        if (ev->code)
            KV_S(&o, "error", sim_code_name(s, ev->code));
        break;
    case EV_ERROR:
    case EV_UNCAUGHT:
        KV_S(&o, "code", sim_code_name(s, ev->code));
        break;
    case EV_PIPE:
    case EV_UNPIPE:
        KV_S(&o, "src", subject_name(s, ev->other));
        break;
    case EV_ACTION:
        KV_S(&o, "do", action_kind_name((ActionKind)ev->act));
        if ((ev->act == ACT_UNPIPE || ev->act == ACT_PIPE) && ev->other >= 0)
            KV_S(&o, "dest", subject_name(s, ev->other));
        if (ev->act == ACT_WRITE)
            KV_I(&o, "bytes", ev->bytes);
        if (ev->act == ACT_RATE)
            KV_I(&o, "rate", ev->bytes);
        if (ev->code)
            KV_S(&o, "error", sim_code_name(s, ev->code));
        break;
    case EV_PIPELINE:
        KV_S(&o, "error", ev->code ? sim_code_name(s, ev->code) : "null");
        break;
    case EV_OOM:
        KV_I(&o, "bytes", ev->bytes);
        break;
    case EV_NOTE:
        put(&o, " text=");
        put_json(&o, ev->text ? ev->text : "");
        break;
    case EV_STATE: {
        StreamView v = sim_stream(s, ev->subject);
        if (v.has_readable) {
            KV_I(&o, "rlen", v.rlen);
            put_rflow(&o, v.rflow);
            KV_B(&o, "rended", v.rended);
        }
        if (v.has_writable) {
            KV_I(&o, "wlen", v.wlen);
            KV_B(&o, "needdrain", v.needdrain);
            KV_B(&o, "wended", v.wended);
            KV_B(&o, "wfinished", v.wfinished);
        }
        KV_B(&o, "destroyed", v.destroyed);
        break;
    }
    case EV_MEM: {
        MemView m = sim_memory(s);
        KV_I(&o, "external", m.external);
        KV_I(&o, "heap", m.heap);
        if (m.has_retained)
            KV_I(&o, "retained", m.retained);
        KV_I(&o, "total", m.total);
        break;
    }
    default:
        break;
    }
    *o.p = 0;
    return (size_t)(o.p - out);
}

size_t trace_format(const Sim *s, const Event *ev, char *out)
{
    Out o = {out, out + TRACE_LINE_MAX - 1};
    put_i64(&o, ev->tick);
    return format_rest(s, ev, out, o, NULL);
}

size_t trace_header(const Scenario *sc, int64_t ticks, char *out)
{
    Out o = {out, out + TRACE_LINE_MAX - 1};
    put(&o, "# highwater-trace 1 scenario=");
    put(&o, sc->name);
    KV_I(&o, "ticks", ticks);
    KV_I(&o, "node", sc->node);
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
    w->tick = INT64_MIN;
    w->tick_len = 0;
    memset(w->tick_str, 0, sizeof w->tick_str);
    memset(w->subj, 0, sizeof w->subj);
    memset(w->kind, 0, sizeof w->kind);
    const Scenario *sc = sim_scenario(sim);
    for (int i = 0; i <= SC_MAX_STREAMS; i++) {
        Out o = {w->subj[i], w->subj[i] + sizeof w->subj[i] - 1};
        putc_(&o, ' ');
        if (i == 0)
            putc_(&o, '-');
        else if (i <= sc->nstreams)
            put(&o, sc->streams[i - 1].id);
        w->subj_len[i] = (unsigned char)(o.p - w->subj[i]);
    }
    for (int k = 0; k < EV__COUNT; k++) {
        Out o = {w->kind[k], w->kind[k] + sizeof w->kind[k] - 1};
        putc_(&o, ' ');
        const char *name = event_kind_name((EventKind)k);
        put(&o, name);
        /* 0 sends a name too long for its slot the slow way. */
        w->kind_len[k] = strlen(name) + 2 <= sizeof w->kind[k] ? (unsigned char)(o.p - w->kind[k]) : 0;
    }
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
    if (ev->tick != w->tick) {
        w->tick = ev->tick;
        w->tick_len = (unsigned char)fmt_i64(w->tick_str, ev->tick);
    }
    /* Same line as trace_format(), with the tick copied instead of formatted. */
    char *line = w->buf + w->n;
    memcpy(line, w->tick_str, sizeof w->tick_str); /* fixed size: no libc call */
    Out o = {line + w->tick_len, line + TRACE_LINE_MAX - 1};
    size_t len = format_rest(w->sim, ev, line, o, w);
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
