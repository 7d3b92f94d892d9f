#!/bin/sh
# The unit tests, the golden traces and the bad-input corpus again, built with
# AddressSanitizer + UndefinedBehaviorSanitizer (any report is a failure):
#   san-unit-NAME    build/san/tests/NAME exits 0
#   san-golden-NAME  the sanitizer build's trace of scenarios/NAME.yaml is
#                    exactly tests/golden/NAME.trace (exit 0)
#   san-conf-NAME    its trace of tests/conformance/NAME.yaml is the plain
#                    build's (build/highwater), byte for byte (exit 0)
#   san-bad-NAME     tests/bad/NAME.yaml exits 2 with exactly NAME.err
# With HW left at build/highwater this suite builds build/san and tests
# build/san/highwater; any other HW is tested in its place as is (the unit
# tests then do not run: they are not HW). HW_CASES limits the case files.
. tests/lib/suite.sh
set -e
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
B=build/san
SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
REF=build/highwater
if [ "$HW" = build/highwater ]; then
    build_hw
    if ! make -s BUILD=$B OPT="-O1 -g" SAN="$SANFLAGS" $B/highwater unit-san >/dev/null 2>"$tmp/log"; then
        cat "$tmp/log"
        not_ok "sanitize-build"
        suite_end
    fi
    HW=$B/highwater
    for t in $B/tests/*; do
        [ -x "$t" ] || continue
        if "$t" >"$tmp/log" 2>&1; then ok "san-unit-$(basename "$t")"
        else cat "$tmp/log"; not_ok "san-unit-$(basename "$t")"; fi
    done
else
    build_hw
    [ -x "$REF" ] || { not_ok "sanitize-reference ($REF is not built: make)"; suite_end; }
fi
for f in $(case_files scenarios/*.yaml); do
    name=$(basename "$f" .yaml)
    golden_case "san-golden-$name" "$f" "tests/golden/$name.trace" "$tmp"
done
for f in $(case_files tests/conformance/*.yaml); do
    name=$(basename "$f" .yaml)
    if ! "$REF" run "$f" >"$tmp/ref.trace" 2>"$tmp/ref.err"; then
        not_ok "san-conf-$name ($REF run failed: $(head -n 1 "$tmp/ref.err"))"
        continue
    fi
    golden_case "san-conf-$name" "$f" "$tmp/ref.trace" "$tmp"
done
for f in $(case_files tests/bad/*.yaml); do
    name=$(basename "$f" .yaml)
    rc=0
    "$HW" run "$f" >"$tmp/out" 2>"$tmp/err" || rc=$?
    if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] && cmp -s "tests/bad/$name.err" "$tmp/err"; then
        ok "san-bad-$name"
    else
        head -n 20 "$tmp/err" | sed 's/^/#   /'
        not_ok "san-bad-$name (exit $rc; expected 2, nothing on stdout, exactly tests/bad/$name.err)"
    fi
done
suite_end
