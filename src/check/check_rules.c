/* The rule table: one function per rule; each writes a message that names
 * the values it judged, and on failure a hint that says how to fix it. */
#include <elf.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check/check.h"

#define EF_ARM_FLOAT_HARD 0x00000400u   /* EF_ARM_ABI_FLOAT_HARD (AAELF32 5.2) */
/* VTOR alignment (Arm DUI 0471 / 100748 "Vector Table Offset Register"): a
 * power of two, at least 128 bytes and at least 4 x the number of
 * exceptions: 98 slots -> 392 bytes -> 512. */
static uint32_t vtor_align(void)
{
    uint32_t a = 128;
    while (a < 4u * DEVICE_NUM_VECTORS)
        a <<= 1;
    return a;
}

static const char HINT_LINK[] = "link with the kit's memory.x and link.x (-T link.x)";

static void say(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, len, fmt, ap);
    va_end(ap);
}

#define MSG(...) say(msg, msglen, __VA_ARGS__)
#define HINT(...) say(hint, hintlen, __VA_ARGS__)
#define RULE_ARGS const struct check_ctx *c, char *msg, size_t msglen, char *hint, size_t hintlen
#define UNUSED_HINT (void)hint, (void)hintlen

static uint32_t region_last(const struct device_region *r)
{
    return r->base + r->size - 1;
}

static bool in_region(const struct device_region *r, uint32_t addr, uint32_t len)
{
    uint64_t end = (uint64_t)addr + (len ? len : 1);
    return r && addr >= r->base && end <= (uint64_t)r->base + r->size;
}

/* "FLASH (0x08000000..0x0803FFFF)" */
static const char *span(const struct device_region *r, char *buf, size_t len)
{
    if (!r)
        snprintf(buf, len, "(region missing from the device tables)");
    else
        snprintf(buf, len, "%s (0x%08" PRIX32 "..0x%08" PRIX32 ")", r->name, r->base,
                 region_last(r));
    return buf;
}

static bool is_load(const struct elf_segment *s)
{
    return s->type == PT_LOAD;
}

/* ---- the container ---------------------------------------------------- */

static enum check_status r_class(RULE_ARGS)
{
    UNUSED_HINT;
    bool ok = c->img->ei_class == ELFCLASS32 && c->img->ei_data == ELFDATA2LSB;
    MSG("ELF class %s, data %s", c->img->ei_class == ELFCLASS32 ? "ELF32" : "not ELF32",
        c->img->ei_data == ELFDATA2LSB ? "little-endian" : "not little-endian");
    return ok ? CHECK_PASS : CHECK_FAIL;
}

static enum check_status r_machine(RULE_ARGS)
{
    UNUSED_HINT;
    MSG("machine is %s (%u)%s", check_machine_name(c->img->e_machine), c->img->e_machine,
        c->img->e_machine == EM_ARM ? "" : ", not EM_ARM (40): this is not an Arm firmware");
    return c->img->e_machine == EM_ARM ? CHECK_PASS : CHECK_FAIL;
}

static enum check_status r_type(RULE_ARGS)
{
    uint16_t t = c->img->e_type;
    MSG("file type is %s (%u)%s", check_elf_type_name(t), t,
        t == ET_EXEC ? "" : ", not an executable (ET_EXEC)");
    if (t == ET_REL)
        HINT("this is an object file (compiled with -c); link it into an executable with "
             "arm-none-eabi-gcc ... -T link.x -o app.elf");
    else if (t == ET_DYN)
        HINT("link a static executable: drop -shared/-pie and link with -T link.x");
    return t == ET_EXEC ? CHECK_PASS : CHECK_FAIL;
}

static enum check_status r_eabi(RULE_ARGS)
{
    UNUSED_HINT;
    uint32_t v = c->img->e_flags >> 24;
    MSG("EABI version %" PRIu32 " (e_flags 0x%08" PRIx32 ")%s", v, c->img->e_flags,
        v == 5 ? "" : ", expected 5");
    return v == 5 ? CHECK_PASS : CHECK_WARN;
}

/* ---- placement --------------------------------------------------------- */

static enum check_status r_in_flash(RULE_ARGS)
{
    char b[64];
    if (c->f->any_in_flash) {
        MSG("the image programs %" PRIu32 " bytes, some of them into %s", c->f->flash_bytes,
            span(c->f->flash, b, sizeof b));
        return CHECK_PASS;
    }
    if (!c->f->flash_bytes)
        MSG("the image has no loadable bytes at all, so nothing goes into %s: it was linked "
            "without memory.x/link.x (or its sections were all discarded)",
            span(c->f->flash, b, sizeof b));
    else
        MSG("nothing is programmed into %s: none of the %" PRIu32 " loadable bytes lands there%s",
            span(c->f->flash, b, sizeof b), c->f->flash_bytes,
            c->f->no_link_script ? " (linked without the kit's memory.x/link.x)" : "");
    if (!c->f->no_link_script)
        HINT("memory.x must declare FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 256K");
    return CHECK_FAIL;
}

static enum check_status r_vtor(RULE_ARGS)
{
    const struct check_facts *f = c->f;
    if (f->vtor % vtor_align()) {
        MSG("vector table address 0x%08" PRIX32 " is not %" PRIu32
            "-byte aligned (SCB->VTOR needs it for %u vectors)",
            f->vtor, vtor_align(), DEVICE_NUM_VECTORS);
        HINT("pass a --vtor that is a multiple of 0x%" PRIX32, vtor_align());
        return CHECK_FAIL;
    }
    if (f->vec_section && f->vec_section_addr != f->vtor) {
        if (f->no_link_script) {
            MSG("the vector table (%s) is at 0x%08" PRIX32 ", not at 0x%08" PRIX32
                ": the firmware was linked without the kit's memory.x/link.x",
                f->vec_section, f->vec_section_addr, f->vtor);
            HINT("%s", HINT_LINK);
            return CHECK_FAIL;
        }
        MSG("the vector table (%s) is at 0x%08" PRIX32 ", not at 0x%08" PRIX32
            " where the core reads it at reset",
            f->vec_section, f->vec_section_addr, f->vtor);
        HINT("place the vector table first in FLASH (KEEP(*(.vector_table)) at the start of "
             "FLASH, as the kit's link.x does), or pass --vtor 0x%08" PRIX32
             " if a bootloader sets SCB->VTOR there",
             f->vec_section_addr);
        return CHECK_FAIL;
    }
    if (f->nvec < 2) {
        MSG("no vector table at 0x%08" PRIX32 ": the image programs %s there (the core reads the "
            "initial SP and the reset vector from it)",
            f->vtor, f->nvec ? "only 4 bytes" : "nothing");
        if (f->no_link_script)
            HINT("%s", HINT_LINK);
        return CHECK_FAIL;
    }
    MSG("vector table at 0x%08" PRIX32 ": %" PRIu32 " entries (%s)", f->vtor, f->nvec,
        f->vec_source);
    return CHECK_PASS;
}

static enum check_status r_entry_flash(RULE_ARGS)
{
    char b[64];
    uint32_t e = c->img->e_entry;
    if (in_region(c->f->flash, e & ~1u, 2)) {
        MSG("entry point 0x%08" PRIX32 " is in FLASH", e);
        return CHECK_PASS;
    }
    span(c->f->flash, b, sizeof b);
    if (e == 0)
        MSG("entry point 0x00000000 is not in %s: the firmware was linked without the kit's "
            "memory.x/link.x",
            b);
    else if (c->f->no_link_script)
        MSG("entry point 0x%08" PRIX32 " is not in %s: the firmware was linked without the kit's "
            "memory.x/link.x (ld's default script puts code at 0x00008000)",
            e, b);
    else if (!c->f->any_in_flash)
        MSG("entry point 0x%08" PRIX32 " is not in %s, and nothing is linked into FLASH: "
            "memory.x's FLASH region is not at 0x08000000",
            e, b);
    else
        MSG("entry point 0x%08" PRIX32 " is not in %s", e, b);
    if (!c->f->no_link_script && !c->f->any_in_flash)
        HINT("memory.x must declare FLASH (rx) : ORIGIN = 0x08000000, LENGTH = 256K");
    return CHECK_FAIL;
}

static enum check_status r_entry_thumb(RULE_ARGS)
{
    UNUSED_HINT;
    uint32_t e = c->img->e_entry;
    MSG("entry point 0x%08" PRIX32 " is %s", e,
        (e & 1) ? "odd (Thumb)" : "even: Cortex-M executes only Thumb code, bit 0 must be 1");
    return (e & 1) ? CHECK_PASS : CHECK_FAIL;
}

static enum check_status r_entry_reset(RULE_ARGS)
{
    UNUSED_HINT;
    if (c->f->nvec < 2) {
        MSG("no reset vector to compare the entry point with");
        return CHECK_SKIP;
    }
    uint32_t e = c->img->e_entry, r = c->f->vec[1];
    if (e == r) {
        MSG("entry point 0x%08" PRIX32 " equals the reset vector", e);
        return CHECK_PASS;
    }
    MSG("entry point 0x%08" PRIX32 " differs from the reset vector 0x%08" PRIX32
        ": the core starts at the reset vector, a debugger's `load` at the entry point",
        e, r);
    return CHECK_FAIL;
}

/* ---- the vector table -------------------------------------------------- */

static enum check_status r_sp_align(RULE_ARGS)
{
    UNUSED_HINT;
    if (c->f->nvec < 1) {
        MSG("no initial SP (no vector table)");
        return CHECK_SKIP;
    }
    uint32_t sp = c->f->vec[0];
    MSG("initial SP 0x%08" PRIX32 " is %s", sp,
        sp % 8 ? "not 8-byte aligned (AAPCS requires an 8-byte aligned stack)" : "8-byte aligned");
    return sp % 8 ? CHECK_FAIL : CHECK_PASS;
}

/* A full-descending stack's initial SP may equal a region's end. */
static bool sp_fits(const struct device_region *r, uint32_t sp)
{
    return r && sp > r->base && (uint64_t)sp <= (uint64_t)r->base + r->size;
}

static enum check_status r_sp_region(RULE_ARGS)
{
    UNUSED_HINT;
    const struct check_facts *f = c->f;
    if (f->nvec < 1) {
        MSG("no initial SP (no vector table)");
        return CHECK_SKIP;
    }
    uint32_t sp = f->vec[0];
    const struct device_region *r = sp_fits(f->ram, sp) ? f->ram : sp_fits(f->ccm, sp) ? f->ccm : NULL;
    if (r) {
        MSG("initial SP 0x%08" PRIX32 " is in %s%s", sp, r->name,
            (uint64_t)sp == (uint64_t)r->base + r->size ? " (its end)" : "");
        return CHECK_PASS;
    }
    char a[64], b[64];
    MSG("initial SP 0x%08" PRIX32 " is not in %s or %s (at most the region's end)", sp,
        span(f->ram, a, sizeof a), span(f->ccm, b, sizeof b));
    return CHECK_FAIL;
}

/* Bytes the stack can grow before it reaches statically allocated data. */
#define STACK_ROOM_MIN 1024u

static enum check_status r_stack_room(RULE_ARGS)
{
    UNUSED_HINT;
    const struct check_facts *f = c->f;
    if (f->nvec < 1) {
        MSG("no initial SP (no vector table)");
        return CHECK_SKIP;
    }
    uint32_t sp = f->vec[0];
    const struct device_region *r = sp_fits(f->ram, sp) ? f->ram : sp_fits(f->ccm, sp) ? f->ccm : NULL;
    if (!r) {
        MSG("the initial SP is not in RAM or CCM (see F3C021)");
        return CHECK_SKIP;
    }
    /* the highest end of data that lies below SP in the stack's region */
    uint64_t floor = r->base;
    for (size_t i = 0; i < c->img->nseg; i++) {
        const struct elf_segment *s = &c->img->seg[i];
        uint64_t end = (uint64_t)s->vaddr + s->memsz;
        if (is_load(s) && s->memsz && s->vaddr < sp && s->vaddr >= r->base && end > floor)
            floor = end;
    }
    if (floor > sp) {
        MSG("statically allocated data reaches 0x%08" PRIX32 ", past the initial SP 0x%08" PRIX32
            ": the first push overwrites it",
            (uint32_t)(floor - 1), sp);
        return CHECK_WARN;
    }
    uint32_t room = (uint32_t)(sp - floor);
    MSG("%" PRIu32 " bytes of %s between the end of static data (0x%08" PRIX32
        ") and the initial SP%s",
        room, r->name, (uint32_t)floor,
        room < STACK_ROOM_MIN ? ": less than 1 KiB for the stack" : "");
    return room < STACK_ROOM_MIN ? CHECK_WARN : CHECK_PASS;
}

static enum check_status r_reset_thumb(RULE_ARGS)
{
    UNUSED_HINT;
    if (c->f->nvec < 2) {
        MSG("no reset vector (no vector table)");
        return CHECK_SKIP;
    }
    uint32_t r = c->f->vec[1];
    MSG("reset vector 0x%08" PRIX32 " is %s", r,
        (r & 1) ? "odd (Thumb)"
                : "even: the core would take a UsageFault (INVSTATE) on its first instruction");
    return (r & 1) ? CHECK_PASS : CHECK_FAIL;
}

static enum check_status r_reset_flash(RULE_ARGS)
{
    UNUSED_HINT;
    if (c->f->nvec < 2) {
        MSG("no reset vector (no vector table)");
        return CHECK_SKIP;
    }
    char b[64];
    uint32_t r = c->f->vec[1];
    bool ok = in_region(c->f->flash, r & ~1u, 2);
    MSG("reset vector 0x%08" PRIX32 " is %s %s", r, ok ? "in" : "not in",
        span(c->f->flash, b, sizeof b));
    return ok ? CHECK_PASS : CHECK_FAIL;
}

static enum check_status r_vectors(RULE_ARGS)
{
    UNUSED_HINT;
    const struct check_facts *f = c->f;
    if (f->nvec < 3) {
        MSG("no exception or IRQ vectors to check");
        return CHECK_SKIP;
    }
    unsigned used = 0, bad = 0;
    uint32_t first = 0;
    for (uint32_t i = 2; i < f->nvec; i++) {
        if (!device_vectors[i].name || f->vec[i] == 0)
            continue;   /* reserved slot, or an unused vector left 0 */
        used++;
        uint32_t v = f->vec[i];
        if (!(v & 1) || !in_region(f->flash, v & ~1u, 2)) {
            if (!bad)
                first = i;
            bad++;
        }
    }
    if (!bad) {
        MSG("%u used exception/IRQ vectors are odd (Thumb) and in FLASH", used);
        return CHECK_PASS;
    }
    uint32_t v = f->vec[first];
    char b[64];
    MSG("vector %" PRIu32 " (%s) = 0x%08" PRIX32 " is %s%s", first, check_vector_name(first), v,
        (v & 1) ? "not in " : "even (not Thumb)",
        (v & 1) ? span(f->flash, b, sizeof b) : "");
    if (bad > 1) {
        size_t n = strlen(msg);
        say(msg + n, msglen - n, "; %u bad vectors in all", bad);
    }
    return CHECK_FAIL;
}

static enum check_status r_table_size(RULE_ARGS)
{
    UNUSED_HINT;
    const struct check_facts *f = c->f;
    if (f->nvec < 2) {
        MSG("no vector table to measure");
        return CHECK_SKIP;
    }
    if (f->nvec >= DEVICE_NUM_VECTORS) {
        MSG("the vector table has all %u slots (16 core + %u IRQs)", DEVICE_NUM_VECTORS,
            DEVICE_NUM_VECTORS - 16);
        return CHECK_PASS;
    }
    MSG("the vector table has %" PRIu32 " of the %u slots (%s): an interrupt numbered %" PRIu32
        " or above would fetch its handler from whatever follows the table",
        f->nvec, DEVICE_NUM_VECTORS, f->vec_source, f->nvec > 16 ? f->nvec - 16 : 0);
    return CHECK_WARN;
}

/* ---- segments ---------------------------------------------------------- */

static enum check_status r_load_addr(RULE_ARGS)
{
    UNUSED_HINT;
    char b[64];
    unsigned n = 0;
    for (size_t i = 0; i < c->img->nseg; i++) {
        const struct elf_segment *s = &c->img->seg[i];
        if (!is_load(s) || !s->filesz)
            continue;   /* no bytes to program */
        n++;
        if (!in_region(c->f->flash, s->paddr, s->filesz)) {
            MSG("segment %zu loads 0x%" PRIX32 " bytes at 0x%08" PRIX32 "..0x%08" PRIX32
                ", outside %s",
                i, s->filesz, s->paddr, (uint32_t)(s->paddr + s->filesz - 1),
                span(c->f->flash, b, sizeof b));
            return CHECK_FAIL;
        }
    }
    MSG("%u loadable segments are programmed inside FLASH", n);
    return CHECK_PASS;
}

static enum check_status r_run_addr(RULE_ARGS)
{
    UNUSED_HINT;
    const struct check_facts *f = c->f;
    unsigned n = 0;
    for (size_t i = 0; i < c->img->nseg; i++) {
        const struct elf_segment *s = &c->img->seg[i];
        if (!is_load(s) || !s->memsz)
            continue;
        n++;
        if (!in_region(f->flash, s->vaddr, s->memsz) && !in_region(f->ram, s->vaddr, s->memsz) &&
            !in_region(f->ccm, s->vaddr, s->memsz)) {
            MSG("segment %zu runs at 0x%08" PRIX32 "..0x%08" PRIX32
                ", which is not inside FLASH, RAM or CCM",
                i, s->vaddr, (uint32_t)(s->vaddr + s->memsz - 1));
            return CHECK_FAIL;
        }
    }
    MSG("%u loadable segments run inside FLASH, RAM or CCM", n);
    return CHECK_PASS;
}

/* First pair of PT_LOAD segments whose ranges overlap, in load space
 * (paddr, filesz) or run space (vaddr, memsz). */
static bool find_overlap(const struct elf_image *img, bool run, size_t *a, size_t *b)
{
    for (size_t i = 0; i < img->nseg; i++) {
        const struct elf_segment *s = &img->seg[i];
        uint64_t s0 = run ? s->vaddr : s->paddr, s1 = s0 + (run ? s->memsz : s->filesz);
        if (!is_load(s) || s1 == s0)
            continue;
        for (size_t j = i + 1; j < img->nseg; j++) {
            const struct elf_segment *t = &img->seg[j];
            uint64_t t0 = run ? t->vaddr : t->paddr, t1 = t0 + (run ? t->memsz : t->filesz);
            if (is_load(t) && t1 != t0 && s0 < t1 && t0 < s1) {
                *a = i;
                *b = j;
                return true;
            }
        }
    }
    return false;
}

static enum check_status overlap_rule(RULE_ARGS, bool run)
{
    UNUSED_HINT;
    size_t a, b;
    const char *what = run ? "run" : "load";
    if (!find_overlap(c->img, run, &a, &b)) {
        MSG("no two loadable segments overlap in %s space", what);
        return CHECK_PASS;
    }
    const struct elf_segment *s = &c->img->seg[a], *t = &c->img->seg[b];
    uint32_t s0 = run ? s->vaddr : s->paddr, t0 = run ? t->vaddr : t->paddr;
    uint32_t sn = run ? s->memsz : s->filesz, tn = run ? t->memsz : t->filesz;
    MSG("segments %zu (0x%08" PRIX32 "..0x%08" PRIX32 ") and %zu (0x%08" PRIX32 "..0x%08" PRIX32
        ") overlap in %s space",
        a, s0, (uint32_t)(s0 + sn - 1), b, t0, (uint32_t)(t0 + tn - 1), what);
    return CHECK_FAIL;
}

static enum check_status r_overlap_load(RULE_ARGS)
{
    return overlap_rule(c, msg, msglen, hint, hintlen, false);
}

static enum check_status r_overlap_run(RULE_ARGS)
{
    return overlap_rule(c, msg, msglen, hint, hintlen, true);
}

static enum check_status r_size(RULE_ARGS)
{
    UNUSED_HINT;
    uint32_t cap = c->f->flash ? c->f->flash->size : 0;
    uint32_t n = c->f->flash_bytes;
    double pct = cap ? 100.0 * n / cap : 0.0;
    MSG("image is %" PRIu32 " bytes, %.1f%% of the %" PRIu32 " KiB of FLASH%s", n, pct, cap / 1024,
        n > cap ? ": it does not fit" : "");
    return n <= cap ? CHECK_PASS : CHECK_FAIL;
}

/* ---- floating-point ABI ------------------------------------------------ */

static enum check_status r_float_flag(RULE_ARGS)
{
    UNUSED_HINT;
    bool hard = c->img->e_flags & EF_ARM_FLOAT_HARD;
    MSG("e_flags 0x%08" PRIx32 " %s", c->img->e_flags,
        hard ? "has EF_ARM_ABI_FLOAT_HARD (hard-float ABI)"
             : "lacks EF_ARM_ABI_FLOAT_HARD (0x400): a soft-float build; it runs, but does not "
               "match the kit's hard-float ABI");
    return hard ? CHECK_PASS : CHECK_WARN;
}

static enum check_status r_fp_arch(RULE_ARGS)
{
    UNUSED_HINT;
    const struct check_facts *f = c->f;
    if (!f->have_attrs) {
        MSG("no .ARM.attributes section: the FPU the image was built for is unknown");
        return CHECK_WARN;
    }
    if (!f->attrs_ok) {
        MSG("%s", f->attrs_err);
        return CHECK_WARN;
    }
    int a = f->attrs.fp_arch;
    MSG("Tag_FP_arch is %s%s", check_fp_arch_name(a),
        a == CHECK_FP_ARCH_VFPV4_D16 ? "" : ", expected VFPv4-D16 (the Cortex-M4F's FPv4-SP)");
    return a == CHECK_FP_ARCH_VFPV4_D16 ? CHECK_PASS : CHECK_WARN;
}

static enum check_status r_vfp_args(RULE_ARGS)
{
    UNUSED_HINT;
    const struct check_facts *f = c->f;
    if (!f->have_attrs || !f->attrs_ok) {
        MSG("no readable .ARM.attributes: the float calling convention is unknown");
        return CHECK_WARN;
    }
    int v = f->attrs.vfp_args;
    MSG("Tag_ABI_VFP_args is %s%s", check_vfp_args_name(v),
        v == CHECK_VFP_ARGS_VFP ? "" : ", expected VFP registers (hard-float)");
    return v == CHECK_VFP_ARGS_VFP ? CHECK_PASS : CHECK_WARN;
}

#define HINT_FLOAT                                                                               \
    "build with -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 (the kit's flags)"

const struct check_rule check_rules[] = {
    {"F3C001", CHECK_SEV_ERROR, "ELF32 little-endian", r_class,
     "build with arm-none-eabi-gcc, which writes ELF32 little-endian"},
    {"F3C002", CHECK_SEV_ERROR, "machine is EM_ARM", r_machine,
     "build with arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb, not the host compiler"},
    {"F3C003", CHECK_SEV_ERROR, "file is an executable (ET_EXEC)", r_type,
     "link a static executable: arm-none-eabi-gcc ... -T link.x -o app.elf"},
    {"F3C004", CHECK_SEV_WARNING, "Arm EABI version 5", r_eabi,
     "build with a current arm-none-eabi toolchain (EABI version 5)"},
    {"F3C010", CHECK_SEV_ERROR, "something is programmed into FLASH", r_in_flash, HINT_LINK},
    {"F3C011", CHECK_SEV_ERROR, "vector table at VTOR", r_vtor,
     "put the vector table at the start of FLASH (the kit's link.x keeps .vector_table first); "
     "pass --vtor only if a bootloader moves SCB->VTOR"},
    {"F3C012", CHECK_SEV_ERROR, "entry point in FLASH", r_entry_flash, HINT_LINK},
    {"F3C013", CHECK_SEV_ERROR, "entry point is Thumb (odd)", r_entry_thumb,
     "make the entry a Thumb function: build with -mthumb and ENTRY(Reset_Handler) in link.x"},
    {"F3C014", CHECK_SEV_ERROR, "entry point equals the reset vector", r_entry_reset,
     "make the reset handler the entry point: ENTRY(Reset_Handler) in link.x (as the kit's "
     "link.x does)"},
    {"F3C020", CHECK_SEV_ERROR, "initial SP 8-byte aligned", r_sp_align,
     "align the stack top to 8 bytes, e.g. _stack_start = ORIGIN(RAM) + LENGTH(RAM) in memory.x"},
    {"F3C021", CHECK_SEV_ERROR, "initial SP in RAM or CCM", r_sp_region,
     "set the stack top to the end of RAM (0x2000A000) or CCM (0x10002000): memory.x must "
     "declare RAM : ORIGIN = 0x20000000, LENGTH = 40K"},
    {"F3C022", CHECK_SEV_ERROR, "reset vector is Thumb (odd)", r_reset_thumb,
     "store the handler's address as a function pointer (the linker sets bit 0 for Thumb "
     "functions); do not add offsets by hand"},
    {"F3C023", CHECK_SEV_ERROR, "reset vector in FLASH", r_reset_flash,
     "the reset handler must be in FLASH: keep .text in FLASH in link.x"},
    {"F3C024", CHECK_SEV_ERROR, "used exception/IRQ vectors are Thumb and in FLASH", r_vectors,
     "fill the vector table with handler function pointers (0 for unused ones); handlers live in "
     "FLASH"},
    {"F3C025", CHECK_SEV_WARNING, "vector table has every device slot", r_table_size,
     "give the vector table all 98 slots (the kit's generated fw/rt/vectors.c does), with 0 or a "
     "default handler for unused ones"},
    {"F3C026", CHECK_SEV_WARNING, "room for the stack below the initial SP", r_stack_room,
     "leave at least 1 KiB between .bss and the stack: shrink static buffers, move some to "
     "CCMRAM, or put the stack in CCMRAM (_stack_start = 0x10002000)"},
    {"F3C030", CHECK_SEV_ERROR, "segments load into FLASH", r_load_addr,
     "everything programmed must be in FLASH: put .data's load address in FLASH with "
     "`> RAM AT > FLASH` (as the kit's link.x does)"},
    {"F3C031", CHECK_SEV_ERROR, "segments run in FLASH, RAM or CCM", r_run_addr,
     "memory.x must declare FLASH 0x08000000 256K, RAM 0x20000000 40K and CCMRAM 0x10000000 8K"},
    {"F3C032", CHECK_SEV_ERROR, "no overlapping segments in load space", r_overlap_load,
     "give each output section its own load address; do not place sections at fixed "
     "overlapping addresses in the linker script"},
    {"F3C033", CHECK_SEV_ERROR, "no overlapping segments in run space", r_overlap_run,
     "give each output section its own run address; do not place sections at fixed "
     "overlapping addresses in the linker script"},
    {"F3C034", CHECK_SEV_ERROR, "image fits in 256 KiB of FLASH", r_size,
     "shrink the image (-Os, -ffunction-sections -fdata-sections -Wl,--gc-sections) and keep "
     "memory.x's FLASH LENGTH = 256K"},
    {"F3C040", CHECK_SEV_WARNING, "hard-float ABI in e_flags", r_float_flag, HINT_FLOAT},
    {"F3C041", CHECK_SEV_WARNING, "FP architecture VFPv4-D16 (.ARM.attributes)", r_fp_arch,
     HINT_FLOAT},
    {"F3C042", CHECK_SEV_WARNING, "float arguments in VFP registers (.ARM.attributes)", r_vfp_args,
     HINT_FLOAT},
};

const size_t check_num_rules = sizeof check_rules / sizeof check_rules[0];
