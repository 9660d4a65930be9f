//! Serialisation of code objects for the `__pycache__` cache (and for moving compiled code
//! between threads). Versioned little-endian format; [`loads`] validates everything and never
//! panics or allocates more than the input can justify.

use std::rc::Rc;

use num_bigint::{BigInt, Sign};

use super::code::{Code, Constant, ExceptionEntry, Position};
use super::opcode::{Instr, Op};

const MAGIC: &[u8; 4] = b"NJC\x01";
/// Format version; bump when the layout or the instruction table changes.
pub const VERSION: u32 = 1 + (Op::ALL.len() as u32) * 1000;
const MAX_NESTING: usize = 1000;

/// Serialises a code object (with nested code objects).
pub fn dumps(code: &Code) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    write_code(&mut out, code);
    out
}

/// Deserialises; `None` if the bytes are not a valid serialisation of this version.
pub fn loads(bytes: &[u8]) -> Option<Code> {
    let mut r = Reader { b: bytes, pos: 0 };
    if r.take(4)? != MAGIC || r.u32()? != VERSION {
        return None;
    }
    let code = r.code(0)?;
    (r.pos == bytes.len()).then_some(code)
}

fn w32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}
fn wstr(out: &mut Vec<u8>, s: &str) {
    w32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn write_code(out: &mut Vec<u8>, c: &Code) {
    wstr(out, &c.name);
    wstr(out, &c.qualname);
    wstr(out, &c.filename);
    for v in [
        c.first_line,
        c.flags,
        c.argcount,
        c.posonlyargcount,
        c.kwonlyargcount,
        c.max_stack,
    ] {
        w32(out, v);
    }
    w32(out, c.instrs.len() as u32);
    for i in &c.instrs {
        out.push(i.op as u8);
        w32(out, i.arg);
    }
    for p in &c.positions {
        for v in [p.line, p.end_line, p.col, p.end_col] {
            w32(out, v);
        }
    }
    w32(out, c.consts.len() as u32);
    for k in &c.consts {
        write_const(out, k);
    }
    for list in [&c.names, &c.varnames, &c.cellvars, &c.freevars] {
        w32(out, list.len() as u32);
        for s in list.iter() {
            wstr(out, s);
        }
    }
    w32(out, c.cell2arg.len() as u32);
    for a in &c.cell2arg {
        w32(out, a.map_or(u32::MAX, |v| v));
    }
    w32(out, c.exception_table.len() as u32);
    for e in &c.exception_table {
        for v in [e.start, e.end, e.target, e.depth, e.lasti as u32] {
            w32(out, v);
        }
    }
}

fn write_const(out: &mut Vec<u8>, k: &Constant) {
    match k {
        Constant::None => out.push(0),
        Constant::Bool(b) => {
            out.push(1);
            out.push(*b as u8);
        }
        Constant::Int(i) => {
            out.push(2);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Constant::BigInt(b) => {
            out.push(3);
            let (sign, bytes) = b.to_bytes_le();
            out.push(match sign {
                Sign::Minus => 1,
                _ => 0,
            });
            w32(out, bytes.len() as u32);
            out.extend_from_slice(&bytes);
        }
        Constant::Float(f) => {
            out.push(4);
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Constant::Complex(r, i) => {
            out.push(5);
            out.extend_from_slice(&r.to_bits().to_le_bytes());
            out.extend_from_slice(&i.to_bits().to_le_bytes());
        }
        Constant::Str(s) => {
            out.push(6);
            wstr(out, s);
        }
        Constant::Bytes(b) => {
            out.push(7);
            w32(out, b.len() as u32);
            out.extend_from_slice(b);
        }
        Constant::Tuple(t) => {
            out.push(8);
            w32(out, t.len() as u32);
            for x in t.iter() {
                write_const(out, x);
            }
        }
        Constant::Ellipsis => out.push(9),
        Constant::Code(c) => {
            out.push(10);
            write_code(out, c);
        }
    }
}

struct Reader<'b> {
    b: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn remaining(&self) -> usize {
        self.b.len() - self.pos
    }
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        if n > self.remaining() {
            return None;
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        let s = self.take(4)?;
        Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Option<u64> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Some(u64::from_le_bytes(a))
    }
    /// A count of items each at least `min_size` bytes long, checked against the input left.
    fn count(&mut self, min_size: usize) -> Option<usize> {
        let n = self.u32()? as usize;
        if n.checked_mul(min_size.max(1))? > self.remaining() {
            return None;
        }
        Some(n)
    }
    fn str(&mut self) -> Option<Rc<str>> {
        let n = self.count(1)?;
        let s = std::str::from_utf8(self.take(n)?).ok()?;
        Some(s.into())
    }
    fn strs(&mut self) -> Option<Vec<Rc<str>>> {
        let n = self.count(4)?;
        (0..n).map(|_| self.str()).collect()
    }
    fn constant(&mut self, depth: usize) -> Option<Constant> {
        if depth > MAX_NESTING {
            return None;
        }
        Some(match self.u8()? {
            0 => Constant::None,
            1 => Constant::Bool(match self.u8()? {
                0 => false,
                1 => true,
                _ => return None,
            }),
            2 => Constant::Int(self.u64()? as i64),
            3 => {
                let sign = self.u8()?;
                let n = self.count(1)?;
                let bytes = self.take(n)?;
                let s = match sign {
                    0 => Sign::Plus,
                    1 => Sign::Minus,
                    _ => return None,
                };
                Constant::BigInt(BigInt::from_bytes_le(s, bytes))
            }
            4 => Constant::Float(f64::from_bits(self.u64()?)),
            5 => Constant::Complex(f64::from_bits(self.u64()?), f64::from_bits(self.u64()?)),
            6 => Constant::Str(self.str()?),
            7 => {
                let n = self.count(1)?;
                Constant::Bytes(self.take(n)?.into())
            }
            8 => {
                let n = self.count(1)?;
                let v = (0..n)
                    .map(|_| self.constant(depth + 1))
                    .collect::<Option<Vec<_>>>()?;
                Constant::Tuple(v.into())
            }
            9 => Constant::Ellipsis,
            10 => Constant::Code(Rc::new(self.code(depth + 1)?)),
            _ => return None,
        })
    }
    fn code(&mut self, depth: usize) -> Option<Code> {
        if depth > MAX_NESTING {
            return None;
        }
        let name = self.str()?;
        let qualname = self.str()?;
        let filename = self.str()?;
        let first_line = self.u32()?;
        let flags = self.u32()?;
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let max_stack = self.u32()?;
        let n = self.count(5 + 16)?;
        let mut instrs = Vec::with_capacity(n);
        for _ in 0..n {
            let op = Op::from_u8(self.u8()?)?;
            instrs.push(Instr::new(op, self.u32()?));
        }
        let mut positions = Vec::with_capacity(n);
        for _ in 0..n {
            positions.push(Position {
                line: self.u32()?,
                end_line: self.u32()?,
                col: self.u32()?,
                end_col: self.u32()?,
            });
        }
        let nc = self.count(1)?;
        let consts = (0..nc)
            .map(|_| self.constant(depth))
            .collect::<Option<Vec<_>>>()?;
        let names = self.strs()?;
        let varnames = self.strs()?;
        let cellvars = self.strs()?;
        let freevars = self.strs()?;
        let n2 = self.count(4)?;
        let mut cell2arg = Vec::with_capacity(n2);
        for _ in 0..n2 {
            let v = self.u32()?;
            cell2arg.push((v != u32::MAX).then_some(v));
        }
        let ne = self.count(20)?;
        let mut exception_table = Vec::with_capacity(ne);
        for _ in 0..ne {
            let start = self.u32()?;
            let end = self.u32()?;
            let target = self.u32()?;
            let depth = self.u32()?;
            let lasti = match self.u32()? {
                0 => false,
                1 => true,
                _ => return None,
            };
            exception_table.push(ExceptionEntry {
                start,
                end,
                target,
                depth,
                lasti,
            });
        }
        let code = Code {
            name,
            qualname,
            filename,
            first_line,
            flags,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            instrs,
            positions,
            consts,
            names,
            varnames,
            cellvars,
            freevars,
            cell2arg,
            exception_table,
            max_stack,
        };
        validate(&code).then_some(code)
    }
}

/// Structural checks so a loaded code object cannot make the VM index out of bounds.
fn validate(c: &Code) -> bool {
    use super::opcode::OperandKind as K;
    let len = c.instrs.len();
    let nderef = c.cellvars.len() + c.freevars.len();
    if c.cell2arg.len() != c.cellvars.len() || c.total_params() > c.varnames.len() {
        return false;
    }
    if c.cell2arg
        .iter()
        .flatten()
        .any(|&a| a as usize >= c.varnames.len())
    {
        return false;
    }
    for i in &c.instrs {
        let a = i.arg as usize;
        let ok = match i.op.operand_kind() {
            K::Const => a < c.consts.len(),
            K::Name => a < c.names.len(),
            K::Local => a < c.varnames.len(),
            K::Deref => a < nderef,
            K::Jump => a < len,
            _ => true,
        };
        if !ok {
            return false;
        }
    }
    let mut prev = 0;
    for e in &c.exception_table {
        if e.start >= e.end || e.start < prev || e.end as usize > len || e.target as usize >= len {
            return false;
        }
        prev = e.end;
    }
    len > 0
}
