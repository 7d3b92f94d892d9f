/* shotdir.h - where the window's pictures go: S screenshots and a script's
 * shots. By default ~/Pictures/highwater (made when first needed; the
 * current folder when HOME is not set); `view --shots DIR` chooses another.
 * The path handed back is absolute, so what is printed can be found.
 */
#ifndef HW_VIEW_SHOTDIR_H
#define HW_VIEW_SHOTDIR_H

#include <stddef.h>

/* The folder for pictures: want, or the default when want is NULL; made if
 * missing (the default with its parent). Returns 0 with its absolute path in
 * out, or -1 with err set. */
int shots_folder(const char *want, char *out, size_t outlen, char *err, size_t errlen);

#endif
