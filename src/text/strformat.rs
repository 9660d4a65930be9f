//! Parsing of `str.format` / `str.format_map` templates, ported from
//! CPython 3.11's `Objects/stringlib/unicode_format.h`.
//!
//! Only parsing lives here; the VM evaluates fields.  Its loop, matching
//! CPython's `build_string`/`output_markup`:
//!
//! 1. [`parse_template`] gives [`FormatPiece`]s; a malformed template ends
//!    with [`FormatPiece::Error`], raised only after earlier fields ran.
//! 2. For a [`FormatField`]: [`parse_field_name`] (with one [`AutoNumber`]
//!    shared by the whole call, nested specs included) gives the argument
//!    ([`FieldFirst`]) and accessor chain.  Look the argument up
//!    (`IndexError("Replacement index 0 out of range for positional args
//!    tuple")` via [`index_out_of_range`], or `KeyError(name)`), apply each
//!    [`FieldAccess`], then raise [`FieldName::rest_error`] if set.
//! 3. Apply the conversion ([`check_conversion`]: `!r !s !a`).
//! 4. If `spec_needs_expanding`, format `spec` itself recursively with the
//!    same arguments and depth − 1; the top level has depth 2 and depth 0 is
//!    `ValueError(MAX_RECURSION)`.
//! 5. Call `format(value, spec)`.

use super::case::decimal_value;
use super::{TextError, TextResult};

/// `ValueError` raised when specs nest deeper than `'{:{:{}}}'`.
pub const MAX_RECURSION: &str = "Max string recursion exceeded";

/// A piece of a `str.format` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatPiece {
    /// Literal text with `{{`/`}}` already unescaped.
    Literal(String),
    /// A replacement field.
    Field(FormatField),
    /// The template is malformed here (a `ValueError`).
    Error(TextError),
}

/// A replacement field `{name!conv:spec}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatField {
    /// Raw field name (`"0"`, `"name.attr[0]"`, or `""` for auto-numbering);
    /// split it with [`parse_field_name`].
    pub name: String,
    /// Conversion character after `!` (validated by [`check_conversion`]).
    pub conversion: Option<char>,
    /// Raw format spec after `:` (may contain nested `{...}` fields).
    pub spec: String,
    /// True when `spec` contains `{` and must itself be formatted first.
    pub spec_needs_expanding: bool,
}

/// Parses a template (CPython's `MarkupIterator`).  Never fails: errors are
/// a trailing [`FormatPiece::Error`].
pub fn parse_template(template: &str) -> Vec<FormatPiece> {
    let chars: Vec<char> = template.chars().collect();
    let mut pieces: Vec<FormatPiece> = Vec::new();
    let mut lit = String::new();
    // CPython reports an error together with the literal text since the last
    // escaped brace, so that text is never emitted; `safe` marks its start.
    let mut safe = 0;
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        i += 1;
        if c != '{' && c != '}' {
            lit.push(c);
            continue;
        }
        let at_end = i >= n;
        if c == '}' && (at_end || chars[i] != '}') {
            lit.truncate(safe);
            flush(&mut pieces, &mut lit);
            pieces.push(FormatPiece::Error(TextError::value(
                "Single '}' encountered in format string",
            )));
            return pieces;
        }
        if at_end {
            lit.truncate(safe);
            flush(&mut pieces, &mut lit);
            pieces.push(FormatPiece::Error(TextError::value(
                "Single '{' encountered in format string",
            )));
            return pieces;
        }
        if chars[i] == c {
            // Escaped brace.
            lit.push(c);
            safe = lit.len();
            i += 1;
            continue;
        }
        match parse_field(&chars, &mut i) {
            Ok(f) => {
                flush(&mut pieces, &mut lit);
                safe = 0;
                pieces.push(FormatPiece::Field(f));
            }
            Err(e) => {
                lit.truncate(safe);
                flush(&mut pieces, &mut lit);
                pieces.push(FormatPiece::Error(e));
                return pieces;
            }
        }
    }
    flush(&mut pieces, &mut lit);
    pieces
}

fn flush(pieces: &mut Vec<FormatPiece>, lit: &mut String) {
    if !lit.is_empty() {
        pieces.push(FormatPiece::Literal(std::mem::take(lit)));
    }
}

/// Parses a field after its `{` up to and including the closing `}`.
fn parse_field(chars: &[char], i: &mut usize) -> TextResult<FormatField> {
    let n = chars.len();
    let name_start = *i;
    let mut c = '\0';
    while *i < n {
        c = chars[*i];
        *i += 1;
        match c {
            '{' => return Err(TextError::value("unexpected '{' in field name")),
            '[' => {
                while *i < n && chars[*i] != ']' {
                    *i += 1;
                }
                continue;
            }
            '}' | ':' | '!' => break,
            _ => continue,
        }
    }
    let name_end = if matches!(c, '}' | ':' | '!') {
        *i - 1
    } else {
        *i
    };
    let name: String = chars[name_start..name_end].iter().collect();
    let mut field = FormatField {
        name,
        conversion: None,
        spec: String::new(),
        spec_needs_expanding: false,
    };
    if c == '}' && name_end < n {
        return Ok(field);
    }
    if c != '!' && c != ':' {
        return Err(TextError::value("expected '}' before end of string"));
    }
    if c == '!' {
        if *i >= n {
            return Err(TextError::value(
                "end of string while looking for conversion specifier",
            ));
        }
        field.conversion = Some(chars[*i]);
        *i += 1;
        if *i < n {
            let c2 = chars[*i];
            *i += 1;
            if c2 == '}' {
                return Ok(field);
            }
            if c2 != ':' {
                return Err(TextError::value("expected ':' after conversion specifier"));
            }
        }
    }
    let spec_start = *i;
    let mut depth = 1;
    while *i < n {
        let c = chars[*i];
        *i += 1;
        match c {
            '{' => {
                field.spec_needs_expanding = true;
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    field.spec = chars[spec_start..*i - 1].iter().collect();
                    return Ok(field);
                }
            }
            _ => {}
        }
    }
    Err(TextError::value("unmatched '{' in format spec"))
}

/// Validates a conversion: `Ok` for `r`, `s`, `a`; otherwise
/// `ValueError("Unknown conversion specifier x")` (CPython raises it after
/// looking up the field's value).
pub fn check_conversion(c: char) -> TextResult<char> {
    match c {
        'r' | 's' | 'a' => Ok(c),
        c if (c as u32) > 32 && (c as u32) < 128 => Err(TextError::value(format!(
            "Unknown conversion specifier {c}"
        ))),
        c => Err(TextError::value(format!(
            "Unknown conversion specifier \\x{:x}",
            c as u32
        ))),
    }
}

/// The argument a field refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldFirst {
    /// Positional argument (explicit or auto-numbered).
    Index(usize),
    /// Keyword argument (`KeyError(name)` if missing).
    Keyword(String),
}

/// One accessor applied after the first lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldAccess {
    /// `.name`: `getattr`.
    Attr(String),
    /// `[123]`: `__getitem__` with an int.
    Index(usize),
    /// `[key]`: `__getitem__` with a str.
    Key(String),
}

/// A split field name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldName {
    pub first: FieldFirst,
    /// Accessors that parsed successfully, in order.
    pub rest: Vec<FieldAccess>,
    /// A `ValueError` to raise after applying `rest` ("Empty attribute in
    /// format string", "Missing ']' in format string", "Only '.' or '[' may
    /// follow ']' in format field specifier", "Too many decimal digits in
    /// format string").
    pub rest_error: Option<TextError>,
}

/// Auto-numbering state shared by one `str.format` call (nested specs
/// included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AutoNumber {
    state: Option<bool>, // None: undecided; Some(true): auto; Some(false): manual
    next: usize,
}

impl AutoNumber {
    pub fn new() -> Self {
        Self::default()
    }
}

/// `IndexError` message for a positional field beyond the arguments.
pub fn index_out_of_range(i: usize) -> String {
    format!("Replacement index {i} out of range for positional args tuple")
}

/// CPython's `get_integer` on a field-name part: `None` if it is not all
/// (Unicode) decimal digits, `Some(Err)` on overflow.
fn get_integer(s: &[char]) -> Option<TextResult<usize>> {
    if s.is_empty() {
        return None;
    }
    let mut acc: usize = 0;
    for &c in s {
        let d = decimal_value(c)? as usize;
        if acc > (isize::MAX as usize - d) / 10 {
            return Some(Err(TextError::value(
                "Too many decimal digits in format string",
            )));
        }
        acc = acc * 10 + d;
    }
    Some(Ok(acc))
}

/// Splits a field name (CPython's `field_name_split` + `FieldNameIterator`).
///
/// Errors (`ValueError`), raised before any lookup: "cannot switch from
/// manual field specification to automatic field numbering" (and the
/// reverse), "Too many decimal digits in format string".
pub fn parse_field_name(name: &str, auto: &mut AutoNumber) -> TextResult<FieldName> {
    let chars: Vec<char> = name.chars().collect();
    let split = chars
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(chars.len());
    let first_part = &chars[..split];
    let idx = get_integer(first_part).transpose()?;
    let empty = first_part.is_empty();
    if empty || idx.is_some() {
        if auto.state.is_none() {
            auto.state = Some(empty);
        }
        match (auto.state, empty) {
            (Some(false), true) => {
                return Err(TextError::value(
                    "cannot switch from manual field specification to automatic field numbering",
                ))
            }
            (Some(true), false) => {
                return Err(TextError::value(
                    "cannot switch from automatic field numbering to manual field specification",
                ))
            }
            _ => {}
        }
    }
    let first = if empty {
        let i = auto.next;
        auto.next += 1;
        FieldFirst::Index(i)
    } else {
        match idx {
            Some(i) => FieldFirst::Index(i),
            None => FieldFirst::Keyword(first_part.iter().collect()),
        }
    };
    let mut rest = Vec::new();
    let mut rest_error = None;
    let mut i = split;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        i += 1;
        let access = match c {
            '.' => {
                let start = i;
                while i < n && chars[i] != '.' && chars[i] != '[' {
                    i += 1;
                }
                let s: String = chars[start..i].iter().collect();
                if s.is_empty() {
                    Err("Empty attribute in format string".to_string())
                } else {
                    Ok(FieldAccess::Attr(s))
                }
            }
            '[' => {
                let start = i;
                while i < n && chars[i] != ']' {
                    i += 1;
                }
                if i >= n {
                    Err("Missing ']' in format string".to_string())
                } else {
                    let part = &chars[start..i];
                    i += 1;
                    match get_integer(part) {
                        Some(Err(e)) => Err(e.message().to_string()),
                        _ if part.is_empty() => Err("Empty attribute in format string".to_string()),
                        Some(Ok(k)) => Ok(FieldAccess::Index(k)),
                        None => Ok(FieldAccess::Key(part.iter().collect())),
                    }
                }
            }
            _ => Err("Only '.' or '[' may follow ']' in format field specifier".to_string()),
        };
        match access {
            Ok(a) => rest.push(a),
            Err(msg) => {
                rest_error = Some(TextError::value(msg));
                break;
            }
        }
    }
    Ok(FieldName {
        first,
        rest,
        rest_error,
    })
}

#[cfg(test)]
#[rustfmt::skip]
mod tests;
