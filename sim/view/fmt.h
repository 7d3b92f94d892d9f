/* fmt.h - numbers as a class reads them: "16 KiB", "1.5 MiB/s", "250 ms".
 * Each writes a NUL-terminated string into buf and returns buf. */
#ifndef HW_VIEW_FMT_H
#define HW_VIEW_FMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

char *fmt_bytes(int64_t v, char *buf, size_t len);
/* Bytes, or "N objects" on an objectMode side. */
char *fmt_units(int64_t v, bool objects, char *buf, size_t len);
/* Bytes per second. */
char *fmt_rate(double bytes_per_s, char *buf, size_t len);
/* Microseconds as us / ms / s. */
char *fmt_duration(int64_t us, char *buf, size_t len);
/* An integer with thin groups: 1 234 567. */
char *fmt_int(int64_t v, char *buf, size_t len);

#endif
