/* stop.c - one handler for SIGINT, SIGTERM and SIGHUP (see stop.h). */
#include "app/stop.h"

#include <string.h>

#include "io/outfile.h"

static volatile sig_atomic_t stop_sig;

static void stop_now(int sig)
{
    outfile_remove_temporaries();
    signal(sig, SIG_DFL);
    /* Delivered as soon as the handler returns and unblocks it. */
    raise(sig);
}

static void stop_poll(int sig)
{
    if (stop_sig)
        stop_now(sig);
    else
        stop_sig = sig;
}

void stop_on_signals(StopMode mode)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction sa, old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = mode == STOP_POLL ? stop_poll : stop_now;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

int stop_signal(void)
{
    return stop_sig;
}

const volatile sig_atomic_t *stop_flag(void)
{
    return &stop_sig;
}

int stop_exit_status(void)
{
    return 128 + (stop_sig ? stop_sig : SIGINT);
}

bool stop_requested(void *user)
{
    (void)user;
    return stop_signal() != 0;
}
