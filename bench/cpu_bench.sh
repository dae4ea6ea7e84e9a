#!/usr/bin/env bash
# CPU benchmark: guest instructions per second of f3kit's core against QEMU
# on the same firmware (bench/fw/cpu_bench.c), and f3kit's start-up time (a
# firmware that exits at once).  Prints figures; never fails on speed.
#
#   bash bench/cpu_bench.sh            # builds a Release tree in build/bench
#   F3KIT_BENCH_BUILD=<dir> bash bench/cpu_bench.sh
#
# f3kit side: tests/firmware/runner/plainrun (the bare core, --stats gives
# the instruction count).  QEMU side: qemu-system-arm -M netduinoplus2
# (STM32F405: the F3 flash/RAM layout fits inside it); it runs the identical
# program, so its instruction count is f3kit's.  QEMU's own start-up (its run
# of the empty firmware) is subtracted from its time.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${F3KIT_BENCH_BUILD:-$top/build/bench}
runs=${F3KIT_BENCH_STARTUP_RUNS:-20}

echo "cpu_bench: Release build in $build"
cmake -S "$top" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DF3KIT_SANITIZE=OFF >/dev/null
cmake --build "$build" --target plainrun bench_firmware -j2 >/dev/null
# f3kit itself (the whole board): optional, the figures above do not need it
cmake --build "$build" --target f3kit -j2 >/dev/null 2>&1 || echo "cpu_bench: f3kit did not build; skipping its figures"

plainrun=$build/tests/cpu/diff/plainrun
bench=$build/bench/fw/cpu_bench.elf
empty=$build/bench/fw/bench_empty.elf
for f in "$plainrun" "$bench" "$empty"; do
  [ -e "$f" ] || { echo "cpu_bench: $f was not built (is libunicorn-dev installed? plainrun is built with the tests)" >&2; exit 1; }
done

now_ns() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b - a) / 1e9 }'; }

echo
echo "== f3kit (plainrun, bare core)"
t0=$(now_ns)
status=0
"$plainrun" --stats --limit 100000000000 "$bench" 2>"$build/bench/f3kit.stats" >"$build/bench/f3kit.out" || status=$?
t1=$(now_ns)
sed 's/^/  /' "$build/bench/f3kit.out"
if [ "$status" != 0 ]; then
  echo "cpu_bench: plainrun exited with status $status:" >&2
  cat "$build/bench/f3kit.stats" >&2
  exit 1
fi
cat "$build/bench/f3kit.stats" | sed 's/^/  /'
insns=$(sed -n 's/^plainrun: \([0-9]*\) instructions.*/\1/p' "$build/bench/f3kit.stats")
f3_wall=$(secs "$t0" "$t1")

echo
echo "== QEMU (qemu-system-arm -M netduinoplus2)"
if command -v qemu-system-arm >/dev/null; then
  q0=$(now_ns)
  qemu-system-arm -M netduinoplus2 -nographic -semihosting -kernel "$empty" </dev/null >/dev/null 2>&1
  q1=$(now_ns)
  # QEMU writes the semihosting console to its stderr
  qemu-system-arm -M netduinoplus2 -nographic -semihosting -kernel "$bench" </dev/null \
    >/dev/null 2>"$build/bench/qemu.out"
  q2=$(now_ns)
  sed 's/^/  /' "$build/bench/qemu.out"
  if ! cmp -s "$build/bench/qemu.out" "$build/bench/f3kit.out"; then
    echo "  warning: QEMU printed other checksums than f3kit: one of them computes wrongly"
  else
    echo "  (same checksums as f3kit)"
  fi
  q_start=$(secs "$q0" "$q1")
  q_wall=$(secs "$q1" "$q2")
else
  echo "  qemu-system-arm not installed: apt-get install qemu-system-arm"
  q_start=0; q_wall=0
fi

echo
echo "== start-up: $runs runs of a firmware that exits at once"
best=""; total=0
for _ in $(seq "$runs"); do
  s0=$(now_ns); "$plainrun" "$empty"; s1=$(now_ns)
  d=$(( (s1 - s0) / 1000 ))
  total=$(( total + d ))
  if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
done
f3kit=$build/src/f3kit
board_best=""; board_wall=""
if [ -x "$f3kit" ]; then
  for _ in $(seq "$runs"); do
    s0=$(now_ns); "$f3kit" run --quiet-leds "$empty" >/dev/null 2>&1 || true; s1=$(now_ns)
    d=$(( (s1 - s0) / 1000 ))
    if [ -z "$board_best" ] || [ "$d" -lt "$board_best" ]; then board_best=$d; fi
  done
  b0=$(now_ns)
  "$f3kit" run --quiet-leds "$bench" >"$build/bench/board.out" 2>&1 || true
  b1=$(now_ns)
  board_wall=$(secs "$b0" "$b1")
  echo
  echo "== f3kit run (whole virtual board)"
  sed 's/^/  /' "$build/bench/board.out"
fi

echo
echo "== figures"
awk -v n="$insns" -v f="$f3_wall" -v q="$q_wall" -v qs="$q_start" -v best="$best" \
    -v avg="$(( total / runs ))" 'BEGIN {
  fi = n / f; qn = q - qs; if (qn <= 0) qn = q;
  printf "  guest instructions:        %d\n", n
  printf "  f3kit wall time:           %.3f s  -> %.1f M instructions/s\n", f, fi / 1e6
  if (q > 0) {
    qi = n / qn
    printf "  QEMU wall time:            %.3f s (%.3f s after its %.3f s start-up) -> %.1f M instructions/s\n", q, qn, qs, qi / 1e6
    printf "  f3kit / QEMU:              %.2fx (target >= 0.3x)\n", fi / qi
  }
  printf "  f3kit start-up + exit:     best %.2f ms, mean %.2f ms (target < 5 ms)\n", best / 1000, avg / 1000
}'
if [ -n "$board_wall" ]; then
  # The product path: the whole `f3kit run` process (start-up and ELF
  # programming included) against QEMU's guest rate.
  awk -v n="$insns" -v b="$board_wall" -v best="$board_best" -v q="$q_wall" -v qs="$q_start" 'BEGIN {
    printf "  f3kit run (board):         %.3f s  -> %.1f M instructions/s\n", b, n / b / 1e6
    qn = q - qs; if (qn <= 0) qn = q;
    if (q > 0)
      printf "  f3kit run / QEMU:          %.2fx (target >= 0.3x)\n", (n / b) / (n / qn)
    printf "  f3kit run start-up + exit: best %.2f ms\n", best / 1000
  }'
fi
exit 0
