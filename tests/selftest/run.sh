#!/bin/sh
# run.sh - `make selftest`: proves that the test runner and the suites fail
# when they should. Every check below must come out as expected, or this
# script fails; it ends with `N passed, N failed` like tests/run.sh.
#
# 1. tests/run.sh's own rules, on made-up suites: a suite that passes passes;
#    one that exits non-zero after an `ok`, one that prints nothing, one that
#    prints a `skip` and one that prints `not ok` each fail.
# 2. Every suite that runs HW, pointed at a broken stand-in (HW=crash, wrong,
#    empty; see the scripts here) on a cut-down case list (HW_CASES), must
#    fail through tests/run.sh: exit status non-zero and a last line
#    `N passed, M failed` with M > 0. `wrong` changes only traces, so only the
#    suites that compare traces must catch it.
#   HW_REAL   the real binary the stand-ins wrap (default build/highwater)
cd "$(dirname "$0")/../.." || exit 2
HW_REAL=${HW_REAL:-$(pwd)/build/highwater}
export HW_REAL
[ -x "$HW_REAL" ] || { echo "not ok selftest ($HW_REAL is not built: make)"; exit 1; }
HW_CASES="video-to-slow-client chain-3-transforms alias"
export HW_CASES
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# expect WANT NAME CMD...: WANT is pass or fail; the command's last line must
# be run.sh's `N passed, N failed` and agree with its exit status.
expect() {
    want=$1 name=$2
    shift 2
    rc=0
    "$@" >"$tmp/$name.out" 2>&1 || rc=$?
    last=$(tail -n 1 "$tmp/$name.out")
    got=neither
    if echo "$last" | grep -Eqx '[0-9]+ passed, 0 failed' && [ "$rc" -eq 0 ]; then got=pass
    elif echo "$last" | grep -Eqx '[0-9]+ passed, [1-9][0-9]* failed' && [ "$rc" -ne 0 ]; then got=fail
    fi
    if [ "$got" = "$want" ]; then
        echo "ok $name (run.sh: $last)"
    else
        echo "not ok $name (expected the run to $want; exit status $rc, last line '$last')"
        tail -n 15 "$tmp/$name.out" | sed 's/^/#   /'
    fi
}

# 1. The runner's rules.
mkdir "$tmp/suites"
fake() { printf '#!/bin/sh\n%s\n' "$2" >"$tmp/suites/$1.sh"; }
fake passes 'echo "ok one"; echo "ok two"'
fake exits-1 'echo "ok one"; exit 1'
fake crashes 'echo "ok one"; kill -SEGV $$'
fake silent 'echo "some text, no result"'
fake skips 'echo "ok one"; echo "skip two (no tool)"'
fake fails 'echo "ok one"; echo "not ok two"'
{
    expect pass runner-passes tests/run.sh "$tmp/suites/passes.sh"
    for s in exits-1 crashes silent skips fails; do
        expect fail "runner-$s" tests/run.sh "$tmp/suites/$s.sh"
        expect fail "runner-$s-among-passing" tests/run.sh "$tmp/suites/passes.sh" "$tmp/suites/$s.sh" \
            "$tmp/suites/passes.sh"
    done
} >"$tmp/runner.results"

# 2. The suites against broken stand-ins, one stand-in per background job
# (most of the time goes in waiting, not computing).
all="20-bad-input 30-golden 40-conformance 50-explore 60-render 62-story 65-explore-view 66-classroom 70-robust 75-unbreak 80-sanitize 85-determinism 90-toolbox"
traces="30-golden 40-conformance 80-sanitize 85-determinism 90-toolbox"
for s in $all; do
    [ -f "tests/suites/$s.sh" ] || echo "not ok selftest-$s (no tests/suites/$s.sh)"
done >"$tmp/missing.results"
# standin_job STANDIN SUITE...: each suite run with HW=STANDIN must fail.
standin_job() {
    HW=tests/selftest/$1
    export HW
    job=$1
    shift
    for s in "$@"; do
        expect fail "$job-$s" tests/run.sh "$s"
    done
}
# One background job per stand-in, and 70-robust and 75-unbreak (which mostly wait on
# signals and valgrind) in one of its own.
for standin in crash empty wrong; do
    suites=$all
    [ "$standin" = wrong ] && suites=$traces
    rest=$(echo "$suites" | tr ' ' '\n' | grep -v '^7[05]-')
    robust=$(echo "$suites" | tr ' ' '\n' | grep '^7[05]-' || true)
    # shellcheck disable=SC2086
    standin_job "$standin" $rest >"$tmp/$standin.results" &
    # shellcheck disable=SC2086
    [ -z "$robust" ] || standin_job "$standin" $robust >"$tmp/$standin-robust.results" &
done
wait
cat "$tmp"/*.results >"$tmp/all"
cat "$tmp/all"
pass=$(grep -c '^ok ' "$tmp/all")
fail=$(grep -c '^not ok ' "$tmp/all")
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
