//! printf-style `%` formatting (`'%5.2f' % x`), ported from CPython 3.11's
//! `PyUnicode_Format` (Objects/unicodeobject.c).
//!
//! The work is split between this module and the VM because only the VM can
//! look up mapping keys, fetch arguments and call `str()`/`repr()`:
//!
//! 1. [`parse_percent`] turns the template into [`PercentPiece`]s.
//! 2. For each [`PercentPiece::Spec`] the VM: looks up `key` in the mapping
//!    (if any, raising `TypeError(FORMAT_REQUIRES_MAPPING)` when the right
//!    operand is not a mapping), fetches one argument per `*` (which must be an
//!    int, else `TypeError(STAR_WANTS_INT)`), calls [`PercentSpec::resolve`],
//!    fetches the value argument (`TypeError(NOT_ENOUGH_ARGS)` when missing),
//!    then dispatches on [`PercentSpec::kind`] — which fails with CPython's
//!    "unsupported format character" error for unknown conversions — to
//!    [`format_str`], [`format_int`]/[`format_i64`], [`format_float`] or
//!    [`format_char`].
//! 3. After the last piece, leftover positional arguments raise
//!    `TypeError(NOT_ALL_ARGS_CONVERTED)` (not when a mapping was used).
//!
//! A malformed template yields a trailing [`PercentPiece::Error`]; pieces
//! before it are still processed first, so errors appear in CPython's order.

use super::float_repr::{double_to_string, DtoaFlags};
use super::{check_alloc, TextError, TextResult};
use num_bigint::BigInt;
use num_traits::Signed;

/// `TypeError`: more conversions than arguments.
pub const NOT_ENOUGH_ARGS: &str = "not enough arguments for format string";
/// `TypeError`: arguments left over after the last conversion.
pub const NOT_ALL_ARGS_CONVERTED: &str = "not all arguments converted during string formatting";
/// `TypeError`: a `%(key)` conversion with a non-mapping right operand.
pub const FORMAT_REQUIRES_MAPPING: &str = "format requires a mapping";
/// `TypeError`: a `*` width/precision argument that is not an int.
pub const STAR_WANTS_INT: &str = "* wants int";
/// `TypeError`: `%c` with a str of length != 1 or a non-int.
pub const C_REQUIRES_INT_OR_CHAR: &str = "%c requires int or char";

/// `TypeError` message for `%d`/`%i`/`%u` with a non-number, e.g.
/// `"%d format: a real number is required, not str"`; for `%o %x %X` with a
/// non-integer, `"%x format: an integer is required, not float"`; for the
/// float conversions, `"must be real number, not str"`.
pub fn bad_argument_message(conv: char, type_name: &str) -> String {
    match conv {
        'd' | 'i' | 'u' => format!("%{conv} format: a real number is required, not {type_name}"),
        'o' | 'x' | 'X' => format!("%{conv} format: an integer is required, not {type_name}"),
        'c' => C_REQUIRES_INT_OR_CHAR.to_string(),
        _ => format!("must be real number, not {type_name}"),
    }
}

/// Conversion flags `-+ #0`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always show the sign.
    pub sign: bool,
    /// ` `: space before non-negative numbers.
    pub blank: bool,
    /// `#`: alternate form.
    pub alt: bool,
    /// `0`: zero padding (numbers only).
    pub zero: bool,
}

/// A width or precision in a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// Not given.
    Absent,
    /// A literal number.
    Fixed(usize),
    /// `*`: taken from the next argument.
    Star,
}

/// One `%` conversion of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PercentSpec {
    /// The `(key)` of a mapping conversion.
    pub key: Option<String>,
    pub flags: PercentFlags,
    pub width: Count,
    pub precision: Count,
    /// The conversion character (possibly unsupported, see [`Self::kind`]).
    pub conv: char,
    /// Code-point index of `conv` in the template (for error messages).
    pub index: usize,
}

/// A piece of a parsed `%` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PercentPiece {
    /// Literal text (`%%` already turned into `%`).
    Literal(String),
    /// A conversion.
    Spec(PercentSpec),
    /// The template is malformed here.  The VM must first look up `key` (if
    /// any) and consume `stars` arguments (each must be an int), exactly as
    /// for a spec, then raise `error` (always a `ValueError`: "incomplete
    /// format", "incomplete format key", "width too big", "precision too
    /// big").
    Error {
        key: Option<String>,
        stars: usize,
        error: TextError,
    },
}

/// What kind of value a conversion consumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConvKind {
    /// `s`, `r`, `a`: the VM converts with `str`, `repr`, `ascii` and calls
    /// [`format_str`].
    Str,
    /// `d i u o x X`: [`format_int`] / [`format_i64`] (the VM applies
    /// `int()` to floats for `d i u`; `o x X` need `__index__`).
    Int,
    /// `e E f F g G`: [`format_float`] (the VM applies `float()`).
    Float,
    /// `c`: [`format_char`] with an int code ([`char_from_code`]) or a
    /// 1-character str ([`char_from_str`]).
    Char,
}

impl PercentSpec {
    /// Classifies the conversion; `ValueError` ("unsupported format character
    /// 'z' (0x7a) at index 1") for unknown ones.  CPython raises this only
    /// after fetching the value argument.
    pub fn kind(&self) -> TextResult<ConvKind> {
        match self.conv {
            's' | 'r' | 'a' => Ok(ConvKind::Str),
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => Ok(ConvKind::Int),
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => Ok(ConvKind::Float),
            'c' => Ok(ConvKind::Char),
            c => {
                let n = c as u32;
                let shown = if (31..=126).contains(&n) { c } else { '?' };
                Err(TextError::value(format!(
                    "unsupported format character '{shown}' (0x{n:x}) at index {}",
                    self.index
                )))
            }
        }
    }

    /// Applies the `*` arguments (the VM passes them as `i64`; a Python int
    /// outside that range is CPython's `OverflowError` "Python int too large
    /// to convert to C ssize_t").  A negative width means left-justify, a
    /// negative precision means 0; a precision outside the C `int` range is
    /// `OverflowError("Python int too large to convert to C int")`.
    pub fn resolve(
        &self,
        star_width: Option<i64>,
        star_prec: Option<i64>,
    ) -> TextResult<ResolvedSpec> {
        let mut flags = self.flags;
        let width = match self.width {
            Count::Absent => None,
            Count::Fixed(w) => Some(w),
            Count::Star => {
                let w = star_width.unwrap_or(0);
                if w < 0 {
                    flags.left = true;
                }
                Some(w.unsigned_abs() as usize)
            }
        };
        let precision = match self.precision {
            Count::Absent => None,
            Count::Fixed(p) => Some(p),
            Count::Star => {
                let p = star_prec.unwrap_or(0);
                if i32::try_from(p).is_err() {
                    return Err(TextError::overflow(
                        "Python int too large to convert to C int",
                    ));
                }
                Some(p.max(0) as usize)
            }
        };
        Ok(ResolvedSpec {
            flags,
            width,
            precision,
            conv: self.conv,
        })
    }
}

/// A conversion with all `*` values filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedSpec {
    pub flags: PercentFlags,
    pub width: Option<usize>,
    pub precision: Option<usize>,
    pub conv: char,
}

/// Parses a `%` template.  Never fails: errors become a final
/// [`PercentPiece::Error`].
pub fn parse_percent(fmt: &str) -> Vec<PercentPiece> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            lit.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if chars.get(i) == Some(&'%') {
            lit.push('%');
            i += 1;
            continue;
        }
        if !lit.is_empty() {
            pieces.push(PercentPiece::Literal(std::mem::take(&mut lit)));
        }
        match parse_one(&chars, &mut i) {
            Ok(spec) => pieces.push(PercentPiece::Spec(spec)),
            Err(e) => {
                pieces.push(e);
                return pieces;
            }
        }
    }
    if !lit.is_empty() {
        pieces.push(PercentPiece::Literal(lit));
    }
    pieces
}

/// Parses one conversion after its `%` (CPython's `unicode_format_arg_parse`).
fn parse_one(chars: &[char], i: &mut usize) -> Result<PercentSpec, PercentPiece> {
    let mut key = None;
    let mut stars = 0;
    let fail = |key: &Option<String>, stars: usize, msg: &str| PercentPiece::Error {
        key: key.clone(),
        stars,
        error: TextError::value(msg),
    };
    if chars.get(*i) == Some(&'(') {
        // Skip over balanced parentheses.
        *i += 1;
        let start = *i;
        let mut depth = 1;
        while depth > 0 && *i < chars.len() {
            match chars[*i] {
                ')' => depth -= 1,
                '(' => depth += 1,
                _ => {}
            }
            *i += 1;
        }
        if depth > 0 {
            return Err(fail(&None, 0, "incomplete format key"));
        }
        key = Some(chars[start..*i - 1].iter().collect::<String>());
    }
    let mut flags = PercentFlags::default();
    while let Some(&c) = chars.get(*i) {
        match c {
            '-' => flags.left = true,
            '+' => flags.sign = true,
            ' ' => flags.blank = true,
            '#' => flags.alt = true,
            '0' => flags.zero = true,
            _ => break,
        }
        *i += 1;
    }
    let mut width = Count::Absent;
    if chars.get(*i) == Some(&'*') {
        width = Count::Star;
        stars += 1;
        *i += 1;
    } else if let Some(n) = read_number(chars, i, isize::MAX as usize) {
        match n {
            Some(n) => width = Count::Fixed(n),
            None => return Err(fail(&key, stars, "width too big")),
        }
    }
    let mut precision = Count::Absent;
    if chars.get(*i) == Some(&'.') {
        *i += 1;
        precision = Count::Fixed(0);
        if chars.get(*i) == Some(&'*') {
            precision = Count::Star;
            stars += 1;
            *i += 1;
        } else if let Some(n) = read_number(chars, i, i32::MAX as usize) {
            match n {
                Some(n) => precision = Count::Fixed(n),
                None => return Err(fail(&key, stars, "precision too big")),
            }
        }
    }
    // Length modifiers are accepted and ignored ("%ld").
    if matches!(chars.get(*i), Some('h' | 'l' | 'L')) {
        *i += 1;
    }
    let Some(&conv) = chars.get(*i) else {
        return Err(fail(&key, stars, "incomplete format"));
    };
    let index = *i;
    *i += 1;
    Ok(PercentSpec {
        key,
        flags,
        width,
        precision,
        conv,
        index,
    })
}

/// Reads ASCII digits; `None` if there are none, `Some(None)` on overflow of
/// `max`.
fn read_number(chars: &[char], i: &mut usize, max: usize) -> Option<Option<usize>> {
    let mut n: usize = 0;
    let mut any = false;
    let mut overflow = false;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        any = true;
        *i += 1;
        if overflow {
            continue;
        }
        let d = d as usize;
        if n > (max - d) / 10 {
            // CPython stops at the first overflowing digit.
            overflow = true;
            break;
        }
        n = n * 10 + d;
    }
    match (any, overflow) {
        (false, _) => None,
        (true, true) => Some(None),
        (true, false) => Some(Some(n)),
    }
}

/// `%s`, `%r`, `%a` (and `%c` after the VM made the character): pads the
/// already-converted string; the precision truncates for `s r a`.
/// Errors: `MemoryError` for absurd widths.
pub fn format_str(spec: &ResolvedSpec, s: &str) -> TextResult<String> {
    let mut body = s;
    if matches!(spec.conv, 's' | 'r' | 'a') {
        if let Some(p) = spec.precision {
            if let Some((cut, _)) = s.char_indices().nth(p) {
                body = &s[..cut];
            }
        }
    }
    output(spec, body, false)
}

/// `%c` with the character already obtained via [`char_from_code`] or
/// [`char_from_str`].
pub fn format_char(spec: &ResolvedSpec, c: char) -> TextResult<String> {
    let mut buf = [0u8; 4];
    output(spec, c.encode_utf8(&mut buf), false)
}

/// `%c` with an int: `OverflowError("%c arg not in range(0x110000)")` (also
/// for ints that do not fit in `i64`, which the VM should map here).
pub use super::format_spec::char_from_code;

/// `%c` with a str: it must be exactly one character, else
/// `TypeError("%c requires int or char")`.
pub fn char_from_str(s: &str) -> TextResult<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(TextError::type_err(C_REQUIRES_INT_OR_CHAR)),
    }
}

/// `%d %i %u %o %x %X` for an int (CPython's `_PyUnicode_FormatLong` plus
/// padding).  Errors: `MemoryError` for absurd width/precision.
pub fn format_int(spec: &ResolvedSpec, v: &BigInt) -> TextResult<String> {
    let base = int_base(spec.conv);
    format_int_digits(spec, v.is_negative(), &v.abs().to_str_radix(base))
}

/// [`format_int`] for an `i64`.
pub fn format_i64(spec: &ResolvedSpec, v: i64) -> TextResult<String> {
    let a = v.unsigned_abs();
    let digits = match int_base(spec.conv) {
        8 => format!("{a:o}"),
        16 => format!("{a:x}"),
        _ => a.to_string(),
    };
    format_int_digits(spec, v < 0, &digits)
}

fn int_base(conv: char) -> u32 {
    match conv {
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    }
}

fn format_int_digits(spec: &ResolvedSpec, negative: bool, digits: &str) -> TextResult<String> {
    let prec = spec.precision.unwrap_or(0);
    check_alloc(prec)?;
    let mut s = String::with_capacity(digits.len().max(prec) + 3);
    if negative {
        s.push('-');
    }
    if spec.flags.alt {
        match spec.conv {
            'o' => s.push_str("0o"),
            'x' | 'X' => s.push_str("0x"),
            _ => {}
        }
    }
    for _ in digits.len()..prec {
        s.push('0');
    }
    s.push_str(digits);
    if spec.conv == 'X' {
        s.make_ascii_uppercase();
    }
    output(spec, &s, true)
}

/// `%e %E %f %F %g %G` for a float.  Errors: `MemoryError` for absurd
/// width/precision.
pub fn format_float(spec: &ResolvedSpec, x: f64) -> TextResult<String> {
    let prec = spec.precision.unwrap_or(6);
    check_alloc(prec.saturating_add(400))?;
    let flags = DtoaFlags {
        alt: spec.flags.alt,
        ..DtoaFlags::default()
    };
    let s = double_to_string(x, spec.conv, prec, flags);
    output(spec, &s, true)
}

/// Sign handling and padding: CPython's `unicode_format_arg_output`.
fn output(spec: &ResolvedSpec, s: &str, numeric: bool) -> TextResult<String> {
    let flags = spec.flags;
    let mut width = spec.width.unwrap_or(0);
    check_alloc(width)?;
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let mut body = s;
    let mut sign = None;
    if numeric {
        if let Some(c @ ('-' | '+')) = s.chars().next() {
            sign = Some(c);
            body = &s[1..];
        } else if flags.sign {
            sign = Some('+');
        } else if flags.blank {
            sign = Some(' ');
        }
    }
    let mut len = body.chars().count();
    width = width.max(len);
    let mut out = String::with_capacity(width + 4);
    if let Some(c) = sign {
        if fill != ' ' {
            out.push(c);
        }
        if width > len {
            width -= 1;
        }
    }
    // The `0x`/`0o` prefix is only present for int conversions; checking the
    // text too keeps misuse (e.g. a float with conv 'x') from slicing badly.
    let has_prefix = numeric
        && flags.alt
        && matches!(spec.conv, 'x' | 'X' | 'o')
        && (body.starts_with("0x") || body.starts_with("0X") || body.starts_with("0o"));
    if has_prefix {
        if fill != ' ' {
            out.push_str(&body[..2]);
            body = &body[2..];
        }
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !flags.left {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        if let Some(c) = sign {
            out.push(c);
        }
        if has_prefix {
            out.push_str(&body[..2]);
            body = &body[2..];
        }
    }
    out.push_str(body);
    if width > len {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
    Ok(out)
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
