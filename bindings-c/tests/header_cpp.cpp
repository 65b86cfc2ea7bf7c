// The header compiles as C++ (extern "C" linkage) and links against the library.
#include "wuye.h"

#include <cstdio>
#include <cstring>

int main() {
    wuye_engine *engine = nullptr;
    if (wuye_engine_new_default(&engine, nullptr) != WUYE_OK) return 1;
    char *response = nullptr;
    wuye_status status = wuye_engine_request(engine, "{\"op\":\"nope.nothing\"}", &response);
    int ok = status == WUYE_REQUEST_UNKNOWN_OP && response != nullptr && std::strcmp(wuye_version(), WUYE_VERSION) == 0;
    wuye_string_free(response);
    wuye_engine_free(engine);
    std::printf("header_cpp: %d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
    return ok ? 0 : 1;
}
