/*
 * test_exitrec.c: the taskstats decoder and netlink parser on hand-built
 * bytes (hostile ones in exactly-sized buffers, so that a sanitizer sees
 * any overread), and the per-process sums of exitrec_linux.c: records of
 * one thread and of many, stale sums, a full table, expiry with the
 * backward-shift deletion, and xr_muldiv.  Linux only.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "exacct.h"
#include "exdump.h"
#include "records.h"

const char *progname = "test_exitrec";

#if defined(__linux__)

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/taskstats.h>

#include "exitrec.h"
#include "taskstats.h"

#define	OFF(f)		offsetof(struct taskstats, f)
#define	END(f)	(OFF(f) + sizeof (((struct taskstats *)0)->f))
#define	TSZ		sizeof (struct taskstats)

#define	HAVE_ALL	(TSH_BASE | TSH_DELAYS | TSH_XACCT | TSH_IO | \
	TSH_CSW | TSH_RECLAIM | TSH_TGID)

/* coremem is MiB x us (kernel/tsacct.c: pages x ns / 1024 x PAGE_SIZE /
 * (1000 x 1024)), so the average RSS in KiB is coremem x 1024 / CPU us. */
#define	KIB_PER_MIB	1024

static void
put64(uint8_t *b, size_t off, uint64_t v)
{
	memcpy(b + off, &v, sizeof (v));
}

static void
put32(uint8_t *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof (v));
}

static void
put16(uint8_t *b, size_t off, uint16_t v)
{
	memcpy(b + off, &v, sizeof (v));
}

/* ---- 1. ts_decode_stats ------------------------------------------ */

/*
 * A struct taskstats with a distinct value in every field the decoder
 * reads, and 0xee in every other byte (padding and unread fields).
 */
static void
fill_stats(uint8_t *b, size_t len)
{
	memset(b, 0xee, len);
	put16(b, OFF(version), 13);
	put32(b, OFF(ac_exitcode), 0x8b);
	b[OFF(ac_flag)] = TS_AFORK | TS_AGROUP;
	put64(b, OFF(cpu_count), 101);
	put64(b, OFF(cpu_delay_total), 102);
	put64(b, OFF(blkio_delay_total), 103);
	put64(b, OFF(swapin_delay_total), 104);
	put64(b, OFF(cpu_run_real_total), 105);
	put64(b, OFF(cpu_run_virtual_total), 106);
	memset(b + OFF(ac_comm), 0, TS_COMM_LEN);
	memcpy(b + OFF(ac_comm), "sleepy", 6);
	put32(b, OFF(ac_uid), 201);
	put32(b, OFF(ac_gid), 202);
	put32(b, OFF(ac_pid), 203);
	put32(b, OFF(ac_ppid), 204);
	put32(b, OFF(ac_btime), 1700000000);
	put64(b, OFF(ac_etime), 301);
	put64(b, OFF(ac_utime), 302);
	put64(b, OFF(ac_stime), 303);
	put64(b, OFF(ac_minflt), 304);
	put64(b, OFF(ac_majflt), 305);
	put64(b, OFF(coremem), 401);
	put64(b, OFF(hiwater_rss), 402);
	put64(b, OFF(read_char), 403);
	put64(b, OFF(write_char), 404);
	put64(b, OFF(read_syscalls), 405);
	put64(b, OFF(write_syscalls), 406);
	put64(b, OFF(read_bytes), 501);
	put64(b, OFF(write_bytes), 502);
	put64(b, OFF(nvcsw), 503);
	put64(b, OFF(nivcsw), 504);
	put64(b, OFF(freepages_delay_total), 601);
	put64(b, OFF(ac_btime64), UINT64_C(5000000000));	/* past 2106 */
	put32(b, OFF(ac_tgid), 701);
	put64(b, OFF(ac_tgetime), 702);
}

/* What the decoder gives for the fill_stats() bytes cut to len. */
static void
check_decoded(const struct ts_stats *s, size_t len, int line)
{
	unsigned want = TSH_BASE | TSH_DELAYS;
	int fails = test_failed;

	if (len >= END(write_syscalls))
		want |= TSH_XACCT;
	if (len >= END(write_bytes))
		want |= TSH_IO;
	if (len >= END(nivcsw))
		want |= TSH_CSW;
	if (len >= END(freepages_delay_total))
		want |= TSH_RECLAIM;
	if (len >= END(ac_tgetime))
		want |= TSH_TGID;
	CHECK_UINT(s->ts_have, ==, want);
	CHECK_UINT(s->ts_version, ==, 13);
	CHECK_UINT(s->ts_exitcode, ==, 0x8b);
	CHECK_UINT(s->ts_flag, ==, TS_AFORK | TS_AGROUP);
	CHECK_UINT(s->ts_cpu_count, ==, 101);
	CHECK_UINT(s->ts_cpu_delay, ==, 102);
	CHECK_UINT(s->ts_blkio_delay, ==, 103);
	CHECK_UINT(s->ts_swapin_delay, ==, 104);
	CHECK_UINT(s->ts_run_real, ==, 105);
	CHECK_UINT(s->ts_run_virtual, ==, 106);
	CHECK_STR(s->ts_comm, "sleepy");
	CHECK_UINT(s->ts_uid, ==, 201);
	CHECK_UINT(s->ts_gid, ==, 202);
	CHECK_UINT(s->ts_pid, ==, 203);
	CHECK_UINT(s->ts_ppid, ==, 204);
	/* The 64-bit begin time replaces the 32-bit one where it came. */
	CHECK_UINT(s->ts_btime, ==, len >= END(ac_btime64) ?
	    UINT64_C(5000000000) : 1700000000);
	CHECK_UINT(s->ts_etime_us, ==, 301);
	CHECK_UINT(s->ts_utime_us, ==, 302);
	CHECK_UINT(s->ts_stime_us, ==, 303);
	CHECK_UINT(s->ts_minflt, ==, 304);
	CHECK_UINT(s->ts_majflt, ==, 305);
	CHECK_UINT(s->ts_coremem, ==, (want & TSH_XACCT) ? 401 : 0);
	CHECK_UINT(s->ts_hiwater_rss_k, ==, (want & TSH_XACCT) ? 402 : 0);
	CHECK_UINT(s->ts_read_char, ==, (want & TSH_XACCT) ? 403 : 0);
	CHECK_UINT(s->ts_write_char, ==, (want & TSH_XACCT) ? 404 : 0);
	CHECK_UINT(s->ts_read_syscalls, ==, (want & TSH_XACCT) ? 405 : 0);
	CHECK_UINT(s->ts_write_syscalls, ==, (want & TSH_XACCT) ? 406 : 0);
	CHECK_UINT(s->ts_read_bytes, ==, (want & TSH_IO) ? 501 : 0);
	CHECK_UINT(s->ts_write_bytes, ==, (want & TSH_IO) ? 502 : 0);
	CHECK_UINT(s->ts_nvcsw, ==, (want & TSH_CSW) ? 503 : 0);
	CHECK_UINT(s->ts_nivcsw, ==, (want & TSH_CSW) ? 504 : 0);
	CHECK_UINT(s->ts_freepages_delay, ==, (want & TSH_RECLAIM) ? 601 : 0);
	CHECK_UINT(s->ts_tgid, ==, (want & TSH_TGID) ? 701 : 0);
	CHECK_UINT(s->ts_tgetime_us, ==, (want & TSH_TGID) ? 702 : 0);
	if (test_failed != fails)
		(void) printf("  (decoding %zu bytes, called from line %d)\n",
		    len, line);
}

/* Decode the first len bytes of full, from an exactly-sized copy. */
static int
decode_len(const uint8_t *full, size_t len, struct ts_stats *s)
{
	uint8_t *b = malloc(len ? len : 1);
	int r;

	if (b == NULL)
		abort();
	memcpy(b, full, len);
	r = ts_decode_stats(b, len, s);
	free(b);
	return (r);
}

static void
test_decode(void)
{
	uint8_t full[TSZ + 64];
	struct ts_stats s;
	size_t lens[] = {
		END(ac_majflt),
		END(write_syscalls) - 1,
		END(write_syscalls),
		END(write_bytes) - 1,
		END(write_bytes),
		END(nivcsw) - 1,
		END(nivcsw),
		END(freepages_delay_total) - 1,
		END(freepages_delay_total),
		END(ac_btime64) - 1,
		END(ac_btime64),
		END(ac_tgetime) - 1,
		END(ac_tgetime),
		TSZ,
		TSZ + 64,		/* a newer kernel's longer struct */
	};
	size_t i;

	fill_stats(full, sizeof (full));

	/* Too short for the base: -1. */
	memset(&s, 0x55, sizeof (s));
	CHECK_INT(decode_len(full, END(ac_majflt) - 1, &s), ==, -1);
	CHECK_UINT(s.ts_have, ==, 0);
	CHECK_INT(decode_len(full, 0, &s), ==, -1);
	CHECK_INT(decode_len(full, END(cpu_run_virtual_total), &s), ==, -1);

	for (i = 0; i < sizeof (lens) / sizeof (lens[0]); i++) {
		memset(&s, 0x55, sizeof (s));
		CHECK_INT(decode_len(full, lens[i], &s), ==, 0);
		check_decoded(&s, lens[i], __LINE__);
	}

	/* Exactly up to write_syscalls: XACCT, but no IO, CSW or TGID. */
	CHECK_INT(decode_len(full, END(write_syscalls), &s), ==, 0);
	CHECK_UINT(s.ts_have, ==, TSH_BASE | TSH_DELAYS | TSH_XACCT);
	CHECK(!(s.ts_have & (TSH_IO | TSH_CSW | TSH_TGID | TSH_RECLAIM)));
	/* The full struct: every bit. */
	CHECK_INT(decode_len(full, TSZ, &s), ==, 0);
	CHECK_UINT(s.ts_have, ==, HAVE_ALL);
	CHECK_INT(decode_len(full, TSZ + 64, &s), ==, 0);
	CHECK_UINT(s.ts_have, ==, HAVE_ALL);

	/* A 32-byte comm with no NUL in its first 16: cut to 15 + NUL. */
	memcpy(full + OFF(ac_comm), "abcdefghijklmnopqrstuvwxyz012345",
	    TS_COMM_LEN);
	CHECK_INT(decode_len(full, TSZ, &s), ==, 0);
	CHECK_STR(s.ts_comm, "abcdefghijklmno");
	CHECK_UINT(strlen(s.ts_comm), ==, 15);
	/* Exactly 15 then a NUL; and an empty one. */
	memcpy(full + OFF(ac_comm), "fifteen-chars-x\0zzzz", 20);
	CHECK_INT(decode_len(full, TSZ, &s), ==, 0);
	CHECK_STR(s.ts_comm, "fifteen-chars-x");
	memset(full + OFF(ac_comm), 0, TS_COMM_LEN);
	full[OFF(ac_comm) + 1] = 'q';
	CHECK_INT(decode_len(full, TSZ, &s), ==, 0);
	CHECK_STR(s.ts_comm, "");
}

/* ---- 2. ts_parse --------------------------------------------------- */

#define	FAMILY	0x1b

struct nb {
	uint8_t	b[8192];
	size_t	n;
};

static void
nb_pad(struct nb *w)
{
	while (w->n % 4 != 0)
		w->b[w->n++] = 0;
}

static size_t
nb_msg(struct nb *w, uint16_t type)
{
	struct nlmsghdr h;
	struct genlmsghdr g;
	size_t at = w->n;

	memset(&h, 0, sizeof (h));
	h.nlmsg_type = type;
	h.nlmsg_seq = 7;
	memcpy(w->b + w->n, &h, sizeof (h));
	w->n += NLMSG_HDRLEN;
	memset(&g, 0, sizeof (g));
	g.cmd = TASKSTATS_CMD_NEW;
	g.version = 1;
	memcpy(w->b + w->n, &g, sizeof (g));
	w->n += GENL_HDRLEN;
	return (at);
}

static void
nb_msg_end(struct nb *w, size_t at)
{
	put32(w->b, at + offsetof(struct nlmsghdr, nlmsg_len),
	    (uint32_t)(w->n - at));
}

static size_t
nb_nest(struct nb *w, uint16_t type)
{
	size_t at = w->n;

	put16(w->b, at + offsetof(struct nlattr, nla_type), type);
	w->n += NLA_HDRLEN;
	return (at);
}

static void
nb_nest_end(struct nb *w, size_t at)
{
	put16(w->b, at + offsetof(struct nlattr, nla_len),
	    (uint16_t)(w->n - at));
}

static size_t
nb_attr(struct nb *w, uint16_t type, const void *p, size_t len)
{
	size_t at = w->n;

	put16(w->b, at + offsetof(struct nlattr, nla_len),
	    (uint16_t)(NLA_HDRLEN + len));
	put16(w->b, at + offsetof(struct nlattr, nla_type), type);
	memcpy(w->b + at + NLA_HDRLEN, p, len);
	w->n += NLA_HDRLEN + len;
	nb_pad(w);
	return (at);
}

static size_t
nb_u32(struct nb *w, uint16_t type, uint32_t v)
{
	return (nb_attr(w, type, &v, sizeof (v)));
}

/* A struct taskstats for thread pid of process tgid. */
static void
mk_stats(uint8_t *b, uint32_t pid, uint32_t tgid, uint64_t minflt)
{
	fill_stats(b, TSZ);
	put32(b, OFF(ac_pid), pid);
	put32(b, OFF(ac_tgid), tgid);
	put64(b, OFF(ac_minflt), minflt);
}

/* An AGGR_PID (or AGGR_TGID) attribute: the id, then the stats. */
static void
nb_aggr(struct nb *w, uint16_t aggr, uint16_t idtype, uint32_t id,
    const uint8_t *st, size_t stlen)
{
	size_t a = nb_nest(w, aggr);

	(void) nb_u32(w, idtype, id);
	(void) nb_attr(w, TASKSTATS_TYPE_STATS, st, stlen);
	nb_nest_end(w, a);
}

/* ts_parse on an exactly-sized copy of [p, p + n). */
static int
parse_exact(const uint8_t *p, size_t n, struct ts_msg *m, int *err,
    size_t *used)
{
	uint8_t *b = malloc(n ? n : 1);
	int r;

	if (b == NULL)
		abort();
	memcpy(b, p, n);
	r = ts_parse(b, n, FAMILY, m, err, used);
	free(b);
	return (r);
}

static void
test_parse_good(void)
{
	uint8_t st[TSZ], tg[TSZ];
	struct nb *w = calloc(1, sizeof (*w));
	struct ts_msg m;
	struct nlmsgerr e;
	struct nlmsghdr h;
	size_t at, used, at2, at3, l1;
	int err;

	if (w == NULL)
		abort();

	/* A thread's exit alone. */
	mk_stats(st, 4242, 4200, 11);
	at = nb_msg(w, FAMILY);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_PID, TASKSTATS_TYPE_PID, 4242, st,
	    TSZ);
	nb_msg_end(w, at);
	used = 0;
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_STATS);
	CHECK_UINT(used, ==, w->n);
	CHECK_UINT(m.tm_pid, ==, 4242);
	CHECK_INT(m.tm_have_tgid, ==, 0);
	CHECK_UINT(m.tm_stats.ts_have, ==, HAVE_ALL);
	CHECK_UINT(m.tm_stats.ts_pid, ==, 4242);
	CHECK_UINT(m.tm_stats.ts_tgid, ==, 4200);
	CHECK_UINT(m.tm_stats.ts_minflt, ==, 11);
	CHECK_STR(m.tm_stats.ts_comm, "sleepy");

	/* The last thread: its stats and the group's. */
	w->n = 0;
	mk_stats(st, 4243, 4200, 12);
	mk_stats(tg, 0, 4200, 99);
	put64(tg, OFF(cpu_run_virtual_total), 123456);
	at = nb_msg(w, FAMILY);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_PID, TASKSTATS_TYPE_PID, 4243, st,
	    TSZ);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_TGID, TASKSTATS_TYPE_TGID, 4200, tg,
	    TSZ);
	nb_msg_end(w, at);
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_STATS);
	CHECK_UINT(used, ==, w->n);
	CHECK_UINT(m.tm_pid, ==, 4243);
	CHECK_UINT(m.tm_stats.ts_minflt, ==, 12);
	CHECK_INT(m.tm_have_tgid, ==, 1);
	CHECK_UINT(m.tm_tgid, ==, 4200);
	CHECK_UINT(m.tm_tg.ts_minflt, ==, 99);
	CHECK_UINT(m.tm_tg.ts_run_virtual, ==, 123456);
	CHECK_UINT(m.tm_stats.ts_run_virtual, ==, 106);

	/* A thread group's reply to a query: AGGR_TGID alone. */
	w->n = 0;
	at = nb_msg(w, FAMILY);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_TGID, TASKSTATS_TYPE_TGID, 4200, tg,
	    TSZ);
	nb_msg_end(w, at);
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_STATS);
	CHECK_INT(m.tm_have_tgid, ==, 1);
	CHECK_UINT(m.tm_tgid, ==, 4200);
	CHECK_UINT(m.tm_tg.ts_minflt, ==, 99);

	/*
	 * Attributes of other types, of lengths that are not multiples of
	 * 4, ahead of the ones used at both levels: skipped, to the next
	 * aligned one.  The type's flag bits are not its type.
	 */
	w->n = 0;
	mk_stats(st, 4244, 4200, 13);
	at = nb_msg(w, FAMILY);
	(void) nb_attr(w, TASKSTATS_TYPE_NULL, "\x01\x02\x03\x04\x05", 5);
	{
		/* With the nested flag, which newer kernels set. */
		size_t a = nb_nest(w, TASKSTATS_TYPE_AGGR_PID | NLA_F_NESTED);

		(void) nb_attr(w, 99, "\x09", 1);
		(void) nb_u32(w, TASKSTATS_TYPE_PID, 4244);
		(void) nb_attr(w, 98, "\x01\x02\x03\x04\x05\x06\x07", 7);
		(void) nb_attr(w, TASKSTATS_TYPE_STATS, st, TSZ);
		nb_nest_end(w, a);
	}
	(void) nb_attr(w, 97, "\x01\x02\x03", 3);
	nb_msg_end(w, at);
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_STATS);
	CHECK_UINT(m.tm_pid, ==, 4244);
	CHECK_UINT(m.tm_stats.ts_minflt, ==, 13);
	CHECK_UINT(m.tm_stats.ts_have, ==, HAVE_ALL);
	CHECK_INT(m.tm_have_tgid, ==, 0);

	/* NLMSG_ERROR: -EPERM, then an acknowledgement. */
	w->n = 0;
	memset(&h, 0, sizeof (h));
	h.nlmsg_len = NLMSG_HDRLEN + sizeof (e);
	h.nlmsg_type = NLMSG_ERROR;
	memset(&e, 0, sizeof (e));
	e.error = -EPERM;
	e.msg.nlmsg_len = 40;
	e.msg.nlmsg_type = FAMILY;
	memcpy(w->b, &h, sizeof (h));
	memcpy(w->b + NLMSG_HDRLEN, &e, sizeof (e));
	w->n = NLMSG_HDRLEN + sizeof (e);
	err = 12345;
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_ERROR);
	CHECK_INT(err, ==, -1 * EPERM);
	CHECK_UINT(used, ==, NLMSG_HDRLEN + sizeof (e));
	e.error = 0;
	memcpy(w->b + NLMSG_HDRLEN, &e, sizeof (e));
	err = 12345;
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_ERROR);
	CHECK_INT(err, ==, 0);
	/* The shortest error message: the header and the errno. */
	put32(w->b, 0, NLMSG_HDRLEN + 4);
	e.error = -ESRCH;
	memcpy(w->b + NLMSG_HDRLEN, &e.error, 4);
	CHECK_INT(parse_exact(w->b, NLMSG_HDRLEN + 4, &m, &err, &used), ==,
	    TSM_ERROR);
	CHECK_INT(err, ==, -ESRCH);
	CHECK_UINT(used, ==, NLMSG_HDRLEN + 4);

	/* Another family's message: skipped, whatever it holds. */
	w->n = 0;
	mk_stats(st, 1, 1, 1);
	at = nb_msg(w, FAMILY + 1);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_PID, TASKSTATS_TYPE_PID, 1, st, TSZ);
	nb_msg_end(w, at);
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_OTHER);
	CHECK_UINT(used, ==, w->n);
	/* NLMSG_DONE and NLMSG_NOOP too. */
	put16(w->b, offsetof(struct nlmsghdr, nlmsg_type), NLMSG_DONE);
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_OTHER);
	put16(w->b, offsetof(struct nlmsghdr, nlmsg_type), NLMSG_NOOP);
	CHECK_INT(parse_exact(w->b, w->n, &m, &err, &used), ==, TSM_OTHER);

	/*
	 * Back to back: a thread's message whose length is 2 past a
	 * multiple of 4 (2 bytes after its attribute, too few for one),
	 * then a thread + group message, then an acknowledgement.
	 */
	w->n = 0;
	mk_stats(st, 5001, 5000, 21);
	at = nb_msg(w, FAMILY);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_PID, TASKSTATS_TYPE_PID, 5001, st,
	    TSZ);
	w->b[w->n++] = 0xab;
	w->b[w->n++] = 0xcd;
	nb_msg_end(w, at);
	l1 = w->n;			/* not a multiple of 4 */
	nb_pad(w);
	at2 = w->n;
	mk_stats(st, 5002, 5000, 22);
	mk_stats(tg, 0, 5000, 23);
	(void) nb_msg(w, FAMILY);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_PID, TASKSTATS_TYPE_PID, 5002, st,
	    TSZ);
	nb_aggr(w, TASKSTATS_TYPE_AGGR_TGID, TASKSTATS_TYPE_TGID, 5000, tg,
	    TSZ);
	nb_msg_end(w, at2);
	at3 = w->n;
	memset(&h, 0, sizeof (h));
	h.nlmsg_len = NLMSG_HDRLEN + sizeof (e);
	h.nlmsg_type = NLMSG_ERROR;
	e.error = 0;
	memcpy(w->b + w->n, &h, sizeof (h));
	memcpy(w->b + w->n + NLMSG_HDRLEN, &e, sizeof (e));
	w->n += NLMSG_HDRLEN + sizeof (e);
	CHECK_UINT(l1 % 4, ==, 2);
	CHECK_UINT(at2, ==, l1 + 2);
	{
		uint8_t *b = malloc(w->n);
		size_t i = 0;

		if (b == NULL)
			abort();
		memcpy(b, w->b, w->n);
		CHECK_INT(ts_parse(b + i, w->n - i, FAMILY, &m, &err, &used),
		    ==, TSM_STATS);
		CHECK_UINT(used, ==, l1 + 2);
		CHECK_UINT(m.tm_pid, ==, 5001);
		CHECK_UINT(m.tm_stats.ts_minflt, ==, 21);
		CHECK_INT(m.tm_have_tgid, ==, 0);
		i += used;
		CHECK_INT(ts_parse(b + i, w->n - i, FAMILY, &m, &err, &used),
		    ==, TSM_STATS);
		CHECK_UINT(used, ==, at3 - at2);
		CHECK_UINT(m.tm_pid, ==, 5002);
		CHECK_UINT(m.tm_stats.ts_minflt, ==, 22);
		CHECK_INT(m.tm_have_tgid, ==, 1);
		CHECK_UINT(m.tm_tg.ts_minflt, ==, 23);
		i += used;
		err = 9;
		CHECK_INT(ts_parse(b + i, w->n - i, FAMILY, &m, &err, &used),
		    ==, TSM_ERROR);
		CHECK_INT(err, ==, 0);
		i += used;
		CHECK_UINT(i, ==, w->n);
		free(b);
	}
	/* The unaligned one last in the buffer: used stops at its end. */
	CHECK_INT(parse_exact(w->b, l1, &m, &err, &used), ==, TSM_STATS);
	CHECK_UINT(used, ==, l1);
	CHECK_UINT(m.tm_pid, ==, 5001);
	free(w);
}

/* A thread + group message into w; the offsets of its parts. */
struct parts {
	size_t	p_msg, p_aggr, p_pid, p_stats;
	size_t	p_tgaggr, p_tgid, p_tgstats;
};

static void
mk_full(struct nb *w, struct parts *pt)
{
	uint8_t st[TSZ], tg[TSZ];

	w->n = 0;
	mk_stats(st, 6001, 6000, 31);
	mk_stats(tg, 0, 6000, 32);
	pt->p_msg = nb_msg(w, FAMILY);
	pt->p_aggr = nb_nest(w, TASKSTATS_TYPE_AGGR_PID);
	pt->p_pid = nb_u32(w, TASKSTATS_TYPE_PID, 6001);
	pt->p_stats = nb_attr(w, TASKSTATS_TYPE_STATS, st, TSZ);
	nb_nest_end(w, pt->p_aggr);
	pt->p_tgaggr = nb_nest(w, TASKSTATS_TYPE_AGGR_TGID);
	pt->p_tgid = nb_u32(w, TASKSTATS_TYPE_TGID, 6000);
	pt->p_tgstats = nb_attr(w, TASKSTATS_TYPE_STATS, tg, TSZ);
	nb_nest_end(w, pt->p_tgaggr);
	nb_msg_end(w, pt->p_msg);
}

static size_t
NLA_LEN(const struct nb *w, size_t at)
{
	uint16_t v;

	memcpy(&v, w->b + at + offsetof(struct nlattr, nla_len), sizeof (v));
	return (v);
}

static void
set_nla_len(struct nb *w, size_t at, size_t len)
{
	put16(w->b, at + offsetof(struct nlattr, nla_len), (uint16_t)len);
}

static void
test_parse_hostile(void)
{
	struct nb *w = calloc(1, sizeof (*w)), *v = calloc(1, sizeof (*v));
	struct parts pt;
	struct ts_msg m;
	size_t used, n;
	int err, x;

	if (w == NULL || v == NULL)
		abort();
	mk_full(w, &pt);
	n = w->n;
	/* The well-formed one parses. */
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, TSM_STATS);
	CHECK_UINT(m.tm_pid, ==, 6001);
	CHECK_UINT(m.tm_tgid, ==, 6000);

	/* Fewer bytes than a header. */
	CHECK_INT(parse_exact(w->b, NLMSG_HDRLEN - 1, &m, &err, &used), ==,
	    -1);
	CHECK_INT(parse_exact(w->b, 0, &m, &err, &used), ==, -1);
	/* nlmsg_len larger than the buffer: by 1, and the buffer cut. */
	put32(w->b, 0, (uint32_t)n + 1);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	put32(w->b, 0, (uint32_t)n);
	CHECK_INT(parse_exact(w->b, n - 1, &m, &err, &used), ==, -1);
	CHECK_INT(parse_exact(w->b, NLMSG_HDRLEN, &m, &err, &used), ==, -1);
	put32(w->b, 0, UINT32_MAX);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	/* nlmsg_len smaller than the header. */
	put32(w->b, 0, NLMSG_HDRLEN - 1);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	put32(w->b, 0, 0);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	/* ... in a message of another family, skipped otherwise. */
	put16(w->b, offsetof(struct nlmsghdr, nlmsg_type), FAMILY + 1);
	put32(w->b, 0, 0);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	put32(w->b, 0, NLMSG_HDRLEN - 1);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	put32(w->b, 0, NLMSG_HDRLEN);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, TSM_OTHER);
	CHECK_UINT(used, ==, NLMSG_HDRLEN);
	put16(w->b, offsetof(struct nlmsghdr, nlmsg_type), FAMILY);
	/* Of the family but shorter than the genetlink header. */
	put32(w->b, 0, NLMSG_HDRLEN + GENL_HDRLEN - 1);
	CHECK_INT(parse_exact(w->b, NLMSG_HDRLEN + GENL_HDRLEN - 1, &m,
	    &err, &used), ==, -1);
	/* The headers alone: no AGGR_PID, not a message of stats. */
	put32(w->b, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	CHECK_INT(parse_exact(w->b, NLMSG_HDRLEN + GENL_HDRLEN, &m, &err,
	    &used), ==, -1);
	/* An error message too short for its errno. */
	memset(v->b, 0, 64);
	put32(v->b, 0, NLMSG_HDRLEN + 3);
	put16(v->b, offsetof(struct nlmsghdr, nlmsg_type), NLMSG_ERROR);
	CHECK_INT(parse_exact(v->b, NLMSG_HDRLEN + 3, &m, &err, &used), ==,
	    -1);

	/* A top-level attribute that runs past the message. */
	mk_full(w, &pt);
	set_nla_len(w, pt.p_tgaggr, NLA_LEN(w, pt.p_tgaggr) + 4);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	/* ... with bytes after the message in the buffer. */
	CHECK_INT(parse_exact(w->b, n + 64, &m, &err, &used), ==, -1);

	/*
	 * A member whose nla_len runs past its parent (but not past the
	 * message: the AGGR_TGID follows), in AGGR_PID and in AGGR_TGID.
	 */
	mk_full(w, &pt);
	set_nla_len(w, pt.p_stats, NLA_LEN(w, pt.p_stats) + 8);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	mk_full(w, &pt);
	set_nla_len(w, pt.p_pid, NLA_LEN(w, pt.p_aggr) - NLA_HDRLEN + 4);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	mk_full(w, &pt);
	set_nla_len(w, pt.p_tgstats, NLA_LEN(w, pt.p_tgstats) + 4);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	/* The parent shortened so that its STATS member runs past it. */
	mk_full(w, &pt);
	set_nla_len(w, pt.p_aggr, NLA_LEN(w, pt.p_aggr) - 8);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);

	/* nla_len < 4: 3 and 0 (which must not loop), at both levels. */
	mk_full(w, &pt);
	set_nla_len(w, pt.p_pid, 3);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	set_nla_len(w, pt.p_pid, 0);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	mk_full(w, &pt);
	set_nla_len(w, pt.p_aggr, 0);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	mk_full(w, &pt);
	set_nla_len(w, pt.p_tgid, 2);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);
	/* A PID member with fewer than 4 bytes. */
	mk_full(w, &pt);
	set_nla_len(w, pt.p_pid, NLA_HDRLEN + 3);
	CHECK_INT(parse_exact(w->b, n, &m, &err, &used), ==, -1);

	/* A STATS attribute too short for the base fields. */
	v->n = 0;
	{
		uint8_t st[TSZ];
		size_t at, a;

		mk_stats(st, 7001, 7000, 1);
		at = nb_msg(v, FAMILY);
		a = nb_nest(v, TASKSTATS_TYPE_AGGR_PID);
		(void) nb_u32(v, TASKSTATS_TYPE_PID, 7001);
		(void) nb_attr(v, TASKSTATS_TYPE_STATS, st,
		    END(ac_majflt) - 1);
		nb_nest_end(v, a);
		nb_msg_end(v, at);
		CHECK_INT(parse_exact(v->b, v->n, &m, &err, &used), ==, -1);
		/* The same at exactly the base's length parses. */
		v->n = 0;
		at = nb_msg(v, FAMILY);
		a = nb_nest(v, TASKSTATS_TYPE_AGGR_PID);
		(void) nb_u32(v, TASKSTATS_TYPE_PID, 7001);
		(void) nb_attr(v, TASKSTATS_TYPE_STATS, st, END(ac_majflt));
		nb_nest_end(v, a);
		nb_msg_end(v, at);
		CHECK_INT(parse_exact(v->b, v->n, &m, &err, &used), ==,
		    TSM_STATS);
		CHECK_UINT(m.tm_stats.ts_have, ==, TSH_BASE | TSH_DELAYS);

		/* AGGR_PID without its PID member. */
		v->n = 0;
		at = nb_msg(v, FAMILY);
		a = nb_nest(v, TASKSTATS_TYPE_AGGR_PID);
		(void) nb_attr(v, TASKSTATS_TYPE_STATS, st, TSZ);
		nb_nest_end(v, a);
		nb_msg_end(v, at);
		CHECK_INT(parse_exact(v->b, v->n, &m, &err, &used), ==, -1);
		/* ... and without its STATS. */
		v->n = 0;
		at = nb_msg(v, FAMILY);
		a = nb_nest(v, TASKSTATS_TYPE_AGGR_PID);
		(void) nb_u32(v, TASKSTATS_TYPE_PID, 7001);
		nb_nest_end(v, a);
		nb_msg_end(v, at);
		CHECK_INT(parse_exact(v->b, v->n, &m, &err, &used), ==, -1);
	}

	/*
	 * Every cut of the well-formed message, with nlmsg_len still saying
	 * its whole length (the buffer is short) or saying the cut length
	 * (its attributes run past the message): never a read past the
	 * buffer, and never a message of stats from a cut one.
	 */
	{
		size_t k;
		int bad = 0;

		mk_full(w, &pt);
		for (k = 0; k < n; k++) {
			x = parse_exact(w->b, k, &m, &err, &used);
			if (x != -1)
				bad++;
		}
		CHECK_INT(bad, ==, 0);
		bad = 0;
		for (k = NLMSG_HDRLEN; k < n; k++) {
			put32(w->b, 0, (uint32_t)k);
			x = parse_exact(w->b, k, &m, &err, &used);
			/*
			 * A cut inside the AGGR_TGID: -1.  A cut exactly after
			 * the AGGR_PID is a whole thread's message.
			 */
			if (k == pt.p_tgaggr) {
				if (x != TSM_STATS || m.tm_have_tgid)
					bad++;
			} else if (x != -1 && !(k > pt.p_tgaggr && k <
			    pt.p_tgaggr + NLA_HDRLEN))
				bad++;
		}
		CHECK_INT(bad, ==, 0);
	}
	free(w);
	free(v);
}

/* ---- 3. xr_add and the records --------------------------------------- */

#define	NOW	UINT64_C(1700000000123456789)
#define	NS	UINT64_C(1000000000)

/* A thread's message with every field present, its counters 0. */
static void
mk_msg(struct ts_msg *m, uint32_t pid, uint32_t tgid, const char *comm,
    uint8_t flag, uint64_t tgetime_us)
{
	struct ts_stats *s = &m->tm_stats;

	memset(m, 0, sizeof (*m));
	m->tm_pid = pid;
	s->ts_have = HAVE_ALL;
	s->ts_version = 13;
	s->ts_flag = flag;
	(void) snprintf(s->ts_comm, sizeof (s->ts_comm), "%s", comm);
	s->ts_uid = 1001;
	s->ts_gid = 1002;
	s->ts_pid = pid;
	s->ts_ppid = 1;
	s->ts_tgid = tgid;
	s->ts_tgetime_us = tgetime_us;
	s->ts_btime = 1600000000;
}

static uint64_t
ns_of(uint64_t sec, uint64_t nsec)
{
	return (sec * NS + nsec);
}

/*
 * A wait longer than the thread's life (delay accounting switched on in
 * the middle of a wait: the kernel counts it from the boot) is left out;
 * the others stay.
 */
static void
test_impossible_wait(void)
{
	struct xr x;
	struct ex_proc r;
	struct ts_msg m;

	if (xr_init(&x, NULL) != 0)
		abort();
	mk_msg(&m, 900, 900, "cat", TS_AGROUP, 2000000);
	m.tm_stats.ts_etime_us = 2000000;		/* 2 s */
	m.tm_stats.ts_cpu_count = 3;
	m.tm_stats.ts_run_virtual = 1000000;
	m.tm_stats.ts_utime_us = 1000;
	m.tm_stats.ts_cpu_delay = 300000;
	m.tm_stats.ts_blkio_delay = UINT64_C(13045000000000);	/* 13045 s */
	m.tm_stats.ts_swapin_delay = 5000000;
	m.tm_stats.ts_freepages_delay = 2001000001;	/* 2 s + 1 ms + 1 */
	CHECK_INT(xr_add(&x, &m, NOW, 1, &r), ==, 1);
	CHECK(!EP_HAS(&r, EXD_PROC_WAIT_BLKIO));
	CHECK(!EP_HAS(&r, EXD_PROC_WAIT_RECLAIM));
	CHECK(EP_HAS(&r, EXD_PROC_WAIT_SWAPIN));
	CHECK_UINT(r.ep_wait_swapin, ==, 5000000);
	CHECK(EP_HAS(&r, EXD_PROC_WAIT_CPU));
	CHECK_UINT(r.ep_wait_cpu, ==, 300000);
	xr_free(&x);
}

static void
test_single(void)
{
	struct xr x;
	struct ex_proc r;
	struct ts_msg m;
	struct ts_stats *s = &m.tm_stats;
	int dl;

	for (dl = 0; dl <= 1; dl++) {
		if (xr_init(&x, "hostA") != 0)
			abort();
		mk_msg(&m, 1234, 1234, "single", TS_AGROUP | TS_AFORK |
		    TS_ASU | TS_AXSIG | TS_ACORE, 2500000);
		s->ts_exitcode = 0x8b;		/* SIGSEGV, core */
		s->ts_uid = 2001;
		s->ts_gid = 2002;
		s->ts_ppid = 77;
		s->ts_cpu_count = 40;
		s->ts_run_virtual = UINT64_C(5123456789);
		s->ts_run_real = UINT64_C(4000000000);
		s->ts_utime_us = 3000000;
		s->ts_stime_us = 1000000;
		s->ts_cpu_delay = 999000;
		s->ts_blkio_delay = 111;
		s->ts_swapin_delay = 222;
		s->ts_freepages_delay = 333;
		s->ts_minflt = 777;
		s->ts_majflt = 33;
		s->ts_read_char = 4096;
		s->ts_write_char = 8192;
		s->ts_nvcsw = 55;
		s->ts_nivcsw = 66;
		s->ts_hiwater_rss_k = 20480;
		s->ts_coremem = 80000000;
		memset(&r, 0x5a, sizeof (r));
		CHECK_INT(xr_add(&x, &m, NOW, dl, &r), ==, 1);
		CHECK_INT(r.ep_kind, ==, EXK_FINAL);
		CHECK_UINT(r.ep_pid, ==, 1234);
		CHECK_UINT(r.ep_uid, ==, 2001);
		CHECK_UINT(r.ep_gid, ==, 2002);
		CHECK_UINT(r.ep_ppid, ==, 77);
		CHECK(EP_HAS(&r, EXD_PROC_PID) && EP_HAS(&r, EXD_PROC_UID) &&
		    EP_HAS(&r, EXD_PROC_GID) && EP_HAS(&r, EXD_PROC_ANCPID));
		CHECK_STR(r.ep_command, "single");
		CHECK_UINT(r.ep_command_len, ==, 6);
		CHECK(EP_HAS(&r, EXD_PROC_COMMAND));
		CHECK_STR(r.ep_hostname, "hostA");
		CHECK_UINT(r.ep_hostname_len, ==, 5);
		CHECK(EP_HAS(&r, EXD_PROC_HOSTNAME));
		CHECK_UINT(r.ep_wstat, ==, 0x8b);
		CHECK(EP_HAS(&r, EXD_PROC_WAIT_STATUS));
		CHECK_UINT(r.ep_flags, ==, 0x1 | 0x2);
		CHECK(EP_HAS(&r, EXD_PROC_ACCT_FLAGS));
		/* start = now - 2.5 s; finish = now. */
		CHECK_UINT(r.ep_start_sec, ==, UINT64_C(1699999997));
		CHECK_UINT(r.ep_start_nsec, ==, 623456789);
		CHECK_UINT(r.ep_finish_sec, ==, UINT64_C(1700000000));
		CHECK_UINT(r.ep_finish_nsec, ==, 123456789);
		CHECK(EP_HAS(&r, EXD_PROC_START_SEC) &&
		    EP_HAS(&r, EXD_PROC_START_NSEC) &&
		    EP_HAS(&r, EXD_PROC_FINISH_SEC) &&
		    EP_HAS(&r, EXD_PROC_FINISH_NSEC));
		CHECK_UINT(r.ep_minflt, ==, 777);
		CHECK_UINT(r.ep_majflt, ==, 33);
		CHECK_UINT(r.ep_ioch, ==, 4096 + 8192);
		CHECK(EP_HAS(&r, EXD_PROC_CHARS_RDWR));
		CHECK_UINT(r.ep_nvcsw, ==, 55);
		CHECK_UINT(r.ep_nivcsw, ==, 66);
		CHECK(EP_HAS(&r, EXD_PROC_CONTEXT_VOL) &&
		    EP_HAS(&r, EXD_PROC_CONTEXT_INV));
		CHECK_UINT(r.ep_rss_max_k, ==, 20480);
		CHECK(EP_HAS(&r, EXD_PROC_MEM_RSS_MAX_K));
		/* 80000000 MiB-us over 4000000 us: 20 MiB. */
		CHECK_UINT(r.ep_rss_avg_k, ==, 20 * KIB_PER_MIB);
		CHECK(EP_HAS(&r, EXD_PROC_MEM_RSS_AVG_K));
		/*
		 * 5123456789 ns run, split 3:1: user 3842592591.75 ->
		 * 3842592591, system the rest 1280864198.
		 */
		CHECK_UINT(r.ep_cpu_source, ==, EXCPU_EXACT);
		CHECK(EP_HAS(&r, EXD_PROC_CPU_SOURCE));
		CHECK_UINT(r.ep_user_sec, ==, 3);
		CHECK_UINT(r.ep_user_nsec, ==, 842592591);
		CHECK_UINT(r.ep_sys_sec, ==, 1);
		CHECK_UINT(r.ep_sys_nsec, ==, 280864198);
		CHECK_UINT(ns_of(r.ep_user_sec, r.ep_user_nsec) +
		    ns_of(r.ep_sys_sec, r.ep_sys_nsec), ==,
		    UINT64_C(5123456789));
		CHECK(EP_HAS(&r, EXD_PROC_CPU_USER_SEC) &&
		    EP_HAS(&r, EXD_PROC_CPU_USER_NSEC) &&
		    EP_HAS(&r, EXD_PROC_CPU_SYS_SEC) &&
		    EP_HAS(&r, EXD_PROC_CPU_SYS_NSEC));
		CHECK_UINT(r.ep_wait_cpu, ==, 999000);
		CHECK(EP_HAS(&r, EXD_PROC_WAIT_CPU));
		if (dl) {
			CHECK(EP_HAS(&r, EXD_PROC_WAIT_BLKIO));
			CHECK(EP_HAS(&r, EXD_PROC_WAIT_SWAPIN));
			CHECK(EP_HAS(&r, EXD_PROC_WAIT_RECLAIM));
			CHECK_UINT(r.ep_wait_blkio, ==, 111);
			CHECK_UINT(r.ep_wait_swapin, ==, 222);
			CHECK_UINT(r.ep_wait_reclaim, ==, 333);
		} else {
			CHECK(!EP_HAS(&r, EXD_PROC_WAIT_BLKIO));
			CHECK(!EP_HAS(&r, EXD_PROC_WAIT_SWAPIN));
			CHECK(!EP_HAS(&r, EXD_PROC_WAIT_RECLAIM));
			CHECK_UINT(r.ep_wait_blkio, ==, 0);
			CHECK_UINT(r.ep_wait_swapin, ==, 0);
			CHECK_UINT(r.ep_wait_reclaim, ==, 0);
		}
		/* What taskstats has not: absent, not 0. */
		CHECK(!EP_HAS(&r, EXD_PROC_TASKID));
		CHECK(!EP_HAS(&r, EXD_PROC_PROJID));
		CHECK(!EP_HAS(&r, EXD_PROC_TTY_MAJOR));
		CHECK(!EP_HAS(&r, EXD_PROC_TTY_MINOR));
		CHECK(!EP_HAS(&r, EXD_PROC_ZONENAME));
		CHECK(!EP_HAS(&r, EXD_PROC_SYSCALLS));
		CHECK_UINT(x.xr_st.xs_threads, ==, 1);
		CHECK_UINT(x.xr_st.xs_records, ==, 1);
		CHECK_UINT(x.xr_used, ==, 0);
		xr_free(&x);
	}

	/* AFORK alone -> 0x1; no flags -> 0; no host -> none. */
	if (xr_init(&x, NULL) != 0)
		abort();
	mk_msg(&m, 300, 300, "f", TS_AGROUP | TS_AFORK, 1000);
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_UINT(r.ep_flags, ==, 0x1);
	CHECK(!EP_HAS(&r, EXD_PROC_HOSTNAME));
	mk_msg(&m, 301, 301, "f", TS_AGROUP, 1000);
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_UINT(r.ep_flags, ==, 0);
	mk_msg(&m, 302, 302, "f", TS_AGROUP | TS_ASU, 1000);
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_UINT(r.ep_flags, ==, 0x2);

	/* (b) no scheduler info but CPU sampled: the samples. */
	mk_msg(&m, 400, 400, "samp", TS_AGROUP, 1000);
	m.tm_stats.ts_cpu_count = 0;
	m.tm_stats.ts_run_virtual = 0;
	m.tm_stats.ts_utime_us = 1250000;
	m.tm_stats.ts_stime_us = 125;
	m.tm_stats.ts_cpu_delay = 5;
	CHECK_INT(xr_add(&x, &m, NOW, 1, &r), ==, 1);
	CHECK_UINT(r.ep_cpu_source, ==, EXCPU_SAMPLED);
	CHECK_UINT(r.ep_user_sec, ==, 1);
	CHECK_UINT(r.ep_user_nsec, ==, 250000000);
	CHECK_UINT(r.ep_sys_sec, ==, 0);
	CHECK_UINT(r.ep_sys_nsec, ==, 125000);
	CHECK(!EP_HAS(&r, EXD_PROC_WAIT_CPU));

	/* A thread that never ran: exact, 0 and 0. */
	mk_msg(&m, 401, 401, "idle", TS_AGROUP, 1000);
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_UINT(r.ep_cpu_source, ==, EXCPU_EXACT);
	CHECK_UINT(ns_of(r.ep_user_sec, r.ep_user_nsec), ==, 0);
	CHECK_UINT(ns_of(r.ep_sys_sec, r.ep_sys_nsec), ==, 0);
	/* No CPU at all: no average RSS (nothing to divide by). */
	CHECK(!EP_HAS(&r, EXD_PROC_MEM_RSS_AVG_K));
	/* All system time, or all user time: all of the run to one side. */
	mk_msg(&m, 402, 402, "sys", TS_AGROUP, 1000);
	m.tm_stats.ts_cpu_count = 1;
	m.tm_stats.ts_run_virtual = 777;
	m.tm_stats.ts_stime_us = 1;
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_UINT(ns_of(r.ep_user_sec, r.ep_user_nsec), ==, 0);
	CHECK_UINT(ns_of(r.ep_sys_sec, r.ep_sys_nsec), ==, 777);
	m.tm_stats.ts_stime_us = 0;
	m.tm_stats.ts_utime_us = 0;
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_UINT(ns_of(r.ep_user_sec, r.ep_user_nsec), ==, 777);
	CHECK_UINT(ns_of(r.ep_sys_sec, r.ep_sys_nsec), ==, 0);

	/* No extended accounting or switches: those fields absent. */
	mk_msg(&m, 403, 403, "old", TS_AGROUP, 1000);
	m.tm_stats.ts_have = TSH_BASE | TSH_DELAYS | TSH_TGID;
	CHECK_INT(xr_add(&x, &m, NOW, 1, &r), ==, 1);
	CHECK(!EP_HAS(&r, EXD_PROC_CHARS_RDWR));
	CHECK(!EP_HAS(&r, EXD_PROC_MEM_RSS_MAX_K));
	CHECK(!EP_HAS(&r, EXD_PROC_MEM_RSS_AVG_K));
	CHECK(!EP_HAS(&r, EXD_PROC_CONTEXT_VOL));
	CHECK(!EP_HAS(&r, EXD_PROC_WAIT_RECLAIM));
	CHECK(EP_HAS(&r, EXD_PROC_WAIT_BLKIO));

	/* A kernel without ac_tgid: the pid, and the start from btime. */
	mk_msg(&m, 404, 9999, "v9", TS_AGROUP, 1000);
	m.tm_stats.ts_have = TSH_BASE | TSH_DELAYS | TSH_XACCT | TSH_IO |
	    TSH_CSW | TSH_RECLAIM;
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_UINT(r.ep_pid, ==, 404);
	CHECK_UINT(r.ep_start_sec, ==, 1600000000);
	CHECK_UINT(r.ep_start_nsec, ==, 0);

	/* Not usable: no base fields, or tgid 0. */
	mk_msg(&m, 405, 405, "bad", TS_AGROUP, 1000);
	m.tm_stats.ts_have = 0;
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 0);
	mk_msg(&m, 406, 0, "bad", TS_AGROUP, 1000);
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 0);
	CHECK_UINT(x.xr_st.xs_bad, ==, 2);
	CHECK_UINT(x.xr_st.xs_records, ==, 9);
	CHECK_UINT(x.xr_used, ==, 0);
	xr_free(&x);
}

/*
 * (c) Three threads of process 2000; the last has the group's record.
 * tg_run, tg_ut and tg_st: the group record's run time and samples.
 */
static void
three_threads(uint64_t tg_run, uint64_t tg_ut_us, uint64_t tg_st_us,
    uint64_t tg_delay, struct ex_proc *r)
{
	struct xr x;
	struct ts_msg m;
	struct ts_stats *s = &m.tm_stats;
	/* The start: NOW - 10 s, each message a little later. */
	uint64_t t0 = NOW - 10 * NS;

	if (xr_init(&x, "h") != 0)
		abort();
	/* The leader exits first (pthread_exit), not last. */
	mk_msg(&m, 2000, 2000, "leader", 0, 10000000);
	s->ts_cpu_count = 10;
	s->ts_run_virtual = UINT64_C(1000000000);
	s->ts_utime_us = 1000000;
	s->ts_stime_us = 500000;
	s->ts_cpu_delay = 100;
	s->ts_blkio_delay = 10;
	s->ts_swapin_delay = 5;
	s->ts_freepages_delay = 7;
	s->ts_minflt = 10;
	s->ts_majflt = 1;
	s->ts_read_char = 100;
	s->ts_write_char = 1000;
	s->ts_nvcsw = 3;
	s->ts_nivcsw = 30;
	s->ts_coremem = 1000000;
	s->ts_hiwater_rss_k = 5000;
	CHECK_INT(xr_add(&x, &m, t0 + 10 * NS, 1, r), ==, 0);
	CHECK_UINT(x.xr_used, ==, 1);

	mk_msg(&m, 2001, 2000, "worker", 0, 10001000);
	s->ts_cpu_count = 20;
	s->ts_run_virtual = UINT64_C(2000000000);
	s->ts_utime_us = 1500000;
	s->ts_stime_us = 500000;
	s->ts_cpu_delay = 200;
	s->ts_blkio_delay = 20;
	s->ts_swapin_delay = 5;
	s->ts_freepages_delay = 8;
	s->ts_minflt = 20;
	s->ts_majflt = 2;
	s->ts_read_char = 200;
	s->ts_write_char = 2000;
	s->ts_nvcsw = 4;
	s->ts_nivcsw = 40;
	s->ts_coremem = 2000000;
	s->ts_hiwater_rss_k = 9000;
	CHECK_INT(xr_add(&x, &m, t0 + 10 * NS + 1000000, 1, r), ==, 0);
	CHECK_UINT(x.xr_used, ==, 1);

	mk_msg(&m, 2002, 2000, "worker", TS_AGROUP, 10002000);
	s->ts_exitcode = 0x100;
	s->ts_ppid = 1999;
	s->ts_cpu_count = 30;
	s->ts_run_virtual = UINT64_C(3000000000);
	s->ts_utime_us = 500000;
	s->ts_stime_us = 1000000;
	s->ts_cpu_delay = 300;
	s->ts_blkio_delay = 30;
	s->ts_swapin_delay = 5;
	s->ts_freepages_delay = 9;
	s->ts_minflt = 30;
	s->ts_majflt = 3;
	s->ts_read_char = 300;
	s->ts_write_char = 3000;
	s->ts_nvcsw = 5;
	s->ts_nivcsw = 50;
	s->ts_coremem = 2000000;
	s->ts_hiwater_rss_k = 7000;
	m.tm_have_tgid = 1;
	m.tm_tgid = 2000;
	m.tm_tg.ts_have = HAVE_ALL;
	m.tm_tg.ts_run_virtual = tg_run;
	m.tm_tg.ts_utime_us = tg_ut_us;
	m.tm_tg.ts_stime_us = tg_st_us;
	m.tm_tg.ts_cpu_delay = tg_delay;
	m.tm_tg.ts_blkio_delay = 100;		/* more than ours, 60 */
	m.tm_tg.ts_swapin_delay = 1;		/* less than ours, 15 */
	m.tm_tg.ts_freepages_delay = 30;	/* more than ours, 24 */
	m.tm_tg.ts_minflt = 1;		/* the kernel's: no faults */
	CHECK_INT(xr_add(&x, &m, t0 + 10 * NS + 2000000, 1, r), ==, 1);
	CHECK_UINT(x.xr_used, ==, 0);
	CHECK_UINT(x.xr_st.xs_threads, ==, 3);
	CHECK_UINT(x.xr_st.xs_records, ==, 1);
	CHECK_UINT(x.xr_st.xs_stale, ==, 0);
	/* Every thread's figures: the same start, to the ns. */
	CHECK_UINT(ns_of(r->ep_start_sec, r->ep_start_nsec), ==, t0);
	CHECK_UINT(ns_of(r->ep_finish_sec, r->ep_finish_nsec), ==,
	    t0 + 10 * NS + 2000000);
	CHECK_UINT(r->ep_pid, ==, 2000);
	CHECK_UINT(r->ep_ppid, ==, 1999);
	CHECK_UINT(r->ep_wstat, ==, 0x100);
	CHECK_STR(r->ep_command, "leader");
	CHECK_UINT(r->ep_minflt, ==, 10 + 20 + 30);
	CHECK_UINT(r->ep_majflt, ==, 1 + 2 + 3);
	CHECK_UINT(r->ep_ioch, ==, 1100 + 2200 + 3300);
	CHECK_UINT(r->ep_nvcsw, ==, 3 + 4 + 5);
	CHECK_UINT(r->ep_nivcsw, ==, 30 + 40 + 50);
	CHECK_UINT(r->ep_rss_max_k, ==, 9000);
	/* 5000000 MiB-us over 5000000 us of CPU: 1 MiB. */
	CHECK_UINT(r->ep_rss_avg_k, ==, 1 * KIB_PER_MIB);
	CHECK_UINT(r->ep_wait_blkio, ==, 100);
	CHECK_UINT(r->ep_wait_swapin, ==, 15);
	CHECK_UINT(r->ep_wait_reclaim, ==, 30);
	CHECK_UINT(r->ep_cpu_source, ==, EXCPU_EXACT);
	xr_free(&x);
}

static void
test_threads(void)
{
	struct ex_proc r;
	struct xr x;
	struct ts_msg m;

	/*
	 * The group's record larger: its run, 10 s, split 1:1 by its own
	 * samples (8 s, larger than our 5 s); its CPU wait, 1000.
	 */
	three_threads(UINT64_C(10000000000), 4000000, 4000000, 1000, &r);
	CHECK_UINT(ns_of(r.ep_user_sec, r.ep_user_nsec), ==,
	    UINT64_C(5000000000));
	CHECK_UINT(ns_of(r.ep_sys_sec, r.ep_sys_nsec), ==,
	    UINT64_C(5000000000));
	CHECK_UINT(r.ep_wait_cpu, ==, 1000);

	/*
	 * Ours larger: 6 s of run (1 + 2 + 3), split by our samples, user
	 * 3 s : system 2 s -> 3.6 s and 2.4 s; the CPU wait 600.
	 */
	three_threads(UINT64_C(5000000000), 1000000, 1000000, 50, &r);
	CHECK_UINT(r.ep_user_sec, ==, 3);
	CHECK_UINT(r.ep_user_nsec, ==, 600000000);
	CHECK_UINT(r.ep_sys_sec, ==, 2);
	CHECK_UINT(r.ep_sys_nsec, ==, 400000000);
	CHECK_UINT(r.ep_wait_cpu, ==, 100 + 200 + 300);

	/*
	 * The group's run larger but its samples smaller: its run (7 s),
	 * split by ours (3:2): 4.2 s and 2.8 s.
	 */
	three_threads(UINT64_C(7000000000), 1, 1, 0, &r);
	CHECK_UINT(ns_of(r.ep_user_sec, r.ep_user_nsec), ==,
	    UINT64_C(4200000000));
	CHECK_UINT(ns_of(r.ep_sys_sec, r.ep_sys_nsec), ==,
	    UINT64_C(2800000000));

	/*
	 * The leader not among the threads that came: the last thread's
	 * name.  One thread without scheduler info: the samples, summed.
	 */
	if (xr_init(&x, NULL) != 0)
		abort();
	mk_msg(&m, 3001, 3000, "w1", 0, 1000);
	m.tm_stats.ts_utime_us = 10;
	m.tm_stats.ts_stime_us = 20;	/* no cpu_count, no run: sampled */
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 0);
	mk_msg(&m, 3002, 3000, "w2", TS_AGROUP, 1000);
	m.tm_stats.ts_cpu_count = 4;
	m.tm_stats.ts_run_virtual = 999999;
	m.tm_stats.ts_utime_us = 30;
	m.tm_stats.ts_stime_us = 40;
	CHECK_INT(xr_add(&x, &m, NOW, 0, &r), ==, 1);
	CHECK_STR(r.ep_command, "w2");
	CHECK_UINT(r.ep_pid, ==, 3000);
	CHECK_UINT(r.ep_cpu_source, ==, EXCPU_SAMPLED);
	CHECK_UINT(ns_of(r.ep_user_sec, r.ep_user_nsec), ==, 40000);
	CHECK_UINT(ns_of(r.ep_sys_sec, r.ep_sys_nsec), ==, 60000);
	CHECK(!EP_HAS(&r, EXD_PROC_WAIT_CPU));
	xr_free(&x);
}

/* (d) Sums left by an earlier process of the same pid. */
static void
test_stale(void)
{
	struct xr x;
	struct ex_proc r;
	struct ts_msg m;
	uint64_t t = NOW - 100 * NS;	/* the old process's start */

	if (xr_init(&x, NULL) != 0)
		abort();
	/* Two threads of process 500, started at t, exit at t + 1 s. */
	mk_msg(&m, 501, 500, "old", 0, 1000000);
	m.tm_stats.ts_minflt = 1000;
	CHECK_INT(xr_add(&x, &m, t + NS, 0, &r), ==, 0);
	mk_msg(&m, 502, 500, "old", 0, 1000000);
	m.tm_stats.ts_minflt = 2000;
	CHECK_INT(xr_add(&x, &m, t + NS, 0, &r), ==, 0);
	CHECK_UINT(x.xr_used, ==, 1);
	/*
	 * Notifications were lost (the caller raises xr_gen), and a new
	 * process 500 started at t + 10 s ends at t + 12 s.
	 */
	x.xr_gen++;
	mk_msg(&m, 500, 500, "new", TS_AGROUP, 2000000);
	m.tm_stats.ts_minflt = 7;
	CHECK_INT(xr_add(&x, &m, t + 12 * NS, 0, &r), ==, 1);
	CHECK_UINT(r.ep_minflt, ==, 7);
	CHECK_STR(r.ep_command, "new");
	CHECK_UINT(ns_of(r.ep_start_sec, r.ep_start_nsec), ==, t + 10 * NS);
	CHECK_UINT(x.xr_st.xs_stale, ==, 1);
	CHECK_UINT(x.xr_used, ==, 0);

	/* A start 40 ms off (the clock moved): the same process. */
	mk_msg(&m, 601, 600, "p", 0, 1000000);
	m.tm_stats.ts_minflt = 1;
	CHECK_INT(xr_add(&x, &m, t + NS, 0, &r), ==, 0);
	mk_msg(&m, 600, 600, "p", TS_AGROUP, 2000000);
	m.tm_stats.ts_minflt = 2;
	CHECK_INT(xr_add(&x, &m, t + 2 * NS + 40000000, 0, &r), ==, 1);
	CHECK_UINT(r.ep_minflt, ==, 3);
	CHECK_UINT(x.xr_st.xs_stale, ==, 1);
	/* ... and 40 ms the other way. */
	mk_msg(&m, 601, 600, "p", 0, 1000000);
	m.tm_stats.ts_minflt = 1;
	CHECK_INT(xr_add(&x, &m, t + NS, 0, &r), ==, 0);
	mk_msg(&m, 600, 600, "p", TS_AGROUP, 2000000);
	m.tm_stats.ts_minflt = 2;
	CHECK_INT(xr_add(&x, &m, t + 2 * NS - 40000000, 0, &r), ==, 1);
	CHECK_UINT(r.ep_minflt, ==, 3);
	CHECK_UINT(x.xr_st.xs_stale, ==, 1);

	/*
	 * A thread of a new process 700 finds the old one's sums: they go,
	 * and the new process's are kept from it on.
	 */
	mk_msg(&m, 701, 700, "a", 0, 1000000);
	m.tm_stats.ts_minflt = 100;
	CHECK_INT(xr_add(&x, &m, t + NS, 0, &r), ==, 0);
	x.xr_gen++;
	mk_msg(&m, 702, 700, "b", 0, 1000000);	/* start t + 49 s */
	m.tm_stats.ts_minflt = 20;
	CHECK_INT(xr_add(&x, &m, t + 50 * NS, 0, &r), ==, 0);
	CHECK_UINT(x.xr_st.xs_stale, ==, 2);
	CHECK_UINT(x.xr_used, ==, 1);
	/* Its start t + 49 s too. */
	mk_msg(&m, 703, 700, "c", TS_AGROUP, 2000000);
	m.tm_stats.ts_minflt = 3;
	CHECK_INT(xr_add(&x, &m, t + 51 * NS, 0, &r), ==, 1);
	CHECK_UINT(r.ep_minflt, ==, 23);
	CHECK_UINT(x.xr_st.xs_stale, ==, 2);
	CHECK_UINT(x.xr_used, ==, 0);

	/*
	 * Nothing lost since the sums were made: the same process, however
	 * late its last notification was read (its start 2 s off).
	 */
	mk_msg(&m, 801, 800, "q", 0, 1000000);
	m.tm_stats.ts_minflt = 5;
	CHECK_INT(xr_add(&x, &m, t + NS, 0, &r), ==, 0);
	mk_msg(&m, 800, 800, "q", TS_AGROUP, 2000000);
	m.tm_stats.ts_minflt = 6;
	CHECK_INT(xr_add(&x, &m, t + 4 * NS, 0, &r), ==, 1);
	CHECK_UINT(r.ep_minflt, ==, 11);
	CHECK_UINT(x.xr_st.xs_stale, ==, 2);
	xr_free(&x);
}

/* One non-last thread of tgid, minflt v, started at NOW - 1 s. */
static int
add_thread_of(struct xr *x, uint32_t tgid, uint64_t v)
{
	struct ts_msg m;
	struct ex_proc r;

	mk_msg(&m, tgid + 1, tgid, "t", 0, 1000000);
	m.tm_stats.ts_minflt = v;
	m.tm_stats.ts_majflt = v % 7;
	return (xr_add(x, &m, NOW, 0, &r));
}

/* The last thread of tgid, minflt 1: the record's sums. */
static int
end_of(struct xr *x, uint32_t tgid, struct ex_proc *r)
{
	struct ts_msg m;

	mk_msg(&m, tgid, tgid, "t", TS_AGROUP, 1000000);
	m.tm_stats.ts_minflt = 1;
	m.tm_stats.ts_majflt = 1;
	return (xr_add(x, &m, NOW, 0, r));
}

/* (e) The table full. */
static void
test_full(void)
{
	struct xr x;
	struct ex_proc r;
	uint32_t i, cap = XR_SLOTS / 4 * 3;
	int bad = 0;

	if (xr_init(&x, NULL) != 0)
		abort();
	for (i = 0; i < cap; i++)
		if (add_thread_of(&x, 10000 + 3 * i, 5 + i) != 0)
			bad++;
	CHECK_INT(bad, ==, 0);
	CHECK_UINT(x.xr_used, ==, cap);
	CHECK_UINT(x.xr_st.xs_unsummed, ==, 0);
	/* One more: left out. */
	CHECK_INT(add_thread_of(&x, 90001, 50), ==, 0);
	CHECK_UINT(x.xr_st.xs_unsummed, ==, 1);
	CHECK_UINT(x.xr_used, ==, cap);
	/* A second thread of a process already in: still summed. */
	CHECK_INT(add_thread_of(&x, 10000, 1000), ==, 0);
	CHECK_UINT(x.xr_st.xs_unsummed, ==, 1);
	/* The left-out process ends with its last thread's figures. */
	CHECK_INT(end_of(&x, 90001, &r), ==, 1);
	CHECK_UINT(r.ep_minflt, ==, 1);
	CHECK_UINT(x.xr_used, ==, cap);
	/* Every other ends with its sums. */
	bad = 0;
	for (i = 0; i < cap; i++) {
		uint64_t want = 5 + i + 1 + (i == 0 ? 1000 : 0);
		uint64_t wantmaj = (5 + i) % 7 + 1 + (i == 0 ? 1000 % 7 : 0);

		if (end_of(&x, 10000 + 3 * i, &r) != 1 ||
		    r.ep_minflt != want || r.ep_majflt != wantmaj ||
		    r.ep_pid != 10000 + 3 * i) {
			if (bad++ < 5)
				(void) printf("  tgid %u: minflt %llu, want "
				    "%llu\n", 10000 + 3 * i,
				    (unsigned long long)r.ep_minflt,
				    (unsigned long long)want);
		}
	}
	CHECK_INT(bad, ==, 0);
	CHECK_UINT(x.xr_used, ==, 0);
	CHECK_UINT(x.xr_st.xs_records, ==, cap + 1);
	/* Room again. */
	CHECK_INT(add_thread_of(&x, 90001, 50), ==, 0);
	CHECK_UINT(x.xr_used, ==, 1);
	CHECK_UINT(x.xr_st.xs_unsummed, ==, 1);
	xr_free(&x);
}

/* (f) Expiry. */

/* The table's hash, as slot_of(). */
static size_t
home(uint32_t tgid)
{
	return ((size_t)((uint32_t)(tgid * UINT32_C(2654435769)) >> 19) &
	    (XR_SLOTS - 1));
}

#define	MAXT	4096

struct model {
	uint32_t	md_tgid[MAXT];
	uint64_t	md_sum[MAXT];	/* minflt so far */
	int		md_dead[MAXT];
	int		md_in[MAXT];	/* has sums in the table */
	size_t		md_n;
	size_t		md_calls;
};

static int
model_alive(void *arg, uint32_t tgid)
{
	struct model *md = arg;
	size_t i;

	md->md_calls++;
	for (i = 0; i < md->md_n; i++)
		if (md->md_tgid[i] == tgid)
			return (!md->md_dead[i]);
	return (1);
}

/* Every process of the model in the table ends with its sums. */
static int
model_check(struct xr *x, struct model *md)
{
	struct ex_proc r;
	size_t i;
	int bad = 0;

	for (i = 0; i < md->md_n; i++) {
		uint64_t want;

		if (md->md_dead[i])
			continue;
		want = (md->md_in[i] ? md->md_sum[i] : 0) + 1;
		if (end_of(x, md->md_tgid[i], &r) != 1 ||
		    r.ep_minflt != want) {
			if (bad++ < 5)
				(void) printf("  tgid %u (home %zu): minflt "
				    "%llu, want %llu\n", md->md_tgid[i],
				    home(md->md_tgid[i]),
				    (unsigned long long)r.ep_minflt,
				    (unsigned long long)want);
		}
		md->md_in[i] = 0;
		md->md_sum[i] = 0;
	}
	return (bad);
}

static void
model_add(struct model *md, uint32_t tgid)
{
	md->md_tgid[md->md_n] = tgid;
	md->md_sum[md->md_n] = 0;
	md->md_dead[md->md_n] = 0;
	md->md_in[md->md_n] = 0;
	md->md_n++;
}

static void
model_thread(struct xr *x, struct model *md, size_t i, uint64_t v)
{
	(void) add_thread_of(x, md->md_tgid[i], v);
	md->md_sum[i] += v;
	md->md_in[i] = 1;
}

/* Up to n tgids from *next on whose home is h. */
static size_t
find_home(uint32_t *next, size_t h, uint32_t *out, size_t n)
{
	size_t k = 0;
	uint32_t t;

	for (t = *next; k < n; t++)
		if (home(t) == h)
			out[k++] = t;
	*next = t;
	return (k);
}

static uint64_t rng = UINT64_C(0x9e3779b97f4a7c15);

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (rng);
}

static void
test_expire(void)
{
	struct model *md = calloc(1, sizeof (*md));
	struct xr x;
	uint32_t next = 2, t[8];
	size_t i, k, n, ndead, h;
	int round;

	if (md == NULL || xr_init(&x, NULL) != 0)
		abort();

	/*
	 * A cluster: 5 tgids homed at 100, 2 at 101, 2 at 103, 1 at 106,
	 * inserted in an order that interleaves them, so that slots 100 ..
	 * 109 hold entries displaced from their homes by others.
	 */
	h = 100;
	(void) find_home(&next, h, t, 5);
	for (i = 0; i < 5; i++)
		model_add(md, t[i]);
	(void) find_home(&next, h + 1, t, 2);
	model_add(md, t[0]);
	model_add(md, t[1]);
	(void) find_home(&next, h + 3, t, 2);
	model_add(md, t[0]);
	model_add(md, t[1]);
	(void) find_home(&next, h + 6, t, 1);
	model_add(md, t[0]);
	/* A cluster wrapping past the table's end: 8190, 8191, 0. */
	next = 2;
	(void) find_home(&next, XR_SLOTS - 2, t, 3);
	for (i = 0; i < 3; i++)
		model_add(md, t[i]);
	(void) find_home(&next, XR_SLOTS - 1, t, 2);
	model_add(md, t[0]);
	model_add(md, t[1]);
	(void) find_home(&next, 0, t, 2);
	model_add(md, t[0]);
	model_add(md, t[1]);
	(void) find_home(&next, 1, t, 1);
	model_add(md, t[0]);
	n = md->md_n;
	CHECK_UINT(n, ==, 18);
	/* Insert them in an order that mixes the homes: 0, 5, 1, 6, ... */
	for (k = 0; k < 2; k++)
		for (i = k; i < n; i += 2)
			model_thread(&x, md, i, 100 + i);
	/* A second thread of each: summed where it was put. */
	for (i = 0; i < n; i++)
		model_thread(&x, md, i, 1000 * (i + 1));
	CHECK_UINT(x.xr_used, ==, n);
	/* Every entry findable before any expiry (checked at the end). */

	/* Dead: the first of each cluster, and others in the middle. */
	md->md_dead[0] = 1;		/* home 100, first in */
	md->md_dead[2] = 1;
	md->md_dead[5] = 1;		/* home 101 */
	md->md_dead[9] = 1;		/* home 106 */
	md->md_dead[10] = 1;		/* home 8190 */
	md->md_dead[13] = 1;		/* home 8191 */
	md->md_dead[16] = 1;		/* home 0, after the wrap */
	ndead = 7;
	md->md_calls = 0;
	CHECK_UINT(xr_expire(&x, model_alive, md), ==, ndead);
	CHECK(md->md_calls >= n);
	CHECK_UINT(x.xr_st.xs_stale, ==, ndead);
	CHECK_UINT(x.xr_used, ==, n - ndead);
	/* Nothing more is dead: nothing freed. */
	CHECK_UINT(xr_expire(&x, model_alive, md), ==, 0);
	CHECK_UINT(x.xr_used, ==, n - ndead);
	/* The living end with every thread's sums. */
	CHECK_INT(model_check(&x, md), ==, 0);
	CHECK_UINT(x.xr_used, ==, 0);
	/* The dead ones' sums are gone: their last thread alone. */
	{
		struct ex_proc r;
		int bad = 0;

		for (i = 0; i < n; i++)
			if (md->md_dead[i] && (end_of(&x, md->md_tgid[i],
			    &r) != 1 || r.ep_minflt != 1))
				bad++;
		CHECK_INT(bad, ==, 0);
	}
	CHECK_UINT(x.xr_st.xs_stale, ==, ndead);

	/*
	 * Many: rounds of inserting random tgids (collisions galore at
	 * half full), expiring a random third and ending a random part,
	 * then checking every process left.
	 */
	for (round = 0; round < 4; round++) {
		size_t nd = 0, freed;
		int bad = 0;

		md->md_n = 0;
		while (md->md_n < MAXT) {
			uint32_t tg = (uint32_t)(rnd() % 4000000) + 1;

			for (i = 0; i < md->md_n; i++)
				if (md->md_tgid[i] == tg)
					break;
			if (i == md->md_n)
				model_add(md, tg);
		}
		for (i = 0; i < md->md_n; i++)
			model_thread(&x, md, i, (rnd() % 1000) + 1);
		/* End some of them first: releases that move others. */
		for (i = 0; i < md->md_n; i += 5) {
			struct ex_proc r;

			if (end_of(&x, md->md_tgid[i], &r) != 1 ||
			    r.ep_minflt != md->md_sum[i] + 1)
				bad++;
			md->md_dead[i] = 1;	/* not in the table now */
		}
		CHECK_INT(bad, ==, 0);
		for (i = 0; i < md->md_n; i++)
			if (!md->md_dead[i] && rnd() % 3 == 0) {
				md->md_dead[i] = 1;
				nd++;
			}
		freed = xr_expire(&x, model_alive, md);
		CHECK_UINT(freed, ==, nd);
		bad = model_check(&x, md);
		CHECK_INT(bad, ==, 0);
		CHECK_UINT(x.xr_used, ==, 0);
	}
	xr_free(&x);
	free(md);
}

/* (g) xr_muldiv */
static void
test_muldiv(void)
{
	uint64_t a, b, c;
	int i, bad;

	CHECK_UINT(xr_muldiv(10, 3, 4), ==, 7);
	CHECK_UINT(xr_muldiv(7, 7, 7), ==, 7);
	CHECK_UINT(xr_muldiv(0, 5, 3), ==, 0);
	CHECK_UINT(xr_muldiv(5, 0, 3), ==, 0);
	CHECK_UINT(xr_muldiv(999, 1000, 1001), ==, 998);	/* 998.001 */
	CHECK_UINT(xr_muldiv(UINT64_C(5123456789), UINT64_C(3000000000),
	    UINT64_C(4000000000)), ==, UINT64_C(3842592591));
	/* c = 1: the product. */
	CHECK_UINT(xr_muldiv(123456789, 1000, 1), ==, UINT64_C(123456789000));
	CHECK_UINT(xr_muldiv(UINT64_C(1) << 32, UINT64_C(1) << 31, 1), ==,
	    UINT64_C(1) << 63);
	CHECK_UINT(xr_muldiv(UINT64_MAX, 1, 1), ==, UINT64_MAX);
	/*
	 * a x b past 64 bits: 3e18 x 5e9 / 7e9 = 15e18 / 7 =
	 * 2142857142857142857.14...
	 */
	CHECK_UINT(xr_muldiv(UINT64_C(3000000000000000000),
	    UINT64_C(5000000000), UINT64_C(7000000000)), ==,
	    UINT64_C(2142857142857142857));
	CHECK_UINT(xr_muldiv(UINT64_C(3000000000000000000),
	    UINT64_C(5000000000), UINT64_C(7000000000)), ==,
	    (uint64_t)((long double)3e18L * 5e9L / 7e9L));
	/* (2^64 - 1)^2 / (2^64 - 1), and (2^64 - 1)(2^64 - 2) / (2^64 - 1). */
	CHECK_UINT(xr_muldiv(UINT64_MAX, UINT64_MAX, UINT64_MAX), ==,
	    UINT64_MAX);
	CHECK_UINT(xr_muldiv(UINT64_MAX - 1, UINT64_MAX, UINT64_MAX), ==,
	    UINT64_MAX - 1);
	/* (1e19 - 1) x 9e18 / 1e19 = 9e18 - 0.9: 9e18 - 1. */
	CHECK_UINT(xr_muldiv(UINT64_C(9999999999999999999),
	    UINT64_C(9000000000000000000), UINT64_C(10000000000000000000)),
	    ==, UINT64_C(8999999999999999999));
	/* 2^63 x 2^63 / 2^63 exactly, and 2^62 x 3 x 2^62 / 2^63. */
	CHECK_UINT(xr_muldiv(UINT64_C(1) << 63, UINT64_C(1) << 63,
	    UINT64_C(1) << 63), ==, UINT64_C(1) << 63);
	CHECK_UINT(xr_muldiv(UINT64_C(3) << 62, UINT64_C(1) << 62,
	    UINT64_C(1) << 63), ==, UINT64_C(3) << 61);

	/* A quotient past 64 bits: the most there is, not a wrapped value. */
	CHECK_UINT(xr_muldiv(32, UINT64_C(1830323677962813448), 3), ==,
	    UINT64_MAX);
	CHECK_UINT(xr_muldiv(UINT64_MAX, 3, 2), ==, UINT64_MAX);
	CHECK_UINT(xr_muldiv(UINT64_MAX, UINT64_MAX, 1), ==, UINT64_MAX);

	/*
	 * An even split (user = system, the run time 544073196930738 ns,
	 * 6 days of CPU): exactly half, 272036598465369.  Rounding through
	 * a long double gives one less.
	 */
	CHECK_UINT(xr_muldiv(UINT64_C(544073196930738),
	    UINT64_C(156915678027000), UINT64_C(313831356054000)), ==,
	    UINT64_C(272036598465369));
	/* The same shape, many times: run x t / 2t is run / 2. */
	bad = 0;
	for (i = 0; i < 200000; i++) {
		a = UINT64_C(1000000000) + rnd() % UINT64_C(1000000000000000);
		b = (rnd() % UINT64_C(1000000000000) + 1) * 1000;
		if (xr_muldiv(a, b, 2 * b) != a / 2)
			bad++;
	}
	CHECK_INT(bad, ==, 0);
	/* And a x k / (k x m) is a / m, for every size of a. */
	bad = 0;
	for (i = 0; i < 200000; i++) {
		a = rnd();
		b = rnd() % UINT64_C(4294967296) + 1;
		c = rnd() % 1000 + 1;
		if (b * c / c != b)
			continue;
		if (xr_muldiv(a, b, b * c) != a / c)
			bad++;
	}
	CHECK_INT(bad, ==, 0);
}

#endif /* __linux__ */

int
main(void)
{
#if defined(__linux__)
	test_decode();
	test_parse_good();
	test_parse_hostile();
	test_single();
	test_threads();
	test_stale();
	test_impossible_wait();
	test_full();
	test_expire();
	test_muldiv();
#else
	TEST_SKIP("taskstats and the exit records are Linux only");
#endif
	TEST_DONE();
}
