/* chrome_out.h - `run --format chrome`: the run in the Trace Event Format
 * (JSON object form), which Perfetto (ui.perfetto.dev) and chrome://tracing
 * open (docs/explore.md).
 *
 * Process 1 is the scenario. Thread 1 is the process subject `-` of the
 * trace (oom, uncaught, notes); stream i is thread i + 2, named with its id
 * by thread_name metadata and ordered by thread_sort_index; its slices are
 * on threads 100 + 3i + k (k: 0 paused, 1 in flight, 2 held). Time: tick T is
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
 *   slices ("X"):    how long backpressure lasts, each kind on a thread of
 *                    its own below the stream's, so slices nest:
 *                      "STREAM paused"      pause .. resume (readable sides)
 *                      "STREAM in flight"   _write / _transform: begin .. done
 *                      "STREAM held"        a transform's callback that Node
 *                                           holds back while its readable
 *                                           side is full (the model's `held`)
 *                    A span still open when the run ends is closed at its
 *                    last tick with args {"open": true}.
 *   flows ("s"/"f"): an arrow from the write() that returned false (the first
 *                    since the last 'drain') to the 'drain' that answered it,
 *                    both on the stream's own thread and each bound to a
 *                    1 us slice ("write() false", "drain") at the same ts, as
 *                    the viewers bind flow events to slices. A false write
 *                    never drained keeps its slice and has no arrow.
 *
 * Written as the run goes (the FILE's own buffer), never held whole; a
 * slice is written when it ends, so the file is not in time order (the
 * format does not ask for it).
 */
#ifndef HW_CHROME_OUT_H
#define HW_CHROME_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "core/sim.h"

/* The open spans of one stream; -1: none open. */
typedef struct {
    int64_t paused;      /* tick of its 'pause' */
    int64_t inflight;    /* tick of its 'begin' ... */
    int64_t inflight_bytes; /* ... and that chunk's size */
    int64_t held;        /* tick its held callback was held back */
    int64_t last_done;   /* tick of its last 'done' */
    int64_t false_write; /* tick of the first write() false since 'drain' */
} ChromeSpans;

typedef struct {
    FILE *f;
    const Sim *sim;
    int64_t tick_us;
    bool notes;          /* include note instants (default true) */
    bool failed;         /* a write to f failed */
    int64_t next_flow;   /* the next flow id */
    int ntransforms;
    int transforms[SC_MAX_STREAMS]; /* the transforms' indices (held is polled) */
    ChromeSpans spans[SC_MAX_STREAMS];
} ChromeOut;

void chrome_out_init(ChromeOut *c, FILE *f, const Sim *sim);
/* Opens the JSON and names the process and the threads. */
void chrome_out_begin(ChromeOut *c);
/* A SimEventFn: pass the ChromeOut as user. */
void chrome_out_event(void *user, const Event *ev);
/* Closes the spans still open, then the JSON (with the run's status in
 * otherData), and flushes;
 * returns 0, or -1 when any write failed. */
int chrome_out_end(ChromeOut *c);

#endif
