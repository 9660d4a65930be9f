//! The code-object builder: instructions with symbolic labels, exception handlers pushed and
//! popped like CPython's SETUP_*/POP_BLOCK pseudo-instructions, and the assembler that
//! resolves labels, computes stack depths (max_stack) and flattens the exception table.
//! Also the stack verifier run on finished code objects.

use std::collections::HashMap;
use std::rc::Rc;

use super::code::{Code, Constant, ExceptionEntry, Position};
use super::opcode::{Instr, Op, OperandKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

pub type HandlerId = usize;

#[derive(Clone, Copy, Debug)]
struct Handler {
    target: Label,
    lasti: bool,
    /// Added to the stack depth at the setup point (SETUP_WITH keeps `exit` only: -1).
    adjust: i32,
}

#[derive(Clone, Debug)]
enum Item {
    Instr {
        op: Op,
        arg: u32,
        target: Option<Label>,
        pos: Position,
        handler: Option<HandlerId>,
    },
    Label(Label),
    Setup(HandlerId),
}

/// A code object under construction.
pub struct Unit {
    items: Vec<Item>,
    nlabels: u32,
    handlers: Vec<Handler>,
    pub handler_stack: Vec<HandlerId>,
    pub consts: Vec<Constant>,
    const_map: HashMap<ConstKey, u32>,
    pub names: Vec<Rc<str>>,
    name_map: HashMap<String, u32>,
    pub varnames: Vec<Rc<str>>,
    var_map: HashMap<String, u32>,
    pub cellvars: Vec<Rc<str>>,
    pub freevars: Vec<Rc<str>>,
    pub pos: Position,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub flags: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub first_line: u32,
}

/// A hashable identity for constants: equal keys exactly when CPython would share the constant
/// (0 vs 0.0 vs False vs -0.0 stay distinct; code objects by identity).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    BigInt(num_bigint::BigInt),
    Float(u64),
    Complex(u64, u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<ConstKey>),
    Ellipsis,
    Code(usize),
}

fn const_key(c: &Constant) -> ConstKey {
    match c {
        Constant::None => ConstKey::None,
        Constant::Bool(b) => ConstKey::Bool(*b),
        Constant::Int(i) => ConstKey::Int(*i),
        Constant::BigInt(b) => ConstKey::BigInt(b.clone()),
        Constant::Float(f) => ConstKey::Float(f.to_bits()),
        Constant::Complex(r, i) => ConstKey::Complex(r.to_bits(), i.to_bits()),
        Constant::Str(s) => ConstKey::Str(s.clone()),
        Constant::Bytes(b) => ConstKey::Bytes(b.clone()),
        Constant::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        Constant::Ellipsis => ConstKey::Ellipsis,
        Constant::Code(c) => ConstKey::Code(Rc::as_ptr(c) as usize),
    }
}

impl Unit {
    pub fn new(name: &str, qualname: &str, first_line: u32) -> Unit {
        Unit {
            items: Vec::new(),
            nlabels: 0,
            handlers: Vec::new(),
            handler_stack: Vec::new(),
            consts: Vec::new(),
            const_map: HashMap::new(),
            names: Vec::new(),
            name_map: HashMap::new(),
            varnames: Vec::new(),
            var_map: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            pos: Position::default(),
            name: name.into(),
            qualname: qualname.into(),
            flags: 0,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            first_line,
        }
    }

    pub fn new_label(&mut self) -> Label {
        self.nlabels += 1;
        Label(self.nlabels - 1)
    }
    pub fn bind(&mut self, l: Label) {
        self.items.push(Item::Label(l));
    }
    pub fn emit(&mut self, op: Op, arg: u32) {
        let handler = self.handler_stack.last().copied();
        self.items.push(Item::Instr {
            op,
            arg,
            target: None,
            pos: self.pos,
            handler,
        });
    }
    pub fn emit_jump(&mut self, op: Op, target: Label) {
        let handler = self.handler_stack.last().copied();
        self.items.push(Item::Instr {
            op,
            arg: 0,
            target: Some(target),
            pos: self.pos,
            handler,
        });
    }
    /// SETUP_FINALLY / SETUP_CLEANUP / SETUP_WITH: protect what follows with a handler.
    pub fn push_handler(&mut self, target: Label, lasti: bool, adjust: i32) -> HandlerId {
        let id = self.handlers.len();
        self.handlers.push(Handler {
            target,
            lasti,
            adjust,
        });
        self.items.push(Item::Setup(id));
        self.handler_stack.push(id);
        id
    }
    /// POP_BLOCK.
    pub fn pop_handler(&mut self) {
        self.handler_stack.pop();
    }
    /// Re-activates a handler on another linear path (no new setup point).
    pub fn reenter_handler(&mut self, h: HandlerId) {
        self.handler_stack.push(h);
    }

    pub fn add_const(&mut self, c: Constant) -> u32 {
        let key = const_key(&c);
        if let Some(&i) = self.const_map.get(&key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(c);
        self.const_map.insert(key, i);
        i
    }
    pub fn add_name(&mut self, n: &str) -> u32 {
        if let Some(&i) = self.name_map.get(n) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(n.into());
        self.name_map.insert(n.to_string(), i);
        i
    }
    pub fn add_varname(&mut self, n: &str) -> u32 {
        if let Some(&i) = self.var_map.get(n) {
            return i;
        }
        let i = self.varnames.len() as u32;
        self.varnames.push(n.into());
        self.var_map.insert(n.to_string(), i);
        i
    }
    pub fn deref_index(&self, n: &str) -> Option<u32> {
        if let Some(i) = self.cellvars.iter().position(|c| &**c == n) {
            return Some(i as u32);
        }
        self.freevars
            .iter()
            .position(|c| &**c == n)
            .map(|i| (i + self.cellvars.len()) as u32)
    }
    pub fn cell_index(&self, n: &str) -> Option<u32> {
        self.cellvars
            .iter()
            .position(|c| &**c == n)
            .map(|i| i as u32)
    }

    /// Whether the last emitted item is an unconditional exit (so no fall-through code needed).
    pub fn ends_with_exit(&self) -> bool {
        matches!(
            self.items.last(),
            Some(Item::Instr {
                op: Op::ReturnValue | Op::RaiseVarargs | Op::Reraise | Op::Jump | Op::JumpBackward,
                ..
            })
        )
    }

    /// Resolves labels, computes stack depths and the exception table, and builds the code.
    pub fn assemble(self, filename: &Rc<str>) -> Result<Code, String> {
        let mut label_pos = vec![u32::MAX; self.nlabels as usize];
        let mut setups: Vec<(HandlerId, u32)> = Vec::new();
        let mut n = 0u32;
        for it in &self.items {
            match it {
                Item::Instr { .. } => n += 1,
                Item::Label(l) => label_pos[l.0 as usize] = n,
                Item::Setup(h) => setups.push((*h, n)),
            }
        }
        let mut instrs = Vec::with_capacity(n as usize);
        let mut positions = Vec::with_capacity(n as usize);
        let mut handler_of: Vec<Option<HandlerId>> = Vec::with_capacity(n as usize);
        for it in &self.items {
            if let Item::Instr {
                op,
                arg,
                target,
                pos,
                handler,
            } = it
            {
                let arg = match target {
                    Some(l) => {
                        let p = label_pos[l.0 as usize];
                        if p == u32::MAX {
                            return Err(format!("unbound label in {}", self.qualname));
                        }
                        p
                    }
                    None => *arg,
                };
                instrs.push(Instr::new(*op, arg));
                positions.push(*pos);
                handler_of.push(*handler);
            }
        }
        // Handler targets.
        let htarget: Vec<u32> = self
            .handlers
            .iter()
            .map(|h| label_pos[h.target.0 as usize])
            .collect();
        if htarget.contains(&u32::MAX) {
            return Err("unbound handler label".into());
        }
        let mut setups_at: HashMap<u32, Vec<HandlerId>> = HashMap::new();
        for (h, at) in &setups {
            setups_at.entry(*at).or_default().push(*h);
        }
        // Flow analysis.
        let len = instrs.len();
        let mut depth: Vec<Option<i32>> = vec![None; len + 1];
        let mut hdepth: Vec<Option<i32>> = vec![None; self.handlers.len()];
        let mut work: Vec<usize> = Vec::new();
        let mut max = 0i32;
        let set = |depth: &mut Vec<Option<i32>>,
                   work: &mut Vec<usize>,
                   at: usize,
                   d: i32,
                   from: usize|
         -> Result<(), String> {
            if d < 0 {
                return Err(format!(
                    "negative stack depth at {from} in {}",
                    self.qualname
                ));
            }
            if at > len {
                return Err(format!("jump out of range at {from}"));
            }
            match depth[at] {
                None => {
                    depth[at] = Some(d);
                    work.push(at);
                }
                Some(old) if old != d => {
                    return Err(format!(
                        "inconsistent stack depth at {at} ({old} vs {d}, from {from}) in {}",
                        self.qualname
                    ))
                }
                _ => {}
            }
            Ok(())
        };
        if len > 0 {
            set(&mut depth, &mut work, 0, 0, 0)?;
        }
        while let Some(i) = work.pop() {
            if i >= len {
                continue;
            }
            let d = depth[i].unwrap_or(0);
            max = max.max(d);
            if let Some(hs) = setups_at.get(&(i as u32)) {
                for &h in hs {
                    let hd = d + self.handlers[h].adjust;
                    hdepth[h] = Some(hd);
                    let td = hd + 1 + self.handlers[h].lasti as i32;
                    max = max.max(td);
                    set(&mut depth, &mut work, htarget[h] as usize, td, i)?;
                }
            }
            let ins = instrs[i];
            let after = d + ins.op.stack_effect(ins.arg, false);
            if after < 0 {
                return Err(format!(
                    "stack underflow at {i} ({}) in {}",
                    ins.op, self.qualname
                ));
            }
            max = max.max(after);
            if let Some(t) = ins.jump_target() {
                let jd = d + ins.op.stack_effect(ins.arg, true);
                max = max.max(jd);
                set(&mut depth, &mut work, t as usize, jd, i)?;
            }
            if !matches!(
                ins.op,
                Op::ReturnValue | Op::RaiseVarargs | Op::Reraise | Op::Jump | Op::JumpBackward
            ) {
                if i + 1 >= len {
                    return Err(format!("code falls off the end in {}", self.qualname));
                }
                set(&mut depth, &mut work, i + 1, after, i)?;
            }
        }
        // Exception table: runs of instructions with the same handler.
        let mut table: Vec<ExceptionEntry> = Vec::new();
        let mut i = 0;
        while i < len {
            let Some(h) = handler_of[i] else {
                i += 1;
                continue;
            };
            let start = i;
            while i < len && handler_of[i] == Some(h) {
                i += 1;
            }
            if let Some(hd) = hdepth[h] {
                table.push(ExceptionEntry {
                    start: start as u32,
                    end: i as u32,
                    target: htarget[h],
                    depth: hd as u32,
                    lasti: self.handlers[h].lasti,
                });
            }
        }
        let code = Code {
            name: self.name.clone(),
            qualname: self.qualname.clone(),
            filename: filename.clone(),
            first_line: self.first_line,
            flags: self.flags,
            argcount: self.argcount,
            posonlyargcount: self.posonlyargcount,
            kwonlyargcount: self.kwonlyargcount,
            instrs,
            positions,
            consts: self.consts,
            names: self.names,
            cell2arg: self
                .cellvars
                .iter()
                .map(|c| {
                    let np = self.argcount
                        + self.kwonlyargcount
                        + (self.flags & super::code::flags::VARARGS != 0) as u32
                        + (self.flags & super::code::flags::VARKEYWORDS != 0) as u32;
                    self.varnames
                        .iter()
                        .take(np as usize)
                        .position(|v| v == c)
                        .map(|p| p as u32)
                })
                .collect(),
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            exception_table: table,
            max_stack: max as u32,
        };
        Ok(code)
    }
}

/// Checks a finished code object: operands in range, stack depth consistent at every merge
/// point (jumps and exception handlers), never negative, never above `max_stack`, and the
/// exception table sorted and non-overlapping. Recurses into nested code objects.
pub fn verify(code: &Code) -> Result<(), String> {
    let len = code.instrs.len();
    let ctx = |m: String| format!("{}: {m}", code.qualname);
    if code.positions.len() != len {
        return Err(ctx("positions length mismatch".into()));
    }
    let nderef = code.cellvars.len() + code.freevars.len();
    for (i, ins) in code.instrs.iter().enumerate() {
        let a = ins.arg as usize;
        let ok = match ins.op.operand_kind() {
            OperandKind::Const => a < code.consts.len(),
            OperandKind::Name => a < code.names.len(),
            OperandKind::Local => a < code.varnames.len(),
            OperandKind::Deref => a < nderef,
            OperandKind::Jump => a < len,
            _ => true,
        };
        if !ok {
            return Err(ctx(format!("operand out of range at {i} ({})", ins.op)));
        }
    }
    let mut prev_end = 0;
    for e in &code.exception_table {
        if e.start >= e.end
            || e.start < prev_end
            || e.end as usize > len
            || e.target as usize >= len
        {
            return Err(ctx("bad exception table".into()));
        }
        prev_end = e.end;
    }
    let mut depth: Vec<Option<i32>> = vec![None; len];
    let mut work = vec![];
    if len > 0 {
        depth[0] = Some(0);
        work.push(0usize);
    }
    let max = code.max_stack as i32;
    let push = |depth: &mut Vec<Option<i32>>,
                work: &mut Vec<usize>,
                at: usize,
                d: i32,
                from: usize|
     -> Result<(), String> {
        if d < 0 || d > max {
            return Err(ctx(format!(
                "stack depth {d} out of range at {at} (from {from})"
            )));
        }
        if at >= len {
            return Err(ctx(format!("flow leaves the code at {from}")));
        }
        match depth[at] {
            None => {
                depth[at] = Some(d);
                work.push(at);
            }
            Some(o) if o != d => {
                return Err(ctx(format!(
                    "inconsistent depth at {at}: {o} vs {d} (from {from})"
                )))
            }
            _ => {}
        }
        Ok(())
    };
    while let Some(i) = work.pop() {
        let d = depth[i].unwrap_or(0);
        let ins = code.instrs[i];
        if let Some(e) = code.handler_for(i as u32) {
            if e.depth as i32 > d {
                return Err(ctx(format!(
                    "handler depth {} above stack depth {d} at {i}",
                    e.depth
                )));
            }
            push(
                &mut depth,
                &mut work,
                e.target as usize,
                e.depth as i32 + 1 + e.lasti as i32,
                i,
            )?;
        }
        let after = d + ins.op.stack_effect(ins.arg, false);
        if after < 0 {
            return Err(ctx(format!("stack underflow at {i}")));
        }
        if let Some(t) = ins.jump_target() {
            push(
                &mut depth,
                &mut work,
                t as usize,
                d + ins.op.stack_effect(ins.arg, true),
                i,
            )?;
        }
        if !matches!(
            ins.op,
            Op::ReturnValue | Op::RaiseVarargs | Op::Reraise | Op::Jump | Op::JumpBackward
        ) {
            push(&mut depth, &mut work, i + 1, after, i)?;
        }
    }
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            verify(inner)?;
        }
    }
    Ok(())
}
