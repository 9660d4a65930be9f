//! str.format parsing tests; expected values generated from CPython 3.11.7 with
//! `_string.formatter_parser` / `_string.formatter_field_name_split`
//! (`testgen/gen_strformat.py`).
use super::*;

fn show(pieces: &[FormatPiece]) -> String {
    let v: Vec<String> = pieces
        .iter()
        .map(|p| match p {
            FormatPiece::Literal(s) => format!("L({s})"),
            FormatPiece::Error(e) => format!("E({})", e.message()),
            FormatPiece::Field(f) => format!(
                "F({}|{}|{}|{})",
                f.name,
                f.conversion.map(String::from).unwrap_or_default(),
                f.spec,
                if f.spec_needs_expanding { "x" } else { "" }
            ),
        })
        .collect();
    v.join(" ")
}

fn show_name(name: &str) -> String {
    let f = match parse_field_name(name, &mut AutoNumber::new()) {
        Ok(f) => f,
        Err(e) => return format!("E({})", e.message()),
    };
    let mut v = vec![match f.first {
        FieldFirst::Index(i) => format!("I({i})"),
        FieldFirst::Keyword(k) => format!("K({k})"),
    }];
    for a in f.rest {
        v.push(match a {
            FieldAccess::Attr(s) => format!("A({s})"),
            FieldAccess::Index(i) => format!("N({i})"),
            FieldAccess::Key(s) => format!("S({s})"),
        });
    }
    if let Some(e) = f.rest_error {
        v.push(format!("E({})", e.message()));
    }
    v.join(" ")
}

#[test]
fn templates() {
    assert_eq!(show(&parse_template("")), "");
    assert_eq!(show(&parse_template("abc")), "L(abc)");
    assert_eq!(show(&parse_template("{0} {name!r:>10} {{ }} {a.b[0]}")), "F(0|||) L( ) F(name|r|>10|) L( { } ) F(a.b[0]|||)");
    assert_eq!(show(&parse_template("{}")), "F(|||)");
    assert_eq!(show(&parse_template("{:}")), "F(|||)");
    assert_eq!(show(&parse_template("{!r}")), "F(|r||)");
    assert_eq!(show(&parse_template("{0!s:{1}.{2}f}")), "F(0|s|{1}.{2}f|x)");
    assert_eq!(show(&parse_template("a{{b}}c")), "L(a{b}c)");
    assert_eq!(show(&parse_template("{{}}")), "L({})");
    assert_eq!(show(&parse_template("{{{0}}}")), "L({) F(0|||) L(})");
    assert_eq!(show(&parse_template("{0!}")), "E(unmatched '{' in format spec)");
    assert_eq!(show(&parse_template("{0!r")), "E(unmatched '{' in format spec)");
    assert_eq!(show(&parse_template("{0!rx}")), "E(expected ':' after conversion specifier)");
    assert_eq!(show(&parse_template("{0")), "E(expected '}' before end of string)");
    assert_eq!(show(&parse_template("{0[")), "E(expected '}' before end of string)");
    assert_eq!(show(&parse_template("{0[}")), "E(expected '}' before end of string)");
    assert_eq!(show(&parse_template("{")), "E(Single '{' encountered in format string)");
    assert_eq!(show(&parse_template("}")), "E(Single '}' encountered in format string)");
    assert_eq!(show(&parse_template("a}b")), "E(Single '}' encountered in format string)");
    assert_eq!(show(&parse_template("x{0:{1}")), "E(unmatched '{' in format spec)");
    assert_eq!(show(&parse_template("{!x}")), "F(|x||)");
    assert_eq!(show(&parse_template("{0.}")), "F(0.|||)");
    assert_eq!(show(&parse_template("{0[]}")), "F(0[]|||)");
    assert_eq!(show(&parse_template("{0]}")), "F(0]|||)");
    assert_eq!(show(&parse_template("{0[0]x}")), "F(0[0]x|||)");
    assert_eq!(show(&parse_template("{0:{:{}}}")), "F(0||{:{}}|x)");
    assert_eq!(show(&parse_template("{a{b}")), "E(unexpected '{' in field name)");
    assert_eq!(show(&parse_template("{0:}}")), "F(0|||) E(Single '}' encountered in format string)");
    assert_eq!(show(&parse_template("{0:{{}}}")), "F(0||{{}}|x)");
    assert_eq!(show(&parse_template("{[}]}")), "F([}]|||)");
    assert_eq!(show(&parse_template("{0[a:b]}")), "F(0[a:b]|||)");
    assert_eq!(show(&parse_template("{0:%Y-%m-%d}")), "F(0||%Y-%m-%d|)");
    assert_eq!(show(&parse_template("é{ü}ö")), "L(é) F(ü|||) L(ö)");
    assert_eq!(show(&parse_template("{0!r:}")), "F(0|r||)");
    assert_eq!(show(&parse_template("{:{}}{}")), "F(||{}|x) F(|||)");
    assert_eq!(show(&parse_template("{!")), "E(end of string while looking for conversion specifier)");
    assert_eq!(show(&parse_template("{0:x{")), "E(unmatched '{' in format spec)");
    assert_eq!(show(&parse_template("end}}")), "L(end})");
    assert_eq!(show(&parse_template("tail{")), "E(Single '{' encountered in format string)");
}

#[test]
fn field_names() {
    assert_eq!(show_name("0"), "I(0)");
    assert_eq!(show_name("name"), "K(name)");
    assert_eq!(show_name("a.b[0]"), "K(a) A(b) N(0)");
    assert_eq!(show_name("0[1][key].attr"), "I(0) N(1) S(key) A(attr)");
    assert_eq!(show_name("0."), "I(0) E(Empty attribute in format string)");
    assert_eq!(show_name("0[]"), "I(0) E(Empty attribute in format string)");
    assert_eq!(show_name("0[0]x"), "I(0) N(0) E(Only '.' or '[' may follow ']' in format field specifier)");
    assert_eq!(show_name("0["), "I(0) E(Missing ']' in format string)");
    assert_eq!(show_name("a..b"), "K(a) E(Empty attribute in format string)");
    assert_eq!(show_name("١٢"), "I(12)");
    assert_eq!(show_name("99999999999999999999999"), "E(Too many decimal digits in format string)");
    assert_eq!(show_name("0[99999999999999999999999]"), "I(0) E(Too many decimal digits in format string)");
    assert_eq!(show_name("x[a.b]"), "K(x) S(a.b)");
    assert_eq!(show_name("x[1]y"), "K(x) N(1) E(Only '.' or '[' may follow ']' in format field specifier)");
    assert_eq!(show_name("x.y.z"), "K(x) A(y) A(z)");
}

/// Runs the parse steps of a whole `str.format` call (no evaluation).
fn numbering(t: &str) -> String {
    let mut auto = AutoNumber::new();
    for p in parse_template(t) {
        match p {
            FormatPiece::Literal(_) => {}
            FormatPiece::Error(e) => return e.message().to_string(),
            FormatPiece::Field(f) => {
                if let Err(e) = parse_field_name(&f.name, &mut auto) {
                    return e.message().to_string();
                }
                if let Some(c) = f.conversion {
                    if let Err(e) = check_conversion(c) {
                        return e.message().to_string();
                    }
                }
                if f.spec_needs_expanding {
                    // Depth 1 here: one more level of nesting is allowed.
                    for q in parse_template(&f.spec) {
                        if let FormatPiece::Field(g) = q {
                            if let Err(e) = parse_field_name(&g.name, &mut auto) {
                                return e.message().to_string();
                            }
                            if g.spec_needs_expanding {
                                return MAX_RECURSION.to_string();
                            }
                        }
                    }
                }
            }
        }
    }
    "ok".to_string()
}

#[test]
fn auto_numbering() {
    assert_eq!(numbering("{}{}"), "ok");
    assert_eq!(numbering("{0}{1}"), "ok");
    assert_eq!(numbering("{}{1}"), "cannot switch from automatic field numbering to manual field specification");
    assert_eq!(numbering("{1}{}"), "cannot switch from manual field specification to automatic field numbering");
    assert_eq!(numbering("{:{}}"), "ok");
    assert_eq!(numbering("{0:{}}"), "cannot switch from manual field specification to automatic field numbering");
    assert_eq!(numbering("{a}{}{b}"), "ok");
    assert_eq!(numbering("{!z}"), "Unknown conversion specifier z");
    assert_eq!(numbering("{!é}"), "Unknown conversion specifier \\xe9");
    assert_eq!(numbering("{:{:{}}}"), "Max string recursion exceeded");
    assert_eq!(numbering("{0:{1:{2}}}"), "Max string recursion exceeded");
    assert_eq!(index_out_of_range(3), "Replacement index 3 out of range for positional args tuple");
}
