#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static void console_write(void *ctx, const void *buf, size_t len)
{
    struct fx *f = ctx;
    if (len > sizeof f->console - 1 - f->console_len)
        len = sizeof f->console - 1 - f->console_len;
    memcpy(f->console + f->console_len, buf, len);
    f->console_len += len;
    f->console[f->console_len] = 0;
}

static size_t console_read(void *ctx, void *buf, size_t len)
{
    struct fx *f = ctx;
    size_t n = 0;
    while (f->input && *f->input && n < len)
        ((char *)buf)[n++] = *f->input++;
    return n;
}

static void halted(void *ctx, enum cpu_halt_reason why)
{
    struct fx *f = ctx;
    (void)why;
    f->halted_calls++;
}

/* The debugger's single step (DHCSR C_STEP) calls cpu_step; these tests
 * link src/armv7m without the executor, so a step here "executes" a 2-byte
 * instruction. */
enum cpu_stop cpu_step(struct cpu *cpu)
{
    struct fx *f = cpu->host.ctx;
    f->steps++;
    cpu->r[15] += 2;
    cpu->insns++;
    cpu->cycles++;
    if (cpu->halted) /* as the executor's step: halted again afterwards */
        cpu->halt_reason = CPU_HALT_STEP;
    return CPU_STOP_HALT;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

int fx_setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    bus_init(&f->bus);
    bus_map_memory(&f->bus, FX_CODE, FX_CODE_SIZE, f->code, true, NULL);
    bus_map_memory(&f->bus, FX_RAM, FX_RAM_SIZE, f->ram, true, NULL);
    put32(f->code + 0, FX_STACK_TOP);
    for (unsigned n = 1; n < CPU_NUM_EXC; n++)
        put32(f->code + 4 * n, FX_HANDLER(n) | 1);
    f->cpu.bus = &f->bus;
    f->cpu.cfg.cpuid = 0x410fc241u;
    f->cpu.cfg.clock_hz = 8000000u;
    f->cpu.host = (struct cpu_host){f, console_write, console_read, NULL, halted};
    if (armv7m_map(&f->cpu, &f->bus))
        return -1;
    armv7m_reset(&f->cpu, true);
    fx_reset(f);
    *state = f;
    return 0;
}

int fx_teardown(void **state)
{
    struct fx *f = *state;
    bus_free(&f->bus);
    free(f);
    return 0;
}

void fx_reset(struct fx *f)
{
    struct cpu *c = &f->cpu;
    memset(c->r, 0, sizeof c->r);
    c->control = 0;
    c->ipsr = 0;
    c->primask = c->faultmask = c->basepri = 0;
    c->sp_process = 0;
    c->r[13] = FX_STACK_TOP;
    c->r[14] = 0xffffffffu;
    c->r[15] = 0x200;
    c->thumb = true;
    c->itstate = 0;
}

uint32_t fx_rd(struct fx *f, uint32_t addr)
{
    uint32_t v = 0xdeadbeef;
    assert_true(bus_read(&f->bus, addr, 4, &v));
    return v;
}

void fx_wr(struct fx *f, uint32_t addr, uint32_t v)
{
    assert_true(bus_write(&f->bus, addr, 4, v));
}

void fx_irq(struct fx *f, unsigned irq, uint8_t prio)
{
    fx_wr(f, 0xe000e100u + 4 * (irq / 32), 1u << (irq % 32));
    assert_true(bus_write(&f->bus, 0xe000e400u + irq, 1, prio));
}
