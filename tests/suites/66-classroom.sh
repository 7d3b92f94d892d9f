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

suite_end
