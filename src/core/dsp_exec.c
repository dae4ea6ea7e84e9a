/* DSP executors: registers and APSR.GE/Q around dsp_ops.h. */
#include "core/dsp_exec.h"
#include "core/dsp_ops.h"

int dsp_x_parallel(struct cpu *cpu, const struct cpu_insn *insn)
{
    cpu->r[insn->rd] = dsp_parallel((enum dsp_par_kind)(insn->op >> 3),
                                    (enum dsp_par_op)(insn->op & 7), cpu->r[insn->rn],
                                    cpu->r[insn->rm], &cpu->apsr_ge);
    return CPU_EXEC_NEXT;
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
