/* run.h - one scenario as the window shows it: the file's version, the
 * version that runs (the file's with the live changes applied, edit.h), its
 * History and code listing.
 *
 * Every change re-simulates: the running scenario is rebuilt from the file's,
 * a new History runs it from tick 0 and the display returns to the tick it
 * showed (the model is deterministic, so that tick is exact). A reload of the
 * file does the same, keeping the changes that still apply.
 *
 * Compare mode opens one file twice with a `--vary STREAM.PARAM=V1,V2` spec:
 * value k is then part of run k's "file" version, named in its label
 * ("socket.highWaterMark = 1 MiB"), and changes are measured against it.
 *
 * A Run owns everything it points to; run_close() frees it. The Scenario a
 * History runs stays at one address until the History is gone.
 */
#ifndef HW_VIEW_RUN_H
#define HW_VIEW_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "view/code.h"
#include "view/edit.h"
#include "view/history.h"

#define RUN_EXPLORE_START 2000   /* look-ahead ticks run when a History is made */

typedef struct {
    char path[4096];
    const char *vary;          /* compare: "STREAM.PARAM=V1,V2" (borrowed), or NULL */
    int vary_index;            /* which of its values this run takes */
    char label[200];           /* compare pane title ("" outside compare) */
    Scenario *base;            /* the file's scenario (with the vary value) */
    Scenario *sc;              /* what runs: base plus the changes */
    History *h;
    CodeListing code;
    EditList edits;
    int64_t diverged;          /* with changes: the first tick where the trace differs from the
                                  file's run (diverge.h), -1 when none does */
    char written_for[200];     /* the file's values of what changed: "socket hwm 16 KiB" ("" without changes) */
    struct timespec mtime;
    off_t fsize;
    StopHook stop;             /* the command's interrupt hook, on every Sim of this run (history.h) */
} Run;

/* Opens path (with value `vary_index` of `vary` when vary is not NULL) and
 * runs it to tick `at` (clamped). explore: look-ahead ticks to run at once
 * (the window explores the rest as it goes; headless frames run it all);
 * `stop` can cut it short, and every re-simulation after it (history.h).
 * Returns 0, or 2 with a one-line message in err and r left closed. */
int run_open(Run *r, const char *path, const char *vary, int vary_index, int64_t explore, int64_t at, StopHook stop,
             char *err, size_t errlen);
void run_close(Run *r);

/* Re-reads the file, re-applies the changes that still fit, re-simulates and
 * returns to tick `at`. On failure the run is unchanged and err says why. */
int run_reload(Run *r, int64_t at, char *err, size_t errlen);
/* Whether the file changed on disk since it was read (size or mtime). */
bool run_file_changed(Run *r);

/* A live change t = v: re-simulates and returns to tick `at`. On a value
 * the scenario refuses, nothing changes and err says why (returns 2). */
int run_set(Run *r, const VaryTarget *t, const VaryValue *v, int64_t at, char *err, size_t errlen);
/* Back to the file's value of one target, of every parameter of `stream`
 * (param VP__COUNT), or of everything (stream -1); re-simulates. Returns 0 or 2. */
int run_reset(Run *r, int stream, VaryParam param, int64_t at, char *err, size_t errlen);
/* Any live change in effect. */
bool run_changed(const Run *r);

/* Whether a note or question at tick `at` was written for the file's values
 * and may no longer be true of the changed run (at or after r->diverged). */
bool run_text_stale(const Run *r, int64_t at);

/* Saves the running scenario as YAML (scenario_write.h) to a new file,
 * NAME-edited.yaml (then -2, -3 ...), in `dir`, or next to the scenario's
 * file when dir is NULL, with `name:` set to match. Notes written for the
 * file's values past r->diverged say so ("(written for socket hwm 16 KiB)"),
 * and their questions are left out (*dropped counts them). The full path
 * used goes to out. Returns 0, or -1 with err. */
int run_save(const Run *r, const char *dir, char *out, size_t outlen, int *dropped, char *err, size_t errlen);

/* A deep copy of src, content and questions included. 0, or -1 (dst empty). */
int run_clone_scenario(Scenario *dst, const Scenario *src);

#endif
