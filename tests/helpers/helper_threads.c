/*
 * helper_threads: a multi-threaded child for the sweep tests.
 *
 *	helper_threads NTHREADS BYTES STATEFILE
 *
 * First it forks a child that reads 32 MiB and reaps it: the kernel adds
 * that to this process's /proc/PID/io, which the sweep must not count.
 * Then NTHREADS threads each read BYTES from /dev/zero, write BYTES to
 * /dev/null and sleep 20 times (voluntary context switches), and wait.
 * STATEFILE gets "ready" then.  On SIGUSR1 the threads exit and are
 * joined, and STATEFILE gets "joined"; then it sleeps until killed.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define	MAXTHREADS	64
#define	CHUNK		65536

static pthread_mutex_t	mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	cv = PTHREAD_COND_INITIALIZER;
static int		ndone, release;
static size_t		nbytes;

static void
fail(const char *what)
{
	perror(what);
	exit(1);
}

/* Move n bytes from in to out (NULL: read only). */
static void
copy(int in, int out, size_t n)
{
	static char junk[CHUNK];
	char buf[CHUNK];
	ssize_t r;
	size_t k;

	while (n > 0) {
		k = n < CHUNK ? n : CHUNK;
		if (in != -1) {
			if ((r = read(in, buf, k)) <= 0)
				fail("read");
		} else if ((r = write(out, junk, k)) <= 0) {
			fail("write");
		}
		n -= (size_t)r;
	}
}

static void *
worker(void *arg)
{
	struct timespec ts = { 0, 2000000 };
	int z, nul = -1, i;

	(void) arg;
	if ((z = open("/dev/zero", O_RDONLY)) == -1 ||
	    (nul = open("/dev/null", O_WRONLY)) == -1)
		fail("open");
	copy(z, -1, nbytes);
	copy(-1, nul, nbytes);
	(void) close(z);
	(void) close(nul);
	for (i = 0; i < 20; i++)
		(void) nanosleep(&ts, NULL);
	(void) pthread_mutex_lock(&mu);
	ndone++;
	(void) pthread_cond_broadcast(&cv);
	while (!release)
		(void) pthread_cond_wait(&cv, &mu);
	(void) pthread_mutex_unlock(&mu);
	return (NULL);
}

static void
state(const char *path, const char *s)
{
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644)) == -1 ||
	    write(fd, s, strlen(s)) != (ssize_t)strlen(s) || close(fd) == -1)
		fail(path);
}

int
main(int argc, char *argv[])
{
	pthread_t t[MAXTHREADS];
	sigset_t set;
	pid_t pid;
	int n, i, sig, z;

	if (argc != 4 || (n = atoi(argv[1])) < 1 || n > MAXTHREADS) {
		(void) fprintf(stderr,
		    "usage: helper_threads NTHREADS BYTES STATEFILE\n");
		return (2);
	}
	nbytes = (size_t)strtoul(argv[2], NULL, 10);
	if ((pid = fork()) == -1)
		fail("fork");
	if (pid == 0) {
		if ((z = open("/dev/zero", O_RDONLY)) == -1)
			fail("open");
		copy(z, -1, 32u << 20);
		_exit(0);
	}
	if (waitpid(pid, NULL, 0) != pid)
		fail("waitpid");
	/* SIGUSR1 is taken by sigwait() alone: block it in every thread. */
	(void) sigemptyset(&set);
	(void) sigaddset(&set, SIGUSR1);
	(void) pthread_sigmask(SIG_BLOCK, &set, NULL);
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, worker, NULL) != 0)
			fail("pthread_create");
	(void) pthread_mutex_lock(&mu);
	while (ndone < n)
		(void) pthread_cond_wait(&cv, &mu);
	(void) pthread_mutex_unlock(&mu);
	state(argv[3], "ready\n");
	if (sigwait(&set, &sig) != 0)
		fail("sigwait");
	(void) pthread_mutex_lock(&mu);
	release = 1;
	(void) pthread_cond_broadcast(&cv);
	(void) pthread_mutex_unlock(&mu);
	for (i = 0; i < n; i++)
		(void) pthread_join(t[i], NULL);
	state(argv[3], "joined\n");
	for (;;)
		(void) pause();
}
