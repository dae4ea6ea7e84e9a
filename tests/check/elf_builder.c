#include "elf_builder.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>

void eb_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

void eb_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

uint32_t eb_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static size_t align4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

struct strtab {
    char buf[1024];
    size_t len;
};

static uint32_t str_add(struct strtab *t, const char *s)
{
    size_t n = strlen(s) + 1;
    uint32_t at = (uint32_t)t->len;
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    return at;
}

uint8_t *eb_build(const struct eb_spec *s, size_t *len)
{
    /* sections: null, user sections, [.symtab, .strtab], .shstrtab */
    size_t nsec = 1 + s->nsec + (s->nsym ? 2 : 0) + 1;
    struct strtab shstr = {{0}, 1}, symstr = {{0}, 1};
    uint8_t symtab[(EB_MAX + 1) * 16] = {0};
    for (size_t i = 0; i < s->nsym; i++) {
        uint8_t *e = symtab + 16 * (i + 1);
        eb_put32(e, str_add(&symstr, s->sym[i].name));
        eb_put32(e + 4, s->sym[i].value);
        eb_put32(e + 8, s->sym[i].size);
        e[12] = (uint8_t)ELF32_ST_INFO(STB_GLOBAL, s->sym[i].type);
        eb_put16(e + 14, 1);   /* defined in section 1 */
    }

    size_t off = 52 + 32 * s->nseg;
    size_t seg_off[EB_MAX], sec_off[EB_MAX + 3];
    for (size_t i = 0; i < s->nseg; i++) {
        off = align4(off);
        seg_off[i] = off;
        off += s->seg[i].filesz;
    }
    for (size_t i = 0; i < s->nsec; i++) {
        off = align4(off);
        sec_off[i] = off;
        off += s->sec[i].type == SHT_NOBITS ? 0 : s->sec[i].size;
    }
    size_t symtab_off = 0, symstr_off = 0;
    if (s->nsym) {
        symtab_off = off = align4(off);
        off += 16 * (s->nsym + 1);
        symstr_off = off;
        off += symstr.len;
    }
    uint32_t name_of[EB_MAX + 3];
    for (size_t i = 0; i < s->nsec; i++)
        name_of[i] = str_add(&shstr, s->sec[i].name);
    uint32_t n_symtab = s->nsym ? str_add(&shstr, ".symtab") : 0;
    uint32_t n_strtab = s->nsym ? str_add(&shstr, ".strtab") : 0;
    uint32_t n_shstr = str_add(&shstr, ".shstrtab");
    size_t shstr_off = off;
    off += shstr.len;
    size_t shoff = align4(off);
    size_t total = shoff + 40 * nsec;

    uint8_t *b = calloc(1, total);
    memcpy(b, ELFMAG, 4);
    b[EI_CLASS] = ELFCLASS32;
    b[EI_DATA] = ELFDATA2LSB;
    b[EI_VERSION] = EV_CURRENT;
    eb_put16(b + 16, s->type);
    eb_put16(b + 18, s->machine);
    eb_put32(b + 20, EV_CURRENT);
    eb_put32(b + 24, s->entry);
    eb_put32(b + 28, s->nseg ? 52 : 0);
    eb_put32(b + 32, (uint32_t)shoff);
    eb_put32(b + 36, s->flags);
    eb_put16(b + 40, 52);
    eb_put16(b + 42, 32);
    eb_put16(b + 44, (uint16_t)s->nseg);
    eb_put16(b + 46, 40);
    eb_put16(b + 48, (uint16_t)nsec);
    eb_put16(b + 50, (uint16_t)(nsec - 1));

    for (size_t i = 0; i < s->nseg; i++) {
        uint8_t *p = b + 52 + 32 * i;
        const struct eb_seg *g = &s->seg[i];
        eb_put32(p, g->type);
        eb_put32(p + 4, (uint32_t)seg_off[i]);
        eb_put32(p + 8, g->vaddr);
        eb_put32(p + 12, g->paddr);
        eb_put32(p + 16, g->filesz);
        eb_put32(p + 20, g->memsz);
        eb_put32(p + 24, g->flags);
        eb_put32(p + 28, 4);
        if (g->filesz && g->data)
            memcpy(b + seg_off[i], g->data, g->filesz);
    }
    size_t k = 1;
    for (size_t i = 0; i < s->nsec; i++, k++) {
        uint8_t *p = b + shoff + 40 * k;
        const struct eb_sec *c = &s->sec[i];
        eb_put32(p, name_of[i]);
        eb_put32(p + 4, c->type);
        eb_put32(p + 8, c->flags);
        eb_put32(p + 12, c->addr);
        eb_put32(p + 16, (uint32_t)sec_off[i]);
        eb_put32(p + 20, c->size);
        eb_put32(p + 32, 4);
        if (c->type != SHT_NOBITS && c->data && c->size)
            memcpy(b + sec_off[i], c->data, c->size);
    }
    if (s->nsym) {
        uint8_t *p = b + shoff + 40 * k;
        eb_put32(p, n_symtab);
        eb_put32(p + 4, SHT_SYMTAB);
        eb_put32(p + 16, (uint32_t)symtab_off);
        eb_put32(p + 20, (uint32_t)(16 * (s->nsym + 1)));
        eb_put32(p + 24, (uint32_t)(k + 1));   /* sh_link: .strtab */
        eb_put32(p + 28, 1);                    /* sh_info: first global */
        eb_put32(p + 32, 4);
        eb_put32(p + 36, 16);
        memcpy(b + symtab_off, symtab, 16 * (s->nsym + 1));
        k++;
        p = b + shoff + 40 * k;
        eb_put32(p, n_strtab);
        eb_put32(p + 4, SHT_STRTAB);
        eb_put32(p + 16, (uint32_t)symstr_off);
        eb_put32(p + 20, (uint32_t)symstr.len);
        eb_put32(p + 32, 1);
        memcpy(b + symstr_off, symstr.buf, symstr.len);
        k++;
    }
    uint8_t *p = b + shoff + 40 * k;
    eb_put32(p, n_shstr);
    eb_put32(p + 4, SHT_STRTAB);
    eb_put32(p + 16, (uint32_t)shstr_off);
    eb_put32(p + 20, (uint32_t)shstr.len);
    eb_put32(p + 32, 1);
    memcpy(b + shstr_off, shstr.buf, shstr.len);
    *len = total;
    return b;
}

static const uint8_t data_init[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

/* aeabi file attributes: Tag_CPU_arch (6) = 13 (v7E-M), Tag_CPU_arch_profile
 * (7) = 'M', Tag_FP_arch (10) = 6, Tag_ABI_HardFP_use (27) = 1,
 * Tag_ABI_VFP_args (28) = 1. */
const uint8_t eb_attrs_hard[] = {'A', 31, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0, 1, 21, 0, 0, 0,
                                 5, '7', 'E', '-', 'M', 0, 6, 13, 7, 'M', 10, 6, 27, 1, 28, 1};
const size_t eb_attrs_hard_len = sizeof eb_attrs_hard;
const uint8_t eb_attrs_soft[] = {'A', 19, 0, 0, 0, 'a', 'e', 'a', 'b', 'i', 0,
                                 1, 9, 0, 0, 0, 6, 13, 7, 'M'};
const size_t eb_attrs_soft_len = sizeof eb_attrs_soft;

void eb_good_firmware(struct eb_spec *s)
{
    memset(s, 0, sizeof *s);
    /* vectors: SP, Reset, then handlers; reserved slots 7..10 and 13 stay 0 */
    eb_set_vector(s, 0, EB_SP);
    eb_set_vector(s, 1, EB_RESET);
    for (int i = 2; i < 98; i++)
        if (!(i >= 7 && i <= 10) && i != 13)
            eb_set_vector(s, i, 0x0800018bu);
    s->type = ET_EXEC;
    s->machine = EM_ARM;
    s->entry = EB_RESET;
    s->flags = 0x05000400;
    s->seg[0] = (struct eb_seg){PT_LOAD, PF_R | PF_X, 0x08000000, 0x08000000, (uint32_t)sizeof s->flash,
                                s->flash, (uint32_t)sizeof s->flash};
    s->seg[1] = (struct eb_seg){PT_LOAD, PF_R | PF_W, 0x20000000, 0x08000000 + (uint32_t)sizeof s->flash,
                                0x100, data_init, sizeof data_init};
    s->nseg = 2;
    s->sec[0] = (struct eb_sec){".vector_table", SHT_PROGBITS, SHF_ALLOC, 0x08000000, s->flash,
                                98 * 4};
    s->sec[1] = (struct eb_sec){".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR,
                                0x08000000 + 98 * 4, s->flash + 98 * 4, 64};
    s->sec[2] = (struct eb_sec){".ARM.attributes", SHT_ARM_ATTRIBUTES, 0, 0, eb_attrs_hard,
                                sizeof eb_attrs_hard};
    s->nsec = 3;
    s->sym[0] = (struct eb_sym){"Reset_Handler", EB_RESET, 2, STT_FUNC};
    s->sym[1] = (struct eb_sym){"__vector_table", 0x08000000, 98 * 4, STT_OBJECT};
    s->nsym = 2;
}

void eb_set_vector(struct eb_spec *s, int i, uint32_t v)
{
    eb_put32(s->flash + 4 * i, v);
}
