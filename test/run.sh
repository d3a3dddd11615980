#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the tests the current build made: the cmocka programs and the test
# scripts listed in $B/test/run-list, which make test-progs writes (so a
# binary left in $B by an older build is never run).  Programs run in
# parallel; each one's output is printed whole when it ends, and the run
# ends with one summary line.  Exits non-zero if anything failed.
#
# A script exits 0 for pass, 77 for skip, anything else for failure; of
# a cmocka program, cmocka's own per-test results are counted, and a
# crash or timeout counts as one failure more.
#
#   T          names of programs or scripts to run, or shell patterns;
#              a name also selects its family: T=ops-net runs ops-net-*
#   T_TEST     a cmocka test-name pattern (* and ?): the programs run only
#              the tests it matches (test/helpers.c hands it to
#              cmocka_set_test_filter)
#   T_SKIP     shell patterns, space-separated, of names to skip
#              (counted as skipped)
#   T_JOBS     how many run at once (default: the number of CPUs)
#   T_TIMEOUT  seconds each may take (default 600)
#   T_WRAP     a command the cmocka programs run under (make
#              check-valgrind: memcheck, whose errors give exit status 99
#              and so fail the program)
#
# POSIX sh and busybox: the VM tests run it there.

# One program or script: run it, print its output under a lock so that
# no two outputs mix, and leave "passed failed skipped" in $T_DIR.
run_one() {
	t=$1
	name=${t##*/}
	log=$T_DIR/$name.log
	start=$(date +%s)
	case "$t" in
	*.sh)	timeout "$T_TIMEOUT" sh "$t" >"$log" 2>&1 ;;
	*)	timeout "$T_TIMEOUT" ${T_WRAP:-} "$t" >"$log" 2>&1 ;;
	esac
	rc=$?
	p=0 f=0 s=0
	case "$t" in
	*.sh)
		case $rc in
		0)  p=1 ;;
		77) s=1 ;;
		*)  f=1 ;;
		esac ;;
	*)
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log")
		s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log")
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log")
		# a crash or timeout leaves no summary: count the program
		if [ $rc -ne 0 ] && [ -z "$f" ]; then
			f=1
			echo "*** $name exited with status $rc" >>"$log"
		fi ;;
	esac
	echo "${p:-0} ${f:-0} ${s:-0} $rc" >"$T_DIR/$name.res"
	until mkdir "$T_DIR/lock" 2>/dev/null; do
		sleep 1
	done
	echo "=== $name ($(($(date +%s) - start)) s)"
	cat "$log"
	rmdir "$T_DIR/lock"
}

if [ "${1:-}" = --one ]; then
	run_one "$2"
	exit 0
fi

B=${B:-build}
list=$B/test/run-list
if [ ! -f "$list" ]; then
	echo "run.sh: no $list; build the tests first (make test-progs)" >&2
	exit 1
fi
T_DIR=$(mktemp -d)
T_TIMEOUT=${T_TIMEOUT:-600}
T_JOBS=${T_JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN || echo 1)}
export B T_DIR T_TIMEOUT T_WRAP T_TEST

# True if name (a program, or a script with its .sh) is selected by T.
selected() {
	[ -n "${T:-}" ] || return 0
	for w in $T; do
		case "${1%.sh}" in $w|$w-*) return 0 ;; esac
		case "$1" in $w) return 0 ;; esac
	done
	return 1
}

set -f		# T and T_SKIP hold patterns, not file names
run="" skipped_early=0
for t in $(cat "$list"); do
	name=${t##*/}
	selected "$name" || continue
	hit=
	for p in ${T_SKIP:-}; do
		case "$name" in $p) hit=$p ;; esac
	done
	if [ -n "$hit" ]; then
		echo "=== $name"
		echo "skipped: matches T_SKIP pattern '$hit'"
		skipped_early=$((skipped_early + 1))
		continue
	fi
	run="$run $t"
done
set +f
if [ -n "${T:-}" ] && [ -z "$run" ] && [ $skipped_early -eq 0 ]; then
	echo "run.sh: nothing in $list matches T='$T'" >&2
	rm -rf "$T_DIR"
	exit 1
fi

# busybox builds its xargs without -P sometimes: then one at a time
if [ -z "$run" ]; then
	:	# everything selected was skipped
elif [ "$T_JOBS" -gt 1 ] && echo | xargs -P 2 true 2>/dev/null; then
	printf '%s\n' $run | xargs -n 1 -P "$T_JOBS" sh "$0" --one
else
	for t in $run; do
		run_one "$t"
	done
fi

passed=0 failed=0 skipped=$skipped_early failures=""
for t in $run; do
	name=${t##*/}
	if [ -f "$T_DIR/$name.res" ]; then
		read -r p f s rc <"$T_DIR/$name.res"
	else
		echo "*** $name left no result"
		p=0 f=1 s=0 rc=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + s))
	[ "$rc" -ne 0 ] && [ "$rc" -ne 77 ] && failures="$failures $name"
done
rm -rf "$T_DIR"

[ -n "$failures" ] && echo "failed:$failures"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
