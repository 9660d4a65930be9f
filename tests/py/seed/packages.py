# env: PYTHONPATH=pkgroot
import floodmaps
print(floodmaps.__version__, floodmaps.__author__)
print(floodmaps.__doc__.strip().splitlines()[0])
print(floodmaps.models.MODEL_NAMES, floodmaps.train_s2(3))
from floodmaps import Config, DATA_DIR, RESULTS_DIR, MODELS_DIR
print(Config(lr=0.1), DATA_DIR, RESULTS_DIR, MODELS_DIR)
from floodmaps import train_s2, models
print(train_s2 is floodmaps.training.train.train_s2, models.MODEL_NAMES)
# submodules not imported by __init__.py are loaded only when explicitly imported
print(hasattr(floodmaps, "inference"))
try:
    from floodmaps import not_a_module
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
import floodmaps.inference
print(floodmaps.inference.PREDICT)
from sound.effects import *
print(echo.NAME, surround.NAME, reverse.NAME)
print("karaoke" in dir())
import sound.effects.karaoke as k
print(k.NAME)
