/* A tiny test harness for the C tests: CHECK counts, reports the failing line, and finish() prints
 * "<name>: N passed, M failed" (scripts/test-c.sh adds those lines up). */
#ifndef WUYE_TEST_CHECK_H
#define WUYE_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int checks_passed = 0;
static int checks_failed = 0;

#define CHECK(cond, ...)                                                 \
    do {                                                                 \
        if (cond) {                                                      \
            checks_passed++;                                             \
        } else {                                                         \
            checks_failed++;                                             \
            fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                \
            fputc('\n', stderr);                                         \
        }                                                                \
    } while (0)

#define CHECK_STATUS(call, expected)                                                          \
    do {                                                                                      \
        wuye_status got_ = (call);                                                            \
        CHECK(got_ == (expected), "%s returned %s, expected %s", #call, wuye_status_name(got_), \
              wuye_status_name(expected));                                                    \
    } while (0)

/* True when `text` is non-NULL and starts with `prefix`. */
static inline int starts_with(const char *text, const char *prefix) {
    return text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;
}

static inline int finish(const char *name) {
    printf("%s: %d passed, %d failed\n", name, checks_passed, checks_failed);
    return checks_failed == 0 ? 0 : 1;
}

#endif
