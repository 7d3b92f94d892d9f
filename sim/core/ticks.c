/* ticks.c - Node's two microtask-level queues and the settle loop.
 * After every macrotask Node runs all process.nextTick callbacks (FIFO,
 * including ones queued meanwhile), then all promise reactions, and repeats
 * until both are empty; settle() is exactly that loop. */
#include <string.h>

#include "model.h"

bool sim_dead(const Sim *s)
{
    return s->status == SIM_OOM || s->status == SIM_UNCAUGHT || s->status == SIM_INTERRUPTED;
}

/* The run ends with the model's own `uncaught` line (status first, so the
 * line is logged as a dead run's and counts as no work). */
static void end_with_limit(Sim *s, int32_t code)
{
    s->status = SIM_UNCAUGHT;
    Event ev = {0};
    ev.code = code;
    log_event(s, EV_UNCAUGHT, -1, &ev);
}

/* The model ran out of a fixed capacity: end the run visibly rather than
 * silently diverge from Node. */
void sim_fail_limit(Sim *s, const char *what)
{
    (void)what;
    if (sim_dead(s))
        return;
    end_with_limit(s, CODE_MODEL_LIMIT);
}

bool tick_work(Sim *s)
{
    if (sim_dead(s))
        return false;
    s->tick_work++;
    if (s->tick_work % SIM_INTERRUPT_EVERY == 0 && s->interrupt && s->interrupt(s->interrupt_user)) {
        s->status = SIM_INTERRUPTED;
        s->work_stopped = true;
        return false;
    }
    if (s->tick_work > SIM_TICK_EVENTS_MAX) {
        end_with_limit(s, CODE_TICK_LIMIT);
        s->work_stopped = true;
        return false;
    }
    return true;
}

bool grow(Sim *s, int64_t *v, int64_t d)
{
    if (d > MODEL_MAX - *v) {
        sim_fail_limit(s, "a length past 2^62");
        return false;
    }
    *v += d;
    return true;
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
    if (!tick_work(s))
        return;
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
    case T_FROM_CLOSED:
    case T_FROM_DESTROY_CB:
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

static const char *const task_names[T__COUNT] = {
    [T_AFTER_WRITE] = "afterWrite", [T_FINISH_MAYBE] = "finishMaybe",
    [T_FINISH] = "finish", [T_ERROR_BUFFER] = "errorBuffer",
    [T_EMIT_READABLE] = "emitReadable_", [T_MAYBE_READ_MORE] = "maybeReadMore_",
    [T_RESUME] = "resume_", [T_END_READABLE] = "endReadableNT",
    [T_EMIT_CLOSE] = "emitCloseNT", [T_EMIT_ERROR_CLOSE] = "emitErrorCloseNT",
    [T_EMIT_ERROR] = "emitErrorNT", [T_ONWRITE_ERROR] = "onwriteError",
    [T_UPDATE_READABLE_LISTENING] = "updateReadableListening", [T_READ0] = "nReadingNextTick",
    [T_PIPE_ENDFN] = "pipe onend", [T_TRANSFORM_CB] = "transform callback",
    [T_NOOP] = "write callback", [T_EOS_CALLBACK] = "end-of-stream check",
    [T_PIPELINE_CALLBACK] = "pipeline callback", [T_PL_ENDFN] = "pipeline endFn",
    [T_ITER] = "for await step", [T_PROMISE_SETTLE] = "pipeline promise",
    [T_FROM_CLOSED] = "from() close", [T_FROM_DESTROY_CB] = "from() destroy callback",
};

/* Which stream a task concerns: most take it as their argument. */
static int16_t task_stream(const Sim *s, const Task *t)
{
    switch ((TaskKind)t->kind) {
    case T_PIPE_ENDFN:
        return s->pipes[t->a].dest;
    case T_EOS_CALLBACK:
        return s->eos[t->a].stream;
    case T_PL_ENDFN:
        return s->plp[t->a].dst;
    case T_PIPELINE_CALLBACK:
    case T_PROMISE_SETTLE:
    case T_ITER:
        return -1;
    default:
        return t->a;
    }
}

int sim_pending(const Sim *s, PendingWork *out, int max)
{
    int n = 0;
    for (int k = 0; k < s->tq.n && n < max; k++) {
        const Task *t = &s->tq.q[(s->tq.head + k) % TQ_CAP];
        out[n++] = (PendingWork){task_names[t->kind], task_stream(s, t), false};
    }
    for (int k = 0; k < s->mq.n && n < max; k++) {
        const Task *t = &s->mq.q[(s->mq.head + k) % MQ_CAP];
        out[n++] = (PendingWork){task_names[t->kind], task_stream(s, t), true};
    }
    return n;
}
