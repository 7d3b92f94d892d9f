/* chunkq.c - run-length queues of chunk sizes: a stream buffer without the bytes.
 * Consecutive chunks of one size share a run, so a buffer of a million
 * equal chunks costs one entry; a queue runs out only after CQ_CAP distinct
 * neighbouring sizes, which the caller reports as a model limit. Content
 * chunks in one queue are contiguous, so the queue keeps only the offset of
 * its first byte. */
#include "model.h"

Chunk chunk_plain(int64_t units, int64_t bytes)
{
    Chunk c = {units, bytes, -1, -1, false};
    return c;
}

void cq_clear(ChunkQ *q)
{
    q->head = 0;
    q->n = 0;
    q->chunks = 0;
    q->units = 0;
    q->bytes = 0;
    q->coff = -1;
    q->csrc = -1;
    q->str = false;
}

int cq_push(ChunkQ *q, const Chunk *c)
{
    if (q->chunks == 0) {
        q->coff = c->coff;
        q->csrc = c->csrc;
        q->str = c->str;
    }
    if (q->n > 0) {
        Run *last = &q->runs[(q->head + q->n - 1) % CQ_CAP];
        if (last->size == c->units && last->bytes == c->bytes) {
            last->count++;
            goto counted;
        }
    }
    if (q->n == CQ_CAP)
        return -1;
    Run *r = &q->runs[(q->head + q->n) % CQ_CAP];
    r->size = c->units;
    r->bytes = c->bytes;
    r->count = 1;
    q->n++;
counted:
    q->chunks++;
    q->units = sat_add(q->units, c->units);
    q->bytes = sat_add(q->bytes, c->bytes); /* objects' sizes can add past 2^63 */
    return 0;
}

int cq_unshift(ChunkQ *q, const Chunk *c)
{
    if (q->chunks == 0)
        return cq_push(q, c);
    Run *first = &q->runs[q->head];
    if (first->size == c->units && first->bytes == c->bytes) {
        first->count++;
    } else {
        if (q->n == CQ_CAP)
            return -1;
        q->head = (q->head + CQ_CAP - 1) % CQ_CAP;
        q->n++;
        first = &q->runs[q->head];
        first->size = c->units;
        first->bytes = c->bytes;
        first->count = 1;
    }
    q->coff = c->coff;
    q->chunks++;
    q->units = sat_add(q->units, c->units);
    q->bytes = sat_add(q->bytes, c->bytes);
    return 0;
}

int64_t cq_front_units(const ChunkQ *q)
{
    return q->n ? q->runs[q->head].size : 0;
}

Chunk cq_pop(ChunkQ *q)
{
    Run *r = &q->runs[q->head];
    Chunk c = {r->size, r->bytes, q->coff, q->csrc, q->str};
    q->chunks--;
    q->units -= r->size;
    q->bytes -= r->bytes;
    if (q->coff >= 0)
        q->coff += r->bytes;
    if (--r->count == 0) {
        q->head = (q->head + 1) % CQ_CAP;
        q->n--;
    }
    return c;
}

Chunk cq_take_all(ChunkQ *q)
{
    Chunk c = {q->units, q->bytes, q->coff, q->csrc, q->str};
    cq_clear(q);
    return c;
}
