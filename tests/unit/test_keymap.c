/* test_keymap.c - the window's one key table (sim/view/keymap.h): no key
 * means two things in one mode, the lookups the window relies on (the
 * clicker's PageDown / PageUp, B to blank, Shift for ten ticks, Ctrl for the
 * text size), every binding has a hint and every action a name, and the key
 * names scripts use. keymap.c makes no SDL call; it is compiled in here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "view/keymap.c"

/* Within one mode a key with its modifiers has one action. (A mode's key may
 * shadow one of KC_ANY's: the mode is looked up first, by design.) */
static void no_key_means_two_things(void **state)
{
    (void)state;
    int n;
    const KeyBinding *t = keymap_table(&n);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            if (t[i].key != t[j].key || t[i].ctx != t[j].ctx || t[i].act == t[j].act) continue;
            bool ci = t[i].mod & KM_CTRL, cj = t[j].mod & KM_CTRL;
            bool si = t[i].mod & KM_SHIFT, sj = t[j].mod & KM_SHIFT;
            bool anys = (t[i].mod & KM_ANY_SHIFT) || (t[j].mod & KM_ANY_SHIFT);
            if (ci == cj && (anys || si == sj)) {
                print_error("bindings %d (%s) and %d (%s) share a key\n", i, t[i].hint, j, t[j].hint);
                fail();
            }
        }
}

static void lookups(void **state)
{
    (void)state;
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_SPACE, 0), UI_PLAY);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_RIGHT, 0), UI_STEP_FWD);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_RIGHT, KMOD_LSHIFT), UI_STEP_FWD10);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_RIGHT, KMOD_RCTRL), UI_NONE);
    /* A presenter's clicker sends PageDown / PageUp; presentation software blanks on B or '.'. */
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_PAGEDOWN, 0), UI_NOTE_NEXT);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_PAGEUP, 0), UI_NOTE_PREV);
    assert_int_equal(keymap_lookup(KC_QUIZ, SDLK_PAGEDOWN, 0), UI_QUIZ_GO);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_b, 0), UI_BLANK);
    assert_int_equal(keymap_lookup(KC_QUIZ, SDLK_b, 0), UI_BLANK);
    assert_int_equal(keymap_lookup(KC_MICRO, SDLK_PERIOD, 0), UI_BLANK);
    /* In the picker PageDown pages, and only the picker's keys work. */
    assert_int_equal(keymap_lookup(KC_PICKER, SDLK_PAGEDOWN, 0), UI_PICK_PAGE_DOWN);
    assert_int_equal(keymap_lookup(KC_PICKER, SDLK_b, 0), UI_NONE);
    assert_int_equal(keymap_lookup(KC_PICKER, SDLK_l, 0), UI_PICK_CLOSE);
    /* '+' with or without Shift is faster; with Ctrl it is bigger text. */
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_EQUALS, 0), UI_FASTER);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_EQUALS, KMOD_LSHIFT), UI_FASTER);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_EQUALS, KMOD_LCTRL), UI_ZOOM_IN);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_EQUALS, KMOD_LCTRL | KMOD_LSHIFT), UI_ZOOM_IN);
    assert_int_equal(keymap_lookup(KC_QUIZ, SDLK_MINUS, KMOD_LGUI), UI_ZOOM_OUT);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_SLASH, KMOD_LSHIFT), UI_HELP);
    /* Digits pick answers in a question, speeds otherwise. */
    assert_int_equal(keymap_lookup(KC_QUIZ, SDLK_2, 0), UI_ANSWER2);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_2, 0), UI_SPEED_NORMAL);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_a, 0), UI_AUTOSTOP);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_e, 0), UI_EVENTS);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_r, 0), UI_RESET_ALL);
    assert_int_equal(keymap_lookup(KC_PLAY, SDLK_s, KMOD_LCTRL), UI_SAVE);
    assert_int_equal(keymap_lookup(KC_MICRO, SDLK_RIGHT, 0), UI_MICRO_NEXT);
    assert_int_equal(keymap_lookup(KC_MICRO, SDLK_l, 0), UI_NONE);
}

static void hints_help_and_names(void **state)
{
    (void)state;
    int n;
    const KeyBinding *t = keymap_table(&n);
    assert_non_null(t[0].help);   /* the first row of the help starts with a line of its own */
    for (int i = 0; i < n; i++) {
        assert_true(t[i].hint && *t[i].hint);
        assert_true(t[i].help == NULL || *t[i].help);
        /* An alias sits right under a binding of the same action. */
        if (!t[i].help) assert_int_equal(t[i - 1].act, t[i].act);
    }
    for (int a = UI_NONE + 1; a < UI__COUNT; a++) {
        assert_true(*keymap_action_name((UiAction)a));
        const KeyBinding *b = keymap_first((UiAction)a);
        if (!b) print_error("action %s has no key\n", keymap_action_name((UiAction)a));
        assert_non_null(b);
    }
    assert_string_equal(keymap_first(UI_NOTE_NEXT)->hint, "PgDn");
    assert_string_equal(keymap_first(UI_PLAY)->hint, "Space");
    for (int g = 0; g < KG__COUNT; g++) assert_true(*keymap_group_title((KeyGroup)g));
}

static void parse(const char *s, SDL_Keycode want, unsigned want_mod)
{
    SDL_Keycode k = 0;
    unsigned m = 99;
    size_t bad = 99;
    assert_int_equal(keymap_parse_key(s, strlen(s), &k, &m, &bad), 0);
    assert_int_equal(k, want);
    assert_int_equal(m, want_mod);
}

static void parse_bad(const char *s, size_t want_bad)
{
    SDL_Keycode k;
    unsigned m;
    size_t bad = 99;
    assert_int_equal(keymap_parse_key(s, strlen(s), &k, &m, &bad), -1);
    assert_int_equal(bad, want_bad);
}

static void script_key_names(void **state)
{
    (void)state;
    parse("Space", SDLK_SPACE, 0);
    parse("space", SDLK_SPACE, 0);
    parse("PageDown", SDLK_PAGEDOWN, 0);
    parse("shift+Right", SDLK_RIGHT, KMOD_LSHIFT);
    parse("ctrl+plus", SDLK_PLUS, KMOD_LCTRL);
    parse("ctrl++", SDLK_PLUS, KMOD_LCTRL);
    parse("+", SDLK_PLUS, 0);
    parse("Ctrl+Shift+tab", SDLK_TAB, KMOD_LCTRL | KMOD_LSHIFT);
    parse("a", SDLK_a, 0);
    parse("A", SDLK_a, 0);
    parse("?", SDLK_QUESTION, 0);
    parse("]", SDLK_RIGHTBRACKET, 0);
    parse_bad("Spcae", 0);
    parse_bad("shft+a", 0);
    parse_bad("shift+Nope", 6);
    parse_bad("shift+", 6);
    parse_bad("", 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_key_means_two_things),
        cmocka_unit_test(lookups),
        cmocka_unit_test(hints_help_and_names),
        cmocka_unit_test(script_key_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
