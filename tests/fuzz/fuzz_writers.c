/* fuzz_writers.c - libFuzzer target: the three writers of a run, the trace
 * (trace/trace.h), the CSV table (app/csv_out.h) and the Chrome trace
 * (app/chrome_out.h), fed by one run of an input the reader accepts (cut
 * short as in fuzz_common.h). Each output is parsed back here, by parsers
 * that know only the documented formats, and must agree with the others:
 *
 *   trace   a header line, then exactly one line per event, in order, each
 *           `TICK SUBJECT KIND key=value...` with the event's tick, subject
 *           and kind, values plain words or JSON strings;
 *   CSV     the documented header, then per tick one row per stream in
 *           order and a `-` row: 8 cells each, the `-` row the sum of the
 *           streams' memory; where the trace has a `state` line for a
 *           stream in a tick, the last one gives the row's rlen, wlen,
 *           flowing, needdrain and destroyed;
 *   Chrome  valid JSON (a full parser, not a pattern match); its counters
 *           are the trace's `state` lines (rlen, wlen) and `mem` lines
 *           (total), one for one and in order; its instants are the trace's
 *           drain, pause, resume, end, finish, error, uncaught, oom and note
 *           lines in order, then one "end of run". Between them, slices (X)
 *           and flows (s, f) that have no line of their own: times not
 *           negative, and flows in pairs (a false write, then its drain).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/chrome_out.h"
#include "app/csv_out.h"
#include "core/sim.h"
#include "scenario/scenario_yaml.h"
#include "trace/trace.h"

#include "fuzz_common.h"

/* ---- growing arrays of small records ------------------------------------ */

typedef struct {
    int64_t tick;
    int subject;           /* -1 for the process */
    char kind[16];
    /* state: rlen wlen (INT64_MIN: not printed), rflow/needdrain/destroyed as
     * the CSV writes them (1, 0, -1; INT64_MIN: not printed); mem: total in rlen */
    int64_t rlen, wlen, rflow, needdrain, destroyed;
} Line;

typedef struct {
    Line *v;
    size_t n, cap;
} Lines;

/* Room for one more element of `size` bytes in *v (n used, *cap allocated). */
static void *grow(void *v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 256;
    v = realloc(v, *cap * size);
    if (!v)
        abort();
    return v;
}

static Line *lines_add(Lines *l)
{
    l->v = grow(l->v, l->n, &l->cap, sizeof *l->v);
    Line *x = &l->v[l->n++];
    memset(x, 0, sizeof *x);
    x->rlen = x->wlen = x->rflow = x->needdrain = x->destroyed = INT64_MIN;
    return x;
}

/* ---- the run ------------------------------------------------------------ */

typedef struct {
    const Sim *sim;
    TraceWriter *tw;
    ChromeOut *chrome;
    Lines events;          /* what the model emitted: tick, subject, kind */
} Fan;

static void fan_event(void *user, const Event *ev)
{
    Fan *f = user;
    trace_writer_event(f->tw, ev);
    chrome_out_event(f->chrome, ev);
    Line *l = lines_add(&f->events);
    l->tick = ev->tick;
    l->subject = ev->subject;
    snprintf(l->kind, sizeof l->kind, "%s", event_kind_name(ev->kind));
}

/* ---- parsing the trace -------------------------------------------------- */

static const char *stream_id(const Scenario *sc, int i)
{
    return i < 0 ? "-" : sc->streams[i].id;
}

static bool parse_i64(const char *s, size_t n, int64_t *out)
{
    if (n == 0 || n > 20)
        return false;
    bool neg = s[0] == '-';
    size_t i = neg;
    if (i == n)
        return false;
    int64_t v = 0;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (INT64_MAX - (s[i] - '0')) / 10)
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = neg ? -v : v;
    return true;
}

/* The length of the JSON string at s (quotes included), or 0. */
static size_t json_string_len(const char *s, const char *end)
{
    if (s >= end || *s != '"')
        return 0;
    for (const char *p = s + 1; p < end; p++) {
        if ((unsigned char)*p < 0x20)
            return 0;
        if (*p == '\\') {
            if (++p >= end || !strchr("\"\\/bfnrtu", *p))
                return 0;
        } else if (*p == '"') {
            return (size_t)(p - s) + 1;
        }
    }
    return 0;
}

static int64_t flag_value(const char *v, size_t n)
{
    if (n == 4 && !memcmp(v, "true", 4))
        return 1;
    if (n == 5 && !memcmp(v, "false", 5))
        return 0;
    if (n == 4 && !memcmp(v, "null", 4))
        return -1;
    die("trace: a flag that is not true, false or null", NULL);
    return 0;
}

/* One key=value of a line into l (only the keys the CSV and Chrome carry). */
static void take_value(Line *l, const char *k, size_t kn, const char *v, size_t vn)
{
#define KEY(s) (kn == sizeof s - 1 && !memcmp(k, s, kn))
    bool state = !strcmp(l->kind, "state"), mem = !strcmp(l->kind, "mem");
    if (state && KEY("rlen") && !parse_i64(v, vn, &l->rlen))
        die("trace: rlen is not an integer", NULL);
    if (state && KEY("wlen") && !parse_i64(v, vn, &l->wlen))
        die("trace: wlen is not an integer", NULL);
    if (state && KEY("rflow"))
        l->rflow = flag_value(v, vn);
    if (state && KEY("needdrain"))
        l->needdrain = flag_value(v, vn);
    if (state && KEY("destroyed"))
        l->destroyed = flag_value(v, vn);
    if (mem && KEY("total") && !parse_i64(v, vn, &l->rlen))
        die("trace: mem total is not an integer", NULL);
#undef KEY
}

static void parse_trace_line(const Scenario *sc, const char *s, const char *end, const Line *want, Line *l)
{
    const char *sp = memchr(s, ' ', (size_t)(end - s));
    if (!sp || !parse_i64(s, (size_t)(sp - s), &l->tick) || l->tick != want->tick)
        die("trace: a line's tick is not its event's", NULL);
    const char *subj = sp + 1;
    sp = memchr(subj, ' ', (size_t)(end - subj));
    const char *id = stream_id(sc, want->subject);
    if (!sp || (size_t)(sp - subj) != strlen(id) || memcmp(subj, id, strlen(id)))
        die("trace: a line's subject is not its event's", id);
    l->subject = want->subject;
    const char *kind = sp + 1;
    sp = memchr(kind, ' ', (size_t)(end - kind));
    const char *kend = sp ? sp : end;
    if ((size_t)(kend - kind) != strlen(want->kind) || memcmp(kind, want->kind, strlen(want->kind)))
        die("trace: a line's kind is not its event's", want->kind);
    memcpy(l->kind, want->kind, sizeof l->kind);
    for (const char *p = kend; p < end;) {
        if (*p != ' ')
            die("trace: values are not separated by one space", NULL);
        const char *k = p + 1, *eq = k;
        while (eq < end && *eq != '=' && *eq != ' ')
            eq++;
        if (eq == end || *eq != '=' || eq == k)
            die("trace: a value without key=", NULL);
        const char *v = eq + 1, *vend;
        if (v < end && *v == '"') {
            size_t n = json_string_len(v, end);
            if (!n)
                die("trace: a quoted value is not a JSON string", NULL);
            vend = v + n;
        } else {
            vend = v;
            while (vend < end && *vend != ' ' && *vend != '"')
                vend++;
            if (vend == v || (vend < end && *vend == '"'))
                die("trace: an empty or half-quoted value", NULL);
        }
        take_value(l, k, (size_t)(eq - k), v, (size_t)(vend - v));
        p = vend;
    }
}

/* The trace text back into lines; one per event, in order. */
static void parse_trace(const Scenario *sc, const char *text, size_t len, const Lines *events, Lines *out)
{
    const char *p = text, *end = text + len;
    const char *nl = memchr(p, '\n', len);
    if (!nl || strncmp(p, "# highwater-trace 1 scenario=", 29) != 0)
        die("trace: no header line", NULL);
    p = nl + 1;
    size_t i = 0;
    while (p < end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            die("trace: the last line has no newline", NULL);
        if (i >= events->n)
            die("trace: more lines than events", NULL);
        parse_trace_line(sc, p, nl, &events->v[i], lines_add(out));
        i++;
        p = nl + 1;
    }
    if (i != events->n)
        die("trace: fewer lines than events", NULL);
}

/* ---- the CSV ------------------------------------------------------------ */

/* Splits one CSV line into 8 cells (no quoting: ids are identifiers). */
static void csv_cells(const char *s, const char *end, const char *cell[8], size_t len[8])
{
    int n = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (p == end || *p == ',') {
            if (n == 8)
                die("csv: more than 8 cells", NULL);
            cell[n] = start;
            len[n++] = (size_t)(p - start);
            start = p + 1;
            if (p == end)
                break;
        }
    }
    if (n != 8)
        die("csv: fewer than 8 cells", NULL);
}

static int64_t csv_num(const char *s, size_t n, bool may_be_empty)
{
    int64_t v;
    if (n == 0 && may_be_empty)
        return INT64_MIN;
    if (!parse_i64(s, n, &v))
        die("csv: a cell is not an integer", NULL);
    return v;
}

/* The last state line of each (tick, stream) must agree with its row. */
static void check_csv_row(const Line *st, int64_t rlen, int64_t wlen, int64_t flow, int64_t drain, int64_t dest)
{
    if (!st)
        return;
    if ((st->rlen != INT64_MIN && st->rlen != rlen) || (st->wlen != INT64_MIN && st->wlen != wlen) ||
        (st->rflow != INT64_MIN && st->rflow != flow) || (st->needdrain != INT64_MIN && st->needdrain != drain) ||
        (st->destroyed != INT64_MIN && st->destroyed != dest))
        die("csv: a row disagrees with the trace's last state line of its tick", NULL);
}

static void parse_csv(const Scenario *sc, const char *text, size_t len, const Lines *trace)
{
    static const char header[] = "tick,stream,rlen,wlen,flowing,needdrain,destroyed,memory\n";
    if (len < sizeof header - 1 || memcmp(text, header, sizeof header - 1))
        die("csv: not the documented header", NULL);
    const char *p = text + sizeof header - 1, *end = text + len;
    int64_t prev_tick = INT64_MIN;
    size_t ti = 0; /* the next trace line to look at */
    while (p < end) {
        int64_t tick = INT64_MIN, total = 0;
        const Line *last_state[SC_MAX_STREAMS] = {NULL};
        for (int s = 0; s <= sc->nstreams; s++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (!nl)
                die("csv: a row without a newline, or a tick cut short", NULL);
            const char *cell[8];
            size_t n[8];
            csv_cells(p, nl, cell, n);
            int64_t t = csv_num(cell[0], n[0], false);
            if (s == 0) {
                tick = t;
                if (tick <= prev_tick)
                    die("csv: ticks do not increase", NULL);
                while (ti < trace->n && trace->v[ti].tick < tick)
                    ti++;
                for (; ti < trace->n && trace->v[ti].tick == tick; ti++)
                    if (!strcmp(trace->v[ti].kind, "state") && trace->v[ti].subject >= 0)
                        last_state[trace->v[ti].subject] = &trace->v[ti];
            } else if (t != tick) {
                die("csv: the rows of one tick have different ticks", NULL);
            }
            const char *id = stream_id(sc, s < sc->nstreams ? s : -1);
            if (n[1] != strlen(id) || memcmp(cell[1], id, n[1]))
                die("csv: rows not in stream order", id);
            int64_t mem = csv_num(cell[7], n[7], false);
            if (s < sc->nstreams) {
                total += mem;
                check_csv_row(last_state[s], csv_num(cell[2], n[2], true), csv_num(cell[3], n[3], true),
                              csv_num(cell[4], n[4], true), csv_num(cell[5], n[5], true),
                              csv_num(cell[6], n[6], false));
            } else {
                for (int k = 2; k < 7; k++)
                    if (n[k])
                        die("csv: the - row has a value other than memory", NULL);
                if (mem != total)
                    die("csv: the - row is not the sum of the streams' memory", NULL);
            }
            p = nl + 1;
        }
        prev_tick = tick;
    }
}

/* ---- the Chrome trace: a JSON parser ------------------------------------ */

typedef struct {
    const char *p, *end;
    int depth;
} Json;

typedef struct {
    char name[64], ph[4];
    int64_t tid;
    int64_t arg_num[2];    /* rlen/total, wlen (INT64_MIN: absent) */
    int64_t ts, dur, id;   /* INT64_MIN: absent */
} ChromeEvent;

typedef struct {
    ChromeEvent *v;
    size_t n, cap;
} ChromeEvents;

static void ws(Json *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' || *j->p == '\r' || *j->p == '\t'))
        j->p++;
}

static void expect(Json *j, char c)
{
    ws(j);
    if (j->p >= j->end || *j->p != c)
        die("chrome: not valid JSON (a missing delimiter)", NULL);
    j->p++;
}

static bool peek(Json *j, char c)
{
    ws(j);
    return j->p < j->end && *j->p == c;
}

/* A string; its raw text (escapes kept) into out when out is not NULL. */
static void json_string(Json *j, char *out, size_t cap)
{
    ws(j);
    size_t n = json_string_len(j->p, j->end);
    if (!n)
        die("chrome: not valid JSON (a bad string)", NULL);
    for (const char *q = j->p + 1; q < j->p + n - 1; q++)
        if (*q == '\\' && q[1] == 'u') {
            for (int k = 2; k < 6; k++)
                if (q + k >= j->end || !strchr("0123456789abcdefABCDEF", q[k]))
                    die("chrome: not valid JSON (a bad \\u escape)", NULL);
        }
    if (out)
        snprintf(out, cap, "%.*s", (int)(n - 2), j->p + 1);
    j->p += n;
}

static int64_t json_number(Json *j)
{
    ws(j);
    const char *s = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
        j->p++;
    int64_t v;
    /* The writers print integers only. */
    if (!parse_i64(s, (size_t)(j->p - s), &v) || (j->p - s > 1 && s[s[0] == '-'] == '0'))
        die("chrome: not an integer as JSON writes it", NULL);
    return v;
}

static void json_value(Json *j);

static void json_object(Json *j, void (*member)(Json *, const char *key, void *), void *user)
{
    if (++j->depth > 16)
        die("chrome: nested too deeply", NULL);
    expect(j, '{');
    if (!peek(j, '}'))
        for (;;) {
            char key[64];
            json_string(j, key, sizeof key);
            expect(j, ':');
            if (member)
                member(j, key, user);
            else
                json_value(j);
            if (!peek(j, ','))
                break;
            expect(j, ',');
        }
    expect(j, '}');
    j->depth--;
}

static void json_value(Json *j)
{
    ws(j);
    if (j->p >= j->end)
        die("chrome: not valid JSON (ends early)", NULL);
    char c = *j->p;
    if (c == '{') {
        json_object(j, NULL, NULL);
    } else if (c == '[') {
        j->depth++;
        expect(j, '[');
        if (!peek(j, ']'))
            do
                json_value(j);
            while (peek(j, ',') && (expect(j, ','), 1));
        expect(j, ']');
        j->depth--;
    } else if (c == '"') {
        json_string(j, NULL, 0);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        json_number(j);
    } else {
        static const char *const words[] = {"true", "false", "null"};
        for (int i = 0; i < 3; i++) {
            size_t n = strlen(words[i]);
            if ((size_t)(j->end - j->p) >= n && !memcmp(j->p, words[i], n)) {
                j->p += n;
                return;
            }
        }
        die("chrome: not valid JSON (an unknown value)", NULL);
    }
}

static void arg_member(Json *j, const char *key, void *user)
{
    ChromeEvent *e = user;
    int slot = !strcmp(key, "rlen") || !strcmp(key, "total") ? 0 : !strcmp(key, "wlen") ? 1 : -1;
    if (slot >= 0)
        e->arg_num[slot] = json_number(j);
    else
        json_value(j);
}

static void event_member(Json *j, const char *key, void *user)
{
    ChromeEvent *e = user;
    if (!strcmp(key, "name"))
        json_string(j, e->name, sizeof e->name);
    else if (!strcmp(key, "ph"))
        json_string(j, e->ph, sizeof e->ph);
    else if (!strcmp(key, "tid"))
        e->tid = json_number(j);
    else if (!strcmp(key, "ts"))
        e->ts = json_number(j);
    else if (!strcmp(key, "dur"))
        e->dur = json_number(j);
    else if (!strcmp(key, "id"))
        e->id = json_number(j);
    else if (!strcmp(key, "args"))
        json_object(j, arg_member, e);
    else
        json_value(j);
}

static void top_member(Json *j, const char *key, void *user)
{
    ChromeEvents *out = user;
    if (strcmp(key, "traceEvents") != 0) {
        json_value(j);
        return;
    }
    expect(j, '[');
    if (!peek(j, ']'))
        for (;;) {
            out->v = grow(out->v, out->n, &out->cap, sizeof *out->v);
            ChromeEvent *e = &out->v[out->n++];
            memset(e, 0, sizeof *e);
            e->arg_num[0] = e->arg_num[1] = INT64_MIN;
            e->ts = e->dur = e->id = INT64_MIN;
            json_object(j, event_member, e);
            if (!peek(j, ','))
                break;
            expect(j, ',');
        }
    expect(j, ']');
}

static bool is_instant_kind(const char *k)
{
    static const char *const kinds[] = {"drain", "pause", "resume", "end", "finish",
                                        "error", "uncaught", "oom", "note"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(k, kinds[i]))
            return true;
    return false;
}

/* Slices (X) and flows (s, f) have no trace line of their own: a slice
 * spans ticks that exist (ts and dur not negative), and the flows come in
 * pairs, `s` then `f` with one new id, the `f` on the same thread and not
 * earlier (a false write answered by its 'drain'). */
static bool is_span_phase(const char *ph)
{
    return !strcmp(ph, "X") || !strcmp(ph, "s") || !strcmp(ph, "f");
}

static void check_spans(const ChromeEvents *ev)
{
    const ChromeEvent *open = NULL;
    int64_t last_id = 0;
    for (size_t i = 0; i < ev->n; i++) {
        const ChromeEvent *e = &ev->v[i];
        if (!is_span_phase(e->ph))
            continue;
        if (e->ts < 0)
            die("chrome: a slice or flow with no time, or before 0", e->name);
        if (!strcmp(e->ph, "X") && e->dur < 0)
            die("chrome: a slice with no duration, or a negative one", e->name);
        if (!strcmp(e->ph, "s")) {
            if (open || e->id != last_id + 1)
                die("chrome: a flow starts before the last one ended, or not with the next id", e->name);
            open = e;
            last_id = e->id;
        } else if (!strcmp(e->ph, "f")) {
            if (!open || e->id != open->id || e->tid != open->tid || e->ts < open->ts)
                die("chrome: a flow ends with no start, another id or thread, or before its start", e->name);
            open = NULL;
        }
    }
    if (open)
        die("chrome: a flow starts and never ends", open->name);
}

static void parse_chrome(const char *text, size_t len, const Lines *trace)
{
    Json j = {text, text + len, 0};
    ChromeEvents ev = {0};
    json_object(&j, top_member, &ev);
    ws(&j);
    if (j.p != j.end)
        die("chrome: text after the JSON object", NULL);
    size_t ci = 0;
    for (size_t i = 0; i < trace->n; i++) {
        const Line *l = &trace->v[i];
        bool counter = (!strcmp(l->kind, "state") && l->subject >= 0) || !strcmp(l->kind, "mem");
        if (!counter && !is_instant_kind(l->kind))
            continue;
        while (ci < ev.n && (!strcmp(ev.v[ci].ph, "M") || is_span_phase(ev.v[ci].ph)))
            ci++;
        if (ci >= ev.n)
            die("chrome: fewer events than the trace's counters and instants", l->kind);
        const ChromeEvent *e = &ev.v[ci++];
        if (counter) {
            bool mem = !strcmp(l->kind, "mem");
            if (strcmp(e->ph, "C") || e->tid != (mem ? 1 : l->subject + 2))
                die("chrome: not the counter of the trace's line", l->kind);
            if ((l->rlen != INT64_MIN && e->arg_num[0] != l->rlen) ||
                (l->wlen != INT64_MIN && e->arg_num[1] != l->wlen))
                die("chrome: a counter's value is not the trace's", l->kind);
        } else if (strcmp(e->ph, "i") || strcmp(e->name, l->kind)) {
            die("chrome: not the instant of the trace's line", l->kind);
        }
    }
    /* The slices still open when the run ended are closed just before it. */
    while (ci < ev.n && is_span_phase(ev.v[ci].ph) && strcmp(ev.v[ci].name, "end of run"))
        ci++;
    if (ci >= ev.n || strcmp(ev.v[ci].name, "end of run") || ci + 1 != ev.n)
        die("chrome: not exactly one \"end of run\" after the trace's events", NULL);
    check_spans(&ev);
    free(ev.v);
}

/* ---- the target --------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Scenario sc;
    char err[1024];
    if (scenario_load_string((const char *)data, size, "fuzz", &sc, err, sizeof err) != 0)
        return 0;
    if (!bound(&sc)) {
        scenario_free(&sc);
        return 0;
    }
    Sim *sim = sim_create(&sc);
    if (!sim)
        die("sim_create refused a valid scenario", sc.name);
    char *ttext = NULL, *ctext = NULL, *jtext = NULL;
    size_t tlen = 0, clen = 0, jlen = 0;
    FILE *tf = open_memstream(&ttext, &tlen), *cf = open_memstream(&ctext, &clen);
    FILE *jf = open_memstream(&jtext, &jlen);
    TraceWriter *tw = malloc(sizeof *tw);
    ChromeOut chrome;
    CsvOut csv;
    if (!tf || !cf || !jf || !tw)
        abort();
    trace_writer_init(tw, tf, sim);
    char line[TRACE_LINE_MAX];
    trace_writer_raw(tw, line, trace_header(&sc, sc.ticks, line));
    chrome_out_init(&chrome, jf, sim);
    chrome_out_begin(&chrome);
    csv_out_init(&csv, cf, sim);
    csv_out_header(&csv);
    Fan fan = {sim, tw, &chrome, {0}};
    sim_set_sink(sim, fan_event, &fan);
    while (!sim_finished(sim)) {
        sim_step(sim);
        csv_out_tick(&csv);
    }
    if (trace_writer_flush(tw) != 0 || chrome_out_end(&chrome) != 0 || csv_out_finish(&csv) != 0)
        die("a writer failed on a memory stream", sc.name);
    fclose(tf);
    fclose(cf);
    fclose(jf);

    Lines trace = {0};
    parse_trace(&sc, ttext, tlen, &fan.events, &trace);
    parse_csv(&sc, ctext, clen, &trace);
    parse_chrome(jtext, jlen, &trace);

    free(trace.v);
    free(fan.events.v);
    free(ttext);
    free(ctext);
    free(jtext);
    free(tw);
    sim_destroy(sim);
    scenario_free(&sc);
    return 0;
}
