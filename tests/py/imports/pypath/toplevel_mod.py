WHERE = "found on PYTHONPATH"
