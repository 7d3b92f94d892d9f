#!/bin/sh
# The tool around the simulator: install (staged and under a prefix, used
# from another folder, lessons by name), --version, the man page and shell
# completion against the command table, one help text per command, named
# missing options, the display commands reading their files first.
#
#   install-*     `make install` into a DESTDIR stage and into a PREFIX
#   staged-*      the staged binary, run from an unrelated folder
#   help-*        `help CMD` = `CMD --help`; every option in the usage line;
#                 the parser's long options = the table's (read from source)
#   man-*, completion-*, cli-*, license, readme-install
set -u
if [ -f tests/lib/suite.sh ]; then
    . tests/lib/suite.sh
else
    HW=${HW:-build/highwater}
    SUITE=$(basename "$0" .sh)
    n_ok=0 n_fail=0
    ok() { echo "ok $*"; n_ok=$((n_ok + 1)); }
    not_ok() { echo "not ok $*"; n_fail=$((n_fail + 1)); }
    suite_end() {
        [ $((n_ok + n_fail)) -gt 0 ] || { echo "not ok $SUITE (ran no cases)"; exit 1; }
        [ "$n_fail" -eq 0 ]; exit $?
    }
fi
root=$(pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# check NAME CMD...: ok when CMD exits 0; its output is shown otherwise.
check() {
    name=$1; shift
    if "$@" >"$tmp/out" 2>&1; then ok "$name"; else
        not_ok "$name (status $?)"; sed -n '1,15s/^/#   /p' "$tmp/out"; fi
}
# status_is NAME WANT CMD...: the exit status of CMD is WANT.
status_is() {
    name=$1 want=$2; shift 2
    rc=0; "$@" >"$tmp/out" 2>&1 || rc=$?
    if [ "$rc" -eq "$want" ]; then ok "$name"; else
        not_ok "$name (status $rc, wanted $want)"; sed -n '1,15s/^/#   /p' "$tmp/out"; fi
}

if ! make -s build/highwater >"$tmp/log" 2>&1; then
    cat "$tmp/log"; echo "not ok $SUITE-build"; exit 1
fi

# ---- install: a DESTDIR stage under PREFIX=/usr, then a real PREFIX ----
stage=$tmp/stage
if make -s install DESTDIR="$stage" PREFIX=/usr >"$tmp/log" 2>&1; then
    missing=""
    for f in bin/highwater share/highwater/scenarios/video-to-slow-client.yaml \
        share/highwater/assets/DejaVuSans.ttf share/man/man1/highwater.1 \
        share/bash-completion/completions/highwater share/zsh/site-functions/_highwater \
        share/doc/highwater/README.md share/doc/highwater/LICENSE share/doc/highwater/scenario-format.md; do
        [ -e "$stage/usr/$f" ] || missing="$missing $f"
    done
    if [ -z "$missing" ]; then ok install-staged; else not_ok "install-staged (missing:$missing)"; fi
    if grep -qa '/usr/share/highwater' "$stage/usr/bin/highwater" && ! grep -qa '/usr/local/share/highwater' "$stage/usr/bin/highwater"; then
        ok install-prefix-compiled-in
    else
        not_ok "install-prefix-compiled-in (PREFIX=/usr given at install time is not the compiled-in path)"
    fi
else
    not_ok "install-staged (make install failed)"; sed 's/^/#   /' "$tmp/log"
fi

SH=$stage/usr/bin/highwater
mkdir -p "$tmp/elsewhere"
cd "$tmp/elsewhere" || exit 2
if env -u HIGHWATER_DATA "$SH" list >"$tmp/list" 2>&1 && grep -q '^video-to-slow-client  ' "$tmp/list" &&
    [ "$(grep -c . "$tmp/list")" -eq "$(ls "$root"/scenarios/*.yaml | wc -l)" ]; then
    ok staged-list
else
    not_ok staged-list; sed -n '1,5s/^/#   /p' "$tmp/list"
fi
check staged-run-by-name env -u HIGHWATER_DATA "$SH" run hwm-tiny --out "$tmp/t1"
if cmp -s "$tmp/t1" "$root/tests/golden/hwm-tiny.trace"; then ok staged-run-trace; else not_ok "staged-run-trace (differs from the golden)"; fi
if env -u HIGHWATER_DATA -u DISPLAY -u WAYLAND_DISPLAY "$SH" view --or-summary video-to-slow-client >"$tmp/v" 2>&1 &&
    grep -q 'no display' "$tmp/v" && grep -q 'socket' "$tmp/v"; then
    ok staged-view-by-name
else
    not_ok staged-view-by-name; sed -n '1,8s/^/#   /p' "$tmp/v"
fi
check staged-render-by-name env -u HIGHWATER_DATA SDL_VIDEODRIVER=dummy "$SH" render video-to-slow-client --tick 5 --out "$tmp/f.png"
if [ "$(head -c 8 "$tmp/f.png" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ]; then ok staged-render-png; else not_ok "staged-render-png (no PNG written)"; fi
check staged-record-by-name env -u HIGHWATER_DATA SDL_VIDEODRIVER=dummy "$SH" record hwm-tiny --to 3 --out "$tmp/frames"
if [ "$(ls "$tmp/frames" 2>/dev/null | wc -l)" -eq 4 ]; then ok staged-record-frames; else not_ok "staged-record-frames ($(ls "$tmp/frames" 2>/dev/null | wc -l) frames, wanted ticks 0..3)"; fi
status_is staged-no-such-lesson 2 env -u HIGHWATER_DATA "$SH" run no-such-lesson
# HIGHWATER_DATA comes first: a library of one lesson.
mkdir -p "$tmp/data/scenarios"
cp -R "$root/assets" "$tmp/data/"
cp "$root/scenarios/hwm-tiny.yaml" "$tmp/data/scenarios/only-one.yaml"
if HIGHWATER_DATA=$tmp/data "$SH" list >"$tmp/list" 2>&1 && [ "$(cat "$tmp/list")" = "$(sed -n 's/^title: "\(.*\)"$/only-one  \1/p' "$tmp/data/scenarios/only-one.yaml")" ] &&
    HIGHWATER_DATA=$tmp/data "$SH" run only-one >/dev/null 2>&1; then
    ok staged-highwater-data-first
else
    not_ok staged-highwater-data-first; sed -n '1,5s/^/#   /p' "$tmp/list"
fi
cd "$root" || exit 2

# A real prefix, the binary then copied away from it: only the compiled-in
# prefix can find the data (PREFIX given at install time, after a plain make).
pfx=$tmp/pfx
if make -s install PREFIX="$pfx" >"$tmp/log" 2>&1; then
    mkdir -p "$tmp/loose"
    cp "$pfx/bin/highwater" "$tmp/loose/highwater"
    (cd / && env -u HIGHWATER_DATA "$tmp/loose/highwater" list) >"$tmp/list" 2>&1
    if grep -q '^hwm-tiny  ' "$tmp/list"; then ok install-prefix-fallback; else
        not_ok "install-prefix-fallback (the moved binary does not find $pfx/share/highwater)"; sed -n '1,5s/^/#   /p' "$tmp/list"; fi
else
    not_ok "install-prefix-fallback (make install PREFIX=$pfx failed)"; sed 's/^/#   /' "$tmp/log"
fi
# Back to the default prefix for the suites after this one.
make -s build/highwater >/dev/null 2>&1 || not_ok "rebuild after install"

# ---- version ----
want=$(cat VERSION 2>/dev/null || git describe --tags --always --dirty 2>/dev/null || echo unknown)
got=$("$HW" --version 2>&1)
if [ "$got" = "highwater $want" ]; then ok version; else not_ok "version ('$got', wanted 'highwater $want')"; fi

# ---- the command table: help, usage lines, parsers ----
cmds=$("$HW" complete commands)
[ -n "$cmds" ] || not_ok "help-commands (complete commands printed nothing)"
for c in $cmds; do
    a=$("$HW" help "$c" 2>&1); b=$("$HW" "$c" --help 2>&1); rc=$?
    if [ "$rc" -eq 0 ] && [ -n "$a" ] && [ "$a" = "$b" ]; then ok "help-same-$c"; else not_ok "help-same-$c (help $c and $c --help differ, or failed: $rc)"; fi
    usage=$(printf '%s\n' "$a" | sed -n '/^usage:/,/^$/p')
    miss=""
    for o in $("$HW" complete options "$c"); do
        [ "$o" = --help ] && continue
        printf '%s\n' "$usage" | grep -q -- "\[$o[] ]" || miss="$miss $o"
    done
    if [ -z "$miss" ]; then ok "help-usage-lists-all-$c"; else not_ok "help-usage-lists-all-$c (missing:$miss)"; fi
done
# The parsers' long options (struct option tables in sim/app) against the table.
for c in run check export-js list view render record compare sweep; do
    fn=cmd_$(echo "$c" | tr - _)
    src=$(grep -l "^int $fn(" sim/app/*.c)
    # export-js parses in its own function
    [ "$c" = export-js ] && fn=parse_args
    parsed=$(awk -v fn="$fn" '$0 ~ "^(static )?int "fn"\\(" {f=1} f && /^}/ {exit} f' "$src" |
        grep -o '{"[a-z-]*", *[a-z_]*argument' | sed 's/{"\([a-z-]*\)".*/--\1/' | grep -vx -- --help | sort)
    table=$("$HW" complete options "$c" | grep -vx -- --help | sort)
    if [ -n "$parsed" ] || [ "$c" = list ]; then
        if [ "$parsed" = "$table" ]; then ok "help-parser-matches-$c"; else
            not_ok "help-parser-matches-$c (parser: $(echo $parsed), table: $(echo $table))"; fi
    else
        not_ok "help-parser-matches-$c (no option table found in $src)"
    fi
done
status_is help-unknown-command 2 "$HW" help nope
"$HW" render scenarios/hwm-tiny.yaml >"$tmp/out" 2>&1; rc=$?
if [ "$rc" -eq 2 ] && grep -q 'missing --out FILE' "$tmp/out"; then ok cli-missing-option-named; else not_ok "cli-missing-option-named (status $rc)"; sed -n '1,3s/^/#   /p' "$tmp/out"; fi
"$HW" record scenarios/hwm-tiny.yaml >"$tmp/out" 2>&1; rc=$?
if [ "$rc" -eq 2 ] && grep -q 'missing --out' "$tmp/out"; then ok cli-missing-option-record; else not_ok "cli-missing-option-record (status $rc)"; fi
"$HW" run >"$tmp/out" 2>&1; rc=$?
if [ "$rc" -eq 2 ] && grep -q 'which scenario' "$tmp/out"; then ok cli-missing-file-named; else not_ok "cli-missing-file-named (status $rc)"; fi
"$HW" run scenarios/hwm-tiny.yaml --format CSV >"$tmp/a" 2>&1 && "$HW" run scenarios/hwm-tiny.yaml --format csv >"$tmp/b" 2>&1
if [ $? -eq 0 ] && cmp -s "$tmp/a" "$tmp/b" && head -1 "$tmp/a" | grep -q '^tick,'; then ok cli-format-case; else not_ok cli-format-case; fi
status_is cli-format-bad 2 "$HW" run scenarios/hwm-tiny.yaml --format xml
printf 'streams: [\n' >"$tmp/bad.yaml"
status_is cli-view-reads-first 2 env -u DISPLAY -u WAYLAND_DISPLAY "$HW" view "$tmp/bad.yaml"
status_is cli-compare-reads-first 2 env -u DISPLAY -u WAYLAND_DISPLAY "$HW" compare "$tmp/bad.yaml" scenarios/hwm-tiny.yaml
status_is cli-compare-reads-second 2 env -u DISPLAY -u WAYLAND_DISPLAY "$HW" compare scenarios/hwm-tiny.yaml nope.yaml
env -u DISPLAY -u WAYLAND_DISPLAY "$HW" compare scenarios/hwm-tiny.yaml scenarios/hwm-huge.yaml >"$tmp/out" 2>&1; rc=$?
if [ "$rc" -eq 0 ] && grep -q 'hwm-tiny.yaml scenarios/hwm-huge.yaml --render-tick N' "$tmp/out" && ! grep -qF '...' "$tmp/out"; then
    ok cli-compare-hint
else
    not_ok "cli-compare-hint (status $rc)"; sed -n '1,3s/^/#   /p' "$tmp/out"
fi

# ---- man page: renders cleanly and names every command and option ----
MAN=$stage/usr/share/man/man1/highwater.1
if MANWIDTH=80 man --warnings -l "$MAN" >"$tmp/man" 2>"$tmp/manerr" && [ ! -s "$tmp/manerr" ] && grep -q 'SCENARIO FILES' "$tmp/man"; then
    ok man-renders
else
    not_ok man-renders; sed -n '1,5s/^/#   /p' "$tmp/manerr"
fi
miss=""
for c in $cmds; do
    grep -Eq "^       $c( |$)" "$tmp/man" || miss="$miss $c"
    for o in $("$HW" complete options "$c"); do
        [ "$o" = --help ] && continue
        grep -q -- "$o\b" "$tmp/man" || miss="$miss $c:$o"
    done
done
if [ -z "$miss" ]; then ok man-covers-table; else not_ok "man-covers-table (missing:$miss)"; fi
for k in streams wiring timeline highWaterMark pipeline HIGHWATER_DATA; do
    grep -q "$k" "$tmp/man" || miss="$miss $k"
done
if [ -z "$miss" ]; then ok man-scenario-essentials; else not_ok "man-scenario-essentials (missing:$miss)"; fi

# ---- completion: bash for real, zsh parsed ----
BC=$stage/usr/share/bash-completion/completions/highwater
complete_bash() {
    # complete_bash WORD...: the completions of the last word, one a line.
    HW_BC=$BC bash -c '
        . "$HW_BC"
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _highwater
        printf "%s\n" "${COMPREPLY[@]}"' complete "$@"
}
r=$(complete_bash "$SH" vi); [ "$r" = view ] && ok completion-bash-command || not_ok "completion-bash-command (got '$r')"
r=$(complete_bash "$SH" run --fo); [ "$r" = --format ] && ok completion-bash-option || not_ok "completion-bash-option (got '$r')"
r=$(cd "$tmp" && complete_bash "$SH" view video-to-slow-client-n); [ "$r" = video-to-slow-client-naive ] && ok completion-bash-lesson || not_ok "completion-bash-lesson (got '$r')"
r=$(complete_bash "$SH" help ren); [ "$r" = render ] && ok completion-bash-help || not_ok "completion-bash-help (got '$r')"
if command -v zsh >/dev/null 2>&1 && zsh -n "$stage/usr/share/zsh/site-functions/_highwater" 2>"$tmp/zerr"; then
    ok completion-zsh-parses
else
    not_ok "completion-zsh-parses (zsh missing or a syntax error)"; sed -n '1,3s/^/#   /p' "$tmp/zerr" 2>/dev/null
fi

# ---- licence and README ----
if grep -q '^MIT License' LICENSE && grep -q 'Copyright (c) .* the highwater authors' LICENSE && grep -q DejaVu LICENSE; then ok license; else not_ok license; fi
sec=$(sed -n '/^## Install/,/^## /p' README.md)
miss=""
for k in 'make install' PREFIX DESTDIR HIGHWATER_DATA; do printf '%s' "$sec" | grep -q "$k" || miss="$miss $k"; done
if [ -z "$miss" ]; then ok readme-install; else not_ok "readme-install (missing:$miss)"; fi

suite_end
