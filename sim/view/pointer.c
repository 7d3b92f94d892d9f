/* pointer.c - mouse and touch as one pointer (see pointer.h). */
#include "view/pointer.h"

static int scale(int v, int from, int to)
{
    return from > 0 ? (int)((long long)v * to / from) : v;
}

static int norm(float f, int to)
{
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    int v = (int)(f * (float)to);
    return v >= to ? to - 1 : v;
}

Pointer pointer_from_event(const SDL_Event *e, int win_w, int win_h, int out_w, int out_h)
{
    Pointer p = {PTR_NONE, 0, 0, 0, false};
    switch (e->type) {
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID) break;
        p.kind = PTR_MOVE;
        p.x = scale(e->motion.x, win_w, out_w);
        p.y = scale(e->motion.y, win_h, out_h);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT) break;
        p.kind = e->type == SDL_MOUSEBUTTONDOWN ? PTR_DOWN : PTR_UP;
        p.x = scale(e->button.x, win_w, out_w);
        p.y = scale(e->button.y, win_h, out_h);
        break;
    case SDL_MOUSEWHEEL:
        if (e->wheel.which == SDL_TOUCH_MOUSEID) break;
        p.kind = PTR_WHEEL;
        p.wheel = e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y : e->wheel.y;
        p.x = scale(e->wheel.mouseX, win_w, out_w);
        p.y = scale(e->wheel.mouseY, win_h, out_h);
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        /* Mouse clicks turned into touches come with this device id. */
        if (e->tfinger.touchId == SDL_MOUSE_TOUCHID) break;
        p.kind = e->type == SDL_FINGERDOWN ? PTR_DOWN : e->type == SDL_FINGERUP ? PTR_UP : PTR_MOVE;
        p.x = norm(e->tfinger.x, out_w);
        p.y = norm(e->tfinger.y, out_h);
        p.touch = true;
        break;
    default: break;
    }
    return p;
}
