//! Methods of the builtin value types, one file per type family, registered into the type
//! objects' dicts at startup.

pub mod list;

use crate::vm::Vm;

pub fn init(vm: &mut Vm) {
    list::init(vm);
}
