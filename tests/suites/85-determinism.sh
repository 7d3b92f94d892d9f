#!/bin/sh
# Traces must be byte-identical across compilers and optimisation levels:
# gcc -O0 (build/gcc-O0) against clang -O2 (build/clang-O2), on every scenario
# and conformance case, each run exiting 0 with a trace. Any HW other than the
# default build/highwater is tested in place of the gcc -O0 build.
# HW_CASES limits the case files.
. tests/lib/suite.sh
set -e
A=build/gcc-O0; C=build/clang-O2
need_cmd clang "the determinism cases compare a clang build with a gcc build (make installs it)"
if [ "$HW" = build/highwater ]; then
    make -s BUILD=$A CC=gcc OPT="-O0" $A/highwater >/dev/null 2>&1 || { not_ok "determinism-build-gcc"; suite_end; }
    HW=$A/highwater
else
    build_hw
fi
make -s BUILD=$C CC=clang OPT="-O2" $C/highwater >/dev/null 2>&1 || { not_ok "determinism-build-clang"; suite_end; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in $(case_files scenarios/*.yaml tests/conformance/*.yaml); do
    name=determinism-$(basename "$f" .yaml)
    case $f in tests/conformance/*) name=$name-conf ;; esac
    ra=0; rc=0
    "$HW" run "$f" >"$tmp/a" 2>&1 || ra=$?
    "$C/highwater" run "$f" >"$tmp/c" 2>&1 || rc=$?
    if [ $ra -ne 0 ] || [ $rc -ne 0 ]; then
        not_ok "$name (exit status $ra from $HW, $rc from $C/highwater)"
    elif [ ! -s "$tmp/a" ]; then
        not_ok "$name (no trace)"
    elif cmp -s "$tmp/a" "$tmp/c"; then
        ok "$name"
    else
        not_ok "$name"
        diff "$tmp/a" "$tmp/c" | head -5 | sed 's/^/#   /' || true
    fi
done
suite_end
