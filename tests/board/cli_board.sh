#!/bin/bash
# f3kit board without a terminal: boots the flash image, prints events as
# lines, takes line commands on stdin, keeps the image across restarts.
# usage: cli_board.sh F3KIT EXAMPLES_DIR
set -u
F3KIT=$1
EX=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
if [ ! -f "$EX/button/button.elf" ]; then
    echo "firmware examples not built in $EX: skipped"
    exit 0
fi
# Program the image with f3kit run (as a real board keeps what was flashed).
"$F3KIT" run "$EX/button/button.elf" --flash "$T/flash.bin" --time 0.01 >/dev/null 2>&1
[ "$(stat -c %s "$T/flash.bin")" = 262144 ] || { echo "FAIL: no flash image"; exit 1; }

# A fresh board process boots it; press the button from stdin, then quit.
{ sleep 1; echo press; sleep 0.3; echo release; sleep 0.5; echo 'bogus'; sleep 0.2; echo quit; } |
    timeout 30 "$F3KIT" board --flash "$T/flash.bin" --no-stlink --lines >"$T/o" 2>"$T/e"
st=$?
[ $st = 0 ] || { echo "FAIL: exit status $st"; cat "$T/e"; fail=1; }
for want in "running, flash image $T/flash.bin" "LD3 N red on" "press 1, LED LD5" \
            "LD5 NE orange on" "unknown command 'bogus'"; do
    grep -qF -- "$want" "$T/o" || { echo "FAIL: '$want' missing:"; cat "$T/o" "$T/e" | head -30; fail=1; }
done
# Bad options are refused with a message.
"$F3KIT" board --stlink-port abc >/dev/null 2>"$T/e"; st=$?
[ $st = 2 ] && grep -q "wants a port number" "$T/e" || { echo "FAIL: bad port accepted"; fail=1; }
[ $fail = 0 ] && echo "ok   f3kit board line mode"
exit $fail
