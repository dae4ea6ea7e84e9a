/* Known differences between Unicorn 2.0.1 (QEMU 5) and the ARMv7-M
 * architecture (DDI0403E).  Each rewrite below turns Unicorn's answer into
 * the architected one, so the core is held to the architecture.
 *
 * Handled elsewhere:
 *  - diff_uc.c: Unicorn's instruction count leaves out instructions an IT
 *    block skips, so straight-line programs run to their end address.
 *  - diff_uc.c: writing XPSR through Unicorn ignores GE (XPSR_NZCVQG is used),
 *    and CONTROL.FPCA written through Unicorn is not seen by translated code
 *    (an FP warm-up run makes the FP context active instead).
 *  - Not compared: when an FP instruction creates a new FP context
 *    (FPCCR.ASPEN = 1, CONTROL.FPCA = 0), QEMU loads all of FPSCR from
 *    FPDSCR; the ARMv7-M ExecuteFPCheck pseudocode copies only AHP, DN, FZ and
 *    RMode, which is what the core does.  Every case runs with FPCA = 1.
 *  - diff_uc.c: QEMU stops at YIELD with "invalid instruction"; the run
 *    resumes after it. */
#include <string.h>

#include "diff_driver.h"

/* MRS Rd, CONTROL (F3EF 8dxx, SYSm = 20): QEMU sets CONTROL.SFPA (bit 3)
 * when an FP context is created even without the Security Extension; on
 * ARMv7-M CONTROL has only nPRIV, SPSEL and FPCA (B1.4.4). */
static void mrs_control(const struct diff_prog *p, const struct diff_state *in,
                        struct diff_state *ref)
{
    unsigned first = (in->r[15] - DIFF_CODE_BASE) / 2;
    for (unsigned i = first; i + 1 < p->nhw; i++) {
        if (p->hw[i] == 0xf3ef && (p->hw[i + 1] & 0xf0ffu) == 0x8014u)
            ref->r[p->hw[i + 1] >> 8 & 0xf] &= ~8u;
    }
}

/* SMLAD{X} (FB2n, Ra != PC): QEMU adds the two products with saturation
 * detection and then the accumulator, so it sets Q when the products alone
 * overflow (2 * 0x8000 * 0x8000) even if the accumulator brings the sum back
 * into range.  A7.7.115: the sum is formed at full precision and Q is set
 * only if that result does not fit 32 bits. */
static void smlad_q(const struct diff_prog *p, const struct diff_state *in,
                    struct diff_state *ref)
{
    uint16_t hw1 = p->hw[0], hw2 = p->hw[1];
    if ((hw1 & 0xfff0u) != 0xfb20u || (hw2 & 0xf0e0u) == 0xf000u || (hw2 & 0x00e0u) != 0)
        return;
    uint32_t n = in->r[hw1 & 0xf], m = in->r[hw2 & 0xf], a = in->r[hw2 >> 12];
    if (hw2 & 0x10u)
        m = m >> 16 | m << 16;
    int64_t sum = (int64_t)(int16_t)n * (int16_t)m + (int64_t)(int16_t)(n >> 16) * (int16_t)(m >> 16) +
                  (int32_t)a;
    ref->q = in->q | (sum != (int32_t)sum);
}

void diff_quirks(const char *cls, const struct diff_prog *p, const struct diff_state *in,
                 struct diff_state *ref)
{
    mrs_control(p, in, ref);
    if (!strcmp(cls, "dsp_mul"))
        smlad_q(p, in, ref);
}
