/* readable.c - the Readable side: push(), read(), flowing and paused mode,
 * 'readable', 'data' and 'end', with Node v20's flags and tick deferrals
 * (docs/node-facts: R1-R9). Lengths are in units: bytes, or objects. */
#include "model.h"

static bool read_impl(Sim *s, int i, int64_t n, Chunk *out);

static void clear_await_drain(Stream *st)
{
    if (st->r_multi_await_drain)
        st->adw_set = 0;
    else
        st->adw_single = -1;
}

static bool can_push_more(const Stream *st)
{
    return !st->r_ended && (st->rlen < st->rhwm || st->rlen == 0);
}

static void maybe_read_more(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (!st->r_reading_more) {
        st->r_reading_more = true;
        tq_push(s, T_MAYBE_READ_MORE, i, 0, 0);
    }
}

static void emit_readable(Sim *s, int i)
{
    Stream *st = &s->st[i];
    st->r_need_readable = false;
    if (!st->r_emitted_readable) {
        st->r_emitted_readable = true;
        tq_push(s, T_EMIT_READABLE, i, 0, 0);
    }
}

/* Node 26's materializeFastChunk(): the parked chunk back at the buffer's head. */
static void materialize_fast_chunk(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (!st->has_fast_chunk)
        return;
    st->has_fast_chunk = false;
    if (cq_unshift(&st->rq, &st->fast_chunk) < 0)
        sim_fail_limit(s, "readable buffer");
}

static bool fast_flow_blocked(const Stream *st)
{
    return st->robj || st->def->encoding_utf8 || st->r_ended || st->destroyed ||
           st->r_errored || st->r_paused || st->r_reading || st->r_sync;
}

/* Node 26's flowSync(). It runs only where read() would take the one
 * buffered chunk: that chunk is parked, _read() asks for the next one (a
 * push inside it is parked too), and the parked chunk is handed on, in a
 * loop; whatever ends the loop goes back to the buffer and read() goes on.
 * Unlike read() it leaves needReadable and awaitDrainWriters alone.
 * Returns true when it ran the flow. */
static bool flow_sync(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (!node_flow_sync(s) || !st->r_flowing || !st->r_data_listening || fast_flow_blocked(st) ||
        st->rhwm <= 0 || st->has_fast_chunk)
        return false;
    if (st->rlen != 0) {
        if (st->rq.chunks != 1)
            return false;
        st->fast_chunk = cq_pop(&st->rq);
        st->has_fast_chunk = true;
    }
    while (!sim_dead(s) && s->st[i].r_flowing) {
        st = &s->st[i];
        if (!st->has_fast_chunk || fast_flow_blocked(st))
            break;
        Chunk cur = st->fast_chunk;
        st->has_fast_chunk = false;
        st->rlen = 0;
        st->r_reading = true;
        st->r_sync = true;
        st->r_fast_push = true;
        if (st->def->kind == SK_TRANSFORM)
            tf_read(s, i);
        else
            hook_read(s, i, st->rhwm);
        st = &s->st[i];
        st->r_sync = false;
        st->r_fast_push = false;
        if (!st->error_emitted && !st->close_emitted) {
            st->r_data_emitted = true;
            pipe_deliver_flow_chunk(s, i, &cur);
        }
        st = &s->st[i];
        if (!st->has_fast_chunk && st->rlen != 0)
            break;
    }
    materialize_fast_chunk(s, i);
    Chunk c;
    while (!sim_dead(s) && s->st[i].r_flowing && read_impl(s, i, -1, &c))
        ;
    return true;
}

static void flow(Sim *s, int i)
{
    if (flow_sync(s, i))
        return;
    Chunk c;
    while (!sim_dead(s) && s->st[i].r_flowing && read_impl(s, i, -1, &c))
        ;
}

static void emit_readable_now(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (!st->destroyed && !st->r_errored && (st->rlen > 0 || st->r_ended)) {
        emit(s, i, E_READABLE, NULL, -1, 0);
        st->r_emitted_readable = false;
    }
    if (!st->r_flowing && !st->r_ended && st->rlen <= st->rhwm)
        st->r_need_readable = true;
    flow(s, i);
}

static void end_readable(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (!st->r_end_emitted) {
        st->r_ended = true;
        tq_push(s, T_END_READABLE, i, 0, 0);
    }
}

static void add_chunk(Sim *s, int i, const Chunk *c)
{
    Stream *st = &s->st[i];
    if (st->r_flowing && !st->r_sync && st->r_data_listening && st->rlen == 0) {
        clear_await_drain(st);
        st->r_data_emitted = true;
        emit(s, i, E_DATA, c, -1, 0);
    } else {
        if (!grow(s, &st->rlen, c->units))
            return;
        if (cq_push(&st->rq, c) < 0)
            sim_fail_limit(s, "readable buffer");
        if (st->rlen > st->peak_rlen)
            st->peak_rlen = st->rlen;
        if (st->r_need_readable)
            emit_readable(s, i);
    }
    maybe_read_more(s, i);
}

static void on_eof_chunk(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->r_ended)
        return;
    st->r_ended = true;
    if (st->r_sync) {
        if (node_eof_readable_skipped(s) && !st->r_flowing && !st->r_need_readable &&
            listener_count(s, i, E_READABLE) == 0)
            st->r_eof_readable_pending = true; /* nobody observes it */
        else
            emit_readable(s, i);
    } else {
        st->r_need_readable = false;
        st->r_emitted_readable = true;
        emit_readable_now(s, i);
    }
}

/* StringDecoder('utf8').write over content bytes: the complete characters
 * from the held tail plus this chunk; an incomplete last character is held. */
static bool decode_chunk(Sim *s, int i, const Chunk *in, Chunk *out)
{
    Stream *st = &s->st[i];
    const StreamDef *src = &s->sc->streams[in->csrc];
    int64_t start = st->dec_n ? st->dec_off : in->coff;
    int64_t end = in->coff + in->bytes;
    int64_t boundary = content_char_boundary(src, start, end);
    st->dec_off = boundary;
    st->dec_n = end - boundary;
    if (boundary == start)
        return false;
    *out = (Chunk){content_utf16_len(src, start, boundary), boundary - start, start, in->csrc, true, 0};
    return true;
}

bool rd_push(Sim *s, int i, const Chunk *c)
{
    Stream *st = &s->st[i];
    bool eof = c == NULL;
    if (eof) {
        Event e = {0};
        e.other = -1;
        e.csrc = -1;
        e.eof = 1;
        log_event(s, EV_PUSH, i, &e);
    } else {
        log_chunk(s, EV_PUSH, i, c);
    }

    bool ret;
    Chunk dc;
    if (st->r_fast_push && !eof && !st->has_fast_chunk && !st->robj && !st->def->encoding_utf8 &&
        c->units > 0 && !st->r_ended && !st->destroyed && !st->r_errored) {
        /* flowSync() is inside _read(): the first Buffer is parked, not buffered */
        st->fast_chunk = *c;
        st->has_fast_chunk = true;
        st->rlen = c->units;
        st->r_reading = false;
        st->produced = sat_add(st->produced, c->units);
        ret = c->units < st->rhwm;
        if (!ret)
            st->pushes_false = sat_add(st->pushes_false, 1);
        log_simple(s, EV_PUSHED, i, 0, ret);
        return ret;
    }
    if (st->r_fast_push) {
        st->r_fast_push = false;
        if (st->has_fast_chunk) {
            Chunk first = st->fast_chunk;
            st->has_fast_chunk = false;
            st->rlen = 0;
            add_chunk(s, i, &first);
            st = &s->st[i];
        }
    }
    if (eof) {
        st->r_reading = false;
        on_eof_chunk(s, i);
        ret = false;
    } else if (st->r_ended) {
        error_or_destroy(s, i, CODE_PUSH_AFTER_EOF, false);
        ret = false;
    } else if (st->destroyed || st->r_errored) {
        ret = false;
    } else if (st->def->encoding_utf8 && c->coff >= 0 && !decode_chunk(s, i, c, &dc)) {
        /* nothing decodable yet: not buffered, but the read loop goes on */
        st->r_reading = false;
        st->produced = sat_add(st->produced, c->units);
        maybe_read_more(s, i);
        ret = can_push_more(&s->st[i]);
    } else {
        st->r_reading = false;
        st->produced = sat_add(st->produced, c->units);
        add_chunk(s, i, st->def->encoding_utf8 && c->coff >= 0 ? &dc : c);
        ret = can_push_more(&s->st[i]);
    }
    if (!ret && !eof)
        s->st[i].pushes_false = sat_add(s->st[i].pushes_false, 1);
    log_simple(s, EV_PUSHED, i, 0, ret);
    return ret;
}

/* howMuchToRead for the two calls the model makes: read(0) (n == 0) and
 * read() (n < 0, Node's NaN). */
static int64_t how_much(const Sim *s, const Stream *st, int64_t n)
{
    if (n == 0 || (st->rlen == 0 && st->r_ended))
        return 0;
    if (st->robj)
        return 1;
    if ((st->r_flowing || (node_read_one_buffer(s) && !st->def->encoding_utf8)) && st->rlen)
        return cq_front_units(&st->rq);
    return st->rlen;
}

/* Takes n units from the buffer: one chunk (objectMode, a flowing read of
 * the first chunk, Node 26's read()) or everything concatenated (a paused
 * read() before Node 26). */
static bool from_list(Sim *s, Stream *st, int64_t n, Chunk *out)
{
    if (st->rlen == 0)
        return false;
    if (st->robj || n < st->rlen) {
        *out = cq_pop(&st->rq);
    } else {
        bool several = st->rq.chunks > 1;
        *out = cq_take_all(&st->rq);
        /* a concatenation is Buffer.allocUnsafe(): where slices are kept, its
         * own id, or the pool slab it was carved from */
        if (several && s->has_keep && !out->str)
            out->cid = alloc_unsafe_cid(s, (int)(st - s->st), out->bytes);
    }
    return true;
}

static bool read_impl(Sim *s, int i, int64_t n, Chunk *out)
{
    materialize_fast_chunk(s, i);
    Stream *st = &s->st[i];
    int64_t n_orig = n;
    if (n != 0) {
        st->r_emitted_readable = false;
        st->r_eof_readable_pending = false;
    }

    if (n == 0 && st->r_need_readable &&
        ((st->rhwm != 0 ? st->rlen >= st->rhwm : st->rlen > 0) || st->r_ended)) {
        if (st->rlen == 0 && st->r_ended)
            end_readable(s, i);
        else
            emit_readable(s, i);
        return false;
    }

    n = how_much(s, st, n);
    if (n == 0 && st->r_ended) {
        if (st->rlen == 0)
            end_readable(s, i);
        return false;
    }

    bool do_read = st->r_need_readable;
    if (st->rlen == 0 || st->rlen - n < st->rhwm)
        do_read = true;
    if (st->r_reading || st->r_ended || st->destroyed || st->r_errored) {
        do_read = false;
    } else if (do_read) {
        st->r_reading = true;
        st->r_sync = true;
        if (st->rlen == 0)
            st->r_need_readable = true;
        if (st->def->kind == SK_TRANSFORM)
            tf_read(s, i);
        else
            hook_read(s, i, st->rhwm);
        st = &s->st[i];
        st->r_sync = false;
        if (!st->r_reading)
            n = how_much(s, st, n_orig);
    }

    Chunk got;
    bool have = n > 0 && from_list(s, st, n, &got);
    if (!have) {
        if (st->rlen <= st->rhwm)
            st->r_need_readable = true;
        n = 0;
    } else {
        n = got.units;
        st->rlen -= n;
        clear_await_drain(st);
    }

    if (st->rlen == 0) {
        if (!st->r_ended)
            st->r_need_readable = true;
        /* read() (NaN) never equals the amount read, so EOF is checked */
        if ((n_orig < 0 || n_orig != n) && st->r_ended)
            end_readable(s, i);
    }

    if (have && !st->error_emitted && !st->close_emitted) {
        st->r_data_emitted = true;
        emit(s, i, E_DATA, &got, -1, 0);
    }
    if (have)
        *out = got;
    return have;
}

bool rd_read(Sim *s, int i, int64_t n, Chunk *out)
{
    return read_impl(s, i, n, out);
}

void rd_resume(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->destroyed && node_pause_resume_skip_destroyed(s))
        return;
    if (!st->r_flowing) {
        st->r_has_flowing = true;
        st->r_flowing = !st->r_readable_listening;
        if (!st->r_resume_scheduled) {
            st->r_resume_scheduled = true;
            tq_push(s, T_RESUME, i, 0, 0);
        }
    }
    st->r_has_paused = true;
    st->r_paused = false;
}

void rd_pause(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->destroyed && node_pause_resume_skip_destroyed(s))
        return;
    if (!st->r_has_flowing || st->r_flowing) {
        st->r_has_flowing = true;
        st->r_flowing = false;
        st->pauses++;
        emit(s, i, E_PAUSE, NULL, -1, 0);
    }
    st = &s->st[i];
    st->r_has_paused = true;
    st->r_paused = true;
}

void rd_on_data_added(Sim *s, int i)
{
    Stream *st = &s->st[i];
    st->r_data_listening = true;
    if (listener_count(s, i, E_READABLE) > 0)
        st->r_readable_listening = true;
    if (!(st->r_has_flowing && !st->r_flowing))
        rd_resume(s, i);
}

void rd_on_readable_added(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (!st->r_end_emitted && !st->r_readable_listening) {
        st->r_readable_listening = true;
        st->r_need_readable = true;
        st->r_has_flowing = true;
        st->r_flowing = false;
        st->r_emitted_readable = false;
        if (st->rlen) {
            emit_readable(s, i);
        } else {
            if (st->r_eof_readable_pending) {
                st->r_eof_readable_pending = false;
                emit_readable(s, i);
            }
            if (!st->r_reading)
                tq_push(s, T_READ0, i, 0, 0);
        }
    }
}

void rd_on_data_removed(Sim *s, int i)
{
    if (listener_count(s, i, E_DATA) == 0)
        s->st[i].r_data_listening = false;
}

void rd_on_readable_removed(Sim *s, int i)
{
    tq_push(s, T_UPDATE_READABLE_LISTENING, i, 0, 0);
}

static void update_readable_listening(Sim *s, int i)
{
    Stream *st = &s->st[i];
    st->r_readable_listening = listener_count(s, i, E_READABLE) > 0;
    if (st->r_has_paused && !st->r_paused && st->r_resume_scheduled) {
        st->r_has_flowing = true;
        st->r_flowing = true;
    } else if (st->r_data_listening) {
        rd_resume(s, i);
    } else if (!st->r_readable_listening) {
        st->r_has_flowing = false;
        st->r_flowing = false;
    }
}

static void resume_now(Sim *s, int i)
{
    Stream *st = &s->st[i];
    Chunk c;
    if (!st->r_reading)
        read_impl(s, i, 0, &c);
    st = &s->st[i];
    st->r_resume_scheduled = false;
    st->resumes++;
    emit(s, i, E_RESUME, NULL, -1, 0);
    flow(s, i);
    st = &s->st[i];
    if (st->r_flowing && !st->r_reading)
        read_impl(s, i, 0, &c);
}

static void maybe_read_more_now(Sim *s, int i)
{
    for (;;) {
        Stream *st = &s->st[i];
        if (sim_dead(s) || st->r_reading || st->r_ended)
            break;
        if (!(st->rlen < st->rhwm || (st->r_flowing && st->rlen == 0)))
            break;
        int64_t len = st->rlen;
        Chunk c;
        read_impl(s, i, 0, &c);
        if (len == s->st[i].rlen)
            break;
    }
    s->st[i].r_reading_more = false;
}

static void end_readable_now(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->r_errored || st->close_emitted || st->r_end_emitted || st->rlen != 0)
        return;
    st->r_end_emitted = true;
    emit(s, i, E_END, NULL, -1, 0);
    st = &s->st[i];
    /* autoDestroy; a Duplex also waits for its writable side to finish */
    if (!st->has_w || st->w_finished)
        destroy_stream(s, i, 0);
}

void rd_task(Sim *s, const Task *t)
{
    int i = t->a;
    switch ((TaskKind)t->kind) {
    case T_EMIT_READABLE:
        emit_readable_now(s, i);
        break;
    case T_MAYBE_READ_MORE:
        maybe_read_more_now(s, i);
        break;
    case T_RESUME:
        resume_now(s, i);
        break;
    case T_END_READABLE:
        end_readable_now(s, i);
        break;
    case T_UPDATE_READABLE_LISTENING:
        update_readable_listening(s, i);
        break;
    case T_READ0: {
        Chunk c;
        read_impl(s, i, 0, &c);
        break;
    }
    default:
        break;
    }
}
