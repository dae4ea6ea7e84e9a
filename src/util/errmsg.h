/* One-line error messages into a caller's buffer. */
#ifndef F3KIT_ERRMSG_H
#define F3KIT_ERRMSG_H

#include <stddef.h>

/* Format into err (when err/errlen allow) and return -1, so a failing
 * function can `return util_error(err, errlen, "...", ...);`. */
int util_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
