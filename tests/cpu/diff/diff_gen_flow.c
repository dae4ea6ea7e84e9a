/* Generators for control flow: IT blocks (A7.7.38) with ALU bodies whose
 * flag-setting and conditions interact, and every branch form (A5.3.4,
 * A5.2.6-A5.2.8): B<c>, B, B.W<c>, B.W, BL, BX, BLX, CBZ/CBNZ, TBB/TBH.
 * Branches start in the middle of the code window and land on a pad. */
#include "diff.h"

/* Emit landing pads up to halfword index `idx` so a program starts there. */
static void start_at(struct diff_prog *p, struct diff_state *st, unsigned idx)
{
    while (p->nhw < idx) {
        unsigned i = p->nhw;
        diff_emit16(p, (uint16_t)(0x2700u | (i & 0xffu)));
    }
    p->start_hw = idx;
    st->r[15] = diff_here(p);
}

static void it_block(struct diff_rng *g, struct diff_prog *p, struct diff_state *st, bool mem)
{
    unsigned len = 1 + diff_below(g, 4);
    unsigned cond = diff_below(g, 15);            /* 0..13, or 14 = AL */
    unsigned mask;
    if (cond == 14) {
        len = 1;
        mask = 8;                                  /* AL takes no Else */
    } else {
        /* mask[3..5-len] choose Then (= cond[0]) or Else, then a 1 ends it */
        mask = 1u << (4 - len);
        for (unsigned i = 0; i + 1 < len; i++)
            mask |= ((cond & 1) ^ diff_below(g, 2)) << (3 - i);
    }
    diff_emit16(p, (uint16_t)(0xbf00u | cond << 4 | mask));
    unsigned i = 0;
    if (mem && diff_below(g, 3) == 0) {
        /* A 16-bit load or store first in the block (its base register is
         * set up and no earlier instruction of the block changes it). */
        static const uint16_t op[] = {0x6000, 0x6800, 0x7000, 0x7800, 0x8000, 0x8800};
        static const uint32_t sz[] = {4, 4, 1, 1, 2, 2};
        unsigned k = diff_below(g, 6), rn = diff_lo(g);
        st->r[rn] = DIFF_RAM_BASE + sz[k] * diff_below(g, DIFF_RAM_SIZE / sz[k] - 32);
        diff_emit16(p, (uint16_t)(op[k] | diff_below(g, 32) << 6 | rn << 3 | diff_lo(g)));
        i = 1;
    }
    for (; i < len; i++) {
        /* Sometimes a CMP or a flag-setting 32-bit op, so later
         * instructions see flags written inside the block; sometimes a DSP
         * or FP instruction, which are conditional in IT blocks too.  (Each
         * of these generators emits exactly one instruction.) */
        static const diff_gen_fn one[] = {
            diff_gen_dsp_sat, diff_gen_dsp_mul, diff_gen_fp_dp, diff_gen_fp_cvt,
        };
        unsigned k = diff_below(g, 10);
        if (k < 2)
            diff_emit16(p, (uint16_t)(0x2800u | diff_lo(g) << 8 | (diff_rand(g) & 0xff)));
        else if (k < 4)
            one[diff_below(g, 4)](g, p, st);
        else
            diff_emit_alu(g, p, true);
    }
    p->steps = 1 + len;
}

void diff_gen_it(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    it_block(g, p, st, true);
}

/* IT blocks of register-only instructions, for sequences. */
static void it_nomem(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    it_block(g, p, st, false);
}

/* Branch offset that lands on a pad in the window, outside [lo, hi) (the
 * program itself), within +-range bytes, a multiple of 2; relative to
 * `from` (the PC value the instruction sees). */
static int32_t pick_target(struct diff_rng *g, uint32_t from, uint32_t lo, uint32_t hi,
                           int32_t min, int32_t max)
{
    for (;;) {
        int32_t off = (min + (int32_t)diff_below(g, (uint32_t)(max - min) / 2 + 1) * 2);
        uint32_t t = from + (uint32_t)off;
        if (t >= DIFF_CODE_BASE && t < DIFF_CODE_BASE + 2 * DIFF_CODE_HW && (t < lo || t >= hi))
            return off;
    }
}

static void emit_bl_like(struct diff_prog *p, int32_t off, uint16_t hw2base)
{
    uint32_t imm = (uint32_t)off >> 1;
    uint32_t s = (uint32_t)off >> 31;
    uint32_t i1 = imm >> 22 & 1, i2 = imm >> 21 & 1;
    uint32_t j1 = (~i1 & 1) ^ s, j2 = (~i2 & 1) ^ s;
    diff_emit32(p, (uint16_t)(0xf000u | s << 10 | (imm >> 11 & 0x3ff)),
                (uint16_t)(hw2base | j1 << 13 | j2 << 11 | (imm & 0x7ff)));
}

/* Word-aligned RAM address for a value popped or loaded into the PC, not
 * overlapping [avoid, avoid + len). */
static uint32_t ram_word(struct diff_rng *g)
{
    return DIFF_RAM_BASE + 4 * diff_below(g, DIFF_RAM_SIZE / 4 - 64);
}

static void put_word(struct diff_state *st, uint32_t addr, uint32_t v)
{
    uint32_t o = addr - DIFF_RAM_BASE;
    for (int i = 0; i < 4; i++)
        st->ram[o + (unsigned)i] = (uint8_t)(v >> (8 * i));
}

/* Writes to the PC other than branch instructions (A5.2.3, A5.3.5, A5.3.7):
 * POP {.., PC}, POP.W, LDR PC, LDM {.., PC}, MOV PC / ADD PC (BranchWritePC,
 * bit 0 ignored), and a B.W as the last instruction of an IT block. */
static void branch_to_pc(struct diff_rng *g, struct diff_prog *p, struct diff_state *st,
                         uint32_t pc, uint32_t lo, uint32_t hi)
{
    const int32_t win = 2 * DIFF_CODE_HW;
    uint32_t target = pc + (uint32_t)pick_target(g, pc, lo, hi, -win, win);
    switch (diff_below(g, 6)) {
    case 0: { /* POP {list, PC} from SP */
        uint32_t list = diff_rand(g) & 0xffu;
        put_word(st, DIFF_SP_INIT + 4u * (uint32_t)__builtin_popcount(list), target | 1u);
        diff_emit16(p, (uint16_t)(0xbd00u | list));
        return;
    }
    case 1: /* LDR.W PC, [SP], #4 (POP.W {pc}) */
        put_word(st, DIFF_SP_INIT, target | 1u);
        diff_emit32(p, 0xf85d, 0xfb04);
        return;
    case 2: { /* LDR PC, [Rn, #imm12] */
        unsigned rn = diff_reg(g);
        uint32_t a = ram_word(g), imm = 4 * diff_below(g, 64);
        st->r[rn] = a - imm;
        put_word(st, a, target | 1u);
        diff_emit32(p, (uint16_t)(0xf8d0u | rn), (uint16_t)(0xf000u | imm));
        return;
    }
    case 3: { /* LDM.W Rn{!}, {list, PC} */
        unsigned rn = diff_reg(g), w = diff_below(g, 2);
        uint32_t list = (diff_rand(g) & 0x1fffu & ~(1u << rn)) | 0x8000u;
        if (__builtin_popcount(list) < 2)
            list |= rn == 0 ? 2u : 1u;
        uint32_t a = ram_word(g);
        st->r[rn] = a;
        put_word(st, a + 4u * (uint32_t)(__builtin_popcount(list) - 1), target | 1u);
        diff_emit32(p, (uint16_t)(0xe890u | w << 5 | rn), (uint16_t)list);
        return;
    }
    case 4: { /* MOV PC, Rm / ADD PC, Rm */
        unsigned rm = diff_reg_lr(g);
        if (diff_below(g, 2)) {
            st->r[rm] = target | diff_below(g, 2);
            diff_emit16(p, (uint16_t)(0x4687u | rm << 3));
        } else {
            st->r[rm] = target - (pc + 4);
            diff_emit16(p, (uint16_t)(0x4487u | rm << 3));
        }
        return;
    }
    default: { /* IT <c>; B.W: taken or skipped by the condition */
        unsigned cond = diff_below(g, 14);
        diff_emit16(p, (uint16_t)(0xbf08u | cond << 4));
        emit_bl_like(p, pick_target(g, pc + 6, lo, hi + 2, -win, win), 0x9000u);
        p->steps = 3;
        if (!diff_cond_holds(cond, st))
            p->uc_skipped = 1;
        return;
    }
    }
}

void diff_gen_branch(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned mid = DIFF_CODE_HW / 2 + diff_below(g, 64) - 32;
    start_at(p, st, mid);
    uint32_t pc = diff_here(p), lo = pc, hi = pc + 8;
    const int32_t win = 2 * DIFF_CODE_HW;
    p->steps = 2;
    p->jumps = true;
    if (diff_below(g, 3) == 0) {
        branch_to_pc(g, p, st, pc, lo, hi);
        return;
    }
    switch (diff_below(g, 8)) {
    case 0: { /* B<c> (16-bit) */
        int32_t off = pick_target(g, pc + 4, lo, hi, -256, 254);
        diff_emit16(p, (uint16_t)(0xd000u | diff_below(g, 14) << 8 | ((uint32_t)off >> 1 & 0xff)));
        return;
    }
    case 1: { /* B (16-bit) */
        int32_t off = pick_target(g, pc + 4, lo, hi, -win, win);
        diff_emit16(p, (uint16_t)(0xe000u | ((uint32_t)off >> 1 & 0x7ff)));
        return;
    }
    case 2: { /* B<c>.W (T3) */
        int32_t off = pick_target(g, pc + 4, lo, hi, -win, win);
        uint32_t imm = (uint32_t)off >> 1, s = (uint32_t)off >> 31;
        uint32_t j1 = imm >> 17 & 1, j2 = imm >> 18 & 1;
        diff_emit32(p, (uint16_t)(0xf000u | s << 10 | diff_below(g, 14) << 6 | (imm >> 11 & 0x3f)),
                    (uint16_t)(0x8000u | j1 << 13 | j2 << 11 | (imm & 0x7ff)));
        return;
    }
    case 3: /* B.W (T4) and BL */
        emit_bl_like(p, pick_target(g, pc + 4, lo, hi, -win, win),
                     diff_below(g, 2) ? 0x9000u : 0xd000u);
        return;
    case 4: { /* BX / BLX register (Thumb bit set), BX LR */
        unsigned rm = diff_reg_lr(g);
        int32_t off = pick_target(g, pc, lo, hi, -win, win);
        st->r[rm] = (pc + (uint32_t)off) | 1u;
        diff_emit16(p, (uint16_t)(0x4700u | diff_below(g, 2) << 7 | rm << 3));
        return;
    }
    case 5: { /* CBZ / CBNZ: forward 0..126 */
        unsigned rn = diff_lo(g);
        if (diff_below(g, 2))
            st->r[rn] = 0;
        uint32_t off = 2 * diff_below(g, 64);
        if (pc + 4 + off < hi)
            off = hi - pc - 4;
        diff_emit16(p, (uint16_t)(0xb100u | diff_below(g, 2) << 11 | (off >> 6) << 9 |
                                  (off >> 1 & 0x1f) << 3 | rn));
        return;
    }
    default: { /* TBB / TBH with the table in RAM, or after the instruction (Rn = PC) */
        unsigned h = diff_below(g, 2);
        unsigned rm = diff_reg(g);
        unsigned entries = 1 + diff_below(g, 8);
        uint32_t idx = diff_below(g, entries);
        st->r[rm] = idx;
        if (diff_below(g, 2)) {
            unsigned rn = diff_reg(g);
            while (rn == rm)
                rn = diff_reg(g);
            uint32_t a = DIFF_RAM_BASE + 2 * diff_below(g, DIFF_RAM_SIZE / 2 - 16);
            st->r[rn] = a - (idx << h);
            /* forward from pc + 4, past the instruction itself */
            uint32_t max = (DIFF_CODE_BASE + 2 * DIFF_CODE_HW - (pc + 4)) / 2 - 1;
            uint32_t e = diff_below(g, max < 255 || h ? max : 255);
            uint32_t at = a - DIFF_RAM_BASE;
            st->ram[at] = (uint8_t)e;
            if (h)
                st->ram[at + 1] = (uint8_t)(e >> 8);
            diff_emit32(p, (uint16_t)(0xe8d0u | rn), (uint16_t)(0xf000u | h << 4 | rm));
        } else {
            diff_emit32(p, (uint16_t)0xe8dfu, (uint16_t)(0xf000u | h << 4 | rm));
            /* The table follows; targets go past it. */
            unsigned table_hw = h ? entries : (entries + 1) / 2;
            uint8_t tb[16] = {0};
            for (unsigned i = 0; i < entries; i++) {
                uint32_t e = table_hw + diff_below(g, 100);
                if (h) {
                    tb[2 * i] = (uint8_t)e;
                    tb[2 * i + 1] = (uint8_t)(e >> 8);
                } else {
                    tb[i] = (uint8_t)e;
                }
            }
            for (unsigned i = 0; i < table_hw; i++)
                diff_emit16(p, (uint16_t)(tb[2 * i] | tb[2 * i + 1] << 8));
        }
        return;
    }
    }
}

/* MSR APSR then MRS APSR (no CONTROL, whose Unicorn value needs a fix-up
 * that only holds for the last instruction). */
static void apsr_only(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    (void)st;
    unsigned rn = diff_reg(g), rd = diff_reg(g);
    diff_emit32(p, (uint16_t)(0xf380u | rn), (uint16_t)(0x8000u | (1 + diff_below(g, 3)) << 10));
    diff_emit32(p, 0xf3ef, (uint16_t)(0x8000u | rd << 8));
    p->steps = 2;
}

/* Straight-line sequences of 2-8 instructions drawn from the register-only
 * classes (integer, DSP, FP, IT blocks, MSR/MRS APSR): flags, GE, Q and FPSCR written by
 * one instruction are read by the next, and with cpu_diff --run the whole
 * sequence is one predecoded block. */
void diff_gen_mix(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    static const diff_gen_fn gens[] = {
        diff_gen_dp_imm, diff_gen_dp_reg, diff_gen_dp16, diff_gen_mul, diff_gen_div,
        diff_gen_bits, it_nomem, diff_gen_dsp_simd, diff_gen_dsp_sat, diff_gen_dsp_mul,
        diff_gen_fp_dp, diff_gen_fp_cvt, diff_gen_fp_cmp, diff_gen_fp_mov, apsr_only,
    };
    unsigned n = 2 + diff_below(g, 7), steps = 0;
    for (unsigned i = 0; i < n; i++) {
        gens[diff_below(g, sizeof gens / sizeof gens[0])](g, p, st);
        steps += p->steps;
    }
    p->steps = steps;
}
