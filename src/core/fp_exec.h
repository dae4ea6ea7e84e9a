/* Executors of the FPv4-SP instructions, chosen by cpu_decode_fp
 * (fp_decode.c).  Register fields of struct cpu_insn hold S-register
 * numbers (0..31) for FP operands and core register numbers for Rt/Rn, as
 * noted per function.  None reads cpu->r[15]: VLDR's literal form uses
 * insn->pc, and cpu_fp_enter sets r[15] itself for a NOCP fault.  Private to
 * src/core. */
#ifndef F3KIT_FP_EXEC_H
#define F3KIT_FP_EXEC_H

#include "core/fp_ops.h"
#include "core/insn.h"

/* op field of fp_x_cvt_int / fp_x_cvt_fixed / fp_x_cvt_half / fp_x_cmp */
#define FP_CVT_SIGNED 0x01u     /* integer side is signed */
#define FP_CVT_RZ 0x02u         /* float to integer rounds toward zero (VCVT, not VCVTR) */
#define FP_CVT_TO_INT 0x04u     /* float -> integer/fixed (else integer/fixed -> float) */
#define FP_CVT_32 0x08u         /* fixed point: 32-bit (else 16-bit) */
#define FP_CVT_TOP 0x10u        /* VCVTT: the top half of Sd/Sm */
#define FP_CVT_TO_HALF 0x20u    /* single -> half */
#define FP_CMP_E 0x01u          /* VCMPE */
#define FP_CMP_ZERO 0x02u       /* compare with +0.0 */

/* The executor of a three-register operation: rd, rn, rm are S registers,
 * insn->op the enum fp_dp. */
cpu_exec_fn fp_dp3_fn(enum fp_dp op);
/* rd = S register, imm = the expanded constant. */
int fp_x_vmov_imm(struct cpu *cpu, const struct cpu_insn *insn);
/* rd, rm: S registers. */
int fp_x_vmov_reg(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vabs(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vneg(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vsqrt(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_cvt_half(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_cmp(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_cvt_int(struct cpu *cpu, const struct cpu_insn *insn);
/* rd: S register converted in place; imm: fraction bits. */
int fp_x_cvt_fixed(struct cpu *cpu, const struct cpu_insn *insn);

/* rd: first S register; rn: base core register (15: Align(PC,4));
 * op: words; imm: offset in bytes; flags ADD. */
int fp_x_vldr(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vstr(struct cpu *cpu, const struct cpu_insn *insn);
/* rd: first S register; rn: base; op: words; imm: bytes the base moves;
 * flags ADD (increment after; else decrement before) and WBACK. */
int fp_x_vldm(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vstm(struct cpu *cpu, const struct cpu_insn *insn);

/* rn: S register, rd: Rt. */
int fp_x_vmov_to_core(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vmov_from_core(struct cpu *cpu, const struct cpu_insn *insn);
/* rm: first of two S registers, rd: Rt, ra: Rt2. */
int fp_x_vmov2_to_core(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vmov2_from_core(struct cpu *cpu, const struct cpu_insn *insn);
/* rd: Rt (15: APSR_nzcv). */
int fp_x_vmrs(struct cpu *cpu, const struct cpu_insn *insn);
int fp_x_vmsr(struct cpu *cpu, const struct cpu_insn *insn);

#endif
