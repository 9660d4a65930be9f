//! Array creation: `array`/`asarray` from nested sequences (dtype inference), `zeros`, `ones`,
//! `empty`, `full` and their `*_like` forms, `arange`, `linspace`, `eye`/`identity`,
//! `concatenate`/`stack`/`vstack`/`hstack`, `fromfunction`.

use crate::runtime::objects::Kwargs;
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

use super::array::{shape_size, NdArray};
use super::dtype::{DType, Scalar};
use super::{arg, arg_some, arr, np_scalar, parse_dtype, parse_shape, wrap};

fn leaf(vm: &mut Vm, v: &Value) -> PyResult<Option<Scalar>> {
    Ok(Some(match v {
        Value::Bool(b) => Scalar::B(*b),
        Value::Int(i) => Scalar::I(*i),
        Value::Float(f) => Scalar::F(*f),
        Value::BigInt(_) => {
            return Err(vm.new_error("OverflowError", "Python int too large to convert to C long"))
        }
        _ => match np_scalar(v) {
            Some(s) => s,
            None => return Ok(None),
        },
    }))
}

fn is_seq(v: &Value) -> bool {
    matches!(v, Value::List(_) | Value::Tuple(_)) || arr(v).is_some()
}

fn seq_items(v: &Value) -> Vec<Value> {
    match v {
        Value::List(l) => l.items.borrow().clone(),
        Value::Tuple(t) => t.items.to_vec(),
        _ => vec![],
    }
}

fn inhomogeneous(vm: &mut Vm, depth: usize, shape: &[usize]) -> crate::vm::PyErr {
    let s = &shape[..depth.min(shape.len())];
    let msg = format!(
        "setting an array element with a sequence. The requested array has an inhomogeneous shape after {} dimensions. The detected shape was {} + inhomogeneous part.",
        depth,
        super::print::shape_repr(s)
    );
    vm.new_error("ValueError", &msg)
}

fn fill(
    vm: &mut Vm,
    v: &Value,
    depth: usize,
    shape: &[usize],
    out: &mut Vec<Scalar>,
    kind: &mut Option<DType>,
) -> PyResult<()> {
    if let Some(a) = arr(v) {
        if a.shape[..] != shape[depth..] {
            return Err(inhomogeneous(vm, depth, shape));
        }
        *kind = Some(kind.map_or(a.dtype, |k| k.max(a.dtype)));
        out.extend(a.to_scalars());
        return Ok(());
    }
    if depth == shape.len() {
        if is_seq(v) {
            return Err(inhomogeneous(vm, depth, shape));
        }
        match leaf(vm, v)? {
            Some(s) => {
                *kind = Some(kind.map_or(s.dtype(), |k| k.max(s.dtype())));
                out.push(s);
                return Ok(());
            }
            None => {
                let t = vm.type_name(v);
                return Err(vm.new_error(
                    "TypeError",
                    &format!("float() argument must be a string or a real number, not '{t}'"),
                ));
            }
        }
    }
    if !is_seq(v) {
        return Err(inhomogeneous(vm, depth, shape));
    }
    let items = seq_items(v);
    if items.len() != shape[depth] {
        return Err(inhomogeneous(vm, depth, shape));
    }
    for it in &items {
        fill(vm, it, depth + 1, shape, out, kind)?;
    }
    Ok(())
}

/// `np.array(v)` for nested lists/tuples/arrays/scalars.
pub fn from_py(vm: &mut Vm, v: &Value, dtype: Option<DType>) -> PyResult<NdArray> {
    if let Some(a) = arr(v) {
        return Ok(a.astype(dtype.unwrap_or(a.dtype)));
    }
    if matches!(v, Value::Range(_)) || matches!(v, Value::Generator(_) | Value::Iter(_)) {
        let items = vm.collect(v)?;
        return from_py(vm, &Value::list(items), dtype);
    }
    // Discover the shape from the first elements.
    let mut shape = Vec::new();
    let mut cur = v.clone();
    loop {
        if let Some(a) = arr(&cur) {
            shape.extend_from_slice(&a.shape);
            break;
        }
        if !matches!(cur, Value::List(_) | Value::Tuple(_)) {
            break;
        }
        let items = seq_items(&cur);
        shape.push(items.len());
        match items.first() {
            Some(f) => cur = f.clone(),
            None => break,
        }
    }
    let mut out = Vec::with_capacity(shape_size(&shape));
    let mut kind = None;
    fill(vm, v, 0, &shape, &mut out, &mut kind)?;
    let dt = dtype.unwrap_or(kind.unwrap_or(DType::Float64));
    Ok(NdArray::from_scalars(dt, shape, &out))
}

fn get_dtype(vm: &mut Vm, args: &[Value], kw: Kwargs, pos: usize) -> PyResult<Option<DType>> {
    match arg(args, kw, pos, "dtype") {
        Some(v) => parse_dtype(vm, &v.clone()),
        None => Ok(None),
    }
}

pub fn np_array(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(v) = arg(args, kw, 0, "object") else {
        return Err(vm.new_error(
            "TypeError",
            "array() missing required argument 'object' (pos 0)",
        ));
    };
    let dt = get_dtype(vm, args, kw, 1)?;
    let mut a = from_py(vm, v, dt)?;
    if let Some(n) = arg_some(args, kw, 99, "ndmin") {
        let n = vm.index_value(n)?;
        while (a.ndim() as i64) < n {
            let mut s = vec![1];
            s.extend_from_slice(&a.shape);
            a = a.reshape(s);
        }
    }
    Ok(wrap(vm, a))
}

pub fn np_asarray(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(v) = arg(args, kw, 0, "a") else {
        return Err(vm.new_error(
            "TypeError",
            "asarray() missing required argument 'a' (pos 0)",
        ));
    };
    let dt = get_dtype(vm, args, kw, 1)?;
    if let Some(a) = arr(v) {
        if dt.is_none() || dt == Some(a.dtype) {
            return Ok(v.clone());
        }
    }
    let a = from_py(vm, v, dt)?;
    Ok(wrap(vm, a))
}

fn filled(
    vm: &mut Vm,
    args: &[Value],
    kw: Kwargs,
    val: Option<Scalar>,
    name: &str,
) -> PyResult<Value> {
    let Some(s) = arg(args, kw, 0, "shape") else {
        return Err(vm.new_error(
            "TypeError",
            &format!("{name}() missing required argument 'shape' (pos 0)"),
        ));
    };
    let shape = parse_shape(vm, s)?;
    let dt = get_dtype(vm, args, kw, 1)?.unwrap_or(DType::Float64);
    Ok(wrap(
        vm,
        NdArray::full(dt, shape, val.unwrap_or(Scalar::I(0))),
    ))
}

pub fn zeros(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    filled(vm, args, kw, None, "zeros")
}
pub fn ones(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    filled(vm, args, kw, Some(Scalar::I(1)), "ones")
}
pub fn empty(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    filled(vm, args, kw, None, "empty")
}

pub fn full(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (Some(s), Some(fv)) = (arg(args, kw, 0, "shape"), arg(args, kw, 1, "fill_value")) else {
        return Err(vm.new_error("TypeError", "full() missing required argument"));
    };
    let shape = parse_shape(vm, s)?;
    let fa = super::to_array(vm, fv)?;
    let dt = get_dtype(vm, args, kw, 2)?.unwrap_or(fa.dtype);
    let out = NdArray::full(dt, shape, Scalar::I(0));
    if broadcast_ok(&fa.shape, &out.shape) {
        out.assign(&fa);
    }
    Ok(wrap(vm, out))
}

fn broadcast_ok(a: &[usize], b: &[usize]) -> bool {
    super::array::broadcast_shapes(a, b).as_deref() == Some(b)
}

fn like(
    vm: &mut Vm,
    args: &[Value],
    kw: Kwargs,
    val: Option<&Value>,
    dt_pos: usize,
) -> PyResult<Value> {
    let Some(p) = arg(args, kw, 0, "a") else {
        return Err(vm.new_error("TypeError", "missing required argument 'a' (pos 1)"));
    };
    let proto = super::to_array(vm, p)?;
    let dt = get_dtype(vm, args, kw, dt_pos)?.unwrap_or(proto.dtype);
    let out = NdArray::full(dt, proto.shape.clone(), Scalar::I(0));
    if let Some(v) = val {
        let fa = super::to_array(vm, v)?;
        if broadcast_ok(&fa.shape, &out.shape) {
            out.assign(&fa);
        }
    }
    Ok(wrap(vm, out))
}

pub fn zeros_like(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    like(vm, args, kw, None, 1)
}
pub fn empty_like(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    like(vm, args, kw, None, 1)
}
pub fn ones_like(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    like(vm, args, kw, Some(&Value::Int(1)), 1)
}
pub fn full_like(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(fv) = arg(args, kw, 1, "fill_value").cloned() else {
        return Err(vm.new_error(
            "TypeError",
            "full_like() missing required argument 'fill_value'",
        ));
    };
    like(vm, args, kw, Some(&fv), 2)
}

pub fn arange(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let pos: Vec<Value> = args.to_vec();
    let get = |i: usize, name: &str| arg(&pos, kw, i, name).cloned();
    let (start, stop, step) = match (get(0, "start"), get(1, "stop"), get(2, "step")) {
        (Some(a), None, None) => (Value::Int(0), a, Value::Int(1)),
        (Some(a), Some(b), None) => (a, b, Value::Int(1)),
        (Some(a), Some(b), Some(c)) => (a, b, c),
        _ => {
            if let Some(s) = kw.iter().find(|(k, _)| k.as_str() == "stop") {
                (Value::Int(0), s.1.clone(), Value::Int(1))
            } else {
                return Err(vm.new_error("TypeError", "arange() requires stop to be specified."));
            }
        }
    };
    let mut step = step;
    if step.is_none() {
        step = Value::Int(1);
    }
    let dt = match kw.iter().find(|(k, _)| k.as_str() == "dtype") {
        Some((_, v)) => parse_dtype(vm, &v.clone())?,
        None => None,
    };
    let vals: Vec<(Scalar, bool)> = [&start, &stop, &step]
        .iter()
        .map(|v| super::any_scalar(v).unwrap_or((Scalar::F(f64::NAN), true)))
        .collect();
    let all_int = vals.iter().all(|(s, _)| s.dtype() != DType::Float64);
    let out_dt = dt.unwrap_or(if all_int {
        DType::Int64
    } else {
        DType::Float64
    });
    if all_int {
        let (a, b, c) = (vals[0].0.as_i64(), vals[1].0.as_i64(), vals[2].0.as_i64());
        if c == 0 {
            return Err(vm.new_error("ZeroDivisionError", "division by zero"));
        }
        let n = if c > 0 {
            (b - a + c - 1).div_euclid(c)
        } else {
            (a - b - c - 1).div_euclid(-c)
        }
        .max(0);
        if n as usize > super::MAX_SIZE {
            return Err(vm.new_error("MemoryError", "array is too big"));
        }
        let v: Vec<i64> = (0..n).map(|i| a + i * c).collect();
        return Ok(wrap(
            vm,
            NdArray::from_i64(vec![n as usize], v).astype(out_dt),
        ));
    }
    let (a, b, c) = (vals[0].0.as_f64(), vals[1].0.as_f64(), vals[2].0.as_f64());
    if c == 0.0 {
        return Err(vm.new_error("ZeroDivisionError", "division by zero"));
    }
    let len = ((b - a) / c).ceil();
    if !len.is_finite() {
        return Err(vm.new_error("ValueError", "arange: cannot compute length"));
    }
    let n = len.max(0.0) as usize;
    if n > super::MAX_SIZE {
        return Err(vm.new_error("MemoryError", "array is too big"));
    }
    let delta = (a + c) - a;
    let v: Vec<f64> = (0..n)
        .map(|i| if i == 0 { a } else { a + i as f64 * delta })
        .collect();
    Ok(wrap(vm, NdArray::from_f64(vec![n], v).astype(out_dt)))
}

pub fn linspace(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (Some(s), Some(e)) = (arg(args, kw, 0, "start"), arg(args, kw, 1, "stop")) else {
        return Err(vm.new_error("TypeError", "linspace() missing required argument"));
    };
    let start = vm.to_float(&s.clone())?;
    let stop = vm.to_float(&e.clone())?;
    let num = match arg(args, kw, 2, "num") {
        Some(v) => vm.index_value(&v.clone())?,
        None => 50,
    };
    if num < 0 {
        return Err(vm.new_error(
            "ValueError",
            &format!("Number of samples, {num}, must be non-negative."),
        ));
    }
    let endpoint = match arg(args, kw, 3, "endpoint") {
        Some(v) => vm.truthy(&v.clone())?,
        None => true,
    };
    let dt = match kw.iter().find(|(k, _)| k.as_str() == "dtype") {
        Some((_, v)) => parse_dtype(vm, &v.clone())?,
        None => None,
    };
    let n = num as usize;
    if n > super::MAX_SIZE {
        return Err(vm.new_error("MemoryError", "array is too big"));
    }
    let div = if endpoint { n.saturating_sub(1) } else { n } as f64;
    let delta = stop - start;
    let step = delta / div;
    let mut v: Vec<f64> = (0..n)
        .map(|i| {
            let y = i as f64;
            (if div == 0.0 {
                y * delta
            } else if step == 0.0 {
                (y / div) * delta
            } else {
                y * step
            }) + start
        })
        .collect();
    if endpoint && n > 1 {
        v[n - 1] = stop;
    }
    let mut a = NdArray::from_f64(vec![n], v);
    if let Some(d) = dt {
        if d == DType::Int64 {
            a = NdArray::from_i64(
                vec![n],
                a.to_f64_vec().iter().map(|x| x.floor() as i64).collect(),
            );
        } else {
            a = a.astype(d);
        }
    }
    let retstep = match kw.iter().find(|(k, _)| k.as_str() == "retstep") {
        Some((_, v)) => vm.truthy(&v.clone())?,
        None => false,
    };
    let out = wrap(vm, a);
    if retstep {
        let st = super::scalar_value(vm, Scalar::F(step));
        return Ok(Value::tuple(vec![out, st]));
    }
    Ok(out)
}

pub fn eye(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(nv) = arg(args, kw, 0, "N") else {
        return Err(vm.new_error("TypeError", "eye() missing required argument 'N' (pos 1)"));
    };
    let n = vm.index_value(&nv.clone())?.max(0) as usize;
    let m = match arg_some(args, kw, 1, "M") {
        Some(v) => vm.index_value(&v.clone())?.max(0) as usize,
        None => n,
    };
    let k = match arg(args, kw, 2, "k") {
        Some(v) => vm.index_value(&v.clone())?,
        None => 0,
    };
    let dt = get_dtype(vm, args, kw, 3)?.unwrap_or(DType::Float64);
    if n.saturating_mul(m) > super::MAX_SIZE {
        return Err(vm.new_error("MemoryError", "array is too big"));
    }
    let out = NdArray::full(dt, vec![n, m], Scalar::I(0));
    for i in 0..n {
        let j = i as i64 + k;
        if j >= 0 && (j as usize) < m {
            out.buf.set(i * m + j as usize, Scalar::I(1).encode(dt));
        }
    }
    Ok(wrap(vm, out))
}

pub fn identity(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(nv) = arg(args, kw, 0, "n") else {
        return Err(vm.new_error(
            "TypeError",
            "identity() missing required argument 'n' (pos 1)",
        ));
    };
    let mut a = vec![nv.clone(), Value::None, Value::Int(0)];
    if let Some(d) = arg(args, kw, 1, "dtype") {
        a.push(d.clone());
    }
    eye(vm, &a, &[])
}

/// Concatenates arrays along an existing axis.
pub fn concat(vm: &mut Vm, arrays: &[NdArray], axis: i64) -> PyResult<NdArray> {
    let Some(first) = arrays.first() else {
        return Err(vm.new_error("ValueError", "need at least one array to concatenate"));
    };
    if first.ndim() == 0 {
        return Err(vm.new_error(
            "ValueError",
            "zero-dimensional arrays cannot be concatenated",
        ));
    }
    let ax = super::norm_axis(vm, axis, first.ndim())?;
    let dt = arrays
        .iter()
        .map(|a| a.dtype)
        .max()
        .unwrap_or(DType::Float64);
    let mut shape = first.shape.clone();
    shape[ax] = 0;
    for (i, a) in arrays.iter().enumerate() {
        if a.ndim() != first.ndim() {
            let msg = format!(
                "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array at index 0 has {} dimension(s) and the array at index {} has {} dimension(s)",
                first.ndim(),
                i,
                a.ndim()
            );
            let msg = msg.replace(
                "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 0, the array",
                "all the input arrays must have same number of dimensions, but the array",
            );
            return Err(vm.new_error("ValueError", &msg));
        }
        for d in 0..a.ndim() {
            if d != ax && a.shape[d] != first.shape[d] {
                let msg = format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {}, the array at index 0 has size {} and the array at index {} has size {}",
                    d, first.shape[d], i, a.shape[d]
                );
                return Err(vm.new_error("ValueError", &msg));
            }
        }
        shape[ax] += a.shape[ax];
    }
    let out = NdArray::full(dt, shape, Scalar::I(0));
    let mut start = 0usize;
    for a in arrays {
        let mut v = out.clone();
        v.offset = (out.offset as isize + start as isize * out.strides[ax]) as usize;
        v.shape[ax] = a.shape[ax];
        v.assign(a);
        start += a.shape[ax];
    }
    Ok(out)
}

fn array_list(vm: &mut Vm, v: &Value) -> PyResult<Vec<NdArray>> {
    let items = vm.collect(v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        out.push(super::to_array(vm, it)?);
    }
    Ok(out)
}

fn axis_arg(
    vm: &mut Vm,
    args: &[Value],
    kw: Kwargs,
    pos: usize,
    default: Option<i64>,
) -> PyResult<Option<i64>> {
    match arg(args, kw, pos, "axis") {
        Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(vm.index_value(&v.clone())?)),
        None => Ok(default),
    }
}

pub fn concatenate(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(seq) = arg(args, kw, 0, "arrays") else {
        return Err(vm.new_error("TypeError", "concatenate() missing required argument"));
    };
    let mut arrays = array_list(vm, seq)?;
    let axis = axis_arg(vm, args, kw, 1, Some(0))?;
    let axis = match axis {
        Some(a) => a,
        None => {
            arrays = arrays.iter().map(|a| a.reshape(vec![a.size()])).collect();
            0
        }
    };
    let r = concat(vm, &arrays, axis)?;
    Ok(wrap(vm, r))
}

pub fn stack(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(seq) = arg(args, kw, 0, "arrays") else {
        return Err(vm.new_error("TypeError", "stack() missing required argument"));
    };
    let arrays = array_list(vm, seq)?;
    let Some(first) = arrays.first() else {
        return Err(vm.new_error("ValueError", "need at least one array to stack"));
    };
    if arrays.iter().any(|a| a.shape != first.shape) {
        return Err(vm.new_error("ValueError", "all input arrays must have the same shape"));
    }
    let axis = axis_arg(vm, args, kw, 1, Some(0))?.unwrap_or(0);
    let ax = super::norm_axis(vm, axis, first.ndim() + 1)?;
    let expanded: Vec<NdArray> = arrays
        .iter()
        .map(|a| {
            let mut s = a.shape.clone();
            s.insert(ax, 1);
            a.reshape(s)
        })
        .collect();
    let r = concat(vm, &expanded, ax as i64)?;
    Ok(wrap(vm, r))
}

pub fn vstack(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(seq) = arg(args, kw, 0, "tup") else {
        return Err(vm.new_error("TypeError", "vstack() missing required argument"));
    };
    let arrays: Vec<NdArray> = array_list(vm, seq)?
        .into_iter()
        .map(|a| match a.ndim() {
            0 => a.reshape(vec![1, 1]),
            1 => {
                let n = a.shape[0];
                a.reshape(vec![1, n])
            }
            _ => a,
        })
        .collect();
    let r = concat(vm, &arrays, 0)?;
    Ok(wrap(vm, r))
}

pub fn hstack(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(seq) = arg(args, kw, 0, "tup") else {
        return Err(vm.new_error("TypeError", "hstack() missing required argument"));
    };
    let arrays: Vec<NdArray> = array_list(vm, seq)?
        .into_iter()
        .map(|a| if a.ndim() == 0 { a.reshape(vec![1]) } else { a })
        .collect();
    let axis = if arrays.first().is_some_and(|a| a.ndim() == 1) {
        0
    } else {
        1
    };
    let r = concat(vm, &arrays, axis)?;
    Ok(wrap(vm, r))
}

pub fn fromfunction(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (Some(f), Some(s)) = (
        arg(args, kw, 0, "function").cloned(),
        arg(args, kw, 1, "shape").cloned(),
    ) else {
        return Err(vm.new_error("TypeError", "fromfunction() missing required argument"));
    };
    let shape = parse_shape(vm, &s)?;
    let dt = get_dtype(vm, args, kw, 2)?.unwrap_or(DType::Float64);
    let n = shape_size(&shape);
    let mut idx_arrays = Vec::new();
    for d in 0..shape.len() {
        let mut v = Vec::with_capacity(n);
        let inner: usize = shape[d + 1..].iter().product();
        for k in 0..n {
            v.push(Scalar::I(((k / inner.max(1)) % shape[d].max(1)) as i64));
        }
        idx_arrays.push(wrap(vm, NdArray::from_scalars(dt, shape.clone(), &v)));
    }
    vm.call(&f, &idx_arrays, &[])
}
