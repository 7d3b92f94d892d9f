/* cmd_sweep.c - `highwater sweep FILE --vary TARGET=VALUES`: one headless run
 * per value, one CSV row per run, in the order the values were written.
 *
 * Runs are independent and the model has no globals, so they spread over
 * worker processes: the parent forks N-1 workers and works too, and each
 * process takes the next value from a counter in shared memory, so a few
 * slow runs do not hold up a static share. Results go straight into a row
 * array in that shared memory, indexed by value, which keeps the input order
 * for free. Processes (not threads) keep the build free of -pthread and let
 * a crash in one run be reported instead of taking the sweep down.
 *
 * Every value is applied and checked in the parent before any run starts,
 * so a bad value is an error (exit 2) with nothing printed. The CSV is
 * written only after the last run, whole (a temporary file renamed over
 * --out), so an interrupted sweep leaves nothing behind.
 */
#include <errno.h>
#include <getopt.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/commands.h"
#include "app/outfile.h"
#include "app/vary.h"
#include "core/sim.h"
#include "scenario/scenario_yaml.h"

#define MAX_JOBS 256

/* The counter is shared between processes through a MAP_SHARED mapping;
 * that is only sound for a lock-free atomic. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "sweep needs a lock-free atomic_int");

enum { ROW_PENDING, ROW_DONE, ROW_FAILED };

typedef struct {
    int32_t state;                  /* ROW_* */
    int32_t status;                 /* SimStatus at the end of the run */
    int64_t peak[SC_MAX_STREAMS];   /* each stream's peak memory (bytes) */
    int64_t peak_total;             /* the process's peak memory */
    int64_t through;                /* bytes completed by the sinks; -1: no sink */
    int64_t finish_tick;            /* the last sink's 'finish'; -1: not all finished */
    int64_t pauses, drains;         /* over all streams */
} SweepRow;

typedef struct {
    atomic_int next;                /* the next value to run */
    SweepRow rows[];
} SweepShared;

/* What one process needs to run values: its own scratch copy of the
 * scenario, which each value overwrites in the same fields. */
typedef struct {
    Scenario scratch;
    const Vary *vary;
    SweepShared *shared;
    int count;
} Worker;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: highwater sweep FILE --vary TARGET=VALUES [-j N] [--out FILE]\n"
            "  Runs the scenario once per value, headless, and prints one CSV row per run:\n"
            "  value, peak memory per stream and in total, bytes through the sinks, the tick\n"
            "  the last sink finished, pauses, drains and how the run ended (docs/explore.md).\n"
            "  --vary TARGET=VALUES  STREAM.PARAM, or memoryLimit / ticks for the whole scenario;\n"
            "                        PARAM: highWaterMark readableHighWaterMark writableHighWaterMark\n"
            "                        rate chunk total ratio batch objectSize\n"
            "                        VALUES: 1KiB,16KiB,1MiB  1KiB..1MiB (doubling)  0..64KiB:4KiB\n"
            "  -j, --jobs N          processes to use (default: every core)\n"
            "  --out FILE            write the CSV to FILE (whole or not at all)\n");
}

typedef struct {
    int64_t finish[SC_MAX_STREAMS];
} FinishTicks;

static void on_event(void *user, const Event *ev)
{
    FinishTicks *ft = user;
    if (ev->kind == EV_FINISH && ev->subject >= 0 && ev->subject < SC_MAX_STREAMS)
        ft->finish[ev->subject] = ev->tick;
}

/* One run of value i into row; never prints (it may be in a worker). */
static void run_one(Worker *w, int i, SweepRow *row)
{
    const Vary *v = w->vary;
    memset(row, 0, sizeof *row);
    row->state = ROW_FAILED;
    if (vary_apply(&w->scratch, &v->target, &v->values[i], NULL, 0) != 0)
        return;
    Sim *sim = sim_create(&w->scratch);
    if (!sim)
        return;
    FinishTicks ft;
    for (int s = 0; s < SC_MAX_STREAMS; s++)
        ft.finish[s] = -1;
    sim_set_sink(sim, on_event, &ft);
    while (!sim_finished(sim))
        sim_step(sim);
    int n = sim_stream_count(sim);
    int sinks = 0;
    bool all_finished = true;
    row->through = 0;
    row->finish_tick = -1;
    for (int s = 0; s < n; s++) {
        StreamView sv = sim_stream(sim, s);
        row->peak[s] = sv.peak_bytes;
        row->pauses += sv.pauses;
        row->drains += sv.drains;
        if (sv.def->kind != SK_SINK)
            continue;
        sinks++;
        row->through += sv.bytes_done;
        if (ft.finish[s] < 0)
            all_finished = false;
        else if (ft.finish[s] > row->finish_tick)
            row->finish_tick = ft.finish[s];
    }
    if (sinks == 0) {
        row->through = -1;
        row->finish_tick = -1;
    } else if (!all_finished) {
        row->finish_tick = -1;
    }
    row->peak_total = sim_memory(sim).peak_total;
    row->status = (int32_t)sim_status(sim);
    sim_destroy(sim);
    row->state = ROW_DONE;
}

static void work(Worker *w)
{
    for (;;) {
        int i = atomic_fetch_add(&w->shared->next, 1);
        if (i >= w->count)
            break;
        run_one(w, i, &w->shared->rows[i]);
    }
}

static const char *status_name(int32_t st)
{
    switch (st) {
    case SIM_DONE:
        return "done";
    case SIM_OOM:
        return "oom";
    case SIM_UNCAUGHT:
        return "uncaught";
    default:
        return "running";
    }
}

static void write_csv(FILE *f, const Scenario *sc, const Vary *v, const SweepShared *sh)
{
    fputs("value", f);
    for (int s = 0; s < sc->nstreams; s++)
        fprintf(f, ",peak.%s", sc->streams[s].id);
    fputs(",peak_total,bytes_through,finish_tick,pauses,drains,status\n", f);
    for (int i = 0; i < v->count; i++) {
        const SweepRow *r = &sh->rows[i];
        char value[64];
        vary_format_value(&v->target, &v->values[i], value, sizeof value);
        fputs(value, f);
        for (int s = 0; s < sc->nstreams; s++)
            fprintf(f, ",%lld", (long long)r->peak[s]);
        fprintf(f, ",%lld,", (long long)r->peak_total);
        if (r->through >= 0)
            fprintf(f, "%lld", (long long)r->through);
        fputc(',', f);
        if (r->finish_tick >= 0)
            fprintf(f, "%lld", (long long)r->finish_tick);
        fprintf(f, ",%lld,%lld,%s\n", (long long)r->pauses, (long long)r->drains,
                status_name(r->status));
    }
}

static int parse_jobs(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < 1 || v > MAX_JOBS)
        return -1;
    return (int)v;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

/* Runs every value with `jobs` processes in all. Returns 0, or 2 when a
 * run could not be made (with a message printed). */
static int run_all(const Scenario *sc, const Vary *v, int jobs, SweepShared *sh)
{
    Worker w = {.vary = v, .shared = sh, .count = v->count};
    if (scenario_clone(&w.scratch, sc) != 0) {
        fprintf(stderr, "highwater sweep: out of memory\n");
        return 2;
    }
    atomic_init(&sh->next, 0);
    pid_t pids[MAX_JOBS];
    int started = 0;
    /* Flushed so that a worker's exit cannot write the parent's buffers twice. */
    fflush(stdout);
    fflush(stderr);
    for (int k = 1; k < jobs; k++) {
        pid_t pid = fork();
        if (pid < 0)
            break; /* fewer helpers: the parent still runs whatever is left */
        if (pid == 0) {
            work(&w);
            _exit(0);
        }
        pids[started++] = pid;
    }
    work(&w);
    int rc = 0;
    for (int k = 0; k < started; k++) {
        int wst;
        while (waitpid(pids[k], &wst, 0) < 0 && errno == EINTR) {
        }
        if (WIFSIGNALED(wst))
            fprintf(stderr, "highwater sweep: a worker was killed by signal %d\n", WTERMSIG(wst));
    }
    for (int i = 0; i < v->count; i++) {
        if (sh->rows[i].state == ROW_DONE)
            continue;
        char value[64];
        vary_format_value(&v->target, &v->values[i], value, sizeof value);
        fprintf(stderr, "highwater sweep: the run for value %s %s\n", value,
                sh->rows[i].state == ROW_PENDING ? "did not finish" : "could not start (out of memory)");
        rc = 2;
    }
    scenario_free(&w.scratch);
    return rc;
}

int cmd_sweep(int argc, char **argv)
{
    static const struct option opts[] = {
        {"vary", required_argument, 0, 'v'}, {"jobs", required_argument, 0, 'j'},
        {"out", required_argument, 0, 'o'},  {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *spec = NULL, *out = NULL;
    int jobs = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "v:j:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'v':
            if (spec) {
                fprintf(stderr, "highwater sweep: one --vary per sweep\n");
                return 2;
            }
            spec = optarg;
            break;
        case 'j':
            jobs = parse_jobs(optarg);
            if (jobs < 0) {
                fprintf(stderr, "highwater sweep: -j needs a whole number from 1 to %d, not '%s'\n",
                        MAX_JOBS, optarg);
                return 2;
            }
            break;
        case 'o':
            out = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind != argc - 1 || !spec) {
        if (!spec && optind == argc - 1)
            fprintf(stderr, "highwater sweep: --vary TARGET=VALUES is required\n");
        usage(stderr);
        return 2;
    }
    const char *file = argv[optind];
    Scenario sc;
    char err[1024];
    if (scenario_load_file(file, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    Vary v;
    if (vary_parse(spec, &sc, &v, err, sizeof err) != 0) {
        fprintf(stderr, "highwater sweep: --vary: %s\n", err);
        scenario_free(&sc);
        return 2;
    }
    /* Every value is checked against the scenario before any run. */
    Scenario check;
    int rc = 0;
    if (scenario_clone(&check, &sc) != 0) {
        fprintf(stderr, "highwater sweep: out of memory\n");
        rc = 2;
    } else {
        for (int i = 0; rc == 0 && i < v.count; i++) {
            if (vary_apply(&check, &v.target, &v.values[i], err, sizeof err) != 0) {
                fprintf(stderr, "highwater sweep: --vary: %s\n", err);
                rc = 2;
            }
        }
        scenario_free(&check);
    }
    if (rc != 0) {
        vary_free(&v);
        scenario_free(&sc);
        return 2;
    }

    if (jobs == 0)
        jobs = default_jobs();
    if (jobs > v.count)
        jobs = v.count;
    size_t size = sizeof(SweepShared) + (size_t)v.count * sizeof(SweepRow);
    SweepShared *sh;
    if (jobs > 1)
        sh = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    else
        sh = malloc(size);
    if (sh == MAP_FAILED || !sh) {
        fprintf(stderr, "highwater sweep: out of memory\n");
        vary_free(&v);
        scenario_free(&sc);
        return 2;
    }
    memset(sh, 0, size);
    rc = run_all(&sc, &v, jobs, sh);
    if (rc == 0) {
        OutFile of;
        if (outfile_open(&of, out) != 0) {
            fprintf(stderr, "highwater sweep: cannot write %s: %s\n", out, strerror(errno));
            rc = 2;
        } else {
            write_csv(of.f, &sc, &v, sh);
            if (outfile_commit(&of) != 0) {
                fprintf(stderr, "highwater sweep: cannot write %s: %s\n", out ? out : "the output",
                        strerror(errno));
                rc = 2;
            }
        }
    }
    if (jobs > 1)
        munmap(sh, size);
    else
        free(sh);
    vary_free(&v);
    scenario_free(&sc);
    return rc;
}
