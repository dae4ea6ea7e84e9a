/* PWR (fact sheet §3.14): CR with the write-1 flag clears (CWUF, CSBF) and
 * DBP, CSR with the wake-up pin enables.  The supply is always good:
 * VREFINTRDYF reads 1, PVDO 0, and f3kit never enters Stop/Standby. */
#include "soc/stm32f303/soc.h"

static void w_cr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    uint32_t *csr = regdev_reg(d, 0x04);
    if (v & (1u << 2))
        *csr &= ~1u;    /* CWUF clears WUF */
    if (v & (1u << 3))
        *csr &= ~2u;    /* CSBF clears SBF */
}

static const struct reg_def pwr_regs[] = {
    {0x00, "CR", 0, 0x1f3, 0, 0, NULL, w_cr, 0},
    {0x04, "CSR", 0x8, 0x700, 0, 0, NULL, NULL, REG_OWN_RESET},
};

void soc_pwr_setup(struct soc *soc)
{
    regdev_init(&soc->pwr, soc, "PWR", 0x40007000u, 0x400, pwr_regs,
                sizeof pwr_regs / sizeof pwr_regs[0], soc);
    soc->pwr.gate = GATE_APB1;
    soc->pwr.gate_bit = 28;
    regdev_map(&soc->pwr);
}
