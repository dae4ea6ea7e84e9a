/* dbg_target on a board (see dbg_board.h). */
#include "debug/dbg_board.h"

#include <stdlib.h>
#include <string.h>

#define CONSOLE_CAP 8192u

struct dbg_board {
    struct board *b;
    bool nrst_low;
    /* Semihosting output not yet taken by a GDB client (a ring). */
    char console[CONSOLE_CAP];
    size_t con_head, con_len;
};

static struct bus *bus_of(struct dbg_board *d)
{
    return board_bus(d->b);
}

static void op_lock(void *ctx)
{
    board_lock(((struct dbg_board *)ctx)->b);
}

static void op_unlock(void *ctx)
{
    board_unlock(((struct dbg_board *)ctx)->b);
}

static uint32_t op_mem_read(void *ctx, uint32_t addr, void *buf, uint32_t len, unsigned width)
{
    struct bus *bus = bus_of(ctx);
    uint8_t *out = buf;
    uint32_t i = 0;
    if ((uint64_t)addr + len > 0x100000000ull)
        len = (uint32_t)(0x100000000ull - addr);
    while (i < len) {
        /* Plain memory: copy up to the end of the bus page at once. */
        uint32_t a = addr + i;
        uint32_t chunk = BUS_PAGE_SIZE - (a & (BUS_PAGE_SIZE - 1));
        if (chunk > len - i)
            chunk = len - i;
        const uint8_t *p = bus_read_ptr(bus, a, chunk);
        if (p) {
            memcpy(out + i, p, chunk);
            i += chunk;
            continue;
        }
        uint32_t v;
        if (!bus_read(bus, a, width, &v))
            break;
        for (unsigned k = 0; k < width; k++)
            out[i + k] = (uint8_t)(v >> (8 * k));
        i += width;
    }
    return i;
}

static struct cpu *cpu_of(struct dbg_board *d)
{
    return board_cpu(d->b);
}

static void op_reset(void *ctx, enum dbg_reset how);

static uint32_t op_mem_write(void *ctx, uint32_t addr, const void *buf, uint32_t len,
                             unsigned width)
{
    struct dbg_board *d = ctx;
    struct bus *bus = bus_of(d);
    const uint8_t *in = buf;
    if ((uint64_t)addr + len > 0x100000000ull)
        len = (uint32_t)(0x100000000ull - addr);
    bool was_halted = cpu_of(d)->halted;
    bool dhcsr = false;
    uint32_t i = 0;
    for (; i < len; i += width) {
        uint32_t v = 0;
        for (unsigned k = 0; k < width; k++)
            v |= (uint32_t)in[i + k] << (8 * k);
        if (!bus_write(bus, addr + i, width, v))
            break;
        dhcsr |= addr + i == DBG_DHCSR;
    }
    /* A DHCSR write may have released the core (C_HALT cleared): the board
     * thread must notice, as it would after board_resume. */
    if (dhcsr && was_halted && !cpu_of(d)->halted)
        board_resume(d->b);
    /* AIRCR.SYSRESETREQ from the debugger resets the system at once, even
     * when the core is halted or locked up and will not run to notice it
     * (that is how a debugger recovers a locked-up chip). */
    if (cpu_of(d)->sysreset_request)
        op_reset(d, DBG_RESET_VCATCH);
    return i;
}

static bool op_reg_read(void *ctx, unsigned regsel, uint32_t *value)
{
    return cpu_reg_get(cpu_of(ctx), regsel, value);
}

static bool op_reg_write(void *ctx, unsigned regsel, uint32_t value)
{
    struct cpu *cpu = cpu_of(ctx);
    bool ok = cpu_reg_set(cpu, regsel, value);
    cpu->attention = 1;   /* PC/xPSR changes: leave any fast path */
    return ok;
}

static void op_attach(void *ctx)
{
    struct cpu *cpu = cpu_of(ctx);
    /* DHCSR reads C_DEBUGEN = 1 while the core serves semihosting itself
     * (armv7m debug_regs.c), so OpenOCD's examine never sets it; set the
     * control bit itself so vector catch, FPB and BKPT halt the core. */
    cpu->sys.dhcsr |= DBG_DHCSR_C_DEBUGEN;
    cpu->attention = 1;
}

static void op_halt(void *ctx)
{
    struct dbg_board *d = ctx;
    struct cpu *cpu = cpu_of(d);
    /* Halting debug on, so FPB/DWT/BKPT halt the core from now on. */
    op_attach(d);
    if (!cpu->halted)
        board_halt(d->b);
}

static void op_resume(void *ctx)
{
    struct dbg_board *d = ctx;
    if (cpu_of(d)->halted)
        board_resume(d->b);
}

static enum dbg_stop stop_of(const struct cpu *cpu)
{
    if (cpu->lockup)
        return DBG_STOP_LOCKUP;
    if (cpu->sys.exit_requested)
        return DBG_STOP_EXIT;
    if (!cpu->halted)
        return DBG_RUNNING;
    switch (cpu->halt_reason) {
    case CPU_HALT_STEP: return DBG_STOP_STEP;
    case CPU_HALT_BKPT: return DBG_STOP_BKPT;
    case CPU_HALT_FPB: return DBG_STOP_FPB;
    case CPU_HALT_WATCH: return DBG_STOP_WATCH;
    case CPU_HALT_VCATCH:
    case CPU_HALT_RESET: return DBG_STOP_VCATCH;
    default: return DBG_STOP_REQUEST;
    }
}

static enum dbg_stop op_step(void *ctx)
{
    struct dbg_board *d = ctx;
    struct bus *bus = bus_of(d);
    if (!cpu_of(d)->halted)
        board_halt(d->b);
    /* The DHCSR step (ARMv7-M C1.6.2): one instruction with interrupts
     * masked, as OpenOCD steps; armv7m completes it within the write. */
    bus_write(bus, DBG_DHCSR, 4,
              DBG_DHCSR_KEY | DBG_DHCSR_C_DEBUGEN | DBG_DHCSR_C_MASKINTS | DBG_DHCSR_C_HALT);
    bus_write(bus, DBG_DHCSR, 4,
              DBG_DHCSR_KEY | DBG_DHCSR_C_DEBUGEN | DBG_DHCSR_C_MASKINTS | DBG_DHCSR_C_STEP);
    bus_write(bus, DBG_DHCSR, 4, DBG_DHCSR_KEY | DBG_DHCSR_C_DEBUGEN | DBG_DHCSR_C_HALT);
    return stop_of(cpu_of(d));
}

static enum dbg_stop op_state(void *ctx)
{
    return stop_of(cpu_of(ctx));
}

static void op_reset(void *ctx, enum dbg_reset how)
{
    struct dbg_board *d = ctx;
    struct cpu *cpu = cpu_of(d);
    bool halt = how == DBG_RESET_HALT;
    if (how == DBG_RESET_VCATCH)
        halt = (cpu->sys.demcr & DBG_DEMCR_VC_CORERESET) &&
               (cpu->sys.dhcsr & DBG_DHCSR_C_DEBUGEN);
    if (halt)
        op_attach(d);
    board_reset(d->b, halt);
}

static void op_nrst(void *ctx, bool low)
{
    struct dbg_board *d = ctx;
    /* Releasing NRST is a system reset; while it is held there is nothing
     * for the probe to reach, which the model approximates by resetting on
     * the release. */
    if (d->nrst_low && !low)
        op_reset(d, DBG_RESET_VCATCH);
    d->nrst_low = low;
}

/* Host memory behind the flash array at addr, page by page (1 KiB bus pages). */
static uint8_t *flash_mem(struct dbg_board *d, uint32_t addr)
{
    struct bus_page *p = bus_page_of(bus_of(d), addr);
    return p && p->mem ? p->mem + (addr & (BUS_PAGE_SIZE - 1)) : NULL;
}

static bool in_flash(uint32_t addr, uint32_t len)
{
    return addr >= DBG_FLASH_BASE &&
           (uint64_t)addr + len <= (uint64_t)DBG_FLASH_BASE + DBG_FLASH_SIZE;
}

static int op_flash_erase(void *ctx, uint32_t addr, uint32_t len)
{
    struct dbg_board *d = ctx;
    if (!in_flash(addr, len) || (addr - DBG_FLASH_BASE) % DBG_FLASH_PAGE ||
        len % DBG_FLASH_PAGE)
        return -1;
    for (uint32_t a = addr; a < addr + len; a += BUS_PAGE_SIZE) {
        uint8_t *m = flash_mem(d, a);
        if (!m)
            return -1;
        memset(m, 0xFF, BUS_PAGE_SIZE);
    }
    bus_notify_write(bus_of(d), addr, len);
    return 0;
}

static int op_flash_write(void *ctx, uint32_t addr, const void *buf, uint32_t len)
{
    struct dbg_board *d = ctx;
    const uint8_t *in = buf;
    if (!in_flash(addr, len))
        return -1;
    uint32_t i = 0;
    while (i < len) {
        uint32_t a = addr + i;
        uint32_t chunk = BUS_PAGE_SIZE - (a & (BUS_PAGE_SIZE - 1));
        if (chunk > len - i)
            chunk = len - i;
        uint8_t *m = flash_mem(d, a);
        if (!m)
            return -1;
        /* Programming only clears bits of erased cells (AND), as NOR flash. */
        for (uint32_t k = 0; k < chunk; k++)
            m[k] &= in[i + k];
        i += chunk;
    }
    bus_notify_write(bus_of(d), addr, len);
    return 0;
}

static int op_flash_done(void *ctx)
{
    struct dbg_board *d = ctx;
    char err[256];
    return board_flash_sync(d->b, err, sizeof err);
}

static bool op_semihosting(void *ctx, int on)
{
    struct cpu *cpu = cpu_of(ctx);
    if (on >= 0)
        cpu->cfg.semihosting = on != 0;
    return cpu->cfg.semihosting;
}

static int op_exit_code(void *ctx)
{
    return cpu_of(ctx)->exit_code;
}

static size_t op_console_take(void *ctx, char *buf, size_t cap)
{
    struct dbg_board *d = ctx;
    size_t n = 0;
    while (n < cap && d->con_len) {
        buf[n++] = d->console[d->con_head];
        d->con_head = (d->con_head + 1) % CONSOLE_CAP;
        d->con_len--;
    }
    return n;
}

void dbg_board_console(void *ctx, const void *buf, size_t len)
{
    struct dbg_board *d = ctx;
    const char *p = buf;
    for (size_t i = 0; i < len; i++) {
        if (d->con_len == CONSOLE_CAP) {   /* full: drop the oldest byte */
            d->con_head = (d->con_head + 1) % CONSOLE_CAP;
            d->con_len--;
        }
        d->console[(d->con_head + d->con_len) % CONSOLE_CAP] = p[i];
        d->con_len++;
    }
}

static const struct dbg_target_ops board_ops = {
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
    .semihosting = op_semihosting,
    .exit_code = op_exit_code,
    .console_take = op_console_take,
};

struct dbg_board *dbg_board_new(struct board *b)
{
    struct dbg_board *d = calloc(1, sizeof *d);
    if (d)
        d->b = b;
    return d;
}

void dbg_board_free(struct dbg_board *d)
{
    free(d);
}

struct dbg_target dbg_board_target(struct dbg_board *d)
{
    struct dbg_target t = {&board_ops, d};
    return t;
}
