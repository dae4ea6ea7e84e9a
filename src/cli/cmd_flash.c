/* PLACEHOLDER: replaced by the owner of 'f3kit flash'. */
#include <stdio.h>

#include "cli/commands.h"

int cmd_flash(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "f3kit flash: not built yet\n");
    return 2;
}
