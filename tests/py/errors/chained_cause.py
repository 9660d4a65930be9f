class ConfigError(Exception):
    pass
def read_config(d):
    try:
        return d["path"]
    except KeyError as e:
        raise ConfigError("config has no path") from e
read_config({})
