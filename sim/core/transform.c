/* transform.c - what Transform adds to a Duplex: the transform callback that
 * pushes the output and is held back while the readable side is full (X2,
 * X3), its _read that releases it, and final/flush (X5). */
#include "model.h"

/* The callback our _transform calls: cb(err) or cb(null, out). */
void tf_complete(Sim *s, int i, int32_t err, const Chunk *out)
{
    if (err) {
        wr_onwrite(s, i, err);
        return;
    }
    if (out)
        rd_push(s, i, out);
    Stream *st = &s->st[i];
    if (st->r_ended)
        tq_push(s, T_TRANSFORM_CB, i, 0, 0);
    else if (st->w_ended || st->fl_in_rlen == st->rlen || st->rlen < st->rhwm)
        wr_onwrite(s, i, 0);
    else
        st->held = true;
}

void tf_read(Sim *s, int i)
{
    Stream *st = &s->st[i];
    if (st->held) {
        st->held = false;
        wr_onwrite(s, i, 0);
    }
}

/* Transform.prototype._final: flush, then push(null). The caller calls back. */
void tf_final(Sim *s, int i)
{
    if (!s->st[i].destroyed)
        hook_flush(s, i);
    if (!sim_dead(s))
        rd_push(s, i, NULL);
}

void tf_task(Sim *s, const Task *t)
{
    if (t->kind == T_TRANSFORM_CB)
        wr_onwrite(s, t->a, 0);
}
