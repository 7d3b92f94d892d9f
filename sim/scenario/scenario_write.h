/* scenario_write.h - writes a Scenario back as YAML that the reader
 * (scenario_yaml.h) accepts and turns into the same run.
 *
 * Every value is spelled out as the model uses it, so nothing depends on
 * the reader's defaults or the `node` preset: highWaterMarks per side, rates
 * per tick (a file's `100MiB/s` comes back as the bytes per tick it was
 * converted to), the source's rate even where the file let it default to the
 * chunk. Sizes are written with the largest binary unit that divides them
 * (`64KiB`, `4GiB`), objects as plain integers, the tick as `1ms` / `250us`.
 * Texts (title, description, notes, content, questions) are double-quoted
 * with YAML escapes, so quotes, line breaks, tabs and YAML's other line
 * separators (U+0085, U+2028, U+2029) survive the round trip.
 *
 * What is not kept: comments and layout of the original file, the original
 * units of per-second rates, timeline entries and questions after the last
 * tick (a `ticks` shortened like `run --ticks`; they never run), and the
 * source positions (line, col). The run is the same: reading the output gives
 * the same trace as the Scenario written (tests/suites/65-explore-view.sh
 * checks this for every shipped scenario).
 *
 * No globals; nothing here prints.
 */
#ifndef HW_SCENARIO_WRITE_H
#define HW_SCENARIO_WRITE_H

#include <stddef.h>
#include <stdio.h>

#include "core/scenario.h"

/* Writes sc to f. Returns 0, or -1 when a write failed (errno set). */
int scenario_write(FILE *f, const Scenario *sc);

/* Writes sc to path, whole or not at all: a temporary file beside it is
 * renamed over it (io/outfile.h: FIFOs and devices are written directly).
 * Returns 0, or -1 with a one-line message in err. */
int scenario_write_file(const char *path, const Scenario *sc, char *err, size_t errlen);

#endif
