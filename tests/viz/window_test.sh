#!/usr/bin/env bash
# A real window under Xvfb (Mesa llvmpipe): the baseline at 14:00 (peak queue) in single and compare
# mode, screenshots checked for size, content and the colours of queued trucks and busy lanes at the
# gate; a replayed trace (also of a --set scenario at a path with spaces). Also: a bad scenario or
# trace without a display gives exit code 2 and a message, not a crash.
set -euo pipefail
viz="$1"; check="$2"; src="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
xvfb-run -a -s "-screen 0 1280x800x24" "$viz" scenarios/baseline.yaml --at 14h --screenshot "$work/single.png"
"$check" "$work/single.png" scenarios/baseline.yaml 1280 800 0 0
xvfb-run -a -s "-screen 0 1280x800x24" "$viz" scenarios/baseline.yaml --compare scenarios/paperless.yaml --at 14h \
  --screenshot "$work/compare.png"
"$check" "$work/compare.png" scenarios/baseline.yaml 1280 800 1 0
# Replay of a recorded trace draws the same picture elements.
"$(dirname "$viz")/portsim" run scenarios/baseline.yaml --duration 15h --trace "$work/day.trace" > /dev/null 2>&1
xvfb-run -a -s "-screen 0 1280x800x24" "$viz" --replay "$work/day.trace" --at 14h --screenshot "$work/replay.png"
"$check" "$work/replay.png" scenarios/baseline.yaml 1280 800 0 0
# A trace of an overridden scenario, at a path with spaces, replays on the scenario it carries; a
# bad trace is refused with exit code 2 and its line before any window opens.
mkdir -p "$work/with space"
"$(dirname "$viz")/portsim" run tests/data/base_ok.yaml --duration 1h --set 'gates[0].lanes[0].count=2' \
  --trace "$work/with space/a trace" > /dev/null 2>&1
xvfb-run -a -s "-screen 0 1280x800x24" "$viz" --replay "$work/with space/a trace" --at 30min --screenshot "$work/space.png" \
  > "$work/space.log"
grep -q "saved $work/space.png at day 1 00:30:00" "$work/space.log"
set +e
env -u DISPLAY "$viz" --replay tests/data/trace_v1_lane_gate7.trace > "$work/badtrace.log" 2>&1
rc=$?
set -e
test "$rc" -eq 2
grep -qx 'tests/data/trace_v1_lane_gate7.trace:3:3: error: lane record: gate 7 does not exist (the scenario has 1 gate): "L 7 0 1 0 0 0"' \
  "$work/badtrace.log"
# A trace of more frames than a replay holds is refused before the run.
set +e
"$(dirname "$viz")/portsim" run tests/data/base_ok.yaml --duration 1000d --trace-interval 1ms --trace "$work/huge.trace" \
  > "$work/huge.log" 2>&1
rc=$?
set -e
test "$rc" -eq 2
grep -qx 'command line: error: --trace-interval: a frame every 1ms for 1000d is more than the 100000 frames a trace may hold; use a longer interval' \
  "$work/huge.log"
test ! -e "$work/huge.trace"
# No display: a clear message and exit code 2.
set +e
env -u DISPLAY -u WAYLAND_DISPLAY "$viz" scenarios/baseline.yaml --screenshot "$work/none.png" > "$work/nodisplay.log" 2>&1
rc=$?
set -e
test "$rc" -eq 2
grep -q "cannot open a window" "$work/nodisplay.log"
set +e
env -u DISPLAY "$viz" tests/data/lane_count_negative.yaml > "$work/bad.log" 2>&1
rc=$?
set -e
test "$rc" -eq 2
grep -q "gates\[0\].lanes\[0\].count: expected an integer in \[1, 1000\], got -2" "$work/bad.log"
echo "window test passed"
