/* In-memory model of a device description (data/<chip>.dev) and the parser
 * that fills it.  Shared by the three emitters of tools/gendevice. */
#ifndef F3KIT_DEVMODEL_H
#define F3KIT_DEVMODEL_H

#include <stdint.h>
#include <stdio.h>

#define DM_NAME_MAX 32
#define DM_DESC_MAX 128
#define DM_NUM_VECTORS 98
#define DM_MAX_REGIONS 16
#define DM_MAX_BLOCKS 64
#define DM_MAX_REGS 1024
#define DM_MAX_FIELDS 2048
#define DM_MAX_PERIPHS 128
#define DM_MAX_IRQS 8
#define DM_MAX_OVERRIDES 128
#define DM_MAX_CONSTS 32

enum dm_access { DM_RW, DM_RO, DM_WO };

struct dm_region {
    char name[DM_NAME_MAX];
    char kind[DM_NAME_MAX];     /* flash ram ccm sysmem option other */
    uint32_t base, size;
    char desc[DM_DESC_MAX];
};

struct dm_vector {
    int defined;
    int reserved;               /* '-' in the data file: initial SP or reserved */
    int rt;                     /* handler provided by fw/rt, no weak alias */
    char name[DM_NAME_MAX];
    char desc[DM_DESC_MAX];
};

struct dm_field {
    char name[DM_NAME_MAX];
    unsigned pos, width;
    char desc[DM_DESC_MAX];
};

struct dm_reg {
    char name[DM_NAME_MAX];
    uint32_t offset;
    unsigned count;             /* 1, or the element count of a 'regs' array */
    uint32_t reset;
    enum dm_access access;
    char desc[DM_DESC_MAX];
    unsigned first_field, num_fields;
};

struct dm_block {
    char name[DM_NAME_MAX];
    char desc[DM_DESC_MAX];
    unsigned first_reg, num_regs;
};

struct dm_periph {
    char name[DM_NAME_MAX];
    uint32_t base, size;
    char bus[DM_NAME_MAX];
    int block;                  /* index into blocks, or -1 */
    char rcc_reg[DM_NAME_MAX];  /* "" when always clocked */
    int rcc_bit;                /* -1 when none */
    unsigned num_irqs;
    unsigned irqs[DM_MAX_IRQS];
    char desc[DM_DESC_MAX];
};

struct dm_override {
    unsigned periph;
    unsigned reg;               /* index into regs (of the periph's block) */
    uint32_t value;
};

struct dm_const {
    char name[DM_NAME_MAX];
    uint32_t value;
    char desc[DM_DESC_MAX];
};

struct dm_device {
    char name[DM_NAME_MAX];
    struct dm_region regions[DM_MAX_REGIONS];
    unsigned num_regions;
    struct dm_vector vectors[DM_NUM_VECTORS];
    struct dm_block blocks[DM_MAX_BLOCKS];
    unsigned num_blocks;
    struct dm_reg regs[DM_MAX_REGS];
    unsigned num_regs;
    struct dm_field fields[DM_MAX_FIELDS];
    unsigned num_fields;
    struct dm_periph periphs[DM_MAX_PERIPHS];
    unsigned num_periphs;
    struct dm_override overrides[DM_MAX_OVERRIDES];
    unsigned num_overrides;
    struct dm_const consts[DM_MAX_CONSTS];
    unsigned num_consts;
};

/* Parses the text in `text` (NUL-terminated) named `path` for messages.
 * Returns 0 on success; otherwise prints "path:line: what is wrong" to err
 * and returns -1.  The whole description is validated (98 vectors, register
 * offsets, overlaps, ...) before success is reported. */
int dm_parse(struct dm_device *dev, const char *text, const char *path, FILE *err);

/* Reset value of register `reg` (index into dev->regs) in peripheral `p`. */
uint32_t dm_reset_value(const struct dm_device *dev, unsigned p, unsigned reg);

/* The emitters.  Each returns 0, or -1 after an I/O error. */
int dm_emit_tables(const struct dm_device *dev, FILE *out, const char *src_name);
int dm_emit_header(const struct dm_device *dev, FILE *out, const char *src_name);
int dm_emit_vectors(const struct dm_device *dev, FILE *out, const char *src_name);

#endif
