/* The f3kit subcommands.  Each returns the process exit status. */
#ifndef F3KIT_COMMANDS_H
#define F3KIT_COMMANDS_H

int cmd_check(int argc, char **argv);   /* cmd_check.c */
int cmd_run(int argc, char **argv);     /* cmd_run.c */
int cmd_board(int argc, char **argv);   /* cmd_board.c */
int cmd_flash(int argc, char **argv);   /* cmd_flash.c */
int cmd_debug(int argc, char **argv);   /* cmd_debug.c */

#endif
