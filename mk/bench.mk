# SPDX-License-Identifier: MIT
#
#   make bench        builds every benchmark twice, against our liburing and
#                     against the system's (liburing-dev), then runs both
#                     alternately and prints throughput and instructions
#   make bench-progs  only builds them
#
# Both variants are compiled from the same sources with the same flags;
# only the include path and the library differ.  Ours: -Iinclude and the
# freshly built build/liburing.so through an rpath.  The system's: the
# default include path (/usr/include) and -luring from the default
# library path.  The raw NOP loop uses no library at all.
#
# BENCH_ARGS is passed to bench/run.sh (e.g. BENCH_ARGS="-r 9 -t 0.3").

BENCH_CFLAGS := -O2 -g -Wall -Wextra -D_GNU_SOURCE $(EXTRA_CFLAGS)
BENCH_B := $(B)/bench
BENCH_DEPS := bench/common.h

BENCH_PROGS := nop read

BENCH_BINS := $(BENCH_PROGS:%=$(BENCH_B)/ours/%) \
	      $(BENCH_PROGS:%=$(BENCH_B)/sys/%) $(BENCH_B)/raw_nop

$(BENCH_B)/ours/%: bench/%.c $(BENCH_DEPS) $(HEADERS) \
		$(B)/liburing.so.$(VERSION)
	@mkdir -p $(@D)
	$(CC) -Iinclude -Ibench $(BENCH_CFLAGS) -o $@ $< \
		-L$(B) -luring -Wl,-rpath,$(abspath $(B))

$(BENCH_B)/sys/%: bench/%.c $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(CC) -Ibench $(BENCH_CFLAGS) -o $@ $< -luring

$(BENCH_B)/raw_nop: bench/raw_nop.c $(BENCH_DEPS)
	@mkdir -p $(@D)
	$(CC) -Ibench $(BENCH_CFLAGS) -o $@ $<

bench-progs: $(BENCH_BINS)

bench: bench-progs
	@BENCH_B=$(BENCH_B) BENCH_PROGS="$(BENCH_PROGS)" \
		sh bench/run.sh $(BENCH_ARGS)

.PHONY: bench bench-progs
