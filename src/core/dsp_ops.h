/* The ARMv7E-M DSP extension as pure functions (ARMv7-M ARM A7.7; the
 * instruction pages of SADD16..USAT16).  Flags are returned through
 * pointers: GE[3:0] for the plain S/U parallel forms and SEL, the sticky Q
 * flag (set, never cleared) for the saturating and accumulating forms. */
#ifndef F3KIT_DSP_OPS_H
#define F3KIT_DSP_OPS_H

#include <stdbool.h>
#include <stdint.h>

/* Parallel add/subtract: the operation (encoding field op1, A5.3.13)... */
enum dsp_par_op {
    DSP_ADD8 = 0, DSP_ADD16 = 1, DSP_ASX = 2, DSP_SUB8 = 4, DSP_SUB16 = 5, DSP_SAX = 6,
};
/* ...and the prefix (U bit and op2): S Q SH, U UQ UH. */
enum dsp_par_kind {
    DSP_S = 0, DSP_Q = 1, DSP_SH = 2, DSP_U = 4, DSP_UQ = 5, DSP_UH = 6,
};
/* *ge is written only by the S and U forms. */
uint32_t dsp_parallel(enum dsp_par_kind kind, enum dsp_par_op op, uint32_t n, uint32_t m,
                      uint32_t *ge);

/* QADD/QDADD/QSUB/QDSUB (encoding op2 order): Rd = sat(Rm +/- [2*]Rn). */
enum dsp_qop { DSP_QADD, DSP_QDADD, DSP_QSUB, DSP_QDSUB };
uint32_t dsp_qaddsub(enum dsp_qop op, uint32_t m, uint32_t n, uint32_t *q);

/* SSAT16 (sat 1..16) / USAT16 (sat 0..15) on each halfword. */
uint32_t dsp_sat16(uint32_t n, unsigned sat, bool is_unsigned, uint32_t *q);
/* SEL: each byte from n where GE[i], else from m. */
uint32_t dsp_sel(uint32_t n, uint32_t m, uint32_t ge);
/* PKHBT (tb false: m LSL shift) / PKHTB (tb: m ASR shift, 0 meaning 32). */
uint32_t dsp_pkh(uint32_t n, uint32_t m, bool tb, unsigned shift);
/* SXTAB16/UXTAB16 (add) and SXTB16/UXTB16 (n = 0): bytes 0 and 2 of
 * ROR(m, 8*rot) extended to halfwords and added to n's halfwords. */
uint32_t dsp_xtab16(uint32_t n, uint32_t m, unsigned rot, bool is_signed);

/* 32-bit multiplies (A5.3.16).  `a` is the accumulator (Ra), ignored by
 * the non-accumulating forms. */
enum dsp_mul {
    DSP_SMLABB, DSP_SMLABT, DSP_SMLATB, DSP_SMLATT,
    DSP_SMULBB, DSP_SMULBT, DSP_SMULTB, DSP_SMULTT,
    DSP_SMLAD, DSP_SMLADX, DSP_SMUAD, DSP_SMUADX,
    DSP_SMLAWB, DSP_SMLAWT, DSP_SMULWB, DSP_SMULWT,
    DSP_SMLSD, DSP_SMLSDX, DSP_SMUSD, DSP_SMUSDX,
    DSP_SMMLA, DSP_SMMLAR, DSP_SMMUL, DSP_SMMULR,
    DSP_SMMLS, DSP_SMMLSR,
    DSP_USADA8, DSP_USAD8,
    DSP_MUL_COUNT
};
uint32_t dsp_mul32(enum dsp_mul op, uint32_t n, uint32_t m, uint32_t a, uint32_t *q);
const char *dsp_mul_name(enum dsp_mul op);

/* 64-bit accumulating multiplies (A5.3.17): acc is RdHi:RdLo. */
enum dsp_mull {
    DSP_SMLALBB, DSP_SMLALBT, DSP_SMLALTB, DSP_SMLALTT,
    DSP_SMLALD, DSP_SMLALDX, DSP_SMLSLD, DSP_SMLSLDX,
    DSP_MULL_COUNT
};
uint64_t dsp_mul64(enum dsp_mull op, uint32_t n, uint32_t m, uint64_t acc);
const char *dsp_mull_name(enum dsp_mull op);

#endif
