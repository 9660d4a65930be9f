import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
from common import *
strs = ['', 'abc', "it's", 'say "hi"', 'both \' and "', 'tab\there\nnl\rcr', 'back\\slash', '\x00\x1f\x7f\x80\x9f\xa0\xad',
        'héllo wörld', '日本語', '\u200b\u2028\ufeff', '\U0001F600 emoji', '\U000e0001', '\udbff'[:0] + '\U0010ffff', 'ÿĀ', '\u0378']
out = ['//! repr tests; expected values generated from CPython 3.11.7 (`testgen/gen_repr.py`).', 'use super::*;', '',
       '#[test]\nfn str_and_ascii() {']
for s in strs:
    out.append('    assert_eq!(str_repr(%s), %s);' % (rs(s), rs(repr(s))))
    out.append('    assert_eq!(str_ascii(%s), %s);' % (rs(s), rs(ascii(s))))
out.append('}\n\n#[test]\nfn bytes() {')
bs = [b'', b'abc', b"it's", b'"', b'\'"', bytes(range(0, 256, 7)), b'\\\t\n\r', b'\x7f\x80\xff']
for b in bs:
    out.append('    assert_eq!(bytes_repr(&%s), %s);' % ('[' + ', '.join(str(x) for x in b) + ']' + ('' if b else '[..0]'), rs(repr(b))))
    out.append('    assert_eq!(bytearray_repr(&%s), %s);' % ('[' + ', '.join(str(x) for x in b) + ']' + ('' if b else '[..0]'), rs(repr(bytearray(b)))))
out.append('}\n\n#[test]\nfn complex() {')
inf = float('inf'); nan = float('nan')
cs = [(1,2), (0,2), (0.0,-0.0), (-0.0,-1), (-0.0, 0.0), (1.5,-2.5), (inf, nan), (0, inf), (0, -inf), (nan, 1), (1e16, 1e-5), (-1, 0), (0.1, 0.2)]
for re_, im in cs:
    out.append('    assert_eq!(complex_repr(%s, %s), %s);' % (rf(float(re_)), rf(float(im)), rs(repr(complex(re_, im)))))
out.append('}')
open('/work/main/src/text/repr/tests.rs', 'w').write('\n'.join(out) + '\n')
