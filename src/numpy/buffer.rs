//! Shared element storage of arrays: one `Buffer` per base array, shared by every view through an
//! `Rc` and freed when the last view goes. Elements are 8-byte words (`f64` bits, `i64`, or 0/1
//! for bools) in a boxed slice of `Cell<u64>`: the address is stable (the slice is never
//! resized), it is 8-byte aligned, and mutation through shared views needs no `unsafe` because
//! `Cell` provides the interior mutability. Native code reads and writes through [`Buffer::as_ptr`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Storage of recently freed large buffers, handed out again by [`Buffer::recycled`].
const POOL_SLOTS: usize = 4;
/// Smaller buffers are not kept (allocating them is cheap next to filling them).
const POOL_MIN_WORDS: usize = 4096;
/// Larger ones neither (16 MiB): the pool holds at most 64 MiB that the script freed.
const POOL_MAX_WORDS: usize = 1 << 21;

thread_local! {
    static POOL: RefCell<Vec<Box<[Cell<u64>]>>> = const { RefCell::new(Vec::new()) };
}

pub struct Buffer {
    data: Box<[Cell<u64>]>,
}

impl Buffer {
    /// A buffer owning the given words, without a copy (`Cell<u64>` has `u64`'s layout): every
    /// new array goes through here, and a copy loop was a tenth of an array-returning kernel's
    /// time (`trace` anchor, perf).
    pub fn from_vec(v: Vec<u64>) -> Rc<Buffer> {
        let mut v = std::mem::ManuallyDrop::new(v);
        let (ptr, len, cap) = (v.as_mut_ptr(), v.len(), v.capacity());
        // SAFETY: `Cell<u64>` is `repr(transparent)` over `u64` (same size and alignment), and
        // the pointer, length and capacity come from a live `Vec<u64>` whose ownership moves
        // here (it is never used or dropped again), so the new `Vec` frees the same allocation
        // with the same layout.
        let cells = unsafe { Vec::from_raw_parts(ptr.cast::<Cell<u64>>(), len, cap) };
        Rc::new(Buffer {
            data: cells.into_boxed_slice(),
        })
    }
    /// A buffer owning the given cells (no copy when the vector is exactly sized).
    pub fn from_cells(v: Vec<Cell<u64>>) -> Rc<Buffer> {
        Rc::new(Buffer {
            data: v.into_boxed_slice(),
        })
    }
    pub fn zeroed(n: usize) -> Rc<Buffer> {
        Buffer::from_vec(vec![0u64; n])
    }
    /// `n` words whose values are unspecified (those of a freed array, else zeros), as
    /// `np.empty` promises: for results that compiled code overwrites entirely. An element-wise
    /// result of a call made from a loop then reuses the previous call's freed result instead
    /// of zero-filling new memory (`trace` anchor: memset was 12% of the time, perf).
    pub fn recycled(n: usize) -> Rc<Buffer> {
        let reused = POOL.with(|p| {
            let mut p = p.borrow_mut();
            let k = p.iter().position(|b| b.len() == n)?;
            Some(p.swap_remove(k))
        });
        match reused {
            Some(data) => Rc::new(Buffer { data }),
            None => Buffer::zeroed(n),
        }
    }
    #[inline]
    pub fn len(&self) -> usize {
        self.data.len()
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    /// The word at element index `i` (0 when out of range: callers check bounds first).
    #[inline]
    pub fn get(&self, i: usize) -> u64 {
        match self.data.get(i) {
            Some(c) => c.get(),
            None => 0,
        }
    }
    #[inline]
    pub fn set(&self, i: usize, v: u64) {
        if let Some(c) = self.data.get(i) {
            c.set(v);
        }
    }
    /// The cells `start..start + n` (empty when out of range).
    #[inline]
    pub fn cells(&self, start: usize, n: usize) -> &[Cell<u64>] {
        self.data.get(start..start.saturating_add(n)).unwrap_or(&[])
    }
    /// Address of element 0, for native code (valid while any view holds the `Rc`).
    pub fn as_ptr(&self) -> *mut u64 {
        self.data.as_ptr() as *mut u64
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if !(POOL_MIN_WORDS..=POOL_MAX_WORDS).contains(&self.data.len()) {
            return;
        }
        let data = std::mem::take(&mut self.data);
        // `try_with`: during thread teardown the pool may be gone; the memory is freed then.
        let _ = POOL.try_with(|p| {
            let mut p = p.borrow_mut();
            if p.len() == POOL_SLOTS {
                p.remove(0);
            }
            p.push(data);
        });
    }
}
