/* trace.h - formats model events as trace lines (docs/tick-and-trace.md).
 *
 * trace_format() writes one line (without the newline) for an Event; the
 * window's event log shows exactly these lines. TraceWriter buffers lines
 * to a FILE with hand-rolled integer formatting, since a trace can run to
 * millions of lines and printf dominates otherwise.
 */
#ifndef HW_TRACE_H
#define HW_TRACE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/sim.h"

#define TRACE_LINE_MAX 1024   /* longer notes are cut (with "...") */

/* One line for ev into out (TRACE_LINE_MAX bytes); returns its length. */
size_t trace_format(const Sim *s, const Event *ev, char *out);

/* Writes v in decimal at p (room for 20 characters, no NUL); returns the
 * length. The CSV and Chrome writers format their numbers with it too. */
size_t trace_fmt_i64(char *p, int64_t v);

/* The `# highwater-trace 1 ...` header line for a run of `ticks` ticks. */
size_t trace_header(const Scenario *sc, int64_t ticks, char *out);

typedef struct {
    FILE *f;
    const Sim *sim;
    bool failed;          /* a write to f failed */
    bool notes;           /* include note lines (default true) */
    size_t n;
    int64_t tick;         /* the tick tick_str holds (INT64_MIN: none yet) */
    unsigned char tick_len;
    char tick_str[24];
    /* " SUBJECT" per subject (index 0 is "-") and " KIND" per event kind,
     * made once so every line copies fixed-size blocks instead of
     * measuring and copying strings. */
    unsigned char subj_len[SC_MAX_STREAMS + 1];
    char subj[SC_MAX_STREAMS + 1][SC_ID_MAX + 8];
    unsigned char kind_len[EV__COUNT];
    char kind[EV__COUNT][16];
    char buf[1 << 16];
} TraceWriter;

void trace_writer_init(TraceWriter *w, FILE *f, const Sim *sim);
/* A SimEventFn: pass the TraceWriter as user. */
void trace_writer_event(void *user, const Event *ev);
void trace_writer_raw(TraceWriter *w, const char *line, size_t len); /* adds '\n' */
/* Flushes the buffer; returns 0, or -1 when any write failed. */
int trace_writer_flush(TraceWriter *w);

#endif
