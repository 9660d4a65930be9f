//! The `format()` / `str.format` format-spec mini-language (PEP 3101),
//! ported from CPython 3.11's `Python/formatter_unicode.c`.
//!
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`
//!
//! Entry points: [`format_int`], [`format_i64`], [`format_float`],
//! [`format_str`] (each takes the raw spec text and the Python type name used
//! in error messages) and [`parse_format_spec`] for callers that want the
//! parsed fields.  All errors are `ValueError` unless documented otherwise.

use super::case::decimal_value;
use super::float_repr::{double_to_string, float_repr, DtoaFlags};
use super::{check_alloc, TextError, TextResult};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

/// A parsed format specification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatSpec {
    /// Explicit fill character (`None`: space, or `'0'` with the zero flag).
    pub fill: Option<char>,
    /// Explicit alignment `'<' '>' '^' '='`.
    pub align: Option<char>,
    /// `'+'`, `'-'` or `' '`.
    pub sign: Option<char>,
    /// `z`: coerce negative zero to positive zero (floats only).
    pub no_neg_0: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// The `0` flag (zero padding, sign-aware when no alignment is given).
    pub zero: bool,
    /// Minimum field width.
    pub width: Option<usize>,
    /// Thousands separator: `','` or `'_'`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type (`None` when omitted).
    pub ty: Option<char>,
}

impl FormatSpec {
    fn fill_char(&self) -> char {
        match self.fill {
            Some(c) => c,
            None if self.zero => '0',
            None => ' ',
        }
    }

    /// CPython turns a bare `0` flag into `'='` alignment only for types whose
    /// default alignment is right (numbers).
    fn align_char(&self, default_align: char) -> char {
        match self.align {
            Some(a) => a,
            None if self.zero && self.fill.is_none() && default_align == '>' => '=',
            None => default_align,
        }
    }
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Reads a decimal integer at `chars[*pos..]`; returns the number of digits
/// consumed.  Overflow past `isize::MAX` is CPython's
/// "Too many decimal digits in format string".
fn get_integer(chars: &[char], pos: &mut usize) -> TextResult<(usize, usize)> {
    let mut acc: usize = 0;
    let start = *pos;
    // Like CPython, any Unicode decimal digit counts (`format(5, '١٠')`).
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        let d = d as usize;
        if acc > (isize::MAX as usize - d) / 10 {
            return Err(TextError::value("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
        *pos += 1;
    }
    Ok((acc, *pos - start))
}

/// Formats a presentation-type character for error messages as CPython does
/// (`'d'` for printable ASCII, `'\x1234'` otherwise).
fn type_char_repr(c: char) -> String {
    let n = c as u32;
    if n > 32 && n < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{n:x}'")
    }
}

/// `Unknown format code 'q' for object of type 'int'`.
pub fn unknown_format_code(ty: char, type_name: &str) -> TextError {
    TextError::value(format!(
        "Unknown format code {} for object of type '{}'",
        type_char_repr(ty),
        type_name
    ))
}

/// Parses a format spec (CPython's `parse_internal_render_format_spec`).
///
/// `default_type` is the presentation type used when the spec omits one
/// (`Some('d')` for int, `Some('s')` for str, `None` for float); it matters
/// for the grouping checks ("Cannot specify ',' with 's'.").  `type_name` is
/// the Python type of the object being formatted; it only appears in the
/// "Invalid format specifier" message.  Errors: `ValueError`.
pub fn parse_format_spec(
    spec: &str,
    default_type: Option<char>,
    type_name: &str,
) -> TextResult<FormatSpec> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0;
    let mut out = FormatSpec {
        fill: None,
        align: None,
        sign: None,
        no_neg_0: false,
        alternate: false,
        zero: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    if end >= 2 && is_align(chars[1]) {
        out.fill = Some(chars[0]);
        out.align = Some(chars[1]);
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        out.align = Some(chars[0]);
        pos = 1;
    }
    if let Some(&c @ ('+' | '-' | ' ')) = chars.get(pos) {
        out.sign = Some(c);
        pos += 1;
    }
    if chars.get(pos) == Some(&'z') {
        out.no_neg_0 = true;
        pos += 1;
    }
    if chars.get(pos) == Some(&'#') {
        out.alternate = true;
        pos += 1;
    }
    if out.fill.is_none() && chars.get(pos) == Some(&'0') {
        out.zero = true;
        pos += 1;
    }
    let (w, n) = get_integer(&chars, &mut pos)?;
    if n > 0 {
        out.width = Some(w);
    }
    let both = || TextError::value("Cannot specify both ',' and '_'.");
    if chars.get(pos) == Some(&',') {
        out.grouping = Some(',');
        pos += 1;
    }
    if chars.get(pos) == Some(&'_') {
        if out.grouping.is_some() {
            return Err(both());
        }
        out.grouping = Some('_');
        pos += 1;
    }
    if chars.get(pos) == Some(&',') && out.grouping == Some('_') {
        return Err(both());
    }
    if chars.get(pos) == Some(&'.') {
        pos += 1;
        let (p, n) = get_integer(&chars, &mut pos)?;
        if n == 0 {
            return Err(TextError::value("Format specifier missing precision"));
        }
        out.precision = Some(p);
    }
    if end - pos > 1 {
        return Err(TextError::value(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if end - pos == 1 {
        out.ty = Some(chars[pos]);
    }
    if let Some(g) = out.grouping {
        let ok = match out.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            let ty = out.ty.unwrap_or('\0');
            return Err(TextError::value(format!(
                "Cannot specify '{g}' with {}.",
                type_char_repr(ty)
            )));
        }
    }
    Ok(out)
}

/// Inserts thousands separators into an ASCII digit string, right to left,
/// zero-padding the digits up to `min_width` characters (separators included)
/// exactly like CPython's `_PyUnicode_InsertThousandsGrouping`.
fn insert_grouping(digits: &[u8], min_width: i64, group: i64, sep: Option<char>) -> String {
    let sep_len = i64::from(sep.is_some());
    let mut rev: Vec<char> = Vec::new();
    let mut remaining = digits.len() as i64;
    let mut digits_pos = digits.len();
    let mut min_width = min_width;
    let mut use_sep = false;
    let mut emit = |rev: &mut Vec<char>, use_sep: bool, n_chars: i64, n_zeros: i64| {
        if use_sep {
            if let Some(s) = sep {
                rev.push(s);
            }
        }
        for _ in 0..n_chars {
            digits_pos -= 1;
            rev.push(digits[digits_pos] as char);
        }
        for _ in 0..n_zeros {
            rev.push('0');
        }
    };
    let mut broken = false;
    if group > 0 {
        loop {
            let l = group.min(remaining.max(min_width).max(1));
            let n_zeros = (l - remaining).max(0);
            let n_chars = remaining.min(l).max(0);
            emit(&mut rev, use_sep, n_chars, n_zeros);
            use_sep = true;
            remaining -= n_chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= sep_len;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        emit(&mut rev, use_sep, n_chars, n_zeros);
    }
    rev.iter().rev().collect()
}

/// The pieces of a formatted number before padding: CPython's
/// `calc_number_widths` + `fill_number`.
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    /// ASCII digits subject to grouping and zero padding.
    digits: &'a str,
    has_decimal: bool,
    /// Everything after the integer digits and decimal point.
    remainder: &'a str,
}

fn fill_number(
    parts: &NumberParts<'_>,
    spec: &FormatSpec,
    group: i64,
    sep: Option<char>,
) -> TextResult<String> {
    let width = spec.width.map_or(-1, |w| w as i64);
    check_alloc(spec.width.unwrap_or(0))?;
    let fill = spec.fill_char();
    let align = spec.align_char('>');
    let sign = match spec.sign {
        Some('+') => Some(if parts.negative { '-' } else { '+' }),
        Some(' ') => Some(if parts.negative { '-' } else { ' ' }),
        _ if parts.negative => Some('-'),
        _ => None,
    };
    let n_sign = i64::from(sign.is_some());
    let n_prefix = parts.prefix.chars().count() as i64;
    let n_remainder = parts.remainder.chars().count() as i64;
    let non_digit = n_sign + n_prefix + i64::from(parts.has_decimal) + n_remainder;
    let min_width = if fill == '0' && align == '=' {
        width - non_digit
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        insert_grouping(parts.digits.as_bytes(), min_width, group, sep)
    };
    let n_padding = width - (non_digit + grouped.len() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::new();
    let pad = |out: &mut String, n: i64| out.extend(std::iter::repeat_n(fill, n.max(0) as usize));
    pad(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(parts.prefix);
    pad(&mut out, spad);
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    pad(&mut out, rpad);
    Ok(out)
}

/// `format(s, spec)` for a `str`.  Errors: `ValueError`.
///
/// `type_name` is the Python type name for messages (normally `"str"`).
pub fn format_str(s: &str, spec: &str, type_name: &str) -> TextResult<String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let f = parse_format_spec(spec, Some('s'), type_name)?;
    match f.ty {
        None | Some('s') => {}
        Some(t) => return Err(unknown_format_code(t, type_name)),
    }
    match f.sign {
        Some(' ') => {
            return Err(TextError::value(
                "Space not allowed in string format specifier",
            ))
        }
        Some(_) => {
            return Err(TextError::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if f.no_neg_0 {
        return Err(TextError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(TextError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let align = f.align_char('<');
    if align == '=' {
        return Err(TextError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let mut len = s.chars().count();
    let body: &str = match f.precision {
        Some(p) if p < len => {
            len = p;
            let cut = s.char_indices().nth(p).map_or(s.len(), |(i, _)| i);
            &s[..cut]
        }
        _ => s,
    };
    pad_str(body, len, f.width.unwrap_or(0), align, f.fill_char())
}

/// Pads `s` (of `len` chars) to `width` with `fill` per CPython's
/// `calc_padding`.
fn pad_str(s: &str, len: usize, width: usize, align: char, fill: char) -> TextResult<String> {
    if width <= len {
        return Ok(s.to_string());
    }
    check_alloc(width)?;
    let total = width - len;
    let left = match align {
        '>' => total,
        '^' => total / 2,
        _ => 0,
    };
    let mut out = String::with_capacity(s.len() + total);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, total - left));
    Ok(out)
}

/// `format(v, spec)` for a Python `int` held as `i64`.  See [`format_int`].
pub fn format_i64(v: i64, spec: &str, type_name: &str) -> TextResult<String> {
    if spec.is_empty() {
        return Ok(v.to_string());
    }
    format_int_impl(IntRef::Small(v), spec, type_name)
}

/// `format(v, spec)` for a Python `int` (also `bool`, with `type_name`
/// `"bool"`).
///
/// Types `b c d o x X n` and none format the integer; `e E f F g G %` convert
/// it to float first.  Errors: `ValueError` for bad specs; `OverflowError`
/// for `'c'` out of range ("%c arg not in range(0x110000)") and for float
/// types when the int is too large ("int too large to convert to float");
/// `MemoryError` for absurd widths.
pub fn format_int(v: &BigInt, spec: &str, type_name: &str) -> TextResult<String> {
    if spec.is_empty() {
        return Ok(v.to_string());
    }
    format_int_impl(IntRef::Big(v), spec, type_name)
}

#[derive(Clone, Copy)]
enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.sign() == Sign::Minus,
        }
    }

    fn abs_in_base(self, base: u32) -> String {
        match self {
            IntRef::Small(v) => {
                let a = v.unsigned_abs();
                match base {
                    2 => format!("{a:b}"),
                    8 => format!("{a:o}"),
                    16 => format!("{a:x}"),
                    _ => a.to_string(),
                }
            }
            IntRef::Big(b) => b.abs().to_str_radix(base),
        }
    }

    fn to_f64(self) -> TextResult<f64> {
        let f = match self {
            IntRef::Small(v) => v as f64,
            IntRef::Big(b) => b.to_f64().unwrap_or(f64::INFINITY),
        };
        if f.is_finite() {
            Ok(f)
        } else {
            Err(TextError::overflow("int too large to convert to float"))
        }
    }
}

fn format_int_impl(v: IntRef<'_>, spec: &str, type_name: &str) -> TextResult<String> {
    let f = parse_format_spec(spec, Some('d'), type_name)?;
    let ty = f.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            return format_float_spec(v.to_f64()?, &f);
        }
        _ => return Err(unknown_format_code(ty, type_name)),
    }
    if f.precision.is_some() {
        return Err(TextError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_0 {
        return Err(TextError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(TextError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(TextError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let code = match v {
            IntRef::Small(x) => x,
            IntRef::Big(b) => b
                .to_i64()
                .ok_or_else(|| TextError::overflow("Python int too large to convert to C long"))?,
        };
        let ch = char_from_code(code)?;
        let s = ch.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: &s,
        };
        return fill_number(&parts, &f, 0, None);
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = v.abs_in_base(base);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let (group, sep) = match (f.grouping, ty) {
        (Some(','), _) => (3, Some(',')),
        (Some(_), 'b' | 'o' | 'x' | 'X') => (4, Some('_')),
        (Some(_), _) => (3, Some('_')),
        (None, _) => (0, None),
    };
    let parts = NumberParts {
        negative: v.is_negative(),
        prefix: if f.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    fill_number(&parts, &f, group, sep)
}

/// Converts a code point for `'%c'`/`format(i, 'c')`.  `OverflowError` when
/// outside `range(0x110000)`; `ValueError` for surrogates, which Rust strings
/// cannot hold (CPython would produce a lone surrogate).
pub fn char_from_code(code: i64) -> TextResult<char> {
    if !(0..=0x10ffff).contains(&code) {
        return Err(TextError::overflow("%c arg not in range(0x110000)"));
    }
    char::from_u32(code as u32).ok_or_else(|| {
        TextError::value(format!(
            "surrogate code point U+{code:04X} cannot be represented"
        ))
    })
}

/// `format(x, spec)` for a Python `float`.
///
/// Types `e E f F g G n %` and none.  Errors: `ValueError` (bad spec,
/// "precision too big" for precision > 2**31-1), `MemoryError` for absurd
/// widths/precisions.
pub fn format_float(x: f64, spec: &str, type_name: &str) -> TextResult<String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let f = parse_format_spec(spec, None, type_name)?;
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(x, &f),
        Some(t) => Err(unknown_format_code(t, type_name)),
    }
}

/// CPython's `format_float_internal` on an already-parsed spec.
fn format_float_spec(mut x: f64, f: &FormatSpec) -> TextResult<String> {
    if f.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(TextError::value("precision too big"));
    }
    let mut flags = DtoaFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut ty = f.ty.unwrap_or('\0');
    let mut default_precision = 6;
    if ty == '\0' {
        // No type: like repr() without precision, else like 'g' but always
        // with at least one digit after the point.
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        x *= 100.0;
        add_pct = true;
    }
    let precision = match f.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    // 'f' of 1e308 has ~310 integer digits; everything else is bounded by
    // the precision.
    check_alloc(precision.saturating_add(400))?;
    let mut buf = double_to_string(x, ty, precision, flags);
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let int_end = body
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(body.len());
    let has_decimal = body[int_end..].starts_with('.');
    let rem_start = int_end + usize::from(has_decimal);
    let (group, sep) = match f.grouping {
        Some(c) => (3, Some(c)),
        None => (0, None),
    };
    let parts = NumberParts {
        negative,
        prefix: "",
        digits: &body[..int_end],
        has_decimal,
        remainder: &body[rem_start..],
    };
    fill_number(&parts, f, group, sep)
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
#[cfg(test)]
#[rustfmt::skip]
mod tests_float;
