/* SPDX-License-Identifier: MIT */
#ifndef ORACLE_H
#define ORACLE_H

/*
 * Shared by the differential oracle's scenario programs.  Each program is
 * compiled twice: with ORACLE_OURS against this tree's headers and
 * library, and with ORACLE_SYSTEM against the system's liburing (Debian's
 * 2.3).  Both print the same canonical lines -- what a program can see --
 * and test/oracle.sh compares them.  Only what liburing 2.3 has is used,
 * so that the system build compiles.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <liburing.h>

#if !defined(ORACLE_OURS) && !defined(ORACLE_SYSTEM)
#error "build with -DORACLE_OURS or -DORACLE_SYSTEM"
#endif

/* errno before every call: a library that sets errno shows it. */
#define ORACLE_ERRNO_MARK 4242

static inline void o_errno_mark(void)
{
	errno = ORACLE_ERRNO_MARK;
}

/* "kept", or the value a call left in errno. */
static inline const char *o_errno(void)
{
	static char buf[32];

	if (errno == ORACLE_ERRNO_MARK)
		return "kept";
	snprintf(buf, sizeof(buf), "%d", errno);
	return buf;
}

/*
 * The library the program runs on must be the one it was built for: the
 * build directory's liburing.so.2 for ours (rpath), anything else named
 * liburing.so.2* for the system's.  LD_LIBRARY_PATH or a stale rpath
 * would otherwise make both runs test one library and agree trivially.
 */
static inline void o_check_library(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[4096], found[4096] = "";

	if (!f) {
		perror("oracle: /proc/self/maps");
		exit(2);
	}
	while (fgets(line, sizeof(line), f)) {
		char *path = strchr(line, '/');

		if (!path || !strstr(path, "/liburing.so"))
			continue;
		path[strcspn(path, "\n")] = 0;
		snprintf(found, sizeof(found), "%s", path);
		break;
	}
	fclose(f);
#ifdef ORACLE_OURS
	if (strcmp(found, ORACLE_OURS_LIB) != 0) {
		fprintf(stderr, "oracle: ours runs on '%s', not %s\n",
			found, ORACLE_OURS_LIB);
		exit(2);
	}
#else
	if (!found[0] || strcmp(found, ORACLE_OURS_LIB) == 0) {
		fprintf(stderr, "oracle: system build runs on '%s'\n", found);
		exit(2);
	}
#endif
	fprintf(stderr, "oracle: library %s\n", found);
}

/*
 * Runs fn in a child under an alarm, so that a call that never returns
 * shows as one line ("hang") and the other scenarios still run.
 */
static inline void o_scenario(const char *name, void (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (pid == 0) {
		alarm(5);
		fn();
		fflush(stdout);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("waitpid");
		exit(2);
	}
	if (WIFSIGNALED(status))
		printf("%s: killed by signal %d%s\n", name, WTERMSIG(status),
		       WTERMSIG(status) == SIGALRM ? " (hang)" : "");
	else if (WEXITSTATUS(status))
		printf("%s: exit %d\n", name, WEXITSTATUS(status));
}

#endif
