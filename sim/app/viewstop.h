/* viewstop.h - the window under this program's signal handler (cmd_view.c),
 * for the two commands that open it: view and compare. Drawing executable
 * only (it needs view/). */
#ifndef HW_APP_VIEWSTOP_H
#define HW_APP_VIEWSTOP_H

#include "view/window.h"

/* window_run(wo) with SIGINT, SIGTERM and SIGHUP polled (app/stop.h) instead
 * of left to SDL, and wo->stop set to the hook that reads them, so a signal
 * also ends a look-ahead of heavy ticks. Stopped by a signal: says so on
 * stderr ("highwater CMD: interrupted") and returns 128 + the signal;
 * otherwise window_run's exit code. */
int view_window_run(const char *cmd, WindowOpts *wo);

#endif
