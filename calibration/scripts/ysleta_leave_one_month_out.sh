#!/usr/bin/env bash
# Ysleta commercial, leave one month out (issue 16, item 5c): for each month of 2025, calibrate the
# truck-lane model on the other eleven and validate on the month against every baseline fitted on
# the same eleven (portsim calibrate --test). Writes OUT/<month>/ (each month's report) and
# OUT/leave_one_month_out.md (MAE of the simulation and of each baseline, by month and pooled).
#   calibration/scripts/ysleta_leave_one_month_out.sh build/release/portsim results/calibration/ysleta/lomo
set -euo pipefail
portsim="${1:?usage: $0 PORTSIM OUT}"
out="${2:?usage: $0 PORTSIM OUT}"
data=results/calibration/ysleta/ysleta_hourly.csv
model=calibration/models/truck-lanes.yaml
mkdir -p "$out"
last_day() { case "$1" in 02) echo 28;; 04|06|09|11) echo 30;; *) echo 31;; esac; }
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
  test_period="2025-$m-01..2025-$m-$(last_day "$m")"
  before=$((10#$m - 1)); after=$((10#$m + 1))
  train=""
  if [ "$before" -ge 1 ]; then
    b=$(printf '%02d' "$before"); train="2025-01-01..2025-$b-$(last_day "$b")"
  fi
  if [ "$after" -le 12 ]; then
    a=$(printf '%02d' "$after"); train="${train:+$train,}2025-$a-01..2025-12-31"
  fi
  "$portsim" calibrate --data "$data" --format hourly --model "$model" --train "$train" --test "$test_period" \
    --out "$out/$m" > "$out/$m.log" 2>&1
  # Kept: each month's report.md and metrics.csv (the fitted model and plots are not needed here).
  rm -f "$out/$m.log" "$out/$m"/*.png "$out/$m"/*.svg "$out/$m/predictions.csv" "$out/$m/calibrated.yaml"
done
# One table: rows = months, columns = predictors (metrics.csv's first column, its stable id).
{
  echo "# Ysleta commercial: leave one month out"
  echo
  echo "Made by \`calibration/scripts/ysleta_leave_one_month_out.sh\`: each month of 2025 held out in turn; the"
  echo "model and every baseline fitted on the other eleven months (the XGBoost learner's settings chosen anew in each)."
  echo "Hourly-wait MAE (min) on the held-out month; the columns are metrics.csv's predictor ids (each month's"
  echo "report.md names them in full)."
  echo
  awk -F, 'FNR == 1 { next }
    { month = FILENAME; sub(/\/metrics.csv$/, "", month); sub(/.*\//, "", month)
      if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 }
      mae[month, $1] = $3; hours[month, $1] = $2; sum[$1] += $3 * $2; total[$1] += $2
      months[month] = 1 }
    END {
      printf "| month |"; for (i = 1; i <= n; ++i) printf " %s |", order[i]; printf "\n|---|"
      for (i = 1; i <= n; ++i) printf "---|"; printf "\n"
      for (m = 1; m <= 12; ++m) { key = sprintf("%02d", m); if (!(key in months)) continue
        printf "| %s |", key; for (i = 1; i <= n; ++i) printf " %.2f |", mae[key, order[i]]; printf "\n" }
      printf "| pooled (hour-weighted) |"; for (i = 1; i <= n; ++i) printf " **%.2f** |", sum[order[i]] / total[order[i]]
      printf "\n\n"
      best = ""; for (i = 1; i <= n; ++i) if (order[i] != "simulation" && order[i] != "simulation_without_base_wait") {
        v = sum[order[i]] / total[order[i]]; if (best == "" || v < bestv) { best = order[i]; bestv = v } }
      sim = sum["simulation"] / total["simulation"]
      wins = 0; for (m = 1; m <= 12; ++m) { key = sprintf("%02d", m)
        if ((key, "simulation") in mae && mae[key, "simulation"] < mae[key, best]) ++wins }
      printf "Pooled over the twelve held-out months the simulation%s the best baseline (%s): MAE %.2f vs %.2f min (%+.1f%%); it is better in %d of 12 months.\n",
        (sim < bestv ? " beats" : " does not beat"), best, sim, bestv, 100 * (sim / bestv - 1), wins
    }' "$out"/*/metrics.csv
} > "$out/leave_one_month_out.md.tmp"
mv "$out/leave_one_month_out.md.tmp" "$out/leave_one_month_out.md"
cat "$out/leave_one_month_out.md"
