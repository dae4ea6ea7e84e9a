/* DSP extension semantics (src/core/dsp_ops.h) against Unicorn: every
 * instruction with random operands biased toward lane edges (0x7f, 0x80,
 * 0x7fff, 0x8000, -1...), from random GE and Q flags.  The destination
 * register(s) and the whole APSR (N Z C V Q GE) must match.
 *
 * Unicorn is known wrong in one place, handled by smlad_q_fix(): QEMU's
 * SMLAD{X} sets Q when the two products alone overflow (2 * 0x8000 * 0x8000)
 * even if the accumulator brings the sum back into range; A7.7.115 forms
 * the sum at full precision and sets Q only if it does not fit 32 bits.
 * There the test expects the architecture's Q. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/dsp_ops.h"
#include "fp_unicorn.h"

#define CASES 3000

enum { RN = 1, RM = 2, RA = 3, RD = 4, RDHI = 5 };
#define APSR_Q (1u << 27)

struct fixture {
    struct fpuc *uc;
    struct fpuc_rng rng;
    unsigned mismatches;
};

static int setup(void **state)
{
    static struct fixture f;
    f.uc = fpuc_open();
    f.rng.s = 0x2545f4914f6cdd1dull;
    *state = &f;
    return f.uc ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    fpuc_close(f->uc);
    return 0;
}

/* Run on Unicorn; return Rd (and RdHi in *hi) and the APSR. */
static uint32_t ref(struct fixture *f, uint32_t insn, uint32_t n, uint32_t m, uint32_t a,
                    uint32_t d, uint32_t dhi, uint32_t *apsr, uint32_t *hi)
{
    struct fpuc_state st = {0};
    st.r[RN] = n;
    st.r[RM] = m;
    st.r[RA] = a;
    st.r[RD] = d;
    st.r[RDHI] = dhi;
    st.apsr = *apsr;
    assert_true(fpuc_exec(f->uc, (uint16_t)(insn >> 16), (uint16_t)insn, &st));
    *apsr = st.apsr;
    if (hi)
        *hi = st.r[RDHI];
    return st.r[RD];
}

static uint32_t rand_apsr(struct fixture *f)
{
    return fpuc_rand(&f->rng) & 0xf80f0000u;
}

static void compare(struct fixture *f, const char *name, uint32_t insn, uint32_t n, uint32_t m,
                    uint32_t a, uint32_t apsr, uint32_t want, uint32_t want_apsr, uint32_t got,
                    uint32_t got_apsr)
{
    if (want == got && want_apsr == got_apsr)
        return;
    if (++f->mismatches <= 20)
        fprintf(stderr,
                "%s (%08x): n %08x m %08x a %08x apsr %08x: unicorn %08x apsr %08x, "
                "f3kit %08x apsr %08x\n",
                name, insn, n, m, a, apsr, want, want_apsr, got, got_apsr);
}

static void test_parallel(void **state)
{
    static const char *const kinds[] = {"s", "q", "sh", "", "u", "uq", "uh"};
    static const char *const ops[] = {"add8", "add16", "asx", "", "sub8", "sub16", "sax"};
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned k = 0; k < 7; k++) {
        if (k == 3)
            continue;
        for (unsigned o = 0; o < 7; o++) {
            if (o == 3)
                continue;
            uint32_t insn = (0xfa80u | o << 4 | RN) << 16 | 0xf000u | RD << 8 | k << 4 | RM;
            char name[16];
            snprintf(name, sizeof name, "%s%s", kinds[k], ops[o]);
            for (unsigned i = 0; i < CASES / 10; i++) {
                uint32_t n = fpuc_rand_word(&f->rng), m = fpuc_rand_word(&f->rng);
                uint32_t apsr = rand_apsr(f), want_apsr = apsr, ge = apsr >> 16 & 15;
                uint32_t want = ref(f, insn, n, m, 0, 0, 0, &want_apsr, NULL);
                uint32_t got = dsp_parallel((enum dsp_par_kind)k, (enum dsp_par_op)o, n, m, &ge);
                compare(f, name, insn, n, m, 0, apsr, want, want_apsr, got,
                        (apsr & ~0x000f0000u) | ge << 16);
            }
        }
    }
    assert_int_equal(f->mismatches, 0);
}

static void test_misc(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned i = 0; i < CASES; i++) {
        uint32_t n = fpuc_rand_word(&f->rng), m = fpuc_rand_word(&f->rng);
        uint32_t apsr = rand_apsr(f), q = apsr >> 27 & 1, want_apsr = apsr, insn, got;
        const char *name;
        unsigned kind = i % 8;
        if (kind < 4) { /* QADD QDADD QSUB QDSUB */
            static const char *const qn[] = {"qadd", "qdadd", "qsub", "qdsub"};
            insn = (0xfa80u | RN) << 16 | 0xf080u | RD << 8 | kind << 4 | RM;
            got = dsp_qaddsub((enum dsp_qop)kind, m, n, &q);
            name = qn[kind];
        } else if (kind == 4) {
            insn = (0xfaa0u | RN) << 16 | 0xf080u | RD << 8 | RM;
            got = dsp_sel(n, m, apsr >> 16 & 15);
            name = "sel";
        } else if (kind == 5) { /* SSAT16 / USAT16 */
            bool u = fpuc_rand(&f->rng) & 1;
            unsigned sat = u ? fpuc_rand(&f->rng) % 16 : 1 + fpuc_rand(&f->rng) % 16;
            insn = ((u ? 0xf3a0u : 0xf320u) | RN) << 16 | RD << 8 | (u ? sat : sat - 1);
            got = dsp_sat16(n, sat, u, &q);
            name = u ? "usat16" : "ssat16";
        } else if (kind == 6) { /* PKHBT / PKHTB */
            bool tb = fpuc_rand(&f->rng) & 1;
            unsigned sh = fpuc_rand(&f->rng) % 32;
            insn = (0xeac0u | RN) << 16 | (sh >> 2) << 12 | RD << 8 | (sh & 3) << 6 |
                   (uint32_t)tb << 5 | RM;
            got = dsp_pkh(n, m, tb, sh);
            name = tb ? "pkhtb" : "pkhbt";
        } else { /* SXTAB16 UXTAB16 SXTB16 UXTB16 */
            bool u = fpuc_rand(&f->rng) & 1, add = fpuc_rand(&f->rng) & 1;
            unsigned rot = fpuc_rand(&f->rng) % 4;
            insn = ((u ? 0xfa30u : 0xfa20u) | (add ? RN : 15)) << 16 | 0xf080u | RD << 8 |
                   rot << 4 | RM;
            got = dsp_xtab16(add ? n : 0, m, rot, !u);
            name = u ? (add ? "uxtab16" : "uxtb16") : (add ? "sxtab16" : "sxtb16");
        }
        uint32_t want = ref(f, insn, n, m, 0, 0, 0, &want_apsr, NULL);
        compare(f, name, insn, n, m, 0, apsr, want, want_apsr, got,
                (apsr & ~APSR_Q) | q << 27);
    }
    assert_int_equal(f->mismatches, 0);
}

/* Unicorn's Q for SMLAD{X} replaced by the architectural one (see top). */
static uint32_t smlad_q_fix(enum dsp_mul op, uint32_t n, uint32_t m, uint32_t a,
                            uint32_t apsr_in, uint32_t uc_apsr)
{
    if (op != DSP_SMLAD && op != DSP_SMLADX)
        return uc_apsr;
    if (op == DSP_SMLADX)
        m = m >> 16 | m << 16;
    int64_t sum = (int64_t)(int16_t)n * (int16_t)m +
                  (int64_t)(int16_t)(n >> 16) * (int16_t)(m >> 16) + (int32_t)a;
    bool q = (apsr_in & APSR_Q) || sum != (int32_t)sum;
    return (uc_apsr & ~APSR_Q) | (q ? APSR_Q : 0);
}

static uint32_t mul_insn(enum dsp_mul op, bool *uses_ra)
{
    unsigned op1, bit45 = 0;
    bool acc = true;
    switch (op) {
    case DSP_SMLABB: case DSP_SMLABT: case DSP_SMLATB: case DSP_SMLATT:
        op1 = 1; bit45 = op - DSP_SMLABB; break;
    case DSP_SMULBB: case DSP_SMULBT: case DSP_SMULTB: case DSP_SMULTT:
        op1 = 1; bit45 = op - DSP_SMULBB; acc = false; break;
    case DSP_SMLAD: case DSP_SMLADX: op1 = 2; bit45 = op - DSP_SMLAD; break;
    case DSP_SMUAD: case DSP_SMUADX: op1 = 2; bit45 = op - DSP_SMUAD; acc = false; break;
    case DSP_SMLAWB: case DSP_SMLAWT: op1 = 3; bit45 = op - DSP_SMLAWB; break;
    case DSP_SMULWB: case DSP_SMULWT: op1 = 3; bit45 = op - DSP_SMULWB; acc = false; break;
    case DSP_SMLSD: case DSP_SMLSDX: op1 = 4; bit45 = op - DSP_SMLSD; break;
    case DSP_SMUSD: case DSP_SMUSDX: op1 = 4; bit45 = op - DSP_SMUSD; acc = false; break;
    case DSP_SMMLA: case DSP_SMMLAR: op1 = 5; bit45 = op - DSP_SMMLA; break;
    case DSP_SMMUL: case DSP_SMMULR: op1 = 5; bit45 = op - DSP_SMMUL; acc = false; break;
    case DSP_SMMLS: case DSP_SMMLSR: op1 = 6; bit45 = op - DSP_SMMLS; break;
    case DSP_USADA8: op1 = 7; break;
    default: op1 = 7; acc = false; break;
    }
    *uses_ra = acc;
    return (0xfb00u | op1 << 4 | RN) << 16 | (acc ? RA : 15u) << 12 | RD << 8 | bit45 << 4 | RM;
}

static void test_mul32(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned op = 0; op < DSP_MUL_COUNT; op++) {
        bool uses_ra;
        uint32_t insn = mul_insn((enum dsp_mul)op, &uses_ra);
        for (unsigned i = 0; i < CASES / 10; i++) {
            uint32_t n = fpuc_rand_word(&f->rng), m = fpuc_rand_word(&f->rng);
            uint32_t a = fpuc_rand_word(&f->rng);
            if (i % 8 == 0) { /* products at their extreme: the SMLAD/SMUAD Q cases */
                n = 0x80008000u;
                m = 0x80008000u;
                a = i % 16 ? 0x80000000u | (fpuc_rand(&f->rng) & 0xff) : fpuc_rand(&f->rng) & 0xff;
            }
            uint32_t apsr = rand_apsr(f), q = apsr >> 27 & 1, want_apsr = apsr;
            uint32_t want = ref(f, insn, n, m, a, 0, 0, &want_apsr, NULL);
            want_apsr = smlad_q_fix((enum dsp_mul)op, n, m, a, apsr, want_apsr);
            uint32_t got = dsp_mul32((enum dsp_mul)op, n, m, uses_ra ? a : 0, &q);
            compare(f, dsp_mul_name((enum dsp_mul)op), insn, n, m, a, apsr, want, want_apsr,
                    got, (apsr & ~APSR_Q) | q << 27);
        }
    }
    assert_int_equal(f->mismatches, 0);
}

static void test_mul64(void **state)
{
    struct fixture *f = *state;
    f->mismatches = 0;
    for (unsigned op = 0; op < DSP_MULL_COUNT; op++) {
        unsigned op1 = op >= DSP_SMLSLD ? 5 : 4;
        unsigned op2 = op < DSP_SMLALD ? 0x8 | op : 0xc | (op & 1);
        uint32_t insn = (0xfb80u | op1 << 4 | RN) << 16 | RD << 12 | RDHI << 8 | op2 << 4 | RM;
        for (unsigned i = 0; i < CASES / 10; i++) {
            uint32_t n = fpuc_rand_word(&f->rng), m = fpuc_rand_word(&f->rng);
            uint32_t lo = fpuc_rand_word(&f->rng), hi = fpuc_rand_word(&f->rng);
            uint32_t apsr = rand_apsr(f), want_apsr = apsr, want_hi;
            uint32_t want_lo = ref(f, insn, n, m, 0, lo, hi, &want_apsr, &want_hi);
            uint64_t got = dsp_mul64((enum dsp_mull)op, n, m, (uint64_t)hi << 32 | lo);
            compare(f, dsp_mull_name((enum dsp_mull)op), insn, n, m, lo, apsr, want_lo,
                    want_apsr, (uint32_t)got, apsr);
            compare(f, dsp_mull_name((enum dsp_mull)op), insn, n, m, hi, apsr, want_hi,
                    want_apsr, (uint32_t)(got >> 32), apsr);
        }
    }
    assert_int_equal(f->mismatches, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel),
        cmocka_unit_test(test_misc),
        cmocka_unit_test(test_mul32),
        cmocka_unit_test(test_mul64),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
