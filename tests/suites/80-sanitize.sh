#!/bin/sh
# The unit tests, the golden traces and the bad-input corpus again, built with
# AddressSanitizer + UndefinedBehaviorSanitizer (any report is a failure).
B=build/san
SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if ! make -s BUILD=$B OPT="-O1 -g" SAN="$SANFLAGS" $B/highwater unit-san >/dev/null 2>$B.log; then
    cat $B.log; echo "not ok sanitize-build"; exit 1
fi
for t in $B/tests/*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if "$t" >$B.log 2>&1; then echo "ok san-unit-$name"; else cat $B.log; echo "not ok san-unit-$name"; fi
done
for f in scenarios/*.yaml tests/conformance/*.yaml; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .yaml)
    if $B/highwater run "$f" >/dev/null 2>$B.log; then echo "ok san-run-$name"
    else cat $B.log; echo "not ok san-run-$name"; fi
done
for f in tests/bad/*.yaml; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .yaml)
    $B/highwater run "$f" >/dev/null 2>$B.log
    rc=$?
    if [ $rc -eq 2 ]; then echo "ok san-bad-$name"; else cat $B.log; echo "not ok san-bad-$name (exit $rc)"; fi
done
rm -f $B.log
