/* The STM32F303VC system-on-chip without its core: memory map, peripherals
 * and clock tree on a struct bus, timed by a struct sched against the core's
 * cycle counter (HCLK cycles).  The soc knows nothing of the board: pins,
 * bytes on the wire, interrupts and diagnostics leave through `soc_hooks`,
 * so register-level tests can drive it with no core at all.
 *
 * Registers per /work/shared/spec/stm32f3-facts.md §1, §3, §5, §6; reset
 * values come from the device data file (src/data/device.h). */
#ifndef F3KIT_SOC_H
#define F3KIT_SOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus/bus.h"
#include "sched/sched.h"
#include "soc/stm32f303/regdev.h"

#define SOC_FLASH_BASE 0x08000000u
#define SOC_FLASH_SIZE (256u * 1024u)
#define SOC_FLASH_PAGE 2048u
#define SOC_SRAM_BASE 0x20000000u
#define SOC_SRAM_SIZE (40u * 1024u)
#define SOC_CCM_BASE 0x10000000u
#define SOC_CCM_SIZE (8u * 1024u)
#define SOC_SYSMEM_BASE 0x1FFFD800u
#define SOC_SYSMEM_SIZE (8u * 1024u)
#define SOC_OPTION_BASE 0x1FFFF800u
#define SOC_SRAM_BB_BASE 0x22000000u
#define SOC_PERIPH_BB_BASE 0x42000000u
#define SOC_DBGMCU_BASE 0xE0042000u
#define SOC_DBGMCU_IDCODE 0x10036422u   /* DEV_ID 0x422, REV_ID 0x1003 (rev Y) */
#define SOC_HSI_HZ 8000000u
#define SOC_HSE_HZ 8000000u             /* board: 8 MHz bypass from the ST-LINK */
#define SOC_LSI_HZ 40000u

#define SOC_NUM_GPIO 6
#define SOC_NUM_USART 3
#define SOC_NUM_TIM 5                   /* TIM2, TIM3, TIM4, TIM6, TIM7 */

enum soc_reset_cause {
    SOC_RESET_POWER,    /* power-on: everything, RCC_CSR = POR|PIN */
    SOC_RESET_PIN,      /* NRST (button B2, probe) */
    SOC_RESET_SOFT,     /* AIRCR.SYSRESETREQ */
    SOC_RESET_IWDG,     /* independent watchdog ran out */
    SOC_RESET_OBL,      /* FLASH_CR.OBL_LAUNCH */
    SOC_RESET_WWDG,     /* window watchdog */
};

struct soc;

/* What the soc asks of the board.  Any callback may be NULL. */
struct soc_hooks {
    void *ctx;
    void (*irq)(void *ctx, unsigned irq, bool level);
    void (*diag)(void *ctx, const char *msg);
    /* A port's pin levels or drive changed (see soc_gpio_level/_drive). */
    void (*pins)(void *ctx, unsigned port);
    /* A byte finished on USARTn's TX line (n = 1..3). */
    void (*uart_tx)(void *ctx, unsigned usart, uint8_t byte);
    /* The chip asks for a system reset (IWDG, OBL_LAUNCH).  The embedder
     * performs it with soc_reset() once the core has stopped. */
    void (*reset)(void *ctx, enum soc_reset_cause why);
    /* Memory at [addr, addr+len) now shows other bytes (boot alias remap). */
    void (*remapped)(void *ctx, uint32_t addr, uint32_t len);
    /* SPIn full-duplex byte (n = 1): MOSI in, MISO out. */
    uint8_t (*spi_xfer)(void *ctx, unsigned spi, uint8_t mosi);
    /* I2Cn master side of a transaction (n = 1).  Return false for NACK. */
    bool (*i2c_start)(void *ctx, unsigned i2c, uint8_t addr7, bool read);
    bool (*i2c_write)(void *ctx, unsigned i2c, uint8_t byte);
    uint8_t (*i2c_read)(void *ctx, unsigned i2c);
    void (*i2c_stop)(void *ctx, unsigned i2c);
    /* Flash array changed (programmed/erased): the board persists it later. */
    void (*flash_changed)(void *ctx);
    /* The flash controller was relocked (a programmer is done). */
    void (*flash_locked)(void *ctx);
    /* An EXTI event line fired (EMR): the core's event input (wakes WFE). */
    void (*wake_event)(void *ctx);
    /* An event was armed at cycle `when` (maybe inside the core's current
     * run, which must then stop early to let it fire on time). */
    void (*event_armed)(void *ctx, uint64_t when);
};

struct soc_clocks {
    uint32_t sysclk, hclk, pclk1, pclk2;
    uint32_t tim1clk_div;       /* HCLK cycles per APB1 timer clock tick */
};

struct soc_rcc {
    struct regdev rd;
    uint32_t csr_keep;          /* RCC_CSR across a system reset (flags) */
    uint32_t bdcr_keep;         /* backup domain survives system resets */
};

struct soc_flash {
    struct regdev rd;
    int key_step;               /* 1 after KEY1 written to KEYR */
    int optkey_step;
    bool key_bad;               /* wrong key: locked until reset */
    uint8_t opt[16];            /* option bytes as stored (byte, complement) */
    struct bus_device array_dev;    /* CPU/debugger writes to the flash array */
    struct bus_device opt_dev;      /* the option-byte page */
    bool reported_nopg;
    bool reported_latency;
};

struct soc_gpio {
    struct regdev rd;
    unsigned port;
    uint16_t ext_level;         /* level driven from outside on ext_driven pins */
    uint16_t ext_driven;
    uint16_t float_high;        /* undriven, unpulled pins read 1 (board pull-ups) */
    uint16_t level;             /* current pin levels */
    uint16_t drive_high;        /* pins actively driven high by the chip */
    uint16_t locked;            /* LCKR: configuration frozen */
    int lck_step;
};

struct soc_exti {
    struct regdev rd;
    uint32_t irq_state;         /* last level sent per NVIC group (bit = group) */
};

struct soc_usart {
    struct regdev rd;
    unsigned n;                 /* 1..3 */
    unsigned irq;
    bool shifting;              /* a byte is in the TX shift register */
    uint8_t shift;
    bool tdr_full;
    uint8_t tdr;
    struct sched_event tx_ev, rx_ev;
    uint8_t rxq[4096];          /* bytes the host sent, not yet on the wire */
    size_t rxq_head, rxq_len;
    bool reported_brr, reported_off, reported_pins;
};

struct soc_tim {
    struct regdev rd;
    const char *name;
    unsigned irq;
    bool wide;                  /* 32-bit counter (TIM2) */
    bool basic;                 /* TIM6/7 */
    uint32_t psc_active, arr_active;    /* shadow registers */
    uint64_t anchor;            /* cycle at which CNT == anchor_cnt */
    uint32_t anchor_cnt;
    uint64_t tick;              /* HCLK cycles per count, fixed at the anchor */
    uint32_t cmp_done;          /* SR bits of channels already matched this period */
    bool counting;
    struct sched_event ev;
};

struct soc_iwdg {
    struct regdev rd;
    bool running;
    bool unlocked;
    double deadline_s;          /* virtual time the counter reaches 0 */
    struct sched_event ev;
};

struct soc_wwdg {
    struct regdev rd;
    uint64_t anchor;            /* cycle at which T == anchor_t */
    uint32_t anchor_t;
    uint64_t step;              /* HCLK cycles per count */
    bool running;               /* clocked (RCC_APB1ENR.WWDGEN) */
    struct sched_event ev;
};

struct soc_i2c {
    struct regdev rd;
    unsigned n;
    bool active;                /* a transfer is in progress */
    bool reading;
    uint32_t left;              /* bytes left in this NBYTES chunk */
    bool reported_pins;
};

struct soc_spi {
    struct regdev rd;
    unsigned n;
    uint8_t rx[4];              /* RX FIFO (32 bits) */
    unsigned rx_len;
    bool reported_pins;
};

struct soc_time {
    uint64_t anchor_cycles;     /* time is anchor_s + (cycles - anchor_cycles) / hclk */
    double anchor_s;
    uint32_t hclk;
};

struct soc {
    struct bus *bus;
    struct sched *sched;
    uint64_t *cycles;           /* the core's cycle counter (HCLK cycles) */
    struct soc_hooks hooks;

    uint8_t flash[SOC_FLASH_SIZE];
    uint8_t sram[SOC_SRAM_SIZE];
    uint8_t ccm[SOC_CCM_SIZE];
    uint8_t sysmem[SOC_SYSMEM_SIZE];
    unsigned mem_mode;          /* SYSCFG_CFGR1.MEM_MODE mapped at 0 */

    struct soc_clocks clk;
    struct soc_time time;

    struct soc_rcc rcc;
    struct soc_flash fl;
    struct soc_gpio gpio[SOC_NUM_GPIO];
    struct regdev syscfg;
    struct soc_exti exti;
    struct soc_usart usart[SOC_NUM_USART];
    struct soc_tim tim[SOC_NUM_TIM];
    struct soc_iwdg iwdg;
    struct soc_wwdg wwdg;
    struct regdev pwr;
    struct regdev crc;
    struct soc_i2c i2c1;
    struct soc_spi spi1;
    struct regdev dbgmcu;

    struct bus_device unmodelled;
    uint32_t unmodelled_seen[512];  /* word addresses already reported (open hash) */
    struct bus_device sram_bb, periph_bb;
};

/* Build the chip on `bus` (the core's bus; cpu_init has already mapped the
 * PPB so the DBGMCU page can go over it) and power it on. */
int soc_init(struct soc *soc, struct bus *bus, struct sched *sched, uint64_t *cycles,
             const struct soc_hooks *hooks);
/* Reset the peripherals (not the core) for `why`; flash and option bytes
 * survive, SRAM survives a system reset. */
void soc_reset(struct soc *soc, enum soc_reset_cause why);

/* Virtual time */
uint64_t soc_now(const struct soc *soc);
double soc_seconds(const struct soc *soc, uint64_t cycles);
double soc_time_s(const struct soc *soc);
/* Cycle count at which `seconds` (absolute virtual time) is reached with the
 * current HCLK. */
uint64_t soc_cycle_at(const struct soc *soc, double seconds);

/* Clock tree, recomputed from RCC; re-times everything that depends on it. */
void soc_clocks_update(struct soc *soc);

/* Diagnostics: printf-style, through hooks.diag. */
void soc_diag(struct soc *soc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void soc_irq(struct soc *soc, unsigned irq, bool level);
/* sched_at on the soc's scheduler, telling the embedder (event_armed). */
void soc_sched_at(struct soc *soc, struct sched_event *e, uint64_t when);

/* Boot alias at 0 (MEM_MODE 0 flash, 1 system memory, 3 SRAM). */
void soc_map_alias(struct soc *soc, unsigned mem_mode);

/* --- per-peripheral entry points (one file each) --- */
void soc_rcc_setup(struct soc *soc);
void soc_rcc_reset_flags(struct soc *soc, enum soc_reset_cause why);
bool soc_rcc_enabled(const struct soc *soc, enum soc_gate gate, unsigned bit);
void soc_flash_setup(struct soc *soc);
uint32_t soc_flash_latency(const struct soc *soc);
void soc_gpio_setup(struct soc *soc);
uint16_t soc_gpio_level(const struct soc *soc, unsigned port);
uint16_t soc_gpio_drive_high(const struct soc *soc, unsigned port);
uint16_t soc_gpio_outputs(const struct soc *soc, unsigned port);   /* MODER == 01 */
unsigned soc_gpio_mode(const struct soc *soc, unsigned port, unsigned pin);
unsigned soc_gpio_af(const struct soc *soc, unsigned port, unsigned pin);
/* The board drives a pin (driven=false releases it). */
void soc_gpio_input(struct soc *soc, unsigned port, unsigned pin, bool driven, bool level);
void soc_gpio_set_float_high(struct soc *soc, unsigned port, uint16_t mask);
void soc_syscfg_setup(struct soc *soc);
unsigned soc_syscfg_exti_port(const struct soc *soc, unsigned line);
void soc_exti_setup(struct soc *soc);
/* A GPIO level changed on `port`: edges on lines routed from that port. */
void soc_exti_gpio(struct soc *soc, unsigned port, uint16_t old, uint16_t now);
void soc_usart_setup(struct soc *soc);
void soc_usart_rx(struct soc *soc, unsigned n, const void *buf, size_t len);
void soc_tim_setup(struct soc *soc);
void soc_tim_retime(struct soc *soc);
void soc_iwdg_setup(struct soc *soc);
void soc_iwdg_retime(struct soc *soc);
void soc_wwdg_setup(struct soc *soc);
void soc_wwdg_retime(struct soc *soc);
void soc_wwdg_clock(struct soc *soc);
void soc_pwr_setup(struct soc *soc);
void soc_crc_setup(struct soc *soc);
void soc_i2c_setup(struct soc *soc);
void soc_spi_setup(struct soc *soc);
void soc_dbgmcu_setup(struct soc *soc);
void soc_unmodelled_setup(struct soc *soc);
void soc_memmap_setup(struct soc *soc);

#endif
