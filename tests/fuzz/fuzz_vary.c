/* fuzz_vary.c - libFuzzer target: the `--vary TARGET=VALUES` parser
 * (scenario/vary.h), which `sweep`, `compare --vary` and the window's live edits
 * share.
 *
 * The input is the spec, tried against two fixed scenarios (bytes and
 * objectMode, with every stream kind). A refused spec must come back with
 * one non-empty line of message. An accepted one must keep its promises:
 *   - 1 to VARY_MAX_VALUES values, in the model's units (no negative value
 *     but VARY_NONE where the parameter takes it, a ratio's denominator >= 1);
 *   - each of the first FUZZ_APPLY_MAX values and the last one, formatted
 *     for the CSV (vary_format_value), is one short
 *     token, and - written as the spec of the same target, except for
 *     per-second rates, which the CSV shows per second - parses back to the
 *     same value;
 *   - applying a value either refuses with a message and leaves the
 *     scenario as it was, or gives a scenario that scenario_validate()
 *     accepts and that runs (cut short as in fuzz_common.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/vary.h"
#include "core/sim.h"
#include "scenario/scenario_write.h"
#include "scenario/scenario_yaml.h"

#include "fuzz_common.h"

#define FUZZ_SPEC_MAX 512
#define FUZZ_APPLY_MAX 16   /* values formatted back, applied and run per input */

static const char *const yaml[] = {
    "name: bytes\n"
    "ticks: 40\n"
    "memoryLimit: 64MiB\n"
    "streams:\n"
    "  - {id: src, kind: source, highWaterMark: 8KiB, chunk: 4KiB, total: 1MiB, rate: 4KiB}\n"
    "  - {id: mid, kind: transform, highWaterMark: 16KiB, rate: 8KiB, ratio: 3/2}\n"
    "  - {id: dst, kind: sink, highWaterMark: 16KiB, rate: 2KiB}\n"
    "wiring:\n"
    "  - pipe: [src, mid, dst]\n",
    "name: objects\n"
    "ticks: 40\n"
    "streams:\n"
    "  - {id: rows, kind: source, objectMode: true, highWaterMark: 4, total: 12, objectSize: 16}\n"
    "  - {id: db, kind: sink, objectMode: true, highWaterMark: 3, rate: 1}\n"
    "wiring:\n"
    "  - pipe: [rows, db]\n",
};

static Scenario base[2];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    for (int i = 0; i < 2; i++)
        if (scenario_load_string(yaml[i], strlen(yaml[i]), "base", &base[i], err, sizeof err) != 0)
            die("a fixed scenario does not load", err);
    return 0;
}

static void check_message(const char *err)
{
    if (!err[0])
        die("refused without a message", NULL);
    for (const char *p = err; *p; p++)
        if ((unsigned char)*p < 0x20)
            die("message is not one line", err);
}

static bool takes_none(VaryParam p)
{
    return p == VP_TOTAL || p == VP_MEMORY_LIMIT;
}

static void check_value(const Vary *v, const VaryValue *x)
{
    if (x->n < 0 && !(x->n == VARY_NONE && takes_none(v->target.param)))
        die("a negative value", vary_param_name(v->target.param));
    if (x->d < 1 || (v->target.param != VP_RATIO && x->d != 1))
        die("a bad denominator", vary_param_name(v->target.param));
}

/* "TARGET=" as the spec wrote it: everything up to the first '='. */
static void round_trip(const char *spec, const Scenario *sc, const Vary *v, const VaryValue *x)
{
    char value[64], again[FUZZ_SPEC_MAX + 80], err[512];
    size_t n = vary_format_value(&v->target, x, value, sizeof value);
    if (n == 0 || n >= sizeof value || strlen(value) != n || strpbrk(value, ", \n\r\t"))
        die("a formatted value is not one token", value);
    if (x->per_second)
        return;
    const char *eq = strchr(spec, '=');
    snprintf(again, sizeof again, "%.*s=%s", (int)(eq - spec), spec, value);
    Vary back;
    if (vary_parse(again, sc, &back, err, sizeof err) != 0)
        die("a formatted value does not parse back", again);
    if (back.count != 1 || !vary_value_equal(&back.values[0], x))
        die("a formatted value parses back to another value", again);
    vary_free(&back);
}

static void apply_and_run(const Scenario *sc, const Vary *v, const VaryValue *x)
{
    Scenario copy;
    char err[512], before[1 << 14], after[1 << 14];
    if (scenario_clone(&copy, sc) != 0)
        abort();
    FILE *f = fmemopen(before, sizeof before, "w");
    if (!f)
        abort();
    scenario_write(f, &copy);
    fclose(f);
    if (vary_apply(&copy, &v->target, x, err, sizeof err) != 0) {
        check_message(err);
        f = fmemopen(after, sizeof after, "w");
        if (!f)
            abort();
        scenario_write(f, &copy);
        fclose(f);
        if (strcmp(before, after) != 0)
            die("a refused value changed the scenario", err);
    } else {
        if (scenario_validate(&copy, err, sizeof err, "vary") != 0)
            die("an applied value gives a scenario that does not validate", err);
        if (bound(&copy)) {
            Sim *sim = sim_create(&copy);
            if (!sim)
                die("sim_create refused a validated scenario", NULL);
            while (!sim_finished(sim))
                sim_step(sim);
            sim_destroy(sim);
        }
    }
    scenario_free(&copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size >= FUZZ_SPEC_MAX)
        return 0;
    char spec[FUZZ_SPEC_MAX];
    memcpy(spec, data, size);
    spec[size] = '\0';
    for (int i = 0; i < 2; i++) {
        Vary v;
        char err[512] = "";
        if (vary_parse(spec, &base[i], &v, err, sizeof err) != 0) {
            check_message(err);
            continue;
        }
        if (v.count < 1 || v.count > VARY_MAX_VALUES || !strchr(spec, '='))
            die("an accepted spec with no values, too many, or no '='", spec);
        for (int k = 0; k < v.count; k++)
            check_value(&v, &v.values[k]);
        for (int k = 0; k < v.count && k < FUZZ_APPLY_MAX; k++)
            round_trip(spec, &base[i], &v, &v.values[k]);
        round_trip(spec, &base[i], &v, &v.values[v.count - 1]);
        /* The first values, and the last (the end of a range). */
        for (int k = 0; k < v.count && k < FUZZ_APPLY_MAX; k++)
            apply_and_run(&base[i], &v, &v.values[k]);
        if (v.count > FUZZ_APPLY_MAX)
            apply_and_run(&base[i], &v, &v.values[v.count - 1]);
        vary_free(&v);
    }
    return 0;
}
