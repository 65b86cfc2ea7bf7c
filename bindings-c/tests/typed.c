/* The typed calls give the same answers as their ops through wuye_engine_request; errors agree on status and code:
 * - wuye_calendar_add vs `calendar.add` on a grid of starts (2025–2035, so dates past the holiday data and their
 *   errors show up too), every span unit and several amounts;
 * - wuye_fees_quote vs `fees.quote` on every use, several areas, periods (whole, part and many months, reversed),
 *   occupancies and prepayment. */
#define _POSIX_C_SOURCE 200809L
#include "wuye.h"

#include <stdlib.h>
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

static int quotes_ok = 0, quotes_error = 0;

/* The number of bill lines in a `fees.quote` answer (each line has an "amount" before its "item"). */
static unsigned count_lines(const char *json) {
    unsigned n = 0;
    for (const char *p = json; p && (p = strstr(p, "{\"amount\":")) != NULL; p++) n++;
    return n;
}

static void compare_quote(const wuye_engine *engine, const char *use, const char *area, wuye_occupancy occupancy,
                          const char *from, const char *to, bool prepaid) {
    static const char *const OCCUPANCY_JSON[] = {"\"occupied\"", "{\"vacant\":{\"since\":\"2024-06-30\"}}",
                                                 "\"unsold\""};
    char request[512];
    snprintf(request, sizeof request,
             "{\"op\":\"fees.quote\",\"unit\":{\"use\":\"%s\",\"areas\":{\"building\":\"%s\"},\"occupancy\":%s},"
             "\"period\":{\"from\":\"%s\",\"to\":\"%s\"},\"prepaid\":%s}",
             use, area, OCCUPANCY_JSON[occupancy], from, to, prepaid ? "true" : "false");
    char *response = NULL;
    wuye_status json_status = wuye_engine_request(engine, request, &response);

    wuye_fee_unit unit = {use, area, occupancy, "2024-06-30"};
    wuye_fee_quote q = {0, 0, false, false, false};
    char *error = NULL;
    wuye_status typed_status = wuye_fees_quote(engine, &unit, from, to, prepaid, &q, &error);
    if (typed_status == WUYE_OK) {
        quotes_ok++;
        char total[64];
        long long fen = (long long)q.total_fen;
        snprintf(total, sizeof total, "\"total\":\"%s%lld.%02lld\"", fen < 0 ? "-" : "", llabs(fen) / 100, llabs(fen) % 100);
        int same = json_status == WUYE_OK && response && strstr(response, total) != NULL &&
                   (strstr(response, "\"payer\":\"owner\"") == NULL) == q.developer_pays &&
                   (strstr(response, "\"vacancy_factor\"") != NULL) == q.vacancy_discount &&
                   (strstr(response, "\"prepayment_factor\"") != NULL) == q.prepayment_discount &&
                   count_lines(response) == q.lines;
        CHECK(same, "%s\n  typed %s lines=%u developer=%d vacancy=%d prepayment=%d\n  json  %s", request, total,
              q.lines, q.developer_pays, q.vacancy_discount, q.prepayment_discount, response ? response : "NULL");
    } else {
        quotes_error++;
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

static void fee_grid(const wuye_engine *engine) {
    const char *uses[] = {"residential", "shop", "office", "parking", "no_such_use"};
    const char *areas[] = {"126.38", "63.4", "0", "1000000.00", "12.5", "-3", "1,5"};
    const char *periods[][2] = {{"2025-01-01", "2025-01-31"}, {"2025-01-17", "2025-01-31"},
                                {"2025-01-17", "2025-02-14"}, {"2025-02-01", "2025-02-28"},
                                {"2024-02-01", "2024-02-29"}, {"2025-01-01", "2025-12-31"},
                                {"2025-03-31", "2025-03-01"}, {"2025-13-01", "2025-13-31"}};
    for (size_t u = 0; u < sizeof uses / sizeof uses[0]; u++)
        for (size_t a = 0; a < sizeof areas / sizeof areas[0]; a++)
            for (size_t p = 0; p < sizeof periods / sizeof periods[0]; p++)
                for (wuye_occupancy o = WUYE_OCCUPANCY_OCCUPIED; o <= WUYE_OCCUPANCY_UNSOLD; o++)
                    for (int prepaid = 0; prepaid <= 1; prepaid++)
                        compare_quote(engine, uses[u], areas[a], o, periods[p][0], periods[p][1], prepaid);
    CHECK(quotes_ok > 200 && quotes_error > 200, "the fee grid covers quotes (%d) and errors (%d)", quotes_ok,
          quotes_error);
    printf("typed and JSON agree on %d fee quotes and %d refusals\n", quotes_ok, quotes_error);
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
    fee_grid(engine);
    wuye_engine_free(engine);
    return finish("typed");
}
