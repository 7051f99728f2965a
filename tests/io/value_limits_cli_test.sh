#!/bin/sh
# Issue 14 through the command: bad duration flags and scenario values end with exit 2 and one exact
# message naming the flag or the file:line:col and key (never a hang, a crash or a silent run).
# Usage: value_limits_cli_test.sh PORTSIM SOURCE_DIR
portsim="$1"
cd "$2" || exit 1
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0

# expect EXPECTED_STDERR COMMAND...: exit 2 within 20 s, stderr exactly EXPECTED_STDERR.
expect() {
  expected="$1"
  shift
  timeout 20 "$@" > "$out/stdout" 2> "$out/stderr"
  code=$?
  printf '%s\n' "$expected" > "$out/expected"
  if [ "$code" -ne 2 ] || ! cmp -s "$out/expected" "$out/stderr"; then
    echo "FAIL (exit $code): $*"
    diff "$out/expected" "$out/stderr"
    failures=$((failures + 1))
  fi
}

base=tests/data/base_ok.yaml
positive='expected a duration in (0s, 3650d]'
expect "command line: error: --duration: $positive, got \"60000000000d\"" "$portsim" run $base --duration 60000000000d
expect "command line: error: --duration: $positive, got \"60000000000d\"" \
  "$portsim" run $base --warmup auto --duration 60000000000d
expect "command line: error: --duration: $positive, got \"-5min\"" "$portsim" run $base --duration -5min
expect "command line: error: --duration: $positive, got \"0s\"" "$portsim" run $base --duration 0s
expect 'command line: error: --warmup: expected a duration in [0s, 3650d], got "-1h"' "$portsim" run $base --warmup -1h
expect "command line: error: --duration: $positive, got \"-5min\"" "$portsim" compare $base $base --duration -5min
expect 'command line: error: --warmup: expected a duration in [0s, 3650d], got "3651d"' \
  "$portsim" compare $base $base --warmup 3651d

# The scenario reproducers: validate and run refuse them (the zero loops used to hang the run).
repeats='(the model repeats this time), got "0s"'
for command in validate run; do
  expect "tests/data/device_zero_loop.yaml:3:71: error: devices[0].time_to_failure: expected a mean of at least 1s $repeats
tests/data/device_zero_loop.yaml:3:88: error: devices[0].repair_time: expected a mean of at least 1s $repeats" \
    "$portsim" $command tests/data/device_zero_loop.yaml
  expect "tests/data/outage_zero_loop.yaml:3:38: error: customs.random_outages.interval: expected a mean of at least 1s $repeats
tests/data/outage_zero_loop.yaml:3:50: error: customs.random_outages.repair: expected a mean of at least 1s $repeats" \
    "$portsim" $command tests/data/outage_zero_loop.yaml
  expect 'tests/data/zero_demand_share.yaml:3:34: error: gates[0].demand_share: the gates'"'"' demand shares must not all be 0: no truck would arrive' \
    "$portsim" $command tests/data/zero_demand_share.yaml
  expect 'tests/data/trucks_per_day_huge.yaml:3:26: error: demand.trucks_per_day: expected a number in [0, 100000], got 1e12' \
    "$portsim" $command tests/data/trucks_per_day_huge.yaml
  expect 'tests/data/window_24_30.yaml:3:43: error: gates[0].lanes[0].open[0]: expected a time-of-day window "HH:MM-HH:MM" (for example "06:00-22:00"), each time from 00:00 to 24:00, got "24:30-01:00"' \
    "$portsim" $command tests/data/window_24_30.yaml
done
expect '--set yard_time=-5min: error: yard_time: expected a time >= 0, got "-5min"' \
  "$portsim" run $base --set yard_time=-5min

# Good values next to the limits still run: a mean of 1s with zero samples, an outage at 10:00.
if ! timeout 60 "$portsim" run $base --duration 1h --format json \
    --set 'devices=[{id: ocr, kind: ocr_camera, time_to_failure: "empirical(0s, 2s)", repair_time: "empirical(0s, 2s)"}]' \
    --set 'gates[0].lanes[0].devices=[ocr]' --set 'customs.outages=[{start: "10:00", duration: 2h}]' > "$out/run.json"; then
  echo "FAIL: a scenario at the limits did not run"
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] && echo "value limits CLI checks passed"
