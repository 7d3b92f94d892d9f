/* microview.h - the side panel of the micro-step mode (micro.h): the
 * tick's events as a numbered list (the current one highlighted, those
 * still to come dimmed) above the queue at this moment: the
 * process.nextTick callbacks, then the promise jobs, each with the stream it
 * concerns, in the order they will run.
 */
#ifndef HW_VIEW_MICROVIEW_H
#define HW_VIEW_MICROVIEW_H

#include "view/draw.h"
#include "view/micro.h"

/* The queue's part of the panel (the probe prints it). */
Rect microview_queue_rect(const Draw *d, Rect panel);
void microview_draw(const Draw *d, Rect panel, const Micro *m, const Scenario *sc);

#endif
