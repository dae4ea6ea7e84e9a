/* ST-LINK/V2-1 command set over a dbg_target (stlink-server.md §2).
 * Byte layouts of every block and reply are in the tables of that section;
 * the comments below name the command, not the layout again. */
#include "debug/stlink/stl_probe.h"

#include <string.h>
#include <time.h>

#include "debug/stlink/stl_frame.h"

/* Command classes (byte 0) and DEBUG sub-commands (byte 1). */
enum {
    CMD_GET_VERSION = 0xF1,
    CMD_DEBUG = 0xF2,
    CMD_DFU = 0xF3,
    CMD_GET_CURRENT_MODE = 0xF5,
    CMD_GET_TARGET_VOLTAGE = 0xF7,

    DFU_EXIT = 0x07,

    DBG_GETSTATUS = 0x01,
    DBG_FORCEDEBUG = 0x02,
    DBG_READMEM_32 = 0x07,
    DBG_WRITEMEM_32 = 0x08,
    DBG_RUNCORE = 0x09,
    DBG_STEPCORE = 0x0A,
    DBG_READMEM_8 = 0x0C,
    DBG_WRITEMEM_8 = 0x0D,
    DBG_EXIT = 0x21,
    DBG_ENTER = 0x30,
    DBG_READ_IDCODES = 0x31,
    DBG_RESETSYS = 0x32,
    DBG_READREG = 0x33,
    DBG_WRITEREG = 0x34,
    DBG_WRITEDEBUGREG = 0x35,
    DBG_READDEBUGREG = 0x36,
    DBG_READALLREGS = 0x3A,
    DBG_GETLASTRWSTATUS = 0x3B,
    DBG_DRIVE_NRST = 0x3C,
    DBG_GETLASTRWSTATUS2 = 0x3E,
    DBG_START_TRACE_RX = 0x40,
    DBG_STOP_TRACE_RX = 0x41,
    DBG_GET_TRACE_NB = 0x42,
    DBG_SWD_SET_FREQ = 0x43,
    DBG_JTAG_SET_FREQ = 0x44,
    DBG_READ_DAP_REG = 0x45,
    DBG_WRITE_DAP_REG = 0x46,
    DBG_READMEM_16 = 0x47,
    DBG_WRITEMEM_16 = 0x48,
    DBG_INIT_AP = 0x4B,
    DBG_CLOSE_AP_DBG = 0x4C,
    DBG_WRITEMEM_32_NOINC = 0x50,
    DBG_READMEM_32_NOINC = 0x54,
};

/* V2J40M27: big-endian version word (V << 12 | J << 6 | M), VID, PID (§2.2). */
#define VERSION_WORD ((2u << 12) | (40u << 6) | 27u)

#define DP_PORT 0xFFFFu
#define CSW_SIZE_MASK 0x7u
#define CSW_ADDRINC_SHIFT 4

void stl_probe_init(struct stl_probe *p, const struct dbg_target *tgt)
{
    memset(p, 0, sizeof *p);
    p->tgt = *tgt;
    p->mode = STL_MODE_MASS;
    p->rw_status = STL_OK;
    /* AHB-AP CSW at reset: DeviceEn, single address increment, word size. */
    p->ap_csw = 0x23000052u;
}

static void lock(struct stl_probe *p)
{
    p->tgt.ops->lock(p->tgt.ctx);
}

static void unlock(struct stl_probe *p)
{
    p->tgt.ops->unlock(p->tgt.ctx);
}

static void reply_status(uint8_t *in, uint32_t inlen, uint8_t status)
{
    if (inlen >= 1)
        in[0] = status;
}

static void reply_value(uint8_t *in, uint32_t inlen, uint8_t status, uint32_t value)
{
    uint8_t r[8] = {status, 0, 0, 0};
    stl_put32(r + 4, value);
    memcpy(in, r, inlen < 8 ? inlen : 8);
}

/* Memory commands: the block carries address, byte length, AP number
 * (HLA: 0) and CSW bits (§2.5).  The data phase carries no status; the
 * result is fetched with GETLASTRWSTATUS2. */
static void mem_result(struct stl_probe *p, uint32_t addr, uint32_t done, uint32_t len)
{
    if (done >= len) {
        p->rw_status = STL_OK;
    } else {
        p->rw_status = STL_SWD_AP_FAULT;
        p->rw_fault_addr = addr + done;
    }
}

static bool mem_args_ok(struct stl_probe *p, uint32_t addr, uint32_t len, unsigned width,
                        uint8_t ap)
{
    if (ap != 0) {
        p->rw_status = STL_BAD_AP;
        p->rw_fault_addr = addr;
        return false;
    }
    if ((addr | len) & (width - 1)) {
        /* The ST-LINK refuses unaligned 16/32-bit transfers; OpenOCD never
         * sends them (it splits heads into byte accesses). */
        p->rw_status = STL_FAULT;
        p->rw_fault_addr = addr;
        return false;
    }
    return true;
}

/* A debugger waiting for a halt polls DHCSR as fast as the link allows; each
 * poll briefly stops the emulated core (it takes the board lock).  A real
 * ST-LINK needs about a millisecond per USB transaction, so answering a poll
 * of a running core after a short pause is faithful, and it leaves the core
 * the CPU to reach its halt (OpenOCD's algorithms wait for exactly that). */
#define POLL_PACE_NS 300000L

static void pace_poll(uint32_t addr, uint32_t len, const uint8_t *data)
{
    if (addr != DBG_DHCSR || len < 4 || (stl_get32(data) & DBG_DHCSR_S_HALT))
        return;
    struct timespec ts = {0, POLL_PACE_NS};
    nanosleep(&ts, NULL);
}

static void mem_read(struct stl_probe *p, const uint8_t *cmd, unsigned width, uint8_t *in,
                     uint32_t inlen)
{
    uint32_t addr = stl_get32(cmd + 2);
    uint32_t len = stl_get16(cmd + 6);
    if (!mem_args_ok(p, addr, len, width, cmd[8]))
        return;
    if (len > inlen)
        len = inlen & ~(uint32_t)(width - 1);
    lock(p);
    uint32_t done = p->tgt.ops->mem_read(p->tgt.ctx, addr, in, len, width);
    unlock(p);
    if (done < len)
        memset(in + done, 0, len - done);
    mem_result(p, addr, done, len);
    if (done == len)
        pace_poll(addr, len, in);
}

static void mem_write(struct stl_probe *p, const uint8_t *cmd, unsigned width,
                      const uint8_t *out, uint32_t outlen)
{
    uint32_t addr = stl_get32(cmd + 2);
    uint32_t len = stl_get16(cmd + 6);
    if (!mem_args_ok(p, addr, len, width, cmd[8]))
        return;
    if (len > outlen)
        len = outlen & ~(uint32_t)(width - 1);
    lock(p);
    uint32_t done = p->tgt.ops->mem_write(p->tgt.ctx, addr, out, len, width);
    unlock(p);
    mem_result(p, addr, done, len);
}

/* Repeated 32-bit accesses to one address (FIFO-like registers, J26+/J32+). */
static void mem_noinc(struct stl_probe *p, const uint8_t *cmd, bool write, const uint8_t *out,
                      uint32_t outlen, uint8_t *in, uint32_t inlen)
{
    uint32_t addr = stl_get32(cmd + 2);
    uint32_t len = stl_get16(cmd + 6);
    if (!mem_args_ok(p, addr, len, 4, cmd[8]))
        return;
    uint32_t avail = write ? outlen : inlen;
    if (len > avail)
        len = avail & ~3u;
    uint32_t i = 0;
    lock(p);
    for (; i < len; i += 4) {
        uint32_t n = write ? p->tgt.ops->mem_write(p->tgt.ctx, addr, out + i, 4, 4)
                           : p->tgt.ops->mem_read(p->tgt.ctx, addr, in + i, 4, 4);
        if (n != 4)
            break;
    }
    unlock(p);
    p->rw_status = i >= len ? STL_OK : STL_SWD_AP_FAULT;
    p->rw_fault_addr = addr;
}

/* A single 32-bit access under the lock; false on a bus error. */
static bool read32(struct stl_probe *p, uint32_t addr, uint32_t *v)
{
    uint8_t b[4];
    if ((addr & 3) || p->tgt.ops->mem_read(p->tgt.ctx, addr, b, 4, 4) != 4)
        return false;
    *v = stl_get32(b);
    return true;
}

static bool write32(struct stl_probe *p, uint32_t addr, uint32_t v)
{
    uint8_t b[4];
    stl_put32(b, v);
    return !(addr & 3) && p->tgt.ops->mem_write(p->tgt.ctx, addr, b, 4, 4) == 4;
}

/* API v1 run control, mapped onto DHCSR writes as v2 firmware would. */
static bool dhcsr_write(struct stl_probe *p, uint32_t ctrl)
{
    lock(p);
    bool ok = write32(p, DBG_DHCSR, DBG_DHCSR_KEY | ctrl);
    unlock(p);
    return ok;
}

/* AHB-AP data access through TAR (DRW and the banked BD0..BD3). */
static bool ap_data(struct stl_probe *p, uint32_t reg, bool write, uint32_t *value)
{
    unsigned size = p->ap_csw & CSW_SIZE_MASK;
    unsigned width = size == 0 ? 1 : size == 1 ? 2 : 4;
    uint32_t addr = reg == 0x0C ? p->ap_tar : (p->ap_tar & ~0xFu) + (reg - 0x10);
    if (reg != 0x0C)
        width = 4;
    /* Byte lanes: narrow accesses use the lanes of their address (ADIv5 C2.2.6). */
    unsigned lane = (addr & 3) * 8;
    uint8_t b[4] = {0};
    bool ok;
    lock(p);
    if (write) {
        uint32_t v = *value >> lane;
        stl_put32(b, v);
        ok = (addr & (width - 1)) == 0 &&
             p->tgt.ops->mem_write(p->tgt.ctx, addr, b, width, width) == width;
    } else {
        ok = (addr & (width - 1)) == 0 &&
             p->tgt.ops->mem_read(p->tgt.ctx, addr, b, width, width) == width;
        *value = stl_get32(b) << lane;
    }
    unlock(p);
    if (reg == 0x0C && ((p->ap_csw >> CSW_ADDRINC_SHIFT) & 3) == 1)
        p->ap_tar += width;
    return ok;
}

static uint8_t dap_read(struct stl_probe *p, uint16_t port, uint16_t reg, uint32_t *value)
{
    *value = 0;
    if (port == DP_PORT) {
        switch (reg & 0xF) {
        case 0x0: *value = STL_DPIDR; break;
        case 0x4:
            /* CSYSPWRUPACK/CDBGPWRUPACK follow their REQ bits; no sticky errors. */
            *value = (p->dp_ctrl_stat & 0x50000000u) | ((p->dp_ctrl_stat & 0x50000000u) << 1) |
                     (p->dp_ctrl_stat & 0x0FFF0F00u);
            break;
        case 0x8: *value = p->dp_select; break;
        default: break;
        }
        return STL_OK;
    }
    if (port > 0xFF)
        return STL_BAD_AP;
    if (port != 0)
        return STL_OK;   /* no such AP: IDR reads 0, which ends an AP scan */
    switch (reg) {
    case 0x00: *value = p->ap_csw; break;
    case 0x04: *value = p->ap_tar; break;
    case 0x0C: case 0x10: case 0x14: case 0x18: case 0x1C:
        return ap_data(p, reg, false, value) ? STL_OK : STL_SWD_AP_FAULT;
    case 0xF4: *value = 0; break;             /* CFG: little-endian */
    case 0xF8: *value = STL_ROM_BASE; break;  /* BASE: ROM table */
    case 0xFC: *value = STL_AHBAP_IDR; break;
    default: break;
    }
    return STL_OK;
}

static uint8_t dap_write(struct stl_probe *p, uint16_t port, uint16_t reg, uint32_t value)
{
    if (port == DP_PORT) {
        switch (reg & 0xF) {
        case 0x4: p->dp_ctrl_stat = value; break;
        case 0x8: p->dp_select = value; break;
        default: break;   /* ABORT and the rest: nothing sticky to clear */
        }
        return STL_OK;
    }
    if (port > 0xFF)
        return STL_BAD_AP;
    if (port != 0)
        return STL_OK;
    switch (reg) {
    case 0x00: p->ap_csw = value; break;
    case 0x04: p->ap_tar = value; break;
    case 0x0C: case 0x10: case 0x14: case 0x18: case 0x1C:
        return ap_data(p, reg, true, &value) ? STL_OK : STL_SWD_AP_FAULT;
    default: break;
    }
    return STL_OK;
}

static uint32_t exec_debug(struct stl_probe *p, const uint8_t *cmd, const uint8_t *out,
                           uint32_t outlen, uint8_t *in, uint32_t inlen)
{
    const struct dbg_target_ops *ops = p->tgt.ops;
    void *ctx = p->tgt.ctx;
    uint32_t v;
    bool ok;

    switch (cmd[1]) {
    case DBG_ENTER:
        p->mode = STL_MODE_DEBUG;
        p->jtag = cmd[2] != 0xA3;   /* A3 = SWD; A4 / 00 = JTAG */
        if (ops->attach) {
            lock(p);
            ops->attach(ctx);
            unlock(p);
        }
        reply_status(in, inlen, STL_OK);
        break;
    case DBG_EXIT:
        p->mode = STL_MODE_MASS;
        break;
    case DBG_READ_IDCODES:
        /* The Cortex-M4 debug port answers with the SW-DP or JTAG-DP id
         * (what target/stm32f3x.cfg expects for each transport). */
        reply_value(in, inlen, STL_OK, p->jtag ? STL_JTAG_IDCODE : STL_DPIDR);
        break;
    case DBG_SWD_SET_FREQ:
    case DBG_JTAG_SET_FREQ:
        p->swd_div = stl_get16(cmd + 2);
        reply_status(in, inlen, STL_OK);
        break;
    case DBG_DRIVE_NRST:
        lock(p);
        if (cmd[2] == 0) {
            p->nrst_low = true;
            ops->nrst(ctx, true);
        } else if (cmd[2] == 1) {
            p->nrst_low = false;
            ops->nrst(ctx, false);
        } else {
            ops->nrst(ctx, true);
            ops->nrst(ctx, p->nrst_low);
        }
        unlock(p);
        reply_status(in, inlen, STL_OK);
        break;
    case DBG_RESETSYS:
        lock(p);
        ops->reset(ctx, DBG_RESET_VCATCH);
        unlock(p);
        reply_status(in, inlen, STL_OK);
        break;
    case DBG_READDEBUGREG: {
        uint8_t b[4];
        lock(p);
        ok = read32(p, stl_get32(cmd + 2), &v);
        unlock(p);
        reply_value(in, inlen, ok ? STL_OK : STL_SWD_AP_FAULT, ok ? v : 0);
        stl_put32(b, v);
        if (ok)
            pace_poll(stl_get32(cmd + 2), 4, b);
        break;
    }
    case DBG_WRITEDEBUGREG:
        lock(p);
        ok = write32(p, stl_get32(cmd + 2), stl_get32(cmd + 6));
        unlock(p);
        reply_status(in, inlen, ok ? STL_OK : STL_SWD_AP_FAULT);
        break;
    case DBG_READREG:
        lock(p);
        ok = ops->reg_read(ctx, cmd[2], &v);
        unlock(p);
        reply_value(in, inlen, ok ? STL_OK : STL_FAULT, ok ? v : 0);
        break;
    case DBG_WRITEREG:
        lock(p);
        ok = ops->reg_write(ctx, cmd[2], stl_get32(cmd + 3));
        unlock(p);
        reply_status(in, inlen, ok ? STL_OK : STL_FAULT);
        break;
    case DBG_READALLREGS: {
        /* Status word, r0..r15, xPSR, MSP, PSP, then two words ST firmware
         * fills with its own data (0 here). */
        uint8_t r[88] = {STL_OK};
        lock(p);
        for (unsigned i = 0; i < 19; i++) {
            uint32_t x = 0;
            ops->reg_read(ctx, i, &x);
            stl_put32(r + 4 + 4 * i, x);
        }
        unlock(p);
        memcpy(in, r, inlen < sizeof r ? inlen : sizeof r);
        break;
    }
    case DBG_READMEM_32: mem_read(p, cmd, 4, in, inlen); break;
    case DBG_READMEM_16: mem_read(p, cmd, 2, in, inlen); break;
    case DBG_READMEM_8: mem_read(p, cmd, 1, in, inlen); break;
    case DBG_WRITEMEM_32: mem_write(p, cmd, 4, out, outlen); break;
    case DBG_WRITEMEM_16: mem_write(p, cmd, 2, out, outlen); break;
    case DBG_WRITEMEM_8: mem_write(p, cmd, 1, out, outlen); break;
    case DBG_READMEM_32_NOINC: mem_noinc(p, cmd, false, out, outlen, in, inlen); break;
    case DBG_WRITEMEM_32_NOINC: mem_noinc(p, cmd, true, out, outlen, in, inlen); break;
    case DBG_GETLASTRWSTATUS2: {
        uint8_t r[12] = {p->rw_status};
        stl_put32(r + 4, p->rw_status == STL_OK ? 0 : p->rw_fault_addr);
        memcpy(in, r, inlen < sizeof r ? inlen : sizeof r);
        break;
    }
    case DBG_GETLASTRWSTATUS:
        reply_status(in, inlen, p->rw_status);
        break;
    case DBG_START_TRACE_RX:
        p->trace_on = true;
        reply_status(in, inlen, STL_OK);
        break;
    case DBG_STOP_TRACE_RX:
        p->trace_on = false;
        reply_status(in, inlen, STL_OK);
        break;
    case DBG_GET_TRACE_NB:
        /* No SWO bytes: the TPIU is not modelled. u16 count, no status. */
        break;
    case DBG_INIT_AP:
    case DBG_CLOSE_AP_DBG:
        reply_status(in, inlen, STL_OK);
        break;
    case DBG_READ_DAP_REG: {
        uint8_t st = dap_read(p, stl_get16(cmd + 2), stl_get16(cmd + 4), &v);
        reply_value(in, inlen, st, v);
        break;
    }
    case DBG_WRITE_DAP_REG:
        reply_status(in, inlen,
                     dap_write(p, stl_get16(cmd + 2), stl_get16(cmd + 4), stl_get32(cmd + 6)));
        break;
    case DBG_GETSTATUS:
        lock(p);
        v = ops->state(ctx) == DBG_RUNNING ? STL_OK : STL_FAULT;
        unlock(p);
        reply_status(in, inlen, (uint8_t)v);
        break;
    case DBG_FORCEDEBUG:
        reply_status(in, inlen,
                     dhcsr_write(p, DBG_DHCSR_C_HALT | DBG_DHCSR_C_DEBUGEN) ? STL_OK : STL_FAULT);
        break;
    case DBG_RUNCORE:
        reply_status(in, inlen, dhcsr_write(p, DBG_DHCSR_C_DEBUGEN) ? STL_OK : STL_FAULT);
        break;
    case DBG_STEPCORE:
        ok = dhcsr_write(p, DBG_DHCSR_C_HALT | DBG_DHCSR_C_MASKINTS | DBG_DHCSR_C_DEBUGEN) &&
             dhcsr_write(p, DBG_DHCSR_C_STEP | DBG_DHCSR_C_MASKINTS | DBG_DHCSR_C_DEBUGEN) &&
             dhcsr_write(p, DBG_DHCSR_C_HALT | DBG_DHCSR_C_DEBUGEN);
        reply_status(in, inlen, ok ? STL_OK : STL_FAULT);
        break;
    default:
        return STL_TCP_NOT_AVAILABLE;
    }
    return STL_TCP_OK;
}

uint32_t stl_probe_exec(struct stl_probe *p, const uint8_t *cmd, const uint8_t *out,
                        uint32_t outlen, uint8_t *in, uint32_t inlen)
{
    switch (cmd[0]) {
    case CMD_GET_VERSION: {
        uint8_t r[6] = {VERSION_WORD >> 8, VERSION_WORD & 0xFF};
        stl_put16(r + 2, STL_VID);
        stl_put16(r + 4, STL_PID);
        memcpy(in, r, inlen < sizeof r ? inlen : sizeof r);
        return STL_TCP_OK;
    }
    case CMD_GET_CURRENT_MODE:
        reply_status(in, inlen, p->mode);
        return STL_TCP_OK;
    case CMD_GET_TARGET_VOLTAGE: {
        /* volts = 2 * a1 * 1.2 / a0: (1600, 2200) reads 3.30 V. */
        uint8_t r[8];
        stl_put32(r, 1600);
        stl_put32(r + 4, 2200);
        memcpy(in, r, inlen < sizeof r ? inlen : sizeof r);
        return STL_TCP_OK;
    }
    case CMD_DFU:
        if (cmd[1] == DFU_EXIT) {
            p->mode = STL_MODE_MASS;
            return STL_TCP_OK;
        }
        return STL_TCP_NOT_AVAILABLE;
    case CMD_DEBUG:
        return exec_debug(p, cmd, out, outlen, in, inlen);
    default:
        return STL_TCP_NOT_AVAILABLE;
    }
}
