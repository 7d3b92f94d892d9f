/* panels.h - the frame's bars and the event log: header (title), caption
 * (narration), status bar (tick, time, throughput, speed, playing), the
 * scrubber (timeline with note marks), and the log of recent events.
 */
#ifndef HW_VIEW_PANELS_H
#define HW_VIEW_PANELS_H

#include "view/keymap.h"
#include "view/scene.h"

/* The title bar; with buttons, the "? keys" and "L lessons" buttons at its right. */
void panel_header(const Draw *d, Rect r, const Scene *s, bool buttons);
/* Where the header's buttons "? keys" and "L lessons" are. */
void panel_header_buttons(const Draw *d, Rect header, Rect *keys, Rect *lessons);
/* The header's button under (x, y): UI_HELP, UI_LESSONS or UI_NONE. */
UiAction panel_header_hit(const Draw *d, Rect header, int x, int y);
/* The narration; keys: the frame is interactive (Layout.buttons), so the
 * caption may show its key hint ("[ ] notes"), which a slide leaves out. */
void panel_caption(const Draw *d, Rect r, const Scene *s, bool keys);
/* The tallest note's caption height and what it was measured for, kept by
 * the caller between frames: measuring every note is most of a frame's
 * typesetting, and it changes only with the width, the type, the lesson or
 * its live-change marks. */
typedef struct {
    bool valid;
    int w, h;
    float scale;
    const Palette *pal;
    bool keys;
    uint64_t notes;      /* a hash of the notes' texts: another lesson (or the same at a reused address) measures again */
    int64_t stale_from;
    char written_for[160];
} CaptionNotes;

/* The height the caption needs at width w (the layout makes room): the
 * tallest of the lesson's notes, or the banner or the inside-a-tick text.
 * memo (may be NULL) remembers the notes' height. */
int panel_caption_height(const Draw *d, int w, const Scene *s, bool keys, CaptionNotes *memo);
void panel_status(const Draw *d, Rect r, const Scene *s);
/* The status bar's play/pause mark and word from x (vertically centred on
 * cy, text size fs); returns the x after them. Shared with compare mode. */
int panel_play_state(const Draw *d, int x, int cy, int fs, bool playing);
void panel_scrub(const Draw *d, Rect area, Rect track, const Scene *s);
void panel_log(const Draw *d, Rect r, const Scene *s);

#endif
