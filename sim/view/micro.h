/* micro.h - inside a tick: the events of one tick, one at a time, in the
 * order they happened, with the deferred work queued at each moment.
 *
 * micro_capture() re-runs the tick from the state before it (History keeps
 * snapshots) with an event sink that records, at every event, the event, the
 * process.nextTick and promise queues (sim_pending) and every stream's state.
 * Stepping through the recording then shows each intermediate moment: which
 * stream acted, what its buffers held, and what was still waiting to run.
 * The lesson: work queued with process.nextTick (afterWrite, which emits
 * 'drain'; resume_, which makes a resumed stream flow) runs only after the
 * code that queued it returns, so a synchronous loop of write() calls never
 * sees 'drain'.
 *
 * Position 0 is the moment before the tick's first event; position k the
 * moment just after event k. Pure model logic: no SDL, no drawing.
 */
#ifndef HW_VIEW_MICRO_H
#define HW_VIEW_MICRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "view/history.h"

#define MICRO_MAX_EVENTS 4000   /* events of one tick kept; a busier tick keeps its first ones */
#define MICRO_MAX_PENDING 32    /* queued entries kept per moment */

typedef struct {
    LoggedEvent ev;
    int npend;                           /* queued work after this event (all of it) */
    PendingWork pend[MICRO_MAX_PENDING]; /* the first of them */
} MicroStep;

typedef struct {
    int64_t tick;
    int n;                   /* events kept */
    int more;                /* events after the first MICRO_MAX_EVENTS, not kept */
    MicroStep *step;
    int nstreams;
    StreamView *views;       /* (n + 1) * nstreams: before the first event, then after each */
    MemView *mem;            /* n + 1 */
    int pos;                 /* 0..n */
    TickState shown;         /* the state at pos (micro_state) */
    Sim *sim;                /* the replay (kept for its error-code names) */
} Micro;

/* Records tick `tick` of h's run into m (freeing what m held); the replay
 * has h's interrupt hook (hist_stop). Returns 0, or -1 on a tick not yet
 * explored, out of memory or a replay the hook stopped (m is then empty). */
int micro_capture(Micro *m, const History *h, int64_t tick);
void micro_free(Micro *m);

/* Moves by delta events (clamped); micro_seek to an absolute position. */
void micro_move(Micro *m, int delta);
void micro_seek(Micro *m, int pos);

/* The streams' state at the current position. */
const TickState *micro_state(const Micro *m);
/* The current event (NULL at position 0) and the queue at this moment. */
const MicroStep *micro_current(const Micro *m);
int micro_pending(const Micro *m, const PendingWork **out);
/* The stream the current event concerns, or -1. */
int micro_focus(const Micro *m);

/* One or two sentences for the caption: what the current event is and
 * why the queued work has not run yet. */
void micro_caption(const Micro *m, const Scenario *sc, char *buf, size_t len);

#endif
