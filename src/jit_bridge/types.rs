//! Types of the bridge (numba's type lattice, restricted to what native code supports) and the
//! typed IR that type inference produces and lowering consumes.
//!
//! Types: `int64`, `float64`, `bool`, `array(dtype, Nd)` and tuples of those, plus `none` for
//! functions without a result. Unification follows numba: bool ⊔ int64 = int64,
//! int64 ⊔ float64 = float64, arrays only unify with identical arrays, tuples element-wise.
//!
//! The typed IR mirrors the structured source (if/while/for nest as written). Every node carries
//! its source line; every expression its type. It is independent of the VM, so on-stack
//! replacement can build one for a loop lifted into a function of its live variables.

use std::fmt;

pub use numjit_jit::{BinOp, CmpOp, DType, Fill, MathFn, UnOp};

/// A value type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum T {
    I64,
    F64,
    Bool,
    /// An array view: dtype and number of dimensions (1..=4).
    Arr(DType, u8),
    /// A heterogeneous tuple (one level, no nesting).
    Tuple(Vec<T>),
    /// The result type of a function that returns nothing.
    NoneT,
}

impl T {
    pub fn is_scalar(&self) -> bool {
        matches!(self, T::I64 | T::F64 | T::Bool)
    }
    pub fn is_array(&self) -> bool {
        matches!(self, T::Arr(..))
    }
    /// The IR type of a scalar or array (None for tuples and none).
    pub fn ir(&self) -> Option<numjit_jit::Ty> {
        Some(match self {
            T::I64 => numjit_jit::Ty::I64,
            T::F64 => numjit_jit::Ty::F64,
            T::Bool => numjit_jit::Ty::Bool,
            T::Arr(d, n) => numjit_jit::Ty::Array(*d, *n),
            _ => return None,
        })
    }
    /// The scalar type of an element of dtype `d`.
    pub fn of_dtype(d: DType) -> T {
        match d {
            DType::F64 => T::F64,
            DType::I64 => T::I64,
            DType::Bool => T::Bool,
        }
    }
    /// The dtype storing scalars of this type.
    pub fn dtype(&self) -> Option<DType> {
        match self {
            T::F64 => Some(DType::F64),
            T::I64 => Some(DType::I64),
            T::Bool => Some(DType::Bool),
            _ => None,
        }
    }
}

pub fn dtype_name(d: DType) -> &'static str {
    match d {
        DType::F64 => "float64",
        DType::I64 => "int64",
        DType::Bool => "bool",
    }
}

impl fmt::Display for T {
    /// numba's spelling: `int64`, `float64`, `bool`, `array(float64, 2d, A)`,
    /// `UniTuple(int64 x 2)`, `Tuple(int64, float64)`, `none`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            T::I64 => f.write_str("int64"),
            T::F64 => f.write_str("float64"),
            T::Bool => f.write_str("bool"),
            T::Arr(d, n) => write!(f, "array({}, {}d, A)", dtype_name(*d), n),
            T::Tuple(ts) => {
                if !ts.is_empty() && ts.iter().all(|t| *t == ts[0]) {
                    write!(f, "UniTuple({} x {})", ts[0], ts.len())
                } else {
                    f.write_str("Tuple(")?;
                    for (i, t) in ts.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{t}")?;
                    }
                    f.write_str(")")
                }
            }
            T::NoneT => f.write_str("none"),
        }
    }
}

/// numba's unification of two types (for a variable assigned several times, branches of a
/// conditional expression, return statements).
pub fn unify(a: &T, b: &T) -> Option<T> {
    use T::*;
    Some(match (a, b) {
        _ if a == b => a.clone(),
        (Bool, I64) | (I64, Bool) => I64,
        (Bool | I64, F64) | (F64, Bool | I64) => F64,
        (Tuple(x), Tuple(y)) if x.len() == y.len() => Tuple(
            x.iter()
                .zip(y)
                .map(|(p, q)| unify(p, q))
                .collect::<Option<Vec<_>>>()?,
        ),
        _ => return None,
    })
}

/// Parses a numba type name as used in signature strings: `int64`, `float64[:]`,
/// `float64[:, :]`, `int64[::1]`, `boolean`, `UniTuple(int64, 2)` is not supported.
pub fn parse_type(s: &str) -> Option<T> {
    let s = s.trim();
    let (base, dims) = match s.find('[') {
        Some(i) => {
            let inner = s[i + 1..].strip_suffix(']')?;
            let n = inner.split(',').count();
            if !inner
                .split(',')
                .all(|p| matches!(p.trim(), ":" | "::1" | "::"))
            {
                return None;
            }
            (&s[..i], n)
        }
        None => (s, 0),
    };
    let scalar = match base.trim() {
        "int64" | "int" | "intp" | "i8" => T::I64,
        "float64" | "float" | "double" | "f8" => T::F64,
        "boolean" | "bool" | "bool_" | "b1" => T::Bool,
        "void" | "none" if dims == 0 => return Some(T::NoneT),
        _ => return None,
    };
    if dims == 0 {
        Some(scalar)
    } else if dims <= 4 {
        Some(T::Arr(scalar.dtype()?, dims as u8))
    } else {
        None
    }
}

/// Parses `"ret(arg, arg)"` or `"(arg, arg)"` into (argument types, declared result type).
pub fn parse_signature(s: &str) -> Option<(Vec<T>, Option<T>)> {
    let s = s.trim();
    let open = s.find('(')?;
    let inner = s[open + 1..].strip_suffix(')')?;
    let ret = s[..open].trim();
    let ret = if ret.is_empty() {
        None
    } else {
        Some(parse_type(ret)?)
    };
    let mut args = Vec::new();
    let mut depth = 0;
    let mut cur = String::new();
    for c in inner.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ',' if depth == 0 => {
                args.push(parse_type(&cur)?);
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        args.push(parse_type(&cur)?);
    }
    Some((args, ret))
}

/// A typed expression.
#[derive(Clone, Debug)]
pub struct TExpr {
    pub kind: TK,
    pub ty: T,
    pub line: u32,
}

/// Typed expression forms.
#[derive(Clone, Debug)]
pub enum TK {
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A local or parameter (scalar, array or tuple).
    Var(String),
    /// Scalar arithmetic (operands promoted as in Python).
    Bin(BinOp, Box<TExpr>, Box<TExpr>),
    Cmp(CmpOp, Box<TExpr>, Box<TExpr>),
    And(Box<TExpr>, Box<TExpr>),
    Or(Box<TExpr>, Box<TExpr>),
    Un(UnOp, Box<TExpr>),
    Math(MathFn, Vec<TExpr>),
    /// Conversion to a scalar type (`int()`, `float()`, truthiness).
    Cast(T, Box<TExpr>),
    Select(Box<TExpr>, Box<TExpr>, Box<TExpr>),
    /// `a[i, j]` on an array variable, one index per dimension.
    Load(String, Vec<TExpr>),
    /// `a.shape[k]`.
    Shape(String, i64),
    /// A tuple built from its elements.
    Tuple(Vec<TExpr>),
    /// Element `k` of a tuple-valued variable.
    TupleGet(String, usize),
    /// `np.zeros/ones/empty(shape, dtype)`.
    Alloc(DType, Fill, Vec<TExpr>),
    /// Element-wise arithmetic between arrays and/or scalars, producing a new array of `ty`.
    ArrayBin(BinOp, Box<TExpr>, Box<TExpr>),
    /// Element-wise math function over an array, producing a new array of `ty`.
    ArrayMath(MathFn, Box<TExpr>),
    /// `-a` on a float array (IEEE negation: flips the sign of zeros and NaNs, unlike `0 - a`).
    ArrayNeg(Box<TExpr>),
    /// `a.copy()`.
    Copy(Box<TExpr>),
    /// Call of function `id` of the compilation unit.
    Call(usize, Vec<TExpr>),
}

/// A typed statement.
#[derive(Clone, Debug)]
pub struct TStmt {
    pub kind: SK,
    pub line: u32,
}

#[derive(Clone, Debug)]
pub enum SK {
    /// `x = e` (also tuples: `t = (a, b)`).
    Assign(String, TExpr),
    /// `x, y = e` for a tuple-valued `e` (evaluated once, then assigned left to right).
    Unpack(Vec<String>, TExpr),
    /// `a[i, j] = v`.
    Store(String, Vec<TExpr>, TExpr),
    If(TExpr, Vec<TStmt>, Vec<TStmt>),
    While(TExpr, Vec<TStmt>),
    For {
        var: String,
        start: TExpr,
        stop: TExpr,
        step: TExpr,
        body: Vec<TStmt>,
    },
    Break,
    Continue,
    Return(Option<TExpr>),
    Expr(TExpr),
}

/// A typed function: the output of type inference for one argument-type signature.
#[derive(Clone, Debug)]
pub struct TFunc {
    /// Python name (for tracebacks) and qualified name.
    pub name: String,
    pub filename: String,
    pub params: Vec<(String, T)>,
    /// Every local with its unified type, in order of first assignment.
    pub locals: Vec<(String, T)>,
    pub ret: T,
    pub body: Vec<TStmt>,
    /// ZeroDivisionError messages by line (the interpreter's wording of the first division on
    /// that line).
    pub zero_div: Vec<(u32, &'static str)>,
    /// First and last source line of the function.
    pub lines: (u32, u32),
}
