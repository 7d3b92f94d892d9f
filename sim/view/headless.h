/* headless.h - frames without a window: `render` (one PNG, the layout
 * probe, a frame-time benchmark) and `record` (PNG frames or a GIF).
 *
 * A frame at tick N shows the model's state after tick N with nothing in
 * flight (alpha 0) and the flashes of tick N's own events at full strength,
 * so tests can compare pixels with the trace of the same tick.
 *
 * The exploring modes render headless too, for the README and the tests:
 * a compare frame of two runs at tick N, class mode's question (asked at
 * the tick before its own, revealed at its own), the micro-step at one
 * event of tick N, and live changes with a selected stream. The probe then
 * also prints their geometry (pane.*, quiz.*, micro.*, changed.*).
 *
 * --step K draws the main view inside tick N, as the window plays it: the
 * state right after the K-th event (story.h); the probe adds story.*.
 * A tick past the run's end, or a K past the tick's events, is an error.
 */
#ifndef HW_VIEW_HEADLESS_H
#define HW_VIEW_HEADLESS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "view/history.h"

#define FRAME_MAX_SETS 8
#define STEP_LAST (-1)

typedef struct {
    const char *file;      /* scenario */
    int w, h;              /* output size */
    bool projector;        /* the projector palette */
    bool code;             /* show the code panel */
    const char *datadir;   /* NULL: datadir_find() */

    /* exploring (zero leaves a plain frame) */
    bool compare;          /* two runs side by side (compare.h) ... */
    const char *file2;     /* ... of file and file2, or */
    const char *vary;      /* ... of file with the two values of "STREAM.PARAM=V1,V2" */
    int arrange;           /* CompareArrange: 0 auto, 1 stacked, 2 side by side */
    bool class_mode;       /* class mode: the question asked before tick+1, if any */
    bool reveal;           /* with class_mode: the question of this tick, revealed */
    int pick;              /* with class_mode: choice shown as picked (1-based), 0 none */
    bool micro;            /* inside the tick: its events one at a time ... */
    int micro_pos;         /* ... at this position (0: before the first event) */
    int step;              /* the story (story.h): the frame after event `step` of the tick
                              (1-based; STEP_LAST its last; 0: the tick's end, no story) */
    bool steps;            /* record: a frame after every event of each tick (story steps) */
    const char *sets[FRAME_MAX_SETS]; /* live changes "STREAM.PARAM=VALUE", applied in order */
    int nsets;
    const char *select;    /* "STREAM" or "STREAM.PARAM" selected for changes (ring, bar) */
    const char *save_yaml; /* also write the running scenario (with the changes) as YAML */
    bool slide;            /* for slides: no status bar, larger type */
    long long max_bytes;   /* record: refuse a GIF estimated larger than this (0: no limit) */
    StopHook stop;         /* the command's interrupt hook for every Sim (history.h); zero: none */
} FrameOpts;

/* One frame at tick to out (PNG; NULL for none). probe: print the geometry
 * as key=value lines on stdout. bench > 0: also time that many frames spread
 * over the run and print the median. Returns an exit code (0, or 2 with a
 * message on stderr). */
int headless_render(const FrameOpts *o, int64_t tick, float alpha, const char *out, bool probe, int bench);

/* Only loads the scenario and applies the --set changes, for --save-yaml
 * without a frame. Returns an exit code. */
int headless_save(const FrameOpts *o);

/* Frames for ticks from..to (to < 0: the end) into a directory of PNGs
 * (tick-NNNNNN.png, or frame-NNNNNN.png with per_tick > 1 or steps) or a .gif.
 * With o->steps a tick that has events gets one frame after each of them
 * (the story, story.h) instead of its per_tick frames.
 * stop (may be NULL) is polled between frames; once it is set the
 * recording ends: a GIF is not written at all (its temporary file is
 * removed), a directory keeps the frames already complete; once o->stop
 * has cut the look-ahead short, nothing is written. Returns an exit code:
 * 0, 2 on an error, 130 when stopped (each with a message on stderr). */
int headless_record(const FrameOpts *o, int64_t from, int64_t to, double fps, int per_tick, const char *out,
                    const volatile sig_atomic_t *stop);

#endif
