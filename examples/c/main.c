/* wuye from C: what a property-management system does on day one.
 *
 * Loads the default handbook, asks the engine questions through the JSON protocol (docs/protocol.md) and prints
 * every answer, then asks the hottest one through the typed call. To ask something new, add a line to QUESTIONS:
 * nothing else changes. Every instant carries its UTC offset; the engine never reads a clock.
 *
 * Build and run: make && ./wuye_example */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include <stdio.h>
#include <time.h>

#include "wuye.h"

/* One question to the engine: a title for people and one protocol request. */
typedef struct {
    const char *title;
    const char *request;
} question;

static const question QUESTIONS[] = {
    {"bill a unit: January for flat 1-101 (126.38 m2), its electricity reading, a share of the common-area power",
     "{\"op\":\"fees.quote\",\"unit\":{\"id\":\"1-101\",\"use\":\"residential\",\"areas\":{\"building\":\"126.38\"},"
     "\"readings\":[{\"item\":\"electricity_residential\",\"previous\":\"10230\",\"current\":\"10530\",\"used_before\":\"2600\"}],"
     "\"shares\":[{\"item\":\"shared_electricity\",\"pool\":\"334.64\",\"weight\":\"126.38\",\"total_weight\":\"324.56\"}]},"
     "\"period\":{\"from\":\"2025-01-01\",\"to\":\"2025-01-31\"}}"},
    {"evaluate a ticket's SLA: a minor repair logged 10:00, acknowledged 10:20, still open at 15:00",
     "{\"op\":\"sla.evaluate\",\"now\":\"2025-03-10T15:00:00+08:00\",\"ticket\":{\"id\":\"T-1024\","
     "\"kind\":\"minor_repair\",\"events\":[{\"type\":\"created\",\"at\":\"2025-03-10T10:00:00+08:00\"},"
     "{\"type\":\"acknowledged\",\"at\":\"2025-03-10T10:20:00+08:00\"}]}}"},
    {"the service promises of the handbook, per request kind", "{\"op\":\"sla.kinds\"}"},
    {"a repair logged Friday 17:00: when are its 8 business hours up? (make-up Sunday 2025-01-26 counts)",
     "{\"op\":\"calendar.add\",\"calendar\":\"office\",\"from\":\"2025-01-24T17:00:00+08:00\","
     "\"add\":{\"business_hours\":8}}"},
    {"a permit answered in 3 working days from Monday 2025-01-27 (Spring Festival skipped)",
     "{\"op\":\"calendar.add\",\"calendar\":\"office\",\"from\":\"2025-01-27T10:00:00+08:00\","
     "\"add\":{\"working_days\":3}}"},
    {"how much working time passed while a ticket waited over National Day",
     "{\"op\":\"calendar.between\",\"calendar\":\"office\",\"from\":\"2025-09-30T16:00:00+08:00\","
     "\"to\":\"2025-10-09T10:00:00+08:00\"}"},
    {"is the service desk open on the make-up Saturday 2026-02-14 at 10:00",
     "{\"op\":\"calendar.is_working\",\"calendar\":\"office\",\"at\":\"2026-02-14T10:00:00+08:00\"}"},
    {"what kind of day is 2025-10-01", "{\"op\":\"calendar.day\",\"calendar\":\"office\",\"date\":\"2025-10-01\"}"},
    {"a batch: several questions in one call, answered in order",
     "[{\"op\":\"calendar.next_working\",\"calendar\":\"office\",\"from\":\"2025-10-01T09:00:00+08:00\",\"id\":1},"
     "{\"op\":\"calendar.add\",\"calendar\":\"office\",\"from\":\"2025-10-01T09:00:00\",\"add\":{\"hours\":1},\"id\":2}]"},
    {"a mistake is an answer too: an instant without its offset",
     "{\"op\":\"calendar.add\",\"calendar\":\"office\",\"from\":\"2025-10-01T09:00:00\",\"add\":{\"hours\":1}}"},
};

/* Unix seconds as China Standard Time text, for people (the office calendar's offset is +08:00). */
static const char *china_time(int64_t t, char out[32]) {
    time_t local = (time_t)(t + 8 * 3600);
    struct tm tm;
    gmtime_r(&local, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
    return out;
}

/* Sends one request and prints the answer; returns 1 when the engine answered `ok`. */
static int ask(const wuye_engine *engine, const question *q) {
    char *response = NULL; /* owned by us after the call: freed with wuye_string_free, never free() */
    wuye_status status = wuye_engine_request(engine, q->request, &response);
    if (status == WUYE_OK) {
        printf("ok: %s\n  -> %s\n", q->title, response);
    } else {
        printf("error %s: %s\n  -> %s\n", wuye_status_name(status), q->title, response ? response : "(no answer)");
    }
    wuye_string_free(response);
    return status == WUYE_OK;
}

int main(void) {
    printf("libwuye %s (header %s)\n", wuye_version(), WUYE_VERSION);

    wuye_engine *engine = NULL;
    char *load_error = NULL;
    wuye_status status = wuye_engine_new_default(&engine, &load_error);
    if (status != WUYE_OK) {
        fprintf(stderr, "cannot load the default handbook: %s %s\n", wuye_status_name(status),
                load_error ? load_error : "");
        wuye_string_free(load_error);
        return 1;
    }

    int answered = 0;
    for (size_t i = 0; i < sizeof QUESTIONS / sizeof QUESTIONS[0]; i++) {
        answered += ask(engine, &QUESTIONS[i]);
    }
    printf("%d of %zu questions answered ok\n", answered, sizeof QUESTIONS / sizeof QUESTIONS[0]);

    /* The hot path without JSON: Unix seconds in, Unix seconds out. 2025-03-03T11:00:00+08:00 + 24 business hours. */
    wuye_shifted due = {0, false};
    char *error = NULL;
    status = wuye_calendar_add(engine, "office", 1740970800, WUYE_SPAN_BUSINESS_HOURS, 24, &due, &error);
    if (status == WUYE_OK) {
        char text[32];
        printf("ok: typed calendar add -> due at %lld = %s%s\n", (long long)due.at, china_time(due.at, text),
               due.assumed_regular_week ? ", assuming the regular week" : "");
    } else {
        printf("error %s: typed calendar add -> %s\n", wuye_status_name(status), error ? error : "");
    }
    wuye_string_free(error);

    /* And a fee quote without JSON: a shop of 80.50 m2 moving in on 17 January, billed to the end of March. */
    const wuye_fee_unit shop = {"shop", "80.50", WUYE_OCCUPANCY_OCCUPIED, NULL};
    wuye_fee_quote quote = {0, 0, false, false, false};
    error = NULL;
    status = wuye_fees_quote(engine, &shop, "2025-01-17", "2025-03-31", false, &quote, &error);
    if (status == WUYE_OK) {
        printf("ok: typed fee quote -> %lld.%02lld yuan in %u line(s)%s\n", (long long)(quote.total_fen / 100),
               (long long)(quote.total_fen % 100), quote.lines, quote.developer_pays ? ", billed to the developer" : "");
    } else {
        printf("error %s: typed fee quote -> %s\n", wuye_status_name(status), error ? error : "");
    }
    wuye_string_free(error);

    wuye_engine_free(engine);
    return 0;
}
