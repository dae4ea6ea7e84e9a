/* Process plumbing for the debug commands (see dbg_launch.h). */
#include "debug/dbg_launch.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

bool dbg_port_listening(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
    close(fd);
    return ok;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

bool dbg_wait_port(int port, int timeout_ms, pid_t pid)
{
    for (int t = 0; t <= timeout_ms; t += 20) {
        if (dbg_port_listening(port))
            return true;
        if (pid > 0 && waitpid(pid, NULL, WNOHANG) == pid)
            return false;
        sleep_ms(20);
    }
    return false;
}

static bool executable(const char *p)
{
    struct stat st;
    return !stat(p, &st) && S_ISREG(st.st_mode) && !access(p, X_OK);
}

bool dbg_find_program(const char *name, char *out, size_t cap)
{
    if (strchr(name, '/')) {
        if (!executable(name))
            return false;
        snprintf(out, cap, "%s", name);
        return true;
    }
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *end = strchr(path, ':');
        size_t n = end ? (size_t)(end - path) : strlen(path);
        if (n > 0) {
            snprintf(out, cap, "%.*s/%s", (int)n, path, name);
            if (executable(out))
                return true;
        }
        path += n + (end ? 1 : 0);
    }
    return false;
}

static pid_t spawn(char *const argv[], int outfd, unsigned how, char *err, size_t errlen)
{
    int ep[2];   /* reports an exec failure back to the parent */
    if (pipe2(ep, O_CLOEXEC)) {
        snprintf(err, errlen, "cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot fork: %s", strerror(errno));
        close(ep[0]);
        close(ep[1]);
        return -1;
    }
    if (pid == 0) {
        if (how & DBG_SPAWN_SESSION)
            setsid();
        if (how & DBG_SPAWN_DIE_WITH_US)
            prctl(PR_SET_PDEATHSIG, SIGTERM);
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        if (outfd >= 0) {
            dup2(outfd, 1);
            dup2(outfd, 2);
        }
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0)
            dup2(devnull, 0);
        execv(argv[0], argv);
        int e = errno;
        if (write(ep[1], &e, sizeof e) < 0) {
            /* nothing more to report with */
        }
        _exit(127);
    }
    close(ep[1]);
    int e = 0;
    ssize_t n = read(ep[0], &e, sizeof e);
    close(ep[0]);
    if (n == (ssize_t)sizeof e) {
        waitpid(pid, NULL, 0);
        snprintf(err, errlen, "cannot run %s: %s", argv[0], strerror(e));
        return -1;
    }
    return pid;
}

pid_t dbg_spawn(char *const argv[], const char *log_path, unsigned how, char *err,
                size_t errlen)
{
    int fd = -1;
    if (log_path) {
        fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) {
            snprintf(err, errlen, "cannot write %s: %s", log_path, strerror(errno));
            return -1;
        }
    }
    pid_t pid = spawn(argv, fd, how, err, errlen);
    if (fd >= 0)
        close(fd);
    return pid;
}

pid_t dbg_spawn_piped(char *const argv[], int *fd, unsigned how, char *err, size_t errlen)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC)) {
        snprintf(err, errlen, "cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = spawn(argv, p[1], how, err, errlen);
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        return -1;
    }
    *fd = p[0];
    return pid;
}

bool dbg_self_exe(char *out, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", out, cap - 1);
    if (n <= 0)
        return false;
    out[n] = 0;
    return true;
}

void dbg_stop_child(pid_t pid, int grace_ms)
{
    if (pid <= 0)
        return;
    kill(pid, SIGTERM);
    for (int t = 0; t < grace_ms; t += 10) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return;
        sleep_ms(10);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}
