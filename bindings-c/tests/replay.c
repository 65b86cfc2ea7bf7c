/* Replays every vector file in tests/vectors/ (found at run time) through wuye_engine_request and compares each
 * response with the expected line byte for byte. The status must agree with the response: WUYE_OK for an `ok`
 * answer or a batch, an error status of the error's own band for a single `error` answer.
 *
 * usage: replay VECTORS_DIR */
#define _POSIX_C_SOURCE 200809L
#include "wuye.h"

#include "check.h"
#include "vectors.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s VECTORS_DIR\n", argv[0]);
        return 2;
    }
    vector_set set = load_vectors(argv[1]);
    CHECK(set.malformed == 0, "%d malformed vector file(s)", set.malformed);
    CHECK(set.count > 0, "no vectors found in %s", argv[1]);

    wuye_engine *engine = NULL;
    CHECK_STATUS(wuye_engine_new_default(&engine, NULL), WUYE_OK);
    for (size_t i = 0; engine && i < set.count; i++) {
        const vector *v = &set.items[i];
        char *response = NULL;
        wuye_status status = wuye_engine_request(engine, v->request, &response);
        CHECK(response != NULL && strcmp(response, v->response) == 0,
              "%s:%ld %s\n  expected %s\n  actual   %s", v->file, v->line, v->description, v->response,
              response ? response : "(none)");
        int is_error = starts_with(response, "{\"error\":");
        CHECK(is_error ? status != WUYE_OK : status == WUYE_OK, "%s:%ld status %s does not fit %s", v->file,
              v->line, wuye_status_name(status), response ? response : "(none)");
        /* every area the vectors exercise has its own status band */
        CHECK(status != WUYE_OTHER_ERROR && status != WUYE_INTERNAL, "%s:%ld %s has no band of its own: %s", v->file,
              v->line, wuye_status_name(status), response ? response : "(none)");
        wuye_string_free(response);
    }
    printf("replayed %zu vector(s) from %d file(s)\n", set.count, set.files);
    wuye_engine_free(engine);
    free_vectors(&set);
    return finish("replay");
}
