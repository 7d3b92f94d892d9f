/* compare.c - two runs side by side (see compare.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "view/compare.h"
#include "view/fmt.h"
#include "view/overlay.h"
#include "view/panels.h"

static int S(float s, float v) { return (int)lroundf(v * s); }

/* Side by side only while every card keeps a readable width. */
#define MIN_CARD_W 185

static void arrange(CompareLayout *cl, const Scenario *const *sc, bool side)
{
    float s = cl->s;
    int top = cl->header.y + cl->header.h, bottom = cl->scrub.y;
    int gap = S(s, 6);
    cl->side_by_side = side;
    for (int i = 0; i < cl->n; i++) {
        Rect a;
        if (side) {
            int w = (cl->w - gap * (cl->n - 1)) / cl->n;
            a = (Rect){i * (w + gap), top, w, bottom - top};
        } else {
            int h = (bottom - top - gap * (cl->n - 1)) / cl->n;
            a = (Rect){0, top + i * (h + gap), cl->w, h};
        }
        layout_pane(&cl->pane[i], sc[i], a, cl->w, cl->h, s, !side);
    }
}

void compare_layout(CompareLayout *cl, const Scenario *const *sc, int n, int w, int h, float s, CompareArrange a)
{
    memset(cl, 0, sizeof *cl);
    cl->w = w;
    cl->h = h;
    cl->s = s;
    cl->n = n > COMPARE_RUNS ? COMPARE_RUNS : n;
    cl->header = (Rect){0, 0, w, S(s, 62)};
    cl->status = (Rect){0, h - S(s, 34), w, S(s, 34)};
    cl->scrub = (Rect){0, cl->status.y - S(s, 30), w, S(s, 30)};
    if (a == ARRANGE_STACKED || cl->n < 2) {
        arrange(cl, sc, false);
        return;
    }
    arrange(cl, sc, true);
    if (a == ARRANGE_SIDE || (float)w >= COMPARE_WIDE * (float)h) return;
    for (int i = 0; i < cl->n; i++)
        for (int k = 0; k < cl->pane[i].ncards; k++)
            if (cl->pane[i].card[k].card.w < S(s, MIN_CARD_W)) {
                arrange(cl, sc, false);
                return;
            }
}

Rect compare_scrub_track(const Draw *d, const CompareLayout *cl)
{
    Rect a = cl->scrub;
    int m = dp(d, 22), h = dp(d, 10);
    return (Rect){a.x + m, a.y + a.h - h - dp(d, 7), a.w - 2 * m, h};
}

int64_t compare_scrub_tick(const Draw *d, const CompareLayout *cl, int64_t ticks, int x)
{
    Rect t = compare_scrub_track(d, cl);
    if (t.w <= 0) return 0;
    double f = (double)(x - t.x) / (double)t.w;
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    return (int64_t)(f * (double)ticks + 0.5);
}

int compare_hit_card(const CompareLayout *cl, int x, int y, int *stream)
{
    for (int p = 0; p < cl->n; p++) {
        int i = scene_hit_card(&cl->pane[p], x, y);
        if (i >= 0) {
            *stream = i;
            return p;
        }
    }
    *stream = -1;
    return -1;
}

void compare_title(const Scenario *a, const Scenario *b, bool varied, char *buf, size_t len)
{
    if (varied) snprintf(buf, len, "%s", a->title ? a->title : a->name);
    else snprintf(buf, len, "Side by side: %s  vs  %s", a->name, b->name);
}

static void draw_header(const Draw *d, Rect r, const CompareScene *cs)
{
    const Palette *p = d->pal;
    draw_rect(d, r, p->panel);
    draw_rect(d, (Rect){r.x, r.y + r.h - dline(d, 1), r.w, dline(d, 1)}, p->panel_edge);
    int pad = dp(d, 14);
    int y1 = r.y + r.h * 9 / 25, y2 = r.y + r.h * 19 / 25;
    const char *hint = "?  keys";
    int hw, hh;
    text_size(d->tc, FACE_SANS, dfont(d, 14), hint, &hw, &hh);
    draw_text(d, FACE_SANS, dfont(d, 14), p->text_dim, r.x + r.w - pad, y1, TA_RIGHT | TA_MIDDLE, hint);
    draw_text_fit(d, FACE_BOLD, dfont(d, 21), p->heading, r.x + pad, y1, TA_LEFT | TA_MIDDLE, r.w - 2 * pad - hw - dp(d, 20),
                  cs->title ? cs->title : "Side by side");
    draw_text_fit(d, FACE_SANS, dfont(d, 15), p->text, r.x + pad, y2, TA_LEFT | TA_MIDDLE, r.w - 2 * pad,
                  "One clock and one memory scale for both runs.   Space plays both · Right / Left steps both · "
                  "click or Tab: change a stream");
}

/* "78 KiB of 16 MiB": what reached the final sinks, of what the sources
 * were to make (units of the sinks' input side; "of endless" for a source
 * without a total). Returns false when there is no sink. */
static bool delivered(const Scene *s, const TickState *cur, char *out, size_t len)
{
    int64_t got = 0, made = 0;
    bool sink = false, endless = false, obj = false, ratio = false;
    for (int i = 0; i < s->sc->nstreams && i < cur->n; i++) {
        const StreamDef *def = &s->sc->streams[i];
        if (def->kind == SK_SINK) {
            sink = true;
            obj = def->wobj;
            got += def->wobj ? cur->v[i].consumed : cur->v[i].bytes_done;
        } else if (def->kind == SK_SOURCE) {
            if (def->total < 0) endless = true;
            else made += def->total;
        } else if (def->ratio_num != def->ratio_den || def->robj != def->wobj) {
            ratio = true;
        }
    }
    if (!sink) return false;
    char a[32], b[32];
    fmt_units(got, obj, a, sizeof a);
    if (endless) snprintf(out, len, "delivered %s (endless source)", a);
    else if (ratio) snprintf(out, len, "delivered %s (sources: %s)", a, fmt_units(made, obj, b, sizeof b));
    else snprintf(out, len, "delivered %s of %s", a, fmt_units(made, obj, b, sizeof b));
    return true;
}

/* Whether every sink emitted 'finish': the run did all its work. */
static bool all_finished(const Scene *s, const TickState *cur)
{
    bool any = false;
    for (int i = 0; i < s->sc->nstreams && i < cur->n; i++)
        if (s->sc->streams[i].kind == SK_SINK) {
            any = true;
            if (!cur->v[i].wfinished) return false;
        }
    return any;
}

/* How the run ended, or "" while it runs; alarm: it died. */
static void ending(const Scene *s, const TickState *cur, char *out, size_t len, bool *alarm)
{
    *alarm = false;
    out[0] = 0;
    if (!cur->finished) return;
    if (cur->status == SIM_OOM) {
        snprintf(out, len, "DIED: out of memory at tick %lld", (long long)cur->tick);
        *alarm = true;
    } else if (cur->status == SIM_UNCAUGHT) {
        snprintf(out, len, "DIED: uncaught error at tick %lld", (long long)cur->tick);
        *alarm = true;
    } else if (all_finished(s, cur)) {
        /* When the last sink emitted 'finish', not when the clock ran out. */
        int64_t at = -1;
        for (int i = 0; i < s->sc->nstreams; i++) {
            const LoggedEvent *f = s->sc->streams[i].kind == SK_SINK ? scene_last_event(s, i, EV_FINISH) : NULL;
            if (f && f->ev.tick > at) at = f->ev.tick;
        }
        snprintf(out, len, "finished at tick %lld", (long long)(at >= 0 ? at : cur->tick));
    } else {
        snprintf(out, len, "stopped at the tick limit (%lld)", (long long)cur->tick);
    }
}

/* The pane's strip: letter, label, file, and how the run stands. */
static void draw_strip(const Draw *d, Rect r, const CompareScene *cs, int i)
{
    const Palette *p = d->pal;
    const Scene *s = &cs->pane[i];
    draw_rect(d, r, p->caption_bg);
    int pad = dp(d, 10), cy = rect_cy(r);
    char letter[4] = {(char)('A' + i), 0};
    Rect b = {r.x + pad, cy - dp(d, 12), dp(d, 26), dp(d, 24)};
    draw_round(d, b, dp(d, 5), p->marker);
    draw_text(d, FACE_BOLD, dfont(d, 16), palette_ink_on(p->marker), rect_cx(b), rect_cy(b), TA_CENTER | TA_MIDDLE, letter);

    const TickState *cur = hist_cur(s->h);
    char state[300], end[96], got[96], a[32];
    bool alarm;
    ending(s, cur, end, sizeof end, &alarm);
    if (!delivered(s, cur, got, sizeof got)) got[0] = 0;
    snprintf(state, sizeof state, "%s%s%s · peak %s", end, *end && *got ? " · " : "", got,
             fmt_bytes(cur->mem.peak_total, a, sizeof a));
    Rgba sink = alarm ? p->caption_accent : p->caption_text;
    Face sf = alarm || *end ? FACE_BOLD : FACE_SANS;
    const char *label = cs->label[i] && *cs->label[i] ? cs->label[i] : s->sc->title ? s->sc->title : s->sc->name;
    int x = b.x + b.w + dp(d, 10);
    /* The facts and the title share the strip; neither is cut: the title
     * gets smaller type first, then the facts drop the peak, then both
     * go on two lines. */
    int room = r.x + r.w - pad - x, fs_l = dfont(d, 18), fs_s = dfont(d, 15);
    int lw, lh, sw, sh;
    text_size(d->tc, FACE_BOLD, fs_l, label, &lw, &lh);
    text_size(d->tc, sf, fs_s, state, &sw, &sh);
    if (lw + sw + dp(d, 20) > room) {
        fs_l = dfont(d, 15);
        fs_s = dfont(d, 13);
        text_size(d->tc, FACE_BOLD, fs_l, label, &lw, &lh);
        text_size(d->tc, sf, fs_s, state, &sw, &sh);
    }
    if (lw + sw + dp(d, 20) > room) {
        snprintf(state, sizeof state, "%s%s%s", end, *end && *got ? " · " : "", got);
        text_size(d->tc, sf, fs_s, state, &sw, &sh);
    }
    int ly = cy, sy = cy, salign = TA_RIGHT | TA_MIDDLE, sx = r.x + r.w - pad;
    if (lw + sw + dp(d, 20) > room) {
        ly = r.y + r.h / 4 + dp(d, 1);
        sy = r.y + r.h * 3 / 4;
        fs_l = dfont(d, 13);
        fs_s = dfont(d, 12);
        sx = x;
        salign = TA_LEFT | TA_MIDDLE;
        sw = 0;
    }
    draw_text_fit(d, sf, fs_s, sink, sx, sy, salign, room, state);
    int maxw = room - (sw > 0 ? sw + dp(d, 20) : 0);
    int tw = draw_text_fit(d, FACE_BOLD, fs_l, p->caption_text, x, ly, TA_LEFT | TA_MIDDLE, maxw, label);
    cy = ly;
    if (cs->file[i]) {
        /* The file's name is a footnote to the title: shown whole or not at all. */
        const char *base = strrchr(cs->file[i], '/');
        base = base ? base + 1 : cs->file[i];
        int bw = 0, bh = 0;
        text_size(d->tc, FACE_SANS, dfont(d, 13), base, &bw, &bh);
        if (tw + dp(d, 12) + bw <= maxw)
            draw_text(d, FACE_SANS, dfont(d, 13), rgba_alpha(p->caption_text, 170), x + tw + dp(d, 12), cy,
                      TA_LEFT | TA_MIDDLE, base);
    }
}

static void draw_scrub(const Draw *d, const CompareLayout *cl, const CompareScene *cs)
{
    const Palette *p = d->pal;
    draw_rect(d, cl->scrub, p->panel);
    Rect track = compare_scrub_track(d, cl);
    int64_t ticks = cs->ticks < 1 ? 1 : cs->ticks;
    draw_round(d, track, track.h / 2, p->scrub_bg);
    int cx = track.x + (int)((double)cs->tick / (double)ticks * track.w);
    if (cx > track.x) draw_round(d, (Rect){track.x, track.y, cx - track.x, track.h}, track.h / 2, p->scrub_fill);
    /* Where each run ends: its letter above the track. */
    for (int i = 0; i < cs->n; i++) {
        int64_t end = hist_end(cs->pane[i].h);
        if (end < 0 || end >= ticks) continue;
        int x = track.x + (int)((double)end / (double)ticks * track.w);
        char letter[4] = {(char)('A' + i), 0};
        draw_rect(d, (Rect){x - dline(d, 1), track.y - dp(d, 4), dline(d, 2), track.h + dp(d, 8)}, p->text_dim);
        draw_text(d, FACE_BOLD, dfont(d, 12), p->text_dim, x, track.y - dp(d, 4), TA_CENTER | TA_BOTTOM, letter);
    }
    int kr = track.h / 2 + dp(d, 4);
    draw_disc(d, cx, rect_cy(track), kr, p->scrub_knob);
    draw_ring(d, cx, rect_cy(track), kr, dline(d, 2), p->bg);
}

static void draw_status(const Draw *d, Rect r, const CompareScene *cs)
{
    const Palette *p = d->pal;
    draw_rect(d, r, p->panel);
    draw_rect(d, (Rect){r.x, r.y, r.w, dline(d, 1)}, p->panel_edge);
    int pad = dp(d, 14), fs = dfont(d, 15);
    int cy = rect_cy(r), x = r.x + pad;
    x = panel_play_state(d, x, cy, fs, cs->playing);
    char a[48], b[48], line[200];
    snprintf(line, sizeof line, "tick %s / %s", fmt_int(cs->tick, a, sizeof a), fmt_int(cs->ticks, b, sizeof b));
    x += draw_text(d, FACE_BOLD, fs, p->text, x, cy, TA_LEFT | TA_MIDDLE, line) + dp(d, 24);
    const Scenario *sc = cs->pane[0].sc;
    int64_t tick_us = sc->tick_us > 0 ? sc->tick_us : 1000;
    snprintf(line, sizeof line, "t = %s", fmt_duration(cs->tick * tick_us, a, sizeof a));
    x += draw_text(d, FACE_SANS, fs, p->text, x, cy, TA_LEFT | TA_MIDDLE, line) + dp(d, 24);
    if (cs->speed_name) snprintf(line, sizeof line, "speed %s · %g ticks/s", cs->speed_name, cs->speed);
    else snprintf(line, sizeof line, "speed %g ticks/s", cs->speed);
    int sw, sh;
    text_size(d->tc, FACE_SANS, fs, line, &sw, &sh);
    if (x + sw < r.x + r.w - pad) draw_text(d, FACE_SANS, fs, p->text_dim, r.x + r.w - pad, cy, TA_RIGHT | TA_MIDDLE, line);
}

void compare_draw(const Draw *d, const CompareLayout *cl, const CompareScene *cs)
{
    const Palette *p = d->pal;
    draw_rect(d, (Rect){0, 0, cl->w, cl->h}, p->bg);
    if (cs->edit) editbar_draw(d, cl->header, cs->edit);
    else draw_header(d, cl->header, cs);
    for (int i = 0; i < cs->n && i < cl->n; i++) {
        const Layout *l = &cl->pane[i];
        draw_strip(d, l->header, cs, i);
        scene_draw_run(d, l, &cs->pane[i]);
    }
    draw_scrub(d, cl, cs);
    draw_status(d, cl->status, cs);
    if (cs->hover_pane >= 0 && cs->hover_pane < cs->n && !cs->show_help)
        overlay_tooltip(d, &cl->pane[cs->hover_pane], &cs->pane[cs->hover_pane]);
    if (cs->toast) {
        int top = rect_bottom(cl->header);
        overlay_toast_in(d, (Rect){0, top, cl->w, cl->scrub.y - top}, cs->toast);
    }
    if (cs->show_help) overlay_help(d, &cl->pane[0]);
}
