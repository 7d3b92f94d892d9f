/* quizview.h - the question of class mode (quiz.h), drawn big for a room.
 *
 * A band across the bottom of the frame, over the memory chart and the log,
 * so the stream graph the question is about stays in view. It grows upward
 * as its text needs. Ask phase: "QUESTION 2/4", the question in large type,
 * the choices as numbered pills (the class's pick outlined) and the keys.
 * Reveal phase: the right choice filled in the palette's done colour with a
 * check, a wrong pick crossed out, and the reason (`why`) below.
 */
#ifndef HW_VIEW_QUIZVIEW_H
#define HW_VIEW_QUIZVIEW_H

#include "view/draw.h"
#include "view/layout.h"
#include "view/quiz.h"

/* Where the band goes (w = 0 when no question is open); the probe prints it. */
Rect quizview_rect(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z);
void quizview_draw(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z);
/* Where choice i (0-based) is drawn; w = 0 without it. */
Rect quizview_choice_rect(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z, int i);
/* The choice (0-based) drawn under (x, y), or -1. */
int quizview_choice_at(const Draw *d, const Layout *l, const Scenario *sc, const Quiz *z, int x, int y);

#endif
