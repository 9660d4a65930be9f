//! Parsing: source text → ruff's AST, with CPython-style syntax errors.
//!
//! [`parse_module`] runs a light tokenizer pass first ([`scan`]) that catches what CPython's
//! tokenizer reports (unclosed brackets, unterminated strings, tabs, too deep nesting), then
//! `ruff_python_parser`, whose messages are mapped to CPython 3.11's wording ([`errors`]).
//! Parsing recurses, so it runs on a thread with a large stack ([`with_big_stack`]) and rejects
//! ASTs nested deeper than [`MAX_AST_DEPTH`].

pub mod errors;
pub mod scan;

use ruff_python_ast::{Expr, ModExpression, ModModule, PythonVersion};
use ruff_python_parser::{parse_unchecked, Mode, ParseOptions};
use ruff_text_size::Ranged;

/// Which exception class a syntax error is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    Syntax,
    Indentation,
    Tab,
    /// Nesting too deep to compile: CPython raises RecursionError (no file/line shown).
    Recursion,
}

/// The message of [`SyntaxErrorKind::Recursion`] errors.
pub const RECURSION_MSG: &str = "maximum recursion depth exceeded during compilation";

/// A syntax error with CPython's attributes (`lineno`, 1-based character `offset`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    /// 1-based column in characters (0: no caret).
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    /// The source line (without its trailing newline).
    pub text: Option<String>,
}

impl SyntaxError {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
            SyntaxErrorKind::Tab => "TabError",
            SyntaxErrorKind::Recursion => "RecursionError",
        }
    }

    /// Builds an error from a byte range of `source`.
    pub fn at(
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        filename: &str,
        source: &str,
        start: usize,
        end: usize,
    ) -> SyntaxError {
        let lines = LineMap::new(source);
        let start = start.min(source.len());
        let end = end.clamp(start, source.len());
        let (lineno, col) = lines.char_pos(source, start);
        let (end_lineno, end_col) = lines.char_pos(source, end);
        SyntaxError {
            kind,
            msg: msg.into(),
            filename: filename.to_string(),
            lineno,
            offset: col + 1,
            end_lineno,
            end_offset: end_col + 1,
            text: lines.line_text(source, lineno).map(str::to_string),
        }
    }

    /// What CPython 3.11 prints on stderr for this error when it is uncaught in a script.
    pub fn render(&self) -> String {
        if self.kind == SyntaxErrorKind::Recursion {
            return format!("RecursionError: {}\n", self.msg);
        }
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.lineno);
        if let Some(text) = &self.text {
            let caret_reps = if self.end_lineno > self.lineno && self.end_offset > 0 {
                // A range running past this line is underlined to the end of the line.
                let len = text.trim_end_matches(['\n', '\r']).chars().count() as i64;
                (len + 1 - self.offset as i64).max(1)
            } else if self.end_offset > self.offset {
                (self.end_offset - self.offset) as i64
            } else {
                1
            };
            let mut offset = self.offset as i64 - 1;
            let mut t: &str = text;
            while let Some(c) = t.chars().next() {
                if c == ' ' || c == '\t' || c == '\x0c' {
                    t = &t[1..];
                    offset -= 1;
                } else {
                    break;
                }
            }
            let t = t.trim_end_matches(['\n', '\r']);
            let len = t.chars().count() as i64;
            if offset > len {
                offset = len;
            }
            out.push_str("    ");
            out.push_str(t);
            out.push('\n');
            if offset >= 0 && self.offset > 0 {
                out.push_str("    ");
                for _ in 0..offset {
                    out.push(' ');
                }
                for _ in 0..caret_reps.min(10_000) {
                    out.push('^');
                }
                out.push('\n');
            }
        }
        out.push_str(self.type_name());
        out.push_str(": ");
        out.push_str(&self.msg);
        out.push('\n');
        out
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} ({}, line {})",
            self.type_name(),
            self.msg,
            self.filename,
            self.lineno
        )
    }
}

/// Byte offset → line/column conversions for one source text.
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    pub fn new(source: &str) -> LineMap {
        let mut starts = vec![0];
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineMap { starts }
    }
    /// 1-based line and 0-based byte column.
    pub fn pos(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let col = offset - self.starts[line - 1];
        (line as u32, col as u32)
    }
    /// 1-based line and 0-based character column.
    pub fn char_pos(&self, source: &str, offset: usize) -> (u32, u32) {
        let (line, _) = self.pos(offset);
        let start = self.starts[line as usize - 1];
        let col = source
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line, col as u32)
    }
    /// The text of 1-based line `line` without its newline.
    pub fn line_text<'a>(&self, source: &'a str, line: u32) -> Option<&'a str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).copied().unwrap_or(source.len());
        source
            .get(start..end)
            .map(|s| s.trim_end_matches(['\n', '\r']))
    }
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Deepest AST nesting accepted (CPython: "maximum recursion depth exceeded during compilation").
pub const MAX_AST_DEPTH: usize = 2000;

/// Runs `f` on a thread with a 512 MiB stack (falls back to the current thread if the thread
/// cannot be spawned). The stack is reserved, not committed.
pub fn with_big_stack<T: Send, F: FnOnce() -> T + Send>(f: F) -> T {
    let slot = std::sync::Mutex::new(Some(f));
    let take = || match slot.lock() {
        Ok(mut g) => g.take(),
        Err(p) => p.into_inner().take(),
    };
    let result = std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .stack_size(512 << 20)
            .spawn_scoped(s, || take().map(|f| f()));
        match spawned {
            Ok(h) => match h.join() {
                Ok(v) => v,
                Err(e) => std::panic::resume_unwind(e),
            },
            Err(_) => None,
        }
    });
    match result {
        Some(v) => v,
        None => match take() {
            Some(f) => f(),
            None => std::panic::resume_unwind(Box::new("numjit: parser thread lost its task")),
        },
    }
}

fn options(mode: Mode) -> ParseOptions {
    ParseOptions::from(mode).with_target_version(PythonVersion::PY311)
}

/// Parses a module. Must be called on a large stack for hostile input; [`parse_module`] does.
pub fn parse_module_here(source: &str, filename: &str) -> Result<ModModule, SyntaxError> {
    let info = scan::scan(source);
    if let Some(e) = errors::fatal_scan_error(&info, source, filename) {
        return Err(e);
    }
    let parsed = parse_unchecked(source, options(Mode::Module));
    if let Some(err) = errors::first_error(&parsed, &info, source, filename) {
        return Err(err);
    }
    let module = parsed.into_syntax().module().ok_or_else(|| {
        SyntaxError::at(
            SyntaxErrorKind::Syntax,
            "invalid syntax",
            filename,
            source,
            0,
            0,
        )
    })?;
    check_depth_module(&module, source, filename)?;
    Ok(module)
}

/// Parses a single expression (eval mode).
pub fn parse_expression_here(source: &str, filename: &str) -> Result<ModExpression, SyntaxError> {
    if source.starts_with([' ', '\t']) {
        let n = source.len() - source.trim_start_matches([' ', '\t']).len();
        let mut e = SyntaxError::at(
            SyntaxErrorKind::Indentation,
            "unexpected indent",
            filename,
            source,
            n,
            n,
        );
        e.offset = n as u32;
        e.end_offset = 0;
        return Err(e);
    }
    let info = scan::scan(source);
    if let Some(e) = errors::fatal_scan_error(&info, source, filename) {
        return Err(e);
    }
    let parsed = parse_unchecked(source, options(Mode::Expression));
    if let Some(err) = errors::first_error(&parsed, &info, source, filename) {
        return Err(err);
    }
    let m = parsed.into_syntax().expression().ok_or_else(|| {
        SyntaxError::at(
            SyntaxErrorKind::Syntax,
            "invalid syntax",
            filename,
            source,
            0,
            0,
        )
    })?;
    if depth::expr(&m.body, 0) > MAX_AST_DEPTH {
        return Err(recursion_error(source, filename));
    }
    Ok(m)
}

/// Parses a module on a large stack.
pub fn parse_module(source: &str, filename: &str) -> Result<ModModule, SyntaxError> {
    with_big_stack(|| parse_module_here(source, filename))
}

/// Parses one expression on a large stack.
pub fn parse_expression(source: &str, filename: &str) -> Result<ModExpression, SyntaxError> {
    with_big_stack(|| parse_expression_here(source, filename))
}

fn recursion_error(source: &str, filename: &str) -> SyntaxError {
    let mut e = SyntaxError::at(
        SyntaxErrorKind::Recursion,
        crate::parse::RECURSION_MSG,
        filename,
        source,
        0,
        0,
    );
    e.text = None;
    e
}

fn check_depth_module(m: &ModModule, source: &str, filename: &str) -> Result<(), SyntaxError> {
    if depth::stmts(&m.body, 0) > MAX_AST_DEPTH {
        return Err(recursion_error(source, filename));
    }
    Ok(())
}

/// AST depth measurement (stops descending past the limit).
mod depth {
    use super::MAX_AST_DEPTH;
    use ruff_python_ast::visitor::{self, Visitor};
    use ruff_python_ast::{Expr, Stmt};

    struct Depth {
        cur: usize,
        max: usize,
    }
    impl<'a> Visitor<'a> for Depth {
        fn visit_stmt(&mut self, s: &'a Stmt) {
            self.cur += 1;
            self.max = self.max.max(self.cur);
            if self.cur <= MAX_AST_DEPTH + 1 {
                visitor::walk_stmt(self, s);
            }
            self.cur -= 1;
        }
        fn visit_expr(&mut self, e: &'a Expr) {
            self.cur += 1;
            self.max = self.max.max(self.cur);
            if self.cur <= MAX_AST_DEPTH + 1 {
                visitor::walk_expr(self, e);
            }
            self.cur -= 1;
        }
    }
    pub fn stmts(body: &[Stmt], start: usize) -> usize {
        let mut d = Depth {
            cur: start,
            max: start,
        };
        for s in body {
            d.visit_stmt(s);
        }
        d.max
    }
    pub fn expr(e: &Expr, start: usize) -> usize {
        let mut d = Depth {
            cur: start,
            max: start,
        };
        d.visit_expr(e);
        d.max
    }
}

/// Whether an expression is a plain string literal (docstring candidate).
pub fn is_docstring(e: &Expr) -> bool {
    matches!(e, Expr::StringLiteral(_))
}

#[cfg(test)]
mod tests;

/// CPython 3.11's caret anchors for a traceback line (`extract_anchors_from_line` in
/// `Python/traceback.c`): when `segment` (the failing instruction's source) is a binary operation
/// or a subscript, the byte range of its operator or of its `[...]`, drawn with `^` while the
/// rest of the segment gets `~`. None for anything else, as CPython.
pub fn caret_anchors(segment: &str) -> Option<(usize, usize)> {
    let parsed = parse_unchecked(segment, options(Mode::Module));
    if !parsed.errors().is_empty() {
        return None;
    }
    let module = parsed.into_syntax().module()?;
    let [ruff_python_ast::Stmt::Expr(stmt)] = &module.body[..] else {
        return None;
    };
    let b = segment.as_bytes();
    let end = |e: &Expr| e.range().end().to_usize();
    let start = |e: &Expr| e.range().start().to_usize();
    match &*stmt.value {
        Expr::BinOp(x) => {
            // The first character after the left operand that is not blank or a closing
            // parenthesis (CPython's C traceback printer), two wide for `//`, `**`, ...
            let stop = start(&x.right).min(b.len());
            let mut found = None;
            for i in end(&x.left)..stop {
                if b[i].is_ascii_whitespace() {
                    continue;
                }
                let two = i + 1 < stop && !b[i + 1].is_ascii_whitespace();
                found = Some((i, i + 1 + usize::from(two)));
                if !(i + 1 < stop && b[i] == b')') {
                    break;
                }
            }
            found
        }
        Expr::Subscript(x) => {
            let mut left = end(&x.value);
            let mut right = end(&x.slice) + 1;
            while left < b.len() && b[left] != b'[' {
                left += 1;
            }
            while right < b.len() && b[right] != b']' {
                right += 1;
            }
            if right < b.len() {
                right += 1;
            }
            Some((left, right))
        }
        _ => None,
    }
}
