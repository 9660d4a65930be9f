//! Code objects: the compiler's output and the evaluation loop's input.
//!
//! A [`Code`] is immutable once built and shared with `Rc`. It holds no runtime values:
//! constants are [`Constant`]s, which the VM converts to values once per code object.

use std::rc::Rc;

use num_bigint::BigInt;

use super::opcode::Instr;

/// Code flags (a subset of CPython's `co_flags`, same meaning).
pub mod flags {
    /// Frames get fresh fast locals (functions, lambdas, comprehensions).
    pub const OPTIMIZED: u32 = 0x0001;
    /// Frames get a fresh locals mapping (class bodies).
    pub const NEWLOCALS: u32 = 0x0002;
    /// The function takes `*args`.
    pub const VARARGS: u32 = 0x0004;
    /// The function takes `**kwargs`.
    pub const VARKEYWORDS: u32 = 0x0008;
    /// A nested function (has a qualname with `<locals>`).
    pub const NESTED: u32 = 0x0010;
    /// Calling the function creates a generator.
    pub const GENERATOR: u32 = 0x0020;
    /// The code is a class body (run by `__build_class__` with a namespace dict).
    pub const CLASS_BODY: u32 = 0x1000;
    /// The code is a module body.
    pub const MODULE: u32 = 0x2000;
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Int(i64),
    /// An integer literal that does not fit in i64.
    BigInt(BigInt),
    Float(f64),
    /// A complex literal (`2j`): real and imaginary parts.
    Complex(f64, f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Constant]>),
    Ellipsis,
    /// A nested code object (function, lambda, comprehension, class body).
    Code(Rc<Code>),
}

/// Source position of one instruction: 1-based lines, 0-based UTF-8 columns (CPython's
/// `co_positions`). `line == 0` means "no position" (synthetic instructions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One exception-table entry: instructions `start..end` are covered by the handler at `target`.
/// Entries never overlap and are sorted by `start` (the compiler flattens nested handlers, as
/// CPython's assembler does), so the innermost handler of an instruction is the one entry
/// covering it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    /// Stack depth to unwind to before pushing (lasti and) the exception.
    pub depth: u32,
    /// Whether the faulting instruction's index is pushed (as an int) below the exception.
    pub lasti: bool,
}

/// A compiled code object.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub first_line: u32,
    /// Bitwise-or of [`flags`].
    pub flags: u32,
    /// Positional parameters including positional-only ones (not `*args`).
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub instrs: Vec<Instr>,
    /// One position per instruction.
    pub positions: Vec<Position>,
    pub consts: Vec<Constant>,
    /// Global, attribute and imported names used by `*Name`/`*Global`/`*Attr`/`Import*` ops.
    pub names: Vec<Rc<str>>,
    /// Fast locals: parameters first (positional, keyword-only, then `*args`, `**kwargs`),
    /// then other locals.
    pub varnames: Vec<Rc<str>>,
    /// Variables of this scope captured by inner scopes (stored in cells).
    pub cellvars: Vec<Rc<str>>,
    /// Variables of enclosing scopes used here (cells received through the closure).
    pub freevars: Vec<Rc<str>>,
    /// For each cell variable that is also a parameter, the parameter's index in `varnames`;
    /// the VM moves the argument into the new cell when the frame starts.
    pub cell2arg: Vec<Option<u32>>,
    pub exception_table: Vec<ExceptionEntry>,
    /// Maximum value-stack depth, computed from the instruction table's stack effects.
    pub max_stack: u32,
}

impl Code {
    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
    pub fn is_generator(&self) -> bool {
        self.has_flag(flags::GENERATOR)
    }
    /// Total number of parameters in `varnames` (including `*args`/`**kwargs`).
    pub fn total_params(&self) -> usize {
        (self.argcount
            + self.kwonlyargcount
            + self.has_flag(flags::VARARGS) as u32
            + self.has_flag(flags::VARKEYWORDS) as u32) as usize
    }
    /// Cell and free variable names, indexed by `Deref` operands.
    pub fn deref_name(&self, i: u32) -> Option<&Rc<str>> {
        let i = i as usize;
        if i < self.cellvars.len() {
            self.cellvars.get(i)
        } else {
            self.freevars.get(i - self.cellvars.len())
        }
    }
    /// The handler covering instruction `index`, if any.
    pub fn handler_for(&self, index: u32) -> Option<&ExceptionEntry> {
        let pos = self
            .exception_table
            .partition_point(|e| e.start <= index)
            .checked_sub(1)?;
        let e = &self.exception_table[pos];
        (index < e.end).then_some(e)
    }
    /// Line number of instruction `index` (0 if unknown).
    pub fn line_of(&self, index: usize) -> u32 {
        self.positions.get(index).map_or(0, |p| p.line)
    }
}
