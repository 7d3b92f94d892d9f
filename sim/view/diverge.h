/* diverge.h - where two runs part: the first tick at which the traces of
 * two scenarios differ.
 *
 * After a live change the notes and questions written for the file's values
 * may no longer be true: the window marks those at or after this tick as
 * "written for hwm 16 KiB", class mode skips their questions and a saved
 * copy says so. Before it, both runs did exactly the same, so the texts hold.
 *
 * Every event but `note` counts, with the values of its state and mem lines,
 * as the trace compares them. Pure logic over the core: no SDL.
 */
#ifndef HW_VIEW_DIVERGE_H
#define HW_VIEW_DIVERGE_H

#include <stdint.h>

#include "view/history.h"

/* The first tick whose trace lines differ between a and b, looking at most
 * max_ticks ticks; -1 when they agree that far, a model cannot be made or
 * `stop` (history.h, on both Sims and between ticks) ended the search.
 * A run that ends earlier than the other differs at the tick after its end. */
int64_t diverge_tick(const Scenario *a, const Scenario *b, int64_t max_ticks, StopHook stop);

#endif
