/* Parser and validator for the device description format (data/README.md). */
#include "devmodel.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS 16

struct parser {
    struct dm_device *dev;
    const char *path;
    unsigned line;
    FILE *err;
    int cur_block;              /* block being defined, or -1 */
    int cur_reg;                /* last reg in that block, or -1 */
};

static int fail(struct parser *p, const char *fmt, ...)
{
    va_list ap;
    fprintf(p->err, "%s:%u: ", p->path, p->line);
    va_start(ap, fmt);
    vfprintf(p->err, fmt, ap);
    va_end(ap);
    fputc('\n', p->err);
    return -1;
}

/* Splits one line into tokens in place; a "quoted string" is one token
 * (returned without its quotes).  Returns the count, or -1. */
static int tokenize(struct parser *p, char *s, char **tok, int *quoted)
{
    int n = 0;
    for (;;) {
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (*s == '\0' || *s == '#')
            return n;
        if (n == MAX_TOKENS)
            return fail(p, "too many words on one line (at most %d)", MAX_TOKENS);
        if (*s == '"') {
            char *end = strchr(s + 1, '"');
            if (!end)
                return fail(p, "unterminated string: add the closing '\"'");
            *end = '\0';
            quoted[n] = 1;
            tok[n++] = s + 1;
            s = end + 1;
            if (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\r' && *s != '#')
                return fail(p, "text right after a closing '\"': separate words with a space");
        } else {
            quoted[n] = 0;
            tok[n++] = s;
            while (*s && *s != ' ' && *s != '\t' && *s != '\r' && *s != '#')
                s++;
            if (*s == '#') {
                *s = '\0';
                return n;
            }
            if (*s)
                *s++ = '\0';
        }
    }
}

static int parse_u32(struct parser *p, const char *what, const char *s, uint32_t *out)
{
    char *end;
    if (!isdigit((unsigned char)s[0]))
        return fail(p, "%s '%s' is not a number (write decimal or 0x-hex)", what, s);
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end || v > 0xFFFFFFFFull)
        return fail(p, "%s '%s' is not a 32-bit number (write decimal or 0x-hex)", what, s);
    *out = (uint32_t)v;
    return 0;
}

/* C identifiers only: every name becomes part of a C symbol or macro. */
static int check_ident(struct parser *p, const char *what, const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len >= DM_NAME_MAX)
        return fail(p, "%s '%s' must be 1..%d characters", what, s, DM_NAME_MAX - 1);
    if (!isalpha((unsigned char)s[0]) && s[0] != '_')
        return fail(p, "%s '%s' must start with a letter or '_'", what, s);
    for (size_t i = 0; i < len; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_')
            return fail(p, "%s '%s' may contain only letters, digits and '_'", what, s);
    return 0;
}

static int copy_desc(struct parser *p, char *dst, const char *src)
{
    if (strlen(src) >= DM_DESC_MAX)
        return fail(p, "description longer than %d characters", DM_DESC_MAX - 1);
    if (strchr(src, '\\') || strstr(src, "*/"))
        return fail(p, "description may not contain '\\' or '*/'");
    strcpy(dst, src);
    return 0;
}

/* Expects `want` plain words followed by one quoted description. */
static int expect(struct parser *p, int n, const int *quoted, int want, const char *usage)
{
    if (n != want + 1 || !quoted[want])
        return fail(p, "expected: %s", usage);
    for (int i = 0; i < want; i++)
        if (quoted[i])
            return fail(p, "expected: %s", usage);
    return 0;
}

static int do_device(struct parser *p, char **t, int n, const int *q)
{
    if (n != 2 || q[1])
        return fail(p, "expected: device NAME");
    if (p->dev->name[0])
        return fail(p, "second 'device' line: one file describes one device");
    return check_ident(p, "device name", t[1]) ? -1 : (strcpy(p->dev->name, t[1]), 0);
}

static int do_region(struct parser *p, char **t, int n, const int *q)
{
    static const char *const kinds[] = {"flash", "ram", "ccm", "sysmem", "option", "other"};
    struct dm_device *d = p->dev;
    if (expect(p, n, q, 5, "region NAME KIND BASE SIZE \"desc\""))
        return -1;
    if (d->num_regions == DM_MAX_REGIONS)
        return fail(p, "too many regions (at most %d)", DM_MAX_REGIONS);
    struct dm_region *r = &d->regions[d->num_regions];
    if (check_ident(p, "region name", t[1]))
        return -1;
    size_t k;
    for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(t[2], kinds[k]) == 0)
            break;
    if (k == sizeof kinds / sizeof kinds[0])
        return fail(p, "region kind '%s' unknown: use flash, ram, ccm, sysmem, option or other", t[2]);
    if (parse_u32(p, "region base", t[3], &r->base) || parse_u32(p, "region size", t[4], &r->size))
        return -1;
    if (r->size == 0 || (uint64_t)r->base + r->size > 0x100000000ull)
        return fail(p, "region %s: size must be nonzero and end below 4 GiB", t[1]);
    for (unsigned i = 0; i < d->num_regions; i++)
        if (strcmp(d->regions[i].name, t[1]) == 0)
            return fail(p, "region %s defined twice", t[1]);
    strcpy(r->name, t[1]);
    strcpy(r->kind, t[2]);
    if (copy_desc(p, r->desc, t[5]))
        return -1;
    d->num_regions++;
    return 0;
}

static int do_vector(struct parser *p, char **t, int n, const int *q)
{
    const char *usage = "vector INDEX NAME|- [rt] \"desc\"";
    int rt = (n == 5 && !q[3] && strcmp(t[3], "rt") == 0);
    if (rt) {
        if (!q[4])
            return fail(p, "expected: %s", usage);
    } else if (expect(p, n, q, 3, usage)) {
        return -1;
    }
    uint32_t idx;
    if (parse_u32(p, "vector index", t[1], &idx))
        return -1;
    if (idx >= DM_NUM_VECTORS)
        return fail(p, "vector index %u out of range: the STM32F303xC has %d slots (0..%d)",
                    idx, DM_NUM_VECTORS, DM_NUM_VECTORS - 1);
    struct dm_vector *v = &p->dev->vectors[idx];
    if (v->defined)
        return fail(p, "vector %u defined twice", idx);
    if (strcmp(t[2], "-") == 0) {
        if (rt)
            return fail(p, "vector %u: a reserved slot has no handler, drop 'rt'", idx);
        v->reserved = 1;
    } else {
        if (check_ident(p, "vector name", t[2]))
            return -1;
        for (unsigned i = 0; i < DM_NUM_VECTORS; i++)
            if (p->dev->vectors[i].defined && strcmp(p->dev->vectors[i].name, t[2]) == 0)
                return fail(p, "vector name %s used twice (slots %u and %u)", t[2], i, idx);
        strcpy(v->name, t[2]);
    }
    v->rt = rt;
    v->defined = 1;
    return copy_desc(p, v->desc, t[n - 1]);
}

static int do_block(struct parser *p, char **t, int n, const int *q)
{
    struct dm_device *d = p->dev;
    if (p->cur_block >= 0)
        return fail(p, "'block' inside block %s: close it with 'end' first",
                    d->blocks[p->cur_block].name);
    if (expect(p, n, q, 2, "block NAME \"desc\""))
        return -1;
    if (check_ident(p, "block name", t[1]))
        return -1;
    if (d->num_blocks == DM_MAX_BLOCKS)
        return fail(p, "too many blocks (at most %d)", DM_MAX_BLOCKS);
    for (unsigned i = 0; i < d->num_blocks; i++)
        if (strcmp(d->blocks[i].name, t[1]) == 0)
            return fail(p, "block %s defined twice", t[1]);
    struct dm_block *b = &d->blocks[d->num_blocks];
    strcpy(b->name, t[1]);
    if (copy_desc(p, b->desc, t[2]))
        return -1;
    b->first_reg = d->num_regs;
    p->cur_block = (int)d->num_blocks++;
    p->cur_reg = -1;
    return 0;
}

static int parse_access(struct parser *p, const char *s, enum dm_access *a)
{
    if (strcmp(s, "rw") == 0)
        *a = DM_RW;
    else if (strcmp(s, "ro") == 0)
        *a = DM_RO;
    else if (strcmp(s, "wo") == 0)
        *a = DM_WO;
    else
        return fail(p, "access '%s' unknown: use rw, ro or wo", s);
    return 0;
}

/* reg NAME OFF RESET ACCESS "desc"  |  regs NAME COUNT OFF RESET ACCESS "desc" */
static int do_reg(struct parser *p, char **t, int n, const int *q, int array)
{
    struct dm_device *d = p->dev;
    if (p->cur_block < 0)
        return fail(p, "'%s' outside a block: put it between 'block NAME' and 'end'", t[0]);
    if (expect(p, n, q, array ? 6 : 5,
               array ? "regs NAME COUNT OFFSET RESET ACCESS \"desc\""
                     : "reg NAME OFFSET RESET ACCESS \"desc\""))
        return -1;
    if (d->num_regs == DM_MAX_REGS)
        return fail(p, "too many registers (at most %d)", DM_MAX_REGS);
    struct dm_block *b = &d->blocks[p->cur_block];
    struct dm_reg *r = &d->regs[d->num_regs];
    int a = array ? 1 : 0;
    uint32_t count = 1;
    if (check_ident(p, "register name", t[1]))
        return -1;
    if (array && parse_u32(p, "array count", t[2], &count))
        return -1;
    if (count == 0 || count > 256)
        return fail(p, "array count %u must be 1..256", count);
    if (parse_u32(p, "register offset", t[2 + a], &r->offset) ||
        parse_u32(p, "reset value", t[3 + a], &r->reset) ||
        parse_access(p, t[4 + a], &r->access) || copy_desc(p, r->desc, t[5 + a]))
        return -1;
    if (r->offset % 4)
        return fail(p, "register %s offset 0x%X is not a multiple of 4", t[1], r->offset);
    if (r->offset > 0x10000)
        return fail(p, "register %s offset 0x%X is beyond 64 KiB", t[1], r->offset);
    for (unsigned i = b->first_reg; i < d->num_regs; i++) {
        const struct dm_reg *o = &d->regs[i];
        if (strcmp(o->name, t[1]) == 0)
            return fail(p, "register %s defined twice in block %s", t[1], b->name);
        if (r->offset < o->offset + 4 * o->count)
            return fail(p, "register %s at 0x%X overlaps or precedes %s: list registers by "
                        "increasing offset", t[1], r->offset, o->name);
    }
    strcpy(r->name, t[1]);
    r->count = count;
    r->first_field = d->num_fields;
    r->num_fields = 0;
    p->cur_reg = (int)d->num_regs++;
    b->num_regs++;
    return 0;
}

static int do_field(struct parser *p, char **t, int n, const int *q)
{
    struct dm_device *d = p->dev;
    if (p->cur_reg < 0)
        return fail(p, "'field' without a register: put it right after its 'reg' line");
    if (expect(p, n, q, 4, "field NAME POS WIDTH \"desc\""))
        return -1;
    if (d->num_fields == DM_MAX_FIELDS)
        return fail(p, "too many fields (at most %d)", DM_MAX_FIELDS);
    struct dm_reg *r = &d->regs[p->cur_reg];
    struct dm_field *f = &d->fields[d->num_fields];
    uint32_t pos, width;
    if (check_ident(p, "field name", t[1]) || parse_u32(p, "bit position", t[2], &pos) ||
        parse_u32(p, "width", t[3], &width))
        return -1;
    if (width == 0 || pos > 31 || pos + width > 32)
        return fail(p, "field %s.%s: bits %u..%u do not fit in 32 bits", r->name, t[1], pos,
                    pos + width - 1);
    uint32_t mask = (width == 32 ? 0xFFFFFFFFu : ((1u << width) - 1u)) << pos;
    for (unsigned i = r->first_field; i < r->first_field + r->num_fields; i++) {
        const struct dm_field *o = &d->fields[i];
        uint32_t om = (o->width == 32 ? 0xFFFFFFFFu : ((1u << o->width) - 1u)) << o->pos;
        if (strcmp(o->name, t[1]) == 0)
            return fail(p, "field %s.%s defined twice", r->name, t[1]);
        if (om & mask)
            return fail(p, "field %s.%s overlaps field %s", r->name, t[1], o->name);
    }
    strcpy(f->name, t[1]);
    f->pos = pos;
    f->width = width;
    if (copy_desc(p, f->desc, t[4]))
        return -1;
    d->num_fields++;
    r->num_fields++;
    return 0;
}

static int find_block(const struct dm_device *d, const char *name)
{
    for (unsigned i = 0; i < d->num_blocks; i++)
        if (strcmp(d->blocks[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_periph(const struct dm_device *d, const char *name)
{
    for (unsigned i = 0; i < d->num_periphs; i++)
        if (strcmp(d->periphs[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int parse_irqs(struct parser *p, struct dm_periph *ph, char *s)
{
    if (strcmp(s, "-") == 0)
        return 0;
    for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
        uint32_t irq;
        if (parse_u32(p, "IRQ number", tok, &irq))
            return -1;
        if (irq >= DM_NUM_VECTORS - 16)
            return fail(p, "%s: IRQ %u out of range 0..%d", ph->name, irq, DM_NUM_VECTORS - 17);
        if (ph->num_irqs == DM_MAX_IRQS)
            return fail(p, "%s: more than %d IRQs", ph->name, DM_MAX_IRQS);
        ph->irqs[ph->num_irqs++] = irq;
    }
    return 0;
}

static int do_periph(struct parser *p, char **t, int n, const int *q)
{
    struct dm_device *d = p->dev;
    if (expect(p, n, q, 8, "periph NAME BASE SIZE BUS BLOCK|- RCCREG.BIT|- IRQS|- \"desc\""))
        return -1;
    if (d->num_periphs == DM_MAX_PERIPHS)
        return fail(p, "too many peripherals (at most %d)", DM_MAX_PERIPHS);
    struct dm_periph *ph = &d->periphs[d->num_periphs];
    if (check_ident(p, "peripheral name", t[1]) || check_ident(p, "bus name", t[4]))
        return -1;
    if (find_periph(d, t[1]) >= 0)
        return fail(p, "peripheral %s defined twice", t[1]);
    strcpy(ph->name, t[1]);
    strcpy(ph->bus, t[4]);
    if (parse_u32(p, "base", t[2], &ph->base) || parse_u32(p, "size", t[3], &ph->size))
        return -1;
    if (ph->size == 0 || (uint64_t)ph->base + ph->size > 0x100000000ull)
        return fail(p, "%s: size must be nonzero and end below 4 GiB", t[1]);
    ph->block = -1;
    if (strcmp(t[5], "-") != 0) {
        ph->block = find_block(d, t[5]);
        if (ph->block < 0)
            return fail(p, "%s: block %s is not defined (define blocks before peripherals)",
                        t[1], t[5]);
        const struct dm_block *b = &d->blocks[ph->block];
        for (unsigned i = b->first_reg; i < b->first_reg + b->num_regs; i++)
            if (d->regs[i].offset + 4 * d->regs[i].count > ph->size)
                return fail(p, "%s: register %s at offset 0x%X lies beyond the size 0x%X",
                            t[1], d->regs[i].name, d->regs[i].offset, ph->size);
    }
    ph->rcc_bit = -1;
    if (strcmp(t[6], "-") != 0) {
        char *dot = strchr(t[6], '.');
        uint32_t bit;
        if (!dot)
            return fail(p, "%s: clock enable '%s' must be REGISTER.BIT, e.g. AHBENR.17", t[1], t[6]);
        *dot = '\0';
        if (check_ident(p, "RCC register", t[6]) || parse_u32(p, "RCC bit", dot + 1, &bit))
            return -1;
        if (bit > 31)
            return fail(p, "%s: RCC bit %u out of range 0..31", t[1], bit);
        strcpy(ph->rcc_reg, t[6]);
        ph->rcc_bit = (int)bit;
    }
    if (parse_irqs(p, ph, t[7]) || copy_desc(p, ph->desc, t[8]))
        return -1;
    for (unsigned i = 0; i < d->num_periphs; i++) {
        const struct dm_periph *o = &d->periphs[i];
        if (ph->base < o->base + o->size && o->base < ph->base + ph->size)
            return fail(p, "%s at 0x%08X..0x%08X overlaps %s", t[1], ph->base,
                        ph->base + ph->size - 1, o->name);
    }
    d->num_periphs++;
    return 0;
}

static int do_reset(struct parser *p, char **t, int n, const int *q)
{
    struct dm_device *d = p->dev;
    if (n != 4 || q[1] || q[2] || q[3])
        return fail(p, "expected: reset PERIPH REG VALUE");
    if (d->num_overrides == DM_MAX_OVERRIDES)
        return fail(p, "too many reset overrides (at most %d)", DM_MAX_OVERRIDES);
    int pi = find_periph(d, t[1]);
    if (pi < 0)
        return fail(p, "reset: peripheral %s is not defined", t[1]);
    if (d->periphs[pi].block < 0)
        return fail(p, "reset: peripheral %s has no register block", t[1]);
    const struct dm_block *b = &d->blocks[d->periphs[pi].block];
    unsigned ri;
    for (ri = b->first_reg; ri < b->first_reg + b->num_regs; ri++)
        if (strcmp(d->regs[ri].name, t[2]) == 0)
            break;
    if (ri == b->first_reg + b->num_regs)
        return fail(p, "reset: block %s has no register %s", b->name, t[2]);
    struct dm_override *o = &d->overrides[d->num_overrides];
    for (unsigned i = 0; i < d->num_overrides; i++)
        if (d->overrides[i].periph == (unsigned)pi && d->overrides[i].reg == ri)
            return fail(p, "reset %s %s given twice", t[1], t[2]);
    if (parse_u32(p, "reset value", t[3], &o->value))
        return -1;
    o->periph = (unsigned)pi;
    o->reg = ri;
    d->num_overrides++;
    return 0;
}

static int do_const(struct parser *p, char **t, int n, const int *q)
{
    struct dm_device *d = p->dev;
    if (expect(p, n, q, 3, "const NAME VALUE \"desc\""))
        return -1;
    if (d->num_consts == DM_MAX_CONSTS)
        return fail(p, "too many constants (at most %d)", DM_MAX_CONSTS);
    struct dm_const *c = &d->consts[d->num_consts];
    if (check_ident(p, "constant name", t[1]) || parse_u32(p, "constant value", t[2], &c->value))
        return -1;
    for (unsigned i = 0; i < d->num_consts; i++)
        if (strcmp(d->consts[i].name, t[1]) == 0)
            return fail(p, "constant %s defined twice", t[1]);
    strcpy(c->name, t[1]);
    if (copy_desc(p, c->desc, t[3]))
        return -1;
    d->num_consts++;
    return 0;
}

static int do_line(struct parser *p, char *line)
{
    char *t[MAX_TOKENS];
    int q[MAX_TOKENS];
    int n = tokenize(p, line, t, q);
    if (n <= 0)
        return n;
    if (q[0])
        return fail(p, "a line must start with a keyword, not a string");
    if (p->cur_block >= 0 && strcmp(t[0], "reg") && strcmp(t[0], "regs") &&
        strcmp(t[0], "field") && strcmp(t[0], "end") && strcmp(t[0], "block"))
        return fail(p, "'%s' inside block %s: close the block with 'end' first", t[0],
                    p->dev->blocks[p->cur_block].name);
    if (strcmp(t[0], "device") == 0)
        return do_device(p, t, n, q);
    if (strcmp(t[0], "region") == 0)
        return do_region(p, t, n, q);
    if (strcmp(t[0], "vector") == 0)
        return do_vector(p, t, n, q);
    if (strcmp(t[0], "block") == 0)
        return do_block(p, t, n, q);
    if (strcmp(t[0], "reg") == 0)
        return do_reg(p, t, n, q, 0);
    if (strcmp(t[0], "regs") == 0)
        return do_reg(p, t, n, q, 1);
    if (strcmp(t[0], "field") == 0)
        return do_field(p, t, n, q);
    if (strcmp(t[0], "end") == 0) {
        if (p->cur_block < 0 || n != 1)
            return fail(p, "'end' closes a block and stands alone");
        if (p->dev->blocks[p->cur_block].num_regs == 0)
            return fail(p, "block %s has no registers", p->dev->blocks[p->cur_block].name);
        p->cur_block = p->cur_reg = -1;
        return 0;
    }
    if (strcmp(t[0], "periph") == 0)
        return do_periph(p, t, n, q);
    if (strcmp(t[0], "reset") == 0)
        return do_reset(p, t, n, q);
    if (strcmp(t[0], "const") == 0)
        return do_const(p, t, n, q);
    return fail(p, "unknown keyword '%s' (known: device const region vector block reg regs "
                "field end periph reset)", t[0]);
}

static int validate(struct parser *p)
{
    struct dm_device *d = p->dev;
    if (p->cur_block >= 0)
        return fail(p, "block %s is not closed: add 'end'", d->blocks[p->cur_block].name);
    if (!d->name[0])
        return fail(p, "no 'device NAME' line");
    for (unsigned i = 0; i < DM_NUM_VECTORS; i++)
        if (!d->vectors[i].defined)
            return fail(p, "vector %u is missing: all %d slots must be listed (use '-' for "
                        "reserved ones)", i, DM_NUM_VECTORS);
    if (!d->vectors[0].reserved)
        return fail(p, "vector 0 holds the initial stack pointer: write 'vector 0 - \"...\"'");
    if (d->vectors[1].reserved || strcmp(d->vectors[1].name, "Reset") != 0)
        return fail(p, "vector 1 must be named Reset");
    return 0;
}

int dm_parse(struct dm_device *dev, const char *text, const char *path, FILE *err)
{
    struct parser p = {dev, path, 0, err, -1, -1};
    memset(dev, 0, sizeof *dev);
    const char *s = text;
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char line[1024];
        p.line++;
        if (len >= sizeof line)
            return fail(&p, "line longer than %zu characters", sizeof line - 1);
        memcpy(line, s, len);
        line[len] = '\0';
        if (do_line(&p, line))
            return -1;
        s = nl ? nl + 1 : s + len;
    }
    p.line++;
    return validate(&p);
}

uint32_t dm_reset_value(const struct dm_device *dev, unsigned p, unsigned reg)
{
    for (unsigned i = 0; i < dev->num_overrides; i++)
        if (dev->overrides[i].periph == p && dev->overrides[i].reg == reg)
            return dev->overrides[i].value;
    return dev->regs[reg].reset;
}
