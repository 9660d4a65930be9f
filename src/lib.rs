//! numjit library
