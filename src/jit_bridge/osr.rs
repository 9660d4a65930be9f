//! On-stack replacement: a hot loop of a running frame is lifted into a function of its live
//! variables, compiled for their current types, entered natively at the loop header with the
//! frame's values, and left at the loop's exit with the assigned variables written back.
//!
//! The interpreter calls [`on_backedge`] from `Op::JumpBackward` once the code object has taken
//! `2 × --jit-threshold` back-edges (default 2000; `--jit=off` never). The loop is found twice:
//! in the bytecode (the back-edge's target is the header: a `ForIter` whose operand is the exit,
//! or a `while` condition, whose exit follows the last back-edge to it) and in the AST (the
//! innermost `for`/`while` whose header lines contain the header's line).
//!
//! Live variables: every name the loop reads or assigns that is a fast local (function frames)
//! or bound in the module dict to an int/float/bool/ndarray (module level); other names are
//! globals, frozen at compile time as in `@jit`. A `for` loop must run over a range iterator:
//! the lifted loop continues from the iterator's state (`range(next, next + left × step,
//! step)`), so the loop variable keeps its last value after the loop as in Python.
//!
//! Guards: a variable's type may not change in the loop (typing refuses it, the loop stays
//! interpreted); an assigned variable that is still unbound defers the entry to a later
//! back-edge. Failures are recorded per loop and signature and never retried. Native errors
//! become the interpreter's exception with the frame positioned on the failing line; the
//! frame's scalar locals then keep their values from the loop entry (arrays are updated in
//! place), unlike the interpreter, where they hold the values at the point of the error.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use super::types::{TExpr, TStmt, SK, T, TK};
use super::{dispatch, lower, parsed, typeinfer, Emit, Entry, JitState, Session, Spec};
use crate::compiler::opcode::Op;
use crate::numpy::dtype::Scalar;
use crate::runtime::iter::IterKind;
use crate::runtime::value::Value;
use crate::vm::code_obj::CodeObj;
use crate::vm::frame::Frame;
use crate::vm::{PyResult, Vm};

/// A live variable of a lifted loop.
struct Live {
    name: String,
    /// Fast-local slot (function frames); None at module level.
    slot: Option<usize>,
    assigned: bool,
}

/// What the hook knows about a loop it can enter.
struct LoopInfo {
    is_for: bool,
    /// Instruction the interpreter resumes at after the loop.
    exit: usize,
    /// Source offset of the loop statement (to find it again in the parsed file).
    offset: usize,
    live: Vec<Live>,
    /// Compiled specialisations by signature (None: the name is a global at module level).
    specs: Vec<(Vec<Option<T>>, Rc<Spec>)>,
    failures: Vec<(Vec<Option<T>>, String)>,
}

enum LoopState {
    Refused(String),
    Ready(Box<LoopInfo>),
}

/// One loop the OSR hook looked at.
pub struct LoopJit {
    /// Keeps the code object (and so the key's address) alive.
    pub code: Rc<CodeObj>,
    pub header: usize,
    pub line: u32,
    state: RefCell<LoopState>,
    /// Native entries.
    pub entries: Cell<u64>,
    /// Entries put off because an assigned variable was still unbound.
    pub deferred: Cell<u64>,
}

/// Called by the interpreter on a back-edge of a hot code object (`jb` is the index of the
/// `JumpBackward`; `f.ip` is its target). May run the loop natively and move `f.ip` to its exit.
#[cold]
#[inline(never)]
pub fn on_backedge(vm: &mut Vm, f: &mut Frame, jb: usize) -> PyResult<()> {
    if !vm.jit.enabled {
        f.code.backedges.set(0);
        return Ok(());
    }
    let header = f.ip;
    let key = (Rc::as_ptr(&f.code) as usize, header);
    let lj = match vm.jit.loops.get(&key) {
        Some(l) => l.clone(),
        None => {
            let state = match analyse(vm, f, jb) {
                Ok(info) => LoopState::Ready(Box::new(info)),
                Err(why) => LoopState::Refused(why),
            };
            let lj = Rc::new(LoopJit {
                code: f.code.clone(),
                header,
                line: f.code.code.line_of(header),
                state: RefCell::new(state),
                entries: Cell::new(0),
                deferred: Cell::new(0),
            });
            vm.jit.loops.insert(key, lj.clone());
            vm.jit.loops_all.push(lj.clone());
            lj
        }
    };
    enter(vm, f, &lj)
}

/// Whether the frame's code can have loops lifted at all (else the reason).
fn frame_kind(f: &Frame) -> Result<bool, String> {
    let code = &f.code.code;
    if code.is_generator() {
        return Err("loops of generators are not lifted".into());
    }
    if !code.cellvars.is_empty() || !code.freevars.is_empty() {
        return Err("closures are not supported".into());
    }
    match &f.locals {
        None => Ok(false),
        Some(d) if Rc::ptr_eq(d, &f.globals) => Ok(true),
        Some(_) => Err("class bodies are not supported".into()),
    }
}

fn analyse(vm: &mut Vm, f: &Frame, jb: usize) -> Result<LoopInfo, String> {
    let module_level = match frame_kind(f) {
        Ok(m) => m,
        Err(why) => {
            // Nothing in this code object will be lifted: stop consulting the hook often.
            f.code.backedges.set(0);
            return Err(why);
        }
    };
    let co = f.code.clone();
    let code = &co.code;
    let header = f.ip;
    let Some(h) = code.instrs.get(header) else {
        return Err("no loop header".into());
    };
    let is_for = h.op == Op::ForIter;
    let exit = if is_for {
        h.arg as usize
    } else {
        let last = code
            .instrs
            .iter()
            .enumerate()
            .filter(|(_, i)| i.op == Op::JumpBackward && i.arg as usize == header)
            .map(|(k, _)| k)
            .max()
            .unwrap_or(jb);
        last + 1
    };
    if exit <= jb {
        return Err("loop exit not found".into());
    }
    let file = parsed(vm, &code.filename)?;
    let body: &[Stmt] = if module_level {
        &file.module.body
    } else {
        match super::find_def(&file.module.body, &file.lines, &code.name, code.first_line) {
            Some(d) => &d.body,
            None => return Err("source of the function not found".into()),
        }
    };
    let hl = code.line_of(header);
    let line = |off: usize| file.lines.pos(off).0;
    let mut found: Option<&Stmt> = None;
    find_loop(body, &mut |s: &Stmt| {
        let (test_true, first) = match s {
            Stmt::For(x) if is_for => (false, x.body.first()),
            Stmt::While(x) if !is_for => (
                matches!(&*x.test, Expr::BooleanLiteral(b) if b.value),
                x.body.first(),
            ),
            _ => return,
        };
        let start = line(s.range().start().to_usize());
        let body_line = first.map_or(start, |b| line(b.range().start().to_usize()));
        let in_header =
            (start <= hl && hl < body_line) || hl == start || (test_true && hl == body_line);
        if in_header {
            found = Some(s);
        }
    });
    let Some(stmt) = found else {
        return Err("loop statement not found in the source".into());
    };
    let orelse = match stmt {
        Stmt::For(x) => !x.orelse.is_empty(),
        Stmt::While(x) => !x.orelse.is_empty(),
        _ => false,
    };
    if orelse {
        return Err("loops with `else` are not lifted".into());
    }
    let mut assigned = HashSet::new();
    typeinfer::collect_assigned(std::slice::from_ref(stmt), &mut assigned);
    let mut names = Names::default();
    names.visit_stmt(stmt);
    let mut live = Vec::new();
    for n in names.order {
        let is_assigned = assigned.contains(&n);
        let slot = if module_level {
            None
        } else {
            match code.varnames.iter().position(|v| **v == *n) {
                Some(k) => Some(k),
                None if is_assigned => return Err(format!("the loop assigns global `{n}`")),
                None => continue,
            }
        };
        live.push(Live {
            name: n,
            slot,
            assigned: is_assigned,
        });
    }
    Ok(LoopInfo {
        is_for,
        exit,
        offset: stmt.range().start().to_usize(),
        live,
        specs: Vec::new(),
        failures: Vec::new(),
    })
}

/// Calls `visit` on every loop statement, outer loops before inner ones (not into defs).
fn find_loop<'a>(body: &'a [Stmt], visit: &mut dyn FnMut(&'a Stmt)) {
    for s in body {
        match s {
            Stmt::For(x) => {
                visit(s);
                find_loop(&x.body, visit);
                find_loop(&x.orelse, visit);
            }
            Stmt::While(x) => {
                visit(s);
                find_loop(&x.body, visit);
                find_loop(&x.orelse, visit);
            }
            Stmt::If(x) => {
                find_loop(&x.body, visit);
                for c in &x.elif_else_clauses {
                    find_loop(&c.body, visit);
                }
            }
            Stmt::With(x) => find_loop(&x.body, visit),
            Stmt::Try(x) => {
                find_loop(&x.body, visit);
                for h in &x.handlers {
                    let ruff_python_ast::ExceptHandler::ExceptHandler(h) = h;
                    find_loop(&h.body, visit);
                }
                find_loop(&x.orelse, visit);
                find_loop(&x.finalbody, visit);
            }
            _ => {}
        }
    }
}

/// The loop statement starting at `offset` (anywhere in the file, also inside defs).
fn loop_at(body: &[Stmt], offset: usize) -> Option<&Stmt> {
    for s in body {
        let r = s.range();
        if offset < r.start().to_usize() || offset >= r.end().to_usize() {
            continue;
        }
        if r.start().to_usize() == offset && matches!(s, Stmt::For(_) | Stmt::While(_)) {
            return Some(s);
        }
        let found = match s {
            Stmt::FunctionDef(x) => loop_at(&x.body, offset),
            Stmt::ClassDef(x) => loop_at(&x.body, offset),
            Stmt::For(x) => loop_at(&x.body, offset).or_else(|| loop_at(&x.orelse, offset)),
            Stmt::While(x) => loop_at(&x.body, offset).or_else(|| loop_at(&x.orelse, offset)),
            Stmt::If(x) => loop_at(&x.body, offset).or_else(|| {
                x.elif_else_clauses
                    .iter()
                    .find_map(|c| loop_at(&c.body, offset))
            }),
            Stmt::With(x) => loop_at(&x.body, offset),
            Stmt::Try(x) => loop_at(&x.body, offset)
                .or_else(|| {
                    x.handlers.iter().find_map(|h| {
                        let ruff_python_ast::ExceptHandler::ExceptHandler(h) = h;
                        loop_at(&h.body, offset)
                    })
                })
                .or_else(|| loop_at(&x.orelse, offset))
                .or_else(|| loop_at(&x.finalbody, offset)),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Names used in a statement, in order of first appearance (not inside lambdas).
#[derive(Default)]
struct Names {
    seen: HashSet<String>,
    order: Vec<String>,
}

impl<'a> Visitor<'a> for Names {
    fn visit_expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Name(n) => {
                let id = n.id.as_str();
                if self.seen.insert(id.to_string()) {
                    self.order.push(id.to_string());
                }
            }
            Expr::Lambda(_) => {}
            _ => visitor::walk_expr(self, e),
        }
    }
}

/// The current value of a live variable (None: unbound).
fn read(f: &Frame, l: &Live) -> Option<Value> {
    match l.slot {
        Some(k) => f.slots.get(k).filter(|v| !v.is_null()).cloned(),
        None => f.locals.as_ref().and_then(|d| d.get_by_str(&l.name)),
    }
}

fn write(f: &mut Frame, l: &Live, v: Value) {
    match l.slot {
        Some(k) => {
            if let Some(s) = f.slots.get_mut(k) {
                *s = v;
            }
        }
        None => {
            if let Some(d) = &f.locals {
                d.set_by_str(&l.name, v);
            }
        }
    }
}

fn enter(vm: &mut Vm, f: &mut Frame, lj: &Rc<LoopJit>) -> PyResult<()> {
    // Signature and values of the live variables.
    let (sig, args, range, np_outs) = {
        let st = lj.state.borrow();
        let LoopState::Ready(info) = &*st else {
            return Ok(());
        };
        let mut sig = Vec::with_capacity(info.live.len());
        let mut args = Vec::with_capacity(info.live.len() + 3);
        let mut bad: Option<String> = None;
        // Assigned variables holding numpy scalars get numpy scalars back.
        let mut np_outs = Vec::new();
        for l in &info.live {
            let Some(v) = read(f, l) else {
                if l.assigned || l.slot.is_some() {
                    lj.deferred.set(lj.deferred.get() + 1);
                    return Ok(());
                }
                sig.push(None);
                continue;
            };
            if l.assigned {
                np_outs.push(crate::numpy::np_scalar(&v).is_some());
            }
            match dispatch::arg_type(vm, &v) {
                Ok(t) => {
                    sig.push(Some(t));
                    args.push(v);
                }
                Err(_) if l.slot.is_none() && !l.assigned => sig.push(None),
                Err(why) => {
                    bad.get_or_insert(format!("`{}` is {why}", l.name));
                    sig.push(None);
                }
            }
        }
        if let Some(why) = bad {
            drop(st);
            refuse(lj, why);
            return Ok(());
        }
        let range = if info.is_for {
            let Some(Value::Iter(it)) = f.slots.last() else {
                drop(st);
                refuse(lj, "the `for` loop does not run over an iterator".into());
                return Ok(());
            };
            let r = match &*it.kind.borrow() {
                IterKind::Range { next, step, left } => Some(
                    left.checked_mul(*step)
                        .and_then(|d| next.checked_add(d))
                        .map(|stop| (*next, stop, *step)),
                ),
                _ => None,
            };
            match r {
                Some(Some(r)) => Some(r),
                Some(None) => {
                    lj.deferred.set(lj.deferred.get() + 1);
                    return Ok(());
                }
                None => {
                    drop(st);
                    refuse(lj, "`for` loops are lifted over range() only".into());
                    return Ok(());
                }
            }
        } else {
            None
        };
        if info.failures.iter().any(|(s, _)| *s == sig) {
            return Ok(());
        }
        (sig, args, range, np_outs)
    };
    let spec = match find_spec(lj, &sig) {
        Some(s) => s,
        None => match compile_loop(vm, f, lj, &sig) {
            Ok(s) => s,
            Err(why) => {
                if let LoopState::Ready(info) = &mut *lj.state.borrow_mut() {
                    info.failures.push((sig, why));
                }
                return Ok(());
            }
        },
    };
    let mut args = args;
    if let Some((a, b, c)) = range {
        args.extend([Value::Int(a), Value::Int(b), Value::Int(c)]);
    }
    lj.entries.set(lj.entries.get() + 1);
    match dispatch::run_native(vm, &spec, &args) {
        Ok(v) => {
            let st = lj.state.borrow();
            let LoopState::Ready(info) = &*st else {
                return Ok(());
            };
            let outs: Vec<&Live> = info.live.iter().filter(|l| l.assigned).collect();
            let vals = match v {
                Value::Tuple(t) => t.items.to_vec(),
                Value::None => Vec::new(),
                other => vec![other],
            };
            for ((l, v), np) in outs.into_iter().zip(vals).zip(np_outs) {
                let v = match (np, v) {
                    (true, Value::Float(x)) => crate::numpy::scalar_value(vm, Scalar::F(x)),
                    (true, Value::Int(x)) => crate::numpy::scalar_value(vm, Scalar::I(x)),
                    (true, Value::Bool(x)) => crate::numpy::scalar_value(vm, Scalar::B(x)),
                    (_, v) => v,
                };
                write(f, l, v);
            }
            if info.is_for {
                f.slots.pop();
            }
            f.ip = info.exit;
            Ok(())
        }
        Err(e)
            if dispatch::is_int_overflow(vm, &e)
                && !args.iter().any(|a| crate::numpy::raw_parts(a).is_some()) =>
        {
            // A Python int outgrew int64. The loop touched no arrays and nothing was written
            // back, so the interpreter simply continues from the same state, with big ints.
            refuse(lj, dispatch::INT_OVERFLOW.into());
            Ok(())
        }
        Err(e) => {
            // Point the frame at the failing line so its traceback entry (and any handler
            // covering the loop) are the interpreter's.
            let line = spec.err_line.get();
            let st = lj.state.borrow();
            if let LoopState::Ready(info) = &*st {
                if let Some(ip) = error_ip(&f.code, lj.header, info.exit, line, &e) {
                    f.ip = ip + 1;
                }
            }
            Err(e)
        }
    }
}

fn refuse(lj: &LoopJit, why: String) {
    *lj.state.borrow_mut() = LoopState::Refused(why);
}

fn find_spec(lj: &LoopJit, sig: &[Option<T>]) -> Option<Rc<Spec>> {
    match &*lj.state.borrow() {
        LoopState::Ready(info) => info
            .specs
            .iter()
            .find(|(s, _)| s == sig)
            .map(|(_, sp)| sp.clone()),
        LoopState::Refused(_) => None,
    }
}

/// The instruction of the loop that raises on `line` (the first of the error's kind).
fn error_ip(
    co: &CodeObj,
    header: usize,
    exit: usize,
    line: u32,
    e: &crate::vm::PyErr,
) -> Option<usize> {
    let code = &co.code;
    let on_line: Vec<usize> = (header..exit.min(code.instrs.len()))
        .filter(|&k| code.line_of(k) == line)
        .collect();
    let name = e.0.class.name().to_string();
    let want: &[Op] = match name.as_str() {
        "IndexError" => &[Op::BinarySubscr, Op::StoreSubscr],
        "ZeroDivisionError" => &[Op::BinaryOp],
        _ => &[Op::BinaryOp, Op::Call, Op::BinarySubscr, Op::StoreSubscr],
    };
    on_line
        .iter()
        .copied()
        .find(|&k| want.contains(&code.instrs[k].op))
        .or_else(|| on_line.first().copied())
}

fn compile_loop(
    vm: &mut Vm,
    f: &Frame,
    lj: &LoopJit,
    sig: &[Option<T>],
) -> Result<Rc<Spec>, String> {
    let t0 = Instant::now();
    let (offset, is_for, params, outs) = {
        let st = lj.state.borrow();
        let LoopState::Ready(info) = &*st else {
            return Err("refused".into());
        };
        let mut params = Vec::new();
        let mut outs = Vec::new();
        for (l, t) in info.live.iter().zip(sig) {
            if let Some(t) = t {
                params.push((l.name.clone(), t.clone()));
            }
            if l.assigned {
                outs.push(l.name.clone());
            }
        }
        (info.offset, info.is_for, params, outs)
    };
    let code = f.code.code.clone();
    let file = parsed(vm, &code.filename)?;
    let Some(stmt) = loop_at(&file.module.body, offset) else {
        return Err("loop statement not found".into());
    };
    let src = typeinfer::Source {
        text: &file.source,
        lines: &file.lines,
        filename: &code.filename,
    };
    let np = crate::numpy::classes(vm);
    let mut s = Session {
        vm,
        entries: vec![Entry {
            func: None,
            args: Vec::new(),
            ret_guess: None,
            done: None,
            failed: None,
        }],
        callees: Vec::new(),
        globals: vec![f.globals.clone()],
        np,
    };
    let name = format!("__loop_L{}", lj.line);
    let t =
        typeinfer::infer_loop(&name, stmt, &params, &outs, is_for, &src, &mut s).map_err(|e| {
            format!(
                "line {}: {}{}",
                e.line,
                if e.expr.is_empty() || e.expr == "loop" {
                    String::new()
                } else {
                    format!("{}: ", e.expr)
                },
                e.msg
            )
        })?;
    let fparams: Vec<T> = t.params.iter().map(|(_, t)| t.clone()).collect();
    let allocates = std::iter::once(&t)
        .chain(s.entries.iter().filter_map(|e| e.done.as_ref()))
        .any(|f| f.body.iter().any(stmt_allocates));
    if allocates {
        // Arrays allocated by native code live until the native call returns: a long loop
        // would keep every one of them. Hot callees still tier up on their own.
        return Err("the loop allocates arrays (released only when native code returns)".into());
    }
    s.entries[0].done = Some(t);
    let mut unit = Vec::new();
    for e in s.entries.drain(..) {
        match e.done {
            Some(t) => unit.push(t),
            None => {
                return Err(e
                    .failed
                    .unwrap_or_else(|| "a called function could not be typed".into()))
            }
        }
    }
    let vm = s.vm;
    let ir = lower::lower_unit(&unit).map_err(|m| format!("lowering failed: {m}"))?;
    let opts = numjit_jit::Options {
        boundscheck: true,
        inspect: vm.jit.emit.is_some_and(|e| e != Emit::Types),
        // Plain Python loops keep Python int semantics: an overflow bails out.
        checked_int: true,
        ..Default::default()
    };
    let compiled =
        numjit_jit::compile(&ir, &opts).map_err(|e| format!("code generation failed: {e}"))?;
    let entry = compiled
        .index(&lower::ir_name(&unit, 0))
        .ok_or_else(|| "entry function missing".to_string())?;
    let spec = Rc::new(Spec {
        args: fparams,
        ret: unit[0].ret.clone(),
        code: compiled,
        entry,
        unit,
        ir,
        compile_time: t0.elapsed(),
        calls: Cell::new(0),
        native_time: Cell::new(Duration::ZERO),
        lifted: true,
        err_line: Cell::new(0),
    });
    if let Some(e) = vm.jit.emit {
        eprint!("{}", dispatch::emit_text(&spec, e));
    }
    if let LoopState::Ready(info) = &mut *lj.state.borrow_mut() {
        info.specs.push((sig.to_vec(), spec.clone()));
    }
    Ok(spec)
}

fn stmt_allocates(s: &TStmt) -> bool {
    match &s.kind {
        SK::Assign(_, e) | SK::Unpack(_, e) | SK::Expr(e) | SK::Return(Some(e)) => {
            expr_allocates(e)
        }
        SK::Store(_, ix, v) => ix.iter().any(expr_allocates) || expr_allocates(v),
        SK::If(c, a, b) => {
            expr_allocates(c) || a.iter().any(stmt_allocates) || b.iter().any(stmt_allocates)
        }
        SK::While(c, b) => expr_allocates(c) || b.iter().any(stmt_allocates),
        SK::For {
            start,
            stop,
            step,
            body,
            ..
        } => {
            expr_allocates(start)
                || expr_allocates(stop)
                || expr_allocates(step)
                || body.iter().any(stmt_allocates)
        }
        SK::Break | SK::Continue | SK::Return(None) => false,
    }
}

fn expr_allocates(e: &TExpr) -> bool {
    match &e.kind {
        TK::Alloc(..) | TK::ArrayBin(..) | TK::ArrayMath(..) | TK::Copy(_) => true,
        TK::Int(_) | TK::Float(_) | TK::Bool(_) | TK::Var(_) | TK::Shape(..) | TK::TupleGet(..) => {
            false
        }
        TK::Bin(_, a, b) | TK::Cmp(_, a, b) | TK::And(a, b) | TK::Or(a, b) => {
            expr_allocates(a) || expr_allocates(b)
        }
        TK::Un(_, a) | TK::Cast(_, a) => expr_allocates(a),
        TK::Select(a, b, c) => expr_allocates(a) || expr_allocates(b) || expr_allocates(c),
        TK::Math(_, xs) | TK::Load(_, xs) | TK::Tuple(xs) | TK::Call(_, xs) => {
            xs.iter().any(expr_allocates)
        }
    }
}

/// `--stats` lines for lifted and refused loops: (text, native time, specialisations).
pub fn stats_lines(st: &JitState) -> (String, Duration, usize) {
    let mut out = String::new();
    let mut native = Duration::ZERO;
    let mut n = 0;
    for lj in &st.loops_all {
        let code = &lj.code.code;
        let at = format!("{} line {} ({})", code.qualname, lj.line, code.filename);
        match &*lj.state.borrow() {
            LoopState::Refused(why) => {
                out.push_str(&format!("  loop refused  {at}  reason: {why}\n"));
            }
            LoopState::Ready(info) => {
                for (_, s) in &info.specs {
                    n += 1;
                    native += s.native_time.get();
                    let sig: Vec<String> = s.unit[0]
                        .params
                        .iter()
                        .map(|(n, t)| format!("{n}: {t}"))
                        .collect();
                    out.push_str(&format!(
                        "  loop compiled  {at}  ({})  compile {:.3} ms  entered natively {}  native time {:.6} s\n",
                        sig.join(", "),
                        s.compile_time.as_secs_f64() * 1e3,
                        s.calls.get(),
                        s.native_time.get().as_secs_f64()
                    ));
                }
                for (_, why) in &info.failures {
                    let last = why.lines().last().unwrap_or("").trim();
                    out.push_str(&format!("  loop refused  {at}  reason: {last}\n"));
                }
                if info.specs.is_empty() && info.failures.is_empty() && lj.deferred.get() > 0 {
                    out.push_str(&format!(
                        "  loop refused  {at}  reason: a variable it assigns was unbound ({} tries)\n",
                        lj.deferred.get()
                    ));
                }
            }
        }
    }
    (out, native, n)
}
