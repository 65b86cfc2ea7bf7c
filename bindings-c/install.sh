#!/usr/bin/env bash
# Installs libwuye for C programs: lib/libwuye.{a,so}, include/wuye.h and lib/pkgconfig/wuye.pc under PREFIX.
#
#   bash bindings-c/install.sh [--prefix /usr/local] [--profile release|debug] [--destdir DIR]
#
# Then, shared:  cc app.c $(pkg-config --cflags --libs wuye)        (run with the lib dir on the loader path)
#       static:  cc app.c $(pkg-config --cflags wuye) PREFIX/lib/libwuye.a $(pkg-config --static --libs-only-l wuye | sed 's/-lwuye//')
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=/usr/local
profile=release
destdir=
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --destdir) destdir=$2; shift 2 ;;
    *) echo "usage: $0 [--prefix DIR] [--profile release|debug] [--destdir DIR]" >&2; exit 2 ;;
  esac
done
case $profile in
  release) cargo build -q --release -p wuye-c ;;
  debug) cargo build -q -p wuye-c ;;
  *) echo "--profile is release or debug" >&2; exit 2 ;;
esac
built=${CARGO_TARGET_DIR:-target}/$profile
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
root=$destdir$prefix
install -d "$root/lib/pkgconfig" "$root/include"
install -m 644 "$built/libwuye.a" "$root/lib/libwuye.a"
install -m 755 "$built/libwuye.so" "$root/lib/libwuye.so"
install -m 644 bindings-c/include/wuye.h "$root/include/wuye.h"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" bindings-c/wuye.pc.in >"$root/lib/pkgconfig/wuye.pc"
echo "installed libwuye $version under $root"
