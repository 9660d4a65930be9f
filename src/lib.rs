//! numjit: a Python 3.11 virtual machine with a Cranelift JIT for numeric code.
//!
//! Pipeline stages, one folder each: `parse` (source → AST via ruff_python_parser),
//! `compiler` (symbol tables, codegen, the instruction table, dis), `vm` (frames, eval loop,
//! exceptions, generators, imports), `runtime` (values, objects, builtins), `modules`
//! (builtin modules written in Rust), `text` (number and string formatting), `cli`.

pub mod cli;
pub mod cli_repl;
pub mod compiler;
pub mod jit_bridge;
pub mod modules;
pub mod numpy;
pub mod parse;
pub mod runtime;
pub mod text;
pub mod vm;
