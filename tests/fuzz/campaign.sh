#!/usr/bin/env bash
# The large fuzz campaign (tests/fuzz/README.md): N mutants of every input kind, with portsim-viz
# replays of traces under a private Xvfb display. Needs a build with the portsim_fuzz target.
#
#   tests/fuzz/campaign.sh 3000                       # build/dev, output in /tmp/portsim-fuzz-campaign
#   tests/fuzz/campaign.sh 5000 --build build/asan --out /tmp/fz --seed 7 --jobs 2
#
# The binaries are copied first (to OUT-bin/), so a rebuild during the campaign cannot swap them;
# with PORTSIM_BUILD_LOCK=<file> the copy waits for that lock (a shared build directory).
# Exit code: portsim_fuzz's (0: no FAIL outside tests/fuzz/known_open.txt, 1: FAILs, 3: harness error).
set -euo pipefail
n=${1:?usage: campaign.sh N [--build DIR] [--out DIR] [more portsim_fuzz flags]}
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$src/build/dev
out=/tmp/portsim-fuzz-campaign
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
fuzz=$build/tests/fuzz/portsim_fuzz
test -x "$fuzz" || { echo "campaign.sh: no $fuzz (build the portsim_fuzz target)" >&2; exit 3; }

bin=$out-bin
rm -rf "$bin" && mkdir -p "$bin"
copy() { cp "$build/portsim" "$bin/"; if [ -x "$build/portsim-viz" ]; then cp "$build/portsim-viz" "$bin/"; fi; }
if [ -n "${PORTSIM_BUILD_LOCK:-}" ]; then
  exec 9>"$PORTSIM_BUILD_LOCK" && flock 9 && copy && flock -u 9
else
  copy
fi
if grep -q '^PORTSIM_SANITIZE:STRING=.' "$build/CMakeCache.txt"; then extra+=(--sanitized); fi

viz=()
xvfb_pid=
cleanup() { if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ -x "$bin/portsim-viz" ] && command -v Xvfb > /dev/null; then
  d=90
  while [ -e "/tmp/.X11-unix/X$d" ] || [ -e "/tmp/.X$d-lock" ]; do d=$((d + 1)); done
  Xvfb ":$d" -screen 0 1280x1024x24 -nolisten tcp > "$out-xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$d" ] && break; sleep 0.1; done
  export DISPLAY=":$d"
  viz=(--viz "$bin/portsim-viz")
fi

"$fuzz" --mode large --count "$n" --portsim "$bin/portsim" "${viz[@]}" --source "$src" --out "$out" \
  --known-open "$src/tests/fuzz/known_open.txt" "${extra[@]}"
