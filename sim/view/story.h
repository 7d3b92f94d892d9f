/* story.h - a tick told step by step in the main view.
 *
 * The lesson of most scenarios happens inside one tick: the socket's buffer
 * empties, 'drain' fires, pipe() resumes the file, the next write() returns
 * false and the file pauses again, all in tick 9. A frame of the tick's end
 * shows none of that. Story re-runs the displayed tick (Micro, micro.h) and
 * plays its events as steps, in trace order, each drawing the state right
 * after its last event.
 *
 * Steps: one per event, up to STORY_MAX_STEPS. A busier tick is told in
 * groups: first runs of alike events (the same stream, kind and answer,
 * "write() → true ×40"), then, if still too many, equal slices of the tick;
 * story_group_text() says so on screen.
 *
 * Pacing, in seconds at `speed` ticks per second (the window's clock):
 *   - a tick that carries a narration note is told at reading pace,
 *     STORY_NOTE_TICKS / speed per step (0.4 s at normal speed, 20 ticks/s);
 *   - any other tick with events shares STORY_TICK_BUDGET / speed among its
 *     steps, so a 600-tick lesson still plays in about a minute;
 *   - a step shorter than STORY_MIN_STEP_S is not worth a frame: story_wanted()
 *     says no and the window shows only the tick's end (fast speeds).
 *
 * Positions: step 0 is the moment before the tick's first event (the state
 * after the tick before), step k the moment after the last event of step k.
 * story_seek_event() positions on one exact event (render --step K).
 * Pure logic: no SDL, no drawing, no wall clock (story_advance takes dt).
 */
#ifndef HW_VIEW_STORY_H
#define HW_VIEW_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "view/micro.h"

#define STORY_MAX_STEPS 40
#define STORY_NOTE_TICKS 8.0      /* per step of a noted tick, in tick durations */
#define STORY_TICK_BUDGET 3.0     /* for all the steps of another tick, in tick durations */
#define STORY_MIN_STEP_S (1.0 / 90)

typedef struct {
    Micro m;                      /* the tick being told (m.tick); m.n events */
    bool on;                      /* the cards show the moment at `pos` */
    int nsteps;
    int end[STORY_MAX_STEPS];     /* step k (1-based) covers events end[k-2]..end[k-1]-1 (end[-1] = 0) */
    bool grouped;                 /* some step covers more than one event */
    int step;                     /* 0..nsteps */
    int pos;                      /* events shown: 0..m.n (micro position) */
    double t;                     /* seconds spent on the current step */
    double step_s;                /* seconds each step is shown */
} Story;

/* Whether tick `tick` of h is worth telling at `speed`: it has events and
 * its steps would last at least STORY_MIN_STEP_S. noted: the tick has a note. */
bool story_wanted(const History *h, int64_t tick, double speed, bool noted);

/* Captures tick `tick` of h and positions before its first event (step 0).
 * Returns 0, or -1 (nothing captured, st->on false) on a tick without events,
 * not yet explored, or out of memory. */
int story_begin(Story *st, const History *h, int64_t tick, double speed, bool noted);
void story_stop(Story *st);          /* off: the view shows the tick's end again */
void story_free(Story *st);

/* Steps: moves to step k (clamped 0..nsteps). */
void story_seek_step(Story *st, int k);
/* Moves to the moment after event k (1-based, 0: before the first; clamped). */
void story_seek_event(Story *st, int k);
/* Plays dt seconds. Returns true while steps remain to be shown (false once
 * the last step has had its time: the caller goes on to the next tick). */
bool story_advance(Story *st, double dt);

/* The streams' state at the current position. */
const TickState *story_state(const Story *st);
/* The events of the current step: indices [*from, *to) into st->m.step. */
void story_span(const Story *st, int *from, int *to);
/* "step 3 of 12" or "events 13-24 of 480, shown together". */
void story_group_text(const Story *st, char *buf, size_t len);

/* Notes: the tick's narration note (index into sc->actions), or -1. */
int story_note_at(const Scenario *sc, int64_t tick);

/* Seconds a class needs to read a note off the screen: STORY_READ_CPS
 * characters a second plus a second to find it, within STORY_READ_MIN_S ..
 * STORY_READ_MAX_S. With auto-stop off (an unattended demo) the playback
 * holds a note's tick this long at normal speed, so no note flashes by. */
#define STORY_READ_CPS 20.0
#define STORY_READ_MIN_S 2.5
#define STORY_READ_MAX_S 10.0
double story_note_read_s(const char *text);

#endif
