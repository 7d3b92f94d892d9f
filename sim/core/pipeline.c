/* pipeline.c - end-of-stream (eos), stream.pipeline, promises.pipeline and
 * the `for await` wiring (L1-L5).
 *
 * eos watches a stream for its end and reports once: it listens to 'end',
 * 'finish', 'error' and 'close' and, for streams that will emit 'close',
 * waits for it. pipeline builds one eos-based destroyer per stream plus, per
 * connection, src.pipe(dst, {end: false}), an 'end' -> dst.end() listener and
 * two eos watchers; the first error destroys every stream and the callback
 * runs on a later tick. The for-await loop is a coroutine whose steps run as
 * promise reactions (the microtask queue of ticks.c).
 */
#include "model.h"

enum { EOS_END, EOS_FINISH, EOS_ERROR, EOS_CLOSE };
enum { IT_IDLE, IT_WAIT_READABLE, IT_WAIT_DRAIN, IT_DONE, IT_WAIT_FINISH };

/* ---- stream predicates of internal/streams/utils --------------------------- */

static bool readable_getter(const Stream *st)
{
    return st->has_r && !st->destroyed && !st->error_emitted && !st->r_end_emitted;
}

static bool writable_getter(const Stream *st)
{
    return st->has_w && !st->w_ending && !st->w_ended && !st->destroyed && !st->errored;
}

static bool readable_finished(const Stream *st, bool strict)
{
    if (st->r_errored)
        return false;
    return st->r_end_emitted || (!strict && st->r_ended && st->rlen == 0);
}

static bool writable_finished(const Stream *st, bool strict)
{
    if (st->w_finished)
        return true;
    if (st->errored)
        return false;
    return !strict && st->w_ended && st->wlen == 0;
}

static int32_t stream_errored(const Stream *st)
{
    if (st->has_w && st->errored)
        return st->errored;
    if (st->has_r && st->r_errored)
        return st->r_errored;
    return 0;
}

/* isFinished(stream) with no options */
static bool is_finished(const Stream *st)
{
    if (st->destroyed)
        return true;
    if (st->has_r && readable_getter(st) && !readable_finished(st, true))
        return false;
    if (st->has_w && writable_getter(st) && !(st->w_ending || st->w_ended))
        return false;
    return true;
}

/* destroyImpl.destroyer(stream, err) */
static void destroyer(Sim *s, int i, int32_t err)
{
    if (s->st[i].destroyed)
        return;
    if (!err && !is_finished(&s->st[i]))
        err = CODE_ABORT;
    destroy_stream(s, i, err);
}

/* ---- eos ------------------------------------------------------------------ */

static void eos_callback(Sim *s, int e, int32_t err);
static void iter_wake(Sim *s, int w);
static void pump_resume(Sim *s, int w, int32_t err);

static int eos_create(Sim *s, int i, bool readable, bool writable, EosOwner owner, int arg)
{
    if (s->neos == EOS_CAP) {
        sim_fail_limit(s, "eos");
        return -1;
    }
    int e = s->neos++;
    Eos *eo = &s->eos[e];
    const Stream *st = &s->st[i];
    *eo = (Eos){.stream = (int16_t)i, .readable = readable, .writable = writable,
                .owner = (uint8_t)owner, .owner_arg = (int16_t)arg};
    /* willEmitClose also needs the stream's sides to be exactly the ones watched */
    eo->will_emit_close = !st->closed && st->has_r == readable && st->has_w == writable;
    eo->wfinished = writable_finished(st, false);
    eo->rfinished = readable_finished(st, false);
    on(s, i, E_END, L_EOS, e, false);
    on(s, i, E_FINISH, L_EOS, e, false);
    if (!sim_dead(s))
        last_listener(s, i)->sub = EOS_FINISH;
    on(s, i, E_ERROR, L_EOS, e, false);
    if (!sim_dead(s))
        last_listener(s, i)->sub = EOS_ERROR;
    on(s, i, E_CLOSE, L_EOS, e, false);
    if (!sim_dead(s))
        last_listener(s, i)->sub = EOS_CLOSE;
    st = &s->st[i];
    if (st->closed) {
        tq_push(s, T_EOS_CALLBACK, e, EOS_CLOSE, 0);
    } else if (st->error_emitted) {
        if (!eo->will_emit_close)
            tq_push(s, T_EOS_CALLBACK, e, 1 + EOS_CLOSE, 0); /* onclosed */
    } else if (!readable && (!eo->will_emit_close || readable_getter(st)) &&
               (eo->wfinished || (st->has_w && !writable_getter(st))) && st->pendingcb == 0) {
        tq_push(s, T_EOS_CALLBACK, e, 1 + EOS_CLOSE, 0);
    } else if (!writable && (!eo->will_emit_close || (st->has_w && writable_getter(st))) &&
               (eo->rfinished || (st->has_r && !readable_getter(st)))) {
        tq_push(s, T_EOS_CALLBACK, e, 1 + EOS_CLOSE, 0);
    }
    return e;
}

static void eos_call(Sim *s, int e, int32_t err)
{
    /* cleanup() also sets the callback to nop */
    if (s->eos[e].done || s->eos[e].cleaned)
        return;
    s->eos[e].done = true;
    eos_callback(s, e, err);
}

static void eos_event(Sim *s, int e, int which, int32_t code)
{
    Eos *eo = &s->eos[e];
    const Stream *st = &s->st[eo->stream];
    switch (which) {
    case EOS_FINISH:
        eo->wfinished = true;
        if (st->destroyed)
            eo->will_emit_close = false;
        if (eo->will_emit_close && (!readable_getter(st) || eo->readable))
            return;
        if (!eo->readable || eo->rfinished)
            eos_call(s, e, 0);
        break;
    case EOS_END:
        eo->rfinished = true;
        if (st->destroyed)
            eo->will_emit_close = false;
        if (eo->will_emit_close && (!writable_getter(st) || eo->writable))
            return;
        if (!eo->writable || eo->wfinished)
            eos_call(s, e, 0);
        break;
    case EOS_ERROR:
        eos_call(s, e, code);
        break;
    case EOS_CLOSE: {
        int32_t err = stream_errored(st);
        if (err) {
            eos_call(s, e, err);
            return;
        }
        if (eo->readable && !eo->rfinished && st->has_r && !readable_finished(st, false)) {
            eos_call(s, e, CODE_PREMATURE_CLOSE);
            return;
        }
        if (eo->writable && !eo->wfinished && !writable_finished(st, false)) {
            eos_call(s, e, CODE_PREMATURE_CLOSE);
            return;
        }
        eos_call(s, e, 0);
        break;
    }
    case 1 + EOS_CLOSE: /* onclosed */
        eos_call(s, e, stream_errored(st));
        break;
    default:
        break;
    }
}

/* ---- pipeline ---------------------------------------------------------------- */

/* eos's cleanup(): its listeners go; a callback still due does nothing. */
static void eos_cleanup(Sim *s, int e)
{
    if (e < 0 || s->eos[e].cleaned)
        return;
    int i = s->eos[e].stream;
    s->eos[e].cleaned = true;
    off_kind(s, i, E_END, L_EOS, e);
    off_kind(s, i, E_FINISH, L_EOS, e);
    off_kind(s, i, E_ERROR, L_EOS, e);
    off_kind(s, i, E_CLOSE, L_EOS, e);
}

/* lastStreamCleanup, run when the pipeline finishes without an error. */
static void last_stream_cleanup(Sim *s, int p)
{
    Pipeline *pl = &s->pl[p];
    int last = s->sc->wires[pl->wire].s[pl->nstreams - 1];
    off_kind(s, last, E_ERROR, L_PL_ONERROR, p);
    eos_cleanup(s, pl->last_eos[0]);
    eos_cleanup(s, s->pl[p].last_eos[1]);
}

static void pl_finish_impl(Sim *s, int p, int32_t err, bool final)
{
    Pipeline *pl = &s->pl[p];
    if (err && (!pl->error || pl->error == CODE_PREMATURE_CLOSE ||
                (pl->error == CODE_ABORT && node_pipeline_abort_replaced(s))))
        pl->error = err;
    if (!pl->error && !final)
        return;
    /* every destroyer runs once, with the first error */
    for (int k = 0; k < pl->nstreams && !sim_dead(s); k++) {
        int e = s->pl[p].destroyer[k];
        if (e < 0)
            continue;
        s->pl[p].destroyer[k] = -1;
        if (s->eos[e].finished_mark)
            continue;
        s->eos[e].finished_mark = true;
        destroyer(s, s->eos[e].stream, s->pl[p].error ? s->pl[p].error : CODE_DESTROYED);
    }
    if (final) {
        if (!s->pl[p].error && s->pl[p].last_readable)
            last_stream_cleanup(s, p);
        tq_push(s, T_PIPELINE_CALLBACK, p, 0, s->pl[p].error);
    }
}

static void pl_finish(Sim *s, int p, int32_t err)
{
    s->pl[p].finish_count--;
    pl_finish_impl(s, p, err, s->pl[p].finish_count == 0);
}

/* An error that only stops the pipeline: Node 20 counts it as a finished
 * stream, Node 22 on does not (finishOnlyHandleError). */
static void pl_finish_error(Sim *s, int p, int32_t err)
{
    if (node_pipeline_errors_uncounted(s))
        pl_finish_impl(s, p, err, false);
    else
        pl_finish(s, p, err);
}

static void eos_callback(Sim *s, int e, int32_t err)
{
    Eos *eo = &s->eos[e];
    switch ((EosOwner)eo->owner) {
    case EOS_PL_DESTROYER:
        eo->finished_mark = !err;
        break;
    case EOS_PL_SRC: {
        PlPipe *pp = &s->plp[eo->owner_arg];
        const Stream *src = &s->st[pp->src];
        if (err == CODE_PREMATURE_CLOSE && src->r_ended && !src->r_errored && !src->error_emitted) {
            on(s, pp->src, E_END, L_PL_FINISH, eo->owner_arg, true);
            on(s, pp->src, E_ERROR, L_PL_FINISH, eo->owner_arg, true);
        } else {
            pl_finish(s, pp->pl, err);
        }
        break;
    }
    case EOS_PL_DST:
        pl_finish(s, eo->owner_arg, err);
        break;
    case EOS_ITER: {
        int w = eo->owner_arg;
        s->iters[w].error = err ? err : 0;
        iter_wake(s, w);
        break;
    }
    case EOS_PUMP:
        pump_resume(s, eo->owner_arg, err);
        break;
    }
}

void pipeline_create(Sim *s, int w)
{
    const WireDef *wd = &s->sc->wires[w];
    if (s->npl == PL_CAP) {
        sim_fail_limit(s, "pipelines");
        return;
    }
    int p = s->npl++;
    Pipeline *pl = &s->pl[p];
    *pl = (Pipeline){.nstreams = (int16_t)wd->n, .wire = (int16_t)w,
                     .promise = wd->kind == WIRE_PIPELINE_PROMISE};
    for (int k = 0; k < SC_MAX_CHAIN; k++)
        pl->destroyer[k] = -1;
    pl->last_eos[0] = pl->last_eos[1] = -1;
    /* isReadable(stream) && isLastStream, at the time of the call */
    pl->last_readable = s->st[wd->s[wd->n - 1]].has_r && !s->st[wd->s[wd->n - 1]].destroyed &&
                        !s->st[wd->s[wd->n - 1]].r_end_emitted;
    for (int k = 0; k < wd->n && !sim_dead(s); k++) {
        int i = wd->s[k];
        bool reading = k < wd->n - 1, writing = k > 0;
        /* the destroyer's 'close' mark refers to the eos created right after it */
        on(s, i, E_CLOSE, L_PL_CLOSE, s->neos, false);
        int e = eos_create(s, i, reading, writing, EOS_PL_DESTROYER, p);
        if (e < 0)
            return;
        s->pl[p].destroyer[k] = (int16_t)e;
        if (k == wd->n - 1)
            s->pl[p].last_eos[0] = (int16_t)e;
        on(s, i, E_ERROR, L_PL_ONERROR, p, false);
        if (k == 0)
            continue;
        if (k == wd->gen_at) {
            /* pumpToNode(generator, stream, finish, {end: true}): one finish */
            s->pl[p].finish_count += 1;
            pump_create(s, w, p, wd->s[k - 1], i);
            continue;
        }
        /* pipe(ret, stream, finish, {end: true}) */
        if (s->nplp == PLP_CAP) {
            sim_fail_limit(s, "pipeline pipes");
            return;
        }
        int q = s->nplp++;
        s->plp[q] = (PlPipe){.pl = (int16_t)p, .src = wd->s[k - 1], .dst = (int16_t)i};
        s->pl[p].finish_count += 2;
        on(s, i, E_CLOSE, L_PL_DST_CLOSE, q, false);
        pipe_create(s, wd->s[k - 1], i, false);
        if (readable_finished(&s->st[wd->s[k - 1]], true))
            tq_push(s, T_PL_ENDFN, q, 0, 0);
        else
            on(s, wd->s[k - 1], E_END, L_PL_ENDFN, q, true);
        eos_create(s, wd->s[k - 1], true, false, EOS_PL_SRC, q);
        int de = eos_create(s, i, false, true, EOS_PL_DST, p);
        if (k == wd->n - 1)
            s->pl[p].last_eos[1] = (int16_t)de;
    }
}

void pipeline_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code)
{
    (void)c;
    (void)other;
    switch ((ListenerKind)l->kind) {
    case L_EOS:
        eos_event(s, l->arg, l->sub, code);
        break;
    case L_PL_CLOSE:
        if (l->arg >= 0 && l->arg < s->neos)
            s->eos[l->arg].finished_mark = true;
        break;
    case L_PL_ONERROR:
        if (code && code != CODE_ABORT && code != CODE_PREMATURE_CLOSE)
            pl_finish_error(s, l->arg, code);
        break;
    case L_PL_DST_CLOSE:
        if (!s->plp[l->arg].ended)
            pl_finish_error(s, s->plp[l->arg].pl, CODE_PREMATURE_CLOSE);
        break;
    case L_PL_ENDFN:
        s->plp[l->arg].ended = true;
        wr_end(s, s->plp[l->arg].dst);
        break;
    case L_PL_FINISH:
        /* src.once('end', finish).once('error', finish): both stay registered, as in Node */
        pl_finish(s, s->plp[l->arg].pl, l->ev == E_ERROR ? code : 0);
        break;
    default:
        break;
    }
}

void pipeline_task(Sim *s, const Task *t)
{
    switch ((TaskKind)t->kind) {
    case T_EOS_CALLBACK:
        eos_event(s, t->a, t->n, t->code);
        break;
    case T_PL_ENDFN:
        s->plp[t->a].ended = true;
        wr_end(s, s->plp[t->a].dst);
        break;
    case T_PIPELINE_CALLBACK: {
        Pipeline *pl = &s->pl[t->a];
        if (pl->promise) {
            mq_push(s, T_PROMISE_SETTLE, t->a, 0, t->code);
            break;
        }
        Event e = {0};
        e.other = -1;
        e.code = t->code;
        log_event(s, EV_PIPELINE, s->sc->wires[pl->wire].s[pl->nstreams - 1], &e);
        break;
    }
    case T_PROMISE_SETTLE: {
        Pipeline *pl = &s->pl[t->a];
        Event e = {0};
        e.other = -1;
        e.code = t->code;
        log_event(s, EV_PIPELINE, s->sc->wires[pl->wire].s[pl->nstreams - 1], &e);
        break;
    }
    default:
        break;
    }
}

/* ---- for await (const c of a) { if (!b.write(c)) await once(b, 'drain') } b.end()
 *
 * The coroutine is the loop plus the stream's async iterator. Its steps are
 * promise reactions (T_ITER, n = ITS_* | hops << 8: the step runs after
 * `hops` more microtask hops), so that two promise-driven consumers of one
 * tick interleave as in Node:
 *   - read(): next() reads synchronously (the generator resumes at once, or
 *     Node 26's next() reads itself); a chunk reaches the body 2 hops later
 *     (yield awaits it, then next()'s promise resolves), 1 on Node 26;
 *   - nothing buffered: wait for 'readable' or end-of-stream, then 1 hop to
 *     the next read();
 *   - end-of-stream seen by read(): the finally (destroyer) runs at once and
 *     the loop's b.end() or catch one hop later;
 *   - write() false: once(b, 'drain') is an async function, so the loop goes
 *     on 2 hops after 'drain'; after its 'error' the loop throws 2 hops later,
 *     return() (async generator: one more hop) runs the finally, and the
 *     catch destroys b one hop after that. */
enum { ITS_READ, ITS_BODY, ITS_END, ITS_CATCH, ITS_RETURN, ITS_FINALLY, ITS_PUMP_FINISH };

static void iter_step_later(Sim *s, int w, int step, int hops, int32_t code)
{
    mq_push(s, T_ITER, w, step | hops << 8, code);
}

/* The generator stage adds its own hops (pipeline(src, async function*,
 * dst), measured on every major's binary with a counting promise chain):
 * its `yield` awaits the chunk and pumpToNode's for await resumes, so a
 * chunk reaches dst.write() 2 hops after the generator's body got it; the
 * end of its loop and the generator's return take 1 hop more before
 * dst.end(); an error thrown out of it reaches the pump's catch 1 hop
 * later. */
static int gen_hops(const Sim *s, int w)
{
    return s->iters[w].gen ? 1 : 0;
}

/* next(): read() and decide what the loop sees. */
static void iter_read(Sim *s, int w)
{
    int a = s->iters[w].src;
    Chunk got;
    bool have = !s->st[a].destroyed && rd_read(s, a, -1, &got);
    if (sim_dead(s))
        return;
    if (have) {
        s->iters[w].has_held = true;
        s->iters[w].held = got;
        s->iters[w].state = IT_IDLE;
        iter_step_later(s, w, ITS_BODY, (node_iter_async_generator(s) ? 1 : 0) + 2 * gen_hops(s, w), 0);
        return;
    }
    int32_t err = s->iters[w].error;
    if (err >= 0) {
        /* the generator's finally: destroyOnReturn and autoDestroy are on */
        s->iters[w].state = IT_DONE;
        destroyer(s, a, 0);
        if (!sim_dead(s))
            iter_step_later(s, w, err ? ITS_CATCH : ITS_END, gen_hops(s, w), err);
        return;
    }
    s->iters[w].state = IT_WAIT_READABLE;
}

/* pumpToNode's `await wait()`: a promise that rejects at once when
 * resume(err) has already recorded an error, else waits for resume():
 * after a false write() (state IT_WAIT_DRAIN) or after end() (IT_WAIT_FINISH). */
static void pump_wait(Sim *s, int w, uint8_t state)
{
    int32_t err = s->iters[w].pump_error;
    s->iters[w].state = state;
    if (err)
        pump_resume(s, w, 0);
}

/* resume(err): 'drain' on the destination, or its end-of-stream (err on an
 * error or a premature close). It settles the pending wait(), if any: the
 * loop goes on 1 hop later (the generator resumes and reads at once); a
 * rejection throws in the loop body, so for await calls the generator's
 * return(), which (its yield awaiting once more) returns from its own for
 * await 2 hops after the rejection; after end() the pump's finish() (or
 * catch) runs 1 hop later. */
static void pump_resume(Sim *s, int w, int32_t err)
{
    if (err)
        s->iters[w].pump_error = err;
    err = s->iters[w].pump_error;
    if (s->iters[w].state == IT_WAIT_DRAIN) {
        s->iters[w].state = IT_IDLE;
        if (err)
            iter_step_later(s, w, ITS_RETURN, 1, err);
        else
            iter_step_later(s, w, ITS_READ, 0, 0);
    } else if (s->iters[w].state == IT_WAIT_FINISH) {
        s->iters[w].state = IT_DONE;
        iter_step_later(s, w, ITS_PUMP_FINISH, 0, err);
    }
}

/* The loop body: write the chunk; wait for 'drain' when write() says so. */
static void iter_body(Sim *s, int w)
{
    int b = s->iters[w].dst;
    Chunk c = s->iters[w].held;
    s->iters[w].has_held = false;
    if (wr_write(s, b, &c)) {
        iter_read(s, w);
        return;
    }
    if (sim_dead(s))
        return;
    if (s->iters[w].gen) {
        pump_wait(s, w, IT_WAIT_DRAIN);
        return;
    }
    s->iters[w].state = IT_WAIT_DRAIN;
    on(s, b, E_DRAIN, L_ONCE_DRAIN, w, true);
    on(s, b, E_ERROR, L_ONCE_ERROR, w, true);
}

/* end-of-stream or 'readable' while the iterator waits: read again a hop later */
static void iter_wake(Sim *s, int w)
{
    if (s->iters[w].state != IT_WAIT_READABLE)
        return;
    s->iters[w].state = IT_IDLE;
    iter_step_later(s, w, ITS_READ, 0, 0);
}

/* The stream's async iterator starts: next() listens and reads at once. */
static void iter_start(Sim *s, int w)
{
    int a = s->iters[w].src;
    on(s, a, E_READABLE, L_ITER_READABLE, w, false);
    s->iters[w].eos = (int16_t)eos_create(s, a, s->st[a].has_r, false, EOS_ITER, w);
    if (!sim_dead(s))
        iter_read(s, w);
}

void iter_create(Sim *s, int w)
{
    s->iters[w].src = s->sc->wires[w].s[0];
    s->iters[w].dst = s->sc->wires[w].s[1];
    s->iters[w].state = IT_IDLE;
    s->iters[w].error = -1; /* undefined */
    s->iters[w].has_held = false;
    s->iters[w].gen = false;
    iter_start(s, w);
}

/* pumpToNode(generator, dst): it listens to dst ('drain' and end-of-stream,
 * both resume()), and its for await calls the generator's next(), which
 * runs the generator's body up to its own for await over src: src's
 * iterator starts, all synchronously inside pipeline(). (dst needs no
 * drain yet: no wire has written to it.) */
void pump_create(Sim *s, int w, int p, int src, int dst)
{
    s->iters[w].src = (int16_t)src;
    s->iters[w].dst = (int16_t)dst;
    s->iters[w].state = IT_IDLE;
    s->iters[w].error = -1;
    s->iters[w].has_held = false;
    s->iters[w].gen = true;
    s->iters[w].pl = (int16_t)p;
    s->iters[w].pump_error = 0;
    on(s, dst, E_DRAIN, L_PUMP_DRAIN, w, false);
    s->iters[w].pump_eos = (int16_t)eos_create(s, dst, false, true, EOS_PUMP, w);
    if (!sim_dead(s))
        iter_start(s, w);
}

/* pumpToNode's finally: cleanup() of its eos on dst, writable.off('drain', resume). */
static void pump_finally(Sim *s, int w)
{
    if (sim_dead(s))
        return;
    eos_cleanup(s, s->iters[w].pump_eos);
    off_kind(s, s->iters[w].dst, E_DRAIN, L_PUMP_DRAIN, w);
}

void iter_task(Sim *s, const Task *t)
{
    int w = t->a;
    int step = t->n & 0xff, hops = t->n >> 8;
    if (hops > 0) {
        iter_step_later(s, w, step, hops - 1, t->code);
        return;
    }
    int a = s->iters[w].src, b = s->iters[w].dst;
    switch (step) {
    case ITS_READ:
        if (s->iters[w].state != IT_DONE)
            iter_read(s, w);
        break;
    case ITS_BODY:
        iter_body(s, w);
        break;
    case ITS_END:
        wr_end(s, b);
        if (s->iters[w].gen && !sim_dead(s))
            pump_wait(s, w, IT_WAIT_FINISH);
        break;
    case ITS_CATCH:
        if (s->iters[w].gen) {
            pl_finish(s, s->iters[w].pl, t->code); /* the pump's catch: finish(err) */
            pump_finally(s, w);
        } else {
            destroy_stream(s, b, t->code); /* the application's catch */
        }
        break;
    case ITS_PUMP_FINISH:
        pl_finish(s, s->iters[w].pl, t->code);
        pump_finally(s, w);
        break;
    case ITS_RETURN:
        /* the body threw: for await calls return(); the async generator
         * resumes at its yield with an await before its finally */
        s->iters[w].state = IT_DONE;
        if (node_iter_async_generator(s)) {
            iter_step_later(s, w, ITS_FINALLY, 0, t->code);
            break;
        }
        destroyer(s, a, 0); /* Node 26's return() finalizes at once */
        if (!sim_dead(s))
            iter_step_later(s, w, ITS_CATCH, gen_hops(s, w), t->code);
        break;
    case ITS_FINALLY:
        destroyer(s, a, 0);
        if (!sim_dead(s))
            iter_step_later(s, w, ITS_CATCH, gen_hops(s, w), t->code);
        break;
    default:
        break;
    }
}

void iter_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code)
{
    (void)c;
    (void)other;
    int w = l->arg;
    int b = s->iters[w].dst;
    switch ((ListenerKind)l->kind) {
    case L_ITER_READABLE:
        iter_wake(s, w);
        break;
    case L_PUMP_DRAIN:
        pump_resume(s, w, 0);
        break;
    case L_ONCE_DRAIN:
        off_kind(s, b, E_ERROR, L_ONCE_ERROR, w);
        s->iters[w].state = IT_IDLE;
        iter_step_later(s, w, ITS_READ, 1, 0);
        break;
    case L_ONCE_ERROR:
        off_kind(s, b, E_DRAIN, L_ONCE_DRAIN, w);
        s->iters[w].state = IT_IDLE;
        iter_step_later(s, w, ITS_RETURN, 1, code);
        break;
    default:
        break;
    }
}
