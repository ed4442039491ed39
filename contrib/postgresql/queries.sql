-- queries.sql: example queries over the tables of exdump.sql.
--
--   psql -d DB -v day=2025-12-02 -f queries.sql
--
-- A row's usage is counted in the hour (the day) its interval ends in:
-- with sweeps every few minutes an interval seldom crosses the hour.
-- Hours and days are in the session's TimeZone (SET TIME ZONE 'UTC').
-- Times are ns since the epoch: to_timestamp(end_ns / 1e9) is the
-- interval's end as a timestamptz.

\if :{?day}
\else
\set day 2025-12-02
\endif

-- Which commands used the CPU on that day, per hour, across all hosts:
-- CPU seconds (user + system) and the hosts they ran on.
SELECT date_trunc('hour', to_timestamp(end_ns / 1e9)) AS hour,
       command,
       round(sum(coalesce(usr_ns, 0) + coalesce(sys_ns, 0)) / 1e9, 3) AS cpu_s,
       count(DISTINCT host) AS hosts
FROM exdump.proc_usage
WHERE end_ns >= extract(epoch FROM :'day'::timestamptz) * 1e9
  AND end_ns < extract(epoch FROM :'day'::timestamptz + interval '1 day') * 1e9
GROUP BY 1, 2
ORDER BY 1, 3 DESC;

-- The capture per host per day: the CPU the process records account for
-- over the CPU the host's kernel counted (intervals with sweep records
-- only), and the processes lost.
SELECT host,
       date_trunc('day', to_timestamp(end_ns / 1e9)) AS day,
       round(sum(coalesce(usr_ns, 0) + coalesce(sys_ns, 0))::numeric /
           nullif(sum(hostcpu_ns), 0), 3) AS capture,
       round(sum(hostcpu_ns) / 1e9, 3) AS hostcpu_s,
       sum(lost) AS lost,
       count(*) AS intervals
FROM exdump.summary
WHERE hostcpu_ns IS NOT NULL
GROUP BY 1, 2
ORDER BY 1, 2;
