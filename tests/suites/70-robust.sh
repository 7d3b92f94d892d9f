#!/bin/sh
# 70-robust.sh - interrupted writes and leaks.
#
# Ctrl-C: a long headless run writing to --out gets SIGINT (kill -INT) once
# its temporary file exists. It must exit with status 130, say on stderr
# that it was interrupted, and leave neither FILE nor FILE's temporary file.
# Checked for the trace, --summary and --format csv, and for `record` to a
# GIF.
#
# valgrind: no definite or indirect leak of ours and no memory error for a
# full run, a failed parse and a headless render. A missing valgrind, or an
# HW built with AddressSanitizer (which valgrind cannot run), fails. Leaks inside the system libraries tests/lsan.supp names
# (SDL, fontconfig, ...) are not ours and are suppressed the same way here.
#
# Prints `ok NAME` or `not ok NAME (why)` per case. The cases are fixed;
# HW_CASES does not apply.
. tests/lib/suite.sh
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hw-robust.XXXXXX") || exit 2
running="" # the one background command in flight, if any (never a reaped pid)
cleanup() {
    [ -n "$running" ] && kill -KILL "$running" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# HW=... runs another build as is (e.g. a sanitizer build).
build_hw

# A run that lasts far longer than the test: an endless pipe, 10^9 ticks.
cat >"$tmp/long.yaml" <<'EOF'
name: robust-long
ticks: 1000000000
streams:
  - {id: file, kind: source, chunk: 64KiB, rate: 64KiB}
  - {id: gzip, kind: transform, rate: 32KiB, ratio: 1/4}
  - {id: sock, kind: sink, rate: 4KiB}
wiring:
  - pipe: [file, gzip, sock]
EOF

# For record: 20000 ticks, so its look-ahead over the whole run is quick and
# the frames then take far longer than the test.
sed -e 's/^ticks: .*/ticks: 20000/' -e 's/robust-long/robust-record/' "$tmp/long.yaml" >"$tmp/rec.yaml"

# Waits up to ~10 s for a file matching the glob $1 to exist, while the
# process $2 still runs.
wait_for() {
    n=0
    while [ $n -lt 200 ]; do
        for f in $1; do
            [ -e "$f" ] && return 0
        done
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.05
        n=$((n + 1))
    done
    return 1
}

# interrupt NAME OUT MESSAGE_REGEX CMD...: runs CMD (which writes OUT through
# a temporary name) in the background, interrupts it once a temporary file
# shows up, and checks status, message and leftovers.
interrupt() {
    name=$1 out=$2 msg=$3
    shift 3
    rm -rf "$tmp/o"
    mkdir "$tmp/o"
    # A background job of a non-interactive shell starts with SIGINT
    # ignored; --default-signal gives the command Ctrl-C's usual default.
    env --default-signal=INT "$@" >"$tmp/stdout" 2>"$tmp/stderr" &
    pid=$!
    running=$pid
    if ! wait_for "$tmp/o/*" "$pid"; then
        kill -KILL "$pid" 2>/dev/null
        rc=0
        wait "$pid" 2>/dev/null || rc=$?
        running=""
        not_ok "$name (no output file was started within 10 s; exit status $rc)"
        sed 's/^/#   stderr: /' "$tmp/stderr"
        return
    fi
    sleep 0.2 # well inside the loop, with data written
    kill -INT "$pid"
    # A command that ignores SIGINT would run for hours: give it 20 s.
    n=0
    while kill -0 "$pid" 2>/dev/null && [ $n -lt 400 ]; do
        sleep 0.05
        n=$((n + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        running=""
        not_ok "$name (still running 20 s after SIGINT)"
        return
    fi
    wait "$pid"
    rc=$?
    running=""
    why=""
    left=$(ls -A "$tmp/o")
    # 130 is also what the shell reports for a death by SIGINT; the message
    # tells a clean exit from that.
    [ "$rc" -ne 130 ] && why="exit status $rc, expected 130; "
    grep -Eq "$msg" "$tmp/stderr" || why="${why}no message matching /$msg/ on stderr; "
    [ -n "$left" ] && why="${why}left behind: $(echo $left); "
    why=${why%; }
    if [ -z "$why" ]; then
        ok "$name"
    else
        not_ok "$name ($why)"
        sed 's/^/#   stderr: /' "$tmp/stderr" | head -n 5
    fi
}

RUN_MSG='^highwater run: interrupted at tick [0-9]+; no output file written$'
interrupt robust-interrupt-trace "$tmp/o/t.trace" "$RUN_MSG" \
    "$HW" run "$tmp/long.yaml" --out "$tmp/o/t.trace"
interrupt robust-interrupt-summary "$tmp/o/s.txt" "$RUN_MSG" \
    "$HW" run "$tmp/long.yaml" --summary --out "$tmp/o/s.txt"
interrupt robust-interrupt-csv "$tmp/o/c.csv" "$RUN_MSG" \
    "$HW" run "$tmp/long.yaml" --format csv --out "$tmp/o/c.csv"

interrupt robust-interrupt-record-gif "$tmp/o/r.gif" 'interrupted' \
    "$HW" record "$tmp/rec.yaml" --size 320x200 --force --out "$tmp/o/r.gif"

# A full disk: every output path must fail with status 2 and one message
# naming the command, never a crash or a silent success.
full() {
    name=$1
    shift
    if [ ! -w /dev/full ]; then
        not_ok "$name (no writable /dev/full on this machine)"
        return
    fi
    rc=0
    "$@" >/dev/full 2>"$tmp/stderr" || rc=$?
    if [ $rc -eq 2 ] && grep -q '^highwater [a-z-]*: ' "$tmp/stderr" && ! grep -q '(null)' "$tmp/stderr"; then
        ok "$name"
    else
        not_ok "$name (exit status $rc)"
        sed 's/^/#   stderr: /' "$tmp/stderr" | head -n 3
    fi
}
full robust-full-disk-trace "$HW" run "$tmp/rec.yaml" --ticks 2000
full robust-full-disk-summary "$HW" run "$tmp/rec.yaml" --ticks 2000 --summary
full robust-full-disk-csv "$HW" run "$tmp/rec.yaml" --ticks 2000 --format csv
full robust-full-disk-export "$HW" export-js "$tmp/rec.yaml"

# ---- valgrind ----------------------------------------------------------
need_cmd valgrind "the robust-valgrind cases run under it (make installs it)"
if grep -q __asan_init "$HW" 2>/dev/null; then
    # valgrind cannot run an AddressSanitizer build (which checks leaks itself).
    not_ok "robust-valgrind ($HW is an ASan build: run this suite on a plain build)"
    suite_end
fi

# tests/lsan.supp's `leak:LIB` lines as valgrind suppressions: a leak with
# that library anywhere in its stack.
supp=$tmp/valgrind.supp
sed -n 's/^leak:\(.*\)$/\1/p' tests/lsan.supp | while read -r lib; do
    printf '{\n   %s\n   Memcheck:Leak\n   ...\n   obj:*%s*\n}\n' "$lib" "$lib"
done >"$supp"

# vg NAME EXPECTED_STATUS OUTPUT CMD...: memory errors or leaks of ours fail
# it, and so does an empty OUTPUT afterwards (a file, or stdout / stderr).
vg() {
    name=$1 want=$2 output=$3
    shift 3
    case $output in stdout) output=$tmp/vg.stdout ;; stderr) output=$tmp/vg.stderr ;; esac
    rm -f "$output"
    valgrind --quiet --trace-children=yes --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
        --errors-for-leak-kinds=definite,indirect --suppressions="$supp" \
        --log-file="$tmp/vg.log" "$@" >"$tmp/vg.stdout" 2>"$tmp/vg.stderr"
    rc=$?
    if [ "$rc" -eq "$want" ] && ! grep -q 'ERROR SUMMARY: [1-9]' "$tmp/vg.log"; then
        if [ -s "$output" ]; then ok "$name"; else not_ok "$name (no output in ${output#"$tmp"/})"; fi
    else
        not_ok "$name (exit status $rc, expected $want)"
        grep -E 'definitely|indirectly|Invalid|uninitialised|by 0x|at 0x' "$tmp/vg.log" | head -n 20 |
            sed 's/^/#   /'
    fi
}

small=scenarios/video-to-slow-client.yaml
vg robust-valgrind-run 0 "$tmp/vg.trace" "$HW" run "$small" --out "$tmp/vg.trace"
vg robust-valgrind-run-summary 0 stdout "$HW" run "$small" --summary
printf 'streams:\n  - {id: s, kind: source, total: 9999999TiB}\n' >"$tmp/bad.yaml"
vg robust-valgrind-parse 2 stderr "$HW" run "$tmp/bad.yaml"
printf 'streams: [\n' >"$tmp/syntax.yaml"
vg robust-valgrind-parse-syntax 2 stderr "$HW" run "$tmp/syntax.yaml"
vg robust-valgrind-render 0 "$tmp/vg.png" "$HW" render "$small" --tick 5 --size 320x200 --out "$tmp/vg.png"
suite_end
