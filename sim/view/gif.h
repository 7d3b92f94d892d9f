/* gif.h - an animated GIF for slides, through giflib.
 *
 * GIF allows 256 colours. The window draws few flat colours plus anti-aliased
 * text, so one global colour map, quantized (giflib's median cut) from a few
 * sample frames, serves the whole animation without per-frame flicker.
 * Each frame after the first stores only the rectangle that changed.
 * Like png.h, the file goes through io/outfile.h: a temporary name renamed
 * on gif_close(), with the mode a file gets from fopen (or the old file's).
 *
 * Usage:
 *   GifOut *g = gif_open(path, w, h, samples, nsamples, pitch, err, errlen);
 *   gif_frame(g, pixels, pitch, delay_cs, err, errlen) ... ;
 *   gif_close(g, err, errlen);       // or gif_abort(g) on failure
 */
#ifndef HW_VIEW_GIF_H
#define HW_VIEW_GIF_H

#include <stddef.h>
#include <stdint.h>

typedef struct GifOut GifOut;

/* samples: nsamples (>= 1) frames of w*h ARGB8888 pixels, rows `pitch`
 * bytes apart, from which the colour map is built. NULL with err on failure. */
GifOut *gif_open(const char *path, int w, int h, const uint32_t *const *samples, int nsamples, int pitch,
                 char *err, size_t errlen);
/* Appends a frame shown for delay_cs hundredths of a second. 0 or -1. */
int gif_frame(GifOut *g, const uint32_t *pixels, int pitch, int delay_cs, char *err, size_t errlen);
/* Finishes and renames the file into place; frees g. 0 or -1. */
int gif_close(GifOut *g, char *err, size_t errlen);
/* Frees g and removes the temporary file. */
void gif_abort(GifOut *g);

#endif
