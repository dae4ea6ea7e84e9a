/* One evaluation of the rule table; the reports only print its results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"

int check_evaluate(const struct elf_image *img, const struct check_config *cfg, const char *path,
                   struct check_report *rep)
{
    memset(rep, 0, sizeof *rep);
    rep->path = path;
    rep->img = img;
    rep->cfg = *cfg;
    check_facts_compute(img, cfg, &rep->facts);
    rep->results = calloc(check_num_rules, sizeof *rep->results);
    if (!rep->results)
        return -1;
    struct check_ctx ctx = {img, &rep->cfg, &rep->facts};
    for (size_t i = 0; i < check_num_rules; i++) {
        const struct check_rule *r = &check_rules[i];
        struct check_result *res = &rep->results[i];
        res->rule = r;
        snprintf(res->hint, sizeof res->hint, "%s", r->hint);
        res->status = r->fn(&ctx, res->message, sizeof res->message, res->hint, sizeof res->hint);
        /* A warning-severity rule never fails the image; an error one never just warns. */
        if (res->status == CHECK_FAIL && r->severity == CHECK_SEV_WARNING)
            res->status = CHECK_WARN;
        if (res->status == CHECK_WARN && r->severity == CHECK_SEV_ERROR)
            res->status = CHECK_FAIL;
        if (res->status == CHECK_PASS || res->status == CHECK_SKIP)
            res->hint[0] = '\0';
        rep->errors += res->status == CHECK_FAIL;
        rep->warnings += res->status == CHECK_WARN;
    }
    rep->nresults = check_num_rules;
    rep->valid = rep->errors == 0;
    return 0;
}

void check_report_free(struct check_report *rep)
{
    free(rep->results);
    memset(rep, 0, sizeof *rep);
}

const struct check_result *check_find(const struct check_report *rep, const char *id)
{
    for (size_t i = 0; i < rep->nresults; i++)
        if (!strcmp(rep->results[i].rule->id, id))
            return &rep->results[i];
    return NULL;
}
