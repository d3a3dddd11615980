#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Every header make install installs compiles on its own, as the only
# include of a translation unit, from C and from C++: a header includes
# what it uses.  Warnings count as failures.
#
#   $CC  (default cc)   -std=c99 (strict: no GNU extensions named)
#   $CXX (default c++)  -std=c++11, and -std=c++20 (plain inline helpers)
#
# Exit 0 when every compile is clean, 1 on any diagnostic, 77 when no
# compiler is there at all.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CC=${CC:-cc} CXX=${CXX:-c++}
pass=0 fail=0 ran=0

# check LANGUAGE COMPILER STD HEADER
check() {
	command -v "$2" >/dev/null 2>&1 || return 0
	ran=1
	printf '#include <%s>\nint main(void) { return 0; }\n' "$4" \
		>"$tmp/t.$1"
	if "$2" -std="$3" -Iinclude -Wall -Wextra -Werror -fsyntax-only \
		"$tmp/t.$1" >"$tmp/log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: <$4> alone, $2 -std=$3:"
		head -n 5 "$tmp/log"
	fi
}

# the same globs as the install rule of the Makefile
for h in include/liburing.h include/liburing/*.h \
	 include/liburing/io_uring/*.h; do
	name=${h#include/}
	check c "$CC" c99 "$name"
	check cc "$CXX" c++11 "$name"
	check cc "$CXX" c++20 "$name"
done

[ $ran -eq 1 ] || { echo "headers-alone: no C or C++ compiler"; exit 77; }
echo "headers-alone: $pass compiles clean, $fail failed"
[ $fail -eq 0 ]
