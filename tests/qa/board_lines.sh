#!/usr/bin/env bash
# `f3kit board --lines` the way a script or a person at a pipe uses it:
#   board_lines.sh F3KIT ECHO_ELF WORKDIR
# - `uart "..."` takes the C escapes of --script files (\xNN \\ \" \t \0 \r);
#   a malformed string is an error message, text longer than USART1's
#   receive queue is reported, never silently cut;
# - a line the firmware left unfinished is printed at quit, and is ended
#   before a reset's line instead of glued to the next boot's output;
# - a new (erased) image says the flash is empty and how to program it;
# - temporary files of a writer killed mid-save are removed at start.
set -euo pipefail
f3kit=$1 echo_elf=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
img=$work/echo.bin
fail() { echo "FAIL: $*"; echo "---- board output:"; cat "$work/out" 2>/dev/null || true; exit 1; }
has() { grep -qxF -- "$1" "$work/events" || fail "no event line '$1'"; }

st=0
"$f3kit" run "$echo_elf" --flash "$img" --insns 1000 >/dev/null 2>&1 || st=$?
[ "$st" = 125 ] && [ -s "$img" ] || fail "could not program $img (exit $st)"
# What a writer killed mid-save leaves (this scheme's and earlier versions' names).
head -c 262144 /dev/zero >"$img.tmp"
head -c 262144 /dev/zero >"$img.tmpAb12Cd"

long=$(head -c 5000 /dev/zero | tr '\0' x)
{
    sleep 0.5
    printf '%s\n' 'uart "q\x41\\\"\tz\r"'   # QA\"<tab>Z, then "line 6"
    sleep 0.3
    printf '%s\n' 'uart "\0\r"'              # one NUL byte: "line 1"
    sleep 0.3
    printf '%s\n' 'uart "abc"'               # echoed, no newline yet ...
    sleep 0.3
    echo reset                               # ... ended before the reset line
    sleep 0.5
    printf '%s\n' 'uart "oops' 'uart "\q"'
    printf 'uart "%s"\n' "$long"
    sleep 1
    printf '%s\n' 'uart "\r"'                # ends the echo of what fitted
    sleep 0.3
    printf '%s\n' 'uart "xyz"'               # unfinished at quit
    sleep 0.3
    echo quit
} | timeout 60 "$f3kit" board --lines --no-stlink --flash "$img" >"$work/out" 2>&1 ||
    fail "f3kit board exited with $?"
sed -E 's/^t=[0-9.]+s //' "$work/out" >"$work/events"

[ ! -e "$img.tmp" ] && [ ! -e "$img.tmpAb12Cd" ] ||
    fail "stale temporary files were not removed: $(ls "$img".tmp* 2>/dev/null)"
has $'usart1: QA\\"\tZ'
has 'usart1: line 6'
has 'usart1: line 1'
grep -A1 -xF 'usart1: ABC' "$work/events" | tail -1 | grep -qxF 'reset (NRST)' ||
    fail "the unfinished line ABC is not ended right before the reset line"
[ "$(grep -cxF 'usart1: echo ready' "$work/events")" = 2 ] ||
    fail "the second boot's banner is not a line of its own"
grep -qF 'uart: unterminated string: no closing "' "$work/out" || fail "no error for an unterminated string"
grep -qF 'uart: unknown escape \q' "$work/out" || fail "no error for an unknown escape"
grep -qF 'only 4096 of 5000 bytes fit' "$work/out" || fail "an over-long uart text was cut silently"
has 'usart1: line 4096'
[ "$(tail -1 "$work/events")" = 'usart1: XYZ' ] || fail "the unfinished line XYZ was not printed at quit"

# A new image: erased flash, said so, with the way to program it.
(sleep 0.5; echo quit) | timeout 30 "$f3kit" board --lines --no-stlink --flash "$work/new.bin" \
    >"$work/out" 2>&1 || fail "f3kit board on a new image exited with $?"
grep -qF 'the flash is empty (erased: initial SP 0xFFFFFFFF)' "$work/out" &&
    grep -qF 'f3kit flash app.elf' "$work/out" || fail "a new image does not say the flash is empty"
! grep -q 'locked up' "$work/out" || fail "a new image still says the core locked up"
[ ! -e "$work/new.bin" ] || fail "a board that was never flashed wrote its erased image"
echo "board_lines: escapes, unfinished lines, erased image, stale temporaries: ok"
