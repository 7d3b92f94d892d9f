/* overlay.c - banners, tooltip, help, picker, toast (see overlay.h). */
#include <stdio.h>
#include <string.h>

#include "view/card.h"
#include "view/fmt.h"
#include "view/keymap.h"
#include "view/overlay.h"

static Rect centered(const Layout *l, int w, int h)
{
    if (w > l->w - 20) w = l->w - 20;
    if (h > l->h - 20) h = l->h - 20;
    return (Rect){(l->w - w) / 2, (l->h - h) / 2, w, h};
}

static void modal_box(const Draw *d, const Layout *l, Rect box)
{
    draw_rect(d, (Rect){0, 0, l->w, l->h}, d->pal->shade);
    draw_round(d, box, dp(d, 12), d->pal->panel);
    draw_round_frame(d, box, dp(d, 12), dline(d, 2), d->pal->heading);
}

void overlay_death(const Draw *d, Rect r, const Scene *s)
{
    const Palette *p = d->pal;
    const TickState *cur = hist_cur(s->h);
    char a[32], b[32], line[200];
    const char *big;
    if (cur->status == SIM_OOM) {
        big = "OUT OF MEMORY";
        fmt_bytes(cur->mem.total, a, sizeof a);
        fmt_bytes(cur->mem.limit, b, sizeof b);
        if (!strcmp(a, b)) {
            /* Just over: rounding would print the same number twice. */
            snprintf(a, sizeof a, "%.2f MiB", (double)cur->mem.total / 1048576.0);
            snprintf(b, sizeof b, "%.2f MiB", (double)cur->mem.limit / 1048576.0);
        }
        snprintf(line, sizeof line, "The process was killed at tick %lld: %s in use, over the %s limit.",
                 (long long)cur->tick, a, b);
    } else {
        big = "CRASHED";
        const char *code = "an error";
        int n;
        const LoggedEvent *ev = hist_events(s->h, false, &n);
        for (int i = 0; i < n; i++)
            if (ev[i].ev.kind == EV_UNCAUGHT) code = sim_code_name(hist_sim(s->h), ev[i].ev.code);
        snprintf(line, sizeof line, "Uncaught 'error' (%s) at tick %lld: nobody listened, so Node threw.", code,
                 (long long)cur->tick);
    }
    draw_round(d, r, dp(d, 12), p->error);
    text_cover(d->tc, r.x, r.y, r.w, r.h);
    draw_round_frame(d, r, dp(d, 12), dline(d, 3), p->error_text);
    /* A cross as the shape of death, beside the words. */
    int k = r.h / 4;
    int cx = r.x + dp(d, 24) + k, cy = rect_cy(r);
    draw_line(d, (float)(cx - k), (float)(cy - k), (float)(cx + k), (float)(cy + k), (float)dline(d, 8), p->error_text);
    draw_line(d, (float)(cx - k), (float)(cy + k), (float)(cx + k), (float)(cy - k), (float)dline(d, 8), p->error_text);
    int tx = cx + k + dp(d, 24);
    int maxw = r.x + r.w - dp(d, 16) - tx;
    /* A narrow banner (a compare pane) takes smaller type rather than cut the words. */
    int big_px = dfont(d, 34), bw, bh;
    text_size(d->tc, FACE_BOLD, big_px, big, &bw, &bh);
    while (bw > maxw && big_px > dfont(d, 18)) {
        big_px = big_px * 7 / 8;
        text_size(d->tc, FACE_BOLD, big_px, big, &bw, &bh);
    }
    draw_text_fit(d, FACE_BOLD, big_px, p->error_text, tx, cy - dp(d, 4), TA_LEFT | TA_BOTTOM, maxw, big);
    char lines[3][256];
    int fs = dfont(d, 16);
    int n = text_wrap(d->tc, FACE_SANS, fs, line, maxw, &lines[0][0], sizeof lines[0], 3);
    if (n > 2) {
        fs = dfont(d, 13);
        n = text_wrap(d->tc, FACE_SANS, fs, line, maxw, &lines[0][0], sizeof lines[0], 3);
    }
    int lh = fs == dfont(d, 16) ? dfont(d, 21) : fs + dp(d, 4);
    for (int i = 0; i < n; i++)
        draw_text(d, FACE_SANS, fs, p->error_text, tx, cy + dp(d, 2) + i * lh, TA_LEFT | TA_TOP, lines[i]);
}

void overlay_tooltip(const Draw *d, const Layout *l, const Scene *s)
{
    const TickState *cur = hist_cur(s->h);
    int i = s->hover;
    if (i < 0 || i >= cur->n || i >= s->sc->nstreams) return;
    const StreamView *v = &cur->v[i];
    const StreamDef *def = &s->sc->streams[i];
    const Palette *p = d->pal;
    char rows[20][96];
    int n = 0;
    char a[32], b[32], c[32];
    snprintf(rows[n++], 96, "%s", def->id);
    if (v->has_readable) {
        snprintf(rows[n++], 96, "readableLength  %s", fmt_int(v->rlen, a, sizeof a));
        snprintf(rows[n++], 96, "readableHighWaterMark  %s", fmt_int(v->rhwm, a, sizeof a));
        snprintf(rows[n++], 96, "readableFlowing  %s  ended %s", v->rflow < 0 ? "null" : v->rflow ? "true" : "false",
                 v->rended ? "yes" : "no");
    }
    if (v->has_writable) {
        snprintf(rows[n++], 96, "writableLength  %s", fmt_int(v->wlen, a, sizeof a));
        snprintf(rows[n++], 96, "writableHighWaterMark  %s", fmt_int(v->whwm, a, sizeof a));
        snprintf(rows[n++], 96, "needDrain %s  ended %s  finished %s", v->needdrain ? "yes" : "no",
                 v->wended ? "yes" : "no", v->wfinished ? "yes" : "no");
        if (v->inflight > 0)
            snprintf(rows[n++], 96, "in flight  %s of %s done", fmt_int(v->inflight_done, a, sizeof a),
                     fmt_int(v->inflight, b, sizeof b));
    }
    snprintf(rows[n++], 96, "rate  %s per tick", fmt_int(v->rate, a, sizeof a));
    snprintf(rows[n++], 96, "produced %s  consumed %s", fmt_int(v->produced, a, sizeof a),
             fmt_int(v->consumed, b, sizeof b));
    snprintf(rows[n++], 96, "push false %lld  write false %lld", (long long)v->pushes_false, (long long)v->writes_false);
    snprintf(rows[n++], 96, "pauses %lld  resumes %lld  drains %lld", (long long)v->pauses, (long long)v->resumes,
             (long long)v->drains);
    snprintf(rows[n++], 96, "memory %s  (peak %s)", fmt_bytes(v->mem_bytes, a, sizeof a),
             fmt_bytes(v->peak_bytes, c, sizeof c));
    if (v->destroyed || v->errored || v->closed)
        snprintf(rows[n++], 96, "destroyed %s  errored %s  closed %s", v->destroyed ? "yes" : "no",
                 v->errored ? "yes" : "no", v->closed ? "yes" : "no");
    int fs = dfont(d, 14), lh = fs + dp(d, 6);
    int w = 0;
    for (int k = 0; k < n; k++) {
        int tw, th;
        text_size(d->tc, k ? FACE_MONO : FACE_BOLD, fs, rows[k], &tw, &th);
        if (tw > w) w = tw;
    }
    w += dp(d, 24);
    int h = n * lh + dp(d, 16);
    int x = s->mouse_x + dp(d, 18), y = s->mouse_y + dp(d, 18);
    if (x + w > l->w) x = s->mouse_x - w - dp(d, 10);
    if (y + h > l->h) y = l->h - h - dp(d, 4);
    if (x < 0) x = 0;
    if (y < 0) y = 0;
    Rect box = {x, y, w, h};
    draw_round(d, box, dp(d, 8), p->panel);
    draw_round_frame(d, box, dp(d, 8), dline(d, 2), palette_series(p, i));
    for (int k = 0; k < n; k++)
        draw_text(d, k ? FACE_MONO : FACE_BOLD, fs, k ? p->text : p->heading, x + dp(d, 12), y + dp(d, 8) + k * lh,
                  TA_LEFT | TA_TOP, rows[k]);
}

/* ---- help: the keymap's table, grouped ---- */

/* What the pointer does, beside the keys (not key bindings, so not in the keymap). */
static const char *const pointer_rows[][2] = {
    {"the bar below", "every button shows its key"},
    {"timeline", "click or drag: go to a tick"},
    {"a stream", "click: select it; hover: its numbers"},
    {"a tank", "drag: its highWaterMark"},
    {"an answer", "click: the class's pick"},
};

#define HELP_ROWS 32

typedef struct {
    char keys[HELP_ROWS][64];
    const char *help[HELP_ROWS];
    int n;
} HelpGroup;

/* The rows of group g: a binding with help text and the keys of its aliases. */
static void help_group(KeyGroup g, HelpGroup *out)
{
    int n;
    const KeyBinding *t = keymap_table(&n);
    out->n = 0;
    for (int i = 0; i < n; i++) {
        if (t[i].group != g) continue;
        if (t[i].help) {
            if (out->n == HELP_ROWS) return;
            snprintf(out->keys[out->n], sizeof out->keys[0], "%s", t[i].hint);
            out->help[out->n++] = t[i].help;
        } else if (out->n > 0 && !strchr(out->keys[out->n - 1], '/') && !strstr(out->keys[out->n - 1], t[i].hint)) {
            /* One alias at most: the help is read, not searched. */
            size_t len = strlen(out->keys[out->n - 1]);
            snprintf(out->keys[out->n - 1] + len, sizeof out->keys[0] - len, " / %s", t[i].hint);
        }
    }
}

typedef struct {
    int fs, lh, title_h;
} HelpType;

/* Draws (or, with draw false, only measures) one titled group from y;
 * returns the y after it. *cut is set when a row would not fit colw. */
static int help_block(const Draw *d, const HelpType *ht, int x, int y, int colw, const char *title,
                      const HelpGroup *g, const char *const (*extra)[2], int nextra, bool draw, bool *cut)
{
    const Palette *p = d->pal;
    if (draw) draw_text(d, FACE_BOLD, ht->fs, p->marker, x, y, TA_LEFT | TA_TOP, title);
    y += ht->title_h;
    int kw = 0, n = g ? g->n : nextra;
    for (int i = 0; i < n; i++) {
        int w, h;
        text_size(d->tc, FACE_BOLD, ht->fs, g ? g->keys[i] : extra[i][0], &w, &h);
        if (w > kw) kw = w;
    }
    kw += dp(d, 12);
    for (int i = 0; i < n; i++, y += ht->lh) {
        int w, h;
        text_size(d->tc, FACE_SANS, ht->fs, g ? g->help[i] : extra[i][1], &w, &h);
        if (kw + w > colw) *cut = true;
        if (!draw) continue;
        draw_text_fit(d, FACE_BOLD, ht->fs, p->heading, x, y, TA_LEFT | TA_TOP, kw - dp(d, 8), g ? g->keys[i] : extra[i][0]);
        draw_text_fit(d, FACE_SANS, ht->fs, p->text, x + kw, y, TA_LEFT | TA_TOP, colw - kw, g ? g->help[i] : extra[i][1]);
    }
    return y + ht->lh / 2;
}

/* The three columns: playing, the pointer | presenting, a class question | exploring, inside a tick. */
static int help_columns(const Draw *d, const HelpType *ht, Rect box, int y0, bool draw, bool *cut)
{
    static const KeyGroup cols[3][2] = {{KG_PLAY, KG__COUNT}, {KG_PRESENT, KG_CLASS}, {KG_EXPLORE, KG_MICRO}};
    int pad = dp(d, 24), gap = dp(d, 20);
    int colw = (box.w - 2 * pad - 2 * gap) / 3;
    int bottom = y0;
    for (int c = 0; c < 3; c++) {
        int x = box.x + pad + c * (colw + gap), y = y0;
        for (int k = 0; k < 2; k++) {
            if (cols[c][k] == KG__COUNT) continue;
            HelpGroup g;
            help_group(cols[c][k], &g);
            y = help_block(d, ht, x, y, colw, keymap_group_title(cols[c][k]), &g, NULL, 0, draw, cut);
        }
        if (c == 0)
            y = help_block(d, ht, x, y, colw, "MOUSE AND TOUCH", NULL, pointer_rows,
                           (int)(sizeof pointer_rows / sizeof pointer_rows[0]), draw, cut);
        if (y > bottom) bottom = y;
    }
    return bottom;
}

void overlay_help(const Draw *d, const Layout *l)
{
    const Palette *p = d->pal;
    int head = dp(d, 62);
    Rect box = centered(l, dp(d, 1240), l->h - dp(d, 20));
    /* The largest type with which every row fits whole: rows are never dropped or cut short. */
    HelpType ht = {dfont(d, 16), 0, 0};
    for (;;) {
        ht.lh = ht.fs + ht.fs / 2;
        ht.title_h = ht.lh + dp(d, 2);
        bool cut = false;
        int h = help_columns(d, &ht, box, box.y + head, false, &cut) - box.y + dp(d, 12);
        if ((h <= box.h && !cut) || ht.fs <= 8) {
            if (h < box.h) box = centered(l, box.w, h);
            break;
        }
        ht.fs--;
    }
    modal_box(d, l, box);
    draw_text(d, FACE_BOLD, dfont(d, 22), p->heading, box.x + dp(d, 24), box.y + dp(d, 16), TA_LEFT | TA_TOP, "Keys");
    draw_text(d, FACE_SANS, dfont(d, 15), p->text_dim, box.x + box.w - dp(d, 24), box.y + dp(d, 22), TA_RIGHT | TA_TOP,
              "playback is paused · any key or a click closes");
    bool cut = false;
    help_columns(d, &ht, box, box.y + head, true, &cut);
}

/* ---- the lesson picker ---- */

typedef struct {
    Rect box, list, track, up, down, thumb, desc, open, close;
    int pad, row_h, rows;   /* rows: how many fit in list */
} PickerGeom;

static PickerGeom picker_geom(const Draw *d, const Layout *l, const Picker *pk)
{
    PickerGeom g;
    g.box = centered(l, dp(d, 960), l->h - dp(d, 40));
    g.pad = dp(d, 24);
    g.row_h = dp(d, 38);
    int top = g.box.y + dp(d, 60);
    int btn_h = dp(d, 50);
    int desc_h = dp(d, 112);
    int bottom = g.box.y + g.box.h - g.pad - btn_h - dp(d, 12) - desc_h;
    int sb = dp(d, 30);
    g.list = (Rect){g.box.x + dp(d, 12), top, g.box.w - dp(d, 24) - sb - dp(d, 8), bottom - top};
    g.rows = g.list.h / g.row_h;
    if (g.rows < 1) g.rows = 1;
    g.list.h = g.rows * g.row_h;
    Rect sbr = {g.list.x + g.list.w + dp(d, 8), top, sb, g.list.h};
    g.up = (Rect){sbr.x, sbr.y, sb, sb};
    g.down = (Rect){sbr.x, sbr.y + sbr.h - sb, sb, sb};
    g.track = (Rect){sbr.x, sbr.y + sb + dp(d, 4), sb, sbr.h - 2 * sb - dp(d, 8)};
    int total = pk ? picker_rows(pk) : 0;
    if (total <= g.rows || g.track.h <= 0) {
        g.thumb = g.track;
    } else {
        int th = g.track.h * g.rows / total;
        if (th < dp(d, 24)) th = dp(d, 24);
        int span = g.track.h - th;
        int max_top = total - g.rows;
        g.thumb = (Rect){g.track.x, g.track.y + span * pk->top / max_top, g.track.w, th};
    }
    g.desc = (Rect){g.box.x + g.pad, g.list.y + g.list.h + dp(d, 12), g.box.w - 2 * g.pad, desc_h};
    int by = g.box.y + g.box.h - g.pad - btn_h;
    g.close = (Rect){g.box.x + g.box.w - g.pad - dp(d, 170), by, dp(d, 170), btn_h};
    g.open = (Rect){g.box.x + g.pad, by, g.close.x - dp(d, 16) - g.box.x - g.pad, btn_h};
    return g;
}

int overlay_picker_rows(const Draw *d, const Layout *l)
{
    return picker_geom(d, l, NULL).rows;
}

PickHit overlay_picker_at(const Draw *d, const Layout *l, const Picker *pk, int x, int y)
{
    PickerGeom g = picker_geom(d, l, pk);
    PickHit h = {PICK_HIT_NONE, -1};
    if (!rect_has(g.box, x, y)) h.kind = PICK_HIT_OUTSIDE;
    else if (rect_has(g.open, x, y)) h.kind = pk->n > 0 ? PICK_HIT_OPEN : PICK_HIT_NONE;
    else if (rect_has(g.close, x, y)) h.kind = PICK_HIT_CLOSE;
    else if (rect_has(g.up, x, y)) h.kind = PICK_HIT_UP;
    else if (rect_has(g.down, x, y)) h.kind = PICK_HIT_DOWN;
    else if (rect_has(g.track, x, y) && picker_rows(pk) > g.rows)
        h.kind = y < g.thumb.y ? PICK_HIT_PAGE_UP : y >= g.thumb.y + g.thumb.h ? PICK_HIT_PAGE_DOWN : PICK_HIT_NONE;
    else if (rect_has(g.list, x, y)) {
        int e = picker_row_entry(pk, pk->top + (y - g.list.y) / g.row_h, NULL);
        if (e >= 0) h = (PickHit){PICK_HIT_ROW, e};
    }
    return h;
}

Rect overlay_picker_part(const Draw *d, const Layout *l, const Picker *pk, PickHitKind part, int entry)
{
    PickerGeom g = picker_geom(d, l, pk);
    Rect none = {0, 0, 0, 0};
    switch (part) {
    case PICK_HIT_ROW: {
        int r = picker_entry_row(pk, entry) - pk->top;
        return entry >= 0 && entry < pk->n && r >= 0 && r < g.rows
                   ? (Rect){g.list.x, g.list.y + r * g.row_h, g.list.w, g.row_h}
                   : none;
    }
    case PICK_HIT_OPEN: return g.open;
    case PICK_HIT_CLOSE: return g.close;
    case PICK_HIT_UP: return g.up;
    case PICK_HIT_DOWN: return g.down;
    case PICK_HIT_OUTSIDE: return g.box;   /* the box itself */
    default: return g.track;
    }
}

int overlay_picker_hit(const Draw *d, const Layout *l, const Picker *pk, int x, int y)
{
    PickHit h = overlay_picker_at(d, l, pk, x, y);
    if (h.kind == PICK_HIT_OPEN) return pk->sel;   /* the button opens the selected lesson */
    return h.kind == PICK_HIT_ROW ? h.entry : -1;
}

static void picker_button(const Draw *d, Rect r, bool primary, const char *label, const char *key)
{
    const Palette *p = d->pal;
    Rgba fill = primary ? p->heading : p->card, ink = primary ? p->bg : p->text;
    draw_round(d, r, dp(d, 8), fill);
    draw_round_frame(d, r, dp(d, 8), dline(d, 1), primary ? p->heading : p->card_edge);
    char line[200];
    snprintf(line, sizeof line, "%s  (%s)", label, key);
    draw_text_fit(d, FACE_BOLD, dfont(d, 17), ink, rect_cx(r), rect_cy(r), TA_CENTER | TA_MIDDLE, r.w - dp(d, 16), line);
}

static void picker_scrollbar(const Draw *d, const PickerGeom *g, const Picker *pk)
{
    const Palette *p = d->pal;
    bool scrolls = picker_rows(pk) > g->rows;
    Rgba ink = scrolls ? p->text : p->text_dim;
    for (int k = 0; k < 2; k++) {
        Rect b = k ? g->down : g->up;
        draw_round(d, b, dp(d, 6), p->card);
        draw_round_frame(d, b, dp(d, 6), dline(d, 1), p->card_edge);
        int a = b.w / 4, cx = rect_cx(b), cy = rect_cy(b);
        if (k) draw_tri(d, (float)(cx - a), (float)(cy - a / 2), (float)(cx + a), (float)(cy - a / 2), (float)cx, (float)(cy + a), ink);
        else draw_tri(d, (float)(cx - a), (float)(cy + a / 2), (float)(cx + a), (float)(cy + a / 2), (float)cx, (float)(cy - a), ink);
    }
    draw_round(d, g->track, dp(d, 6), p->scrub_bg);
    if (scrolls) draw_round(d, g->thumb, dp(d, 6), p->text_dim);
}

void overlay_picker(const Draw *d, const Layout *l, const Picker *pk)
{
    const Palette *p = d->pal;
    PickerGeom g = picker_geom(d, l, pk);
    modal_box(d, l, g.box);
    int pad = g.pad;
    draw_text(d, FACE_BOLD, dfont(d, 24), p->heading, g.box.x + pad, g.box.y + dp(d, 16), TA_LEFT | TA_TOP, "Lessons");
    int total = picker_rows(pk);
    char where[160];
    if (total > g.rows)
        snprintf(where, sizeof where, "rows %d-%d of %d · scroll for more", pk->top + 1,
                 pk->top + g.rows < total ? pk->top + g.rows : total, total);
    else snprintf(where, sizeof where, "%d lessons", pk->n);
    draw_text(d, FACE_SANS, dfont(d, 15), p->text_dim, g.box.x + g.box.w - pad, g.box.y + dp(d, 24), TA_RIGHT | TA_TOP,
              where);
    if (pk->n == 0) {
        char line[1200];
        snprintf(line, sizeof line, "No scenarios in %s", pk->dir);
        draw_text_fit(d, FACE_SANS, dfont(d, 16), p->text, g.list.x + dp(d, 12), g.list.y, TA_LEFT | TA_TOP,
                      g.list.w - dp(d, 24), line);
        picker_button(d, g.close, true, "Close", "Esc");
        return;
    }
    /* The names' column as wide as the longest name; a title too long for the rest takes smaller type. */
    int name_w = 0;
    for (int i = 0; i < pk->n; i++) {
        int w, h;
        text_size(d->tc, FACE_MONO, dfont(d, 15), pk->e[i].name, &w, &h);
        if (w > name_w) name_w = w;
    }
    name_w += dp(d, 20);
    if (name_w > g.list.w / 2) name_w = g.list.w / 2;
    for (int r = 0; r < g.rows && pk->top + r < total; r++) {
        int sec;
        int i = picker_row_entry(pk, pk->top + r, &sec);
        Rect row = {g.list.x, g.list.y + r * g.row_h, g.list.w, g.row_h};
        int cy = rect_cy(row);
        if (i < 0) {
            draw_text_fit(d, FACE_BOLD, dfont(d, 16), p->marker, row.x + dp(d, 12), cy, TA_LEFT | TA_MIDDLE,
                          row.w - dp(d, 24), sec >= 0 ? pk->section[sec] : "");
            continue;
        }
        const PickEntry *e = &pk->e[i];
        bool sel = i == pk->sel;
        if (sel) draw_round(d, (Rect){row.x, row.y + dp(d, 2), row.w, row.h - dp(d, 4)}, dp(d, 6), p->highlight);
        draw_text_fit(d, FACE_MONO, dfont(d, 15), p->text_dim, row.x + dp(d, 24), cy, TA_LEFT | TA_MIDDLE,
                      name_w - dp(d, 8), e->name);
        Face tf = sel ? FACE_BOLD : FACE_SANS;
        int tx = row.x + dp(d, 24) + name_w, tmax = row.x + row.w - dp(d, 8) - tx;
        int tfs = dfont(d, 17), tw, th;
        for (text_size(d->tc, tf, tfs, e->title, &tw, &th); tw > tmax && tfs > dfont(d, 14);
             text_size(d->tc, tf, tfs, e->title, &tw, &th))
            tfs--;
        draw_text_fit(d, tf, tfs, e->bad ? p->error : p->text, tx, cy, TA_LEFT | TA_MIDDLE, tmax, e->title);
    }
    picker_scrollbar(d, &g, pk);
    /* The selected lesson's description (or why the course did not load), and the buttons. */
    const PickEntry *e = &pk->e[pk->sel];
    draw_rect(d, (Rect){g.desc.x, g.desc.y - dp(d, 6), g.desc.w, dline(d, 1)}, p->panel_edge);
    /* The whole description when a smaller type lets it fit; cut with "…" only past that. */
    const char *text = pk->problem[0] ? pk->problem : e->desc;
    char lines[8][700];
    int fs = dfont(d, 16), lh = 0, n = 0;
    for (;; fs--) {
        lh = fs + fs / 3;
        int maxl = g.desc.h / lh;
        if (maxl > 8) maxl = 8;
        if (maxl < 1) maxl = 1;
        n = text_wrap(d->tc, FACE_SANS, fs, text, g.desc.w, &lines[0][0], sizeof lines[0], maxl < 8 ? maxl + 1 : 8);
        if (n <= maxl || fs <= dfont(d, 12)) {
            if (n > maxl) n = text_wrap(d->tc, FACE_SANS, fs, text, g.desc.w, &lines[0][0], sizeof lines[0], maxl);
            break;
        }
    }
    for (int i = 0; i < n; i++)
        draw_text(d, FACE_SANS, fs, pk->problem[0] ? p->error : p->text, g.desc.x, g.desc.y + i * lh, TA_LEFT | TA_TOP,
                  lines[i]);
    char open[120];
    snprintf(open, sizeof open, "Open %s", e->name);
    int ow, oh;
    text_size(d->tc, FACE_BOLD, dfont(d, 17), open, &ow, &oh);
    picker_button(d, g.open, true, ow + dp(d, 110) < g.open.w ? open : "Open", "Enter");
    picker_button(d, g.close, false, "Close", "Esc");
}

void overlay_toast(const Draw *d, const Layout *l, const char *msg)
{
    overlay_toast_in(d, l->graph, msg);
}

void overlay_toast_in(const Draw *d, Rect area, const char *msg)
{
    const Palette *p = d->pal;
    int fs = dfont(d, 16);
    int tw, th;
    text_size(d->tc, FACE_BOLD, fs, msg, &tw, &th);
    Rect r = {rect_cx(area) - tw / 2 - dp(d, 16), rect_bottom(area) - th - dp(d, 24), tw + dp(d, 32),
              th + dp(d, 14)};
    draw_round(d, r, dp(d, 8), p->heading);
    draw_text(d, FACE_BOLD, fs, p->bg, rect_cx(r), rect_cy(r), TA_CENTER | TA_MIDDLE, msg);
}
