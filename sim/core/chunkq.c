/* chunkq.c - run-length queues of chunk sizes: a stream buffer without the bytes.
 * Consecutive chunks of one size share a run, so a buffer of a million
 * equal chunks costs one entry; a queue runs out only after CQ_CAP distinct
 * neighbouring sizes, which the caller reports as a model limit. */
#include "model.h"

void cq_clear(ChunkQ *q)
{
    q->head = 0;
    q->n = 0;
    q->chunks = 0;
    q->units = 0;
    q->bytes = 0;
}

int cq_push(ChunkQ *q, int64_t units, int64_t bytes, int64_t count)
{
    if (count <= 0)
        return 0;
    if (q->n > 0) {
        Run *last = &q->runs[(q->head + q->n - 1) % CQ_CAP];
        if (last->size == units && last->bytes == bytes) {
            last->count += count;
            goto counted;
        }
    }
    if (q->n == CQ_CAP)
        return -1;
    Run *r = &q->runs[(q->head + q->n) % CQ_CAP];
    r->size = units;
    r->bytes = bytes;
    r->count = count;
    q->n++;
counted:
    q->chunks += count;
    q->units += units * count;
    q->bytes += bytes * count;
    return 0;
}

int64_t cq_front_units(const ChunkQ *q)
{
    return q->n ? q->runs[q->head].size : 0;
}

int64_t cq_front_bytes(const ChunkQ *q)
{
    return q->n ? q->runs[q->head].bytes : 0;
}

void cq_pop(ChunkQ *q, int64_t *units, int64_t *bytes)
{
    Run *r = &q->runs[q->head];
    *units = r->size;
    *bytes = r->bytes;
    q->chunks--;
    q->units -= r->size;
    q->bytes -= r->bytes;
    if (--r->count == 0) {
        q->head = (q->head + 1) % CQ_CAP;
        q->n--;
    }
}
