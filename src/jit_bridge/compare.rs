//! `numjit --compare FILE`: runs the script with the JIT off, then on, in two child processes of
//! the same binary; checks that both printed the same and prints a side-by-side table of wall
//! time and speed-up, followed by the JIT run's `--stats`.

use std::process::Command;
use std::time::Instant;

use super::CliOptions;

struct RunOut {
    stdout: Vec<u8>,
    stderr: String,
    status: i32,
    secs: f64,
}

fn run_child(
    exe: &std::path::Path,
    flags: &[&str],
    file: &str,
    args: &[String],
) -> Result<RunOut, String> {
    let t0 = Instant::now();
    let out = Command::new(exe)
        .args(flags)
        .arg(file)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    Ok(RunOut {
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code().unwrap_or(-1),
        secs: t0.elapsed().as_secs_f64(),
    })
}

/// Runs the comparison; returns the exit status (0 when both runs printed the same).
pub fn run(file: &str, args: &[String], opts: &CliOptions) -> i32 {
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("numjit --compare: {e}");
            return 2;
        }
    };
    let thr = opts.threshold.map(|t| format!("--jit-threshold={t}"));
    let mut on_flags = vec!["--jit=on", "--stats"];
    if let Some(t) = &thr {
        on_flags.push(t);
    }
    let off = run_child(&exe, &["--jit=off"], file, args);
    let on = run_child(&exe, &on_flags, file, args);
    let (off, on) = match (off, on) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("numjit --compare: {e}");
            return 2;
        }
    };
    let same = off.stdout == on.stdout && off.status == on.status;
    let mut t = String::new();
    t.push_str(&format!("numjit --compare {file}\n"));
    t.push_str(&format!(
        "{:<22}{:>14}{:>14}{:>10}\n",
        "", "interpreter", "jit", "speed-up"
    ));
    t.push_str(&format!(
        "{:<22}{:>14.3}{:>14.3}{:>9.1}x\n",
        "wall time (s)",
        off.secs,
        on.secs,
        off.secs / on.secs.max(1e-9)
    ));
    for key in ["KERNEL_SECONDS", "FIRST_CALL_SECONDS"] {
        let find = |o: &[u8]| {
            String::from_utf8_lossy(o).lines().find_map(|l| {
                l.strip_prefix(key)
                    .and_then(|v| v.trim().parse::<f64>().ok())
            })
        };
        if let (Some(a), Some(b)) = (find(&off.stdout), find(&on.stdout)) {
            t.push_str(&format!(
                "{:<22}{:>14.6}{:>14.6}{:>9.1}x\n",
                key.to_lowercase(),
                a,
                b,
                a / b.max(1e-12)
            ));
        }
    }
    t.push_str(&format!(
        "{:<22}{:>14}{:>14}\n",
        "exit status", off.status, on.status
    ));
    t.push_str(&format!(
        "output                {}\n",
        if same { "identical" } else { "DIFFERENT" }
    ));
    if !same {
        t.push_str("--- interpreter stdout ---\n");
        t.push_str(&String::from_utf8_lossy(&off.stdout));
        t.push_str("--- jit stdout ---\n");
        t.push_str(&String::from_utf8_lossy(&on.stdout));
    }
    let stats: String = on
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("numjit JIT statistics"))
        .map(|l| format!("{l}\n"))
        .collect();
    t.push_str(&stats);
    print!("{t}");
    if same {
        0
    } else {
        1
    }
}
