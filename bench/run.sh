#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Runs the benchmarks built by `make bench-progs` and prints one table,
# also saved as $BENCH_B/results.md.
#
#   run.sh [-r ROUNDS] [-t SECS] [-n OPS] [-f FILTER] [-I] [-T]
#
#   -r  throughput rounds (default 41; at least 5 make sense)
#   -t  seconds per throughput run (default 0.05)
#   -n  operations of the shorter instruction-count run (default 25600);
#       the longer one does twice as many
#   -f  only rows whose name matches FILTER (an extended regex)
#   -I  skip instruction counts      -T  skip throughput
#
# Throughput: every round runs each row once with our library and once
# with the system's, alternating which goes first, so that load from
# other processes hits both alike.  A row reports the median ops/s and
# the min-max over the rounds, the ratio of the medians ours/system, and
# the per-round ratios (each of two runs back to back): their median and
# min-max show how much of a difference is noise.  On a shared machine
# single runs vary by 10-50%; many short rounds beat a few long ones,
# since the two runs of a pair then see much the same load.
#
# Instructions: user-space instructions per operation.  `perf stat -e
# instructions:u` when the machine has a PMU, else callgrind (valgrind).
# Each row runs twice, with N and 2N operations; the difference divided
# by N leaves out start-up and teardown.  Counts are deterministic to a
# few parts per million except under SQPOLL, where how often a reap
# finds nothing ready depends on timing.
#
# The rows with "raw" run the library-less loop (bench/raw_nop.c); their
# ratios are against the system liburing's "nop peek" row of the same
# batch.
#
# This is a benchmark, not a test: nothing here fails on timing.  It
# exits non-zero only if a program failed (a completion did not check
# out, or setup failed).

B=${BENCH_B:-build/bench}
PROGS=${BENCH_PROGS:-nop}
ROUNDS=41
SECS=0.05
NOPS=25600
FILTER=
DO_INSN=1
DO_TPUT=1

while getopts "r:t:n:f:IT" opt; do
	case $opt in
	r) ROUNDS=$OPTARG ;;
	t) SECS=$OPTARG ;;
	n) NOPS=$OPTARG ;;
	f) FILTER=$OPTARG ;;
	I) DO_INSN= ;;
	T) DO_TPUT= ;;
	*) exit 2 ;;
	esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0

# ---- the rows ------------------------------------------------------------
#
# One line each: name|program|arguments|raw counterpart (system row name)
rows=$tmp/rows
: >"$rows"
for mode in default defer; do
	for reg in "" "-R"; do
		for reap in peek wait; do
			for b in 1 8 32 128; do
				m=; [ $mode = defer ] && m=-d
				r=; [ -n "$reg" ] && r=" regfd"
				n="nop $mode$r $reap b$b"
				echo "$n|nop|-b $b -r $reap $m $reg|" >>"$rows"
			done
		done
	done
done
echo "sqpoll peek b32|nop|-q -b 32 -r peek|" >>"$rows"
echo "sqpoll wait b32|nop|-q -b 32 -r wait|" >>"$rows"
for b in 1 8 32 128; do
	echo "raw b$b|raw_nop|-b $b|nop default peek b$b" >>"$rows"
done
case " $PROGS " in
*" read "*)
	for m in plain fixedbuf fixedfile both; do
		echo "read 4k qd32 $m|read|-m $m -f $B/readfile|" >>"$rows"
	done ;;
*)	echo "(read benchmark not built: our library lacks" \
	     "read_fixed/register_files)" >&2 ;;
esac
if [ -n "$FILTER" ]; then
	grep -E -- "$FILTER" "$rows" >"$rows.f"
	mv "$rows.f" "$rows"
fi

# prog_path VARIANT PROGRAM
prog_path() {
	if [ "$2" = raw_nop ]; then echo "$B/raw_nop"; else echo "$B/$1/$2"; fi
}

# run_one VARIANT PROGRAM ARGS... : one run, prints its ops_per_sec
run_one() {
	v=$1 p=$2
	shift 2
	out=$("$(prog_path "$v" "$p")" "$@" 2>"$tmp/err")
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAILED ($v $p $*): $(cat "$tmp/err")" >&2
		return 1
	fi
	echo "$out" | awk '{ print $6 }'
}

# ---- throughput ----------------------------------------------------------

tput=$tmp/tput
: >"$tput"
if [ -n "$DO_TPUT" ]; then
	echo "throughput: $ROUNDS rounds of ${SECS}s per run" >&2
	round=1
	while [ $round -le "$ROUNDS" ]; do
		echo "  round $round/$ROUNDS" >&2
		while IFS='|' read -r name prog args raw; do
			if [ "$prog" = raw_nop ]; then
				order=raw
			elif [ $((round % 2)) -eq 1 ]; then
				order="ours sys"
			else
				order="sys ours"
			fi
			for v in $order; do
				# shellcheck disable=SC2086
				if x=$(run_one $v $prog $args -t $SECS); then
					echo "$name|$v|$x|$round" >>"$tput"
				else
					fail=1
				fi
			done
		done <"$rows"
		round=$((round + 1))
	done
fi

# ---- instructions --------------------------------------------------------

insn=$tmp/insn
: >"$insn"
if perf stat -x, -e instructions:u true 2>&1 | grep -q '^[0-9]'; then
	COUNTER=perf
elif command -v valgrind >/dev/null 2>&1; then
	COUNTER=callgrind
else
	COUNTER=
fi

# count_insn VARIANT PROGRAM OPS ARGS... : user-space instructions
count_insn() {
	v=$1 p=$2 n=$3
	shift 3
	bin=$(prog_path "$v" "$p")
	if [ $COUNTER = perf ]; then
		perf stat -x, -e instructions:u "$bin" "$@" -n "$n" \
			2>"$tmp/cnt" >/dev/null || return 1
		awk -F, '/instructions/ { print $1 }' "$tmp/cnt"
	else
		valgrind --tool=callgrind --callgrind-out-file=/dev/null \
			"$bin" "$@" -n "$n" 2>"$tmp/cnt" >/dev/null ||
			return 1
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cnt"
	fi
}

if [ -n "$DO_INSN" ] && [ -n "$COUNTER" ]; then
	echo "instructions: $COUNTER, runs of $NOPS and $((2 * NOPS)) ops" >&2
	while IFS='|' read -r name prog args raw; do
		if [ "$prog" = raw_nop ]; then vs=raw; else vs="ours sys"; fi
		for v in $vs; do
			# shellcheck disable=SC2086
			a=$(count_insn $v $prog $NOPS $args) &&
			b=$(count_insn $v $prog $((2 * NOPS)) $args) &&
			[ -n "$a" ] && [ -n "$b" ] || {
				echo "FAILED counting $name ($v)" >&2
				fail=1
				continue
			}
			echo "$name|$v|$(( (b - a) * 100 / NOPS ))" >>"$insn"
		done
	done <"$rows"
fi

# ---- the table -----------------------------------------------------------

{
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -sr), $(nproc) x" \
	"$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)," \
	"load $(cut -d' ' -f1-3 /proc/loadavg);" \
	"system liburing: $(readlink -f "$(ldconfig -p 2>/dev/null |
		sed -n 's/.*liburing.so.2 (libc6,x86-64) => //p' | head -1)" \
		2>/dev/null);" \
	"${ROUNDS} rounds of ${SECS}s; instructions by ${COUNTER:-nothing}"
echo
awk -F'|' -v tputf="$tput" -v insnf="$insn" -v counter="$COUNTER" '
# median of x[1..n]; sets glo and ghi to the extremes
function median_of(x, n,   i, j, t) {
	for (i = 2; i <= n; i++)	# insertion sort: n is small
		for (j = i; j > 1 && x[j - 1] > x[j]; j--) {
			t = x[j]; x[j] = x[j - 1]; x[j - 1] = t
		}
	glo = x[1]; ghi = x[n]
	return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
}
function median(key,   n, i, a, m) {
	n = cnt[key]
	if (!n)
		return ""
	for (i = 1; i <= n; i++)
		a[i] = val[key, i]
	m = median_of(a, n)
	lo[key] = glo; hi[key] = ghi
	return m
}
# the per-round ratios a/b: median (min-max)
function paired(a, b,   r, n, x, m) {
	n = 0
	for (r = 1; r <= maxround; r++)
		if ((a, r) in byround && (b, r) in byround && byround[b, r] > 0)
			x[++n] = byround[a, r] / byround[b, r]
	if (!n)
		return "-"
	m = median_of(x, n)
	return sprintf("%.2f (%.2f-%.2f)", m, glo, ghi)
}
function mops(x) { return x == "" ? "-" : sprintf("%.2f", x / 1e6) }
function cell(key,   m) {
	m = median(key)
	if (m == "")
		return "-"
	med[key] = m
	return sprintf("%s (%s-%s)", mops(m), mops(lo[key]), mops(hi[key]))
}
function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "-" : \
	sprintf("%.2f", a / b) }
function ipo(x) { return x == "" ? "-" : sprintf("%.1f", x / 100) }
FILENAME == tputf {
	k = $1 SUBSEP $2; val[k, ++cnt[k]] = $3; byround[k, $4] = $3
	if ($4 > maxround)
		maxround = $4
	next
}
FILENAME == insnf { ins[$1, $2] = $3; next }
{ name[++nrows] = $1; rawref[nrows] = $4 }
END {
	printf("| benchmark | ours Mops/s (min-max) | system Mops/s " \
	       "(min-max) | ratio | paired ratio (min-max) " \
	       "| ours insn/op | system insn/op | ratio |\n")
	printf("|---|---|---|---|---|---|---|---|\n")
	for (r = 1; r <= nrows; r++) {
		n = name[r]
		if (rawref[r] != "") {
			a = n SUBSEP "raw"; s = rawref[r] SUBSEP "sys"
			ia = ins[n, "raw"]; is = ins[rawref[r], "sys"]
			label = n " (vs system " rawref[r] ")"
		} else {
			a = n SUBSEP "ours"; s = n SUBSEP "sys"
			ia = ins[n, "ours"]; is = ins[n, "sys"]
			label = n
		}
		ca = cell(a); cs = cell(s)
		printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n", label, \
		       ca, cs, ratio(med[a], med[s]), paired(a, s), ipo(ia), \
		       ipo(is), ratio(ia, is))
	}
	if (counter == "")
		print "\n(no perf counters, no valgrind: no instruction counts)"
}' "$tput" "$insn" "$rows"
} | tee "$B/results.md"
echo "(table saved in $B/results.md)" >&2

exit $fail
