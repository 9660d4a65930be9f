//! Compiler stage: symbol tables and code generation from ruff's AST to bytecode.
//!
//! [`compile`] parses (see `crate::parse`), builds the symbol table ([`symtable`]) and generates
//! code following CPython 3.11's compile.c layouts ([`stmt`], [`expr`], [`func`]) into
//! [`unit::Unit`]s, which the assembler turns into [`code::Code`] objects (labels resolved,
//! max stack computed, exception table flattened). `match` statements are compiled by
//! `matching` without dedicated opcodes. [`dis`] prints code like `python -m dis`;
//! [`marshal`] serialises it for the bytecode cache and for bringing code back from the
//! compiler's big-stack worker thread (parsing and codegen recurse; see [`compile`]).

pub mod code;
pub mod dis;
mod expr;
mod func;
pub mod marshal;
mod matching;
pub mod opcode;
mod stmt;
pub mod symtable;
pub mod unit;

use std::rc::Rc;

use ruff_python_ast::{Expr, ModModule, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::parse::{self, LineMap, SyntaxError, SyntaxErrorKind};
use code::{flags, Code, Constant, Position};
use opcode::Op;
use symtable::{ScopeId, ScopeKind, Sym, SymbolTable};
use unit::{Label, Unit};

/// How the source is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module or script.
    Exec,
    /// REPL input: expression statements print their value (`PrintExpr`).
    Interactive,
    /// One expression whose value is returned.
    Eval,
}

/// Compiles source text into a module (or expression) code object.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<Rc<Code>, SyntaxError> {
    compile_keeping_ast(source, filename, mode, false).map(|(c, _)| c)
}

/// [`compile`], and with `keep_ast` the module's syntax tree (`Mode::Exec`): the JIT reads the
/// source of the loops it lifts there, and parsing the file again took 0.04–0.14 ms at the
/// first lift of the anchors (dot: 2% of its kernel).
pub fn compile_keeping_ast(
    source: &str,
    filename: &str,
    mode: Mode,
    keep_ast: bool,
) -> Result<(Rc<Code>, Option<ModModule>), SyntaxError> {
    // Parsing and code generation recurse over the AST: they run on a thread with a large stack
    // (a long-lived worker, or a fresh thread if the worker is unavailable) and the result comes
    // back in the marshal format (code objects hold `Rc`s, which cannot cross threads).
    let (bytes, ast) = match compile_on_worker(source, filename, mode, keep_ast) {
        Some(r) => r?,
        None => parse::with_big_stack(|| {
            compile_parsed(source, filename, mode)
                .map(|(c, m)| (marshal::dumps(&c), m.filter(|_| keep_ast)))
        })?,
    };
    match marshal::loads(&bytes) {
        Some(c) => Ok((Rc::new(c), ast)),
        None => Err(SyntaxError::at(
            SyntaxErrorKind::Syntax,
            "numjit: internal error: code serialisation failed",
            filename,
            source,
            0,
            0,
        )),
    }
}

type CompileReply = Result<(Vec<u8>, Option<ModModule>), SyntaxError>;

struct Job {
    source: String,
    filename: String,
    mode: Mode,
    keep_ast: bool,
    reply: std::sync::mpsc::SyncSender<CompileReply>,
}

/// Runs a compilation on the compiler worker thread (512 MiB stack, started on first use).
/// `None` if the worker cannot be used (it could not start, or it died).
fn compile_on_worker(
    source: &str,
    filename: &str,
    mode: Mode,
    keep_ast: bool,
) -> Option<CompileReply> {
    use std::sync::{mpsc, Mutex, OnceLock};
    static WORKER: OnceLock<Mutex<Option<mpsc::Sender<Job>>>> = OnceLock::new();
    let slot = WORKER.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let started = std::thread::Builder::new()
            .name("numjit-compiler".into())
            .stack_size(512 << 20)
            .spawn(move || {
                for job in rx {
                    let r = compile_parsed(&job.source, &job.filename, job.mode)
                        .map(|(c, m)| (marshal::dumps(&c), m.filter(|_| job.keep_ast)));
                    let _ = job.reply.send(r);
                }
            })
            .is_ok();
        Mutex::new(started.then_some(tx))
    });
    let tx = slot.lock().ok()?.clone()?;
    let (reply, rx) = mpsc::sync_channel(1);
    tx.send(Job {
        source: source.to_string(),
        filename: filename.to_string(),
        mode,
        keep_ast,
        reply,
    })
    .ok()?;
    rx.recv().ok()
}

/// Compiles on the current thread (the caller guarantees enough stack).
pub fn compile_here(source: &str, filename: &str, mode: Mode) -> Result<Code, SyntaxError> {
    compile_parsed(source, filename, mode).map(|(c, _)| c)
}

/// [`compile_here`], and the module's syntax tree (`Mode::Exec` and `Mode::Interactive`).
fn compile_parsed(
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<(Code, Option<ModModule>), SyntaxError> {
    let cerr = |e: CompileError| {
        let mut se = SyntaxError::at(
            SyntaxErrorKind::Syntax,
            e.msg.clone(),
            filename,
            source,
            e.range.start().to_usize(),
            e.range.end().to_usize(),
        );
        if e.msg == parse::RECURSION_MSG {
            se.kind = SyntaxErrorKind::Recursion;
            se.text = None;
        }
        se
    };
    match mode {
        Mode::Eval => {
            let m = parse::parse_expression_here(source, filename)?;
            let table = sym_err(symtable::build_expr(&m.body)).map_err(cerr)?;
            let mut c = Compiler::new(source, filename, table, false);
            Ok((c.compile_eval(&m.body).map_err(cerr)?, None))
        }
        Mode::Exec | Mode::Interactive => {
            let m = parse::parse_module_here(source, filename)?;
            let table = sym_err(symtable::build(&m.body)).map_err(cerr)?;
            let mut c = Compiler::new(source, filename, table, mode == Mode::Interactive);
            Ok((c.compile_module(&m.body).map_err(cerr)?, Some(m)))
        }
    }
}

fn sym_err(t: Result<SymbolTable, symtable::SymError>) -> Result<SymbolTable, CompileError> {
    t.map_err(|e| CompileError {
        msg: e.msg,
        range: e.range,
    })
}

/// Whether REPL input needs more lines: unclosed brackets, an unterminated triple-quoted
/// string, a trailing backslash, or a block header (or block) still open.
pub fn is_incomplete_input(source: &str) -> bool {
    let info = parse::scan::scan(source);
    if info.error.is_some() && info.open_triple.is_none() {
        // A tokenizer error (unmatched bracket, bad indentation, ...) is reported right away.
        return false;
    }
    if info.open_triple.is_some() || info.trailing_backslash {
        return true;
    }
    if !info.open.is_empty() || info.last_colon {
        // Incomplete only if the parser's complaints are all about the end of the input.
        let end = source.trim_end().len();
        return parse::with_big_stack(|| {
            let parsed = ruff_python_parser::parse_unchecked(
                source,
                ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module),
            );
            parsed
                .errors()
                .iter()
                .all(|e| e.location.start().to_usize() >= end)
        });
    }
    // A compound statement goes on until an empty line ends it (as CPython's REPL).
    let first = source
        .lines()
        .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    if let Some(first) = first {
        let kw = first.trim_start();
        let compound = [
            "if ", "if(", "for ", "while ", "while(", "def ", "class ", "try:", "try ", "with ",
            "@", "async ", "match ",
        ]
        .iter()
        .any(|k| kw.starts_with(k));
        if compound && !source.ends_with("\n\n") {
            let last = source.lines().last().unwrap_or("");
            return !last.trim().is_empty();
        }
    }
    false
}

/// A compile error at a source range.
#[derive(Debug, Clone)]
pub struct CompileError {
    pub msg: String,
    pub range: TextRange,
}

pub(crate) type CResult<T> = Result<T, CompileError>;

/// Maximum nesting of functions, lambdas, classes and comprehensions.
const MAX_SCOPES: usize = 200;

/// Maximum nesting of the code generator's recursion.
const MAX_DEPTH: usize = 3000;

/// A frame-block: what `return`/`break`/`continue` must unwind (CPython's fblockinfo).
#[derive(Clone)]
pub(crate) enum FBlock<'a> {
    WhileLoop { start: Label, exit: Label },
    ForLoop { start: Label, exit: Label },
    TryExcept,
    FinallyTry { body: &'a [Stmt] },
    FinallyEnd,
    With { range: TextRange },
    HandlerCleanup { name: Option<String> },
    PopValue,
    ExceptionHandler,
}

pub(crate) struct UnitState<'a> {
    pub unit: Unit,
    pub scope: ScopeId,
    pub fblocks: Vec<FBlock<'a>>,
    pub private: Option<String>,
}

pub(crate) struct Compiler<'a> {
    pub source: &'a str,
    pub filename: Rc<str>,
    pub lines: LineMap,
    pub table: SymbolTable,
    pub units: Vec<UnitState<'a>>,
    pub interactive: bool,
    pub future_annotations: bool,
    pub depth: usize,
    /// Code of the `match` helper functions, compiled on first use.
    pub match_helpers: Option<std::collections::HashMap<String, Rc<Code>>>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ctx {
    Load,
    Store,
    Del,
}

impl<'a> Compiler<'a> {
    fn new(source: &'a str, filename: &str, table: SymbolTable, interactive: bool) -> Compiler<'a> {
        Compiler {
            source,
            filename: filename.into(),
            lines: LineMap::new(source),
            table,
            units: Vec::new(),
            interactive,
            future_annotations: false,
            depth: 0,
            match_helpers: None,
        }
    }

    pub fn err<T>(&self, msg: impl Into<String>, range: TextRange) -> CResult<T> {
        Err(CompileError {
            msg: msg.into(),
            range,
        })
    }

    pub fn u(&mut self) -> &mut Unit {
        &mut self.units.last_mut().expect("unit").unit
    }
    pub fn st(&self) -> &UnitState<'a> {
        self.units.last().expect("unit")
    }
    pub fn st_mut(&mut self) -> &mut UnitState<'a> {
        self.units.last_mut().expect("unit")
    }
    pub fn scope_kind(&self) -> ScopeKind {
        self.table.scopes[self.st().scope].kind
    }

    pub fn position(&self, r: TextRange) -> Position {
        let (line, col) = self.lines.pos(r.start().to_usize());
        let (end_line, end_col) = self.lines.pos(r.end().to_usize());
        Position {
            line,
            end_line,
            col,
            end_col,
        }
    }
    /// Sets the position of following instructions; returns the previous one.
    pub fn set_loc(&mut self, r: TextRange) -> Position {
        let p = self.position(r);
        std::mem::replace(&mut self.u().pos, p)
    }
    pub fn restore_loc(&mut self, p: Position) {
        self.u().pos = p;
    }
    pub fn enter_depth(&mut self, r: TextRange) -> CResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.err(crate::parse::RECURSION_MSG, r);
        }
        Ok(())
    }

    pub fn emit(&mut self, op: Op, arg: u32) {
        self.u().emit(op, arg);
    }
    pub fn emit_jump(&mut self, op: Op, l: Label) {
        self.u().emit_jump(op, l);
    }
    pub fn new_label(&mut self) -> Label {
        self.u().new_label()
    }
    pub fn bind(&mut self, l: Label) {
        self.u().bind(l);
    }
    pub fn load_const(&mut self, c: Constant) {
        let i = self.u().add_const(c);
        self.emit(Op::LoadConst, i);
    }
    pub fn load_none(&mut self) {
        self.load_const(Constant::None);
    }
    pub fn emit_name(&mut self, op: Op, name: &str) {
        let i = self.u().add_name(name);
        self.emit(op, i);
    }

    pub fn mangle(&self, name: &str) -> String {
        symtable::mangle(self.st().private.as_deref(), name)
    }

    /// Loads/stores/deletes a variable, choosing the op from the symbol table.
    pub fn name_op(&mut self, name: &str, ctx: Ctx) {
        let mangled = self.mangle(name);
        let scope_id = self.st().scope;
        let kind = self.table.scopes[scope_id].kind;
        let sym = self.table.scopes[scope_id].lookup(&mangled);
        enum K {
            Fast,
            Global,
            Deref,
            Name,
        }
        let k = match sym {
            Some(Sym::Free) | Some(Sym::Cell) => K::Deref,
            Some(Sym::Local) if kind.is_function() => K::Fast,
            Some(Sym::GlobalImplicit) if kind.is_function() => K::Global,
            Some(Sym::GlobalExplicit) => K::Global,
            _ => K::Name,
        };
        match k {
            K::Fast => {
                let i = self.u().add_varname(&mangled);
                let op = match ctx {
                    Ctx::Load => Op::LoadFast,
                    Ctx::Store => Op::StoreFast,
                    Ctx::Del => Op::DeleteFast,
                };
                self.emit(op, i);
            }
            K::Deref => {
                let Some(i) = self.u().deref_index(&mangled) else {
                    // Should not happen; fall back to a name lookup.
                    self.emit_name(
                        match ctx {
                            Ctx::Load => Op::LoadName,
                            Ctx::Store => Op::StoreName,
                            Ctx::Del => Op::DeleteName,
                        },
                        &mangled,
                    );
                    return;
                };
                let op = match ctx {
                    Ctx::Load if kind == ScopeKind::Class => Op::LoadClassDeref,
                    Ctx::Load => Op::LoadDeref,
                    Ctx::Store => Op::StoreDeref,
                    Ctx::Del => Op::DeleteDeref,
                };
                self.emit(op, i);
            }
            K::Global => {
                let op = match ctx {
                    Ctx::Load => Op::LoadGlobal,
                    Ctx::Store => Op::StoreGlobal,
                    Ctx::Del => Op::DeleteGlobal,
                };
                self.emit_name(op, &mangled);
            }
            K::Name => {
                let op = match ctx {
                    Ctx::Load => Op::LoadName,
                    Ctx::Store => Op::StoreName,
                    Ctx::Del => Op::DeleteName,
                };
                self.emit_name(op, &mangled);
            }
        }
    }

    /// Starts a new code unit for scope `scope`.
    pub fn enter_unit(&mut self, scope: ScopeId, name: &str, qualname: &str, first_line: u32) {
        let sc = &self.table.scopes[scope];
        let mut unit = Unit::new(name, qualname, first_line);
        for p in &sc.params {
            unit.add_varname(p);
        }
        unit.cellvars = sc.cellvars().iter().map(|s| Rc::from(s.as_str())).collect();
        unit.freevars = sc.freevars().iter().map(|s| Rc::from(s.as_str())).collect();
        let private = match sc.kind {
            ScopeKind::Class => Some(sc.name.clone()),
            _ => self.units.last().and_then(|u| u.private.clone()),
        };
        unit.pos = Position {
            line: first_line,
            end_line: first_line,
            col: 0,
            end_col: 0,
        };
        self.units.push(UnitState {
            unit,
            scope,
            fblocks: Vec::new(),
            private,
        });
    }

    /// Refuses scopes nested deeper than [`MAX_SCOPES`] (keeps code objects shallow).
    pub fn check_scope_depth(&self, r: TextRange) -> CResult<()> {
        if self.units.len() >= MAX_SCOPES {
            return self.err(crate::parse::RECURSION_MSG, r);
        }
        Ok(())
    }

    /// Finishes the current unit and returns its code.
    pub fn leave_unit(&mut self) -> CResult<Code> {
        let st = self.units.pop().expect("unit");
        let r = TextRange::default();
        st.unit
            .assemble(&self.filename)
            .or_else(|m| self.err(format!("numjit: internal compiler error: {m}"), r))
    }

    /// The qualified name of a new scope named `name` inside the current unit.
    pub fn qualname(&self, name: &str) -> String {
        if self.units.len() <= 1 {
            return name.to_string();
        }
        let st = self.st();
        let parent = &self.table.scopes[st.scope];
        let mangled = self.mangle(name);
        if parent.lookup(&mangled) == Some(Sym::GlobalExplicit) {
            return name.to_string();
        }
        let base = &st.unit.qualname;
        match parent.kind {
            ScopeKind::Function | ScopeKind::Lambda => format!("{base}.<locals>.{name}"),
            _ => format!("{base}.{name}"),
        }
    }

    /// Pushes the closure tuple for a child scope's free variables; returns whether any.
    pub fn load_closure(&mut self, code: &Code) -> bool {
        if code.freevars.is_empty() {
            return false;
        }
        for fv in code.freevars.clone().iter() {
            let idx = self.u().deref_index(fv).unwrap_or(0);
            self.emit(Op::LoadClosure, idx);
        }
        self.emit(Op::BuildTuple, code.freevars.len() as u32);
        true
    }

    fn compile_module(&mut self, body: &'a [Stmt]) -> CResult<Code> {
        self.enter_unit(0, "<module>", "<module>", 1);
        self.u().flags = flags::MODULE;
        self.future_annotations = body.iter().any(|s| match s {
            Stmt::ImportFrom(i) => {
                i.module.as_ref().is_some_and(|m| &*m.id == "__future__")
                    && i.names.iter().any(|a| &*a.name.id == "annotations")
            }
            _ => false,
        });
        let mut rest = body;
        if !self.interactive {
            if let Some(Stmt::Expr(e)) = body.first() {
                if let Expr::StringLiteral(s) = &*e.value {
                    let p = self.set_loc(e.range);
                    self.load_const(Constant::Str(s.value.to_str().into()));
                    self.name_op("__doc__", Ctx::Store);
                    self.restore_loc(p);
                    rest = &body[1..];
                }
            }
        }
        if stmt::find_ann(body) {
            self.emit(Op::SetupAnnotations, 0);
        }
        for s in rest {
            self.stmt(s)?;
        }
        let end = body.last().map(|s| s.range()).unwrap_or_default();
        let p = self.position(TextRange::new(end.end(), end.end()));
        self.u().pos = Position {
            line: p.line,
            end_line: p.line,
            col: p.col,
            end_col: p.col,
        };
        self.load_none();
        self.emit(Op::ReturnValue, 0);
        let code = self.leave_unit()?;
        self.check(&code)?;
        Ok(code)
    }

    fn compile_eval(&mut self, e: &'a Expr) -> CResult<Code> {
        self.enter_unit(0, "<module>", "<module>", 1);
        self.u().flags = flags::MODULE;
        self.expr(e)?;
        self.emit(Op::ReturnValue, 0);
        let code = self.leave_unit()?;
        self.check(&code)?;
        Ok(code)
    }

    fn check(&self, code: &Code) -> CResult<()> {
        if cfg!(debug_assertions) {
            if let Err(m) = unit::verify(code) {
                return self.err(
                    format!("numjit: internal compiler error: {m}"),
                    TextRange::default(),
                );
            }
        }
        Ok(())
    }

    /// The docstring of a body (kept verbatim, as CPython 3.11 does).
    pub fn docstring(body: &[Stmt]) -> Option<String> {
        if let Some(Stmt::Expr(e)) = body.first() {
            if let Expr::StringLiteral(s) = &*e.value {
                return Some(s.value.to_str().to_string());
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
