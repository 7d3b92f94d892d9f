/* csv_out.h - `run --format csv`: the run as one long table for spreadsheets
 * and pandas (docs/explore.md).
 *
 *     tick,stream,rlen,wlen,flowing,needdrain,destroyed,memory
 *
 * After every tick, one row per stream in declaration order, then one row
 * for the process (stream `-`, as in the trace) whose only value is the
 * total memory. Booleans are 1/0, `flowing` is readableFlowing as 1, 0 or -1
 * (null); a side a stream does not have leaves its columns empty (a source
 * has no wlen/needdrain, a sink no rlen/flowing). `memory` is the stream's
 * share of the trace's `mem` total in bytes (lengths in bytes, or objects
 * times objectSize), so the stream rows of a tick add up to its `-` row.
 * Lengths count objects on an objectMode side, as in the trace.
 *
 * Rows are written as the run goes (the FILE's own buffer), never held.
 */
#ifndef HW_CSV_OUT_H
#define HW_CSV_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/sim.h"

typedef struct {
    FILE *f;
    const Sim *sim;
    int64_t last_tick;   /* the last tick written, -1 before the first */
    bool failed;         /* a write to f failed */
} CsvOut;

void csv_out_init(CsvOut *c, FILE *f, const Sim *sim);
void csv_out_header(CsvOut *c);
/* After each sim_step(): the rows of the tick that just ran (once per tick). */
void csv_out_tick(CsvOut *c);
/* Flushes; returns 0, or -1 when any write failed. */
int csv_out_finish(CsvOut *c);

#endif
