/* editbar.c - the live-change bar (see editbar.h). */
#include <stdio.h>
#include <string.h>

#include "view/editbar.h"

void editbar_draw(const Draw *d, Rect r, const EditBar *e)
{
    const Palette *p = d->pal;
    draw_rect(d, r, p->caption_bg);
    draw_rect(d, (Rect){r.x, r.y, dp(d, 6), r.h}, p->marker);
    if (e->stream < 0 || e->stream >= e->sc->nstreams) return;
    const StreamDef *def = &e->sc->streams[e->stream];
    int pad = dp(d, 16);
    int x = r.x + pad;
    int row1 = r.y + r.h * 3 / 10 + dp(d, 1), row2 = r.y + r.h * 3 / 4 + dp(d, 1);
    int sw = dp(d, 14);
    draw_rect(d, (Rect){x, row1 - sw / 2, sw, sw}, palette_series(p, e->stream));
    x += sw + dp(d, 8);
    x += draw_text_fit(d, FACE_BOLD, dfont(d, 19), p->caption_text, x, row1, TA_LEFT | TA_MIDDLE, dp(d, 220), def->id);
    x += dp(d, 16);

    VaryParam ps[EDIT_MAX_PARAMS];
    int n = edit_params(e->sc, e->stream, ps);
    int fs = dfont(d, 16), ch = dp(d, 27);
    for (int k = 0; k < n; k++) {
        VaryTarget t;
        if (!edit_target(e->sc, e->stream, ps[k], &t)) continue;
        VaryValue now = vary_get(e->sc, &t), was;
        bool changed = edit_differs(e->base, e->sc, e->stream, ps[k], &was);
        char val[48], wv[48], chip[160];
        edit_value_text(e->sc, &t, &now, val, sizeof val);
        if (changed)
            snprintf(chip, sizeof chip, "%s %s  (was %s)", edit_param_label(ps[k]), val,
                     edit_value_text(e->base, &t, &was, wv, sizeof wv));
        else
            snprintf(chip, sizeof chip, "%s %s", edit_param_label(ps[k]), val);
        int tw, th;
        text_size(d->tc, FACE_BOLD, fs, chip, &tw, &th);
        Rect c = {x, row1 - ch / 2, tw + dp(d, 20), ch};
        if (c.x + c.w > r.x + r.w - pad) break;
        bool active = ps[k] == e->param;
        Rgba ink;
        if (active) {
            draw_round(d, c, ch / 2, p->marker);
            ink = palette_ink_on(p->marker);
        } else {
            draw_round_frame(d, c, ch / 2, dline(d, 2), changed ? p->marker : rgba_alpha(p->caption_text, 120));
            ink = changed ? p->caption_accent : p->caption_text;
        }
        draw_text(d, FACE_BOLD, fs, ink, c.x + dp(d, 10), row1, TA_LEFT | TA_MIDDLE, chip);
        x += c.w + dp(d, 10);
    }

    const char *keys = e->dragging ? "drag up: ×2 per step, down: ÷2 · release to keep it"
                                   : "↑ ↓  ×2 ÷2     M  next value     drag a tank: highWaterMark     Backspace  "
                                     "back to the file     W  save as YAML     Tab  next stream     Esc  done";
    draw_text_fit(d, FACE_SANS, dfont(d, 14), rgba_alpha(p->caption_text, 220), r.x + pad, row2, TA_LEFT | TA_MIDDLE,
                  r.w - 2 * pad, keys);
}
