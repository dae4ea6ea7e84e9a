/* The instruction classes the differential tests cover; each is a ctest. */
#include "diff.h"

const struct diff_class diff_classes[] = {
    {"dp_imm", diff_gen_dp_imm, 4000, "data processing, modified and plain immediates"},
    {"dp_reg", diff_gen_dp_reg, 4000, "data processing, shifted register and register shifts"},
    {"dp16", diff_gen_dp16, 4000, "16-bit data processing, high registers, ADR, SP arithmetic"},
    {"mul", diff_gen_mul, 3000, "MUL MLA MLS, long multiplies"},
    {"div", diff_gen_div, 2000, "SDIV UDIV incl. division by zero"},
    {"ldst", diff_gen_ldst, 4000, "LDR/STR every T32 addressing mode, LDRD/STRD"},
    {"ldst16", diff_gen_ldst16, 3000, "16-bit loads/stores, exclusives"},
    {"ldm", diff_gen_ldm, 3000, "LDM/STM IA/DB, PUSH/POP"},
    {"bits", diff_gen_bits, 4000, "bitfield, reverse, extend, CLZ, SSAT/USAT, MOVW/MOVT"},
    {"it", diff_gen_it, 4000, "IT blocks with flag-setting bodies"},
    {"branch", diff_gen_branch, 3000, "B, B<c>, BL, BX, BLX, CBZ/CBNZ, TBB/TBH"},
    {"psr", diff_gen_psr, 2000, "MRS, MSR APSR_nzcvq/g"},
    {"misc", diff_gen_misc, 2000, "hints, barriers, PLD/PLI (no effect on state)"},
    {"dsp_simd", diff_gen_dsp_simd, 4000, "parallel add/subtract, GE, SEL"},
    {"dsp_sat", diff_gen_dsp_sat, 3000, "QADD.., SSAT16/USAT16, PKH, XTB16, USAD8"},
    {"dsp_mul", diff_gen_dsp_mul, 3000, "SMLA<x><y>, SMLAD, SMLAW, SMMLA, SMLAL<x><y>, SMLALD.."},
    {"fp_dp", diff_gen_fp_dp, 5000, "VADD..VDIV, VMLA.., VFMA.., VABS VNEG VSQRT VMOV"},
    {"fp_cvt", diff_gen_fp_cvt, 4000, "VCVT integer, fixed point, half precision"},
    {"fp_cmp", diff_gen_fp_cmp, 3000, "VCMP{E}, VMRS APSR_nzcv"},
    {"fp_mov", diff_gen_fp_mov, 3000, "VMOV core/FP, VMRS/VMSR FPSCR"},
    {"fp_ldst", diff_gen_fp_ldst, 3000, "VLDR VSTR VLDM VSTM VPUSH VPOP"},
    {"mix", diff_gen_mix, 3000, "sequences of 2-8 register-only instructions of all classes"},
};

const size_t diff_nclasses = sizeof diff_classes / sizeof diff_classes[0];
