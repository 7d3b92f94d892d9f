/* test_export.c - the exported program keeps the lesson's calls in wire()
 * (export/export_js.h): the timeline's cork()/uncork() and the kept
 * subarray() are written there, the driver no longer makes them itself, and
 * the header names the file as the README does (lesson.js). Whether the
 * program prints the simulator's trace is 40-conformance's job. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export/export_js.h"
#include "scenario/scenario_yaml.h"

static char err[512];

static void load(const char *yaml, Scenario *sc)
{
    if (scenario_load_string(yaml, strlen(yaml), "t.yaml", sc, err, sizeof err))
        fail_msg("expected a valid scenario, got: %s", err);
}

static void exported(const Scenario *sc, const ExportJsOrigin *o, char **buf)
{
    size_t len = 0;
    *buf = NULL;
    FILE *f = open_memstream(buf, &len);
    assert_non_null(f);
    assert_int_equal(export_js_with(sc, 0, o, f), 0);
    fclose(f);
}

/* A top-level function's text: from "function NAME(" to the first line that
 * is "}"; NULL when there is none. `head` is "\nfunction NAME(". */
static char *function_text(const char *js, const char *head)
{
    const char *a = strstr(js, head);
    if (a == NULL)
        return NULL;
    const char *b = strstr(a, "\n}\n");
    assert_non_null(b);
    size_t n = (size_t)(b - a) + 3;
    char *w = malloc(n + 1);
    assert_non_null(w);
    memcpy(w, a, n);
    w[n] = '\0';
    return w;
}

/* wire()'s text; every exported program has one. */
static char *wire_body(const char *js)
{
    char *w = function_text(js, "\nfunction wire(");
    assert_non_null(w);
    return w;
}

static void must_have(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("missing '%s' in:\n%s", needle, hay);
}

static void cork_and_keep_in_wire(void **state)
{
    (void)state;
    static const char *const yaml =
        "streams:\n"
        "  - {id: src, kind: source, total: 64KiB}\n"
        "  - {id: my-sink, kind: sink, keep: 16}\n"
        "  - {id: copy, kind: sink, keep: 8, keepCopy: true}\n"
        "wiring:\n"
        "  - pipe: [src, my-sink]\n"
        "timeline:\n"
        "  - {at: 1, do: cork, stream: my-sink}\n"
        "  - {at: 2, do: write, stream: copy, bytes: 10}\n"
        "  - {at: 3, do: uncork, stream: my-sink}\n"
        "  - {at: 4, do: rate, stream: src, rate: 1KiB}\n";
    Scenario sc;
    load(yaml, &sc);
    char *js;
    exported(&sc, NULL, &js);
    char *w = wire_body(js);
    must_have(w, "\"my-sink\": {\n      cork: () => my_sink.cork(),\n      uncork: () => my_sink.uncork(),\n");
    must_have(w, "keep: (chunk) => chunk.subarray(0, 16),");
    must_have(w, "write: (chunk) => copy.write(chunk),");
    must_have(w, "Buffer.alloc(Math.min(8, chunk.length))");
    must_have(w, "const { src, \"my-sink\": my_sink, copy } = streams;");
    /* rate is the disk's speed, not a call of the application */
    assert_null(strstr(w, "rate"));
    /* the driver makes none of these calls on its own */
    const char *driver = strstr(js, "(function highwaterDriver(");
    assert_non_null(driver);
    assert_null(strstr(driver, "s.cork()"));
    assert_null(strstr(driver, "s.uncork()"));
    assert_null(strstr(driver, ".subarray("));
    free(w);
    free(js);
    scenario_free(&sc);
}

/* Nothing for the application to do: wire() returns nothing. */
static void no_calls_no_return(void **state)
{
    (void)state;
    Scenario sc;
    load("streams:\n  - {id: a, kind: source, total: 1KiB}\n  - {id: b, kind: sink}\nwiring:\n  - pipe: [a, b]\n",
         &sc);
    char *js;
    exported(&sc, NULL, &js);
    char *w = wire_body(js);
    assert_null(strstr(w, "return"));
    free(w);
    free(js);
    scenario_free(&sc);
}

static void header_names_lesson_js(void **state)
{
    (void)state;
    Scenario sc;
    load("streams:\n  - {id: a, kind: source, total: 1KiB}\n  - {id: b, kind: sink}\nwiring:\n  - pipe: [a, b]\n",
         &sc);
    char *js;
    exported(&sc, NULL, &js);
    must_have(js, "//     node lesson.js\n");
    free(js);
    ExportJsOrigin o = {"x.yaml", "copy.js"};
    exported(&sc, &o, &js);
    must_have(js, "//     node copy.js\n");
    free(js);
    scenario_free(&sc);
}

/* asWritten()'s text; NULL when absent. */
static char *as_written(const char *js)
{
    return function_text(js, "\nfunction asWritten(");
}

/* `like:` puts the lesson's APIs in asWritten(), next to wire(); wire()
 * itself keeps the stand-ins and the calls the lesson is about. */
static void like_as_written(void **state)
{
    (void)state;
    static const char *const yaml =
        "node: 22\n"
        "streams:\n"
        "  - {id: file, kind: source, like: fs.createReadStream, highWaterMark: 64KiB, chunk: 64KiB, total: 1MiB}\n"
        "  - {id: gzip, kind: transform, like: zlib.createGzip, ratio: 1/4, outChunk: 16KiB}\n"
        "  - {id: socket, kind: sink, like: http.ServerResponse, highWaterMark: 16KiB, keep: 32}\n"
        "wiring:\n"
        "  - pipeline: [file, gzip, socket]\n"
        "timeline:\n"
        "  - {at: 1, do: cork, stream: socket}\n"
        "  - {at: 3, do: uncork, stream: socket}\n";
    Scenario sc;
    load(yaml, &sc);
    char *js;
    exported(&sc, NULL, &js);
    char *w = wire_body(js);
    char *a = as_written(js);
    assert_non_null(a);
    /* after wire(), before the driver */
    assert_true(strstr(js, "\nfunction wire(") < strstr(js, "\nfunction asWritten("));
    assert_true(strstr(js, "\nfunction asWritten(") < strstr(js, "(function highwaterDriver("));
    /* the response is the handler's second argument, the request gets a free name */
    must_have(js, "// To serve it: require('node:http').createServer(asWritten).listen(8080);\n"
                  "function asWritten(req, socket) {\n");
    must_have(a, "  const fs = require('node:fs');\n  const zlib = require('node:zlib');\n");
    must_have(a, "  const file = fs.createReadStream('file.dat', { highWaterMark: 64 * 1024 });\n");
    must_have(a, "  const gzip = zlib.createGzip({ highWaterMark: 64 * 1024, chunkSize: 16 * 1024 });\n");
    must_have(a, "  // socket: the response, an http.ServerResponse (highWaterMark here: 16 KiB)\n");
    must_have(a, "  pipeline(file, gzip, socket, (err) => console.log(");
    must_have(a, "  //   tick 1: socket.cork()\n  //   tick 3: socket.uncork()\n");
    assert_null(strstr(a, "report"));
    /* wire() is unchanged: stand-ins, the cork/uncork and the kept subarray() */
    must_have(w, "  pipeline(file, gzip, socket, (err) => report.pipeline(socket, err));\n");
    must_have(w, "cork: () => socket.cork(),");
    must_have(w, "uncork: () => socket.uncork(),");
    must_have(w, "keep: (chunk) => chunk.subarray(0, 32),");
    assert_null(strstr(w, "createReadStream"));
    assert_null(strstr(w, "zlib"));
    free(a);
    free(w);
    free(js);
    scenario_free(&sc);
}

/* Without `like:` there is no asWritten(); a stream without `like:` beside
 * one with it is a plain Readable / Writable; a stream id that is a
 * handler argument's usual name pushes the argument aside. */
static void like_names_and_plain_streams(void **state)
{
    (void)state;
    Scenario sc;
    load("streams:\n  - {id: a, kind: source, total: 1KiB}\n  - {id: b, kind: sink}\nwiring:\n  - pipe: [a, b]\n",
         &sc);
    char *js;
    exported(&sc, NULL, &js);
    assert_null(as_written(js));
    assert_null(strstr(js, "asWritten"));
    free(js);
    scenario_free(&sc);

    load("node: 20\nstreams:\n  - {id: req, kind: source, total: 1KiB}\n"
         "  - {id: res, kind: sink, like: http.ServerResponse}\n"
         "  - {id: out, kind: sink, like: process.stdout}\n"
         "wiring:\n  - pipe: [req, res]\n  - naive: [req, out]\n",
         &sc);
    exported(&sc, NULL, &js);
    char *a = as_written(js);
    assert_non_null(a);
    must_have(a, "function asWritten(req_, res) {\n");
    must_have(a, "  const { Readable } = require('node:stream');\n");
    must_have(a, "  const req = new Readable({ highWaterMark: 16 * 1024, read() {");
    must_have(a, "  const out = process.stdout; // (highWaterMark here: 16 KiB)\n");
    must_have(a, "  req.pipe(res);\n");
    must_have(a, "  req.on('data', (chunk) => out.write(chunk));\n");
    free(a);
    free(js);
    scenario_free(&sc);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cork_and_keep_in_wire),
        cmocka_unit_test(no_calls_no_return),
        cmocka_unit_test(header_names_lesson_js),
        cmocka_unit_test(like_as_written),
        cmocka_unit_test(like_names_and_plain_streams),
    };
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
