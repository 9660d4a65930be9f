print("loading sound.effects.echo")
NAME = "echo"
