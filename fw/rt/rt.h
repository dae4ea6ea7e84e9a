/* Firmware runtime (fw/rt): reset, default and fault handlers.
 *
 * Behaviour when something goes wrong, so a debugger or `f3kit run` sees it:
 *  - main() returns: with a debugger attached (DHCSR.C_DEBUGEN) the return
 *    value becomes the semihosting exit code; otherwise the core halts in a
 *    WFI loop with interrupts masked.
 *  - unhandled exception or interrupt (Default_Handler): prints
 *    "f3kit: unhandled exception N" over semihosting and exits with code
 *    128 + N (debugger attached), else halts.
 *  - HardFault: prints the stacked r0-r3, r12, lr, pc, xpsr and CFSR, HFSR,
 *    MMFAR, BFAR over semihosting and exits with code 131 (128 + 3), else halts.
 * After a semihosting exit that the host ignores, the core executes BKPT #0
 * in a loop, which halts it under a debugger. */
#ifndef F3KIT_RT_H
#define F3KIT_RT_H

#include <stdint.h>

/* Exit code used for a fault in exception `n`. */
#define RT_EXIT_EXCEPTION(n) (128 + (n))

void Reset_Handler(void);
void HardFault_Handler(void);

/* Called by Default_Handler for every exception without a handler. Weak:
 * define your own to replace it. */
void rt_default_handler(void);

/* Reports the HardFault whose basic frame is at `frame` (MSP or PSP,
 * chosen by `exc_return` bit 2) and stops. Weak. */
void rt_hardfault_report(const uint32_t *frame, uint32_t exc_return);

/* Semihosting exit when a debugger is attached, then halt; never returns. */
__attribute__((noreturn)) void rt_stop(int code);

/* Halt for good: interrupts masked, WFI loop (BKPT loop under a debugger). */
__attribute__((noreturn)) void rt_halt(void);

/* Formats `v` as 8 hex digits + NUL into out[9]. */
void rt_hex32(char out[9], uint32_t v);

#endif
