#!/usr/bin/env bash
# Every example firmware passes `f3kit check`: check_examples.sh F3KIT DIR
set -uo pipefail
f3kit=$1 dir=$2
shopt -s nullglob
elfs=("$dir"/*/*.elf)
if [ ${#elfs[@]} -eq 0 ]; then
    echo "FAIL: no example firmware in $dir/*/*.elf (build the 'firmware' target first)" >&2
    exit 1
fi
bad=0
for e in "${elfs[@]}"; do
    if out=$("$f3kit" check --quiet "$e" 2>&1); then
        echo "ok    $e"
    else
        echo "FAIL  $e"
        printf '%s\n' "$out"
        bad=$((bad + 1))
    fi
done
echo "${#elfs[@]} examples checked, $bad failed"
[ "$bad" -eq 0 ]
