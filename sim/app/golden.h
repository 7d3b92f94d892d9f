/* golden.h - golden traces for `check` and `review`: where a scenario's
 * golden lives, how a new trace differs from it, and the CI rule.
 *
 * A scenario's goldens are DIR/NAME.trace (NAME: the file's base name
 * without .yaml), DIR being --golden DIR when given, else tests/golden of
 * the nearest folder above the scenario file that has one. The current
 * folder never matters. A new trace that differs waits beside its golden
 * as NAME.trace.new until `highwater review` accepts (renames) or rejects
 * (deletes) it.
 */
#ifndef HW_GOLDEN_H
#define HW_GOLDEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    char *data;           /* NUL-terminated once anything was added */
    size_t len, cap;
} GoldenText;

/* Appends n bytes; 0, or -1 out of memory (t unchanged). */
int golden_text_add(GoldenText *t, const char *s, size_t n);
/* The whole file; 0, or -1 with errno set (t then empty). */
int golden_text_read(const char *path, GoldenText *t);
void golden_text_free(GoldenText *t);
/* Writes t to path whole or not at all (io/outfile); 0 or -1. */
int golden_text_write(const char *path, const GoldenText *t);

/* The golden folder of scenario (override when not NULL), shown relative
 * to the current folder when inside it. 0, or -1 when no folder above the
 * scenario has tests/golden (out then says so). */
int golden_dir_for(const char *scenario, const char *override, char *out, size_t outlen);
/* NAME of a scenario path, a NAME.trace(.new) file or a bare NAME. */
void golden_name(const char *arg, char *out, size_t outlen);

/* Insta's rule: CI is set and is not "", "0" or "false". */
bool golden_in_ci(void);

enum { GOLDEN_SUMMARY, GOLDEN_SHORT, GOLDEN_FULL };
/* How the trace at fresh differs from the golden at gold, indented by two
 * spaces: the first differing line (its tick, both lines), how many lines
 * differ and in which streams, then (GOLDEN_SHORT: the first 40 lines of,
 * GOLDEN_FULL: all of) `diff -u`. Returns the number of differing lines,
 * or -1 when a file cannot be read (reported). */
long golden_report(FILE *f, const char *gold, const char *fresh, int how);

#endif
