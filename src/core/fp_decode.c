/* cpu_decode_fp: the FPv4-SP encodings of the coprocessor space (CP10 and
 * CP11), ARMv7-M ARM A6.4 (data processing), A6.5 (extension register
 * load/store), A6.6 (8/16/32-bit transfers), A6.7 (64-bit transfers).
 * Double-precision data processing does not exist on FPv4-SP: those
 * encodings, UNPREDICTABLE ones and T=1 forms return false (UNDEFINED).
 *
 * Cycle counts: Cortex-M4 TRM (DDI0439) table 7-1. */
#include "core/fp_exec.h"
#include "core/fp_ops.h"

/* Register numbers: a single is Vx:X, a double X:Vx. */
static unsigned sreg(unsigned v4, unsigned bit) { return v4 << 1 | bit; }
static unsigned dreg(unsigned v4, unsigned bit) { return bit << 4 | v4; }

static bool set(struct cpu_insn *out, cpu_exec_fn fn, unsigned cycles)
{
    out->fn = fn;
    out->cycles = (uint8_t)cycles;
    return true;
}

/* A6.4: VFP data processing. */
static bool decode_dp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    if (hw2 & 0x100) /* sz: double precision */
        return false;
    unsigned D = hw1 >> 6 & 1, opc1 = (hw1 >> 4 & 0xf) & 0xb, opc2 = hw1 & 0xf;
    unsigned N = hw2 >> 7 & 1, op = hw2 >> 6 & 1, M = hw2 >> 5 & 1;
    unsigned vd = hw2 >> 12 & 0xf, vm = hw2 & 0xf;
    out->rd = (uint8_t)sreg(vd, D);
    out->rn = (uint8_t)sreg(opc2, N);
    out->rm = (uint8_t)sreg(vm, M);
    static const int8_t dp[12][2] = {
        [0x0] = {FP_VMLA, FP_VMLS},  [0x1] = {FP_VNMLS, FP_VNMLA},
        [0x2] = {FP_VMUL, FP_VNMUL}, [0x3] = {FP_VADD, FP_VSUB},
        [0x8] = {FP_VDIV, -1},       [0x9] = {FP_VFNMS, FP_VFNMA},
        [0xa] = {FP_VFMA, FP_VFMS},  [0xb] = {-1, -1},
        [0x4] = {-1, -1}, [0x5] = {-1, -1}, [0x6] = {-1, -1}, [0x7] = {-1, -1},
    };
    if (opc1 != 0xb) {
        int o = dp[opc1][op];
        if (o < 0)
            return false;
        out->op = (uint8_t)o;
        unsigned cycles = 1;
        if (o == FP_VDIV)
            cycles = 14;
        else if (o == FP_VMLA || o == FP_VMLS || o == FP_VNMLA || o == FP_VNMLS ||
                 o >= FP_VFMA)
            cycles = 3;
        return set(out, fp_dp3_fn((enum fp_dp)o), cycles);
    }
    /* opc1 = 1x11: the "other" data-processing instructions. */
    if (op == 0) { /* VMOV.F32 #imm: bits 7, 5 are (0) */
        if (hw2 & 0xa0)
            return false;
        out->imm = fp_expand_imm((uint8_t)(opc2 << 4 | vm));
        return set(out, fp_x_vmov_imm, 1);
    }
    bool t = hw2 >> 7 & 1; /* opc3<1>: VABS/VSQRT, VCVTT, VCMPE, signed, round-to-zero */
    switch (opc2) {
    case 0x0: return set(out, t ? fp_x_vabs : fp_x_vmov_reg, 1);
    case 0x1: return t ? set(out, fp_x_vsqrt, 14) : set(out, fp_x_vneg, 1);
    case 0x2: case 0x3:
        out->op = (uint8_t)((t ? FP_CVT_TOP : 0) | (opc2 & 1 ? FP_CVT_TO_HALF : 0));
        return set(out, fp_x_cvt_half, 1);
    case 0x4:
        out->op = (uint8_t)(t ? FP_CMP_E : 0);
        return set(out, fp_x_cmp, 1);
    case 0x5: /* VCMP{E} Sd, #0.0: bits 5 and 3:0 are (0) */
        if (hw2 & 0x2f)
            return false;
        out->op = (uint8_t)((t ? FP_CMP_E : 0) | FP_CMP_ZERO);
        return set(out, fp_x_cmp, 1);
    case 0x8: /* VCVT.F32.<U|S>32: op (bit 7) = signed source */
        out->op = (uint8_t)(t ? FP_CVT_SIGNED : 0);
        return set(out, fp_x_cvt_int, 1);
    case 0xc: case 0xd: /* VCVT{R}.<U|S>32.F32: bit 7 = round toward zero */
        out->op = (uint8_t)(FP_CVT_TO_INT | (opc2 & 1 ? FP_CVT_SIGNED : 0) | (t ? FP_CVT_RZ : 0));
        return set(out, fp_x_cvt_int, 1);
    case 0xa: case 0xb: case 0xe: case 0xf: { /* VCVT fixed point, A7.7.45 */
        unsigned size = t ? 32 : 16, imm = (vm << 1 | M);
        if (imm > size)
            return false; /* frac_bits < 0: UNPREDICTABLE */
        out->imm = size - imm;
        out->op = (uint8_t)((opc2 & 4 ? FP_CVT_TO_INT : 0) | (opc2 & 1 ? 0 : FP_CVT_SIGNED) |
                            (t ? FP_CVT_32 : 0));
        return set(out, fp_x_cvt_fixed, 1);
    }
    default: /* 0110, 0111 (VCVT F64<->F32), 1001 */
        return false;
    }
}

/* A6.5: VLDR/VSTR, VLDM/VSTM (IA, DB!), VPUSH/VPOP (= VSTMDB/VLDMIA SP!). */
static bool decode_ldst(uint32_t hw1, uint32_t hw2, struct cpu_insn *out, bool dbl)
{
    unsigned P = hw1 >> 8 & 1, U = hw1 >> 7 & 1, D = hw1 >> 6 & 1, W = hw1 >> 5 & 1;
    unsigned L = hw1 >> 4 & 1, rn = hw1 & 0xf, vd = hw2 >> 12 & 0xf, imm8 = hw2 & 0xff;
    out->rn = (uint8_t)rn;
    unsigned first;
    if (dbl) {
        unsigned d = dreg(vd, D);
        if (d >= 16) /* D16-D31 do not exist on FPv4-SP */
            return false;
        first = 2 * d;
    } else {
        first = sreg(vd, D);
    }
    out->rd = (uint8_t)first;
    if (P == 1 && W == 0) { /* VLDR / VSTR */
        if (rn == 15 && !L)
            return false;
        out->op = dbl ? 2 : 1;
        out->imm = imm8 << 2;
        if (U)
            out->flags |= CPU_INSN_ADD;
        return set(out, L ? fp_x_vldr : fp_x_vstr, 1 + out->op);
    }
    if (P == U) /* P=U=1 with W=1, or P=U=0 (the 64-bit transfers, not here) */
        return false;
    if (rn == 15)
        return false;
    unsigned words = dbl ? imm8 & ~1u : imm8; /* FLDMX/FSTMX (odd imm8): one word skipped */
    if (words == 0 || first + words > 32 || (dbl && imm8 > 32))
        return false;
    out->op = (uint8_t)words;
    out->imm = imm8 << 2;
    out->flags |= (uint8_t)((U ? CPU_INSN_ADD : 0) | (W ? CPU_INSN_WBACK : 0));
    return set(out, L ? fp_x_vldm : fp_x_vstm, 1 + words);
}

/* A6.7: VMOV between two core registers and two singles or one double. */
static bool decode_mov64(uint32_t hw1, uint32_t hw2, struct cpu_insn *out, bool dbl)
{
    unsigned to_core = hw1 >> 4 & 1, rt2 = hw1 & 0xf, rt = hw2 >> 12 & 0xf;
    unsigned M = hw2 >> 5 & 1, vm = hw2 & 0xf;
    if ((hw2 & 0xd0) != 0x10) /* bits 7:6 = 00, bit 4 = 1 */
        return false;
    unsigned m = dbl ? 2 * dreg(vm, M) : sreg(vm, M);
    if (m >= 31 || (dbl && dreg(vm, M) >= 16))
        return false;
    if (rt == 13 || rt == 15 || rt2 == 13 || rt2 == 15 || (to_core && rt == rt2))
        return false;
    out->rd = (uint8_t)rt;
    out->ra = (uint8_t)rt2;
    out->rm = (uint8_t)m;
    return set(out, to_core ? fp_x_vmov2_to_core : fp_x_vmov2_from_core, 2);
}

/* A6.6: VMOV core <-> single, VMOV core <-> scalar (32-bit), VMRS, VMSR. */
static bool decode_xfer(uint32_t hw1, uint32_t hw2, struct cpu_insn *out, bool dbl)
{
    unsigned A = hw1 >> 5 & 7, L = hw1 >> 4 & 1, vn = hw1 & 0xf, rt = hw2 >> 12 & 0xf;
    unsigned N = hw2 >> 7 & 1;
    out->rd = (uint8_t)rt;
    if (!dbl) {
        if ((hw2 & 0x7f) != 0x10) /* bits 6:5 and 3:0 are (0), bit 4 is 1 */
            return false;
        if (A == 0) { /* VMOV Sn <-> Rt */
            if (rt == 13 || rt == 15)
                return false;
            out->rn = (uint8_t)sreg(vn, N);
            return set(out, L ? fp_x_vmov_to_core : fp_x_vmov_from_core, 1);
        }
        if (A == 7 && vn == 1 && N == 0) { /* VMRS / VMSR with FPSCR */
            if (L)
                return rt == 13 ? false : set(out, fp_x_vmrs, 1);
            return (rt == 13 || rt == 15) ? false : set(out, fp_x_vmsr, 1);
        }
        return false;
    }
    /* CP11: the 32-bit scalar forms, Dd[x] = S[2d + x] (opc1:opc2 = 0x00). */
    if ((hw2 & 0x7f) != 0x10 || (hw1 & 0x0040) || (hw1 & 0x0080))
        return false;
    unsigned d = dreg(vn, N), x = hw1 >> 5 & 1;
    if (d >= 16 || rt == 13 || rt == 15)
        return false;
    out->rn = (uint8_t)(2 * d + x);
    return set(out, L ? fp_x_vmov_to_core : fp_x_vmov_from_core, 1);
}

bool cpu_decode_fp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    unsigned coproc = hw2 >> 8 & 0xf;
    if ((hw1 & 0xec00) != 0xec00 || (hw1 & 0x1000) || (coproc != 10 && coproc != 11))
        return false;
    bool dbl = coproc == 11;
    unsigned op1 = hw1 >> 4 & 0x3f;
    if ((op1 & 0x3e) == 0x04)
        return decode_mov64(hw1, hw2, out, dbl);
    if ((op1 & 0x20) == 0)
        return (op1 & 0x3a) == 0 ? false : decode_ldst(hw1, hw2, out, dbl);
    if ((op1 & 0x30) == 0x20)
        return (hw2 & 0x10) ? decode_xfer(hw1, hw2, out, dbl)
                            : (dbl ? false : decode_dp(hw1, hw2, out));
    return false;
}
