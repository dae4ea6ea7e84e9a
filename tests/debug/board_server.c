/* A virtual board with the debug servers attached, for the end-to-end tests
 * while they must not depend on `f3kit board`'s command line:
 *   board_server FLASH_FILE [ELF]
 * Prints "stlink <port>", "gdb <port>" and the semihosting output, serves
 * until SIGTERM/SIGINT. */
#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board/f3disco/board.h"
#include "debug/dbg_servers.h"

struct ctx {
    struct dbg_servers *servers;
};

static void semihost(void *p, const void *buf, size_t len)
{
    struct ctx *c = p;
    fwrite(buf, 1, len, stdout);
    fflush(stdout);
    dbg_servers_console(c->servers, buf, len);
}

static void led(void *p, unsigned n, bool on, double t)
{
    (void)p;
    printf("led %u %s at %.6f\n", n, on ? "on" : "off", t);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: board_server FLASH_FILE [ELF]\n");
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    /* A test killed by its timeout must not leave this server behind. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    static struct ctx c;
    struct board_config cfg = {
        .revision = BOARD_REV_C,
        .flash_path = argv[1],
        .semihosting = true,
        .obs = {.ctx = &c, .semihost_out = semihost, .led = led},
    };
    char err[256];
    struct board *b = board_new(&cfg, err, sizeof err);
    if (!b) {
        fprintf(stderr, "board_server: %s\n", err);
        return 1;
    }
    if (argc > 2 && board_program_elf(b, argv[2], err, sizeof err)) {
        fprintf(stderr, "board_server: %s\n", err);
        return 1;
    }
    board_reset(b, false);
    if (board_start(b)) {
        fprintf(stderr, "board_server: cannot start the board thread\n");
        return 1;
    }
    struct dbg_servers_config sc = {NULL, 0, 0};
    board_lock(b);
    c.servers = dbg_servers_start(b, &sc, err, sizeof err);
    board_unlock(b);
    if (!c.servers) {
        fprintf(stderr, "board_server: %s\n", err);
        return 1;
    }
    printf("stlink %d\ngdb %d\n", dbg_servers_stlink_port(c.servers),
           dbg_servers_gdb_port(c.servers));
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    struct dbg_servers *s = c.servers;
    dbg_servers_stop(s);
    board_lock(b);
    c.servers = NULL;
    board_unlock(b);
    board_stop(b);
    board_flash_sync(b, err, sizeof err);
    board_free(b);
    return 0;
}
