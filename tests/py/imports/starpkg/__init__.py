__all__ = ["echo", "surround", "reverse"]
