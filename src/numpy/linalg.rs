//! Products and orderings: `dot`, `matmul`/`@`, `outer`, `sort`/`argsort`, plus `where`,
//! `clip`, `round`, `nonzero`, `allclose`/`isclose`, `array_equal`.

use super::array::{broadcast_shapes, NdArray};
use super::dtype::{DType, OpType, Scalar};
use super::ufunc::{binary, shape_str, unary, Bin, OpErr, Un};

fn mm_err(a: &[usize], b: &[usize], k1: usize, k2: usize) -> OpErr {
    let _ = (a, b);
    OpErr::Value(format!(
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size {k2} is different from {k1})"
    ))
}

/// 2-D product of (n, k) and (k, m) arrays of the same dtype.
fn mat2(a: &NdArray, b: &NdArray, dt: DType) -> NdArray {
    let (n, k, m) = (a.shape[0], a.shape[1], b.shape[1]);
    if dt == DType::Float64 {
        let av = a.to_f64_vec();
        let bv = b.to_f64_vec();
        let mut out = vec![0.0f64; n * m];
        for i in 0..n {
            for p in 0..k {
                let x = av[i * k + p];
                let row = &bv[p * m..p * m + m];
                let o = &mut out[i * m..i * m + m];
                for (oj, bj) in o.iter_mut().zip(row) {
                    *oj += x * bj;
                }
            }
        }
        NdArray::from_f64(vec![n, m], out)
    } else {
        let av = a.to_i64_vec();
        let bv = b.to_i64_vec();
        let mut out = vec![0i64; n * m];
        for i in 0..n {
            for p in 0..k {
                let x = av[i * k + p];
                for j in 0..m {
                    out[i * m + j] = out[i * m + j].wrapping_add(x.wrapping_mul(bv[p * m + j]));
                }
            }
        }
        let r = NdArray::from_i64(vec![n, m], out);
        if dt == DType::Bool {
            r.astype(DType::Bool)
        } else {
            r
        }
    }
}

/// `a @ b` for 1-D and 2-D operands (and stacks of matrices broadcast over leading dims).
pub fn matmul(a: &NdArray, b: &NdArray) -> Result<NdArray, OpErr> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return Err(OpErr::Value("matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)".into()));
    }
    let dt = a.dtype.max(b.dtype);
    let a1 = a.ndim() == 1;
    let b1 = b.ndim() == 1;
    let am = if a1 {
        a.reshape(vec![1, a.shape[0]])
    } else {
        a.clone()
    };
    let bm = if b1 {
        b.reshape(vec![b.shape[0], 1])
    } else {
        b.clone()
    };
    let (ka, kb) = (am.shape[am.ndim() - 1], bm.shape[bm.ndim() - 2]);
    if ka != kb {
        return Err(mm_err(&a.shape, &b.shape, ka, kb));
    }
    let r = if am.ndim() == 2 && bm.ndim() == 2 {
        mat2(&am.astype(dt), &bm.astype(dt), dt)
    } else {
        let la = &am.shape[..am.ndim() - 2];
        let lb = &bm.shape[..bm.ndim() - 2];
        let Some(lead) = broadcast_shapes(la, lb) else {
            return Err(OpErr::Value(format!(
                "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{}",
                shape_str(&a.shape),
                shape_str(&a.shape),
                shape_str(&b.shape),
                shape_str(&b.shape)
            )));
        };
        let (n, m) = (am.shape[am.ndim() - 2], bm.shape[bm.ndim() - 1]);
        let mut sa = lead.clone();
        sa.extend_from_slice(&[n, ka]);
        let mut sb = lead.clone();
        sb.extend_from_slice(&[kb, m]);
        let ab = am.broadcast_to(&sa).copy().astype(dt);
        let bb = bm.broadcast_to(&sb).copy().astype(dt);
        let cnt: usize = lead.iter().product();
        let ab = ab.reshape(vec![cnt, n, ka]);
        let bb = bb.reshape(vec![cnt, kb, m]);
        let mut words = Vec::with_capacity(cnt * n * m);
        for i in 0..cnt {
            words.extend(mat2(&ab.subarray(i), &bb.subarray(i), dt).to_words());
        }
        let mut s = lead;
        s.extend_from_slice(&[n, m]);
        NdArray::from_words(dt, s, words)
    };
    let mut shape = r.shape.clone();
    let nd = shape.len();
    if b1 {
        shape.remove(nd - 1);
    }
    if a1 {
        shape.remove(shape.len() - if b1 { 1 } else { 2 });
    }
    Ok(r.reshape(shape).owning())
}

/// `np.dot`: scalars multiply, 1-D·1-D is the inner product, 2-D uses matmul.
pub fn dot(a: &NdArray, b: &NdArray) -> Result<NdArray, OpErr> {
    if a.ndim() == 0 || b.ndim() == 0 {
        return binary(Bin::Mul, a, false, b, false);
    }
    if a.ndim() == 1 && b.ndim() == 1 {
        if a.shape[0] != b.shape[0] {
            return Err(OpErr::Value(format!(
                "shapes {} and {} not aligned: {} (dim 0) != {} (dim 0)",
                shape_str(&a.shape),
                shape_str(&b.shape),
                a.shape[0],
                b.shape[0]
            )));
        }
    } else if a.ndim() <= 2 && b.ndim() <= 2 {
        let ka = a.shape[a.ndim() - 1];
        // The contracted axis of b is its first for 1-D and 2-D alike.
        let kb = b.shape[0];
        if ka != kb {
            return Err(OpErr::Value(format!(
                "shapes {} and {} not aligned: {} (dim {}) != {} (dim 0)",
                shape_str(&a.shape).replace(',', ", ").replace(", )", ",)"),
                shape_str(&b.shape).replace(',', ", ").replace(", )", ",)"),
                ka,
                a.ndim() - 1,
                kb
            )));
        }
    }
    matmul(a, b)
}

pub fn outer(a: &NdArray, b: &NdArray) -> Result<NdArray, OpErr> {
    let a = a.reshape(vec![a.size(), 1]);
    let b = b.reshape(vec![1, b.size()]);
    binary(Bin::Mul, &a, false, &b, false)
}

fn cmp_words(dt: DType) -> impl Fn(&u64, &u64) -> std::cmp::Ordering {
    move |x, y| match dt {
        DType::Float64 => {
            let (x, y) = (f64::from_bits(*x), f64::from_bits(*y));
            match (x.is_nan(), y.is_nan()) {
                (true, true) => std::cmp::Ordering::Equal,
                (true, false) => std::cmp::Ordering::Greater,
                (false, true) => std::cmp::Ordering::Less,
                _ => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
            }
        }
        _ => (*x as i64).cmp(&(*y as i64)),
    }
}

/// Sorted copy (or argsort indices) along `axis` (the last by default).
pub fn sort(a: &NdArray, axis: usize, arg: bool) -> NdArray {
    let nd = a.ndim();
    if nd == 0 {
        return if arg {
            NdArray::from_i64(vec![], vec![0])
        } else {
            a.copy()
        };
    }
    let mut perm: Vec<usize> = (0..nd).filter(|&d| d != axis).collect();
    perm.push(axis);
    let t = a.transpose(&perm).copy();
    let n = t.shape[nd - 1];
    let rows = t.size().checked_div(n).unwrap_or(0);
    let words = t.to_words();
    let cmp = cmp_words(a.dtype);
    let mut out: Vec<u64> = Vec::with_capacity(words.len());
    for r in 0..rows {
        let row = &words[r * n..r * n + n];
        if arg {
            let mut idx: Vec<usize> = (0..n).collect();
            idx.sort_by(|&i, &j| cmp(&row[i], &row[j]));
            out.extend(idx.into_iter().map(|i| i as u64));
        } else {
            let mut v = row.to_vec();
            v.sort_by(&cmp);
            out.extend(v);
        }
    }
    let dt = if arg { DType::Int64 } else { a.dtype };
    let sorted = NdArray::from_words(dt, t.shape.clone(), out);
    // Undo the transposition.
    let mut inv = vec![0; nd];
    for (i, &p) in perm.iter().enumerate() {
        inv[p] = i;
    }
    sorted.transpose(&inv).copy()
}

pub fn where3(c: &NdArray, x: &NdArray, wx: bool, y: &NdArray, wy: bool) -> Result<NdArray, OpErr> {
    let dt = super::dtype::promote(
        OpType {
            dtype: x.dtype,
            weak: wx,
        },
        OpType {
            dtype: y.dtype,
            weak: wy,
        },
    );
    let s1 = broadcast_shapes(&c.shape, &x.shape);
    let shape = s1.and_then(|s| broadcast_shapes(&s, &y.shape));
    let Some(shape) = shape else {
        return Err(OpErr::Value(format!(
            "operands could not be broadcast together with shapes {} {} {} ",
            shape_str(&c.shape),
            shape_str(&x.shape),
            shape_str(&y.shape)
        )));
    };
    let cw = c.broadcast_to(&shape).to_words_as(DType::Bool);
    let xw = x.broadcast_to(&shape).to_words_as(dt);
    let yw = y.broadcast_to(&shape).to_words_as(dt);
    let out: Vec<u64> = cw
        .iter()
        .zip(xw.iter().zip(yw.iter()))
        .map(|(c, (x, y))| if *c != 0 { *x } else { *y })
        .collect();
    Ok(NdArray::from_words(dt, shape, out))
}

pub fn round(a: &NdArray, decimals: i64) -> Result<NdArray, OpErr> {
    if a.dtype != DType::Float64 {
        if decimals >= 0 {
            return Ok(a.copy());
        }
        let p = 10i64.pow((-decimals).min(18) as u32) as f64;
        let f = a.astype(DType::Float64);
        let y = binary(Bin::Div, &f, false, &NdArray::scalar(Scalar::F(p)), true)?;
        let y = unary(Un::Rint, &y)?;
        let y = binary(Bin::Mul, &y, false, &NdArray::scalar(Scalar::F(p)), true)?;
        return Ok(y.astype(a.dtype));
    }
    if decimals == 0 {
        return unary(Un::Rint, a);
    }
    let p = 10f64.powi(decimals.unsigned_abs().min(400) as i32);
    let s = NdArray::scalar(Scalar::F(p));
    if decimals > 0 {
        let y = binary(Bin::Mul, a, false, &s, true)?;
        let y = unary(Un::Rint, &y)?;
        binary(Bin::Div, &y, false, &s, true)
    } else {
        let y = binary(Bin::Div, a, false, &s, true)?;
        let y = unary(Un::Rint, &y)?;
        binary(Bin::Mul, &y, false, &s, true)
    }
}

pub fn nonzero(a: &NdArray) -> Vec<NdArray> {
    let nd = a.ndim().max(1);
    let a = if a.ndim() == 0 {
        a.reshape(vec![1])
    } else {
        a.clone()
    };
    let mut out = vec![Vec::new(); nd];
    let mut idx = vec![0usize; nd];
    let words = a.to_words_as(DType::Bool);
    for w in words {
        if w != 0 {
            for d in 0..nd {
                out[d].push(idx[d] as i64);
            }
        }
        for d in (0..nd).rev() {
            idx[d] += 1;
            if idx[d] < a.shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out.into_iter()
        .map(|v| NdArray::from_i64(vec![v.len()], v))
        .collect()
}

pub fn isclose(
    a: &NdArray,
    b: &NdArray,
    rtol: f64,
    atol: f64,
    equal_nan: bool,
) -> Result<NdArray, OpErr> {
    let Some(shape) = broadcast_shapes(&a.shape, &b.shape) else {
        return Err(OpErr::Value(format!(
            "operands could not be broadcast together with shapes {} {} ",
            shape_str(&a.shape),
            shape_str(&b.shape)
        )));
    };
    let x = a.broadcast_to(&shape).to_f64_vec();
    let y = b.broadcast_to(&shape).to_f64_vec();
    let out: Vec<u64> = x
        .iter()
        .zip(y.iter())
        .map(|(&x, &y)| {
            let r = if x.is_nan() || y.is_nan() {
                equal_nan && x.is_nan() && y.is_nan()
            } else if x.is_infinite() || y.is_infinite() {
                x == y
            } else {
                (x - y).abs() <= atol + rtol * y.abs()
            };
            r as u64
        })
        .collect();
    Ok(NdArray::from_words(DType::Bool, shape, out))
}
