//! `np.random`: the legacy `RandomState` API on MT19937, bit-identical to numpy's stream for
//! a given seed: `seed` (init_genrand / init_by_array), `rand`/`random`/`random_sample` (53-bit
//! doubles from two 32-bit draws), `randn`/`standard_normal`/`normal` (the legacy polar
//! method with its cached second value), `uniform`, `randint` (masked rejection sampling),
//! `shuffle`/`permutation` (`random_interval`), `choice`, `exponential`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::runtime::objects::{Kwargs, NativeObj};
use crate::runtime::types::{add_method, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

use super::array::NdArray;
use super::dtype::{DType, Scalar};
use super::{arg, arg_some, arr, classes, parse_shape, wrap};

const N: usize = 624;
const M: usize = 397;

pub struct Mt {
    key: [u32; N],
    pos: usize,
    has_gauss: bool,
    gauss: f64,
}

impl Mt {
    pub fn new(seed: u32) -> Mt {
        let mut m = Mt {
            key: [0; N],
            pos: N,
            has_gauss: false,
            gauss: 0.0,
        };
        m.seed(seed);
        m
    }
    pub fn seed(&mut self, seed: u32) {
        let mut s = seed;
        for pos in 0..N {
            self.key[pos] = s;
            s = 1812433253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        self.pos = N;
        self.has_gauss = false;
        self.gauss = 0.0;
    }
    pub fn seed_by_array(&mut self, init: &[u32]) {
        self.seed(19650218);
        let mt = &mut self.key;
        let (mut i, mut j) = (1usize, 0usize);
        let len = init.len().max(1);
        let mut k = N.max(init.len());
        while k > 0 {
            let v = init.get(j).copied().unwrap_or(0);
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1664525))
                .wrapping_add(v)
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
            k -= 1;
        }
        k = N - 1;
        while k > 0 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1566083941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            k -= 1;
        }
        mt[0] = 0x80000000;
        self.pos = N;
        self.has_gauss = false;
        self.gauss = 0.0;
    }
    fn generate(&mut self) {
        const UPPER: u32 = 0x80000000;
        const LOWER: u32 = 0x7fffffff;
        const MATRIX_A: u32 = 0x9908b0df;
        let mt = &mut self.key;
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        for i in 0..N - M {
            let y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
            mt[i] = mt[i + M] ^ (y >> 1) ^ mag(y);
        }
        for i in N - M..N - 1 {
            let y = (mt[i] & UPPER) | (mt[i + 1] & LOWER);
            mt[i] = mt[i + M - N] ^ (y >> 1) ^ mag(y);
        }
        let y = (mt[N - 1] & UPPER) | (mt[0] & LOWER);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
        self.pos = 0;
    }
    pub fn next32(&mut self) -> u32 {
        if self.pos >= N {
            self.generate();
        }
        let mut y = self.key[self.pos];
        self.pos += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^ (y >> 18)
    }
    pub fn next64(&mut self) -> u64 {
        ((self.next32() as u64) << 32) | self.next32() as u64
    }
    pub fn double(&mut self) -> f64 {
        let a = (self.next32() >> 5) as f64;
        let b = (self.next32() >> 6) as f64;
        (a * 67108864.0 + b) / 9007199254740992.0
    }
    pub fn gauss(&mut self) -> f64 {
        if self.has_gauss {
            self.has_gauss = false;
            let t = self.gauss;
            self.gauss = 0.0;
            return t;
        }
        loop {
            let x1 = 2.0 * self.double() - 1.0;
            let x2 = 2.0 * self.double() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                let f = (-2.0 * r2.ln() / r2).sqrt();
                self.gauss = f * x1;
                self.has_gauss = true;
                return f * x2;
            }
        }
    }
    /// A value in [0, max] by masked rejection (numpy's `random_interval`).
    pub fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = gen_mask(max);
        if max <= 0xffff_ffff {
            loop {
                let v = (self.next32() as u64) & mask;
                if v <= max {
                    return v;
                }
            }
        }
        loop {
            let v = self.next64() & mask;
            if v <= max {
                return v;
            }
        }
    }
    /// `off + [0, rng]` as `random_bounded_uint64_fill` with `use_masked=True`.
    pub fn bounded(&mut self, off: i64, rng: u64) -> i64 {
        if rng == 0 {
            return off;
        }
        let v = if rng <= 0xffff_ffff {
            if rng == 0xffff_ffff {
                self.next32() as u64
            } else {
                let mask = gen_mask(rng);
                loop {
                    let v = (self.next32() as u64) & mask;
                    if v <= rng {
                        break v;
                    }
                }
            }
        } else if rng == u64::MAX {
            self.next64()
        } else {
            let mask = gen_mask(rng);
            loop {
                let v = self.next64() & mask;
                if v <= rng {
                    break v;
                }
            }
        };
        off.wrapping_add(v as i64)
    }
}

fn gen_mask(max: u64) -> u64 {
    let mut m = max;
    m |= m >> 1;
    m |= m >> 2;
    m |= m >> 4;
    m |= m >> 8;
    m |= m >> 16;
    m |= m >> 32;
    m
}

type State = Rc<RefCell<Mt>>;

thread_local! {
    static GLOBAL: State = Rc::new(RefCell::new(Mt::new(entropy_seed())));
}

fn entropy_seed() -> u32 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (t as u32) ^ ((t >> 32) as u32) ^ std::process::id()
}

fn global() -> State {
    GLOBAL.with(|g| g.clone())
}

/// `size=`: None → a scalar result, else a shape.
fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Vec<usize>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(parse_shape(vm, v)?)),
    }
}

fn dims_arg(vm: &mut Vm, args: &[Value]) -> PyResult<Option<Vec<usize>>> {
    if args.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for a in args {
        let n = vm.index_value(a)?;
        if n < 0 {
            return Err(vm.new_error("ValueError", "negative dimensions are not allowed"));
        }
        out.push(n as usize);
    }
    if super::array::shape_size(&out) > super::MAX_SIZE {
        return Err(vm.new_error("MemoryError", "array is too big"));
    }
    Ok(Some(out))
}

fn floats(vm: &Vm, size: Option<Vec<usize>>, mut f: impl FnMut() -> f64) -> Value {
    match size {
        None => Value::Float(f()),
        Some(shape) => {
            let n = super::array::shape_size(&shape);
            let v: Vec<f64> = (0..n).map(|_| f()).collect();
            wrap(vm, NdArray::from_f64(shape, v))
        }
    }
}

fn seed(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    match arg_some(args, kw, 0, "seed") {
        None => st.borrow_mut().seed(entropy_seed()),
        Some(v) => {
            if let Some(a) = arr(v).filter(|a| a.ndim() > 0) {
                let keys: Vec<u32> = a.to_i64_vec().iter().map(|&x| x as u32).collect();
                st.borrow_mut().seed_by_array(&keys);
            } else if matches!(v, Value::List(_) | Value::Tuple(_)) {
                let items = vm.collect(v)?;
                let mut keys = Vec::new();
                for it in &items {
                    keys.push(vm.index_value(it)? as u32);
                }
                st.borrow_mut().seed_by_array(&keys);
            } else {
                let s = match super::np_scalar(v) {
                    Some(s) => s.as_i64(),
                    None => vm.index_value(v)?,
                };
                if !(0..=0xffff_ffff).contains(&s) {
                    return Err(vm.new_error("ValueError", "Seed must be between 0 and 2**32 - 1"));
                }
                st.borrow_mut().seed(s as u32);
            }
        }
    }
    Ok(Value::None)
}

fn rand(vm: &mut Vm, st: &State, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let size = dims_arg(vm, args)?;
    let mut m = st.borrow_mut();
    Ok(floats(vm, size, || m.double()))
}

fn random_sample(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let size = size_arg(vm, arg(args, kw, 0, "size"))?;
    let mut m = st.borrow_mut();
    Ok(floats(vm, size, || m.double()))
}

fn randn(vm: &mut Vm, st: &State, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let size = dims_arg(vm, args)?;
    let mut m = st.borrow_mut();
    Ok(floats(vm, size, || m.gauss()))
}

fn standard_normal(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let size = size_arg(vm, arg(args, kw, 0, "size"))?;
    let mut m = st.borrow_mut();
    Ok(floats(vm, size, || m.gauss()))
}

fn fparam(
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

fn normal(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let loc = fparam(vm, args, kw, 0, "loc", 0.0)?;
    let scale = fparam(vm, args, kw, 1, "scale", 1.0)?;
    if scale < 0.0 {
        return Err(vm.new_error("ValueError", "scale < 0"));
    }
    let size = size_arg(vm, arg(args, kw, 2, "size"))?;
    let mut m = st.borrow_mut();
    Ok(floats(vm, size, || loc + scale * m.gauss()))
}

fn uniform(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let low = fparam(vm, args, kw, 0, "low", 0.0)?;
    let high = fparam(vm, args, kw, 1, "high", 1.0)?;
    let range = high - low;
    if !range.is_finite() {
        return Err(vm.new_error("OverflowError", "Range exceeds valid bounds"));
    }
    let size = size_arg(vm, arg(args, kw, 2, "size"))?;
    let mut m = st.borrow_mut();
    Ok(floats(vm, size, || low + range * m.double()))
}

fn exponential(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let scale = fparam(vm, args, kw, 0, "scale", 1.0)?;
    let size = size_arg(vm, arg(args, kw, 1, "size"))?;
    let mut m = st.borrow_mut();
    Ok(floats(vm, size, || scale * -(1.0 - m.double()).ln()))
}

fn randint_impl(
    vm: &mut Vm,
    st: &State,
    low: i64,
    high: Option<i64>,
    size: Option<Vec<usize>>,
) -> PyResult<Value> {
    let (low, high) = match high {
        Some(h) => (low, h),
        None => (0, low),
    };
    if low >= high {
        return Err(vm.new_error("ValueError", "low >= high"));
    }
    let rng = (high as i128 - 1 - low as i128) as u64;
    let mut m = st.borrow_mut();
    Ok(match size {
        None => Value::Int(m.bounded(low, rng)),
        Some(shape) => {
            let n = super::array::shape_size(&shape);
            let v: Vec<i64> = (0..n).map(|_| m.bounded(low, rng)).collect();
            drop(m);
            wrap(vm, NdArray::from_i64(shape, v))
        }
    })
}

fn randint(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(lo) = arg(args, kw, 0, "low") else {
        return Err(vm.new_error(
            "TypeError",
            "randint() missing required argument 'low' (pos 1)",
        ));
    };
    let low = vm.index_value(&lo.clone())?;
    let high = match arg_some(args, kw, 1, "high") {
        Some(h) => Some(vm.index_value(&h.clone())?),
        None => None,
    };
    let size = size_arg(vm, arg(args, kw, 2, "size"))?;
    let r = randint_impl(vm, st, low, high, size)?;
    if let Some(d) = arg_some(args, kw, 3, "dtype") {
        if super::parse_dtype(vm, &d.clone())? == Some(DType::Bool) {
            if let Some(a) = arr(&r) {
                return Ok(wrap(vm, a.astype(DType::Bool)));
            }
        }
    }
    Ok(r)
}

fn shuffle(vm: &mut Vm, st: &State, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(x) = args.first() else {
        return Err(vm.new_error(
            "TypeError",
            "shuffle() takes exactly one argument (0 given)",
        ));
    };
    if let Some(a) = arr(x) {
        if a.ndim() == 0 {
            return Err(vm.new_error("TypeError", "len() of unsized object"));
        }
        let n = a.shape[0];
        for i in (1..n).rev() {
            let j = st.borrow_mut().interval(i as u64) as usize;
            if i == j {
                continue;
            }
            let ri = a.subarray(i);
            let rj = a.subarray(j);
            let tmp = ri.copy();
            ri.assign(&rj);
            rj.assign(&tmp);
        }
        return Ok(Value::None);
    }
    if let Value::List(l) = x {
        let n = l.items.borrow().len();
        for i in (1..n).rev() {
            let j = st.borrow_mut().interval(i as u64) as usize;
            l.items.borrow_mut().swap(i, j);
        }
        return Ok(Value::None);
    }
    let n = vm.len(x)?;
    for i in (1..n).rev() {
        let j = st.borrow_mut().interval(i as u64) as usize;
        let xi = vm.getitem(x, &Value::Int(i as i64))?;
        let xj = vm.getitem(x, &Value::Int(j as i64))?;
        vm.setitem(x, Value::Int(i as i64), xj)?;
        vm.setitem(x, Value::Int(j as i64), xi)?;
    }
    Ok(Value::None)
}

fn permutation(vm: &mut Vm, st: &State, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(x) = args.first() else {
        return Err(vm.new_error(
            "TypeError",
            "permutation() takes exactly one argument (0 given)",
        ));
    };
    let a = match x {
        Value::Int(n) => NdArray::from_i64(vec![(*n).max(0) as usize], (0..(*n).max(0)).collect()),
        _ => super::to_array(vm, x)?.copy(),
    };
    let v = wrap(vm, a);
    shuffle(vm, st, std::slice::from_ref(&v), &[])?;
    Ok(v)
}

fn choice(vm: &mut Vm, st: &State, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let Some(av) = arg(args, kw, 0, "a").cloned() else {
        return Err(vm.new_error(
            "TypeError",
            "choice() missing required argument 'a' (pos 1)",
        ));
    };
    let size = size_arg(vm, arg(args, kw, 1, "size"))?;
    let replace = match arg(args, kw, 2, "replace") {
        Some(v) => vm.truthy(&v.clone())?,
        None => true,
    };
    let p = match arg_some(args, kw, 3, "p") {
        Some(v) => Some(super::to_array(vm, &v.clone())?.to_f64_vec()),
        None => None,
    };
    let (pool, pop) = match &av {
        Value::Int(n) => (None, *n),
        _ => {
            let a = super::to_array(vm, &av)?;
            if a.ndim() == 0 {
                (None, a.first().as_i64())
            } else {
                let n = a.shape[0] as i64;
                (Some(a), n)
            }
        }
    };
    if pop <= 0
        && !(pop == 0
            && size
                .as_ref()
                .is_some_and(|s| super::array::shape_size(s) == 0))
    {
        let msg = if pool.is_some() {
            "'a' cannot be empty unless no samples are taken"
        } else {
            "a must be a positive integer unless no samples are taken"
        };
        return Err(vm.new_error("ValueError", msg));
    }
    if let Some(p) = &p {
        if p.len() as i64 != pop {
            return Err(vm.new_error("ValueError", "'a' and 'p' must have same size"));
        }
        if p.iter().any(|&x| x < 0.0) {
            return Err(vm.new_error("ValueError", "probabilities are not non-negative"));
        }
        let s: f64 = super::reduce::pairwise(&|i| p[i], 0, p.len());
        if (s - 1.0).abs() > f64::EPSILON.sqrt() {
            return Err(vm.new_error("ValueError", "probabilities do not sum to 1"));
        }
    }
    let count = size.as_ref().map_or(1, |s| super::array::shape_size(s));
    let idx: Vec<i64> = if replace {
        if let Some(p) = &p {
            let mut cdf = Vec::with_capacity(p.len());
            let mut acc = 0.0;
            for &x in p {
                acc += x;
                cdf.push(acc);
            }
            let last = *cdf.last().unwrap_or(&1.0);
            for c in cdf.iter_mut() {
                *c /= last;
            }
            let mut m = st.borrow_mut();
            (0..count)
                .map(|_| {
                    let u = m.double();
                    cdf.partition_point(|&c| c <= u) as i64
                })
                .collect()
        } else {
            let mut m = st.borrow_mut();
            (0..count).map(|_| m.bounded(0, (pop - 1) as u64)).collect()
        }
    } else {
        if count as i64 > pop {
            return Err(vm.new_error(
                "ValueError",
                "Cannot take a larger sample than population when 'replace=False'",
            ));
        }
        if p.is_some() {
            return Err(vm.new_error(
                "NotImplementedError",
                "choice with replace=False and p is not supported",
            ));
        }
        let mut perm: Vec<i64> = (0..pop).collect();
        let mut m = st.borrow_mut();
        for i in (1..perm.len()).rev() {
            let j = m.interval(i as u64) as usize;
            perm.swap(i, j);
        }
        perm.truncate(count);
        perm
    };
    match (pool, size) {
        (None, None) => Ok(Value::Int(idx[0])),
        (None, Some(shape)) => Ok(wrap(vm, NdArray::from_i64(shape, idx))),
        (Some(a), None) => {
            let k = Value::Int(idx[0]);
            super::indexing::getitem(vm, &a, &k)
        }
        (Some(a), Some(shape)) => {
            let ia = wrap(vm, NdArray::from_i64(shape, idx));
            super::indexing::getitem(vm, &a, &ia)
        }
    }
}

type RFn = fn(&mut Vm, &State, &[Value], Kwargs) -> PyResult<Value>;

const FUNCS: &[(&str, RFn)] = &[
    ("seed", seed),
    ("rand", rand),
    ("random", random_sample),
    ("random_sample", random_sample),
    ("sample", random_sample),
    ("ranf", random_sample),
    ("randn", randn),
    ("standard_normal", standard_normal),
    ("normal", normal),
    ("uniform", uniform),
    ("exponential", exponential),
    ("randint", randint),
    ("shuffle", shuffle),
    ("permutation", permutation),
    ("choice", choice),
];

fn state_of(vm: &mut Vm, v: Option<&Value>) -> PyResult<State> {
    super::native_self(vm, v, "expected a RandomState")
}

macro_rules! wrappers {
    ($($i:literal),*) => {
        [$(
            (
                (|vm: &mut Vm, a: &[Value], kw: Kwargs| {
                    let st = global();
                    (FUNCS[$i].1)(vm, &st, a, kw)
                }) as crate::runtime::objects::NativeFn,
                (|vm: &mut Vm, a: &[Value], kw: Kwargs| {
                    let st = state_of(vm, a.first())?;
                    (FUNCS[$i].1)(vm, &st, &a[1..], kw)
                }) as crate::runtime::objects::NativeFn,
            )
        ),*]
    };
}

pub fn create_module(vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = crate::modules::new_module("numpy.random");
    let fns: [(
        crate::runtime::objects::NativeFn,
        crate::runtime::objects::NativeFn,
    ); 15] = wrappers!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    let rs = classes(vm).random_state.clone();
    for (i, (name, _)) in FUNCS.iter().enumerate() {
        d.set_by_str(name, native_fn(name, Some("numpy.random"), fns[i].0));
        add_method(&rs, name, fns[i].1);
    }
    add_method(&rs, "__new__", |vm, a, kw| {
        let st: State = Rc::new(RefCell::new(Mt::new(entropy_seed())));
        let cls = classes(vm).random_state.clone();
        seed(vm, &st, &a[1..], kw)?;
        Ok(Value::Native(Rc::new(NativeObj {
            class: cls,
            data: Box::new(st),
        })))
    });
    add_method(&rs, "__repr__", |_, _, _| {
        Ok(Value::str("RandomState(MT19937)"))
    });
    d.set_by_str("RandomState", Value::Class(rs));
    let _ = Scalar::I(0);
    Ok(m)
}
