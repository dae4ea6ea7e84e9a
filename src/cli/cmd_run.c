/* f3kit run app.elf: program the ELF into the virtual board's flash, reset,
 * run.  Firmware output (semihosting and USART1) goes to stdout; LED
 * changes, resets and diagnostics go to stderr as timed lines
 * ("t=0.500000s LD3 N red on"), so stdout is exactly what the firmware
 * printed.  Exit status: the firmware's semihosting exit code, or one of
 * the RUN_* codes below. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board/f3disco/board.h"
#include "board/f3disco/board_script.h"
#include "cli/commands.h"

enum {
    RUN_ERROR = 2,          /* bad usage, unreadable ELF or script */
    RUN_FAULT = 3,          /* lockup, stuck in a handler, BKPT without debugger */
    RUN_EXPECT = 4,         /* a script expectation failed */
    RUN_ASLEEP = 5,         /* WFI with nothing left that could wake the core */
    RUN_TIME_LIMIT = 124,   /* --time reached */
    RUN_INSN_LIMIT = 125,   /* --insns reached */
    RUN_INTERRUPTED = 130,  /* Ctrl-C */
};

struct run_ctx {
    char *out;              /* everything the firmware printed (for expect) */
    size_t outlen, outcap;
    char line2[3][256];     /* USART2/3 partial lines */
    size_t line2len[3];
    bool quiet_leds;
    bool started;           /* the first reset is not news */
};

static void out_append(struct run_ctx *r, const void *buf, size_t len)
{
    if (r->outlen + len + 1 > r->outcap) {
        size_t cap = r->outcap ? r->outcap * 2 : 4096;
        while (cap < r->outlen + len + 1)
            cap *= 2;
        if (cap > (64u << 20))
            return;             /* keep the last word: stop growing at 64 MiB */
        char *n = realloc(r->out, cap);
        if (!n)
            return;
        r->out = n;
        r->outcap = cap;
    }
    memcpy(r->out + r->outlen, buf, len);
    r->outlen += len;
    r->out[r->outlen] = '\0';
}

static void o_led(void *ctx, unsigned led, bool on, double t)
{
    struct run_ctx *r = ctx;
    if (r->quiet_leds)
        return;
    const struct board_led_info *li = board_led_info(led);
    fprintf(stderr, "t=%.6fs %s %s %s %s\n", t, li->name, li->dir, li->colour, on ? "on" : "off");
}

static void o_uart(void *ctx, unsigned usart, uint8_t byte, double t)
{
    struct run_ctx *r = ctx;
    (void)t;
    if (usart == 1) {
        fputc(byte, stdout);
        if (byte == '\n')
            fflush(stdout);
        out_append(r, &byte, 1);
        return;
    }
    /* USART2/3 are not wired to the ST-LINK: show them on stderr. */
    unsigned k = usart - 1;
    if (k >= 3)
        return;
    if (byte != '\n' && r->line2len[k] < sizeof r->line2[k] - 1)
        r->line2[k][r->line2len[k]++] = (char)byte;
    if (byte == '\n' || r->line2len[k] == sizeof r->line2[k] - 1) {
        fprintf(stderr, "USART%u: %.*s\n", usart, (int)r->line2len[k], r->line2[k]);
        r->line2len[k] = 0;
    }
}

static void o_semihost(void *ctx, const void *buf, size_t len)
{
    struct run_ctx *r = ctx;
    fwrite(buf, 1, len, stdout);
    fflush(stdout);
    out_append(r, buf, len);
}

static size_t o_semihost_in(void *ctx, void *buf, size_t len)
{
    (void)ctx;
    ssize_t n = read(STDIN_FILENO, buf, len);
    return n > 0 ? (size_t)n : 0;
}

static void o_diag(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "f3kit: %s\n", msg);
}

static void o_reset(void *ctx, const char *cause, double t)
{
    struct run_ctx *r = ctx;
    if (!r->started)
        return;
    fprintf(stderr, "t=%.6fs reset (%s)\n", t, cause);
}

/* The one piece of process-wide state: a signal handler can reach the
 * board no other way.  Set only while a run is in progress. */
static struct board *volatile sigint_board;
static volatile sig_atomic_t sigint_seen;

static void on_sigint(int sig)
{
    (void)sig;
    sigint_seen = 1;
    if (sigint_board)
        board_interrupt(sigint_board);
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: f3kit run app.elf [options]\n"
            "  --time SECONDS   stop after this much virtual time (exit %d)\n"
            "  --insns N        stop after N instructions (exit %d)\n"
            "  --script FILE    stimuli and expectations (see docs: at 0.5s press, expect \"x\")\n"
            "  --revision c|e   board revision: c = L3GD20/LSM303DLHC, e = I3G4250D/LSM303AGR\n"
            "  --flash FILE     keep the flash image in FILE (default: in memory)\n"
            "  --realtime       pace virtual time to the wall clock\n"
            "  --trace          print every executed instruction on stderr\n"
            "  --quiet-leds     do not print LED changes\n"
            "Firmware output (semihosting, USART1) goes to stdout; LED changes and notes to\n"
            "stderr.  Exit status: the firmware's exit code, %d fault, %d expectation failed,\n"
            "%d asleep forever, %d time limit, %d instruction limit, %d interrupted.\n",
            RUN_TIME_LIMIT, RUN_INSN_LIMIT, RUN_FAULT, RUN_EXPECT, RUN_ASLEEP, RUN_TIME_LIMIT,
            RUN_INSN_LIMIT, RUN_INTERRUPTED);
}

static int fault_exit(struct board *b, const char *why)
{
    char rep[2048];
    fflush(stdout);
    fprintf(stderr, "f3kit: firmware %s at t=%.6fs\n", why, board_time(b));
    if (board_fault_report(b, rep, sizeof rep))
        fputs(rep, stderr);
    return RUN_FAULT;
}

static int asleep_exit(struct board *b)
{
    fflush(stdout);
    fprintf(stderr, "f3kit: firmware sleeps (WFI/WFE) at t=%.6fs with nothing left that could "
                    "wake it\n", board_time(b));
    return RUN_ASLEEP;
}

int cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"time", required_argument, NULL, 't'},   {"insns", required_argument, NULL, 'n'},
        {"script", required_argument, NULL, 's'}, {"revision", required_argument, NULL, 'r'},
        {"flash", required_argument, NULL, 'f'},  {"realtime", no_argument, NULL, 'R'},
        {"trace", no_argument, NULL, 'T'},        {"quiet-leds", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    double time_limit = INFINITY;
    uint64_t insn_limit = 0;
    const char *script_path = NULL, *flash_path = NULL;
    struct run_ctx rc = {0};
    struct board_config cfg = {.revision = BOARD_REV_C, .semihosting = true};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 't':
            time_limit = strtod(optarg, &end);
            if (end == optarg || *end || !(time_limit > 0)) {
                fprintf(stderr, "f3kit run: --time wants a positive number of seconds, not '%s'\n",
                        optarg);
                return RUN_ERROR;
            }
            break;
        case 'n':
            errno = 0;
            insn_limit = strtoull(optarg, &end, 0);
            if (end == optarg || *end || errno || insn_limit == 0) {
                fprintf(stderr, "f3kit run: --insns wants a positive count, not '%s'\n", optarg);
                return RUN_ERROR;
            }
            break;
        case 's': script_path = optarg; break;
        case 'r':
            if (!strcmp(optarg, "c") || !strcmp(optarg, "C") || !strcmp(optarg, "d"))
                cfg.revision = BOARD_REV_C;
            else if (!strcmp(optarg, "e") || !strcmp(optarg, "E"))
                cfg.revision = BOARD_REV_E;
            else {
                fprintf(stderr, "f3kit run: --revision is c (L3GD20, LSM303DLHC) or e "
                                "(I3G4250D, LSM303AGR), not '%s'\n", optarg);
                return RUN_ERROR;
            }
            break;
        case 'f': flash_path = optarg; break;
        case 'R': cfg.realtime = true; break;
        case 'T': cfg.trace = true; break;
        case 'q': rc.quiet_leds = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return RUN_ERROR;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        return RUN_ERROR;
    }
    const char *elf = argv[optind];

    struct board_script script = {0};
    char err[512];
    if (script_path && board_script_load(script_path, &script, err, sizeof err) != 0) {
        fprintf(stderr, "f3kit run: %s\n", err);
        return RUN_ERROR;
    }
    cfg.flash_path = flash_path;
    cfg.obs = (struct board_observer){
        .ctx = &rc, .led = o_led, .uart_tx = o_uart, .semihost_out = o_semihost,
        .diag = o_diag, .semihost_in = o_semihost_in, .reset = o_reset,
    };
    struct board *b = board_new(&cfg, err, sizeof err);
    if (!b) {
        fprintf(stderr, "f3kit run: %s\n", err);
        board_script_free(&script);
        return RUN_ERROR;
    }
    if (board_program_elf(b, elf, err, sizeof err) != 0) {
        fprintf(stderr, "f3kit run: %s\n", err);
        board_free(b);
        board_script_free(&script);
        return RUN_ERROR;
    }
    board_reset(b, false);
    rc.started = true;

    sigint_board = b;
    sigint_seen = 0;
    struct sigaction sa = {0}, old_sa;
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_sa);

    int status = -1;
    uint64_t insns0 = board_cpu(b)->insns;
    board_script_apply(&script, b, rc.out, rc.outlen, stderr);
    while (status < 0) {
        if (script.stopped) {
            status = 0;
            break;
        }
        double now = board_time(b);
        double until = fmin(time_limit, board_script_next(&script));
        /* Chunks of 50 ms let us notice a core spinning in a handler. */
        double chunk = fmin(until - now, 0.05);
        uint64_t left = 0;
        if (insn_limit) {
            uint64_t done = board_cpu(b)->insns - insns0;
            if (done >= insn_limit) {
                fflush(stdout);
                fprintf(stderr, "f3kit: instruction limit (%llu) reached at t=%.6fs\n",
                        (unsigned long long)insn_limit, now);
                status = RUN_INSN_LIMIT;
                break;
            }
            left = insn_limit - done;
        }
        /* Within 0.1 us of the limit counts as there (float rounding). */
        if (time_limit - now < 1e-7) {
            fflush(stdout);
            fprintf(stderr, "f3kit: time limit (%gs of virtual time) reached\n", time_limit);
            status = RUN_TIME_LIMIT;
            break;
        }
        enum cpu_stop st = chunk > 0 ? board_run_for(b, chunk, left) : CPU_STOP_LIMIT;
        board_script_apply(&script, b, rc.out, rc.outlen, stderr);
        struct cpu *cpu = board_cpu(b);
        switch (st) {
        case CPU_STOP_EXIT:
            board_settle(b, 0.1);
            status = cpu->exit_code & 0xff;
            if (cpu->ipsr != 0 && cpu->exit_code != 0) {
                /* A failing exit from an exception handler (the kit's fault
                 * and default handlers end this way): the firmware's code
                 * stays the exit status, f3kit adds what the core saw. */
                char rep[2048];
                fflush(stdout);
                fprintf(stderr, "f3kit: firmware exited with code %d from an exception handler "
                                "at t=%.6fs\n", cpu->exit_code, board_time(b));
                if (board_fault_report(b, rep, sizeof rep))
                    fputs(rep, stderr);
            }
            break;
        case CPU_STOP_LOCKUP:
            status = fault_exit(b, "locked up");
            break;
        case CPU_STOP_HALT:
            status = fault_exit(b, cpu->halt_reason == CPU_HALT_BKPT
                                       ? "hit a BKPT instruction with no debugger attached"
                                       : "halted");
            if (!cpu->lockup && cpu->ipsr == 0) {
                fprintf(stderr, "  pc=0x%08x\n", cpu->r[15]);
            }
            break;
        case CPU_STOP_SLEEP:
            status = asleep_exit(b);
            break;
        default:
            /* Without a time limit or a scripted stimulus still to come, a
             * core asleep for good would only pass time: say so and stop. */
            if (isinf(time_limit) && !isfinite(board_script_next(&script)) &&
                board_asleep_forever(b)) {
                status = asleep_exit(b);
            }
            break;
        }
        if (status >= 0)
            break;
        if (board_stuck_in_handler(b)) {
            status = fault_exit(b, "is stuck in an exception handler");
            break;
        }
        if (sigint_seen) {
            fflush(stdout);
            fprintf(stderr, "f3kit: interrupted at t=%.6fs\n", board_time(b));
            status = RUN_INTERRUPTED;
        }
    }
    sigaction(SIGINT, &old_sa, NULL);
    sigint_board = NULL;
    fflush(stdout);

    board_script_finish(&script, b, rc.out, rc.outlen, stderr);
    if (script.failures && status != RUN_FAULT) {
        fprintf(stderr, "f3kit: %d script expectation%s failed\n", script.failures,
                script.failures == 1 ? "" : "s");
        status = RUN_EXPECT;
    }
    board_free(b);
    board_script_free(&script);
    free(rc.out);
    return status;
}
