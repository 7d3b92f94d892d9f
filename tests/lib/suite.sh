# suite.sh - what every tests/suites/*.sh shares (sourced, never run alone).
#
# A suite prints one result line per case through `ok NAME [note]` or
# `not_ok NAME [why]` (or `report FILE` for result lines made elsewhere:
# a worker, node, cmocka) and ends with `suite_end`, which fails the suite
# when a case failed or when it ran no case at all. tests/README.md has the
# conventions; tests/selftest/ proves that suites fail when they should.
#
#   HW        the binary under test (default build/highwater, built here when
#             left at that default; any other path is tested as is)
#   HW_CASES  space-separated case names (a case file's name without .yaml):
#             suites that loop over case files run only those
set -u

HW=${HW:-build/highwater}
SUITE=$(basename "$0" .sh)
n_ok=0
n_fail=0

ok() {
    echo "ok $*"
    n_ok=$((n_ok + 1))
}

not_ok() {
    echo "not ok $*"
    n_fail=$((n_fail + 1))
}

# report FILE: prints result lines written by another process and counts them.
report() {
    cat "$1"
    n_ok=$((n_ok + $(grep -c '^ok ' "$1")))
    n_fail=$((n_fail + $(grep -c '^not ok ' "$1")))
}

# suite_end: exit status 1 on any failure or when no case ran.
suite_end() {
    if [ $((n_ok + n_fail)) -eq 0 ]; then
        echo "not ok $SUITE (ran no cases)"
        exit 1
    fi
    [ "$n_fail" -eq 0 ] || exit 1
    exit 0
}

# build_hw: builds build/highwater when HW is the default; any other HW must
# already be executable. Fails the whole suite with one `not ok` otherwise.
build_hw() {
    if [ "$HW" = build/highwater ]; then
        log=$(mktemp) || exit 2
        if ! make -s build/highwater >"$log" 2>&1; then
            cat "$log"
            rm -f "$log"
            echo "not ok $SUITE-build (make build/highwater failed)"
            exit 1
        fi
        rm -f "$log"
    elif [ ! -x "$HW" ]; then
        echo "not ok $SUITE-binary (HW=$HW is not an executable file)"
        exit 1
    fi
}

# case_files FILE...: the files among its arguments that HW_CASES selects
# (all of them when HW_CASES is unset), one per line.
case_files() {
    for f in "$@"; do
        [ -f "$f" ] || continue
        if [ -n "${HW_CASES:-}" ]; then
            n=${f##*/}
            n=${n%.yaml}
            case " $HW_CASES " in *" $n "*) ;; *) continue ;; esac
        fi
        echo "$f"
    done
}

# need_cmd CMD WHY: fails the whole suite when CMD is missing (a missing tool
# is a broken test machine, never a skip).
need_cmd() {
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "not ok $SUITE-needs-$1 ($1 is not installed: $2)"
        exit 1
    fi
}

# golden_case NAME FILE GOLDEN TMPDIR: `$HW run FILE` exits 0 and prints
# exactly GOLDEN; otherwise the status and the first lines of the diff.
golden_case() {
    rc=0
    "$HW" run "$2" >"$4/golden.out" 2>"$4/golden.err" || rc=$?
    if [ ! -f "$3" ]; then
        not_ok "$1 (no golden $3)"
    elif [ "$rc" -ne 0 ]; then
        not_ok "$1 (exit status $rc)"
        head -n 5 "$4/golden.err" | sed 's/^/#   stderr: /'
    elif ! cmp -s "$3" "$4/golden.out"; then
        not_ok "$1 (trace differs from $3)"
        diff "$3" "$4/golden.out" | head -n 10 | sed 's/^/#   /' || true
    else
        ok "$1"
    fi
}

# check NAME COMMAND...: ok when the command succeeds; otherwise its output
# (the first 20 lines, indented) explains the failure. Needs $tmp.
check() {
    name=$1
    shift
    if "$@" >"$tmp/why" 2>&1; then
        ok "$name"
    else
        not_ok "$name"
        sed 's/^/#   /' "$tmp/why" | head -20
    fi
}
