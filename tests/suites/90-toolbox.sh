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
. tests/lib/suite.sh
root=$(pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
build_hw
case $HW in /*) ;; *) HW=$root/$HW ;; esac

# status_is NAME WANT CMD...: the exit status of CMD is WANT and it said why.
status_is() {
    name=$1 want=$2
    shift 2
    rc=0
    "$@" >"$tmp/out" 2>&1 || rc=$?
    if [ "$rc" -eq "$want" ] && [ -s "$tmp/out" ]; then ok "$name"; else
        not_ok "$name (status $rc, wanted $want, with a message)"; sed -n '1,15s/^/#   /p' "$tmp/out"; fi
}
# The install cases use the Makefile's own build.
if ! make -s build/highwater >"$tmp/log" 2>&1; then
    sed 's/^/#   /' "$tmp/log"; not_ok "$SUITE-build"; suite_end
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
rc=0; got=$("$HW" --version 2>&1) || rc=$?
# -dirty follows edits made after the build: only the commit must agree
if [ "$rc" -eq 0 ] && [ "${got%-dirty}" = "highwater ${want%-dirty}" ]; then ok version; else
    not_ok "version ('$got', status $rc; wanted 'highwater $want')"; fi

# ---- the command table: help, usage lines, parsers ----
rc=0; "$HW" complete commands >"$tmp/cmds" 2>&1 || rc=$?
cmds=$(cat "$tmp/cmds")
if [ "$rc" -eq 0 ] && [ -n "$cmds" ]; then ok help-commands; else not_ok "help-commands (status $rc)"; fi
# each command's options, once: $tmp/opts.CMD (--help aside)
for c in $cmds; do
    rc=0; "$HW" complete options "$c" >"$tmp/opts.all" 2>&1 || rc=$?
    grep -vx -- --help "$tmp/opts.all" >"$tmp/opts.$c"
    if [ "$rc" -eq 0 ] && grep -qx -- --help "$tmp/opts.all"; then touch "$tmp/opts-ok.$c"; else not_ok "help-options-$c (status $rc)"; fi
done
for c in $cmds; do
    ra=0; rb=0
    a=$("$HW" help "$c" 2>&1) || ra=$?
    b=$("$HW" "$c" --help 2>&1) || rb=$?
    rc=$((ra + rb))
    if [ "$rc" -eq 0 ] && [ -n "$a" ] && [ "$a" = "$b" ]; then ok "help-same-$c"; else not_ok "help-same-$c (help $c and $c --help differ, or failed: $rc)"; fi
    usage=$(printf '%s\n' "$a" | sed -n '/^usage:/,/^$/p')
    miss=""
    for o in $(cat "$tmp/opts.$c"); do
        printf '%s\n' "$usage" | grep -q -- "\[$o[] ]" || miss="$miss $o"
    done
    if [ -z "$miss" ]; then ok "help-usage-lists-all-$c"; else not_ok "help-usage-lists-all-$c (missing:$miss)"; fi
done
# The parsers' long options (struct option tables in sim/app) against the table.
for c in run check review export-js list view render record compare sweep; do
    fn=cmd_$(echo "$c" | tr - _)
    src=$(grep -l "^int $fn(" sim/app/*.c)
    # export-js parses in its own function
    [ "$c" = export-js ] && fn=parse_args
    parsed=$(awk -v fn="$fn" '$0 ~ "^(static )?int "fn"\\(" {f=1} f && /^}/ {exit} f' "$src" |
        grep -o '{"[a-z-]*", *[a-z_]*argument' | sed 's/{"\([a-z-]*\)".*/--\1/' | grep -vx -- --help | sort)
    table=$(sort "$tmp/opts.$c")
    if [ ! -e "$tmp/opts-ok.$c" ]; then
        not_ok "help-parser-matches-$c (complete options $c failed)"
    elif [ -n "$parsed" ] || [ "$c" = list ]; then
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
rc=0; env -u DISPLAY -u WAYLAND_DISPLAY "$HW" compare scenarios/hwm-tiny.yaml scenarios/hwm-huge.yaml >"$tmp/out" 2>&1 || rc=$?
if [ "$rc" -eq 2 ] && grep -q 'hwm-tiny.yaml scenarios/hwm-huge.yaml --render-tick N' "$tmp/out" && ! grep -qF '...' "$tmp/out"; then
    ok cli-compare-hint
else
    not_ok "cli-compare-hint (status $rc)"; sed -n '1,3s/^/#   /p' "$tmp/out"
fi

# ---- golden review: a real mismatch in a copy of the tree, run from elsewhere ----
g=$tmp/g
mkdir -p "$g/lessons" "$g/tests/golden" "$tmp/cwd"
cp scenarios/hwm-tiny.yaml "$g/lessons/"
cp tests/golden/hwm-tiny.trace "$g/tests/golden/"
sed -i 's/rate: 512KiB}/rate: 512}/' "$g/lessons/hwm-tiny.yaml"
cd "$tmp/cwd" || exit 2
rc=0; env -u CI "$HW" check ../g/lessons/hwm-tiny.yaml >"$tmp/check" 2>&1 || rc=$?
if [ "$rc" -eq 1 ] && grep -q '^  first difference at line 24, tick 2:$' "$tmp/check" &&
    grep -q '^    golden: 2 copy done bytes=1024$' "$tmp/check" && grep -q '^    new:    3 copy done bytes=1024$' "$tmp/check" &&
    grep -q '^  [0-9]* lines differ (.*); streams: copy, file$' "$tmp/check"; then
    ok golden-summary-first
else
    not_ok "golden-summary-first (status $rc)"; sed -n '1,8s/^/#   /p' "$tmp/check"
fi
# the summary comes before the diff, the diff is cut, --full is not
s_line=$(grep -n 'first difference' "$tmp/check" | cut -d: -f1); d_line=$(grep -n '^  @@' "$tmp/check" | head -1 | cut -d: -f1)
if [ -n "$s_line" ] && [ -n "$d_line" ] && [ "$s_line" -lt "$d_line" ] && grep -q 'more diff lines (--full' "$tmp/check" &&
    [ "$(grep -c '^  [-+ @]' "$tmp/check")" -le 45 ]; then ok golden-diff-short; else not_ok golden-diff-short; fi
env -u CI "$HW" check --full ../g/lessons/hwm-tiny.yaml >"$tmp/full" 2>&1
want=$(diff -u "$g/tests/golden/hwm-tiny.trace" "$g/tests/golden/hwm-tiny.trace.new" | tail -n +3 | wc -l)
got=$(sed -n '/^  @@/,$p' "$tmp/full" | grep -c '^  [-+ @]')
if [ "$want" -gt 45 ] && [ "$got" -eq "$want" ] && ! grep -q 'more diff lines' "$tmp/full"; then ok golden-diff-full; else not_ok "golden-diff-full ($got of $want diff lines)"; fi
"$HW" run ../g/lessons/hwm-tiny.yaml >"$tmp/fresh" 2>&1
if cmp -s "$tmp/fresh" "$g/tests/golden/hwm-tiny.trace.new" && grep -q "review ../g/lessons/hwm-tiny.yaml" "$tmp/check"; then
    ok golden-new-kept-beside-golden
else
    not_ok golden-new-kept-beside-golden
fi
# found above the scenario, never in the current folder
mkdir -p "$tmp/cwd/tests/golden"
cp "$g/tests/golden/hwm-tiny.trace.new" "$tmp/cwd/tests/golden/hwm-tiny.trace"
rc=0; env -u CI "$HW" check ../g/lessons/hwm-tiny.yaml >/dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] && ok golden-not-from-cwd || not_ok "golden-not-from-cwd (status $rc: the current folder's tests/golden was used)"
rm -rf "$tmp/cwd/tests"
mkdir -p "$tmp/lone"; cp "$root/scenarios/hwm-tiny.yaml" "$tmp/lone/"
rc=0; "$HW" check "$tmp/lone/hwm-tiny.yaml" >"$tmp/out" 2>&1 || rc=$?
if [ "$rc" -eq 2 ] && grep -q 'tests/golden (give --golden DIR)' "$tmp/out"; then ok golden-none-above; else not_ok "golden-none-above (status $rc)"; fi
# CI as insta: unset, empty, 0 and false are not CI
for v in unset '' 0 false true 1; do
    rm -f "$g/tests/golden/hwm-tiny.trace.new"
    rc=0
    if [ "$v" = unset ]; then env -u CI "$HW" check ../g/lessons/hwm-tiny.yaml >"$tmp/out" 2>&1 || rc=$?
    else CI=$v "$HW" check ../g/lessons/hwm-tiny.yaml >"$tmp/out" 2>&1 || rc=$?; fi
    case $v in true|1) want=absent ;; *) want=present ;; esac
    [ -f "$g/tests/golden/hwm-tiny.trace.new" ] && got=present || got=absent
    if [ "$rc" -eq 1 ] && grep -q '^FAIL .*trace differs' "$tmp/out" && [ "$got" = "$want" ]; then ok "golden-ci-${v:-empty}"
    else not_ok "golden-ci-${v:-empty} (status $rc; .trace.new $got with CI=$v)"; fi
done
# --golden DIR is carried into every suggestion
mkdir -p "$tmp/gold2"
cp "$root/tests/golden/hwm-tiny.trace" "$tmp/gold2/"
"$HW" check --golden "$tmp/gold2" ../g/lessons/hwm-tiny.yaml >"$tmp/out" 2>&1
cp "$root/scenarios/hwm-huge.yaml" "$g/lessons/"
"$HW" check --golden "$tmp/gold2" ../g/lessons/hwm-huge.yaml >>"$tmp/out" 2>&1
n_sugg=$(grep -c '`highwater ' "$tmp/out"); n_flag=$(grep '`highwater ' "$tmp/out" | grep -c -- "--golden $tmp/gold2")
if [ "$n_sugg" -ge 2 ] && [ "$n_sugg" -eq "$n_flag" ] && grep -q 'no golden .*hwm-huge.trace$' "$tmp/out" && grep -q 'hwm-huge.trace.new' "$tmp/out"; then
    ok golden-flag-carried
else
    not_ok "golden-flag-carried ($n_flag of $n_sugg suggestions carry --golden)"; sed -n '1,4s/^/#   /p' "$tmp/out"
fi
# review: a suggested command works as printed
cmdline=$(sed -n 's/.*`\(highwater review[^`]*--accept hwm-huge[^`]*\)`.*/\1/p' "$tmp/out" | head -1)
if [ -n "$cmdline" ] && eval "\"$HW\" ${cmdline#highwater }" >"$tmp/rv" 2>&1 && cmp -s "$tmp/gold2/hwm-huge.trace" "$root/tests/golden/hwm-huge.trace"; then
    ok review-suggested-accept
else
    not_ok "review-suggested-accept ($cmdline)"; sed -n '1,4s/^/#   /p' "$tmp/rv"
fi
# accepting takes the reviewed .new file itself, not a re-run
"$HW" check ../g/lessons/hwm-tiny.yaml >/dev/null 2>&1
echo '9999 - note text="reviewed by hand"' >>"$g/tests/golden/hwm-tiny.trace.new"
cp "$g/tests/golden/hwm-tiny.trace.new" "$tmp/reviewed"
if "$HW" review --accept hwm-tiny ../g/lessons/hwm-tiny.yaml >"$tmp/rv" 2>&1 && cmp -s "$g/tests/golden/hwm-tiny.trace" "$tmp/reviewed" &&
    [ ! -e "$g/tests/golden/hwm-tiny.trace.new" ] && grep -q '^accepted hwm-tiny' "$tmp/rv" && grep -q 'first difference' "$tmp/rv"; then
    ok review-accept-takes-the-new-file
else
    not_ok review-accept-takes-the-new-file; sed -n '1,4s/^/#   /p' "$tmp/rv"
fi
cp "$root/tests/golden/hwm-tiny.trace" "$g/tests/golden/"
"$HW" check ../g/lessons/hwm-tiny.yaml >/dev/null 2>&1
if "$HW" review --golden ../g/tests/golden --reject hwm-tiny >"$tmp/rv" 2>&1 && [ ! -e "$g/tests/golden/hwm-tiny.trace.new" ] &&
    cmp -s "$g/tests/golden/hwm-tiny.trace" "$root/tests/golden/hwm-tiny.trace"; then ok review-reject; else not_ok review-reject; fi
status_is review-unknown-name 2 "$HW" review --golden ../g/tests/golden --accept nothing-like-it
"$HW" check ../g/lessons/hwm-tiny.yaml >/dev/null 2>&1
printf 'x\ns\n' | "$HW" review ../g/lessons/hwm-tiny.yaml >"$tmp/rv" 2>&1
[ -e "$g/tests/golden/hwm-tiny.trace.new" ] && grep -q '0 of 1 reviewed' "$tmp/rv" && ok review-interactive-skip || not_ok review-interactive-skip
printf 'a\n' | "$HW" review --golden ../g/tests/golden >"$tmp/rv" 2>&1
if cmp -s "$g/tests/golden/hwm-tiny.trace" "$tmp/fresh" && grep -q '1 of 1 reviewed' "$tmp/rv" && grep -q 'streams: copy, file' "$tmp/rv"; then
    ok review-interactive-accept
else
    not_ok review-interactive-accept; sed -n '1,4s/^/#   /p' "$tmp/rv"
fi
# a renamed scenario leaves its .trace.new stale: reported, exit 1
cp "$root/tests/golden/hwm-tiny.trace" "$g/tests/golden/"
"$HW" check ../g/lessons/hwm-tiny.yaml >/dev/null 2>&1
mv "$g/lessons/hwm-tiny.yaml" "$g/lessons/tiny-renamed.yaml"
rc=0; "$HW" check ../g/lessons/hwm-huge.yaml >"$tmp/out" 2>&1 || rc=$?
if [ "$rc" -eq 1 ] && grep -q 'hwm-tiny.trace.new: stale, its scenario hwm-tiny.yaml is gone' "$tmp/out"; then ok golden-stale-new; else not_ok "golden-stale-new (status $rc)"; fi
# bless lists what changed
rm -f "$g/tests/golden/hwm-tiny.trace.new"
mv "$g/lessons/tiny-renamed.yaml" "$g/lessons/hwm-tiny.yaml"
cp "$root/tests/golden/hwm-tiny.trace" "$root/tests/golden/hwm-huge.trace" "$g/tests/golden/"
"$HW" check --bless ../g/lessons/hwm-tiny.yaml ../g/lessons/hwm-huge.yaml >"$tmp/out" 2>&1
if grep -q '^changed .*hwm-tiny.trace' "$tmp/out" && grep -q 'first difference at line 24' "$tmp/out" && ! grep -q 'hwm-huge' "$tmp/out" &&
    grep -qx 'blessed: 1 changed, 0 new, 1 unchanged' "$tmp/out" && cmp -s "$g/tests/golden/hwm-tiny.trace" "$tmp/fresh"; then
    ok golden-bless-lists-changes
else
    not_ok golden-bless-lists-changes; sed -n '1,6s/^/#   /p' "$tmp/out"
fi
cd "$root" || exit 2

# ---- Chrome traces: the format's rules, and the slices against the trace ----
NODE_BIN=${NODE:-}
[ -n "$NODE_BIN" ] || { [ -x "$root/build/node/20/bin/node" ] && NODE_BIN=$root/build/node/20/bin/node; } || NODE_BIN=node
if command -v "$NODE_BIN" >/dev/null 2>&1; then
    mkdir -p "$tmp/ct" "$tmp/fixed"
    pairs=""
    for f in $(case_files scenarios/*.yaml tests/conformance/*.yaml); do
        n=$(basename "$f" .yaml)
        [ -e "$tmp/ct/$n.json" ] && n=case-$n
        rc=0
        "$HW" run "$f" >"$tmp/ct/$n.trace" 2>&1 && "$HW" run "$f" --format chrome >"$tmp/ct/$n.json" 2>&1 || rc=$?
        if [ "$rc" -ne 0 ]; then not_ok "chrome-$n (run exited $rc)"; continue; fi
        pairs="$pairs $tmp/ct/$n.json $tmp/ct/$n.trace"
    done
    if [ -n "$pairs" ]; then
        rc=0
        # shellcheck disable=SC2086
        "$NODE_BIN" tests/tools/check_trace_event.js $pairs >"$tmp/ct.out" 2>&1 || rc=$?
        sed -e 's/^ok /ok chrome-/' -e 's/^not ok /not ok chrome-/' "$tmp/ct.out" >"$tmp/ct.res"
        report "$tmp/ct.res"
        if [ "$rc" -ne 0 ] && ! grep -q '^not ok ' "$tmp/ct.res"; then not_ok "chrome-checker (exit $rc)"; fi
    fi
    # one lesson with every kind of slice (a checker over no slices proves nothing)
    src=$tmp/fixed/gzip.json
    rc=0
    "$HW" run scenarios/gzip-file-to-disk.yaml >"$tmp/fixed/gzip.trace" 2>&1 &&
        "$HW" run scenarios/gzip-file-to-disk.yaml --format chrome >"$src" 2>&1 || rc=$?
    "$NODE_BIN" tests/tools/check_trace_event.js "$src" "$tmp/fixed/gzip.trace" >"$tmp/fixed.out" 2>&1 || rc=$?
    for k in 'held=[1-9]' 'flows=[1-9]' 'slices=[1-9]'; do
        if [ "$rc" -eq 0 ] && grep -q "^ok gzip .*$k" "$tmp/fixed.out"; then ok "chrome-has-${k%%=*}"; else
            not_ok "chrome-has-${k%%=*} (gzip-file-to-disk, status $rc)"; sed -n '1,5s/^/#   /p' "$tmp/fixed.out"; fi
    done
    # the checker fails on broken files
    src=$tmp/ct/gzip-file-to-disk.json
    mutate() { # NAME SED-SCRIPT: the checker must reject the mutated file
        sed "$2" "$src" >"$tmp/m.json"
        if cmp -s "$src" "$tmp/m.json"; then not_ok "chrome-rejects-$1 (the mutation changed nothing)"
        elif "$NODE_BIN" tests/tools/check_trace_event.js "$tmp/m.json" "$tmp/fixed/gzip.trace" >/dev/null 2>&1; then
            not_ok "chrome-rejects-$1 (accepted)"
        else ok "chrome-rejects-$1"; fi
    }
    mutate no-dur '0,/"name":"paused".*"dur":/s/"dur":[0-9]*,*//'
    mutate negative-dur '0,/"name":"_write"/s/\("name":"_write".*"dur":\)\([0-9]*\)/\1-\2/'
    mutate slice-moved '0,/"name":"paused"/s/\("name":"paused".*"dur":\)\([0-9]*\)/\1\20000/'
    mutate flow-unpaired '0,/"ph":"f"/{/"ph":"f"/d}'
    mutate counter-string '0,/"ph":"C"/s/"args":{"\([a-z]*\)":\([0-9]*\)/"args":{"\1":"\2"/'
    mutate ts-off-tick '0,/"ph":"i"/s/"ts":\([0-9]*\)/"ts":\11/'
    mutate no-name '0,/"name":"drain"/s/"name":"drain",//'
    mutate held-moved '0,/"name":"callback held"/s/\("name":"callback held".*"ts":\)\([0-9]*\)/\10/'
else
    not_ok "chrome-node (no node: set NODE, or make nodes)"
fi
rc=0; "$HW" sweep scenarios/hwm-tiny.yaml --vary copy.highWaterMark=1KiB,2KiB >"$tmp/sw" 2>&1 || rc=$?
[ "$rc" -eq 0 ] && head -1 "$tmp/sw" | grep -q '^copy.highWaterMark,peak.file,' && ok cli-sweep-names-param || not_ok "cli-sweep-names-param ($(head -1 "$tmp/sw"))"

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
    for o in $(cat "$tmp/opts.$c"); do
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

# ---- like: the lessons' streams stand for Node APIs ----
# Every lesson with `like:` exports a program with asWritten() (the lesson's
# code with those APIs) that Node parses; the documented names are exactly
# the reader's (scenario/like.c), and an unknown one is a positioned error.
node=$root/build/node/26/bin/node
n=0 bad=""
for f in "$root"/scenarios/*.yaml; do
    grep -q 'like: ' "$f" || continue
    n=$((n + 1))
    b=$(basename "$f" .yaml)
    rc=0
    "$HW" export-js "$f" >"$tmp/$b.js" 2>"$tmp/err" || rc=$?
    if [ "$rc" -ne 0 ] || ! grep -q '^function asWritten(' "$tmp/$b.js" || ! "$node" --check "$tmp/$b.js" 2>>"$tmp/err"; then
        bad="$bad $b"
    fi
done
if [ "$n" -ge 10 ] && [ -z "$bad" ]; then ok like-lessons-export; else not_ok "like-lessons-export ($n lessons; failed:$bad)"; sed -n '1,5s/^/#   /p' "$tmp/err"; fi
src=$(sed -n 's/^ *\[LIKE_[A-Z_]*\] = "\([^"][^"]*\)",$/\1/p' "$root/sim/scenario/like.c" | sort)
doc=$(sed -n 's/^| `\([a-zA-Z.]*\)` |.*/\1/p' "$root/docs/scenario-format.md" | sort)
miss=""
for l in $src; do
    printf '%s\n' "$doc" | grep -qx "$l" || miss="$miss doc:$l"
    grep -q -- "$l" "$tmp/man" || miss="$miss man:$l"
done
if [ "$(printf '%s\n' "$src" | grep -c .)" -ge 10 ] && [ -z "$miss" ]; then ok like-documented; else not_ok "like-documented (missing:$miss)"; fi
printf 'streams:\n  - {id: a, kind: source, like: fs.createReadStrem}\n' >"$tmp/like.yaml"
rc=0
"$HW" run "$tmp/like.yaml" >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] &&
    grep -qx "$tmp/like.yaml:2:33: like: unknown Node API 'fs.createReadStrem' (did you mean 'fs.createReadStream'?)" "$tmp/err"; then
    ok like-unknown-error
else
    not_ok "like-unknown-error (status $rc)"; sed -n '1,3s/^/#   /p' "$tmp/err"
fi

# ---- licence and README ----
if grep -q '^MIT License' LICENSE && grep -q 'Copyright (c) .* the highwater authors' LICENSE && grep -q DejaVu LICENSE; then ok license; else not_ok license; fi
sec=$(sed -n '/^## Install/,/^## /p' README.md)
miss=""
for k in 'make install' PREFIX DESTDIR HIGHWATER_DATA; do printf '%s' "$sec" | grep -q "$k" || miss="$miss $k"; done
if [ -z "$miss" ]; then ok readme-install; else not_ok "readme-install (missing:$miss)"; fi

suite_end
