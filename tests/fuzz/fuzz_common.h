/* fuzz_common.h - what every fuzz target shares: keeping one input's run
 * short. Included by each tests/fuzz/fuzz_*.c (one translation unit each).
 *
 * The caps exist because the model has no bound on the work of one tick
 * yet (issue 12, item 1): a source with 1-byte chunks and a 1 TiB rate would
 * push 2^40 times in tick 1, a transform with ratio 10^6 and outChunk 1
 * pushes 10^6 pieces per input. Once the model ends such runs itself, the
 * rate and piece caps go and only FUZZ_MAX_TICKS stays.
 */
#ifndef HW_FUZZ_COMMON_H
#define HW_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/scenario.h"

/* A finding: what property broke, and on what. */
static inline void die(const char *what, const char *detail)
{
    fprintf(stderr, "fuzz: %s: %s\n", what, detail ? detail : "");
    abort();
}

#define FUZZ_MAX_TICKS 2000
/* Chunks a source may push per tick. Each push is a handful of events, and
 * sinks and transforms never multiply chunks, so this bounds a whole run at
 * about FUZZ_MAX_TICKS * 64 streams * FUZZ_PUSHES_PER_TICK pushes. */
#define FUZZ_PUSHES_PER_TICK 4

static inline int64_t clamp_rate(int64_t rate, int64_t chunk)
{
    /* chunk * FUZZ_PUSHES_PER_TICK stays below 2^64: chunks are below 2^62. */
    if (chunk > 0 && rate / FUZZ_PUSHES_PER_TICK > chunk)
        return chunk * FUZZ_PUSHES_PER_TICK;
    return rate;
}

/* Pieces a transform may cut one output into (outChunk). */
#define FUZZ_PIECES_PER_OUTPUT 64

/* Keeps the run short: at most FUZZ_MAX_TICKS ticks, sources (also through
 * timeline `rate` actions) at most FUZZ_PUSHES_PER_TICK chunks per tick, and
 * a transform's outChunk no smaller than a FUZZ_PIECES_PER_OUTPUT-th of the
 * largest output it could be given (else one push: outChunk 0). The
 * sizes themselves stay as the input wrote them, so the arithmetic near the
 * format's limits is still exercised. The scenario stays valid. */
static inline void bound(Scenario *sc)
{
    if (sc->ticks > FUZZ_MAX_TICKS)
        sc->ticks = FUZZ_MAX_TICKS;
    int64_t chunk = 1;
    for (int i = 0; i < sc->nstreams; i++) {
        StreamDef *d = &sc->streams[i];
        if (d->kind == SK_SOURCE) {
            d->rate = clamp_rate(d->rate, d->chunk);
            if (d->chunk > chunk)
                chunk = d->chunk;
        }
    }
    /* The largest output any transform could see: chained transforms
     * multiply, a batch adds inputs up. Saturates at 2^62, the largest
     * length the model keeps (each product stays below 2^126). */
    const unsigned __int128 cap = (unsigned __int128)1 << 62;
    unsigned __int128 big = (uint64_t)chunk;
    for (int i = 0; i < sc->nstreams; i++) {
        const StreamDef *d = &sc->streams[i];
        if (d->kind != SK_TRANSFORM || d->ratio_den <= 0)
            continue;
        big = big * (uint64_t)d->ratio_num / (uint64_t)d->ratio_den + 1;
        big = (big > cap ? cap : big) * (uint64_t)(d->batch > 0 ? d->batch : 1);
        if (big > cap)
            big = cap;
    }
    for (int i = 0; i < sc->nstreams; i++) {
        StreamDef *d = &sc->streams[i];
        if (d->kind == SK_TRANSFORM && d->out_chunk > 0 && big / (uint64_t)d->out_chunk > FUZZ_PIECES_PER_OUTPUT)
            d->out_chunk = 0;
    }
    int keep = 0;
    for (int i = 0; i < sc->nactions; i++) {
        ActionDef *a = &sc->actions[i];
        if (a->at > sc->ticks) {
            free(a->text); /* sorted by tick: the rest are dropped too */
            a->text = NULL;
            continue;
        }
        if (a->kind == ACT_RATE && a->stream >= 0 && sc->streams[a->stream].kind == SK_SOURCE)
            a->value = clamp_rate(a->value, sc->streams[a->stream].chunk);
        keep = i + 1;
    }
    sc->nactions = keep;
}

#endif
