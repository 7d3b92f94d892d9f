/* headless.c - render, probe, bench and record without a display (see headless.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL_ttf.h>

#include "scenario/scenario_yaml.h"
#include "view/card.h"
#include "view/chart.h"
#include "view/datadir.h"
#include "view/gif.h"
#include "view/headless.h"
#include "view/offscreen.h"
#include "view/png.h"
#include "view/scene.h"

/* The chart's scale comes from the whole run; beyond this many ticks the
 * run is explored lazily instead (the scale then grows as it goes). */
#define FULL_RUN_TICKS 2000000

typedef struct {
    Scenario sc;
    bool loaded, ttf;
    History *h;
    CodeListing code;
    Fonts *fonts;
    Offscreen off;
    Layout l;
    Draw d;
    Flashes fx;
    bool show_code;
} Headless;

static void hl_close(Headless *x)
{
    off_close(&x->off);
    fonts_close(x->fonts);
    hist_destroy(x->h);
    if (x->loaded) scenario_free(&x->sc);
    if (x->ttf) TTF_Quit();
    memset(x, 0, sizeof *x);
}

static int hl_open(Headless *x, const FrameOpts *o)
{
    char err[1024], dir[4096], assets[4200];
    memset(x, 0, sizeof *x);
    if (scenario_load_file(o->file, &x->sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    x->loaded = true;
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
    x->h = hist_create(&x->sc, err, sizeof err);
    if (!x->h) {
        fprintf(stderr, "highwater: %s: %s\n", o->file, err);
        hl_close(x);
        return 2;
    }
    hist_extend(x->h, FULL_RUN_TICKS);
    code_build(&x->code, &x->sc);
    x->show_code = o->code;
    const Palette *pal = o->projector ? palette_projector() : palette_normal();
    float s = layout_base_scale(o->w, o->h);
    x->d = (Draw){x->off.r, x->off.tc, pal, s};
    layout_compute(&x->l, &x->sc, (LayoutOpts){o->w, o->h, s, o->code, true});
    flashes_reset(&x->fx, 0.6);
    return 0;
}

static void hl_draw(Headless *x, float alpha, double now)
{
    Scene sc = {0};
    sc.h = x->h;
    sc.sc = &x->sc;
    sc.file = NULL;
    sc.alpha = alpha;
    sc.fx = &x->fx;
    sc.now = now;
    sc.code = &x->code;
    sc.speed = 20;
    sc.speed_name = "normal";
    sc.show_code = x->show_code;
    sc.hover = -1;
    scene_draw(&x->d, &x->l, &sc);
    text_frame_end(x->off.tc);
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

static void probe(Headless *x, const FrameOpts *o)
{
    const TickState *cur = hist_cur(x->h);
    const Palette *p = x->d.pal;
    static const char *const status[] = {"running", "done", "oom", "uncaught"};
    printf("size=%dx%d\nscale=%g\npalette=%s\ntick=%lld\nstatus=%s\n", o->w, o->h, x->d.s, p->name,
           (long long)cur->tick, status[cur->status]);
    Rect death = scene_death_rect(&x->l, x->h);
    printf("dead=%d\n", death.w > 0);
    if (death.w > 0) rect_kv("death", death);
    struct { const char *k; Rgba c; } cols[] = {
        {"fill", p->fill}, {"fill_over", p->fill_over}, {"fill_log", p->fill_log}, {"hwm_line", p->hwm_line},
        {"tank_bg", p->tank_bg}, {"flowing", p->flowing}, {"paused", p->paused}, {"error", p->error},
        {"bg", p->bg},
    };
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        char hex[7];
        palette_hex(cols[i].c, hex);
        printf("color.%s=%s\n", cols[i].k, hex);
    }
    printf("tank.line=%d\n", tank_line_px(&x->d));
    for (int i = 0; i < x->l.ncards && i < cur->n; i++) {
        const StreamDef *def = &x->sc.streams[i];
        const StreamView *v = &cur->v[i];
        const CardBox *b = &x->l.card[i];
        char key[96];
        snprintf(key, sizeof key, "card.%s", def->id);
        rect_kv(key, b->card);
        for (int side = 0; side < 2; side++) {
            if (b->tank[side].w <= 0) continue;
            const char *sn = side == SIDE_R ? "r" : "w";
            TankScale ts = card_tank_scale(def, v, side);
            snprintf(key, sizeof key, "tank.%s.%s", def->id, sn);
            rect_kv(key, b->tank[side]);
            printf("%s.hwm=%lld\n%s.cap=%lld\n%s.len=%lld\n", key, (long long)ts.hwm, key, (long long)ts.cap, key,
                   (long long)(side == SIDE_R ? v->rlen : v->wlen));
            snprintf(key, sizeof key, "over.%s.%s", def->id, sn);
            rect_kv(key, b->over[side]);
        }
        if (b->light.w > 0) {
            snprintf(key, sizeof key, "light.%s", def->id);
            rect_kv(key, b->light);
            printf("%s.state=%s\n", key, light_name(card_light(v)));
        }
    }
    ChartGeom g = chart_geom(&x->d, x->l.chart, x->h);
    rect_kv("chart.plot", g.plot);
    printf("chart.ymax=%lld\nchart.xmax=%lld\n", (long long)g.ymax, (long long)g.xmax);
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
    hist_seek(x->h, 0);
    for (int i = 0; i < n; i++) {
        if (i % 3 == 0 && i > 0) {
            if (!hist_next(x->h)) hist_seek(x->h, 0);
            else hist_forward(x->h);
        }
        double t0 = thread_cpu_ms();
        hl_draw(x, (float)(i % 3) / 3.0f, 0);
        off_pixels(&x->off, &pitch);
        ms[i] = thread_cpu_ms() - t0;
    }
    report("play", ms, n, x->off.w, x->off.h);
    int64_t last = hist_last(x->h);
    for (int i = 0; i < n; i++) {
        hist_seek(x->h, last * i / (n > 1 ? n - 1 : 1));
        double t0 = thread_cpu_ms();
        hl_draw(x, 0.5f, 0);
        off_pixels(&x->off, &pitch);
        ms[i] = thread_cpu_ms() - t0;
    }
    report("seek", ms, n, x->off.w, x->off.h);
    free(ms);
}

int headless_render(const FrameOpts *o, int64_t tick, float alpha, const char *out, bool want_probe, int nbench)
{
    Headless x;
    int rc = hl_open(&x, o);
    if (rc) return rc;
    hist_seek(x.h, tick);
    int n;
    const LoggedEvent *ev = hist_events(x.h, false, &n);
    flashes_note(&x.fx, ev, n, 0);
    hl_draw(&x, alpha, 0);
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
    hist_seek(x->h, from);
    int index = 0;
    for (int64_t t = from; t <= to; t++) {
        *at = t;
        if (stop && *stop) return STOPPED;
        if (t > from) hist_forward(x->h);
        int n;
        const LoggedEvent *ev = hist_events(x->h, false, &n);
        flashes_note(&x->fx, ev, n, (double)index / fps);
        for (int k = 0; k < per_tick; k++, index++) {
            /* The last tick has nothing to move toward: one frame is enough. */
            if (k > 0 && !hist_next(x->h)) break;
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
        hist_seek(x->h, ticks[i]);
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

int headless_record(const FrameOpts *o, int64_t from, int64_t to, double fps, int per_tick, const char *out,
                    const volatile sig_atomic_t *stop)
{
    int64_t at = from;
    Headless x;
    int rc = hl_open(&x, o);
    if (rc) return rc;
    int64_t last = hist_last(x.h);
    if (to < 0 || to > last) to = last;
    if (from < 0) from = 0;
    if (from > to) {
        fprintf(stderr, "highwater record: --from %lld is after the run's last tick %lld\n", (long long)from,
                (long long)to);
        hl_close(&x);
        return 2;
    }
    if (per_tick < 1) per_tick = 1;
    if (ends_with(out, ".gif")) {
        GifJob j = {gif_start(&x, out, from, to), (int)(100.0 / fps + 0.5)};
        if (!j.g) rc = 2;
        if (!rc) {
            if (j.delay < 2) j.delay = 2;   /* browsers treat smaller delays as 10 */
            flashes_reset(&x.fx, 0.6);
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
        PngDir pd = {out, per_tick};
        rc = each_frame(&x, from, to, fps, per_tick, png_frame, &pd, stop, &at);
        if (rc == STOPPED)
            fprintf(stderr, "highwater record: interrupted at tick %lld; the frames before it are in %s\n",
                    (long long)at, out);
    }
    if (!rc) fprintf(stderr, "highwater: recorded ticks %lld..%lld to %s\n", (long long)from, (long long)to, out);
    hl_close(&x);
    return rc;
}
