//! The dict representation (insertion-ordered, as CPython's compact dict): a dense entry vector
//! plus a hash table of indices into it. Sets use the same map with unused values.
//!
//! Hashing and equality of arbitrary keys can call Python code (`__hash__`, `__eq__`), so the
//! map itself only offers lookups by (hash, predicate); the VM (`vm/collections.rs`) computes
//! hashes and decides equality, never holding a borrow of the map across a Python call.

use std::cell::RefCell;

use hashbrown::HashTable;

use super::value::Value;

thread_local! {
    static VERSION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A dict version number never handed out before.
pub fn next_version() -> u64 {
    VERSION.with(|v| {
        let n = v.get() + 1;
        v.set(n);
        n
    })
}

#[derive(Clone)]
pub struct Entry {
    pub hash: u64,
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
pub struct DictMap {
    /// Entries in insertion order; `None` marks a deleted entry (compacted lazily).
    entries: Vec<Option<Entry>>,
    table: HashTable<usize>,
    len: usize,
    /// Changed on every insertion of a new key or deletion (never on a value update), to a
    /// number no other dict has had: iterators detect "changed size during iteration" with it,
    /// and the eval loop's global-lookup caches stay valid while it is unchanged (the key
    /// layout is then identical, so a cached entry index still names the same key).
    pub version: u64,
}

/// Dicts with at most this many entry slots have no hash table: lookups scan the entries
/// (comparing cached hashes first), which is faster for instance dicts and saves an allocation.
const SMALL: usize = 8;

impl DictMap {
    pub fn new() -> DictMap {
        DictMap::default()
    }
    pub fn with_capacity(n: usize) -> DictMap {
        DictMap {
            entries: Vec::with_capacity(n),
            table: if n > SMALL {
                HashTable::with_capacity(n)
            } else {
                HashTable::new()
            },
            len: 0,
            version: 0,
        }
    }
    pub fn len(&self) -> usize {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Index (into the entry vector) of the key with this hash satisfying `eq`.
    #[inline]
    pub fn find(&self, hash: u64, mut eq: impl FnMut(&Value) -> bool) -> Option<usize> {
        let entries = &self.entries;
        if entries.len() <= SMALL {
            return entries
                .iter()
                .position(|e| matches!(e, Some(e) if e.hash == hash && eq(&e.key)));
        }
        self.table
            .find(hash, |&i| match &entries[i] {
                Some(e) => e.hash == hash && eq(&e.key),
                None => false,
            })
            .copied()
    }

    /// Indices of all live entries whose hash equals `hash` (for keys whose equality needs
    /// Python code: the caller compares them with the map released).
    pub fn candidates(&self, hash: u64) -> Vec<usize> {
        let mut out = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if let Some(e) = e {
                if e.hash == hash {
                    out.push(i);
                }
            }
        }
        out
    }

    pub fn entry_at(&self, i: usize) -> Option<&Entry> {
        self.entries.get(i).and_then(|e| e.as_ref())
    }
    pub fn value_at_mut(&mut self, i: usize) -> Option<&mut Value> {
        self.entries
            .get_mut(i)
            .and_then(|e| e.as_mut())
            .map(|e| &mut e.value)
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: u64, key: Value, value: Value) {
        let idx = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        if idx + 1 == SMALL + 1 {
            self.rebuild_table();
        } else if idx + 1 > SMALL {
            let entries = &self.entries;
            self.table
                .insert_unique(hash, idx, |&i| entries[i].as_ref().map_or(0, |e| e.hash));
        }
        self.len += 1;
        self.version = next_version();
    }

    /// Removes the entry at index `i`, returning it.
    pub fn remove_at(&mut self, i: usize) -> Option<Entry> {
        let e = self.entries.get_mut(i)?.take()?;
        if self.entries.len() > SMALL {
            if let Ok(occ) = self.table.find_entry(e.hash, |&j| j == i) {
                occ.remove();
            }
        }
        self.len -= 1;
        self.version = next_version();
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        Some(e)
    }

    fn compact(&mut self) {
        let old = std::mem::take(&mut self.entries);
        self.entries = old.into_iter().filter(|e| e.is_some()).collect();
        self.rebuild_table();
    }

    /// Re-indexes every live entry (the table exists only above `SMALL` slots).
    fn rebuild_table(&mut self) {
        self.table.clear();
        if self.entries.len() <= SMALL {
            return;
        }
        let entries = &self.entries;
        for (idx, e) in entries.iter().enumerate() {
            if let Some(e) = e {
                self.table
                    .insert_unique(e.hash, idx, |&i| entries[i].as_ref().map_or(0, |e| e.hash));
            }
        }
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.table.clear();
        self.len = 0;
        self.version = next_version();
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }
    /// The `n`-th slot (live or deleted) for cursor-style iteration that tolerates mutation.
    pub fn slot_count(&self) -> usize {
        self.entries.len()
    }
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }
    /// Live entry indices in the order CPython's set table would hold them after the same
    /// insertions (sets iterate and print in hash-table order, e.g. `{3, 1, 2}` prints as
    /// `{1, 2, 3}`). Deletions are not replayed, so the order is approximate after removals.
    pub fn set_order(&self) -> Vec<usize> {
        const LINEAR_PROBES: usize = 9;
        const PERTURB_SHIFT: u32 = 5;
        fn insert_clean(table: &mut [Option<(u64, usize)>], mask: usize, hash: u64, idx: usize) {
            let mut perturb = hash;
            let mut i = hash as usize & mask;
            loop {
                if table[i].is_none() {
                    table[i] = Some((hash, idx));
                    return;
                }
                if i + LINEAR_PROBES <= mask {
                    for j in 1..=LINEAR_PROBES {
                        if table[i + j].is_none() {
                            table[i + j] = Some((hash, idx));
                            return;
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
        let mut table: Vec<Option<(u64, usize)>> = vec![None; 8];
        let mut mask = 7usize;
        let mut used = 0usize;
        for (idx, e) in self.entries.iter().enumerate() {
            let Some(e) = e else { continue };
            insert_clean(&mut table, mask, e.hash, idx);
            used += 1;
            if used * 5 >= mask * 3 {
                let minused = if used > 50000 { used * 2 } else { used * 4 };
                let mut newsize = 8usize;
                while newsize <= minused {
                    newsize <<= 1;
                }
                let old = std::mem::replace(&mut table, vec![None; newsize]);
                mask = newsize - 1;
                for (h, i) in old.into_iter().flatten() {
                    insert_clean(&mut table, mask, h, i);
                }
            }
        }
        table.into_iter().flatten().map(|(_, i)| i).collect()
    }

    /// Keys in CPython's set iteration order (see [`DictMap::set_order`]).
    pub fn set_keys(&self) -> Vec<Value> {
        self.set_order()
            .into_iter()
            .filter_map(|i| self.entry_at(i).map(|e| e.key.clone()))
            .collect()
    }

    /// Removes and returns the last inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let i = self.entries.iter().rposition(|e| e.is_some())?;
        self.remove_at(i)
    }

    /// Lookup of a str key by content: the fast path for attribute and global dicts.
    pub fn get_str(&self, hash: u64, name: &str) -> Option<&Value> {
        let i = self.find(hash, |k| matches!(k, Value::Str(s) if std::ptr::eq(s.s.as_ptr(), name.as_ptr()) || &*s.s == name))?;
        self.entries[i].as_ref().map(|e| &e.value)
    }
}

/// A dict object.
#[derive(Default)]
pub struct PyDict {
    pub map: RefCell<DictMap>,
}

impl PyDict {
    pub fn new() -> PyDict {
        PyDict::default()
    }
    pub fn from_map(map: DictMap) -> PyDict {
        PyDict {
            map: RefCell::new(map),
        }
    }
    /// Get by str name (no Python code can run: str equality is intrinsic).
    pub fn get_str(&self, name: &super::value::PyStr) -> Option<Value> {
        self.map
            .borrow()
            .get_str(name.hash(), name.as_str())
            .cloned()
    }
    /// Get by a Rust string (hashes it; for cold paths).
    pub fn get_by_str(&self, name: &str) -> Option<Value> {
        let key = super::value::PyStr::new(name);
        self.get_str(&key)
    }
    /// Set by str key (keys that are str never run Python code on comparison).
    pub fn set_str(&self, name: &std::rc::Rc<super::value::PyStr>, value: Value) {
        let mut map = self.map.borrow_mut();
        let h = name.hash();
        match map.find(
            h,
            |k| matches!(k, Value::Str(s) if std::rc::Rc::ptr_eq(s, name) || s.s == name.s),
        ) {
            Some(i) => {
                if let Some(v) = map.value_at_mut(i) {
                    *v = value;
                }
            }
            None => map.insert_new(h, Value::Str(name.clone()), value),
        }
    }
    pub fn set_by_str(&self, name: &str, value: Value) {
        self.set_str(&std::rc::Rc::new(super::value::PyStr::new(name)), value)
    }
    /// Delete by str key; returns whether it was present.
    pub fn del_str(&self, name: &super::value::PyStr) -> bool {
        let mut map = self.map.borrow_mut();
        match map.find(name.hash(), |k| matches!(k, Value::Str(s) if s.s == name.s)) {
            Some(i) => {
                map.remove_at(i);
                true
            }
            None => false,
        }
    }
    pub fn len(&self) -> usize {
        self.map.borrow().len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
