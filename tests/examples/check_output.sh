#!/bin/sh
# Runs an example and compares its whole standard output with the recorded one: any difference,
# or a non-zero exit status, fails the test and is printed (a unified diff, - recorded, + actual).
# Usage: check_output.sh RECORDED.out COMMAND [ARGS...]
# To record again after an intended change, from the repository root:
#   build/dev/example_<name> > tests/examples/<name>.out
set -u
recorded=$1
shift
actual=$(mktemp) || exit 2
trap 'rm -f "$actual"' EXIT
"$@" > "$actual"
status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: '$*' exited with status $status; its output:"
  cat "$actual"
  exit 1
fi
if diff -u --label recorded --label actual "$recorded" "$actual"; then
  echo "output matches $recorded"
  exit 0
fi
echo "FAIL: the output of '$*' differs from $recorded (diff above)"
exit 1
