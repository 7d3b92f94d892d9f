/* window.c - the interactive window: playback, controls, hot reload (see window.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "scenario/scenario_yaml.h"
#include "view/datadir.h"
#include "view/overlay.h"
#include "view/png.h"
#include "view/scene.h"
#include "view/window.h"

#define MAX_STEPS_PER_FRAME 20000   /* the fastest speeds; beyond, the frame rate would suffer */
#define EXPLORE_START 2000          /* look-ahead ticks per frame at first; adapted to EXPLORE_MS */
#define EXPLORE_MS 3.0              /* time per frame the look-ahead may take while the end is unknown */
#define RELOAD_POLL_S 0.5
#define FLASH_S 0.7

static const double speeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
enum { SPEED_SLOW = 2, SPEED_NORMAL = 4, SPEED_FAST = 6, NSPEEDS = sizeof speeds / sizeof speeds[0] };

typedef struct {
    /* the scenario and its run; sc stays at one address while h uses it */
    char path[4096];
    Scenario *sc;
    History *h;
    CodeListing code;
    struct timespec mtime;
    off_t fsize;
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
    Flashes fx;

    bool show_code, show_help, verbose, projector, fullscreen, quit;
    float zoom;         /* Ctrl +/- */
    Picker *picker;
    bool picker_open;
    char toast[256];
    double toast_until;
    int hover, mx, my;
    bool dragging, drag_was_playing;
    int64_t explore;    /* look-ahead ticks per frame, adapted to EXPLORE_MS */
    SDL_Rect saved;     /* window place before full screen */

    Layout l;
    Draw d;
    int out_w, out_h;
    float px_ratio;     /* output pixels per window coordinate (high DPI) */
} App;

static double now_s(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

bool window_display_available(char *why, size_t len)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && (!strcmp(drv, "dummy") || !strcmp(drv, "offscreen"))) {
        snprintf(why, len, "SDL_VIDEODRIVER=%s", drv);
        return false;
    }
    /* Without these SDL would still "succeed" with its offscreen driver, and
     * libwayland would complain on stderr while it looked. */
    if (!drv && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
        snprintf(why, len, "DISPLAY is not set");
        return false;
    }
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        snprintf(why, len, "%s", SDL_GetError());
        return false;
    }
    const char *cur = SDL_GetCurrentVideoDriver();
    bool ok = SDL_GetNumVideoDisplays() > 0 && cur && strcmp(cur, "offscreen") != 0 && strcmp(cur, "dummy") != 0;
    if (!ok) snprintf(why, len, "SDL found no screen (driver %s)", cur ? cur : "none");
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return ok;
}

static void toast(App *a, const char *msg)
{
    size_t n = strlen(msg);
    if (n >= sizeof a->toast) n = sizeof a->toast - 1;   /* a long path is cut, not an error */
    memcpy(a->toast, msg, n);
    a->toast[n] = 0;
    a->toast_until = now_s() + 2.5;
}

static void stat_file(const char *path, struct timespec *mt, off_t *size)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        *mt = st.st_mtim;
        *size = st.st_size;
    } else {
        memset(mt, 0, sizeof *mt);
        *size = -1;
    }
}

/* Loads path into a new run; on success replaces the current one and shows
 * tick `at` (clamped). On failure keeps the current run and sets the banner. */
static int open_scenario(App *a, const char *path, int64_t at)
{
    char err[1024];
    Scenario *sc = calloc(1, sizeof *sc);
    if (!sc) return -1;
    if (scenario_load_file(path, sc, err, sizeof err) != 0) {
        snprintf(a->banner, sizeof a->banner, "%s  (still showing the last version that loaded)", err);
        free(sc);
        return -1;
    }
    History *h = hist_create(sc, err, sizeof err);
    if (!h) {
        snprintf(a->banner, sizeof a->banner, "%s: %s", path, err);
        scenario_free(sc);
        free(sc);
        return -1;
    }
    hist_extend(h, EXPLORE_START);
    if (a->h) hist_destroy(a->h);
    if (a->sc) {
        scenario_free(a->sc);
        free(a->sc);
    }
    a->sc = sc;
    a->h = h;
    a->banner[0] = 0;
    if (path != a->path) snprintf(a->path, sizeof a->path, "%s", path);
    stat_file(a->path, &a->mtime, &a->fsize);
    code_build(&a->code, sc);
    if (a->win) {
        char title[300];
        snprintf(title, sizeof title, "highwater: %s", sc->title ? sc->title : sc->name);
        SDL_SetWindowTitle(a->win, title);
    }
    flashes_reset(&a->fx, FLASH_S);
    hist_seek(a->h, at);
    a->acc = 0;
    a->hover = -1;
    return 0;
}

static void poll_reload(App *a, double now)
{
    if (now < a->next_poll) return;
    a->next_poll = now + RELOAD_POLL_S;
    struct timespec mt;
    off_t size;
    stat_file(a->path, &mt, &size);
    if (size < 0 || (mt.tv_sec == a->mtime.tv_sec && mt.tv_nsec == a->mtime.tv_nsec && size == a->fsize)) return;
    a->mtime = mt;
    a->fsize = size;
    /* Deterministic model: re-simulating and seeking lands on the same moment of the edited run. */
    if (open_scenario(a, a->path, hist_cur(a->h)->tick) == 0) toast(a, "reloaded");
}

static void seek(App *a, int64_t t, double now)
{
    /* Past what the look-ahead has explored, a seek would stall the window
     * while the model catches up: stop at the frontier instead. */
    if (hist_end(a->h) < 0 && t > hist_known(a->h) - 1) t = hist_known(a->h) - 1;
    hist_seek(a->h, t);
    a->acc = 0;
    int n;
    const LoggedEvent *ev = hist_events(a->h, false, &n);
    flashes_note(&a->fx, ev, n, now);
}

static void step_forward(App *a, double now)
{
    hist_forward(a->h);
    int n;
    const LoggedEvent *ev = hist_events(a->h, false, &n);
    flashes_note(&a->fx, ev, n, now);
}

static void jump_note(App *a, int dir, double now)
{
    int64_t t = hist_cur(a->h)->tick, best = -1;
    for (int i = 0; i < a->sc->nactions; i++) {
        const ActionDef *ad = &a->sc->actions[i];
        if (ad->kind != ACT_NOTE) continue;
        if (dir > 0 && ad->at > t && (best < 0 || ad->at < best)) best = ad->at;
        if (dir < 0) {
            /* The note being shown is at or before t: go to the one before it. */
            int ord;
            int cur = scene_note(a->sc, t, &ord, NULL);
            int64_t cur_at = cur >= 0 ? a->sc->actions[cur].at : -1;
            if (ad->at < cur_at && ad->at > best) best = ad->at;
        }
    }
    if (dir < 0 && best < 0) best = 0;
    if (best >= 0) seek(a, best, now);
}

static void screenshot(App *a, int64_t tick)
{
    int w = a->out_w, h = a->out_h;
    uint32_t *px = malloc((size_t)w * (size_t)h * 4);
    if (!px) return;
    char path[512], err[1200], msg[1300];
    if (SDL_RenderReadPixels(a->r, NULL, SDL_PIXELFORMAT_ARGB8888, px, w * 4) != 0) {
        snprintf(msg, sizeof msg, "screenshot failed: %s", SDL_GetError());
        toast(a, msg);
        free(px);
        return;
    }
    struct stat st;
    for (int k = 0; k < 1000; k++) {
        if (k == 0) snprintf(path, sizeof path, "highwater-%s-t%lld.png", a->sc->name, (long long)tick);
        else snprintf(path, sizeof path, "highwater-%s-t%lld-%d.png", a->sc->name, (long long)tick, k);
        if (stat(path, &st) != 0) break;
    }
    if (png_write_argb(path, px, w, h, w * 4, err, sizeof err) == 0) snprintf(msg, sizeof msg, "saved %s", path);
    else snprintf(msg, sizeof msg, "screenshot failed: %s", err);
    toast(a, msg);
    free(px);
}

static void update_layout(App *a)
{
    int ww, wh;
    SDL_GetRendererOutputSize(a->r, &a->out_w, &a->out_h);
    SDL_GetWindowSize(a->win, &ww, &wh);
    a->px_ratio = ww > 0 ? (float)a->out_w / (float)ww : 1.0f;
    float s = layout_base_scale(a->out_w, a->out_h) * a->zoom;
    const Palette *pal = a->projector ? palette_projector() : palette_normal();
    a->d = (Draw){a->r, a->tc, pal, s};
    layout_compute(&a->l, a->sc, (LayoutOpts){a->out_w, a->out_h, s, a->show_code, true});
}

static void open_picker(App *a)
{
    if (!a->picker) a->picker = calloc(1, sizeof *a->picker);
    if (!a->picker) return;
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/scenarios", a->datadir);
    picker_scan(a->picker, dir, a->path);
    picker_move(a->picker, 0, overlay_picker_rows(&a->d, &a->l));
    a->picker_open = true;
}

static void picker_key(App *a, SDL_Keycode k, double now)
{
    int rows = overlay_picker_rows(&a->d, &a->l);
    Picker *p = a->picker;
    switch (k) {
    case SDLK_UP: picker_move(p, -1, rows); break;
    case SDLK_DOWN: picker_move(p, 1, rows); break;
    case SDLK_PAGEUP: picker_move(p, -rows, rows); break;
    case SDLK_PAGEDOWN: picker_move(p, rows, rows); break;
    case SDLK_HOME: picker_move(p, -p->n, rows); break;
    case SDLK_END: picker_move(p, p->n, rows); break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (p->n > 0) {
            a->picker_open = false;
            a->playing = false;
            if (open_scenario(a, p->e[p->sel].path, 0) == 0) {
                seek(a, 0, now);
                toast(a, p->e[p->sel].name);
            }
        }
        break;
    case SDLK_ESCAPE:
    case SDLK_l:
    case SDLK_q: a->picker_open = false; break;
    default: break;
    }
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

static bool is_plus(SDL_Keycode k) { return k == SDLK_PLUS || k == SDLK_EQUALS || k == SDLK_KP_PLUS; }
static bool is_minus(SDL_Keycode k) { return k == SDLK_MINUS || k == SDLK_KP_MINUS || k == SDLK_UNDERSCORE; }

static void key(App *a, const SDL_KeyboardEvent *e, double now)
{
    SDL_Keycode k = e->keysym.sym;
    bool shift = e->keysym.mod & KMOD_SHIFT, ctrl = e->keysym.mod & (KMOD_CTRL | KMOD_GUI);
    if (a->picker_open) {
        picker_key(a, k, now);
        return;
    }
    if (a->show_help) {
        /* Any key closes the help; Esc and Q must not also quit. */
        if (!(k == SDLK_SLASH || k == SDLK_QUESTION || k == SDLK_LSHIFT || k == SDLK_RSHIFT)) {
            a->show_help = false;
            return;
        }
    }
    int64_t t = hist_cur(a->h)->tick;
    if (ctrl) {
        if (is_plus(k)) a->zoom = fminf(a->zoom * 1.1f, 2.6f);
        else if (is_minus(k)) a->zoom = fmaxf(a->zoom / 1.1f, 0.6f);
        else if (k == SDLK_0 || k == SDLK_KP_0) a->zoom = 1.0f;
        else if (k == SDLK_q || k == SDLK_w) a->quit = true;
        return;
    }
    switch (k) {
    case SDLK_SPACE:
        if (!a->playing && !hist_next(a->h)) seek(a, 0, now);   /* at the end, Space plays it again */
        a->playing = !a->playing;
        a->acc = 0;
        break;
    case SDLK_RIGHT:
        a->playing = false;
        for (int i = 0; i < (shift ? 10 : 1); i++) step_forward(a, now);
        a->acc = 0;
        break;
    case SDLK_LEFT:
        a->playing = false;
        seek(a, t - (shift ? 10 : 1), now);
        break;
    case SDLK_HOME:
        seek(a, 0, now);
        a->playing = true;
        break;
    case SDLK_END: seek(a, hist_last(a->h), now); a->playing = false; break;
    case SDLK_LEFTBRACKET: jump_note(a, -1, now); break;
    case SDLK_RIGHTBRACKET: jump_note(a, 1, now); break;
    case SDLK_1: a->speed = SPEED_SLOW; break;
    case SDLK_2: a->speed = SPEED_NORMAL; break;
    case SDLK_3: a->speed = SPEED_FAST; break;
    case SDLK_f: toggle_fullscreen(a); break;
    case SDLK_p: a->projector = !a->projector; toast(a, a->projector ? "projector colours" : "screen colours"); break;
    case SDLK_c: a->show_code = !a->show_code; break;
    case SDLK_v: a->verbose = !a->verbose; break;
    case SDLK_l: open_picker(a); break;
    case SDLK_s: break;   /* handled after drawing: the shot is of the frame on screen */
    case SDLK_SLASH:
    case SDLK_QUESTION:
        if (shift || k == SDLK_QUESTION) a->show_help = !a->show_help;
        break;
    case SDLK_h:
    case SDLK_F1: a->show_help = !a->show_help; break;
    case SDLK_ESCAPE:
    case SDLK_q: a->quit = true; break;
    default:
        if (is_plus(k) && a->speed < NSPEEDS - 1) a->speed++;
        else if (is_minus(k) && a->speed > 0) a->speed--;
        break;
    }
}

static const char *speed_name(int i)
{
    return i == SPEED_SLOW ? "slow" : i == SPEED_NORMAL ? "normal" : i == SPEED_FAST ? "fast" : NULL;
}

static void mouse(App *a, const SDL_Event *e, double now)
{
    int x, y;
    if (e->type == SDL_MOUSEMOTION) {
        x = e->motion.x;
        y = e->motion.y;
    } else {
        x = e->button.x;
        y = e->button.y;
    }
    a->mx = (int)((float)x * a->px_ratio);
    a->my = (int)((float)y * a->px_ratio);
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        if (a->show_help) {
            a->show_help = false;
            return;
        }
        if (a->picker_open) {
            int i = overlay_picker_hit(&a->d, &a->l, a->picker, a->mx, a->my);
            if (i >= 0 && i == a->picker->sel) picker_key(a, SDLK_RETURN, now);
            else if (i >= 0) a->picker->sel = i;
            return;
        }
        if (rect_has(a->l.scrub, a->mx, a->my)) {
            a->dragging = true;
            a->drag_was_playing = a->playing;
            a->playing = false;
            seek(a, scene_scrub_tick(&a->d, &a->l, a->h, a->mx), now);
        }
    } else if (e->type == SDL_MOUSEBUTTONUP && e->button.button == SDL_BUTTON_LEFT) {
        if (a->dragging) a->playing = a->drag_was_playing;
        a->dragging = false;
    } else if (e->type == SDL_MOUSEMOTION && a->dragging) {
        int64_t t = scene_scrub_tick(&a->d, &a->l, a->h, a->mx);
        if (t != hist_cur(a->h)->tick) seek(a, t, now);
    }
    a->hover = a->dragging ? -1 : scene_hit_card(&a->l, a->mx, a->my);
}

static void advance(App *a, double dt, double now)
{
    if (!a->playing) return;
    a->acc += dt * speeds[a->speed];
    int steps = 0;
    while (a->acc >= 1.0 && steps < MAX_STEPS_PER_FRAME) {
        if (!hist_next(a->h)) {
            a->playing = false;
            a->acc = 0;
            return;
        }
        step_forward(a, now);
        a->acc -= 1.0;
        steps++;
    }
    if (a->acc >= 1.0) a->acc = 0.999;   /* could not keep up: drop the backlog */
    if (!hist_next(a->h)) {
        a->playing = false;
        a->acc = 0;
    }
}

static void draw(App *a, double now)
{
    Scene s = {0};
    s.h = a->h;
    s.sc = a->sc;
    s.file = a->path;
    s.alpha = a->playing ? (float)a->acc : 0.0f;
    s.fx = &a->fx;
    s.now = now;
    s.code = &a->code;
    s.playing = a->playing;
    s.speed = speeds[a->speed];
    s.speed_name = speed_name(a->speed);
    s.show_code = a->show_code;
    s.show_help = a->show_help;
    s.verbose_log = a->verbose;
    s.hover = a->picker_open ? -1 : a->hover;
    s.mouse_x = a->mx;
    s.mouse_y = a->my;
    s.banner = a->banner[0] ? a->banner : NULL;
    s.picker = a->picker_open ? a->picker : NULL;
    s.toast = now < a->toast_until ? a->toast : NULL;
    scene_draw(&a->d, &a->l, &s);
}

static void app_close(App *a)
{
    text_destroy(a->tc);
    if (a->r) SDL_DestroyRenderer(a->r);
    if (a->win) SDL_DestroyWindow(a->win);
    fonts_close(a->fonts);
    hist_destroy(a->h);
    if (a->sc) {
        scenario_free(a->sc);
        free(a->sc);
    }
    free(a->picker);
    free(a);
}

static int app_open(App *a, const WindowOpts *o)
{
    char err[1200], assets[4200];
    if (open_scenario(a, o->file, 0) != 0) {
        fprintf(stderr, "%s\n", a->banner);
        return 2;
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
    char title[300];
    snprintf(title, sizeof title, "highwater: %s", a->sc->title ? a->sc->title : a->sc->name);
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    a->win = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o->w > 0 ? o->w : 1280,
                              o->h > 0 ? o->h : 720, flags);
    if (!a->win) {
        fprintf(stderr, "highwater: cannot open a window: %s\n", SDL_GetError());
        return 2;
    }
    SDL_SetWindowMinimumSize(a->win, 640, 400);
    a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!a->r) a->r = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    a->tc = a->r ? text_create(a->r, a->fonts) : NULL;
    if (!a->tc) {
        fprintf(stderr, "highwater: cannot create a renderer: %s\n", SDL_GetError());
        return 2;
    }
    if (o->fullscreen) toggle_fullscreen(a);
    a->projector = o->projector;
    a->playing = o->play;
    a->speed = SPEED_NORMAL;
    a->zoom = 1.0f;
    a->hover = -1;
    a->explore = EXPLORE_START;
    a->next_poll = now_s() + RELOAD_POLL_S;
    return 0;
}

int window_run(const WindowOpts *o)
{
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "highwater: SDL: %s\n", SDL_GetError());
        return 2;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "highwater: SDL_ttf: %s\n", TTF_GetError());
        SDL_Quit();
        return 2;
    }
    App *a = calloc(1, sizeof *a);
    int rc = a ? app_open(a, o) : 2;
    double last = now_s();
    while (rc == 0 && !a->quit) {
        double now = now_s();
        bool idle = !a->playing && !a->dragging && now > a->toast_until + 0.1;
        for (int i = 0; i < SC_MAX_STREAMS && idle; i++)
            if (flashes_drain(&a->fx, i, now) > 0 || flashes_false(&a->fx, i, now) > 0) idle = false;
        bool shot = false;
        SDL_Event e;
        /* When nothing moves, sleep until something happens (or the reload poll is due). */
        int got = idle ? SDL_WaitEventTimeout(&e, 100) : SDL_PollEvent(&e);
        while (got) {
            now = now_s();
            switch (e.type) {
            case SDL_QUIT: a->quit = true; break;
            case SDL_KEYDOWN:
                if (e.key.keysym.sym == SDLK_s && !(e.key.keysym.mod & (KMOD_CTRL | KMOD_GUI)) && !a->picker_open &&
                    !a->show_help)
                    shot = true;
                key(a, &e.key, now);
                break;
            case SDL_MOUSEMOTION:
            case SDL_MOUSEBUTTONDOWN:
            case SDL_MOUSEBUTTONUP: mouse(a, &e, now); break;
            case SDL_WINDOWEVENT:
                if (e.window.event == SDL_WINDOWEVENT_LEAVE) a->hover = -1;
                break;
            default: break;
            }
            got = SDL_PollEvent(&e);
        }
        now = now_s();
        double dt = now - last;
        last = now;
        if (dt > 0.25) dt = 0.25;   /* after a stall, resume rather than race to catch up */
        advance(a, dt, now);
        if (hist_end(a->h) < 0) {
            /* The look-ahead fills the chart's scale and the scrubber in the
             * background, a few milliseconds per frame. */
            double t0 = now_s();
            hist_extend(a->h, a->explore);
            double ms = (now_s() - t0) * 1000.0;
            if (ms < EXPLORE_MS / 2 && a->explore < 1000000) a->explore *= 2;
            else if (ms > EXPLORE_MS && a->explore > 64) a->explore /= 2;
        }
        poll_reload(a, now);
        update_layout(a);
        draw(a, now);
        if (shot) screenshot(a, hist_cur(a->h)->tick);
        SDL_RenderPresent(a->r);
        text_frame_end(a->tc);
        /* Without vsync (software renderer, Xvfb) hold about 60 frames per second. */
        double spent = now_s() - now;
        if (!idle && spent < 1.0 / 60) SDL_Delay((Uint32)((1.0 / 60 - spent) * 1000));
    }
    if (a) app_close(a);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
