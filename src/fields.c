/*
 * fields.c: the report's fields (fields.h): their names, the row kinds
 * they are in, the default columns, -o's parser, and each field's value
 * in a row.  The man page's FIELDS section lists the same table.
 */
#include <sys/socket.h>
#include <netinet/in.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exacct.h"
#include "exdump.h"
#include "fields.h"
#include "flows.h"
#include "interval.h"
#include "report.h"

#define	P	FL_PROC
#define	T	FL_TASK
#define	S	FL_SUM
#define	R	FL_RAW
#define	W	FL_FLOW
#define	C	FL_CONN

const struct field fld_tab[F_N] = {
	[F_END] = { "end", P | T | S | R, "end of the interval (-i), s" },
	[F_START] = { "start", P | S | R, "start of the interval (-i), s" },
	[F_LEN] = { "len", P | S | R, "length of the interval (-i), s" },
	[F_HOST] = { "host", P | T | S | R,
	    "host: the record's (-c), the interval's (-i)" },
	[F_KIND] = { "kind", P | T | R,
	    "final, partial or interval: the record's (-i: closing the row)" },
	[F_PROCID] = { "procid", P | R, "process ID" },
	[F_PPID] = { "ppid", P | R, "parent process ID" },
	[F_UID] = { "uid", P | W | C | R, "real user ID" },
	[F_USER] = { "user", P | S, "user name (the number with -n)" },
	[F_GID] = { "gid", P | R, "real group ID" },
	[F_GROUP] = { "group", P | S, "group name (the number with -n)" },
	[F_TASKID] = { "taskid", P | T | R, "task ID" },
	[F_ANCTASKID] = { "anctaskid", T | R, "ancestor task ID" },
	[F_PROJID] = { "projid", P | T | R, "project ID" },
	[F_PROJECT] = { "project", P | T | S,
	    "project name (the number with -n)" },
	[F_ZONE] = { "zone", P | T | S | R, "zone name" },
	[F_COMMAND] = { "command", P | S | R, "command name" },
	[F_PSTART] = { "pstart", P | R,
	    "the process's start, s (key: host, procid, pstart, end)" },
	[F_STARTED] = { "started", P | T | R,
	    "start of the record's usage (-i: in the interval), s" },
	[F_FINISHED] = { "finished", P | T | R,
	    "end of the record's usage, s" },
	[F_USR] = { "usr", P | T | S | R, "user CPU time, s" },
	[F_SYS] = { "sys", P | T | S | R, "system CPU time, s" },
	[F_TIME] = { "time", P | T | R, "finished - started, s" },
	[F_PCPU] = { "pcpu", P | T | S,
	    "usr + sys in % of time (-c) or of len (-i, -S)" },
	[F_MAJF] = { "majf", P | T | S | R, "major faults" },
	[F_MINF] = { "minf", P | T | S | R, "minor faults" },
	[F_RWKB] = { "rwKB", P | T | S | R,
	    "characters read and written, thousands" },
	[F_VCXK] = { "vcxK", P | T | S | R,
	    "voluntary context switches, thousands" },
	[F_ICXK] = { "icxK", P | T | S | R,
	    "involuntary context switches, thousands" },
	[F_SIGK] = { "sigK", P | T | S | R, "signals received, thousands" },
	[F_SYCK] = { "sycK", P | T | S | R, "system calls, thousands" },
	[F_ARMB] = { "arMB", P | R, "average resident set, MB (1024 KB)" },
	[F_MRMB] = { "mrMB", P | R, "largest resident set, MB (1024 KB)" },
	[F_INBLK] = { "inblk", P | T | R, "blocks read (-c only)" },
	[F_OUBLK] = { "oublk", P | T | R, "blocks written (-c only)" },
	[F_MSGSND] = { "msgsnd", P | T | R, "messages sent (-c only)" },
	[F_MSGRCV] = { "msgrcv", P | T | R, "messages received (-c only)" },
	[F_SWAPS] = { "swaps", P | T | R, "swaps (-c only)" },
	[F_WAIT_CPU] = { "wait_cpu", P | S | R,
	    "time runnable, waiting for a CPU, s" },
	[F_WAIT_BLKIO] = { "wait_blkio", P | S | R,
	    "time waiting for block I/O, s (delay accounting)" },
	[F_WAIT_SWAPIN] = { "wait_swapin", P | S | R,
	    "time waiting for swap-in, s (delay accounting)" },
	[F_WAIT_RECLAIM] = { "wait_reclaim", P | S | R,
	    "time waiting for memory reclaim, s (delay accounting)" },
	[F_CPU_SOURCE] = { "cpu_source", P | R,
	    "what usr and sys are: ticks, sampled or exact" },
	[F_KTHREAD] = { "kthread", P | R, "1 for a kernel thread" },
	[F_WSTAT] = { "wstat", P | R, "wait status, as wait(2) gives it" },
	[F_FLAGS] = { "flags", P | R, "accounting flags: 1 forked, 2 su" },
	[F_TTY] = { "tty", P | R, "controlling terminal, major:minor" },
	[F_NPROC] = { "nproc", S | R, "processes with usage in the interval" },
	[F_EXITS] = { "exits", S | R, "exit records in the interval" },
	[F_LOST] = { "lost", S | R,
	    "processes gone unrecorded, and exits dropped" },
	[F_HOSTCPU] = { "hostcpu", S | R,
	    "the host's CPU time (user + nice + system), s" },
	[F_NCPU] = { "ncpu", S | R, "the host's CPUs" },
	[F_CAPTURE] = { "capture", S | R, "(usr + sys) / hostcpu" },
	[F_SHARE] = { "share", S | R,
	    "-g: the key's (usr + sys) / hostcpu" },
	[F_TIMESTAMP] = { "timestamp", W | C | R,
	    "flow creation time (-i: the first), s" },
	[F_LOCLTIME] = { "locltime", W | C, "timestamp as local HH:MM:SS" },
	[F_DUR] = { "dur", W | C, "lseen - timestamp, s" },
	[F_LSEEN] = { "lseen", W | C | R,
	    "flow last seen (-i: the latest), s" },
	[F_PROJ] = { "proj", W | C | R, "project ID of the flow" },
	[F_PROT] = { "prot", W | C,
	    "protocol name (the number with -n, or unknown)" },
	[F_PROTOCOL] = { "protocol", W | C | R, "protocol number" },
	[F_DSFIELD] = { "dsfield", W | C | R, "DiffServ field" },
	[F_SRCIPPORT] = { "srcip:port", W | C,
	    "source address:port ([IPv6]:port)" },
	[F_DSTIPPORT] = { "dstip:port", W | C, "destination address:port" },
	[F_SRCIP] = { "srcip", W | C | R, "source address" },
	[F_SPORT] = { "sport", W | C | R, "source port" },
	[F_DSTIP] = { "dstip", W | C | R, "destination address" },
	[F_DPORT] = { "dport", W | C | R, "destination port" },
	[F_NPKTS] = { "npkts", W | R, "packets" },
	[F_NBYTES] = { "nbytes", W | R, "bytes" },
	[F_OPKTS] = { "opkts", C | R, "packets source to destination" },
	[F_OBYTES] = { "obytes", C | R, "bytes source to destination" },
	[F_ORECS] = { "orecs", C | R,
	    "flow records source to destination" },
	[F_IPKTS] = { "ipkts", C | R, "packets destination to source" },
	[F_IBYTES] = { "ibytes", C | R, "bytes destination to source" },
	[F_IRECS] = { "irecs", C | R,
	    "flow records destination to source" },
	[F_ANAME] = { "aname", W | C | R, "action name of the flow" },
};

int
fld_lookup(const char *name, size_t len)
{
	int i;

	for (i = 0; i < F_N; i++) {
		if (strlen(fld_tab[i].f_name) == len &&
		    memcmp(fld_tab[i].f_name, name, len) == 0)
			return (i);
	}
	return (-1);
}

int
fld_parse(const char *list, unsigned kind, struct fsel *sel, char *err,
    size_t errlen)
{
	const char *s = list, *e;
	int id;

	sel->fs_n = 0;
	for (;;) {
		e = strchr(s, ',');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s) {
			(void) snprintf(err, errlen, "an empty field name");
			return (-1);
		}
		if ((id = fld_lookup(s, (size_t)(e - s))) == -1) {
			(void) snprintf(err, errlen, "no field is named "
			    "'%.*s' (exdump -o help lists them)",
			    (int)(e - s > 32 ? 32 : e - s), s);
			return (-1);
		}
		if (!(fld_tab[id].f_kinds & kind)) {
			(void) snprintf(err, errlen, "%s is not a field of "
			    "the %s", fld_tab[id].f_name, kind == FL_SUM ?
			    "summary rows (-S)" : kind == FL_TASK ? "task rows" :
			    kind == FL_FLOW ? "flow rows" : kind == FL_CONN ?
			    "connection rows (-i -t flow)" : "process rows");
			return (-1);
		}
		if (sel->fs_n == FSEL_MAX) {
			(void) snprintf(err, errlen, "more than %d fields",
			    FSEL_MAX);
			return (-1);
		}
		sel->fs_id[sel->fs_n++] = (uint8_t)id;
		if (*e == '\0')
			return (0);
		s = e + 1;
	}
}

static void
add(struct fsel *sel, const uint8_t *ids, size_t n)
{
	size_t i;

	for (i = 0; i < n && sel->fs_n < FSEL_MAX; i++)
		sel->fs_id[sel->fs_n++] = ids[i];
}

void
fld_default(int which, unsigned kind, const int *keys, size_t nkeys,
    struct fsel *sel)
{
	static const uint8_t proc[] = { F_PROCID, F_PPID, F_UID, F_USR,
	    F_SYS, F_TIME, F_MAJF, F_MINF, F_RWKB, F_VCXK, F_ICXK, F_SIGK,
	    F_SYCK, F_ARMB, F_MRMB, F_COMMAND };
	static const uint8_t task[] = { F_TASKID, F_PROJID, F_USR, F_SYS,
	    F_TIME, F_MAJF, F_MINF, F_RWKB, F_VCXK, F_ICXK, F_SIGK, F_SYCK,
	    F_ZONE };
	static const uint8_t span[] = { F_START, F_LEN, F_HOST };
	static const uint8_t end[] = { F_END };
	static const uint8_t sum_head[] = { F_START, F_END, F_LEN, F_HOST };
	static const uint8_t sum_mid[] = { F_NPROC, F_EXITS, F_LOST, F_USR,
	    F_SYS, F_MAJF, F_MINF, F_RWKB, F_VCXK, F_ICXK, F_SIGK, F_SYCK,
	    F_HOSTCPU };
	static const uint8_t flow[] = { F_TIMESTAMP, F_LOCLTIME, F_DUR,
	    F_UID, F_PROJ, F_PROT, F_SRCIPPORT, F_DSTIPPORT, F_NPKTS,
	    F_NBYTES, F_ANAME };
	static const uint8_t conn[] = { F_TIMESTAMP, F_LOCLTIME, F_DUR,
	    F_UID, F_PROJ, F_PROT, F_SRCIPPORT, F_DSTIPPORT, F_OPKTS,
	    F_OBYTES, F_IPKTS, F_IBYTES, F_ANAME };
	static const uint8_t cap[] = { F_CAPTURE };
	static const uint8_t share[] = { F_SHARE };
	size_t i;

	sel->fs_n = 0;
	switch (which) {
	case FD_PROC_I:
		add(sel, end, 1);
		/* FALLTHROUGH */
	case FD_PROC:
		add(sel, proc, sizeof (proc));
		if (which == FD_PROC_I)
			add(sel, span, sizeof (span));
		break;
	case FD_TASK_I:
		add(sel, end, 1);
		/* FALLTHROUGH */
	case FD_TASK:
		add(sel, task, sizeof (task));
		break;
	case FD_FLOW:
		add(sel, flow, sizeof (flow));
		break;
	case FD_CONN:
		add(sel, conn, sizeof (conn));
		break;
	case FD_SUM:
	case FD_SPLIT:
		add(sel, sum_head, sizeof (sum_head));
		for (i = 0; i < nkeys && which == FD_SPLIT; i++) {
			uint8_t k = (uint8_t)keys[i];

			if (k != F_HOST)
				add(sel, &k, 1);
		}
		add(sel, sum_mid, sizeof (sum_mid));
		add(sel, which == FD_SPLIT ? share : cap, 1);
		break;
	default:
		for (i = 0; i < F_N; i++) {
			uint8_t k = (uint8_t)i;
			size_t j;

			if ((fld_tab[i].f_kinds & (kind | FL_RAW)) ==
			    (kind | FL_RAW))
				add(sel, &k, 1);
			for (j = 0; i == F_HOST && j < nkeys; j++) {
				k = (uint8_t)keys[j];
				if (k != F_HOST)
					add(sel, &k, 1);
			}
		}
		break;
	}
}

/* Values */

static int	used_of(unsigned, const uint64_t *, uint64_t *);

static const char *const kind_names[] = { "final", "partial", "interval" };

/*
 * A name, or the number (-n, or no name, or a name too long): a string
 * either way, so that a JSON key has one type.
 */
static void
name_or_id(const struct frow *r, struct fval *v, uint32_t id,
    const char *(*look)(uint32_t))
{
	const char *s = r->fr_n ? NULL : look(id);
	size_t n;

	if (s != NULL && (n = strlen(s)) > 0 && n <= 64) {
		fv_str(v, s, n, 0);
		return;
	}
	(void) snprintf(v->fv_buf, sizeof (v->fv_buf), "%lu",
	    (unsigned long)id);
	fv_str(v, v->fv_buf, strlen(v->fv_buf), 0);
}

/* 100 * cpu / len, one decimal; absent with no length. */
static void
pcpu(struct fval *v, int have, uint64_t cpu, uint64_t len)
{
	if (!have || len == 0) {
		fv_none(v);
		return;
	}
	fv_ratio(v, cpu > UINT64_MAX / 100 ? UINT64_MAX : cpu * 100, len, 1);
}

/* finish - start, signed, of two times present. */
static void
duration(struct fval *v, uint64_t ss, uint64_t sn, uint64_t fs, uint64_t fn)
{
	fmt_norm(&ss, &sn);
	fmt_norm(&fs, &fn);
	v->fv_t = FV_TIME;
	v->fv_prec = FT_2DEC;
	v->fv_neg = 0;
	if (fs < ss || (fs == ss && fn < sn)) {
		uint64_t t;

		v->fv_neg = 1;
		t = ss, ss = fs, fs = t;
		t = sn, sn = fn, fn = t;
	}
	v->fv_a = fs - ss;
	if (fn >= sn) {
		v->fv_b = fn - sn;
	} else {
		v->fv_a--;
		v->fv_b = fn + NS_PER_SEC - sn;
	}
}

static const char *
cpu_source_name(uint32_t s)
{
	static const char *const names[] = { "ticks", "sampled", "exact" };

	return (s >= EXCPU_TICKS && s <= EXCPU_EXACT ?
	    names[s - EXCPU_TICKS] : NULL);
}

#define	HAS(id)		((e->ep_have & EX_BIT(id)) != 0)

static void
proc_value(int id, const struct frow *r, struct fval *v)
{
	const struct ex_proc *e = r->fr_proc;
	const struct tl_span *sp = r->fr_span;
	uint64_t cpu, len, ctr[IV_NCTR];
	const char *s;
	int have;

	fv_none(v);
	switch (id) {
	case F_END:
		if (sp != NULL)
			fv_ns(v, sp->sp_end, FT_3CUT);
		break;
	case F_START:
		if (sp != NULL)
			fv_ns(v, sp->sp_start, FT_3CUT);
		break;
	case F_LEN:
		if (sp != NULL)
			fv_ns(v, sp->sp_end - sp->sp_start, FT_3CUT);
		break;
	case F_HOST:
		if (sp != NULL)
			fv_str(v, sp->sp_host, sp->sp_hostlen, 0);
		else if (HAS(EXD_PROC_HOSTNAME))
			fv_str(v, e->ep_hostname, e->ep_hostname_len,
			    e->ep_hostname_cut);
		break;
	case F_KIND:
		/* In -i, the kind of the record that closed the row. */
		s = e->ep_kind >= 0 && e->ep_kind <= EXK_INTERVAL ?
		    kind_names[e->ep_kind] : NULL;
		if (s != NULL)
			fv_str(v, s, strlen(s), 0);
		break;
	case F_PROCID:
		if (HAS(EXD_PROC_PID))
			fv_u64(v, e->ep_pid);
		break;
	case F_PPID:
		if (HAS(EXD_PROC_ANCPID))
			fv_u64(v, e->ep_ppid);
		break;
	case F_UID:
	case F_USER:
		if (!HAS(EXD_PROC_UID))
			break;
		if (id == F_UID)
			fv_u64(v, e->ep_uid);
		else
			name_or_id(r, v, e->ep_uid, name_user);
		break;
	case F_GID:
	case F_GROUP:
		if (!HAS(EXD_PROC_GID))
			break;
		if (id == F_GID)
			fv_u64(v, e->ep_gid);
		else
			name_or_id(r, v, e->ep_gid, name_group);
		break;
	case F_TASKID:
		if (HAS(EXD_PROC_TASKID))
			fv_u64(v, e->ep_taskid);
		break;
	case F_PROJID:
	case F_PROJECT:
		if (!HAS(EXD_PROC_PROJID))
			break;
		if (id == F_PROJID)
			fv_u64(v, e->ep_projid);
		else
			name_or_id(r, v, e->ep_projid, name_project);
		break;
	case F_ZONE:
		if (HAS(EXD_PROC_ZONENAME))
			fv_str(v, e->ep_zone, e->ep_zone_len, e->ep_zone_cut);
		break;
	case F_COMMAND:
		if (HAS(EXD_PROC_COMMAND))
			fv_str(v, e->ep_command, e->ep_command_len,
			    e->ep_command_cut);
		break;
	case F_PSTART:
	case F_STARTED:
		/* A record's start is its process's, but in a row of -i. */
		if (id == F_PSTART && e->ep_have_pstart)
			fv_ns(v, e->ep_pstart, FT_3CUT);
		else if (HAS(EXD_PROC_START_SEC))
			fv_time(v, e->ep_start_sec, HAS(EXD_PROC_START_NSEC) ?
			    e->ep_start_nsec : 0, FT_3CUT);
		break;
	case F_FINISHED:
		if (HAS(EXD_PROC_FINISH_SEC))
			fv_time(v, e->ep_finish_sec,
			    HAS(EXD_PROC_FINISH_NSEC) ? e->ep_finish_nsec : 0,
			    FT_3CUT);
		break;
	case F_USR:
		if (HAS(EXD_PROC_CPU_USER_SEC) || HAS(EXD_PROC_CPU_USER_NSEC))
			fv_time(v, HAS(EXD_PROC_CPU_USER_SEC) ?
			    e->ep_user_sec : 0, HAS(EXD_PROC_CPU_USER_NSEC) ?
			    e->ep_user_nsec : 0, FT_2DEC);
		break;
	case F_SYS:
		if (HAS(EXD_PROC_CPU_SYS_SEC) || HAS(EXD_PROC_CPU_SYS_NSEC))
			fv_time(v, HAS(EXD_PROC_CPU_SYS_SEC) ?
			    e->ep_sys_sec : 0, HAS(EXD_PROC_CPU_SYS_NSEC) ?
			    e->ep_sys_nsec : 0, FT_2DEC);
		break;
	case F_TIME:
		if (HAS(EXD_PROC_START_SEC) && HAS(EXD_PROC_FINISH_SEC))
			duration(v, e->ep_start_sec, HAS(EXD_PROC_START_NSEC) ?
			    e->ep_start_nsec : 0, e->ep_finish_sec,
			    HAS(EXD_PROC_FINISH_NSEC) ? e->ep_finish_nsec : 0);
		break;
	case F_PCPU:
		have = used_of(iv_proc_counters(e, ctr), ctr, &cpu);
		len = 0;
		if (sp != NULL) {
			len = sp->sp_end - sp->sp_start;
		} else if (HAS(EXD_PROC_START_SEC) &&
		    HAS(EXD_PROC_FINISH_SEC)) {
			uint64_t a = iv_ns(e->ep_start_sec,
			    HAS(EXD_PROC_START_NSEC) ? e->ep_start_nsec : 0);
			uint64_t b = iv_ns(e->ep_finish_sec,
			    HAS(EXD_PROC_FINISH_NSEC) ? e->ep_finish_nsec : 0);

			len = b > a ? b - a : 0;
		}
		pcpu(v, have, cpu, len);
		break;
	case F_MAJF:
		if (HAS(EXD_PROC_FAULTS_MAJOR))
			fv_u64(v, e->ep_majflt);
		break;
	case F_MINF:
		if (HAS(EXD_PROC_FAULTS_MINOR))
			fv_u64(v, e->ep_minflt);
		break;
	case F_RWKB:
		if (HAS(EXD_PROC_CHARS_RDWR))
			fv_dec(v, e->ep_ioch, 1000, 2);
		break;
	case F_VCXK:
		if (HAS(EXD_PROC_CONTEXT_VOL))
			fv_dec(v, e->ep_nvcsw, 1000, 2);
		break;
	case F_ICXK:
		if (HAS(EXD_PROC_CONTEXT_INV))
			fv_dec(v, e->ep_nivcsw, 1000, 2);
		break;
	case F_SIGK:
		if (HAS(EXD_PROC_SIGNALS))
			fv_dec(v, e->ep_signals, 1000, 2);
		break;
	case F_SYCK:
		if (HAS(EXD_PROC_SYSCALLS))
			fv_dec(v, e->ep_syscalls, 1000, 1);
		break;
	case F_ARMB:
		if (HAS(EXD_PROC_MEM_RSS_AVG_K))
			fv_dec(v, e->ep_rss_avg_k, 1024, 1);
		break;
	case F_MRMB:
		if (HAS(EXD_PROC_MEM_RSS_MAX_K))
			fv_dec(v, e->ep_rss_max_k, 1024, 1);
		break;
	case F_INBLK:
		if (HAS(EXD_PROC_BLOCKS_IN))
			fv_u64(v, e->ep_inblk);
		break;
	case F_OUBLK:
		if (HAS(EXD_PROC_BLOCKS_OUT))
			fv_u64(v, e->ep_oublk);
		break;
	case F_MSGSND:
		if (HAS(EXD_PROC_MESSAGES_SND))
			fv_u64(v, e->ep_msgsnd);
		break;
	case F_MSGRCV:
		if (HAS(EXD_PROC_MESSAGES_RCV))
			fv_u64(v, e->ep_msgrcv);
		break;
	case F_SWAPS:
		if (HAS(EXD_PROC_SWAPS))
			fv_u64(v, e->ep_swaps);
		break;
	case F_WAIT_CPU:
		if (HAS(EXD_PROC_WAIT_CPU))
			fv_ns(v, e->ep_wait_cpu, FT_3CUT);
		break;
	case F_WAIT_BLKIO:
		if (HAS(EXD_PROC_WAIT_BLKIO))
			fv_ns(v, e->ep_wait_blkio, FT_3CUT);
		break;
	case F_WAIT_SWAPIN:
		if (HAS(EXD_PROC_WAIT_SWAPIN))
			fv_ns(v, e->ep_wait_swapin, FT_3CUT);
		break;
	case F_WAIT_RECLAIM:
		if (HAS(EXD_PROC_WAIT_RECLAIM))
			fv_ns(v, e->ep_wait_reclaim, FT_3CUT);
		break;
	case F_CPU_SOURCE:
		if (!HAS(EXD_PROC_CPU_SOURCE))
			break;
		if ((s = cpu_source_name(e->ep_cpu_source)) != NULL) {
			fv_str(v, s, strlen(s), 0);
		} else {
			(void) snprintf(v->fv_buf, sizeof (v->fv_buf), "%lu",
			    (unsigned long)e->ep_cpu_source);
			fv_str(v, v->fv_buf, strlen(v->fv_buf), 0);
		}
		break;
	case F_KTHREAD:
		if (HAS(EXD_PROC_KTHREAD))
			fv_u64(v, e->ep_kthread != 0);
		break;
	case F_WSTAT:
		if (HAS(EXD_PROC_WAIT_STATUS))
			fv_u64(v, e->ep_wstat);
		break;
	case F_FLAGS:
		if (HAS(EXD_PROC_ACCT_FLAGS))
			fv_u64(v, e->ep_flags);
		break;
	case F_TTY:
		if (HAS(EXD_PROC_TTY_MAJOR) && HAS(EXD_PROC_TTY_MINOR)) {
			(void) snprintf(v->fv_buf, sizeof (v->fv_buf),
			    "%lu:%lu", (unsigned long)e->ep_tty_major,
			    (unsigned long)e->ep_tty_minor);
			fv_str(v, v->fv_buf, strlen(v->fv_buf), 0);
		}
		break;
	default:
		break;
	}
}
#undef	HAS

#define	HAS(id)		((e->et_have & EX_BIT(id)) != 0)

static void
task_value(int id, const struct frow *r, struct fval *v)
{
	const struct ex_task *e = r->fr_task;
	uint64_t cpu, len = 0, ctr[IV_NCTR];
	int have;

	fv_none(v);
	switch (id) {
	case F_END:
		if (r->fr_end != NULL)
			fv_ns(v, *r->fr_end, FT_3CUT);
		break;
	case F_HOST:
		if (HAS(EXD_TASK_HOSTNAME))
			fv_str(v, e->et_hostname, e->et_hostname_len,
			    e->et_hostname_cut);
		break;
	case F_KIND:
		if (e->et_kind >= 0 && e->et_kind <= EXK_INTERVAL)
			fv_str(v, kind_names[e->et_kind],
			    strlen(kind_names[e->et_kind]), 0);
		break;
	case F_TASKID:
		if (HAS(EXD_TASK_TASKID))
			fv_u64(v, e->et_taskid);
		break;
	case F_ANCTASKID:
		if (HAS(EXD_TASK_ANCTASKID))
			fv_u64(v, e->et_anctaskid);
		break;
	case F_PROJID:
	case F_PROJECT:
		if (!HAS(EXD_TASK_PROJID))
			break;
		if (id == F_PROJID)
			fv_u64(v, e->et_projid);
		else
			name_or_id(r, v, e->et_projid, name_project);
		break;
	case F_ZONE:
		if (HAS(EXD_TASK_ZONENAME))
			fv_str(v, e->et_zone, e->et_zone_len, e->et_zone_cut);
		break;
	case F_STARTED:
		if (HAS(EXD_TASK_START_SEC))
			fv_time(v, e->et_start_sec, HAS(EXD_TASK_START_NSEC) ?
			    e->et_start_nsec : 0, FT_3CUT);
		break;
	case F_FINISHED:
		if (HAS(EXD_TASK_FINISH_SEC))
			fv_time(v, e->et_finish_sec,
			    HAS(EXD_TASK_FINISH_NSEC) ? e->et_finish_nsec : 0,
			    FT_3CUT);
		break;
	case F_USR:
		if (HAS(EXD_TASK_CPU_USER_SEC) || HAS(EXD_TASK_CPU_USER_NSEC))
			fv_time(v, HAS(EXD_TASK_CPU_USER_SEC) ?
			    e->et_user_sec : 0, HAS(EXD_TASK_CPU_USER_NSEC) ?
			    e->et_user_nsec : 0, FT_2DEC);
		break;
	case F_SYS:
		if (HAS(EXD_TASK_CPU_SYS_SEC) || HAS(EXD_TASK_CPU_SYS_NSEC))
			fv_time(v, HAS(EXD_TASK_CPU_SYS_SEC) ?
			    e->et_sys_sec : 0, HAS(EXD_TASK_CPU_SYS_NSEC) ?
			    e->et_sys_nsec : 0, FT_2DEC);
		break;
	case F_TIME:
		if (HAS(EXD_TASK_START_SEC) && HAS(EXD_TASK_FINISH_SEC))
			duration(v, e->et_start_sec, HAS(EXD_TASK_START_NSEC) ?
			    e->et_start_nsec : 0, e->et_finish_sec,
			    HAS(EXD_TASK_FINISH_NSEC) ? e->et_finish_nsec : 0);
		break;
	case F_PCPU:
		have = used_of(iv_task_counters(e, ctr), ctr, &cpu);
		if (HAS(EXD_TASK_START_SEC) && HAS(EXD_TASK_FINISH_SEC)) {
			uint64_t a = iv_ns(e->et_start_sec,
			    HAS(EXD_TASK_START_NSEC) ? e->et_start_nsec : 0);
			uint64_t b = iv_ns(e->et_finish_sec,
			    HAS(EXD_TASK_FINISH_NSEC) ? e->et_finish_nsec : 0);

			len = b > a ? b - a : 0;
		}
		pcpu(v, have, cpu, len);
		break;
	case F_MAJF:
		if (HAS(EXD_TASK_FAULTS_MAJOR))
			fv_u64(v, e->et_majflt);
		break;
	case F_MINF:
		if (HAS(EXD_TASK_FAULTS_MINOR))
			fv_u64(v, e->et_minflt);
		break;
	case F_RWKB:
		if (HAS(EXD_TASK_CHARS_RDWR))
			fv_dec(v, e->et_ioch, 1000, 2);
		break;
	case F_VCXK:
		if (HAS(EXD_TASK_CONTEXT_VOL))
			fv_dec(v, e->et_nvcsw, 1000, 2);
		break;
	case F_ICXK:
		if (HAS(EXD_TASK_CONTEXT_INV))
			fv_dec(v, e->et_nivcsw, 1000, 2);
		break;
	case F_SIGK:
		if (HAS(EXD_TASK_SIGNALS))
			fv_dec(v, e->et_signals, 1000, 2);
		break;
	case F_SYCK:
		if (HAS(EXD_TASK_SYSCALLS))
			fv_dec(v, e->et_syscalls, 1000, 1);
		break;
	case F_INBLK:
		if (HAS(EXD_TASK_BLOCKS_IN))
			fv_u64(v, e->et_inblk);
		break;
	case F_OUBLK:
		if (HAS(EXD_TASK_BLOCKS_OUT))
			fv_u64(v, e->et_oublk);
		break;
	case F_MSGSND:
		if (HAS(EXD_TASK_MESSAGES_SND))
			fv_u64(v, e->et_msgsnd);
		break;
	case F_MSGRCV:
		if (HAS(EXD_TASK_MESSAGES_RCV))
			fv_u64(v, e->et_msgrcv);
		break;
	case F_SWAPS:
		if (HAS(EXD_TASK_SWAPS))
			fv_u64(v, e->et_swaps);
		break;
	default:
		break;
	}
}
#undef	HAS

/* A -S counter field's IVC_*, or -1. */
static int
ctr_of(int id)
{
	switch (id) {
	case F_USR: return (IVC_USER);
	case F_SYS: return (IVC_SYS);
	case F_MAJF: return (IVC_MAJFLT);
	case F_MINF: return (IVC_MINFLT);
	case F_RWKB: return (IVC_IOCH);
	case F_VCXK: return (IVC_NVCSW);
	case F_ICXK: return (IVC_NIVCSW);
	case F_SIGK: return (IVC_SIGNALS);
	case F_SYCK: return (IVC_SYSCALLS);
	case F_WAIT_CPU: return (IVC_WAIT_CPU);
	case F_WAIT_BLKIO: return (IVC_WAIT_BLKIO);
	case F_WAIT_SWAPIN: return (IVC_WAIT_SWAPIN);
	case F_WAIT_RECLAIM: return (IVC_WAIT_RECLAIM);
	default: return (-1);
	}
}

static void
ctr_value(int c, unsigned have, const uint64_t *ctr, struct fval *v)
{
	if (!(have & (1u << c))) {
		fv_none(v);
		return;
	}
	switch (c) {
	case IVC_USER:
	case IVC_SYS:
		fv_ns(v, ctr[c], FT_2DEC);
		break;
	case IVC_MAJFLT:
	case IVC_MINFLT:
		fv_u64(v, ctr[c]);
		break;
	case IVC_WAIT_CPU:
	case IVC_WAIT_BLKIO:
	case IVC_WAIT_SWAPIN:
	case IVC_WAIT_RECLAIM:
		fv_ns(v, ctr[c], FT_3CUT);
		break;
	default:
		fv_dec(v, ctr[c], 1000, c == IVC_SYSCALLS ? 1 : 2);
		break;
	}
}

/* user + system of the counters present; whether there is any. */
static int
used_of(unsigned have, const uint64_t *ctr, uint64_t *used)
{
	*used = 0;
	if (have & (1u << IVC_USER))
		*used = iv_plus(*used, ctr[IVC_USER]);
	if (have & (1u << IVC_SYS))
		*used = iv_plus(*used, ctr[IVC_SYS]);
	return ((have & (1u << IVC_USER | 1u << IVC_SYS)) != 0);
}

static void
sum_value(int id, const struct frow *r, struct fval *v)
{
	const struct tl_sum *sm = r->fr_sum;
	const struct tl_span *sp = &sm->ts_span;
	uint64_t used;
	int c, have;

	fv_none(v);
	if ((c = ctr_of(id)) != -1) {
		ctr_value(c, sm->ts_have, sm->ts_ctr, v);
		return;
	}
	have = used_of(sm->ts_have, sm->ts_ctr, &used);
	switch (id) {
	case F_START:
		fv_ns(v, sp->sp_start, FT_3CUT);
		break;
	case F_END:
		fv_ns(v, sp->sp_end, FT_3CUT);
		break;
	case F_LEN:
		fv_ns(v, sp->sp_end - sp->sp_start, FT_3CUT);
		break;
	case F_HOST:
		fv_str(v, sp->sp_host, sp->sp_hostlen, 0);
		break;
	case F_NPROC:
		fv_u64(v, sm->ts_nproc);
		break;
	case F_EXITS:
		fv_u64(v, sm->ts_exits);
		break;
	case F_LOST:
		fv_u64(v, sm->ts_lost);
		break;
	case F_HOSTCPU:
		if (sm->ts_have_hcpu)
			fv_ns(v, sm->ts_hcpu, FT_2DEC);
		break;
	case F_NCPU:
		if (sm->ts_have_hcpu && sm->ts_ncpu > 0)
			fv_u64(v, sm->ts_ncpu);
		break;
	case F_CAPTURE:
		if (have && sm->ts_have_hcpu && sm->ts_hcpu > 0)
			fv_ratio(v, used, sm->ts_hcpu, 3);
		break;
	case F_PCPU:
		pcpu(v, have, used, sp->sp_end - sp->sp_start);
		break;
	default:
		break;
	}
}

static void
split_value(int id, const struct frow *r, struct fval *v)
{
	const struct rpt_split *rs = r->fr_split;
	uint64_t used;
	size_t i;
	int c, have;

	fv_none(v);
	if ((c = ctr_of(id)) != -1) {
		ctr_value(c, rs->rs_have, rs->rs_ctr, v);
		return;
	}
	have = used_of(rs->rs_have, rs->rs_ctr, &used);
	switch (id) {
	case F_START:
		fv_ns(v, rs->rs_start, FT_3CUT);
		return;
	case F_END:
		fv_ns(v, rs->rs_end, FT_3CUT);
		return;
	case F_LEN:
		fv_ns(v, rs->rs_end - rs->rs_start, FT_3CUT);
		return;
	case F_HOST:
		if (rs->rs_host != NULL)
			fv_str(v, rs->rs_host, rs->rs_hostlen, 0);
		return;
	case F_NPROC:
		fv_u64(v, rs->rs_nproc);
		return;
	case F_EXITS:
		fv_u64(v, rs->rs_exits);
		return;
	case F_LOST:
		if (rs->rs_have_lost)
			fv_u64(v, rs->rs_lost);
		return;
	case F_HOSTCPU:
		if (rs->rs_have_hcpu)
			fv_ns(v, rs->rs_hcpu, FT_2DEC);
		return;
	case F_SHARE:
		if (have && rs->rs_have_hcpu && rs->rs_hcpu > 0)
			fv_ratio(v, used, rs->rs_hcpu, 3);
		return;
	case F_PCPU:
		pcpu(v, have, used, rs->rs_end - rs->rs_start);
		return;
	default:
		break;
	}
	/* The keys: user, group, project, zone, command. */
	for (i = 0; i < rs->rs_nkey; i++) {
		if (rs->rs_kid[i] == id && rs->rs_kval[i] != NULL) {
			fv_str(v, rs->rs_kval[i], rs->rs_klen[i], 0);
			return;
		}
	}
}

/* Flows and connections */

/* Local HH:MM:SS of an epoch time, into buf; 0, or -1 with none. */
static int
local_hms(uint64_t v, char *b)
{
	static int64_t cache = -1;
	static char cbuf[9];
	struct tm tm;
	time_t t = (time_t)v;

	if (v > INT64_MAX)
		return (-1);
	if (cache != (int64_t)v) {
		cbuf[0] = '\0';
		cache = (int64_t)v;
		if (t < 0 || (uint64_t)t != v || localtime_r(&t, &tm) == NULL)
			return (-1);
		cbuf[0] = (char)('0' + tm.tm_hour / 10);
		cbuf[1] = (char)('0' + tm.tm_hour % 10);
		cbuf[2] = ':';
		cbuf[3] = (char)('0' + tm.tm_min / 10);
		cbuf[4] = (char)('0' + tm.tm_min % 10);
		cbuf[5] = ':';
		/* A leap second is 60. */
		cbuf[6] = (char)('0' + tm.tm_sec / 10 % 10);
		cbuf[7] = (char)('0' + tm.tm_sec % 10);
		cbuf[8] = '\0';
	}
	if (cbuf[0] == '\0')
		return (-1);
	memcpy(b, cbuf, 9);
	return (0);
}

/*
 * An address of a flow (src or not) into buf (64 bytes), IPv6 in
 * brackets if br: its length, or -1 if the flow has none.  Without
 * printf: a flow row is on the per-record path.
 */
static int
flow_addr(const struct ex_flow *e, int src, int br, char *buf)
{
	uint32_t v4id = src ? EXD_FLOW_V4SADDR : EXD_FLOW_V4DADDR;
	uint32_t v6id = src ? EXD_FLOW_V6SADDR : EXD_FLOW_V6DADDR;
	char a[INET6_ADDRSTRLEN], *p = buf;
	uint32_t x;
	size_t n;

	if (e->ef_have & EX_BIT(v4id)) {
		x = src ? e->ef_saddr4 : e->ef_daddr4;
		p = fmt_u64(p, x >> 24);
		*p++ = '.';
		p = fmt_u64(p, x >> 16 & 0xff);
		*p++ = '.';
		p = fmt_u64(p, x >> 8 & 0xff);
		*p++ = '.';
		p = fmt_u64(p, x & 0xff);
		return ((int)(p - buf));
	}
	if (!(e->ef_have & EX_BIT(v6id)))
		return (-1);
	if (inet_ntop(AF_INET6, src ? e->ef_saddr6 : e->ef_daddr6, a,
	    sizeof (a)) == NULL)
		(void) strcpy(a, "::");
	n = strlen(a);
	if (br)
		*p++ = '[';
	memcpy(p, a, n);
	p += n;
	if (br)
		*p++ = ']';
	return ((int)(p - buf));
}

/* The values flows and connections share, of the flow e. */
static int
flow_common(int id, const struct frow *r, const struct ex_flow *e,
    struct fval *v)
{
	uint32_t portid;
	const char *s;
	char *q;
	int src, n;

	switch (id) {
	case F_PROT:
	case F_PROTOCOL:
		if (!(e->ef_have & EX_BIT(EXD_FLOW_PROTOCOL)))
			break;
		if (id == F_PROT && !r->fr_n &&
		    (s = name_proto(e->ef_proto)) != NULL)
			fv_str(v, s, strnlen(s, 64), 0);
		else
			fv_u64(v, e->ef_proto);
		break;
	case F_DSFIELD:
		if (e->ef_have & EX_BIT(EXD_FLOW_DSFIELD))
			fv_u64(v, e->ef_dsfield);
		break;
	case F_SRCIPPORT:
	case F_DSTIPPORT:
		src = id == F_SRCIPPORT;
		portid = src ? EXD_FLOW_SPORT : EXD_FLOW_DPORT;
		if ((n = flow_addr(e, src, 1, v->fv_buf)) == -1)
			break;
		/* [46 chars]:65535 fits the 64 bytes. */
		q = v->fv_buf + n;
		*q++ = ':';
		if (e->ef_have & EX_BIT(portid))
			q = fmt_u64(q, src ? e->ef_sport : e->ef_dport);
		else
			*q++ = '-';
		fv_str(v, v->fv_buf, (size_t)(q - v->fv_buf), 0);
		break;
	case F_SRCIP:
	case F_DSTIP:
		if ((n = flow_addr(e, id == F_SRCIP, 0, v->fv_buf)) != -1)
			fv_str(v, v->fv_buf, (size_t)n, 0);
		break;
	case F_SPORT:
		if (e->ef_have & EX_BIT(EXD_FLOW_SPORT))
			fv_u64(v, e->ef_sport);
		break;
	case F_DPORT:
		if (e->ef_have & EX_BIT(EXD_FLOW_DPORT))
			fv_u64(v, e->ef_dport);
		break;
	case F_ANAME:
		if (e->ef_have & EX_BIT(EXD_FLOW_ANAME))
			fv_str(v, e->ef_aname, e->ef_aname_len,
			    e->ef_aname_cut);
		break;
	default:
		return (0);
	}
	return (1);
}

/* The times of a flow or connection: first, last (whole seconds). */
static void
flow_times(int id, int hf, uint64_t first, int hl, uint64_t last,
    struct fval *v)
{
	switch (id) {
	case F_TIMESTAMP:
		if (hf)
			fv_time(v, first, 0, FT_WHOLE);
		break;
	case F_LSEEN:
		if (hl)
			fv_time(v, last, 0, FT_WHOLE);
		break;
	case F_LOCLTIME:
		if (hf && local_hms(first, v->fv_buf) == 0)
			fv_str(v, v->fv_buf, 8, 0);
		break;
	case F_DUR:
		if (!hf || !hl)
			break;
		fv_time(v, last >= first ? last - first : first - last, 0,
		    FT_WHOLE);
		v->fv_neg = last < first;
		break;
	default:
		break;
	}
}

static void
flow_value(int id, const struct frow *r, struct fval *v)
{
	const struct ex_flow *e = r->fr_flow;

	fv_none(v);
	if (flow_common(id, r, e, v))
		return;
	switch (id) {
	case F_UID:
		if (e->ef_have & EX_BIT(EXD_FLOW_UID))
			fv_u64(v, e->ef_uid);
		break;
	case F_PROJ:
		if (e->ef_have & EX_BIT(EXD_FLOW_PROJID))
			fv_u64(v, e->ef_projid);
		break;
	case F_NPKTS:
		if (e->ef_have & EX_BIT(EXD_FLOW_NPKTS))
			fv_u64(v, e->ef_npkts);
		break;
	case F_NBYTES:
		if (e->ef_have & EX_BIT(EXD_FLOW_NBYTES))
			fv_u64(v, e->ef_nbytes);
		break;
	default:
		flow_times(id, (e->ef_have & EX_BIT(EXD_FLOW_CTIME)) != 0,
		    e->ef_ctime, (e->ef_have & EX_BIT(EXD_FLOW_LSEEN)) != 0,
		    e->ef_lseen, v);
		break;
	}
}

static void
conn_value(int id, const struct frow *r, struct fval *v)
{
	const struct fl_conn *c = r->fr_conn;

	fv_none(v);
	if (flow_common(id, r, &c->fc_flow, v))
		return;
	switch (id) {
	case F_UID:
		if (c->fc_have_uid)
			fv_u64(v, c->fc_uid);
		break;
	case F_PROJ:
		if (c->fc_have_proj)
			fv_u64(v, c->fc_proj);
		break;
	/* A direction with no record has no packets, not 0 of them. */
	case F_OPKTS:
		if (c->fc_nrec[0] != 0)
			fv_u64(v, c->fc_pkts[0]);
		break;
	case F_OBYTES:
		if (c->fc_nrec[0] != 0)
			fv_u64(v, c->fc_bytes[0]);
		break;
	case F_ORECS:
		fv_u64(v, c->fc_nrec[0]);
		break;
	case F_IPKTS:
		if (c->fc_nrec[1] != 0)
			fv_u64(v, c->fc_pkts[1]);
		break;
	case F_IBYTES:
		if (c->fc_nrec[1] != 0)
			fv_u64(v, c->fc_bytes[1]);
		break;
	case F_IRECS:
		fv_u64(v, c->fc_nrec[1]);
		break;
	default:
		flow_times(id, c->fc_have_first, c->fc_first,
		    c->fc_have_last, c->fc_last, v);
		break;
	}
}

void
fld_value(int id, const struct frow *r, struct fval *v)
{
	if (r->fr_proc != NULL)
		proc_value(id, r, v);
	else if (r->fr_task != NULL)
		task_value(id, r, v);
	else if (r->fr_sum != NULL)
		sum_value(id, r, v);
	else if (r->fr_split != NULL)
		split_value(id, r, v);
	else if (r->fr_flow != NULL)
		flow_value(id, r, v);
	else if (r->fr_conn != NULL)
		conn_value(id, r, v);
	else
		fv_none(v);
}
