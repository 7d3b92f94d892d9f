/* offscreen.c - software rendering into memory (see offscreen.h). */
#include <stdio.h>

#include "view/offscreen.h"

int off_open(Offscreen *o, int w, int h, Fonts *fonts, char *err, size_t errlen)
{
    o->w = w;
    o->h = h;
    o->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    o->r = o->surf ? SDL_CreateSoftwareRenderer(o->surf) : NULL;
    o->tc = o->r ? text_create(o->r, fonts) : NULL;
    if (!o->tc) {
        snprintf(err, errlen, "cannot create a %dx%d software renderer: %s", w, h, SDL_GetError());
        off_close(o);
        return -1;
    }
    return 0;
}

void off_close(Offscreen *o)
{
    text_destroy(o->tc);
    if (o->r) SDL_DestroyRenderer(o->r);
    if (o->surf) SDL_FreeSurface(o->surf);
    o->tc = NULL;
    o->r = NULL;
    o->surf = NULL;
}

const uint32_t *off_pixels(const Offscreen *o, int *pitch)
{
    /* The renderer may batch draw calls; the surface is only complete after a flush. */
    SDL_RenderFlush(o->r);
    *pitch = o->surf->pitch;
    return o->surf->pixels;
}
