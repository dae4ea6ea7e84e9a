/* The human-readable report: the ELF header in the shape `llvm-readobj
 * --file-header` prints it (with the flags decoded), the program headers
 * with the region each lands in, the first vectors, and the verdict. */
#include <elf.h>
#include <inttypes.h>

#include "check/check.h"

#define CORE_VECTORS_SHOWN 16

static const char *region_name(uint32_t addr, uint32_t len)
{
    const struct device_region *r = check_region_of(addr, len);
    return r ? r->name : "outside memory";
}

/* "  Reset_Handler" or "  main+0x12" for a code address, "" if unknown. */
static void symbol_suffix(const struct elf_image *img, uint32_t addr, char *buf, size_t len)
{
    const char *name;
    uint32_t value;
    buf[0] = '\0';
    if (addr && elf_image_symbol_at(img, addr, &name, &value)) {
        if (addr == value)
            snprintf(buf, len, "  %s", name);
        else
            snprintf(buf, len, "  %s+0x%" PRIx32, name, addr - value);
    }
}

static void print_header(FILE *out, const struct elf_image *img)
{
    const struct device_region *entry_r = check_region_of(img->e_entry & ~1u, 2);
    fprintf(out, "ElfHeader {\n");
    fprintf(out, "  Class: %s (0x%x)\n", img->ei_class == ELFCLASS32 ? "32-bit" : "?", img->ei_class);
    fprintf(out, "  DataEncoding: %s (0x%x)\n",
            img->ei_data == ELFDATA2LSB ? "LittleEndian" : "?", img->ei_data);
    fprintf(out, "  FileVersion: %u\n", img->ei_version);
    fprintf(out, "  OS/ABI: %s (0x%x)\n", img->ei_osabi == 0 ? "SystemV" : "other", img->ei_osabi);
    fprintf(out, "  Type: %s (0x%x)\n", check_elf_type_desc(img->e_type), img->e_type);
    fprintf(out, "  Machine: %s (0x%x)\n", check_machine_name(img->e_machine), img->e_machine);
    fprintf(out, "  Version: %" PRIu32 "\n", img->e_version);
    char sym[80];
    symbol_suffix(img, img->e_entry & ~1u, sym, sizeof sym);
    fprintf(out, "  Entry: 0x%" PRIX32 " (%s, %s)%s\n", img->e_entry,
            img->e_entry & 1 ? "Thumb" : "even: not Thumb",
            entry_r ? entry_r->name : "outside memory", sym);
    fprintf(out, "  Flags [ (0x%" PRIX32 ")\n", img->e_flags);
    fprintf(out, "    EABI version %" PRIu32 " (0x%08" PRIX32 ")\n", img->e_flags >> 24,
            img->e_flags & 0xff000000u);
    if (img->e_flags & 0x400)
        fprintf(out, "    EF_ARM_ABI_FLOAT_HARD (0x400): hard-float ABI\n");
    else if (img->e_flags & 0x200)
        fprintf(out, "    EF_ARM_ABI_FLOAT_SOFT (0x200): soft-float ABI\n");
    else
        fprintf(out, "    no float-ABI flag: soft-float ABI\n");
    if (img->e_flags & 0x00800000u)
        fprintf(out, "    EF_ARM_BE8 (0x800000)\n");
    fprintf(out, "  ]\n");
    fprintf(out, "  ProgramHeaderOffset: 0x%" PRIX32 "\n", img->e_phoff);
    fprintf(out, "  SectionHeaderOffset: 0x%" PRIX32 "\n", img->e_shoff);
    fprintf(out, "  ProgramHeaderCount: %u\n", img->e_phnum);
    fprintf(out, "  SectionHeaderCount: %zu\n", img->nsec);
    fprintf(out, "}\n");
}

static void print_segments(FILE *out, const struct elf_image *img)
{
    fprintf(out, "ProgramHeaders (%zu):\n", img->nseg);
    fprintf(out, "  #  Type       Offset     VirtAddr   PhysAddr   FileSiz    MemSiz     Flg  "
                 "Region\n");
    for (size_t i = 0; i < img->nseg; i++) {
        const struct elf_segment *s = &img->seg[i];
        char fl[4];
        check_pflags_str(s->flags, fl);
        fprintf(out, "  %-2zu %-10s 0x%08" PRIX32 " 0x%08" PRIX32 " 0x%08" PRIX32 " 0x%08" PRIX32
                     " 0x%08" PRIX32 " %s  ",
                i, check_ptype_name(s->type), s->offset, s->vaddr, s->paddr, s->filesz, s->memsz,
                fl);
        if (s->type != PT_LOAD)
            fprintf(out, "-\n");
        else if (!s->filesz)
            fprintf(out, "%s (zero-filled, nothing to program)\n", region_name(s->vaddr, s->memsz));
        else if (s->vaddr == s->paddr)
            fprintf(out, "%s\n", region_name(s->vaddr, s->memsz));
        else
            fprintf(out, "%s, loaded from %s\n", region_name(s->vaddr, s->memsz),
                    region_name(s->paddr, s->filesz));
    }
}

static void print_vectors(FILE *out, const struct elf_image *img, const struct check_facts *f)
{
    if (!f->nvec) {
        fprintf(out, "VectorTable at 0x%08" PRIX32 ": none (the image programs nothing there)\n",
                f->vtor);
        return;
    }
    fprintf(out, "VectorTable at 0x%08" PRIX32 " (%" PRIu32 " entries, %s):\n", f->vtor, f->nvec,
            f->vec_source);
    uint32_t shown = f->nvec < CORE_VECTORS_SHOWN ? f->nvec : CORE_VECTORS_SHOWN;
    for (uint32_t i = 0; i < shown; i++) {
        uint32_t v = f->vec[i];
        const struct device_region *r = check_region_of(i ? v & ~1u : v - 1, 1);
        const char *where = !v ? (i ? "unused" : "zero") : r ? r->name : "outside memory";
        char sym[80] = "";
        if (i)
            symbol_suffix(img, v & ~1u, sym, sizeof sym);
        fprintf(out, "  [%2" PRIu32 "] %-14s 0x%08" PRIX32 "  %s%s%s\n", i, check_vector_name(i), v,
                i == 0 && r && (uint64_t)v == (uint64_t)r->base + r->size ? "end of " : "", where,
                sym);
    }
    if (f->nvec > shown) {
        unsigned used = 0;
        for (uint32_t i = shown; i < f->nvec; i++)
            used += f->vec[i] != 0;
        fprintf(out, "  ... %" PRIu32 " IRQ vectors, %u of them used\n", f->nvec - shown, used);
    }
}

void check_print_text(FILE *out, const struct check_report *rep, bool quiet)
{
    if (!quiet) {
        fprintf(out, "File: %s\n", rep->path ? rep->path : "(memory)");
        print_header(out, rep->img);
        print_segments(out, rep->img);
        print_vectors(out, rep->img, &rep->facts);
        uint32_t cap = rep->facts.flash ? rep->facts.flash->size : 0;
        fprintf(out, "Image: %" PRIu32 " bytes programmed, %.1f%% of %" PRIu32 " KiB FLASH\n",
                rep->facts.flash_bytes, cap ? 100.0 * rep->facts.flash_bytes / cap : 0.0,
                cap / 1024);
        fprintf(out, "Rules (%zu):\n", rep->nresults);
    }
    for (size_t i = 0; i < rep->nresults; i++) {
        const struct check_result *r = &rep->results[i];
        if (r->status == CHECK_PASS || r->status == CHECK_SKIP) {
            if (!quiet)
                fprintf(out, "  %s  %s  %s\n", check_status_name(r->status), r->rule->id,
                        r->message);
            continue;
        }
        fprintf(out, "%s[%s]: %s\n", r->status == CHECK_FAIL ? "error" : "warning", r->rule->id,
                r->message);
        if (r->hint[0])
            fprintf(out, "  hint: %s\n", r->hint);
    }
    fprintf(out, "verdict: %s: %u error%s, %u warning%s (%zu rules)\n",
            rep->valid ? "valid" : "INVALID", rep->errors, rep->errors == 1 ? "" : "s",
            rep->warnings, rep->warnings == 1 ? "" : "s", rep->nresults);
}
