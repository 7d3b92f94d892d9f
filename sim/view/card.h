/* card.h - one stream drawn as a card: name and kind, the flowing / paused
 * light (readable side), the write() badge (writable side), its tank(s),
 * in-flight work and the key numbers; tags on its top edge for 'end',
 * 'finish', errors, destruction and leaks.
 *
 * The light's colour is the state and its icon and word say the same:
 * FLOWING (play triangle, palette flowing), PAUSED (two bars, palette paused),
 * NOT FLOWING (outlined: readableFlowing is null), ENDED, DESTROYED.
 *
 * Live changes (edit.h): a value that differs from the file's is drawn in
 * the palette's marker colour, bold, and a tag on the top edge says what the
 * file had ("was hwm 16 KiB"). A selected stream has a thick ring in the same
 * colour.
 */
#ifndef HW_VIEW_CARD_H
#define HW_VIEW_CARD_H

#include <stdbool.h>

#include "core/sim.h"
#include "view/draw.h"
#include "view/layout.h"
#include "view/tank.h"

typedef enum { LIGHT_NONE, LIGHT_FLOWING, LIGHT_PAUSED, LIGHT_IDLE, LIGHT_ENDED, LIGHT_DESTROYED } LightState;

typedef struct {
    const StreamView *cur, *next;  /* next == cur at the last tick */
    float alpha;                   /* 0..1 from cur toward next */
    float drain;                   /* 0..1 'drain' flash */
    float wfalse;                  /* 0..1 write() just returned false */
    bool hover;
    bool leaked;                   /* see stream_leaked() */
    int series;                    /* chart colour index */
    const char *error_code;        /* the code of the stream's error, or NULL */
    bool focus;                    /* ringed in the accent colour: selected for live changes, or
                                      the stream the micro-step's event concerns */
    const StreamDef *was;          /* the file's definition when live changes differ from it
                                      (values drawn in the accent colour, "was" tag), or NULL */
    int64_t drained_at;            /* the tick of the last 'drain' shown so far, or -1: a lasting
                                      mark, so a frame after it never contradicts a caption about it */
    int writev_chunks;             /* chunks of the last _writev begun, 0 when the last begin was a _write */
} CardInput;

/* The call the work bar names: "_transform", "_writev" while a _writev of
 * writev_chunks (> 0) chunks is in flight, else "_write". */
const char *card_work_call(const StreamDef *def, const StreamView *v, int writev_chunks);

/* The light a readable side shows in v (LIGHT_NONE without a readable side). */
LightState card_light(const StreamView *v);

/* A stream left open after a neighbour in its wiring failed (pipe() never
 * destroys the other side): its writer died before 'end', so nothing will end
 * it, or its reader died before 'finish', so what it buffers is never read.
 * Neighbours destroyed after a normal 'end' / 'finish' do not count. */
bool stream_leaked(const Scenario *sc, const StreamView *v, int nv, int i);

void card_draw(const Draw *d, const CardBox *b, const StreamDef *def, const CardInput *in);

/* The scale side (SIDE_W / SIDE_R) of a stream is drawn to; the probe prints it. */
TankScale card_tank_scale(const StreamDef *def, const StreamView *v, int side);

#endif
