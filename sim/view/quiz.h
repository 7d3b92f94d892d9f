/* quiz.h - class mode: predict, then reveal.
 *
 * A scenario's questions (QuestionDef) each belong to the tick whose events
 * answer them. In class mode, moving forward from tick at-1 to tick at (by
 * playing or stepping) stops at at-1 instead and asks: the question and its
 * choices are shown over the frame, the class picks (1-4, optional), and the
 * reveal moves the display into tick `at`, so the answer happens on screen
 * while the right choice and its `why` are shown. Closing the question
 * continues (playing again if it was playing). Seeking with the timeline,
 * Home, End or the note keys never asks: a teacher jumping around is not
 * stopped. Every forward crossing asks again, so going back and playing
 * through asks the same question again; one dismissed unanswered (Esc) lets
 * the playback through once.
 *
 * State only: no SDL, no drawing (quizview.h draws it).
 */
#ifndef HW_VIEW_QUIZ_H
#define HW_VIEW_QUIZ_H

#include <stdbool.h>
#include <stdint.h>

#include "core/scenario.h"

typedef enum { QUIZ_NONE, QUIZ_ASK, QUIZ_REVEAL } QuizPhase;

typedef struct {
    bool on;            /* class mode */
    int q;              /* the question shown, -1 */
    QuizPhase phase;
    int picked;         /* the class's choice, -1 none */
    bool resume;        /* playing when it stopped: play on after closing */
    int skip;           /* a question dismissed unanswered (Esc): not asked again until the
                           display leaves the tick before it; -1 none */
    int64_t stale_from; /* live changes: questions from this tick on were written for the
                           file's values and are not asked; -1 none */
} Quiz;

void quiz_init(Quiz *z, bool on);

/* Before moving from tick `cur` to cur + 1: the question to ask first, or
 * -1 (also when class mode is off, a question is already open, or the
 * question was written for values a live change has made untrue). */
int quiz_gate(Quiz *z, const Scenario *sc, int64_t cur);

/* Shows question q in its ask phase. */
void quiz_ask(Quiz *z, int q, bool was_playing);
/* The class's choice (0-based); ignored outside the ask phase or out of range. */
void quiz_pick(Quiz *z, const Scenario *sc, int choice);
/* Ask -> reveal. The caller then moves the display into the question's tick. */
void quiz_reveal(Quiz *z);
/* Closes the question. Returns the next question of the same tick to ask, or
 * -1; the caller goes back to tick at-1 to ask it. */
int quiz_close(Quiz *z, const Scenario *sc);
/* Closes the question unanswered: playing on passes it without asking again. */
void quiz_dismiss(Quiz *z);

bool quiz_open(const Quiz *z);
/* The question on screen, or NULL. */
const QuestionDef *quiz_question(const Quiz *z, const Scenario *sc);
/* How many questions the scenario has. */
int quiz_count(const Scenario *sc);

#endif
