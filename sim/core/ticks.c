/* ticks.c - Node's two microtask-level queues and the settle loop.
 * After every macrotask Node runs all process.nextTick callbacks (FIFO,
 * including ones queued meanwhile), then all promise reactions, and repeats
 * until both are empty; settle() is exactly that loop. */
#include <string.h>

#include "model.h"

bool sim_dead(const Sim *s)
{
    return s->status == SIM_OOM || s->status == SIM_UNCAUGHT;
}

/* The model ran out of a fixed capacity: end the run visibly rather than
 * silently diverge from Node. */
void sim_fail_limit(Sim *s, const char *what)
{
    (void)what;
    if (sim_dead(s))
        return;
    Event ev = {0};
    ev.code = CODE_MODEL_LIMIT;
    log_event(s, EV_UNCAUGHT, -1, &ev);
    s->status = SIM_UNCAUGHT;
}

void tq_push(Sim *s, TaskKind kind, int a, int32_t n, int32_t code)
{
    if (s->tq.n == TQ_CAP) {
        sim_fail_limit(s, "nextTick queue");
        return;
    }
    Task *t = &s->tq.q[(s->tq.head + s->tq.n) % TQ_CAP];
    t->kind = (uint8_t)kind;
    t->a = (int16_t)a;
    t->n = n;
    t->code = code;
    s->tq.n++;
}

void mq_push(Sim *s, TaskKind kind, int a, int32_t n, int32_t code)
{
    if (s->mq.n == MQ_CAP) {
        sim_fail_limit(s, "microtask queue");
        return;
    }
    Task *t = &s->mq.q[(s->mq.head + s->mq.n) % MQ_CAP];
    t->kind = (uint8_t)kind;
    t->a = (int16_t)a;
    t->n = n;
    t->code = code;
    s->mq.n++;
}

static void run_task(Sim *s, const Task *t)
{
    switch ((TaskKind)t->kind) {
    case T_AFTER_WRITE:
    case T_FINISH_MAYBE:
    case T_FINISH:
    case T_ERROR_BUFFER:
    case T_ONWRITE_ERROR:
        wr_task(s, t);
        break;
    case T_EMIT_READABLE:
    case T_MAYBE_READ_MORE:
    case T_RESUME:
    case T_END_READABLE:
    case T_UPDATE_READABLE_LISTENING:
    case T_READ0:
        rd_task(s, t);
        break;
    case T_EMIT_CLOSE:
    case T_EMIT_ERROR_CLOSE:
    case T_EMIT_ERROR:
        destroy_task(s, t);
        break;
    case T_PIPE_ENDFN:
        pipe_task(s, t);
        break;
    case T_TRANSFORM_CB:
        tf_task(s, t);
        break;
    case T_EOS_CALLBACK:
    case T_PIPELINE_CALLBACK:
    case T_PL_ENDFN:
    case T_PROMISE_SETTLE:
        pipeline_task(s, t);
        break;
    case T_ITER:
        iter_task(s, t);
        break;
    case T_NOOP:
    case T__COUNT:
        break;
    }
}

void settle(Sim *s)
{
    while (!sim_dead(s) && (s->tq.n > 0 || s->mq.n > 0)) {
        while (!sim_dead(s) && s->tq.n > 0) {
            Task t = s->tq.q[s->tq.head];
            s->tq.head = (s->tq.head + 1) % TQ_CAP;
            s->tq.n--;
            run_task(s, &t);
        }
        /* Promise reactions run to exhaustion; ticks they queue wait for the next round. */
        while (!sim_dead(s) && s->mq.n > 0) {
            Task t = s->mq.q[s->mq.head];
            s->mq.head = (s->mq.head + 1) % MQ_CAP;
            s->mq.n--;
            run_task(s, &t);
        }
    }
}
