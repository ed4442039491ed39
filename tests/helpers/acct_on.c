/*
 * acct_on.c: a Linux-only test helper for tests/sh/test_pacct_kernel.sh.
 *
 *	acct_on FILE	switch process accounting on, into FILE
 *	acct_on -o	switch it off
 *
 * and, run under a name of the test's choosing (a symbolic link, so that
 * its accounting record carries that command name), the processes whose
 * records the test checks, the steps done in this order:
 *
 *	-u ID		set gid and uid to ID (needs root)
 *	-b MS		burn MS milliseconds of user cpu
 *	-f		fork a child that exits 5 without exec, print its pid
 *	-p		wait for a signal (the test kills it)
 *	-x N		exit with status N
 *
 * When acct(2) is refused (not privileged, as in a container, or not
 * built into the kernel) it says "acct(2) refused: REASON" and exits 3,
 * so that the test can skip; any other failure exits 1.
 */
#define	_DEFAULT_SOURCE		/* acct(2) and setgroups(2) are not POSIX */

#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned long
number(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *s == '-') {
		(void) fprintf(stderr, "acct_on: bad number: %s\n", s);
		exit(1);
	}
	return (v);
}

static void
switch_acct(const char *file)
{
	if (acct(file) == 0)
		return;
	if (errno == EPERM || errno == ENOSYS) {
		(void) fprintf(stderr, "acct(2) refused: %s\n",
		    strerror(errno));
		exit(3);
	}
	(void) fprintf(stderr, "acct(2) failed: %s\n", strerror(errno));
	exit(1);
}

/* Spin until getrusage says this much user time was spent. */
static void
burn(unsigned long ms)
{
	struct rusage ru;
	volatile unsigned long spin = 0;
	unsigned long used;
	int i;

	do {
		for (i = 0; i < 100000; i++)
			spin++;
		if (getrusage(RUSAGE_SELF, &ru) == -1) {
			perror("acct_on: getrusage");
			exit(1);
		}
		used = (unsigned long)ru.ru_utime.tv_sec * 1000 +
		    (unsigned long)ru.ru_utime.tv_usec / 1000;
	} while (used < ms);
}

static void
fork_child(void)
{
	pid_t pid;
	int st;

	if ((pid = fork()) == -1) {
		perror("acct_on: fork");
		exit(1);
	}
	if (pid == 0)
		_exit(5);
	(void) printf("%ld\n", (long)pid);
	(void) fflush(stdout);
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		continue;
}

static void
become(unsigned long id)
{
	gid_t g = (gid_t)id;

	if (setgroups(1, &g) == -1 || setgid((gid_t)id) == -1 ||
	    setuid((uid_t)id) == -1) {
		perror("acct_on: set ids");
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	unsigned long burn_ms = 0, id = 0, code = 0;
	int c, off = 0, dofork = 0, dopause = 0, doid = 0;

	while ((c = getopt(argc, argv, "b:fopu:x:")) != -1) {
		switch (c) {
		case 'b':
			burn_ms = number(optarg);
			break;
		case 'f':
			dofork = 1;
			break;
		case 'o':
			off = 1;
			break;
		case 'p':
			dopause = 1;
			break;
		case 'u':
			id = number(optarg);
			doid = 1;
			break;
		case 'x':
			code = number(optarg);
			break;
		default:
			(void) fprintf(stderr, "usage: acct_on FILE | -o | "
			    "[-fp] [-b ms] [-u id] [-x status]\n");
			return (1);
		}
	}
	if (optind < argc)
		switch_acct(argv[optind]);
	if (off)
		switch_acct(NULL);
	if (doid)
		become(id);
	if (burn_ms > 0)
		burn(burn_ms);
	if (dofork)
		fork_child();
	if (dopause)
		(void) pause();
	return ((int)(code & 0xff));
}
