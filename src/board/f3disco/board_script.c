/* Stimulus scripts: see board_script.h. */
#include "board/f3disco/board_script.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

static bool parse_time(const char **pp, double *t)
{
    char *end;
    errno = 0;
    double v = strtod(*pp, &end);
    if (end == *pp || errno || v < 0 || !isfinite(v))
        return false;
    if (!strncmp(end, "ms", 2)) {
        v /= 1e3;
        end += 2;
    } else if (!strncmp(end, "us", 2)) {
        v /= 1e6;
        end += 2;
    } else if (*end == 's') {
        end++;
    }
    if (*end && *end != ' ' && *end != '\t')
        return false;
    *t = v;
    *pp = end;
    return true;
}

int board_script_string(const char **pp, char **out, size_t *outlen, char *err, size_t errlen)
{
    const char *p = *pp;
    if (*p != '"') {
        snprintf(err, errlen, "a quoted string was expected (\"text\")");
        return -1;
    }
    p++;
    size_t cap = strlen(p) + 1, n = 0;
    char *s = malloc(cap);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\') {
            char e = *p;
            if (e)
                p++;
            switch (e) {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case '0': c = '\0'; break;
            case '\\': c = '\\'; break;
            case '"': c = '"'; break;
            case 'x': {
                char hex[3] = {0};
                if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1])) {
                    snprintf(err, errlen, "\\x wants two hex digits (\\x41)");
                    free(s);
                    return -1;
                }
                hex[0] = p[0];
                hex[1] = p[1];
                p += 2;
                c = (char)strtol(hex, NULL, 16);
                break;
            }
            case '\0':
                snprintf(err, errlen, "unterminated string: a backslash ends it (close it with \")");
                free(s);
                return -1;
            default:
                snprintf(err, errlen,
                         "unknown escape \\%c (known: \\n \\r \\t \\0 \\\\ \\\" \\xNN)", e);
                free(s);
                return -1;
            }
        }
        s[n++] = c;
    }
    if (*p != '"') {
        snprintf(err, errlen, "unterminated string: no closing \"");
        free(s);
        return -1;
    }
    s[n] = '\0';
    *pp = p + 1;
    *out = s;
    *outlen = n;
    return 0;
}

static bool parse_int16(const char **pp, int16_t *v)
{
    char *end;
    errno = 0;
    long x = strtol(*pp, &end, 0);
    if (end == *pp || errno || x < -32768 || x > 32767)
        return false;
    *v = (int16_t)x;
    *pp = end;
    return true;
}

static bool parse_string(const char **pp, char **out, size_t *outlen, char *why, size_t whylen)
{
    return board_script_string(pp, out, outlen, why, whylen) == 0;
}

static bool word(const char **pp, const char *w)
{
    size_t n = strlen(w);
    const char *p = *pp;
    if (strncmp(p, w, n) || (p[n] && p[n] != ' ' && p[n] != '\t'))
        return false;
    *pp = skip_ws(p + n);
    return true;
}

static bool parse_led(const char **pp, unsigned *led)
{
    for (unsigned i = 0; i < 8; i++) {
        const struct board_led_info *li = board_led_info(i);
        if (word(pp, li->name)) {
            *led = i;
            return true;
        }
    }
    return false;
}

static int parse_line(const char *p, int lineno, struct script_step *st, char *err, size_t errlen)
{
    memset(st, 0, sizeof *st);
    st->line = lineno;
    st->t = INFINITY;
    if (word(&p, "at")) {
        if (!parse_time(&p, &st->t)) {
            snprintf(err, errlen, "line %d: bad time (write e.g. 0.5s, 500ms, 100us)", lineno);
            return -1;
        }
        p = skip_ws(p);
    }
    bool ok = true;
    char why[120] = "";
    enum script_op sensor_op = !strncmp(p, "accel", 5) ? SCRIPT_ACCEL
                               : !strncmp(p, "mag", 3) ? SCRIPT_MAG : SCRIPT_GYRO;
    if (word(&p, "press")) {
        st->op = SCRIPT_PRESS;
    } else if (word(&p, "release")) {
        st->op = SCRIPT_RELEASE;
    } else if (word(&p, "reset")) {
        st->op = SCRIPT_RESET;
    } else if (word(&p, "stop") || word(&p, "end")) {
        st->op = SCRIPT_STOP;
    } else if (word(&p, "gyro") || word(&p, "accel") || word(&p, "mag")) {
        st->op = sensor_op;
        for (unsigned k = 0; k < 3 && ok; k++) {
            p = skip_ws(p);
            ok = parse_int16(&p, &st->v[k]);
        }
    } else if (word(&p, "uart")) {
        st->op = SCRIPT_UART;
        ok = parse_string(&p, &st->text, &st->textlen, why, sizeof why);
    } else if (word(&p, "expect")) {
        if (word(&p, "led")) {
            st->op = SCRIPT_EXPECT_LED;
            ok = parse_led(&p, &st->led);
            if (ok && word(&p, "on"))
                st->on = true;
            else if (ok && word(&p, "off"))
                st->on = false;
            else
                ok = false;
        } else {
            st->op = SCRIPT_EXPECT;
            ok = parse_string(&p, &st->text, &st->textlen, why, sizeof why);
        }
    } else {
        snprintf(err, errlen,
                 "line %d: unknown step (press, release, gyro, accel, mag, uart, expect, reset, "
                 "stop)", lineno);
        return -1;
    }
    p = skip_ws(p);
    if (!ok || (*p && *p != '#')) {
        free(st->text);
        if (why[0])
            snprintf(err, errlen, "line %d: %s", lineno, why);
        else
            snprintf(err, errlen, "line %d: malformed arguments", lineno);
        return -1;
    }
    if (isinf(st->t) && st->op != SCRIPT_EXPECT && st->op != SCRIPT_EXPECT_LED) {
        snprintf(err, errlen, "line %d: only expect may go without 'at TIME'", lineno);
        free(st->text);
        return -1;
    }
    return 0;
}

static int cmp_steps(const void *a, const void *b)
{
    const struct script_step *x = a, *y = b;
    if (x->t < y->t)
        return -1;
    if (x->t > y->t)
        return 1;
    return x->line - y->line;
}

int board_script_parse(const char *text, struct board_script *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    size_t cap = 0;
    int lineno = 0;
    const char *p = text;
    while (*p) {
        lineno++;
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = strndup(p, len);
        if (!line)
            goto oom;
        char *q = (char *)skip_ws(line);
        size_t l = strlen(q);
        while (l && (q[l - 1] == '\r' || q[l - 1] == ' ' || q[l - 1] == '\t'))
            q[--l] = '\0';
        if (*q && *q != '#') {
            if (s->n == cap) {
                cap = cap ? 2 * cap : 16;
                struct script_step *ns = realloc(s->steps, cap * sizeof *ns);
                if (!ns) {
                    free(line);
                    goto oom;
                }
                s->steps = ns;
            }
            if (parse_line(q, lineno, &s->steps[s->n], err, errlen) != 0) {
                free(line);
                board_script_free(s);
                return -1;
            }
            s->n++;
        }
        free(line);
        p += len;
        if (*p == '\n')
            p++;
    }
    qsort(s->steps, s->n, sizeof *s->steps, cmp_steps);
    return 0;
oom:
    board_script_free(s);
    snprintf(err, errlen, "out of memory reading the script");
    return -1;
}

int board_script_load(const char *path, struct board_script *s, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot open script %s: %s", path, strerror(errno));
        return -1;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        fwrite(buf, 1, n, m);
    fclose(f);
    fclose(m);
    char e[200];
    int rc = board_script_parse(text, s, e, sizeof e);
    if (rc != 0)
        snprintf(err, errlen, "%s: %s", path, e);
    free(text);
    return rc;
}

void board_script_free(struct board_script *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->steps[i].text);
    free(s->steps);
    memset(s, 0, sizeof *s);
}

double board_script_next(const struct board_script *s)
{
    return s->next < s->n && !s->stopped ? s->steps[s->next].t : INFINITY;
}

static bool contains(const char *out, size_t outlen, const char *text, size_t len)
{
    if (len == 0)
        return true;
    if (len > outlen)
        return false;
    for (size_t i = 0; i + len <= outlen; i++)
        if (!memcmp(out + i, text, len))
            return true;
    return false;
}

static void check(struct board_script *s, const struct script_step *st, struct board *b,
                  const char *out, size_t outlen, FILE *report)
{
    if (st->op == SCRIPT_EXPECT) {
        if (!contains(out, outlen, st->text, st->textlen)) {
            s->failures++;
            fprintf(report, "script line %d: expected output \"%s\" by t=%.6fs, not seen\n",
                    st->line, st->text, board_time(b));
        }
    } else if (st->op == SCRIPT_EXPECT_LED) {
        if (board_led(b, st->led) != st->on) {
            s->failures++;
            fprintf(report, "script line %d: expected %s %s at t=%.6fs, it is %s\n", st->line,
                    board_led_info(st->led)->name, st->on ? "on" : "off", board_time(b),
                    st->on ? "off" : "on");
        }
    }
}

void board_script_apply(struct board_script *s, struct board *b, const char *out, size_t outlen,
                        FILE *report)
{
    double now = board_time(b);
    while (s->next < s->n && !s->stopped && s->steps[s->next].t <= now + 1e-7) {
        const struct script_step *st = &s->steps[s->next++];
        switch (st->op) {
        case SCRIPT_PRESS: board_button(b, true); break;
        case SCRIPT_RELEASE: board_button(b, false); break;
        case SCRIPT_GYRO: board_set_gyro(b, st->v[0], st->v[1], st->v[2]); break;
        case SCRIPT_ACCEL: board_set_accel(b, st->v[0], st->v[1], st->v[2]); break;
        case SCRIPT_MAG: board_set_mag(b, st->v[0], st->v[1], st->v[2]); break;
        case SCRIPT_UART: board_uart_rx(b, 1, st->text, st->textlen); break;
        case SCRIPT_RESET: board_reset(b, false); break;
        case SCRIPT_STOP: s->stopped = true; break;
        default: check(s, st, b, out, outlen, report); break;
        }
    }
}

void board_script_finish(struct board_script *s, struct board *b, const char *out, size_t outlen,
                         FILE *report)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct script_step *st = &s->steps[i];
        if (isinf(st->t))
            check(s, st, b, out, outlen, report);
    }
}
