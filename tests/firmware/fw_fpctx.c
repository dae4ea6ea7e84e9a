/* FP context across exceptions, stacks and privilege (ARMv7-M B1.5.6-B1.5.7,
 * B1.4.4): a SysTick handler that does FP arithmetic interrupts an FP loop
 * thousands of times, with lazy state preservation (FPCCR.LSPEN, the reset
 * state) deciding when the caller-saved S0-S15 and FPSCR are really stacked.
 * The vector table is moved to RAM (VTOR) to install that handler.  The loop
 * runs in Thread mode on the process stack (CONTROL.SPSEL), then once more
 * unprivileged (CONTROL.nPRIV), returning to privileged through an SVC.
 * The loop's result must be what a host build of the same loop prints
 * (no interrupts there); the lines about modes are the architecture's
 * answer, which the host build prints as constants. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Eight live accumulators keep S0-S15 busy across every interrupt. */
static float fp_kernel(int n)
{
    volatile float seed = 1.0f;
    float a0 = seed, a1 = 2 * seed, a2 = 3 * seed, a3 = 4 * seed;
    float a4 = 0.5f * seed, a5 = 0.25f * seed, a6 = 0.125f * seed, a7 = 8 * seed;
    for (int i = 0; i < n; i++) {
        a0 = a0 * 0.9999f + a1 * 0.0001f;
        a1 = a1 * 0.9998f + a2 * 0.0002f;
        a2 = a2 * 0.9997f + a3 * 0.0003f;
        a3 = a3 * 0.9996f + a4 * 0.0004f;
        a4 = a4 * 0.9995f + a5 * 0.0005f;
        a5 = a5 * 0.9994f + a6 * 0.0006f;
        a6 = a6 * 0.9993f + a7 * 0.0007f;
        a7 = a7 * 0.9992f + a0 * 0.0008f;
    }
    return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
}

static unsigned long bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return (unsigned long)u;
}

#if defined(__arm__)
#define REG(a) (*(volatile uint32_t *)(a))
#define VTOR REG(0xe000ed08u)
#define SYST_CSR REG(0xe000e010u)
#define SYST_RVR REG(0xe000e014u)
#define SYST_CVR REG(0xe000e018u)

static volatile uint32_t ticks;
static volatile float handler_acc = 1.0f;
/* 98 vectors; VTOR needs the table aligned to a power of two >= its size. */
static uint32_t ram_vectors[128] __attribute__((aligned(512)));

static void fp_tick(void)
{
    /* FP in the handler: clobbers caller-saved S registers and FPSCR flags */
    float h = handler_acc;
    h = h * 1.0001f + 0.5f / (h + 3.0f);
    handler_acc = h;
    ticks++;
}

__attribute__((used)) static volatile uint32_t svc_lr;

/* Records EXC_RETURN and returns to privileged Thread mode (clears
 * CONTROL.nPRIV, allowed in Handler mode). */
__attribute__((naked)) void SVCall_Handler(void)
{
    __asm__ volatile("ldr r1, =svc_lr\n\t"
                     "str lr, [r1]\n\t"
                     "mrs r0, control\n\t"
                     "bic r0, r0, #1\n\t"
                     "msr control, r0\n\t"
                     "isb\n\t"
                     "bx lr\n\t");
}

static uint32_t control(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, control" : "=r"(v));
    return v;
}

/* Move Thread mode onto the process stack at the same address, so the
 * frame of main stays where it is, and back. */
__attribute__((always_inline)) static inline void use_psp(void)
{
    __asm__ volatile("mrs r0, msp\n\t"
                     "msr psp, r0\n\t"
                     "mrs r0, control\n\t"
                     "orr r0, r0, #2\n\t"
                     "msr control, r0\n\t"
                     "isb" ::: "r0", "memory");
}

__attribute__((always_inline)) static inline void use_msp(void)
{
    __asm__ volatile("mrs r0, psp\n\t"
                     "msr msp, r0\n\t"
                     "mrs r0, control\n\t"
                     "bic r0, r0, #2\n\t"
                     "msr control, r0\n\t"
                     "isb" ::: "r0", "memory");
}

static void drop_privilege(void)
{
    __asm__ volatile("mrs r0, control\n\t"
                     "orr r0, r0, #1\n\t"
                     "msr control, r0\n\t"
                     "isb" ::: "r0", "memory");
}
#endif

int main(void)
{
#if defined(__arm__)
    const uint32_t *old = (const uint32_t *)VTOR;
    memcpy(ram_vectors, old, 98 * 4);
    ram_vectors[15] = (uint32_t)(uintptr_t)fp_tick; /* SysTick */
    __asm__ volatile("dsb" ::: "memory");
    VTOR = (uint32_t)(uintptr_t)ram_vectors;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    SYST_RVR = 997 - 1; /* an odd period: interrupts land all over the loop */
    SYST_CVR = 0;
    SYST_CSR = 7;
#endif
    float r1 = fp_kernel(20000);
    printf("msp: result %08lx\n", bits(r1));

#if defined(__arm__)
    /* Thread mode on the process stack */
    use_psp();
    float r2 = fp_kernel(20000);
    uint32_t sp_is_psp = (control() >> 1) & 1;
    /* unprivileged; the SVC handler gives privilege back */
    drop_privilege();
    uint32_t unpriv = control() & 1u;
    float r3 = fp_kernel(5000);
    __asm__ volatile("svc #0" ::: "memory");
    uint32_t priv_again = !(control() & 1u);
    use_msp();
    uint32_t back_on_msp = !(control() & 2u);
    SYST_CSR = 0;
    int ticked = ticks > 100;
    unsigned long exc_return = svc_lr;
#else
    float r2 = fp_kernel(20000);
    uint32_t sp_is_psp = 1, unpriv = 1, priv_again = 1, back_on_msp = 1;
    float r3 = fp_kernel(5000);
    int ticked = 1;
    /* Thread mode, PSP, extended (FP) frame: B1.5.8 */
    unsigned long exc_return = 0xffffffedul;
#endif
    printf("psp: result %08lx, CONTROL.SPSEL %lu\n", bits(r2), (unsigned long)sp_is_psp);
    printf("unprivileged: nPRIV %lu, result %08lx, privileged after svc %lu\n",
           (unsigned long)unpriv, bits(r3), (unsigned long)priv_again);
    printf("svc EXC_RETURN %08lx, back on msp %lu\n", exc_return, (unsigned long)back_on_msp);
    printf("interrupted by FP handler: %d\n", ticked);
    exit(0);
}
