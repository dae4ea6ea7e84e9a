/* A fake STM32F303 target for the debug-server tests: memory, the debug
 * registers OpenOCD touches, a flash controller, and a "core" that never
 * executes (steps advance PC by 2; resuming with an enabled FPB comparator
 * jumps straight to it and halts, so break/continue flows can be tested).
 * Lets the protocol layers be tested without the emulated core. */
#ifndef F3KIT_FAKE_TARGET_H
#define F3KIT_FAKE_TARGET_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "debug/dbg_target.h"

struct fake_target {
    pthread_mutex_t mu;
    uint8_t flash[DBG_FLASH_SIZE];
    uint8_t sram[DBG_SRAM_SIZE];
    uint8_t ccm[DBG_CCM_SIZE];
    uint8_t rcc[0x400];
    uint32_t regs[0x60];          /* by REGSEL */
    bool halted;
    enum dbg_stop why;
    bool nrst_low;
    uint32_t dhcsr_ctrl, dhcsr_sticky, dcrsr, dcrdr, demcr, dfsr;
    uint32_t fp_ctrl, fp_comp[8];
    uint32_t dwt_comp[4], dwt_mask[4], dwt_func[4];
    uint32_t dbgmcu_cr, dbgmcu_fz;
    /* flash controller */
    uint32_t fl_acr, fl_sr, fl_cr, fl_ar;
    int fl_key_state;
    unsigned resets;              /* system resets performed */
    unsigned flash_dones;
    char console[256];
    size_t console_len;
};

void fake_target_init(struct fake_target *f);
void fake_target_free(struct fake_target *f);
struct dbg_target fake_target_ops(struct fake_target *f);

#endif
