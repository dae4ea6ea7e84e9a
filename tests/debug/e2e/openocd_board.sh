#!/usr/bin/env bash
# The real OpenOCD against the virtual ST-LINK of a real virtual board
# (emulated core: OpenOCD's flash loader and CRC routine run on it).
# usage: openocd_board.sh BOARD_SERVER ELF hla|dap
set -euo pipefail
. "$(dirname "$0")/lib.sh"
server=$1 elf=$2 mode=$3
flash=$E2E_TMP/flash.bin
oo() { if [ "$mode" = hla ]; then openocd_hla "$@"; else openocd_dap "$@"; fi; }

start_board() {   # start_board LOGFILE: the board server on $flash
  "$server" "$flash" > "$1" 2>&1 &
  BOARD_PID=$!
  E2E_PIDS+=($BOARD_PID)
  wait_for_line "$1" '^gdb [0-9]+'
  STL_PORT=$(awk '/^stlink/{print $2}' "$1")
}
stop_board() { kill "$BOARD_PID"; wait "$BOARD_PID" || true; }

start_board "$E2E_TMP/board1.log"
log=$E2E_TMP/openocd.log

# program + verify + reset run: the firmware then runs and says hello
oo -f target/stm32f3x.cfg -c "program $elf verify reset exit" > "$log" 2>&1 \
  || fail "program failed: $(tail -5 $log)"
expect "$log" "Programming Finished" "Verified OK" "Resetting Target"
# (a blank chip locks up at power-on; dapdirect reports clearing that)
grep -v "clearing lockup after double fault" "$log" > "$log.filtered" || true
reject "$log.filtered" "falling back|timeout waiting for algorithm|Error"
wait_for_line "$E2E_TMP/board1.log" "^tiny: hello"

# run control, registers, breakpoints and watchpoints through FPB/DWT
main=$(arm-none-eabi-nm "$elf" | awk '$3=="main"{print $1}')
counter=$(arm-none-eabi-nm "$elf" | awk '$3=="counter"{print $1}')
oo -f target/stm32f3x.cfg -c init -c "reset halt" -c "reg pc" -c "step" -c "reg pc" \
   -c "bp 0x$main 2 hw" -c "resume" -c "wait_halt 2000" -c "reg pc" -c "rbp 0x$main" \
   -c "wp 0x$counter 4 w" -c "resume" -c "wait_halt 2000" -c "rwp 0x$counter" \
   -c "resume" -c "halt" -c "reg s0" -c "mdw 0x$counter" -c "reset run" -c shutdown \
   > "$log" 2>&1 || fail "run-control session failed: $(grep -E 'Error' $log | head -5)"
expect "$log" "pc \(/32\): 0x0*${main#0}" "halted due to (breakpoint|watchpoint)"
reject "$log" "Error"

# erase, read back, verify; mass erase empties the array
oo -f target/stm32f3x.cfg -c init -c "reset halt" -c "flash read_bank 0 $E2E_TMP/bank.bin 0 0x1000" \
   -c "verify_image $elf" -c "flash erase_sector 0 1 1" -c "mdw 0x08000800" \
   -c "stm32f1x mass_erase 0" -c "mdw 0x08000000" -c shutdown > "$log" 2>&1 \
   || fail "flash session failed: $(grep -E 'Error' $log | head -5)"
expect "$log" "verified [0-9]+ bytes" "0x08000800: ffffffff" "0x08000000: ffffffff"
cmp -n 16 "$E2E_TMP/bank.bin" <(arm-none-eabi-objcopy -O binary "$elf" /dev/stdout) \
  || fail "flash read_bank differs from the image"

# a client killed in the middle of programming leaves the probe usable
openocd_bg "$mode" "$E2E_TMP/killed.log" -f target/stm32f3x.cfg -c "program $elf verify reset exit"
wait_for_line "$E2E_TMP/killed.log" "Programming Started|Verified OK"
pkill -9 -P "$BG_PID" 2>/dev/null || true   # OpenOCD itself (child of timeout)
kill -9 "$BG_PID" 2>/dev/null || true
wait "$BG_PID" 2>/dev/null || true

# program again, restart the board on the same flash file: the firmware survives
oo -f target/stm32f3x.cfg -c "program $elf verify reset exit" > "$log" 2>&1 || fail "re-program failed"
stop_board
start_board "$E2E_TMP/board2.log"
wait_for_line "$E2E_TMP/board2.log" "^tiny: hello"

# a fresh board already running firmware: reset halt stops at the reset
# vector (vector catch needs halting debug on, though DHCSR reads it as on)
reset=$(arm-none-eabi-nm "$elf" | awk '$3=="Reset_Handler"{print $1}')
oo -f target/stm32f3x.cfg -c init -c "reset halt" -c "reg pc" -c shutdown > "$log" 2>&1 \
  || fail "reset halt on a running board: $(grep -E 'Error' $log | head -3)"
expect "$log" "pc \(/32\): 0x0*${reset#0}"
echo "PASS ($mode)"
