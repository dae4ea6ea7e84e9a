#!/usr/bin/env bash
# `f3kit flash` and `f3kit debug` end to end on a virtual board with the
# firmware kit's examples: the seed's flow in one command each.
# usage: cli_board.sh F3KIT BOARD_SERVER FW_EXAMPLES_DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
export TMPDIR=$E2E_TMP   # where f3kit debug writes OpenOCD's log
f3kit=$1 server=$2 examples=$3
hello=$examples/hello/hello.elf roulette=$examples/roulette/roulette.elf
[ -f "$hello" ] && [ -f "$roulette" ] || fail "firmware examples not built in $examples"

"$server" "$E2E_TMP/flash.bin" > "$E2E_TMP/board.log" 2>&1 &
E2E_PIDS+=($!)
wait_for_line "$E2E_TMP/board.log" '^gdb [0-9]+'
SP=$(awk '/^stlink/{print $2}' "$E2E_TMP/board.log")
GP=$(awk '/^gdb/{print $2}' "$E2E_TMP/board.log")
log=$E2E_TMP/out.log

# flash: check, program, verify, reset; the firmware then runs
timeout 120 "$f3kit" flash "$hello" --port "$SP" --no-start > "$log" 2>&1 || fail "flash hello: $(tail -5 $log)"
expect "$log" "verdict: valid" "f3kit flash: verified OK" "f3kit flash: done" \
  "-> virtual board \(ST-LINK on 127.0.0.1:$SP\)"
wait_for_line "$E2E_TMP/board.log" "^Hello, world!"
timeout 120 "$f3kit" flash "$roulette" --port "$SP" --no-start --dap > "$log" 2>&1 || fail "flash roulette (dap): $(tail -5 $log)"
expect "$log" "f3kit flash: verified OK"
wait_for_line "$E2E_TMP/board.log" "^led 0 on"
wait_for_line "$E2E_TMP/board.log" "^led 2 on"

# flash: clear failures with the right exit status
dead=$(free_port)
set +e
timeout 60 "$f3kit" flash "$hello" --port "$dead" --no-start > "$log" 2>&1; st=$?
[ $st = 1 ] || fail "flash to a dead port: status $st"
expect "$log" "no virtual board listens on 127.0.0.1:$dead"
timeout 60 "$f3kit" flash "$hello" --port "$SP" --openocd /nonexistent/openocd > "$log" 2>&1; st=$?
[ $st = 2 ] || fail "flash with a missing OpenOCD: status $st"
expect "$log" "is not an executable OpenOCD"
timeout 60 "$f3kit" flash /bin/true --port "$SP" --no-start > "$log" 2>&1; st=$?
[ $st != 0 ] || fail "flashing a host ELF succeeded"
timeout 60 "$f3kit" flash > "$log" 2>&1; st=$?
[ $st = 2 ] || fail "flash without an ELF: status $st"
# a missing ELF is the command's own error, not f3kit check's
for cmd in flash debug; do
  timeout 60 "$f3kit" $cmd "$E2E_TMP/missing.elf" --port "$SP" --no-start > "$log" 2>&1; st=$?
  [ $st = 2 ] || fail "$cmd of a missing ELF: status $st"
  expect "$log" "^f3kit $cmd: cannot read $E2E_TMP/missing.elf: No such file"
  reject "$log" "f3kit check"
done
STL_PORT=$SP
openocd_bg hla "$E2E_TMP/holder.log" -f target/stm32f3x.cfg -c init   # holds the probe
wait_for_line "$E2E_TMP/holder.log" "processor detected"
timeout 60 "$f3kit" flash "$hello" --port "$SP" --no-start > "$log" 2>&1; st=$?
[ $st = 1 ] || fail "flash while another client holds the probe: status $st"
expect "$log" "is in use by another client: another OpenOCD or .f3kit debug. session is connected"
kill "$BG_PID"; wait "$BG_PID"
set -e

# no board listening: flash starts one in the background; --stop-board stops
# it afterwards, and its flash image keeps the firmware
export XDG_CACHE_HOME=$E2E_TMP/cache
AP=$(free_port)
timeout 120 "$f3kit" flash "$hello" --port "$AP" --stop-board > "$log" 2>&1 \
  || fail "flash with a board started on demand: $(tail -5 $log)"
expect "$log" "started a virtual board in the background" "f3kit flash: verified OK" \
  "stopped the virtual board"
! listening "$AP" || fail "the board started on demand still listens on $AP"
# The board started on demand also serves f3kit's GDB server on 3334 (when
# that port is free), so `f3kit debug --no-openocd` after `f3kit flash`
# works without restarting it.
if ! listening 3334; then
  BP=$(free_port)
  XDG_CACHE_HOME=$E2E_TMP/cache2 timeout 120 "$f3kit" flash "$hello" --port "$BP" > "$log" 2>&1 \
    || fail "flash with a board left running: $(tail -5 $log)"
  expect "$log" "GDB server on 127.0.0.1:3334" "keeps running in the background"
  bg=$(sed -nE 's/.*keeps running in the background \(pid ([0-9]+)\).*/\1/p' "$log")
  E2E_PIDS+=($bg)
  timeout 120 "$f3kit" debug "$hello" --no-openocd --no-start --port "$BP" -- -batch -nx \
    -ex "break main" -ex continue -ex "info registers pc" < /dev/null > "$log" 2>&1 \
    || fail "debug --no-openocd after flash: $(tail -5 $log)"
  expect "$log" "Breakpoint 1, main \(\)" "^pc +0x800"
  kill "$bg"
else
  echo "note: port 3334 in use here: the GDB server of boards started on demand is not tested"
fi

timeout 60 "$f3kit" board --lines --no-stlink --flash "$XDG_CACHE_HOME/f3kit/flash.bin" \
  < /dev/null > "$E2E_TMP/again.log" 2>&1 &
E2E_PIDS+=($!)
wait_for_line "$E2E_TMP/again.log" "Hello, world!"

# debug through f3kit's own GDB server
timeout 120 "$f3kit" debug "$hello" --no-openocd --gdb-port "$GP" --port "$SP" -- -batch -nx \
  -ex "break main" -ex continue -ex "info registers pc" < /dev/null > "$log" 2>&1 \
  || fail "debug --no-openocd: $(tail -5 $log)"
expect "$log" "Loading section" "Breakpoint 1, main \(\)" "^pc +0x800"

# debug through OpenOCD (started and stopped by f3kit), in both OpenOCD modes
for mode in hla dap; do
  OP=$(free_port)
  extra=()
  [ $mode = dap ] && extra=(--dap)
  timeout 120 "$f3kit" debug "$hello" --port "$SP" --gdb-port "$OP" "${extra[@]}" -- -batch -nx \
    -ex compare-sections -ex "break main" -ex continue -ex next -ex "info registers pc" \
    -ex "info registers d0 fpscr" -ex "x/2wx 0x08000000" < /dev/null > "$log" 2>&1 || fail "debug via OpenOCD ($mode): $(tail -5 $log)"
  expect "$log" "OpenOCD serves GDB on port $OP" "Loading section" "Section .text, .*: matched" \
    "Breakpoint 1, main \(\)" \
    "^pc +0x800" "^d0 " "^fpscr " "^0x8000000 <[A-Za-z0-9_]+>:"
  ! listening "$OP" || fail "OpenOCD still listens on $OP after the debug session"
done
echo PASS
