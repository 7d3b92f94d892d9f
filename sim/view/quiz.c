/* quiz.c - class mode state (see quiz.h). */
#include "view/quiz.h"

void quiz_init(Quiz *z, bool on)
{
    z->on = on;
    z->q = -1;
    z->phase = QUIZ_NONE;
    z->picked = -1;
    z->resume = false;
    z->skip = -1;
    z->stale_from = -1;
}

int quiz_gate(Quiz *z, const Scenario *sc, int64_t cur)
{
    if (z->skip >= 0 && (z->skip >= sc->nquestions || sc->questions[z->skip].at != cur + 1)) z->skip = -1;
    if (!z->on || z->phase != QUIZ_NONE) return -1;
    for (int i = 0; i < sc->nquestions; i++)
        if (sc->questions[i].at == cur + 1 && i != z->skip && !(z->stale_from >= 0 && cur + 1 >= z->stale_from))
            return i;
    return -1;
}

void quiz_dismiss(Quiz *z)
{
    int q = z->q;
    z->q = -1;
    z->phase = QUIZ_NONE;
    z->picked = -1;
    z->skip = q;
}

void quiz_ask(Quiz *z, int q, bool was_playing)
{
    z->q = q;
    z->phase = QUIZ_ASK;
    z->picked = -1;
    z->resume = was_playing;
}

void quiz_pick(Quiz *z, const Scenario *sc, int choice)
{
    const QuestionDef *q = quiz_question(z, sc);
    if (!q || z->phase != QUIZ_ASK || choice < 0 || choice >= q->nchoices) return;
    z->picked = choice;
}

void quiz_reveal(Quiz *z)
{
    if (z->phase == QUIZ_ASK) z->phase = QUIZ_REVEAL;
}

int quiz_close(Quiz *z, const Scenario *sc)
{
    int q = z->q, next = -1;
    if (q >= 0 && q + 1 < sc->nquestions && sc->questions[q + 1].at == sc->questions[q].at) next = q + 1;
    z->q = -1;
    z->phase = QUIZ_NONE;
    z->picked = -1;
    return next;
}

bool quiz_open(const Quiz *z)
{
    return z->phase != QUIZ_NONE && z->q >= 0;
}

const QuestionDef *quiz_question(const Quiz *z, const Scenario *sc)
{
    if (!quiz_open(z) || z->q >= sc->nquestions) return NULL;
    return &sc->questions[z->q];
}

int quiz_count(const Scenario *sc)
{
    return sc->nquestions;
}
