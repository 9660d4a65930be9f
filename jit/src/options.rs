//! Compilation options: optimisation level, bounds checks, verifier, inspection capture.

/// Cranelift optimisation level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptLevel {
    /// No egraph optimisation (fastest compile).
    None,
    /// Optimise for speed (default).
    Speed,
    /// Optimise for speed and code size.
    SpeedAndSize,
}

impl OptLevel {
    pub(crate) fn flag(self) -> &'static str {
        match self {
            OptLevel::None => "none",
            OptLevel::Speed => "speed",
            OptLevel::SpeedAndSize => "speed_and_size",
        }
    }
}

/// Options for [`crate::compile`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Options {
    /// Optimisation level (default [`OptLevel::Speed`]).
    pub opt_level: OptLevel,
    /// Check array indices against the shape (default true). Negative indices wrap either way;
    /// with `false` an out-of-range index reads or writes out of bounds, as numba's default.
    pub boundscheck: bool,
    /// Run Cranelift's IR verifier (default: on in debug builds of this crate, off in release).
    pub verifier: bool,
    /// Keep CLIF text (before and after optimisation) and the assembly listing of every
    /// function in the handle, for [`crate::Compiled::clif_before`] and friends. Costs compile
    /// time, so off by default.
    pub inspect: bool,
    /// Python int semantics instead of numba's int64 wraparound: `+ - *` and unary minus on
    /// i64 return an [`crate::ErrorKind::IntOverflow`] status when the result does not fit
    /// (the VM then falls back to the interpreter), and i64 `**` is refused at compile time.
    /// For code the VM compiles on its own (tier-up, on-stack replacement). Default false.
    pub checked_int: bool,
    /// Use the process's code cache ([`crate::cache`]) if one is configured (default true;
    /// false for a compile that must run Cranelift, as a warm-up).
    pub cache: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            opt_level: OptLevel::Speed,
            boundscheck: true,
            verifier: cfg!(debug_assertions),
            inspect: false,
            checked_int: false,
            cache: true,
        }
    }
}
