//! `complex`: the constructor (numbers, `__complex__`/`__float__`, and strings such as
//! `'1+2j'`, `'(1-j)'`, `'inf'`) and `conjugate`.

use std::rc::Rc;

use super::{bind, descriptor_error};
use crate::runtime::objects::Kwargs;
use crate::runtime::types::add_method;
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

fn parse_part(s: &str) -> Option<f64> {
    if s.is_empty() || s.chars().any(|c| c.is_whitespace()) {
        return None;
    }
    crate::text::numparse::float_from_str(s).ok()
}

/// Parses the text of `complex(s)`.
pub fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim();
    }
    if t.is_empty() {
        return None;
    }
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return Some((parse_part(t)?, 0.0));
    };
    let b = body.as_bytes();
    let mut split = None;
    for i in (1..b.len()).rev() {
        if (b[i] == b'+' || b[i] == b'-') && !matches!(b[i - 1], b'e' | b'E') {
            split = Some(i);
            break;
        }
    }
    let imag_of = |x: &str| -> Option<f64> {
        match x {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => parse_part(x),
        }
    };
    match split {
        Some(i) => Some((parse_part(&body[..i])?, imag_of(&body[i..])?)),
        None => Some((0.0, imag_of(body)?)),
    }
}

/// A number argument of `complex()` as (re, im).
fn complex_part(vm: &mut Vm, v: &Value, first: bool) -> PyResult<(f64, f64)> {
    let v = vm.unwrap_base(v);
    match &v {
        Value::Complex(c) => return Ok(**c),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => {
            return Ok((vm.to_float(&v)?, 0.0));
        }
        _ => {}
    }
    if let Some(m) = vm.lookup_special(&v, "__complex__") {
        let r = vm.call_special(&m, &v, &[])?;
        return match r {
            Value::Complex(c) => Ok(*c),
            _ => {
                let t = vm.type_name(&r);
                Err(vm.new_error(
                    "TypeError",
                    &format!("__complex__ returned non-complex (type {t})"),
                ))
            }
        };
    }
    if vm.lookup_special(&v, "__float__").is_some() || vm.lookup_special(&v, "__index__").is_some()
    {
        return Ok((vm.to_float(&v)?, 0.0));
    }
    let t = vm.type_name(&v);
    let msg = if first {
        format!("complex() first argument must be a string or a number, not '{t}'")
    } else {
        format!("complex() second argument must be a number, not '{t}'")
    };
    Err(vm.new_error("TypeError", &msg))
}

fn complex_new(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let p = bind(vm, "complex", &a[1..], kw, &["real", "imag"], 0)?;
    let (re, im) = match (&p[0], &p[1]) {
        (None, None) => (0.0, 0.0),
        (Some(r), imag) => {
            if let Some(s) = super::as_str(vm, r) {
                if imag.is_some() {
                    return Err(vm.new_error(
                        "TypeError",
                        "complex() can't take second arg if first is a string",
                    ));
                }
                match parse_complex(s.as_str()) {
                    Some(c) => c,
                    None => {
                        return Err(
                            vm.new_error("ValueError", "complex() arg is a malformed string")
                        )
                    }
                }
            } else {
                let (r1, r2) = complex_part(vm, r, true)?;
                match imag {
                    None => (r1, r2),
                    Some(i) => {
                        if super::as_str(vm, i).is_some() {
                            return Err(
                                vm.new_error("TypeError", "complex() second arg can't be a string")
                            );
                        }
                        let (i1, i2) = complex_part(vm, i, false)?;
                        (r1 - i2, r2 + i1)
                    }
                }
            }
        }
        (None, Some(i)) => {
            if super::as_str(vm, i).is_some() {
                return Err(vm.new_error("TypeError", "complex() second arg can't be a string"));
            }
            let (i1, i2) = complex_part(vm, i, false)?;
            (-i2, i1)
        }
    };
    let cls = a.first().cloned().unwrap_or(Value::None);
    let cc = vm.types.complex.clone();
    super::new_of(vm, &cls, &cc, Value::Complex(Rc::new((re, im))))
}

pub fn init(vm: &mut Vm) {
    let c = vm.types.complex.clone();
    add_method(&c, "__new__", complex_new);
    add_method(&c, "conjugate", |vm, a, _| {
        match a.first().map(|v| vm.unwrap_base(v)) {
            Some(Value::Complex(z)) => Ok(Value::Complex(Rc::new((z.0, -z.1)))),
            _ => Err(descriptor_error(
                vm,
                "conjugate",
                "complex",
                a.first().unwrap_or(&Value::None),
            )),
        }
    });
}
