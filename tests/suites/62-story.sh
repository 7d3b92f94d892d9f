#!/bin/sh
# 62-story.sh - the window tells the story: frames inside a tick, the memory
# chart by kind, the byte strip and the marks a live change puts on the
# notes, drawn headless and checked from the pixels, the probe and the trace:
#
#   story-order          `render --tick 9 --step K` steps through tick 9 of
#                        video-to-slow-client in the order of the trace
#   story-drain-empty    right after 'drain' the socket's tank body has no fill
#                        (pixels); right after the next write() it is full again
#   story-last           --step last draws the tanks as the tick's end does
#   story-peak-so-far    inside tick 1 of video-to-slow-client (memory grows)
#                        the chart's "peak so far" rises step by step and
#                        never shows the tick's end before it happens
#   story-drain-word     the 'drain' word is drawn in the socket's empty tank
#                        right after 'drain', and not in gzip's refilled tank
#                        at the end of gzip-file-to-disk's tick 5 (pixels of
#                        the tank's middle column)
#   story-call-effect    a step shows what its call did: after the socket's
#                        'done' its tank is empty, after write() it holds the
#                        chunk; in cork-writev tick 2 the first chunk's step
#                        names _write, the tick's end _writev (7 chunks)
#   story-line-clear     in every lesson, at 1024x768, 1280x720 and 1920x1080,
#                        the step line ends above every card's tag strip, and
#                        a tag reaches at most 6 design px into its card, above
#                        the title (the probe's rects; the line met the tags by
#                        5 px at 1280x720, and the tags covered the titles)
#   story-layout-steady  in every lesson, at every note's tick the cards are
#                        where they were at the first note: the caption keeps
#                        the tallest note's height, so nothing jumps as the
#                        notes change (21 lessons jumped, up to 6 times)
#   story-bad-step       a step past the tick's events, step 0, a tick without
#                        events, a tick past the run: exit 2 with a message
#   memory-kinds-differ  memory-bytes' chart band is one solid colour,
#                        memory-objects' (heap) is striped: the charts differ
#   utf8-fffd-visible    the UTF-8 lesson draws U+FFFD marks (error colour,
#                        pixels) in the Buffer lane and none in the
#                        setEncoding lane
#   edit-stale-notes     after a live change the first differing tick is the
#                        one where the two traces part; notes from it on are
#                        marked as written for the file's values
#
# Run from the repository root by tests/run.sh (conventions: tests/README.md).
. tests/lib/suite.sh
build_hw
need_cmd pkg-config "builds the PNG reader"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

px=$tmp/pngpx
# shellcheck disable=SC2046
if ! cc -std=c11 -O2 $(pkg-config --cflags libpng) tests/render/pngpx.c -o "$px" \
        $(pkg-config --libs libpng) 2>"$tmp/log"; then
    sed 's/^/#   /' "$tmp/log"
    not_ok story-pngpx-build
    suite_end
fi

kv() { sed -n "s/^$2=//p" "$1"; }          # kv PROBE KEY
field() { echo "$1" | cut -d, -f"$2"; }    # field RECT N: x y w h

pipe=scenarios/video-to-slow-client.yaml
rc=0
"$HW" run $pipe >"$tmp/pipe.trace" || rc=$?
if [ $rc -ne 0 ] || [ ! -s "$tmp/pipe.trace" ]; then
    not_ok "story-trace (run $pipe: exit $rc)"
    suite_end
fi
# The events of tick 9 as the story counts them: every trace line but state, mem and note.
awk '$1 == 9 && $3 != "state" && $3 != "mem" && $3 != "note" { print $2, $3 }' "$tmp/pipe.trace" >"$tmp/t9"
n9=$(wc -l <"$tmp/t9")

# step_of SUBJECT KIND: the 1-based place of the first such event in tick 9.
step_of() { awk -v s="$1" -v k="$2" '$1 == s && $2 == k { print NR; exit }' "$tmp/t9"; }

story_order() {
    [ "$n9" -ge 5 ] || { echo "tick 9 has only $n9 events"; return 1; }
    k=1
    while [ $k -le "$n9" ]; do
        "$HW" render $pipe --tick 9 --step $k --probe >"$tmp/p" || return 1
        want=$(sed -n "${k}p" "$tmp/t9")
        got=$(kv "$tmp/p" story.event)
        [ "$got" = "$want" ] || { echo "step $k: the frame shows '$got', the trace has '$want'"; return 1; }
        [ "$(kv "$tmp/p" story.events)" = "$n9" ] || { echo "story.events=$(kv "$tmp/p" story.events), trace $n9"; return 1; }
        k=$((k + 1))
    done
}

# body_runs PNG PROBE TANK: the colour runs of a column 2 px inside the tank body's left wall.
body_runs() {
    r=$(kv "$2" "tank.$3")
    x=$(($(field "$r" 1) + 2)) y=$(field "$r" 2) h=$(field "$r" 4)
    "$px" "$1" --col "$x" "$y" $((y + h - 1))
}

story_drain_empty() {
    d=$(step_of socket drain) w=$(step_of socket wrote)
    [ -n "$d" ] && [ -n "$w" ] || { echo "no socket drain / wrote in tick 9 of the trace"; return 1; }
    [ "$w" -gt "$d" ] || { echo "write() returned before 'drain' in the trace"; return 1; }
    "$HW" render $pipe --tick 9 --step "$d" --out "$tmp/d.png" --probe >"$tmp/d" || return 1
    "$HW" render $pipe --tick 9 --step "$w" --out "$tmp/w.png" --probe >"$tmp/w" || return 1
    fill=$(kv "$tmp/d" color.fill) over=$(kv "$tmp/d" color.fill_over) line=$(kv "$tmp/d" color.hwm_line)
    body_runs "$tmp/d.png" "$tmp/d" socket.w >"$tmp/druns" || return 1
    if awk -v f="$fill" -v o="$over" '$3 == f || $3 == o { bad = 1 } END { exit !bad }' "$tmp/druns"; then
        echo "after 'drain' (step $d) the socket's tank still shows fill:"; cat "$tmp/druns"; return 1
    fi
    # After the write(): every row of the body is fill, fill above the line, or the line itself.
    body_runs "$tmp/w.png" "$tmp/w" socket.w >"$tmp/wruns" || return 1
    if awk -v f="$fill" -v o="$over" -v l="$line" '$3 != f && $3 != o && $3 != l { bad = 1 } END { exit !bad }' "$tmp/wruns"; then
        echo "after write() (step $w) the socket's tank is not full:"; cat "$tmp/wruns"; return 1
    fi
    [ "$(kv "$tmp/w" tank.socket.w.len)" -gt "$(kv "$tmp/w" tank.socket.w.cap)" ] ||
        { echo "the probe says len $(kv "$tmp/w" tank.socket.w.len) after write(), below the tank's cap"; return 1; }
}

story_last() {
    "$HW" render $pipe --tick 9 --step last --out "$tmp/l.png" --probe >"$tmp/l" || return 1
    "$HW" render $pipe --tick 9 --out "$tmp/e.png" --probe >"$tmp/e" || return 1
    [ "$(kv "$tmp/l" story.pos)" = "$n9" ] || { echo "--step last is at $(kv "$tmp/l" story.pos) of $n9"; return 1; }
    for t in socket.w file.r; do
        body_runs "$tmp/l.png" "$tmp/l" $t >"$tmp/a" && body_runs "$tmp/e.png" "$tmp/e" $t >"$tmp/b" || return 1
        cmp -s "$tmp/a" "$tmp/b" || { echo "tank $t differs between --step last and the tick's end"; diff "$tmp/a" "$tmp/b"; return 1; }
    done
    [ "$(kv "$tmp/l" light.file.state)" = "$(kv "$tmp/e" light.file.state)" ] || { echo "the file's light differs"; return 1; }
}

story_peak_so_far() {
    n1=$(awk '$1 == 1 && $3 != "state" && $3 != "mem" && $3 != "note"' "$tmp/pipe.trace" | wc -l)
    [ "$n1" -ge 3 ] || { echo "tick 1 has only $n1 events"; return 1; }
    "$HW" render $pipe --tick 1 --probe >"$tmp/pe" || return 1
    end=$(kv "$tmp/pe" chart.peak)
    prev=0 k=1
    while [ $k -le "$n1" ]; do
        "$HW" render $pipe --tick 1 --step $k --probe >"$tmp/pk" || return 1
        peak=$(kv "$tmp/pk" chart.peak) now=$(kv "$tmp/pk" chart.now)
        [ "$peak" -ge "$prev" ] || { echo "step $k: peak $peak fell from $prev"; return 1; }
        [ "$peak" -le "$end" ] || { echo "step $k: peak $peak above the tick's end $end"; return 1; }
        [ "$peak" -ge "$now" ] || [ "$now" -gt "$end" ] || { echo "step $k: peak $peak below now $now"; return 1; }
        [ $k -ne 1 ] || [ "$peak" -lt "$end" ] || { echo "step 1 already shows the tick's end peak $end"; return 1; }
        prev=$peak k=$((k + 1))
    done
}

# mid_drain PNG PROBE TANK: whether the tank's middle column has the 'drain' colour.
mid_drain() {
    r=$(kv "$2" "tank.$3")
    x=$(($(field "$r" 1) + $(field "$r" 3) / 2)) y=$(field "$r" 2) h=$(field "$r" 4)
    "$px" "$1" --col "$x" "$y" $((y + h - 1)) | awk -v c="$(kv "$2" color.drain)" '$3 == c { hit = 1 } END { exit !hit }'
}

story_drain_word() {
    d=$(step_of socket drain)
    "$HW" render $pipe --tick 9 --step "$d" --out "$tmp/dw.png" --probe >"$tmp/dw" || return 1
    mid_drain "$tmp/dw.png" "$tmp/dw" socket.w || { echo "no 'drain' word in the socket's tank at step $d"; return 1; }
    gz=scenarios/gzip-file-to-disk.yaml
    "$HW" run $gz >"$tmp/gz.trace" || { echo "run $gz failed"; return 1; }
    grep -q '^5 gzip drain' "$tmp/gz.trace" || { echo "gzip-file-to-disk: no 'drain' on gzip at tick 5"; return 1; }
    "$HW" render $gz --tick 5 --out "$tmp/gz.png" --probe >"$tmp/gz" || return 1
    [ "$(kv "$tmp/gz" tank.gzip.w.len)" -gt 0 ] || { echo "gzip's writable side is empty at tick 5's end"; return 1; }
    if mid_drain "$tmp/gz.png" "$tmp/gz" gzip.w; then echo "the 'drain' word is drawn in gzip's refilled tank"; return 1; fi
}

story_call_effect() {
    dn=$(step_of socket done) wr=$(step_of socket write)
    [ -n "$dn" ] && [ -n "$wr" ] || { echo "no socket done / write in tick 9 of the trace"; return 1; }
    "$HW" render $pipe --tick 9 --step "$dn" --probe >"$tmp/cd" || return 1
    [ "$(kv "$tmp/cd" tank.socket.w.len)" = 0 ] || { echo "after 'done' (step $dn) the socket holds $(kv "$tmp/cd" tank.socket.w.len)"; return 1; }
    "$HW" render $pipe --tick 9 --step "$wr" --probe >"$tmp/cw" || return 1
    [ "$(kv "$tmp/cw" tank.socket.w.len)" -gt 0 ] || { echo "after write() (step $wr) the socket's buffer is empty"; return 1; }
    ck=scenarios/cork-writev.yaml
    "$HW" run $ck >"$tmp/ck.trace" || { echo "run $ck failed"; return 1; }
    awk '$1 == 2 && $3 != "state" && $3 != "mem" && $3 != "note" { print $2, $3, $4, $5 }' "$tmp/ck.trace" >"$tmp/ck2"
    b1=$(awk '$1 == "socket" && $2 == "begin" { print NR; exit }' "$tmp/ck2")
    grep -q '^socket begin bytes=700 chunks=7$' "$tmp/ck2" || { echo "cork-writev tick 2 has no _writev of 7 chunks"; return 1; }
    "$HW" render $ck --tick 2 --step "$b1" --probe >"$tmp/c1" || return 1
    [ "$(kv "$tmp/c1" work.socket.call)" = _write ] || { echo "cork-writev tick 2 step $b1 (the first chunk) names $(kv "$tmp/c1" work.socket.call)"; return 1; }
    "$HW" render $ck --tick 2 --step last --probe >"$tmp/c2" || return 1
    [ "$(kv "$tmp/c2" work.socket.call)" = _writev ] || { echo "cork-writev tick 2's end names $(kv "$tmp/c2" work.socket.call)"; return 1; }
}

story_line_clear() {
    n=0
    for f in scenarios/*.yaml; do
        "$HW" run "$f" >"$tmp/sl.trace" || { echo "run $f failed"; return 1; }
        t=$(awk '$1 ~ /^[0-9]+$/ && $3 != "state" && $3 != "mem" && $3 != "note" { print $1; exit }' "$tmp/sl.trace")
        [ -n "$t" ] || continue
        for size in 1024x768 1280x720 1920x1080; do
            "$HW" render "$f" --tick "$t" --step 1 --size $size --probe >"$tmp/sl" || return 1
            why=$(awk -F'[=,]' '$1 == "scale" { s = $2 } $1 == "story.line" { bottom = $3 + $5 }
                $1 ~ /^tag\./ { id = substr($1, 5); top[id] = $3; tb[id] = $3 + $5 }
                $1 ~ /^card\./ { ct[substr($1, 6)] = $3 }
                END { if (!bottom) { print "no story.line"; exit }
                      for (k in top) if (top[k] < bottom) { print "tag." k " starts at y=" top[k] ", the step line ends at " bottom; exit }
                      for (k in tb) if (tb[k] > ct[k] + 6 * s) { print "tag." k " ends at y=" tb[k] ", over the title of its card at " ct[k]; exit } }' "$tmp/sl")
            [ -z "$why" ] || { echo "$f tick $t $size: $why"; return 1; }
            n=$((n + 1))
        done
    done
    [ $n -ge 60 ] || { echo "only $n frames checked"; return 1; }
}

story_layout_steady() {
    nl=0
    for f in scenarios/*.yaml; do
        first=
        "$HW" run "$f" >"$tmp/ls.trace" || { echo "run $f failed"; return 1; }
        for t in $(awk '$3 == "note" { print $1 }' "$tmp/ls.trace"); do
            "$HW" render "$f" --tick "$t" --probe >"$tmp/ls" || return 1
            cards=$(grep -E '^card\.' "$tmp/ls" | tr '\n' ' ')
            [ -n "$cards" ] || { echo "$f tick $t: no cards in the probe"; return 1; }
            if [ -z "$first" ]; then first=$cards ft=$t
            elif [ "$cards" != "$first" ]; then echo "$f tick $t: $cards; tick $ft: $first"; return 1; fi
        done
        [ -z "$first" ] || nl=$((nl + 1))
    done
    [ "$nl" -ge 20 ] || { echo "only $nl lessons with notes"; return 1; }
}

# fails_with MESSAGE-PART ARGS...: exit status 2, the message on stderr, no PNG written.
fails_with() {
    want=$1; shift
    rm -f "$tmp/bad.png"
    rc=0
    "$HW" render "$@" --out "$tmp/bad.png" >/dev/null 2>"$tmp/err" || rc=$?
    [ $rc -eq 2 ] || { echo "render $*: exit $rc, want 2"; return 1; }
    grep -q -- "$want" "$tmp/err" || { echo "render $*: message '$(cat "$tmp/err")' lacks '$want'"; return 1; }
    [ ! -e "$tmp/bad.png" ] || { echo "render $*: wrote a PNG"; return 1; }
}

story_bad_step() {
    fails_with "has $n9 events" $pipe --tick 9 --step $((n9 + 1)) || return 1
    fails_with "--step wants" $pipe --tick 9 --step 0 || return 1
    fails_with "--step wants" $pipe --tick 9 --step two || return 1
    fails_with "no events" $pipe --tick 2 --step 1 || return 1
    last=$(awk '/^# highwater-trace/ { for (i = 1; i <= NF; i++) if ($i ~ /^ticks=/) { sub("ticks=", "", $i); print $i } }' "$tmp/pipe.trace")
    fails_with "past the run" $pipe --tick $((last + 1)) || return 1
}

# band_colours SCENARIO: the distinct colours of 12 neighbouring chart columns,
# halfway up the bottom (source) band, a quarter of the way into the run.
band_colours() {
    "$HW" render "scenarios/$1.yaml" --tick 20 --out "$tmp/$1.png" --probe >"$tmp/$1.p" || return 1
    r=$(kv "$tmp/$1.p" chart.plot) ymax=$(kv "$tmp/$1.p" chart.ymax)
    x0=$(($(field "$r" 1) + $(field "$r" 3) / 4)) y=$(($(field "$r" 2) + $(field "$r" 4)))
    # The source band holds 16 KiB (16 objects of 1 KiB): 8 KiB is inside it.
    y=$((y - 8192 * $(field "$r" 4) / ymax))
    pts=
    for i in 0 1 2 3 4 5 6 7 8 9 10 11; do pts="$pts $((x0 + i)) $y"; done
    # shellcheck disable=SC2086
    "$px" "$tmp/$1.png" $pts | sort -u
}

memory_kinds_differ() {
    band_colours memory-bytes >"$tmp/cb" || return 1
    band_colours memory-objects >"$tmp/co" || return 1
    src=$(kv "$tmp/memory-bytes.p" color.series.0)
    [ "$(wc -l <"$tmp/cb")" = 1 ] && [ "$(cat "$tmp/cb")" = "$src" ] ||
        { echo "memory-bytes (all Buffers): the band should be solid $src, got $(tr '\n' ' ' <"$tmp/cb")"; return 1; }
    [ "$(wc -l <"$tmp/co")" -ge 2 ] && grep -qx "$src" "$tmp/co" ||
        { echo "memory-objects (all heap): the band should be striped with $src, got $(tr '\n' ' ' <"$tmp/co")"; return 1; }
}

utf8_fffd_visible() {
    f=scenarios/utf8-split-across-chunks.yaml
    "$HW" render $f --tick 2 --out "$tmp/u.png" --probe >"$tmp/u" || return 1
    n=$(kv "$tmp/u" bytes.fffd)
    [ "${n:-0}" -ge 2 ] || { echo "U+FFFD marks drawn: ${n:-none}, want the two of the cut €"; return 1; }
    err=$(kv "$tmp/u" color.error)
    i=1
    while [ $i -le "$n" ]; do
        [ "$(kv "$tmp/u" bytes.fffd.$i.lane)" = asBuffers ] ||
            { echo "mark $i in lane $(kv "$tmp/u" bytes.fffd.$i.lane): setEncoding must give the whole €"; return 1; }
        r=$(kv "$tmp/u" bytes.fffd.$i)
        c=$("$px" "$tmp/u.png" $(($(field "$r" 1) + 2)) $(($(field "$r" 2) + $(field "$r" 4) / 2)))
        [ "$c" = "$err" ] || { echo "mark $i at $r is $c, not the error colour $err"; return 1; }
        i=$((i + 1))
    done
    # Before the first chunk is read there is nothing to mark.
    "$HW" render $f --tick 0 --probe >"$tmp/u0" || return 1
    [ "$(kv "$tmp/u0" bytes.fffd)" = 0 ] || { echo "tick 0 already shows $(kv "$tmp/u0" bytes.fffd) marks"; return 1; }
}

edit_stale_notes() {
    "$HW" render $pipe --tick 20 --set socket.highWaterMark=128KiB --save-yaml "$tmp/ed.yaml" --probe >"$tmp/s" || return 1
    "$HW" run "$tmp/ed.yaml" >"$tmp/ed.trace" || return 1
    # The first tick whose non-note lines differ between the two traces.
    want=$(awk 'FNR == 1 { f++ } /^#/ || $3 == "note" { next }
                f == 1 { a[$1] = a[$1] $0 "\n"; next } { b[$1] = b[$1] $0 "\n"; if ($1 > m) m = $1 }
                END { for (t = 0; t <= m; t++) if (a[t] != b[t]) { print t; exit } }' "$tmp/pipe.trace" "$tmp/ed.trace")
    [ -n "$want" ] || { echo "the traces do not differ"; return 1; }
    [ "$(kv "$tmp/s" edit.diverged)" = "$want" ] || { echo "edit.diverged=$(kv "$tmp/s" edit.diverged), the traces part at $want"; return 1; }
    [ "$(kv "$tmp/s" edit.written_for)" = "socket hwm 16 KiB" ] || { echo "written_for=$(kv "$tmp/s" edit.written_for)"; return 1; }
    [ "$(kv "$tmp/s" caption.stale)" = 1 ] || { echo "note $(kv "$tmp/s" caption.note) at tick 20 not marked"; return 1; }
    # A change that leaves the run as it was marks nothing.
    "$HW" render $pipe --tick 20 --set socket.highWaterMark=32KiB --probe >"$tmp/s2" || return 1
    "$HW" render $pipe --tick 20 --set socket.highWaterMark=32KiB --save-yaml "$tmp/e2.yaml" >/dev/null || return 1
    "$HW" run "$tmp/e2.yaml" >"$tmp/e2.trace" || return 1
    [ -s "$tmp/e2.trace" ] || { echo "empty trace for the saved scenario"; return 1; }
    awk '!/^#/ && $3 != "note"' "$tmp/e2.trace" >"$tmp/e2.t"
    awk '!/^#/ && $3 != "note"' "$tmp/pipe.trace" >"$tmp/p.t"
    if cmp -s "$tmp/e2.t" "$tmp/p.t"; then
        [ "$(kv "$tmp/s2" edit.diverged)" = -1 ] || { echo "same trace, but diverged=$(kv "$tmp/s2" edit.diverged)"; return 1; }
    fi
}

check story-order story_order
check story-drain-empty story_drain_empty
check story-last story_last
check story-peak-so-far story_peak_so_far
check story-drain-word story_drain_word
check story-call-effect story_call_effect
check story-line-clear story_line_clear
check story-layout-steady story_layout_steady
check story-bad-step story_bad_step
check memory-kinds-differ memory_kinds_differ
check utf8-fffd-visible utf8_fffd_visible
check edit-stale-notes edit_stale_notes
suite_end
