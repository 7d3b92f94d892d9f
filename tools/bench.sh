#!/bin/sh
# bench.sh - `make bench`: how fast, how flat, how seekable (issue 6).
#
# Builds with optimisation in build/bench (its own directory), measures, prints
# a table and writes it to bench-results.txt (git-ignored). Figures:
#   1. against Node, equal work: a generated 8-stream pipe (source, six
#      transforms, sink), 10^5 ticks, `highwater run --out FILE` against its
#      `export-js` program under node writing the same trace to a file; both
#      times, their ratio, and whether the traces are identical. Once at the
#      lesson scenarios' density (64 KiB chunks) and once dense (16 KiB).
#   2. the model alone: 64 streams (eight 8-stream chains, one per way of
#      wiring), 10^6 ticks, `run --summary`: ticks/s, stream-ticks/s and
#      events/s (events counted by tools/bench_model.c against sim.h).
#   3. flat memory: peak RSS of `run --summary` for 10^5, 10^6 and 10^7
#      ticks (largest / smallest, target <= 1.2), then one 10^8-tick run.
#   4. seek: jumping to random ticks of a 10^6-tick run through snapshots
#      (sim_save every K ticks, sim_load, step forward), target < 50 ms.
#   5. frames: `highwater render --bench` (software renderer, headless) at
#      1280x720 and 1920x1080 on the busiest shipped scenario, and
#      startup to first frame (a whole `render --tick 0` process).
# Every figure is the median of several runs (BENCH_RUNS, default 5; node and
# the long runs fewer). Wall time is what a user waits; CPU time (user + sys
# of the process) is steadier on a shared machine, so both are shown.
# Targets are printed beside the figures; nothing here fails on a target.
#
# Environment: BENCH_RUNS (5), BENCH_NODE_RUNS (3), BENCH_QUICK=1 (skip the
# dense Node comparison and the 10^8-tick run), BENCH_RESULTS (file).
# Disk: traces go to /dev/shm when it has room, else to $TMPDIR under a 1 GB
# budget for everything written; all of it is removed at the end.
cd "$(dirname "$0")/.." || exit 2

B=build/bench
RUNS=${BENCH_RUNS:-5}
NODE_RUNS=${BENCH_NODE_RUNS:-3}
QUICK=${BENCH_QUICK:-0}
RESULTS=${BENCH_RESULTS:-bench-results.txt}
HW=$B/highwater
BM=$B/bench_model
LONG_RUNS=$((RUNS < 3 ? RUNS : 3)) # runs of the figures that take minutes

# ---- build ----------------------------------------------------------------
echo "bench: building $B (-O2 -DNDEBUG)"
mkdir -p $B
if ! make -s BUILD=$B OPT="-O2 -DNDEBUG" $HW >$B.log 2>&1; then
    cat $B.log
    echo "bench: build failed" >&2
    exit 2
fi
objs=""
for f in sim/core/*.c sim/io/*.c sim/scenario/*.c sim/trace/*.c; do
    objs="$objs $B/obj/${f%.c}.o"
done
# shellcheck disable=SC2086
if ! cc -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -DNDEBUG \
    -Isim -o $BM tools/bench_model.c $objs $(pkg-config --cflags --libs yaml-0.1) -lm >$B.log 2>&1; then
    cat $B.log
    echo "bench: building tools/bench_model.c failed" >&2
    exit 2
fi
rm -f $B.log

# ---- where traces go --------------------------------------------------------
work=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    free_kb=$(df -Pk /dev/shm | awk 'NR == 2 { print $4 }')
    [ "${free_kb:-0}" -gt 2500000 ] && work=$(mktemp -d /dev/shm/hw-bench.XXXXXX)
fi
on_disk=0
if [ -z "$work" ]; then
    work=$(mktemp -d "${TMPDIR:-/tmp}/hw-bench.XXXXXX") || exit 2
    on_disk=1
fi
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
disk_mb=0 # written to disk so far (only counted when $work is on disk)

# budget MB: true when MB more may be written (always true on tmpfs).
budget() {
    [ $on_disk = 0 ] && return 0
    [ $((disk_mb + $1)) -le 1000 ] || return 1
    disk_mb=$((disk_mb + $1))
}

# ---- helpers ------------------------------------------------------------------
# timed OUT CMD...: runs CMD (stdout to OUT) and prints `wall cpu rss_kib status`.
timed() {
    out=$1
    shift
    $BM exec "$out" "$@" 2>"$work/timed.err" |
        sed -n 's/^wall_s=\([^ ]*\) cpu_s=\([^ ]*\) user_s=[^ ]* sys_s=[^ ]* rss_kib=\([^ ]*\) status=\(.*\)$/\1 \2 \3 \4/p'
}

median() { # numbers on stdin -> their median
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2];
                     else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# repeat N OUT CMD...: N timed runs; leaves `wall cpu rss status` lines in $work/rep.
repeat() {
    n=$1
    shift
    : >"$work/rep"
    i=0
    while [ $i -lt "$n" ]; do
        timed "$@" >>"$work/rep"
        i=$((i + 1))
    done
}
col() { awk -v c="$1" '{ print $c }' "$work/rep" | median; }
bad_status() { awk '$4 != 0 { bad = 1 } END { exit !bad }' "$work/rep"; }

results=$work/results.txt
say() { printf '%s\n' "$*" | tee -a "$results"; }
row() { # label, value, target
    printf '  %-44s %-34s %s\n' "$1" "$2" "$3" | tee -a "$results"
}
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { printf f, v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }

# ---- generated scenarios ----------------------------------------------------------
# chain8 NAME CHUNK: source, six transforms, sink; the sink is the bottleneck,
# so backpressure travels up the whole chain, as in the lessons.
chain8() {
    cat <<EOF
name: $1
ticks: 100000
streams:
  - {id: src, kind: source, chunk: $2, rate: 64KiB}
  - {id: t1, kind: transform, rate: 48KiB}
  - {id: t2, kind: transform, rate: 48KiB}
  - {id: t3, kind: transform, rate: 40KiB}
  - {id: t4, kind: transform, rate: 40KiB}
  - {id: t5, kind: transform, rate: 32KiB}
  - {id: t6, kind: transform, rate: 32KiB}
  - {id: dst, kind: sink, rate: $3}
wiring:
  - pipe: [src, t1, t2, t3, t4, t5, t6, dst]
EOF
}

# model64: eight 8-stream chains, one per way of wiring (pipe, pipeline,
# promisesPipeline, manual, forAwait, readable loop, objectMode pipe, pipe
# with ratios and a batch), so the figure covers the whole model.
model64() {
    echo "name: bench-model-64"
    echo "ticks: 1000000"
    echo "streams:"
    for g in 0 1 2 3 4 5 6 7; do
        obj=""
        [ $g = 6 ] && obj=", objectMode: true"
        case $g in
        6) echo "  - {id: s$g, kind: source, objectMode: true, rate: 4}" ;;
        # read() loops ignore write()'s return: each stage is faster than the
        # one before it, or its buffer would grow without end
        5) echo "  - {id: s$g, kind: source, chunk: 16KiB, rate: 16KiB}" ;;
        *) echo "  - {id: s$g, kind: source, chunk: 64KiB, rate: 64KiB}" ;;
        esac
        for t in 1 2 3 4 5 6; do
            case $g in
            5) r=$((16 + t * 4))KiB ;;
            6) r=$((4 - t / 3)) ;;
            *) r=$((64 - t * 6))KiB ;;
            esac
            extra=""
            [ $g = 7 ] && [ $t = 2 ] && extra=", ratio: 1/2"
            [ $g = 7 ] && [ $t = 4 ] && extra=", ratio: 2"
            [ $g = 7 ] && [ $t = 5 ] && extra=", batch: 2"
            echo "  - {id: g${g}t$t, kind: transform, rate: $r$obj$extra}"
        done
        case $g in 5) r=48KiB ;; 6) r=1 ;; *) r=16KiB ;; esac
        echo "  - {id: k$g, kind: sink, rate: $r$obj}"
    done
    echo "wiring:"
    for g in 0 1 2 3 4 5 6 7; do
        chain="s$g, g${g}t1, g${g}t2, g${g}t3, g${g}t4, g${g}t5, g${g}t6, k$g"
        case $g in
        0 | 6 | 7) echo "  - pipe: [$chain]" ;;
        1) echo "  - pipeline: [$chain]" ;;
        2) echo "  - promisesPipeline: [$chain]" ;;
        *)
            case $g in 3) w=manual ;; 4) w=forAwait ;; *) w=readable ;; esac
            prev=s$g
            for n in g${g}t1 g${g}t2 g${g}t3 g${g}t4 g${g}t5 g${g}t6 k$g; do
                echo "  - $w: [$prev, $n]"
                prev=$n
            done
            ;;
        esac
    done
}

# longrun: a slow client behind a pipeline of transforms, endless: the kind
# of run left going for hours; about one event every three ticks.
longrun() {
    cat <<'EOF'
name: bench-long-run
ticks: 1000
streams:
  - {id: file, kind: source, chunk: 64KiB, rate: 64KiB}
  - {id: t1, kind: transform, rate: 32KiB}
  - {id: t2, kind: transform, rate: 16KiB, ratio: 1/2}
  - {id: t3, kind: transform, rate: 8KiB}
  - {id: t4, kind: transform, rate: 4KiB, ratio: 2}
  - {id: t5, kind: transform, rate: 2KiB}
  - {id: t6, kind: transform, rate: 1KiB, batch: 4}
  - {id: socket, kind: sink, rate: 256}
wiring:
  - pipeline: [file, t1, t2, t3, t4, t5, t6, socket]
EOF
}

chain8 bench-vs-node 64KiB 16KiB >"$work/vs-node.yaml"
chain8 bench-vs-node-dense 16KiB 24KiB >"$work/vs-node-dense.yaml"
model64 >"$work/model64.yaml"
longrun >"$work/longrun.yaml"

# ---- header -------------------------------------------------------------------
: >"$results"
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
say "highwater bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git describe --always --dirty 2>/dev/null || echo '?')"
say "machine: $(nproc 2>/dev/null || echo '?') CPUs ($cpu), load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
say "medians of $RUNS runs (node: $NODE_RUNS, 64-stream and 10^7-tick figures: $LONG_RUNS); wall / CPU (user+sys) seconds"
[ $on_disk = 1 ] && say "traces written to $work (disk, 1 GB budget)" || say "traces written to tmpfs ($work)"
say ""

# ---- 1. against Node ---------------------------------------------------------------
vs_node() { # NUMBER LABEL YAML
    num=$1 label=$2 yaml=$3
    say "$num against Node, equal work: $label (8 streams, 10^5 ticks, full trace to a file)"
    if ! command -v node >/dev/null 2>&1; then
        row "node" "not installed: not measured" ""
        say ""
        return
    fi
    # The first run shows the trace's size, for the disk budget.
    timed "$work/sim.trace" $HW run "$yaml" >"$work/rep"
    mb=$(($(wc -c <"$work/sim.trace") / 1048576 + 1))
    budget "$mb" || true
    lines=$(wc -l <"$work/sim.trace")
    n=1
    while [ $n -lt "$RUNS" ] && budget "$mb"; do
        timed "$work/sim.trace" $HW run "$yaml" >>"$work/rep"
        n=$((n + 1))
    done
    sim_wall=$(col 1) sim_cpu=$(col 2)
    if ! $HW export-js "$yaml" >"$work/prog.js" 2>"$work/export.err"; then
        row "export-js" "failed: $(head -c 120 "$work/export.err")" ""
        say ""
        return
    fi
    : >"$work/rep"
    n=0
    while [ $n -lt "$NODE_RUNS" ] && budget "$mb"; do
        timed "$work/node.trace" node "$work/prog.js" >>"$work/rep"
        n=$((n + 1))
    done
    if [ ! -s "$work/rep" ]; then
        row "node" "not run: the 1 GB disk budget is spent" ""
        say ""
        return
    fi
    node_wall=$(col 1) node_cpu=$(col 2)
    if cmp -s "$work/sim.trace" "$work/node.trace"; then
        same="identical ($lines lines, $(fmt "$((lines / 100000))" '%d') per tick)"
    else
        at=$(cmp "$work/sim.trace" "$work/node.trace" 2>&1 | sed -n 's/.*line \([0-9]*\).*/\1/p')
        same="DIFFERENT from line ${at:-?} (of $lines)"
    fi
    rm -f "$work/sim.trace" "$work/node.trace"
    row "highwater run --out" "$(fmt "$sim_wall" '%.3f') s / $(fmt "$sim_cpu" '%.3f') s CPU" ""
    row "node (exported program) > file" "$(fmt "$node_wall" '%.2f') s / $(fmt "$node_cpu" '%.2f') s CPU" ""
    row "ratio node / highwater (wall, CPU)" "$(ratio "$node_wall" "$sim_wall")x, $(ratio "$node_cpu" "$sim_cpu")x" "target >= 200x"
    row "CPU per trace line (highwater, node)" "$(awk -v c="$sim_cpu" -v l="$lines" 'BEGIN { printf "%.0f ns", c / l * 1e9 }'), $(awk -v c="$node_cpu" -v l="$lines" 'BEGIN { printf "%.0f ns", c / l * 1e9 }')" ""
    row "traces" "$same" "must be identical"
    say ""
}
vs_node 1. "lesson density (64 KiB chunks)" "$work/vs-node.yaml"
if [ "$QUICK" = 1 ]; then
    say "1b. dense variant skipped (BENCH_QUICK=1)"
    say ""
else
    vs_node 1b. "dense (16 KiB chunks)" "$work/vs-node-dense.yaml"
fi

# ---- 2. the model alone ------------------------------------------------------------
say "2. the model alone: 64 streams, 10^6 ticks, run --summary"
repeat "$LONG_RUNS" /dev/null $HW run "$work/model64.yaml" --summary
m_wall=$(col 1) m_cpu=$(col 2)
ev=$($BM events "$work/model64.yaml" | sed -n 's/.*events=\([0-9]*\).*/\1/p')
ticks=1000001 # tick 0 included
row "time" "$(fmt "$m_wall" '%.2f') s / $(fmt "$m_cpu" '%.2f') s CPU" ""
row "ticks per second (wall, CPU)" "$(awk -v t=$ticks -v w="$m_wall" -v c="$m_cpu" 'BEGIN { printf "%.3g, %.3g", t / w, t / c }')" ""
row "stream-ticks per second (wall, CPU)" "$(awk -v t=$ticks -v w="$m_wall" -v c="$m_cpu" 'BEGIN { printf "%.3g, %.3g", 64 * t / w, 64 * t / c }')" ""
row "events per second (wall, CPU)" "$(awk -v e="$ev" -v w="$m_wall" -v c="$m_cpu" 'BEGIN { printf "%.3g, %.3g", e / w, e / c }') ($ev events)" ""
say ""

# ---- 3. flat memory --------------------------------------------------------------------
say "3. flat memory: peak RSS of run --summary (8-stream endless pipeline)"
rss_list=""
for t in 100000 1000000 10000000; do
    n=$RUNS
    [ $t = 10000000 ] && n=$LONG_RUNS
    repeat "$n" /dev/null $HW run "$work/longrun.yaml" --ticks $t --summary
    rss=$(col 3)
    rss_list="$rss_list $rss"
    row "$(fmt "$t" '%.0e') ticks" "$(fmt "$rss" '%.0f') KiB RSS, $(fmt "$(col 1)" '%.2f') s / $(fmt "$(col 2)" '%.2f') s CPU" ""
done
flat=$(echo "$rss_list" | tr ' ' '\n' | awk 'NF { if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 }
                                             END { printf "%.3f", max / min }')
row "largest / smallest" "$flat" "target <= 1.2"
if [ "$QUICK" = 1 ]; then
    row "10^8 ticks" "skipped (BENCH_QUICK=1)" ""
else
    repeat 1 /dev/null $HW run "$work/longrun.yaml" --ticks 100000000 --summary
    st=$(col 4)
    if [ "$st" = 0 ]; then st=completed; else st="FAILED, status $st"; fi
    row "10^8 ticks ($st)" "$(fmt "$(col 3)" '%.0f') KiB RSS, $(fmt "$(col 1)" '%.1f') s / $(fmt "$(col 2)" '%.1f') s CPU" ""
    row "  ticks per second (wall)" "$(awk -v w="$(col 1)" 'BEGIN { printf "%.3g", 1e8 / w }')" ""
fi
say ""

# ---- 4. seek --------------------------------------------------------------------------------
say "4. seek: 200 jumps to random ticks of a 10^6-tick run (the 8-stream pipe of 1.)"
for k in 1000 10000; do
    $BM seek "$work/vs-node.yaml" 1000000 $k 200 >"$work/seek" 2>&1
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$work/seek"; }
    if [ -z "$(get median_ms)" ]; then
        row "snapshot every $k ticks" "failed: $(head -c 100 "$work/seek")" ""
        continue
    fi
    wrong=$(get wrong)
    [ "$wrong" = 0 ] && wrong="" || wrong=", $wrong WRONG landings"
    row "snapshot every $k ticks ($(get snapshot_mib) MiB)" "median $(get median_ms) ms, p90 $(get p90_ms), max $(get max_ms)$wrong" "target < 50 ms"
done
say ""

# ---- 5. frames --------------------------------------------------------------------------------
say "5. frames: software renderer, headless"
if ! $HW render --help >/dev/null 2>&1; then
    row "render" "not yet measurable (highwater render is not available)" ""
elif ! $HW render --help 2>/dev/null | grep -q -- --bench; then
    row "render" "not yet measurable (render has no --bench)" ""
else
    # The busiest shipped scenario: the most trace lines per tick (what the
    # event log, flashes and moving chunks draw), then the most streams.
    # BENCH_FRAME_SCENARIO picks another.
    busiest=${BENCH_FRAME_SCENARIO:-$(for f in scenarios/*.yaml; do
        $HW run "$f" 2>/dev/null | awk -v f="$f" '
            NR == 1 { n = split($0, h, "ticks="); split(h[2], t, " "); ticks = t[1] + 1 }
            $1 == 0 && $3 == "state" { streams++ }
            END { if (ticks > 0) printf "%.3f %d %s\n", (NR - 1) / ticks, streams, f }'
    done | sort -k1,1gr -k2,2nr | head -n 1 | cut -d' ' -f3)}
    say "  scenario: $busiest ($($HW run "$busiest" 2>/dev/null | awk 'NR > 1 { n++; t = $1 } END { printf "%.0f trace lines per tick", n / (t + 1) }'))"
    for size in 1280x720 1920x1080; do
        : >"$work/frames"
        i=0
        while [ $i -lt "$LONG_RUNS" ]; do
            $HW render "$busiest" --size $size --bench 60 2>/dev/null |
                sed -n 's/.*median_ms=\([^ ]*\).*/\1/p' >>"$work/frames"
            i=$((i + 1))
        done
        ms=$(median <"$work/frames")
        row "frame at $size (median of medians)" "$ms ms" "target < 8 ms"
    done
    repeat "$RUNS" /dev/null $HW render "$busiest" --tick 0 --size 1280x720 --out "$work/first.png"
    row "startup to first frame (process, PNG incl.)" "$(awk -v w="$(col 1)" 'BEGIN { printf "%.0f ms", w * 1000 }')" "target < 200 ms"
    rm -f "$work/first.png"
fi
say ""
[ $on_disk = 1 ] && say "written to disk: about $disk_mb MB (budget 1000 MB)"
cp "$results" "$RESULTS"
echo "bench: results in $RESULTS"
