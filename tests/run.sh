#!/bin/sh
# run.sh - `make test`: runs every suite in tests/suites/ in name order (or
# the suites named: `tests/run.sh 30-golden tests/suites/20-bad-input.sh`)
# and ends with exactly one line of its own, `N passed, N failed`; exit
# status 1 on any failure.
# A suite prints one line per case, `ok NAME` or `not ok NAME [why]`;
# everything else it prints is shown as is, then `-- NAME: N s`, the
# suite's wall time, so the slow suites are plain in a CI log. A suite also
# fails, as one case of its own, when it exits non-zero without a `not ok`
# line, or when it printed no result at all. A `skip` line is a failure: a case that cannot run
# is a broken test machine. HW and HW_CASES (tests/lib/suite.sh) pass through
# the environment to every suite.
cd "$(dirname "$0")/.." || exit 2
HW=${HW:-build/highwater}
export HW
# CI machines export CI=true, which makes `check` keep no .trace.new; the
# suites that test that set CI themselves, the rest expect a desk.
unset CI
[ $# -gt 0 ] || set -- tests/suites/*.sh
pass=0; fail=0
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
for suite in "$@"; do
    case $suite in */*) ;; *) suite=tests/suites/${suite%.sh}.sh ;; esac
    name=$(basename "$suite" .sh)
    echo "== $name"
    t0=$(date +%s)
    if [ -f "$suite" ]; then
        sh "$suite" >"$log" 2>&1
        rc=$?
    else
        echo "no such suite" >"$log"
        rc=127
    fi
    cat "$log"
    echo "-- $name: $(($(date +%s) - t0)) s"
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    s=$(grep -c '^skip ' "$log")
    if [ "$s" -gt 0 ]; then
        echo "not ok $name ($s skip lines: a case that cannot run is a failure)"
        f=$((f + s))
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok $name (suite exited with status $rc)"
        f=1
    elif [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok $name (suite printed no result)"
        f=1
    fi
    pass=$((pass + p)); fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
