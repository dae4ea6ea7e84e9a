/* Generators for loads and stores: every T32 addressing mode (A5.3.7-A5.3.10),
 * LDRD/STRD and exclusives (A5.3.6), the 16-bit forms (A5.2.4), and
 * LDM/STM/PUSH/POP (A5.3.5, A5.2.5).  Every access lands in the RAM window;
 * accesses the Cortex-M4 requires aligned (LDRD, LDM, exclusives) are. */
#include "diff.h"

/* Random address of `size` bytes inside the RAM window, a multiple of `align`. */
static uint32_t ram_addr(struct diff_rng *g, uint32_t size, uint32_t align)
{
    uint32_t a = diff_below(g, DIFF_RAM_SIZE - size + 1);
    if (diff_below(g, 4) == 0) {
        /* straddle a 1 KiB bus page boundary (the core's fast path stops
         * at pages) */
        uint32_t edge = 1024u * (1 + diff_below(g, DIFF_RAM_SIZE / 1024 - 1));
        uint32_t back = 1 + diff_below(g, size < 8 ? size : 8);
        a = edge >= back ? edge - back : 0;
        if (a + size > DIFF_RAM_SIZE)
            a = DIFF_RAM_SIZE - size;
    }
    return DIFF_RAM_BASE + a / align * align;
}

/* A base register other than `avoid` (may be r0-r12 or SP). */
static unsigned base_reg(struct diff_rng *g, unsigned avoid)
{
    for (;;) {
        unsigned r = diff_below(g, 8) == 0 ? 13 : diff_reg(g);
        if (r != avoid)
            return r;
    }
}

/* Sizes by the T32 size field (hw1 bits 6:5): byte, half, word. */
static const uint32_t size_of[] = {1, 2, 4};

/* LDR/STR{B,H} and LDRS{B,H}: imm12, imm8 with P/U/W, register, literal. */
void diff_gen_ldst(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned sz = diff_below(g, 3);
    unsigned load = diff_below(g, 2);
    unsigned sign = load && sz < 2 ? diff_below(g, 2) : 0;
    unsigned rt = diff_reg(g);
    unsigned rn = base_reg(g, rt);
    uint32_t size = size_of[sz];
    /* Unaligned LDR/STR/LDRH/STRH are allowed (CCR.UNALIGN_TRP = 0). */
    uint32_t align = diff_below(g, 4) ? size : 1;
    uint16_t hw1 = (uint16_t)(0xf800u | sign << 8 | sz << 5 | load << 4);
    p->steps = 1;

    switch (diff_below(g, 5)) {
    case 0: { /* imm12, positive offset */
        uint32_t imm = diff_below(g, 4096);
        uint32_t a = ram_addr(g, size, align);
        st->r[rn] = a - imm;
        if (rn == 13) {           /* keep SP word aligned: move the address */
            st->r[13] = DIFF_SP_INIT;
            imm = (a - DIFF_SP_INIT) & 0xfffu;
            if (DIFF_SP_INIT + imm + size > DIFF_RAM_BASE + DIFF_RAM_SIZE)
                imm = 0;
        }
        diff_emit32(p, (uint16_t)(hw1 | 0x80u | rn), (uint16_t)(rt << 12 | imm));
        return;
    }
    case 1: { /* imm8: offset -imm, pre-indexed, post-indexed, unprivileged (T) */
        static const unsigned puw[] = {0x4, 0x5, 0x7, 0x1, 0x3, 0x6};
        unsigned mode = puw[diff_below(g, 6)];
        unsigned p_ = mode >> 2, u = mode >> 1 & 1, w = mode & 1;
        uint32_t imm = diff_below(g, 256);
        uint32_t a = ram_addr(g, size, align);
        if (rn == 13)
            rn = diff_reg(g) == rt ? (rt + 1) % 13 : diff_reg(g);
        if (rn == rt)
            rn = (rt + 1) % 13;
        uint32_t off = u ? imm : (uint32_t)-imm;
        st->r[rn] = p_ ? a - off : a;
        diff_emit32(p, (uint16_t)(hw1 | rn),
                    (uint16_t)(rt << 12 | 0x800u | p_ << 10 | u << 9 | w << 8 | imm));
        return;
    }
    case 2: { /* register offset, LSL #0-3 */
        unsigned rm = diff_reg(g), sh = diff_below(g, 4);
        if (rn == 13)
            rn = 12;
        while (rm == rn)
            rm = diff_reg(g);
        uint32_t a = ram_addr(g, size, align);
        uint32_t idx = diff_below(g, 2) ? diff_below(g, 64) : diff_rand(g);
        st->r[rm] = idx;
        st->r[rn] = a - (idx << sh);
        diff_emit32(p, (uint16_t)(hw1 | rn), (uint16_t)(rt << 12 | sh << 4 | rm));
        return;
    }
    case 3: { /* literal (Rn = PC): reads the code window or the vectors */
        if (!load) {
            hw1 |= 0x10u;
            load = 1;
        }
        unsigned u = diff_below(g, 2);
        uint32_t imm = diff_below(g, u ? 2048 : 4096);
        diff_emit32(p, (uint16_t)(hw1 | u << 7 | 0xf), (uint16_t)(rt << 12 | imm));
        return;
    }
    default: { /* LDRD/STRD: offset, pre- or post-indexed, word aligned */
        unsigned rt2 = diff_reg(g);
        while (rt2 == rt)
            rt2 = diff_reg(g);
        static const unsigned pw[] = {2, 3, 1};
        unsigned mode = pw[diff_below(g, 3)];
        unsigned p_ = mode >> 1, w = mode & 1, u = diff_below(g, 2);
        if (w && (rn == rt || rn == rt2 || rn == 13)) {
            do
                rn = diff_reg(g);
            while (rn == rt || rn == rt2);
        }
        uint32_t imm = diff_below(g, 256) * 4;
        uint32_t a = ram_addr(g, 8, 4);
        uint32_t off = u ? imm : (uint32_t)-imm;
        if (rn == 13) {
            p_ = 1;
            u = 1;
            imm = (a - DIFF_SP_INIT) & 0x3fcu;
            if (DIFF_SP_INIT + imm + 8 > DIFF_RAM_BASE + DIFF_RAM_SIZE)
                imm = 0;
        } else {
            st->r[rn] = p_ ? a - off : a;
        }
        load = diff_below(g, 2);
        if (load && diff_below(g, 6) == 0) { /* LDRD literal: [PC, #+-imm] */
            rn = 15;
            p_ = 1;
            w = 0;
        }
        diff_emit32(p, (uint16_t)(0xe840u | p_ << 8 | u << 7 | w << 5 | load << 4 | rn),
                    (uint16_t)(rt << 12 | rt2 << 8 | imm / 4));
        return;
    }
    }
}

/* 16-bit loads and stores: register offset, imm5, SP-relative, literal;
 * and the exclusives (LDREX then STREX to the same address succeeds; after
 * CLREX it fails). */
void diff_gen_ldst16(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    unsigned rt = diff_lo(g), rn = diff_lo(g), rm = diff_lo(g);
    p->steps = 1;
    switch (diff_below(g, 5)) {
    case 0: { /* STR STRH STRB LDRSB LDR LDRH LDRB LDRSH (register) */
        static const uint32_t sz[] = {4, 2, 1, 1, 4, 2, 1, 2};
        unsigned op = diff_below(g, 8);
        while (rm == rn)
            rm = diff_lo(g);
        uint32_t a = ram_addr(g, sz[op], diff_below(g, 4) ? sz[op] : 1);
        uint32_t idx = diff_below(g, 64);
        st->r[rm] = idx;
        st->r[rn] = a - idx;
        diff_emit16(p, (uint16_t)(0x5000u | op << 9 | rm << 6 | rn << 3 | rt));
        return;
    }
    case 1: { /* STR LDR STRB LDRB STRH LDRH (imm5) */
        static const uint16_t base[] = {0x6000, 0x6800, 0x7000, 0x7800, 0x8000, 0x8800};
        static const uint32_t sz[] = {4, 4, 1, 1, 2, 2};
        unsigned op = diff_below(g, 6);
        uint32_t imm5 = diff_below(g, 32);
        uint32_t a = ram_addr(g, sz[op] * 32, sz[op]);
        st->r[rn] = a;
        diff_emit16(p, (uint16_t)(base[op] | imm5 << 6 | rn << 3 | rt));
        return;
    }
    case 2: /* STR / LDR [SP, #imm8*4] */
        diff_emit16(p, (uint16_t)(0x9000u | diff_below(g, 2) << 11 | rt << 8 | diff_below(g, 256)));
        return;
    case 3: /* LDR literal */
        diff_emit16(p, (uint16_t)(0x4800u | rt << 8 | diff_below(g, 256)));
        return;
    default: { /* LDREX{,B,H}; [CLREX]; STREX{,B,H} to the same address */
        unsigned w = diff_below(g, 3);            /* 0 word, 1 byte, 2 half */
        unsigned r1 = diff_reg(g), rb = diff_reg(g), rd = diff_reg(g), rv = diff_reg(g);
        while (r1 == rb)
            r1 = diff_reg(g);
        while (rd == rb || rd == rv)
            rd = (rd + 1) % 13;
        uint32_t size = w == 0 ? 4 : w == 1 ? 1 : 2;
        uint32_t imm = w == 0 ? diff_below(g, 16) : 0;
        uint32_t a = ram_addr(g, size, size);
        st->r[rb] = a - imm * 4;
        if (w == 0) {
            diff_emit32(p, (uint16_t)(0xe850u | rb), (uint16_t)(r1 << 12 | 0xf00u | imm));
        } else {
            diff_emit32(p, (uint16_t)(0xe8d0u | rb), (uint16_t)(r1 << 12 | 0xf0fu | (w == 1 ? 0x40u : 0x50u)));
        }
        p->steps = 2;
        if (diff_below(g, 3) == 0) {
            diff_emit32(p, 0xf3bf, 0x8f2f);       /* CLREX */
            p->steps = 3;
        }
        if (w == 0)
            diff_emit32(p, (uint16_t)(0xe840u | rb), (uint16_t)(rv << 12 | rd << 8 | imm));
        else
            diff_emit32(p, (uint16_t)(0xe8c0u | rb), (uint16_t)(0xf00u | rv << 12 | (w == 1 ? 0x40u : 0x50u) | rd));
        return;
    }
    }
}

/* A register list of at least `min` registers from `allowed`, none of `avoid`. */
static uint32_t reg_list(struct diff_rng *g, uint32_t allowed, unsigned min)
{
    for (;;) {
        uint32_t l = diff_rand(g) & allowed;
        if ((unsigned)__builtin_popcount(l) >= min)
            return l;
    }
}

void diff_gen_ldm(struct diff_rng *g, struct diff_prog *p, struct diff_state *st)
{
    p->steps = 1;
    switch (diff_below(g, 4)) {
    case 0:
    case 1: { /* LDM/STM IA/DB (T2), with or without writeback; PUSH.W/POP.W */
        unsigned db = diff_below(g, 2), w = diff_below(g, 2), load = diff_below(g, 2);
        unsigned rn = diff_below(g, 6) == 0 ? 13 : diff_reg(g);
        if (rn == 13)
            w = 1;
        /* r0-r12, LR; no SP, PC; the base only in an LDM without writeback */
        uint32_t allowed = 0x5fffu & ~(load && !w ? 0u : 1u << rn);
        uint32_t list = reg_list(g, allowed, 2);
        unsigned n = (unsigned)__builtin_popcount(list);
        if (rn != 13) {
            uint32_t a = ram_addr(g, 4 * n, 4);
            st->r[rn] = db ? a + 4 * n : a;
        }
        diff_emit32(p, (uint16_t)(0xe800u | (db ? 0x100u : 0x80u) | w << 5 | load << 4 | rn),
                    (uint16_t)list);
        return;
    }
    case 2: { /* 16-bit LDMIA / STMIA */
        unsigned rn = diff_lo(g), load = diff_below(g, 2);
        uint32_t list = load ? reg_list(g, 0xff, 1) : reg_list(g, 0xffu & ~(1u << rn), 1);
        unsigned n = (unsigned)__builtin_popcount(list);
        st->r[rn] = ram_addr(g, 4 * n, 4);
        diff_emit16(p, (uint16_t)(0xc000u | load << 11 | rn << 8 | list));
        return;
    }
    default: { /* 16-bit PUSH {list, LR} then POP {list} */
        uint32_t list = reg_list(g, 0xff, 1);
        diff_emit16(p, (uint16_t)(0xb400u | diff_below(g, 2) << 8 | list));
        if (diff_below(g, 2)) {
            diff_emit16(p, (uint16_t)(0xbc00u | reg_list(g, 0xff, 1)));
            p->steps = 2;
        }
        return;
    }
    }
}
