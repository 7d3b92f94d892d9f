#!/bin/sh
# 40-conformance.sh - the model against real Node, trace line by trace line.
#
# For every scenarios/*.yaml and tests/conformance/*.yaml and every Node major
# it applies to, `highwater run --node M FILE` and `highwater export-js --node
# M FILE | build/node/M/bin/node` must print the same trace once `note` lines
# (narration, third field `note`) are dropped from both, and Node must write
# nothing to stderr. A file that pins `node: M` runs under that major only;
# any other runs under every supported major. Each major is the official
# binary pinned by tools/node-fetch.sh (`make nodes`; `make test` fetches
# them), so the machine's own node plays no part. Node is the reference
# (docs/tick-and-trace.md). On a difference the case shows both sides' lines
# of the first tick that differs, around the first differing line.
#
# Run from the repository root by tests/run.sh; prints `ok NAME@nodeM` or
# `not ok NAME@nodeM` per case and major, NAME being the file without .yaml,
# then one `# node M: A of T cases agree` line per major. A missing or wrong
# binary fails the suite (`not ok conformance-nodeM`).
# Cases run two at a time; their reports are printed in file order.
#   sh tests/suites/40-conformance.sh [FILE.yaml...]   (default: all)

. tests/lib/suite.sh
MAJORS="20 22 24 26"
NODE_DIR=${NODE_DIR:-build/node}
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

# The majors FILE runs under: its `node:` pin, or every supported one.
majors_of() {
    pin=$(sed -n 's/^node:[[:space:]]*\([0-9][0-9]*\)[[:space:]]*\(#.*\)\{0,1\}$/\1/p' "$1" | head -n 1)
    echo "${pin:-$MAJORS}"
}

# One case under one major; its whole report goes to stdout.
run_case() {
    file=$1
    major=$2
    name="$(case_name "$file")@node$major"
    node="$NODE_DIR/$major/bin/node"
    dir=$(mktemp -d "${TMPDIR:-/tmp}/hw-conf.XXXXXX") || { echo "not ok $name (mktemp failed)"; return; }
    if ! timeout "$TIMEOUT_S" "$HW" run --node "$major" "$file" > "$dir/model.raw" 2> "$dir/model.err"; then
        echo "#   highwater run failed: $(first_line "$dir/model.err")"
        echo "not ok $name"
    elif ! "$HW" export-js --node "$major" "$file" > "$dir/prog.js" 2> "$dir/export.err"; then
        echo "#   highwater export-js failed: $(first_line "$dir/export.err")"
        echo "not ok $name"
    elif ! timeout "$TIMEOUT_S" "$node" "$dir/prog.js" > "$dir/node.raw" 2> "$dir/node.err"; then
        echo "#   node $major failed: $(first_line "$dir/node.err")"
        echo "not ok $name"
    elif [ -s "$dir/node.err" ]; then
        echo "#   node $major wrote to stderr: $(first_line "$dir/node.err")"
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
    run_case "$2" "$3"
    exit 0
fi

if [ $# -gt 0 ]; then
    files="$*"
else
    files=$(case_files scenarios/*.yaml tests/conformance/*.yaml)
fi
[ -n "$files" ] || suite_end
build_hw

# Every pinned binary must be there and be the major it claims: a missing one
# fails its major's cases (never a skip).
for m in $MAJORS; do
    v=$("$NODE_DIR/$m/bin/node" --version 2>/dev/null | head -n 1)
    case $v in
    "v$m".*) ;;
    *) not_ok "conformance-node$m ($NODE_DIR/$m/bin/node is '${v:-missing}', not v$m: run make nodes)" ;;
    esac
done

out=$(mktemp -d "${TMPDIR:-/tmp}/hw-conf-all.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT INT TERM
jobs="$out/jobs"
i=0
for f in $files; do
    for m in $(majors_of "$f"); do
        i=$((i + 1))
        printf '%s %s %05d\n' "$f" "$m" "$i"
    done
done > "$jobs"
xargs -n 3 -P 2 sh -c 'sh "$1" --case "$3" "$4" > "$2/$5.report" 2>&1' hw-conformance "$0" "$out" < "$jobs"
while read -r f m n; do
    r="$out/$n.report"
    if [ -s "$r" ]; then
        report "$r"
        grep -q '^ok ' "$r" && echo "$m ok" >> "$out/tally"
        grep -q '^not ok ' "$r" && echo "$m fail" >> "$out/tally"
    else
        not_ok "$(case_name "$f")@node$m (no report)"
        echo "$m fail" >> "$out/tally"
    fi
done < "$jobs"
for m in $MAJORS; do
    a=$(grep -c "^$m ok" "$out/tally" 2>/dev/null)
    t=$(grep -c "^$m " "$out/tally" 2>/dev/null)
    echo "# node $m: ${a:-0} of ${t:-0} cases agree"
done
suite_end
