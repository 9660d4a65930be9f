//! Number parsing and printing: `int(s, base)`, `float(s)`, `bin`/`oct`/
//! `hex`, following CPython 3.11 (`PyLong_FromUnicodeObject`,
//! `PyFloat_FromString`), including Unicode digits and whitespace, the
//! underscore rules of PEP 515 and the 4300-digit `int_max_str_digits` limit.

use super::case::{decimal_value, is_space};
use super::repr::str_repr;
use super::{TextError, TextResult};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

/// CPython 3.11's default `sys.int_info.default_max_str_digits`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// Maps Unicode decimal digits to ASCII and Unicode whitespace to `' '`
/// (CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`); `None` if the
/// string has other non-ASCII characters (always invalid).
fn to_ascii(s: &str) -> Option<String> {
    if s.is_ascii() {
        return Some(s.to_string());
    }
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if is_space(c) {
                Some(' ')
            } else {
                decimal_value(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect()
}

/// Truncates a repr to 200 characters, like CPython's `%.200R`.
fn repr200(s: &str) -> String {
    str_repr(s).chars().take(200).collect()
}

/// `int(s, base)` with the default 4300-digit limit.  See
/// [`int_from_str_limit`].
pub fn int_from_str(s: &str, base: u32) -> TextResult<BigInt> {
    int_from_str_limit(s, base, DEFAULT_MAX_STR_DIGITS)
}

/// `int(s, base)`; `base` is 0 (auto-detect from the prefix) or 2..=36.
/// `max_str_digits` is `sys.get_int_max_str_digits()` (0 = unlimited); it
/// applies to bases that are not powers of two.
///
/// Errors (all `ValueError`): "int() base must be >= 2 and <= 36, or 0",
/// "invalid literal for int() with base 10: 'abc'" (repr of the input,
/// truncated to 200 characters), "Exceeds the limit (4300 digits) for
/// integer string conversion: value has 5000 digits; use
/// sys.set_int_max_str_digits() to increase the limit".
pub fn int_from_str_limit(s: &str, base: u32, max_str_digits: usize) -> TextResult<BigInt> {
    if base == 1 || base > 36 {
        return Err(TextError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = || {
        TextError::value(format!(
            "invalid literal for int() with base {base}: {}",
            repr200(s)
        ))
    };
    let ascii = to_ascii(s).ok_or_else(invalid)?;
    let t = ascii.trim_matches(|c: char| is_space(c));
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let b = t.as_bytes();
    let prefix_base = if b.len() >= 2 && b[0] == b'0' {
        match b[1].to_ascii_lowercase() {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        }
    } else {
        0
    };
    let mut base = base;
    let mut digits = t;
    // After a prefix a single underscore may precede the first digit.
    let mut underscore_ok_first = false;
    if base == 0 {
        if prefix_base != 0 {
            base = prefix_base;
            digits = &t[2..];
            underscore_ok_first = true;
        } else {
            base = 10;
            // A decimal literal with base 0 may not have leading zeros unless
            // it is all zeros ("000", "0_0").
            if b.first() == Some(&b'0') && !t.bytes().all(|c| c == b'0' || c == b'_') {
                return Err(invalid());
            }
        }
    } else if prefix_base == base {
        digits = &t[2..];
        underscore_ok_first = true;
    }
    let mut clean = Vec::with_capacity(digits.len());
    let mut prev_underscore = !underscore_ok_first;
    for c in digits.bytes() {
        if c == b'_' {
            if prev_underscore {
                return Err(invalid());
            }
            prev_underscore = true;
            continue;
        }
        let v = (c as char).to_digit(36).ok_or_else(invalid)?;
        if v >= base {
            return Err(invalid());
        }
        clean.push(c);
        prev_underscore = false;
    }
    if clean.is_empty() || (prev_underscore && !digits.is_empty()) {
        return Err(invalid());
    }
    if !base.is_power_of_two() && max_str_digits > 0 && clean.len() > max_str_digits {
        return Err(TextError::value(format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            clean.len()
        )));
    }
    let v = BigInt::parse_bytes(&clean, base).ok_or_else(invalid)?;
    Ok(if negative { -v } else { v })
}

/// `float(s)` for a str: surrounding whitespace, a sign, digits with PEP 515
/// underscores, an exponent, or `inf`/`infinity`/`nan` in any case.
/// Correctly rounded.  Error: `ValueError("could not convert string to
/// float: 'x'")` with the repr of the input.
pub fn float_from_str(s: &str) -> TextResult<f64> {
    let invalid = || {
        TextError::value(format!(
            "could not convert string to float: {}",
            str_repr(s)
        ))
    };
    let ascii = to_ascii(s).ok_or_else(invalid)?;
    let t = ascii.trim_matches(|c: char| is_space(c));
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let magnitude = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let clean = validate_decimal(body).ok_or_else(invalid)?;
            clean.parse::<f64>().map_err(|_| invalid())?
        }
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// Checks `digits [. digits] [e [sign] digits]` (either side of the point
/// may be empty, not both) with underscores only between digits; returns the
/// text without underscores.
fn validate_decimal(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    // Reads a digit run with single underscores between digits.
    let digits = |i: &mut usize, out: &mut String| -> Option<usize> {
        let mut n = 0;
        while *i < b.len() {
            let c = b[*i];
            if c.is_ascii_digit() {
                out.push(c as char);
                n += 1;
                *i += 1;
            } else if c == b'_' && n > 0 && b.get(*i + 1).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            } else {
                break;
            }
        }
        Some(n)
    };
    let int_digits = digits(&mut i, &mut out)?;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        out.push('.');
        i += 1;
        frac_digits = digits(&mut i, &mut out)?;
    }
    if int_digits + frac_digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        out.push('e');
        i += 1;
        if let Some(&c @ (b'+' | b'-')) = b.get(i) {
            out.push(c as char);
            i += 1;
        }
        if digits(&mut i, &mut out)? == 0 {
            return None;
        }
    }
    (i == b.len()).then_some(out)
}

/// `bin(v)`, `oct(v)`, `hex(v)` (base 2, 8, 16: `'-0b101'`, `'0o10'`,
/// `'0xff'`) and `str(v)` (base 10, no limit check; see
/// [`int_to_decimal_checked`]).  Other bases give plain lower-case digits.
pub fn int_to_str(v: &BigInt, base: u32) -> String {
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let digits = v.abs().to_str_radix(base.clamp(2, 36));
    let sign = if v.is_negative() { "-" } else { "" };
    format!("{sign}{prefix}{digits}")
}

/// `str(v)` honouring `sys.int_info` limits: `ValueError("Exceeds the limit
/// (4300 digits) for integer string conversion; use
/// sys.set_int_max_str_digits() to increase the limit")` when the decimal
/// form would have more than `max_str_digits` digits (0 = unlimited).
pub fn int_to_decimal_checked(v: &BigInt, max_str_digits: usize) -> TextResult<String> {
    // Cheap pre-check on the bit length (CPython also estimates first).
    if max_str_digits > 0 && !v.is_zero() {
        let bits = v.bits();
        // digits >= floor((bits - 1) * log10(2)) + 1
        let min_digits = ((bits - 1) as f64 * std::f64::consts::LOG10_2) as u64 + 1;
        if min_digits > max_str_digits as u64 + 1 {
            return Err(limit_error(max_str_digits));
        }
    }
    let s = v.to_string();
    let n = s.len() - usize::from(v.is_negative());
    if max_str_digits > 0 && n > max_str_digits {
        return Err(limit_error(max_str_digits));
    }
    Ok(s)
}

fn limit_error(limit: usize) -> TextError {
    TextError::value(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
