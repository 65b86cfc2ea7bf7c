/* wuye from C: what a property-management system does on day one.
 *
 * Loads the default handbook, asks the engine questions through the JSON protocol (docs/protocol.md) and prints
 * every answer. To ask something new, add a line to QUESTIONS: nothing else changes.
 *
 * Build and run: make && ./wuye_example */
#include <stdio.h>

#include "wuye.h"

/* One question to the engine: a title for people and one protocol request. */
typedef struct {
    const char *title;
    const char *request;
} question;

static const question QUESTIONS[] = {
    {"placeholder until the calendar lands", "{\"op\":\"nope.nothing\",\"id\":1}"},
};

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
    char *error = NULL;
    wuye_status status = wuye_engine_new_default(&engine, &error);
    if (status != WUYE_OK) {
        fprintf(stderr, "cannot load the default handbook: %s %s\n", wuye_status_name(status), error ? error : "");
        wuye_string_free(error);
        return 1;
    }

    int answered = 0;
    for (size_t i = 0; i < sizeof QUESTIONS / sizeof QUESTIONS[0]; i++) {
        answered += ask(engine, &QUESTIONS[i]);
    }
    printf("%d of %zu questions answered ok\n", answered, sizeof QUESTIONS / sizeof QUESTIONS[0]);

    wuye_engine_free(engine);
    return 0;
}
