/*
 * helper_exits: children whose end we know, reaped with wait4(2), whose
 * rusage and status are the oracle for the listener's exit records.
 *
 *	helper_exits kinds [n]
 *
 * kinds is a list of letters, each one child (n of them for 'm'):
 *	e  exits 3
 *	t  killed by SIGTERM while it waits
 *	b  burns 0.3 s of CPU, exits 0
 *	p  four threads burn 40 ms each and exit, then the main thread
 *	   burns 20 ms and exits 0
 *	u  under uid 65534 (as root), burns 10 ms, exits 0
 *	m  n processes (default 500) that burn 2-5 ms each, run 8 at a time
 *	f  n processes that exit at once, as fast as they can be forked
 *	   (a burst; at most 1000 unreaped), reaped as they end
 *	r  n processes that exit at once, one started every millisecond
 *	   (1,000 exits a second), reaped as they end
 * One line a child on standard output, once it is reaped:
 *	pid ppid uid wstatus user_us sys_us nthreads comm
 * Exit 0, or 1 with a message if a child could not be made.
 */
#define	_DEFAULT_SOURCE	/* wait4 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* What the burning adds up; volatile, so the loop is not optimised out. */
static volatile unsigned long sink;

/* Burn CPU until this thread has used us microseconds of it. */
static void
burn_us(long us)
{
	struct timespec ts;
	long long used;

	for (;;) {
		(void) clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
		used = (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
		if (used >= us)
			return;
		for (int i = 0; i < 10000; i++)
			sink += (unsigned long)i;
	}
}

static void *
thread_burn(void *arg)
{
	(void) arg;
	burn_us(40000);
	return (NULL);
}

static void
child(int kind, int i)
{
	pthread_t t[4];
	int k;

	switch (kind) {
	case 'e':
		_exit(3);
	case 't':
		for (;;)
			(void) pause();
	case 'b':
		burn_us(300000);
		_exit(0);
	case 'p':
		for (k = 0; k < 4; k++)
			if (pthread_create(&t[k], NULL, thread_burn, NULL) != 0)
				_exit(100);
		for (k = 0; k < 4; k++)
			(void) pthread_join(t[k], NULL);
		burn_us(20000);
		_exit(0);
	case 'u':
		if (getuid() == 0 && (setgid(65534) == -1 ||
		    setuid(65534) == -1))
			_exit(101);
		burn_us(10000);
		_exit(0);
	case 'm':
		burn_us(2000 + (i % 4) * 1000);
		_exit(0);
	case 'f':
	case 'r':
		_exit(0);
	default:
		_exit(102);
	}
}

static int
reap(pid_t want, int threads, const char *comm)
{
	struct rusage ru;
	int st;
	pid_t p;

	while ((p = wait4(want, &st, 0, &ru)) == -1 && errno == EINTR)
		;
	if (p == -1)
		return (-1);
	(void) printf("%ld %ld %ld %d %ld %ld %d %s\n", (long)p,
	    (long)getpid(), comm[0] == 'u' ? 65534L : (long)getuid(), st,
	    (long)ru.ru_utime.tv_sec * 1000000 + (long)ru.ru_utime.tv_usec,
	    (long)ru.ru_stime.tv_sec * 1000000 + (long)ru.ru_stime.tv_usec,
	    threads, comm);
	return (0);
}

int
main(int argc, char **argv)
{
	const char *k;
	pid_t pid, run[8];
	int n = argc > 2 ? atoi(argv[2]) : 500, i, j, nrun;

	if (argc < 2) {
		(void) fprintf(stderr, "usage: helper_exits kinds [n]\n");
		return (2);
	}
	(void) setvbuf(stdout, NULL, _IOLBF, 0);
	for (k = argv[1]; *k != '\0'; k++) {
		char comm[2] = { *k, '\0' };

		if (*k == 'r') {
			struct timespec at;

			(void) clock_gettime(CLOCK_MONOTONIC, &at);
			for (i = 0; i < n; i++) {
				at.tv_nsec += 1000000;
				if (at.tv_nsec >= 1000000000) {
					at.tv_nsec -= 1000000000;
					at.tv_sec++;
				}
				while (clock_nanosleep(CLOCK_MONOTONIC,
				    TIMER_ABSTIME, &at, NULL) == EINTR)
					;
				if ((pid = fork()) == -1) {
					perror("fork");
					return (1);
				}
				if (pid == 0)
					child('r', i);
				if (reap(pid, 1, comm) == -1)
					return (1);
			}
			continue;
		}
		if (*k == 'm' || *k == 'f') {
			/* 8 at a time (m), or as many as fork can make (f). */
			for (i = 0, nrun = 0; i < n || nrun > 0; ) {
				if (i < n && nrun < (*k == 'f' ? 1000 : 8)) {
					if ((pid = fork()) == -1) {
						perror("fork");
						return (1);
					}
					if (pid == 0)
						child(*k, i);
					i++;
					if (*k == 'm')
						run[nrun++] = pid;
					else
						nrun++;
					continue;
				}
				if (*k == 'm') {
					if (reap(run[0], 1, comm) == -1)
						return (1);
					for (j = 1; j < nrun; j++)
						run[j - 1] = run[j];
				} else if (reap(-1, 1, comm) == -1) {
					return (1);
				}
				nrun--;
			}
			continue;
		}
		if ((pid = fork()) == -1) {
			perror("fork");
			return (1);
		}
		if (pid == 0)
			child(*k, 0);
		if (*k == 't') {
			/* Let it reach pause(), then end it. */
			(void) usleep(50000);
			(void) kill(pid, SIGTERM);
		}
		if (reap(pid, *k == 'p' ? 5 : 1, comm) == -1)
			return (1);
	}
	return (0);
}
