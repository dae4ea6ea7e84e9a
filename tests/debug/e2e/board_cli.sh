#!/usr/bin/env bash
# `f3kit board` serving the seed's flow: the unmodified OpenOCD with the
# shipped interface file (openocd/f3kit-stlink.cfg) programs a firmware
# example; its semihosting output appears; the flash image survives a board
# restart; GDB debugs it through `f3kit board --gdb`.
# usage: board_cli.sh F3KIT SOURCE_DIR FW_EXAMPLES_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
f3kit=$1 src=$2 examples=$3
hello=$examples/hello/hello.elf
[ -f "$hello" ] || fail "firmware example not built: $hello"
STL_PORT=$(free_port) GDB_PORT=$(free_port)
flash=$E2E_TMP/flash.bin

start_board() {   # LOG
  timeout 300 "$f3kit" board --lines --flash "$flash" --stlink-port "$STL_PORT" --gdb "$GDB_PORT" \
    < /dev/null > "$1" 2>&1 &
  BOARD_PID=$!
  E2E_PIDS+=($BOARD_PID)
  wait_for_line "$1" "virtual ST-LINK on 127.0.0.1:$STL_PORT"
}
start_board "$E2E_TMP/board1.log"
log=$E2E_TMP/openocd.log
timeout 120 openocd -s "$src/openocd" -c "set F3KIT_STLINK_PORT $STL_PORT" -f f3kit-stlink.cfg \
  -f target/stm32f3x.cfg -c "gdb_port disabled; telnet_port disabled; tcl_port disabled" \
  -c "program $hello verify reset exit" > "$log" 2>&1 || fail "program via f3kit-stlink.cfg: $(tail -5 $log)"
expect "$log" "Verified OK"
wait_for_line "$E2E_TMP/board1.log" "Hello, world!"

# restart the board on the same flash image: the firmware is still there
kill "$BOARD_PID"; wait "$BOARD_PID" || true
start_board "$E2E_TMP/board2.log"
wait_for_line "$E2E_TMP/board2.log" "Hello, world!"

# GDB straight to the board's own server: the semihosting text reaches GDB
timeout 60 gdb-multiarch -q -batch -nx -ex "target remote :$GDB_PORT" -ex "monitor reset halt" \
  -ex "break main" -ex continue -ex next -ex "info registers pc sp" -ex detach "$hello" \
  > "$log" 2>&1 || fail "gdb: $(tail -5 $log)"
expect "$log" "Breakpoint 1, main \(\)" "^Hello, world!" "^pc +0x800"
echo PASS
