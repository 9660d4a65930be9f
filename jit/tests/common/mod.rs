//! Test support: a reference evaluator of the IR (a direct tree-walking interpreter written
//! independently of the lowering), a small deterministic RNG, array helpers, and a harness
//! that runs a function both natively and in the evaluator and compares bit for bit.
#![allow(dead_code)]

use numjit_jit::ir::*;
use numjit_jit::*;
use std::collections::HashMap;

/// What Python does with an index into an axis of length `n`: wrap a negative one once,
/// then check it; the error is (axis, index as written, length).
pub fn py_index(i: i64, n: i64, axis: u32) -> Result<i64, (u32, i64, i64)> {
    let w = if i < 0 { i + n } else { i };
    if (0..n).contains(&w) {
        Ok(w)
    } else {
        Err((axis, i, n))
    }
}

// ------------------------------------------------------------------ values

/// An evaluator value.
#[derive(Clone, Copy, Debug)]
pub enum EV {
    I(i64),
    F(f64),
    B(bool),
    /// Index into `Eval::arrays`.
    A(usize),
}

/// An evaluator array: a flat element store plus an offset and element strides.
#[derive(Clone, Debug)]
pub struct EArr {
    pub dtype: DType,
    pub data: Vec<u64>,
    pub offset: i64,
    pub shape: Vec<i64>,
    pub strides: Vec<i64>,
}

impl EArr {
    pub fn from_f64(v: &[f64], shape: &[i64]) -> EArr {
        EArr::contiguous(DType::F64, v.iter().map(|x| x.to_bits()).collect(), shape)
    }
    pub fn from_i64(v: &[i64], shape: &[i64]) -> EArr {
        EArr::contiguous(DType::I64, v.iter().map(|&x| x as u64).collect(), shape)
    }
    pub fn contiguous(dtype: DType, data: Vec<u64>, shape: &[i64]) -> EArr {
        let mut strides = vec![1; shape.len()];
        for k in (0..shape.len().saturating_sub(1)).rev() {
            strides[k] = strides[k + 1] * shape[k + 1];
        }
        EArr {
            dtype,
            data,
            offset: 0,
            shape: shape.to_vec(),
            strides,
        }
    }
    /// Elements in C order (bits).
    pub fn elements(&self) -> Vec<u64> {
        let n: i64 = self.shape.iter().product();
        let mut out = Vec::new();
        for flat in 0..n {
            let mut rem = flat;
            let mut pos = self.offset;
            for k in (0..self.shape.len()).rev() {
                let i = rem % self.shape[k];
                rem /= self.shape[k];
                pos += i * self.strides[k];
            }
            out.push(self.data[pos as usize]);
        }
        out
    }
}

/// Why evaluation stopped with an error status.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalErr {
    pub kind: ErrorKind,
    pub line: LineId,
    pub axis: u32,
    pub index: i64,
    pub bound: i64,
}

enum Flow {
    Normal,
    Break,
    Continue,
    Return(Vec<EV>),
}

/// A host callback for the evaluator.
pub type HostCb = Box<dyn FnMut(&[EV]) -> Result<Vec<EV>, String>>;

/// The reference evaluator.
pub struct Eval<'m> {
    pub module: &'m Module,
    pub arrays: Vec<EArr>,
    pub line: LineId,
    /// Host callbacks by name.
    pub hosts: HashMap<String, HostCb>,
}

type ER<T> = Result<T, EvalErr>;

fn py_floordiv_i(a: i64, b: i64) -> i64 {
    if b == -1 {
        return a.wrapping_neg();
    }
    let q = a / b;
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn py_mod_i(a: i64, b: i64) -> i64 {
    if b == -1 {
        return 0;
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

/// CPython's float_divmod, transcribed.
fn py_divmod_f(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let fd = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (fd, m)
}

fn ipow(mut b: i64, mut e: i64) -> i64 {
    let mut acc = 1i64;
    while e > 0 {
        if e & 1 == 1 {
            acc = acc.wrapping_mul(b);
        }
        b = b.wrapping_mul(b);
        e >>= 1;
    }
    acc
}

impl<'m> Eval<'m> {
    pub fn new(module: &'m Module) -> Self {
        Eval {
            module,
            arrays: Vec::new(),
            line: 0,
            hosts: HashMap::new(),
        }
    }

    fn fail(&self, kind: ErrorKind) -> EvalErr {
        EvalErr {
            kind,
            line: self.line,
            axis: 0,
            index: 0,
            bound: 0,
        }
    }

    fn as_f(v: EV) -> f64 {
        match v {
            EV::I(i) => i as f64,
            EV::F(f) => f,
            EV::B(b) => b as i64 as f64,
            EV::A(_) => panic!("array as number"),
        }
    }
    fn as_i(v: EV) -> i64 {
        match v {
            EV::I(i) => i,
            EV::B(b) => b as i64,
            _ => panic!("not an int: {v:?}"),
        }
    }
    fn truthy(v: EV) -> bool {
        match v {
            EV::I(i) => i != 0,
            EV::F(f) => f != 0.0,
            EV::B(b) => b,
            EV::A(_) => panic!("array truth"),
        }
    }
    fn coerce(v: EV, t: Ty) -> EV {
        match (v, t) {
            (EV::B(b), Ty::I64) => EV::I(b as i64),
            (EV::B(_) | EV::I(_), Ty::F64) => EV::F(Self::as_f(v)),
            _ => v,
        }
    }

    /// Calls a function of the module.
    pub fn call(&mut self, name: &str, args: &[EV]) -> ER<Vec<EV>> {
        let f = self.module.function(name).expect("function").clone();
        let mut env: HashMap<String, EV> = HashMap::new();
        for (p, &a) in f.params.iter().zip(args) {
            env.insert(p.name.clone(), Self::coerce(a, p.ty));
        }
        let saved = self.line;
        let r = self.block(&f, &f.body, &mut env)?;
        self.line = saved;
        match r {
            Flow::Return(v) => Ok(v),
            _ if f.rets.is_empty() => Ok(vec![]),
            _ => Err(self.fail(ErrorKind::MissingReturn)),
        }
    }

    fn block(&mut self, f: &Function, stmts: &[Stmt], env: &mut HashMap<String, EV>) -> ER<Flow> {
        for s in stmts {
            match self.stmt(f, s, env)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    fn var_ty(&self, f: &Function, env: &HashMap<String, EV>, name: &str) -> Ty {
        // Declared type = type of the current value (the evaluator keeps values coerced).
        let _ = f;
        match env[name] {
            EV::I(_) => Ty::I64,
            EV::F(_) => Ty::F64,
            EV::B(_) => Ty::Bool,
            EV::A(a) => Ty::Array(self.arrays[a].dtype, self.arrays[a].shape.len() as u8),
        }
    }

    fn stmt(&mut self, f: &Function, s: &Stmt, env: &mut HashMap<String, EV>) -> ER<Flow> {
        let saved = self.line;
        if s.line != 0 {
            self.line = s.line;
        }
        let r = self.stmt_inner(f, s, env);
        self.line = saved;
        r
    }

    fn stmt_inner(&mut self, f: &Function, s: &Stmt, env: &mut HashMap<String, EV>) -> ER<Flow> {
        match &s.kind {
            StmtKind::Var(n, t, init) => {
                let v = match init {
                    Some(e) => Self::coerce(self.expr(env, e)?, *t),
                    None => match (env.get(n), t) {
                        (Some(v), _) => *v,
                        (None, Ty::I64) => EV::I(0),
                        (None, Ty::F64) => EV::F(0.0),
                        (None, Ty::Bool) => EV::B(false),
                        (None, Ty::Array(..)) => panic!("array without init"),
                    },
                };
                env.insert(n.clone(), v);
            }
            StmtKind::Set(n, e) => {
                let t = self.var_ty(f, env, n);
                let v = self.expr(env, e)?;
                env.insert(n.clone(), Self::coerce(v, t));
            }
            StmtKind::Store(n, idx, e) => {
                let EV::A(a) = env[n] else {
                    panic!("store to non-array")
                };
                let v = self.expr(env, e)?;
                let pos = self.index(env, a, idx)?;
                let arr = &mut self.arrays[a];
                arr.data[pos] = match arr.dtype {
                    DType::F64 => Self::as_f(v).to_bits(),
                    DType::I64 => Self::as_i(v) as u64,
                    DType::Bool => Self::truthy(v) as u64,
                };
            }
            StmtKind::If(c, a, b) => {
                let cv = Self::truthy(self.expr(env, c)?);
                return self.block(f, if cv { a } else { b }, env);
            }
            StmtKind::While(c, body) => {
                while Self::truthy(self.expr(env, c)?) {
                    match self.block(f, body, env)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                }
            }
            StmtKind::For {
                var,
                start,
                stop,
                step,
                body,
            } => {
                let a = Self::as_i(self.expr(env, start)?);
                let b = Self::as_i(self.expr(env, stop)?);
                let st = Self::as_i(self.expr(env, step)?);
                if st == 0 {
                    return Err(self.fail(ErrorKind::RangeStepZero));
                }
                env.entry(var.clone()).or_insert(EV::I(0));
                let mut i = a;
                while (st > 0 && i < b) || (st < 0 && i > b) {
                    env.insert(var.clone(), EV::I(i));
                    match self.block(f, body, env)? {
                        Flow::Break => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        _ => {}
                    }
                    i = i.wrapping_add(st);
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Return(vals) => {
                let mut out = Vec::new();
                for (e, &t) in vals.iter().zip(&f.rets) {
                    out.push(Self::coerce(self.expr(env, e)?, t));
                }
                return Ok(Flow::Return(out));
            }
            StmtKind::Assume(..) | StmtKind::Spill(_) => {}
            StmtKind::Unpack(names, e) => {
                let vals = self.call_expr(env, e)?;
                for (n, v) in names.iter().zip(vals) {
                    let t = self.var_ty(f, env, n);
                    env.insert(n.clone(), Self::coerce(v, t));
                }
            }
            StmtKind::Expr(e) => {
                match &e.kind {
                    ExprKind::Call(..) | ExprKind::CallHost(..) => {
                        self.call_expr(env, e)?;
                    }
                    _ => {
                        self.expr(env, e)?;
                    }
                };
            }
        }
        Ok(Flow::Normal)
    }

    fn index(&mut self, env: &HashMap<String, EV>, a: usize, idx: &[Expr]) -> ER<usize> {
        let mut pos = self.arrays[a].offset;
        for (k, e) in idx.iter().enumerate() {
            let i = Self::as_i(self.expr(env, e)?);
            let n = self.arrays[a].shape[k];
            let w = if i < 0 { i.wrapping_add(n) } else { i };
            if w < 0 || w >= n {
                return Err(EvalErr {
                    kind: ErrorKind::IndexOutOfBounds,
                    line: self.line,
                    axis: k as u32,
                    index: i,
                    bound: n,
                });
            }
            pos += w * self.arrays[a].strides[k];
        }
        Ok(pos as usize)
    }

    fn call_expr(&mut self, env: &HashMap<String, EV>, e: &Expr) -> ER<Vec<EV>> {
        let saved = self.line;
        if e.line != 0 {
            self.line = e.line;
        }
        let r = match &e.kind {
            ExprKind::Call(n, args) => {
                let mut av = Vec::new();
                for a in args {
                    av.push(self.expr(env, a)?);
                }
                self.call(n, &av)
            }
            ExprKind::CallHost(n, args) => {
                let mut av = Vec::new();
                for a in args {
                    av.push(self.expr(env, a)?);
                }
                let decl = self.module.hosts.iter().find(|h| &h.name == n).unwrap();
                let av: Vec<EV> = av
                    .iter()
                    .zip(&decl.params)
                    .map(|(&v, &t)| Self::coerce(v, t))
                    .collect();
                let mut h = self.hosts.remove(n).expect("host fn");
                let r = h(&av);
                self.hosts.insert(n.clone(), h);
                r.map_err(|_| self.fail(ErrorKind::HostError))
            }
            _ => panic!("not a call"),
        };
        self.line = saved;
        r
    }

    pub fn expr(&mut self, env: &HashMap<String, EV>, e: &Expr) -> ER<EV> {
        let saved = self.line;
        if e.line != 0 {
            self.line = e.line;
        }
        let r = self.expr_inner(env, e);
        self.line = saved;
        r
    }

    fn expr_inner(&mut self, env: &HashMap<String, EV>, e: &Expr) -> ER<EV> {
        Ok(match &e.kind {
            ExprKind::Int(v) => EV::I(*v),
            ExprKind::Float(v) => EV::F(*v),
            ExprKind::Bool(v) => EV::B(*v),
            ExprKind::Var(n) => env[n],
            ExprKind::Bin(op, a, b) => {
                let x = self.expr(env, a)?;
                let y = self.expr(env, b)?;
                self.bin(*op, x, y)?
            }
            ExprKind::Cmp(op, a, b) => {
                let x = self.expr(env, a)?;
                let y = self.expr(env, b)?;
                let fl = matches!(x, EV::F(_)) || matches!(y, EV::F(_));
                EV::B(if fl {
                    let (x, y) = (Self::as_f(x), Self::as_f(y));
                    match op {
                        CmpOp::Lt => x < y,
                        CmpOp::Le => x <= y,
                        CmpOp::Gt => x > y,
                        CmpOp::Ge => x >= y,
                        CmpOp::Eq => x == y,
                        CmpOp::Ne => x != y,
                    }
                } else {
                    let (x, y) = (Self::as_i(x), Self::as_i(y));
                    match op {
                        CmpOp::Lt => x < y,
                        CmpOp::Le => x <= y,
                        CmpOp::Gt => x > y,
                        CmpOp::Ge => x >= y,
                        CmpOp::Eq => x == y,
                        CmpOp::Ne => x != y,
                    }
                })
            }
            ExprKind::And(a, b) => {
                let x = Self::truthy(self.expr(env, a)?);
                EV::B(x && Self::truthy(self.expr(env, b)?))
            }
            ExprKind::Or(a, b) => {
                let x = Self::truthy(self.expr(env, a)?);
                EV::B(x || Self::truthy(self.expr(env, b)?))
            }
            ExprKind::Un(op, a) => {
                let x = self.expr(env, a)?;
                match (op, x) {
                    (UnOp::Not, _) => EV::B(!Self::truthy(x)),
                    (UnOp::Neg, EV::F(f)) => EV::F(-f),
                    (UnOp::Abs, EV::F(f)) => EV::F(f.abs()),
                    (UnOp::Neg, _) => EV::I(Self::as_i(x).wrapping_neg()),
                    (UnOp::Abs, _) => EV::I(Self::as_i(x).wrapping_abs()),
                }
            }
            ExprKind::Math(m, args) => {
                let mut v = Vec::new();
                for a in args {
                    v.push(Self::as_f(self.expr(env, a)?));
                }
                let x = v[0];
                match m {
                    MathFn::Sqrt => EV::F(x.sqrt()),
                    MathFn::Exp => EV::F(x.exp()),
                    MathFn::Log => EV::F(x.ln()),
                    MathFn::Log10 => EV::F(x.log10()),
                    MathFn::Sin => EV::F(x.sin()),
                    MathFn::Cos => EV::F(x.cos()),
                    MathFn::Tan => EV::F(x.tan()),
                    MathFn::Tanh => EV::F(x.tanh()),
                    MathFn::Atan2 => EV::F(x.atan2(v[1])),
                    MathFn::Hypot => EV::F(x.hypot(v[1])),
                    MathFn::Floor => EV::F(x.floor()),
                    MathFn::Ceil => EV::F(x.ceil()),
                    MathFn::Fabs => EV::F(x.abs()),
                    MathFn::Pow => EV::F(x.powf(v[1])),
                    MathFn::IsNan => EV::B(x.is_nan()),
                    MathFn::IsInf => EV::B(x.is_infinite()),
                }
            }
            ExprKind::Cast(t, a) => {
                let x = self.expr(env, a)?;
                match t {
                    Ty::Bool => EV::B(Self::truthy(x)),
                    Ty::F64 => EV::F(Self::as_f(x)),
                    Ty::I64 => match x {
                        EV::F(f) => {
                            if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
                                return Err(EvalErr {
                                    index: f.to_bits() as i64,
                                    ..self.fail(ErrorKind::FloatToInt)
                                });
                            }
                            EV::I(f as i64)
                        }
                        _ => EV::I(Self::as_i(x)),
                    },
                    Ty::Array(..) => panic!(),
                }
            }
            ExprKind::Select(c, a, b) => {
                let cv = Self::truthy(self.expr(env, c)?);
                // Evaluate the chosen arm only, then promote like the compiler does.
                let chosen = self.expr(env, if cv { a } else { b })?;
                let other_is_float = {
                    let o = if cv { b } else { a };
                    self.static_is_float(env, o)
                };
                if other_is_float || matches!(chosen, EV::F(_)) {
                    EV::F(Self::as_f(chosen))
                } else if matches!(chosen, EV::B(_))
                    && !self.static_is_bool(env, if cv { b } else { a })
                {
                    EV::I(Self::as_i(chosen))
                } else {
                    chosen
                }
            }
            ExprKind::Load(n, idx) => {
                let EV::A(a) = env[n] else { panic!() };
                let pos = self.index(env, a, idx)?;
                let arr = &self.arrays[a];
                let bits = arr.data[pos];
                match arr.dtype {
                    DType::F64 => EV::F(f64::from_bits(bits)),
                    DType::I64 => EV::I(bits as i64),
                    DType::Bool => EV::B(bits != 0),
                }
            }
            ExprKind::Shape(n, axis) => {
                let EV::A(a) = env[n] else { panic!() };
                let nd = self.arrays[a].shape.len() as i64;
                let ax = if *axis < 0 { axis + nd } else { *axis };
                EV::I(self.arrays[a].shape[ax as usize])
            }
            ExprKind::Alloc(d, fill, dims) => {
                let mut shape = Vec::new();
                for (k, e) in dims.iter().enumerate() {
                    let v = Self::as_i(self.expr(env, e)?);
                    if v < 0 {
                        return Err(EvalErr {
                            axis: k as u32,
                            index: v,
                            ..self.fail(ErrorKind::NegativeDimension)
                        });
                    }
                    shape.push(v);
                }
                let n: i64 = shape.iter().product();
                let one = match (fill, d) {
                    (Fill::Ones, DType::F64) => 1.0f64.to_bits(),
                    (Fill::Ones, _) => 1,
                    _ => 0,
                };
                self.arrays
                    .push(EArr::contiguous(*d, vec![one; n as usize], &shape));
                EV::A(self.arrays.len() - 1)
            }
            ExprKind::Call(..) | ExprKind::CallHost(..) => self.call_expr(env, e)?[0],
        })
    }

    fn static_is_float(&self, env: &HashMap<String, EV>, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Float(_) => true,
            ExprKind::Var(n) => matches!(env.get(n), Some(EV::F(_))),
            ExprKind::Bin(BinOp::Div, ..) => true,
            ExprKind::Bin(BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor, ..) => false,
            ExprKind::Bin(_, a, b) | ExprKind::Select(_, a, b) => {
                self.static_is_float(env, a) || self.static_is_float(env, b)
            }
            ExprKind::Un(UnOp::Not, _) => false,
            ExprKind::Un(_, a) => self.static_is_float(env, a),
            ExprKind::Math(m, _) => !matches!(m, MathFn::IsNan | MathFn::IsInf),
            ExprKind::Cast(t, _) => *t == Ty::F64,
            ExprKind::Load(n, _) => match env.get(n) {
                Some(EV::A(a)) => self.arrays[*a].dtype == DType::F64,
                _ => false,
            },
            ExprKind::Call(n, _) => self
                .module
                .function(n)
                .is_some_and(|f| f.rets[0] == Ty::F64),
            _ => false,
        }
    }

    fn static_is_bool(&self, env: &HashMap<String, EV>, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Bool(_) | ExprKind::Cmp(..) | ExprKind::And(..) | ExprKind::Or(..) => true,
            ExprKind::Un(UnOp::Not, _) => true,
            ExprKind::Var(n) => matches!(env.get(n), Some(EV::B(_))),
            ExprKind::Cast(t, _) => *t == Ty::Bool,
            ExprKind::Math(m, _) => matches!(m, MathFn::IsNan | MathFn::IsInf),
            ExprKind::Bin(BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor, a, b) => {
                self.static_is_bool(env, a) && self.static_is_bool(env, b)
            }
            ExprKind::Select(_, a, b) => self.static_is_bool(env, a) && self.static_is_bool(env, b),
            _ => false,
        }
    }

    fn bin(&mut self, op: BinOp, x: EV, y: EV) -> ER<EV> {
        if matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) {
            if let (EV::B(a), EV::B(b)) = (x, y) {
                return Ok(EV::B(match op {
                    BinOp::BitAnd => a & b,
                    BinOp::BitOr => a | b,
                    _ => a ^ b,
                }));
            }
            let (a, b) = (Self::as_i(x), Self::as_i(y));
            return Ok(EV::I(match op {
                BinOp::BitAnd => a & b,
                BinOp::BitOr => a | b,
                _ => a ^ b,
            }));
        }
        let fl = matches!(x, EV::F(_)) || matches!(y, EV::F(_));
        if op == BinOp::Div {
            let zero = if fl {
                Self::as_f(y) == 0.0
            } else {
                Self::as_i(y) == 0
            };
            if zero {
                return Err(self.fail(ErrorKind::ZeroDivision));
            }
            return Ok(EV::F(Self::as_f(x) / Self::as_f(y)));
        }
        if fl {
            let (a, b) = (Self::as_f(x), Self::as_f(y));
            Ok(EV::F(match op {
                BinOp::Add => a + b,
                BinOp::Sub => a - b,
                BinOp::Mul => a * b,
                BinOp::FloorDiv | BinOp::Mod => {
                    if b == 0.0 {
                        return Err(self.fail(ErrorKind::ZeroDivision));
                    }
                    let (q, r) = py_divmod_f(a, b);
                    if op == BinOp::FloorDiv {
                        q
                    } else {
                        r
                    }
                }
                BinOp::Pow => a.powf(b),
                BinOp::Min => {
                    if b < a {
                        b
                    } else {
                        a
                    }
                }
                BinOp::Max => {
                    if b > a {
                        b
                    } else {
                        a
                    }
                }
                _ => unreachable!(),
            }))
        } else {
            let (a, b) = (Self::as_i(x), Self::as_i(y));
            Ok(EV::I(match op {
                BinOp::Add => a.wrapping_add(b),
                BinOp::Sub => a.wrapping_sub(b),
                BinOp::Mul => a.wrapping_mul(b),
                BinOp::FloorDiv | BinOp::Mod => {
                    if b == 0 {
                        return Err(self.fail(ErrorKind::ZeroDivision));
                    }
                    if op == BinOp::FloorDiv {
                        py_floordiv_i(a, b)
                    } else {
                        py_mod_i(a, b)
                    }
                }
                BinOp::Pow => {
                    if b < 0 {
                        return Err(EvalErr {
                            index: b,
                            ..self.fail(ErrorKind::NegativePower)
                        });
                    }
                    ipow(a, b)
                }
                BinOp::Min => a.min(b),
                BinOp::Max => a.max(b),
                _ => unreachable!(),
            }))
        }
    }
}

// ------------------------------------------------------------------ comparison harness

/// Bit-exact identity of a result value (NaN payloads, -0.0 included).
pub fn same(a: &Value, b: &EV) -> bool {
    match (a, b) {
        (Value::I64(x), EV::I(y)) => x == y,
        (Value::F64(x), EV::F(y)) => x.to_bits() == y.to_bits(),
        (Value::Bool(x), EV::B(y)) => x == y,
        _ => false,
    }
}

/// Converts a scalar evaluator value to a call argument.
pub fn arg_of(v: EV) -> Arg<'static> {
    match v {
        EV::I(i) => Arg::I64(i),
        EV::F(f) => Arg::F64(f),
        EV::B(b) => Arg::Bool(b),
        EV::A(_) => panic!("arrays need views"),
    }
}

/// Runs scalar function `name` natively and in the evaluator and asserts identical outcomes
/// (results bit for bit, or the same error kind and line).
pub fn check_scalar(code: &Compiled, m: &Module, name: &str, args: &[EV]) {
    let native = code.call(
        name,
        &args.iter().map(|&a| arg_of(a)).collect::<Vec<_>>(),
        &mut VecRuntime::new(),
    );
    let reference = Eval::new(m).call(name, args);
    match (&native, &reference) {
        (Ok(n), Ok(r)) => {
            assert_eq!(n.len(), r.len());
            for (x, y) in n.iter().zip(r) {
                assert!(
                    same(x, y),
                    "{name}{args:?}: native {x:?} vs reference {y:?}\n{}",
                    m.function(name).unwrap()
                );
            }
        }
        (Err(CallError::Runtime(e)), Err(r)) => {
            assert_eq!(e.kind, r.kind, "{name}{args:?}");
            assert_eq!(e.line, r.line, "{name}{args:?}");
        }
        _ => panic!(
            "{name}{args:?}: native {native:?} vs reference {reference:?}\n{}",
            m.function(name).unwrap()
        ),
    }
}

// ------------------------------------------------------------------ rng

/// xorshift64*: deterministic, dependency-free.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len() as u64) as usize]
    }
}

/// Interesting f64 inputs.
pub const SPECIAL_F64: [f64; 14] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    -2.5,
    3.0,
    1e300,
    -1e-300,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    f64::MIN_POSITIVE,
    7.25,
];

/// Interesting i64 inputs.
pub const SPECIAL_I64: [i64; 12] = [0, 1, -1, 2, -2, 3, -7, 7, 100, i64::MAX, i64::MIN, 1 << 40];
