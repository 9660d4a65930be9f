print("floodmaps.inference loaded lazily")
PREDICT = "predict"
