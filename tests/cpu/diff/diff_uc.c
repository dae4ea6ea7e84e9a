/* The reference side: Unicorn 2 (QEMU's ARM front end) as a Cortex-M4.
 *
 * One engine is reused for every case; registers and memory are rewritten
 * from the case's state before each run, and translated code is dropped
 * because every case writes new code at the same address. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicorn/unicorn.h>

#include "diff.h"

struct diff_uc {
    uc_engine *uc;
    uc_hook intr_hook;
    uc_hook bad_hook;
    int intno;           /* exception QEMU raised during the run, or -1 */
    bool invalid;        /* an undecodable instruction */
};

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
    struct diff_uc *u = user;
    if (u->intno < 0)
        u->intno = (int)intno;
    uc_emu_stop(uc);
}

static bool on_invalid(uc_engine *uc, void *user)
{
    struct diff_uc *u = user;
    u->invalid = true;
    uc_emu_stop(uc);
    return false;
}

/* With CONTROL.FPCA = 0 and FPCCR.ASPEN = 1 (the reset state) the first FP
 * instruction creates a new FP context and loads FPSCR from FPDSCR
 * (ExecuteFPCheck), which would wipe each case's random FPSCR.  Writing
 * CONTROL through Unicorn does not refresh QEMU's cached translation flags,
 * so run FP instructions until an FPSCR value survives one: from then on the
 * context stays active for every case (the core side sets CONTROL.FPCA). */
static int fp_warm_up(uc_engine *uc)
{
    const uint16_t vadd[2] = {0xee30, 0x0a00};     /* VADD.F32 s0, s0, s0 */
    uc_mem_write(uc, DIFF_CODE_BASE, vadd, sizeof vadd);
    uint32_t sp = DIFF_SP_INIT;
    uc_reg_write(uc, UC_ARM_REG_SP, &sp);
    for (int i = 0; i < 8; i++) {
        uint32_t want = 0x03c00000u, got = 0, zero = 0;
        uc_reg_write(uc, UC_ARM_REG_S0, &zero);
        uc_reg_write(uc, UC_ARM_REG_FPSCR, &want);
        uc_ctl_remove_cache(uc, DIFF_CODE_BASE, DIFF_CODE_BASE + 4);
        if (uc_emu_start(uc, DIFF_CODE_BASE | 1u, 0xfffffffeu, 0, 1) != UC_ERR_OK)
            return -1;
        uc_reg_read(uc, UC_ARM_REG_FPSCR, &got);
        if (got == want)
            return 0;
    }
    return -1;
}

struct diff_uc *diff_uc_new(char *err, size_t errlen)
{
    struct diff_uc *u = calloc(1, sizeof *u);
    if (!u) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    uc_err e = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &u->uc);
    if (e == UC_ERR_OK)
        e = uc_ctl_set_cpu_model(u->uc, UC_CPU_ARM_CORTEX_M4);
    if (e == UC_ERR_OK)
        e = uc_mem_map(u->uc, DIFF_FLASH_BASE, DIFF_FLASH_SIZE, UC_PROT_READ | UC_PROT_EXEC);
    if (e == UC_ERR_OK)
        e = uc_mem_map(u->uc, DIFF_RAM_BASE, DIFF_RAM_SIZE, UC_PROT_ALL);
    if (e == UC_ERR_OK)
        e = uc_hook_add(u->uc, &u->intr_hook, UC_HOOK_INTR, (void *)on_intr, u, 1, 0);
    if (e == UC_ERR_OK)
        e = uc_hook_add(u->uc, &u->bad_hook, UC_HOOK_INSN_INVALID, (void *)on_invalid, u, 1, 0);
    if (e != UC_ERR_OK) {
        snprintf(err, errlen, "unicorn setup failed: %s (is libunicorn-dev 2.x installed?)",
                 uc_strerror(e));
        if (u->uc)
            uc_close(u->uc);
        free(u);
        return NULL;
    }
    /* Vector table: a valid SP and a reset vector, so that an exception
     * QEMU takes lands somewhere mapped; on_intr stops the run first. */
    uint32_t vt[2] = {DIFF_SP_INIT, DIFF_CODE_BASE | 1};
    uc_mem_write(u->uc, DIFF_FLASH_BASE, vt, sizeof vt);
    if (fp_warm_up(u->uc) != 0) {
        snprintf(err, errlen, "unicorn: could not make an FP context active (CONTROL.FPCA)");
        diff_uc_free(u);
        return NULL;
    }
    return u;
}

void diff_uc_free(struct diff_uc *u)
{
    if (!u)
        return;
    uc_close(u->uc);
    free(u);
}

static const int uc_r[16] = {
    UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3, UC_ARM_REG_R4,
    UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9,
    UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR,
    UC_ARM_REG_PC,
};

int diff_uc_run(struct diff_uc *u, const struct diff_prog *p, const struct diff_state *in,
                struct diff_state *out, char *err, size_t errlen)
{
    uc_engine *uc = u->uc;
    uint16_t img[DIFF_CODE_HW];
    diff_prog_image(p, img);
    uc_mem_write(uc, DIFF_CODE_BASE, img, sizeof img);
    uc_ctl_remove_cache(uc, DIFF_CODE_BASE, DIFF_CODE_BASE + sizeof img);
    uc_mem_write(uc, DIFF_RAM_BASE, in->ram, DIFF_RAM_SIZE);

    for (int i = 0; i < 15; i++)
        uc_reg_write(uc, uc_r[i], &in->r[i]);
    /* xPSR: T set, IPSR 0 (Thread mode), ITSTATE 0; then the flags, Q and
     * GE through the NZCVQG view (a write to XPSR leaves GE alone). */
    uint32_t xpsr = 1u << 24;
    uc_reg_write(uc, UC_ARM_REG_XPSR, &xpsr);
    xpsr = in->n << 31 | in->z << 30 | in->c << 29 | in->v << 28 | in->q << 27 |
           (in->ge & 0xf) << 16;
    uc_reg_write(uc, UC_ARM_REG_XPSR_NZCVQG, &xpsr);
    for (int i = 0; i < 32; i++)
        uc_reg_write(uc, UC_ARM_REG_S0 + i, &in->s[i]);
    uc_reg_write(uc, UC_ARM_REG_FPSCR, &in->fpscr);

    u->intno = -1;
    u->invalid = false;
    /* A program that branches ends after its count of instructions.  A
     * straight one ends at its last halfword: Unicorn's instruction count
     * leaves out the instructions an IT block skips, though they count
     * architecturally (and in cpu_step). */
    /* With BKPT pads the landing pad (the last step) is not executed. */
    unsigned count = p->steps - p->uc_skipped - (p->bkpt_pads ? 1u : 0u);
    uc_err e = p->jumps ? uc_emu_start(uc, in->r[15] | 1u, 0xfffffffeu, 0, count)
                        : uc_emu_start(uc, in->r[15] | 1u, diff_here(p), 0, 0);
    /* QEMU ends a block at YIELD (EXCP_YIELD), which Unicorn 2.0.1 reports
     * as an invalid instruction with the PC already past it; YIELD is a NOP
     * hint (A7.7.263), so carry on from there. */
    for (int k = 0; k < 4 && !p->jumps && (e == UC_ERR_INSN_INVALID || u->invalid); k++) {
        uint32_t pc = 0;
        uint16_t before[2] = {0, 0};
        uc_reg_read(uc, UC_ARM_REG_PC, &pc);
        pc &= ~1u;
        uc_mem_read(uc, pc - 4, before, sizeof before);
        if (before[1] != 0xbf10 && !(before[0] == 0xf3af && before[1] == 0x8001))
            break;
        u->invalid = false;
        e = uc_emu_start(uc, pc | 1u, diff_here(p), 0, 0);
    }
    if (e != UC_ERR_OK || u->intno >= 0 || u->invalid) {
        uint32_t pc = 0;
        uc_reg_read(uc, UC_ARM_REG_PC, &pc);
        snprintf(err, errlen, "unicorn: %s%s (exception %d) near pc 0x%08x",
                 uc_strerror(e), u->invalid ? ", invalid instruction" : "", u->intno, pc);
        return -1;
    }

    memset(out, 0, sizeof *out);
    for (int i = 0; i < 16; i++)
        uc_reg_read(uc, uc_r[i], &out->r[i]);
    out->r[15] &= ~1u;
    uc_reg_read(uc, UC_ARM_REG_XPSR, &xpsr);
    out->n = xpsr >> 31 & 1;
    out->z = xpsr >> 30 & 1;
    out->c = xpsr >> 29 & 1;
    out->v = xpsr >> 28 & 1;
    out->q = xpsr >> 27 & 1;
    out->ge = xpsr >> 16 & 0xf;
    for (int i = 0; i < 32; i++)
        uc_reg_read(uc, UC_ARM_REG_S0 + i, &out->s[i]);
    uc_reg_read(uc, UC_ARM_REG_FPSCR, &out->fpscr);
    uc_mem_read(uc, DIFF_RAM_BASE, out->ram, DIFF_RAM_SIZE);
    return 0;
}
