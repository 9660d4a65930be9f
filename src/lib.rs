//! numjit: a Python 3.11 virtual machine with a Cranelift JIT for numeric code.
//!
//! Pipeline stages, one folder each: `parse` (source → AST via ruff_python_parser),
//! `compiler` (symbol tables, codegen, the instruction table, dis), `vm` (frames, eval loop,
//! exceptions, generators), `runtime` (objects, builtins, modules), `jit_bridge` (profiling,
//! type inference, native calls).

pub mod compiler;
