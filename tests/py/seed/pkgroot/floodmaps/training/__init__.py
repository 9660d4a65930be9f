from .train import train_s2
