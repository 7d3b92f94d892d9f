/* layout.c - frame and graph geometry (see layout.h). */
#include <math.h>
#include <string.h>

#include "view/layout.h"

static int S(float s, float v) { return (int)lroundf(v * s); }

/* Card heights, in design units: from CARD_TALL_H the full card, from
 * CARD_STACKED_H the same order with short tanks, below it the numbers beside
 * the tanks. CARD_INFO_H holds the bold line and two lines of segments. */
#define CARD_TALL_H 250
#define CARD_STACKED_H 196
/* Under a transform's tanks, their "in" / "out" labels: the tank's wall and a
 * line of the smallest type (DRAW_MIN_PT, 1.1x in the projector palette). */
#define TANK_LABEL_GAP 22
#define CARD_INFO_H 52

static Rect rect_make(int x, int y, int w, int h)
{
    return (Rect){x, y, w < 0 ? 0 : w, h < 0 ? 0 : h};
}

float layout_base_scale(int w, int h)
{
    float sx = (float)w / 1280.0f, sy = (float)h / 720.0f;
    float s = sx < sy ? sx : sy;
    return s < 0.5f ? 0.5f : s;
}

float layout_scale(int w, int h, float zoom, float type_scale)
{
    float s = layout_base_scale(w, h) * zoom;
    float room = (float)h / (s * LAYOUT_MIN_ROWS);   /* the largest type scale that keeps the rows */
    if (type_scale > room) type_scale = room > 1.0f ? room : 1.0f;
    return s * type_scale;
}

/* Columns (depth) and rows of the wiring forest. */
static void place_streams(const Scenario *sc, int *col, int *row, int *ncols, int *nrows, int parent[],
                          int wire_of[])
{
    int n = sc->nstreams;
    for (int i = 0; i < n; i++) {
        parent[i] = -1;
        wire_of[i] = -1;
        col[i] = row[i] = -1;
    }
    for (int w = 0; w < sc->nwires; w++)
        for (int k = 1; k < sc->wires[w].n; k++) {
            int to = sc->wires[w].s[k];
            if (to >= 0 && to < n && parent[to] < 0) {
                parent[to] = sc->wires[w].s[k - 1];
                wire_of[to] = w;
            }
        }
    /* Depth by walking up; the reader guarantees no cycles, the bound guards anyway. */
    *ncols = 1;
    for (int i = 0; i < n; i++) {
        int d = 0;
        for (int p = parent[i]; p >= 0 && d < n; p = parent[p]) d++;
        col[i] = d;
        if (d + 1 > *ncols) *ncols = d + 1;
    }
    /* Rows by depth-first order from the roots, children in declaration order. */
    int next_row = 0;
    int stack[SC_MAX_STREAMS], sp = 0;
    for (int r = 0; r < n; r++) {
        if (parent[r] >= 0) continue;
        row[r] = next_row++;
        stack[sp++] = r;
        while (sp > 0) {
            int v = stack[--sp];
            bool first = true;
            /* Push children in reverse so the first declared is visited first. */
            int kids[SC_MAX_STREAMS], nk = 0;
            for (int c = 0; c < n; c++)
                if (parent[c] == v) kids[nk++] = c;
            for (int k = 0; k < nk; k++) {
                int c = kids[k];
                row[c] = first ? row[v] : next_row++;
                first = false;
            }
            for (int k = nk - 1; k >= 0; k--) stack[sp++] = kids[k];
        }
    }
    for (int i = 0; i < n; i++)
        if (row[i] < 0) row[i] = next_row++;   /* unreachable: part of a cycle */
    *nrows = next_row > 0 ? next_row : 1;
}

/* The tag above a card and the pipe ports on its sides, at height pipe_y. */
static void card_ports(CardBox *c, float s, int pipe_y)
{
    Rect k = c->card;
    /* Mostly above the card's edge: its lower part must stay clear of the title. */
    c->tag = rect_make(k.x + S(s, 12), k.y - S(s, 20), k.w - S(s, 24), S(s, 24));
    c->in_x = k.x;
    c->in_y = pipe_y;
    c->out_x = k.x + k.w;
    c->out_y = pipe_y;
}

/* The over-the-mark box above each tank, in the over_h rows from y. */
static void over_boxes(CardBox *c, float s, int y, int over_h)
{
    for (int i = 0; i < 2; i++)
        if (c->tank[i].w > 0) c->over[i] = rect_make(c->tank[i].x, y, c->tank[i].w, over_h - S(s, 4));
}

/* The stacked and tall cards' tanks: centred in the card, in tanks_h rows
 * from y, the top over_frac of them kept for the amount over the mark. */
static void centred_tanks(CardBox *c, StreamKind kind, float s, int y, int iw, int tanks_h, float over_frac)
{
    Rect k = c->card;
    int over_h = (int)lroundf((float)tanks_h * over_frac);
    int body_h = tanks_h - over_h;
    int label = S(s, 46);
    memset(c->tank, 0, sizeof c->tank);
    memset(c->over, 0, sizeof c->over);
    if (kind == SK_TRANSFORM) {
        int gap = S(s, 12);
        int tw = (iw - 2 * label - gap) / 2;
        if (tw > S(s, 96)) tw = S(s, 96);
        int x0 = k.x + (k.w - (2 * tw + gap)) / 2;
        c->tank[SIDE_W] = rect_make(x0, y + over_h, tw, body_h);
        c->tank[SIDE_R] = rect_make(x0 + tw + gap, y + over_h, tw, body_h);
    } else {
        int tw = iw - 2 * label;
        if (tw > S(s, 120)) tw = S(s, 120);
        int side = kind == SK_SOURCE ? SIDE_R : SIDE_W;
        c->tank[side] = rect_make(k.x + (k.w - tw) / 2, y + over_h, tw, body_h);
    }
    over_boxes(c, s, y, over_h);
    card_ports(c, s, y + over_h + body_h - body_h / 4);
}

/* A short card (several rows of streams): tanks on the left, the state
 * pills, work bar and numbers in a column on their right. */
static void card_inside_compact(CardBox *c, StreamKind kind, float s)
{
    Rect k = c->card;
    Rect none = {0, 0, 0, 0};
    int pad = S(s, 8);
    int iw = k.w - 2 * pad;
    c->title = rect_make(k.x + pad, k.y + pad, iw, S(s, 30));
    int y = k.y + pad + c->title.h + S(s, 4);
    int bottom = k.y + k.h - pad;
    int tanks_h = bottom - S(s, 14) - y;
    int over_h = (int)lroundf((float)tanks_h * 0.3f);
    int body_h = tanks_h - over_h;
    /* A narrow card (a compare pane) keeps its words: slimmer tanks. */
    bool narrow = iw < S(s, 250);
    int label = S(s, narrow ? 34 : 40);
    memset(c->tank, 0, sizeof c->tank);
    memset(c->over, 0, sizeof c->over);
    int right;
    if (kind == SK_TRANSFORM) {
        int tw = (int)((float)iw * (narrow ? 0.14f : 0.17f));
        if (tw > S(s, 70)) tw = S(s, 70);
        int gap = S(s, 10);
        int x0 = k.x + pad + label;
        c->tank[SIDE_W] = rect_make(x0, y + over_h, tw, body_h);
        c->tank[SIDE_R] = rect_make(x0 + tw + gap, y + over_h, tw, body_h);
        right = x0 + 2 * tw + gap + label;
    } else {
        int tw = (int)((float)iw * (narrow ? 0.22f : 0.28f));
        if (tw > S(s, 90)) tw = S(s, 90);
        int side = kind == SK_SOURCE ? SIDE_R : SIDE_W;
        c->tank[side] = rect_make(k.x + pad + S(s, 14), y + over_h, tw, body_h);
        right = c->tank[side].x + tw + label;
    }
    over_boxes(c, s, y, over_h);
    int rx = right + S(s, 6), rw = k.x + k.w - pad - rx;
    /* The column: pills, work bar, numbers; squeezed (not cut) on a short card. */
    int pills = (kind != SK_SOURCE) + (kind != SK_SINK);
    float f = 1.0f;
    int need = pills * S(s, 33) + S(s, 62);
    if (need > bottom - y && need > 0) f = (float)(bottom - y) / (float)need;
    if (f < 0.72f) {
        /* Very short (several rows under a tall caption): the states in one row, the
         * amount buffered under them; the work bar and the hwm / rate line give way
         * (the probe and the events log still say them) rather than leave the card. */
        int row = S(s, 26), half = (rw - S(s, 6)) / 2;
        c->wstate = kind == SK_SOURCE ? none : kind == SK_SINK ? rect_make(rx, y, rw, row) : rect_make(rx, y, half, row);
        c->light = kind == SK_SINK ? none : kind == SK_SOURCE ? rect_make(rx, y, rw, row)
                                                             : rect_make(rx + rw - half, y, half, row);
        c->work = none;
        c->info = rect_make(rx, y + row + S(s, 4), rw, S(s, 20));
        card_ports(c, s, y + over_h + body_h - body_h / 4);
        return;
    }
    int row = S(s, 28 * f), ry = y, gap = S(s, 5 * f);
    c->wstate = none;
    c->light = none;
    if (kind != SK_SOURCE) {
        c->wstate = rect_make(rx, ry, rw, row);
        ry += row + gap;
    }
    if (kind != SK_SINK) {
        c->light = rect_make(rx, ry, rw, row);
        ry += row + gap;
    }
    c->work = rect_make(rx, ry + S(s, 2 * f), rw, S(s, 18 * f));
    c->info = rect_make(rx, c->work.y + c->work.h + S(s, 6 * f), rw, S(s, 36 * f));
    card_ports(c, s, y + over_h + body_h - body_h / 4);
}

/* A card between CARD_STACKED_H and CARD_TALL_H: the tall card's order
 * (title, state row, tanks, work bar, numbers), the kind beside the name
 * and the tanks as short as the rest leaves them. */
static void card_inside_stacked(CardBox *c, StreamKind kind, float s)
{
    Rect k = c->card;
    Rect none = {0, 0, 0, 0};
    int pad = S(s, 8);
    int iw = k.w - 2 * pad;
    int y = k.y + pad;
    c->title = rect_make(k.x + pad, y, iw, S(s, 28));
    y += c->title.h + S(s, 2);
    Rect state = rect_make(k.x + pad, y, iw, S(s, 28));
    int half = (iw - S(s, 8)) / 2;
    c->light = kind == SK_SINK ? none
               : kind == SK_SOURCE ? state
                                   : rect_make(state.x + iw - half, state.y, half, state.h);
    c->wstate = kind == SK_SOURCE ? none : kind == SK_SINK ? state : rect_make(state.x, state.y, half, state.h);
    y += state.h + S(s, 6);
    int bottom = k.y + k.h - pad;
    c->info = rect_make(k.x + pad, bottom - S(s, CARD_INFO_H), iw, S(s, CARD_INFO_H));
    c->work = rect_make(k.x + pad, c->info.y - S(s, 4) - S(s, 18), iw, S(s, 18));
    int tanks_h = c->work.y - S(s, kind == SK_TRANSFORM ? TANK_LABEL_GAP : 6) - y;
    centred_tanks(c, kind, s, y, iw, tanks_h, 0.3f);
}

static void card_inside(CardBox *c, StreamKind kind, float s)
{
    Rect k = c->card;
    if (k.h < S(s, CARD_STACKED_H)) {
        card_inside_compact(c, kind, s);
        return;
    }
    if (k.h < S(s, CARD_TALL_H)) {
        card_inside_stacked(c, kind, s);
        return;
    }
    int pad = S(s, 10);
    int iw = k.w - 2 * pad;
    int y = k.y + pad;
    c->title = rect_make(k.x + pad, y, iw, S(s, 46));
    y += c->title.h;
    int state_h = S(s, 34);
    Rect state = rect_make(k.x + pad, y, iw, state_h);
    /* A transform's row holds both: its input side's badge under the left
     * tank, its output side's light under the right one. */
    Rect none = {0, 0, 0, 0};
    int half = (iw - S(s, 8)) / 2;
    c->light = kind == SK_SINK ? none
               : kind == SK_SOURCE ? state
                                   : rect_make(state.x + iw - half, state.y, half, state.h);
    c->wstate = kind == SK_SOURCE ? none : kind == SK_SINK ? state : rect_make(state.x, state.y, half, state.h);
    y += state_h + S(s, 6);
    int info_h = S(s, CARD_INFO_H), work_h = S(s, 18);
    int bottom = k.y + k.h - pad;
    c->info = rect_make(k.x + pad, bottom - info_h, iw, info_h);
    c->work = rect_make(k.x + pad, c->info.y - S(s, 6) - work_h, iw, work_h);
    int tanks_h = c->work.y - S(s, kind == SK_TRANSFORM ? TANK_LABEL_GAP : 8) - y;
    centred_tanks(c, kind, s, y, iw, tanks_h, 0.34f);
}

static void place_graph(Layout *l, const Scenario *sc, float s, bool tight, Rect area);

static bool has_content(const Scenario *sc)
{
    for (int i = 0; sc && i < sc->nstreams && i < SC_MAX_STREAMS; i++)
        if (sc->streams[i].content) return true;
    return false;
}

void layout_compute(Layout *l, const Scenario *sc, LayoutOpts o)
{
    memset(l, 0, sizeof *l);
    float s = o.scale;
    l->w = o.w;
    l->h = o.h;
    l->s = s;
    int m = S(s, 8);
    int y = 0;
    l->header = rect_make(0, 0, o.w, S(s, 42));
    y += l->header.h;
    int cap_h = S(s, 62);
    if (o.caption_h > cap_h) cap_h = o.caption_h;
    if (cap_h > o.h / 3) cap_h = o.h / 3;
    l->caption = rect_make(0, y, o.w, cap_h);
    y += l->caption.h;
    int ctl_h = o.controls ? S(s, 62) : 0;
    l->controls = rect_make(0, o.h - ctl_h, o.w, ctl_h);
    int status_h = o.no_status ? 0 : S(s, 34);
    l->buttons = !o.no_status;
    l->status = rect_make(0, o.h - ctl_h - status_h, o.w, status_h);
    l->scrub = rect_make(0, l->status.y - S(s, 30), o.w, S(s, 30));
    l->main = rect_make(0, y, o.w, l->scrub.y - y);

    int side_w = o.show_side ? S(s, 330) : 0;
    if (side_w > 0 && !o.show_code && !o.force_side && sc && sc->nstreams > 0) {
        /* Many streams: the graph gets the log panel's room rather than
         * cards too narrow to read (C brings the side panel back). */
        int col[SC_MAX_STREAMS], row[SC_MAX_STREAMS], parent[SC_MAX_STREAMS], wire_of[SC_MAX_STREAMS], nc, nr;
        place_streams(sc, col, row, &nc, &nr, parent, wire_of);
        float wsum = 0;
        for (int c = 0; c < nc; c++) {
            float w = 1.0f;
            for (int i = 0; i < sc->nstreams && i < SC_MAX_STREAMS; i++)
                if (col[i] == c && sc->streams[i].kind == SK_TRANSFORM) w = 1.45f;
            wsum += w;
        }
        float unit = ((float)(o.w - side_w) - 44 * s - 48 * s - 66 * s * (float)(nc - 1)) / wsum;
        /* Short cards (a tall caption, a small window, large type) set their numbers beside the
         * tanks and need the wider column; the log gives way rather than cut them. */
        float graph_h = (float)l->main.h * (nr > 1 ? 0.72f : 0.64f);
        bool short_cards = (graph_h - 60 * s - 26 * s * (float)(nr - 1)) / (float)nr < 250 * s;
        if (unit < (short_cards ? 330 : nr > 1 ? 270 : 185) * s) side_w = 0;
    }
    if (side_w > o.w / 3) side_w = o.w / 3;
    int left_w = o.w - side_w;
    l->side = rect_make(left_w, l->main.y, side_w, l->main.h);
    if (o.show_code) {
        int ch = (int)lroundf((float)l->side.h * 0.5f);
        l->code = rect_make(l->side.x, l->side.y, side_w, ch);
        l->log = rect_make(l->side.x, l->side.y + ch, side_w, l->side.h - ch);
    } else {
        l->log = l->side;
    }
    int rows = 1;
    if (sc && sc->nstreams > 0) {
        int col[SC_MAX_STREAMS], row[SC_MAX_STREAMS], parent[SC_MAX_STREAMS], wire_of[SC_MAX_STREAMS], nc;
        place_streams(sc, col, row, &nc, &rows, parent, wire_of);
    }
    /* Several rows of cards take room from the memory chart. */
    /* Where chunks carry text, the bytes matter more than a chart of a few
     * dozen bytes: the byte strip takes the chart's place. */
    bool text = has_content(sc);
    int graph_h = (int)lroundf((float)l->main.h * (text ? 0.64f : rows > 1 ? 0.72f : 0.64f));
    /* The cards need their stacked height (the tags, the step line and the gaps
     * around them too): the chart or byte strip yields it, keeping a usable band. */
    int need = S(s, CARD_STACKED_H + 2) * rows + S(s, 26) * (rows - 1) + S(s, 44 + 28 + 8) + m;
    int keep = S(s, text ? 150 : 110);
    if (need > graph_h) graph_h = need < l->main.h - keep ? need : l->main.h - keep > graph_h ? l->main.h - keep : graph_h;
    l->graph = rect_make(m, l->main.y + m, left_w - 2 * m, graph_h - m);
    l->chart = rect_make(m, l->main.y + graph_h + m, left_w - 2 * m, l->main.h - graph_h - 2 * m);
    if (text) {
        l->bytes = l->chart;
        l->chart = rect_make(l->chart.x, l->chart.y + l->chart.h, l->chart.w, 0);
    }
    /* The story's step line across the top of the graph, clear of the cards' tags. */
    l->story = rect_make(l->graph.x, l->graph.y, l->graph.w, S(s, 26));
    /* Below it the cards: the step line ends 29 below the graph's top, a tag
     * rises 20 above its card, which place_graph() sets 8 lower still, so 44
     * keeps a tag clear of the line (they met at 1280x720, by 5 px). */
    Rect cards = l->graph;
    cards.y += S(s, 44);
    cards.h -= S(s, 44);
    place_graph(l, sc, s, false, cards);
}

void layout_pane(Layout *l, const Scenario *sc, Rect area, int w, int h, float s, bool chart_beside)
{
    memset(l, 0, sizeof *l);
    l->w = w;
    l->h = h;
    l->s = s;
    int m = S(s, 6);
    l->main = area;
    l->header = rect_make(area.x, area.y, area.w, S(s, 34));
    int top = area.y + l->header.h;
    int body = area.y + area.h - top;
    if (chart_beside) {
        int chart_w = (int)lroundf((float)area.w * 0.24f);
        l->graph = rect_make(area.x + m, top + m, area.w - chart_w - 2 * m, body - 2 * m);
        l->chart = rect_make(area.x + area.w - chart_w, top + m, chart_w - m, body - 2 * m);
    } else {
        int graph_h = (int)lroundf((float)body * 0.63f);
        l->graph = rect_make(area.x + m, top + m, area.w - 2 * m, graph_h - m);
        l->chart = rect_make(area.x + m, top + graph_h + m, area.w - 2 * m, body - graph_h - 2 * m);
    }
    place_graph(l, sc, s, true, l->graph);
}

/* Cards and pipes inside area (of l->graph); tight (a compare pane) narrows the gaps
 * between columns sooner, so the cards keep more of the width. */
static void place_graph(Layout *l, const Scenario *sc, float s, bool tight, Rect area)
{
    if (!sc || sc->nstreams <= 0) return;
    int n = sc->nstreams > SC_MAX_STREAMS ? SC_MAX_STREAMS : sc->nstreams;
    int col[SC_MAX_STREAMS], row[SC_MAX_STREAMS], parent[SC_MAX_STREAMS], wire_of[SC_MAX_STREAMS];
    place_streams(sc, col, row, &l->ncols, &l->nrows, parent, wire_of);

    Rect g = rect_inset(area, S(s, 14));
    g.y += S(s, 8);   /* room for the tags that sit on the cards' top edges */
    g.h -= S(s, 8);
    /* A transform's card holds two tanks side by side: its column is wider. */
    float weight[SC_MAX_STREAMS], wsum = 0;
    for (int c = 0; c < l->ncols; c++) weight[c] = 1.0f;
    for (int i = 0; i < n; i++)
        if (sc->streams[i].kind == SK_TRANSFORM) weight[col[i]] = 1.45f;
    for (int c = 0; c < l->ncols; c++) wsum += weight[c];
    int tail = S(s, 48);
    int gap = S(s, 100);
    float unit = (float)(g.w - tail - gap * (l->ncols - 1)) / wsum;
    if (unit < (tight ? 215 : 190) * s && l->ncols > 1) {
        gap = S(s, 66);
        unit = (float)(g.w - tail - gap * (l->ncols - 1)) / wsum;
    }
    /* Short cards put their numbers beside the tanks: they need the width of a row of cards. */
    bool short_cards = (g.h - S(s, 26) * (l->nrows - 1)) / l->nrows < S(s, 250);
    float cap = (l->nrows > 1 || short_cards ? 360 : 280) * s;
    if (unit > cap) unit = cap;
    int colx[SC_MAX_STREAMS + 1], colw[SC_MAX_STREAMS];
    int total_w = tail;
    for (int c = 0; c < l->ncols; c++) {
        colw[c] = (int)(unit * weight[c]);
        total_w += colw[c] + (c ? gap : 0);
    }
    int vgap = S(s, 26);
    int chh = (g.h - vgap * (l->nrows - 1)) / l->nrows;
    if (chh > S(s, 420)) chh = S(s, 420);
    int total_h = chh * l->nrows + vgap * (l->nrows - 1);
    int x0 = g.x + (g.w - total_w) / 2, y0 = g.y + (g.h - total_h) / 2;
    colx[0] = x0;
    for (int c = 1; c <= l->ncols && c < SC_MAX_STREAMS; c++) colx[c] = colx[c - 1] + colw[c - 1] + gap;

    l->ncards = n;
    for (int i = 0; i < n; i++) {
        CardBox *c = &l->card[i];
        c->col = col[i];
        c->row = row[i];
        c->card = rect_make(colx[col[i]], y0 + row[i] * (chh + vgap), colw[col[i]], chh);
        card_inside(c, sc->streams[i].kind, s);
        if (sc->streams[i].kind == SK_SINK)
            l->sink_out[i] = rect_make(c->out_x, c->out_y - S(s, 12), tail, S(s, 24));
    }
    for (int i = 0; i < n; i++) {
        if (parent[i] < 0 || parent[i] >= n) continue;
        PipeBox *p = &l->pipe[l->npipes++];
        const CardBox *a = &l->card[parent[i]], *b = &l->card[i];
        p->from = parent[i];
        p->to = i;
        p->wire = wire_of[i];
        if (a->out_y == b->in_y) {
            p->npts = 2;
            p->px[0] = a->out_x;
            p->py[0] = a->out_y;
            p->px[1] = b->in_x;
            p->py[1] = b->in_y;
        } else {
            int mx = (a->out_x + b->in_x) / 2;
            p->npts = 4;
            p->px[0] = a->out_x;
            p->py[0] = a->out_y;
            p->px[1] = mx;
            p->py[1] = a->out_y;
            p->px[2] = mx;
            p->py[2] = b->in_y;
            p->px[3] = b->in_x;
            p->py[3] = b->in_y;
        }
        int lx = a->out_x, lw = (p->npts == 2 ? b->in_x : (a->out_x + b->in_x) / 2) - a->out_x;
        if (p->npts == 4) lw = b->in_x - a->out_x;
        /* Above the higher of the two ports: a tube that steps up between
         * cards of different heights would run through the hint otherwise. */
        int top = a->out_y < b->in_y ? a->out_y : b->in_y;
        p->label = rect_make(lx, top - S(s, 58), lw, S(s, 44));
    }
}
