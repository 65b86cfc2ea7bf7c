/* The typed wuye_calendar_add gives the same answers as the `calendar.add` op through wuye_engine_request, on a
 * grid of starts (2025–2035, so dates past the holiday data and their errors show up too), every span unit and
 * several amounts; errors agree on their status and code. */
#define _POSIX_C_SOURCE 200809L
#include "wuye.h"

#include <time.h>

#include "check.h"

static const char *const UNIT_NAMES[] = {"", "hours", "minutes", "days", "business_hours", "business_minutes",
                                         "working_days"};

/* RFC 3339 in +08:00 (the office calendar's offset). */
static void rfc3339_china(int64_t t, char out[32]) {
    time_t local = (time_t)(t + 8 * 3600);
    struct tm tm;
    gmtime_r(&local, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
}

/* The `code` of an error JSON, copied into `out` (empty when there is none). */
static void error_code(const char *json, char out[64]) {
    out[0] = '\0';
    const char *key = json ? strstr(json, "\"code\":\"") : NULL;
    if (!key) return;
    key += 8;
    size_t n = 0;
    while (key[n] && key[n] != '"' && n < 63) n++;
    memcpy(out, key, n);
    out[n] = '\0';
}

static int answers_ok = 0, answers_error = 0;

static void compare(const wuye_engine *engine, int64_t from, wuye_span_unit unit, uint32_t amount) {
    char from_text[32], at_text[32], request[256], expected[256];
    rfc3339_china(from, from_text);
    snprintf(request, sizeof request,
             "{\"op\":\"calendar.add\",\"calendar\":\"office\",\"from\":\"%s\",\"add\":{\"%s\":%u}}", from_text,
             UNIT_NAMES[unit], amount);
    char *response = NULL;
    wuye_status json_status = wuye_engine_request(engine, request, &response);

    wuye_shifted shifted = {0, false};
    char *error = NULL;
    wuye_status typed_status = wuye_calendar_add(engine, "office", from, unit, amount, &shifted, &error);
    if (typed_status == WUYE_OK) {
        answers_ok++;
        rfc3339_china(shifted.at, at_text);
        snprintf(expected, sizeof expected, "{\"ok\":{\"assumed_regular_week\":%s,\"at\":\"%s\"}}",
                 shifted.assumed_regular_week ? "true" : "false", at_text);
        CHECK(json_status == WUYE_OK && response && strcmp(response, expected) == 0,
              "%s\n  typed %s\n  json  %s", request, expected, response ? response : "NULL");
    } else {
        answers_error++;
        char typed_code[64], json_code[64];
        error_code(error, typed_code);
        error_code(response, json_code);
        CHECK(typed_status == json_status && typed_code[0] && strcmp(typed_code, json_code) == 0,
              "%s\n  typed %s %s\n  json  %s %s", request, wuye_status_name(typed_status), error ? error : "NULL",
              wuye_status_name(json_status), response ? response : "NULL");
    }
    wuye_string_free(error);
    wuye_string_free(response);
}

int main(void) {
    wuye_engine *engine = NULL;
    CHECK_STATUS(wuye_engine_new_default(&engine, NULL), WUYE_OK);
    if (!engine) return finish("typed");
    const int64_t start = 1735660800; /* 2025-01-01T00:00:00+08:00 */
    const uint32_t amounts[] = {0, 1, 3, 8, 24, 40};
    for (int i = 0; i < 60; i++) {
        /* spread over ~11 years at varied times of day */
        int64_t from = start + (int64_t)((i * 96001) % (4000 * 1440)) * 60;
        for (wuye_span_unit unit = WUYE_SPAN_HOURS; unit <= WUYE_SPAN_WORKING_DAYS; unit++) {
            for (size_t a = 0; a < sizeof amounts / sizeof amounts[0]; a++) {
                compare(engine, from, unit, amounts[a]);
            }
        }
    }
    compare(engine, -5000000000LL, WUYE_SPAN_HOURS, 1); /* before 1900: a time error both ways */
    CHECK(answers_ok > 1000 && answers_error > 100, "the grid covers answers (%d) and errors (%d)", answers_ok,
          answers_error);
    printf("typed and JSON agree on %d answers and %d errors\n", answers_ok, answers_error);
    wuye_engine_free(engine);
    return finish("typed");
}
