/* pngpx.c - reads pixels out of a PNG for the render tests.
 *
 *   pngpx FILE X Y [X Y ...]     one RRGGBB per point, one per line
 *   pngpx FILE --col X Y0 Y1     column X from row Y0 to Y1 as runs:
 *                                "FIRST LAST RRGGBB" per run of one colour
 *   pngpx FILE --size            "W H"
 *   pngpx --batch                queries on stdin, one per line, answered in
 *                                order: "pt FILE X Y" (one line) or
 *                                "col FILE X Y0 Y1" (its runs, then "end"),
 *                                so a test reads hundreds of frames in one process
 *
 * Exit status 2 on a bad file or a point outside the image.
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int w, h;
    unsigned char *rgb;   /* w*h*3 */
} Image;

static int load(const char *path, Image *im)
{
    png_image p;
    memset(&p, 0, sizeof p);
    p.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&p, path)) {
        fprintf(stderr, "pngpx: %s: %s\n", path, p.message);
        return -1;
    }
    p.format = PNG_FORMAT_RGB;
    im->w = (int)p.width;
    im->h = (int)p.height;
    im->rgb = malloc(PNG_IMAGE_SIZE(p));
    if (!im->rgb || !png_image_finish_read(&p, NULL, im->rgb, 0, NULL)) {
        fprintf(stderr, "pngpx: %s: %s\n", path, p.message);
        png_image_free(&p);
        return -1;
    }
    return 0;
}

static unsigned px(const Image *im, int x, int y)
{
    const unsigned char *c = im->rgb + ((size_t)y * (size_t)im->w + (size_t)x) * 3;
    return (unsigned)c[0] << 16 | (unsigned)c[1] << 8 | c[2];
}

static int inside(const Image *im, int x, int y)
{
    if (x >= 0 && y >= 0 && x < im->w && y < im->h) return 1;
    fprintf(stderr, "pngpx: point %d,%d is outside the %dx%d image\n", x, y, im->w, im->h);
    return 0;
}

static void col(const Image *im, int x, int y0, int y1)
{
    int start = y0;
    for (int y = y0; y <= y1; y++)
        if (y == y1 || px(im, x, y + 1) != px(im, x, start)) {
            printf("%d %d %06X\n", start, y, px(im, x, start));
            start = y + 1;
        }
}

static int batch(void)
{
    char line[4400], cmd[8], path[4096], cur[4096] = "";
    Image im = {0, 0, NULL};
    while (fgets(line, sizeof line, stdin)) {
        int x, y0, y1 = 0;
        int n = sscanf(line, "%7s %4095s %d %d %d", cmd, path, &x, &y0, &y1);
        if (n < 4) continue;
        if (strcmp(path, cur) != 0) {
            free(im.rgb);
            im.rgb = NULL;
            if (load(path, &im) != 0) return 2;
            snprintf(cur, sizeof cur, "%s", path);
        }
        if (!strcmp(cmd, "pt")) {
            if (!inside(&im, x, y0)) return 2;
            printf("%06X\n", px(&im, x, y0));
        } else if (!strcmp(cmd, "col") && n == 5) {
            if (!inside(&im, x, y0) || !inside(&im, x, y1)) return 2;
            col(&im, x, y0, y1);
            printf("end\n");
        }
    }
    free(im.rgb);
    return 0;
}

int main(int argc, char **argv)
{
    Image im;
    if (argc == 2 && !strcmp(argv[1], "--batch")) return batch();
    if (argc < 3 || load(argv[1], &im) != 0) {
        if (argc < 3) fprintf(stderr, "usage: pngpx FILE X Y ... | --col X Y0 Y1 | --size\n");
        return 2;
    }
    if (!strcmp(argv[2], "--size")) {
        printf("%d %d\n", im.w, im.h);
        return 0;
    }
    if (!strcmp(argv[2], "--col")) {
        if (argc != 6) return 2;
        int x = atoi(argv[3]), y0 = atoi(argv[4]), y1 = atoi(argv[5]);
        if (!inside(&im, x, y0) || !inside(&im, x, y1)) return 2;
        col(&im, x, y0, y1);
        return 0;
    }
    for (int i = 2; i + 1 < argc; i += 2) {
        int x = atoi(argv[i]), y = atoi(argv[i + 1]);
        if (!inside(&im, x, y)) return 2;
        printf("%06X\n", px(&im, x, y));
    }
    return 0;
}
