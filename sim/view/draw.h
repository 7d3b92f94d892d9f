/* draw.h - the drawing context and the primitives every view module uses.
 *
 * A Draw carries what a frame is drawn with: the renderer, the text cache,
 * the palette and the UI scale. It is passed by pointer to every draw
 * function; nothing here keeps state between calls. All shapes are drawn
 * without anti-aliasing (text excepted), so flat fills keep exact palette
 * colours that render tests can look for.
 */
#ifndef HW_VIEW_DRAW_H
#define HW_VIEW_DRAW_H

#include <SDL.h>

#include "view/geom.h"
#include "view/palette.h"
#include "view/text.h"

typedef struct {
    SDL_Renderer *r;
    TextCache *tc;
    const Palette *pal;
    float s;              /* UI scale: 1.0 lays out a 1280x720 frame */
} Draw;

/* A length of v design units in output pixels (at least 1 when v > 0). */
int dp(const Draw *d, float v);
#define DRAW_MIN_PT 13.0f   /* the smallest type size, in design units */

/* A font size of pt design units (at least DRAW_MIN_PT), with the palette's type scale. */
int dfont(const Draw *d, float pt);
/* A stroke width, with the palette's line scale. */
int dline(const Draw *d, float w);

void draw_rect(const Draw *d, Rect r, Rgba c);                 /* filled; blends when c.a < 255 */
void draw_frame(const Draw *d, Rect r, int t, Rgba c);         /* outline t pixels thick, inside r */
void draw_round(const Draw *d, Rect r, int rad, Rgba c);       /* filled rounded rect */
void draw_round_frame(const Draw *d, Rect r, int rad, int t, Rgba c);
void draw_line(const Draw *d, float x0, float y0, float x1, float y1, float t, Rgba c);
void draw_hline(const Draw *d, int x0, int x1, int y, int t, Rgba c);   /* rows y..y+t-1 */
void draw_dashed_hline(const Draw *d, int x0, int x1, int y, int t, int dash, Rgba c);
void draw_tri(const Draw *d, float ax, float ay, float bx, float by, float cx, float cy, Rgba c);
void draw_disc(const Draw *d, int cx, int cy, int r, Rgba c);
void draw_ring(const Draw *d, int cx, int cy, int r, int t, Rgba c);
/* Diagonal stripes clipped to r. */
void draw_hatch(const Draw *d, Rect r, int spacing, int t, Rgba c);

/* Text through the cache; see text_draw for align. Returns the width. */
int draw_text(const Draw *d, Face face, int px, Rgba c, int x, int y, int align, const char *s);
/* Same, cut with "…" to at most maxw pixels. */
int draw_text_fit(const Draw *d, Face face, int px, Rgba c, int x, int y, int align, int maxw,
                  const char *s);

/* Draws s, or when it is wider than maxw its shorter form (NULL: none);
 * when neither fits, s cut as draw_text_fit does (and reported as a cut).
 * Returns the width drawn. */
int draw_text_alt(const Draw *d, Face face, int px, Rgba c, int x, int y, int align, int maxw, const char *s,
                  const char *shorter);

void draw_clip(const Draw *d, Rect r);
void draw_unclip(const Draw *d);

#endif
