/* GDB remote protocol command table (gdb-remote.md §3) for one connection. */
#include "debug/gdb/gdb_session.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define BKPT_INSN 0xBE00u

static void lock(struct gdb_session *s)
{
    s->tgt.ops->lock(s->tgt.ctx);
}

static void unlock(struct gdb_session *s)
{
    s->tgt.ops->unlock(s->tgt.ctx);
}

static void send_str(struct gdb_session *s, const char *str)
{
    s->send(s->send_ctx, str, strlen(str));
}

static void sendf(struct gdb_session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->reply, sizeof s->reply, fmt, ap);
    va_end(ap);
    send_str(s, s->reply);
}

/* Console text for the GDB user: an `O` packet (hex-encoded). */
static void console(struct gdb_session *s, const char *text, size_t len)
{
    while (len) {
        size_t n = len > (GDB_PACKET_SIZE - 2) / 2 ? (GDB_PACKET_SIZE - 2) / 2 : len;
        s->reply[0] = 'O';
        gdb_hex_encode(text, n, s->reply + 1);
        send_str(s, s->reply);
        text += n;
        len -= n;
    }
}

static void consolef(struct gdb_session *s, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        console(s, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static unsigned width_for(uint32_t addr, uint32_t len)
{
    if (!((addr | len) & 3))
        return 4;
    if (!((addr | len) & 1))
        return 2;
    return 1;
}

void gdb_session_init(struct gdb_session *s, const struct dbg_target *t, gdb_send_fn send,
                      void *send_ctx)
{
    memset(s, 0, sizeof *s);
    s->tgt = *t;
    s->send = send;
    s->send_ctx = send_ctx;
    s->last_stop = DBG_STOP_REQUEST;
    gdb_build_target_xml(s->target_xml, sizeof s->target_xml);
    gdb_build_memory_map_xml(s->memory_map, sizeof s->memory_map);
}

/* DEMCR.VC_HARDERR (ARMv7-M C1.6.5): a HardFault halts the core at the
 * handler's entry, so GDB shows the fault where it happened (SIGSEGV). */
#define DEMCR_VC_HARDERR (1u << 10)

static bool demcr_update(struct gdb_session *s, uint32_t set, uint32_t clear)
{
    uint8_t b[4];
    if (s->tgt.ops->mem_read(s->tgt.ctx, DBG_DEMCR, b, 4, 4) != 4)
        return false;
    uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
                 (uint32_t)b[3] << 24;
    uint32_t old = v;
    v = (v | set) & ~clear;
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    return s->tgt.ops->mem_write(s->tgt.ctx, DBG_DEMCR, b, 4, 4) == 4 && (old & set) != set;
}

void gdb_session_attach(struct gdb_session *s)
{
    lock(s);
    if (s->tgt.ops->attach)
        s->tgt.ops->attach(s->tgt.ctx);
    s->tgt.ops->halt(s->tgt.ctx);
    s->last_stop = s->tgt.ops->state(s->tgt.ctx);
    s->set_vc_harderr = demcr_update(s, DEMCR_VC_HARDERR, 0);
    /* Console output from before this debugger came is not its business. */
    char junk[256];
    while (s->tgt.ops->console_take && s->tgt.ops->console_take(s->tgt.ctx, junk, sizeof junk))
        ;
    unlock(s);
}

/* Stopped by a vector catch: at a fault handler's entry (IPSR 3..6)
 * rather than at the reset vector? */
static bool in_fault_handler(struct gdb_session *s)
{
    uint32_t xpsr = 0;
    lock(s);
    s->tgt.ops->reg_read(s->tgt.ctx, DBG_REG_XPSR, &xpsr);
    unlock(s);
    unsigned ipsr = xpsr & 0x1FF;
    return ipsr >= 3 && ipsr <= 6;
}

/* ---- run control --------------------------------------------------------- */

/* One instruction, with any breakpoint at PC lifted so it does not
 * re-trigger (gdb-remote.md §8).  Lock held. */
static enum dbg_stop step_over(struct gdb_session *s)
{
    uint32_t pc = 0;
    struct gdb_lifted l;
    s->tgt.ops->reg_read(s->tgt.ctx, DBG_REG_PC, &pc);
    gdb_breaks_lift(&s->breaks, &s->tgt, pc, &l);
    enum dbg_stop st = s->tgt.ops->step(s->tgt.ctx);
    gdb_breaks_restore(&s->breaks, &s->tgt, &l);
    return st;
}

/* A BKPT the firmware itself contains would stop the core again at once:
 * step past it as OpenOCD does. */
static void skip_firmware_bkpt(struct gdb_session *s)
{
    uint32_t pc;
    uint8_t b[2];
    if (s->last_stop != DBG_STOP_BKPT || !s->tgt.ops->reg_read(s->tgt.ctx, DBG_REG_PC, &pc) ||
        gdb_break_sw_at(&s->breaks, pc))
        return;
    if (s->tgt.ops->mem_read(s->tgt.ctx, pc, b, 2, 2) == 2 && b[1] == (BKPT_INSN >> 8))
        s->tgt.ops->reg_write(s->tgt.ctx, DBG_REG_PC, pc + 2);
}

static void stop_reply(struct gdb_session *s, enum dbg_stop why)
{
    s->last_stop = why;
    switch (why) {
    case DBG_STOP_BKPT:
        send_str(s, "T05swbreak:;thread:1;");
        break;
    case DBG_STOP_FPB:
        send_str(s, "T05hwbreak:;thread:1;");
        break;
    case DBG_STOP_WATCH: {
        lock(s);
        int hit = gdb_watch_hit(&s->breaks, &s->tgt);
        unlock(s);
        if (hit < 0) {
            send_str(s, "T05thread:1;");
            break;
        }
        unsigned type = s->breaks.wp[hit].type;
        sendf(s, "T05%s:%08x;thread:1;", type == 2 ? "watch" : type == 3 ? "rwatch" : "awatch",
              (unsigned)s->breaks.wp[hit].addr);
        break;
    }
    case DBG_STOP_REQUEST:
        send_str(s, s->interrupted ? "T02thread:1;" : "T05thread:1;");
        break;
    case DBG_STOP_LOCKUP:
        send_str(s, "T0bthread:1;");   /* SIGSEGV: the core locked up */
        break;
    case DBG_STOP_VCATCH:
        send_str(s, in_fault_handler(s) ? "T0bthread:1;" : "T05thread:1;");
        break;
    case DBG_STOP_UNKNOWN:
        send_str(s, "T04thread:1;");   /* SIGILL: the emulator cannot execute it */
        break;
    case DBG_STOP_EXIT:
        /* Semihosting SYS_EXIT ends the "process": W with its exit code. */
        if (s->tgt.ops->exit_code) {
            lock(s);
            int code = s->tgt.ops->exit_code(s->tgt.ctx);
            unlock(s);
            sendf(s, "W%02x", (unsigned)code & 0xFF);
        } else {
            consolef(s, "f3kit: the firmware exited (semihosting SYS_EXIT)\n");
            send_str(s, "T05thread:1;");
        }
        break;
    default:
        send_str(s, "T05thread:1;");
        break;
    }
    s->interrupted = false;
}

static void flush_console(struct gdb_session *s)
{
    if (!s->tgt.ops->console_take)
        return;
    char buf[1024];
    for (;;) {
        lock(s);
        size_t n = s->tgt.ops->console_take(s->tgt.ctx, buf, sizeof buf);
        unlock(s);
        if (!n)
            break;
        console(s, buf, n);
    }
}

bool gdb_session_poll(struct gdb_session *s)
{
    if (!s->running)
        return true;
    lock(s);
    enum dbg_stop st = s->tgt.ops->state(s->tgt.ctx);
    unlock(s);
    flush_console(s);
    if (st == DBG_RUNNING)
        return false;
    s->running = false;
    stop_reply(s, st);
    return true;
}

void gdb_session_interrupt(struct gdb_session *s)
{
    if (!s->running)
        return;
    s->interrupted = true;
    lock(s);
    s->tgt.ops->halt(s->tgt.ctx);
    unlock(s);
}

/* continue / step: 'c', 's', vCont actions. */
static enum gdb_next run(struct gdb_session *s, bool step)
{
    lock(s);
    if (step) {
        enum dbg_stop st = step_over(s);
        unlock(s);
        stop_reply(s, st == DBG_RUNNING ? DBG_STOP_STEP : st);
        return GDB_NEXT_PACKET;
    }
    skip_firmware_bkpt(s);
    uint32_t pc = 0;
    s->tgt.ops->reg_read(s->tgt.ctx, DBG_REG_PC, &pc);
    bool bp_at_pc = gdb_break_at(&s->breaks, pc);
    if (bp_at_pc) {
        enum dbg_stop st = step_over(s);
        if (st != DBG_STOP_STEP && st != DBG_RUNNING) {
            unlock(s);
            stop_reply(s, st);
            return GDB_NEXT_PACKET;
        }
    }
    s->tgt.ops->resume(s->tgt.ctx);
    unlock(s);
    s->running = true;
    s->interrupted = false;
    return GDB_NEXT_RUNNING;
}

void gdb_session_end(struct gdb_session *s)
{
    lock(s);
    gdb_breaks_clear(&s->breaks, &s->tgt);
    if (s->set_vc_harderr)
        demcr_update(s, 0, DEMCR_VC_HARDERR);
    s->set_vc_harderr = false;
    s->tgt.ops->resume(s->tgt.ctx);
    unlock(s);
    s->running = false;
}

/* ---- packets ------------------------------------------------------------- */

static void reply_regs(struct gdb_session *s)
{
    uint8_t b[8];
    size_t o = 0;
    lock(s);
    for (unsigned n = 0; n < GDB_NUM_REGS; n++) {
        unsigned sz = gdb_reg_size(n);
        if (!gdb_reg_read(&s->tgt, n, b))
            memset(b, 0, sizeof b);
        o += gdb_hex_encode(b, sz, s->reply + o);
    }
    unlock(s);
    send_str(s, s->reply);
}

static void write_regs(struct gdb_session *s, const char *hex, size_t len)
{
    uint8_t b[GDB_REGS_BYTES];
    if (gdb_hex_decode(hex, len, b, sizeof b) != GDB_REGS_BYTES) {
        send_str(s, "E01");
        return;
    }
    bool ok = true;
    size_t o = 0;
    lock(s);
    for (unsigned n = 0; n < GDB_NUM_REGS; n++) {
        ok &= gdb_reg_write(&s->tgt, n, b + o);
        o += gdb_reg_size(n);
    }
    unlock(s);
    send_str(s, ok ? "OK" : "E01");
}

static void read_reg(struct gdb_session *s, const char *arg)
{
    uint32_t n;
    const char *e;
    uint8_t b[8];
    if (!gdb_parse_hex32(arg, &e, &n) || *e || !gdb_reg_size(n)) {
        send_str(s, "E01");
        return;
    }
    lock(s);
    bool ok = gdb_reg_read(&s->tgt, n, b);
    unlock(s);
    if (!ok) {
        send_str(s, "E01");
        return;
    }
    gdb_hex_encode(b, gdb_reg_size(n), s->reply);
    send_str(s, s->reply);
}

static void write_reg(struct gdb_session *s, const char *arg)
{
    uint32_t n;
    const char *e;
    uint8_t b[8];
    if (!gdb_parse_hex32(arg, &e, &n) || *e != '=' || !gdb_reg_size(n) ||
        gdb_hex_decode(e + 1, strlen(e + 1), b, sizeof b) != (long)gdb_reg_size(n)) {
        send_str(s, "E01");
        return;
    }
    lock(s);
    bool ok = gdb_reg_write(&s->tgt, n, b);
    unlock(s);
    send_str(s, ok ? "OK" : "E01");
}

/* "addr,len" followed by `term` (or end of string when term is 0). */
static bool addr_len(const char *p, char term, uint32_t *addr, uint32_t *len, const char **rest)
{
    const char *e;
    if (!gdb_parse_hex32(p, &e, addr) || *e != ',' || !gdb_parse_hex32(e + 1, &e, len) ||
        *e != term)
        return false;
    *rest = term ? e + 1 : e;
    return true;
}

static void read_mem(struct gdb_session *s, const char *arg)
{
    uint32_t addr, len;
    const char *rest;
    if (!addr_len(arg, 0, &addr, &len, &rest)) {
        send_str(s, "E01");
        return;
    }
    if (len > (GDB_PACKET_SIZE - 4) / 2)
        len = (GDB_PACKET_SIZE - 4) / 2;
    if ((uint64_t)addr + len > 0x100000000ull)
        len = (uint32_t)(0x100000000ull - addr);
    lock(s);
    uint32_t done = s->tgt.ops->mem_read(s->tgt.ctx, addr, s->mem, len, width_for(addr, len));
    if (done < len && width_for(addr, len) != 1) {
        /* Retry the tail byte-wise: a partial answer is still useful. */
        done += s->tgt.ops->mem_read(s->tgt.ctx, addr + done, s->mem + done, len - done, 1);
    }
    unlock(s);
    if (done == 0 && len > 0) {
        send_str(s, "E01");
        return;
    }
    gdb_hex_encode(s->mem, done, s->reply);
    send_str(s, s->reply);
}

static void write_mem(struct gdb_session *s, const char *arg, size_t arglen, bool binary)
{
    uint32_t addr, len;
    const char *data;
    if (!addr_len(arg, ':', &addr, &len, &data) || len > sizeof s->mem) {
        send_str(s, "E01");
        return;
    }
    size_t have = arglen - (size_t)(data - arg);
    if (binary) {
        if (have != len) {
            send_str(s, "E01");
            return;
        }
        memcpy(s->mem, data, len);
    } else if (gdb_hex_decode(data, have, s->mem, sizeof s->mem) != (long)len) {
        send_str(s, "E01");
        return;
    }
    if ((uint64_t)addr + len > 0x100000000ull) {
        send_str(s, "E01");
        return;
    }
    lock(s);
    uint32_t done = len ? s->tgt.ops->mem_write(s->tgt.ctx, addr, s->mem, len,
                                                width_for(addr, len))
                        : 0;
    unlock(s);
    send_str(s, done == len ? "OK" : "E01");
}

static void xfer(struct gdb_session *s, const char *doc, const char *args)
{
    uint32_t off, len;
    const char *rest;
    if (!addr_len(args, 0, &off, &len, &rest)) {
        send_str(s, "E01");
        return;
    }
    size_t total = strlen(doc);
    if (len > GDB_PACKET_SIZE - 8)
        len = GDB_PACKET_SIZE - 8;
    if (off >= total) {
        send_str(s, "l");
        return;
    }
    size_t n = total - off < len ? total - off : len;
    s->reply[0] = off + n < total ? 'm' : 'l';
    memcpy(s->reply + 1, doc + off, n);
    s->send(s->send_ctx, s->reply, n + 1);
}

static void crc(struct gdb_session *s, const char *arg)
{
    uint32_t addr, len;
    const char *rest;
    if (!addr_len(arg, 0, &addr, &len, &rest) || (uint64_t)addr + len > 0x100000000ull) {
        send_str(s, "E01");
        return;
    }
    uint32_t c = 0xFFFFFFFFu;
    lock(s);
    while (len) {
        uint32_t n = len > sizeof s->mem ? sizeof s->mem : len;
        if (s->tgt.ops->mem_read(s->tgt.ctx, addr, s->mem, n, 1) != n) {
            unlock(s);
            send_str(s, "E01");
            return;
        }
        c = gdb_crc32(c, s->mem, n);
        addr += n;
        len -= n;
    }
    unlock(s);
    sendf(s, "C%08x", (unsigned)c);
}

static void monitor(struct gdb_session *s, const char *hex)
{
    char cmd[256];
    long n = gdb_hex_decode(hex, strlen(hex), cmd, sizeof cmd - 1);
    if (n < 0) {
        send_str(s, "E01");
        return;
    }
    cmd[n] = 0;
    const struct dbg_target_ops *o = s->tgt.ops;
    if (!strcmp(cmd, "reset halt") || !strcmp(cmd, "reset init")) {
        lock(s);
        o->reset(s->tgt.ctx, DBG_RESET_HALT);
        unlock(s);
        consolef(s, "target halted at the reset vector\n");
    } else if (!strcmp(cmd, "reset") || !strcmp(cmd, "reset run")) {
        lock(s);
        o->reset(s->tgt.ctx, DBG_RESET_RUN);
        unlock(s);
        consolef(s, "target reset and running ('continue' or Ctrl-C to take it back)\n");
    } else if (!strcmp(cmd, "halt")) {
        lock(s);
        o->halt(s->tgt.ctx);
        unlock(s);
        consolef(s, "target halted\n");
    } else if (!strncmp(cmd, "semihosting", 11)) {
        const char *arg = cmd + 11;
        while (*arg == ' ')
            arg++;
        int want = !strcmp(arg, "enable") ? 1 : !strcmp(arg, "disable") ? 0 : -1;
        if (!o->semihosting) {
            consolef(s, "semihosting cannot be switched on this target\n");
        } else if (want < 0 && *arg) {
            consolef(s, "usage: monitor semihosting [enable|disable]\n");
        } else {
            lock(s);
            bool on = o->semihosting(s->tgt.ctx, want);
            unlock(s);
            consolef(s, "semihosting is %s\n", on ? "enabled" : "disabled");
        }
    } else if (!strcmp(cmd, "help")) {
        consolef(s, "f3kit monitor commands:\n"
                    "  reset [halt|init|run]   system reset (reset = reset run)\n"
                    "  halt                    stop the core\n"
                    "  semihosting [enable|disable]\n");
    } else {
        send_str(s, "");   /* GDB: "Target does not support this command." */
        return;
    }
    send_str(s, "OK");
}

static void breakpoint(struct gdb_session *s, const char *pkt)
{
    bool insert = pkt[0] == 'Z';
    unsigned type = (unsigned)(pkt[1] - '0');
    uint32_t addr, kind;
    const char *rest;
    if (pkt[1] < '0' || pkt[1] > '4' || pkt[2] != ',' ||
        !gdb_parse_hex32(pkt + 3, &rest, &addr) || *rest != ',' ||
        !gdb_parse_hex32(rest + 1, &rest, &kind) || (*rest && *rest != ';')) {
        send_str(s, "E01");
        return;
    }
    lock(s);
    int r = insert ? gdb_break_insert(&s->breaks, &s->tgt, type, addr, kind)
                   : gdb_break_remove(&s->breaks, &s->tgt, type, addr, kind);
    unlock(s);
    send_str(s, r ? "E01" : "OK");
}

static enum gdb_next vcont(struct gdb_session *s, const char *a)
{
    /* One thread: the first action decides.  ";s:1;c" steps thread 1. */
    if (a[0] != ';') {
        send_str(s, "E01");
        return GDB_NEXT_PACKET;
    }
    char act = a[1];
    if (act == 's' || act == 'S')
        return run(s, true);
    if (act == 'c' || act == 'C')
        return run(s, false);
    if (act == 't') {
        lock(s);
        s->tgt.ops->halt(s->tgt.ctx);
        unlock(s);
        stop_reply(s, DBG_STOP_REQUEST);
        return GDB_NEXT_PACKET;
    }
    send_str(s, "E01");
    return GDB_NEXT_PACKET;
}

static void flash_op(struct gdb_session *s, const char *pkt, size_t len)
{
    const struct dbg_target_ops *o = s->tgt.ops;
    int r = -1;
    if (!strncmp(pkt, "vFlashErase:", 12)) {
        uint32_t addr, n;
        const char *rest;
        if (addr_len(pkt + 12, 0, &addr, &n, &rest)) {
            lock(s);
            r = o->flash_erase(s->tgt.ctx, addr, n);
            unlock(s);
        }
    } else if (!strncmp(pkt, "vFlashWrite:", 12)) {
        uint32_t addr;
        const char *rest;
        if (gdb_parse_hex32(pkt + 12, &rest, &addr) && *rest == ':') {
            size_t n = len - (size_t)(rest + 1 - pkt);
            lock(s);
            r = o->flash_write(s->tgt.ctx, addr, rest + 1, (uint32_t)n);
            unlock(s);
            if (r) {
                send_str(s, "E.memtype");
                return;
            }
        }
    } else {
        /* Like OpenOCD's gdb-flash-write-end event: reset halt, so SP and
         * PC come from the new vector table (GDB then sets PC to the entry). */
        lock(s);
        r = o->flash_done(s->tgt.ctx);
        if (!r)
            o->reset(s->tgt.ctx, DBG_RESET_HALT);
        unlock(s);
    }
    send_str(s, r ? "E01" : "OK");
}

/* The rest of pkt after `prefix`, or NULL if pkt does not start with it. */
static const char *after(const char *pkt, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(pkt, prefix, n) ? NULL : pkt + n;
}

enum gdb_next gdb_session_packet(struct gdb_session *s, const char *pkt, size_t len)
{
    const char *arg;
    if (s->running) {
        /* All-stop mode: GDB sends nothing but Ctrl-C while the target runs. */
        return GDB_NEXT_RUNNING;
    }
    switch (pkt[0]) {
    case '?':
        send_str(s, "T05thread:1;");
        return GDB_NEXT_PACKET;
    case 'g':
        reply_regs(s);
        return GDB_NEXT_PACKET;
    case 'G':
        write_regs(s, pkt + 1, len - 1);
        return GDB_NEXT_PACKET;
    case 'p':
        read_reg(s, pkt + 1);
        return GDB_NEXT_PACKET;
    case 'P':
        write_reg(s, pkt + 1);
        return GDB_NEXT_PACKET;
    case 'm':
        read_mem(s, pkt + 1);
        return GDB_NEXT_PACKET;
    case 'M':
        write_mem(s, pkt + 1, len - 1, false);
        return GDB_NEXT_PACKET;
    case 'X':
        write_mem(s, pkt + 1, len - 1, true);
        return GDB_NEXT_PACKET;
    case 'c':
    case 'C':
        return run(s, false);
    case 's':
    case 'S':
        return run(s, true);
    case 'Z':
    case 'z':
        breakpoint(s, pkt);
        return GDB_NEXT_PACKET;
    case 'H':
    case 'T':
        send_str(s, "OK");
        return GDB_NEXT_PACKET;
    case 'D':
        gdb_session_end(s);
        send_str(s, "OK");
        return GDB_NEXT_CLOSE;
    case 'k':
        gdb_session_end(s);
        return GDB_NEXT_CLOSE;
    case 'q':
        if (!strncmp(pkt, "qSupported", 10))
            sendf(s, "PacketSize=%x;qXfer:features:read+;qXfer:memory-map:read+;"
                     "QStartNoAckMode+;vContSupported+;swbreak+;hwbreak+",
                  GDB_PACKET_SIZE);
        else if (!strcmp(pkt, "qAttached"))
            send_str(s, "1");
        else if (!strcmp(pkt, "qC"))
            send_str(s, "QC1");
        else if (!strcmp(pkt, "qfThreadInfo"))
            send_str(s, "m1");
        else if (!strcmp(pkt, "qsThreadInfo"))
            send_str(s, "l");
        else if ((arg = after(pkt, "qXfer:features:read:target.xml:")))
            xfer(s, s->target_xml, arg);
        else if ((arg = after(pkt, "qXfer:memory-map:read::")))
            xfer(s, s->memory_map, arg);
        else if (!strncmp(pkt, "qXfer:", 6))
            send_str(s, "E00");
        else if (!strncmp(pkt, "qCRC:", 5))
            crc(s, pkt + 5);
        else if (!strncmp(pkt, "qRcmd,", 6))
            monitor(s, pkt + 6);
        else
            send_str(s, "");
        return GDB_NEXT_PACKET;
    case 'Q':
        if (!strcmp(pkt, "QStartNoAckMode")) {
            send_str(s, "OK");
            s->noack = true;
        } else {
            send_str(s, "");
        }
        return GDB_NEXT_PACKET;
    case 'v':
        if (!strcmp(pkt, "vCont?")) {
            send_str(s, "vCont;c;C;s;S;t");
        } else if (!strncmp(pkt, "vCont", 5)) {
            return vcont(s, pkt + 5);
        } else if (!strncmp(pkt, "vFlash", 6) &&
                   (!strncmp(pkt, "vFlashErase:", 12) || !strncmp(pkt, "vFlashWrite:", 12) ||
                    !strcmp(pkt, "vFlashDone"))) {
            flash_op(s, pkt, len);
        } else if (!strncmp(pkt, "vKill", 5)) {
            gdb_session_end(s);
            send_str(s, "OK");
            return GDB_NEXT_CLOSE;
        } else {
            send_str(s, "");
        }
        return GDB_NEXT_PACKET;
    default:
        send_str(s, "");
        return GDB_NEXT_PACKET;
    }
}
