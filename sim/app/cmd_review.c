/* cmd_review.c - `highwater review`: walks the pending NAME.trace.new files
 * that `check` kept, shows how each differs from its golden, and accepts
 * (renames it over the golden) or rejects (deletes) it, as `cargo insta
 * review` does. Accepting takes the file that was shown, byte for byte: if
 * it changed in between, nothing is accepted and it says so.
 *
 * Where: --golden DIR; else the golden folders of the scenarios given; else
 * tests/golden of the data root (a source tree: datadir.h), never the
 * current folder.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/cmdtab.h"
#include "app/commands.h"
#include "app/golden.h"
#include "scenario/datadir.h"

#define MAX_ITEMS 1024
#define MAX_NAMED 64

typedef struct {
    char dir[4096];
    char name[512];
} Pending;

typedef struct {
    const char *accept[MAX_NAMED], *reject[MAX_NAMED];
    int naccept, nreject;
    int how;
} ReviewOpts;

static int by_name(const void *a, const void *b)
{
    const Pending *x = a, *y = b;
    int c = strcmp(x->dir, y->dir);
    return c ? c : strcmp(x->name, y->name);
}

/* Every NAME.trace.new in dir, appended to list. */
static int add_dir(const char *dir, Pending *list, int n)
{
    DIR *d = opendir(dir);
    if (!d)
        return n;
    struct dirent *e;
    while ((e = readdir(d)) && n < MAX_ITEMS) {
        size_t len = strlen(e->d_name);
        if (len <= 10 || strcmp(e->d_name + len - 10, ".trace.new"))
            continue;
        snprintf(list[n].dir, sizeof list[n].dir, "%s", dir);
        golden_name(e->d_name, list[n].name, sizeof list[n].name);
        n++;
    }
    closedir(d);
    return n;
}

static void paths(const Pending *p, char *gpath, char *npath, size_t n)
{
    snprintf(gpath, n, "%s/%s.trace", p->dir, p->name);
    snprintf(npath, n, "%s/%s.trace.new", p->dir, p->name);
}

/* The summary and diff of one pending file; shown is what it held then. */
static int show(const Pending *p, int how, GoldenText *shown)
{
    char gpath[4700], npath[4700];
    paths(p, gpath, npath, sizeof gpath);
    if (golden_text_read(npath, shown) != 0) {
        fprintf(stderr, "highwater review: cannot read %s: %s\n", npath, strerror(errno));
        return -1;
    }
    GoldenText gold;
    if (golden_text_read(gpath, &gold) == 0) {
        printf("%s: %s differs from %s\n", p->name, npath, gpath);
        golden_text_free(&gold);
        golden_report(stdout, gpath, npath, how);
    } else {
        printf("%s: %s is new (no %s yet)\n", p->name, npath, gpath);
        const char *q = shown->data, *end = shown->data + shown->len;
        long lines = 0;
        for (; q < end && (lines < 20 || how == GOLDEN_FULL); lines++) {
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            size_t len = nl ? (size_t)(nl - q) : (size_t)(end - q);
            printf("  %.*s\n", (int)len, q);
            q = nl ? nl + 1 : end;
        }
        long more = 0;
        for (; q < end; q++)
            more += *q == '\n';
        if (more)
            printf("  ... %ld more lines (--full shows them all)\n", more);
    }
    return 0;
}

static int accept(const Pending *p, const GoldenText *shown)
{
    char gpath[4700], npath[4700];
    paths(p, gpath, npath, sizeof gpath);
    GoldenText now;
    if (golden_text_read(npath, &now) != 0) {
        fprintf(stderr, "highwater review: cannot read %s: %s\n", npath, strerror(errno));
        return 2;
    }
    bool same = now.len == shown->len && !memcmp(now.data, shown->data, now.len);
    golden_text_free(&now);
    if (!same) {
        fprintf(stderr, "highwater review: %s changed since it was shown; not accepted (review it again)\n", npath);
        return 2;
    }
    if (rename(npath, gpath) != 0) {
        fprintf(stderr, "highwater review: cannot move %s to %s: %s\n", npath, gpath, strerror(errno));
        return 2;
    }
    printf("accepted %s (%s)\n", p->name, gpath);
    return 0;
}

static int reject(const Pending *p)
{
    char gpath[4700], npath[4700];
    paths(p, gpath, npath, sizeof gpath);
    if (remove(npath) != 0) {
        fprintf(stderr, "highwater review: cannot delete %s: %s\n", npath, strerror(errno));
        return 2;
    }
    printf("rejected %s (%s deleted; %s unchanged)\n", p->name, npath, gpath);
    return 0;
}

/* 'a', 'r', 's' or 'q' from standard input; 'q' at its end. */
static int ask(void)
{
    char line[64];
    for (;;) {
        printf("accept, reject, skip or quit? [a/r/s/q] ");
        fflush(stdout);
        if (!fgets(line, sizeof line, stdin)) {
            printf("\n");
            return 'q';
        }
        int c = line[0];
        if (c == 'a' || c == 'r' || c == 's' || c == 'q')
            return c;
    }
}

static int walk(Pending *list, int n, int how)
{
    int worst = 0, done = 0;
    for (int i = 0; i < n; i++) {
        GoldenText shown;
        printf("[%d/%d] ", i + 1, n);
        if (show(&list[i], how, &shown) != 0) {
            worst = 2;
            continue;
        }
        int c = ask();
        int rc = c == 'a' ? accept(&list[i], &shown) : c == 'r' ? reject(&list[i]) : 0;
        golden_text_free(&shown);
        if (rc > worst)
            worst = rc;
        if (c == 'a' || c == 'r')
            done++;
        if (c == 'q')
            break;
    }
    printf("%d of %d reviewed\n", done, n);
    return worst;
}

/* --accept / --reject NAME: the pending file of that name, or an error. */
static int named(Pending *list, int n, const char *arg, bool yes, int how)
{
    char name[512];
    golden_name(arg, name, sizeof name);
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i].name, name))
            continue;
        GoldenText shown;
        if (show(&list[i], how, &shown) != 0)
            return 2;
        int rc = yes ? accept(&list[i], &shown) : reject(&list[i]);
        golden_text_free(&shown);
        return rc;
    }
    fprintf(stderr, "highwater review: no pending %s.trace.new in %s\n", name, n ? list[0].dir : "the golden folder");
    return 2;
}

int cmd_review(int argc, char **argv)
{
    static const struct option opts[] = {
        {"golden", required_argument, 0, 'g'},
        {"accept", required_argument, 0, 'a'},
        {"reject", required_argument, 0, 'r'},
        {"full", no_argument, 0, 'f'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    ReviewOpts o = {.how = GOLDEN_SHORT};
    const char *golden = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "g:a:r:fh", opts, NULL)) != -1) {
        switch (c) {
        case 'g': golden = optarg; break;
        case 'a':
        case 'r':
            if ((c == 'a' ? o.naccept : o.nreject) == MAX_NAMED) {
                fprintf(stderr, "highwater review: at most %d --accept and %d --reject\n", MAX_NAMED, MAX_NAMED);
                return 2;
            }
            if (c == 'a')
                o.accept[o.naccept++] = optarg;
            else
                o.reject[o.nreject++] = optarg;
            break;
        case 'f': o.how = GOLDEN_FULL; break;
        case 'h': cmdtab_usage_of(stdout, "review"); return 0;
        default: cmdtab_usage_of(stderr, "review"); return 2;
        }
    }
    Pending *list = calloc(MAX_ITEMS, sizeof *list);
    if (!list) {
        fprintf(stderr, "highwater review: out of memory\n");
        return 2;
    }
    int n = 0, rc = 0;
    char dir[4096];
    if (optind == argc) {
        char root[4000];
        if (golden) {
            snprintf(dir, sizeof dir, "%s", golden);
        } else if (datadir_find(root, sizeof root) == 0) {
            snprintf(dir, sizeof dir, "%s/tests/golden", root);
        } else {
            fprintf(stderr, "highwater review: which goldens? Give a scenario FILE or --golden DIR\n");
            free(list);
            return 2;
        }
        n = add_dir(dir, list, 0);
    }
    for (int k = optind; k < argc; k++) {
        if (golden_dir_for(argv[k], golden, dir, sizeof dir) != 0) {
            fprintf(stderr, "highwater review: %s\n", dir);
            free(list);
            return 2;
        }
        /* only this scenario's pending file, when there is one */
        Pending one;
        snprintf(one.dir, sizeof one.dir, "%s", dir);
        golden_name(argv[k], one.name, sizeof one.name);
        char g[4700], nw[4700];
        paths(&one, g, nw, sizeof g);
        FILE *f = fopen(nw, "rb");
        if (f) {
            fclose(f);
            if (n < MAX_ITEMS)
                list[n++] = one;
        } else if (!o.naccept && !o.nreject) {
            printf("%s: nothing to review (no %s)\n", one.name, nw);
        }
    }
    qsort(list, (size_t)n, sizeof *list, by_name);
    if (o.naccept || o.nreject) {
        for (int i = 0; i < o.naccept; i++) {
            int r = named(list, n, o.accept[i], true, o.how);
            rc = r > rc ? r : rc;
        }
        for (int i = 0; i < o.nreject; i++) {
            int r = named(list, n, o.reject[i], false, o.how);
            rc = r > rc ? r : rc;
        }
    } else if (n == 0) {
        if (optind == argc)
            printf("no pending .trace.new files in %s\n", dir);
    } else {
        rc = walk(list, n, o.how);
    }
    free(list);
    return rc;
}
