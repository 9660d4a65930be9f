//! A disassembler in the style of `python -m dis` (3.11). Offsets are instruction indices.
//! Operands are resolved through the instruction table's operand kinds, so the output cannot
//! drift from the table.

use std::fmt::Write;

use super::code::{Code, Constant};
use super::opcode::{BinOp, CmpOp, Op, OperandKind};

/// Disassembles `code` and then every nested code object.
pub fn disassemble(code: &Code) -> String {
    let mut out = String::new();
    disassemble_one(code, &mut out);
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            let _ = write!(out, "\nDisassembly of {}:\n", code_repr(inner));
            out.push_str(&disassemble(inner));
        }
    }
    out
}

fn code_repr(c: &Code) -> String {
    format!(
        "<code object {}, file \"{}\", line {}>",
        c.name, c.filename, c.first_line
    )
}

/// Python's `repr()` of a constant.
pub fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => b.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex(r, i) => {
            if *r == 0.0 && r.is_sign_positive() {
                format!("{}j", float_short(*i))
            } else {
                let im = float_short(*i);
                let sign = if i.is_sign_negative() || i.is_nan() && im.starts_with('-') {
                    ""
                } else {
                    "+"
                };
                format!("({}{}{}j)", float_short(*r), sign, im)
            }
        }
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(t) => {
            let items: Vec<String> = t.iter().map(const_repr).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Code(c) => code_repr(c),
    }
}

/// `repr(float)`: shortest round-trip digits, CPython's exponent rules.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.into();
    }
    let e = format!("{f:e}");
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            s.push_str("0.");
            for _ in 0..(-exp - 1) {
                s.push('0');
            }
            s.push_str(&digits);
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                s.push_str(&digits);
                for _ in digits.len()..point {
                    s.push('0');
                }
                s.push_str(".0");
            } else {
                s.push_str(&digits[..point]);
                s.push('.');
                s.push_str(&digits[point..]);
            }
        }
    } else {
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        let _ = write!(s, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    s
}

/// Float repr without a trailing ".0" (complex parts).
fn float_short(f: f64) -> String {
    let s = float_repr(f);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// `repr(str)`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (0x80..0xa0).contains(&(c as u32)) => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

fn argrepr(code: &Code, op: Op, arg: u32) -> Option<String> {
    let a = arg as usize;
    match op.operand_kind() {
        OperandKind::None => None,
        OperandKind::Const => Some(code.consts.get(a).map_or("?".into(), const_repr)),
        OperandKind::Name => Some(code.names.get(a).map_or("?".into(), |s| s.to_string())),
        OperandKind::Local => Some(code.varnames.get(a).map_or("?".into(), |s| s.to_string())),
        OperandKind::Deref => Some(code.deref_name(arg).map_or("?".into(), |s| s.to_string())),
        OperandKind::Jump => Some(format!("to {arg}")),
        OperandKind::Compare => {
            Some(CmpOp::from_u32(arg).map_or("?".into(), |c| c.symbol().to_string()))
        }
        OperandKind::Binary => Some(BinOp::decode(arg).map_or("?".into(), |(b, inplace)| {
            format!("{}{}", b.symbol(), if inplace { "=" } else { "" })
        })),
        OperandKind::Count | OperandKind::Raw => match op {
            Op::MakeFunction => {
                let names = ["defaults", "kwdefaults", "annotations", "closure"];
                let v: Vec<&str> = (0..4)
                    .filter(|i| arg & (1 << i) != 0)
                    .map(|i| names[i])
                    .collect();
                Some(v.join(", "))
            }
            Op::FormatValue => {
                let conv = ["", "str", "repr", "ascii"][(arg & 3) as usize];
                let spec = arg & 4 != 0;
                Some(match (conv.is_empty(), spec) {
                    (true, false) => String::new(),
                    (true, true) => "with format".into(),
                    (false, false) => conv.into(),
                    (false, true) => format!("{conv}, with format"),
                })
            }
            Op::IsOp => Some(if arg == 1 { "is not" } else { "is" }.into()),
            Op::ContainsOp => Some(if arg == 1 { "not in" } else { "in" }.into()),
            _ => Some(String::new()),
        },
    }
}

fn disassemble_one(code: &Code, out: &mut String) {
    let n = code.instrs.len();
    let mut targets = vec![false; n + 1];
    for i in &code.instrs {
        if let Some(t) = i.jump_target() {
            if (t as usize) <= n {
                targets[t as usize] = true;
            }
        }
    }
    for e in &code.exception_table {
        if (e.target as usize) <= n {
            targets[e.target as usize] = true;
        }
    }
    let max_line = code.positions.iter().map(|p| p.line).max().unwrap_or(0);
    let lineno_width = if max_line >= 1000 {
        max_line.to_string().len()
    } else {
        3
    };
    let offset_width = if n >= 10000 { n.to_string().len() } else { 4 };
    let mut last_line = 0u32;
    for (i, ins) in code.instrs.iter().enumerate() {
        let line = code.positions.get(i).map_or(0, |p| p.line);
        let starts = line != 0 && line != last_line;
        if starts && i > 0 {
            out.push('\n');
        }
        let mut fields: Vec<String> = Vec::new();
        if starts {
            fields.push(format!("{line:>lineno_width$}"));
            last_line = line;
        } else {
            fields.push(" ".repeat(lineno_width));
        }
        fields.push("   ".into());
        fields.push(if targets[i] { ">>" } else { "  " }.into());
        fields.push(format!("{i:>offset_width$}"));
        fields.push(format!("{:<20}", ins.op.name()));
        if ins.op.operand_kind() != OperandKind::None {
            fields.push(format!("{:>5}", ins.arg));
            if let Some(r) = argrepr(code, ins.op, ins.arg) {
                if !r.is_empty() {
                    fields.push(format!("({r})"));
                }
            }
        }
        out.push_str(fields.join(" ").trim_end());
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &code.exception_table {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start,
                e.end.saturating_sub(1),
                e.target,
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
}
