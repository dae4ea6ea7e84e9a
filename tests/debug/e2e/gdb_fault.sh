#!/usr/bin/env bash
# A faulting firmware under f3kit's GDB server: the HardFault stops the core
# at the handler (SIGSEGV, backtrace into main), and the semihosting exit
# that follows ends the inferior with the firmware's exit code.
# usage: gdb_fault.sh BOARD_SERVER FAULT_ELF
set -euo pipefail
. "$(dirname "$0")/lib.sh"
server=$1 elf=$2
[ -f "$elf" ] || fail "firmware example not built: $elf"
"$server" "$E2E_TMP/flash.bin" > "$E2E_TMP/board.log" 2>&1 &
E2E_PIDS+=($!)
wait_for_line "$E2E_TMP/board.log" '^gdb [0-9]+'
GDB_PORT=$(awk '/^gdb/{print $2}' "$E2E_TMP/board.log")
log=$E2E_TMP/gdb.log
timeout 60 gdb-multiarch -q -batch -nx -ex "target remote :$GDB_PORT" -ex load -ex continue \
  -ex bt -ex continue "$elf" > "$log" 2>&1 || fail "gdb session failed: $(tail -5 $log)"
expect "$log" "^fault: about to fault on purpose" "Program received signal SIGSEGV" \
  "HardFault_Handler \(\)" "in main \(\) at .*main.c" "exited with code 0203"
echo PASS
