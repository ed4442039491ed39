#!/bin/sh
# test_report.sh: the columnar report, exdump -c.
#
# The expected rows of every fixture are derived from the original
# exdump's -v output (fixtures/expected/NAME.v.out) by an awk script that
# computes each column with exact integer arithmetic, so they never come
# from what exdump -c printed.  CSV is read back with Python's csv module
# and compared with the text rows; JSON is parsed with Python's json module
# and compared with the plain dump (fixtures/expected/NAME.out), item by
# item.  A file of hostile command names is built here byte by byte.
EXDUMP=${EXDUMP:-./exdump}
LC_ALL=C
TZ=UTC
export LC_ALL TZ
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fixtures="proc proc_partial task flow net noheader kernelhdr"

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }
check() {	# name, then a command that must succeed
	n=$1
	shift
	if "$@"; then ok "$n"; else notok "$n" "$*"; fi
}

have_py=0
command -v python3 >/dev/null 2>&1 && have_py=1

# --- expected -c rows from the -v dump ---------------------------------
cat >"$tmp/derive.awk" <<'EOF'
# Fields of the -v dump: id, name (indented by depth), value.
BEGIN { FS = "\t" }
function frac(q, r, den, prec,   sc, f) {
	sc = prec == 1 ? 10 : 100
	f = int((2 * r * sc + den) / (2 * den))
	if (f >= sc) { f -= sc; q++ }
	return sprintf("%.0f.%0" prec "d", q, f)
}
function ratio(k, den, prec,   q, x) {
	if (!(k in v)) return "-"
	x = v[k] + 0
	q = int(x / den)
	return frac(q, x - q * den, den, prec)
}
function num(k) { return (k in v) ? v[k] : "-" }
function secs(a, b) {
	if (!(a in v) && !(b in v)) return "-"
	return frac(v[a] + 0, v[b] + 0, 1e9, 2)
}
function dur(ss, sn, fs, fn,   ds, dn) {
	if (!(ss in v) || !(fs in v)) return "-"
	ds = v[fs] - v[ss]
	dn = v[fn] - v[sn]
	if (dn < 0) { ds--; dn += 1e9 }
	return frac(ds, dn, 1e9, 2)
}
# The dump's string escapes (\" \\ \ooo) to the report's (space \040).
function text(k,   s) {
	if (!(k in v)) return "-"
	s = v[k]
	gsub(/\\"/, "\"", s)
	gsub(/ /, "\\040", s)
	return s == "" ? "-" : s
}
function ep(a4, a6, port,   s) {
	if (a4 in v) s = v[a4]
	else if (a6 in v) s = "[" v[a6] "]"
	else return "-"
	return s ":" num(port)
}
function usage(p) {
	return secs(p "cpu-user-sec", p "cpu-user-nsec") " " \
	    secs(p "cpu-sys-sec", p "cpu-sys-nsec") " " \
	    dur(p "start-sec", p "start-nsec", p "finish-sec",
	    p "finish-nsec") " " num(p "faults-major") " " \
	    num(p "faults-minor") " " \
	    ratio(p "chars-rdwr", 1000, 2) " " ratio(p "ctxt-vol", 1000, 2) \
	    " " ratio(p "ctxt-inv", 1000, 2) " " ratio(p "signals", 1000, 2) \
	    " " ratio(p "syscalls", 1000, 1)
}
function flush() {
	if (type == "proc")
		print num("pid"), num("ppid"), num("uid"), usage(""),
		    ratio("memory-rss-avg-k", 1024, 1),
		    ratio("memory-rss-max-k", 1024, 1), text("command") \
		    >(dir "/proc")
	else if (type == "task")
		print num("taskid"), num("projid"), usage(""), text("zone") \
		    >(dir "/task")
	else if (type == "flow")
		print num("creation-time"),
		    ("creation-time" in t) ? t["creation-time"] : "-",
		    ("last-seen" in v && "creation-time" in v) ? \
		    v["last-seen"] - v["creation-time"] : "-",
		    num("uid"), num("projid"), num("protocol"),
		    ep("src-addr-v4", "src-addr-v6", "src-port"),
		    ep("dest-addr-v4", "dest-addr-v6", "dest-port"),
		    num("total-packets"), num("total-bytes"),
		    text("action-name") >(dir "/flow")
	split("", v)
	split("", t)
	type = ""
}
{
	name = $2
	ind = match(name, /[^ ]/) - 1
	gsub(/^ +| +$/, "", name)
	if (ind == 0) {
		flush()
		if (name == "group-proc" || name == "group-proc-partial")
			type = "proc"
		else if (name ~ /^group-task/)
			type = "task"
		else if (name == "group-flow")
			type = "flow"
		next
	}
	if (ind != 1 || type == "")
		next
	val = $3
	if (val ~ /^"/) {
		v[name] = substr(val, 2, length(val) - 2)
	} else {
		split(val, w, " +")
		v[name] = w[1]
		if (w[3] ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/)
			t[name] = w[3]
	}
}
END { flush() }
EOF

expected() {	# fixture -> expected -c -n output on stdout
	d=$tmp/exp.$1
	rm -rf "$d"
	mkdir "$d"
	awk -v dir="$d" -f "$tmp/derive.awk" "fixtures/expected/$1.v.out"
	u="usr sys time majf minf rwKB vcxK icxK sigK sycK"
	if [ -s "$d/proc" ]; then
		echo "procid ppid uid $u arMB mrMB command"
		cat "$d/proc"
	fi
	if [ -s "$d/task" ]; then
		echo "taskid projid $u zone"
		cat "$d/task"
	fi
	if [ -s "$d/flow" ]; then
		echo "timestamp locltime dur uid proj prot srcip:port" \
		    "dstip:port npkts nbytes aname"
		cat "$d/flow"
	fi
}

for f in $fixtures; do
	expected "$f" >"$tmp/$f.want"
	"$EXDUMP" -c -n "fixtures/exacct/$f.exacct" >"$tmp/$f.got" \
	    2>"$tmp/$f.err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/$f.err" ] &&
	    cmp -s "$tmp/$f.want" "$tmp/$f.got"; then
		ok "text_$f"
	else
		notok "text_$f" "exit $rc, differs from the -v dump: $(diff \
		    "$tmp/$f.want" "$tmp/$f.got" | head -5 | tr '\n' '|')"
	fi
done
# The derivation is not vacuous: rows of each kind were found.
check derive_counts test "$(grep -c . "$tmp/exp.proc/proc")" -eq 21 -a \
    "$(cat "$tmp"/exp.*/task | grep -c .)" -gt 10 -a \
    "$(cat "$tmp"/exp.*/flow | grep -c .)" -gt 10

# The worked example's row units, in a fixture: 1041 chars is 1.04 KB.
check proc_first_row test "$(sed -n 2p "$tmp/proc.got")" = \
    "100702 312 0 0.13 0.99 8.67 1 66 1.04 0.01 0.00 0.00 0.5 1.4 2.9 sshd"

# Protocol names without -n, where this machine has them.
if getent protocols 6 >/dev/null 2>&1; then
	check flow_proto_name test "$("$EXDUMP" -c -t flow \
	    fixtures/exacct/flow.exacct | awk 'NR == 2 { print $6 }')" = tcp
else
	echo "skip flow_proto_name: no protocol database here"
fi

# --- options -----------------------------------------------------------
"$EXDUMP" -c -n -H fixtures/exacct/task.exacct >"$tmp/h" 2>&1
check opt_H_no_header test "$(grep -c taskid "$tmp/h")" -eq 0 -a \
    "$(wc -l <"$tmp/h")" -eq "$(grep -c . "$tmp/exp.task/task")"
"$EXDUMP" -c -n -t flow fixtures/exacct/noheader.exacct >"$tmp/t" 2>&1
check opt_t_flow test "$(head -n 1 "$tmp/t" | cut -d' ' -f1)" = timestamp -a \
    "$(grep -c . "$tmp/t")" -eq $(($(grep -c . "$tmp/exp.noheader/flow") + 1))
"$EXDUMP" -c -t task fixtures/exacct/proc.exacct >"$tmp/t" 2>&1
check opt_t_empty_has_header test "$(cat "$tmp/t")" = \
    "taskid projid usr sys time majf minf rwKB vcxK icxK sigK sycK zone"
# Several files: tables gather the rows of all, files in the order given.
"$EXDUMP" -c -n fixtures/exacct/task.exacct fixtures/exacct/proc.exacct \
    fixtures/exacct/flow.exacct >"$tmp/m" 2>&1
{
	sed -n '1p' "$tmp/proc.want"
	cat "$tmp/exp.proc/proc"
	sed -n '1p' "$tmp/task.want"
	cat "$tmp/exp.task/task"
	sed -n '1p' "$tmp/flow.want"
	cat "$tmp/exp.flow/flow"
} >"$tmp/m.want"
check several_files cmp -s "$tmp/m" "$tmp/m.want"
"$EXDUMP" -c -n fixtures/exacct/proc.exacct fixtures/exacct/noheader.exacct \
    >"$tmp/m2" 2>&1
{
	cat "$tmp/proc.want"
	cat "$tmp/exp.noheader/proc"
	sed -n '1p' "$tmp/task.want"
	cat "$tmp/exp.noheader/task"
	sed -n '1p' "$tmp/flow.want"
	cat "$tmp/exp.noheader/flow"
} >"$tmp/m2.want"
check several_files_order cmp -s "$tmp/m2" "$tmp/m2.want"

# A damaged file between two good ones, then a missing one.
"$EXDUMP" -c -n fixtures/exacct/task.exacct \
    fixtures/broken/trunc_last3.exacct fixtures/exacct/flow.exacct \
    >"$tmp/d.out" 2>"$tmp/d.err"
rc=$?
check damaged_middle_status test "$rc" -eq 2
check damaged_middle_reported grep -q \
    "^exdump: fixtures/broken/trunc_last3.exacct: offset [0-9]*: file ends" \
    "$tmp/d.err"
# trunc_last3 loses its last record; the dump has 21 records for it.
check damaged_middle_rows test "$(grep -c . "$tmp/d.out")" -eq \
    $((1 + 20 + 1 + $(grep -c . "$tmp/exp.task/task") + 1 + \
    $(grep -c . "$tmp/exp.flow/flow")))
check damaged_middle_last_table test "$(tail -n 1 "$tmp/d.out")" = \
    "$(tail -n 1 "$tmp/flow.want")"
"$EXDUMP" -c fixtures/exacct/proc.exacct "$tmp/missing.exacct" \
    >"$tmp/x.out" 2>"$tmp/x.err"
rc=$?
check missing_status test "$rc" -eq 1
check missing_reported grep -q "^exdump: cannot open $tmp/missing.exacct: " \
    "$tmp/x.err"
check missing_others_go_on cmp -s "$tmp/x.out" "$tmp/proc.want"
"$EXDUMP" -c "$tmp/missing.exacct" fixtures/broken/nobjs_plus1.exacct \
    >/dev/null 2>&1
check worst_status test $? -eq 2
printf 'not accounting data, not at all\n' >"$tmp/garbage"
"$EXDUMP" -c "$tmp/garbage" >/dev/null 2>"$tmp/g.err"
rc=$?
check garbage_status test "$rc" -eq 1
check garbage_reported grep -q \
    "cannot open $tmp/garbage: not an exacct or process-accounting file: " \
    "$tmp/g.err"
"$EXDUMP" -c fixtures/broken/badversion.exacct >/dev/null 2>"$tmp/b.err"
check badversion test $? -eq 1 -a -s "$tmp/b.err"
: >"$tmp/empty"
check empty_file_no_rows test -z "$("$EXDUMP" -c "$tmp/empty")"

# --- hostile command names ----------------------------------------------
# Objects written byte by byte (big-endian): see docs/exacct-format.md.
bytes() { for x in "$@"; do printf "\\$(printf %o "$x")"; done; }
be32() {
	bytes $((($1 >> 24) & 255)) $((($1 >> 16) & 255)) \
	    $((($1 >> 8) & 255)) $(($1 & 255))
}
be64() { be32 0; be32 "$1"; }
u32() { be32 $((0x30000000 | $1)); be32 "$2"; be32 12; }
str() {	# id, printf format of the bytes
	printf "$2" >"$tmp/s"
	n=$(($(wc -c <"$tmp/s") + 1))
	be32 $((0x60000000 | $1))
	be64 $((n + 4))
	cat "$tmp/s"
	bytes 0
	be32 $((12 + n + 4))
}
group() {	# id, member count, members file
	m=$(wc -c <"$3")
	be32 $((0xf0000000 | $1))
	be64 $((8 + m))
	be32 "$2"
	be32 0
	cat "$3"
	be32 $((20 + m + 4))
}
# pid, command as printf format, expected text field
cat >"$tmp/cmds" <<'EOF'
1 a\040b a\040b
2 tab\011x tab\011x
3 new\012line new\012line
4 q"uote q"uote
5 back\134\134s back\\\\s
6 \200\377 \200\377
7 - \055
8 a,b a,b
9 \303\251t\303\251 \303\251t\303\251
10 \033[31m \033[31m
11 % -
12 \015\012 \015\012
EOF
: >"$tmp/hostile.exacct"
while read -r pid fmt want; do
	[ "$fmt" = % ] && fmt=""
	{
		u32 0x1000 "$pid"
		u32 0x101f 1
		str 0x1006 "$fmt"
	} >"$tmp/mem"
	group 0x100 3 "$tmp/mem" >>"$tmp/hostile.exacct"
done <"$tmp/cmds"
"$EXDUMP" -c "$tmp/hostile.exacct" >"$tmp/hc" 2>"$tmp/hc.err"
check hostile_status test $? -eq 0 -a ! -s "$tmp/hc.err"
check hostile_rows test "$(wc -l <"$tmp/hc")" -eq 13
check hostile_16_fields test "$(awk 'NF != 16' "$tmp/hc" | wc -l)" -eq 0
# The pipeline: sort by pid (descending), take the commands.
"$EXDUMP" -c -H "$tmp/hostile.exacct" "$tmp/hostile.exacct" |
    sort -k1,1nr | awk '{ print $1, $NF }' | uniq >"$tmp/pipe"
sort -k1,1nr "$tmp/cmds" | awk '{ print $1, $3 }' >"$tmp/pipe.want"
check hostile_pipeline cmp -s "$tmp/pipe" "$tmp/pipe.want"

# --- CSV and JSON, read back by real parsers ----------------------------
if [ "$have_py" -eq 0 ]; then
	echo "skip csv_fixtures: python3 is not installed"
	echo "skip json_fixtures: python3 is not installed"
	echo "skip csv_hostile: python3 is not installed"
	echo "skip json_hostile: python3 is not installed"
	exit 0
fi

for f in $fixtures; do
	"$EXDUMP" -c -n -F csv "fixtures/exacct/$f.exacct" >"$tmp/$f.csv"
	if python3 - "$tmp/$f.csv" "$tmp/$f.want" <<'EOF'
import csv, sys
with open(sys.argv[1], newline='', encoding='ascii') as fh:
    raw = fh.read()
# RFC 4180: every record ends with CRLF, and no bare LF.
assert raw == '' or raw.endswith('\r\n'), 'no CRLF at the end'
assert '\n' not in raw.replace('\r\n', ''), 'bare LF'
rows = list(csv.reader(raw.splitlines(True)))
want = [['' if x == '-' else x for x in line.split(' ')]
        for line in open(sys.argv[2], encoding='ascii').read().splitlines()]
# CSV is at full precision, text rounded half up: the CSV value rounded
# to the text's decimals is the text.
from decimal import Decimal, ROUND_HALF_UP
def same(c, t):
    if c == t:
        return True
    if '.' not in t:
        # A whole number in text (a flow's time), exact in CSV.
        return '.' in c and Decimal(c) == Decimal(t)
    q = Decimal(1).scaleb(-len(t.split('.')[1]))
    return Decimal(c).quantize(q, rounding=ROUND_HALF_UP) == Decimal(t)
assert len(rows) == len(want)
for r, w in zip(rows, want):
    assert len(r) == len(w) and all(same(c, t) for c, t in zip(r, w)), (r, w)
EOF
	then
		ok "csv_$f"
	else
		notok "csv_$f" "CSV does not read back as the text rows"
	fi

	"$EXDUMP" -c -F json "fixtures/exacct/$f.exacct" >"$tmp/$f.json"
	# Without a header the plain dump refuses the file: use -v's dump,
	# whose wait-status shows the exit code, not the raw word.
	dumped=fixtures/expected/$f.out
	[ "$(cat "fixtures/expected/$f.rc")" = 0 ] ||
	    dumped=fixtures/expected/$f.v.out
	if python3 - "$tmp/$f.json" "$dumped" <<'EOF'
import json, re, sys
KEYS = {
 'proc': 'pid uid gid taskid projid hostname command start_sec start_nsec '
   'finish_sec finish_nsec cpu_user_sec cpu_user_nsec cpu_sys_sec '
   'cpu_sys_nsec tty_major tty_minor faults_major faults_minor msgs_recv '
   'msgs_snd blocks_in blocks_out chars_rdwr ctxt_vol ctxt_inv signals '
   'swaps syscalls acctflags ppid wait_status zone memory_rss_avg_k '
   'memory_rss_max_k',
 'task': 'taskid projid hostname start_sec start_nsec finish_sec '
   'finish_nsec cpu_user_sec cpu_user_nsec cpu_sys_sec cpu_sys_nsec '
   'faults_major faults_minor msgs_recv msgs_snd blocks_in blocks_out '
   'chars_rdwr ctxt_vol ctxt_inv signals swaps syscalls anctaskid zone',
 'flow': 'src_addr_v4 dest_addr_v4 src_addr_v6 dest_addr_v6 src_port '
   'dest_port protocol diffserv_field total_bytes total_packets '
   'creation_time last_seen projid uid action_name'}
GROUPS = {'group-proc': ('proc', 'final'),
          'group-proc-partial': ('proc', 'partial'),
          'group-task': ('task', 'final'),
          'group-task-partial': ('task', 'partial'),
          'group-task-interval': ('task', 'interval'),
          'group-flow': ('flow', None)}
def unesc(s):
    return re.sub(r'\\(\\|"|[0-7]{3})',
        lambda m: m.group(1) if len(m.group(1)) == 1
        else chr(int(m.group(1), 8)), s)
want, cur = [], None
for line in open(sys.argv[2], encoding='ascii'):
    f = line.rstrip('\n').split('\t')
    if len(f) < 3:
        continue
    ind = len(f[1]) - len(f[1].lstrip(' '))
    name = f[1].strip()
    if ind == 0:
        cur = None
        if name in GROUPS:
            t, k = GROUPS[name]
            cur = {'type': t}
            if k:
                cur['kind'] = k
            want.append(cur)
        continue
    if cur is None or ind != 1:
        continue
    key = name.replace('-', '_')
    if key not in KEYS[cur['type']].split():
        continue
    val = f[2]
    if key == 'wait_status' and sys.argv[2].endswith('.v.out'):
        continue
    if val.startswith('"'):
        cur[key] = unesc(val[1:-1])
    elif key.endswith(('addr_v4', 'addr_v6')):
        cur[key] = val.strip()
    else:
        n = int(val.split()[0])
        cur[key] = n + 2**32 if n < 0 else n
# The catalog's items as the report's fields (the manual's FIELDS):
# times as ns, the K columns in thousands and the MB ones in 1024 KB.
from decimal import Decimal
RENAME = {'pid': 'procid', 'hostname': 'host', 'faults_major': 'majf',
  'faults_minor': 'minf', 'msgs_recv': 'msgrcv', 'msgs_snd': 'msgsnd',
  'blocks_in': 'inblk', 'blocks_out': 'oublk', 'acctflags': 'flags',
  'wait_status': 'wstat'}
DIV = {'chars_rdwr': ('rwKB', 1000), 'ctxt_vol': ('vcxK', 1000),
  'ctxt_inv': ('icxK', 1000), 'signals': ('sigK', 1000),
  'syscalls': ('sycK', 1000), 'memory_rss_avg_k': ('arMB', 1024),
  'memory_rss_max_k': ('mrMB', 1024)}
FLOW = {'src_port': 'sport', 'dest_port': 'dport', 'protocol': 'protocol',
  'diffserv_field': 'dsfield', 'total_bytes': 'nbytes',
  'total_packets': 'npkts', 'projid': 'proj', 'uid': 'uid',
  'action_name': 'aname', 'src_addr_v4': 'srcip', 'src_addr_v6': 'srcip',
  'dest_addr_v4': 'dstip', 'dest_addr_v6': 'dstip'}
def fields(w):
    if w['type'] == 'flow':
        o = {'type': 'flow'}
        for k, v in w.items():
            if k in FLOW:
                o[FLOW[k]] = v
        if 'creation_time' in w:
            o['timestamp_ns'] = w['creation_time'] * 10**9
        if 'last_seen' in w:
            o['lseen_ns'] = w['last_seen'] * 10**9
        return o
    o = {}
    def ns(pre):
        if pre + '_sec' in w or pre + '_nsec' in w:
            return w.get(pre + '_sec', 0) * 10**9 + w.get(pre + '_nsec', 0)
        return None
    for k, v in w.items():
        if k.endswith(('_sec', '_nsec')) or k.startswith('tty_'):
            continue
        if k in DIV:
            o[DIV[k][0]] = Decimal(v) / DIV[k][1]
        else:
            o[RENAME.get(k, k)] = v
    for pre, name in (('cpu_user', 'usr'), ('cpu_sys', 'sys')):
        if ns(pre) is not None:
            o[name + '_ns'] = ns(pre)
    if 'start_sec' in w:
        o['started_ns'] = ns('start')
        if w['type'] == 'proc':
            o['pstart_ns'] = ns('start')
    if 'finish_sec' in w:
        o['finished_ns'] = ns('finish')
    if 'start_sec' in w and 'finish_sec' in w:
        o['time_ns'] = o['finished_ns'] - o['started_ns']
    if 'tty_major' in w and 'tty_minor' in w:
        o['tty'] = '%d:%d' % (w['tty_major'], w['tty_minor'])
    return o
want = [fields(w) for w in want]
got = []
with open(sys.argv[1], 'rb') as fh:
    for line in fh:
        assert line.endswith(b'\n')
        got.append(json.loads(line.decode('utf-8'), parse_float=Decimal))
        if sys.argv[2].endswith('.v.out'):
            got[-1].pop('wstat', None)
assert len(want) > 0 or 'net' in sys.argv[2]
assert got == want, (len(got), len(want),
    [(a, b) for a, b in zip(got, want) if a != b][:1])
EOF
	then
		ok "json_$f"
	else
		notok "json_$f" "JSON differs from the dump"
	fi
done

"$EXDUMP" -c -F csv "$tmp/hostile.exacct" >"$tmp/hc.csv"
if python3 - "$tmp/hc.csv" "$tmp/cmds" <<'EOF'
import csv, re, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='ascii')))
assert rows[0][0] == 'procid' and len(rows) == 13, len(rows)
def printf(fmt):
    if fmt == '%':
        return b''
    return re.sub(rb'\\([0-7]{1,3})',
        lambda m: bytes([int(m.group(1), 8)]), fmt.encode())
def unesc(s):
    return re.sub(rb'\\(\\|[0-7]{3})', lambda m: m.group(1)
        if len(m.group(1)) == 1 else bytes([int(m.group(1), 8)]),
        s.encode('ascii'))
want = {}
for line in open(sys.argv[2]):
    pid, fmt, _ = line.split(' ')
    want[pid] = printf(fmt)
for r in rows[1:]:
    assert len(r) == 16, r
    assert unesc(r[15]) == want[r[0]], (r, want[r[0]])
EOF
then
	ok csv_hostile
else
	notok csv_hostile "CSV commands do not read back"
fi

"$EXDUMP" -c -F json "$tmp/hostile.exacct" >"$tmp/hc.json"
if python3 - "$tmp/hc.json" <<'EOF'
import json, sys
cmds = {}
for line in open(sys.argv[1], 'rb'):
    o = json.loads(line.decode('utf-8'))	# strict UTF-8, strict JSON
    cmds[o['procid']] = o['command']
assert cmds[1] == 'a b' and cmds[3] == 'new\nline', cmds
assert cmds[4] == 'q"uote' and cmds[5] == 'back\\\\s', cmds
assert cmds[6] == '\u0080\u00ff', cmds[6]	# not UTF-8: byte values
assert cmds[9] == '\u00e9t\u00e9', cmds[9]	# UTF-8 kept
assert cmds[10] == '\x1b[31m' and cmds[11] == '' and cmds[7] == '-', cmds
EOF
then
	ok json_hostile
else
	notok json_hostile "JSON commands do not parse back"
fi
