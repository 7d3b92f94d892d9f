/* csv_out.c - the long CSV table of `run --format csv` (see csv_out.h). */
#include "app/csv_out.h"

#include <string.h>

#include "trace/trace.h"

/* A row is a handful of integers: formatting them by hand keeps a run of
 * millions of rows from spending its time in printf. */
typedef struct {
    char b[SC_ID_MAX + 8 * 24];
    size_t n;
} Row;

static void put(Row *r, const char *s)
{
    size_t l = strlen(s);
    memcpy(r->b + r->n, s, l);
    r->n += l;
}

static void put_i64(Row *r, int64_t v)
{
    r->n += trace_fmt_i64(r->b + r->n, v);
}

/* ",value" when the stream has that side, else "," (an empty cell). */
static void cell(Row *r, bool has, int64_t v)
{
    r->b[r->n++] = ',';
    if (has)
        put_i64(r, v);
}

static void emit(CsvOut *c, const Row *r)
{
    if (fwrite(r->b, 1, r->n, c->f) != r->n)
        c->failed = true;
}

void csv_out_init(CsvOut *c, FILE *f, const Sim *sim)
{
    c->f = f;
    c->sim = sim;
    c->last_tick = -1;
    c->failed = false;
}

void csv_out_header(CsvOut *c)
{
    if (fputs("tick,stream,rlen,wlen,flowing,needdrain,destroyed,memory\n", c->f) == EOF)
        c->failed = true;
}

void csv_out_tick(CsvOut *c)
{
    int64_t tick = sim_tick(c->sim);
    if (tick < 0 || tick == c->last_tick)
        return;
    c->last_tick = tick;
    int n = sim_stream_count(c->sim);
    /* The total is the sum of the streams' shares rather than sim_memory():
     * on the tick an uncaught error ends the run there is no sample, and the
     * rows must still add up. */
    int64_t total = 0;
    Row r;
    for (int i = 0; i < n; i++) {
        StreamView v = sim_stream(c->sim, i);
        r.n = 0;
        put_i64(&r, tick);
        r.b[r.n++] = ',';
        put(&r, v.def->id);
        cell(&r, v.has_readable, v.rlen);
        cell(&r, v.has_writable, v.wlen);
        cell(&r, v.has_readable, v.rflow);
        cell(&r, v.has_writable, v.needdrain);
        cell(&r, true, v.destroyed);
        cell(&r, true, v.mem_bytes);
        r.b[r.n++] = '\n';
        emit(c, &r);
        total += v.mem_bytes;
    }
    r.n = 0;
    put_i64(&r, tick);
    put(&r, ",-,,,,,,");
    put_i64(&r, total);
    r.b[r.n++] = '\n';
    emit(c, &r);
}

int csv_out_finish(CsvOut *c)
{
    if (fflush(c->f) != 0)
        c->failed = true;
    return c->failed ? -1 : 0;
}
