//! The instruction table: the one definition of every bytecode instruction.
//!
//! Each opcode is declared once in [`define_ops!`] with its doc comment (operand and stack shape),
//! its operand kind (which drives the disassembler) and its stack effect (which drives the
//! compiler's max-stack computation and a checked `stack_effect`). The evaluation loop in
//! `src/vm/` matches on [`Op`]; nothing else lists opcodes.
//!
//! Notation: `(a b -- c)` means the instruction pops `b` (top of stack) and `a`, then pushes `c`.
//! Jump operands are absolute instruction indices. Semantics follow CPython 3.11's instructions
//! of the same name unless the doc says otherwise.
//!
//! Conventions the compiler and the VM share:
//! - Exceptions are handled by the code object's exception table, never by setup/pop opcodes.
//!   When an instruction at index `i` raises, the VM looks up the entry covering `i`, truncates
//!   the value stack to the entry's `depth`, pushes the instruction index `i` as an int if the
//!   entry has `lasti`, pushes the exception, and jumps to the entry's `target`.
//! - `Null` is an internal stack sentinel (never visible to Python) used by `LoadMethod`.
//! - A generator frame starts with an empty stack at instruction 0; the first resumption pushes
//!   nothing, later resumptions push the sent value as the result of `YieldValue`.
//! - `yield from` / `await`-like delegation is emitted as exactly:
//!   `GetYieldFromIter; LoadConst None; L: Send(END); YieldValue(1); Jump(L); END:` — the VM
//!   relies on this shape to forward `throw()`/`close()` to the sub-iterator (a generator
//!   suspended at `YieldValue(1)` has the sub-iterator on top of its stack).

use std::fmt;

/// How an instruction's `u32` operand is interpreted; the disassembler resolves it with this.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperandKind {
    /// The operand is unused (always 0).
    None,
    /// Index into `Code::consts`.
    Const,
    /// Index into `Code::names` (globals, attributes, imported names).
    Name,
    /// Index into `Code::varnames` (fast locals).
    Local,
    /// Index into cell variables followed by free variables (`cellvars ++ freevars`).
    Deref,
    /// Absolute instruction index.
    Jump,
    /// A count of stack items or arguments.
    Count,
    /// A [`CmpOp`] discriminant.
    Compare,
    /// A [`BinOp`] discriminant.
    Binary,
    /// Instruction-specific flags or small integer, shown raw.
    Raw,
}

/// Comparison operators of `CompareOp`, in CPython's order.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CmpOp {
    pub const ALL: [CmpOp; 6] = [
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Gt,
        CmpOp::Ge,
    ];
    pub fn from_u32(v: u32) -> Option<CmpOp> {
        Self::ALL.get(v as usize).copied()
    }
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }
    /// The comparison with operands swapped (`a < b` is `b > a`), for reflected dunders.
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
    /// The dunder method implementing this comparison.
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
}

/// Binary operators of `BinaryOp`. The in-place forms (`+=`) are the plain ones plus
/// [`BinOp::INPLACE`], as in CPython 3.11's `NB_INPLACE_*`.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add = 0,
    Sub = 1,
    Mul = 2,
    TrueDiv = 3,
    FloorDiv = 4,
    Mod = 5,
    Pow = 6,
    MatMul = 7,
    LShift = 8,
    RShift = 9,
    And = 10,
    Or = 11,
    Xor = 12,
}

impl BinOp {
    /// Added to a `BinOp` discriminant in the operand of `BinaryOp` for augmented assignment.
    pub const INPLACE: u32 = 16;
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::TrueDiv,
        BinOp::FloorDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::MatMul,
        BinOp::LShift,
        BinOp::RShift,
        BinOp::And,
        BinOp::Or,
        BinOp::Xor,
    ];
    /// Decodes a `BinaryOp` operand into (operator, is-inplace).
    pub fn decode(arg: u32) -> Option<(BinOp, bool)> {
        let inplace = arg & Self::INPLACE != 0;
        Self::ALL
            .get((arg & !Self::INPLACE) as usize)
            .map(|&op| (op, inplace))
    }
    pub fn symbol(self) -> &'static str {
        [
            "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^",
        ][self as usize]
    }
    /// `__add__` etc.
    pub fn dunder(self) -> &'static str {
        [
            "__add__",
            "__sub__",
            "__mul__",
            "__truediv__",
            "__floordiv__",
            "__mod__",
            "__pow__",
            "__matmul__",
            "__lshift__",
            "__rshift__",
            "__and__",
            "__or__",
            "__xor__",
        ][self as usize]
    }
    /// `__radd__` etc.
    pub fn rdunder(self) -> &'static str {
        [
            "__radd__",
            "__rsub__",
            "__rmul__",
            "__rtruediv__",
            "__rfloordiv__",
            "__rmod__",
            "__rpow__",
            "__rmatmul__",
            "__rlshift__",
            "__rrshift__",
            "__rand__",
            "__ror__",
            "__rxor__",
        ][self as usize]
    }
    /// `__iadd__` etc.
    pub fn idunder(self) -> &'static str {
        [
            "__iadd__",
            "__isub__",
            "__imul__",
            "__itruediv__",
            "__ifloordiv__",
            "__imod__",
            "__ipow__",
            "__imatmul__",
            "__ilshift__",
            "__irshift__",
            "__iand__",
            "__ior__",
            "__ixor__",
        ][self as usize]
    }
}

/// `MakeFunction` operand flags: which optional items are on the stack below the code object.
pub mod make_function {
    /// A tuple of positional defaults.
    pub const DEFAULTS: u32 = 0x01;
    /// A dict of keyword-only defaults.
    pub const KWDEFAULTS: u32 = 0x02;
    /// A dict of annotations.
    pub const ANNOTATIONS: u32 = 0x04;
    /// A tuple of cells for the free variables.
    pub const CLOSURE: u32 = 0x08;
}

/// `FormatValue` operand: conversion in the low 2 bits, [`format_value::HAS_SPEC`] if a format
/// spec string is on the stack above the value.
pub mod format_value {
    pub const CONV_NONE: u32 = 0;
    pub const CONV_STR: u32 = 1;
    pub const CONV_REPR: u32 = 2;
    pub const CONV_ASCII: u32 = 3;
    pub const CONV_MASK: u32 = 3;
    pub const HAS_SPEC: u32 = 4;
}

macro_rules! define_ops {
    ($( $(#[doc = $doc:expr])* $name:ident($kind:ident) => |$arg:ident, $jump:ident| $effect:expr; )*) => {
        /// One bytecode instruction kind. See the module documentation for the notation.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Op {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Op {
            /// Every opcode, in table order (the discriminant is the index).
            pub const ALL: &'static [Op] = &[$(Op::$name),*];

            /// The opcode's name in CPython's `dis` spelling (`LOAD_FAST`).
            pub fn name(self) -> &'static str {
                match self { $(Op::$name => camel_to_upper_snake(stringify!($name)),)* }
            }

            /// How the operand is interpreted.
            pub fn operand_kind(self) -> OperandKind {
                match self { $(Op::$name => OperandKind::$kind,)* }
            }

            /// The doc comment from the table (operand and stack shape).
            pub fn doc(self) -> &'static str {
                match self { $(Op::$name => concat!($($doc, "\n"),*),)* }
            }

            /// Net change of the stack depth when the instruction executes with operand `arg`;
            /// `jump` selects the effect on the branch-taken path for instructions that jump.
            #[allow(unused_variables)]
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                match self {
                    $(Op::$name => {
                        let $arg = arg as i32;
                        let $jump = jump;
                        $effect
                    })*
                }
            }

            /// Decodes an opcode byte.
            pub fn from_u8(b: u8) -> Option<Op> {
                Self::ALL.get(b as usize).copied()
            }
        }
    };
}

/// `LoadFast` → `LOAD_FAST`; evaluated at compile time of the table's users via a small cache.
fn camel_to_upper_snake(s: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let map = NAMES.get_or_init(|| Mutex::new(HashMap::new()));
    let mut map = match map.lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.entry(s).or_insert_with(|| {
        let mut out = String::with_capacity(s.len() + 4);
        for (i, c) in s.chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        }
        Box::leak(out.into_boxed_str())
    })
}

define_ops! {
    /// `( -- )` Does nothing (a jump target or a line marker).
    Nop(None) => |a, j| 0;
    /// `(v -- )` Discards the top of stack.
    PopTop(None) => |a, j| -1;
    /// `( -- NULL)` Pushes the internal Null sentinel.
    PushNull(None) => |a, j| 1;
    /// `(x1 ... xn -- x1 ... xn x1)` with operand n ≥ 1: pushes a copy of the n-th item
    /// (1 = top of stack).
    Copy(Count) => |a, j| 1;
    /// `(... x1 ... xn -- ... xn ... x1)` with operand n ≥ 2: swaps the top with the n-th item.
    Swap(Count) => |a, j| 0;

    /// `( -- v)` Pushes `consts[arg]`.
    LoadConst(Const) => |a, j| 1;
    /// `( -- v)` Pushes local `varnames[arg]`; UnboundLocalError if it is unbound.
    LoadFast(Local) => |a, j| 1;
    /// `(v -- )` Stores into local `varnames[arg]`.
    StoreFast(Local) => |a, j| -1;
    /// `( -- )` Unbinds local `varnames[arg]`; UnboundLocalError if already unbound.
    DeleteFast(Local) => |a, j| 0;
    /// `( -- v)` Pushes the content of cell/free variable `arg`; NameError (free) or
    /// UnboundLocalError (cell) if the cell is empty.
    LoadDeref(Deref) => |a, j| 1;
    /// `(v -- )` Stores into the cell of cell/free variable `arg`.
    StoreDeref(Deref) => |a, j| -1;
    /// `( -- )` Empties the cell of variable `arg`.
    DeleteDeref(Deref) => |a, j| 0;
    /// `( -- cell)` Pushes the cell object itself of variable `arg` (to build closures).
    LoadClosure(Deref) => |a, j| 1;
    /// `( -- v)` In a class body: looks `arg`'s name up in the class namespace first, then in
    /// the cell.
    LoadClassDeref(Deref) => |a, j| 1;
    /// `( -- v)` Looks `names[arg]` up in the frame's locals mapping, then globals, then
    /// builtins (module and class bodies); NameError if absent.
    LoadName(Name) => |a, j| 1;
    /// `(v -- )` Stores `names[arg]` into the frame's locals mapping.
    StoreName(Name) => |a, j| -1;
    /// `( -- )` Deletes `names[arg]` from the locals mapping; NameError if absent.
    DeleteName(Name) => |a, j| 0;
    /// `( -- v)` Looks `names[arg]` up in globals then builtins; NameError if absent.
    LoadGlobal(Name) => |a, j| 1;
    /// `(v -- )` Stores `names[arg]` into globals.
    StoreGlobal(Name) => |a, j| -1;
    /// `( -- )` Deletes `names[arg]` from globals; NameError if absent.
    DeleteGlobal(Name) => |a, j| 0;

    /// `(obj -- v)` `obj.names[arg]`.
    LoadAttr(Name) => |a, j| 0;
    /// `(v obj -- )` `obj.names[arg] = v`.
    StoreAttr(Name) => |a, j| -2;
    /// `(obj -- )` `del obj.names[arg]`.
    DeleteAttr(Name) => |a, j| -1;
    /// `(obj -- meth self_or_null)` For `obj.name(...)`: if the attribute is a plain function
    /// found on the type, pushes the function and `obj` (no bound method is allocated);
    /// otherwise pushes the attribute value and Null.
    LoadMethod(Name) => |a, j| 1;
    /// `(container key -- v)` `container[key]`.
    BinarySubscr(None) => |a, j| -1;
    /// `(v container key -- )` `container[key] = v`.
    StoreSubscr(None) => |a, j| -3;
    /// `(container key -- )` `del container[key]`.
    DeleteSubscr(None) => |a, j| -2;

    /// `(a b -- r)` Binary operator `BinOp::decode(arg)` (in-place if the INPLACE bit is set:
    /// tries `__iadd__` etc. first).
    BinaryOp(Binary) => |a, j| -1;
    /// `(a b -- r)` Rich comparison `CmpOp::from_u32(arg)`.
    CompareOp(Compare) => |a, j| -1;
    /// `(a b -- bool)` `a is b`, or `a is not b` if arg is 1.
    IsOp(Raw) => |a, j| -1;
    /// `(a b -- bool)` `a in b`, or `a not in b` if arg is 1.
    ContainsOp(Raw) => |a, j| -1;
    /// `(v -- r)` `-v`.
    UnaryNegative(None) => |a, j| 0;
    /// `(v -- r)` `+v`.
    UnaryPositive(None) => |a, j| 0;
    /// `(v -- r)` `not v`.
    UnaryNot(None) => |a, j| 0;
    /// `(v -- r)` `~v`.
    UnaryInvert(None) => |a, j| 0;

    /// `(x1 ... xn -- tuple)` Builds a tuple of n items.
    BuildTuple(Count) => |a, j| 1 - a;
    /// `(x1 ... xn -- list)` Builds a list of n items.
    BuildList(Count) => |a, j| 1 - a;
    /// `(x1 ... xn -- set)` Builds a set of n items.
    BuildSet(Count) => |a, j| 1 - a;
    /// `(k1 v1 ... kn vn -- dict)` Builds a dict of n pairs.
    BuildMap(Count) => |a, j| 1 - 2 * a;
    /// `(s1 ... sn -- str)` Concatenates n strings (f-strings).
    BuildString(Count) => |a, j| 1 - a;
    /// `(start stop -- slice)` if n is 2, `(start stop step -- slice)` if n is 3.
    BuildSlice(Count) => |a, j| 1 - a;
    /// `(list ... v -- list ...)` Appends v to the list at position n (counted after popping v,
    /// 1 = top) — list comprehensions.
    ListAppend(Count) => |a, j| -1;
    /// `(set ... v -- set ...)` Adds v to the set at position n (as `ListAppend`).
    SetAdd(Count) => |a, j| -1;
    /// `(dict ... k v -- dict ...)` Sets `dict[k] = v` for the dict at position n (after popping
    /// k and v) — dict comprehensions.
    MapAdd(Count) => |a, j| -2;
    /// `(list ... it -- list ...)` Extends the list at position n with the iterable (`[*a]`).
    ListExtend(Count) => |a, j| -1;
    /// `(set ... it -- set ...)` Updates the set at position n with the iterable (`{*a}`).
    SetUpdate(Count) => |a, j| -1;
    /// `(dict ... m -- dict ...)` Updates the dict at position n with the mapping (`{**m}`).
    DictUpdate(Count) => |a, j| -1;
    /// `(dict ... m -- dict ...)` As `DictUpdate`, but a repeated key is a TypeError
    /// ("got multiple values for keyword argument") — `f(**a, **b)`.
    DictMerge(Count) => |a, j| -1;
    /// `(list -- tuple)` Converts a list to a tuple.
    ListToTuple(None) => |a, j| 0;
    /// `(seq -- xn ... x1)` Unpacks an iterable of exactly n items, first item on top;
    /// ValueError ("not enough values to unpack (expected 2, got 1)" / "too many values ...").
    UnpackSequence(Count) => |a, j| a - 1;
    /// `(seq -- after... list before...)` Starred unpacking: the operand is
    /// `before | (after << 8)`; pushes `before + 1 + after` items, first item on top.
    UnpackEx(Raw) => |a, j| (a & 0xff) + (a >> 8);
    /// `(v [spec] -- str)` f-string field: conversion in `arg & 3` (see [`format_value`]),
    /// a format spec string on top if `arg & 4`.
    FormatValue(Raw) => |a, j| if a & 4 != 0 { -1 } else { 0 };

    /// `( -- )` Jumps forward or backward to `arg` (not a loop back-edge).
    Jump(Jump) => |a, j| 0;
    /// `( -- )` A loop's back-edge: jumps to `arg` and counts one iteration for the profiler
    /// (on-stack replacement hooks here); also the point where Ctrl-C is noticed.
    JumpBackward(Jump) => |a, j| 0;
    /// `(v -- )` Jumps to `arg` if v is falsy.
    PopJumpIfFalse(Jump) => |a, j| -1;
    /// `(v -- )` Jumps to `arg` if v is truthy.
    PopJumpIfTrue(Jump) => |a, j| -1;
    /// `(v -- )` Jumps to `arg` if v is None.
    PopJumpIfNone(Jump) => |a, j| -1;
    /// `(v -- )` Jumps to `arg` if v is not None.
    PopJumpIfNotNone(Jump) => |a, j| -1;
    /// `(v -- v)` or `(v -- )`: if v is falsy, jumps to `arg` keeping v; else pops v (`and`).
    JumpIfFalseOrPop(Jump) => |a, j| if j { 0 } else { -1 };
    /// `(v -- v)` or `(v -- )`: if v is truthy, jumps to `arg` keeping v; else pops v (`or`).
    JumpIfTrueOrPop(Jump) => |a, j| if j { 0 } else { -1 };
    /// `(iterable -- iter)` `iter(iterable)`.
    GetIter(None) => |a, j| 0;
    /// `(iter -- iter v)` Pushes `next(iter)`; when the iterator is exhausted, pops it and
    /// jumps to `arg`.
    ForIter(Jump) => |a, j| if j { -1 } else { 1 };

    /// `(callable x1 ... xn -- r)` Calls with n positional arguments.
    Call(Count) => |a, j| -a;
    /// `(callable x1 ... xn kwnames -- r)` Calls with n arguments of which the last
    /// `len(kwnames)` are keyword arguments named by the tuple of str `kwnames`.
    CallKw(Count) => |a, j| -a - 1;
    /// `(meth self_or_null x1 ... xn -- r)` Calls a method loaded by `LoadMethod` with n
    /// arguments (self is passed first when it is not Null).
    CallMethod(Count) => |a, j| -a - 1;
    /// `(meth self_or_null x1 ... xn kwnames -- r)` `CallMethod` with keyword names, as `CallKw`.
    CallMethodKw(Count) => |a, j| -a - 2;
    /// `(callable args [kwargs] -- r)` `f(*args, **kwargs)`: args is a tuple; a kwargs dict is
    /// on top if `arg & 1`.
    CallEx(Raw) => |a, j| if a & 1 != 0 { -2 } else { -1 };
    /// `([defaults] [kwdefaults] [annotations] [closure] code -- func)` Makes a function from a
    /// code constant; the optional items are present per the flags in [`make_function`], in
    /// that order. Name and qualname come from the code object.
    MakeFunction(Raw) => |a, j| -(a.count_ones() as i32);
    /// `(v -- )` Returns v from the frame.
    ReturnValue(None) => |a, j| -1;
    /// `( -- __build_class__)` Pushes the builtin that runs class bodies.
    LoadBuildClass(None) => |a, j| 1;
    /// `( -- )` Creates `__annotations__` in the locals mapping if it is absent (class and
    /// module bodies with annotations).
    SetupAnnotations(None) => |a, j| 0;
    /// `(v -- )` REPL: prints `repr(v)` if v is not None and binds it to `builtins._`.
    PrintExpr(None) => |a, j| -1;

    /// `(v -- sent)` Suspends a generator yielding v; resumes with the sent value on the stack.
    /// Operand 1 marks the yield inside a `yield from` loop (see the module doc).
    YieldValue(Raw) => |a, j| 0;
    /// `(iterable -- iter)` `iter()` for `yield from` (a generator is kept as is).
    GetYieldFromIter(None) => |a, j| 0;
    /// `(iter v -- iter y)` Sends v into the sub-iterator (`next` if v is None); if it yields
    /// y, pushes y; if it returns r (StopIteration), pops iter, pushes r and jumps to `arg`.
    Send(Jump) => |a, j| if j { -1 } else { 0 };

    /// `(exc -- )` `raise` forms: operand 0 re-raises the exception being handled, 1 raises
    /// `(exc -- )`, 2 raises with a cause `(exc cause -- )`.
    RaiseVarargs(Count) => |a, j| -a;
    /// `([lasti] ... exc -- )` Re-raises exc without adding a traceback entry; if the operand
    /// n > 0, the item at depth n (after popping exc) is the instruction index (lasti) that the
    /// traceback line is taken from.
    Reraise(Count) => |a, j| -1;
    /// `(exc -- prev_exc exc)` Enters an except/finally handler: saves the currently handled
    /// exception (or None) below exc and makes exc the handled exception (`sys.exc_info()`).
    PushExcInfo(None) => |a, j| 1;
    /// `(prev_exc -- )` Leaves a handler: restores the handled exception saved by `PushExcInfo`.
    PopExcept(None) => |a, j| -1;
    /// `(exc type -- exc bool)` Whether exc is an instance of type (a class or tuple of
    /// classes); TypeError if type is not an exception class.
    CheckExcMatch(None) => |a, j| 0;
    /// `( -- AssertionError)` Pushes the AssertionError class.
    LoadAssertionError(None) => |a, j| 1;
    /// `(mgr -- exit enter_result)` Enters a `with` block: pushes the bound `__exit__` and the
    /// result of `__enter__()`; TypeError if mgr is not a context manager.
    BeforeWith(None) => |a, j| 1;
    /// `(exit lasti prev_exc exc -- exit lasti prev_exc exc r)` Calls
    /// `exit(type(exc), exc, tb)`; r is truthy if the exception is to be suppressed.
    WithExceptStart(None) => |a, j| 1;

    /// `(level fromlist -- module)` `__import__(names[arg], globals, None, fromlist, level)`.
    ImportName(Name) => |a, j| -1;
    /// `(module -- module attr)` `from module import names[arg]` (falls back to importing the
    /// submodule `module.name`); ImportError "cannot import name ..." if absent.
    ImportFrom(Name) => |a, j| 1;
    /// `(module -- )` `from module import *` into the locals mapping, honouring `__all__`.
    ImportStar(None) => |a, j| -1;
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One instruction: an opcode and its operand. Eight bytes; code is a `Vec<Instr>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
}

impl Instr {
    pub fn new(op: Op, arg: u32) -> Instr {
        Instr { op, arg }
    }
    /// The jump target if this instruction can jump.
    pub fn jump_target(&self) -> Option<u32> {
        (self.op.operand_kind() == OperandKind::Jump).then_some(self.arg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_dense_and_named() {
        for (i, op) in Op::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Op::from_u8(i as u8), Some(*op));
            assert!(!op.doc().is_empty(), "{op:?} has no doc");
        }
        assert_eq!(Op::LoadFast.name(), "LOAD_FAST");
        assert_eq!(Op::JumpIfFalseOrPop.name(), "JUMP_IF_FALSE_OR_POP");
    }

    #[test]
    fn stack_effects() {
        assert_eq!(Op::BuildMap.stack_effect(3, false), -5);
        assert_eq!(Op::ForIter.stack_effect(0, true), -1);
        assert_eq!(Op::ForIter.stack_effect(0, false), 1);
        assert_eq!(Op::UnpackEx.stack_effect(2 | (1 << 8), false), 3);
        assert_eq!(
            Op::MakeFunction.stack_effect(make_function::DEFAULTS | make_function::CLOSURE, false),
            -2
        );
        assert_eq!(Op::CallMethodKw.stack_effect(2, false), -4);
    }

    #[test]
    fn instr_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<Instr>(), 8);
    }
}
