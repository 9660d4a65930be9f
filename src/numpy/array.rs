//! The n-dimensional array: a view (offset, shape, strides in elements, dtype) on a shared
//! [`Buffer`], plus strided iteration, broadcasting, copies, reshapes and transposes.

use std::rc::Rc;

use super::buffer::Buffer;
use super::dtype::{convert_word, decode, encode, DType, Scalar};

#[derive(Clone)]
pub struct NdArray {
    pub buf: Rc<Buffer>,
    pub dtype: DType,
    /// Element index of the first element in `buf`.
    pub offset: usize,
    pub shape: Vec<usize>,
    /// Strides in elements (may be negative or zero).
    pub strides: Vec<isize>,
    /// numpy's OWNDATA flag: true for an array a constructor made, false for a view of another
    /// array (reshape, transpose, slices...). Only `flags` reports it: the buffer is shared
    /// through the `Rc` either way, so nothing else depends on who "owns" it.
    pub owndata: bool,
}

pub fn c_strides(shape: &[usize]) -> Vec<isize> {
    let mut s = vec![0isize; shape.len()];
    let mut acc = 1isize;
    for i in (0..shape.len()).rev() {
        s[i] = acc;
        acc = acc.saturating_mul(shape[i].max(1) as isize);
    }
    s
}

pub fn shape_size(shape: &[usize]) -> usize {
    shape.iter().fold(1usize, |a, &b| a.saturating_mul(b))
}

/// Broadcast two shapes (numpy's rule, right-aligned).
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let x = if i + a.len() >= n {
            a[i + a.len() - n]
        } else {
            1
        };
        let y = if i + b.len() >= n {
            b[i + b.len() - n]
        } else {
            1
        };
        out[i] = if x == y || y == 1 {
            x
        } else if x == 1 {
            y
        } else {
            return None;
        };
    }
    Some(out)
}

/// Strides of an array of shape `shape`/`strides` broadcast to `out` (0 on stretched axes).
pub fn broadcast_strides(shape: &[usize], strides: &[isize], out: &[usize]) -> Vec<isize> {
    let n = out.len();
    let mut s = vec![0isize; n];
    for i in 0..shape.len() {
        let j = n - shape.len() + i;
        if shape[i] == out[j] {
            s[j] = strides[i];
        }
    }
    s
}

/// Calls `f` with the K element offsets of every position of `shape`, in C order.
#[inline]
pub fn nd_for_each<const K: usize>(
    shape: &[usize],
    strides: [&[isize]; K],
    offs: [usize; K],
    mut f: impl FnMut([usize; K]),
) {
    let n = shape.len();
    if shape.contains(&0) {
        return;
    }
    if n == 0 {
        f(offs);
        return;
    }
    let inner = shape[n - 1];
    let mut inner_s = [0isize; K];
    for k in 0..K {
        inner_s[k] = strides[k][n - 1];
    }
    let mut idx = vec![0usize; n];
    let mut base = [0isize; K];
    for k in 0..K {
        base[k] = offs[k] as isize;
    }
    loop {
        let mut o = base;
        for _ in 0..inner {
            let mut u = [0usize; K];
            for k in 0..K {
                u[k] = o[k] as usize;
                o[k] += inner_s[k];
            }
            f(u);
        }
        let mut d = n - 1;
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            for k in 0..K {
                base[k] += strides[k][d];
            }
            if idx[d] < shape[d] {
                break;
            }
            for k in 0..K {
                base[k] -= strides[k][d] * shape[d] as isize;
            }
            idx[d] = 0;
        }
    }
}

impl NdArray {
    pub fn from_words(dtype: DType, shape: Vec<usize>, words: Vec<u64>) -> NdArray {
        let strides = c_strides(&shape);
        NdArray {
            buf: Buffer::from_vec(words),
            dtype,
            offset: 0,
            shape,
            strides,
            owndata: true,
        }
    }
    pub fn from_cells(
        dtype: DType,
        shape: Vec<usize>,
        cells: Vec<std::cell::Cell<u64>>,
    ) -> NdArray {
        let strides = c_strides(&shape);
        NdArray {
            buf: Buffer::from_cells(cells),
            dtype,
            offset: 0,
            shape,
            strides,
            owndata: true,
        }
    }
    pub fn from_scalars(dtype: DType, shape: Vec<usize>, vals: &[Scalar]) -> NdArray {
        let words = vals.iter().map(|s| encode(dtype, *s)).collect();
        NdArray::from_words(dtype, shape, words)
    }
    pub fn from_f64(shape: Vec<usize>, vals: Vec<f64>) -> NdArray {
        NdArray::from_words(
            DType::Float64,
            shape,
            vals.into_iter().map(f64::to_bits).collect(),
        )
    }
    pub fn from_i64(shape: Vec<usize>, vals: Vec<i64>) -> NdArray {
        NdArray::from_words(
            DType::Int64,
            shape,
            vals.into_iter().map(|x| x as u64).collect(),
        )
    }
    /// A C-contiguous array with unspecified contents (`np.empty`; see [`Buffer::recycled`]).
    pub fn uninit(dtype: DType, shape: Vec<usize>) -> NdArray {
        let strides = c_strides(&shape);
        NdArray {
            buf: Buffer::recycled(shape_size(&shape)),
            dtype,
            offset: 0,
            shape,
            strides,
            owndata: true,
        }
    }
    pub fn full(dtype: DType, shape: Vec<usize>, v: Scalar) -> NdArray {
        let n = shape_size(&shape);
        NdArray::from_words(dtype, shape, vec![encode(dtype, v); n])
    }
    pub fn scalar(s: Scalar) -> NdArray {
        NdArray::from_words(s.dtype(), vec![], vec![encode(s.dtype(), s)])
    }
    #[inline]
    pub fn size(&self) -> usize {
        shape_size(&self.shape)
    }
    #[inline]
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    pub fn is_c_contiguous(&self) -> bool {
        let mut acc = 1isize;
        for i in (0..self.shape.len()).rev() {
            if self.shape[i] != 1 && self.strides[i] != acc {
                return false;
            }
            acc *= self.shape[i] as isize;
        }
        true
    }
    pub fn is_f_contiguous(&self) -> bool {
        let mut acc = 1isize;
        for i in 0..self.shape.len() {
            if self.shape[i] != 1 && self.strides[i] != acc {
                return false;
            }
            acc *= self.shape[i] as isize;
        }
        true
    }
    #[inline]
    pub fn word(&self, off: usize) -> u64 {
        self.buf.get(off)
    }
    #[inline]
    pub fn get(&self, off: usize) -> Scalar {
        decode(self.dtype, self.buf.get(off))
    }
    /// Element offset of a multi-index (unchecked beyond the buffer's own bounds).
    pub fn offset_of(&self, idx: &[usize]) -> usize {
        let mut o = self.offset as isize;
        for (i, &k) in idx.iter().enumerate() {
            o += k as isize * self.strides[i];
        }
        o as usize
    }
    pub fn for_each_offset(&self, f: impl FnMut(usize)) {
        let mut f = f;
        if self.is_c_contiguous() {
            for o in self.offset..self.offset + self.size() {
                f(o);
            }
            return;
        }
        nd_for_each(&self.shape, [&self.strides], [self.offset], |[o]| f(o));
    }
    /// The elements as words in C order.
    pub fn to_words(&self) -> Vec<u64> {
        let n = self.size();
        if self.is_c_contiguous() {
            return self
                .buf
                .cells(self.offset, n)
                .iter()
                .map(|c| c.get())
                .collect();
        }
        let mut v = Vec::with_capacity(n);
        self.for_each_offset(|o| v.push(self.buf.get(o)));
        v
    }
    pub fn to_words_as(&self, dt: DType) -> Vec<u64> {
        let from = self.dtype;
        if from == dt {
            return self.to_words();
        }
        let mut v = Vec::with_capacity(self.size());
        self.for_each_offset(|o| v.push(convert_word(from, dt, self.buf.get(o))));
        v
    }
    pub fn to_f64_vec(&self) -> Vec<f64> {
        self.to_words_as(DType::Float64)
            .into_iter()
            .map(f64::from_bits)
            .collect()
    }
    pub fn to_i64_vec(&self) -> Vec<i64> {
        self.to_words_as(DType::Int64)
            .into_iter()
            .map(|w| w as i64)
            .collect()
    }
    pub fn to_scalars(&self) -> Vec<Scalar> {
        let dt = self.dtype;
        self.to_words().into_iter().map(|w| decode(dt, w)).collect()
    }
    /// A C-contiguous copy.
    pub fn copy(&self) -> NdArray {
        NdArray::from_words(self.dtype, self.shape.clone(), self.to_words())
    }
    /// This array marked as owning its buffer: for a view of a temporary made inside one
    /// operation (a result built flat and then reshaped), which numpy returns as a new array.
    pub fn owning(self) -> NdArray {
        NdArray {
            owndata: true,
            ..self
        }
    }
    pub fn astype(&self, dt: DType) -> NdArray {
        NdArray::from_words(dt, self.shape.clone(), self.to_words_as(dt))
    }
    /// A view with a new shape when the data is contiguous, else a reshaped copy.
    pub fn reshape(&self, shape: Vec<usize>) -> NdArray {
        if self.is_c_contiguous() {
            let strides = c_strides(&shape);
            return NdArray {
                buf: self.buf.clone(),
                dtype: self.dtype,
                offset: self.offset,
                shape,
                strides,
                owndata: false,
            };
        }
        // numpy too reshapes a copy into a view of it: OWNDATA is false either way.
        let c = self.copy();
        NdArray {
            strides: c_strides(&shape),
            shape,
            owndata: false,
            ..c
        }
    }
    pub fn transpose(&self, axes: &[usize]) -> NdArray {
        NdArray {
            buf: self.buf.clone(),
            dtype: self.dtype,
            offset: self.offset,
            shape: axes.iter().map(|&a| self.shape[a]).collect(),
            strides: axes.iter().map(|&a| self.strides[a]).collect(),
            owndata: false,
        }
    }
    pub fn t(&self) -> NdArray {
        let axes: Vec<usize> = (0..self.ndim()).rev().collect();
        self.transpose(&axes)
    }
    pub fn broadcast_to(&self, shape: &[usize]) -> NdArray {
        NdArray {
            buf: self.buf.clone(),
            dtype: self.dtype,
            offset: self.offset,
            shape: shape.to_vec(),
            strides: broadcast_strides(&self.shape, &self.strides, shape),
            owndata: false,
        }
    }
    /// The sub-array at index `i` of axis 0 (a view).
    pub fn subarray(&self, i: usize) -> NdArray {
        NdArray {
            buf: self.buf.clone(),
            dtype: self.dtype,
            offset: (self.offset as isize + i as isize * self.strides[0]) as usize,
            shape: self.shape[1..].to_vec(),
            strides: self.strides[1..].to_vec(),
            owndata: false,
        }
    }
    pub fn first(&self) -> Scalar {
        self.get(self.offset)
    }
    /// Writes `src` (broadcast to this array's shape, converted) into this array.
    pub fn assign(&self, src: &NdArray) {
        let s = src.broadcast_to(&self.shape);
        let (from, to) = (src.dtype, self.dtype);
        // Copy first when the source shares our buffer, so overlapping writes read old values.
        let words: Vec<u64> = if Rc::ptr_eq(&self.buf, &src.buf) {
            s.to_words()
        } else {
            vec![]
        };
        if !words.is_empty() {
            let mut it = words.into_iter();
            self.for_each_offset(|o| {
                if let Some(w) = it.next() {
                    self.buf.set(o, convert_word(from, to, w));
                }
            });
            return;
        }
        nd_for_each(
            &self.shape,
            [&self.strides, &s.strides],
            [self.offset, s.offset],
            |[d, o]| {
                self.buf.set(d, convert_word(from, to, s.buf.get(o)));
            },
        );
    }
    pub fn fill(&self, v: Scalar) {
        let w = encode(self.dtype, v);
        self.for_each_offset(|o| self.buf.set(o, w));
    }
}
