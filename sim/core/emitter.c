/* emitter.c - EventEmitter for the model: ordered listeners, once, prepend,
 * and emit() that logs the event (as the exported program's emit wrapper
 * does) before calling the listeners registered at that moment. */
#include <string.h>

#include "model.h"

static const EventKind emit_event_kind[E__COUNT] = {
    [E_DATA] = EV_DATA, [E_END] = EV_END, [E_READABLE] = EV_READABLE,
    [E_DRAIN] = EV_DRAIN, [E_ERROR] = EV_ERROR, [E_CLOSE] = EV_CLOSE,
    [E_FINISH] = EV_FINISH, [E_PREFINISH] = EV_PREFINISH, [E_PIPE] = EV_PIPE,
    [E_UNPIPE] = EV_UNPIPE, [E_PAUSE] = EV_PAUSE, [E_RESUME] = EV_RESUME,
};

void log_event(Sim *s, EventKind kind, int subject, const Event *extra)
{
    /* counted while the run lives; a run ended by an error still logs what
     * its tick finishes, one stopped mid-tick logs nothing more */
    if (s->work_stopped || (!sim_dead(s) && !tick_work(s)))
        return;
    if (!s->sink) {
        SIM_TESTING_CHECK(s, false);
        return;
    }
    Event ev;
    if (extra)
        ev = *extra;
    else {
        memset(&ev, 0, sizeof ev);
        ev.other = -1;
    }
    ev.tick = s->tick;
    ev.kind = kind;
    ev.subject = (int16_t)subject;
    s->sink(s->sink_user, &ev);
    SIM_TESTING_CHECK(s, false);
}

void log_simple(Sim *s, EventKind kind, int subject, int64_t bytes, int ret)
{
    if (!s->sink)
        return;
    Event ev = {0};
    ev.other = -1;
    ev.bytes = bytes;
    ev.ret = (int8_t)ret;
    log_event(s, kind, subject, &ev);
}

/* A line about a chunk: its size and, in content scenarios, which bytes. */
void log_chunk(Sim *s, EventKind kind, int subject, const Chunk *c)
{
    if (!s->sink)
        return;
    Event ev = {0};
    ev.other = -1;
    ev.bytes = c->bytes;
    ev.units = c->units;
    ev.coff = c->coff;
    ev.csrc = c->csrc;
    ev.has_content = c->coff >= 0 && c->csrc >= 0;
    ev.str = c->str;
    log_event(s, kind, subject, &ev);
}

static int group_start(const Sim *s, int stream)
{
    return stream > 0 ? s->lend[stream - 1] : 0;
}

Listener *last_listener(Sim *s, int stream)
{
    return &s->ls[s->lend[stream] - 1];
}

static int32_t add(Sim *s, int stream, EmitName ev, ListenerKind kind, int arg, bool once, bool front)
{
    if (s->nlisteners == LS_CAP) {
        sim_fail_limit(s, "listeners");
        return -1;
    }
    Listener l = {
        .id = s->next_listener_id++, .stream = (int16_t)stream, .ev = (uint8_t)ev,
        .kind = (uint8_t)kind, .once = once, .arg = (int16_t)arg,
    };
    /* front: prependListener, first of the stream's group; else its last. */
    int at = front ? group_start(s, stream) : s->lend[stream];
    memmove(&s->ls[at + 1], &s->ls[at], sizeof(Listener) * (size_t)(s->nlisteners - at));
    s->ls[at] = l;
    s->nlisteners++;
    for (int j = stream; j < s->nstreams; j++)
        s->lend[j]++;
    return l.id;
}

int32_t on(Sim *s, int stream, EmitName ev, ListenerKind kind, int arg, bool once)
{
    int32_t id = add(s, stream, ev, kind, arg, once, false);
    /* Readable.prototype.on's side effects */
    if (s->st[stream].has_r) {
        if (ev == E_DATA)
            rd_on_data_added(s, stream);
        else if (ev == E_READABLE)
            rd_on_readable_added(s, stream);
    }
    return id;
}

int32_t prepend_on(Sim *s, int stream, EmitName ev, ListenerKind kind, int arg)
{
    return add(s, stream, ev, kind, arg, false, true);
}

static void remove_at(Sim *s, int k)
{
    Listener l = s->ls[k];
    memmove(&s->ls[k], &s->ls[k + 1], sizeof(Listener) * (size_t)(s->nlisteners - k - 1));
    s->nlisteners--;
    for (int j = l.stream; j < s->nstreams; j++)
        s->lend[j]--;
    if (s->st[l.stream].has_r) {
        if (l.ev == E_DATA)
            rd_on_data_removed(s, l.stream);
        else if (l.ev == E_READABLE)
            rd_on_readable_removed(s, l.stream);
    }
}

void off_id(Sim *s, int32_t id)
{
    for (int k = 0; k < s->nlisteners; k++)
        if (s->ls[k].id == id) {
            remove_at(s, k);
            return;
        }
}

static void off_id_in(Sim *s, int stream, int32_t id)
{
    for (int k = group_start(s, stream); k < s->lend[stream]; k++)
        if (s->ls[k].id == id) {
            remove_at(s, k);
            return;
        }
}

/* removeListener(ev, fn): the last registration of that function goes first,
 * as EventEmitter does; our functions are (kind, arg) pairs. */
void off_kind(Sim *s, int stream, EmitName ev, ListenerKind kind, int arg)
{
    for (int k = s->lend[stream] - 1; k >= group_start(s, stream); k--) {
        const Listener *l = &s->ls[k];
        if (l->ev == ev && l->kind == kind && l->arg == arg) {
            remove_at(s, k);
            return;
        }
    }
}

int listener_count(const Sim *s, int stream, EmitName ev)
{
    int n = 0;
    for (int k = group_start(s, stream); k < s->lend[stream]; k++)
        if (s->ls[k].ev == ev)
            n++;
    return n;
}

const Listener *sole_listener(const Sim *s, int stream, EmitName ev)
{
    const Listener *found = NULL;
    for (int k = group_start(s, stream); k < s->lend[stream]; k++)
        if (s->ls[k].ev == ev) {
            if (found)
                return NULL;
            found = &s->ls[k];
        }
    return found;
}

/* A once listener is looked up again before it runs: an earlier listener of
 * the same emit may have removed it. Only its own stream's group can hold it. */
static bool listener_present(const Sim *s, int stream, int32_t id)
{
    for (int k = group_start(s, stream); k < s->lend[stream]; k++)
        if (s->ls[k].id == id)
            return true;
    return false;
}

void emit(Sim *s, int stream, EmitName ev, const Chunk *c, int other, int32_t code)
{
    if (sim_dead(s))
        return;
    if (c) {
        log_chunk(s, emit_event_kind[ev], stream, c);
    } else {
        Event e = {0};
        e.other = (int16_t)other;
        e.csrc = -1;
        e.code = code;
        log_event(s, emit_event_kind[ev], stream, &e);
    }

    Listener snap[64];
    int n = 0;
    for (int k = group_start(s, stream); k < s->lend[stream]; k++)
        if (s->ls[k].ev == ev) {
            if (n == 64) {
                sim_fail_limit(s, "listeners of one event");
                return;
            }
            snap[n++] = s->ls[k];
        }
    if (ev == E_ERROR && n == 0) {
        /* EventEmitter throws an unhandled 'error': the process dies. */
        Event u = {0};
        u.other = -1;
        u.csrc = -1;
        u.code = code;
        log_event(s, EV_UNCAUGHT, -1, &u);
        s->status = SIM_UNCAUGHT;
        return;
    }
    for (int k = 0; k < n && !sim_dead(s); k++) {
        if (snap[k].once) {
            /* the once wrapper removes itself before calling, and only fires once */
            if (!listener_present(s, stream, snap[k].id))
                continue;
            off_id_in(s, stream, snap[k].id);
        }
        run_listener(s, &snap[k], c, other, code);
    }
}

void run_listener(Sim *s, const Listener *l, const Chunk *c, int other, int32_t code)
{
    switch ((ListenerKind)l->kind) {
    case L_NOOP:
    case L__COUNT:
        break;
    case L_PIPE_ONDATA:
    case L_PIPE_ONEND:
    case L_PIPE_UNPIPE:
    case L_PIPE_ONUNPIPE:
    case L_PIPE_ONERROR:
    case L_PIPE_ONCLOSE:
    case L_PIPE_ONFINISH:
    case L_PIPE_ONDRAIN:
        pipe_listener(s, l, c, other, code);
        break;
    case L_NAIVE_DATA:
    case L_MANUAL_DATA:
    case L_MANUAL_DRAIN:
    case L_APP_END:
    case L_RLOOP_READABLE:
        wire_listener(s, l, c, other, code);
        break;
    case L_EOS:
    case L_PL_CLOSE:
    case L_PL_ONERROR:
    case L_PL_DST_CLOSE:
    case L_PL_ENDFN:
    case L_PL_FINISH:
        pipeline_listener(s, l, c, other, code);
        break;
    case L_ITER_READABLE:
    case L_ONCE_DRAIN:
    case L_ONCE_ERROR:
    case L_PUMP_DRAIN:
        iter_listener(s, l, c, other, code);
        break;
    }
}
