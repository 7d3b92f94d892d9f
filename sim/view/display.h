/* display.h - whether the window can be seen: a display to open it on, a
 * video driver that shows windows there, and a window that appears.
 *
 * SDL falls back quietly from one video driver to the next; under X it
 * could settle on one that never shows a window (KMS/DRM on the console,
 * offscreen) while the process kept running with nothing on screen. With
 * DISPLAY set (and no Wayland display) the window insists on X11, so a
 * failing X connection is an error rather than a fallback; a driver that
 * shows no windows is refused; and once created, the window must appear
 * within a few seconds. SDL and the libraries under it print harmless
 * complaints on stderr while they probe (libwayland's XDG_RUNTIME_DIR):
 * display_init() hides them and keeps SDL's own error for the message.
 */
#ifndef HW_VIEW_DISPLAY_H
#define HW_VIEW_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

/* Initialises SDL's video (and events) for a visible window. Returns true,
 * or false with why (one line, no newline) and SDL's video shut down. */
bool display_init(char *why, size_t whylen);

/* Whether a visible window can be opened. When it can, SDL's video stays
 * initialised (display_init() after it only counts up): SDL 2.26's X11
 * driver cannot start a second time in one process once shut down, so a
 * check that shut it down would make the window itself fail. */
bool display_available(char *why, size_t whylen);

/* Waits up to timeout_ms for the window to be shown on screen. Returns
 * true, or false with why. Events that arrive meanwhile stay queued. */
bool display_wait_shown(SDL_Window *w, int timeout_ms, char *why, size_t whylen);

#endif
