//! Frames: one activation of a code object. Fast locals, cells and the value stack share one
//! vector (CPython's "localsplus"), recycled through the VM's frame pool.

use std::rc::Rc;

use super::code_obj::CodeObj;
use crate::runtime::dict::PyDict;
use crate::runtime::value::Value;

pub struct Frame {
    pub code: Rc<CodeObj>,
    /// `[fast locals | cells and free variables | value stack]`.
    pub slots: Vec<Value>,
    /// Index of the next instruction.
    pub ip: usize,
    /// Index of the instruction executing (or that raised), for tracebacks.
    pub lasti: usize,
    pub globals: Rc<PyDict>,
    /// The locals mapping of module and class bodies (`*Name` instructions).
    pub locals: Option<Rc<PyDict>>,
}

impl Frame {
    #[inline]
    pub fn push(&mut self, v: Value) {
        self.slots.push(v);
    }
    #[inline]
    pub fn pop(&mut self) -> Value {
        self.slots.pop().unwrap_or_default()
    }
    #[inline]
    pub fn top(&self) -> &Value {
        match self.slots.last() {
            Some(v) => v,
            None => &Value::Null,
        }
    }
    /// The n-th item from the top (1 = top).
    #[inline]
    pub fn peek(&self, n: usize) -> &Value {
        let len = self.slots.len();
        &self.slots[len - n]
    }
    pub fn stack_len(&self) -> usize {
        self.slots.len() - self.code.nlocalsplus
    }
    pub fn line(&self) -> u32 {
        self.code.code.line_of(self.lasti)
    }
}
