#!/bin/sh
# readme-images.sh [HW] - redraws every image under docs/img from the current
# build, so the README shows what the window shows today. Single-lesson
# pictures are the window itself (view --script --headless: the same frames
# as on screen, control bar included); compare and the GIF use their own
# headless commands. Each picture's recipe is one line below; run from the
# repository root: `sh tools/readme-images.sh` (after `make`).
set -eu
HW=${1:-build/highwater}
out=docs/img
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shot NAME LESSON SIZE [VIEW-OPTIONS...] <<SCRIPT: the window after the script's steps.
shot() {
    name=$1 lesson=$2 size=$3
    shift 3
    { cat; echo "wait 100"; echo "shot $name"; } >"$tmp/$name.script"
    "$HW" view "scenarios/$lesson.yaml" --size "$size" --headless "$@" --script "$tmp/$name.script" \
        --shots "$tmp" >/dev/null
    cp "$tmp/$name.png" "$out/$name.png"
    echo "$out/$name.png: $lesson"
}

# Tick 9 of the default lesson, right after 'drain' (note 4 is tick 9's; two steps in).
shot tick9-drain video-to-slow-client 1280x720 <<'S'
key PageDown
key PageDown
key PageDown
key PageDown
key Right
key Right
S
# The control bar alone: the bottom 62 rows of that frame.
convert "$out/tick9-drain.png" -gravity South -crop 1280x62+0+0 +repage "$out/control-bar.png"
echo "$out/control-bar.png: the bottom of tick9-drain.png"
# The naive loop at its end: out of memory.
shot naive-out-of-memory video-to-slow-client-naive 1280x720 <<'S'
key End
S
# A failing middle stage: pipe() leaves its neighbours open (the run's end).
shot pipe-leaks-on-error middle-fails-pipe 1280x720 <<'S'
key End
S
# Class mode: the question asked before the tick that answers it.
shot class-question video-to-slow-client 1280x720 --class <<'S'
key Space
wait 1000
S
# Inside one tick (I): the events in order and the nextTick queue.
shot inside-a-tick sync-socket-hides-backpressure 1280x720 <<'S'
key PageDown
key Right
key i
key Right
key Right
key Right
S
# The projector palette on a stalled gzip.
shot projector-gzip-stall gzip-file-to-disk 1280x720 --projector <<'S'
key PageDown
key PageDown
key Right
S
# A € cut between two chunks: the byte strip.
shot utf8-split utf8-split-across-chunks 1280x720 <<'S'
key PageDown
key Right
S
shot two-destinations one-source-two-destinations 1280x720 <<'S'
key PageDown
key PageDown
key Right
S
# Two runs on one clock and one memory scale.
"$HW" compare scenarios/video-to-slow-client-naive.yaml scenarios/video-to-slow-client.yaml \
    --render-tick 60 --out "$out/compare-naive-vs-pipe.png"
echo "$out/compare-naive-vs-pipe.png: compare naive pipe, tick 60"
"$HW" compare scenarios/memory-bytes.yaml scenarios/memory-objects.yaml \
    --render-tick 20 --out "$out/memory-bytes-vs-objects.png"
echo "$out/memory-bytes-vs-objects.png: compare memory-bytes memory-objects, tick 20"
# The GIF: tick 9 told step by step.
"$HW" record scenarios/video-to-slow-client.yaml --slide --from 8 --to 9 --steps --fps 2 --size 960x540 \
    --out "$out/tick9.gif"
echo "$out/tick9.gif: video-to-slow-client ticks 8-9, every step"
