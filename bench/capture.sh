#!/bin/sh
# capture.sh: the capture ratio of the interval report (Linux, root).
#
#   sh bench/capture.sh        (EXDUMP: the binary, ./exdump; CC: cc)
#
# Per interval between two sweeps, the capture ratio is the CPU time that
# exdump's per-process figures account for (usr + sys summed over the
# processes, usr_ns + sys_ns of `exdump -i -S -F json`) over the
# CPU the machine really used (hostcpu_ns: user + nice + system of
# /proc/stat).  Processes that start and end between two sweeps are what
# the sweeps alone miss, and what process accounting (acct(2), pacct)
# gives back.
#
# The workload (bench/capture_load.c, built here with $CC), for the whole
# run: a long process burning a CPU (CAPTURE_BURN percent of one, 100 by
# default); 2,000 short processes
# (fork and exec, 5-30 ms of CPU each) spread over the 60 s; a process
# whose threads burn 50 ms and exit, every second; forked children (no
# exec) that burn 20-60 ms and exit.  `exdump -w FILE` sweeps every 2 s for
# 60 s (31 sweeps, 30 intervals), twice:
#   sweeps        the sweeps alone (process accounting left as it was
#                 found; its file is not read)
#   sweeps+pacct  process accounting on to a fresh file of this run, read
#                 with the sweeps
#   sweeps+listen the exit listener (exdump -W) appending to the sweeps'
#                 file, the kernel's delay accounting off
#   sweeps+lis+da the same with kernel.task_delayacct=1 (set for the run,
#                 restored after)
# then `exdump -i -S -F json SWEEPS [PACCT]` gives one summary row per host
# and interval; python3 sums them.  Printed per configuration: the number
# of intervals with a host CPU figure, the overall capture (the sum of
# usr_ns + sys_ns over the sum of hostcpu_ns), the least, median
# and greatest capture of an interval, and the total exits and lost of
# those rows; /proc/stat read by this script at the first and the last
# sweep next to the rows' sum of hostcpu_ns (they should agree within a
# few %); and pacct's own loss on the short processes: their CPU in the
# pacct file (`exdump -c -F json`, command capshort) over the CPU wait4
# gave their parent.  Targets, for sweeps+pacct: overall >= 0.88, no
# interval above 1.05; for sweeps+listen, overall >= 0.99 and every
# interval within 0.97-1.03 (PASS or FAIL is printed; a miss is not an
# error).  The listener's own CPU (its schedstat run time) and the exit
# records it wrote are printed too.
# Also the workload's own CPU (wait4 of all its processes) against what the
# machine used while it ran: other work on the machine (a build, a test
# run) disturbs every figure, and the script says BUSY when it is above
# 15%.
#
# Process accounting is one file for the whole machine and nothing tells
# which file is active, so before taking it the script looks whether one
# of the usual files (/var/log/account/pacct, /var/account/pacct,
# /var/log/pacct, and $CAPTURE_PACCT if set) grows by whole 64-byte
# records when /bin/true runs; if one does, accounting is turned back on
# to it afterwards (also when interrupted), else it is left off and the
# script says whether it could tell.  If another program switches
# accounting to its own file during the run (test_pacct_kernel.sh does),
# the bench's file stops growing: the script says the pacct figures are
# incomplete and leaves accounting as that program set it.  The workload
# runs in a process group of its own, killed on every way out; the
# temporary files are removed.
#
# Environment: EXDUMP, CC, CAPTURE_BURN (100), CAPTURE_SECS (60),
# CAPTURE_INTERVAL (2),
# CAPTURE_NSHORT (2000), CAPTURE_PACCT (a pacct file path without spaces),
# CAPTURE_KEEP (a directory to keep the sweeps, pacct and JSON files in).
# Not root, not Linux or no python3: skipped, exit 0.  Exit 1 if the
# workload or exdump failed, or the -S JSON lacks the keys it should have.
EXDUMP=${EXDUMP:-./exdump}
CC=${CC:-cc}
secs=${CAPTURE_SECS:-60}
interval=${CAPTURE_INTERVAL:-2}
nshort=${CAPTURE_NSHORT:-2000}
LC_ALL=C
export LC_ALL

if [ "$(uname -s)" != Linux ]; then
	echo "capture: skipped, Linux only (it reads /proc/stat and uses acct(2))"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "capture: skipped, needs root (acct(2), and the sweep of every process)"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "capture: skipped, python3 not found (it does the JSON sums)"
	exit 0
fi
if [ ! -x "$EXDUMP" ]; then
	echo "capture: $EXDUMP is not an executable (set EXDUMP)" >&2
	exit 1
fi
case $secs$interval$nshort in
*[!0-9]*)
	echo "capture: CAPTURE_SECS, CAPTURE_INTERVAL, CAPTURE_NSHORT: whole numbers" >&2
	exit 1
	;;
esac
if [ "$interval" -lt 1 ] || [ "$secs" -lt "$interval" ] || [ "$nshort" -lt 1 ]; then
	echo "capture: need CAPTURE_SECS >= CAPTURE_INTERVAL >= 1, CAPTURE_NSHORT >= 1" >&2
	exit 1
fi
nsweeps=$((secs / interval + 1))

. tests/lib/private_tmp.sh
tmp=$(private_tmp capture) || exit 1
load=$tmp/capture_load
loadpid=""
acct_ours=0
prev_acct=""
acct_file=""
acct_unknown=0
stolen=""
status=0
lpid=""
old_da=$(cat /proc/sys/kernel/task_delayacct 2>/dev/null)

# Does process accounting write to file $1: does it grow by whole 64-byte
# records when a process exits?
acct_writes_to() {
	a=$(wc -c <"$1")
	if [ -x /bin/true ]; then
		/bin/true
	else
		"$load" now >/dev/null
	fi
	b=$(wc -c <"$1")
	[ "$b" -gt "$a" ] && [ $(((b - a) % 64)) = 0 ]
}

# Turn process accounting back to what it was found to be, if this script
# changed it, and it is still on to the bench's file.
restore_acct() {
	[ "$acct_ours" = 1 ] || return 0
	acct_ours=0
	if ! acct_writes_to "$acct_file"; then
		stolen="WARNING: process accounting stopped writing to the bench's file during the run: another program called acct(2) (there is one file for the whole machine), so the pacct figures are incomplete; accounting is left as that program set it"
		echo "capture: $stolen" >&2
		return 0
	fi
	if [ -n "$prev_acct" ]; then
		if "$load" acct "$prev_acct"; then
			echo "capture: process accounting turned back on to $prev_acct, as found (processes that ended while it was on to the bench's file are not in it)"
		else
			echo "capture: could not turn process accounting back on to $prev_acct: run 'accton $prev_acct'" >&2
			status=1
		fi
	elif "$load" acct -; then
		if [ "$acct_unknown" = 1 ]; then
			echo "capture: process accounting turned off; if it was on to a file this script does not know, that was not restored"
		else
			echo "capture: process accounting turned off again, as found"
		fi
	else
		echo "capture: could not turn process accounting off: run 'accton' with no argument" >&2
		status=1
	fi
}

# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$lpid" ]; then
		kill -s TERM "$lpid" 2>/dev/null
		wait "$lpid" 2>/dev/null
		lpid=""
	fi
	[ -n "$old_da" ] && echo "$old_da" >/proc/sys/kernel/task_delayacct
	if [ -n "$loadpid" ]; then
		kill -s TERM -- "-$loadpid" 2>/dev/null ||
		    kill -s TERM "$loadpid" 2>/dev/null
		wait "$loadpid" 2>/dev/null
		loadpid=""
	fi
	restore_acct
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "capture: interrupted" >&2; exit 130' INT TERM HUP

if ! $CC -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -pthread -o "$load" \
    bench/capture_load.c; then
	echo "capture: cannot build bench/capture_load.c" >&2
	exit 1
fi
ln -s capture_load "$tmp/capshort" || exit 1

# Is process accounting on, and to which file?  The size of each known
# file ("-": none), then again after /bin/true has exited.
known="${CAPTURE_PACCT:-} /var/log/account/pacct /var/account/pacct /var/log/pacct"
sizes() {
	for f in $known; do
		if [ -f "$f" ]; then
			echo "$(wc -c <"$f") $f"
		else
			echo "- $f"
		fi
	done
}
sizes >"$tmp/size0"
if [ -x /bin/true ]; then
	/bin/true
else
	"$load" now >/dev/null
fi
sizes >"$tmp/size1"
prev_acct=$(paste -d ' ' "$tmp/size0" "$tmp/size1" |
    awk '$1 != "-" && $3 != "-" && $3 > $1 && ($3 - $1) % 64 == 0 {
	print $2
	exit
    }')
if [ -n "$prev_acct" ]; then
	acct_note="process accounting was on to $prev_acct (it grew by whole records); it is turned back on to it after the run"
else
	signs=""
	for f in $known; do
		[ -f "$f" ] && signs="$signs, $f exists"
	done
	command -v accton >/dev/null 2>&1 && signs="$signs, accton is installed"
	if command -v systemctl >/dev/null 2>&1; then
		for u in acct psacct; do
			systemctl is-active --quiet "$u" 2>/dev/null &&
			    signs="$signs, $u.service is active"
		done
	fi
	if [ -z "$signs" ]; then
		acct_note="process accounting was off (no known file grew); leaving it off"
	else
		acct_unknown=1
		acct_note="process accounting: no known file grew, but${signs#,}: it may be on to a file this script does not know, so it cannot tell and cannot restore it; it is left off after the run (CAPTURE_PACCT=FILE names the file)"
	fi
fi
echo "capture: $acct_note"
printf 'capture: %s s of workload, %s short processes, exdump -w every %s s (%s sweeps), per configuration\n' \
    "$secs" "$nshort" "$interval" "$nsweeps"
if [ -r /proc/loadavg ]; then
	printf 'capture: load average at the start: %s (%s cores)\n' \
	    "$(cut -d ' ' -f 1-3 /proc/loadavg)" "$(getconf _NPROCESSORS_ONLN)"
fi

# One configuration: run_config NAME MODE: 0 sweeps, 1 with pacct, 2 with
# the listener, 3 with the listener and delay accounting.  Writes $tmp/NAME.sweeps,
# $tmp/NAME.pacct (PACCT 1), $tmp/NAME.load (the workload's wait4 line)
# and $tmp/NAME.ticks (user + nice + system of /proc/stat, in clock ticks,
# when the workload starts, at the first and the last sweep, and when the
# workload has ended).  Returns 1 on a failure, 2 if acct(2) was refused.
ticks() {
	read -r _cpu user nice system _rest </proc/stat
	echo $((user + nice + system)) >>"$tmp/$name.ticks"
}
run_config() {
	name=$1
	sw=$tmp/$name.sweeps
	if [ "$2" = 1 ]; then
		: >"$tmp/$name.pacct"
		chmod 600 "$tmp/$name.pacct"
		"$load" acct "$tmp/$name.pacct" 2>"$tmp/err"
		rc=$?
		if [ "$rc" = 3 ]; then
			echo "capture: $name: skipped, $(cat "$tmp/err")"
			return 2
		elif [ "$rc" != 0 ]; then
			echo "capture: $name: $(cat "$tmp/err")" >&2
			return 1
		fi
		acct_ours=1
		acct_file=$tmp/$name.pacct
	fi
	if [ "$2" -ge 2 ]; then
		if [ "$2" = 3 ]; then
			echo 1 >/proc/sys/kernel/task_delayacct 2>/dev/null || {
				echo "capture: $name: skipped, kernel.task_delayacct cannot be set"
				return 2
			}
		fi
		"$EXDUMP" -W "$sw" 2>"$tmp/$name.lerr" &
		lpid=$!
		sleep 1
		if ! kill -0 "$lpid" 2>/dev/null; then
			echo "capture: $name: skipped, the listener did not start: $(cat "$tmp/$name.lerr")"
			lpid=""
			return 2
		fi
	fi
	ticks
	"$load" run $((secs + 1)) "$nshort" "$secs" "$tmp/capshort" \
	    "$tmp/$name.load" &
	loadpid=$!
	t0=$("$load" now)
	fails=0
	i=0
	while [ "$i" -lt "$nsweeps" ]; do
		"$load" sleepto $((t0 + i * interval * 1000000000))
		if [ "$i" = 0 ] || [ "$i" = $((nsweeps - 1)) ]; then
			ticks
		fi
		"$EXDUMP" -w "$sw" >/dev/null 2>"$tmp/err" || {
			fails=$((fails + 1))
			sed 's/^/capture: exdump -w: /' "$tmp/err" | head -3 >&2
		}
		i=$((i + 1))
	done
	wait "$loadpid"
	rc=$?
	loadpid=""
	ticks
	[ "$2" = 1 ] && restore_acct
	if [ -n "$lpid" ]; then
		# Its own CPU, in ns, before it is stopped.
		read -r lrun _rest <"/proc/$lpid/schedstat"
		kill -s TERM "$lpid"
		wait "$lpid"
		lrc=$?
		lpid=""
		[ "$2" = 3 ] && echo "$old_da" >/proc/sys/kernel/task_delayacct
		nrec=$(sed -n 's/.*listened: \([0-9]*\) exit records.*/\1/p' \
		    "$tmp/$name.lerr")
		ndrop=$(sed -n 's/.* \([0-9]*\) notifications dropped.*/\1/p' \
		    "$tmp/$name.lerr")
		echo "capture: listener, $name: exit $lrc, ${nrec:-?} exit records, ${ndrop:-?} notifications dropped, its CPU $((lrun / 1000000)) ms over $((secs + 1)) s = $(awk -v n="$lrun" -v s=$((secs + 1)) 'BEGIN { printf "%.2f", n / s / 1e7 }')% of one CPU" >>"$tmp/lnotes"
	fi
	if [ "$rc" != 0 ] || [ ! -s "$tmp/$name.load" ]; then
		echo "capture: $name: the workload failed (exit $rc)" >&2
		return 1
	fi
	if [ "$fails" != 0 ]; then
		echo "capture: $name: $fails of $nsweeps sweeps failed" >&2
		return 1
	fi
	return 0
}

# The analysis's arguments: HZ, then per configuration "NAME JSON TICKS
# (4 of them) NSWEEPS LOADSTAT", then "-" and the pacct rows' JSON and the
# wait4 line of that run (or "-" "-").
set -- "$(getconf CLK_TCK)"
for c in sweeps sweeps+pacct sweeps+listen sweeps+lis+da; do
	case $c in
	sweeps) run_config "$c" 0 ;;
	sweeps+pacct) run_config "$c" 1 ;;
	sweeps+listen) run_config "$c" 2 ;;
	*) run_config "$c" 3 ;;
	esac
	rc=$?
	[ "$rc" = 2 ] && continue
	if [ "$rc" != 0 ]; then
		status=1
		continue
	fi
	pa=""
	[ "$c" = sweeps+pacct ] && pa=$tmp/$c.pacct
	if ! "$EXDUMP" -i -S -F json "$tmp/$c.sweeps" ${pa:+"$pa"} \
	    >"$tmp/$c.json" 2>"$tmp/err"; then
		echo "capture: $c: exdump -i -S -F json failed:" >&2
		sed 's/^/capture:   /' "$tmp/err" | head -5 >&2
		status=1
		continue
	fi
	{ read -r t0; read -r t1; read -r t2; read -r t3; } <"$tmp/$c.ticks"
	set -- "$@" "$c" "$tmp/$c.json" "$t0" "$t1" "$t2" "$t3" "$nsweeps" \
	    "$tmp/$c.load"
done
set -- "$@" -
if [ -s "$tmp/sweeps+pacct.pacct" ] && [ -s "$tmp/sweeps+pacct.load" ]; then
	if "$EXDUMP" -c -F json "$tmp/sweeps+pacct.pacct" \
	    >"$tmp/pacct.json" 2>"$tmp/err"; then
		set -- "$@" "$tmp/pacct.json" "$tmp/sweeps+pacct.load"
	else
		echo "capture: exdump -c -F json on the pacct file failed:" >&2
		sed 's/^/capture:   /' "$tmp/err" | head -5 >&2
		status=1
		set -- "$@" - -
	fi
else
	set -- "$@" - -
fi

# The listener's final records of the short processes, against wait4.
for c in sweeps+listen sweeps+lis+da; do
	[ -s "$tmp/$c.sweeps" ] || continue
	"$EXDUMP" -c -F json -k final -t proc -o command,usr,sys,cpu_source \
	    "$tmp/$c.sweeps" >"$tmp/$c.finals" 2>/dev/null || rm -f "$tmp/$c.finals"
done
CAPTURE_TMP=$tmp
export CAPTURE_TMP
python3 - "$@" <<'EOF' || status=1
import json
import statistics
import sys

args = sys.argv[1:]
hz = float(args.pop(0))
configs = []
while args[0] != "-":
    configs.append((args[0], args[1], int(args[2]), int(args[3]),
                    int(args[4]), int(args[5]), int(args[6]), args[7]))
    del args[:8]
pacct_json, load_stat = args[1], args[2]

NEED = ("host", "start_ns", "end_ns", "len_ns", "nproc", "exits", "lost",
        "usr_ns", "sys_ns")
failed = False


def fail(msg):
    global failed
    failed = True
    print("capture: ERROR: " + msg)


def load_rows(name, path):
    rows = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                o = json.loads(line)
            except ValueError as e:
                fail("%s: line %d of exdump -i -S -F json is not JSON (%s): %.200s"
                     % (name, n, e, line))
                return None
            if isinstance(o, dict) and o.get("type") == "summary":
                rows.append((o, line))
    if not rows:
        fail("%s: exdump -i -S -F json printed no {\"type\":\"summary\"} row"
             % name)
        return None
    missing = sorted({k for o, _ in rows for k in NEED if k not in o})
    if missing:
        first = next(l for o, l in rows if any(k not in o for k in NEED))
        fail("%s: the -S JSON rows lack the keys %s (this exdump's -S is not "
             "the one this bench measures); first such row: %.300s"
             % (name, ", ".join(missing), first))
        return None
    with_host = [o for o, _ in rows if "hostcpu_ns" in o]
    if not with_host:
        fail("%s: no -S JSON row has hostcpu_ns (no host CPU known for any "
             "interval): nothing to measure; first row: %.300s"
             % (name, rows[0][1]))
        return None
    bad = [l for o, l in rows if ("hostcpu_ns" in o) != ("capture" in o)]
    if bad:
        fail("%s: %d rows have one of hostcpu_ns and capture without the "
             "other; first: %.300s" % (name, len(bad), bad[0]))
        return None
    return [o for o, _ in rows]


def sec(ns):
    return "%.2f s" % (ns / 1e9)


results = {}
notes = []
for name, path, ts, t0, t1, te, nsweeps, lstat in configs:
    rows = load_rows(name, path)
    stat_ns = (t1 - t0) * 1e9 / hz
    run_ns = (te - ts) * 1e9 / hz
    with open(lstat) as f:
        w = f.read().split()
    load_ns = int(w[5])
    other = run_ns - load_ns
    notes.append("capture: workload, %s: its processes used %s (wait4) of "
                 "the machine's %s while it ran: %s (%.0f%%) other work "
                 "(the sweeps, this script and all else)%s"
                 % (name, sec(load_ns), sec(run_ns), sec(other),
                    100 * other / run_ns if run_ns else 0,
                    "; the machine was BUSY with other work, the figures "
                    "are disturbed" if other > 0.15 * run_ns else ""))
    if rows is None:
        notes.append("capture: host CPU, %s: /proc/stat %s over the run"
                     % (name, sec(stat_ns)))
        continue
    iv = [o for o in rows if "hostcpu_ns" in o]
    out = [o for o in rows if "hostcpu_ns" not in o]
    cpu = sum(o["usr_ns"] + o["sys_ns"] for o in iv)
    host = sum(o["hostcpu_ns"] for o in iv)
    caps = [o["capture"] for o in iv if o["hostcpu_ns"] > 0]
    for o in iv:
        if o["hostcpu_ns"] > 0:
            mine = (o["usr_ns"] + o["sys_ns"]) / o["hostcpu_ns"]
            if abs(mine - o["capture"]) > 0.0051:
                notes.append("capture: note, %s: a row's capture %s is not "
                             "(usr_ns + sys_ns) / hostcpu_ns = "
                             "%.4f (end_ns %s)" % (name, o["capture"], mine,
                                                   o["end_ns"]))
                break
    r = dict(n=len(iv), overall=cpu / host if host else float("nan"),
             lo=min(caps) if caps else float("nan"),
             med=statistics.median(caps) if caps else float("nan"),
             hi=max(caps) if caps else float("nan"),
             exits=sum(o["exits"] for o in iv),
             lost=sum(o["lost"] for o in iv))
    results[name] = r
    if len(iv) != nsweeps - 1:
        notes.append("capture: note, %s: %d intervals with a host CPU, "
                     "where %d sweeps make %d"
                     % (name, len(iv), nsweeps, nsweeps - 1))
    hosts = sorted({o["host"] for o in iv})
    if len(hosts) > 1:
        notes.append("capture: note, %s: rows of %d hosts: %s"
                     % (name, len(hosts), ", ".join(map(str, hosts))))
    if out:
        notes.append("capture: note, %s: %d rows without hostcpu_ns, not "
                     "counted: %s of CPU, %d exits, %d lost"
                     % (name, len(out),
                        sec(sum(o["usr_ns"] + o["sys_ns"]
                                for o in out)),
                        sum(o["exits"] for o in out),
                        sum(o["lost"] for o in out)))
    ratio = host / stat_ns if stat_ns else float("nan")
    notes.append("capture: host CPU, %s: /proc/stat %s from the first "
                 "sweep to the last, rows' hostcpu_ns %s: %.3f, %s"
                 % (name, sec(stat_ns), sec(host), ratio,
                    "agree (within 3%)" if abs(ratio - 1) <= 0.03
                    else "DISAGREE (more than 3% apart)"))

print("capture: %-13s %-9s %-8s %-6s %-6s %-6s %-6s %s"
      % ("config", "intervals", "overall", "min", "median", "max", "exits",
         "lost"))
for name, *_ in configs:
    r = results.get(name)
    if r is None:
        print("capture: %-13s (no figures)" % name)
        continue
    print("capture: %-13s %-9d %-8.3f %-6.3f %-6.3f %-6.3f %-6d %d"
          % (name, r["n"], r["overall"], r["lo"], r["med"], r["hi"],
             r["exits"], r["lost"]))
for n in notes:
    print(n)

if pacct_json != "-":
    with open(load_stat) as f:
        w = f.read().split()
    spawned, reaped, w4_ns, bad = int(w[1]), int(w[2]), int(w[3]), int(w[4])
    pa_ns = 0
    pa_n = 0
    pa_zero = 0
    with open(pacct_json) as f:
        for line in f:
            try:
                o = json.loads(line)
            except ValueError:
                continue
            if o.get("type") == "proc" and o.get("command") == "capshort":
                v = o.get("usr_ns", 0) + o.get("sys_ns", 0)
                pa_n += 1
                pa_ns += v
                pa_zero += v == 0
    print("capture: pacct truncation: short processes' CPU in pacct / "
          "wait4 = %.2f (pacct %s in %d records, %d of them 0; wait4 %s of "
          "%d processes)"
          % (pa_ns / w4_ns if w4_ns else float("nan"), sec(pa_ns), pa_n,
             pa_zero, sec(w4_ns), reaped))
    host = next((c for c in configs if c[0] == "sweeps+pacct"), None)
    if host is not None and host[5] > host[2]:
        print("capture: pacct truncation: the %s it loses are %.1f%% of the "
              "machine's CPU while the workload ran" % (
                  sec(w4_ns - pa_ns),
                  100 * (w4_ns - pa_ns) / ((host[5] - host[2]) * 1e9 / hz)))
    if pa_n != reaped or spawned != reaped or bad:
        print("capture: note: %d short processes started, %d reaped, %d "
              "failed, %d pacct records of them"
              % (spawned, reaped, bad, pa_n))
else:
    print("capture: pacct truncation: not measured (no pacct run)")

import os
for lname in ("sweeps+listen", "sweeps+lis+da"):
    fin = os.path.join(os.environ.get("CAPTURE_TMP", "."), lname + ".finals")
    ld = os.path.join(os.environ.get("CAPTURE_TMP", "."), lname + ".load")
    if not (os.path.exists(fin) and os.path.exists(ld)):
        continue
    with open(ld) as f:
        w = f.read().split()
    w4 = int(w[3])
    n = got = 0
    srcs = {}
    with open(fin) as f:
        for line in f:
            o = json.loads(line)
            if o.get("command") != "capshort":
                continue
            n += 1
            got += o.get("usr_ns", 0) + o.get("sys_ns", 0)
            srcs[o.get("cpu_source")] = srcs.get(o.get("cpu_source"), 0) + 1
    print("capture: listener, %s: short processes' CPU in its records / "
          "wait4 = %.3f (%s in %d records, cpu_source %s; wait4 %s)"
          % (lname, got / w4 if w4 else float("nan"), sec(got), n,
             ",".join("%s %d" % (k, v) for k, v in sorted(srcs.items(),
             key=lambda kv: str(kv[0]))), sec(w4)))
for lname in ("sweeps+listen", "sweeps+lis+da"):
    r = results.get(lname)
    if r is None:
        print("capture: target %s overall >= 0.99: no figure" % lname)
        continue
    print("capture: target %s overall >= 0.99: %s (%.3f)"
          % (lname, "PASS" if r["overall"] >= 0.99 else "FAIL", r["overall"]))
    print("capture: target %s every interval within 0.97-1.03: %s "
          "(%.3f-%.3f)" % (lname, "PASS" if 0.97 <= r["lo"] and r["hi"] <=
                           1.03 else "FAIL", r["lo"], r["hi"]))
r = results.get("sweeps+pacct")
if r is None:
    print("capture: target sweeps+pacct overall >= 0.88: no figure")
    print("capture: target sweeps+pacct no interval above 1.05: no figure")
else:
    print("capture: target sweeps+pacct overall >= 0.88: %s (%.3f)"
          % ("PASS" if r["overall"] >= 0.88 else "FAIL", r["overall"]))
    print("capture: target sweeps+pacct no interval above 1.05: %s (max %.3f)"
          % ("PASS" if r["hi"] <= 1.05 else "FAIL", r["hi"]))
sys.exit(1 if failed else 0)
EOF
[ -f "$tmp/lnotes" ] && cat "$tmp/lnotes"
[ -z "$stolen" ] || echo "capture: $stolen"
if [ -n "${CAPTURE_KEEP:-}" ]; then
	if mkdir -p "$CAPTURE_KEEP" && cp "$tmp"/*.sweeps "$tmp"/*.json \
	    "$tmp"/*.load "$tmp"/*.ticks "$CAPTURE_KEEP"/ &&
	    { [ ! -f "$tmp/sweeps+pacct.pacct" ] ||
	    cp "$tmp/sweeps+pacct.pacct" "$CAPTURE_KEEP"/; }; then
		echo "capture: files kept in $CAPTURE_KEEP"
	else
		status=1
	fi
fi
exit "$status"
