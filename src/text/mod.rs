//! Pure text functions with CPython 3.11 semantics.
//!
//! This module is deliberately independent of every VM type: it works on Rust
//! `&str`, `f64`, `i64` and `num_bigint::BigInt` only, so it can be unit-tested
//! on its own and called from any part of the interpreter.  Each function
//! documents which Python exception the caller must raise for each error; the
//! error value carries CPython's exact message (see [`TextError`]).
//!
//! Topics:
//! * [`float_repr`] – `repr(float)` and the `PyOS_double_to_string` core;
//! * [`format_spec`] – the `format()` mini-language for int, float and str;
//! * [`percent`] – printf-style `%` formatting;
//! * [`numparse`] – `int(str, base)`, `float(str)`, `bin`/`oct`/`hex`;
//! * [`strings`] – `str` methods with code-point indexing semantics;
//! * [`case`] – case mapping and the `str.is*` predicates;
//! * [`strformat`] – parsing of `str.format` templates into fields;
//! * [`repr`] – `repr` of `str`, `bytes` and `complex`, and `ascii()`.
//!
//! Strings here cannot hold lone surrogates (Rust `str` is UTF-8); where CPython
//! would produce one (e.g. `'%c' % 0xD800`) the functions return an error.

pub mod case;
pub mod float_repr;
pub mod format_spec;
pub mod numparse;
pub mod percent;
pub mod repr;
pub mod strformat;
pub mod strings;
mod unicode_tables;

use std::fmt;

/// An error raised by a text function: the variant names the Python exception
/// class the caller must raise, the payload is CPython's exact message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextError {
    /// Raise `ValueError(msg)`.
    ValueError(String),
    /// Raise `TypeError(msg)`.
    TypeError(String),
    /// Raise `OverflowError(msg)`.
    OverflowError(String),
    /// Raise `MemoryError()` (CPython's message is empty).  Returned instead of
    /// attempting a huge allocation, e.g. for `'%999999999999d' % 1`.
    MemoryError(String),
}

impl TextError {
    /// The Python exception class name (`"ValueError"`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            TextError::ValueError(_) => "ValueError",
            TextError::TypeError(_) => "TypeError",
            TextError::OverflowError(_) => "OverflowError",
            TextError::MemoryError(_) => "MemoryError",
        }
    }

    /// The exception message.
    pub fn message(&self) -> &str {
        match self {
            TextError::ValueError(m)
            | TextError::TypeError(m)
            | TextError::OverflowError(m)
            | TextError::MemoryError(m) => m,
        }
    }

    pub(crate) fn value(msg: impl Into<String>) -> Self {
        TextError::ValueError(msg.into())
    }

    pub(crate) fn type_err(msg: impl Into<String>) -> Self {
        TextError::TypeError(msg.into())
    }

    pub(crate) fn overflow(msg: impl Into<String>) -> Self {
        TextError::OverflowError(msg.into())
    }

    pub(crate) fn memory() -> Self {
        TextError::MemoryError(String::new())
    }
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.message();
        if m.is_empty() {
            f.write_str(self.kind())
        } else {
            write!(f, "{}: {}", self.kind(), m)
        }
    }
}

impl std::error::Error for TextError {}

/// Result alias used throughout the module.
pub type TextResult<T> = Result<T, TextError>;

/// Largest output (in characters) a single formatting operation will build.
///
/// CPython happily tries to allocate `width` characters and fails with
/// `MemoryError` for absurd widths; we refuse up front instead of aborting the
/// process on allocation failure.  256 Mi characters is far beyond any
/// realistic program while still safe to allocate.
pub const MAX_OUTPUT_CHARS: usize = 1 << 28;

/// Returns `MemoryError` when `n` characters would exceed [`MAX_OUTPUT_CHARS`].
pub(crate) fn check_alloc(n: usize) -> TextResult<()> {
    if n > MAX_OUTPUT_CHARS {
        Err(TextError::memory())
    } else {
        Ok(())
    }
}

pub use float_repr::float_repr;

#[cfg(test)]
mod no_panic_tests {
    //! Deterministic pseudo-random inputs through every parser: nothing may
    //! panic (errors are fine).
    use super::*;

    const ALPHABET: &[char] = &[
        '{', '}', '[', ']', '!', ':', '.', '%', '*', '(', ')', '-', '+', ' ', '#', '0', '1', '9',
        'x', 'X', 'd', 'e', 'f', 'g', 's', 'r', 'c', 'o', 'b', 'n', ',', '_', 'z', '<', '>', '=',
        '^', 'é', '\t', '\n', 'Σ', 'i', 'a',
    ];

    fn inputs() -> impl Iterator<Item = String> {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        (0..20_000).map(move |_| {
            let mut next = || {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) as usize
            };
            let len = next() % 9;
            (0..len)
                .map(|_| ALPHABET[next() % ALPHABET.len()])
                .collect()
        })
    }

    #[test]
    fn parsers_never_panic() {
        let big = num_bigint::BigInt::from(-1234567890123_i64);
        for s in inputs() {
            let _ = format_spec::format_i64(-42, &s, "int");
            let _ = format_spec::format_int(&big, &s, "int");
            let _ = format_spec::format_float(-1.5e300, &s, "float");
            let _ = format_spec::format_str("héllo", &s, "str");
            for piece in percent::parse_percent(&s) {
                if let percent::PercentPiece::Spec(spec) = piece {
                    if let Ok(r) = spec.resolve(Some(-3), Some(2)) {
                        let _ = percent::format_i64(&r, -255);
                        let _ = percent::format_int(&r, &big);
                        let _ = percent::format_float(&r, f64::NEG_INFINITY);
                        let _ = percent::format_str(&r, "héllo");
                        let _ = percent::format_char(&r, 'é');
                    }
                    let _ = spec.kind();
                }
            }
            let mut auto = strformat::AutoNumber::new();
            for piece in strformat::parse_template(&s) {
                if let strformat::FormatPiece::Field(f) = piece {
                    let _ = strformat::parse_field_name(&f.name, &mut auto);
                    let _ = f.conversion.map(strformat::check_conversion);
                }
            }
            for base in [0, 2, 10, 16, 36] {
                let _ = numparse::int_from_str(&s, base);
            }
            let _ = numparse::float_from_str(&s);
            let _ = strings::split(&s, None, 2);
            let _ = strings::rsplit(&s, Some("e"), -1);
            let _ = strings::find(&s, "é", Some(-2), None);
            let _ = strings::count(&s, "", Some(1), Some(-1));
            let _ = strings::replace(&s, "", "ab", 3);
            let _ = strings::zfill(&s, 7);
            let _ = strings::expandtabs(&s, 3);
            let _ = case::title(&s);
            let _ = case::swapcase(&s);
            let _ = repr::str_repr(&s);
        }
    }
}
