/* Fake target: see fake_target.h.  Values follow stlink-server.md §3.5. */
#include "fake_target.h"

#include <string.h>

#define FLASH_REGS 0x40022000u
#define RCC_BASE 0x40021000u

static void do_reset(struct fake_target *f, bool halt)
{
    memset(f->regs, 0, sizeof f->regs);
    f->regs[DBG_REG_MSP] = (uint32_t)f->flash[0] | f->flash[1] << 8 | f->flash[2] << 16 |
                           (uint32_t)f->flash[3] << 24;
    f->regs[13] = f->regs[DBG_REG_MSP];
    uint32_t pc = (uint32_t)f->flash[4] | f->flash[5] << 8 | f->flash[6] << 16 |
                  (uint32_t)f->flash[7] << 24;
    f->regs[15] = pc & ~1u;
    f->regs[14] = 0xFFFFFFFFu;
    f->regs[DBG_REG_XPSR] = (pc & 1) << 24;
    f->fl_cr = 0x80;
    f->fl_key_state = 0;
    f->fl_sr = 0;
    f->dhcsr_sticky |= DBG_DHCSR_S_RESET_ST;
    f->halted = halt;
    f->why = halt ? DBG_STOP_VCATCH : DBG_RUNNING;
    if (halt)
        f->dfsr |= 8;
    f->resets++;
}

static void vcatch_reset(struct fake_target *f)
{
    do_reset(f, (f->demcr & DBG_DEMCR_VC_CORERESET) && (f->dhcsr_ctrl & DBG_DHCSR_C_DEBUGEN));
}

static void resume(struct fake_target *f)
{
    f->halted = false;
    f->why = DBG_RUNNING;
    /* "Run" to the first enabled breakpoint, if any. */
    if (f->fp_ctrl & 1)
        for (int i = 0; i < 6; i++)
            if (f->fp_comp[i] & 1) {
                uint32_t a = f->fp_comp[i] & 0x1FFFFFFCu;
                if (f->fp_comp[i] & 0x80000000u)
                    a |= 2;
                if (a == f->regs[15])
                    continue;
                f->regs[15] = a;
                f->halted = true;
                f->why = DBG_STOP_FPB;
                f->dfsr |= 2;
                return;
            }
}

static void step(struct fake_target *f)
{
    f->regs[15] += 2;
    f->halted = true;
    f->why = DBG_STOP_STEP;
}

static void dhcsr_write(struct fake_target *f, uint32_t v)
{
    if ((v >> 16) != 0xA05F)
        return;
    f->dhcsr_ctrl = v & 0xF;
    if (!(v & DBG_DHCSR_C_DEBUGEN)) {
        if (f->halted)
            resume(f);
        return;
    }
    if (v & DBG_DHCSR_C_HALT) {
        if (!f->halted) {
            f->halted = true;
            f->why = DBG_STOP_REQUEST;
            f->dfsr |= 1;
        }
    } else if (f->halted) {
        if (v & DBG_DHCSR_C_STEP)
            step(f);
        else
            resume(f);
    }
}

static bool flash_program(struct fake_target *f, uint32_t off, unsigned size, uint32_t v)
{
    if (!(f->fl_cr & 1) || (f->fl_cr & 0x80) || size != 2) {
        f->fl_sr |= 4;   /* PGERR */
        return size == 2;
    }
    uint16_t old = (uint16_t)(f->flash[off] | f->flash[off + 1] << 8);
    if (old != 0xFFFF && v != 0) {
        f->fl_sr |= 4;
        return true;
    }
    f->flash[off] = (uint8_t)v;
    f->flash[off + 1] = (uint8_t)(v >> 8);
    f->fl_sr |= 0x20;
    return true;
}

static bool flash_reg_write(struct fake_target *f, uint32_t off, uint32_t v)
{
    switch (off) {
    case 0x00: f->fl_acr = v; break;
    case 0x04:
        if (f->fl_key_state == 0 && v == 0x45670123u)
            f->fl_key_state = 1;
        else if (f->fl_key_state == 1 && v == 0xCDEF89ABu) {
            f->fl_key_state = 2;
            f->fl_cr &= ~0x80u;
        } else
            f->fl_key_state = -1;
        break;
    case 0x0C: f->fl_sr &= ~(v & 0x34u); break;
    case 0x10:
        if (f->fl_cr & 0x80)
            break;
        f->fl_cr = v;
        if (v & 0x80) {
            f->fl_key_state = 0;
            break;
        }
        if ((v & 0x42) == 0x42) {
            uint32_t off2 = (f->fl_ar - DBG_FLASH_BASE) & ~(DBG_FLASH_PAGE - 1);
            if (off2 < DBG_FLASH_SIZE)
                memset(f->flash + off2, 0xFF, DBG_FLASH_PAGE);
            f->fl_sr |= 0x20;
            f->fl_cr &= ~0x40u;
        }
        if ((v & 0x44) == 0x44) {
            memset(f->flash, 0xFF, sizeof f->flash);
            f->fl_sr |= 0x20;
            f->fl_cr &= ~0x40u;
        }
        break;
    case 0x14: f->fl_ar = v; break;
    default: break;
    }
    return true;
}

static bool ppb_read(struct fake_target *f, uint32_t a, uint32_t *v)
{
    *v = 0;
    switch (a) {
    case 0xE000ED00: *v = 0x410FC241u; break;
    case 0xE000EF40: *v = 0x10110021u; break;
    case 0xE000EF44: *v = 0x11000011u; break;
    case DBG_DHCSR:
        *v = f->dhcsr_ctrl | DBG_DHCSR_S_REGRDY | (f->halted ? DBG_DHCSR_S_HALT : 0) |
             f->dhcsr_sticky;
        f->dhcsr_sticky = 0;
        break;
    case DBG_DCRSR: *v = f->dcrsr; break;
    case DBG_DCRDR: *v = f->dcrdr; break;
    case DBG_DEMCR: *v = f->demcr; break;
    case DBG_AIRCR: *v = 0xFA050000u; break;
    case DBG_DFSR: *v = f->dfsr; break;
    case DBG_FP_CTRL: *v = 0x260u | (f->fp_ctrl & 1); break;
    case DBG_DWT_CTRL: *v = 0x40000000u; break;
    case 0xE0042000: *v = 0x10036422u; break;
    case 0xE0042004: *v = f->dbgmcu_cr; break;
    case 0xE0042008: *v = f->dbgmcu_fz; break;
    default:
        if (a >= DBG_FP_COMP0 && a < DBG_FP_COMP0 + 32)
            *v = f->fp_comp[(a - DBG_FP_COMP0) / 4];
        else if (a >= DBG_DWT_COMP0 && a < DBG_DWT_COMP0 + 64) {
            unsigned n = (a - DBG_DWT_COMP0) / 16, r = (a - DBG_DWT_COMP0) % 16;
            *v = r == 0 ? f->dwt_comp[n] : r == 4 ? f->dwt_mask[n] : r == 8 ? f->dwt_func[n] : 0;
        } else if (!(a >= 0xE0000000u && a < 0xE0100000u))
            return false;
        break;
    }
    return true;
}

static bool ppb_write(struct fake_target *f, uint32_t a, uint32_t v)
{
    switch (a) {
    case DBG_DHCSR: dhcsr_write(f, v); break;
    case DBG_DCRSR:
        f->dcrsr = v;
        if ((v & 0x7F) >= sizeof f->regs / sizeof f->regs[0])
            break;   /* no such register: the transfer does nothing */
        if (v & 0x10000)
            f->regs[v & 0x7F] = f->dcrdr;
        else
            f->dcrdr = f->regs[v & 0x7F];
        break;
    case DBG_DCRDR: f->dcrdr = v; break;
    case DBG_DEMCR: f->demcr = v; break;
    case DBG_AIRCR:
        if ((v >> 16) == 0x05FA && (v & 4))
            vcatch_reset(f);
        break;
    case DBG_DFSR: f->dfsr &= ~v; break;
    case DBG_FP_CTRL:
        if (v & 2)
            f->fp_ctrl = v & 1;
        break;
    case 0xE0042004: f->dbgmcu_cr = v; break;
    case 0xE0042008: f->dbgmcu_fz = v; break;
    default:
        if (a >= DBG_FP_COMP0 && a < DBG_FP_COMP0 + 32)
            f->fp_comp[(a - DBG_FP_COMP0) / 4] = v;
        else if (a >= DBG_DWT_COMP0 && a < DBG_DWT_COMP0 + 64) {
            unsigned n = (a - DBG_DWT_COMP0) / 16, r = (a - DBG_DWT_COMP0) % 16;
            if (r == 0) f->dwt_comp[n] = v;
            if (r == 4) f->dwt_mask[n] = v;
            if (r == 8) f->dwt_func[n] = v;
        } else if (!(a >= 0xE0000000u && a < 0xE0100000u))
            return false;
        break;
    }
    return true;
}

/* [a, a+size) inside [base, base+len), without 32-bit wrap-around. */
static bool within(uint32_t a, unsigned size, uint32_t base, uint32_t len)
{
    return a >= base && (uint64_t)a + size <= (uint64_t)base + len;
}

static uint8_t *mem_ptr(struct fake_target *f, uint32_t a, unsigned size)
{
    if (within(a, size, DBG_SRAM_BASE, DBG_SRAM_SIZE))
        return f->sram + (a - DBG_SRAM_BASE);
    if (within(a, size, DBG_CCM_BASE, DBG_CCM_SIZE))
        return f->ccm + (a - DBG_CCM_BASE);
    if (within(a, size, RCC_BASE, sizeof f->rcc))
        return f->rcc + (a - RCC_BASE);
    return NULL;
}

static bool access(struct fake_target *f, uint32_t a, unsigned size, bool write, uint32_t *v)
{
    uint8_t *p = mem_ptr(f, a, size);
    if (p) {
        if (write)
            for (unsigned i = 0; i < size; i++)
                p[i] = (uint8_t)(*v >> (8 * i));
        else {
            *v = 0;
            for (unsigned i = 0; i < size; i++)
                *v |= (uint32_t)p[i] << (8 * i);
        }
        return true;
    }
    uint32_t fa = a < DBG_FLASH_SIZE ? a + DBG_FLASH_BASE : a;
    if (within(fa, size, DBG_FLASH_BASE, DBG_FLASH_SIZE)) {
        uint32_t off = fa - DBG_FLASH_BASE;
        if (write)
            return flash_program(f, off, size, *v);
        *v = 0;
        for (unsigned i = 0; i < size; i++)
            *v |= (uint32_t)f->flash[off + i] << (8 * i);
        return true;
    }
    if (within(a, size, 0x1FFFD800u, 0x2000)) {
        if (write)
            return false;
        *v = a == 0x1FFFF7CCu ? 0x0100u : 0xFFFFFFFFu >> (32 - 8 * size);
        return true;
    }
    if (a >= FLASH_REGS && a < FLASH_REGS + 0x400) {
        if (size != 4)
            return false;
        if (write)
            return flash_reg_write(f, a - FLASH_REGS, *v);
        uint32_t off = a - FLASH_REGS;
        *v = off == 0 ? f->fl_acr : off == 0x0C ? f->fl_sr : off == 0x10 ? f->fl_cr
           : off == 0x14 ? f->fl_ar : off == 0x20 ? 0xFFFFFFFFu : 0;
        return true;
    }
    if (a >= 0xE0000000u && a < 0xE0100000u) {
        if (size != 4 || (a & 3))
            return false;
        return write ? ppb_write(f, a, *v) : ppb_read(f, a, v);
    }
    if (a >= 0xE0042000u && a < 0xE0042010u) {
        if (size != 4)
            return false;
        return write ? ppb_write(f, a, *v) : ppb_read(f, a, v);
    }
    return false;
}

static void op_lock(void *ctx)
{
    pthread_mutex_lock(&((struct fake_target *)ctx)->mu);
}

static void op_unlock(void *ctx)
{
    pthread_mutex_unlock(&((struct fake_target *)ctx)->mu);
}

static uint32_t op_mem_read(void *ctx, uint32_t addr, void *buf, uint32_t len, unsigned width)
{
    uint8_t *b = buf;
    for (uint32_t i = 0; i < len; i += width) {
        uint32_t v;
        if (!access(ctx, addr + i, width, false, &v))
            return i;
        for (unsigned k = 0; k < width; k++)
            b[i + k] = (uint8_t)(v >> (8 * k));
    }
    return len;
}

static uint32_t op_mem_write(void *ctx, uint32_t addr, const void *buf, uint32_t len,
                             unsigned width)
{
    const uint8_t *b = buf;
    for (uint32_t i = 0; i < len; i += width) {
        uint32_t v = 0;
        for (unsigned k = 0; k < width; k++)
            v |= (uint32_t)b[i + k] << (8 * k);
        if (!access(ctx, addr + i, width, true, &v))
            return i;
    }
    return len;
}

static bool reg_ok(unsigned r)
{
    return r <= 18 || r == DBG_REG_SPECIAL || r == DBG_REG_FPSCR ||
           (r >= DBG_REG_S0 && r < DBG_REG_S0 + 32);
}

static bool op_reg_read(void *ctx, unsigned r, uint32_t *v)
{
    struct fake_target *f = ctx;
    *v = reg_ok(r) ? f->regs[r] : 0;
    return reg_ok(r);
}

static bool op_reg_write(void *ctx, unsigned r, uint32_t v)
{
    struct fake_target *f = ctx;
    if (!reg_ok(r))
        return false;
    f->regs[r] = r == 15 ? v & ~1u : v;
    return true;
}

static void op_halt(void *ctx)
{
    struct fake_target *f = ctx;
    f->dhcsr_ctrl |= DBG_DHCSR_C_DEBUGEN | DBG_DHCSR_C_HALT;
    if (!f->halted) {
        f->halted = true;
        f->why = DBG_STOP_REQUEST;
    }
}

static void op_resume(void *ctx)
{
    struct fake_target *f = ctx;
    f->dhcsr_ctrl &= ~DBG_DHCSR_C_HALT;
    resume(f);
}

static void op_attach(void *ctx)
{
    ((struct fake_target *)ctx)->dhcsr_ctrl |= DBG_DHCSR_C_DEBUGEN;
}

static enum dbg_stop op_step(void *ctx)
{
    step(ctx);
    return DBG_STOP_STEP;
}

static enum dbg_stop op_state(void *ctx)
{
    struct fake_target *f = ctx;
    return f->halted ? f->why : DBG_RUNNING;
}

static void op_reset(void *ctx, enum dbg_reset how)
{
    struct fake_target *f = ctx;
    if (how == DBG_RESET_VCATCH)
        vcatch_reset(f);
    else
        do_reset(f, how == DBG_RESET_HALT);
}

static void op_nrst(void *ctx, bool low)
{
    struct fake_target *f = ctx;
    if (f->nrst_low && !low)
        vcatch_reset(f);
    f->nrst_low = low;
}

static int op_flash_erase(void *ctx, uint32_t addr, uint32_t len)
{
    struct fake_target *f = ctx;
    if (!within(addr, len, DBG_FLASH_BASE, DBG_FLASH_SIZE) ||
        (addr - DBG_FLASH_BASE) % DBG_FLASH_PAGE || len % DBG_FLASH_PAGE)
        return -1;
    memset(f->flash + (addr - DBG_FLASH_BASE), 0xFF, len);
    return 0;
}

static int op_flash_write(void *ctx, uint32_t addr, const void *buf, uint32_t len)
{
    struct fake_target *f = ctx;
    if (!within(addr, len, DBG_FLASH_BASE, DBG_FLASH_SIZE))
        return -1;
    const uint8_t *b = buf;
    for (uint32_t i = 0; i < len; i++)
        f->flash[addr - DBG_FLASH_BASE + i] &= b[i];
    return 0;
}

static int op_flash_done(void *ctx)
{
    ((struct fake_target *)ctx)->flash_dones++;
    return 0;
}

static size_t op_console_take(void *ctx, char *buf, size_t cap)
{
    struct fake_target *f = ctx;
    size_t n = f->console_len < cap ? f->console_len : cap;
    memcpy(buf, f->console, n);
    memmove(f->console, f->console + n, f->console_len - n);
    f->console_len -= n;
    return n;
}

static const struct dbg_target_ops fake_ops = {
    .lock = op_lock,
    .unlock = op_unlock,
    .mem_read = op_mem_read,
    .mem_write = op_mem_write,
    .reg_read = op_reg_read,
    .reg_write = op_reg_write,
    .halt = op_halt,
    .resume = op_resume,
    .step = op_step,
    .state = op_state,
    .attach = op_attach,
    .reset = op_reset,
    .nrst = op_nrst,
    .flash_erase = op_flash_erase,
    .flash_write = op_flash_write,
    .flash_done = op_flash_done,
    .console_take = op_console_take,
};

void fake_target_init(struct fake_target *f)
{
    memset(f, 0, sizeof *f);
    pthread_mutex_init(&f->mu, NULL);
    memset(f->flash, 0xFF, sizeof f->flash);
    f->rcc[0] = 0x83;
    f->fl_cr = 0x80;
    do_reset(f, false);
    f->resets = 0;
}

void fake_target_free(struct fake_target *f)
{
    pthread_mutex_destroy(&f->mu);
}

struct dbg_target fake_target_ops(struct fake_target *f)
{
    struct dbg_target t = {&fake_ops, f};
    return t;
}
