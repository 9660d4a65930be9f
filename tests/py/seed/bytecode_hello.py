# The seed's first example: print("Hello") (compiled to LOAD_NAME/LOAD_CONST/CALL/...).
print("Hello")
