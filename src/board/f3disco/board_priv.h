/* Inside the board: the struct and the helpers its files share. */
#ifndef F3KIT_BOARD_PRIV_H
#define F3KIT_BOARD_PRIV_H

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "board/f3disco/board.h"
#include "board/f3disco/sensors.h"
#include "sched/sched.h"
#include "soc/stm32f303/soc.h"

#define BOARD_LED_PORT 4        /* GPIOE */
#define BOARD_GYRO_CS_PIN 3     /* PE3 */
#define BOARD_BUTTON_PORT 0     /* PA0 */
#define BOARD_BUTTON_PIN 0

struct board {
    struct board_config cfg;
    char *flash_path;
    int flash_lock;             /* fd holding the image's lock, -1 if none */
    uint64_t flash_saved;       /* flash_image_hash of what the file holds */
    struct bus bus;
    struct sched sched;
    struct cpu cpu;
    struct soc soc;
    struct sensors sensors;

    bool led[8];
    bool button;
    bool gyro_cs;               /* PE3 level: true = high (deselected) */
    bool flash_dirty;
    bool reported_spi_pins, reported_i2c_pins;
    bool stop_reported;         /* exit/lockup told once per reset (board thread) */
    int pending_reset;          /* -1 or an enum soc_reset_cause */
    uint64_t run_limit;         /* cycle limit of the cpu_run in progress, 0 if none */

    /* sensor data-ready pins: one sample event per unit */
    struct board_drdy {
        struct board *b;
        enum sensors_unit unit;
        struct sched_event ev;
    } drdy[3];

    /* realtime pacing */
    struct timespec wall_anchor;
    double virt_anchor;

    /* background thread */
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool thread_running;
    atomic_bool stop;
    atomic_bool interrupt;
    atomic_int waiters;
};

/* Run one slice: until `limit_cycles`, an event, or a stop.  Returns the
 * reason; CPU_STOP_LIMIT when the slice simply ended. */
enum cpu_stop board_slice(struct board *b, uint64_t limit_cycles, uint64_t insn_limit);
/* Carry out a reset the chip asked for (IWDG, SYSRESETREQ, OBL). */
void board_do_reset(struct board *b, enum soc_reset_cause why, bool halt);
/* Realtime pacing: sleep until wall time catches up with virtual time
 * (at most max_s); call with the board lock released when threaded. */
void board_pace(struct board *b, double max_s);
double board_wall_ahead(struct board *b);

/* The boot vector table is erased flash (initial SP 0xFFFFFFFF): a new
 * image, nothing programmed; the core locks up at once. */
bool board_boot_erased(struct board *b);

/* Sensor data-ready signals: (re)arm the sample events after the sensors'
 * registers may have changed, and drive PE1/PE2/PE4 accordingly. */
void board_sensors_update(struct board *b);

/* Take the image's exclusive lock for a board's lifetime (and remove the
 * temporary files of dead writers): the lock's fd, or -1 with a message
 * naming the holder when another board has it. */
int flash_image_lock(const char *path, char *err, size_t errlen);
void flash_image_unlock(int fd);
/* Read the image (erased 0xFF when the file does not exist). */
int flash_image_load(const char *path, uint8_t *buf, size_t len, char *err, size_t errlen);
/* A hash of the flash array: has it changed since it was read or saved? */
uint64_t flash_image_hash(const uint8_t *buf, size_t len);
/* Replace the image atomically; only under flash_image_lock. */
int flash_image_save(const char *path, const uint8_t *buf, size_t len, char *err, size_t errlen);

#endif
