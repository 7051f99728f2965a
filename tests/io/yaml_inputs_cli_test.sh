#!/bin/sh
# Issue 14, the YAML layer through portsim: each reproducer ends with exit 2 and its exact message
# (never a crash, a hang or a silent ok), and `portsim show` prints exactly the resolved scenario.
# Usage: yaml_inputs_cli_test.sh PORTSIM SOURCE_DIR
set -u
portsim="$1"
cd "$2" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect_error "expected stderr" ARGS...: exit 2, nothing on stdout, exactly this on stderr, within 20 s.
expect_error() {
  expected="$1"
  shift
  timeout 20 "$portsim" "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ "$status" -ne 2 ] || [ -s "$tmp/out" ] || [ "$(cat "$tmp/err")" != "$expected" ]; then
    failures=$((failures + 1))
    echo "FAILED: portsim $*"
    echo "  exit $status (expected 2), stderr:"
    sed 's/^/    /' "$tmp/err"
    echo "  expected:"
    echo "$expected" | sed 's/^/    /'
  fi
}

d=tests/data
# Crashes and hangs before: a recursive alias (in a file and in a --set value), billion laughs,
# extends of a device that never ends.
expect_error "$d/alias_recursive.yaml:2:18: error: description[0]: the alias *a is used inside the node it names (a recursive alias)" \
  validate $d/alias_recursive.yaml
expect_error "--set: error: description[0]: the alias *a is used inside the node it names (a recursive alias)" \
  validate scenarios/baseline.yaml --set 'description=&a [*a]'
expect_error "$d/alias_billion_laughs.yaml:8:14: error: description.lol5[0]: the alias *l4 stands for 66430 values: the document would hold more than 100000 (the limit)" \
  validate $d/alias_billion_laughs.yaml
expect_error "$d/extends_dev_zero.yaml:2:10: error: extends: \"/dev/zero\" is not a regular file" \
  validate $d/extends_dev_zero.yaml
expect_error "/dev/zero:1:1048577: error: the file is larger than 1048576 bytes (the limit)" validate /dev/zero

# Limits on size and nesting.
{ echo "name: big"; echo "description: |"; i=0; while [ $i -lt 16500 ]; do
  echo "  0123456789012345678901234567890123456789012345678901234567890123"; i=$((i + 1)); done; } >"$tmp/big.yaml"
# The limit is passed at byte 1048576: 25 bytes of header lines, then lines of 67 bytes, so on line 15653, column 2.
expect_error "$tmp/big.yaml:15653:2: error: the file is larger than 1048576 bytes (the limit)" validate "$tmp/big.yaml"
printf 'extends: big.yaml\n' >"$tmp/extends-big.yaml"
expect_error "$tmp/big.yaml:15653:2: error: the file is larger than 1048576 bytes (the limit)" validate "$tmp/extends-big.yaml"
printf 'name: deep\ndescription: %s%s\n' "$(printf '%070d' 0 | tr 0 '[')" "$(printf '%070d' 0 | tr 0 ']')" >"$tmp/deep.yaml"
expect_error "$tmp/deep.yaml:2:77: error: description$(printf '%063d' 0 | sed 's/0/[0]/g'): lists and maps nested more than 64 deep (the limit)" \
  validate "$tmp/deep.yaml"

# Silently accepted or exit 1 before: extends of a directory, an extends cycle, keys that are not
# plain values or are given twice, junk in --set indices, a key under a value that is not a map.
expect_error "$d/extends_directory.yaml:2:10: error: extends: \"$d/.\" is a directory, not a file" \
  validate $d/extends_directory.yaml
expect_error "$d/extends_cycle_b.yaml:3:10: error: extends: extends cycle: $d/extends_cycle_a.yaml -> $d/extends_cycle_b.yaml -> $d/extends_cycle_a.yaml" \
  validate $d/extends_cycle_a.yaml
expect_error "$d/key_not_text.yaml:3:3: error: a key must be a plain value, got a list" validate $d/key_not_text.yaml
expect_error "$d/key_twice.yaml:5:3: error: demand: duplicate key \"trucks_per_day\" (also at line 4)" \
  validate $d/key_twice.yaml
expect_error "--set: error: gates[0x5].lanes[0junk].count: index \"0x5\" in \"gates[0x5]\" is not a whole number (written in digits, such as [0])" \
  validate scenarios/baseline.yaml --set 'gates[0x5].lanes[0junk].count=3'
expect_error "--set: error: gates[0].lanes[0junk].count: index \"0junk\" in \"gates[0].lanes[0junk]\" is not a whole number (written in digits, such as [0])" \
  run $d/base_ok.yaml --set 'gates[0].lanes[0junk].count=3'
expect_error "--set: error: demand.profile[0].x: cannot set \"x\" in demand.profile[0], which is \"0.6\", not a map" \
  validate scenarios/baseline.yaml --set 'demand.profile[0].x=1'
expect_error "--set: error: gates[1] does not exist in the scenario" validate $d/base_ok.yaml --set 'gates[1].id=x'
# A problem with no position in a file is the flag's (an empty value, a map the flag created), or
# at the top of an empty file.
expect_error "--set name=: error: name: expected a text, got nothing" validate $d/base_ok.yaml --set 'name='
expect_error "--set demand.x.y=1: error: demand.x: unknown key \"x\"" validate $d/base_ok.yaml --set 'demand.x.y=1'
printf '# nothing but a comment\n' >"$tmp/empty.yaml"
expect_error "$tmp/empty.yaml:1:1: error: layout: missing: a scenario needs a layout with nodes and roads
$tmp/empty.yaml:1:1: error: gates: missing: a scenario needs at least one gate" validate "$tmp/empty.yaml"

# No silent guesses: an added id one or two letters off the base's, unless it says new: true.
expect_error "$d/extends_near_id.yaml:6:12: error: layout.nodes[0].id: the base's list has no item \"yrd\" (did you mean \"yard\"?); add new: true to an item that is new
$d/extends_near_id.yaml:10:14: error: gates[0].lanes[0].id: the base's list has no item \"l1\" (did you mean \"l\"?); add new: true to an item that is new" \
  validate $d/extends_near_id.yaml
out=$("$portsim" validate $d/extends_new_item.yaml 2>&1)
case "$out" in
  *": ok: scenario \"small\", 1 gate(s), 5 lane(s),"*) ;;
  *) failures=$((failures + 1)); echo "FAILED: validate $d/extends_new_item.yaml: $out" ;;
esac

# portsim show: the resolved scenario, each value with its file and line, --set or default.
"$portsim" show $d/show_reform.yaml --set demand.trucks_per_day=300 >"$tmp/show.txt" 2>&1
status=$?
if [ "$status" -ne 0 ] || ! diff -u $d/show_reform.expected "$tmp/show.txt"; then
  failures=$((failures + 1))
  echo "FAILED: show $d/show_reform.yaml (exit $status)"
fi
expect_error "$d/alias_recursive.yaml:2:18: error: description[0]: the alias *a is used inside the node it names (a recursive alias)" \
  show $d/alias_recursive.yaml

if [ "$failures" -ne 0 ]; then
  echo "$failures YAML inputs CLI check(s) failed"
  exit 1
fi
echo "YAML inputs CLI checks passed"
