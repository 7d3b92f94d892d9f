/* script.c - scripted input: the parser, the player and the events (see script.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/keymap.h"
#include "view/script.h"

#define SCRIPT_MAX_BYTES (1 << 20)
#define MAX_WAIT_MS 600000      /* ten minutes: longer is a typo */
#define MAX_COORD 100000
#define MAX_WHEEL 100
#define DRAG_MOVES 8            /* motion events between a drag's press and release */

typedef struct {
    const char *p;              /* start of the word */
    size_t n;
    int col;                    /* 1-based */
} Word;

/* Splits a line at spaces and tabs into at most max words; returns how
 * many there were (more than max means too many). */
static int split(const char *line, size_t len, Word *w, int max)
{
    int n = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
        if (i >= len) break;
        size_t start = i;
        while (i < len && line[i] != ' ' && line[i] != '\t') i++;
        if (n < max) w[n] = (Word){line + start, i - start, (int)start + 1};
        n++;
    }
    return n;
}

static bool word_is(const Word *w, const char *s)
{
    return w->n == strlen(s) && !memcmp(w->p, s, w->n);
}

/* A whole number in [lo, hi], with an optional unit suffix ("ms", "s" when
 * ms_units). Returns 0, or -1. */
static int word_int(const Word *w, long lo, long hi, bool ms_units, long *out)
{
    char buf[32];
    if (w->n == 0 || w->n >= sizeof buf) return -1;
    memcpy(buf, w->p, w->n);
    buf[w->n] = 0;
    char *end;
    errno = 0;
    long v = strtol(buf, &end, 10);
    if (end == buf || errno == ERANGE) return -1;
    if (ms_units && *end) {
        if (!strcmp(end, "ms")) end += 2;
        else if (!strcmp(end, "s")) {
            if (v > LONG_MAX / 1000 || v < LONG_MIN / 1000) return -1;
            v *= 1000;
            end += 1;
        }
    }
    if (*end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

typedef struct {
    const char *file;
    int line;
    char *err;
    size_t errlen;
} Ctx;

static int say(const Ctx *c, int col, const char *fmt, const char *arg)
{
    char msg[300];
    snprintf(msg, sizeof msg, fmt, arg);
    snprintf(c->err, c->errlen, "%s:%d:%d: %s", c->file, c->line, col, msg);
    return -1;
}

static int word_text(const Word *w, char *buf, size_t len)
{
    size_t n = w->n < len - 1 ? w->n : len - 1;
    memcpy(buf, w->p, n);
    buf[n] = 0;
    return 0;
}

/* Reads the pixel positions of words w[0..k-1] into xy. */
static int positions(const Ctx *c, const Word *w, int k, int *xy)
{
    for (int i = 0; i < k; i++) {
        long v;
        char t[40];
        word_text(&w[i], t, sizeof t);
        if (word_int(&w[i], 0, MAX_COORD, false, &v) != 0)
            return say(c, w[i].col, "'%s' is not a pixel position (a whole number from 0)", t);
        xy[i] = (int)v;
    }
    return 0;
}

static bool shot_name_ok(const Word *w)
{
    if (w->n == 0 || w->n >= SCRIPT_NAME_MAX || w->p[0] == '.' || w->p[0] == '-') return false;
    for (size_t i = 0; i < w->n; i++) {
        char ch = w->p[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' ||
                  ch == '_' || ch == '.';
        if (!ok) return false;
    }
    return true;
}

static const struct {
    const char *name;
    ScriptOp op;
    int min, max;               /* argument count */
    const char *usage;
} ops[] = {
    {"key", SCR_KEY, 1, 1, "key NAME"},
    {"click", SCR_CLICK, 2, 2, "click X Y"},
    {"tap", SCR_TAP, 2, 2, "tap X Y"},
    {"move", SCR_MOVE, 2, 2, "move X Y"},
    {"drag", SCR_DRAG, 4, 4, "drag X0 Y0 X1 Y1"},
    {"wheel", SCR_WHEEL, 3, 3, "wheel N X Y"},
    {"wait", SCR_WAIT, 1, 1, "wait N (milliseconds)"},
    {"shot", SCR_SHOT, 1, 1, "shot NAME"},
};

#define NOPS ((int)(sizeof ops / sizeof ops[0]))

static int parse_line(const Ctx *c, const char *line, size_t len, Script *s, ScriptStep *st)
{
    Word w[6];
    int nw = split(line, len, w, 6);
    int k = -1;
    for (int i = 0; i < NOPS && k < 0; i++)
        if (word_is(&w[0], ops[i].name)) k = i;
    char t[80];
    word_text(&w[0], t, sizeof t);
    if (k < 0) return say(c, w[0].col, "unknown step '%s' (key, click, tap, move, drag, wheel, wait or shot)", t);
    int nargs = nw - 1;
    if (nargs < ops[k].min) return say(c, (int)len + 1, "missing argument: %s", ops[k].usage);
    if (nargs > ops[k].max) {
        int extra = 1 + ops[k].max;
        return say(c, extra < 6 ? w[extra].col : w[5].col, "too many arguments: %s", ops[k].usage);
    }
    memset(st, 0, sizeof *st);
    st->op = ops[k].op;
    st->line = c->line;
    st->col = w[1].col;
    const Word *a = &w[1];
    word_text(a, t, sizeof t);
    switch (st->op) {
    case SCR_KEY: {
        size_t bad = 0;
        if (keymap_parse_key(a->p, a->n, &st->key, &st->mod, &bad) != 0)
            return say(c, a->col + (int)bad, "unknown key '%s' (e.g. Space, Right, shift+Right, ctrl+plus, PageDown, a)", t);
        break;
    }
    case SCR_CLICK:
    case SCR_TAP:
    case SCR_MOVE: {
        int xy[2];
        if (positions(c, a, 2, xy) != 0) return -1;
        st->x = xy[0];
        st->y = xy[1];
        break;
    }
    case SCR_DRAG: {
        int xy[4];
        if (positions(c, a, 4, xy) != 0) return -1;
        st->x = xy[0];
        st->y = xy[1];
        st->x2 = xy[2];
        st->y2 = xy[3];
        break;
    }
    case SCR_WHEEL: {
        long v;
        if (word_int(a, -MAX_WHEEL, MAX_WHEEL, false, &v) != 0 || v == 0)
            return say(c, a->col, "'%s' is not a number of wheel steps (-100..100, not 0)", t);
        st->n = (int)v;
        int xy[2];
        if (positions(c, a + 1, 2, xy) != 0) return -1;
        st->x = xy[0];
        st->y = xy[1];
        break;
    }
    case SCR_WAIT: {
        long v;
        if (word_int(a, 0, MAX_WAIT_MS, true, &v) != 0)
            return say(c, a->col, "'%s' is not a wait in milliseconds (0 to 600000, or Ns)", t);
        st->n = (int)v;
        break;
    }
    case SCR_SHOT:
        if (!shot_name_ok(a))
            return say(c, a->col, "'%s' is not a shot name (letters, digits, '-', '_', '.'; up to 63)", t);
        word_text(a, st->name, sizeof st->name);
        for (int i = 0; i < s->n; i++)
            if (s->step[i].op == SCR_SHOT && !strcmp(s->step[i].name, st->name)) {
                char msg[120];
                snprintf(msg, sizeof msg, "shot '%%s' again (line %d saves it already)", s->step[i].line);
                return say(c, a->col, msg, st->name);
            }
        break;
    }
    return 0;
}

int script_parse(Script *s, const char *file, const char *text, size_t len, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    snprintf(s->file, sizeof s->file, "%s", file);
    Ctx c = {s->file, 0, err, errlen};
    int cap = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\n') i++;
        size_t n = i - start;
        if (i < len) i++;
        c.line++;
        const char *line = text + start;
        if (n > 0 && line[n - 1] == '\r') n--;
        const char *nul = memchr(line, 0, n);
        if (nul) {
            say(&c, (int)(nul - line) + 1, "%s", "a NUL byte: is this a text file?");
            goto bad;
        }
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t')) k++;
        if (k == n || line[k] == '#') continue;
        if (s->n == SCRIPT_MAX_STEPS) {
            say(&c, 1, "more than %s steps", "10000");
            goto bad;
        }
        if (s->n == cap) {
            int ncap = cap ? cap * 2 : 32;
            ScriptStep *grown = realloc(s->step, (size_t)ncap * sizeof *grown);
            if (!grown) {
                snprintf(err, errlen, "%s: out of memory", file);
                goto bad;
            }
            s->step = grown;
            cap = ncap;
        }
        if (parse_line(&c, line, n, s, &s->step[s->n]) != 0) goto bad;
        s->n++;
    }
    return 0;
bad:
    script_free(s);
    return -1;
}

int script_load(Script *s, const char *path, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    char *buf = malloc(SCRIPT_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    size_t n = fread(buf, 1, SCRIPT_MAX_BYTES + 1, f);
    int rd = ferror(f);
    fclose(f);
    int rc;
    if (rd) {
        snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
        rc = -1;
    } else if (n > SCRIPT_MAX_BYTES) {
        snprintf(err, errlen, "%s: larger than 1 MiB: not a script", path);
        rc = -1;
    } else {
        rc = script_parse(s, path, buf, n, err, errlen);
    }
    free(buf);
    return rc;
}

void script_free(Script *s)
{
    free(s->step);
    s->step = NULL;
    s->n = 0;
}

static bool inside(int x, int y, int w, int h) { return x >= 0 && y >= 0 && x < w && y < h; }

int script_check_frame(const Script *s, int w, int h, char *err, size_t errlen)
{
    for (int i = 0; i < s->n; i++) {
        const ScriptStep *st = &s->step[i];
        bool ok = true;
        if (st->op == SCR_CLICK || st->op == SCR_TAP || st->op == SCR_MOVE) ok = inside(st->x, st->y, w, h);
        else if (st->op == SCR_DRAG) ok = inside(st->x, st->y, w, h) && inside(st->x2, st->y2, w, h);
        else if (st->op == SCR_WHEEL) ok = inside(st->x, st->y, w, h);
        if (!ok) {
            snprintf(err, errlen, "%s:%d:%d: the position is outside the %dx%d frame", s->file, st->line, st->col, w, h);
            return -1;
        }
    }
    return 0;
}

/* ---- the player ---- */

void script_start(ScriptPlayer *p, const Script *s)
{
    *p = (ScriptPlayer){s, 0, 0, false};
}

const ScriptStep *script_next(ScriptPlayer *p, double now_ms)
{
    while (!p->held && p->pc < p->s->n && (double)p->at_ms <= now_ms) {
        const ScriptStep *st = &p->s->step[p->pc++];
        if (st->op == SCR_WAIT) {
            p->at_ms += st->n;
            continue;
        }
        if (st->op == SCR_SHOT) p->held = true;
        return st;
    }
    return NULL;
}

void script_frame_done(ScriptPlayer *p) { p->held = false; }

bool script_finished(const ScriptPlayer *p, double now_ms)
{
    return p->pc >= p->s->n && !p->held && (double)p->at_ms <= now_ms;
}

int64_t script_duration_ms(const Script *s)
{
    int64_t t = 0;
    for (int i = 0; i < s->n; i++)
        if (s->step[i].op == SCR_WAIT) t += s->step[i].n;
    return t;
}

/* ---- events ---- */

static int to_win(int v, int out, int win)
{
    return out > 0 ? (int)((long long)v * win / out) : v;
}

static void mouse_button(SDL_Event *e, Uint32 type, uint32_t wid, int x, int y)
{
    memset(e, 0, sizeof *e);
    e->button.type = type;
    e->button.windowID = wid;
    e->button.which = 0;
    e->button.button = SDL_BUTTON_LEFT;
    e->button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    e->button.clicks = 1;
    e->button.x = x;
    e->button.y = y;
}

static void mouse_motion(SDL_Event *e, uint32_t wid, int x, int y, bool held)
{
    memset(e, 0, sizeof *e);
    e->motion.type = SDL_MOUSEMOTION;
    e->motion.windowID = wid;
    e->motion.state = held ? SDL_BUTTON_LMASK : 0;
    e->motion.x = x;
    e->motion.y = y;
}

static void finger(SDL_Event *e, Uint32 type, uint32_t wid, float x, float y)
{
    memset(e, 0, sizeof *e);
    e->tfinger.type = type;
    e->tfinger.touchId = 1;
    e->tfinger.fingerId = 1;
    e->tfinger.x = x;
    e->tfinger.y = y;
    e->tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    e->tfinger.windowID = wid;
}

int script_events(const ScriptStep *st, uint32_t wid, int win_w, int win_h, int out_w, int out_h, SDL_Event *ev, int max)
{
    int n = 0;
#define PUT (n < max ? &ev[n++] : NULL)
    int x = to_win(st->x, out_w, win_w), y = to_win(st->y, out_h, win_h);
    SDL_Event *e;
    switch (st->op) {
    case SCR_KEY:
        for (int down = 1; down >= 0; down--)
            if ((e = PUT)) {
                memset(e, 0, sizeof *e);
                e->key.type = down ? SDL_KEYDOWN : SDL_KEYUP;
                e->key.windowID = wid;
                e->key.state = down ? SDL_PRESSED : SDL_RELEASED;
                e->key.keysym.sym = st->key;
                e->key.keysym.mod = (Uint16)st->mod;
            }
        break;
    case SCR_CLICK:
        if ((e = PUT)) mouse_motion(e, wid, x, y, false);
        if ((e = PUT)) mouse_button(e, SDL_MOUSEBUTTONDOWN, wid, x, y);
        if ((e = PUT)) mouse_button(e, SDL_MOUSEBUTTONUP, wid, x, y);
        break;
    case SCR_MOVE:
        if ((e = PUT)) mouse_motion(e, wid, x, y, false);
        break;
    case SCR_TAP: {
        float fx = out_w > 0 ? ((float)st->x + 0.5f) / (float)out_w : 0, fy = out_h > 0 ? ((float)st->y + 0.5f) / (float)out_h : 0;
        if ((e = PUT)) finger(e, SDL_FINGERDOWN, wid, fx, fy);
        if ((e = PUT)) finger(e, SDL_FINGERUP, wid, fx, fy);
        break;
    }
    case SCR_DRAG: {
        int x2 = to_win(st->x2, out_w, win_w), y2 = to_win(st->y2, out_h, win_h);
        if ((e = PUT)) mouse_motion(e, wid, x, y, false);
        if ((e = PUT)) mouse_button(e, SDL_MOUSEBUTTONDOWN, wid, x, y);
        for (int i = 1; i <= DRAG_MOVES; i++)
            if ((e = PUT)) mouse_motion(e, wid, x + (x2 - x) * i / DRAG_MOVES, y + (y2 - y) * i / DRAG_MOVES, true);
        if ((e = PUT)) mouse_button(e, SDL_MOUSEBUTTONUP, wid, x2, y2);
        break;
    }
    case SCR_WHEEL:
        if ((e = PUT)) mouse_motion(e, wid, x, y, false);
        if ((e = PUT)) {
            memset(e, 0, sizeof *e);
            e->wheel.type = SDL_MOUSEWHEEL;
            e->wheel.windowID = wid;
            e->wheel.y = st->n;
            e->wheel.preciseY = (float)st->n;
            e->wheel.direction = SDL_MOUSEWHEEL_NORMAL;
            e->wheel.mouseX = x;
            e->wheel.mouseY = y;
        }
        break;
    case SCR_WAIT:
    case SCR_SHOT: break;
    }
#undef PUT
    return n;
}
