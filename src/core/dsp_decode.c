/* cpu_decode_dsp: the ARMv7E-M DSP encodings the integer decoder hands
 * over (see insn.h): parallel add/subtract, QADD family, SEL (A5.3.12-15),
 * SXTAB16/UXTAB16/SXTB16/UXTB16, the DSP multiplies (A5.3.16, A5.3.17),
 * PKHBT/PKHTB (A5.3.11) and SSAT16/USAT16 (A5.3.3).  Every bit is checked;
 * UNPREDICTABLE register choices (SP, PC) are treated as UNDEFINED.
 * All of these take one cycle on the Cortex-M4 (DDI0439 3.3.1). */
#include "core/dsp_exec.h"
#include "core/dsp_ops.h"

static bool bad(unsigned r) { return r == 13 || r == 15; }

static bool set(struct cpu_insn *out, cpu_exec_fn fn, unsigned op)
{
    out->fn = fn;
    out->op = (uint8_t)op;
    out->cycles = 1;
    return true;
}

/* 1111 1010 xxxx Rn | 1111 Rd op2 Rm (A5.3.12). */
static bool decode_dp_reg(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    unsigned rn = hw1 & 0xf, rd = hw2 >> 8 & 0xf, rm = hw2 & 0xf;
    unsigned op1 = hw1 >> 4 & 0xf, op2 = hw2 >> 4 & 0xf;
    if ((hw2 & 0xf000) != 0xf000 || bad(rd) || bad(rm))
        return false;
    out->rd = (uint8_t)rd;
    out->rn = (uint8_t)rn;
    out->rm = (uint8_t)rm;
    if (!(op1 & 8)) { /* extend and add: only the 16-bit-lane forms are ours */
        if ((op2 & 0xc) != 0x8 || (op1 != 2 && op1 != 3) || rn == 13)
            return false;
        out->shift_n = (uint8_t)(op2 & 3);
        return set(out, dsp_x_xtab16, op1 == 2);
    }
    if (bad(rn))
        return false;
    if (!(op2 & 8)) { /* parallel add/subtract: op1<2:0>, U:H:Q in op2 */
        unsigned pop = op1 & 7, kind = op2 & 7;
        cpu_exec_fn fn = dsp_parallel_fn(kind, pop);
        return fn ? set(out, fn, kind << 3 | pop) : false;
    }
    if ((op2 & 0xc) != 0x8 || (op1 & 0xc) != 0x8) /* miscellaneous operations */
        return false;
    if ((op1 & 3) == 0) /* QADD QDADD QSUB QDSUB */
        return set(out, dsp_x_qaddsub, op2 & 3);
    if ((op1 & 3) == 2 && (op2 & 3) == 0)
        return set(out, dsp_x_sel, 0);
    return false;
}

/* 1111 1011 0 op1 Rn | Ra Rd 00 op2 Rm (A5.3.16), op1 != 000. */
static bool decode_mul(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    unsigned op1 = hw1 >> 4 & 7, rn = hw1 & 0xf, ra = hw2 >> 12, rd = hw2 >> 8 & 0xf;
    unsigned op2 = hw2 >> 4 & 3, rm = hw2 & 0xf;
    if ((hw2 & 0xc0) || bad(rd) || bad(rn) || bad(rm) || ra == 13)
        return false;
    bool acc = ra != 15;
    unsigned op;
    switch (op1) {
    case 1: op = (acc ? DSP_SMLABB : DSP_SMULBB) + op2; break;
    case 2: op = (acc ? DSP_SMLAD : DSP_SMUAD) + (op2 & 1); break;
    case 3: op = (acc ? DSP_SMLAWB : DSP_SMULWB) + (op2 & 1); break;
    case 4: op = (acc ? DSP_SMLSD : DSP_SMUSD) + (op2 & 1); break;
    case 5: op = (acc ? DSP_SMMLA : DSP_SMMUL) + (op2 & 1); break;
    case 6:
        if (!acc)
            return false;
        op = DSP_SMMLS + (op2 & 1);
        break;
    case 7:
        if (op2 != 0)
            return false;
        op = acc ? DSP_USADA8 : DSP_USAD8;
        break;
    default:
        return false;
    }
    if (op1 >= 2 && op1 <= 6 && (op2 & 2))
        return false;
    out->rd = (uint8_t)rd;
    out->rn = (uint8_t)rn;
    out->rm = (uint8_t)rm;
    out->ra = (uint8_t)ra;
    return set(out, dsp_x_mul32, op);
}

/* 1111 1011 1 op1 Rn | RdLo RdHi op2 Rm (A5.3.17). */
static bool decode_mull(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    unsigned op1 = hw1 >> 4 & 7, rn = hw1 & 0xf, lo = hw2 >> 12, hi = hw2 >> 8 & 0xf;
    unsigned op2 = hw2 >> 4 & 0xf, rm = hw2 & 0xf;
    unsigned op;
    if (op1 == 4 && (op2 & 0xc) == 0x8)
        op = DSP_SMLALBB + (op2 & 3);
    else if (op1 == 4 && (op2 & 0xe) == 0xc)
        op = DSP_SMLALD + (op2 & 1);
    else if (op1 == 5 && (op2 & 0xe) == 0xc)
        op = DSP_SMLSLD + (op2 & 1);
    else
        return false;
    if (bad(lo) || bad(hi) || bad(rn) || bad(rm) || lo == hi)
        return false;
    out->rd = (uint8_t)lo;
    out->ra = (uint8_t)hi;
    out->rn = (uint8_t)rn;
    out->rm = (uint8_t)rm;
    return set(out, dsp_x_mul64, op);
}

/* PKHBT/PKHTB: 1110 1010 110 S Rn | (0) imm3 Rd imm2 tb T Rm. */
static bool decode_pkh(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    unsigned rn = hw1 & 0xf, rd = hw2 >> 8 & 0xf, rm = hw2 & 0xf;
    if ((hw1 & 0xfff0) != 0xeac0 || (hw2 & 0x8010) || bad(rd) || bad(rn) || bad(rm))
        return false;
    out->rd = (uint8_t)rd;
    out->rn = (uint8_t)rn;
    out->rm = (uint8_t)rm;
    out->shift_n = (uint8_t)((hw2 >> 12 & 7) << 2 | (hw2 >> 6 & 3));
    return set(out, dsp_x_pkh, hw2 >> 5 & 1);
}

/* SSAT16/USAT16: 1111 0(0)11 U010 Rn | 0000 Rd 00(0)(0) sat_imm. */
static bool decode_sat16(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    unsigned rn = hw1 & 0xf, rd = hw2 >> 8 & 0xf, sat = hw2 & 0xf;
    bool u = hw1 & 0x80;
    if ((hw1 & 0xff70) != 0xf320 || (hw2 & 0xf0f0) || bad(rd) || bad(rn))
        return false;
    out->rd = (uint8_t)rd;
    out->rn = (uint8_t)rn;
    out->imm = u ? sat : sat + 1;
    return set(out, dsp_x_sat16, u);
}

bool cpu_decode_dsp(uint32_t hw1, uint32_t hw2, struct cpu_insn *out)
{
    hw1 &= 0xffff;
    hw2 &= 0xffff;
    if ((hw1 & 0xff00) == 0xfa00)
        return decode_dp_reg(hw1, hw2, out);
    if ((hw1 & 0xff80) == 0xfb00)
        return decode_mul(hw1, hw2, out);
    if ((hw1 & 0xff80) == 0xfb80)
        return decode_mull(hw1, hw2, out);
    if ((hw1 & 0xfff0) == 0xeac0)
        return decode_pkh(hw1, hw2, out);
    if ((hw1 & 0xff70) == 0xf320)
        return decode_sat16(hw1, hw2, out);
    return false;
}
