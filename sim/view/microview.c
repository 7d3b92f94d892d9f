/* microview.c - the micro-step panel (see microview.h). */
#include <stdio.h>
#include <string.h>

#include "view/evtext.h"
#include "view/microview.h"

Rect microview_queue_rect(const Draw *d, Rect panel)
{
    int h = panel.h * 2 / 5;
    if (h < dp(d, 150)) h = dp(d, 150);
    if (h > panel.h - dp(d, 120)) h = panel.h - dp(d, 120);
    if (h < 0) h = 0;
    return (Rect){panel.x, panel.y + panel.h - h, panel.w, h};
}

static void draw_events(const Draw *d, Rect r, const Micro *m, const Scenario *sc)
{
    const Palette *p = d->pal;
    int pad = dp(d, 12);
    int y = r.y + dp(d, 8);
    char head[64], step[64];
    snprintf(head, sizeof head, "Inside tick %lld", (long long)m->tick);
    draw_text(d, FACE_BOLD, dfont(d, 17), p->heading, r.x + pad, y, TA_LEFT | TA_TOP, head);
    if (m->pos == 0) snprintf(step, sizeof step, "before event 1 of %d", m->n);
    else snprintf(step, sizeof step, "event %d of %d", m->pos, m->n);
    draw_text(d, FACE_BOLD, dfont(d, 14), p->marker, r.x + r.w - pad, y + dp(d, 3), TA_RIGHT | TA_TOP, step);
    y += dp(d, 30);
    int fs = dfont(d, 14), lh = fs + dp(d, 8);
    int rows = (r.y + r.h - dp(d, 6) - y) / lh;
    if (rows < 1) return;
    /* Keep the current event in view, a few rows from the bottom. */
    int cur = m->pos - 1;
    int first = 0;
    if (cur > rows - 3) first = cur - (rows - 3);
    if (first > m->n - rows) first = m->n - rows;
    if (first < 0) first = 0;
    char desc[256], num[16];
    for (int i = first; i < m->n && i < first + rows; i++, y += lh) {
        const Event *e = &m->step[i].ev.ev;
        evtext_describe(m->sim, sc, e, m->step[i].ev.text, desc, sizeof desc);
        bool now = i == cur, past = i < cur;
        if (now) draw_rect(d, (Rect){r.x + dp(d, 4), y - dp(d, 3), r.w - dp(d, 8), lh}, p->highlight);
        Rgba ink = now ? p->heading : past ? p->text : p->text_faint;
        snprintf(num, sizeof num, "%d", i + 1);
        draw_text(d, FACE_MONO, dfont(d, 12), p->text_dim, r.x + pad + dp(d, 26), y + dp(d, 2), TA_RIGHT | TA_TOP, num);
        int x = r.x + pad + dp(d, 34);
        if (e->subject >= 0) draw_rect(d, (Rect){x, y + dp(d, 4), dp(d, 8), dp(d, 10)}, palette_series(p, e->subject));
        x += dp(d, 13);
        const char *who = e->subject >= 0 && e->subject < sc->nstreams ? sc->streams[e->subject].id : "process";
        int ww = draw_text_fit(d, FACE_BOLD, fs, ink, x, y, TA_LEFT | TA_TOP, dp(d, 90), who);
        x += (ww > dp(d, 56) ? ww : dp(d, 56)) + dp(d, 8);
        draw_text_fit(d, now ? FACE_BOLD : FACE_SANS, fs, ink, x, y, TA_LEFT | TA_TOP, r.x + r.w - pad - x, desc);
    }
    if (m->more > 0 && y + lh <= r.y + r.h) {
        snprintf(desc, sizeof desc, "... and %d more events", m->more);
        draw_text(d, FACE_SANS, fs, p->text_dim, r.x + pad, y, TA_LEFT | TA_TOP, desc);
    }
}

static int draw_queue_part(const Draw *d, Rect r, int y, const char *title, const PendingWork *w, int n, bool micro,
                           const Scenario *sc)
{
    const Palette *p = d->pal;
    int pad = dp(d, 12), fs = dfont(d, 15), lh = fs + dp(d, 9);
    draw_text(d, FACE_BOLD, dfont(d, 13), p->text_dim, r.x + pad, y, TA_LEFT | TA_TOP, title);
    y += dp(d, 22);
    int k = 0, shown = 0;
    for (int i = 0; i < n; i++) {
        if (w[i].microtask != micro) continue;
        k++;
        if (y + lh > r.y + r.h - dp(d, 26)) continue;
        Rect item = {r.x + pad, y, r.w - 2 * pad, lh - dp(d, 3)};
        draw_round(d, item, dp(d, 5), p->card);
        draw_round_frame(d, item, dp(d, 5), dline(d, 1), p->card_edge);
        int x = item.x + dp(d, 8);
        char num[16];
        snprintf(num, sizeof num, "%d", k);
        x += draw_text(d, FACE_MONO, dfont(d, 12), p->text_dim, x, rect_cy(item), TA_LEFT | TA_MIDDLE, num) + dp(d, 8);
        x += draw_text(d, FACE_BOLD, fs, p->heading, x, rect_cy(item), TA_LEFT | TA_MIDDLE, w[i].what) + dp(d, 10);
        if (w[i].stream >= 0 && w[i].stream < sc->nstreams) {
            draw_rect(d, (Rect){x, rect_cy(item) - dp(d, 5), dp(d, 8), dp(d, 10)}, palette_series(p, w[i].stream));
            x += dp(d, 12);
            draw_text_fit(d, FACE_SANS, fs, p->text, x, rect_cy(item), TA_LEFT | TA_MIDDLE, item.x + item.w - x - dp(d, 6),
                          sc->streams[w[i].stream].id);
        }
        y += lh;
        shown++;
    }
    if (k == 0) {
        draw_text(d, FACE_SANS, dfont(d, 14), p->text_dim, r.x + pad + dp(d, 4), y, TA_LEFT | TA_TOP, "empty");
        y += lh;
    } else if (shown < k) {
        char more[48];
        snprintf(more, sizeof more, "+%d more", k - shown);
        draw_text(d, FACE_SANS, dfont(d, 13), p->text_dim, r.x + pad + dp(d, 4), y, TA_LEFT | TA_TOP, more);
        y += lh;
    }
    return y + dp(d, 4);
}

void microview_draw(const Draw *d, Rect panel, const Micro *m, const Scenario *sc)
{
    const Palette *p = d->pal;
    draw_rect(d, panel, p->panel);
    draw_rect(d, (Rect){panel.x, panel.y, dline(d, 1), panel.h}, p->panel_edge);
    Rect q = microview_queue_rect(d, panel);
    Rect ev = {panel.x, panel.y, panel.w, q.y - panel.y};
    draw_events(d, ev, m, sc);

    draw_rect(d, (Rect){q.x, q.y, q.w, dline(d, 2)}, p->marker);
    int pad = dp(d, 12);
    int y = q.y + dp(d, 8);
    draw_text(d, FACE_BOLD, dfont(d, 16), p->heading, q.x + pad, y, TA_LEFT | TA_TOP, "Queued, waiting to run");
    y += dp(d, 26);
    const PendingWork *w;
    int n = micro_pending(m, &w);
    y = draw_queue_part(d, q, y, "process.nextTick", w, n, false, sc);
    draw_queue_part(d, q, y, "promise jobs (after the nextTick queue)", w, n, true, sc);
    draw_text_fit(d, FACE_SANS, dfont(d, 13), p->text_dim, q.x + pad, q.y + q.h - dp(d, 8), TA_LEFT | TA_BOTTOM,
                  q.w - 2 * pad, "Right: next · Left: back · I or Esc: leave");
}
