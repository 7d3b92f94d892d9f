/* encoding.h - is a scenario file UTF-8 text? Asked before any parsing.
 *
 * A scenario must be UTF-8 (a UTF-8 byte-order mark is allowed). Files
 * saved as UTF-16 or UTF-32 (with a byte-order mark, or recognised by the
 * NUL bytes every ASCII character brings along) and files with bytes that
 * are not UTF-8 (Latin-1, Windows-1252) are refused as a whole, at 1:1,
 * with what the file is and what to do: positions counted in such a file's
 * bytes would point at the wrong place (libyaml reads UTF-16 itself, and
 * its marks would then be neither bytes nor characters of what the editor
 * shows). No state, no I/O.
 */
#ifndef HW_SCENARIO_ENCODING_H
#define HW_SCENARIO_ENCODING_H

#include <stddef.h>

/* 0 when text (len bytes) is UTF-8. Otherwise -1 with msg set to one line
 * without position, e.g. "this file is UTF-16 (little-endian); save it as
 * UTF-8". */
int encoding_check(const char *text, size_t len, char *msg, size_t cap);

#endif
