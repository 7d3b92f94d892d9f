/* history.h - the run as the window sees it: any tick on demand.
 *
 * The model only steps forward. History gives the view random access:
 *   - a look-ahead Sim (the scout) runs ahead of the display, keeping a
 *     snapshot (sim_save) before every K-th tick and a memory sample per
 *     bucket of ticks for the chart and the throughput figure;
 *   - a cursor Sim sits one tick ahead of the displayed tick T, so the view
 *     has the state after T (cur), the state after T+1 (next) and the events
 *     of both, and can interpolate between them;
 *   - seeking loads the nearest snapshot at or before T and replays forward,
 *     collecting events only for the log's span at the end.
 * Going forward one tick is one sim_step; going back is a load and at most
 * K + HIST_LOG_SPAN steps. History never changes what the model computes:
 * the display is the same whichever way a tick was reached.
 *
 * The Scenario passed to hist_create must outlive the History.
 */
#ifndef HW_VIEW_HISTORY_H
#define HW_VIEW_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/sim.h"

#define HIST_LOG_CAP 4096    /* events kept for the log panel */
#define HIST_LOG_SPAN 48     /* ticks of events a seek replays with the sink on */
#define HIST_TEXT_MAX 200    /* bytes of a note's text kept */

/* An event with its note text copied (Event.text is only valid in the sink). */
typedef struct {
    Event ev;                /* ev.text is NULL; use text */
    char text[HIST_TEXT_MAX];
} LoggedEvent;

/* The model's state after one tick. */
typedef struct {
    int64_t tick;
    SimStatus status;
    bool finished;           /* no tick follows this one */
    int n;                   /* streams */
    StreamView v[SC_MAX_STREAMS];
    MemView mem;
} TickState;

/* One chart sample: the memory at the tick of a bucket's peak total. */
typedef struct {
    int64_t tick;            /* the tick sampled */
    int64_t total;           /* MemView.total */
    int64_t done;            /* sum of bytes_done over the sinks, at the bucket's last tick */
} HistSample;

/* The caller's interrupt hook (core/sim.h sim_set_interrupt) for every Sim
 * the view makes: History's two, the micro-step's replay (micro.h) and the
 * divergence check's pair (diverge.h). How the program is asked to stop
 * (signals, app/stop.h) is the app's business, which the view may not
 * include, so the command passes the hook in. Once it has said stop, every
 * Sim it was given to ends within SIM_INTERRUPT_EVERY events, a long tick
 * included, and a look-ahead ends with it; what the view shows then is cut
 * short, and the caller is expected to end. {NULL, NULL}: never stopped. */
typedef struct {
    SimInterruptFn fn;       /* NULL: never */
    void *user;
} StopHook;

typedef struct History History;

/* NULL with err set when the model refuses the scenario or memory runs out.
 * Runs tick 0 and positions the display there. Both Sims get `stop`. */
History *hist_create(const Scenario *sc, StopHook stop, char *err, size_t errlen);
/* The hook hist_create was given, for the Sims made from this History's run. */
StopHook hist_stop(const History *h);
void hist_destroy(History *h);

/* Runs the scout up to `budget` more ticks. Returns true while the end of the
 * run is not yet known. */
bool hist_extend(History *h, int64_t budget);
/* The last tick of the run (its normal end, or the tick it died), or -1 while unknown. */
int64_t hist_end(const History *h);
/* The largest tick the display can reach: hist_end, or the scenario's tick count while unknown. */
int64_t hist_last(const History *h);
/* The last tick the scout has run. */
int64_t hist_known(const History *h);

/* Positions the display at tick (clamped to 0..hist_last); extends the scout as needed. */
void hist_seek(History *h, int64_t tick);
/* tick + 1 in one model step; no-op at the end. */
void hist_forward(History *h);

const TickState *hist_cur(const History *h);
/* The state after the next tick, or NULL when the displayed tick is the last. */
const TickState *hist_next(const History *h);
/* The events of the displayed tick (next = false) or of the one after it. */
const LoggedEvent *hist_events(const History *h, bool next, int *n);
/* The i-th newest logged event up to the displayed tick (0 = newest), or NULL. */
const LoggedEvent *hist_log(const History *h, int i);
int hist_log_count(const History *h);

/* One stream's memory by kind, as the model counts it (sim.h MemView):
 * byte-mode buffers are external (Buffers live outside the V8 heap),
 * objectMode sides and decoded strings (setEncoding) are on the heap, and
 * `retained` is what kept slices pin. The three add up to mem_bytes. */
typedef struct {
    int64_t external, heap, retained;
} MemSplit;
MemSplit hist_mem_split(const StreamView *v);

/* Per stream, at the same samples as hist_samples: heap[k * nstreams + i]
 * and retained[...] of stream i (external is the rest of per_stream). */
void hist_samples_kind(const History *h, const int64_t **heap, const int64_t **retained);

/* Chart samples for the ticks the scout has run: sample k covers ticks
 * [k*bucket, (k+1)*bucket). per_stream[k * nstreams + i] is stream i's
 * mem_bytes at samples[k].tick. */
const HistSample *hist_samples(const History *h, int *count, int64_t *bucket, const int64_t **per_stream);
/* The peak MemView.total over the ticks the scout has run. */
int64_t hist_peak(const History *h);
/* Sum of bytes_done over the sinks at tick t (t <= hist_known), at bucket precision. */
int64_t hist_done_at(const History *h, int64_t t);

/* Puts s (a Sim of the same scenario) in the state before tick `tick` runs
 * (0 <= tick <= hist_known), replaying from the nearest snapshot: the
 * micro-step view re-runs that one tick with its own event sink. The replay
 * steps with whatever sink and interrupt hook s has, so set the sink after
 * this call and the hook (hist_stop) before it. Returns 0, or -1 for a tick
 * out of range or a replay the hook stopped. */
int hist_state_before(const History *h, Sim *s, int64_t tick);

const Sim *hist_sim(const History *h);
const Scenario *hist_scenario(const History *h);

#endif
