/* editbar.h - the caption bar while a stream is selected for live changes.
 *
 * Top row: the stream (with its chart swatch) and one chip per parameter it
 * offers (edit_params), each with its value; the chip the arrow keys change
 * is filled in the accent colour, a changed value also shows the file's
 * ("file 16 KiB"). Bottom row: the keys, so nobody has to remember them.
 */
#ifndef HW_VIEW_EDITBAR_H
#define HW_VIEW_EDITBAR_H

#include <stdbool.h>

#include "view/draw.h"
#include "view/edit.h"

typedef struct {
    const Scenario *base;   /* the file's scenario */
    const Scenario *sc;     /* what runs */
    int stream;             /* selected */
    VaryParam param;        /* the one Up / Down change */
    bool dragging;          /* a tank is being dragged */
} EditBar;

void editbar_draw(const Draw *d, Rect r, const EditBar *e);

#endif
