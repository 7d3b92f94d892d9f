/* main.c - dispatches `highwater COMMAND ...` to its command. */
#include <stdio.h>
#include <string.h>

#include "app/commands.h"

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
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "highwater: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
