/* overlay.c - banners, tooltip, help, picker, toast (see overlay.h). */
#include <stdio.h>
#include <string.h>

#include "view/card.h"
#include "view/fmt.h"
#include "view/overlay.h"

static Rect centered(const Layout *l, int w, int h)
{
    if (w > l->w - 20) w = l->w - 20;
    if (h > l->h - 20) h = l->h - 20;
    return (Rect){(l->w - w) / 2, (l->h - h) / 2, w, h};
}

static void modal_box(const Draw *d, const Layout *l, Rect box)
{
    draw_rect(d, (Rect){0, 0, l->w, l->h}, d->pal->shade);
    draw_round(d, box, dp(d, 12), d->pal->panel);
    draw_round_frame(d, box, dp(d, 12), dline(d, 2), d->pal->heading);
}

void overlay_death(const Draw *d, Rect r, const Scene *s)
{
    const Palette *p = d->pal;
    const TickState *cur = hist_cur(s->h);
    char a[32], b[32], line[200];
    const char *big;
    if (cur->status == SIM_OOM) {
        big = "OUT OF MEMORY";
        fmt_bytes(cur->mem.total, a, sizeof a);
        fmt_bytes(cur->mem.limit, b, sizeof b);
        if (!strcmp(a, b)) {
            /* Just over: rounding would print the same number twice. */
            snprintf(a, sizeof a, "%.2f MiB", (double)cur->mem.total / 1048576.0);
            snprintf(b, sizeof b, "%.2f MiB", (double)cur->mem.limit / 1048576.0);
        }
        snprintf(line, sizeof line, "The process was killed at tick %lld: %s in use, over the %s limit.",
                 (long long)cur->tick, a, b);
    } else {
        big = "CRASHED";
        const char *code = "an error";
        int n;
        const LoggedEvent *ev = hist_events(s->h, false, &n);
        for (int i = 0; i < n; i++)
            if (ev[i].ev.kind == EV_UNCAUGHT) code = sim_code_name(hist_sim(s->h), ev[i].ev.code);
        snprintf(line, sizeof line, "Uncaught 'error' (%s) at tick %lld: nobody listened, so Node threw.", code,
                 (long long)cur->tick);
    }
    draw_round(d, r, dp(d, 12), p->error);
    draw_round_frame(d, r, dp(d, 12), dline(d, 3), p->error_text);
    /* A cross as the shape of death, beside the words. */
    int k = r.h / 4;
    int cx = r.x + dp(d, 24) + k, cy = rect_cy(r);
    draw_line(d, (float)(cx - k), (float)(cy - k), (float)(cx + k), (float)(cy + k), (float)dline(d, 8), p->error_text);
    draw_line(d, (float)(cx - k), (float)(cy + k), (float)(cx + k), (float)(cy - k), (float)dline(d, 8), p->error_text);
    int tx = cx + k + dp(d, 24);
    int maxw = r.x + r.w - dp(d, 16) - tx;
    /* A narrow banner (a compare pane) takes smaller type rather than cut the words. */
    int big_px = dfont(d, 34), bw, bh;
    text_size(d->tc, FACE_BOLD, big_px, big, &bw, &bh);
    while (bw > maxw && big_px > dfont(d, 18)) {
        big_px = big_px * 7 / 8;
        text_size(d->tc, FACE_BOLD, big_px, big, &bw, &bh);
    }
    draw_text_fit(d, FACE_BOLD, big_px, p->error_text, tx, cy - dp(d, 4), TA_LEFT | TA_BOTTOM, maxw, big);
    char lines[3][256];
    int fs = dfont(d, 16);
    int n = text_wrap(d->tc, FACE_SANS, fs, line, maxw, &lines[0][0], sizeof lines[0], 3);
    if (n > 2) {
        fs = dfont(d, 13);
        n = text_wrap(d->tc, FACE_SANS, fs, line, maxw, &lines[0][0], sizeof lines[0], 3);
    }
    int lh = fs == dfont(d, 16) ? dfont(d, 21) : fs + dp(d, 4);
    for (int i = 0; i < n; i++)
        draw_text(d, FACE_SANS, fs, p->error_text, tx, cy + dp(d, 2) + i * lh, TA_LEFT | TA_TOP, lines[i]);
}

void overlay_tooltip(const Draw *d, const Layout *l, const Scene *s)
{
    const TickState *cur = hist_cur(s->h);
    int i = s->hover;
    if (i < 0 || i >= cur->n || i >= s->sc->nstreams) return;
    const StreamView *v = &cur->v[i];
    const StreamDef *def = &s->sc->streams[i];
    const Palette *p = d->pal;
    char rows[20][96];
    int n = 0;
    char a[32], b[32], c[32];
    snprintf(rows[n++], 96, "%s", def->id);
    if (v->has_readable) {
        snprintf(rows[n++], 96, "readableLength  %s", fmt_int(v->rlen, a, sizeof a));
        snprintf(rows[n++], 96, "readableHighWaterMark  %s", fmt_int(v->rhwm, a, sizeof a));
        snprintf(rows[n++], 96, "readableFlowing  %s  ended %s", v->rflow < 0 ? "null" : v->rflow ? "true" : "false",
                 v->rended ? "yes" : "no");
    }
    if (v->has_writable) {
        snprintf(rows[n++], 96, "writableLength  %s", fmt_int(v->wlen, a, sizeof a));
        snprintf(rows[n++], 96, "writableHighWaterMark  %s", fmt_int(v->whwm, a, sizeof a));
        snprintf(rows[n++], 96, "needDrain %s  ended %s  finished %s", v->needdrain ? "yes" : "no",
                 v->wended ? "yes" : "no", v->wfinished ? "yes" : "no");
        if (v->inflight > 0)
            snprintf(rows[n++], 96, "in flight  %s of %s done", fmt_int(v->inflight_done, a, sizeof a),
                     fmt_int(v->inflight, b, sizeof b));
    }
    snprintf(rows[n++], 96, "rate  %s per tick", fmt_int(v->rate, a, sizeof a));
    snprintf(rows[n++], 96, "produced %s  consumed %s", fmt_int(v->produced, a, sizeof a),
             fmt_int(v->consumed, b, sizeof b));
    snprintf(rows[n++], 96, "push false %lld  write false %lld", (long long)v->pushes_false, (long long)v->writes_false);
    snprintf(rows[n++], 96, "pauses %lld  resumes %lld  drains %lld", (long long)v->pauses, (long long)v->resumes,
             (long long)v->drains);
    snprintf(rows[n++], 96, "memory %s  (peak %s)", fmt_bytes(v->mem_bytes, a, sizeof a),
             fmt_bytes(v->peak_bytes, c, sizeof c));
    if (v->destroyed || v->errored || v->closed)
        snprintf(rows[n++], 96, "destroyed %s  errored %s  closed %s", v->destroyed ? "yes" : "no",
                 v->errored ? "yes" : "no", v->closed ? "yes" : "no");
    int fs = dfont(d, 14), lh = fs + dp(d, 6);
    int w = 0;
    for (int k = 0; k < n; k++) {
        int tw, th;
        text_size(d->tc, k ? FACE_MONO : FACE_BOLD, fs, rows[k], &tw, &th);
        if (tw > w) w = tw;
    }
    w += dp(d, 24);
    int h = n * lh + dp(d, 16);
    int x = s->mouse_x + dp(d, 18), y = s->mouse_y + dp(d, 18);
    if (x + w > l->w) x = s->mouse_x - w - dp(d, 10);
    if (y + h > l->h) y = l->h - h - dp(d, 4);
    if (x < 0) x = 0;
    if (y < 0) y = 0;
    Rect box = {x, y, w, h};
    draw_round(d, box, dp(d, 8), p->panel);
    draw_round_frame(d, box, dp(d, 8), dline(d, 2), palette_series(p, i));
    for (int k = 0; k < n; k++)
        draw_text(d, k ? FACE_MONO : FACE_BOLD, fs, k ? p->text : p->heading, x + dp(d, 12), y + dp(d, 8) + k * lh,
                  TA_LEFT | TA_TOP, rows[k]);
}

static const char *const help_play[][2] = {
    {"Space", "play / pause"},
    {"Right / Left", "one tick forward / back"},
    {"Shift + Right / Left", "ten ticks"},
    {"+ / -", "faster / slower"},
    {"1  2  3", "slow / normal / fast"},
    {"Home / End", "tick 0 and play / the last tick"},
    {"[  ]", "previous / next narration note"},
    {"click, drag", "the timeline: seek"},
    {"hover a stream", "its exact numbers"},
    {"C", "show / hide the code"},
    {"V", "all events / key events"},
    {"L", "lessons"},
    {"P", "projector colours"},
    {"Ctrl + / -", "bigger / smaller"},
    {"F", "full screen"},
    {"S", "save a screenshot (PNG)"},
    {"?", "this help"},
    {"Esc / Q", "quit"},
};

static const char *const help_explore[][2] = {
    {"click, Tab", "select a stream to change"},
    {"Up / Down", "its value ×2 / ÷2, re-run"},
    {"M", "next value: hwm, rate, chunk"},
    {"drag a tank", "its highWaterMark"},
    {"Backspace", "back to the file (Shift: all)"},
    {"W", "save the changes as YAML"},
    {"Esc", "done changing"},
    {"K", "class mode: stop at questions"},
    {"1-4, Space", "pick an answer, reveal it"},
    {"I", "inside the tick, event by event"},
    {"Right / Left", "(inside) next / previous event"},
    {"X", "(compare) stacked / side by side"},
};

static void help_column(const Draw *d, int x, int y, int kw, int fs, int lh, const char *title,
                        const char *const (*rows)[2], int n)
{
    const Palette *p = d->pal;
    draw_text(d, FACE_BOLD, dfont(d, 15), p->marker, x, y, TA_LEFT | TA_TOP, title);
    y += dp(d, 26);
    for (int i = 0; i < n; i++, y += lh) {
        draw_text(d, FACE_BOLD, fs, p->heading, x, y, TA_LEFT | TA_TOP, rows[i][0]);
        draw_text(d, FACE_SANS, fs, p->text, x + kw, y, TA_LEFT | TA_TOP, rows[i][1]);
    }
}

void overlay_help(const Draw *d, const Layout *l)
{
    const Palette *p = d->pal;
    int n1 = (int)(sizeof help_play / sizeof help_play[0]);
    int n2 = (int)(sizeof help_explore / sizeof help_explore[0]);
    int fs = dfont(d, 16), lh = fs + dp(d, 8);
    int head = dp(d, 92);
    Rect box = centered(l, dp(d, 1180), n1 * lh + head + dp(d, 16));
    /* Shrink the type rather than lose rows in a small window. */
    if (n1 * lh + head + dp(d, 16) > box.h) {
        lh = (box.h - head - dp(d, 16)) / n1;
        fs = lh - dp(d, 6);
    }
    modal_box(d, l, box);
    draw_text(d, FACE_BOLD, dfont(d, 22), p->heading, box.x + dp(d, 24), box.y + dp(d, 16), TA_LEFT | TA_TOP, "Keys");
    draw_text(d, FACE_SANS, dfont(d, 14), p->text_dim, box.x + box.w - dp(d, 24), box.y + dp(d, 22), TA_RIGHT | TA_TOP,
              "any key closes");
    int colw = (box.w - dp(d, 48)) / 2;
    int kw = colw * 2 / 5;
    int y = box.y + dp(d, 58);
    help_column(d, box.x + dp(d, 24), y, kw, fs, lh, "PLAYING", help_play, n1);
    help_column(d, box.x + dp(d, 24) + colw + dp(d, 8), y, kw, fs, lh, "EXPLORING", help_explore, n2);
}

int overlay_picker_rows(const Draw *d, const Layout *l)
{
    Rect box = centered(l, dp(d, 900), l->h - dp(d, 80));
    int rows = (box.h - dp(d, 200)) / dp(d, 34);
    return rows < 1 ? 1 : rows;
}

int overlay_picker_hit(const Draw *d, const Layout *l, const Picker *pk, int x, int y)
{
    Rect box = centered(l, dp(d, 900), l->h - dp(d, 80));
    int top = box.y + dp(d, 62) - dp(d, 4), lh = dp(d, 34);
    if (x < box.x || x >= box.x + box.w || y < top) return -1;
    int i = pk->top + (y - top) / lh;
    return i < pk->n && i < pk->top + overlay_picker_rows(d, l) ? i : -1;
}

void overlay_picker(const Draw *d, const Layout *l, const Picker *pk)
{
    const Palette *p = d->pal;
    Rect box = centered(l, dp(d, 900), l->h - dp(d, 80));
    modal_box(d, l, box);
    int pad = dp(d, 24);
    draw_text(d, FACE_BOLD, dfont(d, 22), p->heading, box.x + pad, box.y + dp(d, 16), TA_LEFT | TA_TOP, "Lessons");
    draw_text(d, FACE_SANS, dfont(d, 14), p->text_dim, box.x + box.w - pad, box.y + dp(d, 22), TA_RIGHT | TA_TOP,
              "Up / Down or click, Enter or click again opens, Esc closes");
    int y = box.y + dp(d, 62);
    if (pk->n == 0) {
        char line[1200];
        snprintf(line, sizeof line, "No scenarios in %s", pk->dir);
        draw_text_fit(d, FACE_SANS, dfont(d, 16), p->text, box.x + pad, y, TA_LEFT | TA_TOP, box.w - 2 * pad, line);
        return;
    }
    int rows = overlay_picker_rows(d, l);
    int fs = dfont(d, 16), lh = dp(d, 34);
    for (int i = pk->top; i < pk->n && i < pk->top + rows; i++, y += lh) {
        const PickEntry *e = &pk->e[i];
        if (i == pk->sel) draw_round(d, (Rect){box.x + dp(d, 12), y - dp(d, 4), box.w - dp(d, 24), lh}, dp(d, 6), p->highlight);
        int nw = draw_text_fit(d, FACE_MONO, dfont(d, 14), p->text_dim, box.x + pad, y + dp(d, 2), TA_LEFT | TA_TOP,
                               dp(d, 300), e->name);
        (void)nw;
        draw_text_fit(d, i == pk->sel ? FACE_BOLD : FACE_SANS, fs, e->bad ? p->error : p->text, box.x + pad + dp(d, 310),
                      y, TA_LEFT | TA_TOP, box.w - 2 * pad - dp(d, 310), e->title);
    }
    /* The selected lesson's description at the bottom. */
    const PickEntry *e = &pk->e[pk->sel];
    int dy = box.y + box.h - dp(d, 120);
    draw_rect(d, (Rect){box.x + pad, dy - dp(d, 10), box.w - 2 * pad, dline(d, 1)}, p->panel_edge);
    char lines[4][300];
    int n = text_wrap(d->tc, FACE_SANS, dfont(d, 15), e->desc, box.w - 2 * pad, &lines[0][0], sizeof lines[0], 4);
    for (int i = 0; i < n; i++)
        draw_text(d, FACE_SANS, dfont(d, 15), p->text, box.x + pad, dy + i * dfont(d, 21), TA_LEFT | TA_TOP, lines[i]);
}

void overlay_toast(const Draw *d, const Layout *l, const char *msg)
{
    overlay_toast_in(d, l->graph, msg);
}

void overlay_toast_in(const Draw *d, Rect area, const char *msg)
{
    const Palette *p = d->pal;
    int fs = dfont(d, 16);
    int tw, th;
    text_size(d->tc, FACE_BOLD, fs, msg, &tw, &th);
    Rect r = {rect_cx(area) - tw / 2 - dp(d, 16), rect_bottom(area) - th - dp(d, 24), tw + dp(d, 32),
              th + dp(d, 14)};
    draw_round(d, r, dp(d, 8), p->heading);
    draw_text(d, FACE_BOLD, fs, p->bg, rect_cx(r), rect_cy(r), TA_CENTER | TA_MIDDLE, msg);
}
