#!/bin/sh
# The bad-input corpus: for each tests/bad/NAME.yaml, `$HW run` must exit
# with status 2, print nothing on stdout, and print exactly tests/bad/NAME.err
# on stderr. One line per case: `ok NAME`, or `not ok NAME (why)` followed by
# the expected and actual stderr.
. tests/lib/suite.sh
set -e
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
build_hw
for f in $(case_files tests/bad/*.yaml); do
    name=$(basename "$f" .yaml)
    want=tests/bad/$name.err
    rc=0
    "$HW" run "$f" >"$tmp/out" 2>"$tmp/err" || rc=$?
    why=
    if [ ! -f "$want" ]; then
        why="no $want"
    elif [ "$rc" -ne 2 ]; then
        why="exit status $rc, expected 2"
    elif [ -s "$tmp/out" ]; then
        why="wrote to stdout"
    elif ! cmp -s "$want" "$tmp/err"; then
        why="stderr differs"
    fi
    if [ -z "$why" ]; then
        ok "$name"
        continue
    fi
    not_ok "$name ($why)"
    # Indented, so nothing in them reads as a result line.
    if [ -f "$want" ]; then sed 's/^/  expected: /' "$want"; fi
    sed 's/^/  got:      /' "$tmp/err"
    if [ -s "$tmp/out" ]; then head -n 5 "$tmp/out" | sed 's/^/  stdout:   /'; fi
done
suite_end
