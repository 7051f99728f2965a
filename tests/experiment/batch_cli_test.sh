#!/usr/bin/env bash
# Batch runs through the real command: --jobs 1 and --jobs 2, shards merged, an interrupted and
# resumed batch, a batch killed with SIGKILL and rerun, a run store with damaged files, and (when
# built with MPI) mpirun -np 2 must all give byte-identical result tables.
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
# Leftover temporary files: a shard (or MPI rank) removes its own runs' leftovers only, since
# another's may be a run in progress in the same folder (run 0 is shard 0's of 2, run 1 shard 1's).
mkdir -p "$work/tmpcheck/runs"
echo partial > "$work/tmpcheck/runs/p000000-r0000.json.tmp"
echo partial > "$work/tmpcheck/runs/p000000-r0001.json.tmp"
"$portsim" batch "$batch" --shard 0/2 --out "$work/tmpcheck" > /dev/null 2>&1
test ! -e "$work/tmpcheck/runs/p000000-r0000.json.tmp"
test -e "$work/tmpcheck/runs/p000000-r0000.json"
test -e "$work/tmpcheck/runs/p000000-r0001.json.tmp"
test ! -e "$work/tmpcheck/runs/p000000-r0001.json"
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

# Damaged run files (truncated, garbage, an edited KPI, a copy of another replication's file) are
# each reported on stderr with the reason, run again and never
# merged: the same table. A damaged file in a shard's folder is not merged either.
cp -r "$work/j1" "$work/damaged"
runs="$work/damaged/runs"
head -c 100 "$runs/p000000-r0000.json" > "$work/part" && mv "$work/part" "$runs/p000000-r0000.json"
printf 'garbage ][\n' > "$runs/p000001-r0001.json"
sed -i 's/"turn_time_p50","\([0-9]\)/"turn_time_p50","9\1/' "$runs/p000000-r0001.json"
cp "$runs/p000002-r0000.json" "$runs/p000002-r0001.json"
"$portsim" batch "$batch" --jobs 2 --out "$work/damaged" > "$work/d.out" 2> "$work/d.err" || { cat "$work/d.err"; exit 1; }
grep '^warning:' "$work/d.err" | grep -v '^warning: point ' > "$work/d.warnings" || true
# The batch's base scenario is cut at the end of its window: each of its 4 points is flagged once,
# on stderr and in manifest.json, with the work its runs left unfinished.
test "$(grep -c '^warning: point [0-3]: 3 of 3 replication(s) ended with work in progress (on average [0-9.]* trucks still inside' "$work/d.err")" -eq 4
test "$(grep -c '"warning: point [0-3]: 3 of 3 replication(s) ended with work in progress' "$work/damaged/manifest.json")" -eq 4
cat > "$work/d.expected" <<EOF
warning: $runs/p000000-r0000.json: it is not a JSON object (truncated or garbage); running it again
warning: $runs/p000000-r0001.json: its checksum does not match its content (edited or damaged); running it again
warning: $runs/p000001-r0001.json: it is not a JSON object (truncated or garbage); running it again
warning: $runs/p000002-r0001.json: it holds design point 2, replication 0 (a copy of another run's file); running it again
EOF
diff "$work/d.expected" "$work/d.warnings"
grep -q "4 run(s) done now, 8 found finished" "$work/d.out" || { cat "$work/d.out"; exit 1; }
cmp "$work/j1/results.csv" "$work/damaged/results.csv"
cmp "$work/j1/points.csv" "$work/damaged/points.csv"
printf '{}' > "$work/s1/runs/$(ls "$work/s1/runs" | head -n 1)"
if "$portsim" batch "$batch" --merge "$work/s0" "$work/s1" "$work/s2" --out "$work/merged2" > "$work/m2.log" 2>&1; then
  echo "merge with a damaged run file should fail"; exit 1
fi
grep -q "^warning: $work/s1/runs/p[0-9]*-r[0-9]*.json: it has no checksum (written by an older PortSim or by hand); not merged$" "$work/m2.log"
grep -q "1 run(s) missing" "$work/m2.log"

if [ "$mpi" = "ON" ]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
  mpirun -np 2 "$portsim" batch "$batch" --out "$work/mpi" > "$work/mpi.log" 2>&1 || { cat "$work/mpi.log"; exit 1; }
  cmp "$work/j1/results.csv" "$work/mpi/results.csv"
fi
echo "batch CLI checks passed"
