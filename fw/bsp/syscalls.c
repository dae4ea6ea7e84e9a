/* newlib system calls for printf/malloc/exit on bare metal.  stdout and
 * stderr go to the semihosting console when a debugger is attached, else to
 * USART1 once usart1_init() succeeded (one channel, so a host that shows
 * both does not print everything twice); otherwise they are dropped. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "rt.h"
#include "semihosting.h"
#include "usart.h"

/* From fw/link.x: heap from the end of .bss to the stack reserve. */
extern char __sheap[];
extern char _heap_end[];

int _write(int fd, const char *buf, int len);
int _read(int fd, char *buf, int len);
void *_sbrk(ptrdiff_t incr);
int _close(int fd);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
int _lseek(int fd, int offset, int whence);
void _exit(int code);
int _kill(int pid, int sig);
int _getpid(void);

int _write(int fd, const char *buf, int len)
{
    if (fd != 1 && fd != 2) {
        errno = EBADF;
        return -1;
    }
    if (len <= 0)
        return 0;
    if (sh_debugger_attached())
        sh_write(buf, (size_t)len);
    else if (usart1_ready())
        usart1_write(buf, (size_t)len);
    return len;
}

int _read(int fd, char *buf, int len)
{
    if (fd != 0) {
        errno = EBADF;
        return -1;
    }
    if (len <= 0 || !usart1_ready())
        return 0;
    int c = usart1_getc(10000);
    if (c < 0)
        return 0;           /* end of input after 10 s of silence */
    buf[0] = (char)c;
    return 1;
}

void *_sbrk(ptrdiff_t incr)
{
    static char *brk = __sheap;
    if (incr > _heap_end - brk || incr < __sheap - brk) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *old = brk;
    brk += incr;
    return old;
}

int _close(int fd)
{
    (void)fd;
    errno = EBADF;
    return -1;
}

int _fstat(int fd, struct stat *st)
{
    (void)fd;
    st->st_mode = S_IFCHR;  /* a terminal: line-buffered stdio */
    return 0;
}

int _isatty(int fd)
{
    return fd >= 0 && fd <= 2;
}

int _lseek(int fd, int offset, int whence)
{
    (void)fd;
    (void)offset;
    (void)whence;
    errno = ESPIPE;
    return -1;
}

void _exit(int code)
{
    rt_stop(code);
}

int _kill(int pid, int sig)
{
    (void)pid;
    (void)sig;
    errno = EINVAL;
    return -1;
}

int _getpid(void)
{
    return 1;
}
