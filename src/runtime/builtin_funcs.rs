//! Builtin functions beyond the core set in `builtins.rs`: min/max/sum/sorted/reversed,
//! enumerate/zip/map/filter, any/all, round/divmod/pow, chr/ord/hex/oct/bin, input, open,
//! exec/eval/compile, globals/locals.

use crate::vm::Vm;

pub fn init(_vm: &mut Vm) {}
