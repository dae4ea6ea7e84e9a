/* gendevice: turns a device description (data/<chip>.dev, format in
 * data/README.md) into the emulator/checker tables, the firmware device header
 * and the firmware vector table.
 *
 *   gendevice INPUT.dev [--tables FILE] [--header FILE] [--vectors FILE]
 *
 * Exit status 0 on success, 1 on bad input (with "file:line: message"), 2 on
 * usage or I/O errors. */
#include "devmodel.h"

#include <stdlib.h>
#include <string.h>

#define MAX_INPUT (1u << 20)

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "gendevice: cannot open %s: check the path\n", path);
        return NULL;
    }
    char *buf = malloc(MAX_INPUT + 1);
    size_t n = buf ? fread(buf, 1, MAX_INPUT + 1, f) : 0;
    int bad = !buf || ferror(f);
    fclose(f);
    if (bad || n > MAX_INPUT) {
        fprintf(stderr, "gendevice: %s: %s\n", path,
                bad ? "read error" : "larger than 1 MiB; is this a device description?");
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (strlen(buf) != n) {
        fprintf(stderr, "gendevice: %s: contains a NUL byte; the format is plain text\n", path);
        free(buf);
        return NULL;
    }
    return buf;
}

typedef int (*emit_fn)(const struct dm_device *, FILE *, const char *);

static int write_file(const char *path, emit_fn fn, const struct dm_device *dev,
                      const char *src_name)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gendevice: cannot create %s: does its directory exist?\n", path);
        return -1;
    }
    int rc = fn(dev, f, src_name);
    if (fclose(f) != 0 || rc != 0) {
        fprintf(stderr, "gendevice: error writing %s\n", path);
        remove(path);
        return -1;
    }
    return 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: gendevice INPUT.dev [--tables FILE] [--header FILE] "
                    "[--vectors FILE]\n");
}

int main(int argc, char **argv)
{
    const char *input = NULL, *tables = NULL, *header = NULL, *vectors = NULL;
    for (int i = 1; i < argc; i++) {
        const char **slot = NULL;
        if (strcmp(argv[i], "--tables") == 0)
            slot = &tables;
        else if (strcmp(argv[i], "--header") == 0)
            slot = &header;
        else if (strcmp(argv[i], "--vectors") == 0)
            slot = &vectors;
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "gendevice: %s needs a file name\n", argv[i]);
                return 2;
            }
            *slot = argv[++i];
        } else if (argv[i][0] == '-' || input) {
            usage();
            return 2;
        } else {
            input = argv[i];
        }
    }
    if (!input) {
        usage();
        return 2;
    }

    char *text = read_text(input);
    if (!text)
        return 2;
    struct dm_device *dev = calloc(1, sizeof *dev);
    if (!dev) {
        free(text);
        return 2;
    }
    int status = 0;
    if (dm_parse(dev, text, input, stderr) != 0) {
        status = 1;
    } else {
        /* Generated files name their source without the build-specific path,
         * so regenerating anywhere gives the same bytes. */
        const char *base = strrchr(input, '/');
        char src_name[256];
        snprintf(src_name, sizeof src_name, "data/%s", base ? base + 1 : input);
        if ((tables && write_file(tables, dm_emit_tables, dev, src_name)) ||
            (header && write_file(header, dm_emit_header, dev, src_name)) ||
            (vectors && write_file(vectors, dm_emit_vectors, dev, src_name)))
            status = 2;
    }
    free(dev);
    free(text);
    return status;
}
