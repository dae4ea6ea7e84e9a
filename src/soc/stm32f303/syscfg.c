/* SYSCFG (fact sheet §3.5): the boot alias (CFGR1.MEM_MODE) and the EXTI
 * line-to-port multiplexer (EXTICR1..4).  COMP/OPAMP registers in the same
 * block are not modelled (reported by name on first touch). */
#include "soc/stm32f303/soc.h"

#define CFGR1 0x00
#define RCR 0x04
#define EXTICR1 0x08
#define CFGR2 0x18

static void w_cfgr1(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    if ((d->val[i] ^ old) & 3)
        soc_map_alias(d->soc, d->val[i] & 3);
}

static void w_rcr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    if (d->val[i] && !old)
        soc_diag(d->soc, "unmodelled: SYSCFG->RCR CCM SRAM write protection is stored but "
                         "not enforced");
}

static const struct reg_def syscfg_regs[] = {
    {CFGR1, "CFGR1", 0, 0xfcff79e3u, 0, 0, NULL, w_cfgr1, 0},
    {RCR, "RCR", 0, 0xff, 0, 0, NULL, w_rcr, 0},
    {EXTICR1, "EXTICR1", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {EXTICR1 + 4, "EXTICR2", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {EXTICR1 + 8, "EXTICR3", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {EXTICR1 + 12, "EXTICR4", 0, 0xffff, 0, 0, NULL, NULL, 0},
    {CFGR2, "CFGR2", 0, 0x17, 0x100, 0, NULL, NULL, 0},
};

static void syscfg_reset(struct regdev *d)
{
    /* MEM_MODE reflects the boot pins: BOOT0 low on the board -> flash. */
    *regdev_reg(d, CFGR1) &= ~3u;
}

unsigned soc_syscfg_exti_port(const struct soc *soc, unsigned line)
{
    const struct regdev *d = &soc->syscfg;
    uint32_t r = d->val[d->index_of[(EXTICR1 + 4 * (line / 4)) >> 2]];
    return (r >> (4 * (line % 4))) & 0xf;
}

void soc_syscfg_setup(struct soc *soc)
{
    struct regdev *d = &soc->syscfg;
    regdev_init(d, soc, "SYSCFG", 0x40010000u, 0x400, syscfg_regs,
                sizeof syscfg_regs / sizeof syscfg_regs[0], soc);
    d->gate = GATE_APB2;
    d->gate_bit = 0;
    d->reset_hook = syscfg_reset;
    regdev_map(d);
}
