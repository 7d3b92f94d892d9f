/* scene.h - one whole frame: everything the window, `render` and `record`
 * draw, from the History and a little UI state.
 *
 * scene_draw() reads; it never steps or changes the model. The caller
 * decides the display position (History's tick plus alpha toward the next)
 * and the flash intensities (wall clock in the window, frame clock when
 * recording, "just happened" for a single render), so the same Scene gives
 * the same pixels.
 *
 * The exploring modes add to the frame: a selected stream's ring and the
 * live-change bar in place of the caption (editbar.h), class mode's question
 * band (quizview.h), the micro-step's panel in place of the event log with
 * its explanation in the caption (microview.h).
 */
#ifndef HW_VIEW_SCENE_H
#define HW_VIEW_SCENE_H

#include <stdbool.h>

#include "view/chart.h"
#include "view/code.h"
#include "view/controls.h"
#include "view/draw.h"
#include "view/editbar.h"
#include "view/history.h"
#include "view/layout.h"
#include "view/micro.h"
#include "view/picker.h"
#include "view/quiz.h"
#include "view/story.h"

/* Flash intensities: a recent 'drain' / write() -> false per stream. */
typedef struct {
    double drain_at[SC_MAX_STREAMS];   /* clock time it was shown; < 0 never */
    double false_at[SC_MAX_STREAMS];
    double span;                        /* seconds a flash takes to fade */
} Flashes;

void flashes_reset(Flashes *f, double span);
/* Marks the flashes of a tick's events as starting at clock time now. */
void flashes_note(Flashes *f, const LoggedEvent *ev, int n, double now);
float flashes_drain(const Flashes *f, int i, double now);
float flashes_false(const Flashes *f, int i, double now);

typedef struct {
    const History *h;
    const Scenario *sc;
    const char *file;          /* shown in the header */
    float alpha;               /* 0..1 toward hist_next */
    const Flashes *fx;
    double now;                /* clock for the flashes */
    const CodeListing *code;   /* the listing for the code panel */
    bool playing;
    double speed;              /* ticks per second */
    const char *speed_name;    /* "slow", "normal", "fast" or NULL */
    bool show_code, show_help, verbose_log;
    int hover;                 /* stream under the mouse, or -1 */
    int mouse_x, mouse_y;
    const char *banner;        /* a reload error to show over the caption, or NULL */
    const Picker *picker;      /* the open lesson picker, or NULL */
    const char *toast;         /* a short message ("saved shot.png"), or NULL */
    const ControlBar *controls;/* the control bar and what its buttons show, or NULL */
    CtlState ctl;

    /* exploring (all optional: zero / NULL / -1 leave the frame as above) */
    int focus;                 /* stream ringed in the accent colour, or -1 */
    const Scenario *base;      /* the file's scenario when live changes differ from it
                                  (changed values in the accent colour), or NULL */
    const EditBar *edit;       /* a stream selected for changes: the bar replaces the caption */
    const Quiz *quiz;          /* class mode: the badge and the open question, or NULL */
    const Micro *micro;        /* micro-step: its state on the cards, its caption and panel */
    const ChartScale *scale;   /* compare: one chart scale for every run, or NULL */

    /* the story (story.h): the displayed tick told step by step */
    const Story *story;        /* when on: the cards show its moment, the log marks its step */
    const ActionDef *held_note;/* playback waits before this note's tick: the caption shows it */
    bool autostop;             /* playback stops at each note (A); the status bar says so */
    int64_t stale_from;        /* live changes: notes from this tick on were written for the
                                  file's values (run.h diverged); -1 or 0 with written_for "" none */
    const char *written_for;   /* "socket hwm 16 KiB", or NULL */
} Scene;

void scene_draw(const Draw *d, const Layout *l, const Scene *s);

/* The part of a frame that shows one run: pipes, cards, chunks in flight,
 * the memory chart and the death banner (compare mode draws one per pane). */
void scene_draw_run(const Draw *d, const Layout *l, const Scene *s);
/* The state the cards show: the micro-step's moment, the story's, or the displayed tick. */
const TickState *scene_state(const Scene *s);

/* The stream whose card contains (x, y), or -1. */
int scene_hit_card(const Layout *l, int x, int y);
/* The scrubber's track; the tick under x on it. */
Rect scene_scrub_track(const Draw *d, const Layout *l);
int64_t scene_scrub_tick(const Draw *d, const Layout *l, const History *h, int x);
/* The death banner's rect when the displayed tick shows a dead process, else w = 0. */
Rect scene_death_rect(const Layout *l, const History *h);
/* The current narration note: index into the scenario's actions, or -1;
 * also its ordinal among notes and the number of notes. */
int scene_note(const Scenario *sc, int64_t tick, int *ordinal, int *count);
/* The story is on and showing a moment inside the displayed tick. */
bool scene_story_on(const Scene *s);
/* The k-th newest event the frame has shown (0 = newest): the log up to the
 * displayed tick, inside the story only the events already played. NULL past the end. */
const LoggedEvent *scene_shown_event(const Scene *s, int k);
/* The newest event of `kind` on stream i the frame has shown (the story's
 * later events of this tick not yet), or NULL: a lasting mark's source. */
const LoggedEvent *scene_last_event(const Scene *s, int i, EventKind kind);
/* The chunks of the _writev stream i has in flight at the moment shown, or 0
 * (none in flight, or a plain _write: a corked sink's first chunk). */
int scene_writev_chunks(const Scene *s, int i);
/* Where the story's step line is drawn (above the cards, clear of their tags). */
Rect scene_story_rect(const Draw *d, const Layout *l, const Scene *s);

#endif
