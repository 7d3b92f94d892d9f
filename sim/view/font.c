/* font.c - lazily opened DejaVu faces per pixel size (see font.h). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "view/font.h"

/* Sizes in use at once are few (body, small, title, code, at one UI scale),
 * but every Ctrl +/- and palette switch brings a new set; old ones are
 * dropped oldest first. */
#define FONT_SLOTS 48

static const char *const face_file[FACE__COUNT] = {
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"};

typedef struct {
    TTF_Font *font;
    int face, px;
    unsigned stamp;   /* opening order, for eviction */
} FontSlot;

struct Fonts {
    char path[FACE__COUNT][4096];
    FontSlot slot[FONT_SLOTS];
    unsigned clock;
};

Fonts *fonts_open(const char *assets_dir, char *err, size_t errlen)
{
    Fonts *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (int i = 0; i < FACE__COUNT; i++) {
        struct stat st;
        snprintf(f->path[i], sizeof f->path[i], "%s/%s", assets_dir, face_file[i]);
        if (stat(f->path[i], &st) != 0) {
            snprintf(err, errlen, "font not found: %s", f->path[i]);
            free(f);
            return NULL;
        }
    }
    return f;
}

void fonts_close(Fonts *f)
{
    if (!f) return;
    for (int i = 0; i < FONT_SLOTS; i++)
        if (f->slot[i].font) TTF_CloseFont(f->slot[i].font);
    free(f);
}

TTF_Font *fonts_get(Fonts *f, Face face, int px)
{
    if (px < 6) px = 6;
    if (px > 400) px = 400;
    int victim = 0;
    for (int i = 0; i < FONT_SLOTS; i++) {
        FontSlot *s = &f->slot[i];
        if (s->font && s->face == (int)face && s->px == px) return s->font;
        if (!s->font) victim = i;
        else if (f->slot[victim].font && s->stamp < f->slot[victim].stamp) victim = i;
    }
    TTF_Font *font = TTF_OpenFont(f->path[face], px);
    if (!font) return NULL;
    /* Light hinting keeps glyph shapes at projector sizes and is deterministic. */
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    FontSlot *s = &f->slot[victim];
    if (s->font) TTF_CloseFont(s->font);
    *s = (FontSlot){font, (int)face, px, ++f->clock};
    return font;
}
