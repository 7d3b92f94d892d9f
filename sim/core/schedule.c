/* schedule.c - one tick of docs/tick-and-trace.md: the timeline, then sinks,
 * transforms and sources spending their work, one macrotask per completion
 * (each followed by settle()), then the sample. Also the scenario's own
 * stream hooks (_read, _write/_writev/_transform, _flush). */
#include "model.h"

/* ---- the scenario's hooks ------------------------------------------------ */

/* Readable.from()'s _read over an array (nextSyncWithSyncValues): unless
 * it is already at work, push the next items one by one, synchronously,
 * until push() returns false; the end of the array is push(null), after
 * which `reading` stays set and later _read calls do nothing. */
static void from_read(Sim *s, int i)
{
    if (s->st[i].from_reading)
        return;
    s->st[i].from_reading = true;
    while (!sim_dead(s)) {
        Stream *st = &s->st[i];
        if (st->remaining == 0) {
            st->eof_pushed = true;
            rd_push(s, i, NULL);
            return;
        }
        st->remaining--;
        Chunk c = chunk_plain(1, st->def->object_size);
        if (rd_push(s, i, &c))
            continue;
        s->st[i].from_reading = false;
        return;
    }
}

void hook_read(Sim *s, int i, int64_t size)
{
    log_simple(s, EV_READ, i, size, 0);
    if (s->st[i].def->from_array) {
        from_read(s, i);
        return;
    }
    s->st[i].outstanding = true;
}

static void complete_inflight(Sim *s, int i, int32_t err);

void hook_write(Sim *s, int i, const Chunk *c, int32_t chunks)
{
    Stream *st = &s->st[i];
    if (chunks > 0) {
        Event e = {0};
        e.other = -1;
        e.csrc = -1;
        e.bytes = c->bytes;
        e.chunks = chunks;
        log_event(s, EV_BEGIN, i, &e);
    } else {
        log_chunk(s, EV_BEGIN, i, c);
    }
    int64_t units = c->units;
    if (st->def->keep > 0) {
        int64_t k = c->bytes < st->def->keep ? c->bytes : st->def->keep;
        st->fl_keep = chunks > 0 ? st->writev_keep : st->def->keep_copy ? k : c->bytes;
        if (chunks == 0) {
            st->nflpin = 0;
            if (!st->def->keep_copy && c->cid) {
                st->fl_keep = 0; /* the slice pins a source Buffer: counted once */
                st->fl_pin[st->nflpin++] = (PinRange){c->cid, 1, pin_bytes(s, c->cid, c->bytes)};
            }
        }
    }
    st->fl_active = true;
    st->fl_units = units;
    st->fl_bytes = c->bytes;
    st->fl_done = 0;
    st->fl_chunks = chunks;
    st->fl_in_rlen = st->rlen; /* Transform._write notes rState.length first */
    if (st->def->kind == SK_SINK && st->def->sync && !st->fail_code && st->budget >= units) {
        st->budget -= units;
        st->fl_done = units;
        complete_inflight(s, i, 0);
    }
}

/* The output of the batch so far: ceil(bytes * num / den) bytes, or one
 * object; false when it would pass the model's limit (the run has ended). */
static bool take_batch_output(Sim *s, int i, Chunk *out)
{
    Stream *st = &s->st[i];
    const StreamDef *d = st->def;
    unsigned __int128 b = ((unsigned __int128)st->batch_bytes * (uint64_t)d->ratio_num +
                           (uint64_t)d->ratio_den - 1) / (uint64_t)d->ratio_den;
    if (b > (unsigned __int128)MODEL_MAX) {
        sim_fail_limit(s, "a transform output past 2^62");
        return false;
    }
    int64_t ob = st->robj ? d->object_size : (int64_t)b;
    st->batch_n = 0;
    st->batch_bytes = 0;
    *out = chunk_plain(st->robj ? 1 : ob, ob);
    /* the output is a Buffer of its own: two sinks (or one written twice)
     * slicing it pin it once */
    if (s->has_keep && !st->robj)
        out->cid = CID(i, ++st->next_serial);
    return true;
}

/* With outChunk the output is pushed piece by piece (each its own push(),
 * as zlib does) and the callback then gets nothing: true when it did that. */
static bool push_pieces(Sim *s, int i, const Chunk *out)
{
    int64_t max = s->st[i].def->out_chunk;
    if (max <= 0 || s->st[i].robj || out->bytes <= max)
        return false;
    for (int64_t at = 0; at < out->bytes && !sim_dead(s); at += max) {
        int64_t n = out->bytes - at < max ? out->bytes - at : max;
        Chunk piece = chunk_plain(n, n);
        if (s->has_keep)
            piece.cid = CID(i, ++s->st[i].next_serial);
        rd_push(s, i, &piece);
    }
    return true;
}

void hook_flush(Sim *s, int i)
{
    Chunk oc;
    if (s->st[i].batch_n > 0 && take_batch_output(s, i, &oc) && !push_pieces(s, i, &oc))
        rd_push(s, i, &oc);
}

/* The stream's own work on the chunk in flight is complete (or failed):
 * log `done` and call the callback _write/_transform was given. */
static void complete_inflight(Sim *s, int i, int32_t err)
{
    Stream *st = &s->st[i];
    Event e = {0};
    e.other = -1;
    e.bytes = st->fl_bytes;
    e.code = err;
    log_event(s, EV_DONE, i, &e);
    int64_t bytes = st->fl_bytes;
    st->fl_active = false;
    if (err) {
        st->fl_keep = 0;
        st->nflpin = 0;
    }
    st->fl_units = st->fl_bytes = st->fl_done = 0;
    st->fl_chunks = 0;
    if (err) {
        st->fail_code = 0;
    } else {
        st->consumed = sat_add(st->consumed, 1);
        st->bytes_done = sat_add(st->bytes_done, bytes);
        /* the application keeps a slice (pinning the whole chunk) or a copy
         * of the first `keep` bytes when its write completes */
        if (!grow(s, &st->retained, st->fl_keep))
            return;
        for (int32_t k = 0; k < st->nflpin; k++) {
            const PinRange *r = &st->fl_pin[k];
            int64_t fresh = pin_ids(s, CID_SRC(r->cid0), r->cid0, r->cid0 + r->count - 1);
            if (fresh < 0)
                return;
            if (r->bytes > 0 && fresh > MODEL_MAX / r->bytes) {
                sim_fail_limit(s, "retained memory past 2^62");
                return;
            }
            if (!grow(s, &st->retained, fresh * r->bytes))
                return;
        }
        st->nflpin = 0;
    }
    if (st->def->kind == SK_SINK) {
        wr_onwrite(s, i, err);
        return;
    }
    /* transform: cb(null, out) on every batch-th input, cb() otherwise */
    if (err) {
        tf_complete(s, i, err, NULL);
        return;
    }
    const StreamDef *d = st->def;
    st->batch_n++;
    if (!grow(s, &st->batch_bytes, bytes))
        return;
    if (st->batch_n < d->batch) {
        tf_complete(s, i, 0, NULL);
        return;
    }
    Chunk outc;
    if (take_batch_output(s, i, &outc))
        tf_complete(s, i, 0, push_pieces(s, i, &outc) ? NULL : &outc);
}

/* ---- the phases --------------------------------------------------------- */

static void spend_inflight(Sim *s, int i)
{
    for (;;) {
        Stream *st = &s->st[i];
        if (sim_dead(s) || !st->fl_active)
            break;
        if (st->fail_code) {
            complete_inflight(s, i, st->fail_code);
            settle(s);
            continue;
        }
        if (st->budget <= 0)
            break;
        int64_t need = st->fl_units - st->fl_done;
        int64_t take = st->budget < need ? st->budget : need;
        st->fl_done += take;
        st->budget -= take;
        if (st->fl_done < st->fl_units)
            break;
        complete_inflight(s, i, 0);
        settle(s);
    }
    Stream *st = &s->st[i];
    if (!(st->def->kind == SK_SINK && st->def->sync))
        st->budget = 0; /* work of a tick with nothing in flight is lost */
}

static void source_push(Sim *s, int i, int64_t units, bool eof)
{
    Stream *st = &s->st[i];
    const StreamDef *d = st->def;
    st->outstanding = false;
    if (eof) {
        st->eof_pushed = true;
        rd_push(s, i, NULL);
    } else {
        Chunk c = chunk_plain(units, st->robj ? d->object_size : units);
        if (s->has_keep && !st->robj)
            c.cid = CID(i, ++st->next_serial);
        if (d->content) {
            c.coff = st->content_pos;
            c.csrc = (int16_t)i;
            st->content_pos += units;
        }
        if (st->remaining > 0)
            st->remaining -= units;
        rd_push(s, i, &c);
    }
    settle(s);
}

static int64_t next_chunk(const Stream *st)
{
    int64_t c = st->robj ? 1 : st->def->chunk;
    if (st->remaining >= 0 && st->remaining < c)
        c = st->remaining;
    return c;
}

static void spend_source(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->def->ignores_backpressure) {
        /* an ended or destroyed source does no work, so nothing accumulates */
        if (!st->eof_pushed && !st->destroyed)
            st->acc = sat_add(st->acc, st->budget);
        st->budget = 0;
        for (;;) {
            st = &s->st[i];
            if (sim_dead(s) || st->destroyed || st->eof_pushed)
                break;
            if (st->remaining == 0) {
                source_push(s, i, 0, true);
                break;
            }
            int64_t c = next_chunk(st);
            if (st->acc < c)
                break;
            st->acc -= c;
            source_push(s, i, c, false);
        }
        return;
    }
    for (;;) {
        st = &s->st[i];
        if (sim_dead(s) || !st->outstanding || st->destroyed || st->eof_pushed)
            break;
        if (st->remaining == 0) {
            source_push(s, i, 0, true);
            break;
        }
        int64_t c = next_chunk(st);
        int64_t need = c - st->acc;
        if (st->budget < need) {
            st->acc = sat_add(st->acc, st->budget);
            st->budget = 0;
            break;
        }
        st->budget -= need;
        st->acc = 0;
        source_push(s, i, c, false);
    }
    s->st[i].budget = 0;
}

static void run_action(Sim *s, const ActionDef *a)
{
    int i = a->stream;
    if (a->kind == ACT_NOTE) {
        Event e = {0};
        e.other = -1;
        e.text = a->text;
        log_event(s, EV_NOTE, -1, &e);
        return;
    }
    Event e = {0};
    e.act = (int8_t)a->kind;
    e.other = a->target;
    e.bytes = a->value;
    e.code = a->code[0] ? code_intern(s, a->code) : 0;
    log_event(s, EV_ACTION, i, &e);
    Stream *st = &s->st[i];
    switch (a->kind) {
    case ACT_RATE:
        st->rate = a->value;
        st->budget = a->value;
        break;
    case ACT_PAUSE:
        rd_pause(s, i);
        break;
    case ACT_RESUME:
        rd_resume(s, i);
        break;
    case ACT_UNPIPE:
        rd_unpipe(s, i, a->target);
        break;
    case ACT_WRITE:
    {
        Chunk c = chunk_plain(st->wobj ? 1 : a->value, a->value);
        wr_write(s, i, &c);
    }
        break;
    case ACT_END:
        wr_end(s, i);
        break;
    case ACT_CORK:
        wr_cork(s, i);
        break;
    case ACT_UNCORK:
        wr_uncork(s, i);
        break;
    case ACT_DESTROY:
        destroy_stream(s, i, e.code);
        break;
    case ACT_PIPE:
        rd_pipe(s, i, a->target);
        break;
    case ACT_FAIL:
        if (st->def->kind == SK_SOURCE)
            destroy_stream(s, i, e.code);
        else if (st->fl_active)
            complete_inflight(s, i, e.code);
        else
            st->fail_code = e.code;
        break;
    case ACT_NOTE:
    case ACT__COUNT:
        break;
    }
    settle(s);
}

void schedule_tick(Sim *s)
{
    const Scenario *sc = s->sc;
    for (int i = 0; i < s->nstreams; i++)
        s->st[i].budget = s->st[i].rate;
    while (!sim_dead(s) && s->next_action < sc->nactions && sc->actions[s->next_action].at <= s->tick) {
        const ActionDef *a = &sc->actions[s->next_action++];
        if (a->at == s->tick)
            run_action(s, a);
    }
    for (int i = 0; i < s->nstreams && !sim_dead(s); i++)
        if (s->st[i].def->kind == SK_SINK)
            spend_inflight(s, i);
    for (int i = 0; i < s->nstreams && !sim_dead(s); i++)
        if (s->st[i].def->kind == SK_TRANSFORM)
            spend_inflight(s, i);
    for (int i = 0; i < s->nstreams && !sim_dead(s); i++)
        if (s->st[i].def->kind == SK_SOURCE)
            spend_source(s, i);
}
