#!/usr/bin/env bash
# Two `f3kit board`s given the same flash image (easy with the default
# ~/.cache/f3kit/flash.bin and two --stlink-port values): a firmware flashed
# through one must not be lost when the other quits.  Either the second board
# refuses the image in use, or the image keeps the firmware.
#   shared_image.sh F3KIT ELF WORKDIR
set -euo pipefail
f3kit=$1 elf=$2 work=$3
command -v openocd >/dev/null || { echo "openocd not installed"; exit 77; }
rm -rf "$work"
mkdir -p "$work"
img=$work/flash.bin
a='' b=''
cleanup() {
    [ -z "$a" ] || kill -9 "$a" 2>/dev/null || true
    [ -z "$b" ] || kill -9 "$b" 2>/dev/null || true
}
trap cleanup EXIT

# start LOG: a board on the first free port from $base; sets $pid and $port.
base=$(( 21000 + ($$ % 2000) * 10 ))
start() {
    local _ try
    for try in 0 1 2 3 4 5 6 7; do
        port=$((base + try))
        "$f3kit" board --lines --flash "$img" --stlink-port "$port" </dev/null >"$1" 2>&1 &
        pid=$!
        for _ in $(seq 100); do
            grep -qs "virtual ST-LINK on 127.0.0.1:$port" "$1" && return 0
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        if ! kill -0 "$pid" 2>/dev/null && grep -qsi "in use\|another" "$1" &&
           ! grep -qs "Address already in use" "$1"; then
            wait "$pid" 2>/dev/null || true
            pid=''
            return 0   # refused the image another board holds
        fi
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    echo "FAIL: no board could start:"; cat "$1"; exit 1
}

start "$work/a.log"; a=$pid; aport=$port
base=$((base + 8))
start "$work/b.log"; b=$pid
if [ -z "$b" ]; then
    echo "shared_image: the second board refused the image in use:"
    cat "$work/b.log"
    exit 0
fi
"$f3kit" flash "$elf" --no-check --no-start --port "$aport" >"$work/flash.log" 2>&1 ||
    { echo "FAIL: f3kit flash through the first board failed:"; cat "$work/flash.log"; exit 1; }
want=$(od -An -tx4 -N8 "$img")
kill "$b"; wait "$b" 2>/dev/null || true; b=''
got=$(od -An -tx4 -N8 "$img")
kill "$a"; wait "$a" 2>/dev/null || true; a=''
[ "$got" = "$want" ] || {
    echo "FAIL: the firmware flashed through one board (first words$want) was lost when the"
    echo "      other board on the same image quit (now$got)"
    exit 1
}
echo "shared_image: the image kept the firmware"
