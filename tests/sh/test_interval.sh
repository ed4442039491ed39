#!/bin/sh
# test_interval.sh: the interval report (-i) on the fixtures.
#
# The process rows are checked against an independent implementation of
# the rules in awk, fed by the plain dump; the connection rows of the flow
# fixture and the -S buckets of the sweep fixture were worked out by hand
# from fixtures/expected/flow.out and proc_partial.out.
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

# The rules, again, in awk: records of the plain dump, differenced per
# pid and start time (within 1 s); a fall gives 0; a final record gives
# its totals less what was given out before.
oracle() {
	awk -F'\t' '
	function fin() {
		if (!inrec) return
		inrec = 0
		key = f["pid"]
		st = f["start-sec"] * 1e9 + f["start-nsec"]
		if (key in start && (st - start[key] > 1e9 || start[key] - st > 1e9))
			delete start[key]
		if (!(key in start)) {
			start[key] = st; last[key] = st
			for (c = 1; c <= nc; c++) { prev[key, c] = 0; sum[key, c] = 0 }
		}
		en = f["finish-sec"] * 1e9 + f["finish-nsec"]
		v[1] = f["cpu-user-sec"] * 1e9 + f["cpu-user-nsec"]
		v[2] = f["cpu-sys-sec"] * 1e9 + f["cpu-sys-nsec"]
		v[3] = f["faults-major"] + 0; v[4] = f["faults-minor"] + 0
		v[5] = f["chars-rdwr"] + 0; v[6] = f["ctxt-vol"] + 0
		v[7] = f["ctxt-inv"] + 0; v[8] = f["signals"] + 0
		v[9] = f["syscalls"] + 0
		for (c = 1; c <= nc; c++) {
			base = final ? sum[key, c] : prev[key, c]
			d[c] = v[c] > base ? v[c] - base : 0
			sum[key, c] += d[c]; prev[key, c] = v[c]
		}
		from = last[key] < en ? last[key] : en
		last[key] = en
		cmd = f["command"]; gsub(/^"|"$/, "", cmd)
		if (cmd == "") cmd = "-"
		printf "%d %d %d %d %s %s %s %d %d %s %s %s %s %s %s %s %s\n",
		    f["finish-sec"], f["pid"], f["ppid"], f["uid"],
		    dec(d[1], 1e7), dec(d[2], 1e7), dec(en - from, 1e7),
		    d[3], d[4], dec(d[5] * 100, 1000), dec(d[6] * 100, 1000),
		    dec(d[7] * 100, 1000), dec(d[8] * 100, 1000),
		    dec1(d[9] * 10, 1000), dec1(f["memory-rss-avg-k"] * 10, 1024),
		    dec1(f["memory-rss-max-k"] * 10, 1024), cmd
		if (final) delete start[key]
	}
	# x / unit, rounded half up to a whole number of hundredths
	# (dec) or tenths (dec1), in integers: x is already scaled.
	function dec(x, unit,   q) {
		q = int((2 * x + unit) / (2 * unit))
		return sprintf("%d.%02d", int(q / 100), q % 100)
	}
	function dec1(x, unit,   q) {
		q = int((2 * x + unit) / (2 * unit))
		return sprintf("%d.%d", int(q / 10), q % 10)
	}
	BEGIN { nc = 9 }
	/group-proc / || /group-proc-partial/ {
		fin(); inrec = 1; final = ($0 ~ /group-proc /); delete f; next
	}
	/group-/ { fin(); next }
	inrec {
		n = $2; gsub(/^ +| +$/, "", n)
		x = $3; gsub(/ +$/, "", x)
		f[n] = x
	}
	END { fin() }'
}

f=fixtures/exacct/proc_partial.exacct
"$EXDUMP" $f | oracle > "$tmp/want"
"$EXDUMP" -i -H -t proc $f > "$tmp/got"
if [ "$(wc -l < "$tmp/got")" -eq 31 ]; then
	ok proc_partial_rows
else
	notok proc_partial_rows "$(wc -l < "$tmp/got") rows, want 31"
fi
same proc_partial_oracle "$tmp/want" "$tmp/got"

f=fixtures/exacct/proc.exacct
"$EXDUMP" $f | oracle > "$tmp/want"
"$EXDUMP" -i -H $f > "$tmp/got"
same proc_oracle "$tmp/want" "$tmp/got"

# Every row has 17 fields: end and the 16 of -c.
if "$EXDUMP" -i -H -t proc fixtures/exacct/proc_partial.exacct |
    awk 'NF != 17 { bad = 1 } END { exit bad }'; then
	ok seventeen_fields
else
	notok seventeen_fields "a row without 17 fields"
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
if [ "$("$EXDUMP" -i -H "$tmp/a.exacct" | wc -l)" -eq 1 ]; then
	ok first_file_alone
else
	notok first_file_alone "the cut did not leave one record"
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
assert objs[5]["in_bytes"] == 88298210 and objs[5]["src"] == "fe80::214:4fff:fee2:a89c"
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

# -S: the sweep fixture has three sweeps (8, then 8 and 4 exits, then 7
# and 4 exits); each bucket's totals are its rows' totals.
"$EXDUMP" -i -S -H fixtures/exacct/proc_partial.exacct > "$tmp/sum"
awk '{ printf "%s %s %s\n", $1, $2, $3 }' "$tmp/sum" > "$tmp/got"
printf '1109811600 crun 8\n1109812500 crun 12\n1109813400 crun 11\n' \
    > "$tmp/want"
same summary_buckets "$tmp/want" "$tmp/got"
"$EXDUMP" -i -H -t proc fixtures/exacct/proc_partial.exacct | awk '
	NR <= 8 { b = 1 } NR > 8 && NR <= 20 { b = 2 } NR > 20 { b = 3 }
	{ u[b] += $5 * 100; m[b] += $9 }
	END { for (b = 1; b <= 3; b++) printf "%d %d\n", u[b], m[b] }' \
    > "$tmp/want"
awk '{ printf "%d %d\n", $4 * 100, $7 }' "$tmp/sum" > "$tmp/got"
# usr is rounded per row and per bucket: compare within a cent per row.
if awk 'NR == FNR { w[FNR] = $1; wm[FNR] = $2; next }
	{ d = $1 - w[FNR]; if (d < 0) d = -d
	  if (d > 12 || $2 != wm[FNR]) bad = 1 }
	END { exit bad }' "$tmp/want" "$tmp/got"; then
	ok summary_totals
else
	notok summary_totals "bucket totals differ from their rows"
	paste "$tmp/want" "$tmp/got"
fi

# -t task: interval records print as they are, partial ones differenced.
"$EXDUMP" -i -H -t task fixtures/exacct/task.exacct > "$tmp/got"
"$EXDUMP" -c -H -t task fixtures/exacct/task.exacct > "$tmp/c"
# The second partial record of task 79 (row 5) covers 1109811600 to
# 1109812500: 900 s, and its usage is the difference of the two partials.
row=$(sed -n 5p "$tmp/got")
case $row in
"1109812500 79 3 "*" 900.00 "*) ok task_partial_interval ;;
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
