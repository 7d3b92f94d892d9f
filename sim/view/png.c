/* png.c - PNG output through libpng (see png.h). */
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/outfile.h"
#include "view/png.h"

/* libpng reports errors by longjmp; everything that must be freed lives
 * outside the setjmp frame, in this struct. */
typedef struct {
    FILE *f;
    png_structp png;
    png_infop info;
    uint8_t *row;
} PngJob;

/* libpng's default handlers print to stderr; the caller's message says it all. */
static void on_png_error(png_structp png, png_const_charp msg)
{
    (void)msg;
    png_longjmp(png, 1);
}

static void on_png_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static int write_file(PngJob *j, const uint32_t *pixels, int w, int h, int pitch)
{
    if (setjmp(png_jmpbuf(j->png))) return -1;
    png_init_io(j->png, j->f);
    png_set_IHDR(j->png, j->info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(j->png, 6);
    png_set_filter(j->png, 0, PNG_FILTER_SUB);
    png_write_info(j->png, j->info);
    for (int y = 0; y < h; y++) {
        const uint32_t *src = (const uint32_t *)((const uint8_t *)pixels + (size_t)y * (size_t)pitch);
        for (int x = 0; x < w; x++) {
            j->row[3 * x] = (uint8_t)(src[x] >> 16);
            j->row[3 * x + 1] = (uint8_t)(src[x] >> 8);
            j->row[3 * x + 2] = (uint8_t)src[x];
        }
        png_write_row(j->png, j->row);
    }
    png_write_end(j->png, NULL);
    return 0;
}

int png_write_argb(const char *path, const uint32_t *pixels, int w, int h, int pitch, char *err,
                   size_t errlen)
{
    PngJob j = {0};
    OutFile of;
    int rc = -1;
    if (outfile_open(&of, path) != 0) {
        snprintf(err, errlen, "%s", of.err);
        return -1;
    }
    j.f = of.f;
    j.row = malloc((size_t)w * 3);
    j.png = j.row ? png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, on_png_error, on_png_warning) : NULL;
    j.info = j.png ? png_create_info_struct(j.png) : NULL;
    if (!j.info) {
        snprintf(err, errlen, "out of memory while writing %s", of.path);
        goto done;
    }
    errno = 0;
    if (write_file(&j, pixels, w, h, pitch) != 0) {
        /* libpng's own write error is a failed fwrite: errno holds why. */
        snprintf(err, errlen, "cannot write %s: %s", of.path, errno ? strerror(errno) : "libpng failed");
        goto done;
    }
    rc = 0;
done:
    if (j.png) png_destroy_write_struct(&j.png, j.info ? &j.info : NULL);
    free(j.row);
    if (rc != 0) {
        outfile_abort(&of);
    } else if (outfile_commit(&of) != 0) {
        snprintf(err, errlen, "%s", of.err);
        rc = -1;
    }
    return rc;
}
