#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs every test: each cmocka program in $B/test and each test/*.sh.
# A script exits 0 for pass, 77 for skip, anything else for failure.
# Counts cmocka's own per-test results and ends with one summary line.
# Exits non-zero if anything failed.  T_SKIP, a shell pattern, names
# tests to skip (counted and shown as skipped).  T_WRAP is a command the
# cmocka programs run under (make check-valgrind: memcheck, whose errors
# give exit status 99 and so fail the program).
B=${B:-build}
T_TIMEOUT=${T_TIMEOUT:-600}
passed=0 failed=0 skipped=0 failures=""
log=$(mktemp)

for t in "$B"/test/* test/*.sh; do
	[ -f "$t" ] || continue
	case "$t" in
	*.o|*/run.sh|*/ensure-cmocka.sh) continue ;;
	esac
	[ -x "$t" ] || [ "${t%.sh}" != "$t" ] || continue
	name=$(basename "$t")
	echo "=== $name"
	if [ -n "${T_SKIP:-}" ]; then
		case "$name" in
		$T_SKIP) echo "skipped: matches T_SKIP='$T_SKIP'"
			 skipped=$((skipped + 1)); continue ;;
		esac
	fi
	case "$t" in
	*.sh)	timeout "$T_TIMEOUT" sh "$t" >"$log" 2>&1 ;;
	*)	timeout "$T_TIMEOUT" ${T_WRAP:-} "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	cat "$log"
	case "$t" in
	*.sh)
		case $rc in
		0)  passed=$((passed + 1)) ;;
		77) skipped=$((skipped + 1)) ;;
		*)  failed=$((failed + 1)); failures="$failures $name" ;;
		esac ;;
	*)
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
		s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log")
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
		passed=$((passed + ${p:-0}))
		skipped=$((skipped + ${s:-0}))
		failed=$((failed + ${f:-0}))
		# a crash or timeout leaves no summary: count the program
		if [ $rc -ne 0 ] && [ -z "$f" ]; then
			failed=$((failed + 1))
			echo "*** $name exited with status $rc"
		fi
		[ $rc -ne 0 ] && failures="$failures $name" ;;
	esac
done
rm -f "$log"

[ -n "$failures" ] && echo "failed:$failures"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
