/* cmocka helpers shared by the directed CPU tests: assemble a program into
 * a fresh harness, reset into it and (optionally) run it to an expected stop.
 * Include after <cmocka.h> and "harness.h". */
#ifndef F3KIT_TESTS_HARNESS_ASSERT_H
#define F3KIT_TESTS_HARNESS_ASSERT_H

/* A new harness with `src` assembled at HARNESS_CODE and the core reset
 * into it. */
static inline struct harness *harness_load_asm(const char *src)
{
    struct harness *h = harness_new();
    assert_non_null(h);
    assert_true(harness_asm(h, HARNESS_CODE, src) > 0);
    harness_reset(h, HARNESS_CODE);
    return h;
}

/* The same, then run for at most `cycles`, which must end with `want`. */
static inline struct harness *harness_run_asm(const char *src, uint64_t cycles,
                                              enum cpu_stop want)
{
    struct harness *h = harness_load_asm(src);
    assert_int_equal(harness_run(h, cycles), want);
    return h;
}

#endif
