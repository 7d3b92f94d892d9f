/* cmdtab.c - the command table and the texts made from it (see cmdtab.h). */
#include "app/cmdtab.h"

#include <string.h>

#include "app/commands.h"

static const CmdOpt run_opts[] = {
    {"ticks", 0, "N", "run N ticks instead of the scenario's `ticks`"},
    {"node", 0, "M", "follow Node major M (20, 22, 24, 26) instead of the scenario's\n"
                     "`node:` (the highWaterMark defaults stay the file's)"},
    {"out", 0, "FILE", "write to FILE (whole or not at all) instead of stdout"},
    {"summary", 0, NULL, "print a short table per stream and a memory chart instead"},
    {"no-notes", 0, NULL, "leave narration notes out of the trace"},
    {"format", 0, "trace|csv|chrome", "trace (the default), csv (one row per tick per stream) or chrome\n"
                                      "(Trace Event JSON for Perfetto): docs/explore.md"},
    {0},
};

static const CmdOpt check_opts[] = {
    {"golden", 0, "DIR", "the goldens' folder (default: tests/golden of the nearest folder\n"
                         "above each scenario that has one)"},
    {"full", 0, NULL, "print the whole diff of a mismatch, not its first lines"},
    {"bless", 0, NULL, "write the current traces as the goldens without review, listing\n"
                       "what changed (`make bless`)"},
    {0},
};

static const CmdOpt review_opts[] = {
    {"golden", 0, "DIR", "the goldens' folder (default: tests/golden of the nearest folder\n"
                         "above each scenario; with no FILE, the source tree's tests/golden)"},
    {"accept", 0, "NAME", "accept NAME.trace.new as the golden, without asking (repeatable)"},
    {"reject", 0, "NAME", "delete NAME.trace.new, without asking (repeatable)"},
    {"full", 0, NULL, "show the whole diff of each, not its first lines"},
    {0},
};

static const CmdOpt export_opts[] = {
    {"ticks", 0, "N", "run N ticks instead of the scenario's own count (1..10^9)"},
    {"node", 0, "M", "export for Node major M (20, 22, 24, 26) instead of the scenario's `node:`"},
    {"out", 0, "FILE", "write the program to FILE (whole or not at all) instead of stdout"},
    {0},
};

static const CmdOpt no_opts[] = {{0}};

static const CmdOpt view_opts[] = {
    {"size", 0, "WxH", "initial window size (default 1280x720)"},
    {"projector", 0, NULL, "start with the projector palette (P toggles)"},
    {"fullscreen", 0, NULL, "start full screen (F toggles)"},
    {"play", 0, NULL, "start playing"},
    {"class", 0, NULL, "class mode: stop before each question of the scenario (K toggles)"},
    {"no-stops", 0, NULL, "play through the notes without waiting (A toggles), for unattended demos"},
    {"save-dir", 0, "DIR", "W saves changed scenarios in DIR (default: next to FILE)"},
    {"shots", 0, "DIR", "S (and a script's shots) save PNGs in DIR (default ~/Pictures/highwater)"},
    {"script", 0, "INPUT", "replay the timed inputs of INPUT (key, click, tap, wait, shot...), then quit"},
    {"headless", 0, NULL, "with --script: never open a window"},
    {"or-summary", 0, NULL, "with no display, print `highwater run --summary` instead (exit 0)"},
    {0},
};

static const CmdOpt render_opts[] = {
    {"tick", 0, "N", "the state after tick N (default 0; past the run's end is an error)"},
    {"out", 0, "FILE", "the PNG to write (whole or not at all)"},
    {"size", 0, "WxH", "frame size (default 1280x720)"},
    {"projector", 0, NULL, "the projector palette"},
    {"code", 0, NULL, "show the code panel"},
    {"alpha", 0, "A", "draw A (0..1) of the way to tick N+1, chunks in flight (default 0)"},
    {"probe", 0, NULL, "print the layout as key=value lines (for tests)"},
    {"bench", 0, "N", "also time N frames over the run; print the median"},
    {"class", 0, NULL, "class mode: the question asked before tick N+1, if there is one"},
    {"reveal", 0, NULL, "with --class: the question of tick N, answered"},
    {"pick", 0, "K", "with --class: choice K shown as the class's pick"},
    {"micro", 0, "K", "inside tick N: the moment after its K-th event (0: before the first)"},
    {"step", 0, "K", "the main view right after the K-th event of tick N (1.., or last)"},
    {"set", 0, "S.P=V", "a live change, e.g. socket.highWaterMark=64KiB (repeatable)"},
    {"select", 0, "S[.P]", "the stream selected for changes (its ring and the change bar)"},
    {"save-yaml", 0, "FILE", "also write the scenario, with the --set changes, as YAML to FILE"},
    {0},
};

static const CmdOpt record_opts[] = {
    {"out", 0, "DIR|FILE.gif", "a folder for PNG frames, or an animated GIF"},
    {"from", 0, "A", "first tick (default 0)"},
    {"to", 0, "B", "last tick (default: the end of the run)"},
    {"fps", 0, "F", "frames per second of the GIF (default 10)"},
    {"per-tick", 0, "K", "K frames per tick, chunks moving between them (default 1)"},
    {"size", 0, "WxH", "frame size (default 1280x720)"},
    {"projector", 0, NULL, "the projector palette"},
    {"code", 0, NULL, "show the code panel"},
    {"slide", 0, NULL, "for slides: no status bar, larger text; note 1's range unless --note\n"
                       "or --from/--to"},
    {"note", 0, "K", "from note K's tick to the next note's tick (K from 1)"},
    {"force", 0, NULL, "write a GIF even when it is estimated over 10 MB"},
    {"steps", 0, NULL, "a frame after every event of a tick, as the window plays it"},
    {0},
};

static const CmdOpt compare_opts[] = {
    {"vary", 0, "S.P=V1,V2", "one scenario with two values of one parameter\n"
                             "(the targets and values of `highwater sweep`)"},
    {"size", 0, "WxH", "window or frame size (default 1280x720)"},
    {"projector", 0, NULL, "the projector palette (P toggles)"},
    {"fullscreen", 0, NULL, "start full screen (F toggles)"},
    {"play", 0, NULL, "start playing"},
    {"stacked", 0, NULL, "one run above the other (X toggles)"},
    {"side", 0, NULL, "side by side (the default while the cards keep their width)"},
    {"render-tick", 0, "N", "no window: draw the frame at tick N into --out"},
    {"out", 0, "FILE", "the PNG to write (with --render-tick)"},
    {"probe", 0, NULL, "print the frame's layout as key=value lines (with --render-tick)"},
    {0},
};

static const CmdOpt sweep_opts[] = {
    {"vary", 0, "TARGET=VALUES", "STREAM.PARAM, or memoryLimit / ticks for the whole scenario;\n"
                                 "PARAM: highWaterMark readableHighWaterMark writableHighWaterMark\n"
                                 "rate chunk total ratio batch objectSize;\n"
                                 "VALUES: 1KiB,16KiB,1MiB  1KiB..1MiB (doubling)  0..64KiB:4KiB"},
    {"jobs", 'j', "N", "processes to use (default: every core)"},
    {"out", 0, "FILE", "write the CSV to FILE (whole or not at all)"},
    {0},
};

static const CmdOpt complete_opts[] = {{0}};

const Command cmdtab[] = {
    {"run", cmd_run, "FILE", 1, 1, true, false, NULL, "print the trace, a summary, a CSV table or a Chrome trace",
     "Runs the scenario headless and prints its trace (docs/tick-and-trace.md).", run_opts},
    {"check", cmd_check, "FILE...", 1, -1, true, false, NULL, "compare traces with the reviewed goldens",
     "Compares each scenario's trace with its golden NAME.trace. On a mismatch it prints\n"
     "a summary (the first differing tick and both lines, how many lines differ, which\n"
     "streams), the first lines of the diff, and keeps the new trace as NAME.trace.new\n"
     "for `highwater review` (not under CI). Exit: 0 all match, 1 a mismatch, a golden\n"
     "without its scenario or a stale .trace.new, 2 bad input.",
     check_opts},
    {"review", cmd_review, "[FILE...]", 0, -1, true, false, NULL, "accept or reject the pending .trace.new files",
     "Walks the pending NAME.trace.new files (of the scenarios FILE..., else all in the\n"
     "golden folder), shows each one's summary and diff, and asks: a accept (the .new file\n"
     "becomes the golden), r reject (it is deleted), s skip, q quit. Accepting takes the\n"
     "file that was reviewed, never a new run.",
     review_opts},
    {"export-js", cmd_export_js, "FILE", 1, 1, true, false, NULL, "write the equivalent Node.js program",
     "Writes a standalone Node.js program that runs the scenario on Node's real streams\n"
     "and prints the same trace as `highwater run FILE`. Run it with `node PROGRAM.js`.",
     export_opts},
    {"list", cmd_list, "[DIR]", 0, 1, false, false, NULL, "the lessons with their titles",
     "Prints the scenarios in DIR (default: the installed lesson library) sorted by\n"
     "name, one per line: NAME  TITLE. Any NAME can be given to the other commands in\n"
     "place of a file. A file that does not load is reported and the exit status is 2.",
     no_opts},
    {"view", cmd_view, "FILE", 1, 1, true, true, NULL, "open the window",
     "Opens the window on a scenario. Press ? in the window for the keys. Without a\n"
     "display (or with a video driver that shows no window) it says so in one line\n"
     "and exits 2, after checking the file; --or-summary prints the summary instead.",
     view_opts},
    {"render", cmd_render, "FILE", 1, 1, true, false, "out probe bench save-yaml", "draw one frame, headless",
     "Draws one frame without a display (software renderer); the same input gives the\n"
     "same bytes.",
     render_opts},
    {"record", cmd_record, "FILE", 1, 1, true, false, "out", "frames or an animated GIF, headless",
     "Draws ticks A..B without a display: PNG frames into DIR (tick-NNNNNN.png) or one\n"
     "animated GIF for slides.",
     record_opts},
    {"compare", cmd_compare, "A B", 1, 2, true, true, NULL, "two runs side by side on one clock",
     "Two runs (A and B, or one FILE with --vary) in one window on one shared clock:\n"
     "stepping, seeking and speed apply to both, and their memory charts share one scale.",
     compare_opts},
    {"sweep", cmd_sweep, "FILE", 1, 1, true, false, "vary", "a CSV row per parameter value",
     "Runs the scenario once per value, headless, and prints one CSV row per run: the\n"
     "value, peak memory per stream and in total, bytes through the sinks, the tick the\n"
     "last sink finished, pauses, drains and how the run ended (docs/explore.md).",
     sweep_opts},
    {"help", cmd_help, "[COMMAND]", 0, 1, false, false, NULL, "this list, or one command's options",
     "Without COMMAND, the commands; with one, the same text as `highwater COMMAND --help`.", no_opts},
    {"complete", cmd_complete, "WHAT [CMD]", 1, 2, false, false, NULL,
     "words for shell completion",
     "One word per line: `commands`, `lessons`, or `options CMD` (a command's options);\n"
     "`takes-lessons CMD` exits 0 when CMD's arguments are lessons. The bash and zsh\n"
     "completion scripts call it, so they follow this binary.",
     complete_opts},
    {0},
};

const Command *cmdtab_find(const char *name)
{
    for (const Command *c = cmdtab; c->name; c++)
        if (!strcmp(c->name, name))
            return c;
    return NULL;
}

const CmdOpt *cmdtab_opt(const Command *cmd, const char *name)
{
    for (const CmdOpt *o = cmd->opts; o->name; o++)
        if (!strcmp(o->name, name))
            return o;
    return NULL;
}

const CmdOpt *cmdtab_letter(const Command *cmd, char letter)
{
    for (const CmdOpt *o = cmd->opts; o->name; o++)
        if (o->letter && o->letter == letter)
            return o;
    return NULL;
}

void cmdtab_usage(FILE *f, const Command *cmd)
{
    char head[128];
    int col = snprintf(head, sizeof head, "usage: highwater %s %s", cmd->name, cmd->args);
    fputs(head, f);
    for (const CmdOpt *o = cmd->opts; o->name; o++) {
        char item[128];
        int n = snprintf(item, sizeof item, " [--%s%s%s]", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        if (col + n > 79) {
            fputs("\n      ", f);
            col = 6;
        }
        fputs(item, f);
        col += n;
    }
    fputc('\n', f);
}

void cmdtab_help(FILE *f, const Command *cmd)
{
    cmdtab_usage(f, cmd);
    fprintf(f, "\n%s\n", cmd->about);
    if (cmd->opts->name)
        fputc('\n', f);
    for (const CmdOpt *o = cmd->opts; o->name; o++) {
        char lhs[64];
        if (o->letter)
            snprintf(lhs, sizeof lhs, "-%c, --%s%s%s", o->letter, o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(lhs, sizeof lhs, "--%s%s%s", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
        int width = strlen(lhs) > 20 ? 0 : 20;
        fprintf(f, "  %-*s", width, lhs);
        if (!width)
            fprintf(f, "\n  %-20s", "");
        for (const char *s = o->help; *s; s++) {
            fputc(*s, f);
            if (*s == '\n')
                fprintf(f, "  %-20s", "");
        }
        fputc('\n', f);
    }
}

void cmdtab_usage_of(FILE *f, const char *name)
{
    const Command *c = cmdtab_find(name);
    if (c && f == stdout)
        cmdtab_help(f, c);
    else if (c)
        cmdtab_usage(f, c);
}

void cmdtab_list(FILE *f)
{
    fprintf(f, "usage: highwater COMMAND [ARGS]   (highwater help COMMAND for its options)\n"
               "       highwater --version\n\n");
    for (const Command *c = cmdtab; c->name; c++) {
        char lhs[64];
        snprintf(lhs, sizeof lhs, "%s %s", c->name, c->args);
        fprintf(f, "  %-34s %s\n", lhs, c->summary);
    }
    fprintf(f, "\nA FILE can also be a lesson's name (`highwater list`): highwater view video-to-slow-client\n");
}
