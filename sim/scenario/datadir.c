/* datadir.c - locating assets/ and scenarios/ (see datadir.h). */
#include "scenario/datadir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

static int has(const char *root, const char *rel, int dir)
{
    char p[4096];
    struct stat st;
    if (snprintf(p, sizeof p, "%s/%s", root, rel) >= (int)sizeof p) return 0;
    return stat(p, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

static int try_root(const char *root, char *out, size_t outlen)
{
    if (!root || !*root || !has(root, "assets/DejaVuSans.ttf", 0) || !has(root, "scenarios", 1)) return 0;
    /* Canonical, so screenshots and the lesson picker show a clean path. */
    char *real = realpath(root, NULL);
    snprintf(out, outlen, "%s", real ? real : root);
    free(real);
    return 1;
}

int datadir_find(char *out, size_t outlen)
{
    if (try_root(getenv("HIGHWATER_DATA"), out, outlen)) return 0;

    /* Up from the binary: build/highwater and build/san/highwater sit in a
     * source tree, PREFIX/bin/highwater beside PREFIX/share/highwater. */
    char dir[4096];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n > 0) {
        dir[n] = 0;
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(dir, '/');
            if (!slash) break;
            *slash = 0;
            char cand[4200];
            snprintf(cand, sizeof cand, "%s/..", dir);
            if (try_root(cand, out, outlen)) return 0;
            snprintf(cand, sizeof cand, "%s/../share/highwater", dir);
            if (try_root(cand, out, outlen)) return 0;
        }
    }
    if (try_root(HW_DATADIR, out, outlen)) return 0;
    snprintf(out, outlen, "$HIGHWATER_DATA, above the binary (DIR and DIR/share/highwater), %s", HW_DATADIR);
    return -1;
}

int datadir_lesson(const char *arg, char *out, size_t outlen)
{
    size_t len = strlen(arg);
    if (!len || strchr(arg, '/') || arg[0] == '.' || arg[0] == '-') return -1;
    char root[4096];
    if (datadir_find(root, sizeof root) != 0) return -1;
    int has_ext = len > 5 && !strcmp(arg + len - 5, ".yaml");
    char rel[4200];
    snprintf(rel, sizeof rel, "scenarios/%s%s", arg, has_ext ? "" : ".yaml");
    if (!has(root, rel, 0)) return -1;
    if (snprintf(out, outlen, "%s/%s", root, rel) >= (int)outlen) return -1;
    return 0;
}
