/* SPDX-License-Identifier: MIT */
/*
 * What every test process does before main(), linked into each test
 * program beside helpers.o.
 */
#include <stdlib.h>
#include "helpers.h"

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
