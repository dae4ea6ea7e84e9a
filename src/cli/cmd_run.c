/* PLACEHOLDER: replaced by the owner of 'f3kit run'. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_run(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "f3kit run: not built yet\n");
    return 2;
}
