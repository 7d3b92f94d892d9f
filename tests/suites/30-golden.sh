#!/bin/sh
# Golden traces: every scenario in scenarios/ against tests/golden/NAME.trace.
# The golden files were read before they were committed; a diff here is a
# behaviour change to explain (or bless deliberately with `make bless`).
#   golden-NAME   `$HW run` exits 0 and prints exactly the golden trace
#   check-NAME    `$HW check` on the same files: exit 0, `ok FILE` for each
#                 (its own exit status and every line are kept)
. tests/lib/suite.sh
set -e
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
build_hw
files=$(case_files scenarios/*.yaml)
for f in $files; do
    name=$(basename "$f" .yaml)
    golden_case "golden-$name" "$f" "tests/golden/$name.trace" "$tmp"
done
if [ -n "$files" ]; then
    rc=0
    # shellcheck disable=SC2086
    "$HW" check $files >"$tmp/check" 2>&1 || rc=$?
    for f in $files; do
        name=$(basename "$f" .yaml)
        if [ "$rc" -eq 0 ] && grep -qx "ok $f" "$tmp/check"; then
            ok "check-$name"
        else
            not_ok "check-$name (check exited $rc)"
            grep -F "$f" "$tmp/check" | head -n 20 | sed 's/^/#   /'
        fi
    done
fi
suite_end
