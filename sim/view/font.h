/* font.h - the shipped DejaVu faces, opened lazily at each pixel size used.
 *
 * Fonts owns every TTF_Font it opens; fonts_get() returns a borrowed
 * pointer valid until fonts_close(). TTF_Init() must have succeeded.
 */
#ifndef HW_VIEW_FONT_H
#define HW_VIEW_FONT_H

#include <stddef.h>
#include <SDL_ttf.h>

typedef enum { FACE_SANS, FACE_BOLD, FACE_MONO, FACE__COUNT } Face;

typedef struct Fonts Fonts;

/* Checks that the three face files exist under assets_dir. NULL with err set otherwise. */
Fonts *fonts_open(const char *assets_dir, char *err, size_t errlen);
void fonts_close(Fonts *f);

/* The face at px pixels (clamped to 6..400), or NULL if the file cannot be read. */
TTF_Font *fonts_get(Fonts *f, Face face, int px);

#endif
