"""
AI Flood Detection Package
This package contains modules for flood detection using satellite imagery,
including data preprocessing, model architectures, training, and inference.
"""
__version__ = "1.0.0"
__author__ = "Hydrosm DMA Team"
# Make key components easily importable
from . import models
from . import utils
from .training import train_s2
# Expose commonly used utilities
from .utils.config import Config
from .utils.utils import DATA_DIR, RESULTS_DIR, MODELS_DIR
