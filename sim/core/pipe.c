/* pipe.c - Readable.prototype.pipe()/unpipe() (P1-P8) and the application
 * wirings written by hand: naive on('data'), manual pause/resume and the
 * 'readable' + read() loop. Listener registration order follows the Node
 * code exactly, because emit() calls listeners in that order. */
#include "model.h"

static bool adw_truthy(const Stream *st)
{
    return st->r_multi_await_drain ? st->adw_set_exists : st->adw_single >= 0;
}

static bool adw_empty_or_null(const Stream *st)
{
    if (st->r_multi_await_drain)
        return !st->adw_set_exists || st->adw_set == 0;
    return st->adw_single < 0; /* a single writer has no .size: never "empty" */
}

static void pipe_on_drain(Sim *s, int p)
{
    int src = s->pipes[p].src, dest = s->pipes[p].dest;
    Stream *st = &s->st[src];
    if (!st->r_multi_await_drain && st->adw_single == dest)
        st->adw_single = -1;
    else if (st->r_multi_await_drain)
        st->adw_set &= ~(UINT64_C(1) << dest);
    if (adw_empty_or_null(st) && st->r_data_listening)
        rd_resume(s, src);
}

static void pipe_cleanup(Sim *s, int p)
{
    Pipe *pp = &s->pipes[p];
    int src = pp->src, dest = pp->dest;
    off_kind(s, dest, E_CLOSE, L_PIPE_ONCLOSE, p);
    off_kind(s, dest, E_FINISH, L_PIPE_ONFINISH, p);
    if (pp->ondrain)
        off_kind(s, dest, E_DRAIN, L_PIPE_ONDRAIN, p);
    off_kind(s, dest, E_ERROR, L_PIPE_ONERROR, p);
    off_kind(s, dest, E_UNPIPE, L_PIPE_ONUNPIPE, p);
    off_kind(s, src, E_END, L_PIPE_ONEND, p);
    off_kind(s, src, E_END, L_PIPE_UNPIPE, p);
    off_kind(s, src, E_DATA, L_PIPE_ONDATA, p);
    s->pipes[p].cleaned_up = true;
    if (s->pipes[p].ondrain && adw_truthy(&s->st[src]) &&
        (node_unpipe_always_ondrain(s) || s->st[dest].w_need_drain))
        pipe_on_drain(s, p);
}

static void pipe_pause(Sim *s, int p)
{
    Pipe *pp = &s->pipes[p];
    int src = pp->src, dest = pp->dest;
    Stream *st = &s->st[src];
    if (!pp->cleaned_up) {
        bool includes = false;
        for (int k = 0; k < st->npipes; k++)
            if (st->pipes[k] == dest)
                includes = true;
        if (st->npipes == 1 && st->pipes[0] == dest) {
            st->adw_single = (int16_t)dest;
            st->r_multi_await_drain = false;
        } else if (st->npipes > 1 && includes) {
            st->adw_set |= UINT64_C(1) << dest;
        }
        rd_pause(s, src);
    }
    if (!s->pipes[p].ondrain) {
        s->pipes[p].ondrain = true;
        on(s, dest, E_DRAIN, L_PIPE_ONDRAIN, p, false);
    }
}

int pipe_create(Sim *s, int src, int dest, bool end)
{
    if (s->npipes == PIPE_CAP) {
        sim_fail_limit(s, "pipes");
        return -1;
    }
    int p = s->npipes++;
    s->pipes[p] = (Pipe){.src = (int16_t)src, .dest = (int16_t)dest, .end = end};
    Stream *st = &s->st[src];
    if (st->npipes == 1 && !st->r_multi_await_drain) {
        st->r_multi_await_drain = true;
        st->adw_set_exists = true;
        st->adw_set = st->adw_single >= 0 ? UINT64_C(1) << st->adw_single : 0;
        st->adw_single = -1;
    }
    st->pipes[st->npipes++] = (int16_t)dest;
    st->pipe_fast = st->npipes == 1 ? (int16_t)p : -1;
    s->pipes[p].unpipe_on_end = !end;
    if (st->r_end_emitted)
        tq_push(s, T_PIPE_ENDFN, p, 0, 0);
    else
        on(s, src, E_END, end ? L_PIPE_ONEND : L_PIPE_UNPIPE, p, true);
    on(s, dest, E_UNPIPE, L_PIPE_ONUNPIPE, p, false);
    on(s, src, E_DATA, L_PIPE_ONDATA, p, false);
    prepend_on(s, dest, E_ERROR, L_PIPE_ONERROR, p);
    on(s, dest, E_CLOSE, L_PIPE_ONCLOSE, p, true);
    on(s, dest, E_FINISH, L_PIPE_ONFINISH, p, true);
    emit(s, dest, E_PIPE, NULL, src, 0);
    if (wr_need_drain_getter(&s->st[dest]))
        pipe_pause(s, p);
    else if (!s->st[src].r_flowing)
        rd_resume(s, src);
    return p;
}

/* src.pipe(dest) called by the application on a tick: a pipe like the
 * wiring's ({end: true}), after an unpipe() or into a stream something else
 * writes too. Each call is another pipe, as in Node, up to the model's caps. */
void rd_pipe(Sim *s, int src, int dest)
{
    if (s->st[src].npipes == SC_MAX_STREAMS) {
        sim_fail_limit(s, "pipe destinations");
        return;
    }
    pipe_create(s, src, dest, true);
}

/* dest.emit('unpipe', src, { hasUnpiped: false }): one info object per emit. */
static void emit_unpipe(Sim *s, int dest, int src)
{
    bool outer = s->unpipe_handled;
    s->unpipe_handled = false;
    emit(s, dest, E_UNPIPE, NULL, src, 0);
    s->unpipe_handled = outer;
}

void rd_unpipe(Sim *s, int src, int dest)
{
    Stream *st = &s->st[src];
    if (st->npipes == 0)
        return;
    if (dest < 0) {
        int16_t dests[SC_MAX_STREAMS];
        int n = st->npipes;
        for (int k = 0; k < n; k++)
            dests[k] = st->pipes[k];
        st->npipes = 0;
        st->pipe_fast = -1;
        rd_pause(s, src);
        for (int k = 0; k < n && !sim_dead(s); k++)
            emit_unpipe(s, dests[k], src);
        return;
    }
    int idx = -1;
    for (int k = 0; k < st->npipes; k++)
        if (st->pipes[k] == dest) {
            idx = k;
            break;
        }
    if (idx < 0)
        return;
    for (int k = idx; k + 1 < st->npipes; k++)
        st->pipes[k] = st->pipes[k + 1];
    st->npipes--;
    st->pipe_fast = -1;
    if (st->npipes == 0)
        rd_pause(s, src);
    emit_unpipe(s, dest, src);
}

/* Node 26's deliverFlowChunk(): while pipe()'s ondata is the only 'data'
 * listener of a source with one destination, the chunk goes to the
 * destination without an emit and without write(); write()'s false still
 * pauses through pipe()'s pause(). Anything else is a plain 'data'. */
void pipe_deliver_flow_chunk(Sim *s, int src, const Chunk *c)
{
    int p = s->st[src].pipe_fast;
    const Listener *l = sole_listener(s, src, E_DATA);
    if (p >= 0 && l && l->kind == L_PIPE_ONDATA && l->arg == p) {
        int ret = wr_write_known(s, s->pipes[p].dest, c);
        if (ret < 0)
            emit(s, src, E_DATA, c, -1, 0);
        else if (ret == 0 && s->st[src].pipe_fast >= 0)
            pipe_pause(s, p);
        return;
    }
    emit(s, src, E_DATA, c, -1, 0);
}

static void pipe_onerror(Sim *s, int p, int32_t code)
{
    int src = s->pipes[p].src, dest = s->pipes[p].dest;
    rd_unpipe(s, src, dest);
    off_kind(s, dest, E_ERROR, L_PIPE_ONERROR, p);
    if (listener_count(s, dest, E_ERROR) == 0) {
        if (!s->st[dest].error_emitted)
            error_or_destroy(s, dest, code, false);
        else
            emit(s, dest, E_ERROR, NULL, -1, code);
    }
}

void pipe_listener(Sim *s, const Listener *l, const Chunk *chunk, int other, int32_t code)
{
    int p = l->arg;
    Pipe *pp = &s->pipes[p];
    switch ((ListenerKind)l->kind) {
    case L_PIPE_ONDATA:
        if (!wr_write(s, pp->dest, chunk))
            pipe_pause(s, p);
        break;
    case L_PIPE_ONEND:
        wr_end(s, pp->dest);
        break;
    case L_PIPE_UNPIPE:
        rd_unpipe(s, pp->src, pp->dest);
        break;
    case L_PIPE_ONUNPIPE:
        if (other == pp->src && !pp->cleaned_up && !s->unpipe_handled) {
            s->unpipe_handled = true;
            pipe_cleanup(s, p);
        }
        break;
    case L_PIPE_ONERROR:
        pipe_onerror(s, p, code);
        break;
    case L_PIPE_ONCLOSE:
        off_kind(s, pp->dest, E_FINISH, L_PIPE_ONFINISH, p);
        rd_unpipe(s, pp->src, pp->dest);
        break;
    case L_PIPE_ONFINISH:
        off_kind(s, pp->dest, E_CLOSE, L_PIPE_ONCLOSE, p);
        rd_unpipe(s, pp->src, pp->dest);
        break;
    case L_PIPE_ONDRAIN:
        pipe_on_drain(s, p);
        break;
    default:
        break;
    }
}

void pipe_task(Sim *s, const Task *t)
{
    Pipe *pp = &s->pipes[t->a];
    if (pp->unpipe_on_end)
        rd_unpipe(s, pp->src, pp->dest);
    else
        wr_end(s, pp->dest);
}

/* ---- hand-written wirings ---------------------------------------------- */

void wire_apply(Sim *s, int w)
{
    const WireDef *wd = &s->sc->wires[w];
    int a = wd->s[0], b = wd->n > 1 ? wd->s[1] : -1;
    switch (wd->kind) {
    case WIRE_PIPE:
        for (int k = 0; k + 1 < wd->n && !sim_dead(s); k++)
            pipe_create(s, wd->s[k], wd->s[k + 1], wd->end);
        break;
    case WIRE_NAIVE:
        on(s, a, E_DATA, L_NAIVE_DATA, w, false);
        on(s, a, E_END, L_APP_END, w, false);
        break;
    case WIRE_MANUAL:
        on(s, a, E_DATA, L_MANUAL_DATA, w, false);
        on(s, b, E_DRAIN, L_MANUAL_DRAIN, w, false);
        on(s, a, E_END, L_APP_END, w, false);
        break;
    case WIRE_READABLE:
        on(s, a, E_READABLE, L_RLOOP_READABLE, w, false);
        on(s, a, E_END, L_APP_END, w, false);
        break;
    case WIRE_PIPELINE:
    case WIRE_PIPELINE_PROMISE:
        pipeline_create(s, w);
        break;
    case WIRE_FOR_AWAIT:
        iter_create(s, w);
        break;
    case WIRE__COUNT:
        break;
    }
}

void wire_listener(Sim *s, const Listener *l, const Chunk *chunk, int other, int32_t code)
{
    (void)other;
    (void)code;
    const WireDef *wd = &s->sc->wires[l->arg];
    int a = wd->s[0], b = wd->s[1];
    switch ((ListenerKind)l->kind) {
    case L_NAIVE_DATA:
        wr_write(s, b, chunk);
        break;
    case L_MANUAL_DATA:
        if (!wr_write(s, b, chunk))
            rd_pause(s, a);
        break;
    case L_MANUAL_DRAIN:
        rd_resume(s, a);
        break;
    case L_APP_END:
        wr_end(s, b);
        break;
    case L_RLOOP_READABLE:
        for (;;) {
            Chunk got;
            if (sim_dead(s) || !rd_read(s, a, -1, &got))
                break;
            wr_write(s, b, &got);
        }
        break;
    default:
        break;
    }
}
