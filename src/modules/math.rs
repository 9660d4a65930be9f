//! The `math` module, with CPython 3.11's results and error messages: float functions go
//! through the platform libm (as CPython's do) with CPython's errno-style checks ("math domain
//! error" / "math range error"); integer functions (factorial, gcd, lcm, comb, perm, isqrt)
//! work on arbitrary-precision ints; fsum/hypot/dist/gamma/lgamma/erf are exact ports
//! (see `math_special`).

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::math_special::{self as sp, MathErr};
use crate::compiler::opcode::BinOp;
use crate::runtime::num::{float_to_big, to_big};
use crate::runtime::objects::Kwargs;
use crate::runtime::types::{check_args, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

fn domain(vm: &mut Vm) -> crate::vm::PyErr {
    vm.new_error("ValueError", "math domain error")
}

fn range(vm: &mut Vm) -> crate::vm::PyErr {
    vm.new_error("OverflowError", "math range error")
}

/// CPython's `math_1`: NaN from non-NaN is a domain error, infinity from finite is a range
/// error (when the function can overflow) or a domain error (a singularity).
fn math_1(vm: &mut Vm, x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(vm) } else { domain(vm) });
    }
    Ok(Value::Float(r))
}

/// CPython's `math_2` checks for two-argument float functions.
fn math_2(vm: &mut Vm, x: f64, y: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range(vm));
    }
    Ok(Value::Float(r))
}

fn math_err(vm: &mut Vm, r: Result<f64, MathErr>) -> PyResult<Value> {
    match r {
        Ok(f) => Ok(Value::Float(f)),
        Err(MathErr::Domain) => Err(domain(vm)),
        Err(MathErr::Range) => Err(range(vm)),
    }
}

fn arg1(vm: &mut Vm, name: &str, a: &[Value]) -> PyResult<f64> {
    check_args(vm, name, a, 1, 1)?;
    vm.to_float(&a[0])
}

fn arg2(vm: &mut Vm, name: &str, a: &[Value]) -> PyResult<(f64, f64)> {
    if a.len() != 2 {
        let short = name.trim_start_matches("math.");
        let msg = format!("{short} expected 2 arguments, got {}", a.len());
        return Err(vm.new_error("TypeError", &msg));
    }
    Ok((vm.to_float(&a[0])?, vm.to_float(&a[1])?))
}

fn no_kwargs(vm: &mut Vm, name: &str, kw: Kwargs) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(vm.new_error("TypeError", &format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

/// An int argument (`__index__` honoured), arbitrary precision.
fn to_int(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    crate::runtime::builtin_funcs::index_big(vm, v)
}

fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    match float_to_big(f) {
        Some(b) => Ok(Value::from_bigint(b)),
        None if f.is_nan() => {
            Err(vm.new_error("ValueError", "cannot convert float NaN to integer"))
        }
        None => Err(vm.new_error("OverflowError", "cannot convert float infinity to integer")),
    }
}

/// `math.floor`/`ceil`/`trunc`: ints pass through, floats are rounded, other objects use
/// their special method (`__floor__`...) or their float value.
fn round_op(
    vm: &mut Vm,
    a: &[Value],
    name: &str,
    special: &str,
    op: fn(f64) -> f64,
) -> PyResult<Value> {
    check_args(vm, &format!("math.{name}"), a, 1, 1)?;
    match &a[0] {
        Value::Float(f) => return float_to_int(vm, op(*f)),
        Value::Int(_) | Value::BigInt(_) => return Ok(a[0].clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        _ => {}
    }
    if let Some(m) = vm.lookup_special(&a[0], special) {
        return vm.call_special(&m, &a[0], &[]);
    }
    if special == "__trunc__" {
        let t = vm.type_name(&a[0]);
        return Err(vm.new_error(
            "TypeError",
            &format!("type {t} doesn't define __trunc__ method"),
        ));
    }
    let f = vm.to_float(&a[0])?;
    float_to_int(vm, op(f))
}

/// The log of a positive int too large for a float: `log(m) + log(2) * e` with `x = m * 2**e`.
fn big_frexp(b: &BigInt) -> (f64, i64) {
    let bits = b.bits() as i64;
    if bits <= 53 {
        let f = b.to_f64().unwrap_or(0.0);
        let (m, e) = sp::frexp(f);
        return (m, e as i64);
    }
    let shift = (bits - 53) as usize;
    let mut q: BigInt = b >> shift;
    let rem: BigInt = b - (&q << shift);
    let half = BigInt::one() << (shift - 1);
    if rem > half || (rem == half && q.is_odd()) {
        q += 1;
    }
    let q = q.to_f64().unwrap_or(0.0);
    let (m, e) = sp::frexp(q);
    (m, e as i64 + shift as i64)
}

/// CPython's `loghelper`: logs of ints of any size, floats through `func`.
fn loghelper(vm: &mut Vm, v: &Value, func: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(b) = to_big(v) {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        return Ok(match b.to_f64() {
            Some(f) if f.is_finite() => func(f),
            _ => {
                let (m, e) = big_frexp(&b);
                func(m) + func(2.0) * e as f64
            }
        });
    }
    let x = vm.to_float(v)?;
    let r = m_log_generic(x, func);
    match r {
        Some(r) => Ok(r),
        None => Err(domain(vm)),
    }
}

/// `m_log`/`m_log2`/`m_log10` with CPython's special values; `None` for domain errors.
fn m_log_generic(x: f64, func: fn(f64) -> f64) -> Option<f64> {
    if x.is_nan() {
        return Some(x);
    }
    if x.is_infinite() {
        return if x > 0.0 { Some(x) } else { None };
    }
    if x > 0.0 {
        Some(func(x))
    } else {
        None
    }
}

fn ln(x: f64) -> f64 {
    x.ln()
}
fn log2(x: f64) -> f64 {
    x.log2()
}
fn log10(x: f64) -> f64 {
    x.log10()
}

fn m_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    let r;
    if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            r = if y == 0.0 { 1.0 } else { x };
        } else if y.is_nan() {
            r = if x == 1.0 { 1.0 } else { y };
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            r = if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            };
        } else if x.abs() == 1.0 {
            r = 1.0;
        } else if y > 0.0 && x.abs() > 1.0 {
            r = y;
        } else if y < 0.0 && x.abs() < 1.0 {
            if x == 0.0 {
                return Err(domain(vm));
            }
            r = -y;
        } else {
            r = 0.0;
        }
        return Ok(Value::Float(r));
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() {
        return Err(if x == 0.0 { domain(vm) } else { range(vm) });
    }
    Ok(Value::Float(r))
}

fn factorial_big(n: u64) -> BigInt {
    // Multiply in u64 chunks, then combine.
    let mut parts: Vec<BigInt> = Vec::new();
    let mut acc: u64 = 1;
    for i in 2..=n {
        match acc.checked_mul(i) {
            Some(v) => acc = v,
            None => {
                parts.push(BigInt::from(acc));
                acc = i;
            }
        }
    }
    parts.push(BigInt::from(acc));
    while parts.len() > 1 {
        let mut next = Vec::with_capacity(parts.len() / 2 + 1);
        let mut it = parts.into_iter();
        while let Some(a) = it.next() {
            match it.next() {
                Some(b) => next.push(a * b),
                None => next.push(a),
            }
        }
        parts = next;
    }
    parts.pop().unwrap_or_else(BigInt::one)
}

/// A non-negative int argument of comb/perm as u64, with CPython's messages.
fn nonneg(vm: &mut Vm, b: &BigInt, what: &str) -> PyResult<Option<u64>> {
    if b.is_negative() {
        return Err(vm.new_error(
            "ValueError",
            &format!("{what} must be a non-negative integer"),
        ));
    }
    Ok(b.to_u64())
}

fn perm_big(n: &BigInt, k: u64) -> BigInt {
    let mut r = BigInt::one();
    let mut f = n.clone();
    for _ in 0..k {
        r *= &f;
        f -= 1;
    }
    r
}

fn float_list(vm: &mut Vm, v: &Value) -> PyResult<Vec<f64>> {
    let items = vm.collect(v)?;
    let mut out = Vec::with_capacity(items.len());
    for x in &items {
        out.push(vm.to_float(x)?);
    }
    Ok(out)
}

fn kw_float(vm: &mut Vm, kw: Kwargs, name: &str, default: f64) -> PyResult<f64> {
    match crate::runtime::types::kwarg(kw, name) {
        Some(v) => {
            let v = v.clone();
            vm.to_float(&v)
        }
        None => Ok(default),
    }
}

macro_rules! unary {
    ($d:expr, $name:literal, $f:expr, $over:expr) => {
        $d.set_by_str(
            $name,
            native_fn($name, Some("math"), |vm, a, kw| {
                no_kwargs(vm, concat!("math.", $name), kw)?;
                let x = arg1(vm, concat!("math.", $name), a)?;
                let f: fn(f64) -> f64 = $f;
                math_1(vm, x, f(x), $over)
            }),
        );
    };
}

pub fn create(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = super::new_module("math");
    d.set_by_str("pi", Value::Float(std::f64::consts::PI));
    d.set_by_str("e", Value::Float(std::f64::consts::E));
    d.set_by_str("tau", Value::Float(std::f64::consts::TAU));
    d.set_by_str("inf", Value::Float(f64::INFINITY));
    d.set_by_str("nan", Value::Float(f64::NAN));

    unary!(d, "sqrt", |x| x.sqrt(), false);
    unary!(d, "exp", |x| x.exp(), true);
    unary!(d, "exp2", |x| x.exp2(), true);
    unary!(d, "expm1", |x| x.exp_m1(), true);
    unary!(d, "log1p", |x| if x == 0.0 { x } else { x.ln_1p() }, false);
    unary!(d, "sin", |x| x.sin(), false);
    unary!(d, "cos", |x| x.cos(), false);
    unary!(d, "tan", |x| x.tan(), false);
    unary!(d, "asin", |x| x.asin(), false);
    unary!(d, "acos", |x| x.acos(), false);
    unary!(d, "atan", |x| x.atan(), false);
    unary!(d, "sinh", |x| x.sinh(), true);
    unary!(d, "cosh", |x| x.cosh(), true);
    unary!(d, "tanh", |x| x.tanh(), false);
    unary!(d, "asinh", sp::asinh, false);
    unary!(d, "acosh", sp::acosh, false);
    unary!(d, "atanh", sp::atanh, false);
    unary!(d, "fabs", |x| x.abs(), false);
    unary!(d, "cbrt", sp::cbrt, false);
    unary!(d, "erf", sp::erf, false);
    unary!(d, "erfc", sp::erfc, false);
    d.set_by_str(
        "gamma",
        native_fn("gamma", Some("math"), |vm, a, _| {
            let x = arg1(vm, "math.gamma", a)?;
            math_err(vm, sp::gamma(x))
        }),
    );
    d.set_by_str(
        "lgamma",
        native_fn("lgamma", Some("math"), |vm, a, _| {
            let x = arg1(vm, "math.lgamma", a)?;
            math_err(vm, sp::lgamma(x))
        }),
    );
    d.set_by_str(
        "degrees",
        native_fn("degrees", Some("math"), |vm, a, _| {
            let x = arg1(vm, "math.degrees", a)?;
            Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
        }),
    );
    d.set_by_str(
        "radians",
        native_fn("radians", Some("math"), |vm, a, _| {
            let x = arg1(vm, "math.radians", a)?;
            Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
        }),
    );
    d.set_by_str(
        "isnan",
        native_fn("isnan", Some("math"), |vm, a, _| {
            Ok(Value::Bool(arg1(vm, "math.isnan", a)?.is_nan()))
        }),
    );
    d.set_by_str(
        "isinf",
        native_fn("isinf", Some("math"), |vm, a, _| {
            Ok(Value::Bool(arg1(vm, "math.isinf", a)?.is_infinite()))
        }),
    );
    d.set_by_str(
        "isfinite",
        native_fn("isfinite", Some("math"), |vm, a, _| {
            Ok(Value::Bool(arg1(vm, "math.isfinite", a)?.is_finite()))
        }),
    );
    d.set_by_str(
        "floor",
        native_fn("floor", Some("math"), |vm, a, _| {
            round_op(vm, a, "floor", "__floor__", f64::floor)
        }),
    );
    d.set_by_str(
        "ceil",
        native_fn("ceil", Some("math"), |vm, a, _| {
            round_op(vm, a, "ceil", "__ceil__", f64::ceil)
        }),
    );
    d.set_by_str(
        "trunc",
        native_fn("trunc", Some("math"), |vm, a, _| {
            round_op(vm, a, "trunc", "__trunc__", f64::trunc)
        }),
    );
    d.set_by_str(
        "log",
        native_fn("log", Some("math"), |vm, a, _| {
            if a.is_empty() || a.len() > 2 {
                let msg = format!(
                    "log expected {} argument{}, got {}",
                    if a.is_empty() {
                        "at least 1"
                    } else {
                        "at most 2"
                    },
                    if a.is_empty() { "" } else { "s" },
                    a.len()
                );
                return Err(vm.new_error("TypeError", &msg));
            }
            let num = loghelper(vm, &a[0], ln)?;
            if a.len() == 2 {
                let den = loghelper(vm, &a[1], ln)?;
                if den == 0.0 {
                    return Err(vm.new_error("ZeroDivisionError", "float division by zero"));
                }
                return Ok(Value::Float(num / den));
            }
            Ok(Value::Float(num))
        }),
    );
    d.set_by_str(
        "log2",
        native_fn("log2", Some("math"), |vm, a, _| {
            check_args(vm, "math.log2", a, 1, 1)?;
            Ok(Value::Float(loghelper(vm, &a[0], log2)?))
        }),
    );
    d.set_by_str(
        "log10",
        native_fn("log10", Some("math"), |vm, a, _| {
            check_args(vm, "math.log10", a, 1, 1)?;
            Ok(Value::Float(loghelper(vm, &a[0], log10)?))
        }),
    );
    d.set_by_str(
        "pow",
        native_fn("pow", Some("math"), |vm, a, _| {
            let (x, y) = arg2(vm, "pow", a)?;
            m_pow(vm, x, y)
        }),
    );
    d.set_by_str(
        "atan2",
        native_fn("atan2", Some("math"), |vm, a, _| {
            let (y, x) = arg2(vm, "atan2", a)?;
            math_2(vm, y, x, y.atan2(x))
        }),
    );
    d.set_by_str(
        "copysign",
        native_fn("copysign", Some("math"), |vm, a, _| {
            let (x, y) = arg2(vm, "copysign", a)?;
            math_2(vm, x, y, x.copysign(y))
        }),
    );
    d.set_by_str(
        "fmod",
        native_fn("fmod", Some("math"), |vm, a, _| {
            let (x, y) = arg2(vm, "fmod", a)?;
            if y.is_infinite() && x.is_finite() {
                return Ok(Value::Float(x));
            }
            math_2(vm, x, y, x % y)
        }),
    );
    d.set_by_str(
        "remainder",
        native_fn("remainder", Some("math"), |vm, a, _| {
            let (x, y) = arg2(vm, "remainder", a)?;
            if x.is_nan() || y.is_nan() {
                return Ok(Value::Float(f64::NAN));
            }
            if x.is_infinite() || y == 0.0 {
                return Err(domain(vm));
            }
            if y.is_infinite() {
                return Ok(Value::Float(x));
            }
            let absx = x.abs();
            let absy = y.abs();
            let m = absx % absy;
            let c = absy - m;
            let r = if m < c {
                m
            } else if m > c {
                -c
            } else {
                m - 2.0 * ((0.5 * (absx - m)) % absy)
            };
            Ok(Value::Float(1.0f64.copysign(x) * r))
        }),
    );
    d.set_by_str(
        "hypot",
        native_fn("hypot", Some("math"), |vm, a, _| {
            let mut v = Vec::with_capacity(a.len());
            let (mut max, mut nan) = (0.0f64, false);
            for x in a {
                let f = vm.to_float(x)?.abs();
                nan |= f.is_nan();
                if f > max {
                    max = f;
                }
                v.push(f);
            }
            Ok(Value::Float(sp::vector_norm(&v, max, nan)))
        }),
    );
    d.set_by_str(
        "dist",
        native_fn("dist", Some("math"), |vm, a, _| {
            check_args(vm, "dist", a, 2, 2)?;
            let p = float_list(vm, &a[0])?;
            let q = float_list(vm, &a[1])?;
            if p.len() != q.len() {
                return Err(vm.new_error(
                    "ValueError",
                    "both points must have the same number of dimensions",
                ));
            }
            let (mut max, mut nan) = (0.0f64, false);
            let v: Vec<f64> = p.iter().zip(&q).map(|(x, y)| (x - y).abs()).collect();
            for &f in &v {
                nan |= f.is_nan();
                if f > max {
                    max = f;
                }
            }
            Ok(Value::Float(sp::vector_norm(&v, max, nan)))
        }),
    );
    d.set_by_str(
        "fsum",
        native_fn("fsum", Some("math"), |vm, a, _| {
            check_args(vm, "math.fsum", a, 1, 1)?;
            let v = float_list(vm, &a[0])?;
            match sp::fsum(&v) {
                Ok(f) => Ok(Value::Float(f)),
                Err(true) => Err(vm.new_error("OverflowError", "intermediate overflow in fsum")),
                Err(false) => Err(vm.new_error("ValueError", "-inf + inf in fsum")),
            }
        }),
    );
    d.set_by_str(
        "prod",
        native_fn("prod", Some("math"), |vm, a, kw| {
            check_args(vm, "prod", a, 1, 1)?;
            let mut acc = crate::runtime::types::kwarg(kw, "start")
                .cloned()
                .unwrap_or(Value::Int(1));
            let it = vm.get_iter(&a[0])?;
            while let Some(x) = vm.next(&it)? {
                acc = vm.binop(BinOp::Mul, &acc, &x, false)?;
            }
            Ok(acc)
        }),
    );
    d.set_by_str(
        "isclose",
        native_fn("isclose", Some("math"), |vm, a, kw| {
            let (x, y) = arg2(vm, "isclose", a)?;
            let rel = kw_float(vm, kw, "rel_tol", 1e-9)?;
            let abs = kw_float(vm, kw, "abs_tol", 0.0)?;
            if rel < 0.0 || abs < 0.0 {
                return Err(vm.new_error("ValueError", "tolerances must be non-negative"));
            }
            if x == y {
                return Ok(Value::Bool(true));
            }
            if x.is_infinite() || y.is_infinite() {
                return Ok(Value::Bool(false));
            }
            let diff = (y - x).abs();
            Ok(Value::Bool(
                diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
            ))
        }),
    );
    d.set_by_str(
        "modf",
        native_fn("modf", Some("math"), |vm, a, _| {
            let x = arg1(vm, "math.modf", a)?;
            let (f, i) = if x.is_infinite() {
                (0.0f64.copysign(x), x)
            } else if x.is_nan() {
                (x, x)
            } else {
                let i = x.trunc();
                ((x - i).copysign(x), i)
            };
            Ok(Value::tuple(vec![Value::Float(f), Value::Float(i)]))
        }),
    );
    d.set_by_str(
        "frexp",
        native_fn("frexp", Some("math"), |vm, a, _| {
            let x = arg1(vm, "math.frexp", a)?;
            let (m, e) = sp::frexp(x);
            Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
        }),
    );
    d.set_by_str(
        "ldexp",
        native_fn("ldexp", Some("math"), |vm, a, _| {
            if a.len() != 2 {
                return Err(vm.new_error(
                    "TypeError",
                    &format!("ldexp expected 2 arguments, got {}", a.len()),
                ));
            }
            let x = vm.to_float(&a[0])?;
            let Some(e) = to_big(&a[1]) else {
                return Err(
                    vm.new_error("TypeError", "Expected an int as second argument to ldexp.")
                );
            };
            if x == 0.0 || !x.is_finite() {
                return Ok(Value::Float(x));
            }
            let e = e.to_i64().unwrap_or(if e.sign() == Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            });
            let r = sp::ldexp(x, e.clamp(-100_000, 100_000));
            if r.is_infinite() {
                return Err(range(vm));
            }
            Ok(Value::Float(r))
        }),
    );
    d.set_by_str(
        "nextafter",
        native_fn("nextafter", Some("math"), |vm, a, _| {
            let (x, y) = arg2(vm, "nextafter", a)?;
            Ok(Value::Float(sp::nextafter(x, y)))
        }),
    );
    d.set_by_str(
        "ulp",
        native_fn("ulp", Some("math"), |vm, a, _| {
            let x = arg1(vm, "math.ulp", a)?;
            if x.is_nan() {
                return Ok(Value::Float(x));
            }
            let x = x.abs();
            if x.is_infinite() {
                return Ok(Value::Float(x));
            }
            let x2 = sp::nextafter(x, f64::INFINITY);
            if x2.is_infinite() {
                return Ok(Value::Float(x - sp::nextafter(x, f64::NEG_INFINITY)));
            }
            Ok(Value::Float(x2 - x))
        }),
    );
    d.set_by_str(
        "factorial",
        native_fn("factorial", Some("math"), |vm, a, _| {
            check_args(vm, "math.factorial", a, 1, 1)?;
            let n = to_int(vm, &a[0])?;
            if n.is_negative() {
                return Err(
                    vm.new_error("ValueError", "factorial() not defined for negative values")
                );
            }
            match n.to_u64() {
                Some(n) if n <= 1_000_000 => Ok(Value::from_bigint(factorial_big(n))),
                _ => Err(vm.new_error(
                    "OverflowError",
                    "factorial() argument should not exceed 9223372036854775807",
                )),
            }
        }),
    );
    d.set_by_str(
        "gcd",
        native_fn("gcd", Some("math"), |vm, a, _| {
            let mut g = BigInt::zero();
            for x in a {
                let b = to_int(vm, x)?;
                g = g.gcd(&b);
            }
            Ok(Value::from_bigint(g))
        }),
    );
    d.set_by_str(
        "lcm",
        native_fn("lcm", Some("math"), |vm, a, _| {
            let mut l = BigInt::one();
            for x in a {
                let b = to_int(vm, x)?;
                if l.is_zero() || b.is_zero() {
                    l = BigInt::zero();
                    continue;
                }
                l = (&l / l.gcd(&b) * &b).abs();
            }
            Ok(Value::from_bigint(l))
        }),
    );
    d.set_by_str(
        "isqrt",
        native_fn("isqrt", Some("math"), |vm, a, _| {
            check_args(vm, "math.isqrt", a, 1, 1)?;
            let n = to_int(vm, &a[0])?;
            if n.is_negative() {
                return Err(vm.new_error("ValueError", "isqrt() argument must be nonnegative"));
            }
            Ok(Value::from_bigint(n.sqrt()))
        }),
    );
    d.set_by_str(
        "comb",
        native_fn("comb", Some("math"), |vm, a, _| {
            if a.len() != 2 {
                return Err(vm.new_error(
                    "TypeError",
                    &format!("comb expected 2 arguments, got {}", a.len()),
                ));
            }
            let n = to_int(vm, &a[0])?;
            let k = to_int(vm, &a[1])?;
            nonneg(vm, &n, "n")?;
            nonneg(vm, &k, "k")?;
            if k > n {
                return Ok(Value::Int(0));
            }
            let nk = &n - &k;
            let k = if nk < k { nk } else { k };
            let Some(k) = k.to_u64() else {
                return Err(vm.new_error(
                    "OverflowError",
                    "min(n - k, k) must not exceed 9223372036854775807",
                ));
            };
            let mut r = BigInt::one();
            let mut f = n.clone();
            for i in 1..=k {
                r *= &f;
                r /= BigInt::from(i);
                f -= 1;
            }
            Ok(Value::from_bigint(r))
        }),
    );
    d.set_by_str(
        "perm",
        native_fn("perm", Some("math"), |vm, a, _| {
            if a.is_empty() || a.len() > 2 {
                return Err(vm.new_error(
                    "TypeError",
                    &format!("perm expected at most 2 arguments, got {}", a.len()),
                ));
            }
            let n = to_int(vm, &a[0])?;
            nonneg(vm, &n, "n")?;
            let k = match a.get(1) {
                None | Some(Value::None) => n.clone(),
                Some(v) => to_int(vm, v)?,
            };
            nonneg(vm, &k, "k")?;
            if k > n {
                return Ok(Value::Int(0));
            }
            let Some(k) = k.to_u64() else {
                return Err(vm.new_error("OverflowError", "k must not exceed 9223372036854775807"));
            };
            Ok(Value::from_bigint(perm_big(&n, k)))
        }),
    );
    Ok(m)
}
