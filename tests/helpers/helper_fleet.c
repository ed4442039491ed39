/*
 * helper_fleet.c: the exacct files of a small fleet, written in rounds as
 * a host's cron sweeps and exit listener would write them, for the tests
 * and the benchmark of the database loaders (contrib/postgresql,
 * contrib/clickhouse).
 *
 *	helper_fleet [-h hosts] [-p procs] [-s sweeps] [-R rotate] DIR FROM TO
 *
 * appends rounds FROM to TO (0-based, inclusive) to DIR/HOST/proc for
 * every host ("fleet-a", "fleet-b", ...; default 3 hosts).  A round is
 * SWEEPS sweeps (default 4), 300 s apart, of PROCS long-lived processes
 * (default 20, plus 10 more on each further host), with in every
 * interval:
 *   - five short processes that start after a sweep and exit before the
 *     next (exit records only), their pids taken from a pool of eight
 *     (4000000 on, apart from the long-lived ones' 100 + 3i) so that pids
 *     are reused, two of them twice in the same interval;
 *   - every third interval, one that is swept once and exits in the next;
 *   - now and then a long-lived process that exits, and a new process
 *     with the same pid that starts in the same interval (pid reuse);
 * then the sweep: a sweep record (complete, with the host's CPU
 * counters) and a partial record of every live process.  The records are
 * in time order; a round ends 40 s after its last sweep, so it holds the
 * first exits of the next interval too.  Before round ROTATE (default 5;
 * -1: never) DIR/HOST/proc is renamed to DIR/HOST/proc.0 and a new file
 * with a fresh header is begun, as logrotate does.
 *
 * The history is simulated from round 0 every time, so any call writes
 * the same bytes for the same rounds: the files of one call of 0..9 are
 * those of ten calls of one round each.  Times and counters are not
 * round numbers (CPU in ns), so that a value rounded anywhere shows.
 */
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exacct.h"
#include "records.h"

#define	NS		UINT64_C(1000000000)
#define	T0		UINT64_C(1764633600) /* 2025-12-02 UTC */
#define	STEP		(300 * NS)	/* between sweeps */
#define	MAXHOSTS	26
#define	NSHORT		5

struct proc {
	uint32_t	pid;
	uint64_t	start;		/* ns */
	uint64_t	usr, sys, minf, majf, ioch, vcx, icx, sig, syc;
	uint64_t	rss, wcpu;
	int		alive;
	const char	*cmd;
	uint32_t	uid;
};

struct host {
	char		name[16];
	char		dir[4096];
	char		path[4200];
	int		nlong;
	struct proc	*lp;		/* the long-lived processes */
	struct proc	span;		/* the one swept once, live */
	uint64_t	cpu[SWC_N];	/* the host's counters */
	uint64_t	off;		/* ns: its sweeps are late by it */
	int		fd;
};

static const char *cmds[] = {
	"postgres", "nginx", "java", "python3", "sshd", "cron", "rsyslogd",
	"node", "redis-server", "memcached", "make", "cc1", "gzip", "tar"
};

static uint64_t
mix(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t x = a * UINT64_C(0x9e3779b97f4a7c15) ^
	    b * UINT64_C(0xbf58476d1ce4e5b9) ^ c * UINT64_C(0x94d049bb133111eb);

	x ^= x >> 31;
	x *= UINT64_C(0xd6e8feb86659fd93);
	x ^= x >> 32;
	return (x);
}

static void
die(const char *what)
{
	(void) fprintf(stderr, "helper_fleet: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Usage of one process over dt ns, at step k. */
static void
use(struct host *h, struct proc *p, uint64_t k, uint64_t dt, uint64_t salt)
{
	uint64_t r = mix(p->pid, k, salt);
	uint64_t u = dt / 1000 * (r % 400) / 100;	/* up to 4% */
	uint64_t s = dt / 1000 * (r >> 20 & 127) / 100;

	p->usr += u + (r >> 8 & 0xffff);
	p->sys += s + (r >> 24 & 0xfff);
	p->minf += r >> 30 & 1023;
	p->majf += (r >> 40 & 15) == 0;
	p->ioch += r >> 12 & 0xfffff;
	p->vcx += r >> 36 & 255;
	p->icx += r >> 44 & 31;
	p->sig += (r >> 50 & 7) == 0;
	p->syc += r >> 16 & 0x3fff;
	p->rss = 1000 + (r >> 5 & 0xffff);
	p->wcpu += r >> 18 & 0xffffff;
	h->cpu[SWC_USER] += u + (r >> 8 & 0xffff) + (u >> 5);
	h->cpu[SWC_SYSTEM] += s + (r >> 24 & 0xfff);
	h->cpu[SWC_NICE] += r >> 10 & 0xff;
}

static void
emit_proc(struct ex_wbuf *w, const struct host *h, const struct proc *p,
    int final, uint64_t at)
{
	struct ex_proc e;
	size_t n;

	memset(&e, 0, sizeof (e));
	e.ep_kind = final ? EXK_FINAL : EXK_PARTIAL;
	e.ep_pid = p->pid;
	e.ep_uid = p->uid;
	e.ep_gid = p->uid + 1;
	e.ep_taskid = p->pid / 4;
	e.ep_projid = p->uid % 3;
	e.ep_ppid = 1;
	e.ep_start_sec = p->start / NS;
	e.ep_start_nsec = p->start % NS;
	e.ep_finish_sec = at / NS;
	e.ep_finish_nsec = at % NS;
	e.ep_user_sec = p->usr / NS;
	e.ep_user_nsec = p->usr % NS;
	e.ep_sys_sec = p->sys / NS;
	e.ep_sys_nsec = p->sys % NS;
	e.ep_majflt = p->majf;
	e.ep_minflt = p->minf;
	e.ep_ioch = p->ioch;
	e.ep_nvcsw = p->vcx;
	e.ep_nivcsw = p->icx;
	e.ep_signals = p->sig;
	e.ep_syscalls = p->syc;
	e.ep_rss_avg_k = p->rss;
	e.ep_rss_max_k = p->rss + 77;
	e.ep_wait_cpu = p->wcpu;
	e.ep_cpu_source = final ? EXCPU_EXACT : EXCPU_TICKS;
	n = strlen(p->cmd);
	memcpy(e.ep_command, p->cmd, n);
	e.ep_command_len = (uint16_t)n;
	n = strlen(h->name);
	memcpy(e.ep_hostname, h->name, n);
	e.ep_hostname_len = (uint16_t)n;
	memcpy(e.ep_zone, "global", 6);
	e.ep_zone_len = 6;
	e.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_UID) |
	    EX_BIT(EXD_PROC_GID) | EX_BIT(EXD_PROC_TASKID) |
	    EX_BIT(EXD_PROC_PROJID) | EX_BIT(EXD_PROC_HOSTNAME) |
	    EX_BIT(EXD_PROC_COMMAND) | EX_BIT(EXD_PROC_START_SEC) |
	    EX_BIT(EXD_PROC_START_NSEC) | EX_BIT(EXD_PROC_FINISH_SEC) |
	    EX_BIT(EXD_PROC_FINISH_NSEC) | EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC) | EX_BIT(EXD_PROC_CPU_SYS_SEC) |
	    EX_BIT(EXD_PROC_CPU_SYS_NSEC) | EX_BIT(EXD_PROC_FAULTS_MAJOR) |
	    EX_BIT(EXD_PROC_FAULTS_MINOR) | EX_BIT(EXD_PROC_CHARS_RDWR) |
	    EX_BIT(EXD_PROC_CONTEXT_VOL) | EX_BIT(EXD_PROC_CONTEXT_INV) |
	    EX_BIT(EXD_PROC_SIGNALS) | EX_BIT(EXD_PROC_SYSCALLS) |
	    EX_BIT(EXD_PROC_ANCPID) | EX_BIT(EXD_PROC_ZONENAME) |
	    EX_BIT(EXD_PROC_MEM_RSS_AVG_K) | EX_BIT(EXD_PROC_MEM_RSS_MAX_K) |
	    EX_BIT(EXD_PROC_WAIT_CPU) | EX_BIT(EXD_PROC_CPU_SOURCE);
	if (final) {
		e.ep_wstat = 0;
		e.ep_have |= EX_BIT(EXD_PROC_WAIT_STATUS);
	}
	rec_encode_proc(w, &e);
}

static void
emit_sweep(struct ex_wbuf *w, const struct host *h, uint64_t at, uint64_t n)
{
	struct ex_sweep sw;
	size_t len = strlen(h->name);
	int i;

	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_HOSTNAME) | EX_BIT(EXD_SWEEP_START) |
	    EX_BIT(EXD_SWEEP_END) | EX_BIT(EXD_SWEEP_NRECORDED) |
	    EX_BIT(EXD_SWEEP_NSKIPPED) | EX_BIT(EXD_SWEEP_NCPU) |
	    EX_BIT(EXD_SWEEP_PID);
	for (i = 0; i < SWC_N; i++)
		sw.sw_have |= EX_BIT(EXD_SWEEP_CPU_USER + i);
	memcpy(sw.sw_hostname, h->name, len);
	sw.sw_hostname_len = (uint16_t)len;
	sw.sw_start = at;
	sw.sw_end = at + (n + 1) * 1000;
	sw.sw_nrec = n;
	sw.sw_nskip = 0;
	sw.sw_ncpu = 2;
	sw.sw_pid = 99999;
	memcpy(sw.sw_cpu, h->cpu, sizeof (sw.sw_cpu));
	rec_encode_sweep(w, &sw);
}

/* An exit of interval k, to be sorted by time before it is written. */
struct ev {
	uint64_t	at;
	struct proc	p;
};

static int
evcmp(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	return (x->at < y->at ? -1 : x->at > y->at);
}

static void
flush(struct host *h, struct ex_wbuf *w)
{
	size_t off = 0;
	ssize_t n;

	while (off < w->wb_len) {
		n = write(h->fd, w->wb_buf + off, w->wb_len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die(h->path);
		}
		off += (size_t)n;
	}
	ex_w_reset(w);
}

static void
openfile(struct host *h, int fresh)
{
	struct ex_wbuf w;

	if (h->fd != -1 && close(h->fd) != 0)
		die(h->path);
	h->fd = open(h->path, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (h->fd == -1)
		die(h->path);
	if (fresh || lseek(h->fd, 0, SEEK_END) == 0) {
		ex_w_init(&w);
		ex_w_header(&w, "exdump", h->name);
		flush(h, &w);
		ex_w_free(&w);
	}
}

/*
 * The exits of interval k (from sweep k-1 to sweep k, which is at tk),
 * and the usage of the live processes until sweep k; the exits in evs,
 * in time order.  Their number.
 */
static int
interval(struct host *h, int hi, uint64_t k, uint64_t tk, struct ev *evs)
{
	uint64_t tp = tk - STEP;
	struct proc *p;
	struct ev *e;
	int nev = 0, s, i;

	for (s = 0; s < NSHORT; s++) {
		e = &evs[nev++];
		memset(&e->p, 0, sizeof (e->p));
		/* A pool of 8 pids: s 3 and 4 reuse those of s 0 and 1. */
		e->p.pid = 4000000 + (uint32_t)((k * 3 + (uint64_t)(s % 3)) %
		    8);
		e->p.start = tp + (uint64_t)(20 + s * 50) * NS +
		    mix(k, (uint64_t)s, 7) % NS;
		e->p.cmd = cmds[8 + (k + (uint64_t)s) % 6];
		e->p.uid = 2000 + (uint32_t)s;
		e->at = e->p.start + 15 * NS + mix(k, (uint64_t)s, 8) % NS;
		use(h, &e->p, k, 15 * NS, 9);
	}
	if (h->span.alive) {
		e = &evs[nev++];
		use(h, &h->span, k, 100 * NS, 10);
		e->p = h->span;
		e->at = tp + 100 * NS + 12345;
		h->span.alive = 0;
	}
	for (i = 0; i < h->nlong; i++) {
		p = &h->lp[i];
		if (k <= 2 || mix((uint64_t)hi, k, (uint64_t)i) % 23 != 0) {
			use(h, p, k, STEP, 13);
			continue;
		}
		/* It exits; a new process with the same pid starts. */
		e = &evs[nev++];
		use(h, p, k, 150 * NS, 11);
		e->p = *p;
		e->at = tp + 150 * NS + 777;
		memset(&p->usr, 0, sizeof (*p) - offsetof(struct proc, usr));
		p->alive = 1;
		p->start = tp + 160 * NS + 4242;
		p->cmd = cmds[(k + (uint64_t)i) % 8];
		p->uid = 1000 + (uint32_t)(i % 5);
		use(h, p, k, 140 * NS, 12);
	}
	if (k % 3 == 0) {
		memset(&h->span, 0, sizeof (h->span));
		h->span.pid = 4100000 + (uint32_t)(k % 4);
		h->span.start = tp + 250 * NS + 999;
		h->span.alive = 1;
		h->span.cmd = "backup";
		h->span.uid = 0;
		use(h, &h->span, k, 50 * NS, 14);
	}
	qsort(evs, (size_t)nev, sizeof (*evs), evcmp);
	return (nev);
}

/* Before round r's first record: the file, rotated if r is rotate. */
static void
begin_round(struct host *h, int r, int prev, int rotate, int from)
{
	char rot[4300];

	if (r == rotate && r != 0 && prev < rotate && from <= rotate) {
		if (snprintf(rot, sizeof (rot), "%s.0", h->path) >=
		    (int)sizeof (rot)) {
			errno = ENAMETOOLONG;
			die(h->path);
		}
		if (h->fd != -1)
			(void) close(h->fd);
		h->fd = -1;
		if (rename(h->path, rot) != 0 && errno != ENOENT)
			die(h->path);
		openfile(h, 1);
	} else if (h->fd == -1)
		openfile(h, 0);
}

/* The sweep at tk: its record and a partial record of every live one. */
static void
sweep(struct ex_wbuf *w, struct host *h, uint64_t tk)
{
	int c;

	emit_sweep(w, h, tk, (uint64_t)h->nlong + (h->span.alive ? 1 : 0));
	for (c = 0; c < h->nlong; c++)
		emit_proc(w, h, &h->lp[c], 0, tk + (uint64_t)(c + 1) * 1000);
	if (h->span.alive)
		emit_proc(w, h, &h->span, 0, tk + (uint64_t)(c + 1) * 1000);
}

int
main(int argc, char **argv)
{
	static struct host hosts[MAXHOSTS];
	struct ex_wbuf w;
	struct ev *evs;
	int nhosts = 3, nproc = 20, sweeps = 4, rotate = 5, from, to, c, i;
	int hi, nev, r, s;
	uint64_t k, nk, t, tk, first;

	while ((c = getopt(argc, argv, "h:p:s:R:")) != -1) {
		switch (c) {
		case 'h': nhosts = atoi(optarg); break;
		case 'p': nproc = atoi(optarg); break;
		case 's': sweeps = atoi(optarg); break;
		case 'R': rotate = atoi(optarg); break;
		default: goto usage;
		}
	}
	if (argc - optind != 3 || nhosts < 1 || nhosts > MAXHOSTS ||
	    nproc < 1 || sweeps < 1) {
usage:
		(void) fprintf(stderr, "usage: helper_fleet [-h hosts] "
		    "[-p procs] [-s sweeps] [-R rotate] DIR FROM TO\n");
		return (2);
	}
	from = atoi(argv[optind + 1]);
	to = atoi(argv[optind + 2]);
	nk = (uint64_t)(to + 1) * (uint64_t)sweeps;
	evs = malloc((size_t)(NSHORT + 1 + nproc + 10 * MAXHOSTS) *
	    sizeof (*evs));
	if (evs == NULL)
		die("malloc");
	ex_w_init(&w);
	for (hi = 0; hi < nhosts; hi++) {
		struct host *h = &hosts[hi];

		(void) snprintf(h->name, sizeof (h->name), "fleet-%c",
		    'a' + hi);
		if (snprintf(h->dir, sizeof (h->dir), "%s/%s", argv[optind],
		    h->name) >= (int)sizeof (h->dir) ||
		    snprintf(h->path, sizeof (h->path), "%s/proc", h->dir) >=
		    (int)sizeof (h->path)) {
			errno = ENAMETOOLONG;
			die(argv[optind]);
		}
		if (mkdir(h->dir, 0755) != 0 && errno != EEXIST)
			die(h->dir);
		h->fd = -1;
		h->off = (uint64_t)hi * 7 * NS + 500000000;
		h->nlong = nproc + 10 * hi;
		h->lp = calloc((size_t)h->nlong, sizeof (*h->lp));
		if (h->lp == NULL)
			die("calloc");
		for (i = 0; i < h->nlong; i++) {
			h->lp[i].pid = 100 + (uint32_t)i * 3;
			h->lp[i].start = (T0 - 86400) * NS +
			    mix((uint64_t)hi, (uint64_t)i, 1) % (3600 * NS);
			h->lp[i].alive = 1;
			h->lp[i].cmd = cmds[i % 8];
			h->lp[i].uid = 1000 + (uint32_t)(i % 5);
		}
	}
	/*
	 * Sweep k is at T0 + k * STEP + off; interval k runs from sweep k-1
	 * to sweep k.  Round r >= 1 holds what happened from 40 s after
	 * sweep r * sweeps - 1 to 40 s after sweep (r + 1) * sweeps - 1.
	 * One sweep more than the rounds hold is simulated, for the exits
	 * of the 40 s after the last.
	 */
	for (hi = 0; hi < nhosts; hi++) {
		struct host *h = &hosts[hi];

		first = T0 * NS + h->off;
		r = -1;
		for (k = 0; k <= nk; k++) {
			tk = first + k * STEP;
			nev = k > 0 ? interval(h, hi, k, tk, evs) : 0;
			h->cpu[SWC_IDLE] += STEP / 3;
			h->cpu[SWC_IOWAIT] += 12345678;
			h->cpu[SWC_IRQ] += 1234567;
			h->cpu[SWC_SOFTIRQ] += 2345678;
			/* The exits, then (i == nev) the sweep. */
			for (i = 0; i <= nev; i++) {
				t = i < nev ? evs[i].at : tk;
				s = (int)((t + STEP - first - 40 * NS) / STEP /
				    (uint64_t)sweeps);
				if (s > to)
					break;
				if (s < from)
					continue;
				if (s != r) {
					if (r != -1)
						flush(h, &w);
					begin_round(h, s, r, rotate, from);
					r = s;
				}
				if (i < nev)
					emit_proc(&w, h, &evs[i].p, 1, t);
				else
					sweep(&w, h, tk);
				if (w.wb_len > (1u << 22))
					flush(h, &w);
			}
		}
		if (h->fd != -1) {
			flush(h, &w);
			if (close(h->fd) != 0)
				die(h->path);
			h->fd = -1;
		}
	}
	if (w.wb_err != 0) {
		errno = w.wb_err;
		die("encode");
	}
	ex_w_free(&w);
	free(evs);
	return (0);
}
