/* event.h - the one typed event stream the model emits.
 *
 * The trace writer, the window's event log and animations, and the tests all
 * consume these. Each kind maps to one trace KIND (docs/tick-and-trace.md);
 * fields unused by a kind are zero / -1.
 */
#ifndef HW_EVENT_H
#define HW_EVENT_H

#include <stdint.h>

typedef enum {
    EV_READ,       /* bytes = size argument of _read */
    EV_PUSH,       /* bytes, or eof = 1 */
    EV_PUSHED,     /* ret */
    EV_WRITE,      /* bytes */
    EV_WROTE,      /* ret */
    EV_BEGIN,      /* bytes, chunks (> 0 only for _writev) */
    EV_DONE,       /* bytes, code (error code index or 0) */
    EV_DATA,       /* bytes */
    EV_READABLE,
    EV_DRAIN,
    EV_PAUSE,
    EV_RESUME,
    EV_END,
    EV_PREFINISH,
    EV_FINISH,
    EV_CLOSE,
    EV_ERROR,      /* code */
    EV_PIPE,       /* other = source stream */
    EV_UNPIPE,     /* other = source stream */
    EV_ACTION,     /* act = ActionKind, other = dest (-1), bytes = write size / rate, code */
    EV_PIPELINE,   /* code (0 = null) */
    EV_UNCAUGHT,   /* subject -1, code */
    EV_OOM,        /* subject -1, bytes = total */
    EV_NOTE,       /* subject -1, text */
    EV_STATE,      /* subject: a stream whose state changed; read the values from sim_stream() */
    EV_MEM,        /* subject -1; read the values from sim_memory() */
    EV__COUNT
} EventKind;

typedef struct {
    int64_t tick;
    EventKind kind;
    int16_t subject;   /* stream index, -1 = the process */
    int16_t other;     /* a second stream (pipe src, unpipe dest), -1 = none */
    int8_t ret;        /* pushed / wrote: 0 or 1 */
    int8_t eof;        /* push(null) */
    int8_t act;        /* ActionKind for EV_ACTION */
    int32_t chunks;    /* _writev chunk count */
    int32_t code;      /* error code index (sim_code_name), 0 = none */
    int64_t bytes;
    const char *text;  /* EV_NOTE: valid during the callback only */
    /* content scenarios: the chunk's bytes are source `csrc`'s content from
     * offset `coff` (see StreamDef.content); `units` its length in UTF-16
     * code units when `str` (a decoded string) */
    int64_t coff;
    int64_t units;
    int16_t csrc;
    int8_t has_content; /* coff/csrc are meaningful */
    int8_t str;
} Event;

const char *event_kind_name(EventKind k); /* the trace KIND */

#endif
