/* pipes.h - the connections between cards and what moves along them.
 *
 * Each hop of a wire is a tube labelled with its wiring ("pipe()",
 * "naive on('data')" ...) and a valve that is closed (a bar across the tube,
 * palette paused) while the upstream side is paused. Chunks are blocks: the
 * writes of the coming tick travel along the tube as the display moves from
 * tick T to T+1; pushes drop into a source's tank; completed writes leave a
 * sink to the right. At a whole tick (alpha 0) no block is in flight, so
 * still frames show only state.
 */
#ifndef HW_VIEW_PIPES_H
#define HW_VIEW_PIPES_H

#include "view/draw.h"
#include "view/history.h"
#include "view/layout.h"

/* Short name of a wiring kind as drawn on its tube, and a second line. */
const char *pipes_wire_label(WireKind k);
const char *pipes_wire_hint(WireKind k);

/* Tubes, labels and valves (under the cards). */
void pipes_draw(const Draw *d, const Layout *l, const Scenario *sc, const TickState *cur);
/* Moving chunks (over the cards): the events of the next tick at alpha. */
void pipes_draw_chunks(const Draw *d, const Layout *l, const Scenario *sc, const LoggedEvent *next_ev, int n,
                       float alpha);

#endif
