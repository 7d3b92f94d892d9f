#!/bin/sh
# 50-explore.sh - the headless explore tools: `sweep`, `run --format csv` and
# `run --format chrome` (docs/explore.md), checked against the trace itself.
#
#   sweep-*    a highWaterMark sweep from 1 KiB to 1 MiB: one row per value,
#              in order, the same with one process as with several, and every
#              column as the model explains it; bad specs exit 2, --out is whole
#   csv-NAME   (ticks run) x (streams + 1) rows; stream rows add up to the `-`
#              row, which equals the trace's `mem` total at every tick
#   chrome-NAME  parses as JSON (node); one instant per drain/pause/resume/
#              end/finish/error/oom/uncaught line of the trace, one counter
#              per state/mem line, ts = tick * tick length, names for tracks
#
# Run from the repository root by tests/run.sh; prints `ok NAME` or
# `not ok NAME` per case. HW_CASES limits the csv-/chrome- cases and the
# scenarios run-format-trace compares.
. tests/lib/suite.sh
NODE=${NODE:-node}
build_hw
need_cmd "$NODE" "the chrome cases parse their JSON with node"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT


# ---- sweep ----

# A fast source piped into a slow socket: the socket's rate bounds the run,
# so buffering changes memory and the number of pauses, never the throughput.
cat > "$tmp/pipe.yaml" <<'EOF'
name: sweep-pipe
ticks: 300
streams:
  - {id: file, kind: source, highWaterMark: 16KiB, chunk: 16KiB, total: 2MiB, rate: 64KiB}
  - {id: socket, kind: sink, rate: 16KiB}
wiring:
  - pipe: [file, socket]
EOF

sweep_rows() {
    $HW sweep "$tmp/pipe.yaml" --vary socket.highWaterMark=1KiB..1MiB > "$tmp/sweep.csv" || return 1
    head -1 "$tmp/sweep.csv" | grep -qx 'socket.highWaterMark,peak.file,peak.socket,peak_total,bytes_through,finish_tick,pauses,drains,status' ||
        { echo "header: $(head -1 "$tmp/sweep.csv")"; return 1; }
    n=$(($(wc -l < "$tmp/sweep.csv") - 1))
    [ "$n" -eq 11 ] || { echo "$n rows, expected 11 (1KiB, 2KiB, ... 1MiB)"; return 1; }
}
check sweep-rows sweep_rows

# Every row as the model explains it:
# - values double from 1024 to 1048576, in the order written;
# - write() accepts a whole chunk whatever the highWaterMark, so below the
#   16 KiB chunk the socket's peak is one chunk; above, its buffer fills to
#   exactly the highWaterMark (a multiple of the chunk);
# - total peak memory never falls as the highWaterMark grows;
# - the socket is the bottleneck: all 2 MiB get through, finishing at the
#   same tick for every value; pauses never rise, and each 'drain' answers a
#   pause (the last pause may still be waiting when the source ends);
# - every run ends normally.
sweep_values() {
    awk -F, 'NR == 1 { next }
        {
            want = 1024 * 2 ^ (NR - 2)
            if ($1 != want) { print "row " NR-1 ": value " $1 ", expected " want; bad = 1 }
            peak = $1 < 16384 ? 16384 : $1
            if ($3 != peak) { print "value " $1 ": socket peak " $3 ", expected " peak; bad = 1 }
            if (NR > 2 && $4 < last_total) { print "value " $1 ": total peak fell to " $4; bad = 1 }
            if ($5 != 2097152) { print "value " $1 ": " $5 " bytes through, expected 2097152"; bad = 1 }
            if (NR > 2 && $6 != first_finish) { print "value " $1 ": finished at " $6 ", not " first_finish; bad = 1 }
            if ($6 == "") { print "value " $1 ": no finish tick"; bad = 1 }
            if (NR > 2 && $7 > last_pauses) { print "value " $1 ": pauses rose to " $7; bad = 1 }
            if ($8 > $7 || $8 < $7 - 1) { print "value " $1 ": " $8 " drains for " $7 " pauses"; bad = 1 }
            if ($9 != "done") { print "value " $1 ": status " $9; bad = 1 }
            if (NR == 2) first_finish = $6
            last_total = $4; last_pauses = $7
        }
        END { exit bad }' "$tmp/sweep.csv"
}
check sweep-values sweep_values

# The order and the numbers do not depend on how many processes ran them.
sweep_jobs() {
    $HW sweep "$tmp/pipe.yaml" --vary file.rate=1KiB..256KiB:1KiB -j 1 > "$tmp/j1.csv" &&
        $HW sweep "$tmp/pipe.yaml" --vary file.rate=1KiB..256KiB:1KiB -j 3 > "$tmp/j3.csv" &&
        [ "$(wc -l < "$tmp/j1.csv")" -eq 257 ] && cmp "$tmp/j1.csv" "$tmp/j3.csv"
}
check sweep-jobs sweep_jobs

# Hundreds of runs in seconds (reported; the machine is shared, so not judged).
start=$(date +%s.%N 2>/dev/null)
$HW sweep "$tmp/pipe.yaml" --vary socket.rate=1KiB..500KiB:1KiB > /dev/null
end=$(date +%s.%N 2>/dev/null)
echo "# sweep: 500 runs of 300 ticks in $(echo "$end - $start" | bc 2>/dev/null || echo '?') s"

# Other targets and value forms run too; the CSV keeps them as written.
sweep_forms() {
    $HW sweep "$tmp/pipe.yaml" --vary memoryLimit=none,20KiB -j 2 > "$tmp/m.csv" || return 1
    sed -n 2p "$tmp/m.csv" | grep -q '^none,.*,done$' || { cat "$tmp/m.csv"; return 1; }
    sed -n 3p "$tmp/m.csv" | grep -q '^20480,.*,oom$' || { cat "$tmp/m.csv"; return 1; }
    $HW sweep "$tmp/pipe.yaml" --vary 'socket.rate=8MiB/s,16MiB/s' > "$tmp/r.csv" || return 1
    cut -d, -f1 "$tmp/r.csv" | tr '\n' ' ' | grep -qx 'socket.rate 8388608 16777216 ' || { cat "$tmp/r.csv"; return 1; }
    $HW sweep "$tmp/pipe.yaml" --vary ticks=10,20 > "$tmp/t.csv" || return 1
    # Cut short before the source ends: nothing finished, so no finish tick.
    sed -n 2p "$tmp/t.csv" | grep -q '^10,.*,,[0-9]*,[0-9]*,done$' || { cat "$tmp/t.csv"; return 1; }
}
check sweep-forms sweep_forms

# Bad input: exit 2, a message on stderr, nothing on stdout.
sweep_bad() {
    for spec in socket.highWaterMark=8..1 nosuch.rate=1 file.ratio=2 socket.highWaterMark=0..1MiB:1 \
                socket.highWaterMark=16kib ticks=0; do
        $HW sweep "$tmp/pipe.yaml" --vary "$spec" > "$tmp/out" 2> "$tmp/err"
        rc=$?
        [ $rc -eq 2 ] || { echo "$spec: exit $rc"; return 1; }
        [ -s "$tmp/out" ] && { echo "$spec: printed to stdout"; return 1; }
        [ -s "$tmp/err" ] || { echo "$spec: no message"; return 1; }
    done
    $HW sweep "$tmp/pipe.yaml" > /dev/null 2>&1; [ $? -eq 2 ] || { echo "no --vary: not 2"; return 1; }
    $HW sweep "$tmp/pipe.yaml" --vary ticks=5 -j 0 > /dev/null 2>&1; [ $? -eq 2 ] || { echo "-j 0: not 2"; return 1; }
}
check sweep-bad sweep_bad

# --out: the file appears whole, with no temporary left beside it.
sweep_out() {
    $HW sweep "$tmp/pipe.yaml" --vary socket.highWaterMark=1KiB..4KiB --out "$tmp/o.csv" > "$tmp/stdout" || return 1
    [ ! -s "$tmp/stdout" ] && [ "$(wc -l < "$tmp/o.csv")" -eq 4 ] || return 1
    ls "$tmp" | grep -q 'o.csv.tmp' && { echo "temporary file left"; return 1; }
    $HW sweep "$tmp/pipe.yaml" --vary nosuch.rate=1 --out "$tmp/no.csv" 2>/dev/null
    [ ! -e "$tmp/no.csv" ]
}
check sweep-out sweep_out

# ---- run --format ----

# `run` itself is unchanged: --format trace is the trace.
run_trace_same() {
    for f in $(case_files scenarios/*.yaml); do
        $HW run "$f" > "$tmp/a" && $HW run "$f" --format trace > "$tmp/b" && cmp -s "$tmp/a" "$tmp/b" ||
            { echo "$f: --format trace differs from the trace"; return 1; }
    done
    f=$(ls scenarios/*.yaml | head -1)
    $HW run "$f" --summary --format csv >/dev/null 2>&1; [ $? -eq 2 ] || { echo "--summary with csv"; return 1; }
    $HW run "$f" --format xml >/dev/null 2>&1; [ $? -eq 2 ] || { echo "--format xml"; return 1; }
}
check run-format-trace run_trace_same

# csv: row count and totals against the trace of the same run.
csv_case() { # FILE
    $HW run "$1" > "$tmp/trace" && $HW run "$1" --format csv > "$tmp/csv" || return 1
    awk '
        BEGIN { died = -1 }
        FNR == NR {   # the trace: streams, last tick, mem total per tick
            if ($1 == "#") { for (i = 2; i <= NF; i++) if ($i ~ /^ticks=/) last = substr($i, 7); next }
            if ($1 == 0 && $3 == "state") streams++
            if ($2 == "-" && $3 == "mem")
                for (i = 4; i <= NF; i++) if ($i ~ /^total=/) mem[$1] = substr($i, 7)
            # An uncaught error ends its tick before the sample: no mem line.
            if ($3 == "uncaught" || $3 == "oom") last = $1
            if ($3 == "uncaught") died = $1
            next
        }
        FNR == 1 {
            if ($0 != "tick,stream,rlen,wlen,flowing,needdrain,destroyed,memory") { print "header " $0; bad = 1 }
            next
        }
        {
            rows++
            split($0, c, ",")
            if (c[2] != "-") { sum[c[1]] += c[8]; next }
            if (c[1] in mem) total = mem[c[1]]
            if (c[8] != sum[c[1]]) { print "tick " c[1] ": streams add up to " sum[c[1]] ", - row says " c[8]; bad = 1 }
            if (c[8] != total && c[1] != died) { print "tick " c[1] ": - row " c[8] ", trace mem " total; bad = 1 }
        }
        END {
            want = (last + 1) * (streams + 1)
            if (rows != want) { print rows " rows, expected (" last "+1) ticks x (" streams "+1) = " want; bad = 1 }
            exit bad
        }' "$tmp/trace" "$tmp/csv"
}

# chrome: parses, and matches the trace event for event. One node process
# checks every case (node starts slowly); it prints the ok / not ok lines.
chrome_all() { # DIR holding NAME.trace and NAME.json
    "$NODE" -e '
        const fs = require("fs"), path = require("path");
        const dir = process.argv[1];
        const instants = ["drain", "pause", "resume", "end", "finish", "error", "oom", "uncaught", "note"];
        const inc = (m, k) => { m[k] = (m[k] || 0) + 1; };
        for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".trace")).sort()) {
            const name = f.slice(0, -6), bad = [];
            try {
                const lines = fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter((l) => l);
                const j = JSON.parse(fs.readFileSync(path.join(dir, name + ".json"), "utf8"));
                const us = j.otherData.tick_us, names = {}, want = {}, got = {};
                let last = Number(/ ticks=(\d+)/.exec(lines[0])[1]);
                for (const l of lines.slice(1)) {
                    const [tick, subject, kind] = l.split(" ");
                    if (instants.includes(kind)) inc(want, `i ${kind} ${subject}`);
                    if (kind === "state") inc(want, `C ${subject} ${subject}`);
                    if (kind === "mem") inc(want, "C memory -");
                    if (kind === "oom" || kind === "uncaught") last = Number(tick);
                }
                want["i end of run -"] = 1;
                for (const e of j.traceEvents) {
                    if (e.ph === "M") { if (e.name === "thread_name") names[e.tid] = e.args.name; continue; }
                    if ("Xsf".includes(e.ph)) continue; // slices and flows: 90-toolbox checks them
                    if (e.pid !== 1 || typeof e.ts !== "number") bad.push("bad event " + JSON.stringify(e));
                    if (e.ts % us !== 0) bad.push("ts not on a tick: " + JSON.stringify(e));
                    const who = e.tid === 1 ? "-" : names[e.tid];
                    if (who === undefined) bad.push("no thread_name for tid " + e.tid);
                    inc(got, `${e.ph} ${e.name} ${who}`);
                }
                for (const k of new Set([...Object.keys(want), ...Object.keys(got)]))
                    if (want[k] !== got[k]) bad.push(`${k}: trace ${want[k] || 0}, chrome ${got[k] || 0}`);
                if (j.otherData.last_tick !== last) bad.push(`last_tick ${j.otherData.last_tick}, expected ${last}`);
            } catch (e) {
                bad.push(String(e));
            }
            if (bad.length) console.log(`not ok chrome-${name}\n` + bad.slice(0, 10).map((b) => "#   " + b).join("\n"));
            else console.log(`ok chrome-${name}`);
        }
    ' "$1"
}

mkdir "$tmp/chrome"
for f in $(case_files scenarios/*.yaml tests/conformance/*.yaml); do
    case_name=$(basename "$f" .yaml)
    check "csv-$case_name" csv_case "$f"
    $HW run "$f" > "$tmp/chrome/$case_name.trace" 2>/dev/null
    $HW run "$f" --format chrome > "$tmp/chrome/$case_name.json" 2>/dev/null
done
rc=0
chrome_all "$tmp/chrome" >"$tmp/chrome.results" 2>&1 || rc=$?
report "$tmp/chrome.results"
[ "$rc" -eq 0 ] || not_ok "chrome (node exited with status $rc)"
suite_end
