/* pipes.c - tubes, valves and moving chunks (see pipes.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "view/pipes.h"

#define MAX_BLOCKS 10   /* blocks drawn per hop per tick; more would be a smear */

const char *pipes_wire_label(WireKind k)
{
    switch (k) {
    case WIRE_PIPE: return "pipe()";
    case WIRE_PIPELINE: return "pipeline()";
    case WIRE_PIPELINE_PROMISE: return "await pipeline()";
    case WIRE_NAIVE: return "on('data')";
    case WIRE_MANUAL: return "manual";
    case WIRE_FOR_AWAIT: return "for await";
    case WIRE_READABLE: return "'readable' loop";
    default: return "?";
    }
}

/* The name in fewer letters, for a gap too narrow for it even in the
 * smallest type (a compare pane at 1920x1080). */
static const char *wire_label_short(WireKind k)
{
    switch (k) {
    case WIRE_PIPE: return "pipe";
    case WIRE_PIPELINE: return "pipeline";
    case WIRE_PIPELINE_PROMISE: return "pipeline";
    case WIRE_NAIVE: return "'data'";
    case WIRE_READABLE: return "'readable'";
    default: return NULL;
    }
}

const char *pipes_wire_hint(WireKind k)
{
    switch (k) {
    case WIRE_PIPE:
    case WIRE_PIPELINE:
    case WIRE_PIPELINE_PROMISE: return "pauses on false";
    case WIRE_NAIVE: return "ignores false!";
    case WIRE_MANUAL: return "pause() / resume()";
    case WIRE_FOR_AWAIT: return "awaits 'drain'";
    case WIRE_READABLE: return "read() until null";
    default: return "";
    }
}

static void tube(const Draw *d, const PipeBox *p, int thick)
{
    const Palette *pal = d->pal;
    int e = dline(d, 2);
    for (int k = 0; k + 1 < p->npts; k++) {
        int x0 = p->px[k], y0 = p->py[k], x1 = p->px[k + 1], y1 = p->py[k + 1];
        Rect r;
        if (y0 == y1) r = (Rect){x0 < x1 ? x0 : x1, y0 - thick / 2, abs(x1 - x0), thick};
        else r = (Rect){x0 - thick / 2, y0 < y1 ? y0 : y1, thick, abs(y1 - y0)};
        /* Extend each segment by half the thickness so elbows close. */
        if (y0 == y1) {
            r.x -= k > 0 ? thick / 2 : 0;
            r.w += (k > 0 ? thick / 2 : 0) + (k + 2 < p->npts ? thick / 2 : 0);
        }
        draw_rect(d, (Rect){r.x - (y0 == y1 ? 0 : e), r.y - (y0 == y1 ? e : 0), r.w + (y0 == y1 ? 0 : 2 * e),
                            r.h + (y0 == y1 ? 2 * e : 0)},
                  pal->pipe_edge);
    }
    for (int k = 0; k + 1 < p->npts; k++) {
        int x0 = p->px[k], y0 = p->py[k], x1 = p->px[k + 1], y1 = p->py[k + 1];
        Rect r;
        if (y0 == y1) r = (Rect){x0 < x1 ? x0 : x1, y0 - thick / 2, abs(x1 - x0), thick};
        else r = (Rect){x0 - thick / 2, (y0 < y1 ? y0 : y1) - thick / 2, thick, abs(y1 - y0) + thick};
        draw_rect(d, r, pal->pipe);
    }
}

static int tube_thick(const Draw *d) { return dp(d, 18); }

/* The wiring's name above its hint. A hint too wide for the gap between two
 * cards (at 1024x768, or a long one such as the manual wire's) wraps to a
 * second line rather than losing its end, and the name moves up a line, so
 * the hint stays next to the tube it describes. */
static void wire_caption(const Draw *d, Rect label, WireKind wk)
{
    const Palette *pal = d->pal;
    int lx = rect_cx(label);
    int hs = dfont(d, 12);
    /* The name may spill a little over the cards' rounded edges; the hint,
     * which is longer, keeps clear of them so it never reads as a card's. */
    int room = label.w + dp(d, 12);
    char lines[2][96];
    int n = text_wrap(d->tc, FACE_SANS, hs, pipes_wire_hint(wk), label.w - dp(d, 8), &lines[0][0], sizeof lines[0], 2);
    int lw = 0, lh = 0;
    text_size(d->tc, FACE_SANS, hs, "Ag", &lw, &lh);
    int up = n > 1 ? lh : 0;
    /* A narrow gap (the inside-a-tick view's wider panel) takes the smallest type before a cut. */
    int ns = dfont(d, 14), nw = 0, nh = 0;
    text_size(d->tc, FACE_MONO, ns, pipes_wire_label(wk), &nw, &nh);
    if (nw > room) ns = dfont(d, DRAW_MIN_PT);
    draw_text_alt(d, FACE_MONO, ns, pal->heading, lx, label.y + dp(d, 2) - up, TA_CENTER | TA_TOP, room,
                  pipes_wire_label(wk), wire_label_short(wk));
    Rgba hc = wk == WIRE_NAIVE ? pal->warn : pal->text_dim;
    for (int k = 0; k < n; k++)
        draw_text(d, FACE_SANS, hs, hc, lx, label.y + label.h - (n - 1 - k) * lh, TA_CENTER | TA_BOTTOM, lines[k]);
}

void pipes_draw(const Draw *d, const Layout *l, const Scenario *sc, const TickState *cur)
{
    const Palette *pal = d->pal;
    int th = tube_thick(d);
    for (int i = 0; i < l->npipes; i++) tube(d, &l->pipe[i], th);
    for (int i = 0; i < l->npipes; i++) {
        const PipeBox *p = &l->pipe[i];
        WireKind wk = p->wire >= 0 && p->wire < sc->nwires ? sc->wires[p->wire].kind : WIRE_PIPE;
        /* A fan-out shares its first segment: one label per kind, one valve per source. */
        bool label_done = false, valve_done = false;
        for (int j = 0; j < i; j++) {
            if (l->pipe[j].from != p->from) continue;
            valve_done = true;
            WireKind wj = l->pipe[j].wire >= 0 && l->pipe[j].wire < sc->nwires ? sc->wires[l->pipe[j].wire].kind : WIRE_PIPE;
            if (wj == wk) label_done = true;
        }
        if (!label_done) wire_caption(d, p->label, wk);
        if (valve_done) continue;
        /* The valve, just out of the upstream card, shows the upstream side's flow. */
        const StreamView *up = p->from < cur->n ? &cur->v[p->from] : NULL;
        int seg = abs(p->px[1] - p->px[0]);
        int vx = p->px[0] + (p->npts == 2 ? seg / 2 : seg / 2);
        int vy = p->py[0];
        int r = th / 2 + dp(d, 5);
        bool paused = up && up->rflow == 0 && !up->rended && !up->destroyed;
        if (paused) {
            draw_disc(d, vx, vy, r, pal->paused);
            draw_rect(d, (Rect){vx - dp(d, 3), vy - r + dp(d, 3), dp(d, 6), 2 * r - dp(d, 6)}, (Rgba){0, 0, 0, 255});
        } else {
            draw_ring(d, vx, vy, r, dline(d, 2), pal->pipe_edge);
        }
    }
    for (int i = 0; i < l->ncards && i < sc->nstreams; i++) {
        Rect o = l->sink_out[i];
        if (o.w <= 0) continue;
        /* A short open tube out of the sink: where finished bytes go. */
        draw_rect(d, (Rect){o.x, o.y + o.h / 2 - th / 4, o.w - dp(d, 10), th / 2}, pal->pipe);
        int ax = o.x + o.w - dp(d, 10), ay = o.y + o.h / 2;
        draw_tri(d, (float)ax, (float)(ay - th / 2), (float)ax, (float)(ay + th / 2), (float)(ax + dp(d, 10)),
                 (float)ay, pal->pipe_edge);
    }
}

/* Point at fraction t of a polyline. */
static void along(const PipeBox *p, float t, float *x, float *y)
{
    float len[3] = {0, 0, 0}, total = 0;
    for (int k = 0; k + 1 < p->npts; k++) {
        len[k] = (float)(abs(p->px[k + 1] - p->px[k]) + abs(p->py[k + 1] - p->py[k]));
        total += len[k];
    }
    float want = t * total;
    for (int k = 0; k + 1 < p->npts; k++) {
        if (want <= len[k] || k + 2 == p->npts) {
            float f = len[k] > 0 ? want / len[k] : 0;
            if (f > 1) f = 1;
            *x = (float)p->px[k] + (float)(p->px[k + 1] - p->px[k]) * f;
            *y = (float)p->py[k] + (float)(p->py[k + 1] - p->py[k]) * f;
            return;
        }
        want -= len[k];
    }
    *x = (float)p->px[0];
    *y = (float)p->py[0];
}

static void block(const Draw *d, float cx, float cy, int size, Rgba c)
{
    Rect r = {(int)lroundf(cx) - size / 2, (int)lroundf(cy) - size / 2, size, size};
    draw_rect(d, rect_inset(r, -dline(d, 1)), d->pal->chunk_edge);
    draw_rect(d, r, c);
}

/* Position of block k of n at display fraction alpha: a train entering at
 * 0 and leaving at 1, spaced so all of it passes within the tick. */
static float train_pos(int k, int n, float alpha, float spacing)
{
    float span = 1.0f + (float)(n - 1) * spacing;
    return alpha * span - (float)k * spacing;
}

void pipes_draw_chunks(const Draw *d, const Layout *l, const Scenario *sc, const LoggedEvent *ev, int n,
                       float alpha)
{
    if (alpha <= 0 || !ev) return;
    int writes[SC_MAX_STREAMS] = {0}, pushes[SC_MAX_STREAMS] = {0}, dones[SC_MAX_STREAMS] = {0};
    int app_writes[SC_MAX_STREAMS] = {0};
    for (int i = 0; i < n; i++) {
        const Event *e = &ev[i].ev;
        int s = e->subject;
        if (s < 0 || s >= sc->nstreams) continue;
        if (e->kind == EV_WRITE) writes[s]++;
        else if (e->kind == EV_PUSH && !e->eof) pushes[s]++;
        else if (e->kind == EV_DONE && !e->code) dones[s]++;
        else if (e->kind == EV_ACTION && e->act == ACT_WRITE) app_writes[s]++;
    }
    int size = dp(d, 14);
    float sp = 0.22f;
    for (int i = 0; i < l->npipes; i++) {
        const PipeBox *p = &l->pipe[i];
        int m = writes[p->to] - app_writes[p->to];
        if (m > MAX_BLOCKS) m = MAX_BLOCKS;
        for (int k = 0; k < m; k++) {
            float t = train_pos(k, m, alpha, sp);
            if (t < 0 || t > 1) continue;
            float x, y;
            along(p, t, &x, &y);
            block(d, x, y, size, d->pal->chunk);
        }
    }
    for (int s = 0; s < sc->nstreams && s < l->ncards; s++) {
        const CardBox *c = &l->card[s];
        if (sc->streams[s].kind == SK_SOURCE && c->tank[SIDE_R].w > 0) {
            /* Pushes drop in from the producer above the tank. */
            int m = pushes[s] > MAX_BLOCKS ? MAX_BLOCKS : pushes[s];
            Rect t = c->tank[SIDE_R];
            for (int k = 0; k < m; k++) {
                float f = train_pos(k, m, alpha, sp);
                if (f < 0 || f > 1) continue;
                float y = (float)c->over[SIDE_R].y + f * (float)(t.y + t.h / 2 - c->over[SIDE_R].y);
                block(d, (float)rect_cx(t), y, size, d->pal->chunk);
            }
        }
        Rect o = l->sink_out[s];
        if (o.w > 0) {
            int m = dones[s] > MAX_BLOCKS ? MAX_BLOCKS : dones[s];
            for (int k = 0; k < m; k++) {
                float f = train_pos(k, m, alpha, sp);
                if (f < 0 || f > 1) continue;
                block(d, (float)o.x + f * (float)o.w, (float)rect_cy(o), size, d->pal->done);
            }
        }
    }
}
