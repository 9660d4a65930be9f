# Two-character operators get two carets; the operands get `~`.
values = {"base": 2}
result = values["base"]  **  "three"
