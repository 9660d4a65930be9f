//! Element types (bool, int64, float64), scalar values, the 8-byte element encoding and numpy's
//! type promotion (with "weak" Python scalars).

/// An array element type. Order matters: promotion takes the maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DType {
    Bool,
    Int64,
    Float64,
}

impl DType {
    pub fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::Int64 => "int64",
            DType::Float64 => "float64",
        }
    }
    /// numpy's itemsize in bytes (storage here is always 8-byte words).
    pub fn itemsize(self) -> usize {
        match self {
            DType::Bool => 1,
            _ => 8,
        }
    }
    pub fn kind(self) -> char {
        match self {
            DType::Bool => 'b',
            DType::Int64 => 'i',
            DType::Float64 => 'f',
        }
    }
    pub fn from_name(s: &str) -> Option<DType> {
        Some(match s {
            "bool" | "bool_" | "?" | "b1" => DType::Bool,
            "int64" | "int" | "i8" | "int_" | "intp" | "long" | "l" | "q" | "<i8" => DType::Int64,
            "float64" | "float" | "f8" | "double" | "d" | "<f8" | "float_" => DType::Float64,
            _ => return None,
        })
    }
}

/// A single element value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    B(bool),
    I(i64),
    F(f64),
}

impl Scalar {
    pub fn dtype(self) -> DType {
        match self {
            Scalar::B(_) => DType::Bool,
            Scalar::I(_) => DType::Int64,
            Scalar::F(_) => DType::Float64,
        }
    }
    pub fn as_f64(self) -> f64 {
        match self {
            Scalar::B(b) => b as i64 as f64,
            Scalar::I(i) => i as f64,
            Scalar::F(f) => f,
        }
    }
    pub fn as_i64(self) -> i64 {
        match self {
            Scalar::B(b) => b as i64,
            Scalar::I(i) => i,
            Scalar::F(f) => f64_to_i64(f),
        }
    }
    pub fn as_bool(self) -> bool {
        match self {
            Scalar::B(b) => b,
            Scalar::I(i) => i != 0,
            Scalar::F(f) => f != 0.0,
        }
    }
    pub fn cast(self, dt: DType) -> Scalar {
        match dt {
            DType::Bool => Scalar::B(self.as_bool()),
            DType::Int64 => Scalar::I(self.as_i64()),
            DType::Float64 => Scalar::F(self.as_f64()),
        }
    }
    pub fn encode(self, dt: DType) -> u64 {
        encode(dt, self)
    }
}

/// float → int64 as C does on x86-64 (out of range and NaN give i64::MIN).
#[inline]
pub fn f64_to_i64(f: f64) -> i64 {
    if f.is_nan() || !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&f) {
        i64::MIN
    } else {
        f as i64
    }
}

#[inline]
pub fn encode(dt: DType, s: Scalar) -> u64 {
    match dt {
        DType::Bool => s.as_bool() as u64,
        DType::Int64 => s.as_i64() as u64,
        DType::Float64 => s.as_f64().to_bits(),
    }
}

#[inline]
pub fn decode(dt: DType, w: u64) -> Scalar {
    match dt {
        DType::Bool => Scalar::B(w != 0),
        DType::Int64 => Scalar::I(w as i64),
        DType::Float64 => Scalar::F(f64::from_bits(w)),
    }
}

/// An element word read as f64.
#[inline(always)]
pub fn word_f64(dt: DType, w: u64) -> f64 {
    match dt {
        DType::Float64 => f64::from_bits(w),
        DType::Int64 => w as i64 as f64,
        DType::Bool => (w != 0) as i64 as f64,
    }
}

/// An element word read as i64 (int and bool dtypes).
#[inline(always)]
pub fn word_i64(dt: DType, w: u64) -> i64 {
    match dt {
        DType::Float64 => f64_to_i64(f64::from_bits(w)),
        DType::Int64 => w as i64,
        DType::Bool => (w != 0) as i64,
    }
}

#[inline(always)]
pub fn word_bool(dt: DType, w: u64) -> bool {
    match dt {
        DType::Float64 => f64::from_bits(w) != 0.0,
        _ => w != 0,
    }
}

/// Converts a word between dtypes.
#[inline]
pub fn convert_word(from: DType, to: DType, w: u64) -> u64 {
    if from == to {
        return w;
    }
    match to {
        DType::Float64 => word_f64(from, w).to_bits(),
        DType::Int64 => word_i64(from, w) as u64,
        DType::Bool => word_bool(from, w) as u64,
    }
}

/// The kind of an operand for promotion: an array/numpy scalar (strong) or a Python scalar (weak).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpType {
    pub dtype: DType,
    pub weak: bool,
}

/// numpy 2 promotion (NEP 50): weak Python scalars only raise the *kind*.
pub fn promote(a: OpType, b: OpType) -> DType {
    match (a.weak, b.weak) {
        (false, false) | (true, true) => a.dtype.max(b.dtype),
        (false, true) => weak_with(a.dtype, b.dtype),
        (true, false) => weak_with(b.dtype, a.dtype),
    }
}

fn weak_with(strong: DType, weak: DType) -> DType {
    // Python int with a bool array gives int64; Python float with int/bool gives float64.
    strong.max(weak)
}
