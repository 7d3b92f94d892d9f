#!/bin/sh
# 40-conformance.sh - the model against real Node, trace line by trace line.
#
# For every scenarios/*.yaml and tests/conformance/*.yaml, `highwater run FILE`
# and `highwater export-js FILE | node` must print the same trace once `note`
# lines (narration, third field `note`) are dropped from both. Node is the
# reference (docs/tick-and-trace.md). On a difference the case shows both
# sides' lines of the first tick that differs, around the first differing line.
#
# Run from the repository root by tests/run.sh; prints `ok NAME` or
# `not ok NAME` per case, NAME being the file without .yaml. A missing node
# or one that is not v20 fails the suite (one `not ok conformance-node`).
# Cases run two at a time; their reports are printed in file order.
#   sh tests/suites/40-conformance.sh [FILE.yaml...]   (default: all)

. tests/lib/suite.sh
NODE=${NODE:-node}
TIMEOUT_S=${CONFORMANCE_TIMEOUT:-300}

case_name() {
    echo "${1%.yaml}"
}

# Prints both traces' lines of the tick that holds the first differing line.
show_difference() {
    awk -v CTX=3 -v MAX=12 '
        FNR == NR { m[FNR] = $0; mn = FNR; next }
        { n[FNR] = $0; nn = FNR }
        END {
            for (l = 1; l <= mn || l <= nn; l++)
                if (!(l in m) || !(l in n) || m[l] != n[l]) break
            tm = (l in m) ? m[l] : ""; split(tm, fm, " ")
            tn = (l in n) ? n[l] : ""; split(tn, fn, " ")
            tick = (l in m) ? fm[1] : fn[1]
            if ((l in m) && (l in n) && fn[1] + 0 < fm[1] + 0) tick = fn[1]
            printf "#   first difference at line %d, tick %s (model | node):\n", l, tick
            side("model", m, mn, l, tick)
            side("node ", n, nn, l, tick)
        }
        function side(label, t, cnt, l, tick,    i, from, shown, f) {
            from = l - CTX; if (from < 1) from = 1
            shown = 0
            for (i = from; i <= cnt && shown < MAX; i++) {
                split(t[i], f, " ")
                if (f[1] != tick) { if (i < l) continue; else break }
                printf "#   %s %s %s\n", label, (i == l ? ">" : " "), t[i]
                shown++
            }
            if (l > cnt) printf "#   %s > (trace ends after %d lines)\n", label, cnt
        }' "$1" "$2"
}

without_notes() {
    awk '$3 != "note"' "$1" > "$2"
}

first_line() {
    head -n 1 "$1" 2>/dev/null | cut -c1-200
}

# One case; its whole report goes to stdout.
run_case() {
    file=$1
    name=$(case_name "$file")
    dir=$(mktemp -d "${TMPDIR:-/tmp}/hw-conf.XXXXXX") || { echo "not ok $name (mktemp failed)"; return; }
    if ! timeout "$TIMEOUT_S" "$HW" run "$file" > "$dir/model.raw" 2> "$dir/model.err"; then
        echo "#   highwater run failed: $(first_line "$dir/model.err")"
        echo "not ok $name"
    elif ! "$HW" export-js "$file" > "$dir/prog.js" 2> "$dir/export.err"; then
        echo "#   highwater export-js failed: $(first_line "$dir/export.err")"
        echo "not ok $name"
    elif ! timeout "$TIMEOUT_S" "$NODE" "$dir/prog.js" > "$dir/node.raw" 2> "$dir/node.err"; then
        echo "#   node failed: $(first_line "$dir/node.err")"
        echo "not ok $name"
    else
        without_notes "$dir/model.raw" "$dir/model.trace"
        without_notes "$dir/node.raw" "$dir/node.trace"
        if [ ! -s "$dir/model.trace" ]; then
            echo "#   highwater run printed no trace"
            echo "not ok $name"
        elif cmp -s "$dir/model.trace" "$dir/node.trace"; then
            echo "ok $name"
        else
            show_difference "$dir/model.trace" "$dir/node.trace"
            echo "not ok $name"
        fi
    fi
    rm -rf "$dir"
}

if [ "${1:-}" = "--case" ]; then
    run_case "$2"
    exit 0
fi

if [ $# -gt 0 ]; then
    files="$*"
else
    files=$(case_files scenarios/*.yaml tests/conformance/*.yaml)
fi
[ -n "$files" ] || suite_end

command -v "$NODE" > /dev/null 2>&1 || { not_ok "conformance-node ($NODE is not installed; the reference is node v20)"; suite_end; }
version=$("$NODE" --version 2>/dev/null | head -n 1)
case $version in
v20.*) ;;
*) not_ok "conformance-node ($NODE is '$version', not v20: no case can be compared)"; suite_end ;;
esac
build_hw

out=$(mktemp -d "${TMPDIR:-/tmp}/hw-conf-all.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT INT TERM
i=0
for f in $files; do
    i=$((i + 1))
    printf '%s %05d\n' "$f" "$i"
done | xargs -n 2 -P 2 sh -c 'sh "$1" --case "$3" > "$2/$4.report" 2>&1' hw-conformance "$0" "$out"
i=0
for f in $files; do
    i=$((i + 1))
    r=$(printf '%s/%05d.report' "$out" "$i")
    if [ -s "$r" ]; then
        report "$r"
    else
        not_ok "$(case_name "$f") (no report)"
    fi
done
suite_end
