/* main.c - dispatches `highwater COMMAND ...` to its command, with the
 * signal handling of app/stop.h, and makes sure what a command printed on
 * stdout arrived: a failed write there (a full disk behind a redirection)
 * is an error of every command, reported once, here. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/commands.h"
#include "app/stop.h"
#include "io/outfile.h"

typedef struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} Command;

static const Command commands[] = {
    {"run", cmd_run, "run FILE: print the trace (or --summary, --format csv|chrome)"},
    {"check", cmd_check, "check FILE...: compare traces with tests/golden (--bless to accept)"},
    {"export-js", cmd_export_js, "export-js FILE: write the equivalent Node.js program"},
    {"list", cmd_list, "list [DIR]: the scenarios with their titles"},
    {"view", cmd_view, "view FILE: open the window"},
    {"render", cmd_render, "render FILE --tick N --out frame.png: one frame, headless"},
    {"record", cmd_record, "record FILE --out DIR|file.gif: frames or an animated GIF"},
    {"compare", cmd_compare, "compare A.yaml B.yaml: two runs side by side"},
    {"sweep", cmd_sweep, "sweep FILE --vary STREAM.PARAM=VALUES: CSV over values"},
};

/* Commands that may open a window: SDL turns SIGINT and SIGTERM into a quit
 * event of its own, but only where no handler is installed. */
static bool opens_window(const char *name)
{
    return !strcmp(name, "view") || !strcmp(name, "compare");
}

/* A command's exit code once its stdout is known to have arrived. Codes
 * other than 0 and 1 come with a message of their own already. */
static int finish(const char *name, int rc)
{
    char err[256];
    if (outfile_stdout_done(err, sizeof err) == 0 || (rc != 0 && rc != 1))
        return rc;
    fprintf(stderr, "highwater %s: %s\n", name, err);
    return 2;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: highwater COMMAND [ARGS]   (highwater COMMAND --help for details)\n\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %s\n", commands[i].help);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return finish("help", 0);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) {
            if (!opens_window(argv[1]))
                stop_on_signals(STOP_NOW);
            return finish(argv[1], commands[i].fn(argc - 1, argv + 1));
        }
    fprintf(stderr, "highwater: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
