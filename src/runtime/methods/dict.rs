//! `dict` methods (get/setdefault/pop/popitem/keys/values/items/update/clear/copy/fromkeys),
//! `dict.__new__`/`__init__`/`__getitem__` (with `__missing__` for subclasses), and the view
//! objects `dict_keys`/`dict_values`/`dict_items` (iterable, sized, `in`, repr, set operations).

use std::cell::RefCell;
use std::rc::Rc;

use super::{bind, descriptor_error, new_of};
use crate::runtime::dict::PyDict;
use crate::runtime::iter::DictIterKind;
use crate::runtime::objects::{BaseKind, Class, Kwargs, NativeObj};
use crate::runtime::types::{add_method, check_args, new_class};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

/// `self` of a dict method (unwrapping dict subclasses).
pub fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Rc<PyDict>> {
    match a.first() {
        Some(Value::Dict(d)) => Ok(d.clone()),
        Some(v) => match vm.unwrap_base(v) {
            Value::Dict(d) => Ok(d),
            _ => Err(descriptor_error(vm, name, "dict", v)),
        },
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' of 'dict' object needs an argument"),
        )),
    }
}

/// `dict.update(arg)` for a mapping or an iterable of pairs.
pub fn update_from_arg(vm: &mut Vm, d: &Rc<PyDict>, arg: &Value) -> PyResult<()> {
    if matches!(arg, Value::Dict(_)) || vm.get_attr_opt(arg, "keys")?.is_some() {
        return vm.dict_update_from(d, arg, false);
    }
    let it = vm.get_iter(arg)?;
    let mut i = 0usize;
    while let Some(item) = vm.next(&it)? {
        let pair = match &item {
            Value::Tuple(t) => t.items.to_vec(),
            Value::List(l) => l.items.borrow().clone(),
            other => match vm.collect(other) {
                Ok(v) => v,
                Err(e) if vm.exc_matches(&e, "TypeError") => {
                    let msg = format!(
                        "cannot convert dictionary update sequence element #{i} to a sequence"
                    );
                    return Err(vm.new_error("TypeError", &msg));
                }
                Err(e) => return Err(e),
            },
        };
        if pair.len() != 2 {
            let msg = format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            );
            return Err(vm.new_error("ValueError", &msg));
        }
        let mut p = pair.into_iter();
        if let (Some(k), Some(v)) = (p.next(), p.next()) {
            vm.dict_set(d, k, v)?;
        }
        i += 1;
    }
    Ok(())
}

fn update_impl(
    vm: &mut Vm,
    d: &Rc<PyDict>,
    args: &[Value],
    kw: Kwargs,
    name: &str,
) -> PyResult<()> {
    if args.len() > 1 {
        let msg = format!("{name} expected at most 1 argument, got {}", args.len());
        return Err(vm.new_error("TypeError", &msg));
    }
    if let Some(a) = args.first() {
        update_from_arg(vm, d, a)?;
    }
    for (k, v) in kw {
        d.set_str(k, v.clone());
    }
    Ok(())
}

fn dict_new(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let cls = a.first().cloned().unwrap_or(Value::None);
    let dc = vm.types.dict.clone();
    new_of(vm, &cls, &dc, Value::Dict(Rc::new(PyDict::new())))
}

/// `d[key]`, calling `__missing__` of a dict subclass for absent keys.
fn dict_getitem(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let d = this(vm, a, "__getitem__")?;
    check_args(vm, "__getitem__", &a[1..], 1, 1)?;
    if let Some(v) = vm.dict_get(&d, &a[1])? {
        return Ok(v);
    }
    if let Value::Instance(i) = &a[0] {
        if let Some(m) = i.class.lookup_str("__missing__") {
            return vm.call_special(&m, &a[0], &a[1..2]);
        }
    }
    Err(vm.key_error(&a[1]))
}

thread_local! {
    static VIEW_CLASSES: RefCell<Option<[Rc<Class>; 3]>> = const { RefCell::new(None) };
}

/// A live view of a dict's keys, values or items.
pub struct DictView {
    pub dict: Rc<PyDict>,
    pub kind: DictIterKind,
}

fn view_classes(vm: &mut Vm) -> [Rc<Class>; 3] {
    if let Some(c) = VIEW_CLASSES.with(|v| v.borrow().clone()) {
        return c;
    }
    let obj = vm.types.object.clone();
    let mk = |name: &str| {
        let c = new_class(name, vec![obj.clone()], BaseKind::Native, true);
        add_method(&c, "__iter__", |vm, a, _| {
            let v = view_of(vm, a)?;
            Ok(vm.dict_iter(&v.0, v.1))
        });
        add_method(&c, "__len__", |vm, a, _| {
            let v = view_of(vm, a)?;
            Ok(Value::Int(v.0.len() as i64))
        });
        add_method(&c, "__repr__", view_repr);
        add_method(&c, "__contains__", view_contains);
        add_method(&c, "__reversed__", |vm, a, _| {
            let (d, kind) = view_of(vm, a)?;
            let mut items: Vec<Value> = match kind {
                DictIterKind::Keys => d.map.borrow().keys(),
                DictIterKind::Values => d.map.borrow().values(),
                DictIterKind::Items => d
                    .map
                    .borrow()
                    .items()
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            };
            items.reverse();
            Ok(crate::runtime::iter::new_iter(
                crate::runtime::iter::IterKind::Values(items, 0, "dict_reverseitemiterator"),
            ))
        });
        add_method(&c, "mapping", |vm, a, _| {
            let (d, _) = view_of(vm, a)?;
            Ok(Value::Dict(d))
        });
        c
    };
    let keys = mk("dict_keys");
    let values = mk("dict_values");
    let items = mk("dict_items");
    for c in [&keys, &items] {
        add_method(c, "__and__", |vm, a, _| view_setop(vm, a, 0, false));
        add_method(c, "__or__", |vm, a, _| view_setop(vm, a, 1, false));
        add_method(c, "__sub__", |vm, a, _| view_setop(vm, a, 2, false));
        add_method(c, "__xor__", |vm, a, _| view_setop(vm, a, 3, false));
        add_method(c, "__rand__", |vm, a, _| view_setop(vm, a, 0, true));
        add_method(c, "__ror__", |vm, a, _| view_setop(vm, a, 1, true));
        add_method(c, "__rsub__", |vm, a, _| view_setop(vm, a, 2, true));
        add_method(c, "__rxor__", |vm, a, _| view_setop(vm, a, 3, true));
        add_method(c, "__eq__", |vm, a, _| {
            view_cmp(vm, a, crate::compiler::opcode::CmpOp::Eq)
        });
        add_method(c, "__ne__", |vm, a, _| {
            view_cmp(vm, a, crate::compiler::opcode::CmpOp::Ne)
        });
        add_method(c, "__le__", |vm, a, _| {
            view_cmp(vm, a, crate::compiler::opcode::CmpOp::Le)
        });
        add_method(c, "__lt__", |vm, a, _| {
            view_cmp(vm, a, crate::compiler::opcode::CmpOp::Lt)
        });
        add_method(c, "__ge__", |vm, a, _| {
            view_cmp(vm, a, crate::compiler::opcode::CmpOp::Ge)
        });
        add_method(c, "__gt__", |vm, a, _| {
            view_cmp(vm, a, crate::compiler::opcode::CmpOp::Gt)
        });
        add_method(c, "isdisjoint", |vm, a, _| {
            check_args(vm, "isdisjoint", &a[1..], 1, 1)?;
            let mine = view_as_set(vm, &a[0])?;
            let other = vm.collect(&a[1])?;
            if let Value::Set(s) = &mine {
                for x in &other {
                    if vm.set_contains(s, x)? {
                        return Ok(Value::Bool(false));
                    }
                }
            }
            Ok(Value::Bool(true))
        });
        c.dict.set_by_str("__hash__", Value::None);
    }
    let all = [keys, values, items];
    VIEW_CLASSES.with(|v| *v.borrow_mut() = Some(all.clone()));
    all
}

fn view_of(vm: &mut Vm, a: &[Value]) -> PyResult<(Rc<PyDict>, DictIterKind)> {
    if let Some(Value::Native(n)) = a.first() {
        if let Some(v) = n.get::<DictView>() {
            return Ok((v.dict.clone(), v.kind));
        }
    }
    Err(vm.new_error("TypeError", "descriptor requires a dict view object"))
}

/// A new view object over `d`.
pub fn new_view(vm: &mut Vm, d: Rc<PyDict>, kind: DictIterKind) -> Value {
    let classes = view_classes(vm);
    let cls = match kind {
        DictIterKind::Keys => classes[0].clone(),
        DictIterKind::Values => classes[1].clone(),
        DictIterKind::Items => classes[2].clone(),
    };
    Value::Native(Rc::new(NativeObj {
        class: cls,
        data: Box::new(DictView { dict: d, kind }),
    }))
}

fn view_items(d: &PyDict, kind: DictIterKind) -> Vec<Value> {
    match kind {
        DictIterKind::Keys => d.map.borrow().keys(),
        DictIterKind::Values => d.map.borrow().values(),
        DictIterKind::Items => d
            .map
            .borrow()
            .items()
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    }
}

fn view_repr(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (d, kind) = view_of(vm, a)?;
    let name = match kind {
        DictIterKind::Keys => "dict_keys",
        DictIterKind::Values => "dict_values",
        DictIterKind::Items => "dict_items",
    };
    let items = Value::list(view_items(&d, kind));
    vm.enter()?;
    let r = vm.repr(&items);
    vm.leave();
    Ok(Value::string(format!("{name}({})", r?)))
}

fn view_contains(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let (d, kind) = view_of(vm, a)?;
    check_args(vm, "__contains__", &a[1..], 1, 1)?;
    let x = &a[1];
    Ok(Value::Bool(match kind {
        DictIterKind::Keys => vm.dict_get(&d, x)?.is_some(),
        DictIterKind::Values => {
            let vals = d.map.borrow().values();
            let mut found = false;
            for v in &vals {
                if vm.eq_identity(v, x)? {
                    found = true;
                    break;
                }
            }
            found
        }
        DictIterKind::Items => match x {
            Value::Tuple(t) if t.items.len() == 2 => match vm.dict_get(&d, &t.items[0])? {
                Some(v) => vm.eq_identity(&v, &t.items[1])?,
                None => false,
            },
            _ => false,
        },
    }))
}

fn view_as_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Value::Native(n) = v {
        if let Some(view) = n.get::<DictView>() {
            let items = view_items(&view.dict, view.kind);
            return vm.new_set(items);
        }
    }
    match v {
        Value::Set(_) | Value::FrozenSet(_) => Ok(v.clone()),
        other => {
            let items = vm.collect(other)?;
            vm.new_set(items)
        }
    }
}

fn view_setop(vm: &mut Vm, a: &[Value], op: u8, reflected: bool) -> PyResult<Value> {
    use crate::compiler::opcode::BinOp;
    check_args(vm, "view op", &a[1..], 1, 1)?;
    let other = &a[1];
    if vm.get_iter(other).is_err() {
        return Ok(Value::NotImplemented);
    }
    let mine = view_as_set(vm, &a[0])?;
    let theirs = view_as_set(vm, other)?;
    let theirs = match theirs {
        Value::FrozenSet(s) => Value::Set(s),
        t => t,
    };
    let (x, y) = if reflected {
        (theirs, mine)
    } else {
        (mine, theirs)
    };
    let bop = [BinOp::And, BinOp::Or, BinOp::Sub, BinOp::Xor][op as usize];
    Ok(vm.set_binop(bop, &x, &y)?.unwrap_or(Value::NotImplemented))
}

fn view_cmp(vm: &mut Vm, a: &[Value], op: crate::compiler::opcode::CmpOp) -> PyResult<Value> {
    check_args(vm, "view cmp", &a[1..], 1, 1)?;
    let other = &a[1];
    let other_ok = matches!(other, Value::Set(_) | Value::FrozenSet(_))
        || matches!(other, Value::Native(n) if n.get::<DictView>().is_some_and(|v| v.kind != DictIterKind::Values));
    if !other_ok {
        return Ok(Value::NotImplemented);
    }
    let x = view_as_set(vm, &a[0])?;
    let y = view_as_set(vm, other)?;
    Ok(Value::Bool(vm.set_compare(&x, &y, op)?))
}

pub fn init(vm: &mut Vm) {
    let c = vm.types.dict.clone();
    add_method(&c, "__new__", dict_new);
    add_method(&c, "__init__", |vm, a, kw| {
        let d = this(vm, a, "__init__")?;
        update_impl(vm, &d, &a[1..], kw, "dict")?;
        Ok(Value::None)
    });
    add_method(&c, "__getitem__", dict_getitem);
    add_method(&c, "get", |vm, a, _| {
        let d = this(vm, a, "get")?;
        check_args(vm, "get", &a[1..], 1, 2)?;
        Ok(vm
            .dict_get(&d, &a[1])?
            .unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
    });
    add_method(&c, "setdefault", |vm, a, _| {
        let d = this(vm, a, "setdefault")?;
        check_args(vm, "setdefault", &a[1..], 1, 2)?;
        if let Some(v) = vm.dict_get(&d, &a[1])? {
            return Ok(v);
        }
        let v = a.get(2).cloned().unwrap_or(Value::None);
        vm.dict_set(&d, a[1].clone(), v.clone())?;
        Ok(v)
    });
    add_method(&c, "pop", |vm, a, _| {
        let d = this(vm, a, "pop")?;
        check_args(vm, "pop", &a[1..], 1, 2)?;
        match vm.dict_get(&d, &a[1])? {
            Some(v) => {
                vm.dict_del(&d, &a[1])?;
                Ok(v)
            }
            None => match a.get(2) {
                Some(dflt) => Ok(dflt.clone()),
                None => Err(vm.key_error(&a[1])),
            },
        }
    });
    add_method(&c, "popitem", |vm, a, _| {
        let d = this(vm, a, "popitem")?;
        check_args(vm, "popitem", &a[1..], 0, 0)?;
        let e = d.map.borrow_mut().pop_last();
        match e {
            Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
            None => Err(vm.new_error("KeyError", "popitem(): dictionary is empty")),
        }
    });
    add_method(&c, "keys", |vm, a, _| {
        let d = this(vm, a, "keys")?;
        check_args(vm, "keys", &a[1..], 0, 0)?;
        Ok(new_view(vm, d, DictIterKind::Keys))
    });
    add_method(&c, "values", |vm, a, _| {
        let d = this(vm, a, "values")?;
        check_args(vm, "values", &a[1..], 0, 0)?;
        Ok(new_view(vm, d, DictIterKind::Values))
    });
    add_method(&c, "items", |vm, a, _| {
        let d = this(vm, a, "items")?;
        check_args(vm, "items", &a[1..], 0, 0)?;
        Ok(new_view(vm, d, DictIterKind::Items))
    });
    add_method(&c, "update", |vm, a, kw| {
        let d = this(vm, a, "update")?;
        update_impl(vm, &d, &a[1..], kw, "update")?;
        Ok(Value::None)
    });
    add_method(&c, "clear", |vm, a, _| {
        let d = this(vm, a, "clear")?;
        check_args(vm, "clear", &a[1..], 0, 0)?;
        let old = std::mem::take(&mut *d.map.borrow_mut());
        let mut m = d.map.borrow_mut();
        m.version = old.version.wrapping_add(1);
        drop(m);
        drop(old);
        Ok(Value::None)
    });
    add_method(&c, "copy", |vm, a, _| {
        let d = this(vm, a, "copy")?;
        check_args(vm, "copy", &a[1..], 0, 0)?;
        let m = d.map.borrow().clone();
        Ok(Value::Dict(Rc::new(PyDict::from_map(m))))
    });
    let fromkeys = crate::runtime::types::native_fn("dict.fromkeys", None, |vm, a, _| {
        check_args(vm, "fromkeys", &a[1..], 1, 2)?;
        let v = a.get(2).cloned().unwrap_or(Value::None);
        let keys = vm.collect(&a[1])?;
        let plain = matches!(&a[0], Value::Class(c) if Rc::ptr_eq(c, &vm.types.dict));
        if plain {
            let d = Rc::new(PyDict::new());
            for k in keys {
                vm.dict_set(&d, k, v.clone())?;
            }
            return Ok(Value::Dict(d));
        }
        let obj = vm.call(&a[0], &[], &[])?;
        for k in keys {
            vm.setitem(&obj, k, v.clone())?;
        }
        Ok(obj)
    });
    c.dict
        .set_by_str("fromkeys", Value::ClassMethod(Rc::new(fromkeys)));
    let _ = bind;
}
