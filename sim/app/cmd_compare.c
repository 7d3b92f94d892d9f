/* cmd_compare.c - `highwater compare`: two runs side by side, on one clock
 * and one memory scale, in the window or as one frame headless.
 *
 *   highwater compare A.yaml B.yaml
 *   highwater compare FILE --vary STREAM.PARAM=V1,V2
 *
 * The window is view/window.c in compare mode (view/compare.h); a frame
 * without a display is view/headless.c (`--render-tick N --out f.png`).
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/args.h"
#include "app/cmdtab.h"
#include "app/commands.h"
#include "app/stop.h"
#include "app/viewstop.h"
#include "scenario/vary.h"
#include "scenario/scenario_yaml.h"
#include "view/display.h"
#include "view/headless.h"
#include "view/window.h"

static void usage(FILE *f)
{
    cmdtab_usage_of(f, "compare");
}


/* --vary must name exactly two values of the scenario: checked before a window opens. */
static int check_vary(const char *file, const char *spec)
{
    Scenario sc;
    char err[1024];
    if (scenario_load_file(file, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    Vary v;
    int rc = 0;
    if (vary_parse(spec, &sc, &v, err, sizeof err) != 0) {
        fprintf(stderr, "highwater compare: --vary: %s\n", err);
        rc = 2;
    } else {
        if (v.count != 2) {
            fprintf(stderr, "highwater compare: --vary: %s gives %d value%s; compare shows exactly 2 (V1,V2)\n",
                    spec, v.count, v.count == 1 ? "" : "s");
            rc = 2;
        }
        vary_free(&v);
    }
    scenario_free(&sc);
    return rc;
}

int cmd_compare(int argc, char **argv)
{
    static const struct option opts[] = {
        {"vary", required_argument, 0, 'v'},        {"size", required_argument, 0, 's'},
        {"projector", no_argument, 0, 'p'},         {"fullscreen", no_argument, 0, 'f'},
        {"play", no_argument, 0, 'P'},              {"stacked", no_argument, 0, 'S'},
        {"side", no_argument, 0, 'D'},              {"render-tick", required_argument, 0, 't'},
        {"out", required_argument, 0, 'o'},         {"probe", no_argument, 0, 'r'},
        {"help", no_argument, 0, 'h'},              {0, 0, 0, 0},
    };
    const char *vary = NULL, *out = NULL;
    int w = 0, h = 0, arrange = 0;
    bool projector = false, fullscreen = false, play = false, probe = false;
    long long tick = -1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "v:s:pfPSDt:o:rh", opts, NULL)) != -1) {
        switch (c) {
        case 'v': vary = optarg; break;
        case 's':
            if (args_size(optarg, &w, &h) != 0) {
                fprintf(stderr, "highwater compare: --size wants WxH from 320x200 to 7680x4320, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'p': projector = true; break;
        case 'f': fullscreen = true; break;
        case 'P': play = true; break;
        case 'S': arrange = 1; break;
        case 'D': arrange = 2; break;
        case 't': {
            char *end;
            errno = 0;
            tick = strtoll(optarg, &end, 10);
            if (errno || end == optarg || *end || tick < 0) {
                fprintf(stderr, "highwater compare: --render-tick wants a tick number, not '%s'\n", optarg);
                return 2;
            }
            break;
        }
        case 'o': out = optarg; break;
        case 'r': probe = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    int nfiles = argc - optind;
    if (vary ? nfiles != 1 : nfiles != 2) {
        if (vary && nfiles != 1) fprintf(stderr, "highwater compare: with --vary, give one scenario\n");
        else if (!vary) fprintf(stderr, "highwater compare: give two scenarios (or one with --vary)\n");
        usage(stderr);
        return 2;
    }
    if ((out || probe) && tick < 0) {
        fprintf(stderr, "highwater compare: --out and --probe go with --render-tick N\n");
        return 2;
    }
    if (tick >= 0 && !out && !probe) {
        fprintf(stderr, "highwater compare: --render-tick needs --out FILE (or --probe)\n");
        return 2;
    }
    const char *a = argv[optind], *b = nfiles == 2 ? argv[optind + 1] : NULL;
    if (vary && check_vary(a, vary) != 0) return 2;

    if (tick >= 0) {
        FrameOpts fo;
        memset(&fo, 0, sizeof fo);
        fo.file = a;
        fo.file2 = b;
        fo.vary = vary;
        fo.compare = true;
        fo.arrange = arrange;
        fo.w = w ? w : 1280;
        fo.h = h ? h : 720;
        fo.projector = projector;
        /* One frame, as render: a signal removes the temporary PNG and ends
         * the process (main leaves compare's signals alone, for the window). */
        stop_on_signals(STOP_NOW);
        fo.stop = (StopHook){stop_requested, NULL};
        return headless_render(&fo, tick, 0, out, probe, 0);
    }

    /* As view: no display is an error (after the files were read, in main). */
    char why[512];
    if (!display_available(why, sizeof why)) {
        fprintf(stderr, "highwater: no display (%s); try `highwater compare %s %s%s --render-tick N --out frame.png`\n",
                why, a, vary ? "--vary " : b, vary ? vary : "");
        return 2;
    }
    WindowOpts wo = {0};
    wo.file = a;
    wo.file2 = b;
    wo.vary = vary;
    wo.compare = true;
    wo.arrange = arrange;
    wo.w = w;
    wo.h = h;
    wo.projector = projector;
    wo.fullscreen = fullscreen;
    wo.play = play;
    return view_window_run("compare", &wo);
}
