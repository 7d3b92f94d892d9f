/* palette.c - the normal and projector colour schemes (see palette.h). */
#include <math.h>
#include <stdio.h>

#include "view/palette.h"

/* Hues from Okabe & Ito, "Color Universal Design" (2008): sky blue, orange,
 * vermillion, bluish green, yellow, blue, reddish purple. They stay apart under
 * the common colour-vision deficiencies and on a washed-out projector. */
static const Palette normal = {
    .name = "normal",
    .bg = {0x12, 0x16, 0x1d, 255},
    .panel = {0x1a, 0x20, 0x29, 255},
    .panel_edge = {0x33, 0x3d, 0x4b, 255},
    .card = {0x20, 0x28, 0x33, 255},
    .card_edge = {0x4a, 0x58, 0x6b, 255},
    .text = {0xec, 0xef, 0xf3, 255},
    .text_dim = {0xa4, 0xb0, 0xbe, 255},
    .text_faint = {0x8c, 0x97, 0xa5, 255},
    .heading = {0xff, 0xff, 0xff, 255},
    .tank_bg = {0x0c, 0x10, 0x15, 255},
    .tank_edge = {0xb8, 0xc4, 0xd2, 255},
    .fill = {0x56, 0xb4, 0xe9, 255},
    .fill_over = {0xe6, 0x9f, 0x00, 255},
    .fill_log = {0xd5, 0x5e, 0x00, 255},
    .log_bg = {0x2a, 0x1c, 0x14, 255},
    .hwm_line = {0xff, 0xff, 0xff, 255},
    .flowing = {0x56, 0xb4, 0xe9, 255},
    .paused = {0xe6, 0x9f, 0x00, 255},
    .idle = {0x6b, 0x74, 0x80, 255},
    .pipe = {0x2c, 0x35, 0x42, 255},
    .pipe_edge = {0x5c, 0x6b, 0x7e, 255},
    .chunk = {0x56, 0xb4, 0xe9, 255},
    .chunk_edge = {0x0c, 0x10, 0x15, 255},
    .drain = {0xf0, 0xe4, 0x42, 255},
    .warn = {0xe6, 0x9f, 0x00, 255},
    .error = {0xff, 0x7a, 0x33, 255},   /* lighter than the set's vermillion: 4.5:1 as words on the panels */
    .error_text = {0x00, 0x00, 0x00, 255},
    .destroyed = {0x6b, 0x74, 0x80, 255},
    .done = {0x00, 0x9e, 0x73, 255},
    .caption_bg = {0x26, 0x30, 0x3d, 255},
    .caption_text = {0xff, 0xff, 0xff, 255},
    .caption_accent = {0xf0, 0xe4, 0x42, 255},
    .warn_text = {0xe6, 0x9f, 0x00, 255},
    .highlight = {0x2f, 0x3b, 0x1d, 255},
    .scrub_bg = {0x26, 0x2e, 0x39, 255},
    .scrub_fill = {0x3f, 0x6e, 0x8e, 255},
    .scrub_knob = {0xff, 0xff, 0xff, 255},
    .marker = {0xf0, 0xe4, 0x42, 255},
    .shade = {0x00, 0x00, 0x00, 190},
    .series = {{0x56, 0xb4, 0xe9, 255}, {0x00, 0x9e, 0x73, 255}, {0xcc, 0x79, 0xa7, 255},
               {0xf0, 0xe4, 0x42, 255}, {0x00, 0x72, 0xb2, 255}, {0xe6, 0x9f, 0x00, 255},
               {0x99, 0xa3, 0xad, 255}, {0xff, 0xff, 0xff, 255}},
    .ui_scale = 1.0f,
    .line_scale = 1.0f,
};

/* A projector washes out dark tones and thin lines: white ground, black ink,
 * the darker members of the set, thicker strokes, bigger type. */
static const Palette projector = {
    .name = "projector",
    .bg = {0xff, 0xff, 0xff, 255},
    .panel = {0xee, 0xf1, 0xf5, 255},
    .panel_edge = {0x00, 0x00, 0x00, 255},
    .card = {0xff, 0xff, 0xff, 255},
    .card_edge = {0x00, 0x00, 0x00, 255},
    .text = {0x00, 0x00, 0x00, 255},
    .text_dim = {0x30, 0x30, 0x30, 255},
    .text_faint = {0x5c, 0x5c, 0x5c, 255},
    .heading = {0x00, 0x00, 0x00, 255},
    .tank_bg = {0xff, 0xff, 0xff, 255},
    .tank_edge = {0x00, 0x00, 0x00, 255},
    .fill = {0x00, 0x72, 0xb2, 255},
    .fill_over = {0xe6, 0x9f, 0x00, 255},
    .fill_log = {0xd5, 0x5e, 0x00, 255},
    .log_bg = {0xfb, 0xe6, 0xd6, 255},
    .hwm_line = {0x00, 0x00, 0x00, 255},
    .flowing = {0x00, 0x72, 0xb2, 255},
    .paused = {0xe6, 0x9f, 0x00, 255},
    .idle = {0x80, 0x80, 0x80, 255},
    .pipe = {0xd8, 0xde, 0xe6, 255},
    .pipe_edge = {0x00, 0x00, 0x00, 255},
    .chunk = {0x00, 0x72, 0xb2, 255},
    .chunk_edge = {0x00, 0x00, 0x00, 255},
    .drain = {0xf0, 0xe4, 0x42, 255},
    .warn = {0xe6, 0x9f, 0x00, 255},
    .error = {0xa0, 0x40, 0x00, 255},   /* darker than the set's vermillion: 4.5:1 on white and under white words */
    .error_text = {0xff, 0xff, 0xff, 255},
    .destroyed = {0x9a, 0x9a, 0x9a, 255},
    .done = {0x00, 0x9e, 0x73, 255},
    .caption_bg = {0x00, 0x00, 0x00, 255},
    .caption_text = {0xff, 0xff, 0xff, 255},
    .caption_accent = {0xf0, 0xe4, 0x42, 255},
    .warn_text = {0x7a, 0x4f, 0x00, 255},
    .highlight = {0xf0, 0xe4, 0x42, 255},
    .scrub_bg = {0xd8, 0xde, 0xe6, 255},
    .scrub_fill = {0x56, 0xb4, 0xe9, 255},
    .scrub_knob = {0x00, 0x00, 0x00, 255},
    .marker = {0xa0, 0x40, 0x00, 255},
    .shade = {0xff, 0xff, 0xff, 200},
    .series = {{0x00, 0x72, 0xb2, 255}, {0x00, 0x9e, 0x73, 255}, {0xcc, 0x79, 0xa7, 255},
               {0xe6, 0x9f, 0x00, 255}, {0x56, 0xb4, 0xe9, 255}, {0xf0, 0xe4, 0x42, 255},
               {0x60, 0x60, 0x60, 255}, {0x00, 0x00, 0x00, 255}},
    .ui_scale = 1.1f,
    .line_scale = 1.5f,
};

const Palette *palette_normal(void) { return &normal; }
const Palette *palette_projector(void) { return &projector; }

Rgba palette_series(const Palette *p, int i)
{
    if (i < 0) i = -i;
    return p->series[i % PAL_SERIES];
}

void palette_hex(Rgba c, char buf[7])
{
    snprintf(buf, 7, "%02X%02X%02X", c.r, c.g, c.b);
}

static double channel(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(Rgba c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double palette_contrast(Rgba fg, Rgba bg)
{
    /* A translucent ink is what it looks like over its background. */
    double a = fg.a / 255.0;
    Rgba f = {(uint8_t)lround(bg.r + (fg.r - bg.r) * a), (uint8_t)lround(bg.g + (fg.g - bg.g) * a),
              (uint8_t)lround(bg.b + (fg.b - bg.b) * a), 255};
    double l1 = luminance(f), l2 = luminance(bg);
    if (l1 < l2) {
        double t = l1;
        l1 = l2;
        l2 = t;
    }
    return (l1 + 0.05) / (l2 + 0.05);
}

Rgba palette_ink_on(Rgba bg)
{
    Rgba black = {0, 0, 0, 255}, white = {255, 255, 255, 255};
    return palette_contrast(black, bg) >= palette_contrast(white, bg) ? black : white;
}

int palette_text_pairs(const Palette *p, TextPair *out, int max)
{
    /* Where each is drawn, so a new use of a colour on a new ground is added here. */
    const TextPair pairs[] = {
        {"text on the background", p->text, p->bg},
        {"text on a panel (log, picker, help, bars)", p->text, p->panel},
        {"text on a card or button", p->text, p->card},
        {"text on a highlighted row", p->text, p->highlight},
        {"secondary text on the background", p->text_dim, p->bg},
        {"secondary text on a panel", p->text_dim, p->panel},
        {"secondary text on a card or button", p->text_dim, p->card},
        {"secondary text on a highlighted row", p->text_dim, p->highlight},
        {"what is still to come, on a panel", p->text_faint, p->panel},
        {"older log lines (text receding toward the panel)", rgba_mix(p->text, p->panel, PAL_RECEDE), p->panel},
        {"older log lines (key events receding toward the panel)", rgba_mix(p->heading, p->panel, PAL_RECEDE), p->panel},
        {"headings on the background", p->heading, p->bg},
        {"headings on a panel", p->heading, p->panel},
        {"headings on a card", p->heading, p->card},
        {"headings on a highlighted row", p->heading, p->highlight},
        {"caption text", p->caption_text, p->caption_bg},
        {"caption hints (caption text at 170/255)", rgba_alpha(p->caption_text, 170), p->caption_bg},
        {"caption accents (changed values)", p->caption_accent, p->caption_bg},
        {"accent words on a panel (help and picker headings, the step)", p->marker, p->panel},
        {"accent words on a card (changed values)", p->marker, p->card},
        {"write() -> false on the code panel", p->warn_text, p->panel},
        {"write() -> false on the code panel's lit line", p->warn_text, p->highlight},
        {"alarms on a panel (the event log, a lesson that does not load)", p->error, p->panel},
        {"alarms on a highlighted row", p->error, p->highlight},
        {"text on an error banner or tag", p->error_text, p->error},
        {"a toast or a pressed button (background on heading)", p->bg, p->heading},
        {"ink on the flowing light", palette_ink_on(p->flowing), p->flowing},
        {"ink on the paused light", palette_ink_on(p->paused), p->paused},
        {"ink on the write() -> false badge", palette_ink_on(p->warn), p->warn},
        {"ink on the overflow count", palette_ink_on(p->fill_log), p->fill_log},
        {"ink on an accent badge (note number, class mode)", palette_ink_on(p->marker), p->marker},
        {"ink on a right answer", palette_ink_on(p->done), p->done},
        {"ink on the 'drain' flash", palette_ink_on(p->drain), p->drain},
    };
    int n = (int)(sizeof pairs / sizeof pairs[0]);
    for (int i = 0; i < n && i < max; i++) out[i] = pairs[i];
    return n;
}
