MODEL_NAMES = ["unet", "resnet"]
