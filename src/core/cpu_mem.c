/* The executor's helpers for memory and faults: slow-path loads and stores
 * (MMIO, page-crossing, watchpoints), alignment traps, fault raising and
 * interworking PC writes. */
#include "core/cpu_cache.h"
#include "core/exec.h"

int cpu_raise(struct cpu *cpu, const struct cpu_insn *insn, enum cpu_fault f, uint32_t addr)
{
    cpu->r[15] = insn->pc;
    cpu->itstate = insn->it;
    cpu->excl_open = false; /* exception entry clears the local monitor (A3.4.4) */
    cpu_time_enter(cpu, insn);
    armv7m_fault(cpu, f, addr);
    cpu_time_leave(cpu, insn);
    cpu->attention = 1;
    return CPU_EXEC_EXC;
}

int cpu_exec_undefined(struct cpu *cpu, const struct cpu_insn *insn)
{
    return cpu_raise(cpu, insn, CPU_FAULT_UNDEFINSTR, 0);
}

static void watch(struct cpu *cpu, uint32_t addr, unsigned size, bool write)
{
    if (cpu->sys.watch_active && armv7m_dwt_match(cpu, addr, size, write)) {
        cpu->cache->watch_hit = true;
        cpu->cache->watch_addr = addr;
        cpu->cache->watch_size = size;
        cpu->cache->watch_write = write;
        cpu->attention = 1;
    }
}

bool cpu_load_slow(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr, unsigned size,
                   uint32_t *v)
{
    watch(cpu, addr, size, false);
    cpu_time_enter(cpu, insn); /* devices read the time */
    bool ok = bus_read(cpu->bus, addr, size, v);
    cpu_time_leave(cpu, insn);
    if (ok)
        return true;
    cpu_raise(cpu, insn, CPU_FAULT_PRECISERR, addr);
    return false;
}

bool cpu_store_slow(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr, unsigned size,
                    uint32_t v)
{
    watch(cpu, addr, size, true);
    cpu_time_enter(cpu, insn);
    bool ok = bus_write(cpu->bus, addr, size, v);
    cpu_time_leave(cpu, insn);
    if (ok) {
        /* A device write may have changed what the run loop caches (the
         * SysTick deadline, FPB/DWT enables): make it look again. */
        struct bus_page *p = bus_page_of(cpu->bus, addr);
        if (!p || !p->mem)
            cpu->attention = 1;
        return true;
    }
    cpu_raise(cpu, insn, CPU_FAULT_PRECISERR, addr);
    return false;
}

/* A3.2.1: LDR/STR(H) may be unaligned unless CCR.UNALIGN_TRP; LDM/STM,
 * LDRD/STRD, exclusives (always_trap) never. */
bool cpu_check_align_slow(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr,
                          unsigned size, bool always_trap)
{
    if (!(addr & (size - 1)))
        return true;
    if (always_trap || (cpu->sys.ccr & (1u << 3)))  {
        cpu_raise(cpu, insn, CPU_FAULT_UNALIGNED, addr);
        return false;
    }
    return true;
}

int cpu_bx_write(struct cpu *cpu, const struct cpu_insn *insn, uint32_t addr)
{
    cpu->cycles += CPU_P_REFILL;
    if (cpu->ipsr != 0 && (addr >> 28) == 0xf) {
        cpu->r[15] = insn->pc;
        cpu->itstate = 0;
        cpu->excl_open = false;
        cpu_time_enter(cpu, insn);
        armv7m_exception_return(cpu, addr);
        cpu_time_leave(cpu, insn);
        cpu->attention = 1;
        return CPU_EXEC_EXC;
    }
    cpu->r[15] = addr & ~1u;
    if (!(addr & 1)) {
        /* EPSR.T = 0: the next instruction takes an INVSTATE UsageFault. */
        cpu->thumb = false;
        cpu->attention = 1;
    }
    return CPU_EXEC_BRANCH;
}
