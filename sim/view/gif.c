/* gif.c - animated GIF output through giflib (see gif.h). */
#include <errno.h>
#include <gif_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/outfile.h"
#include "view/gif.h"

#define LUT_BITS 6   /* nearest-colour lookup on 6 bits per channel: 256 KiB of int16 */

struct GifOut {
    GifFileType *gif;
    OutFile of;          /* giflib writes through a duplicate of its descriptor */
    int w, h;
    GifColorType map[256];
    int ncolors;
    int16_t *lut;        /* (r6,g6,b6) -> colour index, -1 = not computed yet */
    uint8_t *prev, *cur; /* indexed frames */
    int frames;
};

/* A giflib failure as a message; a failed write says why, as errno has it. */
static void gif_error(const GifOut *g, int code, char *err, size_t errlen)
{
    if ((code == E_GIF_ERR_WRITE_FAILED || code == E_GIF_ERR_CLOSE_FAILED) && errno)
        snprintf(err, errlen, "cannot write %s: %s", g->of.path, strerror(errno));
    else
        snprintf(err, errlen, "cannot write %s: %s", g->of.path, GifErrorString(code));
}

static int nearest(const GifOut *g, int r, int gg, int b)
{
    int best = 0;
    long bestd = -1;
    for (int i = 0; i < g->ncolors; i++) {
        long dr = r - g->map[i].Red, dg = gg - g->map[i].Green, db = b - g->map[i].Blue;
        /* Green weighs most in perceived brightness: keep text edges even. */
        long dd = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
        if (bestd < 0 || dd < bestd) {
            bestd = dd;
            best = i;
        }
    }
    return best;
}

static uint8_t index_of(GifOut *g, uint32_t px)
{
    int r = (int)(px >> 16 & 255), gg = (int)(px >> 8 & 255), b = (int)(px & 255);
    int key = (r >> (8 - LUT_BITS)) << (2 * LUT_BITS) | (gg >> (8 - LUT_BITS)) << LUT_BITS |
              (b >> (8 - LUT_BITS));
    if (g->lut[key] < 0) g->lut[key] = (int16_t)nearest(g, r, gg, b);
    return (uint8_t)g->lut[key];
}

static int build_map(GifOut *g, const uint32_t *const *samples, int n, int pitch)
{
    size_t per = (size_t)g->w * (size_t)g->h, total = per * (size_t)n;
    GifByteType *r = malloc(total), *gr = malloc(total), *b = malloc(total), *out = malloc(total);
    int rc = -1;
    if (!r || !gr || !b || !out) goto done;
    for (int k = 0; k < n; k++)
        for (int y = 0; y < g->h; y++) {
            const uint32_t *row = (const uint32_t *)((const uint8_t *)samples[k] + (size_t)y * (size_t)pitch);
            size_t o = per * (size_t)k + (size_t)y * (size_t)g->w;
            for (int x = 0; x < g->w; x++) {
                r[o + (size_t)x] = (GifByteType)(row[x] >> 16);
                gr[o + (size_t)x] = (GifByteType)(row[x] >> 8);
                b[o + (size_t)x] = (GifByteType)row[x];
            }
        }
    int size = 256;
    if (GifQuantizeBuffer((unsigned)g->w, (unsigned)(g->h * n), &size, r, gr, b, out, g->map) != GIF_OK)
        goto done;
    g->ncolors = size;
    rc = 0;
done:
    free(r);
    free(gr);
    free(b);
    free(out);
    return rc;
}

static int put_loop_forever(GifFileType *gif)
{
    static const unsigned char app[11] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    static const unsigned char loop[3] = {1, 0, 0};
    return EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
                   EGifPutExtensionBlock(gif, 11, app) == GIF_OK &&
                   EGifPutExtensionBlock(gif, 3, loop) == GIF_OK && EGifPutExtensionTrailer(gif) == GIF_OK
               ? 0
               : -1;
}

static void gif_free(GifOut *g)
{
    free(g->lut);
    free(g->prev);
    free(g->cur);
    free(g);
}

GifOut *gif_open(const char *path, int w, int h, const uint32_t *const *samples, int nsamples, int pitch,
                 char *err, size_t errlen)
{
    GifOut *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    g->w = w;
    g->h = h;
    g->of.slot = -1;
    g->lut = malloc(sizeof *g->lut << (3 * LUT_BITS));
    g->prev = malloc((size_t)w * (size_t)h);
    g->cur = malloc((size_t)w * (size_t)h);
    if (!g->lut || !g->prev || !g->cur || build_map(g, samples, nsamples, pitch) != 0) {
        snprintf(err, errlen, "out of memory while building the GIF colour map");
        gif_abort(g);
        return NULL;
    }
    memset(g->lut, 0xff, sizeof *g->lut << (3 * LUT_BITS));
    if (outfile_open(&g->of, path) != 0) {
        snprintf(err, errlen, "%s", g->of.err);
        gif_free(g);
        return NULL;
    }
    /* Not EGifOpenFileName, which creates its files 0600. */
    int e = 0, fd = dup(fileno(g->of.f));
    g->gif = fd < 0 ? NULL : EGifOpenFileHandle(fd, &e);
    if (!g->gif) {
        if (fd < 0)
            snprintf(err, errlen, "cannot write %s: %s", g->of.path, strerror(errno));
        else
            gif_error(g, e, err, errlen), close(fd);
        gif_abort(g);
        return NULL;
    }
    /* GIF89a (needed for delays and looping) must be chosen before the header is written. */
    EGifSetGifVersion(g->gif, true);
    ColorMapObject *cmap = GifMakeMapObject(256, g->map);
    int ok = cmap && EGifPutScreenDesc(g->gif, w, h, 8, 0, cmap) == GIF_OK;
    GifFreeMapObject(cmap);
    if (!ok || put_loop_forever(g->gif) != 0) {
        gif_error(g, g->gif->Error, err, errlen);
        gif_abort(g);
        return NULL;
    }
    return g;
}

int gif_frame(GifOut *g, const uint32_t *pixels, int pitch, int delay_cs, char *err, size_t errlen)
{
    for (int y = 0; y < g->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)pixels + (size_t)y * (size_t)pitch);
        uint8_t *o = g->cur + (size_t)y * (size_t)g->w;
        for (int x = 0; x < g->w; x++) o[x] = index_of(g, row[x]);
    }
    /* Only the bounding box of what changed; a still frame keeps one pixel. */
    int x0 = 0, y0 = 0, x1 = g->w - 1, y1 = g->h - 1;
    if (g->frames > 0) {
        x0 = g->w;
        y0 = g->h;
        x1 = -1;
        y1 = -1;
        for (int y = 0; y < g->h; y++) {
            const uint8_t *a = g->cur + (size_t)y * (size_t)g->w, *b = g->prev + (size_t)y * (size_t)g->w;
            if (!memcmp(a, b, (size_t)g->w)) continue;
            if (y < y0) y0 = y;
            y1 = y;
            for (int x = 0; x < g->w; x++)
                if (a[x] != b[x]) {
                    if (x < x0) x0 = x;
                    if (x > x1) x1 = x;
                }
        }
        if (x1 < 0) x0 = x1 = y0 = y1 = 0;
    }
    GraphicsControlBlock gcb = {DISPOSE_DO_NOT, false, delay_cs, NO_TRANSPARENT_COLOR};
    GifByteType ext[4];
    size_t n = EGifGCBToExtension(&gcb, ext);
    errno = 0;
    if (EGifPutExtension(g->gif, GRAPHICS_EXT_FUNC_CODE, (int)n, ext) != GIF_OK ||
        EGifPutImageDesc(g->gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, NULL) != GIF_OK)
        goto fail;
    for (int y = y0; y <= y1; y++)
        if (EGifPutLine(g->gif, g->cur + (size_t)y * (size_t)g->w + x0, x1 - x0 + 1) != GIF_OK) goto fail;
    uint8_t *t = g->prev;
    g->prev = g->cur;
    g->cur = t;
    g->frames++;
    return 0;
fail:
    gif_error(g, g->gif->Error, err, errlen);
    return -1;
}

int gif_close(GifOut *g, char *err, size_t errlen)
{
    int e = 0;
    errno = 0;
    int ok = EGifCloseFile(g->gif, &e) == GIF_OK;
    g->gif = NULL;
    if (!ok) {
        gif_error(g, e, err, errlen);
        gif_abort(g);
        return -1;
    }
    if (outfile_commit(&g->of) != 0) {
        snprintf(err, errlen, "%s", g->of.err);
        gif_free(g);
        return -1;
    }
    gif_free(g);
    return 0;
}

void gif_abort(GifOut *g)
{
    if (!g) return;
    if (g->gif) {
        int e;
        EGifCloseFile(g->gif, &e);
    }
    outfile_abort(&g->of);
    gif_free(g);
}
