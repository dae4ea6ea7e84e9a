/* FPv4-SP semantics as pure functions on raw IEEE-754 bits.
 *
 * Every function follows the FP pseudocode of the ARMv7-M ARM (DDI0403E,
 * A2.5 and the instruction pages of A7.7): operands are unpacked with
 * FPSCR.FZ (input denormals flushed, IDC), NaNs are propagated (signalling
 * before quiet, first operand first, quieted; FPSCR.DN gives the default
 * NaN), and results are rounded once by FPRound (tininess detected before
 * rounding; FZ flushes tiny results with UFC and no IXC).
 *
 * `fpscr` is read for RMode/FZ/DN/AHP and receives the cumulative exception
 * bits (IOC DZC OFC UFC IXC IDC); nothing else in it is changed except by
 * fp_compare, which writes N Z C V.  No host floating point is used. */
#ifndef F3KIT_FP_OPS_H
#define F3KIT_FP_OPS_H

#include <stdbool.h>
#include <stdint.h>

/* FPSCR fields (ARMv7-M ARM A2.5.3). */
#define FPSCR_N (1u << 31)
#define FPSCR_Z (1u << 30)
#define FPSCR_C (1u << 29)
#define FPSCR_V (1u << 28)
#define FPSCR_NZCV 0xf0000000u
#define FPSCR_AHP (1u << 26)
#define FPSCR_DN (1u << 25)
#define FPSCR_FZ (1u << 24)
#define FPSCR_RMODE_SHIFT 22
#define FPSCR_RMODE_MASK (3u << FPSCR_RMODE_SHIFT)
#define FPSCR_IOC (1u << 0)
#define FPSCR_DZC (1u << 1)
#define FPSCR_OFC (1u << 2)
#define FPSCR_UFC (1u << 3)
#define FPSCR_IXC (1u << 4)
#define FPSCR_IDC (1u << 7)
#define FPSCR_EXC_MASK 0x9fu
/* Bits software can write on FPv4-SP; the rest read as zero. */
#define FPSCR_WRITABLE 0xf7c0009fu

enum fp_rmode { FP_RN = 0, FP_RP = 1, FP_RM = 2, FP_RZ = 3 };

#define FP_DEFAULT_NAN 0x7fc00000u

/* Three-register data-processing operations (A7.7): d is the destination's
 * old value, used by the multiply-accumulate forms. */
enum fp_dp {
    FP_VMLA, FP_VMLS, FP_VNMLA, FP_VNMLS,   /* separately rounded: d +/- n*m */
    FP_VMUL, FP_VNMUL, FP_VADD, FP_VSUB, FP_VDIV,
    FP_VFMA, FP_VFMS, FP_VFNMA, FP_VFNMS,   /* fused: one rounding */
    FP_DP_COUNT
};

/* Core operations (names as in the pseudocode). */
uint32_t fp_add(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_sub(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_mul(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_div(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t fp_sqrt(uint32_t a, uint32_t *fpscr);
/* FPMulAdd: addend + op1 * op2 with a single rounding (VFMA). */
uint32_t fp_muladd(uint32_t addend, uint32_t op1, uint32_t op2, uint32_t *fpscr);
static inline uint32_t fp_neg(uint32_t a) { return a ^ 0x80000000u; }
static inline uint32_t fp_abs(uint32_t a) { return a & 0x7fffffffu; }

/* The result of a three-register data-processing instruction. */
uint32_t fp_dp3(enum fp_dp op, uint32_t d, uint32_t n, uint32_t m, uint32_t *fpscr);
const char *fp_dp_name(enum fp_dp op);

/* FPCompare: sets FPSCR.NZCV (0110 equal, 1000 less, 0010 greater, 0011
 * unordered).  quiet_nan_exc (VCMPE) raises IOC for quiet NaNs too. */
void fp_compare(uint32_t a, uint32_t b, bool quiet_nan_exc, uint32_t *fpscr);

/* FPToFixed: float to a `size`-bit (16 or 32) integer with `fbits` fraction
 * bits, saturating with IOC.  round_zero: VCVT (and all fixed-point forms);
 * otherwise FPSCR.RMode (VCVTR).  16-bit results are sign/zero extended. */
uint32_t fp_to_fixed(uint32_t a, unsigned size, unsigned fbits, bool is_unsigned,
                     bool round_zero, uint32_t *fpscr);
/* FixedToFP: the low `size` bits of x (extended by signedness) / 2^fbits,
 * rounded with FPSCR.RMode. */
uint32_t fp_from_fixed(uint32_t x, unsigned size, unsigned fbits, bool is_unsigned,
                       uint32_t *fpscr);

/* VCVTB/VCVTT conversions; FPSCR.AHP selects the alternative format. */
uint16_t fp_single_to_half(uint32_t a, uint32_t *fpscr);
uint32_t fp_half_to_single(uint16_t h, uint32_t *fpscr);

/* VFPExpandImm for VMOV.F32 #imm (A6.4.1). */
uint32_t fp_expand_imm(uint8_t imm8);

#endif
