/* test_untrusted.c - text from a scenario file shown safely (io/safetext.h)
 * and files that are not UTF-8 refused at 1:1 (scenario/encoding.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/safetext.h"
#include "scenario/encoding.h"
#include "scenario/scenario_yaml.h"

static void expect_escaped(const char *in, const char *want)
{
    char out[256];
    size_t n = safetext_escape(out, sizeof out, in);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    assert_int_equal(safetext_is_plain(in), strcmp(in, want) == 0);
}

static void test_escapes(void **state)
{
    (void)state;
    expect_escaped("plain text, caf\xc3\xa9, \xe6\x97\xa5\xe6\x9c\xac, C:\\dir", "plain text, caf\xc3\xa9, \xe6\x97\xa5\xe6\x9c\xac, C:\\dir");
    /* The title of the report: an OSC window title, a bell, a clear screen. */
    expect_escaped("\x1b]0;pwned\a\x1b[2J", "\\x1B]0;pwned\\x07\\x1B[2J");
    expect_escaped("a\tb\nc\rd\x7f", "a\\tb\\nc\\rd\\x7F");
    expect_escaped("\xc2\x9b" "31m", "\\u009B31m");          /* 8-bit CSI as UTF-8 */
    expect_escaped("x\xe2\x80\xaey", "x\\u202Ey");           /* right-to-left override */
    expect_escaped("\xff\xc0\x80\xed\xa0\x80", "\\xFF\\xC0\\x80\\xED\\xA0\\x80"); /* not UTF-8 */
}

static void test_escape_cut(void **state)
{
    (void)state;
    char out[8];
    /* Cut at an escape boundary, never inside one; the full length is returned. */
    assert_int_equal(safetext_escape(out, sizeof out, "\x1b\x1b\x1b"), 12);
    assert_string_equal(out, "\\x1B");
    assert_int_equal(safetext_escape(out, sizeof out, "abcdefghij"), 10);
    assert_string_equal(out, "abcdefg");
}

static void expect_refused(const char *text, size_t len, const char *want)
{
    char msg[200];
    assert_int_equal(encoding_check(text, len, msg, sizeof msg), -1);
    assert_string_equal(msg, want);
}

static void test_encodings(void **state)
{
    (void)state;
    char msg[200];
    static const char utf8[] = "\xef\xbb\xbftitle: caf\xc3\xa9\n";
    assert_int_equal(encoding_check(utf8, sizeof utf8 - 1, msg, sizeof msg), 0);
    assert_int_equal(encoding_check("", 0, msg, sizeof msg), 0);
    static const char le[] = "\xff\xfen\0a\0m\0e\0:\0 \0x\0\n\0";
    expect_refused(le, sizeof le - 1, "this file is UTF-16 (little-endian, with a byte-order mark); save it as UTF-8");
    static const char be[] = "\0n\0a\0m\0e\0:\0 \0x\0\n";
    expect_refused(be, sizeof be - 1, "this file is UTF-16 (big-endian); save it as UTF-8");
    static const char le32[] = "n\0\0\0a\0\0\0m\0\0\0e\0\0\0";
    expect_refused(le32, sizeof le32 - 1, "this file is UTF-32 (little-endian); save it as UTF-8");
    static const char latin1[] = "name: x\ntitle: caf\xe9\n";
    expect_refused(latin1, sizeof latin1 - 1,
                   "this file is not UTF-8 text (byte 0xE9 at line 2, column 11; Latin-1 or Windows-1252?); save it as UTF-8");
}

/* Through the reader: at 1:1, before libyaml (which would read UTF-16 itself). */
static void test_reader_refuses(void **state)
{
    (void)state;
    static const char le[] = "\xff\xfes\0t\0r\0e\0a\0m\0s\0:\0 \0[\0]\0\n\0";
    Scenario sc;
    char err[256];
    assert_int_equal(scenario_load_string(le, sizeof le - 1, "f.yaml", &sc, err, sizeof err), 2);
    assert_string_equal(err, "f.yaml:1:1: this file is UTF-16 (little-endian, with a byte-order mark); save it as UTF-8");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_escape_cut),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_reader_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
