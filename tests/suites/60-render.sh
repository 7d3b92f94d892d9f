#!/bin/sh
# 60-render.sh - render tests: frames drawn headless (software renderer, no
# display needed) and checked from their pixels against the trace of the same
# ticks. `highwater render --probe` prints where things are (tank bodies, the
# light, the death banner) and the palette; the expected pixels are computed
# here from the trace and the documented tank scale (sim/view/tank.h):
#   fill rows  = floor(min(len, cap) / cap * h + 0.5) from the body's floor
#   line rows  = t rows starting t/2 above floor - floor(hwm / cap * h + 0.5)
# Prints `ok NAME` / `not ok NAME (why)` per case.
# HW=... tests another build as is (e.g. a sanitizer build). The cases are
# fixed (tests/render/); HW_CASES does not apply.
. tests/lib/suite.sh
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
build_hw
px=$tmp/pngpx
# shellcheck disable=SC2046
if ! cc -std=c11 -O2 $(pkg-config --cflags libpng) tests/render/pngpx.c -o "$px" \
        $(pkg-config --libs libpng) 2>"$tmp/log"; then
    cat "$tmp/log"
    not_ok "render-pngpx-build"
    exit 1
fi

# kv PROBE KEY: the value of KEY in a probe file.
kv() { sed -n "s/^$2=//p" "$1"; }

# series TRACE STREAM KEY LAST: "TICK VALUE" for ticks 0..LAST, the value
# from the stream's latest state line at or before each tick.
series() {
    awk -v s="$2" -v k="$3" -v last="$4" '
        $2 == s && $3 == "state" {
            for (i = 4; i <= NF; i++) { split($i, f, "="); if (f[1] == k) v[$1 + 0] = f[2] }
        }
        END { cur = ""; for (t = 0; t <= last; t++) { if (t in v) cur = v[t]; print t, cur } }' "$1"
}

frame() { printf '%s/tick-%06d.png' "$1" "$2"; }

fill_yaml=tests/render/fill.yaml
last=60
"$HW" run "$fill_yaml" >"$tmp/fill.trace" 2>"$tmp/log" || { cat "$tmp/log"; not_ok "render-fill-trace"; suite_end; }

# check_tanks NAME [render options]: every tank's fill height and the
# highWaterMark line on every tick 0..last, against the trace.
check_tanks() {
    name=$1
    shift
    dir=$tmp/$name
    if ! "$HW" record "$fill_yaml" --out "$dir" --from 0 --to $last "$@" 2>"$tmp/log" ||
        ! "$HW" render "$fill_yaml" --tick 0 --probe "$@" >"$dir/probe" 2>>"$tmp/log"; then
        cat "$tmp/log"
        not_ok "$name-fill (record failed)"
        not_ok "$name-hwm-line (record failed)"
        return
    fi
    probe=$dir/probe
    fill=$(kv "$probe" color.fill) over=$(kv "$probe" color.fill_over) line=$(kv "$probe" color.hwm_line)
    t=$(kv "$probe" tank.line)
    bad_fill= bad_line= checked=0
    for tank in src.r dst.w; do
        stream=${tank%.*}
        case $tank in *.r) key=rlen ;; *) key=wlen ;; esac
        rect=$(kv "$probe" "tank.$tank")
        cap=$(kv "$probe" "tank.$tank.cap")
        hwm=$(kv "$probe" "tank.$tank.hwm")
        [ -n "$rect" ] || { bad_fill="no tank.$tank in the probe"; break; }
        x=${rect%%,*} r=${rect#*,} y=${r%%,*} r=${r#*,} h=${r#*,}
        series "$tmp/fill.trace" "$stream" "$key" $last >"$tmp/series"
        # One column per frame, 2 px inside the left wall: clear of the labels
        # drawn at a tank's centre.
        awk -v d="$dir" -v x=$((x + 2)) -v y0="$y" -v y1=$((y + h - 1)) \
            '{ printf "col %s/tick-%06d.png %d %d %d\n", d, $1, x, y0, y1 }' "$tmp/series" >"$tmp/q"
        "$px" --batch <"$tmp/q" >"$tmp/runs" || { bad_fill="cannot read the frames"; break; }
        res=$(awk -v y="$y" -v h="$h" -v cap="$cap" -v hwm="$hwm" -v t="$t" \
            -v fill="$fill" -v over="$over" -v line="$line" '
            FNR == NR { tick[FNR] = $1; len[FNR] = $2; next }
            $1 != "end" { n++; a[n] = $1; b[n] = $2; c[n] = $3; next }
            {
                k++
                bottom = y + h
                # measured: from the floor up while the colour is fill, over or the line
                top = bottom
                for (i = n; i >= 1; i--) {
                    if (c[i] != fill && c[i] != over && c[i] != line) break
                    top = a[i]
                }
                l = len[k]; if (l > cap) l = cap
                fpx = int(l / cap * h + 0.5)
                want = bottom - fpx
                hp = int(hwm / cap * h + 0.5); lo = bottom - hp - int(t / 2); hi = lo + t - 1
                # a fill whose top touches the line reads as reaching the line top
                if (fpx > 0 && want >= lo && want <= hi + 1) want = lo
                if (top != want && !badf) badf = sprintf("tick %d len=%s: fill top row %d, expected %d", tick[k], len[k], top, want)
                found = 0
                for (i = 1; i <= n; i++) if (c[i] == line) {
                    found = 1
                    if ((a[i] > lo || b[i] < hi) && !badl) badl = sprintf("tick %d: line rows %d-%d, expected %d-%d", tick[k], a[i], b[i], lo, hi)
                }
                if (!found && !badl) badl = sprintf("tick %d: no row of the line colour %s, expected rows %d-%d", tick[k], line, lo, hi)
                n = 0
            }
            END { printf "%d|%s|%s\n", k, badf, badl }' "$tmp/series" "$tmp/runs")
        k=${res%%|*} r=${res#*|}
        checked=$((checked + k))
        [ -z "$bad_fill" ] && [ -n "${r%%|*}" ] && bad_fill="$stream ${r%%|*}"
        [ -z "$bad_line" ] && [ -n "${r#*|}" ] && bad_line="$stream ${r#*|}"
    done
    if [ -z "$bad_fill" ] && [ "$checked" -gt 100 ]; then ok "$name-fill ($checked frames)"
    else not_ok "$name-fill (${bad_fill:-only $checked frames checked})"; fi
    if [ -z "$bad_line" ] && [ "$checked" -gt 100 ]; then ok "$name-hwm-line"
    else not_ok "$name-hwm-line (${bad_line:-only $checked frames checked})"; fi

    # The light: PAUSED (palette paused) on exactly the ticks the trace says
    # readableFlowing is false and the source has not ended or been destroyed.
    rect=$(kv "$probe" light.src)
    lx=${rect%%,*} r=${rect#*,} ly=${r%%,*} r=${r#*,} lh=${r#*,}
    series "$tmp/fill.trace" src rflow $last >"$tmp/flow"
    series "$tmp/fill.trace" src rended $last >"$tmp/ended"
    awk -v d="$dir" -v x=$((lx + 3)) -v y=$((ly + lh / 2)) \
        '{ printf "pt %s/tick-%06d.png %d %d\n", d, $1, x, y }' "$tmp/flow" >"$tmp/q"
    "$px" --batch <"$tmp/q" >"$tmp/lights"
    res=$(paste -d ' ' "$tmp/flow" "$tmp/ended" "$tmp/lights" | awk -v paused="$(kv "$probe" color.paused)" '
        { want = ($2 == "false" && $4 == "false"); got = ($5 == paused)
          if (want) on++; else off++
          if (want != got && !bad) bad = sprintf("tick %d: rflow=%s rended=%s, paused light %s", $1, $2, $4, got ? "on" : "off") }
        END { printf "%d %d %s\n", on, off, bad }')
    set -- $res
    on=$1 off=$2
    shift 2
    bad=$*
    if [ -z "$bad" ] && [ "$on" -gt 0 ] && [ "$off" -gt 0 ]; then ok "$name-paused-light ($on paused, $off not)"
    else not_ok "$name-paused-light (${bad:-$on paused and $off flowing ticks: the case needs both})"; fi
}

check_tanks render-normal
check_tanks render-projector --projector
check_tanks render-1080p --size 1920x1080

# An out-of-memory run: the frame of the tick the trace reports `oom` shows
# the death banner (palette error across it); the tick before does not.
oom_yaml=tests/render/oom.yaml
rc=0; "$HW" run "$oom_yaml" >"$tmp/oom.trace" 2>"$tmp/log" || rc=$?
oom=$(awk '$3 == "oom" { print $1 }' "$tmp/oom.trace")
if [ "$rc" -ne 0 ]; then
    not_ok "render-oom (run exited $rc)"
elif [ -z "$oom" ]; then
    not_ok "render-oom (the trace has no oom line)"
else
    "$HW" render "$oom_yaml" --tick "$oom" --probe --out "$tmp/oom.png" >"$tmp/oom.probe" 2>"$tmp/log"
    "$HW" render "$oom_yaml" --tick $((oom - 1)) --probe --out "$tmp/alive.png" >"$tmp/alive.probe" 2>>"$tmp/log"
    err=$(kv "$tmp/oom.probe" color.error)
    rect=$(kv "$tmp/oom.probe" death)
    why=
    if [ "$(kv "$tmp/oom.probe" dead)" != 1 ] || [ "$(kv "$tmp/oom.probe" status)" != oom ] || [ -z "$rect" ]; then
        why="tick $oom: probe says dead=$(kv "$tmp/oom.probe" dead) status=$(kv "$tmp/oom.probe" status)"
    elif [ "$(kv "$tmp/alive.probe" dead)" != 0 ]; then
        why="tick $((oom - 1)) is drawn dead already"
    else
        dx=${rect%%,*} r=${rect#*,} dy=${r%%,*} r=${r#*,} dw=${r%%,*} dh=${r#*,}
        # inside the banner's border, away from its words and its cross
        pts="$((dx + 8)) $((dy + dh / 2)) $((dx + dw - 12)) $((dy + dh - 10)) $((dx + dw / 2)) $((dy + 8))"
        # shellcheck disable=SC2086
        dead=$("$px" "$tmp/oom.png" $pts | sort -u)
        # shellcheck disable=SC2086
        alive=$("$px" "$tmp/alive.png" $pts | grep -c "^$err\$")
        if [ "$dead" != "$err" ]; then why="banner pixels $(echo $dead), expected $err"
        elif [ "$alive" -eq 3 ]; then why="the tick before the death already shows $err at the banner's place"; fi
    fi
    if [ -z "$why" ]; then ok "render-oom (dies at tick $oom)"; else not_ok "render-oom ($why)"; fi
fi

# Same input, same bytes.
"$HW" render "$fill_yaml" --tick 25 --out "$tmp/a.png" 2>/dev/null
"$HW" render "$fill_yaml" --tick 25 --out "$tmp/b.png" 2>/dev/null
if [ -s "$tmp/a.png" ] && cmp -s "$tmp/a.png" "$tmp/b.png"; then ok "render-deterministic"
else not_ok "render-deterministic (two renders of tick 25 differ)"; fi

# The layout reflows: at both classroom sizes (and a small window) every
# card lies inside the frame, no two overlap, every tank lies inside its card;
# for one row of streams and for a fan-out of two rows.
for case in fill:1280x720 fill:1920x1080 fill:1024x640 fanout:1280x720 fanout:1920x1080; do
    yaml=tests/render/${case%%:*}.yaml size=${case#*:}
    "$HW" render "$yaml" --tick 0 --size "$size" --probe >"$tmp/lay" 2>/dev/null
    why=$(awk -F'[=,x]' -v W="${size%x*}" -v H="${size#*x}" '
        $1 ~ /^card\./ { n++; cx[n] = $2; cy[n] = $3; cw[n] = $4; ch[n] = $5; id[n] = substr($1, 6)
            if ($2 < 0 || $3 < 0 || $2 + $4 > W || $3 + $5 > H || $4 < 150 || $5 < 120) { print "card " id[n] " at " $2 "," $3 " " $4 "x" $5; exit } }
        $1 ~ /^tank\.[^.]*\.[rw]$/ { split($1, k, "."); for (i = 1; i <= n; i++) if (id[i] == k[2])
            if ($2 < cx[i] || $3 < cy[i] || $2 + $4 > cx[i] + cw[i] || $3 + $5 > cy[i] + ch[i] || $5 < 30) { print "tank " k[2] " outside its card"; exit } }
        END { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (cx[i] < cx[j] + cw[j] && cx[j] < cx[i] + cw[i] && cy[i] < cy[j] + ch[j] && cy[j] < cy[i] + ch[i]) { print "cards " id[i] " and " id[j] " overlap"; exit } }' "$tmp/lay")
    if [ -z "$why" ] && grep -q '^card\.' "$tmp/lay"; then ok "render-layout-${case%%:*}-$size"
    else not_ok "render-layout-${case%%:*}-$size (${why:-no cards})"; fi
done

# No text is cut and no two texts overlap in any lesson, at any of the three
# sizes, in either palette: text.c reports every cut it makes when
# HIGHWATER_REPORT_CUTS is set, and every pair of texts of one frame whose
# ink boxes meet when HIGHWATER_REPORT_OVERLAPS is (texts an overlay covers
# do not count); --bench 30 draws 60 frames of the lesson (its first ten
# ticks as they play, chunks moving, then 30 spread over the whole run). The
# cuts this caught: the middle-fails lessons' long event lines (they wrap
# under the stream's name), the write() -> false badge (it drops its icon
# first), the manual wire's 'pause() / resume()' (wire hints wrap to two
# lines) and 'Readable · objectMode' on a 1920x1080 card ('Readable ·
# objects'). The overlaps: a transform's 'in' / 'out' over its work bar, and
# a short chart's y labels (two rows of cards above it).
for f in scenarios/*.yaml; do
    for size in 1024x768 1280x720 1920x1080; do
        for pal in plain projector; do printf '%s %s %s\n' "$f" "$size" "$pal"; done
    done
done >"$tmp/cutcases"
# One case per lesson, each a line in "$tmp/cuts": two renderers at once.
HW=$HW xargs -P 2 -L 1 sh -c '
    out=$0 f=$1 size=$2 pal=$3
    opt=; [ "$pal" = projector ] && opt=--projector
    log="$out.$(basename "$f" .yaml).$size.$pal"
    if ! HIGHWATER_REPORT_CUTS=1 HIGHWATER_REPORT_OVERLAPS=1 "$HW" render "$f" --size "$size" $opt --bench 30 \
            --out "$log.png" >/dev/null 2>"$log"; then
        echo "$(basename "$f" .yaml) $size $pal: render failed: $(head -n 1 "$log")"
    else
        c=$(grep -e "cut to" -e "texts overlap" "$log" | head -n 1)
        [ -z "$c" ] || echo "$(basename "$f" .yaml) $size $pal: $c"
    fi
    rm -f "$log" "$log.png"' "$tmp/cut" <"$tmp/cutcases" >"$tmp/cuts"
xrc=$?
if [ $xrc -ne 0 ]; then not_ok "render-uncut (xargs exit $xrc)"; fi
nlessons=0
for f in scenarios/*.yaml; do
    lesson=$(basename "$f" .yaml)
    nlessons=$((nlessons + 1))
    first=$(grep "^$lesson " "$tmp/cuts" | head -n 1)
    if [ -z "$first" ]; then ok "render-uncut-$lesson"; else not_ok "render-uncut-$lesson ($first)"; fi
done
[ "$nlessons" -ge 20 ] || not_ok "render-uncut (only $nlessons lessons found)"

# Compare mode too: the README's pairs and the guide's, at the three sizes in
# both palettes (the file name in a pane's header was cut, and a narrow
# pane's wire names at 1920x1080: now whole, or 'pipeline' for 'pipeline()').
for pair in video-to-slow-client-naive:video-to-slow-client middle-fails-pipe:middle-fails-pipeline \
        backpressure-guide-ignored:backpressure-guide-respected memory-bytes:memory-objects; do
    a=${pair%%:*} b=${pair#*:} cuts=
    for size in 1024x768 1280x720 1920x1080; do
        for pal in "" --projector; do
            # shellcheck disable=SC2086
            if ! HIGHWATER_REPORT_CUTS=1 HIGHWATER_REPORT_OVERLAPS=1 "$HW" compare "scenarios/$a.yaml" "scenarios/$b.yaml" \
                    --render-tick 20 --size $size $pal --out "$tmp/cmp.png" >/dev/null 2>"$tmp/log"; then
                cuts="$size$pal: compare failed: $(head -n 1 "$tmp/log")"
            else
                c=$(grep -e "cut to" -e "texts overlap" "$tmp/log" | head -n 1)
                [ -z "$c" ] || cuts="$size$pal: $c"
            fi
            [ -z "$cuts" ] || break 2
        done
    done
    if [ -z "$cuts" ]; then ok "render-compare-uncut-$a"; else not_ok "render-compare-uncut-$a ($cuts)"; fi
done

# An animated GIF for slides.
if "$HW" record "$fill_yaml" --from 0 --to 8 --fps 5 --size 640x360 --out "$tmp/clip.gif" 2>"$tmp/log" &&
    [ "$(head -c 6 "$tmp/clip.gif")" = GIF89a ]; then ok "render-gif"
else cat "$tmp/log"; not_ok "render-gif"; fi

# A slide has nothing to click: the header's "? keys" / "L lessons" buttons
# are left out, so the column through the lessons button is header colour.
if "$HW" record scenarios/video-to-slow-client.yaml --slide --size 1280x720 --out "$tmp/slide" 2>"$tmp/log"; then
    f=$(ls "$tmp"/slide/*.png | head -n 1)
    runs=$("$px" "$f" --col 1220 4 40 | wc -l)
    if [ "$runs" -eq 1 ]; then ok "render-slide-no-buttons"
    else not_ok "render-slide-no-buttons ($runs colour runs through the header's right end, want 1)"; fi
else cat "$tmp/log"; not_ok "render-slide-no-buttons (record failed)"; fi
# Nor a key hint in the caption ('[ ] notes' at its right end, x 1185..1266;
# the narration stops 16 px short of it, by x = 1250).
if [ -n "${f:-}" ] && [ -s "$f" ]; then
    runs=$("$px" "$f" --col 1258 52 160 | wc -l)
    if [ "$runs" -eq 1 ]; then ok "render-slide-no-key-hints"
    else not_ok "render-slide-no-key-hints ($runs colour runs through the caption's right end, want 1)"; fi
else not_ok "render-slide-no-key-hints (no slide frame)"; fi

# No display: one line that says so, exit 2; --or-summary then prints the summary.
out=$(env -u DISPLAY -u WAYLAND_DISPLAY "$HW" view "$fill_yaml" 2>&1)
rc=$?
if [ $rc -eq 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && printf '%s' "$out" | grep -q 'no display'; then
    ok "render-no-display"
else not_ok "render-no-display (exit $rc: $out)"; fi
if env -u DISPLAY -u WAYLAND_DISPLAY "$HW" view --or-summary "$fill_yaml" >"$tmp/sum" 2>&1 &&
    grep -q 'no display' "$tmp/sum" && grep -q 'src' "$tmp/sum" && [ "$(wc -l <"$tmp/sum")" -gt 3 ]; then
    ok "render-no-display-summary"
else not_ok "render-no-display-summary"; sed 's/^/  /' "$tmp/sum"; fi
suite_end
