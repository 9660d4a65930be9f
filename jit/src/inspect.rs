//! Inspection helpers: annotate Cranelift's CLIF text and machine-code listing with the
//! source line ids the IR carried (Cranelift prints them as hex `@000c` source locations).

use cranelift_codegen::Context;

/// Appends `; line N` to every CLIF instruction that carries a source location.
pub(crate) fn annotate_clif(clif: &str) -> String {
    let mut out = String::with_capacity(clif.len() + clif.len() / 4);
    for l in clif.lines() {
        out.push_str(l);
        let t = l.trim_start();
        if let Some(rest) = t.strip_prefix('@') {
            let hex: String = rest.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
            if let Ok(n) = u32::from_str_radix(&hex, 16) {
                out.push_str(&format!("  ; line {n}"));
            }
        }
        out.push('\n');
    }
    out
}

/// Cranelift's VCode listing (from `set_disasm(true)`) followed by a table mapping machine
/// code offset ranges to source line ids.
pub(crate) fn annotate_asm(ctx: &Context) -> String {
    let Some(cc) = ctx.compiled_code() else {
        return String::new();
    };
    let mut out = cc.vcode.clone().unwrap_or_default();
    let locs = cc.buffer.get_srclocs_sorted();
    if !locs.is_empty() {
        out.push_str("\n; code offsets → source line ids\n");
        let mut last: Option<(u32, u32, u32)> = None;
        let flush = |out: &mut String, r: Option<(u32, u32, u32)>| {
            if let Some((s, e, l)) = r {
                out.push_str(&format!(";   {s:#06x}..{e:#06x}  line {l}\n"));
            }
        };
        for m in locs {
            if m.loc.is_default() {
                continue;
            }
            let l = m.loc.bits();
            last = match last {
                Some((s, e, pl)) if pl == l && e == m.start => Some((s, m.end, l)),
                prev => {
                    flush(&mut out, prev);
                    Some((m.start, m.end, l))
                }
            };
        }
        flush(&mut out, last);
    }
    out
}
