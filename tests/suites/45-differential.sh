#!/bin/sh
# 45-differential.sh - random differential testing: the model against real
# Node on scenarios nobody wrote by hand.
#
# Cases:
#   scengen-check      every scenario the generator writes for seeds
#                      1..20000 loads, and together they use every feature of
#                      the format the generator knows (scengen --check)
#   shrink-selftest    the shrinker reduces a generated scenario to the part
#                      a predicate needs, and the result loads
#   diff-SEED          for seeds 1..200: `highwater run` and `highwater
#                      export-js | node` print the same trace once `note`
#                      lines are dropped (tools/difftest.sh); the seed picks
#                      the Node major among DIFF_MAJORS; a major without a
#                      Node binary fails
#
# Scenarios have 3 to 40 ticks and small rates, so 200 seeds cost about
# 70 s of CPU, 35 s on two idle cores (mostly Node's start-up).
# Node binaries: build/node/M/bin/node (`make nodes`), else `node` on PATH
# when it is vM.
#
# Nothing is left out: every major, every feature the generator knows. (To
# keep a known model gap out while it is fixed, scengen has --no-shared-async
# and --no-end-into-pipeline; say so here when one is used.)
#
# Reproduce a failing seed: build/tools/scengen SEED --majors 20,22,24,26 --max-ticks 40
# > f.yaml; tools/difftest.sh compare f.yaml; `make conformance-fuzz` shrinks.
#   HW        the binary under test (default build/highwater)
#   SCENGEN   the generator (default build/tools/scengen)

. tests/lib/suite.sh
SCENGEN=${SCENGEN:-build/tools/scengen}
DIFF_MAJORS=${DIFF_MAJORS:-20,22,24,26}
FIRST=1
COUNT=200
MAX_TICKS=40
OPTS="--majors $DIFF_MAJORS --max-ticks $MAX_TICKS"

# wanted NAME: the case is selected by HW_CASES (all are when it is unset).
wanted() {
    [ -z "${HW_CASES:-}" ] && return 0
    case " $HW_CASES " in *" $1 "*) return 0 ;; esac
    return 1
}

build_hw
if [ "$SCENGEN" = build/tools/scengen ]; then
    make -s build/tools/scengen > /dev/null 2>&1 || { echo "not ok $SUITE-build (make build/tools/scengen failed)"; exit 1; }
elif [ ! -x "$SCENGEN" ]; then
    echo "not ok $SUITE-scengen (SCENGEN=$SCENGEN is not an executable file)"
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hw-45.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT INT TERM

# ---- the generator's own promise ----
# shellcheck disable=SC2086
if ! wanted scengen-check; then
    :
elif "$SCENGEN" --check 1 20000 $OPTS > "$work/check" 2>&1; then
    ok "scengen-check ($(tail -n 1 "$work/check" | sed 's/^# //'))"
else
    sed 's/^/#   /' "$work/check" | head -n 40
    not_ok scengen-check
fi

# ---- the shrinker: keep a forAwait wire, drop everything else ----
# A seed whose scenario has a forAwait wire among other streams and actions.
seed=
wanted shrink-selftest || seed=none
for s in $(seq 1 200); do
    [ -z "$seed" ] || break
    # shellcheck disable=SC2086
    "$SCENGEN" "$s" $OPTS > "$work/big.yaml" || break
    if grep -q '{forAwait:' "$work/big.yaml" && grep -q '^timeline:' "$work/big.yaml" &&
        [ "$(grep -c 'kind:' "$work/big.yaml")" -ge 4 ]; then
        seed=$s
        break
    fi
done
cat > "$work/keeps.sh" <<EOF
"$HW" run "\$1" > /dev/null 2>&1 && grep -q '{forAwait:' "\$1"
EOF
if [ "$seed" = none ]; then
    :
elif [ -z "$seed" ]; then
    not_ok "shrink-selftest (no seed in 1..200 has forAwait, a timeline and 4 streams)"
elif ! "$SCENGEN" --shrink "$work/big.yaml" "$work/small.yaml" sh "$work/keeps.sh" > "$work/shrink.log" 2>&1; then
    sed 's/^/#   /' "$work/shrink.log"
    not_ok "shrink-selftest (seed $seed: scengen --shrink failed)"
elif ! "$HW" run "$work/small.yaml" > /dev/null 2> "$work/small.err"; then
    sed 's/^/#   /' "$work/small.yaml" "$work/small.err"
    not_ok "shrink-selftest (seed $seed: the shrunk scenario does not run)"
elif [ "$(grep -c 'kind:' "$work/small.yaml")" -ne 2 ] || grep -q '^timeline:' "$work/small.yaml" ||
    ! grep -q '{forAwait:' "$work/small.yaml"; then
    sed 's/^/#   /' "$work/small.yaml"
    not_ok "shrink-selftest (seed $seed: expected 2 streams, one forAwait wire, no timeline)"
else
    ok "shrink-selftest (seed $seed: $(wc -l < "$work/big.yaml") -> $(wc -l < "$work/small.yaml") lines)"
fi

# ---- the seeds, two jobs ----
seeds=
for s in $(seq "$FIRST" $((FIRST + COUNT - 1))); do
    wanted "diff-$s" && seeds="$seeds $s"
done
set -- $seeds
if [ $# -gt 0 ]; then
    half=$((($# + 1) / 2))
    first_half=$(echo "$seeds" | tr ' ' '\n' | grep . | head -n "$half")
    second_half=$(echo "$seeds" | tr ' ' '\n' | grep . | tail -n +$((half + 1)))
    : > "$work/r1"
    : > "$work/r2"
    HW=$HW SCENGEN=$SCENGEN SCENGEN_OPTS=$OPTS sh tools/difftest.sh seeds "$work/r1" $first_half &
    p1=$!
    HW=$HW SCENGEN=$SCENGEN SCENGEN_OPTS=$OPTS sh tools/difftest.sh seeds "$work/r2" $second_half &
    p2=$!
    rc1=0
    rc2=0
    wait "$p1" || rc1=$?
    wait "$p2" || rc2=$?
    [ "$rc1" -eq 0 ] && [ "$rc2" -eq 0 ] || not_ok "$SUITE-workers (exit statuses $rc1 and $rc2)"
    cat "$work/r1" "$work/r2" > "$work/all"
    cat "$work/r1.log" "$work/r2.log" > "$work/log" 2>/dev/null || true
fi
for s in $seeds; do
    line=$(awk -v s="$s" '$1 == s' "$work/all")
    major=$(echo "$line" | cut -d' ' -f2)
    verdict=$(echo "$line" | cut -d' ' -f3)
    if [ -z "$line" ]; then
        not_ok "diff-$s (no result)"
    elif [ "$verdict" = 0 ]; then
        ok "diff-$s node=$major"
    else
        awk -v s="# seed $s " 'index($0, s) == 1 { on = 1; print; next } /^# seed / { on = 0 } on' "$work/log"
        not_ok "diff-$s node=$major (verdict $verdict: tools/difftest.sh compare on the scenario of seed $s)"
    fi
done
suite_end
