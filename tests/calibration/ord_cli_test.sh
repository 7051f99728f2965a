#!/usr/bin/env bash
# `portsim calibrate` and `portsim predict` through the real binary on four weeks of O'Hare's log
# (tests/data/logs/ord_march2016_excerpt.csv, rows of ../shared/data/cbp-awt-ord as they are):
# a boosted-base-wait model trained on three weeks, tested on the fourth; the calibrated model then
# drives CBP's original 2018 export excerpt; bad input -> exit 2 with the exact message.
set -euo pipefail
portsim="$1"
src="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
L=tests/data/logs

cat > "$work/model.yaml" <<'YAML'
model: booth-checkpoint
seed: 3
parameters:
  service_mean_s: {start: 80, low: 40, high: 300}
  service_cv: {start: 0.8, low: 0.8, high: 0.8}
  batch_spread_min: {start: 20, low: 20, high: 20}
  walk_min: {start: 5, low: 5, high: 5}
  opening_delay_min: {start: 5, low: 5, high: 5}
fit:
  starts: 1
  max_evals: 12
  sample_days: 6
  bootstrap: 0
  band_replications: 5
  base_wait: boosted
  trees: {rounds: 30, depth: 2, min_leaf: 15}
YAML

"$portsim" calibrate --data $L/ord_march2016_excerpt.csv --format cbp-awt --model "$work/model.yaml" \
  --train 2016-03-01..2016-03-21 --test 2016-03-22..2016-03-28 --out "$work/cal" > "$work/cal.txt" 2>&1
grep -q "base wait as 30 boosted trees of the hour's inputs: " "$work/cal.txt"
grep -q "^base_wait_model:" "$work/cal/calibrated.yaml"
grep -q "^forecast_residual_quantiles_min: \[" "$work/cal/calibrated.yaml"
test "$(grep -c '^    - \[' "$work/cal/calibrated.yaml")" -eq 30        # the 30 trees
grep -q "30 boosted trees of the hour's inputs" "$work/cal/report.md"
grep -q "Share inside the 90% forecast interval" "$work/cal/report.md"
# Every baseline, scored alike, and the closing sentence.
for b in "constant: training median" "hour-of-week mean" "hour-of-week median" "Erlang C pointwise-stationary" \
  "data-only learner: XGBoost of predict's inputs" "data-only learner: the model's own boosted trees alone" \
  "the simulation without its learned base wait"; do
  grep -q "^| $b" "$work/cal/report.md" || { echo "report.md lacks the row $b"; exit 1; }
done
grep -q "Diebold-Mariano test of equal absolute error, simulation against " "$work/cal/report.md"
grep -Eq '^\*\*The calibrated simulation (beats|does not beat) the best baseline' "$work/cal/report.md"
test "$(head -n 1 "$work/cal/metrics.csv" | cut -d, -f1-4)" = "predictor,hours,mae_min,rmse_min"
test "$(wc -l < "$work/cal/metrics.csv")" -eq 9  # header, 2 simulations, 6 baselines
# validate-model judges the written model on the same hours: the baselines' rows are those of the
# calibrate report (they do not depend on the model), with the same closing sentence's form.
"$portsim" validate-model --model "$work/cal/calibrated.yaml" --train 2016-03-01..2016-03-21 \
  --data $L/ord_march2016_excerpt.csv --format cbp-awt --test 2016-03-22..2016-03-28 --out "$work/vm" > /dev/null 2>&1
diff <(grep -v '(model) |' "$work/cal/report.md" | sed -n '/^| predictor/,/^$/p') \
     <(grep -v '(model) |' "$work/vm/report.md" | sed -n '/^| predictor/,/^$/p')
grep -Eq '^\*\*The calibrated simulation (beats|does not beat) the best baseline' "$work/vm/report.md"
set +e
"$portsim" validate-model --model "$work/cal/calibrated.yaml" --train 2016-03-01..2016-03-21 \
  --data $L/ord_march2016_excerpt.csv --format cbp-awt --test 2019-01-01..2019-01-31 --out "$work/vm2" > "$work/vm2.log" 2>&1
rc=$?
set -e
test "$rc" -eq 2
grep -qx "command line: error: --test: no rows of $L/ord_march2016_excerpt.csv fall in 2019-01-01..2019-01-31" "$work/vm2.log"
test ! -e "$work/vm2/report.md"
set +e
"$portsim" validate-model --model "$work/cal/calibrated.yaml" --train 2016-03-01..2016-03-21 \
  --data $L/ord_march2016_excerpt.csv --format cbp-awt --test 2016-03-15..2016-03-28 --out "$work/vm3" > "$work/vm3.log" 2>&1
rc=$?
set -e
test "$rc" -eq 2
grep -qx "command line: error: --test: the held-out period 2016-03-15..2016-03-28 overlaps the training period --train 2016-03-01..2016-03-21 of the same file: the scores would include hours the baselines were fitted on" "$work/vm3.log"
# Several training periods (leave one week out); out of order or overlapping ones, and a held-out
# week inside the training periods, are refused before any fit.
"$portsim" calibrate --data $L/ord_march2016_excerpt.csv --format cbp-awt --model "$work/model.yaml" \
  --train 2016-03-01..2016-03-07,2016-03-15..2016-03-28 --test 2016-03-08..2016-03-14 --out "$work/lowo" > /dev/null 2>&1
test "$(wc -l < "$work/lowo/predictions.csv")" -eq $(( $(grep -c ',2016-03-\(0[89]\|1[0-4]\),' $L/ord_march2016_excerpt.csv) + 1 ))
for bad in "2016-03-10..2016-03-20,2016-03-15..2016-03-28|--train: expected periods in order and not overlapping, got \"2016-03-10..2016-03-20,2016-03-15..2016-03-28\"" \
           "2016-03-01..2016-03-21|--test: the held-out period 2016-03-08..2016-03-14 overlaps the training period --train 2016-03-01..2016-03-21 of the same file: the scores would include hours the baselines were fitted on"; do
  set +e
  "$portsim" calibrate --data $L/ord_march2016_excerpt.csv --format cbp-awt --model "$work/model.yaml" \
    --train "${bad%%|*}" --test 2016-03-08..2016-03-14 --out "$work/bad" > "$work/bad.log" 2>&1
  rc=$?
  set -e
  test "$rc" -eq 2
  grep -qxF "command line: error: ${bad#*|}" "$work/bad.log" || { cat "$work/bad.log"; exit 1; }
done
# One prediction per held-out input hour (the last week: every row dated 22-28 March).
test "$(wc -l < "$work/cal/predictions.csv")" -eq $(( $(grep -c ',2016-03-2[2-8],' $L/ord_march2016_excerpt.csv) + 1 ))
head -1 "$work/cal/predictions.csv" | grep -q ",forecast_p05_min,forecast_p95_min$"

# The calibrated file drives another period in CBP's original export format, row for row.
"$portsim" predict --model "$work/cal/calibrated.yaml" --data $L/ord_2018_cbp_export_excerpt.csv --format cbp-awt \
  --out "$work/p18.csv" > "$work/p18.txt" 2>&1
test "$(wc -l < "$work/p18.csv")" -eq "$(wc -l < $L/ord_2018_cbp_export_excerpt.csv)"
awk -F, 'NR > 1 { if ($8 == "" || $(NF-1) == "" || $(NF-1) + 0 > $8 + 0 || $NF + 0 < $8 + 0) bad = 1 } END { exit bad }' "$work/p18.csv"

# Bad input: exit 2, the file, line, field and allowed values; nothing written.
sed 's/base_wait: boosted/base_wait: boost/' "$work/model.yaml" > "$work/bad.yaml"
sed 's/^    - \[\[[0-9]*, /    - [[99, /' "$work/cal/calibrated.yaml" > "$work/bad_trees.yaml"
set +e
"$portsim" calibrate --data $L/ord_march2016_excerpt.csv --format cbp-awt --model "$work/bad.yaml" \
  --train 2016-03-01..2016-03-21 --out "$work/bad" > /dev/null 2> "$work/err1.txt"
rc1=$?
"$portsim" predict --model "$work/bad_trees.yaml" --data $L/ord_2018_cbp_export_excerpt.csv --format cbp-awt \
  --out "$work/bad.csv" > /dev/null 2> "$work/err2.txt"
rc2=$?
set -e
test "$rc1" -eq 2 && test "$rc2" -eq 2
grep -qF "bad.yaml:15:14: error: fit.base_wait: expected one of none, profile, boosted, got \"boost\" (did you mean \"boosted\"?)" "$work/err1.txt"
grep -qF "bad_trees.yaml:" "$work/err2.txt"
grep -qF "error: base_wait_model.trees[0][0][0]: expected an integer in [0, 8], got 99" "$work/err2.txt"
test ! -e "$work/bad" && test ! -e "$work/bad.csv"
echo "ORD CLI checks passed"
