#!/bin/sh
# Every header of the firmware kit compiles on its own (it includes what it
# uses), with the kit's warning flags.
#   headers_check.sh <arm-none-eabi-gcc> <fw source dir>
set -u
cc=$1 fw=$2
status=0
for h in "$fw"/device/*.h "$fw"/rt/*.h "$fw"/bsp/*.h; do
  if ! printf '#include "%s"\n' "$(basename "$h")" |
      "$cc" -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -std=c11 \
        -Wall -Wextra -Werror -I"$fw/device" -I"$fw/rt" -I"$fw/bsp" -fsyntax-only -x c -; then
    echo "FAIL: $h does not compile on its own"
    status=1
  fi
done
[ $status -eq 0 ] && echo "PASS: all kit headers are self-contained"
exit $status
