-- exdump.sql: ClickHouse tables for a fleet's accounting, as
-- exdump-load-ch fills them from "exdump -i -R STATE -F json".
--
--   clickhouse-client --multiquery <exdump.sql
--
-- Written for ClickHouse 18.16 (Debian 12's clickhouse-server) and
-- later: MergeTree's ORDER BY / PARTITION BY syntax, Decimal, Nullable.
--
-- The columns are named as exdump's JSON keys, so that JSONEachRow fills
-- them as they are: a time is NAME_ns, integer nanoseconds since the
-- epoch (Int64: to 2262); the counts in thousands (rwKB ...) and the
-- sizes in MB (arMB, mrMB: KB / 1024, up to 10 decimals) are Decimal,
-- exact; a value the row lacks is NULL (absent from the JSON object).
-- user, group and project are the names the loading host looks up (the
-- number where it has none).
--
-- Exactly once: a row printed again (a run that failed or was killed
-- after it printed; a file read again) is a second row with the same
-- ORDER BY key, which ReplacingMergeTree drops when it merges the parts.
-- Until then it is there: queries that must count each row once read
-- with FINAL (as the example queries do), or after
-- OPTIMIZE TABLE ... FINAL.
--
-- On a cluster: create these tables on every shard (ON CLUSTER), and a
-- Distributed table over them, sharded by host, so that the copies of a
-- row always land on the same shard, where the merge can drop them:
--
--   CREATE TABLE exdump.proc_usage_all AS exdump.proc_usage
--       ENGINE = Distributed(fleet, exdump, proc_usage, cityHash64(host));
--
-- (likewise summary_all, task_usage_all, flow_usage_all).  The loaders
-- insert into the _all tables (exdump-load-ch -D _all), queries read
-- them; FINAL is applied on each shard.
--
-- Safe to run again: it creates only what is missing.

CREATE DATABASE IF NOT EXISTS exdump;

-- One row per process per interval between two sweeps of its host
-- (exdump -i): host, pid, the process's own start (pids are reused) and
-- the interval's end identify it.
CREATE TABLE IF NOT EXISTS exdump.proc_usage (
	host		String,
	procid		UInt64,
	pstart_ns	Int64,
	end_ns		Int64,
	start_ns	Nullable(Int64),
	len_ns		Nullable(Int64),
	kind		Nullable(String),
	ppid		Nullable(UInt64),
	uid		Nullable(UInt64),
	user		Nullable(String),
	gid		Nullable(UInt64),
	`group`		Nullable(String),
	taskid		Nullable(UInt64),
	projid		Nullable(UInt64),
	project		Nullable(String),
	zone		Nullable(String),
	command		Nullable(String),
	started_ns	Nullable(Int64),
	finished_ns	Nullable(Int64),
	usr_ns		Nullable(Int64),
	sys_ns		Nullable(Int64),
	time_ns		Nullable(Int64),
	majf		Nullable(UInt64),
	minf		Nullable(UInt64),
	rwKB		Nullable(Decimal(38, 3)),
	vcxK		Nullable(Decimal(38, 3)),
	icxK		Nullable(Decimal(38, 3)),
	sigK		Nullable(Decimal(38, 3)),
	sycK		Nullable(Decimal(38, 3)),
	arMB		Nullable(Decimal(38, 10)),
	mrMB		Nullable(Decimal(38, 10)),
	wait_cpu_ns	Nullable(Int64),
	wait_blkio_ns	Nullable(Int64),
	wait_swapin_ns	Nullable(Int64),
	wait_reclaim_ns	Nullable(Int64),
	cpu_source	Nullable(String),
	kthread		Nullable(UInt8),
	wstat		Nullable(UInt64),
	flags		Nullable(UInt64),
	tty		Nullable(String)
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(toDateTime(intDiv(end_ns, 1000000000)))
ORDER BY (host, procid, pstart_ns, end_ns);

-- One row per host per interval (exdump -i -S).
CREATE TABLE IF NOT EXISTS exdump.summary (
	host		String,
	end_ns		Int64,
	start_ns	Nullable(Int64),
	len_ns		Nullable(Int64),
	nproc		Nullable(UInt64),
	exits		Nullable(UInt64),
	lost		Nullable(UInt64),
	usr_ns		Nullable(Int64),
	sys_ns		Nullable(Int64),
	majf		Nullable(UInt64),
	minf		Nullable(UInt64),
	rwKB		Nullable(Decimal(38, 3)),
	vcxK		Nullable(Decimal(38, 3)),
	icxK		Nullable(Decimal(38, 3)),
	sigK		Nullable(Decimal(38, 3)),
	sycK		Nullable(Decimal(38, 3)),
	wait_cpu_ns	Nullable(Int64),
	wait_blkio_ns	Nullable(Int64),
	wait_swapin_ns	Nullable(Int64),
	wait_reclaim_ns	Nullable(Int64),
	hostcpu_ns	Nullable(Int64),
	ncpu		Nullable(UInt64),
	capture		Nullable(Decimal(38, 3))
) ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(toDateTime(intDiv(end_ns, 1000000000)))
ORDER BY (host, end_ns);

-- Task records as they are (exdump -c -t task -F json); not
-- incremental: every load reads the whole file, the merge drops the
-- copies.  A record without a host or times has '' or 0 in the key.
CREATE TABLE IF NOT EXISTS exdump.task_usage (
	host		String,
	taskid		UInt64,
	kind		String,
	started_ns	Int64,
	finished_ns	Int64,
	anctaskid	Nullable(UInt64),
	projid		Nullable(UInt64),
	project		Nullable(String),
	zone		Nullable(String),
	usr_ns		Nullable(Int64),
	sys_ns		Nullable(Int64),
	time_ns		Nullable(Int64),
	majf		Nullable(UInt64),
	minf		Nullable(UInt64),
	rwKB		Nullable(Decimal(38, 3)),
	vcxK		Nullable(Decimal(38, 3)),
	icxK		Nullable(Decimal(38, 3)),
	sigK		Nullable(Decimal(38, 3)),
	sycK		Nullable(Decimal(38, 3)),
	inblk		Nullable(UInt64),
	oublk		Nullable(UInt64),
	msgsnd		Nullable(UInt64),
	msgrcv		Nullable(UInt64),
	swaps		Nullable(UInt64)
) ENGINE = ReplacingMergeTree()
ORDER BY (host, taskid, kind, started_ns, finished_ns);

-- Flow records as they are (exdump -c -t flow -F json), which name no
-- host: the loader adds it (-H).  The key is the whole record but its
-- owner (two records of one flow and times may differ in their counts
-- only); absent fields are '' or 0 in it.
CREATE TABLE IF NOT EXISTS exdump.flow_usage (
	host		String,
	srcip		String,
	dstip		String,
	sport		UInt16,
	dport		UInt16,
	protocol	UInt8,
	dsfield		UInt8,
	timestamp_ns	Int64,
	lseen_ns	Int64,
	aname		String,
	npkts		UInt64,
	nbytes		UInt64,
	uid		Nullable(UInt64),
	proj		Nullable(UInt64)
) ENGINE = ReplacingMergeTree()
ORDER BY (host, srcip, dstip, sport, dport, protocol, dsfield, timestamp_ns,
    lseen_ns, aname, npkts, nbytes);
