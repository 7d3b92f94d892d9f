/* cmdtab.h - the one table of highwater's commands and their options.
 *
 * It drives dispatch (main.c), every usage line and `help CMD` / `CMD
 * --help` (the same text), the shell completion (`highwater complete`, read
 * by tools/completion/), the lesson-by-name lookup of file arguments and the
 * "missing --out" message. The man page (docs/highwater.1) is written by
 * hand; the toolbox suite checks that it names every command and option of
 * this table, and that each command's parser accepts exactly these options.
 */
#ifndef HW_CMDTAB_H
#define HW_CMDTAB_H

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    const char *name;    /* long option without "--" */
    char letter;         /* a documented short form (-j), or 0 */
    const char *arg;     /* the value's name ("N", "FILE"), NULL for a flag */
    const char *help;    /* one line; "\n" starts a continuation line */
} CmdOpt;

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *args;     /* the positional arguments as the usage line shows them */
    int min_args, max_args; /* positional count; max -1: any */
    bool lessons;         /* positionals are scenario files or lesson names */
    bool reads_first;     /* needs a display: main loads its files first */
    const char *needs;    /* options of which one is required ("out"), or NULL */
    const char *summary;  /* one line for the command list */
    const char *about;    /* the paragraph of `help CMD` */
    const CmdOpt *opts;   /* ends with {0} */
} Command;

/* The commands in the order `highwater help` lists them; ends with {0}. */
extern const Command cmdtab[];

/* The command called name, or NULL. */
const Command *cmdtab_find(const char *name);
/* The option --name of cmd, or NULL. */
const CmdOpt *cmdtab_opt(const Command *cmd, const char *name);
/* The option -letter of cmd, or NULL. */
const CmdOpt *cmdtab_letter(const Command *cmd, char letter);

/* "usage: highwater NAME ARGS [--every] [--option V]" wrapped at 79 columns. */
void cmdtab_usage(FILE *f, const Command *cmd);
/* The usage line, the paragraph and one line per option: `help CMD`. */
void cmdtab_help(FILE *f, const Command *cmd);
/* By name, for the commands' own parsers: the whole help on stdout (it was
 * asked for), the usage line elsewhere (after a mistake). */
void cmdtab_usage_of(FILE *f, const char *name);
/* The list of commands: `highwater help`. */
void cmdtab_list(FILE *f);

#endif
