/* chrome_out.h - `run --format chrome`: the run in the Trace Event Format
 * (JSON object form), which Perfetto (ui.perfetto.dev) and chrome://tracing
 * open (docs/explore.md).
 *
 * Process 1 is the scenario. Thread 1 is the process subject `-` of the
 * trace (oom, uncaught, notes); stream i is thread i + 2, named with its id
 * by thread_name metadata and ordered by thread_sort_index. Time: tick T is
 * at ts = T * tick (microseconds), so all events of a tick share its ts and
 * keep the trace's order within it.
 *
 *   counters ("C"):  STREAM {rlen, wlen} for the sides it has, whenever the
 *                    trace prints a `state` line for it; memory {total}
 *                    whenever it prints `mem`. Perfetto names the tracks
 *                    "STREAM rlen", "STREAM wlen", "memory total".
 *   instants ("i"):  drain, pause, resume, end, finish, error {code} on the
 *                    stream's thread; oom {bytes}, uncaught {code} and
 *                    note {text} on thread 1. One per trace line of that kind.
 *                    Last, "end of run" {status} on thread 1 at the last tick
 *                    that ran, so the timeline spans the whole run.
 *
 * Written as the run goes (the FILE's own buffer), never held whole.
 */
#ifndef HW_CHROME_OUT_H
#define HW_CHROME_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/sim.h"

typedef struct {
    FILE *f;
    const Sim *sim;
    int64_t tick_us;
    bool notes;          /* include note instants (default true) */
    bool failed;         /* a write to f failed */
} ChromeOut;

void chrome_out_init(ChromeOut *c, FILE *f, const Sim *sim);
/* Opens the JSON and names the process and the threads. */
void chrome_out_begin(ChromeOut *c);
/* A SimEventFn: pass the ChromeOut as user. */
void chrome_out_event(void *user, const Event *ev);
/* Closes the JSON (with the run's status in otherData) and flushes;
 * returns 0, or -1 when any write failed. */
int chrome_out_end(ChromeOut *c);

#endif
