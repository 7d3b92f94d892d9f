/* shotdir.c - the folder for the window's pictures (see shotdir.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "view/shotdir.h"

static int make_dir(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) return 0;
        snprintf(err, errlen, "%s is not a folder", path);
        return -1;
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot make the folder %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int shots_folder(const char *want, char *out, size_t outlen, char *err, size_t errlen)
{
    char dir[PATH_MAX];
    const char *home = getenv("HOME");
    if (want && *want) {
        snprintf(dir, sizeof dir, "%s", want);
    } else if (home && *home) {
        snprintf(dir, sizeof dir, "%s/Pictures", home);
        if (make_dir(dir, err, errlen) != 0) return -1;
        snprintf(dir, sizeof dir, "%s/Pictures/highwater", home);
    } else {
        snprintf(dir, sizeof dir, ".");
    }
    if (make_dir(dir, err, errlen) != 0) return -1;
    char abs[PATH_MAX];
    if (!realpath(dir, abs)) {
        snprintf(err, errlen, "%s: %s", dir, strerror(errno));
        return -1;
    }
    if (snprintf(out, outlen, "%s", abs) >= (int)outlen) {
        snprintf(err, errlen, "the folder's path is too long");
        return -1;
    }
    return 0;
}
