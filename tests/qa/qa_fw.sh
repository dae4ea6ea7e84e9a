#!/usr/bin/env bash
# Firmware written the way other people write it (tests/qa/firmware), built
# at test time with the kit's toolchain file and run on the virtual board.
#   qa_fw.sh build OUT SRC TOOLCHAIN      configure and build tests/qa/firmware
#   qa_fw.sh run F3KIT ELF STATUS [f3kit run options] [-- CHECK...]
#        run the firmware, require exit STATUS; each CHECK is
#        out=TEXT (stdout contains TEXT), noout=TEXT (stdout lacks TEXT),
#        count=N:TEXT (TEXT occurs on exactly N stdout lines)
#   qa_fw.sh blinky F3KIT ELF             the bare-metal blinky's LED events
#   qa_fw.sh persist F3KIT ELF WORKDIR    the boot counter the firmware keeps in
#                                         its own flash page counts 1, 2, 3 over
#                                         three runs on one flash image
#   qa_fw.sh resets F3KIT ELF WORKDIR N   the rdimon firmware greets after
#                                         each of N resets of a live board
set -euo pipefail

cmd=${1:?usage: qa_fw.sh build|run|blinky|persist|resets ...}
shift

build() {
    local out=$1 src=$2 toolchain=$3
    cmake -S "$src" -B "$out" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" >"$out.configure.log" 2>&1 ||
        { cat "$out.configure.log"; exit 1; }
    cmake --build "$out"
}

run() {
    local f3kit=$1 elf=$2 want=$3
    shift 3
    local args=() checks=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    checks=("$@")
    [ -f "$elf" ] || { echo "missing $elf (did qa_fw_build run?)" >&2; exit 1; }
    local out err status=0
    out=$(mktemp) err=$(mktemp)
    trap 'rm -f "$out" "$err"' RETURN
    timeout 120 "$f3kit" run "$elf" "${args[@]}" >"$out" 2>"$err" || status=$?
    echo "--- stdout"; cat "$out"; echo "--- stderr"; cat "$err"; echo "---"
    if [ "$status" != "$want" ]; then
        echo "FAIL: f3kit run $(basename "$elf") ${args[*]}: exit $status, expected $want" >&2
        exit 1
    fi
    local c fail=0
    for c in "${checks[@]}"; do
        case $c in
        out=*) grep -qF -- "${c#out=}" "$out" || { echo "FAIL: stdout lacks '${c#out=}'" >&2; fail=1; } ;;
        noout=*) ! grep -qF -- "${c#noout=}" "$out" || { echo "FAIL: stdout has '${c#noout=}'" >&2; fail=1; } ;;
        count=*)
            local spec=${c#count=} n
            n=$(grep -cF -- "${spec#*:}" "$out" || true)
            [ "$n" = "${spec%%:*}" ] || { echo "FAIL: '${spec#*:}' on $n lines, expected ${spec%%:*}" >&2; fail=1; } ;;
        *) echo "qa_fw.sh: unknown check $c" >&2; exit 2 ;;
        esac
    done
    exit $fail
}

# LD4 and LD7 on once and never off (the second MODER read-modify-write must
# keep PE8 an output), LD3 toggling with one constant period, nothing else.
blinky() {
    local f3kit=$1 elf=$2 err status=0
    err=$(mktemp)
    trap 'rm -f "$err"' RETURN
    timeout 120 "$f3kit" run "$elf" --time 0.5 >/dev/null 2>"$err" || status=$?
    cat "$err"
    [ "$status" = 124 ] || { echo "FAIL: exit $status, expected 124 (time limit)" >&2; exit 1; }
    awk '
      /^t=[0-9.]+s LD/ {
        t = substr($1, 3) + 0; led = $2; st = $NF
        if (led == "LD4" || led == "LD7") { seen[led " " st]++; next }
        if (led != "LD3") { print "FAIL: unexpected " $0; bad = 1; next }
        if (n > 0) { d = t - last; if (n == 1) p = d; else if (d < p - 0.000002 || d > p + 0.000002) { print "FAIL: LD3 period " d " s, was " p " s"; bad = 1 } }
        last = t; n++
      }
      END {
        if (seen["LD4 on"] != 1 || seen["LD4 off"] || seen["LD7 on"] != 1 || seen["LD7 off"]) { print "FAIL: LD4/LD7 not steadily on"; bad = 1 }
        if (n < 10) { print "FAIL: LD3 changed " n " times in 0.5 s, expected at least 10"; bad = 1 }
        if (!bad) printf "blinky: LD3 toggled %d times, period %.6f s\n", n, p
        exit bad
      }' "$err"
}

persist() {
    local f3kit=$1 elf=$2 work=$3 i st out
    mkdir -p "$work"
    rm -f "$work/flash.bin"
    for i in 1 2 3; do
        st=0
        # the firmware ends in WFI with nothing enabled: "asleep forever"
        out=$(timeout 60 "$f3kit" run "$elf" --flash "$work/flash.bin" 2>&1) || st=$?
        echo "$out"
        [ "$st" = 5 ] || { echo "FAIL: run $i: exit $st, expected 5 (asleep forever)" >&2; exit 1; }
        tr -d '\r' <<<"$out" | grep -qx "boot $i" ||
            { echo "FAIL: run $i should print 'boot $i' (the count kept in flash)" >&2; exit 1; }
    done
}

# The board reset N times (line mode, stdin commands): the rdimon firmware,
# which opens ":tt" three times per boot and never closes them (as newlib's
# initialise_monitor_handles does), must print its greeting after every one.
resets() {
    local f3kit=$1 elf=$2 work=$3 n=$4 st=0 seen
    mkdir -p "$work"
    rm -f "$work/flash.bin"
    "$f3kit" run "$elf" --flash "$work/flash.bin" --insns 1 >/dev/null 2>&1 || true
    { sleep 0.5; for _ in $(seq "$n"); do echo reset; sleep 0.2; done; echo quit; } |
        timeout 60 "$f3kit" board --lines --no-stlink --flash "$work/flash.bin" >"$work/board.log" 2>&1 || st=$?
    cat "$work/board.log"
    [ "$st" = 0 ] || { echo "FAIL: f3kit board exited $st" >&2; exit 1; }
    seen=$(grep -c "rdimon: hello 42" "$work/board.log" || true)
    [ "$seen" = $((n + 1)) ] || { echo "FAIL: greeting seen $seen times over $((n + 1)) boots" >&2; exit 1; }
}

"$cmd" "$@"
