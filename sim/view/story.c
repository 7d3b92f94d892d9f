/* story.c - a tick told step by step (see story.h). */
#include <stdio.h>
#include <string.h>

#include "view/story.h"

static bool is_step_event(const LoggedEvent *e)
{
    return e->ev.kind != EV_STATE && e->ev.kind != EV_MEM && e->ev.kind != EV_NOTE;
}

/* Events of the displayed tick as Micro will record them. */
static int tick_events(const History *h, int64_t tick)
{
    if (hist_cur(h)->tick != tick) return -1;   /* unknown without a replay: let story_begin decide */
    int n, k = 0;
    const LoggedEvent *ev = hist_events(h, false, &n);
    for (int i = 0; i < n; i++) k += is_step_event(&ev[i]);
    return k;
}

static int steps_for(int nevents) { return nevents < STORY_MAX_STEPS ? nevents : STORY_MAX_STEPS; }

static double step_seconds(int nsteps, double speed, bool noted)
{
    if (speed <= 0 || nsteps <= 0) return 0;
    return noted ? STORY_NOTE_TICKS / speed : STORY_TICK_BUDGET / speed / nsteps;
}

bool story_wanted(const History *h, int64_t tick, double speed, bool noted)
{
    int n = tick_events(h, tick);
    if (n == 0) return false;
    if (n < 0) return true;
    return step_seconds(steps_for(n), speed, noted) >= STORY_MIN_STEP_S;
}

static bool alike(const Event *a, const Event *b)
{
    return a->subject == b->subject && a->kind == b->kind && a->ret == b->ret && a->bytes == b->bytes;
}

/* Step boundaries: one event each; else runs of alike events; else equal slices. */
static void group(Story *st)
{
    const Micro *m = &st->m;
    st->grouped = false;
    if (m->n <= STORY_MAX_STEPS) {
        for (int k = 0; k < m->n; k++) st->end[k] = k + 1;
        st->nsteps = m->n;
        return;
    }
    st->grouped = true;
    int runs = 0;
    for (int i = 0; i < m->n; i++)
        if (i == 0 || !alike(&m->step[i].ev.ev, &m->step[i - 1].ev.ev)) runs++;
    if (runs <= STORY_MAX_STEPS) {
        int k = 0;
        for (int i = 1; i <= m->n; i++)
            if (i == m->n || !alike(&m->step[i].ev.ev, &m->step[i - 1].ev.ev)) st->end[k++] = i;
        st->nsteps = k;
        return;
    }
    st->nsteps = STORY_MAX_STEPS;
    for (int k = 0; k < STORY_MAX_STEPS; k++)
        st->end[k] = (int)((int64_t)m->n * (k + 1) / STORY_MAX_STEPS);
}

int story_begin(Story *st, const History *h, int64_t tick, double speed, bool noted)
{
    st->on = false;
    if (micro_capture(&st->m, h, tick) != 0) return -1;
    if (st->m.n == 0) {
        micro_free(&st->m);
        return -1;
    }
    group(st);
    st->step_s = step_seconds(st->nsteps, speed, noted);
    st->on = true;
    story_seek_step(st, 0);
    return 0;
}

void story_stop(Story *st) { st->on = false; }

void story_free(Story *st)
{
    micro_free(&st->m);
    memset(st, 0, sizeof *st);
}

void story_seek_step(Story *st, int k)
{
    if (k < 0) k = 0;
    if (k > st->nsteps) k = st->nsteps;
    st->step = k;
    st->pos = 0;
    if (k > 0) st->pos = st->end[k - 1];
    st->t = 0;
    micro_seek(&st->m, st->pos);
}

void story_seek_event(Story *st, int k)
{
    if (k < 0) k = 0;
    if (k > st->m.n) k = st->m.n;
    int step = 0;
    if (k > 0)
        while (step < st->nsteps && (step == 0 || st->end[step - 1] < k)) step++;
    st->step = step;
    st->pos = k;
    st->t = 0;
    micro_seek(&st->m, k);
}

bool story_advance(Story *st, double dt)
{
    if (!st->on) return false;
    st->t += dt;
    while (st->t >= st->step_s) {
        double left = st->t - st->step_s;
        if (st->step >= st->nsteps) {
            st->t = st->step_s;
            return false;
        }
        story_seek_step(st, st->step + 1);
        st->t = left;
    }
    return true;
}

const TickState *story_state(const Story *st) { return micro_state(&st->m); }

void story_span(const Story *st, int *from, int *to)
{
    if (st->step == 0) {
        *from = *to = 0;
        return;
    }
    *from = 0;
    if (st->step >= 2) *from = st->end[st->step - 2];
    *to = st->pos;
    if (*from > *to) *from = *to;
}

void story_group_text(const Story *st, char *buf, size_t len)
{
    int from, to;
    story_span(st, &from, &to);
    if (st->step == 0) snprintf(buf, len, "tick %lld: before its %d event%s", (long long)st->m.tick, st->m.n,
                                st->m.n == 1 ? "" : "s");
    else if (to - from > 1)
        snprintf(buf, len, "tick %lld: events %d-%d of %d, shown together", (long long)st->m.tick, from + 1, to,
                 st->m.n);
    else snprintf(buf, len, "tick %lld: event %d of %d", (long long)st->m.tick, to, st->m.n);
}

double story_note_read_s(const char *text)
{
    size_t chars = 0;
    for (const unsigned char *c = (const unsigned char *)(text ? text : ""); *c; c++)
        if ((*c & 0xC0) != 0x80) chars++;   /* characters, not UTF-8 bytes */
    double s = 1.0 + (double)chars / STORY_READ_CPS;
    return s < STORY_READ_MIN_S ? STORY_READ_MIN_S : s > STORY_READ_MAX_S ? STORY_READ_MAX_S : s;
}

int story_note_at(const Scenario *sc, int64_t tick)
{
    for (int i = 0; i < sc->nactions; i++)
        if (sc->actions[i].kind == ACT_NOTE && sc->actions[i].at == tick) return i;
    return -1;
}
