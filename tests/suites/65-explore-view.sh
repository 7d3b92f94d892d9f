#!/bin/sh
# 65-explore-view.sh - the window's exploring modes, drawn headless and
# checked from the layout probe, the pixels and the trace:
#
#   compare-*    `compare A B --render-tick N`: two panes, each with its own
#                cards and chart; both charts on one scale (same ymax and
#                xmax); the tanks and chart bands of both panes are drawn
#                (pixels); `--vary S.P=V1,V2` labels the panes; bad usage exits 2
#   yaml-*       the YAML writer (render --save-yaml): every shipped scenario
#                and every conformance case written and read back runs the
#                same trace; a live change (--set) is kept in the file
#   class-*      every question of every shipped scenario: its band appears
#                at the tick before its own and not before; its tick is the
#                one whose trace events answer it; questions leave traces alone
#   micro-*      inside tick 9 of video-to-slow-client: the events in the
#                order of the trace, the queued nextTick work listed and drawn
#   edit-*       a live change: accents and the selection ring are drawn
#   sweep-with-questions  `sweep` on a shipped scenario that has questions
#
# Run from the repository root by tests/run.sh; prints `ok NAME`,
# `not ok NAME` per case. HW=path tests another binary; HW_CASES limits the
# scenarios and cases the yaml- and class- loops cover.
. tests/lib/suite.sh
build_hw
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

px=$tmp/pngpx
# shellcheck disable=SC2046
if ! cc -std=c11 -O2 $(pkg-config --cflags libpng) tests/render/pngpx.c -o "$px" \
        $(pkg-config --libs libpng) 2>"$tmp/log"; then
    cat "$tmp/log"
    not_ok "explore-view-pngpx-build"
    exit 1
fi


kv() { sed -n "s/^$2=//p" "$1"; }          # kv PROBE KEY
rect_x() { echo "$1" | cut -d, -f1; }
rect_y() { echo "$1" | cut -d, -f2; }
rect_w() { echo "$1" | cut -d, -f3; }
rect_h() { echo "$1" | cut -d, -f4; }

# has_run PNG X Y0 Y1 COLOUR: column X from Y0 to Y1 has a run of COLOUR.
has_run() {
    "$px" "$1" --col "$2" "$3" "$4" | awk -v c="$5" '$3 == c { f = 1 } END { exit !f }'
}

naive=scenarios/video-to-slow-client-naive.yaml
pipe=scenarios/video-to-slow-client.yaml

# ---- compare ----

compare_two_graphs() {
    "$HW" compare $naive $pipe --render-tick 200 --out "$tmp/cmp.png" --probe >"$tmp/cmp.probe" || return 1
    p=$tmp/cmp.probe
    [ "$(kv $p compare.panes)" = 2 ] || { echo "compare.panes=$(kv $p compare.panes)"; return 1; }
    for i in 0 1; do
        [ "$(kv $p pane.$i.streams)" = 2 ] || { echo "pane $i: $(kv $p pane.$i.streams) cards"; return 1; }
        [ -n "$(kv $p pane.$i.card.file)" ] && [ -n "$(kv $p pane.$i.card.socket)" ] ||
            { echo "pane $i: no file/socket card in the probe"; return 1; }
        [ "$(kv $p pane.$i.tick)" = 200 ] || { echo "pane $i at tick $(kv $p pane.$i.tick)"; return 1; }
    done
    # The panes do not overlap.
    a=$(kv $p pane.0) b=$(kv $p pane.1)
    if [ "$(kv $p compare.side)" = 1 ]; then
        [ $(($(rect_x "$a") + $(rect_w "$a"))) -le "$(rect_x "$b")" ] || { echo "panes overlap: $a / $b"; return 1; }
    else
        [ $(($(rect_y "$a") + $(rect_h "$a"))) -le "$(rect_y "$b")" ] || { echo "panes overlap: $a / $b"; return 1; }
    fi
    # Pixels: both sockets' tanks hold data at tick 200 (fill colour in the body).
    fill=$(kv $p color.fill)
    for i in 0 1; do
        t=$(kv $p pane.$i.tank.socket.w)
        has_run "$tmp/cmp.png" $(($(rect_x "$t") + 2)) "$(rect_y "$t")" $(($(rect_y "$t") + $(rect_h "$t") - 1)) "$fill" ||
            { echo "pane $i: no fill colour $fill in the socket's tank $t"; return 1; }
    done
}
check compare-two-graphs compare_two_graphs

compare_shared_scale() {
    p=$tmp/cmp.probe
    [ -s "$p" ] || { echo "no probe (compare-two-graphs failed)"; return 1; }
    y0=$(kv $p pane.0.chart.ymax) y1=$(kv $p pane.1.chart.ymax)
    x0=$(kv $p pane.0.chart.xmax) x1=$(kv $p pane.1.chart.xmax)
    [ "$y0" = "$y1" ] || { echo "ymax $y0 vs $y1"; return 1; }
    [ "$x0" = "$x1" ] && [ "$x0" = 600 ] || { echo "xmax $x0 vs $x1 (want 600, the longer run)"; return 1; }
    # naive peaks at 128 MiB: the shared scale is above it, so the pipe run's 128 KiB is a sliver
    [ "$y0" -ge 134217728 ] || { echo "ymax $y0 is below naive's peak"; return 1; }
    # Pixels: at the column of tick 100 the naive chart's floor is the socket's
    # band, the pipe chart's floor the thin line that marks a small run.
    sock=$(kv $p color.series.1) line=$(kv $p color.heading)
    for i in 0 1; do
        r=$(kv $p pane.$i.chart.plot)
        x=$(($(rect_x "$r") + $(rect_w "$r") * 100 / 600))
        yb=$(($(rect_y "$r") + $(rect_h "$r") - 1))
        got=$("$px" "$tmp/cmp.png" "$x" "$yb")
        want=$sock; [ $i = 1 ] && want=$line
        [ "$got" = "$want" ] || { echo "pane $i chart floor at x=$x: $got, expected $want"; return 1; }
    done
}
check compare-shared-scale compare_shared_scale

compare_oom_pane() {
    # After naive died (tick 261) its pane stays on its last tick; the pipe run goes on.
    "$HW" compare $naive $pipe --render-tick 400 --probe >"$tmp/c400" || return 1
    [ "$(kv $tmp/c400 pane.0.tick)" = 261 ] && [ "$(kv $tmp/c400 pane.0.status)" = oom ] ||
        { echo "pane 0: tick $(kv $tmp/c400 pane.0.tick) status $(kv $tmp/c400 pane.0.status)"; return 1; }
    [ "$(kv $tmp/c400 pane.1.tick)" = 400 ] || { echo "pane 1 at $(kv $tmp/c400 pane.1.tick)"; return 1; }
}
check compare-oom-pane compare_oom_pane

compare_vary() {
    "$HW" compare scenarios/gzip-file-to-disk.yaml --vary disk.highWaterMark=16KiB,1MiB --render-tick 40 \
        --out "$tmp/cv.png" --probe >"$tmp/cv" || return 1
    [ "$(kv $tmp/cv pane.0.label)" = "disk.highWaterMark = 16 KiB" ] &&
        [ "$(kv $tmp/cv pane.1.label)" = "disk.highWaterMark = 1 MiB" ] ||
        { echo "labels: '$(kv $tmp/cv pane.0.label)' '$(kv $tmp/cv pane.1.label)'"; return 1; }
    [ "$(kv $tmp/cv pane.0.tank.disk.w.hwm)" = 16384 ] && [ "$(kv $tmp/cv pane.1.tank.disk.w.hwm)" = 1048576 ] ||
        { echo "disk hwm: $(kv $tmp/cv pane.0.tank.disk.w.hwm) $(kv $tmp/cv pane.1.tank.disk.w.hwm)"; return 1; }
    [ "$(kv $tmp/cv pane.0.streams)" = 3 ] && [ "$(kv $tmp/cv pane.1.streams)" = 3 ] || return 1
    # --stacked and --side are honoured
    "$HW" compare $naive $pipe --render-tick 5 --stacked --probe >"$tmp/stk" || return 1
    grep -qx 'compare.side=0' "$tmp/stk" || { echo "--stacked"; return 1; }
    "$HW" compare scenarios/gzip-file-to-disk.yaml --vary disk.highWaterMark=16KiB,1MiB --side --render-tick 5 --probe |
        grep -qx 'compare.side=1' || { echo "--side"; return 1; }
}
check compare-vary compare_vary

compare_bad_usage() {
    for args in "$naive" "$naive $pipe $pipe" "$naive --vary socket.rate=1KiB,2KiB,4KiB --render-tick 1 --probe" \
                "$naive --vary nosuch.rate=1,2 --render-tick 1 --probe" "$naive $pipe --out x.png"; do
        # shellcheck disable=SC2086
        "$HW" compare $args >/dev/null 2>"$tmp/err"
        rc=$?
        [ $rc = 2 ] && [ -s "$tmp/err" ] || { echo "compare $args: status $rc, stderr: $(head -1 "$tmp/err")"; return 1; }
    done
}
check compare-bad-usage compare_bad_usage

# ---- the YAML writer ----

roundtrip() { # FILE...: written and read back, every file runs the same trace
    n=0
    for f in "$@"; do
        "$HW" render "$f" --save-yaml "$tmp/rt.yaml" 2>"$tmp/err" || { echo "$f: save: $(cat "$tmp/err")"; return 1; }
        "$HW" run "$f" >"$tmp/a.trace" 2>&1 || { echo "$f: run: exit status $?"; return 1; }
        [ -s "$tmp/a.trace" ] || { echo "$f: run printed no trace"; return 1; }
        "$HW" run "$tmp/rt.yaml" >"$tmp/b.trace" 2>&1 || { echo "$f: written YAML does not read: $(head -1 "$tmp/b.trace")"; return 1; }
        cmp -s "$tmp/a.trace" "$tmp/b.trace" || { echo "$f: traces differ"; diff "$tmp/a.trace" "$tmp/b.trace" | head -5; return 1; }
        # and writing it again gives the same file
        "$HW" render "$tmp/rt.yaml" --save-yaml "$tmp/rt2.yaml" && cmp -s "$tmp/rt.yaml" "$tmp/rt2.yaml" ||
            { echo "$f: not a fixed point"; return 1; }
        n=$((n + 1))
    done
    [ "$n" -gt 0 ] || { echo "no files"; return 1; }
    echo "$n files"
}
# shellcheck disable=SC2046
check yaml-roundtrip-shipped roundtrip $(case_files scenarios/*.yaml)
# shellcheck disable=SC2046
check yaml-roundtrip-conformance roundtrip $(case_files tests/conformance/*.yaml tests/render/*.yaml)

yaml_texts() {
    # Quotes, backslashes, line breaks, tabs, YAML's own line separators and a
    # stream called null survive, byte for byte in the trace's note text.
    printf '%s\n' 'name: texts' 'title: "a \"q\" \\ b: c # d \u2028 \t \xe9"' \
        'description: "  two\nlines\r\n"' \
        'streams:' '  - {id: "null", kind: source, total: 64KiB}' '  - {id: s, kind: sink}' \
        'wiring:' '  - {pipe: ["null", s], end: false}' \
        'timeline:' '  - {at: 2, note: "x\ty \\ \"z\" \u0085 \u2029 end"}' \
        '  - {at: 3, do: destroy, stream: s, error: EIO}' \
        'questions:' '  - {at: 4, ask: "q: \"?\"", choices: ["a, b", "[c]"], answer: 2, why: "#w"}' >"$tmp/texts.yaml"
    roundtrip "$tmp/texts.yaml" && grep -q 'answer: 2' "$tmp/rt.yaml"
}
check yaml-roundtrip-texts yaml_texts

yaml_keeps_change() {
    "$HW" render scenarios/drain-needs-empty.yaml --set socket.highWaterMark=32KiB --save-yaml "$tmp/ch.yaml" || return 1
    grep -q 'id: socket, kind: sink, highWaterMark: 32KiB' "$tmp/ch.yaml" || { grep socket "$tmp/ch.yaml"; return 1; }
    "$HW" run scenarios/drain-needs-empty.yaml >"$tmp/a.trace" || return 1
    "$HW" run "$tmp/ch.yaml" >"$tmp/b.trace" || return 1
    ! cmp -s "$tmp/a.trace" "$tmp/b.trace" || { echo "the change did not change the run"; return 1; }
}
check yaml-keeps-change yaml_keeps_change

# ---- class mode ----

# questions FILE: the tick of every question, one per line
questions() { sed -n '/^questions:/,$p' "$1" | sed -n 's/^  - at: \([0-9]*\)$/\1/p'; }

class_band_ticks() {
    n=0
    for f in scenarios/*.yaml; do
        for at in $(questions "$f"); do
            "$HW" render "$f" --class --tick $((at - 1)) --out "$tmp/q.png" --probe >"$tmp/q" || return 1
            [ "$(kv $tmp/q quiz.phase)" = ask ] && [ "$(kv $tmp/q quiz.at)" = "$at" ] ||
                { echo "$f: at tick $((at - 1)): phase $(kv $tmp/q quiz.phase), question for $(kv $tmp/q quiz.at), want $at"; return 1; }
            # the band is drawn: its top edge in the marker colour
            box=$(kv $tmp/q quiz.box) mk=$(kv $tmp/q color.marker)
            has_run "$tmp/q.png" $(($(rect_x "$box") + $(rect_w "$box") / 2)) "$(rect_y "$box")" $(($(rect_y "$box") + 6)) "$mk" ||
                { echo "$f: no band edge ($mk) at $box"; return 1; }
            # not before: a tick earlier there is no question (unless one belongs to that tick)
            if [ "$at" -ge 2 ] && ! questions "$f" | grep -qx $((at - 1)); then
                "$HW" render "$f" --class --tick $((at - 2)) --probe >"$tmp/q2" || return 1
                [ "$(kv $tmp/q2 quiz.phase)" = none ] || { echo "$f: a question at tick $((at - 2))"; return 1; }
            fi
            # revealed at its own tick
            "$HW" render "$f" --class --reveal --tick "$at" --probe >"$tmp/q3" || return 1
            [ "$(kv $tmp/q3 quiz.phase)" = reveal ] || { echo "$f: no reveal at $at"; return 1; }
            n=$((n + 1))
        done
    done
    [ $n -ge 8 ] || { echo "only $n questions in the shipped scenarios"; return 1; }
    nf=$(grep -l '^questions:' scenarios/*.yaml | wc -l)
    [ "$nf" -ge 4 ] || { echo "questions in $nf scenarios, want 4 or more"; return 1; }
    echo "$n questions in $nf scenarios"
}
check class-band-ticks class_band_ticks

# The trace of FILE kept as $tmp/tr.NAME (fails, saying so, if the run fails).
keep_trace() {
    "$HW" run "$1" >"$tmp/tr.$(basename "$1" .yaml)" || { echo "$HW run $1: exit status $?"; return 1; }
}
# tr_has FILE TICK PATTERN: the kept trace of FILE has a line of TICK matching PATTERN
tr_has() { awk -v t="$2" '$1 == t' "$tmp/tr.$(basename "$1" .yaml)" | grep -q -- "$3"; }
tr_count() { awk -v t="$2" '$1 == t' "$tmp/tr.$(basename "$1" .yaml)" | grep -c -- "$3"; }

class_answers_in_trace() {
    # Each shipped question's tick is the one whose events answer it.
    d=scenarios
    for f in video-to-slow-client video-to-slow-client-naive drain-needs-empty sync-socket-hides-backpressure \
             hwm-is-a-threshold; do
        keep_trace $d/$f.yaml || return 1
    done
    tr_has $d/video-to-slow-client.yaml 1 'socket wrote ret=false' || { echo "v2sc q1"; return 1; }
    tr_has $d/video-to-slow-client.yaml 9 'socket drain' || { echo "v2sc q2"; return 1; }
    [ "$(tr_count $d/video-to-slow-client-naive.yaml 1 'socket write bytes=65536')" = 8 ] || { echo "naive q1"; return 1; }
    tr_has $d/video-to-slow-client-naive.yaml 261 ' oom ' || { echo "naive q2"; return 1; }
    ! tr_has $d/video-to-slow-client-naive.yaml 260 ' oom ' || { echo "naive q2 (early)"; return 1; }
    ! tr_has $d/drain-needs-empty.yaml 5 ' drain$' && tr_has $d/drain-needs-empty.yaml 5 'socket state wlen=12288' ||
        { echo "drain-needs-empty q1"; return 1; }
    tr_has $d/drain-needs-empty.yaml 17 'socket drain' || { echo "drain-needs-empty q2"; return 1; }
    tr_has $d/sync-socket-hides-backpressure.yaml 1 'socket wrote ret=true' &&
        ! tr_has $d/sync-socket-hides-backpressure.yaml 1 'wrote ret=false' || { echo "sync q1"; return 1; }
    tr_has $d/sync-socket-hides-backpressure.yaml 6 'socket wrote ret=false' || { echo "sync q2"; return 1; }
    tr_has $d/hwm-is-a-threshold.yaml 1 'socket wrote ret=false' &&
        tr_has $d/hwm-is-a-threshold.yaml 1 'socket state wlen=1048576' || { echo "threshold q1"; return 1; }
    tr_has $d/hwm-is-a-threshold.yaml 16 'socket drain' || { echo "threshold q2"; return 1; }
}
check class-answers-in-trace class_answers_in_trace

class_traces_unchanged() {
    "$HW" check scenarios/*.yaml >"$tmp/chk" 2>&1 || { grep -v '^ok' "$tmp/chk" | head; return 1; }
    n=$(grep -c '^ok ' "$tmp/chk") want=$(ls scenarios/*.yaml | wc -l)
    [ "$n" -eq "$want" ] || { echo "check said ok for $n of $want scenarios"; return 1; }
}
check class-traces-unchanged class_traces_unchanged

class_render_flags() {
    # --reveal and --pick need --class; a tick without a question draws no band
    "$HW" render $pipe --tick 3 --reveal --probe >/dev/null 2>&1 && { echo "--reveal without --class"; return 1; }
    "$HW" render $pipe --tick 3 --class --probe >"$tmp/cls" || return 1
    grep -qx 'quiz.phase=none' "$tmp/cls" || return 1
    "$HW" render $pipe --tick 0 --class --pick 2 --probe >"$tmp/cls" || return 1
    grep -qx 'quiz.phase=ask' "$tmp/cls"
}
check class-render-flags class_render_flags

# ---- inside a tick ----

micro_order() {
    "$HW" render $pipe --tick 9 --micro 0 --probe >"$tmp/m0" || return 1
    sed -n 's/^micro\.event\.[0-9]*=//p' "$tmp/m0" >"$tmp/m.events"
    "$HW" run $pipe >"$tmp/pipe.trace" || return 1
    awk '$1 == 9 && $3 != "state" && $3 != "mem" && $3 != "note" { print $2, $3 }' "$tmp/pipe.trace" >"$tmp/t.events"
    [ -s "$tmp/t.events" ] && cmp -s "$tmp/m.events" "$tmp/t.events" ||
        { echo "micro-step events differ from the trace of tick 9:"; diff "$tmp/m.events" "$tmp/t.events" | head; return 1; }
    [ "$(kv $tmp/m0 micro.events)" = "$(wc -l <"$tmp/t.events" | tr -d ' ')" ] || return 1
}
check micro-order micro_order

micro_queue() {
    # Tick 9: after resume() (event 3) the file's emitReadable_ waits in the
    # nextTick queue; before the first event nothing waits.
    "$HW" render $pipe --tick 9 --micro 4 --out "$tmp/m4.png" --probe >"$tmp/m4" || return 1
    [ "$(kv $tmp/m4 micro.pending)" -ge 1 ] || { echo "pending=$(kv $tmp/m4 micro.pending)"; return 1; }
    [ "$(kv $tmp/m4 micro.pending.1)" = "nextTick emitReadable_ file" ] || { echo "1: $(kv $tmp/m4 micro.pending.1)"; return 1; }
    [ "$(kv $tmp/m4 micro.focus)" = 0 ] || { echo "focus $(kv $tmp/m4 micro.focus), want the file (0)"; return 1; }
    "$HW" render $pipe --tick 9 --micro 0 --out "$tmp/m0.png" --probe >"$tmp/m0b" || return 1
    [ "$(kv $tmp/m0b micro.pending)" = 0 ] || return 1
    # Pixels: the queue lists an entry (a card-coloured box) at event 4, none before event 1.
    q=$(kv $tmp/m4 micro.queue) card=$(kv $tmp/m4 color.card)
    x=$(($(rect_x "$q") + 20)) y0=$(rect_y "$q") y1=$(($(rect_y "$q") + $(rect_h "$q") - 1))
    has_run "$tmp/m4.png" $x "$y0" "$y1" "$card" || { echo "no queue entry drawn in $q"; return 1; }
    ! has_run "$tmp/m0.png" $x "$y0" "$y1" "$card" || { echo "an entry drawn with an empty queue"; return 1; }
}
check micro-queue micro_queue

micro_states() {
    # The cards show each moment: the socket's buffer is full before 'drain'
    # (position 0), empty after it (2), full again when write() answers (8).
    for pos_len in 0:65536 2:0 8:65536; do
        pos=${pos_len%:*} want=${pos_len#*:}
        "$HW" render $pipe --tick 9 --micro "$pos" --probe >"$tmp/ms" || return 1
        [ "$(kv $tmp/ms tank.socket.w.len)" = "$want" ] || { echo "position $pos: socket len $(kv $tmp/ms tank.socket.w.len), want $want"; return 1; }
    done
}
check micro-states micro_states

# ---- live changes ----

edit_marks() {
    "$HW" render $pipe --tick 100 --set socket.highWaterMark=64KiB --select socket --out "$tmp/e.png" --probe >"$tmp/e" || return 1
    grep -qx 'changed.socket.highWaterMark=65536 was=16384' "$tmp/e" || { grep changed "$tmp/e"; return 1; }
    grep -qx 'selected=socket' "$tmp/e" || return 1
    [ "$(kv $tmp/e tank.socket.w.hwm)" = 65536 ] || return 1
    ! grep -q '^changed.file' "$tmp/e" || return 1
    # the selection ring (marker colour) just outside the card's left edge
    c=$(kv $tmp/e card.socket) mk=$(kv $tmp/e color.marker)
    got=$("$px" "$tmp/e.png" $(($(rect_x "$c") - 4)) $(($(rect_y "$c") + $(rect_h "$c") / 2)))
    [ "$got" = "$mk" ] || { echo "ring pixel $got, want $mk"; return 1; }
    # a value the scenario refuses is an error, not a silent change
    "$HW" render $pipe --set socket.chunk=1KiB --probe >/dev/null 2>&1 && { echo "socket.chunk accepted"; return 1; }
    return 0
}
check edit-marks edit_marks

# ---- sweep on a scenario with questions ----

# Questions now ship in lessons; `sweep` copies the scenario per value.
sweep_questions() {
    "$HW" sweep $pipe --vary socket.highWaterMark=16KiB,64KiB -j 1 >"$tmp/sw.csv" 2>&1 ||
        { echo "sweep exited $? (scenario_clone in sim/scenario/vary.c shares the questions and content it frees)"; return 1; }
    [ "$(wc -l <"$tmp/sw.csv")" = 3 ]
}
check sweep-with-questions sweep_questions
suite_end
