/* Fault reports for `f3kit run`: which exception the core is stuck in, the
 * fault status registers decoded (ARMv7-M ARM B3.2.15-B3.2.18), the stacked
 * exception frame and the faulting instruction, disassembled. */
#include <capstone/capstone.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "board/f3disco/board_priv.h"
#include "data/device.h"

struct out {
    char *buf;
    size_t len, used;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    if (o->used >= o->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->used += (size_t)n < o->len - o->used ? (size_t)n : o->len - o->used - 1;
}

static bool rd32(struct board *b, uint32_t addr, uint32_t *v)
{
    return bus_read(&b->bus, addr, 4, v);
}

bool board_boot_erased(struct board *b)
{
    uint32_t sp;
    /* The vector table the core booted from (flash aliased at 0, RM0316 3.5). */
    return rd32(b, 0, &sp) && sp == 0xffffffffu;
}

bool board_stuck_in_handler(struct board *b)
{
    uint32_t insn;
    if (b->cpu.ipsr == 0)
        return false;
    if (!bus_read(&b->bus, b->cpu.r[15], 2, &insn))
        return false;
    return insn == 0xe7fe;  /* b . */
}

static const char *exc_name(unsigned n)
{
    if (n < DEVICE_NUM_VECTORS && device_vectors[n].name)
        return device_vectors[n].name;
    return "reserved";
}

static void cfsr_bits(struct out *o, uint32_t cfsr, uint32_t hfsr)
{
    static const struct { uint32_t bit; const char *what; } bits[] = {
        {1u << 0, "IACCVIOL (instruction access violation)"},
        {1u << 1, "DACCVIOL (data access violation)"},
        {1u << 3, "MUNSTKERR (unstacking)"}, {1u << 4, "MSTKERR (stacking)"},
        {1u << 5, "MLSPERR (lazy FP state)"},
        {1u << 8, "IBUSERR (instruction bus error)"},
        {1u << 9, "PRECISERR (precise data bus error)"},
        {1u << 10, "IMPRECISERR (imprecise data bus error)"},
        {1u << 11, "UNSTKERR (unstacking)"}, {1u << 12, "STKERR (stacking)"},
        {1u << 13, "LSPERR (lazy FP state)"},
        {1u << 16, "UNDEFINSTR (undefined instruction)"},
        {1u << 17, "INVSTATE (invalid state: Thumb bit clear)"},
        {1u << 18, "INVPC (invalid EXC_RETURN)"}, {1u << 19, "NOCP (coprocessor: FPU off?)"},
        {1u << 24, "UNALIGNED (unaligned access)"}, {1u << 25, "DIVBYZERO (divide by zero)"},
    };
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (cfsr & bits[i].bit)
            put(o, "  fault: %s\n", bits[i].what);
    if (hfsr & (1u << 1))
        put(o, "  fault: VECTTBL (vector table read failed)\n");
    if (hfsr & (1u << 30))
        put(o, "  fault: FORCED (a configurable fault escalated to HardFault)\n");
    if (hfsr & (1u << 31))
        put(o, "  fault: DEBUGEVT (breakpoint without a debugger)\n");
}

static bool is_exc_return(uint32_t v)
{
    return (v & 0xffffffe0u) == 0xffffffe0u && ((v & 0xf) == 1 || (v & 0xf) == 9 || (v & 0xf) == 0xd);
}

static void disasm(struct out *o, struct board *b, uint32_t pc)
{
    uint8_t code[4];
    if (bus_read_block(&b->bus, pc & ~1u, code, 4) != 4) {
        put(o, "instruction: <unreadable at 0x%08x>\n", pc);
        return;
    }
    csh h;
    if (cs_open(CS_ARCH_ARM, CS_MODE_THUMB | CS_MODE_MCLASS, &h) != CS_ERR_OK) {
        put(o, "instruction: %02x%02x %02x%02x\n", code[1], code[0], code[3], code[2]);
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, code, 4, pc & ~1u, 1, &insn);
    if (n > 0) {
        put(o, "instruction: 0x%08x: %s %s\n", (uint32_t)insn[0].address, insn[0].mnemonic,
            insn[0].op_str);
        cs_free(insn, n);
    } else {
        put(o, "instruction: 0x%08x: %02x%02x (undecodable)\n", pc, code[1], code[0]);
    }
    cs_close(&h);
}

bool board_fault_report(struct board *b, char *buf, size_t len)
{
    struct cpu *c = &b->cpu;
    struct out o = {buf, len, 0};
    if (len)
        buf[0] = '\0';
    bool lockup = c->lockup;
    if (!lockup && c->ipsr == 0)
        return false;
    if (lockup && board_boot_erased(b))
        put(&o, "the vector table at 0x00000000 is erased (initial SP 0xFFFFFFFF): no firmware "
                "is programmed there, so the core could not boot\n");
    if (lockup)
        put(&o, "lockup: a fault while handling a fault (ARMv7-M B1.5.15), pc=0x%08x\n", c->r[15]);
    else
        put(&o, "in the %s handler (exception %u), pc=0x%08x\n", exc_name(c->ipsr), c->ipsr,
            c->r[15]);
    const struct armv7m *s = &c->sys;
    put(&o, "  CFSR=0x%08x HFSR=0x%08x", s->cfsr, s->hfsr);
    if (s->cfsr & (1u << 15))
        put(&o, " BFAR=0x%08x", s->bfar);
    if (s->cfsr & (1u << 7))
        put(&o, " MMFAR=0x%08x", s->mmfar);
    put(&o, "\n");
    cfsr_bits(&o, s->cfsr, s->hfsr);
    /* Find the frame exception entry pushed.  LR holds EXC_RETURN while
     * the handler has not called anything; otherwise its prologue pushed
     * it ("push {..., lr}"), so look for it on the stack just above SP. */
    uint32_t exc_return = 0, frame_sp = 0;
    if (is_exc_return(c->r[14])) {
        exc_return = c->r[14];
        frame_sp = (exc_return & 4) ? cpu_get_psp(c) : cpu_get_msp(c);
    } else {
        uint32_t sp = cpu_get_msp(c), w;
        for (uint32_t a = sp; a < sp + 256 && rd32(b, a, &w); a += 4) {
            if (is_exc_return(w)) {
                exc_return = w;
                frame_sp = (w & 4) ? cpu_get_psp(c) : a + 4;
                break;
            }
        }
    }
    uint32_t f[8];
    bool ok = exc_return != 0;
    for (unsigned i = 0; i < 8 && ok; i++)
        ok = rd32(b, frame_sp + 4 * i, &f[i]);
    if (ok && (f[7] & (1u << 24))) {
        put(&o, "  stacked frame at 0x%08x (%s):\n", frame_sp, (exc_return & 4) ? "PSP" : "MSP");
        put(&o, "    r0=0x%08x r1=0x%08x r2=0x%08x r3=0x%08x\n", f[0], f[1], f[2], f[3]);
        put(&o, "    r12=0x%08x lr=0x%08x pc=0x%08x xpsr=0x%08x\n", f[4], f[5], f[6], f[7]);
        put(&o, "  faulting ");
        disasm(&o, b, f[6]);
    } else {
        put(&o, "  registers: r0=0x%08x r1=0x%08x r2=0x%08x r3=0x%08x sp=0x%08x lr=0x%08x\n",
            c->r[0], c->r[1], c->r[2], c->r[3], c->r[13], c->r[14]);
        put(&o, "  current ");
        disasm(&o, b, c->r[15]);
    }
    return true;
}
