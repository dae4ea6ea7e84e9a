#!/bin/sh
# Runs a runtime test program on QEMU (netduinoplus2: an STM32F405 with the
# same FLASH/RAM addresses, used only as a reference Cortex-M4F) and checks
# its semihosting exit status and output.
#   qemu_run.sh <arm-none-eabi-gcc> <qemu-system-arm> <fw dir> <test .c> <status> [text]
# The program is linked with fw/link.x and the kit sources; QEMU has no CCM
# RAM, so the programs leave .ccmram/.ccmbss empty.
set -u
cc=$1 qemu=$2 fw=$3 src=$4 want=$5 text=${6:-}
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpu="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
# shellcheck disable=SC2086
"$cc" $cpu -std=c11 -Os -Wall -Wextra -Werror -ffunction-sections -fdata-sections \
  -I"$fw/device" -I"$fw/rt" -I"$fw/bsp" "$src" "$here/qemu/force_semihosting.c" \
  "$fw"/rt/*.c "$fw"/bsp/*.c --specs=nano.specs -nostartfiles -Wl,--gc-sections \
  -L"$fw" -T"$fw/link.x" -o "$work/t.elf" || { echo "FAIL: build"; exit 1; }
# timeout only guards against a hang; the test asserts no duration.
timeout 60 "$qemu" -M netduinoplus2 -nographic -monitor none -serial null \
  -semihosting-config enable=on,target=native -kernel "$work/t.elf" > "$work/out" 2>&1
status=$?
cat "$work/out"
if [ "$status" -ne "$want" ]; then
  echo "FAIL: exit status $status, expected $want"
  exit 1
fi
if [ -n "$text" ] && ! grep -qF -- "$text" "$work/out"; then
  echo "FAIL: output lacks: $text"
  exit 1
fi
echo "PASS: status $status"
