/* The virtual STM32F3DISCOVERY: an STM32F303VC (core + peripherals) wired
 * as on MB1035 (LEDs LD3..LD10 on PE8..PE15, button B1 on PA0, L3GD20 on
 * SPI1, LSM303DLHC on I2C1, HSE 8 MHz bypass from the ST-LINK).
 *
 * A board is a value: create as many as you like.  It is driven either on
 * the caller's thread (board_run_for, for `f3kit run` and tests) or on its
 * own thread (board_start, for `f3kit board` with debug servers attached).
 * Debug servers touch a running board only between board_lock() and
 * board_unlock(); the core thread releases the lock between short slices,
 * so a lock is granted within microseconds of wall time. */
#ifndef F3KIT_BOARD_H
#define F3KIT_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus/bus.h"
#include "core/cpu.h"

struct board;

enum board_revision {
    BOARD_REV_C,   /* L3GD20 + LSM303DLHC (up to rev D) */
    BOARD_REV_E,   /* I3G4250D + LSM303AGR (rev E and later) */
};

/* What the board tells the outside world.  Callbacks run on the core thread
 * with the board lock held; keep them short.  Any may be NULL. */
struct board_observer {
    void *ctx;
    /* LED index 0..7 = LD3..LD10; `t` = virtual seconds since power-on. */
    void (*led)(void *ctx, unsigned led, bool on, double t);
    /* A byte USART1 finished sending (after its frame time at the baud rate). */
    void (*uart_tx)(void *ctx, unsigned usart, uint8_t byte, double t);
    /* Semihosting console output. */
    void (*semihost_out)(void *ctx, const void *buf, size_t len);
    /* The core entered Debug state. */
    void (*halted)(void *ctx, enum cpu_halt_reason why);
    /* A one-time diagnostic ("unmodelled: ADC1->CR written at 0x...") */
    void (*diag)(void *ctx, const char *msg);
    /* Semihosting console input (SYS_READC/SYS_READ on ":tt"): up to len
     * bytes, 0 at end of input.  NULL: the firmware reads end of input. */
    size_t (*semihost_in)(void *ctx, void *buf, size_t len);
    /* The chip reset itself (watchdog, SYSRESETREQ, OBL_LAUNCH, board_reset). */
    void (*reset)(void *ctx, const char *cause, double t);
};

struct board_config {
    enum board_revision revision;
    const char *flash_path;     /* flash image file; NULL = keep flash in memory */
    bool realtime;              /* pace virtual time to the wall clock */
    bool semihosting;           /* serve BKPT 0xAB without a debugger (default on) */
    bool trace;                 /* instruction trace to stderr */
    struct board_observer obs;
};

/* Create a board: powered on, flash read from flash_path (erased 0xFF when
 * the file does not exist).  NULL with a message in err on failure. */
struct board *board_new(const struct board_config *cfg, char *err, size_t errlen);
void board_free(struct board *b);

struct cpu *board_cpu(struct board *b);
struct bus *board_bus(struct board *b);
/* Virtual seconds since power-on. */
double board_time(struct board *b);

/* Program an ELF's loadable segments into flash (erasing the pages it
 * touches, as a programmer would) and persist the flash image.  Returns 0, or
 * -1 with a message in err. */
int board_program_elf(struct board *b, const char *path, char *err, size_t errlen);
/* Persist the flash image now (atomic: write a temp file, fsync, rename). */
int board_flash_sync(struct board *b, char *err, size_t errlen);

/* System reset (NRST / SYSRESETREQ): peripherals to reset values, core reset.
 * With halt, the core stops in Debug state at the reset vector. */
void board_reset(struct board *b, bool halt);

/* Run on the caller's thread for at most `seconds` of virtual time and
 * `max_insns` instructions (0 = no limit).  Returns why it stopped:
 * CPU_STOP_EXIT (semihosting exit), CPU_STOP_HALT, CPU_STOP_LOCKUP, or
 * CPU_STOP_LIMIT when a limit was reached. */
enum cpu_stop board_run_for(struct board *b, double seconds, uint64_t max_insns);

/* Inputs */
void board_button(struct board *b, bool pressed);
/* Bytes into USARTn's RX line (n = 1..3), one frame time apart at the
 * configured baud rate.  They wait (up to 4 KiB) until the firmware has
 * enabled the receiver, like a sender with flow control. */
void board_uart_rx(struct board *b, unsigned usart, const void *buf, size_t len);
/* How many more bytes board_uart_rx takes now (the rest would be dropped). */
size_t board_uart_rx_room(struct board *b, unsigned usart);
/* Sensor values in the sensors' raw units (LSB): gyro x/y/z, accel x/y/z, mag x/y/z. */
void board_set_gyro(struct board *b, int16_t x, int16_t y, int16_t z);
void board_set_accel(struct board *b, int16_t x, int16_t y, int16_t z);
void board_set_mag(struct board *b, int16_t x, int16_t y, int16_t z);
bool board_led(struct board *b, unsigned led);

/* --- Additions (board) --- */

/* LED facts (fact sheet §4.2): index 0..7 = LD3..LD10. */
struct board_led_info {
    const char *name;       /* "LD3" */
    unsigned pin;           /* on port E */
    const char *dir;        /* "N", "NE", ... */
    const char *colour;     /* "red", "orange", "green", "blue" */
};
const struct board_led_info *board_led_info(unsigned led);
/* Compass order N, NE, E, SE, S, SW, W, NW as LED indexes. */
extern const unsigned board_compass_order[8];

/* Make a running board_run_for / board thread return soon (thread- and
 * async-signal-safe): board_run_for then returns CPU_STOP_LIMIT. */
void board_interrupt(struct board *b);
/* board_run_for also returns CPU_STOP_SLEEP when the core sleeps (WFI)
 * with nothing that could ever wake it and no time limit was given. */
/* The core sleeps and nothing inside the board (an event, SysTick) could
 * wake it: only an outside stimulus (button, UART, debugger) can. */
bool board_asleep_forever(struct board *b);

/* Let USART bytes already in flight leave the wire (the core stays
 * stopped; at most max_seconds of virtual time): after the firmware exits,
 * so its last line is not cut. */
void board_settle(struct board *b, double max_seconds);

/* The default flash image: $XDG_CACHE_HOME/f3kit/flash.bin, else
 * ~/.cache/f3kit/flash.bin.  0, or -1 when neither can be formed. */
int board_default_flash_path(char *buf, size_t len);

/* A multi-line fault report (the exception or lockup, the fault status
 * registers decoded, the stacked frame, the faulting instruction
 * disassembled) when the core is in lockup or in an exception handler.
 * Returns false when there is nothing to report. */
bool board_fault_report(struct board *b, char *buf, size_t len);
/* True when the core sits in an exception handler's `b .` loop (a default
 * or fault handler that spins): `f3kit run` ends the run there. */
bool board_stuck_in_handler(struct board *b);

/* Background operation (f3kit board): the core runs on its own thread until
 * board_stop.  While it runs, access the board only under the lock. */
int board_start(struct board *b);
void board_stop(struct board *b);
void board_lock(struct board *b);
void board_unlock(struct board *b);
/* Under the lock: halt the core (it is in Debug state on return) / resume. */
void board_halt(struct board *b);
void board_resume(struct board *b);

#endif
