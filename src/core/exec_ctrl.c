/* Branches, system-register access, hints and exception-generating
 * instructions (ARMv7-M ARM A7.7, B5.2). */
#include "core/cpu_cache.h"
#include "core/exec.h"

int cpu_x_b(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[15] = i->imm;
    return CPU_EXEC_BRANCH;
}

int cpu_x_bl(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[14] = (i->pc + i->len) | 1;
    cpu->r[15] = i->imm;
    return CPU_EXEC_BRANCH;
}

/* B/BL inside a predecoded block that continues at the target. */
int cpu_x_b_inline(struct cpu *cpu, const struct cpu_insn *i)
{
    (void)cpu, (void)i;
    return CPU_EXEC_NEXT;
}

int cpu_x_bl_inline(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[14] = (i->pc + i->len) | 1;
    return CPU_EXEC_NEXT;
}

int cpu_x_bx(struct cpu *cpu, const struct cpu_insn *i)
{
    return cpu_bx_write(cpu, i, cpu->r[i->rm]);
}

int cpu_x_blx(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t target = cpu->r[i->rm];
    cpu->r[14] = (i->pc + i->len) | 1;
    return cpu_bx_write(cpu, i, target);
}

int cpu_x_cbz(struct cpu *cpu, const struct cpu_insn *i)
{
    if ((cpu->r[i->rn] == 0) == (i->op == 0)) {
        cpu->r[15] = i->imm;
        cpu->cycles += CPU_P_REFILL;
        return CPU_EXEC_BRANCH;
    }
    return CPU_EXEC_NEXT;
}

/* IT: the decoder tracks ITSTATE statically inside predecoded blocks; the
 * single-instruction path sets cpu->itstate from insn->imm itself. */
int cpu_x_it(struct cpu *cpu, const struct cpu_insn *i)
{
    (void)cpu, (void)i;
    return CPU_EXEC_NEXT;
}

int cpu_x_nop(struct cpu *cpu, const struct cpu_insn *i)
{
    (void)cpu, (void)i;
    return CPU_EXEC_NEXT;
}

int cpu_x_barrier(struct cpu *cpu, const struct cpu_insn *i)
{
    (void)cpu, (void)i;
    return CPU_EXEC_NEXT;
}

/* Leave the instruction done, with r[15] at the next one, so the run loop
 * can look at the changed state (sleep, masks, pending exceptions). */
static int done_attend(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[15] = i->pc + i->len;
    cpu->itstate = cpu_it_advance(i->it);
    cpu->attention = 1;
    return CPU_EXEC_BRANCH;
}

int cpu_x_hint(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[15] = i->pc + i->len;
    cpu->itstate = cpu_it_advance(i->it);
    cpu->cache->sleep_skips = 0; /* a new sleep may start */
    cpu_time_enter(cpu, i);
    switch (i->op) {
    case 2: armv7m_wfe(cpu); break;
    case 3: armv7m_wfi(cpu); break;
    case 4: armv7m_sev(cpu); break;
    default: break;
    }
    cpu_time_leave(cpu, i);
    return done_attend(cpu, i);
}

static bool privileged(const struct cpu *cpu)
{
    return cpu->ipsr != 0 || !(cpu->control & 1);
}

/* MRS (B5.2.2).  EPSR reads as zero through MRS. */
int cpu_x_mrs(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t sysm = i->imm, v = 0;
    bool priv = privileged(cpu);
    switch (sysm >> 3) {
    case 0:
        if (sysm & 1)
            v |= cpu->ipsr & 0x1ff;
        if (!(sysm & 4))
            v |= cpu->apsr_n << 31 | cpu->apsr_z << 30 | cpu->apsr_c << 29 |
                 cpu->apsr_v << 28 | cpu->apsr_q << 27 | (cpu->apsr_ge & 0xf) << 16;
        break;
    case 1:
        if (priv)
            v = (sysm & 7) == 0 ? cpu_get_msp(cpu) : cpu_get_psp(cpu);
        break;
    default:
        switch (sysm & 7) {
        case 0: v = priv ? cpu->primask & 1 : 0; break;
        case 1:
        case 2: v = priv ? cpu->basepri & 0xff : 0; break;
        case 3: v = priv ? cpu->faultmask & 1 : 0; break;
        default: v = cpu->control & 7; break;
        }
        break;
    }
    cpu->r[i->rd] = v;
    return CPU_EXEC_NEXT;
}

/* MSR (B5.2.3).  op = mask<1:0>. */
int cpu_x_msr(struct cpu *cpu, const struct cpu_insn *i)
{
    uint32_t sysm = i->imm, v = cpu->r[i->rn];
    bool priv = privileged(cpu);
    switch (sysm >> 3) {
    case 0:
        if (!(sysm & 4)) {
            if (i->op & 1)
                cpu->apsr_ge = (v >> 16) & 0xf;
            if (i->op & 2) {
                cpu->apsr_n = v >> 31;
                cpu->apsr_z = (v >> 30) & 1;
                cpu->apsr_c = (v >> 29) & 1;
                cpu->apsr_v = (v >> 28) & 1;
                cpu->apsr_q = (v >> 27) & 1;
            }
        }
        return CPU_EXEC_NEXT;
    case 1:
        if (priv) {
            if ((sysm & 7) == 0)
                cpu_set_msp(cpu, v);
            else
                cpu_set_psp(cpu, v);
        }
        return CPU_EXEC_NEXT;
    default:
        if (!priv)
            return CPU_EXEC_NEXT;
        switch (sysm & 7) {
        case 0: cpu->primask = v & 1; break;
        case 1: cpu->basepri = v & 0xf0; break;
        case 2: /* BASEPRI_MAX: only raises the priority */
            v &= 0xf0;
            if (v != 0 && (v < cpu->basepri || cpu->basepri == 0))
                cpu->basepri = v;
            break;
        case 3: /* FAULTMASK cannot be set from NMI or HardFault */
            if (cpu->ipsr != CPU_EXC_NMI && cpu->ipsr != CPU_EXC_HARDFAULT)
                cpu->faultmask = v & 1;
            break;
        default: {
            uint32_t c = (cpu->control & ~5u) | (v & 5u);
            if (cpu->ipsr == 0)
                c = (c & ~2u) | (v & 2u);
            cpu_set_control(cpu, c);
            break;
        }
        }
        return done_attend(cpu, i);
    }
}

/* CPSIE/CPSID (B5.2.1): op bit0 = disable, bit1 = I, bit2 = F. */
int cpu_x_cps(struct cpu *cpu, const struct cpu_insn *i)
{
    if (!privileged(cpu))
        return CPU_EXEC_NEXT;
    uint32_t val = i->op & 1;
    if (i->op & 2)
        cpu->primask = val;
    if ((i->op & 4) && !(val && (cpu->ipsr == CPU_EXC_NMI || cpu->ipsr == CPU_EXC_HARDFAULT)))
        cpu->faultmask = val;
    return done_attend(cpu, i);
}

int cpu_x_svc(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[15] = i->pc + i->len;
    cpu->itstate = cpu_it_advance(i->it);
    cpu->excl_open = false;
    cpu_time_enter(cpu, i);
    armv7m_svc(cpu);
    cpu_time_leave(cpu, i);
    cpu->attention = 1;
    return CPU_EXEC_EXC;
}

int cpu_x_bkpt(struct cpu *cpu, const struct cpu_insn *i)
{
    cpu->r[15] = i->pc;
    cpu->itstate = i->it;
    cpu_time_enter(cpu, i);
    armv7m_bkpt(cpu, i->imm);
    cpu_time_leave(cpu, i);
    /* A served semihosting call moved past the BKPT. */
    if (cpu->r[15] == i->pc + 2 && cpu->itstate == i->it)
        cpu->itstate = cpu_it_advance(i->it);
    cpu->attention = 1;
    return CPU_EXEC_EXC;
}

int cpu_x_nocp(struct cpu *cpu, const struct cpu_insn *i)
{
    return cpu_raise(cpu, i, CPU_FAULT_NOCP, 0);
}
