/* export_js.c - writes a scenario as a standalone Node.js program (export_js.h). */
#include "export/export_js.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

extern const char highwater_driver_js[];
extern const size_t highwater_driver_js_len;

#define JS_NAME_MAX (SC_ID_MAX + 8)
#define COMMENT_WIDTH 76

/* The JavaScript variable that holds each stream inside wire(). */
typedef struct {
    char name[SC_MAX_STREAMS][JS_NAME_MAX];
} JsNames;

/* Names a stream variable may not take: JavaScript's reserved words and the
 * names the generated code itself uses. */
static const char *const taken_names[] = {
    "arguments", "await", "break", "case", "catch", "class", "const", "continue",
    "debugger", "default", "delete", "do", "else", "enum", "eval", "export",
    "extends", "false", "finally", "for", "function", "if", "implements", "import",
    "in", "instanceof", "interface", "let", "new", "null", "package", "private",
    "protected", "public", "return", "static", "super", "switch", "this", "throw",
    "true", "try", "typeof", "var", "void", "while", "with", "yield",
    "undefined", "NaN", "Infinity", "async", "of",
    "SCENARIO", "wire", "streams", "report", "pipeline", "streamPromises", "once",
    "chunk", "err", "require", "module", "exports", "process", "Buffer", "console",
};

static bool is_js_identifier(const char *s)
{
    if (!(isalpha((unsigned char)s[0]) || s[0] == '_' || s[0] == '$'))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '$'))
            return false;
    return true;
}

static bool name_in_use(const JsNames *names, int assigned_upto, const bool *assigned, const char *cand)
{
    for (size_t i = 0; i < sizeof taken_names / sizeof taken_names[0]; i++)
        if (!strcmp(taken_names[i], cand))
            return true;
    for (int i = 0; i < assigned_upto; i++)
        if (assigned[i] && !strcmp(names->name[i], cand))
            return true;
    return false;
}

/* Stream ids that already are free identifiers keep their name; the others
 * ("my-file", "new") become the nearest free one ("my_file", "new_"). Ids that
 * keep their name are assigned first, so a renamed id never steals one. */
static void js_names(const Scenario *sc, JsNames *names)
{
    bool assigned[SC_MAX_STREAMS] = {false};
    for (int i = 0; i < sc->nstreams; i++) {
        const char *id = sc->streams[i].id;
        if (is_js_identifier(id) && !name_in_use(names, sc->nstreams, assigned, id)) {
            snprintf(names->name[i], JS_NAME_MAX, "%s", id);
            assigned[i] = true;
        }
    }
    for (int i = 0; i < sc->nstreams; i++) {
        if (assigned[i])
            continue;
        char cand[JS_NAME_MAX];
        snprintf(cand, sizeof cand, "%s", sc->streams[i].id);
        for (char *p = cand; *p; p++)
            if (!(isalnum((unsigned char)*p) || *p == '_'))
                *p = '_';
        size_t len = strlen(cand);
        while (name_in_use(names, sc->nstreams, assigned, cand) && len + 1 < sizeof cand) {
            cand[len++] = '_';
            cand[len] = '\0';
        }
        memcpy(names->name[i], cand, len + 1);
        assigned[i] = true;
    }
}

/* A JSON string literal, which is also a JavaScript one. */
static void put_json_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                fprintf(out, "\\u%04x", *p);
            } else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
                /* U+2028 / U+2029: line terminators to older JavaScript parsers */
                fprintf(out, "\\u%04x", p[2] == 0xa8 ? 0x2028 : 0x2029);
                p += 2;
            } else {
                fputc(*p, out);
            }
        }
    }
    fputc('"', out);
}

static const char *bool_js(bool b)
{
    return b ? "true" : "false";
}

/* ---- header comment */

/* Text inside a `//` comment must not contain a line terminator: control
 * characters and U+2028 / U+2029 become spaces. Returns the bytes consumed. */
static size_t comment_char(const unsigned char *p, char *c)
{
    if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
        *c = ' ';
        return 3;
    }
    *c = (p[0] < 0x20 || p[0] == 0x7f) ? ' ' : (char)p[0];
    return 1;
}

/* Writes `text` as `//` lines of at most COMMENT_WIDTH bytes, breaking at spaces. */
static void put_comment_paragraph(FILE *out, const char *text)
{
    char line[COMMENT_WIDTH + 1];
    size_t len = 0;
    size_t last_space = 0;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        char c;
        p += comment_char(p, &c);
        if (c == ' ' && len == 0)
            continue;
        line[len++] = c;
        if (c == ' ')
            last_space = len;
        if (len < COMMENT_WIDTH)
            continue;
        size_t cut = last_space > 0 ? last_space : len;
        size_t end = cut;
        while (end > 0 && line[end - 1] == ' ')
            end--;
        fprintf(out, "// %.*s\n", (int)end, line);
        memmove(line, line + cut, len - cut);
        len -= cut;
        last_space = 0;
        for (size_t i = 0; i < len; i++)
            if (line[i] == ' ')
                last_space = i + 1;
    }
    while (len > 0 && line[len - 1] == ' ')
        len--;
    if (len > 0)
        fprintf(out, "// %.*s\n", (int)len, line);
}

/* Writes `text` as comment text on the current line, without wrapping. */
static void put_comment_text(FILE *out, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        char c;
        p += comment_char(p, &c);
        fputc(c, out);
    }
}

static void put_header(FILE *out, const Scenario *sc, const ExportJsOrigin *origin)
{
    if (sc->title) {
        size_t n = strlen(sc->name) + strlen(sc->title) + 3;
        char *title = malloc(n);
        if (title == NULL)
            return;
        snprintf(title, n, "%s: %s", sc->name, sc->title);
        put_comment_paragraph(out, title);
        free(title);
    } else {
        put_comment_paragraph(out, sc->name);
    }
    if (sc->description) {
        fputs("//\n", out);
        put_comment_paragraph(out, sc->description);
    }
    fputs("//\n// Generated by `highwater export-js", out);
    if (origin->from) {
        fputc(' ', out);
        put_comment_text(out, origin->from);
    }
    fprintf(out, "`.\n// Run it with Node v%d:\n//\n//     node ", sc->node);
    if (origin->program) {
        put_comment_text(out, origin->program);
    } else {
        put_comment_text(out, sc->name);
        fputs(".js", out);
    }
    fputs("\n//\n"
          "// It builds the scenario's streams from Node's own stream.Readable,\n"
          "// Writable and Transform, connects them as wire() below does, plays\n"
          "// highwater's tick schedule on them (docs/tick-and-trace.md) and prints one\n"
          "// trace line per event: the same trace as `highwater run` prints from its\n"
          "// model. Where the two differ, this program (that is, Node) is right.\n\n", out);
}

/* ---- the SCENARIO literal */

static void put_stream(FILE *out, const StreamDef *d)
{
    fputs("    { id: ", out);
    put_json_string(out, d->id);
    switch (d->kind) {
    case SK_SOURCE:
        fprintf(out, ", kind: \"source\", highWaterMark: %lld, objectMode: %s, objectSize: %lld,\n",
                (long long)d->rhwm, bool_js(d->robj), (long long)d->object_size);
        fprintf(out, "      chunk: %lld, total: ", (long long)d->chunk);
        if (d->total < 0)
            fputs("Infinity", out);
        else
            fprintf(out, "%lld", (long long)d->total);
        fprintf(out, ", rate: %lld, ignoresBackpressure: %s, handleErrors: %s",
                (long long)d->rate, bool_js(d->ignores_backpressure), bool_js(d->handle_errors));
        if (d->content) {
            fputs(",\n      content: ", out);
            put_json_string(out, d->content);
            if (d->encoding_utf8)
                fputs(", encoding: \"utf8\"", out);
        }
        fputs(" },\n", out);
        break;
    case SK_TRANSFORM:
        fprintf(out, ", kind: \"transform\", readableHighWaterMark: %lld, writableHighWaterMark: %lld,\n",
                (long long)d->rhwm, (long long)d->whwm);
        fprintf(out, "      readableObjectMode: %s, writableObjectMode: %s, objectSize: %lld,\n",
                bool_js(d->robj), bool_js(d->wobj), (long long)d->object_size);
        fprintf(out, "      rate: %lld, ratio: [%lld, %lld], batch: %d, outChunk: %lld, handleErrors: %s },\n",
                (long long)d->rate, (long long)d->ratio_num, (long long)d->ratio_den, (int)d->batch,
                (long long)d->out_chunk, bool_js(d->handle_errors));
        break;
    case SK_SINK:
        fprintf(out, ", kind: \"sink\", highWaterMark: %lld, objectMode: %s, objectSize: %lld,\n",
                (long long)d->whwm, bool_js(d->wobj), (long long)d->object_size);
        fprintf(out, "      rate: %lld, sync: %s, writev: %s, handleErrors: %s",
                (long long)d->rate, bool_js(d->sync), bool_js(d->writev), bool_js(d->handle_errors));
        if (d->keep > 0)
            fprintf(out, ",\n      keep: %lld, keepCopy: %s", (long long)d->keep, bool_js(d->keep_copy));
        fputs(" },\n", out);
        break;
    }
}

static const char *action_js_name(ActionKind k)
{
    switch (k) {
    case ACT_NOTE: return "note";
    case ACT_RATE: return "rate";
    case ACT_PAUSE: return "pause";
    case ACT_RESUME: return "resume";
    case ACT_UNPIPE: return "unpipe";
    case ACT_WRITE: return "write";
    case ACT_END: return "end";
    case ACT_CORK: return "cork";
    case ACT_UNCORK: return "uncork";
    case ACT_DESTROY: return "destroy";
    case ACT_FAIL: return "fail";
    default: return "?";
    }
}

static void put_action(FILE *out, const Scenario *sc, const ActionDef *a)
{
    fprintf(out, "    { at: %lld, ", (long long)a->at);
    if (a->kind == ACT_NOTE) {
        fputs("note: ", out);
        put_json_string(out, a->text ? a->text : "");
        fputs(" },\n", out);
        return;
    }
    fprintf(out, "do: \"%s\", stream: ", action_js_name(a->kind));
    put_json_string(out, sc->streams[a->stream].id);
    if (a->kind == ACT_UNPIPE && a->target >= 0) {
        fputs(", dest: ", out);
        put_json_string(out, sc->streams[a->target].id);
    }
    if (a->kind == ACT_WRITE)
        fprintf(out, ", bytes: %lld", (long long)a->value);
    if (a->kind == ACT_RATE)
        fprintf(out, ", rate: %lld", (long long)a->value);
    if ((a->kind == ACT_DESTROY || a->kind == ACT_FAIL) && a->code[0]) {
        fputs(", error: ", out);
        put_json_string(out, a->code);
    }
    fputs(" },\n", out);
}

static void put_scenario(FILE *out, const Scenario *sc, int64_t ticks)
{
    fputs("// The scenario, with every default already resolved.\n", out);
    fputs("const SCENARIO = {\n  name: ", out);
    put_json_string(out, sc->name);
    fprintf(out, ",\n  ticks: %lld,\n  node: %d,\n", (long long)ticks, sc->node);
    if (sc->memory_limit > 0)
        fprintf(out, "  memoryLimit: %lld,\n", (long long)sc->memory_limit);
    else
        fputs("  memoryLimit: null,\n", out);
    fputs("  streams: [\n", out);
    for (int i = 0; i < sc->nstreams; i++)
        put_stream(out, &sc->streams[i]);
    fputs("  ],\n  timeline: [\n", out);
    for (int i = 0; i < sc->nactions; i++)
        put_action(out, sc, &sc->actions[i]);
    fputs("  ],\n};\n\n", out);
}

/* ---- wire(): the Node code a student would write */

static bool uses_wire(const Scenario *sc, WireKind k)
{
    for (int i = 0; i < sc->nwires; i++)
        if (sc->wires[i].kind == k)
            return true;
    return false;
}

static void put_requires(FILE *out, const Scenario *sc)
{
    bool any = false;
    if (uses_wire(sc, WIRE_PIPELINE)) {
        fputs("const { pipeline } = require('node:stream');\n", out);
        any = true;
    }
    if (uses_wire(sc, WIRE_PIPELINE_PROMISE)) {
        fputs("const streamPromises = require('node:stream/promises');\n", out);
        any = true;
    }
    if (uses_wire(sc, WIRE_FOR_AWAIT)) {
        fputs("const { once } = require('node:events');\n", out);
        any = true;
    }
    if (any)
        fputc('\n', out);
}

static void put_chain_args(FILE *out, const JsNames *nm, const WireDef *w)
{
    for (int j = 0; j < w->n; j++)
        fprintf(out, "%s%s", j ? ", " : "", nm->name[w->s[j]]);
}

static void put_wire(FILE *out, const JsNames *nm, const WireDef *w)
{
    const char *a = nm->name[w->s[0]];
    const char *b = nm->name[w->s[1]];
    const char *last = nm->name[w->s[w->n - 1]];
    switch (w->kind) {
    case WIRE_PIPE:
        fprintf(out, "  %s", a);
        for (int j = 1; j < w->n; j++)
            fprintf(out, ".pipe(%s%s)", nm->name[w->s[j]], w->end ? "" : ", { end: false }");
        fputs(";\n", out);
        break;
    case WIRE_PIPELINE:
        fputs("  pipeline(", out);
        put_chain_args(out, nm, w);
        fprintf(out, ", (err) => report.pipeline(%s, err));\n", last);
        break;
    case WIRE_PIPELINE_PROMISE:
        fputs("  streamPromises.pipeline(", out);
        put_chain_args(out, nm, w);
        fprintf(out, ").then(\n    () => report.pipeline(%s, null),\n"
                     "    (err) => report.pipeline(%s, err));\n", last, last);
        break;
    case WIRE_NAIVE:
        fprintf(out, "  // write()'s return value is ignored: nothing ever slows %s down.\n", a);
        fprintf(out, "  %s.on('data', (chunk) => %s.write(chunk));\n", a, b);
        fprintf(out, "  %s.on('end', () => %s.end());\n", a, b);
        break;
    case WIRE_MANUAL:
        fputs("  // What pipe() does, by hand: pause on false, resume on 'drain'.\n", out);
        fprintf(out, "  %s.on('data', (chunk) => {\n    if (!%s.write(chunk)) %s.pause();\n  });\n", a, b, a);
        fprintf(out, "  %s.on('drain', () => %s.resume());\n", b, a);
        fprintf(out, "  %s.on('end', () => %s.end());\n", a, b);
        break;
    case WIRE_FOR_AWAIT:
        fputs("  // The loop takes the next chunk only when the previous write allows it.\n", out);
        fprintf(out, "  (async () => {\n    try {\n      for await (const chunk of %s) {\n", a);
        fprintf(out, "        if (!%s.write(chunk)) await once(%s, 'drain');\n      }\n", b, b);
        fprintf(out, "      %s.end();\n    } catch (err) {\n      %s.destroy(err);\n    }\n  })();\n", b, b);
        break;
    case WIRE_READABLE:
        fputs("  // read() empties the buffer on every 'readable'; write()'s return value is ignored.\n", out);
        fprintf(out, "  %s.on('readable', () => {\n    let chunk;\n"
                     "    while ((chunk = %s.read()) !== null) %s.write(chunk);\n  });\n", a, a, b);
        fprintf(out, "  %s.on('end', () => %s.end());\n", a, b);
        break;
    default:
        break;
    }
}

/* `const { a, 'my-b': my_b } = streams;` for the streams the wiring uses. */
static void put_destructuring(FILE *out, const Scenario *sc, const JsNames *nm)
{
    bool used[SC_MAX_STREAMS] = {false};
    for (int i = 0; i < sc->nwires; i++)
        for (int j = 0; j < sc->wires[i].n; j++)
            used[sc->wires[i].s[j]] = true;
    bool first = true;
    for (int i = 0; i < sc->nstreams; i++) {
        if (!used[i])
            continue;
        fputs(first ? "  const { " : ", ", out);
        first = false;
        if (strcmp(sc->streams[i].id, nm->name[i])) {
            put_json_string(out, sc->streams[i].id);
            fputs(": ", out);
        }
        fputs(nm->name[i], out);
    }
    if (!first)
        fputs(" } = streams;\n", out);
}

static void put_wiring(FILE *out, const Scenario *sc)
{
    JsNames nm;
    js_names(sc, &nm);
    fputs("// The wiring: the code this lesson is about. `streams` holds the streams\n"
          "// by id; `report` prints the trace line of a pipeline's outcome.\n"
          "function wire(streams, report) {\n", out);
    put_destructuring(out, sc, &nm);
    if (sc->nwires == 0)
        fputs("  // nothing is connected\n", out);
    for (int i = 0; i < sc->nwires; i++)
        put_wire(out, &nm, &sc->wires[i]);
    fputs("}\n\n", out);
}

int export_js_with(const Scenario *sc, int64_t ticks, const ExportJsOrigin *origin, FILE *out)
{
    static const ExportJsOrigin none = {NULL, NULL};
    if (origin == NULL)
        origin = &none;
    if (ticks <= 0)
        ticks = sc->ticks;
    put_header(out, sc, origin);
    fputs("'use strict';\n\n", out);
    put_requires(out, sc);
    put_scenario(out, sc, ticks);
    put_wiring(out, sc);
    fwrite(highwater_driver_js, 1, highwater_driver_js_len, out);
    if (fflush(out) != 0 || ferror(out))
        return -1;
    return 0;
}

int export_js(const Scenario *sc, int64_t ticks, FILE *out)
{
    return export_js_with(sc, ticks, NULL, out);
}
