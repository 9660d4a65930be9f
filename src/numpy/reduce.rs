//! Reductions: sum, prod, mean, var, std, min, max, argmin, argmax, any, all (with `axis`,
//! axis tuples and `keepdims`), cumsum and cumprod. Float sums use numpy's pairwise summation
//! (8-way unrolled blocks of 128) in the same places numpy does, so results match bit for bit.

use super::array::NdArray;
use super::dtype::{word_f64, word_i64, DType, Scalar};
use super::ufunc::{binary, unary, Bin, OpErr, Un};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Red {
    Sum,
    Prod,
    Min,
    Max,
    Any,
    All,
    ArgMin,
    ArgMax,
    Mean,
    Var(f64),
    Std(f64),
}

impl Red {
    pub fn name(self) -> &'static str {
        match self {
            Red::Min | Red::ArgMin => "minimum",
            Red::Max | Red::ArgMax => "maximum",
            _ => "",
        }
    }
}

/// numpy's `pairwise_sum` over `n` values produced by `get(i)`.
pub fn pairwise(get: &dyn Fn(usize) -> f64, start: usize, n: usize) -> f64 {
    if n < 8 {
        let mut res = 0.0;
        for i in 0..n {
            res += get(start + i);
        }
        res
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        for (j, x) in r.iter_mut().enumerate() {
            *x = get(start + j);
        }
        let mut i = 8;
        while i < n - (n % 8) {
            for (j, x) in r.iter_mut().enumerate() {
                *x += get(start + i + j);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res += get(start + i);
            i += 1;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise(get, start, n2) + pairwise(get, start + n2, n - n2)
    }
}

/// One lane: `n` elements starting at `off` with stride `st`.
#[derive(Clone, Copy)]
struct Lane {
    off: usize,
    st: isize,
    n: usize,
}

impl Lane {
    #[inline]
    fn at(&self, k: usize) -> usize {
        (self.off as isize + k as isize * self.st) as usize
    }
}

fn float_sum_lane(a: &NdArray, l: Lane, pairwise_ok: bool) -> f64 {
    let dt = a.dtype;
    let get = |k: usize| word_f64(dt, a.word(l.at(k)));
    if !pairwise_ok {
        let mut acc = 0.0;
        for k in 0..l.n {
            acc += get(k);
        }
        return acc;
    }
    if dt != DType::Float64 {
        // A casting reduction runs through numpy's 8192-element buffers.
        let mut acc = 0.0;
        let mut s = 0;
        while s < l.n {
            let m = (l.n - s).min(8192);
            acc += pairwise(&get, s, m);
            s += m;
        }
        return acc;
    }
    if l.st == 1 {
        let cells = a.buf.cells(l.off, l.n);
        if cells.len() == l.n {
            return pairwise_cells(cells);
        }
    }
    pairwise(&get, 0, l.n)
}

/// [`pairwise`] specialised to contiguous float64 words.
pub fn pairwise_cells(c: &[std::cell::Cell<u64>]) -> f64 {
    let n = c.len();
    let g = |i: usize| f64::from_bits(c[i].get());
    if n < 8 {
        let mut res = 0.0;
        for i in 0..n {
            res += g(i);
        }
        res
    } else if n <= 128 {
        let mut r = [0.0f64; 8];
        for (j, x) in r.iter_mut().enumerate() {
            *x = g(j);
        }
        let m = n - (n % 8);
        for blk in c[8..m].chunks_exact(8) {
            for (x, w) in r.iter_mut().zip(blk) {
                *x += f64::from_bits(w.get());
            }
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for w in &c[m..] {
            res += f64::from_bits(w.get());
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_cells(&c[..n2]) + pairwise_cells(&c[n2..])
    }
}

fn reduce_lane(a: &NdArray, op: Red, l: Lane, pairwise_ok: bool) -> Scalar {
    let dt = a.dtype;
    match op {
        Red::Sum | Red::Mean | Red::Var(_) | Red::Std(_) => {
            if dt == DType::Float64 || !matches!(op, Red::Sum) {
                Scalar::F(float_sum_lane(a, l, pairwise_ok))
            } else {
                let mut acc: i64 = 0;
                for k in 0..l.n {
                    acc = acc.wrapping_add(word_i64(dt, a.word(l.at(k))));
                }
                Scalar::I(acc)
            }
        }
        Red::Prod => {
            if dt == DType::Float64 {
                let mut acc = 1.0;
                for k in 0..l.n {
                    acc *= f64::from_bits(a.word(l.at(k)));
                }
                Scalar::F(acc)
            } else {
                let mut acc: i64 = 1;
                for k in 0..l.n {
                    acc = acc.wrapping_mul(word_i64(dt, a.word(l.at(k))));
                }
                Scalar::I(acc)
            }
        }
        Red::Any => Scalar::B((0..l.n).any(|k| a.get(l.at(k)).as_bool())),
        Red::All => Scalar::B((0..l.n).all(|k| a.get(l.at(k)).as_bool())),
        Red::Min | Red::Max => {
            let max = op == Red::Max;
            match dt {
                DType::Float64 => {
                    let mut acc = f64::from_bits(a.word(l.at(0)));
                    for k in 1..l.n {
                        let x = f64::from_bits(a.word(l.at(k)));
                        if acc.is_nan() {
                            break;
                        }
                        if x.is_nan() || (max && x > acc) || (!max && x < acc) {
                            acc = x;
                        }
                    }
                    Scalar::F(acc)
                }
                _ => {
                    let mut acc = word_i64(dt, a.word(l.at(0)));
                    for k in 1..l.n {
                        let x = word_i64(dt, a.word(l.at(k)));
                        if (max && x > acc) || (!max && x < acc) {
                            acc = x;
                        }
                    }
                    if dt == DType::Bool {
                        Scalar::B(acc != 0)
                    } else {
                        Scalar::I(acc)
                    }
                }
            }
        }
        Red::ArgMin | Red::ArgMax => {
            let max = op == Red::ArgMax;
            let mut best = 0usize;
            match dt {
                DType::Float64 => {
                    let mut acc = f64::from_bits(a.word(l.at(0)));
                    if !acc.is_nan() {
                        for k in 1..l.n {
                            let x = f64::from_bits(a.word(l.at(k)));
                            if x.is_nan() {
                                best = k;
                                break;
                            }
                            if (max && x > acc) || (!max && x < acc) {
                                acc = x;
                                best = k;
                            }
                        }
                    }
                }
                _ => {
                    let mut acc = word_i64(dt, a.word(l.at(0)));
                    for k in 1..l.n {
                        let x = word_i64(dt, a.word(l.at(k)));
                        if (max && x > acc) || (!max && x < acc) {
                            acc = x;
                            best = k;
                        }
                    }
                }
            }
            Scalar::I(best as i64)
        }
    }
}

fn out_dtype(op: Red, dt: DType) -> DType {
    match op {
        Red::Sum | Red::Prod => {
            if dt == DType::Float64 {
                dt
            } else {
                DType::Int64
            }
        }
        Red::Min | Red::Max => dt,
        Red::Any | Red::All => DType::Bool,
        Red::ArgMin | Red::ArgMax => DType::Int64,
        Red::Mean | Red::Var(_) | Red::Std(_) => DType::Float64,
    }
}

/// Reduces over `axes` (None: all axes).
pub fn reduce(
    a: &NdArray,
    op: Red,
    axes: Option<Vec<usize>>,
    keepdims: bool,
) -> Result<NdArray, OpErr> {
    let nd = a.ndim();
    let axes: Vec<usize> = axes.unwrap_or_else(|| (0..nd).collect());
    let full = axes.len() == nd;
    // Argmin/argmax over all axes use the flattened C order.
    if matches!(op, Red::ArgMin | Red::ArgMax) && full && nd > 1 {
        let flat = a.reshape(vec![a.size()]);
        let r = reduce(&flat, op, None, false)?;
        if keepdims {
            return Ok(r.reshape(vec![1; nd]).owning());
        }
        return Ok(r);
    }
    let kept: Vec<usize> = (0..nd).filter(|d| !axes.contains(d)).collect();
    let n: usize = axes.iter().map(|&d| a.shape[d]).product();
    if n == 0 && matches!(op, Red::Min | Red::Max | Red::ArgMin | Red::ArgMax) {
        let what = match op {
            Red::ArgMin => "attempt to get argmin of an empty sequence".to_string(),
            Red::ArgMax => "attempt to get argmax of an empty sequence".to_string(),
            _ => format!(
                "zero-size array to reduction operation {} which has no identity",
                op.name()
            ),
        };
        return Err(OpErr::Value(what));
    }
    if let Red::Var(ddof) | Red::Std(ddof) = op {
        let mean = reduce(a, Red::Mean, Some(axes.clone()), true)?;
        let x = binary(Bin::Sub, a, false, &mean, false)?;
        let x2 = binary(Bin::Mul, &x, false, &x, false)?;
        let s = reduce(&x2, Red::Sum, Some(axes.clone()), keepdims)?;
        let div = (n as f64 - ddof).max(0.0);
        let v = binary(Bin::Div, &s, false, &NdArray::scalar(Scalar::F(div)), true)?;
        return if matches!(op, Red::Std(_)) {
            unary(Un::Sqrt, &v)
        } else {
            Ok(v)
        };
    }
    // Transpose the reduced axes to the end and merge them into one lane axis.
    let mut perm = kept.clone();
    perm.extend_from_slice(&axes);
    let t = a.transpose(&perm);
    let kshape: Vec<usize> = kept.iter().map(|&d| a.shape[d]).collect();
    let (lane_view, pairwise_ok) = if axes.len() == 1 {
        (t, axes[0] == nd - 1)
    } else if full && (a.is_c_contiguous() || a.is_f_contiguous()) {
        let c = if a.is_c_contiguous() {
            a.reshape(vec![a.size()])
        } else {
            a.t().reshape(vec![a.size()])
        };
        (c, true)
    } else if full
        && nd > 1
        && matches!(op, Red::Sum | Red::Mean)
        && (a.dtype == DType::Float64 || op == Red::Mean)
    {
        // Non-contiguous full float sums: numpy copies C-order chunks of 8192 elements into a
        // buffer and adds the pairwise sum of each chunk.
        let v = a.to_f64_vec();
        let get = |i: usize| v[i];
        let mut acc = 0.0;
        let mut s = 0;
        while s < v.len() {
            let m = (v.len() - s).min(8192);
            acc += pairwise(&get, s, m);
            s += m;
        }
        if op == Red::Mean {
            acc /= n as f64;
        }
        let out = NdArray::scalar(Scalar::F(acc));
        return Ok(if keepdims {
            out.reshape(vec![1; nd]).owning()
        } else {
            out
        });
    } else {
        let mut s = kshape.clone();
        s.push(n);
        (t.reshape(s), axes.len() == 1 && axes[0] == nd - 1)
    };
    let ld = lane_view.ndim() - 1;
    let odt = out_dtype(op, a.dtype);
    let outer = NdArray {
        shape: lane_view.shape[..ld].to_vec(),
        strides: lane_view.strides[..ld].to_vec(),
        ..lane_view.clone()
    };
    let st = lane_view.strides[ld];
    let mut words = Vec::with_capacity(outer.size());
    outer.for_each_offset(|o| {
        let l = Lane { off: o, st, n };
        let mut s = reduce_lane(&lane_view, op, l, pairwise_ok);
        if op == Red::Mean {
            s = Scalar::F(s.as_f64() / n as f64);
        }
        words.push(s.encode(odt));
    });
    let mut shape = kshape;
    if keepdims {
        shape = (0..nd)
            .map(|d| if axes.contains(&d) { 1 } else { a.shape[d] })
            .collect();
    }
    Ok(NdArray::from_words(odt, shape, words))
}

/// cumsum / cumprod along `axis` (None: flattened).
pub fn cumulate(a: &NdArray, prod: bool, axis: Option<usize>) -> NdArray {
    let (src, ax) = match axis {
        None => (a.reshape(vec![a.size()]), 0),
        Some(x) => (a.clone(), x),
    };
    let odt = if src.dtype == DType::Float64 {
        DType::Float64
    } else {
        DType::Int64
    };
    let out = src.astype(odt);
    let n = out.shape[ax];
    let nd = out.ndim();
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != ax).collect();
    perm.push(ax);
    let t = out.transpose(&perm);
    let outer = NdArray {
        shape: t.shape[..nd - 1].to_vec(),
        strides: t.strides[..nd - 1].to_vec(),
        ..t.clone()
    };
    let st = t.strides[nd - 1];
    outer.for_each_offset(|o| {
        let at = |k: usize| (o as isize + k as isize * st) as usize;
        if odt == DType::Float64 {
            let mut acc = if prod { 1.0 } else { 0.0 };
            for k in 0..n {
                let x = f64::from_bits(t.word(at(k)));
                acc = if k == 0 {
                    x
                } else if prod {
                    acc * x
                } else {
                    acc + x
                };
                t.buf.set(at(k), acc.to_bits());
            }
        } else {
            let mut acc: i64 = 0;
            for k in 0..n {
                let x = t.word(at(k)) as i64;
                acc = if k == 0 {
                    x
                } else if prod {
                    acc.wrapping_mul(x)
                } else {
                    acc.wrapping_add(x)
                };
                t.buf.set(at(k), acc as u64);
            }
        }
    });
    out
}
