/* Semihosting (ARM "Semihosting for AArch32 and AArch64", version 2):
 * operation in r0, parameter (usually a block address) in r1, result in r0.
 * Guest memory is read and written through the bus; a bad pointer gives the
 * guest an error (and SYS_ERRNO = EFAULT), never a host failure.
 *
 * Files: ":tt" (console; mode r = stdin, w = stdout, a = stderr) and
 * ":semihosting-features" (the feature bits: EXIT_EXTENDED, STDOUT_STDERR).
 * Host files are not offered: other names fail with ENOENT, so firmware
 * cannot touch the host's file system. */
#include "armv7m/armv7m_internal.h"

#include <string.h>
#include <time.h>

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09, SYS_SEEK = 0x0a, SYS_FLEN = 0x0c, SYS_TMPNAM = 0x0d,
    SYS_REMOVE = 0x0e, SYS_RENAME = 0x0f, SYS_CLOCK = 0x10, SYS_TIME = 0x11,
    SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15, SYS_HEAPINFO = 0x16,
    SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};

#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* errno values as the guest's C library (newlib / picolibc) numbers them. */
enum { SH_ENOENT = 2, SH_EBADF = 9, SH_EFAULT = 14, SH_EINVAL = 22, SH_ESPIPE = 29,
       SH_ENOSYS = 88 };

enum handle_kind { H_FREE, H_STDIN, H_STDOUT, H_STDERR, H_FEATURES };

#define CONSOLE_HANDLES 3u /* slots 0..2: stdin, stdout, stderr */
#define NHANDLES (sizeof ((struct armv7m *)0)->sh_handle / sizeof ((struct armv7m *)0)->sh_handle[0])

/* "SHFB" magic + feature byte 0: EXIT_EXTENDED (bit 0), STDOUT_STDERR (bit 1). */
static const uint8_t features_file[] = {'S', 'H', 'F', 'B', 0x03};

#define SH_FAIL 0xffffffffu

void armv7m_semihost_reset(struct cpu *cpu, bool power_on)
{
    struct armv7m *s = &cpu->sys;
    if (!power_on)
        return;
    memset(s->sh_handle, 0, sizeof s->sh_handle);
    s->sh_errno = 0;
    if (!s->sh_heapinfo[2]) {
        /* Heap base 0: the C library keeps its own (the linker's `end`);
         * the stack at the top of the 40 KiB SRAM, 8 KiB reserved. */
        s->sh_heapinfo[0] = 0;
        s->sh_heapinfo[1] = 0x20008000u;
        s->sh_heapinfo[2] = 0x2000a000u;
        s->sh_heapinfo[3] = 0x20008000u;
    }
}

static bool rd32(struct cpu *cpu, uint32_t addr, uint32_t *v)
{
    return bus_read(cpu->bus, addr, 4, v);
}

static bool wr32(struct cpu *cpu, uint32_t addr, uint32_t v)
{
    return bus_write(cpu->bus, addr, 4, v);
}

/* Read parameter block words; false (and EFAULT) if unreadable. */
static bool args(struct cpu *cpu, uint32_t *a, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (!rd32(cpu, cpu->r[1] + 4 * i, &a[i])) {
            cpu->sys.sh_errno = SH_EFAULT;
            return false;
        }
    }
    return true;
}

static void out(struct cpu *cpu, const void *buf, size_t len)
{
    if (len && cpu->host.console_write)
        cpu->host.console_write(cpu->host.ctx, buf, len);
}

static int handle_slot(struct cpu *cpu, uint32_t h)
{
    if (h == 0 || h > NHANDLES || cpu->sys.sh_handle[h - 1].kind == H_FREE) {
        cpu->sys.sh_errno = SH_EBADF;
        return -1;
    }
    return (int)h - 1;
}

static uint32_t sys_open(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    uint32_t a[3];
    if (!args(cpu, a, 3))
        return SH_FAIL;
    char name[32];
    if (a[2] >= sizeof name) {
        s->sh_errno = SH_ENOENT;
        return SH_FAIL;
    }
    if (bus_read_block(cpu->bus, a[0], name, a[2]) != a[2]) {
        s->sh_errno = SH_EFAULT;
        return SH_FAIL;
    }
    name[a[2]] = 0;
    uint8_t kind;
    if (!strcmp(name, ":tt"))
        kind = a[1] < 4 ? H_STDIN : a[1] < 8 ? H_STDOUT : H_STDERR;
    else if (!strcmp(name, ":semihosting-features") && a[1] < 4)
        kind = H_FEATURES;
    else {
        s->sh_errno = SH_ENOENT;
        return SH_FAIL;
    }
    /* The console has no position: every ":tt" open in one mode shares the
     * handle reserved for it (1 stdin, 2 stdout, 3 stderr; SYS_CLOSE closes
     * it for all), so a C library that opens it at each boot and never
     * closes it (newlib's rdimon does) cannot exhaust the table across
     * resets of a live board. */
    if (kind != H_FEATURES) {
        s->sh_handle[kind - H_STDIN].kind = kind;
        return kind - H_STDIN + 1;
    }
    for (unsigned i = CONSOLE_HANDLES; i < NHANDLES; i++) {
        if (s->sh_handle[i].kind == H_FREE) {
            s->sh_handle[i].kind = kind;
            s->sh_handle[i].pos = 0;
            return i + 1;
        }
    }
    s->sh_errno = SH_EINVAL; /* out of handles */
    return SH_FAIL;
}

/* Copy guest memory to the console in chunks; returns bytes not written. */
static uint32_t write_guest(struct cpu *cpu, uint32_t addr, uint32_t len)
{
    uint8_t buf[256];
    uint32_t done = 0;
    while (done < len) {
        uint32_t n = len - done < sizeof buf ? len - done : (uint32_t)sizeof buf;
        uint32_t got = bus_read_block(cpu->bus, addr + done, buf, n);
        out(cpu, buf, got);
        done += got;
        if (got < n) {
            cpu->sys.sh_errno = SH_EFAULT;
            break;
        }
    }
    return len - done;
}

static uint32_t sys_write(struct cpu *cpu)
{
    uint32_t a[3];
    if (!args(cpu, a, 3))
        return SH_FAIL;
    int h = handle_slot(cpu, a[0]);
    if (h < 0)
        return a[2];
    uint8_t kind = cpu->sys.sh_handle[h].kind;
    if (kind != H_STDOUT && kind != H_STDERR) {
        cpu->sys.sh_errno = SH_EBADF;
        return a[2];
    }
    return write_guest(cpu, a[1], a[2]);
}

static uint32_t sys_read(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    uint32_t a[3];
    if (!args(cpu, a, 3))
        return SH_FAIL;
    int h = handle_slot(cpu, a[0]);
    if (h < 0)
        return a[2];
    uint32_t want = a[2], got = 0;
    uint8_t buf[256];
    if (s->sh_handle[h].kind == H_FEATURES) {
        uint32_t pos = s->sh_handle[h].pos;
        uint32_t avail = pos < sizeof features_file ? (uint32_t)sizeof features_file - pos : 0;
        got = want < avail ? want : avail;
        if (bus_write_block(cpu->bus, a[1], features_file + pos, got) != got) {
            s->sh_errno = SH_EFAULT;
            return want;
        }
        s->sh_handle[h].pos += got;
        return want - got;
    }
    if (s->sh_handle[h].kind != H_STDIN) {
        s->sh_errno = SH_EBADF;
        return want;
    }
    if (!cpu->host.console_read)
        return want; /* end of input */
    /* One host read (console input is line-buffered on the host side). */
    size_t n = cpu->host.console_read(cpu->host.ctx, buf,
                                      want < sizeof buf ? want : sizeof buf);
    if (n > want)
        n = want;
    if (bus_write_block(cpu->bus, a[1], buf, (uint32_t)n) != n) {
        s->sh_errno = SH_EFAULT;
        return want;
    }
    got = (uint32_t)n;
    return want - got;
}

static uint32_t sys_readc(struct cpu *cpu)
{
    uint8_t c;
    if (!cpu->host.console_read || cpu->host.console_read(cpu->host.ctx, &c, 1) != 1)
        return SH_FAIL;
    return c;
}

static uint32_t sys_write0(struct cpu *cpu)
{
    uint8_t buf[256];
    uint32_t addr = cpu->r[1];
    /* Bounded so that a missing terminator in a huge RAM cannot stall. */
    for (uint32_t total = 0; total < (1u << 20);) {
        size_t n = 0;
        uint32_t v;
        bool end = false;
        while (n < sizeof buf) {
            if (!bus_read(cpu->bus, addr, 1, &v)) {
                cpu->sys.sh_errno = SH_EFAULT;
                end = true;
                break;
            }
            if (v == 0) {
                end = true;
                break;
            }
            buf[n++] = (uint8_t)v;
            addr++;
        }
        out(cpu, buf, n);
        total += (uint32_t)n;
        if (end)
            break;
    }
    return cpu->r[0];
}

static uint32_t sys_clock(struct cpu *cpu)
{
    if (cpu->host.clock_cs)
        return cpu->host.clock_cs(cpu->host.ctx);
    uint64_t hz = cpu->cfg.clock_hz ? cpu->cfg.clock_hz : 8000000u;
    return (uint32_t)(cpu->cycles / (hz / 100));
}

static uint32_t sys_cmdline(struct cpu *cpu)
{
    uint32_t a[2];
    if (!args(cpu, a, 2))
        return SH_FAIL;
    const char *cmd = cpu->sys.sh_cmdline ? cpu->sys.sh_cmdline : "";
    uint32_t len = (uint32_t)strlen(cmd);
    if (len + 1 > a[1]) {
        cpu->sys.sh_errno = SH_EINVAL;
        return SH_FAIL;
    }
    if (bus_write_block(cpu->bus, a[0], cmd, len + 1) != len + 1 ||
        !wr32(cpu, cpu->r[1] + 4, len)) {
        cpu->sys.sh_errno = SH_EFAULT;
        return SH_FAIL;
    }
    return 0;
}

static uint32_t sys_heapinfo(struct cpu *cpu)
{
    uint32_t p;
    if (!args(cpu, &p, 1))
        return SH_FAIL;
    for (unsigned i = 0; i < 4; i++) {
        if (!wr32(cpu, p + 4 * i, cpu->sys.sh_heapinfo[i])) {
            cpu->sys.sh_errno = SH_EFAULT;
            return SH_FAIL;
        }
    }
    return 0;
}

static int exit_code_of(uint32_t reason, uint32_t subcode)
{
    if (reason == ADP_STOPPED_APPLICATION_EXIT)
        return (int)subcode;
    return subcode ? (int)subcode : 1;
}

static bool is_adp_reason(uint32_t v)
{
    return v >= 0x20000u && v <= 0x20036u;
}

/* Returns false: the program ended; cpu->exit_code holds its code. */
static bool sys_exit(struct cpu *cpu, bool extended)
{
    uint32_t a[2];
    uint32_t r1 = cpu->r[1];
    if (!extended && is_adp_reason(r1)) {
        /* AArch32 SYS_EXIT: r1 is the reason itself and carries no code. */
        cpu->exit_code = r1 == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1;
    } else if (args(cpu, a, 2)) {
        /* SYS_EXIT_EXTENDED, or SYS_EXIT with the AArch64-style block. */
        cpu->exit_code = exit_code_of(a[0], a[1]);
        if (a[0] != ADP_STOPPED_APPLICATION_EXIT && cpu->exit_code == 0)
            cpu->exit_code = 1;
    } else {
        cpu->exit_code = 1;
    }
    cpu->sys.exit_requested = true;
    cpu->attention = 1;
    return false;
}

bool armv7m_semihost(struct cpu *cpu)
{
    struct armv7m *s = &cpu->sys;
    uint32_t op = cpu->r[0], r = SH_FAIL, a[2];
    int h;
    switch (op) {
    case SYS_OPEN: r = sys_open(cpu); break;
    case SYS_CLOSE:
        if (args(cpu, a, 1) && (h = handle_slot(cpu, a[0])) >= 0) {
            s->sh_handle[h].kind = H_FREE;
            r = 0;
        }
        break;
    case SYS_WRITEC: {
        uint32_t c;
        if (bus_read(cpu->bus, cpu->r[1], 1, &c)) {
            uint8_t b = (uint8_t)c;
            out(cpu, &b, 1);
        } else {
            s->sh_errno = SH_EFAULT;
        }
        r = cpu->r[0];
        break;
    }
    case SYS_WRITE0: r = sys_write0(cpu); break;
    case SYS_WRITE: r = sys_write(cpu); break;
    case SYS_READ: r = sys_read(cpu); break;
    case SYS_READC: r = sys_readc(cpu); break;
    case SYS_ISERROR:
        if (args(cpu, a, 1))
            r = (int32_t)a[0] < 0 ? 1 : 0;
        break;
    case SYS_ISTTY:
        if (args(cpu, a, 1) && (h = handle_slot(cpu, a[0])) >= 0)
            r = s->sh_handle[h].kind == H_FEATURES ? 0 : 1;
        break;
    case SYS_SEEK:
        if (args(cpu, a, 2) && (h = handle_slot(cpu, a[0])) >= 0) {
            if (s->sh_handle[h].kind == H_FEATURES && a[1] <= sizeof features_file) {
                s->sh_handle[h].pos = a[1];
                r = 0;
            } else {
                s->sh_errno = s->sh_handle[h].kind == H_FEATURES ? SH_EINVAL : SH_ESPIPE;
            }
        }
        break;
    case SYS_FLEN:
        if (args(cpu, a, 1) && (h = handle_slot(cpu, a[0])) >= 0)
            r = s->sh_handle[h].kind == H_FEATURES ? (uint32_t)sizeof features_file : 0;
        break;
    case SYS_CLOCK: r = sys_clock(cpu); break;
    case SYS_TIME: r = (uint32_t)time(NULL); break;
    case SYS_ERRNO: r = (uint32_t)s->sh_errno; break;
    case SYS_GET_CMDLINE: r = sys_cmdline(cpu); break;
    case SYS_HEAPINFO: r = sys_heapinfo(cpu); break;
    case SYS_ELAPSED:
        if (wr32(cpu, cpu->r[1], (uint32_t)cpu->cycles) &&
            wr32(cpu, cpu->r[1] + 4, (uint32_t)(cpu->cycles >> 32)))
            r = 0;
        else
            s->sh_errno = SH_EFAULT;
        break;
    case SYS_TICKFREQ: r = cpu->cfg.clock_hz ? cpu->cfg.clock_hz : 8000000u; break;
    case SYS_EXIT: return sys_exit(cpu, false);
    case SYS_EXIT_EXTENDED: return sys_exit(cpu, true);
    case SYS_TMPNAM: case SYS_REMOVE: case SYS_RENAME: case SYS_SYSTEM:
        s->sh_errno = SH_ENOSYS; /* no host file system access */
        break;
    default:
        s->sh_errno = SH_ENOSYS;
        break;
    }
    cpu->r[0] = r;
    return true;
}
