print("init mypkg.sub")
