/* scenario_yaml.h - reads a scenario from YAML (docs/scenario-format.md).
 *
 * The reader is strict: unknown or duplicate keys, wrong types, bad units,
 * keys that do not apply to a stream's kind, unknown stream names, impossible
 * wiring and out-of-range values are all errors, reported as one line
 *
 *     file:line:col: message
 *
 * with 1-based line and column (columns count characters), pointing at the
 * offending key or value. Only the first error is reported. On success every
 * default is resolved (highWaterMarks by Node's rules for the `node` preset,
 * rates converted to units per tick, the name from the file's base name) and
 * the actions are sorted by tick, so the Scenario is ready for sim_create().
 *
 * Inputs are bounded (4 MiB, nesting depth 20); aliases and tags are
 * rejected; the reader has no globals and never writes outside `err`/`sc`.
 */
#ifndef HW_SCENARIO_YAML_H
#define HW_SCENARIO_YAML_H

#include <stddef.h>

#include "core/scenario.h"

/* Reads the file at `path`. Returns 0 with `sc` filled (free it with
 * scenario_free()), or 2 with `err` holding the message (truncated to
 * `errlen`; `err` may be NULL) and `sc` freed and initialised. `sc` is
 * overwritten without being freed first. I/O errors are reported at 1:1. */
int scenario_load_file(const char *path, Scenario *sc, char *err, size_t errlen);

/* The same, read as if the file said `node: M` (`node` 0: as written), so
 * the highWaterMarks it leaves out are M's defaults, as `--node` promises.
 * `node` must be a known major. */
int scenario_load_file_for(const char *path, int node, Scenario *sc, char *err, size_t errlen);

/* The same from `len` bytes of `text` (NUL bytes included, no terminator
 * needed). `name_for_errors` prefixes the messages and gives the default
 * name (NULL: "<string>", and the name "scenario"). */
int scenario_load_string(const char *text, size_t len, const char *name_for_errors,
                         Scenario *sc, char *err, size_t errlen);

#endif
