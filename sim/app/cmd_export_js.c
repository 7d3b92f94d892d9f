/* cmd_export_js.c - `highwater export-js FILE`: the scenario as a Node.js program. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cmdtab.h"
#include "app/commands.h"
#include "io/outfile.h"
#include "export/export_js.h"
#include "scenario/scenario_yaml.h"

#define MAX_TICKS 1000000000LL

static void usage(FILE *f)
{
    cmdtab_usage_of(f, "export-js");
}

typedef struct {
    const char *scenario;
    const char *out;      /* NULL: stdout */
    int64_t ticks;        /* 0: the scenario's */
    int node;             /* 0: the scenario's */
} ExportArgs;

static int parse_ticks(const char *s, int64_t *ticks)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > MAX_TICKS)
        return -1;
    *ticks = v;
    return 0;
}

/* 0 to go on, otherwise the exit code (1 means help was shown: exit 0). */
static int parse_args(int argc, char **argv, ExportArgs *a)
{
    static const struct option longopts[] = {
        {"ticks", required_argument, NULL, 't'},
        {"out", required_argument, NULL, 'o'},
        {"node", required_argument, NULL, 'N'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
            if (parse_ticks(optarg, &a->ticks) != 0) {
                fprintf(stderr, "highwater export-js: --ticks wants an integer from 1 to 10^9, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'o':
            a->out = optarg;
            break;
        case 'N':
            a->node = parse_node_arg(optarg);
            if (!a->node) {
                fprintf(stderr, "highwater export-js: --node is " NODE_MAJORS_TEXT ", not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'h':
            usage(stdout);
            return 1;
        default:
            fprintf(stderr, "highwater export-js: unknown or incomplete option '%s'\n", argv[optind - 1]);
            usage(stderr);
            return 2;
        }
    }
    if (argc - optind != 1) {
        fputs(argc - optind == 0 ? "highwater export-js: which scenario file?\n"
                                 : "highwater export-js: one scenario file at a time\n",
              stderr);
        usage(stderr);
        return 2;
    }
    a->scenario = argv[optind];
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int write_program(const Scenario *sc, const ExportArgs *a)
{
    OutFile of;
    if (outfile_open(&of, a->out) != 0) {
        fprintf(stderr, "highwater export-js: %s\n", of.err);
        return 2;
    }
    ExportJsOrigin origin = {a->scenario, a->out && strcmp(a->out, "-") ? base_name(a->out) : NULL};
    if (export_js_with(sc, a->ticks, &origin, of.f) != 0) {
        int e = errno;
        outfile_abort(&of);
        fprintf(stderr, "highwater export-js: cannot write %s: %s\n", a->out ? a->out : "the program",
                strerror(e));
        return 2;
    }
    if (outfile_commit(&of) != 0) {
        fprintf(stderr, "highwater export-js: %s\n", of.err);
        return 2;
    }
    return 0;
}

int cmd_export_js(int argc, char **argv)
{
    ExportArgs args;
    int rc = parse_args(argc, argv, &args);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    Scenario *sc = malloc(sizeof *sc);
    if (sc == NULL) {
        fputs("highwater export-js: out of memory\n", stderr);
        return 2;
    }
    char err[512];
    if (scenario_load_file_for(args.scenario, args.node, sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        free(sc);
        return 2;
    }
    rc = write_program(sc, &args);
    scenario_free(sc);
    free(sc);
    return rc;
}
