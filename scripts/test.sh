#!/usr/bin/env bash
# Runs every f3kit test: unit, CPU (against Unicorn), checker, firmware,
# board, and end-to-end with the real OpenOCD and gdb-multiarch.
# The test build uses AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${F3KIT_TEST_BUILD:-$top/build/test}

bash "$top/scripts/setup.sh"
echo "test: configuring $build (sanitizers on)"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DF3KIT_SANITIZE=ON >/dev/null
echo "test: building"
cmake --build "$build" -j"$(nproc)"
echo "test: running"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
