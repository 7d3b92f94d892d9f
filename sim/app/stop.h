/* stop.h - what SIGINT, SIGTERM and SIGHUP do: all three the same.
 *
 * main() calls stop_on_signals(STOP_NOW) for every command that does not
 * open a window (SDL turns those signals into a quit event itself): a signal
 * removes the temporary output files (io/outfile.h) and ends the process by
 * that signal, as if there were no handler. A command with a long loop
 * switches to STOP_POLL: the first signal only sets a flag the loop polls
 * (stop_signal()), so it can end cleanly, say where it stopped and exit with
 * stop_exit_status(); a second signal stops at once as STOP_NOW does, for a
 * loop that does not get round to polling.
 *
 * A signal ignored when the process started (nohup, a background job's
 * SIGINT) stays ignored. The flag is the one state a handler may touch, so
 * it is this module's only global.
 */
#ifndef HW_APP_STOP_H
#define HW_APP_STOP_H

#include <signal.h>
#include <stdbool.h>

typedef enum { STOP_NOW, STOP_POLL } StopMode;

void stop_on_signals(StopMode mode);

/* The signal that asked to stop (SIGINT, SIGTERM or SIGHUP), 0 while none did. */
int stop_signal(void);

/* The flag itself, for code below app/ that polls a pointer (headless_record). */
const volatile sig_atomic_t *stop_flag(void);

/* A SimInterruptFn (core/sim.h) for sim_set_interrupt(): true once a signal
 * asked to stop, so a long tick ends at once too. `user` is unused. */
bool stop_requested(void *user);

/* 128 + the signal, as a shell reports a death by it (130 for SIGINT). */
int stop_exit_status(void);

#endif
