/* Private to src/core: the executors the integer decoders choose from.
 * See insn.h for the contract every executor follows. */
#ifndef F3KIT_CORE_EXEC_H
#define F3KIT_CORE_EXEC_H

#include "core/insn.h"

/* Cycle cost of a pipeline refill after a taken branch (Cortex-M4 TRM
 * 3.3.1 "P": 1..3 depending on target alignment and speculation; the
 * zero-wait-state common case is modelled). */
#define CPU_P_REFILL 1u

/* ---- data processing: exec_alu.c ---- */
enum cpu_alu_op {
    CPU_ALU_AND, CPU_ALU_BIC, CPU_ALU_ORR, CPU_ALU_ORN, CPU_ALU_EOR,
    CPU_ALU_MOV, CPU_ALU_MVN, CPU_ALU_TST, CPU_ALU_TEQ,
    CPU_ALU_ADD, CPU_ALU_ADC, CPU_ALU_SUB, CPU_ALU_SBC, CPU_ALU_RSB,
    CPU_ALU_CMP, CPU_ALU_CMN,
    CPU_ALU_NOPS
};
/* Operand 2: immediate (insn->imm; insn->shift_t == 1 means the shifter
 * carry is insn->shift_n, else APSR.C), plain register Rm, or Rm shifted by
 * the constant (shift_t, shift_n) after DecodeImmShift. */
enum cpu_alu_mode { CPU_OPND_IMM, CPU_OPND_REG, CPU_OPND_RSH, CPU_OPND_NMODES };
cpu_exec_fn cpu_alu_fn(enum cpu_alu_op op, enum cpu_alu_mode mode, bool setflags);
/* The RSH form for a shift (type, n), specialised where it pays. */
cpu_exec_fn cpu_alu_shift_fn(enum cpu_alu_op op, unsigned type, unsigned n, bool setflags);

int cpu_x_shift_reg(struct cpu *, const struct cpu_insn *);    /* LSL/LSR/ASR/ROR Rd,Rn,Rm: shift_t */
int cpu_x_shift_reg_s(struct cpu *, const struct cpu_insn *);
int cpu_x_mul(struct cpu *, const struct cpu_insn *);          /* rd = rn * rm */
int cpu_x_mul_s(struct cpu *, const struct cpu_insn *);
int cpu_x_mla(struct cpu *, const struct cpu_insn *);          /* rd = ra + rn*rm */
int cpu_x_mls(struct cpu *, const struct cpu_insn *);
int cpu_x_smull(struct cpu *, const struct cpu_insn *);        /* rd = lo, ra = hi */
int cpu_x_umull(struct cpu *, const struct cpu_insn *);
int cpu_x_smlal(struct cpu *, const struct cpu_insn *);
int cpu_x_umlal(struct cpu *, const struct cpu_insn *);
int cpu_x_umaal(struct cpu *, const struct cpu_insn *);
int cpu_x_sdiv(struct cpu *, const struct cpu_insn *);
int cpu_x_udiv(struct cpu *, const struct cpu_insn *);
int cpu_x_extend(struct cpu *, const struct cpu_insn *);       /* op: 0 SXTH 1 UXTH 4 SXTB 5 UXTB; shift_t: add rn; shift_n = rotation */
int cpu_x_bfi(struct cpu *, const struct cpu_insn *);          /* shift_n = lsb, op = width; shift_t 0 = BFC */
int cpu_x_ubfx(struct cpu *, const struct cpu_insn *);
int cpu_x_sbfx(struct cpu *, const struct cpu_insn *);
int cpu_x_clz(struct cpu *, const struct cpu_insn *);
int cpu_x_rbit(struct cpu *, const struct cpu_insn *);
int cpu_x_rev(struct cpu *, const struct cpu_insn *);
int cpu_x_rev16(struct cpu *, const struct cpu_insn *);
int cpu_x_revsh(struct cpu *, const struct cpu_insn *);
int cpu_x_ssat(struct cpu *, const struct cpu_insn *);         /* op = saturate to, shift_t/shift_n */
int cpu_x_usat(struct cpu *, const struct cpu_insn *);
int cpu_x_movt(struct cpu *, const struct cpu_insn *);
int cpu_x_add_pc(struct cpu *, const struct cpu_insn *);       /* ADD PC, Rm (16-bit) */
int cpu_x_mov_pc(struct cpu *, const struct cpu_insn *);       /* MOV PC, Rm (16-bit) */

/* ---- memory: exec_mem.c ---- */
/* Single loads/stores.  op: size class below.  Address modes:
 *   imm: rn + imm; reg: rn + (rm << shift_n); lit: imm (absolute);
 *   idx: flags INDEX/ADD/WBACK with imm (pre/post-indexed). */
enum cpu_ls_kind { CPU_LS_W, CPU_LS_H, CPU_LS_SH, CPU_LS_B, CPU_LS_SB, CPU_LS_NKINDS };
enum cpu_ls_mode { CPU_AM_IMM, CPU_AM_REG, CPU_AM_LIT, CPU_AM_IDX, CPU_AM_NMODES };
cpu_exec_fn cpu_load_fn(enum cpu_ls_kind kind, enum cpu_ls_mode mode);
cpu_exec_fn cpu_store_fn(enum cpu_ls_kind kind, enum cpu_ls_mode mode);
int cpu_x_ldr_pc(struct cpu *, const struct cpu_insn *);       /* LDR PC, any mode (op = ls_mode) */
int cpu_x_ldrd(struct cpu *, const struct cpu_insn *);         /* rd = Rt, ra = Rt2; flags INDEX/WBACK; rn 15 = literal */
int cpu_x_strd(struct cpu *, const struct cpu_insn *);
int cpu_x_ldm(struct cpu *, const struct cpu_insn *);          /* imm = list, shift_n = its count; op 0 IA 1 DB; flags WBACK */
int cpu_x_stm(struct cpu *, const struct cpu_insn *);
int cpu_x_ldrex(struct cpu *, const struct cpu_insn *);        /* op = size; rd = Rt */
int cpu_x_strex(struct cpu *, const struct cpu_insn *);        /* op = size; rd = Rd(status); ra = Rt */
int cpu_x_clrex(struct cpu *, const struct cpu_insn *);
int cpu_x_tbb(struct cpu *, const struct cpu_insn *);          /* op 0 TBB 1 TBH */

/* ---- control: exec_ctrl.c ---- */
int cpu_x_b(struct cpu *, const struct cpu_insn *);            /* imm = target */
int cpu_x_bl(struct cpu *, const struct cpu_insn *);
int cpu_x_b_inline(struct cpu *, const struct cpu_insn *);     /* B/BL whose target follows */
int cpu_x_bl_inline(struct cpu *, const struct cpu_insn *);    /* in the same block */
int cpu_x_bx(struct cpu *, const struct cpu_insn *);
int cpu_x_blx(struct cpu *, const struct cpu_insn *);
int cpu_x_cbz(struct cpu *, const struct cpu_insn *);          /* op 0 CBZ 1 CBNZ */
int cpu_x_it(struct cpu *, const struct cpu_insn *);
int cpu_x_nop(struct cpu *, const struct cpu_insn *);
int cpu_x_hint(struct cpu *, const struct cpu_insn *);         /* op: 2 WFE 3 WFI 4 SEV */
int cpu_x_barrier(struct cpu *, const struct cpu_insn *);
int cpu_x_mrs(struct cpu *, const struct cpu_insn *);          /* imm = SYSm */
int cpu_x_msr(struct cpu *, const struct cpu_insn *);          /* imm = SYSm, op = mask */
int cpu_x_cps(struct cpu *, const struct cpu_insn *);          /* op: bit0 disable, bit1 I, bit2 F */
int cpu_x_svc(struct cpu *, const struct cpu_insn *);
int cpu_x_bkpt(struct cpu *, const struct cpu_insn *);         /* imm = imm8 */
int cpu_x_nocp(struct cpu *, const struct cpu_insn *);         /* coprocessor absent */

/* ---- decoders: decode16.c, decode32.c ---- */
void cpu_decode16(uint32_t hw1, struct cpu_insn *out);
void cpu_decode32(uint32_t hw1, uint32_t hw2, struct cpu_insn *out);
/* Is ITSTATE in force ("InITBlock()") for the instruction being decoded? */
static inline bool cpu_insn_in_it(const struct cpu_insn *i) { return i->it != 0; }
/* Last instruction of an IT block or outside one ("LastInITBlock()" or not in IT). */
static inline bool cpu_insn_last_or_out(const struct cpu_insn *i) { return (i->it & 0xf) == 8 || i->it == 0; }
static inline void cpu_insn_undef(struct cpu_insn *i)
{
    i->fn = cpu_exec_undefined;
    i->flags = CPU_INSN_END;
    i->cycles = 1;
}

#endif
