/* Serve the fake target over the virtual ST-LINK (and later GDB) so the
 * end-to-end tests can drive the real OpenOCD / gdb-multiarch against the
 * protocol layers without the emulated core.  Prints "stlink <port>" and
 * "gdb <port>", then serves until SIGTERM or SIGINT. */
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include "debug/gdb/gdb_server.h"
#include "debug/stlink/stl_server.h"
#include "fake_target.h"

int main(int argc, char **argv)
{
    /* Block the stop signals before any thread starts, then wait for one. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    /* A test killed by its timeout must not leave this server behind. */
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    int sport = argc > 1 ? atoi(argv[1]) : 0;
    int gport = argc > 2 ? atoi(argv[2]) : 0;
    static struct fake_target f;
    fake_target_init(&f);
    struct dbg_target t = fake_target_ops(&f);
    char err[256];
    struct stl_server *s = stl_server_start(&t, NULL, sport, err, sizeof err);
    if (!s) {
        fprintf(stderr, "fake_server: %s\n", err);
        return 1;
    }
    struct gdb_server *g = gdb_server_start(&t, NULL, gport, err, sizeof err);
    if (!g) {
        fprintf(stderr, "fake_server: %s\n", err);
        stl_server_stop(s);
        return 1;
    }
    printf("stlink %d\ngdb %d\n", stl_server_port(s), gdb_server_port(g));
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    gdb_server_stop(g);
    stl_server_stop(s);
    fake_target_free(&f);
    return 0;
}
