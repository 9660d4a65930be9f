print("loading sound.effects.surround")
NAME = "surround"
