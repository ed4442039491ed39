/*
 * sweep_linux.c: the -w sweep on Linux, which has no exacct in the kernel,
 * so exdump writes the proc-partial records itself.
 *
 * One record per live process (kernel threads too), from the cheapest
 * exact source: /proc/PID/stat, /proc/PID/status, task/TID/io (the
 * process-wide io file also counts reaped children), the process's CPU
 * clock for its exact run time, and one taskstats query for the thread
 * group's context switches and waits (exited threads included); where
 * taskstats is missing or refused, the per-thread task/TID/status and
 * schedstat instead.  The zone comes from /proc/PID/cgroup, unless no
 * cgroup on the machine is a container's (zone_scan()).  Each file is
 * read with one read() into one fixed buffer; the only memory that grows
 * is the record buffer (libc's directory streams for the thread list of a
 * multi-threaded process and for the cgroup walk, and the buffers
 * /proc/stat and mountinfo are read into, come and go).
 *
 * The exclusive lock on the file is taken before the clocks and /proc are
 * read, and held until the sweep is appended, so parallel sweeps run one
 * after the other and their records are in time order in the file.  The
 * sweep record (when, what was recorded and skipped, the host's CPU
 * counters) goes ahead of the partial records in the same one write, and
 * the file is cut back if the write fails, so a reader never sees a torn
 * record or a sweep record without its processes.
 */
#define	_DEFAULT_SOURCE		/* d_type, DT_DIR: the cgroup walk */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
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
#include "taskstats.h"

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
#define	LX_PF_KTHREAD		0x00200000
#define	AFL_FORK		0x1
#define	AFL_SU			0x2

/*
 * A process's CPU clocks (the kernel's clockid ABI, as glibc's and musl's
 * clock_getcpuclockid() make them): (~pid << 3) | which, worked out as
 * -8 * pid - 8 + which, so no negative number is shifted.  PROF is the
 * sampled user + system time, VIRT the sampled user time, SCHED the
 * scheduler's exact run time; all three of every thread, the exited ones
 * too.  Readable for any process, without privilege.
 */
#define	LX_CPUCLOCK_PROF	0
#define	LX_CPUCLOCK_VIRT	1
#define	LX_CPUCLOCK_SCHED	2
#define	LX_CLOCK_PIDMAX		(INT_MAX / 8 - 1)

#define	PTAG(type, id)	EX_TAG(type, EX_C_DEFAULT, id)
#define	LTAG(type, id)	EX_TAG(type, EX_C_LOCAL, id)

/* The waits a record can carry, in the order of their ids. */
enum { LW_CPU, LW_BLKIO, LW_SWAPIN, LW_RECLAIM, LW_N };

struct lsweep {
	struct ex_wbuf	ls_wb;		/* the partial records */
	char		ls_host[EX_HOST_MAX];
	char		ls_proc[SWL_PROCMAX];	/* "/proc", or a test's */
	int		ls_real;	/* ls_proc is "/proc": this kernel's */
	long		ls_self;	/* our pid */
	uint64_t	ls_boot;	/* boot time, ns since the epoch */
	uint64_t	ls_hz;		/* clock ticks per second */
	int		ls_delayacct;	/* sys/kernel/task_delayacct is 1 */
	int		ls_zones;	/* read each /proc/PID/cgroup */
	int		ls_tsfd;	/* taskstats, or -1: /proc alone */
	uint16_t	ls_tsfam;
	unsigned long	ls_nrec;	/* processes recorded */
	unsigned long	ls_nskip;	/* live, but could not be read */
	char		ls_buf[SWL_BUFSZ];
};

/* What read_proc() found. */
#define	RP_OK		0	/* read: record it */
#define	RP_GONE		1	/* exited, or a zombie: skipped by design */
#define	RP_FAIL		2	/* live but unreadable: counted */

/* What one process's files (and the kernel's taskstats) said. */
struct lproc {
	long		lp_pid;
	struct sweep_stat	lp_st;
	struct sweep_status	lp_ss;	/* uid, gid, VmHWM (SWS_*) */
	int		lp_have_chars;
	uint64_t	lp_chars;
	int		lp_have_csw;
	uint64_t	lp_nvcsw;
	uint64_t	lp_nivcsw;
	int		lp_have_run;	/* lp_run: the SCHED clock, ns */
	uint64_t	lp_run;
	int		lp_exact;	/* lp_user, lp_sys: ns, exact total */
	uint64_t	lp_user;
	uint64_t	lp_sys;
	unsigned	lp_waits;	/* bit 1 << LW_*: lp_wait[] is valid */
	uint64_t	lp_wait[LW_N];	/* ns */
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

/*
 * Fields 4 (ppid) to 22 (starttime) of stat, after "pid (comm) S ", and
 * if the line goes on so far, 42 (delayacct_blkio_ticks).
 */
#define	STAT_FIRST	4
#define	STAT_LAST	22
#define	STAT_BLKIO	42

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
	/* Optional: a field missing, or cut by the end of buf, is not 42. */
	st->pst_have_blkio = 0;
	for (; k <= STAT_BLKIO; k++) {
		if (i >= len || buf[i] != ' ')
			return (0);
		i++;
		if (num_at(buf, len, &i, &f[0]) == -1)
			return (0);
	}
	if (i >= len || (buf[i] != ' ' && buf[i] != '\n'))
		return (0);
	st->pst_blkio = f[0];
	st->pst_have_blkio = 1;
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

int
sweep_parse_schedstat(const char *buf, size_t len, uint64_t *run,
    uint64_t *delay, uint64_t *count)
{
	uint64_t v[3];
	size_t i = 0;
	int k;

	for (k = 0; k < 3; k++) {
		if (k > 0) {
			if (i >= len || buf[i] != ' ')
				return (-1);
			i++;
		}
		if (i >= len || buf[i] < '0' || buf[i] > '9' ||
		    num_at(buf, len, &i, &v[k]) == -1)
			return (-1);
	}
	/* The last number whole: the line ends after it. */
	if (i >= len || buf[i] != '\n')
		return (-1);
	*run = v[0];
	*delay = v[1];
	*count = v[2];
	return (0);
}

/*
 * a * b / c with b <= c, without a 128-bit type: when c needs more than
 * 32 bits, b and c lose their low bits together (a ratio off by less
 * than 2^-31), and then (a / c) * b + (a % c) * b / c has no product past
 * 64 bits.
 */
uint64_t
sweep_muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	if (c == 0)
		return (0);
	if (b > c)
		b = c;
	while (c > UINT32_MAX) {
		b >>= 1;
		c >>= 1;
	}
	return (a / c * b + a % c * b / c);
}

int
sweep_cpu_split(uint64_t run, uint64_t s_user, uint64_t s_total,
    uint64_t lo_user, uint64_t lo_sys, uint64_t *user, uint64_t *sys)
{
	uint64_t s;

	if (lo_user > UINT64_MAX - lo_sys || run < lo_user + lo_sys)
		return (-1);
	if (s_user > s_total)
		s_user = s_total;
	/* The system part first, rounded down, as the kernel has it. */
	s = sweep_muldiv(run, s_total - s_user, s_total);
	if (s < lo_sys)
		s = lo_sys;
	if (run - s < lo_user)
		s = run - lo_user;
	*sys = s;
	*user = run - s;
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

/*
 * Whether any cgroup is a container's.  A /proc/PID/cgroup costs about
 * as much as a stat, so when no cgroup on the machine is named as a
 * container's, every process is in "global" without reading one: each
 * cgroup hierarchy listed in /proc/self/cgroup is walked, from where
 * /proc/self/mountinfo shows it mounted, every directory put to the same
 * naming rules as a path component of /proc/PID/cgroup (zone_of()).  Any
 * doubt reads each process's file: a hierarchy not mounted here, or only
 * in part (a mount whose root is not the hierarchy's own "/", as in a
 * container), more than ZS_MAXDIRS cgroups or ZS_MAXDEPTH levels, a
 * directory that cannot be read.  The walk stops at the first container.
 */
#define	ZS_SOME		1	/* a container's cgroup, or doubt */
#define	ZS_NONE		0	/* none: every process is in "global" */
#define	ZS_MAXH		64	/* hierarchies */
#define	ZS_MAXDIRS	100000
#define	ZS_MAXDEPTH	64
#define	ZS_MOUNTMAX	(4 * 1024 * 1024)	/* the most of mountinfo read */

/* The whole of a file into a buffer that grows; 0, or -1. */
static int
read_whole(const char *name, size_t cap, char **buf, size_t *len)
{
	char *b = NULL, *nb;
	size_t have = 0, size = 0;
	ssize_t n;
	int fd;

	if ((fd = open(name, O_RDONLY | O_CLOEXEC)) == -1)
		return (-1);
	for (;;) {
		if (have == size) {
			if (size >= cap || (nb = realloc(b, size == 0 ?
			    SWL_BUFSZ : size * 2)) == NULL)
				break;
			b = nb;
			size = size == 0 ? SWL_BUFSZ : size * 2;
		}
		if ((n = read(fd, b + have, size - have)) == -1 &&
		    errno == EINTR)
			continue;
		if (n <= 0) {
			(void) close(fd);
			if (n == -1) {
				free(b);
				return (-1);
			}
			*buf = b;
			*len = have;
			return (0);
		}
		have += (size_t)n;
	}
	(void) close(fd);
	free(b);
	return (-1);
}

/*
 * Walk the cgroups under the directory dfd (closed here), whose name is
 * [prev, prev + pn): ZS_NONE, or ZS_SOME at a container's, or -1.
 */
static int
zone_walk(int dfd, const char *prev, size_t pn, int depth,
    unsigned long *ndirs)
{
	char zone[EX_ZONE_MAX];
	struct dirent *de;
	struct stat sb;
	DIR *d;
	size_t n;
	int fd, r = ZS_NONE;

	if ((d = fdopendir(dfd)) == NULL) {
		(void) close(dfd);
		return (-1);
	}
	while (r == ZS_NONE && (errno = 0, de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if ((n == 1 && de->d_name[0] == '.') || (n == 2 &&
		    de->d_name[0] == '.' && de->d_name[1] == '.'))
			continue;
		if (de->d_type == DT_UNKNOWN) {
			if (fstatat(dirfd(d), de->d_name, &sb,
			    AT_SYMLINK_NOFOLLOW) == -1) {
				if (errno != ENOENT)
					r = -1;
				continue;
			}
			if (!S_ISDIR(sb.st_mode))
				continue;
		} else if (de->d_type != DT_DIR) {
			continue;
		}
		if (zone_of(prev, pn, de->d_name, n, zone, sizeof (zone)) > 0) {
			r = ZS_SOME;
		} else if (++*ndirs > ZS_MAXDIRS || depth >= ZS_MAXDEPTH) {
			r = -1;
		} else if ((fd = openat(dirfd(d), de->d_name, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) == -1) {
			if (errno != ENOENT)	/* removed meanwhile */
				r = -1;
		} else {
			/* de stays valid: d is not read again meanwhile. */
			r = zone_walk(fd, de->d_name, n, depth + 1, ndirs);
		}
	}
	if (r == ZS_NONE && errno != 0)
		r = -1;
	(void) closedir(d);
	return (r);
}

/* [p, p + n) with mountinfo's octal escapes undone, into out: 0, or -1. */
static int
unescape(const char *p, size_t n, char *out, size_t olen)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		char c = p[i];

		if (c == '\\' && n - i >= 4 && p[i + 1] >= '0' &&
		    p[i + 1] <= '3' && p[i + 2] >= '0' && p[i + 2] <= '7' &&
		    p[i + 3] >= '0' && p[i + 3] <= '7') {
			c = (char)((p[i + 1] - '0') * 64 + (p[i + 2] - '0') *
			    8 + (p[i + 3] - '0'));
			i += 3;
		}
		if (o + 1 >= olen || c == '\0')
			return (-1);
		out[o++] = c;
	}
	out[o] = '\0';
	return (0);
}

/*
 * The fields of one mountinfo line at [p, end): the device, root, mount
 * point and file system type.  0, or -1 if the line is not whole.
 */
struct mline {
	const char	*ml_dev, *ml_root, *ml_point, *ml_type;
	size_t		ml_devn, ml_rootn, ml_pointn, ml_typen;
};

static int
mount_line(const char *p, const char *end, struct mline *ml)
{
	const char *f[5], *q = p;
	size_t fn[5];
	int k;

	/* mount id, parent id, major:minor, root, mount point. */
	for (k = 0; k < 5; k++) {
		f[k] = q;
		while (q < end && *q != ' ')
			q++;
		fn[k] = (size_t)(q - f[k]);
		if (q >= end || fn[k] == 0)
			return (-1);
		q++;
	}
	/* Then options and optional fields up to " - ", then the type. */
	for (;;) {
		while (q < end && *q != ' ')
			q++;
		if (end - q < 3)
			return (-1);
		if (q[1] == '-' && q[2] == ' ')
			break;
		q++;
	}
	q += 3;
	ml->ml_type = q;
	while (q < end && *q != ' ')
		q++;
	ml->ml_typen = (size_t)(q - ml->ml_type);
	ml->ml_dev = f[2];
	ml->ml_devn = fn[2];
	ml->ml_root = f[3];
	ml->ml_rootn = fn[3];
	ml->ml_point = f[4];
	ml->ml_pointn = fn[4];
	return (0);
}

static int
zone_scan(struct lsweep *ls)
{
	char name[SWL_PROCMAX + 32], point[PATH_MAX], devs[ZS_MAXH][24];
	char *mi = NULL;
	const char *p, *end, *e;
	struct mline ml;
	unsigned long ndirs = 0;
	size_t len = 0, i;
	ssize_t n;
	int nh = 0, nd = 0, k, fd, r = ZS_NONE;

	/* The hierarchies: one line each in /proc/self/cgroup. */
	(void) snprintf(name, sizeof (name), "%s/self/cgroup", ls->ls_proc);
	if ((n = read_at(ls, AT_FDCWD, name)) <= 0)
		return (ZS_SOME);
	for (i = 0; i < (size_t)n; i++)
		if (ls->ls_buf[i] == '\n')
			nh++;
	(void) snprintf(name, sizeof (name), "%s/self/mountinfo", ls->ls_proc);
	if (nh == 0 || read_whole(name, ZS_MOUNTMAX, &mi, &len) == -1)
		return (ZS_SOME);
	for (p = mi, end = mi + len; p < end && r == ZS_NONE; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		if (mount_line(p, e, &ml) == -1) {
			r = ZS_SOME;
			break;
		}
		if (!((ml.ml_typen == 6 && memcmp(ml.ml_type, "cgroup", 6) ==
		    0) || (ml.ml_typen == 7 && memcmp(ml.ml_type, "cgroup2",
		    7) == 0)))
			continue;
		/* Part of a hierarchy only: what is above it is not seen. */
		if (ml.ml_rootn != 1 || ml.ml_root[0] != '/' ||
		    ml.ml_devn >= sizeof (devs[0])) {
			r = ZS_SOME;
			break;
		}
		/* Each hierarchy (its device) once, however often mounted. */
		for (k = 0; k < nd; k++)
			if (strlen(devs[k]) == ml.ml_devn &&
			    memcmp(devs[k], ml.ml_dev, ml.ml_devn) == 0)
				break;
		if (k < nd)
			continue;
		if (nd == ZS_MAXH || unescape(ml.ml_point, ml.ml_pointn, point,
		    sizeof (point)) == -1 || (fd = open(point, O_RDONLY |
		    O_DIRECTORY | O_CLOEXEC)) == -1) {
			r = ZS_SOME;
			break;
		}
		memcpy(devs[nd], ml.ml_dev, ml.ml_devn);
		devs[nd++][ml.ml_devn] = '\0';
		if ((r = zone_walk(fd, "", 0, 0, &ndirs)) == -1)
			r = ZS_SOME;
	}
	free(mi);
	/* Every hierarchy walked, or one may hide a container. */
	return (r == ZS_NONE && nd == nh ? ZS_NONE : ZS_SOME);
}

int
sweep_zone_scan(const char *procdir)
{
	struct lsweep *ls;
	int r;

	if (strlen(procdir) >= SWL_PROCMAX || (ls = calloc(1,
	    sizeof (*ls))) == NULL)
		return (ZS_SOME);
	(void) strcpy(ls->ls_proc, procdir);
	r = zone_scan(ls);
	free(ls);
	return (r);
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

/* What to read of each thread of a multi-threaded process. */
#define	TH_IO		0x1	/* task/TID/io: chars */
#define	TH_STATUS	0x2	/* task/TID/status: context switches */
#define	TH_SCHED	0x4	/* task/TID/schedstat: the CPU wait */
#define	TH_STAT		0x8	/* task/TID/stat: the block I/O wait */

/*
 * Sum what the live threads' files hold, for each part in what.  A part
 * is left out if a thread's file cannot be read for a reason other than
 * the thread having gone (it exited in between), or does not parse.
 */
static void
sum_threads(struct lsweep *ls, int pfd, struct lproc *lp, unsigned what)
{
	char name[48];
	struct sweep_status ts;
	struct sweep_stat tst;
	struct dirent *de;
	DIR *d;
	ssize_t n;
	uint64_t c, run, delay, count, blkio = 0, wcpu = 0;
	unsigned bad = 0;
	long tid;
	int tfd;

	if (what & TH_IO) {
		lp->lp_have_chars = 0;
		lp->lp_chars = 0;
	}
	if (what & TH_STATUS) {
		lp->lp_have_csw = 0;
		lp->lp_nvcsw = lp->lp_nivcsw = 0;
	}
	if ((tfd = openat(pfd, "task", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1 || (d = fdopendir(tfd)) == NULL) {
		if (tfd != -1)
			(void) close(tfd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (!sweep_pid_name(de->d_name, &tid))
			continue;
		if (what & TH_STATUS) {
			(void) snprintf(name, sizeof (name), "%ld/status", tid);
			if ((n = read_at(ls, tfd, name)) >= 0) {
				if (sweep_parse_status(ls->ls_buf, (size_t)n,
				    &ts) == 0 && (ts.pss_have & (SWS_VCSW |
				    SWS_IVCSW)) == (SWS_VCSW | SWS_IVCSW)) {
					lp->lp_nvcsw += ts.pss_nvcsw;
					lp->lp_nivcsw += ts.pss_nivcsw;
				} else {
					bad |= TH_STATUS;
				}
			} else if (errno != ENOENT && errno != ESRCH) {
				bad |= TH_STATUS;
			}
		}
		if (what & TH_IO) {
			(void) snprintf(name, sizeof (name), "%ld/io", tid);
			if ((n = read_at(ls, tfd, name)) >= 0 &&
			    sweep_parse_io(ls->ls_buf, (size_t)n, &c) == 0)
				lp->lp_chars += c;
			else if (n >= 0 || (errno != ENOENT && errno != ESRCH))
				bad |= TH_IO;	/* not ours to read */
		}
		if (what & TH_SCHED) {
			(void) snprintf(name, sizeof (name), "%ld/schedstat",
			    tid);
			if ((n = read_at(ls, tfd, name)) >= 0 &&
			    sweep_parse_schedstat(ls->ls_buf, (size_t)n, &run,
			    &delay, &count) == 0 && count > 0)
				wcpu += delay;
			else if (n >= 0 || (errno != ENOENT && errno != ESRCH))
				bad |= TH_SCHED;
		}
		if (what & TH_STAT) {
			(void) snprintf(name, sizeof (name), "%ld/stat", tid);
			if ((n = read_at(ls, tfd, name)) >= 0 &&
			    sweep_parse_stat(ls->ls_buf, (size_t)n, &tst) == 0 &&
			    tst.pst_have_blkio)
				blkio += tst.pst_blkio;
			else if (n >= 0 || (errno != ENOENT && errno != ESRCH))
				bad |= TH_STAT;
		}
	}
	(void) closedir(d);
	what &= ~bad;
	if (what & TH_IO)
		lp->lp_have_chars = 1;
	if (what & TH_STATUS)
		lp->lp_have_csw = 1;
	if (what & TH_SCHED) {
		lp->lp_wait[LW_CPU] = wcpu;
		lp->lp_waits |= 1u << LW_CPU;
	}
	if ((what & TH_STAT) && tick_ns(blkio, ls->ls_hz,
	    &lp->lp_wait[LW_BLKIO]) == 0)
		lp->lp_waits |= 1u << LW_BLKIO;
}

/* One of a process's CPU clocks (LX_CPUCLOCK_*): 0, or -1. */
static int
cpu_clock(long pid, int which, uint64_t *ns)
{
	struct timespec ts;

	if (pid <= 0 || pid > LX_CLOCK_PIDMAX ||
	    clock_gettime((clockid_t)(-8 * pid - 8 + which), &ts) == -1 ||
	    ts.tv_sec < 0)
		return (-1);
	*ns = (uint64_t)ts.tv_sec * SWL_NS + (uint64_t)ts.tv_nsec;
	return (0);
}

/*
 * The CPU time, exact: the process's SCHED clock (every thread's run
 * time, the exited ones' too), split as the kernel splits it for rusage
 * and /proc/PID/stat: in the ratio of the sampled times (s_user of
 * s_total, ns), then no less than stat's own figures, which were read
 * before the clock (so the run time is at least their sum).  Without the
 * clock (not this kernel's /proc), or if it does not agree with stat,
 * the record keeps stat's clock ticks.
 */
static void
cpu_exact(struct lsweep *ls, struct lproc *lp, uint64_t s_user,
    uint64_t s_total)
{
	uint64_t lo_user, lo_sys;

	if (!lp->lp_have_run ||
	    tick_ns(lp->lp_st.pst_utime, ls->ls_hz, &lo_user) == -1 ||
	    tick_ns(lp->lp_st.pst_stime, ls->ls_hz, &lo_sys) == -1)
		return;
	if (sweep_cpu_split(lp->lp_run, s_user, s_total, lo_user, lo_sys,
	    &lp->lp_user, &lp->lp_sys) == 0)
		lp->lp_exact = 1;
}

/*
 * The process's thread group from taskstats (exited threads included:
 * the kernel adds each thread's figures to its group's as it exits):
 * the context switches, the waits, and the sampled user and system
 * times for the split of the CPU.  RP_OK, RP_GONE, or RP_FAIL if
 * taskstats failed (refused: its queries need CAP_NET_ADMIN; or broken),
 * when it is given up for /proc alone.
 */
static int
ts_proc(struct lsweep *ls, struct lproc *lp, uint64_t *s_user,
    uint64_t *s_total)
{
	struct ts_stats g;

	if (ts_query(ls->ls_tsfd, ls->ls_tsfam, (uint32_t)lp->lp_pid, 1,
	    &g) == -1) {
		if (errno == ESRCH)
			return (RP_GONE);
		(void) close(ls->ls_tsfd);
		ls->ls_tsfd = -1;
		return (RP_FAIL);
	}
	if (g.ts_have & TSH_CSW) {
		lp->lp_have_csw = 1;
		lp->lp_nvcsw = g.ts_nvcsw;
		lp->lp_nivcsw = g.ts_nivcsw;
	}
	/* No scheduler figures at all: the kernel did not fill them in. */
	if (g.ts_cpu_count > 0) {
		lp->lp_wait[LW_CPU] = g.ts_cpu_delay;
		lp->lp_waits |= 1u << LW_CPU;
	}
	if (ls->ls_delayacct) {
		lp->lp_wait[LW_BLKIO] = g.ts_blkio_delay;
		lp->lp_wait[LW_SWAPIN] = g.ts_swapin_delay;
		lp->lp_waits |= 1u << LW_BLKIO | 1u << LW_SWAPIN;
		if (g.ts_have & TSH_RECLAIM) {
			lp->lp_wait[LW_RECLAIM] = g.ts_freepages_delay;
			lp->lp_waits |= 1u << LW_RECLAIM;
		}
	}
	/* us to ns: no overflow short of 584 years of CPU. */
	*s_user = g.ts_utime_us * 1000;
	*s_total = *s_user + g.ts_stime_us * 1000;
	return (RP_OK);
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
	uint64_t run, delay, count, s_user = 0, s_total = 0;
	int pfd, group = 0, x;

	/*
	 * Whole paths, not openat() on the process's directory: one open
	 * fewer per process.  A pid reused between two of our reads within
	 * microseconds would need the whole pid space to wrap meanwhile.
	 */
	lp->lp_pid = pid;
	lp->lp_have_chars = lp->lp_have_csw = 0;
	lp->lp_have_run = lp->lp_exact = 0;
	lp->lp_waits = 0;
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
	/*
	 * status for the ids and VmHWM (taskstats has them too, but its
	 * high-water mark is made from the per-CPU counters without summing
	 * them: short by up to a batch of pages per CPU).
	 */
	(void) snprintf(name, sizeof (name), "%s/%ld/status", ls->ls_proc,
	    pid);
	if ((n = read_at(ls, AT_FDCWD, name)) < 0)
		return (read_failed());
	if (sweep_parse_status(ls->ls_buf, (size_t)n, &lp->lp_ss) == -1)
		return (RP_FAIL);
	if (ls->ls_tsfd != -1) {
		if ((x = ts_proc(ls, lp, &s_user, &s_total)) == RP_GONE)
			return (x);
		group = x == RP_OK;
	}
	if (ls->ls_real) {
		lp->lp_have_run = cpu_clock(pid, LX_CPUCLOCK_SCHED,
		    &lp->lp_run) == 0;
		/* The sampled times from the clocks, without taskstats. */
		if (!group && (cpu_clock(pid, LX_CPUCLOCK_VIRT, &s_user) ==
		    -1 || cpu_clock(pid, LX_CPUCLOCK_PROF, &s_total) == -1))
			lp->lp_have_run = 0;
	}
	cpu_exact(ls, lp, s_user, s_total);
	if (lp->lp_st.pst_nthreads == 1) {
		/* One thread: status has its switches, task/PID/io its I/O. */
		if (!group) {
			lp->lp_have_csw = (lp->lp_ss.pss_have & (SWS_VCSW |
			    SWS_IVCSW)) == (SWS_VCSW | SWS_IVCSW);
			lp->lp_nvcsw = lp->lp_ss.pss_nvcsw;
			lp->lp_nivcsw = lp->lp_ss.pss_nivcsw;
			(void) snprintf(name, sizeof (name),
			    "%s/%ld/schedstat", ls->ls_proc, pid);
			if ((n = read_at(ls, AT_FDCWD, name)) >= 0 &&
			    sweep_parse_schedstat(ls->ls_buf, (size_t)n, &run,
			    &delay, &count) == 0 && count > 0) {
				lp->lp_wait[LW_CPU] = delay;
				lp->lp_waits |= 1u << LW_CPU;
			}
			if (ls->ls_delayacct && lp->lp_st.pst_have_blkio &&
			    tick_ns(lp->lp_st.pst_blkio, ls->ls_hz,
			    &lp->lp_wait[LW_BLKIO]) == 0)
				lp->lp_waits |= 1u << LW_BLKIO;
		}
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
		sum_threads(ls, pfd, lp, group ? TH_IO : TH_IO | TH_STATUS |
		    TH_SCHED | (ls->ls_delayacct ? TH_STAT : 0));
		(void) close(pfd);
	}
	n = -1;
	if (ls->ls_zones) {
		(void) snprintf(name, sizeof (name), "%s/%ld/cgroup",
		    ls->ls_proc, pid);
		n = read_at(ls, AT_FDCWD, name);
	}
	if (n >= 0)
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

/*
 * The record, items in the order the illumos kernel writes them, then
 * the local catalog's in id order.
 */
static void
put_record(struct lsweep *ls, const struct lproc *lp)
{
	static const uint32_t wid[LW_N] = { EXD_PROC_WAIT_CPU,
	    EXD_PROC_WAIT_BLKIO, EXD_PROC_WAIT_SWAPIN, EXD_PROC_WAIT_RECLAIM };
	struct ex_wbuf *w = &ls->ls_wb;
	const struct sweep_stat *st = &lp->lp_st;
	struct timespec now;
	uint64_t s, ns;
	uint32_t major, minor, fl = 0;
	int k;

	(void) clock_gettime(CLOCK_REALTIME, &now);
	ex_w_group_begin(w, PTAG(EX_T_GROUP, EXD_GROUP_PROC_PARTIAL));
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_PID), (uint64_t)lp->lp_pid);
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_UID), lp->lp_ss.pss_uid);
	ex_w_uint(w, PTAG(EX_T_UINT32, EXD_PROC_GID), lp->lp_ss.pss_gid);
	if (lp->lp_exact) {
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_USER_SEC),
		    lp->lp_user / SWL_NS);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_USER_NSEC),
		    lp->lp_user % SWL_NS);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_SYS_SEC),
		    lp->lp_sys / SWL_NS);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_SYS_NSEC),
		    lp->lp_sys % SWL_NS);
	} else {
		ticks(ls, st->pst_utime, &s, &ns);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_USER_SEC), s);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_USER_NSEC), ns);
		ticks(ls, st->pst_stime, &s, &ns);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_SYS_SEC), s);
		ex_w_uint(w, PTAG(EX_T_UINT64, EXD_PROC_CPU_SYS_NSEC), ns);
	}
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
	for (k = 0; k < LW_N; k++)
		if (lp->lp_waits & (1u << k))
			ex_w_uint(w, LTAG(EX_T_UINT64, wid[k]), lp->lp_wait[k]);
	ex_w_uint(w, LTAG(EX_T_UINT32, EXD_PROC_CPU_SOURCE), lp->lp_exact ?
	    EXCPU_EXACT : EXCPU_TICKS);
	/* Only for a kernel thread: a process has no such item. */
	if (st->pst_flags & LX_PF_KTHREAD)
		ex_w_uint(w, LTAG(EX_T_UINT32, EXD_PROC_KTHREAD), 1);
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
	if (pid == ls->ls_self && ls->ls_real)
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
	/*
	 * To the millisecond: the two clocks are read tens of ns apart, and
	 * a process's start must come out the same in every sweep (it is
	 * part of a row's key), not wander by the time between the reads.
	 */
	*bt = (*bt + 500000) / 1000000 * 1000000;
	return (0);
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
 * Whether the kernel's delay accounting is on (sys/kernel/task_delayacct
 * under the /proc swept holds 1): only then do the block I/O, swap-in
 * and reclaim waits count.  A kernel without the file (older than 5.14,
 * where it was on unless booted with nodelayacct, or without it built
 * in) is taken as off: what cannot be told is left out.
 */
static int
delayacct_on(struct lsweep *ls)
{
	char name[SWL_PROCMAX + 32];
	ssize_t n;

	(void) snprintf(name, sizeof (name), "%s/sys/kernel/task_delayacct",
	    ls->ls_proc);
	n = read_at(ls, AT_FDCWD, name);
	return (n >= 1 && ls->ls_buf[0] == '1' && (n == 1 ||
	    ls->ls_buf[1] == '\n'));
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
	sw.sw_start = clock_now_ns();
	read_cpu(ls, &sw);
	ls->ls_zones = zone_scan(ls);
	if (sweep_walk(ls->ls_proc, sweep_one, ls) == -1) {
		warn_file(ls->ls_proc, "cannot read: %s", strerror(errno));
		return (-1);
	}
	/*
	 * A container's cgroup made during the walk: its processes may be
	 * in the records as "global".  The walk again, reading each one.
	 */
	if (!ls->ls_zones && zone_scan(ls) != ZS_NONE) {
		ex_w_reset(&ls->ls_wb);
		ls->ls_nrec = ls->ls_nskip = 0;
		ls->ls_zones = 1;
		if (sweep_walk(ls->ls_proc, sweep_one, ls) == -1) {
			warn_file(ls->ls_proc, "cannot read: %s",
			    strerror(errno));
			return (-1);
		}
	}
	sw.sw_end = clock_now_ns();
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
		path = AF_DEFAULT_FILE;
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
	ls->ls_real = strcmp(procdir, "/proc") == 0;
	ls->ls_self = (long)getpid();
	if (uname(&un) == 0 && strlen(un.nodename) < sizeof (ls->ls_host))
		(void) strcpy(ls->ls_host, un.nodename);
	ls->ls_delayacct = delayacct_on(ls);
	/*
	 * Taskstats only for this kernel's own /proc.  Where it is missing
	 * (no CONFIG_TASKSTATS, a network namespace of a container) or
	 * refused (its queries need CAP_NET_ADMIN), /proc alone.
	 */
	ls->ls_tsfd = -1;
	if (ls->ls_real && getenv(SWEEP_NO_TASKSTATS_ENV) == NULL &&
	    (ls->ls_tsfd = ts_open(0, &ls->ls_tsfam, ls->ls_buf,
	    sizeof (ls->ls_buf))) != -1) {
		/* An answer that never comes gives taskstats up, not hangs. */
		struct timeval tv = { 2, 0 };

		(void) setsockopt(ls->ls_tsfd, SOL_SOCKET, SO_RCVTIMEO, &tv,
		    sizeof (tv));
	}
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
	if (ls->ls_tsfd != -1)
		(void) close(ls->ls_tsfd);
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
