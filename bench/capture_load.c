/*
 * capture_load.c: the workload and the small tools of bench/capture.sh
 * (Linux only).
 *
 *	capture_load run SECS NSHORT SPREAD SHORTPATH STATFILE
 *		the workload, in a process group of its own (its id is the
 *		pid), for SECS seconds:
 *		- a burner, one long process: CAPTURE_BURN (from the
 *		  environment, default 100) percent of a CPU, as that many
 *		  ms of CPU in every 100 ms;
 *		- NSHORT short processes spread evenly over SPREAD seconds,
 *		  each a fork and exec of SHORTPATH (a link to this program
 *		  named capshort) that burns 5-30 ms of CPU and exits; their
 *		  rusage from wait4 is summed;
 *		- a process whose 3 threads burn 50 ms each and exit, every
 *		  second;
 *		- forked children (no exec) that burn 20-60 ms and exit,
 *		  every 400 ms.
 *		When all have ended it writes to STATFILE one line
 *		"short SPAWNED REAPED WAIT4_NS FAILED TOTAL_NS": the short
 *		processes started and reaped, the CPU (user + system, ns)
 *		wait4 gave for them, how many could not be started or did
 *		not exit 0, and the CPU of the whole workload (this process
 *		and all it waited for).  The pseudo-random sizes are the
 *		same every run.
 *	capshort MS	(this program under that name) burn MS ms of CPU,
 *		counted from the fork, and exit 0
 *	capture_load acct FILE | acct -
 *		switch process accounting on to FILE, or off; exit 3 if
 *		acct(2) is refused (no privilege, or not in the kernel)
 *	capture_load now	print the time of day in ns
 *	capture_load sleepto NS	sleep until the time of day is NS
 */
#define	_DEFAULT_SOURCE		/* acct(2) and wait4(2) are not POSIX */

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

#define	NS	1000000000LL

static long long
clock_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts) == -1) {
		perror("capture_load: clock_gettime");
		exit(1);
	}
	return ((long long)ts.tv_sec * NS + ts.tv_nsec);
}

static void
sleep_until(clockid_t id, long long t)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(t / NS);
	ts.tv_nsec = (long)(t % NS);
	while (clock_nanosleep(id, TIMER_ABSTIME, &ts, NULL) == EINTR)
		continue;
}

static long long deadline;	/* CLOCK_MONOTONIC */

/* Sleep ms milliseconds, or less to wake at the deadline. */
static void
sleep_ms(long ms)
{
	long long t = clock_ns(CLOCK_MONOTONIC) + ms * 1000000LL;

	sleep_until(CLOCK_MONOTONIC, t < deadline ? t : deadline);
}

/* Spin until the CPU clock id has advanced by ms milliseconds from base. */
static void
burn(clockid_t id, long long base, long ms)
{
	volatile unsigned long spin = 0;
	long long want = base + ms * 1000000LL;
	int i;

	while (clock_ns(id) < want)
		for (i = 0; i < 2000; i++)
			spin++;
}

/* A small deterministic generator, so that every run has the same sizes. */
static unsigned long rnd_state = 12345;

static long
rnd(long lo, long hi)
{
	rnd_state = rnd_state * 1103515245UL + 12345UL;
	return (lo + (long)((rnd_state >> 16) % (unsigned long)(hi - lo + 1)));
}

static void
burner(void)
{
	const char *e = getenv("CAPTURE_BURN");
	long pct = e != NULL ? strtol(e, NULL, 10) : 100;

	if (pct < 1 || pct > 100)
		pct = 100;
	while (clock_ns(CLOCK_MONOTONIC) < deadline) {
		burn(CLOCK_PROCESS_CPUTIME_ID,
		    clock_ns(CLOCK_PROCESS_CPUTIME_ID), pct);
		if (pct < 100)
			sleep_ms(100 - pct);
	}
}

static void *
thread_burn(void *arg)
{
	(void) arg;
	burn(CLOCK_THREAD_CPUTIME_ID, clock_ns(CLOCK_THREAD_CPUTIME_ID), 50);
	return (NULL);
}

static void
threads(void)
{
	pthread_t t[3];
	int i, n;

	while (clock_ns(CLOCK_MONOTONIC) < deadline) {
		for (n = 0; n < 3; n++)
			if (pthread_create(&t[n], NULL, thread_burn, NULL) != 0)
				break;
		for (i = 0; i < n; i++)
			(void) pthread_join(t[i], NULL);
		sleep_ms(1000);
	}
}

static void
forker(void)
{
	pid_t pid;
	long ms;
	int st;

	rnd_state = 777;
	while (clock_ns(CLOCK_MONOTONIC) < deadline) {
		ms = rnd(20, 60);
		if ((pid = fork()) == 0) {
			burn(CLOCK_PROCESS_CPUTIME_ID, 0, ms);
			_exit(0);
		}
		if (pid > 0)
			while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
				continue;
		sleep_ms(400);
	}
}

struct shortstat {
	long spawned, reaped, failed;
	long long cpu_ns;
};

/* User plus system time of a rusage, in ns. */
static long long
ru_ns(const struct rusage *ru)
{
	return (((long long)ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * NS +
	    ((long long)ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000);
}

static void
reaped(struct shortstat *s, int st, const struct rusage *ru)
{
	s->reaped++;
	s->cpu_ns += ru_ns(ru);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		s->failed++;
}

/* Start the short processes, reaping as they end; the helpers too. */
static void
spawner(long n, double spread, const char *path, pid_t *helpers, int nh,
    struct shortstat *s)
{
	struct rusage ru;
	char arg[32];
	long long start = clock_ns(CLOCK_MONOTONIC);
	pid_t pid;
	long i;
	int st, h;

	rnd_state = 4242;
	for (i = 0; i < n; i++) {
		sleep_until(CLOCK_MONOTONIC,
		    start + (long long)(spread * (double)NS * (double)i /
		    (double)n));
		while ((pid = wait4(-1, &st, WNOHANG, &ru)) > 0) {
			for (h = 0; h < nh && helpers[h] != pid; h++)
				continue;
			if (h < nh)
				helpers[h] = 0;
			else
				reaped(s, st, &ru);
		}
		(void) snprintf(arg, sizeof (arg), "%ld", rnd(5, 30));
		if ((pid = fork()) == 0) {
			(void) execl(path, "capshort", arg, (char *)NULL);
			_exit(127);
		}
		if (pid == -1)
			s->failed++;
		else
			s->spawned++;
	}
	while ((pid = wait4(-1, &st, 0, &ru)) > 0 || errno == EINTR) {
		if (pid <= 0)
			continue;
		for (h = 0; h < nh && helpers[h] != pid; h++)
			continue;
		if (h < nh)
			helpers[h] = 0;
		else
			reaped(s, st, &ru);
	}
}

static int
run(int argc, char **argv)
{
	void (*parts[3])(void) = { burner, threads, forker };
	struct shortstat s = { 0, 0, 0, 0 };
	struct rusage self, kids;
	pid_t helpers[3];
	FILE *fp;
	double secs, spread;
	long n;
	int i;

	if (argc != 7) {
		(void) fprintf(stderr, "usage: capture_load run SECS NSHORT "
		    "SPREAD SHORTPATH STATFILE\n");
		return (2);
	}
	secs = strtod(argv[2], NULL);
	n = strtol(argv[3], NULL, 10);
	spread = strtod(argv[4], NULL);
	if (setpgid(0, 0) == -1) {
		perror("capture_load: setpgid");
		return (1);
	}
	deadline = clock_ns(CLOCK_MONOTONIC) + (long long)(secs * (double)NS);
	for (i = 0; i < 3; i++) {
		if ((helpers[i] = fork()) == -1) {
			perror("capture_load: fork");
			(void) kill(0, SIGTERM);
			return (1);
		}
		if (helpers[i] == 0) {
			parts[i]();
			_exit(0);
		}
	}
	spawner(n, spread, argv[5], helpers, 3, &s);
	if (getrusage(RUSAGE_SELF, &self) == -1 ||
	    getrusage(RUSAGE_CHILDREN, &kids) == -1) {
		perror("capture_load: getrusage");
		return (1);
	}
	if ((fp = fopen(argv[6], "w")) == NULL ||
	    fprintf(fp, "short %ld %ld %lld %ld %lld\n", s.spawned, s.reaped,
	    s.cpu_ns, s.failed, ru_ns(&self) + ru_ns(&kids)) < 0 ||
	    fclose(fp) == EOF) {
		perror(argv[6]);
		return (1);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');

	base = base != NULL ? base + 1 : argv[0];
	if (strcmp(base, "capshort") == 0) {
		if (argc != 2)
			return (2);
		burn(CLOCK_PROCESS_CPUTIME_ID, 0, strtol(argv[1], NULL, 10));
		return (0);
	}
	if (argc >= 2 && strcmp(argv[1], "run") == 0)
		return (run(argc, argv));
	if (argc == 3 && strcmp(argv[1], "acct") == 0) {
		if (acct(strcmp(argv[2], "-") == 0 ? NULL : argv[2]) == 0)
			return (0);
		(void) fprintf(stderr, "acct(2) %s: %s\n", argv[2],
		    strerror(errno));
		return (errno == EPERM || errno == ENOSYS ? 3 : 1);
	}
	if (argc == 2 && strcmp(argv[1], "now") == 0) {
		(void) printf("%lld\n", clock_ns(CLOCK_REALTIME));
		return (0);
	}
	if (argc == 3 && strcmp(argv[1], "sleepto") == 0) {
		sleep_until(CLOCK_REALTIME, strtoll(argv[2], NULL, 10));
		return (0);
	}
	(void) fprintf(stderr, "usage: capture_load run SECS NSHORT SPREAD "
	    "SHORTPATH STATFILE | acct FILE|- | now | sleepto NS\n");
	return (2);
}
