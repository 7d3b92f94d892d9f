/* tank.c - a buffer as a tank (see tank.h). */
#include <math.h>
#include <stdio.h>

#include "view/fmt.h"
#include "view/tank.h"

TankScale tank_scale(int64_t hwm, int64_t fallback)
{
    int64_t cap = hwm > 0 ? 2 * hwm : 2 * (fallback > 0 ? fallback : 1);
    return (TankScale){hwm, cap};
}

int tank_fill_px(TankScale sc, double len, int body_h)
{
    if (len <= 0) return 0;
    if (len > (double)sc.cap) len = (double)sc.cap;
    return (int)floor(len / (double)sc.cap * body_h + 0.5);
}

int tank_hwm_px(TankScale sc, int body_h)
{
    return (int)floor((double)sc.hwm / (double)sc.cap * body_h + 0.5);
}

double tank_over_frac(TankScale sc, double len)
{
    if (len <= (double)sc.cap) return 0;
    return log(len / (double)sc.cap) / log(TANK_LOG_RANGE);
}

int tank_line_px(const Draw *d) { return dline(d, 3); }
int tank_wall_px(const Draw *d) { return dline(d, 3); }

static Rgba grey_if(Rgba c, bool dim, const Palette *p)
{
    return dim ? rgba_mix(c, p->destroyed, 0.8f) : c;
}

static void draw_overflow(const Draw *d, Rect over, TankScale sc, TankLook look)
{
    const Palette *p = d->pal;
    double f = tank_over_frac(sc, look.len);
    int wall = tank_wall_px(d);
    /* The zone is an extension of the tank: dashed walls, its own ground. */
    draw_rect(d, over, p->log_bg);
    int fh = (int)floor((f > 1 ? 1 : f) * over.h + 0.5);
    draw_rect(d, (Rect){over.x, over.y + over.h - fh, over.w, fh}, grey_if(p->fill_log, look.dim, p));
    for (int y = over.y; y < over.y + over.h; y += 2 * wall) {
        int h = y + wall > over.y + over.h ? over.y + over.h - y : wall;
        draw_rect(d, (Rect){over.x - wall, y, wall, h}, p->tank_edge);
        draw_rect(d, (Rect){over.x + over.w, y, wall, h}, p->tank_edge);
    }
    /* Ticks at 8x, 32x ... the highWaterMark, one per power of 4 (the
     * zone's floor is 2x), labelled as densely as the zone's height allows. */
    int fs = dfont(d, 11);
    double step_px = log(4.0) / log(TANK_LOG_RANGE) * over.h;
    int every = step_px > 0 ? (int)ceil(fs * 1.15 / step_px) : 5;
    int nticks = (int)floor(log(TANK_LOG_RANGE) / log(4.0) + 1e-9);
    for (int k = 1; k <= nticks; k++) {
        double mult = 2.0 * pow(4.0, k);
        double frac = log(mult / 2.0) / log(TANK_LOG_RANGE);
        int y = over.y + over.h - (int)floor(frac * over.h + 0.5);
        draw_rect(d, (Rect){over.x, y, over.w, dline(d, 1)}, rgba_alpha(p->text_dim, 160));
        /* Labels only up to just above the fill: a tank 4x over its mark
         * should not read "x8192" at a glance. The first mark always shows. */
        double ratio = sc.hwm > 0 ? look.len / (double)sc.hwm : 0;
        if ((k - 1) % every != 0 || y < over.y + fs / 2 || (k > 1 && mult > 4 * ratio)) continue;
        char lab[16];
        snprintf(lab, sizeof lab, "×%g", mult);
        if (look.labels_left)
            draw_text(d, FACE_SANS, fs, p->text_dim, over.x - wall - dp(d, 3), y, TA_RIGHT | TA_MIDDLE, lab);
        else
            draw_text(d, FACE_SANS, fs, p->text_dim, over.x + over.w + wall + dp(d, 3), y, TA_LEFT | TA_MIDDLE, lab);
    }
    if (f > 1) {
        /* Clipped: an arrow out of the top says "more than this". */
        int cx = over.x + over.w / 2, t = over.y, a = dp(d, 8);
        Rgba ink = {0, 0, 0, 255};
        draw_tri(d, (float)(cx - a), (float)(t + 2 * a), (float)(cx + a), (float)(t + 2 * a), (float)cx, (float)t, ink);
    }
}

void tank_draw(const Draw *d, Rect body, Rect over, TankScale sc, TankLook look)
{
    const Palette *p = d->pal;
    int wall = tank_wall_px(d);
    int line = tank_line_px(d);
    int bottom = body.y + body.h;
    if (look.flash > 0) {
        Rect glow = {body.x - wall - dp(d, 8), body.y - dp(d, 8), body.w + 2 * wall + dp(d, 16),
                     body.h + wall + dp(d, 16)};
        draw_round(d, glow, dp(d, 8), rgba_alpha(p->drain, (int)(look.flash * 230)));
    }
    draw_rect(d, body, p->tank_bg);
    int fh = tank_fill_px(sc, look.len, body.h);
    int hh = sc.hwm > 0 ? tank_hwm_px(sc, body.h) : 0;
    int below = fh < hh ? fh : hh;
    draw_rect(d, (Rect){body.x, bottom - below, body.w, below}, grey_if(p->fill, look.dim, p));
    if (fh > hh) draw_rect(d, (Rect){body.x, bottom - fh, body.w, fh - hh}, grey_if(p->fill_over, look.dim, p));
    if (look.len > (double)sc.cap && over.h > 0) draw_overflow(d, over, sc, look);

    /* U-shaped wall: open at the top, because the line is not a lid. */
    Rgba edge = look.dim ? p->destroyed : p->tank_edge;
    draw_rect(d, (Rect){body.x - wall, body.y, wall, body.h + wall}, edge);
    draw_rect(d, (Rect){body.x + body.w, body.y, wall, body.h + wall}, edge);
    draw_rect(d, (Rect){body.x - wall, bottom, body.w + 2 * wall, wall}, edge);

    if (sc.hwm > 0 || sc.cap > 0) {
        int y = bottom - hh - line / 2;
        int ov = dp(d, 7);
        draw_rect(d, (Rect){body.x - wall - ov, y, body.w + 2 * (wall + ov), line}, p->hwm_line);
        if (look.labels_left)
            draw_text(d, FACE_BOLD, dfont(d, 12), p->text, body.x - wall - ov - dp(d, 3), y + line / 2,
                      TA_RIGHT | TA_MIDDLE, "hwm");
        else
            draw_text(d, FACE_BOLD, dfont(d, 12), p->text, body.x + body.w + wall + ov + dp(d, 3),
                      y + line / 2, TA_LEFT | TA_MIDDLE, "hwm");
    }
}
