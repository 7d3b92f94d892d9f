#!/bin/sh
# The lean command line (docs/architecture.md): the Makefile's build/highwater
# needs no drawing library and hands the drawing commands to
# build/highwater-view beside it. Like 90-toolbox's install cases this tests
# the build itself, so it runs build/highwater by name, not $HW.
#   lean-needs       build/highwater's DT_NEEDED has no SDL2, SDL2_ttf, libpng,
#                    giflib; highwater-view's has them (so the check can fail)
#   lean-hands-over  `highwater render --probe` prints what highwater-view's does
#   lean-exit-status a drawing command's exit status comes through (a bad --tick: 2)
#   lean-alone       without highwater-view beside it: exit 2 and a message
. tests/lib/suite.sh
need_cmd readelf "lean-needs reads the executables' dynamic section (binutils, with the compiler)"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
if ! make -s build/highwater >"$tmp/log" 2>&1; then
    sed 's/^/#   /' "$tmp/log"; not_ok "$SUITE-build"; suite_end
fi
L=build/highwater V=build/highwater-view
draws='SDL2|SDL2_ttf|png|gif'
rc=0
readelf -d "$L" >"$tmp/lean" 2>&1 || rc=$?
readelf -d "$V" >"$tmp/view" 2>&1 || rc=$?
if [ "$rc" -ne 0 ]; then
    not_ok "lean-needs (readelf exited $rc)"
elif grep NEEDED "$tmp/lean" | grep -Eq "lib($draws)"; then
    not_ok "lean-needs ($L needs $(grep NEEDED "$tmp/lean" | grep -Eo "lib($draws)[^]]*" | tr '\n' ' '))"
elif [ "$(grep NEEDED "$tmp/view" | grep -Ec "lib($draws)")" -lt 4 ]; then
    not_ok "lean-needs ($V does not need all of $draws: the check reads the wrong thing)"
else
    ok lean-needs
fi

small=scenarios/video-to-slow-client.yaml
rc1=0 rc2=0
SDL_VIDEODRIVER=dummy "$L" render "$small" --tick 5 --probe >"$tmp/a" 2>&1 || rc1=$?
SDL_VIDEODRIVER=dummy "$V" render "$small" --tick 5 --probe >"$tmp/b" 2>&1 || rc2=$?
if [ "$rc1" -ne 0 ] || [ "$rc2" -ne 0 ]; then
    not_ok "lean-hands-over (exit status $rc1 and $rc2)"; head -n 3 "$tmp/a" | sed 's/^/#   /'
elif [ ! -s "$tmp/a" ] || ! cmp -s "$tmp/a" "$tmp/b"; then
    not_ok "lean-hands-over (the outputs differ or are empty)"
else
    ok lean-hands-over
fi

rc=0
SDL_VIDEODRIVER=dummy "$L" render "$small" --tick 999999 --probe >"$tmp/a" 2>"$tmp/e" || rc=$?
if [ "$rc" -eq 2 ] && [ -s "$tmp/e" ]; then ok lean-exit-status; else not_ok "lean-exit-status (status $rc, wanted 2 and a message)"; fi

mkdir -p "$tmp/alone"
cp "$L" "$tmp/alone/highwater"
rc=0
"$tmp/alone/highwater" render "$small" --probe >"$tmp/a" 2>"$tmp/e" || rc=$?
if [ "$rc" -eq 2 ] && grep -q 'cannot start .*highwater-view' "$tmp/e" && [ ! -s "$tmp/a" ]; then
    ok lean-alone
else
    not_ok "lean-alone (status $rc)"; head -n 3 "$tmp/e" | sed 's/^/#   /'
fi
rc=0
"$tmp/alone/highwater" run "$small" >"$tmp/a" 2>"$tmp/e" || rc=$?
if [ "$rc" -eq 0 ] && [ -s "$tmp/a" ]; then ok lean-alone-runs; else not_ok "lean-alone-runs (status $rc)"; fi
suite_end
