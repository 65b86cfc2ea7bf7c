/* ns per call of the typed calls and of the same questions through wuye_engine_request (JSON text in, JSON text
 * out, string freed), on 1,024 varied inputs; median of RUNS runs:
 * - calendar add: `office` calendar, 8 business hours from varied starts;
 * - fee quote: varied uses, areas, occupancies and periods (whole and part months). Built -O2 against libwuye.a by
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

/* Fee inputs, the same as benches/baseline.rs builds. */
static const char *const USES[] = {"residential", "shop", "office", "parking"};
static char areas[BATCH][16];
static char froms[BATCH][16];
static char tos[BATCH][16];
static wuye_fee_unit units[BATCH];
static char *quote_requests[BATCH];

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

/* unit i: use i%4, area (20 + i*37 % 200).(i%100), occupied, from day 1 + i%28 of month 1 + i%12 of 2025 to
 * that month's end (28th: every month has one), prepaid when i%5 == 0. */
static void make_fee_inputs(void) {
    for (int i = 0; i < BATCH; i++) {
        snprintf(areas[i], sizeof areas[i], "%d.%02d", 20 + i * 37 % 200, i % 100);
        snprintf(froms[i], sizeof froms[i], "2025-%02d-%02d", 1 + i % 12, 1 + i % 28);
        snprintf(tos[i], sizeof tos[i], "2025-%02d-28", 1 + i % 12);
        units[i] = (wuye_fee_unit){USES[i % 4], areas[i], WUYE_OCCUPANCY_OCCUPIED, NULL};
        char buf[512];
        snprintf(buf, sizeof buf,
                 "{\"op\":\"fees.quote\",\"unit\":{\"use\":\"%s\",\"areas\":{\"building\":\"%s\"}},"
                 "\"period\":{\"from\":\"%s\",\"to\":\"%s\"},\"prepaid\":%s}",
                 USES[i % 4], areas[i], froms[i], tos[i], i % 5 == 0 ? "true" : "false");
        quote_requests[i] = malloc(strlen(buf) + 1);
        if (!quote_requests[i]) exit(2);
        strcpy(quote_requests[i], buf);
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

static double typed_quote_run(const wuye_engine *engine, int reps) {
    int64_t acc = 0;
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < BATCH; i++) {
            wuye_fee_quote q;
            if (wuye_fees_quote(engine, &units[i], froms[i], tos[i], i % 5 == 0, &q, NULL) == WUYE_OK)
                acc += q.total_fen;
        }
    }
    double t1 = now_ns();
    sink = acc;
    return (t1 - t0) / ((double)reps * BATCH);
}

static double json_requests_run(const wuye_engine *engine, char **texts, int reps) {
    size_t acc = 0;
    double t0 = now_ns();
    for (int r = 0; r < reps; r++) {
        for (int i = 0; i < BATCH; i++) {
            char *response = NULL;
            wuye_engine_request(engine, texts[i], &response);
            acc += response ? (size_t)response[2] : 0;
            wuye_string_free(response);
        }
    }
    double t1 = now_ns();
    sink = (int64_t)acc;
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
    make_fee_inputs();
    for (int i = 0; i < BATCH; i++) {
        wuye_fee_quote q;
        char *response = NULL;
        if (wuye_fees_quote(engine, &units[i], froms[i], tos[i], i % 5 == 0, &q, NULL) != WUYE_OK ||
            wuye_engine_request(engine, quote_requests[i], &response) != WUYE_OK) {
            fprintf(stderr, "fee input %d does not answer ok: %s\n", i, response ? response : "");
            return 1;
        }
        wuye_string_free(response);
    }
    double typed[RUNS], json[RUNS], typed_quote[RUNS], json_quote[RUNS];
    typed_run(engine, 20); /* warm up */
    json_run(engine, 2);
    typed_quote_run(engine, 20);
    json_requests_run(engine, quote_requests, 2);
    for (int k = 0; k < RUNS; k++) {
        typed[k] = typed_run(engine, 100);
        json[k] = json_run(engine, 5);
        typed_quote[k] = typed_quote_run(engine, 50);
        json_quote[k] = json_requests_run(engine, quote_requests, 5);
    }
    printf("result c_typed_add %.1f\n", median(typed, RUNS));
    printf("result c_json_add %.1f\n", median(json, RUNS));
    printf("result c_typed_quote %.1f\n", median(typed_quote, RUNS));
    printf("result c_json_quote %.1f\n", median(json_quote, RUNS));
    wuye_engine_free(engine);
    for (int i = 0; i < BATCH; i++) {
        free(requests[i]);
        free(quote_requests[i]);
    }
    return 0;
}
