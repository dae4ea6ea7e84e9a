/* The bus: memory fast paths, devices, unmapped errors, code-page hooks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bus/bus.h"

struct fake_dev {
    uint32_t last_off, last_val;
    unsigned last_size, reads, writes;
    uint32_t reg;
};

static bool fake_read(void *ctx, uint32_t off, unsigned size, uint32_t *v)
{
    struct fake_dev *d = ctx;
    d->reads++;
    d->last_off = off;
    d->last_size = size;
    if (off >= 0x100)
        return false;
    *v = d->reg + off;
    return true;
}

static bool fake_write(void *ctx, uint32_t off, unsigned size, uint32_t v)
{
    struct fake_dev *d = ctx;
    d->writes++;
    d->last_off = off;
    d->last_size = size;
    d->last_val = v;
    return off < 0x100;
}

struct hook_log {
    unsigned calls;
    uint32_t addr, len;
};

static void hook(void *ctx, uint32_t addr, uint32_t len)
{
    struct hook_log *h = ctx;
    h->calls++;
    h->addr = addr;
    h->len = len;
}

static struct bus *new_bus(void)
{
    struct bus *b = malloc(sizeof *b);
    assert_non_null(b);
    bus_init(b);
    return b;
}

static void del_bus(struct bus *b)
{
    bus_free(b);
    free(b);
}

static void ram_roundtrip_little_endian(void **state)
{
    (void)state;
    struct bus *b = new_bus();
    uint8_t *ram = calloc(1, 40 * 1024);
    assert_int_equal(bus_map_memory(b, 0x20000000, 40 * 1024, ram, true, NULL), 0);
    assert_true(bus_write(b, 0x20000010, 4, 0x11223344));
    assert_int_equal(ram[0x10], 0x44);
    assert_int_equal(ram[0x13], 0x11);
    uint32_t v = 0;
    assert_true(bus_read(b, 0x20000012, 2, &v));
    assert_int_equal(v, 0x1122);
    assert_true(bus_read(b, 0x20000011, 4, &v)); /* unaligned: split into bytes */
    assert_int_equal(v, 0x00112233);
    /* last byte of RAM, and the first byte past it */
    assert_true(bus_write(b, 0x20009fff, 1, 0xab));
    assert_false(bus_write(b, 0x2000a000, 1, 0));
    assert_false(bus_read(b, 0x2000a000, 4, &v));
    /* a word straddling the end fails as a whole read */
    assert_false(bus_read(b, 0x20009ffe, 4, &v));
    del_bus(b);
    free(ram);
}

static void unmapped_and_bad_sizes_fail(void **state)
{
    (void)state;
    struct bus *b = new_bus();
    uint32_t v = 0;
    assert_false(bus_read(b, 0xfffffffe, 2, &v));
    assert_false(bus_read(b, 0, 4, &v));
    assert_false(bus_write(b, 0x40000000, 4, 1));
    uint8_t mem[1024];
    assert_int_equal(bus_map_memory(b, 0x1000, 1024, mem, true, NULL), 0);
    assert_false(bus_read(b, 0x1000, 3, &v));
    assert_false(bus_write(b, 0x1000, 8, 0));
    /* misaligned or empty mappings are refused */
    assert_int_equal(bus_map_memory(b, 0x1001, 1024, mem, true, NULL), -1);
    assert_int_equal(bus_map_memory(b, 0x2000, 0, mem, true, NULL), -1);
    assert_int_equal(bus_map_memory(b, 0xfffffc00, 2048, mem, true, NULL), -1);
    del_bus(b);
}

static void device_offsets_and_errors(void **state)
{
    (void)state;
    struct bus *b = new_bus();
    struct fake_dev d = {.reg = 0x1000};
    struct bus_device dev = {"fake", &d, fake_read, fake_write};
    assert_int_equal(bus_map_device(b, 0x40021000, 1024, &dev), 0);
    uint32_t v = 0;
    assert_true(bus_read(b, 0x40021004, 4, &v));
    assert_int_equal(v, 0x1004);
    assert_int_equal(d.last_size, 4);
    assert_true(bus_write(b, 0x40021008, 2, 0xbeef));
    assert_int_equal(d.last_off, 8);
    assert_int_equal(d.last_val, 0xbeef);
    /* the device refuses offsets >= 0x100: that is a bus error */
    assert_false(bus_read(b, 0x40021200, 4, &v));
    assert_false(bus_write(b, 0x40021200, 4, 0));
    /* devices have no fast path */
    assert_null(bus_read_ptr(b, 0x40021000, 4));
    assert_null(bus_write_ptr(b, 0x40021000, 4));
    bus_unmap(b, 0x40021000, 1024);
    assert_false(bus_read(b, 0x40021004, 4, &v));
    del_bus(b);
}

static void read_only_memory_routes_writes_to_device(void **state)
{
    (void)state;
    struct bus *b = new_bus();
    uint8_t *flash = malloc(2048);
    memset(flash, 0xff, 2048);
    struct fake_dev d = {0};
    struct bus_device ctl = {"flashctl", &d, fake_read, fake_write};
    assert_int_equal(bus_map_memory(b, 0x08000000, 2048, flash, false, &ctl), 0);
    uint32_t v = 0;
    assert_true(bus_read(b, 0x08000004, 4, &v));
    assert_int_equal(v, 0xffffffff);
    assert_non_null(bus_read_ptr(b, 0x08000000, 4));
    assert_null(bus_write_ptr(b, 0x08000000, 4));
    assert_true(bus_write(b, 0x08000010, 2, 0x1234));
    assert_int_equal(d.writes, 1);
    assert_int_equal(d.last_off, 0x10);
    assert_int_equal(flash[0x10], 0xff); /* the device decides; memory untouched */
    del_bus(b);
    free(flash);
}

static void fast_pointers_stay_inside_a_page(void **state)
{
    (void)state;
    struct bus *b = new_bus();
    uint8_t *ram = calloc(1, 2048);
    assert_int_equal(bus_map_memory(b, 0x20000000, 2048, ram, true, NULL), 0);
    assert_ptr_equal(bus_read_ptr(b, 0x20000404, 4), ram + 0x404);
    assert_null(bus_read_ptr(b, 0x200003fe, 4)); /* crosses a page */
    assert_ptr_equal(bus_write_ptr(b, 0x200007fc, 4), ram + 0x7fc);
    del_bus(b);
    free(ram);
}

static void code_pages_notify_on_write(void **state)
{
    (void)state;
    struct bus *b = new_bus();
    uint8_t *ram = calloc(1, 4096);
    struct hook_log h = {0};
    b->code_write = hook;
    b->code_write_ctx = &h;
    assert_int_equal(bus_map_memory(b, 0x20000000, 4096, ram, true, NULL), 0);
    bus_set_code_page(b, 0x20000400, true);
    assert_null(bus_write_ptr(b, 0x20000400, 4));
    assert_non_null(bus_write_ptr(b, 0x20000000, 4));
    assert_true(bus_write(b, 0x20000404, 4, 0xdeadbeef));
    assert_int_equal(h.calls, 1);
    assert_int_equal(h.addr, 0x20000404);
    assert_int_equal(ram[0x404], 0xef);
    assert_true(bus_write(b, 0x20000004, 4, 1)); /* not code: no hook */
    assert_int_equal(h.calls, 1);
    bus_notify_write(b, 0x200003f0, 0x20); /* touches the code page */
    assert_int_equal(h.calls, 2);
    assert_int_equal(h.addr, 0x20000400);
    bus_set_code_page(b, 0x20000400, false);
    assert_non_null(bus_write_ptr(b, 0x20000400, 4));
    del_bus(b);
    free(ram);
}

static void block_transfers_stop_at_errors(void **state)
{
    (void)state;
    struct bus *b = new_bus();
    uint8_t *ram = calloc(1, 1024);
    assert_int_equal(bus_map_memory(b, 0x20000000, 1024, ram, true, NULL), 0);
    uint8_t src[64], dst[64];
    for (int i = 0; i < 64; i++)
        src[i] = (uint8_t)(i * 7);
    assert_int_equal(bus_write_block(b, 0x200003e0, src, 64), 32);
    assert_int_equal(bus_read_block(b, 0x200003e0, dst, 64), 32);
    assert_memory_equal(src, dst, 32);
    assert_int_equal(bus_read_block(b, 0x20000000, dst, 0), 0);
    del_bus(b);
    free(ram);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ram_roundtrip_little_endian),
        cmocka_unit_test(unmapped_and_bad_sizes_fail),
        cmocka_unit_test(device_offsets_and_errors),
        cmocka_unit_test(read_only_memory_routes_writes_to_device),
        cmocka_unit_test(fast_pointers_stay_inside_a_page),
        cmocka_unit_test(code_pages_notify_on_write),
        cmocka_unit_test(block_transfers_stop_at_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
