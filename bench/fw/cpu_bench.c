/* CPU-bound benchmark firmware: a fixed mix of CRC32 (table-driven, byte
 * loads and shifts), integer sorting (branches, loads/stores), a float
 * matrix multiply (FPU), and a Dhrystone-like record/string loop (calls,
 * struct copies, compares).  It counts its own work, prints a checksum per
 * kernel (so a wrong result is visible) and exits via semihosting.  Touches
 * no peripheral: runs unchanged on f3kit and on QEMU's netduinoplus2. */
#include <stdint.h>
#include <string.h>

#include "bench_sh.h"

#define ROUNDS 300

static void put_hex(const char *label, uint32_t v)
{
    static const char d[] = "0123456789abcdef";
    char buf[48];
    unsigned n = 0;
    while (*label && n < 30)
        buf[n++] = *label++;
    buf[n++] = ' ';
    for (int i = 7; i >= 0; i--)
        buf[n++] = d[v >> (4 * i) & 0xf];
    buf[n++] = '\n';
    buf[n] = 0;
    bench_puts(buf);
}

/* --- CRC32 (IEEE, reflected) --- */
static uint32_t crc_table[256];
static uint8_t crc_buf[4096];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    uint32_t x = 1;
    for (unsigned i = 0; i < sizeof crc_buf; i++) {
        x = x * 1103515245u + 12345u;
        crc_buf[i] = (uint8_t)(x >> 16);
    }
}

static uint32_t crc32(const uint8_t *p, unsigned n, uint32_t crc)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

/* --- integer sort (shell sort, then a check) --- */
static int32_t arr[2048];

static uint32_t sort_round(uint32_t seed)
{
    for (unsigned i = 0; i < 2048; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        arr[i] = (int32_t)seed;
    }
    static const unsigned gaps[] = {701, 301, 132, 57, 23, 10, 4, 1};
    for (unsigned g = 0; g < 8; g++) {
        unsigned gap = gaps[g];
        for (unsigned i = gap; i < 2048; i++) {
            int32_t t = arr[i];
            unsigned j = i;
            while (j >= gap && arr[j - gap] > t) {
                arr[j] = arr[j - gap];
                j -= gap;
            }
            arr[j] = t;
        }
    }
    uint32_t ok = 1;
    for (unsigned i = 1; i < 2048; i++)
        ok &= arr[i - 1] <= arr[i];
    return ok ? (uint32_t)arr[1024] : 0xdeadu;
}

/* --- float matrix multiply --- */
#define N 24
static float ma[N][N], mb[N][N], mc[N][N];

static uint32_t matmul_round(unsigned r)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            ma[i][j] = (float)((i * 7 + j * 3 + (int)r) % 17) * 0.25f - 2.0f;
            mb[i][j] = (float)((i * 5 + j * 11 + (int)r) % 13) * 0.5f - 3.0f;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            float s = 0.0f;
            for (int k = 0; k < N; k++)
                s += ma[i][k] * mb[k][j];
            mc[i][j] = s;
        }
    float t = 0.0f;
    for (int i = 0; i < N; i++)
        t += mc[i][i] - mc[i][N - 1 - i];
    return (uint32_t)(int32_t)t;
}

/* --- Dhrystone-like: records, strings, calls --- */
struct rec {
    struct rec *next;
    int kind, value;
    char name[31];
};
static struct rec recs[2];

__attribute__((noinline)) static int proc_cmp(const char *a, const char *b)
{
    return strcmp(a, b) > 0;
}

__attribute__((noinline)) static void proc_rec(struct rec *r, int i)
{
    struct rec tmp = *r->next;
    tmp.value = r->value + i;
    tmp.kind = (tmp.value & 3) == 0 ? 1 : tmp.kind + 1;
    *r = tmp;
    r->next = &recs[(i + 1) & 1];
}

static uint32_t dhry_round(unsigned iters)
{
    char s1[31], s2[31];
    strcpy(recs[0].name, "DHRYSTONE PROGRAM, SOME STRING");
    strcpy(recs[1].name, "DHRYSTONE PROGRAM, 1'ST STRING");
    recs[0].next = &recs[1];
    recs[1].next = &recs[0];
    recs[0].value = recs[1].value = 0;
    uint32_t acc = 0;
    for (unsigned i = 0; i < iters; i++) {
        strcpy(s1, recs[i & 1].name);
        strcpy(s2, recs[(i + 1) & 1].name);
        acc += (uint32_t)proc_cmp(s1, s2);
        proc_rec(&recs[i & 1], (int)i);
        acc = acc * 3u + (uint32_t)recs[0].kind + (uint32_t)recs[1].value;
        int x = (int)(i % 7) + 3, y = x * x - (int)(i & 15);
        acc ^= (uint32_t)(y / x);
    }
    return acc;
}

int main(void)
{
    crc_init();
    uint32_t crc = 0, sorted = 0, mat = 0, dhry = 0;
    for (unsigned r = 0; r < ROUNDS; r++) {
        crc = crc32(crc_buf, sizeof crc_buf, crc);
        sorted += sort_round(r * 2654435761u + 1u);
        mat += matmul_round(r);
        dhry += dhry_round(3000);
    }
    put_hex("crc32", crc);
    put_hex("sort", sorted);
    put_hex("matmul", mat);
    put_hex("dhry", dhry);
    put_hex("rounds", ROUNDS);
    bench_exit(0);
}
