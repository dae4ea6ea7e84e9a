/* The f3kit subcommands.  Each returns the process exit status. */
#ifndef F3KIT_COMMANDS_H
#define F3KIT_COMMANDS_H

int cmd_check(int argc, char **argv);   /* cmd_check.c */
int cmd_run(int argc, char **argv);     /* cmd_run.c */
int cmd_board(int argc, char **argv);   /* cmd_board.c */
int cmd_flash(int argc, char **argv);   /* cmd_flash.c */
int cmd_debug(int argc, char **argv);   /* cmd_debug.c */

/* `f3kit check --quiet elf` before `cmd` ("flash", "debug") touches a board;
 * 0 when it passed, else the check's status with a note on how to go on
 * (cli_check.c). */
int cli_check_before(const char *cmd, const char *elf);

#endif
