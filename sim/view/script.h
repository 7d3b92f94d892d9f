/* script.h - scripted input for the window: a small text file of timed
 * inputs replayed as if a person gave them, for tests and demos
 * (`highwater view FILE --script INPUT`).
 *
 * One step a line; blank lines and lines starting with # are skipped:
 *
 *   key NAME            a key press: Space, Right, shift+Right, ctrl+plus, PageDown, a, ?
 *   click X Y           a left click at pixel (X, Y) of the frame
 *   tap X Y             the same with a finger (touch events)
 *   move X Y            the mouse moves there (hover)
 *   drag X0 Y0 X1 Y1    press at (X0, Y0), move to (X1, Y1), release
 *   wheel N X Y         N steps of the mouse wheel at (X, Y) (negative: toward the user)
 *   wait N              N milliseconds pass (also Nms, Ns)
 *   shot NAME           the frame on screen is saved as NAME.png
 *
 * Time: the script has its own clock, starting at 0 and moved only by
 * `wait`. A step runs in the first frame whose time has reached the
 * step's; the window, when scripted, runs its clock in fixed frames (60 per
 * second) so a replay draws the same frames every time. A shot ends its
 * frame's steps: the steps after it run in the next frame, after the shot
 * was taken of what the steps before it did.
 *
 * Every error is `file:line:col: what is wrong`, the column at the word
 * that is wrong. The parser makes no SDL call; script_events() builds SDL
 * events without pushing them anywhere.
 */
#ifndef HW_VIEW_SCRIPT_H
#define HW_VIEW_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#define SCRIPT_NAME_MAX 64
#define SCRIPT_MAX_STEPS 10000
#define SCRIPT_MAX_EVENTS 16   /* the most events one step stands for (a drag) */

typedef enum { SCR_KEY, SCR_CLICK, SCR_TAP, SCR_MOVE, SCR_DRAG, SCR_WHEEL, SCR_WAIT, SCR_SHOT } ScriptOp;

typedef struct {
    ScriptOp op;
    int line, col;          /* where it was written (col: its first argument) */
    SDL_Keycode key;        /* SCR_KEY */
    unsigned mod;           /* SCR_KEY: KMOD_* */
    int x, y, x2, y2;       /* pixels; x2, y2 for SCR_DRAG */
    int n;                  /* SCR_WAIT: milliseconds; SCR_WHEEL: steps */
    char name[SCRIPT_NAME_MAX]; /* SCR_SHOT */
} ScriptStep;

typedef struct {
    ScriptStep *step;       /* owned */
    int n;
    char file[1024];        /* as given, for messages */
} Script;

/* Reads and checks a script file. Returns 0, or -1 with err set (the
 * Script is then empty and needs no script_free). */
int script_load(Script *s, const char *path, char *err, size_t errlen);
/* The same from text in memory; file names it in messages. */
int script_parse(Script *s, const char *file, const char *text, size_t len, char *err, size_t errlen);
void script_free(Script *s);

/* Checks that every position lies inside a w x h frame. Returns 0, or -1
 * with err set to the first step outside. */
int script_check_frame(const Script *s, int w, int h, char *err, size_t errlen);

typedef struct {
    const Script *s;
    int pc;                 /* next step */
    int64_t at_ms;          /* script time the next step waits for */
    bool held;              /* a shot was handed out: the rest waits for the next frame */
} ScriptPlayer;

void script_start(ScriptPlayer *p, const Script *s);
/* The next step due at clock time now_ms (waits are taken here and never
 * returned), or NULL: not yet time, a shot is waiting to be taken, or the
 * script has ended. */
const ScriptStep *script_next(ScriptPlayer *p, double now_ms);
/* Call after each frame is drawn (and its shot taken). */
void script_frame_done(ScriptPlayer *p);
/* Every step has run and the last wait has passed by now_ms. */
bool script_finished(const ScriptPlayer *p, double now_ms);
/* The script time at which the last step runs: how long the replay takes. */
int64_t script_duration_ms(const Script *s);

/* The SDL events an input step stands for, positions turned from frame
 * pixels (out_w x out_h) into window coordinates (win_w x win_h) or, for a
 * finger, 0..1 of the window. Writes up to max events; returns how many
 * (0 for wait and shot). */
int script_events(const ScriptStep *st, uint32_t window_id, int win_w, int win_h, int out_w, int out_h, SDL_Event *ev,
                  int max);

#endif
