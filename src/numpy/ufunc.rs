//! Element-wise operations with broadcasting: binary operators and ufuncs (`+ - * / // % **`,
//! comparisons, bitwise and logical operators, minimum/maximum, arctan2, hypot) and unary ufuncs
//! (`-`, abs, `~`, sqrt, exp, log, trigonometric functions, floor/ceil, isnan/isinf, sign...),
//! with numpy's dtype rules for each.

use std::cell::Cell;

use super::array::{broadcast_shapes, broadcast_strides, nd_for_each, shape_size, NdArray};
use super::dtype::{promote, DType, OpType, Scalar};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bin {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    And,
    Or,
    Xor,
    LShift,
    RShift,
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Minimum,
    Maximum,
    Fmin,
    Fmax,
    Arctan2,
    Hypot,
    Copysign,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
}

impl Bin {
    pub fn ufunc_name(self) -> &'static str {
        use Bin::*;
        match self {
            Add => "add",
            Sub => "subtract",
            Mul => "multiply",
            Div => "divide",
            FloorDiv => "floor_divide",
            Mod => "remainder",
            Pow => "power",
            And => "bitwise_and",
            Or => "bitwise_or",
            Xor => "bitwise_xor",
            LShift => "left_shift",
            RShift => "right_shift",
            Lt => "less",
            Le => "less_equal",
            Eq => "equal",
            Ne => "not_equal",
            Gt => "greater",
            Ge => "greater_equal",
            Minimum => "minimum",
            Maximum => "maximum",
            Fmin => "fmin",
            Fmax => "fmax",
            Arctan2 => "arctan2",
            Hypot => "hypot",
            Copysign => "copysign",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
        }
    }
    fn is_cmp(self) -> bool {
        use Bin::*;
        matches!(
            self,
            Lt | Le | Eq | Ne | Gt | Ge | LogicalAnd | LogicalOr | LogicalXor
        )
    }
}

/// An error from an element-wise operation, turned into a Python exception by the caller.
#[derive(Debug)]
pub enum OpErr {
    Type(String),
    Value(String),
}

pub fn shape_str(s: &[usize]) -> String {
    if s.len() == 1 {
        format!("({},)", s[0])
    } else {
        format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )
    }
}

fn no_loop(op: Bin) -> OpErr {
    OpErr::Type(format!(
        "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        op.ufunc_name()
    ))
}

/// (compute dtype, output dtype) of a binary operation.
pub fn binary_types(op: Bin, a: OpType, b: OpType) -> Result<(DType, DType), OpErr> {
    use Bin::*;
    let p = promote(a, b);
    Ok(match op {
        Lt | Le | Eq | Ne | Gt | Ge => (p, DType::Bool),
        LogicalAnd | LogicalOr | LogicalXor => (DType::Bool, DType::Bool),
        Div | Arctan2 | Hypot | Copysign => (DType::Float64, DType::Float64),
        And | Or | Xor => {
            if p == DType::Float64 {
                return Err(no_loop(op));
            }
            (p, p)
        }
        LShift | RShift => {
            if p == DType::Float64 {
                return Err(no_loop(op));
            }
            (DType::Int64, DType::Int64)
        }
        Sub if p == DType::Bool => {
            return Err(OpErr::Type(
                "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.".into(),
            ))
        }
        FloorDiv | Mod | Pow if p == DType::Bool => (DType::Int64, DType::Int64),
        _ => (p, p),
    })
}

fn py_fmod(a: f64, b: f64) -> (f64, f64) {
    // numpy's npy_divmod: (floor quotient, remainder)
    let m = a % b;
    if b == 0.0 {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    let mut m = m;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let fd = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (fd, m)
}

pub fn f_floordiv(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return a / b;
    }
    py_fmod(a, b).0
}

pub fn f_mod(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return f64::NAN;
    }
    py_fmod(a, b).1
}

pub fn i_floordiv(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    if b == -1 {
        return a.wrapping_neg();
    }
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

pub fn i_mod(a: i64, b: i64) -> i64 {
    if b == 0 || b == -1 {
        return 0;
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    }
}

pub fn i_pow(mut base: i64, mut e: i64) -> i64 {
    let mut r: i64 = 1;
    while e > 0 {
        if e & 1 == 1 {
            r = r.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        e >>= 1;
    }
    r
}

/// Runs `f` over the broadcast operands (both already of the compute dtype).
fn zip_loop(
    a: &NdArray,
    b: &NdArray,
    shape: &[usize],
    out_dt: DType,
    f: impl Fn(u64, u64) -> u64,
) -> NdArray {
    let n = shape_size(shape);
    let mut out: Vec<Cell<u64>> = Vec::with_capacity(n);
    let a_full = a.shape == shape && a.is_c_contiguous();
    let b_full = b.shape == shape && b.is_c_contiguous();
    if a_full && b_full {
        let (ca, cb) = (a.buf.cells(a.offset, n), b.buf.cells(b.offset, n));
        out.extend(
            ca.iter()
                .zip(cb)
                .map(|(x, y)| Cell::new(f(x.get(), y.get()))),
        );
    } else if a_full && b.size() == 1 {
        let y = b.word(b.offset);
        out.extend(
            a.buf
                .cells(a.offset, n)
                .iter()
                .map(|x| Cell::new(f(x.get(), y))),
        );
    } else if b_full && a.size() == 1 {
        let x = a.word(a.offset);
        out.extend(
            b.buf
                .cells(b.offset, n)
                .iter()
                .map(|y| Cell::new(f(x, y.get()))),
        );
    } else {
        let sa = broadcast_strides(&a.shape, &a.strides, shape);
        let sb = broadcast_strides(&b.shape, &b.strides, shape);
        nd_for_each(shape, [&sa, &sb], [a.offset, b.offset], |[i, j]| {
            out.push(Cell::new(f(a.buf.get(i), b.buf.get(j))))
        });
    }
    out.resize_with(n, || Cell::new(0));
    NdArray::from_cells(out_dt, shape.to_vec(), out)
}

#[inline(always)]
fn fb(x: u64) -> f64 {
    f64::from_bits(x)
}

/// `op(a, b)` with broadcasting; `wa`/`wb` mark weak Python scalars.
pub fn binary(op: Bin, a: &NdArray, wa: bool, b: &NdArray, wb: bool) -> Result<NdArray, OpErr> {
    let ta = OpType {
        dtype: a.dtype,
        weak: wa,
    };
    let tb = OpType {
        dtype: b.dtype,
        weak: wb,
    };
    let (cdt, odt) = binary_types(op, ta, tb)?;
    let Some(shape) = broadcast_shapes(&a.shape, &b.shape) else {
        return Err(OpErr::Value(format!(
            "operands could not be broadcast together with shapes {} {} ",
            shape_str(&a.shape),
            shape_str(&b.shape)
        )));
    };
    let a = if a.dtype != cdt {
        a.astype(cdt)
    } else {
        a.clone()
    };
    let b = if b.dtype != cdt {
        b.astype(cdt)
    } else {
        b.clone()
    };
    use Bin::*;
    let t = |x: bool| x as u64;
    Ok(match cdt {
        DType::Float64 => match op {
            Add => zip_loop(&a, &b, &shape, odt, |x, y| (fb(x) + fb(y)).to_bits()),
            Sub => zip_loop(&a, &b, &shape, odt, |x, y| (fb(x) - fb(y)).to_bits()),
            Mul => zip_loop(&a, &b, &shape, odt, |x, y| (fb(x) * fb(y)).to_bits()),
            Div => zip_loop(&a, &b, &shape, odt, |x, y| (fb(x) / fb(y)).to_bits()),
            FloorDiv => zip_loop(&a, &b, &shape, odt, |x, y| {
                f_floordiv(fb(x), fb(y)).to_bits()
            }),
            Mod => zip_loop(&a, &b, &shape, odt, |x, y| f_mod(fb(x), fb(y)).to_bits()),
            Pow => zip_loop(&a, &b, &shape, odt, |x, y| {
                let (x, y) = (fb(x), fb(y));
                (if y == 2.0 { x * x } else { x.powf(y) }).to_bits()
            }),
            Lt => zip_loop(&a, &b, &shape, odt, |x, y| t(fb(x) < fb(y))),
            Le => zip_loop(&a, &b, &shape, odt, |x, y| t(fb(x) <= fb(y))),
            Eq => zip_loop(&a, &b, &shape, odt, |x, y| t(fb(x) == fb(y))),
            Ne => zip_loop(&a, &b, &shape, odt, |x, y| t(fb(x) != fb(y))),
            Gt => zip_loop(&a, &b, &shape, odt, |x, y| t(fb(x) > fb(y))),
            Ge => zip_loop(&a, &b, &shape, odt, |x, y| t(fb(x) >= fb(y))),
            Minimum => zip_loop(&a, &b, &shape, odt, |x, y| {
                let (x, y) = (fb(x), fb(y));
                (if x.is_nan() || y.is_nan() {
                    f64::NAN
                } else if x <= y {
                    x
                } else {
                    y
                })
                .to_bits()
            }),
            Maximum => zip_loop(&a, &b, &shape, odt, |x, y| {
                let (x, y) = (fb(x), fb(y));
                (if x.is_nan() || y.is_nan() {
                    f64::NAN
                } else if x >= y {
                    x
                } else {
                    y
                })
                .to_bits()
            }),
            Fmin => zip_loop(&a, &b, &shape, odt, |x, y| fb(x).min(fb(y)).to_bits()),
            Fmax => zip_loop(&a, &b, &shape, odt, |x, y| fb(x).max(fb(y)).to_bits()),
            Arctan2 => zip_loop(&a, &b, &shape, odt, |x, y| fb(x).atan2(fb(y)).to_bits()),
            Hypot => zip_loop(&a, &b, &shape, odt, |x, y| fb(x).hypot(fb(y)).to_bits()),
            Copysign => zip_loop(&a, &b, &shape, odt, |x, y| fb(x).copysign(fb(y)).to_bits()),
            _ => return Err(no_loop(op)),
        },
        DType::Int64 => {
            let ii = |x: u64| x as i64;
            match op {
                Add => zip_loop(&a, &b, &shape, odt, |x, y| ii(x).wrapping_add(ii(y)) as u64),
                Sub => zip_loop(&a, &b, &shape, odt, |x, y| ii(x).wrapping_sub(ii(y)) as u64),
                Mul => zip_loop(&a, &b, &shape, odt, |x, y| ii(x).wrapping_mul(ii(y)) as u64),
                FloorDiv => zip_loop(&a, &b, &shape, odt, |x, y| i_floordiv(ii(x), ii(y)) as u64),
                Mod => zip_loop(&a, &b, &shape, odt, |x, y| i_mod(ii(x), ii(y)) as u64),
                Pow => {
                    let mut neg = false;
                    b.for_each_offset(|o| neg |= (b.word(o) as i64) < 0);
                    if neg {
                        return Err(OpErr::Value(
                            "Integers to negative integer powers are not allowed.".into(),
                        ));
                    }
                    zip_loop(&a, &b, &shape, odt, |x, y| i_pow(ii(x), ii(y)) as u64)
                }
                And => zip_loop(&a, &b, &shape, odt, |x, y| x & y),
                Or => zip_loop(&a, &b, &shape, odt, |x, y| x | y),
                Xor => zip_loop(&a, &b, &shape, odt, |x, y| x ^ y),
                LShift => zip_loop(&a, &b, &shape, odt, |x, y| if y < 64 { x << y } else { 0 }),
                RShift => zip_loop(&a, &b, &shape, odt, |x, y| {
                    let s = (y as i64).clamp(0, 63);
                    (ii(x) >> s) as u64
                }),
                Lt => zip_loop(&a, &b, &shape, odt, |x, y| t(ii(x) < ii(y))),
                Le => zip_loop(&a, &b, &shape, odt, |x, y| t(ii(x) <= ii(y))),
                Eq => zip_loop(&a, &b, &shape, odt, |x, y| t(x == y)),
                Ne => zip_loop(&a, &b, &shape, odt, |x, y| t(x != y)),
                Gt => zip_loop(&a, &b, &shape, odt, |x, y| t(ii(x) > ii(y))),
                Ge => zip_loop(&a, &b, &shape, odt, |x, y| t(ii(x) >= ii(y))),
                Minimum | Fmin => zip_loop(&a, &b, &shape, odt, |x, y| ii(x).min(ii(y)) as u64),
                Maximum | Fmax => zip_loop(&a, &b, &shape, odt, |x, y| ii(x).max(ii(y)) as u64),
                _ => return Err(no_loop(op)),
            }
        }
        DType::Bool => match op {
            Add | Or | LogicalOr | Maximum | Fmax => {
                zip_loop(&a, &b, &shape, odt, |x, y| t(x != 0 || y != 0))
            }
            Mul | And | LogicalAnd | Minimum | Fmin => {
                zip_loop(&a, &b, &shape, odt, |x, y| t(x != 0 && y != 0))
            }
            Xor | Ne | LogicalXor => zip_loop(&a, &b, &shape, odt, |x, y| t((x != 0) != (y != 0))),
            Eq => zip_loop(&a, &b, &shape, odt, |x, y| t((x != 0) == (y != 0))),
            Lt => zip_loop(&a, &b, &shape, odt, |x, y| t(x < y)),
            Le => zip_loop(&a, &b, &shape, odt, |x, y| t(x <= y)),
            Gt => zip_loop(&a, &b, &shape, odt, |x, y| t(x > y)),
            Ge => zip_loop(&a, &b, &shape, odt, |x, y| t(x >= y)),
            _ => return Err(no_loop(op)),
        },
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Un {
    Neg,
    Pos,
    Abs,
    Invert,
    Not,
    Sqrt,
    Cbrt,
    Exp,
    Exp2,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Tanh,
    Arcsinh,
    Arccosh,
    Arctanh,
    Floor,
    Ceil,
    Trunc,
    Rint,
    IsNan,
    IsInf,
    IsFinite,
    Sign,
    Signbit,
    Square,
    Reciprocal,
    Deg2Rad,
    Rad2Deg,
}

impl Un {
    pub fn ufunc_name(self) -> &'static str {
        use Un::*;
        match self {
            Neg => "negative",
            Pos => "positive",
            Abs => "absolute",
            Invert => "invert",
            Not => "logical_not",
            Sqrt => "sqrt",
            Cbrt => "cbrt",
            Exp => "exp",
            Exp2 => "exp2",
            Expm1 => "expm1",
            Log => "log",
            Log2 => "log2",
            Log10 => "log10",
            Log1p => "log1p",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Arcsin => "arcsin",
            Arccos => "arccos",
            Arctan => "arctan",
            Sinh => "sinh",
            Cosh => "cosh",
            Tanh => "tanh",
            Arcsinh => "arcsinh",
            Arccosh => "arccosh",
            Arctanh => "arctanh",
            Floor => "floor",
            Ceil => "ceil",
            Trunc => "trunc",
            Rint => "rint",
            IsNan => "isnan",
            IsInf => "isinf",
            IsFinite => "isfinite",
            Sign => "sign",
            Signbit => "signbit",
            Square => "square",
            Reciprocal => "reciprocal",
            Deg2Rad => "deg2rad",
            Rad2Deg => "rad2deg",
        }
    }
}

fn map_loop(a: &NdArray, out_dt: DType, f: impl Fn(u64) -> u64) -> NdArray {
    let n = a.size();
    let mut out: Vec<Cell<u64>> = Vec::with_capacity(n);
    if a.is_c_contiguous() {
        out.extend(
            a.buf
                .cells(a.offset, n)
                .iter()
                .map(|c| Cell::new(f(c.get()))),
        );
    } else {
        a.for_each_offset(|o| out.push(Cell::new(f(a.buf.get(o)))));
    }
    out.resize_with(n, || Cell::new(0));
    NdArray::from_cells(out_dt, a.shape.clone(), out)
}

fn float_fn(op: Un) -> Option<fn(f64) -> f64> {
    use Un::*;
    Some(match op {
        Sqrt => f64::sqrt,
        Cbrt => f64::cbrt,
        Exp => f64::exp,
        Exp2 => f64::exp2,
        Expm1 => f64::exp_m1,
        Log => f64::ln,
        Log2 => f64::log2,
        Log10 => f64::log10,
        Log1p => f64::ln_1p,
        Sin => f64::sin,
        Cos => f64::cos,
        Tan => f64::tan,
        Arcsin => f64::asin,
        Arccos => f64::acos,
        Arctan => f64::atan,
        Sinh => f64::sinh,
        Cosh => f64::cosh,
        Tanh => f64::tanh,
        Arcsinh => f64::asinh,
        Arccosh => f64::acosh,
        Arctanh => f64::atanh,
        Floor => f64::floor,
        Ceil => f64::ceil,
        Trunc => f64::trunc,
        Rint => f64::round_ties_even,
        Neg => |x| -x,
        Pos => |x| x,
        Abs => f64::abs,
        Square => |x| x * x,
        Reciprocal => |x| 1.0 / x,
        Deg2Rad => |x| x * (std::f64::consts::PI / 180.0),
        Rad2Deg => |x| x * (180.0 / std::f64::consts::PI),
        Sign => |x| {
            if x.is_nan() {
                f64::NAN
            } else if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            }
        },
        _ => return None,
    })
}

pub fn unary(op: Un, a: &NdArray) -> Result<NdArray, OpErr> {
    use Un::*;
    let t = |x: bool| x as u64;
    let dt = a.dtype;
    match op {
        IsNan | IsInf | IsFinite | Signbit | Not => {
            return Ok(match dt {
                DType::Float64 => match op {
                    IsNan => map_loop(a, DType::Bool, |x| t(fb(x).is_nan())),
                    IsInf => map_loop(a, DType::Bool, |x| t(fb(x).is_infinite())),
                    IsFinite => map_loop(a, DType::Bool, |x| t(fb(x).is_finite())),
                    Signbit => map_loop(a, DType::Bool, |x| t(fb(x).is_sign_negative())),
                    _ => map_loop(a, DType::Bool, |x| t(fb(x) == 0.0)),
                },
                _ => match op {
                    IsFinite => map_loop(a, DType::Bool, |_| 1),
                    Signbit => map_loop(a, DType::Bool, |x| t((x as i64) < 0)),
                    Not => map_loop(a, DType::Bool, |x| t(x == 0)),
                    _ => map_loop(a, DType::Bool, |_| 0),
                },
            })
        }
        _ => {}
    }
    match dt {
        DType::Float64 => {
            let f64dt = DType::Float64;
            // The commonest functions get inlined loops; the rest go through a pointer.
            Ok(match op {
                Sqrt => map_loop(a, f64dt, |x| fb(x).sqrt().to_bits()),
                Neg => map_loop(a, f64dt, |x| x ^ (1u64 << 63)),
                Abs => map_loop(a, f64dt, |x| x & !(1u64 << 63)),
                Square => map_loop(a, f64dt, |x| (fb(x) * fb(x)).to_bits()),
                Exp => map_loop(a, f64dt, |x| fb(x).exp().to_bits()),
                Log => map_loop(a, f64dt, |x| fb(x).ln().to_bits()),
                Sin => map_loop(a, f64dt, |x| fb(x).sin().to_bits()),
                Cos => map_loop(a, f64dt, |x| fb(x).cos().to_bits()),
                Tanh => map_loop(a, f64dt, |x| fb(x).tanh().to_bits()),
                Floor => map_loop(a, f64dt, |x| fb(x).floor().to_bits()),
                _ => match float_fn(op) {
                    Some(f) => map_loop(a, f64dt, |x| f(fb(x)).to_bits()),
                    None => return Err(no_loop_un(op)),
                },
            })
        }
        DType::Int64 => {
            let ii = |x: u64| x as i64;
            Ok(match op {
                Neg => map_loop(a, dt, |x| ii(x).wrapping_neg() as u64),
                Pos | Floor | Ceil | Trunc => map_loop(a, dt, |x| x),
                Abs => map_loop(a, dt, |x| ii(x).wrapping_abs() as u64),
                Invert => map_loop(a, dt, |x| !x),
                Square => map_loop(a, dt, |x| ii(x).wrapping_mul(ii(x)) as u64),
                Sign => map_loop(a, dt, |x| ii(x).signum() as u64),
                Reciprocal => map_loop(a, dt, |x| match ii(x) {
                    0 => i64::MIN as u64,
                    1 => 1,
                    -1 => u64::MAX,
                    _ => 0,
                }),
                _ => match float_fn(op) {
                    Some(f) => map_loop(a, DType::Float64, |x| f(ii(x) as f64).to_bits()),
                    None => return Err(no_loop_un(op)),
                },
            })
        }
        DType::Bool => Ok(match op {
            Invert => map_loop(a, dt, |x| t(x == 0)),
            Abs | Pos | Square => map_loop(a, dt, |x| x),
            Neg => {
                return Err(OpErr::Type(
                    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.".into(),
                ))
            }
            Sign | Floor | Ceil | Trunc | Reciprocal => return Err(no_loop_un(op)),
            _ => match float_fn(op) {
                Some(f) => map_loop(a, DType::Float64, |x| f((x != 0) as i64 as f64).to_bits()),
                None => return Err(no_loop_un(op)),
            },
        }),
    }
}

fn no_loop_un(op: Un) -> OpErr {
    OpErr::Type(format!(
        "ufunc '{}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        op.ufunc_name()
    ))
}

/// Whether `from` can be stored into `to` under numpy's 'same_kind' casting.
pub fn same_kind(from: DType, to: DType) -> bool {
    from <= to
}

/// Used by `is_cmp` consumers.
pub fn is_comparison(op: Bin) -> bool {
    op.is_cmp()
}

/// `op` on two scalars (the fast path of numpy-scalar arithmetic), same rules as [`binary`].
pub fn scalar_binary(op: Bin, a: Scalar, wa: bool, b: Scalar, wb: bool) -> Result<Scalar, OpErr> {
    use Bin::*;
    let (cdt, odt) = binary_types(
        op,
        OpType {
            dtype: a.dtype(),
            weak: wa,
        },
        OpType {
            dtype: b.dtype(),
            weak: wb,
        },
    )?;
    let r = match cdt {
        DType::Float64 => {
            let (x, y) = (a.as_f64(), b.as_f64());
            match op {
                Add => Scalar::F(x + y),
                Sub => Scalar::F(x - y),
                Mul => Scalar::F(x * y),
                Div => Scalar::F(x / y),
                FloorDiv => Scalar::F(f_floordiv(x, y)),
                Mod => Scalar::F(f_mod(x, y)),
                Pow => Scalar::F(if y == 2.0 { x * x } else { x.powf(y) }),
                Lt => Scalar::B(x < y),
                Le => Scalar::B(x <= y),
                Eq => Scalar::B(x == y),
                Ne => Scalar::B(x != y),
                Gt => Scalar::B(x > y),
                Ge => Scalar::B(x >= y),
                Arctan2 => Scalar::F(x.atan2(y)),
                Hypot => Scalar::F(x.hypot(y)),
                _ => {
                    return binary(op, &NdArray::scalar(a), wa, &NdArray::scalar(b), wb)
                        .map(|r| r.first())
                }
            }
        }
        DType::Int64 => {
            let (x, y) = (a.as_i64(), b.as_i64());
            match op {
                Add => Scalar::I(x.wrapping_add(y)),
                Sub => Scalar::I(x.wrapping_sub(y)),
                Mul => Scalar::I(x.wrapping_mul(y)),
                FloorDiv => Scalar::I(i_floordiv(x, y)),
                Mod => Scalar::I(i_mod(x, y)),
                Lt => Scalar::B(x < y),
                Le => Scalar::B(x <= y),
                Eq => Scalar::B(x == y),
                Ne => Scalar::B(x != y),
                Gt => Scalar::B(x > y),
                Ge => Scalar::B(x >= y),
                _ => {
                    return binary(op, &NdArray::scalar(a), wa, &NdArray::scalar(b), wb)
                        .map(|r| r.first())
                }
            }
        }
        DType::Bool => {
            return binary(op, &NdArray::scalar(a), wa, &NdArray::scalar(b), wb).map(|r| r.first())
        }
    };
    Ok(r.cast(odt))
}
