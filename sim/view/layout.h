/* layout.h - where everything goes, from the scenario's wiring and the
 * window size. Pure geometry: no SDL, no drawing, so `render --probe` can
 * print it and tests can compute where pixels must be.
 *
 * The frame, top to bottom: a header (title), the caption bar (narration),
 * the main area, the scrubber, the status bar and, in the window, the
 * control bar. The main area holds the
 * stream graph above the memory chart on the left and a side panel on the
 * right (the event log, with the code panel above it when shown). A band
 * at the top of the graph holds the story's step line (story.h); where a
 * source carries content, a byte strip (bytes.h) sits above the chart.
 *
 * In compare mode (compare.h) each run gets a pane: layout_pane() lays out
 * its title strip, graph and chart inside a part of the frame.
 *
 * The graph is laid out left to right: a stream's column is its depth in the
 * wiring (each stream is written by at most one wire, so the wiring is a
 * forest); a stream's first child stays in its row, further children open
 * rows below. Streams in no wire get rows of their own.
 */
#ifndef HW_VIEW_LAYOUT_H
#define HW_VIEW_LAYOUT_H

#include <stdbool.h>

#include "core/scenario.h"
#include "view/geom.h"

enum { SIDE_W = 0, SIDE_R = 1 };   /* a card's tanks: writable (input) side, readable (output) side */

typedef struct {
    Rect card;          /* the whole card */
    Rect title;         /* name and kind */
    Rect light;         /* flowing / paused indicator; w = 0 without a readable side */
    Rect wstate;        /* write() -> true / false badge; w = 0 without a writable side */
    Rect tank[2];       /* linear body of each tank (inside the wall); w = 0 if the side is absent */
    Rect over[2];       /* overflow zone above each body (log scale) */
    Rect work;          /* in-flight progress bar (writable side) or production bar (source) */
    Rect info;          /* numbers under the tanks */
    Rect tag;           /* status tags (write() -> false, ENDED, ERROR...) along the card's top edge */
    int in_x, in_y;     /* where the incoming pipe attaches */
    int out_x, out_y;   /* where outgoing pipes leave */
    int col, row;
} CardBox;

typedef struct {
    int from, to;       /* stream indices */
    int wire;           /* index in Scenario.wires */
    int npts;           /* polyline: 2 (straight) or 4 (elbow) */
    int px[4], py[4];
    Rect label;         /* wiring name, above the first segment */
} PipeBox;

typedef struct {
    int w, h;           /* output pixels */
    float s;            /* design units -> pixels */
    Rect header, caption, main, graph, chart, side, code, log, scrub, status;
    Rect controls;      /* the control bar (controls.h) at the bottom; h = 0 without one */
    bool buttons;       /* the header's "? keys" and "L lessons" buttons: not on a slide, where nobody can click */
    Rect story;         /* the story's step line, across the top of the graph (single view) */
    Rect bytes;         /* the byte strip under the graph where sources carry content; else w = 0 */
    int ncols, nrows;
    int ncards;
    CardBox card[SC_MAX_STREAMS];
    int npipes;
    PipeBox pipe[SC_MAX_STREAMS];
    Rect sink_out[SC_MAX_STREAMS]; /* lane to the right of a sink where finished bytes leave */
} Layout;

typedef struct {
    int w, h;           /* output size in pixels */
    float scale;        /* UI scale from DPI, Ctrl +/- and the palette's type size */
    bool show_code;     /* the code panel (C) */
    bool show_side;     /* the side panel (log); off leaves the graph the full width */
    bool force_side;    /* keep the side panel even with many streams (the micro-step's panel) */
    bool controls;      /* a control bar below the status bar (the window) */
    int caption_h;      /* pixels the caption's text needs (panel_caption_height); the bar grows to it
                           and the diagram yields the room; 0: the usual height */
    bool no_status;     /* without the status bar (a slide) */
} LayoutOpts;

/* The UI scale that makes a w x h frame look like the 1280x720 design. */
float layout_base_scale(int w, int h);
/* The frame's UI scale: the base scale times the user's zoom (Ctrl +/-) and
 * the palette's type size (Palette.ui_scale), the latter only as far as the
 * frame keeps LAYOUT_MIN_ROWS design rows: at 1280x720 the projector's 1.1
 * squeezed four cards, a byte strip and a three-line caption into 655 rows,
 * which they do not fit; at 1024x768 (960 rows) it applies in full. */
#define LAYOUT_MIN_ROWS 700.0f
float layout_scale(int w, int h, float zoom, float type_scale);

/* Fills l. Never fails: a tiny window gets tiny (possibly empty) rects. */
void layout_compute(Layout *l, const Scenario *sc, LayoutOpts o);

/* One run's pane inside `area` of a w x h frame (compare mode): `header` is
 * the pane's title strip, then the graph above the memory chart (or, with
 * chart_beside, the chart to its right: a wide, low pane), the cards laid
 * out as in layout_compute; the frame's bars, side panel and log stay empty. */
void layout_pane(Layout *l, const Scenario *sc, Rect area, int w, int h, float s, bool chart_beside);

#endif
