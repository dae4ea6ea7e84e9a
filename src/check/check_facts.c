/* Facts the rules share: the device regions, the vector table the image
 * programs at VTOR, the programmed size, and the build attributes. */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "check/check.h"

/* Where GNU ld's built-in arm-none-eabi script starts the text segment. */
#define LD_DEFAULT_TEXT 0x8000u

const struct device_region *check_region_of(uint32_t addr, uint32_t len)
{
    uint64_t end = (uint64_t)addr + (len ? len : 1);
    for (size_t i = 0; i < device_num_regions; i++) {
        const struct device_region *r = &device_regions[i];
        if (addr >= r->base && end <= (uint64_t)r->base + r->size)
            return r;
    }
    return NULL;
}

/* Section and symbol names that toolchains give the vector table
 * (cortex-m-rt: .vector_table; CMSIS startup: .isr_vector, g_pfnVectors;
 * libopencm3: .vectors, vector_table). */
static const char *const vector_sections[] = {".vector_table", ".isr_vector", ".vectors"};
static const char *const vector_symbols[] = {"__vector_table", "vector_table", "g_pfnVectors",
                                             "__isr_vector", "__Vectors", "_vectors",
                                             "f3_vector_table"};

static void find_vector_section(const struct elf_image *img, struct check_facts *f)
{
    for (size_t i = 0; i < sizeof vector_sections / sizeof vector_sections[0]; i++) {
        const struct elf_section *s = elf_image_section(img, vector_sections[i]);
        if (s && s->size && (s->flags & SHF_ALLOC)) {
            f->vec_section = vector_sections[i];
            f->vec_section_addr = s->addr;
            return;
        }
    }
    for (size_t i = 0; i < sizeof vector_symbols / sizeof vector_symbols[0]; i++) {
        uint32_t v;
        if (elf_image_symbol(img, vector_symbols[i], &v)) {
            f->vec_section = vector_symbols[i];
            f->vec_section_addr = v;
            return;
        }
    }
}

/* How many words the table at vtor has: the size of the vector section or
 * array placed there, else as many as the device has. */
static uint32_t vector_count(const struct elf_image *img, struct check_facts *f)
{
    uint32_t bytes = 0;
    for (size_t i = 0; i < img->nsec && !bytes; i++) {
        const struct elf_section *s = &img->sec[i];
        if ((s->flags & SHF_ALLOC) && s->type != SHT_NOBITS && s->size && s->addr == f->vtor &&
            strstr(s->name, "vector")) {
            bytes = s->size;
            snprintf(f->vec_source, sizeof f->vec_source, "section %s", s->name);
        }
    }
    const char *name = NULL;
    if (!bytes && elf_image_object_at(img, f->vtor, &name, &bytes))
        snprintf(f->vec_source, sizeof f->vec_source, "object %s", name && *name ? name : "?");
    if (!bytes) {
        snprintf(f->vec_source, sizeof f->vec_source, "bytes at VTOR");
        return DEVICE_NUM_VECTORS;
    }
    return bytes / 4 < DEVICE_NUM_VECTORS ? bytes / 4 : DEVICE_NUM_VECTORS;
}

void check_facts_compute(const struct elf_image *img, const struct check_config *cfg,
                         struct check_facts *f)
{
    memset(f, 0, sizeof *f);
    f->flash = device_region_by_kind(DEVICE_REGION_FLASH);
    f->ram = device_region_by_kind(DEVICE_REGION_RAM);
    f->ccm = device_region_by_kind(DEVICE_REGION_CCM);
    f->vtor = cfg->vtor;

    for (size_t i = 0; i < img->nseg; i++) {
        const struct elf_segment *s = &img->seg[i];
        if (s->type != PT_LOAD || !s->filesz)
            continue;
        f->flash_bytes += s->filesz;
        if (f->flash && s->paddr < f->flash->base + (uint64_t)f->flash->size &&
            (uint64_t)s->paddr + s->filesz > f->flash->base)
            f->any_in_flash = true;
    }

    /* The seed tutorial's failure: without memory.x/link.x the entry point is
     * 0 (LLD), or GNU ld's default script puts the code at 0x00008000, or
     * nothing loadable is left at all. */
    f->no_link_script = img->e_entry == 0 || f->flash_bytes == 0;
    for (size_t i = 0; i < img->nseg && !f->any_in_flash; i++)
        if (img->seg[i].type == PT_LOAD && img->seg[i].paddr == LD_DEFAULT_TEXT)
            f->no_link_script = true;
    if (f->any_in_flash && img->e_entry != 0)
        f->no_link_script = false;

    find_vector_section(img, f);
    uint32_t want = vector_count(img, f);
    for (uint32_t i = 0; i < want; i++) {
        uint8_t w[4];
        if (!elf_image_read_load(img, f->vtor + 4 * i, w, 4))
            break;
        f->vec[i] = (uint32_t)w[0] | (uint32_t)w[1] << 8 | (uint32_t)w[2] << 16 |
                    (uint32_t)w[3] << 24;
        f->nvec = i + 1;
    }

    const struct elf_section *a = elf_image_section(img, ".ARM.attributes");
    if (a && a->type != SHT_NOBITS) {
        f->have_attrs = true;
        f->attrs_ok = check_attrs_parse(a->data, a->size, &f->attrs, f->attrs_err,
                                        sizeof f->attrs_err) == 0;
    }
}
