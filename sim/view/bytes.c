/* bytes.c - the byte strip (see bytes.h). */
#include <stdio.h>
#include <string.h>

#include "core/content.h"
#include "view/bytes.h"

#define LANE_CHUNKS 6

typedef struct {
    int64_t off, len;        /* the push: bytes [off, off + len) of the content */
    int64_t doff, dlen;      /* its 'data': what the consumer got (a string may be shorter) */
    bool has_data;
} Chunk;

/* The source's chunks shown so far, oldest first; returns how many (at most max, the newest). */
static int lane_chunks(const Scene *s, int src, Chunk *out, int max)
{
    Chunk tmp[LANE_CHUNKS];
    int n = 0;
    const LoggedEvent *data = NULL;
    for (int k = 0; n < max; k++) {
        const LoggedEvent *le = scene_shown_event(s, k);
        if (!le) break;
        const Event *e = &le->ev;
        if (e->subject != src || !e->has_content) continue;
        if (e->kind == EV_DATA) data = le;
        if (e->kind != EV_PUSH || e->eof) continue;
        Chunk *c = &tmp[n++];
        c->off = e->coff;
        c->len = e->bytes;
        /* The newest 'data' after this push (seen first, going back in time) is its own. */
        c->has_data = data != NULL;
        if (data) {
            c->doff = data->ev.coff;
            c->dlen = data->ev.bytes;
        }
        data = NULL;
    }
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    return n;
}

/* Text with each U+FFFD as a marked box; returns the x after it. */
static int draw_decoded(const Draw *d, int x, int y, int fs, Rgba ink, const char *text, int right, int lane,
                        BytesMarks *marks)
{
    const Palette *p = d->pal;
    static const char fffd[] = "\xEF\xBF\xBD";
    const char *t = text;
    while (*t && x < right) {
        const char *hit = strstr(t, fffd);
        size_t run = hit ? (size_t)(hit - t) : strlen(t);
        if (run > 0) {
            char buf[256];
            if (run >= sizeof buf) run = sizeof buf - 1;
            memcpy(buf, t, run);
            buf[run] = 0;
            x += draw_text_fit(d, FACE_MONO, fs, ink, x, y, TA_LEFT | TA_MIDDLE, right - x, buf);
        }
        if (!hit) break;
        int bw, bh;
        text_size(d->tc, FACE_BOLD, fs, fffd, &bw, &bh);
        Rect box = {x + dp(d, 1), y - bh / 2 - dp(d, 2), bw + dp(d, 6), bh + dp(d, 4)};
        draw_round(d, box, dp(d, 3), p->error);
        draw_text(d, FACE_BOLD, fs, p->error_text, rect_cx(box), rect_cy(box), TA_CENTER | TA_MIDDLE, fffd);
        if (marks && marks->n < BYTES_MAX_MARKS) {
            marks->mark[marks->n] = box;
            marks->lane[marks->n++] = lane;
        }
        x = box.x + box.w + dp(d, 2);
        t = hit + 3;
    }
    return x;
}

static void draw_lane(const Draw *d, Rect r, const Scene *s, int src, BytesMarks *marks)
{
    const Palette *p = d->pal;
    const StreamDef *def = &s->sc->streams[src];
    int pad = dp(d, 10), fs = dfont(d, 14), fm = dfont(d, 13);
    int x = r.x + pad;
    int y1 = r.y + r.h / 4, y2 = r.y + r.h * 3 / 5, y3 = r.y + r.h - dp(d, 9);
    draw_rect(d, (Rect){x, y1 - dp(d, 6), dp(d, 12), dp(d, 12)}, palette_series(p, src));
    draw_text_fit(d, FACE_BOLD, fs, p->heading, x + dp(d, 18), y1, TA_LEFT | TA_MIDDLE, dp(d, 150), def->id);
    draw_text_alt(d, FACE_SANS, dfont(d, 12), p->text_dim, x, y2, TA_LEFT | TA_MIDDLE, dp(d, 170),
                  def->encoding_utf8 ? "setEncoding('utf8'): strings" : "Buffers: chunk.toString()",
                  def->encoding_utf8 ? "setEncoding('utf8')" : "chunk.toString()");
    x += dp(d, 176);
    Chunk ch[LANE_CHUNKS];
    int n = lane_chunks(s, src, ch, LANE_CHUNKS);
    char joined[512] = "";
    int right = r.x + r.w - pad;
    for (int i = 0; i < n; i++) {
        char hex[400], spaced[600], text[256];
        content_hex(def, ch[i].off, ch[i].len, hex, sizeof hex);
        /* "54 6f 74": one byte per pair, as a hex dump shows them. */
        size_t o = 0;
        for (size_t k = 0; hex[k] && hex[k + 1] && o + 4 < sizeof spaced; k += 2) {
            if (k) spaced[o++] = ' ';
            spaced[o++] = hex[k];
            spaced[o++] = hex[k + 1];
        }
        spaced[o] = 0;
        text[0] = 0;
        char piece[240] = "";
        if (ch[i].has_data) content_decode(def, ch[i].doff, ch[i].dlen, piece, sizeof piece);
        strncat(joined, piece, sizeof joined - strlen(joined) - 1);
        /* Quoted, so a trailing space ('Total: 10 ') shows. */
        snprintf(text, sizeof text, "'%s'", piece);
        int hw, hh;
        text_size(d->tc, FACE_MONO, fm, spaced, &hw, &hh);
        int w = hw + dp(d, 12);
        if (x + w > right) w = right - x;
        if (w < dp(d, 40)) break;
        Rect box = {x, y1 - hh / 2 - dp(d, 3), w, hh + dp(d, 6)};
        draw_round(d, box, dp(d, 4), p->card);
        draw_round_frame(d, box, dp(d, 4), dline(d, 1), palette_series(p, src));
        draw_text_fit(d, FACE_MONO, fm, p->text, box.x + dp(d, 6), y1, TA_LEFT | TA_MIDDLE, w - dp(d, 12), spaced);
        if (ch[i].has_data) draw_decoded(d, box.x + dp(d, 4), y2, fs, p->heading, text, box.x + w, src, marks);
        else draw_text(d, FACE_SANS, dfont(d, 12), p->text_dim, box.x + dp(d, 4), y2, TA_LEFT | TA_MIDDLE, "(not read yet)");
        x += w + dp(d, 10);
    }
    if (n == 0) draw_text(d, FACE_SANS, dfont(d, 13), p->text_dim, x, y1, TA_LEFT | TA_MIDDLE, "no chunk yet");
    int jx = r.x + pad + dp(d, 176);
    jx += draw_text(d, FACE_SANS, dfont(d, 13), p->text_dim, jx, y3, TA_LEFT | TA_MIDDLE, "the text so far:  ");
    char quoted[520];
    snprintf(quoted, sizeof quoted, "'%s'", joined);
    draw_decoded(d, jx, y3, dfont(d, 16), p->heading, quoted, right, src, marks);
}

void bytes_draw(const Draw *d, Rect r, const Scene *s, BytesMarks *marks)
{
    if (marks) marks->n = 0;
    if (r.w <= 0 || r.h <= 0) return;
    const Palette *p = d->pal;
    draw_round(d, r, dp(d, 8), p->panel);
    int lanes = 0;
    for (int i = 0; i < s->sc->nstreams; i++) lanes += s->sc->streams[i].content != NULL;
    if (lanes == 0) return;
    int head = dp(d, 24);
    draw_text(d, FACE_BOLD, dfont(d, 15), p->heading, r.x + dp(d, 12), r.y + dp(d, 6), TA_LEFT | TA_TOP,
              "The bytes in each chunk, and the text they give");
    int lh = (r.h - head) / lanes, k = 0;
    for (int i = 0; i < s->sc->nstreams; i++) {
        if (!s->sc->streams[i].content) continue;
        Rect lane = {r.x, r.y + head + k * lh, r.w, lh};
        if (k > 0) draw_rect(d, (Rect){r.x + dp(d, 10), lane.y, r.w - dp(d, 20), dline(d, 1)}, p->panel_edge);
        draw_lane(d, lane, s, i, marks);
        k++;
    }
}
