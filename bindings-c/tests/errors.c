/* Every export, given NULL, invalid UTF-8 and malformed JSON, answers with a status code — never a crash — and
 * writes its out-params only as documented.
 *
 * usage: errors DEFAULT_HANDBOOK_JSON_FILE   (the output of `wuye handbook`) */
#define _POSIX_C_SOURCE 200809L
#include "wuye.h"

#include <stdlib.h>

#include "check.h"

static const char NOT_UTF8[] = {(char)0xff, (char)0xfe, '{', '}', 0};
static const char OVERLONG_UTF8[] = {'"', (char)0xc0, (char)0xaf, '"', 0}; /* an overlong "/" */
/* Sentinels: out-params that must stay untouched. */
static wuye_engine *const UNTOUCHED_ENGINE = (wuye_engine *)(uintptr_t)0x1;
static char *const UNTOUCHED_TEXT = (char *)(uintptr_t)0x1;

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + got + 1 > cap) {
            cap = (len + got + 1) * 2;
            char *grown = realloc(text, cap);
            if (!grown) break;
            text = grown;
        }
        memcpy(text + len, chunk, got);
        len += got;
    }
    fclose(f);
    if (text) text[len] = '\0';
    return text;
}

static void version_and_names(void) {
    const char *v = wuye_version();
    CHECK(v != NULL && strcmp(v, WUYE_VERSION) == 0, "wuye_version() = %s, header says %s", v ? v : "NULL",
          WUYE_VERSION);
    CHECK(strcmp(wuye_status_name(WUYE_OK), "WUYE_OK") == 0, "name of WUYE_OK");
    CHECK(strcmp(wuye_status_name(WUYE_CALENDAR_ERROR), "WUYE_CALENDAR_ERROR") == 0, "name of a band");
    CHECK(strcmp(wuye_status_name(-7), "WUYE_UNKNOWN_STATUS") == 0, "an unknown status has a name too");
    CHECK(strcmp(wuye_status_name(12345), "WUYE_UNKNOWN_STATUS") == 0, "an unknown status has a name too");
}

static void frees_accept_null(void) {
    wuye_string_free(NULL);
    wuye_engine_free(NULL);
    CHECK(1, "freeing NULL is a no-op");
}

static void new_default(void) {
    CHECK_STATUS(wuye_engine_new_default(NULL, NULL), WUYE_NULL_ARGUMENT);
    char *error = UNTOUCHED_TEXT;
    CHECK_STATUS(wuye_engine_new_default(NULL, &error), WUYE_NULL_ARGUMENT);
    CHECK(error == UNTOUCHED_TEXT, "error_out untouched on a NULL argument");
    wuye_engine *engine = NULL;
    error = NULL;
    CHECK_STATUS(wuye_engine_new_default(&engine, &error), WUYE_OK);
    CHECK(engine != NULL && error == NULL, "an engine and no error");
    wuye_engine_free(engine);
}

static void new_from_json(const char *default_handbook) {
    wuye_engine *engine = UNTOUCHED_ENGINE;
    char *error = UNTOUCHED_TEXT;
    CHECK_STATUS(wuye_engine_new_from_json(NULL, &engine, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_engine_new_from_json("{}", NULL, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_engine_new_from_json(NOT_UTF8, &engine, &error), WUYE_INVALID_UTF8);
    CHECK_STATUS(wuye_engine_new_from_json(OVERLONG_UTF8, &engine, &error), WUYE_INVALID_UTF8);
    CHECK(engine == UNTOUCHED_ENGINE && error == UNTOUCHED_TEXT, "out-params untouched on argument errors");

    engine = NULL;
    error = NULL;
    CHECK_STATUS(wuye_engine_new_from_json("{\"format\": ", &engine, &error), WUYE_HANDBOOK_MALFORMED_JSON);
    CHECK(engine == NULL, "no engine from malformed JSON");
    CHECK(starts_with(error, "{\"error\":{\"code\":\"handbook.malformed_json\""), "error JSON: %s",
          error ? error : "NULL");
    wuye_string_free(error);

    error = NULL;
    CHECK_STATUS(wuye_engine_new_from_json("[1,2]", &engine, &error), WUYE_HANDBOOK_INVALID);
    CHECK(starts_with(error, "{\"error\":{\"code\":\"handbook.") && strstr(error, "\"problems\":[") != NULL,
          "error JSON with every problem: %s", error ? error : "NULL");
    wuye_string_free(error);

    /* error_out is optional */
    CHECK_STATUS(wuye_engine_new_from_json("{}", &engine, NULL), WUYE_HANDBOOK_INVALID);
    CHECK(engine == NULL, "no engine from an invalid handbook");

    /* the default handbook's own text compiles into an engine that answers like the embedded one */
    CHECK(default_handbook != NULL, "default handbook file readable");
    if (default_handbook) {
        error = NULL;
        CHECK_STATUS(wuye_engine_new_from_json(default_handbook, &engine, &error), WUYE_OK);
        CHECK(engine != NULL && error == NULL, "engine from the default handbook text: %s", error ? error : "");
        char *response = NULL;
        CHECK_STATUS(wuye_engine_request(engine, "{\"op\":\"nope.nothing\",\"id\":1}", &response),
                     WUYE_REQUEST_UNKNOWN_OP);
        wuye_string_free(response);
        wuye_string_free(error);
        wuye_engine_free(engine);
    }
}

static void request(const wuye_engine *engine) {
    char *response = UNTOUCHED_TEXT;
    CHECK_STATUS(wuye_engine_request(NULL, "{}", &response), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_engine_request(engine, NULL, &response), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_engine_request(engine, "{}", NULL), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_engine_request(engine, NOT_UTF8, &response), WUYE_INVALID_UTF8);
    CHECK_STATUS(wuye_engine_request(engine, OVERLONG_UTF8, &response), WUYE_INVALID_UTF8);
    CHECK(response == UNTOUCHED_TEXT, "response_out untouched on argument errors");

    struct {
        const char *request;
        wuye_status status;
        const char *starts;
    } cases[] = {
        {"{nope", WUYE_REQUEST_MALFORMED_JSON, "{\"error\":{\"code\":\"request.malformed_json\""},
        {"", WUYE_REQUEST_MALFORMED_JSON, "{\"error\":{\"code\":\"request.malformed_json\""},
        {"[{\"op\":\"a.b\"}", WUYE_REQUEST_MALFORMED_JSON, "{\"error\":{\"code\":\"request.malformed_json\""},
        {"42", WUYE_REQUEST_NOT_OBJECT, "{\"error\":{\"code\":\"request.not_object\""},
        {"{\"id\":1}", WUYE_REQUEST_MISSING_FIELD, "{\"error\":{\"code\":\"request.missing_field\""},
        {"{\"op\":7}", WUYE_REQUEST_INVALID_VALUE, "{\"error\":{\"code\":\"request.invalid_value\""},
        {"{\"op\":\"nope.nothing\"}", WUYE_REQUEST_UNKNOWN_OP, "{\"error\":{\"code\":\"request.unknown_op\""},
        {"[{\"op\":\"nope.nothing\"}, 7]", WUYE_OK, "[{\"error\":"},
        {"[]", WUYE_OK, "[]"},
        {"{\"op\":\"\xe7\x89\xa9\xe4\xb8\x9a\"}", WUYE_REQUEST_UNKNOWN_OP, "{\"error\":{\"code\":\"request.unknown_op\""},
        /* each area's errors land in its band */
        {"{\"op\":\"calendar.add\",\"calendar\":\"nope\",\"from\":\"2025-03-10T10:00:00+08:00\",\"add\":{\"hours\":1}}",
         WUYE_CALENDAR_ERROR, "{\"error\":{\"code\":\"calendar.unknown\""},
        {"{\"op\":\"calendar.add\",\"calendar\":\"office\",\"from\":\"2025-03-10T10:00:00\",\"add\":{\"hours\":1}}",
         WUYE_REQUEST_INVALID_TIME, "{\"error\":{\"code\":\"time.missing_offset\""},
        {"{\"op\":\"sla.evaluate\",\"now\":\"2025-03-10T15:00:00+08:00\",\"ticket\":{\"id\":\"x\",\"kind\":\"nope\","
         "\"events\":[{\"type\":\"created\",\"at\":\"2025-03-10T10:00:00+08:00\"}]}}",
         WUYE_SLA_ERROR, "{\"error\":{\"code\":\"sla.unknown_kind\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        response = NULL;
        CHECK_STATUS(wuye_engine_request(engine, cases[i].request, &response), cases[i].status);
        CHECK(starts_with(response, cases[i].starts), "request %s answered %s", cases[i].request,
              response ? response : "NULL");
        wuye_string_free(response);
    }
}

static void calendar_add(const wuye_engine *engine) {
    wuye_shifted result = {42, true};
    char *error = UNTOUCHED_TEXT;
    const int64_t monday = 1740970800; /* 2025-03-03T11:00:00+08:00 */
    CHECK_STATUS(wuye_calendar_add(NULL, "office", monday, WUYE_SPAN_HOURS, 1, &result, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_calendar_add(engine, NULL, monday, WUYE_SPAN_HOURS, 1, &result, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_calendar_add(engine, "office", monday, WUYE_SPAN_HOURS, 1, NULL, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_calendar_add(engine, NOT_UTF8, monday, WUYE_SPAN_HOURS, 1, &result, &error), WUYE_INVALID_UTF8);
    CHECK_STATUS(wuye_calendar_add(engine, "office", monday, 0, 1, &result, &error), WUYE_INVALID_ARGUMENT);
    CHECK_STATUS(wuye_calendar_add(engine, "office", monday, 99, 1, &result, &error), WUYE_INVALID_ARGUMENT);
    CHECK(result.at == 42 && result.assumed_regular_week && error == UNTOUCHED_TEXT,
          "out-params untouched on argument errors");

    error = NULL;
    CHECK_STATUS(wuye_calendar_add(engine, "{\"week\":{}}", monday, WUYE_SPAN_HOURS, 1, &result, &error),
                 WUYE_CALENDAR_ERROR);
    CHECK(starts_with(error, "{\"error\":{\"code\":\"calendar.unknown\""), "unknown calendar: %s",
          error ? error : "NULL");
    wuye_string_free(error);
    error = NULL;
    CHECK_STATUS(wuye_calendar_add(engine, "office", INT64_MIN, WUYE_SPAN_HOURS, 1, &result, &error),
                 WUYE_REQUEST_INVALID_TIME);
    CHECK(starts_with(error, "{\"error\":{\"code\":\"time.out_of_range\""), "out of range: %s",
          error ? error : "NULL");
    wuye_string_free(error);
    CHECK_STATUS(wuye_calendar_add(engine, "office", INT64_MAX, WUYE_SPAN_DAYS, UINT32_MAX, &result, NULL),
                 WUYE_REQUEST_INVALID_TIME);
    CHECK_STATUS(wuye_calendar_add(engine, "office", 253402300799LL, WUYE_SPAN_DAYS, UINT32_MAX, &result, NULL),
                 WUYE_REQUEST_INVALID_TIME);
    CHECK(result.at == 42, "result untouched on errors");

    CHECK_STATUS(wuye_calendar_add(engine, "office", monday, WUYE_SPAN_BUSINESS_HOURS, 24, &result, NULL), WUYE_OK);
    CHECK(result.at == 1741240800 && !result.assumed_regular_week, "24 business hours end Thursday 14:00, got %lld",
          (long long)result.at);
}

static void fees_quote(const wuye_engine *engine) {
    const wuye_fee_unit good = {"residential", "126.38", WUYE_OCCUPANCY_OCCUPIED, NULL};
    wuye_fee_quote q = {42, 7, true, true, true};
    char *error = UNTOUCHED_TEXT;
    const char *from = "2025-01-01", *to = "2025-01-31";
    CHECK_STATUS(wuye_fees_quote(NULL, &good, from, to, false, &q, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_fees_quote(engine, NULL, from, to, false, &q, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_fees_quote(engine, &good, NULL, to, false, &q, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_fees_quote(engine, &good, from, NULL, false, &q, &error), WUYE_NULL_ARGUMENT);
    CHECK_STATUS(wuye_fees_quote(engine, &good, from, to, false, NULL, &error), WUYE_NULL_ARGUMENT);
    wuye_fee_unit bad = good;
    bad.use_id = NULL;
    CHECK_STATUS(wuye_fees_quote(engine, &bad, from, to, false, &q, &error), WUYE_NULL_ARGUMENT);
    bad = good;
    bad.building_area = NULL;
    CHECK_STATUS(wuye_fees_quote(engine, &bad, from, to, false, &q, &error), WUYE_NULL_ARGUMENT);
    bad = good;
    bad.occupancy = WUYE_OCCUPANCY_VACANT; /* vacant needs its date */
    CHECK_STATUS(wuye_fees_quote(engine, &bad, from, to, false, &q, &error), WUYE_NULL_ARGUMENT);
    bad = good;
    bad.use_id = NOT_UTF8;
    CHECK_STATUS(wuye_fees_quote(engine, &bad, from, to, false, &q, &error), WUYE_INVALID_UTF8);
    bad = good;
    bad.building_area = OVERLONG_UTF8;
    CHECK_STATUS(wuye_fees_quote(engine, &bad, from, to, false, &q, &error), WUYE_INVALID_UTF8);
    bad = good;
    bad.occupancy = WUYE_OCCUPANCY_VACANT;
    bad.vacant_since = NOT_UTF8;
    CHECK_STATUS(wuye_fees_quote(engine, &bad, from, to, false, &q, &error), WUYE_INVALID_UTF8);
    CHECK_STATUS(wuye_fees_quote(engine, &good, NOT_UTF8, to, false, &q, &error), WUYE_INVALID_UTF8);
    CHECK_STATUS(wuye_fees_quote(engine, &good, from, NOT_UTF8, false, &q, &error), WUYE_INVALID_UTF8);
    bad = good;
    bad.occupancy = 3;
    CHECK_STATUS(wuye_fees_quote(engine, &bad, from, to, false, &q, &error), WUYE_INVALID_ARGUMENT);
    CHECK(q.total_fen == 42 && q.lines == 7 && error == UNTOUCHED_TEXT, "out-params untouched on argument errors");

    struct {
        wuye_fee_unit unit;
        const char *from, *to;
        wuye_status status;
        const char *starts;
    } cases[] = {
        {{"nope", "1", 0, NULL}, "2025-01-01", "2025-01-31", WUYE_FEES_ERROR, "{\"error\":{\"code\":\"fees.unknown_use\""},
        {{"residential", "{}", 0, NULL}, "2025-01-01", "2025-01-31", WUYE_FEES_ERROR, "{\"error\":{\"code\":\"money.malformed\""},
        {{"residential", "-1", 0, NULL}, "2025-01-01", "2025-01-31", WUYE_FEES_ERROR, "{\"error\":{\"code\":\"fees.negative_area\""},
        {{"residential", "1", 0, NULL}, "2025-01-31", "2025-01-01", WUYE_FEES_ERROR, "{\"error\":{\"code\":\"fees.period_reversed\""},
        {{"residential", "1", 0, NULL}, "2025/01/01", "2025-01-31", WUYE_REQUEST_INVALID_TIME, "{\"error\":{\"code\":\"time.invalid_date\""},
        {{"residential", "1", 1, "last year"}, "2025-01-01", "2025-01-31", WUYE_REQUEST_INVALID_TIME, "{\"error\":{\"code\":\"time.invalid_date\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        error = NULL;
        CHECK_STATUS(wuye_fees_quote(engine, &cases[i].unit, cases[i].from, cases[i].to, false, &q, &error),
                     cases[i].status);
        CHECK(starts_with(error, cases[i].starts), "case %zu: %s", i, error ? error : "NULL");
        wuye_string_free(error);
    }
    CHECK(q.total_fen == 42, "result untouched on errors");

    /* 2.50 yuan/m² × 126.38 m² × 1 month = 315.95 (the fees.quote example in docs/fees.md) */
    CHECK_STATUS(wuye_fees_quote(engine, &good, from, to, false, &q, NULL), WUYE_OK);
    CHECK(q.total_fen == 31595 && q.lines == 1 && !q.developer_pays && !q.vacancy_discount && !q.prepayment_discount,
          "a month of residential property fee: %lld fen", (long long)q.total_fen);
}

/* JSON nested far deeper than any request is refused, not with a stack overflow: a request past the depth limit is
 * `request.too_deep` (WUYE_REQUEST_INVALID, docs/security.md), a handbook past serde_json's limit is malformed. */
static void deep_nesting(const wuye_engine *engine) {
    enum { DEPTH = 100000 };
    char *deep = malloc(2 * DEPTH + 1);
    if (!deep) return;
    memset(deep, '[', DEPTH);
    memset(deep + DEPTH, ']', DEPTH);
    deep[2 * DEPTH] = '\0';
    char *response = NULL;
    CHECK_STATUS(wuye_engine_request(engine, deep, &response), WUYE_REQUEST_INVALID);
    CHECK(response && strstr(response, "\"request.too_deep\""), "the answer says request.too_deep");
    wuye_string_free(response);
    CHECK_STATUS(wuye_engine_new_from_json(deep, &(wuye_engine *){NULL}, NULL), WUYE_HANDBOOK_MALFORMED_JSON);
    free(deep);
}

int main(int argc, char **argv) {
    char *default_handbook = argc > 1 ? read_file(argv[1]) : NULL;
    version_and_names();
    frees_accept_null();
    new_default();
    new_from_json(default_handbook);
    wuye_engine *engine = NULL;
    CHECK_STATUS(wuye_engine_new_default(&engine, NULL), WUYE_OK);
    if (engine) {
        request(engine);
        calendar_add(engine);
        deep_nesting(engine);
        fees_quote(engine);
    }
    wuye_engine_free(engine);
    free(default_handbook);
    return finish("errors");
}
