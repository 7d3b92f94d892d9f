/* diverge.c - the first tick where two traces differ (see diverge.h). */
#include "view/diverge.h"

typedef struct {
    const Sim *s;
    uint64_t h;
} TraceHash;

static void mix(TraceHash *t, int64_t v)
{
    /* FNV-1a over the value's 8 bytes. */
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++) {
        t->h ^= (u >> (8 * i)) & 0xff;
        t->h *= 1099511628211ULL;
    }
}

static void on_event(void *user, const Event *ev)
{
    TraceHash *t = user;
    if (ev->kind == EV_NOTE) return;
    mix(t, ev->kind);
    mix(t, ev->subject);
    mix(t, ev->other);
    mix(t, ev->ret);
    mix(t, ev->eof);
    mix(t, ev->act);
    mix(t, ev->code);
    mix(t, ev->bytes);
    if (ev->kind == EV_STATE) {
        StreamView v = sim_stream(t->s, ev->subject);
        mix(t, v.rlen);
        mix(t, v.rflow);
        mix(t, v.rended);
        mix(t, v.wlen);
        mix(t, v.needdrain);
        mix(t, v.wended);
        mix(t, v.wfinished);
        mix(t, v.destroyed);
    } else if (ev->kind == EV_MEM) {
        MemView m = sim_memory(t->s);
        mix(t, m.external);
        mix(t, m.heap);
        mix(t, m.total);
    }
}

int64_t diverge_tick(const Scenario *a, const Scenario *b, int64_t max_ticks, StopHook stop)
{
    Sim *sa = sim_create(a), *sb = sim_create(b);
    int64_t at = -1;
    if (!sa || !sb) goto done;
    TraceHash ha = {sa, 0}, hb = {sb, 0};
    sim_set_sink(sa, on_event, &ha);
    sim_set_sink(sb, on_event, &hb);
    sim_set_interrupt(sa, stop.fn, stop.user);
    sim_set_interrupt(sb, stop.fn, stop.user);
    for (int64_t t = 0; t <= max_ticks; t++) {
        /* Asked between ticks too: light ticks never reach the core's check. */
        if (stop.fn && stop.fn(stop.user)) break;
        bool ea = sim_finished(sa), eb = sim_finished(sb);
        if (ea && eb) break;
        if (ea != eb) {
            at = t;
            break;
        }
        ha.h = hb.h = 14695981039346656037ULL;
        sim_step(sa);
        sim_step(sb);
        /* A tick cut short by the hook says nothing about where the runs part. */
        if (sim_status(sa) == SIM_INTERRUPTED || sim_status(sb) == SIM_INTERRUPTED) break;
        if (ha.h != hb.h) {
            at = t;
            break;
        }
    }
done:
    if (sa) sim_destroy(sa);
    if (sb) sim_destroy(sb);
    return at;
}
