//! numjit-jit: numjit's code generator. A small typed numeric IR (i64/f64/bool scalars,
//! strided array views, structured control flow, Python/numba semantics) compiled to native
//! code with Cranelift 0.135, with a safe call entry, error statuses instead of traps, host
//! callbacks (array allocation), and CLIF/assembly inspection.
//!
//! ```
//! use numjit_jit::{compile_text, Options, Arg, Value, VecRuntime};
//! let src = "(func sq ((x f64)) (f64) (return (mul x x)))";
//! let code = compile_text(src, &Options::default()).unwrap();
//! let out = code.call("sq", &[Arg::F64(3.0)], &mut VecRuntime::new()).unwrap();
//! assert_eq!(out, vec![Value::F64(9.0)]);
//! ```
//!
//! Layout: [`ir`] (types and nodes), [`build`] (constructors), [`text`] (printer/parser),
//! `lower` (IR → CLIF), `compile` (driver, handle, safe entry), [`cache`] (machine code across processes), `abi` (the only `unsafe`:
//! descriptors, runtime trait, helpers, trampolines), `runtime` (values, math helpers),
//! `inspect` (listings), [`options`], [`error`].

pub mod build;
pub mod cache;
pub mod error;
pub mod ir;
pub mod options;
pub mod text;

mod abi;
mod compile;
mod inspect;
mod lower;
mod runtime;

pub use abi::{set_stack_budget, ArrayDesc, ArrayView, Element, HostFn, Runtime, VecRuntime};
pub use compile::{compile, compile_cached, compile_text, Compiled, FuncIndex, Listing};
pub use error::{CallError, CompileError, ErrorKind, RuntimeError};
pub use ir::{
    BinOp, CmpOp, DType, Expr, ExprKind, Fill, Function, HostDecl, LineId, MathFn, Module, Param,
    Stmt, StmtKind, Ty, UnOp, MAX_NDIM,
};
pub use options::{OptLevel, Options};
pub use runtime::{Arg, HostArray, Value};
pub use text::{parse_module, ParseError};
