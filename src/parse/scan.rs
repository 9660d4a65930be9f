//! A light tokenizer pass run before the real parser.
//!
//! It finds what CPython's tokenizer reports on its own (unclosed/unmatched/mismatched
//! brackets, unterminated strings, too deep nesting, tab/space inconsistencies, unindent
//! errors) and bounds the nesting depth of the source so the recursive parser never sees
//! pathological input. It also answers the REPL's "is this input complete?" question.

/// Maximum bracket nesting (CPython's tokenizer MAXLEVEL).
pub const MAX_BRACKET_DEPTH: usize = 200;
/// Maximum indentation levels (CPython's tokenizer MAXINDENT).
pub const MAX_INDENT: usize = 100;

/// A tokenizer-level error: kind (0 syntax, 1 indentation, 2 tab), message, byte range.
#[derive(Clone, Debug)]
pub struct ScanError {
    pub kind: u8,
    pub msg: String,
    pub start: usize,
    pub end: usize,
}

/// What the scan found.
#[derive(Default, Debug)]
pub struct ScanInfo {
    /// The first tokenizer error, if any (excluding unclosed brackets at EOF).
    pub error: Option<ScanError>,
    /// Brackets still open at the end of input: (char, byte offset).
    pub open: Vec<(char, usize)>,
    /// Start offset of an unterminated triple-quoted string running to EOF.
    pub open_triple: Option<usize>,
    /// The last logical line ends with a backslash continuation.
    pub trailing_backslash: bool,
    /// The last non-blank, non-comment line ends with ':' (outside brackets).
    pub last_colon: bool,
    /// The longest run of prefix operators (unary `-`/`+`/`~`/`not`, `lambda`, `await`, `**`).
    pub max_prefix_run: usize,
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

/// Scans `src`.
pub fn scan(src: &str) -> ScanInfo {
    let b = src.as_bytes();
    let n = b.len();
    let mut info = ScanInfo::default();
    let mut stack: Vec<(char, usize)> = Vec::new();
    // Indentation stacks (tab size 8 and tab size 1, like CPython's altcol check).
    let mut indents: Vec<usize> = vec![0];
    let mut alt: Vec<usize> = vec![0];
    let mut i = 0usize;
    let mut at_line_start = true;
    let mut prefix_run = 0usize;
    let mut line_colon = false;
    let set_err = |info: &mut ScanInfo, kind: u8, msg: String, s: usize, e: usize| {
        if info.error.is_none() {
            info.error = Some(ScanError {
                kind,
                msg,
                start: s,
                end: e,
            });
        }
    };
    while i < n {
        if at_line_start && stack.is_empty() {
            // Measure indentation.
            let mut col = 0usize;
            let mut altcol = 0usize;
            let line_start = i;
            while i < n && (b[i] == b' ' || b[i] == b'\t' || b[i] == 0x0c) {
                match b[i] {
                    b' ' => {
                        col += 1;
                        altcol += 1;
                    }
                    b'\t' => {
                        col = (col / 8 + 1) * 8;
                        altcol += 1;
                    }
                    _ => {
                        col = 0;
                        altcol = 0;
                    }
                }
                i += 1;
            }
            at_line_start = false;
            if i >= n || b[i] == b'\n' || b[i] == b'\r' || b[i] == b'#' {
                // Blank or comment-only line: no indentation change.
            } else if b[i] == b'\\' && i + 1 < n && (b[i + 1] == b'\n' || b[i + 1] == b'\r') {
                // Continuation-only line.
            } else {
                line_colon = false;
                let top = *indents.last().unwrap_or(&0);
                let alttop = *alt.last().unwrap_or(&0);
                if col > top {
                    if altcol <= alttop {
                        set_err(
                            &mut info,
                            2,
                            "inconsistent use of tabs and spaces in indentation".into(),
                            line_start,
                            i,
                        );
                    }
                    indents.push(col);
                    alt.push(altcol);
                    if indents.len() > MAX_INDENT {
                        set_err(
                            &mut info,
                            1,
                            "too many levels of indentation".into(),
                            line_start,
                            i,
                        );
                        return info;
                    }
                } else if col < top {
                    while indents.len() > 1 && col < *indents.last().unwrap_or(&0) {
                        indents.pop();
                        alt.pop();
                    }
                    if col != *indents.last().unwrap_or(&0) {
                        set_err(
                            &mut info,
                            1,
                            "unindent does not match any outer indentation level".into(),
                            i,
                            i,
                        );
                    } else if altcol != *alt.last().unwrap_or(&0) {
                        set_err(
                            &mut info,
                            2,
                            "inconsistent use of tabs and spaces in indentation".into(),
                            line_start,
                            i,
                        );
                    }
                } else if altcol != alttop {
                    set_err(
                        &mut info,
                        2,
                        "inconsistent use of tabs and spaces in indentation".into(),
                        line_start,
                        i,
                    );
                }
            }
            continue;
        }
        let c = b[i];
        match c {
            b'\n' => {
                if stack.is_empty() {
                    at_line_start = true;
                    info.trailing_backslash = false;
                }
                i += 1;
            }
            b'\r' | b' ' | b'\t' | 0x0c => i += 1,
            b'#' => {
                while i < n && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'\\' => {
                i += 1;
                if i < n && b[i] == b'\r' {
                    i += 1;
                }
                if i < n && b[i] == b'\n' {
                    i += 1;
                    if i >= n {
                        info.trailing_backslash = true;
                    }
                } else if i >= n {
                    info.trailing_backslash = true;
                }
            }
            b'(' | b'[' | b'{' => {
                stack.push((c as char, i));
                if stack.len() > MAX_BRACKET_DEPTH {
                    set_err(&mut info, 0, "too many nested parentheses".into(), i, i + 1);
                    return info;
                }
                prefix_run = 0;
                line_colon = false;
                i += 1;
            }
            b')' | b']' | b'}' => {
                let want = match c {
                    b')' => '(',
                    b']' => '[',
                    _ => '{',
                };
                match stack.pop() {
                    None => set_err(&mut info, 0, format!("unmatched '{}'", c as char), i, i + 1),
                    Some((open, at)) if open != want => {
                        let (l1, l2) = (line_of(b, at), line_of(b, i));
                        let msg = if l1 != l2 {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as char, open, l1
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as char, open
                            )
                        };
                        set_err(&mut info, 0, msg, i, i + 1);
                    }
                    _ => {}
                }
                prefix_run = 0;
                line_colon = false;
                i += 1;
            }
            b'"' | b'\'' => {
                let start = i;
                i = skip_string(b, i, &mut info, start);
                prefix_run = 0;
                line_colon = false;
            }
            b':' => {
                line_colon = stack.is_empty();
                prefix_run = 0;
                i += 1;
                if i < n && b[i] == b'=' {
                    i += 1;
                    line_colon = false;
                }
            }
            b'-' | b'+' | b'~' | b'*' => {
                line_colon = false;
                prefix_run += 1;
                info.max_prefix_run = info.max_prefix_run.max(prefix_run);
                i += 1;
            }
            _ => {
                line_colon = false;
                let ch = src.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
                let dot_number = ch == '.' && b.get(i + 1).is_some_and(|c| c.is_ascii_digit());
                if ch.is_ascii_digit() || dot_number {
                    let (end, err) = number(b, i);
                    if let Some((msg, s, e)) = err {
                        set_err(&mut info, 0, msg, s, e);
                    }
                    i = end.max(i + 1);
                    prefix_run = 0;
                } else if is_ident_start(ch) {
                    let s = i;
                    while i < n {
                        let ch = src.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
                        if ch == '_' || ch.is_alphanumeric() {
                            i += ch.len_utf8();
                        } else {
                            break;
                        }
                    }
                    let word = &src[s..i];
                    // String prefixes.
                    if i < n
                        && (b[i] == b'"' || b[i] == b'\'')
                        && word.len() <= 3
                        && word.chars().all(|c| "rRbBuUfF".contains(c))
                    {
                        i = skip_string(b, i, &mut info, s);
                        prefix_run = 0;
                        continue;
                    }
                    if matches!(word, "not" | "lambda" | "await" | "if" | "else") {
                        prefix_run += 1;
                        info.max_prefix_run = info.max_prefix_run.max(prefix_run);
                    } else {
                        prefix_run = 0;
                    }
                } else {
                    if ch != '.' && ch != '=' && ch != '<' && ch != '>' {
                        prefix_run = 0;
                    }
                    i += ch.len_utf8().max(1);
                }
            }
        }
    }
    info.open = stack;
    info.last_colon = line_colon;
    info
}

/// Skips a string literal starting at the quote `b[i]`; returns the index after it.
fn skip_string(b: &[u8], mut i: usize, info: &mut ScanInfo, start: usize) -> usize {
    let n = b.len();
    let q = b[i];
    let triple = i + 2 < n && b[i + 1] == q && b[i + 2] == q;
    if triple {
        i += 3;
        while i < n {
            if b[i] == b'\\' {
                i += 2;
                continue;
            }
            if b[i] == q && i + 2 < n && b[i + 1] == q && b[i + 2] == q {
                return i + 3;
            }
            i += 1;
        }
        info.open_triple = Some(start);
        if info.error.is_none() {
            info.error = Some(ScanError {
                kind: 0,
                msg: format!(
                    "unterminated triple-quoted string literal (detected at line {})",
                    line_of(b, n.saturating_sub(1)).max(1)
                ),
                start,
                end: start,
            });
        }
        n
    } else {
        i += 1;
        while i < n {
            match b[i] {
                b'\\' => {
                    i += 2;
                    continue;
                }
                b'\n' => break,
                c if c == q => return i + 1,
                _ => i += 1,
            }
        }
        if info.error.is_none() {
            let end_line = line_of(b, i.min(n).saturating_sub(1)).max(line_of(b, start));
            info.error = Some(ScanError {
                kind: 0,
                msg: format!("unterminated string literal (detected at line {end_line})"),
                start,
                end: start,
            });
        }
        i.min(n)
    }
}

/// 1-based line of byte offset `at`.
fn line_of(b: &[u8], at: usize) -> usize {
    1 + b[..at.min(b.len())].iter().filter(|&&c| c == b'\n').count()
}

/// Scans a number literal at `b[start]`; returns its end and CPython's tokenizer error, if any
/// (message, byte range).
#[allow(clippy::type_complexity)]
fn number(b: &[u8], start: usize) -> (usize, Option<(String, usize, usize)>) {
    let n = b.len();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let ident = |c: u8| c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80;
    let mut i = start;
    let err = |msg: &str, s: usize| Some((msg.to_string(), s, s + 1));
    if at(i) == b'0' && matches!(at(i + 1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
        let (radix, name) = match at(i + 1) {
            b'x' | b'X' => (16, "hexadecimal"),
            b'o' | b'O' => (8, "octal"),
            _ => (2, "binary"),
        };
        i += 2;
        let mut digits = 0;
        loop {
            if at(i) == b'_' {
                i += 1;
            }
            let c = at(i);
            if (c as char).is_digit(radix) {
                i += 1;
                digits += 1;
                continue;
            }
            if c.is_ascii_digit() {
                return (
                    i + 1,
                    Some((
                        format!("invalid digit '{}' in {name} literal", c as char),
                        i,
                        i + 1,
                    )),
                );
            }
            if digits == 0 || at(i - 1) == b'_' || ident(c) {
                let p = if digits == 0 {
                    start + 1
                } else {
                    i.saturating_sub(1)
                };
                let p = if at(i - 1) == b'_' { i - 1 } else { p };
                return (i.max(start + 2), err(&format!("invalid {name} literal"), p));
            }
            return (i, None);
        }
    }
    // Decimal integer part.
    let int_start = i;
    while i < n {
        if at(i).is_ascii_digit() {
            i += 1;
        } else if at(i) == b'_' {
            if !at(i + 1).is_ascii_digit() {
                return (i + 1, err("invalid decimal literal", i));
            }
            i += 1;
        } else {
            break;
        }
    }
    let int_end = i;
    let mut is_float = false;
    if at(i) == b'.' {
        is_float = true;
        i += 1;
        while i < n && (at(i).is_ascii_digit() || at(i) == b'_') {
            if at(i) == b'_' && !at(i + 1).is_ascii_digit() {
                return (i + 1, err("invalid decimal literal", i));
            }
            i += 1;
        }
    }
    if matches!(at(i), b'e' | b'E') {
        let mut j = i + 1;
        if matches!(at(j), b'+' | b'-') {
            j += 1;
        }
        if !at(j).is_ascii_digit() {
            return (j, err("invalid decimal literal", start));
        }
        is_float = true;
        i = j;
        while i < n && (at(i).is_ascii_digit() || at(i) == b'_') {
            if at(i) == b'_' && !at(i + 1).is_ascii_digit() {
                return (i + 1, err("invalid decimal literal", i));
            }
            i += 1;
        }
    }
    let mut imaginary = false;
    if matches!(at(i), b'j' | b'J') {
        imaginary = true;
        i += 1;
    }
    if !is_float && !imaginary && int_end > int_start + 1 && at(int_start) == b'0' {
        let digits = &b[int_start..int_end];
        if digits.iter().any(|&c| c != b'0' && c != b'_') {
            return (
                i,
                Some((
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers".to_string(),
                    start,
                    start + 1,
                )),
            );
        }
    }
    if ident(at(i)) {
        // A keyword may follow a number directly (`1if x else y`).
        let mut j = i;
        while j < n && ident(at(j)) {
            j += 1;
        }
        let word = &b[i..j];
        let ok = [
            &b"and"[..],
            b"else",
            b"for",
            b"if",
            b"in",
            b"is",
            b"not",
            b"or",
        ]
        .iter()
        .any(|k| word.starts_with(k));
        if !ok {
            if imaginary {
                return (j, err("invalid imaginary literal", i - 1));
            }
            return (j, err("invalid decimal literal", start));
        }
    }
    (i, None)
}
