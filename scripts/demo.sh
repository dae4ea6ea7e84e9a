#!/usr/bin/env bash
# The main job, the seed tutorial's flow on the virtual board:
#   1. build the firmware kit's examples (arm-none-eabi-gcc, memory.x + link.x)
#   2. prove the roulette example valid with `f3kit check`
#   3. start the virtual STM32F3DISCOVERY (`f3kit board`), whose on-board
#      ST-LINK the unmodified OpenOCD drives over TCP
#   4. openocd -f interface/stlink.cfg -f target/stm32f3x.cfg (GDB on :3333)
#   5. gdb-multiarch -ex "target remote :3333" -ex load roulette.elf
#   6. watch the compass LEDs turn for a few seconds
# Ports: F3KIT_STLINK_PORT (7184) and F3KIT_GDB_PORT (3333).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${F3KIT_BUILD:-$top/build/release}
stlink_port=${F3KIT_STLINK_PORT:-7184}
gdb_port=${F3KIT_GDB_PORT:-3333}
seconds=${F3KIT_DEMO_SECONDS:-4}

step() { printf '\n== %s\n' "$*"; }

bash "$top/scripts/setup.sh"

step "1. build f3kit and the firmware kit ($build)"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DF3KIT_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
f3kit=$build/src/f3kit
elf=$build/fw/examples/roulette/roulette.elf

step "2. f3kit check $(basename "$elf")"
"$f3kit" check "$elf"

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_port() { # port seconds
  for _ in $(seq $(( $2 * 10 ))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "demo: nothing listens on 127.0.0.1:$1 after $2 s" >&2
  return 1
}

step "3. f3kit board: the virtual STM32F3DISCOVERY, ST-LINK on 127.0.0.1:$stlink_port"
"$f3kit" board --realtime --lines --flash "$work/flash.bin" --stlink-port "$stlink_port" \
  </dev/null >"$work/board.log" 2>&1 &
pids+=($!)
wait_port "$stlink_port" 10

step "4. openocd -f interface/stlink.cfg -c \"hla_stlink_backend tcp $stlink_port\" -f target/stm32f3x.cfg"
openocd -f interface/stlink.cfg -c "hla_stlink_backend tcp $stlink_port" -f target/stm32f3x.cfg \
  -c "gdb_port $gdb_port" -c "tcl_port disabled" -c "telnet_port disabled" \
  >"$work/openocd.log" 2>&1 &
pids+=($!)
wait_port "$gdb_port" 10
grep -E "STLINK|Cortex-M4|breakpoints" "$work/openocd.log" | sed 's/^/  openocd: /' || true

step "5. gdb-multiarch -q -ex \"target remote :$gdb_port\" -ex load $(basename "$elf")"
gdb-multiarch -q -batch -nx \
  -ex "target remote :$gdb_port" \
  -ex "monitor reset halt" \
  -ex "load" \
  -ex "compare-sections" \
  -ex "monitor reset run" \
  -ex "detach" \
  "$elf" 2>&1 | sed 's/^/  gdb: /'

step "6. the compass LEDs for $seconds s (virtual board, real time)"
start=$(wc -l <"$work/board.log")
sleep "$seconds"
tail -n +"$((start + 1))" "$work/board.log" | grep -E "LD[0-9]+" | sed 's/^/  /'
leds=$(tail -n +"$((start + 1))" "$work/board.log" | grep -cE "LD[0-9]+ .* on$" || true)
if [ "$leds" -lt 8 ]; then
  echo "demo: expected the roulette to light at least 8 LEDs in $seconds s, saw $leds" >&2
  exit 1
fi
echo
echo "demo: built, checked, flashed through OpenOCD + GDB load, and $leds LED steps seen"
