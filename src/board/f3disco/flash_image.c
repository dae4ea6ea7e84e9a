/* The flash array persists like silicon: a file holding the 256 KiB image,
 * replaced atomically (temp file in the same directory, fsync, rename,
 * fsync of the directory) so a crash or kill never leaves a torn image.
 *
 * One board at a time owns an image: an exclusive flock(2) on "IMAGE.lock"
 * (not on the image itself, whose inode each save replaces) held for the
 * board's lifetime, with the holder's pid written inside for the message a
 * second board gets.  The kernel drops the lock when its holder dies, even
 * by kill -9, so a stale lock file never blocks anyone.  Under the lock the
 * temporary file has one fixed name, "IMAGE.tmp": whatever a killed writer
 * left there is removed when the next board takes the image. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "board/f3disco/board_priv.h"

/* mkdir -p of the directory holding `path`. */
static int make_parent(const char *path, char *err, size_t errlen)
{
    char dir[4096];
    if (strlen(path) >= sizeof dir) {
        snprintf(err, errlen, "flash image path is too long: %s", path);
        return -1;
    }
    strcpy(dir, path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            snprintf(err, errlen, "cannot create directory %s: %s", dir, strerror(errno));
            return -1;
        }
        *p = '/';
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "cannot create directory %s: %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* "PATH" + suffix, malloc'd (NULL when out of memory). */
static char *suffixed(const char *path, const char *suffix)
{
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s", path, suffix);
    return p;
}

/* What the holder of a lock wrote: "pid\n".  0 when not (yet) readable. */
static long lock_holder(int fd)
{
    char buf[32];
    /* The holder writes its pid right after taking the lock: give it a moment. */
    for (int tries = 0; tries < 20; tries++) {
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        if (n > 0) {
            buf[n] = '\0';
            long pid = strtol(buf, NULL, 10);
            if (pid > 0)
                return pid;
        }
        struct timespec ts = {0, 5 * 1000000L};
        nanosleep(&ts, NULL);
    }
    return 0;
}

/* The holder's command line ("f3kit board --stlink-port 7185"), the
 * program without its directory; empty when unknown. */
static void holder_command(long pid, char *out, size_t len)
{
    out[0] = '\0';
    char p[64];
    snprintf(p, sizeof p, "/proc/%ld/cmdline", pid);
    FILE *f = fopen(p, "rb");
    if (!f)
        return;
    char buf[160];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *slash = strrchr(buf, '/');      /* within argv[0] */
    size_t k = 0;
    for (const char *c = slash ? slash + 1 : buf; c < buf + n && k + 1 < len; c++)
        out[k++] = *c ? *c : ' ';
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
}

/* Temporary files a killed writer left: "IMAGE.tmp" (this scheme) and
 * "IMAGE.tmpXXXXXX" (mkstemp names of earlier f3kit versions). */
static void remove_stale_temps(const char *path)
{
    char *tmp = suffixed(path, ".tmp");
    char *dcopy = strdup(path), *bcopy = strdup(path);
    if (tmp && dcopy && bcopy) {
        unlink(tmp);
        const char *base = basename(bcopy);
        size_t blen = strlen(base);
        DIR *d = opendir(dirname(dcopy));
        for (struct dirent *e; d && (e = readdir(d));) {
            const char *n = e->d_name;
            if (strncmp(n, base, blen) || strncmp(n + blen, ".tmp", 4) || strlen(n + blen) != 10)
                continue;
            bool legacy = true;
            for (const char *c = n + blen + 4; *c; c++)
                legacy &= isalnum((unsigned char)*c) != 0;
            if (legacy)
                unlinkat(dirfd(d), n, 0);
        }
        if (d)
            closedir(d);
    }
    free(tmp);
    free(dcopy);
    free(bcopy);
}

int flash_image_lock(const char *path, char *err, size_t errlen)
{
    if (make_parent(path, err, errlen) != 0)
        return -1;
    char *lp = suffixed(path, ".lock");
    if (!lp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EACCES)
        fd = open(lp, O_RDONLY | O_CLOEXEC);    /* someone else's lock file: flock works */
    if (fd < 0) {
        snprintf(err, errlen,
                 "cannot create the lock file %s for flash image %s: %s: pass --flash with a "
                 "file in a directory you can write", lp, path, strerror(errno));
        free(lp);
        return -1;
    }
    while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK) {
            snprintf(err, errlen, "cannot lock %s: %s", lp, strerror(errno));
        } else {
            long pid = lock_holder(fd);
            char cmd[96] = "";
            if (pid > 0)
                holder_command(pid, cmd, sizeof cmd);
            if (pid > 0)
                snprintf(err, errlen,
                         "flash image %s is in use by another board (pid %ld%s%s%s): give this "
                         "one its own image with --flash FILE, or stop the other board "
                         "(kill %ld) first",
                         path, pid, cmd[0] ? ", `" : "", cmd, cmd[0] ? "`" : "", pid);
            else
                snprintf(err, errlen,
                         "flash image %s is in use by another board (it holds %s): give this "
                         "one its own image with --flash FILE, or stop the other board first",
                         path, lp);
        }
        close(fd);
        free(lp);
        return -1;
    }
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n) {
        /* The lock holds without the pid; a second board just cannot name us. */
    }
    free(lp);
    remove_stale_temps(path);
    return fd;
}

void flash_image_unlock(int fd)
{
    if (fd >= 0)
        close(fd);   /* releases the flock; the lock file stays for the next board */
}

uint64_t flash_image_hash(const uint8_t *buf, size_t len)
{
    uint64_t h = 0xcbf29ce484222325u;     /* FNV-1a, 64-bit */
    for (size_t i = 0; i < len; i++)
        h = (h ^ buf[i]) * 0x100000001b3u;
    return h;
}

int flash_image_load(const char *path, uint8_t *buf, size_t len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {          /* a fresh board: erased flash */
            memset(buf, 0xff, len);
            return 0;
        }
        snprintf(err, errlen, "cannot open flash image %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size != len) {
        snprintf(err, errlen,
                 "flash image %s is %lld bytes, expected %zu: delete it or pass --flash with "
                 "another file",
                 path, (long long)st.st_size, len);
        close(fd);
        return -1;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = read(fd, buf + done, len - done);
        if (n <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            snprintf(err, errlen, "cannot read flash image %s: %s", path,
                     n < 0 ? strerror(errno) : "file shrank while reading");
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    close(fd);
    return 0;
}

int flash_image_save(const char *path, const uint8_t *buf, size_t len, char *err, size_t errlen)
{
    if (make_parent(path, err, errlen) != 0)
        return -1;
    char *tmp = suffixed(path, ".tmp");
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    /* One fixed name: the caller holds the image's lock (flash_image_lock). */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary file next to %s: %s", path,
                 strerror(errno));
        free(tmp);
        return -1;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            snprintf(err, errlen, "cannot write flash image %s: %s", tmp, strerror(errno));
            goto fail;
        }
        done += (size_t)n;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0) {
        snprintf(err, errlen, "cannot sync flash image %s: %s", tmp, strerror(errno));
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        snprintf(err, errlen, "cannot close flash image %s: %s", tmp, strerror(errno));
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        snprintf(err, errlen, "cannot replace flash image %s: %s", path, strerror(errno));
        goto fail;
    }
    /* Make the rename itself durable. */
    char *dcopy = strdup(path);
    if (dcopy) {
        int dfd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dcopy);
    }
    free(tmp);
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}
