#!/bin/sh
# SPDX-License-Identifier: MIT
# Usage: cross-cmocka.sh PREFIX DIR
# Prints the linker flags that give the test programs cmocka when they
# are built with the toolchain PREFIX (e.g. riscv64-linux-gnu-).
#
# Debian packages cmocka for most of its architectures (libcmocka-dev:ARCH,
# multiarch), and then the answer is plain -lcmocka.  Debian 12 has no
# riscv64 port, so there cmocka is built here, into DIR, from Debian's own
# source package: apt-get source, through a private copy of this machine's
# package sources with their deb-src twins (the system's apt setup is left
# as it is).  Progress goes to stderr; stdout is the flags alone.
set -eu
prefix=$1
dir=$2

case "$("${prefix}gcc" -print-file-name=libcmocka.so)" in
*/*)	echo "-lcmocka"; exit 0 ;;
esac
if [ -f "$dir/src/libcmocka.so" ]; then
	echo "-L$(cd "$dir/src" && pwd) -lcmocka"
	exit 0
fi

mkdir -p "$dir/apt/parts" "$dir/apt/lists/partial"
dir=$(cd "$dir" && pwd)
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	sed 's/^Types:.*/Types: deb-src/' "$f" > "$dir/apt/parts/${f##*/}"
done
: > "$dir/apt/sources.list"
if [ -f /etc/apt/sources.list ]; then
	sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$dir/apt/sources.list"
fi
apt() {
	apt-get -q -o Dir::Etc::SourceList="$dir/apt/sources.list" \
		-o Dir::Etc::SourceParts="$dir/apt/parts" \
		-o Dir::State::Lists="$dir/apt/lists" "$@"
}
log=$dir/build.log
echo "cross-cmocka: building cmocka for $prefix in $dir (log: $log)" >&2
# one unreachable source must not hide the others
apt update > "$log" 2>&1 || true
if ! (cd "$dir/apt" && apt source --download-only cmocka) >> "$log" 2>&1
then
	cat "$log" >&2
	exit 1
fi
for t in "$dir"/apt/cmocka_*.orig.tar.*; do
	case "$t" in *.asc) ;; *) tar -C "$dir" -xf "$t" ;; esac
done
src=$(echo "$dir"/cmocka-*/)

# the target's name for cmake, from the toolchain's own triplet
cpu=$("${prefix}gcc" -dumpmachine)
if ! { cmake -S "$src" -B "$dir" -DCMAKE_C_COMPILER="${prefix}gcc" \
	-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR="${cpu%%-*}" \
	-DCMAKE_BUILD_TYPE=Release -DWITH_EXAMPLES=OFF -DUNIT_TESTING=OFF &&
	make -C "$dir" -s; } >> "$log" 2>&1; then
	cat "$log" >&2
	exit 1
fi
echo "-L$dir/src -lcmocka"
