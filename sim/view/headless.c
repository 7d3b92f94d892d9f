/* headless.c - render, probe, bench and record without a display (see headless.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <SDL_ttf.h>

#include "scenario/scenario_write.h"
#include "view/bytes.h"
#include "view/card.h"
#include "view/chart.h"
#include "view/compare.h"
#include "scenario/datadir.h"
#include "view/gif.h"
#include "view/headless.h"
#include "view/offscreen.h"
#include "view/microview.h"
#include "view/panels.h"
#include "view/png.h"
#include "view/quizview.h"
#include "view/run.h"
#include "view/scene.h"
#include "view/controls.h"
#include "view/story.h"

/* The chart's scale comes from the whole run; beyond this many ticks the
 * run is explored lazily instead (the scale then grows as it goes). */
#define FULL_RUN_TICKS 2000000

typedef struct {
    Run run[COMPARE_RUNS];
    int nruns;
    History *h;            /* run[0].h: the single view's run */
    const Scenario *sc;    /* run[0].sc */
    bool ttf;
    Fonts *fonts;
    Offscreen off;
    Layout l;
    LayoutOpts lo;         /* what l was computed from (the caption's height changes with the tick) */
    CompareLayout cl;
    Draw d;
    Flashes fx[COMPARE_RUNS];
    bool show_code, compare;
    int64_t tick;          /* the displayed tick (compare: the shared clock) */
    Quiz quiz;
    bool class_mode;
    Micro micro;
    bool micro_on;
    Story story;
    bool steps;            /* record: a frame after every event of a tick (the story's steps) */
    EditBar bar;
    bool selected;
    ControlBar controls;   /* the window's control bar, drawn as the window draws it at rest */
    CaptionNotes caption_notes;
} Headless;

static void hl_close(Headless *x)
{
    micro_free(&x->micro);
    story_free(&x->story);
    off_close(&x->off);
    fonts_close(x->fonts);
    for (int i = 0; i < x->nruns; i++) run_close(&x->run[i]);
    if (x->ttf) TTF_Quit();
    memset(x, 0, sizeof *x);
}

/* The live changes of --set, in order. */
static int apply_sets(Headless *x, const FrameOpts *o)
{
    char err[1024];
    Run *r = &x->run[0];
    for (int i = 0; i < o->nsets; i++) {
        Vary v;
        if (vary_parse(o->sets[i], r->sc, &v, err, sizeof err) != 0) {
            fprintf(stderr, "highwater: --set %s: %s\n", o->sets[i], err);
            return 2;
        }
        int rc = 0;
        if (v.count != 1 || v.target.stream < 0) {
            fprintf(stderr, "highwater: --set %s: give one stream parameter and one value (STREAM.PARAM=VALUE)\n",
                    o->sets[i]);
            rc = 2;
        } else if (run_set(r, &v.target, &v.values[0], 0, err, sizeof err) != 0) {
            fprintf(stderr, "highwater: --set %s: %s\n", o->sets[i], err);
            rc = 2;
        }
        vary_free(&v);
        if (rc) return rc;
        hist_extend(r->h, FULL_RUN_TICKS);
    }
    return 0;
}

/* --select STREAM[.PARAM]: the ring and the live-change bar. */
static int apply_select(Headless *x, const char *spec)
{
    const Scenario *sc = x->run[0].sc;
    char id[SC_ID_MAX + 40];
    snprintf(id, sizeof id, "%s", spec);
    char *dot = strchr(id, '.');
    VaryParam param = VP_HWM;
    if (dot) {
        *dot = 0;
        VaryTarget t;
        char err[256];
        if (vary_parse_target(spec, strlen(spec), sc, &t, err, sizeof err) != 0) {
            fprintf(stderr, "highwater: --select %s: %s\n", spec, err);
            return 2;
        }
        param = t.param;
    }
    int i = scenario_find(sc, id);
    if (i < 0) {
        fprintf(stderr, "highwater: --select: no stream '%s'\n", id);
        return 2;
    }
    x->selected = true;
    x->bar = (EditBar){x->run[0].base, sc, i, param, false};
    return 0;
}

/* The runs, with the live changes; --save-yaml is written here. */
static int hl_load(Headless *x, const FrameOpts *o)
{
    char err[1024];
    memset(x, 0, sizeof *x);
    x->compare = o->compare;
    x->nruns = o->compare ? 2 : 1;
    for (int i = 0; i < x->nruns; i++) {
        const char *path = i == 1 && o->file2 ? o->file2 : o->file;
        const char *vary = o->compare && !o->file2 ? o->vary : NULL;
        if (run_open(&x->run[i], path, vary, i, FULL_RUN_TICKS, 0, o->stop, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            x->nruns = i;
            hl_close(x);
            return 2;
        }
    }
    if (o->nsets > 0 && apply_sets(x, o) != 0) {
        hl_close(x);
        return 2;
    }
    x->h = x->run[0].h;
    x->sc = x->run[0].sc;
    if (o->save_yaml && scenario_write_file(o->save_yaml, x->sc, err, sizeof err) != 0) {
        fprintf(stderr, "highwater: %s\n", err);
        hl_close(x);
        return 2;
    }
    if (o->select && apply_select(x, o->select) != 0) {
        hl_close(x);
        return 2;
    }
    return 0;
}

static int hl_open(Headless *x, const FrameOpts *o)
{
    char err[1024], dir[4096], assets[4200];
    int rc = hl_load(x, o);
    if (rc) return rc;
    if (o->datadir) snprintf(dir, sizeof dir, "%s", o->datadir);
    else if (datadir_find(dir, sizeof dir) != 0) {
        fprintf(stderr, "highwater: cannot find the fonts (assets/); looked in %s\n", dir);
        hl_close(x);
        return 2;
    }
    snprintf(assets, sizeof assets, "%s/assets", dir);
    if (TTF_Init() != 0) {
        fprintf(stderr, "highwater: SDL_ttf: %s\n", TTF_GetError());
        hl_close(x);
        return 2;
    }
    x->ttf = true;
    x->fonts = fonts_open(assets, err, sizeof err);
    if (!x->fonts || off_open(&x->off, o->w, o->h, x->fonts, err, sizeof err) != 0) {
        fprintf(stderr, "highwater: %s\n", err);
        hl_close(x);
        return 2;
    }
    x->show_code = o->code;
    x->steps = o->steps && !o->compare;
    x->class_mode = o->class_mode;
    quiz_init(&x->quiz, o->class_mode);
    const Palette *pal = o->projector ? palette_projector() : palette_normal();
    /* A slide is read from further away: larger type, and no status bar.
     * Otherwise the frame is the window's: its palette's type size and its
     * control bar, so what render and the tests see is what a class sees. */
    float s = o->slide ? layout_base_scale(o->w, o->h) * 1.2f : layout_scale(o->w, o->h, 1.0f, pal->ui_scale);
    x->d = (Draw){x->off.r, x->off.tc, pal, s};
    if (x->compare) {
        const Scenario *scs[COMPARE_RUNS] = {x->run[0].sc, x->run[1].sc};
        compare_layout(&x->cl, scs, 2, o->w, o->h, s, (CompareArrange)o->arrange);
    } else {
        x->lo = (LayoutOpts){o->w, o->h, s, o->code, !o->slide, o->micro, !o->slide, 0, o->slide};
        layout_compute(&x->l, x->sc, x->lo);
        if (!o->slide) ctl_layout(&x->d, &x->controls, x->l.controls);
    }
    for (int i = 0; i < COMPARE_RUNS; i++) flashes_reset(&x->fx[i], 0.6);
    return 0;
}

/* The shared clock: every run at tick t, or at its own end if that is sooner. */
static void hl_seek(Headless *x, int64_t t)
{
    int64_t shown = 0;
    for (int i = 0; i < x->nruns; i++) {
        History *h = x->run[i].h;
        hist_seek(h, t < hist_last(h) ? t : hist_last(h));
        if (hist_cur(h)->tick > shown) shown = hist_cur(h)->tick;
    }
    x->tick = shown;
}

static void hl_forward(Headless *x)
{
    for (int i = 0; i < x->nruns; i++)
        if (hist_cur(x->run[i].h)->tick == x->tick) hist_forward(x->run[i].h);
    x->tick++;
}

static bool hl_has_next(Headless *x)
{
    for (int i = 0; i < x->nruns; i++)
        if (hist_next(x->run[i].h)) return true;
    return false;
}

static int64_t hl_last(Headless *x)
{
    int64_t last = 0;
    for (int i = 0; i < x->nruns; i++)
        if (hist_last(x->run[i].h) > last) last = hist_last(x->run[i].h);
    return last;
}

static void hl_note_flashes(Headless *x, double now)
{
    for (int i = 0; i < x->nruns; i++) {
        if (hist_cur(x->run[i].h)->tick != x->tick) continue;
        int n;
        const LoggedEvent *ev = hist_events(x->run[i].h, false, &n);
        flashes_note(&x->fx[i], ev, n, now);
    }
}

/* The story of `tick` at event k (STEP_LAST: its last), with that event's
 * flashes at full strength. Returns 0, or 2 with a message. */
static int hl_story_at(Headless *x, int64_t tick, int k)
{
    if (story_begin(&x->story, x->h, tick, 10, false) != 0) {
        fprintf(stderr, "highwater render: tick %lld has no events to step through\n", (long long)tick);
        return 2;
    }
    if (k == STEP_LAST) k = x->story.m.n;
    if (k < 1 || k > x->story.m.n) {
        fprintf(stderr, "highwater render: --step %d: tick %lld has %d event%s (--step 1..%d or last)\n", k,
                (long long)tick, x->story.m.n, x->story.m.n == 1 ? "" : "s", x->story.m.n);
        return 2;
    }
    story_seek_event(&x->story, k);
    flashes_reset(&x->fx[0], 0.6);
    flashes_note(&x->fx[0], &x->story.m.step[k - 1].ev, 1, 0);
    return 0;
}

static void fill_scene(Headless *x, int i, Scene *sc, float alpha, double now)
{
    memset(sc, 0, sizeof *sc);
    Run *r = &x->run[i];
    sc->h = r->h;
    sc->sc = r->sc;
    sc->file = NULL;
    sc->alpha = alpha;
    sc->fx = &x->fx[i];
    sc->now = now;
    sc->code = &r->code;
    sc->speed = 20;
    sc->speed_name = "normal";
    sc->show_code = x->show_code;
    sc->hover = -1;
    sc->focus = -1;
    sc->base = run_changed(r) ? r->base : NULL;
    sc->stale_from = r->diverged;
    sc->written_for = r->written_for;
}

static void single_scene(Headless *x, Scene *scp, float alpha, double now);

static void hl_draw(Headless *x, float alpha, double now)
{
    if (x->compare) {
        CompareScene cs;
        memset(&cs, 0, sizeof cs);
        cs.n = x->nruns;
        for (int i = 0; i < x->nruns; i++) {
            fill_scene(x, i, &cs.pane[i], alpha, now);
            cs.label[i] = x->run[i].label;
            cs.file[i] = x->run[i].path;
        }
        ChartScale scale = {0, 0};
        for (int i = 0; i < x->nruns; i++) {
            int64_t top = chart_top(x->run[i].h), tk = sim_ticks(hist_sim(x->run[i].h));
            if (top > scale.top) scale.top = top;
            if (tk > scale.xmax) scale.xmax = tk;
        }
        for (int i = 0; i < x->nruns; i++) cs.pane[i].scale = &scale;
        char title[200];
        compare_title(x->run[0].base, x->run[1].base, x->run[0].vary != NULL, title, sizeof title);
        cs.title = title;
        cs.tick = x->tick;
        cs.ticks = scale.xmax;
        cs.speed = 20;
        cs.speed_name = "normal";
        cs.hover_pane = -1;
        compare_draw(&x->d, &x->cl, &cs);
    } else {
        Scene sc;
        single_scene(x, &sc, alpha, now);
        /* The caption takes the height its narration needs; the diagram yields it. */
        int need = panel_caption_height(&x->d, x->l.caption.w, &sc, x->l.buttons, &x->caption_notes);
        if (need != x->lo.caption_h) {
            x->lo.caption_h = need;
            layout_compute(&x->l, x->sc, x->lo);
            if (x->controls.n > 0) ctl_layout(&x->d, &x->controls, x->l.controls);
        }
        scene_draw(&x->d, &x->l, &sc);
    }
    text_frame_end(x->off.tc);
}

/* The single view's Scene, with its modes. */
static void single_scene(Headless *x, Scene *scp, float alpha, double now)
{
    {
        Scene sc;
        fill_scene(x, 0, &sc, alpha, now);
        if (x->class_mode) sc.quiz = &x->quiz;
        if (x->micro_on) {
            sc.micro = &x->micro;
            sc.focus = micro_focus(&x->micro);
        }
        if (x->story.on) sc.story = &x->story;
        sc.autostop = true;
        if (x->controls.n > 0) {
            int ord, total = 0;
            scene_note(x->sc, 0, &ord, &total);
            sc.controls = &x->controls;
            sc.ctl = (CtlState){false, 1, true, true, x->class_mode, total > 0, -1, -1};
        }
        if (x->selected) {
            x->bar.base = x->run[0].base;
            x->bar.sc = x->run[0].sc;
            sc.edit = &x->bar;
            sc.focus = x->bar.stream;
        }
        *scp = sc;
    }
}

static void rect_kv(const char *key, Rect r)
{
    printf("%s=%d,%d,%d,%d\n", key, r.x, r.y, r.w, r.h);
}

static const char *light_name(LightState s)
{
    static const char *const n[] = {"none", "flowing", "paused", "idle", "ended", "destroyed"};
    return n[s];
}

static const char *const status_name[] = {"running", "done", "oom", "uncaught"};

static void probe_cards(const Layout *l, const Scenario *sc, const TickState *cur, const Draw *d, const char *prefix)
{
    for (int i = 0; i < l->ncards && i < cur->n; i++) {
        const StreamDef *def = &sc->streams[i];
        const StreamView *v = &cur->v[i];
        const CardBox *b = &l->card[i];
        char key[128];
        snprintf(key, sizeof key, "%scard.%s", prefix, def->id);
        rect_kv(key, b->card);
        for (int side = 0; side < 2; side++) {
            if (b->tank[side].w <= 0) continue;
            const char *sn = side == SIDE_R ? "r" : "w";
            TankScale ts = card_tank_scale(def, v, side);
            snprintf(key, sizeof key, "%stank.%s.%s", prefix, def->id, sn);
            rect_kv(key, b->tank[side]);
            printf("%s.hwm=%lld\n%s.cap=%lld\n%s.len=%lld\n", key, (long long)ts.hwm, key, (long long)ts.cap, key,
                   (long long)(side == SIDE_R ? v->rlen : v->wlen));
            snprintf(key, sizeof key, "%sover.%s.%s", prefix, def->id, sn);
            rect_kv(key, b->over[side]);
        }
        if (b->light.w > 0) {
            snprintf(key, sizeof key, "%slight.%s", prefix, def->id);
            rect_kv(key, b->light);
            printf("%s.state=%s\n", key, light_name(card_light(v)));
        }
    }
    (void)d;
}

static void probe_compare(Headless *x)
{
    printf("compare.panes=%d\ncompare.side=%d\ncompare.tick=%lld\n", x->nruns, x->cl.side_by_side ? 1 : 0,
           (long long)x->tick);
    ChartScale scale = {0, 0};
    for (int i = 0; i < x->nruns; i++) {
        int64_t top = chart_top(x->run[i].h), tk = sim_ticks(hist_sim(x->run[i].h));
        if (top > scale.top) scale.top = top;
        if (tk > scale.xmax) scale.xmax = tk;
    }
    for (int i = 0; i < x->nruns; i++) {
        const Layout *l = &x->cl.pane[i];
        const History *h = x->run[i].h;
        const TickState *cur = hist_cur(h);
        char key[64];
        snprintf(key, sizeof key, "pane.%d", i);
        rect_kv(key, l->main);
        printf("pane.%d.label=%s\npane.%d.tick=%lld\npane.%d.status=%s\npane.%d.streams=%d\n", i,
               x->run[i].label[0] ? x->run[i].label : x->run[i].sc->name, i, (long long)cur->tick, i,
               status_name[cur->status], i, l->ncards);
        snprintf(key, sizeof key, "pane.%d.graph", i);
        rect_kv(key, l->graph);
        ChartGeom g = chart_geom_shared(&x->d, l->chart, h, &scale);
        snprintf(key, sizeof key, "pane.%d.chart.plot", i);
        rect_kv(key, g.plot);
        printf("pane.%d.chart.ymax=%lld\npane.%d.chart.xmax=%lld\n", i, (long long)g.ymax, i, (long long)g.xmax);
        snprintf(key, sizeof key, "pane.%d.", i);
        probe_cards(l, x->run[i].sc, cur, &x->d, key);
    }
}

static void probe(Headless *x, const FrameOpts *o)
{
    const Palette *p = x->d.pal;
    printf("size=%dx%d\nscale=%g\npalette=%s\n", o->w, o->h, x->d.s, p->name);
    struct { const char *k; Rgba c; } cols[] = {
        {"fill", p->fill}, {"fill_over", p->fill_over}, {"fill_log", p->fill_log}, {"hwm_line", p->hwm_line},
        {"tank_bg", p->tank_bg}, {"flowing", p->flowing}, {"paused", p->paused}, {"error", p->error},
        {"bg", p->bg}, {"marker", p->marker}, {"done", p->done}, {"panel", p->panel},
        {"card", p->card}, {"heading", p->heading}, {"drain", p->drain}, {"tank_edge", p->tank_edge},
    };
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        char hex[7];
        palette_hex(cols[i].c, hex);
        printf("color.%s=%s\n", cols[i].k, hex);
    }
    for (int i = 0; i < PAL_SERIES; i++) {
        char hex[7];
        palette_hex(p->series[i], hex);
        printf("color.series.%d=%s\n", i, hex);
    }
    printf("tank.line=%d\n", tank_line_px(&x->d));
    if (x->compare) {
        probe_compare(x);
        return;
    }
    const TickState *cur = x->micro_on ? micro_state(&x->micro) : x->story.on ? story_state(&x->story) : hist_cur(x->h);
    printf("tick=%lld\nstatus=%s\n", (long long)cur->tick, status_name[cur->status]);
    Rect death = scene_death_rect(&x->l, x->h);
    printf("dead=%d\n", death.w > 0);
    if (death.w > 0) rect_kv("death", death);
    probe_cards(&x->l, x->sc, cur, &x->d, "");
    ChartGeom g = chart_geom(&x->d, x->l.chart, x->h);
    rect_kv("chart.plot", g.plot);
    printf("chart.ymax=%lld\nchart.xmax=%lld\n", (long long)g.ymax, (long long)g.xmax);
    printf("chart.now=%lld\nchart.peak=%lld\n", (long long)cur->mem.total, (long long)chart_peak_at(x->h, cur));
    if (x->class_mode) {
        const QuestionDef *q = quiz_question(&x->quiz, x->sc);
        printf("quiz.question=%d\nquiz.phase=%s\n", q ? x->quiz.q + 1 : 0,
               x->quiz.phase == QUIZ_ASK ? "ask" : x->quiz.phase == QUIZ_REVEAL ? "reveal" : "none");
        if (q) {
            rect_kv("quiz.box", quizview_rect(&x->d, &x->l, x->sc, &x->quiz));
            printf("quiz.at=%lld\n", (long long)q->at);
        }
    }
    if (x->l.bytes.w > 0) {
        /* Where the byte strip drew each U+FFFD (drawn again: the same pixels). */
        Scene sc;
        BytesMarks bm;
        single_scene(x, &sc, 0, 0);
        bytes_draw(&x->d, x->l.bytes, &sc, &bm);
        rect_kv("bytes", x->l.bytes);
        printf("bytes.fffd=%d\n", bm.n);
        for (int i = 0; i < bm.n; i++) {
            char key[64];
            snprintf(key, sizeof key, "bytes.fffd.%d", i + 1);
            rect_kv(key, bm.mark[i]);
            printf("%s.lane=%s\n", key, x->sc->streams[bm.lane[i]].id);
        }
    }
    if (x->story.on) {
        int from, to;
        story_span(&x->story, &from, &to);
        printf("story.tick=%lld\nstory.events=%d\nstory.pos=%d\nstory.step=%d\nstory.steps=%d\n",
               (long long)x->story.m.tick, x->story.m.n, x->story.pos, x->story.step, x->story.nsteps);
        if (to > 0) {
            const Event *e = &x->story.m.step[to - 1].ev.ev;
            printf("story.event=%s %s\n",
                   e->subject >= 0 && e->subject < x->sc->nstreams ? x->sc->streams[e->subject].id : "-",
                   event_kind_name(e->kind));
        }
        Scene sc;
        single_scene(x, &sc, 0, 0);
        rect_kv("story.line", scene_story_rect(&x->d, &x->l, &sc));
        for (int i = 0; i < x->l.ncards; i++) {
            char key[128];
            snprintf(key, sizeof key, "tag.%s", x->sc->streams[i].id);
            rect_kv(key, x->l.card[i].tag);
        }
    }
    if (!x->micro_on) {
        Scene sc;
        single_scene(x, &sc, 0, 0);
        for (int i = 0; i < x->sc->nstreams && i < cur->n; i++)
            if (x->sc->streams[i].kind != SK_SOURCE)
                printf("work.%s.call=%s\n", x->sc->streams[i].id,
                       card_work_call(&x->sc->streams[i], &cur->v[i], scene_writev_chunks(&sc, i)));
    }
    if (x->micro_on) {
        const PendingWork *w;
        int n = micro_pending(&x->micro, &w);
        printf("micro.tick=%lld\nmicro.events=%d\nmicro.pos=%d\nmicro.focus=%d\nmicro.pending=%d\n",
               (long long)x->micro.tick, x->micro.n, x->micro.pos, micro_focus(&x->micro), n);
        rect_kv("micro.panel", x->l.log);
        rect_kv("micro.queue", microview_queue_rect(&x->d, x->l.log));
        for (int i = 0; i < n; i++)
            printf("micro.pending.%d=%s %s %s\n", i + 1, w[i].microtask ? "promise" : "nextTick", w[i].what,
                   w[i].stream >= 0 && w[i].stream < x->sc->nstreams ? x->sc->streams[w[i].stream].id : "-");
        /* The tick's events in the order they happened, as the trace names them. */
        for (int i = 0; i < x->micro.n; i++) {
            const Event *e = &x->micro.step[i].ev.ev;
            printf("micro.event.%d=%s %s\n", i + 1,
                   e->subject >= 0 && e->subject < x->sc->nstreams ? x->sc->streams[e->subject].id : "-",
                   event_kind_name(e->kind));
        }
    }
    for (int i = 0; i < x->sc->nstreams; i++) {
        VaryParam ps[EDIT_MAX_PARAMS];
        int n = edit_params(x->sc, i, ps);
        for (int k = 0; k < n; k++) {
            VaryValue was;
            VaryTarget t;
            if (!edit_differs(x->run[0].base, x->sc, i, ps[k], &was) || !edit_target(x->sc, i, ps[k], &t)) continue;
            VaryValue now = vary_get(x->sc, &t);
            printf("changed.%s.%s=%lld was=%lld\n", x->sc->streams[i].id, vary_param_name(ps[k]), (long long)now.n,
                   (long long)was.n);
        }
    }
    if (x->selected) printf("selected=%s\n", x->sc->streams[x->bar.stream].id);
    /* The caption's note, and whether a live change made it a text about other values. */
    int ord, total;
    const Run *r0 = &x->run[0];
    int note = scene_note(x->sc, hist_cur(x->h)->tick, &ord, &total);
    printf("caption.note=%d\n", note >= 0 ? ord : 0);
    if (run_changed(r0)) {
        printf("edit.diverged=%lld\nedit.written_for=%s\n", (long long)r0->diverged, r0->written_for);
        printf("caption.stale=%d\n", note >= 0 && run_text_stale(r0, x->sc->actions[note].at));
    }
}

static int write_png(Headless *x, const char *out)
{
    int pitch;
    const uint32_t *px = off_pixels(&x->off, &pitch);
    char err[1200];
    if (png_write_argb(out, px, x->off.w, x->off.h, pitch, err, sizeof err) != 0) {
        fprintf(stderr, "highwater: %s\n", err);
        return 2;
    }
    return 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void report(const char *what, double *ms, int n, int w, int h)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("bench %s frames=%d size=%dx%d median_ms=%.2f p90_ms=%.2f max_ms=%.2f\n", what, n, w, h, ms[n / 2],
           ms[n * 9 / 10], ms[n - 1]);
}

/* Frame times, in CPU time of this thread so a busy machine does not
 * inflate them. "play": consecutive ticks, three frames each with chunks
 * moving between them, as the window draws at normal speed. "seek": frames
 * spread over the whole run, so every frame has new numbers to typeset. */
static void bench(Headless *x, int n)
{
    double *ms = malloc(sizeof *ms * (size_t)n);
    if (!ms) return;
    int pitch;
    hl_seek(x, 0);
    for (int i = 0; i < n; i++) {
        if (i % 3 == 0 && i > 0) {
            if (!hl_has_next(x)) hl_seek(x, 0);
            else hl_forward(x);
        }
        double t0 = thread_cpu_ms();
        hl_draw(x, (float)(i % 3) / 3.0f, 0);
        off_pixels(&x->off, &pitch);
        ms[i] = thread_cpu_ms() - t0;
    }
    report("play", ms, n, x->off.w, x->off.h);
    int64_t last = hl_last(x);
    for (int i = 0; i < n; i++) {
        hl_seek(x, last * i / (n > 1 ? n - 1 : 1));
        double t0 = thread_cpu_ms();
        hl_draw(x, 0.5f, 0);
        off_pixels(&x->off, &pitch);
        ms[i] = thread_cpu_ms() - t0;
    }
    report("seek", ms, n, x->off.w, x->off.h);
    free(ms);
}

int headless_save(const FrameOpts *o)
{
    Headless x;
    int rc = hl_load(&x, o);
    if (!rc) hl_close(&x);
    return rc;
}

int headless_render(const FrameOpts *o, int64_t tick, float alpha, const char *out, bool want_probe, int nbench)
{
    Headless x;
    int rc = hl_open(&x, o);
    if (rc) return rc;
    int64_t at = tick;
    if (o->class_mode && !o->compare) {
        /* Class mode stops before a question's tick; revealed, it shows that tick. */
        int q = -1;
        if (o->reveal) {
            for (int i = 0; i < x.sc->nquestions && q < 0; i++)
                if (x.sc->questions[i].at == tick) q = i;
        } else {
            q = quiz_gate(&x.quiz, x.sc, tick);
        }
        if (q >= 0) {
            quiz_ask(&x.quiz, q, false);
            quiz_pick(&x.quiz, x.sc, o->pick - 1);
            if (o->reveal) quiz_reveal(&x.quiz);
        }
    }
    if (at > hl_last(&x)) {
        fprintf(stderr, "highwater render: --tick %lld is past the run's last tick %lld\n", (long long)at,
                (long long)hl_last(&x));
        hl_close(&x);
        return 2;
    }
    hl_seek(&x, at);
    if (o->micro && !o->compare) {
        if (micro_capture(&x.micro, x.h, hist_cur(x.h)->tick) != 0) {
            fprintf(stderr, "highwater: cannot replay tick %lld\n", (long long)hist_cur(x.h)->tick);
            hl_close(&x);
            return 2;
        }
        micro_seek(&x.micro, o->micro_pos);
        x.micro_on = true;
    }
    if (o->step != 0 && !o->compare && !o->micro) {
        rc = hl_story_at(&x, hist_cur(x.h)->tick, o->step);
        if (rc) {
            hl_close(&x);
            return rc;
        }
    } else {
        hl_note_flashes(&x, 0);
    }
    hl_draw(&x, x.story.on ? 0 : alpha, 0);
    if (out) rc = write_png(&x, out);
    if (!rc && want_probe) probe(&x, o);
    if (!rc && nbench > 0) bench(&x, nbench);
    hl_close(&x);
    return rc;
}

static int ensure_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) == 0) return S_ISDIR(st.st_mode) ? 0 : -1;
    return mkdir(dir, 0777);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcasecmp(s + a - b, suffix);
}

/* Draws the frames of ticks from..to, calling emit for each. */
typedef int (*FrameFn)(Headless *x, void *user, int64_t tick, int sub, int index);

#define STOPPED 130   /* exit status of a recording stopped by Ctrl-C, as a shell reports SIGINT */

static int each_frame(Headless *x, int64_t from, int64_t to, double fps, int per_tick, FrameFn fn, void *user,
                      const volatile sig_atomic_t *stop, int64_t *at)
{
    hl_seek(x, from);
    int index = 0;
    for (int64_t t = from; t <= to; t++) {
        *at = t;
        if (stop && *stop) return STOPPED;
        if (t > from) hl_forward(x);
        if (x->steps && story_begin(&x->story, x->h, t, 10, false) == 0) {
            /* The tick told step by step, as the window plays it: one frame
             * after each event; the last one is the tick's end. */
            int rc = 0;
            for (int k = 1; k <= x->story.m.n && !rc; k++, index++) {
                story_seek_event(&x->story, k);
                flashes_note(&x->fx[0], &x->story.m.step[k - 1].ev, 1, (double)index / fps);
                hl_draw(x, 0, (double)index / fps);
                rc = fn(x, user, t, k, index);
            }
            story_stop(&x->story);
            if (rc) return rc;
            continue;
        }
        hl_note_flashes(x, (double)index / fps);
        for (int k = 0; k < per_tick; k++, index++) {
            /* The last tick has nothing to move toward: one frame is enough. */
            if (k > 0 && !hl_has_next(x)) break;
            hl_draw(x, (float)k / (float)per_tick, (double)index / fps);
            int rc = fn(x, user, t, k, index);
            if (rc) return rc;
        }
    }
    return 0;
}

typedef struct {
    const char *dir;
    int per_tick;
} PngDir;

static int png_frame(Headless *x, void *user, int64_t tick, int sub, int index)
{
    const PngDir *pd = user;
    char path[4200];
    (void)sub;
    if (pd->per_tick == 1) snprintf(path, sizeof path, "%s/tick-%06lld.png", pd->dir, (long long)tick);
    else snprintf(path, sizeof path, "%s/frame-%06d.png", pd->dir, index);
    return write_png(x, path);
}

typedef struct {
    GifOut *g;
    int delay;
} GifJob;

static int gif_add(Headless *x, void *user, int64_t tick, int sub, int index)
{
    GifJob *j = user;
    char err[1200];
    int pitch;
    const uint32_t *px = off_pixels(&x->off, &pitch);
    (void)tick;
    (void)sub;
    (void)index;
    if (gif_frame(j->g, px, pitch, j->delay, err, sizeof err) != 0) {
        fprintf(stderr, "highwater: %s\n", err);
        return 2;
    }
    return 0;
}

/* The GIF colour map is built from the first, middle and last frames. */
static GifOut *gif_start(Headless *x, const char *out, int64_t from, int64_t to)
{
    int64_t ticks[3] = {from, from + (to - from) / 2, to};
    uint32_t *buf[3] = {NULL, NULL, NULL};
    size_t size = (size_t)x->off.w * (size_t)x->off.h * 4;
    GifOut *g = NULL;
    char err[1200];
    for (int i = 0; i < 3; i++) {
        buf[i] = malloc(size);
        if (!buf[i]) goto done;
        hl_seek(x, ticks[i]);
        hl_draw(x, 0, 0);
        int pitch;
        const uint32_t *px = off_pixels(&x->off, &pitch);
        for (int y = 0; y < x->off.h; y++)
            memcpy((uint8_t *)buf[i] + (size_t)y * (size_t)x->off.w * 4, (const uint8_t *)px + (size_t)y * (size_t)pitch,
                   (size_t)x->off.w * 4);
    }
    g = gif_open(out, x->off.w, x->off.h, (const uint32_t *const *)buf, 3, x->off.w * 4, err, sizeof err);
    if (!g) fprintf(stderr, "highwater: %s\n", err);
done:
    for (int i = 0; i < 3; i++) free(buf[i]);
    return g;
}

#define ESTIMATE_FRAMES 25   /* frames encoded for real to estimate a GIF's size */

/* The GIF's size in bytes, estimated by encoding its first frames for real
 * (each frame stores only what changed, so the sample is of consecutive
 * frames). -1 when the sample could not be written. */
static long long gif_estimate(Headless *x, int64_t from, int64_t to, double fps, int per_tick)
{
    int64_t last = to - from < ESTIMATE_FRAMES - 1 ? to : from + ESTIMATE_FRAMES - 1;
    char dir[] = "/tmp/highwater-estimate-XXXXXX", path[64], err[1200];
    if (!mkdtemp(dir)) return -1;
    snprintf(path, sizeof path, "%s/sample.gif", dir);
    long long size = -1;
    int64_t at = from;
    GifJob j = {gif_start(x, path, from, last), (int)(100.0 / fps + 0.5)};
    if (j.g) {
        if (each_frame(x, from, last, fps, per_tick, gif_add, &j, NULL, &at) != 0) gif_abort(j.g);
        else if (gif_close(j.g, err, sizeof err) == 0) {
            struct stat st;
            if (stat(path, &st) == 0) size = (long long)st.st_size;
        }
    }
    remove(path);
    rmdir(dir);
    if (size < 0) return -1;
    long long sampled = (long long)(last - from + 1) * per_tick, total = (long long)(to - from + 1) * per_tick;
    return size * total / sampled;
}

int headless_record(const FrameOpts *o, int64_t from, int64_t to, double fps, int per_tick, const char *out,
                    const volatile sig_atomic_t *stop)
{
    int64_t at = from;
    Headless x;
    int rc = hl_open(&x, o);
    if (rc) return rc;
    if (o->stop.fn && o->stop.fn(o->stop.user)) {
        /* The look-ahead was cut short: its end is not the run's. */
        fprintf(stderr, "highwater record: interrupted at tick %lld of the run, before the first frame; nothing written\n",
                (long long)hist_known(x.h));
        hl_close(&x);
        return STOPPED;
    }
    int64_t last = hl_last(&x);
    if (to < 0 || to > last) to = last;
    if (from < 0) from = 0;
    if (from > to) {
        fprintf(stderr, "highwater record: --from %lld is after the run's last tick %lld\n", (long long)from,
                (long long)to);
        hl_close(&x);
        return 2;
    }
    if (per_tick < 1) per_tick = 1;
    if (ends_with(out, ".gif") && o->max_bytes > 0) {
        long long est = gif_estimate(&x, from, to, fps, per_tick);
        if (est > o->max_bytes) {
            fprintf(stderr,
                    "highwater record: %s would be about %.1f MB (%lld frames), over the %.0f MB a slide should take; "
                    "record less (--note K, --from/--to, --size) or add --force\n",
                    out, (double)est / 1e6, (long long)(to - from + 1) * per_tick, (double)o->max_bytes / 1e6);
            hl_close(&x);
            return 2;
        }
        if (est > 0) fprintf(stderr, "highwater record: about %.1f MB\n", (double)est / 1e6);
    }
    if (ends_with(out, ".gif")) {
        GifJob j = {gif_start(&x, out, from, to), (int)(100.0 / fps + 0.5)};
        if (!j.g) rc = 2;
        if (!rc) {
            if (j.delay < 2) j.delay = 2;   /* browsers treat smaller delays as 10 */
            for (int i = 0; i < COMPARE_RUNS; i++) flashes_reset(&x.fx[i], 0.6);
            rc = each_frame(&x, from, to, fps, per_tick, gif_add, &j, stop, &at);
            char err[1200];
            if (rc == STOPPED)
                fprintf(stderr, "highwater record: interrupted at tick %lld; no output file written\n", (long long)at);
            if (rc) gif_abort(j.g);
            else if (gif_close(j.g, err, sizeof err) != 0) {
                fprintf(stderr, "highwater: %s\n", err);
                rc = 2;
            }
        }
    } else {
        if (ensure_dir(out) != 0) {
            fprintf(stderr, "highwater record: cannot use %s as a directory: %s\n", out, strerror(errno));
            hl_close(&x);
            return 2;
        }
        PngDir pd = {out, o->steps ? 2 : per_tick};   /* more than one frame a tick: numbered frames */
        rc = each_frame(&x, from, to, fps, per_tick, png_frame, &pd, stop, &at);
        if (rc == STOPPED)
            fprintf(stderr, "highwater record: interrupted at tick %lld; the frames before it are in %s\n",
                    (long long)at, out);
    }
    if (!rc) {
        /* The full path, so the file can be found from a slide program. */
        char abs[4096];
        fprintf(stderr, "highwater: recorded ticks %lld..%lld to %s\n", (long long)from, (long long)to,
                realpath(out, abs) ? abs : out);
    }
    hl_close(&x);
    return rc;
}
