#!/bin/sh
# `portsim schema` prints exactly the reference between the schema markers of scenarios/README.md.
# Usage: schema_cli_test.sh PORTSIM SOURCE_DIR
set -e
portsim="$1"
readme="$2/scenarios/README.md"
expected=$(mktemp)
trap 'rm -f "$expected"' EXIT
sed -n '/^<!-- schema:begin/,/^<!-- schema:end -->/p' "$readme" | sed '1d;$d' > "$expected"
test -s "$expected" || { echo "no schema markers in $readme"; exit 1; }
"$portsim" schema | diff -u "$expected" -
echo "schema CLI check passed"
