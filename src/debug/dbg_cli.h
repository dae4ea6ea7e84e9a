/* What `f3kit flash` and `f3kit debug` share: their options, finding
 * OpenOCD, making sure a virtual board is listening, and OpenOCD's command
 * line for the virtual or the USB probe. */
#ifndef F3KIT_DBG_CLI_H
#define F3KIT_DBG_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct dbg_cli_opts {
    int stlink_port;        /* --port (virtual ST-LINK) */
    int gdb_port;           /* --gdb-port (GDB server: OpenOCD's or f3kit's) */
    bool usb;               /* --probe usb */
    bool dap;               /* --dap: OpenOCD's dapdirect driver */
    bool no_start;          /* --no-start */
    bool stop_board;        /* --stop-board: stop a board we started when done */
    bool no_check;          /* --no-check */
    bool verbose;           /* -v */
    const char *openocd;    /* --openocd PATH */
    const char *cfg_dir;    /* where f3kit-stlink.cfg lives (NULL: not shipped) */
    const char *cmd;        /* "flash" / "debug", for messages */
};

void dbg_cli_opts_init(struct dbg_cli_opts *o, const char *cmd, const char *cfg_dir);
/* Parse the shared option at argv[i]: returns how many arguments it used
 * (0 = not a shared option, -1 = bad value, message printed). */
int dbg_cli_opt(struct dbg_cli_opts *o, int argc, char **argv, int i);
/* Help text lines for the shared options. */
const char *dbg_cli_opts_help(void);

/* f3kit's own GDB server port (f3kit board --gdb, f3kit debug --no-openocd),
 * next to OpenOCD's usual 3333. */
#define DBG_CLI_OWN_GDB_PORT 3334

/* The ELF is readable: else a message ("f3kit <cmd>: cannot read ...") and
 * false, before anything else (f3kit check) speaks for the command. */
bool dbg_cli_elf_readable(const struct dbg_cli_opts *o, const char *elf);

/* OpenOCD's log says another client holds the probe ("the selected device is
 * already used"): print what that means and how to proceed, return true. */
bool dbg_cli_probe_busy(const struct dbg_cli_opts *o, const char *log);

/* OpenOCD's path into out, or a message naming the fix and false. */
bool dbg_cli_find_openocd(const struct dbg_cli_opts *o, char *out, size_t cap);

/* Make sure a virtual board serves the ST-LINK (and, with need_gdb, f3kit's
 * GDB server on o->gdb_port): if nothing listens, start `f3kit board` in
 * the background (*started = its pid, else 0).  false with a message. */
bool dbg_cli_ensure_board(const struct dbg_cli_opts *o, bool need_gdb, pid_t *started);

/* Done with a board dbg_cli_ensure_board started (pid 0: none): stop it
 * with --stop-board, else say it keeps running and how to stop it. */
void dbg_cli_release_board(const struct dbg_cli_opts *o, pid_t board);

/* OpenOCD's argv (up to the target cfg; the caller appends its -c
 * commands and the NULL).  `strs` holds the strings it builds.  Returns the
 * count.  gdb: let OpenOCD listen for GDB on o->gdb_port (else no servers). */
#define DBG_CLI_MAX_ARGS 24
struct dbg_cli_strs {
    char s[4][1200];
};
int dbg_cli_openocd_args(const struct dbg_cli_opts *o, char *openocd, bool gdb, char **args,
                         struct dbg_cli_strs *strs);

#endif
