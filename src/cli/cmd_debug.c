/* f3kit debug app.elf: what the seed does by hand, in one command —
 * a virtual board (started in the background if none listens), OpenOCD on
 * its ST-LINK, then
 *   gdb-multiarch -q -ex "target remote :3333" -ex load app.elf
 * With --no-openocd, GDB talks to the board's own GDB server instead. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/commands.h"
#include "debug/dbg_cli.h"
#include "debug/dbg_launch.h"

#ifndef F3KIT_SOURCE_DIR
#define F3KIT_SOURCE_DIR "."
#endif

#define OWN_GDB_DEFAULT_PORT DBG_CLI_OWN_GDB_PORT
#define MAX_GDB_ARGS 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: f3kit debug app.elf [options] [-- gdb-arguments...]\n"
            "\n"
            "Checks app.elf, makes sure a virtual board runs (starting `f3kit board` in the\n"
            "background if needed), starts OpenOCD on its ST-LINK and runs\n"
            "  gdb-multiarch -q -ex \"target remote :3333\" -ex load app.elf\n"
            "Arguments after -- go to gdb-multiarch (e.g. -batch -ex \"break main\").\n"
            "\n"
            "  --no-openocd         use the board's own GDB server (f3kit board --gdb,\n"
            "                       default port %d) instead of OpenOCD\n"
            "  --no-load            connect without loading app.elf into flash\n"
            "  --gdb PATH           the GDB to run (default: gdb-multiarch from PATH)\n"
            "%s"
            "\n"
            "exit status: GDB's, or 1 when the check or the setup failed, 2 bad usage or a\n"
            "missing tool\n",
            OWN_GDB_DEFAULT_PORT, dbg_cli_opts_help());
}

/* OpenOCD's errors and warnings from its log, then what they mean. */
static void show_file(const struct dbg_cli_opts *o, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[512];
    bool busy = false;
    fprintf(stderr, "---- %s:\n", path);
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "Error", 5) || !strncmp(line, "Warn", 4))
            fputs(line, stderr);
        busy |= strstr(line, "the selected device is already used") != NULL;
    }
    fclose(f);
    if (busy)
        dbg_cli_probe_busy(o, "the selected device is already used");
}

/* Start OpenOCD with its GDB server on o->gdb_port; its pid, or -1. */
static pid_t start_openocd(const struct dbg_cli_opts *o)
{
    char openocd[1024], err[256], log[256];
    if (!dbg_cli_find_openocd(o, openocd, sizeof openocd))
        return -1;
    struct dbg_cli_strs strs;
    char *args[DBG_CLI_MAX_ARGS];
    int n = dbg_cli_openocd_args(o, openocd, true, args, &strs);
    args[n++] = "-c";
    args[n++] = "init";
    args[n] = NULL;
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(log, sizeof log, "%s/f3kit-openocd-%d.log", tmp, o->gdb_port);
    pid_t pid = dbg_spawn(args, log, DBG_SPAWN_SESSION | DBG_SPAWN_DIE_WITH_US, err, sizeof err);
    if (pid < 0) {
        fprintf(stderr, "f3kit debug: %s\n", err);
        return -1;
    }
    if (!dbg_wait_port(o->gdb_port, 15000, pid)) {
        fprintf(stderr, "f3kit debug: OpenOCD did not start its GDB server on port %d\n",
                o->gdb_port);
        dbg_stop_child(pid, 500);
        show_file(o, log);
        return -1;
    }
    printf("f3kit debug: OpenOCD serves GDB on port %d (pid %d, log %s)\n", o->gdb_port,
           (int)pid, log);
    return pid;
}

int cmd_debug(int argc, char **argv)
{
    struct dbg_cli_opts o;
    const char *elf = NULL, *gdb_name = "gdb-multiarch";
    bool own = false, load = true, gdb_port_given = false;
    int extra = argc;   /* index of the first GDB argument */
    dbg_cli_opts_init(&o, "debug", F3KIT_SOURCE_DIR "/openocd");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            extra = i + 1;
            break;
        }
        gdb_port_given |= !strcmp(a, "--gdb-port");
        int used = dbg_cli_opt(&o, argc, argv, i);
        if (used < 0)
            return 2;
        if (used > 0) {
            i += used - 1;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--no-openocd")) {
            own = true;
        } else if (!strcmp(a, "--no-load")) {
            load = false;
        } else if (!strcmp(a, "--gdb") && i + 1 < argc) {
            gdb_name = argv[++i];
        } else if (a[0] == '-') {
            fprintf(stderr, "f3kit debug: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (elf) {
            fprintf(stderr, "f3kit debug: one ELF at a time ('%s' and '%s')\n", elf, a);
            return 2;
        } else {
            elf = a;
        }
    }
    if (!elf) {
        usage(stderr);
        return 2;
    }
    if (!dbg_cli_elf_readable(&o, elf))
        return 2;
    if (own && o.usb) {
        fprintf(stderr, "f3kit debug: --no-openocd debugs the virtual board; a board on USB "
                        "needs OpenOCD (drop one of --no-openocd, --probe usb)\n");
        return 2;
    }
    if (own && !gdb_port_given)
        o.gdb_port = OWN_GDB_DEFAULT_PORT;
    if (!o.no_check) {
        int st = cli_check_before("debug", elf);
        if (st)
            return st;
    }
    char gdb[1024];
    if (!dbg_find_program(gdb_name, gdb, sizeof gdb)) {
        fprintf(stderr, "f3kit debug: %s not found: install it (apt-get install gdb-multiarch) "
                        "or pass --gdb PATH\n", gdb_name);
        return 2;
    }

    pid_t board = 0, openocd = 0;
    if (!o.usb && !dbg_cli_ensure_board(&o, own, &board))
        return 1;
    if (!own) {
        if (dbg_port_listening(o.gdb_port)) {
            printf("f3kit debug: a GDB server already listens on port %d; using it\n",
                   o.gdb_port);
        } else if ((openocd = start_openocd(&o)) < 0) {
            dbg_cli_release_board(&o, board);
            return 1;
        }
    }

    char target[64];
    snprintf(target, sizeof target, "target remote :%d", o.gdb_port);
    char *args[MAX_GDB_ARGS + 16];
    int n = 0;
    args[n++] = gdb;
    args[n++] = "-q";
    args[n++] = "-ex";
    args[n++] = target;
    if (load) {
        args[n++] = "-ex";
        args[n++] = "load";
    }
    for (int i = extra; i < argc && n < MAX_GDB_ARGS; i++)
        args[n++] = argv[i];
    args[n++] = (char *)elf;
    args[n] = NULL;
    fflush(stdout);

    /* GDB owns the terminal: Ctrl-C interrupts the target through it, and
     * must not kill us (we clean up) nor the helpers (own sessions). */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old_int, old_quit;
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);
    int status = 1;
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        execv(gdb, args);
        perror("f3kit debug: cannot run gdb");
        _exit(127);
    }
    if (pid > 0 && waitpid(pid, &status, 0) == pid)
        status = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    else
        status = 1;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);

    if (openocd > 0)
        dbg_stop_child(openocd, 2000);
    dbg_cli_release_board(&o, board);
    return status;
}
