/* f3kit board: keep a virtual STM32F3DISCOVERY alive.  The board boots from
 * its persistent flash image and runs on its own thread; the virtual
 * ST-LINK (for OpenOCD, port 7184 by default) and optionally f3kit's GDB
 * server attach to it (src/debug).  On a terminal the 8 LEDs are drawn as
 * a compass with the USART console below, keys press B1 and reset the
 * board; without a terminal events are printed as lines and stdin takes
 * line commands (press, release, reset, uart "text", quit).
 *
 * Structure: session_start() builds everything and returns; a main loop
 * (terminal or lines) then serves input until a signal or quit;
 * session_stop() tears down in reverse order. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "board/f3disco/board.h"
#include "board/f3disco/board_script.h"
#include "cli/commands.h"
#include "debug/dbg_servers.h"

#define CONSOLE_LINES 12
#define CONSOLE_COLS 100

struct session {
    struct board *b;
    struct dbg_servers *srv;
    bool tty;
    char flash_path[4096];
    /* Shown by the terminal view; written by observers under the board lock. */
    bool led[8];
    char console[CONSOLE_LINES][CONSOLE_COLS + 1];
    unsigned con_head;          /* index of the line being written */
    size_t con_col;
    char note[256];
    char servers[160];          /* what listens where, for the header */
    bool dirty;
    /* Line mode: the unfinished line of each source (enum text_src). */
    char line[2][256];
    size_t linelen[2];
};

enum text_src { SRC_USART1, SRC_SEMIHOSTING };
static const char *const src_name[] = {"usart1", "semihosting"};

/* Process-wide only because a signal handler must reach it. */
static volatile sig_atomic_t board_quit;

static void on_signal(int sig)
{
    (void)sig;
    board_quit = 1;
}

/* ---- observers (core thread, board lock held) ---- */

static void con_put(struct session *s, char c)
{
    if (c == '\r')
        return;
    if (c == '\n' || s->con_col >= CONSOLE_COLS) {
        s->con_head = (s->con_head + 1) % CONSOLE_LINES;
        s->console[s->con_head][0] = '\0';
        s->con_col = 0;
        if (c == '\n')
            return;
    }
    if ((unsigned char)c < 0x20 && c != '\t')
        c = '.';
    s->console[s->con_head][s->con_col++] = c;
    s->console[s->con_head][s->con_col] = '\0';
}

static void o_led(void *ctx, unsigned led, bool on, double t)
{
    struct session *s = ctx;
    s->led[led] = on;
    s->dirty = true;
    if (!s->tty) {
        const struct board_led_info *li = board_led_info(led);
        printf("t=%.6fs %s %s %s %s\n", t, li->name, li->dir, li->colour, on ? "on" : "off");
        fflush(stdout);
    }
}

static void line_out(struct session *s, enum text_src src, double t)
{
    printf("t=%.6fs %s: %.*s\n", t, src_name[src], (int)s->linelen[src], s->line[src]);
    fflush(stdout);
    s->linelen[src] = 0;
}

static void o_text(struct session *s, enum text_src src, const void *buf, size_t len, double t)
{
    const char *p = buf;
    char *line = s->line[src];
    for (size_t i = 0; i < len; i++) {
        if (s->tty) {
            con_put(s, p[i]);
            continue;
        }
        if (p[i] != '\n' && p[i] != '\r' && s->linelen[src] < sizeof s->line[src] - 1)
            line[s->linelen[src]++] = p[i];
        if (p[i] == '\n' || s->linelen[src] == sizeof s->line[src] - 1)
            line_out(s, src, t);
    }
    s->dirty = true;
}

/* Line mode: print the lines the firmware left unfinished (no newline yet),
 * so nothing it sent is lost at exit and a reset does not glue the next
 * boot's output to them.  Terminal view: start a new console line. */
static void flush_partial(struct session *s, double t)
{
    if (s->tty) {
        if (s->con_col)
            con_put(s, '\n');
        return;
    }
    for (unsigned k = 0; k < 2; k++)
        if (s->linelen[k])
            line_out(s, (enum text_src)k, t);
}

static void o_uart(void *ctx, unsigned usart, uint8_t byte, double t)
{
    struct session *s = ctx;
    if (usart == 1)
        o_text(s, SRC_USART1, &byte, 1, t);
}

static void o_semihost(void *ctx, const void *buf, size_t len)
{
    struct session *s = ctx;
    dbg_servers_console(s->srv, buf, len);
    o_text(s, SRC_SEMIHOSTING, buf, len, s->b ? board_time(s->b) : 0);
}

static void o_halted(void *ctx, enum cpu_halt_reason why)
{
    struct session *s = ctx;
    (void)why;
    s->dirty = true;
}

static void o_diag(void *ctx, const char *msg)
{
    struct session *s = ctx;
    if (s->tty) {
        snprintf(s->note, sizeof s->note, "%s", msg);
        s->dirty = true;
    } else {
        printf("f3kit: %s\n", msg);
        fflush(stdout);
    }
}

static void o_reset(void *ctx, const char *cause, double t)
{
    struct session *s = ctx;
    flush_partial(s, t);
    if (s->tty) {
        snprintf(s->note, sizeof s->note, "reset (%s) at t=%.3fs", cause, t);
        s->dirty = true;
    } else {
        printf("t=%.6fs reset (%s)\n", t, cause);
        fflush(stdout);
    }
}

/* ---- set-up and tear-down ---- */

struct board_opts {
    const char *flash;
    bool realtime, trace;
    enum board_revision rev;
    int stlink_port;            /* -1: none */
    int gdb_port;               /* -1: none */
};

static int session_start(struct session *s, const struct board_opts *o)
{
    char err[512];
    if (o->flash) {
        snprintf(s->flash_path, sizeof s->flash_path, "%s", o->flash);
    } else if (board_default_flash_path(s->flash_path, sizeof s->flash_path) != 0) {
        fprintf(stderr, "f3kit board: neither XDG_CACHE_HOME nor HOME is set: pass --flash FILE\n");
        return -1;
    }
    struct board_config cfg = {
        .revision = o->rev,
        .flash_path = s->flash_path,
        .realtime = o->realtime,
        .semihosting = true,
        .trace = o->trace,
        .obs = {.ctx = s, .led = o_led, .uart_tx = o_uart, .semihost_out = o_semihost,
                .halted = o_halted, .diag = o_diag, .reset = o_reset},
    };
    s->b = board_new(&cfg, err, sizeof err);
    if (!s->b) {
        fprintf(stderr, "f3kit board: %s\n", err);
        return -1;
    }
    if (board_start(s->b) != 0) {
        fprintf(stderr, "f3kit board: cannot start the board thread: %s\n", strerror(errno));
        board_free(s->b);
        s->b = NULL;
        return -1;
    }
    if (o->stlink_port >= 0 || o->gdb_port >= 0) {
        struct dbg_servers_config dc = {NULL, o->stlink_port, o->gdb_port};
        s->srv = dbg_servers_start(s->b, &dc, err, sizeof err);
        if (!s->srv) {
            fprintf(stderr, "f3kit board: %s\n", err);
            board_stop(s->b);
            board_free(s->b);
            s->b = NULL;
            return -1;
        }
    }
    return 0;
}

static void session_stop(struct session *s)
{
    if (s->srv)
        dbg_servers_stop(s->srv);
    s->srv = NULL;
    if (s->b) {
        board_stop(s->b);
        flush_partial(s, board_time(s->b));
        /* board_free writes the image only if it changed: a board that was
         * never flashed must not overwrite the file with its stale copy. */
        board_free(s->b);
        s->b = NULL;
    }
}

static void announce(struct session *s, FILE *f)
{
    int sp = s->srv ? dbg_servers_stlink_port(s->srv) : -1;
    int gp = s->srv ? dbg_servers_gdb_port(s->srv) : -1;
    char st[40] = "", gd[40] = "";
    if (sp >= 0)
        snprintf(st, sizeof st, "ST-LINK :%d  ", sp);
    if (gp >= 0)
        snprintf(gd, sizeof gd, "GDB :%d", gp);
    snprintf(s->servers, sizeof s->servers, "%s%s", st, gd);
    fprintf(f, "f3kit board: STM32F3DISCOVERY running, flash image %s\n", s->flash_path);
    if (s->srv && dbg_servers_stlink_port(s->srv) >= 0)
        fprintf(f, "f3kit board: virtual ST-LINK on 127.0.0.1:%d (openocd -f f3kit-stlink.cfg "
                   "-f target/stm32f3x.cfg)\n", dbg_servers_stlink_port(s->srv));
    if (s->srv && dbg_servers_gdb_port(s->srv) >= 0)
        fprintf(f, "f3kit board: GDB server on 127.0.0.1:%d (target remote :%d)\n",
                dbg_servers_gdb_port(s->srv), dbg_servers_gdb_port(s->srv));
    fflush(f);
}

/* ---- input ---- */

/* uart "text": the bytes, with the C escapes of --script files, into
 * USART1's RX line (board lock held). */
static void uart_command(struct session *s, const char *arg)
{
    while (*arg == ' ' || *arg == '\t')
        arg++;
    char *bytes = NULL, why[160];
    size_t n = 0;
    if (board_script_string(&arg, &bytes, &n, why, sizeof why) != 0) {
        printf("f3kit board: uart: %s; write e.g. uart \"hello\\r\\n\" (escapes \\n \\r \\t "
               "\\0 \\\\ \\\" \\xNN)\n", why);
        fflush(stdout);
        return;
    }
    while (*arg == ' ' || *arg == '\t')
        arg++;
    if (*arg && *arg != '#') {
        printf("f3kit board: uart: unexpected text after the closing quote: %s\n", arg);
        fflush(stdout);
        free(bytes);
        return;
    }
    /* The receive queue holds what the firmware has not read yet (4 KiB):
     * say what did not fit rather than cut it silently. */
    size_t room = board_uart_rx_room(s->b, 1);
    board_uart_rx(s->b, 1, bytes, n < room ? n : room);
    if (n > room) {
        printf("f3kit board: uart: only %zu of %zu bytes fit USART1's receive queue (the "
               "firmware has not read what is waiting); the last %zu were dropped: send less "
               "at a time\n", room, n, n - room);
        fflush(stdout);
    }
    free(bytes);
}

/* A line command (line mode): press, release, reset, uart "text", quit. */
static void line_command(struct session *s, char *line)
{
    char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = strlen(p);
    while (n && (p[n - 1] == '\n' || p[n - 1] == '\r' || p[n - 1] == ' '))
        p[--n] = '\0';
    if (!*p || *p == '#')
        return;
    board_lock(s->b);
    if (!strcmp(p, "press")) {
        board_button(s->b, true);
    } else if (!strcmp(p, "release")) {
        board_button(s->b, false);
    } else if (!strcmp(p, "reset")) {
        board_reset(s->b, false);
    } else if (!strncmp(p, "uart ", 5) || !strcmp(p, "uart")) {
        uart_command(s, p + 4);
    } else if (!strcmp(p, "quit") || !strcmp(p, "exit")) {
        board_quit = 1;
    } else {
        printf("f3kit board: unknown command '%s' (press, release, reset, uart \"text\", quit)\n",
               p);
        fflush(stdout);
    }
    board_unlock(s->b);
}

/* Longest command line taken; longer ones are refused with a message. */
#define LINE_MAX_BYTES (1u << 20)

static int loop_lines(struct session *s)
{
    size_t cap = 1024, len = 0;
    char *buf = malloc(cap);
    bool eof = false, skipping = false;
    if (!buf) {
        fprintf(stderr, "f3kit board: out of memory\n");
        return 1;
    }
    while (!board_quit) {
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        int r = poll(&pfd, eof ? 0 : 1, 200);
        if (r <= 0 || eof)
            continue;
        if (len == cap - 1 && cap < LINE_MAX_BYTES) {
            char *bigger = realloc(buf, cap * 2);
            if (bigger) {
                buf = bigger;
                cap *= 2;
            }
        }
        if (len == cap - 1) {
            /* Still no newline in LINE_MAX_BYTES: refuse the line, skip to its end. */
            if (!skipping)
                printf("f3kit board: a command line longer than %u bytes was ignored; send "
                       "long text in several uart commands\n", LINE_MAX_BYTES);
            fflush(stdout);
            len = 0;
            skipping = true;
        }
        ssize_t n = read(STDIN_FILENO, buf + len, cap - 1 - len);
        if (n <= 0) {
            eof = true;     /* keep serving: a board in the background has no input */
            continue;
        }
        len += (size_t)n;
        buf[len] = '\0';
        char *start = buf, *nl;
        while ((nl = memchr(start, '\n', len - (size_t)(start - buf)))) {
            *nl = '\0';
            if (!skipping)
                line_command(s, start);
            skipping = false;
            start = nl + 1;
        }
        len -= (size_t)(start - buf);
        memmove(buf, start, len + 1);
    }
    free(buf);
    return 0;
}

/* ---- terminal view ---- */

static const char *led_colour(const struct board_led_info *li)
{
    if (!strcmp(li->colour, "red"))
        return "\033[1;31m";
    if (!strcmp(li->colour, "orange"))
        return "\033[1;33m";
    if (!strcmp(li->colour, "green"))
        return "\033[1;32m";
    return "\033[1;34m";
}

/* One LED cell: coloured dot when on, dim circle when off. */
static void cell(FILE *f, struct session *s, unsigned led)
{
    const struct board_led_info *li = board_led_info(led);
    if (s->led[led])
        fprintf(f, "%s\u25cf\033[0m %-4s", led_colour(li), li->name);
    else
        fprintf(f, "\033[2m\u25cb %-4s\033[0m", li->name);
}

static void draw(struct session *s, bool button, bool halted, double t, bool realtime)
{
    FILE *f = stdout;
    fprintf(f, "\033[H\033[2J");
    fprintf(f, "f3kit board  t=%.3fs  %s%s  B1:%s  %s\r\n\r\n", t, halted ? "HALTED" : "running",
            realtime ? "" : " (fast virtual time)", button ? "pressed" : "up", s->servers);
    /* LD4 NW, LD3 N, LD5 NE / LD6 W, LD7 E / LD8 SW, LD10 S, LD9 SE */
    fprintf(f, "        ");
    cell(f, s, 1);
    fprintf(f, "   ");
    cell(f, s, 0);
    fprintf(f, "   ");
    cell(f, s, 2);
    fprintf(f, "\r\n\r\n   ");
    cell(f, s, 3);
    fprintf(f, "                         ");
    cell(f, s, 4);
    fprintf(f, "\r\n\r\n        ");
    cell(f, s, 5);
    fprintf(f, "   ");
    cell(f, s, 7);
    fprintf(f, "   ");
    cell(f, s, 6);
    fprintf(f, "\r\n\r\n--- console (USART1 / semihosting) ---\r\n");
    for (unsigned i = 1; i <= CONSOLE_LINES; i++)
        fprintf(f, "%s\r\n", s->console[(s->con_head + i) % CONSOLE_LINES]);
    fprintf(f, "---\r\n%s\r\n", s->note);
    fprintf(f, "keys: Ctrl-B press B1 (held 0.2 s)  Ctrl-R reset  Ctrl-C quit  "
               "other keys go to USART1 RX\r\n");
    fflush(f);
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int loop_tty(struct session *s, bool realtime)
{
    struct termios old, raw;
    if (tcgetattr(STDIN_FILENO, &old) != 0)
        return loop_lines(s);
    raw = old;
    cfmakeraw(&raw);
    raw.c_oflag |= OPOST;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    fprintf(stdout, "\033[?25l");
    double release_at = 0;
    while (!board_quit) {
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        if (poll(&pfd, 1, 50) > 0) {
            char c[64];
            ssize_t n = read(STDIN_FILENO, c, sizeof c);
            for (ssize_t i = 0; i < n; i++) {
                board_lock(s->b);
                if (c[i] == 0x03 || c[i] == 0x11) {             /* Ctrl-C, Ctrl-Q */
                    board_quit = 1;
                } else if (c[i] == 0x02) {                      /* Ctrl-B */
                    board_button(s->b, true);
                    release_at = wall() + 0.2;
                } else if (c[i] == 0x12) {                      /* Ctrl-R */
                    board_reset(s->b, false);
                } else {
                    board_uart_rx(s->b, 1, &c[i], 1);
                }
                s->dirty = true;
                board_unlock(s->b);
            }
        }
        board_lock(s->b);
        if (release_at && wall() >= release_at) {
            board_button(s->b, false);
            release_at = 0;
        }
        struct session copy = *s;
        bool halted = board_cpu(s->b)->halted;
        double t = board_time(s->b);
        s->dirty = false;
        board_unlock(s->b);
        draw(&copy, release_at != 0, halted, t, realtime);
    }
    fprintf(stdout, "\033[?25h\r\n");
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f,
            "usage: f3kit board [options]\n"
            "  --flash FILE        flash image (default $XDG_CACHE_HOME/f3kit/flash.bin or\n"
            "                      ~/.cache/f3kit/flash.bin; a new image is erased, all 0xFF);\n"
            "                      one board at a time per image (locked: FILE.lock)\n"
            "  --realtime          pace virtual time to the wall clock\n"
            "  --revision c|e      c = L3GD20/LSM303DLHC (default), e = I3G4250D/LSM303AGR\n"
            "  --stlink-port N     virtual ST-LINK (stlink-server protocol) port, default %d\n"
            "  --no-stlink         no virtual ST-LINK\n"
            "  --gdb PORT          also serve GDB directly on PORT\n"
            "  --lines             print events as lines even on a terminal\n"
            "  --trace             instruction trace on stderr\n"
            "On a terminal: LEDs as a compass, the console, Ctrl-B presses B1, Ctrl-R resets.\n"
            "Otherwise: one line per event; stdin takes press, release, reset, quit and\n"
            "uart \"text\" (escapes as in --script files: \\r \\n \\t \\0 \\\\ \\\" \\xNN).\n",
            DBG_STLINK_DEFAULT_PORT);
}

static bool parse_port(const char *s, int *port)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < 0 || v > 65535)
        return false;
    *port = (int)v;
    return true;
}

int cmd_board(int argc, char **argv)
{
    static const struct option opts[] = {
        {"flash", required_argument, NULL, 'f'},   {"realtime", no_argument, NULL, 'R'},
        {"revision", required_argument, NULL, 'r'}, {"stlink-port", required_argument, NULL, 's'},
        {"no-stlink", no_argument, NULL, 'S'},     {"gdb", required_argument, NULL, 'g'},
        {"lines", no_argument, NULL, 'l'},         {"trace", no_argument, NULL, 'T'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    struct board_opts o = {.rev = BOARD_REV_C, .stlink_port = DBG_STLINK_DEFAULT_PORT,
                           .gdb_port = -1};
    bool lines = false;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': o.flash = optarg; break;
        case 'R': o.realtime = true; break;
        case 'r':
            if (!strcmp(optarg, "c") || !strcmp(optarg, "C") || !strcmp(optarg, "d")) {
                o.rev = BOARD_REV_C;
            } else if (!strcmp(optarg, "e") || !strcmp(optarg, "E")) {
                o.rev = BOARD_REV_E;
            } else {
                fprintf(stderr, "f3kit board: --revision is c or e, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 's':
            if (!parse_port(optarg, &o.stlink_port)) {
                fprintf(stderr, "f3kit board: --stlink-port wants a port number, not '%s'\n",
                        optarg);
                return 2;
            }
            break;
        case 'S': o.stlink_port = -1; break;
        case 'g':
            if (!parse_port(optarg, &o.gdb_port)) {
                fprintf(stderr, "f3kit board: --gdb wants a port number, not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'l': lines = true; break;
        case 'T': o.trace = true; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind != argc) {
        usage(stderr);
        return 2;
    }
    struct session *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "f3kit board: out of memory\n");
        return 2;
    }
    s->tty = !lines && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    board_quit = 0;
    struct sigaction sa = {0}, old_int, old_term, old_hup;
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGHUP, &sa, &old_hup);
    signal(SIGPIPE, SIG_IGN);
    int rc = 1;
    if (session_start(s, &o) == 0) {
        announce(s, s->tty ? stderr : stdout);
        rc = s->tty ? loop_tty(s, o.realtime) : loop_lines(s);
        session_stop(s);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGHUP, &old_hup, NULL);
    free(s);
    return rc;
}
