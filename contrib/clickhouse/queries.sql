-- queries.sql: example queries over the tables of exdump.sql.
--
--   clickhouse-client --multiquery <queries.sql
--
-- FINAL counts a row loaded twice once (see exdump.sql).  A row's usage
-- is counted in the hour (the day) its interval ends in; hours and days
-- are in the server's time zone (toStartOfHour(t, 'UTC') for another).

-- Which commands used the CPU on 2025-12-02, per hour, across all hosts:
-- CPU seconds (user + system) and the hosts they ran on.
SELECT toStartOfHour(toDateTime(intDiv(end_ns, 1000000000))) AS hour,
       command,
       sum(ifNull(usr_ns, 0) + ifNull(sys_ns, 0)) / 1e9 AS cpu_s,
       uniqExact(host) AS hosts
FROM exdump.proc_usage FINAL
WHERE toDate(toDateTime(intDiv(end_ns, 1000000000))) = toDate('2025-12-02')
GROUP BY hour, command
ORDER BY hour, cpu_s DESC;

-- The capture per host per day: the CPU the process records account for
-- over the CPU the host's kernel counted, and the processes lost.
SELECT host,
       toDate(toDateTime(intDiv(end_ns, 1000000000))) AS day,
       round(sum(ifNull(usr_ns, 0) + ifNull(sys_ns, 0)) / sum(hostcpu_ns), 3)
           AS capture,
       sum(hostcpu_ns) / 1e9 AS hostcpu_s,
       sum(lost) AS lost,
       count() AS intervals
FROM exdump.summary FINAL
WHERE isNotNull(hostcpu_ns)
GROUP BY host, day
ORDER BY host, day;
