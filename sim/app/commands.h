/* commands.h - the subcommands of the highwater binary, one file each.
 * Each takes the argv after the subcommand name (argv[0] is the subcommand)
 * and returns the process exit code: 0 ok, 1 mismatch, 2 bad input or usage.
 */
#ifndef HW_COMMANDS_H
#define HW_COMMANDS_H

int cmd_run(int argc, char **argv);        /* cmd_run.c: trace / summary / csv / chrome */
int cmd_check(int argc, char **argv);      /* cmd_check.c: golden traces */
int cmd_export_js(int argc, char **argv);  /* cmd_export_js.c: the Node program */
int cmd_list(int argc, char **argv);       /* cmd_list.c: the shipped scenarios */
int cmd_view(int argc, char **argv);       /* cmd_view.c: the window */
int cmd_render(int argc, char **argv);     /* cmd_view.c: one frame to PNG */
int cmd_record(int argc, char **argv);     /* cmd_view.c: frames or GIF */
int cmd_compare(int argc, char **argv);    /* two runs side by side */
int cmd_sweep(int argc, char **argv);      /* CSV over parameter values */
int cmd_review(int argc, char **argv);     /* cmd_review.c: accept or reject .trace.new files */
int cmd_help(int argc, char **argv);       /* cmd_help.c: the command table as help */
int cmd_complete(int argc, char **argv);   /* cmd_help.c: words for shell completion */

/* `--node M` of run and export-js (cmd_run.c): the major, or 0 when `s` is not
 * one the model knows. */
int parse_node_arg(const char *s);

#endif
