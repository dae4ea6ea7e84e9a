/* A struct cpu over a RAM-only bus for directed tests of src/armv7m that
 * need no instruction execution: code/vector RAM at 0x00000000 (64 KiB),
 * SRAM at 0x20000000 (40 KiB), the PPB mapped by armv7m_map. */
#ifndef F3KIT_TEST_ARMV7M_FIXTURE_H
#define F3KIT_TEST_ARMV7M_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/cpu.h"

#define FX_CODE 0x00000000u
#define FX_CODE_SIZE 0x10000u
#define FX_RAM 0x20000000u
#define FX_RAM_SIZE 0xa000u
#define FX_STACK_TOP (FX_RAM + 0x8000u)
/* Handler address for exception n (the vector table points there). */
#define FX_HANDLER(n) (0x1000u + 0x10u * (n))

struct fx {
    struct bus bus;
    struct cpu cpu;
    uint8_t code[FX_CODE_SIZE];
    uint8_t ram[FX_RAM_SIZE];
    char console[4096];
    size_t console_len;
    const char *input;      /* console input for SYS_READ/READC */
    unsigned halted_calls;
    unsigned steps;         /* cpu_step calls (DHCSR step) */
};

/* cmocka setup/teardown: state is a struct fx *. */
int fx_setup(void **state);
int fx_teardown(void **state);

/* Reset as cpu_reset does: system blocks, MSP and PC from the vectors. */
void fx_reset(struct fx *f);
uint32_t fx_rd(struct fx *f, uint32_t addr);
void fx_wr(struct fx *f, uint32_t addr, uint32_t v);
/* Enable IRQ n with priority prio. */
void fx_irq(struct fx *f, unsigned irq, uint8_t prio);

#endif
