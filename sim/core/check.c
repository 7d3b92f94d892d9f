/* check.c - sim_check(): the model's own invariants (model.h), for tests and
 * for the testing build (-DSIM_TESTING), which checks after every event and
 * every step and aborts on the first broken one. The checks only read the
 * state; a normal build never calls them. */
#include "model.h"

#ifdef SIM_TESTING
#include <stdio.h>
#include <stdlib.h>
#endif

static int64_t sat_mul(int64_t a, int64_t b)
{
    return b != 0 && a > INT64_MAX / b ? INT64_MAX : a * b;
}

/* A queue's totals are the sums over its runs, and its ring is in range. */
static bool queue_ok(const ChunkQ *q)
{
    if (q->n < 0 || q->n > CQ_CAP || q->head < 0 || q->head >= CQ_CAP)
        return false;
    int64_t chunks = 0, units = 0, bytes = 0;
    for (int k = 0; k < q->n; k++) {
        const Run *r = &q->runs[(q->head + k) % CQ_CAP];
        if (r->count < 1 || r->size < 0 || r->bytes < 0)
            return false;
        chunks = sat_add(chunks, r->count);
        units = sat_add(units, sat_mul(r->size, r->count));
        bytes = sat_add(bytes, sat_mul(r->bytes, r->count));
    }
    return chunks == q->chunks && units == q->units && bytes == q->bytes && (q->n > 0 || q->chunks == 0);
}

static const char *stream_check(const Sim *s, int i, bool between_steps)
{
    const Stream *st = &s->st[i];
    if (!queue_ok(&st->rq) || !queue_ok(&st->wq))
        return "a buffer's totals differ from the sum of its chunks";
    if (st->has_r) {
        int64_t parked = st->has_fast_chunk ? st->fast_chunk.units : 0;
        if (st->rlen != sat_add(st->rq.units, parked) || st->rlen < 0)
            return "readableLength differs from its queued chunks";
        if (between_steps && (st->has_fast_chunk || st->r_fast_push))
            return "Node 26's parked chunk outlived flowSync()";
        if (st->robj && st->rlen != st->rq.chunks + (st->has_fast_chunk ? 1 : 0))
            return "an objectMode readable length is not its object count";
        if (st->r_flowing && !st->r_has_flowing)
            return "flowing without readableFlowing set";
        if (st->npipes < 0 || st->npipes > SC_MAX_STREAMS)
            return "pipe count out of range";
        if (st->pipe_fast >= 0 && (st->npipes != 1 || s->pipes[st->pipe_fast].src != i ||
                                   s->pipes[st->pipe_fast].dest != st->pipes[0]))
            return "Node 26's pipeOnData is not the one pipe";
        if (st->adw_single >= s->nstreams)
            return "awaitDrainWriters names no stream";
    } else if (st->rlen != 0 || st->rq.chunks != 0 || st->npipes != 0) {
        return "a stream without a readable side holds readable state";
    }
    if (st->has_w) {
        int64_t inflight = st->w_writing ? st->writelen : 0;
        if (st->wlen != sat_add(st->wq.units, inflight) || st->wlen < 0)
            return "writableLength differs from buffered plus in-flight units";
        if (st->w_buffered != (st->wq.chunks > 0) && !st->w_buffer_processing)
            return "the buffered flag disagrees with the write buffer";
        if (st->w_finished && (st->wlen != 0 || !st->w_ending))
            return "finished with writes left or without end()";
        if (st->corked < 0 || st->pendingcb < 0)
            return "corked or pendingcb below zero";
    } else if (st->wlen != 0 || st->wq.chunks != 0 || st->w_need_drain) {
        return "a stream without a writable side holds writable state";
    }
    if (st->fl_active && (st->fl_done < 0 || st->fl_done > st->fl_units))
        return "work done on a chunk past its size";
    return NULL;
}

static const char *check(const Sim *s, bool between_steps)
{
    if (s->tq.n < 0 || s->tq.n > TQ_CAP || s->mq.n < 0 || s->mq.n > MQ_CAP)
        return "a callback queue out of range";
    if (s->nlisteners < 0 || s->nlisteners > LS_CAP)
        return "listener count out of range";
    for (int i = 0, from = 0; i < s->nstreams; i++) {
        if (s->lend[i] < from || s->lend[i] > s->nlisteners)
            return "listener groups out of order";
        for (int k = from; k < s->lend[i]; k++)
            if (s->ls[k].stream != i)
                return "a listener in another stream's group";
        from = s->lend[i];
    }
    for (int a = 0; a < s->nlisteners; a++)
        for (int b = a + 1; b < s->nlisteners; b++)
            if (s->ls[a].id == s->ls[b].id)
                return "two listeners share an id";
    for (int i = 0; i < s->nstreams; i++) {
        const char *why = stream_check(s, i, between_steps);
        if (why)
            return why;
    }
    if (s->mem_total != s->mem_external + s->mem_heap + s->mem_retained)
        return "the memory total is not the sum of its parts";
    if (between_steps && s->tick >= 0 && !sim_dead(s)) {
        int64_t retained = 0;
        for (int i = 0; i < s->nstreams; i++)
            retained = sat_add(retained, s->st[i].retained);
        if (retained != s->mem_retained)
            return "retained memory is not the sum over the streams";
    }
    return NULL;
}

const char *sim_check(const Sim *s)
{
    return check(s, true);
}

#ifdef SIM_TESTING
void sim_check_or_abort(const Sim *s, bool between_steps)
{
    const char *why = check(s, between_steps);
    if (!why)
        return;
    fprintf(stderr, "sim_check: tick %lld: %s\n", (long long)s->tick, why);
    abort();
}
#endif
