/* The device description parser (tools/devparse.c): the real data file and
 * malformed descriptions, which must be rejected with a located message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "devmodel.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void data_file_has_98_vectors(void **state)
{
    (void)state;
    struct dm_device *d = calloc(1, sizeof *d);
    char *text = slurp(F3KIT_DEVICE_DATA);
    assert_int_equal(dm_parse(d, text, F3KIT_DEVICE_DATA, stderr), 0);
    int defined = 0;
    for (int i = 0; i < DM_NUM_VECTORS; i++)
        defined += d->vectors[i].defined;
    assert_int_equal(defined, 98);
    assert_string_equal(d->vectors[15].name, "SysTick");
    assert_string_equal(d->vectors[22].name, "EXTI0");
    assert_string_equal(d->vectors[53].name, "USART1");
    assert_string_equal(d->vectors[97].name, "FPU");
    assert_true(d->vectors[0].reserved);
    assert_true(d->vectors[1].rt);
    assert_string_equal(d->name, "STM32F303xC");
    free(text);
    free(d);
}

/* A minimal valid description plus `extra`; or with vector `skip` left out. */
static char *doc(const char *extra, int skip)
{
    size_t cap = 8192 + strlen(extra);
    char *s = malloc(cap);
    assert_non_null(s);
    size_t n = (size_t)snprintf(s, cap, "device TEST\n");
    for (int i = 0; i < DM_NUM_VECTORS; i++) {
        if (i == skip)
            continue;
        if (i == 0 || (i >= 7 && i <= 10))
            n += (size_t)snprintf(s + n, cap - n, "vector %d - \"r\"\n", i);
        else if (i == 1)
            n += (size_t)snprintf(s + n, cap - n, "vector 1 Reset rt \"reset\"\n");
        else
            n += (size_t)snprintf(s + n, cap - n, "vector %d V%d \"v\"\n", i, i);
    }
    snprintf(s + n, cap - n, "%s", extra);
    return s;
}

/* Parses and returns the error text ("" on success). */
static char *parse_msg(const char *text)
{
    static char msg[512];
    struct dm_device *d = calloc(1, sizeof *d);
    FILE *err = tmpfile();
    assert_non_null(err);
    int rc = dm_parse(d, text, "t.dev", err);
    rewind(err);
    size_t n = fread(msg, 1, sizeof msg - 1, err);
    msg[n] = '\0';
    fclose(err);
    free(d);
    assert_true(rc == 0 ? n == 0 : n > 0);
    return msg;
}

static void expect_error(const char *extra, int skip, const char *needle)
{
    char *t = doc(extra, skip);
    char *m = parse_msg(t);
    if (!strstr(m, needle))
        fail_msg("expected an error containing '%s', got '%s'", needle, m);
    assert_non_null(strstr(m, "t.dev:"));
    free(t);
}

static void minimal_doc_parses(void **state)
{
    (void)state;
    char *t = doc("block B \"b\"\nreg CR 0x0 0x5 rw \"c\"\nfield EN 0 1 \"e\"\nend\n"
                  "periph P 0x40000000 0x400 APB1 B APB1ENR.3 5,6 \"p\"\nreset P CR 0x7\n", -1);
    struct dm_device *d = calloc(1, sizeof *d);
    assert_int_equal(dm_parse(d, t, "t.dev", stderr), 0);
    assert_int_equal(d->num_periphs, 1);
    assert_int_equal(d->periphs[0].num_irqs, 2);
    assert_int_equal(dm_reset_value(d, 0, 0), 7u);
    free(d);
    free(t);
}

static void rejects_malformed(void **state)
{
    (void)state;
    expect_error("", 53, "vector 53 is missing");
    expect_error("vector 98 X \"x\"\n", -1, "out of range");
    expect_error("vector 5 Y \"x\"\n", -1, "defined twice");
    expect_error("bogus 1 2\n", -1, "unknown keyword");
    expect_error("region R flash 0x0 \"x\"\n", -1, "expected: region");
    expect_error("region R rom 0x0 0x10 \"x\"\n", -1, "region kind");
    expect_error("region R flash 0xFFFFFFF0 0x100 \"x\"\n", -1, "below 4 GiB");
    expect_error("block B \"b\"\nreg CR 0x2 0 rw \"c\"\nend\n", -1, "multiple of 4");
    expect_error("block B \"b\"\nreg CR 0x4 0 rw \"c\"\nreg SR 0x0 0 rw \"c\"\nend\n", -1,
                 "increasing offset");
    expect_error("block B \"b\"\nreg CR 0x0 0 rw \"c\"\nfield F 30 4 \"f\"\nend\n", -1,
                 "do not fit");
    expect_error("block B \"b\"\nreg CR 0x0 0 rw \"c\"\nfield F 0 4 \"f\"\nfield G 3 1 \"g\"\n"
                 "end\n", -1, "overlaps field F");
    expect_error("block B \"b\"\nreg CR 0x0 0 xx \"c\"\nend\n", -1, "access 'xx'");
    expect_error("block B \"b\"\nreg CR 0x0 0 rw \"c\"\n", -1, "not closed");
    expect_error("periph P 0x40000000 0x400 APB1 NOBLOCK - - \"p\"\n", -1, "not defined");
    expect_error("periph P 0x40000000 0x400 APB1 - - - \"p\"\n"
                 "periph Q 0x400003FC 0x400 APB1 - - - \"q\"\n", -1, "overlaps P");
    expect_error("periph P 0x40000000 0x400 APB1 - AHBENR 1 \"p\"\n", -1, "REGISTER.BIT");
    expect_error("periph P 0x40000000 0x400 APB1 - - 82 \"p\"\n", -1, "IRQ 82 out of range");
    expect_error("periph P 0x40000000 0x400 APB1 - - - \"p\n", -1, "unterminated");
    expect_error("periph 9P 0x40000000 0x400 APB1 - - - \"p\"\n", -1, "must start with");
    expect_error("reset P CR 1\n", -1, "not defined");
    expect_error("const X 0x1ffffffff \"x\"\n", -1, "32-bit");
    expect_error("", 1, "vector 1 is missing");
    char *t = doc("", -1);
    char *bad = strstr(t, "vector 1 Reset");
    memcpy(bad, "vector 1 Rxset", 14);
    assert_non_null(strstr(parse_msg(t), "must be named Reset"));
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(data_file_has_98_vectors),
        cmocka_unit_test(minimal_doc_parses),
        cmocka_unit_test(rejects_malformed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
