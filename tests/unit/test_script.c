/* test_script.c - scripted input (sim/view/script.h): every step kind, the
 * script's own clock (waits, a shot ending its frame), the SDL events each
 * input becomes, and the file:line:col of each kind of mistake. script.c
 * and keymap.c make no SDL call; they are compiled in here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "view/keymap.c"
#include "view/pointer.c"
#include "view/script.c"

static Script s;

static void load(const char *text)
{
    char err[400] = "";
    int rc = script_parse(&s, "t.script", text, strlen(text), err, sizeof err);
    if (rc) print_error("%s\n", err);
    assert_int_equal(rc, 0);
}

static void every_step(void **state)
{
    (void)state;
    load("# a demo\n"
         "\n"
         "key Space\n"
         "  key shift+Right   \n"
         "click 10 20\n"
         "tap 30 40\n"
         "move 5 6\n"
         "drag 0 0 100 0\n"
         "wheel -3 7 8\n"
         "wait 250\n"
         "wait 2s\n"
         "wait 40ms\n"
         "shot after-play.v2\r\n");
    assert_int_equal(s.n, 11);
    assert_int_equal(s.step[0].op, SCR_KEY);
    assert_int_equal(s.step[0].key, SDLK_SPACE);
    assert_int_equal(s.step[0].line, 3);
    assert_int_equal(s.step[1].mod, KMOD_LSHIFT);
    assert_int_equal(s.step[1].col, 7);
    assert_int_equal(s.step[2].op, SCR_CLICK);
    assert_int_equal(s.step[2].x, 10);
    assert_int_equal(s.step[2].y, 20);
    assert_int_equal(s.step[3].op, SCR_TAP);
    assert_int_equal(s.step[5].x2, 100);
    assert_int_equal(s.step[6].n, -3);
    assert_int_equal(s.step[7].n, 250);
    assert_int_equal(s.step[8].n, 2000);
    assert_int_equal(s.step[9].n, 40);
    assert_string_equal(s.step[10].name, "after-play.v2");
    assert_int_equal(script_duration_ms(&s), 2290);
    script_free(&s);
}

static void clock_and_shots(void **state)
{
    (void)state;
    load("key a\nshot one\nkey b\nwait 100\nkey c\nshot two\nshot three\nwait 50\n");
    ScriptPlayer p;
    script_start(&p, &s);
    /* Frame at 0 ms: a, then the shot ends the frame's steps. */
    const ScriptStep *st = script_next(&p, 0);
    assert_int_equal(st->key, SDLK_a);
    st = script_next(&p, 0);
    assert_int_equal(st->op, SCR_SHOT);
    assert_null(script_next(&p, 0));
    script_frame_done(&p);
    /* Next frame: b, then the wait. */
    st = script_next(&p, 16);
    assert_int_equal(st->key, SDLK_b);
    assert_null(script_next(&p, 16));
    script_frame_done(&p);
    assert_null(script_next(&p, 99));
    script_frame_done(&p);
    st = script_next(&p, 100);
    assert_int_equal(st->key, SDLK_c);
    assert_string_equal(script_next(&p, 100)->name, "two");
    assert_null(script_next(&p, 100));
    assert_false(script_finished(&p, 100));
    script_frame_done(&p);
    assert_string_equal(script_next(&p, 116)->name, "three");
    script_frame_done(&p);
    /* The last wait is still to pass. */
    assert_null(script_next(&p, 132));
    assert_false(script_finished(&p, 132));
    assert_null(script_next(&p, 150));
    assert_true(script_finished(&p, 150));
    script_free(&s);
}

static void events(void **state)
{
    (void)state;
    load("key ctrl+plus\nclick 100 50\ntap 639 359\ndrag 0 10 80 10\nwheel 2 5 5\n");
    SDL_Event ev[SCRIPT_MAX_EVENTS];
    int n = script_events(&s.step[0], 7, 1280, 720, 1280, 720, ev, SCRIPT_MAX_EVENTS);
    assert_int_equal(n, 2);
    assert_int_equal(ev[0].type, SDL_KEYDOWN);
    assert_int_equal(ev[0].key.keysym.sym, SDLK_PLUS);
    assert_int_equal(ev[0].key.keysym.mod, KMOD_LCTRL);
    assert_int_equal(ev[0].key.windowID, 7);
    assert_int_equal(ev[1].type, SDL_KEYUP);
    /* A click on a high-DPI window: frame pixels become window coordinates. */
    n = script_events(&s.step[1], 7, 640, 360, 1280, 720, ev, SCRIPT_MAX_EVENTS);
    assert_int_equal(n, 3);
    assert_int_equal(ev[0].type, SDL_MOUSEMOTION);
    assert_int_equal(ev[1].type, SDL_MOUSEBUTTONDOWN);
    assert_int_equal(ev[1].button.button, SDL_BUTTON_LEFT);
    assert_int_equal(ev[1].button.x, 50);
    assert_int_equal(ev[1].button.y, 25);
    assert_int_equal(ev[2].type, SDL_MOUSEBUTTONUP);
    /* A finger: 0..1 of the window, the pixel's centre. */
    n = script_events(&s.step[2], 7, 1280, 720, 1280, 720, ev, SCRIPT_MAX_EVENTS);
    assert_int_equal(n, 2);
    assert_int_equal(ev[0].type, SDL_FINGERDOWN);
    assert_true(ev[0].tfinger.x > 0.4996f && ev[0].tfinger.x < 0.5f);
    assert_true(ev[0].tfinger.touchId != SDL_MOUSE_TOUCHID);
    assert_int_equal(ev[1].type, SDL_FINGERUP);
    n = script_events(&s.step[3], 7, 1280, 720, 1280, 720, ev, SCRIPT_MAX_EVENTS);
    assert_int_equal(n, 11);
    assert_int_equal(ev[1].type, SDL_MOUSEBUTTONDOWN);
    assert_int_equal(ev[9].motion.x, 80);
    assert_true(ev[9].motion.state & SDL_BUTTON_LMASK);
    assert_int_equal(ev[10].type, SDL_MOUSEBUTTONUP);
    n = script_events(&s.step[4], 7, 1280, 720, 1280, 720, ev, SCRIPT_MAX_EVENTS);
    assert_int_equal(n, 2);
    assert_int_equal(ev[1].type, SDL_MOUSEWHEEL);
    assert_int_equal(ev[1].wheel.y, 2);
    assert_int_equal(ev[1].wheel.mouseX, 5);
    char err[200];
    assert_int_equal(script_check_frame(&s, 1280, 720, err, sizeof err), 0);
    assert_int_equal(script_check_frame(&s, 600, 400, err, sizeof err), -1);
    assert_string_equal(err, "t.script:3:5: the position is outside the 600x400 frame");
    script_free(&s);
}

/* What a script clicks or taps is where the window's pointer lands (pointer.h). */
static void events_land_where_scripted(void **state)
{
    (void)state;
    load("click 100 50\ntap 639 359\ntap 0 0\nmove 1279 719\n");
    SDL_Event ev[SCRIPT_MAX_EVENTS];
    int win[][2] = {{1280, 720}, {640, 360}};
    for (int k = 0; k < 2; k++) {
        int n = script_events(&s.step[0], 1, win[k][0], win[k][1], 1280, 720, ev, SCRIPT_MAX_EVENTS);
        Pointer p = pointer_from_event(&ev[1], win[k][0], win[k][1], 1280, 720);
        assert_int_equal(n, 3);
        assert_int_equal(p.kind, PTR_DOWN);
        assert_int_equal(p.x, 100);
        assert_int_equal(p.y, 50);
        assert_false(p.touch);
        p = pointer_from_event(&ev[2], win[k][0], win[k][1], 1280, 720);
        assert_int_equal(p.kind, PTR_UP);
        for (int i = 1; i <= 3; i++) {
            script_events(&s.step[i], 1, win[k][0], win[k][1], 1280, 720, ev, SCRIPT_MAX_EVENTS);
            p = pointer_from_event(&ev[0], win[k][0], win[k][1], 1280, 720);
            /* A mouse on a high-DPI window moves in whole window units: two pixels here. */
            int tol = s.step[i].op == SCR_TAP ? 0 : 1280 / win[k][0] - 1;
            assert_true(abs(p.x - s.step[i].x) <= tol);
            assert_true(abs(p.y - s.step[i].y) <= tol);
            assert_int_equal(p.touch, s.step[i].op == SCR_TAP);
            assert_int_equal(p.kind, s.step[i].op == SCR_TAP ? PTR_DOWN : PTR_MOVE);
        }
    }
    /* SDL's mouse copy of a touch, and its touch copy of a mouse click, act not at all. */
    SDL_Event copy;
    memset(&copy, 0, sizeof copy);
    copy.button.type = SDL_MOUSEBUTTONDOWN;
    copy.button.which = SDL_TOUCH_MOUSEID;
    copy.button.button = SDL_BUTTON_LEFT;
    assert_int_equal(pointer_from_event(&copy, 10, 10, 10, 10).kind, PTR_NONE);
    memset(&copy, 0, sizeof copy);
    copy.tfinger.type = SDL_FINGERDOWN;
    copy.tfinger.touchId = SDL_MOUSE_TOUCHID;
    assert_int_equal(pointer_from_event(&copy, 10, 10, 10, 10).kind, PTR_NONE);
    script_free(&s);
}

static void expect_error(const char *text, const char *want)
{
    char err[400] = "";
    assert_int_equal(script_parse(&s, "t.script", text, strlen(text), err, sizeof err), -1);
    assert_string_equal(err, want);
    assert_int_equal(s.n, 0);
    assert_null(s.step);
}

static void errors_say_where(void **state)
{
    (void)state;
    expect_error("key Space\npress Space\n", "t.script:2:1: unknown step 'press' (key, click, tap, move, drag, wheel, wait or shot)");
    expect_error("key Spcae\n", "t.script:1:5: unknown key 'Spcae' (e.g. Space, Right, shift+Right, ctrl+plus, PageDown, a)");
    expect_error("  key shift+Nope\n", "t.script:1:13: unknown key 'shift+Nope' (e.g. Space, Right, shift+Right, ctrl+plus, PageDown, a)");
    expect_error("click 10\n", "t.script:1:9: missing argument: click X Y");
    expect_error("click 10 20 30\n", "t.script:1:13: too many arguments: click X Y");
    expect_error("click 10 -5\n", "t.script:1:10: '-5' is not a pixel position (a whole number from 0)");
    expect_error("click 1e3 5\n", "t.script:1:7: '1e3' is not a pixel position (a whole number from 0)");
    expect_error("wait soon\n", "t.script:1:6: 'soon' is not a wait in milliseconds (0 to 600000, or Ns)");
    expect_error("wait 601s\n", "t.script:1:6: '601s' is not a wait in milliseconds (0 to 600000, or Ns)");
    expect_error("wheel 0 1 1\n", "t.script:1:7: '0' is not a number of wheel steps (-100..100, not 0)");
    expect_error("shot ../x\n", "t.script:1:6: '../x' is not a shot name (letters, digits, '-', '_', '.'; up to 63)");
    expect_error("shot a\nwait 1\nshot a\n", "t.script:3:6: shot 'a' again (line 1 saves it already)");
    expect_error("key\n", "t.script:1:4: missing argument: key NAME");
    const char nul[] = "key a\0\n";
    char err[200];
    assert_int_equal(script_parse(&s, "t.script", nul, sizeof nul - 1, err, sizeof err), -1);
    assert_string_equal(err, "t.script:1:6: a NUL byte: is this a text file?");
    assert_int_equal(script_load(&s, "/nonexistent/x.script", err, sizeof err), -1);
    assert_string_equal(err, "/nonexistent/x.script: cannot read: No such file or directory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_step),
        cmocka_unit_test(clock_and_shots),
        cmocka_unit_test(events),
        cmocka_unit_test(events_land_where_scripted),
        cmocka_unit_test(errors_say_where),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
