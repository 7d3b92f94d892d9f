/* scenario.c - defaults, ownership and invariants of the plain-data Scenario. */
#include "core/scenario.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIB INT64_C(1024)

void scenario_init(Scenario *sc)
{
    memset(sc, 0, sizeof *sc);
    sc->ticks = 100;
    sc->tick_us = 1000;
    sc->node = NODE_MAJOR_DEFAULT;
}

bool node_major_known(int major)
{
    return major == 20 || major == 22 || major == 24 || major == 26;
}

StreamDef streamdef_default(StreamKind kind, int node)
{
    /* Node 22 raised the default byte highWaterMark to 64 KiB; objects stay 16. */
    int64_t preset = node >= 22 ? 64 * KIB : 16 * KIB;
    StreamDef d;
    memset(&d, 0, sizeof d);
    d.kind = kind;
    /* A side the kind does not have stays 0, so nothing can mistake it for a buffer. */
    d.rhwm = kind != SK_SINK ? preset : 0;
    d.whwm = kind != SK_SOURCE ? preset : 0;
    d.object_size = KIB;
    d.chunk = kind == SK_SOURCE ? 16 * KIB : 0;
    d.total = -1;
    d.rate = 16 * KIB;
    d.ratio_num = 1;
    d.ratio_den = 1;
    d.batch = 1;
    d.handle_errors = true;
    return d;
}

void scenario_free(Scenario *sc)
{
    for (int i = 0; i < sc->nactions; i++)
        free(sc->actions[i].text);
    free(sc->actions);
    for (int i = 0; i < sc->nstreams; i++)
        free(sc->streams[i].content);
    for (int q = 0; q < sc->nquestions; q++) {
        free(sc->questions[q].ask);
        free(sc->questions[q].why);
        for (int c = 0; c < SC_MAX_CHOICES; c++)
            free(sc->questions[q].choices[c]);
    }
    free(sc->questions);
    free(sc->title);
    free(sc->description);
    scenario_init(sc);
}

static char *dup_or_null(const char *t, bool *ok)
{
    if (!t)
        return NULL;
    size_t n = strlen(t) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, t, n);
    else
        *ok = false;
    return c;
}

int scenario_clone(Scenario *dst, const Scenario *src)
{
    *dst = *src;
    /* Every owned pointer is cleared first, so scenario_free() can undo a
     * copy that fails half way. */
    dst->title = dst->description = NULL;
    dst->actions = NULL;
    dst->nactions = 0;
    dst->questions = NULL;
    dst->nquestions = 0;
    for (int i = 0; i < dst->nstreams; i++)
        dst->streams[i].content = NULL;
    bool ok = true;
    dst->title = dup_or_null(src->title, &ok);
    dst->description = dup_or_null(src->description, &ok);
    for (int i = 0; i < dst->nstreams; i++)
        dst->streams[i].content = dup_or_null(src->streams[i].content, &ok);
    if (src->nactions > 0) {
        dst->actions = calloc((size_t)src->nactions, sizeof *dst->actions);
        if (!dst->actions)
            ok = false;
        else {
            dst->nactions = src->nactions;
            for (int i = 0; i < src->nactions; i++) {
                dst->actions[i] = src->actions[i];
                dst->actions[i].text = dup_or_null(src->actions[i].text, &ok);
            }
        }
    }
    if (src->nquestions > 0) {
        dst->questions = calloc((size_t)src->nquestions, sizeof *dst->questions);
        if (!dst->questions)
            ok = false;
        else {
            dst->nquestions = src->nquestions;
            for (int q = 0; q < src->nquestions; q++) {
                const QuestionDef *from = &src->questions[q];
                QuestionDef *to = &dst->questions[q];
                *to = *from;
                to->ask = dup_or_null(from->ask, &ok);
                to->why = dup_or_null(from->why, &ok);
                for (int c = 0; c < SC_MAX_CHOICES; c++)
                    to->choices[c] = dup_or_null(from->choices[c], &ok);
            }
        }
    }
    if (!ok) {
        scenario_free(dst);
        return -1;
    }
    return 0;
}

int scenario_add_action(Scenario *sc, const ActionDef *a)
{
    if (sc->nactions < 0 || sc->nactions >= INT32_MAX - 1)
        return -1;
    /* Grows by one: callers with many actions (the reader) size the array themselves. */
    ActionDef *grown = realloc(sc->actions, (size_t)(sc->nactions + 1) * sizeof *grown);
    if (!grown)
        return -1;
    sc->actions = grown;
    sc->actions[sc->nactions++] = *a;
    return 0;
}

int scenario_find(const Scenario *sc, const char *id)
{
    for (int i = 0; i < sc->nstreams && i < SC_MAX_STREAMS; i++)
        if (!strncmp(sc->streams[i].id, id, SC_ID_MAX))
            return i;
    return -1;
}

const char *wire_kind_name(WireKind k)
{
    static const char *const names[WIRE__COUNT] = {
        "pipe", "pipeline", "promisesPipeline", "naive", "manual", "forAwait", "readable",
    };
    return (unsigned)k < WIRE__COUNT ? names[k] : "?";
}

const char *action_kind_name(ActionKind k)
{
    static const char *const names[ACT__COUNT] = {
        "note", "rate", "pause", "resume", "unpipe", "write",
        "end", "cork", "uncork", "destroy", "fail", "pipe",
    };
    return (unsigned)k < ACT__COUNT ? names[k] : "?";
}

int scenario_sort_actions(Scenario *sc)
{
    int n = sc->nactions;
    int i = 1;
    while (i < n && sc->actions[i - 1].at <= sc->actions[i].at)
        i++;
    if (i >= n)
        return 0;
    ActionDef *tmp = malloc((size_t)n * sizeof *tmp);
    if (!tmp)
        return -1;
    /* Bottom-up merge sort: stable, O(n log n) even for huge timelines. */
    ActionDef *src = sc->actions, *dst = tmp;
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;
            int a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                dst[k++] = src[b].at < src[a].at ? src[b++] : src[a++];
            while (a < mid)
                dst[k++] = src[a++];
            while (b < hi)
                dst[k++] = src[b++];
        }
        ActionDef *t = src;
        src = dst;
        dst = t;
    }
    if (src != sc->actions)
        memcpy(sc->actions, src, (size_t)n * sizeof *src);
    free(tmp);
    return 0;
}

/* ---- validation ---- */

typedef struct {
    char *err;
    size_t errlen;
    const char *file;
} Report;

static int report(const Report *r, uint32_t line, uint32_t col, const char *fmt, ...)
{
    if (!r->err || r->errlen == 0)
        return 2;
    int n = snprintf(r->err, r->errlen, "%s:%u:%u: ", r->file,
                     (unsigned)(line ? line : 1), (unsigned)(col ? col : 1));
    if (n >= 0 && (size_t)n < r->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    /* The message is one line whatever a file name or id holds. */
    for (char *p = r->err; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return 2;
}

static bool terminated(const char *s, size_t cap)
{
    return memchr(s, '\0', cap) != NULL;
}

static bool valid_ident(const char *s, size_t maxlen)
{
    size_t n = strlen(s);
    if (n == 0 || n > maxlen)
        return false;
    if (!(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!(c == '_' || c == '-' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

static bool has_readable(StreamKind k) { return k != SK_SINK; }
static bool has_writable(StreamKind k) { return k != SK_SOURCE; }

static bool in_size(int64_t v) { return v >= 0 && v < SC_SIZE_LIMIT; }
static bool in_rate(int64_t v) { return v >= 0 && v < SC_RATE_LIMIT; }

/* ---- work per tick ---- */

/* "16 KiB" when exact in binary units, else "N bytes" ("N-byte" as an
 * adjective: "1-byte chunks"). */
static void fmt_size(char *out, size_t n, int64_t v, bool adjective)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = -1;
    int64_t x = v;
    while (x >= 1024 && x % 1024 == 0 && u < 5) {
        x /= 1024;
        u++;
    }
    if (u >= 0)
        snprintf(out, n, "%lld %s", (long long)x, units[u]);
    else
        snprintf(out, n, adjective ? "%lld-byte" : v == 1 ? "%lld byte" : "%lld bytes", (long long)v);
}

/* "2^40" for a power of two from 2^10 on, else the number. */
static void fmt_count(char *out, size_t n, unsigned __int128 v)
{
    if (v >= 1024 && (v & (v - 1)) == 0) {
        int k = 0;
        while ((v >> k) > 1)
            k++;
        snprintf(out, n, "2^%d", k);
    } else if (v > (unsigned __int128)INT64_MAX) {
        snprintf(out, n, "more than 2^63");
    } else {
        snprintf(out, n, "%lld", (long long)v);
    }
}

static unsigned __int128 ceil_div(unsigned __int128 a, unsigned __int128 b)
{
    return (a + b - 1) / b;
}

static int64_t largest_object(const Scenario *sc)
{
    int64_t m = 1;
    for (int k = 0; k < sc->nstreams; k++)
        if ((sc->streams[k].robj || sc->streams[k].wobj) && sc->streams[k].object_size > m)
            m = sc->streams[k].object_size;
    return m;
}

/* The pushes stream `i` makes in one tick at `rate`: a source's pushes, a
 * transform's outChunk pieces (its input may be objects of up to the
 * scenario's largest objectSize). When they pass SC_TICK_PUSHES_MAX, an
 * error at (l, c) that says why and what would fit; `what` names the value. */
static int check_tick_pushes(const Report *r, const Scenario *sc, int i, int64_t rate, const char *what,
                             uint32_t l, uint32_t c)
{
    const StreamDef *d = &sc->streams[i];
    char rs[48], cs[48], ns[48];
    unsigned __int128 pushes;
    if (d->kind == SK_SOURCE) {
        /* a finite source cannot push more in a tick than its whole total */
        int64_t most = d->total >= 0 && d->total < rate ? d->total : rate;
        pushes = d->robj ? (unsigned __int128)most : ceil_div((unsigned __int128)most, (unsigned __int128)d->chunk);
        if (pushes <= (unsigned __int128)SC_TICK_PUSHES_MAX)
            return 0;
        fmt_count(ns, sizeof ns, pushes);
        if (d->robj)
            return report(r, l, c, "stream '%s': %s %lld objects is %s pushes per tick; at most 2^%d are "
                          "supported: lower the rate", d->id, what, (long long)rate, ns, SC_TICK_PUSHES_LOG2);
        fmt_size(rs, sizeof rs, rate, false);
        fmt_size(cs, sizeof cs, d->chunk, true);
        return report(r, l, c, "stream '%s': %s %s in %s chunks is %s pushes per tick; at most 2^%d are "
                      "supported: raise chunk or lower rate", d->id, what, rs, cs, ns, SC_TICK_PUSHES_LOG2);
    }
    if (d->kind != SK_TRANSFORM || d->out_chunk <= 0 || d->robj)
        return 0;
    unsigned __int128 in = (unsigned __int128)rate * (unsigned __int128)(d->wobj ? largest_object(sc) : 1);
    unsigned __int128 cap = (unsigned __int128)1 << 64; /* times a ratio term below 2^63: no overflow */
    if (in > cap)
        in = cap;
    unsigned __int128 out = ceil_div(in * (unsigned __int128)d->ratio_num, (unsigned __int128)d->ratio_den);
    pushes = ceil_div(out, (unsigned __int128)d->out_chunk);
    if (pushes <= (unsigned __int128)SC_TICK_PUSHES_MAX)
        return 0;
    fmt_count(ns, sizeof ns, pushes);
    fmt_size(cs, sizeof cs, d->out_chunk, true);
    return report(r, l, c, "stream '%s': %s %lld%s at ratio %lld/%lld in outChunk %s pieces is %s pushes "
                  "per tick; at most 2^%d are supported: raise outChunk, or lower rate or ratio", d->id, what,
                  (long long)rate, d->wobj ? " objects" : " bytes", (long long)d->ratio_num,
                  (long long)d->ratio_den, cs, ns, SC_TICK_PUSHES_LOG2);
}

static int validate_stream(const Report *r, const Scenario *sc, int i)
{
    const StreamDef *d = &sc->streams[i];
    uint32_t l = d->line, c = d->col;
    if (!terminated(d->id, SC_ID_MAX) || !valid_ident(d->id, SC_ID_MAX - 1))
        return report(r, l, c, "stream %d: id is not [A-Za-z_][A-Za-z0-9_-]* of at most %d characters",
                      i + 1, SC_ID_MAX - 1);
    for (int j = 0; j < i; j++)
        if (!strcmp(sc->streams[j].id, d->id))
            return report(r, l, c, "duplicate stream id '%s' (first at line %u)", d->id,
                          (unsigned)sc->streams[j].line);
    if ((unsigned)d->kind > SK_SINK)
        return report(r, l, c, "stream '%s': kind %d is not source, transform or sink", d->id,
                      (int)d->kind);
    if (has_readable(d->kind) && !in_size(d->rhwm))
        return report(r, l, c, "stream '%s': readable highWaterMark out of range", d->id);
    if (has_writable(d->kind) && !in_size(d->whwm))
        return report(r, l, c, "stream '%s': writable highWaterMark out of range", d->id);
    if (!in_size(d->object_size) || (d->object_size < 1 && (d->robj || d->wobj)))
        return report(r, l, c, "stream '%s': objectSize out of range", d->id);
    if (d->kind == SK_SOURCE) {
        if (d->chunk < 1 || d->chunk >= SC_SIZE_LIMIT)
            return report(r, l, c, "stream '%s': chunk out of range", d->id);
        if (d->total < -1 || d->total >= SC_SIZE_LIMIT)
            return report(r, l, c, "stream '%s': total out of range", d->id);
    }
    if (d->from_array) {
        /* from() makes an objectMode Readable of the array's items; its own
         * _read pushes until push() says stop, so there is no work to rate */
        if (d->kind != SK_SOURCE || !d->robj || d->total < 0 || d->ignores_backpressure || d->content ||
            d->encoding_utf8 || d->like)
            return report(r, l, c, "stream '%s': Readable.from() of an array is an objectMode source of "
                          "a finite number of items", d->id);
        if (d->rate != 0)
            return report(r, l, c, "stream '%s': a Readable.from() source has no rate (its _read pushes at once)",
                          d->id);
        if (d->rhwm > SC_TICK_PUSHES_MAX)
            return report(r, l, c, "stream '%s': highWaterMark %lld objects: from()'s _read pushes that many "
                          "in one call; at most 2^%d are supported", d->id, (long long)d->rhwm,
                          SC_TICK_PUSHES_LOG2);
    }
    if (!in_rate(d->rate))
        return report(r, l, c, "stream '%s': rate out of range (0 to 2^50-1 per tick)", d->id);
    if (d->ratio_num < 1 || d->ratio_den < 1)
        return report(r, l, c, "stream '%s': ratio terms must be at least 1", d->id);
    if (d->batch < 1)
        return report(r, l, c, "stream '%s': batch must be at least 1", d->id);
    if (d->out_chunk < 0 || d->out_chunk >= SC_SIZE_LIMIT)
        return report(r, l, c, "stream '%s': outChunk out of range", d->id);
    return check_tick_pushes(r, sc, i, d->rate, "rate", l, c);
}

/* With at most one writer per stream, a cycle shows up as a walk upstream
 * that returns to where it started. */
static bool upstream_reaches(const int *writer, int from, int target, int nstreams)
{
    for (int s = from, steps = 0; s >= 0 && steps <= nstreams; s = writer[s], steps++)
        if (s == target)
            return true;
    return false;
}

static int validate_wire(const Report *r, const Scenario *sc, int w, int *writer)
{
    const WireDef *wd = &sc->wires[w];
    uint32_t l = wd->line, c = wd->col;
    if ((unsigned)wd->kind >= WIRE__COUNT)
        return report(r, l, c, "wire %d: unknown kind %d", w + 1, (int)wd->kind);
    bool chain = wd->kind == WIRE_PIPE || wd->kind == WIRE_PIPELINE ||
                 wd->kind == WIRE_PIPELINE_PROMISE;
    if (wd->n < 2 || wd->n > SC_MAX_CHAIN || (!chain && wd->n != 2))
        return report(r, l, c, "%s: wrong number of streams (%d)", wire_kind_name(wd->kind), wd->n);
    if (wd->gen_at != 0 &&
        ((wd->kind != WIRE_PIPELINE && wd->kind != WIRE_PIPELINE_PROMISE) || wd->gen_at < 1 ||
         wd->gen_at >= wd->n || !terminated(wd->gen_name, sizeof wd->gen_name) ||
         !valid_ident(wd->gen_name, SC_ID_MAX - 1)))
        return report(r, l, c, "%s: an async generator stage goes between two streams of a pipeline, "
                      "with a name", wire_kind_name(wd->kind));
    for (int k = 0; k < wd->n; k++) {
        int s = wd->s[k];
        if (s < 0 || s >= sc->nstreams)
            return report(r, l, c, "%s: stream index %d out of range", wire_kind_name(wd->kind), s);
        StreamKind kind = sc->streams[s].kind;
        const char *id = sc->streams[s].id;
        if (k < wd->n - 1 && !has_readable(kind))
            return report(r, l, c, "'%s' is a sink: it cannot be upstream in a wire", id);
        if (k > 0 && !has_writable(kind))
            return report(r, l, c, "'%s' is a source: it cannot be downstream in a wire", id);
        if (k == 0)
            continue;
        if (writer[s] >= 0)
            return report(r, l, c, "'%s' is written to by two wires", id);
        if (upstream_reaches(writer, wd->s[k - 1], s, sc->nstreams))
            return report(r, l, c, "wiring forms a cycle through '%s'", id);
        writer[s] = wd->s[k - 1];
    }
    return 0;
}

static int validate_action(const Report *r, const Scenario *sc, int i)
{
    const ActionDef *a = &sc->actions[i];
    uint32_t l = a->line, c = a->col;
    if (a->at < 1 || a->at > sc->ticks)
        return report(r, l, c, "at: %lld is outside ticks 1..%lld", (long long)a->at,
                      (long long)sc->ticks);
    if (i > 0 && sc->actions[i - 1].at > a->at)
        return report(r, l, c, "actions are not sorted by tick");
    if ((unsigned)a->kind >= ACT__COUNT)
        return report(r, l, c, "unknown action kind %d", (int)a->kind);
    const char *name = action_kind_name(a->kind);
    if (!terminated(a->code, SC_CODE_MAX) || (a->code[0] && !valid_ident(a->code, SC_CODE_MAX - 1)))
        return report(r, l, c, "%s: bad error code", name);
    if (a->kind == ACT_NOTE) {
        if (!a->text)
            return report(r, l, c, "note without text");
        return 0;
    }
    if (a->stream < 0 || a->stream >= sc->nstreams)
        return report(r, l, c, "%s: stream index %d out of range", name, (int)a->stream);
    StreamKind kind = sc->streams[a->stream].kind;
    const char *id = sc->streams[a->stream].id;
    switch (a->kind) {
    case ACT_PAUSE: case ACT_RESUME: case ACT_UNPIPE: case ACT_PIPE:
        if (!has_readable(kind))
            return report(r, l, c, "%s needs a readable stream: '%s' is a sink", name, id);
        break;
    case ACT_WRITE: case ACT_END: case ACT_CORK: case ACT_UNCORK:
        if (!has_writable(kind))
            return report(r, l, c, "%s needs a writable stream: '%s' is a source", name, id);
        break;
    default:
        break;
    }
    if (a->kind == ACT_UNPIPE && a->target >= 0 &&
        (a->target >= sc->nstreams || !has_writable(sc->streams[a->target].kind)))
        return report(r, l, c, "unpipe: dest is not a writable stream");
    if (a->kind == ACT_PIPE) {
        const StreamDef *dd = a->target >= 0 && a->target < sc->nstreams ? &sc->streams[a->target] : NULL;
        if (!dd || !has_writable(dd->kind) || a->target == a->stream)
            return report(r, l, c, "pipe: dest is not another writable stream");
        /* Node's write() throws for an object on a byte-mode side */
        if (sc->streams[a->stream].robj && !dd->wobj)
            return report(r, l, c, "pipe: '%s' emits objects but '%s' takes bytes", id, dd->id);
    }
    if (a->kind == ACT_RATE && sc->streams[a->stream].from_array)
        return report(r, l, c, "rate: a Readable.from() source has no rate (its _read pushes at once)");
    if (a->kind == ACT_RATE && !in_rate(a->value))
        return report(r, l, c, "rate: %lld out of range (0 to 2^50-1 per tick)", (long long)a->value);
    if (a->kind == ACT_RATE && check_tick_pushes(r, sc, a->stream, a->value, "rate action", l, c))
        return 2;
    if (a->kind == ACT_WRITE && (a->value < 1 || a->value >= SC_SIZE_LIMIT))
        return report(r, l, c, "write: bytes %lld out of range", (long long)a->value);
    if (a->kind == ACT_FAIL && !a->code[0])
        return report(r, l, c, "fail needs an error code");
    return 0;
}

int scenario_validate(const Scenario *sc, char *err, size_t errlen, const char *file)
{
    Report r = {err, errlen, file ? file : "<scenario>"};
    if (err && errlen)
        err[0] = '\0';
    if (!terminated(sc->name, sizeof sc->name) || !sc->name[0])
        return report(&r, 1, 1, "the scenario has no name");
    if (sc->ticks < 1 || sc->ticks > 1000000000)
        return report(&r, 1, 1, "ticks: %lld is out of range (1..1000000000)", (long long)sc->ticks);
    if (sc->tick_us < 1 || sc->tick_us > 1000000000)
        return report(&r, 1, 1, "tick: %lld us is out of range (1us..1000s)", (long long)sc->tick_us);
    if (!node_major_known(sc->node))
        return report(&r, 1, 1, "node: expected " NODE_MAJORS_TEXT ", got %d", sc->node);
    if (!in_size(sc->memory_limit))
        return report(&r, 1, 1, "memoryLimit out of range");
    if (sc->nstreams < 1 || sc->nstreams > SC_MAX_STREAMS)
        return report(&r, 1, 1, "a scenario has 1 to %d streams, not %d", SC_MAX_STREAMS, sc->nstreams);
    if (sc->nwires < 0 || sc->nwires > SC_MAX_WIRES)
        return report(&r, 1, 1, "a scenario has at most %d wires, not %d", SC_MAX_WIRES, sc->nwires);
    if (sc->nactions < 0 || (sc->nactions > 0 && !sc->actions))
        return report(&r, 1, 1, "bad action list");
    for (int i = 0; i < sc->nstreams; i++)
        if (validate_stream(&r, sc, i))
            return 2;
    int writer[SC_MAX_STREAMS];
    for (int i = 0; i < SC_MAX_STREAMS; i++)
        writer[i] = -1;
    for (int w = 0; w < sc->nwires; w++)
        if (validate_wire(&r, sc, w, writer))
            return 2;
    for (int i = 0; i < sc->nactions; i++)
        if (validate_action(&r, sc, i))
            return 2;
    return 0;
}
