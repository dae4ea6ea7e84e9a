/* The context switch of a small preemptive RTOS, written the way Cortex-M4F
 * ports do it: SysTick (1 ms) pends PendSV at the lowest priority; PendSV
 * saves r4-r11, EXC_RETURN and, when the task used the FPU (EXC_RETURN bit 4
 * clear), s16-s31 on the task's PSP stack, and resumes the other task.  The
 * hardware stacks r0-r3, r12, lr, pc, xPSR and, lazily (FPCCR.LSPEN), s0-s15
 * and FPSCR.  Two tasks run float loops whose results must never change; a
 * lost register shows as a wrong sum.  (ARMv7-M ARM B1.5.6-B1.5.8.)
 * USART1 at HSI 8 MHz reports "rtos: A ok B ok" after 300 ms. */
#include "regs.h"
#include "serial.h"

#define SCB_ICSR REG(0xE000ED04u)
#define SCB_SHPR3 REG(0xE000ED20u)
#define FPCCR REG(0xE000EF34u)

static uint32_t stack_a[256] __attribute__((aligned(8)));
static uint32_t stack_b[256] __attribute__((aligned(8)));
static uint32_t idle_frame[64] __attribute__((aligned(8)));
uint32_t rtos_sp[3];        /* saved PSP per task: A, B, the start-up thread */
uint32_t rtos_current = 2;  /* the start-up thread until the first switch */
static volatile uint32_t ticks, runs_a, runs_b, bad_a, bad_b;

static float sum_a(void)
{
    volatile float step = 0.5f;
    float acc = 0.0f;
    for (int i = 1; i <= 100; i++)
        acc += step * (float)i;
    return acc; /* 2525 */
}

static float sum_b(void)
{
    volatile float step = 0.25f;
    float acc = 1000.0f;
    for (int i = 1; i <= 100; i++)
        acc -= step * (float)i;
    return acc; /* -262.5 */
}

static void task_a(void)
{
    for (;;) {
        if (sum_a() != 2525.0f)
            bad_a++;
        if ((++runs_a & 0x3Fu) == 0)
            GPIO_ODR(GPIOE_BASE) ^= 1u << LD3_PIN;
    }
}

static void task_b(void)
{
    for (;;) {
        if (sum_b() != -262.5f)
            bad_b++;
        if ((++runs_b & 0x3Fu) == 0)
            GPIO_ODR(GPIOE_BASE) ^= 1u << LD7_PIN;
    }
}

/* A stack as PendSV would leave it: r4-r11, EXC_RETURN (thread, PSP, no FP
 * frame), then the hardware frame r0-r3, r12, lr, pc, xPSR (Thumb). */
static uint32_t initial_sp(uint32_t *stack, unsigned words, void (*entry)(void))
{
    uint32_t *sp = stack + words - 17;
    for (int i = 0; i < 8; i++)
        sp[i] = 0;               /* r4-r11 */
    sp[8] = 0xFFFFFFFDu;         /* EXC_RETURN */
    for (int i = 9; i < 14; i++)
        sp[i] = 0;               /* r0-r3, r12 */
    sp[14] = 0xFFFFFFFFu;        /* lr: tasks never return */
    sp[15] = (uint32_t)entry;    /* pc */
    sp[16] = 0x01000000u;        /* xPSR: T */
    return (uint32_t)sp;
}

void SysTick_Handler(void)
{
    ticks++;
    if (ticks == 300u) {
        serial_puts("rtos:");
        serial_puts(runs_a > 100u && !bad_a ? " A ok" : " A bad");
        serial_puts(runs_b > 100u && !bad_b ? " B ok" : " B bad");
        serial_puts("\r\n");
    }
    SCB_ICSR = 1u << 28; /* PENDSVSET */
}

__attribute__((naked)) void PendSV_Handler(void)
{
    __asm volatile(
        "mrs r0, psp\n"
        "isb\n"
        "tst lr, #0x10\n"
        "it eq\n"
        "vstmdbeq r0!, {s16-s31}\n"
        "stmdb r0!, {r4-r11, lr}\n"
        "ldr r2, =rtos_current\n"
        "ldr r1, [r2]\n"
        "ldr r3, =rtos_sp\n"
        "str r0, [r3, r1, lsl #2]\n"
        "cmp r1, #0\n"
        "ite eq\n"
        "moveq r1, #1\n"
        "movne r1, #0\n"
        "str r1, [r2]\n"
        "ldr r0, [r3, r1, lsl #2]\n"
        "ldmia r0!, {r4-r11, lr}\n"
        "tst lr, #0x10\n"
        "it eq\n"
        "vldmiaeq r0!, {s16-s31}\n"
        "msr psp, r0\n"
        "isb\n"
        "bx lr\n");
}

void SystemInit(void)
{
    SCB_CPACR |= (3u << 20) | (3u << 22);
    __asm volatile("dsb\n\tisb");
}

int main(void)
{
    serial_init(8000000u, 0);
    RCC_AHBENR |= RCC_AHBENR_GPIOEEN;
    GPIO_MODER(GPIOE_BASE) |= (1u << (LD3_PIN * 2)) | (1u << (LD7_PIN * 2));
    serial_puts(FPCCR & (1u << 30) ? "rtos: lazy FP stacking on\r\n" : "rtos: LSPEN off\r\n");
    rtos_sp[0] = initial_sp(stack_a, 256, task_a);
    rtos_sp[1] = initial_sp(stack_b, 256, task_b);
    SCB_SHPR3 = (SCB_SHPR3 & 0x0000FFFFu) | (0x00u << 24) | (0xFFu << 16); /* SysTick 0, PendSV lowest */
    /* The start-up thread moves to PSP so that PendSV can save it like a task. */
    __asm volatile("msr psp, %0\n\tmovs r0, #2\n\tmsr control, r0\n\tisb"
                   :: "r"((uint32_t)(idle_frame + 64)) : "r0", "memory");
    SYST_RVR = 8000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = 7u;
    for (;;)
        __asm volatile("wfi");
}
