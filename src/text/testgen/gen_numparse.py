import sys; sys.path.insert(0, __import__('os').path.dirname(__file__))
from common import *
ints = ['0', '42', '-42', '+7', '  12  ', '\t-3\n', '1_000', '1__0', '_1', '1_', '0x1f', '0X1F', '0o17', '0b101', '0x_1f', '0x__1', '0x',
        '010', '00', '0_0', '0_1', 'abc', '', ' ', '-', '12a', '1 2', '١٢٣', '\u3000 7 \u3000', 'ff', 'zz', 'Z', '0b2', '9' * 30,
        '-0', '0xffffffffffffffffffff', '1.5', '+-1', '0b_1_0', "it's", '7' * 250]
bases = [0, 2, 8, 10, 16, 36, 1, 37]
out = ['//! Number parsing tests; expected values generated from CPython 3.11.7 (`testgen/gen_numparse.py`).',
       'use super::*;', CHECK_FN, '#[test]\nfn ints() {']
for s in ints:
    for b in bases:
        r = res(lambda: str(int(s, b)))
        out.append('    ck(int_from_str(%s, %d).map(|v| v.to_string()), %s, %s);' % (rs(s), b, rk(r), rs('%s / %d' % (s[:20], b))))
r = res(lambda: int('1' * 5000))
out.append('    ck(int_from_str(&"1".repeat(5000), 10).map(|v| v.to_string()), %s, "limit");' % rk(r))
out.append('    assert!(int_from_str(&"1".repeat(5000), 16).is_ok());')
out.append('    assert!(int_from_str_limit(&"1".repeat(5000), 10, 0).is_ok());')
r = res(lambda: str(10 ** 5000))
out.append('    ck(int_to_decimal_checked(&BigInt::from(10).pow(5000), 4300), %s, "str limit");' % rk(r))
out.append('    assert_eq!(int_to_decimal_checked(&BigInt::from(-12345), 4300).unwrap(), "-12345");')
out.append('}\n\n#[test]\nfn floats() {')
floats = ['1.5', '  -2.5e3 ', '.5', '5.', '1_000.000_1', '1__0', '_1', '1_', '1_e5', '1e1_0', 'inf', '-iNF', 'infinity', '+Infinity', 'nan',
          '-NaN', 'infinit', 'x', '', ' ', '.', 'e5', '1e', '1e+', '1e-5', '0x1p3', '1.7976931348623157e308', '1e400', '-1e-400',
          '2.2250738585072014e-308', '0.1', '١.٥', '\u00a01\u00a0', '1.5j', "it's", '12345678901234567890.5', '4.9406564584124654e-324']
for s in floats:
    r = res(lambda: float(s))
    if r[0] == 'Ok':
        out.append('    assert_eq!(float_from_str(%s).map(|x| x.to_bits()), Ok(%s.to_bits()), %s);' % (rs(s), '(' + rf(r[1]) + ')' if r[1] == r[1] else 'f64::NAN', rs(s)) if r[1] == r[1] else
                   '    assert!(float_from_str(%s).unwrap().is_nan());' % rs(s))
    else:
        out.append('    ck(float_from_str(%s).map(|x| x.to_string()), %s, %s);' % (rs(s), rk(r), rs(s)))
out.append('}\n\n#[test]\nfn to_str() {')
for v in [0, 5, -5, 255, -255, 2**70, -(2**70)]:
    out.append('    assert_eq!(int_to_str(&BigInt::from(%di128), 2), %s);' % (v, rs(bin(v))))
    out.append('    assert_eq!(int_to_str(&BigInt::from(%di128), 8), %s);' % (v, rs(oct(v))))
    out.append('    assert_eq!(int_to_str(&BigInt::from(%di128), 16), %s);' % (v, rs(hex(v))))
    out.append('    assert_eq!(int_to_str(&BigInt::from(%di128), 10), %s);' % (v, rs(str(v))))
out.append('}')
open('/work/main/src/text/numparse/tests.rs', 'w').write('\n'.join(out) + '\n')
