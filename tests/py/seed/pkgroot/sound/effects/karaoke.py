NAME = "karaoke"
