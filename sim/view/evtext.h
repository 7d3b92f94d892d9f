/* evtext.h - one model event as a short line a class can read:
 * "write() → false", "'drain'", "push(null): no more data".
 */
#ifndef HW_VIEW_EVTEXT_H
#define HW_VIEW_EVTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/sim.h"

typedef enum {
    EVI_DETAIL,     /* shown only in the verbose log (V): read, push, data ... */
    EVI_NORMAL,     /* backpressure and lifecycle: pause, resume, end ... */
    EVI_KEY,        /* what the lesson is about: write() -> false, 'drain' */
    EVI_ALARM,      /* errors, uncaught, out of memory */
} EvImportance;

/* Writes the description into buf; returns its importance. text is the
 * note text for EV_NOTE (may be NULL). */
EvImportance evtext_describe(const Sim *s, const Scenario *sc, const Event *e, const char *text, char *buf,
                             size_t len);

#endif
