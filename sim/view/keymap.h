/* keymap.h - every key of the window in one table: which key (with which
 * modifiers) does what in which mode, the hint a control shows for it and
 * the line the help overlay prints.
 *
 * The key handler, the help overlay (?) and the control bar (controls.h)
 * all read this table, so a key shown on a button is the key that works,
 * and a key that works is in the help. The window turns an action into
 * what it does (one switch); nothing else decides what a key means.
 *
 * A key is looked up in the mode the window is in (the lesson picker, an
 * open class question, inside a tick, or plain playback), then among the
 * keys that work in every mode. Modifiers must match: Shift + Right is not
 * Right; a binding marked KM_ANY_SHIFT also takes the key with Shift (on
 * most layouts '+' and '?' need it). Ctrl stands for Ctrl or Cmd.
 *
 * Also key names for scripted input (script.h): "Space", "PageDown",
 * "shift+Right", "ctrl+plus", "a", "?". No SDL call is made here, so the
 * table can be read and tested without a display.
 */
#ifndef HW_VIEW_KEYMAP_H
#define HW_VIEW_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL_keycode.h>

/* What an input asks the window to do. The control bar's buttons are actions too. */
typedef enum {
    UI_NONE,
    /* playing */
    UI_PLAY,            /* play / pause */
    UI_STEP_FWD,        /* one step forward (an event, or a tick without events) */
    UI_STEP_BACK,
    UI_STEP_FWD10,      /* ten ticks */
    UI_STEP_BACK10,
    UI_NOTE_NEXT,       /* the next narration note (a presenter's clicker sends PageDown) */
    UI_NOTE_PREV,
    UI_FASTER,
    UI_SLOWER,
    UI_SPEED_SLOW,
    UI_SPEED_NORMAL,
    UI_SPEED_FAST,
    UI_RESTART,         /* tick 0 and play */
    UI_END,             /* the last tick */
    UI_RESET_ALL,       /* tick 0, paused, every live change undone */
    UI_AUTOSTOP,        /* stop at each note: on / off */
    UI_EVENTS,          /* the events panel: shown / collapsed */
    UI_CODE,
    UI_VERBOSE,
    UI_LESSONS,
    UI_HELP,
    UI_BLANK,           /* blank the screen, as presentation software does */
    UI_FULLSCREEN,
    UI_PROJECTOR,
    UI_ZOOM_IN,
    UI_ZOOM_OUT,
    UI_ZOOM_RESET,
    UI_SHOT,
    UI_QUIT,
    UI_BACK,            /* Esc: done changing, else quit */
    /* exploring */
    UI_SELECT_NEXT,
    UI_SELECT_PREV,
    UI_VALUE_UP,
    UI_VALUE_DOWN,
    UI_NEXT_PARAM,
    UI_RESET_VALUE,
    UI_RESET_VALUES,
    UI_SAVE,
    UI_CLASS,
    UI_MICRO,
    UI_ARRANGE,
    /* an open class question */
    UI_ANSWER1,
    UI_ANSWER2,
    UI_ANSWER3,
    UI_ANSWER4,
    UI_QUIZ_GO,         /* reveal the answer, then go on */
    UI_QUIZ_DISMISS,
    /* inside a tick */
    UI_MICRO_NEXT,
    UI_MICRO_PREV,
    UI_MICRO_NEXT10,
    UI_MICRO_PREV10,
    UI_MICRO_FIRST,
    UI_MICRO_LAST,
    UI_MICRO_CLOSE,
    /* the lesson picker */
    UI_PICK_UP,
    UI_PICK_DOWN,
    UI_PICK_PAGE_UP,
    UI_PICK_PAGE_DOWN,
    UI_PICK_FIRST,
    UI_PICK_LAST,
    UI_PICK_OPEN,
    UI_PICK_CLOSE,
    UI__COUNT
} UiAction;

/* The window's modes, for looking a key up. */
typedef enum {
    KC_ANY,             /* works in every mode except the picker */
    KC_PLAY,            /* plain playback and exploring */
    KC_QUIZ,            /* a class question is open */
    KC_MICRO,           /* inside a tick */
    KC_PICKER,          /* the lesson picker is open (it takes every key) */
    KC__COUNT
} KeyContext;

enum { KM_NONE = 0, KM_SHIFT = 1, KM_CTRL = 2, KM_ANY_SHIFT = 4 };

/* The help overlay's columns. */
typedef enum { KG_PLAY, KG_PRESENT, KG_EXPLORE, KG_CLASS, KG_MICRO, KG_PICKER, KG__COUNT } KeyGroup;

typedef struct {
    KeyContext ctx;
    SDL_Keycode key;
    int mod;            /* KM_* */
    UiAction act;
    const char *hint;   /* the key as a button shows it: "Space", "→", "PgDn" */
    const char *help;   /* the help line, or NULL: an alias of the binding above it */
    KeyGroup group;
} KeyBinding;

/* The table, in the help overlay's order. */
const KeyBinding *keymap_table(int *n);

/* The action of key + modifiers (SDL KMOD_* bits) in mode ctx, or UI_NONE.
 * Picker: only its own keys. Otherwise the mode's keys, then KC_ANY's. */
UiAction keymap_lookup(KeyContext ctx, SDL_Keycode key, unsigned sdl_mod);

/* The first binding of an action (its hint is what a control shows), or NULL. */
const KeyBinding *keymap_first(UiAction act);

/* The action's name ("play", "note-next"), for the probe and tests; "" for UI_NONE. */
const char *keymap_action_name(UiAction act);

/* The help overlay's title of a group ("PLAYING"). */
const char *keymap_group_title(KeyGroup g);

/* A key name as scripts write it ("Space", "shift+Right", "ctrl+plus", "a")
 * into key and mods (KMOD_* bits). Names are case-insensitive; a single
 * printable character stands for its own key. Returns 0, or -1 with *bad
 * set to the offset of the unknown part in name. */
int keymap_parse_key(const char *name, size_t len, SDL_Keycode *key, unsigned *mods, size_t *bad);

#endif
