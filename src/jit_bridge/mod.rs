//! JIT bridge stage: from Python functions to native code.
//!
//! * `types` — the type lattice (int64, float64, bool, arrays, tuples) and the typed IR;
//! * `typeinfer` — AST + argument types → typed IR (numba's unification);
//! * `rules` — the typing rules as tables keyed by (operation, operand kinds);
//! * `lower` — typed IR → `numjit_jit` IR (one module per entry function and its callees);
//! * `dispatch` — specialisations per argument-type signature, marshalling, native calls,
//!   native errors → Python exceptions with a traceback line;
//! * this file — the per-VM state ([`JitState`]): options, the parsed-source cache, the
//!   compile driver ([`compile_spec`], a [`typeinfer::Resolver`] over the function's globals),
//!   tier-up of hot functions ([`hot_call`]) and `--stats`.
//!
//! Tier-up: `call_function` calls [`hot_call`] when a function's call count reaches
//! `Vm::jit_threshold` or its loops have done `LOOP_THRESHOLD` instructions of work. The function is
//! compiled for the argument types of that call; a failure is recorded and never retried.

pub mod compare;
pub mod dispatch;
pub mod lower;
pub mod osr;
pub mod rules;
pub mod typeinfer;
pub mod types;
pub mod worker;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::Ranged;

use crate::parse::LineMap;
use crate::runtime::dict::PyDict;
use crate::runtime::objects::{Class, Function};
use crate::runtime::value::Value;
use crate::vm::code_obj::CodeObj;
use crate::vm::{PyResult, Vm};
use typeinfer::{CallRes, Global, Resolver, TypeError};
use types::{TFunc, T};

/// Calls before an unannotated function is compiled. Compiling a small function takes
/// 0.1–1 ms; an interpreted call of a small numeric function about 1–5 µs, so a few hundred
/// calls pay for a compile. Measured on the anchors: see the README of the bridge.
pub const CALL_THRESHOLD: u32 = 1000;
/// Loop work (instructions of loop bodies, counted at each back-edge, all frames of the
/// function's code) after which the next call compiles: about 5000 iterations of a
/// 16-instruction loop.
pub const LOOP_THRESHOLD: u64 = 80_000;
/// On-stack replacement starts when a code object's loop work reaches `--jit-threshold <<
/// OSR_SHIFT` (32,000 instructions by default: a 3-instruction loop after ~10,000 iterations,
/// a 150-instruction body such as nbody's after ~200), when compiles run on this thread
/// (`--jit-sync`, `--emit`): about the cost of one compile in interpreted time, 30–300 µs at
/// 1–10 ns an instruction, where compiles take 0.3–3 ms.
pub const OSR_SHIFT: u32 = 5;
/// With code generation on the worker thread (the default, [`worker`]), the interpreter does
/// not wait for a compile, so loops are submitted after 1/8 of that work (4,000
/// instructions): what remains is the typing and lowering on this thread, 20–300 µs.
pub const OSR_SHIFT_BACKGROUND: u32 = 2;

/// With compiles on the worker thread, a nest whose ranges promise this many times the OSR
/// threshold's work is submitted after 1/16 of that threshold (`osr::long_ahead`): nbody's
/// after two iterations of its inner loop instead of thirty (0.25 ms).
pub const OSR_LONG_AHEAD: u64 = 64;

/// The loop work at which a loop is lifted (on the worker thread, a nest whose ranges
/// promise much more work earlier: [`osr_work`]).
pub fn osr_threshold(st: &JitState) -> u64 {
    if !st.enabled {
        return u64::MAX;
    }
    let shift = if st.background() {
        OSR_SHIFT_BACKGROUND
    } else {
        OSR_SHIFT
    };
    u64::from(st.call_threshold.max(1)) << shift
}

/// The loop work at which back-edges start consulting the OSR hook (`Vm::osr_work`).
pub fn osr_work(st: &JitState) -> u64 {
    let t = osr_threshold(st);
    if st.enabled && st.background() {
        (t >> 4).max(1)
    } else {
        t
    }
}

/// What `--emit` prints as each function compiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    Types,
    /// The `numjit_jit` IR in its text form (input of `jit/examples/compile_time.rs`).
    Ir,
    Clif,
    Asm,
}

/// Options a dispatcher compiles with.
#[derive(Clone, Copy, Debug)]
pub struct JitOpts {
    /// Raise TypingError instead of running interpreted.
    pub nopython: bool,
    pub boundscheck: bool,
}

/// One compiled specialisation.
pub struct Spec {
    pub args: Vec<T>,
    pub ret: T,
    pub code: numjit_jit::Compiled,
    pub entry: numjit_jit::FuncIndex,
    /// The typed functions of the unit (index = function id); [0] is the entry.
    pub unit: Vec<TFunc>,
    pub ir: numjit_jit::Module,
    pub compile_time: Duration,
    pub calls: Cell<u64>,
    pub native_time: Cell<Duration>,
    /// A native error inside a lifted loop (OSR: unit function 0 without bytecode, see
    /// `codes`) records its line here instead of adding a traceback entry.
    pub err_line: Cell<u32>,
    /// The values of the entry function's `spill` variables at the last native error.
    pub err_spill: RefCell<Vec<i64>>,
    /// Bytecode of each unit function (None: a lifted loop), for tracebacks' positions.
    pub codes: Vec<Option<Rc<CodeObj>>>,
    /// Undecorated functions (tier-up): for each pattern of numpy-scalar arguments seen, which
    /// results are numpy scalars in Python (`dispatch::numpy_results`).
    pub np_results: RefCell<Vec<(u64, Vec<bool>)>>,
}

/// JIT state of one Python function (shared by its dispatcher and by tier-up).
pub struct FuncJit {
    pub func: Rc<Function>,
    pub opts: JitOpts,
    /// True when created by `@jit`/`@njit` (false: automatic tier-up).
    pub decorated: bool,
    pub specs: RefCell<Vec<Rc<Spec>>>,
    /// Signatures that failed, with the reason (never retried).
    pub failures: RefCell<Vec<(Option<Vec<T>>, String)>>,
    pub fallback_calls: Cell<u64>,
}

impl FuncJit {
    pub fn new(func: Rc<Function>, opts: JitOpts, decorated: bool) -> FuncJit {
        FuncJit {
            func,
            opts,
            decorated,
            specs: RefCell::new(Vec::new()),
            failures: RefCell::new(Vec::new()),
            fallback_calls: Cell::new(0),
        }
    }
    pub fn name(&self) -> String {
        match &*self.func.qualname.borrow() {
            Value::Str(s) => s.as_str().to_string(),
            _ => self.func.code.code.qualname.to_string(),
        }
    }
}

pub(crate) struct ParsedFile {
    module: ast::ModModule,
    lines: LineMap,
    source: Rc<str>,
}

/// Per-VM JIT state.
pub struct JitState {
    pub enabled: bool,
    pub stats: bool,
    pub emit: Option<Emit>,
    pub call_threshold: u32,
    files: HashMap<Rc<str>, Rc<ParsedFile>>,
    /// Tier-up records by function address.
    pub hot: rustc_hash::FxHashMap<usize, Rc<FuncJit>>,
    /// Every function the JIT looked at, in order (for `--stats`).
    pub all: Vec<Rc<FuncJit>>,
    pub started: Instant,
    pub typing_error: Option<Rc<Class>>,
    /// Lifted loops (OSR) by (code object address, loop header index).
    pub loops: rustc_hash::FxHashMap<(usize, usize), Rc<osr::LoopJit>>,
    /// Every loop the OSR hook looked at, in order (for `--stats`).
    pub loops_all: Vec<Rc<osr::LoopJit>>,
    /// Hot loops lifted by the loop around them instead (`osr::defer`).
    pub deferred: osr::Deferred,
    /// `--jit-sync`: lifted loops are compiled on the interpreter's thread, which waits.
    pub sync: bool,
    /// `--jit-wait`: the interpreter's thread waits for the worker's compiles of lifted
    /// loops, as on a machine without a core to spare ([`JitState::concurrent`]).
    pub wait: bool,
    /// Lifted loops with a compile on the worker thread (or just finished).
    pub pending: Vec<Rc<osr::LoopJit>>,
}

impl JitState {
    /// Whether lifted loops are compiled on the worker thread: unless `--jit-sync`, or
    /// `--emit` (listings then come in the order of the compiles, on the loops' first entry).
    pub fn background(&self) -> bool {
        !self.sync && self.emit.is_none()
    }

    /// Whether the interpreter's thread runs on while the worker compiles: on a machine with
    /// a core to spare ([`worker::contended`]); otherwise it waits for the compile.
    pub fn concurrent(&self) -> bool {
        self.background() && !self.wait && !worker::contended(self.started)
    }
}

impl Default for JitState {
    fn default() -> Self {
        JitState {
            enabled: true,
            stats: false,
            emit: None,
            call_threshold: CALL_THRESHOLD,
            files: HashMap::new(),
            hot: Default::default(),
            all: Vec::new(),
            started: Instant::now(),
            typing_error: None,
            loops: Default::default(),
            loops_all: Vec::new(),
            deferred: Default::default(),
            sync: false,
            wait: false,
            pending: Vec::new(),
        }
    }
}

/// Before a script runs: starts the code generator's worker thread and its warm-up compile
/// (`worker::warm_up`) if lifted loops will compile there and the script has a loop at all.
/// Not earlier: the bytecode compiler's thread and the warm-up slowed each other down (an
/// empty script: 2.2 → 2.9 ms). Not for scripts without loops: the worker's memory costs
/// about 0.35 ms at exit.
pub fn before_run(vm: &Vm, code: &crate::compiler::code::Code) {
    fn has_loop(c: &crate::compiler::code::Code) -> bool {
        use crate::compiler::code::Constant;
        c.instrs
            .iter()
            .any(|i| i.op == crate::compiler::opcode::Op::JumpBackward)
            || c.consts
                .iter()
                .any(|k| matches!(k, Constant::Code(n) if has_loop(n)))
    }
    if vm.jit.enabled && vm.jit.background() && has_loop(code) {
        worker::warm_up();
    }
}

/// The value of `Vm::jit_threshold` for these options (u32::MAX disables tier-up).
pub fn threshold_for(st: &JitState) -> u32 {
    if st.enabled {
        st.call_threshold.max(1)
    } else {
        u32::MAX
    }
}

/// Keeps the syntax tree of `filename` (the script, from its bytecode compile) for what the
/// JIT compiles from its source ([`parsed`] would parse the file again).
pub fn keep_parsed(vm: &mut Vm, filename: &str, module: ast::ModModule) {
    if let Some(source) = vm.sources.get(filename).cloned() {
        file_parsed(vm, filename.into(), source, module);
    }
}

fn parsed(vm: &mut Vm, filename: &Rc<str>) -> Result<Rc<ParsedFile>, String> {
    if let Some(p) = vm.jit.files.get(filename) {
        return Ok(p.clone());
    }
    let source = vm
        .sources
        .get(filename)
        .cloned()
        .ok_or_else(|| format!("source of {filename} is not available"))?;
    let module = crate::parse::parse_module_here(&source, filename)
        .map_err(|_| format!("cannot re-parse {filename}"))?;
    Ok(file_parsed(vm, filename.clone(), source, module))
}

/// Records the syntax tree of `filename` for [`parsed`].
fn file_parsed(
    vm: &mut Vm,
    filename: Rc<str>,
    source: Rc<str>,
    module: ast::ModModule,
) -> Rc<ParsedFile> {
    let p = Rc::new(ParsedFile {
        lines: LineMap::new(&source),
        module,
        source,
    });
    vm.jit.files.insert(filename, p.clone());
    p
}

/// Finds the `def` of a code object by name and first line (the `def` or a decorator line).
fn find_def<'a>(
    body: &'a [Stmt],
    lines: &LineMap,
    name: &str,
    line: u32,
) -> Option<&'a ast::StmtFunctionDef> {
    for s in body {
        let found = match s {
            Stmt::FunctionDef(f) => {
                let l0 = lines.pos(f.range().start().to_usize()).0;
                let ldef = lines.pos(f.name.range().start().to_usize()).0;
                let dec = f
                    .decorator_list
                    .iter()
                    .any(|d| lines.pos(d.range().start().to_usize()).0 == line);
                if f.name.as_str() == name && (l0 == line || ldef == line || dec) {
                    return Some(f);
                }
                find_def(&f.body, lines, name, line)
            }
            Stmt::ClassDef(c) => find_def(&c.body, lines, name, line),
            Stmt::If(i) => find_def(&i.body, lines, name, line).or_else(|| {
                i.elif_else_clauses
                    .iter()
                    .find_map(|c| find_def(&c.body, lines, name, line))
            }),
            Stmt::For(f) => find_def(&f.body, lines, name, line),
            Stmt::While(w) => find_def(&w.body, lines, name, line),
            Stmt::With(w) => find_def(&w.body, lines, name, line),
            Stmt::Try(t) => find_def(&t.body, lines, name, line),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A typing failure with its location, rendered in a few lines.
pub struct CompileFailure {
    pub message: String,
    /// True for typing errors (TypingError under nopython), false for internal failures.
    pub typing: bool,
}

fn render(err: &TypeError, filename: &str, func: &str, src: &ParsedFile, args: &[T]) -> String {
    let sig: Vec<String> = args.iter().map(|t| t.to_string()).collect();
    let code = src
        .lines
        .line_text(&src.source, err.line)
        .unwrap_or("")
        .trim();
    format!(
        "Failed in nopython mode: cannot compile {func}({})\n  File \"{filename}\", line {}, in {func}\n    {code}\n  {}: {}",
        sig.join(", "),
        err.line,
        if err.expr.is_empty() { "here" } else { &err.expr },
        err.msg
    )
}

struct Entry {
    /// None for a lifted loop (unit entry 0 of an OSR compilation).
    func: Option<Rc<Function>>,
    args: Vec<T>,
    ret_guess: Option<T>,
    done: Option<TFunc>,
    failed: Option<String>,
}

impl Entry {
    fn new(func: Option<Rc<Function>>, args: Vec<T>) -> Entry {
        Entry {
            func,
            args,
            ret_guess: None,
            done: None,
            failed: None,
        }
    }
}

/// The resolver of one compilation: globals of the function being typed, callees.
struct Session<'v> {
    vm: &'v mut Vm,
    entries: Vec<Entry>,
    callees: Vec<Rc<Function>>,
    /// Global dicts, innermost function being typed last.
    globals: Vec<Rc<PyDict>>,
    np: Rc<crate::numpy::Classes>,
    /// Undecorated code (tier-up, lifted loops): Python's semantics where numba's differ.
    python: bool,
}

impl Session<'_> {
    fn classify(&mut self, v: &Value) -> Global {
        let t = &self.vm.types;
        match v {
            Value::Int(i) => Global::Int(*i),
            Value::Float(f) => Global::Float(*f),
            Value::Bool(b) => Global::Bool(*b),
            Value::Module(m) => Global::Module(m.name.to_string()),
            Value::Builtin(b) => match &b.owner {
                Some(o) => Global::Func(o.to_string(), b.name.to_string()),
                None => Global::Func("builtins".into(), b.name.to_string()),
            },
            Value::Class(c) => {
                let is = |k: &Rc<Class>| Rc::ptr_eq(c, k);
                if is(&t.range) {
                    Global::Func("builtins".into(), "range".into())
                } else if is(&t.int) {
                    Global::Func("builtins".into(), "int".into())
                } else if is(&t.float) {
                    Global::Func("builtins".into(), "float".into())
                } else if is(&t.bool) {
                    Global::Func("builtins".into(), "bool".into())
                } else if is(&self.np.float64) {
                    Global::DType(numjit_jit::DType::F64)
                } else if is(&self.np.int64) {
                    Global::DType(numjit_jit::DType::I64)
                } else if is(&self.np.bool_) {
                    Global::DType(numjit_jit::DType::Bool)
                } else {
                    Global::Other(format!("class {}", c.name()))
                }
            }
            Value::Function(f) => self.callee(f.clone()),
            Value::Native(n) => {
                if let Some(d) = n.get::<dispatch::Dispatcher>() {
                    return self.callee(d.jit.func.clone());
                }
                match crate::numpy::np_scalar(v) {
                    Some(crate::numpy::dtype::Scalar::F(f)) => Global::Float(f),
                    Some(crate::numpy::dtype::Scalar::I(i)) => Global::Int(i),
                    Some(crate::numpy::dtype::Scalar::B(b)) => Global::Bool(b),
                    None => Global::Other(n.class.name().to_string()),
                }
            }
            other => Global::Other(self.vm.type_name(other).to_string()),
        }
    }

    fn callee(&mut self, f: Rc<Function>) -> Global {
        if let Some(i) = self.callees.iter().position(|c| Rc::ptr_eq(c, &f)) {
            return Global::Callee(i);
        }
        self.callees.push(f);
        Global::Callee(self.callees.len() - 1)
    }

    /// Types `func` for `args` as function `fid` of the unit.
    fn type_function(&mut self, fid: usize) -> Result<TFunc, String> {
        let Some(func) = self.entries[fid].func.clone() else {
            return Err("a lifted loop cannot be called".into());
        };
        let args = self.entries[fid].args.clone();
        let code = &func.code.code;
        let name = func.code.code.name.to_string();
        if !func.closure.is_empty() || !code.freevars.is_empty() {
            return Err(format!("{name}: closures are not supported"));
        }
        if code.is_generator() {
            return Err(format!("{name}: generators are not supported"));
        }
        let file = parsed(self.vm, &code.filename)?;
        let Some(def) = find_def(&file.module.body, &file.lines, &name, code.first_line) else {
            return Err(format!("{name}: source of the function not found"));
        };
        let src = typeinfer::Source {
            text: &file.source,
            lines: &file.lines,
            filename: &code.filename,
        };
        self.globals.push(func.globals.clone());
        let r = typeinfer::infer(def, &src, &args, self, fid);
        self.globals.pop();
        r.map_err(|e| render(&e, &code.filename, &name, &file, &args))
    }
}

impl Resolver for Session<'_> {
    fn global(&mut self, name: &str) -> Global {
        let g = self.globals.last().and_then(|g| g.get_by_str(name));
        let v = match g {
            Some(v) => Some(v),
            None => self.vm.builtins.get_by_str(name),
        };
        match v {
            Some(v) => self.classify(&v),
            None => Global::Missing,
        }
    }
    fn module_attr(&mut self, module: &str, attr: &str) -> Global {
        let m = self.vm.modules.get_by_str(module);
        let v = match m {
            Some(Value::Module(m)) => m.dict.get_by_str(attr),
            _ => None,
        };
        if module == "numba" && attr == "prange" {
            return Global::Func("builtins".into(), "range".into());
        }
        match v {
            Some(v) => self.classify(&v),
            None => Global::Missing,
        }
    }
    fn call(&mut self, callee: usize, args: &[T]) -> Result<CallRes, String> {
        let Some(f) = self.callees.get(callee).cloned() else {
            return Err("unknown callee".into());
        };
        if let Some(fid) = self
            .entries
            .iter()
            .position(|e| e.func.as_ref().is_some_and(|g| Rc::ptr_eq(g, &f)) && e.args == args)
        {
            let e = &self.entries[fid];
            if let Some(m) = &e.failed {
                return Err(m.clone());
            }
            return Ok(match (&e.done, &e.ret_guess) {
                (Some(d), _) => CallRes::Done(fid, d.ret.clone()),
                (None, Some(g)) => CallRes::Done(fid, g.clone()),
                (None, None) => CallRes::Pending,
            });
        }
        self.entries.push(Entry::new(Some(f), args.to_vec()));
        let fid = self.entries.len() - 1;
        let t = match self.type_function(fid) {
            Ok(t) => t,
            Err(m) => {
                self.entries[fid].failed = Some(m.clone());
                return Err(m);
            }
        };
        let ret = t.ret.clone();
        self.entries[fid].done = Some(t);
        Ok(CallRes::Done(fid, ret))
    }
    fn python_semantics(&self) -> bool {
        self.python
    }
    fn publish_ret(&mut self, fid: usize, ret: &T) {
        if let Some(e) = self.entries.get_mut(fid) {
            e.ret_guess = Some(ret.clone());
        }
    }
}

/// Compiles `fj`'s function for `args`.
pub fn compile_spec(vm: &mut Vm, fj: &FuncJit, args: &[T]) -> Result<Spec, CompileFailure> {
    let t0 = Instant::now();
    let mut s = Session::new(
        vm,
        Entry::new(Some(fj.func.clone()), args.to_vec()),
        Vec::new(),
    );
    s.python = !fj.decorated;
    let typing = |message: String| CompileFailure {
        message,
        typing: true,
    };
    let t = s.type_function(0).map_err(typing)?;
    s.entries[0].done = Some(t);
    let (unit, codes) = s
        .take_unit()
        .map_err(|_| typing("a called function could not be typed".into()))?;
    let opts = numjit_jit::Options {
        boundscheck: fj.opts.boundscheck,
        // Code the user did not annotate keeps Python int semantics (see run_checked).
        checked_int: !fj.decorated,
        ..Default::default()
    };
    build_spec(s.vm, (unit, codes), args.to_vec(), Vec::new(), opts, t0)
}

impl<'v> Session<'v> {
    /// A compilation whose unit starts with `entry`. `globals`: where names resolve before any
    /// function is being typed (a lifted loop's frame globals); each typed function pushes
    /// its own.
    fn new(vm: &'v mut Vm, entry: Entry, globals: Vec<Rc<PyDict>>) -> Self {
        let np = crate::numpy::classes(vm);
        Session {
            vm,
            entries: vec![entry],
            callees: Vec::new(),
            globals,
            np,
            python: false,
        }
    }

    /// The typed unit (entry first) with each function's bytecode, once every entry is
    /// typed; else the first untyped one's failure, if it recorded one.
    fn take_unit(&mut self) -> Result<Unit, Option<String>> {
        self.entries
            .drain(..)
            .map(|e| Ok((e.done.ok_or(e.failed)?, e.func.map(|f| f.code.clone()))))
            .collect()
    }
}

/// Typed functions of a compilation (entry first) and their bytecode (None: a lifted loop).
type Unit = (Vec<TFunc>, Vec<Option<Rc<CodeObj>>>);

/// A compile between typing and code generation: what the specialisation keeps besides the
/// code, and the options the code generator runs with.
pub struct Prepared {
    unit: Vec<TFunc>,
    codes: Vec<Option<Rc<CodeObj>>>,
    args: Vec<T>,
    pub opts: numjit_jit::Options,
    /// Time spent on the interpreter's thread so far (typing, lowering).
    spent: Duration,
}

/// The first half of every compile: lowers the typed `unit` (entry first) to IR, puts `facts`
/// at the top of the entry function, and sets listings capture when `--emit` asks. The IR
/// then goes to the code generator, here or on the worker thread ([`worker`]).
fn prepare_spec(
    vm: &Vm,
    (unit, codes): Unit,
    args: Vec<T>,
    facts: Vec<numjit_jit::Stmt>,
    mut opts: numjit_jit::Options,
    t0: Instant,
) -> Result<(Prepared, numjit_jit::Module), CompileFailure> {
    let mut ir = lower::lower_unit(&unit).map_err(|m| CompileFailure {
        message: format!("lowering failed: {m}"),
        typing: true,
    })?;
    ir.functions[0].body.splice(0..0, facts);
    opts.inspect = matches!(vm.jit.emit, Some(Emit::Clif | Emit::Asm));
    let p = Prepared {
        unit,
        codes,
        args,
        opts,
        spent: t0.elapsed(),
    };
    Ok((p, ir))
}

impl Prepared {
    /// Code generation on this thread, then [`Prepared::finish`].
    fn compile_here(self, vm: &Vm, ir: numjit_jit::Module) -> Result<Spec, CompileFailure> {
        let t = Instant::now();
        let code = numjit_jit::compile(&ir, &self.opts);
        self.finish(vm, ir, code, t.elapsed())
    }

    /// The second half: wraps the generated `code` (`took`: the code generator's time) as a
    /// specialisation, and prints what `--emit` asks.
    fn finish(
        self,
        vm: &Vm,
        ir: numjit_jit::Module,
        code: Result<numjit_jit::Compiled, numjit_jit::CompileError>,
        took: Duration,
    ) -> Result<Spec, CompileFailure> {
        let fail = |message: String| CompileFailure {
            message,
            typing: false,
        };
        let code = code.map_err(|e| fail(format!("code generation failed: {e}")))?;
        let entry = code
            .index(&lower::ir_name(&self.unit, 0))
            .ok_or_else(|| fail("entry function missing".into()))?;
        let spec = Spec {
            args: self.args,
            ret: self.unit[0].ret.clone(),
            code,
            entry,
            unit: self.unit,
            ir,
            compile_time: self.spent + took,
            calls: Cell::new(0),
            native_time: Cell::new(Duration::ZERO),
            err_line: Cell::new(0),
            err_spill: RefCell::new(Vec::new()),
            np_results: RefCell::new(Vec::new()),
            codes: self.codes,
        };
        if let Some(e) = vm.jit.emit {
            eprint!("{}", dispatch::emit_text(&spec, e));
        }
        Ok(spec)
    }
}

/// A whole compile on this thread: [`prepare_spec`], then [`Prepared::compile_here`].
fn build_spec(
    vm: &Vm,
    unit: Unit,
    args: Vec<T>,
    facts: Vec<numjit_jit::Stmt>,
    opts: numjit_jit::Options,
    t0: Instant,
) -> Result<Spec, CompileFailure> {
    let (p, ir) = prepare_spec(vm, unit, args, facts, opts, t0)?;
    p.compile_here(vm, ir)
}

/// Tier-up hook, called by `call_function` for hot functions. `None`: run interpreted.
pub fn hot_call(
    vm: &mut Vm,
    func: &Rc<Function>,
    args: &[Value],
    kw: crate::runtime::objects::Kwargs,
) -> Option<PyResult<Value>> {
    if !vm.jit.enabled || !kw.is_empty() {
        return None;
    }
    let key = Rc::as_ptr(func) as usize;
    let fj = match vm.jit.hot.get(&key) {
        Some(f) => f.clone(),
        None => {
            let code = &func.code.code;
            let hot_calls = func.calls.get() >= vm.jit.call_threshold;
            let hot_loops = func.code.backedges.get() >= LOOP_THRESHOLD;
            if !(hot_calls || hot_loops) || code.is_generator() {
                return None;
            }
            let fj = Rc::new(FuncJit::new(
                func.clone(),
                JitOpts {
                    nopython: false,
                    boundscheck: true,
                },
                false,
            ));
            vm.jit.hot.insert(key, fj.clone());
            vm.jit.all.push(fj.clone());
            fj
        }
    };
    dispatch::call_jit(vm, &fj, args, true)
}

/// The `--stats` report (printed on stderr at exit).
pub fn stats_report(vm: &Vm) -> String {
    let st = &vm.jit;
    let total = st.started.elapsed();
    let mut native = Duration::ZERO;
    let mut out = String::from("numjit JIT statistics\n");
    let mut compiled = 0;
    for fj in &st.all {
        let kind = if fj.decorated { "@jit" } else { "tier-up" };
        for s in fj.specs.borrow().iter() {
            compiled += 1;
            native += s.native_time.get();
            let sig: Vec<String> = s.args.iter().map(|t| t.to_string()).collect();
            out.push_str(&format!(
                "  compiled  {}({}) -> {}  [{kind}]  compile {:.3} ms  native calls {}  native time {:.6} s\n",
                fj.name(),
                sig.join(", "),
                s.ret,
                s.compile_time.as_secs_f64() * 1e3,
                s.calls.get(),
                s.native_time.get().as_secs_f64()
            ));
        }
        for (sig, why) in fj.failures.borrow().iter() {
            let sig = match sig {
                Some(s) => s
                    .iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                None => "...".into(),
            };
            let first = why.lines().last().unwrap_or("").trim();
            let calls = if fj.decorated {
                format!("  calls {}", fj.fallback_calls.get())
            } else {
                String::new()
            };
            out.push_str(&format!(
                "  interpreted  {}({sig})  [{kind}]{calls}  reason: {first}\n",
                fj.name()
            ));
        }
    }
    let (loop_text, loop_native, loop_specs) = osr::stats_lines(st);
    out.push_str(&loop_text);
    if st.background() && !st.loops_all.is_empty() {
        if st.wait {
            out.push_str("  lifted loops compiled on the worker thread, the interpreter waiting (--jit-wait)\n");
        } else if worker::contended_verdict() == Some(true) {
            out.push_str("  lifted loops compiled on the worker thread, the interpreter waiting: it had waited for a CPU over a third of its time (no core to spare)\n");
        }
    }
    let cache = numjit_jit::cache::stats();
    if let Some(dir) = numjit_jit::cache::directory() {
        if cache.loaded + cache.compiled > 0 {
            out.push_str(&format!(
                "  code cache: {} module(s) loaded, {} compiled ({})\n",
                cache.loaded,
                cache.compiled,
                dir.display()
            ));
        }
    }
    native += loop_native;
    compiled += loop_specs;
    let interp = total.saturating_sub(native);
    out.push_str(&format!(
        "  {compiled} specialisation(s); time in native code {:.3} s, in the interpreter {:.3} s (wall {:.3} s)\n",
        native.as_secs_f64(),
        interp.as_secs_f64(),
        total.as_secs_f64()
    ));
    out
}

/// One line per function: signature and local types (`--emit=types`).
pub fn types_summary(f: &TFunc) -> String {
    let params: Vec<String> = f.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
    let locals: Vec<String> = f
        .locals
        .iter()
        .filter(|(n, _)| !n.starts_with('$'))
        .map(|(n, t)| format!("{n}: {t}"))
        .collect();
    format!(
        "{}({}) -> {}   [{}:{}]\n    locals: {}",
        f.name,
        params.join(", "),
        f.ret,
        f.filename,
        f.lines.0,
        locals.join(", ")
    )
}

/// JIT command-line options (`--jit=on|off`, `--jit-threshold=N`, `--stats`, `--emit=...`,
/// `--compare`).
#[derive(Clone, Debug, Default)]
pub struct CliOptions {
    pub off: bool,
    pub stats: bool,
    pub emit: Option<Emit>,
    pub threshold: Option<u32>,
    pub compare: bool,
    pub sync: bool,
    pub wait: bool,
    /// `--jit-cache=DIR|off`: where compiled machine code is kept across runs (None: the
    /// default, [`cache_dir`]).
    pub cache: Option<String>,
}

/// The code cache's directory (`numjit_jit::cache`): `--jit-cache=DIR`, else
/// `$NUMJIT_CACHE_DIR`, else `$XDG_CACHE_HOME/numjit`, else `~/.cache/numjit`; none for
/// `--jit-cache=off` (or empty) or an empty `NUMJIT_CACHE_DIR`, or with no home to put it in.
pub fn cache_dir(flag: Option<&str>) -> Option<std::path::PathBuf> {
    use std::path::PathBuf;
    let nonempty = |s: std::ffi::OsString| (!s.is_empty()).then(|| PathBuf::from(s));
    match flag {
        Some("off" | "") => None,
        Some(d) => Some(PathBuf::from(d)),
        None => match std::env::var_os("NUMJIT_CACHE_DIR") {
            Some(d) => nonempty(d),
            None => std::env::var_os("XDG_CACHE_HOME")
                .and_then(nonempty)
                .or_else(|| {
                    std::env::var_os("HOME")
                        .and_then(nonempty)
                        .map(|h| h.join(".cache"))
                })
                .map(|c| c.join("numjit")),
        },
    }
}

impl CliOptions {
    pub fn parse(&mut self, s: &str) -> Result<(), String> {
        match s {
            "--jit" | "--jit=on" => self.off = false,
            "--jit=off" => self.off = true,
            "--stats" => self.stats = true,
            "--compare" => self.compare = true,
            "--jit-sync" => self.sync = true,
            "--jit-wait" => self.wait = true,
            "--emit=types" => self.emit = Some(Emit::Types),
            "--emit=ir" => self.emit = Some(Emit::Ir),
            "--emit=clif" => self.emit = Some(Emit::Clif),
            "--emit=asm" => self.emit = Some(Emit::Asm),
            _ if s.starts_with("--jit-cache=") => {
                self.cache = Some(s["--jit-cache=".len()..].to_string());
            }
            _ => match s.strip_prefix("--jit-threshold=") {
                Some(n) => match n.parse::<u32>() {
                    Ok(n) => self.threshold = Some(n),
                    Err(_) => return Err(format!("invalid --jit-threshold value: {n}")),
                },
                None => return Err(format!("Unknown option: {s}")),
            },
        }
        Ok(())
    }

    pub fn apply(&self, vm: &mut Vm) {
        vm.jit.enabled = !self.off;
        vm.jit.stats = self.stats;
        vm.jit.emit = self.emit;
        vm.jit.sync = self.sync;
        vm.jit.wait = self.wait;
        if let Some(t) = self.threshold {
            vm.jit.call_threshold = t;
        }
        vm.jit_threshold = threshold_for(&vm.jit);
        vm.osr_work = osr_work(&vm.jit);
        numjit_jit::cache::configure(cache_dir(self.cache.as_deref()));
    }
}

#[cfg(test)]
mod tests {
    use super::cache_dir;
    use std::path::PathBuf;

    #[test]
    fn the_cache_flag_overrides_the_environment() {
        assert_eq!(cache_dir(Some("off")), None);
        assert_eq!(cache_dir(Some("")), None);
        assert_eq!(cache_dir(Some("/x/y")), Some(PathBuf::from("/x/y")));
    }
}
