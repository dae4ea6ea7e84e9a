/* DSP executors: registers and APSR.GE/Q around dsp_ops.h. */
#include "core/dsp_exec.h"
#include "core/dsp_ops.h"
#include "core/dsp_parallel.h"

/* One executor per parallel instruction, each a constant instance of the
 * template (about 4x faster than the generic function). */
#define DSP_PAR(kind, op, name)                                                       \
    static int dsp_x_##name(struct cpu *cpu, const struct cpu_insn *insn)             \
    {                                                                                 \
        cpu->r[insn->rd] = dsp_parallel_inline(kind, op, cpu->r[insn->rn],            \
                                               cpu->r[insn->rm], &cpu->apsr_ge);      \
        return CPU_EXEC_NEXT;                                                         \
    }
#define DSP_PAR_KIND(kind, p)                                                         \
    DSP_PAR(kind, DSP_ADD8, p##add8) DSP_PAR(kind, DSP_ADD16, p##add16)               \
    DSP_PAR(kind, DSP_ASX, p##asx) DSP_PAR(kind, DSP_SUB8, p##sub8)                   \
    DSP_PAR(kind, DSP_SUB16, p##sub16) DSP_PAR(kind, DSP_SAX, p##sax)
DSP_PAR_KIND(DSP_S, s)
DSP_PAR_KIND(DSP_Q, q)
DSP_PAR_KIND(DSP_SH, sh)
DSP_PAR_KIND(DSP_U, u)
DSP_PAR_KIND(DSP_UQ, uq)
DSP_PAR_KIND(DSP_UH, uh)

#define DSP_PAR_ROW(p)                                                                \
    {dsp_x_##p##add8, dsp_x_##p##add16, dsp_x_##p##asx, NULL,                         \
     dsp_x_##p##sub8, dsp_x_##p##sub16, dsp_x_##p##sax, NULL}

cpu_exec_fn dsp_parallel_fn(unsigned kind, unsigned op)
{
    static const cpu_exec_fn table[8][8] = {
        [DSP_S] = DSP_PAR_ROW(s),  [DSP_Q] = DSP_PAR_ROW(q),   [DSP_SH] = DSP_PAR_ROW(sh),
        [DSP_U] = DSP_PAR_ROW(u),  [DSP_UQ] = DSP_PAR_ROW(uq), [DSP_UH] = DSP_PAR_ROW(uh),
    };
    return kind < 8 && op < 8 ? table[kind][op] : NULL;
}

int dsp_x_qaddsub(struct cpu *cpu, const struct cpu_insn *insn)
{
    cpu->r[insn->rd] = dsp_qaddsub((enum dsp_qop)insn->op, cpu->r[insn->rm], cpu->r[insn->rn],
                                   &cpu->apsr_q);
    return CPU_EXEC_NEXT;
}

int dsp_x_sel(struct cpu *cpu, const struct cpu_insn *insn)
{
    cpu->r[insn->rd] = dsp_sel(cpu->r[insn->rn], cpu->r[insn->rm], cpu->apsr_ge);
    return CPU_EXEC_NEXT;
}

int dsp_x_sat16(struct cpu *cpu, const struct cpu_insn *insn)
{
    cpu->r[insn->rd] = dsp_sat16(cpu->r[insn->rn], insn->imm, insn->op, &cpu->apsr_q);
    return CPU_EXEC_NEXT;
}

int dsp_x_pkh(struct cpu *cpu, const struct cpu_insn *insn)
{
    cpu->r[insn->rd] = dsp_pkh(cpu->r[insn->rn], cpu->r[insn->rm], insn->op, insn->shift_n);
    return CPU_EXEC_NEXT;
}

int dsp_x_xtab16(struct cpu *cpu, const struct cpu_insn *insn)
{
    uint32_t n = insn->rn == 15 ? 0 : cpu->r[insn->rn];
    cpu->r[insn->rd] = dsp_xtab16(n, cpu->r[insn->rm], insn->shift_n, insn->op);
    return CPU_EXEC_NEXT;
}

int dsp_x_mul32(struct cpu *cpu, const struct cpu_insn *insn)
{
    uint32_t a = insn->ra == 15 ? 0 : cpu->r[insn->ra];
    cpu->r[insn->rd] = dsp_mul32((enum dsp_mul)insn->op, cpu->r[insn->rn], cpu->r[insn->rm], a,
                                 &cpu->apsr_q);
    return CPU_EXEC_NEXT;
}

int dsp_x_mul64(struct cpu *cpu, const struct cpu_insn *insn)
{
    uint64_t acc = (uint64_t)cpu->r[insn->ra] << 32 | cpu->r[insn->rd];
    uint64_t r = dsp_mul64((enum dsp_mull)insn->op, cpu->r[insn->rn], cpu->r[insn->rm], acc);
    cpu->r[insn->rd] = (uint32_t)r;
    cpu->r[insn->ra] = (uint32_t)(r >> 32);
    return CPU_EXEC_NEXT;
}
