DATA_DIR = "data"
RESULTS_DIR = "results"
MODELS_DIR = "models"
