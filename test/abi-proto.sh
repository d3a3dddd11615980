#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Prototypes, checked by the compilers themselves: test/compat/proto-check.c
# asserts (_Static_assert) that every function of the target's API has
# exactly the target's type in our liburing.h, and proto-check.cc asserts
# that every one is noexcept in C++ and, from C++17 on, has exactly the
# target's type including noexcept.  Both files are generated from the
# target's API table and committed.
#
#   gcc, clang        -std=gnu11                  proto-check.c
#   g++, clang++      -std=c++11, c++17, c++20    proto-check.cc
#
# Exit 0 when every compile is clean, 1 on any diagnostic, 77 when none
# failed but a compiler is missing.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

# Names the functions a failed compile complains about, one per line:
# "name: not declared", "name: type differs", "name: not noexcept".
culprits() {
	id='\([A-Za-z_][A-Za-z_0-9]*\)' d='\1: not declared'
	sed -n \
	    -e "s/.*error: '$id' undeclared.*/$d/p" \
	    -e "s/.*error: '$id' was not declared.*/$d/p" \
	    -e "s/.*error: use of undeclared identifier '$id'.*/$d/p" \
	    -e "s/.*error: static.assert.*[ \"]$id noexcept\"*$/\\1: not noexcept/p" \
	    -e "s/.*error: static.assert.*[ \"]$id\"*$/\\1: type differs/p" \
	    "$1" | sort -u |
	# an undeclared name also fails its assertions: say only that;
	# list the declared-but-wrong ones first
	awk -F': ' '{ if (why[$1] != "not declared")
			      why[$1] = why[$1] ? why[$1] ", " $2 : $2
		      if ($2 == "not declared") why[$1] = $2 }
		    END { for (n in why)
			      print (why[n] == "not declared"), n ": " why[n] }' |
	sort | cut -d' ' -f2-
}

check() {
	cc=$1 std=$2 file=$3

	if ! command -v "$cc" >/dev/null 2>&1; then
		echo "SKIP $cc -std=$std: $cc not installed"
		skip=$((skip + 1))
		return
	fi
	limit=-fmax-errors=0
	case "$cc" in clang*) limit=-ferror-limit=0 ;; esac
	if LC_ALL=C "$cc" -std="$std" -Wall -Wextra -Werror $limit -Iinclude \
		-fsyntax-only "$file" > "$tmp/diag" 2>&1 &&
	   [ ! -s "$tmp/diag" ]; then
		echo "ok   $cc -std=$std $(basename "$file")"
		pass=$((pass + 1))
		return
	fi
	culprits "$tmp/diag" > "$tmp/names"
	echo "FAIL $cc -std=$std $(basename "$file"):" \
	     "$(wc -l < "$tmp/names") function(s) differ from the target:"
	head -n 40 "$tmp/names" | sed 's/^/    /'
	[ "$(wc -l < "$tmp/names")" -gt 40 ] && echo "    ..."
	if [ ! -s "$tmp/names" ]; then
		head -n 20 "$tmp/diag" | sed 's/^/    /'
	fi
	fail=$((fail + 1))
}

for cc in gcc clang; do
	check "$cc" gnu11 test/compat/proto-check.c
done
for cxx in g++ clang++; do
	for std in c++11 c++17 c++20; do
		check "$cxx" "$std" test/compat/proto-check.cc
	done
done

echo "prototype checks: $pass passed, $fail failed, $skip skipped"
[ $fail -ne 0 ] && exit 1
[ $skip -ne 0 ] && exit 77
exit 0
