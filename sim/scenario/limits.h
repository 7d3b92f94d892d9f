/* limits.h - the one home of the limits a scenario's values are held to
 * beyond the model's own invariants (core/scenario.h): the scenario reader,
 * `--vary`/`sweep` values and the window's live edits all take them from
 * here, and scenario_check() enforces them on a whole scenario.
 *
 * The model's own bounds (SC_SIZE_LIMIT, SC_RATE_LIMIT, SC_MAX_STREAMS, ...)
 * stay in core/scenario.h and are checked by scenario_validate(). The ones
 * below are the format's: they keep a run finite and Node able to run the
 * exported program. Where core/scenario.c's scenario_validate() still spells
 * one as a literal (ticks), it must agree with the value here; moving these
 * into core/scenario.h as SC_* is the core owner's step (issue 13).
 */
#ifndef HW_LIMITS_H
#define HW_LIMITS_H

#include <stddef.h>
#include <stdint.h>

#include "core/scenario.h"

#define LIMIT_TICKS INT64_C(1000000000)   /* ticks: 1..this */
#define LIMIT_TICK_US INT64_C(1000000000) /* tick: 1us..1000s */
#define LIMIT_RATIO INT64_C(1000000)      /* ratio N/M: N and M are 1..this */
#define LIMIT_BATCH INT64_C(1000000)      /* batch: 1..this */
#define LIMIT_BUFFER (INT64_C(1) << 32)   /* one Buffer: buffer.constants.MAX_LENGTH in Node 20 */

/* scenario_validate() and then the limits above (ticks, tick, every
 * transform's ratio and batch, a source's chunk and a transform's outChunk).
 * The reader, vary_apply() and so the window's edits check a scenario with
 * this. Returns 0, or 2 with "FILE:LINE:COL: message" in err (FILE is
 * `file`, or "<scenario>"; LINE:COL is 1:1 for what is not from a file). */
int scenario_check(const Scenario *sc, char *err, size_t errlen, const char *file);

#endif
