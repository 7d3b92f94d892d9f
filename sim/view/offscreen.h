/* offscreen.h - drawing without a display: a software renderer on an
 * ARGB8888 surface, with the fonts and a text cache.
 *
 * Needs no video driver (SDL_CreateSoftwareRenderer draws into memory), so
 * render tests run in CI without X. The same scene gives the same bytes run
 * to run. TTF_Init() must have been called.
 */
#ifndef HW_VIEW_OFFSCREEN_H
#define HW_VIEW_OFFSCREEN_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "view/font.h"
#include "view/text.h"

typedef struct {
    SDL_Surface *surf;
    SDL_Renderer *r;
    TextCache *tc;
    int w, h;
} Offscreen;

/* 0, or -1 with err set. fonts must outlive the Offscreen. */
int off_open(Offscreen *o, int w, int h, Fonts *fonts, char *err, size_t errlen);
void off_close(Offscreen *o);
/* The pixels after drawing: 0xAARRGGBB words, rows *pitch bytes apart. */
const uint32_t *off_pixels(const Offscreen *o, int *pitch);

#endif
