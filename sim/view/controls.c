/* controls.c - the control bar (see controls.h). */
#include <string.h>

#include "view/controls.h"

typedef enum { IC_NONE, IC_RESTART, IC_BACK, IC_PLAY, IC_FWD, IC_NOTE_PREV, IC_NOTE_NEXT, IC_TOGGLE } Icon;

typedef struct {
    UiAction act;
    const char *label;
    Icon icon;
    int group;          /* a wider gap opens between groups */
    bool seg;           /* joined with the neighbours of the same group */
    bool optional;      /* left out first when the bar is narrow */
    bool compare;       /* on compare mode's bar too (one clock for two runs: no notes, no class) */
} Spec;

static const Spec specs[] = {
    {UI_RESET_ALL, "reset", IC_RESTART, 0, false, false, true},
    {UI_STEP_BACK, "back", IC_BACK, 0, false, false, true},
    {UI_PLAY, "play", IC_PLAY, 0, false, false, true},
    {UI_STEP_FWD, "step", IC_FWD, 0, false, false, true},
    {UI_NOTE_PREV, "note", IC_NOTE_PREV, 1, false, false, false},
    {UI_NOTE_NEXT, "note", IC_NOTE_NEXT, 1, false, false, false},
    {UI_SPEED_SLOW, "slow", IC_NONE, 2, true, false, true},
    {UI_SPEED_NORMAL, "normal", IC_NONE, 2, true, false, true},
    {UI_SPEED_FAST, "fast", IC_NONE, 2, true, false, true},
    {UI_AUTOSTOP, "auto-stop", IC_TOGGLE, 3, false, false, false},
    {UI_EVENTS, "events", IC_TOGGLE, 3, false, false, false},
    {UI_CLASS, "class", IC_TOGGLE, 3, false, false, false},
    {UI_LESSONS, "lessons", IC_NONE, 4, false, false, false},
    {UI_HELP, "help", IC_NONE, 4, false, false, true},
    {UI_FULLSCREEN, "full screen", IC_NONE, 4, false, true, true},
};

#define NSPECS ((int)(sizeof specs / sizeof specs[0]))

static const Spec *spec_of(UiAction act)
{
    for (int i = 0; i < NSPECS; i++)
        if (specs[i].act == act) return &specs[i];
    return NULL;
}

const char *ctl_label(UiAction act, const CtlState *st)
{
    if (act == UI_PLAY && st && st->playing) return "pause";
    const Spec *sp = spec_of(act);
    return sp ? sp->label : "";
}

static const char *hint_of(UiAction act)
{
    const KeyBinding *b = keymap_first(act);
    return b ? b->hint : "";
}

/* Type sizes: the words are read from the back of the room, the hints by the teacher. */
typedef struct {
    int label_px, hint_px, icon, pad, gap, group_gap, min_w;
} Metrics;

static Metrics metrics(const Draw *d, int shrink)
{
    /* shrink: 0 as designed, each step about 10% smaller (a narrow bar at a large text size) */
    float k = 1.0f;
    for (int i = 0; i < shrink; i++) k *= 0.9f;
    Metrics m;
    m.label_px = (int)((float)dfont(d, 16) * k + 0.5f);
    m.hint_px = (int)((float)dfont(d, 14) * k + 0.5f);
    m.icon = (int)((float)dp(d, 16) * k + 0.5f);
    m.pad = (int)((float)dp(d, 10) * k + 0.5f);
    m.gap = (int)((float)dp(d, 5) * k + 0.5f);
    m.group_gap = (int)((float)dp(d, 16) * k + 0.5f);
    m.min_w = (int)((float)dp(d, 48) * k + 0.5f);
    return m;
}

/* Narrow, the transport buttons keep their icons, which everyone reads, and lose their words. */
static bool shows_label(const Spec *sp, bool icons_only)
{
    return !(icons_only && sp->group == 0);
}

static int text_w(const Draw *d, Face f, int px, const char *s)
{
    int w = 0, h = 0;
    text_size(d->tc, f, px, s, &w, &h);
    return w;
}

/* The widest the button's word may get: "play" becomes "pause". */
static int label_w(const Draw *d, const Spec *sp, int px)
{
    int w = text_w(d, FACE_BOLD, px, sp->label);
    if (sp->act == UI_PLAY) {
        int w2 = text_w(d, FACE_BOLD, px, "pause");
        if (w2 > w) w = w2;
    }
    return w;
}

static int button_w(const Draw *d, const Spec *sp, const Metrics *m, bool icons_only)
{
    int row1 = 0;
    if (sp->icon != IC_NONE) row1 += m->icon;
    if (shows_label(sp, icons_only)) row1 += (row1 ? m->gap : 0) + label_w(d, sp, m->label_px);
    int row2 = text_w(d, FACE_SANS, m->hint_px, hint_of(sp->act));
    int w = (row1 > row2 ? row1 : row2) + 2 * m->pad;
    return w < m->min_w ? m->min_w : w;
}

static bool spec_shown(const Spec *sp, bool optional, bool compare)
{
    return (optional || !sp->optional) && (!compare || sp->compare);
}

static int total_w(const Draw *d, const Metrics *m, bool icons_only, bool optional, bool compare)
{
    int x = 0;
    for (int i = 0, prev = -1; i < NSPECS; i++) {
        if (!spec_shown(&specs[i], optional, compare)) continue;
        if (prev >= 0) x += specs[i].group != specs[prev].group ? m->group_gap : specs[i].seg ? 0 : m->gap;
        prev = i;
        x += button_w(d, &specs[i], m, icons_only);
    }
    return x;
}

static void place(const Draw *d, ControlBar *cb, Rect area, bool compare)
{
    memset(cb, 0, sizeof *cb);
    cb->area = area;
    int avail = area.w - 2 * dp(d, 10);
    bool icons_only = false, optional = true;
    int shrink = 0;
    Metrics m = metrics(d, 0);
    /* Give up, in this order: the labels icons already say, the optional buttons, type size. */
    while (total_w(d, &m, icons_only, optional, compare) > avail) {
        if (!icons_only) icons_only = true;
        else if (optional) optional = false;
        else if (shrink < 12) m = metrics(d, ++shrink);
        else break;   /* a window this narrow keeps what fits, left to right */
    }
    cb->icons_only = icons_only;
    int bh = area.h - 2 * dp(d, 5);
    if (bh > dp(d, 54)) bh = dp(d, 54);
    int y = area.y + (area.h - bh) / 2;
    int x = area.x + dp(d, 10);
    for (int i = 0, prev = -1; i < NSPECS && cb->n < CTL_MAX; i++) {
        const Spec *sp = &specs[i];
        if (!spec_shown(sp, optional, compare)) continue;
        if (prev >= 0) x += sp->group != specs[prev].group ? m.group_gap : sp->seg ? 0 : m.gap;
        prev = i;
        int w = button_w(d, sp, &m, icons_only);
        if (x + w > area.x + area.w) break;
        CtlButton *b = &cb->b[cb->n++];
        b->act = sp->act;
        b->r = (Rect){x, y, w, bh};
        b->seg_left = sp->seg && i > 0 && specs[i - 1].seg && specs[i - 1].group == sp->group;
        b->seg_right = sp->seg && i + 1 < NSPECS && specs[i + 1].seg && specs[i + 1].group == sp->group;
        x += w;
    }
    cb->end_x = x;
    cb->shrink = shrink;
}

void ctl_layout(const Draw *d, ControlBar *cb, Rect area) { place(d, cb, area, false); }

void ctl_layout_compare(const Draw *d, ControlBar *cb, Rect area) { place(d, cb, area, true); }

UiAction ctl_hit(const ControlBar *cb, int x, int y)
{
    for (int i = 0; i < cb->n; i++)
        if (rect_has(cb->b[i].r, x, y)) return cb->b[i].act;
    return UI_NONE;
}

const CtlButton *ctl_button(const ControlBar *cb, UiAction act)
{
    for (int i = 0; i < cb->n; i++)
        if (cb->b[i].act == act) return &cb->b[i];
    return NULL;
}

/* ---- drawing ---- */

static void tri_right(const Draw *d, int x, int cy, int s, Rgba c)
{
    draw_tri(d, (float)x, (float)(cy - s / 2), (float)x, (float)(cy + s / 2), (float)(x + s * 7 / 8), (float)cy, c);
}

static void tri_left(const Draw *d, int x, int cy, int s, Rgba c)
{
    draw_tri(d, (float)(x + s * 7 / 8), (float)(cy - s / 2), (float)(x + s * 7 / 8), (float)(cy + s / 2), (float)x,
             (float)cy, c);
}

/* The scrubber's note mark: a small downward triangle. */
static void note_mark(const Draw *d, int x, int cy, int s, Rgba c)
{
    draw_tri(d, (float)x, (float)(cy - s / 2), (float)(x + s), (float)(cy - s / 2), (float)(x + s / 2),
             (float)(cy + s / 2), c);
}

/* Icons are shapes, not glyphs: they read without colour and need no font coverage. */
static void draw_icon(const Draw *d, Icon ic, int x, int cy, int s, Rgba ink, bool on, bool playing)
{
    int bar = s / 4 > 1 ? s / 4 : 2;
    switch (ic) {
    case IC_PLAY:
        if (playing) {
            draw_rect(d, (Rect){x + s / 8, cy - s / 2, s / 3, s}, ink);
            draw_rect(d, (Rect){x + s * 5 / 8, cy - s / 2, s / 3, s}, ink);
        } else {
            tri_right(d, x + s / 8, cy, s, ink);
        }
        break;
    case IC_FWD:
        tri_right(d, x, cy, s * 3 / 4 + 2, ink);
        draw_rect(d, (Rect){x + s - bar, cy - s / 2, bar, s}, ink);
        break;
    case IC_BACK:
        draw_rect(d, (Rect){x, cy - s / 2, bar, s}, ink);
        tri_left(d, x + s / 4, cy, s * 3 / 4 + 2, ink);
        break;
    case IC_RESTART:
        draw_rect(d, (Rect){x, cy - s / 2, bar, s}, ink);
        tri_left(d, x + bar, cy, s * 5 / 8, ink);
        tri_left(d, x + bar + s * 3 / 8, cy, s * 5 / 8, ink);
        break;
    case IC_NOTE_PREV:
        tri_left(d, x, cy, s * 5 / 8, ink);
        note_mark(d, x + s * 5 / 8, cy, s * 3 / 8 + 2, d->pal->marker);
        break;
    case IC_NOTE_NEXT:
        note_mark(d, x, cy, s * 3 / 8 + 2, d->pal->marker);
        tri_right(d, x + s * 3 / 8 + 2, cy, s * 5 / 8, ink);
        break;
    case IC_TOGGLE: {
        /* A box, ticked when on: the state without relying on colour. */
        Rect b = {x, cy - s / 2, s, s};
        draw_frame(d, b, dline(d, 2), ink);
        if (on) {
            float t = (float)dline(d, 3);
            draw_line(d, (float)x + s * 0.2f, (float)cy, (float)x + s * 0.42f, (float)cy + s * 0.25f, t, ink);
            draw_line(d, (float)x + s * 0.42f, (float)cy + s * 0.25f, (float)x + s * 0.82f, (float)cy - s * 0.3f, t, ink);
        }
        break;
    }
    case IC_NONE: break;
    }
}

static bool is_on(UiAction act, const CtlState *st)
{
    switch (act) {
    case UI_SPEED_SLOW: return st->speed == 0;
    case UI_SPEED_NORMAL: return st->speed == 1;
    case UI_SPEED_FAST: return st->speed == 2;
    case UI_AUTOSTOP: return st->autostop;
    case UI_EVENTS: return st->events;
    case UI_CLASS: return st->class_mode;
    default: return false;
    }
}

static void button_shape(const Draw *d, const CtlButton *b, Rgba fill, Rgba edge)
{
    /* Joined buttons are square and share their edges: the speeds read as one switch. */
    if (b->seg_left || b->seg_right) {
        draw_rect(d, b->r, fill);
        draw_frame(d, b->r, dline(d, 1), edge);
        return;
    }
    draw_round(d, b->r, dp(d, 8), fill);
    draw_round_frame(d, b->r, dp(d, 8), dline(d, 1), edge);
}

static void draw_button(const Draw *d, const ControlBar *cb, const CtlButton *b, const CtlState *st)
{
    const Palette *p = d->pal;
    const Spec *sp = spec_of(b->act);
    Metrics m = metrics(d, cb->shrink);
    bool on = is_on(b->act, st);
    bool inverted = on && sp->icon != IC_TOGGLE;   /* the current speed */
    bool hover = st->hover_x >= 0 && rect_has(b->r, st->hover_x, st->hover_y);
    bool dim = !st->has_notes && (b->act == UI_NOTE_PREV || b->act == UI_NOTE_NEXT);
    Rgba fill = inverted ? p->heading : hover ? p->highlight : p->card;
    Rgba ink = inverted ? p->bg : dim ? p->text_dim : p->text;
    Rgba hint_ink = inverted ? p->bg : p->text_dim;
    button_shape(d, b, fill, inverted ? p->heading : p->card_edge);

    const char *label = shows_label(sp, cb->icons_only) ? ctl_label(b->act, st) : NULL;
    const char *hint = hint_of(b->act);
    int lw = label ? text_w(d, FACE_BOLD, m.label_px, label) : 0;
    int row1 = (sp->icon != IC_NONE ? m.icon : 0) + (label && sp->icon != IC_NONE ? m.gap : 0) + lw;
    int cy1 = b->r.y + b->r.h * 9 / 24, cy2 = b->r.y + b->r.h * 18 / 24;
    if (!*hint) cy1 = rect_cy(b->r);
    int x = rect_cx(b->r) - row1 / 2;
    if (sp->icon != IC_NONE) {
        draw_icon(d, sp->icon, x, cy1, m.icon, ink, on, st->playing);
        x += m.icon + m.gap;
    }
    if (label) draw_text(d, FACE_BOLD, m.label_px, ink, x, cy1, TA_LEFT | TA_MIDDLE, label);
    if (*hint) draw_text(d, FACE_SANS, m.hint_px, hint_ink, rect_cx(b->r), cy2, TA_CENTER | TA_MIDDLE, hint);
}

void ctl_draw(const Draw *d, const ControlBar *cb, const CtlState *st)
{
    const Palette *p = d->pal;
    draw_rect(d, cb->area, p->panel);
    draw_rect(d, (Rect){cb->area.x, cb->area.y, cb->area.w, dline(d, 1)}, p->panel_edge);
    for (int i = 0; i < cb->n; i++) draw_button(d, cb, &cb->b[i], st);
}
