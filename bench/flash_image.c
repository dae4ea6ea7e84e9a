/* The 200 KiB image the flash benchmarks program: a vector table and a
 * block of pseudo-random constant data (random, so no byte pattern makes
 * programming look cheaper than it is). */
#define BLOB_SIZE (200u * 1024u - 64u)

extern const unsigned char blob[BLOB_SIZE];

void Reset_Handler(void)
{
    volatile unsigned sum = 0;
    for (unsigned i = 0; i < BLOB_SIZE; i += 4096)
        sum += blob[i];
    for (;;)
        ;
}

__attribute__((section(".vectors"))) const void *const vectors[] = {
    (void *)0x2000A000, (void *)Reset_Handler,
};
