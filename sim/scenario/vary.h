/* vary.h - "what if" values for one parameter of a scenario.
 *
 * Shared by `highwater sweep` and the window (compare mode, live edits): a
 * spec `TARGET=VALUES` names one parameter and the values to try; each value
 * is applied to a copy of the scenario, which is then checked again.
 *
 * TARGET
 *   STREAM.PARAM   a stream's parameter; PARAM is one of highWaterMark (both
 *                  sides of a transform), readableHighWaterMark,
 *                  writableHighWaterMark (transforms only), rate, chunk, total
 *                  (sources only), ratio, batch (transforms only), objectSize
 *                  (objectMode streams only)
 *   PARAM          a scenario-wide parameter: memoryLimit or ticks (the
 *                  trace's process subject is also accepted: -.memoryLimit)
 *
 * VALUES is a comma-separated list of items; an item is one value or a range:
 *   1KiB,16KiB,1MiB   values as in docs/scenario-format.md
 *   1KiB..1MiB        doubling from A while the value is <= B (A >= 1)
 *   0..64KiB:4KiB     A, A+STEP, ... while the value is <= B
 * Sizes take the units B KiB MiB GiB TiB KB MB GB TB (scenario/units.h),
 * except on an objectMode side, where they count objects and must be plain
 * integers. A rate may be
 * per second (`16MiB/s`, converted with the scenario's tick and rounded down
 * like the reader does); in a range both ends are then per second. `ratio`
 * takes N or N/M (ranges only between whole numbers), `total` also takes
 * `endless`, `memoryLimit` also takes `none`. At most VARY_MAX_VALUES values.
 * Ranges are those of scenario/limits.h, checked again by scenario_check().
 *
 * `ticks` behaves like `run --ticks`: timeline entries after the last tick
 * simply never run. `chunk` leaves the rate alone, even where the file's rate
 * was defaulted from the chunk.
 *
 * Errors are one line, without a program-name prefix, naming the spec part
 * at fault. The module has no globals; nothing here prints.
 */
#ifndef HW_VARY_H
#define HW_VARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scenario.h"

#define VARY_MAX_VALUES 10000
#define VARY_NONE INT64_C(-1) /* total: endless; memoryLimit: none */

typedef enum {
    VP_HWM,         /* highWaterMark: source rhwm, sink whwm, transform both */
    VP_RHWM,        /* readableHighWaterMark (transform) */
    VP_WHWM,        /* writableHighWaterMark (transform) */
    VP_RATE,
    VP_CHUNK,
    VP_TOTAL,
    VP_RATIO,
    VP_BATCH,
    VP_OBJECT_SIZE,
    VP_MEMORY_LIMIT, /* scenario-wide */
    VP_TICKS,        /* scenario-wide */
    VP__COUNT
} VaryParam;

/* What a spec's left-hand side names, resolved against one scenario. */
typedef struct {
    VaryParam param;
    int stream;               /* index into streams[], -1 for scenario-wide */
    char stream_id[SC_ID_MAX];
    bool objects;             /* the values count objects (no size units) */
} VaryTarget;

typedef struct {
    int64_t n;       /* in the model's units (bytes, objects, units per tick,
                        ticks); the numerator of a ratio; VARY_NONE */
    int64_t d;       /* the denominator of a ratio, 1 otherwise */
    int64_t shown;   /* the value as written, in base units: bytes per second
                        for a per-second rate, else n */
    bool per_second; /* a rate written per second */
} VaryValue;

typedef struct {
    VaryTarget target;
    int count;
    VaryValue *values;        /* owned; count entries in the order written */
} Vary;

/* The keyword of a parameter as written in specs and YAML ("highWaterMark"). */
const char *vary_param_name(VaryParam p);
/* The target as written: "socket.highWaterMark", or "ticks" for the whole
 * scenario; how messages and the sweep CSV's first column name it. */
void vary_target_label(const VaryTarget *t, char *out, size_t cap);

/* The target for parameter p of stream number `stream` (-1: the scenario),
 * built directly, with the same checks as vary_parse_target() on its text
 * (so "src.ratio" is refused for a source); how the window names what an
 * edit chip changes. err may be NULL. Returns 0, or 2 with a message. */
int vary_target_make(const Scenario *sc, int stream, VaryParam p, VaryTarget *t, char *err,
                     size_t errlen);

/* Parses "STREAM.PARAM" or "PARAM" (the text up to '=' or the end) against
 * `sc`. Returns 0, or 2 with a message in err. */
int vary_parse_target(const char *text, size_t len, const Scenario *sc, VaryTarget *t,
                      char *err, size_t errlen);

/* Parses VALUES for target t of scenario sc into a new array (*out, *count;
 * free() it). At most `max` values (<= VARY_MAX_VALUES). Returns 0 or 2. */
int vary_parse_values(const char *text, const VaryTarget *t, const Scenario *sc, int max,
                      VaryValue **out, int *count, char *err, size_t errlen);

/* Both halves of "TARGET=VALUES" into v (free with vary_free). Returns 0 or 2. */
int vary_parse(const char *spec, const Scenario *sc, Vary *v, char *err, size_t errlen);
void vary_free(Vary *v);

/* Parses one size ("16KiB", "1500"; a plain integer when `objects`) of
 * `len` bytes of s. Returns 0, or 2 with a message in err. */
int vary_parse_size(const char *s, size_t len, bool objects, int64_t *out, char *err,
                    size_t errlen);

/* Sets the target's field(s) of sc to val and checks the scenario with
 * scenario_check() (scenario/limits.h). Returns 0, or 2 with a message in err and sc
 * unchanged. `val` must come from vary_parse_values() for the same target
 * (or vary_get()); its ranges are checked again here all the same. */
int vary_apply(Scenario *sc, const VaryTarget *t, const VaryValue *val, char *err, size_t errlen);

/* The target's current value in sc (a transform's highWaterMark reads the
 * readable side), for "differs from the file" and as a starting point. */
VaryValue vary_get(const Scenario *sc, const VaryTarget *t);
bool vary_value_equal(const VaryValue *a, const VaryValue *b);

/* The value for machines (CSV): "1024", "3/2", "endless", "none"; a
 * per-second rate gives its per-second amount. Returns the length. */
size_t vary_format_value(const VaryTarget *t, const VaryValue *v, char *out, size_t cap);

/* A deep copy of src (actions and texts are owned pointers). Returns 0, or
 * -1 on allocation failure with dst initialised (scenario_init) and empty. */



#endif
