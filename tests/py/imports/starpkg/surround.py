NAME = "surround"
