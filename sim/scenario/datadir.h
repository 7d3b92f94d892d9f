/* datadir.h - where highwater finds its data: the fonts (assets/) and the
 * lesson library (scenarios/), for the window, the headless frames and the
 * commands that take a lesson by name (`highwater view video-to-slow-client`).
 *
 * The data root is the first of these that holds assets/DejaVuSans.ttf and
 * a scenarios/ folder:
 *   1. $HIGHWATER_DATA
 *   2. relative to the running executable (/proc/self/exe): <bindir>/.. (a
 *      source tree, build/highwater) and <bindir>/../share/highwater (an
 *      install under any prefix, staged with DESTDIR or not)
 *   3. the prefix compiled in (HW_DATADIR from build/gen/config.h, which the
 *      Makefile rewrites whenever PREFIX changes, so `make install
 *      PREFIX=/usr` never leaves a stale path)
 * The current folder is never searched: a command means the same wherever
 * it is run.
 */
#ifndef HW_SCENARIO_DATADIR_H
#define HW_SCENARIO_DATADIR_H

#include <stddef.h>

/* Writes the data root to out. Returns 0, or -1 (out then names what was
 * tried, for the error message). */
int datadir_find(char *out, size_t outlen);

/* A lesson by name: "video-to-slow-client" (or with .yaml) is
 * <root>/scenarios/NAME.yaml. Names have no '/'. Returns 0 with the path in
 * out, or -1 when arg is not a name or the library has no such lesson. */
int datadir_lesson(const char *arg, char *out, size_t outlen);

#endif
