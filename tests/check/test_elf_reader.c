/* The ELF reader on synthetic files: what a valid image yields, and the
 * one-line error for each kind of broken container. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf/elf_image.h"
#include "elf_builder.h"

struct buf {
    uint8_t *b;
    size_t n;
};

static struct buf good(void)
{
    struct eb_spec s;
    eb_good_firmware(&s);
    struct buf r;
    r.b = eb_build(&s, &r.n);
    return r;
}

/* Opening must fail, with an error that contains `want` and is one line. */
static void expect_error(const void *b, size_t n, const char *want)
{
    struct elf_image img;
    char err[512] = "";
    assert_int_equal(elf_image_open_mem(b, n, &img, err, sizeof err), -1);
    if (!strstr(err, want))
        fail_msg("error '%s' does not mention '%s'", err, want);
    assert_null(strchr(err, '\n'));
    assert_null(img.priv);
    assert_null(img.seg);
}

static void valid_image_fields(void **state)
{
    (void)state;
    struct buf f = good();
    struct elf_image img;
    char err[256];
    assert_int_equal(elf_image_open_mem(f.b, f.n, &img, err, sizeof err), 0);
    assert_int_equal(img.ei_class, ELFCLASS32);
    assert_int_equal(img.ei_data, ELFDATA2LSB);
    assert_int_equal(img.e_type, ET_EXEC);
    assert_int_equal(img.e_machine, EM_ARM);
    assert_int_equal(img.e_entry, EB_RESET);
    assert_int_equal(img.e_flags, 0x05000400);
    assert_int_equal(img.e_phnum, 2);
    assert_int_equal(img.nseg, 2);
    assert_int_equal(img.e_ehsize, 52);
    assert_int_equal(img.file_size, f.n);
    assert_int_equal(img.seg[0].type, PT_LOAD);
    assert_int_equal(img.seg[0].paddr, 0x08000000);
    assert_int_equal(img.seg[1].vaddr, 0x20000000);
    assert_int_equal(img.seg[1].memsz, 0x100);
    assert_int_equal(img.seg[1].filesz, 16);
    assert_int_equal(img.seg[1].data[15], 16);
    /* the data pointers belong to the image, not to the caller's buffer */
    assert_true(img.seg[0].data < f.b || img.seg[0].data >= f.b + f.n);
    assert_int_equal(eb_get32(img.seg[0].data + 4), EB_RESET);
    free(f.b);
    assert_int_equal(eb_get32(img.seg[0].data), EB_SP);
    elf_image_close(&img);
    assert_null(img.priv);
}

static void sections_and_symbols(void **state)
{
    (void)state;
    struct buf f = good();
    struct elf_image img;
    char err[256];
    assert_int_equal(elf_image_open_mem(f.b, f.n, &img, err, sizeof err), 0);
    const struct elf_section *vt = elf_image_section(&img, ".vector_table");
    assert_non_null(vt);
    assert_int_equal(vt->addr, 0x08000000);
    assert_int_equal(vt->size, 392);
    assert_string_equal(img.sec[0].name, "");
    assert_non_null(elf_image_section(&img, ".ARM.attributes"));
    assert_null(elf_image_section(&img, ".nope"));
    uint32_t v = 0, size = 0;
    assert_true(elf_image_symbol(&img, "Reset_Handler", &v));
    assert_int_equal(v, EB_RESET);
    assert_false(elf_image_symbol(&img, "main", &v));
    const char *name = NULL;
    assert_true(elf_image_object_at(&img, 0x08000000, &name, &size));
    assert_string_equal(name, "__vector_table");
    assert_int_equal(size, 392);
    assert_false(elf_image_object_at(&img, EB_RESET, NULL, NULL));   /* a function, not an object */
    /* by address: the Thumb bit is ignored, sized symbols contain */
    assert_true(elf_image_symbol_at(&img, EB_RESET - 1, &name, &v));
    assert_string_equal(name, "Reset_Handler");
    assert_int_equal(v, EB_RESET - 1);
    assert_true(elf_image_symbol_at(&img, 0x08000010, &name, &v));
    assert_string_equal(name, "__vector_table");
    assert_int_equal(v, 0x08000000);
    assert_false(elf_image_symbol_at(&img, 0x08000400, &name, &v));
    elf_image_close(&img);
    free(f.b);
}

static void read_load_space(void **state)
{
    (void)state;
    struct buf f = good();
    struct elf_image img;
    char err[256];
    assert_int_equal(elf_image_open_mem(f.b, f.n, &img, err, sizeof err), 0);
    uint8_t w[8];
    assert_true(elf_image_read_load(&img, 0x08000000, w, 8));
    assert_int_equal(eb_get32(w), EB_SP);
    assert_int_equal(eb_get32(w + 4), EB_RESET);
    /* spans the end of .text and the start of .data's load image */
    uint32_t data_lma = 0x08000000 + 98 * 4 + 64;
    assert_true(elf_image_read_load(&img, data_lma - 2, w, 4));
    assert_int_equal(w[2], 1);
    assert_int_equal(w[3], 2);
    assert_false(elf_image_read_load(&img, data_lma + 14, w, 4));   /* past the last byte */
    assert_false(elf_image_read_load(&img, 0x20000000, w, 4));      /* run address, not load */
    assert_false(elf_image_read_load(&img, 0x07fffffe, w, 4));
    elf_image_close(&img);
    free(f.b);
}

static void empty_and_short(void **state)
{
    (void)state;
    expect_error("", 0, "empty file");
    expect_error("\x7f" "EL", 3, "not an ELF file");
    expect_error("\x7f" "ELF\x01\x01", 6, "truncated");
    struct buf f = good();
    expect_error(f.b, 51, "ELF32 header needs 52");
    expect_error(f.b, 60, "program header table");
    free(f.b);
}

static void wrong_magic(void **state)
{
    (void)state;
    struct buf f = good();
    f.b[1] = 'X';
    expect_error(f.b, f.n, "magic is '7f 58 4c 46'");
    memcpy(f.b, ":100000", 7);
    expect_error(f.b, f.n, "this looks like an Intel HEX file; give the .elf");
    memcpy(f.b, "S00F00", 6);
    expect_error(f.b, f.n, "Motorola S-record");
    static const uint8_t bin[8] = {0x00, 0xa0, 0x00, 0x20, 0x89, 0x01, 0x00, 0x08};
    expect_error(bin, sizeof bin, "raw .bin image");
    free(f.b);
}

static void class_and_data(void **state)
{
    (void)state;
    struct buf f = good();
    f.b[EI_CLASS] = ELFCLASS64;
    expect_error(f.b, f.n, "64-bit ELF");
    f.b[EI_CLASS] = 7;
    expect_error(f.b, f.n, "invalid ELF class 7");
    f.b[EI_CLASS] = ELFCLASS32;
    f.b[EI_DATA] = ELFDATA2MSB;
    expect_error(f.b, f.n, "big-endian");
    f.b[EI_DATA] = 0;
    expect_error(f.b, f.n, "invalid ELF data encoding");
    free(f.b);
}

static void program_header_bounds(void **state)
{
    (void)state;
    struct buf f = good();
    uint8_t *b = malloc(f.n);
    memcpy(b, f.b, f.n);
    eb_put32(b + EB_OFF_PHOFF, (uint32_t)f.n - 16);
    expect_error(b, f.n, "program header table (2 entries");
    memcpy(b, f.b, f.n);
    eb_put32(b + EB_OFF_PHOFF, 0xfffffff0u);   /* offset + size wraps in 32 bits */
    expect_error(b, f.n, "runs past the end");
    memcpy(b, f.b, f.n);
    eb_put16(b + EB_OFF_PHNUM, 60000);   /* absurd count */
    expect_error(b, f.n, "60000 entries");
    memcpy(b, f.b, f.n);
    eb_put16(b + EB_OFF_PHNUM, 0xffff);
    expect_error(b, f.n, "PN_XNUM");
    memcpy(b, f.b, f.n);
    eb_put16(b + EB_OFF_PHENTSIZE, 56);
    expect_error(b, f.n, "e_phentsize is 56");
    memcpy(b, f.b, f.n);
    eb_put32(b + 52 + 4, (uint32_t)f.n - 8);   /* segment 0's bytes run past the end */
    expect_error(b, f.n, "program header 0: its 456 file bytes");
    memcpy(b, f.b, f.n);
    eb_put32(b + 52 + 32 + 16, 0x200);   /* segment 1: filesz > memsz */
    expect_error(b, f.n, "p_filesz 0x200 is larger than p_memsz 0x100");
    memcpy(b, f.b, f.n);
    eb_put32(b + 52 + 32 + 8, 0xffffff80u);   /* segment 1 runs past 4 GiB */
    expect_error(b, f.n, "wraps past the end");
    free(b);
    free(f.b);
}

static void section_header_bounds(void **state)
{
    (void)state;
    struct buf f = good();
    uint8_t *b = malloc(f.n);
    uint32_t shoff = eb_get32(f.b + EB_OFF_SHOFF);
    memcpy(b, f.b, f.n);
    eb_put32(b + EB_OFF_SHOFF, (uint32_t)f.n + 100);
    expect_error(b, f.n, "section header table offset");
    memcpy(b, f.b, f.n);
    eb_put16(b + EB_OFF_SHNUM, 65000);
    expect_error(b, f.n, "65000 entries");
    memcpy(b, f.b, f.n);
    eb_put16(b + EB_OFF_SHENTSIZE, 64);
    expect_error(b, f.n, "e_shentsize is 64");
    memcpy(b, f.b, f.n);
    eb_put16(b + EB_OFF_SHSTRNDX, 40);
    expect_error(b, f.n, "e_shstrndx 40");
    memcpy(b, f.b, f.n);
    eb_put32(b + shoff + 40 * 1 + 16, (uint32_t)f.n - 4);   /* section 1's bytes past the end */
    expect_error(b, f.n, "section 1: its 392 bytes");
    memcpy(b, f.b, f.n);
    /* extended numbering: e_shnum 0, the count in section 0's sh_size (absurd here) */
    eb_put16(b + EB_OFF_SHNUM, 0);
    eb_put32(b + shoff + 20, 0x40000000u);
    expect_error(b, f.n, "1073741824 entries");
    free(b);
    free(f.b);
}

static void bad_section_name_offsets_do_not_crash(void **state)
{
    (void)state;
    struct buf f = good();
    uint32_t shoff = eb_get32(f.b + EB_OFF_SHOFF);
    eb_put32(f.b + shoff + 40 * 1, 0x7fffffff);   /* sh_name far past .shstrtab */
    struct elf_image img;
    char err[256];
    assert_int_equal(elf_image_open_mem(f.b, f.n, &img, err, sizeof err), 0);
    assert_string_equal(img.sec[1].name, "");
    assert_null(elf_image_section(&img, ".vector_table"));
    elf_image_close(&img);
    free(f.b);
}

static void files_on_disk(void **state)
{
    (void)state;
    struct elf_image img;
    char err[512];
    assert_int_equal(elf_image_open("/nonexistent/app.elf", &img, err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file"));
    assert_int_equal(elf_image_open("/tmp", &img, err, sizeof err), -1);
    assert_non_null(strstr(err, "is a directory"));

    char path[] = "/tmp/f3kit-elf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(elf_image_open(path, &img, err, sizeof err), -1);
    assert_non_null(strstr(err, "empty file"));
    assert_non_null(strstr(err, path));   /* the message names the file */
    struct buf f = good();
    assert_int_equal(write(fd, f.b, f.n), (ssize_t)f.n);
    close(fd);
    assert_int_equal(elf_image_open(path, &img, err, sizeof err), 0);
    assert_int_equal(img.nseg, 2);
    elf_image_close(&img);
    unlink(path);
    free(f.b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_image_fields),
        cmocka_unit_test(sections_and_symbols),
        cmocka_unit_test(read_load_space),
        cmocka_unit_test(empty_and_short),
        cmocka_unit_test(wrong_magic),
        cmocka_unit_test(class_and_data),
        cmocka_unit_test(program_header_bounds),
        cmocka_unit_test(section_header_bounds),
        cmocka_unit_test(bad_section_name_offsets_do_not_crash),
        cmocka_unit_test(files_on_disk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
