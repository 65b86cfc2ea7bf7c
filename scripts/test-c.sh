#!/usr/bin/env bash
# C binding tests: builds libwuye with cargo, compiles the C programs in bindings-c/tests with
# -std=c11 -Wall -Wextra -Werror, and runs them plain, under valgrind and under ASan+UBSan; also the header as
# C++, the shared library, the example program and the pkg-config install. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
lib=$target/debug
out=$target/c-tests
mkdir -p "$out"
log=$out/results.txt
: >"$log"

# What the Rust standard library needs when linking the static library on Linux (cargo rustc -- --print
# native-static-libs); gcc adds -lc and -lgcc_s itself.
native_libs="-lpthread -ldl -lm -lrt -lutil"
cflags="-std=c11 -Wall -Wextra -Werror -g -I bindings-c/include"
vectors=tests/vectors

# valgrind only if missing (CI machines are fresh).
if ! command -v valgrind >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq valgrind >/dev/null
fi

echo "building libwuye (debug) and the default handbook"
cargo build -q -p wuye-c -p wuye-cli
"$target/debug/wuye" handbook >"$out/default-handbook.json"

# run NAME CMD...: runs one C test program and keeps its "name: N passed, M failed" line for the total; a
# program that exits non-zero (a crash, a valgrind or sanitizer report) counts as one more failure.
run() {
  local name=$1; shift
  echo "--- $name"
  local rc=0
  "$@" >"$out/$name.log" 2>&1 || rc=$?
  local line passed=0 failed=0
  line=$(grep -E '^[a-z_]+: [0-9]+ passed, [0-9]+ failed$' "$out/$name.log" | tail -n 1 || true)
  if [ -n "$line" ]; then
    passed=$(echo "$line" | awk '{ print $2 }')
    failed=$(echo "$line" | awk '{ print $4 }')
  fi
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  if [ "$failed" != 0 ]; then cat "$out/$name.log"; fi
  echo "$name: $passed passed, $failed failed" | tee -a "$log"
}

programs="replay errors threads typed"
args_replay="$vectors"
args_errors="$out/default-handbook.json"
args_threads="$vectors 4 50"
args_threads_slow="$vectors 3 4" # fewer rounds under valgrind
args_typed=""
args_typed_slow=""

echo "compiling the C tests"
gcc $cflags -pedantic -c bindings-c/tests/header_c.c -o "$out/header_c.o"
g++ -std=c++11 -Wall -Wextra -Werror -pedantic -I bindings-c/include bindings-c/tests/header_cpp.cpp \
  -x none "$lib/libwuye.a" $native_libs -o "$out/header_cpp"
for p in $programs; do
  gcc $cflags "bindings-c/tests/$p.c" -x none "$lib/libwuye.a" $native_libs -o "$out/$p"
  gcc $cflags -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
    "bindings-c/tests/$p.c" -x none "$lib/libwuye.a" $native_libs -o "$out/$p-asan"
done
gcc $cflags bindings-c/tests/replay.c -L "$lib" -lwuye -Wl,-rpath,"$lib" -o "$out/replay-shared"

run header_cpp "$out/header_cpp"
for p in $programs; do
  a="args_$p"
  run "$p" "$out/$p" ${!a}
done
run replay_shared "$out/replay-shared" $args_replay
# The catalogue of bad inputs (docs/security.md) in the same format: same bytes as Rust, under ASan+UBSan too.
run replay_bad_inputs "$out/replay" tests/bad-inputs
run replay_bad_inputs_asan env ASAN_OPTIONS=detect_leaks=1 "$out/replay-asan" tests/bad-inputs
for p in $programs; do
  a="args_$p"; [ "$p" = threads ] && a=args_threads_slow
  run "${p}_valgrind" valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1 \
    "$out/$p" ${!a}
done
for p in $programs; do
  a="args_$p"
  run "${p}_asan" env ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$out/$p-asan" ${!a}
done

# The quick start in docs/c-api.md is compiled and run, so the guide cannot rot.
awk '/^```c$/ { on = 1; next } /^```$/ { if (on) exit } on' docs/c-api.md >"$out/quickstart.c"
gcc $cflags "$out/quickstart.c" -x none "$lib/libwuye.a" $native_libs -o "$out/quickstart"
run quickstart sh -c "'$out/quickstart' && echo 'quickstart: 1 passed, 0 failed'"

echo "--- examples/c (in-tree, and installed through pkg-config)"
example_ok=0
if make -s -C examples/c clean all WUYE_LIB_DIR="$lib" >"$out/example.log" 2>&1 && examples/c/wuye_example >>"$out/example.log" 2>&1 \
  && grep -q '^ok: ' "$out/example.log"; then
  example_ok=$((example_ok + 1))
else
  cat "$out/example.log"
fi
prefix=$out/prefix
rm -rf "$prefix"
if bash bindings-c/install.sh --prefix "$prefix" --profile debug >"$out/install.log" 2>&1 \
  && PKG_CONFIG_PATH=$prefix/lib/pkgconfig make -s -C examples/c clean all WUYE_PKGCONFIG=1 >>"$out/install.log" 2>&1 \
  && LD_LIBRARY_PATH=$prefix/lib examples/c/wuye_example >>"$out/install.log" 2>&1; then
  example_ok=$((example_ok + 1))
else
  cat "$out/install.log"
fi
make -s -C examples/c clean >/dev/null 2>&1 || true
echo "example: $example_ok passed, $((2 - example_ok)) failed" | tee -a "$log"

passed=$(awk '{ s += $2 } END { print s + 0 }' "$log")
failed=$(awk '{ s += $4 } END { print s + 0 }' "$log")
echo "C: $passed passed, $failed failed"
[ "$failed" = 0 ]
