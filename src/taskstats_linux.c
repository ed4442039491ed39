/*
 * taskstats_linux.c: the kernel's per-task statistics over generic
 * netlink (see taskstats.h).
 *
 * Every length in a message is checked before it is used: a message is
 * the kernel's, but a parser that trusts its input is one kernel change
 * away from a bad read.  Fields are read by their offsets in the kernel's
 * struct taskstats (linux/taskstats.h), which only ever grows at its end:
 * a field past the end of the message's struct is absent.
 */
#include <sys/socket.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/taskstats.h>

#include "taskstats.h"

#if TASKSTATS_VERSION < 12
#error "linux/taskstats.h is older than version 12 (Linux 5.19): no ac_tgid"
#endif

#ifndef SO_RCVBUFFORCE
#define	SO_RCVBUFFORCE	33
#endif
#ifndef SO_MEMINFO
#define	SO_MEMINFO	55
#endif

#define	TS_BUF		16384	/* a reply: one struct taskstats, 4 KB */
#define	OFF(f)		offsetof(struct taskstats, f)
#define	END(f)		(OFF(f) + sizeof (((struct taskstats *)0)->f))
#define	NLA_ALIGN4(n)	(((n) + 3) & ~(size_t)3)

static uint64_t
get64(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof (v));
	return (v);
}

static uint32_t
get32(const uint8_t *p, size_t off)
{
	uint32_t v;

	memcpy(&v, p + off, sizeof (v));
	return (v);
}

int
ts_decode_stats(const uint8_t *p, size_t n, struct ts_stats *s)
{
	uint16_t ver;
	size_t k;

	memset(s, 0, sizeof (*s));
	if (n < END(ac_majflt))
		return (-1);
	memcpy(&ver, p + OFF(version), sizeof (ver));
	s->ts_version = ver;
	s->ts_have = TSH_BASE | TSH_DELAYS;
	s->ts_exitcode = get32(p, OFF(ac_exitcode));
	s->ts_flag = p[OFF(ac_flag)];
	s->ts_cpu_count = get64(p, OFF(cpu_count));
	s->ts_cpu_delay = get64(p, OFF(cpu_delay_total));
	s->ts_blkio_delay = get64(p, OFF(blkio_delay_total));
	s->ts_swapin_delay = get64(p, OFF(swapin_delay_total));
	s->ts_run_real = get64(p, OFF(cpu_run_real_total));
	s->ts_run_virtual = get64(p, OFF(cpu_run_virtual_total));
	for (k = 0; k < sizeof (s->ts_comm) - 1 &&
	    p[OFF(ac_comm) + k] != '\0'; k++)
		s->ts_comm[k] = (char)p[OFF(ac_comm) + k];
	s->ts_comm[k] = '\0';
	s->ts_uid = get32(p, OFF(ac_uid));
	s->ts_gid = get32(p, OFF(ac_gid));
	s->ts_pid = get32(p, OFF(ac_pid));
	s->ts_ppid = get32(p, OFF(ac_ppid));
	s->ts_btime = get32(p, OFF(ac_btime));
	s->ts_etime_us = get64(p, OFF(ac_etime));
	s->ts_utime_us = get64(p, OFF(ac_utime));
	s->ts_stime_us = get64(p, OFF(ac_stime));
	s->ts_minflt = get64(p, OFF(ac_minflt));
	s->ts_majflt = get64(p, OFF(ac_majflt));
	if (n >= END(write_syscalls)) {
		s->ts_have |= TSH_XACCT;
		s->ts_coremem = get64(p, OFF(coremem));
		s->ts_hiwater_rss_k = get64(p, OFF(hiwater_rss));
		s->ts_read_char = get64(p, OFF(read_char));
		s->ts_write_char = get64(p, OFF(write_char));
		s->ts_read_syscalls = get64(p, OFF(read_syscalls));
		s->ts_write_syscalls = get64(p, OFF(write_syscalls));
	}
	if (n >= END(write_bytes)) {
		s->ts_have |= TSH_IO;
		s->ts_read_bytes = get64(p, OFF(read_bytes));
		s->ts_write_bytes = get64(p, OFF(write_bytes));
	}
	if (n >= END(nivcsw)) {
		s->ts_have |= TSH_CSW;
		s->ts_nvcsw = get64(p, OFF(nvcsw));
		s->ts_nivcsw = get64(p, OFF(nivcsw));
	}
	if (n >= END(freepages_delay_total)) {
		s->ts_have |= TSH_RECLAIM;
		s->ts_freepages_delay = get64(p, OFF(freepages_delay_total));
	}
	if (n >= END(ac_btime64))
		s->ts_btime = get64(p, OFF(ac_btime64));
	if (n >= END(ac_tgetime)) {
		s->ts_have |= TSH_TGID;
		s->ts_tgid = get32(p, OFF(ac_tgid));
		s->ts_tgetime_us = get64(p, OFF(ac_tgetime));
	}
	return (0);
}

/*
 * The attributes at [p, p + n): fn(arg, type, payload, length) for each
 * whole one.  -1 if one is cut or malformed.
 */
static int
each_attr(const uint8_t *p, size_t n, int (*fn)(void *, uint16_t,
    const uint8_t *, size_t), void *arg)
{
	struct nlattr a;
	size_t i = 0;

	while (n - i >= sizeof (a)) {
		memcpy(&a, p + i, sizeof (a));
		if (a.nla_len < sizeof (a) || a.nla_len > n - i)
			return (-1);
		if (fn(arg, a.nla_type & NLA_TYPE_MASK, p + i + sizeof (a),
		    a.nla_len - sizeof (a)) == -1)
			return (-1);
		i += NLA_ALIGN4((size_t)a.nla_len);
		if (i > n)
			break;
	}
	return (0);
}

/* The members of an AGGR_PID or AGGR_TGID attribute: an id, the stats. */
struct aggr {
	uint16_t	ag_idtype;	/* the id member it must have */
	int		ag_have_id;
	uint32_t	ag_id;
	int		ag_have_stats;
	struct ts_stats	*ag_stats;
};

static int
aggr_member(void *arg, uint16_t type, const uint8_t *p, size_t n)
{
	struct aggr *ag = arg;

	switch (type) {
	case TASKSTATS_TYPE_PID:
	case TASKSTATS_TYPE_TGID:
		if (type != ag->ag_idtype || n < 4)
			return (-1);
		ag->ag_id = get32(p, 0);
		ag->ag_have_id = 1;
		break;
	case TASKSTATS_TYPE_STATS:
		if (ts_decode_stats(p, n, ag->ag_stats) == -1)
			return (-1);
		ag->ag_have_stats = 1;
		break;
	default:
		break;
	}
	return (0);
}

struct top {
	struct ts_msg	*tp_m;
	int		tp_pid;		/* an AGGR_PID was whole */
	int		tp_bad;
};

static int
top_attr(void *arg, uint16_t type, const uint8_t *p, size_t n)
{
	struct top *t = arg;
	struct ts_msg *m = t->tp_m;
	struct aggr ag;

	if (type != TASKSTATS_TYPE_AGGR_PID && type != TASKSTATS_TYPE_AGGR_TGID)
		return (0);
	memset(&ag, 0, sizeof (ag));
	ag.ag_stats = type == TASKSTATS_TYPE_AGGR_PID ? &m->tm_stats :
	    &m->tm_tg;
	ag.ag_idtype = type == TASKSTATS_TYPE_AGGR_PID ? TASKSTATS_TYPE_PID :
	    TASKSTATS_TYPE_TGID;
	if (each_attr(p, n, aggr_member, &ag) == -1 || !ag.ag_have_id ||
	    !ag.ag_have_stats)
		return (-1);
	if (type == TASKSTATS_TYPE_AGGR_PID) {
		m->tm_pid = ag.ag_id;
		t->tp_pid = 1;
	} else {
		m->tm_tgid = ag.ag_id;
		m->tm_have_tgid = 1;
	}
	return (0);
}

int
ts_parse(const uint8_t *p, size_t n, uint16_t family, struct ts_msg *m,
    int *err, size_t *used)
{
	struct nlmsghdr h;
	struct nlmsgerr e;
	struct top t;
	size_t hl = NLMSG_HDRLEN + GENL_HDRLEN;

	if (n < sizeof (h))
		return (-1);
	memcpy(&h, p, sizeof (h));
	if (h.nlmsg_len < sizeof (h) || h.nlmsg_len > n)
		return (-1);
	*used = NLA_ALIGN4((size_t)h.nlmsg_len);
	if (*used > n)
		*used = n;
	if (h.nlmsg_type == NLMSG_ERROR) {
		if (h.nlmsg_len < NLMSG_HDRLEN + sizeof (e.error))
			return (-1);
		memcpy(&e.error, p + NLMSG_HDRLEN, sizeof (e.error));
		*err = e.error;
		return (TSM_ERROR);
	}
	if (h.nlmsg_type != family)
		return (TSM_OTHER);
	if (h.nlmsg_len < hl)
		return (-1);
	memset(m, 0, sizeof (*m));
	memset(&t, 0, sizeof (t));
	t.tp_m = m;
	/* A thread group's reply to a query comes without a thread's. */
	if (each_attr(p + hl, h.nlmsg_len - hl, top_attr, &t) == -1 ||
	    (!t.tp_pid && !m->tm_have_tgid))
		return (-1);
	return (TSM_STATS);
}

/* Send one generic netlink request: 0, or -1 with errno. */
static int
send_req(int fd, uint16_t type, uint16_t flags, uint8_t cmd, uint16_t atype,
    const void *data, size_t dlen)
{
	uint8_t buf[256];
	struct nlmsghdr h;
	struct genlmsghdr g;
	struct nlattr a;
	struct sockaddr_nl to;
	size_t n = NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN + NLA_ALIGN4(dlen);
	ssize_t r;

	if (n > sizeof (buf)) {
		errno = EINVAL;
		return (-1);
	}
	memset(buf, 0, sizeof (buf));
	memset(&h, 0, sizeof (h));
	h.nlmsg_len = (uint32_t)n;
	h.nlmsg_type = type;
	h.nlmsg_flags = NLM_F_REQUEST | flags;
	h.nlmsg_seq = 1;
	memset(&g, 0, sizeof (g));
	g.cmd = cmd;
	g.version = 1;
	a.nla_len = (uint16_t)(NLA_HDRLEN + dlen);
	a.nla_type = atype;
	memcpy(buf, &h, sizeof (h));
	memcpy(buf + NLMSG_HDRLEN, &g, sizeof (g));
	memcpy(buf + NLMSG_HDRLEN + GENL_HDRLEN, &a, sizeof (a));
	memcpy(buf + NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN, data, dlen);
	memset(&to, 0, sizeof (to));
	to.nl_family = AF_NETLINK;
	while ((r = sendto(fd, buf, n, 0, (struct sockaddr *)&to,
	    sizeof (to))) == -1 && errno == EINTR)
		;
	return (r == (ssize_t)n ? 0 : -1);
}

static ssize_t
recv_some(int fd, uint8_t *buf, size_t len)
{
	ssize_t r;

	while ((r = recv(fd, buf, len, 0)) == -1 && errno == EINTR)
		;
	return (r);
}

/* The family id from a CTRL_CMD_NEWFAMILY reply's attributes. */
static int
family_attr(void *arg, uint16_t type, const uint8_t *p, size_t n)
{
	if (type == CTRL_ATTR_FAMILY_ID && n >= 2)
		memcpy(arg, p, 2);
	return (0);
}

int
ts_open(int rcvbuf, uint16_t *family, char *why, size_t whylen)
{
	uint8_t buf[TS_BUF];
	struct sockaddr_nl me;
	struct nlmsghdr h;
	uint16_t id = 0;
	ssize_t r;
	int fd, e;

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_GENERIC)) == -1) {
		e = errno;
		(void) snprintf(why, whylen, "cannot open a generic netlink "
		    "socket: %s", strerror(e));
		errno = e;
		return (-1);
	}
	if (rcvbuf > 0 && setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
	    sizeof (rcvbuf)) == -1)
		(void) setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf,
		    sizeof (rcvbuf));
	memset(&me, 0, sizeof (me));
	me.nl_family = AF_NETLINK;
	/*
	 * Connected to the kernel (port 0): a message from any other
	 * socket, which a process with CAP_NET_ADMIN could send, is refused
	 * by the kernel before it reaches the queue.
	 */
	if (bind(fd, (struct sockaddr *)&me, sizeof (me)) == -1 ||
	    connect(fd, (struct sockaddr *)&me, sizeof (me)) == -1 ||
	    send_req(fd, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY,
	    CTRL_ATTR_FAMILY_NAME, TASKSTATS_GENL_NAME,
	    sizeof (TASKSTATS_GENL_NAME)) == -1 ||
	    (r = recv_some(fd, buf, sizeof (buf))) == -1) {
		e = errno;
		(void) snprintf(why, whylen, "cannot ask the kernel for "
		    "taskstats: %s", strerror(e));
		(void) close(fd);
		errno = e;
		return (-1);
	}
	if ((size_t)r >= NLMSG_HDRLEN) {
		memcpy(&h, buf, sizeof (h));
		if (h.nlmsg_type == NLMSG_ERROR && (size_t)r >= NLMSG_HDRLEN +
		    sizeof (int)) {
			memcpy(&e, buf + NLMSG_HDRLEN, sizeof (e));
			(void) snprintf(why, whylen, "the kernel has no "
			    "taskstats (built without CONFIG_TASKSTATS?): %s",
			    strerror(-e));
			(void) close(fd);
			errno = e < 0 ? -e : ENOENT;
			return (-1);
		}
		if (h.nlmsg_type == GENL_ID_CTRL && h.nlmsg_len <= (size_t)r &&
		    h.nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN)
			(void) each_attr(buf + NLMSG_HDRLEN + GENL_HDRLEN,
			    h.nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN,
			    family_attr, &id);
	}
	if (id == 0) {
		(void) snprintf(why, whylen, "the kernel's answer for the "
		    "taskstats family had no id");
		(void) close(fd);
		errno = EPROTO;
		return (-1);
	}
	*family = id;
	return (fd);
}

/*
 * The acknowledgement of the request just sent, or with st the answer to
 * the query for id: 0, or -1 with errno.  Statistics of another task
 * (an exit notification, were the socket registered) are not the answer.
 */
static int
wait_ack(int fd, uint16_t family, struct ts_stats *st, int tgid, uint32_t id)
{
	uint8_t buf[TS_BUF];
	struct ts_msg m;
	size_t i, used;
	ssize_t r;
	int x, err, got = 0;

	for (;;) {
		if ((r = recv_some(fd, buf, sizeof (buf))) == -1)
			return (-1);
		for (i = 0; i < (size_t)r; i += used) {
			x = ts_parse(buf + i, (size_t)r - i, family, &m, &err,
			    &used);
			if (x == -1) {
				errno = EPROTO;
				return (-1);
			}
			if (x == TSM_ERROR) {
				if (err != 0) {
					errno = -err;
					return (-1);
				}
				if (st == NULL || got)
					return (0);
			} else if (x == TSM_STATS && st != NULL) {
				if (tgid && m.tm_have_tgid && m.tm_tgid == id)
					*st = m.tm_tg;
				else if (!tgid && m.tm_pid == id)
					*st = m.tm_stats;
				else
					continue;
				got = 1;
				return (0);
			}
		}
	}
}

int
ts_register(int fd, uint16_t family)
{
	char mask[256];
	ssize_t n = -1;
	long c;
	int f;

	/*
	 * Every CPU that can exist, as the kernel lists them: one past them
	 * is refused, and a mask that stops short misses every exit on the
	 * CPUs past it (one brought online later included).
	 */
	if ((f = open("/sys/devices/system/cpu/possible", O_RDONLY |
	    O_CLOEXEC)) != -1) {
		n = read(f, mask, sizeof (mask) - 1);
		(void) close(f);
	}
	while (n > 0 && (mask[n - 1] == '\n' || mask[n - 1] == ' '))
		n--;
	if (n <= 0 || (size_t)n >= sizeof (mask)) {
		c = sysconf(_SC_NPROCESSORS_CONF);
		n = snprintf(mask, sizeof (mask), "0-%ld", c > 1 ? c - 1 : 0);
	}
	mask[n] = '\0';
	if (send_req(fd, family, NLM_F_ACK, TASKSTATS_CMD_GET,
	    TASKSTATS_CMD_ATTR_REGISTER_CPUMASK, mask, (size_t)n + 1) == -1)
		return (-1);
	return (wait_ack(fd, family, NULL, 0, 0));
}

int
ts_query(int fd, uint16_t family, uint32_t id, int tgid, struct ts_stats *st)
{
	if (send_req(fd, family, 0, TASKSTATS_CMD_GET, tgid ?
	    TASKSTATS_CMD_ATTR_TGID : TASKSTATS_CMD_ATTR_PID, &id,
	    sizeof (id)) == -1)
		return (-1);
	return (wait_ack(fd, family, st, tgid, id));
}

int
ts_drops(int fd, uint64_t *drops)
{
	uint32_t mi[SK_MEMINFO_VARS];
	socklen_t len = sizeof (mi);

	memset(mi, 0, sizeof (mi));
	if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mi, &len) == -1)
		return (-1);
	if (len < (SK_MEMINFO_DROPS + 1) * sizeof (uint32_t)) {
		errno = ENOPROTOOPT;
		return (-1);
	}
	*drops = mi[SK_MEMINFO_DROPS];
	return (0);
}
