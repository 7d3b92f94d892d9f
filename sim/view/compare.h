/* compare.h - two runs in one frame, on one clock and one memory scale.
 *
 * The frame: a header (what is compared, and the keys; the live-change bar
 * takes its place while a stream is selected), one pane per run, the shared
 * scrubber and the status bar. Panes are stacked, or side by side when the
 * frame is wide (COMPARE_WIDE) or the user asks (X). Each pane has a title
 * strip (a letter, the run's label, how it ended), its stream graph and its
 * memory chart; the charts share one scale (chart.h ChartScale), so a flat
 * 128 KiB line under a 128 MiB mountain looks exactly that small.
 *
 * The clock: the display tick T is shared; a run that ended before T shows
 * its last tick (its death banner, if it died). The caller positions each
 * run's History; this module only lays out and draws.
 */
#ifndef HW_VIEW_COMPARE_H
#define HW_VIEW_COMPARE_H

#include <stdbool.h>

#include "view/scene.h"

#define COMPARE_RUNS 2
#define COMPARE_WIDE 1.9f   /* width / height from which auto arranges side by side */

typedef enum { ARRANGE_AUTO, ARRANGE_STACKED, ARRANGE_SIDE } CompareArrange;

typedef struct {
    int w, h;
    float s;
    bool side_by_side;
    Rect header, scrub, status;
    int n;
    Layout pane[COMPARE_RUNS];
} CompareLayout;

void compare_layout(CompareLayout *cl, const Scenario *const *sc, int n, int w, int h, float s, CompareArrange a);

typedef struct {
    int n;
    Scene pane[COMPARE_RUNS];        /* one run each: h, sc, fx, alpha, hover, focus, base ... */
    const char *label[COMPARE_RUNS]; /* pane titles */
    const char *file[COMPARE_RUNS];  /* shown dim beside them, or NULL */
    const char *title;               /* the header */
    const EditBar *edit;             /* a stream selected: the bar replaces the header */
    int64_t tick;                    /* the shared clock */
    int64_t ticks;                   /* the scrubber's length: the largest tick count */
    bool playing;
    double speed;
    const char *speed_name;
    bool show_help;
    int hover_pane;                  /* the pane whose stream is hovered, or -1 */
    const char *toast;
} CompareScene;

void compare_draw(const Draw *d, const CompareLayout *cl, const CompareScene *cs);

/* The header's title: the scenario's title when one file runs with two
 * values (varied), else "Side by side: A vs B" with the scenarios' names. */
void compare_title(const Scenario *a, const Scenario *b, bool varied, char *buf, size_t len);

/* The scrubber's track, and the tick under x on it. */
Rect compare_scrub_track(const Draw *d, const CompareLayout *cl);
int64_t compare_scrub_tick(const Draw *d, const CompareLayout *cl, int64_t ticks, int x);
/* The pane and stream whose card holds (x, y): returns the pane or -1. */
int compare_hit_card(const CompareLayout *cl, int x, int y, int *stream);

#endif
