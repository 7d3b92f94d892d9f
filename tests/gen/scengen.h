/* scengen.h - random VALID scenarios from a 64-bit seed, as YAML text.
 *
 * The differential tests (tests/suites/45-differential.sh, `make
 * conformance-fuzz`) run each generated scenario through the model and through
 * real Node and compare the traces; fuzzers may use the text as a seed input.
 * The generator knows the scenario format's rules (docs/scenario-format.md)
 * and only writes files the reader accepts: a file it rejects is a bug here.
 *
 * It covers the whole format: every wiring (pipe with and without end,
 * pipeline, promisesPipeline, naive, manual, forAwait, readable), fan-out,
 * objectMode on either side, objectSize, sync and writev sinks, batch, ratio
 * and outChunk transforms, ignoresBackpressure, content with setEncoding and
 * kept slices, handleErrors, memoryLimit, tick lengths and per-second rates,
 * highWaterMarks 0 and 1, and every timeline action (rate, pause, resume,
 * unpipe, write, end, cork, uncork, destroy, fail, note, and pipe: re-piping
 * and a second writer); Readable.from() of
 * an array as a source and an async generator stage in a pipeline (drawn
 * from a stream of numbers of their own, so older shapes keep their draws).
 *
 * Deterministic: the same seed and options give the same bytes on every
 * machine (its own PRNG, no libc randomness, integer arithmetic only).
 * No dependency on the simulator: it writes text, nothing else.
 */
#ifndef HW_SCENGEN_H
#define HW_SCENGEN_H

#include <stdint.h>

/* The Node majors the scenario format accepts (`node:`), in the order a seed
 * picks them from. */
extern const int scengen_majors[];
extern const int scengen_nmajors;

/* Feature areas a caller may leave out (bits of ScengenOptions.exclude), to
 * keep a known model gap out of a fixed test set while it is being fixed. */
enum {
    SCENGEN_NO_SHARED_ASYNC = 1u << 0, /* two promise-driven consumers (forAwait,
                                          promisesPipeline) on one stream */
    SCENGEN_NO_END_INTO_PIPELINE = 1u << 1, /* a timeline `end` on a stream that
                                               pipeline() or promises.pipeline() writes */
};

#define SCENGEN_MAX_MAJORS 8

typedef struct {
    int majors[SCENGEN_MAX_MAJORS]; /* the seed picks one of these ... */
    int nmajors;        /* ... 0: one of scengen_majors */
    int max_ticks;      /* ticks are 3..max_ticks (at least 3) */
    unsigned exclude;   /* SCENGEN_NO_* bits */
} ScengenOptions;

/* Defaults: any major of the format, at most 40 ticks, nothing excluded. */
ScengenOptions scengen_options_default(void);

/* The scenario for `seed`, as a NUL-terminated YAML text the caller frees.
 * Returns NULL only when out of memory. */
char *scengen_yaml(uint64_t seed, const ScengenOptions *opt);

/* The major `seed` runs under with `opt` (what scengen_yaml writes as `node:`). */
int scengen_major(uint64_t seed, const ScengenOptions *opt);

#endif
