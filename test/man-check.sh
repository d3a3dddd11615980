#!/bin/sh
# SPDX-License-Identifier: MIT
#
# man-check.sh: check the manual pages under man/man[1237]/.
#
# Run from the project root.  It checks that
#  1. every real page lints cleanly with mandoc and groff (any output
#     at all counts as a problem), has a .TH line matching its file
#     name, lists its own name under NAME and has the usual sections;
#  2. every alias page (a symbolic link to a page of the same section, so
#     that "man -l man/man3/alias.3" works in the tree as well as when
#     installed) names a real page that lists the alias in its NAME
#     section, and no page uses ".so" (it resolves against the current
#     directory, and silently shows another liburing's page);
#  3. every function or function-like macro that the public headers
#     declare or define under an io_uring name has a page of its own
#     name in section 2, 3 or 7;
#  4. every page is in the man<N>/ directory of its section.
# It prints one line per problem and a summary, and exits non-zero if
# anything is wrong.
#
# Environment:
#  MAN_DIR                  directory of pages (default: man)
#  MAN_CHECK_HEADERS        space-separated list of headers to scan for
#                           names; when set but empty, step 3 is skipped.
#                           Default: include/liburing.h and
#                           include/liburing/*.h without io_uring.h and
#                           barrier.h (the kernel's uapi copy and the
#                           memory-ordering macros are not our API).
#  MAN_CHECK_SKIP_MISSING=1 do not fail when neither mandoc nor groff exists.
#  MAN_CHECK_VERBOSE=1      also list every name found in the headers.

MAN_DIR=${MAN_DIR:-man}
problems=0
pages=0

problem() {
	printf 'man-check: %s\n' "$*"
	problems=$((problems + 1))
}

# An alias page is a symbolic link.
is_alias() {
	[ -L "$1" ]
}

# The names a page's NAME section lists: the text lines between
# ".SH NAME" and the next ".SH", up to "\-", split at commas.
name_list() {
	sed -n '/^\.SH NAME/,/^\.SH/{/^\./d;p;}' "$1" |
	sed 's/\\-.*//' | tr ',' '\n' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' |
	grep -v '^$'
}

# Either linter is enough (the pages must pass both where both exist); a
# missing one is said, not hidden.  With neither there is no lint at all,
# which fails unless MAN_CHECK_SKIP_MISSING=1.
have_mandoc=1
have_groff=1
command -v mandoc >/dev/null 2>&1 || have_mandoc=0
command -v groff >/dev/null 2>&1 || have_groff=0
[ $have_mandoc = 1 ] || printf 'man-check: mandoc not found, mandoc lint skipped\n'
[ $have_groff = 1 ] || printf 'man-check: groff not found, groff lint skipped\n'
if [ $have_mandoc = 0 ] && [ $have_groff = 0 ] &&
   [ "${MAN_CHECK_SKIP_MISSING:-0}" != 1 ]; then
	problem "neither mandoc nor groff found: install mandoc or groff"
fi

if [ ! -d "$MAN_DIR" ]; then
	problem "no directory $MAN_DIR"
else
	for f in "$MAN_DIR"/*; do
		[ -d "$f" ] || problem "$f: not in a man<N>/ directory"
	done
	for f in "$MAN_DIR"/man*/*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		base=${f##*/}
		case $base in
		*.1|*.2|*.3|*.7) ;;
		*)
			problem "$f: not named <name>.1, .2, .3 or .7"
			continue
			;;
		esac
		pages=$((pages + 1))
		name=${base%.*}
		sect=${base##*.}
		dir=${f%/*}
		[ "${dir##*/}" = "man$sect" ] ||
			problem "$f: a section $sect page outside man$sect/"

		if is_alias "$f"; then
			target=$(readlink "$f")
			case $target in
			*/*) problem "$f: alias points outside man$sect/" ;;
			*."$sect") ;;
			*) problem "$f: alias to another section" ;;
			esac
			if [ ! -f "$dir/$target" ]; then
				problem "$f: alias target $dir/$target missing"
			elif is_alias "$dir/$target"; then
				problem "$f: alias target $target is itself an alias"
			elif ! name_list "$dir/$target" | grep -qx "$name"; then
				problem "$f: $name not listed in NAME of $target"
			fi
			continue
		fi

		if grep -q '^\.so ' "$f"; then
			problem "$f: .so in a page that is not a one-line alias"
		fi
		th=$(sed -n 's/^\.TH  *\([^ ]*\)  *\([^ ]*\).*/\1 \2/p' "$f" | head -n 1)
		if [ "$th" != "$name $sect" ]; then
			problem "$f: .TH says '$th', expected '$name $sect'"
		fi
		if ! name_list "$f" | grep -qx "$name"; then
			problem "$f: NAME section does not list $name"
		fi
		case $sect in
		1) want="NAME SYNOPSIS DESCRIPTION EXIT_STATUS SEE_ALSO" ;;
		2|3) want="NAME SYNOPSIS DESCRIPTION RETURN_VALUE SEE_ALSO" ;;
		*) want="NAME DESCRIPTION SEE_ALSO" ;;
		esac
		for sh in $want; do
			if ! grep -q "^\.SH $(printf '%s' "$sh" | tr _ ' ')\$" "$f"; then
				problem "$f: no $(printf '%s' "$sh" | tr _ ' ') section"
			fi
		done
		if [ "$have_mandoc" = 1 ]; then
			out=$(mandoc -Tlint -W warning "$f" 2>&1)
			if [ -n "$out" ]; then
				problem "$f: mandoc lint:"
				printf '%s\n' "$out" | sed 's/^/    /'
			fi
		fi
		if [ "$have_groff" = 1 ]; then
			out=$(groff -man -ww -z "$f" 2>&1)
			if [ -n "$out" ]; then
				problem "$f: groff lint:"
				printf '%s\n' "$out" | sed 's/^/    /'
			fi
		fi
	done
fi

# Step 3: names from the headers.  The awk script drops comments and
# string literals, joins continued preprocessor lines, and then keeps a
# name when it is
#  - the name of a function-like macro: "#define NAME(", or
#  - a declaration or definition: "NAME (" preceded by a type word or
#    "*" rather than by an operator or punctuation, which is how calls
#    inside inline bodies look ("ret = f(", "{ f(", "return f(").
header_names() {
	awk '
	function flush_token(t) {
		if (t == "")
			return
		ntok++
		tok[ntok] = t
	}
	function scan(s,   i, c, cur) {
		cur = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c ~ /[A-Za-z0-9_]/) {
				cur = cur c
				continue
			}
			flush_token(cur)
			cur = ""
			if (c !~ /[ \t]/)
				flush_token(c)
		}
		flush_token(cur)
	}
	BEGIN { incomment = 0; cont = "" }
	{
		line = $0
		# join preprocessor continuation lines
		if (cont != "") {
			line = cont " " line
			cont = ""
		}
		if (line ~ /\\$/) {
			cont = substr(line, 1, length(line) - 1)
			next
		}
		out = ""
		i = 1
		n = length(line)
		while (i <= n) {
			c = substr(line, i, 1)
			d = substr(line, i, 2)
			if (incomment) {
				if (d == "*/") {
					incomment = 0
					i += 2
				} else
					i++
				continue
			}
			if (d == "/*") {
				incomment = 1
				out = out " "
				i += 2
				continue
			}
			if (d == "//")
				break
			if (c == "\"" || c == "\047") {
				q = c
				i++
				while (i <= n && substr(line, i, 1) != q) {
					if (substr(line, i, 1) == "\\")
						i++
					i++
				}
				i++
				out = out " 0 "
				continue
			}
			out = out c
			i++
		}
		if (out ~ /^[ \t]*#/) {
			if (out ~ /^[ \t]*#[ \t]*define[ \t]+[A-Za-z_][A-Za-z0-9_]*\(/) {
				sub(/^[ \t]*#[ \t]*define[ \t]+/, "", out)
				sub(/\(.*/, "", out)
				print out
			}
			next
		}
		scan(out)
	}
	END {
		kw["return"] = kw["else"] = kw["do"] = kw["case"] = 1
		kw["goto"] = kw["sizeof"] = kw["if"] = kw["while"] = 1
		kw["for"] = kw["switch"] = 1
		for (k = 2; k < ntok; k++) {
			if (tok[k + 1] != "(")
				continue
			p = tok[k - 1]
			if (p == "*" || (p ~ /^[A-Za-z_][A-Za-z0-9_]*$/ && !(p in kw)))
				print tok[k]
		}
	}' "$@" |
	grep -E '^(io_uring_|__io_uring_|_io_uring_)[A-Za-z0-9_]*$|^IO_URING_CHECK_VERSION$' |
	grep -v '^io_uring_smp_' | sort -u
}

if [ "${MAN_CHECK_HEADERS+set}" = set ]; then
	headers=$MAN_CHECK_HEADERS
else
	headers=""
	if [ -f include/liburing.h ]; then
		headers=include/liburing.h
	else
		problem "include/liburing.h not found (run from the project root)"
	fi
	for h in include/liburing/*.h; do
		[ -f "$h" ] || continue
		case ${h##*/} in
		io_uring.h|barrier.h) continue ;;
		esac
		headers="$headers $h"
	done
fi

if [ -n "$headers" ]; then
	nnames=0
	for h in $headers; do
		[ -f "$h" ] || problem "header $h not found"
	done
	# shellcheck disable=SC2086 # the list is split on purpose
	for n in $(header_names $headers); do
		nnames=$((nnames + 1))
		[ "${MAN_CHECK_VERBOSE:-0}" = 1 ] && printf 'man-check: name %s\n' "$n"
		if [ ! -f "$MAN_DIR/man3/$n.3" ] &&
		   [ ! -f "$MAN_DIR/man2/$n.2" ] &&
		   [ ! -f "$MAN_DIR/man7/$n.7" ]; then
			problem "no page for $n"
		fi
	done
	if [ "$nnames" -eq 0 ]; then
		problem "no io_uring names found in: $headers"
	fi
elif [ "${MAN_CHECK_HEADERS+set}" = set ]; then
	printf 'man-check: MAN_CHECK_HEADERS is empty, name coverage not checked\n'
fi

printf 'man-check: %d pages, %d problems\n' "$pages" "$problems"
[ "$problems" -eq 0 ]
