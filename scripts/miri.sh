#!/usr/bin/env bash
# Miri over the C binding's unsafe code (bindings-c/src, including boundary_tests.rs): use after free, leaks,
# dangling or misaligned pointers, data races. Installs nightly's miri if missing (idempotent, quiet).
# Not part of the test command: compiling the default handbook inside the interpreter takes minutes per test
# (the C tests under ASan+UBSan and valgrind cover the same exports on every run). Run it before a release.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! cargo +nightly miri --version >/dev/null 2>&1; then
  echo "installing miri (nightly)"
  rustup toolchain install nightly --profile minimal --component miri,rust-src >/dev/null 2>&1 \
    || rustup component add --toolchain nightly miri rust-src
fi
cargo +nightly miri setup >/dev/null 2>&1
# Isolation stays on (no clock, no files): the core needs neither. The typed-calendar test and the header test
# need nothing Miri lacks either; only the C-language tests live elsewhere (scripts/test-c.sh).
MIRIFLAGS="${MIRIFLAGS:-}" cargo +nightly miri test -q -p wuye-c --lib
