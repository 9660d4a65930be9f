//! Runtime stage: the value representation, object layouts, builtin types and their methods,
//! builtin functions, numeric semantics and text conversions.

pub mod builtin_funcs;
pub mod builtins;
pub mod dict;
pub mod display;
pub mod iter;
pub mod methods;
pub mod num;
pub mod objects;
pub mod stdio;
pub mod types;
pub mod value;
