/* palette.h - the two colour schemes of the window: normal (dark, for a
 * screen) and projector (light background, black ink, heavier lines, larger
 * type), both from the Okabe-Ito colour-blind safe set.
 *
 * Meaning never rests on hue alone: blue/orange rather than green/red, and
 * every state colour is paired with a shape or a word where it is drawn
 * (play triangle vs pause bars, a warning triangle for errors, "OOM" text).
 * The tank fill colours are used nowhere else inside a tank, so render tests
 * can measure a fill height by counting pixels of exactly these colours.
 *
 * Text is legible from the back of a room in both schemes: every pair of a
 * text colour and the background the view draws it on has a contrast of at
 * least 4.5:1 (WCAG 2 level AA). palette_text_pairs() lists those pairs,
 * and a unit test computes each ratio. Ink on a coloured fill (a pill, a
 * badge, a button) is palette_ink_on(): black or white, whichever reads
 * better.
 */
#ifndef HW_VIEW_PALETTE_H
#define HW_VIEW_PALETTE_H

#include "view/geom.h"

#define PAL_SERIES 8
#define PAL_RECEDE 0.35f       /* how far older event-log lines mix toward the panel (alarms excepted) */

typedef struct {
    const char *name;          /* "normal" or "projector" */
    Rgba bg;                   /* window background */
    Rgba panel, panel_edge;    /* side panels, bars */
    Rgba card, card_edge;      /* stream cards */
    Rgba text, text_dim;       /* body text, secondary text */
    Rgba text_faint;           /* what is still to come (the micro-step's later events): fainter, still legible */
    Rgba heading;              /* titles */
    Rgba tank_bg, tank_edge;   /* empty tank and its wall */
    Rgba fill;                 /* buffered, at or below highWaterMark */
    Rgba fill_over;            /* buffered above highWaterMark (linear part) */
    Rgba fill_log;             /* overflow zone (log scale above the tank) */
    Rgba log_bg;               /* overflow zone background */
    Rgba hwm_line;             /* the highWaterMark line */
    Rgba flowing, paused, idle;/* the source light: flowing / paused / not flowing yet */
    Rgba pipe, pipe_edge;      /* the tube between cards */
    Rgba chunk, chunk_edge;    /* blocks moving along pipes */
    Rgba drain;                /* 'drain' flash */
    Rgba warn;                 /* write() -> false marker */
    Rgba error;                /* errors, OOM, the memory limit */
    Rgba error_text;           /* text on an error background */
    Rgba destroyed;            /* greyed-out card */
    Rgba done;                 /* 'end' / 'finish' tags */
    Rgba caption_bg, caption_text;
    Rgba caption_accent;       /* changed values and states on the caption bar */
    Rgba warn_text;            /* write() -> false as words on a panel (the code panel) */
    Rgba highlight;            /* the active code line, hovered rows */
    Rgba scrub_bg, scrub_fill, scrub_knob, marker;
    Rgba shade;                /* modal overlay dimming (with alpha) */
    Rgba series[PAL_SERIES];   /* memory chart, one per stream (cycled) */
    float ui_scale;            /* the window's scale multiplier: type and the shapes holding it grow
                                  together, so larger type never outgrows its box */
    float line_scale;          /* stroke width multiplier */
} Palette;

const Palette *palette_normal(void);
const Palette *palette_projector(void);

/* The chart colour of stream i. */
Rgba palette_series(const Palette *p, int i);

/* Black or white: whichever has the higher contrast on bg. */
Rgba palette_ink_on(Rgba bg);

/* The WCAG 2 contrast ratio of two colours (1 to 21); fg's alpha blends it over bg. */
double palette_contrast(Rgba fg, Rgba bg);

/* A text colour on a background, as the view draws it. */
typedef struct {
    const char *what;          /* "text on panel" */
    Rgba fg, bg;               /* fg may carry alpha: blended over bg */
} TextPair;

/* Every text / background pair the view draws with palette p, up to max
 * into out. Returns how many there are. */
int palette_text_pairs(const Palette *p, TextPair *out, int max);

/* "RRGGBB" into buf (7 bytes), for `render --probe`. */
void palette_hex(Rgba c, char buf[7]);

#endif
