# dbserver.sh: sourced by tests/sh/test_fleet.sh and bench/fleet_bench.sh:
# a PostgreSQL and a ClickHouse server from Debian's packages, each in a
# directory of its own under $srvdir, reached only through it (PostgreSQL: a
# Unix socket there) or the loopback (ClickHouse: two free ports).
#
#   pg_start   0 with PGHOST, PGPORT, PGUSER set and database "fleet"
#              made with contrib/postgresql/exdump.sql; else 1 and why
#   ch_start   0 with chport (its TCP port) set and the tables of
#              contrib/clickhouse/exdump.sql made; else 1 and why
#   pg_stop    stops PostgreSQL's
#   stop_servers   stops whichever was started
#
# Needs srvdir, else tmp (a directory the servers' users can reach: as
# root, mode 711 at least), and root (the project's root).  As root the servers run as
# the users the packages made, postgres and clickhouse.
# shellcheck disable=SC2034,SC2154
pgpid='' chpid=''

stop_servers() {
	if [ -n "$pgpid" ]; then
		runas_pg "$PG_BINDIR/pg_ctl" -D "$srvdir/pg/data" -m immediate \
		    stop >/dev/null 2>&1
	fi
	if [ -n "$chpid" ]; then
		kill "$chpid" 2>/dev/null
		i=0
		while kill -0 "$chpid" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$chpid" 2>/dev/null
	fi
	pgpid='' chpid=''
}
pg_stop() {
	if [ -n "$pgpid" ]; then
		runas_pg "$PG_BINDIR/pg_ctl" -D "$srvdir/pg/data" -m fast \
		    stop >/dev/null 2>&1
	fi
	pgpid=
}
# watchdog CMD...: run CMD once this shell is gone, however it ended
# (killed with its process group too: in a session of its own), so that
# no server outlives its test.
watchdog() {
	if command -v setsid >/dev/null 2>&1; then
		setsid sh -c 'while kill -0 "$0" 2>/dev/null; do sleep 1; done
		    "$@"' "$$" "$@" </dev/null >/dev/null 2>&1 &
	else
		sh -c 'while kill -0 "$0" 2>/dev/null; do sleep 1; done
		    "$@"' "$$" "$@" </dev/null >/dev/null 2>&1 &
	fi
}

# runas_pg CMD...: CMD as the server's user, in its directory (the
# project's may be closed to it, as under /root).
runas_pg() {
	if [ "$(id -u)" = 0 ]; then
		(cd "$srvdir/pg" && exec runuser -u postgres -- "$@")
	else
		(cd "$srvdir/pg" && exec "$@")
	fi
}

pg_start() {
	srvdir=${srvdir:-$tmp}
	if [ -z "${PG_BINDIR:-}" ]; then
		if command -v pg_config >/dev/null 2>&1 &&
		    [ -x "$(pg_config --bindir)/initdb" ]; then
			PG_BINDIR=$(pg_config --bindir)
		else
			PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null |
			    sort -t/ -k5 -n | tail -n 1)
		fi
	fi
	if [ ! -x "$PG_BINDIR/initdb" ] || [ ! -x "$PG_BINDIR/pg_ctl" ]; then
		why="no initdb and pg_ctl (package postgresql)"
		return 1
	fi
	if ! command -v psql >/dev/null 2>&1; then
		why="no psql (package postgresql-client)"
		return 1
	fi
	if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
		why="root, and no user postgres to run the server as"
		return 1
	fi
	mkdir -p "$srvdir/pg"
	[ "$(id -u)" = 0 ] && chown postgres "$srvdir/pg"
	if ! runas_pg "$PG_BINDIR/initdb" -D "$srvdir/pg/data" -A trust \
	    -U postgres -E UTF8 --no-sync >"$srvdir/pg.log" 2>&1; then
		why="initdb failed: $(tail -n 3 "$srvdir/pg.log")"
		return 1
	fi
	# A Unix socket only, in the private directory: the port is only
	# the socket's name, no other server can have it.
	if ! runas_pg "$PG_BINDIR/pg_ctl" -D "$srvdir/pg/data" -l "$srvdir/pg/log" \
	    -w -t 60 -o "-k $srvdir/pg -p 5432 -c listen_addresses= \
	    -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
	    start >>"$srvdir/pg.log" 2>&1; then
		why="the server did not start: $(tail -n 3 "$srvdir/pg/log" \
		    2>/dev/null)"
		return 1
	fi
	pgpid=1
	if [ "$(id -u)" = 0 ]; then
		watchdog runuser -u postgres -- "$PG_BINDIR/pg_ctl" \
		    -D "$srvdir/pg/data" -m immediate stop
	else
		watchdog "$PG_BINDIR/pg_ctl" -D "$srvdir/pg/data" -m immediate stop
	fi
	PGHOST=$srvdir/pg PGPORT=5432 PGUSER=postgres
	export PGHOST PGPORT PGUSER
	unset PGDATABASE PGPASSWORD PGSERVICE
	if ! psql -X -q -d postgres -c 'CREATE DATABASE fleet' \
	    >>"$srvdir/pg.log" 2>&1 ||
	    ! psql -X -q -d fleet -f "$root/contrib/postgresql/exdump.sql" \
	    >>"$srvdir/pg.log" 2>&1; then
		why="the schema did not load: $(tail -n 3 "$srvdir/pg.log")"
		return 1
	fi
	return 0
}

# Two free TCP ports of the loopback.
free_ports() {
	python3 -c '
import socket
s = [socket.socket() for i in range(2)]
for x in s:
    x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))'
}

ch_start() {
	srvdir=${srvdir:-$tmp}
	if [ -z "${CLICKHOUSE_SERVER:-}" ]; then
		if command -v clickhouse-server >/dev/null 2>&1; then
			CLICKHOUSE_SERVER=clickhouse-server
		elif [ -x /usr/sbin/clickhouse-server ]; then
			CLICKHOUSE_SERVER=/usr/sbin/clickhouse-server
		else
			why="no clickhouse-server (package clickhouse-server)"
			return 1
		fi
	fi
	if ! command -v clickhouse-client >/dev/null 2>&1; then
		why="no clickhouse-client (package clickhouse-client)"
		return 1
	fi
	# shellcheck disable=SC2046
	set -- $(free_ports)
	chport=$1
	chhttp=$2
	d=$srvdir/ch
	mkdir -p "$d/log" "$d/data" "$d/tmp" "$d/user_files"
	cat >"$d/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/log/server.log</log>
    <errorlog>$d/log/err.log</errorlog><console>0</console></logger>
  <tcp_port>$chport</tcp_port>
  <http_port>$chhttp</http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <format_schema_path>$d/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
</yandex>
EOF
	cat >"$d/users.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage>
    <max_threads>2</max_threads></default></profiles>
  <users><default><password></password>
    <networks><ip>127.0.0.1</ip></networks>
    <profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries>
    <errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows>
    <execution_time>0</execution_time></interval></default></quotas>
</yandex>
EOF
	if [ "$(id -u)" = 0 ] && id clickhouse >/dev/null 2>&1; then
		chown -R clickhouse "$d"
		(cd "$d" && exec runuser -u clickhouse -- "$CLICKHOUSE_SERVER" \
		    --config-file="$d/config.xml") >"$d/out" 2>&1 &
	else
		(cd "$d" && exec "$CLICKHOUSE_SERVER" \
		    --config-file="$d/config.xml") >"$d/out" 2>&1 &
	fi
	chpid=$!
	# (only the server of this config: its pid may have been reused)
	watchdog sh -c 'grep -q "$1" "/proc/$0/cmdline" 2>/dev/null &&
	    kill "$0"' "$chpid" "$d/config.xml"
	i=0
	until clickhouse-client --port "$chport" -q 'SELECT 1' \
	    >/dev/null 2>&1; do
		if ! kill -0 "$chpid" 2>/dev/null || [ $i -ge 600 ]; then
			why="the server did not start: $(cat "$d/log/err.log" \
			    "$d/out" 2>/dev/null | tail -n 3 | tr '\n' ' ')"
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	if ! clickhouse-client --port "$chport" --multiquery \
	    <"$root/contrib/clickhouse/exdump.sql" >"$srvdir/ch.log" 2>&1; then
		why="the schema did not load: $(head -n 3 "$srvdir/ch.log")"
		return 1
	fi
	return 0
}

