/* panels.c - header, caption, status bar, scrubber and event log (see panels.h). */
#include <stdio.h>
#include <string.h>

#include "view/evtext.h"
#include "view/fmt.h"
#include "view/panels.h"

#define CAPTION_LINES 8   /* a caption longer than this is cut (none of the lessons comes close) */

/* The header's two buttons at its right end: "? keys" and "L lessons". */
void panel_header_buttons(const Draw *d, Rect r, Rect *keys, Rect *lessons)
{
    int fs = dfont(d, 14), pad = dp(d, 14), h = r.h - dp(d, 12);
    int kw, lw, th;
    text_size(d->tc, FACE_SANS, fs, "?  keys", &kw, &th);
    text_size(d->tc, FACE_SANS, fs, "L  lessons", &lw, &th);
    *lessons = (Rect){r.x + r.w - pad - lw - dp(d, 20), r.y + (r.h - h) / 2, lw + dp(d, 20), h};
    *keys = (Rect){lessons->x - dp(d, 10) - kw - dp(d, 20), lessons->y, kw + dp(d, 20), h};
}

UiAction panel_header_hit(const Draw *d, Rect header, int x, int y)
{
    Rect k, l;
    panel_header_buttons(d, header, &k, &l);
    return rect_has(k, x, y) ? UI_HELP : rect_has(l, x, y) ? UI_LESSONS : UI_NONE;
}

void panel_header(const Draw *d, Rect r, const Scene *s, bool buttons)
{
    const Palette *p = d->pal;
    draw_rect(d, r, p->panel);
    draw_rect(d, (Rect){r.x, r.y + r.h - dline(d, 1), r.w, dline(d, 1)}, p->panel_edge);
    int pad = dp(d, 14);
    Rect kb, lb;
    panel_header_buttons(d, r, &kb, &lb);
    /* Buttons, drawn as such: they answer a click or a tap. */
    for (int i = 0; buttons && i < 2; i++) {
        Rect b = i ? lb : kb;
        draw_round(d, b, dp(d, 6), p->card);
        draw_round_frame(d, b, dp(d, 6), dline(d, 1), p->card_edge);
        draw_text(d, FACE_SANS, dfont(d, 14), p->text, rect_cx(b), rect_cy(b), TA_CENTER | TA_MIDDLE, i ? "L  lessons" : "?  keys");
    }
    const char *title = s->sc->title && *s->sc->title ? s->sc->title : s->sc->name;
    int maxw = (buttons ? kb.x : r.x + r.w) - r.x - 2 * pad;
    int tw = draw_text_fit(d, FACE_BOLD, dfont(d, 21), p->heading, r.x + pad, rect_cy(r), TA_LEFT | TA_MIDDLE, maxw,
                           title);
    if (s->file) {
        /* The file's name when it fits whole beside the title (the title comes first). */
        const char *base = strrchr(s->file, '/');
        base = base ? base + 1 : s->file;
        int bw, bh;
        text_size(d->tc, FACE_SANS, dfont(d, 14), base, &bw, &bh);
        if (tw + dp(d, 14) + bw <= maxw)
            draw_text(d, FACE_SANS, dfont(d, 14), p->text_dim, r.x + pad + tw + dp(d, 14), rect_cy(r), TA_LEFT | TA_MIDDLE,
                      base);
    }
}

int scene_note(const Scenario *sc, int64_t tick, int *ordinal, int *count)
{
    int found = -1, k = 0, total = 0;
    for (int i = 0; i < sc->nactions; i++) {
        if (sc->actions[i].kind != ACT_NOTE) continue;
        total++;
        if (sc->actions[i].at <= tick) {
            found = i;
            k = total;
        }
    }
    if (ordinal) *ordinal = k;
    if (count) *count = total;
    return found;
}

/* The caption: drawn into r (draw), or only measured. Returns the height
 * its text needs at r's width: narration wraps to as many lines as it has,
 * in type never smaller than dfont(20) (a 24 px line at 1280x720). */
static int caption(const Draw *d, Rect r, const Scene *s, bool keys, bool draw)
{
    const Palette *p = d->pal;
    int pad = dp(d, 14);
    int vpad = dp(d, 9);
    if (s->banner) {
        char lines[CAPTION_LINES][400];
        int fs = dfont(d, 16), lh = fs + dp(d, 6);
        int n = text_wrap(d->tc, FACE_BOLD, fs, s->banner, r.w - 2 * pad, &lines[0][0], sizeof lines[0], CAPTION_LINES);
        if (!draw) return n * lh + 2 * vpad;
        draw_rect(d, r, p->error);
        int y = rect_cy(r) - n * lh / 2;
        for (int i = 0; i < n; i++, y += lh)
            draw_text(d, FACE_BOLD, fs, p->error_text, r.x + pad, y, TA_LEFT | TA_TOP, lines[i]);
        return n * lh + 2 * vpad;
    }
    if (draw) draw_rect(d, r, p->caption_bg);
    if (s->micro) {
        /* The micro-step explains the moment shown, in up to three lines. */
        char text[700];
        micro_caption(s->micro, s->sc, text, sizeof text);
        int maxw = r.w - 2 * pad;
        int fs = dfont(d, 20);
        char lines[CAPTION_LINES][700];
        int n = text_wrap(d->tc, FACE_BOLD, fs, text, maxw, &lines[0][0], sizeof lines[0], CAPTION_LINES);
        int lh = fs + dp(d, 4);
        if (!draw) return n * lh + 2 * vpad;
        draw_rect(d, (Rect){r.x, r.y, dp(d, 6), r.h}, p->marker);
        int y = rect_cy(r) - n * lh / 2;
        for (int i = 0; i < n; i++, y += lh)
            draw_text(d, FACE_BOLD, fs, p->caption_text, r.x + pad, y, TA_LEFT | TA_TOP, lines[i]);
        return n * lh + 2 * vpad;
    }
    int ord, total;
    const TickState *cur = hist_cur(s->h);
    /* Waiting before a note's tick, the caption already tells it. */
    int idx = scene_note(s->sc, s->held_note ? s->held_note->at : cur->tick, &ord, &total);
    const char *text;
    Rgba ink = p->caption_text;
    Face face = FACE_BOLD;
    int x = r.x + pad;
    if (idx >= 0) {
        text = s->sc->actions[idx].text ? s->sc->actions[idx].text : "";
        if (s->written_for && *s->written_for && s->stale_from >= 0 && s->sc->actions[idx].at >= s->stale_from) {
            /* After a live change the run parted from the one this note describes. */
            char stale[260];
            snprintf(stale, sizeof stale, "written for %s", s->written_for);
            int sw, sh, sfs = dfont(d, 13);
            text_size(d->tc, FACE_BOLD, sfs, stale, &sw, &sh);
            if (sw > r.w / 3) sw = r.w / 3;
            Rect b = {x, rect_cy(r) - sh / 2 - dp(d, 3), sw + dp(d, 14), sh + dp(d, 6)};
            if (draw) {
                draw_round(d, b, dp(d, 6), p->warn);
                draw_text_fit(d, FACE_BOLD, sfs, palette_ink_on(p->warn), b.x + dp(d, 7), rect_cy(b), TA_LEFT | TA_MIDDLE,
                              sw, stale);
            }
            x += b.w + dp(d, 10);
            ink = rgba_alpha(p->caption_text, 150);
        }
        char badge[32];
        snprintf(badge, sizeof badge, "%d/%d", ord, total);
        int bw, bh;
        text_size(d->tc, FACE_BOLD, dfont(d, 13), badge, &bw, &bh);
        Rect b = {x, rect_cy(r) - bh / 2 - dp(d, 3), bw + dp(d, 14), bh + dp(d, 6)};
        if (draw) {
            draw_round(d, b, dp(d, 6), p->marker);
            draw_text(d, FACE_BOLD, dfont(d, 13), palette_ink_on(p->marker), rect_cx(b), rect_cy(b),
                      TA_CENTER | TA_MIDDLE, badge);
        }
        x += b.w + dp(d, 12);
    } else {
        text = s->sc->description && *s->sc->description ? s->sc->description : "Press Space to play.";
        face = FACE_SANS;
    }
    const char *hint = !keys ? "" : s->held_note ? "Space: play it" : total > 0 ? "[  ]  notes" : "";
    int hw = 0, hh;
    if (*hint && s->held_note) {
        int fsh = dfont(d, 15);
        text_size(d->tc, FACE_BOLD, fsh, hint, &hw, &hh);
        Rect b = {r.x + r.w - pad - hw - dp(d, 16), rect_cy(r) - hh / 2 - dp(d, 4), hw + dp(d, 16), hh + dp(d, 8)};
        if (draw) {
            draw_round(d, b, dp(d, 6), p->marker);
            draw_text(d, FACE_BOLD, fsh, palette_ink_on(p->marker), rect_cx(b), rect_cy(b), TA_CENTER | TA_MIDDLE, hint);
        }
        hw += dp(d, 16);
    } else if (*hint) {
        text_size(d->tc, FACE_SANS, dfont(d, 13), hint, &hw, &hh);
        if (draw)
            draw_text(d, FACE_SANS, dfont(d, 13), rgba_alpha(p->caption_text, 170), r.x + r.w - pad, rect_cy(r),
                      TA_RIGHT | TA_MIDDLE, hint);
    }
    int maxw = r.x + r.w - pad - hw - dp(d, 16) - x;
    /* Narration is the one thing everyone must read: big, and whole. */
    int fs = dfont(d, 20);
    char lines[CAPTION_LINES][600];
    int n = text_wrap(d->tc, face, fs, text, maxw, &lines[0][0], sizeof lines[0], CAPTION_LINES);
    int lh = fs + dp(d, 5);
    if (draw) {
        int y = rect_cy(r) - n * lh / 2;
        for (int i = 0; i < n; i++, y += lh) draw_text(d, face, fs, ink, x, y, TA_LEFT | TA_TOP, lines[i]);
    }
    return n * lh + 2 * vpad;
}

void panel_caption(const Draw *d, Rect r, const Scene *s, bool keys)
{
    caption(d, r, s, keys, true);
}

/* The tallest of the lesson's notes, so the diagram keeps one layout while
 * the notes change (a 2-line note after a 3-line one made the cards jump and
 * the events panel come and go). Each is measured as the caption shows it
 * while the playback waits at it, its widest hint. */
static int notes_height(const Draw *d, Rect r, const Scene *s, bool keys)
{
    int h = 0;
    for (int i = 0; i < s->sc->nactions; i++) {
        if (s->sc->actions[i].kind != ACT_NOTE) continue;
        Scene one = *s;
        one.held_note = &s->sc->actions[i];
        int hn = caption(d, r, &one, keys, false);
        if (hn > h) h = hn;
    }
    return h;
}

int panel_caption_height(const Draw *d, int w, const Scene *s, bool keys, CaptionNotes *memo)
{
    Rect r = {0, 0, w, 1000};
    int h = caption(d, r, s, keys, false);
    if (s->banner || s->micro) return h;
    const char *wf = s->written_for ? s->written_for : "";
    uint64_t sig = 1469598103934665603ull;   /* FNV-1a over the notes' texts */
    for (int i = 0; i < s->sc->nactions; i++)
        if (s->sc->actions[i].kind == ACT_NOTE && s->sc->actions[i].text)
            for (const unsigned char *c = (const unsigned char *)s->sc->actions[i].text; *c; c++)
                sig = (sig ^ *c) * 1099511628211ull;
    CaptionNotes now = {true, w, 0, d->s, d->pal, keys, sig, s->stale_from, ""};
    snprintf(now.written_for, sizeof now.written_for, "%s", wf);
    if (!memo || !memo->valid || memo->w != w || memo->scale != d->s || memo->pal != d->pal || memo->keys != keys ||
        memo->notes != sig || memo->stale_from != s->stale_from || strcmp(memo->written_for, now.written_for)) {
        now.h = notes_height(d, r, s, keys);
        if (!memo) return h > now.h ? h : now.h;
        *memo = now;
    }
    return h > memo->h ? h : memo->h;
}

static double throughput(const Scene *s)
{
    const TickState *cur = hist_cur(s->h);
    int64_t w = cur->tick < 50 ? cur->tick : 50;
    if (w <= 0) return 0;
    int64_t now = 0;
    for (int i = 0; i < cur->n && i < s->sc->nstreams; i++)
        if (s->sc->streams[i].kind == SK_SINK) now += cur->v[i].bytes_done;
    int64_t then = hist_done_at(s->h, cur->tick - w);
    int64_t us = w * (s->sc->tick_us > 0 ? s->sc->tick_us : 1000);
    return (double)(now - then) * 1e6 / (double)us;
}

int panel_play_state(const Draw *d, int x, int cy, int fs, bool playing)
{
    /* Play state as shape and word, so it reads without colour. */
    const Palette *p = d->pal;
    int ic = dp(d, 14);
    if (playing) {
        draw_tri(d, (float)x, (float)(cy - ic / 2), (float)x, (float)(cy + ic / 2), (float)(x + ic), (float)cy, p->heading);
    } else {
        draw_rect(d, (Rect){x, cy - ic / 2, ic / 3, ic}, p->heading);
        draw_rect(d, (Rect){x + ic * 2 / 3, cy - ic / 2, ic / 3, ic}, p->heading);
    }
    x += ic + dp(d, 8);
    x += draw_text(d, FACE_BOLD, fs, p->heading, x, cy, TA_LEFT | TA_MIDDLE, playing ? "playing" : "paused");
    return x + dp(d, 24);
}

void panel_status(const Draw *d, Rect r, const Scene *s)
{
    const Palette *p = d->pal;
    draw_rect(d, r, p->panel);
    draw_rect(d, (Rect){r.x, r.y, r.w, dline(d, 1)}, p->panel_edge);
    const TickState *cur = hist_cur(s->h);
    int pad = dp(d, 14), fs = dfont(d, 15);
    int cy = rect_cy(r), x = r.x + pad;
    char a[48], b[48], line[200];

    x = panel_play_state(d, x, cy, fs, s->playing);
    /* The modes say so where the tick is read. */
    const char *mode = s->micro                 ? "INSIDE THE TICK"
                       : s->quiz && s->quiz->on ? "CLASS MODE"
                       : s->held_note           ? "WAITING AT A NOTE"
                       : !s->autostop           ? "NO STOPS AT NOTES (A)"
                                                : NULL;
    if (mode) {
        int mw, mh;
        text_size(d->tc, FACE_BOLD, dfont(d, 13), mode, &mw, &mh);
        Rect m = {x, cy - dp(d, 11), mw + dp(d, 16), dp(d, 22)};
        draw_round(d, m, dp(d, 5), p->marker);
        Rgba ink = palette_ink_on(p->marker);
        draw_text(d, FACE_BOLD, dfont(d, 13), ink, rect_cx(m), rect_cy(m), TA_CENTER | TA_MIDDLE, mode);
        x += m.w + dp(d, 20);
    }

    snprintf(line, sizeof line, "tick %s / %s", fmt_int(cur->tick, a, sizeof a),
             fmt_int(sim_ticks(hist_sim(s->h)), b, sizeof b));
    x += draw_text(d, FACE_BOLD, fs, p->text, x, cy, TA_LEFT | TA_MIDDLE, line) + dp(d, 24);
    int64_t tick_us = s->sc->tick_us > 0 ? s->sc->tick_us : 1000;
    snprintf(line, sizeof line, "t = %s", fmt_duration(cur->tick * tick_us, a, sizeof a));
    x += draw_text(d, FACE_SANS, fs, p->text, x, cy, TA_LEFT | TA_MIDDLE, line) + dp(d, 24);
    snprintf(line, sizeof line, "through %s", fmt_rate(throughput(s), a, sizeof a));
    x += draw_text(d, FACE_SANS, fs, p->text, x, cy, TA_LEFT | TA_MIDDLE, line) + dp(d, 24);

    if (s->speed_name) snprintf(line, sizeof line, "speed %s · %g ticks/s", s->speed_name, s->speed);
    else snprintf(line, sizeof line, "speed %g ticks/s", s->speed);
    int sw, sh;
    text_size(d->tc, FACE_SANS, fs, line, &sw, &sh);
    if (x + sw < r.x + r.w - pad) draw_text(d, FACE_SANS, fs, p->text_dim, r.x + r.w - pad, cy, TA_RIGHT | TA_MIDDLE, line);
}

void panel_scrub(const Draw *d, Rect area, Rect track, const Scene *s)
{
    const Palette *p = d->pal;
    draw_rect(d, area, p->panel);
    const TickState *cur = hist_cur(s->h);
    int64_t ticks = sim_ticks(hist_sim(s->h));
    if (ticks < 1) ticks = 1;
    draw_round(d, track, track.h / 2, p->scrub_bg);
    int cx = track.x + (int)((double)cur->tick / (double)ticks * track.w);
    if (cx > track.x) draw_round(d, (Rect){track.x, track.y, cx - track.x, track.h}, track.h / 2, p->scrub_fill);
    /* Where the run ends early (finished or died), the rest is hatched; while
     * the look-ahead is still exploring, the unexplored rest is dimmed. */
    int64_t end = hist_end(s->h);
    if (end >= 0 && end < ticks) {
        int ex = track.x + (int)((double)end / (double)ticks * track.w);
        draw_hatch(d, (Rect){ex, track.y, track.x + track.w - ex, track.h}, dp(d, 8), dp(d, 2), p->panel_edge);
    } else if (end < 0) {
        int kx = track.x + (int)((double)hist_known(s->h) / (double)ticks * track.w);
        draw_rect(d, (Rect){kx, track.y, track.x + track.w - kx, track.h}, rgba_alpha(p->bg, 150));
    }
    /* Narration marks: the [ and ] keys jump between them. */
    int m = dp(d, 6);
    for (int i = 0; i < s->sc->nactions; i++) {
        if (s->sc->actions[i].kind != ACT_NOTE) continue;
        int x = track.x + (int)((double)s->sc->actions[i].at / (double)ticks * track.w);
        draw_tri(d, (float)(x - m), (float)(track.y - m - dp(d, 2)), (float)(x + m), (float)(track.y - m - dp(d, 2)),
                 (float)x, (float)(track.y + dp(d, 1)), p->marker);
    }
    /* Class mode: a ringed dot where each question stops the playback. */
    if (s->quiz && s->quiz->on)
        for (int i = 0; i < s->sc->nquestions; i++) {
            int x = track.x + (int)((double)(s->sc->questions[i].at - 1) / (double)ticks * track.w);
            int y = track.y - m - dp(d, 2);
            draw_disc(d, x, y, dp(d, 6), p->done);
            draw_ring(d, x, y, dp(d, 6), dline(d, 2), p->heading);
        }
    int kr = track.h / 2 + dp(d, 4);
    draw_disc(d, cx, rect_cy(track), kr, p->scrub_knob);
    draw_ring(d, cx, rect_cy(track), kr, dline(d, 2), p->bg);
}

typedef struct {
    const LoggedEvent *le;
    EvImportance imp;
    char desc[256];
    int same;        /* alike events of one tick folded into this row */
    bool now;        /* of the displayed tick */
    bool step;       /* among the events of the story's current step */
} LogRow;

/* The story hides the events of the displayed tick not yet played; ord is
 * an event's place among the tick's events (notes not counted, as in Micro). */
static bool log_hidden(const Scene *s, const LoggedEvent *le, int ord)
{
    return scene_story_on(s) && le->ev.tick == s->story->m.tick && ord >= s->story->pos;
}

/* Up to max rows, newest first, folding runs of alike events ("write() → false ×8"). */
static int log_rows(const Scene *s, LogRow *rows, int max)
{
    int n = 0, i = 0;
    int64_t now = hist_cur(s->h)->tick;
    int total_now = 0;
    for (int k = 0;; k++) {
        const LoggedEvent *le = hist_log(s->h, k);
        if (!le || le->ev.tick != now) break;
        total_now += le->ev.kind != EV_NOTE;
    }
    int ord = total_now;   /* counts down through the displayed tick's events */
    int from = 0, to = 0;
    if (scene_story_on(s)) story_span(s->story, &from, &to);
    while (n < max) {
        const LoggedEvent *le = hist_log(s->h, i++);
        if (!le) break;
        int my = le->ev.tick == now && le->ev.kind != EV_NOTE ? --ord : -1;
        if (log_hidden(s, le, my)) continue;
        LogRow *r = &rows[n];
        r->imp = evtext_describe(hist_sim(s->h), s->sc, &le->ev, le->text, r->desc, sizeof r->desc);
        r->step = scene_story_on(s) && my >= from && my < to;
        /* The step being played always shows, even a detail. */
        if (!s->verbose_log && r->imp == EVI_DETAIL && !r->step) continue;
        r->le = le;
        r->now = le->ev.tick == now;
        r->same = 1;
        for (const LoggedEvent *o; (o = hist_log(s->h, i)) != NULL && o->ev.tick == le->ev.tick; i++) {
            bool alike = o->ev.subject == le->ev.subject && o->ev.kind == le->ev.kind && o->ev.ret == le->ev.ret &&
                         o->ev.bytes == le->ev.bytes && o->ev.act == le->ev.act;
            int oord = o->ev.tick == now && o->ev.kind != EV_NOTE ? ord - 1 : -1;
            bool ostep = scene_story_on(s) && oord >= from && oord < to;
            if (alike && ostep == r->step && !log_hidden(s, o, oord)) {
                if (oord >= 0) ord--;
                r->same++;
                continue;
            }
            /* Hidden events in between do not break a run. */
            char tmp[256];
            if (!log_hidden(s, o, oord) &&
                (s->verbose_log || evtext_describe(hist_sim(s->h), s->sc, &o->ev, o->text, tmp, sizeof tmp) != EVI_DETAIL))
                break;
            if (oord >= 0) ord--;
        }
        n++;
    }
    return n;
}

void panel_log(const Draw *d, Rect r, const Scene *s)
{
    const Palette *p = d->pal;
    draw_rect(d, r, p->panel);
    draw_rect(d, (Rect){r.x, r.y, dline(d, 1), r.h}, p->panel_edge);
    int pad = dp(d, 12);
    int y = r.y + dp(d, 8);
    draw_text(d, FACE_BOLD, dfont(d, 15), p->heading, r.x + pad, y, TA_LEFT | TA_TOP, "Events");
    draw_text(d, FACE_SANS, dfont(d, 12), p->text_dim, r.x + r.w - pad, y + dp(d, 2), TA_RIGHT | TA_TOP,
              s->verbose_log ? "oldest first · all (V)" : "oldest first · key events (V: all)");
    y += dp(d, 28);
    int fs = dfont(d, 14), fsmall = dfont(d, 12);
    int lh = fs + dp(d, 8);
    int tick_w = dp(d, 48);
    int max = (r.y + r.h - dp(d, 4) - y) / lh;
    if (max > 64) max = 64;
    if (max < 1) return;
    LogRow rows[64];
    int n = log_rows(s, rows, max);
    if (n == 0) {
        draw_text(d, FACE_SANS, fs, p->text_dim, r.x + pad, y, TA_LEFT | TA_TOP, "nothing yet");
        return;
    }
    char tk[32], line[300];
    /* A row whose name and event do not fit on one line puts the event under
     * the name, wrapped at spaces onto as many lines as it needs (up to
     * LOG_WRAP_MAX), so no event is cut; the newest rows are kept, the oldest
     * give way. */
    enum { LOG_WRAP_MAX = 3 };
    int name_x = r.x + pad + tick_w + dp(d, 13), avail_h = r.y + r.h - dp(d, 4) - y;
    int under[64];   /* 0: the event beside the name; else its lines under it */
    int used = 0, first = n - 1;
    for (int k = 0; k < n; k++) {
        const LogRow *row = &rows[k];
        const char *who = row->le->ev.subject >= 0 && row->le->ev.subject < s->sc->nstreams
                              ? s->sc->streams[row->le->ev.subject].id : "process";
        if (row->same > 1) snprintf(line, sizeof line, "%s  ×%d", row->desc, row->same);
        else snprintf(line, sizeof line, "%s", row->desc);
        Face face = row->imp >= EVI_KEY || row->step ? FACE_BOLD : FACE_SANS;
        int ww, dw, hh;
        text_size(d->tc, FACE_BOLD, fs, who, &ww, &hh);
        text_size(d->tc, face, fs, line, &dw, &hh);
        under[k] = 0;
        if (name_x + (ww > dp(d, 60) ? ww : dp(d, 60)) + dp(d, 8) + dw > r.x + r.w - pad) {
            char wrapped[LOG_WRAP_MAX][300];
            under[k] = text_wrap(d->tc, face, fs, line, r.x + r.w - pad - name_x, &wrapped[0][0], sizeof wrapped[0],
                                 LOG_WRAP_MAX);
            if (under[k] < 1) under[k] = 1;
        }
        int rh = (1 + under[k]) * lh;
        if (used + rh > avail_h) {
            first = k - 1;
            break;
        }
        used += rh;
    }
    if (first < 0) first = 0;
    /* Oldest at the top: within a tick the list reads in trace order, as the
     * story plays it; the newest line is at the bottom. */
    for (int k = first; k >= 0; k--, y += lh) {
        const LogRow *row = &rows[k];
        const LoggedEvent *le = row->le;
        if (row->same > 1) snprintf(line, sizeof line, "%s  ×%d", row->desc, row->same);
        else snprintf(line, sizeof line, "%s", row->desc);
        int rowh = (1 + under[k]) * lh;
        if (row->step) {
            draw_rect(d, (Rect){r.x + dp(d, 2), y - dp(d, 2), r.w - dp(d, 4), rowh}, p->highlight);
            draw_rect(d, (Rect){r.x + dp(d, 2), y - dp(d, 2), dp(d, 4), rowh}, p->marker);
        } else if (row->now) {
            draw_rect(d, (Rect){r.x + dp(d, 4), y - dp(d, 2), r.w - dp(d, 8), rowh}, rgba_alpha(p->highlight, 200));
        }
        Rgba ink = row->imp == EVI_ALARM ? p->error : row->imp == EVI_KEY ? p->heading : p->text;
        if (!row->now && k > 6 && row->imp != EVI_ALARM) ink = rgba_mix(ink, p->panel, PAL_RECEDE);   /* alarms never fade */
        snprintf(tk, sizeof tk, "%lld", (long long)le->ev.tick);
        draw_text(d, FACE_MONO, fsmall, p->text_dim, r.x + pad + tick_w - dp(d, 8), y + dp(d, 2), TA_RIGHT | TA_TOP, tk);
        int x = r.x + pad + tick_w;
        const char *who = le->ev.subject >= 0 && le->ev.subject < s->sc->nstreams ? s->sc->streams[le->ev.subject].id
                                                                                   : "process";
        if (le->ev.subject >= 0) draw_rect(d, (Rect){x, y + dp(d, 4), dp(d, 8), dp(d, 10)}, palette_series(p, le->ev.subject));
        x += dp(d, 13);
        int ww = draw_text_fit(d, FACE_BOLD, fs, ink, x, y, TA_LEFT | TA_TOP, r.x + r.w - pad - x, who);
        x += (ww > dp(d, 60) ? ww : dp(d, 60)) + dp(d, 8);
        Face face = row->imp >= EVI_KEY || row->step ? FACE_BOLD : FACE_SANS;
        if (under[k] == 0) {
            draw_text_fit(d, face, fs, ink, x, y, TA_LEFT | TA_TOP, r.x + r.w - pad - x, line);
            continue;
        }
        char wrapped[LOG_WRAP_MAX][300];
        int nl = text_wrap(d->tc, face, fs, line, r.x + r.w - pad - name_x, &wrapped[0][0], sizeof wrapped[0],
                           LOG_WRAP_MAX);
        for (int i = 0; i < nl; i++) {
            y += lh;
            draw_text(d, face, fs, ink, name_x, y, TA_LEFT | TA_TOP, wrapped[i]);
        }
    }
}
