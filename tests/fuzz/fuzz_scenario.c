/* fuzz_scenario.c - libFuzzer target: the scenario reader, then a bounded run.
 *
 * Every input goes through scenario_load_string(). A rejected input must come
 * back with exactly one non-empty `fuzz:LINE:COL: message` line. An accepted
 * one must pass scenario_validate() (the reader promises a Scenario ready for
 * sim_create()), is exported to JavaScript (into /dev/null), and is then run
 * with its ticks cut so that one input stays within a budget of events
 * (fuzz_common.h; a first tick too heavy for it is not run).
 * The run checks properties a crash would not show:
 *   - every trace line fits TRACE_LINE_MAX and is one line;
 *   - no event, length or memory figure is negative (a wrapped counter);
 *   - a snapshot taken halfway and loaded back replays the same events.
 *
 * Built and run by tools/fuzz.sh (clang -fsanitize=fuzzer,address,undefined).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sim.h"
#include "export/export_js.h"
#include "scenario/scenario_yaml.h"
#include "trace/trace.h"

#include "fuzz_common.h"

typedef struct {
    const Sim *sim;
    uint64_t hash;       /* FNV-1a over the formatted lines */
    uint64_t events;
    char line[TRACE_LINE_MAX];
} Probe;

static void on_event(void *user, const Event *ev)
{
    Probe *p = user;
    size_t len = trace_format(p->sim, ev, p->line);
    if (ev->bytes < 0 || ev->tick < 0)
        die("negative value in an event (wrapped arithmetic?)", p->line);
    if (len >= TRACE_LINE_MAX || p->line[len] != '\0')
        die("trace line overflows", NULL);
    if (memchr(p->line, '\n', len) || memchr(p->line, '\r', len))
        die("trace line holds a line break", p->line);
    for (size_t i = 0; i < len; i++)
        p->hash = (p->hash ^ (unsigned char)p->line[i]) * UINT64_C(1099511628211);
    p->hash = (p->hash ^ '\n') * UINT64_C(1099511628211);
    p->events++;
}

static void check_error_line(const char *err)
{
    if (!err[0])
        die("rejected without a message", NULL);
    if (strncmp(err, "fuzz:", 5) != 0)
        die("message does not start with the file name", err);
    for (const char *p = err; *p; p++)
        if ((unsigned char)*p < 0x20)
            die("message is not one line", err);
}

static void run_bounded(const Scenario *sc)
{
    Sim *sim = sim_create(sc);
    if (!sim)
        die("sim_create refused a valid scenario", sc->name);
    Probe *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->sim = sim;
    sim_set_sink(sim, on_event, p);

    int64_t half = sc->ticks / 2;
    while (!sim_finished(sim) && sim_tick(sim) < half)
        sim_step(sim);
    void *snap = malloc(sim_state_size(sim));
    if (!snap)
        abort();
    sim_save(sim, snap);

    p->hash = UINT64_C(14695981039346656037);
    p->events = 0;
    while (!sim_finished(sim))
        sim_step(sim);
    uint64_t hash1 = p->hash, events1 = p->events;
    SimStatus status1 = sim_status(sim);
    int64_t tick1 = sim_tick(sim);

    /* The state is flat: loading the snapshot must give the same future. */
    sim_load(sim, snap);
    p->hash = UINT64_C(14695981039346656037);
    p->events = 0;
    while (!sim_finished(sim))
        sim_step(sim);
    if (p->hash != hash1 || p->events != events1 || sim_status(sim) != status1 ||
        sim_tick(sim) != tick1)
        die("replay from a snapshot differs", sc->name);

    /* The views must be readable at the end, and sane, whatever happened. */
    for (int i = 0; i < sim_stream_count(sim); i++) {
        StreamView v = sim_stream(sim, i);
        if (v.rlen < 0 || v.wlen < 0 || v.produced < 0 || v.consumed < 0 || v.bytes_done < 0 ||
            v.mem_bytes < 0 || v.peak_bytes < 0)
            die("negative length or counter in a stream view", v.def->id);
    }
    MemView m = sim_memory(sim);
    if (m.total < 0 || m.external < 0 || m.heap < 0 || m.peak_total < 0)
        die("negative memory figure", sc->name);

    free(snap);
    free(p);
    sim_destroy(sim);
}

static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    devnull = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Scenario sc;
    char err[1024];
    memset(err, 0, sizeof err);
    if (scenario_load_string((const char *)data, size, "fuzz", &sc, err, sizeof err) != 0) {
        check_error_line(err);
        return 0;
    }
    char verr[1024];
    if (scenario_validate(&sc, verr, sizeof verr, "fuzz") != 0)
        die("the reader accepted a scenario that does not validate", verr);
    if (devnull && export_js(&sc, 0, devnull) != 0)
        die("export_js failed on /dev/null", sc.name);
    if (bound(&sc))
        run_bounded(&sc);
    scenario_free(&sc);
    return 0;
}
