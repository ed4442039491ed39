/*
 * test_interval.c: the interval engine, on scenarios worked out by hand
 * and on the property that the rows of a process that ended add up to its
 * final record.
 */
#include <stdlib.h>
#include <string.h>

#include "interval.h"
#include "test.h"

#define	NS	1000000000ull

/* A process record with the counters the engine differences. */
static struct ex_proc
rec(int kind, uint32_t pid, uint64_t start_ms, uint64_t end_ms,
    uint64_t usr_ms, uint64_t minf, uint64_t vcsw)
{
	struct ex_proc p;

	memset(&p, 0, sizeof (p));
	p.ep_kind = kind;
	p.ep_pid = pid;
	p.ep_start_sec = start_ms / 1000;
	p.ep_start_nsec = start_ms % 1000 * 1000000;
	p.ep_finish_sec = end_ms / 1000;
	p.ep_finish_nsec = end_ms % 1000 * 1000000;
	p.ep_user_sec = usr_ms / 1000;
	p.ep_user_nsec = usr_ms % 1000 * 1000000;
	p.ep_minflt = minf;
	p.ep_nvcsw = vcsw;
	p.ep_have = EX_BIT(EXD_PROC_PID) | EX_BIT(EXD_PROC_START_SEC) |
	    EX_BIT(EXD_PROC_START_NSEC) | EX_BIT(EXD_PROC_FINISH_SEC) |
	    EX_BIT(EXD_PROC_FINISH_NSEC) | EX_BIT(EXD_PROC_CPU_USER_SEC) |
	    EX_BIT(EXD_PROC_CPU_USER_NSEC) | EX_BIT(EXD_PROC_FAULTS_MINOR) |
	    EX_BIT(EXD_PROC_CONTEXT_VOL);
	return (p);
}

static uint64_t
ms_of(uint64_t sec, uint64_t nsec)
{
	return (sec * 1000 + nsec / 1000000);
}

/* Run one record; check the interval [from, to] and its usage. */
static void
step(struct iv *iv, const char *host, struct ex_proc r, uint64_t from_ms,
    uint64_t to_ms, uint64_t usr_ms, uint64_t minf, uint64_t vcsw)
{
	struct ex_proc row;

	CHECK_INT(iv_proc(iv, &r, host, host ? strlen(host) : 0, &row), ==, 0);
	CHECK_UINT(ms_of(row.ep_start_sec, row.ep_start_nsec), ==, from_ms);
	CHECK_UINT(ms_of(row.ep_finish_sec, row.ep_finish_nsec), ==, to_ms);
	CHECK_UINT(ms_of(row.ep_user_sec, row.ep_user_nsec), ==, usr_ms);
	CHECK_UINT(row.ep_minflt, ==, minf);
	CHECK_UINT(row.ep_nvcsw, ==, vcsw);
	CHECK_UINT(row.ep_pid, ==, r.ep_pid);
}

static void
test_exits_between_sweeps(void)
{
	struct iv iv;

	iv_init(&iv);
	/* Sweeps at 1060 and 1120; the process exits at 1150. */
	step(&iv, "h", rec(EXK_PARTIAL, 100, 1000000, 1060000, 1000, 10, 4),
	    1000000, 1060000, 1000, 10, 4);
	step(&iv, "h", rec(EXK_PARTIAL, 100, 1000000, 1120000, 3000, 25, 9),
	    1060000, 1120000, 2000, 15, 5);
	CHECK_UINT(iv_live(&iv), ==, 1);
	step(&iv, "h", rec(EXK_FINAL, 100, 1000000, 1150000, 4000, 30, 12),
	    1120000, 1150000, 1000, 5, 3);
	CHECK_UINT(iv_live(&iv), ==, 0);	/* the final record frees it */
	iv_free(&iv);
}

static void
test_born_and_dead_between_sweeps(void)
{
	struct iv iv;

	iv_init(&iv);
	/* Its only record is the final one: one row from its start. */
	step(&iv, "h", rec(EXK_FINAL, 7, 1061500, 1070250, 1234, 77, 3),
	    1061500, 1070250, 1234, 77, 3);
	CHECK_UINT(iv_live(&iv), ==, 0);
	iv_free(&iv);
}

static void
test_pid_reuse(void)
{
	struct iv iv;

	iv_init(&iv);
	/* With a final record of the old process in between. */
	step(&iv, "h", rec(EXK_PARTIAL, 200, 1000000, 1060000, 500, 5, 1),
	    1000000, 1060000, 500, 5, 1);
	step(&iv, "h", rec(EXK_FINAL, 200, 1000000, 1070000, 800, 9, 2),
	    1060000, 1070000, 300, 4, 1);
	step(&iv, "h", rec(EXK_PARTIAL, 200, 1075000, 1120000, 100, 2, 1),
	    1075000, 1120000, 100, 2, 1);
	/* Without: pid 300 comes back with another start time. */
	step(&iv, "h", rec(EXK_PARTIAL, 300, 1000000, 1060000, 5000, 50, 8),
	    1000000, 1060000, 5000, 50, 8);
	step(&iv, "h", rec(EXK_PARTIAL, 300, 1070000, 1120000, 2000, 20, 3),
	    1070000, 1120000, 2000, 20, 3);
	CHECK_UINT(iv_live(&iv), ==, 2);
	iv_free(&iv);
}

/*
 * User and system CPU go as a pair: a split that moves between them from
 * one record to the next counts what the sum grew by, once.
 */
static void
cpu_step(struct iv *iv, int kind, uint64_t end_ms, uint64_t usr_ms,
    uint64_t sys_ms, uint64_t want_usr, uint64_t want_sys)
{
	struct ex_proc r = rec(kind, 7, 0, end_ms, usr_ms, 0, 0), row;

	r.ep_sys_sec = sys_ms / 1000;
	r.ep_sys_nsec = sys_ms % 1000 * 1000000;
	r.ep_have |= EX_BIT(EXD_PROC_CPU_SYS_SEC) | EX_BIT(EXD_PROC_CPU_SYS_NSEC);
	CHECK_INT(iv_proc(iv, &r, "h", 1, &row), ==, 0);
	CHECK_UINT(ms_of(row.ep_user_sec, row.ep_user_nsec), ==, want_usr);
	CHECK_UINT(ms_of(row.ep_sys_sec, row.ep_sys_nsec), ==, want_sys);
}

static void
test_cpu_pair(void)
{
	struct iv iv;

	iv_init(&iv);
	cpu_step(&iv, EXK_PARTIAL, 1000, 100, 50, 100, 50);
	/* 150 -> 170: user fell by 2, system rose by 22: 0 and 20. */
	cpu_step(&iv, EXK_PARTIAL, 2000, 98, 72, 0, 20);
	/* 170 -> 175: system fell by 1, user rose by 6: 5 and 0. */
	cpu_step(&iv, EXK_PARTIAL, 3000, 104, 71, 5, 0);
	/* Both rose: each its own growth, 3 and 4. */
	cpu_step(&iv, EXK_PARTIAL, 4000, 107, 75, 3, 4);
	/*
	 * The final record: given out so far 108 user, 74 system (182);
	 * totals 105 + 80 = 185: user below what was given, so 0 and 3.
	 */
	cpu_step(&iv, EXK_FINAL, 5000, 105, 80, 0, 3);
	iv_free(&iv);
}

static void
test_falling_counter(void)
{
	struct iv iv;

	iv_init(&iv);
	/* A thread exits between sweeps 1 and 2: the count falls 10 -> 6. */
	step(&iv, "h", rec(EXK_PARTIAL, 9, 0, 60000, 100, 10, 10),
	    0, 60000, 100, 10, 10);
	step(&iv, "h", rec(EXK_PARTIAL, 9, 0, 120000, 200, 6, 6),
	    60000, 120000, 100, 0, 0);
	/* The next interval counts from the lower value: 9 - 6. */
	step(&iv, "h", rec(EXK_PARTIAL, 9, 0, 180000, 300, 9, 9),
	    120000, 180000, 100, 3, 3);
	/* The totals 15 less the 13 already given out. */
	step(&iv, "h", rec(EXK_FINAL, 9, 0, 200000, 350, 15, 15),
	    180000, 200000, 50, 2, 2);
	iv_free(&iv);
}

static void
test_start_jitter(void)
{
	struct iv iv;

	iv_init(&iv);
	step(&iv, "h", rec(EXK_PARTIAL, 42, 1000200, 1060000, 100, 1, 1),
	    1000200, 1060000, 100, 1, 1);
	/* 0.7 s later start: the same process after a clock step. */
	step(&iv, "h", rec(EXK_PARTIAL, 42, 1000900, 1120000, 300, 3, 3),
	    1060000, 1120000, 200, 2, 2);
	/* 1.1 s from the first start: another process. */
	step(&iv, "h", rec(EXK_PARTIAL, 42, 1001300, 1180000, 50, 1, 1),
	    1001300, 1180000, 50, 1, 1);
	iv_free(&iv);
}

static void
test_two_hosts(void)
{
	struct iv iv;
	struct ex_proc r;

	iv_init(&iv);
	step(&iv, "alpha", rec(EXK_PARTIAL, 5, 0, 60000, 100, 1, 1),
	    0, 60000, 100, 1, 1);
	step(&iv, "beta", rec(EXK_PARTIAL, 5, 0, 60000, 700, 7, 7),
	    0, 60000, 700, 7, 7);
	step(&iv, "alpha", rec(EXK_PARTIAL, 5, 0, 120000, 300, 3, 3),
	    60000, 120000, 200, 2, 2);
	step(&iv, "beta", rec(EXK_PARTIAL, 5, 0, 120000, 900, 9, 9),
	    60000, 120000, 200, 2, 2);
	/* A hostname item in the record wins over the file's. */
	r = rec(EXK_PARTIAL, 5, 0, 180000, 1000, 10, 10);
	memcpy(r.ep_hostname, "beta", 4);
	r.ep_hostname_len = 4;
	r.ep_have |= EX_BIT(EXD_PROC_HOSTNAME);
	step(&iv, "alpha", r, 120000, 180000, 100, 1, 1);
	/* Zones apart too. */
	r = rec(EXK_PARTIAL, 5, 0, 180000, 2000, 20, 20);
	memcpy(r.ep_zone, "z1", 2);
	r.ep_zone_len = 2;
	r.ep_have |= EX_BIT(EXD_PROC_ZONENAME);
	step(&iv, "alpha", r, 0, 180000, 2000, 20, 20);
	CHECK_UINT(iv_live(&iv), ==, 3);
	iv_free(&iv);
}

static void
test_tasks(void)
{
	struct iv iv;
	struct ex_task t, row;

	iv_init(&iv);
	memset(&t, 0, sizeof (t));
	t.et_kind = EXK_INTERVAL;
	t.et_taskid = 3;
	t.et_user_sec = 5;
	t.et_have = EX_BIT(EXD_TASK_TASKID) | EX_BIT(EXD_TASK_CPU_USER_SEC);
	CHECK_INT(iv_task(&iv, &t, NULL, 0, &row), ==, 0);
	CHECK_UINT(row.et_user_sec, ==, 5);	/* passed through */
	CHECK_UINT(iv_live(&iv), ==, 0);

	t.et_kind = EXK_PARTIAL;
	t.et_start_sec = 100;
	t.et_finish_sec = 160;
	t.et_have |= EX_BIT(EXD_TASK_START_SEC) | EX_BIT(EXD_TASK_FINISH_SEC);
	CHECK_INT(iv_task(&iv, &t, NULL, 0, &row), ==, 0);
	CHECK_UINT(row.et_user_sec, ==, 5);
	CHECK_UINT(row.et_start_sec, ==, 100);
	t.et_kind = EXK_FINAL;
	t.et_finish_sec = 200;
	t.et_user_sec = 8;
	CHECK_INT(iv_task(&iv, &t, NULL, 0, &row), ==, 0);
	CHECK_UINT(row.et_user_sec, ==, 3);
	CHECK_UINT(row.et_start_sec, ==, 160);
	CHECK_UINT(row.et_finish_sec, ==, 200);
	CHECK_UINT(iv_live(&iv), ==, 0);
	iv_free(&iv);
}

/*
 * The property: a process of several threads, swept at random times.
 * Partial records carry cpu of all threads but the other counters of the
 * live threads only; the final record carries the totals.  Whatever the
 * sequence, the rows of each process sum to its final record.
 */
static uint64_t seed = 12345;

static uint64_t
rnd(uint64_t n)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return ((seed >> 33) % n);
}

#define	NPROC	8
#define	NTHR	6

struct model {
	uint32_t	m_pid;
	uint64_t	m_start;		/* ms */
	int		m_alive[NTHR];
	uint64_t	m_thr[NTHR][2];		/* minflt, vcsw per thread */
	uint64_t	m_dead[2];		/* of exited threads */
	uint64_t	m_cpu;			/* ms, all threads */
	uint64_t	m_rows[3];		/* usr, minflt, vcsw given out */
	int		m_live;
};

static struct ex_proc
model_rec(const struct model *m, int final, uint64_t now)
{
	uint64_t c[2] = { 0, 0 };
	int i, k;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < NTHR; i++)
			if (m->m_alive[i] || final)
				c[k] += m->m_thr[i][k];
	}
	return (rec(final ? EXK_FINAL : EXK_PARTIAL, m->m_pid, m->m_start,
	    now, m->m_cpu, c[0], c[1]));
}

static void
test_sum_property(void)
{
	struct iv iv;
	struct model m[NPROC];
	int round, i, t, checked = 0, bad = 0;
	uint64_t now = 1000000;
	uint32_t nextpid = 1000;
	uint64_t laststart[20];

	iv_init(&iv);
	memset(m, 0, sizeof (m));
	memset(laststart, 0, sizeof (laststart));
	for (round = 0; round < 4000; round++) {
		struct model *p = &m[rnd(NPROC)];
		struct ex_proc r, row;

		now += 1 + rnd(5000);
		if (!p->m_live) {
			/* Reuse a pid no live process holds, started > 1 s ago. */
			uint32_t pid = (uint32_t)rnd(20);
			int k;

			for (k = 0; k < NPROC; k++)
				if (m[k].m_live && m[k].m_pid == pid)
					break;
			if (k < NPROC || laststart[pid] + 1001 > now)
				pid = nextpid++;
			else
				laststart[pid] = now;
			memset(p, 0, sizeof (*p));
			p->m_pid = pid;
			p->m_start = now;
			p->m_live = 1;
			for (t = 0; t < NTHR; t++)
				p->m_alive[t] = rnd(2) || t == 0;
		}
		/* Work, thread exits and new threads. */
		p->m_cpu += rnd(900);
		for (t = 0; t < NTHR; t++) {
			if (!p->m_alive[t]) {
				continue;
			}
			p->m_thr[t][0] += rnd(40);
			p->m_thr[t][1] += rnd(10);
			if (t > 0 && rnd(5) == 0)
				p->m_alive[t] = 0;
		}
		switch (rnd(4)) {
		case 0:
			/* Exit: the final record, then check the sums. */
			r = model_rec(p, 1, now);
			(void) iv_proc(&iv, &r, "m", 1, &row);
			p->m_rows[0] += ms_of(row.ep_user_sec,
			    row.ep_user_nsec);
			p->m_rows[1] += row.ep_minflt;
			p->m_rows[2] += row.ep_nvcsw;
			if (p->m_rows[0] != p->m_cpu ||
			    p->m_rows[1] != r.ep_minflt ||
			    p->m_rows[2] != r.ep_nvcsw)
				bad++;
			checked++;
			p->m_live = 0;
			break;
		default:
			r = model_rec(p, 0, now);
			(void) iv_proc(&iv, &r, "m", 1, &row);
			p->m_rows[0] += ms_of(row.ep_user_sec,
			    row.ep_user_nsec);
			p->m_rows[1] += row.ep_minflt;
			p->m_rows[2] += row.ep_nvcsw;
			break;
		}
	}
	for (i = 0; i < NPROC; i++)
		(void) m[i];
	CHECK_INT(checked, >, 500);
	CHECK_INT(bad, ==, 0);
	iv_free(&iv);
}

/* A record of rec()'s with the four waits (ns) and the CPU's source. */
static struct ex_proc
wrec(int kind, uint64_t end_ms, uint64_t usr_ms, const uint64_t *w,
    uint32_t src)
{
	struct ex_proc p = rec(kind, 500, 1000000, end_ms, usr_ms, 0, 0);

	if (w != NULL) {
		p.ep_wait_cpu = w[0];
		p.ep_wait_blkio = w[1];
		p.ep_wait_swapin = w[2];
		p.ep_wait_reclaim = w[3];
		p.ep_have |= EX_BIT(EXD_PROC_WAIT_CPU) |
		    EX_BIT(EXD_PROC_WAIT_BLKIO) | EX_BIT(EXD_PROC_WAIT_SWAPIN) |
		    EX_BIT(EXD_PROC_WAIT_RECLAIM);
	}
	if (src != 0) {
		p.ep_cpu_source = src;
		p.ep_have |= EX_BIT(EXD_PROC_CPU_SOURCE);
	}
	return (p);
}

#define	WAITS	(EX_BIT(EXD_PROC_WAIT_CPU) |				\
	EX_BIT(EXD_PROC_WAIT_BLKIO) | EX_BIT(EXD_PROC_WAIT_SWAPIN) |	\
	EX_BIT(EXD_PROC_WAIT_RECLAIM))

/*
 * The waits are differenced as the other counters are: a fall gives 0
 * and the next interval counts from the lower value, the final record's
 * interval gets its totals less what was given out.  A record without
 * them leaves them out of its row and the process's state as it was.
 * The CPU's source is the record's, as it is.
 */
static void
test_waits(void)
{
	/* cpu, blkio, swapin, reclaim (ns) at each record */
	static const uint64_t w1[4] = { 1000, 500, 0, 7 };
	static const uint64_t w2[4] = { 4000, 300, 0, 7 };	/* blkio fell */
	static const uint64_t w4[4] = { 9000, 350, 10, UINT64_C(1) << 40 };
	static const uint64_t w5[4] = { 9500, 900, 10, UINT64_C(1) << 40 };
	struct iv iv;
	struct ex_proc row;
	struct ex_proc r;

	iv_init(&iv);
	/* The first: everything since the start. */
	r = wrec(EXK_PARTIAL, 1060000, 100, w1, EXCPU_SAMPLED);
	CHECK_INT(iv_proc(&iv, &r, "h", 1, &row), ==, 0);
	CHECK_UINT(row.ep_have & WAITS, ==, WAITS);
	CHECK_UINT(row.ep_wait_cpu, ==, 1000);
	CHECK_UINT(row.ep_wait_blkio, ==, 500);
	CHECK_UINT(row.ep_wait_swapin, ==, 0);
	CHECK_UINT(row.ep_wait_reclaim, ==, 7);
	CHECK(EP_HAS(&row, EXD_PROC_CPU_SOURCE));
	CHECK_UINT(row.ep_cpu_source, ==, EXCPU_SAMPLED);
	/* 4000 - 1000; blkio 500 -> 300: 0; the others unchanged: 0. */
	r = wrec(EXK_PARTIAL, 1120000, 200, w2, EXCPU_EXACT);
	CHECK_INT(iv_proc(&iv, &r, "h", 1, &row), ==, 0);
	CHECK_UINT(row.ep_wait_cpu, ==, 3000);
	CHECK_UINT(row.ep_wait_blkio, ==, 0);
	CHECK_UINT(row.ep_wait_swapin, ==, 0);
	CHECK_UINT(row.ep_wait_reclaim, ==, 0);
	CHECK_UINT(row.ep_cpu_source, ==, EXCPU_EXACT);
	/* No waits, no source: none in the row; the cpu still moves. */
	r = wrec(EXK_PARTIAL, 1180000, 300, NULL, 0);
	CHECK_INT(iv_proc(&iv, &r, "h", 1, &row), ==, 0);
	CHECK_UINT(row.ep_have & (WAITS | EX_BIT(EXD_PROC_CPU_SOURCE)), ==, 0);
	CHECK_UINT(ms_of(row.ep_user_sec, row.ep_user_nsec), ==, 100);
	/* From the last record that had them: 9000 - 4000, 350 - 300. */
	r = wrec(EXK_PARTIAL, 1240000, 400, w4, EXCPU_TICKS);
	CHECK_INT(iv_proc(&iv, &r, "h", 1, &row), ==, 0);
	CHECK_UINT(row.ep_wait_cpu, ==, 5000);
	CHECK_UINT(row.ep_wait_blkio, ==, 50);
	CHECK_UINT(row.ep_wait_swapin, ==, 10);
	CHECK_UINT(row.ep_wait_reclaim, ==, (UINT64_C(1) << 40) - 7);
	CHECK_UINT(row.ep_cpu_source, ==, EXCPU_TICKS);
	/*
	 * Final: the totals less what was given out: cpu 9500 - (1000 +
	 * 3000 + 5000) = 500; blkio 900 - (500 + 0 + 50) = 350; swapin
	 * 10 - 10 = 0; reclaim 2^40 - (7 + 2^40 - 7) = 0.
	 */
	r = wrec(EXK_FINAL, 1250000, 450, w5, 0);
	CHECK_INT(iv_proc(&iv, &r, "h", 1, &row), ==, 0);
	CHECK_UINT(row.ep_wait_cpu, ==, 500);
	CHECK_UINT(row.ep_wait_blkio, ==, 350);
	CHECK_UINT(row.ep_wait_swapin, ==, 0);
	CHECK_UINT(row.ep_wait_reclaim, ==, 0);
	CHECK(!EP_HAS(&row, EXD_PROC_CPU_SOURCE));
	CHECK_UINT(iv_live(&iv), ==, 0);
	/* The counters' mask: the waits by their IVC_* bits. */
	{
		uint64_t c[IV_NCTR];
		unsigned have;

		memset(c, 0, sizeof (c));
		r = wrec(EXK_PARTIAL, 1, 0, w4, 0);
		have = iv_proc_counters(&r, c);
		CHECK_UINT(have, ==, 1u << IVC_USER | 1u << IVC_MINFLT |
		    1u << IVC_NVCSW | 1u << IVC_WAIT_CPU |
		    1u << IVC_WAIT_BLKIO | 1u << IVC_WAIT_SWAPIN |
		    1u << IVC_WAIT_RECLAIM);
		CHECK_UINT(c[IVC_WAIT_CPU], ==, 9000);
		CHECK_UINT(c[IVC_WAIT_BLKIO], ==, 350);
		CHECK_UINT(c[IVC_WAIT_SWAPIN], ==, 10);
		CHECK_UINT(c[IVC_WAIT_RECLAIM], ==, UINT64_C(1) << 40);
	}
	iv_free(&iv);
}

int
main(void)
{
	test_exits_between_sweeps();
	test_born_and_dead_between_sweeps();
	test_pid_reuse();
	test_falling_counter();
	test_cpu_pair();
	test_start_jitter();
	test_two_hosts();
	test_tasks();
	test_waits();
	test_sum_property();
	TEST_DONE();
}
