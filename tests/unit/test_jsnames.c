/* test_jsnames.c - one rule for stream names in JavaScript (export/jsnames.h):
 * every name is an identifier that is not reserved, distinct ids get distinct
 * names, and the code panel (view/code.c, compiled in here with its drawing
 * stubbed out) and the exported program (export/export_js.c) write the same
 * names for the same wiring. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export/export_js.h"
#include "export/jsnames.h"
#include "scenario/scenario_yaml.h"
#include "view/code.c"

/* code_draw is not exercised; these satisfy the linker. */
int dp(const Draw *d, float v) { (void)d; return (int)v; }
int dfont(const Draw *d, float pt) { (void)d; return (int)pt; }
int dline(const Draw *d, float w) { (void)d; return (int)w; }
void draw_rect(const Draw *d, Rect r, Rgba c) { (void)d; (void)r; (void)c; }
int draw_text(const Draw *d, Face f, int px, Rgba c, int x, int y, int al, const char *s)
{
    (void)d; (void)f; (void)px; (void)c; (void)x; (void)y; (void)al; (void)s;
    return 0;
}
int draw_text_fit(const Draw *d, Face f, int px, Rgba c, int x, int y, int al, int maxw, const char *s)
{
    (void)d; (void)f; (void)px; (void)c; (void)x; (void)y; (void)al; (void)maxw; (void)s;
    return 0;
}

static char err[512];

static void load(const char *yaml, Scenario *sc)
{
    if (scenario_load_string(yaml, strlen(yaml), "t.yaml", sc, err, sizeof err))
        fail_msg("expected a valid scenario, got: %s", err);
}

static bool identifier(const char *s)
{
    if (!(s[0] == '_' || s[0] == '$' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    for (const char *p = s; *p; p++)
        if (!(*p == '_' || *p == '$' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9')))
            return false;
    return true;
}

/* The contract of jsnames.h, on any scenario. */
static void check_contract(const Scenario *sc, const JsNames *nm)
{
    for (int i = 0; i < sc->nstreams; i++) {
        if (!identifier(nm->name[i]))
            fail_msg("stream %s: '%s' is not an identifier", sc->streams[i].id, nm->name[i]);
        if (js_name_taken(nm->name[i]))
            fail_msg("stream %s: '%s' is reserved", sc->streams[i].id, nm->name[i]);
        for (int j = 0; j < i; j++)
            if (!strcmp(nm->name[i], nm->name[j]))
                fail_msg("streams %s and %s both named '%s'", sc->streams[j].id, sc->streams[i].id, nm->name[i]);
    }
}

static const char *const NEW_AB =
    "streams:\n"
    "  - {id: new, kind: source, total: 4KiB}\n"
    "  - {id: a-b, kind: transform}\n"
    "  - {id: a_b, kind: sink}\n"
    "wiring:\n"
    "  - pipe: [new, a-b, a_b]\n";

/* The case of issue 13: `new`, `a-b` and `a_b`. */
static void reserved_and_dashes(void **state)
{
    (void)state;
    Scenario sc;
    load(NEW_AB, &sc);
    JsNames nm;
    js_names(&sc, &nm);
    check_contract(&sc, &nm);
    assert_string_equal(nm.name[0], "new_");
    assert_string_equal(nm.name[2], "a_b"); /* a free identifier keeps its name */
    assert_string_equal(nm.name[1], "a_b_");
    scenario_free(&sc);
}

/* 64 ids that all fold onto a, a_, a__, ...: every '-'/'_' pattern of
 * length 1..6 after 'a' (2+4+...+64 = 126 of them; the first 64 are used). */
static void many_collisions(void **state)
{
    (void)state;
    char *yaml = malloc(1 << 16);
    assert_non_null(yaml);
    size_t n = (size_t)snprintf(yaml, 1 << 16, "streams:\n");
    int count = 0;
    for (int len = 1; len <= 6 && count < SC_MAX_STREAMS; len++)
        for (int bits = 0; bits < (1 << len) && count < SC_MAX_STREAMS; bits++, count++) {
            char id[8] = "a";
            for (int k = 0; k < len; k++)
                id[1 + k] = (bits >> k) & 1 ? '-' : '_';
            id[1 + len] = '\0';
            n += (size_t)snprintf(yaml + n, (1 << 16) - n, "  - {id: \"%s\", kind: %s}\n", id,
                                  count == 0 ? "source" : "sink");
        }
    Scenario sc;
    load(yaml, &sc);
    assert_int_equal(sc.nstreams, SC_MAX_STREAMS);
    JsNames nm;
    js_names(&sc, &nm);
    check_contract(&sc, &nm);
    scenario_free(&sc);
    free(yaml);
}

/* Every reserved word as an id, beside the name it would first become. */
static void every_taken_word(void **state)
{
    (void)state;
    static const char *const words[] = {"new", "class", "streams", "wire", "pipeline", "once", "c",
                                        "await", "yield", "let", "static", "undefined", "report"};
    char yaml[4096];
    size_t n = (size_t)snprintf(yaml, sizeof yaml, "streams:\n");
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        n += (size_t)snprintf(yaml + n, sizeof yaml - n, "  - {id: %s, kind: sink}\n  - {id: %s_, kind: sink}\n",
                              words[i], words[i]);
    Scenario sc;
    load(yaml, &sc);
    JsNames nm;
    js_names(&sc, &nm);
    check_contract(&sc, &nm);
    for (int i = 0; i < sc.nstreams; i += 2) {
        assert_true(js_name_taken(sc.streams[i].id));
        assert_string_equal(nm.name[i + 1], sc.streams[i + 1].id); /* `new_` keeps its name */
    }
    scenario_free(&sc);
}

/* The exported program into a string. */
static void exported(const Scenario *sc, char **buf)
{
    size_t len = 0;
    *buf = NULL;
    FILE *f = open_memstream(buf, &len);
    assert_non_null(f);
    assert_int_equal(export_js(sc, 0, f), 0);
    fclose(f);
}

/* The panel's pipe line and the exporter's wire() line are the same code. */
static void panel_and_export_agree(void **state)
{
    (void)state;
    static const char *const wirings[] = {
        "  - pipe: [new, a-b, a_b]\n",
        "  - pipeline: [new, a-b, a_b]\n",
        "  - manual: [new, a_b]\n",
    };
    for (size_t k = 0; k < sizeof wirings / sizeof wirings[0]; k++) {
        char yaml[1024];
        snprintf(yaml, sizeof yaml, "%.*s%s", (int)(strstr(NEW_AB, "  - pipe") - NEW_AB), NEW_AB, wirings[k]);
        Scenario sc;
        load(yaml, &sc);
        static CodeListing cl;
        code_build(&cl, &sc);
        char *js;
        exported(&sc, &js);
        JsNames nm;
        js_names(&sc, &nm);
        /* every stream the panel declares, the program destructures by the same name */
        int declared = 0;
        for (int i = 0; i < cl.n; i++) {
            char name[JS_NAME_MAX];
            if (sscanf(cl.line[i].text, "const %97s =", name) != 1)
                continue;
            bool found = false;
            for (int s = 0; s < sc.nstreams; s++)
                found |= !strcmp(nm.name[s], name);
            if (!found)
                fail_msg("panel declares '%s', not a name of jsnames", name);
            declared++;
        }
        assert_int_equal(declared, sc.nstreams);
        const char *d = strstr(js, "  const { ");
        assert_non_null(d);
        if (sc.wires[0].n == 3) /* the manual wire leaves a-b out */
            assert_non_null(strstr(d, "\"a-b\": a_b_"));
        assert_non_null(strstr(d, "\"new\": new_"));
        /* the first code line of the wire in the panel is a line of wire() */
        for (int i = 0; i < cl.n; i++) {
            if (cl.line[i].wire != 0 || cl.line[i].comment || !cl.line[i].text[0])
                continue;
            const char *first = cl.line[i].text;
            char want[CODE_LINE_MAX + 4];
            if (sc.wires[0].kind == WIRE_PIPE) {
                snprintf(want, sizeof want, "  %s\n", first);
                if (!strstr(js, want))
                    fail_msg("panel line '%s' is not in wire():\n%s", first, d);
            } else {
                /* pipeline(...): the same argument list; manual: the same receiver */
                const char *paren = strchr(first, '(');
                assert_non_null(paren);
                snprintf(want, sizeof want, "%.*s", (int)(paren - first), first);
                if (!strstr(d, want))
                    fail_msg("panel line '%s' does not start like a line of wire()", first);
            }
            break;
        }
        free(js);
        scenario_free(&sc);
    }
}

/* A pipeline's async generator stage: its name follows the stream rule
 * ('-' to '_', a taken word gets '_'), the exported wire() passes it as a
 * function expression between the streams, and the code panel shows the
 * same function, its yield lighting on the destination's write(). */
static void generator_stage_names(void **state)
{
    (void)state;
    static const char *const yaml =
        "streams:\n"
        "  - {id: new, kind: source, objectMode: true, total: 4}\n"
        "  - {id: a_b, kind: sink, objectMode: true}\n"
        "  - {id: s2, kind: source}\n"
        "  - {id: d2, kind: sink}\n"
        "wiring:\n"
        "  - pipeline: [new, {generator: new}, a_b]\n"
        "  - promisesPipeline: [s2, {generator: to-upper}, d2]\n";
    Scenario sc;
    load(yaml, &sc);
    char g[JS_NAME_MAX];
    js_gen_name(&sc.wires[0], g);
    assert_string_equal(g, "new_");
    js_gen_name(&sc.wires[1], g);
    assert_string_equal(g, "to_upper");
    char *js;
    exported(&sc, &js);
    assert_non_null(strstr(js, "  pipeline(new_, async function* new_(source) {\n"
                               "    for await (const chunk of source) yield chunk;\n"
                               "  }, a_b, (err) => report.pipeline(a_b, err));\n"));
    assert_non_null(strstr(js, "  streamPromises.pipeline(s2, async function* to_upper(source) {\n"));
    static CodeListing cl;
    code_build(&cl, &sc);
    int fn = -1, yield = -1, closing = -1;
    for (int i = 0; i < cl.n; i++) {
        if (!strcmp(cl.line[i].text, "  async function* new_(source) {"))
            fn = i;
        if (strstr(cl.line[i].text, "yield c;") && cl.line[i].wire == 0)
            yield = i;
        if (!strcmp(cl.line[i].text, "  d2);"))
            closing = i;
    }
    assert_true(fn >= 0);
    assert_true(yield > fn);
    assert_true(cl.line[yield].on_false);
    assert_true(cl.line[yield].on_dst & (1u << EV_WRITE));
    assert_true(closing >= 0); /* await pipeline(s2, ..., d2); */
    free(js);
    scenario_free(&sc);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reserved_and_dashes),
        cmocka_unit_test(many_collisions),
        cmocka_unit_test(every_taken_word),
        cmocka_unit_test(panel_and_export_agree),
        cmocka_unit_test(generator_stage_names),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
