/* text.h - a cache of rendered text lines as textures.
 *
 * Rendering a line with SDL_ttf costs ~15-20 us; a frame draws ~50-150 lines,
 * most unchanged from the last frame. Entries are keyed by (face, size,
 * colour, string). text_frame_end() drops entries unused for a while once the
 * table is over half full, so memory stays bounded while numbers change
 * every tick.
 *
 * With HIGHWATER_REPORT_CUTS set in the environment, every line text_fit()
 * cuts is named on stderr: how screenshots are checked for cut text.
 *
 * The cache owns its textures; they belong to the renderer given at creation
 * and must not outlive it: destroy the cache first.
 */
#ifndef HW_VIEW_TEXT_H
#define HW_VIEW_TEXT_H

#include <SDL.h>

#include "view/font.h"
#include "view/geom.h"

typedef struct TextCache TextCache;

/* Horizontal alignment in the low bits, vertical in the next. */
enum {
    TA_LEFT = 0, TA_CENTER = 1, TA_RIGHT = 2,
    TA_TOP = 0, TA_MIDDLE = 4, TA_BOTTOM = 8,
};

TextCache *text_create(SDL_Renderer *r, Fonts *fonts);
void text_destroy(TextCache *tc);

/* Draws one line with its anchor at (x, y); returns its width in pixels
 * (0 for an empty string or when the font is unavailable). */
int text_draw(TextCache *tc, Face face, int px, Rgba color, int x, int y, int align, const char *s);

/* Width and height of a line without drawing it. */
void text_size(TextCache *tc, Face face, int px, const char *s, int *w, int *h);

/* Copies s into out, cut at a character boundary and ended with "…" if it is
 * wider than maxw. Returns the width of the result. */
int text_fit(TextCache *tc, Face face, int px, const char *s, int maxw, char *out, size_t outlen);

/* Breaks s into lines no wider than maxw at spaces; writes up to maxlines
 * NUL-terminated lines of linelen bytes into lines. Returns the line count; the
 * last line is cut with "…" when the text does not fit. */
int text_wrap(TextCache *tc, Face face, int px, const char *s, int maxw, char *lines, size_t linelen,
              int maxlines);

/* An opaque panel was drawn over r (an overlay): texts drawn before it there
 * are hidden, so HIGHWATER_REPORT_OVERLAPS no longer counts them. */
void text_cover(TextCache *tc, int x, int y, int w, int h);

/* Call once per presented frame. */
void text_frame_end(TextCache *tc);

#endif
