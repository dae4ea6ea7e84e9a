#!/usr/bin/env bash
# gdb-multiarch against the GDB server of a real virtual board:
# load, breakpoints, stepping, FPU registers, watchpoints, semihosting output.
# usage: gdb_board.sh BOARD_SERVER ELF
set -euo pipefail
. "$(dirname "$0")/lib.sh"
server=$1 elf=$2
"$server" "$E2E_TMP/flash.bin" > "$E2E_TMP/board.log" 2>&1 &
BOARD_PID=$!
E2E_PIDS+=($BOARD_PID)
wait_for_line "$E2E_TMP/board.log" '^gdb [0-9]+'
GDB_PORT=$(awk '/^gdb/{print $2}' "$E2E_TMP/board.log")
log=$E2E_TMP/gdb.log
timeout 60 gdb-multiarch -q -batch -nx -ex "target remote :$GDB_PORT" -ex "monitor reset halt" \
  -ex load -ex compare-sections -ex "break main" -ex continue -ex next -ex next -ex step \
  -ex "info registers pc" -ex "info registers d0 s1 fpscr msp control" -ex "x/2wx 0x08000000" \
  -ex "watch counter" -ex continue -ex continue -ex delete -ex "print fv" \
  -ex "x/2wx 0xFFFFFFF0" -ex "monitor frobnicate" -ex detach "$elf" > "$log" 2>&1 \
  || fail "gdb session failed: $(tail -5 $log)"
expect "$log" "target halted at the reset vector" "Section .text, range .*: matched" \
  "Breakpoint 1, main \(\) at" "^24[[:space:]]+say" "^tiny: hello" "bump \(\) at" \
  "^pc +0x800" "^d0 " "^fpscr " "^msp +0x2000" "Hardware watchpoint 2: counter" \
  "Old value = [0-9-]+" "New value = [0-9-]+" "0x8000000 <vectors>:[[:space:]]+0x2000a000" \
  "Cannot access memory at address 0xfffffff0" "Inferior 1 \(Remote target\) detached"
reject "$log" "MIS-MATCHED|internal-error|Remote connection closed"

# Ctrl-C while the firmware runs: GDB sends 0x03, the core stops, SIGINT.
# (Running from reset, the firmware says hello again: the sign it runs.)
hellos=$(grep -c "^tiny: hello" "$E2E_TMP/board.log" || true)
timeout 60 gdb-multiarch -q -batch -nx -ex "target remote :$GDB_PORT" -ex "monitor reset halt" \
  -ex continue -ex "info registers pc" -ex detach "$elf" < /dev/null > "$log" 2>&1 &
gpid=$!
E2E_PIDS+=($gpid)
for _ in $(seq 1 200); do
  [ "$(grep -c "^tiny: hello" "$E2E_TMP/board.log" || true)" -gt "$hellos" ] && break
  sleep 0.05
done
sleep 0.2   # let GDB settle in its wait for the stop reply
pkill -INT -P "$gpid" -x gdb-multiarch
wait "$gpid" || fail "gdb ended badly after Ctrl-C: $(tail -5 $log)"
expect "$log" "Program received signal SIGINT" "^pc +0x800"

# what `load` wrote (vFlash*) is in the flash image: a new board boots it
kill "$BOARD_PID"; wait "$BOARD_PID" || true
"$server" "$E2E_TMP/flash.bin" > "$E2E_TMP/board2.log" 2>&1 &
E2E_PIDS+=($!)
wait_for_line "$E2E_TMP/board2.log" "^tiny: hello"

# attach to that running firmware (no reset, no load): a watchpoint on the
# counter its loop bumps must halt it (halting debug turned on at attach)
GDB_PORT=$(awk '/^gdb/{print $2}' "$E2E_TMP/board2.log")
timeout 60 gdb-multiarch -q -batch -nx -ex "target remote :$GDB_PORT" -ex "watch counter" \
  -ex continue -ex "info registers pc" -ex detach "$elf" > "$log" 2>&1 \
  || fail "attach to a running board: $(tail -5 $log)"
expect "$log" "Hardware watchpoint 1: counter" "New value = " "^pc +0x800"
echo PASS
