//! NaN-ignoring reductions: `np.nansum`, `np.nanprod`, `np.nanmean`, `np.nanmax`, `np.nanmin`
//! (with `axis` None, an int or a tuple, `keepdims`, and `dtype` where numpy has it).
//!
//! They follow numpy's own implementation (numpy/lib/_nanfunctions_impl.py) step by step: a
//! float array is copied with its NaNs replaced by the operation's neutral value and reduced
//! by the ordinary reduction, so sums add in the same order and match numpy bit for bit; other
//! dtypes hold no NaN and go straight to the ordinary reduction. The RuntimeWarnings numpy
//! issues (all-NaN slices) go through the `warnings` module, so filters and `catch_warnings`
//! see them.

use crate::runtime::objects::Kwargs;
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

use super::array::NdArray;
use super::dtype::DType;
use super::methods::{parse_axes, this};
use super::reduce::{reduce, Red};
use super::ufunc::{binary, unary, Bin, Un};
use super::{arg, arr, op_err, parse_dtype, result};

#[derive(Clone, Copy, PartialEq)]
enum NanOp {
    Sum,
    Prod,
    Mean,
    Max,
    Min,
}

impl NanOp {
    fn name(self) -> &'static str {
        match self {
            NanOp::Sum => "nansum",
            NanOp::Prod => "nanprod",
            NanOp::Mean => "nanmean",
            NanOp::Max => "nanmax",
            NanOp::Min => "nanmin",
        }
    }

    /// The parameters after `a`, in numpy's order, and how many of them are positional.
    fn params(self) -> (&'static [&'static str], usize) {
        match self {
            NanOp::Sum | NanOp::Prod => {
                (&["axis", "dtype", "out", "keepdims", "initial", "where"], 6)
            }
            NanOp::Mean => (&["axis", "dtype", "out", "keepdims", "where"], 4),
            NanOp::Max | NanOp::Min => (&["axis", "out", "keepdims", "initial", "where"], 5),
        }
    }
}

/// The parsed arguments of a nan-reduction.
struct NanArgs {
    a: NdArray,
    /// Whether `a` was an ndarray: numpy's nanmax/nanmin take a different path (with other
    /// messages) for lists and scalars.
    is_ndarray: bool,
    axes: Option<Vec<usize>>,
    keepdims: bool,
    dtype: Option<DType>,
}

fn parse_args(vm: &mut Vm, args: &[Value], kw: Kwargs, op: NanOp) -> PyResult<NanArgs> {
    let name = op.name();
    let (params, npos) = op.params();
    if args.len() > npos + 1 {
        return Err(vm.new_error(
            "TypeError",
            &format!(
                "{name}() takes from 1 to {} positional arguments but {} were given",
                npos + 1,
                args.len()
            ),
        ));
    }
    if let Some((k, _)) = kw
        .iter()
        .find(|(k, _)| k.as_str() != "a" && !params.contains(&k.as_str()))
    {
        return Err(vm.new_error(
            "TypeError",
            &format!(
                "{name}() got an unexpected keyword argument '{}'",
                k.as_str()
            ),
        ));
    }
    let Some(av) = arg(args, kw, 0, "a").cloned() else {
        return Err(vm.new_error(
            "TypeError",
            &format!("{name}() missing 1 required positional argument: 'a'"),
        ));
    };
    // Positional or keyword parameter `p` (positions count from `a` = 0).
    let param = |p: &str| {
        let pos = params
            .iter()
            .position(|&q| q == p)
            .map_or(usize::MAX, |i| i + 1);
        let pos = if pos <= npos { pos } else { usize::MAX };
        arg(args, kw, pos, p).filter(|v| !v.is_none()).cloned()
    };
    for p in ["out", "initial", "where"] {
        if params.contains(&p) && param(p).is_some() {
            return Err(vm.new_error(
                "NotImplementedError",
                &format!("{name}: the '{p}' argument is not supported"),
            ));
        }
    }
    let a = this(vm, std::slice::from_ref(&av))?;
    let axes = parse_axes(vm, param("axis").as_ref(), a.ndim())?;
    let keepdims = match param("keepdims") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let dtype = match param("dtype") {
        Some(v) => parse_dtype(vm, &v)?,
        None => None,
    };
    Ok(NanArgs {
        is_ndarray: arr(&av).is_some(),
        a,
        axes,
        keepdims,
        dtype,
    })
}

/// The axes numpy's order 'K' copies in: by decreasing stride magnitude (stable), so the copy
/// keeps the source's memory order (a Fortran-ordered array stays Fortran-ordered).
fn k_order(a: &NdArray) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..a.ndim()).collect();
    perm.sort_by_key(|&d| std::cmp::Reverse(a.strides[d].unsigned_abs()));
    perm
}

/// `_replace_nan`: a copy of the float array `a` (in order 'K', as numpy's
/// `np.array(a, copy=True)` makes it) with every NaN replaced by `val`.
fn replace_nan(a: &NdArray, val: f64) -> NdArray {
    let perm = k_order(a);
    let t = a.transpose(&perm);
    let words: Vec<u64> = t
        .to_words()
        .into_iter()
        .map(|w| {
            if f64::from_bits(w).is_nan() {
                val.to_bits()
            } else {
                w
            }
        })
        .collect();
    let c = NdArray::from_words(a.dtype, t.shape.clone(), words);
    let mut inv = vec![0; perm.len()];
    for (i, &d) in perm.iter().enumerate() {
        inv[d] = i;
    }
    c.transpose(&inv).owning()
}

/// `warnings.warn(msg, RuntimeWarning)`.
fn runtime_warning(vm: &mut Vm, msg: &str) -> PyResult<()> {
    let w = vm.import_module("warnings")?;
    let f = vm.get_attr_str(&w, "warn")?;
    let cat = Value::Class(vm.types.exc("RuntimeWarning"));
    vm.call(&f, &[Value::str(msg), cat], &[])?;
    Ok(())
}

/// nansum / nanprod: NaNs count as 0 / 1.
fn sum_prod(vm: &mut Vm, p: &NanArgs, op: NanOp) -> PyResult<NdArray> {
    let (red, fill) = if op == NanOp::Sum {
        (Red::Sum, 0.0)
    } else {
        (Red::Prod, 1.0)
    };
    let src = if p.a.dtype == DType::Float64 {
        replace_nan(&p.a, fill)
    } else {
        p.a.clone()
    };
    // numpy accumulates in `dtype`: a narrower one converts every element first (float to int
    // truncates each value, not the sum).
    let src = match p.dtype {
        Some(dt) if dt < src.dtype => src.astype(dt),
        _ => src,
    };
    reduce(&src, red, p.axes.clone(), p.keepdims).map_err(|e| op_err(vm, e))
}

/// nanmean: the sum of the non-NaN values over their count (NaN, with a warning, where the
/// count is 0).
fn mean(vm: &mut Vm, p: &NanArgs) -> PyResult<NdArray> {
    if p.a.dtype != DType::Float64 {
        return reduce(&p.a, Red::Mean, p.axes.clone(), p.keepdims).map_err(|e| op_err(vm, e));
    }
    if p.dtype.is_some_and(|d| d != DType::Float64) {
        return Err(vm.new_error("TypeError", "If a is inexact, then dtype must be inexact"));
    }
    let r = (|| {
        let valid = unary(Un::Not, &unary(Un::IsNan, &p.a)?)?;
        let cnt = reduce(&valid, Red::Sum, p.axes.clone(), p.keepdims)?;
        let tot = reduce(
            &replace_nan(&p.a, 0.0),
            Red::Sum,
            p.axes.clone(),
            p.keepdims,
        )?;
        let avg = binary(Bin::Div, &tot, false, &cnt, false)?;
        Ok((avg, cnt))
    })();
    let (avg, cnt) = r.map_err(|e| op_err(vm, e))?;
    if cnt.to_words().contains(&0) {
        runtime_warning(vm, "Mean of empty slice")?;
    }
    Ok(avg)
}

/// nanmax / nanmin: the extreme of the non-NaN values (NaN, with a warning, for all-NaN
/// slices). Empty reductions raise, naming the ufunc numpy reduces with: `fmax`/`fmin` for
/// arrays, `maximum`/`minimum` for other inputs.
fn extreme(vm: &mut Vm, p: &NanArgs, op: NanOp) -> PyResult<NdArray> {
    let max = op == NanOp::Max;
    let n: usize = match &p.axes {
        Some(ax) => ax.iter().map(|&d| p.a.shape[d]).product(),
        None => p.a.size(),
    };
    if n == 0 {
        let ufunc = match (max, p.is_ndarray) {
            (true, true) => "fmax",
            (false, true) => "fmin",
            (true, false) => "maximum",
            (false, false) => "minimum",
        };
        return Err(vm.new_error(
            "ValueError",
            &format!("zero-size array to reduction operation {ufunc} which has no identity"),
        ));
    }
    let red = if max { Red::Max } else { Red::Min };
    if p.a.dtype != DType::Float64 {
        return reduce(&p.a, red, p.axes.clone(), p.keepdims).map_err(|e| op_err(vm, e));
    }
    // NaNs replaced by the value that never wins, then the slices that were all NaN set back.
    let fill = if max {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    let r = (|| {
        let r = reduce(&replace_nan(&p.a, fill), red, p.axes.clone(), p.keepdims)?;
        let all_nan = reduce(
            &unary(Un::IsNan, &p.a)?,
            Red::All,
            p.axes.clone(),
            p.keepdims,
        )?;
        Ok((r, all_nan))
    })();
    let (r, all_nan) = r.map_err(|e| op_err(vm, e))?;
    let mask = all_nan.to_words();
    if !mask.contains(&1) {
        return Ok(r);
    }
    let words = r
        .to_words()
        .into_iter()
        .zip(mask)
        .map(|(w, m)| if m != 0 { f64::NAN.to_bits() } else { w })
        .collect();
    let out = NdArray::from_words(DType::Float64, r.shape.clone(), words);
    let msg = if p.is_ndarray {
        "All-NaN slice encountered"
    } else {
        "All-NaN axis encountered"
    };
    runtime_warning(vm, msg)?;
    Ok(out)
}

fn nan_reduction(vm: &mut Vm, args: &[Value], kw: Kwargs, op: NanOp) -> PyResult<Value> {
    let p = parse_args(vm, args, kw, op)?;
    let mut r = match op {
        NanOp::Sum | NanOp::Prod => sum_prod(vm, &p, op)?,
        NanOp::Mean => mean(vm, &p)?,
        NanOp::Max | NanOp::Min => extreme(vm, &p, op)?,
    };
    // The result in `dtype` (a bool sum or an int mean comes out in another type first).
    if let Some(dt) = p.dtype {
        r = r.astype(dt);
    }
    Ok(result(vm, r))
}

pub fn nansum(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nan_reduction(vm, args, kw, NanOp::Sum)
}

pub fn nanprod(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nan_reduction(vm, args, kw, NanOp::Prod)
}

pub fn nanmean(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nan_reduction(vm, args, kw, NanOp::Mean)
}

pub fn nanmax(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nan_reduction(vm, args, kw, NanOp::Max)
}

pub fn nanmin(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    nan_reduction(vm, args, kw, NanOp::Min)
}
