/* scengen.c - random valid scenarios (see scengen.h).
 *
 * One pass in three steps: draw the topology (sources, then wires that each
 * add new downstream streams, so the wiring is a forest and never has a
 * cycle or a stream with two writers; only the timeline's pipe adds one), then every stream's keys knowing what
 * feeds it (objectMode flows downstream), then the timeline. Each rule of the
 * format that limits a combination is applied where the value is drawn, and
 * says which rule it is.
 */
#include "scengen.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const int scengen_majors[] = {20, 22, 24, 26};
const int scengen_nmajors = (int)(sizeof scengen_majors / sizeof scengen_majors[0]);

#define MAX_STREAMS 9
#define MAX_WIRES 8
#define MAX_ACTIONS 8
#define MAX_WRITE 16384          /* largest timeline write */
#define MAX_OUTPUT (1 << 20)     /* largest chunk a transform emits */

/* ---- PRNG: splitmix64, one state word, the same numbers everywhere ---- */

typedef struct {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* 0..n-1 (n >= 1); the bias of a modulo is irrelevant at these sizes. */
static int64_t below(Rng *r, int64_t n)
{
    return n <= 1 ? 0 : (int64_t)(rng_next(r) % (uint64_t)n);
}

static int64_t between(Rng *r, int64_t lo, int64_t hi)
{
    return lo + below(r, hi - lo + 1);
}

static bool chance(Rng *r, int percent)
{
    return below(r, 100) < percent;
}

static int64_t pick(Rng *r, const int64_t *v, int n)
{
    return v[below(r, n)];
}
#define PICK(r, arr) pick((r), (arr), (int)(sizeof(arr) / sizeof((arr)[0])))

/* ---- output text ---- */

typedef struct {
    char *s;
    size_t len, cap;
    bool oom;
} Text;

static void put(Text *t, const char *fmt, ...)
{
    if (t->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = t->cap - t->len;
        int n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? room : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            t->oom = true;
            return;
        }
        if (t->s && (size_t)n < room) {
            t->len += (size_t)n;
            return;
        }
        size_t ncap = t->cap ? t->cap * 2 : 4096;
        while (ncap - t->len <= (size_t)n)
            ncap *= 2;
        char *g = realloc(t->s, ncap);
        if (!g) {
            t->oom = true;
            return;
        }
        t->s = g;
        t->cap = ncap;
    }
}

/* ---- the drawn scenario ---- */

typedef enum { K_SOURCE, K_TRANSFORM, K_SINK } Kind;
typedef enum { W_PIPE, W_PIPELINE, W_PROMISES, W_NAIVE, W_MANUAL, W_FOR_AWAIT, W_READABLE, W__N } Wire;
static const char *const wire_name[W__N] = {
    "pipe", "pipeline", "promisesPipeline", "naive", "manual", "forAwait", "readable",
};

typedef struct {
    Kind kind;
    int up;              /* the stream writing into this one, -1 none */
    int in_wire;         /* the kind of wire writing into it, -1 none */
    bool robj, wobj;     /* objectMode per side, as the reader resolves it */
    int64_t chunk;       /* source: bytes per push (1 object in objectMode) */
    int content;         /* source: index into texts + 1, 0 none */
    bool encoding;       /* source: setEncoding('utf8') */
    int async_uses;      /* promise-driven wires this stream is in */
    int64_t objsize;     /* objectSize (an object's bytes when a transform turns it into bytes) */
    int64_t maxout;      /* the largest chunk it can emit, in bytes */
    bool from;           /* source: Readable.from() of an array (no rate, no _read of its own) */
} Stream;

typedef struct {
    Wire kind;
    int n;
    int s[5];
} WireDef;

typedef struct {
    Rng rng;
    /* The shapes added later (from: array, generator stages) draw from their
     * own stream, so every number the older draws take stays what it was:
     * a seed's scenario changes only where a new shape is chosen. */
    Rng shape;
    const ScengenOptions *opt;
    int major, ticks, tick_us;
    bool content;        /* a scenario with content (the Buffer lessons' rules) */
    int nstreams;
    Stream st[MAX_STREAMS];
    int nwires;
    WireDef w[MAX_WIRES];
    Text out;
} Gen;

/* UTF-8 texts with 1-, 2-, 3- and 4-byte characters, so chunks split them.
 * None needs escaping inside YAML double quotes but the \n. */
static const char *const texts[] = {
    "hello world\\n",
    "caf\xC3\xA9 cr\xC3\xA8me ",
    "\xE2\x82\xAC" "5 \xE2\x82\xAC" "10 ",
    "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
    "a\xF0\x9F\x98\x80" "b\xF0\x9F\x8C\x8A",
    "line one\\nline two\\n",
};
#define NTEXTS (int)(sizeof texts / sizeof texts[0])

/* Bytes of a text once YAML has read its escapes. */
static int64_t text_bytes(const char *s)
{
    int64_t n = 0;
    for (; *s; s++, n++)
        if (s[0] == '\\' && s[1])
            s++;
    return n;
}

static bool has_readable(Kind k)
{
    return k != K_SINK;
}

static bool has_writable(Kind k)
{
    return k != K_SOURCE;
}

static bool is_async(Wire w)
{
    return w == W_FOR_AWAIT || w == W_PROMISES;
}

/* ---- step 1: topology ---- */

static int new_stream(Gen *g, Kind kind, int up)
{
    Stream *s = &g->st[g->nstreams];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->up = up;
    s->in_wire = -1;
    s->objsize = 1024;
    return g->nstreams++;
}

/* A wire's kind that may read from `up` under the exclusions. */
static Wire draw_wire(Gen *g, int up)
{
    static const int64_t weights[W__N] = {30, 15, 12, 10, 10, 12, 11};
    for (;;) {
        int64_t x = below(&g->rng, 100);
        Wire w = W_PIPE;
        for (int i = 0; i < W__N; i++) {
            if (x < weights[i]) {
                w = (Wire)i;
                break;
            }
            x -= weights[i];
        }
        if ((g->opt->exclude & SCENGEN_NO_SHARED_ASYNC) && is_async(w) && g->st[up].async_uses > 0)
            continue;
        return w;
    }
}

/* One wire from `up` through 1 to 3 new streams (1 for the two-stream kinds). */
static void add_wire(Gen *g, int up)
{
    Wire kind = draw_wire(g, up);
    bool chain = kind == W_PIPE || kind == W_PIPELINE || kind == W_PROMISES;
    int room = MAX_STREAMS - g->nstreams;
    int news = chain && !g->content ? (int)between(&g->rng, 1, 3) : 1;
    if (news > room)
        news = room;
    if (news < 1 || g->nwires == MAX_WIRES)
        return;
    WireDef *w = &g->w[g->nwires++];
    w->kind = kind;
    w->n = 0;
    w->s[w->n++] = up;
    int prev = up;
    for (int i = 0; i < news; i++) {
        bool last = i == news - 1;
        /* a content scenario has no transforms (their output has no bytes) */
        Kind k = !last || (!g->content && chance(&g->rng, 30)) ? K_TRANSFORM : K_SINK;
        prev = new_stream(g, k, prev);
        g->st[prev].in_wire = (int)kind;
        w->s[w->n++] = prev;
    }
    if (is_async(kind))
        for (int i = 0; i < w->n; i++)
            g->st[w->s[i]].async_uses++;
}

/* Streams with a readable side that a new wire may read from; with the
 * shared-async exclusion, not those a promise-driven wire already touches
 * when the new wire would be one too (decided in draw_wire). */
static int draw_upstream(Gen *g, int first)
{
    int cand[MAX_STREAMS], n = 0;
    for (int i = first; i < g->nstreams; i++)
        if (has_readable(g->st[i].kind))
            cand[n++] = i;
    if (n == 0)
        return -1;
    /* mostly the newest, so chains grow; sometimes an older one: fan-out */
    return chance(&g->rng, 65) ? cand[n - 1] : cand[below(&g->rng, n)];
}

static void draw_topology(Gen *g)
{
    int groups = chance(&g->rng, 20) ? 2 : 1;
    for (int gi = 0; gi < groups && g->nstreams < MAX_STREAMS - 1; gi++) {
        int first = new_stream(g, K_SOURCE, -1);
        int wires = (int)between(&g->rng, chance(&g->rng, 5) ? 0 : 1, 3);
        for (int i = 0; i < wires && g->nstreams < MAX_STREAMS; i++) {
            int up = draw_upstream(g, first);
            if (up < 0)
                break;
            add_wire(g, up);
        }
    }
    /* a sink nobody pipes into, written by the timeline only */
    if (!g->content && g->nstreams < MAX_STREAMS && chance(&g->rng, 6))
        new_stream(g, K_SINK, -1);
}

/* ---- step 2: streams ---- */

static const char *const codes[] = {"EIO", "ECONNRESET", "EPIPE", "Z_DATA_ERROR", "E_BAD-1"};
#define NCODES (int)(sizeof codes / sizeof codes[0])

/* A byte size, sometimes with a unit the reader converts. */
static void put_size(Gen *g, int64_t v)
{
    int64_t x = below(&g->rng, 10);
    if (v > 0 && v % 1048576 == 0 && x < 5)
        put(&g->out, "%lldMiB", (long long)(v / 1048576));
    else if (v > 0 && v % 1024 == 0 && x < 6)
        put(&g->out, "%lldKiB", (long long)(v / 1024));
    else if (v > 0 && v % 1000 == 0 && x < 4)
        put(&g->out, "%lldKB", (long long)(v / 1000));
    else if (x == 9)
        put(&g->out, "%lldB", (long long)v);
    else
        put(&g->out, "%lld", (long long)v);
}

/* A size on a side that counts objects (plain) or bytes (units allowed). */
static void put_amount(Gen *g, int64_t v, bool objects)
{
    if (objects)
        put(&g->out, "%lld", (long long)v);
    else
        put_size(g, v);
}

/* A rate per tick, or the same rate per second (exact for these ticks). */
static void put_rate(Gen *g, int64_t per_tick, bool objects)
{
    if (per_tick > 0 && chance(&g->rng, 15)) {
        int64_t per_s = per_tick * (1000000 / g->tick_us);
        put_amount(g, per_s, objects);
        put(&g->out, "/s");
    } else {
        put_amount(g, per_tick, objects);
    }
}

static int64_t draw_hwm(Gen *g, bool objects)
{
    static const int64_t bytes[] = {0, 1, 1, 2, 3, 4, 5, 8, 10, 16, 64, 100, 1024, 4096, 16384};
    static const int64_t objs[] = {0, 1, 1, 2, 3, 4, 8, 16};
    return objects ? PICK(&g->rng, objs) : PICK(&g->rng, bytes);
}

static void key_hwm(Gen *g, const char *key, bool objects)
{
    put(&g->out, ", %s: ", key);
    put_amount(g, draw_hwm(g, objects), objects);
}

static int64_t draw_chunk(Gen *g)
{
    static const int64_t chunks[] = {1, 2, 3, 4, 5, 7, 8, 10, 16, 100, 1000, 1024, 4096, 16384, 65536};
    return PICK(&g->rng, chunks);
}

/* A rate near `unit` (one chunk): 0, a fraction, a few units. */
static int64_t draw_rate(Gen *g, int64_t unit)
{
    switch (below(&g->rng, 8)) {
    case 0: return chance(&g->rng, 40) ? 0 : 1;
    case 1: return unit > 1 ? between(&g->rng, 1, unit - 1) : 1;
    case 2: case 3: return unit;
    case 4: return unit * 2;
    case 5: return unit * between(&g->rng, 2, 4) + below(&g->rng, unit);
    default: return between(&g->rng, 1, unit * 3);
    }
}

/* The unit of work a stream's input is measured in, for its rates. */
static int64_t work_unit(const Gen *g, int i)
{
    const Stream *s = &g->st[i];
    if (s->kind == K_SOURCE)
        return s->robj ? 1 : s->chunk;
    if (s->wobj)
        return 1;
    int up = s->up;
    while (up >= 0 && g->st[up].kind != K_SOURCE)
        up = g->st[up].up;
    return up >= 0 && !g->st[up].robj ? g->st[up].chunk : 16;
}

static bool rate_objects(const Stream *s)
{
    return s->kind == K_SOURCE ? s->robj : s->wobj;
}

static void draw_modes(Gen *g, int i)
{
    Stream *s = &g->st[i];
    bool up_obj = s->up >= 0 && g->st[s->up].robj;
    if (g->content)
        return;
    switch (s->kind) {
    case K_SOURCE:
        s->robj = chance(&g->rng, 20);
        break;
    case K_TRANSFORM:
        switch (below(&g->rng, up_obj ? 3 : 6)) {
        case 0: s->robj = s->wobj = true; break;                /* objectMode */
        case 1: s->wobj = true; break;                          /* objects in, bytes out */
        case 2: s->wobj = true; s->robj = chance(&g->rng, 50); break;
        case 3: s->robj = true; break;                          /* bytes in, objects out */
        default: break;
        }
        /* an objectMode readable side cannot feed a byte-mode writable side */
        if (up_obj)
            s->wobj = true;
        break;
    case K_SINK:
        s->wobj = up_obj || chance(&g->rng, 8);
        break;
    }
}

/* The objectMode keys that give s->robj and s->wobj. */
static void put_modes(Gen *g, Stream *s)
{
    if (s->kind != K_TRANSFORM) {
        if (s->robj || s->wobj)
            put(&g->out, ", objectMode: true");
        else if (chance(&g->rng, 5))
            put(&g->out, ", objectMode: false");
    } else if (s->robj && s->wobj && chance(&g->rng, 70)) {
        put(&g->out, ", objectMode: true");
    } else {
        if (s->robj)
            put(&g->out, ", readableObjectMode: true");
        if (s->wobj)
            put(&g->out, ", writableObjectMode: true");
    }
    if ((s->robj || s->wobj) && chance(&g->rng, 25)) {
        s->objsize = PICK(&g->rng, ((const int64_t[]){1, 10, 100, 1000}));
        put(&g->out, ", objectSize: %lld", (long long)s->objsize);
    }
}

/* Readable.from() of an array instead of the keys put_source drew: an
 * objectMode source, its mark 1 unless given, `items` for its length. */
static void put_from(Gen *g)
{
    put(&g->out, ", from: array, items: %lld", (long long)between(&g->shape, 0, 30));
    if (chance(&g->shape, 50))
        put(&g->out, ", highWaterMark: %lld", (long long)PICK(&g->shape, ((const int64_t[]){0, 1, 2, 3, 4, 16})));
}

static void put_source(Gen *g, int i)
{
    Stream *s = &g->st[i];
    /* the keys of an ordinary source are drawn either way (the main stream
     * of numbers must not shift), and dropped for a from() source */
    s->from = s->robj && !g->content && chance(&g->shape, 35);
    Text kept = g->out;
    if (s->from)
        g->out = (Text){0};
    if (chance(&g->rng, 60))
        key_hwm(g, "highWaterMark", s->robj);
    if (g->content) {
        s->content = (int)below(&g->rng, NTEXTS) + 1;
        const char *t = texts[s->content - 1];
        s->chunk = between(&g->rng, 1, 24);
        put(&g->out, ", chunk: %lld, content: \"%s\"", (long long)s->chunk, t);
        if (chance(&g->rng, 60))
            put(&g->out, ", total: %lld", (long long)(text_bytes(t) * between(&g->rng, 1, 12)));
        s->encoding = chance(&g->rng, 40);
        if (s->encoding)
            put(&g->out, ", encoding: utf8");
    } else if (s->robj) {
        s->chunk = 1;
        if (chance(&g->rng, 70))
            put(&g->out, ", total: %lld", (long long)between(&g->rng, 0, 40));
    } else {
        s->chunk = draw_chunk(g);
        if (chance(&g->rng, 80) || s->chunk != 16384) {
            put(&g->out, ", chunk: ");
            put_size(g, s->chunk);
        }
        if (chance(&g->rng, 70)) {
            put(&g->out, ", total: ");
            put_size(g, s->chunk * between(&g->rng, 0, 20) + (chance(&g->rng, 30) ? below(&g->rng, s->chunk) : 0));
        } else if (chance(&g->rng, 20)) {
            put(&g->out, ", total: endless");
        }
    }
    if (chance(&g->rng, 85)) {
        put(&g->out, ", rate: ");
        put_rate(g, draw_rate(g, s->chunk), s->robj);
    }
    if (chance(&g->rng, 8))
        put(&g->out, ", ignoresBackpressure: true");
    if (s->from) {
        kept.oom |= g->out.oom;
        free(g->out.s);
        g->out = kept;
        put_from(g);
    }
    s->maxout = s->robj ? s->objsize : s->chunk;
}

static void put_transform(Gen *g, int i)
{
    Stream *s = &g->st[i];
    switch (below(&g->rng, 6)) {
    case 0: case 1: key_hwm(g, "highWaterMark", s->robj || s->wobj); break;
    case 2: key_hwm(g, "readableHighWaterMark", s->robj); break;
    case 3: key_hwm(g, "writableHighWaterMark", s->wobj); break;
    case 4:
        key_hwm(g, "readableHighWaterMark", s->robj);
        key_hwm(g, "writableHighWaterMark", s->wobj);
        break;
    default: break;
    }
    if (chance(&g->rng, 80)) {
        put(&g->out, ", rate: ");
        put_rate(g, draw_rate(g, work_unit(g, i)), s->wobj);
    }
    /* ratio and outChunk only with a byte-mode readable side */
    int64_t num = 1, den = 1, batch = 1;
    bool ratio = !s->robj && chance(&g->rng, 30), pieces = !s->robj && chance(&g->rng, 20);
    if (ratio) {
        static const int64_t nums[] = {1, 1, 2, 3, 5};
        static const int64_t dens[] = {1, 2, 3, 4, 7};
        num = PICK(&g->rng, nums), den = PICK(&g->rng, dens);
    }
    if (chance(&g->rng, 20))
        batch = between(&g->rng, 1, 4);
    /* Outputs stay at most 1 MiB and are cut in at most 16 pieces, so a trace
     * stays small: a 64 KiB chunk x5 x4 through outChunk: 1 would be
     * millions of push lines. Inputs are what feeds it, or a timeline write. */
    int64_t in = s->up >= 0 && g->st[s->up].maxout > MAX_WRITE ? g->st[s->up].maxout : MAX_WRITE;
    while (batch > 1 && (in * num / den + 1) * batch > MAX_OUTPUT)
        batch--;
    if ((in * num / den + 1) * batch > MAX_OUTPUT)
        num = den;
    s->maxout = s->robj ? s->objsize : (in * num + den - 1) / den * batch;
    if (ratio && (den == 1 || chance(&g->rng, 20)))
        put(&g->out, ", ratio: %lld", (long long)num);
    else if (ratio)
        put(&g->out, ", ratio: %lld/%lld", (long long)num, (long long)den);
    if (pieces) {
        int64_t piece = PICK(&g->rng, ((const int64_t[]){1, 2, 3, 5, 8, 1000, 1024, 16384}));
        if (piece < s->maxout / 16)
            piece = s->maxout / 16;
        put(&g->out, ", outChunk: ");
        put_size(g, piece);
    }
    if (batch > 1 || chance(&g->rng, 3))
        put(&g->out, ", batch: %lld", (long long)batch);
}

static void put_sink(Gen *g, int i, bool any_encoding)
{
    Stream *s = &g->st[i];
    if (chance(&g->rng, 60))
        key_hwm(g, "highWaterMark", s->wobj);
    if (chance(&g->rng, 85)) {
        put(&g->out, ", rate: ");
        put_rate(g, draw_rate(g, work_unit(g, i)), s->wobj);
    }
    if (chance(&g->rng, 15))
        put(&g->out, ", sync: true");
    if (chance(&g->rng, 15))
        put(&g->out, ", writev: true");
    /* keep: byte-mode sinks only, never with a source that has encoding */
    if (!s->wobj && !any_encoding && chance(&g->rng, g->content ? 40 : 8)) {
        put(&g->out, ", keep: %lld", (long long)between(&g->rng, 1, 16));
        if (chance(&g->rng, 50))
            put(&g->out, ", keepCopy: %s", chance(&g->rng, 70) ? "true" : "false");
    }
}

static void put_streams(Gen *g)
{
    int order[MAX_STREAMS];
    for (int i = 0; i < g->nstreams; i++)
        order[i] = i;
    /* declaration order is the order of each phase of a tick: vary it */
    if (chance(&g->rng, 30))
        for (int i = g->nstreams - 1; i > 0; i--) {
            int j = (int)below(&g->rng, i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    for (int i = 0; i < g->nstreams; i++)
        draw_modes(g, i);
    /* sources first (in creation order), so encoding is known before sinks */
    bool any_encoding = false;
    static const char *const kinds[] = {"source", "transform", "sink"};
    Text lines[MAX_STREAMS];
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < g->nstreams; i++) {
            Stream *s = &g->st[i];
            if ((s->kind == K_SOURCE) != (pass == 0))
                continue;
            Text saved = g->out;
            g->out = (Text){0};
            put(&g->out, "  - {id: s%d, kind: %s", i, kinds[s->kind]);
            put_modes(g, s);
            if (s->kind == K_SOURCE)
                put_source(g, i);
            else if (s->kind == K_TRANSFORM)
                put_transform(g, i);
            else
                put_sink(g, i, any_encoding);
            if (chance(&g->rng, 5))
                put(&g->out, ", handleErrors: false");
            put(&g->out, "}\n");
            any_encoding |= s->encoding;
            lines[i] = g->out;
            g->out = saved;
        }
    put(&g->out, "streams:\n");
    for (int i = 0; i < g->nstreams; i++) {
        const Text *l = &lines[order[i]];
        g->out.oom |= l->oom;
        put(&g->out, "%s", l->s ? l->s : "");
    }
    for (int i = 0; i < g->nstreams; i++)
        free(lines[i].s);
}

/* ---- wiring ---- */

/* Where a pipeline gets an async generator stage: before stream k of the
 * chain (1..n-1), or 0 for none. The stage is a promise-driven consumer of
 * the stream before it, so under SCENGEN_NO_SHARED_ASYNC it goes only where
 * no other one reads. */
static int draw_gen_at(Gen *g, const WireDef *w)
{
    if ((w->kind != W_PIPELINE && w->kind != W_PROMISES) || !chance(&g->shape, 30))
        return 0;
    int k = (int)between(&g->shape, 1, w->n - 1);
    if ((g->opt->exclude & SCENGEN_NO_SHARED_ASYNC) && g->st[w->s[k - 1]].async_uses > 0)
        return 0;
    return k;
}

static void put_wiring(Gen *g)
{
    if (g->nwires == 0)
        return;
    put(&g->out, "wiring:\n");
    for (int i = 0; i < g->nwires; i++) {
        const WireDef *w = &g->w[i];
        int gen_at = draw_gen_at(g, w);
        put(&g->out, "  - {%s: [", wire_name[w->kind]);
        for (int k = 0; k < w->n; k++) {
            if (k > 0 && k == gen_at)
                put(&g->out, ", {generator: g%d}", i);
            put(&g->out, "%ss%d", k ? ", " : "", w->s[k]);
        }
        put(&g->out, "]");
        if (w->kind == W_PIPE && chance(&g->rng, 12))
            put(&g->out, ", end: %s", chance(&g->rng, 80) ? "false" : "true");
        put(&g->out, "}\n");
    }
}

/* ---- step 3: timeline ---- */

typedef enum { A_RATE, A_PAUSE, A_RESUME, A_UNPIPE, A_WRITE, A_END, A_CORK, A_UNCORK,
               A_DESTROY, A_FAIL, A_NOTE, A_PIPE, A__N } Act;
static const char *const act_name[A__N] = {
    "rate", "pause", "resume", "unpipe", "write", "end", "cork", "uncork", "destroy", "fail", "note", "pipe",
};

/* A stream the action applies to, or -1. */
static int act_stream(Gen *g, Act a)
{
    int cand[MAX_STREAMS], n = 0;
    for (int i = 0; i < g->nstreams; i++) {
        Kind k = g->st[i].kind;
        bool ok = true;
        if (a == A_PAUSE || a == A_RESUME || a == A_UNPIPE || a == A_PIPE)
            ok = has_readable(k);
        else if (a == A_RATE)
            ok = !g->st[i].from; /* from() has no rate */
        else if (a == A_WRITE || a == A_END || a == A_CORK || a == A_UNCORK)
            ok = has_writable(k);
        if (a == A_END && (g->opt->exclude & SCENGEN_NO_END_INTO_PIPELINE) &&
            (g->st[i].in_wire == W_PIPELINE || g->st[i].in_wire == W_PROMISES))
            ok = false;
        if (ok)
            cand[n++] = i;
    }
    return n ? cand[below(&g->rng, n)] : -1;
}

/* A destination for src.pipe(): another stream with a writable side that
 * takes what src emits and is not upstream of it (no loop), or -1. */
static int pipe_dest(Gen *g, int src)
{
    int cand[MAX_STREAMS], n = 0;
    for (int i = 0; i < g->nstreams; i++) {
        const Stream *d = &g->st[i];
        bool upstream = false;
        for (int u = src, steps = 0; u >= 0 && steps <= MAX_STREAMS; u = g->st[u].up, steps++)
            upstream |= u == i;
        if (has_writable(d->kind) && !upstream && (!g->st[src].robj || d->wobj))
            cand[n++] = i;
    }
    return n ? cand[below(&g->shape, n)] : -1;
}

static void put_action(Gen *g, int at, Act a)
{
    if (a == A_NOTE) {
        put(&g->out, "  - {at: %d, note: \"tick %d\"}\n", at, at);
        return;
    }
    int s = act_stream(g, a);
    if (s < 0)
        return;
    const Stream *st = &g->st[s];
    int dest = a == A_PIPE ? pipe_dest(g, s) : -1;
    if (a == A_PIPE && dest < 0)
        return;
    put(&g->out, "  - {at: %d, do: %s, stream: s%d", at, act_name[a], s);
    if (a == A_PIPE)
        put(&g->out, ", dest: s%d", dest);
    switch (a) {
    case A_RATE:
        put(&g->out, ", rate: ");
        put_rate(g, chance(&g->rng, 25) ? 0 : draw_rate(g, work_unit(g, s)), rate_objects(st));
        break;
    case A_UNPIPE:
        if (chance(&g->rng, 60)) {
            int d = -1;
            for (int i = 0; i < g->nstreams; i++)
                if (g->st[i].up == s && chance(&g->rng, 70))
                    d = i;
            if (d < 0)
                d = act_stream(g, A_WRITE);
            if (d >= 0)
                put(&g->out, ", dest: s%d", d);
        }
        break;
    case A_WRITE:
        put(&g->out, ", bytes: ");
        put_size(g, PICK(&g->rng, ((const int64_t[]){1, 2, 3, 5, 8, 10, 100, 1024, 16384})));
        break;
    case A_DESTROY:
        if (chance(&g->rng, 50))
            put(&g->out, ", error: %s", codes[below(&g->rng, NCODES)]);
        break;
    case A_FAIL:
        put(&g->out, ", error: %s", codes[below(&g->rng, NCODES)]);
        break;
    default:
        break;
    }
    put(&g->out, "}\n");
}

static Act draw_act(Gen *g)
{
    static const int64_t weights[A__N] = {16, 12, 10, 7, 10, 6, 6, 6, 8, 9, 3, 0}; /* pipe: put_timeline */
    int64_t total = 0;
    for (int i = 0; i < A__N; i++)
        total += weights[i];
    for (;;) {
        int64_t x = below(&g->rng, total);
        int a = 0;
        while (x >= weights[a])
            x -= weights[a++];
        /* no application writes in a scenario with content: every chunk's bytes are known */
        if (a == A_WRITE && g->content)
            continue;
        return (Act)a;
    }
}

static void put_timeline(Gen *g)
{
    int n = (int)below(&g->rng, MAX_ACTIONS + 1);
    if (chance(&g->rng, 20))
        n = 0;
    if (n == 0)
        return;
    int at[MAX_ACTIONS];
    Act act[MAX_ACTIONS];
    for (int i = 0; i < n; i++) {
        at[i] = (int)between(&g->rng, 1, g->ticks);
        act[i] = draw_act(g);
        /* src.pipe(dest) on a tick (re-piping, a second writer): from the
         * shapes' own numbers, so the other draws stay as they were */
        if (!g->content && chance(&g->shape, 8))
            act[i] = A_PIPE;
        /* cork is mostly undone a few ticks later, as code does */
        if (act[i] == A_CORK && i + 1 < n && chance(&g->rng, 60)) {
            at[i + 1] = (int)between(&g->rng, at[i], g->ticks);
            act[++i] = A_UNCORK;
        }
    }
    /* the reader sorts by tick (stable); mostly write them sorted, as people do */
    if (chance(&g->rng, 80))
        for (int i = 1; i < n; i++)
            for (int j = i; j > 0 && at[j - 1] > at[j]; j--) {
                int ta = at[j];
                Act tk = act[j];
                at[j] = at[j - 1], act[j] = act[j - 1];
                at[j - 1] = ta, act[j - 1] = tk;
            }
    /* an action no stream can take is left out: the header only when some remain */
    Text head = g->out;
    g->out = (Text){0};
    for (int i = 0; i < n; i++)
        put_action(g, at[i], act[i]);
    Text items = g->out;
    g->out = head;
    g->out.oom |= items.oom;
    if (items.len)
        put(&g->out, "timeline:\n%s", items.s);
    free(items.s);
}

/* ---- top level ---- */

ScengenOptions scengen_options_default(void)
{
    return (ScengenOptions){.nmajors = 0, .max_ticks = 40, .exclude = 0};
}

int scengen_major(uint64_t seed, const ScengenOptions *opt)
{
    /* its own stream of numbers, so the major does not shift the rest */
    Rng r = {seed ^ UINT64_C(0x6D616A6F72)};
    if (opt && opt->nmajors > 0)
        return opt->majors[below(&r, opt->nmajors)];
    return scengen_majors[below(&r, scengen_nmajors)];
}

char *scengen_yaml(uint64_t seed, const ScengenOptions *opt)
{
    ScengenOptions def = scengen_options_default();
    Gen g;
    memset(&g, 0, sizeof g);
    g.opt = opt ? opt : &def;
    g.rng.s = seed;
    g.shape.s = seed ^ UINT64_C(0x7368617065); /* "shape" */
    g.major = scengen_major(seed, g.opt);
    int max_ticks = g.opt->max_ticks < 3 ? 3 : g.opt->max_ticks;
    g.ticks = (int)between(&g.rng, 3, max_ticks);
    static const struct {
        int us;
        const char *text;
    } ticks[] = {{1000, "1ms"}, {1000, "1ms"}, {1000, "1ms"}, {1000, "1000us"},
                 {500, "500us"}, {2000, "2ms"}, {10000, "10ms"}, {1000000, "1s"}};
    int tk = (int)below(&g.rng, (int64_t)(sizeof ticks / sizeof ticks[0]));
    g.tick_us = ticks[tk].us;
    g.content = chance(&g.rng, 10);

    put(&g.out, "name: gen-%llu\n", (unsigned long long)seed);
    if (chance(&g.rng, 10))
        put(&g.out, "title: \"generated from seed %llu\"\n", (unsigned long long)seed);
    put(&g.out, "seed: %llu\n", (unsigned long long)seed);
    put(&g.out, "ticks: %d\n", g.ticks);
    if (tk > 1)
        put(&g.out, "tick: %s\n", ticks[tk].text);
    put(&g.out, "node: %d\n", g.major);
    if (chance(&g.rng, 6))
        put(&g.out, "memoryLimit: %lld\n", (long long)PICK(&g.rng, ((const int64_t[]){100, 4096, 65536, 1048576})));
    draw_topology(&g);
    put_streams(&g);
    put_wiring(&g);
    put_timeline(&g);
    if (chance(&g.rng, 3))
        put(&g.out, "questions:\n  - {at: 1, ask: \"What happens?\", choices: [\"a\", \"b\"], answer: 2, why: \"because\"}\n");
    if (g.out.oom) {
        free(g.out.s);
        return NULL;
    }
    return g.out.s;
}
