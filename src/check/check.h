/* `f3kit check`: a table of firmware rules evaluated once over an ELF image;
 * the text and JSON reports both print the same evaluation. */
#ifndef F3KIT_CHECK_H
#define F3KIT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check/check_attrs.h"
#include "data/device.h"
#include "elf/elf_image.h"

#define CHECK_DEFAULT_VTOR 0x08000000u
#define CHECK_MSG_LEN 320

enum check_severity { CHECK_SEV_ERROR, CHECK_SEV_WARNING };
enum check_status { CHECK_PASS, CHECK_FAIL, CHECK_WARN, CHECK_SKIP };

struct check_config {
    uint32_t vtor;   /* where the vector table must be (VTOR at reset: 0x08000000) */
};

/* Facts derived from the image once, shared by the rules and the reports. */
struct check_facts {
    const struct device_region *flash, *ram, *ccm;
    uint32_t vtor;
    uint32_t nvec;                        /* vector words present at vtor (0 = none) */
    uint32_t vec[DEVICE_NUM_VECTORS];
    char vec_source[64];                  /* how the table's length was found */
    const char *vec_section;              /* a vector-table section/symbol found anywhere */
    uint32_t vec_section_addr;
    uint32_t flash_bytes;                 /* file bytes of PT_LOAD segments (what is programmed) */
    bool any_in_flash;                    /* some PT_LOAD file bytes land in FLASH */
    bool no_link_script;                  /* looks linked without memory.x/link.x */
    bool have_attrs;
    bool attrs_ok;
    char attrs_err[128];
    struct check_attrs attrs;
};

/* The region holding all of [addr, addr+len) (len 0 counts as 1 byte), or NULL. */
const struct device_region *check_region_of(uint32_t addr, uint32_t len);
void check_facts_compute(const struct elf_image *img, const struct check_config *cfg,
                         struct check_facts *f);

/* What a rule sees. */
struct check_ctx {
    const struct elf_image *img;
    const struct check_config *cfg;
    const struct check_facts *f;
};

/* A rule writes its message (always) and may rewrite the hint (pre-filled
 * with the table's hint); it returns PASS, FAIL (or WARN for warnings), or
 * SKIP when what it checks does not exist (e.g. no vector table). */
typedef enum check_status (*check_fn)(const struct check_ctx *c, char *msg, size_t msglen,
                                      char *hint, size_t hintlen);

struct check_rule {
    const char *id;          /* "F3C012" */
    enum check_severity severity;
    const char *title;       /* what is checked, one line */
    check_fn fn;
    const char *hint;        /* how to fix a failure */
};

extern const struct check_rule check_rules[];
extern const size_t check_num_rules;

struct check_result {
    const struct check_rule *rule;
    enum check_status status;
    char message[CHECK_MSG_LEN];
    char hint[CHECK_MSG_LEN];   /* "" when passed */
};

struct check_report {
    const char *path;
    const struct elf_image *img;
    struct check_config cfg;
    struct check_facts facts;
    struct check_result *results;   /* check_num_rules entries */
    size_t nresults;
    unsigned errors, warnings;
    bool valid;                     /* no error-severity rule failed */
};

/* Evaluate every rule.  Returns 0, or -1 when out of memory. */
int check_evaluate(const struct elf_image *img, const struct check_config *cfg, const char *path,
                   struct check_report *rep);
void check_report_free(struct check_report *rep);
/* The result of a rule by id, or NULL. */
const struct check_result *check_find(const struct check_report *rep, const char *id);

/* Check one file and print its report (check_file.c).  Returns the exit
 * status of `f3kit check`: 0 valid, 1 invalid, 2 unreadable (its one-line
 * error goes to errout). */
enum { CHECK_EXIT_VALID = 0, CHECK_EXIT_INVALID = 1, CHECK_EXIT_UNREADABLE = 2 };
enum check_output {
    CHECK_OUTPUT_TEXT,    /* header, segments, vectors, every rule, verdict */
    CHECK_OUTPUT_QUIET,   /* errors, warnings and the verdict */
    CHECK_OUTPUT_JSON,
    CHECK_OUTPUT_NONE,    /* only the exit status */
};
int check_file(const char *path, const struct check_config *cfg, enum check_output mode, FILE *out,
               FILE *errout);

/* Reports (check_text.c, check_json.c). */
void check_print_text(FILE *out, const struct check_report *rep, bool quiet);
void check_print_json(FILE *out, const struct check_report *rep);
void check_print_json_error(FILE *out, const char *path, const char *error);

/* Names for reports (check_names.c). */
const char *check_status_name(enum check_status s);
const char *check_severity_name(enum check_severity s);
const char *check_elf_type_name(uint16_t t);   /* "ET_EXEC" */
const char *check_elf_type_desc(uint16_t t);   /* "Executable", as llvm-readobj says */
const char *check_machine_name(uint16_t m);
const char *check_ptype_name(uint32_t t);
void check_pflags_str(uint32_t flags, char out[4]);
/* The name of vector slot i: "initial SP", "Reset", ..., "reserved". */
const char *check_vector_name(uint32_t i);

#endif
