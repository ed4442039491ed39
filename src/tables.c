/*
 * tables.c: where the rows of each table go (see tables.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exdump.h"
#include "out.h"
#include "records.h"
#include "report.h"
#include "tables.h"

void
tables_init(struct tables *tb, const struct opts *op)
{
	memset(tb, 0, sizeof (*tb));
	tb->tb_op = op;
	rpt_init(&tb->tb_rp, op, out_std);
}

int
table_of(int type)
{
	return (type == EXR_PROC ? TBL_PROC : type == EXR_TASK ? TBL_TASK :
	    TBL_FLOW);
}

unsigned
tables_want(const struct opts *op)
{
	switch (op->op_table) {
	case TBL_PROC:
		return (1u << EXR_PROC);
	case TBL_TASK:
		return (1u << EXR_TASK);
	case TBL_FLOW:
		return (1u << EXR_FLOW);
	default:
		return ((1u << EXR_PROC) | (1u << EXR_TASK) |
		    (1u << EXR_FLOW));
	}
}

static int
spool_open(struct spool *sp)
{
	if ((sp->sp_f = tmpfile()) == NULL)
		return (-1);
	if ((sp->sp_out = malloc(sizeof (*sp->sp_out))) == NULL) {
		(void) fclose(sp->sp_f);
		sp->sp_f = NULL;
		return (-1);
	}
	out_init(sp->sp_out, fileno(sp->sp_f));
	return (0);
}

/* Copy a spooled table to o and close it; 0, or -1 with errno. */
static int
spool_copy(struct spool *sp, struct out *o)
{
	static char buf[65536];
	int fd = fileno(sp->sp_f), r = 0;
	ssize_t n;

	if (out_close(sp->sp_out) == -1 || lseek(fd, 0, SEEK_SET) == -1) {
		r = -1;
	} else {
		while ((n = read(fd, buf, sizeof (buf))) != 0) {
			if (n == -1) {
				if (errno == EINTR)
					continue;
				r = -1;
				break;
			}
			out_bytes(o, buf, (size_t)n);
		}
	}
	n = errno;
	(void) fclose(sp->sp_f);
	free(sp->sp_out);
	sp->sp_f = NULL;
	sp->sp_out = NULL;
	errno = (int)n;
	return (r);
}

static const char *
table_name(int table)
{
	return (table == TBL_TASK ? "task" : table == TBL_FLOW ? "flow" :
	    "process");
}

int
tables_use(struct tables *tb, int t, int *status)
{
	const struct opts *op = tb->tb_op;

	if (tb->tb_started[t])
		return (tb->tb_failed[t] ? -1 : 0);
	tb->tb_started[t] = 1;
	if (op->op_table == TBL_ALL && t != TBL_PROC &&
	    op->op_fmt != FMT_JSON) {
		if (spool_open(&tb->tb_sp[t]) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: cannot make a temporary "
			    "file for the %s table: %s\n", progname,
			    table_name(t), strerror(errno));
			tb->tb_failed[t] = 1;
			if (*status < EXIT_OPEN)
				*status = EXIT_OPEN;
			return (-1);
		}
		tb->tb_rp.rp_out[t] = tb->tb_sp[t].sp_out;
	}
	rpt_header(&tb->tb_rp, t, op->op_i && t != TBL_FLOW);
	return (0);
}

void
tables_finish(struct tables *tb, int *status)
{
	const struct opts *op = tb->tb_op;
	int t;

	/* A table asked for by -t has its header even without rows. */
	if (op->op_table != TBL_ALL && !tb->tb_started[op->op_table])
		rpt_header(&tb->tb_rp, op->op_table, op->op_i &&
		    op->op_table != TBL_FLOW);
	for (t = TBL_TASK; t <= TBL_FLOW; t++) {
		if (tb->tb_sp[t].sp_f == NULL)
			continue;
		if (spool_copy(&tb->tb_sp[t], out_std) == -1) {
			out_flush(out_std);
			(void) fprintf(stderr, "%s: temporary file of the %s "
			    "table: %s\n", progname, table_name(t),
			    strerror(errno));
			if (*status < EXIT_OPEN)
				*status = EXIT_OPEN;
		}
	}
}
