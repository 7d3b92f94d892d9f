/* summary.h - `run --summary`: a short table per stream and a text chart of
 * total memory over time. Memory use is fixed: the chart keeps the peak of
 * each of SUMMARY_COLS columns, whatever the run's length. */
#ifndef HW_SUMMARY_H
#define HW_SUMMARY_H

#include <stdio.h>

#include "core/sim.h"

#define SUMMARY_COLS 60

typedef struct Summary Summary;

Summary *summary_create(const Sim *sim);
void summary_destroy(Summary *s);
void summary_event(void *user, const Event *ev);  /* a SimEventFn */
void summary_sample(Summary *s);                  /* after each sim_step */
void summary_print(const Summary *s, FILE *f);

/* "16 KiB", "1.5 MiB", "512 B": for people, not for traces. */
void format_bytes(char *out, size_t n, int64_t bytes);

#endif
