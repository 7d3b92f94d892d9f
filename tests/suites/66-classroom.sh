#!/bin/sh
# 66-classroom.sh - the window as a class meets it:
#
#   course-*     scenarios/course.txt is the one lesson list: docs/lessons.md
#                has the same sections with the same lessons in the same
#                order, and `highwater list` prints them in that order
#   view-*       `view` checks its file first (file:line:col, exit 2 with or
#                without a display); without a display, or with a video
#                driver that shows no window, it says so in one line and
#                exits 2; --or-summary prints the summary instead (exit 0)
#   mouse-*      a whole lesson with the mouse alone, through `view --script`
#                (headless): open the lesson picker from the header, scroll it,
#                open video-to-slow-client, turn class mode on and play from
#                the control bar, pick an answer and reveal it by clicking,
#                continue, wait at a note, play on, reset. Each stage replays
#                the steps so far and shoots the frame with a probe of the
#                window's state and buttons (NAME.probe); the next click goes
#                where the probe says, and the pixels show what happened
#   script-*     bad --script files: file:line:col, exit 2, nothing shown
#   record-*     `record --slide` of the default lesson (note 1's range, event by
#                event) is a GIF under 3 MB that identify reads; --note K runs
#                from note K's tick to the next note's (by tick, not file order);
#                a whole-run GIF estimated over 10 MB is refused
#                (exit 2, no file) unless --force; --out x.mp4 is an error
#
# Run from the repository root by tests/run.sh; prints `ok NAME` or
# `not ok NAME` per case. HW=path tests another binary.
. tests/lib/suite.sh
build_hw
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# ---- the course ----

# "SECTION<TAB>LESSON" lines from the course file ...
course_lines() {
    awk '/^#/ || /^[ \t]*$/ { next }
         /^=/ { sub(/^=[ \t]*/, ""); sec = $0; next }
         { print sec "\t" $1 }' scenarios/course.txt
}
# ... and from the tables of docs/lessons.md: "## N. Title" then "| `name.yaml` | ...".
doc_lines() {
    awk '/^## [0-9]+\. / { sub(/^## [0-9]+\. /, ""); gsub(/`/, ""); sec = $0; next }
         /^## / { sec = ""; next }
         sec != "" && /^\| `[^`]*\.yaml`/ { n = split($0, f, "`"); print sec "\t" substr(f[2], 1, length(f[2]) - 5) }' docs/lessons.md
}

course_matches_doc() {
    course_lines >"$tmp/course" && doc_lines >"$tmp/doc" || return 1
    [ -s "$tmp/course" ] || { echo "no lessons in scenarios/course.txt"; return 1; }
    diff "$tmp/doc" "$tmp/course" || { echo "docs/lessons.md (<) and scenarios/course.txt (>) differ"; return 1; }
}

course_has_every_scenario_once() {
    course_lines | cut -f2 | sort >"$tmp/named" || return 1
    ls scenarios/*.yaml | sed 's|^scenarios/||; s|\.yaml$||' | sort >"$tmp/files"
    [ -z "$(uniq -d "$tmp/named")" ] || { echo "named twice: $(uniq -d "$tmp/named")"; return 1; }
    diff "$tmp/files" "$tmp/named" || { echo "scenarios/*.yaml (<) and the course (>) differ"; return 1; }
}

list_follows_course() {
    "$HW" list >"$tmp/list" || return 1
    cut -d' ' -f1 "$tmp/list" >"$tmp/list.names"
    course_lines | cut -f2 >"$tmp/course.names"
    diff "$tmp/course.names" "$tmp/list.names" || { echo "course (<) and highwater list (>) differ"; return 1; }
}

# A folder with a course of its own: its order, then what it leaves out by name.
list_own_folder() {
    mkdir -p "$tmp/own" && cp scenarios/hwm-tiny.yaml scenarios/hwm-huge.yaml scenarios/cork-writev.yaml "$tmp/own/" &&
        printf '= Mine\nhwm-tiny\ncork-writev\n' >"$tmp/own/course.txt" || return 1
    "$HW" list "$tmp/own" >"$tmp/own.list" || return 1
    [ "$(cut -d' ' -f1 "$tmp/own.list" | tr '\n' ' ')" = "hwm-tiny cork-writev hwm-huge " ] || { cat "$tmp/own.list"; return 1; }
    printf '= Mine\nhwm-tiny\nnot-here\n' >"$tmp/own/course.txt"
    "$HW" list "$tmp/own" >"$tmp/own.list" 2>"$tmp/own.err"
    rc=$?
    [ $rc -eq 2 ] || { echo "exit $rc with a course naming a missing lesson"; return 1; }
    grep -qx "$tmp/own/course.txt:3:1: no scenario 'not-here' in this folder" "$tmp/own.err" || { cat "$tmp/own.err"; return 1; }
}

check course-matches-lessons-doc course_matches_doc
check course-has-every-scenario-once course_has_every_scenario_once
check course-list-follows-course list_follows_course
check course-list-own-folder list_own_folder

# ---- no invisible window ----

view_no_display() {
    env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$HW" view scenarios/hwm-tiny.yaml >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 2 ] || { echo "exit $rc"; return 1; }
    [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'no display' "$tmp/err" || { cat "$tmp/out" "$tmp/err"; return 1; }
}

view_windowless_driver() {
    for drv in dummy offscreen; do
        SDL_VIDEODRIVER=$drv DISPLAY=:0 "$HW" view scenarios/hwm-tiny.yaml >"$tmp/out" 2>"$tmp/err"
        rc=$?
        [ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "no display.*$drv" "$tmp/err" ||
            { echo "SDL_VIDEODRIVER=$drv: exit $rc"; cat "$tmp/err"; return 1; }
    done
}

# An X display nobody serves: an error, not a quiet fallback to another driver, and no library noise.
view_unreachable_x() {
    DISPLAY=:97 XDG_RUNTIME_DIR= timeout 20 env -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$HW" view scenarios/hwm-tiny.yaml \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 2 ] || { echo "exit $rc"; cat "$tmp/err"; return 1; }
    [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q 'no display (cannot open the X display :97' "$tmp/err" &&
        ! grep -q XDG_RUNTIME_DIR "$tmp/err" || { cat "$tmp/err"; return 1; }
}

view_bad_file_first() {
    printf 'title: "x"\nticks: lots\n' >"$tmp/bad.yaml"
    for env in "DISPLAY=" "SDL_VIDEODRIVER=dummy"; do
        env $env "$HW" view "$tmp/bad.yaml" >"$tmp/out" 2>"$tmp/err"
        rc=$?
        [ $rc -eq 2 ] && grep -q "^$tmp/bad.yaml:2:8: " "$tmp/err" && ! grep -q 'no display' "$tmp/err" ||
            { echo "$env: exit $rc"; cat "$tmp/err"; return 1; }
    done
}

view_or_summary() {
    env -u DISPLAY -u WAYLAND_DISPLAY "$HW" view --or-summary scenarios/hwm-tiny.yaml >"$tmp/sum" 2>"$tmp/err" ||
        { echo "exit $?"; cat "$tmp/err"; return 1; }
    head -1 "$tmp/sum" | grep -q 'no display' && grep -q 'copy' "$tmp/sum" && [ "$(wc -l <"$tmp/sum")" -gt 3 ] &&
        [ ! -s "$tmp/err" ] || { cat "$tmp/sum" "$tmp/err"; return 1; }
}

check view-no-display-exit-2 view_no_display
check view-windowless-driver-exit-2 view_windowless_driver
check view-unreachable-x-exit-2 view_unreachable_x
check view-bad-file-before-display view_bad_file_first
check view-or-summary view_or_summary

# ---- a whole lesson with the mouse alone ----

px=$tmp/pngpx
# shellcheck disable=SC2046
if ! cc -std=c11 -O2 $(pkg-config --cflags libpng) tests/render/pngpx.c -o "$px" $(pkg-config --libs libpng) \
        2>"$tmp/log"; then
    cat "$tmp/log"
    not_ok "classroom-pngpx-build"
    suite_end
fi

st=$tmp/st
mkdir -p "$st"
steps=""
add() { steps="$steps
$*"; }
# stage NAME: replays every step so far, then shoots NAME.png and NAME.probe.
# A replay draws the same frames every time, so each stage extends the last.
stage() {
    printf '%s\nshot %s\n' "$steps" "$1" >"$st/$1.script"
    rc=0
    env -u DISPLAY -u WAYLAND_DISPLAY "$HW" view scenarios/hwm-tiny.yaml --size 1280x720 \
        --script "$st/$1.script" --shots "$st" >"$st/$1.out" 2>"$st/$1.err" || rc=$?
    [ $rc -eq 0 ] && [ -s "$st/$1.png" ] && [ -s "$st/$1.probe" ] || { echo "stage $1: exit $rc"; cat "$st/$1.err"; return 1; }
}
pv() { sed -n "s/^$2=//p" "$st/$1.probe"; }                          # pv STAGE KEY
at() { pv "$1" "$2" | awk -F, '{ printf "%d %d", $1 + $3 / 2, $2 + $4 / 2 }'; }   # the centre of a probed rect
# pixel STAGE X Y: RRGGBB of the stage's frame there
pixel() { "$px" "$st/$1.png" "$2" "$3"; }
want() { # STAGE KEY VALUE
    [ "$(pv "$1" "$2")" = "$3" ] || { echo "$1: $2=$(pv "$1" "$2"), want $3"; return 1; }
}

mouse_picker() {
    stage m0 || return 1
    add "click $(at m0 header.lessons)"
    stage m1 || return 1
    want m1 picker 1 || return 1
    # The list starts at the open lesson (hwm-tiny): the course's first rows are scrolled away.
    [ -z "$(pv m1 picker.row.video-to-slow-client)" ] || { echo "the first lesson was already in view"; return 1; }
    add "wheel 10 $(at m1 picker.box)"
    stage m2 || return 1
    [ -n "$(pv m2 picker.row.video-to-slow-client)" ] || { echo "the wheel did not scroll to the first lesson"; return 1; }
    # The first row under the box's title is the course's first section heading, in the accent colour somewhere.
    add "click $(at m2 picker.row.video-to-slow-client)"
    add "wait 100"
    stage m3 || return 1
    want m3 lesson video-to-slow-client && want m3 picker 0
}

mouse_class_question() {
    add "click $(at m3 bar.class)"
    add "click $(at m3 bar.play)"
    add "wait 1000"
    stage m4 || return 1
    want m4 class 1 && want m4 quiz.phase ask && want m4 tick 0 || return 1
    right=$(pv m4 quiz.right)
    add "click $(at m4 quiz.choice.$right)"
    stage m5 || return 1
    want m5 quiz.picked "$right" || return 1
    # The pick is outlined in the accent colour: the pill's left edge, halfway down.
    r=$(pv m5 quiz.choice.$right)
    x=$(echo "$r" | cut -d, -f1) y=$(echo "$r" | awk -F, '{ print $2 + int($4 / 2) }')
    edge=$(pixel m5 $((x + 1)) "$y")
    [ "$edge" = "$(pv m5 color.marker)" ] || { echo "picked pill's edge is $edge, not the accent $(pv m5 color.marker)"; return 1; }
    # Clicking the pick again reveals it: the right answer filled in the 'done' colour, at tick 1.
    add "click $(at m5 quiz.choice.$right)"
    add "wait 200"
    stage m6 || return 1
    want m6 quiz.phase reveal && want m6 tick 1 || return 1
    r=$(pv m6 quiz.choice.$right)
    fill=$(pixel m6 "$(echo "$r" | awk -F, '{ print $1 + int($3 * 3 / 4) }')" "$(echo "$r" | awk -F, '{ print $2 + 4 }')")
    [ "$fill" = "$(pv m6 color.done)" ] || { echo "revealed answer is $fill, not $(pv m6 color.done)"; return 1; }
}

mouse_notes_and_reset() {
    # A click on the band goes on; the playback then waits before the next note's tick.
    add "click $(at m6 quiz.box)"
    add "wait 3000"
    stage m7 || return 1
    want m7 quiz.phase none && want m7 held_note 1 && want m7 playing 0 && want m7 tick 1 || return 1
    # The play button goes on past the note.
    add "click $(at m7 bar.play)"
    add "wait 1500"
    stage m8 || return 1
    t=$(pv m8 tick)
    [ "$t" -ge 2 ] || { echo "still at tick $t after play"; return 1; }
    # The scrubber's played part is drawn up to the knob.
    tr=$(pv m8 scrub)
    sx=$(echo "$tr" | awk -F, '{ print $1 + 1 }') sy=$(echo "$tr" | awk -F, '{ print $2 + int($4 / 2) }')
    [ "$(pixel m8 "$sx" "$sy")" != "$(pv m7 color.panel)" ] || { echo "no scrubber at $sx,$sy"; return 1; }
    # Reset: tick 0, paused.
    add "click $(at m8 bar.reset)"
    stage m9 || return 1
    want m9 tick 0 && want m9 playing 0 && want m9 lesson video-to-slow-client
}

# The help pauses the playback and a click closes it; the events panel folds away.
mouse_help_and_events() {
    steps=""
    stage h0 || return 1
    # Auto-stop off (its button), so the playback runs on past the notes.
    add "click $(at h0 bar.autostop)"
    add "click $(at h0 bar.play)"
    add "wait 300"
    stage hp || return 1
    want hp autostop 0 && want hp playing 1 || return 1
    add "click $(at h0 bar.help)"
    add "wait 500"
    stage h1 || return 1
    want h1 help 1 && want h1 playing 0 || return 1
    t1=$(pv h1 tick)
    add "wait 1000"
    stage h2 || return 1
    want h2 tick "$t1" || return 1
    add "click 640 360"
    add "wait 200"
    stage h3 || return 1
    want h3 help 0 && want h3 playing 1 || return 1
    add "click $(at h3 bar.events)"
    stage h4 || return 1
    want h4 events 0 || return 1
    gw0=$(pv h3 graph | cut -d, -f3) gw1=$(pv h4 graph | cut -d, -f3)
    [ "$gw1" -gt "$gw0" ] || { echo "the diagram is $gw1 wide, was $gw0: it did not take the room"; return 1; }
    # B blanks the screen black; a tap brings it back.
    add "key b"
    stage h5 || return 1
    [ "$(pixel h5 640 360)" = 000000 ] && [ "$(pixel h5 10 10)" = 000000 ] && want h5 blank 1 || { echo "not blank"; return 1; }
    add "tap 640 360"
    stage h6 || return 1
    want h6 blank 0
}

check mouse-opens-lesson-from-picker mouse_picker
check mouse-answers-class-question mouse_class_question
check mouse-note-stop-play-reset mouse_notes_and_reset
check mouse-help-pauses-events-fold-blank mouse_help_and_events

script_errors() {
    printf 'key Space\nclick 10\n' >"$tmp/bad.script"
    rc=0
    env -u DISPLAY "$HW" view scenarios/hwm-tiny.yaml --script "$tmp/bad.script" >"$tmp/out" 2>"$tmp/err" || rc=$?
    [ $rc -eq 2 ] && [ "$(cat "$tmp/err")" = "$tmp/bad.script:2:9: missing argument: click X Y" ] ||
        { echo "exit $rc"; cat "$tmp/err"; return 1; }
    printf 'click 5000 10\n' >"$tmp/far.script"
    rc=0
    env -u DISPLAY "$HW" view scenarios/hwm-tiny.yaml --script "$tmp/far.script" >"$tmp/out" 2>"$tmp/err" || rc=$?
    [ $rc -eq 2 ] && [ "$(cat "$tmp/err")" = "$tmp/far.script:1:7: the position is outside the 1280x720 frame" ] ||
        { echo "exit $rc"; cat "$tmp/err"; return 1; }
}
check script-errors-say-where script_errors

# Auto-stop off, an unattended demo: every note stays on screen for at least
# STORY_READ_MIN_S (story.h, 2.5 s) while it plays at normal speed. Sampled
# every 250 ms for 40 s of video-to-slow-client, whose notes at ticks 1, 2, 5
# and 9 come within half a second of each other at 20 ticks a second (the note
# of tick 2, a tick without events, was on screen for 50 ms).
notes_held_unattended() {
    sc=scenarios/video-to-slow-client.yaml
    d=$tmp/dwell
    mkdir -p "$d"
    { echo "key a"; echo "key space"; i=1; while [ $i -le 160 ]; do echo "wait 250"; echo "shot s$i"; i=$((i + 1)); done; } >"$d/s.script"
    rc=0
    env -u DISPLAY -u WAYLAND_DISPLAY "$HW" view $sc --size 1280x720 --script "$d/s.script" --shots "$d" \
        >"$d/out" 2>"$d/err" || rc=$?
    [ $rc -eq 0 ] || { echo "view --script: exit $rc"; cat "$d/err"; return 1; }
    i=1
    while [ $i -le 160 ]; do
        [ -s "$d/s$i.probe" ] || { echo "no probe for shot $i"; return 1; }
        sed -n 's/^tick=//p' "$d/s$i.probe"
        i=$((i + 1))
    done >"$d/ticks"
    [ "$(sed -n 's/^autostop=//p' "$d/s1.probe")" = 0 ] || { echo "auto-stop still on"; return 1; }
    "$HW" run $sc >"$d/trace" || { echo "run $sc failed"; return 1; }
    [ "$(awk '$3 == "note" && $1 <= 9' "$d/trace" | wc -l)" -ge 3 ] || { echo "fewer than 3 notes up to tick 9"; return 1; }
    for t in $(awk '$3 == "note" && $1 <= 9 { print $1 }' "$d/trace"); do
        n=$(grep -c "^$t\$" "$d/ticks")
        [ "$n" -ge 10 ] || { echo "the note of tick $t was on screen for $n samples of 250 ms (want 10, 2.5 s)"; return 1; }
    done
}
check notes-held-unattended notes_held_unattended

record_slide() {
    rc=0
    "$HW" record scenarios/video-to-slow-client.yaml --slide --out "$tmp/slide.gif" >"$tmp/out" 2>"$tmp/err" || rc=$?
    [ $rc -eq 0 ] && [ "$(head -c 6 "$tmp/slide.gif")" = GIF89a ] || { echo "exit $rc"; cat "$tmp/err"; return 1; }
    size=$(wc -c <"$tmp/slide.gif")
    [ "$size" -lt 3000000 ] && [ "$size" -gt 1000 ] || { echo "slide.gif is $size bytes"; return 1; }
    grep -q "recorded ticks 1\.\.2 to /" "$tmp/err" || { cat "$tmp/err"; return 1; }   # note 1's range, full path
}

record_refuses_large() {
    rc=0
    "$HW" record scenarios/video-to-slow-client.yaml --out "$tmp/all.gif" >"$tmp/out" 2>"$tmp/err" || rc=$?
    [ $rc -eq 2 ] && [ ! -e "$tmp/all.gif" ] && grep -q "over the 10 MB.*--force" "$tmp/err" || { echo "exit $rc"; cat "$tmp/err"; return 1; }
    rc=0
    "$HW" record scenarios/video-to-slow-client.yaml --out "$tmp/x.mp4" >"$tmp/out" 2>"$tmp/err" || rc=$?
    [ $rc -eq 2 ] && [ ! -e "$tmp/x.mp4" ] && grep -q "cannot write '$tmp/x.mp4'" "$tmp/err" || { echo "mp4: exit $rc"; cat "$tmp/err"; return 1; }
    rc=0
    "$HW" record scenarios/video-to-slow-client.yaml --note 9 --out "$tmp/n.gif" >"$tmp/out" 2>"$tmp/err" || rc=$?
    [ $rc -eq 2 ] && grep -q "has 8 notes" "$tmp/err" || { echo "note 9: exit $rc"; cat "$tmp/err"; return 1; }
}

# --note K covers note K's tick to the next note's tick, notes counted by tick
# (not file order), and a slide plays that moment event by event (more frames
# than ticks); ImageMagick's identify (as a slide program would) reads every frame.
record_note_range() {
    sed -n '1,/^timeline:/p' scenarios/video-to-slow-client.yaml | sed 's/^ticks: 600/ticks: 60/' >"$tmp/notes.yaml" &&
        printf '  - {at: 40, note: "third"}\n  - {at: 3, note: "first"}\n  - {at: 12, note: "second"}\n' >>"$tmp/notes.yaml" || return 1
    for kr in "1 3..12" "2 12..40" "3 40..60"; do
        k=${kr%% *} want=${kr#* }
        rc=0
        "$HW" record "$tmp/notes.yaml" --note "$k" --out "$tmp/n$k" >"$tmp/out" 2>"$tmp/err" || rc=$?
        [ $rc -eq 0 ] && grep -q "recorded ticks $want to" "$tmp/err" || { echo "--note $k: exit $rc, want $want"; cat "$tmp/err"; return 1; }
    done
    "$HW" record scenarios/video-to-slow-client.yaml --slide --out "$tmp/s1.gif" 2>"$tmp/err" || { cat "$tmp/err"; return 1; }
    if command -v identify >/dev/null 2>&1; then
        frames=$(identify "$tmp/s1.gif" 2>"$tmp/ierr" | wc -l)
        [ -s "$tmp/ierr" ] && { cat "$tmp/ierr"; return 1; }
        [ "$frames" -gt 2 ] || { echo "the note 1 slide (ticks 1..2) has $frames frames, want one per event"; return 1; }
    fi
}

check record-slide-under-3mb record_slide
check record-note-range record_note_range
check record-refuses-large-and-unknown record_refuses_large


# The real window on a real X server (Xvfb): `view` checks the display and
# then opens its window in the same process. SDL 2.26's X11 driver cannot
# start twice in one process, so a check that shut video down made every
# window fail with "x11 not available"; this case fails if that comes back.
window_on_x() {
    command -v Xvfb >/dev/null 2>&1 || { echo "Xvfb is not installed (xvfb is in the Makefile's TEST_DEB_PKGS)"; return 1; }
    d=$$
    while [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ]; do d=$((d + 1)); done
    Xvfb ":$d" -screen 0 1280x720x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
    xpid=$!
    i=0
    while [ ! -e "/tmp/.X11-unix/X$d" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    printf 'wait 200\nkey space\nwait 300\nshot onx\n' >"$tmp/onx.script"
    rc=0
    DISPLAY=":$d" SDL_RENDER_DRIVER=software timeout -s KILL 60 "$HW" view scenarios/video-to-slow-client.yaml \
        --script "$tmp/onx.script" --shots "$tmp" >"$tmp/onx.out" 2>"$tmp/onx.err" || rc=$?
    kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null
    [ $rc -eq 0 ] || { echo "exit $rc: $(head -c 300 "$tmp/onx.err")"; return 1; }
    [ "$(head -c 8 "$tmp/onx.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] || { echo "no PNG shot"; return 1; }
    grep -q '^held_note=1' "$tmp/onx.probe" || { echo "not waiting at note 1:"; cat "$tmp/onx.probe"; return 1; }
}
check window-opens-on-x window_on_x

suite_end
