#!/usr/bin/env bash
# kill -9 of `f3kit board` while `f3kit flash` (the real OpenOCD) programs it:
# the flash image file must always be a whole image at a consistent point,
# the old content (A), the old content with the new image's pages erased
# (OpenOCD erased, then was cut off: what a real chip would hold), or the new
# content (B), never a byte-level mix, and the board must start from it again.
#   flash_kill9.sh F3KIT OLD_ELF NEW_ELF WORKDIR
set -euo pipefail
f3kit=$1 old_elf=$2 new_elf=$3 work=$4
command -v openocd >/dev/null || { echo "openocd not installed"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
# Only the processes of the current attempt, which are not yet waited for
# (a reaped pid may already belong to someone else).
board='' flash=''
cleanup() {
    [ -z "$board" ] || kill -9 "$board" 2>/dev/null || true
    [ -z "$flash" ] || kill -9 "$flash" 2>/dev/null || true
}
trap cleanup EXIT

image() { # elf out: the flash image f3kit itself makes from the ELF
    local st=0
    "$f3kit" run "$1" --flash "$2" --insns 1000 --time 0.0123 >/dev/null 2>&1 || st=$?
    { [ "$st" = 125 ] || [ "$st" = 124 ] || [ "$st" = 5 ]; } && [ -s "$2" ] || { echo "FAIL: could not make $2 (exit $st)"; exit 1; }
}
image "$old_elf" "$work/A.bin"
image "$new_elf" "$work/B.bin"
# E: A with the 2 KiB pages that B occupies erased.
python3 - "$work/A.bin" "$work/B.bin" "$work/E.bin" <<'PY'
import sys
a = bytearray(open(sys.argv[1], 'rb').read())
b = open(sys.argv[2], 'rb').read()
end = len(b.rstrip(b'\xff'))
pages = (end + 2047) // 2048
a[:pages * 2048] = b'\xff' * (pages * 2048)
open(sys.argv[3], 'wb').write(a)
PY

# start_board LOG: a board on the first free port from $base (other tests
# may hold some), serving the image $img; sets $board and $port.
start_board() {
    local _ try
    for try in 0 1 2 3 4 5 6 7; do
        port=$((base + try))
        "$f3kit" board --lines --flash "$img" --stlink-port "$port" </dev/null >"$1" 2>&1 &
        board=$!
        for _ in $(seq 100); do
            grep -qs "virtual ST-LINK on 127.0.0.1:$port" "$1" && return 0
            kill -0 "$board" 2>/dev/null || break
            sleep 0.05
        done
        kill -9 "$board" 2>/dev/null || true
        wait "$board" 2>/dev/null || true
        board=''
    done
    echo "FAIL: no board could listen on ports $base..$port:"
    cat "$1"
    exit 1
}

base=$(( 20000 + ($$ % 2000) * 10 ))
img=$work/flash.bin
seen_a=0 seen_e=0 seen_b=0
# Kill at a spread of moments (0 to 0.66 s): before, during the erase, the write,
# the verify, after.
for i in $(seq 0 11); do
    cp "$work/A.bin" "$img"
    start_board "$work/board.$i.log"
    "$f3kit" flash "$new_elf" --no-check --no-start --port "$port" >"$work/flash.$i.log" 2>&1 &
    flash=$!
    sleep "$(awk -v i="$i" 'BEGIN { printf "%.2f", i * 0.06 }')"
    kill -9 "$board"
    wait "$board" 2>/dev/null || true
    board=
    wait "$flash" 2>/dev/null || true
    flash=
    if cmp -s "$img" "$work/A.bin"; then what=old; seen_a=$((seen_a + 1))
    elif cmp -s "$img" "$work/E.bin"; then what=erased; seen_e=$((seen_e + 1))
    elif cmp -s "$img" "$work/B.bin"; then what=new; seen_b=$((seen_b + 1))
    else
        echo "FAIL: kill -9 after $(awk -v i="$i" 'BEGIN { print i * 0.06 }') s left a torn image:"
        cmp "$img" "$work/A.bin" | head -1 || true
        cmp "$img" "$work/B.bin" | head -1 || true
        ls -l "$img"
        exit 1
    fi
    echo "kill -9 after $(awk -v i="$i" 'BEGIN { print i * 0.06 }') s: $what image"
done
# And without a kill, the flash completes and the image is the new one.
cp "$work/A.bin" "$img"
start_board "$work/board.last.log"
"$f3kit" flash "$new_elf" --no-check --no-start --port "$port" >"$work/flash.last.log" 2>&1 ||
    { echo "FAIL: f3kit flash without a kill failed:"; cat "$work/flash.last.log"; exit 1; }
kill "$board"
wait "$board" 2>/dev/null || true
board=''
cmp -s "$img" "$work/B.bin" || { echo "FAIL: after a complete flash and quit the image is not the new one"; exit 1; }
# No temporary files (256 KiB each) piling up next to the image: whatever a
# killed board left is removed by the next board that takes the image, so
# after the last board none remain.  (flash.bin.lock stays, by design.)
leftover=$(find "$work" -maxdepth 1 -name 'flash.bin?*' ! -name 'flash.bin.lock' | head -3)
[ -z "$leftover" ] || { echo "FAIL: temporary files left by the killed boards: $leftover"; exit 1; }
echo "flash_kill9: old $seen_a, erased $seen_e, new $seen_b; never torn"
