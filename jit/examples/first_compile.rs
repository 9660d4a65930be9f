//! Compile latency of a process's first compile against later ones:
//! `cargo run --release -p numjit-jit --example first_compile`. The first pays for building
//! the ISA, faulting in Cranelift's code and growing the allocator (about 0.9 ms against
//! 0.25 ms for the dot kernel on the reference machine); a script's first hot loop waits for it.
use numjit_jit::*;
use std::time::Instant;

fn main() {
    let src = include_str!("../kernels/dot.nj");
    for k in 0..4 {
        let t = Instant::now();
        let code = compile_text(src, &Options::default()).unwrap();
        println!("compile {k}: {:?}", t.elapsed());
        drop(code);
    }
}
