/* f3kit check app.elf [--vtor ADDR] [--json] [--quiet]
 * Exit status: 0 valid, 1 invalid (an error rule failed), 2 unreadable
 * input or bad usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli/commands.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: f3kit check app.elf [--vtor ADDR] [--json] [--quiet]\n"
            "\n"
            "Validates a firmware ELF for the STM32F3DISCOVERY: prints its ELF header,\n"
            "program headers and first vectors, then every rule (F3Cnnn) with a verdict.\n"
            "\n"
            "  --vtor ADDR  where the vector table must be (default 0x08000000)\n"
            "  --json       print a machine-readable report instead\n"
            "  --quiet      print only errors, warnings and the verdict\n"
            "  --rules      list the rules (id, severity, what is checked, fix) and exit\n"
            "\n"
            "exit status: 0 valid, 1 invalid, 2 unreadable input\n");
}

static int parse_u32(const char *s, uint32_t *v)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (!*s || *end || errno || x > 0xffffffffull || s[0] == '-')
        return -1;
    *v = (uint32_t)x;
    return 0;
}

int cmd_check(int argc, char **argv)
{
    struct check_config cfg = {CHECK_DEFAULT_VTOR};
    const char *path = NULL;
    bool json = false, quiet = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--rules")) {
            for (size_t k = 0; k < check_num_rules; k++)
                printf("%s  %-7s  %s\n        fix: %s\n", check_rules[k].id,
                       check_severity_name(check_rules[k].severity), check_rules[k].title,
                       check_rules[k].hint);
            return 0;
        } else if (!strcmp(a, "--json")) {
            json = true;
        } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            quiet = true;
        } else if (!strcmp(a, "--vtor") || !strncmp(a, "--vtor=", 7)) {
            const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || parse_u32(v, &cfg.vtor)) {
                fprintf(stderr, "f3kit check: --vtor needs an address such as 0x08000000\n");
                return 2;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "f3kit check: unknown option '%s' (see f3kit check --help)\n", a);
            return 2;
        } else if (path) {
            fprintf(stderr, "f3kit check: one ELF file at a time ('%s' and '%s')\n", path, a);
            return 2;
        } else {
            path = a;
        }
    }
    if (!path) {
        fprintf(stderr, "f3kit check: which ELF? usage: f3kit check app.elf [--vtor ADDR] "
                        "[--json] [--quiet]\n");
        return 2;
    }

    enum check_output mode = json ? CHECK_OUTPUT_JSON : quiet ? CHECK_OUTPUT_QUIET : CHECK_OUTPUT_TEXT;
    return check_file(path, &cfg, mode, stdout, stderr);
}
