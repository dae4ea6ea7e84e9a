#!/bin/sh
# Must-fail (and one must-pass) link fixtures for fw/link.x.
#   link_fixture.sh <arm-none-eabi-gcc> <fw source dir> <fixture> [expected text]
# Builds a small program against fw/link.x with a deliberately broken
# memory.x, source or option; for every fixture but "good" the link must
# FAIL and its output must contain the expected text.
set -u
cc=$1 fw=$2 fixture=$3 expect=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpu="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
inc="-I$fw/device -I$fw/rt -I$fw/bsp"
kit="$fw/rt/reset.c $fw/rt/stop.c $fw/rt/default_handler.c $fw/rt/hardfault.c $fw/rt/vectors.c $fw/bsp/semihosting.c"
ldflags="--specs=nano.specs -nostartfiles -Wl,--gc-sections -L$work -L$fw -T$fw/link.x"
cp "$fw/memory.x" "$work/memory.x"
main="$work/main.c"
echo 'int main(void) { return 0; }' > "$main"
extra_src=""
extra_ld=""
srcs="$kit"

case $fixture in
good) ;;
vector_not_first)
  # memory.x places a section in FLASH ahead of the vector table.
  cat >> "$work/memory.x" <<'X'
SECTIONS { .preamble : { KEEP(*(.preamble)) } > FLASH }
X
  echo '__attribute__((section(".preamble"), used)) const int preamble = 1;' >> "$main" ;;
vtor_unaligned)
  # FLASH starting off a 512-byte boundary: VTOR could not point at the table.
  sed -i 's/ORIGIN = 0x08000000/ORIGIN = 0x08000100/' "$work/memory.x" ;;
image_too_big)
  echo 'const char big[300 * 1024] = {1}; int use(void) { return ((const volatile char *)big)[7]; }' >> "$main"
  sed -i 's/return 0;/return use();/' "$main"
  sed -i '1i int use(void);' "$main" ;;
ram_overflow)
  echo 'char buf[48 * 1024]; int use(void) { return buf[9]; }' >> "$main"
  sed -i 's/return 0;/return use();/' "$main"
  sed -i '1i int use(void);' "$main" ;;
stack_unaligned)
  extra_ld="-Wl,--defsym=_stack_start=0x20009ffc" ;;
stack_outside)
  extra_ld="-Wl,--defsym=_stack_start=0x30000000" ;;
ccm_stack_crowded)
  # Stack at the top of CCMRAM, but CCMRAM nearly full of variables.
  echo '__attribute__((section(".ccmbss"))) char ccm_buf[7 * 1024]; int use(void) { return ccm_buf[3]; }' >> "$main"
  sed -i 's/return 0;/return use();/' "$main"
  sed -i '1i int use(void);' "$main"
  extra_ld="-Wl,--defsym=_stack_start=0x10002000" ;;
ccm_stack_ok)
  # The same with room for the stack links fine.
  echo '__attribute__((section(".ccmbss"))) char ccm_buf[4 * 1024]; int use(void) { return ccm_buf[3]; }' >> "$main"
  sed -i 's/return 0;/return use();/' "$main"
  sed -i '1i int use(void);' "$main"
  extra_ld="-Wl,--defsym=_stack_start=0x10002000" ;;
short_vector_table)
  # A hand-written vector table with 50 slots instead of the generated one.
  srcs="$fw/rt/reset.c $fw/rt/stop.c $fw/rt/default_handler.c $fw/rt/hardfault.c $fw/bsp/semihosting.c"
  cat > "$work/vectors.c" <<'X'
#include <stdint.h>
extern uint32_t _stack_start;
void Reset_Handler(void);
void Default_Handler(void) { for (;;) ; }
void rt_default_handler(void) { for (;;) ; }
__attribute__((section(".vector_table.initial_sp"), used)) const uint32_t *const f3_initial_sp = &_stack_start;
__attribute__((section(".vector_table.exceptions"), used)) void (*const f3_exceptions[49])(void) = { Reset_Handler };
X
  extra_src="$work/vectors.c" ;;
reset_not_second)
  # Slot 0 is two words: the reset vector lands at offset 8.
  srcs="$fw/rt/reset.c $fw/rt/stop.c $fw/rt/default_handler.c $fw/rt/hardfault.c $fw/bsp/semihosting.c"
  cat > "$work/vectors.c" <<'X'
#include <stdint.h>
extern uint32_t _stack_start;
void Reset_Handler(void);
__attribute__((section(".vector_table.initial_sp"), used)) const uint32_t *const f3_initial_sp[2] = { &_stack_start, 0 };
__attribute__((section(".vector_table.exceptions"), used)) void (*const f3_exceptions[96])(void) = { Reset_Handler };
X
  extra_src="$work/vectors.c" ;;
got)
  # Position-independent code needs a GOT that the startup never relocates.
  echo 'int counter; int bump(void) { return ++counter; }' > "$work/pic.c"
  "$cc" $cpu -Os -fPIC -c "$work/pic.c" -o "$work/pic.o" || exit 1
  echo 'int bump(void);' > "$main"
  echo 'int main(void) { return bump(); }' >> "$main"
  extra_src="$work/pic.o" ;;
softfloat)
  # An object built for the soft-float ABI in a hard-float link.
  echo 'float half(float x) { return x / 2; }' > "$work/soft.c"
  "$cc" -mcpu=cortex-m4 -mthumb -mfloat-abi=soft -Os -c "$work/soft.c" -o "$work/soft.o" || exit 1
  echo 'float half(float x);' > "$main"
  echo 'int main(void) { return (int)half(4.0f); }' >> "$main"
  extra_src="$work/soft.o" ;;
*)
  echo "link_fixture.sh: unknown fixture '$fixture'" >&2
  exit 2 ;;
esac

# shellcheck disable=SC2086
"$cc" $cpu -Os -ffunction-sections -fdata-sections $inc $srcs "$main" $extra_src $ldflags $extra_ld \
  -o "$work/out.elf" > "$work/log" 2>&1
status=$?
cat "$work/log"
if [ "$fixture" = good ] || [ "$fixture" = ccm_stack_ok ]; then
  [ $status -eq 0 ] || { echo "FAIL: fixture '$fixture' must link"; exit 1; }
  echo "PASS: links"
  exit 0
fi
if [ $status -eq 0 ]; then
  echo "FAIL: fixture '$fixture' linked, but link.x must reject it"
  exit 1
fi
if ! grep -qF -- "$expect" "$work/log"; then
  echo "FAIL: the link failed, but without the message: $expect"
  exit 1
fi
echo "PASS: rejected with: $expect"
