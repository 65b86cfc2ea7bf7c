/* The header on its own compiles as strict C11 (-std=c11 -pedantic -Wall -Wextra -Werror). */
#include "wuye.h"

int main(void) {
    return wuye_version() != 0 && WUYE_OK == 0 ? 0 : 1;
}
