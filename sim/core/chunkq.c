/* chunkq.c - run-length queues of chunk sizes: a stream buffer without the bytes.
 * Consecutive chunks of one size share a run, so a buffer of a million
 * equal chunks costs one entry; a queue runs out only after CQ_CAP distinct
 * neighbouring sizes, which the caller reports as a model limit. Content
 * chunks in one queue are contiguous, so the queue keeps only the offset of
 * its first byte. */
#include "model.h"

Chunk chunk_plain(int64_t units, int64_t bytes)
{
    Chunk c = {units, bytes, -1, -1, false, 0};
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
        if (last->size == c->units && last->bytes == c->bytes &&
            (last->cid0 == 0 ? c->cid == 0 : c->cid == last->cid0 + last->count)) {
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
    r->cid0 = c->cid;
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
    if (first->size == c->units && first->bytes == c->bytes &&
        (first->cid0 == 0 ? c->cid == 0 : c->cid != 0 && c->cid == first->cid0 - 1)) {
        first->count++;
        first->cid0 = c->cid;
    } else {
        if (q->n == CQ_CAP)
            return -1;
        q->head = (q->head + CQ_CAP - 1) % CQ_CAP;
        q->n++;
        first = &q->runs[q->head];
        first->size = c->units;
        first->bytes = c->bytes;
        first->count = 1;
        first->cid0 = c->cid;
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

static int64_t sat_times(int64_t a, int64_t n)
{
    return a != 0 && n > INT64_MAX / a ? INT64_MAX : a * n;
}

/* A total that saturated at INT64_MAX (objects whose sizes add past 2^63)
 * cannot be counted down: it is summed again from the runs left, the way
 * sim_check sums it. */
static void recount(ChunkQ *q)
{
    int64_t units = 0, bytes = 0;
    for (int k = 0; k < q->n; k++) {
        const Run *r = &q->runs[(q->head + k) % CQ_CAP];
        units = sat_add(units, sat_times(r->size, r->count));
        bytes = sat_add(bytes, sat_times(r->bytes, r->count));
    }
    q->units = units;
    q->bytes = bytes;
}

Chunk cq_pop(ChunkQ *q)
{
    Run *r = &q->runs[q->head];
    Chunk c = {r->size, r->bytes, q->coff, q->csrc, q->str, r->cid0};
    bool saturated = q->units == INT64_MAX || q->bytes == INT64_MAX;
    if (r->cid0)
        r->cid0++;
    q->chunks--;
    q->units -= r->size;
    q->bytes -= r->bytes;
    if (q->coff >= 0)
        q->coff += r->bytes;
    if (--r->count == 0) {
        q->head = (q->head + 1) % CQ_CAP;
        q->n--;
    }
    if (saturated)
        recount(q);
    return c;
}

Chunk cq_take_all(ChunkQ *q)
{
    /* one chunk is returned as it is; more are concatenated into a new Buffer */
    int64_t cid = q->chunks == 1 ? q->runs[q->head].cid0 : 0;
    Chunk c = {q->units, q->bytes, q->coff, q->csrc, q->str, cid};
    cq_clear(q);
    return c;
}

/* ---- pinned source Buffers: per source, sorted disjoint intervals -------- */

static int64_t pin_into(Sim *s, int64_t *pin_lo, int64_t *pin_hi, int32_t *npin, int64_t lo, int64_t hi);

static int64_t pool_size(const Sim *s)
{
    return s->sc->node >= 24 ? 65536 : 8192;
}

int64_t pin_bytes(const Sim *s, int64_t cid, int64_t bytes)
{
    return CID_SRC(cid) == POOL_SRC ? pool_size(s) : bytes;
}

/* lib/buffer.js allocate(): under poolSize/2 from the slab (a new one when
 * it has no room), 8-byte aligned after; larger sizes get their own memory.
 * Only Node's own concatenations allocate here: the exported program's
 * Buffers are all allocUnsafeSlow or alloc, never pooled. */
int64_t alloc_unsafe_cid(Sim *s, int i, int64_t bytes)
{
    int64_t size = pool_size(s);
    if (bytes <= 0)
        return 0;
    if (bytes >= size / 2)
        return CID(i, ++s->st[i].next_serial);
    if (s->pool_slab == 0 || bytes > size - s->pool_offset) {
        s->pool_slab++;
        s->pool_offset = 0;
    }
    s->pool_offset += bytes;
    if (s->pool_offset & 7)
        s->pool_offset = (s->pool_offset | 7) + 1;
    return CID(POOL_SRC, s->pool_slab);
}

int64_t pin_ids(Sim *s, int src, int64_t lo, int64_t hi)
{
    if (src == POOL_SRC)
        return pin_into(s, s->pool_pin_lo, s->pool_pin_hi, &s->npool_pin, lo, hi);
    Stream *st = &s->st[src];
    return pin_into(s, st->pin_lo, st->pin_hi, &st->npin, lo, hi);
}

/* Adds lo..hi to sorted disjoint intervals (pin_lo/pin_hi, *npin of them). */
static int64_t pin_into(Sim *s, int64_t *pin_lo, int64_t *pin_hi, int32_t *npin, int64_t lo, int64_t hi)
{
    /* `st` names the intervals as the fields they were when only sources had them */
    struct { int64_t *pin_lo, *pin_hi; int32_t npin; } stv = {pin_lo, pin_hi, *npin}, *st = &stv;
    int64_t fresh = hi - lo + 1;
    int32_t k = 0;
    /* count what is already pinned inside lo..hi */
    for (int32_t j = 0; j < st->npin; j++) {
        int64_t a = st->pin_lo[j] > lo ? st->pin_lo[j] : lo;
        int64_t b = st->pin_hi[j] < hi ? st->pin_hi[j] : hi;
        if (a <= b)
            fresh -= b - a + 1;
    }
    if (fresh == 0)
        return 0;
    /* merge lo..hi with every interval it touches */
    int64_t nlo = lo, nhi = hi;
    int64_t keep_lo[PIN_CAP], keep_hi[PIN_CAP];
    int32_t n = 0, at = -1;
    for (int32_t j = 0; j < st->npin; j++) {
        if (st->pin_hi[j] + 1 < lo || st->pin_lo[j] > hi + 1) {
            if (at < 0 && st->pin_lo[j] > hi + 1)
                at = n;
            keep_lo[n] = st->pin_lo[j];
            keep_hi[n++] = st->pin_hi[j];
            continue;
        }
        if (st->pin_lo[j] < nlo)
            nlo = st->pin_lo[j];
        if (st->pin_hi[j] > nhi)
            nhi = st->pin_hi[j];
    }
    if (n == PIN_CAP) {
        sim_fail_limit(s, "pinned Buffers");
        return -1;
    }
    if (at < 0)
        at = n;
    for (k = 0; k < at; k++) {
        st->pin_lo[k] = keep_lo[k];
        st->pin_hi[k] = keep_hi[k];
    }
    st->pin_lo[at] = nlo;
    st->pin_hi[at] = nhi;
    for (k = at; k < n; k++) {
        st->pin_lo[k + 1] = keep_lo[k];
        st->pin_hi[k + 1] = keep_hi[k];
    }
    st->npin = n + 1;
    *npin = st->npin;
    return fresh;
}
