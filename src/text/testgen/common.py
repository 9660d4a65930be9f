def rs(s):
    """Rust string literal."""
    out = '"'
    for ch in s:
        o = ord(ch)
        if ch == '"': out += '\\"'
        elif ch == '\\': out += '\\\\'
        elif ch == '\n': out += '\\n'
        elif ch == '\t': out += '\\t'
        elif ch == '\r': out += '\\r'
        elif o < 32 or o == 127 or (o > 127 and not ch.isprintable()): out += '\\u{%x}' % o
        elif 0xd800 <= o < 0xe000: raise ValueError
        else: out += ch
    return out + '"'

def res(f):
    """Rust TextResult<String> expectation as (kind, text)."""
    try:
        r = f()
        return ('Ok', r)
    except Exception as e:
        return (type(e).__name__, str(e))

def rres(r):
    k, v = r
    if k == 'Ok':
        return 'Ok(%s.to_string())' % rs(v)
    m = {'ValueError': 'ValueError', 'TypeError': 'TypeError', 'OverflowError': 'OverflowError', 'MemoryError': 'MemoryError'}[k]
    return 'Err(TextError::%s(%s.to_string()))' % (m, rs(v))

def rf(x):
    if x != x: return 'f64::NAN'
    if x == float('inf'): return 'f64::INFINITY'
    if x == -float('inf'): return 'f64::NEG_INFINITY'
    return repr(x) + '_f64'

def rk(r):
    return '(%s, %s)' % (rs(r[0]), rs(r[1]))

CHECK_FN = '''
/// Compares a result with a CPython expectation `(exception kind or "Ok", text)`.
fn ck(got: TextResult<String>, want: (&str, &str), what: &str) {
    let got = match got {
        Ok(s) => ("Ok".to_string(), s),
        Err(e) => (e.kind().to_string(), e.message().to_string()),
    };
    assert_eq!((got.0.as_str(), got.1.as_str()), want, "{what}");
}
'''
