/*
 * records.c: exacct records decoded by tag into the fixed structs of
 * records.h, one at a time, with constant memory.
 *
 * One table per record type maps a data id to its place in the struct, so
 * the decoder, the JSON writer and anything else that walks every field
 * agree on them.  Items are taken by their tag wherever they appear in
 * the record; an item of the wrong type or catalog (a field whose id is
 * 0x7e0000 or more is of the local catalog, every other of the default
 * one), an unknown id, a value too large for its field and anything
 * nested are skipped, so a record that libexacct would read is never
 * refused for its contents.
 *
 * A file that does not start with a group is offered to the Linux
 * process-accounting decoder (pacct.c), which a report reads the same way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "exacct.h"
#include "pacct.h"
#include "records.h"

#define	PROBE_LEN	4096	/* bytes a process-accounting probe sees */

#define	U(st, m, k, id, name)						\
	[(id) & 0xff] = { (id), (k), offsetof(struct st, m), 0, 0, 0, name }
#define	S(st, m, id, name)						\
	[(id) & 0xff] = { (id), RF_STR, offsetof(struct st, m),		\
	    offsetof(struct st, m##_len), offsetof(struct st, m##_cut),	\
	    sizeof (((struct st *)0)->m), name }

static const struct rec_field proc_fields[] = {
	U(ex_proc, ep_pid, RF_U32, EXD_PROC_PID, "pid"),
	U(ex_proc, ep_uid, RF_U32, EXD_PROC_UID, "uid"),
	U(ex_proc, ep_gid, RF_U32, EXD_PROC_GID, "gid"),
	U(ex_proc, ep_taskid, RF_U32, EXD_PROC_TASKID, "taskid"),
	U(ex_proc, ep_projid, RF_U32, EXD_PROC_PROJID, "projid"),
	S(ex_proc, ep_hostname, EXD_PROC_HOSTNAME, "hostname"),
	S(ex_proc, ep_command, EXD_PROC_COMMAND, "command"),
	U(ex_proc, ep_start_sec, RF_U64, EXD_PROC_START_SEC, "start_sec"),
	U(ex_proc, ep_start_nsec, RF_U64, EXD_PROC_START_NSEC, "start_nsec"),
	U(ex_proc, ep_finish_sec, RF_U64, EXD_PROC_FINISH_SEC, "finish_sec"),
	U(ex_proc, ep_finish_nsec, RF_U64, EXD_PROC_FINISH_NSEC,
	    "finish_nsec"),
	U(ex_proc, ep_user_sec, RF_U64, EXD_PROC_CPU_USER_SEC,
	    "cpu_user_sec"),
	U(ex_proc, ep_user_nsec, RF_U64, EXD_PROC_CPU_USER_NSEC,
	    "cpu_user_nsec"),
	U(ex_proc, ep_sys_sec, RF_U64, EXD_PROC_CPU_SYS_SEC, "cpu_sys_sec"),
	U(ex_proc, ep_sys_nsec, RF_U64, EXD_PROC_CPU_SYS_NSEC,
	    "cpu_sys_nsec"),
	U(ex_proc, ep_tty_major, RF_U32, EXD_PROC_TTY_MAJOR, "tty_major"),
	U(ex_proc, ep_tty_minor, RF_U32, EXD_PROC_TTY_MINOR, "tty_minor"),
	U(ex_proc, ep_majflt, RF_U64, EXD_PROC_FAULTS_MAJOR, "faults_major"),
	U(ex_proc, ep_minflt, RF_U64, EXD_PROC_FAULTS_MINOR, "faults_minor"),
	U(ex_proc, ep_msgrcv, RF_U64, EXD_PROC_MESSAGES_RCV, "msgs_recv"),
	U(ex_proc, ep_msgsnd, RF_U64, EXD_PROC_MESSAGES_SND, "msgs_snd"),
	U(ex_proc, ep_inblk, RF_U64, EXD_PROC_BLOCKS_IN, "blocks_in"),
	U(ex_proc, ep_oublk, RF_U64, EXD_PROC_BLOCKS_OUT, "blocks_out"),
	U(ex_proc, ep_ioch, RF_U64, EXD_PROC_CHARS_RDWR, "chars_rdwr"),
	U(ex_proc, ep_nvcsw, RF_U64, EXD_PROC_CONTEXT_VOL, "ctxt_vol"),
	U(ex_proc, ep_nivcsw, RF_U64, EXD_PROC_CONTEXT_INV, "ctxt_inv"),
	U(ex_proc, ep_signals, RF_U64, EXD_PROC_SIGNALS, "signals"),
	U(ex_proc, ep_swaps, RF_U64, EXD_PROC_SWAPS, "swaps"),
	U(ex_proc, ep_syscalls, RF_U64, EXD_PROC_SYSCALLS, "syscalls"),
	U(ex_proc, ep_flags, RF_U32, EXD_PROC_ACCT_FLAGS, "acctflags"),
	U(ex_proc, ep_ppid, RF_U32, EXD_PROC_ANCPID, "ppid"),
	U(ex_proc, ep_wstat, RF_U32, EXD_PROC_WAIT_STATUS, "wait_status"),
	S(ex_proc, ep_zone, EXD_PROC_ZONENAME, "zone"),
	U(ex_proc, ep_rss_avg_k, RF_U64, EXD_PROC_MEM_RSS_AVG_K,
	    "memory_rss_avg_k"),
	U(ex_proc, ep_rss_max_k, RF_U64, EXD_PROC_MEM_RSS_MAX_K,
	    "memory_rss_max_k"),
	/* The local catalog's, after the default ones (store() checks it). */
	U(ex_proc, ep_wait_cpu, RF_U64, EXD_PROC_WAIT_CPU, "wait_cpu_ns"),
	U(ex_proc, ep_wait_blkio, RF_U64, EXD_PROC_WAIT_BLKIO,
	    "wait_blkio_ns"),
	U(ex_proc, ep_wait_swapin, RF_U64, EXD_PROC_WAIT_SWAPIN,
	    "wait_swapin_ns"),
	U(ex_proc, ep_wait_reclaim, RF_U64, EXD_PROC_WAIT_RECLAIM,
	    "wait_reclaim_ns"),
	U(ex_proc, ep_cpu_source, RF_U32, EXD_PROC_CPU_SOURCE, "cpu_source"),
	U(ex_proc, ep_kthread, RF_U32, EXD_PROC_KTHREAD, "kthread"),
};

static const struct rec_field task_fields[] = {
	U(ex_task, et_taskid, RF_U32, EXD_TASK_TASKID, "taskid"),
	U(ex_task, et_projid, RF_U32, EXD_TASK_PROJID, "projid"),
	S(ex_task, et_hostname, EXD_TASK_HOSTNAME, "hostname"),
	U(ex_task, et_start_sec, RF_U64, EXD_TASK_START_SEC, "start_sec"),
	U(ex_task, et_start_nsec, RF_U64, EXD_TASK_START_NSEC, "start_nsec"),
	U(ex_task, et_finish_sec, RF_U64, EXD_TASK_FINISH_SEC, "finish_sec"),
	U(ex_task, et_finish_nsec, RF_U64, EXD_TASK_FINISH_NSEC,
	    "finish_nsec"),
	U(ex_task, et_user_sec, RF_U64, EXD_TASK_CPU_USER_SEC,
	    "cpu_user_sec"),
	U(ex_task, et_user_nsec, RF_U64, EXD_TASK_CPU_USER_NSEC,
	    "cpu_user_nsec"),
	U(ex_task, et_sys_sec, RF_U64, EXD_TASK_CPU_SYS_SEC, "cpu_sys_sec"),
	U(ex_task, et_sys_nsec, RF_U64, EXD_TASK_CPU_SYS_NSEC,
	    "cpu_sys_nsec"),
	U(ex_task, et_majflt, RF_U64, EXD_TASK_FAULTS_MAJOR, "faults_major"),
	U(ex_task, et_minflt, RF_U64, EXD_TASK_FAULTS_MINOR, "faults_minor"),
	U(ex_task, et_msgrcv, RF_U64, EXD_TASK_MESSAGES_RCV, "msgs_recv"),
	U(ex_task, et_msgsnd, RF_U64, EXD_TASK_MESSAGES_SND, "msgs_snd"),
	U(ex_task, et_inblk, RF_U64, EXD_TASK_BLOCKS_IN, "blocks_in"),
	U(ex_task, et_oublk, RF_U64, EXD_TASK_BLOCKS_OUT, "blocks_out"),
	U(ex_task, et_ioch, RF_U64, EXD_TASK_CHARS_RDWR, "chars_rdwr"),
	U(ex_task, et_nvcsw, RF_U64, EXD_TASK_CONTEXT_VOL, "ctxt_vol"),
	U(ex_task, et_nivcsw, RF_U64, EXD_TASK_CONTEXT_INV, "ctxt_inv"),
	U(ex_task, et_signals, RF_U64, EXD_TASK_SIGNALS, "signals"),
	U(ex_task, et_swaps, RF_U64, EXD_TASK_SWAPS, "swaps"),
	U(ex_task, et_syscalls, RF_U64, EXD_TASK_SYSCALLS, "syscalls"),
	U(ex_task, et_anctaskid, RF_U32, EXD_TASK_ANCTASKID, "anctaskid"),
	S(ex_task, et_zone, EXD_TASK_ZONENAME, "zone"),
};

static const struct rec_field flow_fields[] = {
	U(ex_flow, ef_saddr4, RF_U32, EXD_FLOW_V4SADDR, "src_addr_v4"),
	U(ex_flow, ef_daddr4, RF_U32, EXD_FLOW_V4DADDR, "dest_addr_v4"),
	U(ex_flow, ef_saddr6, RF_V6, EXD_FLOW_V6SADDR, "src_addr_v6"),
	U(ex_flow, ef_daddr6, RF_V6, EXD_FLOW_V6DADDR, "dest_addr_v6"),
	U(ex_flow, ef_sport, RF_U16, EXD_FLOW_SPORT, "src_port"),
	U(ex_flow, ef_dport, RF_U16, EXD_FLOW_DPORT, "dest_port"),
	U(ex_flow, ef_proto, RF_U8, EXD_FLOW_PROTOCOL, "protocol"),
	U(ex_flow, ef_dsfield, RF_U8, EXD_FLOW_DSFIELD, "diffserv_field"),
	U(ex_flow, ef_nbytes, RF_U64, EXD_FLOW_NBYTES, "total_bytes"),
	U(ex_flow, ef_npkts, RF_U64, EXD_FLOW_NPKTS, "total_packets"),
	U(ex_flow, ef_ctime, RF_U64, EXD_FLOW_CTIME, "creation_time"),
	U(ex_flow, ef_lseen, RF_U64, EXD_FLOW_LSEEN, "last_seen"),
	U(ex_flow, ef_projid, RF_U32, EXD_FLOW_PROJID, "projid"),
	U(ex_flow, ef_uid, RF_U32, EXD_FLOW_UID, "uid"),
	S(ex_flow, ef_aname, EXD_FLOW_ANAME, "action_name"),
};

/* Sweep records: every id in the local catalog (store() checks it). */
static const struct rec_field sweep_fields[] = {
	S(ex_sweep, sw_hostname, EXD_SWEEP_HOSTNAME, "hostname"),
	U(ex_sweep, sw_start, RF_U64, EXD_SWEEP_START, "start"),
	U(ex_sweep, sw_end, RF_U64, EXD_SWEEP_END, "end"),
	U(ex_sweep, sw_nrec, RF_U64, EXD_SWEEP_NRECORDED, "recorded"),
	U(ex_sweep, sw_nskip, RF_U64, EXD_SWEEP_NSKIPPED, "skipped"),
	U(ex_sweep, sw_ncpu, RF_U32, EXD_SWEEP_NCPU, "ncpu"),
	U(ex_sweep, sw_cpu[SWC_USER], RF_U64, EXD_SWEEP_CPU_USER, "cpu_user"),
	U(ex_sweep, sw_cpu[SWC_NICE], RF_U64, EXD_SWEEP_CPU_NICE, "cpu_nice"),
	U(ex_sweep, sw_cpu[SWC_SYSTEM], RF_U64, EXD_SWEEP_CPU_SYSTEM,
	    "cpu_system"),
	U(ex_sweep, sw_cpu[SWC_IDLE], RF_U64, EXD_SWEEP_CPU_IDLE, "cpu_idle"),
	U(ex_sweep, sw_cpu[SWC_IOWAIT], RF_U64, EXD_SWEEP_CPU_IOWAIT,
	    "cpu_iowait"),
	U(ex_sweep, sw_cpu[SWC_IRQ], RF_U64, EXD_SWEEP_CPU_IRQ, "cpu_irq"),
	U(ex_sweep, sw_cpu[SWC_SOFTIRQ], RF_U64, EXD_SWEEP_CPU_SOFTIRQ,
	    "cpu_softirq"),
	U(ex_sweep, sw_cpu[SWC_STEAL], RF_U64, EXD_SWEEP_CPU_STEAL,
	    "cpu_steal"),
	U(ex_sweep, sw_cpu[SWC_GUEST], RF_U64, EXD_SWEEP_CPU_GUEST,
	    "cpu_guest"),
	U(ex_sweep, sw_cpu[SWC_GUEST_NICE], RF_U64, EXD_SWEEP_CPU_GUEST_NICE,
	    "cpu_guest_nice"),
	U(ex_sweep, sw_pid, RF_U32, EXD_SWEEP_PID, "pid"),
};

/* Drop records: every id in the local catalog too. */
static const struct rec_field drops_fields[] = {
	S(ex_drops, ed_hostname, EXD_DROPS_HOSTNAME, "hostname"),
	U(ex_drops, ed_start, RF_U64, EXD_DROPS_START, "start"),
	U(ex_drops, ed_end, RF_U64, EXD_DROPS_END, "end"),
	U(ex_drops, ed_count, RF_U64, EXD_DROPS_COUNT, "count"),
	U(ex_drops, ed_pid, RF_U32, EXD_DROPS_PID, "pid"),
	U(ex_drops, ed_records, RF_U64, EXD_DROPS_RECORDS, "records"),
};

#undef U
#undef S

#define	NELEM(a)	(sizeof (a) / sizeof ((a)[0]))

const struct rec_field *
rec_fields(int type, size_t *n)
{
	switch (type) {
	case EXR_PROC:
		*n = NELEM(proc_fields);
		return (proc_fields);
	case EXR_TASK:
		*n = NELEM(task_fields);
		return (task_fields);
	case EXR_FLOW:
		*n = NELEM(flow_fields);
		return (flow_fields);
	case EXR_SWEEP:
		*n = NELEM(sweep_fields);
		return (sweep_fields);
	case EXR_DROPS:
		*n = NELEM(drops_fields);
		return (drops_fields);
	default:
		*n = 0;
		return (NULL);
	}
}

/*
 * Copy a string payload into a fixed buffer: one trailing NUL (the
 * writer's terminator) is dropped, what does not fit is cut and marked.
 */
static void
copy_str(struct ex_src *src, const struct ex_obj *ob, char *buf,
    uint16_t *lenp, uint8_t *cutp, size_t size)
{
	const uint8_t *p = ob->eo_data;
	uint64_t len = ob->eo_dlen;
	size_t n;

	if (p == NULL)
		p = ex_src_get(src, ob->eo_doff, size);
	if (p == NULL) {
		/* Too long to view and unreadable: keep it empty, cut. */
		*lenp = 0;
		*cutp = 1;
		buf[0] = '\0';
		return;
	}
	if (ob->eo_data != NULL && len > 0 && p[len - 1] == '\0')
		len--;
	n = len < size - 1 ? (size_t)len : size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	*lenp = (uint16_t)n;
	*cutp = len > n;
}

/* The catalog bits a field's items must carry: local from 0x7e0000 on. */
#define	LOCAL_ID_MIN	0x7e0000u

static uint32_t
field_cat(const struct rec_field *f)
{
	return (f->rf_id >= LOCAL_ID_MIN ? (uint32_t)EX_C_LOCAL << 24 :
	    (uint32_t)EX_C_DEFAULT << 24);
}

/*
 * Store one member item of a record.  Only items of the field's catalog
 * and of the type the field takes (any unsigned width for a number, if
 * the value fits) are kept; everything else is skipped.
 */
static void
store(struct ex_src *src, void *rec, const struct rec_field *tab, size_t n,
    const struct ex_obj *ob)
{
	const struct rec_field *f;
	char *base = rec;
	uint32_t id = EX_ID(ob->eo_tag);
	uint64_t v = ob->eo_u64;

	/* The full id, then the catalog the field's id belongs to. */
	if ((id & 0xff) >= n || (f = &tab[id & 0xff])->rf_id != id ||
	    (ob->eo_tag & EX_CAT_MASK) != field_cat(f))
		return;
	switch (f->rf_kind) {
	case RF_U8:
	case RF_U16:
	case RF_U32:
	case RF_U64:
		if (ob->eo_type < EX_T_UINT8 || ob->eo_type > EX_T_UINT64)
			return;
		switch (f->rf_kind) {
		case RF_U8:
			if (v > UINT8_MAX)
				return;
			*(uint8_t *)(void *)(base + f->rf_off) = (uint8_t)v;
			break;
		case RF_U16:
			if (v > UINT16_MAX)
				return;
			*(uint16_t *)(void *)(base + f->rf_off) = (uint16_t)v;
			break;
		case RF_U32:
			if (v > UINT32_MAX)
				return;
			*(uint32_t *)(void *)(base + f->rf_off) = (uint32_t)v;
			break;
		default:
			*(uint64_t *)(void *)(base + f->rf_off) = v;
			break;
		}
		break;
	case RF_STR:
		if (ob->eo_type != EX_T_STRING)
			return;
		copy_str(src, ob, base + f->rf_off,
		    (uint16_t *)(void *)(base + f->rf_loff),
		    (uint8_t *)(base + f->rf_coff), f->rf_size);
		break;
	case RF_V6: {
		const uint8_t *p = ob->eo_data;

		if (ob->eo_type != EX_T_RAW || ob->eo_dlen != 16 || p == NULL)
			return;
		memcpy(base + f->rf_off, p, 16);
		break;
	}
	default:
		return;
	}
	/* Every struct starts with its have mask. */
	*(uint64_t *)(void *)base |= EX_BIT(id);
}

static void
rr_error(struct rec_reader *r, uint64_t off, const char *msg)
{
	r->rr_eoff = off;
	(void) snprintf(r->rr_emsg, sizeof (r->rr_emsg), "%s", msg);
}

/*
 * The file header, checked as the classic dump checks it (version 1,
 * file type "exacct", a creator), and its hostname kept.
 */
static int
read_header(struct rec_reader *r)
{
	struct ex_header hd;

	if (ex_read_header(&r->rr_st, &hd, r->rr_emsg,
	    sizeof (r->rr_emsg)) == -1)
		return (-1);
	if (hd.eh_have_host) {
		memcpy(r->rr_host, hd.eh_host, hd.eh_host_len + 1);
		r->rr_host_len = (uint16_t)hd.eh_host_len;
		r->rr_host_cut = (uint8_t)hd.eh_host_cut;
		r->rr_have_host = 1;
	}
	return (0);
}

/* Decide what the file is by its first bytes, and read its header. */
static int
rec_start(struct rec_reader *r)
{
	struct ex_src *s = &r->rr_src;
	const uint8_t *p;
	size_t n;
	char why[192];
	int x;

	r->rr_want = (1u << EXR_PROC) | (1u << EXR_TASK) | (1u << EXR_FLOW);
	ex_stream_init(&r->rr_st, s, 0, UINT64_MAX);
	if ((x = ex_src_have(s, 1)) != 1) {
		if (x == -1) {
			rr_error(r, 0, strerror(s->es_errno));
			return (-1);
		}
		/* A file just rotated or created: no records. */
		r->rr_format = RR_EMPTY;
		return (0);
	}
	(void) ex_src_have(s, PROBE_LEN);
	n = s->es_size < PROBE_LEN ? (size_t)s->es_size : PROBE_LEN;
	if ((p = ex_src_get(s, 0, n)) == NULL) {
		rr_error(r, 0, s->es_errno != 0 ? strerror(s->es_errno) :
		    "cannot read the start of the file");
		return (-1);
	}
	if ((p[0] >> 4) == EX_T_GROUP) {
		r->rr_format = RR_EXACCT;
		if (n >= 4 && ex_be32(p) == EX_HEADER_TAG)
			return (read_header(r));
		return (0);
	}
	why[0] = '\0';
	if ((x = pacct_probe(p, n, why, sizeof (why))) == PACCT_LE ||
	    x == PACCT_BE) {
		r->rr_format = RR_PACCT;
		r->rr_order = x;
		return (0);
	}
	(void) snprintf(r->rr_emsg, sizeof (r->rr_emsg),
	    "not an exacct or process-accounting file: %s",
	    why[0] != '\0' ? why : "unknown contents");
	return (-1);
}

static void
rec_init(struct rec_reader *r)
{
	r->rr_fd = -1;
	r->rr_format = RR_EMPTY;
	r->rr_order = 0;
	r->rr_off = 0;
	r->rr_dead = 0;
	r->rr_nofast = 0;
	r->rr_eoff = 0;
	r->rr_emsg[0] = '\0';
	r->rr_have_host = 0;
	r->rr_host[0] = '\0';
	r->rr_host_len = 0;
	r->rr_host_cut = 0;
}

int
rec_open(struct rec_reader *r, const char *path)
{
	rec_init(r);
	/*
	 * "-" is standard input (a pipe is read once, as any pipe is).  A
	 * duplicate, so that closing the reader closes its own descriptor,
	 * as for a file, and never the process's standard input.
	 */
	if ((r->rr_fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) :
	    open(path, O_RDONLY)) == -1) {
		rr_error(r, 0, strerror(errno));
		return (-1);
	}
	if (ex_src_open_fd(&r->rr_src, r->rr_fd) == -1) {
		rr_error(r, 0, strerror(errno));
		ex_src_close(&r->rr_src);
		(void) close(r->rr_fd);
		r->rr_fd = -1;
		return (-1);
	}
	if (rec_start(r) == -1) {
		rec_close(r);
		return (-1);
	}
	return (0);
}

int
rec_open_mem(struct rec_reader *r, const void *buf, size_t len)
{
	rec_init(r);
	ex_src_open_mem(&r->rr_src, buf, len);
	if (rec_start(r) == -1) {
		rec_close(r);
		return (-1);
	}
	return (0);
}

int
rec_seek(struct rec_reader *r, uint64_t off)
{
	struct ex_src *s = &r->rr_src;

	if (off == 0)
		return (0);
	if (ex_src_have(s, off) == -1 || s->es_size < off)
		return (-1);
	if (r->rr_format == RR_PACCT) {
		if (off % PACCT_RECSIZE != 0)
			return (-1);
		r->rr_off = off;
		return (0);
	}
	if (r->rr_format != RR_EXACCT)
		return (-1);
	ex_stream_init(&r->rr_st, s, off, UINT64_MAX);
	return (0);
}

void
rec_want(struct rec_reader *r, unsigned mask)
{
	r->rr_want = mask;
}

void
rec_close(struct rec_reader *r)
{
	ex_src_close(&r->rr_src);
	if (r->rr_fd != -1)
		(void) close(r->rr_fd);
	r->rr_fd = -1;
}

/* One 64-byte process-accounting record. */
static int
pacct_next(struct rec_reader *r, struct ex_record *rec)
{
	struct ex_src *s = &r->rr_src;
	const uint8_t *p;
	char why[192];
	uint64_t off = r->rr_off;
	int x;

	for (;;) {
		if (r->rr_dead)
			return (EX_END);
		if ((x = ex_src_have(s, off + PACCT_RECSIZE)) != 1) {
			r->rr_dead = 1;
			if (x == -1) {
				rr_error(r, off, strerror(s->es_errno));
				return (EX_ERR);
			}
			if (ex_src_have(s, off + 1) == 1) {
				rr_error(r, off, "file ends inside a "
				    "process-accounting record");
				return (EX_ERR);
			}
			return (EX_END);
		}
		if ((p = ex_src_get(s, off, PACCT_RECSIZE)) == NULL) {
			r->rr_dead = 1;
			rr_error(r, off, s->es_errno != 0 ?
			    strerror(s->es_errno) : "short read");
			return (EX_ERR);
		}
		r->rr_off = off + PACCT_RECSIZE;
		if ((r->rr_want & (1u << EXR_PROC)) == 0) {
			off = r->rr_off;
			continue;
		}
		memset(&rec->er_u.er_proc, 0, sizeof (rec->er_u.er_proc));
		rec->er_type = EXR_PROC;
		rec->er_off = off;
		why[0] = '\0';
		if (pacct_decode(p, r->rr_order, &rec->er_u.er_proc, why,
		    sizeof (why)) == -1) {
			rr_error(r, off, why[0] != '\0' ? why :
			    "bad process-accounting record");
			return (EX_ERR);
		}
		rec->er_u.er_proc.ep_kind = EXK_FINAL;
		return (EX_OK);
	}
}

/* The stream stopped on damage: say where and what. */
static int
stream_error(struct rec_reader *r)
{
	r->rr_eoff = r->rr_st.st_err.ee_off;
	(void) snprintf(r->rr_emsg, sizeof (r->rr_emsg), "%s",
	    r->rr_st.st_err.ee_msg);
	return (EX_ERR);
}

/* The record type of a group's tag (0 if it is none), and its kind. */
static int
group_type(uint32_t tag, int *kind)
{
	*kind = EXK_FINAL;
	switch (tag) {
	case EX_TAG(EX_T_GROUP, 0, EXD_GROUP_PROC):
		return (EXR_PROC);
	case EX_TAG(EX_T_GROUP, 0, EXD_GROUP_PROC_PARTIAL):
		*kind = EXK_PARTIAL;
		return (EXR_PROC);
	case EX_TAG(EX_T_GROUP, 0, EXD_GROUP_TASK):
		return (EXR_TASK);
	case EX_TAG(EX_T_GROUP, 0, EXD_GROUP_TASK_PARTIAL):
		*kind = EXK_PARTIAL;
		return (EXR_TASK);
	case EX_TAG(EX_T_GROUP, 0, EXD_GROUP_TASK_INTERVAL):
		*kind = EXK_INTERVAL;
		return (EXR_TASK);
	case EX_TAG(EX_T_GROUP, 0, EXD_GROUP_FLOW):
		return (EXR_FLOW);
	case EX_TAG(EX_T_GROUP, EX_C_LOCAL, EXD_GROUP_SWEEP):
		return (EXR_SWEEP);
	case EX_TAG(EX_T_GROUP, EX_C_LOCAL, EXD_GROUP_DROPS):
		return (EXR_DROPS);
	default:
		return (0);
	}
}

/* An empty record of a type and kind; returns its struct. */
static void *
rec_begin(struct ex_record *rec, int type, int kind, uint64_t off)
{
	rec->er_type = type;
	rec->er_off = off;
	switch (type) {
	case EXR_PROC:
		memset(&rec->er_u.er_proc, 0, sizeof (rec->er_u.er_proc));
		rec->er_u.er_proc.ep_kind = kind;
		return (&rec->er_u.er_proc);
	case EXR_TASK:
		memset(&rec->er_u.er_task, 0, sizeof (rec->er_u.er_task));
		rec->er_u.er_task.et_kind = kind;
		return (&rec->er_u.er_task);
	case EXR_SWEEP:
		memset(&rec->er_u.er_sweep, 0, sizeof (rec->er_u.er_sweep));
		return (&rec->er_u.er_sweep);
	case EXR_DROPS:
		memset(&rec->er_u.er_drops, 0, sizeof (rec->er_u.er_drops));
		return (&rec->er_u.er_drops);
	default:
		memset(&rec->er_u.er_flow, 0, sizeof (rec->er_u.er_flow));
		return (&rec->er_u.er_flow);
	}
}

/*
 * The fast path for the common case: at the top level of a stream, a
 * record that lies whole in one view and holds only well-formed items.
 * It is checked here more strictly than the stream checks it (every
 * member by count, each inside the group's declared size, the members
 * ending where the size says, the closing backskip present), and decoded
 * from the view in one pass; then the stream is moved past it.  Anything
 * else (a nested group, damage, a size that disagrees with the members,
 * which libexacct and so the stream accept, a record larger than
 * FAST_MAX) returns 0 having changed nothing, and the stream reads the
 * record object by object, by count, as the dump does.
 */
#define	FAST_MAX	65536

static int
fast_record(struct rec_reader *r, uint32_t tag, void *base,
    const struct rec_field *tab, size_t ntab)
{
	struct ex_stream *st = &r->rr_st;
	struct ex_src *s = st->st_src;
	const uint8_t *b;
	uint64_t pos = st->st_pos, size;
	size_t off, end;
	uint32_t nobjs, i;
	struct ex_obj ob;

	if (st->st_depth != 0 || st->st_pending || st->st_dead ||
	    st->st_limit != UINT64_MAX)
		return (0);
	s->es_pin = pos;
	if ((b = ex_src_get(s, pos, 20)) == NULL || ex_be32(b) != tag)
		return (0);
	size = ex_be64(b + 4);
	nobjs = ex_be32(b + 12);
	if (size < 8 || size > FAST_MAX - 16)
		return (0);
	end = 12 + (size_t)size;
	if ((b = ex_src_get(s, pos, end + 4)) == NULL)
		return (0);
	/* First check the whole record, then decode: nothing half-done. */
	for (i = 0, off = 20; i < nobjs; i++) {
		unsigned type;
		uint64_t isz;

		if (end - off < 4)
			return (0);
		type = b[off] >> 4;
		if (type >= EX_T_UINT8 && type <= EX_T_DOUBLE) {
			isz = 8 + (type == EX_T_UINT8 ? 1 : type ==
			    EX_T_UINT16 ? 2 : type == EX_T_UINT32 ? 4 : 8);
		} else if (type >= EX_T_STRING && type <= EX_T_RAW) {
			if (end - off < 12)
				return (0);
			isz = ex_be64(b + off + 4);
			if (isz < 4 || isz > end - off - 12)
				return (0);
			isz += 12;
		} else {
			return (0);
		}
		if (isz > end - off)
			return (0);
		off += (size_t)isz;
	}
	if (off != end)
		return (0);
	for (i = 0, off = 20; i < nobjs; i++) {
		const uint8_t *p = b + off;

		ob.eo_tag = ex_be32(p);
		ob.eo_type = ob.eo_tag >> 28;
		switch (ob.eo_type) {
		case EX_T_UINT8:
			ob.eo_u64 = p[4];
			off += 9;
			break;
		case EX_T_UINT16:
			ob.eo_u64 = ex_be16(p + 4);
			off += 10;
			break;
		case EX_T_UINT32:
			ob.eo_u64 = ex_be32(p + 4);
			off += 12;
			break;
		case EX_T_UINT64:
			ob.eo_u64 = ex_be64(p + 4);
			off += 16;
			break;
		case EX_T_DOUBLE:
			off += 16;
			continue;
		default:
			ob.eo_dlen = ex_be64(p + 4) - 4;
			ob.eo_doff = pos + off + 12;
			ob.eo_data = p + 12;
			off += 16 + (size_t)ob.eo_dlen;
			break;
		}
		if (base != NULL)
			store(s, base, tab, ntab, &ob);
	}
	st->st_pos = pos + end + 4;
	return (1);
}

/*
 * Records by the fast path while it applies: 1 with a record, 0 when the
 * stream must take over.
 */
static int
fast_next(struct rec_reader *r, struct ex_record *rec)
{
	struct ex_stream *st = &r->rr_st;
	const struct rec_field *tab;
	const uint8_t *b;
	size_t ntab;
	uint32_t tag;
	int type, kind;

	for (;;) {
		if (r->rr_nofast || st->st_depth != 0 || st->st_pending ||
		    st->st_dead ||
		    (b = ex_src_get(st->st_src, st->st_pos, 4)) == NULL)
			return (0);
		tag = ex_be32(b);
		type = group_type(tag, &kind);
		if (type == 0 || (r->rr_want & (1u << type)) == 0) {
			if (fast_record(r, tag, NULL, NULL, 0))
				continue;
			return (0);
		}
		tab = rec_fields(type, &ntab);
		return (fast_record(r, tag,
		    rec_begin(rec, type, kind, st->st_pos), tab, ntab));
	}
}

int
rec_next(struct rec_reader *r, struct ex_record *rec)
{
	struct ex_stream *st = &r->rr_st;
	struct ex_src *src = &r->rr_src;
	const struct rec_field *tab;
	struct ex_obj ob;
	size_t ntab;
	unsigned depth;
	void *base;
	int x, type, kind;

	if (r->rr_format == RR_PACCT)
		return (pacct_next(r, rec));
	if (r->rr_format != RR_EXACCT)
		return (EX_END);
	for (;;) {
		if (fast_next(r, rec))
			return (EX_OK);
		if ((x = ex_next(st, &ob)) != EX_OK)
			return (x == EX_END ? EX_END : stream_error(r));
		if (ob.eo_type != EX_T_GROUP)
			continue;	/* a stray item between records */
		type = group_type(ob.eo_tag, &kind);
		if (type == 0 || (r->rr_want & (1u << type)) == 0) {
			if (ex_skip_group(st, &ob) != EX_OK)
				return (stream_error(r));
			continue;
		}
		base = rec_begin(rec, type, kind, ob.eo_off);
		tab = rec_fields(type, &ntab);
		/*
		 * The members are the objects one level down; whatever is
		 * deeper belongs to a nested group and is passed over.
		 * Sizes are not checked (libexacct never reads them): damage
		 * inside the record stops it here with the stream's report,
		 * and damage right after it is reported at the next call,
		 * as the dump reports it.
		 */
		depth = ob.eo_depth;
		while (st->st_depth > depth) {
			if (ex_next(st, &ob) != EX_OK)
				return (stream_error(r));
			if (ob.eo_depth == depth + 1)
				store(src, base, tab, ntab, &ob);
		}
		return (EX_OK);
	}
}

/*
 * Write one present field of a record as an item of its catalog (the
 * local one from 0x7e0000 on), by the field's type.
 */
static void
encode_field(struct ex_wbuf *w, const struct rec_field *f, const char *base)
{
	const void *v = base + f->rf_off;
	unsigned cat = f->rf_id >= LOCAL_ID_MIN ? EX_C_LOCAL : EX_C_DEFAULT;

	switch (f->rf_kind) {
	case RF_U32:
		ex_w_uint(w, EX_TAG(EX_T_UINT32, cat, f->rf_id),
		    *(const uint32_t *)v);
		break;
	case RF_U64:
		ex_w_uint(w, EX_TAG(EX_T_UINT64, cat, f->rf_id),
		    *(const uint64_t *)v);
		break;
	case RF_STR:
		ex_w_bytes(w, EX_TAG(EX_T_STRING, cat, f->rf_id), v,
		    *(const uint16_t *)(const void *)(base + f->rf_loff));
		break;
	default:
		break;
	}
}

/*
 * Write a process record as the illumos kernel lays one out: its present
 * fields, in the kernel's order, with the kernel's types; then the
 * present local-catalog items (what Linux measures beyond the catalog),
 * in id order.
 */
void
rec_encode_proc(struct ex_wbuf *w, const struct ex_proc *p)
{
	static const uint32_t order[] = {
		EXD_PROC_PID, EXD_PROC_UID, EXD_PROC_GID, EXD_PROC_PROJID,
		EXD_PROC_TASKID, EXD_PROC_CPU_USER_SEC, EXD_PROC_CPU_USER_NSEC,
		EXD_PROC_CPU_SYS_SEC, EXD_PROC_CPU_SYS_NSEC,
		EXD_PROC_START_SEC, EXD_PROC_START_NSEC, EXD_PROC_FINISH_SEC,
		EXD_PROC_FINISH_NSEC, EXD_PROC_COMMAND, EXD_PROC_TTY_MAJOR,
		EXD_PROC_TTY_MINOR, EXD_PROC_HOSTNAME, EXD_PROC_FAULTS_MAJOR,
		EXD_PROC_FAULTS_MINOR, EXD_PROC_MESSAGES_SND,
		EXD_PROC_MESSAGES_RCV, EXD_PROC_BLOCKS_IN, EXD_PROC_BLOCKS_OUT,
		EXD_PROC_CHARS_RDWR, EXD_PROC_CONTEXT_VOL, EXD_PROC_CONTEXT_INV,
		EXD_PROC_SIGNALS, EXD_PROC_SWAPS, EXD_PROC_SYSCALLS,
		EXD_PROC_ACCT_FLAGS, EXD_PROC_ANCPID, EXD_PROC_WAIT_STATUS,
		EXD_PROC_ZONENAME, EXD_PROC_MEM_RSS_AVG_K,
		EXD_PROC_MEM_RSS_MAX_K,
		EXD_PROC_WAIT_CPU, EXD_PROC_WAIT_BLKIO, EXD_PROC_WAIT_SWAPIN,
		EXD_PROC_WAIT_RECLAIM, EXD_PROC_CPU_SOURCE, EXD_PROC_KTHREAD
	};
	const struct rec_field *tab, *f;
	size_t i, n;

	tab = rec_fields(EXR_PROC, &n);
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, 0, p->ep_kind == EXK_PARTIAL ?
	    EXD_GROUP_PROC_PARTIAL : EXD_GROUP_PROC));
	for (i = 0; i < sizeof (order) / sizeof (order[0]); i++) {
		if (!EP_HAS(p, order[i]) || (order[i] & 0xff) >= n ||
		    (f = &tab[order[i] & 0xff])->rf_id != order[i])
			continue;
		encode_field(w, f, (const char *)p);
	}
	ex_w_group_end(w);
}

/* A local-catalog record: its present fields, in id order. */
static void
encode_local(struct ex_wbuf *w, uint32_t group, int type, const void *rec)
{
	const struct rec_field *tab;
	const char *base = rec;
	uint64_t have;
	size_t i, n;

	memcpy(&have, base, sizeof (have));	/* every struct starts so */
	tab = rec_fields(type, &n);
	ex_w_group_begin(w, EX_TAG(EX_T_GROUP, EX_C_LOCAL, group));
	for (i = 0; i < n; i++) {
		if (tab[i].rf_kind != 0 && (have & EX_BIT(tab[i].rf_id)) != 0)
			encode_field(w, &tab[i], base);
	}
	ex_w_group_end(w);
}

void
rec_encode_sweep(struct ex_wbuf *w, const struct ex_sweep *sw)
{
	encode_local(w, EXD_GROUP_SWEEP, EXR_SWEEP, sw);
}

void
rec_encode_drops(struct ex_wbuf *w, const struct ex_drops *d)
{
	encode_local(w, EXD_GROUP_DROPS, EXR_DROPS, d);
}
