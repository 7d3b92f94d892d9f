#!/bin/sh
# difftest.sh - random differential testing: scenarios generated from seeds
# (build/tools/scengen, tests/gen/) are run by the model (`highwater run`)
# and by real Node (`highwater export-js | node`); the traces must agree line
# for line once `note` lines are dropped (as in tests/suites/40-conformance.sh).
#
#   tools/difftest.sh seeds OUT SEED...  one result line per seed into OUT:
#                                        `SEED MAJOR VERDICT` (verdicts below)
#   tools/difftest.sh compare FILE       one scenario; exit status = verdict,
#                                        the first difference on stdout
#   tools/difftest.sh same CODE FILE     exit 0 when FILE's verdict is CODE
#                                        (the shrinker's test)
#   tools/difftest.sh fuzz N SEED        `make conformance-fuzz`: seeds SEED..
#                                        SEED+N-1 on all cores; each one that
#                                        does not agree is printed, written to
#                                        $DIFF_OUT/seed-SEED.yaml and shrunk to
#                                        seed-SEED.min.yaml; exit 1 if any
#
# Verdicts: 0 agree, 1 traces differ, 3 highwater run failed, 4 export-js
# failed, 5 node failed or timed out, 6 no Node binary for the major.
# The Node for major M is build/node/M/bin/node, else `node` on PATH when its
# major is M; a seed whose major has neither fails (verdict 6), never skips.
#
# Environment: HW (build/highwater), SCENGEN (build/tools/scengen),
# SCENGEN_OPTS (passed to scengen, e.g. "--majors 20 --max-ticks 30"),
# DIFF_JOBS (all cores), DIFF_OUT (build/difffound), DIFF_SHRINK (findings
# shrunk, 20), DIFF_TIMEOUT (seconds per program, 60).
cd "$(dirname "$0")/.." || exit 2

HW=${HW:-build/highwater}
SCENGEN=${SCENGEN:-build/tools/scengen}
SCENGEN_OPTS=${SCENGEN_OPTS:-}
DIFF_OUT=${DIFF_OUT:-build/difffound}
DIFF_TIMEOUT=${DIFF_TIMEOUT:-60}

verdict_name() {
    case $1 in
    0) echo agree ;; 1) echo differ ;; 3) echo model-failed ;; 4) echo export-failed ;;
    5) echo node-failed ;; 6) echo no-node ;; *) echo "status-$1" ;;
    esac
}

# Sets nodebin to the Node binary for major $1, or returns 1. PATH's node is
# asked its version once per process (starting node is most of a seed's cost).
path_node_version=
node_for() {
    nodebin=
    case $1 in *[!0-9]*|'') return 1 ;; esac
    if [ -x "build/node/$1/bin/node" ]; then
        nodebin=build/node/$1/bin/node
        return 0
    fi
    [ -n "$path_node_version" ] || path_node_version=$(node --version 2>/dev/null) || path_node_version=missing
    case $path_node_version in
    "v$1".*) nodebin=node ;;
    *) return 1 ;;
    esac
}

# compare FILE DIR: the verdict as exit status; details on stdout as `#` lines.
# Every output file is capped at DIFF_MAX_KIB (a generated trace is a few
# hundred KiB at most; more is a generator bug and fails, never fills a disk).
compare() {
    f=$1 d=$2
    ulimit -f $((${DIFF_MAX_KIB:-65536} * 2)) 2>/dev/null
    if ! timeout "$DIFF_TIMEOUT" "$HW" run "$f" > "$d/model.raw" 2> "$d/model.err"; then
        echo "#   highwater run failed: $(head -c 200 "$d/model.err")"
        return 3
    fi
    if [ ! -s "$d/model.raw" ]; then
        echo "#   highwater run printed nothing"
        return 3
    fi
    # the major the model ran, from the trace header
    ran=$(sed -n '1s/.* node=\([0-9]*\).*/\1/p' "$d/model.raw")
    if ! node_for "$ran"; then
        echo "#   no Node ${ran:-?} binary (build/node/${ran:-?}/bin/node, or node on PATH is ${path_node_version:-missing})"
        return 6
    fi
    if ! "$HW" export-js "$f" > "$d/prog.js" 2> "$d/export.err"; then
        echo "#   highwater export-js failed: $(head -c 200 "$d/export.err")"
        return 4
    fi
    if ! timeout "$DIFF_TIMEOUT" "$nodebin" "$d/prog.js" > "$d/node.raw" 2> "$d/node.err"; then
        echo "#   node $ran failed: $(head -c 200 "$d/node.err")"
        return 5
    fi
    awk '$3 != "note"' "$d/model.raw" > "$d/model.trace"
    awk '$3 != "note"' "$d/node.raw" > "$d/node.trace"
    cmp -s "$d/model.trace" "$d/node.trace" && return 0
    diff "$d/model.trace" "$d/node.trace" | head -n 8 | sed 's/^/#   /'
    return 1
}

# One scenario file in a scratch directory of its own.
compare_file() {
    d=$(mktemp -d "${TMPDIR:-/tmp}/hw-diff.XXXXXX") || return 2
    compare "$1" "$d"
    rc=$?
    rm -rf "$d"
    return $rc
}

# seeds OUT SEED...: appends `SEED MAJOR VERDICT` per seed to OUT, details to OUT.log.
seeds() {
    out=$1
    shift
    d=$(mktemp -d "${TMPDIR:-/tmp}/hw-diff.XXXXXX") || exit 2
    for s in "$@"; do
        # shellcheck disable=SC2086
        if ! "$SCENGEN" "$s" $SCENGEN_OPTS > "$d/scen.yaml" 2> "$d/gen.err"; then
            echo "$s - gen-failed" >> "$out"
            { echo "# seed $s: scengen failed"; cat "$d/gen.err"; } >> "$out.log"
            continue
        fi
        major=$(sed -n 's/^node: //p' "$d/scen.yaml")
        compare "$d/scen.yaml" "$d" > "$d/details"
        rc=$?
        echo "$s ${major:--} $rc" >> "$out"
        [ "$rc" -eq 0 ] || { echo "# seed $s (node $major): $(verdict_name "$rc")"; cat "$d/details"; } >> "$out.log"
    done
    rm -rf "$d"
}

jobs_default() {
    nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2
}

fuzz() {
    n=$1 from=$2
    case $n$from in *[!0-9]*|'') echo "usage: tools/difftest.sh fuzz N SEED" >&2; exit 2 ;; esac
    [ -x "$HW" ] && [ -x "$SCENGEN" ] || { echo "difftest: build $HW and $SCENGEN first (make conformance-fuzz)" >&2; exit 2; }
    jobs=${DIFF_JOBS:-$(jobs_default)}
    work=$(mktemp -d "${TMPDIR:-/tmp}/hw-fuzz.XXXXXX") || exit 2
    trap 'rm -rf "$work"' EXIT INT TERM
    start=$(date +%s)
    echo "difftest: $n seeds from $from, $jobs jobs, scengen options: ${SCENGEN_OPTS:-none}"
    # a batch per worker call keeps the shell start-up cost small
    seq "$from" $((from + n - 1)) |
        xargs -n 20 -P "$jobs" sh -c 'out="$1"; shift; sh tools/difftest.sh seeds "$out.$$" "$@"' difftest "$work/r"
    : > "$work/all"
    : > "$work/log"
    for f in "$work"/r.*; do
        case $f in
        *.log) cat "$f" >> "$work/log" ;;
        *) cat "$f" >> "$work/all" ;;
        esac
    done
    sort -n "$work/all" -o "$work/all"
    secs=$(($(date +%s) - start))
    total=$(wc -l < "$work/all")
    echo "difftest: per major (seeds agree/total):"
    awk '{ t[$2]++; if ($3 == 0) a[$2]++ } END { for (m in t) printf "  node %s: %d/%d\n", m, a[m] + 0, t[m] }' "$work/all" | sort
    bad=$(awk '$3 != 0' "$work/all" | wc -l)
    echo "difftest: $total seeds run, $((total - bad)) agree, $bad do not, in ${secs}s"
    [ "$total" -eq "$n" ] || echo "difftest: $((n - total)) seeds gave no result"
    [ "$bad" -eq 0 ] && [ "$total" -eq "$n" ] && return 0
    mkdir -p "$DIFF_OUT"
    cat "$work/log"
    shrunk=0
    awk '$3 != 0 { print $1, $3 }' "$work/all" | while read -r s rc; do
        # shellcheck disable=SC2086
        "$SCENGEN" "$s" $SCENGEN_OPTS > "$DIFF_OUT/seed-$s.yaml" || continue
        echo "difftest: seed $s: $(verdict_name "$rc"): $DIFF_OUT/seed-$s.yaml"
        case $rc in 1|3|4|5) ;; *) continue ;; esac
        shrunk=$((shrunk + 1))
        [ "$shrunk" -le "${DIFF_SHRINK:-20}" ] || continue
        "$SCENGEN" --shrink "$DIFF_OUT/seed-$s.yaml" "$DIFF_OUT/seed-$s.min.yaml" \
            sh tools/difftest.sh same "$rc" 2>&1 | sed 's/^/  /'
    done
    return 1
}

case ${1:-} in
seeds) shift; seeds "$@" ;;
compare) compare_file "$2" ;;
same) compare_file "$3" > /dev/null; [ $? -eq "$2" ] ;;
fuzz) fuzz "$2" "$3" ;;
*) echo "usage: tools/difftest.sh seeds OUT SEED... | compare FILE | same CODE FILE | fuzz N SEED" >&2; exit 2 ;;
esac
