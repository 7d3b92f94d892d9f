/* overlay.h - what is drawn over the frame: the death banner of a run that
 * ran out of memory or crashed, the hover tooltip with a stream's exact
 * numbers, the help overlay (?), the lesson picker (L) and a short toast.
 *
 * The help is the keymap's table (keymap.h) in three columns, at the
 * largest type size that shows every row whole. The picker shows the course in
 * sections, a scroll bar with arrows whenever the list is longer than the
 * box, the selected lesson's description and Open / Close buttons; every
 * part of it answers the pointer (overlay_picker_at).
 */
#ifndef HW_VIEW_OVERLAY_H
#define HW_VIEW_OVERLAY_H

#include "view/scene.h"

void overlay_death(const Draw *d, Rect r, const Scene *s);
void overlay_tooltip(const Draw *d, const Layout *l, const Scene *s);
void overlay_help(const Draw *d, const Layout *l);
void overlay_picker(const Draw *d, const Layout *l, const Picker *p);
void overlay_toast(const Draw *d, const Layout *l, const char *msg);
/* The toast at the bottom centre of `area` (overlay_toast uses the graph). */
void overlay_toast_in(const Draw *d, Rect area, const char *msg);

/* How many picker rows fit (for paging with the arrow keys). */
int overlay_picker_rows(const Draw *d, const Layout *l);
/* The picker entry under (x, y) (the Open button stands for the selected one), or -1. */
int overlay_picker_hit(const Draw *d, const Layout *l, const Picker *p, int x, int y);

/* What the pointer is on in the open picker. */
typedef enum {
    PICK_HIT_NONE,        /* inside the box, on nothing that acts */
    PICK_HIT_ROW,         /* a lesson (entry) */
    PICK_HIT_OPEN,        /* the Open button: the selected lesson */
    PICK_HIT_CLOSE,
    PICK_HIT_UP,          /* the scroll arrows: a row */
    PICK_HIT_DOWN,
    PICK_HIT_PAGE_UP,     /* the scroll track above / below the thumb: a page */
    PICK_HIT_PAGE_DOWN,
    PICK_HIT_OUTSIDE,     /* outside the box */
} PickHitKind;

typedef struct {
    PickHitKind kind;
    int entry;            /* PICK_HIT_ROW: the lesson */
} PickHit;

PickHit overlay_picker_at(const Draw *d, const Layout *l, const Picker *p, int x, int y);
/* Where a part of the open picker is drawn (for the script probe): a lesson's
 * row (w = 0 when scrolled out of view), a button, an arrow; OUTSIDE gives
 * the box, anything else the scroll track. */
Rect overlay_picker_part(const Draw *d, const Layout *l, const Picker *p, PickHitKind part, int entry);

#endif
