/* jsnames.c - stream variable names in generated JavaScript (jsnames.h). */
#include "export/jsnames.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* JavaScript's reserved words (strict mode, as the program is 'use strict'),
 * the globals a stream variable must not shadow, and the names the generated
 * code itself uses. */
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
    "c", "log", "app", "fs", "zlib", "http",
    /* asWritten() (export_js.c): the modules and classes it names */
    "asWritten", "net", "Readable", "Writable", "Transform",
};

bool js_name_taken(const char *s)
{
    for (size_t i = 0; i < sizeof taken_names / sizeof taken_names[0]; i++)
        if (!strcmp(taken_names[i], s))
            return true;
    return false;
}

static bool is_js_identifier(const char *s)
{
    if (!(isalpha((unsigned char)s[0]) || s[0] == '_' || s[0] == '$'))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '$'))
            return false;
    return true;
}

static bool name_in_use(const JsNames *names, int n, const bool *assigned, const char *cand)
{
    if (js_name_taken(cand))
        return true;
    for (int i = 0; i < n; i++)
        if (assigned[i] && !strcmp(names->name[i], cand))
            return true;
    return false;
}

void js_names(const Scenario *sc, JsNames *names)
{
    bool assigned[SC_MAX_STREAMS] = {false};
    int n = sc->nstreams < SC_MAX_STREAMS ? sc->nstreams : SC_MAX_STREAMS;
    for (int i = 0; i < n; i++) {
        const char *id = sc->streams[i].id;
        if (is_js_identifier(id) && !name_in_use(names, n, assigned, id)) {
            snprintf(names->name[i], JS_NAME_MAX, "%s", id);
            assigned[i] = true;
        }
    }
    for (int i = 0; i < n; i++) {
        if (assigned[i])
            continue;
        char cand[JS_NAME_MAX];
        snprintf(cand, sizeof cand, "%s", sc->streams[i].id);
        for (char *p = cand; *p; p++)
            if (!(isalnum((unsigned char)*p) || *p == '_'))
                *p = '_';
        if (!(isalpha((unsigned char)cand[0]) || cand[0] == '_'))
            cand[0] = '_';
        size_t len = strlen(cand);
        while (name_in_use(names, n, assigned, cand) && len + 1 < sizeof cand) {
            cand[len++] = '_';
            cand[len] = '\0';
        }
        memcpy(names->name[i], cand, len + 1);
        assigned[i] = true;
    }
}

void js_gen_name(const WireDef *w, char out[JS_NAME_MAX])
{
    size_t n = 0;
    for (; w->gen_name[n] && n < SC_ID_MAX - 1; n++)
        out[n] = w->gen_name[n] == '-' ? '_' : w->gen_name[n];
    out[n] = '\0';
    while (js_name_taken(out) && n + 1 < JS_NAME_MAX) {
        out[n++] = '_';
        out[n] = '\0';
    }
}
