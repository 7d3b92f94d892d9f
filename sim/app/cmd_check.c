/* cmd_check.c - `highwater check FILE...`: golden-trace regression tests.
 *
 * Each scenario's trace is compared with its golden (golden.h says where).
 * On a mismatch the report comes summary first, then a shortened diff, and
 * the new trace is kept as NAME.trace.new for `highwater review` (not under
 * CI, as insta does). Goldens without a scenario and .trace.new files
 * without one (a renamed scenario) are reported; every suggested command
 * carries --golden DIR when it was given. --bless writes every trace as its
 * golden and lists what changed (`make bless`).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/cmdtab.h"
#include "app/commands.h"
#include "app/golden.h"
#include "core/sim.h"
#include "scenario/scenario_yaml.h"
#include "trace/trace.h"

#define MAX_DIRS 16

typedef struct {
    GoldenText t;
    const Sim *sim;
    int oom;
} Capture;

static void capture_event(void *user, const Event *ev)
{
    Capture *c = user;
    char line[TRACE_LINE_MAX + 1];
    size_t n = trace_format(c->sim, ev, line);
    line[n++] = '\n';
    if (golden_text_add(&c->t, line, n) < 0)
        c->oom = 1;
}

/* Runs a scenario to its trace text. 0 ok, 2 bad input (message printed). */
static int run_to_text(const char *file, GoldenText *out)
{
    Scenario sc;
    char err[1024];
    if (scenario_load_file(file, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    Sim *sim = sim_create(&sc);
    if (!sim) {
        scenario_free(&sc);
        fprintf(stderr, "highwater check: out of memory\n");
        return 2;
    }
    Capture c = {{0}, sim, 0};
    char line[TRACE_LINE_MAX + 1];
    size_t n = trace_header(&sc, sc.ticks, line);
    line[n++] = '\n';
    if (golden_text_add(&c.t, line, n) < 0)
        c.oom = 1;
    sim_set_sink(sim, capture_event, &c);
    while (!sim_finished(sim))
        sim_step(sim);
    sim_destroy(sim);
    scenario_free(&sc);
    if (c.oom) {
        golden_text_free(&c.t);
        fprintf(stderr, "highwater check: out of memory\n");
        return 2;
    }
    *out = c.t;
    return 0;
}

static bool same(const GoldenText *a, const GoldenText *b)
{
    return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

/* The options every suggested command repeats. */
typedef struct {
    const char *golden;   /* --golden DIR as given, or NULL */
    bool in_ci;
    int how;              /* GOLDEN_SHORT or GOLDEN_FULL */
} CheckOpts;

static void golden_flag(const CheckOpts *o, char *out, size_t n)
{
    if (o->golden)
        snprintf(out, n, " --golden %s", o->golden);
    else
        out[0] = 0;
}

/* --bless: the golden becomes the current trace; says what changed and
 * counts it in tally (unchanged, changed, new). */
static int bless_one(const char *file, const char *gpath, const char *npath, const GoldenText *fresh, int tally[3])
{
    GoldenText gold;
    bool had = golden_text_read(gpath, &gold) == 0;
    if (had && same(&gold, fresh)) {
        tally[0]++;
        golden_text_free(&gold);
        remove(npath);
        return 0;
    }
    tally[had ? 1 : 2]++;
    golden_text_free(&gold);
    if (golden_text_write(npath, fresh) != 0) {
        fprintf(stderr, "highwater check: cannot write %s: %s\n", npath, strerror(errno));
        return 2;
    }
    if (had) {
        printf("changed %s (%s):\n", gpath, file);
        golden_report(stdout, gpath, npath, GOLDEN_SUMMARY);
    } else {
        printf("new %s (%s): %zu bytes\n", gpath, file, fresh->len);
    }
    if (rename(npath, gpath) != 0) {
        fprintf(stderr, "highwater check: cannot write %s: %s\n", gpath, strerror(errno));
        return 2;
    }
    return 0;
}

/* Compares one scenario with its golden: 0 same, 1 differs or none, 2 bad. */
static int check_one(const char *file, const char *gdir, const CheckOpts *o)
{
    char name[512], gpath[4700], npath[4800], g[4200];
    golden_name(file, name, sizeof name);
    snprintf(gpath, sizeof gpath, "%s/%s.trace", gdir, name);
    snprintf(npath, sizeof npath, "%s.new", gpath);
    golden_flag(o, g, sizeof g);
    GoldenText fresh, gold;
    if (run_to_text(file, &fresh) != 0) {
        printf("FAIL %s: bad input\n", file);
        return 2;
    }
    if (golden_text_read(gpath, &gold) == 0 && same(&gold, &fresh)) {
        printf("ok %s\n", file);
        remove(npath);
        golden_text_free(&gold);
        golden_text_free(&fresh);
        return 0;
    }
    bool had = gold.data != NULL;
    golden_text_free(&gold);
    /* Under CI the new trace goes to a temporary file, only for the diff. */
    char tmpl[] = "/tmp/highwater-check-XXXXXX";
    const char *shown = npath;
    int wrote;
    if (o->in_ci) {
        int fd = mkstemp(tmpl);
        wrote = fd >= 0 && write(fd, fresh.data, fresh.len) == (ssize_t)fresh.len ? 0 : -1;
        if (fd >= 0)
            close(fd);
        shown = tmpl;
    } else {
        wrote = golden_text_write(npath, &fresh);
    }
    if (!had) {
        printf("FAIL %s: no golden %s\n", file, gpath);
        if (!o->in_ci && wrote == 0)
            printf("  its trace is in %s (%zu bytes): read it, then accept it with\n"
                   "  `highwater review%s --accept %s %s` (or review it: `highwater review%s %s`)\n",
                   npath, fresh.len, g, name, file, g, file);
    } else {
        printf("FAIL %s: trace differs from %s\n", file, gpath);
        if (wrote == 0)
            golden_report(stdout, gpath, shown, o->how);
        if (!o->in_ci && wrote == 0)
            printf("  new trace kept as %s: `highwater review%s %s` to accept or reject it\n", npath, g, file);
    }
    if (wrote != 0)
        printf("  cannot write %s: %s\n", shown, strerror(errno));
    if (o->in_ci)
        printf("  (CI is set: no .trace.new written)\n");
    if (shown == tmpl && wrote == 0)
        unlink(tmpl);
    golden_text_free(&fresh);
    return 1;
}

/* Whether NAME.yaml exists beside any of the files checked into gdir. */
static bool has_scenario(const char *name, char **files, int nfiles, int which, const int *dir_of)
{
    for (int k = 0; k < nfiles; k++) {
        if (dir_of[k] != which)
            continue;
        char d[4096], path[4700];
        snprintf(d, sizeof d, "%s", files[k]);
        char *slash = strrchr(d, '/');
        if (slash)
            *slash = 0;
        else
            snprintf(d, sizeof d, ".");
        snprintf(path, sizeof path, "%s/%s.yaml", d, name);
        if (access(path, F_OK) == 0)
            return true;
    }
    return false;
}

/* Goldens and .trace.new files in gdir whose scenario is gone; pending
 * .new files of scenarios not checked now are counted into *pending. */
static int leftovers(const char *gdir, char **files, int nfiles, int which, const int *dir_of, int *pending)
{
    DIR *d = opendir(gdir);
    if (!d)
        return 0;
    int bad = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        bool is_new = len > 10 && !strcmp(e->d_name + len - 10, ".trace.new");
        if (!is_new && !(len > 6 && !strcmp(e->d_name + len - 6, ".trace")))
            continue;
        char name[512];
        golden_name(e->d_name, name, sizeof name);
        if (has_scenario(name, files, nfiles, which, dir_of)) {
            if (is_new) {
                /* checked now: it was rewritten or removed above */
                bool checked = false;
                for (int k = 0; k < nfiles && !checked; k++) {
                    char n2[512];
                    golden_name(files[k], n2, sizeof n2);
                    checked = dir_of[k] == which && !strcmp(n2, name);
                }
                if (!checked)
                    (*pending)++;
            }
            continue;
        }
        if (is_new)
            printf("FAIL %s/%s: stale, its scenario %s.yaml is gone (`highwater review --golden %s --reject %s`)\n",
                   gdir, e->d_name, name, gdir, name);
        else
            printf("FAIL %s/%s: its scenario %s.yaml is gone (delete the golden or restore the scenario)\n", gdir,
                   e->d_name, name);
        bad = 1;
    }
    closedir(d);
    return bad;
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"golden", required_argument, 0, 'g'},
        {"full", no_argument, 0, 'f'},
        {"bless", no_argument, 0, 'b'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    CheckOpts o = {NULL, golden_in_ci(), GOLDEN_SHORT};
    bool bless = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "g:fbh", opts, NULL)) != -1) {
        switch (c) {
        case 'g': o.golden = optarg; break;
        case 'f': o.how = GOLDEN_FULL; break;
        case 'b': bless = true; break;
        case 'h': cmdtab_usage_of(stdout, "check"); return 0;
        default: cmdtab_usage_of(stderr, "check"); return 2;
        }
    }
    if (optind >= argc) {
        cmdtab_usage_of(stderr, "check");
        return 2;
    }
    char **files = argv + optind;
    int nfiles = argc - optind, worst = 0, ndirs = 0, tally[3] = {0, 0, 0};
    char(*dirs)[4096] = calloc(MAX_DIRS, sizeof *dirs);
    int *dir_of = calloc((size_t)nfiles, sizeof *dir_of);
    if (!dirs || !dir_of) {
        fprintf(stderr, "highwater check: out of memory\n");
        free(dirs);
        free(dir_of);
        return 2;
    }
    for (int k = 0; k < nfiles; k++) {
        char gdir[4096];
        dir_of[k] = -1;
        if (golden_dir_for(files[k], o.golden, gdir, sizeof gdir) != 0) {
            printf("FAIL %s: %s\n", files[k], gdir);
            worst = 2;
            continue;
        }
        int i = 0;
        while (i < ndirs && strcmp(dirs[i], gdir))
            i++;
        if (i == ndirs && ndirs < MAX_DIRS)
            snprintf(dirs[ndirs++], sizeof dirs[0], "%s", gdir);
        dir_of[k] = i < ndirs ? i : -1;
        int rc;
        if (bless) {
            char name[512], gpath[4700], npath[4800];
            GoldenText fresh;
            golden_name(files[k], name, sizeof name);
            snprintf(gpath, sizeof gpath, "%s/%s.trace", gdir, name);
            snprintf(npath, sizeof npath, "%s.new", gpath);
            rc = run_to_text(files[k], &fresh);
            if (rc == 0) {
                rc = bless_one(files[k], gpath, npath, &fresh, tally);
                golden_text_free(&fresh);
            } else {
                printf("FAIL %s: bad input\n", files[k]);
            }
        } else {
            rc = check_one(files[k], gdir, &o);
        }
        if (rc > worst)
            worst = rc;
    }
    for (int i = 0; i < ndirs && !bless; i++) {
        int pending = 0;
        if (leftovers(dirs[i], files, nfiles, i, dir_of, &pending) && worst < 1)
            worst = 1;
        if (pending)
            printf("note: %d more .trace.new file%s in %s wait%s for review: `highwater review --golden %s`\n",
                   pending, pending == 1 ? "" : "s", dirs[i], pending == 1 ? "s" : "", dirs[i]);
    }
    if (bless)
        printf("blessed: %d changed, %d new, %d unchanged\n", tally[1], tally[2], tally[0]);
    free(dirs);
    free(dir_of);
    return worst;
}
