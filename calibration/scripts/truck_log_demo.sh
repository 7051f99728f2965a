#!/usr/bin/env bash
# results/calibration/truck-log: `portsim fit-port` on a log of a terminal whose parameters are
# known (tests/data/truck_log_known.yaml, 14 days written by `portsim run --truck-log`), starting
# from the planner's scenario that assumes the baseline's values (tests/data/truck_log_planner.yaml).
# Usage: calibration/scripts/truck_log_demo.sh PORTSIM OUT_DIR
set -euo pipefail
portsim="$1"
out="$2"
mkdir -p "$out"
"$portsim" run tests/data/truck_log_known.yaml --duration 14d --truck-log "$out/truck_log.csv" > /dev/null
"$portsim" fit-port --log "$out/truck_log.csv" --scenario tests/data/truck_log_planner.yaml \
  --out "$out/fitted.yaml" --check-reps 10 > "$out/report.txt.tmp"
mv "$out/report.txt.tmp" "$out/report.txt"
rm "$out/truck_log.csv"  # 84,000 rows; the run is seeded, so this script writes the same log again
