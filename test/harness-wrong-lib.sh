#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The check of test/harness.c fires: a test program that runs on a
# liburing.so.2 other than the library under test must exit with status
# 98 and say which library it mapped.  The other library here is a copy
# of ours in a temporary directory, loaded first through LD_PRELOAD (the
# same soname, so the dynamic linker takes it for the program's own).
B=${B:-build}
prog=$B/test/smoke
[ -x "$prog" ] || { echo "harness-wrong-lib: $prog is not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$B/liburing.so.2" "$tmp/liburing.so.2"

# sanitized builds: the preload may come before the ASan runtime
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
	LD_PRELOAD="$tmp/liburing.so.2" "$prog" >"$tmp/log" 2>&1
rc=$?
if [ $rc -ne 98 ] || ! grep -q "runs on $tmp/liburing.so.2" "$tmp/log"; then
	echo "FAIL: on a foreign liburing, $prog exited $rc:"
	cat "$tmp/log"
	exit 1
fi
echo "harness-wrong-lib: a process on another liburing.so.2 fails (98)"

# and on the library under test it runs
"$prog" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
