#!/usr/bin/env bash
# The issue 14 reproducers for the calibration commands (../shared/reproducers/inputs, copied to
# tests/data/logs and tests/data/models under names for their fault), through the real binary:
# each ends with exit 2, exactly the message below on stderr, nothing on stdout and nothing written.
set -euo pipefail
portsim="$1"
src="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
L=tests/data/logs
M=tests/data/models
ORD=results/calibration/ord/calibrated.yaml
failed=0

# expect NAME COMMAND...: the expected stderr on stdin.
expect() {
  local name="$1"
  shift
  cat > "$work/$name.want"
  local rc=0
  "$portsim" "$@" > "$work/$name.out" 2> "$work/$name.err" || rc=$?
  if [ "$rc" -ne 2 ]; then echo "$name: exit $rc, expected 2"; failed=1; fi
  if ! diff -u "$work/$name.want" "$work/$name.err"; then echo "$name: stderr differs"; failed=1; fi
  if [ -s "$work/$name.out" ]; then echo "$name: wrote to stdout"; failed=1; fi
  if [ -e "$work/out" ]; then echo "$name: wrote $work/out"; failed=1; rm -rf "$work/out"; fi
}

# negyear-day.csv + tiny-profile.yaml: calibrate crashed (SIGSEGV); the period flag is checked first
expect train_neg calibrate --model $M/model_profile_fit.yaml --data $L/hourly_negative_year_day.csv --format hourly --train=-5-01-01..-5-01-01 --out "$work/out" <<'EOF'
command line: error: --train: expected FROM..TO, each a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, for example 2016-01-01..2017-12-31, got "-5-01-01..-5-01-01"
EOF

# ... and the same log with a valid period: every row's date is out of range, no usable row
expect day_neg calibrate --model $M/model_profile_fit.yaml --data $L/hourly_negative_year_day.csv --format hourly --train 2016-01-01..2016-12-31 --out "$work/out" <<'EOF'
tests/data/logs/hourly_negative_year_day.csv:2:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:3:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:4:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:5:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:6:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:7:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:8:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:9:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:10:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:11:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year_day.csv:1:1: error: no usable row: all 14 data rows are malformed (the first 10 above)
EOF

# --train with month 13
expect train_m13 calibrate --model $M/model_profile_fit.yaml --data $L/ord_march2016_excerpt.csv --format cbp-awt --train 2016-03-01..2016-13-01 --out "$work/out" <<'EOF'
command line: error: --train: expected FROM..TO, each a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, for example 2016-01-01..2017-12-31, got "2016-03-01..2016-13-01"
EOF

# --test with a negative year
expect test_neg calibrate --model $M/model_profile_fit.yaml --data $L/ord_march2016_excerpt.csv --format cbp-awt --train 2016-03-01..2016-03-03 --test=-1-03-04..2016-03-05 --out "$work/out" <<'EOF'
command line: error: --test: expected FROM..TO, each a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, for example 2016-01-01..2017-12-31, got "-1-03-04..2016-03-05"
EOF

# negyear.csv + model-how.yaml: predict read out of bounds and exited 0
expect negyear predict --model $M/model_base_wait_1.yaml --data $L/hourly_negative_year.csv --format hourly --out "$work/out" <<'EOF'
tests/data/logs/hourly_negative_year.csv:2:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "-5-01-01"
tests/data/logs/hourly_negative_year.csv:1:1: error: no usable row: its one data row is malformed (above)
EOF

# month13.csv: index 12 out of bounds
expect month13 predict --model $M/model_base_wait_1.yaml --data $L/hourly_month_13.csv --format hourly --out "$work/out" <<'EOF'
tests/data/logs/hourly_month_13.csv:2:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "2018-13-01"
tests/data/logs/hourly_month_13.csv:1:1: error: no usable row: its one data row is malformed (above)
EOF

# awt-flights.csv: 2e9 flights sized a 2e9-element vector
expect flights predict --model $ORD --data $L/awt_flights_2e9.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/logs/awt_flights_2e9.csv:2:67: error: n_flights: expected an integer in [0, 10000], got "2000000000"
tests/data/logs/awt_flights_2e9.csv:1:1: error: no usable row: its one data row is malformed (above)
EOF

# awt-binsovf.csv: the bin sum overflowed an int
expect bins predict --model $ORD --data $L/awt_bins_overflow.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/logs/awt_bins_overflow.csv:2:45: error: n_pax_wait_0_15: expected an integer in [0, 50000], got "2147483647"
tests/data/logs/awt_bins_overflow.csv:1:1: error: no usable row: its one data row is malformed (above)
EOF

# awt-nanwait.csv: NaN waits gave "MAE nan"
expect nanwait predict --model $ORD --data $L/awt_nan_wait.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/logs/awt_nan_wait.csv:2:40: error: all_avg_wait_min: expected a wait in minutes in [0, 1440], got "nan"
tests/data/logs/awt_nan_wait.csv:1:1: error: no usable row: its one data row is malformed (above)
EOF

# sandag-nan.csv (as a whole day): a NaN volume was cast to int
expect sandag fit-lane-rates --volumes $L/sandag_nan_volume.csv --lanes $L/poe_rates_excerpt.csv --trips $L/truck_trips_excerpt.csv --out "$work/out" <<'EOF'
tests/data/logs/sandag_nan_volume.csv:2:41: error: volume: expected a number in [0, 50000], got "nan"
tests/data/logs/sandag_nan_volume.csv:1:1: error: SANDAG hour 1 of Otay Mesa commercial NB is missing: --format sandag-poe reads one typical weekday, hours 1..24 (1 malformed row skipped: above)
EOF

# sandag-nan.csv as it was found (3 hours)
expect sandag3 predict --model $ORD --data $L/sandag_nan_volume_3_rows.csv --format sandag-poe --out "$work/out" <<'EOF'
tests/data/logs/sandag_nan_volume_3_rows.csv:2:41: error: volume: expected a number in [0, 50000], got "nan"
tests/data/logs/sandag_nan_volume_3_rows.csv:1:1: error: SANDAG hours 1, 4-24 of Otay Mesa commercial NB are missing: --format sandag-poe reads one typical weekday, hours 1..24 (1 malformed row skipped: above)
EOF

# cascade-huge.csv: 1e300 trucks cast to int
expect cascade predict --model $ORD --data $L/cascade_count_1e300.csv --format cascade --out "$work/out" <<'EOF'
tests/data/logs/cascade_count_1e300.csv:2:21: error: Sum - Volume (X): expected a count in [0, 50000], got "1e300"
tests/data/logs/cascade_count_1e300.csv:1:1: error: no usable row: its one data row is malformed (above)
EOF

# counts-nan.csv: a NaN monthly count became 0
expect counts scale-arrivals --waits $L/elpaso_excerpt.csv --site "El Paso - Paso Del Norte (PDN) Passenger General" --counts $L/monthly_counts_nan.csv --crossing "Ysleta Bridge" --year 2025 --out "$work/out" <<'EOF'
tests/data/logs/elpaso_excerpt.csv: 4 rows read, 0 malformed skipped, 0 flagged inconsistent
tests/data/logs/monthly_counts_nan.csv:2:75: error: Northbound Crossing: expected a count >= 0, got "nan"
EOF

# log-huge.csv (first rows): service times of 1e308 s ended with exit 1
expect loghuge fit-service --log $L/vehicle_log_service_1e308.csv <<'EOF'
tests/data/logs/vehicle_log_service_1e308.csv:2:54: error: service_s: expected a number of seconds in [0, 1e9], got "1e308"
EOF

# log-inf.csv (first rows): inf was read and dropped silently
expect loginf fit-service --log $L/vehicle_log_service_inf.csv <<'EOF'
tests/data/logs/vehicle_log_service_inf.csv:3:54: error: service_s: expected a number of seconds in [0, 1e9], got "inf"
EOF

# model-hugewalk.yaml
expect walk_1e300 predict --model $M/model_walk_1e300.yaml --data $L/ord_merged_excerpt.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/models/model_walk_1e300.yaml:7:21: error: parameters.walk_min.start: expected a number in [0, 1440], got 1e300
tests/data/models/model_walk_1e300.yaml:7:42: error: parameters.walk_min.high: expected a number in [0, 1440], got 1e300
EOF

# model-hugeservice.yaml
expect service_1e300 predict --model $M/model_service_1e300.yaml --data $L/ord_merged_excerpt.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/models/model_service_1e300.yaml:4:27: error: parameters.service_mean_s.start: expected a number in [1, 3600], got 1e300
tests/data/models/model_service_1e300.yaml:4:49: error: parameters.service_mean_s.high: expected a number in [1, 3600], got 1e300
EOF

# model-tinyutil.yaml
expect utilisation_1e-300 predict --model $M/model_utilisation_1e-300.yaml --data $L/ord_merged_excerpt.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/models/model_utilisation_1e-300.yaml:11:28: error: parameters.max_utilisation.start: expected 0 (off) or a number in [0.1, 5], got 1e-300
tests/data/models/model_utilisation_1e-300.yaml:11:41: error: parameters.max_utilisation.low: expected 0 (off) or a number in [0.1, 5], got 1e-300
EOF

# model-bypass.yaml
expect bypass_5 predict --model $M/model_bypass_5.yaml --data $L/ord_merged_excerpt.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/models/model_bypass_5.yaml:9:25: error: parameters.bypass_share.start: expected a number in [0, 1], got 5
tests/data/models/model_bypass_5.yaml:9:33: error: parameters.bypass_share.low: expected a number in [0, 1], got -5
tests/data/models/model_bypass_5.yaml:9:43: error: parameters.bypass_share.high: expected a number in [0, 1], got 5
EOF

# model-hugeextra.yaml
expect extra_servers_1e12 predict --model $M/model_extra_servers_1e12.yaml --data $L/ord_merged_excerpt.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/models/model_extra_servers_1e12.yaml:10:26: error: parameters.extra_servers.start: expected a number in [0, 1000], got 1e12
tests/data/models/model_extra_servers_1e12.yaml:10:46: error: parameters.extra_servers.high: expected a number in [0, 1000], got 1e12
EOF

# model-negdelay.yaml
expect opening_delay_negative predict --model $M/model_opening_delay_negative.yaml --data $L/ord_merged_excerpt.csv --format cbp-awt --out "$work/out" <<'EOF'
tests/data/models/model_opening_delay_negative.yaml:8:30: error: parameters.opening_delay_min.start: expected a number in [0, 60], got -100
tests/data/models/model_opening_delay_negative.yaml:8:41: error: parameters.opening_delay_min.low: expected a number in [0, 60], got -100
EOF

# an hourly log of only malformed rows (negative arrivals, servers, waits; date text; 29 February 2018; negative batches; some bins; 20-digit count) was "0 rows, MAE 0.00", exit 0
expect malformed predict --model $ORD --data $L/hourly_only_malformed.csv --format hourly --out "$work/out" <<'EOF'
tests/data/logs/hourly_only_malformed.csv:2:16: error: arrivals: expected -1 (unknown) or an integer in [0, 50000], got "-5"
tests/data/logs/hourly_only_malformed.csv:3:20: error: servers: expected -1 (unknown) or an integer in [0, 10000], got "-3"
tests/data/logs/hourly_only_malformed.csv:4:24: error: avg_wait_min: expected -1 (unknown) or a wait in minutes in [0, 1440], got "-2"
tests/data/logs/hourly_only_malformed.csv:5:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "yesterday"
tests/data/logs/hourly_only_malformed.csv:6:3: error: date: expected a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of that month) or a simulated day day-N, got "2018-02-29"
tests/data/logs/hourly_only_malformed.csv:7:22: error: batches: expected an integer in [0, 10000], got "-1"
tests/data/logs/hourly_only_malformed.csv:8:33: error: bin_31_45: expected an integer in [0, 50000] like the other bins (all seven or none), got ""
tests/data/logs/hourly_only_malformed.csv:9:17: error: arrivals: expected -1 (unknown) or an integer in [0, 50000], got "99999999999999999999"
tests/data/logs/hourly_only_malformed.csv:1:1: error: no usable row: all 8 data rows are malformed (above)
EOF

# an hour given twice
expect dup predict --model $ORD --data $L/hourly_duplicate_hour.csv --format hourly --out "$work/out" <<'EOF'
tests/data/logs/hourly_duplicate_hour.csv:4: error: site "s", date 2018-03-01, hour 9 is given twice: on line 2 and on line 4 (one row per site and hour)
EOF

# A period whose hours have no observed wait: the fit had nothing to fit to (discrepancy 0)
expect no_waits calibrate --model $M/model_profile_fit.yaml --data $L/hourly_no_waits.csv --format hourly --train 2018-03-01..2018-03-02 --out "$work/out" <<'EOF'
tests/data/logs/hourly_no_waits.csv: 6 rows read, 0 malformed skipped, 0 flagged inconsistent
command line: error: --train: no row of tests/data/logs/hourly_no_waits.csv in 2018-03-01..2018-03-02 has an observed average wait (avg_wait_min) to fit to
EOF
expect no_test_waits calibrate --model $M/model_profile_fit.yaml --data $L/hourly_no_waits.csv --format hourly --train 2018-03-03..2018-03-03 --test 2018-03-01..2018-03-02 --out "$work/out" <<'EOF'
tests/data/logs/hourly_no_waits.csv: 6 rows read, 0 malformed skipped, 0 flagged inconsistent
command line: error: --test: no row of tests/data/logs/hourly_no_waits.csv in 2018-03-01..2018-03-02 has an observed average wait (avg_wait_min) to compare with
EOF

# transfer-lanes: a passenger row without its booths, a port the log lacks; and the SANDAG passenger
# series, one day each, are refused by the one-site commands (they would pool them).
expect predict_sites predict --model calibration/models/truck-lanes.yaml --data $L/sandag_passenger_nb.csv --format sandag-passenger --out "$work/out" <<'EOF'
tests/data/logs/sandag_passenger_nb.csv: 144 rows read, 0 malformed skipped, 0 flagged inconsistent
  tests/data/logs/sandag_passenger_nb.csv:122:41: volume: a volume of 1.133333333 with no booth open; kept as 0 vehicles (a closed lane processes none)
  tests/data/logs/sandag_passenger_nb.csv:125:41: volume: a volume of 0.666666667 with no booth open; kept as 0 vehicles (a closed lane processes none)
tests/data/logs/sandag_passenger_nb.csv:1:1: error: the log holds 6 sites ("San Ysidro passenger General NB", "San Ysidro passenger Ready NB", "San Ysidro passenger SENTRI NB", "Otay Mesa passenger General NB", ...): the booth-checkpoint model simulates one site's queue per day and would pool their hours; give a log of one site (SANDAG's passenger lanes: portsim transfer-lanes)
EOF
sed '2s/215.320747,4,72/215.320747,,72/' $L/sandag_passenger_nb.csv > "$work/no_booths.csv"
expect transfer_no_booths transfer-lanes --data "$work/no_booths.csv" --fit "San Ysidro" --predict "Otay Mesa" --out "$work/out" <<EOF
$work/no_booths.csv:2:54: error: open_lanes: expected an integer in [0, 10000] (booths open; northbound passenger rows carry them), got ""
$work/no_booths.csv:122:41: error: volume: a volume of 1.133333333 with no booth open; kept as 0 vehicles (a closed lane processes none)
$work/no_booths.csv:125:41: error: volume: a volume of 0.666666667 with no booth open; kept as 0 vehicles (a closed lane processes none)
$work/no_booths.csv:1:1: error: SANDAG hour 1 of San Ysidro passenger General NB is missing: --format sandag-passenger reads one typical weekday, hours 1..24 (1 malformed row skipped: above)
EOF
expect transfer_port transfer-lanes --data $L/sandag_passenger_nb.csv --fit "San Ysidro" --predict "Tijuana" --out "$work/out" <<'EOF'
tests/data/logs/sandag_passenger_nb.csv: 144 rows read, 0 malformed skipped, 0 flagged inconsistent
  tests/data/logs/sandag_passenger_nb.csv:122:41: volume: a volume of 1.133333333 with no booth open; kept as 0 vehicles (a closed lane processes none)
  tests/data/logs/sandag_passenger_nb.csv:125:41: volume: a volume of 0.666666667 with no booth open; kept as 0 vehicles (a closed lane processes none)
command line: error: --predict: expected a port of the log ("San Ysidro", "Otay Mesa"), got "Tijuana"
EOF
# ... and a good run writes its three files, the report ending with the pooled verdict.
"$portsim" transfer-lanes --data $L/sandag_passenger_nb.csv --fit "Otay Mesa" --predict "San Ysidro" --reps 2 \
  --out "$work/transfer" > /dev/null 2>&1
test "$(wc -l < "$work/transfer/predictions.csv")" -eq 73   # 3 lane types x 24 hours + header (San Ysidro's lanes never close)
test "$(wc -l < "$work/transfer/metrics.csv")" -eq 19       # 3 lane types x 6 predictors + header
grep -q "^\*\*Pooled over 72 hours of San Ysidro, the booth queue with Otay Mesa's physics " "$work/transfer/report.md"
rm -rf "$work/transfer"

# Good input still reads: portsim's own hourly log (simulated days day-001, ...) drives predict.
"$portsim" run scenarios/baseline.yaml --duration 2h --hourly-log "$work/hours.csv" > /dev/null 2>&1
"$portsim" predict --model calibration/models/truck-lanes.yaml --data "$work/hours.csv" --format hourly \
  --out "$work/p.csv" > /dev/null 2> "$work/p.err"
grep -qx "$work/hours.csv: 2 rows read, 0 malformed skipped, 0 flagged inconsistent" "$work/p.err"
test "$(wc -l < "$work/p.csv")" -eq 3
test "$(cut -d, -f2 "$work/p.csv" | tail -1)" = "day-001"

test "$failed" -eq 0
echo "calibration bad-input checks passed"
