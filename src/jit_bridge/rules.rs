//! Typing rules as tables keyed by (operation, operand kinds): [`SCALAR_RULES`] for Python's
//! operators on scalars, [`MATH_FUNCS`] for `math.*` and numpy's scalar functions, and the
//! interpreter's ZeroDivisionError wording per operation ([`ZERO_DIV_MSGS`]).

use ruff_python_ast as ast;

use super::types::*;

/// Operand kinds of the scalar rule table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum K {
    B,
    I,
    F,
}

/// Python operators on scalars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    BitAnd,
    BitOr,
    BitXor,
}

/// (operator, left, right) → result for scalars. Bool operands of arithmetic operators are
/// looked up as int (Python's bool is an int); bitwise operators keep bool & bool → bool.
pub const SCALAR_RULES: &[(Op, K, K, K)] = {
    use Op::*;
    use K::*;
    &[
        (Add, I, I, I),
        (Add, I, F, F),
        (Add, F, I, F),
        (Add, F, F, F),
        (Sub, I, I, I),
        (Sub, I, F, F),
        (Sub, F, I, F),
        (Sub, F, F, F),
        (Mul, I, I, I),
        (Mul, I, F, F),
        (Mul, F, I, F),
        (Mul, F, F, F),
        (Div, I, I, F),
        (Div, I, F, F),
        (Div, F, I, F),
        (Div, F, F, F),
        (FloorDiv, I, I, I),
        (FloorDiv, I, F, F),
        (FloorDiv, F, I, F),
        (FloorDiv, F, F, F),
        (Mod, I, I, I),
        (Mod, I, F, F),
        (Mod, F, I, F),
        (Mod, F, F, F),
        (Pow, I, I, I),
        (Pow, I, F, F),
        (Pow, F, I, F),
        (Pow, F, F, F),
        (BitAnd, I, I, I),
        (BitAnd, B, B, B),
        (BitOr, I, I, I),
        (BitOr, B, B, B),
        (BitXor, I, I, I),
        (BitXor, B, B, B),
    ]
};

/// The interpreter's ZeroDivisionError message for (operator, any float operand).
pub const ZERO_DIV_MSGS: &[(Op, bool, &str)] = &[
    (Op::Div, false, "division by zero"),
    (Op::Div, true, "float division by zero"),
    (Op::FloorDiv, false, "integer division or modulo by zero"),
    (Op::FloorDiv, true, "float floor division by zero"),
    (Op::Mod, false, "integer modulo by zero"),
    (Op::Mod, true, "float modulo"),
];

/// What a scalar math function returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathRes {
    /// float64
    Float,
    /// float64 converted to int64 (`math.floor`/`math.ceil` return int)
    Int,
    /// bool
    Bool,
}

/// (module, name) → intrinsic and result kind: `math.*` and numpy's scalar functions.
pub const MATH_FUNCS: &[(&str, &str, MathFn, MathRes)] = {
    use MathFn::*;
    use MathRes::*;
    &[
        ("math", "sqrt", Sqrt, Float),
        ("math", "exp", Exp, Float),
        ("math", "log", Log, Float),
        ("math", "log10", Log10, Float),
        ("math", "sin", Sin, Float),
        ("math", "cos", Cos, Float),
        ("math", "tan", Tan, Float),
        ("math", "tanh", Tanh, Float),
        ("math", "atan2", Atan2, Float),
        ("math", "hypot", Hypot, Float),
        ("math", "floor", Floor, Int),
        ("math", "ceil", Ceil, Int),
        ("math", "fabs", Fabs, Float),
        ("math", "pow", Pow, Float),
        ("math", "isnan", IsNan, Bool),
        ("math", "isinf", IsInf, Bool),
        ("numpy", "sqrt", Sqrt, Float),
        ("numpy", "exp", Exp, Float),
        ("numpy", "log", Log, Float),
        ("numpy", "log10", Log10, Float),
        ("numpy", "sin", Sin, Float),
        ("numpy", "cos", Cos, Float),
        ("numpy", "tan", Tan, Float),
        ("numpy", "tanh", Tanh, Float),
        ("numpy", "arctan2", Atan2, Float),
        ("numpy", "hypot", Hypot, Float),
        ("numpy", "floor", Floor, Float),
        ("numpy", "ceil", Ceil, Float),
        ("numpy", "fabs", Fabs, Float),
        ("numpy", "power", Pow, Float),
        ("numpy", "isnan", IsNan, Bool),
        ("numpy", "isinf", IsInf, Bool),
    ]
};

pub fn kind(t: &T) -> Option<K> {
    match t {
        T::Bool => Some(K::B),
        T::I64 => Some(K::I),
        T::F64 => Some(K::F),
        _ => None,
    }
}

pub fn of_kind(k: K) -> T {
    match k {
        K::B => T::Bool,
        K::I => T::I64,
        K::F => T::F64,
    }
}

/// Looks an operator up in [`SCALAR_RULES`].
pub fn scalar_rule(op: Op, a: K, b: K) -> Option<K> {
    let bitwise = matches!(op, Op::BitAnd | Op::BitOr | Op::BitXor);
    let norm = |k: K| {
        if k == K::B && !(bitwise && a == b) {
            K::I
        } else {
            k
        }
    };
    let (a2, b2) = (norm(a), norm(b));
    SCALAR_RULES
        .iter()
        .find(|(o, x, y, _)| *o == op && *x == a2 && *y == b2)
        .map(|r| r.3)
}

pub fn ir_op(op: Op) -> BinOp {
    match op {
        Op::Add => BinOp::Add,
        Op::Sub => BinOp::Sub,
        Op::Mul => BinOp::Mul,
        Op::Div => BinOp::Div,
        Op::FloorDiv => BinOp::FloorDiv,
        Op::Mod => BinOp::Mod,
        Op::Pow => BinOp::Pow,
        Op::BitAnd => BinOp::BitAnd,
        Op::BitOr => BinOp::BitOr,
        Op::BitXor => BinOp::BitXor,
    }
}

pub fn py_op(op: ast::Operator) -> Option<Op> {
    use ast::Operator as O;
    Some(match op {
        O::Add => Op::Add,
        O::Sub => Op::Sub,
        O::Mult => Op::Mul,
        O::Div => Op::Div,
        O::FloorDiv => Op::FloorDiv,
        O::Mod => Op::Mod,
        O::Pow => Op::Pow,
        O::BitAnd => Op::BitAnd,
        O::BitOr => Op::BitOr,
        O::BitXor => Op::BitXor,
        _ => return None,
    })
}
