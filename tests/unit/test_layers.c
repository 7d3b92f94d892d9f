/* test_layers.c - no #include in sim/ runs from a lower layer to a higher one.
 *
 * The layers, lowest first (also in docs/architecture.md):
 *   0  core/  the model: scenario definition, simulation, events; pure C
 *      io/    text escaping and safe file output; knows nothing of the model
 *   1  trace/ scenario/ export/  the model's text forms: trace lines, the
 *      YAML reader and writer, units, limits and `--vary` values, the Node
 *      program; no SDL
 *   2  view/  the window and what it draws or computes for drawing
 *   3  app/   commands, argument parsing, main
 * A file may include its own folder, its own layer and any lower one. A
 * folder missing from the table fails the test, so a new one gets a place.
 * Reads every .c and .h under sim/ (run from the repository root, as
 * tests/suites/10-unit.sh does; or give the root as argv[2]). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static const struct {
    const char *dir;
    int layer;
} layers[] = {
    {"core", 0}, {"io", 0}, {"trace", 1}, {"scenario", 1}, {"export", 1}, {"view", 2}, {"app", 3},
};
#define NLAYERS (int)(sizeof layers / sizeof layers[0])

static const char *root = ".";

static int layer_of(const char *dir, size_t len)
{
    for (int i = 0; i < NLAYERS; i++)
        if (strlen(layers[i].dir) == len && !memcmp(dir, layers[i].dir, len))
            return layers[i].layer;
    return -1;
}

/* Checks one file; counts its project includes and wrong ones. */
static void check_file(const char *path, const char *dir, int *includes, int *wrong)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot read %s", path);
    int from = layer_of(dir, strlen(dir));
    if (from < 0) {
        fprintf(stderr, "# %s: folder sim/%s/ has no layer in test_layers.c\n", path, dir);
        (*wrong)++;
    }
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        n++;
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p++ != '#')
            continue;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "include", 7) != 0)
            continue;
        p += 7;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '"')
            continue; /* <system> headers */
        p++;
        const char *end = strchr(p, '"');
        const char *slash = memchr(p, '/', end ? (size_t)(end - p) : 0);
        (*includes)++;
        if (!slash)
            continue; /* same folder, or build/gen (config.h) */
        int to = layer_of(p, (size_t)(slash - p));
        if (to < 0 || (from >= 0 && to > from && strncmp(p, dir, strlen(dir)) != 0)) {
            fprintf(stderr, "# %s:%d: sim/%s/ (layer %d) includes \"%.*s\" (layer %d)\n", path, n, dir,
                    from, (int)(end - p), p, to);
            (*wrong)++;
        }
    }
    fclose(f);
}

static void test_no_upward_include(void **state)
{
    (void)state;
    char sim[4096];
    snprintf(sim, sizeof sim, "%s/sim", root);
    DIR *top = opendir(sim);
    if (!top)
        fail_msg("cannot open %s (run from the repository root)", sim);
    int files = 0, includes = 0, wrong = 0;
    struct dirent *e;
    while ((e = readdir(top))) {
        if (e->d_name[0] == '.')
            continue;
        char sub[4352];
        snprintf(sub, sizeof sub, "%s/%s", sim, e->d_name);
        struct stat st;
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        DIR *d = opendir(sub);
        assert_non_null(d);
        struct dirent *g;
        while ((g = readdir(d))) {
            size_t l = strlen(g->d_name);
            if (l < 3 || g->d_name[l - 2] != '.' || (g->d_name[l - 1] != 'c' && g->d_name[l - 1] != 'h'))
                continue;
            char path[4608];
            snprintf(path, sizeof path, "%s/%s", sub, g->d_name);
            check_file(path, e->d_name, &includes, &wrong);
            files++;
        }
        closedir(d);
    }
    closedir(top);
    fprintf(stderr, "# %d files, %d project includes, %d upward\n", files, includes, wrong);
    assert_true(files > 50 && includes > 100); /* it read the tree */
    assert_int_equal(wrong, 0);
}

/* The checker itself: an upward include in a made-up tree is found. */
static void test_catches_upward(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/test_layers.XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char path[256];
    snprintf(path, sizeof path, "%s/x.h", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("#include <stdio.h>\n#include \"core/sim.h\"\n#  include \"view/edit.h\"\n#include \"scenario/x.h\"\n", f);
    fclose(f);
    int includes = 0, wrong = 0;
    check_file(path, "scenario", &includes, &wrong);
    assert_int_equal(includes, 3);
    assert_int_equal(wrong, 1); /* view/ from scenario/ */
    includes = wrong = 0;
    check_file(path, "app", &includes, &wrong);
    assert_int_equal(wrong, 0);
    includes = wrong = 0;
    check_file(path, "core", &includes, &wrong);
    assert_int_equal(wrong, 2);
    includes = wrong = 0;
    check_file(path, "newdir", &includes, &wrong);
    assert_true(wrong >= 1);
    remove(path);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_upward_include),
        cmocka_unit_test(test_catches_upward),
    };
    if (argc > 1 && argv[1][0])
        cmocka_set_test_filter(argv[1]);
    if (argc > 2)
        root = argv[2];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
