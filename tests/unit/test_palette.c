/* test_palette.c - text contrast in both colour schemes (sim/view/palette.h):
 * every text / background pair the view draws has a WCAG 2 contrast ratio
 * of at least 4.5:1, and the contrast function agrees with known values.
 *
 * palette.c has no SDL in it and lives with the view, so it is compiled in
 * here (unit tests link only the model, the reader and the exporter). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "view/palette.c"

static void contrast_known_values(void **state)
{
    (void)state;
    Rgba black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {0x77, 0x77, 0x77, 255};
    assert_true(fabs(palette_contrast(black, white) - 21.0) < 1e-9);
    assert_true(fabs(palette_contrast(white, black) - 21.0) < 1e-9);
    assert_true(fabs(palette_contrast(grey, grey) - 1.0) < 1e-9);
    /* #777777 on white is the classic just-failing grey: 4.48:1. */
    double g = palette_contrast(grey, white);
    assert_true(g > 4.47 && g < 4.49);
    /* Half-transparent black over white looks like #7F7F7F (4.00:1). */
    double h = palette_contrast((Rgba){0, 0, 0, 128}, white);
    assert_true(h > 3.99 && h < 4.02);
    /* Ink on a fill is the better of black and white. */
    Rgba vermillion = {0xd5, 0x5e, 0x00, 255}, blue = {0x00, 0x72, 0xb2, 255};
    Rgba on_v = palette_ink_on(vermillion), on_b = palette_ink_on(blue);
    assert_int_equal(on_v.r + on_v.g + on_v.b, 0);        /* black: 5.4:1 against white's 3.9:1 */
    assert_int_equal(on_b.r + on_b.g + on_b.b, 3 * 255);  /* white: 5.2:1 against black's 4.1:1 */
}

static int check_palette(const Palette *p)
{
    TextPair pairs[64];
    int n = palette_text_pairs(p, pairs, 64);
    assert_true(n > 20 && n <= 64);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        double r = palette_contrast(pairs[i].fg, pairs[i].bg);
        if (r < 4.5) {
            print_error("%s palette: %s: %02X%02X%02X (alpha %d) on %02X%02X%02X is %.2f:1, below 4.5:1\n", p->name,
                        pairs[i].what, pairs[i].fg.r, pairs[i].fg.g, pairs[i].fg.b, pairs[i].fg.a, pairs[i].bg.r,
                        pairs[i].bg.g, pairs[i].bg.b, r);
            bad++;
        }
    }
    return bad;
}

static void normal_text_contrast(void **state)
{
    (void)state;
    assert_int_equal(check_palette(palette_normal()), 0);
}

static void projector_text_contrast(void **state)
{
    (void)state;
    assert_int_equal(check_palette(palette_projector()), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contrast_known_values),
        cmocka_unit_test(normal_text_contrast),
        cmocka_unit_test(projector_text_contrast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
