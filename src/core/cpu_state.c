/* Register accessors: xPSR packing, SP banking, the DCRSR register view. */
#include "core/cpu.h"

uint32_t cpu_xpsr(const struct cpu *cpu)
{
    uint32_t it = cpu->itstate & 0xff;
    return cpu->apsr_n << 31 | cpu->apsr_z << 30 | cpu->apsr_c << 29 | cpu->apsr_v << 28 |
           cpu->apsr_q << 27 | (it & 0x03) << 25 | (uint32_t)cpu->thumb << 24 |
           (cpu->apsr_ge & 0xf) << 16 | (it >> 2) << 10 | (cpu->ipsr & 0x1ff);
}

void cpu_set_xpsr(struct cpu *cpu, uint32_t x)
{
    cpu->apsr_n = x >> 31 & 1;
    cpu->apsr_z = x >> 30 & 1;
    cpu->apsr_c = x >> 29 & 1;
    cpu->apsr_v = x >> 28 & 1;
    cpu->apsr_q = x >> 27 & 1;
    cpu->apsr_ge = x >> 16 & 0xf;
    cpu->thumb = x >> 24 & 1;
    cpu->itstate = (x >> 25 & 0x3) | (x >> 10 & 0x3f) << 2;
    cpu_set_ipsr(cpu, x & 0x1ff);
}

bool cpu_using_psp(const struct cpu *cpu)
{
    return cpu->ipsr == 0 && (cpu->control & 2);
}

uint32_t cpu_get_msp(const struct cpu *cpu)
{
    return cpu_using_psp(cpu) ? cpu->sp_main : cpu->r[13];
}

uint32_t cpu_get_psp(const struct cpu *cpu)
{
    return cpu_using_psp(cpu) ? cpu->r[13] : cpu->sp_process;
}

/* SP values have bits [1:0] zero (ARMv7-M ARM B1.4.1). */
void cpu_set_msp(struct cpu *cpu, uint32_t v)
{
    v &= ~3u;
    if (cpu_using_psp(cpu))
        cpu->sp_main = v;
    else
        cpu->r[13] = v;
}

void cpu_set_psp(struct cpu *cpu, uint32_t v)
{
    v &= ~3u;
    if (cpu_using_psp(cpu))
        cpu->r[13] = v;
    else
        cpu->sp_process = v;
}

/* Move r[13] between banks when the selection changes. */
static void switch_sp(struct cpu *cpu, bool was_psp)
{
    bool now_psp = cpu_using_psp(cpu);
    if (was_psp == now_psp)
        return;
    if (was_psp) {
        cpu->sp_process = cpu->r[13];
        cpu->r[13] = cpu->sp_main;
    } else {
        cpu->sp_main = cpu->r[13];
        cpu->r[13] = cpu->sp_process;
    }
}

void cpu_set_control(struct cpu *cpu, uint32_t control)
{
    bool was_psp = cpu_using_psp(cpu);
    cpu->control = control & 7;
    switch_sp(cpu, was_psp);
}

void cpu_set_ipsr(struct cpu *cpu, uint32_t ipsr)
{
    bool was_psp = cpu_using_psp(cpu);
    cpu->ipsr = ipsr & 0x1ff;
    switch_sp(cpu, was_psp);
}

bool cpu_reg_get(const struct cpu *cpu, unsigned regsel, uint32_t *value)
{
    if (regsel <= 15) {
        *value = cpu->r[regsel];
        return true;
    }
    switch (regsel) {
    case CPU_REG_XPSR: *value = cpu_xpsr(cpu); return true;
    case CPU_REG_MSP: *value = cpu_get_msp(cpu); return true;
    case CPU_REG_PSP: *value = cpu_get_psp(cpu); return true;
    case CPU_REG_SPECIAL:
        *value = (cpu->control & 7) << 24 | (cpu->faultmask & 1) << 16 |
                 (cpu->basepri & 0xff) << 8 | (cpu->primask & 1);
        return true;
    case CPU_REG_FPSCR: *value = cpu->fpscr; return true;
    default:
        if (regsel >= CPU_REG_S0 && regsel < CPU_REG_S0 + 32) {
            *value = cpu->s[regsel - CPU_REG_S0];
            return true;
        }
        *value = 0;
        return false;
    }
}

bool cpu_reg_set(struct cpu *cpu, unsigned regsel, uint32_t value)
{
    if (regsel <= 15) {
        if (regsel == 13)
            value &= ~3u;
        cpu->r[regsel] = value;
        if (regsel == 15)
            cpu->r[15] &= ~1u;
        return true;
    }
    switch (regsel) {
    case CPU_REG_XPSR: cpu_set_xpsr(cpu, value); return true;
    case CPU_REG_MSP: cpu_set_msp(cpu, value); return true;
    case CPU_REG_PSP: cpu_set_psp(cpu, value); return true;
    case CPU_REG_SPECIAL:
        cpu->primask = value & 1;
        cpu->basepri = (value >> 8) & 0xf0; /* 4 implemented priority bits */
        cpu->faultmask = (value >> 16) & 1;
        cpu_set_control(cpu, (value >> 24) & 7);
        cpu->attention = 1;
        return true;
    case CPU_REG_FPSCR:
        /* Writable bits of FPSCR on FPv4-SP: N Z C V, AHP DN FZ RMode, IDC IXC UFC OFC DZC IOC */
        cpu->fpscr = value & 0xf7c0009fu;
        return true;
    default:
        if (regsel >= CPU_REG_S0 && regsel < CPU_REG_S0 + 32) {
            cpu->s[regsel - CPU_REG_S0] = value;
            return true;
        }
        return false;
    }
}
