#!/bin/bash
# f3kit run end to end: exit codes, which output goes where, scripts.
# usage: cli_run.sh F3KIT EXAMPLES_DIR
set -u
F3KIT=$1
EX=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() {   # check NAME WANT_STATUS GOT_STATUS
    if [ "$2" != "$3" ]; then
        echo "FAIL $1: exit status $3, expected $2"; fail=1
    else
        echo "ok   $1"
    fi
}
has() {     # has NAME FILE TEXT
    if ! grep -qF -- "$3" "$2"; then
        echo "FAIL $1: '$3' not in $(basename "$2"):"; sed 's/^/    /' "$2" | head -20; fail=1
    fi
}

# Usage errors
"$F3KIT" run >"$T/o" 2>"$T/e"; check usage 2 $?
"$F3KIT" run /nonexistent.elf >"$T/o" 2>"$T/e"; check missing-elf 2 $?
has missing-elf "$T/e" "nonexistent.elf"
"$F3KIT" run x.elf --time abc >"$T/o" 2>"$T/e"; check bad-time 2 $?
has bad-time "$T/e" "--time wants a positive number"

if [ ! -f "$EX/hello/hello.elf" ]; then
    echo "firmware examples not built in $EX: only the usage checks ran"
    exit $fail
fi

# hello: firmware output on stdout, exit code from semihosting
"$F3KIT" run "$EX/hello/hello.elf" >"$T/o" 2>"$T/e"; check hello 0 $?
has hello "$T/o" "Hello, world!"
[ "$(grep -c 'Hello, world!' "$T/o")" = 2 ] || { echo "FAIL hello: want the line twice (semihosting + USART1)"; fail=1; }

# roulette: LED events on stderr, time limit exit code
timeout 60 "$F3KIT" run "$EX/roulette/roulette.elf" --time 0.25 >"$T/o" 2>"$T/e"; check time-limit 124 $?
has roulette "$T/e" "LD3 N red on"
has roulette "$T/e" "t=0.100033s LD5 NE orange on"
has roulette "$T/e" "time limit (0.25s of virtual time) reached"
[ ! -s "$T/o" ] || { echo "FAIL roulette: stdout should be empty"; fail=1; }

# time limits that are not a multiple of the 72 MHz tick must still end
for t in 0.05 0.2 0.3 1 0.123457; do
    timeout 60 "$F3KIT" run "$EX/roulette/roulette.elf" --time $t --quiet-leds >"$T/o" 2>"$T/e"
    check "time-limit-$t" 124 $?
done
timeout 60 "$F3KIT" run "$EX/button/button.elf" --time 0.05 >"$T/o" 2>"$T/e"; check time-limit-button 124 $?

# instruction limit
"$F3KIT" run "$EX/roulette/roulette.elf" --insns 5000 >"$T/o" 2>"$T/e"; check insn-limit 125 $?
has insn-limit "$T/e" "instruction limit (5000) reached"

# button through a script; stop ends the run cleanly
cat >"$T/ok.txt" <<'S'
at 0.3s press
at 0.35s release
at 0.5s expect "press 1, LED LD5"
at 0.5s expect led LD5 on
at 0.6s stop
S
"$F3KIT" run "$EX/button/button.elf" --script "$T/ok.txt" >"$T/o" 2>"$T/e"; check script-pass 0 $?
has script-pass "$T/o" "button: press 1, LED LD5 NE orange"

cat >"$T/bad.txt" <<'S'
at 0.3s expect "press 1"
at 0.4s stop
S
"$F3KIT" run "$EX/button/button.elf" --script "$T/bad.txt" >"$T/o" 2>"$T/e"; check script-fail 4 $?
has script-fail "$T/e" "line 1: expected output \"press 1\""

# sensors: values from the script, both revisions
printf 'at 0s gyro 1 2 3\nat 0s accel 4 5 6\nat 0s mag 7 8 9\nat 0.3s stop\n' >"$T/s.txt"
"$F3KIT" run "$EX/sensors/sensors.elf" --script "$T/s.txt" >"$T/o" 2>"$T/e"; check sensors 0 $?
has sensors "$T/o" "gyro 1 2 3 (ok) accel 4 5 6 (ok) mag 7 8 9 (ok)"
"$F3KIT" run "$EX/sensors/sensors.elf" --revision e --script "$T/s.txt" >"$T/o" 2>"$T/e"; check sensors-e 0 $?
has sensors-e "$T/o" "LSM303AGR"

# fault: the kit's HardFault handler exits 131 (its code is f3kit's); f3kit adds its report
"$F3KIT" run "$EX/fault/fault.elf" --time 1 >"$T/o" 2>"$T/e"; check fault 131 $?
has fault "$T/e" "HardFault"
has fault "$T/e" "PRECISERR"
has fault "$T/e" "faulting instruction"

# persistent flash image
"$F3KIT" run "$EX/hello/hello.elf" --flash "$T/img.bin" >"$T/o" 2>"$T/e"; check flash-file 0 $?
[ "$(stat -c %s "$T/img.bin")" = 262144 ] || { echo "FAIL flash-file: image size"; fail=1; }

exit $fail
