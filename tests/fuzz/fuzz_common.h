/* fuzz_common.h - what every fuzz target shares: keeping one input's run
 * short. Included by each tests/fuzz/fuzz_*.c (one translation unit each).
 *
 * The model bounds the work of one tick itself (SIM_TICK_EVENTS_MAX, and
 * the reader's SC_TICK_PUSHES_MAX per stream), so rates, chunks and
 * outChunk pieces stay as the input wrote them. What is left to bound is
 * the length of a whole run, by its ticks alone: every tick of a valid
 * scenario may be near the per-tick bound (2^18 one-byte pushes, about 2
 * million events), which takes seconds a tick under the sanitizers and,
 * in the writers target, a gigabyte of parsed lines. So a run keeps at
 * most FUZZ_MAX_TICKS ticks, and ends before the tick in which a dry run
 * of it passes FUZZ_MAX_EVENTS events. When tick 0 or 1 alone passes it,
 * the input is not run at all (bound() returns false): the reader, the
 * validator and the writers of the scenario still see it. That the model
 * ends such ticks within its bound, fast, is for the native build to show
 * (tests/unit/test_model.c test_tick_limit, tests/suites/75-unbreak.sh).
 */
#ifndef HW_FUZZ_COMMON_H
#define HW_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/scenario.h"
#include "core/sim.h"

/* A finding: what property broke, and on what. */
static inline void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s: %s\n", what, detail ? detail : "");
    abort();
}

#define FUZZ_MAX_TICKS 2000
/* Events in one run. The testing build checks every invariant after every
 * event, and with many streams that check is long (check.c compares every
 * pair of listeners, each comparison instrumented for coverage): the
 * scenario target took 19 s on tests/fuzz/corpus/unbreak-tick-limit.yaml
 * at 2^18, 4.7 s at 2^16, against libFuzzer's 10 s timeout. */
#define FUZZ_MAX_EVENTS (INT64_C(1) << 15)

static inline void count_event(void *user, const Event *ev)
{
    (void)ev;
    ++*(int64_t *)user;
}

/* The dry run's interrupt hook: ends a tick that passes the budget in its
 * middle (asked every SIM_INTERRUPT_EVERY units of its work), so the dry
 * run itself stays within FUZZ_MAX_EVENTS plus that much. */
static inline bool over_budget(void *user)
{
    return *(const int64_t *)user > FUZZ_MAX_EVENTS;
}

/* The most ticks whose events, tick 0 included, stay within
 * FUZZ_MAX_EVENTS (the scenario's own count when all of them do), or 0
 * when not even ticks 0 and 1 do. */
static inline int64_t ticks_within_budget(const Scenario *sc)
{
    Sim *s = sim_create(sc);
    if (!s)
        return sc->ticks; /* the target's own sim_create reports it */
    int64_t events = 0, fit = sc->ticks;
    sim_set_sink(s, count_event, &events);
    sim_set_interrupt(s, over_budget, &events);
    while (!sim_finished(s)) {
        sim_step(s);
        if (events > FUZZ_MAX_EVENTS) {
            fit = sim_tick(s) - 1; /* ticks 0..that one stayed within */
            break;
        }
    }
    sim_destroy(s);
    return fit < 1 ? 0 : fit;
}

/* Drops the timeline's actions after the last tick. */
static inline void drop_late_actions(Scenario *sc)
{
    int keep = 0;
    for (int i = 0; i < sc->nactions; i++) {
        ActionDef *a = &sc->actions[i];
        if (a->at > sc->ticks) {
            free(a->text); /* sorted by tick: the rest are dropped too */
            a->text = NULL;
            continue;
        }
        keep = i + 1;
    }
    sc->nactions = keep;
}

/* Keeps the run short by its number of ticks alone (see the top); the
 * timeline's later actions go with them. A shorter run of a valid scenario
 * is the same run up to its new end, and still valid. False: too heavy to
 * run at all (sc is then unchanged but for FUZZ_MAX_TICKS). */
static inline bool bound(Scenario *sc)
{
    if (sc->ticks > FUZZ_MAX_TICKS)
        sc->ticks = FUZZ_MAX_TICKS;
    drop_late_actions(sc);
    int64_t fit = ticks_within_budget(sc);
    if (fit == 0)
        return false;
    sc->ticks = fit;
    drop_late_actions(sc);
    return true;
}

#endif
