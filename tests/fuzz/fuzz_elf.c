/* libFuzzer target: the ELF reader, every check rule and both reports on
 * arbitrary bytes.  Any crash, sanitizer report or leak fails the run. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_image img;
    char err[512];
    struct check_attrs attrs;
    check_attrs_parse(data, size, &attrs, err, sizeof err);
    if (elf_image_open_mem(data, size, &img, err, sizeof err) != 0)
        return 0;
    /* a VTOR taken from the input reaches the odd corners too */
    uint32_t vtor = size >= 4 ? (uint32_t)data[size - 1] << 24 | (uint32_t)data[size - 2] << 9
                              : CHECK_DEFAULT_VTOR;
    const uint32_t vtors[2] = {CHECK_DEFAULT_VTOR, vtor};
    FILE *sink = fopen("/dev/null", "w");
    for (int i = 0; i < 2; i++) {
        struct check_config cfg = {vtors[i]};
        struct check_report rep;
        if (check_evaluate(&img, &cfg, "fuzz.elf", &rep) == 0) {
            if (sink) {
                check_print_text(sink, &rep, false);
                check_print_json(sink, &rep);
            }
            check_report_free(&rep);
        }
    }
    if (sink)
        fclose(sink);
    uint32_t v;
    uint8_t buf[64];
    elf_image_symbol(&img, "Reset_Handler", &v);
    elf_image_object_at(&img, img.e_entry, NULL, NULL);
    elf_image_read_load(&img, img.e_entry & ~1u, buf, sizeof buf);
    elf_image_close(&img);
    return 0;
}
