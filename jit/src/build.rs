//! Builder helpers: short constructors for IR expressions, statements and functions.
//!
//! They exist so the VM (and tests) can write `add(var("s"), mul(load("a", [var("i")]), ...))`
//! instead of nesting enum variants and boxes. Line ids are attached with [`Expr::at`] /
//! [`Stmt::at`].

use crate::ir::*;

impl Expr {
    /// Wraps a kind with no line id.
    pub fn new(kind: ExprKind) -> Expr {
        Expr { kind, line: 0 }
    }

    /// Sets the source line id.
    pub fn at(mut self, line: LineId) -> Expr {
        self.line = line;
        self
    }
}

impl Stmt {
    /// Wraps a kind with no line id.
    pub fn new(kind: StmtKind) -> Stmt {
        Stmt { kind, line: 0 }
    }

    /// Sets the source line id.
    pub fn at(mut self, line: LineId) -> Stmt {
        self.line = line;
        self
    }
}

fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// i64 literal.
pub fn int(v: i64) -> Expr {
    Expr::new(ExprKind::Int(v))
}
/// f64 literal.
pub fn float(v: f64) -> Expr {
    Expr::new(ExprKind::Float(v))
}
/// bool literal.
pub fn boolean(v: bool) -> Expr {
    Expr::new(ExprKind::Bool(v))
}
/// A variable reference.
pub fn var(name: &str) -> Expr {
    Expr::new(ExprKind::Var(name.to_string()))
}
/// Binary arithmetic.
pub fn bin(op: BinOp, x: Expr, y: Expr) -> Expr {
    Expr::new(ExprKind::Bin(op, b(x), b(y)))
}
/// `x + y`
pub fn add(x: Expr, y: Expr) -> Expr {
    bin(BinOp::Add, x, y)
}
/// `x - y`
pub fn sub(x: Expr, y: Expr) -> Expr {
    bin(BinOp::Sub, x, y)
}
/// `x * y`
pub fn mul(x: Expr, y: Expr) -> Expr {
    bin(BinOp::Mul, x, y)
}
/// `x / y`
pub fn div(x: Expr, y: Expr) -> Expr {
    bin(BinOp::Div, x, y)
}
/// Comparison.
pub fn cmp(op: CmpOp, x: Expr, y: Expr) -> Expr {
    Expr::new(ExprKind::Cmp(op, b(x), b(y)))
}
/// `x < y`
pub fn lt(x: Expr, y: Expr) -> Expr {
    cmp(CmpOp::Lt, x, y)
}
/// Short-circuit `and`.
pub fn and(x: Expr, y: Expr) -> Expr {
    Expr::new(ExprKind::And(b(x), b(y)))
}
/// Short-circuit `or`.
pub fn or(x: Expr, y: Expr) -> Expr {
    Expr::new(ExprKind::Or(b(x), b(y)))
}
/// Unary operator.
pub fn un(op: UnOp, x: Expr) -> Expr {
    Expr::new(ExprKind::Un(op, b(x)))
}
/// Math intrinsic.
pub fn math(f: MathFn, args: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::Math(f, args))
}
/// Conversion to a scalar type.
pub fn cast(ty: Ty, x: Expr) -> Expr {
    Expr::new(ExprKind::Cast(ty, b(x)))
}
/// Lazy conditional expression.
pub fn select(c: Expr, x: Expr, y: Expr) -> Expr {
    Expr::new(ExprKind::Select(b(c), b(x), b(y)))
}
/// Element load.
pub fn load(array: &str, idx: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::Load(array.to_string(), idx))
}
/// `a.shape[axis]`.
pub fn shape(array: &str, axis: i64) -> Expr {
    Expr::new(ExprKind::Shape(array.to_string(), axis))
}
/// Array allocation through the host callback.
pub fn alloc(dtype: DType, fill: Fill, dims: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::Alloc(dtype, fill, dims))
}
/// Call of a compiled function.
pub fn call(name: &str, args: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::Call(name.to_string(), args))
}
/// Call of a host callback.
pub fn call_host(name: &str, args: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::CallHost(name.to_string(), args))
}

/// `var name: ty = init`
pub fn let_(name: &str, ty: Ty, init: Expr) -> Stmt {
    Stmt::new(StmtKind::Var(name.to_string(), ty, Some(init)))
}
/// `name = value`
pub fn set(name: &str, value: Expr) -> Stmt {
    Stmt::new(StmtKind::Set(name.to_string(), value))
}
/// `array[idx] = value`
pub fn store(array: &str, idx: Vec<Expr>, value: Expr) -> Stmt {
    Stmt::new(StmtKind::Store(array.to_string(), idx, value))
}
/// `if c: then else: els`
pub fn if_(c: Expr, then: Vec<Stmt>, els: Vec<Stmt>) -> Stmt {
    Stmt::new(StmtKind::If(c, then, els))
}
/// `while c: body`
pub fn while_(c: Expr, body: Vec<Stmt>) -> Stmt {
    Stmt::new(StmtKind::While(c, body))
}
/// `for v in range(start, stop, step): body`
pub fn for_range(v: &str, start: Expr, stop: Expr, step: Expr, body: Vec<Stmt>) -> Stmt {
    Stmt::new(StmtKind::For {
        var: v.to_string(),
        start,
        stop,
        step,
        body,
    })
}
/// `return values...`
pub fn ret(values: Vec<Expr>) -> Stmt {
    Stmt::new(StmtKind::Return(values))
}

/// Starts a function definition.
pub fn func(name: &str) -> FuncBuilder {
    FuncBuilder {
        f: Function {
            name: name.to_string(),
            params: Vec::new(),
            rets: Vec::new(),
            body: Vec::new(),
        },
    }
}

/// Incremental construction of a [`Function`].
pub struct FuncBuilder {
    f: Function,
}

impl FuncBuilder {
    /// Adds a parameter.
    pub fn param(mut self, name: &str, ty: Ty) -> Self {
        self.f.params.push(Param {
            name: name.to_string(),
            ty,
        });
        self
    }
    /// Adds a result type.
    pub fn ret(mut self, ty: Ty) -> Self {
        self.f.rets.push(ty);
        self
    }
    /// Appends statements to the body.
    pub fn body(mut self, stmts: Vec<Stmt>) -> Self {
        self.f.body.extend(stmts);
        self
    }
    /// Finishes.
    pub fn build(self) -> Function {
        self.f
    }
}
