#!/bin/sh
# run.sh - `make test`: runs every suite in tests/suites/ in name order and
# ends with one line `N passed, N failed, N skipped`.
# A suite is an executable that prints one line per case:
#   ok NAME / not ok NAME [why] / skip NAME why
# Everything else it prints is shown as is. A suite that exits non-zero
# without printing `not ok` counts as one failure of its own.
cd "$(dirname "$0")/.." || exit 2
pass=0; fail=0; skip=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
for suite in tests/suites/*.sh; do
    name=$(basename "$suite" .sh)
    echo "== $name"
    sh "$suite" > "$log" 2>&1
    rc=$?
    cat "$log"
    p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log"); s=$(grep -c '^skip ' "$log")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok $name (suite exited with status $rc)"
        f=1
    fi
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
