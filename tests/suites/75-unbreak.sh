#!/bin/sh
# 75-unbreak.sh - output files, signals, sweep workers and untrusted text
# (docs/output-files.md): each documented behaviour once, from the outside.
#
#   out-*      --out FILE where FILE is a symlink, a dangling symlink, a FIFO,
#              a character device (null and full: as root nodes of our own,
#              never the machine's), a directory, a file with mode 0640, a new
#              file, a 250-character name and a name too long for the system.
#   full-*     every command's stdout on a full disk (/dev/full): exit 2 and
#              one message.
#   signal-*   SIGTERM and SIGHUP do what SIGINT does (70-robust.sh has
#              SIGINT): `run` stops, says so, leaves nothing; `render` and
#              `compare --render-tick` (no polling loop) remove their
#              temporary file and die by it. `record`, `render`, `compare`
#              and the window (`view --headless --script`) stop within 5 s
#              while their own simulations are deep in minutes of heavy ticks.
#   sweep-*    workers die with a SIGKILLed parent, a SIGTERMed parent kills
#              them, a worker killed by a signal is reported with it.
#   work-*     the three hang classes of issue 12 refused by the reader (and
#              by --vary), a piled-up tick ended by the model's tick limit,
#              each within 5 s, with a message that says why.
#   text-*     control characters in a title come out escaped from `list`
#              and `run --summary`.
#
# Every command that runs long runs under `timeout -s KILL 60` as a
# watchdog, in the process group timeout makes, so a stand-in script around
# the binary (tests/selftest) cannot leave an orphan writing gigabytes: the
# cleanup kills whatever group is still running. The signal cases send
# their signal to the command itself, never through timeout, which would
# deliver it twice (to the child and again to the group).
. tests/lib/suite.sh
build_hw
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hw-unbreak.XXXXXX") || exit 2
running="" # the process group (a timeout's pid) in flight, if any
cleanup() {
    [ -n "$running" ] && kill -KILL "-$running" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# expect NAME WHY CMD...: ok NAME when CMD succeeds, else not ok NAME (WHY)
# and the first lines of the last stderr.
expect() {
    name=$1 why=$2
    shift 2
    if "$@"; then
        ok "$name"
    else
        not_ok "$name ($why)"
        [ -s "$tmp/err" ] && sed 's/^/#   stderr: /' "$tmp/err" | head -n 3
    fi
    return 0
}
# watch CMD...: CMD in the background under the watchdog; its pid in $pid.
watch() {
    timeout -s KILL 60 "$@" &
    pid=$!
    running=$pid
}

small=scenarios/video-to-slow-client.yaml
rc=0
"$HW" run "$small" --ticks 50 >"$tmp/want" 2>"$tmp/err" || rc=$?
expect out-reference "exit $rc; the reference trace on stdout" sh -c '[ '$rc' -eq 0 ] && [ -s "$1" ]' _ "$tmp/want"

# The run of robust-long outlasts every test here: 10^9 ticks.
cat >"$tmp/long.yaml" <<'EOF'
name: unbreak-long
ticks: 1000000000
streams:
  - {id: file, kind: source, chunk: 64KiB, rate: 64KiB}
  - {id: gzip, kind: transform, rate: 32KiB, ratio: 1/4}
  - {id: sock, kind: sink, rate: 4KiB}
wiring:
  - pipe: [file, gzip, sock]
EOF

# runout NAME TARGET: `run --out TARGET` of the reference; sets rc.
runout() {
    "$HW" run "$small" --ticks 50 --out "$1" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}
# nothing_left DIR: no temporary file in DIR.
nothing_left() {
    [ -z "$(find "$1" -name '*.tmp-*' 2>/dev/null)" ]
}

# ---- output targets ---------------------------------------------------------
mkdir "$tmp/d"
echo old >"$tmp/d/real"
ln -s real "$tmp/d/link"
runout "$tmp/d/link"
expect out-symlink-followed "exit $rc; the link must stay a link and the file it names hold the trace" \
    sh -c '[ '$rc' -eq 0 ] && [ -L "$1/link" ] && cmp -s "$1/real" "$2"' _ "$tmp/d" "$tmp/want"

ln -s missing "$tmp/d/dangling"
runout "$tmp/d/dangling"
expect out-symlink-dangling "exit $rc; expected 2, a message and nothing created" \
    sh -c '[ '$rc' -eq 2 ] && grep -q "symbolic link to a missing file" "$1/err" && [ ! -e "$1/d/missing" ]' _ "$tmp"

mkfifo "$tmp/d/fifo"
# A binary that replaces the FIFO leaves the reader waiting: 20 s at most.
timeout 20 cat "$tmp/d/fifo" >"$tmp/fifo.got" &
reader=$!
running=$reader
runout "$tmp/d/fifo"
wait $reader
running=""
expect out-fifo-written-directly "exit $rc; the FIFO must stay a FIFO and its reader get the trace" \
    sh -c '[ '$rc' -eq 0 ] && [ -p "$1/d/fifo" ] && cmp -s "$1/fifo.got" "$1/want"' _ "$tmp"

# Device nodes: as root, nodes of our own (c 1 3 is null, c 1 7 is full), so
# that a broken binary - the old one renamed its output over the target -
# can only replace those and never the machine's /dev/null or /dev/full.
# Without root /dev/null and /dev/full themselves, which it cannot replace.
if mknod "$tmp/d/null" c 1 3 2>/dev/null && mknod "$tmp/d/full" c 1 7 2>/dev/null; then
    devnull=$tmp/d/null devfull=$tmp/d/full
else
    devnull=/dev/null devfull=/dev/full
fi
runout "$devnull"
expect out-dev-null "exit $rc; $devnull must stay a character device" \
    sh -c '[ '$rc' -eq 0 ] && [ -c "$1" ]' _ "$devnull"

runout "$devfull"
expect out-dev-full "exit $rc; expected 2, 'No space left on device' and $devfull still a character device" \
    sh -c '[ '$rc' -eq 2 ] && grep -q "^highwater run: cannot write $2: No space left on device$" "$1/err" && [ -c "$2" ]' \
    _ "$tmp" "$devfull"
rm -f "$tmp/d/null" "$tmp/d/full"

runout "$tmp/d"
expect out-directory-refused "exit $rc; expected 2 and 'it is a directory'" \
    sh -c '[ '$rc' -eq 2 ] && grep -q "it is a directory" "$1/err"' _ "$tmp"

echo old >"$tmp/d/mode"
chmod 640 "$tmp/d/mode"
runout "$tmp/d/mode"
expect out-mode-kept "exit $rc; mode $(stat -c %a "$tmp/d/mode"), expected 640" \
    sh -c '[ '$rc' -eq 0 ] && [ "$(stat -c %a "$1")" = 640 ] && cmp -s "$1" "$2"' _ "$tmp/d/mode" "$tmp/want"

(umask 022 && "$HW" run "$small" --ticks 50 --out "$tmp/d/new" 2>"$tmp/err")
expect out-new-file-0644 "mode $(stat -c %a "$tmp/d/new" 2>/dev/null), expected 644 with umask 022" \
    sh -c '[ "$(stat -c %a "$1")" = 644 ]' _ "$tmp/d/new"

(umask 022 && "$HW" record "$small" --to 2 --size 320x200 --out "$tmp/d/a.gif" 2>"$tmp/err")
expect out-gif-0644 "mode $(stat -c %a "$tmp/d/a.gif" 2>/dev/null), expected 644 (giflib alone makes 0600)" \
    sh -c '[ "$(stat -c %a "$1")" = 644 ] && [ "$(head -c 6 "$1")" = GIF89a ]' _ "$tmp/d/a.gif"

long250=$(printf '%0250d' 0)
runout "$tmp/d/$long250"
expect out-name-250 "exit $rc; a 250-character name must work" \
    sh -c '[ '$rc' -eq 0 ] && cmp -s "$1" "$2"' _ "$tmp/d/$long250" "$tmp/want"

long300=$(printf '%0300d' 0)
runout "$tmp/d/$long300"
expect out-name-too-long "exit $rc; expected 2 and 'File name too long', never ': Success'" \
    sh -c '[ '$rc' -eq 2 ] && grep -q "File name too long" "$1" && ! grep -q Success "$1"' _ "$tmp/err"
expect out-nothing-left "temporary files left in $tmp/d" nothing_left "$tmp/d"

# ---- full disk on stdout --------------------------------------------------
full() {
    name=$1
    shift
    "$@" >/dev/full 2>"$tmp/err"
    rc=$?
    expect "$name" "exit $rc, expected 2 with one message naming the command and the cause" \
        sh -c '[ '$rc' -eq 2 ] && grep -q "^highwater [a-z-]*: .*No space left on device$" "$1"' _ "$tmp/err"
}
full full-list "$HW" list scenarios
full full-check "$HW" check "$small"
full full-run "$HW" run "$small" --ticks 50
full full-sweep "$HW" sweep "$small" --vary socket.rate=1KiB,2KiB -j 1
full full-export-js "$HW" export-js "$small"
full full-help "$HW" --help

# ---- work per tick --------------------------------------------------------
# The three hang classes of issue 12, each a six-line valid-looking file that
# once spun for hours inside tick 1: the reader refuses them at their line
# with what would fit. And a run that piles work up and releases it at once
# gets past the reader and ends with the model's tick limit. Each within 5 s
# (measured: 10-20 ms to refuse, 0.4 s for the limit; a hang is hours).
mkdir "$tmp/w"
printf '%s\n' 'name: tib' 'streams:' '  - {id: src, kind: source, highWaterMark: 1TiB, chunk: 1, rate: 1TiB}' \
    '  - {id: dst, kind: sink}' 'wiring:' '  - pipe: [src, dst]' >"$tmp/w/tib.yaml"
printf '%s\n' 'name: flood' 'streams:' '  - {id: src, kind: source, chunk: 1, rate: 1GiB, ignoresBackpressure: true}' \
    '  - {id: dst, kind: sink}' 'wiring:' '  - pipe: [src, dst]' >"$tmp/w/flood.yaml"
printf '%s\n' 'name: ratio' 'streams:' '  - {id: src, kind: source}' \
    '  - {id: t, kind: transform, ratio: 1000000, outChunk: 1}' '  - {id: dst, kind: sink}' 'wiring:' \
    '  - pipe: [src, t, dst]' >"$tmp/w/ratio.yaml"
# timed NAME WANT_RC PATTERN CMD...: CMD exits WANT_RC within 5 s, and its
# output (stdout and stderr) matches the extended regex PATTERN.
timed() {
    tname=$1 twant=$2 tpat=$3
    shift 3
    t0=$(date +%s%N)
    rc=0
    timeout -s KILL 60 "$@" >"$tmp/w/out" 2>&1 || rc=$?
    ms=$((($(date +%s%N) - t0) / 1000000))
    expect "$tname" "exit $rc after $ms ms, want $twant within 5000 ms and /$tpat/: $(head -c 300 "$tmp/w/out")" \
        sh -c '[ '$rc' -eq '$twant' ] && [ '$ms' -lt 5000 ] && grep -Eq "$1" "$2"' _ "$tpat" "$tmp/w/out"
}
timed work-load-tib 2 "tib.yaml:3:5: stream 'src': rate 1 TiB in 1-byte chunks is 2\^40 pushes per tick; at most 2\^18 are supported: raise chunk or lower rate" \
    "$HW" run "$tmp/w/tib.yaml"
timed work-load-flood 2 "flood.yaml:3:5: stream 'src': rate 1 GiB in 1-byte chunks is 2\^30 pushes per tick" \
    "$HW" record "$tmp/w/flood.yaml" --out "$tmp/w/f.gif"
timed work-load-ratio 2 "ratio.yaml:4:5: stream 't': .* pushes per tick; at most 2\^18 are supported: raise outChunk" \
    "$HW" sweep "$tmp/w/ratio.yaml" --vary src.rate=1KiB,2KiB
sed -e 's/highWaterMark: 1TiB, chunk: 1, rate: 1TiB/chunk: 1/' "$tmp/w/tib.yaml" >"$tmp/w/small.yaml"
timed work-vary-tib 2 "stream 'src': rate 1 TiB in 1-byte chunks is 2\^40 pushes per tick" \
    "$HW" sweep "$tmp/w/small.yaml" --vary src.rate=1KiB,1TiB
cat >"$tmp/w/release.yaml" <<'EOF'
name: release
ticks: 30
streams:
  - {id: src, kind: source, chunk: 1, rate: 256KiB, ignoresBackpressure: true}
  - {id: dst, kind: sink, rate: 0}
wiring:
  - pipe: [src, dst]
timeline:
  - {at: 20, do: rate, stream: dst, rate: 1TiB}
EOF
timed work-run-limit 0 "^DIED at tick 20: uncaught error HW_TICK_LIMIT$" "$HW" run "$tmp/w/release.yaml" --summary
expect work-run-limit-why "exit $rc; the summary must say it is the model's limit of work per tick" \
    sh -c '[ '$rc' -eq 0 ] && grep -q "this tick reached 2^22 events and callbacks" "$1"' _ "$tmp/w/out"
rc=0
"$HW" run "$tmp/w/release.yaml" --out "$tmp/w/r.trace" 2>"$tmp/err" || rc=$?
expect work-run-limit-trace "exit $rc; the trace's last line must be the tick limit's: $(tail -n 1 "$tmp/w/r.trace")" \
    sh -c '[ '$rc' -eq 0 ] && [ "$(tail -n 1 "$1")" = "20 - uncaught code=HW_TICK_LIMIT" ]' _ "$tmp/w/r.trace"

# ---- signals --------------------------------------------------------------
# wait_for GLOB [PID]: up to ~10 s for a file matching GLOB (or until PID is gone).
wait_for() {
    n=0
    while [ $n -lt 200 ]; do
        for f in $1; do
            [ -e "$f" ] && return 0
        done
        [ -z "${2:-}" ] || kill -0 "$2" 2>/dev/null || return 1
        sleep 0.05
        n=$((n + 1))
    done
    return 1
}
# child PID: the command the watchdog runs, so that a signal reaches it
# once, as from `kill PID`; the watchdog would pass it on and also send it
# to its group, and a second SIGTERM is the "now" one (no message).
child() {
    c="" n=0
    # A command that is already gone (a stand-in, tests/selftest) has no child to wait for.
    while [ -z "$c" ] && [ $n -lt 200 ] && kill -0 "$1" 2>/dev/null; do
        c=$(pgrep -P "$1" | head -n 1)
        [ -n "$c" ] || sleep 0.05
        n=$((n + 1))
    done
    echo "${c:-$1}"
}
# ends PID [N]: waits up to N times 50 ms (default 400: 20 s) for PID to
# end; sets rc (or kills its group, rc=999). `kill -KILL -PID`, not
# `kill -KILL -- -PID`: dash's kill refuses `--`, and the group then lived
# on until the watchdog's 60 s.
ends() {
    n=0
    while kill -0 "$1" 2>/dev/null && [ $n -lt "${2:-400}" ]; do
        sleep 0.05
        n=$((n + 1))
    done
    rc=0
    if kill -0 "$1" 2>/dev/null; then
        kill -KILL "-$1" 2>/dev/null
        wait "$1"
        rc=999
    else
        wait "$1" || rc=$?
    fi
    # What the command left in its group (a stand-in's real binary when the
    # stand-in died of a signal it does not pass on: SIGHUP, SIGKILL) dies
    # with the case; such orphans ran on for minutes under PID 1.
    kill -KILL "-$1" 2>/dev/null
    running=""
}

for sig in TERM:143 HUP:129; do
    name=${sig%:*} want=${sig#*:}
    rm -rf "$tmp/s"
    mkdir "$tmp/s"
    watch "$HW" run "$tmp/long.yaml" --out "$tmp/s/t.trace" 2>"$tmp/err"
    wait_for "$tmp/s/*"
    sleep 0.2
    kill -"$name" "$(child "$pid")"
    ends "$pid"
    expect "signal-$(echo "$name" | tr A-Z a-z)-run" "exit $rc (want $want), stderr message, left: $(ls "$tmp/s")" \
        sh -c '[ '$rc' -eq '$want' ] && grep -q "^highwater run: interrupted at tick [0-9]*; no output file written$" "$1" &&
               [ -z "$(ls -A "$2")" ]' _ "$tmp/err" "$tmp/s"
done

# render has no loop to poll: the signal removes the temporary file and
# ends the process by itself (the shell sees 128 + 15). An 8K frame takes
# long enough to write that the signal lands while the file is open.
rm -rf "$tmp/s"
mkdir "$tmp/s"
watch "$HW" render "$small" --tick 50 --size 7680x4320 --out "$tmp/s/big.png" 2>"$tmp/err"
wait_for "$tmp/s/*.tmp-*" "$pid"
kill -TERM "$(child "$pid")"
ends "$pid"
expect signal-term-render "exit $rc (want 143: death by SIGTERM), left: $(ls "$tmp/s")" \
    sh -c '[ '$rc' -eq 143 ] && [ -z "$(ls -A "$1")" ]' _ "$tmp/s"

# The drawing commands run their own simulations (view/history.c and the
# micro-step, divergence and story replays): before any frame, `record`,
# `render` and `compare` run the whole look-ahead, the window its first
# 2000 ticks. heavy.yaml has the heaviest ticks the reader accepts (2^18
# one-byte pushes each, about 2 million events, 25-45 ms here), 20000 of
# them: minutes of look-ahead. A signal must stop that at once (the app
# passes its interrupt hook into every view Sim): each case allows 5 s
# where the work would take minutes, then SIGKILLs it (rc 999).
cat >"$tmp/heavy.yaml" <<'EOF'
name: unbreak-heavy
ticks: 20000
streams:
  - {id: src, kind: source, chunk: 1, rate: 256KiB}
  - {id: dst, kind: sink, rate: 1GiB, highWaterMark: 1MiB}
wiring:
  - pipe: [src, dst]
EOF
printf 'wait 100\nkey Right\nwait 100\n' >"$tmp/heavy.script"
# prompt NAME SIG WANT MESSAGE CMD...: CMD (writing into $tmp/s, stderr to
# $tmp/err) under the watchdog gets SIG from outside after 1 s, well inside
# its look-ahead; it must be gone within 5 s with status WANT, nothing left
# in $tmp/s, and stderr's last line MESSAGE (a regex; "" for a death by the
# signal, which says nothing).
prompt() {
    pname=$1 psig=$2 pwant=$3 pmsg=$4
    shift 4
    rm -rf "$tmp/s"
    mkdir "$tmp/s"
    watch "$@" 2>"$tmp/err"
    sleep 1
    t0=$(date +%s%N)
    kill -"$psig" "$(child "$pid")" 2>/dev/null
    ends "$pid" 100
    ms=$((($(date +%s%N) - t0) / 1000000))
    expect "$pname" "exit $rc after $ms ms (want $pwant within 5 s; 999: SIGKILLed at 5 s), left: $(ls -A "$tmp/s")" \
        sh -c '[ '$rc' -eq '$pwant' ] && [ -z "$(ls -A "$1")" ] &&
               { [ -z "$2" ] || tail -n 1 "$3" | grep -Eqx "$2"; }' _ "$tmp/s" "$pmsg" "$tmp/err"
}
prompt signal-int-record-heavy INT 130 \
    'highwater record: interrupted at tick [0-9]+ of the run, before the first frame; nothing written' \
    "$HW" record "$tmp/heavy.yaml" --size 320x200 --out "$tmp/s/h.gif"
prompt signal-term-record-heavy-dir TERM 143 \
    'highwater record: interrupted at tick [0-9]+ of the run, before the first frame; nothing written' \
    "$HW" record "$tmp/heavy.yaml" --size 320x200 --out "$tmp/s"
prompt signal-int-render-heavy INT 130 "" "$HW" render "$tmp/heavy.yaml" --tick 9 --size 320x200 --out "$tmp/s/h.png"
prompt signal-term-compare-heavy TERM 143 "" "$HW" compare "$tmp/heavy.yaml" --vary src.rate=128KiB,256KiB \
    --render-tick 9 --size 320x200 --out "$tmp/s/c.png"
prompt signal-int-view-heavy INT 130 'highwater view: interrupted' \
    env -u DISPLAY -u WAYLAND_DISPLAY "$HW" view "$tmp/heavy.yaml" --headless --script "$tmp/heavy.script" \
    --shots "$tmp/s"

# compare --render-tick writes its PNG as render does: a signal while the
# file is open removes the temporary file too.
rm -rf "$tmp/s"
mkdir "$tmp/s"
watch "$HW" compare "$small" --vary socket.rate=1KiB,2KiB --render-tick 50 --size 7680x4320 --out "$tmp/s/big.png" \
    2>"$tmp/err"
wait_for "$tmp/s/*.tmp-*" "$pid"
kill -TERM "$(child "$pid")"
ends "$pid"
expect signal-term-compare-png "exit $rc (want 143: death by SIGTERM), left: $(ls "$tmp/s")" \
    sh -c '[ '$rc' -eq 143 ] && [ -z "$(ls -A "$1")" ]' _ "$tmp/s"

# ---- sweep workers --------------------------------------------------------
# alive PID...: prints the PIDs still running (a zombie counts as gone).
alive() {
    for p in "$@"; do
        st=$(ps -o stat= -p "$p" 2>/dev/null)
        case $st in '' | Z*) ;; *) printf '%s ' "$p" ;; esac
    done
}
# workers PID: the sweep's worker PIDs, once there are $2 of them (~10 s).
workers() {
    n=0
    while [ $n -lt 200 ]; do
        kids=$(pgrep -P "$1" | tr '\n' ' ')
        [ "$(echo $kids | wc -w)" -ge "$2" ] && return 0
        sleep 0.05
        n=$((n + 1))
    done
    return 1
}
gone_soon() {
    n=0
    while [ -n "$(alive "$@")" ] && [ $n -lt 100 ]; do
        sleep 0.05
        n=$((n + 1))
    done
    [ -z "$(alive "$@")" ]
}
# workers_gone PID...: there were workers, and they are gone within ~5 s.
workers_gone() {
    [ $# -gt 0 ] && gone_soon "$@"
}

# start_sweep ARGS...: a sweep of the long run under the watchdog; $pid is
# the watchdog's, $parent the sweep's own process and $kids its workers once
# there are $1 of them. Signals in these cases go to $parent alone, as
# `kill PID` and `timeout` send them, not to the group.
start_sweep() {
    want=$1
    shift
    watch "$HW" sweep "$tmp/long.yaml" "$@"
    parent="" kids=""
    n=0
    while [ -z "$parent" ] && [ $n -lt 200 ]; do
        parent=$(pgrep -P "$pid" | head -n 1)
        sleep 0.05
        n=$((n + 1))
    done
    [ -n "$parent" ] && workers "$parent" "$want"
    [ -n "$parent" ] || parent=$pid
}

start_sweep 2 --vary sock.rate=4KiB,8KiB,16KiB -j 3 >/dev/null 2>"$tmp/err"
kill -KILL "$parent"
expect sweep-parent-killed "workers ($kids) still running after the parent's SIGKILL" workers_gone $kids
ends "$pid"

start_sweep 2 --vary sock.rate=4KiB,8KiB,16KiB -j 3 >"$tmp/out" 2>"$tmp/err"
sleep 0.2
kill -TERM "$parent"
ends "$pid"
expect sweep-parent-terminated "exit $rc (want 143), message, no CSV" \
    sh -c '[ '$rc' -eq 143 ] && grep -q "^highwater sweep: interrupted; no output written$" "$1" && [ ! -s "$2" ]' \
    _ "$tmp/err" "$tmp/out"
expect sweep-parent-terminated-workers "workers ($kids) still running" workers_gone $kids

start_sweep 1 --vary sock.rate=4KiB,8KiB -j 2 >"$tmp/out" 2>"$tmp/err"
sleep 0.5 # the worker has taken its value
[ -n "$kids" ] && kill -KILL $kids
sleep 0.2
kill -TERM "$parent"
ends "$pid"
expect sweep-worker-killed "exit $rc; the value the worker ran must be reported killed by signal 9" \
    sh -c '[ '$rc' -eq 143 ] && grep -Eq "^highwater sweep: the run for value [0-9]+ was killed by signal 9 \(Killed\)$" "$1" &&
           ! grep -q "out of memory" "$1"' _ "$tmp/err"

# ---- untrusted text -------------------------------------------------------
mkdir "$tmp/t"
cat >"$tmp/t/evil.yaml" <<'EOF'
title: "\e]0;pwned\a\e[2J and \x9b31m and \u202e"
streams:
  - {id: s, kind: source, total: 1KiB}
  - {id: k, kind: sink}
wiring:
  - pipe: [s, k]
EOF
esc=$(printf '\033')
"$HW" list "$tmp/t" >"$tmp/out" 2>"$tmp/err"
rc=$?
expect text-list-escaped "exit $rc; the title must come out as \\x1B]0;pwned\\x07\\x1B[2J ... with no ESC byte" \
    sh -c '[ '$rc' -eq 0 ] && ! grep -q "$2" "$1" &&
           grep -qF "evil  \\x1B]0;pwned\\x07\\x1B[2J and \\u009B31m and \\u202E" "$1"' _ "$tmp/out" "$esc"
"$HW" run "$tmp/t/evil.yaml" --summary >"$tmp/out" 2>"$tmp/err"
rc=$?
expect text-summary-escaped "exit $rc; the summary's title line must be escaped" \
    sh -c '[ '$rc' -eq 0 ] && ! grep -q "$2" "$1" && grep -qF "evil: \\x1B]0;pwned\\x07" "$1"' _ "$tmp/out" "$esc"

suite_end
