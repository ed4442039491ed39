/*
 * test_timeline.c: the sweep timeline's rules, one hand-made case each,
 * and the property that the intervals add up to every process's usage
 * inside the timeline, over generated sequences.  Times are in ms in the
 * cases; every expected figure is worked out in the comment above it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interval.h"
#include "records.h"
#include "test.h"
#include "timeline.h"

#define	MS	UINT64_C(1000000)

/* What the timeline handed out. */
#define	MAXOUT	4096
static struct tl_sum sums[MAXOUT];
static size_t nsum;
static struct {
	uint32_t	pid;
	int		kind;
	uint64_t	usr;	/* ns */
	uint64_t	start, end;	/* the interval */
} rows[MAXOUT];
static size_t nrow;

static void
on_row(void *arg, const struct ex_proc *r, const struct tl_span *sp)
{
	(void) arg;
	if (nrow == MAXOUT)
		return;
	rows[nrow].pid = r->ep_pid;
	rows[nrow].kind = r->ep_kind;
	rows[nrow].usr = iv_ns(r->ep_user_sec, r->ep_user_nsec);
	rows[nrow].start = sp->sp_start;
	rows[nrow].end = sp->sp_end;
	nrow++;
}

static void
on_sum(void *arg, const struct tl_sum *s)
{
	(void) arg;
	if (nsum < MAXOUT)
		sums[nsum++] = *s;
}

static struct tl tl;

static void
begin(void)
{
	static const struct tl_out out = { on_row, on_sum, NULL };

	nsum = nrow = 0;
	tl_init(&tl, &out, 1);
}

/* A process record of host "h", zone "global": times and cpu in ms. */
static void
proc(int final, uint32_t pid, uint64_t start, uint64_t end, uint64_t usr)
{
	struct ex_proc p;

	memset(&p, 0, sizeof (p));
	p.ep_kind = final ? EXK_FINAL : EXK_PARTIAL;
	p.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_START_SEC) |
	    EX_BIT(EXD_PROC_START_NSEC) | EX_BIT(EXD_PROC_FINISH_SEC) |
	    EX_BIT(EXD_PROC_FINISH_NSEC) | EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC) | EX_BIT(EXD_PROC_HOSTNAME) |
	    EX_BIT(EXD_PROC_ZONENAME);
	p.ep_pid = pid;
	p.ep_start_sec = start / 1000;
	p.ep_start_nsec = start % 1000 * MS;
	p.ep_finish_sec = end / 1000;
	p.ep_finish_nsec = end % 1000 * MS;
	p.ep_user_sec = usr / 1000;
	p.ep_user_nsec = usr % 1000 * MS;
	memcpy(p.ep_hostname, "h", 1);
	p.ep_hostname_len = 1;
	memcpy(p.ep_zone, "global", 6);
	p.ep_zone_len = 6;
	CHECK_INT(tl_proc(&tl, &p, NULL, 0, 0, end * MS), ==, 0);
}

/* A process-accounting exit: no host, no zone, start cut to the second. */
static void
pacct(uint32_t pid, uint64_t start, uint64_t end, uint64_t usr)
{
	struct ex_proc p;

	memset(&p, 0, sizeof (p));
	p.ep_kind = EXK_FINAL;
	p.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_START_SEC) |
	    EX_BIT(EXD_PROC_FINISH_SEC) | EX_BIT(EXD_PROC_FINISH_NSEC) |
	    EX_BIT(EXD_PROC_CPU_USER_SEC) | EX_BIT(EXD_PROC_CPU_USER_NSEC);
	p.ep_pid = pid;
	p.ep_start_sec = start / 1000;
	p.ep_finish_sec = (start / 1000 * 1000 + (end - start)) / 1000;
	p.ep_finish_nsec = (start / 1000 * 1000 + (end - start)) % 1000 * MS;
	p.ep_user_sec = usr / 1000;
	p.ep_user_nsec = usr % 1000 * MS;
	/* As the merge gives it: a second after its finish. */
	CHECK_INT(tl_proc(&tl, &p, NULL, 0, 1,
	    iv_ns(p.ep_finish_sec, p.ep_finish_nsec) + 1000 * MS), ==, 0);
}

/* The exit listener's final record: host "h", no zone, start in us. */
static void
listened(uint32_t pid, uint64_t start, uint64_t end, uint64_t usr)
{
	struct ex_proc p;

	memset(&p, 0, sizeof (p));
	p.ep_kind = EXK_FINAL;
	p.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_START_SEC) |
	    EX_BIT(EXD_PROC_START_NSEC) | EX_BIT(EXD_PROC_FINISH_SEC) |
	    EX_BIT(EXD_PROC_FINISH_NSEC) | EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC) | EX_BIT(EXD_PROC_HOSTNAME);
	p.ep_pid = pid;
	/* The kernel's elapsed time against the sweep's 10 ms ticks. */
	p.ep_start_sec = start / 1000;
	p.ep_start_nsec = start % 1000 * MS + 4321;
	p.ep_finish_sec = end / 1000;
	p.ep_finish_nsec = end % 1000 * MS;
	p.ep_user_sec = usr / 1000;
	p.ep_user_nsec = usr % 1000 * MS;
	memcpy(p.ep_hostname, "h", 1);
	p.ep_hostname_len = 1;
	CHECK_INT(tl_proc(&tl, &p, NULL, 0, 0, end * MS), ==, 0);
}

/* A sweep record of "h" at t ms: n records, cpu busy (user) in ms. */
static void
sweep(uint64_t t, uint64_t dur, uint64_t n, uint64_t skipped,
    uint64_t busy)
{
	struct ex_sweep sw;

	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_HOSTNAME) | EX_BIT(EXD_SWEEP_START) |
	    EX_BIT(EXD_SWEEP_END) | EX_BIT(EXD_SWEEP_NRECORDED) |
	    EX_BIT(EXD_SWEEP_NSKIPPED) | EX_BIT(EXD_SWEEP_NCPU) |
	    EX_BIT(EXD_SWEEP_CPU_USER) | EX_BIT(EXD_SWEEP_CPU_NICE) |
	    EX_BIT(EXD_SWEEP_CPU_SYSTEM);
	memcpy(sw.sw_hostname, "h", 1);
	sw.sw_hostname_len = 1;
	sw.sw_start = t * MS;
	sw.sw_end = (t + dur) * MS;
	sw.sw_nrec = n;
	sw.sw_nskip = skipped;
	sw.sw_ncpu = 2;
	sw.sw_cpu[SWC_USER] = busy * 3 / 4 * MS;
	sw.sw_cpu[SWC_SYSTEM] = (busy - busy * 3 / 4) * MS;
	CHECK_INT(tl_sweep(&tl, &sw, NULL, 0), ==, 0);
}

/*
 * Sweep records at 10 s, 20 s, 30 s, with the host's CPU: the first
 * sweep is the baseline, so two intervals; the host used 4 s, then 5 s.
 */
static void
test_sweep_records(void)
{
	begin();
	sweep(10000, 5, 2, 0, 100000);
	proc(0, 1, 0, 10001, 1000);
	proc(0, 2, 0, 10002, 2000);
	sweep(20000, 5, 2, 0, 104000);
	proc(0, 1, 0, 20001, 2500);	/* 1.5 s */
	proc(0, 2, 0, 20002, 4000);	/* 2.0 s */
	sweep(30000, 5, 2, 0, 109000);
	proc(0, 1, 0, 30001, 4500);	/* 2.0 s */
	proc(0, 2, 0, 30002, 6500);	/* 2.5 s */
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 2);
	CHECK_UINT(sums[0].ts_span.sp_start, ==, 10000 * MS);
	CHECK_UINT(sums[0].ts_span.sp_end, ==, 20000 * MS);
	CHECK_UINT(sums[0].ts_nproc, ==, 2);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 3500 * MS);
	CHECK(sums[0].ts_have_hcpu);
	CHECK_UINT(sums[0].ts_hcpu, ==, 4000 * MS);
	CHECK_UINT(sums[0].ts_ncpu, ==, 2);
	CHECK_UINT(sums[1].ts_ctr[IVC_USER], ==, 4500 * MS);
	CHECK_UINT(sums[1].ts_hcpu, ==, 5000 * MS);
	CHECK_UINT(sums[1].ts_lost, ==, 0);
	/* The first sweep's records give no rows: 4 rows, not 6. */
	CHECK_UINT(nrow, ==, 4);
	CHECK_UINT(rows[0].start, ==, 10000 * MS);
	CHECK_UINT(rows[0].end, ==, 20000 * MS);
	tl_free(&tl);
}

/*
 * Exits: an exacct final record of a process the sweeps saw (usage
 * since its last sweep), one of a process born and gone between sweeps
 * (whole), and a process-accounting exit (start whole seconds, no host)
 * that joins its process.  A complete sweep that misses a process with
 * no exit record: lost, its state freed.
 */
static void
test_exits(void)
{
	begin();
	sweep(10000, 5, 4, 0, 0);
	proc(0, 1, 0, 10001, 1000);
	proc(0, 2, 0, 10002, 1000);
	proc(0, 3, 5500, 10003, 1000);
	proc(0, 4, 0, 10004, 1000);
	proc(1, 1, 0, 12000, 1700);	/* 0.7 s in (10, 20] */
	proc(1, 5, 13000, 14000, 300);	/* born and gone: 0.3 s */
	pacct(3, 5500, 15000, 1600);	/* start 5.0 for 5.5: 0.6 s */
	sweep(20000, 5, 2, 0, 0);
	proc(0, 2, 0, 20001, 1100);	/* 0.1 s; pid 4 is missing */
	proc(0, 6, 19000, 20002, 200);	/* started after the sweep: 0.2 */
	CHECK_UINT(iv_live(&tl.tl_iv), ==, 3);	/* 2, 6 and gone 4 */
	sweep(30000, 5, 2, 0, 0);
	proc(0, 2, 0, 30001, 1200);
	proc(0, 6, 19000, 30002, 300);
	tl_end(&tl);
	CHECK_UINT(iv_live(&tl.tl_iv), ==, 2);	/* 4 freed */
	CHECK_UINT(nsum, ==, 2);
	/* 0.7 + 0.3 + 0.6 + 0.1 + 0.2 = 1.9 s; 3 exits; pid 4 lost. */
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 1900 * MS);
	CHECK_UINT(sums[0].ts_exits, ==, 3);
	CHECK_UINT(sums[0].ts_nproc, ==, 5);
	CHECK_UINT(sums[0].ts_lost, ==, 1);
	CHECK_UINT(sums[1].ts_ctr[IVC_USER], ==, 200 * MS);
	CHECK_UINT(sums[1].ts_lost, ==, 0);
	CHECK_UINT(sums[0].ts_have_hcpu, ==, 1);
	CHECK_UINT(sums[0].ts_hcpu, ==, 0);
	CHECK_UINT(tl.tl_st.tst_nohost, ==, 0);
	tl_free(&tl);
}

/*
 * An exit that is merged after the sweep that missed its process (its
 * record is late, as a process-accounting record is up to a second):
 * within the interval's slack it still counts there, not as lost.  A
 * sweep that skipped a process frees nothing.
 */
static void
test_late_exit(void)
{
	begin();
	sweep(10000, 5, 2, 0, 0);
	proc(0, 1, 0, 10001, 1000);
	proc(0, 2, 0, 10002, 1000);
	sweep(20000, 5, 1, 0, 0);
	proc(0, 2, 0, 20001, 1100);
	proc(1, 1, 0, 19900, 1500);	/* ended 19.9, read at 20.9 */
	sweep(30000, 5, 1, 1, 0);	/* skipped one: incomplete */
	proc(0, 1000, 25000, 30001, 100);
	sweep(40000, 5, 2, 0, 0);
	proc(0, 2, 0, 40001, 1300);
	proc(0, 1000, 25000, 40002, 150);
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 3);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 600 * MS);
	CHECK_UINT(sums[0].ts_exits, ==, 1);
	CHECK_UINT(sums[0].ts_lost, ==, 0);
	/* pid 2 was not in the incomplete sweep at 30: not lost. */
	CHECK_UINT(sums[1].ts_lost, ==, 0);
	CHECK_UINT(sums[1].ts_ctr[IVC_USER], ==, 100 * MS);
	/* (30, 40]: pid 2 from 20 (0.2 s) and pid 1000 (0.05 s). */
	CHECK_UINT(sums[2].ts_ctr[IVC_USER], ==, 250 * MS);
	CHECK_UINT(tl.tl_st.tst_late, ==, 0);
	tl_free(&tl);
}

/*
 * A record older than its process's last one is skipped and counted,
 * never an interval going back in time; so is a sweep older than the one
 * before it, with its records.  A process first seen long after it
 * started (not in the sweep before) gives no usage: its start is
 * unknown.  Exits before the first sweep and after the last are in no
 * interval.
 */
static void
test_out_of_order(void)
{
	size_t i;

	begin();
	proc(1, 9, 1000, 2000, 500);	/* before any sweep */
	sweep(10000, 5, 1, 0, 0);
	proc(0, 1, 0, 10001, 1000);
	proc(1, 8, 0, 9000, 500);	/* before the first sweep */
	sweep(20000, 5, 3, 0, 0);
	proc(0, 1, 0, 20001, 2000);
	proc(0, 1, 0, 15000, 1500);	/* older than 20.001 */
	proc(0, 7, 1000, 20002, 900);	/* alive at 10, not seen then */
	sweep(15000, 5, 1, 0, 0);	/* goes back in time */
	proc(0, 1, 0, 15001, 1500);
	sweep(30000, 5, 2, 0, 0);
	proc(0, 1, 0, 30001, 2500);
	proc(0, 7, 1000, 30002, 1000);
	proc(1, 1, 0, 35000, 3000);	/* after the last sweep */
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 2);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 1000 * MS);
	CHECK_UINT(sums[1].ts_ctr[IVC_USER], ==, 600 * MS);
	for (i = 0; i < nrow; i++)
		CHECK(rows[i].end > rows[i].start);
	CHECK_UINT(tl.tl_st.tst_older, ==, 3);
	CHECK_UINT(tl.tl_st.tst_unplaced, ==, 1);
	/* Both early exits: the host had sweeps later. */
	CHECK_UINT(tl.tl_st.tst_nosweep, ==, 0);
	CHECK_UINT(tl.tl_st.tst_before, ==, 2);
	CHECK_UINT(tl.tl_st.tst_after, ==, 1);
	tl_free(&tl);
}

/*
 * Sweeps without sweep records (illumos): a run of partial records,
 * each within a second of the one before, no process twice.  A gap of
 * more than a second, or a process already in the run, begins a sweep.
 */
static void
test_found_sweeps(void)
{
	begin();
	proc(0, 1, 0, 10000, 100);
	proc(0, 2, 0, 10800, 100);
	proc(0, 3, 0, 11600, 100);	/* 0.8 s apart: one sweep */
	proc(0, 1, 0, 11700, 300);	/* pid 1 again: the next sweep */
	proc(0, 2, 0, 11800, 300);
	proc(0, 3, 0, 11900, 300);
	proc(0, 1, 0, 13000, 600);	/* 1.1 s later: the next */
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 2);
	CHECK_UINT(sums[0].ts_span.sp_start, ==, 10000 * MS);
	CHECK_UINT(sums[0].ts_span.sp_end, ==, 11700 * MS);
	CHECK_UINT(sums[0].ts_nproc, ==, 3);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 600 * MS);
	CHECK_UINT(sums[1].ts_span.sp_end, ==, 13000 * MS);
	CHECK_UINT(sums[1].ts_ctr[IVC_USER], ==, 300 * MS);
	CHECK(!sums[0].ts_have_hcpu);
	tl_free(&tl);
}

/*
 * The property: over generated sequences of sweeps and processes (some
 * ending with an exit record, some without one, some born and gone
 * between sweeps, pids reused), the intervals add up to every process's
 * usage inside the timeline, worked out from the simulation itself:
 * its cumulative cpu at the last record at or before the last sweep,
 * less its cpu at the first sweep if it was alive then.
 */
#define	NP	40
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (*s);
}

static void
test_property(void)
{
	struct sim {
		uint32_t	pid;
		uint64_t	start, end, rate;	/* ms, us of cpu per ms */
		int		exitrec;
	} p[NP];
	uint64_t seed, want, got, t, cpu, last;
	int round, i, k, nsweep, ok = 1;
	size_t j;

	for (round = 0; round < 200; round++) {
		seed = 0x9e3779b97f4a7c15ull + (uint64_t)round * 7919;
		begin();
		nsweep = 3 + (int)(rnd(&seed) % 6);
		last = (uint64_t)nsweep * 10000;	/* sweeps at 10 s, 20 s.. */
		for (i = 0; i < NP; i++) {
			p[i].pid = 100 + (uint32_t)(rnd(&seed) % 20);
			p[i].start = rnd(&seed) % (last + 5000);
			p[i].end = p[i].start + 1 + rnd(&seed) % 30000;
			p[i].rate = rnd(&seed) % 1000;
			p[i].exitrec = rnd(&seed) % 4 != 0;
		}
		/* One pid alive at a time: drop a process that overlaps. */
		for (i = 0; i < NP; i++) {
			for (k = 0; k < i; k++) {
				if (p[k].pid == p[i].pid &&
				    p[k].start <= p[i].end + 3000 &&
				    p[i].start <= p[k].end + 3000)
					p[i].pid = 0;
			}
		}
		want = 0;
		for (t = 10000; t <= last + 10000; t += 10000) {
			int n = 0;

			/* Exits since the sweep before, in time order. */
			for (;;) {
				int b = -1;

				for (i = 0; i < NP; i++) {
					if (p[i].pid != 0 && p[i].exitrec == 1 &&
					    p[i].end > t - 10000 &&
					    p[i].end <= t - 1 && (b == -1 ||
					    p[i].end < p[b].end))
						b = i;
				}
				if (b == -1)
					break;
				proc(1, p[b].pid, p[b].start, p[b].end,
				    (p[b].end - p[b].start) * p[b].rate / 1000);
				p[b].exitrec = 2;	/* given */
			}
			if (t > last)
				break;
			for (i = 0; i < NP; i++)
				n += p[i].pid != 0 && p[i].start < t &&
				    p[i].end > t + 1;
			sweep(t, 1, (uint64_t)n, 0, 0);
			for (i = 0; i < NP; i++) {
				if (p[i].pid == 0 || p[i].start >= t ||
				    p[i].end <= t + 1)
					continue;
				proc(0, p[i].pid, p[i].start, t + 1,
				    (t + 1 - p[i].start) * p[i].rate / 1000);
			}
		}
		tl_end(&tl);
		/* What the simulation says is inside the timeline. */
		for (i = 0; i < NP; i++) {
			uint64_t base = 0, upto = 0;
			int seen = 0;

			if (p[i].pid == 0)
				continue;
			for (t = 10000; t <= last; t += 10000) {
				if (p[i].start < t && p[i].end > t + 1) {
					cpu = (t + 1 - p[i].start) *
					    p[i].rate / 1000;
					if (t == 10000)
						base = cpu;
					upto = cpu;
					seen = 1;
				}
			}
			if (p[i].exitrec == 2 && p[i].end <= last &&
			    p[i].end > 10000)
				upto = (p[i].end - p[i].start) * p[i].rate /
				    1000;
			else if (!seen)
				continue;
			want += upto - base;
		}
		got = 0;
		for (j = 0; j < nsum; j++)
			got += sums[j].ts_ctr[IVC_USER];
		if (got != want * MS || nsum != (size_t)nsweep - 1 ||
		    tl.tl_st.tst_late != 0 || tl.tl_st.tst_older != 0) {
			(void) printf("round %d: got %llu want %llu ns, %zu "
			    "intervals of %d\n", round,
			    (unsigned long long)got,
			    (unsigned long long)(want * MS), nsum, nsweep - 1);
			ok = 0;
		}
		tl_free(&tl);
	}
	CHECK(ok);
}

/* A sweep record of another host, with the sweep's own pid. */
static void
sweep_of(const char *host, uint64_t t, uint64_t n, uint32_t pid)
{
	struct ex_sweep sw;
	size_t len = strlen(host);

	memset(&sw, 0, sizeof (sw));
	sw.sw_have = EX_BIT(EXD_SWEEP_HOSTNAME) | EX_BIT(EXD_SWEEP_START) |
	    EX_BIT(EXD_SWEEP_END) | EX_BIT(EXD_SWEEP_NRECORDED) |
	    EX_BIT(EXD_SWEEP_NSKIPPED);
	memcpy(sw.sw_hostname, host, len);
	sw.sw_hostname_len = (uint16_t)len;
	sw.sw_start = t * MS;
	sw.sw_end = (t + 5) * MS;
	sw.sw_nrec = n;
	if (pid != 0) {
		sw.sw_pid = pid;
		sw.sw_have |= EX_BIT(EXD_SWEEP_PID);
	}
	CHECK_INT(tl_sweep(&tl, &sw, NULL, 0), ==, 0);
}

/*
 * A sweep record that goes back in time, met while a sweep is read,
 * leaves that sweep alone: its processes all count (once a rejected
 * sweep wiped the one being read, and its records were all skipped).
 */
static void
test_rejected_sweep(void)
{
	begin();
	sweep(10000, 5, 2, 0, 0);
	proc(0, 1, 0, 10001, 1000);
	sweep(10000, 5, 2, 0, 0);	/* the same again: rejected */
	proc(0, 2, 0, 10002, 1000);
	sweep(20000, 5, 2, 0, 0);
	proc(0, 1, 0, 20001, 1500);
	proc(0, 2, 0, 20002, 1700);
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 1);
	CHECK_UINT(sums[0].ts_nproc, ==, 2);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 1200 * MS);	/* .5 + .7 */
	CHECK_UINT(sums[0].ts_lost, ==, 0);
	CHECK_UINT(tl.tl_st.tst_older, ==, 1);
	tl_free(&tl);
}

/*
 * More hosts than a run keeps apart: the ones past the limit are left
 * out and counted, never merged with another (once the last host took
 * every later one's records).
 */
static void
test_too_many_hosts(void)
{
	char name[16];
	int i;

	begin();
	sweep(10000, 5, 1, 0, 0);		/* host "h" */
	proc(0, 1, 0, 10001, 1000);
	for (i = 0; i < TL_MAX_HOSTS + 5; i++) {
		(void) snprintf(name, sizeof (name), "x%d", i);
		sweep_of(name, 10100, 0, 0);
	}
	sweep(20000, 5, 1, 0, 0);
	proc(0, 1, 0, 20001, 1400);
	tl_end(&tl);
	CHECK_UINT(tl.tl_nhost, ==, TL_MAX_HOSTS);
	CHECK_UINT(tl.tl_st.tst_full, ==, 6);	/* x1018 ... x1023 */
	CHECK_UINT(nsum, ==, 1);
	CHECK_UINT(sums[0].ts_span.sp_hostlen, ==, 1);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 400 * MS);
	tl_free(&tl);
}

/*
 * An exit record of a process no sweep saw, that started before its
 * interval began though the sweep there was complete, is not counted
 * whole (its start is off, as after a suspend): counted, in no
 * interval.  A sweep's own process, which the sweep leaves out, is told
 * by its pid in the sweep record: its exit counts whole, no earlier than
 * its sweep's end, and every later record of its process-accounting
 * file is taken as no earlier either (tl_mark).
 */
static void
test_unseen_exit(void)
{
	begin();
	sweep_of("h", 10000, 1, 77);
	proc(0, 1, 0, 10001, 1000);
	pacct(77, 9990, 10002, 30);	/* the sweeper: finish 9.992 s */
	CHECK_UINT(tl.tl_mark, ==, 10005 * MS);
	pacct(9, 5000, 15000, 800);	/* alive at 10 s, never seen */
	sweep_of("h", 20000, 1, 78);
	proc(0, 1, 0, 20001, 1100);
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 1);
	/* pid 1's 0.1 s and the sweeper's 0.03 s; not pid 9's 0.8 s. */
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 130 * MS);
	CHECK_UINT(sums[0].ts_exits, ==, 1);
	CHECK_UINT(tl.tl_st.tst_unplaced, ==, 1);
	CHECK_UINT(tl.tl_st.tst_marks, ==, 1);
	CHECK_UINT(tl.tl_st.tst_before, ==, 0);
	tl_free(&tl);
}

/*
 * More exit rows than a host keeps in memory wait in a temporary file:
 * every one still comes out, with its interval, when the interval ends.
 */
static size_t nrow_all;

static void
count_row(void *arg, const struct ex_proc *r, const struct tl_span *sp)
{
	(void) arg;
	(void) r;
	if (sp->sp_start == 10000 * MS && sp->sp_end == 20000 * MS)
		nrow_all++;
}

static void
test_many_exits(void)
{
	static const struct tl_out out = { count_row, on_sum, NULL };
	uint32_t i, n = TL_PEND_MEM * 2 + 7;

	nsum = nrow = nrow_all = 0;
	tl_init(&tl, &out, 1);
	sweep(10000, 5, 0, 0, 0);
	for (i = 0; i < n; i++)
		proc(1, 1000 + i, 11000, 12000 + i % 5000, 1);
	sweep(20000, 5, 0, 0, 0);
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 1);
	CHECK_UINT(sums[0].ts_exits, ==, n);
	CHECK_UINT(nrow_all, ==, n);
	CHECK_INT(tl.tl_err, ==, 0);
	tl_free(&tl);
}

/*
 * Two hosts: their intervals close on the merged input's clock, so the
 * summaries come out in time order among the hosts.
 */
static void
test_hosts_in_time(void)
{
	begin();
	sweep_of("a", 10000, 0, 0);
	sweep_of("b", 10500, 0, 0);
	sweep_of("a", 20000, 0, 0);
	sweep_of("b", 20500, 0, 0);
	sweep_of("a", 30000, 0, 0);
	sweep_of("b", 40000, 0, 0);
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 4);
	CHECK_UINT(sums[0].ts_span.sp_end, ==, 20000 * MS);
	CHECK_UINT(sums[1].ts_span.sp_end, ==, 20500 * MS);
	CHECK_UINT(sums[2].ts_span.sp_end, ==, 30000 * MS);
	CHECK_UINT(sums[3].ts_span.sp_end, ==, 40000 * MS);
	tl_free(&tl);
}

/* A drop record at end ms: count notifications, of host (NULL: none). */
static void
drops(const char *host, uint64_t start, uint64_t end, uint64_t count,
    int has_end)
{
	struct ex_drops d;

	memset(&d, 0, sizeof (d));
	d.ed_have = EX_BIT(EXD_DROPS_START) | EX_BIT(EXD_DROPS_COUNT) |
	    EX_BIT(EXD_DROPS_PID);
	if (host != NULL) {
		d.ed_have |= EX_BIT(EXD_DROPS_HOSTNAME);
		memcpy(d.ed_hostname, host, strlen(host));
		d.ed_hostname_len = (uint16_t)strlen(host);
	}
	if (has_end)
		d.ed_have |= EX_BIT(EXD_DROPS_END);
	d.ed_start = start * MS;
	d.ed_end = end * MS;
	d.ed_count = count;
	d.ed_pid = 99;
	CHECK_INT(tl_drops(&tl, &d, "h", 1), ==, 0);
}

/*
 * Drop records: the count is lost in the interval that holds the drop
 * record's end, as an exit record ending then would count (intervals
 * run (sweep k-1, sweep k]); one whose interval has closed counts in
 * the oldest open one; before the first sweep, after the last, with no
 * end, or of a host with no sweep, in none.  Every one is counted.
 * Sweeps of "h" at 10, 20, 30, 40 s, each seeing pid 1 (complete).
 */
static void
test_drops(void)
{
	begin();
	drops(NULL, 1000, 5000, 4, 1);		/* before any sweep: none */
	sweep(10000, 5, 1, 0, 0);
	proc(0, 1, 0, 10001, 100);
	drops("h", 5000, 9000, 8, 1);		/* before the first: none */
	drops(NULL, 10000, 15000, 3, 1);	/* the file's host: (10, 20] */
	drops("h", 15000, 20000, 2, 1);		/* at 20 s exactly: (10, 20] */
	drops("other", 10000, 15000, 16, 1);	/* never swept: none */
	sweep(20000, 5, 1, 0, 0);
	proc(0, 1, 0, 20001, 200);
	drops("h", 20000, 20500, 5, 1);		/* (20, 30] */
	drops("h", 20000, 21000, 0, 0);		/* no end: none */
	sweep(30000, 5, 1, 0, 0);
	proc(0, 1, 0, 30001, 300);
	sweep(40000, 5, 1, 0, 0);
	proc(0, 1, 0, 40001, 400);
	/*
	 * Met at 40.001 s, the input's time, when (20, 30] has closed
	 * (30.005 + 2 s): ended at 25 s, it counts in the oldest open one,
	 * (30, 40].
	 */
	drops("h", 20000, 25000, 32, 1);
	drops("h", 40000, 45000, 64, 1);	/* after the last sweep */
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 3);
	CHECK_UINT(sums[0].ts_span.sp_end, ==, 20000 * MS);
	CHECK_UINT(sums[0].ts_lost, ==, 5);	/* 3 + 2 */
	CHECK_UINT(sums[1].ts_lost, ==, 5);
	CHECK_UINT(sums[2].ts_lost, ==, 32);
	CHECK_UINT(sums[0].ts_exits, ==, 0);
	CHECK_UINT(sums[0].ts_nproc, ==, 1);
	CHECK_UINT(tl.tl_st.tst_drops, ==, 9);
	CHECK_UINT(tl.tl_st.tst_dropped, ==, 4 + 8 + 3 + 2 + 16 + 5 + 0 +
	    32 + 64);
	CHECK_UINT(tl.tl_st.tst_droplate, ==, 32);
	/* 4, 8, 16 and 64; the one of no end counts 0. */
	CHECK_UINT(tl.tl_st.tst_dropout, ==, 4 + 8 + 16 + 64);
	CHECK_UINT(tl.tl_st.tst_late, ==, 0);
	tl_free(&tl);
}
/*
 * The listener's exits have a host and no zone: one of a process the
 * sweeps saw in zone "global" joins it (0.4 s since the sweep, not its
 * whole 1.4 s; nothing lost), one of a process born and gone counts
 * whole (0.2 s); one of pid 2 started after the sweep (the swept pid 2
 * started at 0) is another process: whole (0.1 s), and the swept one,
 * missed by the complete sweep at 20 s, is lost.
 */
static void
test_listened(void)
{
	begin();
	sweep(10000, 5, 2, 0, 0);
	proc(0, 1, 0, 10001, 1000);
	proc(0, 2, 0, 10002, 1000);
	listened(1, 0, 15000, 1400);
	listened(3, 12000, 13000, 200);
	listened(2, 12500, 16000, 100);
	sweep(20000, 5, 0, 0, 0);
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 1);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 700 * MS);
	CHECK_UINT(sums[0].ts_exits, ==, 3);
	CHECK_UINT(sums[0].ts_lost, ==, 1);
	CHECK_UINT(iv_live(&tl.tl_iv), ==, 0);
	CHECK_UINT(tl.tl_st.tst_dup, ==, 0);
	tl_free(&tl);
}

/*
 * The same exits from the listener and from process accounting (given
 * -i both files): each counts once.  Pid 1, swept, ends at 15 s (0.4 s
 * since the sweep); pid 5, born and gone, 0.3 s.  Pid 5 again, a later
 * process of the same pid (started 14 s, ended 16 s, 0.1 s) from pacct
 * only: another exit, counted.
 */
static void
test_same_exit_twice(void)
{
	begin();
	sweep(10000, 5, 1, 0, 0);
	proc(0, 1, 0, 10001, 1000);
	listened(1, 0, 15000, 1400);
	listened(5, 12000, 13000, 300);
	pacct(5, 12000, 13000, 300);
	pacct(1, 0, 15000, 1400);
	pacct(5, 14000, 16000, 100);
	sweep(20000, 5, 0, 0, 0);
	tl_end(&tl);
	CHECK_UINT(nsum, ==, 1);
	CHECK_UINT(sums[0].ts_ctr[IVC_USER], ==, 800 * MS);
	CHECK_UINT(sums[0].ts_exits, ==, 3);
	CHECK_UINT(sums[0].ts_lost, ==, 0);
	CHECK_UINT(tl.tl_st.tst_dup, ==, 2);
	tl_free(&tl);
}

int
main(void)
{
	test_sweep_records();
	test_exits();
	test_late_exit();
	test_out_of_order();
	test_found_sweeps();
	test_rejected_sweep();
	test_too_many_hosts();
	test_unseen_exit();
	test_many_exits();
	test_hosts_in_time();
	test_drops();
	test_listened();
	test_same_exit_twice();
	test_property();
	TEST_DONE();
}
