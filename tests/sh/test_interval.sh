#!/bin/sh
# test_interval.sh: the interval report (-i) on the fixtures.
#
# The rows and summaries of the sweep fixture, and the connection rows
# of the flow fixture, were worked out by hand from
# fixtures/expected/proc_partial.out and flow.out.
EXDUMP=${EXDUMP:-./exdump}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }

same() {	# name expected-file actual-file
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		notok "$1" "output differs"
		diff -u "$2" "$3" | head -20
	fi
}

# The sweep fixture, written by libexacct: three sweeps of partial
# records at 1109811600, 1109812500 and 1109813400 (no sweep records:
# each is found as a run of partial records), with exits between.  The
# first sweep is the baseline; the intervals are the two between sweeps.
# Worked out by hand from fixtures/expected/proc_partial.out:
# - (..11600, ..12500]: 8 processes' partial deltas, usr 30 + 90 + 233 +
#   56 + 4 + 7 + 11 + 195 = 626 ms, sys 10 + 30 + 78 + 19 + 1 + 2 + 4 +
#   65 = 209 ms; 4 exits (1305, 1306, 1310, 1311) whole, usr 2047.4 ms,
#   sys 2459.3 ms: 2.67 and 2.67 s.
# - (..12500, ..13400]: 7 deltas, usr 430 ms, sys 143 ms; exits 1402,
#   1403, 1420 whole and bash 1201 (final less its partial at 12500:
#   195 ms usr, 65 ms sys): usr 3.96 s, sys 2.42 s.
f=fixtures/exacct/proc_partial.exacct
"$EXDUMP" -i -S -H $f | cut -d' ' -f1-9 > "$tmp/got"
cat > "$tmp/want" <<'EOF'
1109811600.001 1109812500.004 900.003 crun 12 4 0 2.67 2.67
1109812500.004 1109813400.007 900.003 crun 11 4 0 3.96 2.42
EOF
same summary_found_sweeps "$tmp/want" "$tmp/got"
# No sweep record: no host CPU, no capture.
if "$EXDUMP" -i -S -H $f | awk '$17 != "-" || $18 != "-" { bad = 1 }
    END { exit bad }'; then
	ok summary_no_host_cpu
else
	notok summary_no_host_cpu "hostcpu or capture without sweep records"
fi

"$EXDUMP" -i -H -t proc $f > "$tmp/got"
if [ "$(wc -l < "$tmp/got")" -eq 23 ]; then
	ok proc_partial_rows
else
	notok proc_partial_rows "$(wc -l < "$tmp/got") rows, want 23 (12 + 11)"
fi
# Every row has 20 fields: end, the 16 of -c, start, len, host.
if awk 'NF != 20 { bad = 1 } END { exit bad }' "$tmp/got"; then
	ok twenty_fields
else
	notok twenty_fields "a row without 20 fields"
fi
# bash (1201) exits at 1109813111: in the second interval, from its
# partial at 1109812500.004, 610.99 s (rounded 611.00).
row=$(awk '$2 == 1201 && $1 == "1109813400.007"' "$tmp/got")
case $row in
"1109813400.007 1201 100702 100 0.20 0.07 611.00 "*" bash 1109812500.004 900.003 crun")
	ok exit_in_its_interval ;;
*) notok exit_in_its_interval "bash's exit row is: $row" ;;
esac
# The rows of an interval add up to its summary (minor faults).
awk '{ m[$1] += $9 } END { for (e in m) print e, m[e] }' "$tmp/got" |
    sort > "$tmp/want"
"$EXDUMP" -i -S -H $f | awk '{ print $2, $11 }' | sort > "$tmp/sum"
same rows_add_up "$tmp/want" "$tmp/sum"

# A file of exit records only (no sweep): no interval, and it is said.
"$EXDUMP" -i -H fixtures/exacct/proc.exacct > "$tmp/got" 2> "$tmp/err"
if [ ! -s "$tmp/got" ] && grep -q 'exit records of host crun, which has no sweep' "$tmp/err"; then
	ok no_sweep_said
else
	notok no_sweep_said "rows, or nothing said: $(cat "$tmp/err")"
fi

# Two files continue one state: the sweep fixture cut in two at a record
# boundary gives the same rows as the whole.
size=$(wc -c < fixtures/exacct/proc_partial.exacct)
cut=$(od -An -tu1 -j 106 -N 8 fixtures/exacct/proc_partial.exacct |
    awk '{ s = 0; for (i = 1; i <= 8; i++) s = s * 256 + $i; print s }')
# Header (102 bytes) and the first record (12 + size + 4 bytes).
first=$((102 + 12 + cut + 4))
head -c "$first" fixtures/exacct/proc_partial.exacct > "$tmp/a.exacct"
tail -c $((size - first)) fixtures/exacct/proc_partial.exacct > "$tmp/b.exacct"
"$EXDUMP" -i -H fixtures/exacct/proc_partial.exacct > "$tmp/whole"
"$EXDUMP" -i -H "$tmp/a.exacct" "$tmp/b.exacct" > "$tmp/split"
same two_files "$tmp/whole" "$tmp/split"
# A pipe is read once: -i on standard input gives the same rows.
cat fixtures/exacct/proc_partial.exacct |
    "$EXDUMP" -i -H /dev/stdin > "$tmp/stdin" 2>&1
same from_a_pipe "$tmp/whole" "$tmp/stdin"
# The first record alone is a sweep's baseline: no row.
if [ "$("$EXDUMP" -i -H "$tmp/a.exacct" | wc -l)" -eq 0 ]; then
	ok first_file_alone
else
	notok first_file_alone "a row from a baseline"
fi

# The flow fixture: 18 records, 9 connections (worked out by hand).
cat > "$tmp/want" <<'EOF'
timestamp locltime dur uid proj prot srcip:port dstip:port opkts obytes ipkts ibytes aname
1109810704 00:45:04 7 100 3 6 192.168.1.10:32771 192.168.1.1:22 624 96426 1184 1532210 acct
1109810705 00:45:05 0 0 0 17 192.168.1.10:32772 10.0.0.53:53 1 61 1 145 acct
1109810660 00:44:20 49 100 3 6 192.168.1.10:32790 64.233.187.99:80 82 7329322 152 204873 acct
1109810690 00:44:50 4 0 0 1 192.168.1.10:0 192.168.1.1:0 5 420 5 420 acct
1109800000 21:46:40 10711 60001 10 17 192.168.1.10:5004 172.16.5.20:5004 4294967295 4294967295 - - voice
1109810640 00:44:00 62 100 3 6 [fe80::214:4fff:fee2:a89c]:32800 [2001:db8::1]:443 74 19862 142 88298210 acct6
1109810600 00:43:20 1 0 0 58 [fe80::214:4fff:fee2:a89c]:0 [ff02::1]:0 1 72 - - acct6
1109810711 00:45:11 0 0 0 253 127.0.0.1:65535 127.0.0.1:1 0 0 - - -
1109810700 00:45:00 10 0 1 6 [::]:2049 [::1]:111 10 1000 - - nfs
EOF
"$EXDUMP" -i -n fixtures/exacct/flow.exacct > "$tmp/got"
same flow_pairs "$tmp/want" "$tmp/got"

# The connections read back as CSV and JSON.
if command -v python3 >/dev/null 2>&1; then
	"$EXDUMP" -i -n -F csv fixtures/exacct/flow.exacct > "$tmp/csv"
	"$EXDUMP" -i -n -F json fixtures/exacct/flow.exacct > "$tmp/json"
	if python3 - "$tmp/csv" "$tmp/json" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
objs = [json.loads(l) for l in open(sys.argv[2])]
assert len(rows) == 9 and len(objs) == 9
assert rows[0]["obytes"] == "96426" and rows[0]["ibytes"] == "1532210"
assert rows[4]["ipkts"] == ""
assert objs[5]["ibytes"] == 88298210 and objs[5]["srcip"] == "fe80::214:4fff:fee2:a89c"
assert "ipkts" not in objs[4] and objs[4]["irecs"] == 0
assert all(o["type"] == "connection" for o in objs)
EOF
	then
		ok flow_csv_json
	else
		notok flow_csv_json "python3 could not read them back"
	fi
else
	echo "skip flow_csv_json: python3 is not installed"
fi

# -t task: interval records print as they are, partial ones differenced.
"$EXDUMP" -i -H -t task fixtures/exacct/task.exacct > "$tmp/got"
"$EXDUMP" -c -H -t task fixtures/exacct/task.exacct > "$tmp/c"
# The second partial record of task 79 (row 5) covers 1109811600 to
# 1109812500: 900 s, and its usage is the difference of the two partials.
row=$(sed -n 5p "$tmp/got")
case $row in
"1109812500.553 79 3 "*" 900.00 "*) ok task_partial_interval ;;
*) notok task_partial_interval "row 5 is: $row" ;;
esac
# Interval records (rows 3, 6, 9) are the same as in -c.
if [ "$(sed -n 3p "$tmp/got" | cut -d' ' -f2-)" = "$(sed -n 3p "$tmp/c")" ] &&
    [ "$(sed -n 6p "$tmp/got" | cut -d' ' -f2-)" = "$(sed -n 6p "$tmp/c")" ]; then
	ok task_interval_as_is
else
	notok task_interval_as_is "interval rows changed"
fi
exit 0
