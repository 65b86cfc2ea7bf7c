/* ns per call of the typed wuye_calendar_add and of the same question through wuye_engine_request (JSON text in,
 * JSON text out, string freed), on 1,024 varied starts; median of RUNS runs. Built -O2 against libwuye.a by
 * scripts/bench-c.sh, which runs the Rust figures (benches/baseline.rs) with the same inputs beside it.
 *
 * Prints "result <name> <ns>" lines for the script, then a summary for people. */
#define _POSIX_C_SOURCE 200809L
#include "wuye.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 1024
#define RUNS 7

static int64_t starts[BATCH];
static char *requests[BATCH];

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *xs, int n) {
    qsort(xs, (size_t)n, sizeof *xs, by_value);
    return xs[n / 2];
}

/* The same inputs as benches/baseline.rs: 2025-01-06T09:00:00+08:00 plus i*7919 minutes, wrapped at 300 days. */
static void make_inputs(void) {
    const int64_t base = 1736125200;
    for (int i = 0; i < BATCH; i++) {
        starts[i] = base + ((int64_t)i * 7919 % (300 * 1440)) * 60;
        time_t local = (time_t)(starts[i] + 8 * 3600);
        struct tm tm;
        gmtime_r(&local, &tm);
        char from[32];
        strftime(from, sizeof from, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
        char buf[256];
        snprintf(buf, sizeof buf,
                 "{\"op\":\"calendar.add\",\"calendar\":\"office\",\"from\":\"%s\",\"add\":{\"business_hours\":8}}",
                 from);
        requests[i] = malloc(strlen(buf) + 1);
        if (!requests[i]) exit(2);
        strcpy(requests[i], buf);
    }
}

static volatile int64_t sink;

static double typed_run(const wuye_engine *engine, int reps) {
    int64_t acc = 0;
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < BATCH; i++) {
            wuye_shifted due;
            if (wuye_calendar_add(engine, "office", starts[i], WUYE_SPAN_BUSINESS_HOURS, 8, &due, NULL) == WUYE_OK)
                acc += due.at;
        }
    }
    double t1 = now_ns();
    sink = acc;
    return (t1 - t0) / ((double)reps * BATCH);
}

static double json_run(const wuye_engine *engine, int reps) {
    size_t acc = 0;
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < BATCH; i++) {
            char *response = NULL;
            wuye_engine_request(engine, requests[i], &response);
            acc += response ? (size_t)response[2] : 0;
            wuye_string_free(response);
        }
    }
    double t1 = now_ns();
    sink = (int64_t)acc;
    return (t1 - t0) / ((double)reps * BATCH);
}

int main(void) {
    make_inputs();
    wuye_engine *engine = NULL;
    if (wuye_engine_new_default(&engine, NULL) != WUYE_OK) return 1;
    /* the typed and JSON paths must agree before they are timed */
    for (int i = 0; i < BATCH; i++) {
        wuye_shifted due;
        char *response = NULL;
        if (wuye_calendar_add(engine, "office", starts[i], WUYE_SPAN_BUSINESS_HOURS, 8, &due, NULL) != WUYE_OK ||
            wuye_engine_request(engine, requests[i], &response) != WUYE_OK) {
            fprintf(stderr, "input %d does not answer ok: %s\n", i, response ? response : "");
            return 1;
        }
        wuye_string_free(response);
    }
    double typed[RUNS], json[RUNS];
    typed_run(engine, 20); /* warm up */
    json_run(engine, 2);
    for (int k = 0; k < RUNS; k++) {
        typed[k] = typed_run(engine, 100);
        json[k] = json_run(engine, 5);
    }
    double t = median(typed, RUNS), j = median(json, RUNS);
    printf("result c_typed_add %.1f\n", t);
    printf("result c_json_add %.1f\n", j);
    wuye_engine_free(engine);
    for (int i = 0; i < BATCH; i++) free(requests[i]);
    return 0;
}
