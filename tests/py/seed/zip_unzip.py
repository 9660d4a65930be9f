# Example from my flood mapping project
channels = [True, False, True, True, True]
channel_names = ["red", "green", "blue", "nir", "swir"]
for item in zip(channels, channel_names):
    print(item)
print(list(zip([1, 2, 3], "ab")))
zipped_list = [(1, "one"), (2, "two"), (3, "three")]
nums, words = zip(*zipped_list)
print(nums)
print(words)
lst1 = [x[0] for x in zipped_list]
lst2 = [x[1] for x in zipped_list]
print(lst1, lst2)
try:
    a, b = zip(*[])
except ValueError as e:
    print("ValueError:", e)
print([x[0] for x in []])
