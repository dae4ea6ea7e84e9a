/* Flash persistence (image file, atomic replace, fresh = 0xFF), programming
 * through the bus as a probe does, and resets the chip asks for (IWDG,
 * SYSRESETREQ) on tiny hand-assembled programs. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "board_harness.h"

struct fx {
    char dir[256];
    char path[300];
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/f3kit-board-test-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/sub/flash.bin", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* Files in dir, not counting the image's lock file (it stays, by design). */
static unsigned files_in(const char *dir)
{
    DIR *d = opendir(dir);
    unsigned n = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] != '.' && !(l > 5 && !strcmp(e->d_name + l - 5, ".lock")))
            n++;
    }
    closedir(d);
    return n;
}

/* Program halfwords through the FLASH controller, as OpenOCD does. */
static void probe_program(struct board *b, uint32_t addr, const uint16_t *hw, size_t n)
{
    struct bus *bus = board_bus(b);
    assert_true(bus_write(bus, 0x40022004, 4, 0x45670123u));
    assert_true(bus_write(bus, 0x40022004, 4, 0xCDEF89ABu));
    assert_true(bus_write(bus, 0x40022010, 4, 2));          /* PER */
    assert_true(bus_write(bus, 0x40022014, 4, addr));
    assert_true(bus_write(bus, 0x40022010, 4, 2 | 0x40));   /* STRT */
    assert_true(bus_write(bus, 0x40022010, 4, 1));          /* PG */
    for (size_t i = 0; i < n; i++)
        assert_true(bus_write(bus, addr + 2 * (uint32_t)i, 2, hw[i]));
    uint32_t sr;
    assert_true(bus_read(bus, 0x4002200c, 4, &sr));
    assert_int_equal(sr & 0x14, 0);                         /* no PGERR/WRPRTERR */
    assert_true(bus_write(bus, 0x40022010, 4, 0x80));       /* LOCK: persists */
}

/* Vector table (SP, reset) then: ldr r0,[pc,#8]; ldr r1,[pc,#12]; str r1,[r0]; b . */
static void store_and_spin(uint16_t *hw, uint32_t addr, uint32_t value)
{
    const uint16_t code[] = {
        0xa000, 0x2000, 0x0009, 0x0800,     /* SP 0x2000a000, reset 0x08000009 */
        0x4802, 0x4903, 0x6001, 0xe7fe, 0xbf00, 0xbf00,
        (uint16_t)addr, (uint16_t)(addr >> 16), (uint16_t)value, (uint16_t)(value >> 16),
    };
    memcpy(hw, code, sizeof code);
}

static void fresh_image_is_erased_and_persists(void **state)
{
    struct fx *f = *state;
    struct bh *h = bh_new(BOARD_REV_C, f->path);
    assert_non_null(h);
    uint32_t v;
    assert_true(bus_read(board_bus(h->b), 0x08000000, 4, &v));
    assert_int_equal(v, 0xffffffffu);
    uint16_t hw[14];
    store_and_spin(hw, 0x20000000u, 0x12345678u);
    probe_program(h->b, 0x08000000u, hw, 14);
    /* Relocking persisted it already: the file holds the program. */
    FILE *fp = fopen(f->path, "rb");
    assert_non_null(fp);
    uint8_t img[28];
    assert_int_equal(fread(img, 1, sizeof img, fp), sizeof img);
    fclose(fp);
    assert_memory_equal(img, hw, sizeof img);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_size, 256 * 1024);
    /* Saving again replaces the file (a new inode: temp file + rename),
     * never rewrites it in place. */
    char err[256];
    assert_int_equal(board_flash_sync(h->b, err, sizeof err), 0);
    struct stat st2;
    assert_int_equal(stat(f->path, &st2), 0);
    assert_int_not_equal(st.st_ino, st2.st_ino);
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", f->dir);
    assert_int_equal(files_in(sub), 1);     /* no temporary files left */
    bh_free(h);

    /* A new board boots the program from the image. */
    h = bh_new(BOARD_REV_C, f->path);
    assert_non_null(h);
    board_run_for(h->b, 0.001, 0);
    assert_true(bus_read(board_bus(h->b), 0x20000000, 4, &v));
    assert_int_equal(v, 0x12345678u);
    bh_free(h);
}

static void program_elf_persists(void **state)
{
    struct fx *f = *state;
    struct bh *h = bh_new(BOARD_REV_C, f->path);
    assert_non_null(h);
    if (!bh_load_example(h, "hello")) {
        bh_free(h);
        skip();
    }
    bh_free(h);
    h = bh_new(BOARD_REV_C, f->path);
    board_reset(h->b, false);
    assert_int_equal(board_run_for(h->b, 1.0, 0), CPU_STOP_EXIT);
    assert_string_equal(h->semi, "Hello, world!\n");
    bh_free(h);
}

static void wrong_size_image_is_refused(void **state)
{
    struct fx *f = *state;
    char p[300];
    snprintf(p, sizeof p, "%s/short.bin", f->dir);
    FILE *fp = fopen(p, "wb");
    fputs("short", fp);
    fclose(fp);
    struct board_config cfg = {.flash_path = p};
    char err[256] = "";
    struct board *b = board_new(&cfg, err, sizeof err);
    assert_null(b);
    assert_non_null(strstr(err, "is 5 bytes, expected 262144"));
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_size, 5);            /* left as it was */
}

static void bad_elf_is_refused(void **state)
{
    struct fx *f = *state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    char p[300], err[512] = "";
    snprintf(p, sizeof p, "%s/bad.elf", f->dir);
    FILE *fp = fopen(p, "wb");
    fputs("not an elf", fp);
    fclose(fp);
    assert_int_equal(board_program_elf(h->b, p, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    bh_free(h);
}

static void iwdg_resets_the_board(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    uint16_t hw[14];
    store_and_spin(hw, 0x40003000u, 0xccccu);   /* IWDG_KR = start */
    probe_program(h->b, 0x08000000u, hw, 14);
    board_reset(h->b, false);
    h->resets = 0;
    /* Default PR=/4, RLR=0xFFF: 4 x 4096 / 40 kHz = 0.4096 s. */
    board_run_for(h->b, 0.40, 0);
    assert_int_equal(h->resets, 0);
    board_run_for(h->b, 0.02, 0);
    assert_int_equal(h->resets, 1);
    uint32_t csr;
    assert_true(bus_read(board_bus(h->b), 0x40021024, 4, &csr));
    assert_true(csr & (1u << 29));              /* IWDGRSTF */
    bh_free(h);
}

static void sysresetreq_resets_the_board(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    uint16_t hw[14];
    store_and_spin(hw, 0xE000ED0Cu, 0x05FA0004u);   /* AIRCR.SYSRESETREQ */
    probe_program(h->b, 0x08000000u, hw, 14);
    board_reset(h->b, false);
    h->resets = 0;
    board_run_for(h->b, 0.0001, 0);
    assert_true(h->resets >= 1);
    uint32_t csr;
    assert_true(bus_read(board_bus(h->b), 0x40021024, 4, &csr));
    assert_true(csr & (1u << 28));              /* SFTRSTF */
    bh_free(h);
}

static void touch(const char *dir, const char *name)
{
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    fputs("stale", fp);
    fclose(fp);
}

static bool exists(const char *dir, const char *name)
{
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, F_OK) == 0;
}

/* One board per image: a second one (here in the same process) is refused
 * with a message naming the holder; once the first is freed the image is
 * free again. */
static void image_is_locked_by_its_board(void **state)
{
    struct fx *f = *state;
    struct bh *h = bh_new(BOARD_REV_C, f->path);
    assert_non_null(h);
    struct board_config cfg = {.flash_path = f->path};
    char err[512] = "", want[64];
    assert_null(board_new(&cfg, err, sizeof err));
    snprintf(want, sizeof want, "in use by another board (pid %d", (int)getpid());
    assert_non_null(strstr(err, want));
    assert_non_null(strstr(err, "--flash FILE"));
    bh_free(h);
    struct board *b = board_new(&cfg, err, sizeof err);
    assert_non_null(b);
    board_free(b);
}

/* A board whose flash never changed writes nothing when freed: it must not
 * replace an image another writer may have updated with its stale copy. */
static void unchanged_flash_is_not_written(void **state)
{
    struct fx *f = *state;
    struct bh *h = bh_new(BOARD_REV_C, f->path);
    assert_non_null(h);
    board_run_for(h->b, 0.001, 0);
    bh_free(h);
    assert_int_not_equal(access(f->path, F_OK), 0);   /* still no image file */
}

/* Flash changed behind the controller's back (a debugger's direct writes to
 * the array, as f3kit's GDB server does for `load`): still saved when the
 * board goes, even without the explicit sync that normally follows. */
static void direct_flash_writes_are_saved(void **state)
{
    struct fx *f = *state;
    struct bh *h = bh_new(BOARD_REV_C, f->path);
    assert_non_null(h);
    struct bus_page *p = bus_page_of(board_bus(h->b), 0x08000000u);
    assert_non_null(p);
    assert_non_null(p->mem);
    memcpy(p->mem, "\x00\xa0\x00\x20", 4);
    bh_free(h);
    FILE *fp = fopen(f->path, "rb");
    assert_non_null(fp);
    uint8_t w[4];
    assert_int_equal(fread(w, 1, 4, fp), 4);
    fclose(fp);
    assert_memory_equal(w, "\x00\xa0\x00\x20", 4);
}

/* Temporary files of writers killed mid-save (256 KiB each) are removed
 * when the next board takes the image; other files are left alone. */
static void stale_temporaries_are_removed(void **state)
{
    struct fx *f = *state;
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", f->dir);
    mkdir(sub, 0755);
    touch(sub, "flash.bin.tmp");          /* this scheme's temporary */
    touch(sub, "flash.bin.tmpAb12Cd");    /* mkstemp name of earlier versions */
    touch(sub, "flash.bin.tmpnotes.txt");
    touch(sub, "other.bin.tmpAb12Cd");
    struct bh *h = bh_new(BOARD_REV_C, f->path);
    assert_non_null(h);
    assert_false(exists(sub, "flash.bin.tmp"));
    assert_false(exists(sub, "flash.bin.tmpAb12Cd"));
    assert_true(exists(sub, "flash.bin.tmpnotes.txt"));
    assert_true(exists(sub, "other.bin.tmpAb12Cd"));
    bh_free(h);
}

static void wfi_forever_is_reported(void **state)
{
    (void)state;
    struct bh *h = bh_new(BOARD_REV_C, NULL);
    const uint16_t hw[] = {0xa000, 0x2000, 0x0009, 0x0800, 0xbf30, 0xe7fd}; /* wfi; b wfi */
    probe_program(h->b, 0x08000000u, hw, 6);
    board_reset(h->b, false);
    assert_int_equal(board_run_for(h->b, 0, 0), CPU_STOP_SLEEP);
    /* With a time limit, the sleep simply lasts until it. */
    double t0 = board_time(h->b);
    assert_int_equal(board_run_for(h->b, 2.0, 0), CPU_STOP_LIMIT);
    assert_true(board_time(h->b) - t0 >= 2.0);
    bh_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(fresh_image_is_erased_and_persists, setup, teardown),
        cmocka_unit_test_setup_teardown(program_elf_persists, setup, teardown),
        cmocka_unit_test_setup_teardown(wrong_size_image_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(bad_elf_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(image_is_locked_by_its_board, setup, teardown),
        cmocka_unit_test_setup_teardown(unchanged_flash_is_not_written, setup, teardown),
        cmocka_unit_test_setup_teardown(stale_temporaries_are_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(direct_flash_writes_are_saved, setup, teardown),
        cmocka_unit_test(iwdg_resets_the_board),
        cmocka_unit_test(sysresetreq_resets_the_board),
        cmocka_unit_test(wfi_forever_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
