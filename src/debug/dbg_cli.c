/* Shared parts of `f3kit flash` and `f3kit debug` (see dbg_cli.h). */
#include "debug/dbg_cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "debug/dbg_launch.h"
#include "debug/dbg_servers.h"

void dbg_cli_opts_init(struct dbg_cli_opts *o, const char *cmd, const char *cfg_dir)
{
    memset(o, 0, sizeof *o);
    o->stlink_port = DBG_STLINK_DEFAULT_PORT;
    o->gdb_port = DBG_GDB_DEFAULT_PORT;
    o->cmd = cmd;
    struct stat st;
    char probe[1024];
    snprintf(probe, sizeof probe, "%s/f3kit-stlink.cfg", cfg_dir ? cfg_dir : "");
    o->cfg_dir = cfg_dir && !stat(probe, &st) ? cfg_dir : NULL;
}

static int port_value(const struct dbg_cli_opts *o, const char *opt, const char *s)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : -1;
    if (!s || !*s || *end || errno || v < 1 || v > 65535) {
        fprintf(stderr, "f3kit %s: %s needs a TCP port number (1..65535), not '%s'\n", o->cmd,
                opt, s ? s : "");
        return -1;
    }
    return (int)v;
}

const char *dbg_cli_opts_help(void)
{
    return "  --probe virtual|usb  the virtual board (default) or a real board on USB\n"
           "  --port N             virtual ST-LINK port (default 7184)\n"
           "  --gdb-port N         GDB server port (default 3333)\n"
           "  --dap                OpenOCD's dapdirect driver (stlink-dap.cfg) instead of HLA\n"
           "  --no-start           fail instead of starting a board when none is listening\n"
           "  --stop-board         stop the board started here when done (its flash image\n"
           "                       keeps the firmware); by default it keeps running\n"
           "  --no-check           skip f3kit check\n"
           "  --openocd PATH       the OpenOCD to run (default: openocd from PATH)\n"
           "  -v, --verbose        show all of OpenOCD's output\n";
}

int dbg_cli_opt(struct dbg_cli_opts *o, int argc, char **argv, int i)
{
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "--port") || !strcmp(a, "--stlink-port")) {
        if ((o->stlink_port = port_value(o, a, next)) < 0)
            return -1;
        return 2;
    }
    if (!strcmp(a, "--gdb-port")) {
        if ((o->gdb_port = port_value(o, a, next)) < 0)
            return -1;
        return 2;
    }
    if (!strcmp(a, "--probe")) {
        if (next && !strcmp(next, "usb"))
            o->usb = true;
        else if (next && !strcmp(next, "virtual"))
            o->usb = false;
        else {
            fprintf(stderr, "f3kit %s: --probe is 'virtual' or 'usb', not '%s'\n", o->cmd,
                    next ? next : "");
            return -1;
        }
        return 2;
    }
    if (!strcmp(a, "--openocd")) {
        if (!next) {
            fprintf(stderr, "f3kit %s: --openocd needs a path\n", o->cmd);
            return -1;
        }
        o->openocd = next;
        return 2;
    }
    if (!strcmp(a, "--dap"))
        o->dap = true;
    else if (!strcmp(a, "--no-start"))
        o->no_start = true;
    else if (!strcmp(a, "--stop-board"))
        o->stop_board = true;
    else if (!strcmp(a, "--no-check"))
        o->no_check = true;
    else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
        o->verbose = true;
    else
        return 0;
    return 1;
}

bool dbg_cli_elf_readable(const struct dbg_cli_opts *o, const char *elf)
{
    if (access(elf, R_OK) == 0)
        return true;
    fprintf(stderr, "f3kit %s: cannot read %s: %s\n", o->cmd, elf, strerror(errno));
    return false;
}

bool dbg_cli_probe_busy(const struct dbg_cli_opts *o, const char *log)
{
    if (!log || !strstr(log, "the selected device is already used"))
        return false;
    if (o->usb)
        fprintf(stderr, "f3kit %s: the ST-LINK on USB is in use by another client: another "
                        "OpenOCD or `f3kit debug` session is connected to it; stop it (quit "
                        "that GDB session, or kill that openocd) and try again\n", o->cmd);
    else
        fprintf(stderr, "f3kit %s: the virtual ST-LINK on 127.0.0.1:%d is in use by another "
                        "client: another OpenOCD or `f3kit debug` session is connected to it; "
                        "stop it (quit that GDB session, or kill that openocd) and try again\n",
                o->cmd, o->stlink_port);
    return true;
}

bool dbg_cli_find_openocd(const struct dbg_cli_opts *o, char *out, size_t cap)
{
    const char *name = o->openocd ? o->openocd : "openocd";
    if (dbg_find_program(name, out, cap))
        return true;
    if (o->openocd)
        fprintf(stderr, "f3kit %s: '%s' is not an executable OpenOCD\n", o->cmd, o->openocd);
    else
        fprintf(stderr, "f3kit %s: OpenOCD is not installed (no 'openocd' in PATH): install "
                        "it (apt-get install openocd) or pass --openocd PATH\n",
                o->cmd);
    return false;
}

/* The log of a board that did not start; true when it says its flash
 * image is held by another board. */
static bool show_log_tail(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char line[1024];
    bool held = false;
    fprintf(stderr, "---- %s:\n", path);
    while (fgets(line, sizeof line, f)) {
        fputs(line, stderr);
        held |= strstr(line, "is in use by another board") != NULL;
    }
    fclose(f);
    return held;
}

void dbg_cli_release_board(const struct dbg_cli_opts *o, pid_t board)
{
    if (board <= 0)
        return;
    if (o->stop_board) {
        dbg_stop_child(board, 5000);   /* SIGTERM: the board saves its flash image */
        printf("f3kit %s: stopped the virtual board (pid %d)\n", o->cmd, (int)board);
    } else {
        printf("f3kit %s: the virtual board keeps running in the background (pid %d); "
               "stop it with `kill %d`\n",
               o->cmd, (int)board, (int)board);
    }
}

bool dbg_cli_ensure_board(const struct dbg_cli_opts *o, bool need_gdb, pid_t *started)
{
    *started = 0;
    bool stl = dbg_port_listening(o->stlink_port);
    bool gdb = !need_gdb || dbg_port_listening(o->gdb_port);
    if (stl && gdb)
        return true;
    if (stl && !gdb) {
        fprintf(stderr,
                "f3kit %s: a board serves the ST-LINK on port %d but no GDB server listens on "
                "port %d: restart it with `f3kit board --stlink-port %d --gdb %d`, or pass "
                "--gdb-port\n",
                o->cmd, o->stlink_port, o->gdb_port, o->stlink_port, o->gdb_port);
        return false;
    }
    if (o->no_start) {
        fprintf(stderr,
                "f3kit %s: no virtual board listens on 127.0.0.1:%d: start one with "
                "`f3kit board --stlink-port %d` (or drop --no-start)\n",
                o->cmd, o->stlink_port, o->stlink_port);
        return false;
    }
    char self[1024], sport[16], gport[16], log[256], err[256];
    if (!dbg_self_exe(self, sizeof self)) {
        fprintf(stderr, "f3kit %s: cannot find the f3kit executable to start a board\n",
                o->cmd);
        return false;
    }
    snprintf(sport, sizeof sport, "%d", o->stlink_port);
    /* The board also serves f3kit's own GDB server: on the port asked for,
     * else on the default one (when free), so a later `f3kit debug
     * --no-openocd` finds it without restarting the board. */
    int own_gdb = need_gdb ? o->gdb_port
                  : o->gdb_port == DBG_CLI_OWN_GDB_PORT ||   /* OpenOCD's, for f3kit debug */
                          dbg_port_listening(DBG_CLI_OWN_GDB_PORT)
                      ? -1
                      : DBG_CLI_OWN_GDB_PORT;
    snprintf(gport, sizeof gport, "%d", own_gdb);
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(log, sizeof log, "%s/f3kit-board-%d.log", tmp, o->stlink_port);
    /* Paced to the wall clock, as the real board would be: LEDs blink at their
     * programmed rate and the background board does not burn a host core. */
    char *args[] = {self, "board", "--realtime", "--stlink-port", sport,
                    own_gdb >= 0 ? "--gdb" : NULL, gport, NULL};
    /* The board outlives this command: it is the user's to stop. */
    pid_t pid = dbg_spawn(args, log, DBG_SPAWN_SESSION, err, sizeof err);
    if (pid < 0) {
        fprintf(stderr, "f3kit %s: cannot start a virtual board: %s\n", o->cmd, err);
        return false;
    }
    if (own_gdb >= 0)
        printf("f3kit %s: started a virtual board in the background (pid %d, log %s; "
               "ST-LINK on 127.0.0.1:%d, GDB server on 127.0.0.1:%d)\n",
               o->cmd, (int)pid, log, o->stlink_port, own_gdb);
    else
        printf("f3kit %s: started a virtual board in the background (pid %d, log %s; "
               "ST-LINK on 127.0.0.1:%d)\n", o->cmd, (int)pid, log, o->stlink_port);
    fflush(stdout);
    if (!dbg_wait_port(o->stlink_port, 10000, pid) ||
        (need_gdb && !dbg_wait_port(o->gdb_port, 5000, pid))) {
        fprintf(stderr, "f3kit %s: the virtual board did not start listening on port %d\n",
                o->cmd, need_gdb ? o->gdb_port : o->stlink_port);
        dbg_stop_child(pid, 500);
        if (show_log_tail(log))
            fprintf(stderr, "f3kit %s: that board already runs the default flash image: use it "
                            "(--port with its --stlink-port, shown above), or stop it\n",
                    o->cmd);
        return false;
    }
    *started = pid;
    return true;
}

int dbg_cli_openocd_args(const struct dbg_cli_opts *o, char *openocd, bool gdb, char **args,
                         struct dbg_cli_strs *strs)
{
    int n = 0;
    args[n++] = openocd;
    if (gdb) {
        snprintf(strs->s[0], sizeof strs->s[0], "gdb_port %d; telnet_port disabled; "
                 "tcl_port disabled", o->gdb_port);
    } else {
        snprintf(strs->s[0], sizeof strs->s[0],
                 "gdb_port disabled; telnet_port disabled; tcl_port disabled");
    }
    args[n++] = "-c";
    args[n++] = strs->s[0];
    if (o->usb) {
        args[n++] = "-f";
        args[n++] = o->dap ? "interface/stlink-dap.cfg" : "interface/stlink.cfg";
    } else if (o->cfg_dir) {
        /* The shipped wrapper: what a user would type by hand. */
        args[n++] = "-s";
        args[n++] = (char *)o->cfg_dir;
        snprintf(strs->s[1], sizeof strs->s[1], "set F3KIT_STLINK_PORT %d", o->stlink_port);
        args[n++] = "-c";
        args[n++] = strs->s[1];
        args[n++] = "-f";
        args[n++] = o->dap ? "f3kit-stlink-dap.cfg" : "f3kit-stlink.cfg";
    } else {
        args[n++] = "-f";
        args[n++] = o->dap ? "interface/stlink-dap.cfg" : "interface/stlink.cfg";
        snprintf(strs->s[1], sizeof strs->s[1], "%s tcp %d",
                 o->dap ? "st-link backend" : "hla_stlink_backend", o->stlink_port);
        args[n++] = "-c";
        args[n++] = strs->s[1];
    }
    args[n++] = "-f";
    args[n++] = "target/stm32f3x.cfg";
    return n;
}
