/* code.h - the wiring as the Node.js a student would write for it, with the
 * lines that act in the displayed tick highlighted.
 *
 * Each line carries triggers: event kinds that, on the hop's upstream
 * stream (src) or downstream stream (dst), mean "this line is running now"
 * (a write on the destination lights `dest.write(chunk)`, 'drain' lights the
 * drain handler, and so on). For pipe() and pipeline() the code a student
 * writes is one line, so the few lines pipe() runs on their behalf follow as
 * comments and light up the same way.
 */
#ifndef HW_VIEW_CODE_H
#define HW_VIEW_CODE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/scenario.h"
#include "view/draw.h"
#include "view/history.h"

#define CODE_MAX_LINES 96
#define CODE_LINE_MAX 96

typedef struct {
    char text[CODE_LINE_MAX];
    bool comment;          /* drawn dimmer */
    int wire;              /* the wire it belongs to, -1 for declarations */
    uint32_t on_src, on_dst; /* bit (1 << EventKind) per trigger */
    bool on_false;         /* lights when a write() on dst returned false */
} CodeLine;

typedef struct {
    int n;
    CodeLine line[CODE_MAX_LINES];
} CodeListing;

void code_build(CodeListing *c, const Scenario *sc);
/* Which lines act in the events given; lit[i] is 0 (no), 1 (yes) or 2
 * (yes, and a write() returned false there). */
void code_active(const CodeListing *c, const Scenario *sc, const LoggedEvent *ev, int n, uint8_t *lit);

void code_draw(const Draw *d, Rect r, const CodeListing *c, const uint8_t *lit);

#endif
