/* tank.h - one buffer drawn as a tank, and the scale it is drawn to.
 *
 * The body is linear from 0 at its floor to `cap` units at its rim, with
 * cap = 2 x highWaterMark, so the highWaterMark line sits at half height and
 * the usual "hwm plus one chunk" stays inside. Above the rim is the overflow
 * zone: log scale from cap (zone floor) to cap x TANK_LOG_RANGE (zone top),
 * labelled in multiples of the highWaterMark (x8, x32 ... powers of 4); beyond that the fill is
 * clipped and marked. Fill colours: palette fill up to the line, fill_over
 * above it, fill_log in the overflow zone.
 *
 * The pixel rules below are the contract render tests check:
 *   fill height in the body = floor(min(len, cap) / cap * body.h + 0.5)
 *   the line's centre row   = body.y + body.h - floor(hwm / cap * body.h + 0.5)
 *   the line is tank_line_px() rows thick, starting t/2 rows above the centre.
 */
#ifndef HW_VIEW_TANK_H
#define HW_VIEW_TANK_H

#include <stdbool.h>
#include <stdint.h>

#include "view/draw.h"

#define TANK_LOG_RANGE 65536.0  /* the overflow zone spans cap .. cap x 65536 (131072 x hwm) */

typedef struct {
    int64_t hwm;   /* units */
    int64_t cap;   /* units at the body's rim (> 0) */
} TankScale;

/* cap = 2 * hwm; a highWaterMark of 0 (every write returns false) borrows
 * 2 * fallback (the chunk size) so the buffer stays visible. */
TankScale tank_scale(int64_t hwm, int64_t fallback);
int tank_fill_px(TankScale sc, double len, int body_h);
int tank_hwm_px(TankScale sc, int body_h);
/* 0..1 of the overflow zone filled; > 1 means clipped. */
double tank_over_frac(TankScale sc, double len);
int tank_line_px(const Draw *d);
/* Wall thickness, drawn outside the body rect. */
int tank_wall_px(const Draw *d);

typedef struct {
    double len;        /* units, interpolated between ticks */
    bool objects;      /* objectMode side */
    bool dim;          /* destroyed: draw in grey */
    float flash;       /* 0..1: 'drain' just fired on this side */
    bool labels_left;  /* "hwm" and the log scale on the left (a transform's input tank) */
} TankLook;

void tank_draw(const Draw *d, Rect body, Rect over, TankScale sc, TankLook look);

#endif
