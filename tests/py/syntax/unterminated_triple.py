"""unterminated
triple quote
