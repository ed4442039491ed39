/*
 * runstat.c: run one command and say how long it took and how much memory
 * it held at its peak, for bench/bench.sh.
 *
 *	runstat RESULT command [arg ...]
 *
 * writes "WALL_NS PEAK_RSS_KB EXIT_STATUS CPU_NS" to the file RESULT and
 * exits as the command did (CPU_NS: user plus system time, which varies
 * less than the wall time when other work shares the machine).  The
 * command keeps runstat's standard streams.
 * One tool gives both figures from the same run, with a finer clock than
 * GNU time's centiseconds, and it builds wherever the project builds.
 * Peak RSS is the children's ru_maxrss: runstat waits for one child only,
 * so it is that child's.  Linux and the BSDs give it in KB; illumos in
 * pages, which the script then says.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
now_ns(void)
{
	struct timespec ts;

	(void) clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec * 1e9 + (double)ts.tv_nsec);
}

static double
tv_ns(const struct timeval *tv)
{
	return ((double)tv->tv_sec * 1e9 + (double)tv->tv_usec * 1e3);
}

int
main(int argc, char *argv[])
{
	struct rusage ru;
	double t0, t1;
	FILE *fp;
	pid_t pid;
	int st, code;

	if (argc < 3) {
		(void) fprintf(stderr, "usage: runstat result command "
		    "[arg ...]\n");
		return (2);
	}
	t0 = now_ns();
	if ((pid = fork()) == -1) {
		(void) fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
		return (2);
	}
	if (pid == 0) {
		(void) execvp(argv[2], argv + 2);
		(void) fprintf(stderr, "runstat: %s: %s\n", argv[2],
		    strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1) {
		if (errno != EINTR) {
			(void) fprintf(stderr, "runstat: waitpid: %s\n",
			    strerror(errno));
			return (2);
		}
	}
	t1 = now_ns();
	if (getrusage(RUSAGE_CHILDREN, &ru) == -1) {
		(void) fprintf(stderr, "runstat: getrusage: %s\n",
		    strerror(errno));
		return (2);
	}
	code = WIFEXITED(st) ? WEXITSTATUS(st) :
	    WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 255;
	if ((fp = fopen(argv[1], "w")) == NULL) {
		(void) fprintf(stderr, "runstat: %s: %s\n", argv[1],
		    strerror(errno));
		return (2);
	}
	(void) fprintf(fp, "%.0f %ld %d %.0f\n", t1 - t0, (long)ru.ru_maxrss,
	    code, tv_ns(&ru.ru_utime) + tv_ns(&ru.ru_stime));
	if (fclose(fp) == EOF) {
		(void) fprintf(stderr, "runstat: %s: %s\n", argv[1],
		    strerror(errno));
		return (2);
	}
	return (code);
}
