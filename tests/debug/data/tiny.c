/* A minimal Cortex-M4F image for the debug-server end-to-end tests: a
 * vector table, a counter, an FPU variable, semihosting output, and padding
 * so `program` spans two flash pages. */
volatile int counter;
float fv = 1.5f;

/* SYS_WRITE0 (0x04) through the semihosting BKPT. */
static void say(const char *s)
{
    register unsigned r0 __asm__("r0") = 0x04;
    register const char *r1 __asm__("r1") = s;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
}

static void bump(void)
{
    counter++;
}

int main(void)
{
    /* CPACR: full access to CP10/CP11 before the first FPU instruction. */
    *(volatile unsigned *)0xE000ED88 |= 0xFu << 20;
    say("tiny: hello\n");
    for (;;) {
        bump();
        fv *= 1.01f;
    }
}

void Reset_Handler(void)
{
    main();
}

__attribute__((section(".vectors"))) const void *const vectors[] = {
    (void *)0x2000A000, (void *)Reset_Handler,
};

static const unsigned char pad[3000] = {1, 2, 3};
const unsigned char *const padp = pad;
