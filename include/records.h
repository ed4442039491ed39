/*
 * records.h: exacct records as fixed structs.
 *
 * One struct per record type, every field of the catalog, decoded by tag
 * (never by position).  A field's presence is a bit in the struct's
 * "have" mask, at the position of its data id's low six bits, so an absent
 * value is never mistaken for 0:
 *
 *	if (EP_HAS(p, EXD_PROC_PID)) ... p->ep_pid ...
 *
 * Strings are held in fixed buffers large enough for every legal value;
 * a longer value from a hostile file is cut and its "cut" bit set.  Text
 * is kept as bytes with a length: it may hold any byte, NUL included, and
 * must be escaped before it is printed.
 */
#ifndef RECORDS_H
#define RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "exacct.h"

/* Record groups */
#define	EXD_GROUP_PROC		0x100
#define	EXD_GROUP_TASK		0x101
#define	EXD_GROUP_LWP		0x102
#define	EXD_GROUP_PROC_TAG	0x103
#define	EXD_GROUP_TASK_TAG	0x104
#define	EXD_GROUP_LWP_TAG	0x105
#define	EXD_GROUP_PROC_PARTIAL	0x106
#define	EXD_GROUP_TASK_PARTIAL	0x107
#define	EXD_GROUP_TASK_INTERVAL	0x108
#define	EXD_GROUP_FLOW		0x109

/* Process items */
#define	EXD_PROC_PID		0x1000
#define	EXD_PROC_UID		0x1001
#define	EXD_PROC_GID		0x1002
#define	EXD_PROC_TASKID		0x1003
#define	EXD_PROC_PROJID		0x1004
#define	EXD_PROC_HOSTNAME	0x1005
#define	EXD_PROC_COMMAND	0x1006
#define	EXD_PROC_START_SEC	0x1007
#define	EXD_PROC_START_NSEC	0x1008
#define	EXD_PROC_FINISH_SEC	0x1009
#define	EXD_PROC_FINISH_NSEC	0x100a
#define	EXD_PROC_CPU_USER_SEC	0x100b
#define	EXD_PROC_CPU_USER_NSEC	0x100c
#define	EXD_PROC_CPU_SYS_SEC	0x100d
#define	EXD_PROC_CPU_SYS_NSEC	0x100e
#define	EXD_PROC_TTY_MAJOR	0x100f
#define	EXD_PROC_TTY_MINOR	0x1010
#define	EXD_PROC_FAULTS_MAJOR	0x1011
#define	EXD_PROC_FAULTS_MINOR	0x1012
#define	EXD_PROC_MESSAGES_RCV	0x1013
#define	EXD_PROC_MESSAGES_SND	0x1014
#define	EXD_PROC_BLOCKS_IN	0x1015
#define	EXD_PROC_BLOCKS_OUT	0x1016
#define	EXD_PROC_CHARS_RDWR	0x1017
#define	EXD_PROC_CONTEXT_VOL	0x1018
#define	EXD_PROC_CONTEXT_INV	0x1019
#define	EXD_PROC_SIGNALS	0x101a
#define	EXD_PROC_SWAPS		0x101b
#define	EXD_PROC_SYSCALLS	0x101c
#define	EXD_PROC_ACCT_FLAGS	0x101d
#define	EXD_PROC_TAG		0x101e
#define	EXD_PROC_ANCPID		0x101f
#define	EXD_PROC_WAIT_STATUS	0x1020
#define	EXD_PROC_ZONENAME	0x1021
#define	EXD_PROC_MEM_RSS_AVG_K	0x1022
#define	EXD_PROC_MEM_RSS_MAX_K	0x1023

/*
 * Process items of the local catalog: what Linux measures that the
 * illumos catalog has no id for (the original demo prints them as
 * "unknown").  Their low bytes follow the default items', so each has
 * its own presence bit in ep_have.  Waits are ns, cumulative like the
 * other counters.
 */
#define	EXD_PROC_WAIT_CPU	0x7e1024	/* runnable, not running */
#define	EXD_PROC_WAIT_BLKIO	0x7e1025	/* block I/O (delay acct.) */
#define	EXD_PROC_WAIT_SWAPIN	0x7e1026	/* swap-in (delay acct.) */
#define	EXD_PROC_WAIT_RECLAIM	0x7e1027	/* memory reclaim (delay acct.) */
#define	EXD_PROC_CPU_SOURCE	0x7e1028	/* EXCPU_*: what the CPU is */
#define	EXD_PROC_KTHREAD	0x7e1029	/* 1: a kernel thread (Linux */
						/* PF_KTHREAD); else absent */

/* What a record's CPU times are (EXD_PROC_CPU_SOURCE). */
#define	EXCPU_TICKS	1	/* /proc stat: clock ticks, cut down */
#define	EXCPU_SAMPLED	2	/* taskstats utime, stime: tick samples */
#define	EXCPU_EXACT	3	/* the scheduler's run time in ns, split */
				/* as the sampled user and system are */

/* Task items */
#define	EXD_TASK_TASKID		0x2000
#define	EXD_TASK_PROJID		0x2001
#define	EXD_TASK_HOSTNAME	0x2002
#define	EXD_TASK_START_SEC	0x2003
#define	EXD_TASK_START_NSEC	0x2004
#define	EXD_TASK_FINISH_SEC	0x2005
#define	EXD_TASK_FINISH_NSEC	0x2006
#define	EXD_TASK_CPU_USER_SEC	0x2007
#define	EXD_TASK_CPU_USER_NSEC	0x2008
#define	EXD_TASK_CPU_SYS_SEC	0x2009
#define	EXD_TASK_CPU_SYS_NSEC	0x200a
#define	EXD_TASK_FAULTS_MAJOR	0x200b
#define	EXD_TASK_FAULTS_MINOR	0x200c
#define	EXD_TASK_MESSAGES_RCV	0x200d
#define	EXD_TASK_MESSAGES_SND	0x200e
#define	EXD_TASK_BLOCKS_IN	0x200f
#define	EXD_TASK_BLOCKS_OUT	0x2010
#define	EXD_TASK_CHARS_RDWR	0x2011
#define	EXD_TASK_CONTEXT_VOL	0x2012
#define	EXD_TASK_CONTEXT_INV	0x2013
#define	EXD_TASK_SIGNALS	0x2014
#define	EXD_TASK_SWAPS		0x2015
#define	EXD_TASK_SYSCALLS	0x2016
#define	EXD_TASK_TAG		0x2017
#define	EXD_TASK_ANCTASKID	0x2018
#define	EXD_TASK_ZONENAME	0x2019

/* Flow items */
#define	EXD_FLOW_V4SADDR	0x3000
#define	EXD_FLOW_V4DADDR	0x3001
#define	EXD_FLOW_V6SADDR	0x3002
#define	EXD_FLOW_V6DADDR	0x3003
#define	EXD_FLOW_SPORT		0x3004
#define	EXD_FLOW_DPORT		0x3005
#define	EXD_FLOW_PROTOCOL	0x3006
#define	EXD_FLOW_DSFIELD	0x3007
#define	EXD_FLOW_NBYTES		0x3008
#define	EXD_FLOW_NPKTS		0x3009
#define	EXD_FLOW_CTIME		0x300a
#define	EXD_FLOW_LSEEN		0x300b
#define	EXD_FLOW_PROJID		0x300c
#define	EXD_FLOW_UID		0x300d
#define	EXD_FLOW_ANAME		0x300e

/*
 * The sweep record (local catalog: the original demo names none of these
 * ids and prints them as "unknown").  The Linux sweep writes one with its
 * partial records, ahead of them, in the same write: when the sweep ran,
 * what it did, and the host's CPU counters from /proc/stat at its start,
 * in ns.  Times are ns since the epoch.
 */
#define	EXD_GROUP_SWEEP		0x7e0000
#define	EXD_SWEEP_HOSTNAME	0x7e0001
#define	EXD_SWEEP_START		0x7e0002
#define	EXD_SWEEP_END		0x7e0003
#define	EXD_SWEEP_NRECORDED	0x7e0004
#define	EXD_SWEEP_NSKIPPED	0x7e0005
#define	EXD_SWEEP_NCPU		0x7e0006
#define	EXD_SWEEP_CPU_USER	0x7e0007	/* then the 9 others, in order */
#define	EXD_SWEEP_CPU_NICE	0x7e0008
#define	EXD_SWEEP_CPU_SYSTEM	0x7e0009
#define	EXD_SWEEP_CPU_IDLE	0x7e000a
#define	EXD_SWEEP_CPU_IOWAIT	0x7e000b
#define	EXD_SWEEP_CPU_IRQ	0x7e000c
#define	EXD_SWEEP_CPU_SOFTIRQ	0x7e000d
#define	EXD_SWEEP_CPU_STEAL	0x7e000e
#define	EXD_SWEEP_CPU_GUEST	0x7e000f
#define	EXD_SWEEP_CPU_GUEST_NICE 0x7e0010
#define	EXD_SWEEP_PID		0x7e0011	/* the sweeping process */

/*
 * The drop record (local catalog): the listener (-W) writes one when the
 * kernel dropped exit notifications (its socket's queue was full), so
 * that what is missing is counted in the file, not only said on stderr.
 * Times are ns since the epoch: the drops happened between start (the
 * listener's previous look at the count) and end.
 */
#define	EXD_GROUP_DROPS		0x7e0100
#define	EXD_DROPS_HOSTNAME	0x7e0101
#define	EXD_DROPS_START		0x7e0102
#define	EXD_DROPS_END		0x7e0103
#define	EXD_DROPS_COUNT		0x7e0104	/* notifications: one a thread */
#define	EXD_DROPS_PID		0x7e0105	/* the listener */
#define	EXD_DROPS_RECORDS	0x7e0106	/* records it could not write */

/* The host CPU counters of a sweep record, by index into sw_cpu. */
enum {
	SWC_USER, SWC_NICE, SWC_SYSTEM, SWC_IDLE, SWC_IOWAIT, SWC_IRQ,
	SWC_SOFTIRQ, SWC_STEAL, SWC_GUEST, SWC_GUEST_NICE, SWC_N
};

/* Presence: bit (id & 0x3f) of the have mask. */
#define	EX_BIT(id)		(UINT64_C(1) << ((id) & 0x3f))
#define	EP_HAS(p, id)		(((p)->ep_have & EX_BIT(id)) != 0)
#define	ET_HAS(t, id)		(((t)->et_have & EX_BIT(id)) != 0)
#define	EF_HAS(f, id)		(((f)->ef_have & EX_BIT(id)) != 0)
#define	SW_HAS(w, id)		(((w)->sw_have & EX_BIT(id)) != 0)
#define	ED_HAS(d, id)		(((d)->ed_have & EX_BIT(id)) != 0)

/* String buffer sizes, NUL included: every legal value fits. */
#define	EX_COMMAND_MAX		16	/* illumos PRFNSZ */
#define	EX_ZONE_MAX		64	/* ZONENAME_MAX */
#define	EX_HOST_MAX		257	/* MAXHOSTNAMELEN + 1 */
#define	EX_ANAME_MAX		64	/* flow action name */

/* A string field: bytes, their length, and whether it was cut. */
#define	EX_STRFIELD(name, size)						\
	char		name[size];					\
	uint16_t	name##_len;					\
	uint8_t		name##_cut

/* What a record is. */
#define	EXK_FINAL	0	/* proc, task: written at exit */
#define	EXK_PARTIAL	1	/* proc-partial, task-partial (wracct) */
#define	EXK_INTERVAL	2	/* task-interval */

struct ex_proc {
	uint64_t	ep_have;
	int		ep_kind;	/* EXK_FINAL or EXK_PARTIAL */
	uint32_t	ep_pid;
	uint32_t	ep_uid;
	uint32_t	ep_gid;
	uint32_t	ep_taskid;
	uint32_t	ep_projid;
	uint64_t	ep_start_sec;
	uint64_t	ep_start_nsec;
	uint64_t	ep_finish_sec;
	uint64_t	ep_finish_nsec;
	uint64_t	ep_user_sec;
	uint64_t	ep_user_nsec;
	uint64_t	ep_sys_sec;
	uint64_t	ep_sys_nsec;
	uint32_t	ep_tty_major;
	uint32_t	ep_tty_minor;
	uint64_t	ep_majflt;
	uint64_t	ep_minflt;
	uint64_t	ep_msgrcv;
	uint64_t	ep_msgsnd;
	uint64_t	ep_inblk;
	uint64_t	ep_oublk;
	uint64_t	ep_ioch;	/* chars read and written */
	uint64_t	ep_nvcsw;	/* voluntary context switches */
	uint64_t	ep_nivcsw;	/* involuntary */
	uint64_t	ep_signals;
	uint64_t	ep_swaps;
	uint64_t	ep_syscalls;
	uint32_t	ep_flags;	/* acctflags: 0x1 FORK, 0x2 SU */
	uint32_t	ep_ppid;
	uint32_t	ep_wstat;	/* raw wait(2) status */
	uint64_t	ep_rss_avg_k;
	uint64_t	ep_rss_max_k;
	uint64_t	ep_wait_cpu;	/* local: ns */
	uint64_t	ep_wait_blkio;
	uint64_t	ep_wait_swapin;
	uint64_t	ep_wait_reclaim;
	uint32_t	ep_cpu_source;	/* EXCPU_* */
	uint32_t	ep_kthread;	/* local: 1, a kernel thread */
	/*
	 * Not an item: in a row of -i, whose start is that of its usage in
	 * the interval, the start its process was first seen with (ns), the
	 * same in every row of the process; if ep_have_pstart.
	 */
	int		ep_have_pstart;
	uint64_t	ep_pstart;
	EX_STRFIELD(ep_command, EX_COMMAND_MAX);
	EX_STRFIELD(ep_hostname, EX_HOST_MAX);
	EX_STRFIELD(ep_zone, EX_ZONE_MAX);
};

struct ex_task {
	uint64_t	et_have;
	int		et_kind;	/* EXK_FINAL, EXK_PARTIAL, EXK_INTERVAL */
	uint32_t	et_taskid;
	uint32_t	et_projid;
	uint64_t	et_start_sec;
	uint64_t	et_start_nsec;
	uint64_t	et_finish_sec;
	uint64_t	et_finish_nsec;
	uint64_t	et_user_sec;
	uint64_t	et_user_nsec;
	uint64_t	et_sys_sec;
	uint64_t	et_sys_nsec;
	uint64_t	et_majflt;
	uint64_t	et_minflt;
	uint64_t	et_msgrcv;
	uint64_t	et_msgsnd;
	uint64_t	et_inblk;
	uint64_t	et_oublk;
	uint64_t	et_ioch;
	uint64_t	et_nvcsw;
	uint64_t	et_nivcsw;
	uint64_t	et_signals;
	uint64_t	et_swaps;
	uint64_t	et_syscalls;
	uint32_t	et_anctaskid;
	EX_STRFIELD(et_hostname, EX_HOST_MAX);
	EX_STRFIELD(et_zone, EX_ZONE_MAX);
};

struct ex_flow {
	uint64_t	ef_have;
	uint32_t	ef_saddr4;	/* host order */
	uint32_t	ef_daddr4;
	uint8_t		ef_saddr6[16];
	uint8_t		ef_daddr6[16];
	uint16_t	ef_sport;
	uint16_t	ef_dport;
	uint8_t		ef_proto;
	uint8_t		ef_dsfield;
	uint64_t	ef_nbytes;
	uint64_t	ef_npkts;
	uint64_t	ef_ctime;	/* creation, epoch seconds */
	uint64_t	ef_lseen;	/* last seen, epoch seconds */
	uint32_t	ef_projid;
	uint32_t	ef_uid;
	EX_STRFIELD(ef_aname, EX_ANAME_MAX);
};

struct ex_sweep {
	uint64_t	sw_have;
	uint64_t	sw_start;	/* ns since the epoch */
	uint64_t	sw_end;
	uint64_t	sw_nrec;	/* processes recorded */
	uint64_t	sw_nskip;	/* live but unreadable: not recorded */
	uint32_t	sw_ncpu;	/* online CPUs */
	uint32_t	sw_pid;		/* the sweep's own process */
	uint64_t	sw_cpu[SWC_N];	/* /proc/stat's cpu line, ns */
	EX_STRFIELD(sw_hostname, EX_HOST_MAX);
};

struct ex_drops {
	uint64_t	ed_have;
	uint64_t	ed_start;	/* ns since the epoch */
	uint64_t	ed_end;
	uint64_t	ed_count;	/* notifications the kernel dropped */
	uint32_t	ed_pid;
	uint64_t	ed_records;	/* process records not written */
	EX_STRFIELD(ed_hostname, EX_HOST_MAX);
};

/* One decoded record. */
#define	EXR_PROC	1
#define	EXR_TASK	2
#define	EXR_FLOW	3
#define	EXR_SWEEP	4
#define	EXR_DROPS	5

struct ex_record {
	int		er_type;	/* EXR_* */
	uint64_t	er_off;		/* offset of the record's group */
	union {
		struct ex_proc	er_proc;
		struct ex_task	er_task;
		struct ex_flow	er_flow;
		struct ex_sweep	er_sweep;
		struct ex_drops	er_drops;
	} er_u;
};

/*
 * One field of a record struct, so that code can walk every field of a
 * record type from one table (the decoder, the JSON writer).  rf_id is
 * the data id; its presence bit is EX_BIT(rf_id).
 */
#define	RF_U8		1
#define	RF_U16		2
#define	RF_U32		3
#define	RF_U64		4
#define	RF_STR		5	/* buffer, _len, _cut */
#define	RF_V6		6	/* 16 raw bytes */

struct rec_field {
	uint32_t	rf_id;
	uint8_t		rf_kind;	/* RF_*, 0: the id has no field */
	uint16_t	rf_off;		/* offset of the value or buffer */
	uint16_t	rf_loff;	/* RF_STR: offset of the length */
	uint16_t	rf_coff;	/* RF_STR: offset of the cut mark */
	uint16_t	rf_size;	/* RF_STR: buffer size, NUL included */
	const char	*rf_name;	/* catalog name, '_' for '-' */
};

/*
 * The fields of EXR_PROC, EXR_TASK, EXR_FLOW, EXR_SWEEP or EXR_DROPS, at
 * the index of their id's low byte (an entry of rf_kind 0 is no field).
 */
const struct rec_field *rec_fields(int type, size_t *n);

/*
 * The reader: records of an exacct file (or a Linux process-accounting
 * file, recognised by content) one at a time, into a caller's struct
 * ex_record, with constant memory.
 *
 *	struct rec_reader r;
 *	struct ex_record rec;
 *
 *	if (rec_open(&r, path) == -1)
 *		... r.rr_emsg says why (no offset) ...
 *	while ((x = rec_next(&r, &rec)) != EX_END) {
 *		if (x == EX_ERR)
 *			... damage at r.rr_eoff: r.rr_emsg; go on ...
 *		else
 *			... rec.er_type, rec.er_u ...
 *	}
 *	rec_close(&r);
 *
 * After EX_ERR the reader has resynchronised (the next call goes on after
 * the damaged record) or, when it could not, the next call gives EX_END.
 * A record cut by damage is never returned.
 */
#define	RR_EMPTY	0	/* an empty file: no records */
#define	RR_EXACCT	1
#define	RR_PACCT	2

struct rec_reader {
	int		rr_fd;		/* -1: a memory source or closed */
	int		rr_format;	/* RR_* */
	int		rr_order;	/* RR_PACCT: PACCT_LE or PACCT_BE */
	unsigned	rr_want;	/* bits 1 << EXR_*: records to decode */
	uint64_t	rr_off;		/* RR_PACCT: next record */
	int		rr_dead;	/* RR_PACCT: nothing more to read */
	int		rr_nofast;	/* tests: object by object only */
	uint64_t	rr_eoff;	/* EX_ERR: offset of the damage */
	char		rr_emsg[256];	/* what went wrong */
	/* The file header's hostname, for records that carry none. */
	int		rr_have_host;
	EX_STRFIELD(rr_host, EX_HOST_MAX);
	struct ex_src	rr_src;
	struct ex_stream rr_st;
};

/*
 * Append a process record to w as the illumos kernel writes one: group
 * proc (final) or proc-partial, its present fields in the kernel's order,
 * then its present local-catalog items in id order.
 */
void	rec_encode_proc(struct ex_wbuf *, const struct ex_proc *);

/* Append a sweep record (its present fields, in id order) to w. */
void	rec_encode_sweep(struct ex_wbuf *, const struct ex_sweep *);

/* Append a drop record (its present fields, in id order) to w. */
void	rec_encode_drops(struct ex_wbuf *, const struct ex_drops *);

/* 0, or -1 with rr_emsg saying why (the file is then closed). */
int	rec_open(struct rec_reader *, const char *path);
int	rec_open_mem(struct rec_reader *, const void *buf, size_t len);
/*
 * Decode only the record types in mask (1 << EXR_*); others are skipped.
 * The default is processes, tasks and flows; sweep and drop records only
 * if asked.
 */
void	rec_want(struct rec_reader *, unsigned mask);
/*
 * Go on reading at offset off, a record's start (-i -R): 0, or -1 if the
 * file is not one that can be (no exacct records, off past its end, or
 * a process-accounting offset between records).
 */
int	rec_seek(struct rec_reader *, uint64_t off);
/* EX_OK with a record, EX_END, or EX_ERR (rr_eoff, rr_emsg). */
int	rec_next(struct rec_reader *, struct ex_record *);
void	rec_close(struct rec_reader *);

#endif /* RECORDS_H */
