//! Mapping ruff's parse errors (and the pre-scan's findings) to CPython 3.11's messages and
//! locations.

use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{InterpolatedStringErrorType, LexicalErrorType, ParseErrorType, Parsed};

use super::scan::ScanInfo;
use super::{LineMap, SyntaxError, SyntaxErrorKind};

/// Longest accepted run of prefix operators before parsing (keeps the parser's recursion bounded).
const MAX_PREFIX_RUN: usize = 1000;

fn kind_of(k: u8) -> SyntaxErrorKind {
    match k {
        1 => SyntaxErrorKind::Indentation,
        2 => SyntaxErrorKind::Tab,
        _ => SyntaxErrorKind::Syntax,
    }
}

/// Errors that must stop us before running the recursive parser.
pub fn fatal_scan_error(info: &ScanInfo, src: &str, filename: &str) -> Option<SyntaxError> {
    if let Some(e) = &info.error {
        if e.msg.starts_with("too many") {
            let mut err = SyntaxError::at(
                kind_of(e.kind),
                e.msg.clone(),
                filename,
                src,
                e.start,
                e.end,
            );
            if e.kind == 1 {
                err.offset = 0;
            }
            return Some(err);
        }
    }
    if info.max_prefix_run > MAX_PREFIX_RUN {
        let mut err = SyntaxError::at(
            SyntaxErrorKind::Recursion,
            crate::parse::RECURSION_MSG,
            filename,
            src,
            0,
            0,
        );
        err.text = None;
        return Some(err);
    }
    None
}

fn scan_error(info: &ScanInfo, src: &str, filename: &str) -> Option<SyntaxError> {
    let e = info.error.as_ref()?;
    let mut err = SyntaxError::at(
        kind_of(e.kind),
        e.msg.clone(),
        filename,
        src,
        e.start,
        e.end,
    );
    if e.msg.starts_with("unindent") {
        // CPython points just past the end of the line.
        let len = err.text.as_deref().map_or(0, |t| t.chars().count()) as u32;
        err.offset = len + 1;
        err.end_offset = 0;
    } else if e.kind == 2 {
        err.offset = 1;
        err.end_offset = 0;
    } else if e.msg.starts_with("unmatched")
        || e.msg.starts_with("closing")
        || e.msg.starts_with("unterminated")
    {
        err.end_offset = err.offset;
    }
    Some(err)
}

fn never_closed(info: &ScanInfo, src: &str, filename: &str) -> Option<SyntaxError> {
    let &(c, at) = info.open.last()?;
    let mut err = SyntaxError::at(
        SyntaxErrorKind::Syntax,
        format!("'{c}' was never closed"),
        filename,
        src,
        at,
        at + 1,
    );
    err.end_offset = 0;
    Some(err)
}

/// Byte offset where the significant source ends (trailing whitespace/comments excluded).
fn significant_end(src: &str) -> usize {
    src.trim_end().len()
}

/// The error to report for a parse, if any.
pub fn first_error<T>(
    parsed: &Parsed<T>,
    info: &ScanInfo,
    src: &str,
    filename: &str,
) -> Option<SyntaxError> {
    let first = parsed.errors().first();
    let Some(pe) = first else {
        if let Some(e) = scan_error(info, src, filename) {
            return Some(e);
        }
        if let Some(u) = parsed.unsupported_syntax_errors().first() {
            let s = u.range.start().to_usize();
            return Some(SyntaxError::at(
                SyntaxErrorKind::Syntax,
                "invalid syntax",
                filename,
                src,
                s,
                u.range.end().to_usize(),
            ));
        }
        return None;
    };
    let start = pe.location.start().to_usize().min(src.len());
    let end = pe.location.end().to_usize().min(src.len()).max(start);
    // Tokenizer errors before (or at) the parse error win, as in CPython.
    if let Some(se) = &info.error {
        if se.start <= end || is_generic(&pe.error) {
            return scan_error(info, src, filename);
        }
    }
    let lines = LineMap::new(src);
    let err_line = lines.pos(start).0;
    if is_generic(&pe.error) {
        if let Some(&(_, at)) = info.open.last() {
            if err_line > lines.pos(at).0 || start >= significant_end(src) {
                return never_closed(info, src, filename);
            }
        }
    }
    let at = |kind: SyntaxErrorKind, msg: String, s: usize, e: usize| {
        SyntaxError::at(kind, msg, filename, src, s, e)
    };
    let syn = SyntaxErrorKind::Syntax;
    let at_eof = start >= significant_end(src);
    let eof_adjust = |mut e: SyntaxError, block: bool| {
        if at_eof && (block || start == end) {
            // Reported on the last line, without a caret (what CPython prints for scripts).
            let sig = significant_end(src);
            let last = lines.pos(sig.saturating_sub(1)).0;
            e.lineno = last;
            e.end_lineno = last;
            e.text = lines.line_text(src, last).map(str::to_string);
            e.offset = 0;
            e.end_offset = 0;
        }
        e
    };
    let err = match &pe.error {
        ParseErrorType::ExpectedToken { expected, found } => match expected {
            TokenKind::Colon
                if *found == TokenKind::Rbrace
                    || *found == TokenKind::Comma
                    || innermost_open(src, start) == Some('{') =>
            {
                let mut key_end = start;
                while key_end > 0 && matches!(src.as_bytes()[key_end - 1], b' ' | b'\t') {
                    key_end -= 1;
                }
                let at_ = key_end.saturating_sub(1);
                let mut e = at(syn, "':' expected after dictionary key".into(), at_, at_);
                e.end_offset = 0;
                e
            }
            TokenKind::Colon if *found == TokenKind::Equal => {
                let s0 = prev_token_start(src, start);
                let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
                let e0 = src[start..line_end]
                    .rfind(':')
                    .map_or(end, |i| start + src[start..start + i].trim_end().len());
                at(
                    syn,
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".into(),
                    s0,
                    e0,
                )
            }
            TokenKind::Colon if *found == TokenKind::Newline => {
                at(syn, "expected ':'".into(), start, start)
            }
            TokenKind::Colon => at(syn, "invalid syntax".into(), start, end),
            TokenKind::Comma if in_def_params(src, start) => {
                at(syn, "invalid syntax".into(), start, end)
            }
            TokenKind::Comma => {
                let prev = prev_expr_start(src, start);
                if lines.pos(prev).0 == err_line {
                    at(
                        syn,
                        "invalid syntax. Perhaps you forgot a comma?".into(),
                        prev,
                        end,
                    )
                } else {
                    at(syn, "invalid syntax".into(), start, end)
                }
            }
            TokenKind::Else => {
                let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
                let s0 = src[line_start..start]
                    .rfind(" if ")
                    .map_or(start, |i| prev_token_start(src, line_start + i));
                at(
                    syn,
                    "expected 'else' after 'if' expression".into(),
                    s0,
                    start,
                )
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace if !info.open.is_empty() => {
                return never_closed(info, src, filename);
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace
                if matches!(
                    found,
                    TokenKind::Name | TokenKind::Int | TokenKind::Float | TokenKind::Complex
                ) && lines.pos(prev_expr_start(src, start)).0 == err_line =>
            {
                at(
                    syn,
                    "invalid syntax. Perhaps you forgot a comma?".into(),
                    prev_expr_start(src, start),
                    end,
                )
            }
            _ => at(syn, "invalid syntax".into(), start, end),
        },
        ParseErrorType::UnexpectedIndentation => {
            let mut e = at(
                SyntaxErrorKind::Indentation,
                "unexpected indent".into(),
                start,
                start,
            );
            e.offset = lines.char_pos(src, end).1;
            e.end_offset = 0;
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            let mut e = at(
                SyntaxErrorKind::Indentation,
                "unindent does not match any outer indentation level".into(),
                start,
                start,
            );
            let len = e.text.as_deref().map_or(0, |t| t.chars().count()) as u32;
            e.offset = len + 1;
            e.end_offset = 0;
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            let l = lines.pos(start).0;
            let mut e = at(
                syn,
                format!("unterminated string literal (detected at line {l})"),
                start,
                start,
            );
            e.end_offset = e.offset;
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::Eof) => {
            if let Some(e) = never_closed(info, src, filename) {
                return Some(e);
            }
            eof_adjust(
                at(syn, "unexpected EOF while parsing".into(), start, end),
                false,
            )
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block after") => {
            let clause = m.trim_start_matches("Expected an indented block after ");
            let what = if clause.contains("class") {
                "class definition".to_string()
            } else if clause.contains("function") {
                "function definition".to_string()
            } else {
                let kw = clause.split('`').nth(1).unwrap_or("if");
                format!("'{kw}' statement")
            };
            let header = header_line(src, &lines, start);
            let mut e = at(
                SyntaxErrorKind::Indentation,
                format!("expected an indented block after {what} on line {header}"),
                start,
                start + 1,
            );
            e = eof_adjust(e, true);
            e
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected `except` or `finally`") => {
            eof_adjust(
                at(
                    syn,
                    "expected 'except' or 'finally' block".into(),
                    start,
                    end,
                ),
                true,
            )
        }
        ParseErrorType::SimpleStatementsOnSameLine => {
            let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
            let stmt = src[line_start..start].trim_start();
            if stmt.trim_end() == "print" || stmt.trim_end() == "exec" {
                let w = stmt.trim_end();
                let s0 = line_start + (src[line_start..start].len() - stmt.len());
                let eol = src[start..].find('\n').map_or(src.len(), |i| start + i);
                at(
                    syn,
                    format!("Missing parentheses in call to '{w}'. Did you mean {w}(...)?"),
                    s0,
                    eol,
                )
            } else {
                at(syn, "invalid syntax".into(), start, end)
            }
        }
        ParseErrorType::InvalidAssignmentTarget => {
            let what = describe(&src[start..end]);
            if what == "yield expression" {
                at(
                    syn,
                    "assignment to yield expression not possible".into(),
                    start,
                    end,
                )
            } else if matches!(what, "True" | "False" | "None" | "__debug__") {
                at(syn, format!("cannot assign to {what}"), start, end)
            } else if single_assignment(src, start, end) {
                at(
                    syn,
                    format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
                    start,
                    end,
                )
            } else {
                at(syn, format!("cannot assign to {what}"), start, end)
            }
        }
        ParseErrorType::InvalidNamedAssignmentTarget => at(
            syn,
            format!(
                "cannot use assignment expressions with {}",
                describe(&src[start..end])
            ),
            start,
            end,
        ),
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            at(syn, "illegal target for annotation".to_string(), start, end)
        }
        ParseErrorType::InvalidDeleteTarget => at(
            syn,
            format!("cannot delete {}", describe(&src[start..end])),
            start,
            end,
        ),
        ParseErrorType::InvalidAugmentedAssignmentTarget => at(
            syn,
            format!(
                "'{}' is an illegal expression for augmented assignment",
                describe(&src[start..end])
            ),
            start,
            end,
        ),
        ParseErrorType::PositionalAfterKeywordArgument => at(
            syn,
            "positional argument follows keyword argument".into(),
            end,
            end + 1,
        ),
        ParseErrorType::PositionalAfterKeywordUnpacking => at(
            syn,
            "positional argument follows keyword argument unpacking".into(),
            end,
            end + 1,
        ),
        ParseErrorType::InvalidArgumentUnpackingOrder => at(
            syn,
            "iterable argument unpacking follows keyword argument unpacking".into(),
            start,
            start + 1,
        ),
        ParseErrorType::NonDefaultParamAfterDefaultParam => at(
            syn,
            "non-default argument follows default argument".into(),
            start,
            end,
        ),
        ParseErrorType::ParamAfterVarKeywordParam => at(
            syn,
            "arguments cannot follow var-keyword argument".into(),
            start,
            end,
        ),
        ParseErrorType::VarParameterWithDefault => at(
            syn,
            "var-positional argument cannot have default value".into(),
            start,
            end,
        ),
        ParseErrorType::ExpectedKeywordParam => {
            at(syn, "named arguments must follow bare *".into(), start, end)
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => at(
            syn,
            "Generator expression must be parenthesized".into(),
            start,
            end,
        ),
        ParseErrorType::IterableUnpackingInComprehension => at(
            syn,
            "iterable unpacking cannot be used in comprehension".into(),
            start,
            end,
        ),
        ParseErrorType::InvalidStarredExpressionUsage => {
            let before = src[..start].trim_end();
            if before.ends_with(['+', '-', '*', '/', '%', '@', '&', '|', '^', '<', '>', '~']) {
                at(syn, "invalid syntax".into(), start, start + 1)
            } else {
                at(syn, "can't use starred expression here".into(), start, end)
            }
        }
        ParseErrorType::InvalidYieldExpressionUsage => {
            at(syn, "invalid syntax".into(), start, (start + 5).min(end))
        }
        ParseErrorType::FStringError(f)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(f)) => {
            let m = match f {
                InterpolatedStringErrorType::InvalidConversionFlag => {
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_string()
                }
                InterpolatedStringErrorType::UnclosedLbrace => {
                    "f-string: expecting '}'".to_string()
                }
                InterpolatedStringErrorType::SingleRbrace => {
                    "f-string: single '}' is not allowed".to_string()
                }
                InterpolatedStringErrorType::UnterminatedString
                | InterpolatedStringErrorType::UnterminatedTripleQuotedString => {
                    let l = lines.pos(start).0;
                    format!("unterminated string literal (detected at line {l})")
                }
                other => format!("f-string: {}", other.to_string().replace('`', "'")),
            };
            let at_ = if matches!(f, InterpolatedStringErrorType::InvalidConversionFlag)
                && start == end
            {
                end + 1
            } else {
                end
            };
            at(syn, m, at_, at_)
        }
        ParseErrorType::ExpectedExpression => {
            eof_adjust(at(syn, "invalid syntax".into(), start, start), false)
        }
        _ => eof_adjust(at(syn, "invalid syntax".into(), start, end), false),
    };
    Some(err)
}

/// Generic errors, which CPython reports as "invalid syntax" (and which an unclosed bracket or a
/// tokenizer error elsewhere overrides).
fn is_generic(e: &ParseErrorType) -> bool {
    match e {
        ParseErrorType::OtherError(m) => m == "Expected a statement",
        ParseErrorType::ExpectedExpression
        | ParseErrorType::SimpleStatementsOnSameLine
        | ParseErrorType::UnexpectedExpressionToken
        | ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { .. })
        | ParseErrorType::Lexical(LexicalErrorType::Eof) => true,
        ParseErrorType::ExpectedToken { expected, .. } => {
            !matches!(expected, TokenKind::Colon | TokenKind::Else)
        }
        _ => false,
    }
}

/// Start of the token before byte `at` (skipping whitespace).
fn prev_token_start(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    let mut i = at;
    while i > 0 && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
        i -= 1;
    }
    let end = i;
    if i > 0 && (b[i - 1] == b'"' || b[i - 1] == b'\'') {
        let q = b[i - 1];
        i -= 1;
        while i > 0 && b[i - 1] != q {
            i -= 1;
        }
        return i.saturating_sub(1);
    }
    while i > 0
        && (b[i - 1].is_ascii_alphanumeric()
            || b[i - 1] == b'_'
            || b[i - 1] == b'.'
            || b[i - 1] >= 0x80)
    {
        i -= 1;
    }
    if i == end {
        end.saturating_sub(1)
    } else {
        i
    }
}

/// The innermost bracket still open at byte `at` (strings and comments are not skipped: a
/// heuristic for message selection only).
fn innermost_open(src: &str, at: usize) -> Option<char> {
    let mut stack = Vec::new();
    for c in src[..at.min(src.len())].chars() {
        match c {
            '(' | '[' | '{' => stack.push(c),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// Whether byte `at` is inside the parameter list of a `def` on the same line.
fn in_def_params(src: &str, at: usize) -> bool {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = src[line_start..at].trim_start();
    (line.starts_with("def ") || line.starts_with("async def "))
        && innermost_open(src, at) == Some('(')
}

/// Start of the (simple) expression ending before byte `at`: adjacent string literals, a
/// dotted name, and calls/subscripts on it.
fn prev_expr_start(src: &str, at: usize) -> usize {
    let b = src.as_bytes();
    let skip_ws = |mut i: usize| {
        while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
            i -= 1;
        }
        i
    };
    let mut i = skip_ws(at);
    let mut start = i;
    loop {
        if i == 0 {
            return start;
        }
        let c = b[i - 1];
        if c == b'"' || c == b'\'' {
            let s = prev_token_start(src, i);
            let mut s2 = s;
            while s2 > 0 && b[s2 - 1].is_ascii_alphabetic() {
                s2 -= 1;
            }
            start = s2;
            i = skip_ws(s2);
            if i > 0 && (b[i - 1] == b'"' || b[i - 1] == b'\'') {
                continue;
            }
            return start;
        }
        if matches!(c, b')' | b']' | b'}') {
            let mut depth = 0i32;
            let mut j = i;
            while j > 0 {
                j -= 1;
                match b[j] {
                    b')' | b']' | b'}' => depth += 1,
                    b'(' | b'[' | b'{' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            start = j;
            i = j;
            if i > 0 && (b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'_' | b')' | b']'))
            {
                continue;
            }
            return start;
        }
        if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c >= 0x80 {
            let mut j = i;
            while j > 0
                && (b[j - 1].is_ascii_alphanumeric()
                    || matches!(b[j - 1], b'_' | b'.')
                    || b[j - 1] >= 0x80)
            {
                j -= 1;
            }
            start = j;
            i = j;
            if i > 0 && matches!(b[i - 1], b')' | b']') {
                continue;
            }
            return start;
        }
        return start;
    }
}

/// Line of the block header before byte `at`.
fn header_line(src: &str, lines: &LineMap, at: usize) -> u32 {
    let mut line = lines.pos(at.min(src.len())).0;
    while line > 1 {
        line -= 1;
        if let Some(t) = lines.line_text(src, line) {
            let t = t.trim();
            if !t.is_empty() && !t.starts_with('#') {
                return line;
            }
        }
    }
    1
}

/// Whether the statement after an assignment target at `end` is `= value` with no further `=`.
fn single_assignment(src: &str, start: usize, end: usize) -> bool {
    let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
    if src[line_start..start].contains('=') {
        return false;
    }
    let rest = &src[end..];
    let line = rest.split('\n').next().unwrap_or("");
    let t = line.trim_start();
    if !t.starts_with('=') || t.starts_with("==") {
        return false;
    }
    let after = &t[1..];
    // Any other bare '=' (not part of ==, <=, >=, !=) means a chained assignment.
    let b = after.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'=' {
            let prev = if i > 0 { b[i - 1] } else { b' ' };
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            if !matches!(prev, b'=' | b'<' | b'>' | b'!' | b':') && next != b'=' {
                return false;
            }
        }
    }
    true
}

/// CPython's name for the kind of an expression, from its source text.
fn describe(text: &str) -> &'static str {
    let t = text.trim();
    match t {
        "True" => return "True",
        "False" => return "False",
        "None" => return "None",
        "__debug__" => return "__debug__",
        "..." => return "ellipsis",
        _ => {}
    }
    let first = t.chars().next().unwrap_or(' ');
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("f'")
        || lower.starts_with("f\"")
        || lower.starts_with("rf")
        || lower.starts_with("fr")
    {
        return "f-string expression";
    }
    if first.is_ascii_digit() || first == '"' || first == '\'' || (first == '.' && t.len() > 1) {
        return "literal";
    }
    if (lower.starts_with('b') || lower.starts_with('r') || lower.starts_with('u'))
        && t.len() > 1
        && (t[1..].starts_with('"') || t[1..].starts_with('\''))
    {
        return "literal";
    }
    if t.starts_with("lambda") {
        return "lambda";
    }
    if t.starts_with("yield") {
        return "yield expression";
    }
    if t.starts_with("await") {
        return "await expression";
    }
    let has_for = t.contains(" for ");
    if t.starts_with('[') && has_for {
        return "list comprehension";
    }
    if t.starts_with('{') && has_for {
        return if t.contains(':') {
            "dict comprehension"
        } else {
            "set comprehension"
        };
    }
    if t.starts_with('(') && has_for {
        return "generator expression";
    }
    if t.starts_with('{') {
        return if t.contains(':') {
            "dict literal"
        } else {
            "set display"
        };
    }
    if t.contains(" if ") && t.contains(" else ") {
        return "conditional expression";
    }
    if t.contains(":=") {
        return "named expression";
    }
    if t.ends_with(')') && !t.starts_with('(') {
        return "function call";
    }
    for op in ["==", "!=", "<", ">", " in ", " is "] {
        if t.contains(op) {
            return "comparison";
        }
    }
    "expression"
}
