#!/usr/bin/env bash
# The checker's firmware fixtures, built with arm-none-eabi-gcc at test time.
#   fixtures.sh build OUT SRC         build every fixture into OUT
#   fixtures.sh kit OUT SRC KIT F3KIT build the good fixture with KIT's (fw/)
#                                     memory.x and link.x and check it
#   fixtures.sh expect F3KIT ELF STATUS [--args "A B"] [PATTERN...]
#                                     run `f3kit check`, require exit STATUS and
#                                     every PATTERN (fixed strings) in its output
#   fixtures.sh unreadable F3KIT PATH  require exit 2, one line on stderr, no stdout
set -euo pipefail

cmd=${1:?usage: fixtures.sh build|expect|unreadable ...}
shift

# Compiler settings shared by build and kit.
setup() {
    fx=$1/fixtures
    cc=arm-none-eabi-gcc
    cpu=(-mcpu=cortex-m4 -mthumb)
    hard=(-mfloat-abi=hard -mfpu=fpv4-sp-d16)
    common=(-Os -g -ffreestanding -nostdlib -Wall -Werror)
}

build() {
    local out=$1 src=$2
    setup "$src"
    mkdir -p "$out"
    local good=(-L"$fx/mem/good" -T"$fx/link.ld")
    one() {   # name, then compiler arguments
        local name=$1
        shift
        "$cc" "${cpu[@]}" "${common[@]}" "$@" "$fx/firmware.c" -lgcc -o "$out/$name.elf"
    }
    one good "${hard[@]}" "${good[@]}"
    # The seed tutorial's mistake: no linker script at all.
    one nolink "${hard[@]}" -DFIX_NO_SCRIPT
    one nolink_entry0 "${hard[@]}" -DFIX_NO_SCRIPT -Wl,-Ttext-segment=0
    one nolink_gc "${hard[@]}" -DFIX_NO_SCRIPT -Wl,--gc-sections
    one flash_at_0 "${hard[@]}" -L"$fx/mem/flash0" -T"$fx/link.ld"
    one flash_at_64k "${hard[@]}" -L"$fx/mem/flash64k" -T"$fx/link.ld"
    one vtor_moved "${hard[@]}" -L"$fx/mem/good" -T"$fx/link_vtor_moved.ld"
    one sp_outside "${hard[@]}" -DFIX_SP_OUTSIDE "${good[@]}"
    one sp_misaligned "${hard[@]}" -DFIX_SP_MISALIGNED "${good[@]}"
    one even_reset "${hard[@]}" -DFIX_EVEN_RESET "${good[@]}"
    one entry_not_reset "${hard[@]}" -Wl,-e,Other_Entry "${good[@]}"
    one too_big "${hard[@]}" -DFIX_BIG_IMAGE -L"$fx/mem/512k" -T"$fx/link.ld"
    one soft_float -mfloat-abi=softfp -mfpu=fpv4-sp-d16 "${good[@]}"
    one no_fpu -mfloat-abi=soft "${good[@]}"
    one overlap "${hard[@]}" -DFIX_OVERLAP -Wl,--no-check-sections -L"$fx/mem/good" \
        -T"$fx/link_overlap.ld"
    echo "fixtures: built $(ls "$out"/*.elf | wc -l) ELF files in $out"
}

# The good firmware linked with the kit's own memory.x and link.x, then
# checked: kit OUT SRC KITDIR F3KIT (exit 77 = skipped when link.x is absent).
kit() {
    local out=$1 src=$2 kitdir=$3 f3kit=$4
    if [ ! -f "$kitdir/memory.x" ] || [ ! -f "$kitdir/link.x" ]; then
        echo "skipped: $kitdir has no memory.x/link.x yet"
        exit 77
    fi
    setup "$src"
    mkdir -p "$out"
    "$cc" "${cpu[@]}" "${common[@]}" "${hard[@]}" -DFIX_KIT_LINK -L"$kitdir" -T"$kitdir/link.x" \
        "$fx/firmware.c" -lgcc -o "$out/good_kit.elf"
    expect "$f3kit" "$out/good_kit.elf" 0 "verdict: valid: 0 errors, 0 warnings"
}

expect() {
    local f3kit=$1 elf=$2 want=$3
    shift 3
    local args=()
    if [ "${1:-}" = "--args" ]; then
        read -r -a args <<<"$2"
        shift 2
    fi
    if [ ! -f "$elf" ]; then
        echo "missing fixture $elf (did check_fixtures_build run?)" >&2
        exit 1
    fi
    local out rc=0
    out=$("$f3kit" check "$elf" "${args[@]}" 2>&1) || rc=$?
    printf '%s\n' "$out"
    if [ "$rc" != "$want" ]; then
        echo "FAIL: exit status $rc, expected $want" >&2
        exit 1
    fi
    for p in "$@"; do
        if ! grep -qF -- "$p" <<<"$out"; then
            echo "FAIL: output lacks: $p" >&2
            exit 1
        fi
    done
    echo "ok: exit $rc, ${#} patterns found"
}

unreadable() {
    local f3kit=$1 path=$2 err out rc=0
    err=$(mktemp)
    out=$("$f3kit" check "$path" 2>"$err") || rc=$?
    local lines
    lines=$(wc -l <"$err")
    cat "$err"
    rm -f "$err"
    if [ "$rc" != 2 ]; then
        echo "FAIL: exit status $rc for $path, expected 2" >&2
        exit 1
    fi
    if [ "$lines" != 1 ] || [ -n "$out" ]; then
        echo "FAIL: expected exactly one line on stderr and nothing on stdout" >&2
        exit 1
    fi
}

case $cmd in
build) build "$@" ;;
kit) kit "$@" ;;
expect) expect "$@" ;;
unreadable) unreadable "$@" ;;
*) echo "fixtures.sh: unknown command $cmd" >&2; exit 2 ;;
esac
