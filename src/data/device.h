/* The STM32F303xC as data: memory regions, exception/IRQ vectors,
 * peripherals and register reset values.  The tables are GENERATED from
 * data/stm32f303xc.dev by tools/gendevice (see data/README.md); the same file
 * generates the firmware kit's headers and vector table, so the emulator,
 * the checker, the GDB memory map and the firmware agree by construction. */
#ifndef F3KIT_DEVICE_H
#define F3KIT_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#define DEVICE_NUM_VECTORS 98   /* 16 core slots + 82 device slots */

enum device_region_kind {
    DEVICE_REGION_FLASH,
    DEVICE_REGION_RAM,
    DEVICE_REGION_CCM,
    DEVICE_REGION_SYSMEM,
    DEVICE_REGION_OPTION,
    DEVICE_REGION_OTHER,
};

struct device_region {
    const char *name;          /* "FLASH", "RAM", "CCMRAM", ... */
    enum device_region_kind kind;
    uint32_t base;
    uint32_t size;
};

struct device_vector {
    const char *name;          /* handler base name ("EXTI0", "SysTick"); NULL for
                                  the initial-SP slot and reserved slots */
    const char *desc;          /* one line, for reports */
};

#define DEVICE_PERIPH_MAX_IRQS 8

struct device_periph {
    const char *name;          /* "RCC", "GPIOE", "USART1" */
    uint32_t base;
    uint32_t size;
    const char *bus;           /* "AHB1", "APB2", ..., "PPB" for core blocks */
    /* Added after the first contract (additive): */
    const char *rcc_reg;       /* RCC enable register ("AHBENR"), NULL if always on */
    int rcc_bit;               /* bit in rcc_reg, -1 if none */
    unsigned num_irqs;
    uint8_t irqs[DEVICE_PERIPH_MAX_IRQS]; /* NVIC IRQ numbers (exception - 16) */
    const char *desc;          /* one line */
};

enum device_reg_access { DEVICE_REG_RW, DEVICE_REG_RO, DEVICE_REG_WO };

struct device_reg {
    const char *periph;        /* owning peripheral name */
    const char *name;          /* "CR", "MODER"; array elements are "IPR0".."IPR20" */
    uint32_t addr;             /* absolute address */
    uint32_t reset;            /* reset value */
    /* Added after the first contract (additive): */
    enum device_reg_access access;
    const char *desc;          /* one line */
};

extern const char device_name[];
extern const struct device_region device_regions[];
extern const size_t device_num_regions;
extern const struct device_vector device_vectors[DEVICE_NUM_VECTORS];
extern const struct device_periph device_periphs[];
extern const size_t device_num_periphs;
extern const struct device_reg device_regs[];
extern const size_t device_num_regs;

/* Lookups (device_lookup.c). NULL when absent.  device_periphs is sorted by
 * base and device_regs by address, so the *_at lookups are binary searches. */
const struct device_region *device_region_by_kind(enum device_region_kind kind);
const struct device_periph *device_periph_at(uint32_t addr);
const struct device_reg *device_reg_at(uint32_t addr);
/* Added (additive): by name, case-sensitive; -1 / NULL when absent. */
const struct device_periph *device_periph_by_name(const char *name);
const struct device_reg *device_reg_by_name(const char *periph, const char *reg);
int device_vector_by_name(const char *name);   /* "EXTI0" -> 22 */

#endif
