/* content.h - the bytes of a source's `content` (UTF-8 text, repeated
 * cyclically), as the lessons on Buffers and strings need them: character
 * boundaries (StringDecoder), UTF-16 lengths (a string's .length) and the
 * text a Buffer decodes to on its own (Buffer#toString('utf8'), with
 * U+FFFD for each maximal invalid subpart, as V8 and WHATWG decode). */
#ifndef HW_CONTENT_H
#define HW_CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"

/* Byte `off` of the source's content (cyclic). */
uint8_t content_byte(const StreamDef *src, int64_t off);
/* The last character boundary in (start, end], or start when none: where a
 * StringDecoder stops, holding the incomplete character back. */
int64_t content_char_boundary(const StreamDef *src, int64_t start, int64_t end);
/* The UTF-16 length of the text in bytes [a, b). */
int64_t content_utf16_len(const StreamDef *src, int64_t a, int64_t b);
/* Decodes bytes [off, off+len) on their own into UTF-8 `out` (NUL-terminated,
 * at most cap bytes; cut at a character). Returns the bytes written. */
size_t content_decode(const StreamDef *src, int64_t off, int64_t len, char *out, size_t cap);
/* Lower-case hex of bytes [off, off+len), at most cap-1 characters. */
size_t content_hex(const StreamDef *src, int64_t off, int64_t len, char *out, size_t cap);

#endif
