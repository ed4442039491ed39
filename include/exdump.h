/*
 * exdump.h: what the parts of the exdump program share.
 */
#ifndef EXDUMP_H
#define EXDUMP_H

#include <stddef.h>
#include <stdint.h>

/* Exit statuses. */
#define	EXIT_OK		0
#define	EXIT_OPEN	1	/* cannot open, or not an exacct file */
#define	EXIT_DAMAGE	2	/* damage found (also: usage) */

/* Report formats and tables (-F, -t). */
#define	FMT_TEXT	0
#define	FMT_CSV		1
#define	FMT_JSON	2
#define	FMT_SVG		3	/* -i -S: the chart (chart.c) */

#define	TBL_ALL		0
#define	TBL_PROC	1
#define	TBL_TASK	2
#define	TBL_FLOW	3

struct filt;

struct opts {
	int	op_c;		/* -c: columnar report */
	int	op_i;		/* -i: interval report */
	int	op_n;		/* -n: no name look-ups */
	int	op_v;		/* -v: verbose classic dump */
	int	op_w;		/* -w: sweep first */
	int	op_H;		/* -H: no header lines */
	int	op_S;		/* -S: interval summary */
	int	op_T;		/* -T: task interval records too */
	int	op_fmt;		/* FMT_* */
	int	op_table;	/* TBL_* */
	const struct filt *op_filt;	/* -u -C -z -k -s -e -K, or NULL */
	size_t	op_ng;		/* -g: number of keys */
	unsigned char op_gkey[6];	/* -g: SK_* in the order given */
	int	op_f;		/* -f: one row per key for the range */
	const struct fsel *op_osel;	/* -o: the fields, or NULL */
	const char *op_R;	/* -R: the state file of -i, or NULL */
	int	op_N;		/* -N: a new state, on purpose */
	char	op_Rsig[160];	/* -R: the options that choose the rows */
};

struct fsel;

extern const char *progname;

/* The real-time clock, ns since the epoch (clock.c); 0 if before it. */
uint64_t clock_now_ns(void);

struct ex_src;
struct out;

/* The classic dump of one file, or of an open source; an exit status. */
int	dump_file(const char *path, const struct opts *);
int	dump_src(struct ex_src *, const char *name, const struct opts *,
	    struct out *);

/* -c: the columnar report of records in files, read in order. */
int	report_files(int nfiles, char *const files[], const struct opts *);
/*
 * -i: the interval report (and -S, its per-interval summary); hosts[i]
 * is the host of files[i] (-P), or NULL.
 */
/*
 * -R: after the output was flushed without error, the new state (0, or
 * -1 said); with nothing flushed, call it anyway: it only frees then if
 * the run failed.
 */
int	interval_save(void);
int	interval_files(int nfiles, char *const files[], char *const hosts[],
	    const struct opts *);
/*
 * -w: force a partial record for every live process into path (NULL: the
 * system's process accounting file), and say in readpath which file the
 * records went to.  Returns an exit status; problems are reported.
 */
int	sweep_run(const char *path, const struct opts *, char *readpath,
	    size_t len);

/* Report a problem with a file: "exdump: FILE: ..." on stderr. */
void	warn_file(const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Catalog names as the original exdump prints them ("unknown" if none). */
const char *catalog_name(uint32_t id);

/* Name look-ups, cached per distinct id; NULL when there is no name. */
const char *name_user(uint32_t uid);
const char *name_group(uint32_t gid);
const char *name_project(uint32_t projid);
const char *name_service(uint16_t port);
const char *name_proto(uint8_t proto);
/* The name of a project in a file of the project(5) format. */
int	project_name_in(const char *path, uint32_t projid, char *buf,
	    size_t len);
/* Per OS: the project database (illumos getprojbyid, else /etc/project). */
int	os_project_name(uint32_t projid, char *buf, size_t len);

#endif /* EXDUMP_H */
