/* chart.c - the stacked memory chart (see chart.h). */
#include <stdio.h>
#include <stdlib.h>

#include "view/chart.h"
#include "view/fmt.h"

/* 1, 2 or 5 times a power of 1024 times a power of 10: labels stay short. */
static int64_t nice_ceiling(int64_t v)
{
    if (v <= 1024) return 1024;
    int64_t unit = 1;
    while (v / unit >= 1024 && unit < ((int64_t)1 << 60)) unit *= 1024;
    static const int steps[] = {1, 2, 4, 5, 8, 10, 16, 20, 32, 40, 50, 64, 80, 100, 128, 160, 200, 256, 320, 400, 512, 640, 800, 1024};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if ((int64_t)steps[i] * unit >= v) return (int64_t)steps[i] * unit;
    return 1024 * unit;
}

int64_t chart_top(const History *h)
{
    int64_t top_v = hist_peak(h);
    if (hist_cur(h)->mem.limit > top_v) top_v = hist_cur(h)->mem.limit;
    return top_v;
}

ChartGeom chart_geom(const Draw *d, Rect r, const History *h)
{
    return chart_geom_shared(d, r, h, NULL);
}

ChartGeom chart_geom_shared(const Draw *d, Rect r, const History *h, const ChartScale *shared)
{
    ChartGeom g;
    int left = dp(d, 74), top = dp(d, 50), bottom = dp(d, 22), right = dp(d, 14);   /* top: heading and the kinds' legend */
    g.plot = (Rect){r.x + left, r.y + top, r.w - left - right, r.h - top - bottom};
    if (g.plot.w < 0) g.plot.w = 0;
    if (g.plot.h < 0) g.plot.h = 0;
    int64_t top_v = chart_top(h);
    if (shared && shared->top > top_v) top_v = shared->top;
    g.ymax = nice_ceiling(top_v + top_v / 12);
    g.xmax = sim_ticks(hist_sim(h));
    if (shared && shared->xmax > g.xmax) g.xmax = shared->xmax;
    if (g.xmax < 1) g.xmax = 1;
    return g;
}

Rgba chart_retained_colour(const Palette *p) { return rgba_mix(p->text_dim, p->tank_bg, 0.2f); }

void chart_swatch(const Draw *d, Rect r, int kind, Rgba col)
{
    const Palette *p = d->pal;
    if (kind == CHART_RETAINED) {
        draw_rect(d, r, chart_retained_colour(p));
        return;
    }
    draw_rect(d, r, col);
    if (kind == CHART_HEAP)
        for (int x = r.x + dp(d, 3); x < r.x + r.w; x += 2 * dp(d, 3))
            draw_rect(d, (Rect){x, r.y, dp(d, 3) < r.x + r.w - x ? dp(d, 3) : r.x + r.w - x, r.h},
                      rgba_mix(col, p->tank_bg, 0.6f));
}

static int y_of(ChartGeom g, int64_t v)
{
    double f = (double)v / (double)g.ymax;
    if (f > 1.04) f = 1.04;   /* a spike past the top pokes out a little, no more */
    return g.plot.y + g.plot.h - (int)(f * g.plot.h + 0.5);
}

void chart_draw(const Draw *d, Rect r, const History *h, const Scenario *sc)
{
    chart_draw_shared(d, r, h, sc, NULL);
}

void chart_draw_shared(const Draw *d, Rect r, const History *h, const Scenario *sc, const ChartScale *shared)
{
    chart_draw_at(d, r, h, sc, shared, hist_cur(h));
}

int64_t chart_peak_at(const History *h, const TickState *shown)
{
    const TickState *cur = hist_cur(h);
    /* The chart's peak is taken from the ticks' ends, as the model samples
     * memory; a moment's transient (a synchronous sink's chunk, gone by the
     * tick's end) must not raise it, or it would fall back at the next tick. */
    if (shown == cur || shown->mem.peak_total > cur->mem.peak_total) return cur->mem.peak_total;
    return shown->mem.peak_total;
}

void chart_draw_at(const Draw *d, Rect r, const History *h, const Scenario *sc, const ChartScale *shared,
                   const TickState *shown)
{
    const Palette *p = d->pal;
    draw_round(d, r, dp(d, 8), p->panel);
    ChartGeom g = chart_geom_shared(d, r, h, shared);
    const TickState *cur = hist_cur(h);
    char a[32], b[32], line[160];
    int64_t peak = chart_peak_at(h, shown);

    /* Heading: what it is, what it is now, and the limit in words. */
    int fs = dfont(d, 15);
    int x = r.x + dp(d, 12), ty = r.y + dp(d, 8);
    int right = r.x + r.w - dp(d, 12);
    snprintf(line, sizeof line, "   %s now · peak so far %s", fmt_bytes(shown->mem.total, a, sizeof a),
             fmt_bytes(peak, b, sizeof b));
    int lw, lh, hw;
    text_size(d->tc, FACE_SANS, fs, line, &lw, &lh);
    text_size(d->tc, FACE_BOLD, fs, "Process memory", &hw, &lh);
    const char *heading = "Process memory";
    if (x + hw + lw > right) {
        /* A narrow chart (compare mode): the short form. */
        heading = "Memory";
        snprintf(line, sizeof line, "  %s · peak %s", fmt_bytes(shown->mem.total, a, sizeof a),
                 fmt_bytes(peak, b, sizeof b));
    }
    x += draw_text(d, FACE_BOLD, fs, p->heading, x, ty, TA_LEFT | TA_TOP, heading);
    draw_text_fit(d, FACE_SANS, fs, p->text, x, ty, TA_LEFT | TA_TOP, right - x, line);

    /* The kinds in the legend: only those the run has had, so a lesson's
     * legend says what its memory is made of. */
    int count;
    int64_t bucket;
    const int64_t *per, *heap, *ret;
    hist_samples(h, &count, &bucket, &per);
    hist_samples_kind(h, &heap, &ret);
    int ns = sc->nstreams < cur->n ? sc->nstreams : cur->n;
    bool any_ext = false, any_heap = false, any_ret = false;
    for (int64_t k = 0; k < (int64_t)count * ns; k++) {
        any_heap = any_heap || heap[k] > 0;
        any_ret = any_ret || ret[k] > 0;
        any_ext = any_ext || per[k] - heap[k] - ret[k] > 0;
    }
    int lx = r.x + r.w - dp(d, 12);
    int ky = ty + dp(d, 20);   /* the kinds' line, under the heading */
    if (any_ext || any_heap || any_ret) {
        int kx = r.x + r.w - dp(d, 12);
        struct { bool on; int kind; const char *label, *brief; } kinds[] = {
            {any_ret, CHART_RETAINED, "retained by kept slices", "retained"},
            {any_heap, CHART_HEAP, "striped: objects / strings on the V8 heap", "V8 heap"},
            {any_ext, CHART_EXTERNAL, "solid: Buffer bytes (external, off the heap)", "Buffers"},
        };
        /* A narrow chart (compare mode) gets the brief names. */
        int need = 0;
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            int tw, th2;
            if (!kinds[k].on) continue;
            text_size(d->tc, FACE_BOLD, dfont(d, 12), kinds[k].label, &tw, &th2);
            need += tw + dp(d, 34);
        }
        bool brief = kx - need < r.x + dp(d, 80);
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            if (!kinds[k].on) continue;
            int tw, th2;
            if (brief) kinds[k].label = kinds[k].brief;
            text_size(d->tc, FACE_BOLD, dfont(d, 12), kinds[k].label, &tw, &th2);
            if (kx - tw - dp(d, 30) < r.x + dp(d, 4)) break;
            kx -= tw;
            draw_text(d, FACE_BOLD, dfont(d, 12), p->text, kx, ky, TA_LEFT | TA_TOP, kinds[k].label);
            kx -= dp(d, 20);
            chart_swatch(d, (Rect){kx, ky + dp(d, 1), dp(d, 14), dp(d, 12)}, kinds[k].kind, palette_series(p, 0));
            kx -= dp(d, 14);
        }
    }
    for (int i = sc->nstreams - 1; i >= 0; i--) {
        int tw, th2;
        text_size(d->tc, FACE_SANS, dfont(d, 12), sc->streams[i].id, &tw, &th2);
        if (lx - tw - dp(d, 20) < x + dp(d, 260)) break;
        lx -= tw;
        draw_text(d, FACE_SANS, dfont(d, 12), p->text_dim, lx, ty + dp(d, 2), TA_LEFT | TA_TOP, sc->streams[i].id);
        lx -= dp(d, 16);
        draw_rect(d, (Rect){lx, ty + dp(d, 4), dp(d, 11), dp(d, 11)}, palette_series(p, i));
        lx -= dp(d, 10);
    }

    if (g.plot.w <= 0 || g.plot.h <= 0) return;
    draw_rect(d, g.plot, p->tank_bg);
    /* Grid and y labels at quarters; a short chart (two rows of cards above
     * it) labels only the halves, or the top and the floor, so the labels
     * never run into each other. */
    int yl_w, yl_h;
    text_size(d->tc, FACE_SANS, dfont(d, 12), "0", &yl_w, &yl_h);
    int every = g.plot.h / 4 >= yl_h ? 1 : g.plot.h / 2 >= yl_h ? 2 : 4;
    bool floor_label = g.plot.h >= yl_h;   /* a sliver of a chart: the top's label alone */
    for (int q = 0; q <= 4; q++) {
        int64_t v = g.ymax / 4 * q;
        int y = y_of(g, v);
        if (q > 0) draw_rect(d, (Rect){g.plot.x, y, g.plot.w, 1}, rgba_alpha(p->panel_edge, 255));
        if (q % every == 0 && (q > 0 || floor_label))
            draw_text(d, FACE_SANS, dfont(d, 12), p->text_dim, g.plot.x - dp(d, 6), y, TA_RIGHT | TA_MIDDLE,
                      fmt_bytes(v, a, sizeof a));
    }
    /* x labels: ticks and simulated time. */
    int64_t tick_us = sc->tick_us > 0 ? sc->tick_us : 1000;
    int xstep = g.plot.w < dp(d, 300) ? 2 : 1;   /* a narrow chart labels every other quarter */
    for (int q = 0; q <= 4; q += xstep) {
        int64_t t = g.xmax * q / 4;
        int xx = g.plot.x + (int)((double)t / (double)g.xmax * g.plot.w);
        if (t == 0) snprintf(line, sizeof line, "0");
        else snprintf(line, sizeof line, "%s", fmt_duration(t * tick_us, a, sizeof a));
        int al = q == 0 ? TA_LEFT : q == 4 ? TA_RIGHT : TA_CENTER;
        draw_text(d, FACE_SANS, dfont(d, 12), p->text_dim, xx, g.plot.y + g.plot.h + dp(d, 3), al | TA_TOP, line);
    }

    /* The stacked bands, one column per pixel, batched per stream and kind:
     * each stream's Buffer bytes solid, its heap part striped, and what
     * kept slices retain as one band of its own on top. */
    int cols = g.plot.w;
    SDL_Rect *rects = malloc(sizeof *rects * (size_t)(2 * cols + 1));
    int64_t *acc = calloc((size_t)cols, sizeof *acc);
    if (rects && acc) {
        for (int band = 0; band <= 2 * ns; band++) {
            int i = band / 2, kind = band == 2 * ns ? CHART_RETAINED : band % 2 ? CHART_HEAP : CHART_EXTERNAL;
            int nr = 0, nstripe = 0;
            for (int c = 0; c < cols; c++) {
                /* Column c shows the tick at its right edge, if that tick has been shown. */
                if ((double)c / cols * (double)g.xmax > (double)cur->tick) break;
                int64_t t = (int64_t)((double)(c + 1) / (double)cols * (double)g.xmax);
                if (t > cur->tick) t = cur->tick;
                int64_t k = t / bucket;
                if (k >= count) break;
                int64_t v = 0;
                if (kind == CHART_RETAINED)
                    for (int j = 0; j < ns; j++) v += ret[k * ns + j];
                else if (kind == CHART_HEAP) v = heap[k * ns + i];
                else v = per[k * ns + i] - heap[k * ns + i] - ret[k * ns + i];
                if (v <= 0) continue;
                int y0 = y_of(g, acc[c]);
                acc[c] += v;
                int y1 = y_of(g, acc[c]);
                if (y1 >= y0) continue;
                /* Stripes: the heap's columns alternate light and dark, so the
                 * two kinds differ without relying on colour. */
                bool dark = kind == CHART_HEAP && (c / dp(d, 3)) % 2 == 1;
                if (dark) rects[cols + nstripe++] = (SDL_Rect){g.plot.x + c, y1, 1, y0 - y1};
                else rects[nr++] = (SDL_Rect){g.plot.x + c, y1, 1, y0 - y1};
            }
            Rgba col = kind == CHART_RETAINED ? chart_retained_colour(p) : palette_series(p, i);
            SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_NONE);
            SDL_SetRenderDrawColor(d->r, col.r, col.g, col.b, 255);
            if (nr) SDL_RenderFillRects(d->r, rects, nr);
            Rgba dim = rgba_mix(col, p->tank_bg, 0.6f);
            SDL_SetRenderDrawColor(d->r, dim.r, dim.g, dim.b, 255);
            if (nstripe) SDL_RenderFillRects(d->r, rects + cols, nstripe);
        }
        if (shared) {
            /* On a scale set by another run, a small run would vanish: memory
             * in use shows as a line at least 2 px thick along the floor. */
            int nr = 0, floor_y = g.plot.y + g.plot.h;
            for (int c = 0; c < cols; c++)
                if (acc[c] > 0 && y_of(g, acc[c]) > floor_y - 2) rects[nr++] = (SDL_Rect){g.plot.x + c, floor_y - 2, 1, 2};
            Rgba col = p->heading;
            SDL_SetRenderDrawColor(d->r, col.r, col.g, col.b, 255);
            if (nr) SDL_RenderFillRects(d->r, rects, nr);
        }
    }
    free(rects);
    free(acc);

    if (cur->mem.limit > 0) {
        int y = y_of(g, cur->mem.limit);
        draw_dashed_hline(d, g.plot.x, g.plot.x + g.plot.w, y - dline(d, 1), dline(d, 3), dp(d, 10), p->error);
        snprintf(line, sizeof line, "memory limit %s", fmt_bytes(cur->mem.limit, a, sizeof a));
        int tw, th2;
        text_size(d->tc, FACE_BOLD, dfont(d, 13), line, &tw, &th2);
        /* The label sits away from "now", where the data is being drawn. */
        int now_x = g.plot.x + (int)((double)cur->tick / (double)g.xmax * g.plot.w);
        int lx0 = now_x > g.plot.x + g.plot.w / 2 ? g.plot.x + dp(d, 6) : g.plot.x + g.plot.w - tw - dp(d, 16);
        Rect lab = {lx0, y - th2 - dp(d, 4), tw + dp(d, 10), th2 + dp(d, 2)};
        /* Above the line, unless that is the legend's row (a short chart): then under it. */
        if (lab.y < g.plot.y) lab.y = y + dp(d, 4);
        draw_round(d, lab, dp(d, 4), p->error);
        draw_text(d, FACE_BOLD, dfont(d, 13), p->error_text, lab.x + dp(d, 5), rect_cy(lab), TA_LEFT | TA_MIDDLE, line);
    }
    /* Now: a line at the displayed tick. */
    int cx = g.plot.x + (int)((double)cur->tick / (double)g.xmax * g.plot.w);
    if (cx > g.plot.x + g.plot.w - 1) cx = g.plot.x + g.plot.w - 1;
    draw_rect(d, (Rect){cx, g.plot.y, dline(d, 2), g.plot.h}, p->heading);

    if (cur->status == SIM_OOM && cur->finished) {
        int y = y_of(g, cur->mem.total);
        int k = dp(d, 12);
        draw_line(d, (float)(cx - k), (float)(y - k), (float)(cx + k), (float)(y + k), (float)dline(d, 5), p->error);
        draw_line(d, (float)(cx - k), (float)(y + k), (float)(cx + k), (float)(y - k), (float)dline(d, 5), p->error);
        /* The word in a box below the cross, on whichever side has room. */
        int tw, th2;
        text_size(d->tc, FACE_BOLD, dfont(d, 14), "OOM", &tw, &th2);
        Rect box = {cx - k - tw - dp(d, 14), y + k, tw + dp(d, 10), th2 + dp(d, 2)};
        if (box.x < g.plot.x) box.x = cx + k + dp(d, 4);
        draw_round(d, box, dp(d, 4), p->error);
        draw_text(d, FACE_BOLD, dfont(d, 14), p->error_text, rect_cx(box), rect_cy(box), TA_CENTER | TA_MIDDLE, "OOM");
    }
}
