#!/usr/bin/env bash
# gdb-multiarch against f3kit's GDB server with the fake target:
# usage: gdb_fake.sh FAKE_SERVER ELF
set -euo pipefail
. "$(dirname "$0")/lib.sh"
server=$1 elf=$2
start_fake_server "$server"
log=$E2E_TMP/gdb.log
timeout 60 gdb-multiarch -q -batch -nx -ex "target remote :$GDB_PORT" -ex "monitor reset halt" \
  -ex load -ex compare-sections -ex "break main" -ex continue -ex stepi \
  -ex "info registers pc" -ex "info registers d0 s1 fpscr msp control" -ex "x/2wx 0x08000000" \
  -ex "x/2wx 0xFFFFFFF0" -ex "watch counter" -ex "monitor frobnicate" -ex detach "$elf" \
  > "$log" 2>&1 || fail "gdb session failed: $(tail -5 $log)"
expect "$log" "target halted at the reset vector" "Start address 0x0*8000[0-9a-f]+, load size" \
  "Section .text, range .*: matched" "Breakpoint 1, main \(\) at" "^pc +0x800" \
  "^d0 " "^fpscr " "^control " "0x8000000 <vectors>:[[:space:]]+0x2000a000" \
  "Cannot access memory at address 0xfffffff0" "Hardware watchpoint 2: counter" \
  "Target does not support this command" "Inferior 1 \(Remote target\) detached"
reject "$log" "MIS-MATCHED|internal-error|Remote connection closed"
echo PASS
