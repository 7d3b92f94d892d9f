/* cmd_view.c - `highwater view`, `render` and `record`: the window, one
 * frame headless, and frames or a GIF headless. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "app/args.h"
#include "app/cmdtab.h"
#include "app/commands.h"
#include "app/stop.h"
#include "app/viewstop.h"
#include "scenario/scenario_yaml.h"
#include "view/display.h"
#include "view/headless.h"
#include "view/script.h"
#include "view/window.h"



static void view_usage(FILE *f)
{
    cmdtab_usage_of(f, "view");
}

/* SDL's own handler only queues a quit event, read between frames: a
 * look-ahead of heavy ticks before the first frame never saw it. */
int view_window_run(const char *cmd, WindowOpts *wo)
{
    stop_on_signals(STOP_POLL);
    wo->stop = (StopHook){stop_requested, NULL};
    int rc = window_run(wo);
    if (!stop_signal()) return rc;
    fprintf(stderr, "highwater %s: interrupted\n", cmd);
    return stop_exit_status();
}

int cmd_view(int argc, char **argv)
{
    static const struct option opts[] = {
        {"size", required_argument, 0, 's'}, {"projector", no_argument, 0, 'p'},
        {"fullscreen", no_argument, 0, 'f'}, {"play", no_argument, 0, 'P'},
        {"or-summary", no_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
        {"class", no_argument, 0, 'k'},      {"no-stops", no_argument, 0, 'n'},
        {"save-dir", required_argument, 0, 'd'}, {"shots", required_argument, 0, 'S'},
        {"script", required_argument, 0, 'i'}, {"headless", no_argument, 0, 'H'},
        {0, 0, 0, 0},
    };
    WindowOpts wo = {0};
    bool or_summary = false;
    int c;
    optind = 1;
    bool headless = false;
    while ((c = getopt_long(argc, argv, "s:pfPohknd:S:i:H", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (args_size(optarg, &wo.w, &wo.h) != 0) {
                fprintf(stderr, "highwater view: --size wants WxH (e.g. 1920x1080), not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'p': wo.projector = true; break;
        case 'f': wo.fullscreen = true; break;
        case 'P': wo.play = true; break;
        case 'o': or_summary = true; break;
        case 'k': wo.class_mode = true; break;
        case 'n': wo.no_stops = true; break;
        case 'd': wo.save_dir = optarg; break;
        case 'S': wo.shots_dir = optarg; break;
        case 'i': wo.script = optarg; break;
        case 'H': headless = true; break;
        case 'h': view_usage(stdout); return 0;
        default: view_usage(stderr); return 2;
        }
    }
    if (optind != argc - 1) {
        view_usage(stderr);
        return 2;
    }
    wo.file = argv[optind];
    /* A bad file is the same error with or without a display. */
    Scenario sc;
    char err[1024];
    if (scenario_load_file(wo.file, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    scenario_free(&sc);
    if (headless && !wo.script) {
        fprintf(stderr, "highwater view: --headless goes with --script\n");
        return 2;
    }
    if (wo.script) {
        Script script;
        if (script_load(&script, wo.script, err, sizeof err) != 0) {
            fprintf(stderr, "%s\n", err);
            return 2;
        }
        script_free(&script);
    }
    char why[512];
    if (wo.script && (headless || !display_available(why, sizeof why))) {
        wo.headless = true;
        return view_window_run("view", &wo);
    }
    if (!display_available(why, sizeof why)) {
        if (or_summary) {
            printf("highwater: no display (%s); here is the summary instead\n", why);
            fflush(stdout);
            char *args[] = {"run", "--summary", (char *)wo.file, NULL};
            return cmd_run(3, args);
        }
        fprintf(stderr,
                "highwater: no display (%s); try `highwater render %s --tick N --out frame.png` or "
                "`highwater record %s --out frames.gif`\n",
                why, wo.file, wo.file);
        return 2;
    }
    return view_window_run("view", &wo);
}

static void render_usage(FILE *f)
{
    cmdtab_usage_of(f, "render");
}

int cmd_render(int argc, char **argv)
{
    static const struct option opts[] = {
        {"tick", required_argument, 0, 't'}, {"out", required_argument, 0, 'o'},
        {"size", required_argument, 0, 's'}, {"projector", no_argument, 0, 'p'},
        {"code", no_argument, 0, 'c'},       {"alpha", required_argument, 0, 'a'},
        {"probe", no_argument, 0, 'r'},      {"bench", required_argument, 0, 'b'},
        {"help", no_argument, 0, 'h'},       {"class", no_argument, 0, 'K'},
        {"reveal", no_argument, 0, 'R'},     {"pick", required_argument, 0, 'k'},
        {"micro", required_argument, 0, 'm'}, {"set", required_argument, 0, 'S'},
        {"select", required_argument, 0, 'e'}, {"save-yaml", required_argument, 0, 'y'},
        {"step", required_argument, 0, 'T'},  {0, 0, 0, 0},
    };
    FrameOpts fo;
    memset(&fo, 0, sizeof fo);
    fo.w = 1280;
    fo.h = 720;
    long long tick = 0, nbench = 0;
    const char *out = NULL;
    bool probe = false;
    float alpha = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "t:o:s:pca:rb:hKRk:m:S:e:y:T:", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (args_i64(optarg, 0, 1000000000000LL, &tick) != 0) {
                fprintf(stderr, "highwater render: --tick wants a tick number, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'o': out = optarg; break;
        case 's':
            if (args_size(optarg, &fo.w, &fo.h) != 0) {
                fprintf(stderr, "highwater render: --size wants WxH from 320x200 to 7680x4320, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'p': fo.projector = true; break;
        case 'c': fo.code = true; break;
        case 'a': {
            char *end;
            alpha = strtof(optarg, &end);
            if (*end || end == optarg || alpha < 0 || alpha >= 1) {
                fprintf(stderr, "highwater render: --alpha wants a number from 0 to below 1\n");
                return 2;
            }
            break;
        }
        case 'r': probe = true; break;
        case 'b':
            if (args_i64(optarg, 1, 100000, &nbench) != 0) {
                fprintf(stderr, "highwater render: --bench wants a frame count from 1 to 100000\n");
                return 2;
            }
            break;
        case 'K': fo.class_mode = true; break;
        case 'R': fo.reveal = true; break;
        case 'k': {
            long long k;
            if (args_i64(optarg, 1, 4, &k) != 0) {
                fprintf(stderr, "highwater render: --pick wants a choice from 1 to 4\n");
                return 2;
            }
            fo.pick = (int)k;
            break;
        }
        case 'm': {
            long long k;
            if (args_i64(optarg, 0, 1000000, &k) != 0) {
                fprintf(stderr, "highwater render: --micro wants an event number (0: before the first)\n");
                return 2;
            }
            fo.micro = true;
            fo.micro_pos = (int)k;
            break;
        }
        case 'S':
            if (fo.nsets == FRAME_MAX_SETS) {
                fprintf(stderr, "highwater render: at most %d --set\n", FRAME_MAX_SETS);
                return 2;
            }
            fo.sets[fo.nsets++] = optarg;
            break;
        case 'e': fo.select = optarg; break;
        case 'y': fo.save_yaml = optarg; break;
        case 'T': {
            long long k;
            if (!strcmp(optarg, "last")) fo.step = STEP_LAST;
            else if (args_i64(optarg, 1, 1000000, &k) == 0) fo.step = (int)k;
            else {
                fprintf(stderr, "highwater render: --step wants an event number from 1, or last, not '%s'\n", optarg);
                return 2;
            }
            break;
        }
        case 'h': render_usage(stdout); return 0;
        default: render_usage(stderr); return 2;
        }
    }
    if ((fo.reveal || fo.pick) && !fo.class_mode) {
        fprintf(stderr, "highwater render: --reveal and --pick go with --class\n");
        return 2;
    }
    if (optind != argc - 1 || (!out && !probe && !nbench && !fo.save_yaml)) {
        render_usage(stderr);
        return 2;
    }
    fo.file = argv[optind];
    /* main's handler already ends render at a signal; the hook is for the
     * Sims all the same, so no view Sim runs without one. */
    fo.stop = (StopHook){stop_requested, NULL};
    if (!out && !probe && !nbench) return headless_save(&fo);
    return headless_render(&fo, tick, alpha, out, probe, (int)nbench);
}

#define RECORD_MAX_BYTES (10LL * 1000 * 1000)   /* a GIF larger than this needs --force */

/* Note k's range of ticks: from its tick to the next note's tick (the run's
 * end for the last note). Notes count in the order they are shown (by tick,
 * whatever their order in the file), and the next note is the first at a
 * later tick. Returns 0, or 2 with a message. */
static int note_range(const char *file, int k, long long *from, long long *to)
{
    Scenario sc;
    char err[1024];
    if (scenario_load_file(file, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    int n = 0;
    long long at[2] = {-1, -1};
    /* The k-th note shown: the k-th smallest tick (file order among equal ticks). */
    for (int i = 0; i < sc.nactions; i++) {
        if (sc.actions[i].kind != ACT_NOTE) continue;
        n++;
        int before = 0;
        for (int j = 0; j < sc.nactions; j++)
            if (sc.actions[j].kind == ACT_NOTE &&
                (sc.actions[j].at < sc.actions[i].at || (sc.actions[j].at == sc.actions[i].at && j < i)))
                before++;
        if (before + 1 == k) at[0] = sc.actions[i].at;
    }
    for (int i = 0; at[0] >= 0 && i < sc.nactions; i++)
        if (sc.actions[i].kind == ACT_NOTE && sc.actions[i].at > at[0] && (at[1] < 0 || sc.actions[i].at < at[1]))
            at[1] = sc.actions[i].at;
    scenario_free(&sc);
    if (at[0] < 0) {
        fprintf(stderr, "highwater record: --note %d: %s has %d note%s\n", k, file, n, n == 1 ? "" : "s");
        return 2;
    }
    *from = at[0];
    *to = at[1];   /* -1: to the end */
    return 0;
}

static void record_usage(FILE *f)
{
    cmdtab_usage_of(f, "record");
}

int cmd_record(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},  {"from", required_argument, 0, 'f'},
        {"to", required_argument, 0, 't'},   {"fps", required_argument, 0, 'r'},
        {"per-tick", required_argument, 0, 'k'}, {"size", required_argument, 0, 's'},
        {"projector", no_argument, 0, 'p'},  {"code", no_argument, 0, 'c'},
        {"help", no_argument, 0, 'h'},       {"slide", no_argument, 0, 'S'},
        {"note", required_argument, 0, 'n'}, {"force", no_argument, 0, 'F'},
        {"steps", no_argument, 0, 'T'},
        {0, 0, 0, 0},
    };
    FrameOpts fo;
    memset(&fo, 0, sizeof fo);
    fo.w = 1280;
    fo.h = 720;
    long long from = 0, to = -1, per_tick = 1, note = 0;
    bool ranged = false, force = false;
    double fps = 10;
    const char *out = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:t:r:k:s:pchSn:FT", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'S': fo.slide = true; break;
        case 'F': force = true; break;
        case 'n':
            if (args_i64(optarg, 1, 100000, &note) != 0) {
                fprintf(stderr, "highwater record: --note wants a note number from 1, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'f':
        case 't':
            ranged = true;
            if (args_i64(optarg, 0, 1000000000000LL, c == 'f' ? &from : &to) != 0) {
                fprintf(stderr, "highwater record: --%s wants a tick number, not '%s'\n", c == 'f' ? "from" : "to",
                        optarg);
                return 2;
            }
            break;
        case 'r': {
            char *end;
            fps = strtod(optarg, &end);
            if (*end || end == optarg || fps < 0.5 || fps > 50) {
                fprintf(stderr, "highwater record: --fps wants a number from 0.5 to 50\n");
                return 2;
            }
            break;
        }
        case 'k':
            if (args_i64(optarg, 1, 30, &per_tick) != 0) {
                fprintf(stderr, "highwater record: --per-tick wants 1 to 30\n");
                return 2;
            }
            break;
        case 's':
            if (args_size(optarg, &fo.w, &fo.h) != 0) {
                fprintf(stderr, "highwater record: --size wants WxH from 320x200 to 7680x4320, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'p': fo.projector = true; break;
        case 'c': fo.code = true; break;
        case 'T': fo.steps = true; break;
        case 'h': record_usage(stdout); return 0;
        default: record_usage(stderr); return 2;
        }
    }
    if (optind != argc - 1 || !out) {
        record_usage(stderr);
        return 2;
    }
    if (to >= 0 && to < from) {
        fprintf(stderr, "highwater record: --to %lld is before --from %lld\n", to, from);
        return 2;
    }
    fo.file = argv[optind];
    /* A .gif, or a folder of PNGs: any other name with an extension is a mistake, not a folder called x.mp4. */
    const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
    const char *ext = strrchr(base, '.');
    struct stat st;
    if (ext && ext != base && strcasecmp(ext, ".gif") != 0 && !(stat(out, &st) == 0 && S_ISDIR(st.st_mode))) {
        fprintf(stderr, "highwater record: cannot write '%s': record writes an animated .gif or a folder of PNG frames\n",
                out);
        return 2;
    }
    if (note && ranged) {
        fprintf(stderr, "highwater record: --note K gives the range; leave out --from and --to\n");
        return 2;
    }
    /* A slide shows one note's moment: note 1's unless told otherwise. */
    if (note || (fo.slide && !ranged)) {
        if (!note) note = 1;
        if (note_range(fo.file, (int)note, &from, &to) != 0) return 2;
        /* A note's moment is often a tick or two: a slide plays it event by event, as the window does. */
        if (fo.slide) fo.steps = true;
    }
    /* Slides go into presentations: refuse what would be too large, unless told. */
    fo.max_bytes = force ? 0 : RECORD_MAX_BYTES;
    /* Ctrl-C (or SIGTERM, SIGHUP) ends a long recording cleanly: no
     * half-written GIF is left behind. */
    stop_on_signals(STOP_POLL);
    fo.stop = (StopHook){stop_requested, NULL};   /* and the look-ahead before the first frame */
    int rc = headless_record(&fo, from, to, fps, (int)per_tick, out, stop_flag());
    return rc == 130 && stop_signal() ? stop_exit_status() : rc;
}
