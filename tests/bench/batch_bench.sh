#!/usr/bin/env bash
# Throughput of a 200-run sweep of the one-day baseline with --jobs 1, --jobs 2 and mpirun -np 2,
# and the batch machinery's overhead per run (batch time vs the same runs done by `portsim run`).
set -euo pipefail
portsim="${1:-build/release/portsim}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
calc() { awk "BEGIN { print $* }"; }
t() { local s=$(date +%s.%N); "$@" > /dev/null 2>&1; calc "$(date +%s.%N) - $s"; }
j1=$(t "$portsim" batch tests/bench/sweep200.yaml --jobs 1 --out "$work/j1")
j2=$(t "$portsim" batch tests/bench/sweep200.yaml --jobs 2 --out "$work/j2")
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mp=$(t mpirun -np 2 --oversubscribe "$portsim" batch tests/bench/sweep200.yaml --jobs 1 --out "$work/mpi")
cmp "$work/j1/results.csv" "$work/j2/results.csv"
cmp "$work/j1/results.csv" "$work/mpi/results.csv"
# The same 200 runs without the batch machinery: 10 x `portsim run --reps 20 --jobs 1`.
s=$(date +%s.%N)
for n in 14 15 16 17 18 19 20 21 22 23; do
  "$portsim" run scenarios/baseline.yaml --reps 20 --jobs 1 --set "gates[0].lanes[0].count=$n" > /dev/null
done
bare=$(calc "$(date +%s.%N) - $s")
echo "200 runs: jobs 1 ${j1}s ($(calc "200 / $j1") runs/s), jobs 2 ${j2}s ($(calc "200 / $j2") runs/s, speed-up $(calc "$j1 / $j2")), mpirun -np 2 ${mp}s"
echo "batch overhead per run vs plain runs: $(calc "($j1 - $bare) / 200 * 1000") ms (plain: $(calc "$bare / 200 * 1000") ms per run)"
