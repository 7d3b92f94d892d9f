/* like.c - the closed list of Node APIs a stream may stand for (like.h). */
#include "scenario/like.h"

#include <string.h>

#define KS (1u << SK_SOURCE)
#define KT (1u << SK_TRANSFORM)
#define KK (1u << SK_SINK)

static const char *const names[LIKE__COUNT] = {
    [LIKE_NONE] = "",
    [LIKE_FS_READ] = "fs.createReadStream",
    [LIKE_FS_WRITE] = "fs.createWriteStream",
    [LIKE_HTTP_REQUEST] = "http.IncomingMessage",
    [LIKE_HTTP_RESPONSE] = "http.ServerResponse",
    [LIKE_HTTP_CLIENT] = "http.ClientRequest",
    [LIKE_NET_SOCKET] = "net.Socket",
    [LIKE_STDIN] = "process.stdin",
    [LIKE_STDOUT] = "process.stdout",
    [LIKE_GZIP] = "zlib.createGzip",
    [LIKE_GUNZIP] = "zlib.createGunzip",
    [LIKE_DEFLATE] = "zlib.createDeflate",
    [LIKE_INFLATE] = "zlib.createInflate",
};

static const unsigned kinds[LIKE__COUNT] = {
    [LIKE_FS_READ] = KS, [LIKE_FS_WRITE] = KK,
    [LIKE_HTTP_REQUEST] = KS, [LIKE_HTTP_RESPONSE] = KK, [LIKE_HTTP_CLIENT] = KK,
    [LIKE_NET_SOCKET] = KS | KK, [LIKE_STDIN] = KS, [LIKE_STDOUT] = KK,
    [LIKE_GZIP] = KT, [LIKE_GUNZIP] = KT, [LIKE_DEFLATE] = KT, [LIKE_INFLATE] = KT,
};

const char *like_name(int like)
{
    return like > LIKE_NONE && like < LIKE__COUNT ? names[like] : "";
}

unsigned like_kinds(int like)
{
    return like > LIKE_NONE && like < LIKE__COUNT ? kinds[like] : 0;
}

int like_find(const char *s, size_t len)
{
    for (int i = LIKE_NONE + 1; i < LIKE__COUNT; i++)
        if (strlen(names[i]) == len && !memcmp(s, names[i], len))
            return i;
    return LIKE_NONE;
}

const char *const *like_names(void)
{
    return names + 1;
}
