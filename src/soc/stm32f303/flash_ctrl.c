/* FLASH interface (fact sheet §3.1, §3.2): KEYR/OPTKEYR unlock sequences,
 * half-word programming (PGERR on a non-erased target unless writing
 * 0x0000), page and mass erase, write protection, option bytes.  Operations
 * complete at once: BSY is never seen set, EOP is.  Every change to the
 * array goes through bus_notify_write so the core drops stale decoded code. */
#include <string.h>

#include "soc/stm32f303/soc.h"

#define ACR 0x00
#define KEYR 0x04
#define OPTKEYR 0x08
#define SR 0x0c
#define CR 0x10
#define AR 0x14
#define OBR 0x1c
#define WRPR 0x20

#define SR_BSY (1u << 0)
#define SR_PGERR (1u << 2)
#define SR_WRPRTERR (1u << 4)
#define SR_EOP (1u << 5)
#define CR_PG (1u << 0)
#define CR_PER (1u << 1)
#define CR_MER (1u << 2)
#define CR_OPTPG (1u << 4)
#define CR_OPTER (1u << 5)
#define CR_STRT (1u << 6)
#define CR_LOCK (1u << 7)
#define CR_OPTWRE (1u << 9)
#define CR_ERRIE (1u << 10)
#define CR_EOPIE (1u << 12)
#define CR_OBL_LAUNCH (1u << 13)

#define KEY1 0x45670123u
#define KEY2 0xCDEF89ABu
#define FLASH_IRQ 4

static const uint8_t factory_opt[16] = {
    0xaa, 0x55,     /* RDP level 0 */
    0xff, 0x00,     /* USER: software watchdog, no reset on stop/standby, nBOOT1 */
    0xff, 0x00, 0xff, 0x00,         /* DATA0, DATA1 */
    0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00,     /* WRP0..3: nothing protected */
};

static uint32_t *reg(struct soc *soc, uint32_t off)
{
    return regdev_reg(&soc->fl.rd, off);
}

static void update_irq(struct soc *soc)
{
    uint32_t sr = *reg(soc, SR), cr = *reg(soc, CR);
    bool level = ((sr & SR_EOP) && (cr & CR_EOPIE)) ||
                 ((sr & (SR_PGERR | SR_WRPRTERR)) && (cr & CR_ERRIE));
    soc_irq(soc, FLASH_IRQ, level);
}

static void set_sr(struct soc *soc, uint32_t bits)
{
    *reg(soc, SR) |= bits;
    update_irq(soc);
}

/* WRPR bit n protects pages 2n and 2n+1; bit 31 covers pages 62..127. */
static bool page_protected(struct soc *soc, uint32_t page)
{
    uint32_t bit = page / 2 > 31 ? 31 : page / 2;
    return !((*reg(soc, WRPR) >> bit) & 1);
}

static void array_changed(struct soc *soc, uint32_t off, uint32_t len)
{
    bus_notify_write(soc->bus, SOC_FLASH_BASE + off, len);
    if (soc->mem_mode == 0)
        bus_notify_write(soc->bus, off, len);
    if (soc->hooks.flash_changed)
        soc->hooks.flash_changed(soc->hooks.ctx);
}

/* Flash offset of an address in main flash or its alias at 0; -1 if none. */
static int64_t flash_off(uint32_t addr)
{
    if (addr >= SOC_FLASH_BASE && addr - SOC_FLASH_BASE < SOC_FLASH_SIZE)
        return addr - SOC_FLASH_BASE;
    if (addr < SOC_FLASH_SIZE)
        return addr;
    return -1;
}

static void start_op(struct soc *soc, uint32_t cr)
{
    if (cr & CR_PER) {
        int64_t off = flash_off(*reg(soc, AR));
        if (off < 0)
            return;
        uint32_t page = (uint32_t)off / SOC_FLASH_PAGE;
        if (page_protected(soc, page)) {
            set_sr(soc, SR_WRPRTERR);
            return;
        }
        memset(soc->flash + page * SOC_FLASH_PAGE, 0xff, SOC_FLASH_PAGE);
        array_changed(soc, page * SOC_FLASH_PAGE, SOC_FLASH_PAGE);
    } else if (cr & CR_MER) {
        memset(soc->flash, 0xff, SOC_FLASH_SIZE);
        array_changed(soc, 0, SOC_FLASH_SIZE);
    } else if (cr & CR_OPTER) {
        if (!(cr & CR_OPTWRE)) {
            set_sr(soc, SR_WRPRTERR);
            return;
        }
        memset(soc->fl.opt, 0xff, sizeof soc->fl.opt);
    } else {
        return;
    }
    set_sr(soc, SR_EOP);
}

static void w_cr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)v;
    (void)lanes;
    struct soc *soc = d->soc;
    uint32_t *cr = &d->val[i];
    if (old & CR_LOCK) {            /* read-only while locked */
        *cr = old;
        return;
    }
    /* OPTWRE: software may clear it, only OPTKEYR sets it. */
    *cr = (*cr & ~CR_OPTWRE) | (old & *cr & CR_OPTWRE);
    if (*cr & CR_STRT) {
        start_op(soc, *cr);
        *cr &= ~CR_STRT;
    }
    update_irq(soc);
    if (*cr & CR_LOCK) {
        *cr &= ~CR_OPTWRE;
        if (soc->hooks.flash_locked)
            soc->hooks.flash_locked(soc->hooks.ctx);
    }
    if (*cr & CR_OBL_LAUNCH) {
        *cr &= ~CR_OBL_LAUNCH;
        if (soc->hooks.reset)
            soc->hooks.reset(soc->hooks.ctx, SOC_RESET_OBL);
    }
}

/* Any sequence other than KEY1, KEY2 on a locked controller locks it
 * until the next reset (RM0316 §4.2 wording, fact sheet §3.1). */
static void w_keyr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_flash *fl = &d->soc->fl;
    uint32_t *cr = reg(d->soc, CR);
    if (fl->key_bad)
        return;
    if (fl->key_step == 0 && v == KEY1 && (*cr & CR_LOCK)) {
        fl->key_step = 1;
    } else if (fl->key_step == 1 && v == KEY2) {
        fl->key_step = 0;
        *cr &= ~CR_LOCK;
    } else {
        fl->key_step = 0;
        fl->key_bad = true;
        *cr |= CR_LOCK;
        soc_diag(d->soc, "FLASH: wrong FLASH_KEYR sequence (0x%08x); the controller stays locked "
                         "until the next reset (write 0x%08x then 0x%08x, only while LOCK=1)",
                 v, KEY1, KEY2);
    }
}

static void w_optkeyr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)i;
    (void)old;
    (void)lanes;
    struct soc_flash *fl = &d->soc->fl;
    uint32_t *cr = reg(d->soc, CR);
    if (fl->optkey_step == 0 && v == KEY1) {
        fl->optkey_step = 1;
    } else if (fl->optkey_step == 1 && v == KEY2 && !(*cr & CR_LOCK)) {
        fl->optkey_step = 0;
        *cr |= CR_OPTWRE;
    } else {
        fl->optkey_step = 0;
    }
}

static void w_acr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)old;
    (void)v;
    (void)lanes;
    uint32_t *acr = &d->val[i];
    /* PRFTBS reports the prefetch buffer state: it follows PRFTBE. */
    *acr = (*acr & ~0x20u) | ((*acr & 0x10u) << 1);
}

static void w_sr(struct regdev *d, unsigned i, uint32_t old, uint32_t v, uint32_t lanes)
{
    (void)d;
    (void)i;
    (void)old;
    (void)v;
    (void)lanes;
    update_irq(d->soc);
}

/* FLASH_OBR and FLASH_WRPR show the option bytes loaded at reset. */
static void load_options(struct soc *soc)
{
    const uint8_t *o = soc->fl.opt;
    uint32_t rdprt = o[0] == 0xaa ? 0 : o[0] == 0xcc ? 3 : 1;
    uint32_t opterr = 0;
    for (unsigned k = 0; k < 16; k += 2)
        if ((uint8_t)(o[k] ^ o[k + 1]) != 0xff && !(k == 0 && rdprt == 3))
            opterr = 1;
    *reg(soc, OBR) = (uint32_t)o[6] << 24 | (uint32_t)o[4] << 16 | (uint32_t)o[2] << 8 |
                     rdprt << 1 | opterr;
    *reg(soc, WRPR) = (uint32_t)o[14] << 24 | (uint32_t)o[12] << 16 | (uint32_t)o[10] << 8 | o[8];
}

static void flash_reset(struct regdev *d)
{
    d->soc->fl.key_step = 0;
    d->soc->fl.optkey_step = 0;
    d->soc->fl.key_bad = false;
    load_options(d->soc);
}

static bool array_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    struct soc *soc = ctx;
    uint32_t cr = *reg(soc, CR);
    off &= SOC_FLASH_SIZE - 1;
    if (!(cr & CR_PG) || (cr & CR_LOCK)) {
        if (!soc->fl.reported_nopg) {
            soc->fl.reported_nopg = true;
            soc_diag(soc, "FLASH: write to flash at 0x%08x ignored: unlock FLASH_KEYR and set "
                          "FLASH_CR.PG to program it",
                     SOC_FLASH_BASE + off);
        }
        return true;
    }
    /* Only half-word stores program (fact sheet §3.1); others: bus error. */
    if (size != 2)
        return false;
    if (page_protected(soc, off / SOC_FLASH_PAGE)) {
        set_sr(soc, SR_WRPRTERR);
        return true;
    }
    uint16_t cur = (uint16_t)(soc->flash[off] | soc->flash[off + 1] << 8);
    if (cur != 0xffff && value != 0) {
        set_sr(soc, SR_PGERR);
        return true;
    }
    soc->flash[off] = (uint8_t)value;
    soc->flash[off + 1] = (uint8_t)(value >> 8);
    array_changed(soc, off, 2);
    set_sr(soc, SR_EOP);
    return true;
}

static bool opt_read(void *ctx, uint32_t off, unsigned size, uint32_t *value)
{
    struct soc *soc = ctx;
    uint32_t v = 0;
    for (unsigned k = 0; k < size; k++)
        v |= (uint32_t)(off + k < 16 ? soc->fl.opt[off + k] : 0xff) << (8 * k);
    *value = v;
    return true;
}

static bool opt_write(void *ctx, uint32_t off, unsigned size, uint32_t value)
{
    struct soc *soc = ctx;
    uint32_t cr = *reg(soc, CR);
    if (!(cr & CR_OPTPG) || !(cr & CR_OPTWRE) || (cr & CR_LOCK))
        return true;
    if (size != 2)
        return false;
    if (off >= 16)
        return true;
    if (soc->fl.opt[off] != 0xff || soc->fl.opt[off + 1] != 0xff) {
        set_sr(soc, SR_PGERR);
        return true;
    }
    /* The controller writes the complement byte itself. */
    soc->fl.opt[off] = (uint8_t)value;
    soc->fl.opt[off + 1] = (uint8_t)~value;
    set_sr(soc, SR_EOP);
    return true;
}

static const struct reg_def flash_regs[] = {
    {ACR, "ACR", 0x30, 0x1f, 0, 0, NULL, w_acr, 0},
    {KEYR, "KEYR", 0, 0, 0, 0, NULL, w_keyr, REG_WO},
    {OPTKEYR, "OPTKEYR", 0, 0, 0, 0, NULL, w_optkeyr, REG_WO},
    {SR, "SR", 0, 0, SR_PGERR | SR_WRPRTERR | SR_EOP, 0, NULL, w_sr, 0},
    {CR, "CR", CR_LOCK, 0x36f7, 0, 0, NULL, w_cr, 0},
    {AR, "AR", 0, 0xffffffffu, 0, 0, NULL, NULL, REG_WO},
    {OBR, "OBR", 0, 0, 0, 0, NULL, NULL, REG_OWN_RESET},
    {WRPR, "WRPR", 0xffffffffu, 0, 0, 0, NULL, NULL, REG_OWN_RESET},
};

uint32_t soc_flash_latency(const struct soc *soc)
{
    const struct regdev *d = &soc->fl.rd;
    return d->val[d->index_of[ACR >> 2]] & 7;
}

void soc_flash_setup(struct soc *soc)
{
    struct regdev *d = &soc->fl.rd;
    regdev_init(d, soc, "FLASH", 0x40022000u, 0x400, flash_regs,
                sizeof flash_regs / sizeof flash_regs[0], &soc->fl);
    d->gate = GATE_AHB;
    d->gate_bit = 4;        /* FLITFEN, on at reset */
    d->reset_hook = flash_reset;
    memcpy(soc->fl.opt, factory_opt, sizeof factory_opt);
    soc->fl.array_dev = (struct bus_device){"flash array", soc, NULL, array_write};
    soc->fl.opt_dev = (struct bus_device){"option bytes", soc, opt_read, opt_write};
    regdev_map(d);
}
