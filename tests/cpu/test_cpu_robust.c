/* Faulting and garbage code never crashes or hangs the core: random
 * instruction streams (every encoding space, with random registers) run
 * under the sanitizers, each for a bounded number of cycles.  Checks the
 * invariants that must hold whatever the code does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "harness.h"

static uint32_t rng(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*s >> 33);
}

static void test_random_streams(void **state)
{
    (void)state;
    struct harness *h = harness_new();
    assert_non_null(h);
    uint64_t seed = 0xf3c0de;
    uint32_t code = HARNESS_RAM + 0x1000;
    for (int prog = 0; prog < 20000; prog++) {
        for (uint32_t i = 0; i < 64; i += 2) {
            uint32_t hw = rng(&seed) & 0xffff;
            /* Bias towards 32-bit encodings, which have the most structure. */
            if ((rng(&seed) & 3) == 0)
                hw |= 0xe800;
            assert_true(harness_put16(h, code + i, (uint16_t)hw));
        }
        harness_reset(h, code);
        for (int r = 0; r < 13; r++) {
            uint32_t v = rng(&seed);
            /* Some registers point into RAM so that loads and stores work. */
            h->cpu.r[r] = (v & 1) ? HARNESS_RAM + (v & 0x3ffc) : v;
        }
        cpu_set_xpsr(&h->cpu, (rng(&seed) & 0xf80f0000u) | (1u << 24));
        h->cpu.sys.exit_requested = false;
        enum cpu_stop s = harness_run(h, 500);
        assert_true(s <= CPU_STOP_SYSRESET);
        assert_int_equal(h->cpu.r[15] & 1, 0);
        assert_true(h->cpu.cycles >= 1);
        /* Also through the single-step path. */
        if (!h->cpu.lockup && !h->cpu.halted) {
            for (int k = 0; k < 20; k++)
                cpu_step(&h->cpu);
            assert_int_equal(h->cpu.r[15] & 1, 0);
        }
    }
    harness_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_streams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
