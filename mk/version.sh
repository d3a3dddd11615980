#!/bin/sh
# SPDX-License-Identifier: MIT
# Prints the library version, MAJOR.MINOR ("major" alone with -m), read
# from the one place it is written: include/liburing/io_uring_version.h,
# the header programs see.  The Makefile and the tests take it from here.
h=$(dirname "$0")/../include/liburing/io_uring_version.h
part() { sed -n "s/^#define IO_URING_VERSION_$1 *\([0-9]*\)\$/\1/p" "$h"; }
maj=$(part MAJOR)
min=$(part MINOR)
[ -n "$maj" ] && [ -n "$min" ] || { echo "no version in $h" >&2; exit 1; }
if [ "$1" = -m ]; then echo "$maj"; else echo "$maj.$min"; fi
