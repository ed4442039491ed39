/*
 * fields.h: the one table of the report's fields.
 *
 * Each field has one name, which is its text header, its CSV header and
 * its JSON key (a time's JSON key adds "_ns": fmt.h), and belongs to one
 * or more row kinds: process rows (-c, -i), task rows, and the -S
 * summary rows.  -o chooses fields by name; the default columns of every
 * table are lists of these fields, and a JSON row with no -o carries
 * every field of its table the record has (but the names looked up and
 * the figures derived, which only -o asks for).
 *
 *	struct fsel sel;
 *	char err[128];
 *
 *	if (fld_parse("procid,user,usr", FL_PROC, &sel, err, sizeof (err)))
 *		... err says what is wrong
 *	fld_value(sel.fs_id[i], &row, &v);	then fmt_*_val(p, &v)
 */
#ifndef FIELDS_H
#define FIELDS_H

#include <stddef.h>
#include <stdint.h>

#include "fmt.h"
#include "records.h"
#include "timeline.h"

/* The row kinds a field is in. */
#define	FL_PROC		0x1
#define	FL_TASK		0x2
#define	FL_SUM		0x4
#define	FL_FLOW		0x10	/* flow rows of -c */
#define	FL_CONN		0x20	/* connection rows of -i (-t flow) */
/* In a JSON row with no -o: the record's own values, not derived ones. */
#define	FL_RAW		0x8

enum {
	F_END, F_START, F_LEN, F_HOST, F_KIND,
	F_PROCID, F_PPID, F_UID, F_USER, F_GID, F_GROUP,
	F_TASKID, F_ANCTASKID, F_PROJID, F_PROJECT, F_ZONE, F_COMMAND,
	F_PSTART, F_STARTED, F_FINISHED,
	F_USR, F_SYS, F_TIME, F_PCPU,
	F_MAJF, F_MINF, F_RWKB, F_VCXK, F_ICXK, F_SIGK, F_SYCK,
	F_ARMB, F_MRMB, F_INBLK, F_OUBLK, F_MSGSND, F_MSGRCV, F_SWAPS,
	F_WAIT_CPU, F_WAIT_BLKIO, F_WAIT_SWAPIN, F_WAIT_RECLAIM,
	F_CPU_SOURCE, F_KTHREAD, F_WSTAT, F_FLAGS, F_TTY,
	F_NPROC, F_EXITS, F_LOST, F_HOSTCPU, F_NCPU, F_CAPTURE, F_SHARE,
	F_TIMESTAMP, F_LOCLTIME, F_DUR, F_LSEEN, F_PROJ, F_PROT, F_PROTOCOL,
	F_DSFIELD, F_SRCIPPORT, F_DSTIPPORT, F_SRCIP, F_SPORT, F_DSTIP,
	F_DPORT, F_NPKTS, F_NBYTES, F_OPKTS, F_OBYTES, F_ORECS, F_IPKTS,
	F_IBYTES, F_IRECS, F_ANAME,
	F_N
};

struct field {
	const char	*f_name;
	unsigned	f_kinds;	/* FL_* */
	const char	*f_what;	/* one line: what it is, its unit */
};

extern const struct field fld_tab[F_N];

/* Chosen fields, in order.  -o takes at most FSEL_MAX. */
#define	FSEL_MAX	64
struct fsel {
	size_t		fs_n;
	uint8_t		fs_id[FSEL_MAX];
};

/*
 * -o's list (names separated by commas) for rows of kind (FL_PROC or
 * FL_SUM) into sel; 0, or -1 with what is wrong in err.
 */
int	fld_parse(const char *list, unsigned kind, struct fsel *sel,
	    char *err, size_t errlen);
/* A field's number by name, or -1. */
int	fld_lookup(const char *name, size_t len);

/* The default columns. */
#define	FD_PROC		0	/* -c process rows */
#define	FD_PROC_I	1	/* -i process rows */
#define	FD_TASK		2
#define	FD_TASK_I	3
#define	FD_SUM		4	/* -S */
#define	FD_SPLIT	5	/* -S -g: the keys follow host */
#define	FD_JSON		6	/* FL_RAW of the kind, in table order */
#define	FD_FLOW		7
#define	FD_CONN		8
void	fld_default(int which, unsigned kind, const int *keys, size_t nkeys,
	    struct fsel *sel);

/* A -S -g row (report.h's struct rpt_split), a connection (flows.h). */
struct rpt_split;
struct fl_conn;

/* What a value is taken from: one of the record kinds. */
struct frow {
	const struct ex_proc	*fr_proc;
	const struct ex_task	*fr_task;
	const struct tl_span	*fr_span;	/* -i: the interval */
	const uint64_t		*fr_end;	/* -i task rows: its end */
	const struct tl_sum	*fr_sum;
	const struct rpt_split	*fr_split;
	const struct ex_flow	*fr_flow;
	const struct fl_conn	*fr_conn;
	int			fr_n;		/* -n: numbers, not names */
};

/* The value of field id in the row. */
void	fld_value(int id, const struct frow *, struct fval *);

#endif /* FIELDS_H */
