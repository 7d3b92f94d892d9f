#!/bin/sh
# The cmocka unit tests: builds them (`make unit`) and runs each
# build/tests/NAME for tests/unit/NAME.c with TAP output, rewritten to this
# tree's protocol with unique names: `ok NAME.TEST`, `not ok NAME.TEST`,
# `skip NAME.TEST why`. cmocka's diagnostics ('# ...') pass through.
log=$(mktemp) || exit 2
trap 'rm -f "$log"' EXIT
if ! make -s unit >"$log" 2>&1; then
    cat "$log"
    echo "not ok unit-build"
    exit 1
fi
for src in tests/unit/*.c; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .c)
    CMOCKA_MESSAGE_OUTPUT=TAP "build/tests/$name" >"$log" 2>&1
    rc=$?
    # cmocka numbers tests per binary and reports a skip as `not ok N # SKIP`.
    sed -e "s/^ok [0-9]* - /ok $name./" \
        -e "s/^not ok [0-9]* # SKIP \(.*\)$/skip $name.\1 skipped by the test/" \
        -e "s/^not ok [0-9]* - /not ok $name./" \
        -e "s/^not ok [0-9]* /not ok $name./" "$log"
    if [ "$rc" -ne 0 ] && ! grep -q '^not ok [0-9]' "$log"; then
        echo "not ok $name (exit status $rc)"
    fi
done
exit 0
