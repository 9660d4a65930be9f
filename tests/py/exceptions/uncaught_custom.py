class ConfigError(Exception):
    pass
print("before")
raise ConfigError("bad setting", 3)
