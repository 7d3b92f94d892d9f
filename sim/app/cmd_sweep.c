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
 * Workers end with the parent however it ends: PR_SET_PDEATHSIG kills them
 * when it dies (even by SIGKILL), and a parent stopped by SIGINT, SIGTERM
 * or SIGHUP (app/stop.h) kills them itself before it exits. A worker that
 * dies by a signal is named in the report with that signal: each row says
 * which process ran it.
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
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/cmdtab.h"
#include "app/commands.h"
#include "app/stop.h"
#include "io/outfile.h"
#include "scenario/vary.h"
#include "core/sim.h"
#include "scenario/scenario_yaml.h"

#define MAX_JOBS 256

/* The counter is shared between processes through a MAP_SHARED mapping;
 * that is only sound for a lock-free atomic. */
_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "sweep needs a lock-free atomic_int");

enum { ROW_PENDING, ROW_RUNNING, ROW_DONE, ROW_FAILED, ROW_STOPPED };

typedef struct {
    int32_t state;                  /* ROW_* */
    int32_t proc;                   /* who ran it: 0 the parent, k the k-th worker */
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
    int proc;                       /* 0 in the parent, k in the k-th worker */
} Worker;

static void usage(FILE *f)
{
    cmdtab_usage_of(f, "sweep");
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

/* One run of value i into row; never prints (it may be in a worker).
 * row->state is ROW_RUNNING on entry. */
static void run_one(Worker *w, int i, SweepRow *row)
{
    const Vary *v = w->vary;
    if (vary_apply(&w->scratch, &v->target, &v->values[i], NULL, 0) != 0) {
        row->state = ROW_FAILED;
        return;
    }
    Sim *sim = sim_create(&w->scratch);
    if (!sim) {
        row->state = ROW_FAILED;
        return;
    }
    FinishTicks ft;
    for (int s = 0; s < SC_MAX_STREAMS; s++)
        ft.finish[s] = -1;
    sim_set_sink(sim, on_event, &ft);
    sim_set_interrupt(sim, stop_requested, NULL);
    while (!sim_finished(sim) && !stop_signal())
        sim_step(sim);
    if (stop_signal()) {
        sim_destroy(sim);
        row->state = ROW_STOPPED;
        return;
    }
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
    while (!stop_signal()) {
        int i = atomic_fetch_add(&w->shared->next, 1);
        if (i >= w->count)
            break;
        SweepRow *row = &w->shared->rows[i];
        memset(row, 0, sizeof *row);
        row->proc = w->proc;
        row->state = ROW_RUNNING;
        run_one(w, i, row);
    }
}

/* In a new worker: die with the parent, even if it is already gone. */
static void follow_parent(pid_t parent)
{
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(0);
}

/* Reaps the n workers; died[k + 1] is the signal pids[k] died of (0: it
 * exited, or it was killed here). Once a stop signal came, the workers
 * still running are killed: their runs are not wanted any more. Polls
 * rather than blocks, so a signal arriving just before a blocking wait
 * cannot leave the parent waiting for runs of hours. */
static void wait_workers(const pid_t *pids, int n, int *died)
{
    bool gone[MAX_JOBS] = {false}, killed = false;
    int left = n;
    while (left > 0) {
        for (int k = 0; k < n; k++) {
            int wst;
            if (gone[k] || waitpid(pids[k], &wst, WNOHANG) != pids[k])
                continue;
            gone[k] = true;
            left--;
            if (WIFSIGNALED(wst) && !killed)
                died[k + 1] = WTERMSIG(wst);
        }
        if (left > 0 && stop_signal() && !killed) {
            for (int k = 0; k < n; k++)
                if (!gone[k])
                    kill(pids[k], SIGKILL);
            killed = true;
        }
        if (left > 0)
            nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
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
    char label[SC_ID_MAX + 32];
    vary_target_label(&v->target, label, sizeof label);
    fputs(label, f);
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
    pid_t pids[MAX_JOBS], parent = getpid();
    int died[MAX_JOBS + 1] = {0}; /* the signal each process died of, 0 none */
    int started = 0;
    /* Flushed so that a worker's exit cannot write the parent's buffers twice. */
    fflush(stdout);
    fflush(stderr);
    for (int k = 1; k < jobs; k++) {
        pid_t pid = fork();
        if (pid < 0)
            break; /* fewer helpers: the parent still runs whatever is left */
        if (pid == 0) {
            follow_parent(parent);
            w.proc = k;
            work(&w);
            /* Stopped by a signal of its own: let the parent see which. */
            if (stop_signal()) {
                signal(stop_signal(), SIG_DFL);
                raise(stop_signal());
            }
            _exit(0);
        }
        pids[started++] = pid;
    }
    work(&w);
    wait_workers(pids, started, died);
    int rc = 0;
    for (int i = 0; i < v->count; i++) {
        const SweepRow *r = &sh->rows[i];
        bool ran = r->state == ROW_RUNNING || r->state == ROW_STOPPED;
        int sig = ran && r->proc >= 0 && r->proc <= started ? died[r->proc] : 0;
        /* After a stop only other deaths are news: a worker that got the
         * same Ctrl-C (the whole process group does) was stopped too. */
        bool stopped = !sig || sig == SIGINT || sig == SIGTERM || sig == SIGHUP;
        if (r->state == ROW_DONE || (stop_signal() && stopped))
            continue;
        char value[64], why[96];
        vary_format_value(&v->target, &v->values[i], value, sizeof value);
        if (sig)
            snprintf(why, sizeof why, "was killed by signal %d (%s)", sig, strsignal(sig));
        else if (r->state == ROW_FAILED)
            snprintf(why, sizeof why, "could not start (out of memory)");
        else
            snprintf(why, sizeof why, "did not finish (its process ended)");
        fprintf(stderr, "highwater sweep: the run for value %s %s\n", value, why);
        rc = 2;
    }
    if (stop_signal()) {
        fprintf(stderr, "highwater sweep: interrupted; no output written\n");
        rc = stop_exit_status();
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
    /* Before any worker exists, so that all of them inherit it. */
    stop_on_signals(STOP_POLL);
    rc = run_all(&sc, &v, jobs, sh);
    if (rc == 0) {
        OutFile of;
        if (outfile_open(&of, out) != 0) {
            fprintf(stderr, "highwater sweep: %s\n", of.err);
            rc = 2;
        } else {
            write_csv(of.f, &sc, &v, sh);
            if (outfile_commit(&of) != 0) {
                fprintf(stderr, "highwater sweep: %s\n", of.err);
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
