/* geom.h - the small value types the view passes around: rectangles and colours.
 *
 * Plain structs passed by value and built with compound literals, so layout
 * code stays free of SDL and can be printed by `render --probe` and checked
 * by tests without a renderer.
 */
#ifndef HW_VIEW_GEOM_H
#define HW_VIEW_GEOM_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int x, y, w, h;   /* output pixels; w, h may be 0 for an empty rect */
} Rect;

typedef struct {
    uint8_t r, g, b, a;
} Rgba;

static inline bool rect_has(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

static inline Rect rect_inset(Rect r, int d)
{
    Rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
    if (o.w < 0) o.w = 0;
    if (o.h < 0) o.h = 0;
    return o;
}

static inline int rect_cx(Rect r) { return r.x + r.w / 2; }
static inline int rect_cy(Rect r) { return r.y + r.h / 2; }
static inline int rect_right(Rect r) { return r.x + r.w; }
static inline int rect_bottom(Rect r) { return r.y + r.h; }

static inline Rgba rgba_alpha(Rgba c, int a)
{
    c.a = (uint8_t)(a < 0 ? 0 : a > 255 ? 255 : a);
    return c;
}

/* Linear mix of two colours, t in [0, 1]; alpha taken from a. */
static inline Rgba rgba_mix(Rgba a, Rgba b, float t)
{
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    Rgba o = {(uint8_t)(a.r + (b.r - a.r) * t + 0.5f), (uint8_t)(a.g + (b.g - a.g) * t + 0.5f),
              (uint8_t)(a.b + (b.b - a.b) * t + 0.5f), a.a};
    return o;
}

/* 0xRRGGBB as an opaque colour. */
static inline Rgba rgb_hex(uint32_t v)
{
    Rgba o = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
    return o;
}

#endif
