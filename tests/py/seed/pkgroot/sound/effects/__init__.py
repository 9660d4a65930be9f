# from sound.effects import * -> imports three submodules
__all__ = ["echo", "surround", "reverse"]
