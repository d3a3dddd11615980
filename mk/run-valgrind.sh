#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every cmocka program of build dir $1 under $VALGRIND (memcheck with
# --error-exitcode, see mk/reliability.mk).  A memcheck error or leak
# makes valgrind exit 99; a test failure gives cmocka's own status.  Shell
# tests (test/*.sh) are not run: they exercise no library code in-process.
# Tests that are only meaningful at native speed may check RUNNING_ON_VALGRIND
# through the VALGRIND_ACTIVE=1 environment variable set here.
B=${1:-build-vg}
T_TIMEOUT=${T_TIMEOUT:-900}
passed=0 failed=0 skipped=0 failures=""
log=$(mktemp)
start=$(date +%s)

for t in "$B"/test/*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	case "$t" in *.o) continue ;; esac
	name=$(basename "$t")
	echo "=== $name (memcheck)"
	t0=$(date +%s)
	VALGRIND_ACTIVE=1 timeout "$T_TIMEOUT" $VALGRIND "$t" >"$log" 2>&1
	rc=$?
	cat "$log"
	echo "--- $name: rc $rc, $(( $(date +%s) - t0 ))s"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
	passed=$((passed + ${p:-0}))
	skipped=$((skipped + ${s:-0}))
	failed=$((failed + ${f:-0}))
	if [ $rc -ne 0 ]; then
		[ $rc -eq 99 ] && echo "*** $name: memcheck errors or leaks"
		[ -z "$f" ] && failed=$((failed + 1))
		failures="$failures $name"
	fi
done
rm -f "$log"

[ -n "$failures" ] && echo "failed under memcheck:$failures"
echo "memcheck: $passed passed, $failed failed, $skipped skipped" \
     "in $(( $(date +%s) - start ))s"
[ -z "$failures" ]
