/* The text and JSON reports print one evaluation: header, segments with
 * their regions, vectors with device names, every rule, and the verdict. */
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

static char *render(const struct eb_spec *s, bool json, bool quiet, bool *valid)
{
    size_t n, len;
    char err[256], *text = NULL;
    uint8_t *file = eb_build(s, &n);
    struct elf_image img;
    if (elf_image_open_mem(file, n, &img, err, sizeof err))
        fail_msg("synthetic image rejected: %s", err);
    struct check_config cfg = {CHECK_DEFAULT_VTOR};
    struct check_report rep;
    assert_int_equal(check_evaluate(&img, &cfg, "app.elf", &rep), 0);
    FILE *out = open_memstream(&text, &len);
    if (json)
        check_print_json(out, &rep);
    else
        check_print_text(out, &rep, quiet);
    fclose(out);
    *valid = rep.valid;
    check_report_free(&rep);
    elf_image_close(&img);
    free(file);
    return text;
}

static void has(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("report lacks '%s':\n%s", want, text);
}

static void text_report_of_good_image(void **state)
{
    (void)state;
    struct eb_spec s;
    bool valid;
    eb_good_firmware(&s);
    char *t = render(&s, false, false, &valid);
    assert_true(valid);
    has(t, "File: app.elf\n");
    has(t, "  Class: 32-bit (0x1)\n");
    has(t, "  DataEncoding: LittleEndian (0x1)\n");
    has(t, "  Machine: EM_ARM (0x28)\n");
    has(t, "  Entry: 0x8000189 (Thumb, FLASH)  Reset_Handler\n");
    has(t, "  Flags [ (0x5000400)\n    EABI version 5 (0x05000000)\n"
           "    EF_ARM_ABI_FLOAT_HARD (0x400): hard-float ABI\n  ]\n");
    has(t, "  0  LOAD       0x");
    has(t, " 0x08000000 0x08000000 0x000001C8 0x000001C8 R-X  FLASH\n");
    has(t, " 0x20000000 0x080001C8 0x00000010 0x00000100 RW-  RAM, loaded from FLASH\n");
    has(t, "VectorTable at 0x08000000 (98 entries, section .vector_table):\n");
    has(t, "  [ 0] initial SP     0x2000A000  end of RAM\n");
    has(t, "  [ 1] Reset          0x08000189  FLASH  Reset_Handler\n");
    has(t, "  [ 2] NMI            0x0800018B  FLASH\n");
    has(t, "  [ 7] reserved       0x00000000  unused\n");
    has(t, "  [15] SysTick        0x0800018B  FLASH\n");
    has(t, "Image: 472 bytes programmed, 0.2% of 256 KiB FLASH\n");
    has(t, "  pass  F3C012  entry point 0x08000189 is in FLASH\n");
    has(t, "verdict: valid: 0 errors, 0 warnings (24 rules)\n");
    assert_null(strstr(t, "hint:"));
    free(t);
}

static void quiet_report_shows_only_problems(void **state)
{
    (void)state;
    struct eb_spec s;
    bool valid;
    eb_good_firmware(&s);
    s.entry = 0;
    s.flags = 0x05000200;
    char *t = render(&s, false, true, &valid);
    assert_false(valid);
    assert_null(strstr(t, "ElfHeader"));
    assert_null(strstr(t, "pass  "));
    has(t, "error[F3C012]: entry point 0x00000000 is not in FLASH (0x08000000..0x0803FFFF): the "
           "firmware was linked without the kit's memory.x/link.x\n"
           "  hint: link with the kit's memory.x and link.x (-T link.x)\n");
    has(t, "warning[F3C040]: e_flags 0x05000200 lacks EF_ARM_ABI_FLOAT_HARD");
    has(t, "verdict: INVALID: 3 errors, 1 warning (24 rules)\n");
    free(t);
}

static void json_report(void **state)
{
    (void)state;
    struct eb_spec s;
    bool valid;
    eb_good_firmware(&s);
    eb_set_vector(&s, 0, 0x20009ffc);
    char *t = render(&s, true, false, &valid);
    assert_false(valid);
    has(t, "{\"file\":\"app.elf\",\"header\":{\"class\":1,\"data\":1,");
    has(t, "\"machine\":40,\"machine_name\":\"EM_ARM\"");
    has(t, "\"entry\":134218121,");
    has(t, "\"float_abi\":\"hard\"");
    has(t, "{\"index\":1,\"type\":\"LOAD\",\"offset\":");
    has(t, "\"run_region\":\"RAM\",\"load_region\":\"FLASH\"}");
    has(t, "\"vector_table\":{\"address\":134217728,\"entries\":98,\"source\":\"section "
           ".vector_table\",\"vectors\":[{\"index\":0,\"name\":\"initial SP\",\"value\":536911868}");
    has(t, "{\"id\":\"F3C020\",\"severity\":\"error\",\"status\":\"fail\",\"title\":\"initial SP "
           "8-byte aligned\",\"message\":\"initial SP 0x20009FFC is not 8-byte aligned");
    has(t, "{\"id\":\"F3C012\",\"severity\":\"error\",\"status\":\"pass\"");
    has(t, "\"hint\":null}");
    has(t, "\"errors\":1,\"warnings\":0,\"verdict\":\"invalid\"}\n");
    /* one line, balanced */
    assert_int_equal(strchr(t, '\n') - t, (long)strlen(t) - 1);
    free(t);
}

static void json_escapes_strings(void **state)
{
    (void)state;
    char *t = NULL;
    size_t len;
    FILE *out = open_memstream(&t, &len);
    check_print_json_error(out, "a\"b\\c\n.elf", "bad\tinput");
    fclose(out);
    assert_string_equal(t, "{\"file\":\"a\\\"b\\\\c\\u000a.elf\",\"error\":\"bad\\u0009input\","
                           "\"verdict\":\"unreadable\"}\n");
    free(t);
}

static void attrs_parser(void **state)
{
    (void)state;
    struct check_attrs a;
    char err[128];
    assert_int_equal(check_attrs_parse(eb_attrs_hard, eb_attrs_hard_len, &a, err, sizeof err), 0);
    assert_int_equal(a.fp_arch, CHECK_FP_ARCH_VFPV4_D16);
    assert_int_equal(a.vfp_args, CHECK_VFP_ARGS_VFP);
    assert_int_equal(a.hardfp_use, 1);
    assert_int_equal(a.cpu_arch, 13);
    assert_int_equal(a.cpu_profile, 'M');
    assert_string_equal(a.cpu_name, "7E-M");
    assert_string_equal(check_fp_arch_name(a.fp_arch), "VFPv4-D16");

    assert_int_equal(check_attrs_parse(eb_attrs_soft, eb_attrs_soft_len, &a, err, sizeof err), 0);
    assert_int_equal(a.fp_arch, -1);
    assert_int_equal(a.vfp_args, -1);

    /* every truncation of a valid section is rejected, never overread ("A"
     * alone is a valid empty section) */
    for (size_t n = 0; n < eb_attrs_hard_len; n++) {
        if (n == 1)
            continue;
        uint8_t *cut = malloc(n ? n : 1);
        memcpy(cut, eb_attrs_hard, n);
        int rc = check_attrs_parse(cut, n, &a, err, sizeof err);
        assert_int_equal(rc, -1);
        free(cut);
    }
    static const uint8_t wrong_version[] = {'B', 5, 0, 0, 0};
    assert_int_equal(check_attrs_parse(wrong_version, sizeof wrong_version, &a, err, sizeof err), -1);
    assert_non_null(strstr(err, "format version 0x42"));
    /* another vendor's subsection is skipped */
    static const uint8_t other[] = {'A', 10, 0, 0, 0, 'g', 'n', 'u', 0, 1, 2};
    assert_int_equal(check_attrs_parse(other, sizeof other, &a, err, sizeof err), 0);
    assert_int_equal(a.fp_arch, -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_report_of_good_image),
        cmocka_unit_test(quiet_report_shows_only_problems),
        cmocka_unit_test(json_report),
        cmocka_unit_test(json_escapes_strings),
        cmocka_unit_test(attrs_parser),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
