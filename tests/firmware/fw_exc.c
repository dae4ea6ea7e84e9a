/* Exceptions and interrupts on the core's own system blocks (no STM32
 * peripheral is touched): SVC with an argument in the immediate, PendSV
 * masked by PRIMASK and tail-chained after SVC, an external interrupt pended
 * through NVIC STIR, SysTick interrupts counted while sleeping in WFI, and
 * UsageFaults (divide by zero with CCR.DIV_0_TRP, UDF) caught by a handler
 * that skips the faulting instruction.  Expected output by reasoning from
 * the ARMv7-M ARM (B1.5, B3.2, B3.3, B3.4). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "systick.h" /* systick_tick/systick_millis: the kit's time base */

#define REG(a) (*(volatile uint32_t *)(a))
#define ICSR REG(0xe000ed04u)     /* B3.2.4 */
#define CCR REG(0xe000ed14u)      /* B3.2.8 */
#define SHCSR REG(0xe000ed24u)    /* B3.2.13 */
#define CFSR REG(0xe000ed28u)     /* B3.2.15 */
#define SYST_CSR REG(0xe000e010u) /* B3.3.3 */
#define SYST_RVR REG(0xe000e014u)
#define SYST_CVR REG(0xe000e018u)
#define NVIC_ISER0 REG(0xe000e100u) /* B3.4.4 */
#define NVIC_STIR REG(0xe000ef00u)  /* B3.4.3 */

static volatile uint32_t svc_calls, pendsv_calls, irq_calls, irq_ipsr;
static volatile uint32_t faults, last_cfsr;
static volatile char order[8];
static volatile unsigned norder;

static void barrier(void)
{
    __asm__ volatile("dsb\n\tisb" ::: "memory");
}

static uint32_t ipsr(void)
{
    uint32_t v;
    __asm__ volatile("mrs %0, ipsr" : "=r"(v));
    return v;
}

/* SVC: the frame is on MSP or PSP (EXC_RETURN bit 2); the immediate is the
 * low byte of the SVC instruction before the stacked PC. */
__attribute__((naked)) void SVCall_Handler(void)
{
    __asm__ volatile("tst lr, #4\n\t"
                     "ite eq\n\t"
                     "mrseq r0, msp\n\t"
                     "mrsne r0, psp\n\t"
                     "b svc_dispatch\n\t");
}

__attribute__((used)) void svc_dispatch(uint32_t *frame)
{
    const uint8_t *pc = (const uint8_t *)frame[6];
    uint32_t imm = pc[-2];
    svc_calls++;
    frame[0] = frame[0] + imm; /* result in the caller's r0 */
    if (imm == 7) {
        order[norder++] = 'S';
        ICSR = 1u << 28;       /* PENDSVSET: same priority, so it tail-chains */
        barrier();
        order[norder++] = 's';
    }
}

void PendSV_Handler(void)
{
    pendsv_calls++;
    order[norder++] = 'P';
}

/* The application's own handler: links beside the kit's BSP (which uses the
 * time base for its USART timeouts) without a duplicate definition. */
void SysTick_Handler(void)
{
    systick_tick();
}

void WWDG_IRQHandler(void)
{
    irq_calls++;
    irq_ipsr = ipsr();
}

/* UsageFault: record CFSR, clear it (write one to clear), skip the faulting
 * instruction (16 or 32 bits, from its first halfword). */
__attribute__((naked)) void UsageFault_Handler(void)
{
    __asm__ volatile("tst lr, #4\n\t"
                     "ite eq\n\t"
                     "mrseq r0, msp\n\t"
                     "mrsne r0, psp\n\t"
                     "b usage_dispatch\n\t");
}

__attribute__((used)) void usage_dispatch(uint32_t *frame)
{
    faults++;
    last_cfsr = CFSR;
    CFSR = last_cfsr;
    uint16_t hw = *(const uint16_t *)frame[6];
    frame[6] += (hw >> 11) >= 0x1d ? 4u : 2u;
}

static uint32_t svc_add(uint32_t x)
{
    register uint32_t r0 __asm__("r0") = x;
    __asm__ volatile("svc #42" : "+r"(r0)::"memory");
    return r0;
}

static uint32_t svc_seven(uint32_t x)
{
    register uint32_t r0 __asm__("r0") = x;
    __asm__ volatile("svc #7" : "+r"(r0)::"memory");
    return r0;
}

int main(void)
{
    printf("thread mode ipsr=%lu\n", (unsigned long)ipsr());

    uint32_t r = svc_add(100);
    printf("svc #42 (100) -> %lu, calls %lu\n", (unsigned long)r, (unsigned long)svc_calls);

    __asm__ volatile("cpsid i" ::: "memory");
    ICSR = 1u << 28;
    barrier();
    uint32_t masked = pendsv_calls;
    __asm__ volatile("cpsie i" ::: "memory");
    barrier();
    printf("pendsv: %lu while masked, %lu after cpsie\n", (unsigned long)masked,
           (unsigned long)pendsv_calls);

    norder = 0;
    order[norder++] = 'T';
    r = svc_seven(1);
    order[norder++] = 't';
    order[norder] = 0;
    printf("svc #7 (1) -> %lu, order %s\n", (unsigned long)r, (const char *)order);

    NVIC_ISER0 = 1u << 0; /* IRQ0 */
    NVIC_STIR = 0;
    barrier();
    printf("irq0 via STIR: %lu call, ipsr in handler %lu\n", (unsigned long)irq_calls,
           (unsigned long)irq_ipsr);

    /* SysTick every 10000 cycles; this program's own SysTick_Handler (the
     * kit leaves the vector free unless systick_init is used) counts the
     * interrupts through the kit's time base.  Sleep in WFI until ten. */
    uint32_t before = systick_millis();
    SYST_RVR = 9999;
    SYST_CVR = 0;
    SYST_CSR = 7; /* ENABLE | TICKINT | CLKSOURCE = processor clock */
    while (systick_millis() - before < 10)
        __asm__ volatile("wfi");
    SYST_CSR = 0;
    uint32_t seen = systick_millis() - before;
    for (volatile int i = 0; i < 100000; i++)
        ;
    printf("systick: %lu interrupts, then stopped: %d\n", (unsigned long)seen,
           systick_millis() - before == seen);

    SHCSR |= 1u << 18; /* USGFAULTENA */
    CCR |= 1u << 4;    /* DIV_0_TRP */
    barrier();
    volatile uint32_t n = 10, d = 0, q = 0x55;
    uint32_t qq = q;
    __asm__ volatile("udiv %0, %1, %2" : "+r"(qq) : "r"(n), "r"(d));
    printf("divide by zero: fault %lu, CFSR %08lx, result kept %lx\n", (unsigned long)faults,
           (unsigned long)last_cfsr, (unsigned long)qq);
    __asm__ volatile("udf #3");
    printf("udf: fault %lu, CFSR %08lx\n", (unsigned long)faults, (unsigned long)last_cfsr);
    printf("CFSR now %08lx\n", (unsigned long)CFSR);
    exit(0);
}
