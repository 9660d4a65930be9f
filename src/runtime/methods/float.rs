//! `float`: the constructor (`float(x)`, from str via `text::numparse`, `__float__`,
//! `__index__`) and methods (is_integer/as_integer_ratio/hex/fromhex/conjugate), plus the
//! exact scaling helper used by `fromhex` and `round`.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use super::{descriptor_error, new_of, no_kw};
use crate::runtime::num;
use crate::runtime::objects::Kwargs;
use crate::runtime::types::{add_method, check_args, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<f64> {
    match a.first() {
        Some(Value::Float(f)) => Ok(*f),
        Some(v) => match vm.unwrap_base(v) {
            Value::Float(f) => Ok(f),
            _ => Err(descriptor_error(vm, name, "float", v)),
        },
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' of 'float' object needs an argument"),
        )),
    }
}

/// `float(x)` with one argument.
pub fn float_of(vm: &mut Vm, x: &Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => return Ok(*f),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            return num::to_f64(x)
                .map(|f| f.unwrap_or(0.0))
                .map_err(|e| vm.num_error(e));
        }
        Value::Str(s) => {
            return crate::text::numparse::float_from_str(s.as_str()).map_err(|e| vm.text_error(e))
        }
        Value::Bytes(_) | Value::ByteArray(_) => {
            let raw = match x {
                Value::Bytes(b) => (**b).clone(),
                Value::ByteArray(b) => b.borrow().clone(),
                _ => vec![],
            };
            let s = String::from_utf8_lossy(&raw).into_owned();
            return crate::text::numparse::float_from_str(&s).map_err(|_| {
                let r = crate::text::repr::bytes_repr(&raw);
                vm.new_error(
                    "ValueError",
                    &format!("could not convert string to float: {r}"),
                )
            });
        }
        _ => {}
    }
    if let Value::Instance(i) = x {
        let base = i.base.borrow().clone();
        if !base.is_null() {
            if let Some(m) = vm.lookup_special(x, "__float__") {
                if !matches!(m, Value::Builtin(_)) {
                    return float_from_dunder(vm, x, &m);
                }
            }
            return float_of(vm, &base);
        }
    }
    if let Some(m) = vm.lookup_special(x, "__float__") {
        return float_from_dunder(vm, x, &m);
    }
    if let Some(m) = vm.lookup_special(x, "__index__") {
        let r = vm.call_special(&m, x, &[])?;
        return float_of(vm, &r);
    }
    let t = vm.type_name(x);
    Err(vm.new_error(
        "TypeError",
        &format!("float() argument must be a string or a real number, not '{t}'"),
    ))
}

fn float_from_dunder(vm: &mut Vm, x: &Value, m: &Value) -> PyResult<f64> {
    let r = vm.call_special(m, x, &[])?;
    match vm.unwrap_base(&r) {
        Value::Float(f) => Ok(f),
        _ => {
            let (t, rt) = (vm.type_name(x), vm.type_name(&r));
            Err(vm.new_error(
                "TypeError",
                &format!("{t}.__float__ returned non-float (type {rt})"),
            ))
        }
    }
}

fn float_new(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(vm, "float", kw)?;
    check_args(vm, "float", &a[1..], 0, 1)?;
    let f = match a.get(1) {
        Some(x) => float_of(vm, x)?,
        None => 0.0,
    };
    let cls = a.first().cloned().unwrap_or(Value::None);
    let fc = vm.types.float.clone();
    new_of(vm, &cls, &fc, Value::Float(f))
}

/// `x * 2**n` exactly where representable (no double rounding through subnormals).
pub fn ldexp(mut x: f64, mut n: i64) -> f64 {
    while n > 1000 {
        x *= 2f64.powi(1000);
        n -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while n < -1000 {
        x *= 2f64.powi(-1000);
        n += 1000;
    }
    x * 2f64.powi(n as i32)
}

/// The float nearest to `m * 2**e` (round half to even); `None` on overflow.
pub fn big_scaled_to_f64(m: &BigInt, e: i64) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let neg = m.is_negative();
    let a = m.abs();
    let bits = a.bits() as i64;
    // Exponent of the least significant kept bit: 53 significant bits, but not below 2**-1074.
    let lsb = (bits + e - 53).max(-1074);
    let shift = lsb - e;
    let q = if shift > 0 {
        let sh = shift as usize;
        let q: BigInt = &a >> sh;
        let rem: BigInt = &a - (&q << sh);
        let half: BigInt = BigInt::from(1) << (sh - 1);
        let round_up = rem > half || (rem == half && (&q & BigInt::from(1)) == BigInt::from(1));
        if round_up {
            q + 1
        } else {
            q
        }
    } else {
        a << (-shift) as usize
    };
    let qf = q.to_f64()?;
    let r = ldexp(qf, lsb);
    if r.is_infinite() {
        return None;
    }
    Some(if neg { -r } else { r })
}

/// The exact `(numerator, denominator)` of a finite float.
pub fn float_ratio(f: f64) -> (BigInt, BigInt) {
    if f == 0.0 {
        return (BigInt::zero(), BigInt::from(1));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp == 0 {
        (mant, -1074)
    } else {
        (mant | (1u64 << 52), exp - 1075)
    };
    let tz = m.trailing_zeros() as i64;
    let (m, e) = (m >> tz, e + tz);
    let m = BigInt::from(m);
    let m = if f < 0.0 { -m } else { m };
    if e >= 0 {
        (m << e as usize, BigInt::from(1))
    } else {
        (m, BigInt::from(1) << (-e) as usize)
    }
}

fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        format!("{sign}0x0.{mant:013x}p-1022")
    } else {
        let e = exp - 1023;
        format!("{sign}0x1.{mant:013x}p{}{e}", if e >= 0 { "+" } else { "" })
    }
}

fn float_fromhex(vm: &mut Vm, s: &str) -> PyResult<f64> {
    let invalid =
        |vm: &mut Vm| vm.new_error("ValueError", "invalid hexadecimal floating-point string");
    let t = s.trim_matches(|c: char| crate::text::case::is_space(c));
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match body.find('p') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if ip.is_empty() && fp.is_empty() {
        return Err(invalid(vm));
    }
    let mut m = BigInt::zero();
    for c in ip.chars().chain(fp.chars()) {
        let Some(d) = c.to_digit(16) else {
            return Err(invalid(vm));
        };
        m = m * 16 + d;
    }
    let e: i64 = match exp {
        Some(x) => {
            let (eneg, digits) = match x.as_bytes().first() {
                Some(b'-') => (true, &x[1..]),
                Some(b'+') => (false, &x[1..]),
                _ => (false, x),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(vm));
            }
            let v: i64 = digits
                .parse::<i64>()
                .unwrap_or(i64::MAX / 4)
                .min(i64::MAX / 4);
            if eneg {
                -v
            } else {
                v
            }
        }
        None => 0,
    };
    let e = e.saturating_sub(4 * fp.len() as i64);
    let bits = m.bits() as i64;
    if !m.is_zero() && bits.saturating_add(e) > 1024 {
        return Err(vm.new_error(
            "OverflowError",
            "hexadecimal value too large to represent as a float",
        ));
    }
    let r = if m.is_zero() || bits.saturating_add(e) < -1080 {
        0.0
    } else {
        match big_scaled_to_f64(&m, e) {
            Some(r) => r,
            None => {
                return Err(vm.new_error(
                    "OverflowError",
                    "hexadecimal value too large to represent as a float",
                ));
            }
        }
    };
    Ok(if neg { -r } else { r })
}

pub fn init(vm: &mut Vm) {
    let c = vm.types.float.clone();
    add_method(&c, "__new__", float_new);
    add_method(&c, "is_integer", |vm, a, _| {
        let f = this(vm, a, "is_integer")?;
        check_args(vm, "is_integer", &a[1..], 0, 0)?;
        Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
    });
    add_method(&c, "as_integer_ratio", |vm, a, _| {
        let f = this(vm, a, "as_integer_ratio")?;
        check_args(vm, "as_integer_ratio", &a[1..], 0, 0)?;
        if f.is_nan() {
            return Err(vm.new_error("ValueError", "cannot convert NaN to integer ratio"));
        }
        if f.is_infinite() {
            return Err(vm.new_error("OverflowError", "cannot convert Infinity to integer ratio"));
        }
        let (n, d) = float_ratio(f);
        Ok(Value::tuple(vec![
            Value::from_bigint(n),
            Value::from_bigint(d),
        ]))
    });
    add_method(&c, "hex", |vm, a, _| {
        let f = this(vm, a, "hex")?;
        check_args(vm, "hex", &a[1..], 0, 0)?;
        Ok(Value::string(float_hex(f)))
    });
    add_method(&c, "conjugate", |vm, a, _| {
        let f = this(vm, a, "conjugate")?;
        Ok(Value::Float(f))
    });
    let fromhex = native_fn("float.fromhex", None, |vm, a, _| {
        check_args(vm, "fromhex", &a[1..], 1, 1)?;
        let s = super::str_arg(vm, &a[1], "fromhex() argument")?;
        let f = float_fromhex(vm, s.as_str())?;
        match &a[0] {
            Value::Class(c) if !Rc::ptr_eq(c, &vm.types.float) => {
                let c = a[0].clone();
                vm.call(&c, &[Value::Float(f)], &[])
            }
            _ => Ok(Value::Float(f)),
        }
    });
    c.dict
        .set_by_str("fromhex", Value::ClassMethod(Rc::new(fromhex)));
}
