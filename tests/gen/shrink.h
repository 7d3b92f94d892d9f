/* shrink.h - a greedy shrinker for scenario texts that show a failure.
 *
 * Given a scenario that is "interesting" (the model and Node disagree on it,
 * say) and a predicate that tells whether a candidate still is, it tries
 * smaller candidates and keeps each one the predicate accepts, until no
 * single step helps: drop a stream (with the timeline entries naming it and
 * its place in wires), drop a wire, a timeline entry or a question, drop an
 * optional top-level key, drop one key of a stream or entry, drop a stream
 * from a chain, lower `ticks`.
 *
 * It works on the text layout scengen.h writes (one flow mapping per list
 * item, one line each) and on hand-written files in that layout. A candidate
 * the reader would reject is simply not interesting: the predicate decides
 * (it normally runs the scenario, which loads it first).
 */
#ifndef HW_SHRINK_H
#define HW_SHRINK_H

#include <stddef.h>

/* 1 when `text` (NUL-terminated) still shows the failure, else 0. */
typedef int (*ShrinkPredicate)(void *user, const char *text);

/* The smallest text found from `text`; the caller frees it. `*tries` (if not
 * NULL) gets the number of candidates tested. NULL when out of memory. */
char *shrink_text(const char *text, ShrinkPredicate still_fails, void *user, int *tries);

#endif
