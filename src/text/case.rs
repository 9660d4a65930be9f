//! Case mapping (`lower`, `upper`, `casefold`, `title`, `capitalize`,
//! `swapcase`) and the `str.is*` predicates with CPython 3.11 semantics.
//!
//! Predicates use tables generated from CPython's own Unicode database
//! (see `unicode_tables.rs`); plain lower/upper mappings use Rust's full case
//! mappings, which agree with CPython apart from characters added to Unicode
//! after version 14.

use super::unicode_tables as t;

/// Binary search in a flat `[lo, hi, lo, hi, ...]` range table.
fn in_table(table: &[u32], c: char) -> bool {
    let c = c as u32;
    let n = table.len() / 2;
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if c < table[2 * mid] {
            hi = mid;
        } else if c > table[2 * mid + 1] {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    false
}

/// Looks up a character in a sorted `(char, mapping)` exception table.
fn lookup(table: &'static [(char, &'static str)], c: char) -> Option<&'static str> {
    table
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// `c.isprintable()` (used by `repr`).
pub fn is_printable(c: char) -> bool {
    in_table(t::PRINTABLE, c)
}

/// Python whitespace (`c.isspace()`), also used by `split()`/`strip()`.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r' | '\x1c'..='\x1f');
    }
    in_table(t::SPACE, c)
}

/// `c.isalpha()`.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_table(t::ALPHA, c)
}

/// `c.isdecimal()`.
pub fn is_decimal(c: char) -> bool {
    in_table(t::DECIMAL, c)
}

/// The value of a decimal digit character (any script), as
/// `unicodedata.decimal`; every decimal range in Unicode starts at a zero.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let table = t::DECIMAL;
    let i = table
        .chunks_exact(2)
        .position(|r| r[0] <= c as u32 && c as u32 <= r[1])?;
    Some((c as u32 - table[2 * i]) % 10)
}

/// `c.isdigit()`.
pub fn is_digit(c: char) -> bool {
    in_table(t::DIGIT, c)
}

/// `c.isnumeric()`.
pub fn is_numeric(c: char) -> bool {
    in_table(t::NUMERIC, c)
}

/// `c.islower()` for one character (Unicode `Lowercase`).
pub fn is_lower_char(c: char) -> bool {
    in_table(t::LOWER, c)
}

/// `c.isupper()` for one character (Unicode `Uppercase`).
pub fn is_upper_char(c: char) -> bool {
    in_table(t::UPPER, c)
}

/// Titlecase letter (category Lt).
pub fn is_title_char(c: char) -> bool {
    in_table(t::TITLECASE, c)
}

/// Unicode `Cased`.
pub fn is_cased(c: char) -> bool {
    is_lower_char(c) || is_upper_char(c) || is_title_char(c)
}

fn is_case_ignorable(c: char) -> bool {
    in_table(t::CASE_IGNORABLE, c)
}

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

/// `s.isspace()`.
pub fn isspace(s: &str) -> bool {
    all_nonempty(s, is_space)
}
/// `s.isalpha()`.
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, is_alpha)
}
/// `s.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, is_decimal)
}
/// `s.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, is_digit)
}
/// `s.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, is_numeric)
}
/// `s.isalnum()`.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, |c| {
        is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
    })
}
/// `s.isascii()` (true for the empty string).
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}
/// `s.isprintable()` (true for the empty string).
pub fn isprintable(s: &str) -> bool {
    s.chars().all(is_printable)
}

/// `s.isidentifier()`: XID_Start or `_`, then XID_Continue.
pub fn isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if in_table(t::XID_START, c) => it.all(|c| in_table(t::XID_CONTINUE, c)),
        _ => false,
    }
}

/// `s.islower()`: no upper/titlecase characters and at least one lowercase.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper_char(c) || is_title_char(c) {
            return false;
        }
        cased |= is_lower_char(c);
    }
    cased
}

/// `s.isupper()`: no lower/titlecase characters and at least one uppercase.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower_char(c) || is_title_char(c) {
            return false;
        }
        cased |= is_upper_char(c);
    }
    cased
}

/// `s.istitle()`: upper/titlecase only after uncased characters, lowercase
/// only after cased ones, and at least one cased character.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in s.chars() {
        if is_upper_char(c) || is_title_char(c) {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if is_lower_char(c) {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

/// `s.lower()` (full mappings, final-sigma rule).
pub fn lower(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        push_lower(&mut out, &chars, i);
    }
    out
}

/// `s.upper()` (full mappings: `'ß'` -> `'SS'`).
pub fn upper(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().flat_map(char::to_uppercase));
    out
}

/// `s.casefold()` (full case folding: `'ß'` -> `'ss'`).
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match lookup(t::FOLD_EXCEPTIONS, c) {
            Some(m) => out.push_str(m),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Lowercases `chars[i]` into `out`, applying CPython's final-sigma rule
/// (`handle_capital_sigma`): Σ becomes ς after a cased letter (skipping
/// case-ignorables) when no cased letter follows.
fn push_lower(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c != '\u{3a3}' {
        out.extend(c.to_lowercase());
        return;
    }
    let before = chars[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    let mut final_sigma = before.is_some_and(|&c| is_cased(c));
    if final_sigma {
        let after = chars[i + 1..].iter().find(|&&c| !is_case_ignorable(c));
        final_sigma = after.is_none_or(|&c| !is_cased(c));
    }
    out.push(if final_sigma { '\u{3c2}' } else { '\u{3c3}' });
}

fn push_title(out: &mut String, c: char) {
    match lookup(t::TITLE_EXCEPTIONS, c) {
        Some(m) => out.push_str(m),
        None => out.extend(c.to_uppercase()),
    }
}

/// `s.title()`: titlecase after uncased characters, lowercase after cased.
pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut previous_is_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_is_cased {
            push_lower(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        previous_is_cased = is_cased(c);
    }
    out
}

/// `s.capitalize()`: first character titlecased, the rest lowercased.
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            push_title(&mut out, c);
        } else {
            push_lower(&mut out, &chars, i);
        }
    }
    out
}

/// `s.swapcase()`.
pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_upper_char(c) {
            push_lower(&mut out, &chars, i);
        } else if is_lower_char(c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
