/* like.h - the Node APIs a stream may stand for (`like:` in a scenario).
 *
 * A closed list: the reader accepts exactly these names (anything else is a
 * file:line:col error with a did-you-mean), the writer writes the name back,
 * and the exporter shows, beside wire(), the code a student would write with
 * that API. The model ignores `like`: it changes no trace. Every entry is a
 * byte stream, so an objectMode side cannot be `like` anything.
 * Documented in docs/scenario-format.md ("like") and docs/highwater.1.
 */
#ifndef HW_SCENARIO_LIKE_H
#define HW_SCENARIO_LIKE_H

#include <stddef.h>

#include "core/scenario.h"

typedef enum {
    LIKE_NONE,
    LIKE_FS_READ,        /* fs.createReadStream     source */
    LIKE_FS_WRITE,       /* fs.createWriteStream    sink */
    LIKE_HTTP_REQUEST,   /* http.IncomingMessage    source: a server's request body */
    LIKE_HTTP_RESPONSE,  /* http.ServerResponse     sink: a server's response */
    LIKE_HTTP_CLIENT,    /* http.ClientRequest      sink: an upload, http.request() */
    LIKE_NET_SOCKET,     /* net.Socket              source or sink */
    LIKE_STDIN,          /* process.stdin           source */
    LIKE_STDOUT,         /* process.stdout          sink */
    LIKE_GZIP,           /* zlib.createGzip         transform */
    LIKE_GUNZIP,         /* zlib.createGunzip       transform */
    LIKE_DEFLATE,        /* zlib.createDeflate      transform */
    LIKE_INFLATE,        /* zlib.createInflate      transform */
    LIKE__COUNT
} LikeApi;

/* The name as written in YAML ("fs.createReadStream"); "" for LIKE_NONE. */
const char *like_name(int like);
/* Which stream kinds it fits: a bit (1u << StreamKind) per kind. 0 for LIKE_NONE. */
unsigned like_kinds(int like);
/* The entry whose name is s[0..len), or LIKE_NONE (case-sensitive, as Node). */
int like_find(const char *s, size_t len);
/* All names, for error messages and did-you-mean: names[0..LIKE__COUNT-1). */
const char *const *like_names(void);

#endif
