/* bytes.h - the byte strip: what the chunks of a text-carrying source hold.
 *
 * For each source with `content` (scenario.h), a lane shows its chunks in
 * order: the bytes of each push in hex, and under them the text its consumer
 * gets from that chunk's 'data': a Buffer decoded on its own
 * (chunk.toString()), where a character cut by the chunk boundary becomes
 * U+FFFD, drawn as a marked box so nobody can miss it; or, with
 * setEncoding('utf8'), the string the decoder hands out, which holds the cut
 * bytes back and gives the whole '€' with the next chunk. The lane ends with
 * the text joined so far, as the application would print it.
 *
 * Only what the frame has shown counts (scene_shown_event): inside a story
 * step, the chunks not yet pushed are not there.
 */
#ifndef HW_VIEW_BYTES_H
#define HW_VIEW_BYTES_H

#include "view/scene.h"

#define BYTES_MAX_MARKS 16

/* Where U+FFFD boxes were drawn, for the probe and the render tests. */
typedef struct {
    int n;
    Rect mark[BYTES_MAX_MARKS];
    int lane[BYTES_MAX_MARKS];   /* the source's stream index */
} BytesMarks;

/* Draws the strip in r (nothing when w = 0); marks may be NULL. */
void bytes_draw(const Draw *d, Rect r, const Scene *s, BytesMarks *marks);

#endif
