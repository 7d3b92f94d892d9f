/* card.c - a stream's card (see card.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "view/card.h"
#include "view/chart.h"
#include "view/fmt.h"

LightState card_light(const StreamView *v)
{
    if (!v->has_readable) return LIGHT_NONE;
    if (v->destroyed) return LIGHT_DESTROYED;
    if (v->rended) return LIGHT_ENDED;
    if (v->rflow == 1) return LIGHT_FLOWING;
    if (v->rflow == 0) return LIGHT_PAUSED;
    return LIGHT_IDLE;
}

bool stream_leaked(const Scenario *sc, const StreamView *v, int nv, int i)
{
    if (i >= nv || v[i].destroyed || v[i].closed) return false;
    for (int w = 0; w < sc->nwires; w++) {
        const WireDef *wd = &sc->wires[w];
        for (int k = 0; k + 1 < wd->n; k++) {
            int a = wd->s[k], b = wd->s[k + 1];
            if (a < 0 || b < 0 || a >= nv || b >= nv) continue;
            /* Its writer died before 'end': nobody will ever end it. */
            if (b == i && (v[a].errored || (v[a].destroyed && !v[a].rended)) && !v[i].wended) return true;
            /* Its reader died before 'finish': what it holds is never read. */
            if (a == i && (v[b].errored || (v[b].destroyed && !v[b].wfinished)) && !v[i].rended) return true;
        }
    }
    return false;
}

TankScale card_tank_scale(const StreamDef *def, const StreamView *v, int side)
{
    bool obj = side == SIDE_R ? def->robj : def->wobj;
    int64_t fallback = obj ? 1 : def->chunk > 0 ? def->chunk : 16384;
    return tank_scale(side == SIDE_R ? v->rhwm : v->whwm, fallback);
}

static double lerp64(int64_t a, int64_t b, float t)
{
    return (double)a + ((double)b - (double)a) * t;
}

static const char *kind_label(const StreamDef *def)
{
    switch (def->kind) {
    case SK_SOURCE: return def->robj ? "Readable · objectMode" : "Readable (source)";
    case SK_TRANSFORM:
        if (def->wobj && !def->robj) return "Transform · objects in";
        if (def->robj && !def->wobj) return "Transform · objects out";
        return def->robj ? "Transform · objectMode" : "Transform";
    case SK_SINK: return def->wobj ? "Writable · objectMode" : "Writable (sink)";
    }
    return "";
}

/* The kind with objectMode said in fewer letters, for a title row too narrow
 * for kind_label() (a 1920x1080 frame of five cards); NULL when the stream
 * holds bytes, whose label is short already. */
static const char *kind_medium(const StreamDef *def)
{
    switch (def->kind) {
    case SK_SOURCE: return def->robj ? "Readable · objects" : NULL;
    case SK_TRANSFORM:
        if (def->wobj != def->robj) return def->wobj ? "Transform · obj in" : "Transform · obj out";
        return def->robj ? "Transform · objects" : NULL;
    case SK_SINK: return def->wobj ? "Writable · objects" : NULL;
    }
    return NULL;
}

/* The longest of the kind's three forms that fits maxw at px. */
static const char *kind_fitting(const Draw *d, int px, int maxw, const StreamDef *def)
{
    const char *forms[] = {kind_label(def), kind_medium(def)};
    for (int i = 0; i < 2; i++) {
        int w = 0, h = 0;
        if (!forms[i]) continue;
        text_size(d->tc, FACE_SANS, px, forms[i], &w, &h);
        if (w <= maxw) return forms[i];
    }
    return NULL;
}

/* The kind in one word, for a compact card whose title row is narrow. */
static const char *kind_short(const StreamDef *def)
{
    return def->kind == SK_SOURCE ? "Readable" : def->kind == SK_TRANSFORM ? "Transform" : "Writable";
}

static void draw_pill(const Draw *d, Rect r, Rgba fill, bool outline, Rgba edge)
{
    int rad = r.h / 2;
    if (outline) {
        draw_round(d, r, rad, d->pal->card);
        draw_round_frame(d, r, rad, dline(d, 2), edge);
    } else {
        draw_round(d, r, rad, fill);
    }
}

/* Icon + word, centred in r; the word shrinks to an abbreviation if needed. */
static void pill_label(const Draw *d, Rect r, Rgba ink, int icon, const char *word, const char *shortw)
{
    int fs = dfont(d, 14);
    int icon_w = icon ? r.h - dp(d, 12) : 0;
    int gap = icon ? dp(d, 6) : 0;
    int tw, th;
    text_size(d->tc, FACE_BOLD, fs, word, &tw, &th);
    if (tw + icon_w + gap > r.w - dp(d, 16) && shortw) {
        word = shortw;
        text_size(d->tc, FACE_BOLD, fs, word, &tw, &th);
    }
    if (tw + icon_w + gap > r.w - dp(d, 16)) {
        fs = dfont(d, 12);
        text_size(d->tc, FACE_BOLD, fs, word, &tw, &th);
    }
    /* The pill's colour already says what the icon says; the words are the
     * part a student reads, so the icon yields first. */
    if (tw + icon_w + gap > r.w - dp(d, 16) && icon) icon = 0, icon_w = 0, gap = 0;
    /* Then the call's name: "→false" is what write() returned (a compact
     * transform card's half-width pill in the projector palette). */
    const char *arrow = strstr(word, "→");
    if (tw + icon_w + gap > r.w - dp(d, 16) && arrow && arrow != word) {
        word = arrow;
        text_size(d->tc, FACE_BOLD, fs, word, &tw, &th);
    }
    int total = tw + icon_w + gap;
    int x = r.x + (r.w - total) / 2;
    if (x < r.x + dp(d, 6)) x = r.x + dp(d, 6);
    int cy = r.y + r.h / 2;
    float a = (float)icon_w / 2.0f;
    float cx = (float)x + a;
    switch (icon) {
    case 1: /* play: flowing */
        draw_tri(d, cx - a * 0.7f, (float)cy - a, cx - a * 0.7f, (float)cy + a, cx + a, (float)cy, ink);
        break;
    case 2: /* pause bars: paused */
        draw_rect(d, (Rect){(int)(cx - a * 0.8f), (int)((float)cy - a), (int)(a * 0.6f), (int)(2 * a)}, ink);
        draw_rect(d, (Rect){(int)(cx + a * 0.2f), (int)((float)cy - a), (int)(a * 0.6f), (int)(2 * a)}, ink);
        break;
    case 3: /* a bar across a disc: writes refused until 'drain' */
        draw_disc(d, (int)cx, cy, (int)a, ink);
        draw_rect(d, (Rect){(int)(cx - a * 0.65f), cy - dp(d, 2), (int)(a * 1.3f), dp(d, 4)},
                  ink.r ? (Rgba){0, 0, 0, 255} : d->pal->warn);
        break;
    case 4: /* check: ended */
        draw_line(d, cx - a * 0.8f, (float)cy, cx - a * 0.2f, (float)cy + a * 0.6f, (float)dline(d, 3), ink);
        draw_line(d, cx - a * 0.2f, (float)cy + a * 0.6f, cx + a * 0.9f, (float)cy - a * 0.7f, (float)dline(d, 3),
                  ink);
        break;
    default: break;
    }
    /* Still too wide (a very short pill): the word is cut where it can be seen, never spilt. */
    draw_text_fit(d, FACE_BOLD, fs, ink, x + icon_w + gap, cy, TA_LEFT | TA_MIDDLE, r.x + r.w - dp(d, 6) - x - icon_w - gap,
                  word);
}

static void draw_light(const Draw *d, Rect r, LightState st)
{
    const Palette *p = d->pal;
    switch (st) {
    case LIGHT_FLOWING:
        draw_pill(d, r, p->flowing, false, p->flowing);
        pill_label(d, r, palette_ink_on(p->flowing), 1, "FLOWING", "FLOW");
        break;
    case LIGHT_PAUSED:
        draw_pill(d, r, p->paused, false, p->paused);
        pill_label(d, r, palette_ink_on(p->paused), 2, "PAUSED", "PAUSE");
        break;
    case LIGHT_IDLE:
        draw_pill(d, r, p->card, true, p->idle);
        pill_label(d, r, p->text_dim, 0, "NOT FLOWING", "IDLE");
        break;
    case LIGHT_ENDED:
        draw_pill(d, r, p->card, true, p->done);
        pill_label(d, r, p->text, 4, "'end' emitted", "ended");
        break;
    case LIGHT_DESTROYED:
        draw_pill(d, r, p->card, true, p->destroyed);
        pill_label(d, r, p->text_dim, 0, "DESTROYED", "DEAD");
        break;
    case LIGHT_NONE: break;
    }
}

static void draw_wstate(const Draw *d, Rect r, const StreamView *v, float pulse)
{
    const Palette *p = d->pal;
    if (v->destroyed) return;
    if (v->wfinished) {
        draw_pill(d, r, p->card, true, p->done);
        pill_label(d, r, p->text, 4, "'finish' emitted", "finished");
    } else if (v->needdrain) {
        if (pulse > 0) {
            Rect g = {r.x - dp(d, 4), r.y - dp(d, 4), r.w + dp(d, 8), r.h + dp(d, 8)};
            draw_round(d, g, g.h / 2, rgba_alpha(p->warn, (int)(pulse * 150)));
        }
        draw_pill(d, r, p->warn, false, p->warn);
        pill_label(d, r, palette_ink_on(p->warn), 3, "write() → false", "write→false");
    } else if (v->wended) {
        draw_pill(d, r, p->card, true, p->idle);
        pill_label(d, r, p->text_dim, 0, "end() called", "ending");
    } else {
        draw_pill(d, r, p->card, true, p->card_edge);
        pill_label(d, r, p->text_dim, 0, "write() → true", "write→true");
    }
}

/* A tag sitting on the card's top edge, if it fits before right; returns
 * the x for the next one. */
static int draw_tag(const Draw *d, int x, int right, int y, int h, Rgba bg, Rgba ink, bool warn_icon, const char *s)
{
    int fs = dfont(d, 12);
    int tw, th;
    text_size(d->tc, FACE_BOLD, fs, s, &tw, &th);
    int icon = warn_icon ? h - dp(d, 8) : 0;
    int w = tw + dp(d, 16) + (icon ? icon + dp(d, 4) : 0);
    if (x + w > right) return x;
    draw_round(d, (Rect){x, y, w, h}, dp(d, 6), bg);
    int tx = x + dp(d, 8);
    if (icon) {
        /* A warning triangle: the shape says "error" without colour. */
        float cx = (float)tx + (float)icon / 2, top = (float)(y + dp(d, 4)), bot = (float)(y + h - dp(d, 4));
        draw_tri(d, cx, top, cx - (float)icon / 2, bot, cx + (float)icon / 2, bot, ink);
        draw_rect(d, (Rect){(int)cx - dp(d, 1), (int)top + dp(d, 4), dp(d, 2), (int)(bot - top) - dp(d, 8)}, bg);
        tx += icon + dp(d, 4);
    }
    draw_text(d, FACE_BOLD, fs, ink, tx, y + h / 2, TA_LEFT | TA_MIDDLE, s);
    return x + w + dp(d, 6);
}

const char *card_work_call(const StreamDef *def, const StreamView *v, int writev_chunks)
{
    if (def->kind == SK_TRANSFORM) return "_transform";
    return v->inflight > 0 && def->writev && writev_chunks > 0 ? "_writev" : "_write";
}

static void draw_work(const Draw *d, Rect r, const StreamDef *def, const StreamView *v, int writev_chunks)
{
    const Palette *p = d->pal;
    int fs = dfont(d, 12);
    char a[32], b[32], line[96], shorter[96];
    if (r.w <= 0 || r.h <= 0) return;   /* a very short card has no work bar */
    if (def->kind == SK_SOURCE) {
        const char *s, *sh;
        Rgba c = p->text_dim;
        if (def->ignores_backpressure) {
            s = "pushes whatever happens!";
            sh = "ignores false!";
            c = p->warn;
        } else if (v->rended || v->destroyed) {
            s = sh = "";
        } else if (v->reading) {
            s = "_read() asked: producing";
            sh = "_read() asked";
            c = p->text;
        } else {
            s = "not asked to _read()";
            sh = "not asked";
        }
        draw_text_alt(d, FACE_SANS, fs, c, r.x + r.w / 2, r.y + r.h / 2, TA_CENTER | TA_MIDDLE, r.w, s, sh);
        return;
    }
    const char *fn = card_work_call(def, v, writev_chunks);
    if (v->held) {
        /* Node holds a transform's callback while its readable side is full:
         * the input side then fills up behind it. */
        draw_round(d, r, r.h / 2, p->warn);
        draw_text_alt(d, FACE_BOLD, fs, palette_ink_on(p->warn), r.x + r.w / 2, r.y + r.h / 2, TA_CENTER | TA_MIDDLE,
                      r.w - dp(d, 8), "callback held: output full", "held: output full");
        return;
    }
    /* A muted bar, so the words on it read the same over done and to-do. */
    draw_round(d, r, r.h / 2, rgba_mix(p->card, p->bg, 0.6f));
    if (v->inflight > 0) {
        double f = (double)v->inflight_done / (double)v->inflight;
        if (f > 1) f = 1;
        int w = (int)(f * r.w);
        if (w > 0) draw_round(d, (Rect){r.x, r.y, w < r.h ? r.h : w, r.h}, r.h / 2, rgba_mix(p->flowing, p->card, 0.45f));
        snprintf(line, sizeof line, "%s %s / %s", fn, fmt_units(v->inflight_done, def->wobj, a, sizeof a),
                 fmt_units(v->inflight, def->wobj, b, sizeof b));
        snprintf(shorter, sizeof shorter, "%s / %s", a, b);
    } else {
        snprintf(line, sizeof line, "%s idle", fn);
        snprintf(shorter, sizeof shorter, "idle");
    }
    draw_round_frame(d, r, r.h / 2, dline(d, 1), p->card_edge);
    draw_text_alt(d, FACE_SANS, fs, v->inflight > 0 ? p->text : p->text_dim, r.x + r.w / 2, r.y + r.h / 2,
                  TA_CENTER | TA_MIDDLE, r.w - dp(d, 8), line, shorter);
}

/* One line of segments, centred in r at y; changed segments in the accent colour, bold. */
typedef struct {
    char text[64];
    bool changed;
} Seg;

/* Draws the segments (draw false: only measures); returns the height their
 * lines take. */
static int draw_segments(const Draw *d, Rect r, int y, int px, Rgba ink, const Seg *seg, int n, bool draw)
{
    const char *sep = " · ";
    int sepw, h, w[4];
    text_size(d->tc, FACE_SANS, px, sep, &sepw, &h);
    for (int i = 0; i < n; i++) text_size(d->tc, seg[i].changed ? FACE_BOLD : FACE_SANS, px, seg[i].text, &w[i], &h);
    /* Too wide for one line: break between segments (never inside one), the
     * lines stacked upward from y so the last stays where one line would be. */
    int start[5], nl = 0, lw[4];
    for (int i = 0; i < n; i++) {
        if (nl > 0 && lw[nl - 1] + sepw + w[i] <= r.w) {
            lw[nl - 1] += sepw + w[i];
            continue;
        }
        start[nl] = i;
        lw[nl++] = w[i];
    }
    start[nl] = n;
    if (!draw) return nl * h;
    for (int l = 0; l < nl; l++) {
        int ly = y - (nl - 1 - l) * h;
        int x = r.x + (r.w - lw[l]) / 2;
        if (x < r.x) x = r.x;
        for (int i = start[l]; i < start[l + 1]; i++) {
            if (i > start[l]) x += draw_text(d, FACE_SANS, px, ink, x, ly, TA_LEFT | TA_BOTTOM, sep);
            x += draw_text_fit(d, seg[i].changed ? FACE_BOLD : FACE_SANS, px, seg[i].changed ? d->pal->marker : ink, x, ly,
                               TA_LEFT | TA_BOTTOM, r.x + r.w - x, seg[i].text);
        }
    }
    return nl * h;
}

/* "49 MiB = 3152 × hwm": a buffer over its mark says by how much, in
 * numbers, since the tank's log zone only hints at it. */
static bool over_text(int64_t len, int64_t hwm, bool obj, char *out, size_t outlen)
{
    if (hwm <= 0 || len <= hwm) return false;
    char a[32];
    double m = (double)len / (double)hwm;
    if (m < 9.95) snprintf(out, outlen, "%s = %.1f × hwm", fmt_units(len, obj, a, sizeof a), m);
    else snprintf(out, outlen, "%s = %.0f × hwm", fmt_units(len, obj, a, sizeof a), m);
    return true;
}

static void draw_info(const Draw *d, Rect r, const StreamDef *def, const StreamView *v, const StreamDef *was)
{
    const Palette *p = d->pal;
    char a[32], b[32], l1[128], l1s[128] = "";
    bool over = false;
    int f1 = dfont(d, 14), f2 = dfont(d, 12);
    Seg seg[4];
    int n = 0;
    bool hwm_changed = was && (was->rhwm != def->rhwm || was->whwm != def->whwm);
    bool rate_changed = was && was->rate != def->rate;
    switch (def->kind) {
    case SK_SOURCE:
        over = over_text(v->rlen, v->rhwm, def->robj, l1, sizeof l1);
        if (!over) snprintf(l1, sizeof l1, "%s buffered", fmt_units(v->rlen, def->robj, a, sizeof a));
        snprintf(l1s, sizeof l1s, "%s", fmt_units(v->rlen, def->robj, a, sizeof a));
        snprintf(seg[n].text, sizeof seg[n].text, "hwm %s", fmt_units(v->rhwm, def->robj, b, sizeof b));
        seg[n++].changed = hwm_changed;
        break;
    case SK_TRANSFORM:
        snprintf(l1, sizeof l1, "in %s · out %s", fmt_units(v->wlen, def->wobj, a, sizeof a),
                 fmt_units(v->rlen, def->robj, b, sizeof b));
        /* Shorter: the tanks beneath are labelled in and out. */
        snprintf(l1s, sizeof l1s, "%s · %s", a, b);
        if (v->whwm > 0 && v->wlen > v->whwm) {
            char in[64];
            over = over_text(v->wlen, v->whwm, def->wobj, in, sizeof in);
            snprintf(l1, sizeof l1, "in %s · out %s", in, fmt_units(v->rlen, def->robj, b, sizeof b));
            snprintf(l1s, sizeof l1s, "in %s", in);
        } else if (v->rhwm > 0 && v->rlen > v->rhwm) {
            char out[64];
            over = over_text(v->rlen, v->rhwm, def->robj, out, sizeof out);
            snprintf(l1, sizeof l1, "in %s · out %s", fmt_units(v->wlen, def->wobj, a, sizeof a), out);
            snprintf(l1s, sizeof l1s, "out %s", out);
        }
        snprintf(seg[n].text, sizeof seg[n].text, "hwm %s", fmt_units(v->whwm, def->wobj, b, sizeof b));
        seg[n++].changed = hwm_changed;
        if (def->ratio_num != def->ratio_den) {
            snprintf(seg[n].text, sizeof seg[n].text, "ratio %lld/%lld", (long long)def->ratio_num,
                     (long long)def->ratio_den);
            seg[n++].changed = false;
        }
        break;
    case SK_SINK:
        over = over_text(v->wlen, v->whwm, def->wobj, l1, sizeof l1);
        if (!over) snprintf(l1, sizeof l1, "%s buffered", fmt_units(v->wlen, def->wobj, a, sizeof a));
        snprintf(l1s, sizeof l1s, "%s", fmt_units(v->wlen, def->wobj, a, sizeof a));
        snprintf(seg[n].text, sizeof seg[n].text, "hwm %s", fmt_units(v->whwm, def->wobj, b, sizeof b));
        seg[n++].changed = hwm_changed;
        break;
    }
    bool rate_obj = def->kind == SK_SOURCE ? def->robj : def->wobj;
    /* Readable.from() has no rate: each _read pushes the next items at once. */
    if (def->kind == SK_SOURCE && def->from_array)
        snprintf(seg[n].text, sizeof seg[n].text, "%lld items, on demand", (long long)def->total);
    else
        snprintf(seg[n].text, sizeof seg[n].text, "%s/tick", fmt_units(v->rate, rate_obj, b, sizeof b));
    seg[n++].changed = rate_changed;
    if (was && def->kind == SK_SOURCE && was->chunk != def->chunk) {
        snprintf(seg[n].text, sizeof seg[n].text, "chunk %s", fmt_units(def->chunk, false, b, sizeof b));
        seg[n++].changed = true;
    }
    if (over) {
        /* Large, on the warning colour: the number a class should read. */
        int fo = dfont(d, 17), tw, th;
        text_size(d->tc, FACE_BOLD, fo, l1, &tw, &th);
        if (tw + dp(d, 12) > r.w) {
            fo = f1;
            text_size(d->tc, FACE_BOLD, fo, l1, &tw, &th);
        }
        if (tw + dp(d, 12) > r.w && *l1s) {
            /* Still too wide: the number over the mark alone, the rest is in the tank. */
            memcpy(l1, l1s, sizeof l1);
            text_size(d->tc, FACE_BOLD, fo, l1, &tw, &th);
        }
        const char *times = strstr(l1, "= ");
        if (tw + dp(d, 12) > r.w && times) {
            /* Narrower still: "4.0 × hwm", the size being in the tank's own scale. */
            memmove(l1, times + 2, strlen(times + 2) + 1);
            text_size(d->tc, FACE_BOLD, fo, l1, &tw, &th);
        }
        int w = tw + dp(d, 12) < r.w ? tw + dp(d, 12) : r.w;
        Rect pill = {r.x + (r.w - w) / 2, r.y - dp(d, 3), w, th + dp(d, 3)};
        draw_round(d, pill, dp(d, 5), p->warn);
        draw_text_fit(d, FACE_BOLD, fo, palette_ink_on(p->warn), rect_cx(pill), r.y - dp(d, 2), TA_CENTER | TA_TOP, r.w - dp(d, 8),
                      l1);
    } else {
        /* The whole line, or its shorter form, in the body size; else the smaller type. */
        int tw, tws = 0, th, fl = f1;
        text_size(d->tc, FACE_BOLD, fl, l1, &tw, &th);
        if (*l1s) text_size(d->tc, FACE_BOLD, fl, l1s, &tws, &th);
        if (tw > r.w && (!*l1s || tws > r.w)) {
            fl = f2;
            text_size(d->tc, FACE_BOLD, fl, *l1s ? l1s : l1, &tws, &th);
            /* Objects are counted: their counts alone, the unit being in the hwm line. */
            if (tws > r.w && def->kind == SK_TRANSFORM && (def->wobj || def->robj))
                snprintf(l1s, sizeof l1s, "%lld · %lld", (long long)v->wlen, (long long)v->rlen);
        }
        draw_text_alt(d, FACE_BOLD, fl, p->text, r.x + r.w / 2, r.y, TA_CENTER | TA_TOP, r.w, l1, *l1s ? l1s : NULL);
    }
    /* The hwm / rate line under the bold one, as much of it as fits (a short
     * card keeps the hwm, a very short one only the bold line): never over
     * the bold line. */
    int l1h;
    text_size(d->tc, FACE_BOLD, over ? dfont(d, 17) : f1, "0", NULL, &l1h);
    int room = r.h - l1h;
    while (n > 0 && draw_segments(d, r, r.y + r.h, f2, p->text_dim, seg, n, false) > room) n--;
    if (n > 0) draw_segments(d, r, r.y + r.h, f2, p->text_dim, seg, n, true);
}

/* "was hwm 16 KiB · 8 KiB/tick": the file's values of what changed. */
static void was_text(const StreamDef *def, const StreamDef *was, char *out, size_t len)
{
    char a[32], part[64];
    out[0] = 0;
    snprintf(out, len, "was");
    if (was->rhwm != def->rhwm || was->whwm != def->whwm) {
        /* The side the card's numbers show: a source's readable side, else the writable side. */
        bool obj = def->kind == SK_SOURCE ? def->robj : def->wobj;
        snprintf(part, sizeof part, " hwm %s", fmt_units(def->kind == SK_SOURCE ? was->rhwm : was->whwm, obj, a, sizeof a));
        strncat(out, part, len - strlen(out) - 1);
    }
    if (was->rate != def->rate) {
        bool obj = def->kind == SK_SOURCE ? def->robj : def->wobj;
        snprintf(part, sizeof part, "%s %s/tick", strlen(out) > 3 ? " ·" : "", fmt_units(was->rate, obj, a, sizeof a));
        strncat(out, part, len - strlen(out) - 1);
    }
    if (def->kind == SK_SOURCE && was->chunk != def->chunk) {
        snprintf(part, sizeof part, "%s chunk %s", strlen(out) > 3 ? " ·" : "", fmt_units(was->chunk, false, a, sizeof a));
        strncat(out, part, len - strlen(out) - 1);
    }
    if (strlen(out) <= 3) out[0] = 0;
}

/* Past the rim the fill is on a log scale, so the zone says how many times
 * the highWaterMark is buffered; the exact size is in the numbers below. */
static void draw_big_number(const Draw *d, Rect over, TankScale sc, double len)
{
    if (len <= (double)sc.cap || over.h <= 0 || sc.hwm <= 0) return;
    char line[64];
    double m = len / (double)sc.hwm;
    if (m < 9.95) snprintf(line, sizeof line, "%.1f× hwm", m);
    else snprintf(line, sizeof line, "%.0f× hwm", m);
    int fs = dfont(d, 13);
    int tw, th;
    text_size(d->tc, FACE_BOLD, fs, line, &tw, &th);
    if (tw + dp(d, 8) > over.w + dp(d, 12)) {
        /* Narrow tank: the multiple alone. */
        *strchr(line, ' ') = 0;
        text_size(d->tc, FACE_BOLD, fs, line, &tw, &th);
    }
    Rect r = {over.x + over.w / 2 - tw / 2 - dp(d, 4), over.y, tw + dp(d, 8), th + dp(d, 2)};
    draw_round(d, r, dp(d, 4), d->pal->fill_log);
    draw_text(d, FACE_BOLD, fs, palette_ink_on(d->pal->fill_log), rect_cx(r), rect_cy(r), TA_CENTER | TA_MIDDLE, line);
}

void card_draw(const Draw *d, const CardBox *b, const StreamDef *def, const CardInput *in)
{
    const Palette *p = d->pal;
    const StreamView *v = in->cur, *nx = in->next;
    int rad = dp(d, 10);
    Rgba bg = v->destroyed ? rgba_mix(p->card, p->bg, 0.5f) : p->card;
    draw_round(d, b->card, rad, bg);
    if (v->destroyed) draw_hatch(d, rect_inset(b->card, rad / 2), dp(d, 14), dp(d, 2), rgba_alpha(p->destroyed, 60));
    Rgba edge = v->errored ? p->error : in->hover ? p->heading : p->card_edge;
    draw_round_frame(d, b->card, rad, v->errored ? dline(d, 4) : dline(d, 2), edge);
    if (in->focus) {
        /* Outside the card, so it never covers what the card says. */
        int g = dp(d, 5);
        Rect ring = {b->card.x - g, b->card.y - g, b->card.w + 2 * g, b->card.h + 2 * g};
        draw_round_frame(d, ring, rad + g, dp(d, 4), p->marker);
    }

    /* Title: the chart's swatch ties the card to its band in the memory chart. */
    int sw = dp(d, 14);
    Rect t = b->title;
    draw_rect(d, (Rect){t.x, t.y + dp(d, 5), sw, sw}, palette_series(p, in->series));
    /* A long name steps down to the body size before it is cut. */
    int name_px = dfont(d, 19), nw0, nh0;
    text_size(d->tc, FACE_BOLD, name_px, def->id, &nw0, &nh0);
    if (nw0 > t.w - sw - dp(d, 8)) name_px = dfont(d, 15);
    int nw = draw_text_fit(d, FACE_BOLD, name_px, v->destroyed ? p->text_dim : p->heading, t.x + sw + dp(d, 8),
                           t.y, TA_LEFT | TA_TOP, t.w - sw - dp(d, 8), def->id);
    if (t.h >= dp(d, 40)) {
        const char *kind = kind_fitting(d, dfont(d, 13), t.w - sw - dp(d, 8), def);
        draw_text_fit(d, FACE_SANS, dfont(d, 13), p->text_dim, t.x + sw + dp(d, 8), t.y + dp(d, 26), TA_LEFT | TA_TOP,
                      t.w - sw - dp(d, 8), kind ? kind : kind_label(def));
    } else if (t.w - sw - dp(d, 18) - nw > 0) { /* a compact card: the kind follows the name, in one word if need be */
        const char *k = kind_fitting(d, dfont(d, 13), t.w - sw - dp(d, 18) - nw, def);
        draw_text_alt(d, FACE_SANS, dfont(d, 13), p->text_dim, t.x + sw + dp(d, 18) + nw, t.y + dp(d, 5),
                      TA_LEFT | TA_TOP, t.w - sw - dp(d, 18) - nw, k ? k : kind_label(def), kind_short(def));
    }

    if (b->light.w > 0) draw_light(d, b->light, card_light(v));
    if (b->wstate.w > 0) draw_wstate(d, b->wstate, v, in->wfalse);

    for (int side = 0; side < 2; side++) {
        if (b->tank[side].w <= 0) continue;
        TankScale sc = card_tank_scale(def, v, side);
        double len = side == SIDE_R ? lerp64(v->rlen, nx->rlen, in->alpha) : lerp64(v->wlen, nx->wlen, in->alpha);
        bool obj = side == SIDE_R ? def->robj : def->wobj;
        TankLook look = {len, obj, v->destroyed, side == SIDE_W ? in->drain : 0.0f,
                         def->kind == SK_TRANSFORM && side == SIDE_W};
        tank_draw(d, b->tank[side], b->over[side], sc, look);
        draw_big_number(d, b->over[side], sc, len);
        if (def->kind == SK_TRANSFORM) {
            const char *lab = side == SIDE_W ? "in" : "out";
            draw_text(d, FACE_SANS, dfont(d, 12), p->text_dim, rect_cx(b->tank[side]),
                      rect_bottom(b->tank[side]) + tank_wall_px(d) + dp(d, 1), TA_CENTER | TA_TOP, lab);
        }
    }
    if (in->drain > 0 && b->tank[SIDE_W].w > 0 && v->wlen == 0) {
        /* The word as well as the glow: 'drain' is the event students look for.
         * Only in an empty tank, since 'drain' means the buffer emptied: once
         * the tick refilled it (the end of a tick that wrote again), the word
         * in a full tank would contradict it; the "'drain' at tick N" tag
         * stays. */
        Rect tk = b->tank[SIDE_W];
        int fs = dfont(d, 15);
        int tw, th;
        text_size(d->tc, FACE_BOLD, fs, "'drain'", &tw, &th);
        Rect r = {rect_cx(tk) - tw / 2 - dp(d, 6), tk.y + tk.h / 2 - th, tw + dp(d, 12), th + dp(d, 4)};
        draw_round(d, r, dp(d, 6), rgba_alpha(p->drain, (int)(255 * in->drain)));
        draw_text(d, FACE_BOLD, fs, rgba_alpha((Rgba){0, 0, 0, 255}, (int)(255 * in->drain)), rect_cx(r),
                  rect_cy(r), TA_CENTER | TA_MIDDLE, "'drain'");
    }
    draw_work(d, b->work, def, v, in->writev_chunks);
    draw_info(d, b->info, def, v, in->was);

    /* Tags along the top edge, most serious first. */
    int x = b->tag.x, y = b->tag.y, h = b->tag.h, right = b->tag.x + b->tag.w;
    char s[64];
    if (v->errored) {
        snprintf(s, sizeof s, "ERROR %s", in->error_code ? in->error_code : "");
        x = draw_tag(d, x, right, y, h, p->error, p->error_text, true, s);
    }
    /* A readable side's light already says DESTROYED; a sink needs the tag. */
    if (v->destroyed && b->light.w == 0)
        x = draw_tag(d, x, right, y, h, p->destroyed, (Rgba){0, 0, 0, 255}, false, "destroyed");
    if (in->leaked) x = draw_tag(d, x, right, y, h, p->error, p->error_text, true, "LEAK: left open");
    if (v->corked && !v->destroyed) x = draw_tag(d, x, right, y, h, p->series[2], (Rgba){0, 0, 0, 255}, false, "corked");
    if (in->was) {
        char was[160];
        was_text(def, in->was, was, sizeof was);
        if (*was) x = draw_tag(d, x, right, y, h, p->marker, palette_ink_on(p->marker), false, was);
    }
    MemSplit ms = hist_mem_split(v);
    if (ms.retained > 0) {
        /* Not in any buffer: held by the application's kept slices (chart.h's grey band). */
        char a[32];
        snprintf(s, sizeof s, "retained by kept slices: %s", fmt_bytes(ms.retained, a, sizeof a));
        x = draw_tag(d, x, right, y, h, chart_retained_colour(p), palette_ink_on(chart_retained_colour(p)), false, s);
    }
    if (in->drained_at >= 0 && b->tank[SIDE_W].w > 0 && !v->destroyed) {
        snprintf(s, sizeof s, "'drain' at tick %lld", (long long)in->drained_at);
        x = draw_tag(d, x, right, y, h, p->drain, (Rgba){0, 0, 0, 255}, false, s);
    }

    (void)x;
}
