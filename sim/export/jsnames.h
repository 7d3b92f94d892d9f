/* jsnames.h - the JavaScript variable name of each stream, one rule for the
 * exported program (export_js.c) and the code panel (view/code.c).
 *
 * Contract: for a valid scenario every name is a JavaScript identifier, none
 * is a reserved word or a name the generated code itself uses (js_name_taken),
 * and distinct streams get distinct names. An id that already is such a name
 * keeps it; the others ("my-file", "new") become the nearest free one: '-'
 * turns into '_', then '_' is appended until the name is free ("my_file",
 * "new_"). Ids that keep their name are assigned first, so a renamed id never
 * takes the name of one that could keep it: `a-b` beside `a_b` is `a_b_`.
 */
#ifndef HW_EXPORT_JSNAMES_H
#define HW_EXPORT_JSNAMES_H

#include <stdbool.h>

#include "core/scenario.h"

/* An id, plus at most one '_' per other stream and one for a taken word. */
#define JS_NAME_MAX (SC_ID_MAX + SC_MAX_STREAMS + 2)

typedef struct {
    char name[SC_MAX_STREAMS][JS_NAME_MAX];
} JsNames;

void js_names(const Scenario *sc, JsNames *names);

/* A reserved word of JavaScript or a name the generated code uses. */
bool js_name_taken(const char *s);

/* The function name of a pipeline's async generator stage (WireDef.gen_name):
 * '-' turns into '_', then '_' is appended while it is a taken word. It names
 * a function expression, which binds it only inside its own body, so no
 * stream's name can clash with it. */
void js_gen_name(const WireDef *w, char out[JS_NAME_MAX]);

#endif
