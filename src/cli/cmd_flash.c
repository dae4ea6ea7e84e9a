/* f3kit flash app.elf: `f3kit check`, then OpenOCD's
 *   program app.elf verify reset exit
 * against the virtual board's ST-LINK (started in the background when
 * nothing listens on its port) or, with --probe usb, a real board. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/commands.h"
#include "debug/dbg_cli.h"
#include "debug/dbg_launch.h"
#include "debug/dbg_servers.h"

#ifndef F3KIT_SOURCE_DIR
#define F3KIT_SOURCE_DIR "."
#endif

static void usage(FILE *out)
{
    fprintf(out,
            "usage: f3kit flash app.elf [options]\n"
            "\n"
            "Checks app.elf (f3kit check), then programs, verifies and resets with OpenOCD:\n"
            "  openocd -f interface/stlink.cfg -f target/stm32f3x.cfg \\\n"
            "          -c \"program app.elf verify reset exit\"\n"
            "By default the target is the virtual board's ST-LINK on 127.0.0.1:%d; if no\n"
            "`f3kit board` is listening there, one is started in the background.\n"
            "\n%s\n"
            "exit status: 0 flashed and verified, 1 check, programming or verify failed,\n"
            "             2 bad usage or a missing tool\n",
            DBG_STLINK_DEFAULT_PORT, dbg_cli_opts_help());
}

/* What OpenOCD said, turned into a sentence with a fix. */
static void diagnose(const char *log, const struct dbg_cli_opts *o)
{
    if (dbg_cli_probe_busy(o, log))
        return;
    if (strstr(log, "cannot connect to stlink server"))
        fprintf(stderr,
                "f3kit flash: no virtual ST-LINK answered on 127.0.0.1:%d; start one with "
                "`f3kit board --stlink-port %d`\n",
                o->stlink_port, o->stlink_port);
    else if (strstr(log, "open failed") || strstr(log, "No ST-LINK"))
        fprintf(stderr, "f3kit flash: no ST-LINK found on USB: plug the STM32F3DISCOVERY in "
                        "(USB ST-LINK connector) and check the udev rules for 0483:374b\n");
    else if (strstr(log, "timeout waiting for algorithm"))
        fprintf(stderr, "f3kit flash: OpenOCD's flash loader did not finish on the target "
                        "(the core did not run it)\n");
    else if (strstr(log, "Verify Failed") || strstr(log, "checksum mismatch") ||
             strstr(log, "verify_image failed"))
        fprintf(stderr, "f3kit flash: verification failed: the flash does not hold what "
                        "app.elf contains (write-protected or failing flash?)\n");
    else if (strstr(log, "Programming Failed"))
        fprintf(stderr, "f3kit flash: programming failed (see OpenOCD's errors above)\n");
    else
        fprintf(stderr, "f3kit flash: OpenOCD failed (see its errors above)\n");
}

/* Stage lines of `program` shown as progress. */
static void progress(const char *line, bool verbose)
{
    static const struct { const char *key, *say; } stages[] = {
        {"** Programming Started **", "programming"},
        {"** Programming Finished **", "programmed"},
        {"** Verify Started **", "verifying"},
        {"** Verified OK **", "verified OK"},
        {"** Resetting Target **", "resetting the target"},
    };
    if (verbose) {
        fputs(line, stdout);
        return;
    }
    for (size_t i = 0; i < sizeof stages / sizeof stages[0]; i++)
        if (strstr(line, stages[i].key)) {
            printf("f3kit flash: %s\n", stages[i].say);
            return;
        }
    if (!strncmp(line, "Error:", 6) || strstr(line, "STLINK V") || strstr(line, "wrote "))
        printf("  openocd: %s", line);
}

int cmd_flash(int argc, char **argv)
{
    struct dbg_cli_opts o;
    const char *elf = NULL;
    dbg_cli_opts_init(&o, "flash", F3KIT_SOURCE_DIR "/openocd");
    for (int i = 1; i < argc; i++) {
        int used = dbg_cli_opt(&o, argc, argv, i);
        if (used < 0)
            return 2;
        if (used > 0) {
            i += used - 1;
            continue;
        }
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "f3kit flash: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        } else if (elf) {
            fprintf(stderr, "f3kit flash: one ELF at a time ('%s' and '%s')\n", elf, argv[i]);
            return 2;
        } else {
            elf = argv[i];
        }
    }
    if (!elf) {
        usage(stderr);
        return 2;
    }
    if (!dbg_cli_elf_readable(&o, elf))
        return 2;
    if (!o.no_check) {
        int st = cli_check_before("flash", elf);
        if (st)
            return st;
    }
    char openocd[1024];
    if (!dbg_cli_find_openocd(&o, openocd, sizeof openocd))
        return 2;
    pid_t board = 0;
    if (!o.usb && !dbg_cli_ensure_board(&o, false, &board))
        return 1;

    struct dbg_cli_strs strs;
    char *args[DBG_CLI_MAX_ARGS];
    int n = dbg_cli_openocd_args(&o, openocd, false, args, &strs);
    snprintf(strs.s[3], sizeof strs.s[3], "program {%s} verify reset exit", elf);
    args[n++] = "-c";
    args[n++] = strs.s[3];
    args[n] = NULL;
    if (o.usb)
        printf("f3kit flash: %s -> ST-LINK on USB\n", elf);
    else
        printf("f3kit flash: %s -> virtual board (ST-LINK on 127.0.0.1:%d)\n", elf,
               o.stlink_port);
    fflush(stdout);

    char err[256];
    int fd;
    pid_t pid = dbg_spawn_piped(args, &fd, DBG_SPAWN_DIE_WITH_US, err, sizeof err);
    if (pid < 0) {
        fprintf(stderr, "f3kit flash: %s\n", err);
        dbg_cli_release_board(&o, board);
        return 2;
    }
    /* Read OpenOCD's output line by line: progress now, diagnosis later.
     * Read to the end even if the log cannot grow, so OpenOCD never blocks. */
    size_t cap = 1 << 16, len = 0;
    char *log = calloc(1, cap);
    FILE *in = fdopen(fd, "r");
    char line[1024];
    while (in && fgets(line, sizeof line, in)) {
        progress(line, o.verbose);
        fflush(stdout);
        size_t l = strlen(line);
        if (log && len + l + 1 > cap) {
            char *bigger = realloc(log, cap * 2);
            if (bigger) {
                log = bigger;
                cap *= 2;
            }
        }
        if (log && len + l + 1 <= cap) {
            memcpy(log + len, line, l + 1);
            len += l;
        }
    }
    if (in)
        fclose(in);
    else
        close(fd);
    int status = 0;
    waitpid(pid, &status, 0);
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 && log &&
              strstr(log, "** Verified OK **");
    if (!ok) {
        if (!o.verbose && log) {
            /* The errors only, then what they mean. */
            fputs("---- OpenOCD said:\n", stderr);
            for (char *p = log; *p;) {
                char *e = strchr(p, '\n');
                size_t l = e ? (size_t)(e - p + 1) : strlen(p);
                if (!strncmp(p, "Error", 5) || !strncmp(p, "Warn", 4) || memmem(p, l, "Failed", 6))
                    fwrite(p, 1, l, stderr);
                p += l;
            }
        }
        diagnose(log ? log : "", &o);
        free(log);
        dbg_cli_release_board(&o, board);
        return 1;
    }
    free(log);
    dbg_cli_release_board(&o, board);
    printf("f3kit flash: done\n");
    return 0;
}
