/* Life cycle of a core: init (maps the PPB, installs the code-write hook),
 * free, reset from the vector table, and the thread-safe run requests. */
#include <string.h>

#include "core/cpu_cache.h"
#include "core/exec.h"

static void code_write_hook(void *ctx, uint32_t addr, uint32_t len)
{
    cpu_invalidate(ctx, addr, len);
}

int cpu_init(struct cpu *cpu, struct bus *bus, const struct cpu_config *cfg,
             const struct cpu_host *host)
{
    memset(cpu, 0, sizeof *cpu);
    atomic_init(&cpu->halt_request, false);
    atomic_init(&cpu->kick, false);
    cpu->bus = bus;
    if (cfg)
        cpu->cfg = *cfg;
    if (!cpu->cfg.cpuid)
        cpu->cfg.cpuid = 0x410FC241u;
    if (host)
        cpu->host = *host;
    cpu->cache = cpu_cache_new();
    if (!cpu->cache)
        return -1;
    bus->code_write = code_write_hook;
    bus->code_write_ctx = cpu;
    if (armv7m_map(cpu, bus) != 0) {
        cpu_free(cpu);
        return -1;
    }
    armv7m_reset(cpu, true);
    cpu->thumb = true;
    return 0;
}

void cpu_free(struct cpu *cpu)
{
    if (cpu->bus && cpu->bus->code_write_ctx == cpu) {
        cpu->bus->code_write = NULL;
        cpu->bus->code_write_ctx = NULL;
    }
    cpu_cache_delete(cpu->cache);
    cpu->cache = NULL;
}

void cpu_reset(struct cpu *cpu)
{
    /* Core registers first: armv7m_reset may halt the core (VC_CORERESET). */
    memset(cpu->r, 0, sizeof cpu->r);
    cpu->r[14] = 0xffffffffu;
    cpu->sp_main = cpu->sp_process = 0;
    cpu->apsr_n = cpu->apsr_z = cpu->apsr_c = cpu->apsr_v = cpu->apsr_q = 0;
    cpu->apsr_ge = 0;
    cpu->ipsr = 0;
    cpu->control = 0;
    cpu->itstate = 0;
    cpu->primask = cpu->faultmask = cpu->basepri = 0;
    memset(cpu->s, 0, sizeof cpu->s);
    cpu->fpscr = 0;
    cpu->excl_open = false;
    cpu->sleeping = false;
    cpu->lockup = false;
    cpu->sysreset_request = false;
    cpu->halted = false;
    cpu->halt_reason = CPU_HALT_NONE;
    cpu->exit_code = 0;
    armv7m_reset(cpu, false);
    if (cpu->cache) {
        cpu_cache_flush(cpu);
        cpu_cache_reap(cpu->cache);
        cpu->cache->watch_hit = false;
        cpu->cache->prev_mem = false;
    }
    /* B1.5.5 TakeReset: SP_main from the table, PC from the reset vector,
     * EPSR.T from its bit 0. */
    uint32_t vtor = cpu->sys.vtor, sp, pc;
    if (!bus_read(cpu->bus, vtor, 4, &sp) || !bus_read(cpu->bus, vtor + 4, 4, &pc)) {
        cpu->lockup = true;
        cpu->r[15] = 0xfffffffeu;
        cpu->attention = 1;
        return;
    }
    cpu->r[13] = sp & ~3u;
    cpu->r[15] = pc & ~1u;
    cpu->thumb = pc & 1;
    cpu->attention = 1;
}

void cpu_request_halt(struct cpu *cpu)
{
    atomic_store(&cpu->halt_request, true);
    cpu->attention = 1;
}

void cpu_kick(struct cpu *cpu)
{
    atomic_store(&cpu->kick, true);
    cpu->attention = 1;
}

void cpu_resume(struct cpu *cpu)
{
    cpu->halted = false;
    cpu->halt_reason = CPU_HALT_NONE;
    atomic_store(&cpu->halt_request, false);
    cpu->attention = 1;
}
