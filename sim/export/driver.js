// ---------------------------------------------------------------------------
// The highwater driver. Everything above this line belongs to one scenario;
// everything below is the same in every exported program.
//
// It builds the scenario's streams from Node's own Readable / Writable /
// Transform classes, lets wire() connect them, and then plays the tick
// schedule of docs/tick-and-trace.md: every piece of stream work (a timeline
// action, a write or transform completing, a push) runs in its own
// setImmediate callback, so that Node settles (all process.nextTick callbacks
// and promise reactions) between two pieces of work, exactly as the simulator
// assumes. The driver only observes: it wraps emit / push / write and its own
// _read / _write / _transform hooks to print trace lines, and it never adds a
// listener that could change what Node does.
// ---------------------------------------------------------------------------
(function highwaterDriver(scenario, wireStreams) {
  const { Readable, Writable, Transform } = require('node:stream');
  const fs = require('node:fs');

  if (!process.version.startsWith(`v${scenario.node}.`)) {
    process.stderr.write(`highwater: this program was exported for Node v${scenario.node}; ` +
      `${process.version} may print a different trace\n`);
  }

  // Events of interest; everything else (newListener, ...) is not traced.
  const TRACED_EVENTS = new Set(['data', 'readable', 'drain', 'pause', 'resume', 'end',
    'prefinish', 'finish', 'close', 'error', 'pipe', 'unpipe']);
  const FLUSH_AT = 1 << 16;
  // In a scenario with content, chunk lines also show the chunk's bytes and text.
  const WITH_CONTENT = scenario.streams.some((d) => d.content !== undefined);
  const WITH_KEEP = scenario.streams.some((d) => d.keep !== undefined);

  // ---- output: the trace is collected in a string and written in big pieces,
  // synchronously, so that process.exit() can never cut it short.
  const out = { text: '', tick: 0 };

  function line(subject, kind, keys) {
    out.text += keys === undefined
      ? `${out.tick} ${subject} ${kind}\n`
      : `${out.tick} ${subject} ${kind} ${keys}\n`;
  }

  // Never from Buffer's shared 8 KiB pool: which pool slab a small Buffer of
  // the application lands in must not depend on the driver (see `keep`).
  function unpooled(text) {
    const buf = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    buf.write(text);
    return buf;
  }

  function flush() {
    const buf = unpooled(out.text);
    out.text = '';
    let off = 0;
    while (off < buf.length) {
      try {
        off += fs.writeSync(1, buf, off);
      } catch (e) {
        if (e.code === 'EPIPE') process.exit(0);   // the reader went away (| head)
        if (e.code !== 'EAGAIN') throw e;          // a non-blocking pipe that is full
      }
    }
  }

  // ---- chunks and errors

  // `bytes=` in the trace: a Buffer's length, or the size an object stands for.
  function bytesOf(chunk) {
    if (chunk instanceof Uint8Array) return chunk.length;
    if (typeof chunk === 'string') return Buffer.byteLength(chunk);
    return chunk !== null && typeof chunk === 'object' && typeof chunk.size === 'number' ? chunk.size : 0;
  }

  function makeChunk(bytes, objectMode) {
    return objectMode ? { size: bytes } : Buffer.alloc(bytes);
  }

  // The keys of a `data`, `write` or `begin` line: a string chunk is shown as
  // it is, a Buffer decoded on its own, as an application printing it would.
  function chunkKeys(chunk) {
    if (!WITH_CONTENT) return `bytes=${bytesOf(chunk)}`;
    if (typeof chunk === 'string') {
      return `bytes=${Buffer.byteLength(chunk)} chars=${chunk.length} text=${JSON.stringify(chunk)}`;
    }
    if (Buffer.isBuffer(chunk)) return `bytes=${chunk.length} text=${JSON.stringify(chunk.toString('utf8'))}`;
    return `bytes=${bytesOf(chunk)}`;
  }

  function makeError(code) {
    return Object.assign(new Error(code), { code });
  }

  // Our errors and Node's own carry a string `code`; anything else is named by its class.
  function codeOf(err) {
    if (err !== null && typeof err === 'object') {
      if (typeof err.code === 'string' && err.code !== '') return err.code;
      if (typeof err.name === 'string' && err.name !== '') return err.name;
    }
    return 'Error';
  }

  // ceil(bytes * num / den) without losing precision above 2^53.
  function scaled(bytes, ratio) {
    const [num, den] = ratio.map(BigInt);
    return Number((BigInt(bytes) * num + den - 1n) / den);
  }

  // ---- the streams

  // Per-stream bookkeeping of the schedule; Node's state is only ever read
  // through the stream's public getters.
  function makeEntry(def) {
    const kind = def.kind;
    return {
      def,
      id: def.id,
      kind,
      stream: null,
      content: def.content !== undefined ? unpooled(def.content) : null,
      contentOffset: 0,     // source: where in the (repeated) content the next chunk starts
      kept: [],             // sink with `keep`: what the application holds on to
      hasReadable: kind !== 'sink',
      hasWritable: kind !== 'source',
      readableObjectMode: kind === 'transform' ? def.readableObjectMode : kind === 'source' && def.objectMode,
      writableObjectMode: kind === 'transform' ? def.writableObjectMode : kind === 'sink' && def.objectMode,
      rate: def.rate,
      budget: 0,            // work left in the current tick
      inflight: null,       // {bytes, work, done, cb, fail, chunks} given to _write/_writev/_transform
      failCode: null,       // a `fail` waiting for the next chunk
      outstanding: false,   // source: a _read has not been answered yet
      progress: 0,          // source: work done on the next chunk
      accumulated: 0,       // ignoresBackpressure source: work not yet pushed
      produced: 0,          // source: units pushed
      eofPushed: false,
      batchCount: 0,        // transform: completions in the current batch
      batchBytes: 0,        // transform: their input bytes
      lastState: null,
    };
  }

  // Readable.from() of an array of `total` objects: Node's own _read pushes
  // them (highWaterMark 1 object unless the scenario gives one, as from()
  // does). The driver only wraps that _read to log its calls.
  function buildFrom(e) {
    const d = e.def;
    const items = Array.from({ length: d.total }, () => ({ size: d.objectSize }));
    const source = d.highWaterMark === 1
      ? Readable.from(items)
      : Readable.from(items, { highWaterMark: d.highWaterMark });
    const read = source._read;
    source._read = function (size) {
      line(e.id, 'read', `size=${size}`);
      return read.call(this, size);
    };
    return source;
  }

  function buildSource(e) {
    if (e.def.from === 'array') return buildFrom(e);
    const source = new Readable({
      highWaterMark: e.def.highWaterMark,
      objectMode: e.def.objectMode,
      read(size) {
        line(e.id, 'read', `size=${size}`);
        e.outstanding = true;
      },
    });
    if (e.def.encoding !== undefined) source.setEncoding(e.def.encoding);
    return source;
  }

  // A chunk's own memory, like Buffer.alloc() (never the shared pool) but not
  // zero-filled: nothing ever looks at the bytes of a chunk without content,
  // and zero-filling them was a sixth of the exported program's time.
  function chunkMemory(bytes) {
    return Buffer.allocUnsafeSlow(bytes);
  }

  // The next `bytes` bytes of the source's content, repeated as needed, in a
  // Buffer of their own.
  function sourceChunk(e, bytes) {
    const buf = chunkMemory(bytes);
    const content = e.content;
    if (content === null) return buf;
    let at = 0;
    while (at < bytes) {
      const from = e.contentOffset % content.length;
      const n = Math.min(bytes - at, content.length - from);
      content.copy(buf, at, from, from + n);
      at += n;
      e.contentOffset += n;
    }
    return buf;
  }

  function buildTransform(e) {
    const d = e.def;
    return new Transform({
      readableHighWaterMark: d.readableHighWaterMark,
      writableHighWaterMark: d.writableHighWaterMark,
      readableObjectMode: d.readableObjectMode,
      writableObjectMode: d.writableObjectMode,
      transform(chunk, encoding, cb) {
        receive(e, [chunk], cb, false);
      },
      flush(cb) {
        if (e.batchCount > 0) passOutput(e, takeBatch(e), cb);
        else cb();
      },
    });
  }

  function buildSink(e) {
    const d = e.def;
    const options = {
      highWaterMark: d.highWaterMark,
      objectMode: d.objectMode,
      write(chunk, encoding, cb) {
        receive(e, [chunk], cb, false);
      },
    };
    if (d.writev) {
      options.writev = function (entries, cb) {
        receive(e, entries.map((entry) => entry.chunk), cb, true);
      };
    }
    return new Writable(options);
  }

  // A chunk (or a _writev batch) reaches the stream's own code.
  function receive(e, chunks, cb, isWritev) {
    let bytes = 0;
    let work = 0;
    for (const c of chunks) {
      bytes += bytesOf(c);
      work += e.writableObjectMode ? 1 : bytesOf(c);
    }
    line(e.id, 'begin', isWritev ? `bytes=${bytes} chunks=${chunks.length}` : chunkKeys(chunks[0]));
    const job = { bytes, work, done: 0, cb, fail: null, chunks };
    e.inflight = job;
    if (e.failCode !== null) {
      job.fail = e.failCode;
      e.failCode = null;
    } else if (e.def.sync && e.budget >= work) {
      // Like net.Socket with room in the kernel buffer: done before _write returns.
      e.budget -= work;
      job.done = work;
      complete(e, job, null);
    }
  }

  // The stream's own work on `job` is over: say so, then call Node back.
  function complete(e, job, failCode) {
    e.inflight = null;
    if (failCode !== null) {
      line(e.id, 'done', `bytes=${job.bytes} error=${failCode}`);
      job.cb(makeError(failCode));
      return;
    }
    line(e.id, 'done', `bytes=${job.bytes}`);
    if (e.kind !== 'transform') {
      if (e.def.keep !== undefined) for (const chunk of job.chunks) keep(e, chunk);
      job.cb();
      return;
    }
    e.batchCount += 1;
    e.batchBytes += job.bytes;
    if (e.batchCount < e.def.batch) job.cb();
    else passOutput(e, takeBatch(e), job.cb);
  }

  // A transform's output goes to its callback whole, or, with outChunk (as
  // zlib hands out at most chunkSize bytes at a time), as this.push() of each
  // piece followed by cb().
  function passOutput(e, out, cb) {
    const max = e.def.outChunk;
    if (!max || !Buffer.isBuffer(out) || out.length <= max) {
      cb(null, out);
      return;
    }
    for (let at = 0; at < out.length; at += max)
      e.stream.push(chunkMemory(Math.min(max, out.length - at)));
    cb();
  }

  // The application keeps the first `keep` bytes of a chunk it has written:
  // a view that pins the memory the chunk lives in, or a copy of its own.
  // `retained` counts each pinned ArrayBuffer once: a small string written to
  // a Writable became a Buffer in a shared 8 KiB pool slab, and that is what
  // a slice of it keeps alive.
  // What it keeps is what wire()'s `keep` for the sink returns.
  function keep(e, chunk) {
    const kept = appCall(e.id, 'keep', [chunk]);
    e.kept.push(kept);
    if (!run.pinned.has(kept.buffer)) {
      run.pinned.add(kept.buffer);
      run.retained += kept.buffer.byteLength;
    }
  }

  function takeBatch(e) {
    const bytes = e.batchBytes;
    e.batchCount = 0;
    e.batchBytes = 0;
    return e.readableObjectMode ? { size: e.def.objectSize } : chunkMemory(scaled(bytes, e.def.ratio));
  }

  // Logging wrappers on the instance: they see the calls Node's own code makes
  // too (pipe's dest.write(), Transform's this.push()), and change nothing.
  function instrument(e, ids) {
    const s = e.stream;
    const emit = s.emit;
    s.emit = function (event, arg) {
      if (TRACED_EVENTS.has(event)) traceEvent(e, event, arg, ids);
      return emit.apply(this, arguments);
    };
    if (e.hasReadable) {
      const push = s.push;
      s.push = function (chunk) {
        if (chunk === null) line(e.id, 'push', 'eof=true');
        else if (e.content !== null) line(e.id, 'push', `bytes=${bytesOf(chunk)} hex="${chunk.toString('hex')}"`);
        else line(e.id, 'push', `bytes=${bytesOf(chunk)}`);
        const ret = push.apply(this, arguments);
        line(e.id, 'pushed', `ret=${ret}`);
        return ret;
      };
    }
    if (e.hasWritable) {
      const write = s.write;
      s.write = function (chunk) {
        line(e.id, 'write', chunkKeys(chunk));
        const ret = write.apply(this, arguments);
        line(e.id, 'wrote', `ret=${ret}`);
        return ret;
      };
    }
  }

  function traceEvent(e, event, arg, ids) {
    switch (event) {
      case 'data':
        line(e.id, 'data', chunkKeys(arg));
        break;
      case 'error':
        line(e.id, 'error', `code=${codeOf(arg)}`);
        if (e.stream.listenerCount('error') === 0) run.unhandled = arg;
        break;
      case 'pipe':
      case 'unpipe':
        line(e.id, event, `src=${ids.get(arg) ?? '?'}`);
        break;
      default:
        line(e.id, event);
    }
  }

  // ---- the run

  const run = {
    entries: [],
    byId: new Map(),
    unhandled: undefined,   // the argument of an 'error' emitted with no listener
    retained: 0,            // bytes pinned by what keep sinks hold
    pinned: new Set(),      // the ArrayBuffers counted in `retained`
    nextAction: 0,
    over: false,
    lastMem: null,
    app: {},                // what wire() returned: the application's calls
  };

  const report = {
    // pipeline()'s callback and promises.pipeline()'s settlement.
    pipeline(last, err) {
      const e = run.entries.find((x) => x.stream === last);
      line(e ? e.id : '-', 'pipeline', `error=${err ? codeOf(err) : 'null'}`);
    },
  };

  function setup() {
    const ids = new Map();
    const named = {};
    for (const def of scenario.streams) {
      const e = makeEntry(def);
      const build = { source: buildSource, transform: buildTransform, sink: buildSink }[def.kind];
      e.stream = build(e);
      ids.set(e.stream, e.id);
      instrument(e, ids);
      if (def.handleErrors) e.stream.on('error', () => {});
      run.entries.push(e);
      run.byId.set(e.id, e);
      named[e.id] = e.stream;
    }
    run.app = wireStreams(named, report) || {};
  }

  // The application's own calls: wire() returns them by stream id, and the
  // timeline's actions (and a keep sink's completed writes) call them.
  function appCall(id, name, args) {
    const fn = Object.hasOwn(run.app, id) ? run.app[id][name] : undefined;
    if (typeof fn !== 'function') throw new Error(`highwater: wire() returns no ${name} for ${id}`);
    return fn(...args);
  }

  function applyAction(a) {
    const e = run.byId.get(a.stream);
    let keys = `do=${a.do}`;
    if (a.dest !== undefined) keys += ` dest=${a.dest}`;
    if (a.bytes !== undefined) keys += ` bytes=${a.bytes}`;
    if (a.rate !== undefined) keys += ` rate=${a.rate}`;
    if (a.error !== undefined) keys += ` error=${a.error}`;
    line(e.id, 'action', keys);
    switch (a.do) {
      case 'rate': e.rate = a.rate; e.budget = a.rate; break;
      case 'pause':
      case 'resume':
      case 'end':
      case 'cork':
      case 'uncork': appCall(e.id, a.do, []); break;
      case 'unpipe': appCall(e.id, a.do, a.dest !== undefined ? [run.byId.get(a.dest).stream] : []); break;
      case 'pipe': appCall(e.id, a.do, [run.byId.get(a.dest).stream]); break;
      case 'write': appCall(e.id, a.do, [makeChunk(a.bytes, e.writableObjectMode)]); break;
      case 'destroy': appCall(e.id, a.do, a.error !== undefined ? [makeError(a.error)] : []); break;
      case 'fail': fail(e, a.error); break;
      default: throw new Error(`highwater: unknown action ${a.do}`);
    }
  }

  // A source's read fails the way fs.ReadStream's does; a sink's or
  // transform's failure is the callback of the chunk in flight, now or next.
  function fail(e, code) {
    if (e.kind === 'source') e.stream.destroy(makeError(code));
    else if (e.inflight !== null) complete(e, e.inflight, code);
    else e.failCode = code;
  }

  function pushChunk(e, units) {
    e.outstanding = false;   // cleared first: push() may call _read again
    if (units === null) {
      e.eofPushed = true;
      e.stream.push(null);
    } else {
      e.stream.push(e.def.objectMode ? { size: e.def.objectSize } : sourceChunk(e, units));
    }
  }

  // The generators below decide what the next piece of work is. They run at
  // the start of a macrotask, i.e. after Node has settled, and yield the work;
  // the loop runs each yielded function in a macrotask of its own.

  function* timeline(t) {
    const actions = scenario.timeline;
    while (run.nextAction < actions.length && actions[run.nextAction].at <= t) {
      const a = actions[run.nextAction++];
      if (a.note !== undefined) line('-', 'note', `text=${JSON.stringify(a.note)}`);
      else yield () => applyAction(a);
    }
  }

  function* serveWritable(e) {
    for (;;) {
      const job = e.inflight;
      if (job === null) {
        if (!e.def.sync) e.budget = 0;
        return;
      }
      if (job.fail !== null) {
        yield () => complete(e, job, job.fail);
        continue;
      }
      const need = job.work - job.done;
      if (e.budget < need) {
        job.done += e.budget;
        e.budget = 0;
        return;
      }
      e.budget -= need;
      job.done = job.work;
      yield () => complete(e, job, null);
    }
  }

  function chunkUnits(e) {
    return e.def.objectMode ? 1 : e.def.chunk;
  }

  function* serveSource(e) {
    if (e.def.from !== undefined) return;   // from() pushes inside its own _read
    if (e.def.ignoresBackpressure) {
      yield* flood(e);
      return;
    }
    while (e.outstanding && !e.eofPushed && !e.stream.destroyed) {
      const left = e.def.total - e.produced;
      if (left <= 0) {
        yield () => pushChunk(e, null);
        return;
      }
      const size = Math.min(chunkUnits(e), left);
      const need = size - e.progress;
      if (e.budget < need) {
        e.progress += e.budget;
        e.budget = 0;
        return;
      }
      e.budget -= need;
      e.progress = 0;
      e.produced += size;
      yield () => pushChunk(e, size);
    }
    e.budget = 0;
  }

  function* flood(e) {
    e.accumulated += e.budget;
    e.budget = 0;
    while (!e.eofPushed && !e.stream.destroyed) {
      const left = e.def.total - e.produced;
      if (left <= 0) {
        yield () => pushChunk(e, null);
        return;
      }
      const size = Math.min(chunkUnits(e), left);
      if (e.accumulated < size) return;
      e.accumulated -= size;
      e.produced += size;
      yield () => pushChunk(e, size);
    }
  }

  function stateOf(e) {
    const s = e.stream;
    let keys = '';
    if (e.hasReadable) {
      keys += `rlen=${s.readableLength} rflow=${s.readableFlowing} rended=${s.readableEnded} `;
    }
    if (e.hasWritable) {
      keys += `wlen=${s.writableLength} needdrain=${s.writableNeedDrain} ` +
        `wended=${s.writableEnded} wfinished=${s.writableFinished} `;
    }
    return keys + `destroyed=${s.destroyed}`;
  }

  // Buffers are external; objects (objectSize each) and strings (a byte per
  // code unit) are on the heap; kept slices and copies are `retained`.
  function memory() {
    let external = 0;
    let heap = 0;
    for (const e of run.entries) {
      if (e.hasReadable) {
        const length = e.stream.readableLength;
        if (e.readableObjectMode) heap += length * e.def.objectSize;
        else if (e.def.encoding !== undefined) heap += length;
        else external += length;
      }
      if (e.hasWritable) {
        const length = e.stream.writableLength;
        if (e.writableObjectMode) heap += length * e.def.objectSize;
        else external += length;
      }
    }
    return { external, heap, retained: run.retained, total: external + heap + run.retained };
  }

  function sample() {
    for (const e of run.entries) {
      const state = stateOf(e);
      if (state !== e.lastState) {
        line(e.id, 'state', state);
        e.lastState = state;
      }
    }
    const m = memory();
    const keys = WITH_KEEP
      ? `external=${m.external} heap=${m.heap} retained=${m.retained} total=${m.total}`
      : `external=${m.external} heap=${m.heap} total=${m.total}`;
    if (keys !== run.lastMem) {
      line('-', 'mem', keys);
      run.lastMem = keys;
    }
    if (scenario.memoryLimit && m.total > scenario.memoryLimit) {
      line('-', 'oom', `bytes=${m.total}`);
      run.over = true;
    }
  }

  function* schedule() {
    yield setup;
    sample();
    const sinks = run.entries.filter((e) => e.kind === 'sink');
    const transforms = run.entries.filter((e) => e.kind === 'transform');
    const sources = run.entries.filter((e) => e.kind === 'source');
    for (let t = 1; t <= scenario.ticks && !run.over; t++) {
      out.tick = t;
      for (const e of run.entries) e.budget = e.rate;
      yield* timeline(t);
      for (const e of sinks) yield* serveWritable(e);
      for (const e of transforms) yield* serveWritable(e);
      for (const e of sources) yield* serveSource(e);
      sample();
      if (out.text.length >= FLUSH_AT) flush();
    }
  }

  // An exception that reaches the process ends the run, as it would end a
  // server: an 'error' nobody listens to, or a throw out of a Node call.
  process.on('uncaughtException', (err) => {
    const cause = run.unhandled !== undefined ? run.unhandled : err;
    line('-', 'uncaught', `code=${codeOf(cause)}`);
    flush();
    if (run.unhandled === undefined && !(err && typeof err.code === 'string')) {
      process.stderr.write(`highwater: unexpected exception: ${err && err.stack ? err.stack : err}\n`);
      process.exit(1);
    }
    process.exit(0);
  });

  out.text += `# highwater-trace 1 scenario=${scenario.name} ticks=${scenario.ticks} node=${scenario.node}\n`;

  const steps = schedule();
  function step() {
    const next = steps.next();
    if (next.done) {
      flush();
      process.exit(0);
    }
    next.value();
    setImmediate(step);
  }
  setImmediate(step);
})(SCENARIO, wire);
