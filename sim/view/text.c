/* text.c - text line cache (see text.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/safetext.h"
#include "view/text.h"

#define TC_MIN_CAP 512
#define TC_KEEP_FRAMES 90   /* an entry survives a cleanup if used this recently */

typedef struct {
    uint64_t hash;          /* 0 = empty slot */
    char *str;
    int face, px;
    Rgba color;
    SDL_Texture *tex;       /* NULL for an empty string */
    int w, h;
    unsigned last;          /* frame of last use */
} TextEntry;

struct TextCache {
    SDL_Renderer *r;
    Fonts *fonts;
    TextEntry *e;
    int cap, count;         /* cap is a power of two; count <= cap / 2 after cleanup */
    unsigned frame;
    bool report_cuts;       /* HIGHWATER_REPORT_CUTS set: every line cut with "…" is named on stderr */
    /* HIGHWATER_REPORT_OVERLAPS set: texts of one frame whose ink boxes meet
     * are named on stderr at text_frame_end (for the render tests). */
    bool report_overlaps;
    struct DrawnText { SDL_Rect r; char s[48]; } *drawn;
    int ndrawn, capdrawn;
};

static uint64_t key_hash(int face, int px, Rgba c, const char *s)
{
    uint64_t h = 1469598103934665603ull;   /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) h = (h ^ *p) * 1099511628211ull;
    h = (h ^ (uint64_t)face) * 1099511628211ull;
    h = (h ^ (uint64_t)px) * 1099511628211ull;
    h = (h ^ ((uint64_t)c.r << 24 | (uint64_t)c.g << 16 | (uint64_t)c.b << 8 | c.a)) * 1099511628211ull;
    return h ? h : 1;
}

TextCache *text_create(SDL_Renderer *r, Fonts *fonts)
{
    TextCache *tc = calloc(1, sizeof *tc);
    if (!tc) return NULL;
    tc->e = calloc(TC_MIN_CAP, sizeof *tc->e);
    if (!tc->e) {
        free(tc);
        return NULL;
    }
    tc->r = r;
    tc->fonts = fonts;
    /* How the screenshots are checked for cut text: a cut is a line that did not fit. */
    const char *rc = getenv("HIGHWATER_REPORT_CUTS");
    tc->report_cuts = rc && *rc;
    const char *ro = getenv("HIGHWATER_REPORT_OVERLAPS");
    tc->report_overlaps = ro && *ro;
    tc->cap = TC_MIN_CAP;
    return tc;
}

static void entry_free(TextEntry *e)
{
    if (e->tex) SDL_DestroyTexture(e->tex);
    free(e->str);
    memset(e, 0, sizeof *e);
}

void text_destroy(TextCache *tc)
{
    if (!tc) return;
    for (int i = 0; i < tc->cap; i++)
        if (tc->e[i].hash) entry_free(&tc->e[i]);
    free(tc->e);
    free(tc->drawn);
    free(tc);
}

static TextEntry *slot_for(TextEntry *tab, int cap, uint64_t h, int face, int px, Rgba c, const char *s)
{
    for (int i = (int)(h & (uint64_t)(cap - 1));; i = (i + 1) & (cap - 1)) {
        TextEntry *e = &tab[i];
        if (!e->hash) return e;
        if (e->hash == h && e->face == face && e->px == px && !memcmp(&e->color, &c, sizeof c) &&
            !strcmp(e->str, s))
            return e;
    }
}

/* Rebuilds the table into newcap slots, keeping entries used within
 * TC_KEEP_FRAMES (or all, when keep_all). */
static int rehash(TextCache *tc, int newcap, int keep_all)
{
    TextEntry *n = calloc((size_t)newcap, sizeof *n);
    if (!n) return -1;
    int count = 0;
    for (int i = 0; i < tc->cap; i++) {
        TextEntry *e = &tc->e[i];
        if (!e->hash) continue;
        if (!keep_all && tc->frame - e->last > TC_KEEP_FRAMES) {
            entry_free(e);
            continue;
        }
        *slot_for(n, newcap, e->hash, e->face, e->px, e->color, e->str) = *e;
        count++;
    }
    free(tc->e);
    tc->e = n;
    tc->cap = newcap;
    tc->count = count;
    return 0;
}

static TextEntry *lookup(TextCache *tc, Face face, int px, Rgba c, const char *s)
{
    uint64_t h = key_hash((int)face, px, c, s);
    TextEntry *e = slot_for(tc->e, tc->cap, h, (int)face, px, c, s);
    if (e->hash) {
        e->last = tc->frame;
        return e;
    }
    if ((tc->count + 1) * 4 > tc->cap * 3) {
        /* Everything is in use this frame: grow rather than thrash. */
        if (rehash(tc, tc->cap * 2, 1) != 0) return NULL;
        e = slot_for(tc->e, tc->cap, h, (int)face, px, c, s);
    }
    char *copy = strdup(s);
    if (!copy) return NULL;
    SDL_Texture *tex = NULL;
    int w = 0, hh = 0;
    TTF_Font *font = fonts_get(tc->fonts, face, px);
    if (font && *s) {
        SDL_Color col = {c.r, c.g, c.b, c.a};
        /* Scenario text may hold control characters: show them escaped. */
        char shown[1024];
        bool plain = safetext_is_plain(s);
        if (!plain) safetext_escape(shown, sizeof shown, s);
        SDL_Surface *surf = TTF_RenderUTF8_Blended(font, plain ? s : shown, col);
        if (surf) {
            tex = SDL_CreateTextureFromSurface(tc->r, surf);
            w = surf->w;
            hh = surf->h;
            SDL_FreeSurface(surf);
            if (tex) SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
        }
    } else if (font) {
        hh = TTF_FontHeight(font);
    }
    *e = (TextEntry){h, copy, (int)face, px, c, tex, w, hh, tc->frame};
    tc->count++;
    return e;
}

/* The ink of a line is narrower than its box: the font's line height keeps
 * room above the capitals and below the descenders, which lines stacked at
 * their line height share. */
static void note_drawn(TextCache *tc, SDL_Rect box, const char *s)
{
    if (tc->ndrawn == tc->capdrawn) {
        int cap = tc->capdrawn ? tc->capdrawn * 2 : 256;
        struct DrawnText *d = realloc(tc->drawn, (size_t)cap * sizeof *d);
        if (!d) return;
        tc->drawn = d;
        tc->capdrawn = cap;
    }
    struct DrawnText *d = &tc->drawn[tc->ndrawn++];
    int top = box.h / 4, bottom = box.h / 6;
    d->r = (SDL_Rect){box.x + 1, box.y + top, box.w - 2, box.h - top - bottom};
    snprintf(d->s, sizeof d->s, "%s", s);
}

void text_cover(TextCache *tc, int x, int y, int w, int h)
{
    int k = 0;
    for (int i = 0; i < tc->ndrawn; i++) {
        SDL_Rect a = tc->drawn[i].r;
        if (!(a.x < x + w && x < a.x + a.w && a.y < y + h && y < a.y + a.h)) tc->drawn[k++] = tc->drawn[i];
    }
    tc->ndrawn = k;
}

static void report_overlaps(TextCache *tc)
{
    for (int i = 0; i < tc->ndrawn; i++)
        for (int j = i + 1; j < tc->ndrawn; j++) {
            SDL_Rect a = tc->drawn[i].r, b = tc->drawn[j].r;
            if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
                fprintf(stderr, "highwater: texts overlap: '%s' and '%s'\n", tc->drawn[i].s, tc->drawn[j].s);
        }
    tc->ndrawn = 0;
}

int text_draw(TextCache *tc, Face face, int px, Rgba color, int x, int y, int align, const char *s)
{
    if (!s || !*s) return 0;
    TextEntry *e = lookup(tc, face, px, color, s);
    if (!e || !e->tex) return 0;
    int h = align & (TA_CENTER | TA_RIGHT);
    int v = align & (TA_MIDDLE | TA_BOTTOM);
    if (h == TA_CENTER) x -= e->w / 2;
    else if (h == TA_RIGHT) x -= e->w;
    if (v == TA_MIDDLE) y -= e->h / 2;
    else if (v == TA_BOTTOM) y -= e->h;
    SDL_Rect dst = {x, y, e->w, e->h};
    SDL_RenderCopy(tc->r, e->tex, NULL, &dst);
    if (tc->report_overlaps) note_drawn(tc, dst, s);
    return e->w;
}

void text_size(TextCache *tc, Face face, int px, const char *s, int *w, int *h)
{
    int tw = 0, th = 0;
    TTF_Font *font = fonts_get(tc->fonts, face, px);
    if (font) {
        th = TTF_FontHeight(font);
        if (s && *s) TTF_SizeUTF8(font, s, &tw, NULL);
    }
    if (w) *w = tw;
    if (h) *h = th;
}

/* Byte length of the longest prefix of s (at UTF-8 boundaries, at most n
 * bytes) whose width plus suffix_w fits maxw. */
static size_t fit_prefix(TTF_Font *font, const char *s, size_t n, int maxw, int suffix_w, char *tmp,
                         size_t tmplen)
{
    size_t lo = 0, hi = n < tmplen - 1 ? n : tmplen - 1;
    /* Binary search on byte length, then back off to a character start. */
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > lo && ((unsigned char)s[mid] & 0xC0) == 0x80) mid--;
        if (mid == lo) {
            /* No boundary between lo and hi's midpoint: try hi's boundary. */
            size_t m2 = hi;
            while (m2 > lo && ((unsigned char)s[m2] & 0xC0) == 0x80) m2--;
            if (m2 == lo) break;
            mid = m2;
        }
        memcpy(tmp, s, mid);
        tmp[mid] = 0;
        int w = 0;
        TTF_SizeUTF8(font, tmp, &w, NULL);
        if (w + suffix_w <= maxw) lo = mid;
        else hi = mid - 1;
    }
    while (lo > 0 && ((unsigned char)s[lo] & 0xC0) == 0x80) lo--;
    return lo;
}

int text_fit(TextCache *tc, Face face, int px, const char *s, int maxw, char *out, size_t outlen)
{
    TTF_Font *font = fonts_get(tc->fonts, face, px);
    int w = 0;
    if (!font || outlen == 0) {
        if (outlen) out[0] = 0;
        return 0;
    }
    TTF_SizeUTF8(font, s, &w, NULL);
    if (w <= maxw && strlen(s) < outlen) {
        memcpy(out, s, strlen(s) + 1);
        return w;
    }
    if (tc->report_cuts) fprintf(stderr, "highwater: cut to %d px: %s\n", maxw, s);
    int ew = 0;
    TTF_SizeUTF8(font, "…", &ew, NULL);
    char tmp[1024];
    size_t n = fit_prefix(font, s, strlen(s), maxw, ew, tmp, sizeof tmp);
    while (n > 0 && s[n - 1] == ' ') n--;
    if (n + 4 > outlen) n = outlen - 4;
    memcpy(out, s, n);
    memcpy(out + n, "…", 4);
    TTF_SizeUTF8(font, out, &w, NULL);
    return w;
}

int text_wrap(TextCache *tc, Face face, int px, const char *s, int maxw, char *lines, size_t linelen,
              int maxlines)
{
    TTF_Font *font = fonts_get(tc->fonts, face, px);
    if (!font || maxlines <= 0 || linelen < 8) return 0;
    int n = 0;
    char tmp[1024];
    while (*s && n < maxlines) {
        while (*s == ' ') s++;
        if (!*s) break;
        char *line = lines + (size_t)n * linelen;
        size_t len = strlen(s);
        int w = 0;
        size_t take = len < sizeof tmp - 1 ? len : sizeof tmp - 1;
        memcpy(tmp, s, take);
        tmp[take] = 0;
        TTF_SizeUTF8(font, tmp, &w, NULL);
        if (w <= maxw && take == len && len < linelen) {
            memcpy(line, s, len + 1);
            n++;
            break;
        }
        if (n == maxlines - 1) {
            text_fit(tc, face, px, s, maxw, line, linelen);
            n++;
            break;
        }
        size_t fit = fit_prefix(font, s, take, maxw, 0, tmp, sizeof tmp);
        if (fit >= linelen) fit = linelen - 1;
        size_t cut = fit;
        while (cut > 0 && s[cut] != ' ') cut--;
        if (cut == 0) cut = fit ? fit : 1;   /* one word wider than the line: break inside it */
        memcpy(line, s, cut);
        line[cut] = 0;
        s += cut;
        n++;
    }
    return n;
}

void text_frame_end(TextCache *tc)
{
    if (tc->report_overlaps) report_overlaps(tc);
    tc->frame++;
    if (tc->count * 2 > tc->cap) {
        int cap = tc->cap;
        rehash(tc, cap, 0);
        if (tc->count * 2 > cap) rehash(tc, cap * 2, 1);
        else if (cap > TC_MIN_CAP && tc->count * 8 < cap) rehash(tc, cap / 2, 1);
    }
}
