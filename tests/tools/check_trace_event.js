// check_trace_event.js - checks `highwater run --format chrome` output against
// the Trace Event Format's rules and against the trace of the same run.
//
//   node check_trace_event.js A.json A.trace [B.json B.trace ...]
//   (one ok / not ok line per pair; exit 1 when any pair fails)
//
// Format rules: every event has a name, a ph, a pid and a tid, and every
// event but metadata a numeric ts in microseconds (here on a tick: a multiple
// of otherData.tick_us, within the run); B/E balance per thread; X has
// dur >= 0 and X slices nest per thread; flow events s/t/f carry an id, each
// id has one s and one f (f not before s), and each binds to an X slice of
// the same pid and tid that starts at its ts; counters carry numeric args;
// every tid has a thread_name.
// Against the trace: the paused, in-flight and flow slices are exactly the
// spans the trace's pause/resume, begin/done and write ret=false/drain lines
// give; each held-callback slice starts at a tick where that transform's
// 'done' is logged and sees no begin or done of it until it ends.
"use strict";
const fs = require("fs");

function check(json, traceText) {
    const bad = [];
    const j = JSON.parse(json);
    if (!j || !Array.isArray(j.traceEvents)) return ["no traceEvents array"];
    const us = j.otherData && j.otherData.tick_us, last = j.otherData && j.otherData.last_tick;
    if (!Number.isInteger(us) || us < 1) bad.push("otherData.tick_us missing");
    const names = {}, byThread = {}, flows = {}, xs = [];
    const isInt = (v) => Number.isInteger(v);
    for (const e of j.traceEvents) {
        const where = JSON.stringify(e).slice(0, 160);
        if (typeof e.name !== "string" || !e.name) bad.push("no name: " + where);
        if (typeof e.ph !== "string" || !"MXBEiICstf".includes(e.ph) || e.ph.length !== 1) bad.push("bad ph: " + where);
        if (!isInt(e.pid) || !isInt(e.tid)) bad.push("pid/tid not integers: " + where);
        if (e.ph === "M") {
            if (e.name === "thread_name") {
                if (!e.args || typeof e.args.name !== "string") bad.push("thread_name without a name: " + where);
                else names[e.tid] = e.args.name;
            }
            continue;
        }
        if (typeof e.ts !== "number" || !Number.isFinite(e.ts) || e.ts < 0) { bad.push("bad ts: " + where); continue; }
        if (e.ts % us !== 0 || e.ts / us > last) bad.push("ts not on a tick of the run (us): " + where);
        const key = e.pid + "/" + e.tid;
        (byThread[key] = byThread[key] || []).push(e);
        if (e.ph === "X") {
            if (typeof e.dur !== "number" || !(e.dur >= 0)) bad.push("X without dur >= 0: " + where);
            else xs.push(e);
        }
        if (e.ph === "C") {
            const vals = e.args ? Object.values(e.args) : [];
            if (!vals.length || !vals.every((v) => typeof v === "number" && Number.isFinite(v))) bad.push("counter not numeric: " + where);
        }
        if ("stf".includes(e.ph)) {
            if (e.id === undefined) bad.push("flow without id: " + where);
            const f = (flows[e.id] = flows[e.id] || { s: [], t: [], f: [] });
            f[e.ph].push(e);
        }
    }
    for (const key of Object.keys(byThread)) {
        const tid = Number(key.split("/")[1]);
        if (names[tid] === undefined) bad.push("no thread_name for tid " + tid);
        const stack = [];
        for (const e of byThread[key]) {
            if (e.ph === "B") stack.push(e.name);
            if (e.ph === "E" && stack.pop() === undefined) bad.push("E without B on tid " + tid);
        }
        if (stack.length) bad.push(`${stack.length} B without E on tid ${tid}`);
        const sl = byThread[key].filter((e) => e.ph === "X").sort((a, b) => a.ts - b.ts || b.dur - a.dur);
        const open = [];
        for (const e of sl) {
            while (open.length && open[open.length - 1].ts + open[open.length - 1].dur <= e.ts) open.pop();
            const top = open[open.length - 1];
            if (top && e.ts + e.dur > top.ts + top.dur) bad.push(`X slices overlap on tid ${tid}: ${top.name}@${top.ts}+${top.dur} and ${e.name}@${e.ts}+${e.dur}`);
            open.push(e);
        }
    }
    const binds = (e) => xs.some((x) => x.pid === e.pid && x.tid === e.tid && x.ts === e.ts);
    for (const [id, f] of Object.entries(flows)) {
        if (f.s.length !== 1 || f.f.length !== 1) { bad.push(`flow ${id}: ${f.s.length} starts, ${f.f.length} ends`); continue; }
        if (f.f[0].ts < f.s[0].ts) bad.push(`flow ${id} ends before it starts`);
        for (const e of [...f.s, ...f.t, ...f.f]) if (!binds(e)) bad.push(`flow ${id} ${e.ph} binds to no slice at ts ${e.ts} on tid ${e.tid}`);
    }

    // ---- the slices against the trace ----
    const lines = traceText.split("\n").filter((l) => l && !l.startsWith("#"));
    const lastTick = Number(/ ticks=(\d+)/.exec(traceText)[1]);
    let endTick = lastTick;
    const want = [], spans = {};
    const sp = (s) => (spans[s] = spans[s] || { paused: -1, inflight: -1, bytes: 0, falseWrite: -1 });
    const events = {}; // stream -> [{tick, kind}]
    for (const l of lines) {
        const [t, s, kind, ...rest] = l.split(" ");
        const tick = Number(t);
        if (kind === "oom" || kind === "uncaught") endTick = tick;
        if (s === "-") continue;
        (events[s] = events[s] || []).push({ tick, kind });
        const st = sp(s);
        const inflightEnd = () => { if (st.inflight >= 0) want.push(`${s} in flight ${st.inflight} ${tick}`); st.inflight = -1; };
        if (kind === "pause" && st.paused < 0) st.paused = tick;
        if ((kind === "resume" || kind === "close") && st.paused >= 0) { want.push(`${s} paused ${st.paused} ${tick}`); st.paused = -1; }
        if (kind === "begin") st.inflight = tick;
        if (kind === "done" || kind === "error" || kind === "close") inflightEnd();
        if (kind === "wrote" && rest[0] === "ret=false" && st.falseWrite < 0) st.falseWrite = tick;
        if (kind === "drain") { if (st.falseWrite >= 0) want.push(`${s} flow ${st.falseWrite} ${tick}`); st.falseWrite = -1; }
    }
    for (const [s, st] of Object.entries(spans)) {
        if (st.paused >= 0) want.push(`${s} paused ${st.paused} ${endTick} open`);
        if (st.inflight >= 0) want.push(`${s} in flight ${st.inflight} ${endTick} open`);
    }
    const got = [], held = [];
    for (const e of xs) {
        const n = names[e.tid] || "";
        const m = /^(\S+) (paused|in flight|held)$/.exec(n);
        if (!m) continue;
        const from = e.ts / us, to = (e.ts + e.dur) / us, open = e.args && e.args.open ? " open" : "";
        if (m[2] === "held") held.push({ s: m[1], from, to, name: e.name });
        else got.push(`${m[1]} ${m[2]} ${from} ${to}${open}`);
    }
    for (const id of Object.keys(flows)) {
        const f = flows[id];
        if (f.s.length === 1 && f.f.length === 1) got.push(`${names[f.s[0].tid]} flow ${f.s[0].ts / us} ${f.f[0].ts / us}`);
    }
    const count = (a) => a.reduce((m, k) => ((m[k] = (m[k] || 0) + 1), m), {});
    const cw = count(want), cg = count(got);
    for (const k of new Set([...Object.keys(cw), ...Object.keys(cg)]))
        if (cw[k] !== cg[k]) bad.push(`slice "${k}": the trace gives ${cw[k] || 0}, the file has ${cg[k] || 0}`);
    for (const h of held) {
        const ev = events[h.s] || [];
        if (!ev.some((e) => e.tick === h.from && e.kind === "done")) bad.push(`${h.s} held from ${h.from}: no done at that tick`);
        if (ev.some((e) => e.tick > h.from && e.tick < h.to && (e.kind === "begin" || e.kind === "done"))) bad.push(`${h.s} held ${h.from}..${h.to}: a begin or done while held`);
    }
    return { bad, counts: { slices: got.length, held: held.length, flows: Object.keys(flows).length } };
}

// Pairs of files; one line per pair: "ok NAME counts" or "not ok NAME" and
// the problems (NAME: the JSON file's base name without .json).
const args = process.argv.slice(2);
let failed = 0;
for (let k = 0; k + 1 < args.length; k += 2) {
    const name = args[k].replace(/^.*\//, "").replace(/\.json$/, "");
    let r;
    try {
        r = check(fs.readFileSync(args[k], "utf8"), fs.readFileSync(args[k + 1], "utf8"));
    } catch (e) {
        r = { bad: [String(e)], counts: {} };
    }
    const c = r.counts;
    if (r.bad.length) {
        failed++;
        console.log(`not ok ${name}`);
        for (const b of r.bad.slice(0, 10)) console.log("#   " + b);
        if (r.bad.length > 10) console.log(`#   ... ${r.bad.length - 10} more`);
    } else {
        console.log(`ok ${name} slices=${c.slices} held=${c.held} flows=${c.flows}`);
    }
}
process.exit(failed || args.length < 2 || args.length % 2 ? 1 : 0);
