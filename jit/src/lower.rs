//! Lowering: one IR [`Function`] → Cranelift IR, through `cranelift-frontend` (which builds
//! SSA from the named locals).
//!
//! Internal calling convention (between compiled functions): `(ctx, params...) -> (status,
//! results...)` where `status` is an i64 (0 = ok). A function no other calls takes `(ctx,
//! args, rets) -> status` instead, its parameters and results in u64 slots (`Env::direct`).
//! Scalars travel as i64 / f64 / i8 (bool), arrays as the address of their
//! [`crate::ArrayDesc`]. Array locals live in Cranelift
//! variables (descriptor address, data pointer, shape and byte strides per axis), loaded once
//! when the array is bound, so inner loops touch no descriptor memory.
//!
//! Every check (index bounds, division by zero, ...) is an unsigned compare or equality test
//! branching to a *cold* block that records the error in the call context (`abi::RawErr`)
//! and returns a non-zero status: generated code never traps.

use crate::abi::{DESC_DATA, DESC_SHAPE, DESC_STRIDES};
use crate::error::{CompileError, ErrorKind};
use crate::ir::*;
use crate::options::Options;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    types, AbiParam, Block, BlockArg, FuncRef, InstBuilder, MemFlagsData, Signature, SourceLoc,
    StackSlotData, StackSlotKind, Type, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, Variable};
use cranelift_jit::JITModule;
use cranelift_module::{FuncId, Linkage, Module as _};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod arrays;
mod known;
pub(crate) use known::Known;
mod loops;
mod nest;
mod outline;
mod vector;

/// Cranelift type of a value of IR type `ty`.
pub(crate) fn clty(ty: Ty) -> Type {
    match ty {
        Ty::I64 | Ty::Array(..) => types::I64,
        Ty::F64 => types::F64,
        Ty::Bool => types::I8,
    }
}

/// Signature of a compiled function under the internal convention.
pub(crate) fn internal_sig(params: &[Ty], rets: &[Ty], cc: CallConv) -> Signature {
    let mut s = Signature::new(cc);
    s.params.push(AbiParam::new(types::I64));
    for &p in params {
        s.params.push(AbiParam::new(clty(p)));
    }
    s.returns.push(AbiParam::new(types::I64));
    for &r in rets {
        s.returns.push(AbiParam::new(clty(r)));
    }
    s
}

/// What the lowering of one function needs from the module being built.
pub(crate) struct Env<'m> {
    pub module: &'m mut JITModule,
    pub ir: &'m Module,
    pub func_ids: &'m [FuncId],
    pub helpers: &'m HashMap<&'static str, FuncId>,
    pub opts: Options,
    /// The index each function reports in its errors (its index in the module the host
    /// compiled: an outlined function's module holds copies); None: its own index.
    pub report: Option<&'m [u32]>,
    /// The function being lowered is an outlined checked copy: what its caller knew at the
    /// call, and what kind of copy it is.
    pub outlined: Option<(Known, Copy)>,
    /// The function takes `(ctx, args, rets)` and reads its parameters from, and writes its
    /// results to, u64 slots (`compile::direct_entries`).
    pub direct: bool,
    /// Outlined checked copies made so far (compiled on first use).
    #[allow(clippy::vec_box)] // native code holds their addresses
    pub lazies: &'m mut Vec<Box<crate::compile::Lazy>>,
    /// The addresses native code reaches through symbols ([`Lower::symbol_address`]), by name;
    /// the module looks them up when it links.
    pub addresses: &'m crate::compile::Addresses,
}

impl Env<'_> {
    /// What kind of outlined checked copy the function is, if it is one.
    pub(crate) fn copy(&self) -> Option<Copy> {
        self.outlined.as_ref().map(|o| o.1)
    }

    /// The index function `k` of this module reports in its errors.
    pub(crate) fn report(&self, k: usize) -> u32 {
        self.report.map_or(k as u32, |r| r[k])
    }
}

/// What an outlined checked copy (`compile::Lazy`) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Copy {
    /// A versioned loop (`outline`): not versioned again.
    Loop,
    /// A whole function whose entry test failed (`nest`): its loops are versioned one by one.
    /// It has the calling convention of the function it copies: `(ctx, args, rets)` if true
    /// (`Env::direct`), the internal one otherwise (a function its module calls).
    Function(bool),
}

#[derive(Clone)]
struct ArrVars {
    dtype: DType,
    ptr: Variable,
    data: Variable,
    shape: Vec<Variable>,
    strides: Vec<Variable>,
}

#[derive(Clone)]
struct ArrVals {
    dtype: DType,
    ptr: Value,
    data: Value,
    shape: Vec<Value>,
    strides: Vec<Value>,
}

#[derive(Clone)]
enum Local {
    Scalar(Variable, Ty),
    Array(ArrVars),
}

type R<T> = Result<T, CompileError>;

pub(crate) struct Lower<'a, 'b, 'm> {
    b: FunctionBuilder<'b>,
    env: &'a mut Env<'m>,
    /// The function's index in this module, and the one its errors report.
    local: usize,
    fidx: u32,
    f: &'a Function,
    vars: HashMap<String, Local>,
    loops: Vec<(Block, Block)>,
    ctx: Value,
    line: LineId,
    frefs: HashMap<String, FuncRef>,
    /// What is known at the point being lowered (flow-sensitive): integer ranges of locals
    /// and index checks that already passed. An `if` joins its branches' knowledge; a loop
    /// forgets the variables its body assigns (their values at the header come from the
    /// back-edge too). Non-negative indices skip the negative-index wrap; checked `+ - *`
    /// whose result provably fits skip the overflow check; a repeated index skips its check.
    known: known::Known,
    /// Shared cold blocks of the function: the propagation site of a callee's error (params:
    /// status, func|line), and the failure return after an error was recorded in the context
    /// (`abi::RawErr`; no params). Each check costs a compare, a branch and a cold block of
    /// stores, not a call sequence (smaller code, faster compile).
    trace_block: Option<Block>,
    fail_block: Option<Block>,
    /// Variables of the function's `spill` statement, reported on every error return.
    spill: Vec<String>,
    /// Inside the fast copy of a versioned loop: the indices proven in bounds before it.
    proven: Option<loops::Proven>,
    /// After the entry test passed: the innermost loops it proved, by body (`nest`).
    nest: Option<HashMap<*const Stmt, loops::Proven>>,
    /// In a copy of an unrolled group (`loops::unrolled`): the counter is `base + offset`,
    /// `base` its value at the group's start.
    unroll: Option<(Value, i64)>,
    /// Nesting of the statement lists being lowered (1 = the function body).
    depth: u32,
    /// The results' slots of a function with `Env::direct`.
    rets_slots: Option<Value>,
    /// Array locals bound on every path from the entry to what is being lowered: parameters
    /// and arrays declared by the function body's own statements (not inside an `if` or a
    /// loop). Only these may be read again from their descriptor after a loop.
    dominating: HashSet<String>,
}

/// The names `body` assigns anywhere (so a loop's counter and invariants exclude them).
fn assigned(body: &[Stmt]) -> HashSet<String> {
    let mut out = HashSet::default();
    Stmt::walk_all(body, &mut |s| match &s.kind {
        StmtKind::Var(n, ..) | StmtKind::Set(n, _) | StmtKind::For { var: n, .. } => {
            out.insert(n.clone());
        }
        StmtKind::Unpack(ns, _) => out.extend(ns.iter().cloned()),
        _ => {}
    });
    out
}

/// The expression the last `Set` of `name` in `b` assigns.
fn last_set<'s>(b: &'s [Stmt], name: &str) -> Option<&'s Expr> {
    b.iter().rev().find_map(|s| match &s.kind {
        StmtKind::Set(m, e) if m == name => Some(e),
        _ => None,
    })
}

/// The names of `f`'s `spill` statements, in order.
pub(crate) fn spill_names(f: &Function) -> Vec<String> {
    f.body
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Spill(names) => Some(names.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// Every i64.
const FULL: (i128, i128) = (i64::MIN as i128, i64::MAX as i128);

fn fits(r: (i128, i128)) -> Option<(i128, i128)> {
    (r.0 >= FULL.0 && r.1 <= FULL.1).then_some(r)
}

/// Bounds of `x op y` for operands within `x` and `y`; None if the result might not fit i64
/// (operands are within i64, so no product overflows i128).
fn bin_range(op: BinOp, x: (i128, i128), y: (i128, i128)) -> Option<(i128, i128)> {
    let r = match op {
        BinOp::Add => (x.0 + y.0, x.1 + y.1),
        BinOp::Sub => (x.0 - y.1, x.1 - y.0),
        BinOp::Mul => {
            let p = [x.0 * y.0, x.0 * y.1, x.1 * y.0, x.1 * y.1];
            (*p.iter().min()?, *p.iter().max()?)
        }
        // Floor division and modulo by a positive constant.
        BinOp::FloorDiv if y.0 == y.1 && y.0 > 0 => (x.0.div_euclid(y.0), x.1.div_euclid(y.0)),
        BinOp::Mod if y.0 > 0 => (0, y.1 - 1),
        BinOp::Max => (x.0.max(y.0), x.1.max(y.1)),
        BinOp::Min => (x.0.min(y.0), x.1.min(y.1)),
        BinOp::BitAnd if x.0 >= 0 || y.0 >= 0 => {
            let hi = match (x.0 >= 0, y.0 >= 0) {
                (true, true) => x.1.min(y.1),
                (true, false) => x.1,
                _ => y.1,
            };
            (0, hi)
        }
        _ => return None,
    };
    fits(r)
}

fn mem() -> MemFlagsData {
    // Array and descriptor accesses never fault on valid input (bounds are checked in IR),
    // and are aligned for f64/i64 data coming from numpy or our runtime.
    MemFlagsData::new().with_notrap()
}

impl<'a, 'b, 'm> Lower<'a, 'b, 'm> {
    pub(crate) fn new(
        b: FunctionBuilder<'b>,
        env: &'a mut Env<'m>,
        local: usize,
        f: &'a Function,
    ) -> Self {
        let fidx = env.report(local);
        let mut l = Lower {
            b,
            env,
            local,
            fidx,
            f,
            vars: HashMap::default(),
            loops: Vec::new(),
            ctx: Value::from_u32(0),
            line: 0,
            frefs: HashMap::default(),
            known: known::Known::default(),
            trace_block: None,
            fail_block: None,
            proven: None,
            nest: None,
            unroll: None,
            depth: 0,
            dominating: HashSet::default(),
            rets_slots: None,
            spill: spill_names(f),
        };
        if let Some((k, _)) = &l.env.outlined {
            l.known = k.clone();
        }
        let entry = l.b.create_block();
        l.b.append_block_params_for_function_params(entry);
        l.b.switch_to_block(entry);
        l.b.seal_block(entry);
        l.ctx = l.b.block_params(entry)[0];
        l
    }

    /// Lowers the whole body and finishes the function.
    pub(crate) fn run(mut self) -> R<()> {
        let entry = self.b.current_block().unwrap();
        let params: Vec<Value> = if self.env.direct {
            let args = self.b.block_params(entry)[1];
            self.rets_slots = Some(self.b.block_params(entry)[2]);
            let tys: Vec<Ty> = self.f.params.iter().map(|p| p.ty).collect();
            tys.iter()
                .enumerate()
                .map(|(k, &t)| self.b.ins().load(clty(t), mem(), args, 8 * k as i32))
                .collect()
        } else {
            self.b.block_params(entry)[1..].to_vec()
        };
        for (p, v) in self.f.params.iter().zip(params) {
            if self.vars.contains_key(&p.name) {
                return Err(self.terr(format!("duplicate parameter `{}`", p.name)));
            }
            match p.ty {
                Ty::Array(d, n) => {
                    let vals = self.load_desc(v, d, n);
                    let vars = self.new_array_vars(d, n);
                    self.def_array(&vars, &vals);
                    self.vars.insert(p.name.clone(), Local::Array(vars));
                    self.dominating.insert(p.name.clone());
                }
                ty => {
                    let var = self.b.declare_var(clty(ty));
                    self.b.def_var(var, v);
                    self.vars.insert(p.name.clone(), Local::Scalar(var, ty));
                }
            }
        }
        // Deep recursion ends in a StackOverflow status, not a crash: compare the stack
        // pointer with the limit the host stored at offset 0 of the context.
        let sp = self.b.ins().get_stack_pointer(types::I64);
        let ctx = self.ctx;
        let limit = self.b.ins().load(types::I64, mem(), ctx, 0);
        let low = self.b.ins().icmp(IntCC::UnsignedLessThan, sp, limit);
        self.raise_if(low, ErrorKind::StackOverflow, 0, None, None);
        self.entry_test()?;
        let body = &self.f.body;
        self.block(body)?;
        // Falling off the end: fine without results, an error status otherwise.
        if self.f.rets.is_empty() {
            let st = self.b.ins().iconst(types::I64, 0);
            self.b.ins().return_(&[st]);
        } else {
            self.raise_always(ErrorKind::MissingReturn, 0, None, None);
        }
        if let Some(blk) = self.fail_block {
            self.b.switch_to_block(blk);
            let one = self.iconst(1);
            self.return_failure(one);
        }
        if let Some(blk) = self.trace_block {
            self.b.switch_to_block(blk);
            let p = self.b.block_params(blk).to_vec();
            let tr = self.helper("nj_trace");
            let ctx = self.ctx;
            self.b.ins().call(tr, &[ctx, p[1]]);
            self.return_status(p[0]);
        }
        self.b.seal_all_blocks();
        let cfg = self.env.module.target_config();
        self.b.finalize(cfg);
        Ok(())
    }

    // ------------------------------------------------------------------ small utilities

    fn terr(&self, message: impl Into<String>) -> CompileError {
        CompileError::Type {
            func: self.f.name.clone(),
            line: self.line,
            message: message.into(),
        }
    }

    fn set_line(&mut self, l: LineId) -> LineId {
        let old = self.line;
        if l != 0 {
            self.line = l;
            self.b.set_srcloc(SourceLoc::new(l));
        }
        old
    }

    fn restore_line(&mut self, old: LineId) {
        if old != self.line {
            self.line = old;
            self.b.set_srcloc(if old == 0 {
                SourceLoc::default()
            } else {
                SourceLoc::new(old)
            });
        }
    }

    fn func_line(&self) -> i64 {
        ((self.fidx as i64) << 32) | self.line as i64
    }

    fn helper(&mut self, name: &'static str) -> FuncRef {
        if let Some(&r) = self.frefs.get(name) {
            return r;
        }
        let id = self.env.helpers[name];
        let r = self.env.module.declare_func_in_func(id, self.b.func);
        self.frefs.insert(name.to_string(), r);
        r
    }

    fn callee(&mut self, idx: usize) -> FuncRef {
        let key = format!("#{idx}");
        if let Some(&r) = self.frefs.get(&key) {
            return r;
        }
        let id = self.env.func_ids[idx];
        let r = self.env.module.declare_func_in_func(id, self.b.func);
        self.frefs.insert(key, r);
        r
    }

    fn iconst(&mut self, v: i64) -> Value {
        self.b.ins().iconst(types::I64, v)
    }

    /// Address `addr` of this process (a resolver, a lazy copy and its slot), as a value: a
    /// relocation against symbol `name`, not an immediate, so that the function Cranelift
    /// compiles, and its code, do not depend on where this process put things, and the code
    /// cache can reuse it in another process (`cache`). The same instruction as an
    /// immediate (`movabs`).
    fn symbol_address(&mut self, name: &str, addr: usize) -> R<Value> {
        self.env.addresses.insert(name, addr);
        let id = self
            .env
            .module
            .declare_data(name, Linkage::Import, false, false)
            .map_err(|e| CompileError::Codegen {
                func: self.f.name.clone(),
                message: e.to_string(),
            })?;
        let gv = self.env.module.declare_data_in_func(id, self.b.func);
        Ok(self.b.ins().symbol_value(types::I64, gv))
    }

    fn zero(&mut self, ty: Ty) -> Value {
        match ty {
            Ty::F64 => self.b.ins().f64const(0.0),
            t => self.b.ins().iconst(clty(t), 0),
        }
    }

    /// Starts a fresh (unreachable) block after a terminator so later statements have
    /// somewhere to go; Cranelift removes it.
    fn dead_block(&mut self) {
        let blk = self.b.create_block();
        self.b.switch_to_block(blk);
        self.b.seal_block(blk);
    }

    /// The current values of the `spill` statement's scalars, in order, as i64 bits (what an
    /// error reports: f64 bits, bools 0/1).
    fn spill_bits(&mut self) -> Vec<Value> {
        let scalars: Vec<(Variable, Ty)> = self
            .spill
            .iter()
            .filter_map(|name| match self.vars.get(name) {
                Some(Local::Scalar(var, t)) => Some((*var, *t)),
                _ => None,
            })
            .collect();
        scalars
            .into_iter()
            .map(|(var, t)| {
                let v = self.b.use_var(var);
                match t {
                    Ty::F64 => self.b.ins().bitcast(types::I64, MemFlagsData::new(), v),
                    Ty::I64 => v,
                    _ => self.b.ins().uextend(types::I64, v),
                }
            })
            .collect()
    }

    /// Returns a failure `status`, with zeros for the results.
    fn return_failure(&mut self, status: Value) {
        if self.rets_slots.is_some() {
            self.b.ins().return_(&[status]);
            return;
        }
        let mut vals = vec![status];
        for &t in &self.f.rets.clone() {
            let z = self.zero(t);
            vals.push(z);
        }
        self.b.ins().return_(&vals);
    }

    /// Stores the `spill` variables' current values and their count into the context
    /// (`abi::RawErr`): every error return does, so the outermost function's values are the
    /// ones reported. Nothing without a `spill` statement.
    fn record_spill(&mut self) {
        if self.spill.is_empty() {
            return;
        }
        let bits = self.spill_bits();
        let ctx = self.ctx;
        let n = self.iconst(bits.len() as i64);
        self.b
            .ins()
            .store(mem(), n, ctx, crate::abi::raw_at::NSPILL);
        let buf = self
            .b
            .ins()
            .load(types::I64, mem(), ctx, crate::abi::raw_at::SPILL);
        for (k, v) in bits.into_iter().enumerate() {
            self.b.ins().store(mem(), v, buf, 8 * k as i32);
        }
    }

    /// Returns an error `status` whose details are recorded already (by a helper, or by a
    /// callee), reporting the `spill` variables' values first.
    fn return_status(&mut self, status: Value) {
        self.record_spill();
        self.return_failure(status);
    }

    /// Records an error in the context (`abi::RawErr`: kind << 32 | axis, func << 32 | line,
    /// the index and the bound, 0 when there is none) and the `spill` values, then jumps to
    /// the function's shared failure return.
    fn emit_raise(
        &mut self,
        kind: ErrorKind,
        axis: u32,
        index: Option<Value>,
        bound: Option<Value>,
    ) {
        use crate::abi::raw_at;
        let ctx = self.ctx;
        let one = self.iconst(1);
        let details = [
            (one, raw_at::SET),
            (
                self.iconst(((kind as i64) << 32) | axis as i64),
                raw_at::KIND_AXIS,
            ),
            (self.iconst(self.func_line()), raw_at::FUNC_LINE),
            (index.unwrap_or_else(|| self.iconst(0)), raw_at::INDEX),
            (bound.unwrap_or_else(|| self.iconst(0)), raw_at::BOUND),
        ];
        for (v, at) in details {
            self.b.ins().store(mem(), v, ctx, at);
        }
        self.record_spill();
        let fail = match self.fail_block {
            Some(b) => b,
            None => {
                let b = self.b.create_block();
                self.b.set_cold_block(b);
                self.fail_block = Some(b);
                b
            }
        };
        self.b.ins().jump(fail, &[]);
    }

    /// If `cond` (i8) is true: record the error and return a failure status, in a cold block
    /// of its own.
    fn raise_if(
        &mut self,
        cond: Value,
        kind: ErrorKind,
        axis: u32,
        index: Option<Value>,
        bound: Option<Value>,
    ) {
        let cont = self.cold_path(cond, true);
        self.emit_raise(kind, axis, index, bound);
        self.b.switch_to_block(cont);
    }

    /// Branches to a new cold block when `v` is non-zero (`when` true) or zero (false), and
    /// goes on lowering in it; returns the block where the code goes on otherwise, for the
    /// caller to switch to once the cold path ends. Both are sealed: each has its one
    /// predecessor already (sealing as soon as all predecessors are known keeps SSA
    /// construction linear).
    pub(super) fn cold_path(&mut self, v: Value, when: bool) -> Block {
        let (cold, cont) = (self.b.create_block(), self.b.create_block());
        self.b.set_cold_block(cold);
        if when {
            self.b.ins().brif(v, cold, &[], cont, &[]);
        } else {
            self.b.ins().brif(v, cont, &[], cold, &[]);
        }
        self.b.seal_block(cold);
        self.b.seal_block(cont);
        self.b.switch_to_block(cold);
        cont
    }

    fn shared_block(&mut self, nparams: usize) -> Block {
        let blk = self.b.create_block();
        for _ in 0..nparams {
            self.b.append_block_param(blk, types::I64);
        }
        self.b.set_cold_block(blk);
        blk
    }

    fn raise_always(
        &mut self,
        kind: ErrorKind,
        axis: u32,
        index: Option<Value>,
        bound: Option<Value>,
    ) {
        self.emit_raise(kind, axis, index, bound);
        self.dead_block();
    }

    /// After a call that returned `status`: propagate a failure (cold), recording this frame.
    fn check_status(&mut self, status: Value) {
        let cold = match self.trace_block {
            Some(b) => b,
            None => {
                let b = self.shared_block(2);
                self.trace_block = Some(b);
                b
            }
        };
        let cont = self.b.create_block();
        let fl = self.iconst(self.func_line());
        let args = [status, fl].map(BlockArg::Value);
        self.b.ins().brif(status, cold, &args, cont, &[]);
        self.b.seal_block(cont);
        self.b.switch_to_block(cont);
    }

    // ------------------------------------------------------------------ types

    fn lookup(&self, name: &str) -> R<&Local> {
        self.vars
            .get(name)
            .ok_or_else(|| self.terr(format!("unknown variable `{name}`")))
    }

    fn find_func(&self, name: &str) -> R<usize> {
        self.env
            .ir
            .functions
            .iter()
            .position(|f| f.name == name)
            .ok_or_else(|| self.terr(format!("unknown function `{name}`")))
    }

    fn find_host(&self, name: &str) -> R<usize> {
        self.env
            .ir
            .hosts
            .iter()
            .position(|h| h.name == name)
            .ok_or_else(|| self.terr(format!("unknown host callback `{name}`")))
    }

    fn numeric(&self, t: Ty) -> R<()> {
        if t.is_scalar() {
            Ok(())
        } else {
            Err(self.terr("an array is not a number"))
        }
    }

    /// Python's numeric promotion for binary arithmetic.
    fn promote_ty(&self, a: Ty, b: Ty) -> R<Ty> {
        self.numeric(a)?;
        self.numeric(b)?;
        Ok(if a == Ty::F64 || b == Ty::F64 {
            Ty::F64
        } else {
            Ty::I64
        })
    }

    /// Static type of an expression (no code emitted).
    /// Whether evaluating `e` can neither fail nor have an effect, so it may run when Python
    /// would skip it: literals, variables, comparisons, negation, and float `+ - *` (ints
    /// only where they wrap: with `checked_int` they may overflow).
    fn plain(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) | ExprKind::Var(_) => true,
            ExprKind::Cmp(_, a, b) | ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                self.plain(a) && self.plain(b)
            }
            ExprKind::Un(UnOp::Not | UnOp::Neg, a) => {
                self.plain(a)
                    && (!self.env.opts.checked_int || self.type_of(a).is_ok_and(|t| t == Ty::F64))
            }
            ExprKind::Bin(BinOp::Add | BinOp::Sub | BinOp::Mul, a, b) => {
                self.plain(a)
                    && self.plain(b)
                    && (!self.env.opts.checked_int || self.type_of(e).is_ok_and(|t| t == Ty::F64))
            }
            _ => false,
        }
    }

    /// Whether `if c: then else: els` can be selects: `c` and every right-hand side are
    /// plain ([`Lower::plain`], or int arithmetic whose result provably fits), every
    /// statement assigns a scalar, and no right-hand side reads a variable the `if` assigns.
    fn selectable(&self, c: &Expr, then: &[Stmt], els: &[Stmt]) -> bool {
        let sets: Vec<(&String, &Expr)> = then
            .iter()
            .chain(els)
            .filter_map(|s| match &s.kind {
                StmtKind::Set(n, e) => Some((n, e)),
                _ => None,
            })
            .collect();
        let fits = |e: &Expr| match &e.kind {
            ExprKind::Bin(op @ (BinOp::Add | BinOp::Sub | BinOp::Mul), a, b) => {
                self.plain(a)
                    && self.plain(b)
                    && bin_range(*op, self.int_range(a), self.int_range(b)).is_some()
            }
            _ => false,
        };
        sets.len() == then.len() + els.len()
            && !sets.is_empty()
            && self.plain(c)
            && sets.iter().all(|(n, e)| {
                matches!(self.vars.get(*n), Some(Local::Scalar(..)))
                    && (self.plain(e) || fits(e))
                    && !known::reads(e, |m| sets.iter().any(|(k, _)| *k == m))
            })
    }

    fn type_of(&self, e: &Expr) -> R<Ty> {
        Ok(match &e.kind {
            ExprKind::Int(_) => Ty::I64,
            ExprKind::Float(_) => Ty::F64,
            ExprKind::Bool(_) => Ty::Bool,
            ExprKind::Var(n) => match self.lookup(n)? {
                Local::Scalar(_, t) => *t,
                Local::Array(a) => Ty::Array(a.dtype, a.shape.len() as u8),
            },
            ExprKind::Bin(op, a, b) => {
                let (ta, tb) = (self.type_of(a)?, self.type_of(b)?);
                match op {
                    BinOp::Div => {
                        self.promote_ty(ta, tb)?;
                        Ty::F64
                    }
                    BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => {
                        if ta == Ty::Bool && tb == Ty::Bool {
                            Ty::Bool
                        } else if ta.is_intlike() && tb.is_intlike() {
                            Ty::I64
                        } else {
                            return Err(self.terr("bitwise operators need integers or bools"));
                        }
                    }
                    _ => self.promote_ty(ta, tb)?,
                }
            }
            ExprKind::Cmp(..) | ExprKind::And(..) | ExprKind::Or(..) => Ty::Bool,
            ExprKind::Un(op, a) => {
                let t = self.type_of(a)?;
                self.numeric(t)?;
                match op {
                    UnOp::Not => Ty::Bool,
                    _ if t == Ty::F64 => Ty::F64,
                    _ => Ty::I64,
                }
            }
            ExprKind::Math(m, _) => match m {
                MathFn::IsNan | MathFn::IsInf => Ty::Bool,
                _ => Ty::F64,
            },
            ExprKind::Cast(t, _) => *t,
            ExprKind::Select(_, a, b) => {
                let (ta, tb) = (self.type_of(a)?, self.type_of(b)?);
                if ta == tb {
                    ta
                } else {
                    self.promote_ty(ta, tb)?
                }
            }
            ExprKind::Load(n, _) => match self.lookup(n)? {
                Local::Array(a) => a.dtype.elem(),
                _ => return Err(self.terr(format!("`{n}` is not an array"))),
            },
            ExprKind::Shape(..) => Ty::I64,
            ExprKind::Alloc(d, _, dims) => Ty::Array(*d, dims.len() as u8),
            ExprKind::Call(n, _) => {
                let f = &self.env.ir.functions[self.find_func(n)?];
                match f.rets.as_slice() {
                    [t] => *t,
                    _ => return Err(self.terr(format!("`{n}` does not return one value"))),
                }
            }
            ExprKind::CallHost(n, _) => {
                let h = &self.env.ir.hosts[self.find_host(n)?];
                match h.rets.as_slice() {
                    [t] => *t,
                    _ => return Err(self.terr(format!("`{n}` does not return one value"))),
                }
            }
        })
    }

    /// Implicit conversions: bool → i64 → f64 (as Python's numeric tower).
    fn coerce(&mut self, v: Value, from: Ty, to: Ty) -> R<Value> {
        Ok(match (from, to) {
            _ if from == to => v,
            (Ty::Bool, Ty::I64) => self.b.ins().uextend(types::I64, v),
            (Ty::Bool, Ty::F64) => {
                let w = self.b.ins().uextend(types::I64, v);
                self.b.ins().fcvt_from_sint(types::F64, w)
            }
            (Ty::I64, Ty::F64) => self.b.ins().fcvt_from_sint(types::F64, v),
            _ => {
                return Err(self.terr(format!(
                    "cannot use a {from} where a {to} is expected (add an explicit conversion)"
                )))
            }
        })
    }

    /// Python truthiness → i8 0/1.
    fn truthy(&mut self, v: Value, t: Ty) -> R<Value> {
        Ok(match t {
            Ty::Bool => v,
            Ty::I64 => self.b.ins().icmp_imm_s(IntCC::NotEqual, v, 0),
            Ty::F64 => {
                let z = self.b.ins().f64const(0.0);
                self.b.ins().fcmp(FloatCC::NotEqual, v, z)
            }
            Ty::Array(..) => return Err(self.terr("an array has no truth value here")),
        })
    }

    fn cond(&mut self, e: &Expr) -> R<Value> {
        let (v, t) = self.expr(e)?;
        self.truthy(v, t)
    }

    // ------------------------------------------------------------------ integer facts

    /// Expressions known to be >= 0 without running them.
    fn nonneg_expr(&self, e: &Expr) -> bool {
        match &e.kind {
            // A loop counter plus a small constant is below a shape: it cannot wrap.
            ExprKind::Bin(BinOp::Add, a, b)
                if self.nonneg_expr(a) && matches!(b.kind, ExprKind::Int(0..=1024)) =>
            {
                true
            }
            _ => self.int_range(e).0 >= 0,
        }
    }

    /// Bounds of an integer expression from literals, shapes and the facts in scope (all of
    /// i64 when nothing is known). Sound with wrapping and with checked arithmetic: a result
    /// that might leave i64 is "anything".
    fn int_range(&self, e: &Expr) -> (i128, i128) {
        match &e.kind {
            ExprKind::Int(v) => (i128::from(*v), i128::from(*v)),
            ExprKind::Bool(_) => (0, 1),
            ExprKind::Var(n) => self.known.range(n).unwrap_or(FULL),
            ExprKind::Shape(..) => (0, FULL.1),
            ExprKind::Bin(op, a, b) => {
                bin_range(*op, self.int_range(a), self.int_range(b)).unwrap_or(FULL)
            }
            ExprKind::Un(UnOp::Neg, a) => {
                let (lo, hi) = self.int_range(a);
                fits((-hi, -lo)).unwrap_or(FULL)
            }
            ExprKind::Select(_, a, b) => {
                let (x, y) = (self.int_range(a), self.int_range(b));
                (x.0.min(y.0), x.1.max(y.1))
            }
            _ => FULL,
        }
    }

    // ------------------------------------------------------------------ expressions

    fn expr(&mut self, e: &Expr) -> R<(Value, Ty)> {
        let old = self.set_line(e.line);
        let r = self.expr_inner(e);
        self.restore_line(old);
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> R<(Value, Ty)> {
        Ok(match &e.kind {
            ExprKind::Int(v) => (self.iconst(*v), Ty::I64),
            ExprKind::Float(v) => (self.b.ins().f64const(*v), Ty::F64),
            ExprKind::Bool(v) => (self.b.ins().iconst(types::I8, *v as i64), Ty::Bool),
            ExprKind::Var(n) => match self.lookup(n)?.clone() {
                Local::Scalar(var, t) => (self.b.use_var(var), t),
                Local::Array(a) => {
                    let p = self.b.use_var(a.ptr);
                    (p, Ty::Array(a.dtype, a.shape.len() as u8))
                }
            },
            ExprKind::Bin(op, a, b) => self.binary(*op, a, b)?,
            ExprKind::Cmp(op, a, b) => self.compare(*op, a, b)?,
            ExprKind::And(a, b) | ExprKind::Or(a, b) if self.plain(b) => {
                // Evaluating `b` cannot fail nor change anything: both sides, no branch.
                // A short-circuit block would make Cranelift compute what `b` shares with
                // the code after it twice (mandelbrot's `k < max_iter and zr * zr + ... <= 4`:
                // the next iteration's `zr * zr`).
                let ca = self.cond(a)?;
                let cb = self.cond(b)?;
                let v = match e.kind {
                    ExprKind::And(..) => self.b.ins().band(ca, cb),
                    _ => self.b.ins().bor(ca, cb),
                };
                (v, Ty::Bool)
            }
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                let is_and = matches!(e.kind, ExprKind::And(..));
                let ca = self.cond(a)?;
                let rhs = self.b.create_block();
                let done = self.b.create_block();
                let res = self.b.append_block_param(done, types::I8);
                if is_and {
                    self.b
                        .ins()
                        .brif(ca, rhs, &[], done, &[BlockArg::Value(ca)]);
                } else {
                    self.b
                        .ins()
                        .brif(ca, done, &[BlockArg::Value(ca)], rhs, &[]);
                }
                self.b.seal_block(rhs);
                self.b.switch_to_block(rhs);
                let checks = self.known.check_count();
                let cb = self.cond(b)?;
                self.known.drop_checks_since(checks);
                self.b.ins().jump(done, &[BlockArg::Value(cb)]);
                self.b.seal_block(done);
                self.b.switch_to_block(done);
                (res, Ty::Bool)
            }
            ExprKind::Un(op, a) => {
                let (v, t) = self.expr(a)?;
                self.numeric(t)?;
                match (op, t) {
                    (UnOp::Not, _) => {
                        let c = self.truthy(v, t)?;
                        (self.b.ins().bxor_imm_u(c, 1), Ty::Bool)
                    }
                    (UnOp::Neg, Ty::F64) => (self.b.ins().fneg(v), Ty::F64),
                    (UnOp::Abs, Ty::F64) => (self.b.ins().fabs(v), Ty::F64),
                    (UnOp::Neg | UnOp::Abs, _) => {
                        let v = self.coerce(v, t, Ty::I64)?;
                        if self.env.opts.checked_int && self.int_range(a).0 == FULL.0 {
                            // -MIN and abs(MIN) do not fit.
                            let min = self.b.ins().icmp_imm_s(IntCC::Equal, v, i64::MIN);
                            self.raise_if(min, ErrorKind::IntOverflow, 0, None, None);
                        }
                        let op = match e.kind {
                            ExprKind::Un(UnOp::Neg, _) => self.b.ins().ineg(v),
                            _ => self.b.ins().iabs(v),
                        };
                        (op, Ty::I64)
                    }
                }
            }
            ExprKind::Math(m, args) => self.math(*m, args)?,
            ExprKind::Cast(to, a) => {
                let (v, t) = self.expr(a)?;
                self.numeric(t)?;
                match to {
                    Ty::Bool => (self.truthy(v, t)?, Ty::Bool),
                    Ty::F64 => (self.coerce(v, t, Ty::F64)?, Ty::F64),
                    Ty::I64 if t == Ty::F64 => (self.float_to_int(v), Ty::I64),
                    Ty::I64 => (self.coerce(v, t, Ty::I64)?, Ty::I64),
                    Ty::Array(..) => return Err(self.terr("cannot convert to an array")),
                }
            }
            ExprKind::Select(c, a, b) => {
                let ty = self.type_of(e)?;
                self.numeric(ty)?;
                let cv = self.cond(c)?;
                let (ba, bb) = (self.b.create_block(), self.b.create_block());
                let done = self.b.create_block();
                let res = self.b.append_block_param(done, clty(ty));
                self.b.ins().brif(cv, ba, &[], bb, &[]);
                self.b.seal_block(ba);
                self.b.seal_block(bb);
                self.b.switch_to_block(ba);
                let checks = self.known.check_count();
                let (va, ta) = self.expr(a)?;
                let va = self.coerce(va, ta, ty)?;
                self.known.drop_checks_since(checks);
                self.b.ins().jump(done, &[BlockArg::Value(va)]);
                self.b.switch_to_block(bb);
                let (vb, tb) = self.expr(b)?;
                self.known.drop_checks_since(checks);
                let vb = self.coerce(vb, tb, ty)?;
                self.b.ins().jump(done, &[BlockArg::Value(vb)]);
                self.b.seal_block(done);
                self.b.switch_to_block(done);
                (res, ty)
            }
            ExprKind::Load(n, idx) => self.load_elem(n, idx)?,
            ExprKind::Shape(n, axis) => {
                let a = self.array_named(n)?;
                let nd = a.shape.len() as i64;
                let ax = if *axis < 0 { axis + nd } else { *axis };
                if !(0..nd).contains(&ax) {
                    return Err(self.terr(format!("axis {axis} out of range for {nd}-d array")));
                }
                (a.shape[ax as usize], Ty::I64)
            }
            ExprKind::Alloc(..) => {
                let a = self.array_expr(e)?;
                (a.ptr, self.type_of(e)?)
            }
            ExprKind::Call(..) => self.expr_call(e)?,
            ExprKind::CallHost(..) => {
                let mut r = self.call_any(e)?;
                if r.len() != 1 {
                    return Err(self.terr("callback does not return exactly one value"));
                }
                r.pop().unwrap()
            }
        })
    }

    fn expr_call(&mut self, e: &Expr) -> R<(Value, Ty)> {
        let mut r = self.call_any(e)?;
        if r.len() != 1 {
            return Err(self.terr("function does not return exactly one value"));
        }
        Ok(r.pop().unwrap())
    }

    /// f64 → i64 truncation with Python's refusal of NaN, infinities and out-of-range values.
    fn float_to_int(&mut self, v: Value) -> Value {
        let lo = self.b.ins().f64const(-9.223_372_036_854_776e18);
        let hi = self.b.ins().f64const(9.223_372_036_854_776e18);
        let ge = self.b.ins().fcmp(FloatCC::GreaterThanOrEqual, v, lo);
        let lt = self.b.ins().fcmp(FloatCC::LessThan, v, hi);
        let ok = self.b.ins().band(ge, lt);
        let bad = self.b.ins().bxor_imm_u(ok, 1);
        let bits = self.b.ins().bitcast(types::I64, MemFlagsData::new(), v);
        self.raise_if(bad, ErrorKind::FloatToInt, 0, Some(bits), None);
        self.b.ins().fcvt_to_sint_sat(types::I64, v)
    }

    fn check_zero_int(&mut self, d: Value) {
        let z = self.b.ins().icmp_imm_s(IntCC::Equal, d, 0);
        self.raise_if(z, ErrorKind::ZeroDivision, 0, None, None);
    }

    fn check_zero_float(&mut self, d: Value) {
        let zero = self.b.ins().f64const(0.0);
        let z = self.b.ins().fcmp(FloatCC::Equal, d, zero);
        self.raise_if(z, ErrorKind::ZeroDivision, 0, None, None);
    }

    fn call_helper(&mut self, name: &'static str, args: &[Value]) -> Value {
        let f = self.helper(name);
        let c = self.b.ins().call(f, args);
        self.b.inst_results(c)[0]
    }

    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr) -> R<(Value, Ty)> {
        let (va, ta) = self.expr(a)?;
        let (vb, tb) = self.expr(b)?;
        if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) {
            let ty = if ta == Ty::Bool && tb == Ty::Bool {
                Ty::Bool
            } else if ta.is_intlike() && tb.is_intlike() {
                Ty::I64
            } else {
                return Err(self.terr("bitwise operators need integers or bools"));
            };
            let x = self.coerce(va, ta, ty)?;
            let y = self.coerce(vb, tb, ty)?;
            let v = match op {
                BinOp::BitAnd => self.b.ins().band(x, y),
                BinOp::BitOr => self.b.ins().bor(x, y),
                _ => self.b.ins().bxor(x, y),
            };
            return Ok((v, ty));
        }
        let ty = self.promote_ty(ta, tb)?;
        if op == BinOp::Div {
            let x = self.coerce(va, ta, Ty::F64)?;
            let y = self.coerce(vb, tb, Ty::F64)?;
            // An int divisor known to be non-zero (it converts to a non-zero float) needs no
            // check; an int one is checked before the conversion (same result).
            let (lo, hi) = self.int_range(b);
            let nonzero = tb.is_intlike() && (lo > 0 || hi < 0);
            if !nonzero && ty == Ty::I64 {
                let yi = self.coerce(vb, tb, Ty::I64)?;
                self.check_zero_int(yi);
            } else if !nonzero {
                self.check_zero_float(y);
            }
            return Ok((self.b.ins().fdiv(x, y), Ty::F64));
        }
        let x = self.coerce(va, ta, ty)?;
        let y = self.coerce(vb, tb, ty)?;
        let two = |e: &Expr| matches!(e.kind, ExprKind::Float(c) if c == 2.0);
        let v = if ty == Ty::F64 {
            match op {
                BinOp::Add => self.b.ins().fadd(x, y),
                BinOp::Sub => self.b.ins().fsub(x, y),
                // 2 * v is v + v bit for bit (NaN payloads, ±0, overflow included), and needs
                // no constant: Cranelift rematerialises float constants at every use, inside
                // loops too (mandelbrot's `2.0 * zr * zi`).
                BinOp::Mul if two(a) => self.b.ins().fadd(y, y),
                BinOp::Mul if two(b) => self.b.ins().fadd(x, x),
                BinOp::Mul => self.b.ins().fmul(x, y),
                BinOp::FloorDiv => {
                    self.check_zero_float(y);
                    self.call_helper("nj_floordiv_f64", &[x, y])
                }
                BinOp::Mod => {
                    self.check_zero_float(y);
                    self.call_helper("nj_mod_f64", &[x, y])
                }
                BinOp::Pow => self.call_helper("nj_pow", &[x, y]),
                BinOp::Min => {
                    let c = self.b.ins().fcmp(FloatCC::LessThan, y, x);
                    self.b.ins().select(c, y, x)
                }
                BinOp::Max => {
                    let c = self.b.ins().fcmp(FloatCC::GreaterThan, y, x);
                    self.b.ins().select(c, y, x)
                }
                _ => unreachable!("handled above"),
            }
        } else {
            match op {
                BinOp::Add | BinOp::Sub | BinOp::Mul
                    if self.env.opts.checked_int
                        && bin_range(op, self.int_range(a), self.int_range(b)).is_none() =>
                {
                    let (r, of) = match op {
                        BinOp::Add => self.b.ins().sadd_overflow(x, y),
                        BinOp::Sub => self.b.ins().ssub_overflow(x, y),
                        _ => self.b.ins().smul_overflow(x, y),
                    };
                    self.raise_if(of, ErrorKind::IntOverflow, 0, None, None);
                    r
                }
                BinOp::Add => self.b.ins().iadd(x, y),
                BinOp::Sub => self.b.ins().isub(x, y),
                BinOp::Mul => self.b.ins().imul(x, y),
                BinOp::FloorDiv | BinOp::Mod => {
                    let (rx, ry) = (self.int_range(a), self.int_range(b));
                    let pow2 = match b.kind {
                        ExprKind::Int(c) if c > 0 && c.count_ones() == 1 => Some(c),
                        _ => None,
                    };
                    if let Some(c) = pow2 {
                        // Floor division by 2^k is an arithmetic shift and the floor modulo a
                        // mask, for any sign of x (spectral_norm's `... // 2` under `@njit`,
                        // where wrapping arithmetic leaves the dividend's sign unknown).
                        match op {
                            BinOp::FloorDiv => {
                                self.b.ins().sshr_imm_u(x, i64::from(c.trailing_zeros()))
                            }
                            _ => self.b.ins().band_imm_s(x, c - 1),
                        }
                    } else if rx.0 >= 0 && ry.0 > 0 {
                        // Both positive: C's truncating division is Python's floor division.
                        match op {
                            BinOp::FloorDiv => self.b.ins().sdiv(x, y),
                            _ => self.b.ins().srem(x, y),
                        }
                    } else {
                        self.int_divmod(op, x, y)
                    }
                }
                BinOp::Pow if self.env.opts.checked_int => {
                    return Err(self.terr("i64 ** is not compiled with checked int arithmetic"));
                }
                BinOp::Pow => {
                    let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, y, 0);
                    self.raise_if(neg, ErrorKind::NegativePower, 0, Some(y), None);
                    self.call_helper("nj_ipow", &[x, y])
                }
                BinOp::Min => {
                    let c = self.b.ins().icmp(IntCC::SignedLessThan, y, x);
                    self.b.ins().select(c, y, x)
                }
                BinOp::Max => {
                    let c = self.b.ins().icmp(IntCC::SignedGreaterThan, y, x);
                    self.b.ins().select(c, y, x)
                }
                _ => unreachable!("handled above"),
            }
        };
        Ok((v, ty))
    }

    /// Python's integer `//` and `%` (floor semantics), without any trapping division:
    /// divisor 0 is a status, divisor -1 is special-cased (MIN // -1 wraps to MIN as numba).
    fn int_divmod(&mut self, op: BinOp, x: Value, y: Value) -> Value {
        self.check_zero_int(y);
        let is_m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
        let one = self.iconst(1);
        let ys = self.b.ins().select(is_m1, one, y);
        let r = self.b.ins().srem(x, ys);
        // Floor adjustment when the remainder is non-zero and its sign differs from y's.
        let rnz = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
        let sx = self.b.ins().bxor(r, y);
        let sdiff = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, sx, 0);
        let adj = self.b.ins().band(rnz, sdiff);
        if op == BinOp::Mod {
            let zero = self.iconst(0);
            let add = self.b.ins().select(adj, y, zero);
            self.b.ins().iadd(r, add)
        } else {
            let q = self.b.ins().sdiv(x, ys);
            let adj64 = self.b.ins().uextend(types::I64, adj);
            let q = self.b.ins().isub(q, adj64);
            let negx = self.b.ins().ineg(x);
            self.b.ins().select(is_m1, negx, q)
        }
    }

    fn compare(&mut self, op: CmpOp, a: &Expr, b: &Expr) -> R<(Value, Ty)> {
        let (va, ta) = self.expr(a)?;
        let (vb, tb) = self.expr(b)?;
        let ty = self.promote_ty(ta, tb)?;
        let x = self.coerce(va, ta, ty)?;
        let y = self.coerce(vb, tb, ty)?;
        let v = if ty == Ty::F64 {
            let cc = match op {
                CmpOp::Lt => FloatCC::LessThan,
                CmpOp::Le => FloatCC::LessThanOrEqual,
                CmpOp::Gt => FloatCC::GreaterThan,
                CmpOp::Ge => FloatCC::GreaterThanOrEqual,
                CmpOp::Eq => FloatCC::Equal,
                CmpOp::Ne => FloatCC::NotEqual,
            };
            self.b.ins().fcmp(cc, x, y)
        } else {
            let cc = match op {
                CmpOp::Lt => IntCC::SignedLessThan,
                CmpOp::Le => IntCC::SignedLessThanOrEqual,
                CmpOp::Gt => IntCC::SignedGreaterThan,
                CmpOp::Ge => IntCC::SignedGreaterThanOrEqual,
                CmpOp::Eq => IntCC::Equal,
                CmpOp::Ne => IntCC::NotEqual,
            };
            self.b.ins().icmp(cc, x, y)
        };
        Ok((v, Ty::Bool))
    }

    fn math(&mut self, m: MathFn, args: &[Expr]) -> R<(Value, Ty)> {
        if args.len() != m.arity() {
            return Err(self.terr(format!("{} takes {} argument(s)", m.name(), m.arity())));
        }
        let mut vs = Vec::new();
        for a in args {
            let (v, t) = self.expr(a)?;
            self.numeric(t)?;
            vs.push(self.coerce(v, t, Ty::F64)?);
        }
        let x = vs[0];
        let v = match m {
            MathFn::Sqrt => self.b.ins().sqrt(x),
            MathFn::Floor => self.b.ins().floor(x),
            MathFn::Ceil => self.b.ins().ceil(x),
            MathFn::Fabs => self.b.ins().fabs(x),
            MathFn::IsNan => return Ok((self.b.ins().fcmp(FloatCC::Unordered, x, x), Ty::Bool)),
            MathFn::IsInf => {
                let a = self.b.ins().fabs(x);
                let inf = self.b.ins().f64const(f64::INFINITY);
                return Ok((self.b.ins().fcmp(FloatCC::Equal, a, inf), Ty::Bool));
            }
            MathFn::Exp => self.call_helper("nj_exp", &vs),
            MathFn::Log => self.call_helper("nj_log", &vs),
            MathFn::Log10 => self.call_helper("nj_log10", &vs),
            MathFn::Sin => self.call_helper("nj_sin", &vs),
            MathFn::Cos => self.call_helper("nj_cos", &vs),
            MathFn::Tan => self.call_helper("nj_tan", &vs),
            MathFn::Tanh => self.call_helper("nj_tanh", &vs),
            MathFn::Atan2 => self.call_helper("nj_atan2", &vs),
            MathFn::Hypot => self.call_helper("nj_hypot", &vs),
            MathFn::Pow => self.call_helper("nj_pow", &vs),
        };
        Ok((v, Ty::F64))
    }

    /// Lowers a call (compiled function or host callback) and returns all its results.
    fn call_any(&mut self, e: &Expr) -> R<Vec<(Value, Ty)>> {
        let old = self.set_line(e.line);
        let r = match &e.kind {
            ExprKind::Call(name, args) => self.call_compiled(name, args),
            ExprKind::CallHost(name, args) => self.call_host(name, args),
            _ => Err(self.terr("expected a call")),
        };
        self.restore_line(old);
        r
    }

    fn lower_args(&mut self, what: &str, params: &[Ty], args: &[Expr]) -> R<Vec<Value>> {
        if params.len() != args.len() {
            return Err(self.terr(format!(
                "`{what}` takes {} argument(s), {} given",
                params.len(),
                args.len()
            )));
        }
        let mut out = Vec::new();
        for (&p, a) in params.iter().zip(args) {
            let v = match p {
                Ty::Array(d, n) => {
                    let t = self.type_of(a)?;
                    if t != p {
                        return Err(self.terr(format!("`{what}` expects {p}, got {t}")));
                    }
                    let _ = (d, n);
                    self.array_expr(a)?.ptr
                }
                _ => {
                    let (v, t) = self.expr(a)?;
                    self.coerce(v, t, p)?
                }
            };
            out.push(v);
        }
        Ok(out)
    }

    fn call_compiled(&mut self, name: &str, args: &[Expr]) -> R<Vec<(Value, Ty)>> {
        let idx = self.find_func(name)?;
        let callee = &self.env.ir.functions[idx];
        let params: Vec<Ty> = callee.params.iter().map(|p| p.ty).collect();
        let rets = callee.rets.clone();
        let mut vals = vec![self.ctx];
        vals.extend(self.lower_args(name, &params, args)?);
        let fref = self.callee(idx);
        let call = self.b.ins().call(fref, &vals);
        let res: Vec<Value> = self.b.inst_results(call).to_vec();
        self.check_status(res[0]);
        Ok(res[1..].iter().copied().zip(rets).collect())
    }

    fn call_host(&mut self, name: &str, args: &[Expr]) -> R<Vec<(Value, Ty)>> {
        let idx = self.find_host(name)?;
        let decl = self.env.ir.hosts[idx].clone();
        if decl.params.iter().chain(&decl.rets).any(|t| !t.is_scalar()) {
            return Err(self.terr("host callbacks take and return scalars only"));
        }
        let vals = self.lower_args(name, &decl.params, args)?;
        let n = decl.params.len().max(decl.rets.len()).max(1) as u32;
        let slot = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            8 * n,
            3,
        ));
        for (k, (&v, &t)) in vals.iter().zip(&decl.params).enumerate() {
            let w = if t == Ty::Bool {
                self.b.ins().uextend(types::I64, v)
            } else {
                v
            };
            self.b.ins().stack_store(types::I64, w, slot, 8 * k as i32);
        }
        let p = self.b.ins().stack_addr(types::I64, slot, 0);
        let f = self.helper("nj_callhost");
        let hi = self.iconst(idx as i64);
        let fl = self.iconst(self.func_line());
        let ctx = self.ctx;
        let c = self.b.ins().call(f, &[ctx, hi, fl, p, p]);
        let st = self.b.inst_results(c)[0];
        self.check_status(st);
        let mut out = Vec::new();
        for (k, &t) in decl.rets.iter().enumerate() {
            let v = if t == Ty::Bool {
                let w = self
                    .b
                    .ins()
                    .stack_load(types::I64, types::I64, slot, 8 * k as i32);
                self.b.ins().icmp_imm_s(IntCC::NotEqual, w, 0)
            } else {
                self.b
                    .ins()
                    .stack_load(types::I64, clty(t), slot, 8 * k as i32)
            };
            out.push((v, t));
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ statements

    fn block(&mut self, stmts: &[Stmt]) -> R<()> {
        self.depth += 1;
        let r = stmts.iter().try_for_each(|s| self.stmt(s));
        self.depth -= 1;
        r
    }

    fn declare(&mut self, name: &str, ty: Ty) -> R<Local> {
        if let Some(l) = self.vars.get(name) {
            let t = match l {
                Local::Scalar(_, t) => *t,
                Local::Array(a) => Ty::Array(a.dtype, a.shape.len() as u8),
            };
            if t != ty {
                return Err(self.terr(format!("`{name}` redeclared as {ty} (was {t})")));
            }
            return Ok(l.clone());
        }
        let l = match ty {
            Ty::Array(d, n) => {
                if !(1..=MAX_NDIM as u8).contains(&n) {
                    return Err(self.terr(format!("arrays have 1..={MAX_NDIM} dimensions")));
                }
                Local::Array(self.new_array_vars(d, n))
            }
            t => {
                let v = self.b.declare_var(clty(t));
                let z = self.zero(t);
                self.b.def_var(v, z);
                Local::Scalar(v, t)
            }
        };
        self.vars.insert(name.to_string(), l.clone());
        Ok(l)
    }

    fn is_i64_var(&self, name: &str) -> bool {
        matches!(self.vars.get(name), Some(Local::Scalar(_, Ty::I64)))
    }

    /// `name = e`, recording the bounds of an i64 value (taken before the assignment, as
    /// `e` may read `name`).
    fn assign_fact(&mut self, name: &str, e: &Expr) -> R<()> {
        let r = self.int_range(e);
        self.assign(name, e)?;
        self.known.forget(name);
        if self.is_i64_var(name) {
            self.known.set_range(name, Some(r));
        }
        Ok(())
    }

    fn assign(&mut self, name: &str, e: &Expr) -> R<()> {
        match self.lookup(name)?.clone() {
            Local::Scalar(var, t) => {
                let (v, te) = self.expr(e)?;
                let v = self.coerce(v, te, t)?;
                self.b.def_var(var, v);
            }
            Local::Array(a) => {
                let te = self.type_of(e)?;
                let ta = Ty::Array(a.dtype, a.shape.len() as u8);
                if te != ta {
                    return Err(self.terr(format!("cannot assign {te} to `{name}` of type {ta}")));
                }
                let vals = self.array_expr(e)?;
                self.def_array(&a, &vals);
            }
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        let old = self.set_line(s.line);
        let r = self.stmt_inner(s);
        self.restore_line(old);
        r
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R<()> {
        match &s.kind {
            StmtKind::Spill(_) => {}
            StmtKind::Assume(v, lo, hi) => {
                if lo <= hi && self.is_i64_var(v) {
                    self.known
                        .set_range(v, Some((i128::from(*lo), i128::from(*hi))));
                }
            }
            StmtKind::Var(name, ty, init) => {
                if !ty.is_scalar() && init.is_none() && !self.vars.contains_key(name) {
                    return Err(
                        self.terr(format!("array variable `{name}` needs an initial value"))
                    );
                }
                self.declare(name, *ty)?;
                if self.depth == 1 && !ty.is_scalar() {
                    self.dominating.insert(name.clone());
                }
                self.known.forget(name);
                if let Some(e) = init {
                    self.assign_fact(name, e)?;
                }
            }
            StmtKind::Set(name, e) => self.assign_fact(name, e)?,
            StmtKind::Store(name, idx, e) => {
                let a = self.array_named(name)?;
                let et = a.dtype.elem();
                let (v, t) = self.expr(e)?;
                let v = self.coerce(v, t, et)?;
                let addr = self.address(name, &a, idx)?;
                self.b.ins().store(mem(), v, addr, 0);
            }
            StmtKind::If(c, then, els) if self.selectable(c, then, els) => {
                // Both arms only assign scalars values that cannot fail: selects, no blocks
                // (a lifted nest's entry picks each loop's bounds so; fewer blocks and live
                // ranges for the register allocator).
                let cv = self.cond(c)?;
                let mut names: Vec<&String> = Vec::new();
                for s in then.iter().chain(els) {
                    if let StmtKind::Set(n, _) = &s.kind {
                        if !names.contains(&n) {
                            names.push(n);
                        }
                    }
                }
                let mut vals = Vec::new();
                for n in names {
                    let arm = |b| last_set(b, n);
                    let Local::Scalar(var, t) = self.lookup(n)?.clone() else {
                        unreachable!("selectable checked the arms assign scalars");
                    };
                    let side = |me: &mut Self, e: Option<&Expr>| -> R<Value> {
                        match e {
                            Some(e) => {
                                let (v, te) = me.expr(e)?;
                                me.coerce(v, te, t)
                            }
                            None => Ok(me.b.use_var(var)),
                        }
                    };
                    let a = side(self, arm(then))?;
                    let b = side(self, arm(els))?;
                    let (ra, rb) = (
                        arm(then).map_or(self.known.range(n), |e| Some(self.int_range(e))),
                        arm(els).map_or(self.known.range(n), |e| Some(self.int_range(e))),
                    );
                    let r = ra.zip(rb).map(|(x, y)| (x.0.min(y.0), x.1.max(y.1)));
                    vals.push((n.clone(), var, self.b.ins().select(cv, a, b), r));
                }
                for (n, var, v, r) in vals {
                    self.b.def_var(var, v);
                    self.known.forget(&n);
                    if self.is_i64_var(&n) {
                        self.known.set_range(&n, r);
                    }
                }
            }
            StmtKind::If(c, then, els) => {
                let cv = self.cond(c)?;
                let (bt, be, done) = (
                    self.b.create_block(),
                    self.b.create_block(),
                    self.b.create_block(),
                );
                self.b.ins().brif(cv, bt, &[], be, &[]);
                self.b.seal_block(bt);
                self.b.seal_block(be);
                self.b.switch_to_block(bt);
                let before = self.known.clone();
                self.block(then)?;
                let after_then = std::mem::replace(&mut self.known, before);
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(be);
                self.block(els)?;
                // Either branch may have run: keep what both know, widened to cover both.
                self.known.join(after_then);
                self.b.ins().jump(done, &[]);
                self.b.seal_block(done);
                self.b.switch_to_block(done);
            }
            StmtKind::While(c, body) => {
                // Bottom-tested, as range loops: the test once before the loop and once at
                // the latch, so the body is the loop header. Besides one branch less per
                // iteration, Cranelift then hoists what the body computes from values set
                // before the loop: with the test in the header, mandelbrot's
                // `cr = -2.25 + 3.0 * x / w` sank into its `while` loop, division included
                // (a rematerialised constant pinned it there).
                let (bodyb, latch, exit) = (
                    self.b.create_block(),
                    self.b.create_block(),
                    self.b.create_block(),
                );
                self.known.at_loop_header(None, &assigned(body));
                let at_head = self.known.clone();
                let first = self.cond(c)?;
                self.b.ins().brif(first, bodyb, &[], exit, &[]);
                self.b.switch_to_block(bodyb);
                // What the test found holds on the first iteration only.
                self.known = at_head.clone();
                self.loops.push((latch, exit));
                self.block(body)?;
                self.loops.pop();
                self.known = at_head.clone();
                self.b.ins().jump(latch, &[]);
                self.b.seal_block(latch);
                self.b.switch_to_block(latch);
                let again = self.cond(c)?;
                self.b.ins().brif(again, bodyb, &[], exit, &[]);
                self.known = at_head;
                // All back edges (loop end) and exits (break) are now known.
                self.b.seal_block(bodyb);
                self.b.seal_block(exit);
                self.b.switch_to_block(exit);
            }
            StmtKind::For {
                var,
                start,
                stop,
                step,
                body,
            } => self.for_range(var, start, stop, step, body)?,
            StmtKind::Break | StmtKind::Continue => {
                let Some(&(cont, brk)) = self.loops.last() else {
                    return Err(self.terr("break/continue outside a loop"));
                };
                let target = if matches!(s.kind, StmtKind::Break) {
                    brk
                } else {
                    cont
                };
                self.b.ins().jump(target, &[]);
                self.dead_block();
            }
            StmtKind::Return(vals) => {
                let rets = self.f.rets.clone();
                if vals.len() != rets.len() {
                    return Err(self.terr(format!(
                        "return of {} value(s) in a function returning {}",
                        vals.len(),
                        rets.len()
                    )));
                }
                let mut out = vec![self.iconst(0)];
                for (e, &t) in vals.iter().zip(&rets) {
                    let v = if t.is_scalar() {
                        let (v, te) = self.expr(e)?;
                        self.coerce(v, te, t)?
                    } else {
                        let te = self.type_of(e)?;
                        if te != t {
                            return Err(self.terr(format!("returning {te} where {t} is declared")));
                        }
                        self.array_expr(e)?.ptr
                    };
                    out.push(v);
                }
                if let Some(slots) = self.rets_slots {
                    // Stored as the trampoline does: a bool widened to a u64 slot.
                    for (k, (&v, &t)) in out[1..].iter().zip(&rets).enumerate() {
                        let v = if t == Ty::Bool {
                            self.b.ins().uextend(types::I64, v)
                        } else {
                            v
                        };
                        self.b.ins().store(mem(), v, slots, 8 * k as i32);
                    }
                    out.truncate(1);
                }
                self.b.ins().return_(&out);
                self.dead_block();
            }
            StmtKind::Unpack(names, e) => {
                for n in names {
                    self.known.forget(n);
                }
                let vals = self.call_any(e)?;
                if vals.len() != names.len() {
                    return Err(self.terr(format!(
                        "unpacking {} value(s) into {} name(s)",
                        vals.len(),
                        names.len()
                    )));
                }
                for (n, (v, t)) in names.iter().zip(vals) {
                    match self.lookup(n)?.clone() {
                        Local::Scalar(var, vt) => {
                            let v = self.coerce(v, t, vt)?;
                            self.b.def_var(var, v);
                        }
                        Local::Array(a) => {
                            let Ty::Array(d, nd) = t else {
                                return Err(self.terr(format!("`{n}` is an array")));
                            };
                            if (d, nd as usize) != (a.dtype, a.shape.len()) {
                                return Err(self.terr(format!("`{n}` has another array type")));
                            }
                            let vals = self.load_desc(v, d, nd);
                            self.def_array(&a, &vals);
                        }
                    }
                }
            }
            StmtKind::Expr(e) => match &e.kind {
                ExprKind::Call(..) | ExprKind::CallHost(..) => {
                    self.call_any(e)?;
                }
                _ => {
                    self.expr(e)?;
                }
            },
        }
        Ok(())
    }
}
