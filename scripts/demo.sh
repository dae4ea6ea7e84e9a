#!/usr/bin/env bash
# The main job: build the firmware examples and prove each one valid with
# `f3kit check` before it would be flashed.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${F3KIT_BUILD:-$top/build/release}

bash "$top/scripts/setup.sh"
echo "demo: building f3kit and the firmware kit in $build"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DF3KIT_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"

f3kit=$build/src/f3kit
status=0
for elf in "$build"/fw/examples/*/*.elf; do
  echo
  echo "== f3kit check $(basename "$elf")"
  "$f3kit" check "$elf" || status=1
done
exit $status
