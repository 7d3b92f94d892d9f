/* cmd_list.c - `highwater list [DIR]`: the scenarios in a directory with their titles. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app/cmdtab.h"
#include "app/commands.h"
#include "io/outfile.h"
#include "io/safetext.h"
#include "scenario/course.h"
#include "scenario/datadir.h"
#include "scenario/scenario_yaml.h"

static void usage(FILE *f)
{
    cmdtab_usage_of(f, "list");
}

static bool is_scenario_file(const char *name)
{
    size_t n = strlen(name);
    if (name[0] == '.')
        return false;
    return (n > 5 && !strcmp(name + n - 5, ".yaml")) || (n > 4 && !strcmp(name + n - 4, ".yml"));
}

/* By file name without the extension, so "lesson.yaml" comes before "lesson-v2.yaml". */
static int by_name(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    size_t lx = (size_t)(strrchr(x, '.') - x), ly = (size_t)(strrchr(y, '.') - y);
    int c = strncmp(x, y, lx < ly ? lx : ly);
    if (c)
        return c;
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return strcmp(x, y);
}

/* The scenario file names in dir, sorted; NULL with errno set on failure. */
static char **list_files(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!is_scenario_file(e->d_name))
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **grown = realloc(names, ncap * sizeof *grown);
            if (!grown)
                goto fail;
            names = grown;
            cap = ncap;
        }
        size_t len = strlen(e->d_name);
        names[n] = malloc(len + 1);
        if (!names[n])
            goto fail;
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    *count = n;
    /* An empty directory is not an error: hand back an empty list. */
    return names ? names : calloc(1, sizeof *names);
fail:
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    errno = ENOMEM;
    return NULL;
}

int cmd_list(int argc, char **argv)
{
    static const struct option opts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            usage(stdout);
            return 0;
        }
        fprintf(stderr, "highwater list: unknown option '%s'\n", argv[optind - 1]);
        usage(stderr);
        return 2;
    }
    if (argc - optind > 1) {
        fprintf(stderr, "highwater list: one directory at most\n");
        usage(stderr);
        return 2;
    }

    /* Default: the lesson library of the one data lookup (datadir.h). */
    char *def = NULL;
    const char *dir;
    char root[4096];
    if (optind < argc) {
        dir = argv[optind];
    } else if (datadir_find(root, sizeof root) == 0 && (def = malloc(strlen(root) + sizeof "/scenarios"))) {
        sprintf(def, "%s/scenarios", root);
        dir = def;
    } else {
        fprintf(stderr, "highwater list: cannot find the lesson library; looked in %s\n", root);
        return 2;
    }

    size_t n = 0;
    char **names = list_files(dir, &n);
    if (!names) {
        fprintf(stderr, "highwater list: cannot read %s: %s\n", dir, strerror(errno));
        free(def);
        return 2;
    }
    int status = 0;
    /* The course's teaching order first (scenarios/course.txt), the rest by name. */
    Course *course = calloc(1, sizeof *course);
    char cerr[1200];
    int crc = course ? course_load(course, dir, cerr, sizeof cerr) : 1;
    if (crc < 0) {
        fprintf(stderr, "%s\n", cerr);
        status = 2;
    } else if (crc == 0) {
        course_sort_files(course, names, n);
    }
    free(course);
    for (size_t i = 0; i < n; i++) {
        char err[512];
        struct stat st;
        Scenario sc;
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (path)
            snprintf(path, len, "%s/%s", dir, names[i]);
        free(names[i]);
        if (!path) {
            fprintf(stderr, "highwater list: out of memory\n");
            status = 2;
            continue;
        }
        if (stat(path, &st) || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        if (scenario_load_file(path, &sc, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            status = 2;
        } else {
            /* The title is the file author's text: escaped (io/safetext.h). */
            fputs(sc.name, stdout);
            if (sc.title) {
                fputs("  ", stdout);
                safetext_fputs(sc.title, stdout);
            }
            putchar('\n');
            scenario_free(&sc);
        }
        free(path);
    }
    free(names);
    free(def);
    char werr[256];
    if (outfile_stdout_done(werr, sizeof werr) != 0) {
        fprintf(stderr, "highwater list: %s\n", werr);
        status = 2;
    }
    return status;
}
