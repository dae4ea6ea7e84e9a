#!/usr/bin/env bash
# The real OpenOCD against the virtual ST-LINK with the fake target (no
# emulated core, so `program` uses OpenOCD's no-work-area path):
# usage: openocd_fake.sh FAKE_SERVER ELF hla|dap
set -euo pipefail
. "$(dirname "$0")/lib.sh"
server=$1 elf=$2 mode=$3
start_fake_server "$server"
oo() { if [ "$mode" = hla ]; then openocd_hla "$@"; else openocd_dap "$@"; fi; }
log=$E2E_TMP/openocd.log

# init, reset halt, memory and register access, flash probe/info
oo -f target/stm32f3x.cfg -c init -c "reset halt" -c "mdw 0xE0042000" -c "flash probe 0" \
   -c "flash info 0" -c "reg pc" -c "mww 0x20000000 0xcafef00d" -c "mdw 0x20000000" \
   -c "mdb 0x20000000 2" -c shutdown > "$log" 2>&1 || fail "openocd basic session failed: $(tail -5 $log)"
expect "$log" "STLINK V2J40M27 \(API v2\) VID:PID 0483:374B" "Cortex-M4 r0p1 processor detected" \
  "target has 6 breakpoints, 4 watchpoints" "0xe0042000: 10036422" "flash size = 256 KiB" \
  "STM32F302xB/C - Rev: Y" "0x20000000: cafef00d" "0x20000000: 0d f0"
[ "$mode" = dap ] || expect "$log" "halted due to debug-request"

# program + verify + reset with the register-poking fallback (no CPU needed)
oo -c "set WORKAREASIZE 0" -f target/stm32f3x.cfg -c "program $elf verify reset exit" \
  > "$log" 2>&1 || fail "program failed: $(tail -5 $log)"
expect "$log" "Programming Finished" "Verified OK" "Resetting Target"

# the image is still there for a second client: verify_image reads it back
oo -c "set WORKAREASIZE 0" -f target/stm32f3x.cfg -c init -c "reset halt" \
  -c "verify_image $elf" -c "reg pc" -c shutdown > "$log" 2>&1 || fail "verify_image failed"
expect "$log" "verified [0-9]+ bytes"

# bus faults are reported as errors, and the probe keeps working afterwards
if oo -f target/stm32f3x.cfg -c init -c "mdw 0x60000000 2" -c shutdown > "$log" 2>&1; then
  fail "a read of unmapped memory succeeded"
fi
oo -f target/stm32f3x.cfg -c init -c "mdw 0xE000ED00" -c shutdown > "$log" 2>&1 || fail "probe dead after a fault"
expect "$log" "0xe000ed00: 410fc241"

# mass erase through the flash controller
oo -c "set WORKAREASIZE 0" -f target/stm32f3x.cfg -c init -c "reset halt" -c "stm32f1x mass_erase 0" \
  -c "mdw 0x08000000" -c shutdown > "$log" 2>&1 || fail "mass erase failed"
expect "$log" "0x08000000: ffffffff"
# two clients: while one OpenOCD holds the probe, a second is told it is in
# use; once the first is gone the probe is free again
openocd_bg "$mode" "$E2E_TMP/first.log" -f target/stm32f3x.cfg -c init
first=$BG_PID
wait_for_line "$E2E_TMP/first.log" "processor detected"
if oo -f target/stm32f3x.cfg -c init -c shutdown > "$log" 2>&1; then
  fail "a second OpenOCD opened the probe in use"
fi
expect "$log" "the selected device is already used"
kill "$first"; wait "$first" || true
oo -f target/stm32f3x.cfg -c init -c shutdown > "$log" 2>&1 || fail "probe not freed after the first client left"
echo "PASS ($mode)"
