/* What a debug server needs from the thing it debugs: the "target ops" layer
 * (Black Magic Probe style) under the ST-LINK command set and the GDB remote
 * protocol.  The real implementation sits on a board (dbg_board.c); tests plug
 * in a fake so the protocol layers run without an emulated core.
 *
 * Threading: a server calls lock() before a group of operations and unlock()
 * after; everything except lock/unlock/wait_halt runs with the lock held.
 * The core keeps running between groups. */
#ifndef F3KIT_DBG_TARGET_H
#define F3KIT_DBG_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Why the core is in Debug state (mirrors enum cpu_halt_reason, plus the
 * states a debugger reports that are not halts). */
enum dbg_stop {
    DBG_RUNNING = 0,
    DBG_STOP_REQUEST,   /* halt request (C_HALT, Ctrl-C) */
    DBG_STOP_STEP,      /* single step done */
    DBG_STOP_BKPT,      /* BKPT instruction */
    DBG_STOP_FPB,       /* hardware breakpoint (FPB comparator) */
    DBG_STOP_WATCH,     /* DWT watchpoint */
    DBG_STOP_VCATCH,    /* vector catch / halted at reset */
    DBG_STOP_LOCKUP,    /* core locked up (unrecoverable fault) */
    DBG_STOP_EXIT,      /* firmware ended (semihosting exit) */
    DBG_STOP_UNKNOWN,   /* the emulator cannot go on (e.g. undefined insn) */
};

enum dbg_reset {
    DBG_RESET_VCATCH,   /* halt at the reset vector iff DEMCR.VC_CORERESET and
                           DHCSR.C_DEBUGEN, as silicon does (ARMv7-M C1.6.5) */
    DBG_RESET_HALT,     /* always halt at the reset vector */
    DBG_RESET_RUN,      /* always run */
};

/* Register numbers are DCRSR.REGSEL values (ARMv7-M ARM C1.6.3):
 * 0..15 r0..r15, 16 xPSR, 17 MSP, 18 PSP, 20 packed CONTROL/FAULTMASK/
 * BASEPRI/PRIMASK, 33 FPSCR, 64..95 S0..S31. */
#define DBG_REG_PC 15u
#define DBG_REG_XPSR 16u
#define DBG_REG_MSP 17u
#define DBG_REG_PSP 18u
#define DBG_REG_SPECIAL 20u
#define DBG_REG_FPSCR 33u
#define DBG_REG_S0 64u

struct dbg_target_ops {
    void (*lock)(void *ctx);
    void (*unlock)(void *ctx);

    /* Memory on the system bus as a debug access port sees it.  `width` is
     * the access size (1, 2 or 4); len is a multiple of it.  Returns the
     * number of bytes done before the first bus error. */
    uint32_t (*mem_read)(void *ctx, uint32_t addr, void *buf, uint32_t len, unsigned width);
    uint32_t (*mem_write)(void *ctx, uint32_t addr, const void *buf, uint32_t len,
                          unsigned width);

    /* Core registers by REGSEL; false for an unknown number. */
    bool (*reg_read)(void *ctx, unsigned regsel, uint32_t *value);
    bool (*reg_write)(void *ctx, unsigned regsel, uint32_t value);

    /* Run control.  halt: stop the core (in Debug state on return).  resume:
     * leave Debug state.  step: execute one instruction, stay halted; returns
     * the resulting stop state.  state: DBG_RUNNING or why it stopped. */
    void (*halt)(void *ctx);
    void (*resume)(void *ctx);
    enum dbg_stop (*step)(void *ctx);
    enum dbg_stop (*state)(void *ctx);

    /* A debug probe attached (ST-LINK entered debug mode): halting debug on
     * for real (DHCSR.C_DEBUGEN), without halting.  A debugger that reads
     * C_DEBUGEN as already set never writes it, yet counts on it for vector
     * catch and breakpoints. */
    void (*attach)(void *ctx);

    /* System reset (SYSRESETREQ / NRST pulse).  nrst: hold the chip in
     * reset while low (released = a reset with DBG_RESET_VCATCH). */
    void (*reset)(void *ctx, enum dbg_reset how);
    void (*nrst)(void *ctx, bool low);

    /* Direct flash programming (GDB vFlash*, no loader on the core):
     * erase [addr, addr+len) (page aligned), write bytes into erased flash,
     * then commit (persist, notify the core of new code).  0 or -1. */
    int (*flash_erase)(void *ctx, uint32_t addr, uint32_t len);
    int (*flash_write)(void *ctx, uint32_t addr, const void *buf, uint32_t len);
    int (*flash_done)(void *ctx);

    /* Semihosting service: on = 0 disable, 1 enable, -1 query.  Returns
     * the state after the call.  May be NULL (not switchable). */
    bool (*semihosting)(void *ctx, int on);

    /* After DBG_STOP_EXIT: the firmware's exit code.  May be NULL. */
    int (*exit_code)(void *ctx);

    /* Semihosting output the target produced since the last call (copied
     * into buf, at most cap bytes; returns count).  May be NULL. */
    size_t (*console_take)(void *ctx, char *buf, size_t cap);
};

struct dbg_target {
    const struct dbg_target_ops *ops;
    void *ctx;
};

/* Cortex-M debug registers the servers touch (ARMv7-M ARM C1.6). */
#define DBG_DHCSR 0xE000EDF0u
#define DBG_DCRSR 0xE000EDF4u
#define DBG_DCRDR 0xE000EDF8u
#define DBG_DEMCR 0xE000EDFCu
#define DBG_AIRCR 0xE000ED0Cu
#define DBG_DFSR 0xE000ED30u
#define DBG_FP_CTRL 0xE0002000u
#define DBG_FP_COMP0 0xE0002008u
#define DBG_DWT_CTRL 0xE0001000u
#define DBG_DWT_COMP0 0xE0001020u

#define DBG_DHCSR_KEY 0xA05F0000u
#define DBG_DHCSR_C_DEBUGEN (1u << 0)
#define DBG_DHCSR_C_HALT (1u << 1)
#define DBG_DHCSR_C_STEP (1u << 2)
#define DBG_DHCSR_C_MASKINTS (1u << 3)
#define DBG_DHCSR_S_REGRDY (1u << 16)
#define DBG_DHCSR_S_HALT (1u << 17)
#define DBG_DHCSR_S_LOCKUP (1u << 19)
#define DBG_DHCSR_S_RESET_ST (1u << 25)
#define DBG_DEMCR_VC_CORERESET (1u << 0)

/* STM32F303VC memory the servers describe to their clients. */
#define DBG_FLASH_BASE 0x08000000u
#define DBG_FLASH_SIZE 0x40000u
#define DBG_FLASH_PAGE 0x800u
#define DBG_SRAM_BASE 0x20000000u
#define DBG_SRAM_SIZE 0xA000u
#define DBG_CCM_BASE 0x10000000u
#define DBG_CCM_SIZE 0x2000u

#endif
