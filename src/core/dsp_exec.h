/* Executors of the DSP extension instructions, chosen by cpu_decode_dsp
 * (dsp_decode.c).  Register fields are core register numbers; none is ever
 * 15 except as the "no register" marker noted below, so no executor reads
 * cpu->r[15].  Private to src/core. */
#ifndef F3KIT_DSP_EXEC_H
#define F3KIT_DSP_EXEC_H

#include "core/insn.h"

/* The executor of a parallel add/subtract (rd = rn op rm), by enum
 * dsp_par_kind and enum dsp_par_op; NULL for the UNDEFINED combinations. */
cpu_exec_fn dsp_parallel_fn(unsigned kind, unsigned op);
/* op = enum dsp_qop; rd = sat(rm +/- [2*]rn). */
int dsp_x_qaddsub(struct cpu *cpu, const struct cpu_insn *insn);
int dsp_x_sel(struct cpu *cpu, const struct cpu_insn *insn);
/* op: 1 USAT16, 0 SSAT16; imm: saturate-to bits. */
int dsp_x_sat16(struct cpu *cpu, const struct cpu_insn *insn);
/* op: 1 PKHTB, 0 PKHBT; shift_n: shift amount. */
int dsp_x_pkh(struct cpu *cpu, const struct cpu_insn *insn);
/* op: 1 signed; shift_n: rotation/8; rn 15: no addend (SXTB16/UXTB16). */
int dsp_x_xtab16(struct cpu *cpu, const struct cpu_insn *insn);
/* op = enum dsp_mul; ra: accumulator. */
int dsp_x_mul32(struct cpu *cpu, const struct cpu_insn *insn);
/* op = enum dsp_mull; rd: RdLo, ra: RdHi. */
int dsp_x_mul64(struct cpu *cpu, const struct cpu_insn *insn);

#endif
