#!/bin/sh
# Traces must be byte-identical across compilers and optimisation levels:
# gcc -O0 against clang -O2, on every scenario and conformance case.
A=build/gcc-O0; C=build/clang-O2
if ! command -v clang >/dev/null; then
    echo "skip determinism (clang is not installed)"; exit 0
fi
make -s BUILD=$A CC=gcc OPT="-O0" $A/highwater >/dev/null 2>&1 || { echo "not ok determinism-build-gcc"; exit 1; }
make -s BUILD=$C CC=clang OPT="-O2" $C/highwater >/dev/null 2>&1 || { echo "not ok determinism-build-clang"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for f in scenarios/*.yaml tests/conformance/*.yaml; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .yaml)
    $A/highwater run "$f" > "$tmp/a" 2>&1
    $C/highwater run "$f" > "$tmp/c" 2>&1
    if cmp -s "$tmp/a" "$tmp/c"; then echo "ok determinism-$name"
    else echo "not ok determinism-$name"; diff "$tmp/a" "$tmp/c" | head -5; fi
done
