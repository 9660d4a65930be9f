//! numpy scalar types (`np.float64`, `np.int64`, `np.bool`) and `np.dtype` objects. Scalars
//! print as numpy 2 prints them (`str` → `1.5`, `repr` → `np.float64(1.5)`), mix with Python
//! numbers through the same element-wise machinery as arrays, and convert with `float()`,
//! `int()`, `operator.index()`.

use std::rc::Rc;

use crate::runtime::objects::Class;
use crate::runtime::types::add_method;
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

use super::array::NdArray;
use super::dtype::{DType, Scalar};
use super::methods::{add_operators, prop, this};
use super::print::{scalar_repr, scalar_str};
use super::{classes, np_scalar, parse_dtype, scalar_to_py, scalar_value, Classes};

fn me(vm: &mut Vm, a: &[Value]) -> PyResult<Scalar> {
    match a.first().and_then(np_scalar) {
        Some(s) => Ok(s),
        None => Err(vm.new_error("TypeError", "descriptor requires a numpy scalar")),
    }
}

fn construct(vm: &mut Vm, a: &[Value], dt: DType) -> PyResult<Value> {
    let v = a.get(1).cloned().unwrap_or(Value::Int(0));
    let s = match &v {
        Value::Str(s) => {
            let t = s.as_str().trim();
            match dt {
                DType::Float64 => match t.to_ascii_lowercase().as_str() {
                    "nan" => Scalar::F(f64::NAN),
                    "inf" | "infinity" => Scalar::F(f64::INFINITY),
                    "-inf" | "-infinity" => Scalar::F(f64::NEG_INFINITY),
                    _ => match t.parse::<f64>() {
                        Ok(f) => Scalar::F(f),
                        Err(_) => {
                            return Err(vm.new_error(
                                "ValueError",
                                &format!("could not convert string to float: '{t}'"),
                            ))
                        }
                    },
                },
                DType::Int64 => match t.parse::<i64>() {
                    Ok(i) => Scalar::I(i),
                    Err(_) => {
                        return Err(vm.new_error(
                            "ValueError",
                            &format!("invalid literal for int() with base 10: '{t}'"),
                        ))
                    }
                },
                DType::Bool => Scalar::B(!t.is_empty()),
            }
        }
        _ => {
            if let Some(x) = super::arr(&v) {
                if x.ndim() > 0 {
                    return Ok(super::wrap(vm, x.astype(dt)));
                }
            }
            if matches!(v, Value::List(_) | Value::Tuple(_)) {
                let x = super::creation::from_py(vm, &v, Some(dt))?;
                return Ok(super::wrap(vm, x));
            }
            let x = super::to_array(vm, &v)?;
            x.first()
        }
    };
    Ok(scalar_value(vm, s.cast(dt)))
}

pub fn init_scalars(_vm: &Vm, c: &Classes) {
    for cls in [&c.float64, &c.int64, &c.bool_] {
        init_scalar_class(cls);
    }
    add_method(&c.float64, "__new__", |vm, a, _| {
        construct(vm, a, DType::Float64)
    });
    add_method(&c.int64, "__new__", |vm, a, _| {
        construct(vm, a, DType::Int64)
    });
    add_method(&c.bool_, "__new__", |vm, a, _| {
        construct(vm, a, DType::Bool)
    });
    add_method(&c.float64, "is_integer", |vm, a, _| {
        let s = me(vm, a)?;
        let f = s.as_f64();
        Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
    });
    add_method(&c.int64, "__index__", |vm, a, _| {
        Ok(Value::Int(me(vm, a)?.as_i64()))
    });
    add_method(&c.int64, "bit_length", |vm, a, _| {
        let i = me(vm, a)?.as_i64();
        Ok(Value::Int(64 - i.unsigned_abs().leading_zeros() as i64))
    });
    init_dtype_class(&c.dtype);
}

fn init_scalar_class(cls: &Rc<Class>) {
    add_operators(cls, false);
    add_method(cls, "__repr__", |vm, a, _| {
        Ok(Value::string(scalar_repr(me(vm, a)?)))
    });
    add_method(cls, "__str__", |vm, a, _| {
        Ok(Value::string(scalar_str(me(vm, a)?)))
    });
    add_method(cls, "__format__", |vm, a, _| {
        let s = me(vm, a)?;
        let spec = match a.get(1) {
            Some(Value::Str(x)) => x.as_str().to_string(),
            _ => String::new(),
        };
        if spec.is_empty() {
            return Ok(Value::string(scalar_str(s)));
        }
        let v = scalar_to_py(s);
        Ok(Value::string(vm.format(&v, &spec)?))
    });
    add_method(cls, "__float__", |vm, a, _| {
        Ok(Value::Float(me(vm, a)?.as_f64()))
    });
    add_method(cls, "__int__", |vm, a, _| {
        let s = me(vm, a)?;
        if let Scalar::F(f) = s {
            if f.is_nan() {
                return Err(vm.new_error("ValueError", "cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(
                    vm.new_error("OverflowError", "cannot convert float infinity to integer")
                );
            }
            let v = Value::Float(f);
            return vm.call_method(&v, "__int__", &[]);
        }
        Ok(Value::Int(s.as_i64()))
    });
    add_method(cls, "__bool__", |vm, a, _| {
        Ok(Value::Bool(me(vm, a)?.as_bool()))
    });
    add_method(cls, "__hash__", |vm, a, _| Ok(scalar_to_py(me(vm, a)?)));
    add_method(cls, "__round__", |vm, a, _| {
        let s = me(vm, a)?;
        let v = scalar_to_py(s);
        match a.get(1) {
            None | Some(Value::None) => {
                if let Scalar::F(f) = s {
                    if !f.is_finite() {
                        let v = Value::Float(f);
                        return vm.call_method(&v, "__round__", &[]);
                    }
                    return Ok(Value::Int(f.round_ties_even() as i64));
                }
                Ok(v)
            }
            Some(d) => {
                let d = vm.index_value(d)?;
                let x = NdArray::scalar(s);
                let r = super::linalg::round(&x, d).map_err(|e| super::op_err(vm, e))?;
                Ok(scalar_value(vm, r.first()))
            }
        }
    });
    add_method(cls, "item", |vm, a, _| Ok(scalar_to_py(me(vm, a)?)));
    add_method(cls, "tolist", |vm, a, _| Ok(scalar_to_py(me(vm, a)?)));
    add_method(cls, "__copy__", |_, a, _| Ok(a[0].clone()));
    add_method(cls, "__deepcopy__", |_, a, _| Ok(a[0].clone()));
    add_method(cls, "astype", |vm, a, _| {
        let s = me(vm, a)?;
        let dt = parse_dtype(vm, a.get(1).unwrap_or(&Value::None))?.unwrap_or(s.dtype());
        Ok(scalar_value(vm, s.cast(dt)))
    });
    add_method(cls, "conjugate", |_, a, _| Ok(a[0].clone()));
    prop(cls, "dtype", |vm, a, _| {
        let s = me(vm, a)?;
        Ok(super::dtype_value(vm, s.dtype()))
    });
    prop(cls, "shape", |_, _, _| Ok(Value::tuple(vec![])));
    prop(cls, "ndim", |_, _, _| Ok(Value::Int(0)));
    prop(cls, "size", |_, _, _| Ok(Value::Int(1)));
    prop(cls, "itemsize", |vm, a, _| {
        Ok(Value::Int(me(vm, a)?.dtype().itemsize() as i64))
    });
    prop(cls, "real", |_, a, _| Ok(a[0].clone()));
    prop(cls, "imag", |vm, a, _| {
        let s = me(vm, a)?;
        Ok(scalar_value(vm, Scalar::I(0).cast(s.dtype())))
    });
    prop(cls, "T", |_, a, _| Ok(a[0].clone()));
    add_method(cls, "sum", |vm, a, kw| {
        super::methods::reduction(vm, a, kw, super::reduce::Red::Sum)
    });
    add_method(cls, "mean", |vm, a, kw| {
        super::methods::reduction(vm, a, kw, super::reduce::Red::Mean)
    });
    add_method(cls, "round", super::module::np_round);
    add_method(cls, "reshape", |vm, a, _| {
        let x = this(vm, a)?;
        let s = super::methods::new_shape(vm, 1, &a[1..])?;
        Ok(super::wrap(vm, x.reshape(s)))
    });
}

fn dt_of(vm: &mut Vm, a: &[Value]) -> PyResult<DType> {
    super::native_self(vm, a.first(), "expected a dtype")
}

fn init_dtype_class(cls: &Rc<Class>) {
    add_method(cls, "__new__", |vm, a, _| {
        let v = a.get(1).cloned().unwrap_or(Value::None);
        let dt = parse_dtype(vm, &v)?.unwrap_or(DType::Float64);
        Ok(super::dtype_value(vm, dt))
    });
    add_method(cls, "__repr__", |vm, a, _| {
        Ok(Value::string(format!("dtype('{}')", dt_of(vm, a)?.name())))
    });
    add_method(cls, "__str__", |vm, a, _| {
        Ok(Value::string(dt_of(vm, a)?.name().to_string()))
    });
    add_method(cls, "__eq__", |vm, a, _| {
        let d = dt_of(vm, a)?;
        let other = a.get(1).cloned().unwrap_or(Value::None);
        if other.is_none() {
            return Ok(Value::Bool(d == DType::Float64));
        }
        match parse_dtype(vm, &other) {
            Ok(Some(o)) => Ok(Value::Bool(o == d)),
            _ => Ok(Value::Bool(false)),
        }
    });
    add_method(cls, "__ne__", |vm, a, _| {
        let d = dt_of(vm, a)?;
        let other = a.get(1).cloned().unwrap_or(Value::None);
        match parse_dtype(vm, &other) {
            Ok(Some(o)) => Ok(Value::Bool(o != d)),
            _ => Ok(Value::Bool(true)),
        }
    });
    add_method(cls, "__hash__", |vm, a, _| {
        Ok(Value::Int(dt_of(vm, a)? as i64 + 7))
    });
    prop(cls, "name", |vm, a, _| Ok(Value::str(dt_of(vm, a)?.name())));
    prop(cls, "itemsize", |vm, a, _| {
        Ok(Value::Int(dt_of(vm, a)?.itemsize() as i64))
    });
    prop(cls, "kind", |vm, a, _| {
        Ok(Value::string(dt_of(vm, a)?.kind().to_string()))
    });
    prop(cls, "char", |vm, a, _| {
        Ok(Value::str(match dt_of(vm, a)? {
            DType::Bool => "?",
            DType::Int64 => "q",
            DType::Float64 => "d",
        }))
    });
    prop(cls, "type", |vm, a, _| {
        let d = dt_of(vm, a)?;
        let c = classes(vm);
        Ok(Value::Class(match d {
            DType::Bool => c.bool_.clone(),
            DType::Int64 => c.int64.clone(),
            DType::Float64 => c.float64.clone(),
        }))
    });
}
