#!/bin/sh
# fuzz.sh - `make fuzz`: libFuzzer targets (tests/fuzz/fuzz_*.c), built with
# clang and -fsanitize=fuzzer,address,undefined in build/fuzz:
#   scenario    the scenario reader, the exporter, then a bounded run of the
#               model (snapshot replay, sane figures)
#   vary        the `--vary TARGET=VALUES` parser: values, formatting back,
#               applying and running them
#   writers     trace, CSV and Chrome writers: each output parsed back and
#               checked against the others
#   yaml_write  the YAML writer: write, read again, same run
#
# usage: tools/fuzz.sh [SECONDS]      fuzz each target for SECONDS (default 60)
#        tools/fuzz.sh --seed         refill tests/fuzz/corpus from the shipped
#                                     scenarios, conformance and bad inputs
#        tools/fuzz.sh --replay       run every target over its seeds once
#        tools/fuzz.sh --min FILE [TARGET]   minimise a crashing input to
#                                     FILE.min (TARGET: scenario)
# FUZZ_TARGETS="vary writers" picks targets (default: all four). The model
# is linked in its testing build (-DSIM_TESTING: sim_check() after every
# event); every run is cut by its ticks to a budget of events
# (tests/fuzz/fuzz_common.h).
#
# New inputs go to build/fuzz/corpus-TARGET (never committed); tests/fuzz/corpus,
# the scenario directories and tests/fuzz/limits (inputs near 2^62) are the
# seeds of the scenario-shaped targets, tests/fuzz/vary those of `vary`.
# Findings are written to build/fuzz/artifacts/ (crash-*, leak-*, timeout-*,
# oom-*). Fuzzing runs at `nice -n ${FUZZ_NICE:-10}` with one job: the
# machine is shared. FUZZ_KEEP_GOING=1 runs libFuzzer's fork mode with one
# worker, which records a finding and goes on instead of stopping at the
# first one. The last line per target reads
#   fuzz: TARGET: RUNS runs, EXEC/s exec/s, N findings
cd "$(dirname "$0")/.." || exit 2

B=${FUZZ_BUILD:-build/fuzz}
ALL_TARGETS="scenario vary writers yaml_write"
TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}
NICE=${FUZZ_NICE:-10}
SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
LIB_SRC=$(ls sim/core/*.c sim/trace/*.c sim/io/*.c sim/scenario/*.c sim/export/*.c)
SEED_DIRS="tests/fuzz/corpus scenarios tests/conformance tests/bad"
# Inputs that overflow a model without checked arithmetic near 2^62: seeds
# only once sim.h says the model has it, so `make fuzz` does not stop at a
# known finding (tests/unit/test_limits.c holds the same cases).
grep -q 'define SIM_CHECKED_LIMITS' sim/core/sim.h && SEED_DIRS="$SEED_DIRS tests/fuzz/limits"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

need_clang() {
    if ! command -v clang >/dev/null 2>&1; then
        echo "fuzz: clang is not installed (apt-get install clang)" >&2
        exit 2
    fi
    # libFuzzer ships with clang on Debian; a tiny probe says whether it links.
    probe=$(mktemp -d) || exit 2
    printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}\n' > "$probe/p.c"
    if ! clang -fsanitize=fuzzer "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
        rm -rf "$probe"
        echo "fuzz: clang cannot link libFuzzer (-fsanitize=fuzzer); install a clang with compiler-rt" >&2
        exit 2
    fi
    rm -rf "$probe"
}

# App sources a target compiles in beyond the library.
extra_src() {
    case $1 in
    writers) echo sim/app/csv_out.c sim/app/chrome_out.c ;;
    esac
}

seed_dirs() {
    case $1 in
    vary) echo tests/fuzz/vary ;;
    *) echo "$SEED_DIRS" ;;
    esac
}

dict_of() {
    case $1 in
    vary) echo tests/fuzz/vary.dict ;;
    *) echo tests/fuzz/scenario.dict ;;
    esac
}

build() {
    need_clang
    mkdir -p "$B"
    # The model in its testing build (-DSIM_TESTING: sim_check() after every
    # event and step, aborting on the first broken invariant), from the
    # Makefile's tobj rule; the rest as it ships.
    objs=""
    for f in $LIB_SRC; do
        case $f in
        sim/core/*) objs="$objs $B/tobj/${f%.c}.o" ;;
        *) objs="$objs $B/obj/${f%.c}.o" ;;
        esac
    done
    objs="$objs $B/obj/gen/driver_js.o"
    extra=""
    for t in $TARGETS; do
        for f in $(extra_src "$t"); do
            extra="$extra $B/obj/${f%.c}.o"
        done
    done
    # The Makefile's own rules compile the library (with header dependencies)
    # into $B; only the link with libFuzzer's main is done here.
    # shellcheck disable=SC2086
    if ! make -s BUILD="$B" CC=clang OPT="-O1 -g" SAN="$SAN" $objs $extra >"$B.log" 2>&1; then
        cat "$B.log" >&2
        echo "fuzz: building the library with clang failed" >&2
        exit 2
    fi
    for t in $TARGETS; do
        bin=$B/fuzz_$t
        src=tests/fuzz/fuzz_$t.c
        [ -f "$src" ] || { echo "fuzz: no target $t ($src)" >&2; exit 2; }
        mine=""
        for f in $(extra_src "$t"); do
            mine="$mine $B/obj/${f%.c}.o"
        done
        rebuild=0
        [ -x "$bin" ] || rebuild=1
        for o in $objs $mine "$src" tests/fuzz/fuzz_common.h; do
            [ "$o" -nt "$bin" ] && rebuild=1
        done
        [ $rebuild = 1 ] || continue
        echo "  LINK    $bin"
        # shellcheck disable=SC2086
        if ! clang -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
            -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer -Isim -o "$bin" "$src" $objs $mine \
            $(pkg-config --cflags --libs yaml-0.1) -lm 2>"$B.log"; then
            cat "$B.log" >&2
            echo "fuzz: linking the fuzz target $t failed" >&2
            exit 2
        fi
    done
    rm -f "$B.log"
}

seed() {
    mkdir -p tests/fuzz/corpus
    n=0
    for f in scenarios/*.yaml tests/conformance/*.yaml tests/bad/*.yaml; do
        [ -f "$f" ] || continue
        d=$(basename "$(dirname "$f")")
        cp "$f" "tests/fuzz/corpus/$d-$(basename "$f")"
        n=$((n + 1))
    done
    echo "fuzz: $n seeds in tests/fuzz/corpus"
}

# Artifacts that are findings (libFuzzer also writes slow-unit-*, which are
# not: under a loaded machine a normal input can take seconds).
findings() {
    ls "$B/artifacts" | grep -cE '(^|-)(crash|leak|timeout|oom)-'
}

existing_dirs() {
    for d in $(seed_dirs "$1"); do
        [ -d "$d" ] && printf '%s ' "$d"
    done
}

case "$1" in
--seed)
    seed
    exit 0
    ;;
--replay)
    build
    rc=0
    for t in $TARGETS; do
        echo "fuzz: replaying the seeds of $t"
        mkdir -p "$B/artifacts"
        # shellcheck disable=SC2046
        "$B/fuzz_$t" -runs=0 -artifact_prefix="$B/artifacts/$t-" $(existing_dirs "$t") || rc=1
    done
    exit $rc
    ;;
--min)
    [ -f "$2" ] || { echo "usage: tools/fuzz.sh --min CRASH_FILE [TARGET]" >&2; exit 2; }
    TARGETS=${3:-scenario}
    build
    exec nice -n "$NICE" "$B/fuzz_$TARGETS" -minimize_crash=1 -max_total_time=120 -timeout=10 \
        -exact_artifact_path="$2.min" "$2"
    ;;
esac

SECONDS_TO_RUN=${1:-60}
case $SECONDS_TO_RUN in
'' | *[!0-9]*)
    echo "usage: tools/fuzz.sh [SECONDS] | --seed | --replay | --min FILE" >&2
    exit 2
    ;;
esac
build
mkdir -p "$B/artifacts"
[ -n "$(ls tests/fuzz/corpus 2>/dev/null)" ] || seed
keep_going=""
[ "${FUZZ_KEEP_GOING:-0}" = 1 ] && keep_going="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"
status=0
summary=""
for t in $TARGETS; do
    bin=$B/fuzz_$t
    mkdir -p "$B/corpus-$t"
    log=$B/fuzz-$t-$(date +%Y%m%d-%H%M%S).log
    before=$(findings)
    echo "fuzz: $t for $SECONDS_TO_RUN s, new inputs in $B/corpus-$t, findings in $B/artifacts/, log $log"
    # -timeout: one bounded run takes milliseconds, so 10 s is a hang.
    # -max_len: real scenarios are under 4 KiB; room for long timelines.
    # shellcheck disable=SC2086,SC2046
    nice -n "$NICE" "$bin" $keep_going -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 \
        -max_len=8192 -dict="$(dict_of "$t")" -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$t-" "$B/corpus-$t" $(existing_dirs "$t") >"$log" 2>&1
    rc=$?
    # In fork mode libFuzzer exits 0 after recording findings: count them.
    found=$(($(findings) - before))
    [ $rc -eq 0 ] && [ $found -gt 0 ] && rc=1
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|INFO: seed corpus|SUMMARY|==[0-9]+==ERROR)' "$log"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    # Fork mode (FUZZ_KEEP_GOING) prints no stat:: lines, only its jobs'
    # `#RUNS: cov: ... time: SECONDSs` lines: the last one gives both.
    if [ -z "$runs" ]; then
        last=$(grep -E '^#[0-9]+: cov: .* time: [0-9]+s' "$log" | tail -n 1)
        runs=$(echo "$last" | sed -n 's/^#\([0-9]*\):.*/\1/p')
        secs=$(echo "$last" | sed -n 's/.* time: \([0-9]*\)s.*/\1/p')
        [ -n "$runs" ] && [ "${secs:-0}" -gt 0 ] && speed=$((runs / secs))
    fi
    line="fuzz: $t: ${runs:-?} runs, ${speed:-?} exec/s, $found findings ($(ls "$B/corpus-$t" | wc -l) inputs in $B/corpus-$t)"
    if [ $rc -ne 0 ]; then
        tail -n 60 "$log"
        echo "fuzz: FINDING in $t (exit $rc, $found new in $B/artifacts/): minimise with tools/fuzz.sh --min FILE $t; log $log"
        line="$line FINDING"
        status=1
    fi
    echo "$line"
    summary="$summary$line
"
done
printf '%s' "$summary"
exit $status
