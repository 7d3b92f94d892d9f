/* headless.h - frames without a window: `render` (one PNG, the layout
 * probe, a frame-time benchmark) and `record` (PNG frames or a GIF).
 *
 * A frame at tick N shows the model's state after tick N with nothing in
 * flight (alpha 0) and the flashes of tick N's own events at full strength,
 * so tests can compare pixels with the trace of the same tick.
 */
#ifndef HW_VIEW_HEADLESS_H
#define HW_VIEW_HEADLESS_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *file;      /* scenario */
    int w, h;              /* output size */
    bool projector;        /* the projector palette */
    bool code;             /* show the code panel */
    const char *datadir;   /* NULL: datadir_find() */
} FrameOpts;

/* One frame at tick to out (PNG; NULL for none). probe: print the geometry
 * as key=value lines on stdout. bench > 0: also time that many frames spread
 * over the run and print the median. Returns an exit code (0, or 2 with a
 * message on stderr). */
int headless_render(const FrameOpts *o, int64_t tick, float alpha, const char *out, bool probe, int bench);

/* Frames for ticks from..to (to < 0: the end) into a directory of PNGs
 * (tick-NNNNNN.png, or frame-NNNNNN.png with per_tick > 1) or a .gif.
 * stop (may be NULL) is polled between frames; once it is set the
 * recording ends: a GIF is not written at all (its temporary file is
 * removed), a directory keeps the frames already complete. Returns an exit
 * code: 0, 2 on an error, 130 when stopped (each with a message on stderr). */
int headless_record(const FrameOpts *o, int64_t from, int64_t to, double fps, int per_tick, const char *out,
                    const volatile sig_atomic_t *stop);

#endif
