//! The `numpy` module object: constants, types, creation functions, ufuncs, reductions and
//! the other module-level functions, plus `np.random`.

use crate::runtime::objects::Kwargs;
use crate::runtime::types::native_fn;
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

use super::array::{broadcast_shapes, NdArray};
use super::dtype::{DType, Scalar};
use super::methods::{parse_axes, reduction, sort_axis, this};
use super::reduce::Red;
use super::ufunc::{binary, shape_str, unary, Bin, Un};
use super::{
    arg, arg_some, classes, creation, layout, linalg, nan, op_err, operand, parse_shape, result,
    to_array, wrap,
};

fn unary_fn(vm: &mut Vm, args: &[Value], _kw: Kwargs, op: Un) -> PyResult<Value> {
    let Some(x) = args.first() else {
        return Err(vm.new_error(
            "TypeError",
            &format!(
                "{}() takes from 1 to 2 positional arguments but 0 were given",
                op.ufunc_name()
            ),
        ));
    };
    let (a, _) = operand(vm, x)?;
    let r = unary(op, &a).map_err(|e| op_err(vm, e))?;
    Ok(result(vm, r))
}

fn binary_fn(vm: &mut Vm, args: &[Value], _kw: Kwargs, op: Bin) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.new_error(
            "TypeError",
            &format!(
                "{}() takes from 2 to 3 positional arguments but {} were given",
                op.ufunc_name(),
                args.len()
            ),
        ));
    }
    let (a, wa) = operand(vm, &args[0])?;
    let (b, wb) = operand(vm, &args[1])?;
    let r = binary(op, &a, wa, &b, wb).map_err(|e| op_err(vm, e))?;
    Ok(result(vm, r))
}

macro_rules! reg {
    ($d:expr, $($name:literal => $f:expr),* $(,)?) => {
        $( $d.set_by_str($name, native_fn($name, Some("numpy"), $f)); )*
    };
}

pub fn np_dot(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.new_error("TypeError", "dot() missing required argument"));
    }
    let a = to_array(vm, &args[0])?;
    let b = to_array(vm, &args[1])?;
    let r = linalg::dot(&a, &b).map_err(|e| op_err(vm, e))?;
    Ok(result(vm, r))
}

pub fn np_clip(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (a, wa) = operand(vm, args.first().unwrap_or(&Value::None))?;
    let lo = arg(args, kw, 1, "a_min")
        .or_else(|| arg(&[], kw, 0, "min"))
        .cloned()
        .unwrap_or(Value::None);
    let hi = arg(args, kw, 2, "a_max")
        .or_else(|| arg(&[], kw, 0, "max"))
        .cloned()
        .unwrap_or(Value::None);
    let mut r = a;
    let mut weak = wa;
    if !lo.is_none() {
        let (l, wl) = operand(vm, &lo)?;
        r = binary(Bin::Maximum, &r, weak, &l, wl).map_err(|e| op_err(vm, e))?;
        weak = weak && wl;
    }
    if !hi.is_none() {
        let (h, wh) = operand(vm, &hi)?;
        r = binary(Bin::Minimum, &r, weak, &h, wh).map_err(|e| op_err(vm, e))?;
    }
    Ok(result(vm, r))
}

pub fn np_round(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let d = match arg(args, kw, 1, "decimals") {
        Some(v) => vm.index_value(&v.clone())?,
        None => 0,
    };
    let r = linalg::round(&a, d).map_err(|e| op_err(vm, e))?;
    Ok(result(vm, r))
}

pub fn np_nonzero(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    // numpy returns the columns of one (n, ndim) index array, as views: its flags report them
    // as strided (for ndim > 1) and not owning their data.
    let parts = linalg::nonzero(&a);
    let (n, nd) = (parts.first().map_or(0, |p| p.size()), parts.len());
    let cols: Vec<Vec<u64>> = parts.iter().map(|p| p.to_words()).collect();
    let words = (0..n * nd).map(|k| cols[k % nd][k / nd]).collect();
    let table = NdArray::from_words(DType::Int64, vec![n, nd], words);
    let views = (0..nd)
        .map(|d| {
            let col = NdArray {
                offset: d,
                shape: vec![n],
                strides: vec![nd as isize],
                owndata: false,
                ..table.clone()
            };
            wrap(vm, col)
        })
        .collect();
    Ok(Value::tuple(views))
}

pub fn squeeze(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let axes = parse_axes(vm, arg(args, kw, 1, "axis"), a.ndim())?;
    let mut shape = Vec::new();
    let mut strides = Vec::new();
    for d in 0..a.ndim() {
        let drop = match &axes {
            Some(ax) => ax.contains(&d),
            None => a.shape[d] == 1,
        };
        if drop && a.shape[d] != 1 {
            return Err(vm.new_error(
                "ValueError",
                "cannot select an axis to squeeze out which has size not equal to one",
            ));
        }
        if !drop {
            shape.push(a.shape[d]);
            strides.push(a.strides[d]);
        }
    }
    Ok(wrap(
        vm,
        NdArray {
            shape,
            strides,
            owndata: false,
            ..a
        },
    ))
}

fn expand_dims(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let ax = match arg(args, kw, 1, "axis") {
        Some(v) => vm.index_value(&v.clone())?,
        None => {
            return Err(vm.new_error(
                "TypeError",
                "expand_dims() missing required argument 'axis'",
            ))
        }
    };
    let ax = super::norm_axis(vm, ax, a.ndim() + 1)?;
    let mut shape = a.shape.clone();
    let mut strides = a.strides.clone();
    shape.insert(ax, 1);
    strides.insert(ax, 0);
    Ok(wrap(
        vm,
        NdArray {
            shape,
            strides,
            owndata: false,
            ..a
        },
    ))
}

fn np_where(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match args.len() {
        1 => np_nonzero(vm, args, &[]),
        3 => {
            let c = to_array(vm, &args[0])?;
            let (x, wx) = operand(vm, &args[1])?;
            let (y, wy) = operand(vm, &args[2])?;
            let r = linalg::where3(&c, &x, wx, &y, wy).map_err(|e| op_err(vm, e))?;
            Ok(result(vm, r))
        }
        _ => Err(vm.new_error(
            "ValueError",
            "either both or neither of x and y should be given",
        )),
    }
}

fn f_arg(
    vm: &mut Vm,
    args: &[Value],
    kw: Kwargs,
    pos: usize,
    name: &str,
    default: f64,
) -> PyResult<f64> {
    match arg(args, kw, pos, name) {
        Some(v) => vm.to_float(&v.clone()),
        None => Ok(default),
    }
}

fn isclose_parts(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<NdArray> {
    if args.len() < 2 {
        return Err(vm.new_error("TypeError", "missing required argument"));
    }
    let a = to_array(vm, &args[0])?;
    let b = to_array(vm, &args[1])?;
    let rtol = f_arg(vm, args, kw, 2, "rtol", 1e-5)?;
    let atol = f_arg(vm, args, kw, 3, "atol", 1e-8)?;
    let eqn = match arg(args, kw, 4, "equal_nan") {
        Some(v) => vm.truthy(&v.clone())?,
        None => false,
    };
    linalg::isclose(&a, &b, rtol, atol, eqn).map_err(|e| op_err(vm, e))
}

fn sort_fn(vm: &mut Vm, args: &[Value], kw: Kwargs, argsort: bool) -> PyResult<Value> {
    let a = this(vm, args)?;
    let ax = sort_axis(vm, &a, arg(args, kw, 1, "axis"))?;
    if a.ndim() == 0 && ax.is_some() {
        return Err(super::np_error(
            vm,
            "AxisError",
            "axis -1 is out of bounds for array of dimension 0",
        ));
    }
    let r = match ax {
        Some(ax) => linalg::sort(&a, ax, argsort),
        None => linalg::sort(&a.reshape(vec![a.size()]), 0, argsort),
    };
    Ok(wrap(vm, r))
}

fn set_printoptions(vm: &mut Vm, _args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let mut o = super::print::OPTIONS.with(|c| c.get());
    for (k, v) in kw {
        if v.is_none() {
            continue;
        }
        match k.as_str() {
            "precision" => o.0 = vm.index_value(v)?.max(0) as usize,
            "threshold" => o.1 = vm.to_float(v)?.min(1e18) as usize,
            "edgeitems" => o.2 = vm.index_value(v)?.max(0) as usize,
            "linewidth" => o.3 = vm.index_value(v)?.max(1) as usize,
            "suppress" => o.4 = vm.truthy(v)?,
            _ => {}
        }
    }
    super::print::OPTIONS.with(|c| c.set(o));
    Ok(Value::None)
}

fn array_equal(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.new_error("TypeError", "array_equal() missing required argument"));
    }
    let a = to_array(vm, &args[0])?;
    let b = to_array(vm, &args[1])?;
    if a.shape != b.shape {
        return Ok(Value::Bool(false));
    }
    let eq = binary(Bin::Eq, &a, false, &b, false).map_err(|e| op_err(vm, e))?;
    Ok(Value::Bool(eq.to_words().iter().all(|&w| w != 0)))
}

fn np_reshape(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let Some(s) = arg(args, kw, 1, "shape").or_else(|| arg(&[], kw, 0, "newshape")) else {
        return Err(vm.new_error("TypeError", "reshape() missing required argument 'shape'"));
    };
    let s = super::methods::new_shape(vm, a.size(), std::slice::from_ref(s))?;
    Ok(wrap(vm, a.reshape(s)))
}

fn np_broadcast_shapes(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let mut shape: Vec<usize> = vec![];
    let mut all = Vec::new();
    for a in args {
        let s = parse_shape(vm, a)?;
        all.push(s.clone());
        match broadcast_shapes(&shape, &s) {
            Some(x) => shape = x,
            None => {
                let parts: Vec<String> = all
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("arg {i} with shape {}", shape_str(s)))
                    .collect();
                let msg = format!("shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between {}.", parts.join(" and "));
                return Err(vm.new_error("ValueError", &msg));
            }
        }
    }
    Ok(super::shape_tuple(&shape))
}

fn np_broadcast_to(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let Some(s) = arg(args, kw, 1, "shape") else {
        return Err(vm.new_error(
            "TypeError",
            "broadcast_to() missing required argument 'shape'",
        ));
    };
    let s = parse_shape(vm, s)?;
    if broadcast_shapes(&a.shape, &s).as_deref() != Some(&s[..]) {
        let msg = format!(
            "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
            shape_str(&a.shape),
            shape_str(&s)
        );
        return Err(vm.new_error("ValueError", &msg));
    }
    Ok(wrap(vm, a.broadcast_to(&s)))
}

fn count_nonzero(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let n = a
        .to_words_as(DType::Bool)
        .iter()
        .filter(|&&w| w != 0)
        .count();
    Ok(Value::Int(n as i64))
}

fn diff(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    if a.ndim() != 1 {
        return Err(vm.new_error("ValueError", "diff: only 1-d arrays are supported"));
    }
    let n = a.shape[0];
    if n == 0 {
        return Ok(wrap(vm, a.copy()));
    }
    let hi = NdArray {
        offset: (a.offset as isize + a.strides[0]) as usize,
        shape: vec![n - 1],
        ..a.clone()
    };
    let lo = NdArray {
        shape: vec![n - 1],
        ..a.clone()
    };
    let r = binary(Bin::Sub, &hi, false, &lo, false).map_err(|e| op_err(vm, e))?;
    Ok(wrap(vm, r))
}

fn unique(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let flat = a.reshape(vec![a.size()]);
    let s = linalg::sort(&flat, 0, false);
    let words = s.to_words();
    let mut out: Vec<u64> = Vec::new();
    for w in words {
        if out.last() != Some(&w) {
            out.push(w);
        }
    }
    let n = out.len();
    Ok(wrap(vm, NdArray::from_words(a.dtype, vec![n], out)))
}

fn np_shape(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    Ok(super::shape_tuple(&a.shape))
}

fn np_isscalar(_vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let v = args.first().unwrap_or(&Value::None);
    Ok(Value::Bool(
        matches!(
            v,
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Str(_)
        ) || super::np_scalar(v).is_some(),
    ))
}

fn np_transpose(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let x = wrap(vm, a);
    let rest: Vec<Value> = args[1..].to_vec();
    vm.call_method(&x, "transpose", &rest)
}

/// `ravel`: a view of C-contiguous data, else a new C-ordered copy (which, as numpy's, owns
/// its data).
pub fn np_ravel(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    let n = a.size();
    let r = if a.is_c_contiguous() {
        a.reshape(vec![n])
    } else {
        a.copy().reshape(vec![n]).owning()
    };
    Ok(wrap(vm, r))
}

fn atleast(vm: &mut Vm, args: &[Value], nd: usize) -> PyResult<Value> {
    let a = this(vm, args)?;
    let r = match (a.ndim(), nd) {
        (0, 1) => a.reshape(vec![1]),
        (0, 2) => a.reshape(vec![1, 1]),
        (1, 2) => {
            let n = a.shape[0];
            a.reshape(vec![1, n])
        }
        _ => a,
    };
    Ok(wrap(vm, r))
}

fn meshgrid(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(vm.new_error("TypeError", "meshgrid: only two arrays are supported"));
    }
    let x = to_array(vm, &args[0])?;
    let y = to_array(vm, &args[1])?;
    let (nx, ny) = (x.size(), y.size());
    let xx = x.reshape(vec![1, nx]).broadcast_to(&[ny, nx]).copy();
    let yy = y.reshape(vec![ny, 1]).broadcast_to(&[ny, nx]).copy();
    let a = wrap(vm, xx);
    let b = wrap(vm, yy);
    Ok(Value::tuple(vec![a, b]))
}

fn tile_repeat(vm: &mut Vm, args: &[Value], kw: Kwargs, tile: bool) -> PyResult<Value> {
    let a = this(vm, args)?;
    let r = match arg(args, kw, 1, if tile { "reps" } else { "repeats" }) {
        Some(v) => vm.index_value(&v.clone())?.max(0) as usize,
        None => return Err(vm.new_error("TypeError", "missing required argument")),
    };
    let flat = if tile {
        a.clone()
    } else {
        a.reshape(vec![a.size()])
    };
    let words = flat.to_words();
    if words.len().saturating_mul(r) > super::MAX_SIZE {
        return Err(vm.new_error("MemoryError", "array is too big"));
    }
    let mut out = Vec::with_capacity(words.len() * r);
    if tile {
        if a.ndim() > 1 {
            return Err(vm.new_error("ValueError", "tile: only 1-d arrays are supported"));
        }
        for _ in 0..r {
            out.extend_from_slice(&words);
        }
    } else {
        for w in &words {
            for _ in 0..r {
                out.push(*w);
            }
        }
    }
    let n = out.len();
    Ok(wrap(vm, NdArray::from_words(a.dtype, vec![n], out)))
}

fn trace(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    if a.ndim() != 2 {
        return Err(vm.new_error(
            "ValueError",
            "diag requires an array of at least two dimensions",
        ));
    }
    let n = a.shape[0].min(a.shape[1]);
    let d = NdArray {
        shape: vec![n],
        strides: vec![a.strides[0] + a.strides[1]],
        ..a
    };
    let r = super::reduce::reduce(&d, Red::Sum, None, false).map_err(|e| op_err(vm, e))?;
    Ok(result(vm, r))
}

fn diag(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = this(vm, args)?;
    match a.ndim() {
        1 => {
            let n = a.shape[0];
            let out = NdArray::full(a.dtype, vec![n, n], Scalar::I(0));
            for i in 0..n {
                out.buf.set(i * n + i, a.word(a.offset_of(&[i])));
            }
            Ok(wrap(vm, out))
        }
        2 => {
            let n = a.shape[0].min(a.shape[1]);
            let d = NdArray {
                shape: vec![n],
                strides: vec![a.strides[0] + a.strides[1]],
                ..a
            };
            Ok(wrap(vm, d.copy()))
        }
        _ => Err(vm.new_error("ValueError", "Input must be 1- or 2-d.")),
    }
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let c = classes(vm);
    let (m, d) = crate::modules::new_module("numpy");
    d.set_by_str("__version__", Value::str("2.4.6"));
    d.set_by_str("ndarray", Value::Class(c.ndarray.clone()));
    d.set_by_str("float64", Value::Class(c.float64.clone()));
    d.set_by_str("double", Value::Class(c.float64.clone()));
    d.set_by_str("int64", Value::Class(c.int64.clone()));
    d.set_by_str("int_", Value::Class(c.int64.clone()));
    d.set_by_str("intp", Value::Class(c.int64.clone()));
    d.set_by_str("bool", Value::Class(c.bool_.clone()));
    d.set_by_str("bool_", Value::Class(c.bool_.clone()));
    d.set_by_str("dtype", Value::Class(c.dtype.clone()));
    d.set_by_str("pi", Value::Float(std::f64::consts::PI));
    d.set_by_str("e", Value::Float(std::f64::consts::E));
    d.set_by_str("inf", Value::Float(f64::INFINITY));
    d.set_by_str("nan", Value::Float(f64::NAN));
    d.set_by_str("newaxis", Value::None);
    let (em, ed) = crate::modules::new_module("numpy.exceptions");
    ed.set_by_str("AxisError", Value::Class(c.axis_error.clone()));
    d.set_by_str("exceptions", em);
    d.set_by_str("True_", super::scalar_value(vm, Scalar::B(true)));
    d.set_by_str("False_", super::scalar_value(vm, Scalar::B(false)));
    reg!(d,
        "array" => creation::np_array,
        "asarray" => creation::np_asarray,
        "zeros" => creation::zeros,
        "ones" => creation::ones,
        "empty" => creation::empty,
        "full" => creation::full,
        "zeros_like" => creation::zeros_like,
        "ones_like" => creation::ones_like,
        "empty_like" => creation::empty_like,
        "full_like" => creation::full_like,
        "arange" => creation::arange,
        "linspace" => creation::linspace,
        "eye" => creation::eye,
        "identity" => creation::identity,
        "concatenate" => creation::concatenate,
        "stack" => creation::stack,
        "vstack" => creation::vstack,
        "hstack" => creation::hstack,
        "fromfunction" => creation::fromfunction,
        "copy" => layout::np_copy,
        "ascontiguousarray" => layout::ascontiguousarray,
        "asfortranarray" => layout::asfortranarray,
        "resize" => layout::resize,
        "reshape" => np_reshape,
        "ravel" => np_ravel,
        "transpose" => np_transpose,
        "squeeze" => squeeze,
        "expand_dims" => expand_dims,
        "broadcast_shapes" => np_broadcast_shapes,
        "broadcast_to" => np_broadcast_to,
        "shape" => np_shape,
        "isscalar" => np_isscalar,
        "atleast_1d" => |vm, a, _| atleast(vm, a, 1),
        "atleast_2d" => |vm, a, _| atleast(vm, a, 2),
        "meshgrid" => meshgrid,
        "tile" => |vm, a, kw| tile_repeat(vm, a, kw, true),
        "repeat" => |vm, a, kw| tile_repeat(vm, a, kw, false),
        "trace" => trace,
        "diag" => diag,
        "diff" => diff,
        "unique" => unique,
        "count_nonzero" => count_nonzero,
        "ndim" => |vm, a, _| Ok(Value::Int(this(vm, a)?.ndim() as i64)),
        "size" => |vm, a, _| Ok(Value::Int(this(vm, a)?.size() as i64)),
        "dot" => np_dot,
        "matmul" => |vm, a, _| {
            if a.len() < 2 {
                return Err(vm.new_error("TypeError", "matmul() takes from 2 to 3 positional arguments"));
            }
            let x = to_array(vm, &a[0])?;
            let y = to_array(vm, &a[1])?;
            let r = linalg::matmul(&x, &y).map_err(|e| op_err(vm, e))?;
            Ok(result(vm, r))
        },
        "outer" => |vm, a, _| {
            if a.len() < 2 {
                return Err(vm.new_error("TypeError", "outer() missing required argument"));
            }
            let x = to_array(vm, &a[0])?;
            let y = to_array(vm, &a[1])?;
            let r = linalg::outer(&x, &y).map_err(|e| op_err(vm, e))?;
            Ok(wrap(vm, r))
        },
        "where" => np_where,
        "clip" => np_clip,
        "round" => np_round,
        "around" => np_round,
        "nonzero" => np_nonzero,
        "sort" => |vm, a, kw| sort_fn(vm, a, kw, false),
        "argsort" => |vm, a, kw| sort_fn(vm, a, kw, true),
        "array_equal" => array_equal,
        "isclose" => |vm, a, kw| {
            let r = isclose_parts(vm, a, kw)?;
            Ok(result(vm, r))
        },
        "allclose" => |vm, a, kw| {
            let r = isclose_parts(vm, a, kw)?;
            Ok(Value::Bool(r.to_words().iter().all(|&w| w != 0)))
        },
        "set_printoptions" => set_printoptions,
        "sum" => |vm, a, kw| reduction(vm, a, kw, Red::Sum),
        "prod" => |vm, a, kw| reduction(vm, a, kw, Red::Prod),
        "mean" => |vm, a, kw| reduction(vm, a, kw, Red::Mean),
        "average" => |vm, a, kw| reduction(vm, a, kw, Red::Mean),
        "std" => |vm, a, kw| reduction(vm, a, kw, Red::Std(0.0)),
        "var" => |vm, a, kw| reduction(vm, a, kw, Red::Var(0.0)),
        "min" => |vm, a, kw| reduction(vm, a, kw, Red::Min),
        "max" => |vm, a, kw| reduction(vm, a, kw, Red::Max),
        "amin" => |vm, a, kw| reduction(vm, a, kw, Red::Min),
        "amax" => |vm, a, kw| reduction(vm, a, kw, Red::Max),
        "argmin" => |vm, a, kw| reduction(vm, a, kw, Red::ArgMin),
        "argmax" => |vm, a, kw| reduction(vm, a, kw, Red::ArgMax),
        "any" => |vm, a, kw| reduction(vm, a, kw, Red::Any),
        "all" => |vm, a, kw| reduction(vm, a, kw, Red::All),
        "nansum" => nan::nansum,
        "nanprod" => nan::nanprod,
        "nanmean" => nan::nanmean,
        "nanmax" => nan::nanmax,
        "nanmin" => nan::nanmin,
        "cumsum" => |vm, a, kw| {
            let t = this(vm, a)?;
            let x = wrap(vm, t);
            let mut args = vec![x];
            args.extend_from_slice(&a[1..]);
            let f = vm.get_attr_str(&args[0], "cumsum")?;
            vm.call(&f, &args[1..], kw)
        },
        "cumprod" => |vm, a, kw| {
            let t = this(vm, a)?;
            let x = wrap(vm, t);
            let f = vm.get_attr_str(&x, "cumprod")?;
            vm.call(&f, &a[1..], kw)
        },
    );
    macro_rules! unaries {
        ($($name:literal => $op:expr),* $(,)?) => {
            $( d.set_by_str($name, native_fn($name, Some("numpy"), |vm, a, kw| unary_fn(vm, a, kw, $op))); )*
        };
    }
    unaries!(
        "negative" => Un::Neg, "positive" => Un::Pos, "abs" => Un::Abs, "absolute" => Un::Abs,
        "fabs" => Un::Abs, "invert" => Un::Invert, "bitwise_not" => Un::Invert,
        "logical_not" => Un::Not, "sqrt" => Un::Sqrt, "cbrt" => Un::Cbrt, "exp" => Un::Exp,
        "exp2" => Un::Exp2, "expm1" => Un::Expm1, "log" => Un::Log, "log2" => Un::Log2,
        "log10" => Un::Log10, "log1p" => Un::Log1p, "sin" => Un::Sin, "cos" => Un::Cos,
        "tan" => Un::Tan, "arcsin" => Un::Arcsin, "arccos" => Un::Arccos, "arctan" => Un::Arctan,
        "sinh" => Un::Sinh, "cosh" => Un::Cosh, "tanh" => Un::Tanh, "arcsinh" => Un::Arcsinh,
        "arccosh" => Un::Arccosh, "arctanh" => Un::Arctanh, "floor" => Un::Floor,
        "ceil" => Un::Ceil, "trunc" => Un::Trunc, "rint" => Un::Rint, "isnan" => Un::IsNan,
        "isinf" => Un::IsInf, "isfinite" => Un::IsFinite, "sign" => Un::Sign,
        "signbit" => Un::Signbit, "square" => Un::Square, "reciprocal" => Un::Reciprocal,
        "deg2rad" => Un::Deg2Rad, "radians" => Un::Deg2Rad, "rad2deg" => Un::Rad2Deg,
        "degrees" => Un::Rad2Deg,
    );
    macro_rules! binaries {
        ($($name:literal => $op:expr),* $(,)?) => {
            $( d.set_by_str($name, native_fn($name, Some("numpy"), |vm, a, kw| binary_fn(vm, a, kw, $op))); )*
        };
    }
    binaries!(
        "add" => Bin::Add, "subtract" => Bin::Sub, "multiply" => Bin::Mul, "divide" => Bin::Div,
        "true_divide" => Bin::Div, "floor_divide" => Bin::FloorDiv, "mod" => Bin::Mod,
        "remainder" => Bin::Mod, "power" => Bin::Pow, "bitwise_and" => Bin::And,
        "bitwise_or" => Bin::Or, "bitwise_xor" => Bin::Xor, "left_shift" => Bin::LShift,
        "right_shift" => Bin::RShift, "less" => Bin::Lt, "less_equal" => Bin::Le,
        "equal" => Bin::Eq, "not_equal" => Bin::Ne, "greater" => Bin::Gt,
        "greater_equal" => Bin::Ge, "minimum" => Bin::Minimum, "maximum" => Bin::Maximum,
        "fmin" => Bin::Fmin, "fmax" => Bin::Fmax, "arctan2" => Bin::Arctan2,
        "hypot" => Bin::Hypot, "copysign" => Bin::Copysign, "logical_and" => Bin::LogicalAnd,
        "logical_or" => Bin::LogicalOr, "logical_xor" => Bin::LogicalXor,
    );
    let rnd = super::random::create_module(vm)?;
    d.set_by_str("random", rnd.clone());
    vm.modules.set_by_str("numpy.random", rnd);
    let _ = arg_some;
    Ok(m)
}
