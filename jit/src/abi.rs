//! The ABI / call boundary — the only module of the crate with `unsafe` code.
//!
//! * [`ArrayDesc`]: the `#[repr(C)]` array descriptor native code reads (data pointer, dtype,
//!   ndim, shape, strides **in bytes**, like numpy's `strides`), filled by the VM without
//!   copying data.
//! * The [`Runtime`] trait the host implements (array allocation, host callbacks), and the
//!   `extern "C"` helpers native code calls to reach it through the per-call context.
//! * The entry: every compiled function gets a trampoline
//!   `extern "C" fn(ctx: *mut CallCtx, args: *const u64, rets: *mut u64) -> i64` (one u64 slot
//!   per argument/result; status 0 = ok), which [`invoke`] calls after the safe checks.
//! * [`CodeMemory`]: owns a `JITModule` and frees its code memory on drop.
//! * [`VecRuntime`]: a simple runtime backed by `Vec`s, for tests and standalone use.
//!
//! No Rust panic may unwind through native frames (cranelift-jit registers no unwind info), so
//! every helper that runs host code catches panics and turns them into error statuses.

use crate::error::ErrorKind;
use crate::ir::{DType, Fill, HostDecl, MAX_NDIM};
use crate::runtime::{HostArray, Value};
use cranelift_jit::JITModule;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Byte offsets of the descriptor fields, used by the lowering.
pub(crate) const DESC_DATA: i32 = 0;
pub(crate) const DESC_SHAPE: i32 = 16;
pub(crate) const DESC_STRIDES: i32 = 16 + 8 * MAX_NDIM as i32;

/// An array view as native code sees it. `shape[k]` is the length of axis k and `strides[k]`
/// the distance **in bytes** between consecutive elements along axis k (numpy convention; may
/// be negative or zero). Entries at and beyond `ndim` are ignored.
///
/// A `&ArrayDesc` is always safe to hand to compiled code: the only ways to make one are the
/// checked [`ArrayView`] constructors, the `unsafe` [`ArrayDesc::from_raw_parts`] (the caller
/// vouches for it), and a [`Runtime`] (an `unsafe` trait).
#[repr(C)]
#[derive(Debug)]
pub struct ArrayDesc {
    data: *mut u8,
    dtype: u32,
    ndim: u32,
    shape: [i64; MAX_NDIM],
    strides: [i64; MAX_NDIM],
}

impl ArrayDesc {
    /// Builds a descriptor over memory the caller owns.
    ///
    /// # Safety
    /// For every index tuple within `shape`, `data + Σ idx[k] * strides[k]` must be valid for
    /// reads and writes of one element of `dtype` (bool elements must hold 0 or 1) for as
    /// long as the descriptor is used in calls, and nothing else may access that memory
    /// during a call. `shape.len() == strides.len()` in `1..=MAX_NDIM`, shapes ≥ 0.
    pub unsafe fn from_raw_parts(
        data: *mut u8,
        dtype: DType,
        shape: &[i64],
        strides_bytes: &[i64],
    ) -> ArrayDesc {
        assert!(shape.len() == strides_bytes.len() && (1..=MAX_NDIM).contains(&shape.len()));
        let mut d = ArrayDesc {
            data,
            dtype: dtype as u32,
            ndim: shape.len() as u32,
            shape: [0; MAX_NDIM],
            strides: [0; MAX_NDIM],
        };
        d.shape[..shape.len()].copy_from_slice(shape);
        d.strides[..shape.len()].copy_from_slice(strides_bytes);
        d
    }

    /// Element type.
    pub fn dtype(&self) -> DType {
        DType::from_u32(self.dtype).unwrap_or(DType::F64)
    }
    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.ndim as usize
    }
    /// Axis lengths.
    pub fn shape(&self) -> &[i64] {
        &self.shape[..self.ndim as usize]
    }
    /// Strides in bytes.
    pub fn strides(&self) -> &[i64] {
        &self.strides[..self.ndim as usize]
    }
    /// Address of element `[0, 0, ...]`.
    pub fn data_ptr(&self) -> *const u8 {
        self.data
    }
}

/// Element types an [`ArrayView`] can be built over.
pub trait Element: Copy {
    /// The matching dtype.
    const DTYPE: DType;
}
impl Element for f64 {
    const DTYPE: DType = DType::F64;
}
impl Element for i64 {
    const DTYPE: DType = DType::I64;
}
impl Element for bool {
    const DTYPE: DType = DType::Bool;
}

/// A checked, borrowed view of a Rust slice as an array: it dereferences to the
/// [`ArrayDesc`] passed to calls, and keeps the slice mutably borrowed meanwhile.
pub struct ArrayView<'a> {
    desc: ArrayDesc,
    _borrow: std::marker::PhantomData<&'a mut [u8]>,
}

impl<'a> ArrayView<'a> {
    /// A C-contiguous view of `data` with the given shape (product must equal the length).
    pub fn contiguous<T: Element>(data: &'a mut [T], shape: &[usize]) -> Option<ArrayView<'a>> {
        let mut strides = vec![1isize; shape.len()];
        for k in (0..shape.len().saturating_sub(1)).rev() {
            strides[k] = strides[k + 1] * shape[k + 1] as isize;
        }
        if shape.iter().product::<usize>() != data.len() {
            return None;
        }
        Self::strided(data, 0, shape, &strides)
    }

    /// A strided view: element `idx` is `data[offset + Σ idx[k] * strides[k]]` (strides in
    /// **elements** here; the descriptor stores bytes). Every reachable element must lie in
    /// `data`, else `None`.
    pub fn strided<T: Element>(
        data: &'a mut [T],
        offset: usize,
        shape: &[usize],
        strides_elems: &[isize],
    ) -> Option<ArrayView<'a>> {
        if shape.len() != strides_elems.len() || !(1..=MAX_NDIM).contains(&shape.len()) {
            return None;
        }
        let esz = std::mem::size_of::<T>() as i64;
        let mut shape_i = [0i64; MAX_NDIM];
        let mut strides_b = [0i64; MAX_NDIM];
        let empty = shape.contains(&0);
        let (mut lo, mut hi) = (offset as i128, offset as i128);
        for k in 0..shape.len() {
            shape_i[k] = i64::try_from(shape[k]).ok()?;
            strides_b[k] = (strides_elems[k] as i64).checked_mul(esz)?;
            if !empty {
                let span = (shape[k] as i128 - 1) * strides_elems[k] as i128;
                if span < 0 {
                    lo += span;
                } else {
                    hi += span;
                }
            }
        }
        if !empty && (lo < 0 || hi >= data.len() as i128) {
            return None;
        }
        if empty && offset > data.len() {
            return None;
        }
        let n = shape.len();
        // SAFETY: `offset <= data.len()` (checked above), so the pointer stays within or one
        // past the slice; every element reachable through shape/strides was checked to lie in
        // the slice, which stays mutably borrowed for 'a through the PhantomData.
        let desc = unsafe {
            let base = data.as_mut_ptr().add(offset) as *mut u8;
            ArrayDesc::from_raw_parts(base, T::DTYPE, &shape_i[..n], &strides_b[..n])
        };
        Some(ArrayView {
            desc,
            _borrow: std::marker::PhantomData,
        })
    }
}

impl std::ops::Deref for ArrayView<'_> {
    type Target = ArrayDesc;
    fn deref(&self) -> &ArrayDesc {
        &self.desc
    }
}

/// What compiled code needs from the host during a call.
///
/// # Safety
/// A non-null pointer returned by `alloc_array` must point to a valid [`ArrayDesc`] of the
/// requested dtype and shape (ndim = `shape.len()`) whose data satisfies the contract of
/// [`ArrayDesc::from_raw_parts`], and both must stay valid at least until the runtime is
/// next used mutably outside the call (the call may return the array to the host).
pub unsafe trait Runtime {
    /// Allocates an array (`np.zeros`/`ones`/`empty`); null on failure (→ `AllocFailed`).
    /// `shape` entries are ≥ 0 (negative ones are rejected before the call).
    fn alloc_array(&mut self, dtype: DType, shape: &[i64], fill: Fill) -> *mut ArrayDesc;

    /// Runs host callback number `index` (declared as `decl` in the module) with scalar
    /// arguments; writes `decl.rets.len()` results into `rets` (kinds must match).
    fn call_host(
        &mut self,
        index: usize,
        decl: &HostDecl,
        args: &[Value],
        rets: &mut [Value],
    ) -> Result<(), String> {
        let _ = (index, args, rets);
        Err(format!("host callback `{}` is not provided", decl.name))
    }
}

/// Error detail recorded by the helpers while native code unwinds its frames by returning.
#[derive(Default, Debug)]
pub(crate) struct ErrState {
    pub kind: u32,
    pub func: u32,
    pub line: u32,
    pub axis: u32,
    pub index: i64,
    pub bound: i64,
    pub message: Option<String>,
    pub trace: Vec<(u32, u32)>,
    pub spilled: Vec<i64>,
}

/// An error as the generated code records it, with plain stores and no call: a failed check
/// (or an unconditional raise) stores its details and jumps to the function's one failure
/// return, and every error return stores the `spill` variables' values. A check site is then
/// a cold block without parameters. A shared raising block with parameters made every check
/// a critical edge with a parallel move of the error details and the spilled values: nbody's
/// nest compiles in 1.9 ms with this record, 2.4 ms without (`jit/examples/compile_time.rs`).
/// [`CallCtx::take_err`] folds it into [`ErrState`]; errors found in helpers (allocation,
/// host callbacks) are recorded there directly.
#[repr(C)]
pub(crate) struct RawErr {
    /// Non-zero once the details are written.
    pub set: i64,
    /// `kind << 32 | axis`, `func << 32 | line`.
    pub kind_axis: i64,
    pub func_line: i64,
    pub index: i64,
    pub bound: i64,
    /// How many values `spill` holds: the `spill` variables of the outermost function that
    /// returned the error, in order.
    pub nspill: i64,
    /// Room for the largest `spill` statement of the module (`Compiled::max_spill` slots),
    /// owned by `Compiled::call_with`; null when no function has one.
    pub spill: *mut i64,
}

impl Default for RawErr {
    fn default() -> Self {
        RawErr {
            set: 0,
            kind_axis: 0,
            func_line: 0,
            index: 0,
            bound: 0,
            nspill: 0,
            spill: std::ptr::null_mut(),
        }
    }
}

/// Per-call context; native code hands its address to helpers and reads two fields:
/// `stack_limit` at offset 0 (hence `repr(C)`), the lowest stack address a compiled
/// function may start at — below it, the function returns a StackOverflow status instead of
/// overflowing the thread's stack in deep recursion — and writes `raw` when a check fails.
#[repr(C)]
pub(crate) struct CallCtx<'a> {
    pub stack_limit: usize,
    pub raw: RawErr,
    pub rt: &'a mut dyn Runtime,
    pub hosts: &'a [HostDecl],
    pub err: ErrState,
}

/// Byte offsets of the [`RawErr`] fields in a [`CallCtx`], for the generated stores.
pub(crate) mod raw_at {
    use super::{CallCtx, RawErr};
    use std::mem::offset_of;
    const BASE: usize = offset_of!(CallCtx<'static>, raw);
    pub const SET: i32 = (BASE + offset_of!(RawErr, set)) as i32;
    pub const KIND_AXIS: i32 = (BASE + offset_of!(RawErr, kind_axis)) as i32;
    pub const FUNC_LINE: i32 = (BASE + offset_of!(RawErr, func_line)) as i32;
    pub const INDEX: i32 = (BASE + offset_of!(RawErr, index)) as i32;
    pub const BOUND: i32 = (BASE + offset_of!(RawErr, bound)) as i32;
    pub const NSPILL: i32 = (BASE + offset_of!(RawErr, nspill)) as i32;
    pub const SPILL: i32 = (BASE + offset_of!(RawErr, spill)) as i32;
}

impl CallCtx<'_> {
    /// The error of a failed call: what the helpers recorded, with the [`RawErr`] folded in.
    /// `spill_buf` is the buffer `raw.spill` points to.
    pub(crate) fn take_err(&mut self, spill_buf: &[i64]) -> ErrState {
        let mut err = std::mem::take(&mut self.err);
        let raw = &self.raw;
        if raw.set != 0 {
            err.kind = (raw.kind_axis as u64 >> 32) as u32;
            err.axis = raw.kind_axis as u32;
            err.func = (raw.func_line as u64 >> 32) as u32;
            err.line = raw.func_line as u32;
            err.index = raw.index;
            err.bound = raw.bound;
        }
        let n = (raw.nspill.max(0) as usize).min(spill_buf.len());
        err.spilled = spill_buf[..n].to_vec();
        err
    }
}

static STACK_BUDGET: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1 << 20);

/// Sets how many bytes of stack native code may use below the host's call into it (default
/// 1 MiB, safe on any thread; a host running on a large stack can allow more recursion).
pub fn set_stack_budget(bytes: usize) {
    STACK_BUDGET.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// The `stack_limit` for a call made from the current stack position.
pub(crate) fn stack_limit() -> usize {
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    here.saturating_sub(STACK_BUDGET.load(std::sync::atomic::Ordering::Relaxed))
}

/// Signature of every trampoline.
type Trampoline = extern "C" fn(*mut u8, *const u64, *mut u64) -> i64;

/// Calls a trampoline. `args`/`rets` hold one slot per parameter/result.
///
/// # Safety (for the crate)
/// `code` must be the trampoline of a function whose signature `args` and `rets` match
/// (checked by `Compiled::call_with`), and the owning `CodeMemory` must be alive.
pub(crate) fn invoke(code: usize, ctx: &mut CallCtx<'_>, args: &[u64], rets: &mut [u64]) -> i64 {
    // SAFETY: `code` is a finalized trampoline of the live module that owns it (the caller
    // holds `&Compiled`), with exactly this C signature. The caller checked argument kinds
    // and counts, so the trampoline reads `args.len()` slots and writes `rets.len()` slots;
    // array slots hold addresses of live `ArrayDesc`s. Native code contains no traps and
    // catches no panics: every helper it calls catches panics itself.
    unsafe {
        let f: Trampoline = std::mem::transmute::<*const u8, Trampoline>(code as *const u8);
        f(
            ctx as *mut CallCtx<'_> as *mut u8,
            args.as_ptr(),
            rets.as_mut_ptr(),
        )
    }
}

fn with_ctx<R>(ctx: *mut u8, f: impl FnOnce(&mut CallCtx<'static>) -> R) -> R {
    // SAFETY: native code only ever passes the context pointer it received from `invoke`,
    // which points to a live `CallCtx` borrowed mutably for the whole call; no other
    // reference to it exists while a helper runs (the helpers do not nest). The 'static is
    // a lie confined to this closure, which cannot leak the borrow.
    let ctx = unsafe { &mut *(ctx as *mut CallCtx<'static>) };
    f(ctx)
}

/// Appends a caller frame while an error status propagates.
pub(crate) extern "C" fn nj_trace(ctx: *mut u8, func_line: i64) {
    with_ctx(ctx, |c| {
        c.err
            .trace
            .push(((func_line as u64 >> 32) as u32, func_line as u32))
    })
}

/// Allocates through the host runtime. `code = dtype | fill << 8 | ndim << 16`. Returns the
/// descriptor address, or 0 after recording the error.
pub(crate) extern "C" fn nj_alloc(
    ctx: *mut u8,
    code: i64,
    func_line: i64,
    d0: i64,
    d1: i64,
    d2: i64,
    d3: i64,
) -> *mut ArrayDesc {
    with_ctx(ctx, |c| {
        let dims = [d0, d1, d2, d3];
        let ndim = ((code >> 16) & 0xff) as usize;
        let dtype = DType::from_u32((code & 0xff) as u32).unwrap_or(DType::F64);
        let fill = Fill::from_u32(((code >> 8) & 0xff) as u32).unwrap_or(Fill::Zeros);
        let fail = |c: &mut CallCtx<'static>, kind: ErrorKind, axis: usize, v: i64| {
            c.err.kind = kind as u32;
            c.err.func = (func_line as u64 >> 32) as u32;
            c.err.line = func_line as u32;
            c.err.axis = axis as u32;
            c.err.index = v;
            std::ptr::null_mut()
        };
        if let Some(k) = dims[..ndim].iter().position(|&d| d < 0) {
            return fail(c, ErrorKind::NegativeDimension, k, dims[k]);
        }
        let rt = &mut *c.rt;
        match catch_unwind(AssertUnwindSafe(|| {
            rt.alloc_array(dtype, &dims[..ndim], fill)
        })) {
            Ok(p) if !p.is_null() => p,
            _ => fail(c, ErrorKind::AllocFailed, 0, 0),
        }
    })
}

/// Compiles an outlined function on its first call (`lazy`: a `compile::Lazy`); returns its
/// address, or 0 after recording a `HostError`.
pub(crate) extern "C" fn nj_lazy(ctx: *mut u8, lazy: *const u8) -> usize {
    // SAFETY: the lowering stored the address of a boxed `Lazy` owned by the `Compiled`
    // whose code is running (the caller of `invoke` holds it), so it is alive; `Lazy` is
    // Sync (its state is behind a mutex and an atomic).
    let lazy = unsafe { &*(lazy as *const crate::compile::Lazy) };
    let r = catch_unwind(AssertUnwindSafe(|| lazy.resolve()))
        .unwrap_or_else(|_| Err("the code generator panicked".into()));
    with_ctx(ctx, |c| match r {
        Ok(addr) => addr,
        Err(m) => {
            c.err.kind = ErrorKind::HostError as u32;
            c.err.message = Some(format!("compiling the checked copy of a loop failed: {m}"));
            0
        }
    })
}

/// Runs host callback `index`: arguments and results are u64 slots in native stack memory.
/// Returns 0, or 1 after recording a `HostError`.
pub(crate) extern "C" fn nj_callhost(
    ctx: *mut u8,
    index: i64,
    func_line: i64,
    args: *const u64,
    rets: *mut u64,
) -> i64 {
    with_ctx(ctx, |c| {
        let decl = &c.hosts[index as usize];
        // SAFETY: the lowering allocated a stack slot of `max(params, rets)` u64 slots for
        // each, checked against this same declaration at compile time.
        let (arg_slots, ret_slots) = unsafe {
            (
                std::slice::from_raw_parts(args, decl.params.len()),
                std::slice::from_raw_parts_mut(rets, decl.rets.len()),
            )
        };
        let argv: Vec<Value> = arg_slots
            .iter()
            .zip(&decl.params)
            .map(|(&s, &t)| Value::from_slot(s, t))
            .collect();
        let mut retv: Vec<Value> = decl.rets.iter().map(|_| Value::I64(0)).collect();
        let rt = &mut *c.rt;
        let r = catch_unwind(AssertUnwindSafe(|| {
            rt.call_host(index as usize, decl, &argv, &mut retv)
        }));
        let msg = match r {
            Ok(Ok(())) => {
                let kinds_ok = retv.iter().zip(&decl.rets).all(|(v, t)| {
                    matches!(
                        (v, t),
                        (Value::I64(_), crate::Ty::I64)
                            | (Value::F64(_), crate::Ty::F64)
                            | (Value::Bool(_), crate::Ty::Bool)
                    )
                });
                if kinds_ok {
                    for (slot, v) in ret_slots.iter_mut().zip(&retv) {
                        *slot = v.to_slot();
                    }
                    return 0;
                }
                format!("host callback `{}` returned wrong kinds", decl.name)
            }
            Ok(Err(m)) => m,
            Err(_) => format!("host callback `{}` panicked", decl.name),
        };
        c.err.kind = ErrorKind::HostError as u32;
        c.err.func = (func_line as u64 >> 32) as u32;
        c.err.line = func_line as u32;
        c.err.message = Some(msg);
        1
    })
}

/// The runtime helper symbols: (name, address).
pub(crate) fn rt_symbols() -> [(&'static str, *const u8); 4] {
    [
        ("nj_trace", nj_trace as *const u8),
        ("nj_lazy", nj_lazy as *const u8),
        ("nj_alloc", nj_alloc as *const u8),
        ("nj_callhost", nj_callhost as *const u8),
    ]
}

/// Owns a finalized `JITModule` and frees its code memory when dropped.
pub(crate) struct CodeMemory(Option<JITModule>);

impl CodeMemory {
    pub(crate) fn new(m: JITModule) -> CodeMemory {
        CodeMemory(Some(m))
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        if let Some(m) = self.0.take() {
            // SAFETY: the owning `Compiled` is being dropped, so no `&Compiled` exists and no
            // call into its code is running; handles that imported functions from it keep it
            // alive through an `Arc`, so nothing can jump into this memory afterwards.
            unsafe { m.free_memory() };
        }
    }
}

// SAFETY: after finalization the module is never accessed again except by `Drop` (which has
// `&mut self`); its code memory is immutable and callable from any thread.
unsafe impl Send for CodeMemory {}
// SAFETY: as above — shared references never touch the module.
unsafe impl Sync for CodeMemory {}

/// A [`Runtime`] that allocates arrays in `Vec`s it owns and runs host callbacks given as
/// closures. Arrays live until [`VecRuntime::clear`] or drop.
#[derive(Default)]
pub struct VecRuntime {
    arrays: Vec<(Box<ArrayDesc>, Vec<u64>)>,
    hosts: Vec<(String, HostFn)>,
    /// Allocations fail (return null) once this many have been made; for testing.
    pub alloc_limit: Option<usize>,
}

/// A host callback closure for [`VecRuntime`].
pub type HostFn = Box<dyn FnMut(&[Value]) -> Result<Vec<Value>, String>>;

impl VecRuntime {
    /// An empty runtime.
    pub fn new() -> VecRuntime {
        VecRuntime::default()
    }

    /// Registers a host callback by name.
    pub fn host(
        mut self,
        name: &str,
        f: impl FnMut(&[Value]) -> Result<Vec<Value>, String> + 'static,
    ) -> VecRuntime {
        self.hosts.push((name.to_string(), Box::new(f)));
        self
    }

    /// Number of arrays allocated and still held.
    pub fn len(&self) -> usize {
        self.arrays.len()
    }

    /// True if no arrays are held.
    pub fn is_empty(&self) -> bool {
        self.arrays.is_empty()
    }

    /// Frees every array.
    pub fn clear(&mut self) {
        self.arrays.clear();
    }

    /// The descriptor of an array this runtime allocated (to pass it to another call).
    pub fn get(&self, a: HostArray) -> Option<&ArrayDesc> {
        self.arrays
            .iter()
            .find(|(d, _)| &**d as *const ArrayDesc as usize == a.0)
            .map(|(d, _)| &**d)
    }

    /// Contents of an allocated array in C order, as f64 (i64 and bool converted).
    pub fn to_f64_vec(&self, a: HostArray) -> Option<Vec<f64>> {
        let (d, buf) = self
            .arrays
            .iter()
            .find(|(d, _)| &**d as *const ArrayDesc as usize == a.0)?;
        let n: i64 = d.shape().iter().product();
        let bytes: Vec<u8> = buf.iter().flat_map(|w| w.to_ne_bytes()).collect();
        Some(
            (0..n as usize)
                .map(|i| match d.dtype() {
                    DType::F64 => f64::from_bits(buf[i]),
                    DType::I64 => buf[i] as i64 as f64,
                    DType::Bool => bytes[i] as f64,
                })
                .collect(),
        )
    }

    /// Contents of an allocated i64 or bool array in C order.
    pub fn to_i64_vec(&self, a: HostArray) -> Option<Vec<i64>> {
        let (d, buf) = self
            .arrays
            .iter()
            .find(|(d, _)| &**d as *const ArrayDesc as usize == a.0)?;
        let n: i64 = d.shape().iter().product();
        let bytes: Vec<u8> = buf.iter().flat_map(|w| w.to_ne_bytes()).collect();
        match d.dtype() {
            DType::I64 => Some(buf[..n as usize].iter().map(|&w| w as i64).collect()),
            DType::Bool => Some(bytes[..n as usize].iter().map(|&b| b as i64).collect()),
            DType::F64 => None,
        }
    }
}

// SAFETY: every descriptor points into a `Vec<u64>` buffer of at least `n * size` bytes owned
// next to it, with C-contiguous byte strides; both are boxed/heap-allocated so their
// addresses stay put while `arrays` grows, and they are freed only by `clear`/drop, which
// need `&mut self` outside a call.
unsafe impl Runtime for VecRuntime {
    fn alloc_array(&mut self, dtype: DType, shape: &[i64], fill: Fill) -> *mut ArrayDesc {
        if let Some(limit) = self.alloc_limit {
            if self.arrays.len() >= limit {
                return std::ptr::null_mut();
            }
        }
        let n = shape
            .iter()
            .try_fold(1i64, |acc, &d| acc.checked_mul(d))
            .filter(|&n| n <= (1i64 << 40));
        let Some(n) = n else {
            return std::ptr::null_mut();
        };
        let esz = dtype.size();
        let words = ((n * esz + 7) / 8) as usize;
        let one: u64 = match (fill, dtype) {
            (Fill::Ones, DType::F64) => 1.0f64.to_bits(),
            (Fill::Ones, DType::I64) => 1,
            (Fill::Ones, DType::Bool) => 0x0101_0101_0101_0101,
            _ => 0,
        };
        let mut buf = vec![one; words.max(1)];
        let mut strides = [0i64; MAX_NDIM];
        let mut acc = esz;
        for k in (0..shape.len()).rev() {
            strides[k] = acc;
            acc *= shape[k].max(1);
        }
        // SAFETY: `buf` holds n elements of `dtype` (bool fill bytes are 0 or 1), C-contiguous
        // with the strides just computed; it is kept alive next to the descriptor.
        let desc = unsafe {
            ArrayDesc::from_raw_parts(
                buf.as_mut_ptr() as *mut u8,
                dtype,
                shape,
                &strides[..shape.len()],
            )
        };
        let mut b = Box::new(desc);
        let p = &mut *b as *mut ArrayDesc;
        self.arrays.push((b, buf));
        p
    }

    fn call_host(
        &mut self,
        _index: usize,
        decl: &HostDecl,
        args: &[Value],
        rets: &mut [Value],
    ) -> Result<(), String> {
        let f = self
            .hosts
            .iter_mut()
            .find(|(n, _)| *n == decl.name)
            .ok_or_else(|| format!("host callback `{}` is not provided", decl.name))?;
        let out = (f.1)(args)?;
        if out.len() != rets.len() {
            return Err(format!(
                "host callback `{}` returned {} values",
                decl.name,
                out.len()
            ));
        }
        rets.copy_from_slice(&out);
        Ok(())
    }
}
