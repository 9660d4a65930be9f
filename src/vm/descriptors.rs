//! Descriptors the VM creates in class dicts: `__dict__` and `__weakref__` (getset
//! descriptors) and `__slots__` members (member descriptors), so `vars(C)`, `dir(C)` and
//! attribute access behave as in CPython.

use std::rc::Rc;

use crate::runtime::objects::{BaseKind, Class, NativeObj};
use crate::runtime::types::{add_method, new_class};
use crate::runtime::value::Value;

use super::{PyResult, Vm};

/// What a VM-made descriptor gives access to.
pub enum Member {
    /// The instance's `__dict__`.
    Dict,
    /// `__weakref__` (always None: there are no weak references).
    Weakref,
    /// A `__slots__` name, stored in the instance's attribute storage.
    Slot(Rc<str>),
}

pub struct MemberDescr {
    pub member: Member,
    pub owner: Rc<str>,
}

impl Vm {
    /// The (shared) class of the VM's descriptors named `name`, created on first use.
    fn descr_class(&mut self, name: &str) -> Rc<Class> {
        if let Some(c) =
            DESCR_CLASSES.with(|d| d.borrow().iter().find(|c| &*c.name() == name).cloned())
        {
            return c;
        }
        let c = new_class(
            name,
            vec![self.types.object.clone()],
            BaseKind::Native,
            true,
        );
        add_method(&c, "__get__", descr_get);
        add_method(&c, "__set__", descr_set);
        DESCR_CLASSES.with(|d| d.borrow_mut().push(c.clone()));
        c
    }

    /// Adds `__dict__`/`__weakref__` and slot member descriptors to a new class's dict.
    pub fn add_class_descriptors(&mut self, cls: &Rc<Class>, slots: Option<&[Rc<str>]>) {
        let owner = cls.name();
        let ns = cls.dict.clone();
        match slots {
            Some(names) => {
                let c = self.descr_class("member_descriptor");
                for n in names {
                    if &**n == "__dict__" || &**n == "__weakref__" {
                        continue;
                    }
                    ns.set_by_str(n, make(&c, Member::Slot(n.clone()), &owner));
                }
            }
            None => {
                let inherited = cls
                    .mro
                    .borrow()
                    .iter()
                    .skip(1)
                    .any(|b| !b.is_builtin && b.dict.get_by_str("__dict__").is_some());
                if !inherited {
                    let c = self.descr_class("getset_descriptor");
                    ns.set_by_str("__dict__", make(&c, Member::Dict, &owner));
                    ns.set_by_str("__weakref__", make(&c, Member::Weakref, &owner));
                }
            }
        }
        if ns.get_by_str("__doc__").is_none() {
            ns.set_by_str("__doc__", Value::None);
        }
    }
}

thread_local! {
    static DESCR_CLASSES: std::cell::RefCell<Vec<Rc<Class>>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn make(c: &Rc<Class>, member: Member, owner: &Rc<str>) -> Value {
    Value::Native(Rc::new(NativeObj {
        class: c.clone(),
        data: Box::new(MemberDescr {
            member,
            owner: owner.clone(),
        }),
    }))
}

fn descr_get(vm: &mut Vm, a: &[Value], _: crate::runtime::objects::Kwargs) -> PyResult<Value> {
    let (Some(Value::Native(d)), Some(obj)) = (a.first(), a.get(1)) else {
        return Ok(Value::None);
    };
    if obj.is_none() {
        return Ok(a[0].clone());
    }
    let Some(m) = d.get::<MemberDescr>() else {
        return Ok(Value::None);
    };
    let Value::Instance(inst) = obj else {
        return Ok(Value::None);
    };
    match &m.member {
        Member::Dict => Ok(Value::Dict(inst.dict.clone())),
        Member::Weakref => Ok(Value::None),
        Member::Slot(n) => match inst.dict.get_by_str(n) {
            Some(v) => Ok(v),
            None => {
                let name = vm.intern(n);
                let msg = format!("'{}' object has no attribute '{}'", inst.class.name(), n);
                Err(vm.attribute_error(obj, &name, &msg))
            }
        },
    }
}

fn descr_set(vm: &mut Vm, a: &[Value], _: crate::runtime::objects::Kwargs) -> PyResult<Value> {
    let (Some(Value::Native(d)), Some(Value::Instance(inst)), Some(v)) =
        (a.first(), a.get(1), a.get(2))
    else {
        return Ok(Value::None);
    };
    let Some(m) = d.get::<MemberDescr>() else {
        return Ok(Value::None);
    };
    match &m.member {
        Member::Slot(n) => inst.dict.set_by_str(n, v.clone()),
        Member::Dict => {
            let Value::Dict(src) = v else {
                let t = vm.type_name(v);
                return Err(vm.new_error(
                    "TypeError",
                    &format!("__dict__ must be set to a dictionary, not a '{t}'"),
                ));
            };
            let items = src.map.borrow().clone();
            *inst.dict.map.borrow_mut() = items;
        }
        Member::Weakref => {
            return Err(vm.new_error(
                "AttributeError",
                "attribute '__weakref__' of 'object' objects is not writable",
            ));
        }
    }
    Ok(Value::None)
}
