/* Each rule on a synthetic firmware: the good image passes every rule, and
 * each mutation fails exactly the rule it targets, with its message. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "elf_builder.h"

struct run {
    uint8_t *file;
    struct elf_image img;
    struct check_report rep;
};

static void evaluate(struct run *r, const struct eb_spec *s, uint32_t vtor)
{
    size_t n;
    char err[256];
    r->file = eb_build(s, &n);
    if (elf_image_open_mem(r->file, n, &r->img, err, sizeof err))
        fail_msg("synthetic image rejected: %s", err);
    struct check_config cfg = {vtor};
    assert_int_equal(check_evaluate(&r->img, &cfg, "synthetic.elf", &r->rep), 0);
}

static void finish(struct run *r)
{
    check_report_free(&r->rep);
    elf_image_close(&r->img);
    free(r->file);
}

/* Rule `id` has `status` and its message contains `text` (when given). */
static void expect(const struct run *r, const char *id, enum check_status status, const char *text)
{
    const struct check_result *res = check_find(&r->rep, id);
    if (!res)
        fail_msg("no rule %s", id);
    if (res->status != status)
        fail_msg("%s is %s, expected %s: %s", id, check_status_name(res->status),
                 check_status_name(status), res->message);
    if (text && !strstr(res->message, text))
        fail_msg("%s message '%s' lacks '%s'", id, res->message, text);
    if (status == CHECK_FAIL || status == CHECK_WARN)
        assert_true(res->hint[0] != '\0');
    else
        assert_true(res->hint[0] == '\0');
}

/* Every rule but those listed passes. */
static void others_pass(const struct run *r, const char *const *except)
{
    for (size_t i = 0; i < r->rep.nresults; i++) {
        const struct check_result *res = &r->rep.results[i];
        bool listed = false;
        for (const char *const *e = except; *e; e++)
            listed |= !strcmp(*e, res->rule->id);
        if (!listed && res->status != CHECK_PASS)
            fail_msg("%s unexpectedly %s: %s", res->rule->id, check_status_name(res->status),
                     res->message);
    }
}

/* Vector slots 2..97 that the device names (not reserved): the good
 * firmware fills each of them. */
static unsigned named_slots(void)
{
    unsigned n = 0;
    for (int i = 2; i < DEVICE_NUM_VECTORS; i++)
        n += device_vectors[i].name != NULL && !(i >= 7 && i <= 10) && i != 13;
    return n;
}

static void table_is_well_formed(void **state)
{
    (void)state;
    assert_true(check_num_rules >= 20);
    for (size_t i = 0; i < check_num_rules; i++) {
        const struct check_rule *r = &check_rules[i];
        assert_int_equal(strlen(r->id), 6);
        assert_memory_equal(r->id, "F3C", 3);
        assert_non_null(r->fn);
        assert_true(r->hint && *r->hint);
        assert_true(r->title && *r->title);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(r->id, check_rules[j].id);
    }
}

static void good_firmware_passes_every_rule(void **state)
{
    (void)state;
    struct eb_spec s;
    eb_good_firmware(&s);
    struct run r;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    static const char *const none[] = {NULL};
    others_pass(&r, none);
    assert_true(r.rep.valid);
    assert_int_equal(r.rep.errors, 0);
    assert_int_equal(r.rep.warnings, 0);
    assert_int_equal(r.rep.facts.nvec, 98);
    assert_string_equal(r.rep.facts.vec_source, "section .vector_table");
    assert_int_equal(r.rep.facts.flash_bytes, 456 + 16);
    expect(&r, "F3C034", CHECK_PASS, "472 bytes, 0.2% of the 256 KiB");
    expect(&r, "F3C021", CHECK_PASS, "is in RAM (its end)");
    char used[64];
    snprintf(used, sizeof used, "%u used exception/IRQ vectors", named_slots());
    expect(&r, "F3C024", CHECK_PASS, used);
    finish(&r);
}

static void header_rules(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.machine = EM_X86_64;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C002", CHECK_FAIL, "EM_X86_64 (62)");
    assert_false(r.rep.valid);
    finish(&r);

    eb_good_firmware(&s);
    s.type = ET_REL;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C003", CHECK_FAIL, "ET_REL");
    assert_non_null(strstr(check_find(&r.rep, "F3C003")->hint, "compiled with -c"));
    finish(&r);

    eb_good_firmware(&s);
    s.flags = 0x04000400;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C004", CHECK_WARN, "EABI version 4");
    assert_true(r.rep.valid);   /* a warning does not invalidate */
    finish(&r);
}

static void class_rule_on_a_hand_made_image(void **state)
{
    (void)state;
    /* The reader refuses ELF64, so the rule is exercised on an image value. */
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    check_report_free(&r.rep);
    r.img.ei_data = ELFDATA2MSB;
    struct check_config cfg = {CHECK_DEFAULT_VTOR};
    check_evaluate(&r.img, &cfg, "x", &r.rep);
    expect(&r, "F3C001", CHECK_FAIL, "not little-endian");
    finish(&r);
}

/* The seed tutorial's failure: linked without memory.x/link.x. */
static void no_linker_script(void **state)
{
    (void)state;
    static const uint8_t code[8] = {0};
    struct eb_spec s = {0};
    s.type = ET_EXEC;
    s.machine = EM_ARM;
    s.flags = 0x05000400;
    s.entry = 0;
    s.seg[0] = (struct eb_seg){PT_LOAD, PF_R | PF_X, 0x8000, 0x8000, 8, code, 8};
    s.nseg = 1;
    s.sec[0] = (struct eb_sec){".ARM.attributes", SHT_ARM_ATTRIBUTES, 0, 0, eb_attrs_hard,
                               (uint32_t)eb_attrs_hard_len};
    s.nsec = 1;
    struct run r;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C012", CHECK_FAIL,
           "entry point 0x00000000 is not in FLASH (0x08000000..0x0803FFFF): the firmware was "
           "linked without the kit's memory.x/link.x");
    assert_string_equal(check_find(&r.rep, "F3C012")->hint,
                        "link with the kit's memory.x and link.x (-T link.x)");
    expect(&r, "F3C010", CHECK_FAIL, "nothing is programmed into FLASH");
    expect(&r, "F3C011", CHECK_FAIL, "no vector table at 0x08000000");
    expect(&r, "F3C013", CHECK_FAIL, "even");
    expect(&r, "F3C014", CHECK_SKIP, NULL);
    expect(&r, "F3C025", CHECK_SKIP, NULL);
    expect(&r, "F3C026", CHECK_SKIP, NULL);
    expect(&r, "F3C020", CHECK_SKIP, NULL);
    expect(&r, "F3C030", CHECK_FAIL, "outside FLASH");
    assert_false(r.rep.valid);
    finish(&r);

    /* nothing loadable at all */
    s.nseg = 0;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C010", CHECK_FAIL, "no loadable bytes at all");
    expect(&r, "F3C012", CHECK_FAIL, "linked without the kit's memory.x/link.x");
    finish(&r);
}

static void entry_rules(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.entry = EB_RESET + 2;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C014", CHECK_FAIL, "entry point 0x0800018B differs from the reset vector 0x08000189");
    static const char *const only14[] = {"F3C014", NULL};
    others_pass(&r, only14);
    finish(&r);

    eb_good_firmware(&s);
    s.entry = EB_RESET - 1;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C013", CHECK_FAIL, "0x08000188 is even");
    finish(&r);

    eb_good_firmware(&s);
    s.entry = 0x20000001;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C012", CHECK_FAIL, "entry point 0x20000001 is not in FLASH (0x08000000..0x0803FFFF)");
    finish(&r);
}

static void stack_pointer_rules(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    eb_set_vector(&s, 0, 0x20009ffc);
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C020", CHECK_FAIL, "0x20009FFC is not 8-byte aligned");
    expect(&r, "F3C021", CHECK_PASS, "in RAM");
    finish(&r);

    eb_good_firmware(&s);
    eb_set_vector(&s, 0, 0x2000A008);   /* 8 bytes past the end of RAM */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C021", CHECK_FAIL, "initial SP 0x2000A008 is not in RAM");
    finish(&r);

    eb_good_firmware(&s);
    eb_set_vector(&s, 0, 0x10002000);   /* end of CCM is allowed */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C021", CHECK_PASS, "CCMRAM");
    finish(&r);

    eb_good_firmware(&s);
    eb_set_vector(&s, 0, 0x20000000);   /* the base: no room for a single push */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C021", CHECK_FAIL, NULL);
    finish(&r);
}

static void stack_room_rule(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C026", CHECK_PASS, "40704 bytes of RAM between the end of static data (0x20000100)");
    finish(&r);

    eb_good_firmware(&s);
    s.seg[2] = (struct eb_seg){PT_LOAD, PF_R | PF_W, 0x20009E00, 0x20009E00, 0x100, NULL, 0};
    s.nseg = 3;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C026", CHECK_WARN, "256 bytes of RAM between the end of static data (0x20009F00) "
                                     "and the initial SP: less than 1 KiB for the stack");
    assert_true(r.rep.valid);
    finish(&r);

    eb_good_firmware(&s);
    eb_set_vector(&s, 0, 0x20000080);   /* SP inside .data (0x20000000..0x200000FF) */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C026", CHECK_WARN, "reaches 0x200000FF, past the initial SP 0x20000080");
    finish(&r);

    eb_good_firmware(&s);
    eb_set_vector(&s, 0, 0x10002000);   /* stack in CCM, data in RAM: all of CCM is free */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C026", CHECK_PASS, "8192 bytes of CCMRAM");
    finish(&r);
}

static void vector_rules(void **state)
{
    (void)state;
    char used[64];
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    eb_set_vector(&s, 1, EB_RESET - 1);
    s.entry = EB_RESET - 1;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C022", CHECK_FAIL, "reset vector 0x08000188 is even");
    finish(&r);

    eb_good_firmware(&s);
    eb_set_vector(&s, 1, 0x20000101);
    s.entry = 0x20000101;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C023", CHECK_FAIL, "reset vector 0x20000101 is not in FLASH");
    finish(&r);

    eb_good_firmware(&s);
    eb_set_vector(&s, 3, 0x08000100);   /* HardFault even */
    eb_set_vector(&s, 40, 0x00000201);  /* an IRQ outside FLASH */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C024", CHECK_FAIL, "vector 3 (HardFault) = 0x08000100 is even (not Thumb); 2 bad");
    static const char *const only24[] = {"F3C024", NULL};
    others_pass(&r, only24);
    finish(&r);

    /* a reserved slot may hold anything; an unused one may be 0 */
    eb_good_firmware(&s);
    eb_set_vector(&s, 7, 0x12345678);
    eb_set_vector(&s, 15, 0);   /* SysTick unused */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    snprintf(used, sizeof used, "%u used", named_slots() - 1);
    expect(&r, "F3C024", CHECK_PASS, used);
    finish(&r);
}

static void vector_table_placement(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.sec[0].addr = 0x08000400;   /* the vector section is elsewhere */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C011", CHECK_FAIL,
           "the vector table (.vector_table) is at 0x08000400, not at 0x08000000");
    finish(&r);

    eb_good_firmware(&s);
    evaluate(&r, &s, 0x08000100);
    expect(&r, "F3C011", CHECK_FAIL, "not 512-byte aligned");
    finish(&r);

    /* --vtor pointing at the table's real place passes */
    eb_good_firmware(&s);
    s.seg[0].vaddr = s.seg[0].paddr = s.sec[0].addr = 0x08010000;
    s.sec[1].addr += 0x10000;
    s.seg[1].paddr += 0x10000;
    s.sym[1].value = 0x08010000;
    s.entry = EB_RESET + 0x10000;
    eb_set_vector(&s, 1, EB_RESET + 0x10000);
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C011", CHECK_FAIL, "is at 0x08010000, not at 0x08000000");
    assert_non_null(strstr(check_find(&r.rep, "F3C011")->hint, "--vtor 0x08010000"));
    finish(&r);
    evaluate(&r, &s, 0x08010000);
    expect(&r, "F3C011", CHECK_PASS, "98 entries");
    finish(&r);
}

static void vector_count_from_object_symbol(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.sec[0].name = ".rodata.table";   /* not named like a vector section... */
    s.sym[1].size = 16 * 4;              /* ...but the array is 16 words */
    s.sym[1].name = "my_vectors";
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    assert_int_equal(r.rep.facts.nvec, 16);
    assert_string_equal(r.rep.facts.vec_source, "object my_vectors");
    expect(&r, "F3C025", CHECK_WARN, "the vector table has 16 of the 98 slots (object my_vectors)");
    static const char *const only25[] = {"F3C025", NULL};
    others_pass(&r, only25);
    finish(&r);
}

static void segment_rules(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.seg[1].paddr = 0x20000000;   /* .data programmed into RAM */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C030", CHECK_FAIL, "segment 1 loads 0x10 bytes at 0x20000000..0x2000000F");
    finish(&r);

    eb_good_firmware(&s);
    s.seg[1].vaddr = 0x30000000;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C031", CHECK_FAIL, "segment 1 runs at 0x30000000..0x300000FF");
    finish(&r);

    eb_good_firmware(&s);
    s.seg[1].memsz = 0xA001;   /* one byte more than RAM */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C031", CHECK_FAIL, NULL);
    finish(&r);

    /* a zero-filled segment (.bss) has no bytes to program: its paddr is free */
    eb_good_firmware(&s);
    s.seg[2] = (struct eb_seg){PT_LOAD, PF_R | PF_W, 0x20000100, 0x20000100, 0x200, NULL, 0};
    s.nseg = 3;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    static const char *const none[] = {NULL};
    others_pass(&r, none);
    finish(&r);
}

static void overlap_rules(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.seg[1].paddr = 0x08000100;   /* .data's image on top of the code */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C032", CHECK_FAIL,
           "segments 0 (0x08000000..0x080001C7) and 1 (0x08000100..0x0800010F) overlap in load");
    expect(&r, "F3C033", CHECK_PASS, NULL);
    finish(&r);

    eb_good_firmware(&s);
    s.seg[2] = (struct eb_seg){PT_LOAD, PF_R | PF_W, 0x200000F0, 0x200000F0, 0x20, NULL, 0};
    s.nseg = 3;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C033", CHECK_FAIL, "segments 1 (0x20000000..0x200000FF) and 2");
    expect(&r, "F3C032", CHECK_PASS, NULL);
    finish(&r);
}

static void size_rule(void **state)
{
    (void)state;
    static uint8_t big[0x40010];
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.seg[2] = (struct eb_seg){PT_LOAD, PF_R, 0x08001000, 0x08001000, sizeof big, big, sizeof big};
    s.nseg = 3;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C034", CHECK_FAIL, "image is 262632 bytes, 100.2% of the 256 KiB of FLASH: it does not fit");
    finish(&r);
}

static void float_rules(void **state)
{
    (void)state;
    struct eb_spec s;
    struct run r;
    eb_good_firmware(&s);
    s.flags = 0x05000200;
    s.sec[2].data = eb_attrs_soft;
    s.sec[2].size = (uint32_t)eb_attrs_soft_len;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C040", CHECK_WARN, "lacks EF_ARM_ABI_FLOAT_HARD (0x400): a soft-float build");
    expect(&r, "F3C041", CHECK_WARN, "Tag_FP_arch is none");
    expect(&r, "F3C042", CHECK_WARN, "AAPCS base");
    assert_true(r.rep.valid);
    assert_int_equal(r.rep.warnings, 3);
    finish(&r);

    eb_good_firmware(&s);
    s.nsec = 2;   /* no .ARM.attributes */
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C041", CHECK_WARN, "no .ARM.attributes section");
    expect(&r, "F3C040", CHECK_PASS, NULL);
    finish(&r);

    static const uint8_t broken[] = {'A', 200, 0, 0, 0, 'a'};
    eb_good_firmware(&s);
    s.sec[2].data = broken;
    s.sec[2].size = sizeof broken;
    evaluate(&r, &s, CHECK_DEFAULT_VTOR);
    expect(&r, "F3C041", CHECK_WARN, "out of bounds");
    finish(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_well_formed),
        cmocka_unit_test(good_firmware_passes_every_rule),
        cmocka_unit_test(header_rules),
        cmocka_unit_test(class_rule_on_a_hand_made_image),
        cmocka_unit_test(no_linker_script),
        cmocka_unit_test(entry_rules),
        cmocka_unit_test(stack_pointer_rules),
        cmocka_unit_test(stack_room_rule),
        cmocka_unit_test(vector_rules),
        cmocka_unit_test(vector_table_placement),
        cmocka_unit_test(vector_count_from_object_symbol),
        cmocka_unit_test(segment_rules),
        cmocka_unit_test(overlap_rules),
        cmocka_unit_test(size_rule),
        cmocka_unit_test(float_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
