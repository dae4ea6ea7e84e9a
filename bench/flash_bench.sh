#!/usr/bin/env bash
# Flash throughput of the virtual board: OpenOCD's `program` through the
# virtual ST-LINK (HLA and dapdirect; OpenOCD's loader runs on the emulated
# core) and GDB's `load` through f3kit's own GDB server, for a 200 KiB image.
# Prints figures; never fails on speed.
# usage: flash_bench.sh F3KIT
set -euo pipefail
f3kit=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/f3kit-flash-bench.XXXXXX")
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

# The image: code + 200 KiB of random constants placed in flash.
head -c $((200 * 1024 - 64)) /dev/urandom > "$tmp/blob.bin"
(cd "$tmp" && arm-none-eabi-objcopy -I binary -O elf32-littlearm -B arm \
  --rename-section .data=.blob,alloc,load,readonly,data,contents \
  --redefine-sym _binary_blob_bin_start=blob blob.bin blob.o)
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -O1 -nostdlib \
  -T "$here/flash_image.ld" "$here/flash_image.c" "$tmp/blob.o" -o "$tmp/image.elf"
bytes=$(arm-none-eabi-size -A "$tmp/image.elf" | awk '$1==".text"||$1==".blob"{s+=$2} END{print s}')

free_port() {   # a loopback port nothing listens on
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "flash_bench: no free port" >&2; exit 1
}
stl=$(free_port) gdbp=$(free_port)
"$f3kit" board --lines --flash "$tmp/flash.bin" --stlink-port "$stl" --gdb "$gdbp" \
  < /dev/null > "$tmp/board.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do grep -q "127.0.0.1:$gdbp" "$tmp/board.log" && break; sleep 0.05; done

now() { date +%s.%N; }
rate() { awk -v b="$1" -v t="$2" 'BEGIN{ printf "%8.0f KiB/s  (%6.3f s)", b/1024/t, t }'; }

echo "flash benchmark: $bytes bytes of code + data (200 KiB image)"
# OpenOCD at -d3 stamps every log line with milliseconds since start: echo
# markers around each phase give its duration without OpenOCD's start-up.
ms_of() { awk -v m="$2" '$0 ~ "handle_echo\\(\\): " m {print $4; exit}' "$1"; }
for mode in hla dap; do
  if [ $mode = hla ]; then iface=(-f interface/stlink.cfg -c "hla_stlink_backend tcp $stl")
  else iface=(-f interface/stlink-dap.cfg -c "st-link backend tcp $stl"); fi
  t0=$(now)
  timeout 300 openocd -d3 -c "gdb_port disabled; telnet_port disabled; tcl_port disabled" "${iface[@]}" \
    -f target/stm32f3x.cfg -c init -c "reset init" -c "echo MARK0" \
    -c "flash write_image erase $tmp/image.elf" -c "echo MARK1" -c "verify_image $tmp/image.elf" \
    -c "echo MARK2" -c "reset run" -c shutdown > "$tmp/oo.log" 2>&1 \
    || { echo "openocd ($mode) failed:"; grep Error "$tmp/oo.log" | head -5; continue; }
  t1=$(now)
  m0=$(ms_of "$tmp/oo.log" MARK0) m1=$(ms_of "$tmp/oo.log" MARK1) m2=$(ms_of "$tmp/oo.log" MARK2)
  tw=$(awk -v a="$m0" -v b="$m1" 'BEGIN{print (b-a)/1000}')
  tv=$(awk -v a="$m1" -v b="$m2" 'BEGIN{print (b-a)/1000}')
  tt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  printf "  OpenOCD %-3s erase+write (loader on the core): %s\n" "$mode" "$(rate "$bytes" "$tw")"
  printf "  OpenOCD %-3s verify (CRC routine on the core): %s\n" "$mode" "$(rate "$bytes" "$tv")"
  printf "  OpenOCD %-3s whole run incl. start-up:         %s\n" "$mode" "$(rate "$bytes" "$tt")"
done
t0=$(now)
timeout 300 gdb-multiarch -q -batch -nx -ex "target remote :$gdbp" -ex load -ex detach "$tmp/image.elf" \
  > "$tmp/gdb.log" 2>&1 || { echo "gdb load failed:"; tail -5 "$tmp/gdb.log"; }
t1=$(now)
tt=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
echo "  GDB load through f3kit's GDB server:            $(grep -o 'Transfer rate: .*' "$tmp/gdb.log" || echo '?')"
printf "  GDB whole run incl. start-up:                   %s\n" "$(rate "$bytes" "$tt")"
# the image now runs (reset run): how fast does the probe answer meanwhile?
if command -v python3 >/dev/null; then
  python3 "$here/flash_latency.py" "$stl" 2000 || echo "  (latency measurement failed)"
fi
echo "  for scale: a real STM32F3DISCOVERY through its ST-LINK/V2-1 programs a few tens of KiB/s"
echo "  targets: >= 1024 KiB/s through OpenOCD, >= 4096 KiB/s (4194 KB/s) through the GDB server"
