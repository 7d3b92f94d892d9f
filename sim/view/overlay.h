/* overlay.h - what is drawn over the frame: the death banner of a run that
 * ran out of memory or crashed, the hover tooltip with a stream's exact
 * numbers, the help overlay (?), the lesson picker (L) and a short toast.
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
/* The picker entry under (x, y), or -1. */
int overlay_picker_hit(const Draw *d, const Layout *l, const Picker *p, int x, int y);

#endif
