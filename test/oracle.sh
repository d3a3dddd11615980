#!/bin/sh
# SPDX-License-Identifier: MIT
# The differential oracle: each test/oracle/*.c program, built by `make
# test-progs` once against this library ($B/test/oracle/NAME-ours) and
# once against the system's liburing ($B/test/oracle/NAME-system), prints
# what a program can see; the two outputs must agree, except for lines
# an entry of test/oracle/intended.tsv names (each with its reason).
#
#   sh test/oracle.sh              compare (exit 0 same, 1 differ, 77 skip)
#   sh test/oracle.sh --self-test  only prove that the comparison fails on
#                                  a changed line and passes on a listed one
#
# Every run does the self-test first, so a comparison that cannot fail
# never passes.  Outputs are kept in $B/test/oracle/out/ for reading.
B=${B:-build}
dir=$B/test/oracle
table=test/oracle/intended.tsv
out=$dir/out

# patterns PROGRAM: the table's regexes for PROGRAM, one per line
patterns() {
	awk -F '\t' -v p="$1" '!/^#/ && NF >= 3 && $1 == p { print $2 }' \
		"$table"
}

# compare PROGRAM SYSTEM-OUTPUT OURS-OUTPUT: prints the differences that
# no entry excuses and fails if there are any.
compare() {
	pats=$(mktemp)
	patterns "$1" > "$pats"
	if [ -s "$pats" ]; then
		grep -v -E -f "$pats" "$2" > "$2.cmp"
		grep -v -E -f "$pats" "$3" > "$3.cmp"
	else
		cp "$2" "$2.cmp"
		cp "$3" "$3.cmp"
	fi
	rm -f "$pats"
	if diff -u --label "$1 (system liburing)" --label "$1 (ours)" \
		"$2.cmp" "$3.cmp" > "$3.diff"; then
		rm -f "$2.cmp" "$3.cmp" "$3.diff"
		return 0
	fi
	echo "oracle: $1 differs from the system liburing:"
	cat "$3.diff"
	rm -f "$2.cmp" "$3.cmp"
	return 1
}

self_test() {
	t=$(mktemp -d)
	printf 'a 1\nb 2\nc 3\n' > "$t/sys"
	printf 'a 1\nb 9\nc 3\n' > "$t/ours"
	if compare selftest "$t/sys" "$t/ours" > "$t/log"; then
		echo "oracle self-test: a changed line was NOT reported"
		rm -rf "$t"
		return 1
	fi
	if ! grep -q '^+b 9$' "$t/log" || ! grep -q '^-b 2$' "$t/log"; then
		echo "oracle self-test: the report misses the changed line:"
		cat "$t/log"
		rm -rf "$t"
		return 1
	fi
	# a real program's output with one byte changed must fail too
	if [ -s "$out/prep.system" ]; then
		sed '10s/.$/X/' "$out/prep.system" > "$t/prep"
		if compare prep "$out/prep.system" "$t/prep" > "$t/log"; then
			echo "oracle self-test: a changed prep line passed"
			rm -rf "$t"
			return 1
		fi
	fi
	# a difference the table lists passes
	printf 'init_params x: ring->flags 0x0\nok\n' > "$t/sys"
	printf 'init_params x: ring->flags 0x10000\nok\n' > "$t/ours"
	if ! compare queue "$t/sys" "$t/ours" > "$t/log"; then
		echo "oracle self-test: a listed difference was reported:"
		cat "$t/log"
		rm -rf "$t"
		return 1
	fi
	rm -rf "$t"
	echo "oracle self-test: a changed line fails, a listed one passes"
}

if [ "${1:-}" = "--self-test" ]; then
	self_test
	exit $?
fi

if [ ! -f "$dir/system-build" ]; then
	echo "oracle skipped: $dir/system-build missing (run make test-progs)"
	exit 77
fi
if [ "$(cat "$dir/system-build")" != yes ]; then
	echo "oracle skipped: no system liburing to compare with:" \
	     "$(cat "$dir/system-build")"
	echo "(Debian/Ubuntu: apt-get install liburing-dev)"
	exit 77
fi

mkdir -p "$out"
failed=0 n=0
for src in test/oracle/*.c; do
	name=$(basename "$src" .c)
	for kind in system ours; do
		bin=$dir/$name-$kind
		if [ ! -x "$bin" ]; then
			echo "oracle: $bin not built (make test-progs)"
			exit 1
		fi
		if ! "$bin" > "$out/$name.$kind" 2> "$out/$name.$kind.err"
		then
			echo "oracle: $bin failed:"
			cat "$out/$name.$kind.err"
			failed=1
		fi
	done
	lines=$(wc -l < "$out/$name.system")
	if [ "$lines" -eq 0 ]; then
		echo "oracle: $name printed nothing"
		failed=1
	fi
	if compare "$name" "$out/$name.system" "$out/$name.ours"; then
		echo "oracle: $name: $lines lines agree"
	else
		failed=1
	fi
	n=$((n + 1))
done

# stale entries: a listed difference that no longer shows up
awk -F '\t' '!/^#/ && NF >= 3 { print $1 "\t" $2 }' "$table" |
while IFS='	' read -r prog re; do
	[ -f "$out/$prog.system" ] || continue
	if ! grep -E -q "$re" "$out/$prog.system" &&
	   ! grep -E -q "$re" "$out/$prog.ours"; then
		echo "oracle: note: intended entry '$re' ($prog) matches nothing"
	elif cmp -s "$out/$prog.system" "$out/$prog.ours"; then
		:
	elif [ "$(grep -E "$re" "$out/$prog.system")" = \
	       "$(grep -E "$re" "$out/$prog.ours")" ]; then
		echo "oracle: note: intended entry '$re' ($prog) no longer differs"
	fi
done

self_test || failed=1
echo "oracle: $n programs compared"
exit $failed
