/* safetext.h - text from a scenario file, made safe to show.
 *
 * Titles, descriptions, notes and questions are the file author's text: a
 * shared file could hide terminal escape sequences in them
 * ("\e]0;pwned\a\e[2J" is a valid YAML string). Wherever such text reaches a
 * terminal or the window it goes through here first, and every character
 * that could act instead of print comes out as a visible escape:
 *
 *   line feed, tab, carriage return    \n \t \r
 *   other C0 controls and DEL          \xNN   (ESC is \x1B)
 *   C1 controls U+0080..U+009F         \u00NN (U+009B is an 8-bit CSI)
 *   bidirectional overrides/isolates   \uNNNN (U+202E and friends reorder
 *   and marks                                  what a reader sees)
 *   a byte that is not UTF-8           \xNN
 *
 * Everything else, backslashes included, is copied as is. No state.
 */
#ifndef HW_IO_SAFETEXT_H
#define HW_IO_SAFETEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* True when s needs no escape at all (the common case: nothing to copy). */
bool safetext_is_plain(const char *s);

/* Writes s escaped into out (cap > 0 bytes, always NUL-terminated, cut at
 * a character or escape boundary). Returns the length the whole escaped
 * text has, as snprintf does: a result >= cap means it was cut. */
size_t safetext_escape(char *out, size_t cap, const char *s);

/* fputs(s, f) with s escaped. Returns EOF on a write error, else >= 0. */
int safetext_fputs(const char *s, FILE *f);

#endif
