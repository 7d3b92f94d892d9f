/* writable.c - the Writable side: write(), buffering, the _write callback,
 * 'drain', cork/uncork/_writev, end() -> 'prefinish' -> 'finish', with Node
 * v20's flags and tick deferrals (W1-W12). Every write in the model has no
 * user callback (pipe, the wirings and the timeline pass none), which is
 * Node's `nop` path. */
#include "model.h"

static void finish_maybe(Sim *s, int i, bool sync);
static void clear_buffer(Sim *s, int i);

bool wr_need_drain_getter(const Stream *st)
{
    return st->w_need_drain && !st->w_ending && !st->destroyed;
}

static void reset_buffer(Stream *st)
{
    cq_clear(&st->wq);
    st->w_buffered = false;
}

/* Hands one chunk (or all, for _writev) to the stream's own write. */
static void do_write(Sim *s, int i, bool writev, const Chunk *c, int32_t chunks)
{
    Stream *st = &s->st[i];
    st->writelen = c->units;
    st->writebytes = c->bytes;
    st->w_writing = true;
    st->w_sync = true;
    st->w_expect_cb = true;
    if (st->destroyed)
        wr_onwrite(s, i, CODE_DESTROYED);
    else
        hook_write(s, i, c, writev ? chunks : 0);
    s->st[i].w_sync = false;
}

static bool write_or_buffer(Sim *s, int i, const Chunk *c)
{
    Stream *st = &s->st[i];
    if (!grow(s, &st->wlen, c->units))
        return false;
    if (st->wlen > st->peak_wlen)
        st->peak_wlen = st->wlen;
    if (st->w_writing || st->errored || st->corked) {
        st->w_buffered = true;
        if (cq_push(&st->wq, c) < 0)
            sim_fail_limit(s, "writable buffer");
    } else {
        do_write(s, i, false, c, 0);
    }
    st = &s->st[i];
    bool ret = st->wlen < st->whwm || st->wlen == 0;
    if (!ret)
        st->w_need_drain = true;
    return ret && !st->destroyed && !st->errored;
}

bool wr_write(Sim *s, int i, const Chunk *chunk)
{
    log_chunk(s, EV_WRITE, i, chunk);
    Stream *st = &s->st[i];
    /* decodeStrings: a string becomes a Buffer; objectMode counts 1 per chunk */
    Chunk c = *chunk;
    c.str = false;
    c.units = st->wobj ? 1 : c.bytes;
    bool ret;
    int32_t err = st->w_ending ? CODE_WRITE_AFTER_END : st->destroyed ? CODE_DESTROYED : 0;
    if (err) {
        tq_push(s, T_NOOP, i, 0, err); /* the write callback gets err next tick */
        error_or_destroy(s, i, err, true);
        ret = false;
    } else {
        st->pendingcb++;
        ret = write_or_buffer(s, i, &c);
    }
    if (!ret)
        s->st[i].writes_false = sat_add(s->st[i].writes_false, 1);
    log_simple(s, EV_WROTE, i, 0, ret);
    return ret;
}

int wr_write_known(Sim *s, int i, const Chunk *c)
{
    Stream *st = &s->st[i];
    if (st->wlen != 0 || c->str || st->wobj || st->destroyed || st->errored || st->w_sync ||
        st->w_ending || st->w_finished || st->w_writing || st->corked || st->w_buffered ||
        st->w_ended || st->w_need_drain || st->w_expect_cb || st->w_buffer_processing ||
        st->w_final_called || st->w_prefinished || st->error_emitted)
        return -1;
    st->pendingcb++;
    bool ret = write_or_buffer(s, i, c);
    if (!ret)
        s->st[i].writes_false = sat_add(s->st[i].writes_false, 1);
    return ret;
}

void wr_error_buffer(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->w_writing)
        return;
    if (st->w_buffered)
        st->wlen -= st->wq.units;
    reset_buffer(st);
}

static void after_write(Sim *s, int i, int32_t count)
{
    Stream *st = &s->st[i];
    st->w_after_write_pending = false;
    if (st->w_need_drain && !st->w_ending && !st->destroyed && st->wlen == 0) {
        st->w_need_drain = false;
        st->drains++;
        emit(s, i, E_DRAIN, NULL, -1, 0);
    }
    st = &s->st[i];
    st->pendingcb -= count;
    if (st->destroyed)
        wr_error_buffer(s, i);
    if (s->st[i].w_ending)
        finish_maybe(s, i, true);
}

static void onwrite_error(Sim *s, int i, int32_t err)
{
    s->st[i].pendingcb--;
    wr_error_buffer(s, i);
    error_or_destroy(s, i, err, false);
}

void wr_onwrite(Sim *s, int i, int32_t err)
{
    Stream *st = &s->st[i];
    if (!st->w_expect_cb) {
        error_or_destroy(s, i, CODE_MULTIPLE_CALLBACK, false);
        return;
    }
    bool sync = st->w_sync;
    st->w_writing = false;
    st->w_expect_cb = false;
    st->wlen -= st->writelen;
    st->writelen = 0;
    st->writebytes = 0;

    if (err) {
        if (!st->errored)
            st->errored = err;
        if (st->has_r && !st->r_errored)
            st->r_errored = err;
        if (sync)
            tq_push(s, T_ONWRITE_ERROR, i, 0, err);
        else
            onwrite_error(s, i, err);
        return;
    }
    if (st->w_buffered)
        clear_buffer(s, i);
    st = &s->st[i];
    if (sync) {
        bool need_drain = st->w_need_drain && st->wlen == 0;
        /* Node tests `state & kDestroyed !== 0`, i.e. the objectMode bit */
        bool need_tick = need_drain || st->wobj;
        if (!st->w_after_write_pending && need_tick) {
            tq_push(s, T_AFTER_WRITE, i, 1, 0);
            st->w_after_write_pending = true;
        } else {
            st->pendingcb--;
            if (st->w_ending)
                finish_maybe(s, i, true);
        }
    } else {
        after_write(s, i, 1);
    }
}

static void clear_buffer(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->destroyed || st->w_buffer_processing || st->corked || !st->w_buffered)
        return;
    int64_t nbuf = st->wq.chunks;
    if (nbuf == 0)
        return;
    st->w_buffer_processing = true;
    if (nbuf > 1 && st->def->writev) {
        st->pendingcb -= (int32_t)(nbuf - 1);
        if (st->def->keep > 0) {
            /* every chunk of the batch is kept: a copy of each one's first bytes */
            st->writev_keep = 0;
            st->nflpin = 0;
            for (int r = 0; r < st->wq.n; r++) {
                const Run *run = &st->wq.runs[(st->wq.head + r) % CQ_CAP];
                int64_t k = run->bytes < st->def->keep ? run->bytes : st->def->keep;
                if (!st->def->keep_copy && run->cid0 && st->nflpin < FLPIN_CAP)
                    st->fl_pin[st->nflpin++] = (PinRange){run->cid0, run->count, pin_bytes(s, run->cid0, run->bytes)};
                else
                    st->writev_keep += run->count * (st->def->keep_copy ? k : run->bytes);
            }
        }
        Chunk all = cq_take_all(&st->wq);
        all.units = st->wlen;
        reset_buffer(st);
        /* Node resets the buffer after doWrite; nothing reads it in between */
        do_write(s, i, true, &all, (int32_t)nbuf);
    } else {
        do {
            Chunk c = cq_pop(&s->st[i].wq);
            do_write(s, i, false, &c, 0);
        } while (!sim_dead(s) && s->st[i].wq.chunks > 0 && !s->st[i].w_writing);
        if (s->st[i].wq.chunks == 0)
            reset_buffer(&s->st[i]);
    }
    s->st[i].w_buffer_processing = false;
}

void wr_cork(Sim *s, int i)
{
    s->st[i].corked++;
}

void wr_uncork(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->corked) {
        st->corked--;
        if (!st->w_writing)
            clear_buffer(s, i);
    }
}

static bool need_finish(const Stream *st)
{
    return st->w_ending && !st->destroyed && !st->w_finished && !st->w_writing &&
           !st->error_emitted && !st->close_emitted && !st->errored && !st->w_buffered &&
           st->wlen == 0;
}

static void finish(Sim *s, int i)
{
    Stream *st = &s->st[i];
    st->pendingcb--;
    st->w_finished = true;
    emit(s, i, E_FINISH, NULL, -1, 0);
    st = &s->st[i];
    /* autoDestroy; a Duplex also waits for its readable side's 'end' */
    if (!st->has_r || st->r_end_emitted)
        destroy_stream(s, i, 0);
}

/* _final's callback (Transform's final calls it after flushing) */
static void on_finish(Sim *s, int i, int32_t err)
{
    Stream *st = &s->st[i];
    if (st->w_prefinished) {
        error_or_destroy(s, i, err ? err : CODE_MULTIPLE_CALLBACK, false);
        return;
    }
    st->pendingcb--;
    if (err) {
        error_or_destroy(s, i, err, st->w_sync);
    } else if (need_finish(st)) {
        st->w_prefinished = true;
        emit(s, i, E_PREFINISH, NULL, -1, 0);
        s->st[i].pendingcb++;
        tq_push(s, T_FINISH, i, 0, 0);
    }
}

static void prefinish(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->w_prefinished || st->w_final_called)
        return;
    if (st->def->kind == SK_TRANSFORM && !st->destroyed) {
        st->w_final_called = true;
        st->w_sync = true;
        st->pendingcb++;
        tf_final(s, i);
        /* Transform's final calls back synchronously: our flush never waits */
        on_finish(s, i, 0);
        s->st[i].w_sync = false;
    } else {
        st->w_final_called = true;
        st->w_prefinished = true;
        emit(s, i, E_PREFINISH, NULL, -1, 0);
    }
}

static void finish_maybe(Sim *s, int i, bool sync)
{
    Stream *st = &s->st[i];
    if (!need_finish(st))
        return;
    prefinish(s, i);
    st = &s->st[i];
    if (st->pendingcb == 0) {
        if (sync) {
            st->pendingcb++;
            tq_push(s, T_FINISH_MAYBE, i, 0, 0);
        } else if (need_finish(st)) {
            st->pendingcb++;
            finish(s, i);
        }
    }
}

void wr_end(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->corked) {
        st->corked = 1;
        wr_uncork(s, i);
    }
    st = &s->st[i];
    if (!st->w_ending && !st->errored) {
        st->w_ending = true;
        finish_maybe(s, i, true);
        s->st[i].w_ended = true;
    }
    /* else: ERR_STREAM_ALREADY_FINISHED / DESTROYED would go to a callback; there is none */
}

void wr_task(Sim *s, const Task *t)
{
    int i = t->a;
    switch ((TaskKind)t->kind) {
    case T_AFTER_WRITE:
        after_write(s, i, t->n);
        break;
    case T_FINISH_MAYBE:
        if (need_finish(&s->st[i]))
            finish(s, i);
        else
            s->st[i].pendingcb--;
        break;
    case T_FINISH:
        finish(s, i);
        break;
    case T_ERROR_BUFFER:
        wr_error_buffer(s, i);
        break;
    case T_ONWRITE_ERROR:
        onwrite_error(s, i, t->code);
        break;
    default:
        break;
    }
}
