/* datadir.h - where the window finds its fonts (assets/) and the lesson
 * library (scenarios/).
 *
 * The data root is the directory holding assets/ and scenarios/. In order:
 *   1. $HIGHWATER_DATA
 *   2. beside the binary: <bindir>/.. (a checkout: build/highwater) and
 *      <bindir>/../share/highwater (an install under any prefix)
 *   3. the install prefix compiled in as HW_DATADIR
 *   4. the current directory
 * The first that holds assets/DejaVuSans.ttf wins.
 */
#ifndef HW_VIEW_DATADIR_H
#define HW_VIEW_DATADIR_H

#include <stddef.h>

/* Writes the data root to out. Returns 0, or -1 (out then names what was
 * tried, for the error message). */
int datadir_find(char *out, size_t outlen);

#endif
