//! `repr()` of `str`, `bytes` and `complex`, and `ascii()`, exactly as
//! CPython 3.11 (`unicode_repr`, `PyBytes_Repr`, `complex_repr`).

use super::case::is_printable;
use super::float_repr::{double_to_string, DtoaFlags};
use std::fmt::Write;

/// Chooses the quote CPython uses: `'` unless the text contains `'` and no `"`.
fn pick_quote(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double {
        '"'
    } else {
        '\''
    }
}

/// `repr(s)` for a Python `str`: quotes, `\\ \' \t \n \r` escapes, `\xNN` for
/// other control characters and non-printable Latin-1, `\uNNNN`/`\UNNNNNNNN`
/// for other non-printable characters; printable non-ASCII kept as is.
pub fn str_repr(s: &str) -> String {
    let quote = pick_quote(s.contains('\''), s.contains('"'));
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => push_hex_escape(&mut out, c),
            c if (c as u32) < 0x7f => out.push(c),
            c if is_printable(c) => out.push(c),
            c => push_hex_escape(&mut out, c),
        }
    }
    out.push(quote);
    out
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN` (lower-case hex) as CPython chooses by size.
fn push_hex_escape(out: &mut String, c: char) {
    let n = c as u32;
    // Writing to a String cannot fail.
    let _ = if n <= 0xff {
        write!(out, "\\x{n:02x}")
    } else if n <= 0xffff {
        write!(out, "\\u{n:04x}")
    } else {
        write!(out, "\\U{n:08x}")
    };
}

/// `ascii(s)` for a `str`: [`str_repr`] with every non-ASCII character
/// escaped.
pub fn str_ascii(s: &str) -> String {
    ascii_escape(&str_repr(s))
}

/// Escapes every non-ASCII character of an already-built repr (what
/// `ascii(obj)` does to `repr(obj)` for any object).
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_hex_escape(&mut out, c);
        }
    }
    out
}

/// `repr(b)` for `bytes`: `b'..'` with CPython's escaping (`\t \n \r \\`,
/// the quote, `\xNN` for bytes outside `0x20..0x7f`).
pub fn bytes_repr(b: &[u8]) -> String {
    bytes_repr_with_prefix(b, "b", "")
}

/// `repr(bytearray(b))`: `bytearray(b'..')`.  Unlike `bytes`, CPython's
/// bytearray repr escapes `'` even inside double quotes.
pub fn bytearray_repr(b: &[u8]) -> String {
    bytes_repr_with_prefix(b, "bytearray(b", ")")
}

fn bytes_repr_with_prefix(b: &[u8], prefix: &str, suffix: &str) -> String {
    let is_bytearray = !suffix.is_empty();
    let quote = pick_quote(b.contains(&b'\''), b.contains(&b'"'));
    let mut out = String::with_capacity(b.len() + prefix.len() + 3);
    out.push_str(prefix);
    out.push(quote);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if byte as char == quote || (is_bytearray && byte == b'\'') => {
                out.push('\\');
                out.push(byte as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out.push(quote);
    out.push_str(suffix);
    out
}

/// `repr(complex(re, im))` (also `str()`): `'(1+2j)'`, `'2j'`, `'(-0-1j)'`,
/// `'(nan+infj)'`.  A real part of `+0.0` is omitted along with the parens.
pub fn complex_repr(re: f64, im: f64) -> String {
    let plain = DtoaFlags::default();
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", double_to_string(im, 'r', 0, plain));
    }
    let signed = DtoaFlags {
        sign: true,
        ..plain
    };
    format!(
        "({}{}j)",
        double_to_string(re, 'r', 0, plain),
        double_to_string(im, 'r', 0, signed)
    )
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
