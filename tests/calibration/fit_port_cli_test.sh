#!/usr/bin/env bash
# `portsim fit-port` through the real binary: a log `portsim run --truck-log` wrote is fitted, the
# fitted scenario names the log and runs; bad logs and flags end with exit 2, the message below on
# stderr and no fitted file.
set -euo pipefail
portsim="$1"
src="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
failed=0
S=tests/data/truck_log_known.yaml

"$portsim" run $S --truck-log "$work/log.csv" > /dev/null
test "$(head -1 "$work/log.csv")" = "truck_id,gate,arrival,lane,lane_start,gate_in,channel,exam_start,exam_end,release"
"$portsim" fit-port --log "$work/log.csv" --scenario $S --out "$work/fitted.yaml" --check-reps 3 > "$work/fit.out"
grep -q "^  steps.identify_manual *gamma(" "$work/fit.out"
grep -q "^held-out check (3 replications each" "$work/fit.out"
grep -q "^On the held-out trucks the fitted scenario is closer than the planner's scenario on [0-3] of 3" "$work/fit.out"
grep -q "^# Fitted by \`portsim fit-port\` from the truck log $work/log.csv (gate main)." "$work/fitted.yaml"
grep -q "^extends: \"$src/$S\"\$" "$work/fitted.yaml"  # outside the working folder: an absolute path
grep -q '^  identify_manual: "gamma(' "$work/fitted.yaml"
grep -q '^    red_rate: 0\.0[0-9]*$' "$work/fitted.yaml"
"$portsim" run "$work/fitted.yaml" > "$work/run.out"
grep -q "^truck-log-known-fitted ($work/fitted.yaml), seed 1" "$work/run.out"

# expect NAME COMMAND...: exit 2, the expected stderr (on stdin), nothing on stdout, no fitted file.
expect() {
  local name="$1"
  shift
  cat > "$work/$name.want"
  local rc=0
  "$portsim" "$@" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
  if [ "$rc" -ne 2 ]; then echo "$name: exit $rc, expected 2"; failed=1; fi
  if ! diff -u "$work/$name.want" "$work/$name.err"; then echo "$name: stderr differs"; failed=1; fi
  if [ -s "$work/$name.out" ]; then echo "$name: wrote to stdout"; failed=1; fi
  if [ -e "$work/out.yaml" ]; then echo "$name: wrote $work/out.yaml"; failed=1; rm -f "$work/out.yaml"; fi
}

printf 'truck_id,arrival,gate_in,release\nA,0,60,900\nB,4000,3990,5000\n' > "$work/order.csv"
expect order fit-port --log "$work/order.csv" --scenario $S --out "$work/out.yaml" <<MSG
$work/order.csv:3:8: error: gate_in: is before arrival (3990 < the row's arrival)
MSG

printf 'truck_id,arrival,gate_in,release\nA,0,60,900\nB,4000,4060,5000\nC,8000,8060,9000\nD,12000,12060,13000\n' > "$work/nolane.csv"
expect no_lane fit-port --log "$work/nolane.csv" --scenario $S --out "$work/out.yaml" <<MSG
$work/nolane.csv:1:1: error: lane_start: the lane transaction needs each truck's lane_start, or its lane (then each start is recovered from the lane's previous gate_in); the log has neither column
MSG

expect gate fit-port --log "$work/log.csv" --scenario $S --out "$work/out.yaml" --gate south <<MSG
command line: error: --gate: no gate "south" in $S: expected one of main
MSG

expect holdout fit-port --log "$work/log.csv" --scenario $S --out "$work/out.yaml" --holdout 0.9 <<'MSG'
portsim: error: --holdout: Value 0.9 not in range 0.050000 to 0.500000
(run portsim --help for the commands and their flags)
MSG

test "$failed" -eq 0
echo "fit-port CLI checks passed"
