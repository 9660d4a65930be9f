//! Compiler stage: symbol tables and code generation from the parser's AST to bytecode.
//! (The code generator is being written; this file declares the table and code object.)

pub mod code;
pub mod opcode;
