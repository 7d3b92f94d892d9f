/* png.h - writing a frame as a PNG file with libpng.
 *
 * The file appears whole or not at all, through io/outfile.h (a temporary
 * name beside the target, renamed over it). Output is deterministic (no time chunk, fixed
 * compression settings), so the same pixels give the same bytes.
 */
#ifndef HW_VIEW_PNG_H
#define HW_VIEW_PNG_H

#include <stddef.h>
#include <stdint.h>

/* pixels: w*h 32-bit values 0xAARRGGBB (SDL_PIXELFORMAT_ARGB8888), rows
 * `pitch` bytes apart; alpha is dropped. Returns 0, or -1 with err set. */
int png_write_argb(const char *path, const uint32_t *pixels, int w, int h, int pitch, char *err,
                   size_t errlen);

#endif
