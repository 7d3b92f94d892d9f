/* scene.c - composing a frame (see scene.h). */
#include <stdio.h>

#include "view/bytes.h"
#include "view/card.h"
#include "view/evtext.h"
#include "view/chart.h"
#include "view/microview.h"
#include "view/overlay.h"
#include "view/quizview.h"
#include "view/panels.h"
#include "view/pipes.h"
#include "view/scene.h"

void flashes_reset(Flashes *f, double span)
{
    for (int i = 0; i < SC_MAX_STREAMS; i++) f->drain_at[i] = f->false_at[i] = -1e9;
    f->span = span > 0 ? span : 1;
}

void flashes_note(Flashes *f, const LoggedEvent *ev, int n, double now)
{
    for (int i = 0; i < n; i++) {
        int s = ev[i].ev.subject;
        if (s < 0 || s >= SC_MAX_STREAMS) continue;
        if (ev[i].ev.kind == EV_DRAIN) f->drain_at[s] = now;
        if (ev[i].ev.kind == EV_WROTE && !ev[i].ev.ret) f->false_at[s] = now;
    }
}

static float fade(double at, double now, double span)
{
    double age = now - at;
    if (age < 0 || age >= span) return 0;
    return (float)(1.0 - age / span);
}

float flashes_drain(const Flashes *f, int i, double now) { return fade(f->drain_at[i], now, f->span); }
float flashes_false(const Flashes *f, int i, double now) { return fade(f->false_at[i], now, f->span); }

int scene_hit_card(const Layout *l, int x, int y)
{
    for (int i = 0; i < l->ncards; i++)
        if (rect_has(l->card[i].card, x, y)) return i;
    return -1;
}

Rect scene_scrub_track(const Draw *d, const Layout *l)
{
    Rect a = l->scrub;
    int m = dp(d, 22);
    int h = dp(d, 10);
    return (Rect){a.x + m, a.y + a.h - h - dp(d, 7), a.w - 2 * m, h};
}

int64_t scene_scrub_tick(const Draw *d, const Layout *l, const History *h, int x)
{
    Rect t = scene_scrub_track(d, l);
    int64_t ticks = sim_ticks(hist_sim(h));
    if (t.w <= 0) return 0;
    double f = (double)(x - t.x) / (double)t.w;
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    return (int64_t)(f * (double)ticks + 0.5);
}

Rect scene_death_rect(const Layout *l, const History *h)
{
    const TickState *cur = hist_cur(h);
    if (!cur->finished || (cur->status != SIM_OOM && cur->status != SIM_UNCAUGHT)) return (Rect){0, 0, 0, 0};
    Rect g = l->graph;
    int w = g.w * 3 / 4, hh = g.h / 3;
    if (hh < (int)(90 * l->s)) hh = (int)(90 * l->s);
    if (hh > g.h) hh = g.h;
    return (Rect){g.x + (g.w - w) / 2, g.y + (g.h - hh) / 2, w, hh};
}

static const char *error_code_of(const Scene *s, int i)
{
    /* The newest 'error' of stream i in the log names its code. */
    for (int k = 0; k < hist_log_count(s->h); k++) {
        const LoggedEvent *le = hist_log(s->h, k);
        if (le->ev.subject == i && le->ev.kind == EV_ERROR) return sim_code_name(hist_sim(s->h), le->ev.code);
    }
    return NULL;
}

bool scene_story_on(const Scene *s) { return !s->micro && s->story && s->story->on; }

const TickState *scene_state(const Scene *s)
{
    if (s->micro) return micro_state(s->micro);
    return scene_story_on(s) ? story_state(s->story) : hist_cur(s->h);
}

const LoggedEvent *scene_shown_event(const Scene *s, int k)
{
    if (scene_story_on(s)) {
        /* The story's played events first, then the log before its tick. */
        const Story *st = s->story;
        if (k < st->pos) return &st->m.step[st->pos - 1 - k].ev;
        k -= st->pos;
        int64_t now = st->m.tick;
        for (int i = 0; i < hist_log_count(s->h); i++) {
            const LoggedEvent *le = hist_log(s->h, i);
            if (le->ev.tick == now) continue;
            if (k-- == 0) return le;
        }
        return NULL;
    }
    return hist_log(s->h, k);
}

const LoggedEvent *scene_last_event(const Scene *s, int i, EventKind kind)
{
    for (int k = 0;; k++) {
        const LoggedEvent *le = scene_shown_event(s, k);
        if (!le) return NULL;
        if (le->ev.subject == i && le->ev.kind == kind) return le;
    }
}

int scene_writev_chunks(const Scene *s, int i)
{
    const TickState *cur = scene_state(s);
    if (i >= cur->n || cur->v[i].inflight <= 0 || !s->sc->streams[i].writev) return 0;
    const LoggedEvent *begun = scene_last_event(s, i, EV_BEGIN);
    return begun ? begun->ev.chunks : 0;
}

static bool alike_run(const Story *st, int from, int to)
{
    for (int k = from + 1; k < to; k++) {
        const Event *a = &st->m.step[k].ev.ev, *b = &st->m.step[from].ev.ev;
        if (a->subject != b->subject || a->kind != b->kind || a->ret != b->ret) return false;
    }
    return true;
}

/* "now: 'drain' on socket": what the step shown did, above the cards. */
static void story_line_text(const Scene *s, char *line, size_t len)
{
    const Story *st = s->story;
    int from, to;
    story_span(st, &from, &to);
    char where[96], desc[200];
    story_group_text(st, where, sizeof where);
    if (to > from) {
        const Event *e = &st->m.step[to - 1].ev.ev;
        evtext_describe(st->m.sim, s->sc, e, st->m.step[to - 1].ev.text, desc, sizeof desc);
        const char *who = e->subject >= 0 && e->subject < s->sc->nstreams ? s->sc->streams[e->subject].id : "process";
        if (to - from > 1 && !alike_run(st, from, to)) snprintf(line, len, "%s  ·  up to %s %s", where, who, desc);
        else if (to - from > 1) snprintf(line, len, "%s  ·  %s %s  ×%d", where, who, desc, to - from);
        else snprintf(line, len, "%s  ·  %s %s", where, who, desc);
    } else {
        snprintf(line, len, "%s", where);
    }
}

Rect scene_story_rect(const Draw *d, const Layout *l, const Scene *s)
{
    char line[400];
    story_line_text(s, line, sizeof line);
    int tw, th;
    text_size(d->tc, FACE_BOLD, dfont(d, 16), line, &tw, &th);
    Rect g = l->story.w > 0 ? l->story : l->graph;
    int maxw = g.w - dp(d, 24);
    if (tw > maxw) tw = maxw;
    return (Rect){g.x + (g.w - tw) / 2 - dp(d, 10), g.y + dp(d, 4), tw + dp(d, 20), th + dp(d, 6)};
}

static void draw_story_line(const Draw *d, const Layout *l, const Scene *s)
{
    const Palette *p = d->pal;
    char line[400];
    story_line_text(s, line, sizeof line);
    Rect r = scene_story_rect(d, l, s);
    Rect g = l->story.w > 0 ? l->story : l->graph;
    int fs = dfont(d, 16), maxw = g.w - dp(d, 24);
    draw_round(d, r, dp(d, 6), p->highlight);
    draw_round_frame(d, r, dp(d, 6), dline(d, 1), p->marker);
    draw_text_fit(d, FACE_BOLD, fs, p->heading, r.x + dp(d, 10), rect_cy(r), TA_LEFT | TA_MIDDLE, maxw, line);
}

void scene_draw_run(const Draw *d, const Layout *l, const Scene *s)
{
    const TickState *cur = scene_state(s);
    bool story = scene_story_on(s);
    const TickState *next = s->micro || story ? NULL : hist_next(s->h);
    if (!next) next = cur;
    float alpha = next == cur ? 0.0f : s->alpha;

    pipes_draw(d, l, s->sc, cur);
    for (int i = 0; i < l->ncards && i < cur->n; i++) {
        const StreamDef *was = s->base && i < s->base->nstreams && edit_stream_changed(s->base, s->sc, i)
                                   ? &s->base->streams[i]
                                   : NULL;
        /* In the micro-step the flashes belong to the moment shown, not the whole tick. */
        float drain = s->micro ? 0.0f : flashes_drain(s->fx, i, s->now);
        float wfalse = s->micro ? 0.0f : flashes_false(s->fx, i, s->now);
        const LoggedEvent *drained = s->micro ? NULL : scene_last_event(s, i, EV_DRAIN);
        CardInput in = {&cur->v[i], &next->v[i], alpha, drain, wfalse, s->hover == i,
                        stream_leaked(s->sc, cur->v, cur->n, i), i,
                        cur->v[i].errored ? error_code_of(s, i) : NULL, s->focus == i, was,
                        drained ? drained->ev.tick : -1, scene_writev_chunks(s, i)};
        card_draw(d, &l->card[i], &s->sc->streams[i], &in);
    }
    int nev;
    const LoggedEvent *ev = hist_events(s->h, true, &nev);
    if (next != cur) pipes_draw_chunks(d, l, s->sc, ev, nev, alpha);

    if (l->chart.h > 0) chart_draw_at(d, l->chart, s->h, s->sc, s->scale, cur);
    bytes_draw(d, l->bytes, s, NULL);
    Rect death = scene_death_rect(l, s->h);
    if (death.w > 0 && !s->micro && !story) overlay_death(d, death, s);
    if (story) draw_story_line(d, l, s);
}

void scene_draw(const Draw *d, const Layout *l, const Scene *s)
{
    const Palette *p = d->pal;
    draw_rect(d, (Rect){0, 0, l->w, l->h}, p->bg);
    panel_header(d, l->header, s, l->buttons);
    if (s->edit && !s->banner) editbar_draw(d, l->caption, s->edit);
    else panel_caption(d, l->caption, s, l->buttons);

    scene_draw_run(d, l, s);
    if (l->code.w > 0 && s->code) {
        uint8_t lit[CODE_MAX_LINES];
        int ncur;
        const LoggedEvent *cev = hist_events(s->h, false, &ncur);
        code_active(s->code, s->sc, cev, ncur, lit);
        code_draw(d, l->code, s->code, lit);
    }
    if (s->micro && l->log.w > 0) microview_draw(d, l->log, s->micro, s->sc);
    else if (l->log.w > 0) panel_log(d, l->log, s);
    panel_scrub(d, l->scrub, scene_scrub_track(d, l), s);
    if (l->status.h > 0) panel_status(d, l->status, s);

    if (s->controls) ctl_draw(d, s->controls, &s->ctl);
    if (s->hover >= 0 && !s->show_help && !s->picker) overlay_tooltip(d, l, s);
    if (s->quiz) quizview_draw(d, l, s->sc, s->quiz);
    if (s->toast) overlay_toast(d, l, s->toast);
    if (s->picker) overlay_picker(d, l, s->picker);
    if (s->show_help) overlay_help(d, l);
}
