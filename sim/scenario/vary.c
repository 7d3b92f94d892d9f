/* vary.c - parsing "TARGET=VALUES", applying one value to a scenario, and a
 * deep copy of a scenario to apply it to (see vary.h for the syntax).
 *
 * Sizes, per-second rates and durations are read by scenario/units.h and
 * held to scenario/limits.h, the same code the scenario reader uses, so a
 * value means the same on the command line as in a file. The reader's rules
 * for where a key may appear (kinds, objectMode sides) are made again here,
 * since they are phrased for a target rather than a YAML key.
 */
#include "scenario/vary.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/safetext.h"
#include "scenario/limits.h"
#include "scenario/units.h"

#define SHOW 60 /* characters of user text quoted in a message */

static const char *const param_names[VP__COUNT] = {
    "highWaterMark", "readableHighWaterMark", "writableHighWaterMark", "rate", "chunk",
    "total", "ratio", "batch", "objectSize", "memoryLimit", "ticks",
};

const char *vary_param_name(VaryParam p)
{
    return (unsigned)p < VP__COUNT ? param_names[p] : "?";
}

/* The message quotes the spec, which may hold any byte: escaped, so that
 * it stays one line and prints safely (io/safetext.h). */
static int report(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        char raw[1024];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(raw, sizeof raw, fmt, ap);
        va_end(ap);
        safetext_escape(err, errlen, raw);
    }
    return 2;
}

static bool scenario_wide(VaryParam p)
{
    return p == VP_MEMORY_LIMIT || p == VP_TICKS;
}

void vary_target_label(const VaryTarget *t, char *out, size_t cap)
{
    if (t->stream < 0)
        snprintf(out, cap, "%s", vary_param_name(t->param));
    else
        snprintf(out, cap, "%s.%s", t->stream_id, vary_param_name(t->param));
}

/* ---- sizes ---- */

/* s[0..len) as a size; a message quotes s[0..whole), which for a rate per
 * second includes the "/s" after the amount, as the reader's does. */
static int parse_size_in(const char *s, size_t len, size_t whole, bool objects, int64_t *out, char *err,
                         size_t errlen)
{
    int shown = whole > SHOW ? SHOW : (int)whole;
    UnitsWhy why;
    switch (units_parse_size(s, len, objects, out, &why)) {
    case UNITS_OK:
        return 0;
    case UNITS_NEGATIVE:
        return report(err, errlen, "'%.*s' is negative", shown, s);
    case UNITS_FRACTION:
        return report(err, errlen, "expected a whole number, got '%.*s'", shown, s);
    case UNITS_SPACE:
        return report(err, errlen, "write the unit right after the number, got '%.*s'", shown, s);
    case UNITS_UNKNOWN_UNIT: {
        int ul = why.unit_len > SHOW ? SHOW : (int)why.unit_len;
        if (why.suggest)
            return report(err, errlen, "unknown unit '%.*s' in '%.*s' (did you mean '%s'?)", ul,
                          s + why.unit_at, shown, s, why.suggest);
        return report(err, errlen, "unknown unit '%.*s' in '%.*s' (use " UNITS_SIZE_LIST ")", ul,
                      s + why.unit_at, shown, s);
    }
    case UNITS_OBJECTS:
        return report(err, errlen, "counts objects in objectMode: write a plain integer, not '%.*s'",
                      shown, s);
    case UNITS_TOO_LARGE:
        return report(err, errlen, "'%.*s' is too large (sizes must be below 2^62)", shown, s);
    default:
        return report(err, errlen, "expected %s, got '%.*s'",
                      objects ? "a number of objects like 16" : "a size like 16KiB", shown, s);
    }
}

int vary_parse_size(const char *s, size_t len, bool objects, int64_t *out, char *err, size_t errlen)
{
    return parse_size_in(s, len, len, objects, out, err, errlen);
}

/* ---- targets ---- */

/* Whether target t can apply to sc: the reader's rules for where each key
 * may appear. `objects` is set from the stream's objectMode sides. */
static int check_target(const Scenario *sc, VaryTarget *t, char *err, size_t errlen)
{
    char label[SC_ID_MAX + 32] = "";
    if (err && errlen) /* only a message needs it: edits check a target per chip per frame */
        vary_target_label(t, label, sizeof label);
    if ((unsigned)t->param >= VP__COUNT)
        return report(err, errlen, "unknown parameter %d", (int)t->param);
    t->objects = false;
    if (scenario_wide(t->param)) {
        if (t->stream >= 0)
            return report(err, errlen, "%s is scenario-wide: write %s=VALUES", label,
                          vary_param_name(t->param));
        t->objects = t->param == VP_TICKS; /* a count: no units */
        return 0;
    }
    if (t->stream < 0 || t->stream >= sc->nstreams)
        return report(err, errlen, "%s: no such stream", label);
    const StreamDef *d = &sc->streams[t->stream];
    const char *kind = d->kind == SK_SOURCE ? "source" : d->kind == SK_SINK ? "sink" : "transform";
    switch (t->param) {
    case VP_HWM:
        t->objects = d->robj || d->wobj; /* as the reader: one value for both sides */
        break;
    case VP_RHWM:
    case VP_WHWM:
        if (d->kind != SK_TRANSFORM)
            return report(err, errlen, "%s: '%s' is a %s; only transforms have %s (use highWaterMark)",
                          label, d->id, kind, vary_param_name(t->param));
        t->objects = t->param == VP_RHWM ? d->robj : d->wobj;
        break;
    case VP_RATE:
        t->objects = d->kind == SK_SOURCE ? d->robj : d->wobj;
        break;
    case VP_CHUNK:
    case VP_TOTAL:
        if (d->kind != SK_SOURCE)
            return report(err, errlen, "%s: '%s' is a %s; only sources have %s", label, d->id, kind,
                          vary_param_name(t->param));
        if (t->param == VP_CHUNK && d->robj)
            return report(err, errlen, "%s: '%s' is in objectMode, where each push is one object",
                          label, d->id);
        t->objects = d->robj;
        break;
    case VP_RATIO:
    case VP_BATCH:
        if (d->kind != SK_TRANSFORM)
            return report(err, errlen, "%s: '%s' is a %s; only transforms have %s", label, d->id, kind,
                          vary_param_name(t->param));
        if (t->param == VP_RATIO && d->robj)
            return report(err, errlen,
                          "%s: '%s' has an objectMode readable side (each output is one object)",
                          label, d->id);
        t->objects = true; /* plain numbers */
        break;
    case VP_OBJECT_SIZE:
        if (!d->robj && !d->wobj)
            return report(err, errlen, "%s: objectSize applies only in objectMode, and '%s' is not",
                          label, d->id);
        break;
    default:
        break;
    }
    return 0;
}

static void list_params(char *out, size_t cap, bool wide)
{
    size_t o = 0;
    out[0] = '\0';
    for (int p = 0; p < VP__COUNT; p++) {
        if (scenario_wide((VaryParam)p) != wide)
            continue;
        int n = snprintf(out + o, cap - o, "%s%s", o ? ", " : "", param_names[p]);
        if (n < 0 || (size_t)n >= cap - o)
            break;
        o += (size_t)n;
    }
}

static void list_streams(const Scenario *sc, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < sc->nstreams; i++) {
        int n = snprintf(out + o, cap - o, "%s%s", i ? ", " : "", sc->streams[i].id);
        if (n < 0 || (size_t)n >= cap - o)
            break;
        o += (size_t)n;
    }
}

static int find_param(const char *s, size_t len)
{
    for (int p = 0; p < VP__COUNT; p++)
        if (strlen(param_names[p]) == len && !memcmp(s, param_names[p], len))
            return p;
    return -1;
}

/* A parameter spelled with the wrong case, for "did you mean". */
static int find_param_nocase(const char *s, size_t len)
{
    for (int p = 0; p < VP__COUNT; p++) {
        const char *n = param_names[p];
        if (strlen(n) != len)
            continue;
        size_t i = 0;
        for (; i < len; i++) {
            char a = s[i], b = n[i];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (char)(b - 'A' + 'a');
            if (a != b)
                break;
        }
        if (i == len)
            return p;
    }
    return -1;
}

int vary_parse_target(const char *text, size_t len, const Scenario *sc, VaryTarget *t, char *err,
                      size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->stream = -1;
    int shown = len > SHOW ? SHOW : (int)len;
    const char *dot = memchr(text, '.', len);
    const char *pname = text;
    size_t plen = len;
    if (dot) {
        size_t idlen = (size_t)(dot - text);
        pname = dot + 1;
        plen = len - idlen - 1;
        if (idlen == 1 && text[0] == '-') {
            /* "-" is the process in the trace: the scenario-wide parameters */
        } else {
            char ids[1024];
            list_streams(sc, ids, sizeof ids);
            if (idlen == 0 || idlen >= SC_ID_MAX)
                return report(err, errlen, "'%.*s': expected STREAM.PARAM (streams: %s)", shown, text, ids);
            memcpy(t->stream_id, text, idlen);
            t->stream_id[idlen] = '\0';
            t->stream = scenario_find(sc, t->stream_id);
            if (t->stream < 0)
                return report(err, errlen, "'%.*s': no stream '%s' in the scenario (streams: %s)", shown,
                              text, t->stream_id, ids);
        }
    }
    int p = find_param(pname, plen);
    if (p < 0) {
        int near = find_param_nocase(pname, plen);
        if (near >= 0)
            return report(err, errlen, "'%.*s': unknown parameter '%.*s' (did you mean '%s'?)", shown,
                          text, (int)(plen > SHOW ? SHOW : plen), pname, param_names[near]);
        char streamwide[512], wide[128];
        list_params(streamwide, sizeof streamwide, false);
        list_params(wide, sizeof wide, true);
        if (t->stream < 0)
            return report(err, errlen,
                          "'%.*s': unknown parameter (expected STREAM.PARAM with PARAM one of %s; "
                          "or one of %s for the whole scenario)",
                          shown, text, streamwide, wide);
        return report(err, errlen, "'%.*s': unknown parameter '%.*s' (expected one of %s)", shown, text,
                      (int)(plen > SHOW ? SHOW : plen), pname, streamwide);
    }
    t->param = (VaryParam)p;
    if (t->stream < 0 && !scenario_wide(t->param)) {
        char ids[1024];
        list_streams(sc, ids, sizeof ids);
        return report(err, errlen, "'%.*s': %s belongs to a stream: write STREAM.%s (streams: %s)",
                      shown, text, param_names[p], param_names[p], ids);
    }
    return check_target(sc, t, err, errlen);
}

int vary_target_make(const Scenario *sc, int stream, VaryParam p, VaryTarget *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->param = p;
    t->stream = -1;
    if (stream >= sc->nstreams)
        return report(err, errlen, "no stream number %d in the scenario", stream);
    if (stream >= 0) {
        t->stream = stream;
        snprintf(t->stream_id, sizeof t->stream_id, "%s", sc->streams[stream].id);
    } else if ((unsigned)p < VP__COUNT && !scenario_wide(p)) {
        return report(err, errlen, "%s belongs to a stream", vary_param_name(p));
    }
    return check_target(sc, t, err, errlen);
}

/* ---- values ---- */

/* The model's range for one value (n in model units); `label` names the
 * target and `as` the value as the user wrote it (or a generated number). */
static int check_value(const VaryTarget *t, const VaryValue *v, const char *label, const char *as,
                       char *err, size_t errlen)
{
    int64_t n = v->n;
    switch (t->param) {
    case VP_HWM:
    case VP_RHWM:
    case VP_WHWM:
        if (n < 0 || n >= SC_SIZE_LIMIT)
            return report(err, errlen, "%s: %s is out of range (0 to 2^62-1)", label, as);
        break;
    case VP_RATE:
        if (n < 0 || n >= SC_RATE_LIMIT)
            return report(err, errlen, "%s: %s is too large (rates must be below 2^50 per tick)", label,
                          as);
        break;
    case VP_CHUNK:
        if (n < 1 || n >= SC_SIZE_LIMIT)
            return report(err, errlen, "%s: %s is out of range (at least 1 byte)", label, as);
        break;
    case VP_TOTAL:
        if (n != VARY_NONE && (n < 0 || n >= SC_SIZE_LIMIT))
            return report(err, errlen, "%s: %s is out of range", label, as);
        break;
    case VP_RATIO:
        if (n < 1 || n > LIMIT_RATIO || v->d < 1 || v->d > LIMIT_RATIO)
            return report(err, errlen, "%s: %s is out of range (N and M are 1..%lld)", label, as,
                          (long long)LIMIT_RATIO);
        break;
    case VP_BATCH:
        if (n < 1 || n > LIMIT_BATCH)
            return report(err, errlen, "%s: %s is out of range (1..%lld)", label, as,
                          (long long)LIMIT_BATCH);
        break;
    case VP_OBJECT_SIZE:
        if (n < 1 || n >= SC_SIZE_LIMIT)
            return report(err, errlen, "%s: %s is out of range (at least 1 byte)", label, as);
        break;
    case VP_MEMORY_LIMIT:
        if (n != VARY_NONE && (n < 1 || n >= SC_SIZE_LIMIT))
            return report(err, errlen, "%s: %s is out of range (at least 1 byte; 'none' for no limit)",
                          label, as);
        break;
    case VP_TICKS:
        if (n < 1 || n > LIMIT_TICKS)
            return report(err, errlen, "%s: %s is out of range (1..%lld)", label, as,
                          (long long)LIMIT_TICKS);
        break;
    default:
        return report(err, errlen, "%s: unknown parameter", label);
    }
    return 0;
}

static int64_t gcd64(int64_t a, int64_t b)
{
    while (b) {
        int64_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

/* Turns a written amount (`shown`) into the model's value for the target:
 * only a per-second rate differs. Then checks the range. */
static int finish_value(const VaryTarget *t, const Scenario *sc, VaryValue *v, const char *label,
                        const char *as, char *err, size_t errlen)
{
    v->n = v->shown;
    if (v->per_second && v->shown != VARY_NONE) {
        int64_t n = 0;
        UnitsStatus st = units_per_tick(v->shown, sc->tick_us, &n);
        if (st == UNITS_BELOW_ONE) {
            char tick[32];
            units_format_duration(tick, sizeof tick, sc->tick_us);
            return report(err, errlen, "%s: %s is less than 1 %s per tick (tick: %s)", label, as,
                          t->objects ? "object" : "byte", tick);
        }
        if (st != UNITS_OK)
            return report(err, errlen, "%s: %s is too large (rates must be below 2^50 per tick)", label,
                          as);
        v->n = n;
    }
    return check_value(t, v, label, as, err, errlen);
}

/* One value as written (no range), into v->shown / v->d / v->per_second. */
static int parse_one(const VaryTarget *t, const char *s, size_t len, bool allow_word, VaryValue *v,
                     const char *label, char *err, size_t errlen)
{
    char sub[256];
    int shown = len > SHOW ? SHOW : (int)len;
    memset(v, 0, sizeof *v);
    v->d = 1;
    if (len == 0)
        return report(err, errlen, "%s: empty value", label);
    const char *word = t->param == VP_TOTAL ? "endless" : t->param == VP_MEMORY_LIMIT ? "none" : NULL;
    if (word && strlen(word) == len && !memcmp(s, word, len)) {
        if (!allow_word)
            return report(err, errlen, "%s: '%s' cannot be the end of a range", label, word);
        v->shown = VARY_NONE;
        return 0;
    }
    if (t->param == VP_RATIO) {
        const char *slash = memchr(s, '/', len);
        size_t l1 = slash ? (size_t)(slash - s) : len;
        int64_t a, b = 1;
        if (l1 == 0 || vary_parse_size(s, l1, true, &a, sub, sizeof sub) ||
            (slash && vary_parse_size(slash + 1, len - l1 - 1, true, &b, sub, sizeof sub)))
            return report(err, errlen, "%s: expected a ratio like 1/4, 3 or 5/2, got '%.*s'", label,
                          shown, s);
        if (a < 1 || b < 1 || a > LIMIT_RATIO || b > LIMIT_RATIO)
            return report(err, errlen, "%s: '%.*s' is out of range (N and M are 1..%lld)", label, shown,
                          s, (long long)LIMIT_RATIO);
        int64_t g = gcd64(a, b);
        v->shown = a / g;
        v->d = b / g;
        return 0;
    }
    size_t l = len;
    if (t->param == VP_RATE && units_is_per_second(s, len)) {
        v->per_second = true;
        l -= 2;
    }
    if (parse_size_in(s, l, len, t->objects, &v->shown, sub, sizeof sub))
        return report(err, errlen, "%s: %s", label, sub);
    return 0;
}

/* Counts the values of a range without making them, so a huge range is
 * refused before any memory is spent on it. */
static int64_t range_count(int64_t a, int64_t b, int64_t step)
{
    if (step > 0)
        return (b - a) / step + 1;
    int64_t c = 0;
    for (int64_t x = a; x <= b; c++) {
        if (x > INT64_MAX / 2)
            return c + 1;
        x *= 2;
    }
    return c;
}

typedef struct {
    VaryValue *v;
    int n, max;
} ValueList;

static int push_value(ValueList *l, const VaryValue *v, const char *label, char *err, size_t errlen)
{
    if (l->n >= l->max)
        return report(err, errlen, "%s: more than %d values", label, l->max);
    l->v[l->n++] = *v;
    return 0;
}

static int parse_item(const VaryTarget *t, const Scenario *sc, const char *s, size_t len,
                      ValueList *out, const char *label, char *err, size_t errlen)
{
    int shown = len > SHOW ? SHOW : (int)len;
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len && !dots; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            dots = s + i;
    char as[SHOW + 64];
    if (!dots) {
        VaryValue v;
        if (memchr(s, ':', len))
            return report(err, errlen, "%s: ':STEP' goes after a range A..B, in '%.*s'", label, shown, s);
        snprintf(as, sizeof as, "'%.*s'", shown, s);
        if (parse_one(t, s, len, true, &v, label, err, errlen) ||
            finish_value(t, sc, &v, label, as, err, errlen))
            return 2;
        return push_value(out, &v, label, err, errlen);
    }
    const char *rest = dots + 2;
    size_t rlen = len - (size_t)(rest - s);
    const char *colon = memchr(rest, ':', rlen);
    size_t blen = colon ? (size_t)(colon - rest) : rlen;
    VaryValue a, b;
    if (parse_one(t, s, (size_t)(dots - s), false, &a, label, err, errlen) ||
        parse_one(t, rest, blen, false, &b, label, err, errlen))
        return 2;
    if (t->param == VP_RATIO && (a.d != 1 || b.d != 1))
        return report(err, errlen, "%s: a ratio range runs between whole numbers (list fractions instead): '%.*s'",
                      label, shown, s);
    if (a.per_second != b.per_second)
        return report(err, errlen, "%s: both ends of '%.*s' must be per second, or neither", label, shown, s);
    if (a.shown > b.shown)
        return report(err, errlen, "%s: the range '%.*s' goes down (write the smaller value first)", label,
                      shown, s);
    int64_t step = 0;
    if (colon) {
        const char *ss = colon + 1;
        size_t sl = len - (size_t)(ss - s);
        /* The step is an amount in the same unit as the ends; "/s" may be repeated. */
        if (a.per_second && units_is_per_second(ss, sl))
            sl -= 2;
        char sub[256];
        if (sl == 0 || vary_parse_size(ss, sl, t->objects || t->param == VP_RATIO, &step, sub, sizeof sub))
            return report(err, errlen, "%s: bad step in '%.*s': %s", label, shown, s,
                          sl == 0 ? "empty" : sub);
        if (step < 1)
            return report(err, errlen, "%s: the step in '%.*s' must be at least 1", label, shown, s);
    } else if (a.shown < 1) {
        return report(err, errlen,
                      "%s: a doubling range starts at 1 or more, not at 0 ('%.*s'); use A..B:STEP for steps",
                      label, shown, s);
    }
    int64_t count = range_count(a.shown, b.shown, step);
    if (count > out->max - out->n)
        return report(err, errlen, "%s: '%.*s' makes %lld values, more than the %d allowed", label, shown,
                      s, (long long)count, out->max);
    int64_t x = a.shown;
    for (int64_t k = 0; k < count; k++) {
        VaryValue v = a;
        v.shown = x;
        snprintf(as, sizeof as, "%lld%s (from '%.*s')", (long long)x, a.per_second ? "/s" : "",
                 shown > 24 ? 24 : shown, s);
        if (finish_value(t, sc, &v, label, as, err, errlen) || push_value(out, &v, label, err, errlen))
            return 2;
        if (k + 1 < count)
            x = step ? x + step : x * 2;
    }
    return 0;
}

int vary_parse_values(const char *text, const VaryTarget *t, const Scenario *sc, int max,
                      VaryValue **out, int *count, char *err, size_t errlen)
{
    char label[SC_ID_MAX + 32];
    vary_target_label(t, label, sizeof label);
    *out = NULL;
    *count = 0;
    if (max < 1 || max > VARY_MAX_VALUES)
        max = VARY_MAX_VALUES;
    if (!text || !*text)
        return report(err, errlen, "%s: no values (write a list like 1KiB,16KiB or a range like 1KiB..1MiB)",
                      label);
    size_t len = strlen(text);
    /* Room for the most values allowed (a few hundred KiB at most), given
     * back at the end: simpler than growing while ranges expand. */
    ValueList l = {malloc((size_t)max * sizeof(VaryValue)), 0, max};
    if (!l.v)
        return report(err, errlen, "out of memory");
    const char *p = text;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == 0) {
            free(l.v);
            return report(err, errlen, "%s: empty value in '%.*s'", label, (int)(len > SHOW ? SHOW : len),
                          text);
        }
        if (parse_item(t, sc, p, n, &l, label, err, errlen)) {
            free(l.v);
            return 2;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    VaryValue *shrunk = realloc(l.v, (size_t)l.n * sizeof *shrunk);
    *out = shrunk ? shrunk : l.v;
    *count = l.n;
    return 0;
}

int vary_parse(const char *spec, const Scenario *sc, Vary *v, char *err, size_t errlen)
{
    memset(v, 0, sizeof *v);
    const char *eq = spec ? strchr(spec, '=') : NULL;
    if (!eq)
        return report(err, errlen, "expected STREAM.PARAM=VALUES (or memoryLimit=/ticks=VALUES), got '%.*s'",
                      SHOW, spec ? spec : "");
    if (vary_parse_target(spec, (size_t)(eq - spec), sc, &v->target, err, errlen))
        return 2;
    return vary_parse_values(eq + 1, &v->target, sc, VARY_MAX_VALUES, &v->values, &v->count, err,
                             errlen);
}

void vary_free(Vary *v)
{
    free(v->values);
    memset(v, 0, sizeof *v);
}

/* ---- applying ---- */

int vary_apply(Scenario *sc, const VaryTarget *t, const VaryValue *val, char *err, size_t errlen)
{
    char label[SC_ID_MAX + 32], as[64];
    VaryTarget tt = *t;
    if (check_target(sc, &tt, err, errlen))
        return 2;
    vary_target_label(&tt, label, sizeof label);
    vary_format_value(&tt, val, as, sizeof as);
    if (check_value(&tt, val, label, as, err, errlen))
        return 2;
    /* Keep what is overwritten, so a value the scenario refuses changes nothing. */
    StreamDef saved_def = {0};
    int64_t saved_limit = sc->memory_limit, saved_ticks = sc->ticks;
    StreamDef *d = tt.stream >= 0 ? &sc->streams[tt.stream] : NULL;
    if (d)
        saved_def = *d;
    int64_t n = val->n;
    switch (tt.param) {
    case VP_HWM:
        /* Node's Transform gives highWaterMark to both sides (and with 0, the
         * writable side becomes writableHighWaterMark || 0, which is 0 here). */
        if (d->kind != SK_SINK)
            d->rhwm = n;
        if (d->kind != SK_SOURCE)
            d->whwm = n;
        break;
    case VP_RHWM:
        d->rhwm = n;
        break;
    case VP_WHWM:
        d->whwm = n;
        break;
    case VP_RATE:
        d->rate = n;
        break;
    case VP_CHUNK:
        d->chunk = n;
        break;
    case VP_TOTAL:
        d->total = n == VARY_NONE ? -1 : n;
        break;
    case VP_RATIO:
        d->ratio_num = n;
        d->ratio_den = val->d;
        break;
    case VP_BATCH:
        d->batch = (int32_t)n;
        break;
    case VP_OBJECT_SIZE:
        d->object_size = n;
        break;
    case VP_MEMORY_LIMIT:
        sc->memory_limit = n == VARY_NONE ? 0 : n;
        break;
    case VP_TICKS:
        /* Like `run --ticks`: the timeline keeps entries past the new end,
         * which then never run, so the check below must not refuse them;
         * the new length itself was range-checked above. */
        if (sc->nactions > 0 && sc->actions[sc->nactions - 1].at > sc->ticks)
            sc->ticks = sc->actions[sc->nactions - 1].at;
        break;
    default:
        break;
    }
    char why[512];
    if (scenario_check(sc, why, sizeof why, "") != 0) {
        /* Its "file:line:col: " points into the file, which this value is
         * not from: keep only what is wrong. */
        const char *msg = why;
        for (int colons = 0; *msg && colons < 3; msg++)
            colons += *msg == ':';
        while (*msg == ' ')
            msg++;
        report(err, errlen, "%s = %s: %s", label, as, *msg ? msg : why);
        if (d)
            *d = saved_def;
        sc->memory_limit = saved_limit;
        sc->ticks = saved_ticks;
        return 2;
    }
    if (tt.param == VP_TICKS)
        sc->ticks = n;
    return 0;
}

VaryValue vary_get(const Scenario *sc, const VaryTarget *t)
{
    VaryValue v = {0, 1, 0, false};
    const StreamDef *d = t->stream >= 0 && t->stream < sc->nstreams ? &sc->streams[t->stream] : NULL;
    switch (t->param) {
    case VP_HWM:
        v.n = d ? (d->kind == SK_SINK ? d->whwm : d->rhwm) : 0;
        break;
    case VP_RHWM:
        v.n = d ? d->rhwm : 0;
        break;
    case VP_WHWM:
        v.n = d ? d->whwm : 0;
        break;
    case VP_RATE:
        v.n = d ? d->rate : 0;
        break;
    case VP_CHUNK:
        v.n = d ? d->chunk : 0;
        break;
    case VP_TOTAL:
        v.n = d ? (d->total < 0 ? VARY_NONE : d->total) : 0;
        break;
    case VP_RATIO:
        v.n = d ? d->ratio_num : 1;
        v.d = d ? d->ratio_den : 1;
        break;
    case VP_BATCH:
        v.n = d ? d->batch : 1;
        break;
    case VP_OBJECT_SIZE:
        v.n = d ? d->object_size : 0;
        break;
    case VP_MEMORY_LIMIT:
        v.n = sc->memory_limit > 0 ? sc->memory_limit : VARY_NONE;
        break;
    case VP_TICKS:
        v.n = sc->ticks;
        break;
    default:
        break;
    }
    v.shown = v.n;
    return v;
}

bool vary_value_equal(const VaryValue *a, const VaryValue *b)
{
    return a->n == b->n && a->d == b->d;
}

size_t vary_format_value(const VaryTarget *t, const VaryValue *v, char *out, size_t cap)
{
    int n;
    if (v->n == VARY_NONE && (t->param == VP_TOTAL || t->param == VP_MEMORY_LIMIT))
        n = snprintf(out, cap, "%s", t->param == VP_TOTAL ? "endless" : "none");
    else if (t->param == VP_RATIO && v->d != 1)
        n = snprintf(out, cap, "%lld/%lld", (long long)v->n, (long long)v->d);
    else
        n = snprintf(out, cap, "%lld", (long long)(v->per_second ? v->shown : v->n));
    if (n < 0)
        return 0;
    return (size_t)n < cap ? (size_t)n : cap ? cap - 1 : 0;
}


