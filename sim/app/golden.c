/* golden.c - golden traces: lookup, text files, the mismatch report (see golden.h). */
#include "app/golden.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/outfile.h"

#define SHORT_DIFF_LINES 40
#define MAX_STREAMS_SHOWN 12

int golden_text_add(GoldenText *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 65536;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *p = realloc(t->data, cap);
        if (!p)
            return -1;
        t->data = p;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = 0;
    return 0;
}

void golden_text_free(GoldenText *t)
{
    free(t->data);
    memset(t, 0, sizeof *t);
}

int golden_text_read(const char *path, GoldenText *t)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char tmp[65536];
    size_t n;
    int rc = golden_text_add(t, "", 0);
    while (rc == 0 && (n = fread(tmp, 1, sizeof tmp, f)) > 0)
        rc = golden_text_add(t, tmp, n);
    if (ferror(f))
        rc = -1;
    fclose(f);
    if (rc != 0) {
        golden_text_free(t);
        errno = errno ? errno : ENOMEM;
    }
    return rc;
}

int golden_text_write(const char *path, const GoldenText *t)
{
    OutFile of;
    if (outfile_open(&of, path) != 0)
        return -1;
    if (t->len && fwrite(t->data, 1, t->len, of.f) != t->len) {
        outfile_abort(&of);
        return -1;
    }
    return outfile_commit(&of);
}

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* path shown relative to the current folder when it is inside it. */
static void shown(const char *path, char *out, size_t outlen)
{
    char cwd[PATH_MAX];
    size_t n;
    if (getcwd(cwd, sizeof cwd) && (n = strlen(cwd)) > 1 && !strncmp(path, cwd, n) && path[n] == '/')
        snprintf(out, outlen, "%s", path + n + 1);
    else
        snprintf(out, outlen, "%s", path);
}

int golden_dir_for(const char *scenario, const char *override, char *out, size_t outlen)
{
    if (override) {
        snprintf(out, outlen, "%s", override);
        return 0;
    }
    char *real = realpath(scenario, NULL);
    if (!real) {
        snprintf(out, outlen, "cannot find %s: %s", scenario, strerror(errno));
        return -1;
    }
    char dir[PATH_MAX + 16];
    snprintf(dir, sizeof dir, "%s", real);
    free(real);
    char *slash;
    while ((slash = strrchr(dir, '/'))) {
        *slash = 0;
        char cand[PATH_MAX + 32];
        snprintf(cand, sizeof cand, "%s/tests/golden", dir);
        if (is_dir(cand)) {
            shown(cand, out, outlen);
            return 0;
        }
    }
    snprintf(out, outlen, "no folder above %s has tests/golden (give --golden DIR)", scenario);
    return -1;
}

void golden_name(const char *arg, char *out, size_t outlen)
{
    const char *b = strrchr(arg, '/');
    snprintf(out, outlen, "%s", b ? b + 1 : arg);
    static const char *const ends[] = {".trace.new", ".trace", ".yaml", ".yml"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        size_t n = strlen(out), e = strlen(ends[i]);
        if (n > e && !strcmp(out + n - e, ends[i])) {
            out[n - e] = 0;
            break;
        }
    }
}

bool golden_in_ci(void)
{
    const char *ci = getenv("CI");
    return ci && *ci && strcmp(ci, "0") && strcmp(ci, "false");
}

/* `diff -u gold fresh` into out; 0, or -1 when diff could not run. */
static int run_diff(const char *gold, const char *fresh, GoldenText *out)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execlp("diff", "diff", "-u", "--label", gold, "--label", fresh, gold, fresh, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    char buf[65536];
    ssize_t n;
    int rc = 0;
    while ((n = read(fd[0], buf, sizeof buf)) > 0)
        if (golden_text_add(out, buf, (size_t)n) != 0)
            rc = -1;
    close(fd[0]);
    int st;
    if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) > 1)
        rc = -1;
    return rc;
}

/* The n-th line (0-based) of t and its length; NULL past the end. */
static const char *line_at(const GoldenText *t, long n, size_t *len)
{
    const char *p = t->data, *end = t->data + t->len;
    for (long i = 0; i < n && p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    if (p >= end)
        return NULL;
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    return p;
}

static long first_difference(const GoldenText *a, const GoldenText *b)
{
    size_t i = 0, n = a->len < b->len ? a->len : b->len;
    long line = 0;
    while (i < n && a->data[i] == b->data[i])
        if (a->data[i++] == '\n')
            line++;
    return line;
}

static void show_line(FILE *f, const char *label, const GoldenText *t, long n)
{
    size_t len;
    const char *p = line_at(t, n, &len);
    if (p)
        fprintf(f, "    %s %.*s\n", label, (int)len, p);
    else
        fprintf(f, "    %s (the trace has ended)\n", label);
}

/* The subject of a trace line: "-" or a stream id, "header" for '#'. */
static void subject_of(const char *line, size_t len, char *out, size_t outlen)
{
    if (len && line[0] == '#') {
        snprintf(out, outlen, "header");
        return;
    }
    const char *sp = memchr(line, ' ', len);
    const char *s = sp ? sp + 1 : line + len;
    size_t k = (size_t)(line + len - s);
    const char *sp2 = memchr(s, ' ', k);
    snprintf(out, outlen, "%.*s", (int)(sp2 ? (size_t)(sp2 - s) : k), s);
}

typedef struct {
    long removed, added;
    char streams[MAX_STREAMS_SHOWN][40];
    int nstreams, more;
} DiffCount;

static void count_diff(const GoldenText *d, DiffCount *c)
{
    memset(c, 0, sizeof *c);
    const char *p = d->data, *end = d->data + d->len;
    for (long i = 0; p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (i >= 2 && len && (p[0] == '-' || p[0] == '+')) {
            if (p[0] == '-')
                c->removed++;
            else
                c->added++;
            char subj[40];
            subject_of(p + 1, len - 1, subj, sizeof subj);
            int known = 0;
            for (int k = 0; k < c->nstreams && !known; k++)
                known = !strcmp(c->streams[k], subj);
            if (!known && c->nstreams < MAX_STREAMS_SHOWN)
                snprintf(c->streams[c->nstreams++], sizeof c->streams[0], "%s", subj);
            else if (!known)
                c->more = 1;
        }
        p = nl ? nl + 1 : end;
    }
}

static void show_diff(FILE *f, const GoldenText *d, int how)
{
    const char *p = d->data, *end = d->data + d->len;
    long i = 0, limit = how == GOLDEN_FULL ? -1 : SHORT_DIFF_LINES + 2, total = 0;
    for (const char *q = p; q < end; q++)
        total += *q == '\n';
    for (; p < end && (limit < 0 || i < limit); i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        fprintf(f, "  %.*s\n", (int)len, p);
        p = nl ? nl + 1 : end;
    }
    if (p < end)
        fprintf(f, "  ... %ld more diff lines (--full shows them all)\n", total - i);
}

long golden_report(FILE *f, const char *gold, const char *fresh, int how)
{
    GoldenText a, b, d = {0};
    if (golden_text_read(gold, &a) != 0) {
        fprintf(f, "  cannot read %s: %s\n", gold, strerror(errno));
        return -1;
    }
    if (golden_text_read(fresh, &b) != 0) {
        fprintf(f, "  cannot read %s: %s\n", fresh, strerror(errno));
        golden_text_free(&a);
        return -1;
    }
    long line = first_difference(&a, &b);
    size_t len;
    const char *l = line_at(&a, line, &len);
    if (!l)
        l = line_at(&b, line, &len);
    fprintf(f, "  first difference at line %ld", line + 1);
    if (l && len && l[0] != '#')
        fprintf(f, ", tick %.*s", (int)strcspn(l, " \n"), l);
    fprintf(f, ":\n");
    show_line(f, "golden:", &a, line);
    show_line(f, "new:   ", &b, line);
    long changed = -1;
    if (run_diff(gold, fresh, &d) != 0) {
        fprintf(f, "  (diff could not run)\n");
    } else {
        DiffCount c;
        count_diff(&d, &c);
        changed = c.removed + c.added;
        fprintf(f, "  %ld line%s differ (%ld only in the golden, %ld only in the new trace); streams: ", changed,
                changed == 1 ? "" : "s", c.removed, c.added);
        for (int k = 0; k < c.nstreams; k++)
            fprintf(f, "%s%s", k ? ", " : "", c.streams[k]);
        fprintf(f, "%s\n", c.more ? ", ..." : "");
        if (how != GOLDEN_SUMMARY)
            show_diff(f, &d, how);
    }
    golden_text_free(&a);
    golden_text_free(&b);
    golden_text_free(&d);
    return changed;
}
