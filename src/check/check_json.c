/* The machine-readable report: the same evaluation as the text one. */
#include <elf.h>
#include <inttypes.h>

#include "check/check.h"

static void jstr(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

static void jregion(FILE *out, uint32_t addr, uint32_t len)
{
    const struct device_region *r = check_region_of(addr, len);
    jstr(out, r ? r->name : NULL);
}

static void print_header(FILE *out, const struct elf_image *img)
{
    fprintf(out, "\"header\":{\"class\":%u,\"data\":%u,\"file_version\":%u,\"osabi\":%u,", img->ei_class,
            img->ei_data, img->ei_version, img->ei_osabi);
    fprintf(out, "\"type\":%u,\"type_name\":", img->e_type);
    jstr(out, check_elf_type_name(img->e_type));
    fprintf(out, ",\"machine\":%u,\"machine_name\":", img->e_machine);
    jstr(out, check_machine_name(img->e_machine));
    fprintf(out,
            ",\"version\":%" PRIu32 ",\"entry\":%" PRIu32 ",\"flags\":%" PRIu32
            ",\"eabi_version\":%" PRIu32 ",\"float_abi\":\"%s\",\"phoff\":%" PRIu32
            ",\"shoff\":%" PRIu32 ",\"phnum\":%u,\"shnum\":%zu}",
            img->e_version, img->e_entry, img->e_flags, img->e_flags >> 24,
            img->e_flags & 0x400 ? "hard" : "soft", img->e_phoff, img->e_shoff, img->e_phnum,
            img->nsec);
}

static void print_segments(FILE *out, const struct elf_image *img)
{
    fputs("\"segments\":[", out);
    for (size_t i = 0; i < img->nseg; i++) {
        const struct elf_segment *s = &img->seg[i];
        char fl[4];
        check_pflags_str(s->flags, fl);
        fprintf(out,
                "%s{\"index\":%zu,\"type\":\"%s\",\"offset\":%" PRIu32 ",\"vaddr\":%" PRIu32
                ",\"paddr\":%" PRIu32 ",\"filesz\":%" PRIu32 ",\"memsz\":%" PRIu32
                ",\"flags\":\"%s\",\"run_region\":",
                i ? "," : "", i, check_ptype_name(s->type), s->offset, s->vaddr, s->paddr,
                s->filesz, s->memsz, fl);
        if (s->type == PT_LOAD)
            jregion(out, s->vaddr, s->memsz);
        else
            fputs("null", out);
        fputs(",\"load_region\":", out);
        if (s->type == PT_LOAD && s->filesz)
            jregion(out, s->paddr, s->filesz);
        else
            fputs("null", out);
        fputc('}', out);
    }
    fputc(']', out);
}

static void print_vectors(FILE *out, const struct check_facts *f)
{
    fprintf(out, "\"vector_table\":{\"address\":%" PRIu32 ",\"entries\":%" PRIu32 ",\"source\":",
            f->vtor, f->nvec);
    jstr(out, f->nvec ? f->vec_source : NULL);
    fputs(",\"vectors\":[", out);
    for (uint32_t i = 0; i < f->nvec; i++) {
        fprintf(out, "%s{\"index\":%" PRIu32 ",\"name\":", i ? "," : "", i);
        jstr(out, check_vector_name(i));
        fprintf(out, ",\"value\":%" PRIu32 "}", f->vec[i]);
    }
    fputs("]}", out);
}

void check_print_json(FILE *out, const struct check_report *rep)
{
    const struct check_facts *f = &rep->facts;
    fputs("{\"file\":", out);
    jstr(out, rep->path);
    fputc(',', out);
    print_header(out, rep->img);
    fputc(',', out);
    print_segments(out, rep->img);
    fputc(',', out);
    print_vectors(out, f);
    uint32_t cap = f->flash ? f->flash->size : 0;
    fprintf(out, ",\"image\":{\"flash_bytes\":%" PRIu32 ",\"flash_size\":%" PRIu32
                 ",\"percent\":%.2f}",
            f->flash_bytes, cap, cap ? 100.0 * f->flash_bytes / cap : 0.0);
    fputs(",\"rules\":[", out);
    for (size_t i = 0; i < rep->nresults; i++) {
        const struct check_result *r = &rep->results[i];
        fprintf(out, "%s{\"id\":\"%s\",\"severity\":\"%s\",\"status\":\"%s\",\"title\":", i ? "," : "",
                r->rule->id, check_severity_name(r->rule->severity), check_status_name(r->status));
        jstr(out, r->rule->title);
        fputs(",\"message\":", out);
        jstr(out, r->message);
        fputs(",\"hint\":", out);
        jstr(out, r->hint[0] ? r->hint : NULL);
        fputc('}', out);
    }
    fprintf(out, "],\"errors\":%u,\"warnings\":%u,\"verdict\":\"%s\"}\n", rep->errors,
            rep->warnings, rep->valid ? "valid" : "invalid");
}

void check_print_json_error(FILE *out, const char *path, const char *error)
{
    fputs("{\"file\":", out);
    jstr(out, path);
    fputs(",\"error\":", out);
    jstr(out, error);
    fputs(",\"verdict\":\"unreadable\"}\n", out);
}
