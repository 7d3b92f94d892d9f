/* code.c - the Node.js for the wiring (see code.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "view/code.h"

#include "export/jsnames.h"

#define B(k) (1u << (k))

static CodeLine *add(CodeListing *c, int wire, bool comment, uint32_t on_src, uint32_t on_dst, const char *fmt,
                     ...)
{
    if (c->n >= CODE_MAX_LINES) return NULL;
    CodeLine *l = &c->line[c->n++];
    memset(l, 0, sizeof *l);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->text, sizeof l->text, fmt, ap);
    va_end(ap);
    l->comment = comment;
    l->wire = wire;
    l->on_src = on_src;
    l->on_dst = on_dst;
    return l;
}

static void chain(const JsNames *nm, const WireDef *w, const char *sep, char *out, size_t len)
{
    out[0] = 0;
    for (int k = 0; k < w->n; k++) {
        size_t n = strlen(out);
        snprintf(out + n, len - n, "%s%s", k ? sep : "", nm->name[w->s[k]]);
    }
}

static void pipe_internals(CodeListing *c, int wi)
{
    CodeLine *l = add(c, wi, true, B(EV_DATA), B(EV_WRITE), "//   on 'data': dest.write(chunk)");
    if (l) l->on_false = true;
    add(c, wi, true, B(EV_PAUSE), 0, "//     false? src.pause()");
    add(c, wi, true, B(EV_RESUME), B(EV_DRAIN), "//   on 'drain': src.resume()");
}

/* A pipeline with an async generator stage, one argument per line: the
 * generator's loop is the code a student writes, so its lines light up
 * with the chunk it takes ('data' on the stream before it) and with what
 * pipeline() does with each yield (write() on the stream after it). */
static void generator_stage(CodeListing *c, const JsNames *nm, const WireDef *w, int wi, const char *call)
{
    char g[JS_NAME_MAX];
    js_gen_name(w, g);
    for (int k = 0; k < w->n; k++) {
        if (k > 0 && k == w->gen_at) {
            add(c, wi, false, 0, 0, "  async function* %s(source) {", g);
            add(c, wi, false, B(EV_DATA), 0, "    for await (const c of source)");
            CodeLine *l = add(c, wi, false, 0, B(EV_WRITE), "      yield c; // pipeline() writes it");
            if (l) l->on_false = true;
            add(c, wi, true, 0, B(EV_DRAIN), "      // false? next pull after 'drain'");
            add(c, wi, false, 0, 0, "  },");
        }
        add(c, wi, false, 0, 0, k == 0 ? "%s%s," : "  %s,", k == 0 ? call : nm->name[w->s[k]],
            k == 0 ? nm->name[w->s[k]] : "");
    }
}

void code_build(CodeListing *c, const Scenario *sc)
{
    memset(c, 0, sizeof *c);
    JsNames nm;
    js_names(sc, &nm);
    const char *a, *b;
    char buf[CODE_LINE_MAX];
    static const char *const cls[] = {"Readable", "Transform", "Writable"};
    for (int i = 0; i < sc->nstreams; i++) {
        const StreamDef *s = &sc->streams[i];
        /* Readable.from() is the whole declaration: the array is all the student writes */
        if (s->from_array && s->rhwm == 1) {
            add(c, -1, false, 0, 0, "const %s = Readable.from(items);", nm.name[i]);
        } else if (s->from_array) {
            /* two lines: one would not fit the panel's width */
            add(c, -1, false, 0, 0, "const %s = Readable.from(items,", nm.name[i]);
            add(c, -1, false, 0, 0, "  { highWaterMark: %lld });", (long long)s->rhwm);
        } else
            add(c, -1, false, 0, 0, "const %s = new %s(…);", nm.name[i], cls[s->kind]);
    }
    for (int wi = 0; wi < sc->nwires; wi++) {
        const WireDef *w = &sc->wires[wi];
        add(c, wi, false, 0, 0, "%s", "");
        a = nm.name[w->s[0]];
        b = nm.name[w->s[w->n > 1 ? 1 : 0]];
        switch (w->kind) {
        case WIRE_PIPE: {
            char s[CODE_LINE_MAX] = "";
            for (int k = 1; k < w->n; k++) {
                size_t n = strlen(s);
                snprintf(s + n, sizeof s - n, ".pipe(%s%s)", nm.name[w->s[k]], w->end ? "" : ", {end:false}");
            }
            add(c, wi, false, B(EV_PIPE), B(EV_PIPE), "%s%s;", a, s);
            add(c, wi, true, 0, 0, "// pipe() then does, per hop:");
            pipe_internals(c, wi);
            add(c, wi, true, B(EV_END), B(EV_FINISH), "//   on 'end': dest.end()");
            break;
        }
        case WIRE_PIPELINE:
            if (w->gen_at > 0) {
                generator_stage(c, &nm, w, wi, "pipeline(");
                add(c, wi, false, B(EV_PIPELINE), B(EV_PIPELINE), "  (err) => log(err ?? 'done'));");
                break;
            }
            chain(&nm, w, ", ", buf, sizeof buf);
            add(c, wi, false, 0, 0, "pipeline(%s,", buf);
            add(c, wi, false, B(EV_PIPELINE), B(EV_PIPELINE), "  (err) => log(err ?? 'done'));");
            add(c, wi, true, 0, 0, "// like pipe() per hop, and on error");
            add(c, wi, true, B(EV_ERROR), B(EV_ERROR), "// it destroys every stream");
            pipe_internals(c, wi);
            break;
        case WIRE_PIPELINE_PROMISE:
            if (w->gen_at > 0) {
                generator_stage(c, &nm, w, wi, "await pipeline(");
                CodeLine *l = c->n > 0 ? &c->line[c->n - 1] : NULL;
                if (l && l->wire == wi) {
                    size_t n = strlen(l->text);
                    if (n > 0 && l->text[n - 1] == ',')
                        snprintf(l->text + n - 1, sizeof l->text - (n - 1), ");");
                    l->on_src |= B(EV_PIPELINE);
                    l->on_dst |= B(EV_PIPELINE);
                }
                break;
            }
            chain(&nm, w, ", ", buf, sizeof buf);
            add(c, wi, false, B(EV_PIPELINE), B(EV_PIPELINE), "await pipeline(%s);", buf);
            add(c, wi, true, B(EV_ERROR), B(EV_ERROR), "// like pipe(), and rejects on error");
            pipe_internals(c, wi);
            break;
        case WIRE_NAIVE: {
            add(c, wi, false, B(EV_DATA), 0, "%s.on('data', (c) => {", a);
            CodeLine *l = add(c, wi, false, 0, B(EV_WRITE), "  %s.write(c); // result ignored", b);
            if (l) l->on_false = true;
            add(c, wi, false, 0, 0, "});");
            add(c, wi, false, B(EV_END), B(EV_FINISH), "%s.on('end', () => %s.end());", a, b);
            break;
        }
        case WIRE_MANUAL: {
            add(c, wi, false, B(EV_DATA), 0, "%s.on('data', (c) => {", a);
            CodeLine *l = add(c, wi, false, 0, B(EV_WRITE), "  if (!%s.write(c))", b);
            if (l) l->on_false = true;
            add(c, wi, false, B(EV_PAUSE), 0, "    %s.pause();", a);
            add(c, wi, false, 0, 0, "});");
            add(c, wi, false, B(EV_RESUME), B(EV_DRAIN), "%s.on('drain', () => %s.resume());", b, a);
            add(c, wi, false, B(EV_END), B(EV_FINISH), "%s.on('end', () => %s.end());", a, b);
            break;
        }
        case WIRE_FOR_AWAIT: {
            add(c, wi, false, B(EV_DATA), 0, "for await (const c of %s) {", a);
            CodeLine *l = add(c, wi, false, 0, B(EV_WRITE), "  if (!%s.write(c))", b);
            if (l) l->on_false = true;
            add(c, wi, false, 0, B(EV_DRAIN), "    await once(%s, 'drain');", b);
            add(c, wi, false, 0, 0, "}");
            add(c, wi, false, 0, B(EV_FINISH) | B(EV_PREFINISH), "%s.end();", b);
            break;
        }
        case WIRE_READABLE: {
            add(c, wi, false, B(EV_READABLE), 0, "%s.on('readable', () => {", a);
            add(c, wi, false, 0, 0, "  let c;");
            add(c, wi, false, B(EV_DATA), 0, "  while ((c = %s.read()) !== null)", a);
            CodeLine *l = add(c, wi, false, 0, B(EV_WRITE), "    %s.write(c);", b);
            if (l) l->on_false = true;
            add(c, wi, false, 0, 0, "});");
            add(c, wi, false, B(EV_END), B(EV_FINISH), "%s.on('end', () => %s.end());", a, b);
            break;
        }
        default: break;
        }
    }
}

void code_active(const CodeListing *c, const Scenario *sc, const LoggedEvent *ev, int n, uint8_t *lit)
{
    memset(lit, 0, CODE_MAX_LINES);
    for (int i = 0; i < n; i++) {
        const Event *e = &ev[i].ev;
        if (e->subject < 0) continue;
        uint32_t bit = B(e->kind);
        bool refused = e->kind == EV_WROTE && e->ret == 0;
        for (int li = 0; li < c->n; li++) {
            const CodeLine *l = &c->line[li];
            if (l->wire < 0 || l->wire >= sc->nwires) continue;
            const WireDef *w = &sc->wires[l->wire];
            for (int k = 0; k + 1 < w->n; k++) {
                bool src = w->s[k] == e->subject, dst = w->s[k + 1] == e->subject;
                if ((src && (l->on_src & bit)) || (dst && (l->on_dst & bit))) {
                    if (!lit[li]) lit[li] = 1;
                }
                if (dst && refused && l->on_false) lit[li] = 2;
            }
        }
    }
}

void code_draw(const Draw *d, Rect r, const CodeListing *c, const uint8_t *lit)
{
    const Palette *p = d->pal;
    draw_rect(d, r, p->panel);
    draw_rect(d, (Rect){r.x, r.y, dline(d, 1), r.h}, p->panel_edge);
    int pad = dp(d, 12);
    int y = r.y + dp(d, 8);
    draw_text(d, FACE_BOLD, dfont(d, 15), p->heading, r.x + pad, y, TA_LEFT | TA_TOP, "The code (C)");
    y += dp(d, 28);
    int fs = dfont(d, 13);
    int lh = fs + dp(d, 6);
    for (int i = 0; i < c->n && y + lh <= r.y + r.h; i++) {
        const CodeLine *l = &c->line[i];
        if (!l->text[0]) {
            y += lh / 2;
            continue;
        }
        if (lit && lit[i]) {
            Rgba hl = lit[i] == 2 ? rgba_alpha(p->warn, 110) : p->highlight;
            draw_rect(d, (Rect){r.x + dp(d, 4), y - dp(d, 1), r.w - dp(d, 8), lh}, hl);
            draw_rect(d, (Rect){r.x + dp(d, 4), y - dp(d, 1), dp(d, 4), lh}, lit[i] == 2 ? p->warn : p->heading);
        }
        Rgba col = l->comment ? p->text_dim : p->text;
        int w = draw_text_fit(d, FACE_MONO, fs, col, r.x + pad, y, TA_LEFT | TA_TOP, r.w - 2 * pad, l->text);
        if (lit && lit[i] == 2 && w + dp(d, 80) < r.w - 2 * pad)
            draw_text(d, FACE_BOLD, dfont(d, 13), p->warn_text, r.x + r.w - pad, y, TA_RIGHT | TA_TOP, "→ false");
        y += lh;
    }
}
