/* Peripherals as register tables (Renode style): each register is declared
 * once with its offset, name, write mask, clear-on-write bits and optional
 * read/write hooks; the generic code here does sub-word accesses, reset
 * values (from the device data file), RCC clock gating, and reports an
 * access to a register the table does not model ONCE by name. */
#ifndef F3KIT_SOC_REGDEV_H
#define F3KIT_SOC_REGDEV_H

#include <stdbool.h>
#include <stdint.h>

#include "bus/bus.h"

struct soc;
struct regdev;

#define REG_WO 0x01u            /* write-only: reads 0 */
#define REG_OWN_RESET 0x02u     /* reset value computed by the model, not
                                   taken from the data file (e.g. FLASH_OBR) */

struct reg_def {
    uint16_t off;
    const char *name;
    uint32_t reset;             /* used when the data file has no value */
    uint32_t wmask;             /* bits a write stores */
    uint32_t w1c;               /* rc_w1: bits cleared by writing 1 */
    uint32_t w0c;               /* rc_w0: bits cleared by writing 0 */
    /* Value to return (NULL: the stored value). */
    uint32_t (*read)(struct regdev *d, unsigned idx);
    /* Called after the store with the written lanes: `value` is the access
     * shifted into place, `lanes` the byte-lane mask (0xff, 0xffff0000...). */
    void (*write)(struct regdev *d, unsigned idx, uint32_t old, uint32_t value, uint32_t lanes);
    uint8_t flags;
};

enum soc_gate { GATE_NONE, GATE_AHB, GATE_APB1, GATE_APB2 };

#define REGDEV_MAX 48

struct regdev {
    const char *name;           /* "USART1" */
    uint32_t base, size;
    const struct reg_def *regs;
    unsigned nregs;
    uint32_t val[REGDEV_MAX];
    uint32_t rst[REGDEV_MAX];
    struct soc *soc;
    void *ctx;                  /* the peripheral model */
    enum soc_gate gate;
    unsigned gate_bit;
    bool gate_reported;
    uint32_t reported[8];       /* unmodelled word offsets already reported */
    int8_t index_of[256];       /* word offset -> table index, -1 if none */
    void (*reset_hook)(struct regdev *d);
    unsigned access_size;       /* size of the access being served (hooks) */
    struct bus_device dev;
};

/* Set up `d` (call once), then map it on the soc's bus. */
void regdev_init(struct regdev *d, struct soc *soc, const char *name, uint32_t base,
                 uint32_t size, const struct reg_def *regs, unsigned nregs, void *ctx);
int regdev_map(struct regdev *d);
/* Registers to their reset values, then the reset hook. */
void regdev_reset(struct regdev *d);
/* Index of the register at offset `off` (must exist in the table). */
unsigned regdev_idx(const struct regdev *d, uint32_t off);
static inline uint32_t *regdev_reg(struct regdev *d, uint32_t off)
{
    return &d->val[regdev_idx(d, off)];
}
/* Is the peripheral's RCC clock on? */
bool regdev_clocked(const struct regdev *d);

#endif
