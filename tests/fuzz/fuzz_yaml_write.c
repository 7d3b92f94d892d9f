/* fuzz_yaml_write.c - libFuzzer target: the YAML writer (scenario_write.h).
 *
 * An input the reader accepts is cut short like every fuzz run
 * (fuzz_common.h), written back as YAML and read again. The promise of
 * scenario_write.h is checked: the reader accepts what the writer wrote,
 * and both scenarios give the same run, byte for byte: the trace header and
 * every trace line. Writing the re-read scenario again gives the same text
 * (the writer is a fixed point after one round).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sim.h"
#include "scenario/scenario_write.h"
#include "scenario/scenario_yaml.h"
#include "trace/trace.h"

#include "fuzz_common.h"

/* The scenario as YAML, in a malloc'd buffer (*len bytes, NUL-terminated). */
static char *write_yaml(const Scenario *sc, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        abort();
    if (scenario_write(f, sc) != 0)
        die("scenario_write failed on a memory stream", sc->name);
    fclose(f);
    return text;
}

/* The whole trace of a run, header included, in a malloc'd buffer. */
static char *trace_of(const Scenario *sc, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    Sim *sim = sim_create(sc);
    TraceWriter *tw = malloc(sizeof *tw);
    if (!f || !tw)
        abort();
    if (!sim)
        die("sim_create refused a valid scenario", sc->name);
    trace_writer_init(tw, f, sim);
    char line[TRACE_LINE_MAX];
    trace_writer_raw(tw, line, trace_header(sc, sc->ticks, line));
    sim_set_sink(sim, trace_writer_event, tw);
    while (!sim_finished(sim))
        sim_step(sim);
    if (trace_writer_flush(tw) != 0)
        die("trace writer failed on a memory stream", sc->name);
    free(tw);
    sim_destroy(sim);
    fclose(f);
    return text;
}

/* The first line where a and b differ, for the report. */
static void show_first_difference(const char *a, const char *b)
{
    size_t line = 1, start = 0, i = 0;
    for (; a[i] && a[i] == b[i]; i++)
        if (a[i] == '\n') {
            line++;
            start = i + 1;
        }
    fprintf(stderr, "fuzz: first difference on line %zu:\n  %.160s\n  %.160s\n", line, a + start, b + start);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Scenario sc, back;
    char err[1024];
    if (scenario_load_string((const char *)data, size, "fuzz", &sc, err, sizeof err) != 0)
        return 0;
    bool run = bound(&sc);
    size_t ylen, ylen2, tlen, tlen2;
    char *yaml = write_yaml(&sc, &ylen);
    if (scenario_load_string(yaml, ylen, "written", &back, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n--- written YAML ---\n%s", err, yaml);
        die("the reader refuses what the writer wrote", err);
    }
    char *yaml2 = write_yaml(&back, &ylen2);
    if (ylen != ylen2 || memcmp(yaml, yaml2, ylen) != 0) {
        show_first_difference(yaml, yaml2);
        die("writing the re-read scenario gives other YAML", sc.name);
    }
    if (run) {
        char *t1 = trace_of(&sc, &tlen), *t2 = trace_of(&back, &tlen2);
        if (tlen != tlen2 || memcmp(t1, t2, tlen) != 0) {
            show_first_difference(t1, t2);
            fprintf(stderr, "--- written YAML ---\n%s", yaml);
            die("the written YAML runs differently", sc.name);
        }
        free(t1);
        free(t2);
    }
    free(yaml);
    free(yaml2);
    scenario_free(&sc);
    scenario_free(&back);
    return 0;
}
