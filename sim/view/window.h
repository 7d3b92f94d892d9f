/* window.h - the interactive window: the frame of scene.h on a display,
 * with playback, seeking, the keyboard and mouse controls, screenshots and
 * hot reload of the scenario file.
 *
 * Exploring, in the same window: live changes of a selected stream's
 * highWaterMark, rate or chunk (edit.h, run.h: re-simulated at once, saved
 * as YAML with W), class mode's questions (quiz.h, K), the micro-step inside
 * a tick (micro.h, I), and compare mode, two runs on one clock (compare.h).
 * The keys are in the help overlay (?).
 */
#ifndef HW_VIEW_WINDOW_H
#define HW_VIEW_WINDOW_H

#include <stdbool.h>
#include <stddef.h>

#include "view/history.h"

typedef struct {
    const char *file;      /* scenario to open */
    const char *datadir;   /* NULL: datadir_find() */
    int w, h;              /* initial window size in screen coordinates (0: 1280x720) */
    bool projector;        /* start with the projector palette */
    bool fullscreen;
    bool play;             /* start playing */
    bool class_mode;       /* start in class mode (K toggles) */
    bool compare;          /* two runs side by side (compare.h) ... */
    const char *file2;     /* ... of file and file2, or */
    const char *vary;      /* ... of file with the two values of "STREAM.PARAM=V1,V2" */
    int arrange;           /* CompareArrange: 0 auto, 1 stacked, 2 side by side (X cycles) */
    bool no_stops;         /* play through the notes (A toggles) */
    const char *save_dir;  /* W saves changed scenarios here; NULL: next to the scenario's file */
    const char *shots_dir; /* S and a script's shots go here; NULL: shotdir.h's default */
    const char *script;    /* replay this input script (script.h), then quit; NULL: none */
    bool headless;         /* with a script and no display: draw into memory, no window */
    StopHook stop;         /* the command's interrupt hook (history.h): every Sim gets it, and
                              the window closes once it says stop; zero: none */
} WindowOpts;

/* Runs until the user quits (or o->stop says stop). Returns an exit code (0,
 * or 2 when the scenario or the window could not be opened, with a message
 * on stderr). */
int window_run(const WindowOpts *o);

#endif
