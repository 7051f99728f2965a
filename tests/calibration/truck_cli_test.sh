#!/usr/bin/env bash
# The truck-crossing commands through the real binary: fit-lane-rates on the SANDAG excerpts,
# scale-arrivals + calibrate + predict on a tiny typical-wait profile, and bad input -> exit 2
# with the message naming the file, the field and what is allowed.
set -euo pipefail
portsim="$1"
src="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
L=tests/data/logs

"$portsim" fit-lane-rates --volumes $L/otay_mesa_commercial_nb.csv --lanes $L/poe_rates_excerpt.csv \
  --trips $L/truck_trips_excerpt.csv --reps 3 --out "$work/om" > "$work/om.txt" 2>&1
grep -q "trucks per lane-hour" "$work/om/report.md"
test "$(wc -l < "$work/om/lane_rates.csv")" -eq 25   # header + 24 hours

# Bad input: exit code 2 and the exact message.
set +e
"$portsim" fit-lane-rates --volumes $L/otay_mesa_commercial_nb.csv --lanes $L/poe_rates_excerpt.csv \
  --trips $L/truck_trips_excerpt.csv --lane-prefix OMC_XX --out "$work/bad" > /dev/null 2> "$work/err1.txt"
rc1=$?
"$portsim" scale-arrivals --waits $L/elpaso_excerpt.csv --site "Nowhere" --counts $L/monthly_counts_excerpt.csv \
  --crossing "Ysleta Bridge" --year 2025 --out "$work/x.csv" > /dev/null 2> "$work/err2.txt"
rc2=$?
"$portsim" scale-arrivals --waits $L/elpaso_excerpt.csv --site "El Paso - Paso Del Norte (PDN) Passenger General" \
  --counts $L/monthly_counts_excerpt.csv --crossing "Ysleta Bridge" --year 2019 --out "$work/x.csv" > /dev/null 2> "$work/err3.txt"
rc3=$?
set -e
test "$rc1" -eq 2 && test "$rc2" -eq 2 && test "$rc3" -eq 2
grep -qF "tests/data/logs/poe_rates_excerpt.csv:1: error: OMC_XX_OPEN: no column \"OMC_XX_OPEN\"" "$work/err1.txt"
grep -qF "command line: error: --site: no rows for \"Nowhere\" in tests/data/logs/elpaso_excerpt.csv (sites: El Paso - Paso Del Norte (PDN) Passenger General)" "$work/err2.txt"
grep -qF "tests/data/logs/monthly_counts_excerpt.csv:1: error: Month: no count for January 2019" "$work/err3.txt"
test ! -e "$work/x.csv"   # nothing half-written

# A scaled log of the excerpt: January weekdays with 1 open hour each -> the month's count.
"$portsim" scale-arrivals --waits $L/elpaso_excerpt.csv --site "El Paso - Paso Del Norte (PDN) Passenger General" \
  --counts $L/monthly_counts_excerpt.csv --crossing "Ysleta Bridge" --year 2025 --out "$work/s.csv" > /dev/null 2>&1
# Sundays, Mondays, Tuesdays, Wednesdays of January 2025: 4 + 4 + 4 + 5 = 17 open hours for 55,299 trucks.
awk -F, 'NR > 1 { n[$2] = $4 } END { for (d in n) print d, n[d] }' "$work/s.csv" | sort > "$work/s.txt"
grep -q "^2025-01-05 3253$" "$work/s.txt"   # 55299 / 17 = 3252.9
grep -q "^2025-01-01 3253$" "$work/s.txt"   # the first Wednesday
echo "truck CLI checks passed"
