/* bench_model.c - the model alone, for tools/bench.sh: event counts and
 * seeking through snapshots, timed against sim.h only (no trace, no I/O).
 *
 *   bench_model events FILE [TICKS]
 *       Runs the scenario (TICKS overrides its `ticks`) with a sink that only
 *       counts events. Prints one line of key=value figures.
 *   bench_model seek FILE TICKS EVERY SEEKS
 *       Runs TICKS ticks once, keeping a snapshot (sim_save) after tick 0 and
 *       after every EVERY-th tick, as a viewer would; then jumps to SEEKS
 *       pseudo-random ticks: load the snapshot at or before the tick and step
 *       forward to it. Every landing is checked against the state the first
 *       run had at that tick, so a fast but wrong seek cannot pass.
 *   bench_model exec OUT CMD [ARG...]
 *       Runs CMD with stdout to OUT (a file, or /dev/null) and prints its wall
 *       time, CPU time (user + sys) and peak resident memory, from wait4():
 *       no dependency on /usr/bin/time, and the figures are the child's own.
 *
 * Times are wall (CLOCK_MONOTONIC) and CPU (CLOCK_PROCESS_CPUTIME_ID): the
 * machine is shared, and CPU time is the steadier of the two there.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/sim.h"
#include "scenario/scenario_yaml.h"

static double now(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* KiB on Linux */
}

static void count_event(void *user, const Event *ev)
{
    (void)ev;
    ++*(uint64_t *)user;
}

static int load(const char *file, Scenario *sc)
{
    char err[1024];
    if (scenario_load_file(file, sc, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int64_t parse_count(const char *s, const char *what)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || end == s || v < 1) {
        fprintf(stderr, "bench_model: %s must be a positive integer, not '%s'\n", what, s);
        exit(2);
    }
    return v;
}

static int cmd_events(const char *file, int64_t ticks)
{
    Scenario sc;
    if (load(file, &sc) != 0)
        return 2;
    if (ticks > 0)
        sc.ticks = ticks;
    Sim *sim = sim_create(&sc);
    if (!sim) {
        fprintf(stderr, "bench_model: sim_create failed\n");
        scenario_free(&sc);
        return 2;
    }
    uint64_t events = 0;
    sim_set_sink(sim, count_event, &events);
    double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    while (!sim_finished(sim))
        sim_step(sim);
    double wall = now(CLOCK_MONOTONIC) - w0, cpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    int64_t ran = sim_tick(sim) + 1; /* tick 0 included */
    printf("ticks=%" PRId64 " streams=%d events=%" PRIu64 " wall_s=%.4f cpu_s=%.4f"
           " status=%d state_bytes=%zu rss_kib=%ld\n",
           ran, sc.nstreams, events, wall, cpu, (int)sim_status(sim), sim_state_size(sim),
           peak_rss_kib());
    sim_destroy(sim);
    scenario_free(&sc);
    return 0;
}

/* What a landing must agree on with the straight run. */
typedef struct {
    int64_t tick;
    int64_t mem_total;
    uint64_t hash;
} Fingerprint;

static uint64_t mix(uint64_t h, int64_t v)
{
    h ^= (uint64_t)v;
    h *= UINT64_C(0x100000001b3);
    return h ^ (h >> 29);
}

static Fingerprint fingerprint(const Sim *sim)
{
    Fingerprint f = {sim_tick(sim), sim_memory(sim).total, UINT64_C(0xcbf29ce484222325)};
    for (int i = 0; i < sim_stream_count(sim); i++) {
        StreamView v = sim_stream(sim, i);
        f.hash = mix(f.hash, v.rlen);
        f.hash = mix(f.hash, v.wlen);
        f.hash = mix(f.hash, v.inflight_done);
        f.hash = mix(f.hash, v.produced);
        f.hash = mix(f.hash, v.consumed);
        f.hash = mix(f.hash, v.bytes_done);
        f.hash = mix(f.hash, v.rflow * 4 + v.needdrain * 2 + v.destroyed);
    }
    return f;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmd_seek(const char *file, int64_t ticks, int64_t every, int64_t nseeks)
{
    Scenario sc;
    if (load(file, &sc) != 0)
        return 2;
    sc.ticks = ticks;
    Sim *sim = sim_create(&sc);
    if (!sim) {
        fprintf(stderr, "bench_model: sim_create failed\n");
        scenario_free(&sc);
        return 2;
    }
    size_t size = sim_state_size(sim);
    int64_t nsnap = ticks / every + 1;
    char *snaps = malloc((size_t)nsnap * size);
    int64_t *targets = malloc((size_t)nseeks * sizeof *targets);
    Fingerprint *want = malloc((size_t)nseeks * sizeof *want);
    double *wall = malloc((size_t)nseeks * sizeof *wall);
    double *cpu = malloc((size_t)nseeks * sizeof *cpu);
    if (!snaps || !targets || !want || !wall || !cpu) {
        fprintf(stderr, "bench_model: out of memory for %" PRId64 " snapshots of %zu bytes\n", nsnap, size);
        return 2;
    }
    /* Fixed pseudo-random targets (an LCG), sorted so the straight run can
     * record what each landing must look like as it passes. */
    uint64_t x = UINT64_C(0x9e3779b97f4a7c15);
    for (int64_t k = 0; k < nseeks; k++) {
        x = x * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
        targets[k] = (int64_t)((x >> 11) % (uint64_t)(ticks + 1));
    }
    for (int64_t k = 1; k < nseeks; k++)
        for (int64_t j = k; j > 0 && targets[j - 1] > targets[j]; j--) {
            int64_t t = targets[j];
            targets[j] = targets[j - 1];
            targets[j - 1] = t;
        }

    /* The straight run: snapshots and the expected landings. No event sink:
     * a seek only needs the state. */
    double b0 = now(CLOCK_MONOTONIC);
    int64_t next_target = 0, taken = 0;
    while (!sim_finished(sim)) {
        sim_step(sim);
        int64_t t = sim_tick(sim);
        if (t % every == 0)
            sim_save(sim, snaps + (size_t)(taken++) * size);
        while (next_target < nseeks && targets[next_target] == t)
            want[next_target++] = fingerprint(sim);
    }
    double build = now(CLOCK_MONOTONIC) - b0;
    if (sim_tick(sim) < ticks) {
        fprintf(stderr, "bench_model: the run ended at tick %" PRId64 " (status %d); seek needs a full run\n",
                sim_tick(sim), (int)sim_status(sim));
        return 2;
    }

    /* Seek in a shuffled order, so no landing is next to the previous one. */
    int bad = 0;
    for (int64_t n = 0; n < nseeks; n++) {
        int64_t k = (n * 7919) % nseeks;
        int64_t t = targets[k];
        double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
        int64_t j = t / every;
        sim_load(sim, snaps + (size_t)j * size);
        while (sim_tick(sim) < t)
            sim_step(sim);
        wall[n] = (now(CLOCK_MONOTONIC) - w0) * 1e3;
        cpu[n] = (now(CLOCK_PROCESS_CPUTIME_ID) - c0) * 1e3;
        Fingerprint f = fingerprint(sim);
        if (f.tick != want[k].tick || f.hash != want[k].hash || f.mem_total != want[k].mem_total)
            bad++;
    }
    qsort(wall, (size_t)nseeks, sizeof *wall, cmp_double);
    qsort(cpu, (size_t)nseeks, sizeof *cpu, cmp_double);
    printf("ticks=%" PRId64 " every=%" PRId64 " snapshots=%" PRId64 " snapshot_mib=%.1f build_s=%.3f"
           " seeks=%" PRId64 " median_ms=%.3f p90_ms=%.3f max_ms=%.3f cpu_median_ms=%.3f"
           " cpu_max_ms=%.3f wrong=%d\n",
           ticks, every, taken, (double)taken * (double)size / 1048576.0, build, nseeks,
           wall[nseeks / 2], wall[nseeks * 9 / 10], wall[nseeks - 1], cpu[nseeks / 2],
           cpu[nseeks - 1], bad);
    free(snaps);
    free(targets);
    free(want);
    free(wall);
    free(cpu);
    sim_destroy(sim);
    scenario_free(&sc);
    return bad ? 1 : 0;
}

static int cmd_exec(const char *out, char **argv)
{
    double w0 = now(CLOCK_MONOTONIC);
    pid_t pid = fork();
    if (pid < 0) {
        perror("bench_model: fork");
        return 2;
    }
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || dup2(fd, 1) < 0) {
            perror(out);
            _exit(127);
        }
        close(fd);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("bench_model: wait4");
        return 2;
    }
    double wall = now(CLOCK_MONOTONIC) - w0;
    double user = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
    double sys = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("wall_s=%.4f cpu_s=%.4f user_s=%.4f sys_s=%.4f rss_kib=%ld status=%d\n", wall, user + sys, user,
           sys, ru.ru_maxrss, code);
    return code;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "exec"))
        return cmd_exec(argv[2], argv + 3);
    if (argc >= 3 && !strcmp(argv[1], "events"))
        return cmd_events(argv[2], argc > 3 ? parse_count(argv[3], "TICKS") : 0);
    if (argc == 6 && !strcmp(argv[1], "seek"))
        return cmd_seek(argv[2], parse_count(argv[3], "TICKS"), parse_count(argv[4], "EVERY"),
                        parse_count(argv[5], "SEEKS"));
    fprintf(stderr, "usage: bench_model events FILE [TICKS]\n"
                    "       bench_model seek FILE TICKS EVERY SEEKS\n"
                    "       bench_model exec OUT CMD [ARG...]\n");
    return 2;
}
