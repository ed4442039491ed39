/*
 * exitrec_linux.c: a process's final record from its threads' exit
 * notifications (see exitrec.h).
 *
 * The record is what the illumos kernel writes at exit (group proc),
 * from what taskstats gives, and nothing else: no tty, no zone, no
 * project (taskstats has none of them), rather than a 0 that would be
 * read as a value.  CPU is the scheduler's run time in ns where the
 * kernel gives it (the cpu_run_virtual_total of its scheduling
 * statistics, which it fills whenever it keeps them), split into user
 * and system in the ratio of the tick-sampled utime and stime, as the
 * kernel splits it for getrusage; else the sampled values.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exitrec.h"

#define	XR_NS		UINT64_C(1000000000)
#define	XR_SAME_NS	UINT64_C(50000000)	/* one process's two starts */

/* Presence bits, as the record's have mask takes them. */
#define	B(id)		EX_BIT(id)

uint64_t
xr_muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t q = a / c, r = a % c, lo, hi, mid, x, top;
	int k;

	/* a * b / c = q * b + r * b / c, with r < c. */
	if (b == 0)
		return (0);
	if (q > UINT64_MAX / b)
		return (UINT64_MAX);	/* the quotient does not fit */
	if (r <= UINT64_MAX / b) {
		x = r * b / c;
	} else {
		/*
		 * Large values (seconds of CPU in ns): r * b exactly, in 128
		 * bits (hi, lo), divided by c a bit at a time.  hi < c
		 * (r < c), so the quotient fits; a long double would round
		 * it, either way.
		 */
		mid = (r & 0xffffffff) * (b >> 32);
		x = (r >> 32) * (b & 0xffffffff);
		lo = (r & 0xffffffff) * (b & 0xffffffff);
		hi = (r >> 32) * (b >> 32) + (mid >> 32) + (x >> 32);
		mid = (lo >> 32) + (mid & 0xffffffff) + (x & 0xffffffff);
		lo = (lo & 0xffffffff) | mid << 32;
		hi += mid >> 32;
		for (k = 0, x = 0; k < 64; k++) {
			top = hi >> 63;
			hi = hi << 1 | lo >> 63;
			lo <<= 1;
			x <<= 1;
			if (top || hi >= c) {
				hi -= c;
				x |= 1;
			}
		}
	}
	return (q * b > UINT64_MAX - x ? UINT64_MAX : q * b + x);
}

int
xr_init(struct xr *x, const char *host)
{
	memset(x, 0, sizeof (*x));
	if ((x->xr_tab = calloc(XR_SLOTS, sizeof (*x->xr_tab))) == NULL)
		return (-1);
	x->xr_host = host;
	return (0);
}

void
xr_free(struct xr *x)
{
	free(x->xr_tab);
	x->xr_tab = NULL;
}

static size_t
slot_of(uint32_t tgid)
{
	/* Fibonacci hashing: pids come in runs. */
	return ((size_t)((tgid * UINT32_C(2654435769)) >> 19) &
	    (XR_SLOTS - 1));
}

static struct xr_pend *
find(struct xr *x, uint32_t tgid)
{
	size_t i, k;

	for (i = slot_of(tgid), k = 0; k < XR_SLOTS; k++,
	    i = (i + 1) & (XR_SLOTS - 1)) {
		if (x->xr_tab[i].xp_tgid == tgid)
			return (&x->xr_tab[i]);
		if (x->xr_tab[i].xp_tgid == 0)
			return (NULL);
	}
	return (NULL);
}

/* Free slot p, moving back the entries after it (linear probing). */
static void
release(struct xr *x, struct xr_pend *p)
{
	size_t i = (size_t)(p - x->xr_tab), j = i, h;

	for (;;) {
		j = (j + 1) & (XR_SLOTS - 1);
		if (x->xr_tab[j].xp_tgid == 0)
			break;
		h = slot_of(x->xr_tab[j].xp_tgid);
		/* Entry j may move to i if i lies on its way from h to j. */
		if ((j > i && (h <= i || h > j)) || (j < i && h <= i &&
		    h > j)) {
			x->xr_tab[i] = x->xr_tab[j];
			i = j;
		}
	}
	memset(&x->xr_tab[i], 0, sizeof (x->xr_tab[i]));
	x->xr_used--;
}

static struct xr_pend *
insert(struct xr *x, uint32_t tgid)
{
	size_t i;

	/* At most three quarters full, so every probe ends soon. */
	if (x->xr_used >= XR_MAXPROCS)
		return (NULL);
	for (i = slot_of(tgid); x->xr_tab[i].xp_tgid != 0;
	    i = (i + 1) & (XR_SLOTS - 1))
		;
	memset(&x->xr_tab[i], 0, sizeof (x->xr_tab[i]));
	x->xr_tab[i].xp_tgid = tgid;
	x->xr_tab[i].xp_sched = 1;
	x->xr_used++;
	return (&x->xr_tab[i]);
}

size_t
xr_expire(struct xr *x, int (*alive)(void *, uint32_t), void *arg)
{
	size_t i, n = 0;

	for (i = 0; i < XR_SLOTS; ) {
		if (x->xr_tab[i].xp_tgid != 0 &&
		    !alive(arg, x->xr_tab[i].xp_tgid)) {
			/* release() may move another entry into slot i. */
			release(x, &x->xr_tab[i]);
			x->xr_st.xs_stale++;
			n++;
			continue;
		}
		i++;
	}
	return (n);
}

static uint64_t
sat_add(uint64_t a, uint64_t b)
{
	return (a > UINT64_MAX - b ? UINT64_MAX : a + b);
}

static uint64_t
us_ns(uint64_t us)
{
	return (us > UINT64_MAX / 1000 ? UINT64_MAX : us * 1000);
}

/* Waits a thread cannot have had: longer than its life. */
#define	XW_CPU		0x1
#define	XW_BLKIO	0x2
#define	XW_SWAPIN	0x4
#define	XW_RECLAIM	0x8

/*
 * Add one thread's statistics to the sums.  A wait longer than the
 * thread's life is the kernel's artefact (delay accounting switched on
 * in the middle of a wait counts from the boot), not a figure: that
 * wait is left out of the process's record.
 */
static void
add_thread(struct xr_pend *p, const struct ts_stats *s)
{
	uint64_t life = us_ns(s->ts_etime_us) + UINT64_C(1000000);

	if (s->ts_cpu_delay > life)
		p->xp_waitbad |= XW_CPU;
	if (s->ts_blkio_delay > life)
		p->xp_waitbad |= XW_BLKIO;
	if (s->ts_swapin_delay > life)
		p->xp_waitbad |= XW_SWAPIN;
	if (s->ts_freepages_delay > life)
		p->xp_waitbad |= XW_RECLAIM;
	p->xp_nthreads++;
	p->xp_utime_us = sat_add(p->xp_utime_us, s->ts_utime_us);
	p->xp_stime_us = sat_add(p->xp_stime_us, s->ts_stime_us);
	/* A thread that never ran has a count of 0 with or without info. */
	if (s->ts_cpu_count == 0 && s->ts_run_virtual == 0 &&
	    (s->ts_utime_us | s->ts_stime_us) != 0)
		p->xp_sched = 0;
	p->xp_run = sat_add(p->xp_run, s->ts_run_virtual);
	p->xp_cpu_delay = sat_add(p->xp_cpu_delay, s->ts_cpu_delay);
	p->xp_blkio = sat_add(p->xp_blkio, s->ts_blkio_delay);
	p->xp_swapin = sat_add(p->xp_swapin, s->ts_swapin_delay);
	p->xp_reclaim = sat_add(p->xp_reclaim, s->ts_freepages_delay);
	p->xp_minflt = sat_add(p->xp_minflt, s->ts_minflt);
	p->xp_majflt = sat_add(p->xp_majflt, s->ts_majflt);
	p->xp_chars = sat_add(p->xp_chars, sat_add(s->ts_read_char,
	    s->ts_write_char));
	p->xp_nvcsw = sat_add(p->xp_nvcsw, s->ts_nvcsw);
	p->xp_nivcsw = sat_add(p->xp_nivcsw, s->ts_nivcsw);
	p->xp_coremem = sat_add(p->xp_coremem, s->ts_coremem);
	/* One address space: its high-water mark, whichever thread saw it. */
	if (s->ts_hiwater_rss_k > p->xp_hiwater_k)
		p->xp_hiwater_k = s->ts_hiwater_rss_k;
}

/* The process's id, and its start (ns) given the receive time. */
static uint32_t
tgid_of(const struct ts_msg *m)
{
	const struct ts_stats *s = &m->tm_stats;

	if (s->ts_have & TSH_TGID)
		return (s->ts_tgid);
	return (m->tm_have_tgid ? m->tm_tgid : s->ts_pid);
}

static uint64_t
start_of(const struct ts_msg *m, uint64_t now)
{
	const struct ts_stats *s = &m->tm_stats;
	uint64_t el;

	if (s->ts_have & TSH_TGID) {
		el = us_ns(s->ts_tgetime_us);
		return (el < now ? now - el : 0);
	}
	/* An older kernel: the begin time in whole seconds. */
	return (s->ts_btime > UINT64_MAX / XR_NS ? UINT64_MAX :
	    s->ts_btime * XR_NS);
}

static void
put_ns(uint64_t ns, uint64_t *sec, uint64_t *nsec)
{
	*sec = ns / XR_NS;
	*nsec = ns % XR_NS;
}

static void
put_cmd(struct ex_proc *r, const char *comm)
{
	size_t n = strlen(comm);

	if (n > EX_COMMAND_MAX - 1)
		n = EX_COMMAND_MAX - 1;
	memcpy(r->ep_command, comm, n);
	r->ep_command[n] = '\0';
	r->ep_command_len = (uint16_t)n;
	r->ep_have |= B(EXD_PROC_COMMAND);
}

/* The final record from the sums (this thread's included) and m. */
static void
make_record(struct xr *x, const struct xr_pend *p, const struct ts_msg *m,
    uint64_t now, int delayacct, struct ex_proc *r)
{
	const struct ts_stats *s = &m->tm_stats;
	const struct ts_stats *tg = m->tm_have_tgid ? &m->tm_tg : NULL;
	uint64_t ut = us_ns(p->xp_utime_us), st = us_ns(p->xp_stime_us);
	uint64_t run = p->xp_run, cwait = p->xp_cpu_delay, start, u;
	int exact = p->xp_sched;
	size_t n;

	memset(r, 0, sizeof (*r));
	r->ep_kind = EXK_FINAL;
	r->ep_pid = tgid_of(m);
	r->ep_uid = s->ts_uid;
	r->ep_gid = s->ts_gid;
	r->ep_ppid = s->ts_ppid;
	r->ep_have |= B(EXD_PROC_PID) | B(EXD_PROC_UID) | B(EXD_PROC_GID) |
	    B(EXD_PROC_ANCPID);
	/*
	 * The thread group's own sums cover what ours cannot: threads that
	 * exited before the listener started, or whose notification was
	 * dropped.  Where they are larger, they are the truer figure.
	 */
	if (tg != NULL) {
		if (sat_add(us_ns(tg->ts_utime_us), us_ns(tg->ts_stime_us)) >
		    sat_add(ut, st)) {
			ut = us_ns(tg->ts_utime_us);
			st = us_ns(tg->ts_stime_us);
		}
		if (tg->ts_run_virtual > run)
			run = tg->ts_run_virtual;
		if (tg->ts_cpu_delay > cwait)
			cwait = tg->ts_cpu_delay;
	}
	if (exact) {
		/* cputime_adjust: all to one side when the other is 0. */
		u = st == 0 ? run : ut == 0 ? 0 : xr_muldiv(run, ut,
		    sat_add(ut, st));
		if (u > run)
			u = run;
		ut = u;
		st = run - u;
		r->ep_cpu_source = EXCPU_EXACT;
	} else {
		r->ep_cpu_source = EXCPU_SAMPLED;
	}
	r->ep_have |= B(EXD_PROC_CPU_SOURCE);
	put_ns(ut, &r->ep_user_sec, &r->ep_user_nsec);
	put_ns(st, &r->ep_sys_sec, &r->ep_sys_nsec);
	r->ep_have |= B(EXD_PROC_CPU_USER_SEC) | B(EXD_PROC_CPU_USER_NSEC) |
	    B(EXD_PROC_CPU_SYS_SEC) | B(EXD_PROC_CPU_SYS_NSEC);
	/* The last thread's figure: the process's elapsed time at its end. */
	start = start_of(m, now);
	if (start > now)
		start = now;
	put_ns(start, &r->ep_start_sec, &r->ep_start_nsec);
	put_ns(now, &r->ep_finish_sec, &r->ep_finish_nsec);
	r->ep_have |= B(EXD_PROC_START_SEC) | B(EXD_PROC_START_NSEC) |
	    B(EXD_PROC_FINISH_SEC) | B(EXD_PROC_FINISH_NSEC);
	put_cmd(r, p->xp_have_comm ? p->xp_comm : s->ts_comm);
	if (x->xr_host != NULL && (n = strlen(x->xr_host)) > 0 &&
	    n < EX_HOST_MAX) {
		memcpy(r->ep_hostname, x->xr_host, n + 1);
		r->ep_hostname_len = (uint16_t)n;
		r->ep_have |= B(EXD_PROC_HOSTNAME);
	}
	r->ep_majflt = p->xp_majflt;
	r->ep_minflt = p->xp_minflt;
	r->ep_have |= B(EXD_PROC_FAULTS_MAJOR) | B(EXD_PROC_FAULTS_MINOR);
	if (s->ts_have & TSH_XACCT) {
		r->ep_ioch = p->xp_chars;
		r->ep_rss_max_k = p->xp_hiwater_k;
		r->ep_have |= B(EXD_PROC_CHARS_RDWR) |
		    B(EXD_PROC_MEM_RSS_MAX_K);
		/*
		 * coremem is in units of 1024 KiB x us of CPU (tsacct.c:
		 * pages x ns / 1024 x PAGE_SIZE / (1000 x 1024)).
		 */
		u = sat_add(p->xp_utime_us, p->xp_stime_us);
		if (u > 0) {
			r->ep_rss_avg_k = xr_muldiv(p->xp_coremem, 1024, u);
			r->ep_have |= B(EXD_PROC_MEM_RSS_AVG_K);
		}
	}
	if (s->ts_have & TSH_CSW) {
		r->ep_nvcsw = p->xp_nvcsw;
		r->ep_nivcsw = p->xp_nivcsw;
		r->ep_have |= B(EXD_PROC_CONTEXT_VOL) | B(EXD_PROC_CONTEXT_INV);
	}
	r->ep_flags = ((s->ts_flag & TS_AFORK) ? 0x1 : 0) |
	    ((s->ts_flag & TS_ASU) ? 0x2 : 0);
	r->ep_wstat = s->ts_exitcode;
	r->ep_have |= B(EXD_PROC_ACCT_FLAGS) | B(EXD_PROC_WAIT_STATUS);
	if (exact && !(p->xp_waitbad & XW_CPU)) {
		r->ep_wait_cpu = cwait;
		r->ep_have |= B(EXD_PROC_WAIT_CPU);
	}
	if (delayacct) {
		r->ep_wait_blkio = p->xp_blkio;
		r->ep_wait_swapin = p->xp_swapin;
		r->ep_wait_reclaim = p->xp_reclaim;
		if (tg != NULL) {
			if (tg->ts_blkio_delay > r->ep_wait_blkio)
				r->ep_wait_blkio = tg->ts_blkio_delay;
			if (tg->ts_swapin_delay > r->ep_wait_swapin)
				r->ep_wait_swapin = tg->ts_swapin_delay;
			if (tg->ts_freepages_delay > r->ep_wait_reclaim)
				r->ep_wait_reclaim = tg->ts_freepages_delay;
		}
		if (!(p->xp_waitbad & XW_BLKIO))
			r->ep_have |= B(EXD_PROC_WAIT_BLKIO);
		if (!(p->xp_waitbad & XW_SWAPIN))
			r->ep_have |= B(EXD_PROC_WAIT_SWAPIN);
		if ((s->ts_have & TSH_RECLAIM) && !(p->xp_waitbad & XW_RECLAIM))
			r->ep_have |= B(EXD_PROC_WAIT_RECLAIM);
	}
}

int
xr_add(struct xr *x, const struct ts_msg *m, uint64_t now, int delayacct,
    struct ex_proc *rec)
{
	const struct ts_stats *s = &m->tm_stats;
	struct xr_pend one, *p;
	uint32_t tgid;
	uint64_t start;

	if (!(s->ts_have & TSH_BASE) || (tgid = tgid_of(m)) == 0) {
		x->xr_st.xs_bad++;
		return (0);
	}
	x->xr_st.xs_threads++;
	start = start_of(m, now);
	p = find(x, tgid);
	/*
	 * Sums left by a process of the same pid that ended unseen.  The
	 * kernel delivers a process's notifications in order and frees its
	 * pid only after the last, so that can be only if some were lost
	 * since the sums were made; then the starts tell (each is the
	 * receive time less an elapsed time, so a late read moves it).
	 */
	if (p != NULL && p->xp_gen != x->xr_gen &&
	    (p->xp_start > start + XR_SAME_NS ||
	    start > p->xp_start + XR_SAME_NS)) {
		release(x, p);
		x->xr_st.xs_stale++;
		p = NULL;
	}
	if (!(s->ts_flag & TS_AGROUP)) {
		/* A thread of a process that goes on: keep its share. */
		if (p == NULL && (p = insert(x, tgid)) == NULL) {
			x->xr_st.xs_unsummed++;
			return (0);
		}
		if (p->xp_nthreads == 0) {
			p->xp_start = start;
			p->xp_gen = x->xr_gen;
		}
		add_thread(p, s);
		if (s->ts_pid == tgid) {
			(void) strcpy(p->xp_comm, s->ts_comm);
			p->xp_have_comm = 1;
		}
		return (0);
	}
	if (p == NULL) {
		memset(&one, 0, sizeof (one));
		one.xp_sched = 1;
		p = &one;
	}
	add_thread(p, s);
	make_record(x, p, m, now, delayacct, rec);
	if (p != &one)
		release(x, p);
	x->xr_st.xs_records++;
	return (1);
}
