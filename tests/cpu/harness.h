/* A plain-memory machine for core tests: FLASH 256 KiB at 0x08000000
 * (aliased at 0), SRAM 40 KiB at 0x20000000, CCM 8 KiB at 0x10000000, the
 * PPB, and a Cortex-M4 with host-served semihosting whose console output
 * is captured.  Used by tests/cpu, tests/armv7m and the diff tests.
 *
 *   struct harness *h = harness_new();
 *   harness_asm(h, HARNESS_CODE, "movs r0, #1\n" HARNESS_EXIT);
 *   harness_reset(h, HARNESS_CODE);
 *   assert(harness_run(h, 1000) == CPU_STOP_EXIT);
 *   h->cpu.r[0] ...
 *   harness_free(h);
 *
 * Every exception vector but reset points at HARNESS_TRAP, a `b .` loop:
 * after a fault, h->cpu.ipsr says which exception was taken and
 * h->cpu.r[15] == HARNESS_TRAP. */
#ifndef F3KIT_TESTS_CPU_HARNESS_H
#define F3KIT_TESTS_CPU_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus/bus.h"
#include "core/cpu.h"

#define HARNESS_FLASH 0x08000000u
#define HARNESS_FLASH_SIZE (256u * 1024)
#define HARNESS_RAM 0x20000000u
#define HARNESS_RAM_SIZE (40u * 1024)
#define HARNESS_CCM 0x10000000u
#define HARNESS_CCM_SIZE (8u * 1024)
#define HARNESS_TRAP 0x08000200u   /* `b .`: every exception handler */
#define HARNESS_CODE 0x08000400u   /* a good place for a test program */
#define HARNESS_STACK (HARNESS_RAM + HARNESS_RAM_SIZE)

/* Semihosting SYS_EXIT (ADP_Stopped_ApplicationExit): harness_run returns
 * CPU_STOP_EXIT.  r0 and r1 are pushed first and harness_run pops them
 * back, so every register (and SP) reads as it was before the exit. */
#define HARNESS_EXIT                                                           \
    "\n push {r0, r1}\n movs r0, #0x18\n movw r1, #0x0026\n movt r1, #0x2\n bkpt 0xab\n"

struct harness {
    struct bus bus;
    struct cpu cpu;
    uint8_t *flash, *ram, *ccm;
    char *out;          /* semihosting console output, NUL-terminated */
    size_t out_len, out_cap;
};

/* A machine with memory zeroed and the core initialised (not reset). */
struct harness *harness_new(void);
void harness_free(struct harness *h);

/* Write bytes straight into memory (flash too), invalidating predecoded
 * code there.  False if [addr, addr+len) is not all in one region. */
bool harness_poke(struct harness *h, uint32_t addr, const void *data, size_t len);
bool harness_put16(struct harness *h, uint32_t addr, uint16_t hw);
bool harness_put32(struct harness *h, uint32_t addr, uint32_t w);

/* Assemble GNU as source (unified syntax, Thumb, Cortex-M4F) with
 * arm-none-eabi-as and place it at addr.  Returns the code size, or -1
 * with the assembler's message on stderr.  harness_have_as() tells whether
 * the cross assembler is installed. */
int harness_asm(struct harness *h, uint32_t addr, const char *src);
bool harness_have_as(void);

/* Write the vector table at HARNESS_FLASH (SP = HARNESS_STACK, reset =
 * entry, the rest HARNESS_TRAP) and the trap loop, then reset the core. */
void harness_reset(struct harness *h, uint32_t entry);

/* Load a firmware ELF (PT_LOAD segments at their load addresses) and reset
 * from its vector table.  0, or -1 with a message in err. */
int harness_load_elf(struct harness *h, const char *path, char *err, size_t errlen);

/* Run for at most `cycles` more cycles.  On CPU_STOP_EXIT from
 * HARNESS_EXIT, r0/r1/SP are restored as described there. */
enum cpu_stop harness_run(struct harness *h, uint64_t cycles);

/* Semihosting output so far. */
const char *harness_output(const struct harness *h);

#endif
