#!/bin/sh
# The bad-input corpus: for each tests/bad/NAME.yaml, `highwater run` must exit
# with status 2, print nothing on stdout, and print exactly tests/bad/NAME.err
# on stderr. One line per case: `ok NAME`, or `not ok NAME (why)` followed by
# the expected and actual stderr.
hw=build/highwater
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if ! make -s "$hw" >"$tmp/log" 2>&1; then
    cat "$tmp/log"
    echo "not ok bad-input-build"
    exit 1
fi
for f in tests/bad/*.yaml; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .yaml)
    want=tests/bad/$name.err
    "$hw" run "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
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
        echo "ok $name"
        continue
    fi
    echo "not ok $name ($why)"
    # Indented, so nothing in them reads as a result line.
    [ -f "$want" ] && sed 's/^/  expected: /' "$want"
    sed 's/^/  got:      /' "$tmp/err"
    [ -s "$tmp/out" ] && head -n 5 "$tmp/out" | sed 's/^/  stdout:   /'
done
exit 0
