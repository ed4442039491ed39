/*
 * sweep_linux.c: the -w sweep on Linux, which has no exacct in the kernel,
 * so exdump writes the proc-partial records itself.
 *
 * One record per live process (kernel threads too), from the cheapest
 * exact source: /proc/PID/stat, /proc/PID/status, the per-thread
 * task/TID/status and task/TID/io (the process-wide io file also counts
 * reaped children), and /proc/PID/cgroup for the zone.  Each file is read
 * with one read() into one fixed buffer; the only memory that grows is the
 * record buffer (libc's directory stream for the thread list of a
 * multi-threaded process, and the buffer /proc/stat is read into, come and
 * go).
 *
 * The exclusive lock on the file is taken before the clocks and /proc are
 * read, and held until the sweep is appended, so parallel sweeps run one
 * after the other and their records are in time order in the file.  The
 * sweep record (when, what was recorded and skipped, the host's CPU
 * counters) goes ahead of the partial records in the same one write, and
 * the file is cut back if the write fails, so a reader never sees a torn
 * record or a sweep record without its processes.
 */
#include <sys/stat.h>
#include <sys/utsname.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acctfile.h"
#include "exacct.h"
#include "exdump.h"
#include "records.h"
#include "sweep.h"

#define	SWL_BUFSZ	8192	/* a status file is about 1.5 KB */
#define	SWL_PROCMAX	128	/* the /proc directory's name, NUL included */
/*
 * The most of /proc/stat read: the cpuN lines of 8192 CPUs (the largest
 * NR_CPUS of common kernels) come to about 1.1 MB, ahead of the long
 * intr line.
 */
#define	SWL_STATMAX	(4 * 1024 * 1024)
#define	SWL_NS		UINT64_C(1000000000)
#define	SWL_TRIES	8	/* opens of a file removed each time */

/* Linux task flags (include/linux/sched.h) and their acctflags. */
#define	LX_PF_FORKNOEXEC	0x00000040
#define	LX_PF_SUPERPRIV		0x00000100
#define	AFL_FORK		0x1
#define	AFL_SU			0x2

#define	PTAG(type, id)	EX_TAG(type, EX_C_DEFAULT, id)

struct lsweep {
	struct ex_wbuf	ls_wb;		/* the partial records */
	char		ls_host[EX_HOST_MAX];
	char		ls_proc[SWL_PROCMAX];	/* "/proc", or a test's */
	uint64_t	ls_boot;	/* boot time, ns since the epoch */
	uint64_t	ls_hz;		/* clock ticks per second */
	unsigned long	ls_nrec;	/* processes recorded */
	unsigned long	ls_nskip;	/* live, but could not be read */
	char		ls_buf[SWL_BUFSZ];
};

/* What read_proc() found. */
#define	RP_OK		0	/* read: record it */
#define	RP_GONE		1	/* exited, or a zombie: skipped by design */
#define	RP_FAIL		2	/* live but unreadable: counted */

/* What one process's files said. */
struct lproc {
	long		lp_pid;
	struct sweep_stat	lp_st;
	struct sweep_status	lp_ss;
	int		lp_have_chars;
	uint64_t	lp_chars;
	int		lp_have_csw;
	uint64_t	lp_nvcsw;
	uint64_t	lp_nivcsw;
	char		lp_zone[EX_ZONE_MAX];
	size_t		lp_zonelen;
};

/*
 * The parsers.  Each walks [buf, buf + len) with an index and never reads
 * past len: the bytes come from the kernel, but a parser that trusts its
 * input is one format change away from a bad read.
 */

/* A decimal number at *i, optionally negative (wrapped into uint64). */
static int
num_at(const char *buf, size_t len, size_t *i, uint64_t *v)
{
	uint64_t n = 0;
	int neg = 0, any = 0;

	if (*i < len && buf[*i] == '-') {
		neg = 1;
		(*i)++;
	}
	while (*i < len && buf[*i] >= '0' && buf[*i] <= '9') {
		n = n * 10 + (uint64_t)(buf[*i] - '0');
		(*i)++;
		any = 1;
	}
	*v = neg ? (uint64_t)0 - n : n;
	return (any ? 0 : -1);
}

/* Fields 4 (ppid) to 22 (starttime) of stat, after "pid (comm) S ". */
#define	STAT_FIRST	4
#define	STAT_LAST	22

int
sweep_parse_stat(const char *buf, size_t len, struct sweep_stat *st)
{
	uint64_t f[STAT_LAST + 1];
	size_t lp, rp, i, n;
	int k;

	/* The command may hold ')' and spaces: it ends at the last ')'. */
	for (lp = 0; lp < len && buf[lp] != '('; lp++)
		;
	for (rp = len; rp > lp && buf[rp - 1] != ')'; rp--)
		;
	if (lp >= len || rp <= lp + 1)
		return (-1);
	rp--;				/* at the ')' */
	n = rp - lp - 1;
	if (n > sizeof (st->pst_comm) - 1)
		n = sizeof (st->pst_comm) - 1;
	memcpy(st->pst_comm, buf + lp + 1, n);
	st->pst_comm[n] = '\0';
	st->pst_commlen = n;
	i = rp + 1;
	if (i + 3 > len || buf[i] != ' ' || buf[i + 2] != ' ')
		return (-1);
	st->pst_state = buf[i + 1];
	i += 3;
	for (k = STAT_FIRST; k <= STAT_LAST; k++) {
		if (num_at(buf, len, &i, &f[k]) == -1)
			return (-1);
		if (k < STAT_LAST) {
			if (i >= len || buf[i] != ' ')
				return (-1);
			i++;
		}
	}
	st->pst_ppid = (uint32_t)f[4];
	st->pst_tty = (uint32_t)f[7];
	st->pst_flags = (uint32_t)f[9];
	st->pst_minflt = f[10];
	st->pst_majflt = f[12];
	st->pst_utime = f[14];
	st->pst_stime = f[15];
	st->pst_nthreads = f[20];
	st->pst_start = f[22];
	return (0);
}

/* If the line at [i, end) starts with key, the number after it. */
static int
key_num(const char *buf, size_t i, size_t end, const char *key, uint64_t *v)
{
	size_t kl = strlen(key);

	if (end - i < kl || memcmp(buf + i, key, kl) != 0)
		return (0);
	i += kl;
	while (i < end && (buf[i] == ' ' || buf[i] == '\t'))
		i++;
	return (num_at(buf, end, &i, v) == 0);
}

int
sweep_parse_status(const char *buf, size_t len, struct sweep_status *ss)
{
	size_t i = 0, end;
	uint64_t v;

	ss->pss_have = 0;
	while (i < len) {
		for (end = i; end < len && buf[end] != '\n'; end++)
			;
		if (key_num(buf, i, end, "Uid:", &v)) {
			ss->pss_uid = (uint32_t)v;
			ss->pss_have |= SWS_UID;
		} else if (key_num(buf, i, end, "Gid:", &v)) {
			ss->pss_gid = (uint32_t)v;
			ss->pss_have |= SWS_GID;
		} else if (key_num(buf, i, end, "VmHWM:", &v)) {
			ss->pss_hwm_k = v;
			ss->pss_have |= SWS_HWM;
		} else if (key_num(buf, i, end, "voluntary_ctxt_switches:",
		    &v)) {
			ss->pss_nvcsw = v;
			ss->pss_have |= SWS_VCSW;
		} else if (key_num(buf, i, end,
		    "nonvoluntary_ctxt_switches:", &v)) {
			ss->pss_nivcsw = v;
			ss->pss_have |= SWS_IVCSW;
		}
		i = end + 1;
	}
	return ((ss->pss_have & (SWS_UID | SWS_GID)) == (SWS_UID | SWS_GID) ?
	    0 : -1);
}

int
sweep_parse_io(const char *buf, size_t len, uint64_t *chars)
{
	size_t i = 0, end;
	uint64_t v, r = 0, w = 0;
	int have = 0;

	while (i < len) {
		for (end = i; end < len && buf[end] != '\n'; end++)
			;
		if (key_num(buf, i, end, "rchar:", &v)) {
			r = v;
			have |= 1;
		} else if (key_num(buf, i, end, "wchar:", &v)) {
			w = v;
			have |= 2;
		}
		i = end + 1;
	}
	if (have != 3)
		return (-1);
	*chars = r + w;
	return (0);
}

/*
 * Ticks to ns, exactly as t * 10^9 / hz rounded down, without the product
 * (a year of idle time on 256 CPUs is 8 * 10^11 ticks, and 10^9 times
 * that is past 2^64).  -1 if the ns do not fit.
 */
static int
tick_ns(uint64_t t, uint64_t hz, uint64_t *ns)
{
	uint64_t s = t / hz, r = (t % hz) * SWL_NS / hz;

	if (s > (UINT64_MAX - r) / SWL_NS)
		return (-1);
	*ns = s * SWL_NS + r;
	return (0);
}

int
sweep_parse_cpu(const char *buf, size_t len, uint64_t hz,
    struct ex_sweep *sw)
{
	uint64_t v[SWC_N], ns;
	size_t i = 0, j, end;
	uint32_t ncpu = 0;
	int nv = -1, k;

	if (hz == 0 || hz > SWL_NS)
		return (-1);
	while (i < len) {
		for (end = i; end < len && buf[end] != '\n'; end++)
			;
		if (end - i > 3 && memcmp(buf + i, "cpu", 3) == 0) {
			if (buf[i + 3] >= '0' && buf[i + 3] <= '9') {
				ncpu++;
			} else if (nv == -1 && (buf[i + 3] == ' ' ||
			    buf[i + 3] == '\t')) {
				/*
				 * The counters, in order: the first one
				 * missing ends them.  One that runs into the
				 * end of buf may have lost digits.
				 */
				j = i + 3;
				for (nv = 0; nv < SWC_N; nv++) {
					while (j < end && (buf[j] == ' ' ||
					    buf[j] == '\t'))
						j++;
					if (j >= end || buf[j] < '0' ||
					    buf[j] > '9' || num_at(buf, end, &j,
					    &v[nv]) == -1 || j >= len ||
					    (j < end && buf[j] != ' ' &&
					    buf[j] != '\t'))
						break;
				}
			}
		}
		i = end + 1;
	}
	if (nv == -1)
		return (-1);
	for (k = 0; k < nv; k++) {
		if (tick_ns(v[k], hz, &ns) == -1)
			continue;
		sw->sw_cpu[k] = ns;
		sw->sw_have |= EX_BIT(EXD_SWEEP_CPU_USER + k);
	}
	if (ncpu > 0) {
		sw->sw_ncpu = ncpu;
		sw->sw_have |= EX_BIT(EXD_SWEEP_NCPU);
	}
	return (0);
}

void
sweep_tty(uint32_t tty_nr, uint32_t *major, uint32_t *minor)
{
	if (tty_nr == 0) {
		/* No controlling tty: illumos records "none" this way. */
		*major = UINT32_MAX;
		*minor = UINT32_MAX;
		return;
	}
	*major = (tty_nr >> 8) & 0xfff;
	*minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);
}

/* Hex digits at the start of [p, p + n). */
static size_t
hex_run(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = p[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			break;
	}
	return (i);
}

static int
has_prefix(const char *p, size_t n, const char *pre)
{
	size_t pl = strlen(pre);

	return (n >= pl && memcmp(p, pre, pl) == 0);
}

static int
has_suffix(const char *p, size_t n, const char *suf)
{
	size_t sl = strlen(suf);

	return (n >= sl && memcmp(p + n - sl, suf, sl) == 0);
}

/* "kind/name" into zone, cut to fit; its length. */
static size_t
zone_set(char *zone, size_t zlen, const char *kind, const char *name,
    size_t n)
{
	size_t kl = strlen(kind);

	if (zlen == 0)
		return (0);
	if (kl > zlen - 1)
		kl = zlen - 1;
	memcpy(zone, kind, kl);
	if (kl < zlen - 1)
		zone[kl++] = '/';
	if (n > zlen - 1 - kl)
		n = zlen - 1 - kl;
	memcpy(zone + kl, name, n);
	zone[kl + n] = '\0';
	return (kl + n);
}

/*
 * One cgroup path component (and the one before it): the container it
 * names, or 0.  The engines' own naming conventions:
 *	docker-<id>.scope, docker/<id>		docker/<first 12 of id>
 *	libpod-<id>.scope			podman/<first 12 of id>
 *	cri-containerd-<id>.scope		containerd/<first 12>
 *	crio-<id>.scope				crio/<first 12>
 *	lxc.payload.<name>, lxc/<name>		lxc/<name>
 *	machine-<name>.scope			machine/<name> (nspawn,
 *						libvirt)
 */
static size_t
zone_of(const char *prev, size_t pn, const char *c, size_t n, char *zone,
    size_t zlen)
{
	static const struct {
		const char	*zp_prefix;
		const char	*zp_kind;
	} ids[] = {
		{ "docker-", "docker" },
		{ "libpod-", "podman" },
		{ "cri-containerd-", "containerd" },
		{ "crio-", "crio" },
	};
	size_t k, h, pl;

	for (k = 0; k < sizeof (ids) / sizeof (ids[0]); k++) {
		pl = strlen(ids[k].zp_prefix);
		if (!has_prefix(c, n, ids[k].zp_prefix) ||
		    !has_suffix(c, n, ".scope"))
			continue;
		h = hex_run(c + pl, n - pl);
		if (h >= 12)
			return (zone_set(zone, zlen, ids[k].zp_kind, c + pl,
			    12));
	}
	if (pn == 6 && memcmp(prev, "docker", 6) == 0 && hex_run(c, n) >= 12)
		return (zone_set(zone, zlen, "docker", c, 12));
	if (has_prefix(c, n, "lxc.payload.") && n > 12)
		return (zone_set(zone, zlen, "lxc", c + 12, n - 12));
	if (pn == 3 && memcmp(prev, "lxc", 3) == 0 && n > 0)
		return (zone_set(zone, zlen, "lxc", c, n));
	if (has_prefix(c, n, "machine-") && has_suffix(c, n, ".scope") &&
	    n > 14)
		return (zone_set(zone, zlen, "machine", c + 8, n - 14));
	return (0);
}

size_t
sweep_cgroup_zone(const char *buf, size_t len, char *zone, size_t zlen)
{
	size_t i = 0, end, p, c, prev, pn, r;
	int colons;

	while (i < len) {
		for (end = i; end < len && buf[end] != '\n'; end++)
			;
		/* "hierarchy:controllers:path"; the path may hold ':'. */
		for (p = i, colons = 0; p < end && colons < 2; p++)
			if (buf[p] == ':')
				colons++;
		prev = p;
		pn = 0;
		while (colons == 2 && p < end) {
			while (p < end && buf[p] == '/')
				p++;
			for (c = p; c < end && buf[c] != '/'; c++)
				;
			if (c > p && (r = zone_of(buf + prev, pn, buf + p,
			    c - p, zone, zlen)) > 0)
				return (r);
			prev = p;
			pn = c - p;
			p = c;
		}
		i = end + 1;
	}
	/* No container: the machine itself, as illumos names its own. */
	if (zlen < sizeof ("global"))
		return (0);
	(void) strcpy(zone, "global");
	return (sizeof ("global") - 1);
}

/*
 * Reading /proc.
 */

/* One read() of dir/name into ls_buf; its length, or -1 with errno. */
static ssize_t
read_at(struct lsweep *ls, int dfd, const char *name)
{
	ssize_t n;
	int fd, e;

	if ((fd = openat(dfd, name, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	n = read(fd, ls->ls_buf, sizeof (ls->ls_buf) - 1);
	e = errno;
	(void) close(fd);
	errno = e;
	if (n >= 0)
		ls->ls_buf[n] = '\0';
	return (n);
}

/* Context switches and chars summed over the live threads. */
static void
sum_threads(struct lsweep *ls, int pfd, struct lproc *lp)
{
	char name[48];
	struct sweep_status ts;
	struct dirent *de;
	DIR *d;
	ssize_t n;
	uint64_t c;
	long tid;
	int tfd;

	lp->lp_have_chars = 1;
	lp->lp_chars = 0;
	lp->lp_have_csw = 1;
	lp->lp_nvcsw = lp->lp_nivcsw = 0;
	if ((tfd = openat(pfd, "task", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1 || (d = fdopendir(tfd)) == NULL) {
		if (tfd != -1)
			(void) close(tfd);
		lp->lp_have_chars = lp->lp_have_csw = 0;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!sweep_pid_name(de->d_name, &tid))
			continue;
		(void) snprintf(name, sizeof (name), "%ld/status", tid);
		if ((n = read_at(ls, tfd, name)) >= 0 &&
		    sweep_parse_status(ls->ls_buf, (size_t)n, &ts) == 0 &&
		    (ts.pss_have & (SWS_VCSW | SWS_IVCSW)) ==
		    (SWS_VCSW | SWS_IVCSW)) {
			lp->lp_nvcsw += ts.pss_nvcsw;
			lp->lp_nivcsw += ts.pss_nivcsw;
		} else if (n == -1 && errno != ENOENT && errno != ESRCH) {
			lp->lp_have_csw = 0;
		}
		(void) snprintf(name, sizeof (name), "%ld/io", tid);
		if ((n = read_at(ls, tfd, name)) >= 0 &&
		    sweep_parse_io(ls->ls_buf, (size_t)n, &c) == 0)
			lp->lp_chars += c;
		else if (n == -1 && errno != ENOENT && errno != ESRCH)
			lp->lp_have_chars = 0;	/* not ours to read */
	}
	(void) closedir(d);
}

/*
 * Why a read of a process's file failed: the process has gone (it was
 * reaped: ENOENT at the open, ESRCH at the read), or anything else.
 */
static int
read_failed(void)
{
	return (errno == ENOENT || errno == ESRCH ? RP_GONE : RP_FAIL);
}

/*
 * Read one process: RP_OK, RP_GONE if it has gone or is a zombie, RP_FAIL
 * if it is live but its stat or status cannot be read or parsed.
 */
static int
read_proc(struct lsweep *ls, long pid, struct lproc *lp)
{
	char name[SWL_PROCMAX + 64];
	ssize_t n;
	int pfd;

	/*
	 * Whole paths, not openat() on the process's directory: one open
	 * fewer per process.  A pid reused between two of our reads within
	 * microseconds would need the whole pid space to wrap meanwhile.
	 */
	lp->lp_pid = pid;
	(void) snprintf(name, sizeof (name), "%s/%ld/stat", ls->ls_proc, pid);
	if ((n = read_at(ls, AT_FDCWD, name)) < 0)
		return (read_failed());
	if (sweep_parse_stat(ls->ls_buf, (size_t)n, &lp->lp_st) == -1)
		return (RP_FAIL);
	/*
	 * A zombie: its final usage went to its parent.  A zombie leader
	 * with live threads still counts them in num_threads: keep it.
	 */
	if ((lp->lp_st.pst_state == 'Z' || lp->lp_st.pst_state == 'X') &&
	    lp->lp_st.pst_nthreads <= 1)
		return (RP_GONE);
	(void) snprintf(name, sizeof (name), "%s/%ld/status", ls->ls_proc,
	    pid);
	if ((n = read_at(ls, AT_FDCWD, name)) < 0)
		return (read_failed());
	if (sweep_parse_status(ls->ls_buf, (size_t)n, &lp->lp_ss) == -1)
		return (RP_FAIL);
	if (lp->lp_st.pst_nthreads == 1) {
		/* One thread: status has its switches, task/PID/io its I/O. */
		lp->lp_have_csw = (lp->lp_ss.pss_have & (SWS_VCSW |
		    SWS_IVCSW)) == (SWS_VCSW | SWS_IVCSW);
		lp->lp_nvcsw = lp->lp_ss.pss_nvcsw;
		lp->lp_nivcsw = lp->lp_ss.pss_nivcsw;
		(void) snprintf(name, sizeof (name), "%s/%ld/task/%ld/io",
		    ls->ls_proc, pid, pid);
		lp->lp_have_chars = (n = read_at(ls, AT_FDCWD, name)) >= 0 &&
		    sweep_parse_io(ls->ls_buf, (size_t)n, &lp->lp_chars) == 0;
	} else {
		(void) snprintf(name, sizeof (name), "%s/%ld", ls->ls_proc,
		    pid);
		if ((pfd = open(name, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) == -1)
			return (read_failed());
		sum_threads(ls, pfd, lp);
		(void) close(pfd);
	}
	(void) snprintf(name, sizeof (name), "%s/%ld/cgroup", ls->ls_proc,
	    pid);
	if ((n = read_at(ls, AT_FDCWD, name)) >= 0)
		lp->lp_zonelen = sweep_cgroup_zone(ls->ls_buf, (size_t)n,
		    lp->lp_zone, sizeof (lp->lp_zone));
	else
		lp->lp_zonelen = sweep_cgroup_zone("", 0, lp->lp_zone,
		    sizeof (lp->lp_zone));
	return (0);
}

/* Ticks to seconds and nanoseconds. */
static void
ticks(const struct lsweep *ls, uint64_t t, uint64_t *sec, uint64_t *nsec)
{
	*sec = t / ls->ls_hz;
	*nsec = (t % ls->ls_hz) * (UINT64_C(1000000000) / ls->ls_hz);
}

/* The record, items in the order the illumos kernel writes them. */
static void
put_record(struct lsweep *ls, const struct lproc *lp)
{
	struct ex_wbuf *w = &ls->ls_wb;
	const struct sweep_stat *st = &lp->lp_st;
	struct timespec now;
	uint64_t s, ns;
	uint32_t major, minor, fl = 0;

	(void) clock_gettime(CLOCK_REALTIME, &now);
	ex_w_group_begin(w, PTAG(EX_T_GROUP, EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_PID), (uint64_t)lp->lp_pid);
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_UID), lp->lp_ss.pss_uid);
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_GID), lp->lp_ss.pss_gid);
	ticks(ls, st->pst_utime, &s, &ns);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_USER_SEC), s);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_USER_NSEC), ns);
	ticks(ls, st->pst_stime, &s, &ns);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_SYS_SEC), s);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_SYS_NSEC), ns);
	ticks(ls, st->pst_start, &s, &ns);
	ns += ls->ls_boot % 1000000000;
	s += ls->ls_boot / 1000000000 + ns / 1000000000;
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_START_SEC), s);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_START_NSEC), ns % 1000000000);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_FINISH_SEC),
	    (uint64_t)now.tv_sec);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_FINISH_NSEC),
	    (uint64_t)now.tv_nsec);
	ex_w_bytes(w, PTAG(EX_T_STRING, EXD_PROC_COMMAND), st->pst_comm,
	    st->pst_commlen);
	sweep_tty(st->pst_tty, &major, &minor);
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_TTY_MAJOR), major);
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_TTY_MINOR), minor);
	ex_w_string(w, PTAG(EX_T_STRING, EXD_PROC_HOSTNAME), ls->ls_host);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_FAULTS_MAJOR), st->pst_majflt);
	ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_FAULTS_MINOR), st->pst_minflt);
	if (lp->lp_have_chars)
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CHARS_RDWR),
		    lp->lp_chars);
	if (lp->lp_have_csw) {
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CONTEXT_VOL),
		    lp->lp_nvcsw);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CONTEXT_INV),
		    lp->lp_nivcsw);
	}
	if (st->pst_flags & LX_PF_FORKNOEXEC)
		fl |= AFL_FORK;
	if (st->pst_flags & LX_PF_SUPERPRIV)
		fl |= AFL_SU;
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_ACCT_FLAGS), fl);
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_ANCPID), st->pst_ppid);
	ex_w_bytes(w, PTAG(EX_T_STRING, EXD_PROC_ZONENAME), lp->lp_zone,
	    lp->lp_zonelen);
	if (lp->lp_ss.pss_have & SWS_HWM)
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_MEM_RSS_MAX_K),
		    lp->lp_ss.pss_hwm_k);
	ex_w_group_end(w);
	ls->ls_nrec++;
}

static int
sweep_one(void *arg, long pid)
{
	struct lsweep *ls = arg;
	struct lproc lp;

	/*
	 * Not the sweep itself: it exits right after, with no exit record
	 * unless process accounting is on, so every interval would count it
	 * lost.  With exit records it counts whole in its interval.
	 */
	if (pid == (long)getpid() && strcmp(ls->ls_proc, "/proc") == 0)
		return (0);
	switch (read_proc(ls, pid, &lp)) {
	case RP_OK:
		put_record(ls, &lp);
		break;
	case RP_FAIL:
		ls->ls_nskip++;
		break;
	default:
		break;
	}
	return (0);
}

/*
 * The boot time in nanoseconds since the epoch: the real-time clock less
 * the time since boot, as the start times in /proc count it (the boot
 * clock, suspend included).  /proc/stat's btime is cut to the second,
 * which would put every start up to a second early and keep a process's
 * exit record (whole seconds, from the other side) from meeting it.
 */
static int
boot_time(uint64_t *bt)
{
	struct timespec real, boot;

	if (clock_gettime(CLOCK_REALTIME, &real) == -1 ||
	    clock_gettime(CLOCK_BOOTTIME, &boot) == -1 ||
	    real.tv_sec < boot.tv_sec)
		return (-1);
	*bt = (uint64_t)real.tv_sec * 1000000000 + (uint64_t)real.tv_nsec -
	    ((uint64_t)boot.tv_sec * 1000000000 + (uint64_t)boot.tv_nsec);
	return (0);
}


/* The real-time clock in ns since the epoch. */
static uint64_t
now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) == -1 || ts.tv_sec < 0)
		return (0);
	return ((uint64_t)ts.tv_sec * SWL_NS + (uint64_t)ts.tv_nsec);
}

/*
 * The host's CPU counters from /proc/stat, into sw.  The file is read to
 * its end, into a buffer that grows (and is freed here): the cpu line
 * comes first, but ncpu counts the cpuN lines, and those of a large
 * machine run far past ls_buf (256 CPUs: about 30 KB).  Past SWL_STATMAX
 * (some 30,000 CPUs) the lines that did not fit would go uncounted, so
 * ncpu is then sysconf's count of online CPUs instead.  A /proc/stat that
 * cannot be read leaves the counters out of the sweep record.
 */
static void
read_cpu(struct lsweep *ls, struct ex_sweep *sw)
{
	char name[SWL_PROCMAX + 8], *b = NULL, *nb;
	size_t cap = 0, len = 0;
	ssize_t n = 0;
	long on;
	int fd, full = 0;

	(void) snprintf(name, sizeof (name), "%s/stat", ls->ls_proc);
	if ((fd = open(name, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	for (;;) {
		if (len == cap) {
			if (cap >= SWL_STATMAX) {
				full = 1;
				break;
			}
			cap = cap == 0 ? SWL_BUFSZ : cap * 2;
			if ((nb = realloc(b, cap)) == NULL) {
				n = -1;
				break;
			}
			b = nb;
		}
		if ((n = read(fd, b + len, cap - len)) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	(void) close(fd);
	if (n >= 0 && sweep_parse_cpu(b, len, ls->ls_hz, sw) == 0 && full &&
	    (on = sysconf(_SC_NPROCESSORS_ONLN)) > 0) {
		sw->sw_ncpu = (uint32_t)on;
		sw->sw_have |= EX_BIT(EXD_SWEEP_NCPU);
	}
	free(b);
}

/*
 * Sweep under the file's lock: the clocks and /proc/stat, the walk, then
 * the sweep record ahead of the partial records, appended in one write.
 * 0, -1 (said), or AF_REOPEN.
 */
static int
sweep_locked(struct lsweep *ls, struct af_writer *w)
{
	struct ex_sweep sw;
	struct ex_wbuf swb;
	char what[64];
	uint8_t *all;
	size_t n;
	long hz;
	int r;

	if ((r = af_writer_lock(w, 1)) != 0)
		return (r);
	r = -1;
	if ((hz = sysconf(_SC_CLK_TCK)) <= 0 || boot_time(&ls->ls_boot)) {
		warn_file(ls->ls_proc, "cannot find the boot time: %s",
		    strerror(errno));
		return (-1);
	}
	ls->ls_hz = (uint64_t)hz;
	memset(&sw, 0, sizeof (sw));
	/* Under the lock, so a sweep starts after the one before it ended. */
	sw.sw_start = now_ns();
	read_cpu(ls, &sw);
	if (sweep_walk(ls->ls_proc, sweep_one, ls) == -1) {
		warn_file(ls->ls_proc, "cannot read: %s", strerror(errno));
		return (-1);
	}
	sw.sw_end = now_ns();
	sw.sw_nrec = ls->ls_nrec;
	sw.sw_nskip = ls->ls_nskip;
	sw.sw_have |= EX_BIT(EXD_SWEEP_START) | EX_BIT(EXD_SWEEP_END) |
	    EX_BIT(EXD_SWEEP_NRECORDED) | EX_BIT(EXD_SWEEP_NSKIPPED);
	/*
	 * The sweep's own process, which it leaves out: its exit record in
	 * a process-accounting file marks where the sweep is in that file's
	 * exit order (see timeline.c).
	 */
	if (strcmp(ls->ls_proc, "/proc") == 0) {
		sw.sw_pid = (uint32_t)getpid();
		sw.sw_have |= EX_BIT(EXD_SWEEP_PID);
	}
	if (ls->ls_host[0] != '\0') {
		/* ls_host and sw_hostname are both EX_HOST_MAX bytes. */
		sw.sw_hostname_len = (uint16_t)strlen(ls->ls_host);
		memcpy(sw.sw_hostname, ls->ls_host, sw.sw_hostname_len);
		sw.sw_have |= EX_BIT(EXD_SWEEP_HOSTNAME);
	}
	/* Made last, placed first: it ends up in its own buffer. */
	ex_w_init(&swb);
	rec_encode_sweep(&swb, &sw);
	n = swb.wb_len + ls->ls_wb.wb_len;
	if (ls->ls_wb.wb_err != 0 || swb.wb_err != 0) {
		warn_file(w->aw_path, "cannot build the records: %s",
		    strerror(ls->ls_wb.wb_err != 0 ? ls->ls_wb.wb_err :
		    swb.wb_err));
	} else if ((all = malloc(n)) == NULL) {
		warn_file(w->aw_path, "cannot build the records: %s",
		    strerror(ENOMEM));
	} else {
		memcpy(all, swb.wb_buf, swb.wb_len);
		if (ls->ls_wb.wb_len > 0)
			memcpy(all + swb.wb_len, ls->ls_wb.wb_buf,
			    ls->ls_wb.wb_len);
		ex_w_free(&ls->ls_wb);
		(void) snprintf(what, sizeof (what), "the sweep (%lu records)",
		    ls->ls_nrec);
		r = af_writer_append(w, all, n, what);
		free(all);
	}
	ex_w_free(&swb);
	return (r);
}

int
sweep_linux_proc(const char *path, const char *procdir, char *readpath,
    size_t len)
{
	struct lsweep *ls;
	struct utsname un;
	struct af_writer w;
	int r, tries, deflt = path == NULL, status = EXIT_OPEN;

	readpath[0] = '\0';
	if (path == NULL)
		path = AF_FILE;
	if (strlen(path) >= len) {
		warn_file(path, "file name too long");
		return (EXIT_OPEN);
	}
	if (strlen(procdir) >= SWL_PROCMAX) {
		warn_file(procdir, "name too long");
		return (EXIT_OPEN);
	}
	if ((ls = calloc(1, sizeof (*ls))) == NULL) {
		warn_file(path, "out of memory");
		return (EXIT_OPEN);
	}
	ex_w_init(&ls->ls_wb);
	(void) strcpy(ls->ls_proc, procdir);
	if (uname(&un) == 0 && strlen(un.nodename) < sizeof (ls->ls_host))
		(void) strcpy(ls->ls_host, un.nodename);
	for (tries = 1; af_writer_open(&w, path, deflt, ls->ls_host) == 0;
	    tries++) {
		(void) strcpy(readpath, path);
		r = sweep_locked(ls, &w);
		if (r == 0)
			status = EXIT_OK;
		else if (r == -1 && af_writer_remove_unfilled(&w))
			readpath[0] = '\0';	/* nothing to read back */
		/* Which also lets the next sweep have the lock. */
		af_writer_close(&w);
		if (r != AF_REOPEN)
			break;
		readpath[0] = '\0';		/* that file is gone */
		if (tries == SWL_TRIES) {
			warn_file(path, "was removed each time this sweep "
			    "opened it (by sweeps that failed); not writing");
			break;
		}
	}
	ex_w_free(&ls->ls_wb);
	free(ls);
	return (status);
}

int
sweep_run(const char *path, const struct opts *op, char *readpath,
    size_t len)
{
	/* Linux has no tasks, so -T has nothing to add. */
	(void) op;
	return (sweep_linux_proc(path, "/proc", readpath, len));
}
