/* window.c - the interactive window: playback, controls, hot reload,
 * live changes, class mode, the micro-step and compare mode (see window.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "io/safetext.h"
#include "view/compare.h"
#include "scenario/datadir.h"
#include "view/controls.h"
#include "view/display.h"
#include "view/keymap.h"
#include "view/offscreen.h"
#include "view/overlay.h"
#include "view/panels.h"
#include "view/png.h"
#include "view/pointer.h"
#include "view/quizview.h"
#include "view/run.h"
#include "view/scene.h"
#include "view/script.h"
#include "view/shotdir.h"
#include "view/window.h"

#define MAX_STEPS_PER_FRAME 20000   /* the fastest speeds; beyond, the frame rate would suffer */
#define EXPLORE_MS 3.0              /* time per frame the look-ahead may take while the end is unknown */
#define RELOAD_POLL_S 0.5
#define FLASH_S 0.7
#define SCRIPT_FPS 60               /* a scripted run's clock: fixed frames, the same every replay */
#define SCRIPT_EXPLORE 4096         /* look-ahead ticks per scripted frame (fixed, for the same reason) */

static const double speeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
enum { SPEED_SLOW = 2, SPEED_NORMAL = 4, SPEED_FAST = 6, NSPEEDS = sizeof speeds / sizeof speeds[0] };

typedef struct {
    /* the runs: one, or two in compare mode; each Scenario stays at one address while its History uses it */
    Run run[COMPARE_RUNS];
    int nruns;
    bool compare;
    CompareArrange arrange;
    double next_poll;
    char banner[1100];

    SDL_Window *win;
    SDL_Renderer *r;
    Fonts *fonts;
    TextCache *tc;
    char datadir[4096];

    bool playing;
    int speed;          /* index into speeds */
    double acc;         /* fraction of a tick accumulated toward the next */
    int64_t tick;       /* the displayed tick: the shared clock in compare mode */
    Flashes fx[COMPARE_RUNS];

    bool show_code, show_help, verbose, projector, fullscreen, quit;
    float zoom;         /* Ctrl +/- */
    Picker *picker;
    bool picker_open;
    char toast[300];
    double toast_until;
    int hover, hover_pane, mx, my;
    bool dragging, drag_was_playing;
    int64_t explore;    /* look-ahead ticks per frame, adapted to EXPLORE_MS */
    SDL_Rect saved;     /* window place before full screen */

    /* live changes: the selected stream, the value the arrow keys change, a tank being dragged */
    int sel_pane, sel;  /* sel -1: none */
    VaryParam sel_param;
    bool tank_drag;
    int drag_y0, drag_step_px;
    VaryValue drag_v0;

    Quiz quiz;          /* class mode */
    Micro micro;        /* inside a tick */
    bool micro_on;

    /* the story: each tick's events played as steps (story.h); notes stop the playback */
    Story story;
    const char *save_dir;   /* W saves here; NULL: next to the scenario's file */
    bool autostop;      /* A: stop before each note's tick */
    int held_note;      /* the note the playback waits at (index into actions), or -1 */
    int64_t passed_note;/* the tick whose note the teacher already went past */
    double note_dwell;  /* auto-stop off: seconds the playback still holds a note's tick */

    /* the classroom: the control bar, blanking, the events panel, scripted input */
    ControlBar bar;
    bool blank;         /* B: the screen blanked, as presentation software does */
    int caption_h;      /* what the caption's text needs (layout) */
    CaptionNotes caption_notes; /* the tallest note, measured once (panels.h) */
    bool help_resume;   /* playing when the help opened: it pauses the playback */
    bool show_events;   /* E: the events panel (off gives the diagram its room) */
    bool shot;          /* S: save the frame once drawn */
    const char *shots_dir; /* where S and a script's shots go */
    Script script;      /* --script (script.n == 0: none) */
    ScriptPlayer player;
    bool scripted;      /* the clock runs in fixed frames */
    int64_t frame;      /* frames drawn: the scripted clock */
    char shot_name[SCRIPT_NAME_MAX]; /* a script's shot to take after this frame */
    int script_rc;      /* 2 once a shot could not be written */
    bool headless;      /* no window: drawn into `off` */
    Offscreen off;

    Layout l;           /* single view */
    CompareLayout cl;   /* compare mode */
    Draw d;
    int out_w, out_h;
    float px_ratio;     /* output pixels per window coordinate (high DPI) */
    StopHook stop;      /* WindowOpts.stop, for every run opened */
} App;

static double now_s(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

static void toast(App *a, const char *msg)
{
    size_t n = strlen(msg);
    if (n >= sizeof a->toast) n = sizeof a->toast - 1;   /* a long path is cut, not an error */
    memcpy(a->toast, msg, n);
    a->toast[n] = 0;
    a->toast_until = now_s() + 2.5;
}

static Run *main_run(App *a) { return &a->run[0]; }

static const char *speed_name(int i)
{
    return i == SPEED_SLOW ? "slow" : i == SPEED_NORMAL ? "normal" : i == SPEED_FAST ? "fast" : NULL;
}


static void set_title(App *a)
{
    if (!a->win) return;
    char title[400];
    const Scenario *s0 = a->run[0].sc;
    if (a->compare && a->run[0].vary)
        snprintf(title, sizeof title, "highwater compare: %s", s0->title ? s0->title : s0->name);
    else if (a->compare)
        snprintf(title, sizeof title, "highwater compare: %s vs %s", s0->name, a->run[1].sc->name);
    else
        snprintf(title, sizeof title, "highwater: %s", s0->title ? s0->title : s0->name);
    /* A title comes from the scenario file: never hand control characters to the window manager. */
    char shown[1600];
    safetext_escape(shown, sizeof shown, title);
    SDL_SetWindowTitle(a->win, shown);
}

/* ---- the clock ---- */

/* The last tick any run reaches. */
static int64_t clock_last(const App *a)
{
    int64_t last = 0;
    for (int i = 0; i < a->nruns; i++)
        if (hist_last(a->run[i].h) > last) last = hist_last(a->run[i].h);
    return last;
}

static int64_t clock_ticks(const App *a)
{
    int64_t t = 0;
    for (int i = 0; i < a->nruns; i++)
        if (sim_ticks(hist_sim(a->run[i].h)) > t) t = sim_ticks(hist_sim(a->run[i].h));
    return t;
}

static bool clock_has_next(const App *a)
{
    for (int i = 0; i < a->nruns; i++)
        if (hist_cur(a->run[i].h)->tick == a->tick && hist_next(a->run[i].h)) return true;
    return false;
}

static void note_flashes(App *a, double now)
{
    for (int i = 0; i < a->nruns; i++) {
        if (hist_cur(a->run[i].h)->tick != a->tick) continue;
        int n;
        const LoggedEvent *ev = hist_events(a->run[i].h, false, &n);
        flashes_note(&a->fx[i], ev, n, now);
    }
}

static void seek(App *a, int64_t t, double now)
{
    if (t < 0) t = 0;
    /* Past what the look-ahead has explored, a seek would stall the window
     * while the model catches up: stop at the frontier instead. */
    for (int i = 0; i < a->nruns; i++) {
        const History *h = a->run[i].h;
        if (hist_end(h) < 0 && t > hist_known(h) - 1) t = hist_known(h) - 1;
    }
    if (t > clock_last(a)) t = clock_last(a);
    for (int i = 0; i < a->nruns; i++) {
        History *h = a->run[i].h;
        hist_seek(h, t < hist_last(h) ? t : hist_last(h));
    }
    a->tick = t;
    a->acc = 0;
    story_stop(&a->story);
    a->held_note = -1;
    a->note_dwell = 0;
    note_flashes(a, now);
    if (a->micro_on && micro_capture(&a->micro, main_run(a)->h, hist_cur(main_run(a)->h)->tick) != 0)
        a->micro_on = false;
}

/* One tick forward on the shared clock, without asking questions; the
 * tick's flashes only when told: the story flashes each step instead. */
static void forward_quiet(App *a)
{
    if (!clock_has_next(a)) return;
    for (int i = 0; i < a->nruns; i++) {
        History *h = a->run[i].h;
        if (hist_cur(h)->tick == a->tick && hist_next(h)) {
            if (hist_known(h) < a->tick + 2) hist_extend(h, 64);
            hist_forward(h);
        }
    }
    a->tick++;
}

static void forward(App *a, double now)
{
    forward_quiet(a);
    note_flashes(a, now);
}

/* ---- the story: a tick's events as steps ---- */

/* The flashes of the events the step shown just added. */
static void story_flash(App *a, double now)
{
    int from, to;
    story_span(&a->story, &from, &to);
    for (int k = from; k < to; k++) flashes_note(&a->fx[0], &a->story.m.step[k].ev, 1, now);
}

/* Tells the displayed tick step by step if it is worth it at this speed
 * (always when `force`: a step key); otherwise flashes its end at once. */
static void story_start(App *a, bool force, double now)
{
    story_stop(&a->story);
    const History *h = main_run(a)->h;
    bool noted = story_note_at(main_run(a)->sc, a->tick) >= 0;
    if (a->compare || a->micro_on || (!force && !story_wanted(h, a->tick, speeds[a->speed], noted)) ||
        story_begin(&a->story, h, a->tick, speeds[a->speed], noted) != 0)
        note_flashes(a, now);
}

/* Playback stops before a note's tick, the note in the caption, until the
 * teacher goes on (note_release). Returns true when it stopped. */
static bool note_gate(App *a)
{
    if (!a->autostop || a->compare || a->micro_on) return false;
    int64_t t = a->tick + 1;
    int i = story_note_at(main_run(a)->sc, t);
    if (i < 0 || a->passed_note == t || !clock_has_next(a)) return false;
    a->held_note = i;
    a->playing = false;
    a->acc = 0;
    return true;
}

static void note_release(App *a)
{
    if (a->held_note < 0) return;
    a->passed_note = a->tick + 1;
    a->held_note = -1;
}

/* One tick forward, unless class mode has a question first or a note is
 * due: then the playback stops here. told: the new tick is told step by step
 * (forced by a step key). Returns whether it moved. */
static bool step_forward(App *a, bool told, bool force, double now)
{
    const Scenario *sc = main_run(a)->sc;
    a->quiz.stale_from = main_run(a)->diverged;   /* after a live change, questions past it are not asked */
    int q = a->compare ? -1 : quiz_gate(&a->quiz, sc, a->tick);
    if (q >= 0) {
        quiz_ask(&a->quiz, q, a->playing);
        a->playing = false;
        a->acc = 0;
        return false;
    }
    if (note_gate(a)) return false;
    story_stop(&a->story);
    forward_quiet(a);
    int ni = story_note_at(sc, a->tick);
    a->note_dwell = 0;
    if (ni >= 0 && !a->autostop && !a->compare)
        a->note_dwell = story_note_read_s(sc->actions[ni].text) * speeds[SPEED_NORMAL] / speeds[a->speed];
    if (told) story_start(a, force, now);
    else note_flashes(a, now);
    return true;
}

/* Right: the next step of the tick, or into the next tick (its first step). */
static void step_next(App *a, double now)
{
    a->playing = false;
    a->acc = 0;
    Story *st = &a->story;
    if (st->on && st->step < st->nsteps) {
        story_seek_step(st, st->step + 1);
        story_flash(a, now);
        return;
    }
    note_release(a);
    if (!clock_has_next(a) || !step_forward(a, true, true, now)) return;
    if (st->on) {
        story_seek_step(st, 1);
        story_flash(a, now);
    }
}

/* Left: the step before; from a tick's first step, the end of the tick before. */
static void step_prev(App *a, double now)
{
    a->playing = false;
    a->acc = 0;
    a->held_note = -1;
    Story *st = &a->story;
    if (st->on && st->step > 1) {
        story_seek_step(st, st->step - 1);
        story_flash(a, now);
        return;
    }
    if (!st->on && a->tick > 0 && !a->compare &&
        story_begin(st, main_run(a)->h, a->tick, speeds[a->speed], false) == 0 && st->nsteps > 1) {
        story_seek_step(st, st->nsteps - 1);
        story_flash(a, now);
        return;
    }
    seek(a, a->tick - 1, now);
}

/* Space while the playback waits at a note, a click, or the control bar:
 * go on and play the note's tick. */
static void story_continue(App *a)
{
    note_release(a);
    a->playing = true;
    a->acc = 1.0;   /* the note's tick starts at once */
}

static void jump_note(App *a, int dir, double now)
{
    const Scenario *sc = main_run(a)->sc;
    /* A held note is shown one tick early: count from its own tick, or the
       clicker would find the same note again and never get past it. */
    int64_t t = a->held_note >= 0 ? sc->actions[a->held_note].at : a->tick, best = -1;
    for (int i = 0; i < sc->nactions; i++) {
        const ActionDef *ad = &sc->actions[i];
        if (ad->kind != ACT_NOTE) continue;
        if (dir > 0 && ad->at > t && (best < 0 || ad->at < best)) best = ad->at;
        if (dir < 0) {
            /* The note being shown is at or before t: go to the one before it. */
            int ord;
            int cur = scene_note(sc, t, &ord, NULL);
            int64_t cur_at = cur >= 0 ? sc->actions[cur].at : -1;
            if (ad->at < cur_at && ad->at > best) best = ad->at;
        }
    }
    if (dir < 0 && best < 0) best = 0;
    if (best < 0) return;
    /* Before the note's tick, the note held in the caption: Space plays its tick. */
    a->playing = false;
    seek(a, best > 0 ? best - 1 : 0, now);
    int i = best > 0 ? story_note_at(sc, best) : -1;
    if (i >= 0) a->held_note = i;
}

/* ---- files ---- */

/* Opens path as the single run, at tick 0. On failure keeps the current run and sets the banner. */
static int open_single(App *a, const char *path)
{
    char err[1024];
    Run fresh;
    if (run_open(&fresh, path, NULL, 0, RUN_EXPLORE_START, 0, a->stop, err, sizeof err) != 0) {
        snprintf(a->banner, sizeof a->banner, "%s", err);
        return -1;
    }
    run_close(&a->run[0]);
    a->run[0] = fresh;
    a->nruns = 1;
    a->banner[0] = 0;
    a->sel = -1;
    a->micro_on = false;
    story_free(&a->story);
    a->held_note = -1;
    a->passed_note = -1;
    quiz_close(&a->quiz, fresh.sc);
    flashes_reset(&a->fx[0], FLASH_S);
    a->hover = -1;
    a->tick = 0;
    set_title(a);
    return 0;
}

static void poll_reload(App *a, double now)
{
    if (now < a->next_poll) return;
    a->next_poll = now + RELOAD_POLL_S;
    for (int i = 0; i < a->nruns; i++) {
        Run *r = &a->run[i];
        if (!run_file_changed(r)) continue;
        char err[1024];
        int had = r->edits.n;
        /* Deterministic model: re-simulating and seeking lands on the same moment of the edited run. */
        if (run_reload(r, a->tick, err, sizeof err) == 0) {
            a->banner[0] = 0;
            if (a->sel_pane == i && a->sel >= r->sc->nstreams) a->sel = -1;
            toast(a, r->edits.n < had ? "reloaded (some live changes no longer apply)" : "reloaded");
            seek(a, a->tick, now);
            set_title(a);
        } else {
            snprintf(a->banner, sizeof a->banner, "%s  (still showing the last version that loaded)", err);
        }
    }
}

/* Writes the frame on screen to path. Returns 0, or -1 with err set. */
static int save_frame(App *a, const char *path, char *err, size_t errlen)
{
    int w = a->out_w, h = a->out_h;
    uint32_t *px = malloc((size_t)w * (size_t)h * 4);
    if (!px) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = 0;
    if (SDL_RenderReadPixels(a->r, NULL, SDL_PIXELFORMAT_ARGB8888, px, w * 4) != 0) {
        snprintf(err, errlen, "%s", SDL_GetError());
        rc = -1;
    } else if (png_write_argb(path, px, w, h, w * 4, err, errlen) != 0) {
        rc = -1;
    }
    free(px);
    return rc;
}

/* S: the frame into the shots folder, under a name that is not taken yet;
 * the full path is shown and printed. */
static void screenshot(App *a, int64_t tick)
{
    char dir[4096], path[4400], err[1200], msg[4600];
    if (shots_folder(a->shots_dir, dir, sizeof dir, err, sizeof err) != 0) {
        snprintf(msg, sizeof msg, "screenshot not saved: %s", err);
        toast(a, msg);
        fprintf(stderr, "highwater: %s\n", msg);
        return;
    }
    struct stat st;
    const char *name = main_run(a)->sc->name;
    const char *what = a->compare ? "compare-" : "";
    for (int k = 0; k < 1000; k++) {
        if (k == 0) snprintf(path, sizeof path, "%s/highwater-%s%s-t%lld.png", dir, what, name, (long long)tick);
        else snprintf(path, sizeof path, "%s/highwater-%s%s-t%lld-%d.png", dir, what, name, (long long)tick, k);
        if (stat(path, &st) != 0) break;
    }
    if (save_frame(a, path, err, sizeof err) == 0) {
        snprintf(msg, sizeof msg, "saved %s", path);
        printf("highwater: saved %s\n", path);
        fflush(stdout);
    } else {
        snprintf(msg, sizeof msg, "screenshot not saved: %s", err);
        fprintf(stderr, "highwater: %s\n", msg);
    }
    toast(a, msg);
}

/* Beside a script's shot NAME.png, NAME.probe: the window's state and where
 * its buttons are (key=value lines), so a test can click what it sees and
 * check the pixels of what it clicked. */
static void probe_rect(FILE *f, const char *key, Rect r)
{
    fprintf(f, "%s=%d,%d,%d,%d\n", key, r.x, r.y, r.w, r.h);
}

static void probe_colour(FILE *f, const char *key, Rgba c)
{
    char hex[7];
    palette_hex(c, hex);
    fprintf(f, "color.%s=%s\n", key, hex);
}

static int script_probe(App *a, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    const Scenario *sc = main_run(a)->sc;
    const QuestionDef *q = quiz_question(&a->quiz, sc);
    fprintf(f, "size=%dx%d\nlesson=%s\ntick=%lld\nplaying=%d\nheld_note=%d\n", a->out_w, a->out_h, sc->name,
            (long long)a->tick, a->playing, a->held_note >= 0);
    fprintf(f, "help=%d\nblank=%d\npicker=%d\nevents=%d\nautostop=%d\nclass=%d\nchanged=%d\n", a->show_help, a->blank,
            a->picker_open, a->show_events, a->autostop, a->quiz.on, run_changed(main_run(a)));
    fprintf(f, "speed=%s\n", speed_name(a->speed) ? speed_name(a->speed) : "other");
    fprintf(f, "quiz.phase=%s\nquiz.picked=%d\nquiz.right=%d\n",
            !q ? "none" : a->quiz.phase == QUIZ_REVEAL ? "reveal" : "ask", q ? a->quiz.picked + 1 : 0,
            q ? q->answer + 1 : 0);
    for (int i = 0; i < a->bar.n; i++) {
        char key[80];
        snprintf(key, sizeof key, "bar.%s", keymap_action_name(a->bar.b[i].act));
        probe_rect(f, key, a->bar.b[i].r);
    }
    Rect kb, lb;
    panel_header_buttons(&a->d, a->l.header, &kb, &lb);
    probe_rect(f, "header.keys", kb);
    probe_rect(f, "header.lessons", lb);
    probe_rect(f, "scrub", scene_scrub_track(&a->d, &a->l));
    probe_rect(f, "graph", a->l.graph);
    probe_rect(f, "log", a->l.log);
    if (a->picker_open) {
        for (int i = 0; i < a->picker->n; i++) {
            Rect r = overlay_picker_part(&a->d, &a->l, a->picker, PICK_HIT_ROW, i);
            char key[120];
            snprintf(key, sizeof key, "picker.row.%s", a->picker->e[i].name);
            if (r.w > 0) probe_rect(f, key, r);
        }
        fprintf(f, "picker.selected=%s\n", a->picker->n ? a->picker->e[a->picker->sel].name : "");
        probe_rect(f, "picker.open", overlay_picker_part(&a->d, &a->l, a->picker, PICK_HIT_OPEN, 0));
        probe_rect(f, "picker.close", overlay_picker_part(&a->d, &a->l, a->picker, PICK_HIT_CLOSE, 0));
        probe_rect(f, "picker.down", overlay_picker_part(&a->d, &a->l, a->picker, PICK_HIT_DOWN, 0));
        probe_rect(f, "picker.box", overlay_picker_part(&a->d, &a->l, a->picker, PICK_HIT_OUTSIDE, 0));
    }
    if (q) {
        probe_rect(f, "quiz.box", quizview_rect(&a->d, &a->l, sc, &a->quiz));
        for (int i = 0; i < q->nchoices; i++) {
            char key[40];
            snprintf(key, sizeof key, "quiz.choice.%d", i + 1);
            probe_rect(f, key, quizview_choice_rect(&a->d, &a->l, sc, &a->quiz, i));
        }
    }
    const Palette *p = a->d.pal;
    probe_colour(f, "bg", p->bg);
    probe_colour(f, "card", p->card);
    probe_colour(f, "heading", p->heading);
    probe_colour(f, "highlight", p->highlight);
    probe_colour(f, "marker", p->marker);
    probe_colour(f, "done", p->done);
    probe_colour(f, "panel", p->panel);
    probe_colour(f, "scrub_fill", p->scrub_fill);
    return fclose(f) == 0 ? 0 : -1;
}

/* A script's `shot NAME`: NAME.png in the shots folder, replaced if it is there, and NAME.probe. */
static void script_shot(App *a)
{
    char dir[4096], path[4400], err[1200];
    if (shots_folder(a->shots_dir, dir, sizeof dir, err, sizeof err) == 0) {
        snprintf(path, sizeof path, "%s/%s.png", dir, a->shot_name);
        if (save_frame(a, path, err, sizeof err) == 0) {
            printf("highwater: saved %s\n", path);
            snprintf(path, sizeof path, "%s/%s.probe", dir, a->shot_name);
            if (script_probe(a, path) != 0) fprintf(stderr, "highwater: %s: %s\n", path, strerror(errno));
            fflush(stdout);
            a->shot_name[0] = 0;
            return;
        }
    }
    fprintf(stderr, "highwater: shot %s not saved: %s\n", a->shot_name, err);
    a->script_rc = 2;
    a->shot_name[0] = 0;
}

static void update_layout(App *a)
{
    int ww = 0, wh = 0;
    SDL_GetRendererOutputSize(a->r, &a->out_w, &a->out_h);
    if (a->win) SDL_GetWindowSize(a->win, &ww, &wh);
    a->px_ratio = ww > 0 ? (float)a->out_w / (float)ww : 1.0f;
    const Palette *pal = a->projector ? palette_projector() : palette_normal();
    float s = layout_scale(a->out_w, a->out_h, a->zoom, pal->ui_scale);
    a->d = (Draw){a->r, a->tc, pal, s};
    if (a->compare) {
        const Scenario *scs[COMPARE_RUNS] = {a->run[0].sc, a->run[1].sc};
        /* The control bar under both panes: compare lays out the frame above it. */
        int ctl_h = (int)lroundf(62.0f * s);
        compare_layout(&a->cl, scs, a->nruns, a->out_w, a->out_h - ctl_h, s, a->arrange);
        ctl_layout_compare(&a->d, &a->bar, (Rect){0, a->out_h - ctl_h, a->out_w, ctl_h});
    } else {
        LayoutOpts lo = {a->out_w, a->out_h, s, a->show_code, a->show_events || a->show_code, a->micro_on, true,
                         a->caption_h, false};
        layout_compute(&a->l, a->run[0].sc, lo);
        ctl_layout(&a->d, &a->bar, a->l.controls);
    }
}

static void open_picker(App *a)
{
    if (a->compare) {
        toast(a, "lessons: open one with `highwater view`");
        return;
    }
    if (!a->picker) a->picker = calloc(1, sizeof *a->picker);
    if (!a->picker) return;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/scenarios", a->datadir);
    picker_scan(a->picker, dir, main_run(a)->path);
    picker_move(a->picker, 0, overlay_picker_rows(&a->d, &a->l));
    a->picker_open = true;
}

/* Full screen as a borderless window over the whole display: unlike
 * SDL's fullscreen modes it does not depend on the window manager's
 * cooperation (a bare X server or a minimal WM would leave the window at
 * its old size while SDL drew for the new one). */
static void toggle_fullscreen(App *a)
{
    a->fullscreen = !a->fullscreen;
    if (a->fullscreen) {
        SDL_Rect b;
        int d = SDL_GetWindowDisplayIndex(a->win);
        if (SDL_GetDisplayBounds(d < 0 ? 0 : d, &b) != 0) {
            a->fullscreen = false;
            return;
        }
        SDL_GetWindowPosition(a->win, &a->saved.x, &a->saved.y);
        SDL_GetWindowSize(a->win, &a->saved.w, &a->saved.h);
        SDL_SetWindowBordered(a->win, SDL_FALSE);
        SDL_SetWindowPosition(a->win, b.x, b.y);
        SDL_SetWindowSize(a->win, b.w, b.h);
        SDL_RaiseWindow(a->win);
    } else {
        SDL_SetWindowBordered(a->win, SDL_TRUE);
        SDL_SetWindowSize(a->win, a->saved.w, a->saved.h);
        SDL_SetWindowPosition(a->win, a->saved.x, a->saved.y);
    }
}

/* ---- live changes ---- */

static void select_stream(App *a, int pane, int i)
{
    const Scenario *sc = a->run[pane].sc;
    if (i < 0 || i >= sc->nstreams) {
        a->sel = -1;
        return;
    }
    if (a->sel < 0 || a->sel_pane != pane || a->sel != i) a->sel_param = VP_HWM;
    a->sel_pane = pane;
    a->sel = i;
}

/* Tab: the next stream, through every pane. */
static void select_next(App *a, int dir)
{
    int total = 0, pos = -1;
    for (int p = 0; p < a->nruns; p++) {
        if (a->sel >= 0 && p == a->sel_pane) pos = total + a->sel;
        total += a->run[p].sc->nstreams;
    }
    if (total == 0) return;
    pos = pos < 0 ? (dir > 0 ? 0 : total - 1) : ((pos + dir) % total + total) % total;
    for (int p = 0; p < a->nruns; p++) {
        int n = a->run[p].sc->nstreams;
        if (pos < n) {
            select_stream(a, p, pos);
            return;
        }
        pos -= n;
    }
}

static void cycle_param(App *a)
{
    VaryParam ps[EDIT_MAX_PARAMS];
    int n = edit_params(a->run[a->sel_pane].sc, a->sel, ps);
    int k = 0;
    while (k < n && ps[k] != a->sel_param) k++;
    a->sel_param = ps[(k + 1) % (n > 0 ? n : 1)];
}

/* After a run was re-simulated: every pane back on the clock, the modes refreshed. */
static void resync(App *a, double now)
{
    seek(a, a->tick, now);
}

static void describe_change(App *a, const Run *r, const VaryTarget *t)
{
    char now_s_[48], was_s[48], msg[200];
    VaryValue now = vary_get(r->sc, t), was;
    edit_value_text(r->sc, t, &now, now_s_, sizeof now_s_);
    if (edit_differs(r->base, r->sc, t->stream, t->param, &was))
        snprintf(msg, sizeof msg, "%s %s %s (file: %s): re-simulated to tick %lld", r->sc->streams[t->stream].id,
                 edit_param_label(t->param), now_s_, edit_value_text(r->base, t, &was, was_s, sizeof was_s),
                 (long long)a->tick);
    else
        snprintf(msg, sizeof msg, "%s %s %s, as in the file", r->sc->streams[t->stream].id, edit_param_label(t->param),
                 now_s_);
    toast(a, msg);
}

/* Sets the selected stream's parameter p to v; re-simulates. */
static bool set_value(App *a, VaryParam p, const VaryValue *v, double now)
{
    Run *r = &a->run[a->sel_pane];
    VaryTarget t;
    if (!edit_target(r->sc, a->sel, p, &t)) return false;
    char err[600];
    if (run_set(r, &t, v, a->tick, err, sizeof err) != 0) {
        toast(a, err);
        return false;
    }
    resync(a, now);
    describe_change(a, r, &t);
    return true;
}

static void change_selected(App *a, int dir, double now)
{
    if (a->sel < 0) {
        toast(a, "Tab or a click selects a stream to change");
        return;
    }
    Run *r = &a->run[a->sel_pane];
    VaryTarget t;
    if (!edit_target(r->sc, a->sel, a->sel_param, &t)) return;
    VaryValue cur = vary_get(r->sc, &t), nv;
    if (!edit_step(&t, &cur, dir, &nv)) {
        toast(a, dir > 0 ? "as large as it goes" : "as small as it goes");
        return;
    }
    set_value(a, a->sel_param, &nv, now);
}

static void reset_selected(App *a, bool all, double now)
{
    char err[600];
    if (all) {
        for (int i = 0; i < a->nruns; i++)
            if (run_changed(&a->run[i])) run_reset(&a->run[i], -1, VP__COUNT, a->tick, err, sizeof err);
        resync(a, now);
        toast(a, "every value back to the file's");
        return;
    }
    if (a->sel < 0) return;
    Run *r = &a->run[a->sel_pane];
    if (run_reset(r, a->sel, a->sel_param, a->tick, err, sizeof err) != 0) {
        toast(a, err);
        return;
    }
    resync(a, now);
    VaryTarget t;
    if (edit_target(r->sc, a->sel, a->sel_param, &t)) describe_change(a, r, &t);
}

static void save_changes(App *a)
{
    Run *r = &a->run[a->sel >= 0 ? a->sel_pane : 0];
    if (!run_changed(r)) {
        toast(a, "nothing changed: the file already says this");
        return;
    }
    char path[4200], err[600], msg[4600];
    int dropped = 0;
    if (run_save(r, a->save_dir, path, sizeof path, &dropped, err, sizeof err) == 0) {
        snprintf(msg, sizeof msg, "saved the changed scenario as %s%s", path,
                 dropped ? " (questions written for the file's values left out)" : "");
        printf("highwater: saved %s\n", path);   /* the full path stays in the terminal too */
        fflush(stdout);
    } else {
        snprintf(msg, sizeof msg, "not saved: %s", err);
    }
    toast(a, msg);
}

/* The tank (body or overflow zone) under (x, y): its stream, or -1. */
static int hit_tank(const Layout *l, int x, int y, int *body_h)
{
    for (int i = 0; i < l->ncards; i++)
        for (int side = 0; side < 2; side++) {
            Rect b = l->card[i].tank[side], o = l->card[i].over[side];
            if (b.w <= 0) continue;
            int m = (int)(8 * l->s);
            Rect grab = {b.x - m, o.h > 0 ? o.y : b.y, b.w + 2 * m, b.y + b.h - (o.h > 0 ? o.y : b.y) + m};
            if (rect_has(grab, x, y)) {
                *body_h = b.h;
                return i;
            }
        }
    return -1;
}

static const Layout *pane_layout(const App *a, int pane)
{
    return a->compare ? &a->cl.pane[pane] : &a->l;
}

static bool start_tank_drag(App *a, int x, int y)
{
    for (int p = 0; p < a->nruns; p++) {
        int body_h;
        int i = hit_tank(pane_layout(a, p), x, y, &body_h);
        if (i < 0) continue;
        select_stream(a, p, i);
        a->sel_param = VP_HWM;
        VaryTarget t;
        if (!edit_target(a->run[p].sc, i, VP_HWM, &t)) return false;
        a->drag_v0 = vary_get(a->run[p].sc, &t);
        a->drag_y0 = y;
        a->drag_step_px = (int)(body_h * EDIT_DRAG_STEP);
        if (a->drag_step_px < 8) a->drag_step_px = 8;
        a->tank_drag = true;
        return true;
    }
    return false;
}

static void tank_drag_to(App *a, int y, double now)
{
    Run *r = &a->run[a->sel_pane];
    VaryTarget t;
    if (!edit_target(r->sc, a->sel, VP_HWM, &t)) return;
    double k = (double)(a->drag_y0 - y) / (double)a->drag_step_px;
    int steps = (int)lround(k);
    VaryValue want = a->drag_v0;
    if (steps != 0 && !edit_step(&t, &a->drag_v0, steps, &want)) want = a->drag_v0;
    VaryValue cur = vary_get(r->sc, &t);
    if (!vary_value_equal(&cur, &want)) set_value(a, VP_HWM, &want, now);
}

/* ---- class mode and the micro-step ---- */

static void toggle_class(App *a)
{
    if (a->compare) {
        toast(a, "class mode: open one scenario with `highwater view --class`");
        return;
    }
    const Scenario *sc = main_run(a)->sc;
    a->quiz.on = !a->quiz.on;
    if (!a->quiz.on) quiz_close(&a->quiz, sc);
    char msg[160];
    if (a->quiz.on && sc->nquestions == 0) snprintf(msg, sizeof msg, "class mode: this lesson has no questions");
    else if (a->quiz.on)
        snprintf(msg, sizeof msg, "class mode: playback stops before each of the %d question%s", sc->nquestions,
                 sc->nquestions == 1 ? "" : "s");
    else snprintf(msg, sizeof msg, "class mode off");
    toast(a, msg);
}

/* Space / Enter on an open question: reveal it (moving into its tick), or close it and go on. */
static void quiz_advance(App *a, double now)
{
    const Scenario *sc = main_run(a)->sc;
    const QuestionDef *q = quiz_question(&a->quiz, sc);
    if (!q) return;
    if (a->quiz.phase == QUIZ_ASK) {
        quiz_reveal(&a->quiz);
        if (a->tick == q->at - 1) forward(a, now);
        return;
    }
    bool resume = a->quiz.resume;
    int next = quiz_close(&a->quiz, sc);
    if (next >= 0) {
        /* Another question about the same tick: ask it from just before. */
        seek(a, sc->questions[next].at - 1, now);
        quiz_ask(&a->quiz, next, resume);
        return;
    }
    a->playing = resume && clock_has_next(a);
    a->acc = 0;
}

static void toggle_micro(App *a)
{
    if (a->compare) {
        toast(a, "inside a tick: open one scenario with `highwater view`");
        return;
    }
    if (a->micro_on) {
        a->micro_on = false;
        micro_free(&a->micro);
        return;
    }
    if (micro_capture(&a->micro, main_run(a)->h, a->tick) != 0) {
        toast(a, "this tick cannot be replayed yet");
        return;
    }
    if (a->story.on) micro_seek(&a->micro, a->story.pos);   /* the detailed view of the same moment */
    story_stop(&a->story);
    a->held_note = -1;
    a->micro_on = true;
    a->playing = false;
    a->sel = -1;
}

/* ---- input: keys, the control bar, mouse and touch, all as actions (keymap.h) ---- */

static void show_help(App *a, bool on)
{
    if (on == a->show_help) return;
    a->show_help = on;
    /* The help pauses the playback; closing it goes on as before. */
    if (on) {
        a->help_resume = a->playing;
        a->playing = false;
    } else {
        a->playing = a->help_resume && clock_has_next(a);
        a->acc = 0;
    }
}

static void open_lesson(App *a, double now)
{
    Picker *p = a->picker;
    if (!p || p->n == 0) return;
    a->picker_open = false;
    a->playing = false;
    if (open_single(a, p->e[p->sel].path) == 0) {
        seek(a, 0, now);
        toast(a, p->e[p->sel].name);
    }
}

/* R and the reset button: tick 0, paused, every live change undone, no open question. */
static void reset_all(App *a, double now)
{
    char err[600];
    for (int i = 0; i < a->nruns; i++)
        if (run_changed(&a->run[i])) run_reset(&a->run[i], -1, VP__COUNT, a->tick, err, sizeof err);
    if (quiz_open(&a->quiz)) quiz_dismiss(&a->quiz);
    if (a->micro_on) toggle_micro(a);
    a->sel = -1;
    a->playing = false;
    a->passed_note = -1;
    seek(a, 0, now);
    toast(a, "reset: tick 0, every value as in the file");
}

static void set_speed(App *a, int k)
{
    if (k < 0) k = 0;
    if (k >= NSPEEDS) k = NSPEEDS - 1;
    a->speed = k;
}

/* Everything a key, a button or a click asks for. */
static void act(App *a, UiAction u, double now)
{
    Picker *pk = a->picker;
    int rows = overlay_picker_rows(&a->d, &a->l);
    Micro *m = &a->micro;
    bool quiz = quiz_open(&a->quiz);
    switch (u) {
    case UI_NONE: break;
    case UI_PLAY:
        if (quiz) quiz_advance(a, now);
        else if (a->held_note >= 0) story_continue(a);
        else {
            if (a->micro_on) toggle_micro(a);
            if (!a->playing && !clock_has_next(a)) seek(a, 0, now);   /* at the end, play starts again */
            a->playing = !a->playing;
            a->acc = 0;
        }
        break;
    case UI_STEP_FWD:
        if (quiz) quiz_advance(a, now);
        else if (a->micro_on) act(a, UI_MICRO_NEXT, now);
        else step_next(a, now);
        break;
    case UI_STEP_BACK:
        if (a->micro_on) act(a, UI_MICRO_PREV, now);
        else if (!quiz) step_prev(a, now);
        break;
    case UI_STEP_FWD10:
        a->playing = false;
        note_release(a);
        story_stop(&a->story);
        for (int i = 0; i < 10; i++)
            if (!step_forward(a, false, false, now)) break;
        a->acc = 0;
        break;
    case UI_STEP_BACK10:
        a->playing = false;
        seek(a, a->tick - 10, now);
        break;
    case UI_NOTE_NEXT:
        if (quiz) quiz_advance(a, now);
        else jump_note(a, 1, now);
        break;
    case UI_NOTE_PREV:
        if (!quiz) jump_note(a, -1, now);
        break;
    case UI_FASTER: set_speed(a, a->speed + 1); break;
    case UI_SLOWER: set_speed(a, a->speed - 1); break;
    case UI_SPEED_SLOW: a->speed = SPEED_SLOW; break;
    case UI_SPEED_NORMAL: a->speed = SPEED_NORMAL; break;
    case UI_SPEED_FAST: a->speed = SPEED_FAST; break;
    case UI_RESTART:
        seek(a, 0, now);
        a->playing = true;
        break;
    case UI_END:
        seek(a, clock_last(a), now);
        a->playing = false;
        break;
    case UI_RESET_ALL: reset_all(a, now); break;
    case UI_AUTOSTOP:
        a->autostop = !a->autostop;
        if (!a->autostop) a->held_note = -1;
        toast(a, a->autostop ? "stops at each note: on (A)" : "stops at each note: off (A): plays through, for unattended demos");
        break;
    case UI_EVENTS:
        a->show_events = !a->show_events;
        toast(a, a->show_events ? "events panel shown (E)" : "events panel hidden (E): the diagram takes the room");
        break;
    case UI_CODE: if (!a->compare) a->show_code = !a->show_code; break;
    case UI_VERBOSE: a->verbose = !a->verbose; break;
    case UI_LESSONS: open_picker(a); break;
    case UI_HELP: show_help(a, !a->show_help); break;
    case UI_BLANK: a->blank = !a->blank; break;
    case UI_FULLSCREEN: toggle_fullscreen(a); break;
    case UI_PROJECTOR:
        a->projector = !a->projector;
        toast(a, a->projector ? "projector colours" : "screen colours");
        break;
    case UI_ZOOM_IN: a->zoom = fminf(a->zoom * 1.1f, 2.6f); break;
    case UI_ZOOM_OUT: a->zoom = fmaxf(a->zoom / 1.1f, 0.6f); break;
    case UI_ZOOM_RESET: a->zoom = 1.0f; break;
    case UI_SHOT: a->shot = true; break;   /* taken after drawing: the shot is of the frame on screen */
    case UI_QUIT: a->quit = true; break;
    case UI_BACK:
        if (a->sel >= 0) a->sel = -1;
        else a->quit = true;
        break;
    case UI_SELECT_NEXT: select_next(a, 1); break;
    case UI_SELECT_PREV: select_next(a, -1); break;
    case UI_VALUE_UP: change_selected(a, 1, now); break;
    case UI_VALUE_DOWN: change_selected(a, -1, now); break;
    case UI_NEXT_PARAM: if (a->sel >= 0) cycle_param(a); break;
    case UI_RESET_VALUE: reset_selected(a, false, now); break;
    case UI_RESET_VALUES: reset_selected(a, true, now); break;
    case UI_SAVE: save_changes(a); break;
    case UI_CLASS: toggle_class(a); break;
    case UI_MICRO: toggle_micro(a); break;
    case UI_ARRANGE:
        if (a->compare) {
            a->arrange = a->cl.side_by_side ? ARRANGE_STACKED : ARRANGE_SIDE;
            toast(a, a->arrange == ARRANGE_SIDE ? "side by side" : "stacked");
        }
        break;
    case UI_ANSWER1: case UI_ANSWER2: case UI_ANSWER3: case UI_ANSWER4:
        quiz_pick(&a->quiz, main_run(a)->sc, (int)(u - UI_ANSWER1));
        break;
    case UI_QUIZ_GO: quiz_advance(a, now); break;
    case UI_QUIZ_DISMISS: quiz_dismiss(&a->quiz); break;
    case UI_MICRO_NEXT:
    case UI_MICRO_NEXT10:
        /* Right past the tick's last event goes on into the next tick. */
        if (m->pos < m->n) micro_move(m, u == UI_MICRO_NEXT ? 1 : 10);
        else if (step_forward(a, false, false, now) && micro_capture(m, main_run(a)->h, a->tick) != 0) toggle_micro(a);
        break;
    case UI_MICRO_PREV:
    case UI_MICRO_PREV10:
        /* Left before its first goes back to the end of the tick before. */
        if (m->pos > 0) micro_move(m, u == UI_MICRO_PREV ? -1 : -10);
        else if (a->tick > 0) {
            seek(a, a->tick - 1, now);
            micro_seek(&a->micro, a->micro.n);
        }
        break;
    case UI_MICRO_FIRST: micro_seek(m, 0); break;
    case UI_MICRO_LAST: micro_seek(m, m->n); break;
    case UI_MICRO_CLOSE: toggle_micro(a); break;
    case UI_PICK_UP: picker_move(pk, -1, rows); break;
    case UI_PICK_DOWN: picker_move(pk, 1, rows); break;
    case UI_PICK_PAGE_UP: picker_move(pk, -rows, rows); break;
    case UI_PICK_PAGE_DOWN: picker_move(pk, rows, rows); break;
    case UI_PICK_FIRST: picker_move(pk, -pk->n, rows); break;
    case UI_PICK_LAST: picker_move(pk, pk->n, rows); break;
    case UI_PICK_OPEN: open_lesson(a, now); break;
    case UI_PICK_CLOSE: a->picker_open = false; break;
    case UI__COUNT: break;
    }
}

static KeyContext key_context(const App *a)
{
    if (a->picker_open) return KC_PICKER;
    if (quiz_open(&a->quiz)) return KC_QUIZ;
    if (a->micro_on) return KC_MICRO;
    return KC_PLAY;
}


/* A blank screen or the help covers the window: any key or click only takes
 * it away (B blanks again; Esc and Q must not also quit). True when it did. */
static bool dismiss_cover(App *a)
{
    if (a->blank) {
        a->blank = false;
        return true;
    }
    if (a->show_help) {
        show_help(a, false);
        return true;
    }
    return false;
}

static void key(App *a, const SDL_KeyboardEvent *e, double now)
{
    SDL_Keycode k = e->keysym.sym;
    if (k == SDLK_LSHIFT || k == SDLK_RSHIFT || k == SDLK_LCTRL || k == SDLK_RCTRL || k == SDLK_LALT ||
        k == SDLK_RALT || k == SDLK_LGUI || k == SDLK_RGUI)
        return;
    UiAction u = keymap_lookup(key_context(a), k, e->keysym.mod);
    if (dismiss_cover(a)) return;
    act(a, u, now);
}

static Rect scrub_rect(const App *a) { return a->compare ? a->cl.scrub : a->l.scrub; }

static int64_t scrub_tick(const App *a, int x)
{
    if (a->compare) return compare_scrub_tick(&a->d, &a->cl, clock_ticks(a), x);
    return scene_scrub_tick(&a->d, &a->l, a->run[0].h, x);
}

/* The stream under the mouse: its pane in *pane, or -1. */
static int hit_card(const App *a, int x, int y, int *pane)
{
    if (a->compare) {
        int s;
        *pane = compare_hit_card(&a->cl, x, y, &s);
        return *pane >= 0 ? s : -1;
    }
    *pane = 0;
    return scene_hit_card(&a->l, x, y);
}

/* The picker answers every part of itself; a mouse hovering a lesson selects it,
 * so a click opens it, while a tap selects first and opens on a second tap. */
static void picker_pointer(App *a, Pointer p, double now)
{
    Picker *pk = a->picker;
    int rows = overlay_picker_rows(&a->d, &a->l);
    PickHit h = overlay_picker_at(&a->d, &a->l, pk, p.x, p.y);
    if (p.kind == PTR_WHEEL) {
        picker_scroll(pk, -p.wheel * 3, rows);
        return;
    }
    if (p.kind == PTR_MOVE) {
        if (!p.touch && h.kind == PICK_HIT_ROW) pk->sel = h.entry;
        return;
    }
    if (p.kind != PTR_DOWN) return;
    switch (h.kind) {
    case PICK_HIT_ROW:
        if (h.entry == pk->sel) act(a, UI_PICK_OPEN, now);
        else pk->sel = h.entry;
        break;
    case PICK_HIT_OPEN: act(a, UI_PICK_OPEN, now); break;
    case PICK_HIT_CLOSE:
    case PICK_HIT_OUTSIDE: act(a, UI_PICK_CLOSE, now); break;
    case PICK_HIT_UP: picker_scroll(pk, -1, rows); break;
    case PICK_HIT_DOWN: picker_scroll(pk, 1, rows); break;
    case PICK_HIT_PAGE_UP: picker_scroll(pk, -rows, rows); break;
    case PICK_HIT_PAGE_DOWN: picker_scroll(pk, rows, rows); break;
    case PICK_HIT_NONE: break;
    }
}

/* A press on an open question: a choice picks it; the picked one (or any
 * press once revealed) goes on, as Space does. */
static void quiz_pointer(App *a, Pointer p, double now)
{
    const Scenario *sc = main_run(a)->sc;
    int c = quizview_choice_at(&a->d, &a->l, sc, &a->quiz, p.x, p.y);
    Rect band = quizview_rect(&a->d, &a->l, sc, &a->quiz);
    if (a->quiz.phase == QUIZ_ASK && c >= 0 && c != a->quiz.picked) act(a, (UiAction)(UI_ANSWER1 + c), now);
    else if (c >= 0 || (a->quiz.phase == QUIZ_REVEAL && rect_has(band, p.x, p.y))) act(a, UI_QUIZ_GO, now);
}

static void pointer_down(App *a, Pointer p, double now)
{
    if (dismiss_cover(a)) return;
    if (a->picker_open) {
        picker_pointer(a, p, now);
        return;
    }
    UiAction u = ctl_hit(&a->bar, p.x, p.y);
    if (u == UI_NONE && !a->compare) u = panel_header_hit(&a->d, a->l.header, p.x, p.y);
    if (u != UI_NONE) {
        act(a, u, now);
        return;
    }
    if (quiz_open(&a->quiz)) {
        quiz_pointer(a, p, now);
        return;
    }
    if (a->held_note >= 0 && !rect_has(scrub_rect(a), p.x, p.y)) {
        story_continue(a);
        return;
    }
    if (rect_has(scrub_rect(a), p.x, p.y)) {
        if (a->micro_on) toggle_micro(a);
        a->dragging = true;
        a->drag_was_playing = a->playing;
        a->playing = false;
        seek(a, scrub_tick(a, p.x), now);
    } else if (!a->micro_on) {
        /* A card selects its stream for live changes; a tank can be dragged. */
        if (!start_tank_drag(a, p.x, p.y)) {
            int pane, i = hit_card(a, p.x, p.y, &pane);
            if (i >= 0) select_stream(a, pane, i);
            else if (p.y > (a->compare ? rect_bottom(a->cl.header) : rect_bottom(a->l.caption))) a->sel = -1;
        }
    }
}

static void pointer(App *a, const SDL_Event *e, double now)
{
    int ww = a->out_w, wh = a->out_h;
    if (a->win) SDL_GetWindowSize(a->win, &ww, &wh);
    Pointer p = pointer_from_event(e, ww, wh, a->out_w, a->out_h);
    if (p.kind == PTR_NONE) return;
    a->mx = p.x;
    a->my = p.y;
    if (a->picker_open && (p.kind == PTR_MOVE || p.kind == PTR_WHEEL)) {
        picker_pointer(a, p, now);
        return;
    }
    if (p.kind == PTR_DOWN) pointer_down(a, p, now);
    else if (p.kind == PTR_UP) {
        if (a->dragging) a->playing = a->drag_was_playing;
        a->dragging = false;
        a->tank_drag = false;
    } else if (p.kind == PTR_MOVE && a->dragging) {
        int64_t t = scrub_tick(a, p.x);
        if (t != a->tick) seek(a, t, now);
    } else if (p.kind == PTR_MOVE && a->tank_drag) {
        tank_drag_to(a, p.y, now);
    }
    /* A finger does not hover: no tooltip left behind by a tap. */
    int pane;
    a->hover = a->dragging || a->tank_drag || p.touch ? -1 : hit_card(a, p.x, p.y, &pane);
    a->hover_pane = a->hover >= 0 ? pane : -1;
}

static void advance(App *a, double dt, double now)
{
    if (!a->playing) return;
    /* A note's tick, unattended: its steps and then its end take at least
     * the note's reading time. */
    a->note_dwell -= dt;
    if (a->story.on) {
        /* The tick being told takes the time of its steps; its end then
         * shows for one tick, as a tick without events does. */
        int before = a->story.step;
        bool more = story_advance(&a->story, dt);
        if (a->story.step != before) story_flash(a, now);
        if (more) return;
        story_stop(&a->story);
        a->acc = 0;
        return;
    }
    if (a->note_dwell > 0) return;
    a->acc += dt * speeds[a->speed];
    int steps = 0;
    while (a->acc >= 1.0 && steps < MAX_STEPS_PER_FRAME) {
        if (!clock_has_next(a)) {
            a->playing = false;
            a->acc = 0;
            return;
        }
        if (!step_forward(a, true, false, now)) return;   /* a question or a note stopped it */
        a->acc -= 1.0;
        steps++;
        if (a->story.on) {
            a->acc = 0;
            return;
        }
    }
    if (a->acc >= 1.0) a->acc = 0.999;   /* could not keep up: drop the backlog */
    if (!clock_has_next(a)) {
        a->playing = false;
        a->acc = 0;
    }
}

/* ---- drawing ---- */

static void fill_scene(App *a, int i, Scene *s, double now)
{
    memset(s, 0, sizeof *s);
    Run *r = &a->run[i];
    s->h = r->h;
    s->sc = r->sc;
    s->file = r->path;
    s->alpha = a->playing ? (float)a->acc : 0.0f;
    s->fx = &a->fx[i];
    s->now = now;
    s->code = &r->code;
    s->playing = a->playing;
    s->speed = speeds[a->speed];
    s->speed_name = speed_name(a->speed);
    s->show_code = a->show_code;
    s->show_help = a->show_help;
    s->verbose_log = a->verbose;
    s->hover = a->picker_open || a->hover_pane != i ? -1 : a->hover;
    s->mouse_x = a->mx;
    s->mouse_y = a->my;
    s->focus = a->sel >= 0 && a->sel_pane == i ? a->sel : -1;
    s->base = run_changed(r) ? r->base : NULL;
    if (i == 0 && !a->compare) {
        s->story = a->story.on ? &a->story : NULL;
        s->held_note = a->held_note >= 0 ? &r->sc->actions[a->held_note] : NULL;
        s->autostop = a->autostop;
        s->stale_from = r->diverged;
        s->written_for = r->written_for;
        if (s->story) s->alpha = 0;
    }
}

/* What the control bar's buttons show. */
static CtlState bar_state(const App *a, bool touch_last)
{
    int ord, total = 0;
    scene_note(main_run((App *)a)->sc, 0, &ord, &total);
    CtlState st = {a->playing, a->speed == SPEED_SLOW ? 0 : a->speed == SPEED_NORMAL ? 1 : a->speed == SPEED_FAST ? 2 : -1,
                   a->autostop, a->show_events, a->quiz.on, total > 0, touch_last ? -1 : a->mx, touch_last ? -1 : a->my};
    return st;
}

static void draw(App *a, double now)
{
    if (a->blank) {
        /* Blank: black, nothing else, until a key or a click. */
        draw_rect(&a->d, (Rect){0, 0, a->out_w, a->out_h}, (Rgba){0, 0, 0, 255});
        return;
    }
    EditBar bar = {0};
    bool editing = a->sel >= 0 && !a->micro_on && !quiz_open(&a->quiz);
    if (editing) {
        Run *r = &a->run[a->sel_pane];
        bar = (EditBar){r->base, r->sc, a->sel, a->sel_param, a->tank_drag};
    }
    const char *toast_msg = now < a->toast_until ? a->toast : NULL;
    if (a->compare) {
        CompareScene cs;
        memset(&cs, 0, sizeof cs);
        cs.n = a->nruns;
        ChartScale scale = {0, clock_ticks(a)};
        for (int i = 0; i < a->nruns; i++) {
            fill_scene(a, i, &cs.pane[i], now);
            cs.pane[i].scale = &scale;
            cs.label[i] = a->run[i].label;
            cs.file[i] = a->run[i].path;
            int64_t top = chart_top(a->run[i].h);
            if (top > scale.top) scale.top = top;
        }
        char title[200];
        compare_title(a->run[0].base, a->run[1].base, a->run[0].vary != NULL, title, sizeof title);
        cs.title = title;
        cs.edit = editing ? &bar : NULL;
        cs.tick = a->tick;
        cs.ticks = scale.xmax;
        cs.playing = a->playing;
        cs.speed = speeds[a->speed];
        cs.speed_name = speed_name(a->speed);
        cs.show_help = a->show_help;
        cs.hover_pane = a->hover >= 0 ? a->hover_pane : -1;
        cs.toast = toast_msg;
        compare_draw(&a->d, &a->cl, &cs);
        CtlState st = bar_state(a, a->hover < 0 && a->mx < 0);
        ctl_draw(&a->d, &a->bar, &st);
        return;
    }
    Scene s;
    fill_scene(a, 0, &s, now);
    s.banner = a->banner[0] ? a->banner : NULL;
    s.picker = a->picker_open ? a->picker : NULL;
    s.toast = toast_msg;
    s.quiz = a->quiz.on ? &a->quiz : NULL;
    s.edit = editing ? &bar : NULL;
    s.controls = &a->bar;
    s.ctl = bar_state(a, a->hover < 0 && a->mx < 0);
    /* The caption takes the height its narration needs; the diagram yields it. */
    int need = panel_caption_height(&a->d, a->l.caption.w, &s, a->l.buttons, &a->caption_notes);
    if (need != a->caption_h) {
        a->caption_h = need;
        update_layout(a);
    }
    if (a->micro_on) {
        s.micro = &a->micro;
        s.focus = micro_focus(&a->micro);
        s.alpha = 0;
    }
    scene_draw(&a->d, &a->l, &s);
}

static void app_close(App *a)
{
    micro_free(&a->micro);
    story_free(&a->story);
    script_free(&a->script);
    if (a->headless) {
        off_close(&a->off);   /* owns its renderer and text cache */
    } else {
        text_destroy(a->tc);
        if (a->r) SDL_DestroyRenderer(a->r);
        if (a->win) SDL_DestroyWindow(a->win);
    }
    fonts_close(a->fonts);
    for (int i = 0; i < a->nruns; i++) run_close(&a->run[i]);
    free(a->picker);
    free(a);
}

static int app_open(App *a, const WindowOpts *o)
{
    char err[1200], assets[4200];
    a->compare = o->compare;
    a->arrange = (CompareArrange)o->arrange;
    a->stop = o->stop;
    int n = o->compare ? 2 : 1;
    for (int i = 0; i < n; i++) {
        const char *path = i == 1 && o->file2 ? o->file2 : o->file;
        const char *vary = o->compare && !o->file2 ? o->vary : NULL;
        if (run_open(&a->run[i], path, vary, i, RUN_EXPLORE_START, 0, a->stop, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            return 2;
        }
        a->nruns = i + 1;
    }
    if (o->datadir) snprintf(a->datadir, sizeof a->datadir, "%s", o->datadir);
    else if (datadir_find(a->datadir, sizeof a->datadir) != 0) {
        fprintf(stderr, "highwater: cannot find the fonts (assets/); looked in %s\n", a->datadir);
        return 2;
    }
    snprintf(assets, sizeof assets, "%s/assets", a->datadir);
    a->fonts = fonts_open(assets, err, sizeof err);
    if (!a->fonts) {
        fprintf(stderr, "highwater: %s\n", err);
        return 2;
    }
    if (o->headless) {
        /* A scripted run without a display draws into memory, at the size asked. */
        a->headless = true;
        if (off_open(&a->off, o->w > 0 ? o->w : 1280, o->h > 0 ? o->h : 720, a->fonts, err, sizeof err) != 0) {
            fprintf(stderr, "highwater: %s\n", err);
            return 2;
        }
        a->r = a->off.r;
        a->tc = a->off.tc;
    } else {
        Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
        /* The default 1280x720 must fit a 1024x768 projector: shrink it to the
           screen's usable area (an explicit --size is taken as given). */
        int w = o->w > 0 ? o->w : 1280, h = o->h > 0 ? o->h : 720;
        SDL_Rect ub;
        if (o->w <= 0 && o->h <= 0 && SDL_GetDisplayUsableBounds(0, &ub) == 0 && ub.w > 0 && ub.h > 0) {
            if (w > ub.w) w = ub.w;
            if (h > ub.h) h = ub.h;
        }
        a->win = SDL_CreateWindow("highwater", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
        if (!a->win) {
            fprintf(stderr, "highwater: cannot open a window: %s\n", SDL_GetError());
            return 2;
        }
        /* A window nobody can see is an error, not a process left running. */
        char why[300];
        if (!display_wait_shown(a->win, 5000, why, sizeof why)) {
            fprintf(stderr, "highwater: no display (%s)\n", why);
            return 2;
        }
        set_title(a);
        SDL_SetWindowMinimumSize(a->win, 640, 400);
        a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!a->r) a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
        a->tc = a->r ? text_create(a->r, a->fonts) : NULL;
        if (!a->tc) {
            fprintf(stderr, "highwater: cannot create a renderer: %s\n", SDL_GetError());
            return 2;
        }
    }
    if (o->fullscreen) toggle_fullscreen(a);
    a->projector = o->projector;
    a->playing = o->play;
    a->speed = SPEED_NORMAL;
    a->zoom = 1.0f;
    a->hover = a->hover_pane = -1;
    a->sel = -1;
    a->explore = RUN_EXPLORE_START;
    a->autostop = !o->no_stops;
    a->save_dir = o->save_dir;
    a->held_note = -1;
    a->passed_note = -1;
    a->next_poll = now_s() + RELOAD_POLL_S;
    a->show_events = true;
    a->shots_dir = o->shots_dir;
    a->mx = a->my = -1;
    if (o->script) {
        if (script_load(&a->script, o->script, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            return 2;
        }
        a->scripted = true;
        script_start(&a->player, &a->script);
    }
    quiz_init(&a->quiz, o->class_mode && !o->compare);
    for (int i = 0; i < COMPARE_RUNS; i++) flashes_reset(&a->fx[i], FLASH_S);
    return 0;
}

/* The look-ahead fills the chart's scale and the scrubber in the background,
 * a few milliseconds per frame. */
static void explore(App *a)
{
    for (int i = 0; i < a->nruns; i++) {
        History *h = a->run[i].h;
        if (hist_end(h) >= 0) continue;
        if (a->scripted) {
            hist_extend(h, SCRIPT_EXPLORE);   /* a fixed amount: timing must not change what a replay shows */
            continue;
        }
        double t0 = now_s();
        hist_extend(h, a->explore);
        double ms = (now_s() - t0) * 1000.0;
        if (ms < EXPLORE_MS / 2 && a->explore < 1000000) a->explore *= 2;
        else if (ms > EXPLORE_MS && a->explore > 64) a->explore /= 2;
    }
}

static void handle_event(App *a, const SDL_Event *e, double now)
{
    switch (e->type) {
    case SDL_QUIT: a->quit = true; break;
    case SDL_KEYDOWN: key(a, &e->key, now); break;
    case SDL_MOUSEMOTION:
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: pointer(a, e, now); break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_LEAVE) a->hover = -1;
        break;
    default: break;
    }
}

/* The script's steps due by now, as if a person gave them. */
static void run_script(App *a, double now)
{
    const ScriptStep *st;
    int ww = a->out_w, wh = a->out_h;
    if (a->win) SDL_GetWindowSize(a->win, &ww, &wh);
    uint32_t wid = a->win ? SDL_GetWindowID(a->win) : 0;
    while ((st = script_next(&a->player, now * 1000.0)) != NULL) {
        if (st->op == SCR_SHOT) {
            snprintf(a->shot_name, sizeof a->shot_name, "%s", st->name);
            continue;   /* the player holds the rest until this frame is drawn */
        }
        SDL_Event ev[SCRIPT_MAX_EVENTS];
        int n = script_events(st, wid, ww, wh, a->out_w, a->out_h, ev, SCRIPT_MAX_EVENTS);
        for (int i = 0; i < n; i++) handle_event(a, &ev[i], now);
    }
}

int window_run(const WindowOpts *o)
{
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    char why[512];
    if (o->headless ? SDL_Init(SDL_INIT_EVENTS) != 0 : !display_init(why, sizeof why)) {
        fprintf(stderr, "highwater: no display (%s)\n", o->headless ? SDL_GetError() : why);
        return 2;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "highwater: SDL_ttf: %s\n", TTF_GetError());
        SDL_Quit();
        return 2;
    }
    App *a = calloc(1, sizeof *a);
    int rc = a ? app_open(a, o) : 2;
    if (rc == 0 && a->scripted) {
        update_layout(a);
        char err[600];
        if (script_check_frame(&a->script, a->out_w, a->out_h, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            rc = 2;
        }
    }
    double last = rc == 0 ? (a->scripted ? 0.0 : now_s()) : 0;
    while (rc == 0 && !a->quit) {
        /* The app's handler, not SDL's, has the signals (cmd_view.c): asked once a frame. */
        if (a->stop.fn && a->stop.fn(a->stop.user)) break;
        /* A scripted run keeps its own clock, in whole frames: every replay draws the same frames. */
        double now = a->scripted ? (double)a->frame / SCRIPT_FPS : now_s();
        bool idle = !a->scripted && !a->playing && !a->dragging && !a->tank_drag && now > a->toast_until + 0.1;
        for (int r = 0; r < a->nruns && idle; r++)
            for (int i = 0; i < SC_MAX_STREAMS && idle; i++)
                if (flashes_drain(&a->fx[r], i, now) > 0 || flashes_false(&a->fx[r], i, now) > 0) idle = false;
        SDL_Event e;
        if (!a->headless) {
            /* When nothing moves, sleep until something happens (or the reload poll is due). */
            int got = idle ? SDL_WaitEventTimeout(&e, 100) : SDL_PollEvent(&e);
            while (got) {
                handle_event(a, &e, a->scripted ? now : now_s());
                got = SDL_PollEvent(&e);
            }
        }
        if (a->scripted) run_script(a, now);
        if (!a->scripted) now = now_s();
        double dt = a->scripted ? 1.0 / SCRIPT_FPS : now - last;
        last = now;
        if (dt > 0.25) dt = 0.25;   /* after a stall, resume rather than race to catch up */
        advance(a, dt, now);
        explore(a);
        if (!a->scripted) poll_reload(a, now);
        update_layout(a);
        draw(a, now);
        if (a->shot) screenshot(a, a->tick);
        a->shot = false;
        if (a->shot_name[0]) script_shot(a);
        SDL_RenderPresent(a->r);
        text_frame_end(a->tc);
        if (a->scripted) {
            script_frame_done(&a->player);
            a->frame++;
            if (script_finished(&a->player, (double)a->frame * 1000.0 / SCRIPT_FPS)) a->quit = true;
        }
        /* Without vsync (software renderer, Xvfb) hold about 60 frames per second; headless runs flat out. */
        double spent = now_s() - (a->scripted ? now_s() : now);
        if (!a->headless && !idle && spent < 1.0 / 60) SDL_Delay((Uint32)((1.0 / 60 - spent) * 1000));
    }
    if (rc == 0 && a) rc = a->script_rc;
    if (a) app_close(a);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
