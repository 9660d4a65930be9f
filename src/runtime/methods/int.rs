//! `int` and `bool`: constructors (`int(x)`, `int(s, base)`, `__int__`/`__index__`/`__trunc__`,
//! `bool(x)`) and methods (bit_length/bit_count/to_bytes/from_bytes/conjugate/
//! as_integer_ratio).

use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use super::{bind, descriptor_error, new_of, str_arg};
use crate::runtime::num;
use crate::runtime::objects::Kwargs;
use crate::runtime::types::{add_method, check_args, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

/// `self` of an int method as a value (bools stay bools; subclasses unwrapped).
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    match a.first() {
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => Ok(v.clone()),
        Some(v) => match vm.unwrap_base(v) {
            b @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) => Ok(b),
            _ => Err(descriptor_error(vm, name, "int", v)),
        },
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' of 'int' object needs an argument"),
        )),
    }
}

fn big(v: &Value) -> BigInt {
    num::to_big(v).unwrap_or_default()
}

/// `int(float)`: truncation with CPython's errors for nan and infinities.
pub fn int_from_float(vm: &mut Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.new_error("ValueError", "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.new_error("OverflowError", "cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::from_bigint(num::float_to_big(t).unwrap_or_default()))
}

/// Parses the text of `int(s, base)`.
fn int_from_text(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    match crate::text::numparse::int_from_str_limit(s, base, vm.int_max_str_digits) {
        Ok(b) => Ok(Value::from_bigint(b)),
        Err(e) => Err(vm.text_error(e)),
    }
}

/// `int(x)` with one argument.
pub fn int_of(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(_) | Value::BigInt(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(f) => return int_from_float(vm, *f),
        Value::Str(s) => return int_from_text(vm, s.as_str(), 10),
        Value::Bytes(b) => {
            let s = String::from_utf8_lossy(b).into_owned();
            return int_from_bytes_text(vm, &s, b, 10);
        }
        Value::ByteArray(b) => {
            let b = b.borrow().clone();
            let s = String::from_utf8_lossy(&b).into_owned();
            return int_from_bytes_text(vm, &s, &b, 10);
        }
        _ => {}
    }
    for (name, what) in [
        ("__int__", "__int__"),
        ("__index__", "__index__"),
        ("__trunc__", "__trunc__"),
    ] {
        if let Some(m) = vm.lookup_special(x, name) {
            if matches!(x, Value::Instance(i) if !i.base.borrow().is_null())
                && matches!(m, Value::Builtin(_))
            {
                // A subclass of a builtin: convert the wrapped value.
                let b = vm.unwrap_base(x);
                return int_of(vm, &b);
            }
            let r = vm.call_special(&m, x, &[])?;
            return match r {
                Value::Int(_) | Value::BigInt(_) => Ok(r),
                Value::Bool(b) => Ok(Value::Int(b as i64)),
                Value::Instance(_)
                    if matches!(vm.unwrap_base(&r), Value::Int(_) | Value::BigInt(_)) =>
                {
                    Ok(vm.unwrap_base(&r))
                }
                other if name == "__trunc__" => int_of_index(vm, &other),
                other => {
                    let t = vm.type_name(&other);
                    Err(vm.new_error("TypeError", &format!("{what} returned non-int (type {t})")))
                }
            };
        }
    }
    if let Value::Instance(_) = x {
        let b = vm.unwrap_base(x);
        if !matches!(b, Value::Instance(_)) {
            return int_of(vm, &b);
        }
    }
    let t = vm.type_name(x);
    Err(vm.new_error(
        "TypeError",
        &format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
        ),
    ))
}

fn int_of_index(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(m) = vm.lookup_special(v, "__index__") {
        return vm.call_special(&m, v, &[]);
    }
    let t = vm.type_name(v);
    Err(vm.new_error(
        "TypeError",
        &format!("__trunc__ returned non-Integral (type {t})"),
    ))
}

fn int_from_bytes_text(vm: &mut Vm, s: &str, raw: &[u8], base: u32) -> PyResult<Value> {
    match crate::text::numparse::int_from_str_limit(s, base, vm.int_max_str_digits) {
        Ok(b) => Ok(Value::from_bigint(b)),
        Err(_) => {
            let r = crate::text::repr::bytes_repr(raw);
            let msg = format!("invalid literal for int() with base {base}: {r}");
            Err(vm.new_error("ValueError", &msg))
        }
    }
}

fn int_new(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let cls = a.first().cloned().unwrap_or(Value::None);
    let p = bind(vm, "int", &a[1..], kw, &["x", "base"], 0)?;
    let v = match (&p[0], &p[1]) {
        (None, None) => Value::Int(0),
        (None, Some(_)) => return Err(vm.new_error("TypeError", "int() missing string argument")),
        (Some(x), None) => int_of(vm, x)?,
        (Some(x), Some(b)) => {
            let base = match b {
                Value::Int(i) => *i,
                Value::Bool(x) => *x as i64,
                Value::BigInt(_) => -1,
                other => {
                    let t = vm.type_name(other);
                    return Err(vm.new_error(
                        "TypeError",
                        &format!("'{t}' object cannot be interpreted as an integer"),
                    ));
                }
            };
            if base != 0 && !(2..=36).contains(&base) {
                return Err(vm.new_error("ValueError", "int() base must be >= 2 and <= 36, or 0"));
            }
            match vm.unwrap_base(x) {
                Value::Str(s) => int_from_text(vm, s.as_str(), base as u32)?,
                Value::Bytes(raw) => {
                    let s = String::from_utf8_lossy(&raw).into_owned();
                    int_from_bytes_text(vm, &s, &raw, base as u32)?
                }
                Value::ByteArray(raw) => {
                    let raw = raw.borrow().clone();
                    let s = String::from_utf8_lossy(&raw).into_owned();
                    int_from_bytes_text(vm, &s, &raw, base as u32)?
                }
                _ => {
                    return Err(vm.new_error(
                        "TypeError",
                        "int() can't convert non-string with explicit base",
                    ))
                }
            }
        }
    };
    let ic = vm.types.int.clone();
    new_of(vm, &cls, &ic, v)
}

/// `(length, byteorder, signed)` of to_bytes/from_bytes.
fn byteorder(vm: &mut Vm, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(true),
        Some(v) => {
            let s = str_arg(vm, v, "to_bytes() argument 'byteorder'")?;
            match s.as_str() {
                "big" => Ok(true),
                "little" => Ok(false),
                _ => Err(vm.new_error("ValueError", "byteorder must be either 'little' or 'big'")),
            }
        }
    }
}

fn to_bytes(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let v = this(vm, a, "to_bytes")?;
    let p = bind(
        vm,
        "to_bytes",
        &a[1..],
        kw,
        &["length", "byteorder", "signed"],
        0,
    )?;
    let length = match &p[0] {
        Some(l) => super::int_arg(vm, l)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.new_error("ValueError", "length argument must be non-negative"));
    }
    super::check_size(vm, length as u128)?;
    let big_endian = byteorder(vm, p[1].as_ref())?;
    let signed = match &p[2] {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    let n = big(&v);
    if n.is_negative() && !signed {
        return Err(vm.new_error("OverflowError", "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if n.is_zero() {
        bytes.clear();
    }
    // Minimal signed encodings of e.g. 128 need the sign byte; strip redundant ones.
    let length = length as usize;
    if bytes.len() > length {
        return Err(vm.new_error("OverflowError", "int too big to convert"));
    }
    let fill = if signed && n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if big_endian {
        bytes.reverse();
    }
    Ok(Value::Bytes(Rc::new(bytes)))
}

fn from_bytes(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let p = bind(
        vm,
        "from_bytes",
        &a[1..],
        kw,
        &["bytes", "byteorder", "signed"],
        1,
    )?;
    let data: Vec<u8> = match p[0].as_ref().map(|v| vm.unwrap_base(v)) {
        Some(Value::Bytes(b)) => (*b).clone(),
        Some(Value::ByteArray(b)) => b.borrow().clone(),
        Some(other) => {
            let items = vm.collect(&other)?;
            let mut out = Vec::with_capacity(items.len());
            for x in &items {
                let i = vm.index_value(x)?;
                if !(0..256).contains(&i) {
                    return Err(vm.new_error("ValueError", "bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            out
        }
        None => vec![],
    };
    let big_endian = byteorder(vm, p[1].as_ref())?;
    let signed = match &p[2] {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    let n = match (big_endian, signed) {
        (true, true) => BigInt::from_signed_bytes_be(&data),
        (false, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_le(Sign::Plus, &data),
    };
    let v = Value::from_bigint(n);
    match &a[0] {
        Value::Class(c) if !Rc::ptr_eq(c, &vm.types.int) => {
            let c = a[0].clone();
            vm.call(&c, &[v], &[])
        }
        _ => Ok(v),
    }
}

fn bool_new(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::no_kw(vm, "bool", kw)?;
    check_args(vm, "bool", &a[1..], 0, 1)?;
    match a.get(1) {
        Some(v) => Ok(Value::Bool(vm.truthy(v)?)),
        None => Ok(Value::Bool(false)),
    }
}

pub fn init(vm: &mut Vm) {
    let c = vm.types.int.clone();
    add_method(&c, "__new__", int_new);
    add_method(&vm.types.bool.clone(), "__new__", bool_new);
    add_method(&c, "bit_length", |vm, a, _| {
        let v = this(vm, a, "bit_length")?;
        check_args(vm, "bit_length", &a[1..], 0, 0)?;
        Ok(Value::Int(match v {
            Value::Int(i) => 64 - i.unsigned_abs().leading_zeros() as i64,
            Value::Bool(b) => b as i64,
            other => big(&other).bits() as i64,
        }))
    });
    add_method(&c, "bit_count", |vm, a, _| {
        let v = this(vm, a, "bit_count")?;
        check_args(vm, "bit_count", &a[1..], 0, 0)?;
        Ok(Value::Int(match v {
            Value::Int(i) => i.unsigned_abs().count_ones() as i64,
            Value::Bool(b) => b as i64,
            other => big(&other)
                .abs()
                .to_u64_digits()
                .1
                .iter()
                .map(|d| d.count_ones() as i64)
                .sum(),
        }))
    });
    add_method(&c, "to_bytes", to_bytes);
    c.dict.set_by_str(
        "from_bytes",
        Value::ClassMethod(Rc::new(native_fn("int.from_bytes", None, from_bytes))),
    );
    add_method(&c, "conjugate", |vm, a, _| {
        let v = this(vm, a, "conjugate")?;
        Ok(vm.int_pos(&v))
    });
    add_method(&c, "as_integer_ratio", |vm, a, _| {
        let v = this(vm, a, "as_integer_ratio")?;
        let v = vm.int_pos(&v);
        Ok(Value::tuple(vec![v, Value::Int(1)]))
    });
    let _ = ToPrimitive::to_i64(&0i64);
}
