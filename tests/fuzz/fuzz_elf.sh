#!/usr/bin/env bash
# Builds the ELF reader + rules fuzz target with clang's libFuzzer and runs it
# for a bounded number of inputs, seeded with the checker's fixtures and the
# example firmware.  A crash, sanitizer report or leak fails the test.
#   fuzz_elf.sh SRC_TOP OUT_DIR [SEED_DIR...]
set -euo pipefail
top=$1 out=$2
shift 2
cc=$(command -v clang-14 || command -v clang || true)
if [ -z "$cc" ]; then
    echo "fuzz: clang not found (install clang and libclang-rt-14-dev)" >&2
    exit 1
fi
mkdir -p "$out/corpus"
srcs=("$top"/src/elf/*.c "$top"/src/check/*.c "$top"/src/data/*.c "$top"/src/util/*.c "$top"/tests/fuzz/fuzz_elf.c)
"$cc" -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -I"$top/src" "${srcs[@]}" $(pkg-config --cflags --libs libelf) -o "$out/fuzz_elf"
seeds=0
for d in "$@"; do
    for f in "$d"/*.elf "$d"/*/*.elf; do
        [ -f "$f" ] || continue
        cp "$f" "$out/corpus/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
        seeds=$((seeds + 1))
    done
done
echo "fuzz: $seeds seed files"
# Bounded: a fixed number of runs, with a time cap as a safety net.
exec "$out/fuzz_elf" -runs="${F3KIT_FUZZ_RUNS:-100000}" -max_total_time="${F3KIT_FUZZ_SECONDS:-20}" \
    -max_len=65536 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 "$out/corpus"
