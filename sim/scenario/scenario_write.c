/* scenario_write.c - a Scenario as YAML (see scenario_write.h). */
#include "scenario/scenario_write.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/outfile.h"
#include "scenario/like.h"

/* A size with the largest binary unit that divides it; objects and
 * values no unit divides are plain integers. */
static const char *size_text(int64_t v, bool objects, char *buf, size_t cap)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    int u = -1;
    int64_t q = v;
    while (!objects && q > 0 && q % 1024 == 0 && u < 3) {
        q /= 1024;
        u++;
    }
    if (u < 0)
        snprintf(buf, cap, "%" PRId64, v);
    else
        snprintf(buf, cap, "%" PRId64 "%s", q, units[u]);
    return buf;
}

static const char *duration_text(int64_t us, char *buf, size_t cap)
{
    if (us % 1000000 == 0)
        snprintf(buf, cap, "%" PRId64 "s", us / 1000000);
    else if (us % 1000 == 0)
        snprintf(buf, cap, "%" PRId64 "ms", us / 1000);
    else
        snprintf(buf, cap, "%" PRId64 "us", us);
    return buf;
}

/* The code point of the UTF-8 sequence at s (at most n bytes), its length
 * in *len; -1 for a byte that starts no valid sequence (*len = 1). */
static long utf8_next(const unsigned char *s, size_t n, int *len)
{
    *len = 1;
    if (s[0] < 0x80)
        return s[0];
    int need = s[0] >= 0xF0 && s[0] <= 0xF4 ? 3 : s[0] >= 0xE0 ? 2 : s[0] >= 0xC2 && s[0] < 0xE0 ? 1 : -1;
    if (need < 0 || (size_t)need >= n)
        return -1;
    long cp = s[0] & (0x3F >> need);
    for (int i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    static const long min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *len = need + 1;
    return cp;
}

/* A double-quoted YAML scalar: everything YAML would fold, drop or refuse
 * inside quotes is escaped; other characters are written as they are. */
static void put_quoted(FILE *f, const char *text)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t n = strlen((const char *)s);
    fputc('"', f);
    for (size_t i = 0; i < n;) {
        int len;
        long cp = utf8_next(s + i, n - i, &len);
        switch (cp) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case 0x85: fputs("\\N", f); break;
        case 0x2028: fputs("\\L", f); break;
        case 0x2029: fputs("\\P", f); break;
        default:
            if (cp < 0)   /* not UTF-8: the reader never produces it; keep the byte's value */
                fprintf(f, "\\x%02X", s[i]);
            else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
                fprintf(f, "\\x%02lX", cp);
            else if (cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
                fprintf(f, "\\u%04lX", cp);
            else
                fwrite(s + i, 1, (size_t)len, f);
        }
        i += (size_t)len;
    }
    fputc('"', f);
}

/* An identifier, quoted where YAML would read it as null. */
static const char *ident(const char *s, char *buf, size_t cap)
{
    if (!strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL"))
        snprintf(buf, cap, "\"%s\"", s);
    else
        snprintf(buf, cap, "%s", s);
    return buf;
}

static void write_stream(FILE *f, const StreamDef *d)
{
    char a[48], b[48];
    static const char *const kinds[] = {"source", "transform", "sink"};
    fprintf(f, "  - {id: %s, kind: %s", ident(d->id, b, sizeof b), kinds[d->kind]);
    switch (d->kind) {
    case SK_SOURCE:
        if (d->from_array) {
            fprintf(f, ", from: array, items: %s", size_text(d->total, true, a, sizeof a));
            fprintf(f, ", highWaterMark: %s, objectSize: %s", size_text(d->rhwm, true, a, sizeof a),
                    size_text(d->object_size, false, b, sizeof b));
            break;
        }
        if (d->robj)
            fprintf(f, ", objectMode: true, objectSize: %s", size_text(d->object_size, false, a, sizeof a));
        fprintf(f, ", highWaterMark: %s", size_text(d->rhwm, d->robj, a, sizeof a));
        if (!d->robj)
            fprintf(f, ", chunk: %s", size_text(d->chunk, false, a, sizeof a));
        if (d->total < 0)
            fprintf(f, ", total: endless");
        else
            fprintf(f, ", total: %s", size_text(d->total, d->robj, a, sizeof a));
        fprintf(f, ", rate: %s", size_text(d->rate, d->robj, a, sizeof a));
        if (d->ignores_backpressure)
            fprintf(f, ", ignoresBackpressure: true");
        if (d->content) {
            fprintf(f, ", content: ");
            put_quoted(f, d->content);
        }
        if (d->encoding_utf8)
            fprintf(f, ", encoding: utf8");
        break;
    case SK_TRANSFORM:
        if (d->robj)
            fprintf(f, ", readableObjectMode: true");
        if (d->wobj)
            fprintf(f, ", writableObjectMode: true");
        if (d->robj || d->wobj)
            fprintf(f, ", objectSize: %s", size_text(d->object_size, false, a, sizeof a));
        /* Both sides spelled out: with readableHighWaterMark 0 the reader
         * then takes writableHighWaterMark as given, as Node does. */
        fprintf(f, ", readableHighWaterMark: %s, writableHighWaterMark: %s", size_text(d->rhwm, d->robj, a, sizeof a),
                size_text(d->whwm, d->wobj, b, sizeof b));
        fprintf(f, ", rate: %s", size_text(d->rate, d->wobj, a, sizeof a));
        if (!d->robj)
            fprintf(f, ", ratio: %" PRId64 "/%" PRId64, d->ratio_num, d->ratio_den);
        if (d->batch != 1)
            fprintf(f, ", batch: %d", (int)d->batch);
        if (d->out_chunk > 0)
            fprintf(f, ", outChunk: %s", size_text(d->out_chunk, false, a, sizeof a));
        break;
    case SK_SINK:
        if (d->wobj)
            fprintf(f, ", objectMode: true, objectSize: %s", size_text(d->object_size, false, a, sizeof a));
        fprintf(f, ", highWaterMark: %s", size_text(d->whwm, d->wobj, a, sizeof a));
        fprintf(f, ", rate: %s", size_text(d->rate, d->wobj, a, sizeof a));
        if (d->sync)
            fprintf(f, ", sync: true");
        if (d->writev)
            fprintf(f, ", writev: true");
        if (d->keep > 0) {
            fprintf(f, ", keep: %s", size_text(d->keep, false, a, sizeof a));
            if (d->keep_copy)
                fprintf(f, ", keepCopy: true");
        }
        break;
    }
    if (!d->handle_errors)
        fprintf(f, ", handleErrors: false");
    if (d->like != LIKE_NONE)
        fprintf(f, ", like: %s", like_name(d->like));
    fprintf(f, "}\n");
}

/* Stream i's id as written. */
static const char *stream_id(const Scenario *sc, int i, char *buf, size_t cap)
{
    return ident(i >= 0 && i < sc->nstreams ? sc->streams[i].id : "?", buf, cap);
}

static void write_action(FILE *f, const Scenario *sc, const ActionDef *a)
{
    char v[48], id[SC_ID_MAX + 4];
    fprintf(f, "  - {at: %" PRId64 ", ", a->at);
    if (a->kind == ACT_NOTE) {
        fprintf(f, "note: ");
        put_quoted(f, a->text);
        fprintf(f, "}\n");
        return;
    }
    fprintf(f, "do: %s, stream: %s", action_kind_name(a->kind), stream_id(sc, a->stream, id, sizeof id));
    const StreamDef *d = a->stream >= 0 && a->stream < sc->nstreams ? &sc->streams[a->stream] : NULL;
    switch (a->kind) {
    case ACT_RATE: {
        bool objects = d && (d->kind == SK_SOURCE ? d->robj : d->wobj);
        fprintf(f, ", rate: %s", size_text(a->value, objects, v, sizeof v));
        break;
    }
    case ACT_WRITE: fprintf(f, ", bytes: %s", size_text(a->value, false, v, sizeof v)); break;
    case ACT_UNPIPE:
    case ACT_PIPE:
        if (a->target >= 0)
            fprintf(f, ", dest: %s", stream_id(sc, a->target, id, sizeof id));
        break;
    case ACT_DESTROY:
    case ACT_FAIL:
        if (a->code[0])
            fprintf(f, ", error: %s", ident(a->code, v, sizeof v));
        break;
    default: break;
    }
    fprintf(f, "}\n");
}

static void write_question(FILE *f, const QuestionDef *q)
{
    fprintf(f, "  - at: %" PRId64 "\n    ask: ", q->at);
    put_quoted(f, q->ask);
    fprintf(f, "\n    choices: [");
    for (int c = 0; c < q->nchoices; c++) {
        if (c)
            fprintf(f, ", ");
        put_quoted(f, q->choices[c]);
    }
    fprintf(f, "]\n    answer: %d\n    why: ", q->answer + 1);
    put_quoted(f, q->why);
    fputc('\n', f);
}

int scenario_write(FILE *f, const Scenario *sc)
{
    char a[48], id[SC_ID_MAX + 4];
    clearerr(f);
    fprintf(f, "# Written by highwater: every value as the model runs it (rates per tick).\n");
    char nm[80];
    fprintf(f, "name: %s\n", ident(sc->name, nm, sizeof nm));
    if (sc->title) {
        fprintf(f, "title: ");
        put_quoted(f, sc->title);
        fputc('\n', f);
    }
    if (sc->description) {
        fprintf(f, "description: ");
        put_quoted(f, sc->description);
        fputc('\n', f);
    }
    fprintf(f, "ticks: %" PRId64 "\n", sc->ticks);
    fprintf(f, "tick: %s\n", duration_text(sc->tick_us, a, sizeof a));
    fprintf(f, "node: %d\n", sc->node);
    if (sc->memory_limit > 0)
        fprintf(f, "memoryLimit: %s\n", size_text(sc->memory_limit, false, a, sizeof a));
    if (sc->seed)
        fprintf(f, "seed: %" PRIu64 "\n", sc->seed);
    fprintf(f, "streams:\n");
    for (int i = 0; i < sc->nstreams; i++)
        write_stream(f, &sc->streams[i]);
    if (sc->nwires > 0) {
        fprintf(f, "wiring:\n");
        for (int w = 0; w < sc->nwires; w++) {
            const WireDef *wd = &sc->wires[w];
            fprintf(f, "  - {%s: [", wire_kind_name(wd->kind));
            for (int k = 0; k < wd->n; k++) {
                if (k > 0 && k == wd->gen_at)
                    fprintf(f, ", {generator: %s}", ident(wd->gen_name, id, sizeof id));
                fprintf(f, "%s%s", k ? ", " : "", stream_id(sc, wd->s[k], id, sizeof id));
            }
            fprintf(f, "]%s}\n", wd->kind == WIRE_PIPE && !wd->end ? ", end: false" : "");
        }
    }
    /* Entries after the last tick never run, and the reader refuses them. */
    int nact = 0, nq = 0;
    for (int i = 0; i < sc->nactions; i++)
        nact += sc->actions[i].at <= sc->ticks;
    for (int i = 0; i < sc->nquestions; i++)
        nq += sc->questions[i].at <= sc->ticks;
    if (nact > 0) {
        fprintf(f, "timeline:\n");
        for (int i = 0; i < sc->nactions; i++)
            if (sc->actions[i].at <= sc->ticks)
                write_action(f, sc, &sc->actions[i]);
    }
    if (nq > 0) {
        fprintf(f, "questions:\n");
        for (int i = 0; i < sc->nquestions; i++)
            if (sc->questions[i].at <= sc->ticks)
                write_question(f, &sc->questions[i]);
    }
    if (fflush(f) != 0 || ferror(f)) {
        if (!errno)
            errno = EIO;
        return -1;
    }
    return 0;
}

int scenario_write_file(const char *path, const Scenario *sc, char *err, size_t errlen)
{
    OutFile of;
    if (outfile_open(&of, path) != 0) {
        snprintf(err, errlen, "%s", of.err);
        return -1;
    }
    if (scenario_write(of.f, sc) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", of.path, strerror(errno));
        outfile_abort(&of);
        return -1;
    }
    if (outfile_commit(&of) != 0) {
        snprintf(err, errlen, "%s", of.err);
        return -1;
    }
    return 0;
}
