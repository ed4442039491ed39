/*
 * timeline.c: the sweeps of each host as the timeline of -i and -S; the
 * rules are in timeline.h.
 *
 * Each host keeps the sweep it is reading (its records arrive one by one)
 * and a short ring of open intervals: the newest has not ended (no sweep
 * after it yet), the others have ended and wait TL_SLACK_NS for late exit
 * records.  A process's state (interval.c) carries the last sweep that saw
 * it and, once a complete sweep has missed it, that sweep: an exit record
 * then counts in that sweep's interval, and without one the process is
 * lost when the interval closes.  Memory is the live processes, the hosts,
 * and with -i the exit rows of the open intervals.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"

struct tl_pend {
	uint32_t	tp_k;
	struct ex_proc	tp_row;
};

struct tl_ivl {
	uint32_t	ti_k;		/* between sweeps k-1 and k */
	int		ti_ended;	/* sweep k has begun */
	int		ti_swdone;	/* and its records are all in */
	uint64_t	ti_swend;	/* when sweep k's records ended */
	uint64_t	ti_pending;	/* missed by sweep k, no exit yet */
	uint64_t	ti_dropped;	/* exit notifications lost in it */
	int		ti_fromall;	/* sweep k-1 was complete */
	struct tl_sum	ti_sum;
};

/* A recent sweep, whose own exit record may still come. */
struct tl_mark {
	uint32_t	tm_pid;
	uint64_t	tm_start;
	uint64_t	tm_end;
};

struct tl_host {
	EX_STRFIELD(th_name, EX_HOST_MAX);
	uint32_t	th_nsweep;	/* sweeps begun */
	uint64_t	th_early;	/* exits before its first sweep */
	struct tl_mark	th_mark[TL_MARKS];	/* by sweep number % TL_MARKS */
	uint64_t	th_first;	/* the first sweep's time */
	uint64_t	th_last;	/* the latest sweep's time */
	/* the sweep being read */
	int		th_insweep;
	int		th_explicit;	/* it has a sweep record */
	uint64_t	th_swend;	/* its declared end, or latest record */
	uint64_t	th_swdecl;	/* records it declares */
	uint64_t	th_swseen;	/* records of it read */
	uint64_t	th_swskip;	/* processes it could not record */
	/* the host's CPU at the latest sweep, from its sweep record */
	int		th_have_busy;
	uint64_t	th_busy;
	uint32_t	th_ncpu;
	struct tl_ivl	th_iv[TL_OPEN];	/* oldest first */
	unsigned	th_niv;
	struct tl_pend	*th_pend;	/* exit rows of open intervals */
	size_t		th_npend;
	size_t		th_cappend;
	FILE		*th_spill;	/* past TL_PEND_MEM of them */
	size_t		th_nspill;
};

void
tl_init(struct tl *tl, const struct tl_out *out, int keeprows)
{
	memset(tl, 0, sizeof (*tl));
	iv_init(&tl->tl_iv);
	if (out != NULL)
		tl->tl_out = *out;
	tl->tl_keeprows = keeprows;
	tl->tl_deadline = UINT64_MAX;
}

void
tl_free(struct tl *tl)
{
	size_t i;

	for (i = 0; i < tl->tl_nhost; i++) {
		free(tl->tl_hosts[i].th_pend);
		if (tl->tl_hosts[i].th_spill != NULL)
			(void) fclose(tl->tl_hosts[i].th_spill);
	}
	free(tl->tl_hosts);
	iv_free(&tl->tl_iv);
	memset(tl, 0, sizeof (*tl));
}

size_t
tl_swept_hosts(const struct tl *tl)
{
	size_t i, n = 0;

	for (i = 0; i < tl->tl_nhost; i++)
		n += tl->tl_hosts[i].th_nsweep > 0;
	return (n);
}

/*
 * The host of a name, made on first sight; NULL if out of memory
 * (tl_err) or if TL_MAX_HOSTS are kept already (counted).
 */
static struct tl_host *
host_named(struct tl *tl, const char *name, size_t len)
{
	struct tl_host *h;
	size_t i;

	if (len >= EX_HOST_MAX)
		len = EX_HOST_MAX - 1;
	for (i = 0; i < tl->tl_nhost; i++) {
		h = &tl->tl_hosts[i];
		if (h->th_name_len == len && memcmp(h->th_name, name, len) == 0)
			return (h);
	}
	if (tl->tl_nhost == TL_MAX_HOSTS) {
		/* Never two hosts as one: counted, and left out. */
		tl->tl_st.tst_full++;
		return (NULL);
	}
	if (tl->tl_nhost == tl->tl_caphost) {
		size_t n = tl->tl_caphost == 0 ? 4 : tl->tl_caphost * 2;

		if ((h = realloc(tl->tl_hosts, n * sizeof (*h))) == NULL) {
			tl->tl_err = ENOMEM;
			return (NULL);
		}
		tl->tl_hosts = h;
		tl->tl_caphost = n;
	}
	h = &tl->tl_hosts[tl->tl_nhost++];
	memset(h, 0, sizeof (*h));
	memcpy(h->th_name, name, len);
	h->th_name_len = (uint16_t)len;
	return (h);
}

static struct tl_host *
host_of_origin(struct tl *tl, uint16_t origin)
{
	const char *name;
	size_t len;
	struct tl_host *h;

	if (tl->tl_ohost[origin] != 0)
		return (&tl->tl_hosts[tl->tl_ohost[origin] - 1]);
	name = iv_origin_host(&tl->tl_iv, origin, &len);
	if ((h = host_named(tl, name, len)) != NULL)
		tl->tl_ohost[origin] = (uint16_t)(h - tl->tl_hosts + 1);
	return (h);
}

static struct tl_ivl *
ivl_find(struct tl_host *h, uint32_t k)
{
	unsigned i;

	for (i = 0; i < h->th_niv; i++) {
		if (h->th_iv[i].ti_k == k)
			return (&h->th_iv[i]);
	}
	return (NULL);
}

/*
 * The interval of a time t on host h: the open one it lies in, 0 if it is
 * before the first sweep, or the number of a closed one (less than the
 * oldest open one's).
 */
static uint32_t
ivl_of_time(const struct tl_host *h, uint64_t t)
{
	unsigned i;

	if (h->th_nsweep == 0 || t <= h->th_first)
		return (0);
	for (i = h->th_niv; i-- > 0; ) {
		if (t > h->th_iv[i].ti_sum.ts_span.sp_start)
			return (h->th_iv[i].ti_k);
	}
	return (h->th_niv > 0 && h->th_iv[0].ti_k > 1 ?
	    h->th_iv[0].ti_k - 1 : 1);
}

struct gone_arg {
	struct tl	*ga_tl;
	uint16_t	ga_h;		/* the host's index + 1 */
	uint32_t	ga_k;		/* the sweep */
	uint64_t	ga_n;
};

/*
 * Whether a process state is of the host: by the origin's host, which
 * every process state's origin has (tl_proc maps it before the state is
 * made); looked up, never made, so the host array cannot move meanwhile.
 */
static int
state_of(const struct gone_arg *ga, const struct iv_state *s)
{
	return (ga->ga_tl->tl_ohost[s->is_origin] == ga->ga_h);
}

/* A process of host h that sweep k did not see: gone in interval k. */
static int
mark_gone(void *arg, struct iv_state *s)
{
	struct gone_arg *ga = arg;

	if (!state_of(ga, s) || s->is_seen == 0 || s->is_seen - 1 >= ga->ga_k || s->is_gone != 0)
		return (0);
	s->is_gone = ga->ga_k + 1;
	ga->ga_n++;
	return (0);
}

/* A gone process whose interval closed without its exit record: lost. */
static int
free_gone(void *arg, struct iv_state *s)
{
	struct gone_arg *ga = arg;

	return (s->is_gone == ga->ga_k + 1 && state_of(ga, s));
}

/* fn over the process states of a host only: those of its origins. */
static void
host_scan(struct tl *tl, struct gone_arg *ga,
    int (*fn)(void *, struct iv_state *))
{
	size_t o;

	for (o = 0; o < tl->tl_iv.iv_norigin; o++) {
		if (tl->tl_ohost[o] == ga->ga_h)
			iv_scan_origin(&tl->tl_iv, (uint16_t)o, fn, ga);
	}
}

/*
 * The sweep being read is done.  If it was complete (a sweep record that
 * skipped nothing, all its records read), the processes it did not see
 * have gone.
 */
static void
sweep_done(struct tl *tl, struct tl_host *h)
{
	struct tl_ivl *ti;
	struct gone_arg ga;
	uint32_t k = h->th_nsweep - 1;

	h->th_insweep = 0;
	ti = ivl_find(h, k);
	if (ti != NULL) {
		ti->ti_swdone = 1;
		ti->ti_swend = h->th_swend;
	}
	if (!h->th_explicit || h->th_swskip != 0 ||
	    h->th_swseen < h->th_swdecl)
		return;
	/* Complete: the interval after it starts from every process. */
	if ((ti = ivl_find(h, k + 1)) != NULL)
		ti->ti_fromall = 1;
	if (k == 0)
		return;
	ga.ga_tl = tl;
	ga.ga_h = (uint16_t)(h - tl->tl_hosts + 1);
	ga.ga_k = k;
	ga.ga_n = 0;
	host_scan(tl, &ga, mark_gone);
	if ((ti = ivl_find(h, k)) != NULL)
		ti->ti_pending += ga.ga_n;
}

/*
 * The spilled exit rows of interval ti (and of any before it) are handed
 * out; the others are written to a new spill.  Rows of one host come in
 * interval order, so most of a spill goes out at once.
 */
static void
unspill(struct tl *tl, struct tl_host *h, struct tl_ivl *ti)
{
	static struct tl_pend p;
	FILE *keep = NULL;
	size_t n = 0;

	rewind(h->th_spill);
	while (fread(&p, sizeof (p), 1, h->th_spill) == 1) {
		if (p.tp_k <= ti->ti_k) {
			if (tl->tl_out.to_row != NULL)
				tl->tl_out.to_row(tl->tl_out.to_arg, &p.tp_row,
				    &ti->ti_sum.ts_span);
			continue;
		}
		if (keep == NULL && (keep = tmpfile()) == NULL)
			break;
		if (fwrite(&p, sizeof (p), 1, keep) != 1)
			break;
		n++;
	}
	(void) fclose(h->th_spill);
	h->th_spill = keep;
	h->th_nspill = keep != NULL ? n : 0;
}

/* Hand out the oldest open interval: its exit rows, then its summary. */
static void
ivl_close(struct tl *tl, struct tl_host *h)
{
	struct tl_ivl *ti = &h->th_iv[0];
	struct gone_arg ga;
	size_t i, j;

	ti->ti_sum.ts_span.sp_host = h->th_name;
	ti->ti_sum.ts_span.sp_hostlen = h->th_name_len;
	ti->ti_sum.ts_k = ti->ti_k;
	if (h->th_nspill > 0)
		unspill(tl, h, ti);
	for (i = j = 0; i < h->th_npend; i++) {
		if (h->th_pend[i].tp_k <= ti->ti_k) {
			if (tl->tl_out.to_row != NULL)
				tl->tl_out.to_row(tl->tl_out.to_arg,
				    &h->th_pend[i].tp_row, &ti->ti_sum.ts_span);
		} else {
			h->th_pend[j++] = h->th_pend[i];
		}
	}
	h->th_npend = j;
	ti->ti_sum.ts_lost += ti->ti_pending;
	if (ti->ti_pending > 0) {
		ga.ga_tl = tl;
		ga.ga_h = (uint16_t)(h - tl->tl_hosts + 1);
		ga.ga_k = ti->ti_k;
		host_scan(tl, &ga, free_gone);
	}
	if (tl->tl_out.to_sum != NULL)
		tl->tl_out.to_sum(tl->tl_out.to_arg, &ti->ti_sum);
	memmove(&h->th_iv[0], &h->th_iv[1], (h->th_niv - 1) * sizeof (*ti));
	h->th_niv--;
}

/* When host h next has work to do on the clock alone. */
static uint64_t
host_deadline(const struct tl_host *h)
{
	if (h->th_insweep)
		return (h->th_explicit ? h->th_swend :
		    iv_plus(h->th_swend, TL_GAP_NS));
	if (h->th_niv > 1 && h->th_iv[0].ti_ended && h->th_iv[0].ti_swdone)
		return (iv_plus(h->th_iv[0].ti_swend, TL_SLACK_NS));
	return (UINT64_MAX);
}

/*
 * Close what the time has left behind on host h: the sweep being read,
 * once the input is past it, and the intervals whose slack is over.  The
 * time is the merged input's, the same for every host, so that hosts'
 * intervals close in time order among each other.
 */
static void
host_time(struct tl *tl, struct tl_host *h)
{
	uint64_t now = tl->tl_now;

	if (h->th_insweep && (h->th_explicit ? h->th_swseen >= h->th_swdecl ||
	    now > h->th_swend : now > iv_plus(h->th_swend, TL_GAP_NS)))
		sweep_done(tl, h);
	while (h->th_niv > 1 && h->th_iv[0].ti_ended &&
	    h->th_iv[0].ti_swdone &&
	    now > iv_plus(h->th_iv[0].ti_swend, TL_SLACK_NS))
		ivl_close(tl, h);
}

/*
 * The merged input has reached now: every host whose deadline has passed
 * does its work (one scan per deadline, not per record), then h.
 */
static void
tl_time(struct tl *tl, struct tl_host *h, uint64_t now)
{
	size_t i;
	uint64_t d;

	if (now > tl->tl_now)
		tl->tl_now = now;
	if (tl->tl_now > tl->tl_deadline) {
		tl->tl_deadline = UINT64_MAX;
		for (i = 0; i < tl->tl_nhost; i++) {
			host_time(tl, &tl->tl_hosts[i]);
			d = host_deadline(&tl->tl_hosts[i]);
			if (d < tl->tl_deadline)
				tl->tl_deadline = d;
		}
	}
	if (h != NULL)
		host_time(tl, h);
}

/* After a host's state changed: its deadline may be the next one. */
static void
tl_watch(struct tl *tl, const struct tl_host *h)
{
	uint64_t d = host_deadline(h);

	if (d < tl->tl_deadline)
		tl->tl_deadline = d;
}

/* A sweep of host h begins at t. */
static void
sweep_begin(struct tl *tl, struct tl_host *h, uint64_t t, int explicit,
    uint64_t decl_end, uint64_t decl_n, uint64_t nskip, int have_busy,
    uint64_t busy, uint32_t ncpu, uint32_t pid)
{
	struct tl_ivl *ti;
	uint32_t k = h->th_nsweep;

	if (k > 0 && t <= h->th_last) {
		/*
		 * Back in time (a clock step, a file given twice): counted,
		 * and the sweep being read is left as it is.
		 */
		tl->tl_st.tst_older++;
		return;
	}
	if (h->th_insweep)
		sweep_done(tl, h);
	h->th_insweep = 1;
	h->th_explicit = explicit;
	h->th_swend = explicit ? decl_end : t;
	h->th_swdecl = decl_n;
	h->th_swseen = 0;
	h->th_swskip = nskip;
	if (k > 0 && (ti = ivl_find(h, k)) != NULL) {
		ti->ti_ended = 1;
		ti->ti_sum.ts_span.sp_end = t;
		ti->ti_swend = h->th_swend;
		if (have_busy && h->th_have_busy && busy >= h->th_busy) {
			ti->ti_sum.ts_have_hcpu = 1;
			ti->ti_sum.ts_hcpu = busy - h->th_busy;
			ti->ti_sum.ts_ncpu = ncpu;
		}
	}
	if (k == 0)
		h->th_first = t;
	h->th_mark[k % TL_MARKS].tm_pid = pid;
	h->th_mark[k % TL_MARKS].tm_start = t;
	h->th_mark[k % TL_MARKS].tm_end = h->th_swend;
	h->th_last = t;
	h->th_nsweep++;
	h->th_have_busy = have_busy;
	h->th_busy = busy;
	h->th_ncpu = ncpu;
	/* The interval after it, open until the next sweep. */
	while (h->th_niv == TL_OPEN)
		ivl_close(tl, h);
	ti = &h->th_iv[h->th_niv++];
	memset(ti, 0, sizeof (*ti));
	ti->ti_k = k + 1;
	ti->ti_sum.ts_span.sp_start = t;
}

int
tl_sweep(struct tl *tl, const struct ex_sweep *sw, const char *host,
    size_t hostlen)
{
	struct tl_host *h;
	uint64_t busy = 0;
	int have_busy;

	if (SW_HAS(sw, EXD_SWEEP_HOSTNAME)) {
		host = sw->sw_hostname;
		hostlen = sw->sw_hostname_len;
	} else if (host == NULL) {
		host = "";
		hostlen = 0;
	}
	if (!SW_HAS(sw, EXD_SWEEP_START))
		return (0);	/* no time: nothing to place it by */
	if ((h = host_named(tl, host, hostlen)) == NULL)
		return (tl->tl_err != 0 ? -1 : 0);
	tl_time(tl, h, sw->sw_start);
	/* The CPU processes are charged with: user + nice + system. */
	have_busy = SW_HAS(sw, EXD_SWEEP_CPU_USER) &&
	    SW_HAS(sw, EXD_SWEEP_CPU_NICE) && SW_HAS(sw, EXD_SWEEP_CPU_SYSTEM);
	if (have_busy)
		busy = iv_plus(iv_plus(sw->sw_cpu[SWC_USER], sw->sw_cpu[SWC_NICE]),
		    sw->sw_cpu[SWC_SYSTEM]);
	sweep_begin(tl, h, sw->sw_start, 1, SW_HAS(sw, EXD_SWEEP_END) &&
	    sw->sw_end >= sw->sw_start ? sw->sw_end : sw->sw_start,
	    SW_HAS(sw, EXD_SWEEP_NRECORDED) ? sw->sw_nrec : UINT64_MAX,
	    SW_HAS(sw, EXD_SWEEP_NSKIPPED) ? sw->sw_nskip : 1, have_busy,
	    busy, SW_HAS(sw, EXD_SWEEP_NCPU) ? sw->sw_ncpu : 0,
	    SW_HAS(sw, EXD_SWEEP_PID) ? sw->sw_pid : 0);
	tl_watch(tl, h);
	return (0);
}

/* Add a row's usage to an interval's summary. */
static void
ivl_add(const struct tl *tl, const struct tl_host *h, struct tl_ivl *ti,
    const struct ex_proc *row, int exit)
{
	uint64_t v[IV_NCTR];
	unsigned have, c;

	if (tl->tl_keep != NULL && !tl->tl_keep(tl->tl_keeparg, row))
		return;
	memset(v, 0, sizeof (v));
	have = iv_proc_counters(row, v);
	for (c = 0; c < IV_NCTR; c++) {
		if (!(have & (1u << c)))
			continue;
		ti->ti_sum.ts_ctr[c] = v[c] > UINT64_MAX -
		    ti->ti_sum.ts_ctr[c] ? UINT64_MAX : ti->ti_sum.ts_ctr[c] +
		    v[c];
	}
	ti->ti_sum.ts_have |= have;
	if (tl->tl_split != NULL)
		tl->tl_split(tl->tl_splitarg, h->th_name, h->th_name_len,
		    ti->ti_k, row, exit);
	ti->ti_sum.ts_nproc++;
	if (exit)
		ti->ti_sum.ts_exits++;
}

/* An exit row waits for its interval's end; -1 if out of memory. */
static int
pend(struct tl *tl, struct tl_host *h, uint32_t k, const struct ex_proc *row)
{
	static struct tl_pend p;

	if (!tl->tl_keeprows)
		return (0);
	if (h->th_npend == TL_PEND_MEM) {
		/* Past the host's share of memory: into a temporary file. */
		if (h->th_spill == NULL && (h->th_spill = tmpfile()) == NULL) {
			tl->tl_err = errno;
			return (-1);
		}
		p.tp_k = k;
		p.tp_row = *row;
		if (fseek(h->th_spill, 0, SEEK_END) == -1 ||
		    fwrite(&p, sizeof (p), 1, h->th_spill) != 1) {
			tl->tl_err = errno != 0 ? errno : EIO;
			return (-1);
		}
		h->th_nspill++;
		return (0);
	}
	if (h->th_npend == h->th_cappend) {
		size_t n = h->th_cappend == 0 ? 64 : h->th_cappend * 2;
		struct tl_pend *p = realloc(h->th_pend, n * sizeof (*p));

		if (p == NULL) {
			tl->tl_err = ENOMEM;
			return (-1);
		}
		h->th_pend = p;
		h->th_cappend = n;
	}
	h->th_pend[h->th_npend].tp_k = k;
	h->th_pend[h->th_npend++].tp_row = *row;
	return (0);
}

/*
 * A process that gave way to another of its pid had no exit record: lost,
 * in the interval of the sweep that first missed it.
 */
static void
replaced(struct tl *tl, struct tl_host *h)
{
	const struct iv_state *old = &tl->tl_iv.iv_old;
	struct tl_ivl *ti;

	if (!tl->tl_iv.iv_replaced || old->is_seen == 0 || h->th_niv == 0)
		return;
	if (old->is_gone != 0)
		return;		/* counted when its interval closes */
	if ((ti = ivl_find(h, old->is_seen)) == NULL)
		ti = &h->th_iv[h->th_niv - 1];
	ti->ti_sum.ts_lost++;
}

/* A partial record of host h (origin o). */
static int
partial(struct tl *tl, struct tl_host *h, const struct ex_proc *rec,
    uint16_t o, uint64_t t)
{
	static struct ex_proc row;
	struct iv_state *s;
	struct tl_ivl *ti, *g;
	uint32_t k;

	k = h->th_nsweep - 1;
	if (iv_proc_at(&tl->tl_iv, rec, o, IV_MATCH_NS, &row, &s) == -1) {
		tl->tl_err = ENOMEM;
		return (-1);
	}
	h->th_swseen++;
	if (!h->th_explicit && t > h->th_swend)
		h->th_swend = t;
	replaced(tl, h);
	s->is_seen = k + 1;
	if (s->is_gone != 0) {
		/* A sweep called complete missed it after all. */
		if ((g = ivl_find(h, s->is_gone - 1)) != NULL &&
		    g->ti_pending > 0)
			g->ti_pending--;
		s->is_gone = 0;
	}
	if (k == 0 || (ti = ivl_find(h, k)) == NULL)
		return (0);	/* the first sweep: its baseline */
	/*
	 * Linux keeps a start time in 10 ms ticks, cut: one that started
	 * just after the sweep before may show a start just before it.
	 */
	if (tl->tl_iv.iv_fresh &&
	    iv_ns(rec->ep_start_sec, rec->ep_start_nsec) + TL_TICK_NS <=
	    ti->ti_sum.ts_span.sp_start) {
		/* Alive at the sweep before, but not in it: no baseline. */
		tl->tl_st.tst_unplaced++;
		return (0);
	}
	ivl_add(tl, h, ti, &row, 0);
	if (tl->tl_out.to_row != NULL) {
		ti->ti_sum.ts_span.sp_host = h->th_name;
		ti->ti_sum.ts_span.sp_hostlen = h->th_name_len;
		tl->tl_out.to_row(tl->tl_out.to_arg, &row, &ti->ti_sum.ts_span);
	}
	return (0);
}

/* An exit record of host h (origin o), finished at t. */
static int
final(struct tl *tl, struct tl_host *h, const struct ex_proc *rec,
    uint16_t o, uint64_t tol, uint64_t t, int mark)
{
	static struct ex_proc row;
	struct tl_ivl *ti;
	uint32_t k, seen, gone;

	if (iv_proc_at(&tl->tl_iv, rec, o, tol, &row, NULL) == -1) {
		tl->tl_err = ENOMEM;
		return (-1);
	}
	seen = tl->tl_iv.iv_was_seen;
	gone = tl->tl_iv.iv_was_gone;
	replaced(tl, h);
	if (h->th_nsweep == 0) {
		h->th_early++;		/* told at the end, with the host */
		return (0);
	}
	if (gone != 0) {
		k = gone - 1;
		if ((ti = ivl_find(h, k)) != NULL && ti->ti_pending > 0)
			ti->ti_pending--;
	} else {
		k = ivl_of_time(h, t);
		/* Never before the interval after the sweep that saw it. */
		if (seen != 0 && k < seen)
			k = seen;
	}
	if (k == 0) {
		/* -R: of the interval an earlier run printed, not lost. */
		if (!tl->tl_resumed)
			tl->tl_st.tst_before++;
		return (0);
	}
	if ((ti = ivl_find(h, k)) == NULL) {
		if (h->th_niv == 0 || k > h->th_iv[h->th_niv - 1].ti_k)
			return (0);
		/* Its interval has closed: the oldest open one takes it. */
		tl->tl_st.tst_late++;
		ti = &h->th_iv[0];
		k = ti->ti_k;
	}
	/*
	 * An exit of no process seen, that started before the interval
	 * began, though the sweep there saw every process: its start is off
	 * (a suspend delays a process-accounting start) or its process was
	 * forgotten.  Its whole life is not this interval's: counted, in no
	 * interval.  A sweep's own process, which no sweep records, is not
	 * such a one.
	 */
	if (seen == 0 && gone == 0 && !mark && ti->ti_fromall &&
	    iv_plus(iv_ns(rec->ep_start_sec, rec->ep_start_nsec), tol ==
	    IV_MATCH_ANY_NS ? IV_MATCH_NS + TL_TICK_NS : TL_TICK_NS) <=
	    ti->ti_sum.ts_span.sp_start) {
		tl->tl_st.tst_unplaced++;
		return (0);
	}
	ivl_add(tl, h, ti, &row, 1);
	return (pend(tl, h, k, &row));
}

/*
 * Whether an exit record of process accounting is a recent sweep's own
 * process (its pid, started within two seconds of the sweep): then
 * tl_mark is that sweep's end.
 */
static int
mark_of(struct tl *tl, const struct tl_host *h, uint32_t pid, uint64_t start)
{
	unsigned i;

	for (i = 0; i < TL_MARKS; i++) {
		const struct tl_mark *m = &h->th_mark[i];

		if (m->tm_pid == 0 || m->tm_pid != pid ||
		    (m->tm_start > start ? m->tm_start - start :
		    start - m->tm_start) > IV_MATCH_ANY_NS)
			continue;
		tl->tl_mark = m->tm_end;
		tl->tl_st.tst_marks++;
		return (1);
	}
	return (0);
}

/* How far apart two records' finish times of one exit can be. */
#define	TL_SAME_END_NS	UINT64_C(2000000000)

static uint64_t
apart(uint64_t a, uint64_t b)
{
	return (a > b ? a - b : b - a);
}

static struct tl_ended *
ended_set(struct tl *tl, uint32_t pid)
{
	return (&tl->tl_ended[pid % (TL_ENDED / TL_WAYS) * TL_WAYS]);
}

/* Remember that a process ended: host h, pid, start, finish t. */
static void
ended(struct tl *tl, const struct tl_host *h, uint32_t pid, uint64_t start,
    uint64_t t)
{
	struct tl_ended *set = ended_set(tl, pid), *e = set;
	int i;

	for (i = 1; i < TL_WAYS && e->te_host != 0; i++)
		if (set[i].te_host == 0 || set[i].te_finish < e->te_finish)
			e = &set[i];
	e->te_pid = pid;
	e->te_host = (uint32_t)(h - tl->tl_hosts) + 1;
	e->te_start = start;
	e->te_finish = t;
}

/*
 * Whether a process of pid started at start (within tol) ended on host h
 * at about t already: the exit record is a second one of that exit (the
 * exit listener's and process accounting's, say).  A pid reused within
 * the tolerances would need its whole pid space to wrap in two seconds.
 */
static int
ended_before(struct tl *tl, const struct tl_host *h, uint32_t pid,
    uint64_t start, uint64_t t, uint64_t tol)
{
	const struct tl_ended *e = ended_set(tl, pid);
	uint32_t hi = (uint32_t)(h - tl->tl_hosts) + 1;
	int i;

	for (i = 0; i < TL_WAYS; i++, e++)
		if (e->te_host == hi && e->te_pid == pid &&
		    apart(e->te_start, start) <= tol &&
		    apart(e->te_finish, t) <= TL_SAME_END_NS)
			return (1);
	return (0);
}

int
tl_proc(struct tl *tl, const struct ex_proc *rec, const char *host,
    size_t hostlen, int noplace, uint64_t now)
{
	const struct iv_state *s;
	struct tl_host *h;
	uint64_t start, t, tol = IV_MATCH_NS;
	int o, r, mark;

	if (!EP_HAS(rec, EXD_PROC_FINISH_SEC))
		return (0);	/* no time: no interval */
	start = iv_ns(rec->ep_start_sec, rec->ep_start_nsec);
	t = iv_ns(rec->ep_finish_sec, rec->ep_finish_nsec);
	if (EP_HAS(rec, EXD_PROC_HOSTNAME)) {
		host = rec->ep_hostname;
		hostlen = rec->ep_hostname_len;
		noplace = 0;
	}
	if (noplace && !EP_HAS(rec, EXD_PROC_ZONENAME)) {
		/*
		 * A process-accounting record: its start is whole seconds,
		 * so up to a second off; it joins a live process of its pid
		 * on its host (or on any, if its host is not known).
		 */
		tol = IV_MATCH_ANY_NS;
		o = iv_origin_find(&tl->tl_iv, host, hostlen, rec->ep_pid,
		    start, tol);
		if (o == -1 && host == NULL) {
			if (tl_swept_hosts(tl) != 1) {
				tl->tl_st.tst_nohost++;
				return (0);
			}
			for (h = tl->tl_hosts; h->th_nsweep == 0; h++)
				;
			host = h->th_name;
			hostlen = h->th_name_len;
		}
		if (o == -1)
			o = iv_origin(&tl->tl_iv, host, hostlen, "", 0);
	} else if (host != NULL && !EP_HAS(rec, EXD_PROC_ZONENAME)) {
		/*
		 * A record with a host but no zone, as the Linux exit
		 * listener writes (taskstats has no zone): it joins a live
		 * process of its pid and start on its host, whatever that
		 * one's zone; else it is a process of its own, of no zone.
		 */
		o = iv_origin_find(&tl->tl_iv, host, hostlen, rec->ep_pid,
		    start, tol);
		if (o == -1)
			o = iv_origin(&tl->tl_iv, host, hostlen, "", 0);
	} else {
		if (host == NULL) {
			host = "";
			hostlen = 0;
		}
		o = iv_origin(&tl->tl_iv, host, hostlen, rec->ep_zone,
		    EP_HAS(rec, EXD_PROC_ZONENAME) ? rec->ep_zone_len : 0);
	}
	if (o == IV_NO_ORIGIN) {
		/* Never two hosts or zones as one: counted, and left out. */
		tl->tl_st.tst_full++;
		return (0);
	}
	if ((h = host_of_origin(tl, (uint16_t)o)) == NULL)
		return (tl->tl_err != 0 ? -1 : 0);
	if (rec->ep_kind == EXK_FINAL) {
		tl_time(tl, h, now);
		if (iv_find(&tl->tl_iv, (uint16_t)o, rec->ep_pid, start,
		    tol) == NULL && ended_before(tl, h, rec->ep_pid, start,
		    t, tol)) {
			/* The same exit again, from another file: once. */
			tl->tl_st.tst_dup++;
			return (0);
		}
		mark = tol == IV_MATCH_ANY_NS &&
		    mark_of(tl, h, rec->ep_pid, start);
		/* A sweep's own process ended after its sweep did. */
		if (mark && t < tl->tl_mark)
			t = tl->tl_mark;
		r = final(tl, h, rec, (uint16_t)o, tol, t, mark);
		if (r == 0)
			ended(tl, h, rec->ep_pid, start, t);
		tl_watch(tl, h);
		return (r);
	}
	/*
	 * A partial record outside the sweep being read begins a sweep of
	 * its own: one found by its records, with no sweep record.
	 */
	tl_time(tl, h, t);
	if ((s = iv_find(&tl->tl_iv, (uint16_t)o, rec->ep_pid, start,
	    IV_MATCH_NS)) != NULL && t < s->is_last) {
		/* Older than its process's last record: changes nothing. */
		tl->tl_st.tst_older++;
		return (0);
	}
	if (!h->th_insweep || (h->th_explicit ? t > h->th_swend ||
	    h->th_swseen >= h->th_swdecl : t > iv_plus(h->th_swend, TL_GAP_NS)) ||
	    (s != NULL && s->is_seen == h->th_nsweep)) {
		if (h->th_nsweep > 0 && t <= h->th_last) {
			/* A sweep cannot begin before the one before. */
			tl->tl_st.tst_older++;
			return (0);
		}
		sweep_begin(tl, h, t, 0, t, UINT64_MAX, 1, 0, 0, 0, 0);
	}
	r = partial(tl, h, rec, (uint16_t)o, t);
	tl_watch(tl, h);
	return (r);
}

/*
 * A drop record: the exit notifications the kernel dropped are lost in
 * the interval their end falls in, as an exit record ending then would
 * count (the open interval it lies in, else the oldest open one); before
 * the host's first sweep, after its last, or with no end, in none.
 */
int
tl_drops(struct tl *tl, const struct ex_drops *d, const char *host,
    size_t hostlen)
{
	struct tl_stats *st = &tl->tl_st;
	struct tl_host *h;
	struct tl_ivl *ti;
	uint64_t n = ED_HAS(d, EXD_DROPS_COUNT) ? d->ed_count : 0;
	uint32_t k;

	/* Exits whose records could not be written are lost too. */
	if (ED_HAS(d, EXD_DROPS_RECORDS))
		n = iv_plus(n, d->ed_records);

	st->tst_drops++;
	st->tst_dropped = iv_plus(st->tst_dropped, n);
	if (ED_HAS(d, EXD_DROPS_HOSTNAME)) {
		host = d->ed_hostname;
		hostlen = d->ed_hostname_len;
	} else if (host == NULL) {
		host = "";
		hostlen = 0;
	}
	if (!ED_HAS(d, EXD_DROPS_END)) {
		st->tst_dropout = iv_plus(st->tst_dropout, n);
		return (0);	/* no time: nothing to place it by */
	}
	if ((h = host_named(tl, host, hostlen)) == NULL) {
		st->tst_dropout = iv_plus(st->tst_dropout, n);
		return (tl->tl_err != 0 ? -1 : 0);
	}
	tl_time(tl, h, d->ed_end);
	if (h->th_nsweep == 0 || (k = ivl_of_time(h, d->ed_end)) == 0) {
		st->tst_dropout = iv_plus(st->tst_dropout, n);
		return (0);
	}
	if ((ti = ivl_find(h, k)) == NULL) {
		if (h->th_niv == 0 || k > h->th_iv[h->th_niv - 1].ti_k) {
			st->tst_dropout = iv_plus(st->tst_dropout, n);
			return (0);
		}
		/* Its interval has closed: the oldest open one takes it. */
		st->tst_droplate = iv_plus(st->tst_droplate, n);
		ti = &h->th_iv[0];
	}
	ti->ti_sum.ts_lost = iv_plus(ti->ti_sum.ts_lost, n);
	ti->ti_dropped = iv_plus(ti->ti_dropped, n);
	tl_watch(tl, h);
	return (0);
}

void
tl_end(struct tl *tl)
{
	size_t i;

	for (i = 0; i < tl->tl_nhost; i++) {
		struct tl_host *h = &tl->tl_hosts[i];

		if (h->th_insweep)
			sweep_done(tl, h);
		while (h->th_niv > 0 && h->th_iv[0].ti_ended)
			ivl_close(tl, h);
		if (h->th_nsweep == 0)
			tl->tl_st.tst_nosweep += h->th_early;
		else
			tl->tl_st.tst_before += h->th_early;
		/* The interval after the last sweep has no end. */
		if (h->th_niv > 0) {
			tl->tl_st.tst_after += h->th_iv[0].ti_sum.ts_exits;
			tl->tl_st.tst_dropout = iv_plus(tl->tl_st.tst_dropout,
			    h->th_iv[0].ti_dropped);
		}
		h->th_npend = 0;
	}
}

/*
 * -R: the end of this run's input, not of the files: a sweep being read
 * is done only if all its records are in, and an interval closes only if
 * its slack is over by the clock (now); the others wait for the next
 * run, which reads again from the last closed sweep.  Exits before the
 * first sweep are those of intervals an earlier run printed: not said.
 */
void
tl_end_before(struct tl *tl, uint64_t now)
{
	size_t i;

	for (i = 0; i < tl->tl_nhost; i++) {
		struct tl_host *h = &tl->tl_hosts[i];

		if (h->th_insweep && (h->th_explicit ? h->th_swseen >=
		    h->th_swdecl : now > iv_plus(h->th_swend, TL_GAP_NS)))
			sweep_done(tl, h);
		while (h->th_niv > 1 && h->th_iv[0].ti_ended &&
		    h->th_iv[0].ti_swdone &&
		    now > iv_plus(h->th_iv[0].ti_swend, TL_SLACK_NS))
			ivl_close(tl, h);
		if (h->th_nsweep == 0)
			tl->tl_st.tst_nosweep += h->th_early;
		h->th_npend = 0;
	}
}

const char *
tl_unswept(const struct tl *tl, size_t i, size_t *len, uint64_t *n)
{
	size_t j;

	for (j = 0; j < tl->tl_nhost; j++) {
		const struct tl_host *h = &tl->tl_hosts[j];

		if (h->th_nsweep != 0 || h->th_early == 0 || i-- > 0)
			continue;
		*len = h->th_name_len;
		*n = h->th_early;
		return (h->th_name);
	}
	return (NULL);
}
