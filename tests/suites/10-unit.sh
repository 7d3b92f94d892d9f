#!/bin/sh
# The cmocka unit tests: builds them (`make unit`) and runs each
# build/tests/NAME for tests/unit/NAME.c with TAP output, rewritten to this
# tree's protocol with unique names: `ok NAME.TEST`, `not ok NAME.TEST`.
# A test that skips itself fails here (no skips); so does a binary that
# exits non-zero or reports no test. cmocka's diagnostics ('# ...') pass
# through. The unit tests do not run HW; HW_CASES does not apply.
. tests/lib/suite.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if ! make -s unit >"$tmp/log" 2>&1; then
    cat "$tmp/log"
    not_ok "unit-build"
    suite_end
fi
for src in tests/unit/*.c; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .c)
    rc=0
    CMOCKA_MESSAGE_OUTPUT=TAP "build/tests/$name" >"$tmp/log" 2>&1 || rc=$?
    # cmocka numbers tests per binary and reports a skip as `not ok N # SKIP`.
    sed -e "s/^ok [0-9]* - /ok $name./" \
        -e "s/^not ok [0-9]* # SKIP \(.*\)$/not ok $name.\1 (skipped by the test)/" \
        -e "s/^not ok [0-9]* - /not ok $name./" \
        -e "s/^not ok [0-9]* /not ok $name./" "$tmp/log" >"$tmp/results"
    report "$tmp/results"
    if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$tmp/results"; then
        not_ok "$name (exit status $rc)"
    elif ! grep -q '^ok ' "$tmp/results" && ! grep -q '^not ok ' "$tmp/results"; then
        not_ok "$name (reported no test)"
    fi
done
suite_end
