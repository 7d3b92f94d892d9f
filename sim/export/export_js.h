/* export_js.h - writes a scenario as a standalone Node.js program.
 *
 * The program drives Node's real stream.Readable / Writable / Transform
 * objects on the tick schedule of docs/tick-and-trace.md and prints the same
 * trace as `highwater run`. It is three parts: a header comment, the
 * scenario (a `const SCENARIO = {...}` literal and a `wire()` function with
 * the Node code the lesson is about), and the generic driver
 * (sim/export/driver.js, embedded at build time as highwater_driver_js).
 */
#ifndef HW_EXPORT_JS_H
#define HW_EXPORT_JS_H

#include <stdint.h>
#include <stdio.h>

#include "core/scenario.h"

/* Where the program came from, for its header comment only. */
typedef struct {
    const char *from;     /* the scenario file, or NULL */
    const char *program;  /* the file name to run with node, or NULL for "lesson.js", as the README names it */
} ExportJsOrigin;

/* Writes the program for `sc`, running `ticks` ticks (<= 0: the scenario's own).
 * Returns 0, or -1 when writing to `out` failed (what was written is then
 * incomplete; the caller discards it). `sc` is not changed. */
int export_js(const Scenario *sc, int64_t ticks, FILE *out);
int export_js_with(const Scenario *sc, int64_t ticks, const ExportJsOrigin *origin, FILE *out);

#endif
