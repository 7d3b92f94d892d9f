/* chart.h - process memory over time, stacked by stream, with the limit.
 *
 * x: ticks 0 .. the scenario's tick count (fixed, so the axis does not
 * give away when a run ends); y: bytes, 0 .. a round value above both the
 * run's peak and the memory limit. Only ticks up to the displayed one are
 * drawn. Each stream's band has its card's swatch colour, in declaration
 * order from the bottom. The limit is a dashed line in palette error; a
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

#endif
