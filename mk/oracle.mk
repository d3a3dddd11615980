# SPDX-License-Identifier: MIT
#
# The differential oracle (test/oracle.sh): each test/oracle/*.c scenario
# program is built twice, once against this tree (ORACLE_OURS: -Iinclude,
# the build's liburing.so.2 by rpath) and once against the system's
# liburing (ORACLE_SYSTEM: default include path, -luring), by the normal
# `make test-progs`.  The system build is made only where a system
# liburing can be compiled and linked against; test/oracle.sh reports
# the skip and why otherwise.  Both programs check at run time that they
# run on the library they were built for.

ORACLE_SRCS := $(wildcard test/oracle/*.c)
ORACLE_OURS_BINS := $(ORACLE_SRCS:test/oracle/%.c=$(B)/test/oracle/%-ours)
ORACLE_SYS_BINS := $(ORACLE_SRCS:test/oracle/%.c=$(B)/test/oracle/%-system)
ORACLE_LIB := $(abspath $(B))/liburing.so.$(VERSION)
ORACLE_DEFS := -D_GNU_SOURCE -DORACLE_OURS_LIB='"$(ORACLE_LIB)"'

# Probed once per make run: does <liburing.h> + -luring from the system
# build a program?  (Not with -Iinclude: that would find ours.)
ORACLE_PROBE := '\043include <liburing.h>\nint main(void)\
	{ return !io_uring_get_probe(); }\n'
ORACLE_NO_SYSTEM := no: <liburing.h> with -luring does not build with $(CC)
ORACLE_HAVE_SYSTEM := $(shell printf $(ORACLE_PROBE) | \
	$(CC) -x c - -o /dev/null -luring >/dev/null 2>&1 && echo yes)

$(B)/test/oracle/%-ours: test/oracle/%.c test/oracle/oracle.h \
		$(B)/liburing.so.$(VERSION) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) -DORACLE_OURS $(ORACLE_DEFS) -Iinclude $(CFLAGS_ALL) -o $@ $< \
		$(LINK_URING)

$(B)/test/oracle/%-system: test/oracle/%.c test/oracle/oracle.h
	@mkdir -p $(@D)
	$(CC) -DORACLE_SYSTEM $(ORACLE_DEFS) $(CFLAGS_ALL) -o $@ $< -luring

$(B)/test/oracle/system-build:
	@mkdir -p $(@D)
	@echo '$(if $(ORACLE_HAVE_SYSTEM),yes,$(ORACLE_NO_SYSTEM))' > $@

test-progs: $(ORACLE_OURS_BINS) $(if $(ORACLE_HAVE_SYSTEM),$(ORACLE_SYS_BINS))

.PHONY: $(B)/test/oracle/system-build
test-progs: $(B)/test/oracle/system-build

# The oracle alone: `make check-oracle` (or `make check T=oracle.sh`);
# `sh test/oracle.sh --self-test` proves that a changed line is reported.
check-oracle: test-progs
	@B=$(B) sh test/oracle.sh

.PHONY: check-oracle
