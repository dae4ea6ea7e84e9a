/* FPv4-SP executors: register access and memory around the pure semantics
 * of fp_ops.h.  Each starts with cpu_fp_enter (CPACR check -> NOCP, lazy
 * state preservation, CONTROL.FPCA; ARMv7-M ARM B1.5.7 ExecuteFPCheck). */
#include <string.h>

#include "core/fp_exec.h"
#include "core/fp_ops.h"

#define FP_ENTER(cpu, insn)                \
    do {                                   \
        if (!cpu_fp_enter(cpu, insn))      \
            return CPU_EXEC_EXC;           \
    } while (0)

/* One executor per three-register operation, so the common ones (VADD,
 * VMUL, VMLA...) go straight to their arithmetic. */
#define FP_DP3(name, expr)                                                            \
    static int fp_x_##name(struct cpu *cpu, const struct cpu_insn *insn)              \
    {                                                                                 \
        FP_ENTER(cpu, insn);                                                          \
        uint32_t d = cpu->s[insn->rd], n = cpu->s[insn->rn], m = cpu->s[insn->rm];    \
        uint32_t *fpscr = &cpu->fpscr;                                                \
        (void)d;                                                                      \
        cpu->s[insn->rd] = (expr);                                                    \
        return CPU_EXEC_NEXT;                                                         \
    }
FP_DP3(vadd, fp_add(n, m, fpscr))
FP_DP3(vsub, fp_sub(n, m, fpscr))
FP_DP3(vmul, fp_mul(n, m, fpscr))
FP_DP3(vdiv, fp_div(n, m, fpscr))
FP_DP3(vmla, fp_add(d, fp_mul(n, m, fpscr), fpscr))
FP_DP3(vfma, fp_muladd(d, n, m, fpscr))
FP_DP3(other, fp_dp3((enum fp_dp)insn->op, d, n, m, fpscr))

cpu_exec_fn fp_dp3_fn(enum fp_dp op)
{
    switch (op) {
    case FP_VADD: return fp_x_vadd;
    case FP_VSUB: return fp_x_vsub;
    case FP_VMUL: return fp_x_vmul;
    case FP_VDIV: return fp_x_vdiv;
    case FP_VMLA: return fp_x_vmla;
    case FP_VFMA: return fp_x_vfma;
    default: return fp_x_other;
    }
}

int fp_x_vmov_imm(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->s[insn->rd] = insn->imm;
    return CPU_EXEC_NEXT;
}

int fp_x_vmov_reg(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->s[insn->rd] = cpu->s[insn->rm];
    return CPU_EXEC_NEXT;
}

int fp_x_vabs(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->s[insn->rd] = fp_abs(cpu->s[insn->rm]);
    return CPU_EXEC_NEXT;
}

int fp_x_vneg(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->s[insn->rd] = fp_neg(cpu->s[insn->rm]);
    return CPU_EXEC_NEXT;
}

int fp_x_vsqrt(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->s[insn->rd] = fp_sqrt(cpu->s[insn->rm], &cpu->fpscr);
    return CPU_EXEC_NEXT;
}

int fp_x_cvt_half(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    unsigned sh = (insn->op & FP_CVT_TOP) ? 16 : 0;
    if (insn->op & FP_CVT_TO_HALF) {
        uint32_t h = fp_single_to_half(cpu->s[insn->rm], &cpu->fpscr);
        cpu->s[insn->rd] = (cpu->s[insn->rd] & ~(0xffffu << sh)) | h << sh;
    } else {
        cpu->s[insn->rd] = fp_half_to_single((uint16_t)(cpu->s[insn->rm] >> sh), &cpu->fpscr);
    }
    return CPU_EXEC_NEXT;
}

int fp_x_cmp(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    uint32_t m = (insn->op & FP_CMP_ZERO) ? 0 : cpu->s[insn->rm];
    fp_compare(cpu->s[insn->rd], m, insn->op & FP_CMP_E, &cpu->fpscr);
    return CPU_EXEC_NEXT;
}

int fp_x_cvt_int(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    bool is_unsigned = !(insn->op & FP_CVT_SIGNED);
    uint32_t m = cpu->s[insn->rm];
    if (insn->op & FP_CVT_TO_INT)
        cpu->s[insn->rd] = fp_to_fixed(m, 32, 0, is_unsigned, insn->op & FP_CVT_RZ, &cpu->fpscr);
    else
        cpu->s[insn->rd] = fp_from_fixed(m, 32, 0, is_unsigned, &cpu->fpscr);
    return CPU_EXEC_NEXT;
}

int fp_x_cvt_fixed(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    bool is_unsigned = !(insn->op & FP_CVT_SIGNED);
    unsigned size = (insn->op & FP_CVT_32) ? 32 : 16;
    uint32_t d = cpu->s[insn->rd];
    if (insn->op & FP_CVT_TO_INT) /* always round toward zero (A7.7.45) */
        cpu->s[insn->rd] = fp_to_fixed(d, size, insn->imm, is_unsigned, true, &cpu->fpscr);
    else
        cpu->s[insn->rd] = fp_from_fixed(d, size, insn->imm, is_unsigned, &cpu->fpscr);
    return CPU_EXEC_NEXT;
}

/* Host pointers for `n` words at word-aligned `a` in one page of plain
 * memory with no watchpoints: then no access can fault or have a side
 * effect, and the words move without per-word checks.  NULL: take the
 * per-word path, which finds the fault if there is one. */
static const uint8_t *fp_words_rd(struct cpu *cpu, uint32_t a, unsigned n)
{
    if ((a & 3) || cpu->sys.watch_active)
        return NULL;
    return bus_read_ptr(cpu->bus, a, 4 * n);
}

static uint8_t *fp_words_wr(struct cpu *cpu, uint32_t a, unsigned n)
{
    if ((a & 3) || cpu->sys.watch_active)
        return NULL;
    return bus_write_ptr(cpu->bus, a, 4 * n);
}

/* Base address of VLDR/VSTR: the literal form uses Align(PC, 4). */
static uint32_t vldr_address(const struct cpu *cpu, const struct cpu_insn *insn)
{
    uint32_t base = insn->rn == 15 ? (insn->pc + 4) & ~3u : cpu->r[insn->rn];
    return (insn->flags & CPU_INSN_ADD) ? base + insn->imm : base - insn->imm;
}

/* The per-word paths: kept out of line so that the fast paths above them
 * need no stack frame. */
static __attribute__((noinline)) int vldr_words(struct cpu *cpu, const struct cpu_insn *insn,
                                                uint32_t a)
{
    uint32_t w[2];
    for (unsigned i = 0; i < insn->op; i++) {
        if (!cpu_check_align(cpu, insn, a + 4 * i, 4, true) ||
            !cpu_load(cpu, insn, a + 4 * i, 4, &w[i]))
            return CPU_EXEC_EXC;
    }
    for (unsigned i = 0; i < insn->op; i++)
        cpu->s[insn->rd + i] = w[i];
    return CPU_EXEC_NEXT;
}

static __attribute__((noinline)) int vstr_words(struct cpu *cpu, const struct cpu_insn *insn,
                                                uint32_t a)
{
    for (unsigned i = 0; i < insn->op; i++) {
        if (!cpu_check_align(cpu, insn, a + 4 * i, 4, true) ||
            !cpu_store(cpu, insn, a + 4 * i, 4, cpu->s[insn->rd + i]))
            return CPU_EXEC_EXC;
    }
    return CPU_EXEC_NEXT;
}

int fp_x_vldr(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    uint32_t a = vldr_address(cpu, insn);
    const uint8_t *p = fp_words_rd(cpu, a, insn->op);
    if (!p)
        return vldr_words(cpu, insn, a);
    memcpy(&cpu->s[insn->rd], p, 4 * (size_t)insn->op);
    return CPU_EXEC_NEXT;
}

int fp_x_vstr(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    uint32_t a = vldr_address(cpu, insn);
    uint8_t *p = fp_words_wr(cpu, a, insn->op);
    if (!p)
        return vstr_words(cpu, insn, a);
    memcpy(p, &cpu->s[insn->rd], 4 * (size_t)insn->op);
    return CPU_EXEC_NEXT;
}

/* VLDM/VSTM: a fault leaves the registers and the base untouched, so all
 * accesses come before the writeback. */
static uint32_t vldm_wback(const struct cpu *cpu, const struct cpu_insn *insn)
{
    uint32_t base = cpu->r[insn->rn];
    return (insn->flags & CPU_INSN_ADD) ? base + insn->imm : base - insn->imm;
}

static uint32_t vldm_start(const struct cpu *cpu, const struct cpu_insn *insn)
{
    uint32_t base = cpu->r[insn->rn];
    return (insn->flags & CPU_INSN_ADD) ? base : base - insn->imm;
}

static __attribute__((noinline)) int vldm_words(struct cpu *cpu, const struct cpu_insn *insn)
{
    uint32_t a = vldm_start(cpu, insn), w[32];
    for (unsigned i = 0; i < insn->op; i++) {
        if (!cpu_check_align(cpu, insn, a + 4 * i, 4, true) ||
            !cpu_load(cpu, insn, a + 4 * i, 4, &w[i]))
            return CPU_EXEC_EXC;
    }
    for (unsigned i = 0; i < insn->op; i++)
        cpu->s[insn->rd + i] = w[i];
    if (insn->flags & CPU_INSN_WBACK)
        cpu->r[insn->rn] = vldm_wback(cpu, insn);
    return CPU_EXEC_NEXT;
}

static __attribute__((noinline)) int vstm_words(struct cpu *cpu, const struct cpu_insn *insn)
{
    uint32_t a = vldm_start(cpu, insn);
    for (unsigned i = 0; i < insn->op; i++) {
        if (!cpu_check_align(cpu, insn, a + 4 * i, 4, true) ||
            !cpu_store(cpu, insn, a + 4 * i, 4, cpu->s[insn->rd + i]))
            return CPU_EXEC_EXC;
    }
    if (insn->flags & CPU_INSN_WBACK)
        cpu->r[insn->rn] = vldm_wback(cpu, insn);
    return CPU_EXEC_NEXT;
}

int fp_x_vldm(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    const uint8_t *p = fp_words_rd(cpu, vldm_start(cpu, insn), insn->op);
    if (!p)
        return vldm_words(cpu, insn);
    memcpy(&cpu->s[insn->rd], p, 4 * (size_t)insn->op);
    if (insn->flags & CPU_INSN_WBACK)
        cpu->r[insn->rn] = vldm_wback(cpu, insn);
    return CPU_EXEC_NEXT;
}

int fp_x_vstm(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    uint8_t *p = fp_words_wr(cpu, vldm_start(cpu, insn), insn->op);
    if (!p)
        return vstm_words(cpu, insn);
    memcpy(p, &cpu->s[insn->rd], 4 * (size_t)insn->op);
    if (insn->flags & CPU_INSN_WBACK)
        cpu->r[insn->rn] = vldm_wback(cpu, insn);
    return CPU_EXEC_NEXT;
}

int fp_x_vmov_to_core(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->r[insn->rd] = cpu->s[insn->rn];
    return CPU_EXEC_NEXT;
}

int fp_x_vmov_from_core(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->s[insn->rn] = cpu->r[insn->rd];
    return CPU_EXEC_NEXT;
}

int fp_x_vmov2_to_core(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->r[insn->rd] = cpu->s[insn->rm];
    cpu->r[insn->ra] = cpu->s[insn->rm + 1];
    return CPU_EXEC_NEXT;
}

int fp_x_vmov2_from_core(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->s[insn->rm] = cpu->r[insn->rd];
    cpu->s[insn->rm + 1] = cpu->r[insn->ra];
    return CPU_EXEC_NEXT;
}

int fp_x_vmrs(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    uint32_t v = cpu->fpscr;
    if (insn->rd == 15) { /* VMRS APSR_nzcv, FPSCR */
        cpu->apsr_n = v >> 31;
        cpu->apsr_z = v >> 30 & 1;
        cpu->apsr_c = v >> 29 & 1;
        cpu->apsr_v = v >> 28 & 1;
    } else {
        cpu->r[insn->rd] = v;
    }
    return CPU_EXEC_NEXT;
}

int fp_x_vmsr(struct cpu *cpu, const struct cpu_insn *insn)
{
    FP_ENTER(cpu, insn);
    cpu->fpscr = cpu->r[insn->rd] & FPSCR_WRITABLE;
    return CPU_EXEC_NEXT;
}
