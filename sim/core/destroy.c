/* destroy.c - destroy(), errorOrDestroy() and the 'error'/'close' emission
 * that follows one tick later (W11, R9). Streams use Node's defaults:
 * autoDestroy and emitClose on, _destroy calls back at once (Readable.from()'s
 * a microtask and a tick later). */
#include "model.h"

static void check_error(Stream *st, int32_t err)
{
    if (!err)
        return;
    if (st->has_w && !st->errored)
        st->errored = err;
    if (st->has_r && !st->r_errored)
        st->r_errored = err;
}

static void on_destroy(Sim *s, int i, int32_t err);

void destroy_stream(Sim *s, int i, int32_t err)
{
    Stream *st = &s->st[i];
    /* Writable.prototype.destroy (also Duplex's): pending write callbacks */
    if (st->has_w && st->w_buffered && !st->destroyed)
        tq_push(s, T_ERROR_BUFFER, i, 0, 0);
    if (st->destroyed)
        return;
    check_error(st, err);
    st->destroyed = true;
    if (st->def->from_array) {
        /* Readable.from()'s _destroy: cb waits for its async close() (an
         * array iterator has no throw() or return(), so close() settles at
         * once) and then for process.nextTick(cb, error) */
        mq_push(s, T_FROM_CLOSED, i, 0, err);
        return;
    }
    /* _destroy(err, cb) calls cb(err) synchronously: onDestroy */
    on_destroy(s, i, err);
}

/* destroy()'s onDestroy: the stream is closed; 'error' and 'close' follow. */
static void on_destroy(Sim *s, int i, int32_t err)
{
    Stream *st = &s->st[i];
    check_error(st, err);
    st->closed = true;
    if (err)
        tq_push(s, T_EMIT_ERROR_CLOSE, i, 0, err);
    else
        tq_push(s, T_EMIT_CLOSE, i, 0, 0);
}

void error_or_destroy(Sim *s, int i, int32_t err, bool sync)
{
    (void)sync; /* only matters without autoDestroy */
    if (s->st[i].destroyed)
        return;
    destroy_stream(s, i, err);
}

static void emit_error_now(Sim *s, int i, int32_t err)
{
    Stream *st = &s->st[i];
    if (st->error_emitted)
        return;
    st->error_emitted = true;
    emit(s, i, E_ERROR, NULL, -1, err);
}

static void emit_close_now(Sim *s, int i)
{
    s->st[i].close_emitted = true;
    emit(s, i, E_CLOSE, NULL, -1, 0);
}

void destroy_task(Sim *s, const Task *t)
{
    switch ((TaskKind)t->kind) {
    case T_EMIT_ERROR_CLOSE:
        emit_error_now(s, t->a, t->code);
        if (!sim_dead(s))
            emit_close_now(s, t->a);
        break;
    case T_EMIT_CLOSE:
        emit_close_now(s, t->a);
        break;
    case T_EMIT_ERROR:
        emit_error_now(s, t->a, t->code);
        break;
    case T_FROM_CLOSED:
        tq_push(s, T_FROM_DESTROY_CB, t->a, 0, t->code);
        break;
    case T_FROM_DESTROY_CB:
        on_destroy(s, t->a, t->code);
        break;
    default:
        break;
    }
}
