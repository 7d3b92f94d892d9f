/* scenario.h - the plain-data definition of a scenario, as the model consumes it.
 *
 * The scenario reader (sim/scenario/) fills a Scenario from YAML and resolves
 * every default (highWaterMarks from the Node preset, ratio 1/1, ...), so the
 * model and the Node exporter never guess: what is here is what runs.
 * A Scenario owns its memory (actions array, note texts); free it with
 * scenario_free(). Stream and wiring references are indices into streams[].
 *
 * Invariants (checked by scenario_validate()):
 *   - 1 <= nstreams <= SC_MAX_STREAMS, ids unique, [A-Za-z_][A-Za-z0-9_-]*
 *   - every wire references streams whose kinds fit its position (the first
 *     of a chain has a readable side, the last a writable side, the middle
 *     ones both); no stream is written to by two wires; no cycles
 *   - actions sorted by tick (stable: file order within a tick)
 *   - all byte counts >= 0 and < 2^62, rates < 2^50, ratio_num/den >= 1
 */
#ifndef HW_SCENARIO_H
#define HW_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SC_MAX_STREAMS 64
#define SC_MAX_WIRES 64
#define SC_MAX_CHAIN 16
#define SC_ID_MAX 32
#define SC_CODE_MAX 40
#define SC_SIZE_LIMIT (INT64_C(1) << 62) /* sizes are below this */
#define SC_RATE_LIMIT (INT64_C(1) << 50) /* rates (units per tick) are below this */
/* The most pushes one stream's own rate may ask for in a tick: a source's
 * rate over its chunk (or its rate in objects), a transform's output pieces
 * (outChunk). Far below the model's per-tick bound (SIM_TICK_EVENTS_MAX in
 * sim.h), so a valid scenario's tick ends in milliseconds; the reader, live
 * edits and --vary all refuse more, through scenario_validate(). */
#define SC_TICK_PUSHES_LOG2 18
#define SC_TICK_PUSHES_MAX (INT64_C(1) << SC_TICK_PUSHES_LOG2)

typedef enum { SK_SOURCE, SK_TRANSFORM, SK_SINK } StreamKind;

typedef struct {
    char id[SC_ID_MAX];       /* stream name, also the trace SUBJECT */
    StreamKind kind;
    /* resolved highWaterMarks (bytes, or objects on an objectMode side) */
    int64_t rhwm;             /* readable side (source, transform) */
    int64_t whwm;             /* writable side (transform, sink) */
    bool robj, wobj;          /* objectMode per side */
    int64_t object_size;      /* heap bytes one object accounts for (objectMode) */
    /* source */
    int64_t chunk;            /* bytes per push (objects: each push is 1 object of object_size) */
    int64_t total;            /* bytes (or objects) to produce; -1 = endless */
    bool ignores_backpressure;
    bool from_array;          /* Readable.from() of an array of `total` objects: no _read of its own,
                                 from()'s _read pushes them synchronously (no rate, no chunk) */
    /* all kinds: units of work per tick (bytes, or objects on an objectMode input side) */
    int64_t rate;
    /* transform */
    int64_t ratio_num, ratio_den; /* output bytes = ceil(input bytes * num / den) */
    int32_t batch;            /* one output per `batch` inputs (>= 1) */
    int64_t out_chunk;        /* push the output in pieces of at most this many bytes (zlib: 16 KiB); 0 = one push */
    /* sink */
    bool sync;                /* complete writes inside _write while the tick's work covers them */
    bool writev;              /* implements _writev */
    /* the Buffer half of the lessons */
    char *content;            /* source: the bytes it produces (UTF-8 text, repeated as needed); owned, NULL = zeros */
    int64_t content_len;      /* strlen(content) */
    bool encoding_utf8;       /* source: setEncoding('utf8') (readable side holds strings) */
    int64_t keep;             /* sink: bytes the application keeps of every chunk (0 = none) */
    bool keep_copy;           /* sink: keep a copy (true) or a slice that pins the chunk (false) */
    /* errors */
    bool handle_errors;       /* the application adds an 'error' listener */
    uint8_t like;             /* the Node API it stands for in the lesson: a LIKE_* of scenario/like.h, 0 = none; only the reader, writer and exporter read it */
    uint32_t line, col;       /* where the stream was declared (1-based) */
} StreamDef;

typedef enum {
    WIRE_PIPE,              /* a.pipe(b).pipe(c)               */
    WIRE_PIPELINE,          /* stream.pipeline(a, b, c, cb)    */
    WIRE_PIPELINE_PROMISE,  /* await stream.promises.pipeline  */
    WIRE_NAIVE,             /* a.on('data', c => b.write(c)); a.on('end', () => b.end()) */
    WIRE_MANUAL,            /* pause() on false, resume() on 'drain' */
    WIRE_FOR_AWAIT,         /* for await (c of a) { if (!b.write(c)) await once(b,'drain') } b.end() */
    WIRE_READABLE,          /* a.on('readable', () => { while ((c = a.read()) !== null) b.write(c) }) */
    WIRE__COUNT
} WireKind;

typedef struct {
    WireKind kind;
    int n;                     /* streams in the chain (2 for all but pipe/pipeline) */
    int16_t s[SC_MAX_CHAIN];   /* stream indices, upstream first */
    bool end;                  /* pipe's {end}: end the destination when the source ends */
    /* pipeline / promisesPipeline only: an async generator stage
     * `async function* NAME(source) { for await (const c of source) yield c }`
     * between s[gen_at - 1] and s[gen_at]; 0 = none (it is never first or last) */
    int8_t gen_at;
    char gen_name[SC_ID_MAX];  /* its function name, a stream-id-like identifier */
    uint32_t line, col;
} WireDef;

typedef enum {
    ACT_NOTE,     /* narration: text */
    ACT_RATE,     /* stream.rate = value */
    ACT_PAUSE,    /* stream.pause() */
    ACT_RESUME,   /* stream.resume() */
    ACT_UNPIPE,   /* stream.unpipe(target) or stream.unpipe() when target < 0 */
    ACT_WRITE,    /* stream.write(chunk of value bytes / one object of value bytes) */
    ACT_END,      /* stream.end() */
    ACT_CORK,     /* stream.cork() */
    ACT_UNCORK,   /* stream.uncork() */
    ACT_DESTROY,  /* stream.destroy() or destroy(err with code) when code[0] */
    ACT_FAIL,     /* the stream's work fails with code (see docs/scenario-format.md) */
    ACT_PIPE,     /* stream.pipe(target): again after an unpipe, or a second writer into target */
    ACT__COUNT
} ActionKind;

typedef struct {
    int64_t at;          /* tick, >= 1 */
    ActionKind kind;
    int16_t stream;      /* subject stream, -1 for a note */
    int16_t target;      /* unpipe destination, -1 = all; pipe destination (always given) */
    int64_t value;       /* rate, write size */
    char code[SC_CODE_MAX]; /* error code for destroy/fail, "" = none */
    char *text;          /* note text (owned), NULL otherwise */
    uint32_t line, col;
} ActionDef;

/* A question for class mode: playback stops before tick `at` runs, shows
 * `ask` with its choices, and reveals `answer` and `why` on a key press. */
#define SC_MAX_CHOICES 4
typedef struct {
    int64_t at;                /* the tick whose events answer it (>= 1) */
    char *ask;                 /* owned */
    char *choices[SC_MAX_CHOICES]; /* owned; unused entries NULL */
    int nchoices;              /* 2..4 */
    int answer;                /* index into choices */
    char *why;                 /* owned: the reason, shown with the answer */
    uint32_t line, col;
} QuestionDef;

typedef struct {
    char name[64];             /* trace header scenario= */
    char *title;               /* owned, may be NULL */
    char *description;         /* owned, may be NULL */
    int64_t ticks;             /* ticks to run after tick 0 */
    int64_t tick_us;           /* simulated duration of one tick in microseconds */
    int node;                  /* the Node major: its defaults and its behaviour (node_major_known) */
    int64_t memory_limit;      /* bytes, 0 = none */
    uint64_t seed;
    int nstreams;
    StreamDef streams[SC_MAX_STREAMS];
    int nwires;
    WireDef wires[SC_MAX_WIRES];
    int nactions;
    ActionDef *actions;        /* owned, sorted by at (stable) */
    int nquestions;
    QuestionDef *questions;    /* owned, sorted by at; the model ignores them */
} Scenario;

/* The Node majors the model follows, newest last; a scenario without `node:`
 * gets NODE_MAJOR_DEFAULT. Each behaviour that differs between them is one
 * predicate in model.h. */
#define NODE_MAJOR_DEFAULT 26
#define NODE_MAJORS_TEXT "20, 22, 24 or 26"
bool node_major_known(int major);

/* A scenario with no streams and the documented defaults (ticks 100, tick 1 ms, node 26). */
void scenario_init(Scenario *sc);
/* A stream definition with the defaults of `kind` under Node preset `node`. */
StreamDef streamdef_default(StreamKind kind, int node);
/* Frees what the scenario owns; leaves it as after scenario_init(). */
void scenario_free(Scenario *sc);
/* Appends an action (copies `a`, takes ownership of a->text). Returns 0, or -1 on allocation failure. */
int scenario_add_action(Scenario *sc, const ActionDef *a);
/* A deep copy: dst owns its own texts, actions, contents and questions.
 * Returns 0, or -1 on allocation failure (dst then freed and initialised). */
int scenario_clone(Scenario *dst, const Scenario *src);
/* Stream index by id, or -1. */
int scenario_find(const Scenario *sc, const char *id);

const char *wire_kind_name(WireKind k);   /* "pipe", "pipeline", ... as in YAML */
const char *action_kind_name(ActionKind k);

/* Sorts actions by tick, keeping file order within a tick. Returns 0, or -1 on
 * allocation failure (the order is then unchanged). */
int scenario_sort_actions(Scenario *sc);
/* Checks the invariants above. Returns 0, or 2 with `err` (if not NULL) set to
 * one line "file:line:col: what is wrong" at the recorded position of the
 * offending stream, wire or action (1:1 for scenario-wide values); `file` NULL
 * reads "<scenario>". Never modifies `sc`. */
int scenario_validate(const Scenario *sc, char *err, size_t errlen, const char *file);

#endif
