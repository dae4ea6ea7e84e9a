/* FLASH interface: unlock sequence and lock, programming rules and errors,
 * erase, option bytes and write protection, code-change notification. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "soc_harness.h"

#define FLASH_KEYR 0x40022004u
#define FLASH_OPTKEYR 0x40022008u
#define FLASH_SR 0x4002200cu
#define FLASH_CR 0x40022010u
#define FLASH_AR 0x40022014u
#define FLASH_WRPR 0x40022020u
#define KEY1 0x45670123u
#define KEY2 0xCDEF89ABu
#define LOCK (1u << 7)

static int setup(void **state)
{
    *state = th_new();
    return 0;
}

static int teardown(void **state)
{
    th_free(*state);
    return 0;
}

static void unlock(struct th *t)
{
    wr(t, FLASH_KEYR, KEY1);
    wr(t, FLASH_KEYR, KEY2);
}

static uint32_t rd16(struct th *t, uint32_t a)
{
    uint32_t v;
    assert_true(bus_read(&t->bus, a, 2, &v));
    return v;
}

static void key_sequence_and_lock(void **state)
{
    struct th *t = *state;
    assert_int_equal(rd(t, FLASH_CR), LOCK);
    wr(t, FLASH_CR, 1);                         /* locked: ignored */
    assert_int_equal(rd(t, FLASH_CR), LOCK);
    unlock(t);
    assert_int_equal(rd(t, FLASH_CR), 0);
    wr(t, FLASH_CR, 1);
    assert_int_equal(rd(t, FLASH_CR), 1);
    wr(t, FLASH_CR, LOCK);                      /* relock */
    assert_int_equal(rd(t, FLASH_CR) & LOCK, LOCK);
    unlock(t);
    assert_int_equal(rd(t, FLASH_CR) & LOCK, 0);
}

static void wrong_key_locks_until_reset(void **state)
{
    struct th *t = *state;
    wr(t, FLASH_KEYR, KEY1);
    wr(t, FLASH_KEYR, 0x12345678);
    unlock(t);
    assert_int_equal(rd(t, FLASH_CR) & LOCK, LOCK);
    assert_true(th_diag_has(t, "wrong FLASH_KEYR sequence"));
    soc_reset(&t->soc, SOC_RESET_PIN);
    unlock(t);
    assert_int_equal(rd(t, FLASH_CR) & LOCK, 0);
}

static void program_rules(void **state)
{
    struct th *t = *state;
    const uint32_t a = 0x08001000u;
    unsigned notes = t->code_writes;
    /* Without PG: nothing happens. */
    assert_true(bus_write(&t->bus, a, 2, 0x1234));
    assert_int_equal(rd16(t, a), 0xffff);
    unlock(t);
    wr(t, FLASH_CR, 1);                         /* PG */
    wr16(t, a, 0x1234);
    assert_int_equal(rd16(t, a), 0x1234);
    assert_int_equal(rd(t, FLASH_SR) & 0x25, 0x20);     /* EOP, not BSY */
    assert_true(t->code_writes > notes);        /* the core is told */
    wr(t, FLASH_SR, 0x20);
    assert_int_equal(rd(t, FLASH_SR), 0);
    /* Not erased: PGERR, no change. */
    wr16(t, a, 0x5678);
    assert_int_equal(rd16(t, a), 0x1234);
    assert_int_equal(rd(t, FLASH_SR) & 0x4, 0x4);
    wr(t, FLASH_SR, 0x4);
    /* 0x0000 always programs. */
    wr16(t, a, 0);
    assert_int_equal(rd16(t, a), 0);
    /* Byte and word writes are refused with a bus error. */
    assert_false(bus_write(&t->bus, a + 2, 1, 0x12));
    assert_false(bus_write(&t->bus, a + 4, 4, 0x12345678));
    assert_int_equal(rd(t, a + 4), 0xffffffffu);
    /* Programming through the alias at 0 reaches the same cell. */
    wr16(t, 0x1008, 0xbeef);
    assert_int_equal(rd16(t, a + 8), 0xbeef);
}

static void page_and_mass_erase(void **state)
{
    struct th *t = *state;
    unlock(t);
    wr(t, FLASH_CR, 1);
    wr16(t, 0x08000800u, 0x1111);               /* page 1 */
    wr16(t, 0x08001000u, 0x2222);               /* page 2 */
    wr(t, FLASH_CR, 0);
    wr(t, FLASH_CR, 2);                         /* PER */
    wr(t, FLASH_AR, 0x08000900u);               /* inside page 1 */
    wr(t, FLASH_CR, 2 | (1u << 6));             /* STRT */
    assert_int_equal(rd(t, FLASH_CR) & (1u << 6), 0);
    assert_int_equal(rd(t, FLASH_SR) & 0x21, 0x20);
    assert_int_equal(rd16(t, 0x08000800u), 0xffff);
    assert_int_equal(rd16(t, 0x08001000u), 0x2222);
    wr(t, FLASH_CR, 4);                         /* MER */
    wr(t, FLASH_CR, 4 | (1u << 6));
    assert_int_equal(rd16(t, 0x08001000u), 0xffff);
    assert_int_equal(rd(t, 0x0803fffcu), 0xffffffffu);
}

static void write_protection(void **state)
{
    struct th *t = *state;
    unlock(t);
    wr(t, FLASH_OPTKEYR, KEY1);
    wr(t, FLASH_OPTKEYR, KEY2);
    assert_true(rd(t, FLASH_CR) & (1u << 9));   /* OPTWRE */
    wr(t, FLASH_CR, (1u << 9) | (1u << 5));     /* OPTER */
    wr(t, FLASH_CR, (1u << 9) | (1u << 5) | (1u << 6));
    wr(t, FLASH_CR, (1u << 9) | (1u << 4));     /* OPTPG */
    wr16(t, 0x1FFFF800u, 0xaa);                 /* RDP level 0 */
    wr16(t, 0x1FFFF808u, 0xfe);                 /* WRP0 bit 0: pages 0-1 protected */
    assert_int_equal(rd16(t, 0x1FFFF808u), 0x01fe);
    /* Effective after a reset. */
    assert_int_equal(rd(t, FLASH_WRPR), 0xffffffffu);
    soc_reset(&t->soc, SOC_RESET_PIN);
    assert_int_equal(rd(t, FLASH_WRPR) & 0xff, 0xfe);
    unlock(t);
    wr(t, FLASH_CR, 1);
    wr16(t, 0x08000100u, 0x1234);
    assert_int_equal(rd16(t, 0x08000100u), 0xffff);
    assert_int_equal(rd(t, FLASH_SR) & 0x10, 0x10);     /* WRPRTERR */
    wr16(t, 0x08001000u, 0x1234);               /* page 2 is free */
    assert_int_equal(rd16(t, 0x08001000u), 0x1234);
}

static void eop_interrupt(void **state)
{
    struct th *t = *state;
    unlock(t);
    wr(t, FLASH_CR, 1 | (1u << 12));            /* PG, EOPIE */
    wr16(t, 0x08000000u, 0x0001);
    assert_true(t->irq[4]);
    wr(t, FLASH_SR, 0x20);
    assert_false(t->irq[4]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(key_sequence_and_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(wrong_key_locks_until_reset, setup, teardown),
        cmocka_unit_test_setup_teardown(program_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(page_and_mass_erase, setup, teardown),
        cmocka_unit_test_setup_teardown(write_protection, setup, teardown),
        cmocka_unit_test_setup_teardown(eop_interrupt, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
