import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
from common import *
def opt(x): return 'None' if x is None else 'Some(%d)' % x
def vec(v): return 'vec![%s] as Vec<&str>' % ', '.join(rs(x) for x in v)
hay = ['', 'abc', 'hello world hello', 'aaaa', 'héllo wörld ö', '日本語日本']
subs = ['', 'a', 'lo', 'hello', 'ö', '日本', 'aa']
ranges_ = [(None, None), (1, None), (-3, None), (2, 1), (0, 100), (5, None), (None, -2), (-100, 3), (3, 3), (100, None)]
out = ['//! str method tests; expected values generated from CPython 3.11.7 (`testgen/gen_strings.py`).', 'use super::*;', CHECK_FN]
out.append('''/// Checks find, rfind, count, startswith, endswith at once.
fn s5(h: &str, sub: &str, st: Option<i64>, en: Option<i64>, want: (i64, i64, i64, bool, bool)) {
    let got = (find(h, sub, st, en), rfind(h, sub, st, en), count(h, sub, st, en), startswith(h, sub, st, en), endswith(h, sub, st, en));
    assert_eq!(got, want, "{h:?} {sub:?} {st:?} {en:?}");
}
''')
out.append('#[test]\nfn searching() {')
for h in hay:
    for sub in subs:
        for st, en in ranges_:
            args = (st, en)
            a = [x for x in args]
            py_args = [0 if st is None else st] + ([] if en is None else [en])
            if st is None and en is None: py_args = []
            f = h.find(sub, *py_args); rf_ = h.rfind(sub, *py_args); c = h.count(sub, *py_args)
            sw = h.startswith(sub, *py_args); ew = h.endswith(sub, *py_args)
            out.append('    s5(%s, %s, %s, %s, (%d, %d, %d, %s, %s));' % (
                rs(h), rs(sub), opt(st), opt(en), f, rf_, c, str(sw).lower(), str(ew).lower()))
out.append('    ck(index("abc", "d", None, None).map(|i| i.to_string()), ("ValueError", "substring not found"), "index");')
out.append('    assert_eq!(rindex("abcb", "b", None, None), Ok(3));')
out.append('}\n')
out.append('#[test]\nfn replacing() {')
for h in ['', 'abc', 'aaaa', 'hello world', 'héllo']:
    for old, new in [('', '-'), ('a', 'xy'), ('aa', 'b'), ('l', ''), ('é', 'e'), ('zz', 'q')]:
        for cnt in [-1, 0, 1, 2, 100]:
            out.append('    assert_eq!(replace(%s, %s, %s, %d).unwrap(), %s);' % (rs(h), rs(old), rs(new), cnt, rs(h.replace(old, new, cnt))))
out.append('}\n')
out.append('#[test]\nfn splitting() {')
for h in ['', '   ', 'a b  c', '  a b  c  ', 'a,b,,c,', ',', 'a\u3000b\x1cc\x85d', 'aaa', 'one  two three ']:
    for sep in [None, ',', ' ', 'aa', 'b']:
        for m in [-1, 0, 1, 2]:
            out.append('    assert_eq!(split(%s, %s, %d).unwrap(), %s);' % (rs(h), 'None' if sep is None else 'Some(%s)' % rs(sep), m, vec(h.split(sep, m))))
            out.append('    assert_eq!(rsplit(%s, %s, %d).unwrap(), %s);' % (rs(h), 'None' if sep is None else 'Some(%s)' % rs(sep), m, vec(h.rsplit(sep, m))))
out.append('    assert_eq!(split("a", Some(""), -1), Err(TextError::ValueError("empty separator".into())));')
for h in ['', 'a', 'a\nb', 'a\r\nb\rc\n', '\n\n', 'x\x0by\x0cz\x1c\x1d\x1e\x85\u2028\u2029end', 'a\r', '\r\n']:
    for k in [False, True]:
        out.append('    assert_eq!(splitlines(%s, %s), %s);' % (rs(h), str(k).lower(), vec(h.splitlines(k))))
out.append('}\n')
out.append('#[test]\nfn stripping_and_padding() {')
for h in ['', '  a b \t\n', 'xxhixx', '\u3000a\x1f', 'ab']:
    for ch in [None, 'x', 'xa ', '']:
        c = 'None' if ch is None else 'Some(%s)' % rs(ch)
        out.append('    assert_eq!((strip(%s, %s), lstrip(%s, %s), rstrip(%s, %s)), (%s, %s, %s));' % (rs(h), c, rs(h), c, rs(h), c, rs(h.strip(ch)), rs(h.lstrip(ch)), rs(h.rstrip(ch))))
for h in ['', 'abc', 'a,b,c', ',']:
    for sep in [',', 'b', 'zz']:
        p = h.partition(sep); r = h.rpartition(sep)
        out.append('    assert_eq!(partition(%s, %s).unwrap(), (%s, %s, %s));' % (rs(h), rs(sep), *map(rs, p)))
        out.append('    assert_eq!(rpartition(%s, %s).unwrap(), (%s, %s, %s));' % (rs(h), rs(sep), *map(rs, r)))
for h in ['', 'a', 'ab', 'abc', 'héllo', '-42', '+7', '42', '-']:
    for w in [-1, 0, 1, 4, 5, 6, 7]:
        out.append('    assert_eq!((center(%s, %d, \'*\').unwrap().as_str(), ljust(%s, %d, \'é\').unwrap().as_str(), rjust(%s, %d, \' \').unwrap().as_str(), zfill(%s, %d).unwrap().as_str()), (%s, %s, %s, %s));' % (
            rs(h), w, rs(h), w, rs(h), w, rs(h), w, rs(h.center(w, '*')), rs(h.ljust(w, 'é')), rs(h.rjust(w, ' ')), rs(h.zfill(w))))
for h in ['', 'a\tb', '\t', 'ab\tc\td\n\te', '12345678\tx', 'a\r\tb']:
    for ts in [-1, 0, 1, 4, 8]:
        out.append('    assert_eq!(expandtabs(%s, %d).unwrap(), %s);' % (rs(h), ts, rs(h.expandtabs(ts))))
out.append('    assert!(matches!(center("a", i64::MAX, \' \'), Err(TextError::MemoryError(_))));')
out.append('    assert!(replace("aaaa", "a", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", -1).is_ok());')
out.append('    assert!(matches!(expandtabs("\\t\\t", i64::MAX), Err(TextError::MemoryError(_))));')
out.append('}')
open('/work/main/src/text/strings/tests.rs', 'w').write('\n'.join(out) + '\n')
