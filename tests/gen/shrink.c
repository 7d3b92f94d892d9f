/* shrink.c - greedy scenario shrinking (see shrink.h).
 *
 * The text is held as lines. Every step builds a candidate text from the
 * current lines with one edit, asks the predicate, and on success makes the
 * candidate current and starts over from the first kind of edit, so big
 * edits (a whole stream) are tried again after small ones made them possible.
 */
#include "shrink.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char **l;
    int n, cap;
} Lines;

static void lines_free(Lines *ls)
{
    for (int i = 0; i < ls->n; i++)
        free(ls->l[i]);
    free(ls->l);
    ls->l = NULL;
    ls->n = ls->cap = 0;
}

static bool lines_push(Lines *ls, const char *s, size_t len)
{
    if (ls->n == ls->cap) {
        int ncap = ls->cap ? ls->cap * 2 : 64;
        char **g = realloc(ls->l, (size_t)ncap * sizeof *g);
        if (!g)
            return false;
        ls->l = g;
        ls->cap = ncap;
    }
    char *c = malloc(len + 1);
    if (!c)
        return false;
    memcpy(c, s, len);
    c[len] = '\0';
    ls->l[ls->n++] = c;
    return true;
}

static bool lines_split(Lines *ls, const char *text)
{
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!lines_push(ls, p, len))
            return false;
        p += len + (e != NULL);
    }
    return true;
}

/* The text of ls, dropping section headers ("timeline:") left without items. */
static char *lines_join(const Lines *ls)
{
    size_t len = 1;
    for (int i = 0; i < ls->n; i++)
        if (ls->l[i])
            len += strlen(ls->l[i]) + 1;
    char *t = malloc(len), *o = t;
    if (!t)
        return NULL;
    for (int i = 0; i < ls->n; i++) {
        const char *s = ls->l[i];
        if (!s)
            continue;
        size_t sl = strlen(s);
        if (sl > 1 && s[sl - 1] == ':' && s[0] != ' ') {
            int j = i + 1;
            while (j < ls->n && !ls->l[j])
                j++;
            if (j == ls->n || strncmp(ls->l[j], "  - ", 4) != 0)
                continue;
        }
        memcpy(o, s, sl);
        o += sl;
        *o++ = '\n';
    }
    *o = '\0';
    return t;
}

/* ---- flow mappings: "  - {k: v, k: [a, b], k: \"x, y\"}" ---- */

#define MAX_PARTS 48

typedef struct {
    char head[16];              /* "  - {" */
    char *part[MAX_PARTS];      /* "k: v", owned */
    int n;
} Flow;

static void flow_free(Flow *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->part[i]);
    f->n = 0;
}

/* Splits a one-line list item at its top-level commas; false when the line
 * is not in that shape. */
static bool flow_parse(const char *s, Flow *f)
{
    f->n = 0;
    if (strncmp(s, "  - {", 5) != 0)
        return false;
    size_t len = strlen(s);
    if (len < 6 || s[len - 1] != '}')
        return false;
    snprintf(f->head, sizeof f->head, "  - {");
    const char *p = s + 5, *end = s + len - 1;
    int depth = 0;
    bool quoted = false;
    const char *start = p;
    for (; p <= end; p++) {
        if (p < end && quoted) {
            if (*p == '\\' && p + 1 < end)
                p++;
            else if (*p == '"')
                quoted = false;
            continue;
        }
        if (p < end && *p == '"')
            quoted = true;
        else if (p < end && *p == '[')
            depth++;
        else if (p < end && *p == ']')
            depth--;
        else if (p == end || (*p == ',' && depth == 0)) {
            while (start < p && *start == ' ')
                start++;
            if (f->n == MAX_PARTS) {
                flow_free(f);
                return false;
            }
            size_t pl = (size_t)(p - start);
            f->part[f->n] = malloc(pl + 1);
            if (!f->part[f->n]) {
                flow_free(f);
                return false;
            }
            memcpy(f->part[f->n], start, pl);
            f->part[f->n][pl] = '\0';
            f->n++;
            start = p + 1;
        }
    }
    return f->n > 0;
}

/* The line without part `skip` (-1: none). */
static char *flow_join(const Flow *f, int skip)
{
    size_t len = strlen(f->head) + 2;
    for (int i = 0; i < f->n; i++)
        len += strlen(f->part[i]) + 2;
    char *s = malloc(len), *o = s;
    if (!s)
        return NULL;
    o += sprintf(o, "%s", f->head);
    bool first = true;
    for (int i = 0; i < f->n; i++) {
        if (i == skip)
            continue;
        o += sprintf(o, "%s%s", first ? "" : ", ", f->part[i]);
        first = false;
    }
    sprintf(o, "}");
    return s;
}

static bool key_is(const char *part, const char *key)
{
    size_t kl = strlen(key);
    return !strncmp(part, key, kl) && part[kl] == ':';
}

static const char *value_of(const char *part)
{
    const char *c = strchr(part, ':');
    return c ? c + 1 + (c[1] == ' ') : "";
}

/* ---- the search ---- */

typedef struct {
    Lines cur;
    ShrinkPredicate pred;
    void *user;
    int tries;
    bool oom;
} Shrinker;

/* Tests the candidate lines `cand` (freed here; NULL entries are dropped
 * lines); on success its text, split again, becomes current. */
static bool try_lines(Shrinker *sh, Lines *cand)
{
    char *t = lines_join(cand);
    lines_free(cand);
    if (!t) {
        sh->oom = true;
        return false;
    }
    sh->tries++;
    bool ok = sh->pred(sh->user, t) != 0;
    if (ok) {
        lines_free(&sh->cur);
        sh->oom |= !lines_split(&sh->cur, t);
    }
    free(t);
    return ok;
}

static bool copy_lines(const Lines *from, Lines *to)
{
    memset(to, 0, sizeof *to);
    for (int i = 0; i < from->n; i++)
        if (from->l[i] && !lines_push(to, from->l[i], strlen(from->l[i]))) {
            lines_free(to);
            return false;
        }
    return true;
}

/* A copy of the current lines with line i replaced by `with` (NULL: dropped). */
static bool edited(Shrinker *sh, int i, const char *with, Lines *out)
{
    if (!copy_lines(&sh->cur, out)) {
        sh->oom = true;
        return false;
    }
    free(out->l[i]);
    out->l[i] = NULL;
    if (with && !(out->l[i] = strdup(with))) {
        sh->oom = true;
        lines_free(out);
        return false;
    }
    return true;
}

static bool try_edit(Shrinker *sh, int i, const char *with)
{
    Lines c;
    return edited(sh, i, with, &c) && try_lines(sh, &c);
}

/* Removes stream `id` from a chain "[a, b, c]" in part text; NULL if absent. */
static char *without_in_list(const char *part, const char *id, int *left)
{
    const char *open = strchr(part, '[');
    if (!open)
        return NULL;
    char *out = malloc(strlen(part) + 1);
    if (!out)
        return NULL;
    size_t o = (size_t)(open - part) + 1;
    memcpy(out, part, o);
    bool found = false, first = true;
    *left = 0;
    const char *p = open + 1;
    while (*p && *p != ']') {
        while (*p == ' ' || *p == ',')
            p++;
        const char *e = p;
        while (*e && *e != ',' && *e != ']')
            e++;
        size_t l = (size_t)(e - p);
        if (l == strlen(id) && !strncmp(p, id, l)) {
            found = true;
        } else if (l) {
            o += (size_t)sprintf(out + o, "%s%.*s", first ? "" : ", ", (int)l, p);
            first = false;
            (*left)++;
        }
        p = e;
    }
    sprintf(out + o, "%s", p);
    if (!found) {
        free(out);
        return NULL;
    }
    return out;
}

/* Drops stream `id`: its declaration, the timeline entries acting on it, the
 * `dest` naming it, and its place in chains (a chain left with one stream goes). */
static bool try_drop_stream(Shrinker *sh, int decl, const char *id)
{
    Lines c;
    if (!edited(sh, decl, NULL, &c))
        return false;
    for (int i = 0; i < c.n && !sh->oom; i++) {
        Flow f;
        if (!c.l[i] || !flow_parse(c.l[i], &f))
            continue;
        char *line = NULL;
        bool drop = false;
        for (int k = 0; k < f.n && !drop; k++) {
            int left;
            char *w;
            if (key_is(f.part[k], "stream") && !strcmp(value_of(f.part[k]), id))
                drop = true;
            else if (key_is(f.part[k], "dest") && !strcmp(value_of(f.part[k]), id))
                line = flow_join(&f, k), sh->oom |= !line;
            else if (strchr(f.part[k], '[') && !key_is(f.part[k], "choices") &&
                     (w = without_in_list(f.part[k], id, &left))) {
                free(f.part[k]);
                f.part[k] = w;
                drop = left < 2;
                line = flow_join(&f, -1);
                sh->oom |= !line;
            }
        }
        if (drop || line) {
            free(c.l[i]);
            c.l[i] = drop ? NULL : line;
            if (drop)
                free(line);
        }
        flow_free(&f);
    }
    if (sh->oom) {
        lines_free(&c);
        return false;
    }
    return try_lines(sh, &c);
}

static bool pass_streams(Shrinker *sh)
{
    for (int i = 0; i < sh->cur.n; i++) {
        Flow f;
        if (!flow_parse(sh->cur.l[i], &f))
            continue;
        char id[64] = "";
        if (f.n > 0 && key_is(f.part[0], "id"))
            snprintf(id, sizeof id, "%s", value_of(f.part[0]));
        flow_free(&f);
        if (id[0] && try_drop_stream(sh, i, id))
            return true;
    }
    return false;
}

/* Whole list items, then optional top-level keys. */
static bool pass_lines(Shrinker *sh)
{
    static const char *const optional[] = {"title:", "description:", "tick:", "memoryLimit:", "seed:"};
    for (int i = sh->cur.n - 1; i >= 0; i--) {
        const char *s = sh->cur.l[i];
        bool item = !strncmp(s, "  - ", 4);
        for (size_t k = 0; !item && k < sizeof optional / sizeof optional[0]; k++)
            item = !strncmp(s, optional[k], strlen(optional[k]));
        if (item && try_edit(sh, i, NULL))
            return true;
    }
    return false;
}

/* One key of an item, or one stream of a chain. */
static bool pass_keys(Shrinker *sh)
{
    for (int i = 0; i < sh->cur.n; i++) {
        Flow f;
        if (!flow_parse(sh->cur.l[i], &f))
            continue;
        bool done = false;
        for (int k = f.n - 1; k >= 0 && !done && !sh->oom; k--) {
            const char *p = f.part[k];
            if (key_is(p, "id") || key_is(p, "kind") || key_is(p, "at") || key_is(p, "do"))
                continue;
            if (strchr(p, '[') && !key_is(p, "choices")) {
                /* each stream of a chain but the ends */
                const char *open = strchr(p, '['), *q = open + 1;
                char ids[16][40];
                int nid = 0;
                while (*q && *q != ']' && nid < 16) {
                    while (*q == ' ' || *q == ',')
                        q++;
                    const char *e = q;
                    while (*e && *e != ',' && *e != ']')
                        e++;
                    snprintf(ids[nid++], sizeof ids[0], "%.*s", (int)(e - q), q);
                    q = e;
                }
                for (int j = 1; j + 1 < nid && !done; j++) {
                    int left;
                    char *w = without_in_list(p, ids[j], &left);
                    if (!w) {
                        sh->oom = true;
                        break;
                    }
                    char *saved = f.part[k];
                    f.part[k] = w;
                    char *line = flow_join(&f, -1);
                    f.part[k] = saved;
                    free(w);
                    if (!line) {
                        sh->oom = true;
                        break;
                    }
                    done = try_edit(sh, i, line);
                    free(line);
                }
                continue;
            }
            char *line = flow_join(&f, k);
            if (!line) {
                sh->oom = true;
                break;
            }
            done = try_edit(sh, i, line);
            free(line);
        }
        flow_free(&f);
        if (done)
            return true;
    }
    return false;
}

/* The latest `at` of the timeline: ticks cannot go below it. */
static long last_at(const Lines *ls)
{
    long last = 1;
    for (int i = 0; i < ls->n; i++) {
        const char *a = strstr(ls->l[i], "{at: ");
        if (a && !strncmp(ls->l[i], "  - ", 4)) {
            long v = strtol(a + 5, NULL, 10);
            if (v > last)
                last = v;
        }
    }
    return last;
}

static bool pass_ticks(Shrinker *sh)
{
    for (int i = 0; i < sh->cur.n; i++) {
        if (strncmp(sh->cur.l[i], "ticks: ", 7) != 0)
            continue;
        long t = strtol(sh->cur.l[i] + 7, NULL, 10), lo = last_at(&sh->cur);
        long cands[3] = {t / 2, t - t / 4, t - 1};
        for (int k = 0; k < 3; k++) {
            long v = cands[k] < lo ? lo : cands[k];
            if (v >= t || v < 1)
                continue;
            char line[32];
            snprintf(line, sizeof line, "ticks: %ld", v);
            if (try_edit(sh, i, line))
                return true;
        }
    }
    return false;
}

char *shrink_text(const char *text, ShrinkPredicate still_fails, void *user, int *tries)
{
    Shrinker sh;
    memset(&sh, 0, sizeof sh);
    sh.pred = still_fails;
    sh.user = user;
    if (!lines_split(&sh.cur, text)) {
        lines_free(&sh.cur);
        return NULL;
    }
    bool (*const passes[])(Shrinker *) = {pass_streams, pass_lines, pass_ticks, pass_keys};
    for (bool progress = true; progress && !sh.oom;) {
        progress = false;
        for (size_t p = 0; p < sizeof passes / sizeof passes[0] && !progress && !sh.oom; p++)
            progress = passes[p](&sh);
    }
    char *out = sh.oom ? NULL : lines_join(&sh.cur);
    lines_free(&sh.cur);
    if (tries)
        *tries = sh.tries;
    return out;
}
