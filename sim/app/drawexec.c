/* drawexec.c - the commands that draw, in the lean `highwater` executable:
 * each one hands its whole command line to `highwater-view`, the
 * executable beside it that has the window (exec, same process id, same
 * arguments, same exit status, nothing printed first).
 *
 * Why two executables. `highwater` is linked with libyaml and libm only, so
 * run, check, list, export-js, sweep, review and help start without the
 * dynamic loader mapping and relocating SDL2, SDL2_ttf, libpng, giflib and
 * the dozens of libraries they pull in (X11, Wayland, audio, freetype,
 * harfbuzz...): that was 12-24 ms of every start, paid thousands of times by
 * the test suites and sweeps. `highwater-view` is today's whole program
 * (every command, the drawing ones included), built from the same objects
 * plus view/, cmd_view.c and cmd_compare.c, and linked with all of them.
 * The alternative, loading SDL at run time (dlopen), was not taken: every
 * SDL/TTF/png/gif call in view/ would go through a table of function
 * pointers filled by hand, a missing symbol would surface only when that
 * call is reached, and the browser build (emscripten) links SDL statically
 * with no dlopen to speak of, while a second executable is simply what it
 * builds: `highwater-view` alone. `make install` puts both in PREFIX/bin;
 * the view finds the data folder the same way (scenario/datadir.h).
 *
 * This file is linked only into the lean executable (Makefile: LAUNCH_SRC);
 * the drawing one has the real cmd_view, cmd_render, cmd_record and
 * cmd_compare. See docs/architecture.md.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/commands.h"

#define DRAW_PROGRAM "highwater-view"

/* DIR/highwater-view for the DIR this executable was started from, or ""
 * when that cannot be known. */
static void draw_program(char *out, size_t cap)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    out[0] = '\0';
    if (n <= 0)
        return;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return;
    *slash = '\0';
    snprintf(out, cap, "%s/%s", self, DRAW_PROGRAM);
}

/* argv[0] is the command's name ("view"); the drawing executable gets
 * "highwater-view view ARGS...". Returns only on failure (exit 2). */
static int hand_over(int argc, char **argv)
{
    char path[PATH_MAX + 32];
    draw_program(path, sizeof path);
    if (!path[0]) {
        fprintf(stderr, "highwater %s: cannot find the folder of this program to start %s\n", argv[0],
                DRAW_PROGRAM);
        return 2;
    }
    char **args = calloc((size_t)argc + 2, sizeof *args);
    if (!args) {
        fprintf(stderr, "highwater %s: out of memory\n", argv[0]);
        return 2;
    }
    args[0] = path;
    for (int i = 0; i < argc; i++)
        args[i + 1] = argv[i];
    fflush(stdout);
    execv(path, args);
    int e = errno;
    free(args);
    fprintf(stderr, "highwater %s: cannot start %s: %s (it is built and installed beside highwater: make, make install)\n",
            argv[0], path, strerror(e));
    return 2;
}

/* Defined through a macro so that the one definition of each command that
 * a reader (and 90-toolbox's option check) finds by `^int cmd_NAME(` is
 * the real one, in cmd_view.c or cmd_compare.c. */
#define HAND_OVER(name)                   \
    int name(int argc, char **argv)       \
    {                                     \
        return hand_over(argc, argv);     \
    }
HAND_OVER(cmd_view)
HAND_OVER(cmd_render)
HAND_OVER(cmd_record)
HAND_OVER(cmd_compare)
