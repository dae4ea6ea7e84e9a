/* USART: TX timing from BRR at the PCLK, TXE/TC handshakes, RX with RXNE
 * and overrun, interrupts, ICR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "soc_harness.h"

#define U1 0x40013800u
#define CR1 0x00
#define BRR 0x0c
#define ISR 0x1c
#define ICR 0x20
#define RDR 0x24
#define TDR 0x28
#define TXE (1u << 7)
#define TC (1u << 6)
#define RXNE (1u << 5)
#define ORE (1u << 3)


static void enable(struct th *t, uint32_t brr)
{
    wr(t, U1 + BRR, brr);
    wr(t, U1 + CR1, 0xd);                   /* UE, RE, TE */
    assert_true(rd(t, U1 + ISR) & (1u << 21));  /* TEACK */
    assert_true(rd(t, U1 + ISR) & (1u << 22));  /* REACK */
}

static void tx_timing_115200_at_8mhz(void **state)
{
    struct th *t = *state;
    enable(t, 69);                          /* 8 MHz / 115200 */
    assert_int_equal(rd(t, U1 + ISR) & (TXE | TC), TXE | TC);
    uint64_t t0 = t->cycles;
    wr(t, U1 + TDR, 'A');                   /* straight to the shifter */
    assert_int_equal(rd(t, U1 + ISR) & (TXE | TC), TXE);
    wr(t, U1 + TDR, 'B');                   /* waits in TDR */
    assert_int_equal(rd(t, U1 + ISR) & TXE, 0);
    th_advance(t, 689);
    assert_int_equal(t->ntx, 0);
    th_advance(t, 1);                       /* 10 bits x 69 clocks */
    assert_int_equal(t->ntx, 1);
    assert_int_equal(t->tx[0], 'A');
    assert_int_equal(t->tx_at[0] - t0, 690);
    assert_int_equal(rd(t, U1 + ISR) & (TXE | TC), TXE);
    th_advance(t, 690);
    assert_int_equal(t->ntx, 2);
    assert_int_equal(t->tx[1], 'B');
    assert_int_equal(t->tx_at[1] - t0, 1380);
    assert_int_equal(rd(t, U1 + ISR) & (TXE | TC), TXE | TC);
    wr(t, U1 + ICR, TC);
    assert_int_equal(rd(t, U1 + ISR) & TC, 0);
    /* No TX pin in AF7: said once (the bytes still go out). */
    assert_true(th_diag_has(t, "USART1: sending, but none of its TX pins is in AF7"));
}

static void tx_pin_configured(void **state)
{
    struct th *t = *state;
    wr(t, 0x48000800u, 2u << 8);            /* PC4 AF */
    wr(t, 0x48000820u, 7u << 16);           /* AF7 */
    enable(t, 69);
    wr(t, U1 + TDR, 'A');
    assert_false(th_diag_has(t, "TX pins"));
}

static void tx_timing_at_72mhz_pclk2(void **state)
{
    struct th *t = *state;
    wr(t, 0x40021000, rd(t, 0x40021000) | (1u << 18) | (1u << 16));
    wr(t, 0x40021004, 0x001d0400u);
    wr(t, 0x40021000, rd(t, 0x40021000) | (1u << 24));
    wr(t, 0x40021004, 0x001d0402u);
    enable(t, 625);                         /* 72 MHz / 115200 */
    uint64_t t0 = t->cycles;
    wr(t, U1 + TDR, 'x');
    th_advance(t, 10000);
    assert_int_equal(t->ntx, 1);
    assert_int_equal(t->tx_at[0] - t0, 6250);
    /* PCLK2 / 2 with HCLK 72 MHz: BRR counts PCLK2 clocks, each 2 HCLK. */
    wr(t, 0x40021004, 0x001d2402u);         /* PPRE2 = /2 */
    t0 = t->cycles;
    wr(t, U1 + TDR, 'y');
    th_advance(t, 20000);
    assert_int_equal(t->tx_at[1] - t0, 12500);
}

static void rx_and_overrun(void **state)
{
    struct th *t = *state;
    enable(t, 69);
    wr(t, U1 + CR1, 0xd | (1u << 5));       /* RXNEIE */
    soc_usart_rx(&t->soc, 1, "hi!", 3);
    assert_int_equal(rd(t, U1 + ISR) & RXNE, 0);
    th_advance(t, 690);
    assert_true(rd(t, U1 + ISR) & RXNE);
    assert_true(t->irq[37]);
    assert_int_equal(rd(t, U1 + RDR), 'h');
    assert_int_equal(rd(t, U1 + ISR) & RXNE, 0);
    assert_false(t->irq[37]);
    th_advance(t, 690 * 2);                 /* 'i' and '!' arrive, '!' overruns */
    assert_true(rd(t, U1 + ISR) & ORE);
    assert_true(t->irq[37]);
    assert_int_equal(rd(t, U1 + RDR), 'i');
    wr(t, U1 + ICR, ORE);
    assert_int_equal(rd(t, U1 + ISR) & ORE, 0);
    assert_false(t->irq[37]);
}

static void txe_interrupt(void **state)
{
    struct th *t = *state;
    enable(t, 69);
    wr(t, U1 + CR1, 0xd | (1u << 7));       /* TXEIE */
    assert_true(t->irq[37]);
    wr(t, U1 + TDR, 'a');
    wr(t, U1 + TDR, 'b');
    assert_false(t->irq[37]);
    th_advance(t, 690);
    assert_true(t->irq[37]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(tx_timing_115200_at_8mhz, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(tx_timing_at_72mhz_pclk2, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(tx_pin_configured, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(rx_and_overrun, th_setup_clocked, th_teardown),
        cmocka_unit_test_setup_teardown(txe_interrupt, th_setup_clocked, th_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
