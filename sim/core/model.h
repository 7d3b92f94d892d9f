/* model.h - the model's internal state, shared by the core modules only.
 *
 * Everything lives in one flat Sim block with no pointers (indices only), so
 * a snapshot is a memcpy of sim_state_size() bytes. The modules:
 *   chunkq.c    run-length queues of chunk sizes (the stream buffers)
 *   ticks.c     the process.nextTick and promise-reaction queues, settle()
 *   emitter.c   listeners and emit() (with the trace logging of emit)
 *   readable.c  Readable: push, read, flow, pause/resume, 'readable', 'end'
 *   writable.c  Writable: write, buffering, onwrite, drain, cork, end, finish
 *   destroy.c   destroy(), errorOrDestroy(), 'error'/'close' emission
 *   transform.c Transform's held callback, final/flush
 *   pipe.c      Readable.prototype.pipe/unpipe and the application wirings
 *   pipeline.c  stream.pipeline, promises.pipeline, end-of-stream
 *   schedule.c  the tick: timeline, sink/transform/source work, sampling
 *   sim.c       the public API (sim.h)
 *   check.c     sim_check(): the invariants below
 * Invariants (sim_check(); the -DSIM_TESTING build checks after every event):
 *   - every buffer's totals are the sums over its runs
 *   - a readable side's length equals its queued chunks (plus Node 26's
 *     parked chunk, which never outlives flowSync())
 *   - a writable side's length equals buffered units + the in-flight chunk
 *   - flowing implies readableFlowing set; Node 26's pipeOnData is the one pipe
 *   - listener groups are in stream order and ids unique; queues within caps
 *   - the memory total is the sum of its parts
 */
#ifndef HW_MODEL_H
#define HW_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "content.h"
#include "event.h"
#include "scenario.h"
#include "sim.h"

#define CQ_CAP 256          /* distinct-size runs one buffer can hold */
#define TQ_CAP 1024         /* pending nextTick callbacks */
#define MQ_CAP 256          /* pending promise reactions */
#define LS_CAP 1024         /* listeners over all streams */
#define PIPE_CAP 128        /* pipe() connections ever made */
#define CODE_CAP 64         /* distinct error codes */

/* ---- chunks -------------------------------------------------------------- */
/* A chunk is its size; with `content` scenarios also which bytes of which
 * source's content it holds (contiguous, so an offset says it all), and
 * whether it is a decoded string (setEncoding) rather than a Buffer. */
typedef struct {
    int64_t units;  /* length units: bytes, UTF-16 code units for strings, 1 for objects */
    int64_t bytes;  /* byte length (a string's UTF-8 length; an object's size) */
    int64_t coff;   /* content offset, -1 = no content */
    int16_t csrc;   /* content source stream, -1 = none */
    bool str;       /* a decoded string */
    int64_t cid;    /* which source Buffer this is (CID_*), 0 = not tracked */
} Chunk;

/* Chunk identity, tracked only where some sink keeps slices: a slice pins
 * its chunk's whole Buffer, and a Buffer two sinks both slice counts once.
 * A source's n-th pushed Buffer (n from 1) is CID(source, n); a
 * concatenation, a decoded string or a transform's output is a new
 * allocation (0, counted on its own, as before). */
#define CID(src, n) ((((int64_t)(src) + 1) << 40) | (int64_t)(n))
#define CID_SRC(cid) ((int)((cid) >> 40) - 1)
#define PIN_CAP 32          /* pinned id intervals per source */
/* Buffer.allocUnsafe() carves sizes under half of Buffer.poolSize out of
 * one shared slab (8 KiB before Node 24, 64 KiB from 24): a paused read()
 * that concatenates chunks gets such a Buffer, and a slice of it pins the
 * whole slab. Slabs are ids of this pseudo-source (CID(POOL_SRC, n)). */
#define POOL_SRC SC_MAX_STREAMS
#define FLPIN_CAP 8         /* id ranges one write (or _writev batch) pins */

typedef struct {
    int64_t cid0;   /* first id; the range is cid0 .. cid0 + count - 1 */
    int64_t count;
    int64_t bytes;  /* bytes per Buffer */
} PinRange;

/* ---- chunk queues ---------------------------------------------------- */
typedef struct {
    int64_t size;   /* units per chunk (bytes, or 1 for an object) */
    int64_t bytes;  /* bytes per chunk (the object's size in objectMode) */
    int64_t count;  /* consecutive chunks of this size */
    int64_t cid0;   /* the first chunk's id; the others follow (0: untracked) */
} Run;

typedef struct {
    Run runs[CQ_CAP];
    int32_t head, n;        /* ring of n runs starting at head */
    int64_t chunks;         /* total chunk count */
    int64_t units;          /* total units */
    int64_t bytes;          /* total bytes */
    int64_t coff;           /* content offset of the first chunk (chunks are contiguous) */
    int16_t csrc;           /* content source, -1 = none */
    bool str;               /* the chunks are decoded strings */
} ChunkQ;

/* ---- errors: an error is an index into Sim.codes (0 = none) -------------- */
enum {
    CODE_NONE = 0,
    CODE_PREMATURE_CLOSE,
    CODE_WRITE_AFTER_END,
    CODE_DESTROYED,
    CODE_PUSH_AFTER_EOF,
    CODE_MULTIPLE_CALLBACK,
    CODE_ALREADY_FINISHED,
    CODE_ABORT,
    CODE_MODEL_LIMIT,
    CODE_TICK_LIMIT,
    CODE__BUILTIN
};

/* ---- listeners --------------------------------------------------------- */
typedef enum {
    E_DATA, E_END, E_READABLE, E_DRAIN, E_ERROR, E_CLOSE, E_FINISH, E_PREFINISH,
    E_PIPE, E_UNPIPE, E_PAUSE, E_RESUME, E__COUNT
} EmitName;

typedef enum {
    L_NOOP,              /* the application's error listener, Transform's prefinish */
    L_PIPE_ONDATA, L_PIPE_ONEND, L_PIPE_UNPIPE, L_PIPE_ONUNPIPE, L_PIPE_ONERROR,
    L_PIPE_ONCLOSE, L_PIPE_ONFINISH, L_PIPE_ONDRAIN,
    L_NAIVE_DATA, L_MANUAL_DATA, L_MANUAL_DRAIN, L_APP_END, L_RLOOP_READABLE,
    L_EOS,               /* end-of-stream listener: arg = eos index, sub = which */
    L_PL_CLOSE,          /* pipeline destroyer's 'close' mark: arg = eos index */
    L_PL_ONERROR,        /* pipeline onError: arg = pipeline index */
    L_PL_DST_CLOSE,      /* pipeline pipe(): dst 'close' before end -> premature */
    L_PL_ENDFN,          /* pipeline pipe(): src 'end' -> dst.end() */
    L_PL_FINISH,         /* src.once('end'/'error', finish) */
    L_ITER_READABLE,     /* async iterator's next */
    L_ONCE_DRAIN,        /* events.once(dest, 'drain') */
    L_ONCE_ERROR,        /* events.once(dest, 'drain')'s error listener */
    L_PUMP_DRAIN,        /* pipeline's pumpToNode: writable.on('drain', resume), arg = wire */
    L__COUNT
} ListenerKind;

typedef struct {
    int32_t id;          /* unique, for removal and once */
    int16_t stream;
    uint8_t ev;          /* EmitName */
    uint8_t kind;        /* ListenerKind */
    uint8_t once;
    uint8_t sub;
    int16_t arg;         /* pipe / eos / pipeline / wire index */
} Listener;

/* ---- nextTick / microtask work ------------------------------------------ */
typedef enum {
    T_AFTER_WRITE,       /* a = stream, n = count */
    T_FINISH_MAYBE,      /* finishMaybe's deferred check */
    T_FINISH,            /* onFinish's deferred finish */
    T_ERROR_BUFFER,
    T_EMIT_READABLE,
    T_MAYBE_READ_MORE,
    T_RESUME,
    T_END_READABLE,
    T_EMIT_CLOSE,
    T_EMIT_ERROR_CLOSE,  /* code */
    T_EMIT_ERROR,        /* code */
    T_ONWRITE_ERROR,     /* code */
    T_UPDATE_READABLE_LISTENING,
    T_READ0,             /* nReadingNextTick */
    T_PIPE_ENDFN,        /* a = pipe index */
    T_TRANSFORM_CB,      /* the transform callback delayed after push(null) */
    T_NOOP,              /* a callback that does nothing observable */
    T_EOS_CALLBACK,      /* a = eos index, code */
    T_PIPELINE_CALLBACK, /* a = pipeline index, code */
    T_PL_ENDFN,          /* a = pipeline pipe: dst.end() */
    T_ITER,              /* microtask: the for-await coroutine, a = wire index */
    T_PROMISE_SETTLE,    /* microtask: promises.pipeline result, a = pipeline, code */
    T_FROM_CLOSED,       /* microtask: Readable.from()'s close() settled, a = stream, code */
    T_FROM_DESTROY_CB,   /* its nextTick(cb, error): destroy()'s onDestroy, a = stream, code */
    T__COUNT
} TaskKind;

typedef struct {
    uint8_t kind;
    int16_t a;
    int32_t n;
    int32_t code;
} Task;

typedef struct {
    Task q[TQ_CAP];
    int32_t head, n;
} TaskQ;

typedef struct {
    Task q[MQ_CAP];
    int32_t head, n;
} MicroQ;

/* ---- pipes --------------------------------------------------------------- */
typedef struct {
    int16_t src, dest;
    bool end;            /* {end} option */
    bool cleaned_up;
    bool ondrain;        /* the lazy 'drain' listener was added */
    bool unpipe_on_end;  /* endFn is unpipe (end:false) */
} Pipe;

/* ---- end-of-stream / pipeline ------------------------------------------- */
#define EOS_CAP 64
#define PL_CAP 16
#define PLP_CAP 64

typedef enum { EOS_PL_DESTROYER, EOS_PL_SRC, EOS_PL_DST, EOS_ITER, EOS_PUMP } EosOwner;

typedef struct {
    int16_t stream;
    bool readable, writable;   /* which sides it waits for */
    uint8_t owner;             /* EosOwner */
    int16_t owner_arg;         /* pipeline / pipeline-pipe / destroyer / wire index */
    bool done;                 /* callback already called (once) */
    bool cleaned;              /* listeners removed */
    bool finished_mark;        /* destroyer: its `finished` flag */
    bool will_emit_close;      /* waits for 'close' after 'end'/'finish' */
    bool wfinished, rfinished; /* writableFinished / readableFinished as eos tracks them */
} Eos;

typedef struct {
    int16_t first, last;       /* index into Sim.plstreams for the chain */
    int16_t nstreams;
    int16_t wire;              /* scenario wire index */
    bool promise;
    int32_t finish_count;
    int32_t error;             /* first error code, 0 = none */
    bool finished;             /* finishImpl(final) ran */
    bool called;
    int16_t destroyer[SC_MAX_CHAIN]; /* eos index of each stream's destroyer, -1 */
    /* lastStreamCleanup: a last stream with a readable side loses, when the
     * pipeline succeeds, its 'error' listener and these eos watchers (its
     * destroyer's, and pipe()'s on it as destination); -1 = none */
    bool last_readable;
    int16_t last_eos[2];
} Pipeline;

typedef struct {                 /* pipeline's pipe(src, dst) */
    int16_t pl;
    int16_t src, dst;
    bool ended;
} PlPipe;

/* ---- per stream ----------------------------------------------------------- */
typedef struct {
    const StreamDef *def;    /* the scenario's definition (constant for the Sim's life) */
    /* readable side */
    bool has_r;
    ChunkQ rq;
    int64_t rlen;            /* units */
    int64_t rhwm;
    bool robj;
    bool r_ended, r_end_emitted, r_reading, r_sync, r_need_readable,
        r_emitted_readable, r_readable_listening, r_resume_scheduled,
        r_multi_await_drain, r_reading_more, r_data_emitted, r_has_flowing,
        r_flowing, r_has_paused, r_paused, r_data_listening,
        r_eof_readable_pending; /* Node 24's kEofReadablePending */
    int16_t pipes[SC_MAX_STREAMS]; /* destination pipe indices, in order */
    int16_t npipes;
    int16_t pipe_fast;       /* Node 26's pipeOnData / pipePause: the pipe when it is the only one, or -1 */
    bool r_fast_push;        /* Node 26's kFastPush: flowSync() is inside _read() */
    bool has_fast_chunk;     /* Node 26's fastChunk: a chunk counted in rlen but not in rq */
    Chunk fast_chunk;
    int16_t adw_single;      /* awaitDrainWriters when not multi: dest stream or -1 */
    uint64_t adw_set;        /* when multi: bit per dest stream */
    bool adw_set_exists;     /* multi: a Set object exists */
    /* writable side */
    bool has_w;
    ChunkQ wq;               /* buffered writes (not the in-flight one) */
    int64_t wlen;            /* units, in-flight included */
    int64_t whwm;
    bool wobj;
    int64_t writelen;        /* units of the write in flight */
    int64_t writebytes;
    int32_t corked;
    bool w_writing, w_sync, w_expect_cb, w_need_drain, w_ending, w_ended,
        w_finished, w_final_called, w_prefinished, w_after_write_pending,
        w_buffer_processing, w_buffered;
    int32_t pendingcb;
    /* shared (Duplex keeps flags per side; they move together here) */
    bool destroyed, closed, close_emitted, error_emitted;
    int32_t errored;         /* code, 0 = none */
    int32_t r_errored;       /* the readable side's errored, for Duplex (code) */
    /* transform */
    bool held;               /* kCallback */
    int64_t held_rlen;       /* rState.length when _write began (for the check) */
    /* the stream's own work (the scenario's hooks) */
    int64_t rate, budget;
    int64_t acc;             /* source progress towards the chunk / ignoring source's accumulator */
    int64_t remaining;       /* source units left; -1 endless */
    bool outstanding;        /* _read called, not yet pushed */
    bool from_reading;       /* Readable.from()'s `reading`: its _read is pushing, or push(null) was made */
    bool eof_pushed;
    int64_t fl_units, fl_bytes, fl_done; /* in flight in _write/_transform: units, bytes, work done */
    int32_t fl_chunks;       /* _writev chunk count */
    int64_t fl_in_rlen;      /* transform: rState.length when _write was called */
    bool fl_active;
    int32_t fail_code;       /* pending `fail` */
    int64_t content_pos;     /* source: content offset of the next push */
    int64_t dec_off, dec_n;  /* StringDecoder: held bytes of an incomplete character */
    int64_t retained;        /* sink `keep`: bytes the application's kept slices pin */
    int64_t fl_keep;         /* bytes the in-flight write will retain when it completes */
    int64_t writev_keep;     /* the same, worked out per chunk for a _writev batch */
    PinRange fl_pin[FLPIN_CAP]; /* source Buffers the in-flight write's slices pin */
    int32_t nflpin;
    int64_t next_serial;     /* source: Buffers pushed so far (chunk ids) */
    int64_t pin_lo[PIN_CAP], pin_hi[PIN_CAP]; /* source: ids some kept slice pins, sorted intervals */
    int32_t npin;
    int32_t batch_n;         /* transform inputs in the current batch */
    int64_t batch_bytes;
    /* counters for views */
    int64_t produced, consumed, bytes_done;
    int64_t pushes_false, writes_false, pauses, resumes, drains;
    int64_t peak_rlen, peak_wlen, peak_bytes;
    /* last sampled state (for state lines) */
    int64_t s_rlen, s_wlen;
    int8_t s_rflow;
    bool s_rended, s_needdrain, s_wended, s_wfinished, s_destroyed, s_valid;
} Stream;

struct Sim {
    const Scenario *sc;      /* not owned; the caller keeps it alive (see sim_create) */
    SimEventFn sink;
    void *sink_user;
    SimInterruptFn interrupt;
    void *interrupt_user;
    /* ---- everything below is the snapshotted state ---- */
    int64_t tick;
    int64_t ticks;
    int64_t tick_work;       /* events and callbacks so far in this tick */
    bool work_stopped;       /* the tick limit or the interrupt hook ended the run mid-tick */
    uint8_t status;          /* SimStatus */
    int32_t next_listener_id;
    int32_t ncodes;
    char codes[CODE_CAP][SC_CODE_MAX];
    TaskQ tq;
    MicroQ mq;
    int32_t nlisteners;
    /* Listeners are grouped by stream, in registration order within a group
     * (the only order EventEmitter observes): stream i's are
     * ls[i ? lend[i-1] : 0 .. lend[i]). emit() then scans a handful of
     * entries instead of every listener of every stream. */
    int16_t lend[SC_MAX_STREAMS];
    Listener ls[LS_CAP];
    int32_t npipes;
    Pipe pipes[PIPE_CAP];
    int32_t neos;
    Eos eos[EOS_CAP];
    int32_t npl;
    Pipeline pl[PL_CAP];
    int32_t nplp;
    PlPipe plp[PLP_CAP];
    int32_t next_action;     /* index of the next timeline action */
    int64_t mem_external, mem_heap, mem_total, mem_peak, mem_retained;
    int64_t s_mem_total, s_mem_external, s_mem_heap, s_mem_retained;
    bool has_keep;           /* some sink keeps slices: the mem line shows `retained` */
    bool s_mem_valid;
    int64_t pool_slab;       /* the current allocUnsafe pool slab (ids from 1) */
    int64_t pool_offset;     /* bytes of it handed out (8-byte aligned) */
    int64_t pool_pin_lo[PIN_CAP], pool_pin_hi[PIN_CAP]; /* slabs some kept slice pins */
    int32_t npool_pin;
    /* the unpipeInfo of the 'unpipe' being emitted: its first onunpipe for
     * that source cleans up, the others (a second pipe into the same
     * destination) see hasUnpiped and do nothing */
    bool unpipe_handled;
    /* for-await coroutines, one per forAwait wire, and one per pipeline wire
     * with an async generator stage (gen): pumpToNode's for await over the
     * generator, whose own for await reads the stream before it */
    struct {
        int16_t src, dst;    /* the stream iterated, the stream written */
        uint8_t state;       /* where the coroutine waits */
        int16_t eos;
        int32_t error;       /* iterator error: -1 undefined, 0 null, else code */
        bool has_held;       /* a chunk read() returned, on its way to the loop body */
        Chunk held;
        bool gen;            /* pipeline(src, async function*, dst): the pump writes */
        int16_t pl;          /* gen: its pipeline */
        int32_t pump_error;  /* gen: pumpToNode's `error` (set by resume(err)), 0 = none */
        int16_t pump_eos;    /* gen: its end-of-stream watcher on dst (removed by its finally) */
    } iters[SC_MAX_WIRES];
    int32_t nstreams;
    Stream st[];             /* nstreams entries */
};

/* ---- what differs between Node majors --------------------------------------
 * One predicate per behaviour, named by what it does, true from the major
 * that brought it (docs/tick-and-trace.md, "Node majors"). */

/* pipeline(): an 'error' on a stream and a destination's premature 'close'
 * record the error without counting as a finished stream (finishOnlyHandleError),
 * so the callback waits for every stream's own end (Node 22). */
static inline bool node_pipeline_errors_uncounted(const Sim *s)
{
    return s->sc->node >= 22;
}

/* flowSync(): a flowing byte stream with one buffered Buffer and one pipe
 * destination hands chunks straight to the destination's _write(), calling
 * _read() first, with no 'data' event and no write() call (writeKnownBuffer),
 * whenever the destination is idle (Node 26). */
static inline bool node_flow_sync(const Sim *s)
{
    return s->sc->node >= 26;
}

/* read() with no size on a byte stream without an encoding returns the first
 * buffered chunk, flowing or not, where older majors concatenate the whole
 * buffer when paused (howMuchToRead's "fast path for buffers", Node 26). */
static inline bool node_read_one_buffer(const Sim *s)
{
    return s->sc->node >= 26;
}

/* The stream's async iterator is an async generator (createAsyncIterator
 * with `yield`): a chunk read() returned reaches the loop body two microtask
 * hops later (yield awaits it, then next()'s promise resolves), and a loop
 * left by a throw waits one more hop in return() before the generator's
 * finally destroys the stream. Node 26's hand-written iterator resolves
 * next() with the chunk at once (one hop) and its return() finalizes
 * synchronously. */
static inline bool node_iter_async_generator(const Sim *s)
{
    return s->sc->node < 26;
}

/* push(null) while the stream is still `sync` (no read() has called _read
 * yet) schedules no 'readable' when nobody observes the stream (not flowing,
 * no needReadable, no 'readable' listener): kEofReadablePending, redeemed by
 * a later 'readable' listener and cleared by read(n != 0) (Node 24). */
static inline bool node_eof_readable_skipped(const Sim *s)
{
    return s->sc->node >= 24;
}

/* pipeline()'s first error gives way to a later one when it is an
 * AbortError, as it always did for a premature close (finishImpl, Node 24). */
static inline bool node_pipeline_abort_replaced(const Sim *s)
{
    return s->sc->node >= 24;
}

/* pause() and resume() do nothing on a destroyed stream (Node 26). */
static inline bool node_pause_resume_skip_destroyed(const Sim *s)
{
    return s->sc->node >= 26;
}

/* pipe()'s cleanup calls its 'drain' handler whenever the source awaits a
 * drain, not only while the destination needs one (nodejs/node#53185, Node 26). */
static inline bool node_unpipe_always_ondrain(const Sim *s)
{
    return s->sc->node >= 26;
}

/* ---- limits -------------------------------------------------------------- */
/* Lengths, memory and chunk sizes stay below MODEL_MAX (2^62): a run that
 * would pass it ends with `uncaught code=HW_MODEL_LIMIT` rather than wrap.
 * Counters (bytes through, pushes) saturate at INT64_MAX instead. */
#define MODEL_MAX (INT64_C(1) << 62)

static inline int64_t sat_add(int64_t a, int64_t b)
{
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* *v += d unless that passes MODEL_MAX; then the run ends (false). */
bool grow(Sim *s, int64_t *v, int64_t d);

/* chunkq.c */
void cq_clear(ChunkQ *q);
/* Pins ids lo..hi of source `src` (or of POOL_SRC's slabs): how many were not pinned before (-1: the model's limit). */
int64_t pin_ids(Sim *s, int src, int64_t lo, int64_t hi);
/* The bytes of memory a Buffer with id `cid` keeps alive: its own length, or a whole pool slab. */
int64_t pin_bytes(const Sim *s, int64_t cid, int64_t bytes);
/* A new Buffer of `bytes` made by Node (a concatenation), with an id where slices are tracked. */
int64_t alloc_unsafe_cid(Sim *s, int i, int64_t bytes);
int cq_push(ChunkQ *q, const Chunk *c); /* -1 when full */
int64_t cq_front_units(const ChunkQ *q);
Chunk cq_pop(ChunkQ *q);        /* one chunk */
int cq_unshift(ChunkQ *q, const Chunk *c); /* at the front; -1 when full */
Chunk cq_take_all(ChunkQ *q);   /* everything, concatenated */
Chunk chunk_plain(int64_t units, int64_t bytes);

/* ticks.c */
void tq_push(Sim *s, TaskKind kind, int a, int32_t n, int32_t code);
void mq_push(Sim *s, TaskKind kind, int a, int32_t n, int32_t code);
void settle(Sim *s);
bool sim_dead(const Sim *s);
void sim_fail_limit(Sim *s, const char *what);
/* One unit of a tick's work (an event, a callback): counts it against
 * SIM_TICK_EVENTS_MAX and polls the interrupt hook; false once the run has ended. */
bool tick_work(Sim *s);

/* check.c: under SIM_TESTING, sim_check (or the lighter mid-step check) or abort */
#ifdef SIM_TESTING
void sim_check_or_abort(const Sim *s, bool between_steps);
#define SIM_TESTING_CHECK(s, between) sim_check_or_abort((s), (between))
#else
#define SIM_TESTING_CHECK(s, between) ((void)0)
#endif

/* emitter.c */
int32_t on(Sim *s, int stream, EmitName ev, ListenerKind kind, int arg, bool once);
/* The listener on() just added for `stream` (valid until the next add/remove). */
Listener *last_listener(Sim *s, int stream);
int32_t prepend_on(Sim *s, int stream, EmitName ev, ListenerKind kind, int arg);
void off_id(Sim *s, int32_t id);
void off_kind(Sim *s, int stream, EmitName ev, ListenerKind kind, int arg);
int listener_count(const Sim *s, int stream, EmitName ev);
/* The stream's one listener for `ev`, or NULL when it has none or several. */
const Listener *sole_listener(const Sim *s, int stream, EmitName ev);
void emit(Sim *s, int stream, EmitName ev, const Chunk *c, int other, int32_t code);
void log_event(Sim *s, EventKind kind, int subject, const Event *extra);
void log_simple(Sim *s, EventKind kind, int subject, int64_t bytes, int ret);
void log_chunk(Sim *s, EventKind kind, int subject, const Chunk *c);
void run_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code);

/* readable.c */
bool rd_push(Sim *s, int i, const Chunk *c); /* c == NULL: push(null) */
bool rd_read(Sim *s, int i, int64_t n, Chunk *out); /* n < 0: read(); false for null */
void rd_resume(Sim *s, int i);
void rd_pause(Sim *s, int i);
void rd_on_data_added(Sim *s, int i);
void rd_on_readable_added(Sim *s, int i);
void rd_on_data_removed(Sim *s, int i);
void rd_on_readable_removed(Sim *s, int i);
void rd_task(Sim *s, const Task *t);

/* writable.c */
bool wr_write(Sim *s, int i, const Chunk *c); /* logs write/wrote */
/* Node 26's writeKnownBuffer(): -1 when the caller must use write(), else write()'s result. */
int wr_write_known(Sim *s, int i, const Chunk *c);
void wr_onwrite(Sim *s, int i, int32_t err);
void wr_end(Sim *s, int i);
void wr_cork(Sim *s, int i);
void wr_uncork(Sim *s, int i);
void wr_task(Sim *s, const Task *t);
void wr_error_buffer(Sim *s, int i);
bool wr_need_drain_getter(const Stream *st);

/* destroy.c */
void destroy_stream(Sim *s, int i, int32_t code);
void error_or_destroy(Sim *s, int i, int32_t code, bool sync);
void destroy_task(Sim *s, const Task *t);

/* transform.c */
void tf_complete(Sim *s, int i, int32_t err, const Chunk *out); /* out NULL: cb() */
void tf_read(Sim *s, int i);
void tf_final(Sim *s, int i);
void tf_task(Sim *s, const Task *t);

/* hooks: the scenario's own _read/_write/_transform/_flush (schedule.c) */
void hook_read(Sim *s, int i, int64_t size);
void hook_write(Sim *s, int i, const Chunk *c, int32_t chunks);
void hook_flush(Sim *s, int i);

/* pipe.c */
int pipe_create(Sim *s, int src, int dest, bool end);
void rd_pipe(Sim *s, int src, int dest); /* the application's src.pipe(dest) */
void rd_unpipe(Sim *s, int src, int dest); /* dest < 0: all */
void pipe_deliver_flow_chunk(Sim *s, int src, const Chunk *c);
void pipe_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code);
void pipe_task(Sim *s, const Task *t);
void wire_apply(Sim *s, int w);
void wire_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code);

/* pipeline.c */
void pipeline_create(Sim *s, int w);
void pipeline_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code);
void pipeline_task(Sim *s, const Task *t);
void iter_create(Sim *s, int w);
void pump_create(Sim *s, int w, int p, int src, int dst);
void iter_task(Sim *s, const Task *t);
void iter_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code);

/* schedule.c */
void schedule_tick(Sim *s);

/* sim.c */
int32_t code_intern(Sim *s, const char *name);

#endif
