#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The compiler x language-standard matrix: test/compat/sample.c (a broad
# slice of the API) must build with no diagnostic at all in each of the 12
# cells, and the program built must run and pass.
#
#   gcc, clang      -std=c99, c11, gnu17    -Wall -Wextra -Werror -pedantic
#   g++, clang++    -std=c++11, c++17, c++20 -Wall -Wextra -Werror
#
# The C++ builds link a second translation unit (sample-tu2.cc); under
# C++20 the program checks that an inline helper has one address in both.
#
# Exit 0 when all 12 cells pass, 1 when any fails, 77 when none failed but
# some could not be tried (a compiler is missing, or the kernel refuses
# io_uring).
B=${B:-build}
LIBDIR=$(cd "$B" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

cell() {
	cc=$1 std=$2 lang=$3
	shift 3
	exe="$tmp/sample-$cc-$std"

	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "SKIP $cc -std=$std: $cc not installed"
		skip=$((skip + 1))
		return
	fi
	if [ "$lang" = c ]; then
		set -- -x c test/compat/sample.c
		extra=-pedantic
	else
		set -- -x c++ test/compat/sample.c \
			-x c++ test/compat/sample-tu2.cc -x none
		extra=
	fi
	# shellcheck disable=SC2086
	"$cc" -std="$std" -O2 -Wall -Wextra -Werror $extra -Iinclude \
		-o "$exe" "$@" -L"$LIBDIR" -luring -Wl,-rpath,"$LIBDIR" \
		> "$tmp/diag" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp/diag" ]; then
		echo "FAIL $cc -std=$std: build printed diagnostics" \
		     "(exit $rc):"
		head -n 40 "$tmp/diag" | sed 's/^/    /'
		fail=$((fail + 1))
		return
	fi
	"$exe" > "$tmp/run" 2>&1
	rc=$?
	case $rc in
	0)	echo "ok   $cc -std=$std"
		pass=$((pass + 1)) ;;
	77)	echo "SKIP $cc -std=$std: $(cat "$tmp/run")"
		skip=$((skip + 1)) ;;
	*)	echo "FAIL $cc -std=$std: the program failed (exit $rc):"
		sed 's/^/    /' "$tmp/run"
		fail=$((fail + 1)) ;;
	esac
}

if [ ! -e "$B/liburing.so" ]; then
	echo "FAIL: $B/liburing.so not built (run make first)"
	exit 1
fi

for cc in gcc clang; do
	for std in c99 c11 gnu17; do
		cell "$cc" "$std" c
	done
done
for cxx in g++ clang++; do
	for std in c++11 c++17 c++20; do
		cell "$cxx" "$std" c++
	done
done

echo "compiler matrix: $pass passed, $fail failed, $skip skipped"
[ $fail -ne 0 ] && exit 1
[ $skip -ne 0 ] && exit 77
exit 0
