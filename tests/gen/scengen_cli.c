/* scengen_cli.c - build/tools/scengen: the scenario generator and shrinker
 * from the shell, for tools/difftest.sh and by hand.
 *
 *   scengen SEED [opts]                 the scenario for SEED, on stdout
 *   scengen --major-of SEED [opts]      the Node major it is written for
 *   scengen --check FROM COUNT [opts]   loads the scenarios of seeds
 *                                       FROM..FROM+COUNT-1 with the reader
 *                                       (each must load) and counts the
 *                                       features they cover (each must occur)
 *   scengen --shrink FILE OUT CMD [ARG...]
 *                                       shrinks FILE while `CMD ARG...
 *                                       CANDIDATE` exits 0, writes OUT
 *   opts: --majors M[,M...]  (the seed picks one; default: every major the
 *         format takes)   --max-ticks N   --no-shared-async
 *         --no-end-into-pipeline   (leave out a known model gap: scengen.h)
 *
 * Exit status: 0 done, 1 a check failed, 2 bad usage or an I/O error.
 */
#include "scengen.h"
#include "shrink.h"

#include "core/scenario.h"
#include "scenario/scenario_yaml.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int usage(void)
{
    fprintf(stderr, "usage: scengen SEED [--majors M,...] [--max-ticks N] [--no-shared-async] [--no-end-into-pipeline]\n"
                    "       scengen --major-of SEED [opts]\n"
                    "       scengen --check FROM COUNT [opts]\n"
                    "       scengen --shrink FILE OUT CMD [ARG...]\n");
    return 2;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* "20,22": majors the format takes, into o->majors. */
static bool parse_majors(const char *list, ScengenOptions *o)
{
    o->nmajors = 0;
    for (const char *p = list; *p;) {
        char *end;
        long v = strtol(p, &end, 10);
        bool known = end != p && (*end == ',' || *end == '\0');
        bool found = false;
        for (int k = 0; k < scengen_nmajors; k++)
            found |= scengen_majors[k] == v;
        if (!known || !found || o->nmajors == SCENGEN_MAX_MAJORS) {
            fprintf(stderr, "scengen: --majors %s: expected a list of majors the format takes (", list);
            for (int k = 0; k < scengen_nmajors; k++)
                fprintf(stderr, "%s%d", k ? "," : "", scengen_majors[k]);
            fprintf(stderr, ")\n");
            return false;
        }
        o->majors[o->nmajors++] = (int)v;
        p = *end ? end + 1 : end;
    }
    return o->nmajors > 0;
}

/* Options after the positional arguments; false on an unknown one. */
static bool parse_opts(int argc, char **argv, int from, ScengenOptions *o)
{
    for (int i = from; i < argc; i++) {
        uint64_t v;
        if (!strcmp(argv[i], "--majors") && i + 1 < argc) {
            if (!parse_majors(argv[++i], o))
                return false;
        } else if (!strcmp(argv[i], "--max-ticks") && i + 1 < argc && parse_u64(argv[i + 1], &v) &&
                   v >= 3 && v <= 100000) {
            o->max_ticks = (int)v;
            i++;
        } else if (!strcmp(argv[i], "--no-shared-async")) {
            o->exclude |= SCENGEN_NO_SHARED_ASYNC;
        } else if (!strcmp(argv[i], "--no-end-into-pipeline")) {
            o->exclude |= SCENGEN_NO_END_INTO_PIPELINE;
        } else {
            fprintf(stderr, "scengen: bad option '%s'\n", argv[i]);
            return false;
        }
    }
    return true;
}

/* ---- --check ---- */

/* Text that shows a feature in a generated file; '|' separates alternatives. */
static const char *const features[] = {
    "{pipe:", "{pipeline:", "{promisesPipeline:", "{naive:", "{manual:", "{forAwait:",
    "{readable:", "end: false", "objectMode: true", "readableObjectMode: true",
    "writableObjectMode: true", "objectSize:", "sync: true", "writev: true", "batch:",
    "ratio:", "outChunk:", "ignoresBackpressure: true", "content:", "encoding: utf8",
    "keep:", "keepCopy: true", "handleErrors: false", "memoryLimit:", "/s|/s}", "tick:",
    "ighWaterMark: 0,|ighWaterMark: 0}", "ighWaterMark: 1,|ighWaterMark: 1}",
    "readableHighWaterMark:", "writableHighWaterMark:", "total: endless", "KiB", "rate: 0",
    "do: rate", "do: pause", "do: resume", "do: unpipe, stream: s0}|do: unpipe, stream: s1}",
    ", dest:", "do: write", "do: end", "do: cork", "do: uncork", "do: destroy", "do: fail",
    "note:", "questions:",
};
#define NFEATURES (int)(sizeof features / sizeof features[0])

static bool has_feature(const char *text, const char *f)
{
    char alt[64];
    while (*f) {
        const char *bar = strchr(f, '|');
        size_t l = bar ? (size_t)(bar - f) : strlen(f);
        snprintf(alt, sizeof alt, "%.*s", (int)l, f);
        if (strstr(text, alt))
            return true;
        f += l + (bar != NULL);
    }
    return false;
}

static int check(uint64_t from, uint64_t count, const ScengenOptions *o)
{
    int seen[NFEATURES] = {0};
    int majors[64] = {0};
    uint64_t bad = 0;
    for (uint64_t s = from; s - from < count; s++) {
        char *text = scengen_yaml(s, o);
        if (!text) {
            fprintf(stderr, "scengen: out of memory\n");
            return 2;
        }
        char name[40], err[512];
        snprintf(name, sizeof name, "seed-%llu", (unsigned long long)s);
        Scenario sc;
        if (scenario_load_string(text, strlen(text), name, &sc, err, sizeof err) != 0) {
            if (bad++ < 5)
                printf("# rejected: %s\n%s", err, text);
        } else {
            for (int k = 0; k < scengen_nmajors; k++)
                majors[k] += sc.node == scengen_majors[k];
            scenario_free(&sc);
        }
        for (int f = 0; f < NFEATURES; f++)
            seen[f] += has_feature(text, features[f]);
        free(text);
    }
    int missing = 0, covered = 0;
    for (int f = 0; f < NFEATURES; f++)
        if (!seen[f]) {
            printf("# no generated scenario has: %s\n", features[f]);
            missing++;
        }
    covered = NFEATURES - missing;
    for (int k = 0; k < scengen_nmajors; k++) {
        bool wanted = o->nmajors == 0;
        for (int j = 0; j < o->nmajors; j++)
            wanted |= o->majors[j] == scengen_majors[k];
        if (!majors[k] && wanted) {
            printf("# no generated scenario is for node %d\n", scengen_majors[k]);
            missing++;
        }
    }
    printf("# %llu seeds from %llu: %llu rejected by the reader, %d of %d features covered\n",
           (unsigned long long)count, (unsigned long long)from, (unsigned long long)bad,
           covered, NFEATURES);
    return bad || missing ? 1 : 0;
}

/* ---- --shrink ---- */

typedef struct {
    char **cmd;          /* NULL-terminated; the last slot is the candidate's path */
    int ncmd;
    const char *path;    /* where candidates are written */
} Probe;

static bool write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    size_t len = strlen(text);
    bool ok = fwrite(text, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

static int still_fails(void *user, const char *text)
{
    Probe *p = user;
    if (!write_file(p->path, text))
        return 0;
    pid_t pid = fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        execvp(p->cmd[0], p->cmd);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return 0;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        len += fread(buf + len, 1, cap - 1 - len, f);
        if (len < cap - 1)
            break;
        char *g = realloc(buf, cap *= 2);
        if (!g)
            free(buf);
        buf = g;
    }
    bool err = ferror(f);
    fclose(f);
    if (!buf || err) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

static int shrink(int argc, char **argv)
{
    if (argc < 5)
        return usage();
    const char *in = argv[2], *out = argv[3];
    char *text = read_file(in);
    if (!text) {
        fprintf(stderr, "scengen: cannot read %s: %s\n", in, strerror(errno));
        return 2;
    }
    size_t ol = strlen(out);
    char *cand = malloc(ol + 16), *tmp = malloc(ol + 16);
    char **cmd = calloc((size_t)argc, sizeof *cmd);
    if (!cand || !tmp || !cmd) {
        free(text), free(cand), free(tmp), free(cmd);
        return 2;
    }
    sprintf(cand, "%s.try.yaml", out);
    sprintf(tmp, "%s.tmp", out);
    int n = 0;
    for (int i = 4; i < argc; i++)
        cmd[n++] = argv[i];
    cmd[n++] = cand;
    Probe p = {cmd, n, cand};
    int rc = 0;
    if (!still_fails(&p, text)) {
        fprintf(stderr, "scengen: %s does not fail the check to begin with\n", in);
        rc = 1;
    } else {
        int tries = 0;
        char *small = shrink_text(text, still_fails, &p, &tries);
        if (!small || !write_file(tmp, small) || rename(tmp, out) != 0) {
            fprintf(stderr, "scengen: cannot write %s\n", out);
            remove(tmp);
            rc = 2;
        } else {
            fprintf(stderr, "scengen: shrunk %s to %s (%zu -> %zu bytes, %d candidates)\n", in, out,
                    strlen(text), strlen(small), tries);
        }
        free(small);
    }
    remove(cand);
    free(text), free(cand), free(tmp), free(cmd);
    return rc;
}

int main(int argc, char **argv)
{
    ScengenOptions o = scengen_options_default();
    uint64_t seed, count;
    if (argc < 2)
        return usage();
    if (!strcmp(argv[1], "--shrink"))
        return shrink(argc, argv);
    if (!strcmp(argv[1], "--check")) {
        if (argc < 4 || !parse_u64(argv[2], &seed) || !parse_u64(argv[3], &count) ||
            !parse_opts(argc, argv, 4, &o))
            return usage();
        return check(seed, count, &o);
    }
    if (!strcmp(argv[1], "--major-of")) {
        if (argc < 3 || !parse_u64(argv[2], &seed) || !parse_opts(argc, argv, 3, &o))
            return usage();
        printf("%d\n", scengen_major(seed, &o));
        return 0;
    }
    if (!parse_u64(argv[1], &seed) || !parse_opts(argc, argv, 2, &o))
        return usage();
    char *text = scengen_yaml(seed, &o);
    if (!text) {
        fprintf(stderr, "scengen: out of memory\n");
        return 2;
    }
    fputs(text, stdout);
    free(text);
    return fflush(stdout) == 0 ? 0 : 2;
}
