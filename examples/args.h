/* SPDX-License-Identifier: MIT */
/*
 * args.h: the command-line conventions every example follows, kept in
 * one place so that each example's own file is about io_uring.
 *
 *   --help (or -h)      the usage line on stdout, exit 0
 *   a bad argument      what was wrong and the usage line on stderr, exit 2
 *   the work failed     a message naming the file or peer, exit 1
 *
 * Numbers are parsed whole and range-checked: "70000" is not a port and
 * "abc" is not 0.
 */
#ifndef EXAMPLES_ARGS_H
#define EXAMPLES_ARGS_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXIT_USAGE	2

/* The usage text of the example, "%s" standing for its name. */
static const char *usage_text;

static inline void usage_exit(const char *prog, int status)
{
	fprintf(status ? stderr : stdout, usage_text, prog, prog);
	exit(status);
}

/* Leaves through usage_exit() when argv holds --help or -h. */
static inline void help_check(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			usage_exit(argv[0], 0);
	}
}

/*
 * For the examples that take only operands: refuses any option, and
 * returns the index of the first operand ("--" ends the options, for a
 * file whose name starts with a dash).
 */
static inline int operands(int argc, char *argv[])
{
	if (getopt(argc, argv, "") != -1)
		usage_exit(argv[0], EXIT_USAGE);
	return optind;
}

/* Says what was wrong with the arguments and exits with EXIT_USAGE. */
static inline void bad_args(const char *prog, const char *why)
{
	fprintf(stderr, "%s: %s\n", prog, why);
	usage_exit(prog, EXIT_USAGE);
}

/*
 * The value of option -OPT, a whole decimal number from min to max;
 * anything else ends the program with EXIT_USAGE.
 */
static inline long num_arg(const char *prog, char opt, const char *s,
		    long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "%s: -%c %s: not a number from %ld to %ld\n",
			prog, opt, s, min, max);
		usage_exit(prog, EXIT_USAGE);
	}
	return v;
}

#endif
