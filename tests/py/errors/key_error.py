d = {"one": 1}
print(d["one"])
print(d["two"])
