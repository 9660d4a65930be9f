//! Numeric semantics of int (i64 fast path, BigInt beyond), float and complex: Python's
//! floor division and modulo sign rules, true division, power, shifts and bitwise operators.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::compiler::opcode::BinOp;

use super::value::Value;

/// Errors of numeric operations, mapped to exceptions by the caller.
pub enum NumErr {
    ZeroDiv(&'static str),
    Overflow(&'static str),
    Value(&'static str),
    /// The operation does not apply to these types.
    NotImpl,
}

pub type NumResult = Result<Value, NumErr>;

/// An int operand widened for arithmetic.
pub fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

/// Converts an int or float to f64 (OverflowError for huge ints).
pub fn to_f64(v: &Value) -> Result<Option<f64>, NumErr> {
    Ok(match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        Value::BigInt(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Some(f),
            _ => return Err(NumErr::Overflow("int too large to convert to float")),
        },
        _ => None,
    })
}

pub fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if a == i64::MIN && b == -1 {
        return None;
    }
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(0);
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// Python float modulo: result has the sign of the divisor.
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

/// Python float floor division (CPython's float_divmod algorithm).
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let floordiv = div.floor();
        if div - floordiv > 0.5 {
            floordiv + 1.0
        } else {
            floordiv
        }
    } else {
        0.0f64.copysign(a / b)
    }
}

fn big_result(b: BigInt) -> Value {
    Value::from_bigint(b)
}

/// Binary arithmetic on ints (including bools and bigints).
pub fn int_binop(op: BinOp, a: &Value, b: &Value) -> NumResult {
    if let (Some(x), Some(y)) = (small(a), small(b)) {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv => {
                if y == 0 {
                    return Err(NumErr::ZeroDiv("integer division or modulo by zero"));
                }
                int_floordiv(x, y)
            }
            BinOp::Mod => {
                if y == 0 {
                    return Err(NumErr::ZeroDiv("integer modulo by zero"));
                }
                int_mod(x, y)
            }
            BinOp::TrueDiv => {
                if y == 0 {
                    return Err(NumErr::ZeroDiv("division by zero"));
                }
                return Ok(Value::Float(int_truediv(
                    &BigInt::from(x),
                    &BigInt::from(y),
                )));
            }
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::LShift => {
                if y < 0 {
                    return Err(NumErr::Value("negative shift count"));
                }
                if y < 63 && (x.abs() >> (63 - y)) == 0 {
                    Some(x << y)
                } else {
                    None
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(NumErr::Value("negative shift count"));
                }
                Some(if y >= 64 {
                    if x < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    x >> y
                })
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return Err(NumErr::ZeroDiv("0.0 cannot be raised to a negative power"));
                    }
                    return Ok(Value::Float((x as f64).powf(y as f64)));
                }
                if y <= u32::MAX as i64 {
                    x.checked_pow(y as u32)
                } else {
                    None
                }
            }
            BinOp::MatMul => return Err(NumErr::NotImpl),
        };
        if let Some(r) = r {
            return Ok(Value::Int(r));
        }
    }
    let (Some(x), Some(y)) = (to_big(a), to_big(b)) else {
        return Err(NumErr::NotImpl);
    };
    Ok(match op {
        BinOp::Add => big_result(x + y),
        BinOp::Sub => big_result(x - y),
        BinOp::Mul => big_result(x * y),
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(NumErr::ZeroDiv("integer division or modulo by zero"));
            }
            big_result(x.div_floor(&y))
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(NumErr::ZeroDiv("integer modulo by zero"));
            }
            big_result(x.mod_floor(&y))
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(NumErr::ZeroDiv("division by zero"));
            }
            Value::Float(int_truediv(&x, &y))
        }
        BinOp::And => big_result(x & y),
        BinOp::Or => big_result(x | y),
        BinOp::Xor => big_result(x ^ y),
        BinOp::LShift => {
            if y.is_negative() {
                return Err(NumErr::Value("negative shift count"));
            }
            let s = y
                .to_usize()
                .filter(|s| *s < (1 << 32))
                .ok_or(NumErr::Overflow("too many digits in integer"))?;
            big_result(x << s)
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(NumErr::Value("negative shift count"));
            }
            match y.to_usize() {
                Some(s) => big_result(x.div_floor(&(BigInt::from(1) << s.min(1 << 32)))),
                None => Value::Int(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::Pow => {
            if y.is_negative() {
                let xf = x.to_f64().unwrap_or(f64::INFINITY);
                let yf = y.to_f64().unwrap_or(f64::NEG_INFINITY);
                if xf == 0.0 {
                    return Err(NumErr::ZeroDiv("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float(xf.powf(yf)));
            }
            let e = y.to_u32().ok_or(NumErr::Overflow("exponent too large"))?;
            // Guard against results that would need gigabytes of digits.
            let bits = x.bits().max(1) as u128 * e as u128;
            if bits > 64 * 1024 * 1024 * 8 && x.abs() > BigInt::from(1) {
                return Err(NumErr::Overflow("result too large"));
            }
            big_result(num_traits::Pow::pow(x, e))
        }
        BinOp::MatMul => return Err(NumErr::NotImpl),
    })
}

fn small(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// Correctly rounded int / int (as CPython: exact for results representable as f64).
pub fn int_truediv(x: &BigInt, y: &BigInt) -> f64 {
    if let (Some(a), Some(b)) = (x.to_i64(), y.to_i64()) {
        if a.unsigned_abs() < (1u64 << 53) && b.unsigned_abs() < (1u64 << 53) {
            return a as f64 / b as f64;
        }
    }
    // Scale to keep 64+ significant bits in the quotient, then divide exactly.
    let neg = x.is_negative() != y.is_negative();
    let (ax, ay) = (x.abs(), y.abs());
    let shift = ay.bits() as i64 - ax.bits() as i64 + 66;
    let (n, d) = if shift > 0 {
        (ax << shift as usize, ay)
    } else {
        (ax, ay << (-shift) as usize)
    };
    let (q, r) = n.div_rem(&d);
    let mut q = q;
    if !r.is_zero() {
        q = (q << 1usize) | BigInt::from(1);
    } else {
        q <<= 1usize;
    }
    let qf = q.to_f64().unwrap_or(f64::INFINITY);
    let mut res = qf * 2f64.powi(-(shift as i32) - 1);
    if shift.abs() > 1000 {
        res = (qf.ln() - (shift as f64 + 1.0) * std::f64::consts::LN_2).exp();
    }
    if neg {
        -res
    } else {
        res
    }
}

/// Binary arithmetic where at least one operand is a float (the other int or float).
pub fn float_binop(op: BinOp, a: f64, b: f64) -> NumResult {
    Ok(Value::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::TrueDiv => {
            if b == 0.0 {
                return Err(NumErr::ZeroDiv("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(NumErr::ZeroDiv("float floor division by zero"));
            }
            float_floordiv(a, b)
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(NumErr::ZeroDiv("float modulo"));
            }
            float_mod(a, b)
        }
        BinOp::Pow => return float_pow(a, b),
        _ => return Err(NumErr::NotImpl),
    }))
}

pub fn float_pow(a: f64, b: f64) -> NumResult {
    if a == 0.0 && b < 0.0 {
        return Err(NumErr::ZeroDiv("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        // Python returns a complex number here.
        let r = complex_pow((a, 0.0), (b, 0.0))?;
        return Ok(r);
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(NumErr::Overflow("(34, 'Numerical result out of range')"));
    }
    Ok(Value::Float(r))
}

pub fn complex_binop(op: BinOp, a: (f64, f64), b: (f64, f64)) -> NumResult {
    let (ar, ai) = a;
    let (br, bi) = b;
    Ok(match op {
        BinOp::Add => complex(ar + br, ai + bi),
        BinOp::Sub => complex(ar - br, ai - bi),
        BinOp::Mul => complex(ar * br - ai * bi, ar * bi + ai * br),
        BinOp::TrueDiv => {
            if br == 0.0 && bi == 0.0 {
                return Err(NumErr::ZeroDiv("complex division by zero"));
            }
            // Smith's algorithm, as CPython.
            if br.abs() >= bi.abs() {
                let ratio = bi / br;
                let denom = br + bi * ratio;
                complex((ar + ai * ratio) / denom, (ai - ar * ratio) / denom)
            } else {
                let ratio = br / bi;
                let denom = br * ratio + bi;
                complex((ar * ratio + ai) / denom, (ai * ratio - ar) / denom)
            }
        }
        BinOp::Pow => return complex_pow(a, b),
        _ => return Err(NumErr::NotImpl),
    })
}

fn complex(re: f64, im: f64) -> Value {
    Value::Complex(std::rc::Rc::new((re, im)))
}

pub fn complex_pow(a: (f64, f64), b: (f64, f64)) -> NumResult {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok(complex(1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(NumErr::ZeroDiv("0.0 to a negative or complex power"));
        }
        return Ok(complex(0.0, 0.0));
    }
    // Integer exponents by repeated multiplication (as CPython for small ints).
    if b.1 == 0.0 && b.0.fract() == 0.0 && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let mut result = (1.0, 0.0);
        let mut base = a;
        let mut e = n.unsigned_abs();
        while e > 0 {
            if e & 1 == 1 {
                result = (
                    result.0 * base.0 - result.1 * base.1,
                    result.0 * base.1 + result.1 * base.0,
                );
            }
            base = (base.0 * base.0 - base.1 * base.1, 2.0 * base.0 * base.1);
            e >>= 1;
        }
        if n < 0 {
            return complex_binop(BinOp::TrueDiv, (1.0, 0.0), result);
        }
        return Ok(complex(result.0, result.1));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok(complex(len * phase.cos(), len * phase.sin()))
}

/// `abs()` of an int.
pub fn int_abs(v: &Value) -> Value {
    match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        _ => v.clone(),
    }
}

/// `-x` of an int.
pub fn int_neg(v: &Value) -> Value {
    match v {
        Value::Int(i) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => Value::from_bigint(-BigInt::from(*i)),
        },
        Value::Bool(b) => Value::Int(-(*b as i64)),
        Value::BigInt(b) => Value::from_bigint(-(**b).clone()),
        _ => v.clone(),
    }
}

/// Compares two ints exactly.
pub fn int_cmp(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (small(a), small(b)) {
        (Some(x), Some(y)) => Some(x.cmp(&y)),
        _ => Some(to_big(a)?.cmp(&to_big(b)?)),
    }
}

/// Compares an int with a float exactly (no rounding of the int), as CPython.
pub fn int_float_cmp(a: &Value, f: f64) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Greater
        });
    }
    let ai = to_big(a)?;
    let fl = f.floor();
    let fb = float_to_big(fl)?;
    match ai.cmp(&fb) {
        std::cmp::Ordering::Equal => {
            if f > fl {
                Some(std::cmp::Ordering::Less)
            } else {
                Some(std::cmp::Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Exact conversion of an integral finite float to BigInt.
pub fn float_to_big(f: f64) -> Option<BigInt> {
    if !f.is_finite() {
        return None;
    }
    if f.abs() < 9.0e18 {
        return Some(BigInt::from(f as i64));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let m = BigInt::from(mant);
    let r = if exp >= 0 {
        m << exp as usize
    } else {
        m >> (-exp) as usize
    };
    Some(if f < 0.0 { -r } else { r })
}
