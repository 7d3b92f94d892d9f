/* controls.h - the control bar: on-screen buttons for everything a class
 * needs while a lesson plays, for a mouse, a touch screen or a smartboard.
 *
 * Restart, step back, play / pause, step forward, previous / next note,
 * slow / normal / fast, auto-stop at notes, the events panel, class mode,
 * the lessons and the help. Each button is an action of the keymap
 * (keymap.h) and shows that action's key as its hint, so the bar teaches
 * the shortcuts. Buttons are at least 48 design units tall and wide (about
 * 48 px at 1280x720: a finger's width on a smartboard).
 *
 * Layout measures the words with the text cache, so a button always holds
 * its label at the current text size; when the bar is too narrow for every
 * label, it drops the words of the transport buttons (their icons and
 * hints stay), then the optional buttons (full screen), then makes the
 * whole bar smaller step by step (a large Ctrl + in a small window): a
 * word is never cut and a button never spills out of the bar. Update and
 * draw are apart: ctl_layout() places, ctl_hit() answers a pointer,
 * ctl_draw() draws and changes nothing.
 */
#ifndef HW_VIEW_CONTROLS_H
#define HW_VIEW_CONTROLS_H

#include <stdbool.h>

#include "view/draw.h"
#include "view/keymap.h"

#define CTL_MAX 16

typedef struct {
    UiAction act;
    Rect r;             /* its shape, in output pixels */
    bool seg_left, seg_right; /* joined to a neighbour (the speed buttons form one group) */
} CtlButton;

typedef struct {
    Rect area;          /* the bar */
    int n;
    CtlButton b[CTL_MAX];
    bool icons_only;    /* the transport buttons without their words (their icons say it) */
    int shrink;         /* type size steps below the design (a narrow bar at a large text size) */
    int end_x;          /* right edge of the last button */
} ControlBar;

/* What the buttons show (read by ctl_draw only). */
typedef struct {
    bool playing;
    int speed;          /* 0 slow, 1 normal, 2 fast, -1 some other speed */
    bool autostop;      /* playback stops at each note */
    bool events;        /* the events panel is shown */
    bool class_mode;
    bool has_notes;     /* the lesson has narration notes (else the note buttons are dimmed) */
    int hover_x, hover_y; /* the pointer, for the hover shade; -1 none */
} CtlState;

/* Places the buttons left to right inside area (vertically centred). */
void ctl_layout(const Draw *d, ControlBar *cb, Rect area);

/* Compare mode's bar: restart, step back, play / pause, step, the three
 * speeds, help and full screen (both runs share the clock they drive). */
void ctl_layout_compare(const Draw *d, ControlBar *cb, Rect area);

/* The action of the button under (x, y), or UI_NONE. */
UiAction ctl_hit(const ControlBar *cb, int x, int y);

/* The button of an action, or NULL when it is not on the bar. */
const CtlButton *ctl_button(const ControlBar *cb, UiAction act);

void ctl_draw(const Draw *d, const ControlBar *cb, const CtlState *st);

/* The word on a button ("play", "note"), for the probe and tests. */
const char *ctl_label(UiAction act, const CtlState *st);

#endif
