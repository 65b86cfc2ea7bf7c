/* Several threads share one engine: each replays every vector many times, in a different order, and must get
 * the exact expected responses. Run under valgrind/ASan by scripts/test-c.sh.
 *
 * usage: threads VECTORS_DIR [THREADS] [ROUNDS] */
#define _POSIX_C_SOURCE 200809L
#include "wuye.h"

#include <pthread.h>

#include "check.h"
#include "vectors.h"

typedef struct {
    const wuye_engine *engine;
    const vector_set *set;
    int index;
    int rounds;
    long answered;
    long mismatched;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    size_t n = w->set->count;
    for (int round = 0; round < w->rounds; round++) {
        for (size_t k = 0; k < n; k++) {
            const vector *v = &w->set->items[(k + (size_t)w->index * 7 + (size_t)round) % n];
            char *response = NULL;
            wuye_engine_request(w->engine, v->request, &response);
            w->answered++;
            if (response == NULL || strcmp(response, v->response) != 0) w->mismatched++;
            wuye_string_free(response);
            /* the typed call on the same engine: 24 business hours from Monday 11:00 end Thursday 14:00 */
            wuye_shifted due = {0, false};
            if (wuye_calendar_add(w->engine, "office", 1740970800, WUYE_SPAN_BUSINESS_HOURS, 24, &due, NULL) != WUYE_OK
                || due.at != 1741240800)
                w->mismatched++;
            /* and the typed fee quote: a month of residential property fee on 126.38 m² is 315.95 yuan */
            const wuye_fee_unit unit = {"residential", "126.38", WUYE_OCCUPANCY_OCCUPIED, NULL};
            wuye_fee_quote q = {0, 0, false, false, false};
            if (wuye_fees_quote(w->engine, &unit, "2025-01-01", "2025-01-31", false, &q, NULL) != WUYE_OK ||
                q.total_fen != 31595)
                w->mismatched++;
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s VECTORS_DIR [THREADS] [ROUNDS]\n", argv[0]);
        return 2;
    }
    int threads = argc > 2 ? atoi(argv[2]) : 4;
    int rounds = argc > 3 ? atoi(argv[3]) : 50;
    if (threads < 2) threads = 2;
    if (threads > 64) threads = 64;
    vector_set set = load_vectors(argv[1]);
    CHECK(set.count > 0, "vectors found");

    wuye_engine *engine = NULL;
    CHECK_STATUS(wuye_engine_new_default(&engine, NULL), WUYE_OK);
    pthread_t ids[64];
    worker workers[64];
    for (int i = 0; engine && set.count > 0 && i < threads; i++) {
        workers[i] = (worker){engine, &set, i, rounds, 0, 0};
        CHECK(pthread_create(&ids[i], NULL, work, &workers[i]) == 0, "thread %d starts", i);
    }
    for (int i = 0; engine && set.count > 0 && i < threads; i++) {
        pthread_join(ids[i], NULL);
        CHECK(workers[i].answered == (long)set.count * rounds, "thread %d answered %ld", i, workers[i].answered);
        CHECK(workers[i].mismatched == 0, "thread %d: %ld responses differ", i, workers[i].mismatched);
    }
    printf("%d threads x %d rounds x %zu vectors on one engine\n", threads, rounds, set.count);
    wuye_engine_free(engine);
    free_vectors(&set);
    return finish("threads");
}
