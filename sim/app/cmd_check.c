/* cmd_check.c - `highwater check FILE...`: golden-trace regression tests.
 * Each scenario's trace is compared with tests/golden/BASENAME.trace; on a
 * mismatch a unified diff is printed and the new trace kept beside the golden
 * as BASENAME.trace.new (not when CI is set), so `--bless` is a deliberate step. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/commands.h"
#include "io/outfile.h"
#include "core/sim.h"
#include "scenario/scenario_yaml.h"
#include "trace/trace.h"

typedef struct {
    char *data;
    size_t len, cap;
} Buf;

static void buf_event(void *user, const Event *ev);

typedef struct {
    Buf b;
    const Sim *sim;
    int oom;
} Capture;

static int buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p)
            return -1;
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
    return 0;
}

static void buf_event(void *user, const Event *ev)
{
    Capture *c = user;
    char line[TRACE_LINE_MAX + 1];
    size_t n = trace_format(c->sim, ev, line);
    line[n++] = '\n';
    if (buf_add(&c->b, line, n) < 0)
        c->oom = 1;
}

/* Runs a scenario to its trace text. 0 ok, 2 bad input (message printed). */
static int run_to_buffer(const char *file, Buf *out)
{
    Scenario sc;
    char err[1024];
    if (scenario_load_file(file, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    Sim *sim = sim_create(&sc);
    if (!sim) {
        scenario_free(&sc);
        return 2;
    }
    Capture c = {{0}, sim, 0};
    char line[TRACE_LINE_MAX + 1];
    size_t n = trace_header(&sc, sc.ticks, line);
    line[n++] = '\n';
    buf_add(&c.b, line, n);
    sim_set_sink(sim, buf_event, &c);
    while (!sim_finished(sim))
        sim_step(sim);
    sim_destroy(sim);
    scenario_free(&sc);
    if (c.oom) {
        free(c.b.data);
        fprintf(stderr, "highwater check: out of memory\n");
        return 2;
    }
    *out = c.b;
    return 0;
}

static int read_file(const char *path, Buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char tmp[65536];
    size_t n;
    memset(out, 0, sizeof *out);
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (buf_add(out, tmp, n) < 0) {
            fclose(f);
            free(out->data);
            return -1;
        }
    fclose(f);
    if (!out->data)
        buf_add(out, "", 0);
    return 0;
}

static int write_whole(const char *path, const Buf *b)
{
    OutFile of;
    if (outfile_open(&of, path) != 0)
        return -1;
    if (b->len && fwrite(b->data, 1, b->len, of.f) != b->len) {
        outfile_abort(&of);
        return -1;
    }
    return outfile_commit(&of);
}

static void show_diff(const char *golden, const char *fresh)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execlp("diff", "diff", "-u", golden, fresh, (char *)NULL);
        _exit(127);
    }
    if (pid > 0) {
        int st;
        waitpid(pid, &st, 0);
    }
}

static void base_name(const char *path, char *out, size_t n)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    snprintf(out, n, "%s", b);
    char *dot = strrchr(out, '.');
    if (dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml")))
        *dot = 0;
}

static void dir_name(const char *path, char *out, size_t n)
{
    snprintf(out, n, "%s", path);
    char *slash = strrchr(out, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(out, n, ".");
}

/* Goldens whose scenario no longer exists in any of the checked directories. */
static int orphans(const char *golden_dir, char **files, int nfiles)
{
    DIR *d = opendir(golden_dir);
    if (!d)
        return 0;
    int bad = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 7 || strcmp(e->d_name + len - 6, ".trace"))
            continue;
        char base[512];
        snprintf(base, sizeof base, "%.*s", (int)(len - 6), e->d_name);
        int found = 0;
        for (int k = 0; k < nfiles && !found; k++) {
            char dir[4096], path[4700];
            dir_name(files[k], dir, sizeof dir);
            snprintf(path, sizeof path, "%s/%s.yaml", dir, base);
            if (access(path, F_OK) == 0)
                found = 1;
        }
        if (!found) {
            printf("FAIL %s/%s: its scenario %s.yaml is gone (delete the golden or restore the scenario)\n",
                   golden_dir, e->d_name, base);
            bad = 1;
        }
    }
    closedir(d);
    return bad;
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"bless", no_argument, 0, 'b'},
        {"golden", required_argument, 0, 'g'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    int bless = 0;
    const char *golden_dir = "tests/golden";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "bg:h", opts, NULL)) != -1) {
        switch (c) {
        case 'b':
            bless = 1;
            break;
        case 'g':
            golden_dir = optarg;
            break;
        case 'h':
            printf("usage: highwater check [--bless] [--golden DIR] FILE...\n"
                   "  Compares each scenario's trace with DIR/BASENAME.trace (default tests/golden).\n"
                   "  On a mismatch prints a unified diff and leaves BASENAME.trace.new (not under CI).\n"
                   "  --bless writes the new traces as the goldens.\n"
                   "  Exit: 0 all match, 1 a mismatch or a golden without scenario, 2 bad input.\n");
            return 0;
        default:
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: highwater check [--bless] [--golden DIR] FILE...\n");
        return 2;
    }
    int worst = 0;
    int in_ci = getenv("CI") != NULL;
    for (int k = optind; k < argc; k++) {
        char base[512], gpath[4096], npath[4200];
        base_name(argv[k], base, sizeof base);
        snprintf(gpath, sizeof gpath, "%s/%s.trace", golden_dir, base);
        snprintf(npath, sizeof npath, "%s.new", gpath);
        Buf fresh;
        int rc = run_to_buffer(argv[k], &fresh);
        if (rc) {
            printf("FAIL %s: bad input\n", argv[k]);
            worst = 2;
            continue;
        }
        if (bless) {
            if (write_whole(gpath, &fresh) != 0) {
                fprintf(stderr, "highwater check: cannot write %s: %s\n", gpath, strerror(errno));
                worst = 2;
            } else {
                remove(npath);
                printf("blessed %s (%zu bytes)\n", gpath, fresh.len);
            }
            free(fresh.data);
            continue;
        }
        Buf gold;
        if (read_file(gpath, &gold) != 0) {
            printf("FAIL %s: no golden %s (run `highwater check --bless %s` after reading the trace)\n",
                   argv[k], gpath, argv[k]);
            if (!in_ci)
                write_whole(npath, &fresh);
            free(fresh.data);
            if (worst < 1)
                worst = 1;
            continue;
        }
        if (gold.len == fresh.len && !memcmp(gold.data, fresh.data, gold.len)) {
            printf("ok %s\n", argv[k]);
            remove(npath);
        } else {
            printf("FAIL %s: trace differs from %s\n", argv[k], gpath);
            if (!in_ci && write_whole(npath, &fresh) == 0) {
                show_diff(gpath, npath);
            } else {
                char tmpl[] = "/tmp/highwater-check-XXXXXX";
                int fd = mkstemp(tmpl);
                if (fd >= 0) {
                    if (write(fd, fresh.data, fresh.len) == (ssize_t)fresh.len)
                        show_diff(gpath, tmpl);
                    close(fd);
                    unlink(tmpl);
                }
            }
            if (worst < 1)
                worst = 1;
        }
        free(gold.data);
        free(fresh.data);
    }
    if (!bless && orphans(golden_dir, argv + optind, argc - optind) && worst < 1)
        worst = 1;
    return worst;
}
