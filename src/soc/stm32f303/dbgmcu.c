/* DBGMCU (fact sheet §3.15) at 0xE004_2000, mapped over the core's PPB
 * page: IDCODE (DEV_ID 0x422, rev Y), CR and the freeze registers.  Time
 * stands still while the core is halted, so the freeze bits need no
 * further action: a halted board advances no timer or watchdog. */
#include "soc/stm32f303/soc.h"

static const struct reg_def dbgmcu_regs[] = {
    {0x00, "IDCODE", SOC_DBGMCU_IDCODE, 0, 0, 0, NULL, NULL, REG_OWN_RESET},
    {0x04, "CR", 0, 0xe7, 0, 0, NULL, NULL, 0},
    {0x08, "APB1_FZ", 0, 0x02601c37u, 0, 0, NULL, NULL, 0},
    {0x0c, "APB2_FZ", 0, 0x1f, 0, 0, NULL, NULL, 0},
};

void soc_dbgmcu_setup(struct soc *soc)
{
    regdev_init(&soc->dbgmcu, soc, "DBGMCU", SOC_DBGMCU_BASE, 0x400, dbgmcu_regs,
                sizeof dbgmcu_regs / sizeof dbgmcu_regs[0], soc);
    regdev_map(&soc->dbgmcu);
}
