//! `%`-formatting tests; expected values generated from CPython 3.11.7
//! (`testgen/gen_percent.py`).
use super::*;
use crate::text::float_repr::float_repr;
use std::str::FromStr;

/// Compares a result with a CPython expectation `(exception kind or "Ok", text)`.
fn ck(got: TextResult<String>, want: (&str, &str), what: &str) {
    let got = match got {
        Ok(s) => ("Ok".to_string(), s),
        Err(e) => (e.kind().to_string(), e.message().to_string()),
    };
    assert_eq!((got.0.as_str(), got.1.as_str()), want, "{what}");
}

#[derive(Clone, Copy)]
enum A<'a> {
    I(&'a str),
    F(f64),
    S(&'a str),
}

/// A miniature VM loop over the pieces, as documented in the module header.
fn run(fmt: &str, args: &[A]) -> TextResult<String> {
    let mut out = String::new();
    let mut it = args.iter();
    let mut next = || it.next().copied().ok_or_else(|| TextError::TypeError(NOT_ENOUGH_ARGS.into()));
    let star = |a: A| match a {
        A::I(s) => Ok(s.parse::<i64>().unwrap()),
        _ => Err(TextError::TypeError(STAR_WANTS_INT.into())),
    };
    for piece in parse_percent(fmt) {
        match piece {
            PercentPiece::Literal(s) => out.push_str(&s),
            PercentPiece::Error { stars, error, .. } => {
                for _ in 0..stars {
                    star(next()?)?;
                }
                return Err(error);
            }
            PercentPiece::Spec(spec) => {
                let w = if spec.width == Count::Star { Some(star(next()?)?) } else { None };
                let p = if spec.precision == Count::Star { Some(star(next()?)?) } else { None };
                let r = spec.resolve(w, p)?;
                let v = next()?;
                let s = match (spec.kind()?, v) {
                    (ConvKind::Str, A::S(s)) if spec.conv == 'r' => format_str(&r, &crate::text::repr::str_repr(s))?,
                    (ConvKind::Str, A::S(s)) => format_str(&r, s)?,
                    (ConvKind::Str, A::I(s)) => format_str(&r, s)?,
                    (ConvKind::Str, A::F(x)) => format_str(&r, &float_repr(x))?,
                    (ConvKind::Int, A::I(s)) => {
                        let b = BigInt::from_str(s).unwrap();
                        let got = format_int(&r, &b)?;
                        if let Ok(x) = s.parse::<i64>() {
                            assert_eq!(format_i64(&r, x)?, got);
                        }
                        got
                    }
                    (ConvKind::Int, A::F(x)) => format_i64(&r, x.trunc() as i64)?,
                    (ConvKind::Float, A::F(x)) => format_float(&r, x)?,
                    (ConvKind::Float, A::I(s)) => format_float(&r, s.parse::<f64>().unwrap())?,
                    (ConvKind::Char, A::I(s)) => {
                        let code = s.parse::<i64>().unwrap_or(i64::MAX);
                        format_char(&r, char_from_code(code)?)?
                    }
                    (ConvKind::Char, A::S(s)) => format_char(&r, char_from_str(s)?)?,
                    _ => unreachable!("test case type mismatch"),
                };
                out.push_str(&s);
            }
        }
    }
    if it.next().is_some() {
        return Err(TextError::TypeError(NOT_ALL_ARGS_CONVERTED.into()));
    }
    Ok(out)
}

#[test]
#[allow(clippy::approx_constant)]
fn templates() {
    ck(run("%5.2f", &[A::F(3.14159_f64)]), ("Ok", " 3.14"), "%5.2f");
    ck(run("%-6d|", &[A::I("42")]), ("Ok", "42    |"), "%-6d|");
    ck(run("%+.3e", &[A::F(12345.678_f64)]), ("Ok", "+1.235e+04"), "%+.3e");
    ck(run("%x", &[A::I("255")]), ("Ok", "ff"), "%x");
    ck(run("%#o", &[A::I("8")]), ("Ok", "0o10"), "%#o");
    ck(run("%c", &[A::I("65")]), ("Ok", "A"), "%c");
    ck(run("%c", &[A::S("z")]), ("Ok", "z"), "%c");
    ck(run("100%%", &[]), ("Ok", "100%"), "100%%");
    ck(run("%s and %s", &[A::S("a"), A::S("b")]), ("Ok", "a and b"), "%s and %s");
    ck(run("%d", &[A::I("-7")]), ("Ok", "-7"), "%d");
    ck(run("%05d", &[A::I("-42")]), ("Ok", "-0042"), "%05d");
    ck(run("%+05d|", &[A::I("42")]), ("Ok", "+0042|"), "%+05d|");
    ck(run("%-+05d|", &[A::I("42")]), ("Ok", "+42  |"), "%-+05d|");
    ck(run("% d|", &[A::I("42")]), ("Ok", " 42|"), "% d|");
    ck(run("%#08x|", &[A::I("255")]), ("Ok", "0x0000ff|"), "%#08x|");
    ck(run("%#8X|", &[A::I("255")]), ("Ok", "    0XFF|"), "%#8X|");
    ck(run("%#-8o|", &[A::I("8")]), ("Ok", "0o10    |"), "%#-8o|");
    ck(run("%.5d|", &[A::I("-42")]), ("Ok", "-00042|"), "%.5d|");
    ck(run("%#.5x|", &[A::I("-42")]), ("Ok", "-0x0002a|"), "%#.5x|");
    ck(run("%08.3f|", &[A::F(-3.14159_f64)]), ("Ok", "-003.142|"), "%08.3f|");
    ck(run("%#.0f|", &[A::F(3.0_f64)]), ("Ok", "3.|"), "%#.0f|");
    ck(run("%g|", &[A::F(1e-05_f64)]), ("Ok", "1e-05|"), "%g|");
    ck(run("%#g|", &[A::F(1.0_f64)]), ("Ok", "1.00000|"), "%#g|");
    ck(run("%.0e|", &[A::F(2.5_f64)]), ("Ok", "2e+00|"), "%.0e|");
    ck(run("%*d|", &[A::I("-5"), A::I("1")]), ("Ok", "1    |"), "%*d|");
    ck(run("%.*f", &[A::I("-3"), A::F(1.23456_f64)]), ("Ok", "1"), "%.*f");
    ck(run("%*.*f|", &[A::I("10"), A::I("3"), A::F(2.71828_f64)]), ("Ok", "     2.718|"), "%*.*f|");
    ck(run("%ld %hi %Lf", &[A::I("1"), A::I("2"), A::F(3.0_f64)]), ("Ok", "1 2 3.000000"), "%ld %hi %Lf");
    ck(run("%F", &[A::F(f64::INFINITY)]), ("Ok", "INF"), "%F");
    ck(run("%u", &[A::I("-3")]), ("Ok", "-3"), "%u");
    ck(run("%i", &[A::F(3.9_f64)]), ("Ok", "3"), "%i");
    ck(run("%.0s|", &[A::S("abc")]), ("Ok", "|"), "%.0s|");
    ck(run("%.2s|", &[A::S("héllo")]), ("Ok", "hé|"), "%.2s|");
    ck(run("%5s|", &[A::S("日本")]), ("Ok", "   日本|"), "%5s|");
    ck(run("%-5s|", &[A::S("ab")]), ("Ok", "ab   |"), "%-5s|");
    ck(run("%05s|", &[A::S("a")]), ("Ok", "    a|"), "%05s|");
    ck(run("%+s|", &[A::S("ab")]), ("Ok", "ab|"), "%+s|");
    ck(run("%5c|", &[A::I("65")]), ("Ok", "    A|"), "%5c|");
    ck(run("%-5c|", &[A::S("x")]), ("Ok", "x    |"), "%-5c|");
    ck(run("%05f", &[A::F(f64::INFINITY)]), ("Ok", "00inf"), "%05f");
    ck(run("%+f", &[A::F(f64::NAN)]), ("Ok", "+nan"), "%+f");
    ck(run("% .2f", &[A::F(-0.0_f64)]), ("Ok", "-0.00"), "% .2f");
    ck(run("%x %X %o", &[A::I("1180591620717411303424"), A::I("-1180591620717411303424"), A::I("36893488147419103232")]), ("Ok", "400000000000000000 -400000000000000000 4000000000000000000000"), "%x %X %o");
    ck(run("%d", &[A::I("1267650600228229401496703205376")]), ("Ok", "1267650600228229401496703205376"), "%d");
    ck(run("%+#010x", &[A::I("255")]), ("Ok", "+0x00000ff"), "%+#010x");
    ck(run("%#5.3o", &[A::I("8")]), ("Ok", "0o010"), "%#5.3o");
    ck(run("%-#8.3x|", &[A::I("-5")]), ("Ok", "-0x005  |"), "%-#8.3x|");
    ck(run("%+05.1f|", &[A::F(-0.0_f64)]), ("Ok", "-00.0|"), "%+05.1f|");
    ck(run("% 8.2e|", &[A::F(12.5_f64)]), ("Ok", " 1.25e+01|"), "% 8.2e|");
    ck(run("%-08.2f|", &[A::F(3.14159_f64)]), ("Ok", "3.14    |"), "%-08.2f|");
    ck(run("%+-8d|", &[A::I("5")]), ("Ok", "+5      |"), "%+-8d|");
    ck(run("%.3g|%.10g", &[A::F(1234567.0_f64), A::F(0.3333333333333333_f64)]), ("Ok", "1.23e+06|0.3333333333"), "%.3g|%.10g");
    ck(run("%e", &[A::F(0.0_f64)]), ("Ok", "0.000000e+00"), "%e");
    ck(run("%G", &[A::F(1e-10_f64)]), ("Ok", "1E-10"), "%G");
    ck(run("%10.4G|", &[A::F(123456.0_f64)]), ("Ok", " 1.235E+05|"), "%10.4G|");
    ck(run("%s", &[A::F(1.5_f64)]), ("Ok", "1.5"), "%s");
    ck(run("%s", &[A::I("10")]), ("Ok", "10"), "%s");
    ck(run("%d%%", &[A::I("50")]), ("Ok", "50%"), "%d%%");
    ck(run("%5%", &[A::I("1")]), ("ValueError", "unsupported format character '%' (0x25) at index 2"), "%5%");
    ck(run("%-5%", &[A::I("1")]), ("ValueError", "unsupported format character '%' (0x25) at index 3"), "%-5%");
    ck(run("%z", &[A::I("1")]), ("ValueError", "unsupported format character 'z' (0x7a) at index 1"), "%z");
    ck(run("%ሴ", &[A::I("1")]), ("ValueError", "unsupported format character '?' (0x1234) at index 1"), "%ሴ");
    ck(run("%", &[A::I("1")]), ("ValueError", "incomplete format"), "%");
    ck(run("%s %", &[A::I("1")]), ("ValueError", "incomplete format"), "%s %");
    ck(run("%5", &[A::I("1")]), ("ValueError", "incomplete format"), "%5");
    ck(run("%.", &[A::I("1")]), ("ValueError", "incomplete format"), "%.");
    ck(run("%s %s", &[A::I("1")]), ("TypeError", "not enough arguments for format string"), "%s %s");
    ck(run("%s", &[A::I("1"), A::I("2")]), ("TypeError", "not all arguments converted during string formatting"), "%s");
    ck(run("abc", &[A::I("1")]), ("TypeError", "not all arguments converted during string formatting"), "abc");
    ck(run("%c", &[A::I("1114112")]), ("OverflowError", "%c arg not in range(0x110000)"), "%c");
    ck(run("%c", &[A::I("-1")]), ("OverflowError", "%c arg not in range(0x110000)"), "%c");
    ck(run("%c", &[A::S("ab")]), ("TypeError", "%c requires int or char"), "%c");
    ck(run("%.3x", &[A::I("255")]), ("Ok", "0ff"), "%.3x");
    ck(run("%999999999999999999999d", &[A::I("1")]), ("ValueError", "width too big"), "%999999999999999999999d");
    ck(run("%.99999999999f", &[A::F(1.0_f64)]), ("ValueError", "precision too big"), "%.99999999999f");
    ck(run("%999999999999d", &[A::I("1")]), ("MemoryError", ""), "%999999999999d");
    ck(run("%*d", &[A::I("-3"), A::I("-7")]), ("Ok", "-7 "), "%*d");
    ck(run("%-*d|", &[A::I("4"), A::I("7")]), ("Ok", "7   |"), "%-*d|");
    ck(run("%0*d", &[A::I("5"), A::I("3")]), ("Ok", "00003"), "%0*d");
    ck(run("%.*s", &[A::I("2"), A::S("abcdef")]), ("Ok", "ab"), "%.*s");
    ck(run("%.*d", &[A::I("2147483648"), A::I("1")]), ("OverflowError", "Python int too large to convert to C int"), "%.*d");
    ck(run("%.1f", &[A::F(0.05_f64)]), ("Ok", "0.1"), "%.1f");
    ck(run("%.2f", &[A::F(2.675_f64)]), ("Ok", "2.67"), "%.2f");
    ck(run("%.15f", &[A::F(0.1_f64)]), ("Ok", "0.100000000000000"), "%.15f");
    ck(run("%r", &[A::S("it's")]), ("Ok", "\"it's\""), "%r");
}

#[test]
fn parse_pieces() {
    let p = parse_percent("%(name)-5s|%%|%*.*f");
    assert_eq!(p.len(), 3);
    match &p[0] {
        PercentPiece::Spec(s) => {
            assert_eq!(s.key.as_deref(), Some("name"));
            assert!(s.flags.left);
            assert_eq!(s.width, Count::Fixed(5));
            assert_eq!(s.conv, 's');
            assert_eq!(s.index, 9);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p[1], PercentPiece::Literal("|%|".into()));
    assert!(matches!(&p[2], PercentPiece::Spec(s) if s.width == Count::Star && s.precision == Count::Star));
    // CPython: '%(a' % {} -> ValueError('incomplete format key')
    assert_eq!(
        parse_percent("%(a"),
        vec![PercentPiece::Error { key: None, stars: 0, error: TextError::ValueError("incomplete format key".into()) }]
    );
    // CPython: '%(a)(' % {'a': 1} -> unsupported format character '(' (0x28) at index 4
    let p = parse_percent("%(a)(");
    match &p[0] {
        PercentPiece::Spec(s) => assert_eq!(s.kind(), Err(TextError::ValueError("unsupported format character '(' (0x28) at index 4".into()))),
        other => panic!("{other:?}"),
    }
}

