#!/usr/bin/env bash
# `f3kit board` on a terminal, driven the way a person would through tmux:
#   board_tui.sh F3KIT BUTTON_ELF ECHO_ELF WORKDIR
# The board runs the kit's button example from a known flash image: the
# compass must show LD3 (N) lit, Ctrl-B must move the light to LD5 (NE) and
# print the firmware's line on the console, Ctrl-R must reset (LD3 again),
# Ctrl-C must quit with status 0.  Then a USART echo firmware gets typed
# keys on USART1 RX.  Every wait is bounded; a private tmux server is killed
# at the end whatever happens.
set -euo pipefail
f3kit=$1 button_elf=$2 echo_elf=$3 work=$4
command -v tmux >/dev/null || { echo "tmux not installed (scripts/setup.sh installs it)"; exit 77; }
mkdir -p "$work"
sock=qa-tui-$$
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null || true' EXIT

image() { # elf -> flash image (f3kit run programs the flash, then stops)
    rm -f "$2"
    local st=0
    "$f3kit" run "$1" --flash "$2" --insns 1000 --time 0.0123 >/dev/null 2>&1 || st=$?
    { [ "$st" = 125 ] || [ "$st" = 124 ] || [ "$st" = 5 ]; } && [ -s "$2" ] || { echo "FAIL: could not make flash image $2 (exit $st)"; exit 1; }
}

sess=qa0
screen() { tm capture-pane -p -t "$sess"; }
keys() { tm send-keys -t "$sess" "$@"; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string)
wait_for() {
    local _
    for _ in $(seq $(( ${2:-10} * 10 ))); do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    echo "FAIL: the screen never showed '$1'; it shows:"
    screen
    exit 1
}
# lit LED...: exactly these LEDs are drawn lit (●), every other one dark (○)
lit() {
    local s led want
    s=$(screen)
    for led in LD3 LD4 LD5 LD6 LD7 LD8 LD9 LD10; do
        want="○ $led"
        case " $* " in *" $led "*) want="● $led" ;; esac
        if ! grep -qE -- "$want( |\$)" <<<"$s"; then
            echo "FAIL: expected '$want' on the compass:"
            echo "$s"
            exit 1
        fi
    done
}
start() { # session image: a new session (killing the server between
    # sessions races with the next one starting)
    tm kill-session -t "$sess" 2>/dev/null || true
    sess=$1
    shift
    tm new-session -d -s "$sess" -x 100 -y 32 \
        "'$f3kit' board --flash '$1' --no-stlink; echo EXITED:\$?; sleep 30"
}

image "$button_elf" "$work/button.bin"
start qa1 "$work/button.bin"
wait_for "press B1 (USER) to move the light"
wait_for "● LD3"
lit LD3
# The compass: NW N NE on one row, W and E on the next, SW S SE below.
screen | grep -qE "LD4 +. LD3 +. LD5" || { echo "FAIL: top row is not LD4 LD3 LD5"; screen; exit 1; }
screen | grep -qE "LD6 +. LD7" || { echo "FAIL: middle row is not LD6 LD7"; screen; exit 1; }
screen | grep -qE "LD8 +. LD10 +. LD9" || { echo "FAIL: bottom row is not LD8 LD10 LD9"; screen; exit 1; }

keys C-b
wait_for "button: press 1, LED LD5 NE orange"
wait_for "● LD5"
lit LD5
# Ctrl-B holds B1 for 0.2 s of wall time: a second Ctrl-B meanwhile only
# extends the hold, so wait for the release before pressing again.
wait_for "B1:up"
keys C-b
wait_for "button: press 2, LED LD7 E green"
wait_for "● LD7"
lit LD7

keys C-r
wait_for "reset (NRST)"
wait_for "● LD3"
lit LD3
[ "$(screen | grep -cF 'press B1 (USER) to move the light')" = 2 ] ||
    { echo "FAIL: the firmware's banner should appear twice after Ctrl-R"; screen; exit 1; }

keys C-c
wait_for "EXITED:0"

# Keys typed on the board's terminal go to USART1 RX.
image "$echo_elf" "$work/echo.bin"
start qa2 "$work/echo.bin"
wait_for "echo ready"
keys -l "hi f3"
keys Enter
wait_for "HI F3"
wait_for "line 5"
keys C-c
wait_for "EXITED:0"
echo "board_tui: compass, Ctrl-B, Ctrl-R, Ctrl-C and USART1 input as expected"
