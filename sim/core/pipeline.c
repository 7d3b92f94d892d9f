/* pipeline.c - stream.pipeline / promises.pipeline and the for-await wiring.
 * (work in progress: wired as plain pipes until end-of-stream is modelled) */
#include "model.h"

void pipeline_create(Sim *s, int w)
{
    const WireDef *wd = &s->sc->wires[w];
    for (int k = 0; k + 1 < wd->n && !sim_dead(s); k++)
        pipe_create(s, wd->s[k], wd->s[k + 1], true);
}

void pipeline_listener(Sim *s, const Listener *l, int64_t bytes, int other, int32_t code)
{
    (void)s; (void)l; (void)bytes; (void)other; (void)code;
}

void pipeline_task(Sim *s, const Task *t)
{
    (void)s; (void)t;
}

void iter_create(Sim *s, int w)
{
    (void)s; (void)w;
}

void iter_task(Sim *s, const Task *t)
{
    (void)s; (void)t;
}

void iter_listener(Sim *s, const Listener *l, int64_t bytes, int other, int32_t code)
{
    (void)s; (void)l; (void)bytes; (void)other; (void)code;
}
