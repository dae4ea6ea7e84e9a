/* Checking a file end to end, for `f3kit check` and for the commands that
 * check before they flash. */
#include "check/check.h"

int check_file(const char *path, const struct check_config *cfg, enum check_output mode, FILE *out,
               FILE *errout)
{
    struct elf_image img;
    char err[600];
    if (elf_image_open(path, &img, err, sizeof err) != 0) {
        fprintf(errout, "f3kit check: error: %s\n", err);
        if (mode == CHECK_OUTPUT_JSON)
            check_print_json_error(out, path, err);
        return CHECK_EXIT_UNREADABLE;
    }
    struct check_report rep;
    if (check_evaluate(&img, cfg, path, &rep) != 0) {
        fprintf(errout, "f3kit check: error: out of memory\n");
        elf_image_close(&img);
        return CHECK_EXIT_UNREADABLE;
    }
    if (mode == CHECK_OUTPUT_JSON)
        check_print_json(out, &rep);
    else if (mode != CHECK_OUTPUT_NONE)
        check_print_text(out, &rep, mode == CHECK_OUTPUT_QUIET);
    int rc = rep.valid ? CHECK_EXIT_VALID : CHECK_EXIT_INVALID;
    check_report_free(&rep);
    elf_image_close(&img);
    return rc;
}
