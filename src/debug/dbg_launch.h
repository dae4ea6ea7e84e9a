/* Process plumbing for `f3kit flash` and `f3kit debug`: finding OpenOCD
 * and gdb-multiarch, probing loopback ports, starting helpers (a background
 * `f3kit board`, OpenOCD) in their own sessions so a Ctrl-C meant for GDB
 * does not reach them. */
#ifndef F3KIT_DBG_LAUNCH_H
#define F3KIT_DBG_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Is something accepting TCP connections on 127.0.0.1:port? */
bool dbg_port_listening(int port);
/* Wait up to timeout_ms for port to listen; false early if `pid` (> 0)
 * exits meanwhile. */
bool dbg_wait_port(int port, int timeout_ms, pid_t pid);

/* Full path of `name` from PATH (or `name` itself if it contains '/' and
 * is executable); false if not found. */
bool dbg_find_program(const char *name, char *out, size_t cap);

/* How a helper lives: in its own session (a Ctrl-C at the terminal does
 * not reach it), and/or ended (SIGTERM) when we end, whatever the cause. */
#define DBG_SPAWN_SESSION 1u
#define DBG_SPAWN_DIE_WITH_US 2u

/* Start argv[0] (a full path) with stdout+stderr to log_path (NULL =
 * inherit).  Returns the pid or -1 (message in err). */
pid_t dbg_spawn(char *const argv[], const char *log_path, unsigned how, char *err,
                size_t errlen);
/* Start argv with stdout+stderr into a pipe; *fd receives the read end. */
pid_t dbg_spawn_piped(char *const argv[], int *fd, unsigned how, char *err, size_t errlen);

/* This executable, for starting `f3kit board` in the background. */
bool dbg_self_exe(char *out, size_t cap);

/* Stop a child we started: SIGTERM, then SIGKILL after grace_ms. */
void dbg_stop_child(pid_t pid, int grace_ms);

#endif
