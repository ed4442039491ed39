-- exdump.sql: PostgreSQL tables for a fleet's accounting, as
-- exdump-load-pg fills them from "exdump -i -R STATE -F csv" (tasks
-- and flows: "exdump -c -F csv").
--
--   psql -d DB -f exdump.sql
--
-- Every table has the key that identifies a row across runs, so that
-- rows printed again (a run that failed or was killed after it printed
-- them; a file read again) are dropped by "INSERT ... ON CONFLICT DO
-- NOTHING": at least once from the hosts, exactly once here.
--
-- Types hold every value exdump prints: times are bigint nanoseconds
-- since the epoch (the *_ns names: exdump's seconds with nine decimals,
-- converted exactly; to_timestamp(end_ns / 1e9) gives a timestamptz,
-- to the microsecond), durations and CPU times bigint ns, counters
-- bigint, the counts in thousands (*k: rwkb, vcxk, ...) and the sizes in
-- MB (armb, mrmb: KB / 1024, up to 10 decimals) numeric, exact.  A value
-- the row lacks is NULL.  Counters are uint64 in the records: a value
-- past 2^63 - 1 (no real process has one; a damaged record may) fails
-- the load, with psql's message, every time rather than wrapping; make
-- that column numeric then (ALTER TABLE ... TYPE numeric).
--
-- The names of exdump's fields are kept, in lower case, but for user,
-- group and project (reserved words): user_name, group_name and
-- project_name, the names the loading host looks up (-n of the loader:
-- numbers).
--
-- Safe to run again: it creates only what is missing.

CREATE SCHEMA IF NOT EXISTS exdump;

-- One row per process per interval between two sweeps of its host
-- (exdump -i): the process's usage in the interval.  A process is its
-- host, its pid and its own start time (pstart: pids are reused), and the
-- interval is its host's and its end.
CREATE TABLE IF NOT EXISTS exdump.proc_usage (
	host		text	NOT NULL,
	procid		bigint	NOT NULL,
	pstart_ns	bigint	NOT NULL,	-- the process's start
	end_ns		bigint	NOT NULL,	-- the interval's end
	start_ns	bigint,			-- the interval's start
	len_ns		bigint,
	kind		text,
	ppid		bigint,
	uid		bigint,
	user_name	text,
	gid		bigint,
	group_name	text,
	taskid		bigint,
	projid		bigint,
	project_name	text,
	zone		text,
	command		text,
	started_ns	bigint,			-- the start of the row's usage
	finished_ns	bigint,
	usr_ns		bigint,
	sys_ns		bigint,
	time_ns		bigint,
	majf		bigint,
	minf		bigint,
	rwkb		numeric,
	vcxk		numeric,
	icxk		numeric,
	sigk		numeric,
	syck		numeric,
	armb		numeric,
	mrmb		numeric,
	wait_cpu_ns	bigint,
	wait_blkio_ns	bigint,
	wait_swapin_ns	bigint,
	wait_reclaim_ns	bigint,
	cpu_source	text,
	kthread		smallint,
	wstat		bigint,
	flags		bigint,
	tty		text,
	PRIMARY KEY (host, procid, pstart_ns, end_ns)
);
-- "Per hour across hosts" scans by time.
CREATE INDEX IF NOT EXISTS proc_usage_end ON exdump.proc_usage (end_ns);

-- One row per host per interval (exdump -i -S): the processes' total,
-- the host's own CPU (hostcpu) and the share of it the records account
-- for (capture).
CREATE TABLE IF NOT EXISTS exdump.summary (
	host		text	NOT NULL,
	end_ns		bigint	NOT NULL,
	start_ns	bigint,
	len_ns		bigint,
	nproc		bigint,
	exits		bigint,
	lost		bigint,
	usr_ns		bigint,
	sys_ns		bigint,
	majf		bigint,
	minf		bigint,
	rwkb		numeric,
	vcxk		numeric,
	icxk		numeric,
	sigk		numeric,
	syck		numeric,
	wait_cpu_ns	bigint,
	wait_blkio_ns	bigint,
	wait_swapin_ns	bigint,
	wait_reclaim_ns	bigint,
	hostcpu_ns	bigint,
	ncpu		bigint,
	capture		numeric,
	PRIMARY KEY (host, end_ns)
);

-- Task records as they are (exdump -c -t task): final, partial and
-- interval records.  Not incremental: every load reads the whole file
-- and the key drops what is already here.
CREATE TABLE IF NOT EXISTS exdump.task_usage (
	host		text	NOT NULL,	-- '' if the record has none
	taskid		bigint	NOT NULL,
	kind		text	NOT NULL,
	started_ns	bigint	NOT NULL,	-- -1 if the record has none
	finished_ns	bigint	NOT NULL,	-- -1 likewise
	anctaskid	bigint,
	projid		bigint,
	project_name	text,
	zone		text,
	usr_ns		bigint,
	sys_ns		bigint,
	time_ns		bigint,
	majf		bigint,
	minf		bigint,
	rwkb		numeric,
	vcxk		numeric,
	icxk		numeric,
	sigk		numeric,
	syck		numeric,
	inblk		bigint,
	oublk		bigint,
	msgsnd		bigint,
	msgrcv		bigint,
	swaps		bigint,
	PRIMARY KEY (host, taskid, kind, started_ns, finished_ns)
);

-- Flow records as they are (exdump -c -t flow), with exdump's field
-- names.  A flow record names no host: the loader's -H gives it.  The
-- key is the whole record but its owner (two records of one flow and
-- times may differ in their counts only); an absent address is '', an
-- absent number 0 in it, as exdump pairs flows.  Not incremental, like
-- tasks.
CREATE TABLE IF NOT EXISTS exdump.flow_usage (
	host		text	NOT NULL,
	srcip		text	NOT NULL,	-- v4 or v6, as exdump prints it
	dstip		text	NOT NULL,
	sport		integer	NOT NULL,
	dport		integer	NOT NULL,
	protocol	smallint NOT NULL,
	dsfield		smallint NOT NULL,
	timestamp_ns	bigint	NOT NULL,	-- the flow's creation
	lseen_ns	bigint	NOT NULL,	-- last seen
	aname		text	NOT NULL,	-- the action's name
	npkts		numeric	NOT NULL,	-- uint64
	nbytes		numeric	NOT NULL,
	uid		bigint,
	proj		bigint,
	PRIMARY KEY (host, srcip, dstip, sport, dport, protocol, dsfield,
	    timestamp_ns, lseen_ns, aname, npkts, nbytes)
);
