/* datadir.c - locating assets/ and scenarios/ (see datadir.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "view/datadir.h"

#ifndef HW_DATADIR
#define HW_DATADIR "/usr/local/share/highwater"
#endif

static int has_font(const char *root)
{
    char p[4096];
    struct stat st;
    if (snprintf(p, sizeof p, "%s/assets/DejaVuSans.ttf", root) >= (int)sizeof p) return 0;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static int try_root(const char *root, char *out, size_t outlen)
{
    if (!root || !*root || !has_font(root)) return 0;
    /* Canonical, so screenshots and the lesson picker show a clean path. */
    char *real = realpath(root, NULL);
    snprintf(out, outlen, "%s", real ? real : root);
    free(real);
    return 1;
}

int datadir_find(char *out, size_t outlen)
{
    if (try_root(getenv("HIGHWATER_DATA"), out, outlen)) return 0;

    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char cand[4200];
            snprintf(cand, sizeof cand, "%s/..", exe);
            if (try_root(cand, out, outlen)) return 0;
            snprintf(cand, sizeof cand, "%s/../share/highwater", exe);
            if (try_root(cand, out, outlen)) return 0;
        }
    }
    if (try_root(HW_DATADIR, out, outlen)) return 0;
    if (try_root(".", out, outlen)) return 0;
    snprintf(out, outlen, "$HIGHWATER_DATA, beside the binary, %s, .", HW_DATADIR);
    return -1;
}
