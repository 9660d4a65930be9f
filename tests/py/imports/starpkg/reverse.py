NAME = "reverse"
