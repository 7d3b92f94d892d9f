/* keymap.c - the window's keys, in one table (see keymap.h). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "view/keymap.h"

#define ANY_SHIFT KM_ANY_SHIFT

/* In the help overlay's order: a binding with help text starts a row, the
 * aliases right below it (help NULL) add their keys to that row. */
static const KeyBinding table[] = {
    /* playing */
    {KC_PLAY, SDLK_SPACE, KM_NONE, UI_PLAY, "Space", "play / pause", KG_PLAY},
    {KC_PLAY, SDLK_RIGHT, KM_NONE, UI_STEP_FWD, "→", "one step forward", KG_PLAY},
    {KC_PLAY, SDLK_LEFT, KM_NONE, UI_STEP_BACK, "←", "one step back", KG_PLAY},
    {KC_PLAY, SDLK_RIGHT, KM_SHIFT, UI_STEP_FWD10, "Shift →", "ten ticks forward", KG_PLAY},
    {KC_PLAY, SDLK_LEFT, KM_SHIFT, UI_STEP_BACK10, "Shift ←", "ten ticks back", KG_PLAY},
    {KC_PLAY, SDLK_PAGEDOWN, KM_NONE, UI_NOTE_NEXT, "PgDn", "next note (clicker)", KG_PLAY},
    {KC_PLAY, SDLK_RIGHTBRACKET, KM_NONE, UI_NOTE_NEXT, "]", NULL, KG_PLAY},
    {KC_PLAY, SDLK_PAGEUP, KM_NONE, UI_NOTE_PREV, "PgUp", "previous note", KG_PLAY},
    {KC_PLAY, SDLK_LEFTBRACKET, KM_NONE, UI_NOTE_PREV, "[", NULL, KG_PLAY},
    {KC_PLAY, SDLK_a, KM_NONE, UI_AUTOSTOP, "A", "stop at each note: on / off", KG_PLAY},
    {KC_PLAY, SDLK_1, KM_NONE, UI_SPEED_SLOW, "1", "slow", KG_PLAY},
    {KC_PLAY, SDLK_2, KM_NONE, UI_SPEED_NORMAL, "2", "normal speed", KG_PLAY},
    {KC_PLAY, SDLK_3, KM_NONE, UI_SPEED_FAST, "3", "fast", KG_PLAY},
    {KC_PLAY, SDLK_EQUALS, ANY_SHIFT, UI_FASTER, "+", "faster", KG_PLAY},
    {KC_PLAY, SDLK_PLUS, ANY_SHIFT, UI_FASTER, "+", NULL, KG_PLAY},
    {KC_PLAY, SDLK_KP_PLUS, ANY_SHIFT, UI_FASTER, "+", NULL, KG_PLAY},
    {KC_PLAY, SDLK_MINUS, ANY_SHIFT, UI_SLOWER, "-", "slower", KG_PLAY},
    {KC_PLAY, SDLK_KP_MINUS, ANY_SHIFT, UI_SLOWER, "-", NULL, KG_PLAY},
    {KC_PLAY, SDLK_HOME, KM_NONE, UI_RESTART, "Home", "tick 0 and play", KG_PLAY},
    {KC_PLAY, SDLK_END, KM_NONE, UI_END, "End", "the last tick", KG_PLAY},
    {KC_PLAY, SDLK_r, KM_NONE, UI_RESET_ALL, "R", "reset: tick 0, every change undone", KG_PLAY},
    {KC_PLAY, SDLK_e, KM_NONE, UI_EVENTS, "E", "events panel: show / hide", KG_PLAY},
    {KC_PLAY, SDLK_c, KM_NONE, UI_CODE, "C", "code panel: show / hide", KG_PLAY},
    {KC_PLAY, SDLK_v, KM_NONE, UI_VERBOSE, "V", "all events / key events", KG_PLAY},

    /* presenting: these work in every mode but the picker */
    {KC_ANY, SDLK_b, KM_NONE, UI_BLANK, "B", "blank the screen", KG_PRESENT},
    {KC_ANY, SDLK_PERIOD, KM_NONE, UI_BLANK, ".", NULL, KG_PRESENT},
    {KC_ANY, SDLK_f, KM_NONE, UI_FULLSCREEN, "F", "full screen", KG_PRESENT},
    {KC_ANY, SDLK_p, KM_NONE, UI_PROJECTOR, "P", "projector colours", KG_PRESENT},
    {KC_ANY, SDLK_EQUALS, KM_CTRL | ANY_SHIFT, UI_ZOOM_IN, "Ctrl +", "bigger text", KG_PRESENT},
    {KC_ANY, SDLK_PLUS, KM_CTRL | ANY_SHIFT, UI_ZOOM_IN, "Ctrl +", NULL, KG_PRESENT},
    {KC_ANY, SDLK_KP_PLUS, KM_CTRL | ANY_SHIFT, UI_ZOOM_IN, "Ctrl +", NULL, KG_PRESENT},
    {KC_ANY, SDLK_MINUS, KM_CTRL | ANY_SHIFT, UI_ZOOM_OUT, "Ctrl -", "smaller text", KG_PRESENT},
    {KC_ANY, SDLK_KP_MINUS, KM_CTRL | ANY_SHIFT, UI_ZOOM_OUT, "Ctrl -", NULL, KG_PRESENT},
    {KC_ANY, SDLK_0, KM_CTRL, UI_ZOOM_RESET, "Ctrl 0", "text size as designed", KG_PRESENT},
    {KC_ANY, SDLK_KP_0, KM_CTRL, UI_ZOOM_RESET, "Ctrl 0", NULL, KG_PRESENT},
    {KC_PLAY, SDLK_l, KM_NONE, UI_LESSONS, "L", "lessons", KG_PRESENT},
    {KC_ANY, SDLK_SLASH, ANY_SHIFT, UI_HELP, "?", "this help", KG_PRESENT},
    {KC_ANY, SDLK_QUESTION, ANY_SHIFT, UI_HELP, "?", NULL, KG_PRESENT},
    {KC_ANY, SDLK_h, KM_NONE, UI_HELP, "H", NULL, KG_PRESENT},
    {KC_ANY, SDLK_F1, KM_NONE, UI_HELP, "F1", NULL, KG_PRESENT},
    {KC_ANY, SDLK_s, KM_NONE, UI_SHOT, "S", "save a screenshot (PNG)", KG_PRESENT},
    {KC_PLAY, SDLK_ESCAPE, KM_NONE, UI_BACK, "Esc", "done changing, else quit", KG_PRESENT},
    {KC_PLAY, SDLK_q, KM_NONE, UI_QUIT, "Q", "quit", KG_PRESENT},
    {KC_ANY, SDLK_q, KM_CTRL, UI_QUIT, "Ctrl Q", NULL, KG_PRESENT},
    {KC_ANY, SDLK_w, KM_CTRL, UI_QUIT, "Ctrl W", NULL, KG_PRESENT},

    /* exploring */
    {KC_PLAY, SDLK_TAB, KM_NONE, UI_SELECT_NEXT, "Tab", "select a stream (the next)", KG_EXPLORE},
    {KC_PLAY, SDLK_TAB, KM_SHIFT, UI_SELECT_PREV, "Shift Tab", "the previous stream", KG_EXPLORE},
    {KC_PLAY, SDLK_UP, KM_NONE, UI_VALUE_UP, "↑", "its value ×2, re-run", KG_EXPLORE},
    {KC_PLAY, SDLK_DOWN, KM_NONE, UI_VALUE_DOWN, "↓", "its value ÷2, re-run", KG_EXPLORE},
    {KC_PLAY, SDLK_m, KM_NONE, UI_NEXT_PARAM, "M", "change hwm / rate / chunk", KG_EXPLORE},
    {KC_PLAY, SDLK_BACKSPACE, KM_NONE, UI_RESET_VALUE, "Bksp", "back to the file's value", KG_EXPLORE},
    {KC_PLAY, SDLK_DELETE, KM_NONE, UI_RESET_VALUE, "Del", NULL, KG_EXPLORE},
    {KC_PLAY, SDLK_BACKSPACE, KM_SHIFT, UI_RESET_VALUES, "Shift Bksp", "all values back to the file's", KG_EXPLORE},
    {KC_PLAY, SDLK_DELETE, KM_SHIFT, UI_RESET_VALUES, "Shift Del", NULL, KG_EXPLORE},
    {KC_PLAY, SDLK_w, KM_NONE, UI_SAVE, "W", "save the changes (YAML)", KG_EXPLORE},
    {KC_ANY, SDLK_s, KM_CTRL, UI_SAVE, "Ctrl S", NULL, KG_EXPLORE},
    {KC_ANY, SDLK_k, KM_NONE, UI_CLASS, "K", "class mode: ask questions", KG_EXPLORE},
    {KC_PLAY, SDLK_i, KM_NONE, UI_MICRO, "I", "inside a tick, event by event", KG_EXPLORE},
    {KC_PLAY, SDLK_x, KM_NONE, UI_ARRANGE, "X", "compare: stacked / side", KG_EXPLORE},

    /* an open class question */
    {KC_QUIZ, SDLK_1, KM_NONE, UI_ANSWER1, "1", "answer 1", KG_CLASS},
    {KC_QUIZ, SDLK_KP_1, KM_NONE, UI_ANSWER1, "1", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_2, KM_NONE, UI_ANSWER2, "2", "answer 2", KG_CLASS},
    {KC_QUIZ, SDLK_KP_2, KM_NONE, UI_ANSWER2, "2", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_3, KM_NONE, UI_ANSWER3, "3", "answer 3", KG_CLASS},
    {KC_QUIZ, SDLK_KP_3, KM_NONE, UI_ANSWER3, "3", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_4, KM_NONE, UI_ANSWER4, "4", "answer 4", KG_CLASS},
    {KC_QUIZ, SDLK_KP_4, KM_NONE, UI_ANSWER4, "4", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_SPACE, KM_NONE, UI_QUIZ_GO, "Space", "reveal, then go on", KG_CLASS},
    {KC_QUIZ, SDLK_RETURN, KM_NONE, UI_QUIZ_GO, "Enter", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_KP_ENTER, KM_NONE, UI_QUIZ_GO, "Enter", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_RIGHT, KM_NONE, UI_QUIZ_GO, "→", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_PAGEDOWN, KM_NONE, UI_QUIZ_GO, "PgDn", NULL, KG_CLASS},
    {KC_QUIZ, SDLK_ESCAPE, KM_NONE, UI_QUIZ_DISMISS, "Esc", "skip the question", KG_CLASS},

    /* inside a tick */
    {KC_MICRO, SDLK_RIGHT, KM_NONE, UI_MICRO_NEXT, "→", "the next event", KG_MICRO},
    {KC_MICRO, SDLK_DOWN, KM_NONE, UI_MICRO_NEXT, "↓", NULL, KG_MICRO},
    {KC_MICRO, SDLK_SPACE, KM_NONE, UI_MICRO_NEXT, "Space", NULL, KG_MICRO},
    {KC_MICRO, SDLK_PAGEDOWN, KM_NONE, UI_MICRO_NEXT, "PgDn", NULL, KG_MICRO},
    {KC_MICRO, SDLK_LEFT, KM_NONE, UI_MICRO_PREV, "←", "the previous event", KG_MICRO},
    {KC_MICRO, SDLK_UP, KM_NONE, UI_MICRO_PREV, "↑", NULL, KG_MICRO},
    {KC_MICRO, SDLK_PAGEUP, KM_NONE, UI_MICRO_PREV, "PgUp", NULL, KG_MICRO},
    {KC_MICRO, SDLK_RIGHT, KM_SHIFT, UI_MICRO_NEXT10, "Shift →", "ten events forward", KG_MICRO},
    {KC_MICRO, SDLK_DOWN, KM_SHIFT, UI_MICRO_NEXT10, "Shift ↓", NULL, KG_MICRO},
    {KC_MICRO, SDLK_SPACE, KM_SHIFT, UI_MICRO_NEXT10, "Shift Space", NULL, KG_MICRO},
    {KC_MICRO, SDLK_LEFT, KM_SHIFT, UI_MICRO_PREV10, "Shift ←", "ten events back", KG_MICRO},
    {KC_MICRO, SDLK_UP, KM_SHIFT, UI_MICRO_PREV10, "Shift ↑", NULL, KG_MICRO},
    {KC_MICRO, SDLK_HOME, KM_NONE, UI_MICRO_FIRST, "Home", "before the first event", KG_MICRO},
    {KC_MICRO, SDLK_END, KM_NONE, UI_MICRO_LAST, "End", "after the last event", KG_MICRO},
    {KC_MICRO, SDLK_i, KM_NONE, UI_MICRO_CLOSE, "I", "back to playing", KG_MICRO},
    {KC_MICRO, SDLK_ESCAPE, KM_NONE, UI_MICRO_CLOSE, "Esc", NULL, KG_MICRO},

    /* the lesson picker */
    {KC_PICKER, SDLK_UP, KM_NONE, UI_PICK_UP, "↑", "the lesson above", KG_PICKER},
    {KC_PICKER, SDLK_DOWN, KM_NONE, UI_PICK_DOWN, "↓", "the lesson below", KG_PICKER},
    {KC_PICKER, SDLK_PAGEUP, KM_NONE, UI_PICK_PAGE_UP, "PgUp", "a page up", KG_PICKER},
    {KC_PICKER, SDLK_PAGEDOWN, KM_NONE, UI_PICK_PAGE_DOWN, "PgDn", "a page down", KG_PICKER},
    {KC_PICKER, SDLK_HOME, KM_NONE, UI_PICK_FIRST, "Home", "the first lesson", KG_PICKER},
    {KC_PICKER, SDLK_END, KM_NONE, UI_PICK_LAST, "End", "the last lesson", KG_PICKER},
    {KC_PICKER, SDLK_RETURN, KM_NONE, UI_PICK_OPEN, "Enter", "open it", KG_PICKER},
    {KC_PICKER, SDLK_KP_ENTER, KM_NONE, UI_PICK_OPEN, "Enter", NULL, KG_PICKER},
    {KC_PICKER, SDLK_ESCAPE, KM_NONE, UI_PICK_CLOSE, "Esc", "close the list", KG_PICKER},
    {KC_PICKER, SDLK_l, KM_NONE, UI_PICK_CLOSE, "L", NULL, KG_PICKER},
    {KC_PICKER, SDLK_q, KM_NONE, UI_PICK_CLOSE, "Q", NULL, KG_PICKER},
};

#define NTABLE ((int)(sizeof table / sizeof table[0]))

static const char *const action_names[UI__COUNT] = {
    [UI_NONE] = "",
    [UI_PLAY] = "play",
    [UI_STEP_FWD] = "step",
    [UI_STEP_BACK] = "back",
    [UI_STEP_FWD10] = "step10",
    [UI_STEP_BACK10] = "back10",
    [UI_NOTE_NEXT] = "note-next",
    [UI_NOTE_PREV] = "note-prev",
    [UI_FASTER] = "faster",
    [UI_SLOWER] = "slower",
    [UI_SPEED_SLOW] = "slow",
    [UI_SPEED_NORMAL] = "normal",
    [UI_SPEED_FAST] = "fast",
    [UI_RESTART] = "restart",
    [UI_END] = "end",
    [UI_RESET_ALL] = "reset",
    [UI_AUTOSTOP] = "autostop",
    [UI_EVENTS] = "events",
    [UI_CODE] = "code",
    [UI_VERBOSE] = "verbose",
    [UI_LESSONS] = "lessons",
    [UI_HELP] = "help",
    [UI_BLANK] = "blank",
    [UI_FULLSCREEN] = "fullscreen",
    [UI_PROJECTOR] = "projector",
    [UI_ZOOM_IN] = "zoom-in",
    [UI_ZOOM_OUT] = "zoom-out",
    [UI_ZOOM_RESET] = "zoom-reset",
    [UI_SHOT] = "shot",
    [UI_QUIT] = "quit",
    [UI_BACK] = "escape",
    [UI_SELECT_NEXT] = "select-next",
    [UI_SELECT_PREV] = "select-prev",
    [UI_VALUE_UP] = "value-up",
    [UI_VALUE_DOWN] = "value-down",
    [UI_NEXT_PARAM] = "next-param",
    [UI_RESET_VALUE] = "reset-value",
    [UI_RESET_VALUES] = "reset-values",
    [UI_SAVE] = "save",
    [UI_CLASS] = "class",
    [UI_MICRO] = "micro",
    [UI_ARRANGE] = "arrange",
    [UI_ANSWER1] = "answer1",
    [UI_ANSWER2] = "answer2",
    [UI_ANSWER3] = "answer3",
    [UI_ANSWER4] = "answer4",
    [UI_QUIZ_GO] = "quiz-go",
    [UI_QUIZ_DISMISS] = "quiz-dismiss",
    [UI_MICRO_NEXT] = "micro-next",
    [UI_MICRO_PREV] = "micro-prev",
    [UI_MICRO_NEXT10] = "micro-next10",
    [UI_MICRO_PREV10] = "micro-prev10",
    [UI_MICRO_FIRST] = "micro-first",
    [UI_MICRO_LAST] = "micro-last",
    [UI_MICRO_CLOSE] = "micro-close",
    [UI_PICK_UP] = "pick-up",
    [UI_PICK_DOWN] = "pick-down",
    [UI_PICK_PAGE_UP] = "pick-page-up",
    [UI_PICK_PAGE_DOWN] = "pick-page-down",
    [UI_PICK_FIRST] = "pick-first",
    [UI_PICK_LAST] = "pick-last",
    [UI_PICK_OPEN] = "pick-open",
    [UI_PICK_CLOSE] = "pick-close",
};

static const char *const group_titles[KG__COUNT] = {
    [KG_PLAY] = "PLAYING",   [KG_PRESENT] = "PRESENTING",   [KG_EXPLORE] = "EXPLORING",
    [KG_CLASS] = "A CLASS QUESTION", [KG_MICRO] = "INSIDE A TICK", [KG_PICKER] = "LESSONS",
};

const KeyBinding *keymap_table(int *n)
{
    *n = NTABLE;
    return table;
}

static bool mods_match(int want, unsigned sdl_mod)
{
    bool ctrl = (sdl_mod & (KMOD_CTRL | KMOD_GUI)) != 0, shift = (sdl_mod & KMOD_SHIFT) != 0;
    if (ctrl != ((want & KM_CTRL) != 0)) return false;
    if (want & KM_ANY_SHIFT) return true;
    return shift == ((want & KM_SHIFT) != 0);
}

static UiAction find(KeyContext ctx, SDL_Keycode key, unsigned sdl_mod)
{
    for (int i = 0; i < NTABLE; i++)
        if (table[i].ctx == ctx && table[i].key == key && mods_match(table[i].mod, sdl_mod)) return table[i].act;
    return UI_NONE;
}

UiAction keymap_lookup(KeyContext ctx, SDL_Keycode key, unsigned sdl_mod)
{
    UiAction a = find(ctx, key, sdl_mod);
    if (a != UI_NONE || ctx == KC_PICKER || ctx == KC_ANY) return a;
    return find(KC_ANY, key, sdl_mod);
}

const KeyBinding *keymap_first(UiAction act)
{
    for (int i = 0; i < NTABLE; i++)
        if (table[i].act == act) return &table[i];
    return NULL;
}

const char *keymap_action_name(UiAction act)
{
    return act >= 0 && act < UI__COUNT && action_names[act] ? action_names[act] : "";
}

const char *keymap_group_title(KeyGroup g)
{
    return g >= 0 && g < KG__COUNT ? group_titles[g] : "";
}

/* ---- key names for scripts ---- */

static const struct {
    const char *name;
    SDL_Keycode key;
} key_names[] = {
    {"Space", SDLK_SPACE},       {"Return", SDLK_RETURN},     {"Enter", SDLK_RETURN},
    {"Escape", SDLK_ESCAPE},     {"Esc", SDLK_ESCAPE},        {"Tab", SDLK_TAB},
    {"Backspace", SDLK_BACKSPACE}, {"Delete", SDLK_DELETE},   {"Del", SDLK_DELETE},
    {"Left", SDLK_LEFT},         {"Right", SDLK_RIGHT},       {"Up", SDLK_UP},
    {"Down", SDLK_DOWN},         {"Home", SDLK_HOME},         {"End", SDLK_END},
    {"PageUp", SDLK_PAGEUP},     {"PageDown", SDLK_PAGEDOWN}, {"plus", SDLK_PLUS},
    {"minus", SDLK_MINUS},       {"equals", SDLK_EQUALS},     {"slash", SDLK_SLASH},
    {"question", SDLK_QUESTION}, {"period", SDLK_PERIOD},     {"KP_Enter", SDLK_KP_ENTER},
    {"KP_Plus", SDLK_KP_PLUS},   {"KP_Minus", SDLK_KP_MINUS}, {"F1", SDLK_F1},
    {"F11", SDLK_F11},
};

#define NNAMES ((int)(sizeof key_names / sizeof key_names[0]))

static int one_key(const char *s, size_t len, SDL_Keycode *key)
{
    if (len == 1 && isprint((unsigned char)s[0]) && s[0] != ' ') {
        /* SDL's keycode of a printable key is its lower-case character. */
        *key = (SDL_Keycode)tolower((unsigned char)s[0]);
        return 0;
    }
    for (int i = 0; i < NNAMES; i++)
        if (strlen(key_names[i].name) == len && !strncasecmp(key_names[i].name, s, len)) {
            *key = key_names[i].key;
            return 0;
        }
    return -1;
}

int keymap_parse_key(const char *name, size_t len, SDL_Keycode *key, unsigned *mods, size_t *bad)
{
    *mods = 0;
    size_t at = 0;
    for (;;) {
        /* A '+' right at the start or after another '+' is the plus key itself. */
        const char *plus = at + 1 < len ? memchr(name + at + 1, '+', len - at - 1) : NULL;
        if (!plus) break;
        size_t n = (size_t)(plus - (name + at));
        if (n == 5 && !strncasecmp(name + at, "shift", 5)) *mods |= KMOD_LSHIFT;
        else if ((n == 4 && !strncasecmp(name + at, "ctrl", 4)) || (n == 7 && !strncasecmp(name + at, "control", 7)))
            *mods |= KMOD_LCTRL;
        else if (n == 3 && !strncasecmp(name + at, "alt", 3)) *mods |= KMOD_LALT;
        else {
            *bad = at;
            return -1;
        }
        at += n + 1;
    }
    if (at >= len || one_key(name + at, len - at, key) != 0) {
        *bad = at;
        return -1;
    }
    return 0;
}
