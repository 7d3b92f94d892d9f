/* display.c - a display the window can be seen on (see display.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "view/display.h"

/* Drivers that draw somewhere nobody looks. */
static bool windowless(const char *drv)
{
    static const char *const none[] = {"dummy", "offscreen", "evdev", "kmsdrm", "vivante", NULL};
    for (int i = 0; drv && none[i]; i++)
        if (!strcmp(drv, none[i])) return true;
    return !drv;
}

/* SDL_InitSubSystem with stderr sent to /dev/null meanwhile. */
static int quiet_init(Uint32 flags)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0) dup2(null, STDERR_FILENO);
    int rc = SDL_InitSubSystem(flags);
    fflush(stderr);
    if (saved >= 0) {
        dup2(saved, STDERR_FILENO);
        close(saved);
    }
    if (null >= 0) close(null);
    return rc;
}

bool display_init(char *why, size_t len)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    if (drv && *drv && windowless(drv)) {
        snprintf(why, len, "SDL_VIDEODRIVER=%s shows no window", drv);
        return false;
    }
    /* Without these SDL would still "succeed" with a driver that shows nothing. */
    if ((!drv || !*drv) && (!x || !*x) && (!wl || !*wl)) {
        snprintf(why, len, "DISPLAY is not set");
        return false;
    }
    /* On X, X or nothing: no quiet fallback to another driver. */
    if ((!drv || !*drv) && x && *x && (!wl || !*wl)) SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
    if (quiet_init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        const char *e = *SDL_GetError() ? SDL_GetError() : "SDL could not start its video";
        if ((!drv || !*drv) && x && *x && (!wl || !*wl)) snprintf(why, len, "cannot open the X display %s: %s", x, e);
        else snprintf(why, len, "%s", e);
        return false;
    }
    const char *cur = SDL_GetCurrentVideoDriver();
    if (windowless(cur) || SDL_GetNumVideoDisplays() < 1) {
        snprintf(why, len, "SDL found no screen to show a window on (video driver %s)", cur ? cur : "none");
        SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
        return false;
    }
    return true;
}

bool display_available(char *why, size_t len)
{
    return display_init(why, len);
}

bool display_wait_shown(SDL_Window *w, int timeout_ms, char *why, size_t len)
{
    Uint32 t0 = SDL_GetTicks();
    for (;;) {
        SDL_PumpEvents();
        Uint32 f = SDL_GetWindowFlags(w);
        if ((f & SDL_WINDOW_SHOWN) && !(f & SDL_WINDOW_HIDDEN)) return true;
        if (SDL_GetTicks() - t0 >= (Uint32)timeout_ms) break;
        SDL_Delay(10);
    }
    snprintf(why, len, "the window did not appear within %d s (video driver %s)", timeout_ms / 1000,
             SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "none");
    return false;
}
