/* sim.h - the model: a pure, deterministic function of (scenario, tick).
 *
 * Usage:
 *   Sim *s = sim_create(&scenario);          // the scenario must outlive the Sim
 *   sim_set_sink(s, on_event, user);         // every event as it happens
 *   while (!sim_finished(s)) sim_step(s);    // first step runs tick 0 (setup)
 *   sim_destroy(s);
 *
 * The whole model state lives in one allocation of sim_state_size() bytes with
 * no pointers inside, so sim_save()/sim_load() are memcpy: seek, rewind and
 * side-by-side runs are built on them. The event sink is not part of the state.
 * No globals, no I/O, no clock: the same scenario gives the same events on
 * every compiler and machine.
 */
#ifndef HW_SIM_H
#define HW_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "scenario.h"

typedef struct Sim Sim;

/* Lengths and memory are checked against 2^62 (a run that would pass it
 * ends with `uncaught code=HW_MODEL_LIMIT`); counters saturate. */
#define SIM_CHECKED_LIMITS 1

typedef void (*SimEventFn)(void *user, const Event *ev);

/* Read-only view of one stream, for the trace writer, the window and tests. */
typedef struct {
    const StreamDef *def;
    bool has_readable, has_writable;
    /* readable side */
    int64_t rlen;          /* readableLength (bytes or objects) */
    int64_t rhwm;          /* current readableHighWaterMark */
    int8_t rflow;          /* readableFlowing: -1 null, 0 false, 1 true */
    bool rended;           /* readableEnded ('end' emitted) */
    bool reading;          /* a _read is outstanding */
    /* writable side */
    int64_t wlen;          /* writableLength, in-flight chunk included */
    int64_t whwm;
    int64_t inflight;      /* units of the chunk in _write/_transform (0 = none) */
    int64_t inflight_done; /* work done on it */
    bool needdrain, wended, wfinished, corked;
    bool held;             /* transform callback held back (readable side full) */
    /* both */
    bool destroyed, errored, closed;
    int64_t rate;
    /* counters since tick 0 */
    int64_t produced;      /* units pushed (sources and transforms) */
    int64_t consumed;      /* units whose work completed (sinks and transforms) */
    int64_t bytes_done;    /* bytes whose work completed */
    int64_t pushes_false, writes_false, pauses, resumes, drains;
    int64_t peak_rlen, peak_wlen, peak_bytes; /* peak_bytes: this stream's memory */
    int64_t mem_bytes;     /* this stream's share of mem (external + heap) now */
} StreamView;

typedef struct {
    int64_t external, heap, total;
    int64_t peak_total;
    int64_t limit;         /* 0 = none */
    int64_t retained;      /* Buffers pinned by slices the application keeps */
    bool has_retained;     /* the scenario keeps slices: the trace shows `retained` */
} MemView;

/* SIM_INTERRUPTED: the interrupt hook asked to stop, possibly in the middle
 * of a tick; such a Sim is good only for sim_destroy() or sim_load(). */
typedef enum { SIM_RUNNING, SIM_DONE, SIM_OOM, SIM_UNCAUGHT, SIM_INTERRUPTED } SimStatus;

/* The most work one tick may do: trace events plus deferred callbacks run.
 * A run that reaches it ends with `TICK - uncaught code=HW_TICK_LIMIT`
 * (docs/tick-and-trace.md). The reader keeps every valid scenario's own
 * per-tick work far below it (SC_TICK_WORK_MAX), so only runs that pile work
 * up over many ticks and then release it at once can get here. */
#define SIM_TICK_EVENTS_MAX (INT64_C(1) << 22)

/* Asked every SIM_INTERRUPT_EVERY events, inside a tick too: true stops the
 * run at once (status SIM_INTERRUPTED). The core installs no signal handler;
 * the caller's hook reads whatever flag its own handler sets. */
typedef bool (*SimInterruptFn)(void *user);
#define SIM_INTERRUPT_EVERY 4096

/* NULL on allocation failure or an invalid scenario (see scenario_validate). */
Sim *sim_create(const Scenario *sc);
void sim_destroy(Sim *s);

void sim_set_sink(Sim *s, SimEventFn fn, void *user);
/* NULL fn: never interrupted (the default). Not part of the snapshot state. */
void sim_set_interrupt(Sim *s, SimInterruptFn fn, void *user);

/* Runs the next tick (the first call runs tick 0). No-op once finished. */
void sim_step(Sim *s);
bool sim_finished(const Sim *s);
SimStatus sim_status(const Sim *s);
/* The last tick that ran (-1 before the first step). */
int64_t sim_tick(const Sim *s);
int64_t sim_ticks(const Sim *s);          /* the scenario's tick count */
const Scenario *sim_scenario(const Sim *s);

int sim_stream_count(const Sim *s);
StreamView sim_stream(const Sim *s, int i);
MemView sim_memory(const Sim *s);
/* Error code name for an Event's code (e.g. "EIO", "ERR_STREAM_PREMATURE_CLOSE"). */
const char *sim_code_name(const Sim *s, int32_t code);

/* One piece of deferred work: a process.nextTick callback or a promise
 * reaction, named as in Node's source (afterWrite, resume_, ...). */
typedef struct {
    const char *what;      /* static string */
    int16_t stream;        /* the stream it concerns, -1 = none */
    bool microtask;        /* a promise reaction (runs after the nextTick queue) */
} PendingWork;

/* The deferred work queued right now, in the order it will run (nextTick
 * queue first, then promise reactions); at most max entries. Called from an
 * event sink, it shows what is waiting at that event: why a synchronous loop
 * of write() calls cannot see 'drain' until it yields. Returns the count. */
int sim_pending(const Sim *s, PendingWork *out, int max);

/* The model's invariants (sim/core/model.h): buffer lengths are the sums of
 * their chunks, flags agree with lengths and wiring, memory is the sum of its
 * parts. NULL when they hold, else what is broken. Meant between steps; the
 * testing build (-DSIM_TESTING, used by the unit tests) also checks after
 * every event and aborts on the first broken one. */
const char *sim_check(const Sim *s);

/* Snapshots: the state is flat, so these are copies. */
size_t sim_state_size(const Sim *s);
void sim_save(const Sim *s, void *buf);
void sim_load(Sim *s, const void *buf);   /* buf from sim_save of a Sim of the same scenario */

#endif
