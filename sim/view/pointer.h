/* pointer.h - mouse and touch as one pointer, in output pixels.
 *
 * A mouse reports window coordinates (fewer than the output's pixels on a
 * high-DPI screen); a finger reports 0..1 of the window. Both become the
 * pixels the frame is drawn in, so hit-testing uses the layout's rects for
 * either. SDL also turns each touch into a mouse click (and the reverse on
 * some platforms): those copies are skipped, so a tap acts once.
 */
#ifndef HW_VIEW_POINTER_H
#define HW_VIEW_POINTER_H

#include <stdbool.h>

#include <SDL.h>

typedef enum { PTR_NONE, PTR_DOWN, PTR_UP, PTR_MOVE, PTR_WHEEL } PointerKind;

typedef struct {
    PointerKind kind;
    int x, y;           /* output pixels */
    int wheel;          /* PTR_WHEEL: steps, positive away from the user (scroll up) */
    bool touch;         /* from a finger */
} Pointer;

/* The pointer of a mouse, finger or wheel event (kind PTR_NONE for any
 * other event, a button other than the left one, or a synthesized copy).
 * win_w x win_h is the window's size, out_w x out_h its output's. */
Pointer pointer_from_event(const SDL_Event *e, int win_w, int win_h, int out_w, int out_h);

#endif
