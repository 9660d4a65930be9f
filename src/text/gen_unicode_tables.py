"""Generates src/text/unicode_tables.rs from CPython 3.11's unicodedata (Unicode 14.0)."""
import sys, unicodedata
def ranges(pred):
    out = []; start = None
    for c in range(0x110000 + 1):
        ok = c < 0x110000 and not (0xd800 <= c < 0xe000) and pred(chr(c))
        if ok and start is None: start = c
        if not ok and start is not None:
            out.append((start, c - 1)); start = None
    return out
def emit(name, doc, rs):
    lines = ['/// %s (%d ranges)' % (doc, len(rs)), '#[rustfmt::skip]', 'pub(crate) static %s: &[u32] = &[' % name]
    items = ['0x%X,0x%X,' % r for r in rs]
    row = '   '
    for it in items:
        if len(row) + len(it) + 1 > 100:
            lines.append(row); row = '   '
        row += ' ' + it
    if row.strip(): lines.append(row)
    lines.append('];\n')
    return '\n'.join(lines)
def table_map(name, doc, pairs):
    lines = ['/// %s (%d entries)' % (doc, len(pairs)), '#[rustfmt::skip]', 'pub(crate) static %s: &[(char, &str)] = &[' % name]
    row = '   '
    for c, s in pairs:
        it = "('\\u{%x}', \"%s\")," % (c, ''.join('\\u{%x}' % ord(x) for x in s))
        if len(row) + len(it) + 1 > 100:
            lines.append(row); row = '   '
        row += ' ' + it
    if row.strip(): lines.append(row)
    lines.append('];\n')
    return '\n'.join(lines)
out = ['//! Unicode property tables generated from CPython 3.11.7\'s `unicodedata`',
       '//! (Unicode %s) so the `str.is*` predicates and `repr` agree with CPython' % unicodedata.unidata_version,
       '//! exactly; Rust\'s `char` methods follow a newer Unicode and different',
       '//! definitions (e.g. `is_alphabetic` is not Python\'s `isalpha`).',
       '//! Plain lower/upper mappings use Rust\'s `char::to_lowercase`/`to_uppercase`;',
       '//! only titlecase and casefold exceptions are tabulated here.',
       '//! Regenerate with `gen_tables.py` (kept next to this file).',
       '//! Range tables are flat `[lo0, hi0, lo1, hi1, ...]` inclusive pairs.', '']
out.append(emit('PRINTABLE', '`str.isprintable()` per character', ranges(str.isprintable)))
out.append(emit('ALPHA', '`str.isalpha()`: categories Lu Ll Lt Lm Lo', ranges(str.isalpha)))
out.append(emit('DECIMAL', '`str.isdecimal()`', ranges(str.isdecimal)))
out.append(emit('DIGIT', '`str.isdigit()`', ranges(str.isdigit)))
out.append(emit('NUMERIC', '`str.isnumeric()`', ranges(str.isnumeric)))
out.append(emit('SPACE', '`str.isspace()`', ranges(str.isspace)))
out.append(emit('XID_START', 'identifier start: XID_Start or `_`', ranges(str.isidentifier)))
out.append(emit('XID_CONTINUE', 'identifier continuation: XID_Continue', ranges(lambda c: ('a' + c).isidentifier())))
out.append(emit('TITLECASE', 'category Lt (`istitle` treats these as upper-like)', ranges(lambda c: unicodedata.category(c) == 'Lt')))
out.append(emit('LOWER', '`Lowercase` property (Python\'s islower per character)', ranges(lambda c: c.islower() )))
out.append(emit('UPPER', '`Uppercase` property (Python\'s isupper per character)', ranges(lambda c: c.isupper())))
def case_ignorable(c):
    # Derived from CPython's own final-sigma behaviour (unicodedata does not
    # expose Case_Ignorable): see handle_capital_sigma in unicodeobject.c.
    cased = unicodedata.category(c) == 'Lt' or c.islower() or c.isupper()
    if cased:
        return (' ' + c + '\u03a3').lower()[-1] == '\u03c3'
    return ('A\u03a3' + c + 'A').lower()[1] == '\u03c3'
out.append(emit('CASE_IGNORABLE', 'Case_Ignorable property (for the final-sigma rule)', ranges(case_ignorable)))
# per-character case mappings
def cps():
    for c in range(0x110000):
        if 0xd800 <= c < 0xe000: continue
        yield c
lower = [(c, chr(c).lower()) for c in cps() if chr(c).lower() != chr(c)]
upper = [(c, chr(c).upper()) for c in cps() if chr(c).upper() != chr(c)]
title = [(c, chr(c).title()) for c in cps() if chr(c).title() != chr(c).upper()]
fold = [(c, chr(c).casefold()) for c in cps() if chr(c).casefold() != chr(c).lower()]
out.append(table_map('TITLE_EXCEPTIONS', 'full titlecase mapping where it differs from uppercase', title))
out.append(table_map('FOLD_EXCEPTIONS', 'full case folding where it differs from lowercase', fold))
cased = ranges(lambda c: unicodedata.category(c) in ('Lu','Ll','Lt') or c.islower() or c.isupper())
sys.stdout.write('\n'.join(out))
print(len(lower), len(upper), len(title), len(fold), file=sys.stderr)
