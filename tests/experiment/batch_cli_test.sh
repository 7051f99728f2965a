#!/usr/bin/env bash
# Batch runs through the real command: --jobs 1 and --jobs 2, shards merged, an interrupted and
# resumed batch, a batch killed with SIGKILL and rerun, and (when built with MPI) mpirun -np 2 must
# all give byte-identical result tables.
set -euo pipefail
portsim="$1"
src="$2"
mpi="${3:-OFF}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
batch=tests/data/batch_ok.yaml

"$portsim" batch "$batch" --jobs 1 --out "$work/j1" > /dev/null 2>&1
"$portsim" batch "$batch" --jobs 2 --out "$work/j2" > /dev/null 2>&1
cmp "$work/j1/results.csv" "$work/j2/results.csv"
cmp "$work/j1/points.csv" "$work/j2/points.csv"
test "$(wc -l < "$work/j1/results.csv")" -eq 13   # header + 4 points x 3 replications

# Shards in separate folders, merged.
"$portsim" batch "$batch" --shard 0/3 --out "$work/s0" > /dev/null 2>&1
"$portsim" batch "$batch" --shard 1/3 --out "$work/s1" > /dev/null 2>&1
"$portsim" batch "$batch" --shard 2/3 --out "$work/s2" > /dev/null 2>&1
test ! -e "$work/s0/results.csv"   # a lone shard writes no table
"$portsim" batch "$batch" --merge "$work/s0" "$work/s1" "$work/s2" --out "$work/merged" > /dev/null 2>&1
cmp "$work/j1/results.csv" "$work/merged/results.csv"
cmp "$work/j1/points.csv" "$work/merged/points.csv"
# Merging with a shard missing names the missing runs and fails with exit code 1.
if "$portsim" batch "$batch" --merge "$work/s0" "$work/s1" --out "$work/partial" > "$work/partial.log" 2>&1; then
  echo "merge with a missing shard should fail"; exit 1
fi
grep -q "run(s) missing" "$work/partial.log"

# Interrupted after 5 runs, then resumed by the same command.
"$portsim" batch "$batch" --jobs 2 --out "$work/resume" --max-runs 5 > "$work/r1.log" 2>&1
grep -q "interrupted" "$work/r1.log"
test "$(ls "$work/resume/runs" | wc -l)" -eq 5
"$portsim" batch "$batch" --jobs 2 --out "$work/resume" > "$work/r2.log" 2>&1
grep -q "7 run(s) done now, 5 found finished" "$work/r2.log"
cmp "$work/j1/results.csv" "$work/resume/results.csv"

# Killed with SIGKILL at an arbitrary moment, then rerun: same table, no duplicate or corrupt row.
"$portsim" batch tests/data/batch_ok.yaml --jobs 2 --out "$work/killed" > /dev/null 2>&1 &
pid=$!
sleep 0.05
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
"$portsim" batch "$batch" --jobs 2 --out "$work/killed" > /dev/null 2>&1
cmp "$work/j1/results.csv" "$work/killed/results.csv"

if [ "$mpi" = "ON" ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  mpirun -np 2 "$portsim" batch "$batch" --out "$work/mpi" > "$work/mpi.log" 2>&1 || { cat "$work/mpi.log"; exit 1; }
  cmp "$work/j1/results.csv" "$work/mpi/results.csv"
fi
echo "batch CLI checks passed"
