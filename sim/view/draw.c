/* draw.c - flat shapes and text for the view (see draw.h). */
#include <math.h>
#include <string.h>

#include "view/draw.h"

int dp(const Draw *d, float v)
{
    int p = (int)lroundf(v * d->s);
    return v > 0 && p < 1 ? 1 : p;
}

int dfont(const Draw *d, float pt)
{
    /* Nothing a student reads is smaller than 13 design units: 13 px of DejaVu is a
     * line 16 px high (TTF_FontHeight) at 1280x720, legible from the back row. */
    if (pt < DRAW_MIN_PT) pt = DRAW_MIN_PT;
    int p = (int)lroundf(pt * d->s);
    return p < 8 ? 8 : p;
}

int dline(const Draw *d, float w)
{
    int p = (int)lroundf(w * d->s * d->pal->line_scale);
    return p < 1 ? 1 : p;
}

static void set_color(const Draw *d, Rgba c)
{
    SDL_SetRenderDrawBlendMode(d->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(d->r, c.r, c.g, c.b, c.a);
}

/* Row spans are gathered and sent to the renderer in batches: one call per
 * few hundred rows instead of one per row. */
typedef struct {
    SDL_Rect q[256];
    int n;
} Spans;

static void spans_flush(const Draw *d, Spans *sp)
{
    if (sp->n) SDL_RenderFillRects(d->r, sp->q, sp->n);
    sp->n = 0;
}

static void spans_add(const Draw *d, Spans *sp, int x, int y, int w)
{
    if (w <= 0) return;
    if (sp->n == 256) spans_flush(d, sp);
    sp->q[sp->n++] = (SDL_Rect){x, y, w, 1};
}

void draw_rect(const Draw *d, Rect r, Rgba c)
{
    if (r.w <= 0 || r.h <= 0) return;
    set_color(d, c);
    SDL_Rect q = {r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(d->r, &q);
}

void draw_frame(const Draw *d, Rect r, int t, Rgba c)
{
    if (r.w <= 0 || r.h <= 0) return;
    if (t * 2 >= r.w || t * 2 >= r.h) {
        draw_rect(d, r, c);
        return;
    }
    set_color(d, c);
    SDL_Rect q[4] = {{r.x, r.y, r.w, t},
                     {r.x, r.y + r.h - t, r.w, t},
                     {r.x, r.y + t, t, r.h - 2 * t},
                     {r.x + r.w - t, r.y + t, t, r.h - 2 * t}};
    SDL_RenderFillRects(d->r, q, 4);
}

/* Horizontal inset of a rounded rect's row at distance dy (0-based, from the
 * nearest edge) inside a corner of radius rad. */
static int corner_inset(int rad, int dy)
{
    if (dy >= rad) return 0;
    float y = (float)rad - (float)dy - 0.5f;
    float x = sqrtf((float)rad * rad - y * y);
    return (int)lroundf((float)rad - x);
}

void draw_round(const Draw *d, Rect r, int rad, Rgba c)
{
    if (r.w <= 0 || r.h <= 0) return;
    if (rad > r.w / 2) rad = r.w / 2;
    if (rad > r.h / 2) rad = r.h / 2;
    if (rad <= 1) {
        draw_rect(d, r, c);
        return;
    }
    set_color(d, c);
    SDL_Rect rows[2 * 64 + 1];
    int n = 0;
    if (rad > 64) rad = 64;
    for (int i = 0; i < rad; i++) {
        int in = corner_inset(rad, i);
        rows[n++] = (SDL_Rect){r.x + in, r.y + i, r.w - 2 * in, 1};
        rows[n++] = (SDL_Rect){r.x + in, r.y + r.h - 1 - i, r.w - 2 * in, 1};
    }
    rows[n++] = (SDL_Rect){r.x, r.y + rad, r.w, r.h - 2 * rad};
    SDL_RenderFillRects(d->r, rows, n);
}

void draw_round_frame(const Draw *d, Rect r, int rad, int t, Rgba c)
{
    if (r.w <= 0 || r.h <= 0) return;
    if (rad > r.w / 2) rad = r.w / 2;
    if (rad > r.h / 2) rad = r.h / 2;
    if (rad > 64) rad = 64;
    if (t * 2 >= r.w || t * 2 >= r.h) {
        draw_round(d, r, rad, c);
        return;
    }
    set_color(d, c);
    int irad = rad - t > 0 ? rad - t : 0;
    Spans sp = {.n = 0};
    /* The straight sides as two rects; row spans only where the corners bend. */
    int band = rad > t ? rad : t;
    SDL_Rect sides[2] = {{r.x, r.y + band, t, r.h - 2 * band}, {r.x + r.w - t, r.y + band, t, r.h - 2 * band}};
    if (r.h > 2 * band) SDL_RenderFillRects(d->r, sides, 2);
    for (int i = 0; i < r.h; i++) {
        int dy = i < r.h - 1 - i ? i : r.h - 1 - i;
        if (dy >= band) continue;
        int out = corner_inset(rad, dy);
        int y = r.y + i;
        if (dy < t) {
            spans_add(d, &sp, r.x + out, y, r.w - 2 * out);
            continue;
        }
        int in = t + corner_inset(irad, dy - t);
        if (out >= in) in = out + 1;
        spans_add(d, &sp, r.x + out, y, in - out);
        spans_add(d, &sp, r.x + r.w - in, y, in - out);
    }
    spans_flush(d, &sp);
}

static void quad(const Draw *d, const float *xy, Rgba c)
{
    SDL_Vertex v[4];
    for (int i = 0; i < 4; i++)
        v[i] = (SDL_Vertex){{xy[2 * i], xy[2 * i + 1]}, {c.r, c.g, c.b, c.a}, {0, 0}};
    int idx[6] = {0, 1, 2, 0, 2, 3};
    SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(d->r, NULL, v, 4, idx, 6);
}

void draw_line(const Draw *d, float x0, float y0, float x1, float y1, float t, Rgba c)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-3f) return;
    float nx = -dy / len * t * 0.5f, ny = dx / len * t * 0.5f;
    float xy[8] = {x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny};
    quad(d, xy, c);
}

void draw_hline(const Draw *d, int x0, int x1, int y, int t, Rgba c)
{
    if (x1 < x0) {
        int s = x0;
        x0 = x1;
        x1 = s;
    }
    draw_rect(d, (Rect){x0, y, x1 - x0, t}, c);
}

void draw_dashed_hline(const Draw *d, int x0, int x1, int y, int t, int dash, Rgba c)
{
    if (dash < 2) dash = 2;
    for (int x = x0; x < x1; x += 2 * dash) {
        int e = x + dash < x1 ? x + dash : x1;
        draw_rect(d, (Rect){x, y, e - x, t}, c);
    }
}

void draw_tri(const Draw *d, float ax, float ay, float bx, float by, float cx, float cy, Rgba c)
{
    SDL_Vertex v[3] = {{{ax, ay}, {c.r, c.g, c.b, c.a}, {0, 0}},
                       {{bx, by}, {c.r, c.g, c.b, c.a}, {0, 0}},
                       {{cx, cy}, {c.r, c.g, c.b, c.a}, {0, 0}}};
    SDL_SetRenderDrawBlendMode(d->r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(d->r, NULL, v, 3, NULL, 0);
}

void draw_disc(const Draw *d, int cx, int cy, int r, Rgba c)
{
    if (r <= 0) return;
    set_color(d, c);
    Spans sp = {.n = 0};
    for (int i = -r; i < r; i++) {
        float y = (float)i + 0.5f;
        int w = (int)lroundf(sqrtf((float)r * r - y * y));
        spans_add(d, &sp, cx - w, cy + i, 2 * w);
    }
    spans_flush(d, &sp);
}

void draw_ring(const Draw *d, int cx, int cy, int r, int t, Rgba c)
{
    if (r <= 0) return;
    int ri = r - t;
    set_color(d, c);
    Spans sp = {.n = 0};
    for (int i = -r; i < r; i++) {
        float y = (float)i + 0.5f;
        int wo = (int)lroundf(sqrtf((float)r * r - y * y));
        int wi = (ri > 0 && fabsf(y) < (float)ri) ? (int)lroundf(sqrtf((float)ri * ri - y * y)) : 0;
        if (wi <= 0) {
            spans_add(d, &sp, cx - wo, cy + i, 2 * wo);
        } else {
            spans_add(d, &sp, cx - wo, cy + i, wo - wi);
            spans_add(d, &sp, cx + wi, cy + i, wo - wi);
        }
    }
    spans_flush(d, &sp);
}

void draw_hatch(const Draw *d, Rect r, int spacing, int t, Rgba c)
{
    if (r.w <= 0 || r.h <= 0 || spacing < 2) return;
    set_color(d, c);
    Spans sp = {.n = 0};
    /* Row by row: the stripes crossing a row are short runs at a shifting phase. */
    for (int y = 0; y < r.h; y++) {
        int phase = (y + r.y) % spacing;
        for (int x = (spacing - phase) % spacing - spacing; x < r.w; x += spacing) {
            int x0 = x < 0 ? 0 : x, x1 = x + t > r.w ? r.w : x + t;
            spans_add(d, &sp, r.x + x0, r.y + y, x1 - x0);
        }
    }
    spans_flush(d, &sp);
}

int draw_text(const Draw *d, Face face, int px, Rgba c, int x, int y, int align, const char *s)
{
    return text_draw(d->tc, face, px, c, x, y, align, s);
}

int draw_text_fit(const Draw *d, Face face, int px, Rgba c, int x, int y, int align, int maxw,
                  const char *s)
{
    char buf[512];
    if (maxw <= 0) return 0;
    text_fit(d->tc, face, px, s, maxw, buf, sizeof buf);
    return text_draw(d->tc, face, px, c, x, y, align, buf);
}

int draw_text_alt(const Draw *d, Face face, int px, Rgba c, int x, int y, int align, int maxw, const char *s,
                  const char *shorter)
{
    int w = 0, h = 0;
    if (maxw <= 0) return 0;
    text_size(d->tc, face, px, s, &w, &h);
    if (w > maxw && shorter) {
        text_size(d->tc, face, px, shorter, &w, &h);
        if (w <= maxw) return text_draw(d->tc, face, px, c, x, y, align, shorter);
    }
    return draw_text_fit(d, face, px, c, x, y, align, maxw, s);
}

void draw_clip(const Draw *d, Rect r)
{
    SDL_Rect q = {r.x, r.y, r.w, r.h};
    SDL_RenderSetClipRect(d->r, &q);
}

void draw_unclip(const Draw *d)
{
    SDL_RenderSetClipRect(d->r, NULL);
}
