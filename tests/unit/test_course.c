/* test_course.c - the course file (sim/scenario/course.h): sections and
 * lessons in order, every error as file:line:col, the ordering used by
 * `highwater list`, and the shipped scenarios/course.txt: it loads and
 * names every scenario of the library exactly once. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scenario/course.h"

static Course c;

static void parses_sections_in_order(void **state)
{
    (void)state;
    const char *t = "# comment\n"
                    "early\n"
                    "\n"
                    "= First part\n"
                    "alpha\n"
                    "beta.yaml\n"
                    "   # indented comment\n"
                    "=   Second: 'x' and `y`  \n"
                    "gamma\r\n";
    char err[300] = "";
    assert_int_equal(course_parse(&c, "c.txt", t, strlen(t), err, sizeof err), 0);
    assert_int_equal(c.n, 4);
    assert_int_equal(c.nsections, 2);
    assert_string_equal(c.section[0], "First part");
    assert_string_equal(c.section[1], "Second: 'x' and `y`");
    assert_string_equal(c.lesson[0].name, "early");
    assert_int_equal(c.lesson[0].section, -1);
    assert_string_equal(c.lesson[1].name, "alpha");
    assert_int_equal(c.lesson[1].section, 0);
    assert_string_equal(c.lesson[2].name, "beta");
    assert_int_equal(c.lesson[2].line, 6);
    assert_string_equal(c.lesson[3].name, "gamma");
    assert_int_equal(c.lesson[3].section, 1);
    assert_int_equal(course_find(&c, "gamma.yaml"), 3);
    assert_int_equal(course_find(&c, "beta"), 2);
    assert_int_equal(course_find(&c, "delta.yaml"), -1);
}

static void expect_error(const char *text, const char *want)
{
    char err[300] = "";
    assert_int_equal(course_parse(&c, "c.txt", text, strlen(text), err, sizeof err), -1);
    assert_string_equal(err, want);
    assert_int_equal(c.n, 0);
}

static void errors_say_where(void **state)
{
    (void)state;
    expect_error("a\nb\na\n", "c.txt:3:1: 'a' is already in the course (line 1): a lesson appears once");
    expect_error("a\na.yaml\n", "c.txt:2:1: 'a' is already in the course (line 1): a lesson appears once");
    expect_error("= S\nfoo bar\n", "c.txt:2:5: one lesson per line (a comment starts its own line with #)");
    expect_error("ok\n  indented\n", "c.txt:2:1: lines start at the first column");
    expect_error("=\n", "c.txt:1:2: a section needs a title: = TITLE");
    expect_error("= \n", "c.txt:1:2: a section needs a title: = TITLE");
    expect_error("caf\xc3\xa9\n", "c.txt:1:4: 'caf\xc3\xa9': a lesson name has only letters, digits, '-', '_' and '.'");
    expect_error("../etc/passwd\n", "c.txt:1:1: '../etc/passwd' is not a lesson (a scenario's file name without .yaml) or a section (= TITLE)");
    const char nul[] = "ab\0c\n";
    char err[300];
    assert_int_equal(course_parse(&c, "c.txt", nul, sizeof nul - 1, err, sizeof err), -1);
    assert_string_equal(err, "c.txt:1:3: a NUL byte: is this a text file?");
}

static void sorts_files_course_first(void **state)
{
    (void)state;
    const char *t = "b\nd\na\n";
    char err[300];
    assert_int_equal(course_parse(&c, "c.txt", t, strlen(t), err, sizeof err), 0);
    char *files[] = {"a.yaml", "b.yaml", "c.yaml", "d.yaml", "e.yml", "aa.yaml"};
    course_sort_files(&c, files, 6);
    const char *want[] = {"b.yaml", "d.yaml", "a.yaml", "c.yaml", "e.yml", "aa.yaml"};
    for (int i = 0; i < 6; i++) assert_string_equal(files[i], want[i]);
}

static void missing_lesson_file_is_an_error(void **state)
{
    (void)state;
    char dir[] = "/tmp/hw-course-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[200];
    snprintf(path, sizeof path, "%s/course.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("= S\nthere\nmissing\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/there.yaml", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    char err[600], want[600];
    assert_int_equal(course_load(&c, dir, err, sizeof err), -1);
    snprintf(want, sizeof want, "%s/course.txt:3:1: no scenario 'missing' in this folder", dir);
    assert_string_equal(err, want);
    snprintf(path, sizeof path, "%s/course.txt", dir);
    remove(path);
    assert_int_equal(course_load(&c, dir, err, sizeof err), 1);   /* no course: not an error */
    snprintf(path, sizeof path, "%s/there.yaml", dir);
    remove(path);
    remove(dir);
}

static void shipped_course_names_every_scenario_once(void **state)
{
    (void)state;
    char err[600] = "";
    int rc = course_load(&c, "scenarios", err, sizeof err);
    if (rc != 0) print_error("%s\n", err);
    assert_int_equal(rc, 0);
    DIR *d = opendir("scenarios");
    assert_non_null(d);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".yaml")) continue;
        files++;
        if (course_find(&c, e->d_name) < 0) print_error("scenarios/%s is not in scenarios/course.txt\n", e->d_name);
        assert_true(course_find(&c, e->d_name) >= 0);
    }
    closedir(d);
    /* course_load already refuses a lesson named twice or without its file. */
    assert_int_equal(c.n, files);
    assert_true(c.nsections >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_sections_in_order),
        cmocka_unit_test(errors_say_where),
        cmocka_unit_test(sorts_files_course_first),
        cmocka_unit_test(missing_lesson_file_is_an_error),
        cmocka_unit_test(shipped_course_names_every_scenario_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
