/* limits.c - scenario_check(): the model's invariants and the format's limits (limits.h). */
#include "scenario/limits.h"

#include <stdio.h>

int scenario_check(const Scenario *sc, char *err, size_t errlen, const char *file)
{
    int rc = scenario_validate(sc, err, errlen, file);
    if (rc != 0)
        return rc;
    const char *f = file ? file : "<scenario>";
#define FAIL(...)                                                                   \
    do {                                                                            \
        if (err && errlen) {                                                        \
            int n_ = snprintf(err, errlen, "%s:1:1: ", f);                          \
            if (n_ >= 0 && (size_t)n_ < errlen)                                     \
                snprintf(err + n_, errlen - (size_t)n_, __VA_ARGS__);               \
        }                                                                           \
        return 2;                                                                   \
    } while (0)
    if (sc->ticks < 1 || sc->ticks > LIMIT_TICKS)
        FAIL("ticks: %lld is out of range (1..%lld)", (long long)sc->ticks, (long long)LIMIT_TICKS);
    if (sc->tick_us < 1 || sc->tick_us > LIMIT_TICK_US)
        FAIL("tick: %lld us is out of range (1us..1000s)", (long long)sc->tick_us);
    for (int i = 0; i < sc->nstreams; i++) {
        const StreamDef *d = &sc->streams[i];
        if (d->kind == SK_SOURCE && !d->robj && d->chunk > LIMIT_BUFFER)
            FAIL("%s: chunk: Node's Buffers hold at most 4 GiB (buffer.constants.MAX_LENGTH)", d->id);
        if (d->kind != SK_TRANSFORM)
            continue;
        if (d->ratio_num < 1 || d->ratio_num > LIMIT_RATIO || d->ratio_den < 1 || d->ratio_den > LIMIT_RATIO)
            FAIL("%s: ratio %lld/%lld is out of range (N and M are 1..%lld)", d->id, (long long)d->ratio_num,
                 (long long)d->ratio_den, (long long)LIMIT_RATIO);
        if (d->batch < 1 || d->batch > LIMIT_BATCH)
            FAIL("%s: batch %d is out of range (1..%lld)", d->id, (int)d->batch, (long long)LIMIT_BATCH);
        if (d->out_chunk > LIMIT_BUFFER)
            FAIL("%s: outChunk: Node's Buffers hold at most 4 GiB (buffer.constants.MAX_LENGTH)", d->id);
    }
#undef FAIL
    return 0;
}
