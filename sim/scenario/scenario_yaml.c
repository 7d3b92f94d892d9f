/* scenario_yaml.c - the scenario reader: libyaml events -> a small tree -> Scenario.
 *
 * Two stages. build_tree() turns libyaml's events into an array of nodes
 * (positions kept, aliases, tags and deep nesting refused), so the second
 * stage can read keys in the order it needs them (`tick` before the rates
 * that depend on it, streams before the wires naming them) whatever order the
 * file uses. The second stage checks and converts every value and reports the
 * first problem at the node that has it.
 */
#include "scenario/scenario_yaml.h"
#include "core/content.h"
#include "scenario/encoding.h"
#include "scenario/like.h"
#include "scenario/limits.h"
#include "scenario/units.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#define MAX_BYTES (4u << 20)     /* a scenario is a few KiB; this bounds memory and time */
#define MAX_NODES (1 << 20)
#define MAX_DEPTH 20             /* the format needs 5 */
#define SHOW_CHARS 40            /* characters of a value quoted in a message */
#define MAX_CONTENT_CHUNK 256      /* content chunks are shown whole in the trace */
#define NAME_MAX_LEN 63

/* ---- the tree ---- */

typedef enum { N_SCALAR, N_SEQ, N_MAP } NodeKind;

typedef struct {
    NodeKind kind;
    bool plain;          /* scalar written bare: only these can be numbers or booleans */
    uint32_t line, col;  /* 1-based */
    char *text;          /* scalar value, NUL-terminated but may hold NULs: use len */
    size_t len;
    int first, last;     /* children; a mapping's are key, value, key, value... */
    int next;            /* next sibling */
    int count;           /* children */
} Node;

typedef struct {
    const char *file;    /* message prefix */
    char *err;
    size_t errlen;
    Node *nodes;
    int nnodes, cap;
    Scenario *sc;
    int writer[SC_MAX_STREAMS];   /* wire writing into each stream, -1 none */
    int upstream[SC_MAX_STREAMS]; /* stream writing into each stream, -1 none */
    char *content_pending;        /* a stream's content, owned here until the stream is added */
    int node;                     /* the caller's Node major, 0: the file's */
} Reader;

typedef struct {
    char s[SHOW_CHARS * 4 + 48];
} Shown;

/* ---- messages ---- */

static int vfail_at(Reader *r, uint32_t line, uint32_t col, const char *fmt, va_list ap)
{
    if (!r->err || r->errlen == 0)
        return 2;
    int n = snprintf(r->err, r->errlen, "%s:%u:%u: ", r->file, (unsigned)line, (unsigned)col);
    if (n >= 0 && (size_t)n < r->errlen)
        vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
    /* Exactly one line, whatever the file name holds. */
    for (char *p = r->err; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    return 2;
}

static int fail_at(Reader *r, uint32_t line, uint32_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(r, line, col, fmt, ap);
    va_end(ap);
    return 2;
}

static int fail(Reader *r, const Node *at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail_at(r, at ? at->line : 1, at ? at->col : 1, fmt, ap);
    va_end(ap);
    return 2;
}

/* Copies at most SHOW_CHARS characters of s, escaping what would not print. */
static void escape(char *out, size_t cap, const char *s, size_t len)
{
    size_t o = 0, chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        bool lead = (c & 0xC0) != 0x80;
        if (lead && chars == SHOW_CHARS) {
            if (o + 4 <= cap) {
                memcpy(out + o, "...", 3);
                o += 3;
            }
            break;
        }
        chars += lead;
        char tmp[8];
        int tn;
        if (c == '\n')
            tn = snprintf(tmp, sizeof tmp, "\\n");
        else if (c == '\t')
            tn = snprintf(tmp, sizeof tmp, "\\t");
        else if (c < 0x20 || c == 0x7f)
            tn = snprintf(tmp, sizeof tmp, "\\x%02X", c);
        else {
            tmp[0] = (char)c;
            tn = 1;
        }
        if (o + (size_t)tn + 4 > cap)
            break;
        memcpy(out + o, tmp, (size_t)tn);
        o += (size_t)tn;
    }
    out[o] = '\0';
}

static bool is_null(const Node *n)
{
    if (n->kind != N_SCALAR || !n->plain)
        return false;
    return n->len == 0 || !strcmp(n->text, "~") || !strcmp(n->text, "null") ||
           !strcmp(n->text, "Null") || !strcmp(n->text, "NULL");
}

/* What a node is, for "expected X, got Y". */
static const char *show(const Node *n, Shown *b)
{
    char esc[sizeof b->s - 16];
    if (n->kind == N_SEQ)
        return "a sequence";
    if (n->kind == N_MAP)
        return "a mapping";
    if (is_null(n))
        return "nothing";
    escape(esc, sizeof esc, n->text, n->len);
    snprintf(b->s, sizeof b->s, n->plain ? "'%s'" : "the string \"%s\"", esc);
    return b->s;
}

/* A scalar's text in single quotes whatever its style, for names. */
static const char *quoted(const Node *n, Shown *b)
{
    char esc[sizeof b->s - 16];
    if (n->kind != N_SCALAR)
        return show(n, b);
    escape(esc, sizeof esc, n->text, n->len);
    snprintf(b->s, sizeof b->s, "'%s'", esc);
    return b->s;
}

static bool text_is(const Node *n, const char *s)
{
    size_t l = strlen(s);
    return n->kind == N_SCALAR && n->len == l && !memcmp(n->text, s, l);
}

/* "a, b or c" */
static void join_words(char *out, size_t cap, const char *const *words, int n)
{
    size_t o = 0;
    out[0] = '\0';
    for (int i = 0; i < n && o < cap; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
        int w = snprintf(out + o, cap - o, "%s%s", sep, words[i]);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

/* ---- suggestions ---- */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive optimal string alignment distance (edits and swaps). */
static int distance(const char *a, size_t la, const char *b, size_t lb)
{
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int cost = lower(a[i - 1]) != lower(b[j - 1]);
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
                lower(a[i - 2]) == lower(b[j - 1]) && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* The candidate a typo most likely meant, or NULL: a different case, or one
 * or two edits on a word long enough that two edits are not most of it. */
static const char *closest(const char *s, size_t len, const char *const *cands, int n)
{
    const char *best = NULL;
    int bestd = 3;
    if (len == 0 || len > 64)
        return NULL;
    for (int i = 0; i < n; i++) {
        size_t cl = strlen(cands[i]);
        if (cl > 64)
            continue;
        int d = distance(s, len, cands[i], cl);
        if (d < bestd && (d == 0 || d * 3 <= (int)cl)) {
            best = cands[i];
            bestd = d;
        }
    }
    return best;
}

/* ---- stage 1: events -> tree ---- */

static uint32_t mark_num(size_t zero_based)
{
    return zero_based >= UINT32_MAX - 1 ? UINT32_MAX : (uint32_t)zero_based + 1;
}

/* Appends a node under `parent` (-1: the root). Returns its index or -1 when out of memory. */
static int add_node(Reader *r, NodeKind kind, const yaml_event_t *ev, int parent)
{
    if (r->nnodes == r->cap) {
        int ncap = r->cap ? r->cap * 2 : 64;
        Node *grown = realloc(r->nodes, (size_t)ncap * sizeof *grown);
        if (!grown)
            return -1;
        r->nodes = grown;
        r->cap = ncap;
    }
    Node *n = &r->nodes[r->nnodes];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = mark_num(ev->start_mark.line);
    n->col = mark_num(ev->start_mark.column);
    n->first = n->last = n->next = -1;
    if (kind == N_SCALAR) {
        size_t len = ev->data.scalar.length;
        n->text = malloc(len + 1);
        if (!n->text)
            return -1;
        if (len)
            memcpy(n->text, ev->data.scalar.value, len);
        n->text[len] = '\0';
        n->len = len;
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    }
    int idx = r->nnodes++;
    if (parent >= 0) {
        Node *p = &r->nodes[parent];
        if (p->last >= 0)
            r->nodes[p->last].next = idx;
        else
            p->first = idx;
        p->last = idx;
        p->count++;
    }
    return idx;
}

/* Reader errors carry a byte offset, not a mark: count lines and characters up to it. */
static void offset_to_mark(const char *text, size_t len, size_t off, uint32_t *line, uint32_t *col)
{
    uint32_t l = 1, c = 1;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n' || (ch == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80 && ch != '\r') {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int yaml_failure(Reader *r, const yaml_parser_t *p, const char *text, size_t len)
{
    const char *problem = p->problem ? p->problem : "unknown problem";
    if (p->error == YAML_MEMORY_ERROR)
        return fail_at(r, 1, 1, "out of memory");
    if (p->error == YAML_READER_ERROR) {
        uint32_t line, col;
        size_t off = p->problem_offset;
        bool utf8 = strstr(problem, "UTF-8") != NULL;
        /* libyaml blames the byte after a bad lead byte (often the line
         * break after a Latin-1 letter): point at the lead byte instead. */
        if (utf8 && strstr(problem, "trailing")) {
            while (off > 0 && off <= len && ((unsigned char)text[off - 1] & 0xC0) == 0x80)
                off--;
            if (off > 0)
                off--;
        }
        offset_to_mark(text, len, off, &line, &col);
        if (utf8 && off < len)
            return fail_at(r, line, col, "bad input: not UTF-8 text (byte 0x%02X)", (unsigned char)text[off]);
        if (p->problem_value >= 0)
            return fail_at(r, line, col, "bad input: %s (0x%02X)", problem, (unsigned)p->problem_value);
        return fail_at(r, line, col, "bad input: %s", problem);
    }
    uint32_t line = mark_num(p->problem_mark.line), col = mark_num(p->problem_mark.column);
    if (p->context && p->context_mark.line != p->problem_mark.line)
        return fail_at(r, line, col, "syntax error: %s (%s at line %u)", problem, p->context,
                       (unsigned)mark_num(p->context_mark.line));
    if (p->context)
        return fail_at(r, line, col, "syntax error: %s (%s)", problem, p->context);
    return fail_at(r, line, col, "syntax error: %s", problem);
}

static int build_tree(Reader *r, const char *text, size_t len, int *root)
{
    yaml_parser_t p;
    int stack[MAX_DEPTH];
    int depth = 0, docs = 0, rc = 0;
    *root = -1;
    if (!yaml_parser_initialize(&p))
        return fail_at(r, 1, 1, "out of memory");
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    for (bool done = false; !done && rc == 0;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            rc = yaml_failure(r, &p, text, len);
            break;
        }
        uint32_t line = mark_num(ev.start_mark.line), col = mark_num(ev.start_mark.column);
        const yaml_char_t *tag = NULL;
        NodeKind kind = N_SCALAR;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1)
                rc = fail_at(r, line, col, "a second YAML document: a scenario file holds one");
            break;
        case YAML_ALIAS_EVENT: {
            char esc[SHOW_CHARS * 4 + 8];
            const char *a = (const char *)ev.data.alias.anchor;
            escape(esc, sizeof esc, a ? a : "", a ? strlen(a) : 0);
            rc = fail_at(r, line, col, "alias '*%s' is not supported: write the value out in full", esc);
            break;
        }
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            if (ev.type == YAML_SCALAR_EVENT)
                tag = ev.data.scalar.tag;
            else if (ev.type == YAML_SEQUENCE_START_EVENT)
                tag = ev.data.sequence_start.tag, kind = N_SEQ;
            else
                tag = ev.data.mapping_start.tag, kind = N_MAP;
            if (tag) {
                rc = fail_at(r, line, col, "YAML tags ('!...') are not supported: remove the tag");
                break;
            }
            if (kind != N_SCALAR && depth == MAX_DEPTH) {
                rc = fail_at(r, line, col, "nested too deeply (more than %d levels)", MAX_DEPTH);
                break;
            }
            if (r->nnodes >= MAX_NODES) {
                rc = fail_at(r, line, col, "too many values (more than %d)", MAX_NODES);
                break;
            }
            int idx = add_node(r, kind, &ev, depth ? stack[depth - 1] : -1);
            if (idx < 0) {
                rc = fail_at(r, line, col, "out of memory");
                break;
            }
            if (depth == 0)
                *root = idx;
            if (kind != N_SCALAR)
                stack[depth++] = idx;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth > 0)
                depth--;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return rc;
}

static void tree_free(Reader *r)
{
    for (int i = 0; i < r->nnodes; i++)
        free(r->nodes[i].text);
    free(r->nodes);
    r->nodes = NULL;
    r->nnodes = r->cap = 0;
}

/* ---- stage 2: values ---- */

#define NODE(r, i) (&(r)->nodes[i])

/* Walks a mapping's pairs in file order: key k, value v. */
#define FOR_PAIRS(r, map, k, v)                                                        \
    for (const Node *k = (map)->first >= 0 ? NODE(r, (map)->first) : NULL,             \
                    *v = k && k->next >= 0 ? NODE(r, k->next) : NULL;                  \
         k && v;                                                                       \
         k = v->next >= 0 ? NODE(r, v->next) : NULL, v = k && k->next >= 0 ? NODE(r, k->next) : NULL)

#define FOR_ITEMS(r, seq, it) \
    for (const Node *it = (seq)->first >= 0 ? NODE(r, (seq)->first) : NULL; it; \
         it = it->next >= 0 ? NODE(r, it->next) : NULL)

static int key_index(const Node *k, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (text_is(k, names[i]))
            return i;
    return -1;
}

/* Checks a mapping's keys (known, not repeated) and files each value under its key's index. */
static int collect(Reader *r, const Node *map, const char *const *names, int n,
                   const Node **vals, const Node **keys)
{
    Shown b;
    FOR_PAIRS(r, map, k, v) {
        if (k->kind != N_SCALAR || is_null(k))
            return fail(r, k, "a key must be a name, got %s", show(k, &b));
        int i = key_index(k, names, n);
        if (i < 0) {
            const char *sug = closest(k->text, k->len, names, n);
            if (sug)
                return fail(r, k, "unknown key %s (did you mean '%s'?)", quoted(k, &b), sug);
            return fail(r, k, "unknown key %s", quoted(k, &b));
        }
        if (vals[i])
            return fail(r, k, "duplicate key '%s' (first at line %u)", names[i], (unsigned)keys[i]->line);
        vals[i] = v;
        keys[i] = k;
    }
    return 0;
}

static int need_scalar(Reader *r, const char *key, const Node *n, const char *what, bool plain)
{
    Shown b;
    if (n->kind != N_SCALAR || is_null(n) || (plain && !n->plain))
        return fail(r, n, "%s: expected %s, got %s", key, what, show(n, &b));
    return 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Leading decimal digits of s: how many, the value (saturated) and whether it overflowed. */
static size_t read_digits(const char *s, size_t len, uint64_t *v, bool *over)
{
    uint64_t x = 0;
    size_t i = 0;
    *over = false;
    for (; i < len && is_digit(s[i]); i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (x > (UINT64_MAX - d) / 10) {
            *over = true;
            x = UINT64_MAX;
        } else if (!*over) {
            x = x * 10 + d;
        }
    }
    *v = x;
    return i;
}

/* A plain unsigned integer; `neg` tells a leading '-'. */
static int parse_uint(Reader *r, const char *key, const Node *n, uint64_t *v, bool *over, bool *neg)
{
    Shown b;
    if (need_scalar(r, key, n, "an integer", true))
        return 2;
    size_t skip = n->len > 1 && (n->text[0] == '-' || n->text[0] == '+');
    *neg = skip && n->text[0] == '-';
    if (read_digits(n->text + skip, n->len - skip, v, over) != n->len - skip || n->len == skip)
        return fail(r, n, "%s: expected an integer, got %s", key, show(n, &b));
    return 0;
}

static int get_int(Reader *r, const char *key, const Node *n, int64_t lo, int64_t hi, int64_t *out)
{
    Shown b;
    uint64_t v;
    bool over, neg;
    if (parse_uint(r, key, n, &v, &over, &neg))
        return 2;
    if (over || (neg && v > 0) || v > (uint64_t)hi || (int64_t)v < lo)
        return fail(r, n, "%s: %s is out of range (%lld..%lld)", key, show(n, &b), (long long)lo,
                    (long long)hi);
    *out = neg ? -(int64_t)v : (int64_t)v;
    return 0;
}

static int get_bool(Reader *r, const char *key, const Node *n, bool *out)
{
    Shown b;
    static const char *const yes[] = {"true", "True", "TRUE"};
    static const char *const no[] = {"false", "False", "FALSE"};
    for (int i = 0; i < 3 && n->kind == N_SCALAR && n->plain; i++) {
        if (text_is(n, yes[i]) || text_is(n, no[i])) {
            *out = text_is(n, yes[i]);
            return 0;
        }
    }
    return fail(r, n, "%s: expected true or false, got %s", key, show(n, &b));
}

/* An owned copy of a string value; block scalars' final line breaks are dropped. */
static int get_text(Reader *r, const char *key, const Node *n, bool one_line, char **out)
{
    if (need_scalar(r, key, n, "a string", false))
        return 2;
    size_t len = n->len;
    while (len > 0 && (n->text[len - 1] == '\n' || n->text[len - 1] == '\r'))
        len--;
    if (memchr(n->text, '\0', len))
        return fail(r, n, "%s: contains a NUL character", key);
    if (one_line && (memchr(n->text, '\n', len) || memchr(n->text, '\r', len)))
        return fail(r, n, "%s: must be one line", key);
    char *s = malloc(len + 1);
    if (!s)
        return fail(r, n, "out of memory");
    memcpy(s, n->text, len);
    s[len] = '\0';
    free(*out);
    *out = s;
    return 0;
}

static bool ident_ok(const char *s, size_t len, size_t maxlen, bool digit_first, const char *extra)
{
    if (len == 0 || len > maxlen)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (alpha || (is_digit(c) && (i > 0 || digit_first)))
            continue;
        if (i > 0 && c && strchr(extra, c))
            continue;
        return false;
    }
    return true;
}

/* An identifier [A-Za-z_][A-Za-z0-9_-]* of at most cap-1 characters, copied to out. */
static int get_ident(Reader *r, const char *key, const Node *n, char *out, size_t cap, const char *what)
{
    Shown b;
    if (need_scalar(r, key, n, what, false))
        return 2;
    if (!ident_ok(n->text, n->len, cap - 1, false, "-"))
        return fail(r, n, "%s: %s is not a valid %s ([A-Za-z_][A-Za-z0-9_-]*, at most %zu characters)",
                    key, quoted(n, &b), what, cap - 1);
    memcpy(out, n->text, n->len);
    out[n->len] = '\0';
    return 0;
}

static int get_word(Reader *r, const char *key, const Node *n, const char *const *words, int nwords,
                    const char *what, int *out)
{
    Shown b;
    char list[256];
    join_words(list, sizeof list, words, nwords);
    if (n->kind != N_SCALAR || is_null(n))
        return fail(r, n, "%s: expected %s, got %s", key, list, show(n, &b));
    for (int i = 0; i < nwords; i++)
        if (text_is(n, words[i])) {
            *out = i;
            return 0;
        }
    const char *sug = closest(n->text, n->len, words, nwords);
    if (sug)
        return fail(r, n, "%s: unknown %s %s (did you mean '%s'?)", key, what, quoted(n, &b), sug);
    return fail(r, n, "%s: unknown %s %s (expected %s)", key, what, quoted(n, &b), list);
}

/* s[0..len) as digits and an optional size unit (the whole of n's text, or
 * the part before "/s"). `objects`: the value counts objects, so no unit.
 * The units and their rules are scenario/units.h's; the words are here. */
static int parse_amount(Reader *r, const char *key, const Node *n, size_t len, bool objects,
                        const char *what, uint64_t *out)
{
    Shown b;
    UnitsWhy why;
    int64_t v = 0;
    switch (units_parse_size(n->text, len, objects, &v, &why)) {
    case UNITS_OK:
        *out = (uint64_t)v;
        return 0;
    case UNITS_NEGATIVE:
        return fail(r, n, "%s: %s is negative", key, show(n, &b));
    case UNITS_FRACTION:
        return fail(r, n, "%s: expected a whole number, got %s", key, show(n, &b));
    case UNITS_SPACE:
        return fail(r, n, "%s: write the unit right after the number, got %s", key, show(n, &b));
    case UNITS_UNKNOWN_UNIT: {
        char esc[SHOW_CHARS * 4 + 8];
        escape(esc, sizeof esc, n->text + why.unit_at, why.unit_len);
        if (why.suggest)
            return fail(r, n, "%s: unknown unit '%s' in %s (did you mean '%s'?)", key, esc,
                        show(n, &b), why.suggest);
        return fail(r, n, "%s: unknown unit '%s' in %s (use " UNITS_SIZE_LIST ")", key, esc,
                    show(n, &b));
    }
    case UNITS_OBJECTS:
        return fail(r, n, "%s: counts objects in objectMode: write a plain integer, not %s", key,
                    show(n, &b));
    case UNITS_TOO_LARGE:
        return fail(r, n, "%s: %s is too large (sizes must be below 2^62)", key, show(n, &b));
    default:
        return fail(r, n, "%s: expected %s, got %s", key, what, show(n, &b));
    }
}

static int get_size(Reader *r, const char *key, const Node *n, bool objects, const char *what,
                    int64_t *out)
{
    uint64_t v;
    if (!what)
        what = objects ? "a number of objects like 16" : "a size like 16KiB";
    if (need_scalar(r, key, n, what, true) || parse_amount(r, key, n, n->len, objects, what, &v))
        return 2;
    *out = (int64_t)v;
    return 0;
}

/* A size per tick, or per second ("/s") converted with the scenario's tick, rounding down. */
static int get_rate(Reader *r, const char *key, const Node *n, bool objects, int64_t *out)
{
    Shown b;
    const char *what = objects ? "a rate like 16 (objects per tick) or 100/s"
                               : "a rate like 16KiB (per tick) or 16MiB/s";
    if (need_scalar(r, key, n, what, true))
        return 2;
    size_t len = n->len;
    bool per_s = units_is_per_second(n->text, len);
    if (per_s)
        len -= 2;
    else if (memchr(n->text, '/', len))
        return fail(r, n, "%s: expected %s, got %s", key, what, show(n, &b));
    uint64_t v;
    if (parse_amount(r, key, n, len, objects, what, &v))
        return 2;
    int64_t per_tick = (int64_t)v;
    UnitsStatus st = per_s ? units_per_tick((int64_t)v, r->sc->tick_us, &per_tick)
                     : v >= (uint64_t)SC_RATE_LIMIT ? UNITS_TOO_LARGE : UNITS_OK;
    if (st == UNITS_BELOW_ONE) {
        char dur[32];
        units_format_duration(dur, sizeof dur, r->sc->tick_us);
        return fail(r, n, "%s: %s is less than 1 %s per tick (tick: %s)", key, show(n, &b),
                    objects ? "object" : "byte", dur);
    }
    if (st != UNITS_OK)
        return fail(r, n, "%s: %s is too large (rates must be below 2^50 per tick)", key, show(n, &b));
    *out = per_tick;
    return 0;
}

static int get_duration(Reader *r, const char *key, const Node *n, int64_t *out)
{
    Shown b;
    UnitsWhy why;
    const char *what = "a duration like 1ms (" UNITS_DURATION_LIST ")";
    if (need_scalar(r, key, n, what, true))
        return 2;
    switch (units_parse_duration(n->text, n->len, out, &why)) {
    case UNITS_OK:
        return 0;
    case UNITS_NEEDS_UNIT:
        return fail(r, n, "%s: %s needs a unit: " UNITS_DURATION_LIST, key, show(n, &b));
    case UNITS_UNKNOWN_UNIT: {
        char esc[SHOW_CHARS * 4 + 8];
        escape(esc, sizeof esc, n->text + why.unit_at, why.unit_len);
        return fail(r, n, "%s: unknown unit '%s' in %s (use " UNITS_DURATION_LIST ")", key, esc,
                    show(n, &b));
    }
    case UNITS_OUT_OF_RANGE:
        return fail(r, n, "%s: %s is out of range (1us..1000s)", key, show(n, &b));
    default:
        return fail(r, n, "%s: expected %s, got %s", key, what, show(n, &b));
    }
}

static uint64_t gcd(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int get_ratio(Reader *r, const char *key, const Node *n, int64_t *num, int64_t *den)
{
    Shown b;
    const char *what = "a ratio like 1/4, 3 or 5/2";
    if (need_scalar(r, key, n, what, true))
        return 2;
    uint64_t a, c = 1;
    bool over1, over2 = false;
    size_t d1 = read_digits(n->text, n->len, &a, &over1), d2 = 0;
    if (d1 > 0 && d1 < n->len && n->text[d1] == '/')
        d2 = read_digits(n->text + d1 + 1, n->len - d1 - 1, &c, &over2);
    if (d1 == 0 || (d1 < n->len && (d2 == 0 || d1 + 1 + d2 != n->len)))
        return fail(r, n, "%s: expected %s (whole numbers), got %s", key, what, show(n, &b));
    if (over1 || over2 || a < 1 || c < 1 || a > LIMIT_RATIO || c > LIMIT_RATIO)
        return fail(r, n, "%s: %s is out of range (N and M are 1..%lld)", key, show(n, &b), (long long)LIMIT_RATIO);
    uint64_t g = gcd(a, c);
    *num = (int64_t)(a / g);
    *den = (int64_t)(c / g);
    return 0;
}

/* ---- top level ---- */

enum { T_NAME, T_TITLE, T_DESCRIPTION, T_TICKS, T_TICK, T_NODE, T_MEMORY, T_SEED,
       T_STREAMS, T_WIRING, T_TIMELINE, T_QUESTIONS, T__COUNT };
static const char *const top_keys[T__COUNT] = {
    "name", "title", "description", "ticks", "tick", "node", "memoryLimit", "seed",
    "streams", "wiring", "timeline", "questions",
};

enum { S_ID, S_KIND, S_HWM, S_RHWM, S_WHWM, S_OBJ, S_ROBJ, S_WOBJ, S_OBJSIZE, S_CHUNK, S_TOTAL,
       S_RATE, S_IGNORES, S_RATIO, S_BATCH, S_SYNC, S_WRITEV, S_HANDLE, S_CONTENT, S_ENCODING,
       S_KEEP, S_KEEPCOPY, S_OUTCHUNK, S_LIKE, S_FROM, S_ITEMS, S__COUNT };
static const char *const stream_keys[S__COUNT] = {
    "id", "kind", "highWaterMark", "readableHighWaterMark", "writableHighWaterMark",
    "objectMode", "readableObjectMode", "writableObjectMode", "objectSize", "chunk", "total",
    "rate", "ignoresBackpressure", "ratio", "batch", "sync", "writev", "handleErrors",
    "content", "encoding", "keep", "keepCopy", "outChunk", "like", "from", "items",
};
#define KS (1u << SK_SOURCE)
#define KT (1u << SK_TRANSFORM)
#define KK (1u << SK_SINK)
#define KALL (KS | KT | KK)
static const unsigned stream_key_kinds[S__COUNT] = {
    KALL, KALL, KALL, KT, KT, KALL, KT, KT, KALL, KS, KS, KALL, KS, KT, KT, KK, KK, KALL,
    KS, KS, KK, KK, KT, KALL, KS, KS,
};
static const char *const kind_words[] = {"source", "transform", "sink"};

enum { W_END = WIRE__COUNT, W__COUNT };
static const char *const wire_keys[W__COUNT] = {
    "pipe", "pipeline", "promisesPipeline", "naive", "manual", "forAwait", "readable", "end",
};

enum { A_AT, A_NOTE, A_DO, A_STREAM, A_DEST, A_RATE, A_BYTES, A_ERROR, A__COUNT };
static const char *const action_keys[A__COUNT] = {
    "at", "note", "do", "stream", "dest", "rate", "bytes", "error",
};

static int64_t preset_hwm(const Scenario *sc, bool objects)
{
    return objects ? 16 : sc->node >= 22 ? 65536 : 16384;
}

static int not_applicable(Reader *r, const Node *k, int key, StreamKind kind)
{
    unsigned m = stream_key_kinds[key];
    const char *only = m == KS ? "sources" : m == KT ? "transforms" : m == KK ? "sinks" : "?";
    const char *hint = "";
    if (key == S_RHWM || key == S_WHWM)
        hint = "; use 'highWaterMark'";
    else if (key == S_ROBJ || key == S_WOBJ)
        hint = "; use 'objectMode'";
    return fail(r, k, "'%s' does not apply to a %s (only to %s%s)", stream_keys[key],
                kind_words[kind], only, hint);
}

/* A source's `content` and `encoding` (the lessons on Buffers and strings). */
static int read_content(Reader *r, StreamDef *d, const Node *const *v, const Node *const *k)
{
    static const char *const encodings[] = {"utf8"};
    if (v[S_CONTENT]) {
        if (d->robj)
            return fail(r, k[S_CONTENT], "'content' applies only to a byte-mode source");
        if (get_text(r, "content", v[S_CONTENT], false, &d->content))
            return 2;
        /* Any error before the stream joins the scenario must free it. */
        r->content_pending = d->content;
        d->content_len = (int64_t)strlen(d->content);
        if (d->content_len == 0)
            return fail(r, v[S_CONTENT], "content: must not be empty");
        if (d->chunk > MAX_CONTENT_CHUNK)
            return fail(r, k[S_CONTENT], "'content' needs chunks of at most %d bytes (chunk is %lld)",
                        MAX_CONTENT_CHUNK, (long long)d->chunk);
        if (d->total < 0)
            d->total = d->content_len;
        if (d->total == 0 || content_char_boundary(d, 0, d->total) != d->total)
            return fail(r, v[S_TOTAL] ? v[S_TOTAL] : v[S_CONTENT],
                        "total: %lld bytes would end inside a character of the content",
                        (long long)d->total);
    }
    if (v[S_ENCODING]) {
        int e;
        if (get_word(r, "encoding", v[S_ENCODING], encodings, 1, "encoding", &e))
            return 2;
        if (!d->content)
            return fail(r, k[S_ENCODING], "'encoding' needs 'content' (the text the source produces)");
        d->encoding_utf8 = true;
    }
    return 0;
}

/* `like:` (scenario/like.h): a name from the closed list that fits the
 * stream's kind, on byte-mode sides only; at most one request and one
 * response per scenario (they are the two arguments of one HTTP handler). */
static int read_like(Reader *r, StreamDef *d, const Node *v, const Node *k)
{
    int like;
    if (get_word(r, "like", v, like_names(), LIKE__COUNT - 1, "Node API", &like))
        return 2;
    like += 1;
    unsigned fits = like_kinds(like);
    if (!(fits & (1u << d->kind))) {
        const char *as = fits == (1u << SK_SOURCE) ? "source" : fits == (1u << SK_SINK) ? "sink"
                       : fits == (1u << SK_TRANSFORM) ? "transform" : "source or a sink";
        return fail(r, v, "like: %s is a %s, but '%s' is a %s", like_name(like), as, d->id,
                    kind_words[d->kind]);
    }
    if (d->robj || d->wobj)
        return fail(r, k, "'like: %s' is a byte stream, but '%s' is in objectMode", like_name(like), d->id);
    if (like == LIKE_HTTP_REQUEST || like == LIKE_HTTP_RESPONSE)
        for (int i = 0; i < r->sc->nstreams; i++)
            if (r->sc->streams[i].like == like)
                return fail(r, v, "like: %s: '%s' (line %u) already is one; a handler has one "
                            "request and one response", like_name(like), r->sc->streams[i].id,
                            (unsigned)r->sc->streams[i].line);
    d->like = (uint8_t)like;
    return 0;
}

/* `from: array` with `items: N`: Readable.from() of an array of N objects.
 * from() makes its own objectMode stream with its own _read, so the keys
 * that describe the scenario's _read (chunk, rate, total, content...) do not
 * apply. Sets *om: the stream is in objectMode. */
static int read_from(Reader *r, StreamDef *d, const Node *m, const Node *const *v, const Node *const *k,
                     bool *om)
{
    static const char *const froms[] = {"array"};
    static const int not_with[] = {S_CHUNK, S_TOTAL, S_RATE, S_IGNORES, S_CONTENT, S_ENCODING, S_LIKE};
    if (!v[S_FROM]) {
        if (v[S_ITEMS])
            return fail(r, k[S_ITEMS], "'items' needs 'from: array' (the array Readable.from() reads)");
        return 0;
    }
    int f;
    if (get_word(r, "from", v[S_FROM], froms, 1, "source", &f))
        return 2;
    if (v[S_OBJ] && !*om)
        return fail(r, v[S_OBJ], "objectMode: Readable.from() of an array is an objectMode stream "
                    "(its items are objects)");
    for (size_t j = 0; j < sizeof not_with / sizeof not_with[0]; j++)
        if (v[not_with[j]])
            return fail(r, k[not_with[j]], "'%s' does not apply to 'from: array' (Readable.from() pushes "
                        "the array's items itself, as fast as the stream takes them)", stream_keys[not_with[j]]);
    if (!v[S_ITEMS])
        return fail(r, m, "'from: array' needs 'items' (how many objects the array holds)");
    d->from_array = true;
    *om = true;
    return 0;
}

static int read_stream(Reader *r, const Node *m)
{
    Scenario *sc = r->sc;
    Shown b;
    const Node *v[S__COUNT] = {0}, *k[S__COUNT] = {0};
    if (m->kind != N_MAP)
        return fail(r, m, "a stream is a mapping with 'id' and 'kind', got %s", show(m, &b));
    if (collect(r, m, stream_keys, S__COUNT, v, k))
        return 2;
    if (!v[S_ID])
        return fail(r, m, "a stream needs an 'id'");
    char id[SC_ID_MAX];
    if (get_ident(r, "id", v[S_ID], id, sizeof id, "stream id"))
        return 2;
    int dup = scenario_find(sc, id);
    if (dup >= 0)
        return fail(r, v[S_ID], "duplicate stream id '%s' (first at line %u)", id,
                    (unsigned)sc->streams[dup].line);
    if (!v[S_KIND])
        return fail(r, m, "stream '%s' needs a 'kind' (source, transform or sink)", id);
    int kind;
    if (get_word(r, "kind", v[S_KIND], kind_words, 3, "kind", &kind))
        return 2;
    FOR_PAIRS(r, m, key, val) {
        int i = key_index(key, stream_keys, S__COUNT);
        if (!(stream_key_kinds[i] & (1u << kind)))
            return not_applicable(r, key, i, (StreamKind)kind);
    }

    StreamDef d = streamdef_default((StreamKind)kind, sc->node);
    memcpy(d.id, id, sizeof id);
    d.line = m->line;
    d.col = m->col;
    bool om = false, rom = false, wom = false;
    if ((v[S_OBJ] && get_bool(r, "objectMode", v[S_OBJ], &om)) ||
        (v[S_ROBJ] && get_bool(r, "readableObjectMode", v[S_ROBJ], &rom)) ||
        (v[S_WOBJ] && get_bool(r, "writableObjectMode", v[S_WOBJ], &wom)))
        return 2;
    if (read_from(r, &d, m, v, k, &om))
        return 2;
    /* Node: objectMode sets both sides and a per-side flag can only add to it. */
    d.robj = kind != SK_SINK && (om || rom);
    d.wobj = kind != SK_SOURCE && (om || wom);
    if (v[S_OBJSIZE]) {
        if (!d.robj && !d.wobj)
            return fail(r, k[S_OBJSIZE], "'objectSize' applies only in objectMode");
        if (get_size(r, "objectSize", v[S_OBJSIZE], false, NULL, &d.object_size))
            return 2;
        if (d.object_size < 1)
            return fail(r, v[S_OBJSIZE], "objectSize: must be at least 1 byte");
    }

    int64_t h = 0, rh = 0, wh = 0;
    if ((v[S_HWM] && get_size(r, "highWaterMark", v[S_HWM], d.robj || d.wobj, NULL, &h)) ||
        (v[S_RHWM] && get_size(r, "readableHighWaterMark", v[S_RHWM], d.robj, NULL, &rh)) ||
        (v[S_WHWM] && get_size(r, "writableHighWaterMark", v[S_WHWM], d.wobj, NULL, &wh)))
        return 2;
    if (kind == SK_SOURCE) {
        /* from() passes highWaterMark: 1 unless the options give one (from.js, every major) */
        d.rhwm = v[S_HWM] ? h : d.from_array ? 1 : preset_hwm(sc, d.robj);
    } else if (kind == SK_SINK) {
        d.whwm = v[S_HWM] ? h : preset_hwm(sc, d.wobj);
    } else {
        /* Node's Transform: the readable side takes highWaterMark, else
         * readableHighWaterMark, else the default; when that comes to 0 it
         * drops highWaterMark and sets the writable side to
         * `writableHighWaterMark || 0`, so as not to buffer twice. */
        d.rhwm = v[S_HWM] ? h : v[S_RHWM] ? rh : preset_hwm(sc, d.robj);
        if ((v[S_HWM] || v[S_RHWM]) && d.rhwm == 0)
            d.whwm = v[S_WHWM] ? wh : 0;
        else
            d.whwm = v[S_HWM] ? h : v[S_WHWM] ? wh : preset_hwm(sc, d.wobj);
    }

    if (kind == SK_SOURCE) {
        if (d.robj) {
            if (v[S_CHUNK])
                return fail(r, k[S_CHUNK],
                            "'chunk' does not apply in objectMode (each push is one object of objectSize)");
            d.chunk = 1;
        } else if (v[S_CHUNK]) {
            if (get_size(r, "chunk", v[S_CHUNK], false, NULL, &d.chunk))
                return 2;
            if (d.chunk < 1)
                return fail(r, v[S_CHUNK], "chunk: must be at least 1 byte");
            if (d.chunk > LIMIT_BUFFER)
                return fail(r, v[S_CHUNK], "chunk: Node's Buffers hold at most 4 GiB (buffer.constants.MAX_LENGTH)");
        }
        if (v[S_ITEMS] && get_size(r, "items", v[S_ITEMS], true, "a number of objects like 12", &d.total))
            return 2;
        if (v[S_TOTAL] && !text_is(v[S_TOTAL], "endless") &&
            get_size(r, "total", v[S_TOTAL], d.robj,
                     d.robj ? "a number of objects like 100, or endless" : "a size like 4GiB, or endless",
                     &d.total))
            return 2;
        if (v[S_IGNORES] && get_bool(r, "ignoresBackpressure", v[S_IGNORES], &d.ignores_backpressure))
            return 2;
        if (read_content(r, &d, v, k))
            return 2;
    }
    bool rate_objects = kind == SK_SOURCE ? d.robj : d.wobj;
    if (v[S_RATE]) {
        if (get_rate(r, "rate", v[S_RATE], rate_objects, &d.rate))
            return 2;
    } else {
        d.rate = d.from_array ? 0 : kind == SK_SOURCE ? d.chunk : rate_objects ? 1 : 16384;
    }
    if (v[S_RATIO]) {
        if (d.robj)
            return fail(r, k[S_RATIO],
                        "'ratio' does not apply with an objectMode readable side (each output is one object)");
        if (get_ratio(r, "ratio", v[S_RATIO], &d.ratio_num, &d.ratio_den))
            return 2;
    }
    if (v[S_OUTCHUNK]) {
        if (d.robj)
            return fail(r, k[S_OUTCHUNK],
                        "'outChunk' does not apply with an objectMode readable side (each output is one object)");
        if (get_size(r, "outChunk", v[S_OUTCHUNK], false, NULL, &d.out_chunk))
            return 2;
        if (d.out_chunk < 1)
            return fail(r, v[S_OUTCHUNK], "outChunk: must be at least 1 byte");
        if (d.out_chunk > LIMIT_BUFFER)
            return fail(r, v[S_OUTCHUNK], "outChunk: Node's Buffers hold at most 4 GiB (buffer.constants.MAX_LENGTH)");
    }
    if (v[S_BATCH]) {
        int64_t batch;
        if (get_int(r, "batch", v[S_BATCH], 1, LIMIT_BATCH, &batch))
            return 2;
        d.batch = (int32_t)batch;
    }
    if ((v[S_SYNC] && get_bool(r, "sync", v[S_SYNC], &d.sync)) ||
        (v[S_WRITEV] && get_bool(r, "writev", v[S_WRITEV], &d.writev)) ||
        (v[S_HANDLE] && get_bool(r, "handleErrors", v[S_HANDLE], &d.handle_errors)))
        return 2;
    if (v[S_KEEP]) {
        if (d.wobj)
            return fail(r, k[S_KEEP], "'keep' applies only to a byte-mode sink (it keeps slices of Buffers)");
        if (get_size(r, "keep", v[S_KEEP], false, NULL, &d.keep))
            return 2;
        if (d.keep < 1)
            return fail(r, v[S_KEEP], "keep: must be at least 1 byte");
    }
    if (v[S_KEEPCOPY]) {
        if (!v[S_KEEP])
            return fail(r, k[S_KEEPCOPY], "'keepCopy' needs 'keep' (how many bytes of each chunk are kept)");
        if (get_bool(r, "keepCopy", v[S_KEEPCOPY], &d.keep_copy))
            return 2;
    }
    if (v[S_LIKE] && read_like(r, &d, v[S_LIKE], k[S_LIKE]))
        return 2;
    sc->streams[sc->nstreams++] = d;
    r->content_pending = NULL; /* the scenario owns it now */
    return 0;
}

static int read_streams(Reader *r, const Node *n)
{
    Shown b;
    if (n->kind != N_SEQ)
        return fail(r, n, "streams: expected a list of streams, got %s", show(n, &b));
    if (n->count == 0)
        return fail(r, n, "streams: at least one stream is needed");
    int i = 0;
    FOR_ITEMS(r, n, it) {
        if (i++ == SC_MAX_STREAMS)
            return fail(r, it, "too many streams (at most %d)", SC_MAX_STREAMS);
    }
    FOR_ITEMS(r, n, it) {
        if (read_stream(r, it))
            return 2;
    }
    return 0;
}

/* A stream named by a scalar, or an error pointing at the name. */
static int get_stream_ref(Reader *r, const char *key, const Node *n, int *out)
{
    Shown b;
    const char *ids[SC_MAX_STREAMS];
    if (n->kind != N_SCALAR || is_null(n))
        return fail(r, n, "%s: expected a stream id, got %s", key, show(n, &b));
    for (int i = 0; i < r->sc->nstreams; i++) {
        ids[i] = r->sc->streams[i].id;
        if (text_is(n, ids[i])) {
            *out = i;
            return 0;
        }
    }
    const char *sug = closest(n->text, n->len, ids, r->sc->nstreams);
    if (sug)
        return fail(r, n, "unknown stream %s (did you mean '%s'?)", quoted(n, &b), sug);
    return fail(r, n, "unknown stream %s", quoted(n, &b));
}

static bool upstream_reaches(const Reader *r, int from, int target)
{
    for (int s = from, steps = 0; s >= 0 && steps <= SC_MAX_STREAMS; s = r->upstream[s], steps++)
        if (s == target)
            return true;
    return false;
}

/* "a -> b -> a" for the loop that the new edge from -> to would close. */
static void cycle_path(const Reader *r, int from, int to, char *out, size_t cap)
{
    int path[SC_MAX_STREAMS + 1];
    int np = 0;
    for (int s = from; s >= 0 && s != to && np < SC_MAX_STREAMS; s = r->upstream[s])
        path[np++] = s;
    size_t o = 0;
    int w = snprintf(out, cap, "%s", r->sc->streams[to].id);
    o = w > 0 ? (size_t)w : 0;
    for (int i = np - 1; i >= -1 && o < cap; i--) {
        int s = i >= 0 ? path[i] : to;
        w = snprintf(out + o, cap - o, " -> %s", r->sc->streams[s].id);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

/* `{generator: NAME}` in a pipeline's list: an async generator stage
 * between the streams before and after it (WireDef.gen_at). One per
 * wire, never first or last: pipeline() pumps its output into the next
 * stream, and its input is the stream before it. */
static int read_generator(Reader *r, WireDef *w, const Node *it, int kind, bool second)
{
    Shown b;
    if (kind != WIRE_PIPELINE && kind != WIRE_PIPELINE_PROMISE)
        return fail(r, it, "%s: an async generator stage goes only in pipeline or promisesPipeline",
                    wire_keys[kind]);
    const Node *key = it->first >= 0 ? NODE(r, it->first) : NULL;
    const Node *val = key && key->next >= 0 ? NODE(r, key->next) : NULL;
    if (it->count != 2 || !text_is(key, "generator"))
        return fail(r, it, "%s: a stage in the list is a stream id or {generator: NAME}, got %s",
                    wire_keys[kind], show(it, &b));
    if (second)
        return fail(r, it, "%s: at most one async generator stage per pipeline", wire_keys[kind]);
    if (w->n == 0)
        return fail(r, it, "%s: the async generator needs a stream before it to read from", wire_keys[kind]);
    if (get_ident(r, "generator", val, w->gen_name, sizeof w->gen_name, "function name"))
        return 2;
    w->gen_at = (int8_t)w->n;
    return 0;
}

static int read_wire(Reader *r, const Node *m)
{
    Scenario *sc = r->sc;
    Shown b;
    const Node *v[W__COUNT] = {0}, *k[W__COUNT] = {0};
    char wires_list[128];
    join_words(wires_list, sizeof wires_list, wire_keys, WIRE__COUNT);
    if (m->kind != N_MAP)
        return fail(r, m, "a wire is a mapping like {pipe: [a, b]}, got %s", show(m, &b));
    if (sc->nwires == SC_MAX_WIRES)
        return fail(r, m, "too many wires (at most %d)", SC_MAX_WIRES);
    if (collect(r, m, wire_keys, W__COUNT, v, k))
        return 2;
    int kind = -1;
    FOR_PAIRS(r, m, key, val) {
        int i = key_index(key, wire_keys, W__COUNT);
        if (i == W_END)
            continue;
        if (kind >= 0)
            return fail(r, key, "one wire per entry: '%s' and '%s' are in the same entry",
                        wire_keys[kind], wire_keys[i]);
        kind = i;
    }
    if (kind < 0)
        return fail(r, m, "a wire needs one of %s", wires_list);
    WireDef w;
    memset(&w, 0, sizeof w);
    w.kind = (WireKind)kind;
    w.end = true;
    w.line = m->line;
    w.col = m->col;
    if (v[W_END]) {
        if (kind != WIRE_PIPE)
            return fail(r, k[W_END], "'end' applies only to pipe");
        if (get_bool(r, "end", v[W_END], &w.end))
            return 2;
    }
    const char *name = wire_keys[kind];
    const Node *chain = v[kind];
    if (chain->kind != N_SEQ)
        return fail(r, chain, "%s: expected a list of stream ids like [a, b], got %s", name, show(chain, &b));
    bool multi = kind == WIRE_PIPE || kind == WIRE_PIPELINE || kind == WIRE_PIPELINE_PROMISE;
    if (multi && chain->count < 2)
        return fail(r, chain, "%s: needs at least 2 streams, got %d", name, chain->count);
    if (multi && chain->count > SC_MAX_CHAIN)
        return fail(r, chain, "%s: at most %d streams in a chain, got %d", name, SC_MAX_CHAIN, chain->count);
    if (!multi && chain->count != 2)
        return fail(r, chain, "%s: connects exactly 2 streams, got %d", name, chain->count);
    int wi = sc->nwires;
    int gens = 0, nchain = 0; /* a generator stage is an item but not a stream */
    FOR_ITEMS(r, chain, it) {
        nchain += it->kind != N_MAP;
    }
    FOR_ITEMS(r, chain, it) {
        int s, i = w.n;
        if (it->kind == N_MAP) {
            if (read_generator(r, &w, it, kind, gens++ > 0))
                return 2;
            continue;
        }
        if (get_stream_ref(r, name, it, &s))
            return 2;
        const StreamDef *d = &sc->streams[s];
        if (i < nchain - 1 && d->kind == SK_SINK)
            return fail(r, it, "'%s' is a sink: it cannot be upstream in a wire", d->id);
        if (i > 0 && d->kind == SK_SOURCE)
            return fail(r, it, "'%s' is a source: it cannot be downstream in a wire", d->id);
        if (i > 0) {
            int from = w.s[i - 1];
            const StreamDef *up = &sc->streams[from];
            /* Node's write() throws ERR_INVALID_ARG_TYPE for an object on a byte-mode side */
            if (up->robj && !d->wobj)
                return fail(r, it,
                            "'%s' emits objects but '%s' takes bytes: make it objectMode, or put a "
                            "transform with writableObjectMode between them",
                            up->id, d->id);
            if (r->writer[s] == wi)
                return fail(r, it, "'%s' appears twice in this chain", d->id);
            if (r->writer[s] >= 0)
                return fail(r, it, "'%s' is already written to by the wire at line %u", d->id,
                            (unsigned)sc->wires[r->writer[s]].line);
            if (upstream_reaches(r, from, s)) {
                char path[SC_MAX_STREAMS * (SC_ID_MAX + 4) + 8];
                cycle_path(r, from, s, path, sizeof path);
                return fail(r, it, "wiring forms a cycle: %s", path);
            }
            r->writer[s] = wi;
            r->upstream[s] = from;
        }
        w.s[w.n++] = (int16_t)s;
    }
    if (gens > 0 && w.gen_at >= w.n)
        return fail(r, chain, "%s: the async generator needs a stream after it to write into", name);
    if (gens > 0 && w.n < 2)
        return fail(r, chain, "%s: needs at least 2 streams besides the generator", name);
    sc->wires[sc->nwires++] = w;
    return 0;
}

static int read_wiring(Reader *r, const Node *n)
{
    Shown b;
    if (n->kind != N_SEQ)
        return fail(r, n, "wiring: expected a list of wires like '- pipe: [a, b]', got %s", show(n, &b));
    FOR_ITEMS(r, n, it) {
        if (read_wire(r, it))
            return 2;
    }
    return 0;
}

/* Keys each action takes besides at, do and stream; and those it needs. */
static unsigned action_allows(ActionKind k)
{
    switch (k) {
    case ACT_RATE: return 1u << A_RATE;
    case ACT_UNPIPE: case ACT_PIPE: return 1u << A_DEST;
    case ACT_WRITE: return 1u << A_BYTES;
    case ACT_DESTROY: case ACT_FAIL: return 1u << A_ERROR;
    default: return 0;
    }
}

static unsigned action_needs(ActionKind k)
{
    switch (k) {
    case ACT_RATE: return 1u << A_RATE;
    case ACT_WRITE: return 1u << A_BYTES;
    case ACT_FAIL: return 1u << A_ERROR;
    case ACT_PIPE: return 1u << A_DEST;
    default: return 0;
    }
}

static int read_action(Reader *r, const Node *m, ActionDef *a)
{
    Scenario *sc = r->sc;
    Shown b;
    const Node *v[A__COUNT] = {0}, *k[A__COUNT] = {0};
    a->line = m->line;
    a->col = m->col;
    a->stream = -1;
    a->target = -1;
    if (m->kind != N_MAP)
        return fail(r, m, "a timeline entry is a mapping like {at: 5, do: pause, stream: s}, got %s",
                    show(m, &b));
    if (collect(r, m, action_keys, A__COUNT, v, k))
        return 2;
    if (!v[A_AT])
        return fail(r, m, "a timeline entry needs 'at'");
    uint64_t at;
    bool over, neg;
    if (parse_uint(r, "at", v[A_AT], &at, &over, &neg))
        return 2;
    if (neg || at < 1)
        return fail(r, v[A_AT], "at: %s is before tick 1 (tick 0 is the setup)", show(v[A_AT], &b));
    if (over || at > (uint64_t)sc->ticks)
        return fail(r, v[A_AT], "at: %s is after the last tick (ticks: %lld)", show(v[A_AT], &b),
                    (long long)sc->ticks);
    a->at = (int64_t)at;
    if (v[A_NOTE] && v[A_DO]) {
        const Node *n = k[A_NOTE], *d = k[A_DO];
        bool note_last = n->line > d->line || (n->line == d->line && n->col > d->col);
        return fail(r, note_last ? n : d, "a timeline entry has 'note' or 'do', not both");
    }
    if (v[A_NOTE]) {
        a->kind = ACT_NOTE;
        FOR_PAIRS(r, m, key, val) {
            int i = key_index(key, action_keys, A__COUNT);
            if (i != A_AT && i != A_NOTE)
                return fail(r, key, "'%s' does not apply to a note", action_keys[i]);
        }
        return get_text(r, "note", v[A_NOTE], false, &a->text);
    }
    if (!v[A_DO])
        return fail(r, m, "a timeline entry needs 'do' (an action) or 'note'");
    const char *words[ACT__COUNT - 1];
    for (int i = 1; i < ACT__COUNT; i++)
        words[i - 1] = action_kind_name((ActionKind)i);
    int w;
    if (get_word(r, "do", v[A_DO], words, ACT__COUNT - 1, "action", &w))
        return 2;
    a->kind = (ActionKind)(w + 1);
    const char *name = words[w];
    unsigned allows = action_allows(a->kind), needs = action_needs(a->kind);
    FOR_PAIRS(r, m, key, val) {
        int i = key_index(key, action_keys, A__COUNT);
        if (i != A_AT && i != A_DO && i != A_STREAM && !(allows & (1u << i)))
            return fail(r, key, "'%s' does not apply to 'do: %s'", action_keys[i], name);
    }
    if (!v[A_STREAM])
        return fail(r, m, "'do: %s' needs 'stream'", name);
    int s;
    if (get_stream_ref(r, "stream", v[A_STREAM], &s))
        return 2;
    const StreamDef *d = &sc->streams[s];
    a->stream = (int16_t)s;
    switch (a->kind) {
    case ACT_PAUSE: case ACT_RESUME: case ACT_UNPIPE: case ACT_PIPE:
        if (d->kind == SK_SINK)
            return fail(r, v[A_STREAM], "%s needs a readable stream: '%s' is a sink", name, d->id);
        break;
    case ACT_WRITE: case ACT_END: case ACT_CORK: case ACT_UNCORK:
        if (d->kind == SK_SOURCE)
            return fail(r, v[A_STREAM], "%s needs a writable stream: '%s' is a source", name, d->id);
        break;
    default:
        break;
    }
    for (int i = 0; i < A__COUNT; i++)
        if ((needs & (1u << i)) && !v[i])
            return fail(r, m, "'do: %s' needs '%s'", name, action_keys[i]);
    if (v[A_RATE] && get_rate(r, "rate", v[A_RATE], d->kind == SK_SOURCE ? d->robj : d->wobj, &a->value))
        return 2;
    if (v[A_BYTES]) {
        if (get_size(r, "bytes", v[A_BYTES], false, NULL, &a->value))
            return 2;
        if (a->value < 1)
            return fail(r, v[A_BYTES], "bytes: must be at least 1");
        if (a->value > LIMIT_BUFFER)
            return fail(r, v[A_BYTES], "bytes: Node's Buffers hold at most 4 GiB (buffer.constants.MAX_LENGTH)");
    }
    if (v[A_DEST]) {
        int t;
        if (get_stream_ref(r, "dest", v[A_DEST], &t))
            return 2;
        if (sc->streams[t].kind == SK_SOURCE)
            return fail(r, v[A_DEST], "dest: '%s' is a source: it cannot be a destination", sc->streams[t].id);
        if (a->kind == ACT_PIPE && t == s)
            return fail(r, v[A_DEST], "dest: '%s' cannot be piped into itself", d->id);
        if (a->kind == ACT_PIPE && d->robj && !sc->streams[t].wobj)
            return fail(r, v[A_DEST], "dest: '%s' emits objects but '%s' takes bytes: make it objectMode",
                        d->id, sc->streams[t].id);
        a->target = (int16_t)t;
    }
    if (a->kind == ACT_RATE && d->from_array)
        return fail(r, v[A_STREAM], "rate: '%s' is Readable.from() of an array: it has no rate", d->id);
    if (v[A_ERROR] && get_ident(r, "error", v[A_ERROR], a->code, sizeof a->code, "error code"))
        return 2;
    return 0;
}

static int read_timeline(Reader *r, const Node *n)
{
    Scenario *sc = r->sc;
    Shown b;
    if (n->kind != N_SEQ)
        return fail(r, n, "timeline: expected a list of entries like '- {at: 5, do: pause, stream: s}', got %s",
                    show(n, &b));
    if (n->count == 0)
        return 0;
    /* Sized once: scenario_add_action grows by one, which is quadratic here. */
    sc->actions = calloc((size_t)n->count, sizeof *sc->actions);
    if (!sc->actions)
        return fail(r, n, "out of memory");
    FOR_ITEMS(r, n, it) {
        /* Counted before filling, so scenario_free() releases a half-read note. */
        ActionDef *a = &sc->actions[sc->nactions++];
        if (read_action(r, it, a))
            return 2;
    }
    return 0;
}

enum { Q_AT, Q_ASK, Q_CHOICES, Q_ANSWER, Q_WHY, Q__COUNT };
static const char *const question_keys[Q__COUNT] = {"at", "ask", "choices", "answer", "why"};

static int read_question(Reader *r, const Node *m, QuestionDef *q)
{
    Shown b;
    const Node *v[Q__COUNT] = {0}, *k[Q__COUNT] = {0};
    if (m->kind != N_MAP)
        return fail(r, m, "a question is a mapping with at, ask, choices, answer and why, got %s", show(m, &b));
    if (collect(r, m, question_keys, Q__COUNT, v, k))
        return 2;
    q->line = m->line;
    q->col = m->col;
    for (int i = 0; i < Q__COUNT; i++)
        if (!v[i])
            return fail(r, m, "a question needs '%s'", question_keys[i]);
    if (get_int(r, "at", v[Q_AT], 1, r->sc->ticks, &q->at))
        return 2;
    if (get_text(r, "ask", v[Q_ASK], false, &q->ask) || get_text(r, "why", v[Q_WHY], false, &q->why))
        return 2;
    const Node *c = v[Q_CHOICES];
    if (c->kind != N_SEQ)
        return fail(r, c, "choices: expected a list of 2 to %d answers, got %s", SC_MAX_CHOICES, show(c, &b));
    if (c->count < 2 || c->count > SC_MAX_CHOICES)
        return fail(r, c, "choices: expected 2 to %d answers, got %d", SC_MAX_CHOICES, (int)c->count);
    FOR_ITEMS(r, c, it) {
        if (get_text(r, "choices", it, true, &q->choices[q->nchoices]))
            return 2;
        q->nchoices++;
    }
    int64_t answer;
    if (get_int(r, "answer", v[Q_ANSWER], 1, q->nchoices, &answer))
        return 2;
    q->answer = (int)answer - 1;
    return 0;
}

static int read_questions(Reader *r, const Node *n)
{
    Scenario *sc = r->sc;
    Shown b;
    if (n->kind != N_SEQ)
        return fail(r, n, "questions: expected a list of entries like '- {at: 5, ask: ..., choices: [...], answer: 1, why: ...}', got %s",
                    show(n, &b));
    if (n->count == 0)
        return 0;
    sc->questions = calloc((size_t)n->count, sizeof *sc->questions);
    if (!sc->questions)
        return fail(r, n, "out of memory");
    int64_t last = 0;
    FOR_ITEMS(r, n, it) {
        QuestionDef *q = &sc->questions[sc->nquestions++];
        if (read_question(r, it, q))
            return 2;
        if (q->at < last)
            return fail(r, it, "questions: list them in tick order (tick %lld comes after %lld)",
                        (long long)q->at, (long long)last);
        last = q->at;
    }
    return 0;
}

static bool name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' ||
           c == '-' || c == '.';
}

/* The base name without its extension, made a valid name: other characters become '_'. */
static void default_name(char *out, size_t cap, const char *path)
{
    size_t o = 0;
    if (path) {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        const char *dot = strrchr(base, '.');
        size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        for (size_t i = 0; i < n && o + 1 < cap; i++) {
            bool ok = name_char(base[i]) && (o > 0 || (base[i] != '-' && base[i] != '.'));
            out[o++] = ok ? base[i] : '_';
        }
    }
    out[o] = '\0';
    if (o == 0)
        snprintf(out, cap, "scenario");
}

/* Content scenarios show the bytes of every chunk, so every chunk must have
 * come from a content source: no transforms (their output is synthetic), no
 * zero-filled sources, no application writes. */
static int check_content_flow(Reader *r, const Node *top)
{
    const Scenario *sc = r->sc;
    int with = -1, without = -1;
    for (int i = 0; i < sc->nstreams; i++) {
        const StreamDef *d = &sc->streams[i];
        if (d->kind == SK_SOURCE && d->content)
            with = i;
        else if (d->kind == SK_SOURCE)
            without = i;
    }
    if (with < 0)
        return 0;
    const StreamDef *c = &sc->streams[with];
    if (without >= 0)
        return fail_at(r, sc->streams[without].line, sc->streams[without].col,
                       "source '%s' needs 'content' too: in a scenario with content every source has it",
                       sc->streams[without].id);
    for (int i = 0; i < sc->nstreams; i++) {
        const StreamDef *d = &sc->streams[i];
        if (d->kind == SK_TRANSFORM)
            return fail_at(r, d->line, d->col,
                           "transform '%s' cannot be in a scenario with content (its output has no content)", d->id);
        if (d->wobj)
            return fail_at(r, d->line, d->col, "'%s' is in objectMode: content flows as bytes or strings", d->id);
    }
    for (int a = 0; a < sc->nactions; a++)
        if (sc->actions[a].kind == ACT_WRITE)
            return fail_at(r, sc->actions[a].line, sc->actions[a].col,
                           "'do: write' cannot be used with content (source '%s' has content)", c->id);
    /* Writable turns a small string into a Buffer from Node's shared 8 KiB
     * pool, which a kept slice would pin: a different lesson, not modelled */
    for (int i = 0; i < sc->nstreams; i++)
        if (sc->streams[i].encoding_utf8)
            for (int j = 0; j < sc->nstreams; j++)
                if (sc->streams[j].keep > 0)
                    return fail_at(r, sc->streams[j].line, sc->streams[j].col,
                                   "'keep' cannot be used with a source that has 'encoding' ('%s'): its "
                                   "strings become pooled Buffers",
                                   sc->streams[i].id);
    (void)top;
    return 0;
}

static int read_top(Reader *r, int root, const char *name_source)
{
    Scenario *sc = r->sc;
    Shown b;
    const Node *v[T__COUNT] = {0}, *k[T__COUNT] = {0};
    const Node *top = root >= 0 ? NODE(r, root) : NULL;
    if (!top || is_null(top))
        return fail_at(r, 1, 1, "empty file (a scenario needs at least 'streams')");
    if (top->kind != N_MAP)
        return fail(r, top, "the top level must be a mapping of keys, got %s", show(top, &b));
    if (collect(r, top, top_keys, T__COUNT, v, k))
        return 2;
    if (v[T_NAME]) {
        const Node *n = v[T_NAME];
        if (need_scalar(r, "name", n, "a name", false))
            return 2;
        if (!ident_ok(n->text, n->len, NAME_MAX_LEN, true, "-."))
            return fail(r, n, "name: %s is not a valid name ([A-Za-z0-9_][A-Za-z0-9_.-]*, at most %d characters)",
                        quoted(n, &b), NAME_MAX_LEN);
        memcpy(sc->name, n->text, n->len);
        sc->name[n->len] = '\0';
    } else {
        default_name(sc->name, sizeof sc->name, name_source);
    }
    if ((v[T_TITLE] && get_text(r, "title", v[T_TITLE], true, &sc->title)) ||
        (v[T_DESCRIPTION] && get_text(r, "description", v[T_DESCRIPTION], false, &sc->description)) ||
        (v[T_TICKS] && get_int(r, "ticks", v[T_TICKS], 1, LIMIT_TICKS, &sc->ticks)) ||
        (v[T_TICK] && get_duration(r, "tick", v[T_TICK], &sc->tick_us)))
        return 2;
    if (v[T_NODE]) {
        int64_t node;
        if (get_int(r, "node", v[T_NODE], 0, 1000, &node) || !node_major_known((int)node))
            return fail(r, v[T_NODE], "node: expected " NODE_MAJORS_TEXT ", got %s", show(v[T_NODE], &b));
        sc->node = (int)node;
    }
    /* Before the streams: their default highWaterMarks follow the major. */
    if (r->node)
        sc->node = r->node;
    if (v[T_MEMORY]) {
        if (get_size(r, "memoryLimit", v[T_MEMORY], false, NULL, &sc->memory_limit))
            return 2;
        if (sc->memory_limit < 1)
            return fail(r, v[T_MEMORY], "memoryLimit: must be at least 1 byte (leave it out for no limit)");
    }
    if (v[T_SEED]) {
        uint64_t seed;
        bool over, neg;
        if (parse_uint(r, "seed", v[T_SEED], &seed, &over, &neg))
            return 2;
        if (over || neg)
            return fail(r, v[T_SEED], "seed: %s is out of range (0..18446744073709551615)",
                        show(v[T_SEED], &b));
        sc->seed = seed;
    }
    if (!v[T_STREAMS])
        return fail(r, top, "missing key 'streams' (a scenario needs at least one stream)");
    if (read_streams(r, v[T_STREAMS]))
        return 2;
    if (v[T_WIRING] && read_wiring(r, v[T_WIRING]))
        return 2;
    if (v[T_TIMELINE] && read_timeline(r, v[T_TIMELINE]))
        return 2;
    if (v[T_QUESTIONS] && read_questions(r, v[T_QUESTIONS]))
        return 2;
    return check_content_flow(r, top);
}

/* ---- entry points ---- */

static int load_string(const char *text, size_t len, const char *name_for_errors, int node,
                       Scenario *sc, char *err, size_t errlen)
{
    Reader r;
    memset(&r, 0, sizeof r);
    r.node = node;
    r.file = name_for_errors ? name_for_errors : "<string>";
    r.err = err;
    r.errlen = errlen;
    r.sc = sc;
    for (int i = 0; i < SC_MAX_STREAMS; i++)
        r.writer[i] = r.upstream[i] = -1;
    scenario_init(sc);
    if (err && errlen)
        err[0] = '\0';
    if (!text)
        len = 0, text = "";
    int rc, root = -1;
    char why[160];
    if (len > MAX_BYTES)
        rc = fail_at(&r, 1, 1, "file too large (more than %u MiB)", MAX_BYTES >> 20);
    else if (encoding_check(text, len, why, sizeof why) != 0)
        rc = fail_at(&r, 1, 1, "%s", why);
    else
        rc = build_tree(&r, text, len, &root);
    if (!rc)
        rc = read_top(&r, root, name_for_errors);
    if (!rc && scenario_sort_actions(sc))
        rc = fail_at(&r, 1, 1, "out of memory");
    /* The reader's own checks come first and point better; this is the backstop. */
    if (!rc)
        rc = scenario_check(sc, err, errlen, r.file);
    tree_free(&r);
    free(r.content_pending);
    if (rc)
        scenario_free(sc);
    return rc ? 2 : 0;
}

int scenario_load_string(const char *text, size_t len, const char *name_for_errors,
                         Scenario *sc, char *err, size_t errlen)
{
    return load_string(text, len, name_for_errors, 0, sc, err, errlen);
}

int scenario_load_file(const char *path, Scenario *sc, char *err, size_t errlen)
{
    return scenario_load_file_for(path, 0, sc, err, errlen);
}

int scenario_load_file_for(const char *path, int node, Scenario *sc, char *err, size_t errlen)
{
    Reader r;
    memset(&r, 0, sizeof r);
    r.file = path ? path : "<null>";
    r.err = err;
    r.errlen = errlen;
    scenario_init(sc);
    if (!path)
        return fail_at(&r, 1, 1, "no file name");
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail_at(&r, 1, 1, "cannot open: %s", strerror(errno));
    size_t cap = 0, len = 0;
    char *buf = NULL;
    int rc = 0;
    for (;;) {
        if (len == cap) {
            if (cap > MAX_BYTES) {
                rc = fail_at(&r, 1, 1, "file too large (more than %u MiB)", MAX_BYTES >> 20);
                break;
            }
            size_t ncap = cap ? cap * 2 : 4096;
            char *grown = realloc(buf, ncap);
            if (!grown) {
                rc = fail_at(&r, 1, 1, "out of memory");
                break;
            }
            buf = grown;
            cap = ncap;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (!rc && ferror(f))
        rc = fail_at(&r, 1, 1, "cannot read: %s", strerror(errno));
    fclose(f);
    if (!rc)
        rc = load_string(buf, len, path, node, sc, err, errlen);
    free(buf);
    return rc;
}
