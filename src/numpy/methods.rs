//! The `numpy.ndarray` class: attributes (shape, dtype, strides, T...), methods (reshape,
//! astype, sum, argsort...) and the special methods that make operators, indexing, iteration
//! and printing work. Numpy scalars share the operator implementations.

use std::rc::Rc;

use crate::runtime::objects::{Class, Kwargs, NativeFn, Property};
use crate::runtime::types::{add_method, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

use super::array::{shape_size, NdArray};
use super::dtype::{DType, Scalar};
use super::reduce::{cumulate, reduce, Red};
use super::ufunc::{binary, same_kind, scalar_binary, shape_str, unary, Bin, Un};
use super::{
    any_scalar, arg, arg_some, arr, np_scalar, op_err, operand, parse_dtype, result, scalar_to_py,
    wrap,
};

/// `self` (args[0]) as an array: ndarrays and numpy scalars (as 0-d arrays).
pub fn this(vm: &mut Vm, args: &[Value]) -> PyResult<NdArray> {
    match args.first() {
        Some(v) => {
            if let Some(a) = arr(v) {
                return Ok(a.clone());
            }
            if let Some(s) = np_scalar(v) {
                return Ok(NdArray::scalar(s));
            }
            super::to_array(vm, v)
        }
        None => Err(vm.new_error("TypeError", "descriptor requires an argument")),
    }
}

pub fn prop(cls: &Rc<Class>, name: &str, f: NativeFn) {
    let p = Property {
        fget: native_fn(name, None, f),
        fset: Value::None,
        fdel: Value::None,
        doc: Value::None,
    };
    cls.dict.set_by_str(name, Value::Property(Rc::new(p)));
}

fn is_operand(v: &Value) -> bool {
    matches!(
        v,
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::List(_) | Value::Tuple(_)
    ) || arr(v).is_some()
        || np_scalar(v).is_some()
}

pub fn bin_dunder(vm: &mut Vm, args: &[Value], op: Bin, reflected: bool) -> PyResult<Value> {
    if args.len() < 2 || !is_operand(&args[1]) {
        return Ok(Value::NotImplemented);
    }
    if let (Some((x, wx)), Some((y, wy))) = (any_scalar(&args[0]), any_scalar(&args[1])) {
        let r = if reflected {
            scalar_binary(op, y, wy, x, wx)
        } else {
            scalar_binary(op, x, wx, y, wy)
        };
        return match r {
            Ok(s) => Ok(super::scalar_value(vm, s)),
            Err(e) => Err(op_err(vm, e)),
        };
    }
    let (a, wa) = operand(vm, &args[0])?;
    let (b, wb) = operand(vm, &args[1])?;
    let r = if reflected {
        binary(op, &b, wb, &a, wa)
    } else {
        binary(op, &a, wa, &b, wb)
    };
    match r {
        Ok(x) => Ok(result(vm, x)),
        Err(e) => Err(op_err(vm, e)),
    }
}

fn inplace(vm: &mut Vm, args: &[Value], op: Bin) -> PyResult<Value> {
    if args.len() < 2 || !is_operand(&args[1]) {
        return Ok(Value::NotImplemented);
    }
    let Some(a) = arr(&args[0]).cloned() else {
        return Ok(Value::NotImplemented);
    };
    let (b, wb) = operand(vm, &args[1])?;
    let r = binary(op, &a, false, &b, wb).map_err(|e| op_err(vm, e))?;
    if !same_kind(r.dtype, a.dtype) {
        let msg = format!(
            "Cannot cast ufunc '{}' output from dtype('{}') to dtype('{}') with casting rule 'same_kind'",
            op.ufunc_name(),
            r.dtype.name(),
            a.dtype.name()
        );
        return Err(super::np_error(vm, "UFuncTypeError", &msg));
    }
    if r.shape != a.shape {
        let msg = format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            shape_str(&a.shape),
            shape_str(&r.shape)
        );
        return Err(vm.new_error("ValueError", &msg));
    }
    a.assign(&r);
    Ok(args[0].clone())
}

pub fn un_dunder(vm: &mut Vm, args: &[Value], op: Un) -> PyResult<Value> {
    let a = this(vm, args)?;
    match unary(op, &a) {
        Ok(x) => Ok(result(vm, x)),
        Err(e) => Err(op_err(vm, e)),
    }
}

macro_rules! bin_ops {
    ($cls:expr, $inplace:expr, $( ($name:literal, $rname:literal, $iname:literal, $op:expr) ),* $(,)?) => {
        $(
            add_method($cls, $name, |vm, a, _| bin_dunder(vm, a, $op, false));
            add_method($cls, $rname, |vm, a, _| bin_dunder(vm, a, $op, true));
            if $inplace {
                add_method($cls, $iname, |vm, a, _| inplace(vm, a, $op));
            }
        )*
    };
}

/// Operators shared by arrays and numpy scalars.
pub fn add_operators(cls: &Rc<Class>, with_inplace: bool) {
    bin_ops!(
        cls,
        with_inplace,
        ("__add__", "__radd__", "__iadd__", Bin::Add),
        ("__sub__", "__rsub__", "__isub__", Bin::Sub),
        ("__mul__", "__rmul__", "__imul__", Bin::Mul),
        ("__truediv__", "__rtruediv__", "__itruediv__", Bin::Div),
        (
            "__floordiv__",
            "__rfloordiv__",
            "__ifloordiv__",
            Bin::FloorDiv
        ),
        ("__mod__", "__rmod__", "__imod__", Bin::Mod),
        ("__pow__", "__rpow__", "__ipow__", Bin::Pow),
        ("__and__", "__rand__", "__iand__", Bin::And),
        ("__or__", "__ror__", "__ior__", Bin::Or),
        ("__xor__", "__rxor__", "__ixor__", Bin::Xor),
        ("__lshift__", "__rlshift__", "__ilshift__", Bin::LShift),
        ("__rshift__", "__rrshift__", "__irshift__", Bin::RShift),
    );
    add_method(cls, "__lt__", |vm, a, _| bin_dunder(vm, a, Bin::Lt, false));
    add_method(cls, "__le__", |vm, a, _| bin_dunder(vm, a, Bin::Le, false));
    add_method(cls, "__gt__", |vm, a, _| bin_dunder(vm, a, Bin::Gt, false));
    add_method(cls, "__ge__", |vm, a, _| bin_dunder(vm, a, Bin::Ge, false));
    add_method(cls, "__eq__", |vm, a, _| bin_dunder(vm, a, Bin::Eq, false));
    add_method(cls, "__ne__", |vm, a, _| bin_dunder(vm, a, Bin::Ne, false));
    add_method(cls, "__neg__", |vm, a, _| un_dunder(vm, a, Un::Neg));
    add_method(cls, "__pos__", |vm, a, _| un_dunder(vm, a, Un::Pos));
    add_method(cls, "__abs__", |vm, a, _| un_dunder(vm, a, Un::Abs));
    add_method(cls, "__invert__", |vm, a, _| un_dunder(vm, a, Un::Invert));
    add_method(cls, "__matmul__", |vm, a, _| matmul_dunder(vm, a, false));
    add_method(cls, "__rmatmul__", |vm, a, _| matmul_dunder(vm, a, true));
    add_method(cls, "__divmod__", |vm, a, _| {
        let q = bin_dunder(vm, a, Bin::FloorDiv, false)?;
        let r = bin_dunder(vm, a, Bin::Mod, false)?;
        Ok(Value::tuple(vec![q, r]))
    });
}

fn matmul_dunder(vm: &mut Vm, args: &[Value], reflected: bool) -> PyResult<Value> {
    if args.len() < 2 || !is_operand(&args[1]) {
        return Ok(Value::NotImplemented);
    }
    let a = this(vm, args)?;
    let b = super::to_array(vm, &args[1])?;
    let r = if reflected {
        super::linalg::matmul(&b, &a)
    } else {
        super::linalg::matmul(&a, &b)
    };
    match r {
        Ok(x) => Ok(result(vm, x)),
        Err(e) => Err(op_err(vm, e)),
    }
}

/// The `axis` argument: None, an int or a tuple of ints.
pub fn parse_axes(vm: &mut Vm, v: Option<&Value>, ndim: usize) -> PyResult<Option<Vec<usize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(t @ (Value::Tuple(_) | Value::List(_))) => {
            let items = vm.collect(t)?;
            let mut out = Vec::new();
            for it in items {
                let i = vm.index_value(&it)?;
                let ax = super::norm_axis(vm, i, ndim)?;
                if out.contains(&ax) {
                    return Err(vm.new_error("ValueError", "duplicate value in 'axis'"));
                }
                out.push(ax);
            }
            out.sort_unstable();
            Ok(Some(out))
        }
        Some(v) => {
            let i = vm.index_value(v)?;
            Ok(Some(vec![super::norm_axis(vm, i, ndim)?]))
        }
    }
}

/// Reductions as methods and module functions: `(a, axis=None, ..., keepdims=False)`.
pub fn reduction(vm: &mut Vm, args: &[Value], kw: Kwargs, op: Red) -> PyResult<Value> {
    let a = this(vm, args)?;
    let axes = parse_axes(vm, arg(args, kw, 1, "axis"), a.ndim())?;
    let keepdims = match arg(&[], kw, 0, "keepdims") {
        Some(v) => vm.truthy(&v.clone())?,
        None => false,
    };
    let op = match op {
        Red::Var(_) | Red::Std(_) => {
            let ddof = match arg(&[], kw, 0, "ddof") {
                Some(v) => vm.to_float(&v.clone())?,
                None => 0.0,
            };
            if matches!(op, Red::Var(_)) {
                Red::Var(ddof)
            } else {
                Red::Std(ddof)
            }
        }
        o => o,
    };
    if matches!(op, Red::ArgMin | Red::ArgMax) && axes.as_ref().is_some_and(|x| x.len() > 1) {
        return Err(vm.new_error(
            "TypeError",
            "'tuple' object cannot be interpreted as an integer",
        ));
    }
    let mut r = reduce(&a, op, axes, keepdims).map_err(|e| op_err(vm, e))?;
    if let Some(d) = arg_some(&[], kw, 0, "dtype") {
        if let Some(dt) = parse_dtype(vm, &d.clone())? {
            r = r.astype(dt);
        }
    }
    Ok(result(vm, r))
}

fn cum(vm: &mut Vm, args: &[Value], kw: Kwargs, prod: bool) -> PyResult<Value> {
    let a = this(vm, args)?;
    let axis = match arg(args, kw, 1, "axis") {
        None | Some(Value::None) => None,
        Some(v) => {
            let i = vm.index_value(&v.clone())?;
            Some(super::norm_axis(vm, i, a.ndim())?)
        }
    };
    let r = cumulate(&a, prod, axis);
    Ok(wrap(vm, r))
}

/// A new shape from `reshape` arguments, resolving one -1.
pub fn new_shape(vm: &mut Vm, size: usize, args: &[Value]) -> PyResult<Vec<usize>> {
    let items: Vec<Value> =
        if args.len() == 1 && matches!(args[0], Value::Tuple(_) | Value::List(_)) {
            vm.collect(&args[0])?
        } else {
            args.to_vec()
        };
    let mut dims: Vec<i64> = Vec::new();
    for it in &items {
        dims.push(vm.index_value(it)?);
    }
    let unknown: Vec<usize> = (0..dims.len()).filter(|&i| dims[i] == -1).collect();
    if unknown.len() > 1 {
        return Err(vm.new_error("ValueError", "can only specify one unknown dimension"));
    }
    if dims.iter().any(|&d| d < -1) {
        return Err(vm.new_error("ValueError", "negative dimensions not allowed"));
    }
    let known: usize = dims
        .iter()
        .filter(|&&d| d >= 0)
        .map(|&d| d as usize)
        .product();
    let err = |vm: &mut Vm| {
        let shp: Vec<String> = dims.iter().map(|d| d.to_string()).collect();
        let s = if shp.len() == 1 {
            format!("({},)", shp[0])
        } else {
            format!("({})", shp.join(","))
        };
        vm.new_error(
            "ValueError",
            &format!("cannot reshape array of size {size} into shape {s}"),
        )
    };
    let mut out: Vec<usize> = dims.iter().map(|&d| d.max(0) as usize).collect();
    if let Some(&u) = unknown.first() {
        if known == 0 || !size.is_multiple_of(known) {
            return Err(err(vm));
        }
        out[u] = size / known;
    } else if known != size {
        return Err(err(vm));
    }
    Ok(out)
}

fn tolist_of(a: &NdArray) -> Value {
    if a.ndim() == 0 {
        return scalar_to_py(a.first());
    }
    let items = (0..a.shape[0]).map(|i| tolist_of(&a.subarray(i))).collect();
    Value::list(items)
}

fn flat_index(vm: &mut Vm, a: &NdArray, args: &[Value]) -> PyResult<Scalar> {
    if args.is_empty() {
        if a.size() != 1 {
            return Err(vm.new_error(
                "ValueError",
                "can only convert an array of size 1 to a Python scalar",
            ));
        }
        return Ok(a.get(a.offset_of(&vec![0; a.ndim()])));
    }
    let idx: Vec<Value> = if args.len() == 1 && matches!(args[0], Value::Tuple(_)) {
        vm.collect(&args[0])?
    } else {
        args.to_vec()
    };
    if idx.len() == 1 {
        let i = vm.index_value(&idx[0])?;
        let n = a.size() as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.new_error(
                "IndexError",
                &format!("index {i} is out of bounds for size {n}"),
            ));
        }
        let mut rem = j as usize;
        let mut pos = vec![0; a.ndim()];
        for d in (0..a.ndim()).rev() {
            pos[d] = rem % a.shape[d];
            rem /= a.shape[d];
        }
        return Ok(a.get(a.offset_of(&pos)));
    }
    let v = super::indexing::getitem(vm, a, &Value::tuple(idx))?;
    match np_scalar(&v) {
        Some(s) => Ok(s),
        None => Err(vm.new_error("ValueError", "incorrect number of indices for array")),
    }
}

fn axes_arg(vm: &mut Vm, args: &[Value], nd: usize) -> PyResult<Vec<usize>> {
    if args.is_empty() || (args.len() == 1 && args[0].is_none()) {
        return Ok((0..nd).rev().collect());
    }
    let items = if args.len() == 1 && matches!(args[0], Value::Tuple(_) | Value::List(_)) {
        vm.collect(&args[0])?
    } else {
        args.to_vec()
    };
    if items.len() != nd {
        return Err(vm.new_error("ValueError", "axes don't match array"));
    }
    let mut out = Vec::new();
    for it in &items {
        let i = vm.index_value(it)?;
        let ax = super::norm_axis(vm, i, nd)?;
        if out.contains(&ax) {
            return Err(vm.new_error("ValueError", "repeated axis in transpose"));
        }
        out.push(ax);
    }
    Ok(out)
}

pub fn sort_axis(vm: &mut Vm, a: &NdArray, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        Some(Value::None) => Ok(None),
        Some(x) => {
            let i = vm.index_value(x)?;
            Ok(Some(super::norm_axis(vm, i, a.ndim())?))
        }
        None => Ok(Some(a.ndim().saturating_sub(1))),
    }
}

pub fn init_ndarray(_vm: &Vm, cls: &Rc<Class>) {
    add_operators(cls, true);
    cls.dict.set_by_str("__hash__", Value::None);
    prop(cls, "shape", |vm, a, _| {
        Ok(super::shape_tuple(&this(vm, a)?.shape))
    });
    prop(cls, "ndim", |vm, a, _| {
        Ok(Value::Int(this(vm, a)?.ndim() as i64))
    });
    prop(cls, "size", |vm, a, _| {
        Ok(Value::Int(this(vm, a)?.size() as i64))
    });
    prop(cls, "itemsize", |vm, a, _| {
        Ok(Value::Int(this(vm, a)?.dtype.itemsize() as i64))
    });
    prop(cls, "nbytes", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(Value::Int((x.size() * x.dtype.itemsize()) as i64))
    });
    prop(cls, "dtype", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(super::dtype_value(vm, x.dtype))
    });
    prop(cls, "strides", |vm, a, _| {
        let x = this(vm, a)?;
        let s = x.dtype.itemsize() as i64;
        Ok(Value::tuple(
            x.strides
                .iter()
                .map(|&st| Value::Int(st as i64 * s))
                .collect(),
        ))
    });
    prop(cls, "T", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(wrap(vm, x.t()))
    });
    prop(cls, "flat", |vm, a, _| {
        let x = this(vm, a)?;
        let n = x.size();
        Ok(wrap(vm, x.reshape(vec![n])))
    });
    prop(cls, "real", |vm, a, _| {
        Ok(a[0].clone()).inspect(|_v| {
            let _ = vm;
        })
    });
    prop(cls, "base", |_, _, _| Ok(Value::None));
    add_method(cls, "__repr__", |vm, a, _| {
        Ok(Value::string(super::print::array_repr(&this(vm, a)?)))
    });
    add_method(cls, "__str__", |vm, a, _| {
        Ok(Value::string(super::print::array_str(&this(vm, a)?)))
    });
    add_method(cls, "__format__", |vm, a, _| {
        let x = this(vm, a)?;
        let spec = match a.get(1) {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => String::new(),
        };
        if x.ndim() == 0 {
            let v = scalar_to_py(x.first());
            return Ok(Value::string(vm.format(&v, &spec)?));
        }
        if !spec.is_empty() {
            return Err(vm.new_error(
                "TypeError",
                "unsupported format string passed to numpy.ndarray.__format__",
            ));
        }
        Ok(Value::string(super::print::array_str(&x)))
    });
    add_method(cls, "__len__", |vm, a, _| {
        let x = this(vm, a)?;
        if x.ndim() == 0 {
            return Err(vm.new_error("TypeError", "len() of unsized object"));
        }
        Ok(Value::Int(x.shape[0] as i64))
    });
    add_method(cls, "__bool__", |vm, a, _| {
        let x = this(vm, a)?;
        if x.size() != 1 {
            return Err(vm.new_error(
                "ValueError",
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
            ));
        }
        Ok(Value::Bool(x.get(x.offset).as_bool()))
    });
    add_method(cls, "__float__", |vm, a, _| {
        let x = this(vm, a)?;
        if x.size() != 1 {
            return Err(vm.new_error(
                "TypeError",
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        Ok(Value::Float(x.get(x.offset).as_f64()))
    });
    add_method(cls, "__int__", |vm, a, _| {
        let x = this(vm, a)?;
        if x.size() != 1 {
            return Err(vm.new_error(
                "TypeError",
                "only 0-dimensional arrays can be converted to Python scalars",
            ));
        }
        Ok(Value::Int(x.get(x.offset).as_i64()))
    });
    add_method(cls, "__index__", |vm, a, _| {
        let x = this(vm, a)?;
        if x.ndim() != 0 || x.dtype != DType::Int64 {
            return Err(vm.new_error(
                "TypeError",
                "only integer scalar arrays can be converted to a scalar index",
            ));
        }
        Ok(Value::Int(x.first().as_i64()))
    });
    add_method(cls, "__iter__", |vm, a, _| {
        let x = this(vm, a)?;
        if x.ndim() == 0 {
            return Err(vm.new_error("TypeError", "iteration over a 0-d array"));
        }
        let items: Vec<Value> = (0..x.shape[0]).map(|i| result(vm, x.subarray(i))).collect();
        vm.get_iter(&Value::list(items))
    });
    add_method(cls, "__contains__", |vm, a, _| {
        let x = this(vm, a)?;
        let (b, wb) = operand(vm, a.get(1).unwrap_or(&Value::None))?;
        let eq = binary(Bin::Eq, &x, false, &b, wb).map_err(|e| op_err(vm, e))?;
        let r = reduce(&eq, Red::Any, None, false).map_err(|e| op_err(vm, e))?;
        Ok(Value::Bool(r.first().as_bool()))
    });
    add_method(cls, "__getitem__", |vm, a, _| {
        let Some(x) = a.first().and_then(arr) else {
            return Err(vm.new_error("TypeError", "bad self"));
        };
        let key = a.get(1).cloned().unwrap_or(Value::None);
        super::indexing::getitem(vm, x, &key)
    });
    add_method(cls, "__setitem__", |vm, a, _| {
        let Some(x) = a.first().and_then(arr) else {
            return Err(vm.new_error("TypeError", "bad self"));
        };
        let (Some(key), Some(val)) = (a.get(1), a.get(2)) else {
            return Err(vm.new_error("TypeError", "__setitem__ expects 2 arguments"));
        };
        super::indexing::setitem(vm, x, key, val)?;
        Ok(Value::None)
    });
    add_method(cls, "__copy__", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(wrap(vm, x.copy()))
    });
    add_method(cls, "__deepcopy__", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(wrap(vm, x.copy()))
    });
    add_method(cls, "copy", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(wrap(vm, x.copy()))
    });
    add_method(cls, "reshape", |vm, a, kw| {
        let x = this(vm, a)?;
        let mut rest = a[1..].to_vec();
        if let Some(s) = kw.iter().find(|(k, _)| k.as_str() == "shape") {
            rest = vec![s.1.clone()];
        }
        let s = new_shape(vm, x.size(), &rest)?;
        Ok(wrap(vm, x.reshape(s)))
    });
    add_method(cls, "ravel", super::module::np_ravel);
    add_method(cls, "flatten", |vm, a, _| {
        let x = this(vm, a)?;
        let n = x.size();
        Ok(wrap(vm, x.copy().reshape(vec![n]).owning()))
    });
    add_method(cls, "astype", |vm, a, kw| {
        let x = this(vm, a)?;
        let Some(d) = arg(a, kw, 1, "dtype") else {
            return Err(vm.new_error(
                "TypeError",
                "astype() missing required argument 'dtype' (pos 1)",
            ));
        };
        let dt = parse_dtype(vm, &d.clone())?.unwrap_or(DType::Float64);
        Ok(wrap(vm, x.astype(dt)))
    });
    add_method(cls, "fill", |vm, a, _| {
        let x = this(vm, a)?;
        let v = a.get(1).cloned().unwrap_or(Value::None);
        let src = super::to_array(vm, &v)?;
        if src.size() != 1 {
            return Err(vm.new_error("ValueError", "setting an array element with a sequence."));
        }
        x.fill(src.first());
        Ok(Value::None)
    });
    add_method(cls, "tolist", |vm, a, _| Ok(tolist_of(&this(vm, a)?)));
    add_method(cls, "item", |vm, a, _| {
        let x = this(vm, a)?;
        let s = flat_index(vm, &x, &a[1..])?;
        Ok(scalar_to_py(s))
    });
    add_method(cls, "transpose", |vm, a, _| {
        let x = this(vm, a)?;
        let axes = axes_arg(vm, &a[1..], x.ndim())?;
        Ok(wrap(vm, x.transpose(&axes)))
    });
    add_method(cls, "swapaxes", |vm, a, _| {
        let x = this(vm, a)?;
        if a.len() < 3 {
            return Err(vm.new_error("TypeError", "swapaxes() takes exactly 2 arguments"));
        }
        let (i, j) = (vm.index_value(&a[1])?, vm.index_value(&a[2])?);
        let i = super::norm_axis(vm, i, x.ndim())?;
        let j = super::norm_axis(vm, j, x.ndim())?;
        let mut axes: Vec<usize> = (0..x.ndim()).collect();
        axes.swap(i, j);
        Ok(wrap(vm, x.transpose(&axes)))
    });
    add_method(cls, "squeeze", |vm, a, kw| {
        super::module::squeeze(vm, a, kw)
    });
    add_method(cls, "sum", |vm, a, kw| reduction(vm, a, kw, Red::Sum));
    add_method(cls, "prod", |vm, a, kw| reduction(vm, a, kw, Red::Prod));
    add_method(cls, "mean", |vm, a, kw| reduction(vm, a, kw, Red::Mean));
    add_method(cls, "var", |vm, a, kw| reduction(vm, a, kw, Red::Var(0.0)));
    add_method(cls, "std", |vm, a, kw| reduction(vm, a, kw, Red::Std(0.0)));
    add_method(cls, "min", |vm, a, kw| reduction(vm, a, kw, Red::Min));
    add_method(cls, "max", |vm, a, kw| reduction(vm, a, kw, Red::Max));
    add_method(cls, "argmin", |vm, a, kw| reduction(vm, a, kw, Red::ArgMin));
    add_method(cls, "argmax", |vm, a, kw| reduction(vm, a, kw, Red::ArgMax));
    add_method(cls, "any", |vm, a, kw| reduction(vm, a, kw, Red::Any));
    add_method(cls, "all", |vm, a, kw| reduction(vm, a, kw, Red::All));
    add_method(cls, "cumsum", |vm, a, kw| cum(vm, a, kw, false));
    add_method(cls, "cumprod", |vm, a, kw| cum(vm, a, kw, true));
    add_method(cls, "dot", super::module::np_dot);
    add_method(cls, "clip", super::module::np_clip);
    add_method(cls, "round", super::module::np_round);
    add_method(cls, "nonzero", |vm, a, kw| {
        super::module::np_nonzero(vm, a, kw)
    });
    add_method(cls, "argsort", |vm, a, kw| {
        let x = this(vm, a)?;
        let ax = sort_axis(vm, &x, arg(a, kw, 1, "axis"))?;
        let r = match ax {
            Some(ax) => super::linalg::sort(&x, ax, true),
            None => super::linalg::sort(&x.reshape(vec![x.size()]), 0, true),
        };
        Ok(wrap(vm, r))
    });
    add_method(cls, "sort", |vm, a, kw| {
        let Some(x) = a.first().and_then(arr).cloned() else {
            return Ok(Value::None);
        };
        let ax = sort_axis(vm, &x, arg(a, kw, 1, "axis"))?.unwrap_or(0);
        if x.ndim() == 0 {
            return Err(vm.new_error(
                "AxisError",
                "axis -1 is out of bounds for array of dimension 0",
            ));
        }
        let r = super::linalg::sort(&x, ax, false);
        x.assign(&r);
        Ok(Value::None)
    });
    add_method(cls, "view", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(wrap(
            vm,
            NdArray {
                owndata: false,
                ..x
            },
        ))
    });
    let _ = (shape_size, any_scalar, Scalar::I(0));
}
