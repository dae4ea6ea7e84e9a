/* Exception entry/return, priorities, tail-chaining, masking, faults,
 * escalation, lockup, lazy FP stacking (src/armv7m, no executor). */
#include "fixture.h"

#define SCB_ICSR 0xe000ed04u
#define SCB_AIRCR 0xe000ed0cu
#define SCB_SHCSR 0xe000ed24u
#define SCB_CFSR 0xe000ed28u
#define SCB_HFSR 0xe000ed2cu
#define SCB_BFAR 0xe000ed38u
#define SCB_MMFAR 0xe000ed34u
#define SCB_CPACR 0xe000ed88u
#define FPCCR 0xe000ef34u
#define FPCAR 0xe000ef38u

static void set_thread_regs(struct cpu *c)
{
    for (unsigned i = 0; i < 13; i++)
        c->r[i] = 0x1000 + i;
    c->r[14] = 0x0800abcdu;
    c->r[15] = 0x00000300u;
    c->apsr_n = 1;
    c->apsr_c = 1;
}

/* SVC from Thread mode: the basic frame in memory, handler state, return. */
static void svc_entry_and_return(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    set_thread_regs(c);
    uint64_t cyc = c->cycles;
    armv7m_svc(c);
    uint32_t frame = FX_STACK_TOP - 0x20;
    assert_int_equal(c->ipsr, CPU_EXC_SVCALL);
    assert_int_equal(c->r[15], FX_HANDLER(11));
    assert_true(c->thumb);
    assert_int_equal(c->r[14], 0xfffffff9u);
    assert_int_equal(c->r[13], frame);
    assert_int_equal(fx_rd(f, frame + 0x00), 0x1000);
    assert_int_equal(fx_rd(f, frame + 0x04), 0x1001);
    assert_int_equal(fx_rd(f, frame + 0x08), 0x1002);
    assert_int_equal(fx_rd(f, frame + 0x0c), 0x1003);
    assert_int_equal(fx_rd(f, frame + 0x10), 0x100c);
    assert_int_equal(fx_rd(f, frame + 0x14), 0x0800abcdu);
    assert_int_equal(fx_rd(f, frame + 0x18), 0x300);
    assert_int_equal(fx_rd(f, frame + 0x1c), 0xa1000000u); /* N C T, IPSR 0, no realign */
    assert_true(c->sys.active[CPU_EXC_SVCALL]);
    assert_int_equal(c->cycles - cyc, 12);
    assert_int_equal(fx_rd(f, SCB_ICSR) & 0x1ff, CPU_EXC_SVCALL);
    assert_true(fx_rd(f, SCB_ICSR) & (1u << 11)); /* RETTOBASE */
    assert_int_equal(fx_rd(f, SCB_SHCSR) & (1u << 7), 1u << 7);

    /* Handler clobbers the caller-saved registers, then BX LR. */
    for (unsigned i = 0; i < 4; i++)
        c->r[i] = 0xdead;
    c->r[12] = 0xdead;
    c->apsr_n = 0;
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 0);
    assert_int_equal(c->r[0], 0x1000);
    assert_int_equal(c->r[3], 0x1003);
    assert_int_equal(c->r[12], 0x100c);
    assert_int_equal(c->r[14], 0x0800abcdu);
    assert_int_equal(c->r[15], 0x300);
    assert_int_equal(c->r[13], FX_STACK_TOP);
    assert_int_equal(c->apsr_n, 1);
    assert_false(c->sys.active[CPU_EXC_SVCALL]);
    assert_int_equal(c->sys.nested, 0);
}

/* CCR.STKALIGN: a 4-mod-8 SP is aligned down and xPSR bit 9 records it. */
static void stack_alignment(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    c->r[13] = FX_STACK_TOP - 4;
    armv7m_svc(c);
    uint32_t frame = FX_STACK_TOP - 8 - 0x20;
    assert_int_equal(c->r[13], frame);
    assert_true(fx_rd(f, frame + 0x1c) & (1u << 9));
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->r[13], FX_STACK_TOP - 4);

    /* STKALIGN clear: only word alignment, no adjustment. */
    fx_wr(f, 0xe000ed14u, 0);
    c->r[13] = FX_STACK_TOP - 4;
    armv7m_svc(c);
    assert_int_equal(c->r[13], FX_STACK_TOP - 4 - 0x20);
    assert_false(fx_rd(f, c->r[13] + 0x1c) & (1u << 9));
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->r[13], FX_STACK_TOP - 4);
}

/* A higher-priority IRQ preempts a running handler; an equal or lower one
 * waits, then tail-chains on return. */
static void preemption_and_tail_chain(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_irq(f, 0, 0x80);
    fx_irq(f, 1, 0x40);
    fx_irq(f, 2, 0x80);
    armv7m_irq_pulse(c, 0);
    assert_true(c->attention);
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, 16);
    assert_int_equal(c->r[15], FX_HANDLER(16));

    armv7m_irq_pulse(c, 2); /* same priority: no preemption */
    assert_false(armv7m_take_pending(c));
    armv7m_irq_pulse(c, 1); /* higher: preempts */
    uint32_t sp_before = c->r[13];
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, 17);
    assert_int_equal(c->r[14], 0xfffffff1u); /* from Handler mode */
    assert_int_equal(c->r[13], sp_before - 0x20);
    assert_int_equal(c->sys.nested, 2);
    assert_false(fx_rd(f, SCB_ICSR) & (1u << 11)); /* RETTOBASE: nested */

    armv7m_exception_return(c, 0xfffffff1u);
    assert_int_equal(c->ipsr, 16);
    assert_int_equal(c->r[13], sp_before);
    /* IRQ2 still pending; returning from IRQ0 tail-chains into it. */
    uint32_t sp_thread_frame = c->r[13];
    uint64_t cyc = c->cycles;
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 18);
    assert_int_equal(c->r[14], 0xfffffff9u);
    assert_int_equal(c->r[13], sp_thread_frame); /* frame not popped */
    assert_int_equal(c->cycles - cyc, 6);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 0);
    assert_int_equal(c->r[13], FX_STACK_TOP);
    assert_int_equal(c->sys.nested, 0);
}

/* Several pending at one boundary: the highest priority wins, then the
 * lowest number; PRIGROUP makes subpriority order without preemption. */
static void late_arrival_order(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_irq(f, 5, 0x60);
    fx_irq(f, 3, 0x20);
    fx_irq(f, 4, 0x20);
    armv7m_irq_pulse(c, 5);
    armv7m_irq_pulse(c, 4);
    armv7m_irq_pulse(c, 3);
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, 16 + 3);
    assert_int_equal(fx_rd(f, SCB_ICSR) >> 12 & 0x1ff, 16 + 4); /* VECTPENDING */
    assert_true(fx_rd(f, SCB_ICSR) & (1u << 22));               /* ISRPENDING */
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 16 + 4);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 16 + 5);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 0);

    /* PRIGROUP 5: group = bits 7:6. 0x40 and 0x60 are one group. */
    fx_wr(f, SCB_AIRCR, 0x05fa0500u);
    assert_int_equal(fx_rd(f, SCB_AIRCR), 0xfa050500u);
    fx_irq(f, 6, 0x40);
    fx_irq(f, 7, 0x60);
    armv7m_irq_pulse(c, 7);
    assert_true(armv7m_take_pending(c));
    armv7m_irq_pulse(c, 6); /* better subpriority, same group: waits */
    assert_false(armv7m_take_pending(c));
}

static void basepri_primask_faultmask(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_irq(f, 0, 0x40);
    fx_irq(f, 1, 0x30);
    c->basepri = 0x40;
    armv7m_irq_pulse(c, 0);
    assert_false(armv7m_take_pending(c));
    assert_false(armv7m_wake_pending(c));
    armv7m_irq_pulse(c, 1);
    c->primask = 1;
    assert_false(armv7m_take_pending(c));
    /* WFI wakes on what would preempt with PRIMASK clear. */
    assert_true(armv7m_wake_pending(c));
    c->primask = 0;
    c->faultmask = 1;
    assert_false(armv7m_take_pending(c));
    c->faultmask = 0;
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, 17);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 0); /* IRQ0 still masked by BASEPRI */
    c->basepri = 0;
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, 16);
}

static void pendsv_and_systick_via_icsr(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe000ed20u, 0xf0e00000u); /* SHPR3: PendSV 0xe0, SysTick 0xf0 */
    fx_wr(f, SCB_ICSR, 1u << 28 | 1u << 26);
    uint32_t icsr = fx_rd(f, SCB_ICSR);
    assert_true(icsr & (1u << 28));
    assert_true(icsr & (1u << 26));
    assert_int_equal(icsr >> 12 & 0x1ff, CPU_EXC_PENDSV);
    fx_wr(f, SCB_ICSR, 1u << 25); /* PENDSTCLR */
    assert_false(c->sys.pending[CPU_EXC_SYSTICK]);
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, CPU_EXC_PENDSV);
    assert_int_equal(fx_rd(f, SCB_ICSR) & 0x1ff, CPU_EXC_PENDSV);
    assert_false(fx_rd(f, SCB_ICSR) & (1u << 28));
}

/* A precise BusFault with BusFault disabled escalates to HardFault. */
static void busfault_escalation(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    c->r[15] = 0x400;
    armv7m_fault(c, CPU_FAULT_PRECISERR, 0x60000000u);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_int_equal(fx_rd(f, SCB_HFSR), 1u << 30);
    assert_int_equal(fx_rd(f, SCB_CFSR), (1u << 9) | (1u << 15));
    assert_int_equal(fx_rd(f, SCB_BFAR), 0x60000000u);
    assert_int_equal(fx_rd(f, c->r[13] + 0x18), 0x400); /* faulting instruction */
    /* W1C */
    fx_wr(f, SCB_CFSR, 0xffffffffu);
    fx_wr(f, SCB_HFSR, 0xffffffffu);
    assert_int_equal(fx_rd(f, SCB_CFSR), 0);
    assert_int_equal(fx_rd(f, SCB_HFSR), 0);
}

static void busfault_enabled(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, SCB_SHCSR, 1u << 17);
    armv7m_fault(c, CPU_FAULT_PRECISERR, 0x60000004u);
    assert_int_equal(c->ipsr, CPU_EXC_BUSFAULT);
    assert_int_equal(fx_rd(f, SCB_HFSR), 0);
    assert_int_equal(fx_rd(f, SCB_SHCSR), (1u << 17) | (1u << 1));
    /* The same fault in its own handler cannot preempt: HardFault. */
    armv7m_fault(c, CPU_FAULT_PRECISERR, 0x60000008u);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_int_equal(fx_rd(f, SCB_HFSR), 1u << 30);
}

/* Every fault kind sets its own CFSR bit, with its handler enabled. */
static void cfsr_bits_per_fault(void **state)
{
    struct fx *f = *state;
    static const struct { enum cpu_fault f; uint32_t bits; unsigned exc; } t[] = {
        {CPU_FAULT_IACCVIOL, 1u << 0, 4},
        {CPU_FAULT_DACCVIOL, (1u << 1) | (1u << 7), 4},
        {CPU_FAULT_MUNSTKERR, 1u << 3, 4},
        {CPU_FAULT_MSTKERR, 1u << 4, 4},
        {CPU_FAULT_MLSPERR, 1u << 5, 4},
        {CPU_FAULT_IBUSERR, 1u << 8, 5},
        {CPU_FAULT_PRECISERR, (1u << 9) | (1u << 15), 5},
        {CPU_FAULT_UNSTKERR, 1u << 11, 5},
        {CPU_FAULT_STKERR, 1u << 12, 5},
        {CPU_FAULT_LSPERR, 1u << 13, 5},
        {CPU_FAULT_UNDEFINSTR, 1u << 16, 6},
        {CPU_FAULT_INVSTATE, 1u << 17, 6},
        {CPU_FAULT_INVPC, 1u << 18, 6},
        {CPU_FAULT_NOCP, 1u << 19, 6},
        {CPU_FAULT_UNALIGNED, 1u << 24, 6},
        {CPU_FAULT_DIVBYZERO, 1u << 25, 6},
    };
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        struct cpu *c = &f->cpu;
        armv7m_reset(c, true);
        fx_reset(f);
        fx_wr(f, SCB_SHCSR, 7u << 16);
        armv7m_fault(c, t[i].f, 0x20001234u);
        assert_int_equal(fx_rd(f, SCB_CFSR), t[i].bits);
        assert_int_equal(c->ipsr, t[i].exc);
        assert_int_equal(fx_rd(f, SCB_HFSR), 0);
        if (t[i].bits & (1u << 7))
            assert_int_equal(fx_rd(f, SCB_MMFAR), 0x20001234u);
    }
}

/* Lazy FP preservation: the extended frame is reserved, FPCAR points at
 * its S0 slot, and the registers are written only when the handler uses FP. */
static void lazy_fp_stacking(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, SCB_CPACR, 0xf << 20);
    for (unsigned i = 0; i < 32; i++)
        c->s[i] = 0x3f800000u + i;
    assert_true(armv7m_fp_enter(c)); /* ASPEN: FPCA set, FPSCR from FPDSCR */
    assert_true(c->control & 4);
    c->fpscr = 0x03000000u;
    fx_irq(f, 0, 0x80);
    armv7m_irq_pulse(c, 0);
    assert_true(armv7m_take_pending(c));
    uint32_t frame = FX_STACK_TOP - 0x68;
    assert_int_equal(c->r[13], frame);
    assert_int_equal(c->r[14], 0xffffffe9u);
    assert_false(c->control & 4);
    assert_int_equal(fx_rd(f, FPCAR), frame + 0x20);
    uint32_t fpccr = fx_rd(f, FPCCR);
    assert_true(fpccr & 1);        /* LSPACT */
    assert_true(fpccr & (1u << 3)); /* THREAD */
    assert_true(fpccr & (1u << 4)); /* HFRDY */
    assert_int_equal(fx_rd(f, frame + 0x20), 0); /* not written yet */

    /* The handler's first FP instruction preserves the state. */
    assert_true(armv7m_fp_enter(c));
    assert_false(fx_rd(f, FPCCR) & 1);
    assert_int_equal(fx_rd(f, frame + 0x20), 0x3f800000u);
    assert_int_equal(fx_rd(f, frame + 0x20 + 4 * 15), 0x3f800000u + 15);
    assert_int_equal(fx_rd(f, frame + 0x60), 0x03000000u);
    c->s[0] = 0;
    c->s[15] = 0;
    c->fpscr = 0;
    armv7m_exception_return(c, 0xffffffe9u);
    assert_int_equal(c->s[0], 0x3f800000u);
    assert_int_equal(c->s[15], 0x3f800000u + 15);
    assert_int_equal(c->s[16], 0x3f800000u + 16);
    assert_int_equal(c->fpscr, 0x03000000u);
    assert_true(c->control & 4);
    assert_int_equal(c->r[13], FX_STACK_TOP);

    /* Handler without FP: return only clears LSPACT. */
    armv7m_irq_pulse(c, 0);
    assert_true(armv7m_take_pending(c));
    assert_true(fx_rd(f, FPCCR) & 1);
    c->s[3] = 0x1234;
    armv7m_exception_return(c, 0xffffffe9u);
    assert_false(fx_rd(f, FPCCR) & 1);
    assert_int_equal(c->s[3], 0x1234);
}

/* Without LSPEN the FP registers go on the stack at entry. */
static void eager_fp_stacking(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, SCB_CPACR, 0xf << 20);
    fx_wr(f, FPCCR, 1u << 31);
    c->s[0] = 0x40490fdbu;
    c->fpscr = 0x00400000u;
    assert_true(armv7m_fp_enter(c));
    c->fpscr = 0x00400000u;
    armv7m_svc(c);
    uint32_t frame = FX_STACK_TOP - 0x68;
    assert_int_equal(c->r[14], 0xffffffe9u);
    assert_int_equal(fx_rd(f, frame + 0x20), 0x40490fdbu);
    assert_int_equal(fx_rd(f, frame + 0x60), 0x00400000u);
    c->s[0] = 0;
    armv7m_exception_return(c, 0xffffffe9u);
    assert_int_equal(c->s[0], 0x40490fdbu);
}

static void fp_access_denied(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, SCB_SHCSR, 1u << 18);
    assert_false(armv7m_fp_enter(c));
    assert_int_equal(c->ipsr, CPU_EXC_USAGEFAULT);
    assert_int_equal(fx_rd(f, SCB_CFSR), 1u << 19);
}

/* Thread mode on the PSP: the frame goes on the PSP, the handler runs on
 * the MSP, EXC_RETURN 0xFFFFFFFD brings the PSP back. */
static void exc_return_to_thread_psp(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    cpu_set_psp(c, FX_RAM + 0x9000);
    cpu_set_control(c, 2);
    assert_int_equal(c->r[13], FX_RAM + 0x9000);
    c->r[0] = 77;
    armv7m_svc(c);
    assert_int_equal(c->r[14], 0xfffffffdu);
    assert_int_equal(c->r[13], FX_STACK_TOP); /* MSP in the handler */
    assert_int_equal(cpu_get_psp(c), FX_RAM + 0x9000 - 0x20);
    assert_int_equal(fx_rd(f, FX_RAM + 0x9000 - 0x20), 77);
    assert_int_equal(c->control & 2, 0);
    c->r[0] = 0;
    armv7m_exception_return(c, 0xfffffffdu);
    assert_int_equal(c->ipsr, 0);
    assert_int_equal(c->control & 2, 2);
    assert_int_equal(c->r[13], FX_RAM + 0x9000);
    assert_int_equal(cpu_get_msp(c), FX_STACK_TOP);
    assert_int_equal(c->r[0], 77);
}

/* An illegal EXC_RETURN is an INVPC UsageFault taken on the same frame. */
static void invpc_on_bad_exc_return(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    armv7m_svc(c);
    uint32_t sp = c->r[13];
    armv7m_exception_return(c, 0xfffffff5u);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT); /* UsageFault disabled */
    assert_int_equal(fx_rd(f, SCB_HFSR), 1u << 30);
    assert_int_equal(fx_rd(f, SCB_CFSR), 1u << 18);
    assert_int_equal(c->r[14], 0xfffffff5u);
    assert_int_equal(c->r[13], sp);
    assert_false(c->sys.active[CPU_EXC_SVCALL]);

    armv7m_reset(c, true);
    fx_reset(f);
    fx_wr(f, SCB_SHCSR, 1u << 18);
    fx_wr(f, 0xe000ed1cu, 0x80000000u); /* SVCall priority 0x80 */
    armv7m_svc(c);
    /* Return to Thread while another exception is active. */
    fx_irq(f, 0, 0);
    armv7m_irq_pulse(c, 0);
    assert_true(armv7m_take_pending(c));
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, CPU_EXC_USAGEFAULT);
    assert_int_equal(fx_rd(f, SCB_CFSR), 1u << 18);
}

/* A fault inside the HardFault handler locks the core up. */
static void lockup_in_hardfault(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    armv7m_fault(c, CPU_FAULT_UNDEFINSTR, 0);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_false(c->lockup);
    armv7m_fault(c, CPU_FAULT_UNDEFINSTR, 0);
    assert_true(c->lockup);
    assert_int_equal(c->r[15], 0xfffffffeu);
    assert_true(fx_rd(f, 0xe000edf0u) & (1u << 19)); /* S_LOCKUP */
    assert_false(armv7m_take_pending(c));
    /* SVC with FAULTMASK set: cannot escalate past priority -1 either. */
    armv7m_reset(c, true);
    fx_reset(f);
    c->faultmask = 1;
    armv7m_svc(c);
    assert_true(c->lockup);
}

/* A vector table whose first 64 words read and the rest bus-error. */
static bool half_table_read(void *ctx, uint32_t off, unsigned size, uint32_t *v)
{
    (void)ctx, (void)size;
    if (off >= 0x100)
        return false;
    *v = off == 4 * 3 ? 0x2345u : 0x1001u;
    return true;
}

/* A vector table read that fails: HardFault (VECTTBL), lockup if the
 * HardFault vector itself cannot be read. */
static void vector_fetch_failure(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    static const struct bus_device dev = {"half table", NULL, half_table_read, NULL};
    assert_int_equal(bus_map_device(&f->bus, 0x30000000u, 0x400, &dev), 0);
    fx_wr(f, 0xe000ed08u, 0x30000000u);
    assert_int_equal(fx_rd(f, 0xe000ed08u), 0x30000000u);
    fx_irq(f, 80, 0);
    armv7m_irq_pulse(c, 80);
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_int_equal(c->r[15], 0x2344);
    assert_int_equal(fx_rd(f, SCB_HFSR), 1u << 1);
    /* VTOR at an unmapped address: even HardFault's vector fails. */
    armv7m_reset(c, true);
    fx_reset(f);
    fx_wr(f, 0xe000ed08u, 0x30000400u);
    armv7m_svc(c);
    assert_true(c->lockup);
}

/* A stacking BusFault (STKERR): the exception is still entered and the
 * derived fault escalates to HardFault because BusFault is disabled. */
static void stacking_error(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    c->r[13] = FX_RAM + 0x10; /* the frame would start below the SRAM */
    armv7m_svc(c);
    assert_int_equal(c->ipsr, CPU_EXC_SVCALL);
    assert_true(fx_rd(f, SCB_CFSR) & (1u << 12));
    assert_true(c->sys.pending[CPU_EXC_HARDFAULT]);
    assert_true(fx_rd(f, SCB_HFSR) & (1u << 30));
}

/* Unstacking from an unmapped frame: UNSTKERR BusFault (escalated). */
static void unstacking_error(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    armv7m_svc(c);
    cpu_set_psp(c, 0x30000000u);
    armv7m_exception_return(c, 0xfffffffdu);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_true(fx_rd(f, SCB_CFSR) & (1u << 11));
    assert_int_equal(c->r[14], 0xfffffffdu);
}

/* A level-sensitive line still high when its handler returns pends again. */
static void level_irq_repends(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_irq(f, 9, 0x10);
    armv7m_irq_line(c, 9, true);
    assert_true(armv7m_take_pending(c));
    assert_false(c->sys.pending[16 + 9]);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 16 + 9); /* tail-chained: the line is still high */
    armv7m_irq_line(c, 9, false);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 0);
    assert_false(c->sys.pending[16 + 9]);
}

/* ICPR cannot clear a level line that is still asserted and not active. */
static void icpr_on_asserted_line(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    armv7m_irq_line(c, 3, true);
    fx_wr(f, 0xe000e280u, 1u << 3);
    assert_true(c->sys.pending[16 + 3]);
    armv7m_irq_line(c, 3, false);
    fx_wr(f, 0xe000e280u, 1u << 3);
    assert_false(c->sys.pending[16 + 3]);
    /* A pulse line: one pend per pulse. */
    armv7m_irq_pulse(c, 4);
    fx_wr(f, 0xe000e280u, 1u << 4);
    assert_false(c->sys.pending[16 + 4]);
}

/* NMI (ICSR.NMIPENDSET) preempts even with FAULTMASK and inside HardFault;
 * returning from NMI leaves FAULTMASK alone. */
static void nmi_preempts_everything(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    armv7m_fault(c, CPU_FAULT_UNDEFINSTR, 0);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    c->faultmask = 1;
    fx_wr(f, 0xe000ed04u, 1u << 31);
    assert_true(fx_rd(f, 0xe000ed04u) & (1u << 31));
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, CPU_EXC_NMI);
    assert_int_equal(c->r[14], 0xfffffff1u);
    armv7m_exception_return(c, 0xfffffff1u);
    assert_int_equal(c->ipsr, CPU_EXC_HARDFAULT);
    assert_int_equal(c->faultmask, 1);
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 0);
    assert_int_equal(c->faultmask, 0); /* cleared on return from HardFault */
}

/* SHCSR active/pending bits mirror the exception state and are writable. */
static void shcsr_state_bits(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe000ed24u, (1u << 15) | (1u << 18)); /* SVCALLPENDED, USGFAULTENA */
    assert_true(c->sys.pending[CPU_EXC_SVCALL]);
    assert_true(c->sys.enabled[CPU_EXC_USAGEFAULT]);
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, CPU_EXC_SVCALL);
    assert_int_equal(fx_rd(f, 0xe000ed24u), (1u << 18) | (1u << 7));
    /* DebugMonitor pended through DEMCR.MON_PEND with MON_EN. */
    armv7m_exception_return(c, 0xfffffff9u);
    fx_wr(f, 0xe000edfcu, (1u << 16) | (1u << 17));
    assert_true(fx_rd(f, 0xe000edfcu) & (1u << 17));
    assert_true(armv7m_take_pending(c));
    assert_int_equal(c->ipsr, CPU_EXC_DEBUGMON);
    assert_false(fx_rd(f, 0xe000edfcu) & (1u << 17));
}

static void nvic_registers(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe000e104u, 0x00010001u); /* enable IRQ 32, 48 */
    assert_int_equal(fx_rd(f, 0xe000e104u), 0x00010001u);
    assert_int_equal(fx_rd(f, 0xe000e184u), 0x00010001u);
    fx_wr(f, 0xe000e184u, 1u);
    assert_int_equal(fx_rd(f, 0xe000e104u), 0x00010000u);
    fx_wr(f, 0xe000e208u, 1u << 17); /* ISPR2: IRQ 81 */
    assert_true(c->sys.pending[16 + 81]);
    assert_int_equal(fx_rd(f, 0xe000e288u), 1u << 17);
    fx_wr(f, 0xe000e288u, 1u << 17);
    assert_false(c->sys.pending[16 + 81]);
    fx_wr(f, 0xe000e208u, 1u << 18); /* IRQ 82 does not exist */
    assert_int_equal(fx_rd(f, 0xe000e208u), 0);
    fx_wr(f, 0xe000e400u, 0x12345678u);
    assert_int_equal(fx_rd(f, 0xe000e400u), 0x10305070u);
    assert_true(bus_write(&f->bus, 0xe000e403u, 1, 0xff));
    assert_int_equal(fx_rd(f, 0xe000e400u), 0xf0305070u);
    fx_wr(f, 0xe000ef00u, 5); /* STIR */
    assert_true(c->sys.pending[16 + 5]);
    assert_int_equal(fx_rd(f, 0xe000e004u), 2); /* ICTR */
}

static void wfi_wfe_sev(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    armv7m_wfi(c);
    assert_true(c->sleeping);
    assert_false(armv7m_wake_pending(c));
    fx_irq(f, 2, 0x20);
    armv7m_irq_pulse(c, 2);
    assert_true(armv7m_wake_pending(c));
    assert_true(armv7m_take_pending(c));
    assert_false(c->sleeping);
    armv7m_exception_return(c, 0xfffffff9u);

    /* WFE: the event register set by the exception return makes the
     * first WFE fall through; the second sleeps until SEV. */
    armv7m_wfe(c);
    assert_false(c->sleeping);
    armv7m_wfe(c);
    assert_true(c->sleeping);
    assert_false(armv7m_wake_pending(c));
    armv7m_sev(c);
    assert_true(armv7m_wake_pending(c));
    c->sleeping = false;

    /* SEVONPEND: a disabled interrupt becoming pending is an event. */
    armv7m_wfe(c);
    armv7m_wfe(c);
    assert_true(c->sleeping);
    fx_wr(f, 0xe000ed10u, 1u << 4);
    armv7m_irq_pulse(c, 40);
    assert_true(armv7m_wake_pending(c));
}

static void sleep_on_exit(void **state)
{
    struct fx *f = *state;
    struct cpu *c = &f->cpu;
    fx_wr(f, 0xe000ed10u, 1u << 1);
    fx_irq(f, 1, 0x20);
    armv7m_irq_pulse(c, 1);
    assert_true(armv7m_take_pending(c));
    armv7m_exception_return(c, 0xfffffff9u);
    assert_int_equal(c->ipsr, 0);
    assert_true(c->sleeping);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(svc_entry_and_return, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(stack_alignment, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(preemption_and_tail_chain, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(late_arrival_order, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(basepri_primask_faultmask, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(pendsv_and_systick_via_icsr, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(busfault_escalation, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(busfault_enabled, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(cfsr_bits_per_fault, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(lazy_fp_stacking, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(eager_fp_stacking, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(fp_access_denied, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(exc_return_to_thread_psp, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(invpc_on_bad_exc_return, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(lockup_in_hardfault, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(vector_fetch_failure, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(stacking_error, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(unstacking_error, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(level_irq_repends, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(nvic_registers, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(icpr_on_asserted_line, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(nmi_preempts_everything, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(shcsr_state_bits, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(wfi_wfe_sev, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(sleep_on_exit, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
