//! Compile latency of a text-form IR file, after a warm-up compile:
//! `cargo run --release -p numjit-jit --example compile_time -- FILE.nj [N] [--checked-int]`.
//! Prints the median of N compiles (default 50). With `perf record` around it, it shows
//! where Cranelift spends the time on one function.
use numjit_jit::*;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: compile_time FILE.nj [N] [--checked-int]");
        std::process::exit(2);
    };
    let src = std::fs::read_to_string(path).expect("readable file");
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let opts = Options {
        checked_int: args.iter().any(|a| a == "--checked-int"),
        ..Options::default()
    };
    let mut times = Vec::new();
    for _ in 0..=n {
        let t = Instant::now();
        let code = compile_text(&src, &opts).expect("compiles");
        times.push(t.elapsed());
        drop(code);
    }
    times.remove(0);
    times.sort();
    println!("median of {n}: {:?}", times[n / 2]);
}
