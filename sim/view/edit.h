/* edit.h - live changes: the values a student changes in the window, kept
 * as a list on top of the file's scenario.
 *
 * A change names one stream parameter (highWaterMark, rate or chunk, as in
 * vary.h) and its new value. The scenario that runs is always rebuilt from
 * the file: a copy of it with every change in the list applied (vary_apply),
 * so undoing a change is dropping it from the list, and a value set back to
 * the file's simply leaves the list. The model is deterministic, so
 * re-simulating from tick 0 and returning to the displayed tick shows exactly
 * what the changed scenario does there.
 *
 * Stepping is by doubling and halving: every press of Up doubles the value,
 * Down halves it (a highWaterMark may go down to 0, a rate or chunk to 1).
 * Dragging on a tank moves by the same factors, one doubling per
 * EDIT_DRAG_STEP of the tank's height.
 *
 * Pure logic: no SDL, no drawing, no globals.
 */
#ifndef HW_VIEW_EDIT_H
#define HW_VIEW_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario/vary.h"

#define EDIT_MAX 64          /* changes kept at once (3 per stream is plenty) */
#define EDIT_MAX_PARAMS 3
#define EDIT_DRAG_STEP 0.25  /* of a tank body's height per doubling */

typedef struct {
    VaryTarget t;
    VaryValue v;
} Edit;

typedef struct {
    int n;
    Edit e[EDIT_MAX];
} EditList;

/* The parameters stream i offers, in the order M cycles through them:
 * highWaterMark and rate for all kinds, chunk for a byte-mode source. */
int edit_params(const Scenario *sc, int stream, VaryParam out[EDIT_MAX_PARAMS]);

/* The target for (stream, param) in sc. Returns false if it does not apply. */
bool edit_target(const Scenario *sc, int stream, VaryParam p, VaryTarget *t);

/* The value one step from cur: dir > 0 doubles, dir < 0 halves, k steps
 * at once for |dir| = k. Returns false when it would not change (at the
 * floor, or past SC_SIZE_LIMIT / SC_RATE_LIMIT). */
bool edit_step(const VaryTarget *t, const VaryValue *cur, int dir, VaryValue *out);

/* Records t = v, replacing an earlier change of the same target; a value
 * equal to the file's (base) removes the change instead. Returns false when
 * the list is full. */
bool edit_put(EditList *l, const Scenario *base, const VaryTarget *t, const VaryValue *v);
/* Drops the change of one target, of every parameter of `stream` (param
 * VP__COUNT), or everything (stream -1). */
void edit_drop(EditList *l, int stream, VaryParam param);

/* Applies every change to sc (a copy of the file's scenario). Returns 0, or
 * 2 with the first refusal in err; sc then has the changes before it. */
int edit_apply(Scenario *sc, const EditList *l, char *err, size_t errlen);

/* Whether the running scenario's value differs from the file's; *was gets
 * the file's value. */
bool edit_differs(const Scenario *base, const Scenario *sc, int stream, VaryParam p, VaryValue *was);
/* Any change to stream i (any parameter it offers). */
bool edit_stream_changed(const Scenario *base, const Scenario *sc, int stream);

/* The parameter as a class reads it: "highWaterMark", "rate", "chunk". */
const char *edit_param_label(VaryParam p);
/* The value as a class reads it: "16 KiB", "8 KiB/tick", "16 objects". */
char *edit_value_text(const Scenario *sc, const VaryTarget *t, const VaryValue *v, char *buf, size_t len);

#endif
