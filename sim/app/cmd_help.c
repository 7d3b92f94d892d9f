/* cmd_help.c - `highwater help [COMMAND]` and `highwater complete WHAT`:
 * both read only the command table (cmdtab.h), so the help, the usage lines
 * and the shell completion cannot disagree. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cmdtab.h"
#include "app/commands.h"
#include "scenario/datadir.h"

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        cmdtab_list(stdout);
        return 0;
    }
    const Command *c = cmdtab_find(argv[1]);
    if (!c) {
        fprintf(stderr, "highwater help: no command '%s' (`highwater help` lists them)\n", argv[1]);
        return 2;
    }
    cmdtab_help(stdout, c);
    return 0;
}

static int by_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lesson names of the library, sorted; nothing when there is none. */
static int complete_lessons(void)
{
    char root[4096], dir[4200];
    if (datadir_find(root, sizeof root) != 0)
        return 0;
    snprintf(dir, sizeof dir, "%s/scenarios", root);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char *names[1024];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 1024) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] != '.' && len > 5 && !strcmp(e->d_name + len - 5, ".yaml") &&
            (names[n] = strndup(e->d_name, len - 5)))
            n++;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_str);
    for (int i = 0; i < n; i++) {
        puts(names[i]);
        free(names[i]);
    }
    return 0;
}

int cmd_complete(int argc, char **argv)
{
    const char *what = argv[1];
    if (!strcmp(what, "commands") && argc == 2) {
        for (const Command *c = cmdtab; c->name; c++)
            puts(c->name);
        return 0;
    }
    if (!strcmp(what, "lessons") && argc == 2)
        return complete_lessons();
    if (!strcmp(what, "options") && argc == 3) {
        const Command *c = cmdtab_find(argv[2]);
        if (!c) {
            fprintf(stderr, "highwater complete: no command '%s'\n", argv[2]);
            return 2;
        }
        for (const CmdOpt *o = c->opts; o->name; o++)
            printf("--%s\n", o->name);
        puts("--help");
        return 0;
    }
    if (!strcmp(what, "takes-lessons") && argc == 3) {
        /* For the scripts: exit 0 when the command's arguments are lessons. */
        const Command *c = cmdtab_find(argv[2]);
        return c && c->lessons ? 0 : 1;
    }
    cmdtab_usage_of(stderr, "complete");
    return 2;
}
