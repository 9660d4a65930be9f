//! Indexing as numpy does it: integers (negative too), slices with steps, `...`, `np.newaxis`,
//! views that alias, integer-array ("advanced") indices broadcast and iterated as one, partial
//! advanced indexing, the rule that advanced indices separated by a basic index put the
//! broadcast dimensions first, boolean masks, and assignment through all of these.

use std::rc::Rc;

use crate::runtime::value::{PySlice, Value};
use crate::vm::{PyResult, Vm};

use super::array::{broadcast_shapes, nd_for_each, NdArray};
use super::dtype::{convert_word, DType};
use super::{arr, creation, np_scalar, result, scalar_value, to_array};

enum Idx {
    Int(i64),
    Slice(Value, Value, Value),
    NewAxis,
    Ellipsis,
    Arr(NdArray),
    Bool(NdArray),
}

const VALID: &str = "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices";

fn parse_item(vm: &mut Vm, v: &Value) -> PyResult<Idx> {
    Ok(match v {
        Value::Int(i) => Idx::Int(*i),
        Value::None => Idx::NewAxis,
        Value::Ellipsis => Idx::Ellipsis,
        Value::Slice(s) => Idx::Slice(s.start.clone(), s.stop.clone(), s.step.clone()),
        Value::Bool(b) => Idx::Bool(NdArray::scalar(super::dtype::Scalar::B(*b))),
        Value::List(_) | Value::Tuple(_) => {
            let a = creation::from_py(vm, v, None)?;
            index_array(vm, a)?
        }
        _ => {
            if let Some(a) = arr(v) {
                return index_array(vm, a.clone());
            }
            if let Some(s) = np_scalar(v) {
                return match s {
                    super::dtype::Scalar::I(i) => Ok(Idx::Int(i)),
                    super::dtype::Scalar::B(b) => {
                        Ok(Idx::Bool(NdArray::scalar(super::dtype::Scalar::B(b))))
                    }
                    _ => Err(vm.new_error("IndexError", VALID)),
                };
            }
            if matches!(v, Value::Instance(_) | Value::Native(_))
                && vm.lookup_special(v, "__index__").is_some()
            {
                return Ok(Idx::Int(vm.index_value(v)?));
            }
            return Err(vm.new_error("IndexError", VALID));
        }
    })
}

fn index_array(vm: &mut Vm, a: NdArray) -> PyResult<Idx> {
    match a.dtype {
        DType::Int64 => Ok(Idx::Arr(a)),
        DType::Bool => Ok(Idx::Bool(a)),
        DType::Float64 if a.size() == 0 => Ok(Idx::Arr(a.astype(DType::Int64))),
        DType::Float64 => Err(vm.new_error(
            "IndexError",
            "arrays used as indices must be of integer (or boolean) type",
        )),
    }
}

/// The result of applying an index: a view, or the element offsets of a gathered copy.
pub enum Target {
    View(NdArray),
    Gather(Vec<usize>, Vec<usize>),
}

fn rel_offsets(shape: &[usize], strides: &[isize]) -> Vec<isize> {
    let mut v = Vec::new();
    // Offsets are computed relative to a large base so negative strides stay non-negative.
    let base = 1usize << 40;
    nd_for_each(shape, [strides], [base], |[o]| {
        v.push(o as isize - base as isize)
    });
    v
}

fn nonzero_1d(a: &NdArray) -> Vec<Vec<i64>> {
    let nd = a.ndim();
    let mut out = vec![Vec::new(); nd];
    let mut idx = vec![0usize; nd];
    let n = a.size();
    let words = a.to_words();
    for (k, w) in words.iter().enumerate().take(n) {
        if *w != 0 {
            for d in 0..nd {
                out[d].push(idx[d] as i64);
            }
        }
        let _ = k;
        for d in (0..nd).rev() {
            idx[d] += 1;
            if idx[d] < a.shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out
}

pub fn resolve(vm: &mut Vm, a: &NdArray, key: &Value) -> PyResult<(Target, bool)> {
    let raw: Vec<Value> = match key {
        Value::Tuple(t) => t.items.to_vec(),
        _ => vec![key.clone()],
    };
    let mut items = Vec::with_capacity(raw.len());
    for v in &raw {
        items.push(parse_item(vm, v)?);
    }
    // Expand boolean arrays into integer arrays (one per mask dimension).
    let mut consumed = 0usize;
    let mut n_ell = 0;
    for it in &items {
        match it {
            Idx::Int(_) | Idx::Slice(..) | Idx::Arr(_) => consumed += 1,
            Idx::Bool(b) => consumed += b.ndim(),
            Idx::Ellipsis => n_ell += 1,
            Idx::NewAxis => {}
        }
    }
    if n_ell > 1 {
        return Err(vm.new_error(
            "IndexError",
            "an index can only have a single ellipsis ('...')",
        ));
    }
    if consumed > a.ndim() {
        let msg = format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            a.ndim(),
            consumed
        );
        return Err(vm.new_error("IndexError", &msg));
    }
    let all_int =
        n_ell == 0 && items.iter().all(|i| matches!(i, Idx::Int(_))) && consumed == a.ndim();
    let mut expanded: Vec<Idx> = Vec::with_capacity(items.len() + a.ndim());
    let mut dim = 0usize;
    for it in items {
        match it {
            Idx::Ellipsis => {
                for _ in 0..a.ndim() - consumed {
                    expanded.push(Idx::Slice(Value::None, Value::None, Value::None));
                    dim += 1;
                }
            }
            Idx::Bool(b) if b.ndim() == 0 => {
                // x[True] adds an axis of length 1, x[False] one of length 0.
                let _ = b;
                expanded.push(Idx::NewAxis);
            }
            Idx::Bool(b) => {
                for i in 0..b.ndim() {
                    if b.shape[i] != a.shape[dim + i] {
                        let msg = format!(
                            "boolean index did not match indexed array along axis {}; size of axis is {} but size of corresponding boolean axis is {}",
                            dim + i,
                            a.shape[dim + i],
                            b.shape[i]
                        );
                        return Err(vm.new_error("IndexError", &msg));
                    }
                }
                for v in nonzero_1d(&b) {
                    let n = v.len();
                    expanded.push(Idx::Arr(NdArray::from_i64(vec![n], v)));
                    dim += 1;
                }
            }
            Idx::NewAxis => expanded.push(Idx::NewAxis),
            other => {
                expanded.push(other);
                dim += 1;
            }
        }
    }
    let has_adv = expanded.iter().any(|i| matches!(i, Idx::Arr(_)));
    let mut offset = a.offset as isize;
    let mut shape = Vec::new();
    let mut strides = Vec::new();
    // (source dim, position among basic output dims, index array)
    let mut adv: Vec<(usize, usize, NdArray)> = Vec::new();
    let mut d = 0usize;
    for it in expanded {
        match it {
            Idx::Int(i) if !has_adv => {
                let n = a.shape[d] as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    let msg = format!("index {i} is out of bounds for axis {d} with size {n}");
                    return Err(vm.new_error("IndexError", &msg));
                }
                offset += j as isize * a.strides[d];
                d += 1;
            }
            Idx::Int(i) => {
                adv.push((d, shape.len(), NdArray::from_i64(vec![], vec![i])));
                d += 1;
            }
            Idx::Slice(start, stop, step) => {
                let s = PySlice { start, stop, step };
                let (st, _, stp, n) = vm.slice_indices(&s, a.shape[d])?;
                offset += st as isize * a.strides[d];
                shape.push(n);
                strides.push(stp as isize * a.strides[d]);
                d += 1;
            }
            Idx::NewAxis => {
                shape.push(1);
                strides.push(0);
            }
            Idx::Arr(x) => {
                adv.push((d, shape.len(), x));
                d += 1;
            }
            Idx::Ellipsis | Idx::Bool(_) => {}
        }
    }
    while d < a.ndim() {
        shape.push(a.shape[d]);
        strides.push(a.strides[d]);
        d += 1;
    }
    if adv.is_empty() {
        let v = NdArray {
            buf: a.buf.clone(),
            dtype: a.dtype,
            offset: offset.max(0) as usize,
            shape,
            strides,
            owndata: false,
        };
        return Ok((Target::View(v), all_int));
    }
    // Broadcast the index arrays.
    let mut bshape: Vec<usize> = vec![];
    for (_, _, x) in &adv {
        match broadcast_shapes(&bshape, &x.shape) {
            Some(s) => bshape = s,
            None => {
                let shapes: Vec<String> = adv
                    .iter()
                    .map(|(_, _, x)| super::ufunc::shape_str(&x.shape))
                    .collect();
                let msg = format!(
                    "shape mismatch: indexing arrays could not be broadcast together with shapes {} ",
                    shapes.join(" ")
                );
                return Err(vm.new_error("IndexError", &msg));
            }
        }
    }
    let nb = super::array::shape_size(&bshape);
    let mut adv_off = vec![0isize; nb];
    for (src_dim, _, x) in &adv {
        let xb = x.broadcast_to(&bshape);
        let n = a.shape[*src_dim] as i64;
        let st = a.strides[*src_dim];
        let mut k = 0;
        let mut bad = None;
        xb.for_each_offset(|o| {
            let i = xb.word(o) as i64;
            let j = if i < 0 { i + n } else { i };
            if (j < 0 || j >= n) && bad.is_none() {
                bad = Some(i);
            }
            if k < nb {
                adv_off[k] += j as isize * st;
            }
            k += 1;
        });
        if let Some(i) = bad {
            let msg = format!("index {i} is out of bounds for axis {src_dim} with size {n}");
            return Err(vm.new_error("IndexError", &msg));
        }
    }
    let first_pos = adv[0].1;
    let adjacent = adv.iter().all(|(_, p, _)| *p == first_pos);
    let p = if adjacent { first_pos } else { 0 };
    let pre = rel_offsets(&shape[..p], &strides[..p]);
    let post = rel_offsets(&shape[p..], &strides[p..]);
    let mut offsets = Vec::with_capacity(pre.len() * nb * post.len());
    for o1 in &pre {
        for k in &adv_off {
            for o2 in &post {
                offsets.push((offset + o1 + k + o2).max(0) as usize);
            }
        }
    }
    let mut out_shape = shape[..p].to_vec();
    out_shape.extend_from_slice(&bshape);
    out_shape.extend_from_slice(&shape[p..]);
    Ok((Target::Gather(out_shape, offsets), false))
}

/// Fast path: `a[i]` / `a[i, j, ...]` with plain ints selecting one element.
fn fast_offset(a: &NdArray, key: &Value) -> Option<usize> {
    match key {
        Value::Int(i) if a.ndim() == 1 => {
            let n = a.shape[0] as i64;
            let j = if *i < 0 { i + n } else { *i };
            if j < 0 || j >= n {
                return None;
            }
            Some((a.offset as isize + j as isize * a.strides[0]) as usize)
        }
        Value::Tuple(t) if t.items.len() == a.ndim() => {
            let mut o = a.offset as isize;
            for (d, v) in t.items.iter().enumerate() {
                let Value::Int(i) = v else { return None };
                let n = a.shape[d] as i64;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    return None;
                }
                o += j as isize * a.strides[d];
            }
            Some(o as usize)
        }
        _ => None,
    }
}

/// `obj[key]` for an exact `ndarray` and an in-range element key (an int per axis): the
/// element, without looking up `__getitem__` (interpreted `a[i, j]`, in the loops that run
/// before on-stack replacement). None when another path must decide.
pub fn element(vm: &Vm, obj: &Value, key: &Value) -> Option<Value> {
    let a = exact_ndarray(vm, obj)?;
    let o = fast_offset(a, key)?;
    Some(scalar_value(vm, a.get(o)))
}

/// `obj[key] = value` for an exact `ndarray`, an in-range element key and a scalar value;
/// false when another path must do it.
pub fn set_element(vm: &Vm, obj: &Value, key: &Value, value: &Value) -> bool {
    let Some(a) = exact_ndarray(vm, obj) else {
        return false;
    };
    match (fast_offset(a, key), super::any_scalar(value)) {
        (Some(o), Some((s, _))) => {
            a.buf.set(o, s.encode(a.dtype));
            true
        }
        _ => false,
    }
}

/// The array of `obj` if its class is `ndarray` itself (a subclass may override indexing).
fn exact_ndarray<'v>(vm: &Vm, obj: &'v Value) -> Option<&'v NdArray> {
    let Value::Native(n) = obj else {
        return None;
    };
    let a = n.get::<NdArray>()?;
    Rc::ptr_eq(&n.class, &super::classes(vm).ndarray).then_some(a)
}

pub fn getitem(vm: &mut Vm, a: &NdArray, key: &Value) -> PyResult<Value> {
    if let Some(o) = fast_offset(a, key) {
        return Ok(scalar_value(vm, a.get(o)));
    }
    let (t, all_int) = resolve(vm, a, key)?;
    Ok(match t {
        Target::View(v) => {
            if all_int {
                result(vm, v)
            } else {
                super::wrap(vm, v)
            }
        }
        Target::Gather(shape, offs) => {
            let words: Vec<u64> = offs.iter().map(|&o| a.word(o)).collect();
            super::wrap(vm, NdArray::from_words(a.dtype, shape, words))
        }
    })
}

pub fn setitem(vm: &mut Vm, a: &NdArray, key: &Value, value: &Value) -> PyResult<()> {
    if let Some(o) = fast_offset(a, key) {
        if let Some((s, _)) = super::any_scalar(value) {
            a.buf.set(o, s.encode(a.dtype));
            return Ok(());
        }
    }
    let src = to_array(vm, value)?;
    let (t, _) = resolve(vm, a, key)?;
    match t {
        Target::View(v) => {
            if broadcast_shapes(&src.shape, &v.shape).as_deref() != Some(&v.shape[..]) {
                return Err(bcast_err(vm, &src.shape, &v.shape));
            }
            v.assign(&src);
        }
        Target::Gather(shape, offs) => {
            if broadcast_shapes(&src.shape, &shape).as_deref() != Some(&shape[..]) {
                return Err(bcast_err(vm, &src.shape, &shape));
            }
            let words = src.broadcast_to(&shape).to_words();
            for (o, w) in offs.iter().zip(words) {
                a.buf.set(*o, convert_word(src.dtype, a.dtype, w));
            }
        }
    }
    Ok(())
}

fn bcast_err(vm: &mut Vm, from: &[usize], to: &[usize]) -> crate::vm::PyErr {
    let msg = format!(
        "could not broadcast input array from shape {} into shape {}",
        super::ufunc::shape_str(from),
        super::ufunc::shape_str(to)
    );
    vm.new_error("ValueError", &msg)
}
