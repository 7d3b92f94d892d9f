/* edit.c - live changes on top of the file's scenario (see edit.h). */
#include <stdio.h>
#include <string.h>

#include "view/edit.h"
#include "view/fmt.h"

int edit_params(const Scenario *sc, int stream, VaryParam out[EDIT_MAX_PARAMS])
{
    if (stream < 0 || stream >= sc->nstreams) return 0;
    const StreamDef *d = &sc->streams[stream];
    int n = 0;
    out[n++] = VP_HWM;
    out[n++] = VP_RATE;
    if (d->kind == SK_SOURCE && !d->robj) out[n++] = VP_CHUNK;
    return n;
}

bool edit_target(const Scenario *sc, int stream, VaryParam p, VaryTarget *t)
{
    if (stream < 0 || stream >= sc->nstreams) return false;
    return vary_target_make(sc, stream, p, t, NULL, 0) == 0;
}

static int64_t limit_of(VaryParam p)
{
    return p == VP_RATE ? SC_RATE_LIMIT : SC_SIZE_LIMIT;
}

bool edit_step(const VaryTarget *t, const VaryValue *cur, int dir, VaryValue *out)
{
    int64_t n = cur->n, lim = limit_of(t->param);
    int64_t floor = t->param == VP_HWM || t->param == VP_RHWM || t->param == VP_WHWM ? 0 : 1;
    for (; dir > 0; dir--) {
        int64_t next = n == 0 ? 1 : n * 2;
        if (n > lim / 2 || next >= lim) break;
        n = next;
    }
    for (; dir < 0; dir++) {
        int64_t next = n / 2;
        if (next < floor) break;
        n = next;
    }
    if (n == cur->n) return false;
    *out = (VaryValue){n, 1, n, false};
    return true;
}

static bool same_target(const VaryTarget *a, const VaryTarget *b)
{
    return a->param == b->param && a->stream == b->stream;
}

bool edit_put(EditList *l, const Scenario *base, const VaryTarget *t, const VaryValue *v)
{
    VaryValue was = vary_get(base, t);
    int i = 0;
    while (i < l->n && !same_target(&l->e[i].t, t)) i++;
    if (vary_value_equal(&was, v)) {
        if (i < l->n) {
            memmove(&l->e[i], &l->e[i + 1], (size_t)(l->n - i - 1) * sizeof l->e[0]);
            l->n--;
        }
        return true;
    }
    if (i == l->n) {
        if (l->n == EDIT_MAX) return false;
        l->n++;
    }
    l->e[i] = (Edit){*t, *v};
    return true;
}

void edit_drop(EditList *l, int stream, VaryParam param)
{
    int k = 0;
    for (int i = 0; i < l->n; i++) {
        const VaryTarget *t = &l->e[i].t;
        bool drop = stream < 0 || (t->stream == stream && (param == VP__COUNT || t->param == param));
        if (!drop) l->e[k++] = l->e[i];
    }
    l->n = k;
}

int edit_apply(Scenario *sc, const EditList *l, char *err, size_t errlen)
{
    for (int i = 0; i < l->n; i++)
        if (vary_apply(sc, &l->e[i].t, &l->e[i].v, err, errlen) != 0) return 2;
    return 0;
}

bool edit_differs(const Scenario *base, const Scenario *sc, int stream, VaryParam p, VaryValue *was)
{
    VaryTarget t;
    if (!edit_target(base, stream, p, &t)) return false;
    VaryValue a = vary_get(base, &t), b = vary_get(sc, &t);
    /* A transform's highWaterMark is two values: either side counts. */
    bool differ = !vary_value_equal(&a, &b);
    if (p == VP_HWM && stream >= 0 && stream < sc->nstreams && sc->streams[stream].kind == SK_TRANSFORM)
        differ = differ || base->streams[stream].whwm != sc->streams[stream].whwm;
    if (was) *was = a;
    return differ;
}

bool edit_stream_changed(const Scenario *base, const Scenario *sc, int stream)
{
    VaryParam ps[EDIT_MAX_PARAMS];
    int n = edit_params(base, stream, ps);
    for (int k = 0; k < n; k++)
        if (edit_differs(base, sc, stream, ps[k], NULL)) return true;
    return false;
}

const char *edit_param_label(VaryParam p)
{
    return vary_param_name(p);
}

char *edit_value_text(const Scenario *sc, const VaryTarget *t, const VaryValue *v, char *buf, size_t len)
{
    char a[48];
    bool obj = t->objects;
    (void)sc;
    if (t->param == VP_RATE) snprintf(buf, len, "%s/tick", fmt_units(v->n, obj, a, sizeof a));
    else fmt_units(v->n, obj, buf, len);
    return buf;
}
