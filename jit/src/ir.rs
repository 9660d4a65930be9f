//! The typed numeric IR: types, operations, expressions, statements, functions and modules.
//!
//! The IR is *structured* (if/while/for/break/continue/return nest like Python source) rather
//! than a control-flow graph: the VM translates its typed AST into it almost one to one, and the
//! reference evaluator used by the tests can interpret it directly. SSA form is built later by
//! `cranelift-frontend` from the named locals.
//!
//! Every [`Expr`] and [`Stmt`] carries an optional source line id. Lowering tags the generated
//! Cranelift instructions with the innermost line id, error statuses report it, and the CLIF and
//! assembly listings are annotated with it.

use std::fmt;

/// Element type of an array.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum DType {
    /// 8-byte IEEE double.
    F64 = 0,
    /// 8-byte two's complement integer.
    I64 = 1,
    /// 1-byte boolean (0 or 1), like numpy's `bool_`.
    Bool = 2,
}

impl DType {
    /// Size of one element in bytes.
    pub fn size(self) -> i64 {
        match self {
            DType::F64 | DType::I64 => 8,
            DType::Bool => 1,
        }
    }

    /// The scalar type an element loads as.
    pub fn elem(self) -> Ty {
        match self {
            DType::F64 => Ty::F64,
            DType::I64 => Ty::I64,
            DType::Bool => Ty::Bool,
        }
    }

    /// Decodes the `u32` stored in an [`crate::ArrayDesc`].
    pub fn from_u32(v: u32) -> Option<DType> {
        match v {
            0 => Some(DType::F64),
            1 => Some(DType::I64),
            2 => Some(DType::Bool),
            _ => None,
        }
    }

    /// Name used by the text form (`f64`, `i64`, `bool`).
    pub fn name(self) -> &'static str {
        match self {
            DType::F64 => "f64",
            DType::I64 => "i64",
            DType::Bool => "bool",
        }
    }
}

/// Largest supported number of array dimensions.
pub const MAX_NDIM: usize = 4;

/// A value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// 64-bit signed integer with wraparound arithmetic (as numba's int64).
    I64,
    /// IEEE double.
    F64,
    /// Boolean.
    Bool,
    /// A view of an array with this element type and number of dimensions (1..=[`MAX_NDIM`]).
    Array(DType, u8),
}

impl Ty {
    /// True for `i64`, `f64` and `bool`.
    pub fn is_scalar(self) -> bool {
        !matches!(self, Ty::Array(..))
    }

    /// True for `i64` and `bool` (bool promotes to i64 in arithmetic, as in Python).
    pub fn is_intlike(self) -> bool {
        matches!(self, Ty::I64 | Ty::Bool)
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::I64 => f.write_str("i64"),
            Ty::F64 => f.write_str("f64"),
            Ty::Bool => f.write_str("bool"),
            Ty::Array(d, n) => write!(f, "(array {} {})", d.name(), n),
        }
    }
}

/// Binary arithmetic operators. Operands are promoted as in Python: bool → i64, and if either
/// side is f64 both become f64. `Div` always yields f64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+` (int64 wraps).
    Add,
    /// `-` (int64 wraps).
    Sub,
    /// `*` (int64 wraps).
    Mul,
    /// `/` true division, always f64; divisor zero → `ZeroDivision` status.
    Div,
    /// `//` floor division with Python's sign rules; divisor zero → `ZeroDivision`.
    FloorDiv,
    /// `%` modulo with the sign of the divisor (Python); divisor zero → `ZeroDivision`.
    Mod,
    /// `**`: i64**i64 → i64 (wrapping; negative exponent → `NegativePower` status),
    /// otherwise f64 via C `pow`.
    Pow,
    /// `min(a, b)` with Python's rule: `b if b < a else a` (NaN handling follows from it).
    Min,
    /// `max(a, b)`: `b if b > a else a`.
    Max,
    /// `&` on i64 or bool.
    BitAnd,
    /// `|` on i64 or bool.
    BitOr,
    /// `^` on i64 or bool.
    BitXor,
}

/// Comparison operators; mixed int/float compare as f64.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `==`
    Eq,
    /// `!=`
    Ne,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-x` (int64 wraps; bool → i64).
    Neg,
    /// `abs(x)` (abs(i64::MIN) wraps to itself, as numba).
    Abs,
    /// `not x` on bool.
    Not,
}

/// Math intrinsics (Python's `math` module). All take and return f64 (ints are promoted)
/// except `IsNan`/`IsInf` which return bool. Domain errors give NaN/inf (numba's behaviour),
/// not exceptions. `Floor`/`Ceil` return f64: wrap in `ToI64` for Python's int result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MathFn {
    /// `math.sqrt` (native instruction).
    Sqrt,
    /// `math.exp`
    Exp,
    /// `math.log` (natural)
    Log,
    /// `math.log10`
    Log10,
    /// `math.sin`
    Sin,
    /// `math.cos`
    Cos,
    /// `math.tan`
    Tan,
    /// `math.tanh`
    Tanh,
    /// `math.atan2(y, x)` (2 args)
    Atan2,
    /// `math.hypot(x, y)` (2 args)
    Hypot,
    /// `math.floor` as f64 (native instruction)
    Floor,
    /// `math.ceil` as f64 (native instruction)
    Ceil,
    /// `math.fabs` (native instruction)
    Fabs,
    /// `math.pow(x, y)` (2 args, C pow)
    Pow,
    /// `math.isnan` → bool
    IsNan,
    /// `math.isinf` → bool
    IsInf,
}

impl MathFn {
    /// All intrinsics, for parsers and tests.
    pub const ALL: [MathFn; 16] = [
        MathFn::Sqrt,
        MathFn::Exp,
        MathFn::Log,
        MathFn::Log10,
        MathFn::Sin,
        MathFn::Cos,
        MathFn::Tan,
        MathFn::Tanh,
        MathFn::Atan2,
        MathFn::Hypot,
        MathFn::Floor,
        MathFn::Ceil,
        MathFn::Fabs,
        MathFn::Pow,
        MathFn::IsNan,
        MathFn::IsInf,
    ];

    /// Number of arguments.
    pub fn arity(self) -> usize {
        match self {
            MathFn::Atan2 | MathFn::Hypot | MathFn::Pow => 2,
            _ => 1,
        }
    }

    /// Name in the text form (same as Python's `math` function).
    pub fn name(self) -> &'static str {
        match self {
            MathFn::Sqrt => "sqrt",
            MathFn::Exp => "exp",
            MathFn::Log => "log",
            MathFn::Log10 => "log10",
            MathFn::Sin => "sin",
            MathFn::Cos => "cos",
            MathFn::Tan => "tan",
            MathFn::Tanh => "tanh",
            MathFn::Atan2 => "atan2",
            MathFn::Hypot => "hypot",
            MathFn::Floor => "floor",
            MathFn::Ceil => "ceil",
            MathFn::Fabs => "fabs",
            MathFn::Pow => "mpow",
            MathFn::IsNan => "isnan",
            MathFn::IsInf => "isinf",
        }
    }
}

/// How a newly allocated array is initialised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Fill {
    /// `np.zeros`
    Zeros = 0,
    /// `np.ones`
    Ones = 1,
    /// `np.empty` (contents unspecified; the default runtime zeroes them anyway)
    Empty = 2,
}

impl Fill {
    /// Decodes the value passed to the allocation callback.
    pub fn from_u32(v: u32) -> Option<Fill> {
        match v {
            0 => Some(Fill::Zeros),
            1 => Some(Fill::Ones),
            2 => Some(Fill::Empty),
            _ => None,
        }
    }

    /// Name in the text form (`zeros`, `ones`, `empty`).
    pub fn name(self) -> &'static str {
        match self {
            Fill::Zeros => "zeros",
            Fill::Ones => "ones",
            Fill::Empty => "empty",
        }
    }
}

/// A source line id; 0 means "none". The VM decides what it means (normally a 1-based line).
pub type LineId = u32;

/// An expression with an optional line id (0 = inherit the enclosing one).
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Expr {
    /// What it computes.
    pub kind: ExprKind,
    /// Source line id, 0 if none.
    pub line: LineId,
}

/// Expression forms.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// i64 literal.
    Int(i64),
    /// f64 literal (any bit pattern, NaN payloads included).
    Float(f64),
    /// bool literal.
    Bool(bool),
    /// A parameter or local (scalar or array).
    Var(String),
    /// Arithmetic.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// Comparison → bool.
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    /// Short-circuit `and` on bools.
    And(Box<Expr>, Box<Expr>),
    /// Short-circuit `or` on bools.
    Or(Box<Expr>, Box<Expr>),
    /// Unary operator.
    Un(UnOp, Box<Expr>),
    /// Math intrinsic.
    Math(MathFn, Vec<Expr>),
    /// Conversion to a scalar type: f64→i64 truncates (NaN/inf/out of range → `FloatToInt`
    /// status), x→bool is `x != 0`.
    Cast(Ty, Box<Expr>),
    /// `c ? a : b`, lazily evaluated (Python's `a if c else b`).
    Select(Box<Expr>, Box<Expr>, Box<Expr>),
    /// Element load `a[i, j, ...]` with exactly ndim indices; negative indices wrap.
    Load(String, Vec<Expr>),
    /// `a.shape[axis]` (axis may be negative, resolved at compile time).
    Shape(String, i64),
    /// A new array from the host's allocation callback. Only as a whole right-hand side of
    /// `Var`/`Set` or as a call argument / return value.
    Alloc(DType, Fill, Vec<Expr>),
    /// Call of a function of the same module (or an imported compiled function) returning
    /// exactly one value.
    Call(String, Vec<Expr>),
    /// Call of a host callback declared in the module; returns exactly one value.
    CallHost(String, Vec<Expr>),
}

/// By the float's bits: `-0.0` and `0.0`, and NaNs with different payloads, compile to
/// different code, and the code cache keys modules by this hash. (`ExprKind` is not `Eq`,
/// so no map can take two such constants for the same key.)
impl std::hash::Hash for ExprKind {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            ExprKind::Int(v) => v.hash(h),
            ExprKind::Float(v) => v.to_bits().hash(h),
            ExprKind::Bool(v) => v.hash(h),
            ExprKind::Var(n) => n.hash(h),
            ExprKind::Bin(o, a, b) => (o, a, b).hash(h),
            ExprKind::Cmp(o, a, b) => (o, a, b).hash(h),
            ExprKind::And(a, b) | ExprKind::Or(a, b) => (a, b).hash(h),
            ExprKind::Un(o, a) => (o, a).hash(h),
            ExprKind::Math(f, args) => (f, args).hash(h),
            ExprKind::Cast(t, a) => (t, a).hash(h),
            ExprKind::Select(c, a, b) => (c, a, b).hash(h),
            ExprKind::Load(n, es) | ExprKind::Call(n, es) | ExprKind::CallHost(n, es) => {
                (n, es).hash(h)
            }
            ExprKind::Shape(n, k) => (n, k).hash(h),
            ExprKind::Alloc(d, f, dims) => (d, f, dims).hash(h),
        }
    }
}

/// A statement with an optional line id (0 = none).
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Stmt {
    /// What it does.
    pub kind: StmtKind,
    /// Source line id, 0 if none.
    pub line: LineId,
}

/// Statement forms.
#[derive(Clone, Debug, PartialEq, Hash)]
pub enum StmtKind {
    /// Declares a function-scoped local of type `ty`. Scalars without `init` start at zero;
    /// arrays need an `init`.
    Var(String, Ty, Option<Expr>),
    /// Assignment (int→float promotion is implicit; other conversions need `Cast`).
    Set(String, Expr),
    /// Element store `a[i, ...] = v`.
    Store(String, Vec<Expr>, Expr),
    /// `if c: ... else: ...`
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// `while c: ...`
    While(Expr, Vec<Stmt>),
    /// `for var in range(start, stop, step): ...` — bounds evaluated once, step 0 →
    /// `RangeStepZero` status, negative steps count down; `var` (an i64 local, declared
    /// implicitly if needed) keeps its last value after the loop, as in Python.
    For {
        /// Loop variable.
        var: String,
        /// Start (inclusive).
        start: Expr,
        /// Stop (exclusive).
        stop: Expr,
        /// Step (non-zero).
        step: Expr,
        /// Body.
        body: Vec<Stmt>,
    },
    /// `break` out of the innermost loop.
    Break,
    /// `continue` the innermost loop.
    Continue,
    /// `return v1, v2, ...` (as many values as the signature).
    Return(Vec<Expr>),
    /// `x, y = f(...)` for a tuple-returning compiled function or host callback.
    Unpack(Vec<String>, Expr),
    /// An expression evaluated for its effects (a call).
    Expr(Expr),
    /// `assume var lo hi`: the caller guarantees `lo <= var <= hi` for an i64 parameter (the
    /// VM checks it at entry and specialises on it). While the function never assigns `var`,
    /// lowering uses the fact to drop overflow checks (`checked_int`); it emits no code.
    Assume(String, i64, i64),
    /// `spill a b ...` at the top of a function: when it returns an error status, the values
    /// these scalar variables hold at the failing operation are reported in order
    /// ([`crate::RuntimeError::spilled`]), so a caller can restore its state (the VM's lifted
    /// loops write them back to the interpreter's frame). Emits code on error paths only.
    Spill(Vec<String>),
}

/// A function parameter.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Param {
    /// Local name.
    pub name: String,
    /// Type.
    pub ty: Ty,
}

/// A function of the IR.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Function {
    /// Name, unique in its module.
    pub name: String,
    /// Parameters.
    pub params: Vec<Param>,
    /// Result types (0..n values: a tuple when more than one).
    pub rets: Vec<Ty>,
    /// Body.
    pub body: Vec<Stmt>,
}

/// Signature of a host callback the IR may call with [`ExprKind::CallHost`].
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct HostDecl {
    /// Name passed to [`crate::Runtime::call_host`].
    pub name: String,
    /// Scalar parameter types.
    pub params: Vec<Ty>,
    /// Scalar result types.
    pub rets: Vec<Ty>,
}

/// A unit of compilation: functions that may call each other (recursion included) plus the
/// host callbacks they use.
#[derive(Clone, Debug, Default, PartialEq, Hash)]
pub struct Module {
    /// Functions, in the order their ids are assigned (id = index).
    pub functions: Vec<Function>,
    /// Host callbacks.
    pub hosts: Vec<HostDecl>,
}

impl Module {
    /// An empty module.
    pub fn new() -> Module {
        Module::default()
    }

    /// Adds a function and returns `self` for chaining.
    pub fn with(mut self, f: Function) -> Module {
        self.functions.push(f);
        self
    }

    /// Finds a function by name.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }
}

impl Expr {
    /// The expressions this one is built from (one level down).
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Bin(_, a, b)
            | ExprKind::Cmp(_, a, b)
            | ExprKind::And(a, b)
            | ExprKind::Or(a, b) => vec![a, b],
            ExprKind::Un(_, a) | ExprKind::Cast(_, a) => vec![a],
            ExprKind::Select(c, a, b) => vec![c, a, b],
            ExprKind::Math(_, v)
            | ExprKind::Load(_, v)
            | ExprKind::Alloc(_, _, v)
            | ExprKind::Call(_, v)
            | ExprKind::CallHost(_, v) => v.iter().collect(),
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Bool(_)
            | ExprKind::Var(_)
            | ExprKind::Shape(..) => Vec::new(),
        }
    }

    /// Calls `f` on this expression and every expression inside it, outer first.
    pub fn walk<'e>(&'e self, f: &mut impl FnMut(&'e Expr)) {
        f(self);
        for c in self.children() {
            c.walk(f);
        }
    }
}

impl Stmt {
    /// The expressions this statement holds itself (not those of the statements nested in it).
    pub fn exprs(&self) -> Vec<&Expr> {
        match &self.kind {
            StmtKind::Var(_, _, i) => i.iter().collect(),
            StmtKind::Set(_, x) | StmtKind::Unpack(_, x) | StmtKind::Expr(x) => vec![x],
            StmtKind::Store(_, ix, x) => ix.iter().chain(std::iter::once(x)).collect(),
            StmtKind::If(c, ..) | StmtKind::While(c, _) => vec![c],
            StmtKind::For {
                start, stop, step, ..
            } => vec![start, stop, step],
            StmtKind::Return(v) => v.iter().collect(),
            StmtKind::Break | StmtKind::Continue | StmtKind::Assume(..) | StmtKind::Spill(_) => {
                Vec::new()
            }
        }
    }

    /// The statement lists nested in this statement.
    pub fn blocks(&self) -> Vec<&[Stmt]> {
        match &self.kind {
            StmtKind::If(_, a, b) => vec![a, b],
            StmtKind::While(_, b) | StmtKind::For { body: b, .. } => vec![b],
            _ => Vec::new(),
        }
    }

    /// Calls `f` on every statement of `body` and every statement nested in them, outer first.
    pub fn walk_all<'s>(body: &'s [Stmt], f: &mut impl FnMut(&'s Stmt)) {
        for s in body {
            f(s);
            for b in s.blocks() {
                Stmt::walk_all(b, f);
            }
        }
    }
}

impl Function {
    /// A rough size measure (number of nodes) used to size code memory.
    pub fn size_hint(&self) -> usize {
        let mut n = self.params.len();
        Stmt::walk_all(&self.body, &mut |s| {
            n += 1;
            for e in s.exprs() {
                e.walk(&mut |_| n += 1);
            }
        });
        n
    }
}
