//! `match` statements, compiled with the existing instruction table only.
//!
//! CPython 3.11 uses dedicated opcodes (MATCH_SEQUENCE, MATCH_MAPPING, MATCH_CLASS, MATCH_KEYS,
//! GET_LEN, COPY_DICT_WITHOUT_KEYS). We keep the instruction table unchanged and instead call
//! small helper functions written in Python ([`HELPERS`], compiled once by this compiler and
//! embedded as code constants). Each helper returns either None (no match) or a tuple of the
//! sub-values to match next, which the code unpacks with `UnpackSequence`.
//!
//! Stack discipline (as CPython's `pattern_helper`): a pattern is compiled with its subject on
//! top of `base + on_top` items; it consumes the subject; on failure it jumps to
//! `fail_pop[on_top]`, a chain of `PopTop`s ending at the next case.

use std::collections::HashMap;
use std::rc::Rc;

use ruff_python_ast::{Expr, Pattern, Singleton, StmtMatch};
use ruff_text_size::{Ranged, TextRange};

use super::code::{Code, Constant};
use super::opcode::{CmpOp, Op};
use super::unit::Label;
use super::{CResult, Compiler, Ctx, Mode};

/// Helpers called by compiled patterns. Builtins are found through the module's globals.
const HELPERS: &str = r#"
def seq(s, n, star):
    if isinstance(s, (str, bytes, bytearray)):
        return None
    if not isinstance(s, (list, tuple, range)):
        t = type(s)
        if isinstance(s, dict) or not hasattr(t, '__getitem__') or not hasattr(t, '__len__') or hasattr(t, 'keys'):
            return None
    size = len(s)
    if star < 0:
        if size != n:
            return None
        return tuple(s)
    if size < n - 1:
        return None
    items = list(s)
    after = n - 1 - star
    return (*items[:star], items[star:size - after], *items[size - after:])

def mapping(s, keys, rest):
    if not isinstance(s, dict):
        t = type(s)
        if not (hasattr(t, 'keys') and hasattr(t, '__getitem__') and hasattr(t, 'get')):
            return None
    if len(keys) > len(s):
        return None
    seen = []
    vals = []
    dummy = object()
    for k in keys:
        if k in seen:
            raise ValueError(f"mapping pattern checks duplicate key ({k!r})")
        seen.append(k)
        v = s.get(k, dummy)
        if v is dummy:
            return None
        vals.append(v)
    if rest:
        d = dict(s)
        for k in keys:
            del d[k]
        vals.append(d)
    return tuple(vals)

def cls(s, c, n, names):
    if not isinstance(c, type):
        raise TypeError("called match pattern must be a class")
    if not isinstance(s, c):
        return None
    vals = []
    if n:
        ma = getattr(c, '__match_args__', None)
        if ma is None:
            if c in (bool, bytearray, bytes, dict, float, frozenset, int, list, set, str, tuple):
                if n > 1:
                    raise TypeError(f"{c.__name__}() accepts 1 positional sub-pattern ({n} given)")
                vals.append(s)
            else:
                raise TypeError(f"{c.__name__}() accepts 0 positional sub-patterns ({n} given)")
        else:
            if not isinstance(ma, tuple):
                raise TypeError(f"{c.__name__}.__match_args__ must be a tuple (got {type(ma).__name__})")
            if n > len(ma):
                s_ = '' if len(ma) == 1 else 's'
                raise TypeError(f"{c.__name__}() accepts {len(ma)} positional sub-pattern{s_} ({n} given)")
            for i in range(n):
                name = ma[i]
                if name in names:
                    raise TypeError(f"{c.__name__}() got multiple sub-patterns for attribute {name!r}")
                try:
                    vals.append(getattr(s, name))
                except AttributeError:
                    return None
    for name in names:
        try:
            vals.append(getattr(s, name))
        except AttributeError:
            return None
    return tuple(vals)
"#;

/// Failure targets for one pattern context.
struct PatCtx {
    fail_pop: Vec<Label>,
    on_top: usize,
}

impl<'a> Compiler<'a> {
    fn helper(&mut self, name: &str) -> CResult<()> {
        if self.match_helpers.is_none() {
            let code = super::compile_here(HELPERS, "<numjit match>", Mode::Exec).map_err(|e| {
                super::CompileError {
                    msg: format!("numjit: internal error in match helpers: {}", e.msg),
                    range: TextRange::default(),
                }
            })?;
            let mut map: HashMap<String, Rc<Code>> = HashMap::new();
            for c in &code.consts {
                if let Constant::Code(inner) = c {
                    map.insert(inner.name.to_string(), inner.clone());
                }
            }
            self.match_helpers = Some(map);
        }
        let code = self
            .match_helpers
            .as_ref()
            .and_then(|m| m.get(name).cloned())
            .ok_or_else(|| super::CompileError {
                msg: "numjit: internal error: missing match helper".into(),
                range: TextRange::default(),
            })?;
        self.load_const(Constant::Code(code));
        self.emit(Op::MakeFunction, 0);
        Ok(())
    }

    fn fail(&mut self, pc: &mut PatCtx, extra: usize) -> Label {
        let n = pc.on_top + extra;
        while pc.fail_pop.len() <= n {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
        pc.fail_pop[n]
    }

    /// Emits the `fail_pop` chain: label k pops one item and falls into label k-1.
    fn emit_fail_chain(&mut self, pc: &PatCtx) {
        for k in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[k]);
            self.emit(Op::PopTop, 0);
        }
        if let Some(&l0) = pc.fail_pop.first() {
            self.bind(l0);
        }
    }

    pub(crate) fn match_stmt(&mut self, m: &'a StmtMatch) -> CResult<()> {
        self.expr(&m.subject)?;
        let end = self.new_label();
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            let last = i + 1 == n;
            let p = self.set_loc(case.range);
            if !last && case.guard.is_none() {
                if let Some(what) = irrefutable(&case.pattern) {
                    return self.err(
                        format!("{what} makes remaining patterns unreachable"),
                        case.pattern.range(),
                    );
                }
            }
            if !last {
                self.emit(Op::Copy, 1);
            }
            let mut pc = PatCtx {
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&case.pattern, &mut pc)?;
            if let Some(g) = &case.guard {
                let f = self.fail(&mut pc, 0);
                self.jump_if(g, f, false)?;
            }
            if !last {
                self.emit(Op::PopTop, 0);
            }
            self.stmts(&case.body)?;
            self.emit_jump(Op::Jump, end);
            self.emit_fail_chain(&pc);
            self.restore_loc(p);
        }
        self.bind(end);
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatCtx) -> CResult<()> {
        self.enter_depth(p.range())?;
        let saved = self.set_loc(p.range());
        let r = self.pattern_inner(p, pc);
        self.restore_loc(saved);
        self.depth -= 1;
        r
    }

    fn pattern_inner(&mut self, p: &'a Pattern, pc: &mut PatCtx) -> CResult<()> {
        match p {
            Pattern::MatchValue(v) => {
                self.expr(&v.value)?;
                self.emit(Op::CompareOp, CmpOp::Eq as u32);
                let f = self.fail(pc, 0);
                self.emit_jump(Op::PopJumpIfFalse, f);
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(match s.value {
                    Singleton::None => Constant::None,
                    Singleton::True => Constant::Bool(true),
                    Singleton::False => Constant::Bool(false),
                });
                self.emit(Op::IsOp, 0);
                let f = self.fail(pc, 0);
                self.emit_jump(Op::PopJumpIfFalse, f);
            }
            Pattern::MatchAs(a) => match (&a.pattern, &a.name) {
                (None, None) => self.emit(Op::PopTop, 0),
                (None, Some(n)) => self.name_op(&n.id, Ctx::Store),
                (Some(sub), name) => {
                    if name.is_some() {
                        self.emit(Op::Copy, 1);
                        pc.on_top += 1;
                    }
                    self.pattern(sub, pc)?;
                    if let Some(n) = name {
                        pc.on_top -= 1;
                        self.name_op(&n.id, Ctx::Store);
                    }
                }
            },
            Pattern::MatchStar(s) => match &s.name {
                Some(n) => self.name_op(&n.id, Ctx::Store),
                None => self.emit(Op::PopTop, 0),
            },
            Pattern::MatchOr(o) => {
                let end = self.new_label();
                let k = o.patterns.len();
                for (i, alt) in o.patterns.iter().enumerate() {
                    if i + 1 < k {
                        if let Some(what) = irrefutable(alt) {
                            return self.err(
                                format!("{what} makes remaining patterns unreachable"),
                                alt.range(),
                            );
                        }
                    }
                    self.emit(Op::Copy, 1);
                    let mut sub = PatCtx {
                        fail_pop: Vec::new(),
                        on_top: 0,
                    };
                    self.pattern(alt, &mut sub)?;
                    self.emit(Op::PopTop, 0);
                    self.emit_jump(Op::Jump, end);
                    self.emit_fail_chain(&sub);
                }
                self.emit(Op::PopTop, 0);
                let f = self.fail(pc, 0);
                self.emit_jump(Op::Jump, f);
                self.bind(end);
            }
            Pattern::MatchSequence(s) => {
                let stars: Vec<usize> = s
                    .patterns
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| matches!(p, Pattern::MatchStar(_)))
                    .map(|(i, _)| i)
                    .collect();
                if stars.len() > 1 {
                    return self.err("multiple starred names in sequence pattern", s.range);
                }
                let star = stars.first().map_or(-1, |&i| i as i64);
                self.helper("seq")?;
                self.emit(Op::Swap, 2);
                self.load_const(Constant::Int(s.patterns.len() as i64));
                self.load_const(Constant::Int(star));
                self.emit(Op::Call, 3);
                self.sub_patterns(s.patterns.iter().collect(), pc)?;
            }
            Pattern::MatchMapping(m) => {
                self.helper("mapping")?;
                self.emit(Op::Swap, 2);
                for k in m.keys.iter() {
                    if !matches!(
                        k,
                        Expr::NumberLiteral(_)
                            | Expr::StringLiteral(_)
                            | Expr::BytesLiteral(_)
                            | Expr::BooleanLiteral(_)
                            | Expr::NoneLiteral(_)
                            | Expr::Attribute(_)
                            | Expr::UnaryOp(_)
                            | Expr::BinOp(_)
                    ) {
                        return self.err(
                            "mapping pattern keys may only match literals and attribute lookups",
                            k.range(),
                        );
                    }
                    self.expr(k)?;
                }
                self.emit(Op::BuildTuple, m.keys.len() as u32);
                self.load_const(Constant::Bool(m.rest.is_some()));
                self.emit(Op::Call, 3);
                let mut subs: Vec<&'a Pattern> = m.patterns.iter().collect();
                let rest_store = m.rest.as_ref();
                // The rest dict comes last; it is stored, not matched.
                let n = subs.len() + rest_store.is_some() as usize;
                let f = self.fail(pc, 1);
                self.emit(Op::Copy, 1);
                self.emit_jump(Op::PopJumpIfNone, f);
                self.emit(Op::UnpackSequence, n as u32);
                pc.on_top += n;
                for sp in subs.drain(..) {
                    pc.on_top -= 1;
                    self.pattern(sp, pc)?;
                }
                if let Some(r) = rest_store {
                    pc.on_top -= 1;
                    self.name_op(&r.id, Ctx::Store);
                }
            }
            Pattern::MatchClass(c) => {
                let names: Vec<Constant> = c
                    .arguments
                    .keywords
                    .iter()
                    .map(|k| Constant::Str(k.attr.id.as_str().into()))
                    .collect();
                for (i, k) in c.arguments.keywords.iter().enumerate() {
                    if c.arguments.keywords[..i]
                        .iter()
                        .any(|o| o.attr.id == k.attr.id)
                    {
                        return self.err(
                            format!("attribute name repeated in class pattern: {}", k.attr.id),
                            k.range,
                        );
                    }
                }
                self.helper("cls")?;
                self.emit(Op::Swap, 2);
                self.expr(&c.cls)?;
                self.load_const(Constant::Int(c.arguments.patterns.len() as i64));
                self.load_const(Constant::Tuple(names.into()));
                self.emit(Op::Call, 4);
                let subs: Vec<&'a Pattern> = c
                    .arguments
                    .patterns
                    .iter()
                    .chain(c.arguments.keywords.iter().map(|k| &k.pattern))
                    .collect();
                self.sub_patterns(subs, pc)?;
            }
        }
        Ok(())
    }

    /// With a helper's result (None or a tuple) on top: fail on None, else unpack and match
    /// each item against the sub-patterns in order.
    fn sub_patterns(&mut self, subs: Vec<&'a Pattern>, pc: &mut PatCtx) -> CResult<()> {
        let f = self.fail(pc, 1);
        self.emit(Op::Copy, 1);
        self.emit_jump(Op::PopJumpIfNone, f);
        let n = subs.len();
        self.emit(Op::UnpackSequence, n as u32);
        pc.on_top += n;
        for sp in subs {
            pc.on_top -= 1;
            self.pattern(sp, pc)?;
        }
        Ok(())
    }
}

/// Whether a pattern always matches: the words CPython uses in its error.
fn irrefutable(p: &Pattern) -> Option<String> {
    match p {
        Pattern::MatchAs(a) if a.pattern.is_none() => Some(match &a.name {
            None => "wildcard".to_string(),
            Some(n) => format!("name capture '{}'", n.id),
        }),
        Pattern::MatchOr(o) => o.patterns.iter().find_map(irrefutable),
        _ => None,
    }
}
