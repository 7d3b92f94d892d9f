/* chart.h - process memory over time, stacked by stream and by kind, with the limit.
 *
 * x: ticks 0 .. the scenario's tick count (fixed, so the axis does not
 * give away when a run ends); y: bytes, 0 .. a round value above both the
 * run's peak and the memory limit. Only ticks up to the displayed one are
 * drawn (compare mode puts several runs on one shared scale). Each stream's band has its card's swatch colour, in declaration
 * order from the bottom; inside a stream's band its Buffer bytes (external,
 * off the V8 heap) are solid and its objects or decoded strings (on the
 * heap) striped, and what kept slices retain is one grey band on top, so
 * memory-bytes and memory-objects look different at a glance. A legend line
 * names the kinds the run has had. The limit is a dashed line in palette error; a
 * run that died of it ends in a cross and the word "OOM" at its last tick.
 */
#ifndef HW_VIEW_CHART_H
#define HW_VIEW_CHART_H

#include "view/draw.h"
#include "view/history.h"

typedef struct {
    Rect plot;          /* the plotting area inside r */
    int64_t ymax;       /* bytes at plot top */
    int64_t xmax;       /* tick at plot right */
} ChartGeom;

/* Where the plot goes in r and its scales (the probe prints these). */
ChartGeom chart_geom(const Draw *d, Rect r, const History *h);

void chart_draw(const Draw *d, Rect r, const History *h, const Scenario *sc);

enum { CHART_EXTERNAL, CHART_HEAP, CHART_RETAINED };
/* A legend swatch of one kind in a stream's colour (retained: its own grey). */
void chart_swatch(const Draw *d, Rect r, int kind, Rgba col);
Rgba chart_retained_colour(const Palette *p);

/* Several charts on one scale (compare mode): y up to a round value above
 * the largest `top` (chart_top() of each run), x up to the largest tick
 * count. Each chart still draws only its own run. */
typedef struct {
    int64_t top;        /* bytes: the largest chart_top() */
    int64_t xmax;       /* ticks: the largest scenario tick count */
} ChartScale;

/* A run's highest value to show: its peak so far or its memory limit. */
int64_t chart_top(const History *h);
/* As chart_geom / chart_draw, on a scale at least as large as `shared` (NULL: the run's own). */
ChartGeom chart_geom_shared(const Draw *d, Rect r, const History *h, const ChartScale *shared);
void chart_draw_shared(const Draw *d, Rect r, const History *h, const Scenario *sc, const ChartScale *shared);
/* As chart_draw_shared, with the heading's "now" and "peak so far" from
 * `shown` (the story's moment inside a tick) rather than the tick's end. */
void chart_draw_at(const Draw *d, Rect r, const History *h, const Scenario *sc, const ChartScale *shared,
                   const TickState *shown);
/* The heading's "peak so far" at `shown`: the displayed tick's end peak, or
 * at a moment inside that tick (micro.h) the peak up to that moment, which
 * never counts what the rest of the tick will add. */
int64_t chart_peak_at(const History *h, const TickState *shown);

#endif
