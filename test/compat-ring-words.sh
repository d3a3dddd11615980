#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The reverse of compat-old.sh: a program compiled against OUR headers,
# whose inline code reads and writes the library's words in the padding of
# struct io_uring, runs on the system's liburing.so.2 (Debian 12: 2.3),
# which sets the ring up and leaves those words zero; and on ours, which
# sets them.  Both runs must pass, and each must have loaded the library
# it was meant to (checked in /proc/<pid>/maps through the dynamic
# linker's trace).  Exit 0 pass, 1 failure, 77 without a system liburing.
B=${B:-build}
CC=${CC:-cc}
LIBDIR=$(cd "$B" 2>/dev/null && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sys=$(ldconfig -p 2>/dev/null | sed -n 's/.*liburing\.so\.2 (.*) => //p' |
      head -n 1)
if [ -z "$sys" ] || [ ! -e "$sys" ]; then
	echo "skipped: no system liburing.so.2 (Debian: liburing2)"
	exit 77
fi

# no run path: the loader's search decides, steered below
if ! $CC -D_GNU_SOURCE -Iinclude -O2 -o "$tmp/ring-words" \
	test/compat/ring-words.c -L"$LIBDIR" -luring 2>"$tmp/cc.log"; then
	cat "$tmp/cc.log"
	echo "FAIL: test/compat/ring-words.c does not build"
	exit 1
fi

rc=0
run() {	# run LABEL EXPECTED-LIB [LD_LIBRARY_PATH]
	if ! LD_LIBRARY_PATH=$3 LD_TRACE_LOADED_OBJECTS=1 \
		"$tmp/ring-words" > "$tmp/ldd" 2>&1; then
		cat "$tmp/ldd"; echo "FAIL: $1: cannot trace"; rc=1; return
	fi
	got=$(sed -n 's/.*liburing\.so\.2 => \([^ ]*\).*/\1/p' "$tmp/ldd")
	if [ "$(readlink -f "$got")" != "$(readlink -f "$2")" ]; then
		echo "FAIL: $1: loads $got, not $2"; rc=1; return
	fi
	if LD_LIBRARY_PATH=$3 timeout 60 "$tmp/ring-words"; then
		echo "ok   $1 ($got)"
	else
		echo "FAIL: $1"; rc=1
	fi
}
run "our headers on the system's liburing" "$sys" ""
run "our headers on ours" "$LIBDIR/liburing.so.2" "$LIBDIR"
exit $rc
