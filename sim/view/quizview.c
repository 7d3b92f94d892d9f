/* quizview.c - the class-mode question band (see quizview.h). */
#include <stdio.h>
#include <string.h>

#include "view/quizview.h"

#define MAX_ASK_LINES 3
#define MAX_WHY_LINES 4

typedef struct {
    int x, w;                  /* the band's horizontal extent */
    int pad;
    int fs_ask, fs_choice, fs_why;
    int nask, nwhy;
    char ask[MAX_ASK_LINES][400];
    char why[MAX_WHY_LINES][400];
    int pill_h, cols, rows, pill_w;
    int h;                     /* total height */
} Plan;

/* Measures everything; the band's height follows from its text. */
static void plan(const Draw *d, const Layout *l, const QuestionDef *q, const Quiz *z, Plan *pl)
{
    int m = dp(d, 10);
    pl->x = m;
    pl->w = l->w - 2 * m;
    pl->pad = dp(d, 18);
    int inner = pl->w - 2 * pl->pad;
    pl->fs_ask = dfont(d, 25);
    pl->fs_choice = dfont(d, 20);
    pl->fs_why = dfont(d, 18);
    pl->nask = text_wrap(d->tc, FACE_BOLD, pl->fs_ask, q->ask, inner, &pl->ask[0][0], sizeof pl->ask[0], MAX_ASK_LINES);
    pl->nwhy = 0;
    if (z->phase == QUIZ_REVEAL) {
        char why[1200];
        snprintf(why, sizeof why, "Why: %s", q->why ? q->why : "");
        pl->nwhy = text_wrap(d->tc, FACE_SANS, pl->fs_why, why, inner, &pl->why[0][0], sizeof pl->why[0], MAX_WHY_LINES);
    }
    /* Choices side by side when they fit, else two per row. */
    pl->pill_h = dp(d, 42);
    int widest = 0, gap = dp(d, 14);
    for (int i = 0; i < q->nchoices; i++) {
        int tw, th;
        text_size(d->tc, FACE_BOLD, pl->fs_choice, q->choices[i] ? q->choices[i] : "", &tw, &th);
        if (tw > widest) widest = tw;
    }
    int need = widest + pl->pill_h + dp(d, 40);   /* number disc, text, check mark */
    pl->cols = q->nchoices;
    while (pl->cols > 1 && pl->cols * need + (pl->cols - 1) * gap > inner) pl->cols = pl->cols > 2 ? 2 : 1;
    pl->rows = (q->nchoices + pl->cols - 1) / pl->cols;
    pl->pill_w = (inner - (pl->cols - 1) * gap) / pl->cols;
    if (pl->pill_w > need + dp(d, 120) && pl->cols == q->nchoices) pl->pill_w = need + dp(d, 120);
    int lh_ask = pl->fs_ask + dp(d, 8), lh_why = pl->fs_why + dp(d, 7);
    pl->h = pl->pad + dp(d, 30) + dp(d, 8) + pl->nask * lh_ask + dp(d, 10) + pl->rows * (pl->pill_h + dp(d, 10)) +
            (z->phase == QUIZ_REVEAL ? dp(d, 4) + pl->nwhy * lh_why : 0) + pl->pad - dp(d, 10);
}

static Rect band_rect(const Draw *d, const Layout *l, const Plan *pl)
{
    int bottom = l->scrub.h > 0 ? l->scrub.y - dp(d, 6) : l->h - dp(d, 6);
    int top = bottom - pl->h;
    int min_top = l->caption.y + l->caption.h + dp(d, 6);
    if (top < min_top) top = min_top;
    return (Rect){pl->x, top, pl->w, bottom - top};
}

Rect quizview_rect(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z)
{
    const QuestionDef *q = quiz_question(z, sc);
    if (!q) return (Rect){0, 0, 0, 0};
    Plan pl;
    plan(d, l, q, z, &pl);
    return band_rect(d, l, &pl);
}

/* Where choice i is drawn inside the band r (drawing and the pointer both use it). */
static Rect choice_rect(const Draw *d, const Plan *pl, Rect r, int i)
{
    int gap = dp(d, 14);
    int y = r.y + pl->pad + dp(d, 30) + dp(d, 8) + pl->nask * (pl->fs_ask + dp(d, 8)) + dp(d, 10);
    int col = i % pl->cols, row = i / pl->cols;
    return (Rect){r.x + pl->pad + col * (pl->pill_w + gap), y + row * (pl->pill_h + dp(d, 10)), pl->pill_w, pl->pill_h};
}

Rect quizview_choice_rect(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z, int i)
{
    const QuestionDef *q = quiz_question(z, sc);
    if (!q || i < 0 || i >= q->nchoices) return (Rect){0, 0, 0, 0};
    Plan pl;
    plan(d, l, q, z, &pl);
    return choice_rect(d, &pl, band_rect(d, l, &pl), i);
}

int quizview_choice_at(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z, int x, int y)
{
    const QuestionDef *q = quiz_question(z, sc);
    if (!q) return -1;
    Plan pl;
    plan(d, l, q, z, &pl);
    Rect r = band_rect(d, l, &pl);
    for (int i = 0; i < q->nchoices; i++)
        if (rect_has(choice_rect(d, &pl, r, i), x, y)) return i;
    return -1;
}

static void check_mark(const Draw *d, int cx, int cy, int a, Rgba c)
{
    draw_line(d, (float)(cx - a), (float)cy, (float)(cx - a / 3), (float)(cy + a * 2 / 3), (float)dline(d, 4), c);
    draw_line(d, (float)(cx - a / 3), (float)(cy + a * 2 / 3), (float)(cx + a), (float)(cy - a * 2 / 3),
              (float)dline(d, 4), c);
}

static void cross_mark(const Draw *d, int cx, int cy, int a, Rgba c)
{
    draw_line(d, (float)(cx - a), (float)(cy - a), (float)(cx + a), (float)(cy + a), (float)dline(d, 4), c);
    draw_line(d, (float)(cx - a), (float)(cy + a), (float)(cx + a), (float)(cy - a), (float)dline(d, 4), c);
}

void quizview_draw(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z)
{
    const QuestionDef *q = quiz_question(z, sc);
    if (!q) return;
    const Palette *p = d->pal;
    Plan pl;
    plan(d, l, q, z, &pl);
    Rect r = band_rect(d, l, &pl);
    bool reveal = z->phase == QUIZ_REVEAL;
    /* A soft shadow line above, then the band itself. */
    draw_round(d, (Rect){r.x - dp(d, 3), r.y - dp(d, 3), r.w + dp(d, 6), r.h + dp(d, 6)}, dp(d, 14),
               rgba_alpha(p->shade, 140));
    draw_round(d, r, dp(d, 12), p->panel);
    draw_round_frame(d, r, dp(d, 12), dline(d, 3), reveal ? p->done : p->marker);

    int x = r.x + pl.pad, y = r.y + pl.pad;
    char badge[64];
    int nq = quiz_count(sc);
    snprintf(badge, sizeof badge, "QUESTION %d/%d", z->q + 1, nq);
    int bw, bh;
    text_size(d->tc, FACE_BOLD, dfont(d, 15), badge, &bw, &bh);
    Rect b = {x, y, bw + dp(d, 18), dp(d, 30)};
    Rgba bbg = reveal ? p->done : p->marker;
    draw_round(d, b, dp(d, 6), bbg);
    draw_text(d, FACE_BOLD, dfont(d, 15), palette_ink_on(bbg), rect_cx(b), rect_cy(b), TA_CENTER | TA_MIDDLE, badge);
    char when[96];
    if (reveal)
        snprintf(when, sizeof when, "the answer: tick %lld", (long long)q->at);
    else if (z->picked >= 0)
        snprintf(when, sizeof when, "what will tick %lld do? chosen: %d", (long long)q->at, z->picked + 1);
    else
        snprintf(when, sizeof when, "what will tick %lld do? Think first", (long long)q->at);
    draw_text(d, FACE_SANS, dfont(d, 16), p->text_dim, b.x + b.w + dp(d, 12), rect_cy(b), TA_LEFT | TA_MIDDLE, when);
    char kb[64];
    if (reveal) snprintf(kb, sizeof kb, "Space or a click  continue");
    else snprintf(kb, sizeof kb, "1-%d or a click  choose    again or Space  reveal", q->nchoices);
    draw_text(d, FACE_BOLD, dfont(d, 16), p->text, r.x + r.w - pl.pad, rect_cy(b), TA_RIGHT | TA_MIDDLE, kb);
    y += dp(d, 30) + dp(d, 8);

    int lh_ask = pl.fs_ask + dp(d, 8);
    for (int i = 0; i < pl.nask; i++, y += lh_ask)
        draw_text(d, FACE_BOLD, pl.fs_ask, p->heading, x, y, TA_LEFT | TA_TOP, pl.ask[i]);
    y += dp(d, 10);

    for (int i = 0; i < q->nchoices; i++) {
        Rect c = choice_rect(d, &pl, r, i);
        bool right = i == q->answer, picked = i == z->picked;
        Rgba fill = p->card, ink = p->text, edge = p->card_edge;
        int edge_w = dline(d, 2);
        if (reveal && right) {
            fill = p->done;
            ink = palette_ink_on(p->done);
            edge = p->done;
        } else if (reveal) {
            ink = p->text_dim;
            if (picked) {
                edge = p->error;
                edge_w = dline(d, 3);
            }
        } else if (picked) {
            edge = p->marker;
            edge_w = dline(d, 4);
        }
        draw_round(d, c, dp(d, 10), fill);
        draw_round_frame(d, c, dp(d, 10), edge_w, edge);
        /* The number to press, in a disc. */
        int rad = pl.pill_h / 2 - dp(d, 7);
        int cx = c.x + dp(d, 8) + rad, cy = rect_cy(c);
        Rgba disc = reveal && right ? ink : picked && !reveal ? p->marker : p->text_dim;
        draw_disc(d, cx, cy, rad, disc);
        char num[16];
        snprintf(num, sizeof num, "%d", i + 1);
        draw_text(d, FACE_BOLD, dfont(d, 17), reveal && right ? fill : palette_ink_on(disc), cx, cy, TA_CENTER | TA_MIDDLE, num);
        int tx = cx + rad + dp(d, 12);
        int mark = reveal && (right || picked) ? dp(d, 34) : 0;
        draw_text_fit(d, FACE_BOLD, pl.fs_choice, ink, tx, cy, TA_LEFT | TA_MIDDLE, c.x + c.w - tx - mark - dp(d, 8),
                      q->choices[i] ? q->choices[i] : "");
        if (reveal && right) check_mark(d, c.x + c.w - dp(d, 22), cy, dp(d, 10), ink);
        else if (reveal && picked) cross_mark(d, c.x + c.w - dp(d, 22), cy, dp(d, 8), p->error);
    }
    y += pl.rows * (pl.pill_h + dp(d, 10)) + dp(d, 4);

    int lh_why = pl.fs_why + dp(d, 7);
    if (reveal)
        for (int i = 0; i < pl.nwhy; i++, y += lh_why)
            draw_text(d, FACE_SANS, pl.fs_why, p->text, x, y, TA_LEFT | TA_TOP, pl.why[i]);
}
