print("loading sound.effects.reverse")
NAME = "reverse"
