//! Expression code generation: literals and constant folding, operators, comparisons
//! (chained), boolean short-circuits, conditional jumps, calls (methods, keywords, `*`/`**`
//! unpacking, zero-argument `super()`), displays with starred items, subscripts and slices,
//! f-strings, yield / yield from, walrus.

use num_bigint::BigInt;
use num_traits::{Num, ToPrimitive};
use ruff_python_ast::{
    BoolOp, CmpOp as AstCmp, ConversionFlag, Expr, ExprContext, InterpolatedStringElement,
    InterpolatedStringElements, Keyword, Number, UnaryOp,
};
use ruff_text_size::Ranged;

use super::code::Constant;
use super::func::CompKind;
use super::opcode::{format_value, CmpOp, Op};
use super::stmt::binop;
use super::{CResult, Compiler, Ctx};
use crate::compiler::unit::Label;

/// Parses an integer literal's source text (any base, underscores) into a constant.
pub fn int_literal(text: &str) -> Option<Constant> {
    let t: String = text.chars().filter(|&c| c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d.to_string(), 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d.to_string(), 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d.to_string(), 2)
    } else {
        (lower, 10)
    };
    let b = BigInt::from_str_radix(&digits, radix).ok()?;
    Some(normalize(b))
}

fn normalize(b: BigInt) -> Constant {
    match b.to_i64() {
        Some(v) => Constant::Int(v),
        None => Constant::BigInt(b),
    }
}

fn cmp_op(op: AstCmp) -> (Op, u32) {
    match op {
        AstCmp::Eq => (Op::CompareOp, CmpOp::Eq as u32),
        AstCmp::NotEq => (Op::CompareOp, CmpOp::Ne as u32),
        AstCmp::Lt => (Op::CompareOp, CmpOp::Lt as u32),
        AstCmp::LtE => (Op::CompareOp, CmpOp::Le as u32),
        AstCmp::Gt => (Op::CompareOp, CmpOp::Gt as u32),
        AstCmp::GtE => (Op::CompareOp, CmpOp::Ge as u32),
        AstCmp::Is => (Op::IsOp, 0),
        AstCmp::IsNot => (Op::IsOp, 1),
        AstCmp::In => (Op::ContainsOp, 0),
        AstCmp::NotIn => (Op::ContainsOp, 1),
    }
}

impl<'a> Compiler<'a> {
    /// The constant value of a literal expression (with folding of unary minus and tuples).
    pub(crate) fn const_value(&self, e: &Expr) -> Option<Constant> {
        Some(match e {
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => match i.as_i64() {
                    Some(v) => Constant::Int(v),
                    None => int_literal(&i.to_string())?,
                },
                Number::Float(f) => Constant::Float(*f),
                Number::Complex { real, imag } => Constant::Complex(*real, *imag),
            },
            Expr::StringLiteral(s) => Constant::Str(s.value.to_str().into()),
            Expr::BytesLiteral(b) => Constant::Bytes(b.value.bytes().collect::<Vec<u8>>().into()),
            Expr::BooleanLiteral(b) => Constant::Bool(b.value),
            Expr::NoneLiteral(_) => Constant::None,
            Expr::EllipsisLiteral(_) => Constant::Ellipsis,
            Expr::UnaryOp(u) if u.op == UnaryOp::USub => match self.const_value(&u.operand)? {
                Constant::Int(v) => match v.checked_neg() {
                    Some(n) => Constant::Int(n),
                    None => Constant::BigInt(-BigInt::from(v)),
                },
                Constant::BigInt(b) => normalize(-b),
                Constant::Float(f) => Constant::Float(-f),
                Constant::Complex(r, i) => Constant::Complex(-r, -i),
                _ => return None,
            },
            Expr::Tuple(t) if t.ctx == ExprContext::Load => {
                if t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    return None;
                }
                let v = t
                    .elts
                    .iter()
                    .map(|e| self.const_value(e))
                    .collect::<Option<Vec<_>>>()?;
                Constant::Tuple(v.into())
            }
            _ => return None,
        })
    }

    pub(crate) fn expr(&mut self, e: &'a Expr) -> CResult<()> {
        self.enter_depth(e.range())?;
        let p = self.set_loc(e.range());
        let r = self.expr_inner(e);
        self.restore_loc(p);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        if let Some(c) = self.const_value(e) {
            self.load_const(c);
            return Ok(());
        }
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let op = if b.op == BoolOp::And {
                    Op::JumpIfFalseOrPop
                } else {
                    Op::JumpIfTrueOrPop
                };
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        self.emit_jump(op, end);
                    }
                }
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Op::Copy, 1);
                self.store_target(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Op::BinaryOp, binop(b.op) as u32);
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                let op = match u.op {
                    UnaryOp::Invert => Op::UnaryInvert,
                    UnaryOp::Not => Op::UnaryNot,
                    UnaryOp::UAdd => Op::UnaryPositive,
                    UnaryOp::USub => Op::UnaryNegative,
                };
                self.emit(op, 0);
            }
            Expr::Lambda(l) => self.lambda(l)?,
            Expr::If(i) => {
                let end = self.new_label();
                let orelse = self.new_label();
                self.jump_if(&i.test, orelse, false)?;
                self.expr(&i.body)?;
                self.emit_jump(Op::Jump, end);
                self.bind(orelse);
                self.expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => {
                // Runs of key/value pairs become BuildMap; `**m` merges with DictUpdate.
                let mut pending = 0u32;
                let mut have = false;
                for item in &d.items {
                    match &item.key {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(&item.value)?;
                            pending += 1;
                        }
                        None => {
                            self.flush_pairs(&mut pending, &mut have, Op::DictUpdate);
                            self.expr(&item.value)?;
                            self.emit(Op::DictUpdate, 1);
                        }
                    }
                }
                self.flush_pairs(&mut pending, &mut have, Op::DictUpdate);
            }
            Expr::Set(s) => {
                self.starunpack(&s.elts, Op::BuildSet, Op::SetAdd, Op::SetUpdate, false)?
            }
            Expr::List(l) => {
                if l.ctx != ExprContext::Load {
                    return self.err("invalid syntax", l.range);
                }
                self.starunpack(
                    &l.elts,
                    Op::BuildList,
                    Op::ListAppend,
                    Op::ListExtend,
                    false,
                )?
            }
            Expr::Tuple(t) => {
                if t.ctx != ExprContext::Load {
                    return self.err("invalid syntax", t.range);
                }
                self.starunpack(
                    &t.elts,
                    Op::BuildTuple,
                    Op::ListAppend,
                    Op::ListExtend,
                    true,
                )?
            }
            Expr::ListComp(c) => {
                self.comprehension(c.range, CompKind::List, &c.generators, &c.elt, None)?
            }
            Expr::SetComp(c) => {
                self.comprehension(c.range, CompKind::Set, &c.generators, &c.elt, None)?
            }
            Expr::Generator(c) => {
                self.comprehension(c.range, CompKind::Gen, &c.generators, &c.elt, None)?
            }
            Expr::DictComp(c) => match &c.key {
                Some(k) => {
                    self.comprehension(c.range, CompKind::Dict, &c.generators, k, Some(&c.value))?
                }
                None => {
                    return self.err(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    )
                }
            },
            Expr::Await(a) => return self.err("numjit: 'await' is not supported yet", a.range),
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_none(),
                }
                self.emit(Op::YieldValue, 0);
            }
            Expr::YieldFrom(y) => {
                self.expr(&y.value)?;
                self.emit(Op::GetYieldFromIter, 0);
                self.load_none();
                let l = self.new_label();
                let end = self.new_label();
                self.bind(l);
                self.emit_jump(Op::Send, end);
                self.emit(Op::YieldValue, 1);
                self.emit_jump(Op::Jump, l);
                self.bind(end);
            }
            Expr::Compare(c) => self.compare(c)?,
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => return self.err("invalid syntax", t.range),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let n = self.mangle(&a.attr.id);
                self.emit_name(Op::LoadAttr, &n);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::BinarySubscr, 0);
            }
            Expr::Slice(s) => {
                match &s.lower {
                    Some(l) => self.expr(l)?,
                    None => self.load_none(),
                }
                match &s.upper {
                    Some(u) => self.expr(u)?,
                    None => self.load_none(),
                }
                let mut n = 2;
                if let Some(st) = &s.step {
                    self.expr(st)?;
                    n = 3;
                }
                self.emit(Op::BuildSlice, n);
            }
            Expr::Starred(s) => return self.err("can't use starred expression here", s.range),
            Expr::Name(n) if &*n.id == "__debug__" => self.load_const(Constant::Bool(true)),
            Expr::Name(n) => self.name_op(&n.id, Ctx::Load),
            Expr::IpyEscapeCommand(c) => return self.err("invalid syntax", c.range),
            Expr::NumberLiteral(n) => return self.err("invalid number literal", n.range),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
        }
        Ok(())
    }

    /// Builds a list/tuple/set display, with `*x` items via the list-extend path.
    fn starunpack(
        &mut self,
        elts: &'a [Expr],
        build: Op,
        add: Op,
        extend: Op,
        tuple: bool,
    ) -> CResult<()> {
        let has_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !has_star {
            if tuple {
                if let Some(c) = elts
                    .iter()
                    .map(|e| self.const_value(e))
                    .collect::<Option<Vec<_>>>()
                {
                    self.load_const(Constant::Tuple(c.into()));
                    return Ok(());
                }
            }
            for e in elts {
                self.expr(e)?;
            }
            self.emit(build, elts.len() as u32);
            return Ok(());
        }
        let (build, add, extend) = if tuple {
            (Op::BuildList, Op::ListAppend, Op::ListExtend)
        } else {
            (build, add, extend)
        };
        let mut seen = 0u32;
        let mut built = false;
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    if !built {
                        self.emit(build, seen);
                        built = true;
                    }
                    self.expr(&s.value)?;
                    self.emit(extend, 1);
                }
                _ => {
                    self.expr(e)?;
                    if built {
                        self.emit(add, 1);
                    } else {
                        seen += 1;
                    }
                }
            }
        }
        if tuple {
            self.emit(Op::ListToTuple, 0);
        }
        Ok(())
    }

    fn compare(&mut self, c: &'a ruff_python_ast::ExprCompare) -> CResult<()> {
        if c.ops.len() == 1 {
            self.expr(&c.left)?;
            self.expr(&c.comparators[0])?;
            let (op, arg) = cmp_op(c.ops[0]);
            self.emit(op, arg);
            return Ok(());
        }
        let cleanup = self.new_label();
        self.compare_chain(c, Op::JumpIfFalseOrPop, cleanup)?;
        let end = self.new_label();
        self.emit_jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::Swap, 2);
        self.emit(Op::PopTop, 0);
        self.bind(end);
        Ok(())
    }

    /// `a < b < c ...` up to the last comparison's result: each earlier comparison keeps a
    /// copy of its right operand and leaves the chain with `jump` to `cleanup` when false
    /// (CPython 3.11's shape, as value and as condition).
    fn compare_chain(
        &mut self,
        c: &'a ruff_python_ast::ExprCompare,
        jump: Op,
        cleanup: Label,
    ) -> CResult<()> {
        self.expr(&c.left)?;
        let n = c.ops.len();
        for i in 0..n - 1 {
            self.expr(&c.comparators[i])?;
            self.emit(Op::Swap, 2);
            self.emit(Op::Copy, 2);
            let (op, arg) = cmp_op(c.ops[i]);
            self.emit(op, arg);
            self.emit_jump(jump, cleanup);
        }
        self.expr(&c.comparators[n - 1])?;
        let (op, arg) = cmp_op(c.ops[n - 1]);
        self.emit(op, arg);
        Ok(())
    }

    /// Compiles `e` as a condition: jumps to `target` if its truth equals `cond`.
    pub(crate) fn jump_if(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult<()> {
        self.enter_depth(e.range())?;
        let p = self.set_loc(e.range());
        let r = self.jump_if_inner(e, target, cond);
        self.restore_loc(p);
        self.depth -= 1;
        r
    }

    fn jump_if_inner(&mut self, e: &'a Expr, target: Label, cond: bool) -> CResult<()> {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                return self.jump_if(&u.operand, target, !cond)
            }
            Expr::BoolOp(b) => {
                let is_or = b.op == BoolOp::Or;
                let next2 = if is_or == cond {
                    target
                } else {
                    self.new_label()
                };
                let n = b.values.len();
                for v in &b.values[..n - 1] {
                    self.jump_if(v, next2, is_or)?;
                }
                self.jump_if(&b.values[n - 1], target, cond)?;
                if next2 != target {
                    self.bind(next2);
                }
                return Ok(());
            }
            Expr::If(i) => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(&i.test, next2, false)?;
                self.jump_if(&i.body, target, cond)?;
                self.emit_jump(Op::Jump, end);
                self.bind(next2);
                self.jump_if(&i.orelse, target, cond)?;
                self.bind(end);
                return Ok(());
            }
            Expr::Compare(c)
                if c.ops.len() == 1 && matches!(c.ops[0], AstCmp::Is | AstCmp::IsNot) =>
            {
                if matches!(c.comparators[0], Expr::NoneLiteral(_)) {
                    self.expr(&c.left)?;
                    let is = c.ops[0] == AstCmp::Is;
                    let op = if is == cond {
                        Op::PopJumpIfNone
                    } else {
                        Op::PopJumpIfNotNone
                    };
                    self.emit_jump(op, target);
                    return Ok(());
                }
            }
            Expr::Compare(c) if c.ops.len() > 1 => {
                let cleanup = self.new_label();
                self.compare_chain(c, Op::PopJumpIfFalse, cleanup)?;
                self.emit_jump(
                    if cond {
                        Op::PopJumpIfTrue
                    } else {
                        Op::PopJumpIfFalse
                    },
                    target,
                );
                let end = self.new_label();
                self.emit_jump(Op::Jump, end);
                self.bind(cleanup);
                self.emit(Op::PopTop, 0);
                if !cond {
                    self.emit_jump(Op::Jump, target);
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        self.emit_jump(
            if cond {
                Op::PopJumpIfTrue
            } else {
                Op::PopJumpIfFalse
            },
            target,
        );
        Ok(())
    }

    fn call(&mut self, c: &'a ruff_python_ast::ExprCall) -> CResult<()> {
        let args = &c.arguments.args;
        let kws = &c.arguments.keywords;
        // Zero-argument super().
        if let Expr::Name(n) = &*c.func {
            if &*n.id == "super" && args.is_empty() && kws.is_empty() {
                if let Some((class_idx, first_is_cell, first_idx)) = self.super_args() {
                    self.name_op("super", Ctx::Load);
                    self.emit(Op::LoadDeref, class_idx);
                    if first_is_cell {
                        self.emit(Op::LoadDeref, first_idx);
                    } else {
                        self.emit(Op::LoadFast, 0);
                    }
                    self.emit(Op::Call, 2);
                    return Ok(());
                }
            }
        }
        let simple = !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !kws.iter().any(|k| k.arg.is_none());
        if let Expr::Attribute(a) = &*c.func {
            if simple && a.ctx == ExprContext::Load {
                self.expr(&a.value)?;
                let p = self.set_loc(a.range);
                let n = self.mangle(&a.attr.id);
                self.emit_name(Op::LoadMethod, &n);
                self.restore_loc(p);
                for x in args.iter() {
                    self.expr(x)?;
                }
                self.check_kw_dups(kws)?;
                for k in kws.iter() {
                    self.expr(&k.value)?;
                }
                let total = (args.len() + kws.len()) as u32;
                if kws.is_empty() {
                    self.emit(Op::CallMethod, total);
                } else {
                    self.load_kwnames(kws);
                    self.emit(Op::CallMethodKw, total);
                }
                return Ok(());
            }
        }
        self.expr(&c.func)?;
        self.call_helper(0, args, kws)
    }

    fn check_kw_dups(&self, kws: &[Keyword]) -> CResult<()> {
        for (i, k) in kws.iter().enumerate() {
            if let Some(a) = &k.arg {
                if kws[..i]
                    .iter()
                    .any(|o| o.arg.as_ref().is_some_and(|b| b.id == a.id))
                {
                    return self.err(format!("keyword argument repeated: {}", a.id), k.range);
                }
            }
        }
        Ok(())
    }

    fn load_kwnames(&mut self, kws: &[Keyword]) {
        let names: Vec<Constant> = kws
            .iter()
            .map(|k| Constant::Str(k.arg.as_ref().map_or("", |a| a.id.as_str()).into()))
            .collect();
        self.load_const(Constant::Tuple(names.into()));
    }

    /// Compiles call arguments after the callable and `n` extra positional items are pushed.
    pub(crate) fn call_helper(
        &mut self,
        n: u32,
        args: &'a [Expr],
        kws: &'a [Keyword],
    ) -> CResult<()> {
        self.check_kw_dups(kws)?;
        let simple = !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !kws.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            for k in kws {
                self.expr(&k.value)?;
            }
            let total = n + (args.len() + kws.len()) as u32;
            if kws.is_empty() {
                self.emit(Op::Call, total);
            } else {
                self.load_kwnames(kws);
                self.emit(Op::CallKw, total);
            }
            return Ok(());
        }
        // Positional arguments into a tuple.
        let mut seen = n;
        let mut built = false;
        for a in args {
            match a {
                Expr::Starred(s) => {
                    if !built {
                        self.emit(Op::BuildList, seen);
                        built = true;
                    }
                    self.expr(&s.value)?;
                    self.emit(Op::ListExtend, 1);
                }
                _ => {
                    self.expr(a)?;
                    if built {
                        self.emit(Op::ListAppend, 1);
                    } else {
                        seen += 1;
                    }
                }
            }
        }
        if built {
            self.emit(Op::ListToTuple, 0);
        } else {
            self.emit(Op::BuildTuple, seen);
        }
        // Keyword arguments into a dict.
        if kws.is_empty() {
            self.emit(Op::CallEx, 0);
            return Ok(());
        }
        let mut pending = 0u32;
        let mut have = false;
        for k in kws {
            match &k.arg {
                Some(name) => {
                    self.load_const(Constant::Str(name.id.as_str().into()));
                    self.expr(&k.value)?;
                    pending += 1;
                }
                None => {
                    self.flush_pairs(&mut pending, &mut have, Op::DictMerge);
                    self.expr(&k.value)?;
                    self.emit(Op::DictMerge, 1);
                }
            }
        }
        self.flush_pairs(&mut pending, &mut have, Op::DictMerge);
        self.emit(Op::CallEx, 1);
        Ok(())
    }

    /// Dict displays and `**` call arguments: the `pending` key/value pairs on the stack
    /// become a dict (`BuildMap`) merged into the one being built (`merge`: DictUpdate, or
    /// DictMerge for calls, where repeated keys are errors).
    /// Nothing is emitted when no pairs are pending and a dict exists already.
    fn flush_pairs(&mut self, pending: &mut u32, have: &mut bool, merge: Op) {
        if *pending == 0 && *have {
            return;
        }
        self.emit(Op::BuildMap, *pending);
        if *have {
            self.emit(merge, 1);
        }
        *have = true;
        *pending = 0;
    }

    fn fstring(&mut self, f: &'a ruff_python_ast::ExprFString) -> CResult<()> {
        let mut parts = 0u32;
        let mut lit = String::new();
        for part in f.value.iter() {
            match part {
                ruff_python_ast::FStringPart::Literal(l) => lit.push_str(&l.value),
                ruff_python_ast::FStringPart::FString(fs) => {
                    self.fstring_elements(&fs.elements, &mut lit, &mut parts)?;
                }
            }
        }
        if !lit.is_empty() || parts == 0 {
            self.load_const(Constant::Str(lit.as_str().into()));
            parts += 1;
        }
        if parts > 1 {
            self.emit(Op::BuildString, parts);
        } else if parts == 1 && !self.last_is_format() {
            // A lone literal: already a str constant.
        }
        Ok(())
    }

    fn last_is_format(&self) -> bool {
        false
    }

    fn fstring_elements(
        &mut self,
        elements: &'a InterpolatedStringElements,
        lit: &mut String,
        parts: &mut u32,
    ) -> CResult<()> {
        for el in elements.iter() {
            match el {
                InterpolatedStringElement::Literal(l) => lit.push_str(&l.value),
                InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ConversionFlag::None => format_value::CONV_NONE,
                        ConversionFlag::Str => format_value::CONV_STR,
                        ConversionFlag::Repr => format_value::CONV_REPR,
                        ConversionFlag::Ascii => format_value::CONV_ASCII,
                    };
                    if let Some(d) = &i.debug_text {
                        lit.push_str(d.leading());
                        lit.push_str(d.expression());
                        lit.push_str(d.trailing());
                        if conv == format_value::CONV_NONE && i.format_spec.is_none() {
                            conv = format_value::CONV_REPR;
                        }
                    }
                    if !lit.is_empty() {
                        self.load_const(Constant::Str(lit.as_str().into()));
                        *parts += 1;
                        lit.clear();
                    }
                    self.expr(&i.expression)?;
                    if let Some(spec) = &i.format_spec {
                        let mut slit = String::new();
                        let mut sparts = 0u32;
                        self.fstring_elements(&spec.elements, &mut slit, &mut sparts)?;
                        if !slit.is_empty() || sparts == 0 {
                            self.load_const(Constant::Str(slit.as_str().into()));
                            sparts += 1;
                        }
                        if sparts > 1 {
                            self.emit(Op::BuildString, sparts);
                        }
                        conv |= format_value::HAS_SPEC;
                    }
                    self.emit(Op::FormatValue, conv);
                    *parts += 1;
                }
            }
        }
        Ok(())
    }
}
