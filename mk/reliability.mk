# SPDX-License-Identifier: MIT
#
# Reliability targets.  Each builds into a directory of its own, so the
# normal build in $(B) is never mixed with instrumented objects.
#
#   make check-sanitize  the whole suite under ASan+UBSan, once built with
#                        gcc and once with clang (SAN_CCS); any report fails
#   make check-valgrind  the cmocka programs under memcheck: no error, no
#                        leak; the library is built with LIBURING_VALGRIND
#   make fuzz            the libFuzzer targets of test/fuzz, FUZZ_SECONDS
#                        each (default 60), from the seeds in
#                        test/fuzz/corpus/<target>/
#   make analyze         cppcheck and clang's static analyzer on src/
#   make ci-reliability  all of the above as CI runs them: a short fuzz
#                        pass (FUZZ_SECONDS=CI_FUZZ_SECONDS, default 20)

SAN_CCS ?= gcc clang
SAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	      -fno-sanitize-recover=all
# halt at the first report, so that a report always fails the test
SAN_ENV := T_SKIP='compat-* build-settings.sh examples-install.sh' ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
SAN_REPORTS := 'ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:'

# The compat-* scripts check compilers, packaging and foreign binaries,
# build-settings.sh and examples-install.sh the build and install
# machinery (-z defs, which sanitizer builds leave off; installed programs
# run without the sanitizer runtime preloaded): none of them the library's
# memory use.  Under sanitizer flags they only trip over the runtime, so
# they are skipped (visibly) there.
check-sanitize:
	@for cc in $(SAN_CCS); do \
		d=build-asan-$$cc; mkdir -p $$d; \
		echo "=== check-sanitize: $$cc into $$d"; \
		{ $(SAN_ENV) $(MAKE) --no-print-directory B=$$d CC=$$cc \
			CFLAGS="$(SAN_CFLAGS)" LDFLAGS="$(SAN_CFLAGS)" check; \
		  echo $$? > $$d/check.rc; } 2>&1 | tee $$d/check.log; \
		rc=$$(cat $$d/check.rc); \
		if grep -Eq $(SAN_REPORTS) $$d/check.log; then \
			echo "*** sanitizer reports under $$cc:"; \
			grep -E $(SAN_REPORTS) $$d/check.log; rc=1; \
		fi; \
		[ "$$rc" -eq 0 ] || exit 1; \
	done

# ---- valgrind --------------------------------------------------------------

VG_B := build-vg
VG_SUPP := test/valgrind.supp
VALGRIND ?= valgrind
VG_FLAGS := --tool=memcheck --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=definite,indirect,possible \
	    --errors-for-leak-kinds=definite,indirect,possible \
	    --suppressions=$(VG_SUPP) -q

# The shell tests (test/*.sh) run no library code in-process, so only the
# cmocka programs run under memcheck.  VALGRIND_ACTIVE tells the tests
# that need native speed or native signal delivery to skip, even when
# built without valgrind's headers.
check-valgrind:
	@$(MAKE) --no-print-directory B=$(VG_B) \
		CFLAGS="-O1 -g -DLIBURING_VALGRIND" test-progs
	@B=$(VG_B) T_SKIP='*.sh' T_TIMEOUT=900 VALGRIND_ACTIVE=1 \
		T_WRAP="$(VALGRIND) $(VG_FLAGS)" sh test/run.sh

# ---- fuzzing ---------------------------------------------------------------

FUZZ_B := build-fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRCS := $(wildcard test/fuzz/fuzz-*.c)
FUZZERS := $(FUZZ_SRCS:test/fuzz/%.c=$(FUZZ_B)/%)

# The library is built with coverage hooks (fuzzer-no-link) so that
# libFuzzer sees the branches taken inside it, and linked in statically.
# The targets are built by a sub-make with B=$(FUZZ_B), where the
# Makefile's own rule makes $(B)/liburing.a with these flags.
fuzz-build:
	@$(MAKE) --no-print-directory B=$(FUZZ_B) CC=$(FUZZ_CC) \
		CFLAGS="-O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link" \
		fuzz-programs

fuzz-programs: $(FUZZ_SRCS:test/fuzz/%.c=$(B)/%)

$(B)/fuzz-%: test/fuzz/fuzz-%.c test/fuzz/fuzz-util.h test/ring-maps.h \
		$(B)/liburing.a \
		$(HEADERS)
	$(CC) $(CPPFLAGS_ALL) -Itest/fuzz $(CFLAGS_ALL) -fsanitize=fuzzer \
		-o $@ $< $(B)/liburing.a

# Every target runs FUZZ_SECONDS from its seeds; new inputs go to a
# scratch corpus under $(FUZZ_B), so the checked-in seeds stay small.
# Findings (crash-*, leak-*, timeout-*) land in $(FUZZ_B)/artifacts/.
fuzz: fuzz-build
	@mkdir -p $(FUZZ_B)/artifacts; : > $(FUZZ_B)/summary; rc=0; \
	for f in $(FUZZERS); do \
		t=$${f##*/}; mkdir -p $(FUZZ_B)/corpus/$$t; \
		echo "=== $$t: $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
			-rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_B)/artifacts/$$t- \
			$(FUZZ_B)/corpus/$$t test/fuzz/corpus/$$t \
			> $(FUZZ_B)/$$t.log 2>&1 || rc=1; \
		tail -n 20 $(FUZZ_B)/$$t.log | grep -E '^(Done|stat::)' ; \
		runs=$$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) .*/\1 runs in \2 s/p' \
			$(FUZZ_B)/$$t.log); \
		echo "$$t: $${runs:-no summary (see $(FUZZ_B)/$$t.log)}" \
			>> $(FUZZ_B)/summary; \
	done; \
	echo "=== fuzz summary"; cat $(FUZZ_B)/summary; \
	[ $$rc -eq 0 ] || { echo "*** fuzzing found something:"; \
		ls $(FUZZ_B)/artifacts; exit 1; }

# ---- static analysis -------------------------------------------------------

CPPCHECK ?= cppcheck
SCAN_BUILD ?= scan-build

analyze: analyze-cppcheck analyze-scan-build

# cppcheck 2.10's posix model rejects the fd of -1 that mmap() takes with
# MAP_ANONYMOUS; mk/cppcheck-liburing.cfg corrects the model for mmap()
# alone, so invalidFunctionArg stays on for every other call.
analyze-cppcheck:
	$(CPPCHECK) --quiet --error-exitcode=1 --inline-suppr \
		--enable=warning,style,performance,portability \
		--std=c11 -D_GNU_SOURCE -D__x86_64__ -D__GNUC__=12 -Iinclude -Isrc \
		--suppress=missingIncludeSystem \
		--library=posix --library=mk/cppcheck-liburing.cfg src/

analyze-scan-build:
	rm -rf build-scan
	$(SCAN_BUILD) --status-bugs -o build-scan/report \
		$(MAKE) --no-print-directory B=build-scan \
		build-scan/liburing.a build-scan/liburing-ffi.a

# ---- CI ------------------------------------------------------------------

CI_FUZZ_SECONDS ?= 20

ci-reliability:
	@$(MAKE) --no-print-directory analyze
	@$(MAKE) --no-print-directory check-sanitize
	@$(MAKE) --no-print-directory check-valgrind
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(CI_FUZZ_SECONDS)

.PHONY: ci-reliability check-sanitize check-valgrind fuzz fuzz-build fuzz-programs analyze \
	analyze-cppcheck analyze-scan-build
