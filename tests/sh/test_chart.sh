#!/bin/sh
# test_chart.sh: the chart, -i -S -F svg, on files made by exdump's own
# writer (OBJDIR/test_chart -w DIR, see tests/unit/test_chart.c): two
# hosts with more commands than the chart draws apart, so that "other"
# shows, and a host with a hostile name.  The SVG must be well-formed XML
# (xmllint), hold no script nor external reference, render to a PNG that
# is not blank in rsvg-convert and in headless Chromium, and its bars
# must add up, per host and interval, to the -S figures: the segments to
# usr + sys in ns exactly, the host line to hostcpu.
# Run from the project root with EXDUMP and OBJDIR set (tests/run.sh).
LC_ALL=C TZ=UTC
export LC_ALL TZ
EXDUMP=${EXDUMP:-./exdump}
case $EXDUMP in
/*) ;;
*) EXDUMP=$(pwd)/$EXDUMP ;;
esac
OBJDIR=${OBJDIR:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "ok $1"; }
notok() { echo "not ok $1: $2"; }
skip() { echo "skip $1: $2"; }

# reason NAME WANT ARGS...: a usage error, exit 2, WANT first on stderr.
reason() {
	name=$1 want=$2
	shift 2
	"$EXDUMP" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] &&
	    [ "$(sed -n 1p "$tmp/err")" = "$want" ] &&
	    sed -n 2p "$tmp/err" | grep -q '^usage: exdump '; then
		ok "chart_$name"
	else
		notok "chart_$name" "exit $rc, said: $(sed -n 1p "$tmp/err")"
	fi
}
f=$(pwd)/fixtures/exacct/proc.exacct
reason svg_needs_S 'exdump: -F svg draws the summary: it needs -i -S' \
    -i -F svg "$f"
reason svg_needs_i 'exdump: -F svg draws the summary: it needs -i -S' \
    -c -F svg "$f"
reason svg_no_g "exdump: -F svg draws each host's commands: -g, -f and -t \
cannot be used with it" -i -S -g user -F svg "$f"
reason svg_no_t "exdump: -F svg draws each host's commands: -g, -f and -t \
cannot be used with it" -i -S -t proc -F svg "$f"

# No sweep, no interval: still an SVG, which says so.
"$EXDUMP" -i -S -F svg "$f" >"$tmp/empty.svg" 2>"$tmp/empty.err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^<svg ' "$tmp/empty.svg" &&
    grep -q 'No interval ended' "$tmp/empty.svg" &&
    tail -n 1 "$tmp/empty.svg" | grep -q '^</svg>$'; then
	ok chart_no_interval
else
	notok chart_no_interval "exit $rc, or no SVG that says so"
fi

# No sweep record, so no host CPU: no host CPU in the legend, and the
# capture plot says why it is empty.
"$EXDUMP" -i -S -F svg fixtures/exacct/proc_partial.exacct >"$tmp/np.svg" \
    2>/dev/null
rc=$?
if [ "$rc" -eq 0 ] && grep -q 'class="seg"' "$tmp/np.svg" &&
    ! grep -q 'host CPU<' "$tmp/np.svg" &&
    ! grep -q 'class="hostcpu"' "$tmp/np.svg" &&
    grep -q '>no host CPU: no sweep records<' "$tmp/np.svg"; then
	ok chart_no_hcpu
else
	notok chart_no_hcpu "exit $rc, or host CPU drawn, or no note"
fi

if [ ! -x "$OBJDIR/test_chart" ]; then
	for t in files status xml safe adds_up filtered escaped axis_labels \
	    short_ticks other_bucket hidden merged write_error many_hosts \
	    rsvg chromium; do
		skip "chart_$t" "$OBJDIR/test_chart is not built (make check" \
		    "builds it)"
	done
	exit 0
fi
if "$OBJDIR/test_chart" -w "$tmp" && [ -s "$tmp/alpha.exacct" ]; then
	ok chart_files
else
	notok chart_files "test_chart -w could not write the files"
	exit 0
fi
files="$tmp/alpha.exacct $tmp/beta.exacct $tmp/hostile.exacct"

# shellcheck disable=SC2086
"$EXDUMP" -i -S -F svg $files >"$tmp/c.svg" 2>"$tmp/c.err"
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/c.err" ] && [ -s "$tmp/c.svg" ]; then
	ok chart_status
else
	notok chart_status "exit $rc: $(head -n 3 "$tmp/c.err")"
fi

if command -v xmllint >/dev/null 2>&1; then
	if xmllint --noout "$tmp/c.svg" 2>"$tmp/x.err"; then
		ok chart_xml
	else
		notok chart_xml "$(head -n 3 "$tmp/x.err")"
	fi
else
	skip chart_xml "xmllint is not installed"
fi

if ! command -v python3 >/dev/null 2>&1; then
	for t in safe adds_up filtered escaped axis_labels short_ticks \
	    other_bucket hidden merged rsvg chromium; do
		skip "chart_$t" "python3 is not installed"
	done
	exit 0
fi

# Self-contained: no script, no foreign object, no reference out of the
# file, no event attribute; valid UTF-8 with no control character.
if python3 - "$tmp/c.svg" <<'EOF'
import sys, xml.etree.ElementTree as ET
raw = open(sys.argv[1], 'rb').read()
text = raw.decode('utf-8')			# strict
assert not any(ord(c) < 32 and c not in '\n' for c in text), 'control'
NS = '{http://www.w3.org/2000/svg}'
ok = {'svg', 'g', 'rect', 'line', 'text', 'tspan', 'title'}
root = ET.fromstring(raw)
for el in root.iter():
    assert el.tag.startswith(NS), el.tag
    assert el.tag[len(NS):] in ok, el.tag
    for a, v in el.attrib.items():
        assert 'href' not in a and not a.startswith('on'), a
        assert 'url(' not in v and '//' not in v, (a, v)
low = text.lower()
for bad in ('<script', 'foreignobject', 'href', '<style', '<image'):
    assert bad not in low, bad
assert low.count('http://') == 1		# the namespace's name
EOF
then
	ok chart_safe
else
	notok chart_safe "the SVG holds what a self-contained chart must not"
fi

# check SVG JSON OTHER: per host and bar, the bar segments add up to the
# usr + sys (ns, exactly) of the -S rows of the intervals it holds
# (data-nivl of them: one, or more when the host has more intervals than
# the plot has px), the bar's data-used-ns too, the host line is their
# hostcpu, and each segment's height is its CPUs.  The JSON keys are
# found by their names' parts, not spelled out.  The bucket of the rest
# is data-other="1" (no data-cmd), named "(other)" here.
cat >"$tmp/check.py" <<'EOF'
import json, re, sys, xml.etree.ElementTree as ET
svg, js = sys.argv[1], sys.argv[2]
want_other = sys.argv[3].split(',') if sys.argv[3] != '-' else []
NS = '{http://www.w3.org/2000/svg}'
rows = []
for line in open(js, encoding='utf-8'):
    o = json.loads(line)
    if o.get('type', 'summary') == 'summary':
        rows.append(o)
assert rows, 'no -S row'
def key(o, pat, avoid='^$'):
    ks = [k for k in o if re.search(pat, k) and not re.search(avoid, k)]
    assert len(ks) == 1, (pat, ks, list(o))
    return ks[0]
r0 = rows[0]
kh = key(r0, 'host', 'cpu')
ks = key(r0, 'start')
ke = key(r0, 'end')
ku = key(r0, '(usr|user).*ns$', 'host|wait')
ky = key(r0, 'sys.*ns$', 'host|wait|call')
hc = [k for k in r0 if 'host' in k and 'cpu' in k]
want = {}
for o in rows:
    used = o.get(ku, 0) + o.get(ky, 0)
    hcpu = o.get(hc[0]) if hc else None
    want[(o[kh], o[ks], o[ke])] = (used, hcpu)
root = ET.parse(svg).getroot()
got, segs, lines, cmds = {}, {}, {}, {}
for g in root.iter(NS + 'g'):
    c = g.get('class')
    if c == 'cpu':
        y0, ppc = float(g.get('data-y0')), float(g.get('data-px-per-cpu'))
        for r in g.iter(NS + 'rect'):
            if r.get('class') != 'seg':
                continue
            k = (r.get('data-host'), int(r.get('data-start')),
                 int(r.get('data-end')))
            ns = int(r.get('data-cpu-ns'))
            assert ns > 0, k
            segs[k] = segs.get(k, 0) + ns
            cmd = r.get('data-cmd')
            if r.get('data-other') == '1':
                assert cmd is None, k
                cmd = '(other)'
            elif r.get('data-nocmd') == '1':
                assert cmd is None, k
                cmd = '(no command)'
            assert cmd is not None, k
            cmds.setdefault(k[0], set()).add(cmd)
            cpus = ns / (k[2] - k[1])
            assert abs(float(r.get('height')) - cpus * ppc) < 0.02, k
            assert r.find(NS + 'title') is not None
        for l in g.iter(NS + 'line'):
            if l.get('class') == 'hostcpu':
                k = (l.get('data-host'), int(l.get('data-start')),
                     int(l.get('data-end')))
                lines[k] = int(l.get('data-hcpu-ns'))
                cpus = lines[k] / (k[2] - k[1])
                assert abs(float(l.get('y1')) - (y0 - cpus * ppc)) < 0.02
    if c == 'ivl':
        k = (g.get('data-host'), int(g.get('data-start')),
             int(g.get('data-end')))
        assert k not in got, ('twice', k)
        got[k] = (int(g.get('data-used-ns')), g.get('data-hcpu-ns'),
                  int(g.get('data-nivl')))
# Every interval of -S is drawn once, in one bar, and no other: hosts of
# plain names by name, the others (escaped differently) by their count.
plain = lambda h: h.isalnum()
assert sum(v[2] for v in got.values()) == len(want), (len(got), len(want))
byhost = {}
for k in want:
    byhost.setdefault(k[0], []).append(k)
n = 0
for k, (used_ns, hcpu_ns, nivl) in got.items():
    if not plain(k[0]):
        continue
    n += 1
    mine = [w for w in byhost.get(k[0], []) if w[1] >= k[1] and w[2] <= k[2]]
    assert len(mine) == nivl, (k, len(mine), nivl)
    used = sum(want[w][0] for w in mine)
    hs = [want[w][1] for w in mine]
    assert used_ns == used, (k, used_ns, used)
    assert segs.get(k, 0) == used, (k, segs.get(k, 0), used)
    if None not in hs:
        assert int(hcpu_ns) == sum(hs) and lines[k] == sum(hs), k
    else:
        assert hcpu_ns is None and k not in lines, k
assert n >= 1 or not any(plain(k[0]) for k in want), 'no plain host'
for k in got:
    assert segs.get(k, 0) == got[k][0], k
for h in want_other:
    # More commands than drawn apart: eight, and the rest.
    c = cmds[h]
    assert '(other)' in c and len(c) == 9, (h, sorted(c))
EOF
# shellcheck disable=SC2086
"$EXDUMP" -i -S -F json $files >"$tmp/s.json" 2>/dev/null
if python3 "$tmp/check.py" "$tmp/c.svg" "$tmp/s.json" alpha,beta 2>"$tmp/p.err"
then
	ok chart_adds_up
else
	notok chart_adds_up "$(tail -n 1 "$tmp/p.err")"
fi

# A filter: the bars are the filtered -S.
# shellcheck disable=SC2086
"$EXDUMP" -i -S -F svg -C java $files >"$tmp/j.svg" 2>/dev/null &&
    "$EXDUMP" -i -S -F json -C java $files >"$tmp/j.json" 2>/dev/null
if python3 "$tmp/check.py" "$tmp/j.svg" "$tmp/j.json" - 2>"$tmp/p.err" &&
    ! grep -q 'data-cmd="postgres"' "$tmp/j.svg" &&
    grep -q 'data-cmd="java"' "$tmp/j.svg"; then
	ok chart_filtered
else
	notok chart_filtered "$(tail -n 1 "$tmp/p.err")"
fi

# Names from the files: escaped, control characters and invalid UTF-8
# replaced, markup never raw.
if python3 - "$tmp/c.svg" <<'EOF'
import sys, xml.etree.ElementTree as ET
raw = open(sys.argv[1], 'rb').read()
assert b'<script' not in raw and b'&lt;script&gt;' in raw
assert b'a&amp;b' in raw and b'q&quot;&apos;x' in raw
assert b'\x1b' not in raw and b'\x01' not in raw and b'\x07' not in raw
assert b'\xe2\x80\xae' not in raw		# the direction override
NS = '{http://www.w3.org/2000/svg}'
root = ET.fromstring(raw)
cmds = {r.get('data-cmd') for r in root.iter(NS + 'rect')
        if r.get('class') == 'seg'}
for c in ('<script>', 'a&b', 'q"\'x', '\ufffd[31mred', '\ufffd\ufffdbad',
          '\u00e9t\u00e9', 'ab\ufffdcd', '\ufffdevil'):
    assert c in cmds, (c, sorted(cmds))
hosts = {g.get('data-host') for g in root.iter(NS + 'g')
         if g.get('class') == 'panel'}
assert hosts == {'alpha', 'beta', 'x<y>&"\'\ufffd\ufffd('}, hosts
EOF
then
	ok chart_escaped
else
	notok chart_escaped "a name is not escaped as it should be"
fi

# The value axes: labels evenly spaced, each printed with the decimals of
# its step (1.25, not 1.2), on a host of 1.15 CPUs used and a capture of
# 1.1: steps of 0.25 (CPUs) and 0.5 (capture).
"$EXDUMP" -i -S -F svg "$tmp/over.exacct" >"$tmp/o.svg" 2>/dev/null
if python3 - "$tmp/o.svg" <<'EOF' 2>"$tmp/p.err"
import sys, xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
seen = {}
for g in root.iter(NS + 'g'):
    if g.get('class') not in ('cpu', 'capture-plot'):
        continue
    labs = [t.text for t in g.findall(NS + 'text')
            if t.get('text-anchor') == 'end']
    assert len(labs) >= 3, labs
    vals = [float(v) for v in labs]
    step = vals[1] - vals[0]
    dec = len(labs[1].split('.')[1]) if '.' in labs[1] else 0
    for i, (l, v) in enumerate(zip(labs, vals)):
        assert abs(v - i * step) < 1e-9, (g.get('class'), labs)
        assert l == '%.*f' % (dec, i * step), (g.get('class'), labs)
    seen[g.get('class')] = labs
assert '1.25' in seen['cpu'] and '0.75' in seen['cpu'], seen
assert seen['capture-plot'][-1] in ('1.5', '1.50'), seen
EOF
then
	ok chart_axis_labels
else
	notok chart_axis_labels "$(tail -n 1 "$tmp/p.err")"
fi

# A run of 40 s: time labels on the x axis, HH:MM:SS.
"$EXDUMP" -i -S -F svg "$tmp/short.exacct" >"$tmp/sh.svg" 2>/dev/null
if python3 - "$tmp/sh.svg" <<'EOF' 2>"$tmp/p.err"
import re, sys, xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
for g in root.iter(NS + 'g'):
    if g.get('class') != 'cpu':
        continue
    ticks = [t.text for t in g.findall(NS + 'text') if t.get('class') == 'tick']
    assert len(ticks) >= 3, ticks
    assert all(re.match(r'^08:00:[0-5][0-9]$', t) for t in ticks), ticks
    assert len(set(ticks)) == len(ticks), ticks
EOF
then
	ok chart_short_ticks
else
	notok chart_short_ticks "$(tail -n 1 "$tmp/p.err")"
fi

# A command named "other" (and one "(other)") is not the bucket of the
# rest: that one is data-other="1", in the legend once, in italics.
"$EXDUMP" -i -S -F svg "$tmp/names.exacct" >"$tmp/n.svg" 2>/dev/null
"$EXDUMP" -i -S -F json "$tmp/names.exacct" >"$tmp/n.json" 2>/dev/null
if python3 - "$tmp/n.svg" <<'EOF' 2>"$tmp/p.err" &&
import sys, xml.etree.ElementTree as ET
NS = '{http://www.w3.org/2000/svg}'
root = ET.parse(sys.argv[1]).getroot()
segs = [r for r in root.iter(NS + 'rect') if r.get('class') == 'seg']
cmd = [r for r in segs if r.get('data-cmd') == 'other']
oth = [r for r in segs if r.get('data-other') == '1']
assert cmd and oth, (len(cmd), len(oth))
assert not [r for r in oth if r.get('data-cmd') is not None]
assert cmd[0].get('fill') != oth[0].get('fill')
leg = [t for t in root.iter(NS + 'text') if t.get('class') == 'legend']
names = [t.text.strip() for t in leg]
assert names.count('other') == 1 and names.count('(other)') == 2, names
lo = [t for t in leg if t.get('data-other') == '1']
assert len(lo) == 1 and lo[0].get('font-style') == 'italic', names
assert [t for t in leg if t.get('data-cmd') == 'other'][0].get(
    'font-style') is None
EOF
    python3 "$tmp/check.py" "$tmp/n.svg" "$tmp/n.json" - 2>"$tmp/p.err"
then
	ok chart_other_bucket
else
	notok chart_other_bucket "$(tail -n 1 "$tmp/p.err")"
fi

# Invisible characters in host and command names (zero widths, word
# joiner, invisible operators, BOM, soft hyphen, a tag, an isolate): each
# U+FFFD, as JSON has them.
if python3 - "$tmp/n.svg" <<'EOF' 2>"$tmp/p.err"
import sys, xml.etree.ElementTree as ET
raw = open(sys.argv[1], 'rb').read()
text = raw.decode('utf-8')
for c in '\u200b\u200c\u200d\u2060\u2064\u2066\ufeff\u00ad\U000e0041':
    assert c not in text, hex(ord(c))
NS = '{http://www.w3.org/2000/svg}'
root = ET.fromstring(raw)
hosts = {g.get('data-host') for g in root.iter(NS + 'g')
         if g.get('class') == 'panel'}
assert hosts == {'in\ufffdvis\ufffdible\ufffd'}, hosts
cmds = {r.get('data-cmd') for r in root.iter(NS + 'rect')
        if r.get('class') == 'seg'}
for c in ('zw\ufffdj', 'soft\ufffdhy', 'bom\ufffd', 'tag\ufffd',
          'bidi\ufffdx', 'wj\ufffd'):
    assert c in cmds, (c, sorted(x for x in cmds if x))
EOF
then
	ok chart_hidden
else
	notok chart_hidden "$(tail -n 1 "$tmp/p.err")"
fi

# Many intervals (3000 sweeps): at most a bar per px of the plot, each of
# a whole number of intervals said in the subtitle, adding up to their -S
# rows; the SVG stays small.
if "$OBJDIR/test_chart" -l "$tmp" 3000; then
	"$EXDUMP" -i -S -F svg "$tmp/long.exacct" >"$tmp/l.svg" 2>"$tmp/l.err"
	rc=$?
	"$EXDUMP" -i -S -F json "$tmp/long.exacct" >"$tmp/l.json" 2>/dev/null
	size=$(wc -c <"$tmp/l.svg")
	nbar=$(grep -c '<g class="ivl"' "$tmp/l.svg")
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/l.err" ] && [ "$nbar" -le 820 ] &&
	    [ "$nbar" -ge 700 ] && [ "$size" -lt 3000000 ] &&
	    grep -q '2999 intervals (4 to a bar)' "$tmp/l.svg" &&
	    python3 "$tmp/check.py" "$tmp/l.svg" "$tmp/l.json" - \
	    2>"$tmp/p.err"; then
		ok chart_merged
	else
		notok chart_merged "exit $rc, $nbar bars, $size bytes: $(tail -n 1 "$tmp/p.err")"
	fi
else
	notok chart_merged "test_chart -l could not write the file"
fi

# A write error on standard output is said, and the exit is not 0.
if [ -w /dev/full ]; then
	# shellcheck disable=SC2086
	"$EXDUMP" -i -S -F svg $files >/dev/full 2>"$tmp/full.err"
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q 'write error' "$tmp/full.err"; then
		ok chart_write_error
	else
		notok chart_write_error "exit $rc: $(head -n 1 "$tmp/full.err")"
	fi
else
	skip chart_write_error "/dev/full is not there"
fi

# More hosts than the chart draws: the rest are counted on stderr.
mkdir "$tmp/many"
if "$OBJDIR/test_chart" -m "$tmp/many" 66; then
	"$EXDUMP" -i -S -F svg "$tmp"/many/h*.exacct >"$tmp/m.svg" 2>"$tmp/m.err"
	rc=$?
	n=$(grep -c '<g class="panel"' "$tmp/m.svg")
	if [ "$rc" -eq 0 ] && [ "$n" -eq 64 ] && grep -q '^exdump: 4 intervals of hosts past the 64 the chart draws: left out of it$' \
	    "$tmp/m.err"; then
		ok chart_many_hosts
	else
		notok chart_many_hosts "exit $rc, $n panels: $(head -n 1 "$tmp/m.err")"
	fi
else
	notok chart_many_hosts "test_chart -m could not write the files"
fi

# A PNG that is not blank: decoded here (8-bit RGB or RGBA), the share of
# pixels that are not white, and the palette's blue and orange found.
cat >"$tmp/png.py" <<'EOF'
import struct, sys, zlib
b = open(sys.argv[1], 'rb').read()
assert b[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
p, idat = 8, b''
while p < len(b):
    n, t = struct.unpack('>I4s', b[p:p + 8])
    d = b[p + 8:p + 8 + n]
    if t == b'IHDR':
        w, h, depth, ct, _, _, il = struct.unpack('>IIBBBBB', d)
    elif t == b'IDAT':
        idat += d
    p += 12 + n
assert depth == 8 and ct in (2, 6) and il == 0, (depth, ct, il)
bpp = 3 if ct == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
rows, o = [], 0
for y in range(h):
    f = raw[o]
    cur = bytearray(raw[o + 1:o + 1 + stride])
    o += 1 + stride
    for i in range(stride):
        a = cur[i - bpp] if i >= bpp else 0
        up = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            cur[i] = (cur[i] + a) & 255
        elif f == 2:
            cur[i] = (cur[i] + up) & 255
        elif f == 3:
            cur[i] = (cur[i] + (a + up) // 2) & 255
        elif f == 4:
            q = a + up - c
            pa, pb, pc = abs(q - a), abs(q - up), abs(q - c)
            pr = a if pa <= pb and pa <= pc else up if pb <= pc else c
            cur[i] = (cur[i] + pr) & 255
    rows.append(cur)
    prev = cur
ink, seen = 0, set()
for r in rows:
    for x in range(0, stride, bpp):
        px = tuple(r[x:x + 3])
        if bpp == 4 and r[x + 3] == 0:
            continue
        if px != (255, 255, 255):
            ink += 1
        seen.add(px)
share = ink / (w * h)
assert share > 0.05, 'blank: %.4f of the pixels drawn' % share
for want in ((0x4e, 0x79, 0xa7), (0xf2, 0x8e, 0x2b)):
    assert want in seen, ('colour not drawn', want)
print('%dx%d, %.1f%% drawn' % (w, h, 100 * share))
EOF
if command -v rsvg-convert >/dev/null 2>&1; then
	if rsvg-convert -o "$tmp/r.png" "$tmp/c.svg" 2>"$tmp/r.err" &&
	    python3 "$tmp/png.py" "$tmp/r.png" >"$tmp/r.out" 2>"$tmp/p.err"
	then
		ok chart_rsvg
	else
		notok chart_rsvg "$(tail -n 1 "$tmp/r.err" "$tmp/p.err")"
	fi
else
	skip chart_rsvg "rsvg-convert is not installed"
fi

chrome=""
for c in chromium chromium-browser; do
	if command -v "$c" >/dev/null 2>&1; then
		chrome=$c
		break
	fi
done
if [ -n "$chrome" ]; then
	# As root Chromium runs only without its sandbox.
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$tmp/chrome" --screenshot="$tmp/ch.png" \
	    --window-size=1200,900 "file://$tmp/c.svg" >"$tmp/ch.err" 2>&1
	rc=$?
	if [ -s "$tmp/ch.png" ] &&
	    python3 "$tmp/png.py" "$tmp/ch.png" >"$tmp/ch.out" 2>"$tmp/p.err"
	then
		ok chart_chromium
	else
		notok chart_chromium "exit $rc: $(tail -n 1 "$tmp/p.err")"
	fi
else
	skip chart_chromium "chromium is not installed"
fi
