/* summary.c - the per-stream table and memory chart of `run --summary`. */
#include "app/summary.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "io/safetext.h"

typedef struct {
    int64_t end_tick, finish_tick, close_tick, error_tick;
    int32_t error_code;
} StreamMarks;

struct Summary {
    const Sim *sim;
    int64_t col_ticks;           /* ticks per chart column */
    int64_t col_peak[SUMMARY_COLS];
    int ncols;
    int64_t died_tick;
    int64_t oom_bytes;
    int32_t uncaught_code;
    StreamMarks marks[SC_MAX_STREAMS];
};

/* Objects times objectSize can pass int64 near the format's limits. */
static int64_t clamp_i64(unsigned __int128 v)
{
    return v > (unsigned __int128)INT64_MAX ? INT64_MAX : (int64_t)v;
}

void format_bytes(char *out, size_t n, int64_t bytes)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    if (bytes < 1024) {
        snprintf(out, n, "%" PRId64 " B", bytes);
        return;
    }
    int u = 0;
    int64_t whole = bytes;
    int64_t rem = 0;
    while (whole >= 1024 && u < 6) {
        rem = whole % 1024;
        whole /= 1024;
        u++;
    }
    int tenth = (int)(rem * 10 / 1024);
    if (whole >= 100 || tenth == 0)
        snprintf(out, n, "%" PRId64 " %s", whole, units[u]);
    else
        snprintf(out, n, "%" PRId64 ".%d %s", whole, tenth, units[u]);
}

Summary *summary_create(const Sim *sim)
{
    Summary *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->sim = sim;
    int64_t t = sim_ticks(sim) + 1;
    s->col_ticks = (t + SUMMARY_COLS - 1) / SUMMARY_COLS;
    if (s->col_ticks < 1)
        s->col_ticks = 1;
    s->died_tick = -1;
    for (int i = 0; i < SC_MAX_STREAMS; i++)
        s->marks[i] = (StreamMarks){-1, -1, -1, -1, 0};
    return s;
}

void summary_destroy(Summary *s)
{
    free(s);
}

void summary_event(void *user, const Event *ev)
{
    Summary *s = user;
    StreamMarks *m = ev->subject >= 0 ? &s->marks[ev->subject] : NULL;
    switch (ev->kind) {
    case EV_END:
        m->end_tick = ev->tick;
        break;
    case EV_FINISH:
        m->finish_tick = ev->tick;
        break;
    case EV_CLOSE:
        m->close_tick = ev->tick;
        break;
    case EV_ERROR:
        if (m->error_tick < 0) {
            m->error_tick = ev->tick;
            m->error_code = ev->code;
        }
        break;
    case EV_OOM:
        s->died_tick = ev->tick;
        s->oom_bytes = ev->bytes;
        break;
    case EV_UNCAUGHT:
        s->died_tick = ev->tick;
        s->uncaught_code = ev->code;
        break;
    default:
        break;
    }
}

void summary_sample(Summary *s)
{
    int64_t t = sim_tick(s->sim);
    if (t < 0)
        return;
    int col = (int)(t / s->col_ticks);
    if (col >= SUMMARY_COLS)
        col = SUMMARY_COLS - 1;
    int64_t total = sim_memory(s->sim).total;
    if (col + 1 > s->ncols)
        s->ncols = col + 1;
    if (total > s->col_peak[col])
        s->col_peak[col] = total;
}

static void print_chart(const Summary *s, FILE *f)
{
    static const char *const rows_mark = "#";
    int64_t peak = 0;
    for (int c = 0; c < s->ncols; c++)
        if (s->col_peak[c] > peak)
            peak = s->col_peak[c];
    const int rows = 8;
    char label[32];
    format_bytes(label, sizeof label, peak);
    fprintf(f, "\ntotal memory over time (peak %s; each column %" PRId64 " tick%s)\n", label,
            s->col_ticks, s->col_ticks == 1 ? "" : "s");
    if (peak == 0) {
        fprintf(f, "  (no data was ever buffered)\n");
        return;
    }
    for (int r = rows; r >= 1; r--) {
        fputs(r == rows ? "  max |" : r == 1 ? "    0 |" : "      |", f);
        for (int c = 0; c < s->ncols; c++) {
            /* a cell is filled when the column reaches its row (rounded up) */
            /* 128 bits: a peak near 2^62 bytes times the rows passes int64 */
            int64_t level = (int64_t)(((unsigned __int128)s->col_peak[c] * rows + (uint64_t)peak - 1) /
                                      (uint64_t)peak);
            fputs(level >= r ? rows_mark : " ", f);
        }
        fputc('\n', f);
    }
    fputs("      +", f);
    for (int c = 0; c < s->ncols; c++)
        fputc('-', f);
    fprintf(f, "\n       tick 0%*s%" PRId64 "\n", s->ncols > 12 ? s->ncols - 12 : 1, "",
            sim_tick(s->sim));
}

void summary_print(const Summary *s, FILE *f)
{
    const Sim *sim = s->sim;
    const Scenario *sc = sim_scenario(sim);
    int64_t ticks = sim_tick(sim);
    double secs = (double)(ticks > 0 ? ticks : 1) * (double)sc->tick_us / 1e6;
    /* The title is the file author's text: escaped (io/safetext.h). */
    fprintf(f, "%s: ", sc->name);
    safetext_fputs(sc->title ? sc->title : "", f);
    fputc('\n', f);
    switch (sim_status(sim)) {
    case SIM_OOM: {
        char b[32], l[32];
        format_bytes(b, sizeof b, s->oom_bytes);
        format_bytes(l, sizeof l, sc->memory_limit);
        fprintf(f, "DIED of out-of-memory at tick %" PRId64 ": %s (%" PRId64 " bytes) buffered, over the %s limit\n",
                s->died_tick, b, s->oom_bytes, l);
        break;
    }
    case SIM_UNCAUGHT:
        fprintf(f, "DIED at tick %" PRId64 ": uncaught error %s\n", s->died_tick,
                sim_code_name(sim, s->uncaught_code));
        if (!strcmp(sim_code_name(sim, s->uncaught_code), "HW_MODEL_LIMIT"))
            fprintf(f, "(the model's own limit, not Node's: a buffer, the memory total or a chunk would\n"
                       " pass 2^62 bytes, or a fixed capacity such as listeners or queued callbacks ran out)\n");
        else if (!strcmp(sim_code_name(sim, s->uncaught_code), "HW_TICK_LIMIT"))
            fprintf(f, "(the model's own limit, not Node's: this tick reached 2^22 events and callbacks, from\n"
                       " many streams at their largest rates or work piled up and released at once, and the\n"
                       " run ends there; docs/tick-and-trace.md, \"Work per tick\")\n");
        break;
    default:
        fprintf(f, "ran %" PRId64 " ticks (%.3f s simulated)\n", ticks, secs);
        break;
    }
    fprintf(f, "\n%-14s %-9s %12s %10s %10s %7s %7s %12s %12s  %s\n", "stream", "kind", "peak buffer",
            "false", "pauses", "drains", "resumes", "through", "throughput", "finished");
    for (int i = 0; i < sim_stream_count(sim); i++) {
        StreamView v = sim_stream(sim, i);
        const StreamMarks *m = &s->marks[i];
        static const char *const kinds[] = {"source", "transform", "sink"};
        char peak[32], through[32], rate[40], done[64];
        format_bytes(peak, sizeof peak, v.peak_bytes);
        int64_t thr_bytes = v.def->kind == SK_SOURCE ? clamp_i64((unsigned __int128)v.produced *
                                                                 (uint64_t)(v.def->robj ? v.def->object_size : 1))
                                                     : v.bytes_done;
        format_bytes(through, sizeof through, thr_bytes);
        char persec[32];
        /* Converting a double past 2^63 to int64 is undefined: clamp first. */
        double bps = (double)thr_bytes / secs;
        format_bytes(persec, sizeof persec, bps >= 9.2e18 ? INT64_MAX : (int64_t)bps);
        snprintf(rate, sizeof rate, "%s/s", persec);
        if (m->error_tick >= 0)
            snprintf(done, sizeof done, "error %s at %" PRId64, sim_code_name(sim, m->error_code), m->error_tick);
        else if (m->finish_tick >= 0)
            snprintf(done, sizeof done, "finish at %" PRId64, m->finish_tick);
        else if (m->end_tick >= 0)
            snprintf(done, sizeof done, "end at %" PRId64, m->end_tick);
        else if (v.destroyed)
            snprintf(done, sizeof done, "destroyed");
        else
            snprintf(done, sizeof done, "-");
        int64_t falses = v.def->kind == SK_SOURCE ? v.pushes_false : v.writes_false;
        fprintf(f, "%-14s %-9s %12s %10" PRId64 " %10" PRId64 " %7" PRId64 " %7" PRId64 " %12s %12s  %s\n",
                v.def->id, kinds[v.def->kind], peak, falses, v.pauses, v.drains, v.resumes, through, rate,
                done);
    }
    char pk[32];
    format_bytes(pk, sizeof pk, sim_memory(sim).peak_total);
    fprintf(f, "\npeak total memory: %s\n", pk);
    print_chart(s, f);
}
