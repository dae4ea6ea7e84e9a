/* The side under test: the f3kit core on a plain memory map (flash with a
 * vector table and the code window, RAM), driven through src/core/cpu.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "diff.h"

struct diff_core {
    bool use_run;        /* straight programs through cpu_run, not cpu_step */
    struct bus bus;
    struct cpu cpu;
    uint8_t flash[DIFF_FLASH_SIZE];
    uint8_t ram[DIFF_RAM_SIZE];
};

struct diff_core *diff_core_new(char *err, size_t errlen)
{
    struct diff_core *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    bus_init(&c->bus);
    uint32_t vt[2] = {DIFF_SP_INIT, DIFF_CODE_BASE | 1};
    memcpy(c->flash, vt, sizeof vt);
    if (bus_map_memory(&c->bus, DIFF_FLASH_BASE, DIFF_FLASH_SIZE, c->flash, false, NULL) != 0 ||
        bus_map_memory(&c->bus, DIFF_RAM_BASE, DIFF_RAM_SIZE, c->ram, true, NULL) != 0) {
        snprintf(err, errlen, "bus_map_memory failed for the diff memory map");
        bus_free(&c->bus);
        free(c);
        return NULL;
    }
    struct cpu_config cfg = {.cpuid = 0x410fc241u, .clock_hz = 8000000u};
    struct cpu_host host = {0};
    if (cpu_init(&c->cpu, &c->bus, &cfg, &host) != 0) {
        snprintf(err, errlen, "cpu_init failed");
        bus_free(&c->bus);
        free(c);
        return NULL;
    }
    cpu_reset(&c->cpu);
    return c;
}

void diff_core_use_run(struct diff_core *c, bool on)
{
    c->use_run = on;
}

void diff_core_free(struct diff_core *c)
{
    if (!c)
        return;
    cpu_free(&c->cpu);
    bus_free(&c->bus);
    free(c);
}

static const char *stop_name(enum cpu_stop s)
{
    switch (s) {
    case CPU_STOP_LIMIT: return "limit";
    case CPU_STOP_HALT: return "halt";
    case CPU_STOP_EXIT: return "exit";
    case CPU_STOP_SLEEP: return "sleep";
    case CPU_STOP_LOCKUP: return "lockup";
    case CPU_STOP_SYSRESET: return "sysreset";
    }
    return "?";
}

int diff_core_run(struct diff_core *c, const struct diff_prog *p, const struct diff_state *in,
                  struct diff_state *out, char *err, size_t errlen)
{
    struct cpu *cpu = &c->cpu;
    uint16_t img[DIFF_CODE_HW];
    diff_prog_image(p, img);
    memcpy(c->flash + (DIFF_CODE_BASE - DIFF_FLASH_BASE), img, sizeof img);
    cpu_invalidate(cpu, DIFF_CODE_BASE, sizeof img);
    memcpy(c->ram, in->ram, DIFF_RAM_SIZE);

    /* Start every case from reset, so nothing leaks between cases
     * (exclusive monitor, FP context, pending exceptions). */
    cpu_reset(cpu);
    cpu->sys.cpacr = 0xfu << 20;       /* CP10/CP11 full access: FP enabled */
    /* CONTROL.FPCA = 1 as on the Unicorn side: the FP context exists, so
     * FPSCR is the case's, not FPDSCR's. */
    cpu_set_control(cpu, 4);
    for (int i = 0; i < 16; i++)
        cpu->r[i] = in->r[i];
    cpu->apsr_n = in->n;
    cpu->apsr_z = in->z;
    cpu->apsr_c = in->c;
    cpu->apsr_v = in->v;
    cpu->apsr_q = in->q;
    cpu->apsr_ge = in->ge;
    cpu->itstate = 0;
    cpu->thumb = true;
    memcpy(cpu->s, in->s, sizeof cpu->s);
    cpu->fpscr = in->fpscr;

    bool run = c->use_run && (!p->jumps || p->bkpt_pads);
    if (run) {
        /* The run loop (predecoded blocks) instead of single steps: a BKPT
         * after a straight program, or wherever a branch lands, halts the
         * core there (halting debug on). */
        cpu->sys.dhcsr |= 1u;              /* DHCSR.C_DEBUGEN */
        enum cpu_stop s = cpu_run(cpu, cpu->cycles + 1000u);
        cpu->sys.dhcsr &= ~1u;
        uint32_t at = cpu->r[15], off = at - DIFF_FLASH_BASE;
        uint16_t hw = 0;
        if (off < DIFF_FLASH_SIZE - 1)
            memcpy(&hw, c->flash + off, 2);
        bool on_bkpt = hw == 0xbe00;
        if (s != CPU_STOP_HALT || cpu->halt_reason != CPU_HALT_BKPT || !on_bkpt ||
            (!p->jumps && at != diff_here(p))) {
            snprintf(err, errlen,
                     "cpu_run stopped (%s) at pc 0x%08x, not at a BKPT %s (ipsr %u, CFSR 0x%08x)",
                     stop_name(s), at, p->jumps ? "pad" : "after the program", cpu->ipsr,
                     cpu->sys.cfsr);
            return -1;
        }
        cpu_resume(cpu);
    }
    for (unsigned i = 0; i < (run ? 0 : p->steps); i++) {
        enum cpu_stop s = cpu_step(cpu);
        if (cpu->ipsr != 0 || cpu->lockup) {
            snprintf(err, errlen,
                     "core took exception %u at step %u (CFSR 0x%08x HFSR 0x%08x), pc now 0x%08x",
                     cpu->ipsr, i, cpu->sys.cfsr, cpu->sys.hfsr, cpu->r[15]);
            return -1;
        }
        if (s != CPU_STOP_LIMIT) {
            snprintf(err, errlen, "core stopped (%s) at step %u, pc 0x%08x", stop_name(s), i,
                     cpu->r[15]);
            return -1;
        }
    }

    memset(out, 0, sizeof *out);
    memcpy(out->r, cpu->r, sizeof out->r);
    out->n = cpu->apsr_n;
    out->z = cpu->apsr_z;
    out->c = cpu->apsr_c;
    out->v = cpu->apsr_v;
    out->q = cpu->apsr_q;
    out->ge = cpu->apsr_ge;
    memcpy(out->s, cpu->s, sizeof out->s);
    out->fpscr = cpu->fpscr;
    memcpy(out->ram, c->ram, DIFF_RAM_SIZE);
    return 0;
}
