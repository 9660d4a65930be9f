//! Error types: compile-time errors (bad IR, Cranelift failures) and run-time error statuses
//! returned by native code (index out of bounds, division by zero, ...).

use crate::ir::LineId;
use crate::text::ParseError;
use std::fmt;

/// Why compilation failed.
#[derive(Clone, Debug, PartialEq)]
pub enum CompileError {
    /// The text form did not parse.
    Parse(ParseError),
    /// The IR is ill-formed or ill-typed (unknown variable, type mismatch, ...).
    Type {
        /// Function being compiled.
        func: String,
        /// Line id of the innermost node with one (0 if none).
        line: LineId,
        /// What is wrong.
        message: String,
    },
    /// Cranelift rejected the generated code (a bug in this crate) or the module failed.
    Codegen {
        /// Function being compiled ("" if module-level).
        func: String,
        /// Cranelift's message.
        message: String,
    },
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompileError::Parse(e) => write!(f, "parse error: {e}"),
            CompileError::Type {
                func,
                line,
                message,
            } => write!(f, "in {func} (line {line}): {message}"),
            CompileError::Codegen { func, message } => {
                write!(f, "code generation failed in {func}: {message}")
            }
        }
    }
}

impl std::error::Error for CompileError {}

impl From<ParseError> for CompileError {
    fn from(e: ParseError) -> Self {
        CompileError::Parse(e)
    }
}

/// Which check failed in native code. The discriminants are the codes native code passes to
/// the runtime (stable: the VM may store them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum ErrorKind {
    /// Array index out of range (→ IndexError). `axis`, `index` (as written, before negative
    /// wrap) and `bound` (the axis length) are set.
    IndexOutOfBounds = 1,
    /// Integer or float division/modulo by zero (→ ZeroDivisionError).
    ZeroDivision = 2,
    /// Allocation with a negative dimension (→ ValueError). `axis`, `index` = the dimension.
    NegativeDimension = 3,
    /// The host's allocation callback returned null (→ MemoryError).
    AllocFailed = 4,
    /// `range()` with step 0 (→ ValueError).
    RangeStepZero = 5,
    /// f64 → i64 of NaN, an infinity or an out-of-range value (→ ValueError/OverflowError).
    /// `index` holds the f64 bits.
    FloatToInt = 6,
    /// i64 ** negative i64 (Python would return a float; the VM should re-type or raise).
    NegativePower = 7,
    /// A host callback returned an error (its message is in `message`).
    HostError = 8,
    /// A function with results ended without `return`.
    MissingReturn = 9,
    /// Native recursion used up the stack budget (→ RecursionError); see
    /// [`crate::set_stack_budget`].
    StackOverflow = 10,
    /// An i64 result did not fit with [`crate::Options::checked_int`] (→ OverflowError if the
    /// VM cannot fall back).
    IntOverflow = 11,
}

impl ErrorKind {
    pub(crate) fn from_u32(v: u32) -> Option<ErrorKind> {
        use ErrorKind::*;
        Some(match v {
            1 => IndexOutOfBounds,
            2 => ZeroDivision,
            3 => NegativeDimension,
            4 => AllocFailed,
            5 => RangeStepZero,
            6 => FloatToInt,
            7 => NegativePower,
            8 => HostError,
            9 => MissingReturn,
            10 => StackOverflow,
            11 => IntOverflow,
            _ => return None,
        })
    }

    /// The Python exception the VM should raise.
    pub fn python_exception(self) -> &'static str {
        match self {
            ErrorKind::IndexOutOfBounds => "IndexError",
            ErrorKind::ZeroDivision => "ZeroDivisionError",
            ErrorKind::NegativeDimension | ErrorKind::RangeStepZero => "ValueError",
            ErrorKind::AllocFailed => "MemoryError",
            ErrorKind::FloatToInt => "ValueError",
            ErrorKind::NegativePower => "ValueError",
            ErrorKind::HostError => "RuntimeError",
            ErrorKind::MissingReturn => "SystemError",
            ErrorKind::StackOverflow => "RecursionError",
            ErrorKind::IntOverflow => "OverflowError",
        }
    }
}

/// An error status returned by native code, with the detail the VM needs for a traceback.
#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeError {
    /// Which check failed.
    pub kind: ErrorKind,
    /// Function where it happened.
    pub func: String,
    /// Line id of the failing operation (0 if the IR carried none).
    pub line: LineId,
    /// Axis of the failing index (IndexOutOfBounds, NegativeDimension).
    pub axis: u32,
    /// The offending index / dimension / f64 bits.
    pub index: i64,
    /// The axis length (IndexOutOfBounds).
    pub bound: i64,
    /// Extra text (host callback errors).
    pub message: Option<String>,
    /// Callers between the failing function and the entry, innermost first: (function, line
    /// id of the call).
    pub trace: Vec<(String, LineId)>,
    /// Values of the entry function's `spill` variables at the failing operation, in order,
    /// as bits (i64 as is, f64 bits, bool 0/1); empty without a `spill` statement.
    pub spilled: Box<[i64]>,
}

impl fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.kind.python_exception())?;
        match self.kind {
            ErrorKind::IndexOutOfBounds => write!(
                f,
                "index {} is out of bounds for axis {} with size {}",
                self.index, self.axis, self.bound
            )?,
            ErrorKind::ZeroDivision => write!(f, "division by zero")?,
            ErrorKind::NegativeDimension => write!(f, "negative dimensions are not allowed")?,
            ErrorKind::AllocFailed => write!(f, "array allocation failed")?,
            ErrorKind::RangeStepZero => write!(f, "range() arg 3 must not be zero")?,
            ErrorKind::FloatToInt => write!(
                f,
                "cannot convert float {} to integer",
                f64::from_bits(self.index as u64)
            )?,
            ErrorKind::NegativePower => write!(f, "integer power with a negative exponent")?,
            ErrorKind::HostError => {
                write!(f, "{}", self.message.as_deref().unwrap_or("host error"))?
            }
            ErrorKind::MissingReturn => write!(f, "function ended without return")?,
            ErrorKind::StackOverflow => write!(f, "maximum recursion depth exceeded")?,
            ErrorKind::IntOverflow => write!(f, "integer result does not fit in int64")?,
        }
        write!(f, " (in {} line {})", self.func, self.line)
    }
}

impl std::error::Error for RuntimeError {}

/// Why a call through the safe entry failed.
#[derive(Clone, Debug, PartialEq)]
pub enum CallError {
    /// No function of that name in the handle.
    NoSuchFunction(String),
    /// Arguments do not match the signature (count, kind, array dtype or ndim), or the result
    /// buffer has the wrong length.
    BadArguments(String),
    /// Native code returned an error status.
    Runtime(RuntimeError),
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::NoSuchFunction(n) => write!(f, "no compiled function `{n}`"),
            CallError::BadArguments(m) => write!(f, "bad arguments: {m}"),
            CallError::Runtime(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CallError {}
