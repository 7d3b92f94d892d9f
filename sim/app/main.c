/* main.c - dispatches `highwater COMMAND ...` to its command through the
 * command table (cmdtab.h), after the checks the table makes possible for
 * every command alike: --help, lesson names, the positional count, a
 * required option, and reading the files of a command that needs a display.
 * It installs the signal handling of app/stop.h and makes sure what a
 * command printed on stdout arrived: a failed write there (a full disk
 * behind a redirection) is an error of every command, reported once, here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/cmdtab.h"
#include "app/commands.h"
#include "app/stop.h"
#include "config.h"
#include "io/outfile.h"
#include "scenario/datadir.h"
#include "scenario/scenario_yaml.h"

typedef struct {
    int npos;            /* positional arguments ... */
    int pos[64];         /* ... the first 64 of them, as argv indices */
    bool unknown;        /* an option the table does not know: the count is the command's to judge */
    bool help;           /* --help or -h */
    char seen[256];      /* the options given, " name " each */
} ArgScan;

/* A lesson name becomes the library's file; a path that exists, or a name
 * the library does not have, is left for the command to open (or report). */
static char *resolve_lesson(char *arg)
{
    char path[4096];
    if (access(arg, F_OK) == 0 || datadir_lesson(arg, path, sizeof path) != 0)
        return arg;
    char *copy = strdup(path);
    return copy ? copy : arg;
}

/* Walks argv (argv[0] is the command) as getopt_long would: options may come
 * anywhere, "--" ends them. Lesson names are replaced in place. */
static void scan_args(const Command *cmd, int argc, char **argv, ArgScan *s)
{
    memset(s, 0, sizeof *s);
    bool opts_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const CmdOpt *o = NULL;
        if (!opts_done && !strcmp(a, "--")) {
            opts_done = true;
            continue;
        }
        if (!opts_done && a[0] == '-' && a[1] == '-') {
            char name[64];
            size_t n = strcspn(a + 2, "=");
            snprintf(name, sizeof name, "%.*s", (int)n, a + 2);
            if (!strcmp(name, "help"))
                s->help = true;
            else if (!(o = cmdtab_opt(cmd, name)))
                s->unknown = true;
            if (o && o->arg && !a[2 + n])
                i++;
        } else if (!opts_done && a[0] == '-' && a[1]) {
            if (a[1] == 'h')
                s->help = true;
            else if (!(o = cmdtab_letter(cmd, a[1])))
                s->unknown = true;
            if (o && o->arg && !a[2])
                i++;
        } else {
            if (s->npos < 64)
                s->pos[s->npos] = i;
            s->npos++;
            if (cmd->lessons)
                argv[i] = resolve_lesson(argv[i]);
        }
        if (o && strlen(s->seen) + strlen(o->name) + 3 < sizeof s->seen) {
            strcat(s->seen, " ");
            strcat(s->seen, o->name);
            strcat(s->seen, " ");
        }
    }
}

/* Whether one of the options in cmd->needs was given. */
static bool has_needed(const Command *cmd, const ArgScan *s)
{
    char want[128];
    snprintf(want, sizeof want, "%s", cmd->needs);
    for (char *w = strtok(want, " "); w; w = strtok(NULL, " ")) {
        char key[70];
        snprintf(key, sizeof key, " %s ", w);
        if (strstr(s->seen, key))
            return true;
    }
    return false;
}

static void say_missing(const Command *cmd)
{
    char want[128];
    snprintf(want, sizeof want, "%s", cmd->needs);
    fprintf(stderr, "highwater %s: missing", cmd->name);
    int k = 0;
    for (char *w = strtok(want, " "); w; w = strtok(NULL, " "), k++) {
        const CmdOpt *o = cmdtab_opt(cmd, w);
        fprintf(stderr, "%s--%s%s%s", k == 0 ? " " : k == 1 ? " (or " : ", ", w, o && o->arg ? " " : "",
                o && o->arg ? o->arg : "");
    }
    fprintf(stderr, "%s\n", k > 1 ? ")" : "");
}

/* 0 when the arguments may go to the command, else its exit code. */
static int precheck(const Command *cmd, char **argv, const ArgScan *s)
{
    if (!s->unknown && s->npos < cmd->min_args) {
        if (cmd->lessons)
            fprintf(stderr, "highwater %s: which scenario? Give a FILE or a lesson name (`highwater list`)\n",
                    cmd->name);
        else
            fprintf(stderr, "highwater %s: missing %s\n", cmd->name, cmd->args);
    } else if (!s->unknown && cmd->max_args >= 0 && s->npos > cmd->max_args) {
        fprintf(stderr, "highwater %s: too many arguments (it takes %s)\n", cmd->name, cmd->args);
    } else if (cmd->needs && !has_needed(cmd, s)) {
        say_missing(cmd);
    } else {
        /* With an option the table does not know, which words are files is
         * the command's own business. */
        if (!cmd->reads_first || s->unknown)
            return 0;
        /* A bad file is exit 2 whether or not there is a display to open. */
        for (int k = 0; k < s->npos && k < 64; k++) {
            Scenario sc;
            char err[1024];
            if (scenario_load_file(argv[s->pos[k]], &sc, err, sizeof err) != 0) {
                fprintf(stderr, "%s\n", err);
                return 2;
            }
            scenario_free(&sc);
        }
        return 0;
    }
    cmdtab_usage(stderr, cmd);
    return 2;
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        cmdtab_list(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("highwater %s\n", HW_VERSION);
        return finish("--version", 0);
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
        argv[1] = "help";
    const Command *cmd = cmdtab_find(argv[1]);
    if (!cmd) {
        fprintf(stderr, "highwater: unknown command '%s' (`highwater help` lists them)\n", argv[1]);
        return 2;
    }
    ArgScan s;
    scan_args(cmd, argc - 1, argv + 1, &s);
    if (s.help) {
        cmdtab_help(stdout, cmd);
        return finish(cmd->name, 0);
    }
    int rc = precheck(cmd, argv + 1, &s);
    if (rc)
        return rc;
    /* view and compare (reads_first) install their own handlers when they
     * know whether a window opens (cmd_view.c, cmd_compare.c). */
    if (!cmd->reads_first)
        stop_on_signals(STOP_NOW);
    return finish(cmd->name, cmd->fn(argc - 1, argv + 1));
}
