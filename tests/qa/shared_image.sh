#!/usr/bin/env bash
# Two `f3kit board`s given the same flash image (easy with the default
# ~/.cache/f3kit/flash.bin and two --stlink-port values): a firmware flashed
# through one must not be lost when the other quits.  The image belongs to
# one board at a time: a second board (or `f3kit run --flash` on it) is
# refused with a message naming the holder's pid and the way out; a board
# that quits without its flash having changed leaves the file alone; the
# lock dies with its holder, even by kill -9.
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
fail() { echo "FAIL: $*"; exit 1; }

# start LOG: a board on the first free port from $base; sets $pid and $port,
# or $pid='' when the board refused the image.
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
        if ! kill -0 "$pid" 2>/dev/null && grep -qsi "in use" "$1" &&
           ! grep -qs "Address already in use" "$1"; then
            wait "$pid" 2>/dev/null || true
            pid=''
            return 0   # refused the image another board holds
        fi
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    fail "no board could start: $(cat "$1")"
}

start "$work/a.log"; a=$pid; aport=$port
[ -n "$a" ] || fail "the first board refused a free image: $(cat "$work/a.log")"
base=$((base + 8))
start "$work/b.log"; b=$pid
if [ -n "$b" ]; then
    # Both run: then the image must survive the idle one quitting.
    "$f3kit" flash "$elf" --no-check --no-start --port "$aport" >"$work/flash.log" 2>&1 ||
        fail "f3kit flash through the first board failed: $(cat "$work/flash.log")"
    want=$(od -An -tx4 -N8 "$img")
    kill "$b"; wait "$b" 2>/dev/null || true; b=''
    got=$(od -An -tx4 -N8 "$img")
    fail "a second board started on the image the first one holds; the firmware flashed" \
         "through the first (first words$want) is now$got after the second quit"
fi
echo "shared_image: the second board refused the image in use:"
cat "$work/b.log"
grep -q "pid $a" "$work/b.log" || fail "the refusal does not name the holder (pid $a)"
grep -q -- "--flash FILE" "$work/b.log" || fail "the refusal does not say to use --flash FILE"
grep -q "kill $a" "$work/b.log" || fail "the refusal does not say how to stop the holder"

# f3kit run --flash uses a board too: same lock, same message, exit 2.
st=0
"$f3kit" run "$elf" --flash "$img" --time 0.01 >"$work/run.log" 2>&1 || st=$?
[ "$st" = 2 ] && grep -q "in use by another board (pid $a" "$work/run.log" ||
    fail "f3kit run --flash on the held image: exit $st, $(cat "$work/run.log")"

# Flash through the holder, quit it: the image keeps the firmware.
"$f3kit" flash "$elf" --no-check --no-start --port "$aport" >"$work/flash.log" 2>&1 ||
    fail "f3kit flash through the first board failed: $(cat "$work/flash.log")"
want=$(od -An -tx4 -N8 "$img")
[ "$want" != "$(printf ' ffffffff ffffffff')" ] || fail "f3kit flash left the image erased"
kill "$a"; wait "$a" 2>/dev/null || true; a=''
[ "$(od -An -tx4 -N8 "$img")" = "$want" ] || fail "the firmware was lost when its board quit"

# A board that never changed its flash leaves the file alone (same inode:
# a save always replaces the file), and gives the image up when it quits.
ino=$(stat -c %i "$img")
base=$((base + 8))
start "$work/c.log"; [ -n "$pid" ] || fail "the image stayed locked after its board quit"
kill "$pid"; wait "$pid" 2>/dev/null || true
[ "$(stat -c %i "$img")" = "$ino" ] || fail "a board that was never flashed rewrote the image"
[ "$(od -An -tx4 -N8 "$img")" = "$want" ] || fail "the image changed"

# kill -9 frees the image too (the kernel drops the lock with its holder).
start "$work/d.log"; a=$pid
[ -n "$a" ] || fail "the image stayed locked: $(cat "$work/d.log")"
kill -9 "$a"; wait "$a" 2>/dev/null || true; a=''
start "$work/e.log"; a=$pid
[ -n "$a" ] || fail "the image stayed locked after kill -9 of its board: $(cat "$work/e.log")"
kill "$a"; wait "$a" 2>/dev/null || true; a=''
echo "shared_image: one board per image, the firmware kept"
