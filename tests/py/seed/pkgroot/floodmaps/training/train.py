def train_s2(epochs):
    return f"trained s2 for {epochs} epochs"
