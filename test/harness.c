/* SPDX-License-Identifier: MIT */
/*
 * What every test process does before main(), linked into each test
 * program beside helpers.o: it checks that it runs on the library under
 * test, and applies make check's test filter.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "helpers.h"

/*
 * The Makefile says where the library under test is: T_LIB_DIR (the build
 * directory, absolute) and T_LIB_NAME (liburing.so.<version>).
 */
#ifndef T_LIB_DIR
#error "T_LIB_DIR: the Makefile passes the build directory"
#endif
#ifndef T_LIB_NAME
#error "T_LIB_NAME: the Makefile passes liburing.so.<version>"
#endif

/* Exit status of a process that runs on another liburing. */
#define T_WRONG_LIBRARY 98

/*
 * The library under test, resolved: the one beside this program's
 * directory, where its run path ($ORIGIN/..) finds it, so that a build
 * tree copied elsewhere (into a VM) tests its own copy; or, when this
 * process is not the program itself (valgrind runs it inside its own
 * binary), the one in the build directory.
 */
static int expected_library(char *want)
{
	char exe[PATH_MAX], path[PATH_MAX + 32];
	char *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, sizeof(path), "%s/../%s", exe,
				 T_LIB_NAME);
			if (realpath(path, want))
				return 0;
		}
	}
	return realpath(T_LIB_DIR "/" T_LIB_NAME, want) ? 0 : -1;
}

/*
 * A test passes on the wrong library without a word when a process of it
 * loads another liburing.so.2: the system's, say, for a child exec'd
 * with a bare environment that lost LD_LIBRARY_PATH.  So every test
 * process looks at what it has mapped, and one that maps a liburing.so
 * other than the library under test exits at once with
 * T_WRONG_LIBRARY, which fails its test (or its parent's).
 */
__attribute__((constructor)) static void t_check_library(void)
{
	char want[PATH_MAX], got[PATH_MAX], line[PATH_MAX + 128];
	FILE *maps;

	if (expected_library(want) < 0) {
		fprintf(stderr, "*** test harness: the library under test, "
			"%s, is not there\n", T_LIB_DIR "/" T_LIB_NAME);
		_exit(T_WRONG_LIBRARY);
	}
	maps = fopen("/proc/self/maps", "re");
	if (!maps)
		return;		/* no /proc: nothing to check with */
	while (fgets(line, sizeof(line), maps)) {
		char *path = strchr(line, '/'), *base, *end;

		if (!path)
			continue;
		path[strcspn(path, "\n")] = '\0';
		/* a library rebuilt while the test runs */
		end = strstr(path, " (deleted)");
		if (end)
			*end = '\0';
		base = strrchr(path, '/') + 1;
		if (strncmp(base, "liburing.so", 11) != 0)
			continue;
		if (realpath(path, got) && strcmp(got, want) == 0)
			continue;
		fprintf(stderr, "*** test harness: this process runs on %s, "
			"not on the library under test, %s\n", path, want);
		_exit(T_WRONG_LIBRARY);
	}
	fclose(maps);
}

/*
 * make check T_TEST=pattern (test/run.sh passes it on): only the cmocka
 * tests whose names match the pattern (* and ?) run, the others are not
 * counted at all.
 */
__attribute__((constructor)) static void t_select_tests(void)
{
	const char *pattern = getenv("T_TEST");

	if (pattern && *pattern)
		cmocka_set_test_filter(pattern);
}
