/* ARM semihosting (BKPT 0xAB) for output and exit codes under a debugger
 * (OpenOCD, or f3kit's virtual board).  Every call first checks that a
 * debugger is attached (DHCSR.C_DEBUGEN); without one it does nothing, since
 * BKPT would otherwise escalate to a HardFault.
 * Operations used: SYS_OPEN (":tt"), SYS_WRITEC, SYS_WRITE0, SYS_WRITE,
 * SYS_EXIT and SYS_EXIT_EXTENDED. */
#ifndef F3KIT_SEMIHOSTING_H
#define F3KIT_SEMIHOSTING_H

#include <stddef.h>
#include <stdint.h>

#define SH_SYS_OPEN 0x01
#define SH_SYS_WRITEC 0x03
#define SH_SYS_WRITE0 0x04
#define SH_SYS_WRITE 0x05
#define SH_SYS_EXIT 0x18
#define SH_SYS_EXIT_EXTENDED 0x20
#define SH_ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define SH_ADP_STOPPED_RUNTIME_ERROR_UNKNOWN 0x20023u

/* 1 when a debugger has enabled halting debug (DHCSR.C_DEBUGEN).  Weak:
 * firmware for a host that serves semihosting without setting C_DEBUGEN
 * (QEMU) may define its own that returns 1. */
int sh_debugger_attached(void);

/* Raw semihosting call: r0 = op, r1 = arg; returns r0. No attach check. */
uint32_t sh_call(uint32_t op, const void *arg);

void sh_writec(char c);
void sh_write0(const char *s);
/* Writes len bytes to the host console; returns bytes written or -1. */
int sh_write(const void *buf, size_t len);

/* Ends the program with `code` as the host's exit status: SYS_EXIT with
 * ADP_Stopped_ApplicationExit for 0; SYS_EXIT_EXTENDED for other codes,
 * falling back to SYS_EXIT with RunTimeErrorUnknown (a nonzero status) if the
 * host does not support it.  Returns only if no debugger is attached or the
 * host ignored the request. */
void sh_exit(int code);

#endif
